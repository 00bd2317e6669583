//! Export: the store (or one graph of it) in any RDF format oxigraph writes.
//!
//! The format comes from `--format` (a name, an extension or a media type)
//! or else from the output file's extension, as the oxigraph CLI does.
//! Formats without named graphs get the union of all graphs, each triple
//! once. N-Quads and N-Triples are written sorted, so two stores with the
//! same content export byte-identical files.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Triple};

use crate::store::GraphStore;
use crate::vocab::PREFIXES;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error(
        "unknown RDF format `{0}` (expected turtle, ntriples, nquads, trig, rdfxml, jsonld, an extension or a media type)"
    )]
    UnknownFormat(String),
    #[error("cannot tell the format of {0}: give --format")]
    NoFormat(String),
    #[error("no graph <{0}> in the store")]
    NoSuchGraph(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("writing")]
    Write(#[from] std::io::Error),
}

/// Parses a format name, file extension or media type.
pub fn parse_format(name: &str) -> Result<RdfFormat, ExportError> {
    let lowered = name.to_ascii_lowercase();
    let by_name = match lowered.as_str() {
        "turtle" => Some(RdfFormat::Turtle),
        "ntriples" | "n-triples" => Some(RdfFormat::NTriples),
        "nquads" | "n-quads" => Some(RdfFormat::NQuads),
        "trig" => Some(RdfFormat::TriG),
        "rdfxml" | "rdf-xml" | "xml" => Some(RdfFormat::RdfXml),
        "jsonld" | "json-ld" => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        "n3" => Some(RdfFormat::N3),
        _ => None,
    };
    by_name
        .or_else(|| RdfFormat::from_extension(&lowered))
        .or_else(|| RdfFormat::from_media_type(&lowered))
        .ok_or_else(|| ExportError::UnknownFormat(name.to_owned()))
}

/// Whether `path` names a gzip file (`.gz`): what is written to it is
/// compressed, and its format is the extension before `.gz`.
pub fn is_gzip(path: &Path) -> bool {
    crate::input::name_and_compression(path).1
}

/// The extension that names a file's format, lowercased: `ttl` for
/// `graph.ttl` and for `graph.ttl.gz`.
pub fn extension_of(path: &Path) -> Option<String> {
    let (name, _) = crate::input::name_and_compression(path);
    Some(Path::new(&name).extension()?.to_str()?.to_owned())
}

/// The format an output file's extension names (`.ttl`, `.nq.gz`); Turtle
/// for standard output and for a file without an extension.
pub fn format_of(output: Option<&Path>) -> Result<RdfFormat, ExportError> {
    let Some(path) = output else {
        return Ok(RdfFormat::Turtle);
    };
    match extension_of(path) {
        Some(extension) => RdfFormat::from_extension(&extension)
            .ok_or_else(|| ExportError::NoFormat(path.display().to_string())),
        None => Ok(RdfFormat::Turtle),
    }
}

/// A serializer for `format`, with the built-in prefixes where it has prefixes.
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::N3) {
        for (prefix, iri) in PREFIXES {
            serializer = serializer
                .with_prefix(*prefix, *iri)
                .expect("the built-in prefixes are valid IRIs");
        }
    }
    serializer
}

/// Writes the store, or one named graph of it, to `out` in `format`.
pub fn export(
    store: &GraphStore,
    format: RdfFormat,
    graph: Option<NamedNodeRef<'_>>,
    out: impl Write,
) -> Result<(), ExportError> {
    if let Some(graph) = graph {
        if !store.contains_graph(graph)? {
            return Err(ExportError::NoSuchGraph(graph.as_str().to_owned()));
        }
    }
    let quads = store.quads_in(graph.map(GraphNameRef::NamedNode));
    let mut writer = serializer(format).for_writer(out);
    if format.supports_datasets() {
        if matches!(format, RdfFormat::NQuads) {
            let mut lines = BTreeSet::new();
            for quad in quads {
                lines.insert(quad?.to_string());
            }
            let mut out = writer.finish()?;
            for line in lines {
                writeln!(out, "{line} .")?;
            }
            out.flush()?;
            return Ok(());
        }
        for quad in quads {
            writer.serialize_quad(&quad?)?;
        }
    } else {
        // Keyed by their N-Triples form: each triple once, in a stable order.
        let mut triples = BTreeMap::new();
        for quad in quads {
            let triple = Triple::from(quad?);
            triples.insert(triple.to_string(), triple);
        }
        if matches!(format, RdfFormat::NTriples) {
            let mut out = writer.finish()?;
            for line in triples.keys() {
                writeln!(out, "{line} .")?;
            }
            out.flush()?;
            return Ok(());
        }
        for triple in triples.values() {
            writer.serialize_triple(triple)?;
        }
    }
    writer.finish()?.flush()?;
    Ok(())
}

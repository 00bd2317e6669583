//! `newsgraph load`: external RDF files (any format oxigraph reads, gzip
//! too) into the store.

use std::fs;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use newsgraph::store::{Access, GraphStore};
use newsgraph::{export, input};

use super::{DEFAULT_STORE, UsageError, iri};

#[derive(Args, Debug)]
pub(super) struct LoadArgs {
    /// RDF files: .ttl, .nt, .nq, .trig, .rdf, .jsonld (optionally .gz)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Store folder, created with its parents if needed
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Put the triples in this named graph (default: the default graph)
    #[arg(long, value_parser = iri)]
    graph: Option<NamedNode>,
    /// Clear --graph before loading
    #[arg(long, requires = "graph")]
    replace: bool,
    /// The format, when the file name does not tell (name, extension or media type)
    #[arg(long, value_parser = export::parse_format)]
    format: Option<RdfFormat>,
}

pub(super) fn run(args: LoadArgs) -> Result<()> {
    // Every file's format is known before the store is touched, so a name
    // that does not tell loads nothing.
    let formats = args
        .files
        .iter()
        .map(|file| format_of(file, args.format))
        .collect::<Result<Vec<_>>>()?;
    let store = GraphStore::open(&args.store, Access::ReadWrite)?;
    if let (Some(graph), true) = (&args.graph, args.replace) {
        store.replace_graph(graph.as_ref(), &[])?;
    }
    let before = store.len()?;
    for (file, format) in args.files.iter().zip(formats) {
        let name = file.display().to_string();
        let (_, gzip) = input::name_and_compression(file);
        let handle = fs::File::open(file).with_context(|| format!("opening {name}"))?;
        let reader = input::decompressed(handle, gzip);
        let show = io::stderr().is_terminal();
        let label = name.clone();
        store.load_rdf(&name, reader, format, args.graph.as_ref(), move |quads| {
            if show {
                eprint!("\r{label}: {quads} quads loaded");
            }
        })?;
        if show {
            eprintln!();
        }
    }
    let after = store.len()?;
    eprintln!(
        "loaded {} file(s) into {}: {} new quads ({after} in all)",
        args.files.len(),
        args.store.display(),
        after.saturating_sub(before)
    );
    Ok(())
}

/// The format of `file`: `--format`, else its extension (under `.gz`).
fn format_of(file: &Path, given: Option<RdfFormat>) -> Result<RdfFormat> {
    if let Some(format) = given {
        return Ok(format);
    }
    let extension = export::extension_of(file).unwrap_or_default();
    RdfFormat::from_extension(&extension).ok_or_else(|| {
        UsageError::value(
            "load",
            format!(
                "cannot tell the RDF format of {}: give --format",
                file.display()
            ),
        )
    })
}

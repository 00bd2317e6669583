//! `newsgraph load`: external RDF files (any format oxigraph reads, gzip
//! too) into the store.

use std::fs;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};

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
    /// Replace --graph by the files' triples, in one transaction (the files are read into memory first)
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
    let before = store.len()?;
    if let (Some(graph), true) = (&args.graph, args.replace) {
        // Read whole first, then one transaction: readers and a crash see
        // the old graph or the new one, never an emptied graph.
        let mut quads = Vec::new();
        for (file, format) in args.files.iter().zip(formats) {
            quads.extend(read_into(file, format, graph)?);
        }
        store.write_graph(graph.as_ref().into(), &quads, true)?;
    } else {
        bulk_load(&store, &args.files, &formats, args.graph.as_ref())?;
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

/// The file's name as messages give it and its contents, decompressed when
/// it is `.gz`.
fn open_rdf(file: &Path) -> Result<(String, impl io::Read + use<>)> {
    let name = file.display().to_string();
    let (_, gzip) = input::name_and_compression(file);
    let handle = fs::File::open(file).with_context(|| format!("opening {name}"))?;
    Ok((name, input::decompressed(handle, gzip)))
}

/// Every file with the bulk loader, each all or nothing.
fn bulk_load(
    store: &GraphStore,
    files: &[PathBuf],
    formats: &[RdfFormat],
    graph: Option<&NamedNode>,
) -> Result<()> {
    for (file, format) in files.iter().zip(formats.iter().copied()) {
        let (name, reader) = open_rdf(file)?;
        let show = io::stderr().is_terminal();
        let label = name.clone();
        store.load_rdf(&name, reader, format, graph, move |quads| {
            if show {
                eprint!("\r{label}: {quads} quads loaded");
            }
        })?;
        if show {
            eprintln!();
        }
    }
    Ok(())
}

/// The quads of `file`, its triples in `graph`; a quad of another graph is
/// refused, since `--replace` replaces that graph alone.
fn read_into(file: &Path, format: RdfFormat, graph: &NamedNode) -> Result<Vec<Quad>> {
    let (name, reader) = open_rdf(file)?;
    let parser = RdfParser::from_format(format).with_default_graph(graph.clone());
    let mut quads = Vec::new();
    for quad in parser.for_reader(reader) {
        let quad = quad.with_context(|| format!("{name}: nothing was stored"))?;
        if quad.graph_name != GraphName::NamedNode(graph.clone()) {
            bail!(
                "{name}: holds quads of graph {}, and --replace replaces {graph} alone: load it without --replace, or drop its graph names; nothing was stored",
                quad.graph_name
            );
        }
        quads.push(quad);
    }
    Ok(quads)
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

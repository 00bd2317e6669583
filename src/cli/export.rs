//! `newsgraph export`: a store, or one graph of it, in an RDF format.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use newsgraph::export;

use super::destination::Destination;
use super::{StoreArgs, UsageError, iri};

#[derive(Args, Debug)]
pub(super) struct ExportArgs {
    /// turtle, ntriples, nquads, trig, rdfxml, jsonld (or an extension or media type); default from --output's extension (under .gz), else turtle
    #[arg(long, value_parser = export::parse_format)]
    format: Option<RdfFormat>,
    /// Output file [default: standard output]; its folders are created; a name ending in .gz is gzip-compressed
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Export only this named graph
    #[arg(long, value_parser = iri)]
    graph: Option<NamedNode>,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: ExportArgs) -> Result<()> {
    let format = match args.format {
        Some(format) => format,
        None => export::format_of(args.output.as_deref())
            .map_err(|error| UsageError::value("export", error.to_string()))?,
    };
    let store = args.store.open()?;
    let graph = args.graph.as_ref().map(NamedNode::as_ref);
    let mut out = Destination::create(args.output.as_deref())?;
    export::export(&store, format, graph, &mut out)?;
    out.finish().context("writing the export")?;
    Ok(())
}

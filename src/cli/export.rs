//! `newsgraph export`: a store, or one graph of it, in an RDF format.

use std::io;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;

use newsgraph::export;
use newsgraph::output::OutputFile;

use super::{StoreArgs, UsageError, iri};

#[derive(Args, Debug)]
pub(super) struct ExportArgs {
    /// turtle, ntriples, nquads, trig, rdfxml, jsonld (or an extension or media type); default from --output's extension, else turtle
    #[arg(long, value_parser = export::parse_format)]
    format: Option<RdfFormat>,
    /// Output file [default: standard output]; its folders are created
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
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            let file =
                OutputFile::create(path).with_context(|| format!("creating {}", path.display()))?;
            export::export(&store, format, graph, file)?;
        }
        _ => export::export(
            &store,
            format,
            graph,
            io::BufWriter::new(io::stdout().lock()),
        )?,
    }
    Ok(())
}

//! `newsgraph query`: SPARQL from the command line, a file, a preset or
//! standard input, written as a table, results or RDF.

use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

use newsgraph::query::{self, OutputFormat, Preset};

use super::destination::Destination;
use super::{StoreArgs, UsageError, seconds};

#[derive(Args, Debug)]
pub(super) struct QueryArgs {
    /// The query; read from standard input when absent and no --file or --preset
    sparql: Option<String>,
    /// Read the query from this file
    #[arg(long, short, conflicts_with_all = ["sparql", "preset"])]
    file: Option<PathBuf>,
    /// Run a built-in query (see --list-presets)
    #[arg(long, short, conflicts_with = "sparql", value_parser = query::preset)]
    preset: Option<&'static Preset>,
    /// List the built-in queries and exit
    #[arg(long)]
    list_presets: bool,
    /// table, csv, tsv, json, xml (or an extension or media type such as srj, text/csv); for CONSTRUCT/DESCRIBE an RDF format (turtle, ntriples, ...); default from --output's extension, else table
    #[arg(long, value_parser = query::parse_output_format)]
    format: Option<OutputFormat>,
    /// Write the results to this file [default: standard output]; its folders are created; a name ending in .gz is gzip-compressed
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Cancel the query after this many seconds
    #[arg(long, value_parser = seconds)]
    timeout: Option<Duration>,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: QueryArgs) -> Result<()> {
    if args.list_presets {
        for preset in query::PRESETS {
            println!("{:<12} {}", preset.name, preset.description);
        }
        return Ok(());
    }
    let text = match (&args.sparql, &args.file, &args.preset) {
        (Some(sparql), _, _) => sparql.clone(),
        (None, Some(file), _) => {
            fs::read_to_string(file).with_context(|| format!("reading query {}", file.display()))?
        }
        (None, None, Some(preset)) => preset.sparql.to_owned(),
        (None, None, None) => {
            if io::stdin().is_terminal() {
                return Err(UsageError::of_kind(
                    "query",
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "give a query, --file, --preset, or pipe the query on standard input",
                ));
            }
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("reading the query from standard input")?;
            text
        }
    };
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => format_of(path)?,
        (None, None) => OutputFormat::Table,
    };
    let store = args.store.open()?;
    if store.summary_is_stale() {
        // Only a read-only open leaves it: a writer's open rebuilds it.
        eprintln!(
            "warning: {}: a load into this store was cut short, so its summary graph (what the presets read) may disagree with the article graphs until the store is next opened for writing",
            store.path().display()
        );
    }
    let mut out = Destination::create(args.output.as_deref())?;
    query::run(&store, &text, format, args.timeout, &mut out)?;
    out.finish().context("writing the results")?;
    Ok(())
}

/// The format `--output`'s extension names: a table for standard output,
/// a file without an extension or a `.txt` file.
fn format_of(path: &Path) -> Result<OutputFormat> {
    if let Some(format) = query::output_format_of(path) {
        return Ok(format);
    }
    match newsgraph::export::extension_of(path).as_deref() {
        None | Some("txt") => Ok(OutputFormat::Table),
        Some(_) => Err(UsageError::value(
            "query",
            format!(
                "cannot tell the result format of {}: give --format",
                path.display()
            ),
        )),
    }
}

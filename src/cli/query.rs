//! `newsgraph query`: SPARQL from the command line, a file, a preset or
//! standard input, written as a table, results or RDF.

use std::fs;
use std::io::{self, IsTerminal, Read};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

use newsgraph::query::{self, OutputFormat, Preset};

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
    /// table (default), csv, tsv, json, xml; for CONSTRUCT/DESCRIBE an RDF format (turtle, ntriples, ...)
    #[arg(long, default_value = "table", value_parser = query::parse_output_format)]
    format: OutputFormat,
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
    let store = args.store.open()?;
    let out = io::BufWriter::new(io::stdout().lock());
    query::run(&store, &text, args.format, args.timeout, out)?;
    Ok(())
}

//! `newsgraph events`: the relation instances of a store as event data
//! (PLOVER JSON Lines or GDELT-style CSV/TSV).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use newsgraph::events::{self, EventsOptions, Schema, TableFormat};

use super::destination::Destination;
use super::{StoreArgs, UsageError};

#[derive(Args, Debug)]
pub(super) struct EventsArgs {
    /// plover (PLOVER/POLECAT JSON Lines) or gdelt (GDELT 2.0 event-table columns)
    #[arg(long, default_value = "plover", value_parser = parse_schema)]
    schema: Schema,
    /// csv, tsv or jsonl [default: jsonl for plover, tsv for gdelt]
    #[arg(long, value_parser = parse_format)]
    format: Option<TableFormat>,
    /// Negated and hypothetical instances too, with a modality field
    #[arg(long)]
    all: bool,
    /// Output file [default: standard output]; its folders are created; a name ending in .gz is gzip-compressed
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
}

fn parse_schema(text: &str) -> Result<Schema, String> {
    text.parse()
        .map_err(|error: events::EventsError| error.to_string())
}

fn parse_format(text: &str) -> Result<TableFormat, String> {
    text.parse()
        .map_err(|error: events::EventsError| error.to_string())
}

pub(super) fn run(args: EventsArgs) -> Result<()> {
    let options = EventsOptions::new(args.schema, args.format, args.all)
        .map_err(|error| UsageError::value("events", error.to_string()))?;
    let store = args.store.open()?;
    let mut out = Destination::create(args.output.as_deref())?;
    events::write_events(&store, options, &mut out)?;
    out.finish().context("writing the events")?;
    Ok(())
}

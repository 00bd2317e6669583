//! `newsgraph graph`: the actor network as SVG or DOT.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use newsgraph::date::Day;
use newsgraph::network;
use newsgraph::output;
use newsgraph::rules::Predicate;

use super::{StoreArgs, UsageError};

/// How the network is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Drawing {
    Svg,
    #[value(alias = "gv")]
    Dot,
}

#[derive(Args, Debug)]
pub(super) struct GraphArgs {
    /// svg or dot [default: from --output's extension, else svg]
    #[arg(long, value_enum, ignore_case = true)]
    format: Option<Drawing>,
    /// Output file [default: standard output]; its folders are created
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Only these relations (mediates, accuses, demands, rejects); repeatable
    #[arg(long = "relation")]
    relations: Vec<Predicate>,
    /// Only articles dated on or after this day (yyyy-mm-dd)
    #[arg(long)]
    since: Option<Day>,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: GraphArgs) -> Result<()> {
    let extension = args
        .output
        .as_ref()
        .and_then(|path| path.extension())
        .map(|extension| extension.to_string_lossy());
    let format = match (args.format, extension) {
        (Some(format), _) => format,
        (None, Some(extension)) => Drawing::from_str(&extension, true).map_err(|_| {
            UsageError::value(
                "graph",
                format!("cannot tell svg or dot from the name `.{extension}`: give --format"),
            )
        })?,
        (None, None) => Drawing::Svg,
    };
    let store = args.store.open()?;
    let network = network::from_store(&store, &args.relations, args.since.as_ref())?;
    let text = match format {
        Drawing::Svg => network::to_svg(&network),
        Drawing::Dot => network::to_dot(&network),
    };
    match &args.output {
        Some(path) if path.as_os_str() != "-" => output::create_parents(path)
            .and_then(|()| fs::write(path, text))
            .with_context(|| format!("writing {}", path.display()))?,
        _ => io::stdout().write_all(text.as_bytes())?,
    }
    Ok(())
}

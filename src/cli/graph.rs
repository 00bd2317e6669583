//! `newsgraph graph`: the actor network as SVG or DOT.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use newsgraph::date::Day;
use newsgraph::network;
use newsgraph::rules::Predicate;

use super::StoreArgs;

#[derive(Args, Debug)]
pub(super) struct GraphArgs {
    /// svg or dot [default: from --output's extension, else svg]
    #[arg(long)]
    format: Option<String>,
    /// Output file [default: standard output]
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
    let format = match (&args.format, &args.output) {
        (Some(format), _) => format.to_ascii_lowercase(),
        (None, Some(path)) => path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("svg")
            .to_ascii_lowercase(),
        (None, None) => "svg".to_owned(),
    };
    let store = args.store.open()?;
    let network = network::from_store(&store, &args.relations, args.since.as_ref())?;
    let text = match format.as_str() {
        "svg" => network::to_svg(&network),
        "dot" | "gv" => network::to_dot(&network),
        other => bail!("unknown graph format `{other}` (expected svg or dot)"),
    };
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        _ => io::stdout().write_all(text.as_bytes())?,
    }
    Ok(())
}

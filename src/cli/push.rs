//! `newsgraph push`: every named graph to a remote Graph Store.

use std::io::{self, IsTerminal};
use std::time::Duration;

use anyhow::Result;
use clap::Args;

use newsgraph::push::{self, PushOptions};

use super::{StoreArgs, http_url, seconds};

#[derive(Args, Debug)]
pub(super) struct PushArgs {
    /// The Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth
    #[arg(long, value_parser = http_url)]
    endpoint: String,
    /// User for HTTP Digest authentication
    #[arg(long, requires = "password")]
    user: Option<String>,
    /// Password for HTTP Digest authentication
    #[arg(long, requires = "user")]
    password: Option<String>,
    /// Seconds to wait for each request
    #[arg(long, default_value = "120", value_parser = seconds)]
    timeout: Duration,
    /// Attempts per graph on connection errors and server errors
    #[arg(long, default_value_t = 4)]
    attempts: u32,
    /// Send every graph, also those this store already pushed unchanged to this endpoint
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: PushArgs) -> Result<()> {
    let store = args.store.open()?;
    let options = PushOptions {
        endpoint: args.endpoint.clone(),
        credentials: args.user.zip(args.password),
        timeout: args.timeout,
        attempts: args.attempts.max(1),
        journal: Some(push::journal_for(store.path(), &args.endpoint)),
        resume: !args.all,
    };
    let show = io::stderr().is_terminal();
    let summary = push::push(&store, &options, |done, total, graph| {
        if show {
            eprint!("\rpushed {done}/{total} graphs ({graph})\x1b[K");
        }
    })?;
    if show {
        eprintln!();
    }
    let skipped = match summary.skipped {
        0 => String::new(),
        n => format!("; {n} graphs already there unchanged were not sent again (--all sends them)"),
    };
    let skipped = if summary.summary_kept_there {
        format!(
            "{skipped}; the endpoint keeps its own summary graph (a newsgraph server), so this store's was not sent"
        )
    } else {
        skipped
    };
    eprintln!(
        "pushed {} graphs, {} triples, {:.1} MB to {} in {:.2} s ({} retries){skipped}",
        summary.graphs,
        summary.triples,
        summary.bytes as f64 / 1e6,
        args.endpoint,
        summary.elapsed.as_secs_f64(),
        summary.retries
    );
    Ok(())
}

//! `newsgraph serve`: the SPARQL endpoint over a store until SIGTERM or
//! Ctrl-C, which flush what updates wrote.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

use newsgraph::serve::{self, ServeOptions};
use newsgraph::store::{Access, GraphStore};

use super::{DEFAULT_STORE, seconds};

#[derive(Args, Debug)]
pub(super) struct ServeArgs {
    /// Store folder
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Address to listen on: IP:PORT or HOST:PORT (localhost:7878, [::1]:7878)
    #[arg(long, default_value = "127.0.0.1:7878", value_parser = socket_address)]
    bind: SocketAddr,
    /// Accept SPARQL Update at /update and Graph Store writes at /store
    #[arg(long)]
    allow_update: bool,
    /// Cancel a query after this many seconds
    #[arg(long, default_value = "60", value_parser = seconds)]
    timeout: Duration,
    /// The most rows or triples one response may hold
    #[arg(long, default_value_t = 1_000_000)]
    max_results: usize,
    /// Allow requests from any origin (CORS)
    #[arg(long)]
    cors: bool,
}

/// `--bind`: an IP address and port, or a host name and port resolved once
/// (an IPv4 address first, as `localhost` is usually meant).
fn socket_address(text: &str) -> Result<SocketAddr, String> {
    if let Ok(address) = text.parse() {
        return Ok(address);
    }
    if !text.contains(':') {
        return Err(format!(
            "`{text}` has no port (give HOST:PORT, e.g. localhost:7878)"
        ));
    }
    let addresses: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|error| format!("cannot resolve `{text}`: {error}"))?
        .collect();
    addresses
        .iter()
        .find(|address| address.is_ipv4())
        .or_else(|| addresses.first())
        .copied()
        .ok_or_else(|| format!("`{text}` resolves to no address"))
}

pub(super) fn run(args: ServeArgs) -> Result<()> {
    let access = if args.allow_update {
        Access::ReadWrite
    } else {
        Access::ReadExisting
    };
    let store = Arc::new(GraphStore::open(&args.store, access)?);
    let options = ServeOptions {
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: args.timeout,
        max_results: args.max_results,
        cors: args.cors,
        max_connections: 128,
    };
    let server = serve::serve(Arc::clone(&store), options)?;
    // SIGTERM or Ctrl-C: flush what updates wrote, then leave with success.
    let flushing = Arc::clone(&store);
    ctrlc::set_handler(move || {
        let code = match flushing.flush() {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("error: {error:#}");
                1
            }
        };
        eprintln!("newsgraph serve: stopped");
        std::process::exit(code);
    })
    .context("installing the SIGTERM/Ctrl-C handler")?;
    eprintln!(
        "newsgraph serve: http://{}/query (SPARQL), /store (Graph Store){}; store {}",
        args.bind,
        if args.allow_update { ", /update" } else { "" },
        args.store.display()
    );
    server.join().context("the server stopped")?;
    Ok(())
}

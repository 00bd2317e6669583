//! `newsgraph serve`: the SPARQL endpoint over a store until SIGTERM or
//! Ctrl-C, which flush what updates wrote.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;

use newsgraph::serve::{self, Backing, ServeOptions};
use newsgraph::store::{Access, GraphStore, Handover};

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
    /// The most bytes of a request body (an update, a graph); longer ones
    /// are answered 413
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    max_body: u64,
    /// How many queries and updates run at once [default: the number of
    /// CPU cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1024))]
    max_queries: Option<u64>,
    /// How many more may wait for one of them (the rest are answered 503
    /// with Retry-After)
    #[arg(long, value_name = "N", default_value_t = 32)]
    queue: usize,
    /// Close a connection silent this many seconds (sending nothing, or
    /// not reading its answer)
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    idle_timeout: Duration,
    /// Keep up to this many megabytes of query answers until the store
    /// changes (0: keep none)
    #[arg(long, value_name = "MB", default_value_t = 64)]
    cache_size: usize,
    /// No line per request on standard error
    #[arg(long, short)]
    quiet: bool,
    /// Allow requests from any origin (CORS)
    #[arg(long)]
    cors: bool,
    /// Writes need a bearer token listed in this file: lines of NAME and
    /// the token's SHA-256 (`printf %s "$TOKEN" | sha256sum`). Required with
    /// --allow-update on an address other than loopback
    #[arg(long, value_name = "FILE", requires = "allow_update")]
    auth: Option<PathBuf>,
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

/// The server's options from its flags; `--max-queries` defaults to the
/// number of CPU cores.
fn serve_options(args: &ServeArgs, credentials: Option<serve::Credentials>) -> ServeOptions {
    ServeOptions {
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: args.timeout,
        max_results: args.max_results,
        cors: args.cors,
        max_connections: 128,
        max_body: args.max_body,
        max_queries: args.max_queries.map_or_else(
            || std::thread::available_parallelism().map_or(2, usize::from),
            |n| n as usize,
        ),
        queue: args.queue,
        idle_timeout: args.idle_timeout,
        log: !args.quiet,
        credentials,
        cache_bytes: args.cache_size.saturating_mul(1 << 20),
    }
}

pub(super) fn run(args: ServeArgs) -> Result<()> {
    let credentials = args
        .auth
        .as_deref()
        .map(serve::Credentials::read)
        .transpose()?;
    if args.allow_update && credentials.is_none() && !args.bind.ip().is_loopback() {
        bail!(
            "--allow-update on {}, which is not a loopback address, needs --auth FILE: without it anyone who reaches the port could change the store",
            args.bind
        );
    }
    let access = if args.allow_update {
        Access::ReadWrite
    } else {
        Access::Shared
    };
    let store = GraphStore::open(&args.store, access)?;
    let options = serve_options(&args, credentials);
    // Announced before it listens: a client that sees the port open and
    // then runs a command on the store finds the server's file there. A
    // read-only server lets go of the store while a build or load writes
    // it, and answers with the new graph after.
    let url = format!("http://{}", args.bind);
    type Unmark = Box<dyn Fn() + Send>;
    let (backing, unmark, flushing): (Backing, Unmark, _) = if args.allow_update {
        let store = Arc::new(store);
        let mark = store.announce_server(&url, true)?;
        let backing = Backing::Fixed(Arc::clone(&store));
        (backing, Box::new(move || mark.remove()), Some(store))
    } else {
        let handover = Arc::new(Handover::new(store, &url)?);
        let marked = Arc::clone(&handover);
        let backing = Backing::Handover(handover);
        (backing, Box::new(move || marked.mark().remove()), None)
    };
    let server = serve::serve(backing, options)?;
    // SIGTERM or Ctrl-C: flush what updates wrote, then leave with success.
    ctrlc::set_handler(move || {
        unmark();
        let flushed = flushing.as_ref().map_or(Ok(()), |store| store.flush());
        let code = match flushed {
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
        match (args.allow_update, args.auth.is_some()) {
            (false, _) => "",
            (true, false) => ", /update",
            (true, true) => ", /update (writes need a token)",
        },
        args.store.display()
    );
    server.join().context("the server stopped")?;
    Ok(())
}

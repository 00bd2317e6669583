//! The SPARQL endpoint: the SPARQL 1.1 Protocol at `/query` (and `/update`
//! when allowed) and Graph Store Protocol reads (writes when allowed) at
//! `/store`, over the store, with the union of all graphs as the default
//! graph, a query timeout, a limit on result size and CORS on request; and
//! the page `web/index.html` with what it asks for (`/presets`,
//! `/graph.svg`).
//!
//! It owns HTTP: routing (this file), responses and requests (`http`),
//! content negotiation (`negotiate`), the SPARQL Protocol (`sparql`) and the
//! Graph Store Protocol (`graph_store`). The HTTP server itself is oxhttp's;
//! evaluation is oxigraph's, through [`GraphStore`]. A query parameter is
//! parsed with the parser of the command-line flag it mirrors.

mod auth;
mod cache;
mod gate;
mod graph_store;
mod http;
mod negotiate;
mod sparql;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::{ListeningServer, Server};

use crate::date::Day;
use crate::rules::Predicate;
use crate::store::{GraphStore, HandedOver, Handover};
use http::{ok, param, query_pairs, text, with_causes};

pub use auth::{Credentials, CredentialsError, Refusal};

/// The store a server answers from: one it holds for its whole life (a
/// server that writes), or one it lets go of while another newsgraph
/// process writes it ([`Handover`], a read-only server).
#[derive(Debug, Clone)]
pub enum Backing {
    Fixed(Arc<GraphStore>),
    Handover(Arc<Handover>),
}

impl From<Arc<GraphStore>> for Backing {
    fn from(store: Arc<GraphStore>) -> Backing {
        Backing::Fixed(store)
    }
}

impl Backing {
    fn current(&self) -> Result<Arc<GraphStore>, HandedOver> {
        match self {
            Backing::Fixed(store) => Ok(Arc::clone(store)),
            Backing::Handover(handover) => handover.current(),
        }
    }
}

/// How often a read-only server looks for a writer waiting for its store.
const WATCH_EVERY: Duration = Duration::from_millis(100);

/// The answer while another process writes the store: retry shortly.
fn handed_over(handed: &HandedOver) -> Response<Body> {
    let mut message = format!(
        "the store is being written by newsgraph process {} (a build or a load); retry shortly",
        handed.writer
    );
    if let Some(error) = &handed.error {
        message.push_str(&format!(" (reopening it failed: {error})"));
    }
    let mut response = text(StatusCode::SERVICE_UNAVAILABLE, message);
    response
        .headers_mut()
        .insert("Retry-After", HeaderValue::from_static("2"));
    response
}

/// How the endpoint behaves.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: SocketAddr,
    /// Accept SPARQL Update and Graph Store writes.
    pub allow_update: bool,
    pub timeout: Duration,
    /// The most solutions or triples one response may hold.
    pub max_results: usize,
    /// Send `Access-Control-Allow-Origin: *` and answer preflight requests.
    pub cors: bool,
    pub max_connections: usize,
    /// The most bytes of a request body (a longer one is answered 413).
    pub max_body: u64,
    /// How many queries and updates run at once, and how many more may
    /// wait for one of them to end (beyond that: 503 with `Retry-After`).
    pub max_queries: usize,
    pub queue: usize,
    /// How long a connection may be silent (sending nothing, or not reading
    /// its answer) before it is closed: a client that opens sockets and
    /// sends nothing holds a worker this long at most.
    pub idle_timeout: Duration,
    /// Write a line per request on standard error: method, path, status
    /// and milliseconds.
    pub log: bool,
    /// Who may write (with `allow_update`); `None`: whoever reaches the
    /// port, which the command line allows on loopback only.
    pub credentials: Option<Credentials>,
    /// The most bytes of query answers kept until the store changes (0:
    /// none kept).
    pub cache_bytes: usize,
}

/// How long a refused write waits before its answer, so that guessing
/// tokens is slow.
const REFUSAL_DELAY: Duration = Duration::from_millis(500);

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("cannot listen on {bind}")]
    Bind {
        bind: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// Starts the server in background threads; `join` the result to wait. A
/// [`Backing::Handover`] is watched by one more thread, for the life of
/// the process.
pub fn serve(
    backing: impl Into<Backing>,
    options: ServeOptions,
) -> Result<ListeningServer, ServeError> {
    let backing = backing.into();
    let bind = options.bind;
    let max_connections = options.max_connections;
    let handler_options = options.clone();
    let gate = Arc::new(gate::Gate::new(
        options.max_queries,
        options.queue,
        options.timeout,
    ));
    let cache = Arc::new(cache::ResultCache::new(options.cache_bytes));
    if let Backing::Handover(handover) = &backing {
        let handover = Arc::clone(handover);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(WATCH_EVERY);
                handover.watch();
            }
        });
    }
    Server::new(move |request| {
        let started = std::time::Instant::now();
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let mut response = match backing.current() {
            Ok(store) => match gate.enter(uses_a_query_slot(request.uri().path())) {
                Ok(pass) => handle(&store, &pass, (&handler_options, &cache), request),
                Err(full) => busy(&full),
            },
            Err(handed) => handed_over(&handed),
        };
        if is_write(&path, &method) {
            // Committed (or refused) by now: answers kept before go.
            cache.invalidate();
        }
        if handler_options.cors {
            response
                .headers_mut()
                .insert("Access-Control-Allow-Origin", HeaderValue::from_static("*"));
        }
        if handler_options.log {
            let kept = response
                .headers()
                .get("Cache-Status")
                .is_some_and(|status| status.as_bytes().ends_with(b"; hit"));
            let rows = response
                .extensions()
                .get::<sparql::Rows>()
                .map_or_else(String::new, |rows| format!(" {} rows", rows.0));
            eprintln!(
                "{method} {path} {} {} ms{rows}{}",
                response.status().as_u16(),
                started.elapsed().as_millis(),
                if kept { " (kept answer)" } else { "" }
            );
        }
        response
    })
    .bind(bind)
    .with_server_name(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
    .expect("the server name is a valid header")
    // Each read and write on a connection; evaluation is bounded by the
    // query timeout, which needs no socket.
    .with_global_timeout(options.idle_timeout)
    .with_max_concurrent_connections(max_connections)
    .spawn()
    .map_err(|source| ServeError::Bind { bind, source })
}

/// Routes a request by path and method.
fn handle(
    store: &Arc<GraphStore>,
    pass: &Arc<gate::Pass>,
    (options, cache): (&ServeOptions, &cache::ResultCache),
    request: &mut Request<Body>,
) -> Response<Body> {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    if method == Method::OPTIONS && options.cors {
        return preflight();
    }
    if let Some(credentials) = &options.credentials
        && is_write(&path, &method)
        && let Err(refusal) = credentials.check(
            request
                .headers()
                .get("Authorization")
                .map(HeaderValue::as_bytes),
        )
    {
        return refused(&method, &path, &refusal);
    }
    match (path.as_str(), method) {
        ("/", Method::GET) => ok(
            "text/html; charset=utf-8",
            include_str!("../../web/index.html").as_bytes().to_vec(),
        ),
        ("/presets", Method::GET) => presets(),
        ("/graph.svg", Method::GET) => network_svg(store, &query_pairs(request)),
        ("/help", Method::GET) => help(options),
        ("/query", Method::GET) => sparql::query_get(store, pass, (options, cache), request),
        ("/query", Method::POST) => sparql::query_post(store, pass, (options, cache), request),
        ("/update", Method::POST) => sparql::update_post(store, options, request),
        ("/store", method) => graph_store::graph_store(store, options, method, request),
        (_, Method::GET | Method::POST) => text(
            StatusCode::NOT_FOUND,
            format!("no such endpoint `{path}`; try /query, /update or /store"),
        ),
        _ => text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    }
}

/// Whether a request evaluates SPARQL or writes, and so waits for one of
/// the `max_queries` slots.
fn uses_a_query_slot(path: &str) -> bool {
    matches!(path, "/query" | "/update" | "/store" | "/graph.svg")
}

/// The answer when every query slot is taken and the queue is full.
fn busy(full: &gate::Full) -> Response<Body> {
    let mut response = text(StatusCode::SERVICE_UNAVAILABLE, full.to_string());
    response
        .headers_mut()
        .insert("Retry-After", HeaderValue::from_static("1"));
    response
}

/// Whether a request would change the store (when updates are allowed).
fn is_write(path: &str, method: &Method) -> bool {
    match path {
        "/update" => true,
        "/store" => !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS),
        _ => false,
    }
}

/// A write without valid credentials: logged, slowed, answered 401.
fn refused(method: &Method, path: &str, refusal: &Refusal) -> Response<Body> {
    eprintln!("newsgraph serve: refused {method} {path}: {refusal}");
    std::thread::sleep(REFUSAL_DELAY);
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        format!("write refused: {refusal}"),
    );
    response.headers_mut().insert(
        "WWW-Authenticate",
        HeaderValue::from_static("Bearer realm=\"newsgraph\""),
    );
    response
}

/// The answer to a CORS preflight request.
fn preflight() -> Response<Body> {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header(
            "Access-Control-Allow-Methods",
            "GET, POST, PUT, DELETE, OPTIONS",
        )
        .header(
            "Access-Control-Allow-Headers",
            "Content-Type, Accept, Authorization",
        )
        .body(Body::empty())
        .expect("a preflight response is valid")
}

/// `/presets`: the built-in queries as JSON, for the page's menu.
fn presets() -> Response<Body> {
    let presets: Vec<serde_json::Value> = crate::query::PRESETS
        .iter()
        .map(|p| serde_json::json!({ "name": p.name, "description": p.description, "sparql": p.sparql }))
        .collect();
    ok(
        "application/json",
        serde_json::to_vec(&presets).expect("presets serialize"),
    )
}

fn help(options: &ServeOptions) -> Response<Body> {
    let update = if options.allow_update {
        "enabled"
    } else {
        "disabled: start with --allow-update"
    };
    ok(
        "text/plain; charset=utf-8",
        format!(
            "newsgraph SPARQL endpoint\n  /query   SPARQL 1.1 Protocol (GET ?query=, POST form or application/sparql-query)\n  /update  SPARQL 1.1 Update ({update})\n  /store   Graph Store Protocol (?graph=IRI or ?default)\n"
        )
        .into_bytes(),
    )
}

/// `/graph.svg`: the network of the `relation`s (all when none) from
/// articles dated on or after `since`; 400 when either is malformed.
fn network_svg(store: &GraphStore, pairs: &[(String, String)]) -> Response<Body> {
    let relations = pairs
        .iter()
        .filter(|(key, _)| key == "relation")
        .map(|(_, value)| value.parse::<Predicate>())
        .collect::<Result<Vec<_>, _>>();
    let relations = match relations {
        Ok(relations) => relations,
        Err(error) => return text(StatusCode::BAD_REQUEST, with_causes(&error)),
    };
    let since = match param(pairs, "since").map(str::parse::<Day>).transpose() {
        Ok(since) => since,
        Err(error) => return text(StatusCode::BAD_REQUEST, with_causes(&error)),
    };
    match crate::network::from_store(store, &relations, since.as_ref()) {
        Ok(network) => ok(
            "image/svg+xml",
            crate::network::to_svg(&network).into_bytes(),
        ),
        Err(error) => text(StatusCode::INTERNAL_SERVER_ERROR, with_causes(&error)),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    fn options(allow_update: bool) -> ServeOptions {
        ServeOptions {
            bind: "127.0.0.1:0".parse().unwrap(),
            allow_update,
            timeout: Duration::from_secs(10),
            max_results: 1000,
            cors: true,
            max_connections: 1,
            max_body: 1 << 20,
            max_queries: 1,
            queue: 0,
            idle_timeout: Duration::from_secs(10),
            log: false,
            credentials: None,
            cache_bytes: 0,
        }
    }

    /// Sends one request to the router; the status and the body.
    fn send(
        store: &Arc<GraphStore>,
        allow_update: bool,
        method: Method,
        uri: &str,
        content_type: Option<&str>,
        body: &str,
    ) -> (StatusCode, String) {
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("http://localhost{uri}"));
        if let Some(kind) = content_type {
            builder = builder.header("Content-Type", kind);
        }
        let mut request = builder.body(Body::from(body.to_owned())).unwrap();
        let gate = Arc::new(gate::Gate::new(1, 0, Duration::from_secs(1)));
        let pass = gate.enter(true).unwrap();
        let cache = cache::ResultCache::new(0);
        let mut response = handle(store, &pass, (&options(allow_update), &cache), &mut request);
        let mut text = String::new();
        response.body_mut().read_to_string(&mut text).unwrap();
        (response.status(), text)
    }

    fn get(store: &Arc<GraphStore>, uri: &str) -> (StatusCode, String) {
        send(store, false, Method::GET, uri, None, "")
    }

    #[test]
    fn routes_answer_by_path_and_method() {
        let store = Arc::new(GraphStore::in_memory().unwrap());
        assert_eq!(get(&store, "/").0, StatusCode::OK);
        assert!(get(&store, "/presets").1.contains("\"accusations\""));
        assert!(
            get(&store, "/help")
                .1
                .contains("disabled: start with --allow-update")
        );
        assert_eq!(get(&store, "/nowhere").0, StatusCode::NOT_FOUND);
        let put = send(&store, false, Method::PUT, "/query", None, "");
        assert_eq!(put.0, StatusCode::METHOD_NOT_ALLOWED);
        let preflight = send(&store, false, Method::OPTIONS, "/query", None, "");
        assert_eq!(preflight.0, StatusCode::NO_CONTENT);
    }

    #[test]
    fn queries_come_by_get_post_and_form() {
        let store = Arc::new(GraphStore::in_memory().unwrap());
        let (status, body) = get(&store, "/query?query=ASK%20%7B%7D&format=csv");
        assert_eq!((status, body.trim()), (StatusCode::OK, "true"));
        let (status, _) = send(
            &store,
            false,
            Method::POST,
            "/query",
            Some("application/sparql-query"),
            "ASK {}",
        );
        assert_eq!(status, StatusCode::OK);
        let (status, body) = send(
            &store,
            false,
            Method::POST,
            "/query",
            Some("application/x-www-form-urlencoded"),
            "query=ASK%20%7B%7D&format=tsv",
        );
        assert_eq!((status, body.trim()), (StatusCode::OK, "true"));
        assert_eq!(get(&store, "/query").0, StatusCode::BAD_REQUEST);
        let (status, body) = get(&store, "/query?query=ASK");
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.starts_with("SPARQL syntax error"), "{body}");
        let (status, _) = send(
            &store,
            false,
            Method::POST,
            "/query",
            Some("text/plain"),
            "ASK {}",
        );
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[test]
    fn writes_need_allow_update_and_then_land_in_one_graph() {
        let store = Arc::new(GraphStore::in_memory().unwrap());
        let triple = "<http://e/s> <http://e/p> <http://e/o> .";
        let graph = "/store?graph=http%3A%2F%2Fe%2Fg";
        let refused = send(
            &store,
            false,
            Method::PUT,
            graph,
            Some("application/n-triples"),
            triple,
        );
        assert_eq!(refused.0, StatusCode::FORBIDDEN);
        let refused = send(
            &store,
            false,
            Method::POST,
            "/update",
            Some("application/sparql-update"),
            "CLEAR ALL",
        );
        assert_eq!(refused.0, StatusCode::FORBIDDEN);
        let created = send(
            &store,
            true,
            Method::PUT,
            graph,
            Some("application/n-triples"),
            triple,
        );
        assert_eq!(created.0, StatusCode::CREATED);
        let replaced = send(
            &store,
            true,
            Method::PUT,
            graph,
            Some("application/n-triples"),
            triple,
        );
        assert_eq!(replaced.0, StatusCode::NO_CONTENT);
        let (status, body) = send(
            &store,
            true,
            Method::GET,
            &format!("{graph}&format=ntriples"),
            None,
            "",
        );
        assert_eq!((status, body.trim()), (StatusCode::OK, triple));
        assert_eq!(get(&store, "/store").0, StatusCode::BAD_REQUEST);
        assert_eq!(
            get(&store, "/store?graph=http%3A%2F%2Fe%2Fnone").0,
            StatusCode::NOT_FOUND
        );
        let deleted = send(&store, true, Method::DELETE, graph, None, "");
        assert_eq!(deleted.0, StatusCode::NO_CONTENT);
        assert_eq!(get(&store, graph).0, StatusCode::NOT_FOUND);
    }

    /// The server once passed `since` into the query text unchecked, and
    /// dropped a relation it did not know: both are now parsed as the
    /// command line parses `--since` and `--relation`.
    #[test]
    fn graph_svg_rejects_a_malformed_since_or_relation() {
        let store = Arc::new(GraphStore::in_memory().unwrap());
        let (status, body) = get(&store, "/graph.svg?since=2025-01-01%22%20%7D");
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("is not a date yyyy-mm-dd"), "{body}");
        let (status, body) = get(&store, "/graph.svg?relation=likes");
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("unknown relation `likes`"), "{body}");
        let (status, body) = get(&store, "/graph.svg?since=2025-01-01&relation=accuses");
        assert_eq!(status, StatusCode::OK);
        assert!(body.starts_with("<svg"), "{body}");
    }
}

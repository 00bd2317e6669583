//! The SPARQL endpoint: the SPARQL 1.1 Protocol at `/query` (and `/update`
//! when allowed) and Graph Store Protocol reads (writes when allowed) at
//! `/store`, over the store, with the union of all graphs as the default
//! graph, a query timeout, a limit on result size and CORS on request.
//!
//! It owns HTTP: parsing requests, content negotiation, status codes. The
//! HTTP server itself is oxhttp's; evaluation is oxigraph's.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use oxhttp::model::header::{ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::{ListeningServer, Server};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};

use crate::store::GraphStore;

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
}

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

/// Starts the server in background threads; `join` the result to wait.
pub fn serve(store: Arc<GraphStore>, options: ServeOptions) -> Result<ListeningServer, ServeError> {
    let bind = options.bind;
    let max_connections = options.max_connections;
    let handler_options = options.clone();
    Server::new(move |request| {
        let mut response = handle(&store, &handler_options, request);
        if handler_options.cors {
            response
                .headers_mut()
                .insert("Access-Control-Allow-Origin", HeaderValue::from_static("*"));
        }
        response
    })
    .bind(bind)
    .with_server_name(concat!("newsgraph/", env!("CARGO_PKG_VERSION")))
    .expect("the server name is a valid header")
    .with_global_timeout(options.timeout + Duration::from_secs(30))
    .with_max_concurrent_connections(max_connections)
    .spawn()
    .map_err(|source| ServeError::Bind { bind, source })
}

/// An error and its causes, "what: why: ...", as the command line prints them.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(source) = cause {
        message.push_str(": ");
        message.push_str(&source.to_string());
        cause = source.source();
    }
    message
}

fn text(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(message.into() + "\n"))
        .expect("a plain response is valid")
}

fn ok(content_type: &str, bytes: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .expect("a response is valid")
}

/// The query string as pairs.
fn query_pairs(request: &Request<Body>) -> Vec<(String, String)> {
    request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

fn param<'p>(pairs: &'p [(String, String)], name: &str) -> Option<&'p str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

fn content_type(request: &Request<Body>) -> String {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn read_body(request: &mut Request<Body>) -> Result<String, Box<Response<Body>>> {
    let mut body = String::new();
    request
        .body_mut()
        .take(64 << 20)
        .read_to_string(&mut body)
        .map_err(|error| {
            Box::new(text(
                StatusCode::BAD_REQUEST,
                format!("unreadable body: {error}"),
            ))
        })?;
    Ok(body)
}

fn handle(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request<Body>,
) -> Response<Body> {
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    if method == Method::OPTIONS && options.cors {
        return Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header(
                "Access-Control-Allow-Methods",
                "GET, POST, PUT, DELETE, OPTIONS",
            )
            .header("Access-Control-Allow-Headers", "Content-Type, Accept")
            .body(Body::empty())
            .expect("a preflight response is valid");
    }
    match (path.as_str(), method) {
        ("/", Method::GET) => ok("text/html; charset=utf-8", include_str!("../web/index.html").as_bytes().to_vec()),
        ("/presets", Method::GET) => {
            let presets: Vec<serde_json::Value> = crate::query::PRESETS
                .iter()
                .map(|p| serde_json::json!({ "name": p.name, "description": p.description, "sparql": p.sparql }))
                .collect();
            ok("application/json", serde_json::to_vec(&presets).expect("presets serialize"))
        }
        ("/graph.svg", Method::GET) => {
            let pairs = query_pairs(request);
            network_svg(store, &pairs)
        }
        ("/help", Method::GET) => ok(
            "text/plain; charset=utf-8",
            format!(
                "newsgraph SPARQL endpoint\n  /query   SPARQL 1.1 Protocol (GET ?query=, POST form or application/sparql-query)\n  /update  SPARQL 1.1 Update ({})\n  /store   Graph Store Protocol (?graph=IRI or ?default)\n",
                if options.allow_update { "enabled" } else { "disabled: start with --allow-update" }
            )
            .into_bytes(),
        ),
        ("/query", Method::GET) => {
            let pairs = query_pairs(request);
            match param(&pairs, "query") {
                Some(query) => run_query(store, options, query, &pairs, request),
                None => text(StatusCode::BAD_REQUEST, "missing the `query` parameter"),
            }
        }
        ("/query", Method::POST) => {
            let pairs = query_pairs(request);
            let kind = content_type(request);
            let body = match read_body(request) {
                Ok(body) => body,
                Err(response) => return *response,
            };
            match kind.as_str() {
                "application/sparql-query" => run_query(store, options, &body, &pairs, request),
                "application/x-www-form-urlencoded" => {
                    let mut form: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
                    form.extend(pairs);
                    match param(&form, "query").map(str::to_owned) {
                        Some(query) => run_query(store, options, &query, &form, request),
                        None => text(StatusCode::BAD_REQUEST, "missing the `query` form field"),
                    }
                }
                other => text(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("unsupported content type `{other}` for a query")),
            }
        }
        ("/update", Method::POST) => {
            if !options.allow_update {
                return text(StatusCode::FORBIDDEN, "updates are disabled; start the server with --allow-update");
            }
            let kind = content_type(request);
            let body = match read_body(request) {
                Ok(body) => body,
                Err(response) => return *response,
            };
            let update = match kind.as_str() {
                "application/sparql-update" => body,
                "application/x-www-form-urlencoded" => {
                    let form: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
                    match param(&form, "update") {
                        Some(update) => update.to_owned(),
                        None => return text(StatusCode::BAD_REQUEST, "missing the `update` form field"),
                    }
                }
                other => return text(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("unsupported content type `{other}` for an update")),
            };
            run_update(store, &update)
        }
        ("/store", method) => graph_store(store, options, method, request),
        (_, Method::GET | Method::POST) => text(StatusCode::NOT_FOUND, format!("no such endpoint `{path}`; try /query, /update or /store")),
        _ => text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    }
}

/// `/graph.svg`: the network of the `relation`s (all when none) from articles
/// dated on or after `since`, each parameter parsed as the command line
/// parses its flag.
fn network_svg(store: &GraphStore, pairs: &[(String, String)]) -> Response<Body> {
    let relations = pairs
        .iter()
        .filter(|(key, _)| key == "relation")
        .map(|(_, value)| value.parse::<crate::rules::Predicate>())
        .collect::<Result<Vec<_>, _>>();
    let relations = match relations {
        Ok(relations) => relations,
        Err(error) => return text(StatusCode::BAD_REQUEST, with_causes(&error)),
    };
    let since = match param(pairs, "since")
        .map(str::parse::<crate::date::Day>)
        .transpose()
    {
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

/// Accept header media types in order of preference (q values honoured).
fn accepted(request: &Request<Body>) -> Vec<String> {
    let header = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut types: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(index, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let quality = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty()).then_some((quality, index, media))
        })
        .collect();
    types.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    types.into_iter().map(|(_, _, media)| media).collect()
}

fn results_format(
    pairs: &[(String, String)],
    request: &Request<Body>,
) -> Option<QueryResultsFormat> {
    if let Some(name) = param(pairs, "format") {
        return match name.to_ascii_lowercase().as_str() {
            "json" => Some(QueryResultsFormat::Json),
            "xml" => Some(QueryResultsFormat::Xml),
            "csv" => Some(QueryResultsFormat::Csv),
            "tsv" => Some(QueryResultsFormat::Tsv),
            other => QueryResultsFormat::from_media_type(other),
        };
    }
    for media in accepted(request) {
        if media == "*/*" || media == "application/*" {
            return Some(QueryResultsFormat::Json);
        }
        if let Some(format) = QueryResultsFormat::from_media_type(&media) {
            return Some(format);
        }
    }
    Some(QueryResultsFormat::Json)
}

fn rdf_format(pairs: &[(String, String)], request: &Request<Body>) -> Option<RdfFormat> {
    if let Some(name) = param(pairs, "format") {
        return crate::export::parse_format(name).ok();
    }
    for media in accepted(request) {
        if media == "*/*" || media == "text/*" {
            return Some(RdfFormat::Turtle);
        }
        if let Some(format) = RdfFormat::from_media_type(&media) {
            return Some(format);
        }
    }
    Some(RdfFormat::Turtle)
}

/// Runs `work` with a watchdog that cancels `token` after `timeout`.
fn with_deadline<T>(token: &CancellationToken, timeout: Duration, work: impl FnOnce() -> T) -> T {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let watchdog_token = token.clone();
    let watchdog = std::thread::spawn(move || {
        if wait.recv_timeout(timeout).is_err() {
            watchdog_token.cancel();
        }
    });
    let result = work();
    let _ = done.send(());
    let _ = watchdog.join();
    result
}

enum Failure {
    Response(Box<Response<Body>>),
    Evaluation(QueryEvaluationError),
}

impl From<Response<Body>> for Failure {
    fn from(response: Response<Body>) -> Self {
        Failure::Response(Box::new(response))
    }
}

impl From<QueryEvaluationError> for Failure {
    fn from(error: QueryEvaluationError) -> Self {
        Failure::Evaluation(error)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::from(text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("serializing results: {error}"),
        ))
    }
}

fn run_query(
    store: &GraphStore,
    options: &ServeOptions,
    query: &str,
    pairs: &[(String, String)],
    request: &Request<Body>,
) -> Response<Body> {
    let token = CancellationToken::new();
    let mut prepared = match crate::query::evaluator(&token).parse_query(query) {
        Ok(prepared) => prepared,
        Err(error) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("SPARQL syntax error: {error}"),
            );
        }
    };
    prepared.dataset_mut().set_default_graph_as_union();
    let limit = options.max_results;
    let too_large = || {
        text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the result has more than {limit} rows or triples (the server's --max-results)"
            ),
        )
    };
    let outcome = with_deadline(
        &token,
        options.timeout,
        || -> Result<Response<Body>, Failure> {
            match prepared.on_store(store.inner()).execute()? {
                QueryResults::Solutions(solutions) => {
                    let Some(format) = results_format(pairs, request) else {
                        return Err(Failure::from(text(
                            StatusCode::NOT_ACCEPTABLE,
                            "no results format fits the Accept header or `format`",
                        )));
                    };
                    let mut writer = QueryResultsSerializer::from_format(format)
                        .serialize_solutions_to_writer(
                            Vec::new(),
                            solutions.variables().to_vec(),
                        )?;
                    for (count, solution) in solutions.enumerate() {
                        if count >= limit {
                            return Err(Failure::from(too_large()));
                        }
                        writer.serialize(&solution?)?;
                    }
                    Ok(ok(format.media_type(), writer.finish()?))
                }
                QueryResults::Boolean(value) => {
                    let Some(format) = results_format(pairs, request) else {
                        return Err(Failure::from(text(
                            StatusCode::NOT_ACCEPTABLE,
                            "no results format fits the Accept header or `format`",
                        )));
                    };
                    Ok(ok(
                        format.media_type(),
                        QueryResultsSerializer::from_format(format)
                            .serialize_boolean_to_writer(Vec::new(), value)?,
                    ))
                }
                QueryResults::Graph(triples) => {
                    let Some(format) = rdf_format(pairs, request) else {
                        return Err(Failure::from(text(
                            StatusCode::NOT_ACCEPTABLE,
                            "no RDF format fits the Accept header or `format`",
                        )));
                    };
                    let mut writer = RdfSerializer::from_format(format).for_writer(Vec::new());
                    for (count, triple) in triples.enumerate() {
                        if count >= limit {
                            return Err(Failure::from(too_large()));
                        }
                        writer.serialize_triple(&triple?)?;
                    }
                    Ok(ok(format.media_type(), writer.finish()?))
                }
            }
        },
    );
    match outcome {
        Ok(response) => response,
        Err(Failure::Response(response)) => *response,
        Err(Failure::Evaluation(QueryEvaluationError::Cancelled)) => text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "query timed out after {:?} (the server's --timeout)",
                options.timeout
            ),
        ),
        Err(Failure::Evaluation(error)) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query failed: {error}"),
        ),
    }
}

fn run_update(store: &GraphStore, update: &str) -> Response<Body> {
    let token = CancellationToken::new();
    match crate::query::evaluator(&token).parse_update(update) {
        Ok(prepared) => match prepared.on_store(store.inner()).execute() {
            Ok(()) => Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .expect("a response is valid"),
            Err(error) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("update failed: {error}"),
            ),
        },
        Err(error) => text(
            StatusCode::BAD_REQUEST,
            format!("SPARQL syntax error: {error}"),
        ),
    }
}

fn graph_store(
    store: &GraphStore,
    options: &ServeOptions,
    method: Method,
    request: &mut Request<Body>,
) -> Response<Body> {
    let pairs = query_pairs(request);
    let graph = match (
        param(&pairs, "graph"),
        pairs.iter().any(|(key, _)| key == "default"),
    ) {
        (Some(iri), _) => match NamedNode::new(iri) {
            Ok(node) => GraphName::NamedNode(node),
            Err(error) => {
                return text(
                    StatusCode::BAD_REQUEST,
                    format!("invalid graph IRI `{iri}`: {error}"),
                );
            }
        },
        (None, true) => GraphName::DefaultGraph,
        (None, false) => {
            return text(
                StatusCode::BAD_REQUEST,
                "name a graph with ?graph=IRI or ?default",
            );
        }
    };
    let exists = |graph: &GraphName| match graph {
        GraphName::NamedNode(node) => store.inner().contains_named_graph(node).unwrap_or(false),
        _ => true,
    };
    match method {
        Method::GET | Method::HEAD => {
            if !exists(&graph) {
                return text(StatusCode::NOT_FOUND, format!("no graph {graph}"));
            }
            let Some(format) = rdf_format(&pairs, request) else {
                return text(
                    StatusCode::NOT_ACCEPTABLE,
                    "no RDF format fits the Accept header or `format`",
                );
            };
            let mut writer = crate::export::serializer(format).for_writer(Vec::new());
            for (count, quad) in store
                .inner()
                .quads_for_pattern(None, None, None, Some(graph.as_ref()))
                .enumerate()
            {
                if count >= options.max_results {
                    return text(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!(
                            "the graph has more than {} triples (the server's --max-results)",
                            options.max_results
                        ),
                    );
                }
                let written = match quad {
                    Ok(quad) => {
                        writer.serialize_triple(oxigraph::model::TripleRef::from(quad.as_ref()))
                    }
                    Err(error) => {
                        return text(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {error}"));
                    }
                };
                if let Err(error) = written {
                    return text(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("serializing: {error}"),
                    );
                }
            }
            match writer.finish() {
                Ok(bytes) => ok(format.media_type(), bytes),
                Err(error) => text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("serializing: {error}"),
                ),
            }
        }
        Method::PUT | Method::POST | Method::DELETE if !options.allow_update => text(
            StatusCode::FORBIDDEN,
            "writes are disabled; start the server with --allow-update",
        ),
        Method::DELETE => {
            if !exists(&graph) {
                return text(StatusCode::NOT_FOUND, format!("no graph {graph}"));
            }
            let result = match &graph {
                GraphName::NamedNode(node) => store.inner().remove_named_graph(node).map(|_| ()),
                _ => store.inner().clear_graph(GraphNameRef::DefaultGraph),
            };
            match result {
                Ok(()) => Response::builder()
                    .status(StatusCode::NO_CONTENT)
                    .body(Body::empty())
                    .expect("a response is valid"),
                Err(error) => text(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {error}")),
            }
        }
        Method::PUT | Method::POST => {
            let kind = content_type(request);
            let Some(format) = RdfFormat::from_media_type(&kind) else {
                return text(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("unsupported RDF content type `{kind}`"),
                );
            };
            let body = match read_body(request) {
                Ok(body) => body,
                Err(response) => return *response,
            };
            let existed = exists(&graph);
            let parser = RdfParser::from_format(format)
                .with_default_graph(graph.clone())
                .without_named_graphs();
            let quads: Result<Vec<_>, _> = parser.for_slice(body.as_bytes()).collect();
            let quads = match quads {
                Ok(quads) => quads,
                Err(error) => {
                    return text(
                        StatusCode::BAD_REQUEST,
                        format!("unparsable {kind}: {error}"),
                    );
                }
            };
            let written = (|| -> Result<(), oxigraph::store::StorageError> {
                let mut transaction = store.inner().start_transaction()?;
                if method == Method::PUT {
                    transaction.clear_graph(graph.as_ref())?;
                }
                if let GraphName::NamedNode(node) = &graph {
                    transaction.insert_named_graph(node);
                }
                transaction.extend(&quads);
                transaction.commit()
            })();
            match written {
                Ok(()) => {
                    let status = if existed {
                        StatusCode::NO_CONTENT
                    } else {
                        StatusCode::CREATED
                    };
                    Response::builder()
                        .status(status)
                        .body(Body::empty())
                        .expect("a response is valid")
                }
                Err(error) => text(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {error}")),
            }
        }
        _ => text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    }
}

//! The SPARQL 1.1 Protocol: queries at `/query` (GET with `?query=`, POST as
//! `application/sparql-query` or a form) and updates at `/update`, with the
//! server's timeout (the watchdog of [`crate::query::with_deadline`]) and
//! its limit on result size.

use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};

use super::ServeOptions;
use super::cache::{Kept, Key, Lookup, ResultCache};
use super::gate::Pass;
use super::http::{content_type, empty, form_pairs, ok, param, query_pairs, read_body, text};
use super::negotiate::{rdf_format, results_format};
use crate::store::GraphStore;

/// `GET /query?query=...`
pub(super) fn query_get(
    store: &Arc<GraphStore>,
    pass: &Arc<Pass>,
    (options, cache): (&ServeOptions, &ResultCache),
    request: &Request<Body>,
) -> Response<Body> {
    let pairs = query_pairs(request);
    match param(&pairs, "query") {
        Some(query) => run_query(store, pass, (options, cache), query, &pairs, request),
        None => text(StatusCode::BAD_REQUEST, "missing the `query` parameter"),
    }
}

/// `POST /query`, the query as the body or as the form field `query`.
pub(super) fn query_post(
    store: &Arc<GraphStore>,
    pass: &Arc<Pass>,
    (options, cache): (&ServeOptions, &ResultCache),
    request: &mut Request<Body>,
) -> Response<Body> {
    let pairs = query_pairs(request);
    let kind = content_type(request);
    let body = match read_body(request, options.max_body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    match kind.as_str() {
        "application/sparql-query" => {
            run_query(store, pass, (options, cache), &body, &pairs, request)
        }
        "application/x-www-form-urlencoded" => {
            let mut form = form_pairs(&body);
            form.extend(pairs);
            match param(&form, "query").map(str::to_owned) {
                Some(query) => run_query(store, pass, (options, cache), &query, &form, request),
                None => text(StatusCode::BAD_REQUEST, "missing the `query` form field"),
            }
        }
        other => text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported content type `{other}` for a query"),
        ),
    }
}

/// `POST /update`, the update as the body or as the form field `update`.
pub(super) fn update_post(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request<Body>,
) -> Response<Body> {
    if !options.allow_update {
        return text(
            StatusCode::FORBIDDEN,
            "updates are disabled; start the server with --allow-update",
        );
    }
    let kind = content_type(request);
    let body = match read_body(request, options.max_body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let update = match kind.as_str() {
        "application/sparql-update" => body,
        "application/x-www-form-urlencoded" => match param(&form_pairs(&body), "update") {
            Some(update) => update.to_owned(),
            None => return text(StatusCode::BAD_REQUEST, "missing the `update` form field"),
        },
        other => {
            return text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("unsupported content type `{other}` for an update"),
            );
        }
    };
    run_update(store, &update)
}

/// Why a query gives no 200: an answer made on the way (a status and its
/// message), or an evaluation error (a timeout among them). Plain data, so
/// that it crosses from the evaluation's thread.
enum Failure {
    Status(StatusCode, String),
    Evaluation(QueryEvaluationError),
}

impl From<QueryEvaluationError> for Failure {
    fn from(error: QueryEvaluationError) -> Self {
        Failure::Evaluation(error)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::Status(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("serializing results: {error}"),
        )
    }
}

/// A serialized result: its media type and bytes.
struct Answer {
    media_type: &'static str,
    body: Vec<u8>,
    rows: usize,
}

/// How many solutions or triples an answer holds (1 for ASK): a response
/// extension the request log reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rows(pub usize);

/// How long past its deadline a cancelled query is waited for before the
/// client is answered and the evaluation left to stop on its own.
const GRACE: Duration = Duration::from_secs(1);

/// Evaluates on a thread of its own, so that a query Oxigraph is slow to
/// cancel is answered 503 at its deadline (plus [`GRACE`]) and, while room
/// remains among the stopping queries, gives its slot back then.
fn run_query(
    store: &Arc<GraphStore>,
    pass: &Arc<Pass>,
    (options, cache): (&ServeOptions, &ResultCache),
    query: &str,
    pairs: &[(String, String)],
    request: &Request<Body>,
) -> Response<Body> {
    let formats = Formats {
        results: results_format(pairs, request),
        rdf: rdf_format(pairs, request),
    };
    let key = Key {
        query: query.to_owned(),
        results: formats.results,
        rdf: formats.rdf,
    };
    let ticket = match cache.get(store, &key) {
        Lookup::Hit(kept) => {
            let response = ok(kept.media_type, kept.body.clone());
            return with_rows(with_cache_status(response, "hit"), kept.rows);
        }
        Lookup::Miss(ticket) => ticket,
    };
    let token = CancellationToken::new();
    let prepared = match crate::query::prepare(query, &token) {
        Ok(prepared) => prepared,
        Err(error) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("SPARQL syntax error: {error}"),
            );
        }
    };
    let (timeout, limit) = (options.timeout, options.max_results);
    let (answer, answered) = std::sync::mpsc::sync_channel(1);
    let evaluation = {
        let (store, pass) = (Arc::clone(store), Arc::clone(pass));
        move || {
            let outcome = crate::query::with_deadline(&token, Some(timeout), || {
                serialize(store.query(prepared)?, limit, formats)
            });
            let _ = answer.send(outcome);
            drop(pass);
        }
    };
    if let Err(error) = std::thread::Builder::new()
        .name("query".to_owned())
        .spawn(evaluation)
    {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("cannot start the query: {error}"),
        );
    }
    let outcome = match answered.recv_timeout(timeout + GRACE) {
        Ok(outcome) => outcome,
        // Room among the stopping queries: answer now, the slot is free.
        Err(RecvTimeoutError::Timeout) if pass.stop() => {
            return timed_out(timeout);
        }
        // None: this request keeps its slot until the evaluation ends.
        Err(RecvTimeoutError::Timeout) => match answered.recv() {
            Ok(outcome) => outcome,
            Err(_) => return timed_out(timeout),
        },
        Err(RecvTimeoutError::Disconnected) => {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the query's evaluation ended without an answer",
            );
        }
    };
    match outcome {
        Ok(answer) => {
            let kept = Kept {
                media_type: answer.media_type,
                body: answer.body.clone(),
                rows: answer.rows,
            };
            let status = if cache.keep(ticket, key, kept) {
                "fwd=miss; stored"
            } else {
                "fwd=miss"
            };
            let response = with_cache_status(ok(answer.media_type, answer.body), status);
            with_rows(response, answer.rows)
        }
        Err(Failure::Status(status, message)) => text(status, message),
        Err(Failure::Evaluation(QueryEvaluationError::Cancelled)) => timed_out(timeout),
        Err(Failure::Evaluation(error)) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query failed: {error}"),
        ),
    }
}

fn with_rows(mut response: Response<Body>, rows: usize) -> Response<Body> {
    response.extensions_mut().insert(Rows(rows));
    response
}

/// The `Cache-Status` header (RFC 9211) of an answer: `hit`, or why not.
fn with_cache_status(mut response: Response<Body>, status: &str) -> Response<Body> {
    if let Ok(value) = HeaderValue::from_str(&format!("newsgraph; {status}")) {
        response.headers_mut().insert("Cache-Status", value);
    }
    response
}

fn timed_out(timeout: Duration) -> Response<Body> {
    text(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("query timed out after {timeout:?} (the server's --timeout)"),
    )
}

/// The negotiated formats, chosen before evaluation starts.
#[derive(Clone, Copy)]
struct Formats {
    results: Option<QueryResultsFormat>,
    rdf: Option<RdfFormat>,
}

/// Writes results in the negotiated format, at most `limit` rows or triples.
fn serialize(results: QueryResults<'_>, limit: usize, formats: Formats) -> Result<Answer, Failure> {
    let too_large = || {
        Failure::Status(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the result has more than {limit} rows or triples (the server's --max-results)"
            ),
        )
    };
    let no_results_format = || {
        Failure::Status(
            StatusCode::NOT_ACCEPTABLE,
            "no results format fits the Accept header or `format`".to_owned(),
        )
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let format = formats.results.ok_or_else(no_results_format)?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())?;
            let mut rows = 0;
            for solution in solutions {
                if rows >= limit {
                    return Err(too_large());
                }
                writer.serialize(&solution?)?;
                rows += 1;
            }
            Ok(Answer {
                media_type: format.media_type(),
                body: writer.finish()?,
                rows,
            })
        }
        QueryResults::Boolean(value) => {
            let format = formats.results.ok_or_else(no_results_format)?;
            Ok(Answer {
                media_type: format.media_type(),
                body: QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(Vec::new(), value)?,
                rows: 1,
            })
        }
        QueryResults::Graph(triples) => {
            let format = formats.rdf.ok_or_else(|| {
                Failure::Status(
                    StatusCode::NOT_ACCEPTABLE,
                    "no RDF format fits the Accept header or `format`".to_owned(),
                )
            })?;
            let mut writer = RdfSerializer::from_format(format).for_writer(Vec::new());
            let mut rows = 0;
            for triple in crate::query::distinct_triples(triples) {
                if rows >= limit {
                    return Err(too_large());
                }
                writer.serialize_triple(&triple?)?;
                rows += 1;
            }
            Ok(Answer {
                media_type: format.media_type(),
                body: writer.finish()?,
                rows,
            })
        }
    }
}

fn run_update(store: &GraphStore, update: &str) -> Response<Body> {
    let token = CancellationToken::new();
    match crate::query::evaluator(&token).parse_update(update) {
        Ok(prepared) => match store.update(prepared) {
            Ok(()) => empty(StatusCode::NO_CONTENT),
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

//! The SPARQL 1.1 Protocol: queries at `/query` (GET with `?query=`, POST as
//! `application/sparql-query` or a form) and updates at `/update`, with the
//! server's timeout (the watchdog of [`crate::query::with_deadline`]) and
//! its limit on result size.

use oxhttp::model::{Body, Request, Response, StatusCode};
use oxigraph::io::RdfSerializer;
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults};

use super::ServeOptions;
use super::http::{content_type, empty, form_pairs, ok, param, query_pairs, read_body, text};
use super::negotiate::{rdf_format, results_format};
use crate::store::GraphStore;

/// `GET /query?query=...`
pub(super) fn query_get(
    store: &GraphStore,
    options: &ServeOptions,
    request: &Request<Body>,
) -> Response<Body> {
    let pairs = query_pairs(request);
    match param(&pairs, "query") {
        Some(query) => run_query(store, options, query, &pairs, request),
        None => text(StatusCode::BAD_REQUEST, "missing the `query` parameter"),
    }
}

/// `POST /query`, the query as the body or as the form field `query`.
pub(super) fn query_post(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request<Body>,
) -> Response<Body> {
    let pairs = query_pairs(request);
    let kind = content_type(request);
    let body = match read_body(request, options.max_body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    match kind.as_str() {
        "application/sparql-query" => run_query(store, options, &body, &pairs, request),
        "application/x-www-form-urlencoded" => {
            let mut form = form_pairs(&body);
            form.extend(pairs);
            match param(&form, "query").map(str::to_owned) {
                Some(query) => run_query(store, options, &query, &form, request),
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

/// Why a query gives no 200: a response made on the way, or an evaluation
/// error (a timeout among them).
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
    let prepared = match crate::query::prepare(query, &token) {
        Ok(prepared) => prepared,
        Err(error) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("SPARQL syntax error: {error}"),
            );
        }
    };
    let outcome = crate::query::with_deadline(&token, Some(options.timeout), || {
        serialize(store.query(prepared)?, options.max_results, pairs, request)
    });
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

/// Writes results in the negotiated format, at most `limit` rows or triples.
fn serialize(
    results: QueryResults<'_>,
    limit: usize,
    pairs: &[(String, String)],
    request: &Request<Body>,
) -> Result<Response<Body>, Failure> {
    let too_large = || {
        Failure::from(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the result has more than {limit} rows or triples (the server's --max-results)"
            ),
        ))
    };
    let no_results_format = || {
        Failure::from(text(
            StatusCode::NOT_ACCEPTABLE,
            "no results format fits the Accept header or `format`",
        ))
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let format = results_format(pairs, request).ok_or_else(no_results_format)?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())?;
            for (count, solution) in solutions.enumerate() {
                if count >= limit {
                    return Err(too_large());
                }
                writer.serialize(&solution?)?;
            }
            Ok(ok(format.media_type(), writer.finish()?))
        }
        QueryResults::Boolean(value) => {
            let format = results_format(pairs, request).ok_or_else(no_results_format)?;
            Ok(ok(
                format.media_type(),
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(Vec::new(), value)?,
            ))
        }
        QueryResults::Graph(triples) => {
            let format = rdf_format(pairs, request).ok_or_else(|| {
                Failure::from(text(
                    StatusCode::NOT_ACCEPTABLE,
                    "no RDF format fits the Accept header or `format`",
                ))
            })?;
            let mut writer = RdfSerializer::from_format(format).for_writer(Vec::new());
            for (count, triple) in crate::query::distinct_triples(triples).enumerate() {
                if count >= limit {
                    return Err(too_large());
                }
                writer.serialize_triple(&triple?)?;
            }
            Ok(ok(format.media_type(), writer.finish()?))
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

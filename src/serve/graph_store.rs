//! The SPARQL 1.1 Graph Store Protocol at `/store`: `?graph=IRI` or
//! `?default` names the graph; GET and HEAD read it, and when the server
//! allows updates PUT replaces it, POST adds to it and DELETE removes it,
//! each write one transaction of the store.

use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, TripleRef};

use super::ServeOptions;
use super::http::{content_type, empty, ok, param, query_pairs, read_body, text};
use super::negotiate::rdf_format;
use crate::store::GraphStore;

pub(super) fn graph_store(
    store: &GraphStore,
    options: &ServeOptions,
    method: Method,
    request: &mut Request<Body>,
) -> Response<Body> {
    let pairs = query_pairs(request);
    let graph = match target_graph(&pairs) {
        Ok(graph) => graph,
        Err(response) => return *response,
    };
    match method {
        Method::GET | Method::HEAD => read(store, options, &graph, &pairs, request),
        Method::PUT | Method::POST | Method::DELETE if !options.allow_update => text(
            StatusCode::FORBIDDEN,
            "writes are disabled; start the server with --allow-update",
        ),
        Method::PUT | Method::POST | Method::DELETE if is_summary(store, &graph) => text(
            StatusCode::CONFLICT,
            format!(
                "{graph} is this store's summary graph, which the server keeps from the article graphs in the same transaction as each write; write the article graphs instead"
            ),
        ),
        Method::DELETE => {
            if !exists(store, graph.as_ref()) {
                return text(StatusCode::NOT_FOUND, format!("no graph {graph}"));
            }
            match store.remove_graph(graph.as_ref()) {
                Ok(()) => empty(StatusCode::NO_CONTENT),
                Err(error) => store_error(&error),
            }
        }
        Method::PUT | Method::POST => {
            let replace = method == Method::PUT;
            write(store, options, &graph, replace, request)
        }
        _ => text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    }
}

/// The graph `?graph=IRI` or `?default` names.
fn target_graph(pairs: &[(String, String)]) -> Result<GraphName, Box<Response<Body>>> {
    match (
        param(pairs, "graph"),
        pairs.iter().any(|(key, _)| key == "default"),
    ) {
        (Some(iri), _) => NamedNode::new(iri)
            .map(GraphName::NamedNode)
            .map_err(|error| {
                Box::new(text(
                    StatusCode::BAD_REQUEST,
                    format!("invalid graph IRI `{iri}`: {error}"),
                ))
            }),
        (None, true) => Ok(GraphName::DefaultGraph),
        (None, false) => Err(Box::new(text(
            StatusCode::BAD_REQUEST,
            "name a graph with ?graph=IRI or ?default",
        ))),
    }
}

/// Whether `graph` is the store's summary graph (derived, not written).
fn is_summary(store: &GraphStore, graph: &GraphName) -> bool {
    match (graph, store.summary_graph()) {
        (GraphName::NamedNode(node), Ok(Some(summary))) => *node == summary,
        _ => false,
    }
}

/// Whether the graph is there (the default graph always is).
fn exists(store: &GraphStore, graph: GraphNameRef<'_>) -> bool {
    match graph {
        GraphNameRef::NamedNode(node) => store.contains_graph(node).unwrap_or(false),
        _ => true,
    }
}

/// The store's error as the response says it: its source, without the folder.
fn store_error(error: &crate::store::StoreError) -> Response<Body> {
    use std::error::Error as _;
    let cause = error
        .source()
        .map_or_else(|| error.to_string(), ToString::to_string);
    text(StatusCode::INTERNAL_SERVER_ERROR, format!("store: {cause}"))
}

fn read(
    store: &GraphStore,
    options: &ServeOptions,
    graph: &GraphName,
    pairs: &[(String, String)],
    request: &Request<Body>,
) -> Response<Body> {
    if !exists(store, graph.as_ref()) {
        return text(StatusCode::NOT_FOUND, format!("no graph {graph}"));
    }
    let Some(format) = rdf_format(pairs, request) else {
        return text(
            StatusCode::NOT_ACCEPTABLE,
            "no RDF format fits the Accept header or `format`",
        );
    };
    let mut writer = crate::export::serializer(format).for_writer(Vec::new());
    for (count, quad) in store.quads_in(Some(graph.as_ref())).enumerate() {
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
            Ok(quad) => writer.serialize_triple(TripleRef::from(quad.as_ref())),
            Err(error) => return store_error(&error),
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

/// PUT (`replace`) or POST: the body's triples into `graph`, one transaction.
fn write(
    store: &GraphStore,
    options: &ServeOptions,
    graph: &GraphName,
    replace: bool,
    request: &mut Request<Body>,
) -> Response<Body> {
    let kind = content_type(request);
    let Some(format) = RdfFormat::from_media_type(&kind) else {
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported RDF content type `{kind}`"),
        );
    };
    let body = match read_body(request, options.max_body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let existed = exists(store, graph.as_ref());
    let parser = RdfParser::from_format(format)
        .with_default_graph(graph.clone())
        .without_named_graphs();
    let quads = match parser
        .for_slice(body.as_bytes())
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(quads) => quads,
        Err(error) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("unparsable {kind}: {error}"),
            );
        }
    };
    match store.write_graph(graph.as_ref(), &quads, replace) {
        Ok(()) if existed => empty(StatusCode::NO_CONTENT),
        Ok(()) => empty(StatusCode::CREATED),
        Err(error) => store_error(&error),
    }
}

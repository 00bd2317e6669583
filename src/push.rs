//! Pushing the store to a remote triple store with the SPARQL 1.1 Graph
//! Store HTTP Protocol: one PUT per named graph, so pushing again replaces
//! rather than duplicates. HTTP Digest authentication (Virtuoso's write
//! endpoints take nothing else), retries with backoff, a client timeout.
//!
//! It owns the remote side; it reads the store through [`GraphStore`] and
//! reports progress through a callback, never printing.

use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, TripleRef};

use crate::store::{GraphStore, StoreError};

#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The Graph Store endpoint, e.g. `http://host:8890/sparql-graph-crud-auth`.
    pub endpoint: String,
    /// User and password for HTTP Digest authentication.
    pub credentials: Option<(String, String)>,
    pub timeout: Duration,
    /// Attempts per graph before giving up (connection errors and 5xx).
    pub attempts: u32,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("serializing graph <{graph}> from the store as N-Triples")]
    Read {
        graph: String,
        #[source]
        source: std::io::Error,
    },
    #[error("PUT <{graph}> to {endpoint}: HTTP {status}: {body}")]
    Rejected {
        graph: String,
        endpoint: String,
        status: u16,
        body: String,
    },
    #[error("PUT <{graph}> to {endpoint}: {message} (after {attempts} attempts)")]
    Unreachable {
        graph: String,
        endpoint: String,
        message: String,
        attempts: u32,
    },
    #[error("{endpoint} asks for authentication: give --user and --password")]
    NeedsCredentials { endpoint: String },
    #[error("{endpoint}: cannot answer its authentication challenge `{challenge}`: {message}")]
    Auth {
        endpoint: String,
        challenge: String,
        message: String,
    },
}

/// What a push did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PushSummary {
    pub graphs: usize,
    pub triples: usize,
    pub bytes: usize,
    pub retries: usize,
    pub elapsed: Duration,
}

fn graph_as_ntriples(store: &GraphStore, graph: &NamedNode) -> Result<(Vec<u8>, usize), PushError> {
    let read_error = |source: std::io::Error| PushError::Read {
        graph: graph.as_str().to_owned(),
        source,
    };
    let mut writer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut count = 0;
    for quad in store.quads_in(Some(GraphNameRef::NamedNode(graph.as_ref()))) {
        let quad = quad?;
        writer
            .serialize_triple(TripleRef::from(quad.as_ref()))
            .map_err(read_error)?;
        count += 1;
    }
    Ok((writer.finish().map_err(read_error)?, count))
}

/// The request target for a graph: the endpoint with `graph=IRI` added.
fn graph_url(endpoint: &str, graph: &NamedNode) -> String {
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    let encoded: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
    format!("{endpoint}{separator}graph={encoded}")
}

/// The path and query of a URL, which Digest authentication signs.
fn request_uri(url: &str) -> &str {
    url.split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or("/")
}

enum Attempt {
    Done,
    Retry(String),
}

/// Pushes every named graph of the store, one PUT each.
pub fn push(
    store: &GraphStore,
    options: &PushOptions,
    mut on_graph: impl FnMut(usize, usize, &str),
) -> Result<PushSummary, PushError> {
    let started = Instant::now();
    let agent = ureq::AgentBuilder::new().timeout(options.timeout).build();
    let graphs = store.named_graphs()?;
    let mut summary = PushSummary::default();
    // The Digest challenge is fetched once with a bodyless request (a
    // server may close the connection on a 401 before reading a large
    // body) and fetched again when the server says the nonce is stale.
    let mut challenge: Option<String> = None;
    for (index, graph) in graphs.iter().enumerate() {
        let (body, triples) = graph_as_ntriples(store, graph)?;
        let url = graph_url(&options.endpoint, graph);
        let mut attempt = 0;
        loop {
            attempt += 1;
            match put_once(&agent, options, &url, graph, &body, &mut challenge)? {
                Attempt::Done => break,
                Attempt::Retry(_) if attempt < options.attempts => {
                    summary.retries += 1;
                    std::thread::sleep(Duration::from_millis(250 << attempt.min(6)));
                }
                Attempt::Retry(message) => {
                    return Err(PushError::Unreachable {
                        graph: graph.as_str().to_owned(),
                        endpoint: options.endpoint.clone(),
                        message,
                        attempts: attempt,
                    });
                }
            }
        }
        summary.graphs += 1;
        summary.triples += triples;
        summary.bytes += body.len();
        on_graph(index + 1, graphs.len(), graph.as_str());
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The server's `WWW-Authenticate` challenge, asked for with a GET.
fn fetch_challenge(agent: &ureq::Agent, url: &str) -> Result<Option<String>, String> {
    match agent.get(url).call() {
        Ok(_) => Ok(None),
        Err(ureq::Error::Status(401, response)) => {
            Ok(response.header("WWW-Authenticate").map(str::to_owned))
        }
        Err(ureq::Error::Status(_, _)) => Ok(None),
        Err(ureq::Error::Transport(transport)) => Err(transport.to_string()),
    }
}

fn server_error(status: u16, response: ureq::Response) -> Attempt {
    Attempt::Retry(format!(
        "HTTP {status}: {}",
        response
            .into_string()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect::<String>()
    ))
}

/// The `Authorization` header that answers the Digest `challenge` for a
/// PUT of `body` to `url`.
fn digest_answer(
    endpoint: &str,
    (user, password): (&str, &str),
    url: &str,
    body: &[u8],
    challenge: &str,
) -> Result<String, PushError> {
    let auth_error = |message: String| PushError::Auth {
        endpoint: endpoint.to_owned(),
        challenge: challenge.to_owned(),
        message,
    };
    let mut prompt = digest_auth::parse(challenge).map_err(|e| auth_error(e.to_string()))?;
    let context = digest_auth::AuthContext::new_with_method(
        user,
        password,
        request_uri(url),
        Some(body),
        digest_auth::HttpMethod::PUT,
    );
    let answer = prompt
        .respond(&context)
        .map_err(|e| auth_error(e.to_string()))?;
    Ok(answer.to_header_string())
}

fn put_once(
    agent: &ureq::Agent,
    options: &PushOptions,
    url: &str,
    graph: &NamedNode,
    body: &[u8],
    challenge: &mut Option<String>,
) -> Result<Attempt, PushError> {
    let rejected = |status: u16, response: ureq::Response| {
        let text = response.into_string().unwrap_or_default();
        let short: String = text.chars().take(300).collect();
        PushError::Rejected {
            graph: graph.as_str().to_owned(),
            endpoint: options.endpoint.clone(),
            status,
            body: short.trim().to_owned(),
        }
    };
    let needs_credentials = || PushError::NeedsCredentials {
        endpoint: options.endpoint.clone(),
    };
    let request = || agent.put(url).set("Content-Type", "application/n-triples");
    let Some((user, password)) = &options.credentials else {
        return match request().send_bytes(body) {
            Ok(_) => Ok(Attempt::Done),
            Err(ureq::Error::Status(401, _)) => Err(needs_credentials()),
            Err(ureq::Error::Status(status, response)) if status >= 500 => {
                Ok(server_error(status, response))
            }
            Err(ureq::Error::Status(status, response)) => Err(rejected(status, response)),
            Err(ureq::Error::Transport(transport)) => match fetch_challenge(agent, url) {
                Ok(Some(_)) => Err(needs_credentials()),
                _ => Ok(Attempt::Retry(transport.to_string())),
            },
        };
    };
    for fresh in [false, true] {
        if challenge.is_none() || fresh {
            match fetch_challenge(agent, url) {
                Ok(found) => *challenge = found,
                Err(message) => return Ok(Attempt::Retry(message)),
            }
        }
        let mut authorized = request();
        if let Some(text) = challenge.as_deref() {
            let answer = digest_answer(
                &options.endpoint,
                (user.as_str(), password.as_str()),
                url,
                body,
                text,
            )?;
            authorized = authorized.set("Authorization", &answer);
        }
        match authorized.send_bytes(body) {
            Ok(_) => return Ok(Attempt::Done),
            Err(ureq::Error::Status(401, response)) if !fresh => {
                let _ = response.into_string(); // a stale nonce: ask again
            }
            Err(ureq::Error::Status(401, response)) => return Err(rejected(401, response)),
            Err(ureq::Error::Status(status, response)) if status >= 500 => {
                return Ok(server_error(status, response));
            }
            Err(ureq::Error::Status(status, response)) => return Err(rejected(status, response)),
            Err(ureq::Error::Transport(transport)) => {
                return Ok(Attempt::Retry(transport.to_string()));
            }
        }
    }
    Ok(Attempt::Retry(
        "authentication was refused twice".to_owned(),
    ))
}

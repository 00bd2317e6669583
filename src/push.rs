//! Pushing the store to a remote triple store with the SPARQL 1.1 Graph
//! Store HTTP Protocol: one PUT per named graph, so pushing again replaces
//! rather than duplicates. HTTP Digest authentication (Virtuoso's write
//! endpoints take nothing else), retries with backoff, a client timeout.
//! A journal of the graphs the endpoint acknowledged (a digest of what was
//! sent) lets a push cut short resume: the next one sends only the graphs
//! not acknowledged since, or changed.
//!
//! It owns the remote side; it reads the store through [`GraphStore`] and
//! reports progress through a callback, never printing.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, TripleRef};

use sha2::{Digest, Sha256};

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
    /// Where the graphs the endpoint acknowledged are recorded; `None`
    /// records nothing.
    pub journal: Option<PathBuf>,
    /// Whether a graph the journal says the endpoint has, unchanged, is
    /// skipped (else every graph is sent again).
    pub resume: bool,
}

/// The journal file for pushes of the store in `folder` to `endpoint`:
/// `newsgraph-push-` and 16 hex digits of the endpoint's SHA-256, in the
/// store folder.
pub fn journal_for(folder: &Path, endpoint: &str) -> PathBuf {
    let digest = hex(&Sha256::digest(endpoint.as_bytes())[..8]);
    folder.join(format!("newsgraph-push-{digest}.tsv"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
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
    #[error(
        "{endpoint} refused the credentials of user `{user}` (HTTP 401 to a fresh challenge): check --user and --password"
    )]
    CredentialsRefused { endpoint: String, user: String },
    #[error("the push journal {path}")]
    Journal {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
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
    /// Graphs the journal says the endpoint has, unchanged: not sent.
    pub skipped: usize,
    /// The endpoint refused the summary graph as its own to keep (a
    /// newsgraph server, 409): the articles sent update it there.
    pub summary_kept_there: bool,
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
    // The summary graph goes last: a newsgraph server keeps its own (and
    // refuses it, 409), and before the articles it would be counted twice.
    let own_summary = store.summary_graph()?;
    let mut graphs = store.named_graphs()?;
    graphs.sort_by_key(|graph| Some(graph) == own_summary.as_ref());
    let mut summary = PushSummary::default();
    // The Digest challenge is fetched once with a bodyless request (a
    // server may close the connection on a 401 before reading a large
    // body) and fetched again when the server says the nonce is stale.
    let mut challenge: Option<String> = None;
    let mut journal = match &options.journal {
        Some(path) => Some(Journal::open(path, options.resume)?),
        None => None,
    };
    'graphs: for (index, graph) in graphs.iter().enumerate() {
        let (body, triples) = graph_as_ntriples(store, graph)?;
        let digest = hex(&Sha256::digest(&body));
        if journal
            .as_ref()
            .is_some_and(|journal| journal.has(graph.as_str(), &digest))
        {
            summary.skipped += 1;
            on_graph(index + 1, graphs.len(), graph.as_str());
            continue;
        }
        let url = graph_url(&options.endpoint, graph);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let attempted = put_once(&agent, options, &url, graph, &body, &mut challenge);
            match attempted {
                Err(PushError::Rejected { status: 409, .. })
                    if Some(graph) == own_summary.as_ref() =>
                {
                    summary.summary_kept_there = true;
                    on_graph(index + 1, graphs.len(), graph.as_str());
                    continue 'graphs;
                }
                Err(error) => return Err(error),
                Ok(Attempt::Done) => break,
                Ok(Attempt::Retry(_)) if attempt < options.attempts => {
                    summary.retries += 1;
                    std::thread::sleep(Duration::from_millis(250 << attempt.min(6)));
                }
                Ok(Attempt::Retry(message)) => {
                    return Err(PushError::Unreachable {
                        graph: graph.as_str().to_owned(),
                        endpoint: options.endpoint.clone(),
                        message,
                        attempts: attempt,
                    });
                }
            }
        }
        if let Some(journal) = &mut journal {
            journal.record(graph.as_str(), &digest)?;
        }
        summary.graphs += 1;
        summary.triples += triples;
        summary.bytes += body.len();
        on_graph(index + 1, graphs.len(), graph.as_str());
    }
    if let Some(journal) = journal {
        journal.compact()?;
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The graphs an endpoint acknowledged, by IRI, with the SHA-256 of the
/// N-Triples sent: a file of `DIGEST<TAB>IRI` lines, appended to as each
/// PUT is acknowledged (so a push killed midway keeps what it did) and
/// written anew, one line per graph, when a push completes.
struct Journal {
    path: PathBuf,
    acknowledged: HashMap<String, String>,
    appending: fs::File,
}

impl Journal {
    /// Reads the journal at `path` (none yet: empty) when `resume`, else
    /// starts it afresh. A line that is not `DIGEST<TAB>IRI` (the torn last
    /// line of a process killed while writing it) is passed over: its graph
    /// is sent again.
    fn open(path: &Path, resume: bool) -> Result<Journal, PushError> {
        let failed = |source| PushError::Journal {
            path: path.to_path_buf(),
            source,
        };
        let mut acknowledged = HashMap::new();
        let mut torn = false;
        if resume {
            match fs::read_to_string(path) {
                Ok(text) => {
                    torn = !text.is_empty() && !text.ends_with('\n');
                    for line in text.lines() {
                        if let Some((digest, graph)) = line.split_once('\t')
                            && digest.len() == 64
                            && !graph.is_empty()
                        {
                            acknowledged.insert(graph.to_owned(), digest.to_owned());
                        }
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(failed(error)),
            }
        }
        let appending = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .truncate(false)
            .open(path)
            .map_err(failed)?;
        if !resume {
            appending.set_len(0).map_err(failed)?;
        }
        let mut journal = Journal {
            path: path.to_path_buf(),
            acknowledged,
            appending,
        };
        if torn {
            // The torn line ends here, before the first new one.
            journal.append("")?;
        }
        Ok(journal)
    }

    fn append(&mut self, line: &str) -> Result<(), PushError> {
        // One write per line: a kill tears at most the line being written.
        let line = format!("{line}\n");
        self.appending
            .write_all(line.as_bytes())
            .map_err(|source| PushError::Journal {
                path: self.path.clone(),
                source,
            })
    }

    fn has(&self, graph: &str, digest: &str) -> bool {
        self.acknowledged
            .get(graph)
            .is_some_and(|known| known == digest)
    }

    fn record(&mut self, graph: &str, digest: &str) -> Result<(), PushError> {
        self.acknowledged
            .insert(graph.to_owned(), digest.to_owned());
        self.append(&format!("{digest}\t{graph}"))
    }

    /// Writes one line per graph, through a new file renamed over the old.
    fn compact(self) -> Result<(), PushError> {
        let failed = |source| PushError::Journal {
            path: self.path.clone(),
            source,
        };
        let mut lines: Vec<_> = self.acknowledged.iter().collect();
        lines.sort();
        let mut text = String::new();
        for (graph, digest) in lines {
            text.push_str(&format!("{digest}\t{graph}\n"));
        }
        let fresh = self.path.with_extension("tsv.new");
        fs::write(&fresh, text).map_err(failed)?;
        fs::rename(&fresh, &self.path).map_err(failed)
    }
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
/// PUT of `body` to `url`, or a GET when `body` is `None`.
fn digest_answer(
    endpoint: &str,
    (user, password): (&str, &str),
    url: &str,
    body: Option<&[u8]>,
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
        body,
        if body.is_some() {
            digest_auth::HttpMethod::PUT
        } else {
            digest_auth::HttpMethod::GET
        },
    );
    let answer = prompt
        .respond(&context)
        .map_err(|e| auth_error(e.to_string()))?;
    Ok(answer.to_header_string())
}

/// Whether the server refuses these credentials, asked with a GET of
/// `url` answering a fresh challenge (no body the server could leave
/// unread); `false` when it cannot tell.
fn credentials_refused(
    agent: &ureq::Agent,
    options: &PushOptions,
    url: &str,
    (user, password): (&str, &str),
) -> Result<bool, PushError> {
    let Ok(Some(challenge)) = fetch_challenge(agent, url) else {
        return Ok(false);
    };
    let answer = digest_answer(&options.endpoint, (user, password), url, None, &challenge)?;
    Ok(matches!(
        agent.get(url).set("Authorization", &answer).call(),
        Err(ureq::Error::Status(401, _))
    ))
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
    let refused = || PushError::CredentialsRefused {
        endpoint: options.endpoint.clone(),
        user: options
            .credentials
            .as_ref()
            .map(|(user, _)| user.clone())
            .unwrap_or_default(),
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
                Some(body),
                text,
            )?;
            authorized = authorized.set("Authorization", &answer);
        }
        match authorized.send_bytes(body) {
            Ok(_) => return Ok(Attempt::Done),
            Err(ureq::Error::Status(401, response)) if !fresh => {
                let _ = response.into_string(); // a stale nonce: ask again
            }
            Err(ureq::Error::Status(401, _)) => {
                return Err(refused());
            }
            Err(ureq::Error::Status(status, response)) if status >= 500 => {
                return Ok(server_error(status, response));
            }
            Err(ureq::Error::Status(status, response)) => return Err(rejected(status, response)),
            Err(ureq::Error::Transport(transport)) => {
                // A server may answer 401 and close the connection before
                // reading the body (Virtuoso under load): a broken pipe.
                // A bodyless request with the same credentials tells.
                if credentials_refused(agent, options, url, (user, password))? {
                    return Err(refused());
                }
                return Ok(Attempt::Retry(transport.to_string()));
            }
        }
    }
    Ok(Attempt::Retry(
        "authentication was refused twice".to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journal_resumes_passes_over_a_torn_line_and_starts_afresh_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_for(dir.path(), "http://127.0.0.1:1/store");
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        let mut journal = Journal::open(&path, true).unwrap();
        journal.record("https://example.org/g1", &a).unwrap();
        journal.record("https://example.org/g2", &b).unwrap();
        drop(journal);
        // A push killed while writing its third line.
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(&"c".repeat(40));
        fs::write(&path, &text).unwrap();
        let mut journal = Journal::open(&path, true).unwrap();
        assert!(journal.has("https://example.org/g1", &a));
        assert!(
            !journal.has("https://example.org/g1", &b),
            "a changed graph is sent again"
        );
        assert!(!journal.has("https://example.org/g3", &a));
        journal.record("https://example.org/g3", &a).unwrap();
        drop(journal);
        let journal = Journal::open(&path, true).unwrap();
        assert!(
            journal.has("https://example.org/g3", &a),
            "the line after the torn one"
        );
        journal.compact().unwrap();
        let lines = fs::read_to_string(&path).unwrap();
        assert_eq!(lines.lines().count(), 3, "{lines}");
        let journal = Journal::open(&path, false).unwrap();
        assert!(!journal.has("https://example.org/g1", &a));
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "",
            "--all starts afresh"
        );
    }
}

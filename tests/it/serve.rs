//! The SPARQL endpoint as clients use it: curl (a real HTTP client) and
//! rdflib's SPARQLStore (an independent SPARQL client), on loopback.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{build_corpus, newsgraph, run_python};

pub struct Served {
    pub child: Child,
    pub base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `newsgraph serve` on a free loopback port, stopped on drop.
pub fn serve(store: &Path, extra: &[&str]) -> Served {
    serve_on("127.0.0.1", store, extra)
}

/// The same, with `--bind HOST:PORT` (an address or a host name).
fn serve_on(host: &str, store: &Path, extra: &[&str]) -> Served {
    serve_logging(host, store, extra, Stdio::null())
}

/// The same, its standard error to `stderr`.
pub fn serve_logging(host: &str, store: &Path, extra: &[&str], stderr: Stdio) -> Served {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = newsgraph()
        .args(["serve", "--store", store.to_str().unwrap()])
        .args(["--bind", &format!("{host}:{port}")])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "newsgraph serve did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Served {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

/// curl: returns (status, content type, body).
pub fn curl(args: &[&str]) -> (u16, String, String) {
    let output = Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "30",
            "-o",
            "-",
            "-w",
            "\n%{http_code} %{content_type}",
        ])
        .args(args)
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (body, trailer) = text.rsplit_once('\n').unwrap_or(("", ""));
    let (status, kind) = trailer.split_once(' ').unwrap_or((trailer, ""));
    (
        status.parse().unwrap_or(0),
        kind.to_owned(),
        body.to_owned(),
    )
}

/// A Graph Store PUT of `body` to `graph_url`: (status, content type, body).
pub fn put(graph_url: &str, content_type: &str, body: &str) -> (u16, String, String) {
    curl(&[
        "-X",
        "PUT",
        graph_url,
        "-H",
        &format!("Content-Type: {content_type}"),
        "--data-binary",
        body,
    ])
}

/// A SELECT at the server's `/query`, answered as CSV: the status and the
/// body with `\n` line ends.
pub fn select_csv(base: &str, sparql: &str) -> (u16, String) {
    let (status, _, body) = curl(&[
        "-G",
        &format!("{base}/query"),
        "--data-urlencode",
        &format!("query={sparql}"),
        "--data-urlencode",
        "format=csv",
    ]);
    (status, body.replace("\r\n", "\n"))
}

const ACCUSATIONS: &str =
    "SELECT ?a ?b WHERE { ?x ng:accuses ?y . ?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b";

#[test]
fn sparql_protocol_with_content_negotiation() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &["--cors"]);
    let query_url = format!("{}/query", served.base);
    queries_negotiate_their_format(&query_url);
    graph_store_reads_updates_refused_and_cors(&served.base, &query_url);
}

/// The SPARQL Protocol at `query_url`: results in the format the `Accept`
/// header or the `format` parameter asks for, RDF for CONSTRUCT, 400 for a
/// syntax error.
fn queries_negotiate_their_format(query_url: &str) {
    let (status, kind, body) = curl(&[
        "-G",
        query_url,
        "--data-urlencode",
        &format!("query={ACCUSATIONS}"),
        "-H",
        "Accept: text/csv",
    ]);
    assert_eq!(
        (status, kind.as_str()),
        (200, "text/csv; charset=utf-8"),
        "{body}"
    );
    assert!(
        body.contains("Pakistan,Taliban") && body.contains("Attaullah Tarar,Taliban"),
        "{body}"
    );
    let (status, kind, body) = curl(&[
        query_url,
        "--data-urlencode",
        &format!("query={ACCUSATIONS}"),
        "-H",
        "Accept: application/sparql-results+json",
    ]);
    assert_eq!(
        (status, kind.as_str()),
        (200, "application/sparql-results+json"),
        "{body}"
    );
    assert!(body.contains("\"Pakistan\""), "{body}");
    let (status, _, body) = curl(&[
        "-G",
        query_url,
        "--data-urlencode",
        "query=ASK { ?s ng:mediates ?o }",
        "--data-urlencode",
        "format=xml",
    ]);
    assert_eq!(status, 200);
    assert!(body.contains("<boolean>true</boolean>"), "{body}");
    let (status, kind, body) = curl(&[
        query_url,
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: application/n-triples",
        "--data-binary",
        "CONSTRUCT { ?a ng:accuses ?b } WHERE { ?a ng:accuses ?b }",
    ]);
    assert_eq!(
        (status, kind.as_str()),
        (200, "application/n-triples"),
        "{body}"
    );
    assert!(body.contains("<https://w3id.org/newsgraph/entity/Pakistan> <https://w3id.org/newsgraph/ontology#accuses>"), "{body}");
    let (status, _, body) = curl(&[
        "-G",
        query_url,
        "--data-urlencode",
        "query=SELECT ?x WHERE { ?x ?y }",
    ]);
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("SPARQL syntax error"), "{body}");
}

/// A Graph Store read of one article graph and of a missing one, an update
/// refused by a read-only server, and CORS headers on a preflight.
fn graph_store_reads_updates_refused_and_cors(base: &str, query_url: &str) {
    let (status, _, body) = curl(&[
        "-G",
        &format!("{base}/store"),
        "--data-urlencode",
        "graph=https://w3id.org/newsgraph/doc/003_8c6eea4d084b08cb",
        "-H",
        "Accept: text/turtle",
    ]);
    assert_eq!(status, 200);
    assert!(
        body.contains("ng:rejects"),
        "Graph Store read of one article graph:\n{body}"
    );
    let (status, _, _) = curl(&[
        "-G",
        &format!("{base}/store"),
        "--data-urlencode",
        "graph=https://example.org/none",
    ]);
    assert_eq!(status, 404);
    let (status, _, body) = curl(&[
        &format!("{base}/update"),
        "--data-urlencode",
        "update=CLEAR ALL",
    ]);
    assert_eq!(status, 403, "read-only by default: {body}");
    let headers = Command::new("curl")
        .args([
            "-sS",
            "-D",
            "-",
            "-o",
            "/dev/null",
            "-X",
            "OPTIONS",
            query_url,
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&headers.stdout)
            .to_ascii_lowercase()
            .contains("access-control-allow-origin: *")
    );
}

#[test]
fn updates_when_allowed_and_sigterm_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let mut served = serve(&store, &["--allow-update"]);
    let graph = format!("{}/store?graph=https://example.org/extra", served.base);
    let (status, _, body) = put(
        &graph,
        "application/n-triples",
        "<https://example.org/a> <https://example.org/p> \"x\" .\n",
    );
    assert_eq!(status, 201, "{body}");
    let (status, _, _) = put(
        &graph,
        "text/turtle",
        "<https://example.org/a> <https://example.org/p> \"y\" .",
    );
    assert_eq!(status, 204, "PUT replaces an existing graph");
    let (status, _, body) = curl(&[
        &format!("{}/update", served.base),
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "INSERT DATA { GRAPH <https://example.org/extra> { <https://example.org/b> <https://example.org/p> \"z\" } }",
    ]);
    assert_eq!(status, 204, "{body}");
    let (_, body) = select_csv(
        &served.base,
        "SELECT ?o WHERE { GRAPH <https://example.org/extra> { ?s ?p ?o } } ORDER BY ?o",
    );
    assert_eq!(body, "o\ny\nz\n");
    let pid = served.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "SIGTERM did not stop the server"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "SIGTERM exits with success: {status:?}");
}

#[test]
fn rdflib_sparqlstore_queries_the_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &[]);
    let script = "import sys\nfrom rdflib import Graph\nfrom rdflib.plugins.stores.sparqlstore import SPARQLStore\n\
                  g = Graph(SPARQLStore(sys.argv[1]))\n\
                  rows = g.query('PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT DISTINCT ?m WHERE { ?m ng:mediates ?p } ORDER BY ?m')\n\
                  print(' '.join(str(r.m).rsplit('/', 1)[-1] for r in rows))";
    let mediators = run_python(
        "rdflib's SPARQLStore could not query the endpoint",
        script,
        &[&format!("{}/query", served.base)],
    );
    assert_eq!(mediators, "Qatar Turkey");
}

#[test]
fn bind_takes_a_host_name_and_describe_gives_each_triple_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve_on("localhost", &store, &[]);
    // DESCRIBE over the union of the article graphs: "Pakistan accuses
    // Taliban" is in five of them, and in the answer once.
    let (status, _, body) = curl(&[
        "-H",
        "Accept: application/n-triples",
        "--data-urlencode",
        "query=DESCRIBE <https://w3id.org/newsgraph/entity/Pakistan>",
        &format!("{}/query", served.base),
    ]);
    assert_eq!(status, 200, "{body}");
    let lines: Vec<&str> = body.lines().filter(|line| !line.is_empty()).collect();
    let mut distinct = lines.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(lines.len(), distinct.len(), "repeated triples in:\n{body}");
    assert!(
        body.contains("<https://w3id.org/newsgraph/ontology#accuses> <https://w3id.org/newsgraph/entity/Taliban>"),
        "{body}"
    );
    // A host name that resolves to nothing, and one without a port, are
    // usage errors.
    let output = newsgraph()
        .args([
            "serve",
            "--store",
            store.to_str().unwrap(),
            "--bind",
            "localhost",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("has no port"),
        "{output:?}"
    );
}

/// How many article graphs state an accusation, asked at the endpoint;
/// `None` while it answers otherwise (503 while a build writes the store).
fn accusing_articles(base: &str) -> Option<String> {
    let (status, _, body) = curl(&[
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a ng:accuses ?b } }",
        &format!("{base}/query"),
    ]);
    (status == 200).then(|| body.lines().nth(1).unwrap_or("").to_owned())
}

/// Beside a read-only server the store stays usable: read commands open it
/// read-only as the server does, a build writes it while the server lets
/// go (503 meanwhile), and the server then answers with the new graph.
/// Beside a server that writes, commands are refused with its endpoint.
#[test]
fn a_served_store_stays_readable_and_a_build_beside_it_is_served_after() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    std::fs::create_dir(&one).unwrap();
    let first = std::fs::read_dir(crate::cli::repo().join("corpus"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .min()
        .unwrap();
    std::fs::copy(&first, one.join(first.file_name().unwrap())).unwrap();
    let store = dir.path().join("s");
    let store_arg = store.to_str().unwrap();
    crate::cli::run(&[
        "build",
        one.to_str().unwrap(),
        "--store",
        store_arg,
        "--quiet",
    ]);
    let served = serve(&store, &[]);
    assert_eq!(accusing_articles(&served.base).as_deref(), Some("1"));
    // Reads beside the server.
    let csv = crate::cli::query_csv(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ng:accuses ?b }");
    assert!(csv.starts_with("n\r\n"), "{csv}");
    let exported = crate::cli::run(&["export", "--store", store_arg, "--format", "nquads"]);
    assert!(exported.contains("accuses"), "{exported}");
    // A build beside it, then the server's answer is the new graph.
    crate::cli::run(&["build", "corpus", "--store", store_arg, "--quiet"]);
    let started = Instant::now();
    loop {
        match accusing_articles(&served.base) {
            Some(count) if count == "5" => break,
            _ => {
                assert!(
                    started.elapsed() < Duration::from_secs(20),
                    "the server did not answer with the new graph"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
    drop(served);
    // A killed server's file is stale: the next writer goes on (and the
    // file is gone).
    crate::cli::run(&["build", "corpus", "--store", store_arg, "--quiet"]);
    let leftovers: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("newsgraph-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A server that writes holds the store: others are sent to it.
    let writer = serve(&store, &["--allow-update"]);
    let pid = writer.child.id();
    for args in [
        vec!["query", "--store", store_arg, "--preset", "accusations"],
        vec!["build", "corpus", "--store", store_arg, "--quiet"],
    ] {
        let error = crate::cli::fail(&args, 1);
        let expected = format!(
            "is open for writing by newsgraph serve --allow-update (process {pid}); query it through its endpoint {}/query",
            writer.base
        );
        assert!(
            error.contains(&expected),
            "expected `{expected}` in:\n{error}"
        );
    }
}

/// A query at `/query` as CSV: (status, its `Cache-Status` header, body).
fn select_with_cache_status(base: &str, sparql: &str, post: bool) -> (u16, String, String) {
    let output = Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "30",
            "-o",
            "-",
            "-w",
            "\n%{http_code} %header{cache-status}",
        ])
        .args(if post { vec![] } else { vec!["-G"] })
        .args([
            &format!("{base}/query"),
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query={sparql}"),
        ])
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (body, trailer) = text.rsplit_once('\n').unwrap();
    let (status, cache) = trailer.split_once(' ').unwrap_or((trailer, ""));
    (
        status.parse().unwrap(),
        cache.to_owned(),
        body.replace("\r\n", "\n"),
    )
}

/// The server keeps answers until a write: the same question (by GET or
/// POST) is answered from what it kept, and after a Graph Store PUT or an
/// update the answer is computed again and says what the store says now.
#[test]
fn kept_answers_last_until_a_write_changes_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &["--allow-update"]);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/extra> { ?s ?p ?o } }";
    let (status, cache, body) = select_with_cache_status(&served.base, count, false);
    assert_eq!(
        (status, cache.as_str(), body.as_str()),
        (200, "newsgraph; fwd=miss; stored", "n\n0\n")
    );
    for post in [false, true] {
        let (status, cache, body) = select_with_cache_status(&served.base, count, post);
        assert_eq!(
            (status, cache.as_str(), body.as_str()),
            (200, "newsgraph; hit", "n\n0\n"),
            "post: {post}"
        );
    }
    let graph = format!("{}/store?graph=https://example.org/extra", served.base);
    let (status, _, body) = put(
        &graph,
        "application/n-triples",
        "<https://example.org/a> <https://example.org/p> \"x\" .\n",
    );
    assert_eq!(status, 201, "{body}");
    let (_, cache, body) = select_with_cache_status(&served.base, count, false);
    assert_eq!(
        (cache.as_str(), body.as_str()),
        ("newsgraph; fwd=miss; stored", "n\n1\n"),
        "after a PUT"
    );
    let (status, _, body) = curl(&[
        &format!("{}/update", served.base),
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "INSERT DATA { GRAPH <https://example.org/extra> { <https://example.org/b> <https://example.org/p> \"z\" } }",
    ]);
    assert_eq!(status, 204, "{body}");
    let (_, cache, body) = select_with_cache_status(&served.base, count, true);
    assert_eq!(
        (cache.as_str(), body.as_str()),
        ("newsgraph; fwd=miss; stored", "n\n2\n"),
        "after an update"
    );
    // --cache-size 0 keeps nothing.
    let uncached = serve(&store_copy(&dir, &store), &["--cache-size", "0"]);
    for _ in 0..2 {
        let (_, cache, _) = select_with_cache_status(&uncached.base, count, false);
        assert_eq!(cache, "newsgraph; fwd=miss");
    }
}

/// A second store with the bundled corpus, beside `store`.
fn store_copy(dir: &tempfile::TempDir, store: &Path) -> std::path::PathBuf {
    let copy = dir.path().join(format!(
        "{}-copy",
        store.file_name().unwrap().to_string_lossy()
    ));
    build_corpus(&copy);
    copy
}

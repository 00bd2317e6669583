//! Pushing to a real Virtuoso on loopback (tests/services/virtuoso.sh):
//! Digest authentication, replace on push again, the same answers there as
//! in the local store; and against a loopback Graph Store of the test's
//! own that fails midway or is killed: the next push resumes.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::cli::{build_corpus, newsgraph, query_csv, repo};

struct Virtuoso {
    dir: PathBuf,
    port: u16,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script())
            .arg("clean")
            .arg(&self.dir)
            .output();
    }
}

fn script() -> PathBuf {
    repo().join("tests/services/virtuoso.sh")
}

fn start_virtuoso(parent: &Path) -> Virtuoso {
    // Virtuoso takes PORT for HTTP and PORT+1 for SQL: find two free ones.
    let port = loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if port < 65000 && TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            break port;
        }
    };
    let dir = parent.join("virtuoso");
    let output = Command::new("bash")
        .arg(script())
        .arg("start")
        .arg(port.to_string())
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "virtuoso.sh start failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Virtuoso { dir, port }
}

/// Rows of a SELECT on Virtuoso as sets of unquoted CSV cells.
fn virtuoso_rows(port: u16, query: &str) -> BTreeSet<Vec<String>> {
    let output = Command::new("curl")
        .args([
            "-sS",
            "--max-time",
            "60",
            "-G",
            &format!("http://127.0.0.1:{port}/sparql"),
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
        ])
        .arg(format!("query={query}"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    csv_rows(&String::from_utf8_lossy(&output.stdout))
}

fn csv_rows(csv: &str) -> BTreeSet<Vec<String>> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            line.split(',')
                .map(|cell| cell.trim().trim_matches('"').to_owned())
                .collect()
        })
        .collect()
}

fn with_prefixes(query: &str) -> String {
    let mut text = String::new();
    for (prefix, iri) in newsgraph::vocab::PREFIXES {
        text.push_str(&format!("PREFIX {prefix}: <{iri}>\n"));
    }
    text + query
}

/// `newsgraph push` of `store` to `endpoint` as Virtuoso's `dba`.
fn push_as(
    store: &str,
    endpoint: &str,
    password: &str,
    extra: Option<&str>,
) -> std::process::Output {
    newsgraph()
        .args([
            "push",
            "--store",
            store,
            "--endpoint",
            endpoint,
            "--user",
            "dba",
            "--password",
            password,
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn push_twice_to_virtuoso_gives_the_same_answers_and_no_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let virtuoso = start_virtuoso(dir.path());
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let endpoint = format!("http://127.0.0.1:{}/sparql-graph-crud-auth", virtuoso.port);
    let without = newsgraph()
        .args(["push", "--store", store, "--endpoint", &endpoint])
        .output()
        .unwrap();
    assert_eq!(without.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&without.stderr).contains("asks for authentication"),
        "{}",
        String::from_utf8_lossy(&without.stderr)
    );
    let wrong = push_as(store, &endpoint, "not-dba-test", None);
    let error = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(1), "{error}");
    assert!(
        error.contains("refused the credentials of user `dba`"),
        "wrong credentials should be named as the cause: {error}"
    );
    // The second push finds every graph acknowledged and unchanged; --all
    // sends them again, replacing, not duplicating.
    for (extra, pushed) in [
        (None, "pushed 8 graphs"),
        (None, "pushed 0 graphs"),
        (Some("--all"), "pushed 8 graphs"),
    ] {
        let output = push_as(store, &endpoint, "dba-test", extra);
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{report}");
        assert!(report.contains(pushed), "{extra:?}: {report}");
    }
    let preset = newsgraph::query::preset("accusations").unwrap().sparql;
    let local = csv_rows(&query_csv(store, preset));
    let remote = virtuoso_rows(virtuoso.port, &with_prefixes(preset));
    assert!(!local.is_empty());
    assert_eq!(
        remote, local,
        "the accusations preset differs between Virtuoso and the local store"
    );
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/newsgraph/\")) }";
    let local_count = csv_rows(&query_csv(store, count));
    assert_eq!(
        virtuoso_rows(virtuoso.port, count),
        local_count,
        "pushing twice duplicated quads"
    );
}

/// A Graph Store on loopback that acknowledges PUTs (204) while fewer than
/// `accept` were acknowledged and answers 500 to the others, after `delay`
/// each; it records the graph of each acknowledged PUT, in order.
struct FlakyStore {
    endpoint: String,
    accept: Arc<AtomicUsize>,
    acknowledged: Arc<Mutex<Vec<String>>>,
}

fn flaky_store(accept: usize, delay: Duration) -> FlakyStore {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}/store", listener.local_addr().unwrap());
    let accept = Arc::new(AtomicUsize::new(accept));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let (limit, log) = (Arc::clone(&accept), Arc::clone(&acknowledged));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            answer(stream, &limit, &log, delay);
        }
    });
    FlakyStore {
        endpoint,
        accept,
        acknowledged,
    }
}

fn answer(stream: TcpStream, limit: &AtomicUsize, log: &Mutex<Vec<String>>, delay: Duration) {
    let mut reader = BufReader::new(stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    std::thread::sleep(delay);
    let graph = request
        .split_whitespace()
        .nth(1)
        .and_then(|target| target.split_once("graph="))
        .map(|(_, encoded)| {
            form_urlencoded::parse(format!("g={encoded}").as_bytes())
                .next()
                .map(|(_, value)| value.into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let mut log = log.lock().unwrap();
    let status = if request.starts_with("PUT ") && log.len() < limit.load(Ordering::SeqCst) {
        log.push(graph);
        "204 No Content"
    } else {
        "500 Internal Server Error"
    };
    drop(log);
    let _ = write!(
        reader.get_mut(),
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    );
}

fn push_to(store: &str, endpoint: &str) -> std::process::Output {
    newsgraph()
        .args([
            "push",
            "--store",
            store,
            "--endpoint",
            endpoint,
            "--attempts",
            "1",
        ])
        .output()
        .unwrap()
}

#[test]
fn a_push_that_fails_midway_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let server = flaky_store(3, Duration::ZERO);
    let failed = push_to(store, &server.endpoint);
    let error = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{error}");
    assert!(error.contains("HTTP 500"), "{error}");
    assert_eq!(server.acknowledged.lock().unwrap().len(), 3);
    server.accept.store(usize::MAX, Ordering::SeqCst);
    let resumed = push_to(store, &server.endpoint);
    let report = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{report}");
    assert!(
        report.contains("pushed 5 graphs") && report.contains("3 graphs already there unchanged"),
        "{report}"
    );
    let sent = server.acknowledged.lock().unwrap().clone();
    let distinct: BTreeSet<_> = sent.iter().collect();
    assert_eq!(sent.len(), 8, "each graph sent once: {sent:?}");
    assert_eq!(distinct.len(), 8, "each graph sent once: {sent:?}");
    let again = push_to(store, &server.endpoint);
    let report = String::from_utf8_lossy(&again.stderr);
    assert!(report.contains("pushed 0 graphs"), "{report}");
}

#[test]
fn a_push_killed_midway_resumes_and_sends_each_graph_at_most_once_more() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let server = flaky_store(usize::MAX, Duration::from_millis(150));
    let mut push = newsgraph()
        .args(["push", "--store", store, "--endpoint", &server.endpoint])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once two graphs are acknowledged, while the third is on its
    // way (each PUT takes 150 ms).
    let started = std::time::Instant::now();
    while server.acknowledged.lock().unwrap().len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the push never started"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(50));
    let _ = push.kill(); // SIGKILL
    let _ = push.wait();
    let before = server.acknowledged.lock().unwrap().len();
    assert!(
        (1..8).contains(&before),
        "the kill should land midway: {before} of 8 graphs acknowledged"
    );
    let resumed = push_to(store, &server.endpoint);
    let report = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{report}");
    let sent = server.acknowledged.lock().unwrap().clone();
    let distinct: BTreeSet<_> = sent.iter().collect();
    assert_eq!(distinct.len(), 8, "every graph arrived: {sent:?}");
    // At most the graph acknowledged as the kill landed is sent again.
    assert!(
        sent.len() <= 9,
        "the resumed push sent again graphs already acknowledged: {sent:?}"
    );
}

/// Pushing into a newsgraph server: it keeps its own summary graph (a PUT
/// of it is refused, 409), the articles pushed update it there, and its
/// presets then answer as the pushing store's do.
#[test]
fn a_push_into_a_newsgraph_server_leaves_it_its_summary_and_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let target = dir.path().join("target");
    crate::cli::run(&[
        "load",
        "--store",
        target.to_str().unwrap(),
        "ontology/newsgraph.ttl",
    ]);
    let served = crate::serve::serve(&target, &["--allow-update"]);
    let endpoint = format!("{}/store", served.base);
    let output = push_to(store.to_str().unwrap(), &endpoint);
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
    assert!(
        report.contains("pushed 7 graphs") && report.contains("keeps its own summary graph"),
        "{report}"
    );
    let summary = "https://w3id.org/newsgraph/graph/summary";
    let (status, _, body) = crate::serve::put(
        &format!("{endpoint}?graph={summary}"),
        "application/n-triples",
        "<https://example.org/a> <https://example.org/p> \"x\" .\n",
    );
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("summary graph"), "{body}");
    for preset in ["accusations", "mediators", "relations", "timeline"] {
        let sparql = newsgraph::query::preset(preset).unwrap().sparql;
        let (status, there) = crate::serve::select_csv(&served.base, sparql);
        assert_eq!(status, 200, "{there}");
        let here = query_csv(store.to_str().unwrap(), sparql).replace("\r\n", "\n");
        assert_eq!(
            there, here,
            "preset {preset}: the server (actual) and the pushing store (expected)"
        );
    }
}

//! What a server refuses and limits: result size and query time, writes
//! without a token or beyond loopback without credentials, a body over the
//! limit, more queries than slots, and a connection that says nothing.

use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{build_corpus, newsgraph};
use crate::serve::{curl, put, select_csv, serve, serve_logging};

#[test]
fn limits_timeouts_and_many_readers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &["--timeout", "0.5", "--max-results", "10"]);
    let query_url = format!("{}/query", served.base);
    let (status, _, body) = curl(&[
        "-G",
        &query_url,
        "--data-urlencode",
        "query=SELECT * WHERE { ?s ?p ?o }",
    ]);
    assert_eq!(status, 413, "{body}");
    let endless = "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let (status, _, body) = curl(&["-G", &query_url, "--data-urlencode", endless]);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("timed out"), "{body}");
    let readers: Vec<_> = (0..16)
        .map(|_| {
            let url = query_url.clone();
            std::thread::spawn(move || {
                curl(&[
                    "-G",
                    &url,
                    "--data-urlencode",
                    "query=ASK { ?s ng:accuses ?o }",
                ])
                .0
            })
        })
        .collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), 200);
    }
}

/// The SHA-256 of a token in hexadecimal, as `sha256sum` prints it.
fn sha256_hex(token: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[test]
fn writes_need_a_token_when_the_server_has_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let tokens = dir.path().join("tokens");
    std::fs::write(
        &tokens,
        format!(
            "# who may write\nanalyst {}\n",
            sha256_hex("t0ken-for-tests")
        ),
    )
    .unwrap();
    let served = serve(
        &store,
        &["--allow-update", "--auth", tokens.to_str().unwrap()],
    );
    let update = format!("{}/update", served.base);
    let insert = "INSERT DATA { GRAPH <https://example.org/extra> { <https://example.org/b> <https://example.org/p> \"z\" } }";
    let write = |headers: &[&str]| {
        let mut args = vec![
            update.as_str(),
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            insert,
        ];
        for header in headers {
            args.extend(["-H", header]);
        }
        curl(&args)
    };
    let (status, _, body) = write(&[]);
    assert_eq!(status, 401, "no token: {body}");
    assert!(body.contains("no Authorization header"), "{body}");
    let (status, _, body) = write(&["Authorization: Bearer wrong-token"]);
    assert_eq!(status, 401, "a wrong token: {body}");
    assert!(
        body.contains("not one of the server's credentials"),
        "{body}"
    );
    let hash_as_token = format!("Authorization: Bearer {}", sha256_hex("t0ken-for-tests"));
    let (status, _, _) = write(&[&hash_as_token]);
    assert_eq!(status, 401, "the stored hash is no token");
    let graph = format!("{}/store?graph=https://example.org/extra", served.base);
    let (status, _, _) = curl(&["-X", "DELETE", &graph]);
    assert_eq!(status, 401, "a Graph Store write needs the token too");
    let (status, _, body) = write(&["Authorization: Bearer t0ken-for-tests"]);
    assert_eq!(status, 204, "the right token: {body}");
    // Reads need none.
    let answer = select_csv(
        &served.base,
        "SELECT ?o WHERE { GRAPH <https://example.org/extra> { ?s ?p ?o } }",
    );
    assert_eq!(answer, (200, "o\nz\n".to_owned()));
    let (status, _, _) = curl(&[&graph]);
    assert_eq!(status, 200, "a Graph Store read needs no token");
}

#[test]
fn updates_beyond_loopback_need_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let output = newsgraph()
        .args([
            "serve",
            "--store",
            store,
            "--allow-update",
            "--bind",
            "0.0.0.0:0",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "--allow-update on 0.0.0.0:0, which is not a loopback address, needs --auth FILE"
        ),
        "{stderr}"
    );
    let bad = dir.path().join("tokens");
    std::fs::write(&bad, "analyst t0ken-in-the-clear\n").unwrap();
    let output = newsgraph()
        .args([
            "serve",
            "--store",
            store,
            "--allow-update",
            "--bind",
            "0.0.0.0:0",
        ])
        .args(["--auth", bad.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}:1: `t0ken-in-the-clear` is not a SHA-256",
            bad.display()
        )),
        "{stderr}"
    );
    let output = newsgraph()
        .args(["serve", "--store", store, "--auth", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "--auth without --allow-update is a usage error: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_body_over_the_limit_is_refused_whole_and_each_request_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let log = dir.path().join("serve.log");
    let served = serve_logging(
        "127.0.0.1",
        &store,
        &["--allow-update", "--max-body", "200"],
        Stdio::from(std::fs::File::create(&log).unwrap()),
    );
    let graph = format!("{}/store?graph=https://example.org/big", served.base);
    let line = "<https://example.org/a> <https://example.org/p> \"x\" .\n";
    let put_lines = |body: &str| put(&graph, "application/n-triples", body);
    let (status, _, body) = put_lines(&line.repeat(5));
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("over 200 bytes"), "{body}");
    let (status, _, _) = curl(&[&graph]);
    assert_eq!(status, 404, "nothing of a refused body is stored");
    let (status, _, body) = put_lines(line);
    assert_eq!(status, 201, "{body}");
    for _ in 0..2 {
        let (status, body) = crate::serve::select_csv(
            &served.base,
            "SELECT ?o WHERE { GRAPH <https://example.org/big> { ?s ?p ?o } }",
        );
        assert_eq!(status, 200, "{body}");
    }
    drop(served);
    let logged = std::fs::read_to_string(&log).unwrap();
    for expected in ["PUT /store 413 ", "GET /store 404 ", "PUT /store 201 "] {
        assert!(
            logged.contains(expected),
            "no `{expected}` in the log:\n{logged}"
        );
    }
    // A query's line says how many rows it answered, and whether the
    // answer was one kept from before.
    let queries: Vec<&str> = logged
        .lines()
        .filter(|line| line.starts_with("GET /query 200 "))
        .collect();
    assert_eq!(queries.len(), 2, "{logged}");
    assert!(queries[0].ends_with(" ms 1 rows"), "{}", queries[0]);
    assert!(
        queries[1].ends_with(" ms 1 rows (kept answer)"),
        "{}",
        queries[1]
    );
}

#[test]
fn a_heavy_query_takes_one_slot_and_a_full_queue_is_told_to_retry() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(
        &store,
        &["--timeout", "3", "--max-queries", "1", "--queue", "0"],
    );
    let query_url = format!("{}/query", served.base);
    let heavy = {
        let url = query_url.clone();
        std::thread::spawn(move || {
            let endless = "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
            curl(&["-G", &url, "--data-urlencode", endless]).0
        })
    };
    std::thread::sleep(Duration::from_millis(700));
    let output = Command::new("curl")
        .args([
            "-sS",
            "-i",
            "-G",
            &query_url,
            "--data-urlencode",
            "query=ASK { ?s ?p ?o }",
        ])
        .output()
        .unwrap();
    let answer = String::from_utf8_lossy(&output.stdout).to_lowercase();
    assert!(answer.starts_with("http/1.1 503"), "{answer}");
    assert!(answer.contains("retry-after: 1"), "{answer}");
    assert!(
        answer.contains("the server is busy: its 1 query slots are taken and 0 requests wait"),
        "{answer}"
    );
    let (status, _, _) = curl(&[&format!("{}/", served.base)]);
    assert_eq!(status, 200, "the page needs no query slot");
    assert_eq!(heavy.join().unwrap(), 503, "the heavy query times out");
    let (status, _, body) = curl(&[
        "-G",
        &query_url,
        "--data-urlencode",
        "query=ASK { ?s ?p ?o }",
    ]);
    assert_eq!(status, 200, "its slot is free again: {body}");
}

#[test]
fn a_silent_connection_is_closed_after_the_idle_timeout() {
    use std::io::Read as _;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &["--idle-timeout", "0.5"]);
    let address = served.base.trim_start_matches("http://").to_owned();
    let mut silent = TcpStream::connect(&address).unwrap();
    silent
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    // The server answers (oxhttp says 500: the read timed out) and closes
    // it, well before the 20 s this side waits.
    let mut answer = Vec::new();
    let read = silent.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        read.is_ok() && started.elapsed() < Duration::from_secs(10),
        "{read:?} after {:?}: {answer}",
        started.elapsed()
    );
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 "),
        "{answer}"
    );
    let (status, _, _) = curl(&[&format!("{}/", served.base)]);
    assert_eq!(status, 200, "the server still answers");
}

//! Pushing to a real Virtuoso on loopback (tests/services/virtuoso.sh):
//! Digest authentication, replace on push again, the same answers there as
//! in the local store.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

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
    for _ in 0..2 {
        let output = newsgraph()
            .args([
                "push",
                "--store",
                store,
                "--endpoint",
                &endpoint,
                "--user",
                "dba",
                "--password",
                "dba-test",
            ])
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{report}");
        assert!(report.contains("pushed 8 graphs"), "{report}");
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

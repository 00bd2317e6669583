//! Linked data: joining the extracted graph with an external dataset
//! through the identity links, loaded into the store (`newsgraph load`) and
//! over SPARQL federation (`SERVICE`) against a real SPARQL endpoint on
//! loopback (the Oxigraph server that `.ci/setup` installs from PyPI).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{build_corpus, query_csv, repo, run};

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/wikidata-extract.ttl")
}

/// Who takes part in an accusation, with the population of their country
/// from Wikidata, through `owl:sameAs`. `{source}` is where the Wikidata
/// triples are: nothing (the store) or a SERVICE clause.
fn population_query(service: Option<&str>) -> String {
    let wikidata =
        "?item wdt:P1082 ?population ; wdt:P36 ?capital . ?capital rdfs:label ?capitalName .";
    let remote = match service {
        Some(endpoint) => format!("SERVICE <{endpoint}> {{ {wikidata} }}"),
        None => wikidata.to_owned(),
    };
    format!(
        "PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT DISTINCT ?actor ?population ?capitalName WHERE {{
  {{ ?a ng:accuses ?b }} UNION {{ ?b ng:accuses ?a }}
  ?a rdfs:label ?actor ; owl:sameAs ?item .
  FILTER(STRSTARTS(STR(?item), \"http://www.wikidata.org/entity/\"))
  {remote}
}} ORDER BY ?actor"
    )
}

const EXPECTED: &str = "actor,population,capitalName\nPakistan,241499431,Islamabad\n";

#[test]
fn join_with_a_loaded_wikidata_extract() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    run(&[
        "load",
        fixture().to_str().unwrap(),
        "--store",
        store,
        "--graph",
        "https://example.org/wikidata",
    ]);
    let csv = query_csv(store, &population_query(None));
    assert_eq!(csv.replace("\r\n", "\n"), EXPECTED);
    // Loading again changes nothing; --replace empties the graph first.
    run(&[
        "load",
        fixture().to_str().unwrap(),
        "--store",
        store,
        "--graph",
        "https://example.org/wikidata",
        "--replace",
    ]);
    let count = query_csv(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/wikidata> { ?s ?p ?o } }",
    );
    assert_eq!(count.replace("\r\n", "\n"), "n\n20\n");
}

#[test]
fn load_rejects_a_bad_file_and_keeps_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let bad = dir.path().join("bad.ttl");
    std::fs::write(
        &bad,
        "<http://a> <http://b> <http://c> .\n<http://a> <http://b> \"unterminated .\n",
    )
    .unwrap();
    let before = query_csv(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );
    let output = crate::cli::newsgraph()
        .args([
            "load",
            bad.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("bad.ttl") && error.contains("nothing from it was stored"),
        "{error}"
    );
    let after = query_csv(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );
    assert_eq!(before, after, "a failed load changed the store");
}

/// An Oxigraph SPARQL server on a free loopback port, stopped on drop.
struct Endpoint {
    child: Child,
    url: String,
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn oxigraph_server(location: &Path, data: &Path) -> Endpoint {
    let binary = repo().join(".venv-test/bin/oxigraph");
    assert!(
        binary.exists(),
        "{} is missing: run .ci/setup (it installs the Oxigraph server from PyPI)",
        binary.display()
    );
    let status = Command::new(&binary)
        .args(["load", "--location"])
        .arg(location)
        .arg("--file")
        .arg(data)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "oxigraph load failed");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(&binary)
        .args(["serve-read-only", "--location"])
        .arg(location)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let endpoint = Endpoint {
        child,
        url: format!("http://127.0.0.1:{port}/query"),
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the Oxigraph server did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    endpoint
}

#[test]
fn federated_join_with_a_sparql_endpoint_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let endpoint = oxigraph_server(&dir.path().join("wikidata"), &fixture());
    let store = dir.path().join("s");
    build_corpus(&store);
    let csv = run(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
        "--timeout",
        "30",
        &population_query(Some(&endpoint.url)),
    ]);
    assert_eq!(csv.replace("\r\n", "\n"), EXPECTED);
}

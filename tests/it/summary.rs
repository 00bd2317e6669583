//! The summary graph stays exact: after a bulk build, a rebuild of changed
//! articles, a `load --replace`, and the server's Graph Store writes and
//! SPARQL updates, every summary node says what the article graphs say
//! (counted again here from the full graph), and the presets that read it
//! answer as the queries over the full graph do.

use std::fs;
use std::path::Path;

use crate::cli::{build_corpus, newsgraph, query_csv, repo, run};
use crate::serve::serve;

/// Each asserted edge with its articles, asserted instances and first and
/// last date, counted from the article graphs.
const FROM_ARTICLES: &str = "SELECT ?s ?p ?o ?n ?i ?first ?last WHERE {
  { SELECT ?s ?p ?o (COUNT(DISTINCT ?article) AS ?n) WHERE {
      GRAPH ?article { ?s ?p ?o . ?article a ng:NewsArticle }
      VALUES ?p { ng:mediates ng:accuses ng:demands ng:rejects }
    } GROUP BY ?s ?p ?o }
  OPTIONAL { SELECT ?s ?p ?o (COUNT(DISTINCT ?r) AS ?counted) WHERE {
      GRAPH ?article { ?s ?p ?o . ?article a ng:NewsArticle .
        ?r rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:modality ng:Asserted }
      VALUES ?p { ng:mediates ng:accuses ng:demands ng:rejects }
    } GROUP BY ?s ?p ?o }
  BIND(COALESCE(?counted, 0) AS ?i)
  OPTIONAL { SELECT ?s ?p ?o (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
      GRAPH ?article { ?s ?p ?o . ?article a ng:NewsArticle ; dcterms:date ?d }
      VALUES ?p { ng:mediates ng:accuses ng:demands ng:rejects }
    } GROUP BY ?s ?p ?o }
} ORDER BY ?s ?p ?o";

/// The same, as the summary graph holds it.
const FROM_SUMMARY: &str = "SELECT ?s ?p ?o ?n ?i ?first ?last WHERE {
  ?e a ng:EdgeSummary ; ng:source ?s ; ng:relation ?p ; ng:target ?o ;
     ng:articleCount ?n ; ng:instanceCount ?i .
  OPTIONAL { ?e ng:firstDate ?first } OPTIONAL { ?e ng:lastDate ?last }
} ORDER BY ?s ?p ?o";

/// The presets as they were written before the summary: over every article.
const PRESETS_FROM_ARTICLES: &[(&str, &str)] = &[
    (
        "accusations",
        "SELECT ?accuser ?accused (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?a ng:accuses ?b . ?article a ng:NewsArticle }
  ?a rdfs:label ?accuser . ?b rdfs:label ?accused .
} GROUP BY ?accuser ?accused ORDER BY DESC(?articles) ?accuser ?accused",
    ),
    (
        "mediators",
        "SELECT ?mediator ?party (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?m ng:mediates ?p . ?article a ng:NewsArticle }
  ?m rdfs:label ?mediator . ?p rdfs:label ?party .
} GROUP BY ?mediator ?party ORDER BY DESC(?articles) ?mediator ?party",
    ),
    (
        "rejections",
        "SELECT ?actor ?rejected (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?a ng:rejects ?b . ?article a ng:NewsArticle }
  ?a rdfs:label ?actor . ?b rdfs:label ?rejected .
} GROUP BY ?actor ?rejected ORDER BY DESC(?articles) ?actor ?rejected",
    ),
    (
        "relations",
        "SELECT ?source ?relation ?target (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  GRAPH ?article { ?a ?p ?b . ?article a ng:NewsArticle }
  VALUES ?p { ng:mediates ng:accuses ng:demands ng:rejects }
  ?a rdfs:label ?source . ?b rdfs:label ?target .
  BIND(STRAFTER(STR(?p), \"#\") AS ?relation)
} GROUP BY ?source ?relation ?target ORDER BY ?relation DESC(?articles) ?source ?target",
    ),
];

/// Asserts the summary agrees with the article graphs and that the presets
/// answer as the full-graph queries do; `when` names the step.
pub fn assert_exact(store: &Path, when: &str) {
    let expected = query_csv(store, FROM_ARTICLES);
    let actual = query_csv(store, FROM_SUMMARY);
    assert!(
        expected.lines().count() > 1,
        "{when}: the store states no edge at all"
    );
    assert_eq!(
        actual, expected,
        "{when}: the summary (actual) differs from the article graphs (expected)"
    );
    let store_arg = store.to_str().unwrap();
    for (preset, full) in PRESETS_FROM_ARTICLES {
        let answer = run(&[
            "query", "--store", store_arg, "--preset", preset, "--format", "csv",
        ]);
        assert_eq!(
            answer,
            query_csv(store, full),
            "{when}: preset {preset} (actual) differs from the full-graph query (expected)"
        );
    }
}

/// The number of edge summaries that name `label` as source or target.
fn edges_naming(store: &Path, entity: &str) -> usize {
    query_csv(
        store,
        &format!(
            "SELECT ?e WHERE {{ ?e a ng:EdgeSummary . {{ ?e ng:source <{entity}> }} UNION {{ ?e ng:target <{entity}> }} }}"
        ),
    )
    .lines()
    .count()
        - 1
}

const QATAR: &str = "https://w3id.org/newsgraph/entity/Qatar";

#[test]
fn the_summary_stays_exact_through_rebuilds_loads_and_server_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for entry in fs::read_dir(repo().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    let corpus_arg = corpus.to_str().unwrap();
    let store_arg = store.to_str().unwrap();

    // A new store: the bulk loader, then one pass over the direct edges.
    build_corpus(&store);
    assert_exact(&store, "after the first build");

    // A rebuilt article that now states a new edge, and one dated anew.
    let article = fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "txt"))
        .expect("the corpus has a text article");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        format!(
            "+++\ndate = 2031-05-01\n+++\n{text}\n\nQatar accused the Tehreek-e-Taliban Pakistan of attacking a convoy near the border on Friday.\n"
        ),
    )
    .unwrap();
    run(&["build", corpus_arg, "--store", store_arg, "--quiet"]);
    assert_exact(&store, "after rebuilding a changed article");
    assert!(
        query_csv(&store, FROM_SUMMARY).contains("2031-05-01"),
        "the new date is an edge's last date"
    );

    // The same article again without the sentence: the edge it alone
    // stated loses its node.
    fs::write(&article, &text).unwrap();
    run(&["build", corpus_arg, "--store", store_arg, "--quiet"]);
    assert_exact(&store, "after rebuilding it as it was");

    // `load --replace` of one article graph exported and edited by hand.
    let exported = run(&["export", "--store", store_arg, "--format", "nquads"]);
    let one_graph: String = exported
        .lines()
        .filter(|line| line.contains("/doc/") && line.contains("ontology#accuses"))
        .take(1)
        .collect();
    assert!(!one_graph.is_empty(), "the corpus states an accusation");
    let graph = one_graph
        .rsplit_once(" <")
        .map(|(_, graph)| graph.trim_end_matches(" .").trim_end_matches('>'))
        .unwrap()
        .to_owned();
    let edited = dir.path().join("edited.nt");
    fs::write(
        &edited,
        format!(
            "<{graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newsgraph/ontology#NewsArticle> .\n\
             <{QATAR}> <https://w3id.org/newsgraph/ontology#rejects> <https://w3id.org/newsgraph/entity/TTP> .\n"
        ),
    )
    .unwrap();
    let status = newsgraph()
        .args(["load", edited.to_str().unwrap(), "--store", store_arg])
        .args(["--graph", &graph, "--replace"])
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    assert_exact(&store, "after load --replace");

    // The server: a Graph Store PUT, a DELETE and a SPARQL update.
    let served = serve(&store, &["--allow-update"]);
    let put = std::process::Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT"])
        .arg(format!("{}/store?graph=https://example.org/doc/new", served.base))
        .args(["-H", "Content-Type: application/n-quads", "--data-binary"])
        .arg(format!(
            "<https://example.org/doc/new> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newsgraph/ontology#NewsArticle> .\n\
             <https://example.org/doc/new> <http://purl.org/dc/terms/date> \"2031-01-02\"^^<http://www.w3.org/2001/XMLSchema#date> .\n\
             <{QATAR}> <https://w3id.org/newsgraph/ontology#mediates> <https://w3id.org/newsgraph/entity/TTP> .\n"
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&put.stdout), "201", "{put:?}");
    let update = std::process::Command::new("curl")
        .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}"])
        .arg(format!("{}/update", served.base))
        .args([
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
        ])
        .arg(format!(
            "DELETE WHERE {{ GRAPH <{graph}> {{ <{QATAR}> ?p ?o }} }}"
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&update.stdout), "204", "{update:?}");
    drop(served);
    assert_exact(&store, "after a Graph Store PUT and a SPARQL update");
    assert!(
        edges_naming(&store, QATAR) > 0,
        "the PUT's edge is summarised"
    );

    let served = serve(&store, &["--allow-update"]);
    let delete = std::process::Command::new("curl")
        .args([
            "-sS",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-X",
            "DELETE",
        ])
        .arg(format!(
            "{}/store?graph=https://example.org/doc/new",
            served.base
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&delete.stdout), "204", "{delete:?}");
    drop(served);
    assert_exact(&store, "after a Graph Store DELETE");
}

/// Graph Store PUTs on the server's threads at once: each reads and
/// rewrites the summary nodes of the edges it states, and none loses
/// another's counts (Oxigraph's transactions do not detect such conflicts,
/// so the store takes its writes one at a time).
#[test]
fn concurrent_graph_store_writes_keep_the_summary_exact() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &["--allow-update", "--max-queries", "8"]);
    let body = |n: usize| {
        format!(
            "<https://example.org/doc/c{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newsgraph/ontology#NewsArticle> .\n\
             <{QATAR}> <https://w3id.org/newsgraph/ontology#mediates> <https://w3id.org/newsgraph/entity/TTP> .\n\
             <{QATAR}> <https://w3id.org/newsgraph/ontology#accuses> <https://w3id.org/newsgraph/entity/TTP> .\n"
        )
    };
    let threads: Vec<_> = (0..8)
        .map(|thread| {
            let (base, bodies) = (
                served.base.clone(),
                (0..6)
                    .map(|k| (thread * 6 + k, body(thread * 6 + k)))
                    .collect::<Vec<_>>(),
            );
            std::thread::spawn(move || {
                for (n, body) in bodies {
                    let (status, _, answer) = crate::serve::put(
                        &format!("{base}/store?graph=https://example.org/doc/c{n}"),
                        "application/n-triples",
                        &body,
                    );
                    assert_eq!(status, 201, "{answer}");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    drop(served);
    assert_exact(&store, "after 48 concurrent PUTs");
    let mediations = query_csv(
        &store,
        &format!(
            "SELECT ?n WHERE {{ ?e ng:source <{QATAR}> ; ng:relation ng:mediates ; ng:target <https://w3id.org/newsgraph/entity/TTP> ; ng:articleCount ?n }}"
        ),
    );
    assert_eq!(mediations.lines().nth(1), Some("48"), "{mediations}");
}

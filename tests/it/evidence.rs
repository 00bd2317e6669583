//! The evidence profiles of `build --evidence`: what each writes and leaves
//! out, that score.py finds the same relations in all three (and the
//! evidence where sentences are kept), that each export conforms to the
//! shapes, that the summary is the same whatever the profile, also after a
//! rebuild, and that a store keeps the profile it was built with.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::cli::{fail, query_csv, repo, run, shacl};

const PROFILES: [&str; 3] = ["full", "sentence", "none"];

/// The N-Quads of the corpus built with `profile`, written to `file`.
fn build_to(file: &Path, profile: &str) -> String {
    run(&[
        "build",
        "corpus",
        "--output",
        file.to_str().unwrap(),
        "--evidence",
        profile,
        "--quiet",
    ]);
    fs::read_to_string(file).unwrap()
}

/// How many quads of the article graphs have each predicate, by its local
/// name (after `#` or the last `/`).
fn predicates(nquads: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for line in nquads.lines() {
        if line.ends_with("/graph/ontology> .") || line.ends_with("/graph/entities> .") {
            continue;
        }
        let predicate = line.split(' ').nth(1).unwrap().trim_end_matches('>');
        let local = predicate.rsplit(['#', '/']).next().unwrap().to_owned();
        *counts.entry(local).or_default() += 1;
    }
    counts
}

/// score.py's summary line of `file` against the corpus gold.
fn score(file: &Path) -> String {
    let output = Command::new("python3")
        .current_dir(repo())
        .arg("tests/gold/score.py")
        .arg(file)
        .args(["--gold", "tests/gold/corpus"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned()
}

/// The lines of `nquads` whose predicate is a relation of the ng: namespace.
fn direct_edges(nquads: &str) -> Vec<&str> {
    let mut edges: Vec<&str> = nquads
        .lines()
        .filter(|line| {
            let predicate = line.split(' ').nth(1).unwrap_or("");
            ["mediates", "accuses", "demands", "rejects"]
                .iter()
                .any(|r| predicate == format!("<https://w3id.org/newsgraph/ontology#{r}>"))
        })
        .collect();
    edges.sort_unstable();
    edges
}

#[test]
fn each_evidence_profile_writes_what_the_readme_says_and_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let mut graphs = BTreeMap::new();
    for profile in PROFILES {
        let file = dir.path().join(format!("{profile}.nq"));
        let nquads = build_to(&file, profile);
        let (code, report) = shacl(&file);
        assert_eq!(
            code,
            Some(0),
            "--evidence {profile} does not conform to ontology/shapes.ttl:\n{report}"
        );
        graphs.insert(profile, (file, nquads, report));
    }
    let (full_file, full, _) = &graphs["full"];
    let (sentence_file, sentence, _) = &graphs["sentence"];
    let (none_file, none, none_report) = &graphs["none"];
    let (full_counts, sentence_counts, none_counts) =
        (predicates(full), predicates(sentence), predicates(none));
    let count =
        |counts: &BTreeMap<String, usize>, local: &str| counts.get(local).copied().unwrap_or(0);

    // The text once per sentence, in every profile that keeps sentences.
    for counts in [&full_counts, &sentence_counts, &none_counts] {
        assert_eq!(count(counts, "sentenceText"), 0, "{counts:?}");
    }
    let instances = count(&full_counts, "object");
    assert!(
        instances > 0,
        "the corpus states relations: {full_counts:?}"
    );
    assert!(count(&full_counts, "anchorOf") < instances);
    // Typed with its event class only (rdf:Statement follows from it).
    assert!(
        full.lines()
            .filter(|line| line.contains("#Statement> <"))
            .all(|line| line.ends_with("/graph/ontology> .")),
        "an article graph types an instance rdf:Statement"
    );
    for detail in ["ng:trigger", "ng:triggerStart", "ng:triggerEnd", "ng:rule"] {
        let local = detail.replace("ng:", "");
        assert_eq!(count(&full_counts, &local), instances, "{detail} in full");
    }

    // sentence: the same instances and sentences, no trigger.
    assert_eq!(count(&sentence_counts, "object"), instances);
    assert_eq!(count(&sentence_counts, "rule"), instances);
    assert_eq!(
        count(&sentence_counts, "anchorOf"),
        count(&full_counts, "anchorOf")
    );
    for detail in ["trigger", "triggerStart", "triggerEnd"] {
        assert_eq!(count(&sentence_counts, detail), 0);
    }

    // none: no instance, no sentence; one count per direct edge.
    for gone in [
        "subject",
        "evidence",
        "modality",
        "anchorOf",
        "wasDerivedFrom",
    ] {
        assert_eq!(count(&none_counts, gone), 0, "{gone} in none");
    }
    let edges = direct_edges(full).len();
    assert_eq!(count(&none_counts, "instanceCount"), edges);
    assert!(
        none_report.contains("ngsh:EdgeCountShape ")
            && !none_report.contains("ngsh:EdgeCountShape 0"),
        "the edge count shape checked the counts:\n{none_report}"
    );

    // Every profile records itself, keeps the article nodes and mentions,
    // and the direct edges byte for byte.
    for (profile, (_, nquads, _)) in &graphs {
        let counts = predicates(nquads);
        assert_eq!(count(&counts, "evidenceProfile"), 5, "{profile}");
        assert_eq!(count(&counts, "mentions"), count(&full_counts, "mentions"));
        assert_eq!(direct_edges(nquads), direct_edges(full), "{profile}");
    }
    assert!(full.len() > sentence.len() && sentence.len() > none.len());

    // A graph that says full but keeps no trigger is refused.
    let mislabelled: String = sentence
        .lines()
        .map(|line| {
            if line.contains("#evidenceProfile> ") {
                line.replace("#SentenceEvidence>", "#FullEvidence>")
            } else {
                line.to_owned()
            }
        })
        .map(|line| line + "\n")
        .collect();
    let bad = dir.path().join("mislabelled.nq");
    fs::write(&bad, mislabelled).unwrap();
    let (code, report) = shacl(&bad);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("Source Shape: ngsh:EvidenceProfileShape"),
        "{report}"
    );

    // score.py finds the same relations; evidence where sentences are kept.
    let full_score = score(full_file);
    assert!(full_score.contains("evidence=1.000"), "{full_score}");
    assert_eq!(score(sentence_file), full_score);
    let none_score = score(none_file);
    assert_eq!(
        none_score.split(" evidence=").next(),
        full_score.split(" evidence=").next(),
        "the relations"
    );
    assert!(none_score.ends_with("evidence=0.000"), "{none_score}");
}

/// Every edge summary as CSV.
const SUMMARY: &str = "SELECT ?s ?p ?o ?n ?i ?first ?last WHERE {
  ?e a ng:EdgeSummary ; ng:source ?s ; ng:relation ?p ; ng:target ?o ;
     ng:articleCount ?n ; ng:instanceCount ?i .
  OPTIONAL { ?e ng:firstDate ?first } OPTIONAL { ?e ng:lastDate ?last }
} ORDER BY ?s ?p ?o";

#[test]
fn the_summary_is_the_same_in_every_profile_and_after_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    for entry in fs::read_dir(repo().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    let corpus_arg = corpus.to_str().unwrap();
    let build = |store: &Path, more: &[&str]| {
        let mut args = vec!["build", corpus_arg, "--store", store.to_str().unwrap()];
        args.extend_from_slice(more);
        args.push("--quiet");
        run(&args);
    };
    let full_store = dir.path().join("full");
    build(&full_store, &[]);
    let expected = query_csv(&full_store, SUMMARY);
    assert!(expected.lines().count() > 5, "{expected}");
    for profile in ["sentence", "none"] {
        let store = dir.path().join(profile);
        build(&store, &["--evidence", profile]);
        assert_eq!(
            query_csv(&store, SUMMARY),
            expected,
            "the summary of --evidence {profile} (actual) differs from full's (expected)"
        );
    }

    // A rebuilt article in the none store: its counts are taken away and
    // added again from its edge counts, through the same transaction.
    let none_store = dir.path().join("none");
    let article = fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "txt"))
        .unwrap();
    let text = fs::read_to_string(&article).unwrap();
    let more = format!(
        "{text}\n\nPakistan accused the Taliban of sheltering militants. Pakistan again accused the Taliban.\n"
    );
    for store in [&full_store, &none_store] {
        fs::write(&article, &more).unwrap();
        build(store, &[]);
    }
    let changed = query_csv(&full_store, SUMMARY);
    assert_ne!(changed, expected, "the new sentences change the counts");
    assert_eq!(query_csv(&none_store, SUMMARY), changed, "after a rebuild");
    fs::write(&article, &text).unwrap();
    for store in [&full_store, &none_store] {
        build(store, &[]);
    }
    assert_eq!(
        query_csv(&none_store, SUMMARY),
        expected,
        "rebuilt as it was"
    );

    // `load` summarises the whole store anew, from the edge counts.
    let extra = dir.path().join("extra.nt");
    fs::write(
        &extra,
        "<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n",
    )
    .unwrap();
    run(&[
        "load",
        extra.to_str().unwrap(),
        "--store",
        none_store.to_str().unwrap(),
    ]);
    assert_eq!(query_csv(&none_store, SUMMARY), expected, "after a load");

    // The counting presets answer alike; explain says why it has no sentence.
    for preset in ["accusations", "timeline"] {
        let answer = |store: &Path| {
            run(&[
                "query",
                "--store",
                store.to_str().unwrap(),
                "-p",
                preset,
                "--format",
                "csv",
            ])
        };
        assert_eq!(answer(&none_store), answer(&full_store), "{preset}");
    }
    let error = fail(
        &[
            "explain",
            "Pakistan",
            "accuses",
            "Taliban",
            "--store",
            none_store.to_str().unwrap(),
        ],
        1,
    );
    assert!(error.contains("--evidence none"), "{error}");
}

#[test]
fn a_store_keeps_the_evidence_profile_it_was_built_with() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let store_arg = store.to_str().unwrap();
    let built = |more: &[&str]| {
        let output = crate::cli::newsgraph()
            .args(["build", "corpus", "--store", store_arg])
            .args(more)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    let first = built(&["--evidence", "sentence"]);
    assert!(first.contains("written (evidence sentence)"), "{first}");
    // No flag: the store's profile, not the default.
    let again = built(&[]);
    assert!(again.contains("written (evidence sentence)"), "{again}");
    let instances_with_triggers = query_csv(&store, "SELECT ?r WHERE { ?r ng:trigger ?t }");
    assert_eq!(
        instances_with_triggers.lines().count(),
        1,
        "{instances_with_triggers}"
    );
    // The readers of the sentence do without the trigger.
    let explained = run(&[
        "explain", "Pakistan", "accuses", "Taliban", "--store", store_arg,
    ]);
    assert!(
        explained.contains("rule accuses/") && !explained.contains("trigger"),
        "{explained}"
    );
    let evidence = run(&[
        "query", "-p", "evidence", "--store", store_arg, "--format", "csv",
    ]);
    assert!(evidence.lines().count() > 10, "{evidence}");
    // Another profile would leave the store half one, half the other.
    let error = fail(
        &[
            "build",
            "corpus",
            "--store",
            store_arg,
            "--evidence",
            "full",
            "--quiet",
        ],
        1,
    );
    assert!(
        error.contains("built with --evidence sentence")
            && error.contains("build with --evidence sentence, or into a new store"),
        "{error}"
    );
    // A bad name is a usage error listing the profiles.
    let usage = fail(
        &["build", "corpus", "--evidence", "some", "--output", "-"],
        2,
    );
    assert!(usage.contains("full, sentence, none"), "{usage}");
}

//! The binary as a user runs it: build, query, export, rules check, exit
//! codes, determinism, and an independent Turtle parser on the export.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The README's text from the heading line `heading` (such as `## Rules`)
/// to the next heading of the same or a higher level.
pub fn readme_section(heading: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md reads");
    let level = heading.split(' ').next().unwrap_or("##");
    let body = readme
        .split(&format!("\n{heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("the README has a `{heading}` section"));
    let mut end = body.len();
    for depth in 2..=level.len() {
        if let Some(at) = body.find(&format!("\n{} ", "#".repeat(depth))) {
            end = end.min(at);
        }
    }
    body[..end].to_owned()
}

pub fn newsgraph() -> Command {
    let mut command = Command::cargo_bin("newsgraph").expect("the binary is built");
    command.current_dir(repo());
    command
}

/// Runs newsgraph, asserting success; returns stdout.
#[track_caller]
pub fn run(args: &[&str]) -> String {
    let output = newsgraph().args(args).output().expect("newsgraph runs");
    assert!(
        output.status.success(),
        "newsgraph {} failed ({:?})\nstderr:\n{}",
        args.join(" "),
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Runs newsgraph expecting failure with `code`; returns stderr.
#[track_caller]
pub fn fail(args: &[&str], code: i32) -> String {
    let output = newsgraph().args(args).output().expect("newsgraph runs");
    assert_eq!(
        output.status.code(),
        Some(code),
        "newsgraph {} should exit {code}; stderr:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).expect("stderr is UTF-8")
}

pub fn build_corpus(store: &Path) {
    run(&[
        "build",
        "corpus",
        "--store",
        store.to_str().unwrap(),
        "--quiet",
    ]);
}

/// Runs a query on a store, returning its CSV results.
pub fn query_csv(store: impl AsRef<Path>, sparql: &str) -> String {
    let store = store.as_ref().to_str().expect("test paths are UTF-8");
    run(&["query", "--store", store, "--format", "csv", sparql])
}

pub fn export(store: &Path, format: &str) -> String {
    run(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--format",
        format,
    ])
}

#[test]
fn two_builds_export_byte_identical_nquads_and_rebuilding_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a"), dir.path().join("b"));
    build_corpus(&first);
    build_corpus(&second);
    let exported = export(&first, "nquads");
    assert!(
        exported.lines().count() > 1000,
        "the corpus graph is not empty"
    );
    assert!(
        exported == export(&second, "nquads"),
        "two builds of the same corpus differ"
    );
    build_corpus(&first);
    assert!(
        exported == export(&first, "nquads"),
        "building twice into one store changed the graph"
    );
}

#[test]
fn output_nquads_holds_the_same_quads_as_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let file = dir.path().join("out.nq");
    build_corpus(&store);
    build_corpus_to_file(&file);
    let mut streamed: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    streamed.sort();
    // The store has its summary graph besides (tests/it/summary.rs).
    let summary = " <https://w3id.org/newsgraph/graph/summary> .";
    let exported = export(&store, "nquads");
    assert!(exported.contains(summary), "the store has a summary graph");
    let stored: Vec<String> = exported
        .lines()
        .filter(|line| !line.ends_with(summary))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        streamed.len(),
        stored.len(),
        "--output and the store hold different numbers of quads"
    );
    assert!(
        streamed == stored,
        "--output and the store hold different quads"
    );
}

/// Builds the bundled corpus to N-Quads in `file`.
fn build_corpus_to_file(file: &Path) {
    run(&[
        "build",
        "corpus",
        "--output",
        file.to_str().unwrap(),
        "--quiet",
    ]);
}

/// `--output FILE` writes past the page cache where the file system allows
/// (src/output.rs): the file must hold exactly what standard output gets,
/// on a disk, over a longer file already there, and on tmpfs (no direct I/O).
#[test]
fn output_files_hold_exactly_what_standard_output_gets() {
    let streamed = run(&["build", "corpus", "--output", "-", "--quiet"]);
    // A folder on a disk, not the tmpfs /tmp may be: the one this test
    // binary runs from, inside the target folder wherever CARGO_TARGET_DIR
    // puts it (found when the test runs: a path fixed at compile time goes
    // stale when the same build is reached by another path).
    let binary = std::env::current_exe().expect("the test binary has a path");
    let disk = tempfile::tempdir_in(binary.parent().expect("it is in a folder")).unwrap();
    let shm = std::path::Path::new("/dev/shm");
    let tmpfs = shm.is_dir().then(|| tempfile::tempdir_in(shm).unwrap());
    let mut files = vec![disk.path().join("new.nq"), disk.path().join("old.nq")];
    std::fs::write(&files[1], "x".repeat(streamed.len() + 10_000)).unwrap();
    files.extend(tmpfs.iter().map(|dir| dir.path().join("shm.nq")));
    for file in &files {
        build_corpus_to_file(file);
        let written = std::fs::read_to_string(file).unwrap();
        assert_eq!(
            written.len(),
            streamed.len(),
            "{} and standard output differ in length",
            file.display()
        );
        assert!(
            written == streamed,
            "{} and standard output differ",
            file.display()
        );
    }
}

/// The Python with rdflib that `.ci/setup` installs.
pub fn python_with_rdflib() -> PathBuf {
    let python = repo().join(".venv-test/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run .ci/setup first (it installs rdflib for this test)",
        python.display()
    );
    python
}

/// Runs `script` (`python -c`) with `args` in the Python with rdflib, from
/// the repository root; asserts it succeeds (`what` says what failed, with
/// Python's stderr) and returns its trimmed standard output.
pub fn run_python(what: &str, script: &str, args: &[&str]) -> String {
    let output = Command::new(python_with_rdflib())
        .current_dir(repo())
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{what}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn turtle_export_parses_with_rdflib_to_the_same_triples() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let turtle = dir.path().join("graph.ttl");
    run(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--output",
        turtle.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&turtle).unwrap();
    assert!(
        text.starts_with("@prefix"),
        "Turtle export declares readable prefixes"
    );
    assert!(text.contains("ng:accuses"), "prefixed names are used");
    let triples = export(&store, "ntriples").lines().count();
    let parsed: usize = run_python(
        "rdflib could not parse the export",
        "import sys, rdflib; g = rdflib.Graph(); g.parse(sys.argv[1], format='turtle'); print(len(g))",
        &[turtle.to_str().unwrap()],
    )
    .parse()
    .unwrap();
    assert_eq!(
        parsed, triples,
        "rdflib read a different number of triples than the N-Triples export holds"
    );
}

#[test]
fn export_formats_by_name_and_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let trig = dir.path().join("g.trig");
    run(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--output",
        trig.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read_to_string(&trig)
            .unwrap()
            .contains("<https://w3id.org/newsgraph/doc/003_8c6eea4d084b08cb> {"),
        "TriG keeps the named graphs"
    );
    let jsonld = export(&store, "jsonld");
    assert!(
        jsonld.trim_start().starts_with('['),
        "JSON-LD is a JSON array"
    );
    let rdfxml = export(&store, "rdfxml");
    assert!(rdfxml.contains("<rdf:RDF"), "RDF/XML has its root element");
    let one = run(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "ntriples",
        "--graph",
        "https://w3id.org/newsgraph/doc/003_8c6eea4d084b08cb",
    ]);
    assert!(
        one.contains("003_8c6eea4d084b08cb") && !one.contains("doc/004_e73e851f0e20806d"),
        "--graph exports one graph"
    );
    let error = fail(
        &[
            "export",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "pdf",
        ],
        // A format is parsed with the arguments, so a bad one is a usage error.
        2,
    );
    assert!(error.contains("unknown RDF format `pdf`"), "{error}");
}

#[test]
fn query_presets_inline_file_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let table = run(&["query", "--store", store, "--preset", "accusations"]);
    let first_row = table.lines().nth(2).unwrap_or_default();
    assert!(
        first_row.starts_with("Pakistan") && first_row.contains("Taliban"),
        "most frequent accusation first:\n{table}"
    );
    let csv = run(&[
        "query",
        "--store",
        store,
        "--preset",
        "mediators",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("mediator,party,articles"), "{csv}");
    assert!(
        csv.contains("Turkey,Pakistan,4") && csv.contains("Qatar,Taliban,4"),
        "{csv}"
    );
    let ask = run(&[
        "query",
        "--store",
        store,
        "ASK { ent:x ?p ?o } "
            .replace("ent:x", "<https://w3id.org/newsgraph/entity/Pakistan>")
            .as_str(),
    ]);
    assert_eq!(ask.trim(), "true");
    let query_file = dir.path().join("q.rq");
    std::fs::write(
        &query_file,
        "CONSTRUCT { ?a ng:accuses ?b } WHERE { ?a ng:accuses ?b }",
    )
    .unwrap();
    let turtle = run(&[
        "query",
        "--store",
        store,
        "--file",
        query_file.to_str().unwrap(),
    ]);
    assert!(turtle.contains("ng:accuses"), "{turtle}");
    let output = newsgraph()
        .args(["query", "--store", store, "--format", "json"])
        .stdin(std::fs::File::open(&query_file).unwrap())
        .output()
        .unwrap();
    assert!(
        !output.status.success(),
        "CONSTRUCT results cannot be JSON solutions"
    );
    for preset in ["demands", "rejections", "relations", "evidence", "roles"] {
        let out = run(&[
            "query", "--store", store, "--preset", preset, "--format", "tsv",
        ]);
        assert!(
            out.lines().count() > 1,
            "preset {preset} found nothing:\n{out}"
        );
    }
}

#[test]
fn query_errors_are_plain() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let error = fail(
        &[
            "query",
            "--store",
            missing.to_str().unwrap(),
            "--preset",
            "accusations",
        ],
        1,
    );
    assert!(
        error.contains("no store at") && error.contains("nothing-here"),
        "{error}"
    );
    let store = dir.path().join("s");
    build_corpus(&store);
    let error = fail(
        &[
            "query",
            "--store",
            store.to_str().unwrap(),
            "SELECT ?x WHERE { ?x ?y }",
        ],
        1,
    );
    assert!(
        error.contains("SPARQL syntax error") && error.contains("1:"),
        "the error gives a position: {error}"
    );
    let error = fail(
        &[
            "query",
            "--store",
            store.to_str().unwrap(),
            "--preset",
            "nope",
        ],
        // A preset is parsed with the arguments, so a bad one is a usage error.
        2,
    );
    assert!(error.contains("unknown preset `nope`"), "{error}");
    let started = std::time::Instant::now();
    let endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let error = fail(
        &[
            "query",
            "--store",
            store.to_str().unwrap(),
            "--timeout",
            "0.5",
            endless,
        ],
        1,
    );
    assert!(error.contains("query timed out after 500ms"), "{error}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "the timeout did not stop the query"
    );
}

#[test]
fn rules_check_reports_every_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let ok = run(&["rules", "check"]);
    assert!(ok.contains("ontology/rules.toml: ok"), "{ok}");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[entity]]\nid = \"A\"\nkind = \"Country\"\nlabel = \"A\"\naliases = [\"A\"]\nfoo = 1\n\n[[relation]]\nid = \"r\"\npredicate = \"likes\"\nverbs = [\"like\"]\n").unwrap();
    let error = fail(&["rules", "check", bad.to_str().unwrap()], 1);
    assert!(
        error.contains("bad.toml:line 6: rule `A`: unknown key `foo`"),
        "{error}"
    );
    assert!(
        error.contains("bad.toml:line 10: rule `r`: unknown predicate `likes`"),
        "{error}"
    );
    // A relation's `answers` names predicates, and `needs_clause` is a boolean.
    std::fs::write(&bad, "[[relation]]\nid = \"r\"\npredicate = \"rejects\"\nverbs = [\"deny\"]\nanswers = [\"accuses\", \"blames\"]\nneeds_clause = \"yes\"\n").unwrap();
    let error = fail(&["rules", "check", bad.to_str().unwrap()], 1);
    assert!(
        error.contains("bad.toml:line 5: rule `r`: `answers` entry `blames` is no predicate"),
        "{error}"
    );
    assert!(error.contains("needs_clause"), "{error}");
}

#[test]
fn usage_errors_exit_2_and_missing_input_exits_1() {
    fail(&["build", "--no-such-flag"], 2);
    fail(&["frobnicate"], 2);
    let error = fail(&["build", "does/not/exist", "--output", "-"], 1);
    assert!(
        error.contains("does/not/exist: no such file or folder"),
        "{error}"
    );
}

#[test]
fn build_reads_stdin_and_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let output = newsgraph()
        .args(["build", "-", "--store", store.to_str().unwrap()])
        .stdin(std::fs::File::open(repo().join("corpus/003_8c6eea4d084b08cb.txt")).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success());
    let summary = String::from_utf8_lossy(&output.stderr);
    for line in [
        "articles    1",
        "sentences",
        "mentions",
        "accuses",
        "quads",
        "time",
    ] {
        assert!(summary.contains(line), "summary lacks {line:?}:\n{summary}");
    }
    let graphs = run(&[
        "query",
        "--store",
        store.to_str().unwrap(),
        "--format",
        "tsv",
        "SELECT ?id WHERE { ?d dcterms:identifier ?id }",
    ]);
    assert!(graphs.contains("\"stdin\""), "{graphs}");
}

/// The bundled corpus's gold annotations (tests/gold/corpus).
fn gold() -> PathBuf {
    repo().join("tests/gold/corpus")
}

/// The team's scorer, copied beside the gold.
fn score_py() -> PathBuf {
    repo().join("tests/gold/score.py")
}

#[test]
fn eval_prints_the_same_figures_as_score_py() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let graph = dir.path().join("g.nq");
    run(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--output",
        graph.to_str().unwrap(),
    ]);
    let ours = run(&[
        "eval",
        gold().to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "-v",
    ]);
    let output = Command::new("python3")
        .arg(score_py())
        .arg(&graph)
        .arg("--gold")
        .arg(gold())
        .arg("-v")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs = String::from_utf8(output.stdout).unwrap();
    crate::hay::assert_lines(
        "newsgraph eval vs score.py",
        &theirs.lines().collect::<Vec<_>>(),
        &ours.lines().map(str::to_owned).collect::<Vec<_>>(),
    );
    let error = fail(
        &[
            "eval",
            gold().to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
            "--min-f1",
            "1.01",
        ],
        1,
    );
    assert!(error.contains("below --min-f1"), "{error}");
}

#[test]
fn explain_shows_the_sentences_behind_an_edge_and_an_entity() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let edge = run(&[
        "explain", "Pakistan", "rejects", "Taliban", "--store", store,
    ]);
    // "the uncooperative approach of the Pakistani delegation and their
    // refusal to make security commitments" (the tree frames read "their
    // refusal") and "Pakistan rejected the idea outright".
    assert!(
        edge.starts_with("Pakistan rejects Taliban: 2 instance(s) in 2 article(s)"),
        "{edge}"
    );
    assert!(
        edge.contains("002_3af615d876947f47 chars 456..610, trigger \"refusal\""),
        "{edge}"
    );
    assert!(
        edge.contains("003_8c6eea4d084b08cb chars 2858..3010, trigger \"rejected\"")
            && edge.contains("Pakistan rejected the idea outright"),
        "{edge}"
    );
    let person = run(&["explain", "attaullah tarar", "--store", store]);
    assert!(
        person.contains("Attaullah Tarar accuses Taliban")
            && person.contains("blaming the Taliban"),
        "{person}"
    );
    // An alias names the entity as its label does.
    let by_alias = run(&["explain", "Tarar", "--store", store]);
    let body = |text: &str| text.split_once('\n').map(|(_, rest)| rest.to_owned());
    assert_eq!(body(&by_alias), body(&person));
    // Data loaded beside, labelled like an entity, is not an entity.
    let linked = dir.path().join("linked.ttl");
    std::fs::write(
        &linked,
        "<http://dbpedia.org/resource/Pakistan> <http://www.w3.org/2000/01/rdf-schema#label> \"Pakistan\"@en .\n",
    )
    .unwrap();
    run(&["load", linked.to_str().unwrap(), "--store", store]);
    let after_load = run(&[
        "explain", "Pakistan", "rejects", "Taliban", "--store", store,
    ]);
    assert_eq!(after_load, edge);
    // An edge nothing states prints its zero and exits 1.
    let output = newsgraph()
        .args(["explain", "Qatar", "accuses", "Turkey", "--store", store])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        stdout.starts_with("Qatar accuses Turkey: 0 instance(s) in 0 article(s)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("no article in the store says Qatar accuses Turkey"),
        "{stderr}"
    );
    let error = fail(&["explain", "Atlantis", "--store", store], 1);
    assert!(error.contains("no entity `Atlantis`"), "{error}");
    let error = fail(
        &["explain", "Pakistan", "likes", "Taliban", "--store", store],
        // The relation is parsed with the arguments: a usage error.
        2,
    );
    assert!(error.contains("unknown relation `likes`"), "{error}");
}

/// Runs `.ci/shacl.py` on an N-Quads file with the shapes and ontology of
/// the repository; returns its exit code and its stdout and stderr.
pub fn shacl(data: &Path) -> (Option<i32>, String) {
    let output = Command::new(python_with_rdflib())
        .current_dir(repo())
        .args([
            ".ci/shacl.py",
            data.to_str().unwrap(),
            "ontology/shapes.ttl",
            "ontology/newsgraph.ttl",
        ])
        .output()
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[test]
fn shacl_shapes_parse_with_rdflib() {
    let counts: Vec<usize> = run_python(
        "rdflib could not parse ontology/shapes.ttl",
        "import sys, rdflib\n\
         from rdflib.namespace import RDF, SH\n\
         g = rdflib.Graph().parse(sys.argv[1], format='turtle')\n\
         shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))\n\
         unexplained = [s for s in shapes if (s, SH.message, None) not in g and (s, SH.sparql, None) not in g]\n\
         print(len(shapes), len(unexplained))",
        &["ontology/shapes.ttl"],
    )
    .split_whitespace()
    .map(|count| count.parse().unwrap())
    .collect();
    assert!(counts[0] > 10, "ontology/shapes.ttl declares shapes");
    assert_eq!(counts[1], 0, "every shape has a sh:message for the user");
}

#[test]
fn shacl_shapes_accept_the_corpus_and_reject_a_broken_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let exported = export(&store, "nquads");
    let good = dir.path().join("graph.nq");
    std::fs::write(&good, &exported).unwrap();

    let (code, report) = shacl(&good);
    assert_eq!(
        code,
        Some(0),
        "the corpus graph does not conform to ontology/shapes.ttl:\n{report}"
    );
    assert!(report.contains("Conforms: True"), "{report}");
    // A shape whose targets match nothing passes anything: every shape must
    // have checked at least one node of the corpus.
    let counts = report
        .lines()
        .find_map(|line| line.strip_prefix("shacl.py: focus nodes per shape: "))
        .unwrap_or_else(|| panic!("no focus node counts in:\n{report}"));
    for entry in counts.split(", ") {
        let (shape, count) = entry.rsplit_once(' ').unwrap();
        assert!(
            count.parse::<usize>().unwrap() > 0,
            "{shape} checked no node of the corpus:\n{report}"
        );
    }
    for shape in [
        "ngsh:NewsArticleShape",
        "ngsh:RelationInstanceShape",
        "ngsh:SentenceShape",
        "ngsh:EntityShape",
        "ngsh:StandsForPeriodShape",
    ] {
        assert!(counts.contains(shape), "{shape} is not applied: {counts}");
    }

    const MODALITY: &str = "<https://w3id.org/newsgraph/ontology#modality>";
    const TRIGGER_START: &str = "<https://w3id.org/newsgraph/ontology#triggerStart>";
    let predicate = |line: &str| line.split(' ').nth(1).unwrap_or("").to_owned();
    // One relation instance loses its modality; another gets a negative
    // trigger offset.
    let mut dropped = false;
    let mut negated = false;
    let mut broken = String::new();
    for line in exported.lines() {
        if !dropped && predicate(line) == MODALITY {
            dropped = true;
            continue;
        }
        if dropped && !negated && predicate(line) == TRIGGER_START {
            let (head, rest) = line.split_once(" \"").unwrap();
            let (_, tail) = rest.split_once('"').unwrap();
            broken.push_str(&format!("{head} \"-3\"{tail}\n"));
            negated = true;
            continue;
        }
        broken.push_str(line);
        broken.push('\n');
    }
    assert!(dropped && negated, "the corpus has relation instances");
    let bad = dir.path().join("broken.nq");
    std::fs::write(&bad, broken).unwrap();

    let (code, report) = shacl(&bad);
    assert_eq!(
        code,
        Some(1),
        "shacl.py accepted a graph with a relation instance broken:\n{report}"
    );
    assert!(report.contains("Conforms: False"), "{report}");
    for expected in [
        "Source Shape: ngsh:RelationInstance-modality",
        "MinCountConstraintComponent",
        "needs exactly one ng:modality",
        "Source Shape: ngsh:RelationInstance-triggerStart",
        "MinInclusiveConstraintComponent",
    ] {
        assert!(
            report.contains(expected),
            "the report does not name `{expected}`:\n{report}"
        );
    }
}

#[test]
fn graph_draws_the_actor_network_as_svg_and_dot() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let svg = run(&["graph", "--store", store]);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    for actor in ["Pakistan", "Taliban", "Turkey", "Qatar", "Attaullah Tarar"] {
        assert!(
            svg.contains(&format!(">{actor}</text>")),
            "{actor} is drawn"
        );
    }
    assert!(
        svg.contains("<title>Turkey mediates Pakistan (4 articles)</title>"),
        "{svg}"
    );
    let output = Command::new(python_with_rdflib())
        .args([
            "-c",
            "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.read())",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(svg.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        output.status.success(),
        "the SVG is well-formed XML: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let only = run(&[
        "graph",
        "--store",
        store,
        "--relation",
        "mediates",
        "--format",
        "dot",
    ]);
    assert!(
        only.contains("mediates (4)") && !only.contains("accuses"),
        "{only}"
    );
    let dated = run(&["graph", "--store", store, "--since", "2030-01-01"]);
    assert!(
        dated.contains("No relations in the store yet."),
        "the corpus articles have no date, so none is since 2030"
    );
    // A relation and a day are parsed with the arguments: a bad one is a
    // usage error, before the store is opened.
    let error = fail(&["graph", "--store", store, "--relation", "likes"], 2);
    assert!(error.contains("unknown relation `likes`"), "{error}");
    let error = fail(&["graph", "--store", store, "--since", "1 May"], 2);
    assert!(
        error.contains("`1 May` is not a date yyyy-mm-dd"),
        "{error}"
    );
}

#[test]
fn parse_prints_conllu_with_offsets() {
    let mut child = newsgraph()
        .args(["parse", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("newsgraph runs");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "Talks resume\n\nQatar mediated the talks. Kabul rejected calls from Islamabad."
                .as_bytes(),
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let conllu = String::from_utf8(output.stdout).unwrap();
    let sentences: Vec<&str> = conllu
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .collect();
    assert_eq!(sentences.len(), 3, "{conllu}");
    assert!(
        sentences[1].starts_with("# sent_id = stdin-2\n# text = Qatar mediated the talks."),
        "{conllu}"
    );
    let words: Vec<Vec<&str>> = sentences[2]
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
        .collect();
    assert_eq!(words.len(), 6, "{conllu}");
    for word in &words {
        assert_eq!(word.len(), 10, "ten columns: {word:?}");
        let head: usize = word[6].parse().unwrap();
        assert!(head <= words.len());
    }
    assert_eq!(
        words.iter().filter(|w| w[6] == "0").count(),
        1,
        "one root: {conllu}"
    );
    // "Kabul" starts at character 40 of the article (the title, a blank
    // line, the first sentence and a space before it).
    assert_eq!(words[0][1], "Kabul");
    assert!(
        words[0][9].starts_with("TokenRange=40:45"),
        "{:?}",
        words[0]
    );
    assert_eq!(words[1][7], "root", "{conllu}");
    assert_eq!(words[0][7], "nsubj", "{conllu}");
    // XPOS holds the Penn tag the rules read (past tense or base form).
    assert_eq!(words[0][4], "NNP", "{conllu}");
}

#[test]
fn syntax_train_and_eval_on_a_treebank() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("tiny.model");
    let model = model.to_str().unwrap();
    let trained = newsgraph()
        .args([
            "syntax",
            "train",
            "tests/fixtures/tiny.conllu",
            "--output",
            model,
        ])
        .args(["--tagger-epochs", "8", "--parser-epochs", "8"])
        .output()
        .unwrap();
    assert!(
        trained.status.success(),
        "{}",
        String::from_utf8_lossy(&trained.stderr)
    );
    let first = std::fs::read(model).unwrap();
    let again = dir.path().join("again.model");
    run(&[
        "syntax",
        "train",
        "tests/fixtures/tiny.conllu",
        "--output",
        again.to_str().unwrap(),
        "--tagger-epochs",
        "8",
        "--parser-epochs",
        "8",
    ]);
    assert_eq!(
        first,
        std::fs::read(&again).unwrap(),
        "the same treebank and seed give the same model"
    );
    let report = run(&[
        "syntax",
        "eval",
        "tests/fixtures/tiny.conllu",
        "--model",
        model,
    ]);
    assert!(report.contains("3 sentences, 19 words"), "{report}");
    let figure = |name: &str| -> f64 {
        let line = report.lines().find(|line| line.starts_with(name)).unwrap();
        line[name.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // A model fits the few sentences it was trained on.
    assert!(figure("UPOS accuracy") > 0.9, "{report}");
    assert!(figure("UAS") > 0.9, "{report}");
    // The bundled model against a floor it cannot reach names what fell short.
    let error = fail(
        &[
            "syntax",
            "eval",
            "tests/fixtures/tiny.conllu",
            "--min",
            "1.01",
            "0",
            "0",
        ],
        1,
    );
    assert!(
        error.contains("UPOS accuracy") && error.contains("below the required 1.0100"),
        "{error}"
    );
    let error = fail(&["syntax", "eval", "tests/fixtures/missing.conllu"], 1);
    assert!(error.contains("tests/fixtures/missing.conllu"), "{error}");
    let bad = dir.path().join("bad.conllu");
    std::fs::write(&bad, "1\tQatar\t_\tPROPN\t_\t_\tx\tnsubj\t_\t_\n").unwrap();
    let error = fail(&["syntax", "eval", bad.to_str().unwrap()], 1);
    assert!(
        error.contains("bad.conllu:1: head \"x\" is not a number"),
        "{error}"
    );
    let error = fail(&["parse", "-", "--model", bad.to_str().unwrap()], 1);
    assert!(error.contains("not a newsgraph syntax model"), "{error}");
}

#[test]
fn build_without_syntax_reads_with_the_shallow_frames() {
    // The tree frames find what the shallow ones miss: a passive whose
    // patient owns a content clause.
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Denial\n\nThe accusation by Pakistan that Kabul shelters the TTP was denied by Mujahid.\n",
    )
    .unwrap();
    let with_tree = run(&[
        "build",
        article.to_str().unwrap(),
        "--output",
        "-",
        "--quiet",
    ]);
    let shallow = run(&[
        "build",
        article.to_str().unwrap(),
        "--output",
        "-",
        "--quiet",
        "--no-syntax",
    ]);
    let rejects = "<https://w3id.org/newsgraph/entity/ZabihullahMujahid> <https://w3id.org/newsgraph/ontology#rejects> <https://w3id.org/newsgraph/entity/Pakistan>";
    assert!(with_tree.contains(rejects), "{with_tree}");
    assert!(!shallow.contains(rejects), "{shallow}");
}

/// A regression: three tests read `../shared` beside the repository (the
/// gold, the scorer, the Virtuoso script), so a clone alone failed them.
/// What the tests and `.ci/run` read is the repository's own; this checks
/// it is all there and no test reaches out of the repository again.
#[test]
fn a_clone_alone_has_what_the_tests_read() {
    let mut missing = Vec::new();
    for file in [
        "tests/gold/score.py",
        "tests/gold/corpus/entities.tsv",
        "tests/gold/corpus/relations.tsv",
        "tests/gold/corpus/roles.tsv",
        "tests/gold/corpus/mentions.tsv",
        "tests/dev/gold/entities.tsv",
        "tests/dev/gold/relations.tsv",
        "tests/dev/gold/roles.tsv",
        "tests/dev/gold/mentions.tsv",
        "tests/services/virtuoso.sh",
    ] {
        if !repo().join(file).is_file() {
            missing.push(file.to_owned());
        }
    }
    // Every dev article the gold names has its text.
    let relations = std::fs::read_to_string(repo().join("tests/dev/gold/relations.tsv")).unwrap();
    let docs: std::collections::BTreeSet<&str> = relations
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .collect();
    assert_eq!(docs.len(), 12, "the dev gold covers twelve articles");
    for doc in docs {
        let text = format!("tests/dev/texts/{doc}.txt");
        if !repo().join(&text).is_file() {
            missing.push(text);
        }
    }
    assert!(
        missing.is_empty(),
        "missing from the repository: {missing:?}"
    );
    // Built here, so this file does not name it.
    let sibling = ["..", "/shared"].concat();
    let mut outside = Vec::new();
    for entry in std::fs::read_dir(repo().join("tests/it")).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for (number, line) in source.lines().enumerate() {
            if line.contains(&sibling) && !line.trim_start().starts_with("//") {
                outside.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "tests reading the folder beside the repository:\n{}",
        outside.join("\n")
    );
}

#[test]
fn query_writes_a_file_in_the_format_its_name_or_a_media_type_says() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let csv = dir.path().join("out/accusations.csv");
    let printed = run(&[
        "query",
        "-p",
        "accusations",
        "--store",
        store,
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(printed, "");
    let written = std::fs::read_to_string(&csv).unwrap();
    let by_media_type = run(&[
        "query",
        "-p",
        "accusations",
        "--store",
        store,
        "--format",
        "text/csv",
    ]);
    assert_eq!(written, by_media_type);
    assert!(
        written.starts_with("accuser,accused,articles\r\nPakistan,Taliban,5"),
        "{written}"
    );
    let json = run(&[
        "query",
        "-p",
        "accusations",
        "--store",
        store,
        "--format",
        "application/sparql-results+json",
    ]);
    assert!(json.contains("\"vars\""), "{json}");
    // A name whose extension names no format is refused, not guessed.
    let error = fail(
        &[
            "query",
            "-p",
            "accusations",
            "--store",
            store,
            "-o",
            "r.foo",
        ],
        2,
    );
    assert!(
        error.contains("cannot tell the result format of r.foo"),
        "{error}"
    );
    // CONSTRUCT in a results format: the message names the format given.
    let error = fail(
        &[
            "query",
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1",
            "--store",
            store,
            "--format",
            "csv",
        ],
        1,
    );
    assert!(
        error.contains("format `csv` does not fit a CONSTRUCT/DESCRIBE result"),
        "{error}"
    );
    // DESCRIBE over the union of the article graphs gives each triple once.
    let described = run(&[
        "query",
        "DESCRIBE <https://w3id.org/newsgraph/entity/Pakistan>",
        "--store",
        store,
        "--format",
        "ntriples",
    ]);
    let mut lines: Vec<&str> = described.lines().collect();
    let all = lines.len();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(all, lines.len(), "repeated triples in:\n{described}");
}

#[test]
fn export_writes_gzip_when_the_name_ends_in_gz() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    let plain = run(&["export", "--store", store, "--format", "nquads"]);
    let gz = dir.path().join("deep/graph.nq.gz");
    run(&["export", "--store", store, "-o", gz.to_str().unwrap()]);
    let mut unpacked = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap()),
        &mut unpacked,
    )
    .unwrap();
    assert_eq!(unpacked, plain);
    // And `load` reads it back.
    let copy = dir.path().join("copy");
    run(&[
        "load",
        gz.to_str().unwrap(),
        "--store",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(
        run(&[
            "export",
            "--store",
            copy.to_str().unwrap(),
            "--format",
            "nquads"
        ]),
        plain
    );
}

/// `eval` scores as score.py does, and where the gold and the graph do not
/// line up it says so: an id the gold uses but its entities.tsv lacks is
/// matched by the entity IRI's last segment (one relation is then one hit,
/// not a miss and a false positive), and a gold document the graph lacks is
/// named.
#[test]
fn eval_matches_ids_entities_tsv_lacks_and_warns() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).unwrap();
    std::fs::write(
        texts.join("a1.txt"),
        "Border talks\n\nPakistan accused the Taliban of sheltering militants on Monday.\n",
    )
    .unwrap();
    let gold = dir.path().join("gold");
    std::fs::create_dir(&gold).unwrap();
    let files = [
        (
            "entities.tsv",
            "id\tkind\tlabel\twikidata\tdbpedia\tgeonames\tcameo\taliases\nPakistan\tCountry\tPakistan\tQ843\t\t\t\tPakistan\n",
        ),
        (
            "relations.tsv",
            "doc\tsubject\tpredicate\tobject\tstatus\tevidence\na1\tPakistan\taccuses\tTaliban\trequired\taccused the Taliban\nb2\tPakistan\tdemands\tTaliban\trequired\tdemanded\n",
        ),
        ("roles.tsv", "person\tpredicate\tactor\tstatus\tevidence\n"),
        (
            "mentions.tsv",
            "doc\tentity\tstatus\na1\tPakistan\trequired\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(gold.join(name), text).unwrap();
    }
    let store = dir.path().join("s");
    run(&[
        "build",
        texts.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--quiet",
    ]);
    let output = newsgraph()
        .args([
            "eval",
            gold.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
            "-v",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("accuses      1   0   0"), "{stdout}");
    assert!(!stdout.contains("spurious: a1"), "{stdout}");
    for expected in [
        "warning: relations.tsv:2: entity id `Taliban` is not in entities.tsv",
        "warning: gold document `b2` is not in the graph",
        "matched gold entity `Taliban` by its IRI",
    ] {
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
    }
}

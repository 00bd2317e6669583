//! The binary as a user runs it: build, query, export, rules check, exit
//! codes and determinism; and the helpers the other modules run it with.

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

/// Exports a store to `file`, in the format its name says.
pub fn export_to(store: &Path, file: &Path) {
    run(&[
        "export",
        "--store",
        store.to_str().unwrap(),
        "--output",
        file.to_str().unwrap(),
    ]);
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
fn export_formats_by_name_and_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let trig = dir.path().join("g.trig");
    export_to(&store, &trig);
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
fn query_writes_a_file_in_the_format_its_name_or_a_media_type_says() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let store = store.to_str().unwrap();
    fn preset<'a>(store: &'a str, more: &[&'a str]) -> Vec<&'a str> {
        [&["query", "-p", "accusations", "--store", store], more].concat()
    }
    let csv = dir.path().join("out/accusations.csv");
    let printed = run(&preset(store, &["-o", csv.to_str().unwrap()]));
    assert_eq!(printed, "");
    let written = std::fs::read_to_string(&csv).unwrap();
    let by_media_type = run(&preset(store, &["--format", "text/csv"]));
    assert_eq!(written, by_media_type);
    assert!(
        written.starts_with("accuser,accused,articles\r\nPakistan,Taliban,5"),
        "{written}"
    );
    let json = run(&preset(
        store,
        &["--format", "application/sparql-results+json"],
    ));
    assert!(json.contains("\"vars\""), "{json}");
    // A name whose extension names no format is refused, not guessed.
    let error = fail(&preset(store, &["-o", "r.foo"]), 2);
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

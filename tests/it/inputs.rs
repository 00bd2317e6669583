//! No silent loss: what an input says about an article reaches the graph
//! (JSON Lines `url`, `source` and `date`), standard input takes an id, and
//! two inputs with one id are refused instead of one replacing the other.

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::cli::{export_to, fail, newsgraph, query_csv, repo, shacl};
use crate::hay::assert_lines;

/// Runs `newsgraph build ARGS` with `stdin` on its standard input.
fn build_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = newsgraph()
        .arg("build")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("newsgraph reads its input");
    child.wait_with_output().expect("newsgraph runs")
}

/// The articles of a store as sorted CSV lines `id,url,publisher,date`.
fn article_descriptions(store: &Path) -> Vec<String> {
    let csv = query_csv(
        store,
        "SELECT ?id ?url ?publisher ?date WHERE { ?d a ng:NewsArticle ; dcterms:identifier ?id . \
         OPTIONAL { ?d schema:url ?url } OPTIONAL { ?d dcterms:publisher ?publisher } \
         OPTIONAL { ?d dcterms:date ?date } } ORDER BY ?id",
    );
    csv.lines().skip(1).map(str::to_owned).collect()
}

#[test]
fn json_lines_url_source_and_date_reach_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("news.jsonl");
    std::fs::write(
        &articles,
        concat!(
            r#"{"id": "geo-1", "title": "Talks", "text": "Qatar mediated between Pakistan and the Taliban.", "date": "2025-11-07T10:00:00Z", "url": "https://www.geo.tv/latest/1", "source": "Geo News"}"#,
            "\n",
            r#"{"id": "plain", "text": "Pakistan accused the Taliban."}"#,
            "\n",
            r#"{"id": "odd", "text": "Pakistan accused the Taliban.", "url": "not a url", "source": 7, "date": "yesterday"}"#,
            "\n",
        ),
    )
    .unwrap();
    let store = dir.path().join("s");
    let output = newsgraph()
        .args(["build", articles.to_str().unwrap(), "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // What could not be kept is named, with its place.
    for warning in [
        "news.jsonl:3: url `not a url` is not an absolute IRI; ignored",
        "news.jsonl:3: `source` must be a string, not 7; ignored",
        "news.jsonl:3: date `yesterday` is not yyyy-mm-dd; ignored",
    ] {
        assert!(
            stderr.contains(warning),
            "expected the warning\n  {warning}\nin the build's standard error:\n{stderr}"
        );
    }
    assert_lines(
        "the articles' id, url, publisher and date",
        &[
            "geo-1,https://www.geo.tv/latest/1,Geo News,2025-11-07",
            "odd,,,",
            "plain,,,",
        ],
        &article_descriptions(&store),
    );
    // The shapes know the new properties (the article shape is closed).
    let graph = dir.path().join("graph.nq");
    export_to(&store, &graph);
    let (code, report) = shacl(&graph);
    assert_eq!(
        code,
        Some(0),
        "a graph with schema:url and dcterms:publisher does not conform:\n{report}"
    );
}

#[test]
fn build_from_standard_input_takes_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let output = build_with_stdin(
        &[
            "-",
            "--id",
            "tarar statement",
            "--store",
            store.to_str().unwrap(),
        ],
        "Pakistan accused the Taliban of sheltering the TTP.",
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_lines(
        "the article read from standard input",
        &["tarar statement,,,"],
        &article_descriptions(&store),
    );
    let error = fail(&["build", "corpus", "--id", "x", "--output", "-"], 2);
    assert!(
        error.contains("--id names the article read from standard input"),
        "{error}"
    );
    let error = fail(&["build", "-", "--id", "", "--output", "-"], 2);
    assert!(error.contains("must not be empty"), "{error}");
}

#[test]
fn two_inputs_with_one_id_are_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["a", "b"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::copy(
            repo().join("corpus/003_8c6eea4d084b08cb.txt"),
            dir.path().join(folder).join("statement.txt"),
        )
        .unwrap();
    }
    let store = dir.path().join("s");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let error = fail(
        &[
            "build",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
        ],
        1,
    );
    let expected = format!(
        "{}: article id `statement` is also the id of {}",
        b.join("statement.txt").display(),
        a.join("statement.txt").display()
    );
    assert!(
        error.contains(&expected),
        "expected\n  {expected}\nactual:\n{error}"
    );
    // Refused before anything was written.
    assert!(
        !store.exists(),
        "the refused build created {}",
        store.display()
    );

    // Within JSON Lines, and between a record and standard input's article.
    let jsonl = dir.path().join("news.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\": \"n1\", \"text\": \"Pakistan accused the Taliban.\"}\n\
         {\"id\": \"n1\", \"text\": \"Qatar mediated.\"}\n",
    )
    .unwrap();
    let error = fail(&["build", jsonl.to_str().unwrap(), "--output", "-"], 1);
    let expected = format!(
        "{0}:2: article id `n1` is also the id of {0}:1",
        jsonl.display()
    );
    assert!(
        error.contains(&expected),
        "expected\n  {expected}\nactual:\n{error}"
    );
    let output = build_with_stdin(
        &["-", jsonl.to_str().unwrap(), "--id", "n1", "--output", "-"],
        "Pakistan accused the Taliban.",
    );
    let error = String::from_utf8_lossy(&output.stderr);
    let expected = format!(
        "{}:1: article id `n1` is also the id of <stdin>",
        jsonl.display()
    );
    assert_eq!(output.status.code(), Some(1), "{error}");
    assert!(
        error.contains(&expected),
        "expected\n  {expected}\nactual:\n{error}"
    );
}

/// A text file gives the same fields in TOML front matter between `+++`
/// lines; the text, and every offset, starts after the block; what cannot
/// be kept is named with its line.
#[test]
fn text_front_matter_gives_date_url_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).unwrap();
    let body = "Border talks fail\nPakistan accused the Taliban of sheltering militants.\n";
    std::fs::write(
        texts.join("dated.txt"),
        format!("+++\ndate = 2025-11-07\nurl = \"https://example.org/news/1\"\nsource = \"Example Daily\"\n+++\n{body}"),
    )
    .unwrap();
    std::fs::write(
        texts.join("odd.txt"),
        format!("+++\ndate = \"last week\"\nauthor = \"Ann\"\n+++\n{body}"),
    )
    .unwrap();
    std::fs::write(texts.join("plain.txt"), body).unwrap();
    let store = dir.path().join("s");
    let output = newsgraph()
        .args(["build", texts.to_str().unwrap(), "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    for warning in [
        "odd.txt:2: date `last week` is not yyyy-mm-dd; ignored",
        "odd.txt:3: front matter key `author` is not one newsgraph reads (date, url, source, title); ignored",
    ] {
        assert!(
            stderr.contains(warning),
            "expected the warning\n  {warning}\nin the build's standard error:\n{stderr}"
        );
    }
    assert_lines(
        "the articles' id, url, publisher and date",
        &[
            "dated,https://example.org/news/1,Example Daily,2025-11-07",
            "odd,,,",
            "plain,,,",
        ],
        &article_descriptions(&store),
    );
    // The same sentence at the same offsets with and without front matter.
    let offsets = query_csv(
        &store,
        "SELECT ?id ?begin ?title WHERE { ?r ng:evidence ?s ; prov:wasDerivedFrom ?d . \
         ?s nif:beginIndex ?begin . ?d dcterms:identifier ?id ; dcterms:title ?title } ORDER BY ?id",
    );
    assert_lines(
        "evidence offsets and titles",
        &[
            "id,begin,title",
            "dated,18,Border talks fail",
            "odd,18,Border talks fail",
            "plain,18,Border talks fail",
        ],
        &offsets.lines().map(str::to_owned).collect::<Vec<_>>(),
    );
}

//! The commands that show how newsgraph reads: `explain` (the sentences
//! behind an edge), `graph` (the actor network), `parse` and `syntax` (the
//! tags and trees the rules read), and a build without the syntax model.

use std::process::Command;

use crate::cli::{build_corpus, fail, newsgraph, python_with_rdflib, run};

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
}

#[test]
fn syntax_eval_names_what_fell_short_and_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
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

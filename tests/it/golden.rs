//! Golden graphs: each folder in `tests/golden/` holds an article
//! (`input.txt`), rules (`rules.toml`) and the expected article graph as
//! sorted N-Quads (`expected.nq`), extracted as `newsgraph build` does (with
//! the bundled syntax model). `UPDATE_GOLDEN=1 cargo test` rewrites
//! the expected files; review the diff before committing it.

use std::path::Path;

use newsgraph::extract::Extractor;
use newsgraph::graph::{Iris, article_quads};
use newsgraph::rules::RuleSet;
use newsgraph::text::Article;

use crate::hay::{assert_lines, model};

fn check(case: &str) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(case);
    let read = |name: &str| {
        std::fs::read_to_string(folder.join(name)).unwrap_or_else(|e| panic!("{case}/{name}: {e}"))
    };
    let rules =
        RuleSet::from_toml("rules.toml", &read("rules.toml")).unwrap_or_else(|e| panic!("{e}"));
    let extractor = Extractor::with_syntax(rules, model());
    let article = Article::from_text(case, read("input.txt"));
    let extraction = extractor.extract(&article);
    let mut actual: Vec<String> =
        article_quads(&Iris::default(), extractor.rules(), &article, &extraction)
            .iter()
            .map(|q| format!("{q} ."))
            .collect();
    actual.sort();
    let expected_path = folder.join("expected.nq");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&expected_path, actual.join("\n") + "\n").unwrap();
        return;
    }
    let expected = read("expected.nq");
    let expected: Vec<&str> = expected.lines().collect();
    assert_lines(
        &format!("golden case {case} (UPDATE_GOLDEN=1 rewrites it)"),
        &expected,
        &actual,
    );
}

#[test]
fn mediation_and_accusation() {
    check("mediation_and_accusation");
}

#[test]
fn unicode_offsets_and_modality() {
    check("unicode_offsets_and_modality");
}

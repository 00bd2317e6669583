//! Shared helpers: the default rules, relation triples of a text, and an
//! assertion that prints expected and actual side by side.

use std::sync::{Arc, OnceLock};

use newsgraph::extract::{Extractor, Modality};
use newsgraph::rules::RuleSet;
use newsgraph::syntax::Model;
use newsgraph::text::Article;

/// The bundled syntax model, read once.
pub fn model() -> Arc<Model> {
    static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/en_ewt.model");
            let bytes = std::fs::read(path).expect("model/en_ewt.model is readable");
            Arc::new(Model::from_bytes(&bytes).unwrap_or_else(|error| panic!("{path}: {error}")))
        })
        .clone()
}

/// The default rules of the repository and the bundled syntax model, as
/// `newsgraph build` uses them, compiled once.
pub fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/rules.toml");
        let text = std::fs::read_to_string(path).expect("ontology/rules.toml is readable");
        let rules = RuleSet::from_toml(path, &text).unwrap_or_else(|error| panic!("{error}"));
        Extractor::with_syntax(rules, model())
    })
}

/// The asserted relations of `text` as sorted "Source predicate Target" lines.
pub fn relations(text: &str) -> Vec<String> {
    relations_with(text, None, Modality::Asserted)
}

/// The relations of `text` with the given modality, for an article of `date`.
pub fn relations_with(text: &str, date: Option<&str>, modality: Modality) -> Vec<String> {
    let extractor = extractor();
    let mut article = Article::from_text("test", text);
    article.date = date.map(str::to_owned);
    let extraction = extractor.extract(&article);
    let entities = &extractor.rules().entities;
    let mut lines: Vec<String> = extraction
        .relations
        .iter()
        .filter(|relation| relation.modality == modality)
        .map(|relation| {
            format!(
                "{} {} {}",
                entities[relation.source].id, relation.predicate, entities[relation.target].id
            )
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// Asserts two lists of lines are equal, printing both in full when not.
#[track_caller]
pub fn assert_lines(context: &str, expected: &[&str], actual: &[String]) {
    let expected: Vec<String> = expected.iter().map(|line| line.to_string()).collect();
    if expected != actual {
        panic!(
            "{context}\n--- expected ({})\n{}\n--- actual ({})\n{}\n",
            expected.len(),
            expected.join("\n"),
            actual.len(),
            actual.join("\n")
        );
    }
}

/// Asserts the asserted relations of `text` are exactly `expected`.
#[track_caller]
pub fn check(text: &str, expected: &[&str]) {
    assert_lines(&format!("text: {text}"), expected, &relations(text));
}

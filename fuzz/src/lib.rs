//! The checks the fuzz targets run, kept in one place: the targets in
//! `fuzz_targets/` call them on libFuzzer's inputs, and the integration test
//! `tests/it/fuzz_regressions.rs` includes this file and replays every seed
//! and every input that once failed through the same functions.
//!
//! A check panics when newsgraph breaks a promise on some input: a panic
//! anywhere in reading, extraction or graph building; a span outside the
//! article or off a character boundary; an invalid IRI; a graph that does
//! not come back the same from N-Quads (text that injects triples); evidence
//! offsets that do not point at the evidence text; a rules error without a
//! line in the file.

use std::collections::HashMap;
use std::sync::LazyLock;

use newsgraph::extract::{Extraction, Extractor};
use newsgraph::graph::{self, Iris};
use newsgraph::input;
use newsgraph::rules::RuleSet;
use newsgraph::text::{Article, MAX_SENTENCE_BYTES};
use newsgraph::vocab::{self, NG, NIF};
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxrdfio::{RdfFormat, RdfParser, RdfSerializer};

/// The default rules of the repository with the bundled syntax model, as
/// `newsgraph build` runs them, compiled once: the tree frames are fuzzed too.
static DEFAULT_RULES: LazyLock<Extractor> = LazyLock::new(|| {
    let rules = RuleSet::from_toml(
        "ontology/rules.toml",
        include_str!("../../ontology/rules.toml"),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let model = newsgraph::syntax::Model::from_bytes(include_bytes!("../../model/en_ewt.model"))
        .unwrap_or_else(|error| panic!("the bundled model: {error}"));
    Extractor::with_syntax(rules, std::sync::Arc::new(model))
});

/// The article the `rules_parse` target runs fuzzed rules on: the names,
/// verbs and constructions of the default rules, so rules derived from
/// them by mutation still match something.
const FIXED_ARTICLE: &str = "Pakistan accuses Taliban of sheltering TTP\n\
    Islamabad accused the Taliban government of sheltering militants, Tarar said. \
    Qatar and Turkey mediated talks between Pakistan and Afghanistan in Doha. \
    Kabul rejected Pakistan's demand that it act, and he denied the charges. \
    The Afghan government would not demand anything, Mujahid said.";

/// Bytes as the command line reads them from standard input: JSON Lines
/// when the first non-blank byte is `{`, otherwise one text article.
fn articles(data: &[u8]) -> Vec<Article> {
    if data.iter().find(|byte| !byte.is_ascii_whitespace()) == Some(&b'{') {
        data.split(|byte| *byte == b'\n')
            .enumerate()
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .filter_map(|(index, line)| {
                input::decode_json_line("fuzz.jsonl", index + 1, line).article
            })
            .collect()
    } else {
        input::decode("fuzz.txt", "fuzz".to_owned(), data)
            .article
            .into_iter()
            .collect()
    }
}

/// text → graph: any bytes, decoded as the command line decodes them,
/// extracted with the default rules, written as an article graph.
pub fn text_to_graph(data: &[u8]) {
    let extractor = &*DEFAULT_RULES;
    for article in articles(data) {
        check_article(extractor, &article);
    }
}

/// Rules parsing: any bytes as a rules file must load or be rejected with
/// problems that name lines of the file, never panic; rules that load are
/// compiled and run on an article, and their entities written. The article
/// is the text after the first NUL byte, if any (TOML cannot hold a NUL, so
/// the fuzzer can vary rules and text together), else a fixed one.
pub fn rules_parse(data: &[u8]) {
    let (rules_bytes, article_bytes) = match data.iter().position(|byte| *byte == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let input = String::from_utf8_lossy(rules_bytes);
    match RuleSet::from_toml("fuzz.toml", &input) {
        Ok(rules) => {
            let extractor = Extractor::new(rules);
            let text = article_bytes.map_or(FIXED_ARTICLE.into(), String::from_utf8_lossy);
            let mut article = Article::from_text("fixed", text);
            article.date = Some("2025-11-07".to_owned());
            check_article(&extractor, &article);
            check_graph(
                &graph::entity_quads(&Iris::default(), extractor.rules()),
                None,
            );
        }
        Err(error) => {
            let lines = input.split('\n').count();
            let problems = error.problems();
            assert!(!problems.is_empty(), "a rules error with no problem");
            for problem in problems {
                assert!(
                    (1..=lines).contains(&problem.line),
                    "problem on line {} of a {lines}-line file: {problem}",
                    problem.line
                );
            }
            let _ = error.to_string();
        }
    }
}

fn check_article(extractor: &Extractor, article: &Article) {
    let extraction = extractor.extract(article);
    check_extraction(extractor.rules(), article, &extraction);
    let quads = graph::article_quads(&Iris::default(), extractor.rules(), article, &extraction);
    check_graph(&quads, Some(&article.text));
}

#[track_caller]
fn assert_span(text: &str, span: &std::ops::Range<usize>, what: &str) {
    assert!(
        span.start < span.end && span.end <= text.len(),
        "{what} {span:?} is empty or outside the article ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} is not on character boundaries"
    );
}

/// Every span lies in the article, on character boundaries, inside its
/// sentence; every index points into the rules.
fn check_extraction(rules: &RuleSet, article: &Article, extraction: &Extraction) {
    let text = article.text.as_str();
    let mut previous_end = 0;
    for (position, sentence) in extraction.sentences.iter().enumerate() {
        assert_eq!(sentence.index, position, "sentence indices out of order");
        assert_span(text, &sentence.span, "sentence");
        assert!(
            sentence.span.start >= previous_end,
            "sentence {position} overlaps the one before"
        );
        assert!(
            sentence.span.len() <= MAX_SENTENCE_BYTES,
            "sentence {position} is {} bytes, more than {MAX_SENTENCE_BYTES}",
            sentence.span.len()
        );
        let sentence_text = sentence.text(text);
        assert_eq!(
            sentence_text,
            sentence_text.trim(),
            "sentence {position} is not trimmed"
        );
        previous_end = sentence.span.end;
    }
    let inside_sentence = |index: usize, span: &std::ops::Range<usize>, what: &str| {
        let sentence = extraction.sentences.get(index).unwrap_or_else(|| {
            panic!("{what} {span:?} names sentence {index}, which is not there")
        });
        assert_span(text, span, what);
        assert!(
            sentence.span.start <= span.start && span.end <= sentence.span.end,
            "{what} {span:?} is outside its sentence {:?}",
            sentence.span
        );
    };
    let entities = rules.entities.len();
    for mention in &extraction.mentions {
        inside_sentence(mention.sentence, &mention.span, "mention");
        assert!(
            mention.entity < entities,
            "mention of entity {}",
            mention.entity
        );
    }
    for relation in &extraction.relations {
        inside_sentence(relation.sentence, &relation.trigger, "trigger");
        assert!(
            relation.source < entities && relation.target < entities,
            "relation between entities {} and {}",
            relation.source,
            relation.target
        );
        assert!(
            relation.rule < rules.relations.len(),
            "relation of rule {}",
            relation.rule
        );
    }
    assert!(
        extraction.mentioned.iter().all(|&entity| entity < entities),
        "mentioned entities {:?} outside the rules",
        extraction.mentioned
    );
    if let Some((first, second)) = extraction.parties {
        assert!(
            first < entities && second < entities,
            "parties {first} and {second}"
        );
    }
}

fn check_iri(iri: &str) {
    assert!(NamedNode::new(iri).is_ok(), "minted an invalid IRI <{iri}>");
}

fn check_term(term: &Term) {
    match term {
        Term::NamedNode(node) => check_iri(node.as_str()),
        Term::Literal(literal) => {
            check_iri(literal.datatype().as_str());
            if let Some(language) = literal.language() {
                assert!(
                    Literal::new_language_tagged_literal(literal.value(), language).is_ok(),
                    "invalid language tag in {literal}"
                );
            }
        }
        Term::BlankNode(_) => panic!("a blank node in the graph: {term}"),
    }
}

/// Every IRI is valid; the quads come back the same from N-Quads, one line
/// each; when `text` is the article, every evidence offset pair points at
/// exactly the evidence text (offsets in characters).
fn check_graph(quads: &[Quad], text: Option<&str>) {
    for quad in quads {
        match &quad.subject {
            NamedOrBlankNode::NamedNode(node) => check_iri(node.as_str()),
            NamedOrBlankNode::BlankNode(_) => panic!("a blank node in the graph: {quad}"),
        }
        check_iri(quad.predicate.as_str());
        check_term(&quad.object);
        match &quad.graph_name {
            GraphName::NamedNode(node) => check_iri(node.as_str()),
            other => panic!("a quad outside a named graph: {other}"),
        }
    }

    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in quads {
        serializer
            .serialize_quad(quad)
            .expect("writing to memory does not fail");
    }
    let nquads = serializer
        .finish()
        .expect("writing to memory does not fail");
    let mut fast = Vec::new();
    newsgraph::nquads::write_quads(&mut fast, quads.iter().map(Quad::as_ref));
    assert!(
        fast == nquads,
        "nquads::write_quads differs from Oxigraph's serializer:\n{}\n{}",
        String::from_utf8_lossy(&fast),
        String::from_utf8_lossy(&nquads)
    );
    let lines = nquads.iter().filter(|byte| **byte == b'\n').count();
    assert_eq!(lines, quads.len(), "N-Quads with a line per quad");
    let parsed: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&nquads)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|error| {
            panic!(
                "the graph's N-Quads do not parse: {error}\n{}",
                String::from_utf8_lossy(&nquads)
            )
        });
    assert!(parsed == quads, "the graph changed through N-Quads");

    if let Some(text) = text {
        check_evidence_offsets(quads, text);
    }
}

/// The literal value of each (subject, predicate) pair.
fn values(quads: &[Quad]) -> HashMap<(String, String), String> {
    quads
        .iter()
        .filter_map(|quad| match &quad.object {
            Term::Literal(literal) => Some((
                (quad.subject.to_string(), quad.predicate.as_str().to_owned()),
                literal.value().to_owned(),
            )),
            _ => None,
        })
        .collect()
}

fn check_evidence_offsets(quads: &[Quad], text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let values = values(quads);
    let offsets_point_at = |subject: &str, start: &str, end: &str, evidence: &str| {
        let get = |predicate: &str| values.get(&(subject.to_owned(), predicate.to_owned()));
        let (Some(start), Some(end), Some(evidence)) = (get(start), get(end), get(evidence)) else {
            panic!("{subject} lacks {start}, {end} or {evidence}");
        };
        let (start, end): (usize, usize) = (
            start.parse().expect("an integer offset"),
            end.parse().expect("an integer offset"),
        );
        assert!(
            start <= end && end <= chars.len(),
            "{subject}: offsets {start}..{end} outside the article ({} characters)",
            chars.len()
        );
        let pointed: String = chars[start..end].iter().collect();
        assert_eq!(
            &pointed, evidence,
            "{subject}: offsets {start}..{end} point elsewhere"
        );
    };
    let ng = |local: &str| format!("{NG}{local}");
    let nif = |local: &str| format!("{NIF}{local}");
    for ((subject, predicate), _) in values.iter() {
        if *predicate == ng(vocab::ng::TRIGGER_START) {
            offsets_point_at(
                subject,
                &ng(vocab::ng::TRIGGER_START),
                &ng(vocab::ng::TRIGGER_END),
                &ng(vocab::ng::TRIGGER),
            );
        } else if *predicate == nif("beginIndex") {
            offsets_point_at(
                subject,
                &nif("beginIndex"),
                &nif("endIndex"),
                &nif("anchorOf"),
            );
        }
    }
}

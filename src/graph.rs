//! From extractions to RDF: IRIs, triples and provenance.
//!
//! This module owns the shape of the graph (DESIGN.md, "The graph it
//! writes"): one named graph per article with its direct relation triples
//! and one reifying node per relation instance carrying the evidence; the
//! entities in their own graph; the ontology in another. Every IRI goes
//! through [`Iris`], which escapes and is deterministic. Pure: no I/O.

use std::collections::BTreeSet;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::extract::{Extraction, Modality};
use crate::rules::{EntityRule, RuleSet};
use crate::text::Article;
use crate::vocab::{
    self, DBPEDIA, DCTERMS, GEONAMES, NG, NIF, OWL, PROV, RDFS, SCHEMA, SKOS, WIKIDATA,
};

/// The ontology shipped with newsgraph, loaded into every store.
pub const ONTOLOGY_TURTLE: &str = include_str!("../ontology/newsgraph.ttl");

/// Mints every IRI newsgraph writes, under one base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Iris {
            base: vocab::DEFAULT_BASE.to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    #[error("invalid base IRI `{base}`: {reason}")]
    InvalidBase { base: String, reason: String },
}

/// Percent-escapes everything but unreserved characters, so any file name
/// or id makes a valid IRI segment.
pub fn escape_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if out.is_empty() { "_".to_owned() } else { out }
}

fn node(iri: String) -> NamedNode {
    debug_assert!(
        NamedNode::new(iri.as_str()).is_ok(),
        "minted an invalid IRI: {iri}"
    );
    NamedNode::new_unchecked(iri)
}

fn ng(local: &str) -> NamedNode {
    node(format!("{NG}{local}"))
}

impl Iris {
    /// A base IRI ending in `/` or `#`, checked.
    pub fn new(base: &str) -> Result<Iris, GraphError> {
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(GraphError::InvalidBase {
                base: base.into(),
                reason: "it must end with `/` or `#`".into(),
            });
        }
        NamedNode::new(base).map_err(|error| GraphError::InvalidBase {
            base: base.into(),
            reason: error.to_string(),
        })?;
        Ok(Iris {
            base: base.to_owned(),
        })
    }

    pub fn article(&self, id: &str) -> NamedNode {
        node(format!("{}doc/{}", self.base, escape_segment(id)))
    }

    pub fn entity(&self, id: &str) -> NamedNode {
        node(format!("{}entity/{}", self.base, escape_segment(id)))
    }

    pub fn entities_graph(&self) -> NamedNode {
        node(format!("{}graph/entities", self.base))
    }

    pub fn ontology_graph(&self) -> NamedNode {
        node(format!("{}graph/ontology", self.base))
    }

    /// A sentence as a NIF string, named by its character offsets (RFC 5147).
    fn sentence(&self, article_id: &str, start: usize, end: usize) -> NamedNode {
        node(format!(
            "{}doc/{}#char={start},{end}",
            self.base,
            escape_segment(article_id)
        ))
    }

    fn relation(&self, article_id: &str, key: &str) -> NamedNode {
        let digest = Sha256::digest(format!("{article_id}\u{0}{key}").as_bytes());
        let hex: String = digest
            .iter()
            .take(8)
            .map(|byte| format!("{byte:02x}"))
            .collect();
        node(format!(
            "{}doc/{}/relation/{hex}",
            self.base,
            escape_segment(article_id)
        ))
    }
}

fn literal(text: &str) -> Term {
    Literal::new_simple_literal(text).into()
}

fn english(text: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(text, "en").into()
}

fn integer(value: usize) -> Term {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER).into()
}

struct QuadSink<'g> {
    graph: &'g GraphName,
    quads: Vec<Quad>,
}

impl QuadSink<'_> {
    fn add(
        &mut self,
        subject: impl Into<NamedOrBlankNode>,
        predicate: NamedNode,
        object: impl Into<Term>,
    ) {
        self.quads
            .push(Quad::new(subject, predicate, object, self.graph.clone()));
    }
}

/// Byte offsets of one article mapped to character offsets.
struct CharOffsets {
    /// (byte, char) at each sentence start, ascending.
    anchors: Vec<(usize, usize)>,
}

impl CharOffsets {
    fn new(text: &str, extraction: &Extraction) -> CharOffsets {
        let mut index = crate::text::CharIndex::new(text);
        let anchors = extraction
            .sentences
            .iter()
            .map(|sentence| (sentence.span.start, index.chars_at(sentence.span.start)))
            .collect();
        CharOffsets { anchors }
    }

    fn chars(&self, text: &str, byte: usize) -> usize {
        let at = self.anchors.partition_point(|(anchor, _)| *anchor <= byte);
        let (anchor_byte, anchor_chars) = if at == 0 {
            (0, 0)
        } else {
            self.anchors[at - 1]
        };
        anchor_chars + text[anchor_byte..byte].chars().count()
    }
}

/// The named graph of one article: its node, its mentions, the asserted
/// relation triples and one reifying node per relation instance.
pub fn article_quads(
    iris: &Iris,
    rules: &RuleSet,
    article: &Article,
    extraction: &Extraction,
) -> Vec<Quad> {
    let article_node = iris.article(&article.id);
    let graph = GraphName::NamedNode(article_node.clone());
    let mut sink = QuadSink {
        graph: &graph,
        quads: Vec::new(),
    };
    let text = article.text.as_str();

    sink.add(
        article_node.clone(),
        rdf::TYPE.into_owned(),
        ng(vocab::ng::NEWS_ARTICLE),
    );
    sink.add(
        article_node.clone(),
        node(format!("{DCTERMS}identifier")),
        literal(&article.id),
    );
    sink.add(
        article_node.clone(),
        node(format!("{DCTERMS}title")),
        literal(&article.title),
    );
    if let Some(date) = &article.date {
        sink.add(
            article_node.clone(),
            node(format!("{DCTERMS}date")),
            Literal::new_typed_literal(date, xsd::DATE),
        );
    }
    for &entity in &extraction.mentioned {
        sink.add(
            article_node.clone(),
            node(format!("{SCHEMA}mentions")),
            iris.entity(&rules.entities[entity].id),
        );
    }

    let offsets = CharOffsets::new(text, extraction);
    let mut asserted = BTreeSet::new();
    let mut evidence_sentences = BTreeSet::new();
    for relation in &extraction.relations {
        let source = iris.entity(&rules.entities[relation.source].id);
        let target = iris.entity(&rules.entities[relation.target].id);
        let predicate = ng(relation.predicate.name());
        if relation.modality == Modality::Asserted
            && asserted.insert((relation.source, relation.predicate, relation.target))
        {
            sink.add(source.clone(), predicate.clone(), target.clone());
        }
        let sentence = &extraction.sentences[relation.sentence];
        let sentence_start = offsets.chars(text, sentence.span.start);
        let sentence_end = sentence_start + sentence.text(text).chars().count();
        let trigger_start = offsets.chars(text, relation.trigger.start);
        let trigger_end = trigger_start + text[relation.trigger.clone()].chars().count();
        let rule_id = &rules.relations[relation.rule].id;
        let rule_name = format!("{rule_id}/{}", relation.frame.name());
        let key = format!(
            "{}\u{0}{}\u{0}{}\u{0}{rule_name}\u{0}{trigger_start}\u{0}{trigger_end}",
            relation.predicate,
            rules.entities[relation.source].id,
            rules.entities[relation.target].id
        );
        let instance = iris.relation(&article.id, &key);
        let sentence_node = iris.sentence(&article.id, sentence_start, sentence_end);
        sink.add(
            instance.clone(),
            rdf::TYPE.into_owned(),
            rdf::STATEMENT.into_owned(),
        );
        sink.add(
            instance.clone(),
            rdf::TYPE.into_owned(),
            ng(relation.predicate.event_class()),
        );
        sink.add(instance.clone(), rdf::SUBJECT.into_owned(), source);
        sink.add(instance.clone(), rdf::PREDICATE.into_owned(), predicate);
        sink.add(instance.clone(), rdf::OBJECT.into_owned(), target);
        sink.add(
            instance.clone(),
            node(format!("{PROV}wasDerivedFrom")),
            article_node.clone(),
        );
        sink.add(
            instance.clone(),
            ng(vocab::ng::EVIDENCE),
            sentence_node.clone(),
        );
        sink.add(
            instance.clone(),
            ng(vocab::ng::SENTENCE_TEXT),
            literal(sentence.text(text)),
        );
        sink.add(
            instance.clone(),
            ng(vocab::ng::TRIGGER),
            literal(&text[relation.trigger.clone()]),
        );
        sink.add(
            instance.clone(),
            ng(vocab::ng::TRIGGER_START),
            integer(trigger_start),
        );
        sink.add(
            instance.clone(),
            ng(vocab::ng::TRIGGER_END),
            integer(trigger_end),
        );
        sink.add(instance.clone(), ng(vocab::ng::RULE), literal(&rule_name));
        sink.add(
            instance,
            ng(vocab::ng::MODALITY),
            ng(relation.modality.name()),
        );
        if evidence_sentences.insert(relation.sentence) {
            sink.add(
                sentence_node.clone(),
                rdf::TYPE.into_owned(),
                node(format!("{NIF}Sentence")),
            );
            sink.add(
                sentence_node.clone(),
                node(format!("{NIF}anchorOf")),
                literal(sentence.text(text)),
            );
            sink.add(
                sentence_node.clone(),
                node(format!("{NIF}beginIndex")),
                integer(sentence_start),
            );
            sink.add(
                sentence_node.clone(),
                node(format!("{NIF}endIndex")),
                integer(sentence_end),
            );
            sink.add(
                sentence_node,
                node(format!("{NIF}referenceContext")),
                article_node.clone(),
            );
        }
    }
    sink.quads
}

/// The entities graph: every entity of the rules with its type, labels,
/// roles, identity links and who it stands for.
pub fn entity_quads(iris: &Iris, rules: &RuleSet) -> Vec<Quad> {
    let graph = GraphName::NamedNode(iris.entities_graph());
    let mut sink = QuadSink {
        graph: &graph,
        quads: Vec::new(),
    };
    for entity in &rules.entities {
        describe_entity(iris, entity, &mut sink);
    }
    sink.quads
}

fn describe_entity(iris: &Iris, entity: &EntityRule, sink: &mut QuadSink) {
    let subject = iris.entity(&entity.id);
    sink.add(
        subject.clone(),
        rdf::TYPE.into_owned(),
        ng(entity.kind.name()),
    );
    sink.add(
        subject.clone(),
        node(format!("{RDFS}label")),
        english(&entity.label),
    );
    let mut aliases: Vec<&String> = entity
        .aliases
        .iter()
        .chain(&entity.government_aliases)
        .filter(|alias| **alias != entity.label)
        .collect();
    aliases.sort();
    aliases.dedup();
    for alias in aliases {
        sink.add(
            subject.clone(),
            node(format!("{SKOS}altLabel")),
            english(alias),
        );
    }
    let ids = &entity.identifiers;
    if let Some(qid) = &ids.wikidata {
        sink.add(
            subject.clone(),
            node(format!("{OWL}sameAs")),
            node(format!("{WIKIDATA}{}", escape_segment(qid))),
        );
    }
    if let Some(name) = &ids.dbpedia {
        sink.add(
            subject.clone(),
            node(format!("{OWL}sameAs")),
            node(format!("{DBPEDIA}{}", escape_segment(name))),
        );
    }
    if let Some(geonames) = &ids.geonames {
        sink.add(
            subject.clone(),
            node(format!("{OWL}sameAs")),
            node(format!("{GEONAMES}{}/", escape_segment(geonames))),
        );
    }
    if let Some(cameo) = &ids.cameo {
        sink.add(
            subject.clone(),
            ng(vocab::ng::CAMEO_ACTOR_CODE),
            literal(cameo),
        );
    }
    if let Some(checked) = &ids.checked {
        sink.add(
            subject.clone(),
            node(format!("{SKOS}editorialNote")),
            english(checked),
        );
    }
    if let Some(role) = &entity.role {
        sink.add(subject.clone(), ng(vocab::ng::ROLE), english(role));
    }
    for actor in &entity.represents {
        sink.add(
            subject.clone(),
            ng(vocab::ng::REPRESENTS),
            iris.entity(actor),
        );
    }
    for (index, period) in entity.stands_for.iter().enumerate() {
        if period.until.is_none() {
            sink.add(
                subject.clone(),
                ng(vocab::ng::STANDS_FOR),
                iris.entity(&period.actor),
            );
        }
        let period_node = node(format!("{}/period/{index}", subject.as_str()));
        sink.add(subject.clone(), ng(vocab::ng::PERIOD), period_node.clone());
        sink.add(
            period_node.clone(),
            rdf::TYPE.into_owned(),
            ng(vocab::ng::STANDS_FOR_PERIOD),
        );
        sink.add(
            period_node.clone(),
            ng(vocab::ng::ACTOR),
            iris.entity(&period.actor),
        );
        if let Some(from) = &period.from {
            sink.add(
                period_node.clone(),
                ng(vocab::ng::VALID_FROM),
                Literal::new_typed_literal(from, xsd::DATE),
            );
        }
        if let Some(until) = &period.until {
            sink.add(
                period_node,
                ng(vocab::ng::VALID_UNTIL),
                Literal::new_typed_literal(until, xsd::DATE),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_any_id_into_a_valid_iri() {
        let iris = Iris::default();
        for id in [
            "plain",
            "with space",
            "ünïcödé",
            "a/b?c#d",
            "<script>",
            "",
            "\"quoted\"\n",
        ] {
            let article = iris.article(id);
            assert!(
                NamedNode::new(article.as_str()).is_ok(),
                "{id:?} gave {article}"
            );
        }
        assert_eq!(
            iris.article("a b").as_str(),
            "https://w3id.org/newsgraph/doc/a%20b"
        );
    }

    #[test]
    fn rejects_a_base_without_separator() {
        assert!(Iris::new("https://example.org/x").is_err());
        assert!(Iris::new("not an iri/").is_err());
        assert!(Iris::new("https://example.org/kg/").is_ok());
    }
}

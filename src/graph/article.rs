//! An article's graph: its description (identifier, title, the evidence
//! profile, and the date, URL and publisher when the input gives them), the
//! direct relation triples and, as the [`EvidenceProfile`] says, one
//! reifying node per relation instance with its evidence (the sentence
//! node, which alone carries the text and offsets; the trigger; the rule;
//! the CAMEO event code; the modality) or one count per direct edge, as quads borrowing terms
//! made once per build.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphNameRef, LiteralRef, NamedNode, NamedNodeRef, Quad, QuadRef, TermRef};

use crate::cameo::CameoEvent;
use crate::extract::{Extraction, Frame, Modality, RelationMatch};
use crate::rules::{Predicate, RuleSet};
use crate::text::{Article, CharAnchors, Sentence};
use crate::vocab::{self, DCTERMS, NIF, PROV, SCHEMA};

use super::iris::{Iris, ng, node};
use super::profile::EvidenceProfile;

/// The fixed terms of article graphs, made once per [`GraphWriter`].
struct Terms {
    rdf_type: NamedNode,
    subject: NamedNode,
    predicate: NamedNode,
    object: NamedNode,
    news_article: NamedNode,
    identifier: NamedNode,
    title: NamedNode,
    date: NamedNode,
    url: NamedNode,
    publisher: NamedNode,
    mentions: NamedNode,
    derived_from: NamedNode,
    evidence: NamedNode,
    trigger: NamedNode,
    trigger_start: NamedNode,
    trigger_end: NamedNode,
    rule: NamedNode,
    cameo_code: NamedNode,
    modality: NamedNode,
    nif_sentence: NamedNode,
    anchor_of: NamedNode,
    begin_index: NamedNode,
    end_index: NamedNode,
    reference_context: NamedNode,
    evidence_profile: NamedNode,
    /// In [`EvidenceProfile::ALL`] order.
    profiles: Vec<NamedNode>,
    edge_count: NamedNode,
    source: NamedNode,
    relation: NamedNode,
    target: NamedNode,
    instance_count: NamedNode,
    /// In [`Predicate::ALL`] order: the property and the event class.
    predicates: Vec<(NamedNode, NamedNode)>,
    /// In [`Modality::ALL`] order.
    modalities: Vec<NamedNode>,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            rdf_type: rdf::TYPE.into_owned(),
            subject: rdf::SUBJECT.into_owned(),
            predicate: rdf::PREDICATE.into_owned(),
            object: rdf::OBJECT.into_owned(),
            news_article: ng(vocab::ng::NEWS_ARTICLE),
            identifier: node(format!("{DCTERMS}identifier")),
            title: node(format!("{DCTERMS}title")),
            date: node(format!("{DCTERMS}date")),
            url: node(format!("{SCHEMA}url")),
            publisher: node(format!("{DCTERMS}publisher")),
            mentions: node(format!("{SCHEMA}mentions")),
            derived_from: node(format!("{PROV}wasDerivedFrom")),
            evidence: ng(vocab::ng::EVIDENCE),
            trigger: ng(vocab::ng::TRIGGER),
            trigger_start: ng(vocab::ng::TRIGGER_START),
            trigger_end: ng(vocab::ng::TRIGGER_END),
            rule: ng(vocab::ng::RULE),
            cameo_code: ng(vocab::ng::CAMEO_CODE),
            modality: ng(vocab::ng::MODALITY),
            nif_sentence: node(format!("{NIF}Sentence")),
            anchor_of: node(format!("{NIF}anchorOf")),
            begin_index: node(format!("{NIF}beginIndex")),
            end_index: node(format!("{NIF}endIndex")),
            reference_context: node(format!("{NIF}referenceContext")),
            evidence_profile: ng(vocab::ng::EVIDENCE_PROFILE),
            profiles: EvidenceProfile::ALL
                .iter()
                .map(|profile| ng(profile.term()))
                .collect(),
            edge_count: ng(vocab::ng::EDGE_COUNT),
            source: ng(vocab::ng::SOURCE),
            relation: ng(vocab::ng::RELATION),
            target: ng(vocab::ng::TARGET),
            instance_count: ng(vocab::ng::INSTANCE_COUNT),
            predicates: Predicate::ALL
                .iter()
                .map(|predicate| (ng(predicate.name()), ng(predicate.event_class())))
                .collect(),
            modalities: Modality::ALL
                .iter()
                .map(|modality| ng(modality.name()))
                .collect(),
        }
    }
}

/// Writes the graphs of articles for one rule set under one base, with one
/// evidence profile (full unless [`GraphWriter::with_evidence`] says
/// otherwise). The fixed terms and the entity IRIs are made once; each
/// article's quads borrow them, so a build allocates per node, not per
/// quad.
pub struct GraphWriter {
    iris: Iris,
    terms: Terms,
    evidence: EvidenceProfile,
    /// The IRI of each entity, by its index in the rules.
    entities: Vec<NamedNode>,
    /// What `ng:rule` says for each relation rule and frame
    /// ("accuses/passive"), indexed by rule, then `frame as usize`.
    rule_names: Vec<Vec<String>>,
    /// Each entity's id, for instance keys.
    entity_ids: Vec<String>,
}

impl std::fmt::Debug for GraphWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphWriter")
            .field("iris", &self.iris)
            .field("evidence", &self.evidence)
            .finish_non_exhaustive()
    }
}

impl GraphWriter {
    pub fn new(iris: &Iris, rules: &RuleSet) -> GraphWriter {
        GraphWriter {
            iris: iris.clone(),
            terms: Terms::new(),
            evidence: EvidenceProfile::default(),
            entities: rules
                .entities
                .iter()
                .map(|entity| iris.entity(&entity.id))
                .collect(),
            rule_names: rules
                .relations
                .iter()
                .map(|rule| {
                    Frame::ALL
                        .iter()
                        .map(|frame| format!("{}/{}", rule.id, frame.name()))
                        .collect()
                })
                .collect(),
            entity_ids: rules
                .entities
                .iter()
                .map(|entity| entity.id.clone())
                .collect(),
        }
    }

    /// The same writer, writing `evidence`.
    pub fn with_evidence(mut self, evidence: EvidenceProfile) -> GraphWriter {
        self.evidence = evidence;
        self
    }

    pub fn evidence(&self) -> EvidenceProfile {
        self.evidence
    }

    /// The named graph of one article: its node, its mentions, the asserted
    /// relation triples and, by the evidence profile, one reifying node per
    /// relation instance or one count per asserted triple.
    pub fn article<'a>(
        &'a self,
        article: &'a Article,
        extraction: &Extraction,
    ) -> ArticleGraph<'a> {
        let text = article.text.as_str();
        let offsets = CharAnchors::new(
            text,
            extraction
                .sentences
                .iter()
                .map(|sentence| sentence.span.start),
        );
        let mut asserted = BTreeSet::new();
        let mut sentence_slots: FxHashMap<usize, usize> = FxHashMap::default();
        let mut sentences = Vec::new();
        let mut instances = Vec::with_capacity(extraction.relations.len());
        let mut edge_counts: Vec<EdgeCount> = Vec::new();
        for relation in &extraction.relations {
            let predicate = Predicate::ALL
                .iter()
                .position(|p| *p == relation.predicate)
                .expect("every predicate is in Predicate::ALL");
            let asserts = relation.modality == Modality::Asserted
                && asserted.insert((relation.source, relation.predicate, relation.target));
            if !self.evidence.writes_instances() {
                // No instance node, no sentence: only the count, and the
                // direct edge written with it.
                if relation.modality != Modality::Asserted {
                    continue;
                }
                if asserts {
                    edge_counts.push(EdgeCount {
                        node: self.edge_count_node(&article.id, relation),
                        source: relation.source,
                        target: relation.target,
                        predicate,
                        instances: 0,
                        instances_text: String::new(),
                    });
                }
                let count = edge_counts
                    .iter_mut()
                    .find(|count| {
                        (count.source, count.predicate, count.target)
                            == (relation.source, predicate, relation.target)
                    })
                    .expect("the first asserted instance of a triple opens its count");
                count.instances += 1;
                count.instances_text = count.instances.to_string();
                continue;
            }
            let trigger = offsets.span(text, relation.trigger.clone());
            let (trigger_start, trigger_end) = (trigger.start.to_string(), trigger.end.to_string());
            let rule = &self.rule_names[relation.rule][relation.frame as usize];
            let node =
                self.relation_node(&article.id, relation, rule, &trigger_start, &trigger_end);
            let mut opens_sentence = false;
            let slot = *sentence_slots.entry(relation.sentence).or_insert_with(|| {
                opens_sentence = true;
                let sentence = &extraction.sentences[relation.sentence];
                sentences.push(self.evidence_sentence(article, sentence, &offsets));
                sentences.len() - 1
            });
            instances.push(Instance {
                node,
                source: relation.source,
                target: relation.target,
                predicate,
                modality: Modality::ALL
                    .iter()
                    .position(|m| *m == relation.modality)
                    .expect("every modality is in Modality::ALL"),
                asserts,
                sentence: slot,
                opens_sentence,
                trigger: &text[relation.trigger.clone()],
                trigger_start,
                trigger_end,
                rule,
                cameo_code: CameoEvent::of(relation.predicate, &text[relation.trigger.clone()])
                    .code,
            });
        }
        ArticleGraph {
            writer: self,
            node: self.iris.article(&article.id),
            id: &article.id,
            title: &article.title,
            date: article.date.as_deref(),
            // The reader keeps only absolute IRIs; an article made by hand
            // with anything else gets no schema:url rather than a bad IRI.
            url: article
                .url
                .as_deref()
                .and_then(|url| NamedNode::new(url).ok()),
            publisher: article.publisher.as_deref(),
            mentioned: extraction.mentioned.iter().copied().collect(),
            instances,
            sentences,
            edge_counts,
        }
    }

    /// A relation instance's node: its IRI hashes the article, the
    /// predicate, the actors, the rule and the trigger's offsets.
    fn relation_node(
        &self,
        article_id: &str,
        relation: &RelationMatch,
        rule: &str,
        trigger_start: &str,
        trigger_end: &str,
    ) -> NamedNode {
        self.iris.relation(
            article_id,
            &[
                relation.predicate.name(),
                &self.entity_ids[relation.source],
                &self.entity_ids[relation.target],
                rule,
                trigger_start,
                trigger_end,
            ],
        )
    }

    /// The node counting a direct edge's asserted instances: its IRI hashes
    /// the article, the predicate and the actors.
    fn edge_count_node(&self, article_id: &str, relation: &RelationMatch) -> NamedNode {
        self.iris.edge_count(
            article_id,
            &[
                relation.predicate.name(),
                &self.entity_ids[relation.source],
                &self.entity_ids[relation.target],
            ],
        )
    }

    /// A sentence that evidence cites: its node, text and character offsets.
    fn evidence_sentence<'a>(
        &self,
        article: &'a Article,
        sentence: &Sentence,
        offsets: &CharAnchors,
    ) -> EvidenceSentence<'a> {
        let text = article.text.as_str();
        let span = offsets.span(text, sentence.span.clone());
        EvidenceSentence {
            node: self.iris.sentence(&article.id, span.start, span.end),
            text: sentence.text(text),
            begin: span.start.to_string(),
            end: span.end.to_string(),
        }
    }
}

/// One article's named graph, each IRI and literal held once.
pub struct ArticleGraph<'a> {
    writer: &'a GraphWriter,
    node: NamedNode,
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    url: Option<NamedNode>,
    publisher: Option<&'a str>,
    /// Entity indices.
    mentioned: Vec<usize>,
    instances: Vec<Instance<'a>>,
    sentences: Vec<EvidenceSentence<'a>>,
    /// Without evidence (and then no instances): one per asserted triple,
    /// in the order of its first instance.
    edge_counts: Vec<EdgeCount>,
}

/// How many asserted instances state one direct triple in an article whose
/// instances are not written.
struct EdgeCount {
    node: NamedNode,
    source: usize,
    target: usize,
    /// Index into [`Predicate::ALL`].
    predicate: usize,
    instances: usize,
    /// `instances` as the literal's text.
    instances_text: String,
}

/// A relation instance: the node that reifies it and its evidence.
struct Instance<'a> {
    node: NamedNode,
    source: usize,
    target: usize,
    /// Index into [`Predicate::ALL`].
    predicate: usize,
    /// Index into [`Modality::ALL`].
    modality: usize,
    /// Whether the direct edge is written with this instance (the first
    /// asserted instance of its triple).
    asserts: bool,
    /// Index into the article graph's evidence sentences.
    sentence: usize,
    /// Whether this is the first instance citing its sentence, which then
    /// describes the sentence.
    opens_sentence: bool,
    trigger: &'a str,
    trigger_start: String,
    trigger_end: String,
    rule: &'a str,
    /// Its one CAMEO event code ([`CameoEvent::of`]).
    cameo_code: &'static str,
}

/// A sentence cited as evidence, as a NIF string.
struct EvidenceSentence<'a> {
    node: NamedNode,
    text: &'a str,
    begin: String,
    end: String,
}

impl ArticleGraph<'_> {
    /// The article's IRI, which names its graph.
    pub fn name(&self) -> &NamedNode {
        &self.node
    }

    /// The quads, in a fixed order: the article node, then each relation
    /// instance with its direct edge and, the first time, its sentence (as
    /// far as the evidence profile writes them); without instances, each
    /// direct edge with its count.
    pub fn quads(&self) -> Vec<QuadRef<'_>> {
        let terms = &self.writer.terms;
        let entities = &self.writer.entities;
        let evidence = self.writer.evidence;
        let article = self.node.as_ref();
        let mut out = RefSink {
            graph: GraphNameRef::NamedNode(article),
            quads: Vec::with_capacity(
                6 + self.mentioned.len() + 18 * self.instances.len() + 5 * self.edge_counts.len(),
            ),
        };
        out.add(article, &terms.rdf_type, &terms.news_article);
        out.add(article, &terms.identifier, plain(self.id));
        out.add(article, &terms.title, plain(self.title));
        let profile = EvidenceProfile::ALL
            .iter()
            .position(|profile| *profile == evidence)
            .expect("every profile is in EvidenceProfile::ALL");
        out.add(article, &terms.evidence_profile, &terms.profiles[profile]);
        if let Some(date) = self.date {
            out.add(
                article,
                &terms.date,
                LiteralRef::new_typed_literal(date, xsd::DATE),
            );
        }
        if let Some(url) = &self.url {
            out.add(article, &terms.url, url);
        }
        if let Some(publisher) = self.publisher {
            out.add(article, &terms.publisher, plain(publisher));
        }
        for &entity in &self.mentioned {
            out.add(article, &terms.mentions, &entities[entity]);
        }
        for instance in &self.instances {
            let source = &entities[instance.source];
            let target = &entities[instance.target];
            let (predicate, event_class) = &terms.predicates[instance.predicate];
            if instance.asserts {
                out.add(source.as_ref(), predicate, target);
            }
            let sentence = &self.sentences[instance.sentence];
            let node = instance.node.as_ref();
            // Typed with its event class only: rdf:Statement follows from
            // it in the ontology (ng:RelationInstance is a subclass) and
            // from rdf:subject's domain, so it is not written again.
            out.add(node, &terms.rdf_type, event_class);
            out.add(node, &terms.subject, source);
            out.add(node, &terms.predicate, predicate);
            out.add(node, &terms.object, target);
            out.add(node, &terms.derived_from, article);
            out.add(node, &terms.evidence, &sentence.node);
            if evidence.writes_triggers() {
                out.add(node, &terms.trigger, plain(instance.trigger));
                out.add(node, &terms.trigger_start, integer(&instance.trigger_start));
                out.add(node, &terms.trigger_end, integer(&instance.trigger_end));
            }
            out.add(node, &terms.rule, plain(instance.rule));
            out.add(node, &terms.cameo_code, plain(instance.cameo_code));
            out.add(node, &terms.modality, &terms.modalities[instance.modality]);
            if instance.opens_sentence {
                let sentence_node = sentence.node.as_ref();
                out.add(sentence_node, &terms.rdf_type, &terms.nif_sentence);
                out.add(sentence_node, &terms.anchor_of, plain(sentence.text));
                out.add(sentence_node, &terms.begin_index, integer(&sentence.begin));
                out.add(sentence_node, &terms.end_index, integer(&sentence.end));
                out.add(sentence_node, &terms.reference_context, article);
            }
        }
        for count in &self.edge_counts {
            let (source, target) = (&entities[count.source], &entities[count.target]);
            let predicate = &terms.predicates[count.predicate].0;
            out.add(source.as_ref(), predicate, target);
            let node = count.node.as_ref();
            out.add(node, &terms.rdf_type, &terms.edge_count);
            out.add(node, &terms.source, source);
            out.add(node, &terms.relation, predicate);
            out.add(node, &terms.target, target);
            out.add(node, &terms.instance_count, integer(&count.instances_text));
        }
        out.quads
    }
}

/// Quads borrowing their terms, all in one graph.
struct RefSink<'g> {
    graph: GraphNameRef<'g>,
    quads: Vec<QuadRef<'g>>,
}

impl<'g> RefSink<'g> {
    fn add(
        &mut self,
        subject: NamedNodeRef<'g>,
        predicate: &'g NamedNode,
        object: impl Into<TermRef<'g>>,
    ) {
        self.quads
            .push(QuadRef::new(subject, predicate, object, self.graph));
    }
}

fn plain(value: &str) -> LiteralRef<'_> {
    LiteralRef::new_simple_literal(value)
}

fn integer(value: &str) -> LiteralRef<'_> {
    LiteralRef::new_typed_literal(value, xsd::INTEGER)
}

/// The named graph of one article as owned quads; see [`GraphWriter`] for
/// writing many articles.
pub fn article_quads(
    iris: &Iris,
    rules: &RuleSet,
    article: &Article,
    extraction: &Extraction,
) -> Vec<Quad> {
    GraphWriter::new(iris, rules)
        .article(article, extraction)
        .quads()
        .into_iter()
        .map(QuadRef::into_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    /// The article node's statements, as "predicate object" lines, sorted.
    fn article_node(article: &Article) -> Vec<String> {
        let rules = RuleSet::from_toml("rules.toml", include_str!("../../ontology/rules.toml"))
            .expect("the bundled rules load");
        let extractor = Extractor::new(rules);
        let extraction = extractor.extract(article);
        let iris = Iris::default();
        let node = iris.article(&article.id);
        let mut lines: Vec<String> = article_quads(&iris, extractor.rules(), article, &extraction)
            .into_iter()
            .filter(|quad| quad.subject.to_string() == node.to_string())
            .filter(|quad| !quad.predicate.as_str().ends_with("mentions"))
            .map(|quad| format!("{} {}", quad.predicate, quad.object))
            .collect();
        lines.sort();
        lines
    }

    #[test]
    fn the_article_node_keeps_its_date_url_and_publisher() {
        let mut article = Article::from_text("a", "Talks resume.\n\nQatar hosted the talks.");
        article.date = Some("2025-11-07".to_owned());
        article.url = Some("https://example.org/news/1?x=y".to_owned());
        article.publisher = Some("Geo News".to_owned());
        let expected = [
            r#"<http://purl.org/dc/terms/date> "2025-11-07"^^<http://www.w3.org/2001/XMLSchema#date>"#,
            r#"<http://purl.org/dc/terms/identifier> "a""#,
            r#"<http://purl.org/dc/terms/publisher> "Geo News""#,
            r#"<http://purl.org/dc/terms/title> "Talks resume.""#,
            r#"<http://schema.org/url> <https://example.org/news/1?x=y>"#,
            r#"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/newsgraph/ontology#NewsArticle>"#,
            r#"<https://w3id.org/newsgraph/ontology#evidenceProfile> <https://w3id.org/newsgraph/ontology#FullEvidence>"#,
        ];
        let actual = article_node(&article);
        assert_eq!(
            actual,
            expected,
            "\nexpected:\n{}\nactual:\n{}",
            expected.join("\n"),
            actual.join("\n")
        );
    }

    #[test]
    fn a_url_that_is_no_absolute_iri_is_not_written() {
        let mut article = Article::from_text("a", "Talks resume.");
        article.url = Some("news/1 draft".to_owned());
        let actual = article_node(&article);
        assert!(
            actual.iter().all(|line| !line.contains("schema.org/url")),
            "expected no schema:url, got:\n{}",
            actual.join("\n")
        );
    }

    /// An article that states Pakistan accuses the Taliban in two
    /// sentences, and a negated accusation.
    const TWO_ACCUSATIONS: &str = "Talks resume.\n\nPakistan accused the Taliban of sheltering militants. \
        Pakistan again accused the Taliban of attacks. Qatar did not accuse Pakistan.";

    /// The article's quads as `subject predicate object` lines, written
    /// with `evidence`.
    fn quads_with(evidence: EvidenceProfile) -> Vec<Quad> {
        let rules = RuleSet::from_toml("rules.toml", include_str!("../../ontology/rules.toml"))
            .expect("the bundled rules load");
        let extractor = Extractor::new(rules);
        let article = Article::from_text("a", TWO_ACCUSATIONS);
        let extraction = extractor.extract(&article);
        GraphWriter::new(&Iris::default(), extractor.rules())
            .with_evidence(evidence)
            .article(&article, &extraction)
            .quads()
            .into_iter()
            .map(QuadRef::into_owned)
            .collect()
    }

    fn count(quads: &[Quad], local: &str) -> usize {
        quads
            .iter()
            .filter(|quad| quad.predicate.as_str().ends_with(local))
            .count()
    }

    #[test]
    fn a_sentence_text_is_written_once_on_its_sentence() {
        let quads = quads_with(EvidenceProfile::Full);
        let mut texts = std::collections::BTreeMap::new();
        for quad in &quads {
            if let oxrdf::Term::Literal(literal) = &quad.object
                && literal.value().ends_with('.')
            {
                *texts.entry(literal.value().to_owned()).or_insert(0) += 1;
            }
        }
        // The title is the first sentence's text too, on another node.
        texts.remove("Talks resume.");
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.values().all(|&n| n == 1), "{texts:?}");
        assert_eq!(count(&quads, "#anchorOf"), 3);
        assert_eq!(count(&quads, "#sentenceText"), 0);
    }

    #[test]
    fn each_evidence_profile_writes_what_it_keeps() {
        let full = quads_with(EvidenceProfile::Full);
        let sentence = quads_with(EvidenceProfile::Sentence);
        let none = quads_with(EvidenceProfile::None);
        let direct = |quads: &[Quad]| count(quads, "#accuses");
        // Three instances, two of them asserted and of one triple.
        assert_eq!(count(&full, "#modality"), 3, "{full:#?}");
        assert_eq!(direct(&full), 1);
        for (quads, profile) in [
            (&full, "FullEvidence"),
            (&sentence, "SentenceEvidence"),
            (&none, "NoEvidence"),
        ] {
            let recorded: Vec<String> = quads
                .iter()
                .filter(|quad| quad.predicate.as_str().ends_with("#evidenceProfile"))
                .map(|quad| quad.object.to_string())
                .collect();
            assert_eq!(
                recorded,
                [format!("<{}{profile}>", vocab::NG)],
                "the article records its profile"
            );
            assert_eq!(direct(quads), 1, "every profile keeps the direct edge");
        }
        assert_eq!(count(&full, "#trigger"), 3);
        assert_eq!(count(&full, "#triggerStart"), 3);
        assert_eq!(count(&full, "#rule"), 3);
        assert_eq!(count(&full, "#EdgeCount"), 0);

        assert_eq!(count(&sentence, "#modality"), 3);
        assert_eq!(count(&sentence, "#rule"), 3);
        assert_eq!(count(&sentence, "#anchorOf"), 3);
        for gone in ["#trigger", "#triggerStart", "#triggerEnd"] {
            assert_eq!(count(&sentence, gone), 0, "{gone}");
        }
        assert_eq!(full.len() - sentence.len(), 9);
        // The same instance nodes in both.
        let nodes = |quads: &[Quad]| -> BTreeSet<String> {
            quads
                .iter()
                .filter(|quad| quad.predicate.as_str().ends_with("#modality"))
                .map(|quad| quad.subject.to_string())
                .collect()
        };
        assert_eq!(nodes(&full), nodes(&sentence));

        for gone in ["#subject", "#modality", "#evidence", "#anchorOf", "#rule"] {
            assert_eq!(count(&none, gone), 0, "{gone}");
        }
        let counted: Vec<String> = none
            .iter()
            .filter(|quad| quad.predicate.as_str().ends_with("#instanceCount"))
            .map(|quad| quad.object.to_string())
            .collect();
        assert_eq!(
            counted,
            [r#""2"^^<http://www.w3.org/2001/XMLSchema#integer>"#],
            "one count for the asserted triple, none for the negated one"
        );
        assert_eq!(count(&none, "#source") + count(&none, "#target"), 2);
    }
}

//! The entities graph: each entity rule as a typed, labelled resource with
//! its identifiers in other datasets.

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::rules::{EntityRule, RuleSet};
use crate::vocab::{self, DBPEDIA, GEONAMES, OWL, RDFS, SKOS, WIKIDATA};

use super::iris::{Iris, escape_segment, ng, node};

fn literal(text: &str) -> Term {
    Literal::new_simple_literal(text).into()
}

fn english(text: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(text, "en").into()
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

/// The entities graph: the rules' version, and every entity of the rules
/// with its type, labels, roles, identity links and who it stands for.
pub fn entity_quads(iris: &Iris, rules: &RuleSet) -> Vec<Quad> {
    let graph = GraphName::NamedNode(iris.entities_graph());
    let mut sink = QuadSink {
        graph: &graph,
        quads: Vec::new(),
    };
    sink.add(
        iris.entities_graph(),
        ng(vocab::ng::RULES_VERSION),
        literal(&rules.version),
    );
    for entity in &rules.entities {
        describe_entity(iris, entity, &mut sink);
    }
    sink.quads
}

fn describe_entity(iris: &Iris, entity: &EntityRule, sink: &mut QuadSink) {
    let subject = iris.entity(&entity.id);
    describe_names(&subject, entity, sink);
    describe_identifiers(&subject, entity, sink);
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
    describe_periods(iris, &subject, entity, sink);
}

/// The type, the label and the other names (sorted, once each).
fn describe_names(subject: &NamedNode, entity: &EntityRule, sink: &mut QuadSink) {
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
}

/// The identity links (Wikidata, DBpedia, GeoNames), the CAMEO code and
/// where they were checked.
fn describe_identifiers(subject: &NamedNode, entity: &EntityRule, sink: &mut QuadSink) {
    let ids = &entity.identifiers;
    let links = [
        (&ids.wikidata, WIKIDATA, ""),
        (&ids.dbpedia, DBPEDIA, ""),
        (&ids.geonames, GEONAMES, "/"),
    ];
    for (id, namespace, end) in links {
        if let Some(id) = id {
            sink.add(
                subject.clone(),
                node(format!("{OWL}sameAs")),
                node(format!("{namespace}{}{end}", escape_segment(id))),
            );
        }
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
}

/// Who the entity stands for, and when: the open-ended period also as a
/// direct `standsFor`, every period as a node with its actor and dates.
fn describe_periods(iris: &Iris, subject: &NamedNode, entity: &EntityRule, sink: &mut QuadSink) {
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

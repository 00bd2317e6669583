//! The summary graph: one node per asserted edge (source, relation,
//! target) with how many articles state it, how many asserted instances
//! do, and the first and last article date. The presets and the page read
//! it, so "who accuses whom, in how many articles" does not scan every
//! relation instance of the corpus.
//!
//! Its invariant: after every write through [`super::GraphStore`], each
//! summary node agrees with the article graphs, in the same transaction as
//! the write. A write that names its graphs (a rebuilt article, a Graph
//! Store request) applies the difference between what those graphs
//! contributed before and contribute after ([`Delta`]); a write that does
//! not (`load`, a SPARQL update) reads every article graph again
//! ([`rebuild`]); a bulk build adds the summary up from the quads it writes
//! ([`SummaryBuilder`]).
//!
//! An edge counts in the article graphs that state it directly (asserted
//! instances only: a negated or hypothetical one writes no direct edge) and
//! are typed `ng:NewsArticle` in themselves. Its instances are the asserted
//! relation instances of those graphs, or, in a graph built with
//! `--evidence none` (which writes no instances), the `ng:instanceCount`
//! of the graph's `ng:EdgeCount` for it: either way the count comes from
//! the article graph, so every kind of write keeps it exact.

use std::collections::HashMap;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, TermRef,
};
use oxigraph::store::{StorageError, Store, Transaction};
use sha2::{Digest, Sha256};

use crate::vocab::{self, DCTERMS, NG};

/// A direct edge: subject, relation predicate, object.
type Edge = (NamedOrBlankNode, NamedNode, Term);

/// The terms the summary reads and writes.
struct Terms {
    relations: Vec<NamedNode>,
    summary_class: NamedNode,
    edge_class: NamedNode,
    source: NamedNode,
    relation: NamedNode,
    target: NamedNode,
    article_count: NamedNode,
    instance_count: NamedNode,
    first_date: NamedNode,
    last_date: NamedNode,
    news_article: NamedNode,
    modality: NamedNode,
    asserted: NamedNode,
    date: NamedNode,
}

fn ng(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NG}{local}"))
}

impl Terms {
    fn new() -> Terms {
        Terms {
            relations: crate::rules::Predicate::ALL
                .iter()
                .map(|predicate| ng(predicate.name()))
                .collect(),
            summary_class: ng(vocab::ng::SUMMARY),
            edge_class: ng(vocab::ng::EDGE_SUMMARY),
            source: ng(vocab::ng::SOURCE),
            relation: ng(vocab::ng::RELATION),
            target: ng(vocab::ng::TARGET),
            article_count: ng(vocab::ng::ARTICLE_COUNT),
            instance_count: ng(vocab::ng::INSTANCE_COUNT),
            first_date: ng(vocab::ng::FIRST_DATE),
            last_date: ng(vocab::ng::LAST_DATE),
            news_article: ng(vocab::ng::NEWS_ARTICLE),
            modality: ng(vocab::ng::MODALITY),
            asserted: ng(crate::extract::Modality::Asserted.name()),
            date: NamedNode::new_unchecked(format!("{DCTERMS}date")),
        }
    }
}

/// The summary graph's name when a store has none yet and the writer
/// knows no base (a server, `load`): the default base's.
fn default_graph_name() -> NamedNode {
    NamedNode::new_unchecked(format!("{}graph/summary", vocab::DEFAULT_BASE))
}

/// What one article graph adds to the summary: nothing unless it is an
/// `ng:NewsArticle` in itself; else its date and, per direct edge, its
/// asserted instances.
#[derive(Debug, Default)]
struct Contribution {
    date: Option<String>,
    edges: HashMap<Edge, u64>,
}

/// The parts of a relation instance (`rdf:subject`, `rdf:predicate`,
/// `rdf:object`, `ng:modality`) or of an edge count (`ng:source`,
/// `ng:relation`, `ng:target`, `ng:instanceCount`) read so far.
#[derive(Default)]
struct InstanceParts {
    subject: Option<NamedOrBlankNode>,
    predicate: Option<NamedNode>,
    object: Option<Term>,
    asserted: bool,
    /// An edge count's instances.
    count: u64,
}

impl InstanceParts {
    /// The asserted instances these parts stand for.
    fn instances(&self) -> u64 {
        u64::from(self.asserted) + self.count
    }
}

impl Terms {
    /// The predicates whose quads make a graph's contribution.
    fn read(&self) -> Vec<NamedNodeRef<'_>> {
        let mut read: Vec<NamedNodeRef<'_>> = vec![
            rdf::TYPE,
            self.date.as_ref(),
            rdf::SUBJECT,
            rdf::PREDICATE,
            rdf::OBJECT,
            self.modality.as_ref(),
            self.source.as_ref(),
            self.relation.as_ref(),
            self.target.as_ref(),
            self.instance_count.as_ref(),
        ];
        read.extend(self.relations.iter().map(NamedNode::as_ref));
        read
    }

    /// The contribution of `graph`, from its quads of [`Terms::read`]'s
    /// predicates (others are ignored).
    fn contribution<'q>(
        &self,
        graph: NamedNodeRef<'_>,
        quads: impl IntoIterator<Item = QuadRef<'q>>,
    ) -> Contribution {
        let mut article = false;
        let mut date = None;
        let mut edges: HashMap<Edge, u64> = HashMap::new();
        let mut instances: HashMap<NamedOrBlankNode, InstanceParts> = HashMap::new();
        for quad in quads {
            let predicate = quad.predicate;
            let is_node = quad.subject == graph.into();
            if predicate == rdf::TYPE {
                article |= is_node && quad.object == self.news_article.as_ref().into();
            } else if predicate == self.date.as_ref() {
                if is_node
                    && date.is_none()
                    && let TermRef::Literal(literal) = quad.object
                    && literal.datatype() == xsd::DATE
                {
                    date = Some(literal.value().to_owned());
                }
            } else if self.relations.iter().any(|r| r.as_ref() == predicate) {
                edges.insert(
                    (
                        quad.subject.into_owned(),
                        predicate.into_owned(),
                        quad.object.into_owned(),
                    ),
                    0,
                );
            } else {
                let parts = instances.entry(quad.subject.into_owned()).or_default();
                let subject = predicate == rdf::SUBJECT || predicate == self.source.as_ref();
                let relation = predicate == rdf::PREDICATE || predicate == self.relation.as_ref();
                let object = predicate == rdf::OBJECT || predicate == self.target.as_ref();
                match quad.object {
                    TermRef::NamedNode(node) if relation => {
                        parts.predicate = Some(node.into_owned());
                    }
                    TermRef::NamedNode(node) if subject => {
                        parts.subject = Some(node.into_owned().into());
                    }
                    TermRef::BlankNode(node) if subject => {
                        parts.subject = Some(node.into_owned().into());
                    }
                    value if object => parts.object = Some(value.into_owned()),
                    value if predicate == self.modality.as_ref() => {
                        parts.asserted |= value == self.asserted.as_ref().into();
                    }
                    TermRef::Literal(literal) if predicate == self.instance_count.as_ref() => {
                        parts.count = literal.value().parse().unwrap_or(0);
                    }
                    _ => {}
                }
            }
        }
        if !article {
            return Contribution::default();
        }
        for parts in instances.into_values() {
            let instances = parts.instances();
            if let (true, Some(subject), Some(predicate), Some(object)) =
                (instances > 0, parts.subject, parts.predicate, parts.object)
                && let Some(count) = edges.get_mut(&(subject, predicate, object))
            {
                *count += instances;
            }
        }
        Contribution { date, edges }
    }

    /// The contribution of `graph` as `quads` (about to be written) make it.
    fn written_contribution(&self, graph: NamedNodeRef<'_>, quads: &[Quad]) -> Contribution {
        self.contribution(
            graph,
            quads
                .iter()
                .filter(|quad| quad.graph_name.as_ref() == graph.into())
                .map(Quad::as_ref),
        )
    }

    /// The contribution `graph` makes as the transaction sees it now.
    fn stored_contribution(
        &self,
        transaction: &Transaction<'_>,
        graph: NamedNodeRef<'_>,
    ) -> Result<Contribution, StorageError> {
        let mut quads = Vec::new();
        for predicate in self.read() {
            for quad in
                transaction.quads_for_pattern(None, Some(predicate), None, Some(graph.into()))
            {
                quads.push(quad?);
            }
        }
        Ok(self.contribution(graph, quads.iter().map(Quad::as_ref)))
    }
}

/// How the writes of one transaction change each edge's summary.
pub(super) struct Delta {
    terms: Terms,
    edges: HashMap<Edge, EdgeDelta>,
}

#[derive(Debug, Default)]
struct EdgeDelta {
    articles: i64,
    instances: i64,
    /// The earliest and latest date of the articles added.
    added: Option<(String, String)>,
    /// The same of the articles removed.
    removed: Option<(String, String)>,
}

fn widen(range: &mut Option<(String, String)>, date: &Option<String>) {
    if let Some(date) = date {
        *range = Some(match range.take() {
            None => (date.clone(), date.clone()),
            Some((first, last)) => (first.min(date.clone()), last.max(date.clone())),
        });
    }
}

impl Delta {
    pub(super) fn new() -> Delta {
        Delta {
            terms: Terms::new(),
            edges: HashMap::new(),
        }
    }

    /// Takes away what `graph` contributes now (before it is cleared).
    pub(super) fn remove_graph(
        &mut self,
        transaction: &Transaction<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<(), StorageError> {
        self.stored_graph(transaction, graph, -1)
    }

    /// Adds what `graph` contributes now (after it is written).
    pub(super) fn add_stored_graph(
        &mut self,
        transaction: &Transaction<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<(), StorageError> {
        self.stored_graph(transaction, graph, 1)
    }

    fn stored_graph(
        &mut self,
        transaction: &Transaction<'_>,
        graph: GraphNameRef<'_>,
        sign: i64,
    ) -> Result<(), StorageError> {
        if let GraphNameRef::NamedNode(graph) = graph {
            let contribution = self.terms.stored_contribution(transaction, graph)?;
            self.add(contribution, sign);
        }
        Ok(())
    }

    /// Adds what `quads`, written to `graph`, contribute.
    pub(super) fn add_quads(&mut self, graph: GraphNameRef<'_>, quads: &[Quad]) {
        if let GraphNameRef::NamedNode(graph) = graph {
            let contribution = self.terms.written_contribution(graph, quads);
            self.add(contribution, 1);
        }
    }

    fn add(&mut self, contribution: Contribution, sign: i64) {
        for (edge, instances) in contribution.edges {
            let delta = self.edges.entry(edge).or_default();
            delta.articles += sign;
            delta.instances += sign * instances as i64;
            widen(
                if sign > 0 {
                    &mut delta.added
                } else {
                    &mut delta.removed
                },
                &contribution.date,
            );
        }
    }

    /// Writes the changed summary nodes (the article graphs already hold
    /// what they will hold).
    pub(super) fn apply(self, transaction: &mut Transaction<'_>) -> Result<(), StorageError> {
        if self.edges.is_empty() {
            return Ok(());
        }
        let terms = &self.terms;
        let graph = graph_name(transaction, terms)?.unwrap_or_else(default_graph_name);
        declare(transaction, terms, graph.as_ref());
        for (edge, delta) in self.edges {
            if delta.articles == 0 && delta.instances == 0 && delta.removed == delta.added {
                continue;
            }
            let node = node_of(graph.as_ref(), &edge);
            let old = Summary::read(transaction, terms, graph.as_ref(), &node)?;
            let mut new = Summary {
                articles: old.articles + delta.articles,
                instances: old.instances + delta.instances,
                dates: old.dates.clone(),
            };
            let lost_an_end = match (&delta.removed, &old.dates) {
                (Some((gone_first, gone_last)), Some((first, last))) => {
                    gone_first <= first || gone_last >= last
                }
                _ => false,
            };
            if lost_an_end {
                new.dates = dates_of(transaction, terms, &edge)?;
            } else if let Some((first, last)) = &delta.added {
                widen(&mut new.dates, &Some(first.clone()));
                widen(&mut new.dates, &Some(last.clone()));
            }
            for quad in old.quads(terms, graph.as_ref(), &node, &edge) {
                transaction.remove(&quad);
            }
            transaction.extend(&new.quads(terms, graph.as_ref(), &node, &edge));
        }
        Ok(())
    }
}

/// What a summary node says.
#[derive(Debug, Default, Clone)]
struct Summary {
    articles: i64,
    instances: i64,
    dates: Option<(String, String)>,
}

impl Summary {
    fn read(
        transaction: &Transaction<'_>,
        terms: &Terms,
        graph: NamedNodeRef<'_>,
        node: &NamedNode,
    ) -> Result<Summary, StorageError> {
        let value = |predicate: &NamedNode| -> Result<Option<String>, StorageError> {
            match transaction
                .quads_for_pattern(
                    Some(node.as_ref().into()),
                    Some(predicate.as_ref()),
                    None,
                    Some(graph.into()),
                )
                .next()
            {
                Some(quad) => Ok(match quad?.object {
                    Term::Literal(literal) => Some(literal.value().to_owned()),
                    _ => None,
                }),
                None => Ok(None),
            }
        };
        let count = |predicate| -> Result<i64, StorageError> {
            Ok(value(predicate)?.and_then(|v| v.parse().ok()).unwrap_or(0))
        };
        Ok(Summary {
            articles: count(&terms.article_count)?,
            instances: count(&terms.instance_count)?,
            dates: value(&terms.first_date)?.zip(value(&terms.last_date)?),
        })
    }

    /// The node's quads (none for an edge no article states).
    fn quads(
        &self,
        terms: &Terms,
        graph: NamedNodeRef<'_>,
        node: &NamedNode,
        (subject, predicate, object): &Edge,
    ) -> Vec<Quad> {
        if self.articles <= 0 {
            return Vec::new();
        }
        let in_summary = GraphName::NamedNode(graph.into_owned());
        let quad = |property: &NamedNode, value: Term| {
            Quad::new(node.clone(), property.clone(), value, in_summary.clone())
        };
        let count =
            |value: i64| Term::from(Literal::new_typed_literal(value.to_string(), xsd::INTEGER));
        let mut quads = vec![
            quad(&rdf::TYPE.into_owned(), terms.edge_class.clone().into()),
            quad(&terms.source, subject.clone().into()),
            quad(&terms.relation, predicate.clone().into()),
            quad(&terms.target, object.clone()),
            quad(&terms.article_count, count(self.articles)),
            quad(&terms.instance_count, count(self.instances)),
        ];
        if let Some((first, last)) = &self.dates {
            let date = |value: &str| Term::from(Literal::new_typed_literal(value, xsd::DATE));
            quads.push(quad(&terms.first_date, date(first)));
            quads.push(quad(&terms.last_date, date(last)));
        }
        quads
    }
}

/// The first and last date of the articles that state `edge` now.
fn dates_of(
    transaction: &Transaction<'_>,
    terms: &Terms,
    (subject, predicate, object): &Edge,
) -> Result<Option<(String, String)>, StorageError> {
    let mut dates = None;
    for quad in transaction.quads_for_pattern(
        Some(subject.as_ref()),
        Some(predicate.as_ref()),
        Some(object.as_ref()),
        None,
    ) {
        let GraphName::NamedNode(article) = quad?.graph_name else {
            continue;
        };
        let in_article = GraphNameRef::NamedNode(article.as_ref());
        if !transaction.contains(QuadRef::new(
            &article,
            rdf::TYPE,
            &terms.news_article,
            in_article,
        ))? {
            continue;
        }
        for quad in transaction.quads_for_pattern(
            Some(article.as_ref().into()),
            Some(terms.date.as_ref()),
            None,
            Some(in_article),
        ) {
            if let Term::Literal(literal) = quad?.object
                && literal.datatype() == xsd::DATE
            {
                widen(&mut dates, &Some(literal.value().to_owned()));
                break;
            }
        }
    }
    Ok(dates)
}

/// A summary added up from article graphs as they are written: what a bulk
/// load into an empty store writes once it is committed, with no pass over
/// the store.
pub struct SummaryBuilder {
    terms: Terms,
    summaries: HashMap<Edge, Summary>,
}

impl Default for SummaryBuilder {
    fn default() -> SummaryBuilder {
        SummaryBuilder {
            terms: Terms::new(),
            summaries: HashMap::new(),
        }
    }
}

impl std::fmt::Debug for SummaryBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SummaryBuilder")
            .field("edges", &self.summaries.len())
            .finish()
    }
}

impl SummaryBuilder {
    /// Adds the article graph `graph` (its quads outside it are ignored).
    pub fn add(&mut self, graph: NamedNodeRef<'_>, quads: &[Quad]) {
        let contribution = self.terms.written_contribution(graph, quads);
        self.add_contribution(contribution);
    }

    fn add_contribution(&mut self, contribution: Contribution) {
        for (edge, instances) in contribution.edges {
            let summary = self.summaries.entry(edge).or_default();
            summary.articles += 1;
            summary.instances += instances as i64;
            widen(&mut summary.dates, &contribution.date);
        }
    }

    /// Replaces the store's summary by this one, named `name`.
    pub(super) fn write(
        &self,
        transaction: &mut Transaction<'_>,
        name: Option<NamedNodeRef<'_>>,
    ) -> Result<(), StorageError> {
        let terms = &self.terms;
        let existing = graph_name(transaction, terms)?;
        let graph = name
            .map(NamedNodeRef::into_owned)
            .or_else(|| existing.clone())
            .unwrap_or_else(default_graph_name);
        if let Some(existing) = &existing {
            transaction.clear_graph(existing.as_ref())?;
        }
        transaction.clear_graph(graph.as_ref())?;
        transaction.extend(&self.quads(graph.as_ref()));
        Ok(())
    }

    /// The whole summary graph `graph`, its declaration first: what a bulk
    /// build hands its loader with the article graphs, so that both are
    /// committed together.
    pub fn quads(&self, graph: NamedNodeRef<'_>) -> Vec<Quad> {
        let terms = &self.terms;
        let mut quads = vec![Quad::new(
            graph.into_owned(),
            rdf::TYPE.into_owned(),
            terms.summary_class.clone(),
            GraphName::NamedNode(graph.into_owned()),
        )];
        for (edge, summary) in &self.summaries {
            let node = node_of(graph, edge);
            quads.extend(summary.quads(terms, graph, &node, edge));
        }
        quads
    }
}

/// Writes the whole summary anew from every article graph, naming its
/// graph `name` (else the name it has, else the default).
pub(super) fn rebuild(
    transaction: &mut Transaction<'_>,
    name: Option<NamedNodeRef<'_>>,
) -> Result<(), StorageError> {
    let mut builder = SummaryBuilder::default();
    let graphs: Vec<NamedOrBlankNode> = transaction.named_graphs().collect::<Result<_, _>>()?;
    for article in graphs {
        if let NamedOrBlankNode::NamedNode(article) = article {
            let contribution = builder
                .terms
                .stored_contribution(transaction, article.as_ref())?;
            builder.add_contribution(contribution);
        }
    }
    builder.write(transaction, name)
}

/// The store's summary graph, if it has one.
pub(super) fn name(store: &Store) -> Result<Option<NamedNode>, StorageError> {
    let terms = Terms::new();
    let declarations = store.quads_for_pattern(
        None,
        Some(rdf::TYPE),
        Some(terms.summary_class.as_ref().into()),
        None,
    );
    self_declared(declarations)
}

/// The graph that declares itself the summary (`G a ng:Summary` in G).
fn graph_name(
    transaction: &Transaction<'_>,
    terms: &Terms,
) -> Result<Option<NamedNode>, StorageError> {
    self_declared(transaction.quads_for_pattern(
        None,
        Some(rdf::TYPE),
        Some(terms.summary_class.as_ref().into()),
        None,
    ))
}

/// Among `G a ng:Summary` quads, the first in G itself.
fn self_declared(
    declarations: impl Iterator<Item = Result<Quad, StorageError>>,
) -> Result<Option<NamedNode>, StorageError> {
    for quad in declarations {
        let quad = quad?;
        if let (NamedOrBlankNode::NamedNode(node), GraphName::NamedNode(graph)) =
            (&quad.subject, &quad.graph_name)
            && node == graph
        {
            return Ok(Some(graph.clone()));
        }
    }
    Ok(None)
}

fn declare(transaction: &mut Transaction<'_>, terms: &Terms, graph: NamedNodeRef<'_>) {
    transaction.insert(QuadRef::new(graph, rdf::TYPE, &terms.summary_class, graph));
}

/// An edge's summary node: the summary graph's IRI, `/`, and a hash of the
/// edge's three terms, so that it is the same on every build.
fn node_of(graph: NamedNodeRef<'_>, (subject, predicate, object): &Edge) -> NamedNode {
    let mut hasher = Sha256::new();
    hasher.update(subject.to_string());
    hasher.update("\u{0}");
    hasher.update(predicate.as_str());
    hasher.update("\u{0}");
    hasher.update(object.to_string());
    let digest = hasher.finalize();
    let mut iri = format!("{}/", graph.as_str());
    for byte in &digest[..12] {
        iri.push_str(&format!("{byte:02x}"));
    }
    NamedNode::new_unchecked(iri)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iri(text: &str) -> NamedNode {
        NamedNode::new_unchecked(text)
    }

    #[test]
    fn an_edge_count_counts_its_instances_beside_the_reified_ones() {
        let terms = Terms::new();
        let article = iri("https://example.org/doc/a");
        let (pakistan, taliban) = (iri("https://example.org/P"), iri("https://example.org/T"));
        let accuses = ng("accuses");
        let count = iri("https://example.org/doc/a/edge/1");
        let instance = iri("https://example.org/doc/a/relation/1");
        let graph = GraphName::NamedNode(article.clone());
        let quad = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
            Quad::new(s.clone(), p.into_owned(), o, graph.clone())
        };
        let integer = |n: &str| Term::from(Literal::new_typed_literal(n, xsd::INTEGER));
        let quads = vec![
            quad(&article, rdf::TYPE, terms.news_article.clone().into()),
            quad(&pakistan, accuses.as_ref(), taliban.clone().into()),
            quad(&count, terms.source.as_ref(), pakistan.clone().into()),
            quad(&count, terms.relation.as_ref(), accuses.clone().into()),
            quad(&count, terms.target.as_ref(), taliban.clone().into()),
            quad(&count, terms.instance_count.as_ref(), integer("3")),
            quad(&instance, rdf::SUBJECT, pakistan.clone().into()),
            quad(&instance, rdf::PREDICATE, accuses.clone().into()),
            quad(&instance, rdf::OBJECT, taliban.clone().into()),
            quad(
                &instance,
                terms.modality.as_ref(),
                terms.asserted.clone().into(),
            ),
        ];
        let contribution = terms.written_contribution(article.as_ref(), &quads);
        let edge: Edge = (pakistan.into(), accuses, taliban.into());
        assert_eq!(contribution.edges.get(&edge), Some(&4), "{contribution:?}");
        // Without its direct edge, a count counts nothing.
        let contribution =
            terms.written_contribution(article.as_ref(), &[&quads[..1], &quads[2..6]].concat());
        assert!(contribution.edges.is_empty(), "{contribution:?}");
    }
}

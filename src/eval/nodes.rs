//! The graph as score.py reads it: each node's properties, and the gold
//! entity or document a node is.
//!
//! Pure: built from quads and the gold tables already read. Matching
//! follows score.py (a Wikidata `sameAs`, else a label) and then two
//! fallbacks of newsgraph's own (the last segment of an entity IRI, a gold
//! alias), which it records so that the report can say so.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};

use oxrdf::{NamedOrBlankNode, Quad, Term};

use super::gold::{Gold, Row};
use crate::vocab;

// The predicates score.py accepts for each role, in every spelling it
// accepts (schema.org over http and https).
const SAME_AS: [&str; 4] = [
    "http://www.w3.org/2002/07/owl#sameAs",
    "http://www.w3.org/2004/02/skos/core#exactMatch",
    "http://schema.org/sameAs",
    "https://schema.org/sameAs",
];
const LABELS: [&str; 4] = [
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://schema.org/name",
    "https://schema.org/name",
];
const IDENTIFIER: [&str; 3] = [
    "http://purl.org/dc/terms/identifier",
    "http://schema.org/identifier",
    "https://schema.org/identifier",
];
/// The beginnings of a Wikidata item's IRI score.py strips to its Q-id.
const WIKIDATA_ENTITY: [&str; 6] = [
    "http://www.wikidata.org/entity/",
    "https://www.wikidata.org/entity/",
    "http://wikidata.org/entity/",
    "https://wikidata.org/entity/",
    "https://www.wikidata.org/wiki/",
    "http://www.wikidata.org/wiki/",
];

/// A triple as score.py keys it: (subject, predicate, object).
pub(super) type TripleKey = (String, String, String);

/// A label as score.py compares them: lowercase ASCII letters and digits.
pub(super) fn norm_label(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        .collect()
}

/// A node as score.py keys it: IRIs and blank nodes by their string.
pub(super) fn node_key(node: &NamedOrBlankNode) -> String {
    match node {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

/// An object as [`node_key`] keys it; `None` for a literal.
pub(super) fn term_key(term: &Term) -> Option<String> {
    match term {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

/// The gold aliases (entities.tsv's `aliases`, `|`-separated) that name
/// exactly one entity and are no entity's id or label.
fn aliases(entities: &[Row]) -> HashMap<String, &str> {
    let names: HashSet<String> = entities
        .iter()
        .flat_map(|e| [norm_label(e.field("id")), norm_label(e.field("label"))])
        .collect();
    let mut owners: HashMap<String, HashSet<&str>> = HashMap::new();
    for entity in entities {
        for alias in entity.field("aliases").split('|') {
            let alias = norm_label(alias);
            if !alias.is_empty() && !names.contains(&alias) {
                owners.entry(alias).or_default().insert(entity.field("id"));
            }
        }
    }
    owners
        .into_iter()
        .filter(|(_, ids)| ids.len() == 1)
        .filter_map(|(alias, ids)| Some((alias, *ids.iter().next()?)))
        .collect()
}

/// The graph's nodes as score.py reads them, and the gold entity each names.
pub(super) struct Nodes<'a> {
    /// node -> (predicate, object), in file order as score.py builds it.
    pub(super) props: HashMap<String, Vec<(String, &'a Term)>>,
    by_qid: HashMap<&'a str, &'a str>,
    by_label: HashMap<String, &'a str>,
    /// Every entity id the gold uses, defined in entities.tsv or not.
    ids: HashSet<&'a str>,
    /// Gold aliases that name one entity only.
    by_alias: HashMap<String, &'a str>,
    /// Nodes matched by IRI or alias: (node, id, how), for the warnings.
    pub(super) fallbacks: RefCell<BTreeSet<(String, String, &'static str)>>,
}

impl<'a> Nodes<'a> {
    pub(super) fn new(quads: &'a [Quad], gold: &'a Gold) -> Nodes<'a> {
        let entities = &gold.entities;
        let by_qid = entities
            .iter()
            .filter(|e| !e.field("wikidata").is_empty())
            .map(|e| (e.field("wikidata"), e.field("id")))
            .collect();
        let mut by_label = HashMap::new();
        for entity in entities {
            for name in [entity.field("id"), entity.field("label")] {
                by_label.insert(norm_label(name), entity.field("id"));
            }
        }
        let mut props: HashMap<String, Vec<(String, &Term)>> = HashMap::new();
        for quad in quads {
            props
                .entry(node_key(&quad.subject))
                .or_default()
                .push((quad.predicate.as_str().to_owned(), &quad.object));
        }
        Nodes {
            props,
            by_qid,
            by_label,
            ids: gold.ids().map(|(_, _, id)| id).collect(),
            by_alias: aliases(entities),
            fallbacks: Default::default(),
        }
    }

    /// The gold entity a node is: by a Wikidata `sameAs`, else by a label
    /// (as score.py matches), else by the last segment of its IRI where that
    /// is a gold id (newsgraph's entity IRIs end in the rules' id), else by
    /// a label that is one entity's gold alias.
    fn gold_id(&self, node: &str) -> Option<String> {
        self.scored_id(node).or_else(|| self.fallback_id(node))
    }

    fn fallback_id(&self, node: &str) -> Option<String> {
        let by_iri = node
            .rsplit('/')
            .next()
            .filter(|last| !last.is_empty() && self.ids.contains(last))
            .map(|id| (id.to_owned(), "its IRI"));
        let by_alias = || {
            self.props
                .get(node)?
                .iter()
                .find_map(|(predicate, object)| match object {
                    Term::Literal(literal) if LABELS.contains(&predicate.as_str()) => self
                        .by_alias
                        .get(&norm_label(literal.value()))
                        .map(|id| (id.to_string(), "a gold alias")),
                    _ => None,
                })
        };
        let (id, how) = by_iri.or_else(by_alias)?;
        self.fallbacks
            .borrow_mut()
            .insert((node.to_owned(), id.clone(), how));
        Some(id)
    }

    fn scored_id(&self, node: &str) -> Option<String> {
        let entries = self.props.get(node)?;
        for (predicate, object) in entries {
            if SAME_AS.contains(&predicate.as_str()) {
                if let Term::NamedNode(n) = object {
                    let iri = n.as_str();
                    let qid = WIKIDATA_ENTITY
                        .iter()
                        .find_map(|prefix| iri.strip_prefix(prefix));
                    if let Some(id) = qid.and_then(|q| self.by_qid.get(q)) {
                        return Some(id.to_string());
                    }
                }
            }
        }
        for (predicate, object) in entries {
            if LABELS.contains(&predicate.as_str()) {
                if let Term::Literal(literal) = object {
                    if let Some(id) = self.by_label.get(&norm_label(literal.value())) {
                        return Some(id.to_string());
                    }
                }
            }
        }
        None
    }

    /// The document a node (an article graph) is, by its identifier.
    pub(super) fn doc_id(&self, node: &str) -> Option<String> {
        for (predicate, object) in self.props.get(node)? {
            if IDENTIFIER.contains(&predicate.as_str()) {
                if let Term::Literal(literal) = object {
                    let value = literal.value();
                    return Some(value.strip_suffix(".txt").unwrap_or(value).to_owned());
                }
            }
        }
        None
    }

    /// The gold id of a node, else the node in angle brackets.
    pub(super) fn name(&self, node: &str) -> String {
        self.gold_id(node).unwrap_or_else(|| format!("<{node}>"))
    }

    /// The reifying nodes of each (subject, predicate, object).
    pub(super) fn statements(&self) -> HashMap<TripleKey, Vec<&str>> {
        let rdf = |local: &str| format!("{}{local}", vocab::RDF);
        let mut statements: HashMap<TripleKey, Vec<&str>> = HashMap::new();
        for (node, entries) in &self.props {
            let first = |p: &str| {
                entries
                    .iter()
                    .find(|(predicate, _)| *predicate == p)
                    .and_then(|(_, o)| term_key(o))
            };
            if let (Some(s), Some(p), Some(o)) = (
                first(&rdf("subject")),
                first(&rdf("predicate")),
                first(&rdf("object")),
            ) {
                statements.entry((s, p, o)).or_default().push(node.as_str());
            }
        }
        statements
    }
}

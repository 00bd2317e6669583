//! Scoring, pure: the gold tables and the graph's quads in, a [`Score`]
//! out, with score.py's definitions (its `score_sets` for relations per
//! predicate, roles over the whole graph, mentions per document, and
//! evidence as a reifying node, or a node it points to, citing a gold
//! phrase).

use std::collections::{BTreeSet, HashMap, HashSet};

use oxrdf::{GraphName, Quad, Term};

use super::gold::{Gold, Row};
use super::nodes::{Nodes, TripleKey, node_key, term_key};
use super::{EvalWarning, Score};
use crate::vocab;

const RELATIONS: [&str; 4] = ["mediates", "accuses", "demands", "rejects"];

/// A relation as score.py keys it: (doc, subject, predicate, object).
type Key = (String, String, String, String);

/// A pair as score.py keys roles (person, actor) and mentions (doc, entity).
type Pair = (String, String);

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or("")
}

/// Evidence text as score.py compares it: curly quotes made straight,
/// white space folded, lowercase.
fn norm_text(text: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}' => '"',
            other => other,
        })
        .collect();
    replaced
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What one table scores to, each list in key order.
struct Sets<K> {
    true_positives: Vec<K>,
    /// Found, and in neither the required nor the optional gold rows.
    false_positives: Vec<K>,
    /// Required, and not found.
    misses: Vec<K>,
}

impl<K> Sets<K> {
    fn counts(&self) -> (usize, usize, usize) {
        (
            self.true_positives.len(),
            self.false_positives.len(),
            self.misses.len(),
        )
    }
}

/// score.py's `score_sets`: `found` against the gold `rows`, each keyed by
/// `key`; a row is required when its status says so, optional otherwise.
fn score_sets<'r, K: Ord + Clone>(
    found: &BTreeSet<K>,
    rows: impl Iterator<Item = &'r Row>,
    key: impl Fn(&Row) -> K,
) -> Sets<K> {
    let (mut required, mut optional) = (BTreeSet::new(), BTreeSet::new());
    for row in rows {
        if row.field("status") == "required" {
            required.insert(key(row));
        } else {
            optional.insert(key(row));
        }
    }
    Sets {
        true_positives: found.intersection(&required).cloned().collect(),
        false_positives: found
            .iter()
            .filter(|k| !required.contains(*k) && !optional.contains(*k))
            .cloned()
            .collect(),
        misses: required.difference(found).cloned().collect(),
    }
}

/// The relations the graph states about the gold's documents, and for each
/// the triple (subject, predicate, object) that states it.
fn found_relations(
    quads: &[Quad],
    nodes: &Nodes,
    docs: &HashSet<&str>,
) -> (BTreeSet<Key>, HashMap<Key, TripleKey>) {
    let mut found: BTreeSet<Key> = BTreeSet::new();
    let mut where_found: HashMap<Key, TripleKey> = HashMap::new();
    for quad in quads {
        let predicate = local(quad.predicate.as_str());
        let Some(object) = term_key(&quad.object) else {
            continue;
        };
        if !RELATIONS.contains(&predicate) {
            continue;
        }
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            continue;
        };
        let Some(doc) = nodes.doc_id(graph.as_str()) else {
            continue;
        };
        if !docs.contains(doc.as_str()) {
            continue;
        }
        let subject = node_key(&quad.subject);
        let key = (
            doc,
            nodes.name(&subject),
            predicate.to_owned(),
            nodes.name(&object),
        );
        found.insert(key.clone());
        where_found.insert(key, (subject, quad.predicate.as_str().to_owned(), object));
    }
    (found, where_found)
}

fn relation_key(row: &Row) -> Key {
    (
        row.field("doc").to_owned(),
        row.field("subject").to_owned(),
        row.field("predicate").to_owned(),
        row.field("object").to_owned(),
    )
}

/// The relations scored per predicate and over all; the counts of each go
/// into `result`, the sets over all are returned.
fn score_relations(found: &BTreeSet<Key>, gold_relations: &[Row], result: &mut Score) -> Sets<Key> {
    for relation in RELATIONS {
        let found_here = found
            .iter()
            .filter(|key| key.2 == relation)
            .cloned()
            .collect();
        let rows_here = gold_relations
            .iter()
            .filter(|row| row.field("predicate") == relation);
        let (tp, fp, fn_) = score_sets(&found_here, rows_here, relation_key).counts();
        result.relations.push((relation.to_owned(), tp, fp, fn_));
    }
    let all = score_sets(found, gold_relations.iter(), relation_key);
    let (tp, fp, fn_) = all.counts();
    result.relations.push(("all".to_owned(), tp, fp, fn_));
    all
}

/// The reifying nodes of a triple and the nodes they point to (a sentence
/// node, a selector), as score.py's `evidence_nodes` walks them: one hop,
/// along any predicate but the reification's and `rdf:type`.
fn evidence_nodes<'n>(instances: &'n [&'n str], nodes: &'n Nodes<'_>) -> Vec<&'n str> {
    const SKIP: [&str; 4] = ["subject", "predicate", "object", "type"];
    let mut out = Vec::new();
    for &node in instances {
        out.push(node);
        for (predicate, object) in &nodes.props[node] {
            let skipped = predicate
                .strip_prefix(vocab::RDF)
                .is_some_and(|local| SKIP.contains(&local));
            if skipped {
                continue;
            }
            if let Some(target) = term_key(object)
                && let Some((key, _)) = nodes.props.get_key_value(&target)
            {
                out.push(key.as_str());
            }
        }
    }
    out
}

/// The true positives none of whose reifying nodes, nor the nodes they
/// point to, holds a gold phrase.
fn without_evidence(
    true_positives: &[Key],
    where_found: &HashMap<Key, TripleKey>,
    nodes: &Nodes,
    gold_relations: &[Row],
) -> Vec<Key> {
    let evidence: HashMap<Key, Vec<String>> = gold_relations
        .iter()
        .map(|r| {
            (
                relation_key(r),
                r.field("evidence").split('|').map(norm_text).collect(),
            )
        })
        .collect();
    let statements = nodes.statements();
    let mut missing = Vec::new();
    for key in true_positives {
        let triple = &where_found[key];
        let instances = statements.get(triple).map(Vec::as_slice).unwrap_or(&[]);
        let literals: Vec<String> = evidence_nodes(instances, nodes)
            .into_iter()
            .flat_map(|node| nodes.props[node].iter())
            .filter_map(|(_, object)| match object {
                Term::Literal(literal) => Some(norm_text(literal.value())),
                _ => None,
            })
            .collect();
        let phrases = evidence.get(key).cloned().unwrap_or_default();
        let cited = phrases.iter().any(|phrase| {
            literals
                .iter()
                .any(|literal| literal.contains(phrase.as_str()))
        });
        if !cited {
            missing.push(key.clone());
        }
    }
    missing
}

/// Roles over the whole graph: who represents whom, for the gold's people.
fn score_roles(quads: &[Quad], nodes: &Nodes, gold: &Gold) -> Sets<Pair> {
    let people: HashSet<&str> = gold.roles.iter().map(|r| r.field("person")).collect();
    let found: BTreeSet<Pair> = quads
        .iter()
        .filter(|q| local(q.predicate.as_str()) == "represents")
        .filter_map(|q| {
            Some((
                nodes.name(&node_key(&q.subject)),
                nodes.name(&term_key(&q.object)?),
            ))
        })
        .filter(|(person, _)| people.contains(person.as_str()))
        .collect();
    score_sets(&found, gold.roles.iter(), |r| {
        (r.field("person").to_owned(), r.field("actor").to_owned())
    })
}

/// Mentions per document, for the gold's documents.
fn score_mentions(quads: &[Quad], nodes: &Nodes, gold: &Gold, docs: &HashSet<&str>) -> Sets<Pair> {
    let found: BTreeSet<Pair> = quads
        .iter()
        .filter(|q| local(q.predicate.as_str()) == "mentions")
        .filter_map(|q| {
            Some((
                nodes.doc_id(&node_key(&q.subject))?,
                nodes.name(&term_key(&q.object)?),
            ))
        })
        .filter(|(doc, _)| docs.contains(doc.as_str()))
        .collect();
    score_sets(&found, gold.mentions.iter(), |m| {
        (m.field("doc").to_owned(), m.field("entity").to_owned())
    })
}

/// Scores `quads` against `gold`.
pub(super) fn score(gold: &Gold, quads: &[Quad]) -> Score {
    let nodes = Nodes::new(quads, gold);
    let docs = gold.docs();
    let mut result = Score::default();

    let (found, where_found) = found_relations(quads, &nodes, &docs);
    let relations = score_relations(&found, &gold.relations, &mut result);
    // Evidence: a reifying node of the found triple holding a gold phrase.
    let true_positives = &relations.true_positives;
    let evidence_missing = without_evidence(true_positives, &where_found, &nodes, &gold.relations);
    result.evidence_total = true_positives.len();
    result.evidence_hits = true_positives.len() - evidence_missing.len();

    let roles = score_roles(quads, &nodes, gold);
    result.roles = roles.counts();
    let mentions = score_mentions(quads, &nodes, gold, &docs);
    result.mentions = mentions.counts();

    result.details = details(&relations, &evidence_missing, &roles, &mentions);
    result.warnings = warnings(gold, &nodes, quads);
    result
}

/// Misses and false positives, for `-v`, in score.py's order.
fn details(
    relations: &Sets<Key>,
    evidence_missing: &[Key],
    roles: &Sets<Pair>,
    mentions: &Sets<Pair>,
) -> Vec<String> {
    let join = |k: &Key| format!("{} {} {} {}", k.0, k.1, k.2, k.3);
    let pair = |k: &Pair| format!("{} {}", k.0, k.1);
    let listed = |what: &str, keys: &[Pair]| -> Vec<String> {
        keys.iter()
            .map(|k| format!("{what}: {}", pair(k)))
            .collect()
    };
    let mut details: Vec<String> = relations
        .misses
        .iter()
        .map(|k| format!("missed: {}", join(k)))
        .chain(
            relations
                .false_positives
                .iter()
                .map(|k| format!("spurious: {}", join(k))),
        )
        .chain(
            evidence_missing
                .iter()
                .map(|k| format!("no evidence: {}", join(k))),
        )
        .collect();
    details.extend(listed("missed role", &roles.misses));
    details.extend(listed("spurious role", &roles.false_positives));
    details.extend(listed("missed mention", &mentions.misses));
    details.extend(listed("spurious mention", &mentions.false_positives));
    details
}

/// Ids the gold uses but does not define, gold documents the graph lacks,
/// and the graph entities matched only by IRI or alias.
fn warnings(gold: &Gold, nodes: &Nodes, quads: &[Quad]) -> Vec<EvalWarning> {
    let defined: HashSet<&str> = gold.entities.iter().map(|e| e.field("id")).collect();
    let mut warnings = BTreeSet::new();
    let mut reported = HashSet::new();
    for (file, line, id) in gold.ids() {
        if !defined.contains(id) && reported.insert(id) {
            warnings.insert(EvalWarning::UndefinedId {
                file: file.to_owned(),
                line,
                id: id.to_owned(),
            });
        }
    }
    let graphs: HashSet<&str> = quads
        .iter()
        .filter_map(|quad| match &quad.graph_name {
            GraphName::NamedNode(graph) => Some(graph.as_str()),
            _ => None,
        })
        .collect();
    let in_graph: HashSet<String> = graphs
        .into_iter()
        .filter_map(|graph| nodes.doc_id(graph))
        .collect();
    for doc in gold.docs() {
        if !in_graph.contains(doc) {
            warnings.insert(EvalWarning::MissingDocument(doc.to_owned()));
        }
    }
    for (node, id, how) in nodes.fallbacks.borrow().iter() {
        warnings.insert(EvalWarning::MatchedBy {
            node: node.clone(),
            id: id.clone(),
            how,
        });
    }
    warnings.into_iter().collect()
}

//! Scoring a graph against gold annotations in the format of the project's
//! `gold/` folder (entities.tsv, relations.tsv, roles.tsv, mentions.tsv),
//! with the same definitions and the same printed figures as `score.py`.
//!
//! It reads the gold folder and takes the graph as quads; it does not open
//! stores or print.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use oxrdf::{GraphName, NamedOrBlankNode, Quad, Term};

const RELATIONS: [&str; 4] = ["mediates", "accuses", "demands", "rejects"];
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
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

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("{path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// A row of a gold table: its cells by column, and its line in the file.
struct Row {
    cells: HashMap<String, String>,
    line: usize,
}

fn read_tsv(folder: &Path, name: &str) -> Result<Vec<Row>, EvalError> {
    let path = folder.join(name);
    let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let mut rows = Vec::new();
    for (index, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() > header.len() {
            return Err(EvalError::Format {
                path,
                line: index + 2,
                message: format!("{} cells for {} columns", cells.len(), header.len()),
            });
        }
        rows.push(Row {
            cells: header
                .iter()
                .enumerate()
                .map(|(i, column)| (column.to_string(), cells.get(i).unwrap_or(&"").to_string()))
                .collect(),
            line: index + 2,
        });
    }
    Ok(rows)
}

fn field<'r>(row: &'r Row, column: &str) -> &'r str {
    row.cells.get(column).map_or("", String::as_str)
}

/// The gold aliases (entities.tsv's `aliases`, `|`-separated) that name
/// exactly one entity and are no entity's id or label.
fn aliases(entities: &[Row]) -> HashMap<String, &str> {
    let names: HashSet<String> = entities
        .iter()
        .flat_map(|e| [norm_label(field(e, "id")), norm_label(field(e, "label"))])
        .collect();
    let mut owners: HashMap<String, HashSet<&str>> = HashMap::new();
    for entity in entities {
        for alias in field(entity, "aliases").split('|') {
            let alias = norm_label(alias);
            if !alias.is_empty() && !names.contains(&alias) {
                owners.entry(alias).or_default().insert(field(entity, "id"));
            }
        }
    }
    owners
        .into_iter()
        .filter(|(_, ids)| ids.len() == 1)
        .filter_map(|(alias, ids)| Some((alias, *ids.iter().next()?)))
        .collect()
}

/// The figures of one scoring run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Per relation and "all": (name, tp, fp, fn).
    pub relations: Vec<(String, usize, usize, usize)>,
    pub roles: (usize, usize, usize),
    pub mentions: (usize, usize, usize),
    pub evidence_hits: usize,
    pub evidence_total: usize,
    /// Misses and false positives, for `-v`, as score.py lists them.
    pub details: Vec<String>,
    /// What in the gold or the graph did not line up, each once.
    pub warnings: Vec<EvalWarning>,
}

/// Something the scoring noticed and a user should know: the figures are
/// still computed, but may not mean what they seem.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EvalWarning {
    /// A gold table names an entity id that entities.tsv does not define.
    UndefinedId {
        file: String,
        line: usize,
        id: String,
    },
    /// A document the gold annotates is not in the graph.
    MissingDocument(String),
    /// A graph entity matched a gold id by the last segment of its IRI
    /// (the rules' id) or by a gold alias, not by Wikidata id or label:
    /// score.py leaves it unmatched.
    MatchedBy {
        node: String,
        id: String,
        how: &'static str,
    },
}

impl std::fmt::Display for EvalWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalWarning::UndefinedId { file, line, id } => {
                write!(f, "{file}:{line}: entity id `{id}` is not in entities.tsv")
            }
            EvalWarning::MissingDocument(doc) => {
                write!(
                    f,
                    "gold document `{doc}` is not in the graph: all its relations count as missed"
                )
            }
            EvalWarning::MatchedBy { node, id, how } => write!(
                f,
                "<{node}> matched gold entity `{id}` by {how} (score.py matches only Wikidata ids and labels)"
            ),
        }
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Score {
    pub fn relation_f1(&self) -> f64 {
        let all = self
            .relations
            .last()
            .map_or((0, 0, 0), |(_, tp, fp, fn_)| (*tp, *fp, *fn_));
        prf(all.0, all.1, all.2).2
    }

    /// The report, line for line as score.py prints it.
    pub fn report(&self, verbose: bool) -> String {
        let mut out = String::from("relation   tp  fp  fn  precision recall  F1\n");
        for (name, tp, fp, fn_) in &self.relations {
            let (p, r, f) = prf(*tp, *fp, *fn_);
            let _ = writeln!(out, "{name:9} {tp:4}{fp:4}{fn_:4}  {p:9.3} {r:6.3} {f:5.3}");
        }
        let (rt, rf, rn) = self.roles;
        let (role_p, role_r, role_f) = prf(rt, rf, rn);
        let (mt, mf, mn) = self.mentions;
        let (men_p, men_r, men_f) = prf(mt, mf, mn);
        let _ = writeln!(
            out,
            "roles      {rt:4}{rf:4}{rn:4}  {role_p:9.3} {role_r:6.3} {role_f:5.3}"
        );
        let _ = writeln!(
            out,
            "mentions   {mt:4}{mf:4}{mn:4}  {men_p:9.3} {men_r:6.3} {men_f:5.3}"
        );
        let _ = writeln!(
            out,
            "evidence: {} of {} relations found cite a sentence holding the gold evidence",
            self.evidence_hits, self.evidence_total
        );
        if verbose {
            for line in &self.details {
                let _ = writeln!(out, "  {line}");
            }
        }
        let all = self
            .relations
            .last()
            .map_or((0, 0, 0), |(_, tp, fp, fn_)| (*tp, *fp, *fn_));
        let (rel_p, rel_r, rel_f) = prf(all.0, all.1, all.2);
        let ev = if self.evidence_total > 0 {
            self.evidence_hits as f64 / self.evidence_total as f64
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "relations F1={rel_f:.3} P={rel_p:.3} R={rel_r:.3} roles F1={role_f:.3} mentions F1={men_f:.3} evidence={ev:.3}"
        );
        out
    }
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or("")
}

fn norm_label(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        .collect()
}

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

/// A node as score.py keys it: IRIs and blank nodes by their string.
fn node_key(node: &NamedOrBlankNode) -> String {
    match node {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn term_key(term: &Term) -> Option<String> {
    match term {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

/// score.py's `score_sets`: the true positives among `found`, the false
/// positives (in neither the required nor the optional gold rows) and the
/// misses (required, not found).
fn split<K: Ord + Clone>(
    found: &BTreeSet<K>,
    rows: &[Row],
    key: impl Fn(&Row) -> K,
) -> (usize, Vec<K>, Vec<K>) {
    let required: BTreeSet<K> = rows
        .iter()
        .filter(|r| field(r, "status") == "required")
        .map(&key)
        .collect();
    let optional: BTreeSet<K> = rows
        .iter()
        .filter(|r| field(r, "status") != "required")
        .map(&key)
        .collect();
    let true_positives = found.intersection(&required).count();
    let false_positives = found
        .iter()
        .filter(|k| !required.contains(*k) && !optional.contains(*k))
        .cloned()
        .collect();
    let misses = required.difference(found).cloned().collect();
    (true_positives, false_positives, misses)
}

/// A relation as score.py keys it: (doc, subject, predicate, object).
type Key = (String, String, String, String);

/// A triple as score.py keys it: (subject, predicate, object).
type TripleKey = (String, String, String);

/// The four gold tables of a folder.
struct Gold {
    entities: Vec<Row>,
    relations: Vec<Row>,
    roles: Vec<Row>,
    mentions: Vec<Row>,
}

impl Gold {
    fn read(folder: &Path) -> Result<Gold, EvalError> {
        Ok(Gold {
            entities: read_tsv(folder, "entities.tsv")?,
            relations: read_tsv(folder, "relations.tsv")?,
            roles: read_tsv(folder, "roles.tsv")?,
            mentions: read_tsv(folder, "mentions.tsv")?,
        })
    }

    /// Every entity id the tables use: (file, line, id).
    fn ids(&self) -> impl Iterator<Item = (&'static str, usize, &str)> {
        fn of<'t>(
            file: &'static str,
            table: &'t [Row],
            columns: &'static [&'static str],
        ) -> impl Iterator<Item = (&'static str, usize, &'t str)> {
            table.iter().flat_map(move |row| {
                columns
                    .iter()
                    .map(move |column| (file, row.line, field(row, column)))
            })
        }
        of("entities.tsv", &self.entities, &["id"])
            .chain(of("relations.tsv", &self.relations, &["subject", "object"]))
            .chain(of("roles.tsv", &self.roles, &["person", "actor"]))
            .chain(of("mentions.tsv", &self.mentions, &["entity"]))
            .filter(|(_, _, id)| !id.is_empty())
    }

    /// The documents the gold speaks of: those with relations or mentions.
    fn docs(&self) -> HashSet<&str> {
        self.relations
            .iter()
            .map(|r| field(r, "doc"))
            .chain(self.mentions.iter().map(|m| field(m, "doc")))
            .collect()
    }
}

/// The graph's nodes as score.py reads them, and the gold entity each names.
struct Nodes<'a> {
    /// node -> (predicate, object), in file order as score.py builds it.
    props: HashMap<String, Vec<(String, &'a Term)>>,
    by_qid: HashMap<&'a str, &'a str>,
    by_label: HashMap<String, &'a str>,
    /// Every entity id the gold uses, defined in entities.tsv or not.
    ids: HashSet<&'a str>,
    /// Gold aliases that name one entity only.
    by_alias: HashMap<String, &'a str>,
    /// Nodes matched by IRI or alias: (node, id, how), for the warnings.
    fallbacks: std::cell::RefCell<BTreeSet<(String, String, &'static str)>>,
}

impl<'a> Nodes<'a> {
    fn new(quads: &'a [Quad], gold: &'a Gold) -> Nodes<'a> {
        let entities = &gold.entities;
        let by_qid = entities
            .iter()
            .filter(|e| !field(e, "wikidata").is_empty())
            .map(|e| (field(e, "wikidata"), field(e, "id")))
            .collect();
        let mut by_label = HashMap::new();
        for entity in entities {
            for name in [field(entity, "id"), field(entity, "label")] {
                by_label.insert(norm_label(name), field(entity, "id"));
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
                    let qid = iri
                        .strip_prefix("http://www.wikidata.org/entity/")
                        .or_else(|| iri.strip_prefix("https://www.wikidata.org/entity/"))
                        .or_else(|| iri.strip_prefix("http://wikidata.org/entity/"))
                        .or_else(|| iri.strip_prefix("https://wikidata.org/entity/"))
                        .or_else(|| iri.strip_prefix("https://www.wikidata.org/wiki/"))
                        .or_else(|| iri.strip_prefix("http://www.wikidata.org/wiki/"));
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
    fn doc_id(&self, node: &str) -> Option<String> {
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
    fn name(&self, node: &str) -> String {
        self.gold_id(node).unwrap_or_else(|| format!("<{node}>"))
    }

    /// The reifying nodes of each (subject, predicate, object).
    fn statements(&self) -> HashMap<TripleKey, Vec<&str>> {
        let rdf = |local: &str| format!("{RDF}{local}");
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
        field(row, "doc").to_owned(),
        field(row, "subject").to_owned(),
        field(row, "predicate").to_owned(),
        field(row, "object").to_owned(),
    )
}

/// The true positives, false positives and misses over all relations; the
/// counts per relation and for "all" go into `result`.
fn score_relations(
    found: &BTreeSet<Key>,
    gold_relations: &[Row],
    result: &mut Score,
) -> (BTreeSet<Key>, BTreeSet<Key>, BTreeSet<Key>) {
    let required: BTreeSet<Key> = gold_relations
        .iter()
        .filter(|r| field(r, "status") == "required")
        .map(relation_key)
        .collect();
    let optional: BTreeSet<Key> = gold_relations
        .iter()
        .filter(|r| field(r, "status") != "required")
        .map(relation_key)
        .collect();
    let mut all = Default::default();
    for relation in RELATIONS.iter().copied().chain(["all"]) {
        let pick = |key: &&Key| relation == "all" || key.2 == relation;
        let found_here: BTreeSet<&Key> = found.iter().filter(pick).collect();
        let required_here: BTreeSet<&Key> = required.iter().filter(pick).collect();
        let optional_here: BTreeSet<&Key> = optional.iter().filter(pick).collect();
        let tp: BTreeSet<&Key> = found_here.intersection(&required_here).copied().collect();
        let fp: BTreeSet<&Key> = found_here
            .iter()
            .filter(|k| !required_here.contains(*k) && !optional_here.contains(*k))
            .copied()
            .collect();
        let fn_: BTreeSet<&Key> = required_here.difference(&found_here).copied().collect();
        result
            .relations
            .push((relation.to_owned(), tp.len(), fp.len(), fn_.len()));
        if relation == "all" {
            let owned = |keys: BTreeSet<&Key>| keys.into_iter().cloned().collect();
            all = (owned(tp), owned(fp), owned(fn_));
        }
    }
    all
}

/// The true positives none of whose reifying nodes holds a gold phrase.
fn without_evidence(
    true_positives: &BTreeSet<Key>,
    where_found: &HashMap<Key, TripleKey>,
    nodes: &Nodes,
    gold_relations: &[Row],
) -> Vec<Key> {
    let evidence: HashMap<Key, Vec<String>> = gold_relations
        .iter()
        .map(|r| {
            (
                relation_key(r),
                field(r, "evidence").split('|').map(norm_text).collect(),
            )
        })
        .collect();
    let statements = nodes.statements();
    let mut missing = Vec::new();
    for key in true_positives {
        let triple = &where_found[key];
        let literals: Vec<String> = statements
            .get(triple)
            .into_iter()
            .flatten()
            .flat_map(|node| nodes.props[*node].iter())
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

/// Scores `quads` against the gold folder.
pub fn score(gold: &Path, quads: &[Quad]) -> Result<Score, EvalError> {
    let gold = Gold::read(gold)?;
    let nodes = Nodes::new(quads, &gold);
    let docs = gold.docs();
    let mut result = Score::default();

    let (found, where_found) = found_relations(quads, &nodes, &docs);
    let (all_tp, all_fp, all_fn) = score_relations(&found, &gold.relations, &mut result);
    // Evidence: a reifying node of the found triple holding a gold phrase.
    let evidence_missing = without_evidence(&all_tp, &where_found, &nodes, &gold.relations);
    result.evidence_total = all_tp.len();
    result.evidence_hits = all_tp.len() - evidence_missing.len();

    // Roles over the whole graph.
    let people: HashSet<&str> = gold.roles.iter().map(|r| field(r, "person")).collect();
    let found_roles: BTreeSet<(String, String)> = quads
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
    let (role_tp, role_fp, role_fn) = split(&found_roles, &gold.roles, |r| {
        (field(r, "person").to_owned(), field(r, "actor").to_owned())
    });
    result.roles = (role_tp, role_fp.len(), role_fn.len());

    // Mentions per document.
    let found_mentions: BTreeSet<(String, String)> = quads
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
    let (mention_tp, mention_fp, mention_fn) = split(&found_mentions, &gold.mentions, |m| {
        (field(m, "doc").to_owned(), field(m, "entity").to_owned())
    });
    result.mentions = (mention_tp, mention_fp.len(), mention_fn.len());

    let join = |k: &Key| format!("{} {} {} {}", k.0, k.1, k.2, k.3);
    let pair = |k: &(String, String)| format!("{} {}", k.0, k.1);
    let details = all_fn
        .iter()
        .map(|k| format!("missed: {}", join(k)))
        .chain(all_fp.iter().map(|k| format!("spurious: {}", join(k))))
        .chain(
            evidence_missing
                .iter()
                .map(|k| format!("no evidence: {}", join(k))),
        )
        .chain(role_fn.iter().map(|k| format!("missed role: {}", pair(k))))
        .chain(
            role_fp
                .iter()
                .map(|k| format!("spurious role: {}", pair(k))),
        )
        .chain(
            mention_fn
                .iter()
                .map(|k| format!("missed mention: {}", pair(k))),
        )
        .chain(
            mention_fp
                .iter()
                .map(|k| format!("spurious mention: {}", pair(k))),
        );
    result.details.extend(details);
    result.warnings = warnings(&gold, &nodes, quads);
    Ok(result)
}

/// Ids the gold uses but does not define, gold documents the graph lacks,
/// and the graph entities matched only by IRI or alias.
fn warnings(gold: &Gold, nodes: &Nodes, quads: &[Quad]) -> Vec<EvalWarning> {
    let defined: HashSet<&str> = gold.entities.iter().map(|e| field(e, "id")).collect();
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

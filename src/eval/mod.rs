//! Scoring a graph against gold annotations in the format of the project's
//! `gold/` folder (entities.tsv, relations.tsv, roles.tsv, mentions.tsv),
//! with the same definitions and the same printed figures as `score.py`.
//!
//! Two halves: `gold` reads the folder (the only I/O), and `nodes` and
//! `scoring` score the tables against the graph, given as quads (pure).
//! It does not open stores or print: the [`Score`] carries the report's
//! lines and the [`EvalWarning`]s, which the command line prints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use oxrdf::Quad;

mod gold;
mod nodes;
mod scoring;

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
        let (tp, fp, fn_) = self.all_relations();
        prf(tp, fp, fn_).2
    }

    /// The counts over all relations (the last row, "all").
    fn all_relations(&self) -> (usize, usize, usize) {
        self.relations
            .last()
            .map_or((0, 0, 0), |(_, tp, fp, fn_)| (*tp, *fp, *fn_))
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
        let (tp, fp, fn_) = self.all_relations();
        let (rel_p, rel_r, rel_f) = prf(tp, fp, fn_);
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

/// Scores `quads` against the gold folder.
pub fn score(gold: &Path, quads: &[Quad]) -> Result<Score, EvalError> {
    let gold = gold::Gold::read(gold)?;
    Ok(scoring::score(&gold, quads))
}

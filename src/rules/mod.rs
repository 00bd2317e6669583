//! The rules file: entities (who the actors are and how the news names them)
//! and relation rules (which words state which relation).
//!
//! This module owns reading and checking a rules file written in TOML. Every
//! problem is collected with its line and rule id before loading fails, so a
//! user fixes a file in one pass. It does not match anything against text:
//! [`crate::extract`] compiles a [`RuleSet`] into matchers.
//!
//! The data is in `model`; `read` walks the TOML with places (a line per
//! problem); `patterns` compiles patterns within a size budget; `tables`
//! reads the `[[entity]]` and `[[relation]]` tables; `demonym` turns an
//! entity's demonym into its organ phrases; `layers` reads files in order
//! with their includes, a later one replacing an earlier rule of the same
//! id; `cross_check` checks what spans tables and layers (ids, aliases,
//! references).

mod cross_check;
mod demonym;
mod layers;
mod model;
mod patterns;
mod read;
mod tables;

use std::collections::HashMap;
use std::fmt;

use toml::de::DeTable;

pub use demonym::ORGANS;
use layers::ParsedFile;
pub use layers::{IncludeFiles, NoFiles, RulesSource};
pub use model::{
    EntityKind, EntityRule, Identifiers, PREDICATE_NAMES, Predicate, RelationRule, RuleNote,
    RuleSet, StandsFor, TargetPolicy, UnknownPredicate,
};
use patterns::PATTERNS_BUDGET;
use read::{Checker, LineIndex};

impl RuleSet {
    /// Reads and checks one rules file, which may include no other.
    /// `source_name` names the file in errors.
    pub fn from_toml(source_name: &str, input: &str) -> Result<RuleSet, RulesError> {
        let source = RulesSource {
            name: source_name.to_owned(),
            text: input.to_owned(),
            path: None,
        };
        layers::load(vec![source], &mut NoFiles)
    }

    /// Reads rules files as layers, in order, each one's `include`s (read
    /// through `files`) before it, and checks them together.
    pub fn from_layers(
        sources: Vec<RulesSource>,
        files: &mut dyn IncludeFiles,
    ) -> Result<RuleSet, RulesError> {
        layers::load(sources, files)
    }
}

/// Reads and checks one file on its own: its tables, its `include` list and
/// the ids it defines twice. What spans layers is checked once they are
/// all read.
fn parse_file(source_name: &str, input: &str) -> ParsedFile {
    let mut checker = Checker {
        source: source_name.to_owned(),
        lines: LineIndex::new(input),
        input: input.to_owned(),
        problems: Vec::new(),
        compiled_patterns: HashMap::new(),
        patterns_budget_left: PATTERNS_BUDGET,
    };
    let (document, syntax_errors) = DeTable::parse_recoverable(input);
    for error in syntax_errors {
        let line = error
            .span()
            .map_or(1, |span| checker.lines.line(span.start));
        checker.problems.push(RuleProblem {
            source: source_name.to_owned(),
            line,
            rule_id: None,
            message: format!("TOML syntax: {}", error.message().trim()),
        });
    }
    let mut entities = Vec::new();
    let mut relations = Vec::new();
    let mut includes = Vec::new();
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "entity" => {
                for table in checker.array_of_tables(value, "entity") {
                    if let Some(entity) = checker.entity(table) {
                        entities.push(entity);
                    }
                }
            }
            "relation" => {
                for table in checker.array_of_tables(value, "relation") {
                    if let Some(relation) = checker.relation(table) {
                        relations.push(relation);
                    }
                }
            }
            "include" => includes = checker.includes(value),
            other => checker.problem(
                key.span(),
                None,
                format!(
                    "unknown top-level key `{other}` (expected include, [[entity]] or [[relation]])"
                ),
            ),
        }
    }
    checker.duplicates(&entities, &relations);
    checker.problems.sort_by_key(|problem| problem.line);
    ParsedFile {
        entities,
        relations,
        includes,
        problems: checker.problems,
    }
}

/// One thing wrong in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    /// The name of the file it is in.
    pub source: String,
    pub line: usize,
    pub rule_id: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule_id {
            Some(id) => write!(f, "line {}: rule `{id}`: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RulesError {
    #[error("{source_name}: {} problem(s) in the rules:\n{}", problems.len(), problems.iter().map(|p| format!("  {}:{p}", p.source)).collect::<Vec<_>>().join("\n"))]
    Invalid {
        source_name: String,
        problems: Vec<RuleProblem>,
    },
}

impl RulesError {
    pub fn problems(&self) -> &[RuleProblem] {
        match self {
            RulesError::Invalid { problems, .. } => problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[entity]]
id = "Pakistan"
kind = "Country"
label = "Pakistan"
aliases = ["Pakistan", "Islamabad"]

[[entity]]
id = "Taliban"
kind = "Government"
label = "Taliban"
aliases = ["Taliban"]

[[entity]]
id = "Kabul"
kind = "Place"
label = "Kabul"
aliases = ["Kabul"]
stands_for = [{ actor = "Taliban", from = "2021-08-15" }]

[[relation]]
id = "accuses"
predicate = "accuses"
verbs = ["accuse", "blame"]
"#;

    #[test]
    fn reads_a_good_file() {
        let rules = RuleSet::from_toml("good.toml", GOOD).unwrap();
        assert_eq!(rules.entities.len(), 3);
        assert_eq!(rules.relations[0].predicate, Predicate::Accuses);
        assert_eq!(
            rules
                .entity("Kabul")
                .unwrap()
                .stands_for_on(Some("2025-11-07")),
            Some("Taliban")
        );
        assert_eq!(
            rules
                .entity("Kabul")
                .unwrap()
                .stands_for_on(Some("2019-01-01")),
            None
        );
        assert_eq!(rules.entity("Kabul").unwrap().line, 14);
    }

    #[test]
    fn reports_every_problem_with_line_and_rule() {
        let bad = r#"
[[entity]]
id = "A"
kind = "Country"
label = "A"
aliases = ["A"]
colour = "red"
patterns = ["(unclosed", "x*"]
represents = ["Nobody"]

[[entity]]
id = "A"
kind = "Planet"
label = "B"
aliases = ["A"]

[[relation]]
id = "r1"
predicate = "praises"
verbs = ["praise"]
"#;
        let error = RuleSet::from_toml("bad.toml", bad).unwrap_err();
        let problems: Vec<String> = error.problems().iter().map(ToString::to_string).collect();
        let expected_fragments = [
            "line 7: rule `A`: unknown key `colour`",
            "line 8: rule `A`: invalid regex `(unclosed`",
            "line 8: rule `A`: pattern `x*` can match the empty string",
            "rule `A`: `represents` names unknown entity `Nobody`",
            "line 13: rule `A`: unknown kind `Planet`",
            "line 19: rule `r1`: unknown predicate `praises`",
        ];
        for fragment in expected_fragments {
            assert!(
                problems.iter().any(|p| p.contains(fragment)),
                "missing {fragment:?} in:\n{}",
                problems.join("\n")
            );
        }
    }

    #[test]
    fn reports_duplicates_and_shared_aliases() {
        let bad = r#"
[[entity]]
id = "A"
kind = "Country"
label = "A"
aliases = ["Same"]

[[entity]]
id = "A"
kind = "Country"
label = "A2"
aliases = ["Other"]

[[entity]]
id = "B"
kind = "Country"
label = "B"
aliases = ["Same"]
"#;
        let error = RuleSet::from_toml("dup.toml", bad).unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains(
                "dup.toml:line 8: rule `A`: duplicate entity id (first defined on line 2)"
            ),
            "{text}"
        );
        assert!(
            text.contains("line 14: rule `B`: alias `Same` is already an alias of `A` (line 2)"),
            "{text}"
        );
    }

    #[test]
    fn reports_toml_syntax_errors_with_line() {
        let error =
            RuleSet::from_toml("syntax.toml", "[[entity]]\nid = \"A\nkind = 3\n").unwrap_err();
        assert!(
            error
                .problems()
                .iter()
                .any(|p| p.message.starts_with("TOML syntax") && p.line >= 2),
            "{error}"
        );
    }

    /// One entity with the given patterns.
    fn with_patterns(patterns: impl Iterator<Item = String>) -> String {
        let patterns: Vec<String> = patterns.map(|pattern| format!("'{pattern}'")).collect();
        format!(
            "[[entity]]\nid = \"E\"\nkind = \"Country\"\nlabel = \"E\"\npatterns = [{}]\n",
            patterns.join(", ")
        )
    }

    #[test]
    fn large_patterns_together_are_refused_before_extraction_holds_gigabytes() {
        // Each of `\w{100}` .. `\w{209}` fits the regex crate's 10 MB limit;
        // together, a 1.2 KB file made a build hold 1.3 GB.
        let input = with_patterns((100..210).map(|count| format!(r"\w{{{count}}}")));
        let error = RuleSet::from_toml("large.toml", &input).unwrap_err();
        let refused = error
            .problems()
            .iter()
            .filter(|problem| problem.message.contains("does not fit"))
            .count();
        assert!(refused > 90, "{error}");
    }

    #[test]
    fn many_oversized_patterns_are_each_reported() {
        // A fuzzed file: 400 patterns over the size limit took 17 s to check,
        // each compiled up to 10 MB; the budget makes the later ones quick.
        let input = with_patterns((0..400).map(|count| format!(r"\w{{1000}}{{{}}}", 1000 + count)));
        let error = RuleSet::from_toml("oversized.toml", &input).unwrap_err();
        let reported: Vec<&str> = error
            .problems()
            .iter()
            .map(|problem| problem.message.as_str())
            .filter(|message| message.contains(r"`\w{1000}{"))
            .collect();
        assert_eq!(reported.len(), 400, "{error}");
        assert!(
            reported[0].ends_with("Compiled regex exceeds size limit of 10485760 bytes."),
            "{error}"
        );
    }
}

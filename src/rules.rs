//! The rules file: entities (who the actors are and how the news names them)
//! and relation rules (which words state which relation).
//!
//! This module owns reading and checking a rules file written in TOML. Every
//! problem is collected with its line and rule id before loading fails, so a
//! user fixes a file in one pass. It does not match anything against text:
//! [`crate::extract`] compiles a [`RuleSet`] into matchers.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use indexmap::IndexMap;
use regex_automata::meta;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What kind of thing an entity is. Each maps to a class of the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Country,
    Government,
    ArmedGroup,
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Country,
        EntityKind::Government,
        EntityKind::ArmedGroup,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Country => "Country",
            EntityKind::Government => "Government",
            EntityKind::ArmedGroup => "ArmedGroup",
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Place => "Place",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether a mention of this kind can be the source or target of a
    /// relation by itself (a city cannot; it acts through `stands_for`).
    pub fn can_act(self) -> bool {
        self != EntityKind::Place
    }
}

/// The relations newsgraph writes. Closed on purpose: the ontology, the
/// event classes and the CAMEO alignment are defined for exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Predicate {
    Mediates,
    Accuses,
    Demands,
    Rejects,
}

impl Predicate {
    pub const ALL: [Predicate; 4] = [
        Predicate::Mediates,
        Predicate::Accuses,
        Predicate::Demands,
        Predicate::Rejects,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Predicate::Mediates => "mediates",
            Predicate::Accuses => "accuses",
            Predicate::Demands => "demands",
            Predicate::Rejects => "rejects",
        }
    }

    /// The event class of a relation instance of this predicate.
    pub fn event_class(self) -> &'static str {
        match self {
            Predicate::Mediates => "Mediation",
            Predicate::Accuses => "Accusation",
            Predicate::Demands => "Demand",
            Predicate::Rejects => "Rejection",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|predicate| predicate.name() == name)
    }
}

/// The predicates' names as every error message about an unknown one lists
/// them.
pub const PREDICATE_NAMES: &str = "mediates, accuses, demands or rejects";

/// A name that is no predicate, as the command line and the server report it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown relation `{0}` (expected {PREDICATE_NAMES})")]
#[non_exhaustive]
pub struct UnknownPredicate(pub String);

impl std::str::FromStr for Predicate {
    type Err = UnknownPredicate;

    fn from_str(name: &str) -> Result<Self, UnknownPredicate> {
        Predicate::parse(name).ok_or_else(|| UnknownPredicate(name.to_owned()))
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who a place stands for when it acts, during a period. `from` is
/// inclusive and `until` exclusive; both are ISO dates (`yyyy-mm-dd`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandsFor {
    pub actor: String,
    pub from: Option<String>,
    pub until: Option<String>,
}

impl StandsFor {
    /// Whether this period holds on `date`; with no date, the open-ended
    /// (current) period holds.
    pub fn holds_on(&self, date: Option<&str>) -> bool {
        match date {
            Some(date) => {
                self.from.as_deref().is_none_or(|from| date >= from)
                    && self.until.as_deref().is_none_or(|until| date < until)
            }
            None => self.until.is_none(),
        }
    }
}

/// Identity links of an entity, each checked against a source (`checked`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    pub wikidata: Option<String>,
    pub dbpedia: Option<String>,
    pub geonames: Option<String>,
    pub cameo: Option<String>,
    pub checked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRule {
    pub id: String,
    pub kind: EntityKind,
    pub label: String,
    /// Literal phrases, matched case-sensitively as whole words.
    pub aliases: Vec<String>,
    /// Regular expressions, matched case-sensitively.
    pub patterns: Vec<String>,
    /// Phrases that name whoever governs this place ("Afghan government");
    /// they always resolve through `stands_for`.
    pub government_aliases: Vec<String>,
    pub identifiers: Identifiers,
    pub represents: Vec<String>,
    pub role: Option<String>,
    pub stands_for: Vec<StandsFor>,
    /// 1-based line of the `[[entity]]` header.
    pub line: usize,
}

impl EntityRule {
    /// The actor this entity stands for on `date`, if it is a place or
    /// country whose government acts under its name.
    pub fn stands_for_on(&self, date: Option<&str>) -> Option<&str> {
        self.stands_for
            .iter()
            .find(|period| period.holds_on(date))
            .map(|period| period.actor.as_str())
    }
}

/// Whom a relation's target is when the rule matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetPolicy {
    /// The actor the trigger is about (its object, or the default counterpart).
    Object,
    /// Each party of the talks the sentence or the article is about
    /// (mediation: the mediator mediates between the parties).
    Parties,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRule {
    pub id: String,
    pub predicate: Predicate,
    /// Verbs: a base form whose inflections are generated ("accuse"), or
    /// every form spelled out with `|` ("seek|seeks|sought|seeking"). A verb
    /// of several words inflects its first word ("call on").
    pub verbs: Vec<String>,
    /// Nouns naming the act ("demand", "insistence"); plurals are generated
    /// unless the forms are spelled out with `|`.
    pub nouns: Vec<String>,
    /// Nouns naming who performs the act ("mediator"): "X, the mediators",
    /// "mediators like X", "X's mediators".
    pub agent_nouns: Vec<String>,
    /// Phrases stating the act in both directions between the parties
    /// ("accusing each other", "trade blame").
    pub reciprocal: Vec<String>,
    /// When not empty, the trigger counts only in a sentence holding one of
    /// these words ("hosted" mediates only when talks are in the sentence).
    pub requires: Vec<String>,
    /// When not empty, a verb trigger counts only when one of these nouns
    /// heads its object ("denounced X's demands" rejects; "denounced X" does not).
    pub object_nouns: Vec<String>,
    /// Prepositions that introduce the target when it is not the object,
    /// read off the dependency tree: "lashed out at X", "accusations
    /// against X", "demanded guarantees from X", "pressure on X".
    pub target_prepositions: Vec<String>,
    /// Prepositions that introduce the source of a noun: "mediation by X",
    /// "a request from X", "the demands of X".
    pub source_prepositions: Vec<String>,
    /// The target may be the subject of the clause the trigger reports:
    /// "complained that Kabul had ...", "the claim that New Delhi funds ...",
    /// "demanded that Kabul act".
    pub clause_target: bool,
    /// Modal words by which a speaker says what the target must do, read
    /// off the dependency tree: "“Kabul must act,” Dar said", "adding that
    /// Afghanistan must help": the speaker is the source, the subject of the
    /// modal's verb the target.
    pub speaker_modals: Vec<String>,
    pub target: TargetPolicy,
    /// With no named target, the other party of bilateral talks is the target.
    pub default_counterpart: bool,
    /// With no named target, the act answers the latest act of these
    /// predicates against its source, in its sentence or the two before,
    /// and that act's source is the target: "Islamabad accused Kabul ...
    /// Kabul denied it". An object naming one of these acts ("rejected the
    /// charge") narrows it to that act.
    pub answers: Vec<Predicate>,
    /// A verb trigger counts only with a clause saying what is to be done
    /// ("expected Kabul to act"; "wants ASEAN observers" is no demand).
    pub needs_clause: bool,
    pub line: usize,
}

/// A checked rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    pub entities: Vec<EntityRule>,
    pub relations: Vec<RelationRule>,
    entity_index: HashMap<String, usize>,
}

impl RuleSet {
    pub fn entity(&self, id: &str) -> Option<&EntityRule> {
        self.entity_index
            .get(id)
            .map(|&index| &self.entities[index])
    }

    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entity_index.get(id).copied()
    }

    /// Reads and checks a rules file. `source_name` names the file in errors.
    pub fn from_toml(source_name: &str, input: &str) -> Result<RuleSet, RulesError> {
        let mut checker = Checker {
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
                line,
                rule_id: None,
                message: format!("TOML syntax: {}", error.message().trim()),
            });
        }
        let mut entities = Vec::new();
        let mut relations = Vec::new();
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
                other => checker.problem(
                    key.span(),
                    None,
                    format!(
                        "unknown top-level key `{other}` (expected [[entity]] or [[relation]])"
                    ),
                ),
            }
        }
        let rules = checker.cross_check(entities, relations);
        if checker.problems.is_empty() {
            Ok(rules)
        } else {
            checker.problems.sort_by_key(|problem| problem.line);
            Err(RulesError::Invalid {
                source_name: source_name.to_owned(),
                problems: checker.problems,
            })
        }
    }
}

/// One thing wrong in a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
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
    #[error("{source_name}: {} problem(s) in the rules:\n{}", problems.len(), problems.iter().map(|p| format!("  {source_name}:{p}")).collect::<Vec<_>>().join("\n"))]
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

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(input: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(input.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The line of the first non-blank character at or after `offset`: a
    /// table's span starts before its header line.
    fn line_after_blanks(&self, input: &str, offset: usize) -> usize {
        let skipped = input
            .get(offset..)
            .map_or(0, |rest| rest.len() - rest.trim_start().len());
        self.line(offset + skipped)
    }
}

type Table<'i> = Spanned<DeTable<'i>>;

/// The most one pattern may compile to: the regex crate's default limit.
const PATTERN_SIZE_LIMIT: usize = 10 << 20;

/// The most all the patterns of a rules file may compile to together, each
/// occurrence counted (extraction compiles each one). Without a total, a
/// one-kilobyte file of large patterns (`\w{100}`, `\w{101}`, ...) made a
/// build hold more than a gigabyte; typical patterns take a few kilobytes,
/// `\p{Lu}\w{2,12}` 0.7 MB.
const PATTERNS_BUDGET: usize = 64 << 20;

/// What compiling a pattern gave.
#[derive(Debug, Clone)]
enum Compiled {
    /// A regex taking this many bytes.
    Fits(usize),
    /// A regex that matches the empty string, so everywhere.
    MatchesEmpty,
    /// Not a regex: the parser's message.
    Invalid(String),
    /// Larger than the size limit it was compiled under, in bytes.
    TooBig(usize),
}

/// Compiles a pattern as `regex::Regex::new` does (the same syntax and
/// meta engine), with the given size limit, to learn its size.
fn compile_pattern(pattern: &str, size_limit: usize) -> Compiled {
    let built = meta::Regex::builder()
        .configure(meta::Config::new().nfa_size_limit(Some(size_limit)))
        .build(pattern);
    match built {
        Ok(regex) if regex.is_match("") => Compiled::MatchesEmpty,
        Ok(regex) => Compiled::Fits(regex.memory_usage()),
        Err(error) => match error.size_limit() {
            Some(limit) => Compiled::TooBig(limit),
            None => {
                let detail = error
                    .syntax_error()
                    .map_or_else(|| error.to_string(), ToString::to_string);
                Compiled::Invalid(detail.lines().last().unwrap_or("").trim().to_owned())
            }
        },
    }
}

struct Checker {
    lines: LineIndex,
    input: String,
    problems: Vec<RuleProblem>,
    /// What compiling each distinct pattern gave, so a pattern written many
    /// times is compiled once: compiling one near the size limit takes tens
    /// of milliseconds, and a fuzzed file repeating one took seconds to check.
    compiled_patterns: HashMap<String, Compiled>,
    /// What is left of [`PATTERNS_BUDGET`].
    patterns_budget_left: usize,
}

const ENTITY_KEYS: &[&str] = &[
    "id",
    "kind",
    "label",
    "aliases",
    "patterns",
    "government_aliases",
    "wikidata",
    "dbpedia",
    "geonames",
    "cameo",
    "checked",
    "represents",
    "role",
    "stands_for",
];
const RELATION_KEYS: &[&str] = &[
    "id",
    "predicate",
    "verbs",
    "nouns",
    "agent_nouns",
    "reciprocal",
    "requires",
    "object_nouns",
    "target_prepositions",
    "source_prepositions",
    "clause_target",
    "speaker_modals",
    "target",
    "default_counterpart",
    "answers",
    "needs_clause",
];

/// A table's fields, read one by one; what is left at the end is unknown.
struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    id: Option<String>,
}

impl Checker {
    fn problem(&mut self, span: Range<usize>, rule_id: Option<&str>, message: String) {
        let line = self.lines.line_after_blanks(&self.input, span.start);
        self.problems.push(RuleProblem {
            line,
            rule_id: rule_id.map(str::to_owned),
            message,
        });
    }

    fn array_of_tables<'i>(&mut self, value: &Spanned<DeValue<'i>>, name: &str) -> Vec<Table<'i>> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(table) => Some(Spanned::new(item.span(), table.clone())),
                    _ => {
                        self.problem(
                            item.span(),
                            None,
                            format!("`{name}` must be a list of tables ([[{name}]])"),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.problem(
                    value.span(),
                    None,
                    format!("`{name}` must be written as [[{name}]] tables"),
                );
                Vec::new()
            }
        }
    }

    fn fields<'a, 'i>(
        &mut self,
        table: &'a Table<'i>,
        known: &[&str],
        what: &str,
    ) -> Fields<'a, 'i> {
        let id = match table.get_ref().get("id").map(|value| value.get_ref()) {
            Some(DeValue::String(id)) => Some(id.to_string()),
            _ => None,
        };
        for key in table.get_ref().keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                self.problem(
                    key.span(),
                    id.as_deref(),
                    format!(
                        "unknown key `{}` in [[{what}]] (known keys: {})",
                        key.get_ref(),
                        known.join(", ")
                    ),
                );
            }
        }
        if id.is_none() {
            self.problem(
                table.span(),
                None,
                format!("[[{what}]] needs `id`, a string"),
            );
        }
        Fields {
            table: table.get_ref(),
            span: table.span(),
            id,
        }
    }

    fn string(&mut self, fields: &Fields, key: &str, required: bool) -> Option<String> {
        match fields.table.get(key) {
            Some(value) => match value.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => Some(text.to_string()),
                DeValue::String(_) => {
                    self.problem(
                        value.span(),
                        fields.id.as_deref(),
                        format!("`{key}` is empty"),
                    );
                    None
                }
                _ => {
                    self.problem(
                        value.span(),
                        fields.id.as_deref(),
                        format!("`{key}` must be a string"),
                    );
                    None
                }
            },
            None => {
                if required && fields.id.is_some() {
                    self.problem(
                        fields.span.clone(),
                        fields.id.as_deref(),
                        format!("missing `{key}`"),
                    );
                }
                None
            }
        }
    }

    fn strings(&mut self, fields: &Fields, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(value) = fields.table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.problem(
                value.span(),
                fields.id.as_deref(),
                format!("`{key}` must be a list of strings"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => {
                    out.push((text.to_string(), item.span()))
                }
                DeValue::String(_) => self.problem(
                    item.span(),
                    fields.id.as_deref(),
                    format!("`{key}` holds an empty string"),
                ),
                _ => self.problem(
                    item.span(),
                    fields.id.as_deref(),
                    format!("`{key}` must hold only strings"),
                ),
            }
        }
        out
    }

    fn boolean(&mut self, fields: &Fields, key: &str, default: bool) -> bool {
        match fields.table.get(key) {
            Some(value) => match value.get_ref() {
                DeValue::Boolean(flag) => *flag,
                _ => {
                    self.problem(
                        value.span(),
                        fields.id.as_deref(),
                        format!("`{key}` must be true or false"),
                    );
                    default
                }
            },
            None => default,
        }
    }

    fn check_id(&mut self, fields: &Fields) {
        if let Some(id) = &fields.id {
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
            {
                let span = fields
                    .table
                    .get("id")
                    .map_or(fields.span.clone(), |value| value.span());
                self.problem(
                    span,
                    Some(id),
                    "`id` may hold only ASCII letters, digits, `_`, `-` and `.`".into(),
                );
            }
        }
    }

    fn check_regex(&mut self, pattern: &str, span: Range<usize>, rule_id: Option<&str>) -> bool {
        let compiled = match self.compiled_patterns.get(pattern) {
            Some(compiled) => compiled.clone(),
            None => {
                let limit = PATTERN_SIZE_LIMIT.min(self.patterns_budget_left);
                let compiled = compile_pattern(pattern, limit);
                if let Compiled::TooBig(limit) = compiled {
                    // The work it took, so that a file of many such patterns
                    // is checked quickly too.
                    self.patterns_budget_left = self.patterns_budget_left.saturating_sub(limit);
                }
                self.compiled_patterns
                    .insert(pattern.to_owned(), compiled.clone());
                compiled
            }
        };
        let over_budget = || {
            format!(
                "pattern `{pattern}` does not fit: the patterns of a rules file may compile to {} MB together",
                PATTERNS_BUDGET >> 20
            )
        };
        let message = match compiled {
            Compiled::Fits(size) if size <= self.patterns_budget_left => {
                self.patterns_budget_left -= size;
                return true;
            }
            Compiled::Fits(_) => {
                self.patterns_budget_left = 0;
                over_budget()
            }
            Compiled::MatchesEmpty => format!("pattern `{pattern}` can match the empty string"),
            Compiled::Invalid(detail) => format!("invalid regex `{pattern}`: {detail}"),
            Compiled::TooBig(limit) if limit == PATTERN_SIZE_LIMIT => {
                format!(
                    "invalid regex `{pattern}`: Compiled regex exceeds size limit of {limit} bytes."
                )
            }
            Compiled::TooBig(_) => over_budget(),
        };
        self.problem(span, rule_id, message);
        false
    }

    fn entity(&mut self, table: Table) -> Option<EntityRule> {
        let fields = self.fields(&table, ENTITY_KEYS, "entity");
        self.check_id(&fields);
        let id = fields.id.clone();
        let kind_name = self.string(&fields, "kind", true);
        let kind = kind_name.as_deref().and_then(|name| {
            let kind = EntityKind::parse(name);
            if kind.is_none() {
                let span = fields
                    .table
                    .get("kind")
                    .map_or(fields.span.clone(), |value| value.span());
                let known: Vec<&str> = EntityKind::ALL.iter().map(|kind| kind.name()).collect();
                self.problem(
                    span,
                    id.as_deref(),
                    format!(
                        "unknown kind `{name}` (expected one of {})",
                        known.join(", ")
                    ),
                );
            }
            kind
        });
        let label = self.string(&fields, "label", true);
        let aliases: Vec<String> = self
            .strings(&fields, "aliases")
            .into_iter()
            .map(|(alias, _)| alias)
            .collect();
        let mut patterns = Vec::new();
        for (pattern, span) in self.strings(&fields, "patterns") {
            if self.check_regex(&pattern, span, id.as_deref()) {
                patterns.push(pattern);
            }
        }
        let government_aliases: Vec<String> = self
            .strings(&fields, "government_aliases")
            .into_iter()
            .map(|(alias, _)| alias)
            .collect();
        let identifiers = Identifiers {
            wikidata: self.string(&fields, "wikidata", false),
            dbpedia: self.string(&fields, "dbpedia", false),
            geonames: self.string(&fields, "geonames", false),
            cameo: self.string(&fields, "cameo", false),
            checked: self.string(&fields, "checked", false),
        };
        if let Some(qid) = &identifiers.wikidata {
            if !(qid.starts_with('Q')
                && qid.len() > 1
                && qid[1..].chars().all(|c| c.is_ascii_digit()))
            {
                self.problem(
                    fields.table["wikidata"].span(),
                    id.as_deref(),
                    format!("`wikidata` must be an item id like Q843, not `{qid}`"),
                );
            }
        }
        if let Some(geonames) = &identifiers.geonames {
            if !geonames.chars().all(|c| c.is_ascii_digit()) {
                self.problem(
                    fields.table["geonames"].span(),
                    id.as_deref(),
                    format!("`geonames` must be a number, not `{geonames}`"),
                );
            }
        }
        let has_identifier = identifiers.wikidata.is_some()
            || identifiers.dbpedia.is_some()
            || identifiers.geonames.is_some()
            || identifiers.cameo.is_some();
        if has_identifier && identifiers.checked.is_none() {
            self.problem(
                fields.span.clone(),
                id.as_deref(),
                "identifiers need `checked`: say where each was verified".into(),
            );
        }
        let represents = self
            .strings(&fields, "represents")
            .into_iter()
            .map(|(actor, _)| actor)
            .collect();
        let role = self.string(&fields, "role", false);
        let stands_for = self.stands_for(&fields);
        if aliases.is_empty()
            && patterns.is_empty()
            && government_aliases.is_empty()
            && id.is_some()
        {
            self.problem(
                fields.span.clone(),
                id.as_deref(),
                "an entity needs at least one alias or pattern".into(),
            );
        }
        let line = self.lines.line_after_blanks(&self.input, fields.span.start);
        Some(EntityRule {
            id: id?,
            kind: kind?,
            label: label?,
            aliases,
            patterns,
            government_aliases,
            identifiers,
            represents,
            role,
            stands_for,
            line,
        })
    }

    fn stands_for(&mut self, fields: &Fields) -> Vec<StandsFor> {
        let Some(value) = fields.table.get("stands_for") else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.problem(
                value.span(),
                fields.id.as_deref(),
                "`stands_for` must be a list of { actor, from, until } tables".into(),
            );
            return Vec::new();
        };
        let mut periods = Vec::new();
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.problem(
                    item.span(),
                    fields.id.as_deref(),
                    "`stands_for` must hold { actor, from, until } tables".into(),
                );
                continue;
            };
            let inner = Fields {
                table,
                span: item.span(),
                id: fields.id.clone(),
            };
            for key in table.keys() {
                if !["actor", "from", "until"].contains(&key.get_ref().as_ref()) {
                    self.problem(
                        key.span(),
                        fields.id.as_deref(),
                        format!(
                            "unknown key `{}` in stands_for (known: actor, from, until)",
                            key.get_ref()
                        ),
                    );
                }
            }
            let actor = self.string(&inner, "actor", true);
            let from = self.date(&inner, "from");
            let until = self.date(&inner, "until");
            if let Some(actor) = actor {
                periods.push(StandsFor { actor, from, until });
            }
        }
        periods
    }

    fn date(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let value = fields.table.get(key)?;
        let text = match value.get_ref() {
            DeValue::String(text) => text.to_string(),
            DeValue::Datetime(datetime) => datetime.to_string(),
            _ => String::new(),
        };
        if crate::date::is_day(&text) {
            Some(text)
        } else {
            self.problem(
                value.span(),
                fields.id.as_deref(),
                format!("`{key}` must be a date yyyy-mm-dd"),
            );
            None
        }
    }

    fn relation(&mut self, table: Table) -> Option<RelationRule> {
        let fields = self.fields(&table, RELATION_KEYS, "relation");
        self.check_id(&fields);
        let id = fields.id.clone();
        let predicate_name = self.string(&fields, "predicate", true);
        let predicate = predicate_name.as_deref().and_then(|name| {
            let predicate = Predicate::parse(name);
            if predicate.is_none() {
                let span = fields.table["predicate"].span();
                self.problem(
                    span,
                    id.as_deref(),
                    format!("unknown predicate `{name}` (expected {PREDICATE_NAMES})"),
                );
            }
            predicate
        });
        let words = |checker: &mut Checker, key: &str| -> Vec<String> {
            let mut out = Vec::new();
            for (word, span) in checker.strings(&fields, key) {
                if word.chars().any(|c| {
                    !(c.is_alphabetic()
                        || c == ' '
                        || c == '|'
                        || c == '-'
                        || c == '\''
                        || c == '’')
                }) {
                    checker.problem(
                        span,
                        id.as_deref(),
                        format!(
                            "`{key}` entry `{word}` may hold only letters, spaces, `-`, `'` and `|`"
                        ),
                    );
                } else {
                    out.push(word.to_lowercase());
                }
            }
            out
        };
        let verbs = words(self, "verbs");
        let nouns = words(self, "nouns");
        let agent_nouns = words(self, "agent_nouns");
        let reciprocal = words(self, "reciprocal");
        let requires = words(self, "requires");
        let object_nouns = words(self, "object_nouns");
        let target_prepositions = words(self, "target_prepositions");
        let source_prepositions = words(self, "source_prepositions");
        let speaker_modals = words(self, "speaker_modals");
        let target = match self.string(&fields, "target", false).as_deref() {
            None | Some("object") => TargetPolicy::Object,
            Some("parties") => TargetPolicy::Parties,
            Some(other) => {
                self.problem(
                    fields.table["target"].span(),
                    id.as_deref(),
                    format!("unknown target `{other}` (expected object or parties)"),
                );
                TargetPolicy::Object
            }
        };
        let default_counterpart = self.boolean(
            &fields,
            "default_counterpart",
            target == TargetPolicy::Object,
        );
        if verbs.is_empty()
            && nouns.is_empty()
            && agent_nouns.is_empty()
            && reciprocal.is_empty()
            && id.is_some()
        {
            self.problem(
                fields.span.clone(),
                id.as_deref(),
                "a relation rule needs verbs, nouns, agent_nouns or reciprocal phrases".into(),
            );
        }
        let clause_target = self.boolean(&fields, "clause_target", false);
        let mut answers = Vec::new();
        for (name, span) in self.strings(&fields, "answers") {
            match Predicate::parse(&name) {
                Some(predicate) if !answers.contains(&predicate) => answers.push(predicate),
                Some(_) => {}
                None => self.problem(
                    span,
                    id.as_deref(),
                    format!("`answers` entry `{name}` is no predicate (expected mediates, accuses, demands or rejects)"),
                ),
            }
        }
        let needs_clause = self.boolean(&fields, "needs_clause", false);
        let line = self.lines.line_after_blanks(&self.input, fields.span.start);
        Some(RelationRule {
            id: id?,
            predicate: predicate?,
            verbs,
            nouns,
            agent_nouns,
            reciprocal,
            requires,
            object_nouns,
            target_prepositions,
            source_prepositions,
            clause_target,
            speaker_modals,
            target,
            default_counterpart,
            answers,
            needs_clause,
            line,
        })
    }

    /// Checks what spans tables: unique ids, references to known entities,
    /// no alias claimed by two entities.
    fn cross_check(&mut self, entities: Vec<EntityRule>, relations: Vec<RelationRule>) -> RuleSet {
        let mut entity_index = HashMap::new();
        for (index, entity) in entities.iter().enumerate() {
            if let Some(&first) = entity_index.get(&entity.id) {
                let first: &EntityRule = &entities[first];
                self.problems.push(RuleProblem {
                    line: entity.line,
                    rule_id: Some(entity.id.clone()),
                    message: format!("duplicate entity id (first defined on line {})", first.line),
                });
            } else {
                entity_index.insert(entity.id.clone(), index);
            }
        }
        let mut alias_owner: IndexMap<&str, &EntityRule> = IndexMap::new();
        for entity in &entities {
            for alias in entity.aliases.iter().chain(&entity.government_aliases) {
                match alias_owner.get(alias.as_str()) {
                    Some(owner) if owner.id != entity.id => self.problems.push(RuleProblem {
                        line: entity.line,
                        rule_id: Some(entity.id.clone()),
                        message: format!(
                            "alias `{alias}` is already an alias of `{}` (line {})",
                            owner.id, owner.line
                        ),
                    }),
                    _ => {
                        alias_owner.insert(alias, entity);
                    }
                }
            }
            for actor in &entity.represents {
                if !entity_index.contains_key(actor) {
                    self.problems.push(RuleProblem {
                        line: entity.line,
                        rule_id: Some(entity.id.clone()),
                        message: format!("`represents` names unknown entity `{actor}`"),
                    });
                }
            }
            for period in &entity.stands_for {
                if !entity_index.contains_key(&period.actor) {
                    self.problems.push(RuleProblem {
                        line: entity.line,
                        rule_id: Some(entity.id.clone()),
                        message: format!("`stands_for` names unknown entity `{}`", period.actor),
                    });
                }
            }
            if !entity.government_aliases.is_empty() && entity.stands_for.is_empty() {
                self.problems.push(RuleProblem {
                    line: entity.line,
                    rule_id: Some(entity.id.clone()),
                    message: "`government_aliases` need `stands_for` to say who governs".into(),
                });
            }
        }
        let mut relation_ids: HashMap<&str, usize> = HashMap::new();
        for relation in &relations {
            if let Some(first_line) = relation_ids.insert(&relation.id, relation.line) {
                self.problems.push(RuleProblem {
                    line: relation.line,
                    rule_id: Some(relation.id.clone()),
                    message: format!("duplicate relation id (first defined on line {first_line})"),
                });
            }
        }
        RuleSet {
            entities,
            relations,
            entity_index,
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

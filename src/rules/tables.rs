//! The `[[entity]]` and `[[relation]]` tables, field by field.

use toml::de::DeValue;

use super::demonym;
use super::model::{
    EntityKind, EntityRule, Identifiers, PREDICATE_NAMES, Predicate, RelationRule, StandsFor,
    TargetPolicy,
};
use super::read::{Checker, Fields, Table};

pub(super) const ENTITY_KEYS: &[&str] = &[
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
    "demonym",
];
pub(super) const RELATION_KEYS: &[&str] = &[
    "id",
    "predicate",
    "verbs",
    "nouns",
    "agent_nouns",
    "reciprocal",
    "requires",
    "object_nouns",
    "complements",
    "target_prepositions",
    "source_prepositions",
    "clause_target",
    "speaker_modals",
    "target",
    "default_counterpart",
    "answers",
    "needs_clause",
];

impl Checker {
    pub(super) fn entity(&mut self, table: Table) -> Option<EntityRule> {
        let fields = self.fields(&table, ENTITY_KEYS, "entity");
        self.check_id(&fields);
        let id = fields.id.clone();
        let kind = self.kind(&fields);
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
        let identifiers = self.identifiers(&fields);
        let represents = self
            .strings(&fields, "represents")
            .into_iter()
            .map(|(actor, _)| actor)
            .collect();
        let role = self.string(&fields, "role", false);
        let stands_for = self.stands_for(&fields);
        let demonym = self.demonym(&fields, kind);
        let mut aliases = aliases;
        let mut government_aliases = government_aliases;
        let generated_aliases = demonym.as_deref().map_or_else(Vec::new, |demonym| {
            generate_aliases(
                demonym,
                &mut aliases,
                &mut government_aliases,
                !stands_for.is_empty(),
            )
        });
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
            demonym,
            generated_aliases,
            line,
            // Set when the file takes its place among the layers.
            layer: 0,
        })
    }

    /// An entity's `demonym`, checked for its shape; a person has none.
    fn demonym(&mut self, fields: &Fields, kind: Option<EntityKind>) -> Option<String> {
        let demonym = self.string(fields, "demonym", false)?;
        let span = fields.table["demonym"].span();
        if !demonym::is_demonym(&demonym) {
            self.problem(
                span,
                fields.id.as_deref(),
                format!(
                    "`demonym` must be capitalised words like \"Congolese\" or \"South Sudanese\", not `{demonym}`"
                ),
            );
            return None;
        }
        if kind == Some(EntityKind::Person) {
            self.problem(
                span,
                fields.id.as_deref(),
                "`demonym` names the organs of a state or group; a person has none".into(),
            );
            return None;
        }
        Some(demonym)
    }

    fn kind(&mut self, fields: &Fields) -> Option<EntityKind> {
        let name = self.string(fields, "kind", true)?;
        let kind = EntityKind::parse(&name);
        if kind.is_none() {
            let span = fields
                .table
                .get("kind")
                .map_or(fields.span.clone(), |value| value.span());
            let known: Vec<&str> = EntityKind::ALL.iter().map(|kind| kind.name()).collect();
            self.problem(
                span,
                fields.id.as_deref(),
                format!(
                    "unknown kind `{name}` (expected one of {})",
                    known.join(", ")
                ),
            );
        }
        kind
    }

    /// The identifiers in other datasets, each checked for its shape, and
    /// `checked`, which any of them needs.
    fn identifiers(&mut self, fields: &Fields) -> Identifiers {
        let identifiers = Identifiers {
            wikidata: self.string(fields, "wikidata", false),
            dbpedia: self.string(fields, "dbpedia", false),
            geonames: self.string(fields, "geonames", false),
            cameo: self.string(fields, "cameo", false),
            checked: self.string(fields, "checked", false),
        };
        if let Some(qid) = &identifiers.wikidata {
            if !(qid.starts_with('Q')
                && qid.len() > 1
                && qid[1..].chars().all(|c| c.is_ascii_digit()))
            {
                self.problem(
                    fields.table["wikidata"].span(),
                    fields.id.as_deref(),
                    format!("`wikidata` must be an item id like Q843, not `{qid}`"),
                );
            }
        }
        if let Some(geonames) = &identifiers.geonames {
            if !geonames.chars().all(|c| c.is_ascii_digit()) {
                self.problem(
                    fields.table["geonames"].span(),
                    fields.id.as_deref(),
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
                fields.id.as_deref(),
                "identifiers need `checked`: say where each was verified".into(),
            );
        }
        identifiers
    }

    pub(super) fn stands_for(&mut self, fields: &Fields) -> Vec<StandsFor> {
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

    pub(super) fn date(&mut self, fields: &Fields, key: &str) -> Option<String> {
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

    pub(super) fn relation(&mut self, table: Table) -> Option<RelationRule> {
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
        let verbs = self.rule_words(&fields, "verbs");
        let nouns = self.rule_words(&fields, "nouns");
        let agent_nouns = self.rule_words(&fields, "agent_nouns");
        let reciprocal = self.rule_words(&fields, "reciprocal");
        let requires = self.rule_words(&fields, "requires");
        let object_nouns = self.rule_words(&fields, "object_nouns");
        let complements = self.rule_words(&fields, "complements");
        let target_prepositions = self.rule_words(&fields, "target_prepositions");
        let source_prepositions = self.rule_words(&fields, "source_prepositions");
        let speaker_modals = self.rule_words(&fields, "speaker_modals");
        let target = self.target(&fields);
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
        let answers = self.answers(&fields, id.as_deref());
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
            complements,
            target_prepositions,
            source_prepositions,
            clause_target,
            speaker_modals,
            target,
            default_counterpart,
            answers,
            needs_clause,
            line,
            // Set when the file takes its place among the layers.
            layer: 0,
        })
    }

    /// A relation's `answers`: the predicates whose acts it may answer.
    fn answers(&mut self, fields: &Fields, id: Option<&str>) -> Vec<Predicate> {
        let mut answers = Vec::new();
        for (name, span) in self.strings(fields, "answers") {
            match Predicate::parse(&name) {
                Some(predicate) if !answers.contains(&predicate) => answers.push(predicate),
                Some(_) => {}
                None => self.problem(
                    span,
                    id,
                    format!(
                        "`answers` entry `{name}` is no predicate (expected {PREDICATE_NAMES})"
                    ),
                ),
            }
        }
        answers
    }

    fn target(&mut self, fields: &Fields) -> TargetPolicy {
        match self.string(fields, "target", false).as_deref() {
            None | Some("object") => TargetPolicy::Object,
            Some("parties") => TargetPolicy::Parties,
            Some(other) => {
                self.problem(
                    fields.table["target"].span(),
                    fields.id.as_deref(),
                    format!("unknown target `{other}` (expected object or parties)"),
                );
                TargetPolicy::Object
            }
        }
    }

    /// A list of trigger words, lowercased; an entry with other characters
    /// than letters, spaces, `-`, `'` and `|` is a problem.
    fn rule_words(&mut self, fields: &Fields, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (word, span) in self.strings(fields, key) {
            if word.chars().any(|c| {
                !(c.is_alphabetic() || c == ' ' || c == '|' || c == '-' || c == '\'' || c == '’')
            }) {
                self.problem(
                    span,
                    fields.id.as_deref(),
                    format!(
                        "`{key}` entry `{word}` may hold only letters, spaces, `-`, `'` and `|`"
                    ),
                );
            } else {
                out.push(word.to_lowercase());
            }
        }
        out
    }
}

/// Adds the bare demonym and its organ phrases to an entity's names, those
/// it does not list by hand already: the demonym to `aliases`, the organs
/// to `government_aliases` when whoever governs the entity acts for it
/// (`stands_for`, as "Afghan officials" are the Taliban's), else to
/// `aliases`. Gives what it added, in order.
fn generate_aliases(
    demonym: &str,
    aliases: &mut Vec<String>,
    government_aliases: &mut Vec<String>,
    governed: bool,
) -> Vec<String> {
    let mut generated = Vec::new();
    let phrases = std::iter::once(demonym.to_owned()).chain(demonym::organ_phrases(demonym));
    for (index, phrase) in phrases.enumerate() {
        if aliases.contains(&phrase) || government_aliases.contains(&phrase) {
            continue;
        }
        generated.push(phrase.clone());
        if governed && index > 0 {
            government_aliases.push(phrase);
        } else {
            aliases.push(phrase);
        }
    }
    generated
}

#[cfg(test)]
mod tests {
    use super::{ENTITY_KEYS, RELATION_KEYS};

    /// The rows of the README table under `heading`: the keys its first
    /// column names (`wikidata`, `dbpedia`, `geonames` share a row).
    fn documented_keys(readme: &str, heading: &str) -> Vec<String> {
        let section = readme
            .split(heading)
            .nth(1)
            .unwrap_or_else(|| panic!("the README has a `{heading}` section"));
        section
            .lines()
            .skip_while(|line| !line.starts_with("| key"))
            .skip(2)
            .take_while(|line| line.starts_with('|'))
            .flat_map(|row| {
                let cell = row.split(" | ").next().unwrap_or("");
                cell.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn the_readme_documents_every_key_and_no_other() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md reads");
        for (heading, keys) in [
            ("\n### Entity keys\n", ENTITY_KEYS),
            ("\n### Relation keys\n", RELATION_KEYS),
        ] {
            let mut documented = documented_keys(&readme, heading);
            let mut known: Vec<String> = keys.iter().map(|key| key.to_string()).collect();
            documented.sort();
            known.sort();
            assert_eq!(
                documented, known,
                "README{heading} against the keys the reader takes"
            );
        }
    }
}

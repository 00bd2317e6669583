//! What spans tables: ids unique within a file, and, over every layer
//! together, references to known entities and no alias claimed by two
//! entities (each problem naming both places).

use std::collections::HashMap;

use super::RuleProblem;
use super::model::{EntityRule, LayeredRule, RelationRule, RuleSet};
use super::read::Checker;

impl Checker {
    /// Ids defined twice within the file: an error, where across layers the
    /// later definition replaces the earlier one.
    pub(super) fn duplicates(&mut self, entities: &[EntityRule], relations: &[RelationRule]) {
        self.duplicate_ids(entities);
        self.duplicate_ids(relations);
    }

    fn duplicate_ids<R: LayeredRule>(&mut self, rules: &[R]) {
        let mut first_lines: HashMap<&str, usize> = HashMap::new();
        for rule in rules {
            if let Some(&first_line) = first_lines.get(rule.id()) {
                self.problems.push(RuleProblem {
                    source: self.source.clone(),
                    line: rule.line(),
                    rule_id: Some(rule.id().to_owned()),
                    message: format!(
                        "duplicate {} id (first defined on line {first_line})",
                        R::KIND.trim_end_matches(" rule")
                    ),
                });
            } else {
                first_lines.insert(rule.id(), rule.line());
            }
        }
    }
}

/// Checks the layers together: no alias claimed by two entities, and every
/// entity a rule names defined in some layer.
pub(super) fn check_together(rules: &RuleSet) -> Vec<RuleProblem> {
    let mut problems = Vec::new();
    let mut problem = |entity: &EntityRule, message: String| {
        problems.push(RuleProblem {
            source: rules.layers[entity.layer].clone(),
            line: entity.line,
            rule_id: Some(entity.id.clone()),
            message,
        });
    };
    // In the order the files define them, so that the later of two claims
    // is the one reported.
    let mut in_file_order: Vec<&EntityRule> = rules.entities.iter().collect();
    in_file_order.sort_by_key(|entity| (entity.layer, entity.line));
    let mut alias_owner: HashMap<&str, &EntityRule> = HashMap::new();
    for &entity in &in_file_order {
        for alias in entity.aliases.iter().chain(&entity.government_aliases) {
            match alias_owner.get(alias.as_str()) {
                Some(owner) if owner.id != entity.id => problem(
                    entity,
                    format!(
                        "alias `{alias}`{} is already an alias of `{}`{} ({})",
                        generated_from(entity, alias),
                        owner.id,
                        generated_from(owner, alias),
                        place(rules, owner, entity.layer),
                    ),
                ),
                _ => {
                    alias_owner.insert(alias, entity);
                }
            }
        }
    }
    for entity in &rules.entities {
        for actor in &entity.represents {
            if rules.entity(actor).is_none() {
                problem(
                    entity,
                    format!("`represents` names unknown entity `{actor}`"),
                );
            }
        }
        for period in &entity.stands_for {
            if rules.entity(&period.actor).is_none() {
                problem(
                    entity,
                    format!("`stands_for` names unknown entity `{}`", period.actor),
                );
            }
        }
        if !entity.government_aliases.is_empty() && entity.stands_for.is_empty() {
            problem(
                entity,
                "`government_aliases` need `stands_for` to say who governs".into(),
            );
        }
    }
    problems
}

/// " (from demonym `X`)" when `demonym` generated the alias.
fn generated_from(entity: &EntityRule, alias: &str) -> String {
    match &entity.demonym {
        Some(demonym)
            if entity
                .generated_aliases
                .iter()
                .any(|phrase| phrase == alias) =>
        {
            format!(" (from demonym `{demonym}`)")
        }
        _ => String::new(),
    }
}

/// Where `entity` is defined, as seen from a problem in layer `from`: its
/// line in the same file, else its file and line.
fn place(rules: &RuleSet, entity: &EntityRule, from: usize) -> String {
    if entity.layer == from {
        format!("line {}", entity.line)
    } else {
        rules.place_of(entity)
    }
}

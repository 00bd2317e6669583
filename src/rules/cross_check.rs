//! What spans tables: unique ids, references to known entities, no alias
//! claimed by two entities.

use std::collections::HashMap;

use indexmap::IndexMap;

use super::RuleProblem;
use super::model::{EntityRule, RelationRule, RuleSet};
use super::read::Checker;

impl Checker {
    /// Checks what spans tables: unique ids, references to known entities,
    /// no alias claimed by two entities.
    pub(super) fn cross_check(
        &mut self,
        entities: Vec<EntityRule>,
        relations: Vec<RelationRule>,
    ) -> RuleSet {
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

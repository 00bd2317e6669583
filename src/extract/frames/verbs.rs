//! The frames of [`super::VERB_FRAMES`], for a trigger used as a verb:
//! passive with its agent, active, relative, control, coordination and
//! participle, each reading the source off the subject the tree gives.

use super::*;

impl TreeReader<'_, '_> {
    pub(super) fn passive(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        if !rule.complements.is_empty() {
            return None;
        }
        let verb = trigger.token;
        let participle = trigger.entry.role == WordRole::Verb(VerbForm::Past)
            && self.tree.child(verb, &["nsubj"]).is_none();
        let reduced = participle && matches!(self.tree.deprel(verb), "acl" | "amod");
        // "after talks mediated by Qatar", read as a clause whose subject is
        // "talks": a participle with an agent and no auxiliary is passive.
        let agented = trigger.entry.role == WordRole::Verb(VerbForm::Past)
            && self.tree.xpos(verb) == "VBN"
            && self.tree.child(verb, &["obl:agent"]).is_some()
            && self.tree.child(verb, &["aux", "aux:pass"]).is_none();
        // "Pressed by Washington, Islamabad agreed": a participle opening
        // the sentence, whose patient is the subject of the verb it hangs
        // on.
        let fronted = participle
            && self.tree.deprel(verb) == "advcl"
            && self.tree.head(verb).is_some_and(|head| head > verb);
        if !(self.is_passive(verb) || reduced || fronted || agented) {
            return None;
        }
        let agent = self.agents(verb).next()?;
        let sources = self.actors(agent, 0);
        let patient = if reduced {
            self.tree.head(verb)
        } else if fronted && !self.is_passive(verb) {
            self.tree
                .head(verb)
                .and_then(|head| self.tree.child(head, &["nsubj", "nsubj:pass"]))
        } else if agented && !self.is_passive(verb) {
            self.tree.child(verb, &["nsubj", "nsubj:pass"])
        } else {
            self.tree.child(verb, &["nsubj:pass"])
        };
        let targets = match (rule.target, patient) {
            (TargetPolicy::Parties, _) | (_, None) => None,
            (TargetPolicy::Object, Some(patient)) if !rule.object_nouns.is_empty() => {
                Some(self.object_noun_owners(rule, patient)?)
            }
            (TargetPolicy::Object, Some(patient)) => {
                let mut targets = self.actors(patient, 0);
                if targets.is_empty() {
                    targets = self.owners(patient);
                }
                Some(targets)
            }
        };
        Some(found(sources, targets, Frame::Passive))
    }

    pub(super) fn subject_frame(
        &self,
        rule: &RelationRule,
        trigger: Trigger<'_>,
        frame: Frame,
    ) -> Option<Found> {
        if self.is_passive(trigger.token) {
            return None;
        }
        let (sources, found_frame) = self.subject(trigger.token, 0)?;
        if found_frame != frame {
            return None;
        }
        // "Pakistan and the Taliban accused each other": each of the two
        // subjects acts on the other.
        if let [a, b] = sources.as_slice()
            && self.has_reciprocal_object(trigger.token)
        {
            return Some(found(
                sources.clone(),
                Some(vec![*a, *b]),
                Frame::Reciprocal,
            ));
        }
        let targets = self.verb_targets(rule, trigger, &sources);
        if targets.is_none()
            && (!rule.object_nouns.is_empty()
                || (!rule.complements.is_empty()
                    // (a rejection of what was said names no one: it answers)
                    && (rule.answers.is_empty()
                        || !self.denies_a_statement(rule, trigger.token)))
                || (rule.target == TargetPolicy::Object && self.reports_clause_only(trigger.token))
                || (rule.clause_target && !rule.default_counterpart))
        {
            return None;
        }
        Some(found(sources, targets, frame))
    }

    pub(super) fn active(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Active)
    }

    pub(super) fn relative(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        // "the accusation the Taliban denies": a relative clause without a
        // pronoun whose antecedent is the verb's object.
        let verb = trigger.token;
        if self.tree.deprel(verb) == "acl:relcl"
            && rule.complements.is_empty()
            && self.misread_relative_subject(verb).is_none()
            && let Some(subject) = self.tree.child(verb, &["nsubj"])
            && !RELATIVE_PRONOUNS.contains(self.tree.word(subject))
            && self.tree.child(verb, &["obj"]).is_none()
        {
            let sources = self.actors(subject, 0);
            let antecedent = self.tree.head(verb)?;
            let targets = if rule.target == TargetPolicy::Parties {
                None
            } else if !rule.object_nouns.is_empty() {
                Some(self.object_noun_owners(rule, antecedent)?)
            } else {
                let mut targets = self.actors(antecedent, 0);
                if targets.is_empty() {
                    targets = self.owners(antecedent);
                }
                Some(targets)
            };
            return Some(found(sources, targets, Frame::Relative));
        }
        self.subject_frame(rule, trigger, Frame::Relative)
    }

    pub(super) fn control(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Control)
    }

    pub(super) fn coordination(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Coordination)
    }

    pub(super) fn participle(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Participle)
    }

    /// "a Qatar-brokered ceasefire", "Turkish-mediated talks between
    /// Pakistan and the Taliban": the actor before the hyphen mediates the
    /// talks the participle modifies, whose parties are found as for any
    /// talks. The lexicon gives compounds only of rules whose targets are
    /// the parties (`TriggerLexicon::compound_entries`).
    pub(super) fn compound(&self, trigger: Trigger<'_>) -> Option<Found> {
        let modified = self.tree.head(trigger.token)?;
        if !matches!(self.tree.deprel(trigger.token), "amod" | "compound" | "acl")
            || !self.tree.is_nominal(modified)
        {
            return None;
        }
        Some(found(
            self.chunk_actors(trigger.token),
            None,
            Frame::Compound,
        ))
    }
}

//! The frames of [`super::NOUN_FRAMES`], for a trigger noun (the act) or
//! agent noun: its possessor, a modifier, a source preposition's phrase, an
//! apposition, a light verb ("X set preconditions") and a clause that makes
//! it ("the demands Pakistan made").

use super::*;

impl TreeReader<'_, '_> {
    /// The noun and, when it modifies another noun of the same act ("the
    /// mediation role", "mediation efforts"), that noun too.
    pub(super) fn noun_heads(&self, noun: usize) -> Vec<usize> {
        let mut heads = vec![noun];
        if self.tree.deprel(noun) == "compound"
            && let Some(head) = self.tree.head(noun)
        {
            heads.push(head);
        }
        heads
    }

    pub(super) fn noun_found(
        &self,
        rule: &RelationRule,
        trigger: Trigger<'_>,
        sources: Vec<usize>,
        frame: Frame,
    ) -> Option<Found> {
        if sources.is_empty() {
            return None;
        }
        let targets = self
            .noun_heads(trigger.token)
            .into_iter()
            .find_map(|noun| self.noun_targets(rule, noun, &sources));
        Some(found(sources, targets, frame))
    }

    pub(super) fn possessive(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        let mut sources = Vec::new();
        for noun in self.noun_heads(trigger.token) {
            for owner in self.tree.children(noun, &["nmod:poss"]) {
                merge(&mut sources, self.actors(owner, 0));
            }
        }
        self.noun_found(rule, trigger, sources, Frame::Possessive)
    }

    pub(super) fn modifier(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        let mut sources = self.chunk_actors(trigger.token);
        for noun in self.noun_heads(trigger.token) {
            for modifier in self.tree.children(noun, &["compound", "amod"]) {
                if modifier != trigger.token {
                    merge(&mut sources, self.actors(modifier, 0));
                }
            }
        }
        self.noun_found(rule, trigger, sources, Frame::Modifier)
    }

    pub(super) fn prepositional(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        let mut sources = Vec::new();
        for noun in self.noun_heads(trigger.token) {
            let modifiers = self.noun_modifiers(noun);
            for modifier in modifiers {
                let case = self.tree.case(modifier);
                if case.is_some_and(|c| rule.source_prepositions.iter().any(|p| p == c))
                    || (trigger.entry.role == WordRole::Agent
                        && case.is_some_and(|c| MEMBER_CASES.contains(c)))
                {
                    merge(&mut sources, self.actors(modifier, 0));
                }
            }
        }
        self.noun_found(rule, trigger, sources, Frame::Prepositional)
    }

    /// Agent nouns: "Qatar, the mediator", "the mediators, Qatar and
    /// Turkey", "Qatar was the mediator", "Qatar acted as mediator".
    pub(super) fn apposition(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        if trigger.entry.role != WordRole::Agent {
            return None;
        }
        let noun = trigger.token;
        let mut sources = Vec::new();
        if self.tree.deprel(noun) == "appos"
            && let Some(head) = self.tree.head(noun)
        {
            merge(&mut sources, self.actors(head, 0));
        }
        for child in self.tree.children(noun, &["appos", "nsubj"]) {
            merge(&mut sources, self.actors(child, 0));
        }
        if sources.is_empty()
            && self.tree.case(noun) == Some("as")
            && let Some(verb) = self.tree.head(noun)
            && let Some((actors, _)) = self.subject(verb, 1)
        {
            sources = actors;
        }
        self.noun_found(rule, trigger, sources, Frame::Apposition)
    }

    /// "Pakistan made a demand", "Islamabad set preconditions", "Iran
    /// joined the mediation efforts".
    pub(super) fn light_verb(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        if trigger.entry.role != WordRole::Noun {
            return None;
        }
        let noun = self
            .noun_heads(trigger.token)
            .into_iter()
            .find(|&noun| self.tree.deprel(noun) == "obj")?;
        let verb = self.tree.head(noun)?;
        let word = self.tree.word(verb);
        if !(relations::LIGHT_VERBS.contains(word) || MORE_LIGHT_VERBS.contains(word)) {
            return None;
        }
        let (sources, _) = self.subject(verb, 1)?;
        self.noun_found(rule, trigger, sources, Frame::LightVerb)
    }

    /// Whether the word before a trigger noun, a light verb to the shallow
    /// frames, modifies it ("renewed mediation", "repeated demands").
    pub(in crate::extract) fn light_verb_is_modifier(&self, trigger: Trigger<'_>) -> bool {
        let noun = trigger.token;
        trigger.entry.role == WordRole::Noun
            && noun > 0
            && relations::LIGHT_VERBS.contains(self.tree.word(noun - 1))
            && self.tree.head(noun - 1) == Some(noun)
            && self.tree.deprel(noun - 1) == "amod"
    }

    /// The act's noun with the clause that makes it: "the demands that
    /// Pakistan made of the Taliban", "the charges Islamabad levelled",
    /// "the demands made by Pakistan at the talks".
    pub(super) fn made_by(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        if trigger.entry.role != WordRole::Noun {
            return None;
        }
        let (sources, mut targets) = self.makers(trigger.token);
        let mut found = self.noun_found(rule, trigger, sources, Frame::Relative)?;
        targets.retain(|target| !found.sources.contains(target));
        if found.targets.is_none() && !targets.is_empty() {
            found.targets = Some(targets);
        }
        Some(found)
    }

    /// Who makes a noun of speech or action in a clause on it, and of whom
    /// ("the demands that Pakistan made of the Taliban", "the charges made
    /// by Islamabad against Kabul").
    pub(super) fn makers(&self, noun: usize) -> (Vec<usize>, Vec<usize>) {
        // Not who rejects or denies it: "a request Kabul rejected" was made
        // of Kabul, not by it.
        let makes = |verb: usize| {
            let word = self.tree.word(verb);
            relations::LIGHT_VERBS.contains(word)
                || MORE_LIGHT_VERBS.contains(word)
                || (STATEMENT_VERBS.contains(word)
                    && !ANSWERS.contains(word)
                    && !DENIALS.contains(word))
        };
        let (mut sources, mut targets) = (Vec::new(), Vec::new());
        // "rejected the demands that the Pakistani delegation put forward",
        // with the clause hung on the verb as its complement: a clause of
        // making that opens with "that" right after the object noun.
        let misattached: Vec<usize> = match self.tree.head(noun) {
            Some(verb) if self.tree.deprel(noun) == "obj" => self
                .tree
                .children(verb, &["ccomp"])
                .filter(|&clause| {
                    noun + 1 < self.tree.tokens.len()
                        && self.tree.word(noun + 1) == "that"
                        && self.phrase_start(clause) == noun + 1
                        && self.tree.child(clause, &["aux:pass"]).is_none()
                })
                .collect(),
            _ => Vec::new(),
        };
        for &clause in &misattached {
            if makes(clause)
                && let Some(subject) = self.tree.child(clause, &["nsubj", "nsubj:pass"])
            {
                merge(&mut sources, self.actors(subject, 0));
            }
        }
        for clause in self.tree.children(noun, &["acl:relcl", "acl"]) {
            if !makes(clause) {
                continue;
            }
            if self.is_passive(clause) || self.tree.deprel(clause) == "acl" {
                for agent in self.tree.children(clause, &["obl:agent", "obl"]) {
                    if self.tree.case(agent) == Some("by") {
                        merge(&mut sources, self.actors(agent, 0));
                    }
                }
            } else if let Some(subject) = self.tree.child(clause, &["nsubj"]) {
                merge(&mut sources, self.actors(subject, 0));
            }
            for oblique in self.tree.children(clause, &["obl"]) {
                if matches!(
                    self.tree.case(oblique),
                    Some("of" | "against" | "on" | "upon")
                ) {
                    merge(&mut targets, self.actors(oblique, 0));
                }
            }
        }
        (sources, targets)
    }
}

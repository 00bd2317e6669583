//! The parties of the talks a sentence names: "talks between X and Y", "X
//! resumed talks with Y", "X and Y agreed to a ceasefire".

use super::*;

impl TreeReader<'_, '_> {
    /// The pairs of parties of the talks this sentence names: "talks
    /// between X and Y", "X resumed talks with Y", "X and Y agreed to a
    /// ceasefire".
    pub(in crate::extract) fn talk_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        let mut add = |first: &[usize], second: &[usize]| {
            if let ([a], [b]) = (first, second)
                && a != b
            {
                let pair = ((*a).min(*b), (*a).max(*b));
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        };
        for verb in 0..self.tree.tokens.len() {
            if MEETING_VERBS.contains(self.tree.word(verb))
                && self.tree.upos(verb) == "VERB"
                && let Some(subject) = self.tree.child(verb, &["nsubj"])
                && let [a, b] = self.actors(subject, 0).as_slice()
            {
                add(&[*a], &[*b]);
            }
        }
        for noun in 0..self.tree.tokens.len() {
            if !TALK_NOUNS.contains(self.tree.word(noun)) || !self.tree.is_nominal(noun) {
                continue;
            }
            let verb = self.tree.head(noun).filter(|&verb| {
                matches!(
                    self.tree.deprel(noun),
                    "obj" | "obl" | "nsubj" | "nsubj:pass"
                ) && PARTY_VERBS.contains(self.tree.word(verb))
            });
            let mut with = Vec::new();
            let modifiers = self.tree.children(noun, &["nmod"]);
            let verb_modifiers = verb
                .into_iter()
                .flat_map(|verb| self.tree.children(verb, &["obl"]));
            for modifier in modifiers.chain(verb_modifiers) {
                match self.tree.case(modifier) {
                    Some("between") => {
                        let both = self.actors(modifier, 0);
                        if let [a, b] = both.as_slice() {
                            add(&[*a], &[*b]);
                        }
                    }
                    Some("with") => merge(&mut with, self.actors(modifier, 0)),
                    _ => {}
                }
            }
            let mut own = Vec::new();
            for owner in self.tree.children(noun, &["nmod:poss", "compound", "amod"]) {
                merge(&mut own, self.actors(owner, 0));
            }
            // The verb's own subject, or the one it shares by control
            // ("Pakistan agreed to resume talks with Kabul"); not through a
            // purpose clause ("Turkey sent envoys to resume talks").
            if own.is_empty()
                && let Some(verb) = verb
            {
                if let Some(subject) = self.tree.child(verb, &["nsubj"]) {
                    own = self.actors(subject, 0);
                } else if self.tree.deprel(verb) == "xcomp"
                    && let Some(controller) = self.tree.head(verb)
                    && let Some(subject) = self.tree.child(controller, &["nsubj"])
                {
                    own = self.actors(subject, 0);
                }
            }
            if let [a, b] = own.as_slice() {
                add(&[*a], &[*b]);
            }
            add(&own, &with);
        }
        pairs
    }
}

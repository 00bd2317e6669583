//! Targets: whom a verb or a noun acts on. The object of an active verb or
//! the owner of its object noun, a phrase with one of the rule's target
//! prepositions, a gapped second object, what a verb names an actor as (the
//! rule's complements: "said Rwanda was the real enemy"), and the targets of
//! a noun ("accusations against Kabul", whoever rebuffs a demand).

use super::*;

impl TreeReader<'_, '_> {
    /// The targets of an active verb: its object (or the owner of an object
    /// noun), a phrase with one of the rule's target prepositions, or the
    /// subject of a demanded clause ("insisted that Kabul act").
    pub(super) fn verb_targets(
        &self,
        rule: &RelationRule,
        trigger: Trigger<'_>,
        sources: &[usize],
    ) -> Option<Vec<usize>> {
        let verb = trigger.token;
        if rule.target == TargetPolicy::Parties {
            return None;
        }
        if !rule.object_nouns.is_empty() {
            let object = self.tree.child(verb, &["obj"])?;
            return self.object_noun_owners(rule, object);
        }
        if !rule.complements.is_empty() {
            let mut targets = self.labelled(rule, verb);
            targets.retain(|target| !sources.contains(target));
            return (!targets.is_empty()).then_some(targets);
        }
        let mut targets = Vec::new();
        let misread_object = self.misread_objects(verb);
        let denial = DENIALS.contains(self.tree.word(verb));
        for object in self
            .tree
            .children(verb, &["obj", "iobj"])
            .chain(misread_object)
        {
            if denial {
                // Only the owner of a claim: "denied Pakistan's claims".
                if ACT_NOUNS.contains(self.tree.word(object)) {
                    merge(&mut targets, self.owners(object));
                }
                continue;
            }
            // "the TTP, whom Islamabad accuses": the antecedent is the object.
            if RELATIVE_PRONOUNS.contains(self.tree.word(object))
                && self.tree.deprel(verb) == "acl:relcl"
                && let Some(antecedent) = self.tree.head(verb)
            {
                merge(&mut targets, self.actors(antecedent, 0));
                continue;
            }
            merge(&mut targets, self.actors(object, 0));
            if targets.is_empty() {
                merge(&mut targets, self.owners(object));
            }
        }
        if !targets.is_empty() {
            merge(&mut targets, self.gapped_objects(verb));
        }
        let particle = trigger.entry.rest.last().map(String::as_str);
        // A second target with its preposition after the first one's clause,
        // which the parser may join to the verb: "called on Rwanda to
        // withdraw and on Congo to stop supporting the militia".
        let gapped = self
            .tree
            .children(verb, &["conj"])
            .filter(|&conj| self.tree.is_nominal(conj));
        for oblique in self
            .tree
            .children(verb, &["obl", "obl:unmarked"])
            .chain(gapped)
        {
            let Some(case) = self.tree.case(oblique) else {
                continue;
            };
            if rule.target_prepositions.iter().any(|p| p == case) || particle == Some(case) {
                // Or the owner of what the phrase names: "called for
                // Pakistan's cooperation", "lashed out at Kabul's policy".
                let mut named = self.actors(oblique, 0);
                if named.is_empty() {
                    named = self.owners(oblique);
                }
                merge(&mut targets, named);
            }
        }
        if targets.is_empty() && rule.clause_target {
            for clause in self.tree.children(verb, &["ccomp"]) {
                merge(&mut targets, self.clause_subject(clause));
            }
            // "demanded that Kabul act", with "act" tagged a noun: the
            // clause's subject became the modifier of a phrase opened by
            // "that".
            for phrase in self.tree.children(verb, &["ccomp", "obl", "obj"]) {
                let that = self
                    .tree
                    .child(phrase, &["case", "mark"])
                    .is_some_and(|mark| self.tree.word(mark) == "that");
                if that && self.tree.is_nominal(phrase) && targets.is_empty() {
                    for subject in self.tree.children(phrase, &["compound", "nmod:poss"]) {
                        merge(&mut targets, self.actors(subject, 0));
                    }
                }
            }
        }
        targets.retain(|target| !sources.contains(target));
        (!targets.is_empty()).then_some(targets)
    }

    /// Whether a charge says what was done, with "of" and a gerund: "the
    /// charge of hosting militants" (however the parser hung the gerund).
    pub(super) fn charges_an_act(&self, noun: usize) -> bool {
        self.tree.children(noun, &["nmod", "acl"]).any(|phrase| {
            self.tree
                .child(phrase, &["case", "mark"])
                .is_some_and(|of| self.tree.word(of) == "of" && of == noun + 1)
                && (noun + 2 < self.tree.tokens.len() && self.tree.xpos(noun + 2) == "VBG")
        })
    }

    /// A second object with its own phrase after the first one's, which the
    /// parser hangs as a conjunct somewhere inside the first one's phrase:
    /// "accused the TTP of the bombing and the BLA of the attack", "urged
    /// Islamabad to show restraint and Kabul to rein in the militants". The
    /// conjunct is a name followed by the word that followed the first
    /// object ("of", "to", "for").
    pub(super) fn gapped_objects(&self, verb: usize) -> Vec<usize> {
        let Some(object) = self.tree.child(verb, &["obj", "iobj"]) else {
            return Vec::new();
        };
        let word_after =
            |token: usize| (token + 1 < self.tree.tokens.len()).then(|| self.tree.word(token + 1));
        let Some(marker) = word_after(object).filter(|word| matches!(*word, "of" | "to" | "for"))
        else {
            return Vec::new();
        };
        let mut objects = Vec::new();
        for conjunct in object + 2..self.tree.tokens.len() {
            if self.tree.deprel(conjunct) == "conj"
                && self.tree.is_nominal(conjunct)
                && self.descends_from(conjunct, verb)
                && word_after(conjunct) == Some(marker)
            {
                merge(&mut objects, self.chunk_actors(conjunct));
            }
        }
        objects
    }

    /// Names right after a verb that the parser labelled its apposition or
    /// its complement clause (labels no verb's object takes) are its
    /// objects: "urge Pakistan, Taliban to extend", "the ministry blamed
    /// the Afghan Taliban for the attack" (with "blamed" read as a modifier
    /// of "ministry" and the name as its complement).
    pub(super) fn misread_objects(&self, verb: usize) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .children(verb, &["appos", "xcomp"])
            .filter(move |&child| {
                child > verb
                    && if self.tree.deprel(child) == "appos" {
                        self.tree.is_nominal(child)
                    } else {
                        matches!(self.tree.upos(child), "PROPN" | "NOUN")
                            && self.tree.child(child, &["cop"]).is_none()
                            && !self.chunk_actors(child).is_empty()
                    }
            })
    }

    /// With object nouns ("denounced Pakistan's demands"), the act counts
    /// only when one of them heads the object, and its owner is the target
    /// (none named: "Pakistan wants written guarantees").
    pub(super) fn object_noun_owners(
        &self,
        rule: &RelationRule,
        noun: usize,
    ) -> Option<Vec<usize>> {
        let mut nouns = vec![noun];
        nouns.extend(self.tree.children(noun, &["conj"]));
        // An object complement the tagger took for the head noun, the
        // object its compound: "called the allegation baseless".
        nouns.extend(self.tree.children(noun, &["compound"]));
        // An owner without its determiner that the parser took for the
        // object, hanging the owned noun on it as an object of its own (a
        // label no noun takes): "citing Taliban delegation's unwillingness".
        nouns.extend(self.tree.children(noun, &["obj"]));
        let mut owners = Vec::new();
        let mut named = false;
        for noun in nouns {
            if rule.object_nouns.iter().any(|n| n == self.tree.word(noun)) {
                named = true;
                merge(&mut owners, self.owners(noun));
                // The rule's target preposition on the object rather than
                // on the verb: "sought guarantees from the Taliban".
                if owners.is_empty() {
                    for phrase in self.noun_modifiers(noun) {
                        let case = self.tree.case(phrase);
                        if case
                            .is_some_and(|case| rule.target_prepositions.iter().any(|p| p == case))
                        {
                            merge(&mut owners, self.actors(phrase, 1));
                        }
                    }
                }
            }
        }
        named.then_some(owners)
    }

    /// With complements, whom the verb reports or names as one of them: the
    /// subject of a reported clause ("said Rwanda was the real enemy", "said
    /// Thailand had violated the ceasefire", or a passive's agent), the
    /// object named as one ("called Pakistan a terrorist state", "described
    /// Kabul as a haven for militants"), or the owner of a proxy ("said the
    /// M23 was Rwanda's proxy"). A negated or hedged complement ("was no
    /// enemy", "could become a proxy") names no one.
    pub(super) fn labelled(&self, rule: &RelationRule, verb: usize) -> Vec<usize> {
        let mut targets = Vec::new();
        for clause in self.tree.children(verb, &["ccomp"]) {
            // "said Rwanda was the real enemy", or a hostile act as the
            // clause's verb: "said Thailand had violated the ceasefire",
            // "said the posts were shelled by Thai troops".
            if self.states_complement(rule, clause) {
                merge(&mut targets, self.said_of(clause));
            }
        }
        // A small clause the parser read with the name inside the
        // complement: "held Pakistan responsible", "Pakistan" its compound.
        for complement in self.tree.children(verb, &["xcomp"]) {
            if self.is_complement(rule, complement) && self.plainly_stated(complement) {
                for named in self.tree.children(complement, &["nsubj", "compound"]) {
                    if named < complement {
                        merge(&mut targets, self.chunk_actors(named));
                    }
                }
            }
        }
        // "called Pakistan an aggressor", which the parser may read as two
        // objects: the first is the one named.
        let Some(object) = self
            .tree
            .child(verb, &["iobj"])
            .or_else(|| self.tree.child(verb, &["obj"]))
        else {
            return targets;
        };
        // An adjective too as the object's complement: "held Pakistan
        // responsible for the attack".
        let named_as = |phrase: usize| {
            let adjective = self.tree.upos(phrase) == "ADJ" && self.tree.deprel(phrase) == "xcomp";
            phrase > object
                && (self.tree.is_nominal(phrase) || adjective)
                && (matches!(self.tree.deprel(phrase), "xcomp" | "obl:unmarked" | "obj")
                    || self
                        .tree
                        .child(phrase, &["case", "mark"])
                        .is_some_and(|mark| self.tree.word(mark) == "as"))
        };
        // The parser may hang "as a proxy" on the object rather than on the verb.
        let complements: Vec<usize> = self
            .tree
            .children(verb, &["xcomp", "obl", "obl:unmarked", "advcl", "obj"])
            .chain(self.tree.children(object, &["nmod", "acl"]))
            .filter(|&phrase| named_as(phrase))
            .collect();
        for complement in complements {
            if self.is_complement(rule, complement) && self.plainly_stated(complement) {
                let owners = self.proxy_owners(complement);
                if owners.is_empty() {
                    merge(&mut targets, self.actors(object, 0));
                } else {
                    merge(&mut targets, owners);
                }
            }
        }
        targets
    }

    /// The head of an interview answer's main clause (past the "A:" the
    /// parser may make the root).
    pub(in crate::extract) fn answer_clause(&self) -> Option<usize> {
        let root = (0..self.tree.tokens.len()).find(|&token| self.tree.head(token).is_none())?;
        let labelled = self.tree.word(root) == "a"
            && self
                .tree
                .tokens
                .get(root + 1)
                .is_some_and(|token| token.norm == ":");
        if labelled {
            return self
                .tree
                .child(root, &["parataxis", "appos", "dep", "ccomp", "conj"]);
        }
        Some(root)
    }

    /// In an interview's answer, the sentence itself as what its speaker
    /// says: a main clause stating a complement of the rule ("The Afghan
    /// regime shelters the TTP", "Pakistan is the aggressor") is the
    /// speaker's act on whom it is said of. Gives the act and the clause's
    /// head.
    pub(in crate::extract) fn answer_statement(
        &self,
        rule: &RelationRule,
    ) -> Option<(Found, usize)> {
        let speaker = self.speaker?;
        let root = self.answer_clause()?;
        self.statement(rule, root, vec![speaker])
            .map(|found| (found, root))
    }

    /// "According to Taliban officials, Pakistan's airstrikes killed
    /// civilians": the clause attributed to those an "according to" phrase
    /// names is their statement. Gives the act and the phrase's "according".
    pub(in crate::extract) fn attributed_statement(
        &self,
        rule: &RelationRule,
    ) -> Option<(Found, usize)> {
        (0..self.tree.tokens.len()).find_map(|according| {
            if self.tree.word(according) != "according" || self.tree.deprel(according) != "case" {
                return None;
            }
            let named = self.tree.head(according)?;
            let clause = self.tree.head(named)?;
            let speakers = self.actors(named, 0);
            if speakers.is_empty() {
                return None;
            }
            self.statement(rule, clause, speakers)
                .map(|found| (found, according))
        })
    }

    /// A clause stating a complement of the rule, said by `speakers`: their
    /// act on whom it is said of (or on the owner of its subject: "Pakistan's
    /// airstrikes killed civilians"), when stated plainly and not asked.
    fn statement(&self, rule: &RelationRule, clause: usize, speakers: Vec<usize>) -> Option<Found> {
        if !self.states_complement(rule, clause)
            || self.is_question(clause)
            || self.tree.child(clause, &["nsubj", "nsubj:pass"]).is_none()
            || self.modality(clause, Frame::Active) != Modality::Asserted
        {
            return None;
        }
        let mut targets = self.said_of(clause);
        if targets.is_empty() && !self.is_passive(clause) {
            for subject in self.tree.children(clause, &["nsubj"]) {
                for owner in self.tree.children(subject, &["nmod:poss"]) {
                    merge(&mut targets, self.actors(owner, 0));
                }
            }
        }
        let rules = self.reader.rules();
        targets.retain(|&target| {
            speakers
                .iter()
                .all(|&speaker| !relations::same_side(rules, speaker, target))
        });
        (!targets.is_empty()).then(|| found(speakers, Some(targets), Frame::Active))
    }

    /// Whether a verb reports a statement that calls something said before
    /// one of the rule's complements ("“That is false,” Mujahid said", "he
    /// said the claim was baseless"): a copular clause whose subject is a
    /// demonstrative or a claim, reported by the verb or quoted before it.
    pub(in crate::extract) fn denies_a_statement(&self, rule: &RelationRule, verb: usize) -> bool {
        let quoted = (self.tree.deprel(verb) == "parataxis")
            .then(|| self.tree.head(verb))
            .flatten();
        self.tree
            .children(verb, &["ccomp"])
            .chain(quoted)
            .any(|clause| self.calls_a_statement(rule, clause))
    }

    /// "That is false", "the claim is baseless": a copular clause naming a
    /// complement of the rule, plainly, of a demonstrative or a claim.
    pub(in crate::extract) fn calls_a_statement(&self, rule: &RelationRule, clause: usize) -> bool {
        self.tree.child(clause, &["cop"]).is_some()
            && self.states_complement(rule, clause)
            && self.tree.child(clause, &["nsubj"]).is_some_and(|subject| {
                matches!(
                    self.tree.word(subject),
                    "that" | "this" | "it" | "these" | "those"
                ) || ACT_NOUNS.contains(self.tree.word(subject))
            })
    }

    /// Whether a clause states one of the rule's complements, plainly: its
    /// predicate noun or adjective ("Rwanda was the real enemy") or its verb
    /// ("Thailand had violated the ceasefire").
    fn states_complement(&self, rule: &RelationRule, clause: usize) -> bool {
        let predicate =
            self.tree.child(clause, &["cop"]).is_some() || self.tree.upos(clause) == "VERB";
        predicate && self.is_complement(rule, clause) && self.plainly_stated(clause)
    }

    /// Whom a clause stating a complement is said of: the owner of a proxy,
    /// the agent of a passive ("had been attacked by the TTP"; never whom
    /// it was done to), else its subject.
    fn said_of(&self, clause: usize) -> Vec<usize> {
        let owners = self.proxy_owners(clause);
        if !owners.is_empty() {
            return owners;
        }
        if !self.is_passive(clause) {
            return self.clause_subject(clause);
        }
        let mut agents = Vec::new();
        for agent in self.agents(clause) {
            merge(&mut agents, self.actors(agent, 0));
        }
        agents
    }

    /// Whether a noun, or an adjective or noun before it, is one of the
    /// rule's complements ("enemy", "a terrorist state", "proxies").
    pub(super) fn is_complement(&self, rule: &RelationRule, noun: usize) -> bool {
        let listed = |token: usize| rule.is_complement(self.tree.word(token));
        listed(noun)
            || self
                .tree
                .children(noun, &["amod", "compound"])
                .any(|modifier| modifier < noun && listed(modifier))
    }

    /// Whether a complement is stated as it stands: not negated ("was not
    /// the enemy", "is no proxy") and not hedged by a modal ("could become").
    pub(super) fn plainly_stated(&self, complement: usize) -> bool {
        !self.tree.children[complement].iter().any(|&child| {
            let word = self.tree.word(child);
            let deprel = self.tree.deprel(child);
            ((NEGATIONS.contains(word) || word.ends_with("n't"))
                && matches!(deprel, "advmod" | "aux" | "det" | "cop"))
                || (deprel.starts_with("aux") && MODALS.contains(word))
                || (deprel == "mark" && CONDITIONS.contains(word))
        })
    }

    /// The actor whose proxy a complement says something is: "Rwanda's
    /// proxy", "a proxy of Delhi", "its proxy".
    pub(super) fn proxy_owners(&self, noun: usize) -> Vec<usize> {
        if !PROXIES.contains(self.tree.word(noun)) {
            return Vec::new();
        }
        let mut owners = Vec::new();
        for owner in self.tree.children(noun, &["nmod:poss", "nmod"]) {
            if self.tree.deprel(owner) == "nmod:poss"
                || matches!(self.tree.case(owner), Some("of" | "for"))
            {
                merge(&mut owners, self.actors(owner, 0));
            }
        }
        owners
    }

    /// The targets of a noun: phrases with the rule's target prepositions
    /// ("accusations against Kabul"), the subject of a demanded clause.
    pub(super) fn noun_targets(
        &self,
        rule: &RelationRule,
        noun: usize,
        sources: &[usize],
    ) -> Option<Vec<usize>> {
        if rule.target == TargetPolicy::Parties {
            return None;
        }
        let mut targets = Vec::new();
        for modifier in self.tree.children(noun, &["nmod", "obl"]) {
            let case = self.tree.case(modifier);
            let is_source = case.is_some_and(|c| rule.source_prepositions.iter().any(|p| p == c));
            let is_target = case.is_some_and(|c| rule.target_prepositions.iter().any(|p| p == c));
            if is_target && !is_source {
                merge(&mut targets, self.actors(modifier, 0));
            }
        }
        if targets.is_empty() && rule.clause_target {
            for clause in self.tree.children(noun, &["acl", "ccomp", "acl:relcl"]) {
                if self.tree.deprel(clause) == "acl:relcl" && !self.is_content_clause(clause) {
                    continue;
                }
                merge(&mut targets, self.clause_subject(clause));
            }
        }
        // "Kabul rebuffed calls from Iran": whoever answers a demand is
        // whom it was made of; "Kabul rejected the charges Pakistan
        // levelled": whoever rejects or denies a charge a clause on it says
        // someone made, whom it was against ("denied Pakistan's claims"
        // alone, or "claims that its strikes hit only militants", say no
        // more than a rejection).
        let answers = |verb: usize| {
            let word = self.tree.word(verb);
            match rule.predicate {
                Predicate::Demands => ANSWERS.contains(word),
                // A charge, allegation or accusation (a "claim" need not be
                // about whoever dismisses it).
                Predicate::Accuses => {
                    (ANSWERS.contains(word) || DENIALS.contains(word))
                        && CHARGES.contains(self.tree.word(noun))
                        && (!self.makers(noun).0.is_empty() || self.charges_an_act(noun))
                }
                _ => false,
            }
        };
        if targets.is_empty()
            && matches!(self.tree.deprel(noun), "obj" | "nsubj:pass")
            && let Some(verb) = self.tree.head(noun)
            && answers(verb)
        {
            let answerer = if self.tree.deprel(noun) == "obj" {
                self.subject(verb, 0).map(|(actors, _)| actors)
            } else {
                self.tree
                    .children(verb, &["obl:agent", "obl"])
                    .find(|&agent| self.tree.case(agent) == Some("by"))
                    .map(|agent| self.actors(agent, 0))
            };
            // A spokesperson who rebuffs a demand answers for their side.
            let rules = self.reader.rules();
            let sides = answerer.unwrap_or_default().into_iter().map(|actor| {
                rules.entities[actor]
                    .represents
                    .first()
                    .and_then(|side| rules.entity_index(side))
                    .unwrap_or(actor)
            });
            merge(&mut targets, sides.collect());
        }
        targets.retain(|target| !sources.contains(target));
        (!targets.is_empty()).then_some(targets)
    }
}

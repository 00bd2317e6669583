//! Whether what a trigger seems to state holds: its modality (negation,
//! modals, conditions, counterfactuals), whether the word is used as the
//! rule's word at all, whether its object names anyone, whether it states
//! nothing (a question, a clause naming no actor), and what a rejection
//! rejects. The frames find who and whom; this says whether and how.

use super::*;

impl TreeReader<'_, '_> {
    /// Whether a "without" phrase opens a counterfactual: the clause it
    /// hangs on is hedged by "would" or "could" ("without his mediation
    /// there would be no ceasefire", "without Qatar, the talks could have
    /// collapsed"), which presupposes what the phrase names.
    pub(super) fn counterfactual(&self, phrase: usize) -> bool {
        let hedged = |clause: usize| {
            phrase < clause
                && self
                    .tree
                    .children(clause, &["aux"])
                    .any(|aux| matches!(self.tree.word(aux), "would" | "could" | "might"))
        };
        // Without a comma the parser may make the phrase the sentence and
        // the clause hang on it.
        self.tree.head(phrase).is_some_and(hedged)
            || (self.tree.deprel(phrase) == "root"
                && self
                    .tree
                    .children(phrase, &["acl", "acl:relcl", "parataxis", "dep"])
                    .any(hedged))
    }

    /// Whether the act is stated as a fact: negation, modals and conditions
    /// on the trigger or on the clause that governs it, and infinitives of
    /// verbs like "plan" or "offer".
    /// A noun whose owner is named inside its own phrase ("Islamabad's
    /// demand", "Qatari mediation") states an act that took place, whatever
    /// the clause around it does with it ("is expected to focus on
    /// Islamabad's demand"): only its own phrase can negate it.
    pub(in crate::extract) fn modality(&self, trigger: usize, frame: Frame) -> Modality {
        let within_phrase = matches!(
            frame,
            Frame::Possessive | Frame::Modifier | Frame::Prepositional
        );
        // "The Qatar-brokered deal did not hold": what a compound says of
        // the talks it names is taken for granted by the clause above them,
        // whose negation is not its own ("no Qatar-brokered deal" is).
        let presupposed = frame == Frame::Compound;
        let mut modality = Modality::Asserted;
        let mut node = trigger;
        for step in 0..8 {
            let own = !presupposed || step < 2;
            // "Saudi Arabia to host talks" (a headline's future), "met without
            // a mediator".
            if node == trigger {
                let marked_to = self
                    .tree
                    .child(node, &["mark"])
                    .is_some_and(|mark| self.tree.word(mark) == "to");
                // "their efforts to mediate": an attempt made.
                let attempted = self.tree.deprel(node) == "acl"
                    && self
                        .tree
                        .head(node)
                        .is_some_and(|head| ATTEMPTS.contains(self.tree.word(head)));
                if marked_to
                    && !attempted
                    && matches!(self.tree.deprel(node), "root" | "acl" | "parataxis")
                {
                    modality = Modality::Hypothetical;
                }
                // "met without a mediator" states none; "without his
                // mediation there would be no ceasefire" says it happened.
                if self.tree.case(node) == Some("without") {
                    return if self.counterfactual(node) {
                        Modality::Asserted
                    } else {
                        Modality::Negated
                    };
                }
            }
            for &child in &self.tree.children[node] {
                let word = self.tree.word(child);
                let deprel = self.tree.deprel(child);
                let negation = NEGATIONS.contains(word) || word.ends_with("n't");
                if own
                    && negation
                    && matches!(deprel, "advmod" | "aux" | "det" | "cc" | "discourse")
                {
                    return Modality::Negated;
                }
                if deprel.starts_with("aux") && MODALS.contains(word) {
                    modality = Modality::Hypothetical;
                }
                if deprel == "mark" && CONDITIONS.contains(word) {
                    modality = Modality::Hypothetical;
                }
            }
            let Some(head) = self.tree.head(node) else {
                break;
            };
            let infinitive = self.tree.deprel(node) == "advcl"
                && self
                    .tree
                    .child(node, &["mark"])
                    .is_some_and(|mark| self.tree.word(mark) == "to");
            match self.tree.deprel(node) {
                // An infinitive takes the modality of the verb it completes
                // ("could lead Iran to join"), and "plans to" makes it one.
                "xcomp" | "advcl" if self.tree.deprel(node) == "xcomp" || infinitive => {
                    if NOT_YET.contains(self.tree.word(head)) && !within_phrase {
                        modality = Modality::Hypothetical;
                    }
                }
                // "Turkey's mediation offer": an act offered, not done.
                "compound" if UNREALISED.contains(self.tree.word(head)) => {
                    return Modality::Hypothetical;
                }
                // "Rumours that Qatar had quietly mediated": what a rumour or
                // a hope says is no fact.
                "acl" | "ccomp" if HEARSAY.contains(self.tree.word(head)) => {
                    return Modality::Hypothetical;
                }
                "compound" | "amod" | "appos" | "flat" | "obj" | "iobj" | "nsubj"
                | "nsubj:pass" | "obl" | "nmod" | "nmod:poss" => {}
                _ => break,
            }
            node = head;
        }
        modality
    }

    /// The byte span of a trigger phrase.
    pub(in crate::extract) fn span(&self, trigger: Trigger<'_>) -> Range<usize> {
        let tokens = self.tree.tokens;
        tokens[trigger.token].span.start..tokens[trigger.last].span.end
    }

    /// Whether the trigger is used as its entry says: a verb entry on a
    /// verb (or a participle the tagger calls an adjective), a noun entry on
    /// a noun.
    pub(in crate::extract) fn used_as_entry(&self, trigger: Trigger<'_>) -> bool {
        let upos = self.tree.upos(trigger.token);
        match trigger.entry.role {
            WordRole::Verb(form) => {
                upos == "VERB" || (upos == "ADJ" && matches!(form, VerbForm::Past | VerbForm::Ing))
            }
            // A noun the tagger called a verb, which the parser still hung
            // as a noun: "denied Islamabad's claim that ...".
            WordRole::Noun | WordRole::Agent => {
                matches!(upos, "NOUN" | "PROPN")
                    || (upos == "VERB"
                        && matches!(
                            self.tree.deprel(trigger.token),
                            "obj" | "nsubj" | "nsubj:pass"
                        )
                        && self
                            .tree
                            .child(trigger.token, &["nmod:poss", "det"])
                            .is_some())
            }
        }
    }

    /// Whether the phrase a token heads names no one: none of its words is
    /// part of a mention of anyone but a place that stands for no one
    /// ("rockets into Kurram").
    pub(super) fn names_no_one(&self, phrase: usize) -> bool {
        self.subtree_names_no_one(phrase, |_| false)
    }

    /// Whether no word of the subtree under `top` names anyone, leaving out
    /// the dependents `skip` says (and what hangs on them).
    pub(super) fn subtree_names_no_one(&self, top: usize, skip: impl Fn(usize) -> bool) -> bool {
        let mut stack = vec![top];
        while let Some(token) = stack.pop() {
            if !self.names_no_one_itself(token) {
                return false;
            }
            stack.extend(
                self.tree.children[token]
                    .iter()
                    .copied()
                    .filter(|&child| !skip(child)),
            );
        }
        true
    }

    /// Whether a word is part of no mention of anyone (a place that stands
    /// for no one names no one).
    pub(super) fn names_no_one_itself(&self, token: usize) -> bool {
        let span = &self.tree.tokens[token].span;
        let entities = &self.reader.rules().entities;
        !self.reader.shape.mentions.iter().any(|mention| {
            let entity = &entities[mention.entity];
            mention.overlaps(span)
                && !(entity.kind == EntityKind::Place && entity.stands_for.is_empty())
        })
    }

    /// Whether a verb trigger's object, or the phrase its target
    /// preposition introduces, names no one ("accused Thai troops of
    /// firing", where no rule names the troops; "called on the
    /// international community"): then the target is no actor further on
    /// ("... and asked the ASEAN chair", "... sanctions on Kigali").
    pub(in crate::extract) fn object_names_no_one(
        &self,
        rule: &RelationRule,
        trigger: Trigger<'_>,
    ) -> bool {
        if !matches!(trigger.entry.role, WordRole::Verb(_)) {
            return false;
        }
        let particle = trigger.entry.rest.last().map(String::as_str);
        let introduces_target = |oblique: &usize| {
            self.tree.case(*oblique).is_some_and(|case| {
                particle == Some(case) || rule.target_prepositions.iter().any(|p| p == case)
            })
        };
        let mut objects = self
            .tree
            .children(trigger.token, &["obj"])
            .chain(
                self.tree
                    .children(trigger.token, &["obl"])
                    .filter(introduces_target),
            )
            .peekable();
        if objects.peek().is_none() {
            // "Rwanda denies backing the M23": what is denied is an act;
            // the actor inside it is no target (unless the rule reads its
            // clause for one).
            // (The gerund right after the verb, wherever the parser hung it.)
            let gerund = trigger.last + 1;
            return !rule.clause_target
                && gerund < self.tree.tokens.len()
                && self.tree.xpos(gerund) == "VBG"
                && self.tree.upos(gerund) == "VERB";
        }
        let denial = DENIALS.contains(self.tree.word(trigger.token));
        objects.all(|object| {
            self.phrase_names_no_one(object)
                || (denial && !ACT_NOUNS.contains(self.tree.word(object)))
        })
    }

    /// Whether a verb trigger says what is demanded, rejected or charged:
    /// an object or a complement clause ("asked about the border" says
    /// nothing of the kind). A noun trigger is the act itself.
    pub(in crate::extract) fn states_what(&self, trigger: Trigger<'_>) -> bool {
        !matches!(trigger.entry.role, WordRole::Verb(_))
            || self
                .tree
                .child(trigger.token, &["obj", "xcomp", "ccomp"])
                .is_some()
    }

    /// Whether a verb trigger's object is "both sides", "the two
    /// countries" and the like, where the article names no talks.
    pub(in crate::extract) fn object_is_both_sides(&self, trigger: Trigger<'_>) -> bool {
        matches!(trigger.entry.role, WordRole::Verb(_))
            && self
                .tree
                .child(trigger.token, &["obj", "iobj"])
                .is_some_and(|object| {
                    BOTH_NOUNS.contains(self.tree.word(object))
                        && self.tree.children[object]
                            .iter()
                            .any(|&child| matches!(self.tree.word(child), "both" | "two"))
                })
    }

    /// Whether a noun phrase names no one, leaving out the clauses on it
    /// ("the international community to impose sanctions on Kabul").
    pub(super) fn phrase_names_no_one(&self, noun: usize) -> bool {
        self.subtree_names_no_one(noun, |token| {
            matches!(
                self.tree.deprel(token),
                "acl" | "acl:relcl" | "advcl" | "ccomp" | "xcomp" | "parataxis"
            )
        })
    }

    /// "asked whether Kabul would act": a question, not a request.
    pub(in crate::extract) fn asks_a_question(&self, verb: usize) -> bool {
        self.tree
            .children(verb, &["ccomp"])
            .any(|clause| self.is_question(clause))
    }

    /// Whether the tree shows the verb's subject and it is no actor: "It
    /// expressed concern ... and urged Kigali" after a sentence whose
    /// subject was "the council", "Analysts urged Kabul". Not a first
    /// person: in a quote that is its speaker.
    pub(in crate::extract) fn acts_for_no_actor(&self, verb: usize) -> bool {
        // A participle ("talks on Saturday mediated by Qatar") has no
        // subject of its own, whatever the parser hung on it.
        if self.tree.upos(verb) != "VERB" || self.is_passive(verb) || self.tree.xpos(verb) == "VBN"
        {
            return false;
        }
        let own = self.tree.child(verb, &["nsubj"]);
        let shared = self
            .tree
            .head(verb)
            .filter(|_| self.tree.deprel(verb) == "conj")
            .and_then(|head| self.tree.child(head, &["nsubj"]));
        let Some(subject) = own.or(shared) else {
            return false;
        };
        if matches!(
            self.tree.word(subject),
            "we" | "i" | "us" | "you" | "who" | "which" | "that"
        ) {
            return false;
        }
        // The subject's phrase names no one at all (where it names someone
        // the shallow reader may have seen what the tree's reading missed).
        self.names_no_one(subject)
            && self
                .subject(verb, 0)
                .is_some_and(|(actors, _)| actors.is_empty())
    }

    /// Whether the tree shows that the trigger states no act towards
    /// anyone: a verb that only reports a clause naming no actor ("Tarar
    /// insisted the strikes hit militant camps").
    pub(in crate::extract) fn states_nothing(
        &self,
        rule: &RelationRule,
        trigger: Trigger<'_>,
    ) -> bool {
        if !matches!(trigger.entry.role, WordRole::Verb(_)) {
            return false;
        }
        let verb = trigger.token;
        self.asks_a_question(verb)
            // "Tarar insisted that Pakistan is ready": a demand verb that
            // reports a fact asserts it.
            || (rule.predicate == Predicate::Demands && self.reports_a_fact(verb))
            || self.acts_for_no_actor(verb)
            || self.states_only_a_clause(rule, trigger)
            || (rule.needs_clause && !self.has_clause(verb))
    }

    /// Whether a verb has a clause saying what is to be done: its own
    /// ("expected Kabul to act"), or one the parser hung on its object.
    pub(super) fn has_clause(&self, verb: usize) -> bool {
        // (Or an infinitive the parser made an adverbial clause: "expects
        // the Afghan Taliban to take concrete action".)
        self.tree.child(verb, &["xcomp", "ccomp"]).is_some()
            || self
                .tree
                .children(verb, &["obj", "obl"])
                .any(|object| self.tree.child(object, &["acl"]).is_some())
            || self.tree.children(verb, &["advcl"]).any(|clause| {
                self.tree
                    .child(clause, &["mark"])
                    .is_some_and(|mark| self.tree.word(mark) == "to")
            })
    }

    /// A verb that only reports a clause naming no actor, and no one as its
    /// object: "Tarar insisted the strikes hit militant camps".
    pub(in crate::extract) fn states_only_a_clause(
        &self,
        rule: &RelationRule,
        trigger: Trigger<'_>,
    ) -> bool {
        let verb = trigger.token;
        matches!(trigger.entry.role, WordRole::Verb(_))
            && self.used_as_entry(trigger)
            && rule.target == TargetPolicy::Object
            && rule.object_nouns.is_empty()
            && !self.is_passive(verb)
            && self.reports_clause_only(verb)
            && self.verb_targets(rule, trigger, &[]).is_none()
    }

    /// The word naming what a rejection rejects, where the tree shows it:
    /// its object ("denied the charge"), its passive subject ("the claim
    /// was dismissed"), the noun a relative clause on it modifies ("a
    /// charge Kabul denies"), or a noun trigger's "of" phrase ("its
    /// rejection of the allegations").
    pub(in crate::extract) fn rejected_thing(&self, trigger: Trigger<'_>) -> Option<&str> {
        let token = trigger.token;
        let relative_head = || {
            (self.tree.deprel(token) == "acl:relcl")
                .then(|| self.tree.head(token))
                .flatten()
        };
        let thing = match trigger.entry.role {
            WordRole::Verb(_) => match self.tree.child(token, &["obj", "nsubj:pass"]) {
                Some(object) if RELATIVE_PRONOUNS.contains(self.tree.word(object)) => {
                    relative_head()
                }
                Some(object) => Some(object),
                None => self
                    .misread_relative_subject(token)
                    .and_then(|_| self.tree.child(token, &["nsubj"]))
                    .or_else(relative_head),
            },
            WordRole::Noun | WordRole::Agent => self
                .tree
                .children(token, &["nmod"])
                .find(|&noun| self.tree.case(noun) == Some("of")),
        };
        thing.map(|thing| self.tree.word(thing))
    }
}

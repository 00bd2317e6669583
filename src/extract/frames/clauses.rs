//! Subjects and clauses: the subject a verb has or shares (relative
//! clauses, control, coordination, participles, and the parser's misreadings
//! of them), the clauses a verb reports, what a reported clause is about,
//! and a speaker's modal ("“Kabul must act,” Dar said").

use super::*;

impl TreeReader<'_, '_> {
    /// A speaker saying what another must do, at a modal of a rule's
    /// `speaker_modals`: "“Kabul must act against the TTP,” Dar said",
    /// "adding that Afghanistan must help": the modal's verb is reported by
    /// a verb of speech, whose subject is the source, and its own subject
    /// is the target. Also gives the verb of speech, whose modality is the
    /// act's.
    pub(in crate::extract) fn obligation(&self, modal: usize) -> Option<(Found, Option<usize>)> {
        if self.tree.deprel(modal) != "aux" {
            return None;
        }
        let verb = self.tree.head(modal)?;
        if self.is_passive(verb) {
            return None;
        }
        if self.is_question(verb) {
            return None;
        }
        let subject = self.tree.child(verb, &["nsubj"])?;
        let targets = self.actors(subject, 0);
        if targets.is_empty() {
            return None;
        }
        let reports = |speech: usize| {
            SPEECH_VERBS.contains(self.tree.word(speech))
                || REPORTING_VERBS.contains(self.tree.word(speech))
        };
        // The clause reported ("Dar said Kabul must act"), or the quote
        // the verb of speech hangs on ("“Kabul must act,” Dar said").
        let speech = match self.tree.deprel(verb) {
            "ccomp" | "parataxis" => self.tree.head(verb).filter(|&head| reports(head)),
            "root" => self
                .tree
                .children(verb, &["parataxis"])
                .find(|&child| reports(child)),
            _ => None,
        };
        // In an interview's answer the interviewee says it, with no verb of
        // speech: "But first Kabul must hand over the TTP leaders."
        // (A main clause: up to the root through conjuncts and the clauses
        // the parser hangs beside an "A:" that it made the root.)
        let mut node = verb;
        let mut main_clause = false;
        for _ in 0..4 {
            match self.tree.deprel(node) {
                "root" => {
                    main_clause = true;
                    break;
                }
                "conj" | "parataxis" => match self.tree.head(node) {
                    Some(head) => node = head,
                    None => break,
                },
                _ => break,
            }
        }
        let mut speech = match (speech, self.speaker) {
            (Some(speech), _) => speech,
            (None, Some(speaker)) if main_clause => {
                let targets: Vec<usize> = targets
                    .into_iter()
                    .filter(|&target| !relations::same_side(self.reader.rules(), speaker, target))
                    .collect();
                return (!targets.is_empty())
                    .then(|| (found(vec![speaker], Some(targets), Frame::Obligation), None));
            }
            (None, _) => return None,
        };
        // "Mujahid said Pakistan must stop, adding that ...": a participle
        // of speech the parser hung on the clause reported is the first
        // speaker's.
        for _ in 0..3 {
            let above = self
                .tree
                .head(speech)
                .filter(|_| self.tree.deprel(speech) == "advcl")
                .filter(|&clause| matches!(self.tree.deprel(clause), "ccomp" | "parataxis"))
                .and_then(|clause| self.tree.head(clause))
                .filter(|&head| reports(head));
            match above {
                Some(above) => speech = above,
                None => break,
            }
        }
        let (sources, _) = self.subject(speech, 0)?;
        if sources.is_empty() {
            return None;
        }
        Some((
            found(sources, Some(targets), Frame::Obligation),
            Some(speech),
        ))
    }

    /// Whether a clause the parser read as relative is what a noun says
    /// ("the charge that Kabul was providing safe houses"), not a relative
    /// one ("the charge that Pakistan made"): it opens with "that" and its
    /// verb is not one of making a statement, which would leave the noun
    /// its object.
    pub(super) fn is_content_clause(&self, clause: usize) -> bool {
        let opens_with_that = self.tree.word(self.phrase_start(clause)) == "that";
        opens_with_that && !STATEMENT_VERBS.contains(self.tree.word(clause))
    }

    /// Whether a verb reports a clause stated as a fact ("insisted the
    /// strikes hit militant camps", "insisted that Pakistan is ready"), not
    /// one of what must be ("insisted that Kabul act", "that Kabul must
    /// act"): the clause has a subject, its finite word is a past or a
    /// present third-person form, and no modal stands in it.
    pub(super) fn reports_a_fact(&self, verb: usize) -> bool {
        let Some(clause) = self.reported_clauses(verb).next() else {
            return false;
        };
        if self
            .tree
            .child(clause, &["nsubj", "nsubj:pass", "expl"])
            .is_none()
        {
            return false;
        }
        let auxiliaries: Vec<usize> = self
            .tree
            .children(clause, &["aux", "aux:pass", "cop"])
            .collect();
        if auxiliaries.iter().any(|&aux| self.tree.xpos(aux) == "MD") {
            return false;
        }
        let finite = auxiliaries.iter().copied().min().unwrap_or(clause);
        matches!(self.tree.xpos(finite), "VBD" | "VBZ")
    }

    /// The clauses a verb reports: its `ccomp`s, and a verb the parser
    /// made its object ("insisted the strikes hit", "hit" read as an
    /// object).
    pub(super) fn reported_clauses(&self, verb: usize) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .children(verb, &["ccomp", "obj"])
            .filter(|&clause| {
                self.tree.deprel(clause) == "ccomp" || self.tree.upos(clause) == "VERB"
            })
    }

    /// Whether a verb's object is "each other" or "one another".
    pub(super) fn has_reciprocal_object(&self, verb: usize) -> bool {
        self.tree.children(verb, &["obj", "iobj"]).any(|object| {
            let word = self.tree.word(object);
            (word == "other" || word == "another")
                && self
                    .tree
                    .children(object, &["det", "nummod", "amod"])
                    .chain((object > 0).then(|| object - 1))
                    .any(|before| matches!(self.tree.word(before), "each" | "one"))
        })
    }

    /// Whether a clause asks rather than states: "whether Kabul would
    /// act", "if the talks would resume".
    pub(super) fn is_question(&self, clause: usize) -> bool {
        self.tree
            .children(clause, &["mark"])
            .any(|mark| matches!(self.tree.word(mark), "whether" | "if"))
    }

    /// The subject of a verb: its own, or the one it shares through a
    /// relative clause, control, coordination or a participle.
    pub(in crate::extract) fn subject(
        &self,
        verb: usize,
        depth: usize,
    ) -> Option<(Vec<usize>, Frame)> {
        if depth > 3 {
            return None;
        }
        if let Some(subject) = self.tree.child(verb, &["nsubj", "nsubj:outer"]) {
            if RELATIVE_PRONOUNS.contains(self.tree.word(subject))
                && self.tree.deprel(verb) == "acl:relcl"
            {
                let antecedent = self.tree.head(verb)?;
                return Some((self.actors(antecedent, 0), Frame::Relative));
            }
            if let Some(maker) = self.misread_relative_subject(verb) {
                return Some((self.actors(maker, 0), Frame::Relative));
            }
            return Some((self.actors(subject, 0), Frame::Active));
        }
        // A name before a verb that the parser labelled a compound of it (a
        // label no verb takes): "Turkey, Qatar urge Pakistan ..."; or its
        // adjective, the name tagged one: "a charge the paramilitary denies".
        if self.tree.upos(verb) == "VERB"
            && let Some(subject) = self
                .tree
                .children(verb, &["compound", "amod"])
                .find(|&child| {
                    child < verb
                        && (self.tree.is_nominal(child)
                            || (self.tree.deprel(child) == "amod"
                                && !self.chunk_actors(child).is_empty()))
                })
        {
            let actors = self.actors(subject, 0);
            if !actors.is_empty() {
                return Some((actors, Frame::Active));
            }
        }
        let head = self.tree.head(verb)?;
        match self.tree.deprel(verb) {
            "acl:relcl" => Some((self.actors(head, 0), Frame::Relative)),
            // A purpose or complement infinitive: "thanked Qatar for its
            // efforts to mediate", "sent envoys to mediate".
            "xcomp" | "advcl"
                if self.tree.deprel(verb) == "xcomp"
                    || self.tree.child(verb, &["mark"]).map(|m| self.tree.word(m))
                        == Some("to") =>
            {
                // Object control ("asked Qatar to mediate", "relying on Ankara
                // to mediate") before subject control.
                let objects = self
                    .tree
                    .children(head, &["obj", "iobj", "obl"])
                    .filter(|&object| {
                        self.tree.deprel(object) != "obl"
                            || matches!(self.tree.case(object), Some("on" | "upon"))
                    });
                for object in objects {
                    let actors = self.actors(object, 0);
                    if !actors.is_empty() {
                        return Some((actors, Frame::Control));
                    }
                }
                let (actors, _) = self.subject(head, depth + 1)?;
                Some((actors, Frame::Control))
            }
            "conj" if self.tree.upos(head) == "VERB" && !self.is_passive(head) => {
                let (actors, _) = self.subject(head, depth + 1)?;
                // After a verb of speech with its clause ("X said Y had
                // failed and accused Z") the conjunct may belong to the
                // clause: only when both subjects are the same actors ("X
                // said it would not accept ..., and accused Z").
                if SPEECH_VERBS.contains(self.tree.word(head))
                    && let Some(said) = self.reported_clauses(head).next()
                {
                    let inner = match self.tree.child(said, &["nsubj", "nsubj:pass"]) {
                        Some(subject) => self.actors(subject, 0),
                        None => Vec::new(),
                    };
                    if inner != actors {
                        return None;
                    }
                }
                Some((actors, Frame::Coordination))
            }
            "advcl" if self.tree.word(verb).ends_with("ing") => {
                // "thanked Qatar for mediating": the object is the one praised
                // or blamed for the act.
                let for_act = self
                    .tree
                    .child(verb, &["mark", "case"])
                    .is_some_and(|mark| self.tree.word(mark) == "for");
                if for_act && let Some(object) = self.tree.child(head, &["obj"]) {
                    let actors = self.actors(object, 0);
                    if !actors.is_empty() {
                        return Some((actors, Frame::Control));
                    }
                }
                let (actors, _) = self.subject(head, depth + 1)?;
                Some((actors, Frame::Participle))
            }
            "acl" if self.tree.word(verb).ends_with("ing") => {
                Some((self.actors(head, 0), Frame::Participle))
            }
            // "Pakistan's foreign office accused the Afghan government of
            // ...", read as a noun with a participle: one that takes an
            // object, under a noun with nothing above it, is the sentence's
            // verb and the noun its subject.
            // Also a name with a verb whose preposition follows it, the
            // relative clause before it misread: "The United States, which
            // brokered a deal in June, called on Rwanda to withdraw".
            "acl"
                if self.tree.deprel(head) == "root"
                    && (self.tree.child(verb, &["obj"]).is_some()
                        || self.misread_objects(verb).next().is_some()
                        || (self.tree.upos(head) == "PROPN"
                            && self.tree.children(verb, &["obl"]).any(|oblique| {
                                self.tree.child(oblique, &["case"]) == Some(verb + 1)
                                    && self.tree.case(oblique) != Some("by")
                            })))
                    && !self.is_passive(verb) =>
            {
                Some((self.actors(head, 0), Frame::Active))
            }
            // An infinitive on a noun is done by the noun's owner
            // ("Qatar's attempt to mediate", "Turkey's offer to mediate"),
            // or by those thanked or praised for it ("thanked Qatar and
            // Turkey for their efforts to mediate").
            "acl" if self.tree.child(verb, &["mark"]).map(|m| self.tree.word(m)) == Some("to") => {
                let praised = self
                    .tree
                    .head(head)
                    .filter(|_| self.tree.case(head) == Some("for"))
                    .and_then(|praising| self.tree.child(praising, &["obj"]));
                let owner = self.tree.child(head, &["nmod:poss"]);
                praised
                    .into_iter()
                    .chain(owner)
                    .map(|actor| self.actors(actor, 0))
                    .find(|actors| !actors.is_empty())
                    .map(|actors| (actors, Frame::Control))
            }
            _ => None,
        }
    }

    /// "a charge Kabul has denied", read with "a charge" as the subject and
    /// "Kabul" its apposition: the name right after an act noun subject of
    /// a verb with no object is the verb's subject, the noun its object.
    pub(super) fn misread_relative_subject(&self, verb: usize) -> Option<usize> {
        let noun = self.tree.child(verb, &["nsubj"])?;
        if !ACT_NOUNS.contains(self.tree.word(noun)) || self.tree.child(verb, &["obj"]).is_some() {
            return None;
        }
        self.tree
            .children(noun, &["appos", "compound"])
            .find(|&name| name == noun + 1 && name < verb && !self.chunk_actors(name).is_empty())
    }

    /// Whether a verb trigger has a subject of its own, a name or a noun
    /// whose phrase (its clauses left out) names no actor the rules know.
    pub(in crate::extract) fn subject_names_no_actor(&self, trigger: Trigger<'_>) -> bool {
        matches!(trigger.entry.role, WordRole::Verb(_))
            && self
                .tree
                .child(trigger.token, &["nsubj"])
                .is_some_and(|subject| {
                    matches!(self.tree.upos(subject), "PROPN" | "NOUN")
                        && self.actors(subject, 0).is_empty()
                        && self.phrase_names_no_one(subject)
                })
    }

    /// A verb's agent phrases: "by Washington" ("pressed by Washington").
    pub(super) fn agents(&self, verb: usize) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .children(verb, &["obl:agent", "obl"])
            .filter(move |&agent| {
                self.tree.deprel(agent) == "obl:agent" || self.tree.case(agent) == Some("by")
            })
    }

    pub(super) fn is_passive(&self, verb: usize) -> bool {
        self.tree
            .child(verb, &["aux:pass", "nsubj:pass", "csubj:pass"])
            .is_some()
    }

    /// Who a reported clause is about: its subject, or the owner of its
    /// subject ("that Pakistan's airstrikes were part of a plan").
    pub(super) fn clause_subject(&self, clause: usize) -> Vec<usize> {
        // "claimed the attack was sponsored by India": the agent of a
        // passive clause.
        if let Some(agent) = self.agents(clause).next()
            && self.is_passive(clause)
        {
            let actors = self.actors(agent, 0);
            if !actors.is_empty() {
                return actors;
            }
        }
        let Some(subject) = self.tree.child(clause, &["nsubj", "nsubj:pass"]) else {
            return Vec::new();
        };
        let mut actors = self.actors(subject, 0);
        if actors.is_empty() && ACT_NOUNS.contains(self.tree.word(subject)) {
            for owner in self
                .tree
                .children(subject, &["nmod:poss", "compound", "amod"])
            {
                merge(&mut actors, self.actors(owner, 0));
            }
        }
        actors
    }

    /// A verb that reports a clause and names no actor in it or as its
    /// object ("insisted the strikes hit militant camps") states no act
    /// towards a counterpart.
    pub(super) fn reports_clause_only(&self, verb: usize) -> bool {
        // Only a clause the parser read as one (a subject and its
        // predicate); a garbled one says nothing either way.
        let clauses: Vec<usize> = self
            .reported_clauses(verb)
            .filter(|&clause| {
                self.tree
                    .child(clause, &["nsubj", "nsubj:pass", "expl"])
                    .is_some()
            })
            .collect();
        let object = self
            .tree
            .children(verb, &["obj", "iobj"])
            .find(|object| !clauses.contains(object));
        !clauses.is_empty() && object.is_none()
    }
}

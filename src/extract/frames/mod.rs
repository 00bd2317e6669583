//! Relation frames over the dependency tree: from a trigger word to who
//! does it to whom, read off the relations of a parse ([`crate::syntax`])
//! rather than off word order, so they hold on sentences nobody wrote a
//! rule for: an actor inside a longer noun phrase ("rejected calls from
//! Islamabad"), relative and reduced clauses ("the charge Kabul denies",
//! "talks brokered by Qatar"), control ("asked Qatar to mediate"), shared
//! subjects ("met the envoy and accused Kabul").
//!
//! Each frame is a small function in [`VERB_FRAMES`] or [`NOUN_FRAMES`],
//! tried in order; the first that finds a source wins. Where the source
//! and target sit (the prepositions that introduce them) comes from the
//! rules; what the tree's relations mean comes from here. Actors are
//! resolved by the shallow reader's chunks ([`super::relations`]), so
//! metonymy, pronouns and place senses are decided in one place.

use std::ops::Range;

use super::relations::{self, Found, Frame, Modality, Reader, TriggerEntry, VerbForm, WordRole};
use crate::rules::{EntityKind, Predicate, RelationRule, TargetPolicy};
use crate::syntax::Analysis;
use crate::text::Token;
use words::*;

mod words;

/// Whether a word names talks or meeting, whose parties a sentence may
/// name ("talks between X and Y", "X and Y met").
pub(super) fn names_talks(word: &str) -> bool {
    TALK_NOUNS.contains(word) || MEETING_VERBS.contains(word)
}

/// A sentence's tree as the frames read it: token `t` (0-based within the
/// sentence) has head `head(t)` and relation `deprel(t)`.
pub(super) struct Tree<'t> {
    analysis: &'t Analysis,
    tokens: &'t [Token<'t>],
    children: Vec<Vec<usize>>,
}

impl<'t> Tree<'t> {
    pub(super) fn new(analysis: &'t Analysis, tokens: &'t [Token<'t>]) -> Tree<'t> {
        debug_assert_eq!(analysis.heads.len(), tokens.len(), "one analysis per token");
        let mut children = vec![Vec::new(); tokens.len()];
        for (token, &head) in analysis.heads.iter().enumerate() {
            if head > 0 {
                children[head as usize - 1].push(token);
            }
        }
        Tree {
            analysis,
            tokens,
            children,
        }
    }

    fn head(&self, token: usize) -> Option<usize> {
        match self.analysis.heads[token] {
            0 => None,
            head => Some(head as usize - 1),
        }
    }

    fn deprel(&self, token: usize) -> &'static str {
        self.analysis.deprels[token]
    }

    fn upos(&self, token: usize) -> &'static str {
        self.analysis.upos[token]
    }

    fn xpos(&self, token: usize) -> &'static str {
        self.analysis.xpos[token]
    }

    fn word(&self, token: usize) -> &str {
        &self.tokens[token].norm
    }

    fn children(
        &self,
        token: usize,
        deprels: &'static [&'static str],
    ) -> impl Iterator<Item = usize> + '_ {
        self.children[token]
            .iter()
            .copied()
            .filter(move |&child| deprels.contains(&self.deprel(child)))
    }

    fn child(&self, token: usize, deprels: &'static [&'static str]) -> Option<usize> {
        self.children(token, deprels).next()
    }

    /// The preposition of a nominal: "from" in "calls from Islamabad".
    fn case(&self, token: usize) -> Option<&str> {
        self.child(token, &["case"]).map(|case| self.word(case))
    }

    fn is_nominal(&self, token: usize) -> bool {
        matches!(self.upos(token), "NOUN" | "PROPN" | "PRON" | "NUM" | "X")
    }
}

/// A trigger as the frames see it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trigger<'e> {
    pub(super) token: usize,
    /// The last token of the trigger phrase ("on" of "called on").
    pub(super) last: usize,
    pub(super) entry: &'e TriggerEntry,
}

pub(super) struct TreeReader<'r, 'a> {
    pub(super) reader: &'r Reader<'r, 'a>,
    pub(super) tree: &'r Tree<'r>,
    /// The parties of the talks the article is about, for "both sides".
    pub(super) parties: Option<(usize, usize)>,
}

type FrameFn = fn(&TreeReader<'_, '_>, &RelationRule, Trigger<'_>) -> Option<Found>;

/// Frames for a trigger used as a verb, in the order they are tried.
pub(super) const VERB_FRAMES: &[FrameFn] = &[
    |reader, rule, trigger| reader.passive(rule, trigger),
    |reader, rule, trigger| reader.active(rule, trigger),
    |reader, rule, trigger| reader.relative(rule, trigger),
    |reader, rule, trigger| reader.control(rule, trigger),
    |reader, rule, trigger| reader.coordination(rule, trigger),
    |reader, rule, trigger| reader.participle(rule, trigger),
];

/// Frames for a trigger noun (the act, "demand") or agent noun ("mediator").
pub(super) const NOUN_FRAMES: &[FrameFn] = &[
    |reader, rule, trigger| reader.possessive(rule, trigger),
    |reader, rule, trigger| reader.modifier(rule, trigger),
    |reader, rule, trigger| reader.prepositional(rule, trigger),
    |reader, rule, trigger| reader.apposition(rule, trigger),
    |reader, rule, trigger| reader.light_verb(rule, trigger),
    |reader, rule, trigger| reader.made_by(rule, trigger),
];

impl TreeReader<'_, '_> {
    /// The actors a token stands for: its own chunk, or, for a noun that is
    /// no actor itself, the actors that own or make it up ("the Kabul
    /// regime", "officials from Islamabad", "countries including Qatar"),
    /// with coordinated phrases ("Qatar and the Saudi government").
    fn actors(&self, token: usize, depth: usize) -> Vec<usize> {
        let mut actors = self.chunk_actors(token);
        // "both sides", "the two countries": the parties of the talks.
        if actors.is_empty()
            && BOTH_NOUNS.contains(self.tree.word(token))
            && self.tree.children[token]
                .iter()
                .any(|&child| matches!(self.tree.word(child), "both" | "two"))
            && let Some((a, b)) = self.parties
        {
            return vec![a, b];
        }
        // "Qatar, whose mediators brokered the truce": "whose" is the
        // relative clause's antecedent.
        if actors.is_empty()
            && self.tree.word(token) == "whose"
            && let Some(antecedent) = self.relative_antecedent(token)
        {
            return self.actors(antecedent, depth + 1);
        }
        // "Pakistan said it would ...": "it" is the subject of the clause
        // above, when that is one actor that is not a person.
        if actors.is_empty() && self.tree.word(token) == "it" {
            return self.it_antecedent(token);
        }
        // "Pakistan's army chief, Field Marshal Asim Munir": the person acts.
        if actors.is_empty() {
            for named in self.tree.children(token, &["appos", "flat"]) {
                merge(&mut actors, self.person_in(named, 0));
            }
        }
        // "Former U.S. Special Envoy for Afghanistan, Zalmay Khalilzad,
        // said": the person named beside a title is who acts, not the
        // title's owner, even where the parser made the name a conjunct of
        // the title's own phrase.
        if TITLE_NOUNS.contains(self.tree.word(token)) {
            let mut holders = Vec::new();
            for named in self.tree.children(token, &["appos"]) {
                merge(&mut holders, self.person_in(named, 0));
            }
            for phrase in self.tree.children(token, &["nmod"]) {
                for named in self.tree.children(phrase, &["conj", "appos"]) {
                    if self.tree.child(named, &["cc"]).is_none() && self.after_comma(named) {
                        merge(&mut holders, self.person_in(named, 0));
                    }
                }
            }
            if !holders.is_empty() {
                actors = holders;
            }
        }
        let relational = RELATIONAL_NOUNS.contains(self.tree.word(token));
        // "A statement from Pakistan's Foreign Office accused Kabul": a
        // statement speaks for whoever issued it.
        let document = STATEMENT_NOUNS.contains(self.tree.word(token));
        // "the African Union's Peace and Security Council", parsed as
        // "Peace" with the name's last word, the organ, a conjunct of it.
        let named_organ = || {
            self.tree.children(token, &["conj"]).any(|conj| {
                let name = self.tree.upos(token) == "PROPN" || self.tree.upos(conj) == "PROPN";
                let last_words = self.tree.children(conj, &["appos", "flat"]);
                name && std::iter::once(conj)
                    .chain(last_words)
                    .any(|word| ACTOR_NOUNS.contains(self.tree.word(word)))
            })
        };
        let organ =
            relational || document || ACTOR_NOUNS.contains(self.tree.word(token)) || named_organ();
        let members = if relational {
            EXAMPLE_CASES
        } else if document {
            // Its issuer, as a noun of speech has its owner: "a statement
            // from Kabul", "the declaration by the two governments".
            OWNER_CASES
        } else {
            MEMBER_CASES
        };
        // "the Afghan government", "Kabul's rulers"; not "Pakistan's
        // neighbours".
        let owned_by: &'static [&'static str] = if relational {
            &[]
        } else {
            &["compound", "amod", "nmod:poss", "flat"]
        };
        if actors.is_empty() && depth < 3 && organ {
            for child in self.tree.children(token, owned_by) {
                let owners = if self.tree.word(child) == "whose" {
                    self.actors(child, depth + 1)
                } else {
                    self.chunk_actors(child)
                };
                // "Tshisekedi's government", "Kagame's spokesman": the
                // state the person represents.
                let owners = owners
                    .into_iter()
                    .map(|owner| self.reader.represented(owner).unwrap_or(owner))
                    .collect();
                merge(&mut actors, owners);
            }
            if actors.is_empty() {
                for child in self.tree.children(token, &["nmod", "appos"]) {
                    let member = self.tree.deprel(child) == "appos"
                        || self.tree.case(child).is_some_and(|c| members.contains(c));
                    if member {
                        merge(&mut actors, self.actors(child, depth + 1));
                    }
                }
                // "friendly countries including Qatar and Turkey", with
                // "including" read as a participle whose object is the list.
                for clause in self.tree.children(token, &["acl"]) {
                    if EXAMPLE_CASES.contains(self.tree.word(clause)) {
                        for object in self.tree.children(clause, &["obj"]) {
                            merge(&mut actors, self.actors(object, depth + 1));
                        }
                    }
                }
            }
        }
        // "Pakistan's Minister of Information", "the Taliban's defence
        // minister": the one person whose role the title names.
        if let [side] = actors.as_slice()
            && TITLE_NOUNS.contains(self.tree.word(token))
            && self.reader.rules().entities[*side].kind != EntityKind::Person
        {
            // A former holder speaks for no one.
            let former = self
                .tree
                .children(token, &["amod", "compound"])
                .any(|child| self.tree.word(child) == "former");
            if former {
                return Vec::new();
            }
            if let Some(person) = self.title_holder(token, *side) {
                actors = vec![person];
            }
        }
        if depth < 3 {
            // A list ends at the conjunct with "and" or "or": a name after it
            // ("the efforts of Turkey and Qatar, Tarar warned") is not one of
            // its members, whatever the parser attached.
            for conjunct in self.tree.children(token, &["conj"]) {
                if self.tree.is_nominal(conjunct) {
                    merge(&mut actors, self.actors(conjunct, depth + 1));
                }
                if self.tree.child(conjunct, &["cc"]).is_some() {
                    break;
                }
            }
        }
        actors
    }

    /// The one person representing `side` (an actor that is not a person)
    /// whose role holds every word of the title at `token` ("Minister of
    /// Information" with its "of" phrase, "defence minister" with its
    /// modifiers; the caller has set aside "former" titles): not a deputy
    /// unless the title says so, nor a former holder.
    fn title_holder(&self, token: usize, side: usize) -> Option<usize> {
        let rules = self.reader.rules();
        let mut words = vec![self.tree.word(token).to_owned()];
        for child in self.tree.children(token, &["compound", "amod", "nmod"]) {
            if !self.chunk_actors(child).is_empty() {
                continue;
            }
            let word = self.tree.word(child);
            if self.tree.deprel(child) == "nmod"
                && !matches!(self.tree.case(child), Some("of" | "for"))
            {
                continue;
            }
            if !TITLE_FILLERS.contains(word) {
                words.push(word.replace("defense", "defence"));
            }
        }
        let side_id = &rules.entities[side].id;
        let mut holders = rules.entities.iter().enumerate().filter(|(_, person)| {
            let Some(role) = person.role.as_deref() else {
                return false;
            };
            let role: Vec<String> = role
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_owned)
                .collect();
            let unsaid =
                |word: &str| role.iter().any(|w| w == word) && !words.iter().any(|t| t == word);
            person.kind == EntityKind::Person
                && person.represents.contains(side_id)
                && words.iter().all(|word| role.contains(word))
                && !unsaid("deputy")
                && !unsaid("former")
        });
        let (holder, _) = holders.next()?;
        holders.next().is_none().then_some(holder)
    }

    /// Whether `token` lies below `ancestor` through a `conj` (a conjunct
    /// reached on its own, not as part of the phrase at `ancestor`).
    fn is_separate_conjunct(&self, token: usize, ancestor: usize) -> bool {
        let mut node = token;
        while node != ancestor {
            if self.tree.deprel(node) == "conj" {
                return true;
            }
            match self.tree.head(node) {
                Some(head) => node = head,
                None => return false,
            }
        }
        false
    }

    /// The noun a relative clause holding `token` hangs on: up from
    /// `token` to the first `acl:relcl`, then its head.
    fn relative_antecedent(&self, token: usize) -> Option<usize> {
        let mut node = token;
        for _ in 0..4 {
            let Some(head) = self.tree.head(node) else {
                // "Qatar, whose mediators brokered ...", read with the
                // clause as the sentence and "Qatar" hung on it as a
                // vocative: the name before it is the antecedent.
                return self
                    .tree
                    .children(node, &["vocative", "dislocated", "obl:unmarked"])
                    .find(|&name| name < token && self.tree.is_nominal(name));
            };
            if self.tree.deprel(node) == "acl:relcl" {
                return Some(head);
            }
            node = head;
        }
        None
    }

    /// What "it" stands for as the subject of a clause below another:
    /// that clause's subject ("Pakistan said it would not accept", "as it
    /// prepares to reopen talks"), when it is a single actor that is not a
    /// person; nothing when the clause above has no subject of its own.
    fn it_antecedent(&self, token: usize) -> Vec<usize> {
        if !matches!(self.tree.deprel(token), "nsubj" | "nsubj:pass") {
            return Vec::new();
        }
        let mut clause = match self.tree.head(token) {
            Some(clause) => clause,
            None => return Vec::new(),
        };
        for _ in 0..3 {
            if !matches!(
                self.tree.deprel(clause),
                "ccomp" | "advcl" | "xcomp" | "conj" | "parataxis"
            ) {
                return Vec::new();
            }
            let Some(above) = self.tree.head(clause) else {
                return Vec::new();
            };
            if let Some(subject) = self.tree.child(above, &["nsubj", "nsubj:pass"]) {
                if subject > token || self.tree.word(subject) == "it" {
                    return Vec::new();
                }
                let actors = self.actors(subject, 1);
                let acts_as_one = matches!(actors.as_slice(), [actor]
                    if self.reader.rules().entities[*actor].kind != EntityKind::Person);
                return if acts_as_one { actors } else { Vec::new() };
            }
            clause = above;
        }
        Vec::new()
    }

    /// A speaker saying what another must do, at a modal of a rule's
    /// `speaker_modals`: "“Kabul must act against the TTP,” Dar said",
    /// "adding that Afghanistan must help": the modal's verb is reported by
    /// a verb of speech, whose subject is the source, and its own subject
    /// is the target. Also gives the verb of speech, whose modality is the
    /// act's.
    pub(super) fn obligation(&self, modal: usize) -> Option<(Found, usize)> {
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
        let mut speech = match self.tree.deprel(verb) {
            "ccomp" | "parataxis" => self.tree.head(verb).filter(|&head| reports(head)),
            "root" => self
                .tree
                .children(verb, &["parataxis"])
                .find(|&child| reports(child)),
            _ => None,
        }?;
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
        Some((found(sources, Some(targets), Frame::Obligation), speech))
    }

    /// Whether a clause the parser read as relative is what a noun says
    /// ("the charge that Kabul was providing safe houses"), not a relative
    /// one ("the charge that Pakistan made"): it opens with "that" and its
    /// verb is not one of making a statement, which would leave the noun
    /// its object.
    fn is_content_clause(&self, clause: usize) -> bool {
        let opens_with_that = self.tree.word(self.phrase_start(clause)) == "that";
        opens_with_that && !STATEMENT_VERBS.contains(self.tree.word(clause))
    }

    /// Whether a verb reports a clause stated as a fact ("insisted the
    /// strikes hit militant camps", "insisted that Pakistan is ready"), not
    /// one of what must be ("insisted that Kabul act", "that Kabul must
    /// act"): the clause has a subject, its finite word is a past or a
    /// present third-person form, and no modal stands in it.
    fn reports_a_fact(&self, verb: usize) -> bool {
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
    fn reported_clauses(&self, verb: usize) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .children(verb, &["ccomp", "obj"])
            .filter(|&clause| {
                self.tree.deprel(clause) == "ccomp" || self.tree.upos(clause) == "VERB"
            })
    }

    /// Whether a verb's object is "each other" or "one another".
    fn has_reciprocal_object(&self, verb: usize) -> bool {
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
    fn is_question(&self, clause: usize) -> bool {
        self.tree
            .children(clause, &["mark"])
            .any(|mark| matches!(self.tree.word(mark), "whether" | "if"))
    }

    /// Whether the phrase `token` heads comes right after a comma (its
    /// own, or its head's).
    fn after_comma(&self, token: usize) -> bool {
        let first = self.phrase_start(token);
        first > 0 && self.tree.word(first - 1) == ","
    }

    /// The first word of the phrase `token` heads, punctuation aside.
    fn phrase_start(&self, token: usize) -> usize {
        (0..=token)
            .find(|&index| self.tree.deprel(index) != "punct" && self.descends_from(index, token))
            .unwrap_or(token)
    }

    /// Whether `token` is `ancestor` or lies below it in the tree.
    fn descends_from(&self, token: usize, ancestor: usize) -> bool {
        let mut node = token;
        for _ in 0..self.tree.tokens.len() {
            if node == ancestor {
                return true;
            }
            match self.tree.head(node) {
                Some(head) => node = head,
                None => return false,
            }
        }
        false
    }

    /// A person named by a title phrase ("Field Marshal Asim Munir").
    fn person_in(&self, token: usize, depth: usize) -> Vec<usize> {
        let named = self.chunk_actors(token);
        let is_person =
            |actor: &usize| self.reader.rules().entities[*actor].kind == EntityKind::Person;
        if !named.is_empty() {
            return if named.iter().all(is_person) {
                named
            } else {
                Vec::new()
            };
        }
        if depth >= 2 {
            return Vec::new();
        }
        let mut people = Vec::new();
        for child in self.tree.children(token, &["compound", "flat", "appos"]) {
            merge(&mut people, self.person_in(child, depth + 1));
        }
        people
    }

    /// The actors of the mention a token belongs to (its chunk may join
    /// other mentions the tree places elsewhere: "the efforts of Turkey and
    /// Qatar, Tarar warned"; coordinated ones come back through `conj`).
    fn chunk_actors(&self, token: usize) -> Vec<usize> {
        let item = self.reader.shape.item_of_token[token];
        let tokens = self.tree.tokens;
        // A subject is no place, whatever preposition the words before
        // its chunk hold.
        let subject = matches!(self.tree.deprel(token), "nsubj" | "nsubj:pass")
            && self.tree.case(token).is_none();
        let place_sense = subject.then_some(false);
        self.reader.member_actors_in(item, place_sense, |mention| {
            // The mention's own tokens, one of which is `token` or below it
            // ("Turkish and Qatari officials": both demonyms modify
            // "officials"); conjuncts come back through `conj`.
            (0..tokens.len()).any(|index| {
                let span = &tokens[index].span;
                mention.overlaps(span)
                    && self.descends_from(index, token)
                    && !self.is_separate_conjunct(index, token)
            })
        })
    }

    /// Who owns a noun: "Pakistan's demands", "Pakistani demands", "the
    /// demands of Kabul", "calls from Islamabad".
    fn owners(&self, noun: usize) -> Vec<usize> {
        let mut owners = self.chunk_actors(noun);
        // Any noun has its possessor; only a noun of speech or action is
        // owned by its modifiers ("Pakistani demands", not "a Pakistani media
        // report") and its "of", "from", "by" phrases.
        let act = ACT_NOUNS.contains(self.tree.word(noun));
        let owning: &'static [&'static str] = if act {
            &["nmod:poss", "compound", "amod"]
        } else {
            &["nmod:poss"]
        };
        for child in self.tree.children(noun, owning) {
            merge(&mut owners, self.actors(child, 1));
        }
        if owners.is_empty() && act {
            for child in self.noun_modifiers(noun) {
                if self
                    .tree
                    .case(child)
                    .is_some_and(|c| OWNER_CASES.contains(c))
                {
                    merge(&mut owners, self.actors(child, 1));
                }
            }
        }
        if owners.is_empty() && act {
            owners = self.makers(noun).0;
        }
        owners
    }

    /// A noun's prepositional and clausal modifiers, with a phrase right
    /// after an object or oblique noun that the parser hung on the verb
    /// instead ("rebuffed calls from Iran", "met with mediation from Qatar").
    fn noun_modifiers(&self, noun: usize) -> Vec<usize> {
        // The phrase whose preposition comes right after the noun, wherever
        // the parser hung it ("following renewed mediation by Qatari
        // officials", with "by" on the main verb).
        let after = if matches!(self.tree.deprel(noun), "obj" | "obl") {
            noun + 1..self.tree.tokens.len()
        } else {
            0..0
        };
        let adjacent = after.filter(move |&phrase| {
            matches!(self.tree.deprel(phrase), "obl" | "nmod")
                && self.tree.head(phrase) != Some(noun)
                && self
                    .tree
                    .child(phrase, &["case"])
                    .is_some_and(|case| case == noun + 1)
        });
        self.tree
            .children(noun, &["nmod", "acl"])
            .chain(adjacent)
            .collect()
    }

    /// The subject of a verb: its own, or the one it shares through a
    /// relative clause, control, coordination or a participle.
    pub(super) fn subject(&self, verb: usize, depth: usize) -> Option<(Vec<usize>, Frame)> {
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
        // label no verb takes): "Turkey, Qatar urge Pakistan ...".
        if self.tree.upos(verb) == "VERB"
            && let Some(subject) = self
                .tree
                .children(verb, &["compound"])
                .find(|&child| child < verb && self.tree.is_nominal(child))
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
    fn misread_relative_subject(&self, verb: usize) -> Option<usize> {
        let noun = self.tree.child(verb, &["nsubj"])?;
        if !ACT_NOUNS.contains(self.tree.word(noun)) || self.tree.child(verb, &["obj"]).is_some() {
            return None;
        }
        self.tree
            .children(noun, &["appos", "compound"])
            .find(|&name| name == noun + 1 && name < verb && !self.chunk_actors(name).is_empty())
    }

    fn is_passive(&self, verb: usize) -> bool {
        self.tree
            .child(verb, &["aux:pass", "nsubj:pass", "csubj:pass"])
            .is_some()
    }

    /// The targets of an active verb: its object (or the owner of an object
    /// noun), a phrase with one of the rule's target prepositions, or the
    /// subject of a demanded clause ("insisted that Kabul act").
    fn verb_targets(
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
    fn charges_an_act(&self, noun: usize) -> bool {
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
    fn gapped_objects(&self, verb: usize) -> Vec<usize> {
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
    fn misread_objects(&self, verb: usize) -> impl Iterator<Item = usize> + '_ {
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

    /// Who a reported clause is about: its subject, or the owner of its
    /// subject ("that Pakistan's airstrikes were part of a plan").
    fn clause_subject(&self, clause: usize) -> Vec<usize> {
        // "claimed the attack was sponsored by India": the agent of a
        // passive clause.
        if let Some(agent) = self
            .tree
            .children(clause, &["obl:agent", "obl"])
            .find(|&agent| {
                self.tree.deprel(agent) == "obl:agent" || self.tree.case(agent) == Some("by")
            })
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
    fn reports_clause_only(&self, verb: usize) -> bool {
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

    /// With object nouns ("denounced Pakistan's demands"), the act counts
    /// only when one of them heads the object, and its owner is the target
    /// (none named: "Pakistan wants written guarantees").
    fn object_noun_owners(&self, rule: &RelationRule, noun: usize) -> Option<Vec<usize>> {
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
    fn labelled(&self, rule: &RelationRule, verb: usize) -> Vec<usize> {
        let mut targets = Vec::new();
        for clause in self.tree.children(verb, &["ccomp"]) {
            // "said Rwanda was the real enemy", or a hostile act as the
            // clause's verb: "said Thailand had violated the ceasefire",
            // "said the posts were shelled by Thai troops".
            let predicate =
                self.tree.child(clause, &["cop"]).is_some() || self.tree.upos(clause) == "VERB";
            if predicate && self.is_complement(rule, clause) && self.plainly_stated(clause) {
                let owners = self.proxy_owners(clause);
                if owners.is_empty() {
                    merge(&mut targets, self.clause_subject(clause));
                } else {
                    merge(&mut targets, owners);
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
        let named_as = |phrase: usize| {
            phrase > object
                && self.tree.is_nominal(phrase)
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

    /// Whether a noun, or an adjective or noun before it, is one of the
    /// rule's complements ("enemy", "a terrorist state", "proxies").
    fn is_complement(&self, rule: &RelationRule, noun: usize) -> bool {
        let listed = |token: usize| rule.is_complement(self.tree.word(token));
        listed(noun)
            || self
                .tree
                .children(noun, &["amod", "compound"])
                .any(|modifier| modifier < noun && listed(modifier))
    }

    /// Whether a complement is stated as it stands: not negated ("was not
    /// the enemy", "is no proxy") and not hedged by a modal ("could become").
    fn plainly_stated(&self, complement: usize) -> bool {
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
    fn proxy_owners(&self, noun: usize) -> Vec<usize> {
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

    fn passive(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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
        let agent = self
            .tree
            .children(verb, &["obl:agent", "obl"])
            .find(|&oblique| {
                self.tree.deprel(oblique) == "obl:agent" || self.tree.case(oblique) == Some("by")
            })?;
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

    fn subject_frame(
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
                || !rule.complements.is_empty()
                || (rule.target == TargetPolicy::Object && self.reports_clause_only(trigger.token))
                || (rule.clause_target && !rule.default_counterpart))
        {
            return None;
        }
        Some(found(sources, targets, frame))
    }

    fn active(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Active)
    }

    fn relative(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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

    fn control(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Control)
    }

    fn coordination(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Coordination)
    }

    fn participle(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        self.subject_frame(rule, trigger, Frame::Participle)
    }

    /// The targets of a noun: phrases with the rule's target prepositions
    /// ("accusations against Kabul"), the subject of a demanded clause.
    fn noun_targets(
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

    /// The noun and, when it modifies another noun of the same act ("the
    /// mediation role", "mediation efforts"), that noun too.
    fn noun_heads(&self, noun: usize) -> Vec<usize> {
        let mut heads = vec![noun];
        if self.tree.deprel(noun) == "compound"
            && let Some(head) = self.tree.head(noun)
        {
            heads.push(head);
        }
        heads
    }

    fn noun_found(
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

    fn possessive(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        let mut sources = Vec::new();
        for noun in self.noun_heads(trigger.token) {
            for owner in self.tree.children(noun, &["nmod:poss"]) {
                merge(&mut sources, self.actors(owner, 0));
            }
        }
        self.noun_found(rule, trigger, sources, Frame::Possessive)
    }

    fn modifier(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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

    fn prepositional(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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
    fn apposition(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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
    fn light_verb(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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
    pub(super) fn light_verb_is_modifier(&self, trigger: Trigger<'_>) -> bool {
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
    fn made_by(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
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
    fn makers(&self, noun: usize) -> (Vec<usize>, Vec<usize>) {
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

    /// Whether the act is stated as a fact: negation, modals and conditions
    /// on the trigger or on the clause that governs it, and infinitives of
    /// verbs like "plan" or "offer".
    /// A noun whose owner is named inside its own phrase ("Islamabad's
    /// demand", "Qatari mediation") states an act that took place, whatever
    /// the clause around it does with it ("is expected to focus on
    /// Islamabad's demand"): only its own phrase can negate it.
    /// Whether a "without" phrase opens a counterfactual: the clause it
    /// hangs on is hedged by "would" or "could" ("without his mediation
    /// there would be no ceasefire", "without Qatar, the talks could have
    /// collapsed"), which presupposes what the phrase names.
    fn counterfactual(&self, phrase: usize) -> bool {
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

    pub(super) fn modality(&self, trigger: usize, frame: Frame) -> Modality {
        let within_phrase = matches!(
            frame,
            Frame::Possessive | Frame::Modifier | Frame::Prepositional
        );
        let mut modality = Modality::Asserted;
        let mut node = trigger;
        for _ in 0..8 {
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
                if negation && matches!(deprel, "advmod" | "aux" | "det" | "cc" | "discourse") {
                    return Modality::Negated;
                }
                if negation && deprel == "aux" {
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
                "compound" | "amod" | "appos" | "flat" | "obj" | "iobj" | "nsubj"
                | "nsubj:pass" | "obl" | "nmod" | "nmod:poss" => {}
                _ => break,
            }
            node = head;
        }
        modality
    }

    /// The byte span of a trigger phrase.
    pub(super) fn span(&self, trigger: Trigger<'_>) -> Range<usize> {
        let tokens = self.tree.tokens;
        tokens[trigger.token].span.start..tokens[trigger.last].span.end
    }

    /// Whether the trigger is used as its entry says: a verb entry on a
    /// verb (or a participle the tagger calls an adjective), a noun entry on
    /// a noun.
    pub(super) fn used_as_entry(&self, trigger: Trigger<'_>) -> bool {
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
    fn names_no_one(&self, phrase: usize) -> bool {
        self.subtree_names_no_one(phrase, |_| false)
    }

    /// Whether no word of the subtree under `top` names anyone, leaving out
    /// the dependents `skip` says (and what hangs on them).
    fn subtree_names_no_one(&self, top: usize, skip: impl Fn(usize) -> bool) -> bool {
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
    fn names_no_one_itself(&self, token: usize) -> bool {
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
    pub(super) fn object_names_no_one(&self, rule: &RelationRule, trigger: Trigger<'_>) -> bool {
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
    pub(super) fn states_what(&self, trigger: Trigger<'_>) -> bool {
        !matches!(trigger.entry.role, WordRole::Verb(_))
            || self
                .tree
                .child(trigger.token, &["obj", "xcomp", "ccomp"])
                .is_some()
    }

    /// Whether a verb trigger's object is "both sides", "the two
    /// countries" and the like, where the article names no talks.
    pub(super) fn object_is_both_sides(&self, trigger: Trigger<'_>) -> bool {
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
    fn phrase_names_no_one(&self, noun: usize) -> bool {
        self.subtree_names_no_one(noun, |token| {
            matches!(
                self.tree.deprel(token),
                "acl" | "acl:relcl" | "advcl" | "ccomp" | "xcomp" | "parataxis"
            )
        })
    }

    /// "asked whether Kabul would act": a question, not a request.
    pub(super) fn asks_a_question(&self, verb: usize) -> bool {
        self.tree
            .children(verb, &["ccomp"])
            .any(|clause| self.is_question(clause))
    }

    /// Whether the tree shows the verb's subject and it is no actor: "It
    /// expressed concern ... and urged Kigali" after a sentence whose
    /// subject was "the council", "Analysts urged Kabul". Not a first
    /// person: in a quote that is its speaker.
    pub(super) fn acts_for_no_actor(&self, verb: usize) -> bool {
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
    pub(super) fn states_nothing(&self, rule: &RelationRule, trigger: Trigger<'_>) -> bool {
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
    fn has_clause(&self, verb: usize) -> bool {
        self.tree.child(verb, &["xcomp", "ccomp"]).is_some()
            || self
                .tree
                .children(verb, &["obj", "obl"])
                .any(|object| self.tree.child(object, &["acl"]).is_some())
    }

    /// A verb that only reports a clause naming no actor, and no one as its
    /// object: "Tarar insisted the strikes hit militant camps".
    pub(super) fn states_only_a_clause(&self, rule: &RelationRule, trigger: Trigger<'_>) -> bool {
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
    pub(super) fn rejected_thing(&self, trigger: Trigger<'_>) -> Option<&str> {
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

    /// Finds the first frame that places a source for the trigger.
    pub(super) fn read(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        let frames = match trigger.entry.role {
            WordRole::Verb(_) => VERB_FRAMES,
            WordRole::Noun | WordRole::Agent => NOUN_FRAMES,
        };
        frames
            .iter()
            .find_map(|frame| frame(self, rule, trigger))
            .filter(|found| !found.sources.is_empty())
    }
}

impl TreeReader<'_, '_> {
    /// The pairs of parties of the talks this sentence names: "talks
    /// between X and Y", "X resumed talks with Y", "X and Y agreed to a
    /// ceasefire".
    pub(super) fn talk_pairs(&self) -> Vec<(usize, usize)> {
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

fn found(sources: Vec<usize>, targets: Option<Vec<usize>>, frame: Frame) -> Found {
    Found {
        sources,
        targets,
        frame,
        infinitive: false,
    }
}

fn merge(into: &mut Vec<usize>, actors: Vec<usize>) {
    for actor in actors {
        if !into.contains(&actor) {
            into.push(actor);
        }
    }
}

//! Who a token stands for, read off the tree: the actors of the mention it
//! belongs to, the owners and members of an organ noun ("the Kabul regime",
//! "officials from Islamabad", "countries including Qatar"), a title's one
//! holder ("Pakistan's Minister of Information"), and the antecedents of
//! "it" and of relative clauses. Metonymy, pronouns and place senses stay
//! the shallow reader's ([`super::relations`]); this only finds the tokens.

use super::*;

impl TreeReader<'_, '_> {
    /// The actors a token stands for: its own chunk, or, for a noun that is
    /// no actor itself, the actors that own or make it up ("the Kabul
    /// regime", "officials from Islamabad", "countries including Qatar"),
    /// with coordinated phrases ("Qatar and the Saudi government").
    pub(super) fn actors(&self, token: usize, depth: usize) -> Vec<usize> {
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
    pub(super) fn title_holder(&self, token: usize, side: usize) -> Option<usize> {
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
    pub(super) fn is_separate_conjunct(&self, token: usize, ancestor: usize) -> bool {
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
    pub(super) fn relative_antecedent(&self, token: usize) -> Option<usize> {
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
    pub(super) fn it_antecedent(&self, token: usize) -> Vec<usize> {
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

    /// Whether the phrase `token` heads comes right after a comma (its
    /// own, or its head's).
    pub(super) fn after_comma(&self, token: usize) -> bool {
        let first = self.phrase_start(token);
        first > 0 && self.tree.word(first - 1) == ","
    }

    /// The first word of the phrase `token` heads, punctuation aside.
    pub(super) fn phrase_start(&self, token: usize) -> usize {
        (0..=token)
            .find(|&index| self.tree.deprel(index) != "punct" && self.descends_from(index, token))
            .unwrap_or(token)
    }

    /// Whether `token` is `ancestor` or lies below it in the tree.
    pub(super) fn descends_from(&self, token: usize, ancestor: usize) -> bool {
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
    pub(super) fn person_in(&self, token: usize, depth: usize) -> Vec<usize> {
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
    pub(super) fn chunk_actors(&self, token: usize) -> Vec<usize> {
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
    pub(super) fn owners(&self, noun: usize) -> Vec<usize> {
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
    pub(super) fn noun_modifiers(&self, noun: usize) -> Vec<usize> {
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
}

//! Sightings: the names in one tagged sentence that no rule knows, each
//! with what its context says of it (a title before it, an office after it,
//! whom it acts for, an acronym in brackets, a place preposition before
//! it), and the demonyms of states the rules lack ("Eritrean troops").
//!
//! A sighting is a guess read off one sentence; `suggest` groups them over
//! the corpus and the relation frames decide which are actors. Words the
//! rules already name (any mention, pronouns included) are never part of a
//! sighting: they are known, or they are an owner ("the TPLF leader X").

use std::collections::HashMap;
use std::ops::Range;

use crate::text::{Token, TokenKind};

use super::words;

/// Whom a person acts for, as the sentence says ("Y's envoy X", "X,
/// spokesperson for Y", "Kenyan President X").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Owner {
    /// An entity of the rules (index into the rule set, a place's actor
    /// already resolved).
    Known(usize),
    /// Another sighting's name.
    Named(String),
}

/// One name in one sentence that the rules lack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sighting {
    /// The name as written, without the title before it.
    pub name: String,
    /// Byte span of the name (of the demonym, for a demonym phrase).
    pub span: Range<usize>,
    pub sentence: usize,
    /// The office that introduces a person, lowercased ("special envoy").
    pub office: Option<String>,
    pub owner: Option<Owner>,
    /// The context makes it an armed group ("the paramilitary X", "X rebels").
    pub armed: bool,
    /// It follows a place preposition ("in Pretoria").
    pub locative: bool,
    /// An acronym in brackets right after it ("(TPLF)").
    pub acronym: Option<String>,
    /// Another name it is "known as" ("Mohamed Hamdan Dagalo, known as
    /// Hemedti").
    pub known_as: Option<String>,
    /// For a demonym phrase ("Eritrean troops"): the demonym, and the
    /// sighting's name is the state's ("Eritrea"), or the demonym itself
    /// where no state of `words::COUNTRIES` has it.
    pub demonym: Option<String>,
    /// The sentence is in title case (a headline: "Talks Reach Ceasefire
    /// Agreement"), where any word may be capitalised.
    pub title_case: bool,
}

/// A sentence as the sightings read it.
pub(super) struct TaggedSentence<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token<'a>],
    /// The tagger's UPOS tag per token.
    pub upos: &'a [&'static str],
    /// Per token, the entity a mention covering it names (pronouns and
    /// descriptions included), a place's actor resolved.
    pub known: &'a [Option<usize>],
    pub index: usize,
}

/// A run of name words before its title is read off: token range.
struct Run {
    tokens: Range<usize>,
    /// First token of the name once the title is read off.
    name_start: usize,
    office: Vec<String>,
    demonym_owner: Option<String>,
    person: bool,
}

impl TaggedSentence<'_> {
    fn form(&self, at: usize) -> &str {
        &self.text[self.tokens[at].span.clone()]
    }

    fn norm(&self, at: usize) -> &str {
        &self.tokens[at].norm
    }

    fn is_word(&self, at: usize) -> bool {
        self.tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn capitalised(&self, at: usize) -> bool {
        self.is_word(at) && self.form(at).starts_with(char::is_uppercase)
    }

    /// A capitalised word no rule names, which may be part of a name: not
    /// a function word opening the sentence ("The", "Later"). A name's
    /// article joined to it counts ("al-Burhan", "el-Sisi").
    fn name_word(&self, at: usize) -> bool {
        (self.capitalised(at) || (self.is_word(at) && words::article_before_name(self.form(at))))
            && self.known[at].is_none()
            && !words::never_an_actor(self.form(at))
            && !matches!(
                self.upos[at],
                "DET" | "ADP" | "PRON" | "CCONJ" | "SCONJ" | "AUX" | "PART" | "ADV" | "INTJ"
            )
    }

    fn acronym(&self, at: usize) -> bool {
        let form = self.form(at);
        // "TPLF", "IGAD", "M23"
        form.len() >= 2
            && form.chars().any(char::is_alphabetic)
            && form
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
    }

    fn lowercase_office(&self, at: usize) -> bool {
        self.is_word(at)
            && !self.form(at).starts_with(char::is_uppercase)
            && words::is_office_word(self.norm(at))
    }

    /// The state whose demonym starts at `at` (two words first: "South
    /// African"), and how many words it takes.
    fn demonym_at(&self, at: usize, demonyms: &Demonyms) -> Option<(String, usize)> {
        if !self.name_word(at) {
            return None;
        }
        if self.name_word(at + 1) {
            let two = format!("{} {}", self.form(at), self.form(at + 1));
            if let Some(country) = demonyms.country(&two) {
                return Some((country.to_owned(), 2));
            }
        }
        demonyms
            .country(self.form(at))
            .map(|country| (country.to_owned(), 1))
    }
}

/// The demonyms of the states of `words::COUNTRIES` the rules lack, as the
/// mention matcher forms them.
pub(super) struct Demonyms {
    countries: HashMap<String, &'static str>,
}

impl Demonyms {
    /// `known` says whether the rules name a state already (by its name).
    pub(super) fn new(known: impl Fn(&str) -> bool) -> Demonyms {
        let countries = words::COUNTRIES
            .iter()
            .filter(|country| !known(country))
            .filter_map(|&country| {
                crate::extract::country_demonym(country).map(|demonym| (demonym, country))
            })
            .collect();
        Demonyms { countries }
    }

    pub(super) fn country(&self, demonym: &str) -> Option<&'static str> {
        self.countries.get(demonym).copied()
    }
}

/// Every sighting in one sentence, left to right.
pub(super) fn sightings(sentence: &TaggedSentence<'_>, demonyms: &Demonyms) -> Vec<Sighting> {
    let count = sentence.tokens.len();
    let mut found = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut at = 0;
    while at < count {
        if !sentence.name_word(at) {
            at += 1;
            continue;
        }
        let start = at;
        let mut end = at + 1;
        loop {
            if sentence.name_word(end) {
                end += 1;
                continue;
            }
            // "Mohammed bin Salman", "Ursula von der Leyen"
            if sentence.is_word(end) && words::particle_inside_name(sentence.form(end)) {
                let mut next = end;
                while next < count
                    && next - end < 2
                    && words::particle_inside_name(sentence.form(next))
                {
                    next += 1;
                }
                if sentence.capitalised(next) && sentence.name_word(next) {
                    end = next + 1;
                    continue;
                }
            }
            // "Tigray People's Liberation Front"
            let possessive = sentence
                .tokens
                .get(end)
                .is_some_and(|token| token.kind == TokenKind::Possessive);
            if possessive
                && words::possessive_inside_name(sentence.form(end - 1))
                && sentence.name_word(end + 1)
            {
                end += 2;
                continue;
            }
            // "Peace and Security Council": "and" inside a name that ends
            // with an organisation word.
            if sentence.is_word(end)
                && sentence.norm(end) == "and"
                && sentence.name_word(end + 1)
                && (end + 2..(end + 4).min(count)).any(|at| {
                    sentence.name_word(at) && words::is_organization_name_word(sentence.norm(at))
                })
            {
                end += 2;
                continue;
            }
            // "Authority on Development", "Republic of the Congo"
            let previous = sentence.norm(end - 1);
            if (words::is_organization_name_word(previous) || previous == "republic")
                && sentence.is_word(end)
                && words::joins_a_name(sentence.norm(end))
            {
                let mut next = end;
                while next < count && next - end < 2 && words::joins_a_name(sentence.norm(next)) {
                    next += 1;
                }
                if sentence.name_word(next) {
                    end = next + 1;
                    continue;
                }
            }
            break;
        }
        runs.push(read_title(sentence, start..end, demonyms, &mut found));
        at = end;
    }
    // The name each run ends with, by its last token, for owners.
    let name_of = |run: &Run| -> String {
        let first = &sentence.tokens[run.name_start];
        let last = &sentence.tokens[run.tokens.end - 1];
        sentence.text[first.span.start..last.span.end].to_owned()
    };
    let run_ending_at = |token: usize| {
        runs.iter()
            .find(|run| run.tokens.end == token + 1 && run.name_start < run.tokens.end)
    };
    let run_starting_at = |token: usize| runs.iter().find(|run| run.tokens.start == token);
    // Whom the words at `at` name: a known entity, another name, a state by
    // its demonym.
    let owner_at = |at: usize, ending: bool| -> Option<Owner> {
        if let Some(entity) = sentence.known.get(at).copied().flatten() {
            return Some(Owner::Known(entity));
        }
        let run = if ending {
            run_ending_at(at)
        } else {
            run_starting_at(at)
        };
        if let Some(run) = run {
            if run.name_start < run.tokens.end {
                return Some(Owner::Named(name_of(run)));
            }
            return run.demonym_owner.clone().map(Owner::Named);
        }
        sentence
            .demonym_at(at, demonyms)
            .map(|(country, _)| Owner::Named(country))
    };
    for run in &runs {
        if run.name_start >= run.tokens.end {
            continue;
        }
        let start = run.tokens.start;
        let end = run.tokens.end;
        let name_tokens = run.name_start..end;
        // A name the tagger reads as common nouns still is one where its
        // words say so ("The Intergovernmental Authority on Development").
        let named_so = name_tokens.len() > 1
            && name_tokens.clone().any(|at| {
                words::is_organization_name_word(sentence.norm(at))
                    || words::is_group_name_word(sentence.norm(at))
            });
        let has_proper_noun = named_so
            || name_tokens
                .clone()
                .any(|at| sentence.upos[at] == "PROPN" || sentence.acronym(at));
        if name_tokens.len() == 1 && unlisted_demonym(sentence, run.name_start, demonyms) {
            continue;
        }
        let after_possessive =
            start > 0 && sentence.tokens[start - 1].kind == TokenKind::Possessive;
        // "Ethiopia's Foreign Ministry" is an organ of Ethiopia, not an
        // actor of its own; "Ethiopia's Prime Minister X" is a person.
        if !has_proper_noun || (after_possessive && !run.person) {
            continue;
        }
        // "Defence Minister Mullah Muhammad Yaqoob", the rules knowing
        // Muhammad Yaqoob: the words before a known name are its title.
        let known_follows =
            sentence.known.get(end).copied().flatten().is_some() && sentence.is_word(end);
        if known_follows && (run.person || name_tokens.len() == 1) {
            continue;
        }
        let mut office = run.office.clone();
        let mut owner = run.demonym_owner.clone().map(Owner::Named);
        // A title in lowercase before the name: "the TPLF leader X", "US
        // special envoy X", "the government's chief negotiator, X".
        let mut before = start;
        if before >= 2 && sentence.norm(before - 1) == "," && sentence.lowercase_office(before - 2)
        {
            before -= 1;
        }
        let mut lowercase_title = Vec::new();
        while before > 0 && sentence.lowercase_office(before - 1) {
            before -= 1;
            lowercase_title.insert(0, sentence.norm(before).to_owned());
        }
        let mut person = run.person;
        if lowercase_title
            .iter()
            .any(|word| words::is_office_head(word))
        {
            person = true;
            lowercase_title.extend(office);
            office = lowercase_title;
            if before > 0 && owner.is_none() {
                let owner_token = before - 1;
                owner = if sentence.tokens[owner_token].kind == TokenKind::Possessive {
                    owner_token.checked_sub(1).and_then(|at| owner_at(at, true))
                } else {
                    owner_at(owner_token, true)
                };
            }
        }
        // An office after the name: "X, spokesperson for the TPLF," or
        // "X, the national security adviser to Prime Minister Y".
        let acronym = (sentence.tokens.get(end).is_some_and(|t| t.norm == "(")
            && sentence.tokens.get(end + 2).is_some_and(|t| t.norm == ")")
            && sentence.is_word(end + 1)
            && sentence.acronym(end + 1))
        .then_some(end + 1);
        if let Some(acronym) = acronym
            && sentence.known[acronym].is_some()
        {
            // "Rapid Support Forces (RSF)" with the RSF known: a name of a
            // known actor, no new one.
            continue;
        }
        let after = acronym.map_or(end, |at| at + 2);
        if !person
            && sentence.tokens.get(after).is_some_and(|t| t.norm == ",")
            && let Some((words_after, owner_after)) = office_after(sentence, after + 1, &owner_at)
        {
            person = true;
            office = words_after;
            owner = owner.or(owner_after);
        }
        // "X, known as Hemedti": another name of the person or group.
        let mut known_as = None;
        let mut at_name =
            after + usize::from(sentence.tokens.get(after).is_some_and(|t| t.norm == ","));
        if sentence.is_word(at_name)
            && matches!(sentence.norm(at_name), "also" | "better" | "widely")
        {
            at_name += 1;
        }
        if sentence.is_word(at_name + 1)
            && sentence.norm(at_name) == "known"
            && sentence.norm(at_name + 1) == "as"
            && let Some(other) = run_starting_at(at_name + 2)
            && other.name_start < other.tokens.end
        {
            known_as = Some(name_of(other));
        }
        let next = acronym.map_or(end, |at| at + 2);
        let armed = (start > 0 && words::is_group_descriptor(sentence.norm(start - 1)))
            || (sentence.is_word(next)
                && !sentence.capitalised(next)
                && words::is_group_noun(sentence.norm(next)))
            || name_tokens
                .clone()
                .any(|at| words::is_group_name_word(sentence.norm(at)));
        let locative = before > 0 && words::is_locative(sentence.norm(before - 1));
        let span = sentence.tokens[run.name_start].span.start..sentence.tokens[end - 1].span.end;
        found.push(Sighting {
            name: sentence.text[span.clone()].to_owned(),
            span,
            sentence: sentence.index,
            office: person.then(|| office.join(" ")),
            owner: if person { owner } else { None },
            armed,
            locative,
            acronym: acronym.map(|at| sentence.form(at).to_owned()),
            known_as,
            demonym: None,
            title_case: false,
        });
    }
    // A demonym no state of the list has, before an organ ("Tigrayan
    // forces"): a name of its own, to be told which actor it is.
    for at in 0..count {
        let in_a_name = runs
            .iter()
            .any(|run| run.tokens.contains(&at) && run.tokens.len() > 1);
        if !in_a_name && unlisted_demonym(sentence, at, demonyms) {
            let form = sentence.form(at);
            found.push(Sighting {
                name: form.to_owned(),
                span: sentence.tokens[at].span.clone(),
                sentence: sentence.index,
                office: None,
                owner: None,
                armed: false,
                locative: false,
                acronym: None,
                known_as: None,
                demonym: Some(form.to_owned()),
                title_case: false,
            });
        }
    }
    found.sort_by_key(|sighting| sighting.span.start);
    let words: Vec<usize> = (0..count).filter(|&at| sentence.is_word(at)).collect();
    let capitalised = words.iter().filter(|&&at| sentence.capitalised(at)).count();
    if words.len() >= 4 && capitalised * 4 >= words.len() * 3 {
        for sighting in &mut found {
            sighting.title_case = true;
        }
    }
    found
}

/// Whether the word at `at` is a demonym of no state the list holds, read
/// as one because an organ follows it ("Tigrayan forces", "the Tigrayan
/// side"): capitalised, shaped as a demonym, an adjective or proper noun.
fn unlisted_demonym(sentence: &TaggedSentence<'_>, at: usize, demonyms: &Demonyms) -> bool {
    if !sentence.name_word(at) || !matches!(sentence.upos[at], "ADJ" | "PROPN") {
        return false;
    }
    let form = sentence.form(at);
    let organ_follows = sentence.is_word(at + 1)
        && !sentence.capitalised(at + 1)
        && crate::rules::ORGANS
            .iter()
            .any(|organ| organ.split(' ').next() == Some(sentence.norm(at + 1)));
    let shaped = ["an", "ese", "ish", "i"]
        .iter()
        .any(|ending| form.ends_with(ending));
    organ_follows && shaped && demonyms.country(form).is_none()
}

/// Reads the title off the front of a run ("Former Kenyan President X"):
/// capitalised office words, and a demonym, whose state is then whom the
/// person acts for (and a sighting of that state). A title of modifiers
/// alone ("Foreign Ministry") stays part of the name.
fn read_title(
    sentence: &TaggedSentence<'_>,
    tokens: Range<usize>,
    demonyms: &Demonyms,
    found: &mut Vec<Sighting>,
) -> Run {
    let mut at = tokens.start;
    let mut office = Vec::new();
    let mut demonym_owner = None;
    let mut demonym_sighting = None;
    while at < tokens.end {
        let word = sentence.norm(at);
        if words::is_office_word(word) {
            office.push(word.to_owned());
            at += 1;
            continue;
        }
        if let Some((country, width)) = sentence.demonym_at(at, demonyms)
            && at + width <= tokens.end
        {
            let span = sentence.tokens[at].span.start..sentence.tokens[at + width - 1].span.end;
            demonym_sighting = Some(Sighting {
                name: country.clone(),
                span: span.clone(),
                sentence: sentence.index,
                office: None,
                owner: None,
                armed: false,
                locative: false,
                acronym: None,
                known_as: None,
                demonym: Some(sentence.text[span].to_owned()),
                title_case: false,
            });
            demonym_owner = Some(country);
            at += width;
            continue;
        }
        break;
    }
    let person = office.iter().any(|word| words::is_office_head(word));
    found.extend(demonym_sighting);
    if person || office.is_empty() || at == tokens.end {
        Run {
            tokens,
            name_start: at,
            office,
            demonym_owner,
            person,
        }
    } else {
        // Modifiers only: they belong to the name ("Foreign Ministry"), but
        // a demonym before them is still the state's.
        let name_start = at - office.len();
        Run {
            tokens,
            name_start,
            office: Vec::new(),
            demonym_owner,
            person: false,
        }
    }
}

/// The office in an apposition after a name, from `at` (after its comma):
/// "spokesperson for the TPLF", "the national security adviser to Prime
/// Minister Y", "the African Union's envoy"; with whom it names.
fn office_after(
    sentence: &TaggedSentence<'_>,
    mut at: usize,
    owner_at: &dyn Fn(usize, bool) -> Option<Owner>,
) -> Option<(Vec<String>, Option<Owner>)> {
    let count = sentence.tokens.len();
    if at < count && matches!(sentence.norm(at), "the" | "a" | "an" | "its" | "their") {
        at += 1;
    }
    let mut owner = None;
    // "the TPLF's spokesperson", "Sudan's envoy"
    let mut possessor = at;
    while possessor < count && possessor < at + 5 && sentence.capitalised(possessor) {
        possessor += 1;
    }
    if possessor > at
        && sentence
            .tokens
            .get(possessor)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
    {
        owner = owner_at(possessor - 1, true);
        at = possessor + 1;
    }
    let mut office = Vec::new();
    while at < count && sentence.is_word(at) && words::is_office_word(sentence.norm(at)) {
        office.push(sentence.norm(at).to_owned());
        at += 1;
    }
    if !office.iter().any(|word| words::is_office_head(word)) {
        return None;
    }
    if owner.is_none() && at < count && matches!(sentence.norm(at), "for" | "of" | "to") {
        at += 1;
        while at < count && matches!(sentence.norm(at), "the" | "former") {
            at += 1;
        }
        if at < count {
            owner = owner_at(at, false);
        }
    }
    Some((office, owner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The sightings of `text`, tagged by hand: capitalised words PROPN but
    /// those in `adjectives` ADJ, the rest NOUN; words of `known` belong to
    /// entity 0.
    fn seen(text: &str, adjectives: &[&str], known: &[&str]) -> Vec<Sighting> {
        let tokens = tokenize(text, 0..text.len());
        let upos: Vec<&'static str> = tokens
            .iter()
            .map(|token| {
                let form = &text[token.span.clone()];
                if adjectives.contains(&form) {
                    "ADJ"
                } else if form == "The" {
                    "DET"
                } else if form == "Later" {
                    "ADV"
                } else if form.starts_with(char::is_uppercase) {
                    "PROPN"
                } else {
                    "NOUN"
                }
            })
            .collect();
        let known: Vec<Option<usize>> = tokens
            .iter()
            .map(|token| known.contains(&&text[token.span.clone()]).then_some(0))
            .collect();
        let sentence = TaggedSentence {
            text,
            tokens: &tokens,
            upos: &upos,
            known: &known,
            index: 0,
        };
        sightings(&sentence, &Demonyms::new(|_| false))
    }

    fn names(found: &[Sighting]) -> Vec<&str> {
        found.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn a_title_before_a_name_makes_a_person_and_a_demonym_their_side() {
        let found = seen(
            "Former Kenyan President Uhuru Kenyatta joined the panel on Monday.",
            &["Kenyan"],
            &[],
        );
        assert_eq!(names(&found), ["Kenya", "Uhuru Kenyatta"]);
        let person = &found[1];
        assert_eq!(person.office.as_deref(), Some("former president"));
        assert_eq!(person.owner, Some(Owner::Named("Kenya".to_owned())));
        assert_eq!(found[0].demonym.as_deref(), Some("Kenyan"));
    }

    #[test]
    fn an_office_in_lowercase_names_its_owner_before_it() {
        let found = seen(
            "US special envoy Mike Hammer met TPLF leader Debretsion Gebremichael.",
            &[],
            &["US"],
        );
        assert_eq!(
            names(&found),
            ["Mike Hammer", "TPLF", "Debretsion Gebremichael"]
        );
        assert_eq!(found[0].office.as_deref(), Some("special envoy"));
        assert_eq!(found[0].owner, Some(Owner::Known(0)));
        assert_eq!(found[2].owner, Some(Owner::Named("TPLF".to_owned())));
        let found = seen(
            "The African Union's envoy Olusegun Obasanjo spoke.",
            &[],
            &[],
        );
        assert_eq!(names(&found), ["African Union", "Olusegun Obasanjo"]);
        assert_eq!(
            found[1].owner,
            Some(Owner::Named("African Union".to_owned()))
        );
    }

    #[test]
    fn an_office_after_the_name_makes_a_person_of_whom_it_names() {
        let found = seen(
            "Getachew Reda, spokesperson for the TPLF, accused the army.",
            &[],
            &[],
        );
        assert_eq!(found[0].name, "Getachew Reda");
        assert_eq!(found[0].office.as_deref(), Some("spokesperson"));
        assert_eq!(found[0].owner, Some(Owner::Named("TPLF".to_owned())));
    }

    #[test]
    fn a_name_runs_over_a_peoples_possessive_and_takes_its_acronym() {
        let found = seen(
            "talks with the Tigray People's Liberation Front (TPLF) opened in Pretoria.",
            &[],
            &[],
        );
        assert_eq!(
            names(&found),
            ["Tigray People's Liberation Front", "TPLF", "Pretoria"]
        );
        assert_eq!(found[0].acronym.as_deref(), Some("TPLF"));
        assert!(found[0].armed, "a Front is an armed group");
        assert!(found[2].locative);
        let found = seen(
            "The Intergovernmental Authority on Development urged calm.",
            &[],
            &[],
        );
        assert_eq!(
            names(&found),
            ["Intergovernmental Authority on Development"]
        );
    }

    #[test]
    fn an_organ_after_a_possessive_and_dates_are_no_sightings() {
        let found = seen(
            "Ethiopia's Foreign Ministry accused them on Monday in November.",
            &[],
            &[],
        );
        assert_eq!(names(&found), ["Ethiopia"]);
    }

    #[test]
    fn known_names_are_no_sightings_and_an_unlisted_demonym_before_an_organ_is() {
        let found = seen(
            "Tigrayan forces said the UN had left.",
            &["Tigrayan"],
            &["UN"],
        );
        assert_eq!(names(&found), ["Tigrayan"]);
        assert_eq!(found[0].demonym.as_deref(), Some("Tigrayan"));
        let found = seen(
            "Later, Tigrayan officials said the UN had left.",
            &["Tigrayan"],
            &["UN"],
        );
        assert_eq!(names(&found), ["Tigrayan"]);
    }

    #[test]
    fn a_headline_in_title_case_marks_its_sightings_and_a_title_before_a_known_name_is_none() {
        let found = seen(
            "Pakistan, Afghanistan Reach Ceasefire Agreement After Talks",
            &[],
            &["Pakistan", "Afghanistan"],
        );
        assert!(
            !found.is_empty() && found.iter().all(|s| s.title_case),
            "{found:?}"
        );
        let found = seen(
            "Talks between the two sides reached an agreement in Doha",
            &[],
            &[],
        );
        assert!(found.iter().all(|s| !s.title_case), "{found:?}");
        let found = seen(
            "The Taliban, represented by Defence Minister Mullah Muhammad Yaqoob, denied it.",
            &[],
            &["Taliban", "Muhammad", "Yaqoob"],
        );
        assert_eq!(names(&found), Vec::<&str>::new());
    }

    #[test]
    fn a_names_particles_and_another_name_it_is_known_by() {
        let found = seen(
            "General Abdel Fattah al-Burhan met Mohamed Hamdan Dagalo, known as Hemedti, and Mohammed bin Salman.",
            &[],
            &[],
        );
        assert_eq!(
            names(&found),
            [
                "Abdel Fattah al-Burhan",
                "Mohamed Hamdan Dagalo",
                "Hemedti",
                "Mohammed bin Salman"
            ]
        );
        assert_eq!(found[0].office.as_deref(), Some("general"));
        assert_eq!(found[1].known_as.as_deref(), Some("Hemedti"));
    }
}

//! Relation frames: from a trigger word in a sentence to who does it to whom.
//!
//! Each relation rule supplies words (verbs, nouns, agent nouns, reciprocal
//! phrases); this module owns where the source and the target sit for each
//! kind of word: active and passive voice, participles, control ("relying on
//! X to mediate"), possessive and prepositional nouns, light verbs ("set
//! preconditions"), apposition ("X, the mediators"), speakers, the default
//! counterpart of bilateral talks, and the modality (negated, hypothetical)
//! of the act.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::mentions::MentionVia;
use super::sentence::{Item, LOCATIVE, PREPOSITIONS, SPEECH, Shape};
use crate::rules::{EntityKind, Predicate, RelationRule, RuleSet, TargetPolicy};
use crate::text::{Sentence, TokenKind, WordFilter, WordList};

/// Whether the article states the act as a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    Asserted,
    /// "did not accuse", "never demanded".
    Negated,
    /// Conditional, future, recommended or possible: "could", "would",
    /// "should", "if", "will".
    Hypothetical,
}

impl Modality {
    pub const ALL: [Modality; 3] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Hypothetical,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "Asserted",
            Modality::Negated => "Negated",
            Modality::Hypothetical => "Hypothetical",
        }
    }
}

/// Which frame placed the source and target; written to the graph with the
/// rule id so a user sees why an edge exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frame {
    Active,
    Passive,
    Participle,
    Control,
    Possessive,
    Prepositional,
    LightVerb,
    Apposition,
    Reciprocal,
    /// Read off the dependency tree: a relative clause's antecedent
    /// ("Qatar, which brokered the talks"; "the charge Kabul denies").
    Relative,
    /// A verb sharing the subject of the verb it is coordinated with.
    Coordination,
    /// An actor modifying the trigger noun ("Qatari mediation", "the Qatar
    /// mediation role").
    Modifier,
    /// A speaker saying what another must do ("“Kabul must act,” Dar
    /// said"): a rule's `speaker_modals`.
    Obligation,
    /// An actor joined to a participle by a hyphen, modifying talks: "a
    /// Qatar-brokered ceasefire", "Turkish-mediated talks".
    Compound,
}

impl Frame {
    /// Every frame, in declaration order (`frame as usize` indexes it).
    pub const ALL: [Frame; 14] = [
        Frame::Active,
        Frame::Passive,
        Frame::Participle,
        Frame::Control,
        Frame::Possessive,
        Frame::Prepositional,
        Frame::LightVerb,
        Frame::Apposition,
        Frame::Reciprocal,
        Frame::Relative,
        Frame::Coordination,
        Frame::Modifier,
        Frame::Obligation,
        Frame::Compound,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Frame::Active => "active",
            Frame::Passive => "passive",
            Frame::Participle => "participle",
            Frame::Control => "control",
            Frame::Possessive => "possessive",
            Frame::Prepositional => "prepositional",
            Frame::LightVerb => "light-verb",
            Frame::Apposition => "apposition",
            Frame::Reciprocal => "reciprocal",
            Frame::Relative => "relative",
            Frame::Coordination => "coordination",
            Frame::Modifier => "modifier",
            Frame::Obligation => "obligation",
            Frame::Compound => "compound",
        }
    }
}

/// One relation instance: a source acting on a target, stated by a
/// sentence through a trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationMatch {
    /// Entity indices into the rule set.
    pub source: usize,
    pub target: usize,
    pub predicate: Predicate,
    /// Index into [`RuleSet::relations`].
    pub rule: usize,
    pub frame: Frame,
    pub sentence: usize,
    /// Byte span of the trigger words in the article.
    pub trigger: Range<usize>,
    pub modality: Modality,
    /// The target came from the other party of bilateral talks, not the sentence.
    pub default_target: bool,
}

impl RelationMatch {
    pub(super) fn sort_key(&self) -> (usize, usize, usize, Predicate, usize, usize, usize, Frame) {
        (
            self.sentence,
            self.trigger.start,
            self.trigger.end,
            self.predicate,
            self.source,
            self.target,
            self.rule,
            self.frame,
        )
    }
}

/// What every sentence of one article shares.
pub struct DocContext<'a> {
    pub rules: &'a RuleSet,
    pub date: Option<&'a str>,
    pub text: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VerbForm {
    Base,
    Third,
    Past,
    Ing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WordRole {
    Verb(VerbForm),
    Noun,
    Agent,
}

#[derive(Debug, Clone)]
pub(super) struct TriggerEntry {
    pub(super) rule: usize,
    pub(super) role: WordRole,
    /// Words that must follow the first one ("call on" → ["on"]).
    pub(super) rest: Vec<String>,
}

/// Every trigger word of every relation rule, keyed by its first word.
#[derive(Debug, Clone)]
pub struct TriggerLexicon {
    /// Keyed by a trigger's first word; looked up once for every word, so
    /// with a fast non-cryptographic hash (the keys come from the rules).
    by_word: FxHashMap<String, WordTriggers>,
    /// The keys of `by_word`: most words are no trigger, and the filter
    /// says so before the hash lookup.
    first_words: WordFilter,
}

/// What a word can start: trigger entries and reciprocal phrases.
#[derive(Debug, Clone, Default)]
struct WordTriggers {
    entries: Vec<TriggerEntry>,
    /// Reciprocal phrases ("accused each other"): the rest of the phrase
    /// and the rule, in the rules' order.
    reciprocal: Vec<(Vec<String>, usize)>,
    /// Rules whose `speaker_modals` hold the word ("must").
    modal_rules: Vec<usize>,
}

const BE: WordList = WordList::new(&[
    "is", "are", "was", "were", "be", "been", "being", "'s", "get", "got", "gets",
]);
const HAVE: WordList = WordList::new(&["has", "have", "had", "having"]);
/// Verbs by which an actor claims what another may deny.
const CLAIM_VERBS: WordList = WordList::new(&[
    "said",
    "says",
    "claimed",
    "claims",
    "alleged",
    "alleges",
    "insisted",
    "insists",
    "maintained",
    "maintains",
    "charged",
    "charges",
    "asserted",
    "asserts",
    "argued",
    "argues",
]);
const ADVERBS: WordList = WordList::new(&[
    "also",
    "long",
    "now",
    "again",
    "repeatedly",
    "then",
    "further",
    "already",
    "once",
    "still",
    "however",
    "meanwhile",
    "reportedly",
    "previously",
    "recently",
    "earlier",
    "later",
    "too",
    "even",
    "just",
    "first",
    "publicly",
    "formally",
    "openly",
    "today",
    "yesterday",
    "in",
    "turn",
    "always",
    "both",
    "never",
    "each",
    "jointly",
    "together",
    "sharply",
    "swiftly",
    "quickly",
    "often",
]);
/// Words after which a trigger is a verb with a subject of its own
/// ("we demand", "Qatar, which brokers ...").
const PRONOUN_SUBJECTS: WordList = WordList::new(&[
    "we", "they", "i", "you", "he", "she", "it", "who", "which", "that",
]);
/// Words after which a trigger is a noun, whatever its forms ("told the press").
const NOUN_MARKERS: WordList = WordList::new(&[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "such",
]);
const NEGATION: WordList =
    WordList::new(&["not", "never", "no", "neither", "nor", "cannot", "hardly"]);
const HYPOTHETICAL: WordList = WordList::new(&[
    "could", "would", "should", "might", "may", "can", "will", "shall", "must", "if", "unless",
    "whether", "ought",
]);
/// Verbs whose object noun names the act they perform ("set preconditions").
pub(super) const LIGHT_VERBS: WordList = WordList::new(&[
    "set",
    "sets",
    "setting",
    "made",
    "make",
    "makes",
    "making",
    "issued",
    "issue",
    "issues",
    "issuing",
    "presented",
    "present",
    "presents",
    "submitted",
    "submit",
    "raised",
    "raise",
    "raises",
    "put",
    "puts",
    "laid",
    "lay",
    "reiterated",
    "reiterate",
    "reiterates",
    "repeated",
    "repeat",
    "repeats",
    "renewed",
    "renew",
    "renews",
    "voiced",
    "voice",
    "voices",
    "levelled",
    "leveled",
    "level",
    "levels",
    "launched",
    "launch",
    "delivered",
    "deliver",
    "offered",
    "offer",
    "played",
    "play",
    "plays",
    "stepped",
    "took",
    "take",
    "takes",
    "announced",
    "announce",
    "conveyed",
    "convey",
    "sent",
    "send",
    "handed",
]);
/// Nouns of the same act that may sit between a trigger noun and "of X"
/// ("mediation efforts of Turkey").
const LINK_NOUNS: WordList = WordList::new(&[
    "efforts",
    "effort",
    "role",
    "bid",
    "initiative",
    "offer",
    "process",
    "attempt",
    "attempts",
    "push",
    "list",
]);
const DETERMINERS: WordList = WordList::new(&[
    "the", "a", "an", "this", "that", "these", "those", "such", "any", "every", "each", "some",
    "its", "our", "your", "my", "no", "and", "or", ",", "of", "to", "for", "with", "by", "on",
    "in",
]);
/// Words of a title between a country and a person ("Pakistan's Information
/// Minister Attaullah Tarar"), besides capitalised words.
const TITLE_WORDS: WordList = WordList::new(&[
    "minister",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "envoy",
    "ambassador",
    "president",
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "information",
    "chief",
    "army",
    "deputy",
    "special",
    "representative",
    "former",
    "acting",
    "leader",
    "commander",
    "general",
    "head",
    "secretary",
    "adviser",
    "advisor",
    "official",
    "senior",
    "for",
    "and",
    "of",
    ",",
    "the",
    "state",
    "top",
    "supreme",
    "military",
    "intelligence",
    "director",
]);
/// Nouns after a place that keep it a place ("Afghanistan's airspace").
const PLACE_NOUNS: WordList = WordList::new(&[
    "soil",
    "territory",
    "airspace",
    "land",
    "border",
    "borders",
    "sovereignty",
    "side",
    "province",
    "region",
]);
/// Prepositions that may introduce the target of an act ("demand guarantees from Kabul").
const TARGET_PREPOSITIONS: WordList = WordList::new(&["to", "from", "on", "upon", "at", "against"]);
const TALK_WORDS: WordList = WordList::new(&[
    "talks",
    "negotiations",
    "dialogue",
    "meeting",
    "meetings",
    "round",
    "summit",
    "conference",
    "relations",
    "ties",
    "deal",
    "agreement",
    "ceasefire",
    "truce",
    "accord",
    "peace",
    "standoff",
    "conflict",
    "tensions",
    "dispute",
    "border",
]);

fn inflect(base: &str) -> [String; 4] {
    let ends = |suffix: &str| base.ends_with(suffix);
    let consonant_y = ends("y") && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if ends("e") {
        let stem = &base[..base.len() - 1];
        [
            base.into(),
            format!("{base}s"),
            format!("{base}d"),
            format!("{stem}ing"),
        ]
    } else if consonant_y {
        let stem = &base[..base.len() - 1];
        [
            base.into(),
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{base}ing"),
        ]
    } else if ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z") {
        [
            base.into(),
            format!("{base}es"),
            format!("{base}ed"),
            format!("{base}ing"),
        ]
    } else {
        [
            base.into(),
            format!("{base}s"),
            format!("{base}ed"),
            format!("{base}ing"),
        ]
    }
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') || noun.ends_with("sh") || noun.ends_with("ch") || noun.ends_with('x') {
        format!("{noun}es")
    } else if noun.ends_with('y') && !noun[..noun.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

fn split_entry(entry: &str) -> (String, Vec<String>) {
    let mut words = entry.split_whitespace().map(str::to_owned);
    let head = words.next().unwrap_or_default();
    (head, words.collect())
}

impl TriggerLexicon {
    pub fn new(rules: &RuleSet) -> TriggerLexicon {
        let mut by_word: FxHashMap<String, WordTriggers> = FxHashMap::default();
        let mut add = |word: String, rule: usize, role: WordRole, rest: Vec<String>| {
            if !word.is_empty() {
                by_word
                    .entry(word)
                    .or_default()
                    .entries
                    .push(TriggerEntry { rule, role, rest });
            }
        };
        let mut reciprocal: Vec<(String, (Vec<String>, usize))> = Vec::new();
        for (index, relation) in rules.relations.iter().enumerate() {
            for verb in &relation.verbs {
                if verb.contains('|') {
                    let forms = [
                        VerbForm::Base,
                        VerbForm::Third,
                        VerbForm::Past,
                        VerbForm::Ing,
                    ];
                    for (form, spelled) in forms.iter().zip(verb.split('|')) {
                        let (head, rest) = split_entry(spelled);
                        add(head, index, WordRole::Verb(*form), rest);
                    }
                } else {
                    let (head, rest) = split_entry(verb);
                    let forms = [
                        VerbForm::Base,
                        VerbForm::Third,
                        VerbForm::Past,
                        VerbForm::Ing,
                    ];
                    for (form, inflected) in forms.iter().zip(inflect(&head)) {
                        add(inflected, index, WordRole::Verb(*form), rest.clone());
                    }
                }
            }
            for (nouns, role) in [
                (&relation.nouns, WordRole::Noun),
                (&relation.agent_nouns, WordRole::Agent),
            ] {
                for noun in nouns {
                    if noun.contains('|') {
                        for spelled in noun.split('|') {
                            let (head, rest) = split_entry(spelled);
                            add(head, index, role, rest);
                        }
                    } else {
                        let (head, rest) = split_entry(noun);
                        add(plural(&head), index, role, rest.clone());
                        add(head, index, role, rest);
                    }
                }
            }
            for phrase in &relation.reciprocal {
                let mut words = phrase.split_whitespace().map(str::to_owned);
                if let Some(first) = words.next() {
                    reciprocal.push((first, (words.collect(), index)));
                }
            }
        }
        for (word, phrase) in reciprocal {
            by_word.entry(word).or_default().reciprocal.push(phrase);
        }
        for (index, relation) in rules.relations.iter().enumerate() {
            for modal in &relation.speaker_modals {
                let rules = &mut by_word.entry(modal.clone()).or_default().modal_rules;
                if !rules.contains(&index) {
                    rules.push(index);
                }
            }
        }
        let mut first_words = WordFilter::EMPTY;
        for word in by_word.keys() {
            first_words.insert(word);
        }
        TriggerLexicon {
            by_word,
            first_words,
        }
    }

    /// What the lexicon says of a word's class: a trigger word that is
    /// only ever a verb, or only ever a noun, in the rules (one-word
    /// entries; phrases say nothing of their first word alone).
    pub(super) fn word_hint(&self, word: &str) -> crate::syntax::WordHint {
        use crate::syntax::WordHint;
        let Some(entries) = self.entries(word) else {
            return WordHint::Unknown;
        };
        let single: Vec<&TriggerEntry> = entries
            .iter()
            .filter(|entry| entry.rest.is_empty())
            .collect();
        if single.is_empty() || single.len() != entries.len() {
            return WordHint::Unknown;
        }
        let forms: Vec<Option<VerbForm>> = single
            .iter()
            .map(|entry| match entry.role {
                WordRole::Verb(form) => Some(form),
                WordRole::Noun | WordRole::Agent => None,
            })
            .collect();
        if forms.iter().all(Option::is_none) {
            return WordHint::Noun;
        }
        if forms.iter().any(Option::is_none) {
            return WordHint::Unknown;
        }
        match forms[0] {
            Some(VerbForm::Third) if forms.iter().all(|f| *f == Some(VerbForm::Third)) => {
                WordHint::VerbThird
            }
            Some(VerbForm::Ing) if forms.iter().all(|f| *f == Some(VerbForm::Ing)) => {
                WordHint::VerbIng
            }
            _ => WordHint::Verb,
        }
    }

    /// The trigger entries a word starts, if any.
    /// The rules for which a speaker's `word` says what another must do.
    pub(super) fn modal_rules(&self, word: &str) -> &[usize] {
        if !self.first_words.may_contain(word) {
            return &[];
        }
        self.by_word
            .get(word)
            .map_or(&[], |triggers| triggers.modal_rules.as_slice())
    }

    /// For a word that is no trigger itself, the past-participle entries
    /// of its last part after a hyphen, of the rules whose targets are the
    /// parties of talks: "qatar-brokered" gives the mediation entries of
    /// "brokered"; "so-called" gives none (what "called" names an actor as
    /// is no talks).
    pub(super) fn compound_entries(
        &self,
        word: &str,
        rules: &[RelationRule],
    ) -> Vec<&TriggerEntry> {
        let Some((first, last)) = word.rsplit_once('-') else {
            return Vec::new();
        };
        if first.is_empty() {
            return Vec::new();
        }
        self.entries(last)
            .into_iter()
            .flatten()
            .filter(|entry| {
                entry.role == WordRole::Verb(VerbForm::Past)
                    && entry.rest.is_empty()
                    && rules[entry.rule].target == TargetPolicy::Parties
            })
            .collect()
    }

    pub(super) fn entries(&self, word: &str) -> Option<&[TriggerEntry]> {
        if !self.first_words.may_contain(word) {
            return None;
        }
        self.by_word
            .get(word)
            .map(|triggers| triggers.entries.as_slice())
            .filter(|entries| !entries.is_empty())
    }

    pub fn match_sentence(
        &self,
        context: &DocContext,
        sentence: &Sentence,
        shape: &Shape,
        parties: &Parties,
        out: &mut Vec<RelationMatch>,
    ) {
        let reader = Reader {
            context,
            shape,
            sentence,
        };
        let parties = parties.per_sentence[sentence.index].or(parties.article);
        for position in 0..shape.items.len() {
            if !shape.is_word(position) {
                continue;
            }
            let word = shape.word(position);
            if !self.first_words.may_contain(word) {
                continue;
            }
            let Some(triggers) = self.by_word.get(word) else {
                continue;
            };
            let entries = &triggers.entries;
            if !entries.is_empty() {
                let is_verb_context = reader.looks_like_verb(position);
                let has_verb = entries
                    .iter()
                    .any(|entry| matches!(entry.role, WordRole::Verb(_)));
                let has_noun = entries
                    .iter()
                    .any(|entry| !matches!(entry.role, WordRole::Verb(_)));
                for entry in entries {
                    let Some(end) = reader.rest_matches(position, &entry.rest) else {
                        continue;
                    };
                    let is_verb = matches!(entry.role, WordRole::Verb(_));
                    if has_verb && has_noun && is_verb != is_verb_context {
                        continue;
                    }
                    // "the press", "Pakistan's press": a determiner or an owner makes it a noun.
                    let owned = position > 0
                        && shape
                            .chunk_at(position - 1)
                            .is_some_and(|chunk| chunk.possessive);
                    if is_verb
                        && position > 0
                        && (NOUN_MARKERS.contains(shape.word(position - 1)) || owned)
                    {
                        continue;
                    }
                    let rule = &context.rules.relations[entry.rule];
                    // What a verb names an actor as ("called Pakistan a
                    // terrorist state") is the tree's to read.
                    if !reader.requirements_met(rule) || !rule.complements.is_empty() {
                        continue;
                    }
                    // A noun that states an act only through its clause ("the
                    // claim that X ...") needs the tree: this reader sees no
                    // clauses.
                    if !is_verb && rule.clause_target && !rule.default_counterpart {
                        continue;
                    }
                    let found = match entry.role {
                        WordRole::Verb(form) => reader.verb(rule, form, position, end),
                        WordRole::Noun => reader.noun(rule, position, end),
                        WordRole::Agent => reader.agent(position),
                    };
                    if let Some(found) = found {
                        reader.emit(entry.rule, found, position, end, parties, out);
                    }
                }
            }
            for (rest, rule) in &triggers.reciprocal {
                if let Some(end) = reader.rest_matches(position, rest) {
                    reader.reciprocal(*rule, position, end, parties, out);
                }
            }
        }
    }
}

/// Who acts and on whom, before actor resolution and the default counterpart.
#[derive(Clone)]
pub(super) struct Found {
    pub(super) sources: Vec<usize>,
    pub(super) targets: Option<Vec<usize>>,
    pub(super) frame: Frame,
    /// An infinitive with no subject of its own ("plans to reject").
    pub(super) infinitive: bool,
}

pub(super) struct Reader<'r, 'a> {
    pub(super) context: &'r DocContext<'a>,
    pub(super) shape: &'r Shape<'r>,
    pub(super) sentence: &'r Sentence,
}

impl Reader<'_, '_> {
    pub(super) fn rules(&self) -> &RuleSet {
        self.context.rules
    }

    /// The item position of the last of `rest` words after `position`.
    fn rest_matches(&self, position: usize, rest: &[String]) -> Option<usize> {
        let mut end = position;
        for word in rest {
            end += 1;
            if self.shape.word(end) != word {
                return None;
            }
        }
        Some(end)
    }

    pub(super) fn requirements_met(&self, rule: &RelationRule) -> bool {
        rule.requires.is_empty()
            || (0..self.shape.items.len())
                .any(|p| rule.requires.iter().any(|word| word == self.shape.word(p)))
    }

    /// The previous item, skipping adverbs and a parenthetical ", however,".
    fn previous_meaningful(&self, position: usize) -> Option<usize> {
        let mut p = position;
        while p > 0 {
            p -= 1;
            let word = self.shape.word(p);
            if self.shape.chunk_at(p).is_some() {
                return Some(p);
            }
            if ADVERBS.contains(word) || word == "," || (word.ends_with("ly") && word.len() > 4) {
                continue;
            }
            return Some(p);
        }
        None
    }

    /// Whether a word that is both a verb and a noun form ("demands") is used
    /// as a verb here.
    fn looks_like_verb(&self, position: usize) -> bool {
        let Some(previous) = self.previous_meaningful(position) else {
            return false;
        };
        if let Some(chunk) = self.shape.chunk_at(previous) {
            return !chunk.possessive && !self.is_possessive_pronoun(chunk);
        }
        let word = self.shape.word(previous);
        HAVE.contains(word)
            || BE.contains(word)
            || PRONOUN_SUBJECTS.contains(word)
            || HYPOTHETICAL.contains(word)
            || NEGATION.contains(word)
            || word == "to"
            || word == "did"
            || word == "does"
            || word == "do"
            || word.ends_with("n't")
            || word.ends_with("n’t")
    }

    fn is_possessive_pronoun(&self, chunk: &super::sentence::Chunk) -> bool {
        chunk.members.len() == 1 && {
            let mention = &self.shape.mentions[chunk.members[0]];
            mention.via == MentionVia::Anaphor
                && matches!(
                    self.context.text[mention.span.clone()]
                        .to_lowercase()
                        .as_str(),
                    "his" | "her" | "their"
                )
        }
    }

    /// The actors a chunk stands for here: places act through `stands_for`
    /// (date-aware); a place in a locative phrase or naming land does not act.
    pub(super) fn actors(&self, position: usize) -> Vec<usize> {
        self.member_actors(position, |_| true)
    }

    /// [`Reader::actors`] for the members of the chunk that `keep` accepts
    /// (the tree frames take only the mention a token belongs to).
    pub(super) fn member_actors(
        &self,
        position: usize,
        keep: impl Fn(&super::mentions::Mention) -> bool,
    ) -> Vec<usize> {
        self.member_actors_in(position, None, keep)
    }

    /// [`Reader::member_actors`], where `place_sense` may say whether the
    /// chunk names places, as the tree knows better than the words before
    /// it ("in Khost, and Islamabad dismissed": "Islamabad" is a subject).
    pub(super) fn member_actors_in(
        &self,
        position: usize,
        place_sense: Option<bool>,
        keep: impl Fn(&super::mentions::Mention) -> bool,
    ) -> Vec<usize> {
        let Some(chunk) = self.shape.chunk_at(position) else {
            return Vec::new();
        };
        let place_sense = place_sense.unwrap_or_else(|| {
            self.shape.after_preposition(position, &LOCATIVE)
                || (chunk.possessive && PLACE_NOUNS.contains(self.shape.word(position + 1)))
        });
        let mut actors = Vec::new();
        for &member in &chunk.members {
            let mention = &self.shape.mentions[member];
            if !keep(mention) {
                continue;
            }
            let entity = &self.rules().entities[mention.entity];
            let surface = &self.context.text[mention.span.clone()];
            let names_land = surface
                .rsplit(' ')
                .next()
                .is_some_and(|last| PLACE_NOUNS.contains_lowercased(last) && last != "side");
            if names_land {
                continue;
            }
            let actor = if mention.via == MentionVia::Government
                || (!entity.stands_for.is_empty() && !place_sense)
            {
                entity
                    .stands_for_on(self.context.date)
                    .and_then(|id| self.rules().entity_index(id))
                    .or_else(|| {
                        (entity.kind.can_act()
                            && mention.via != MentionVia::Government
                            && !place_sense)
                            .then_some(mention.entity)
                    })
            } else if entity.kind.can_act() && !(place_sense && entity.kind == EntityKind::Country)
            {
                Some(mention.entity)
            } else {
                None
            };
            if let Some(actor) = actor {
                if !actors.contains(&actor) {
                    actors.push(actor);
                }
            }
        }
        actors
    }

    /// Whether the chunk at `position` can be a subject: not quoted (unless
    /// the trigger is), not after a preposition, and acting.
    fn subject_candidate(&self, position: usize, trigger: usize) -> bool {
        self.shape.chunk_at(position).is_some()
            && (!self.shape.quoted[position] || self.shape.quoted[trigger])
            && !self.shape.after_preposition(position, &PREPOSITIONS)
            && !self.actors(position).is_empty()
    }

    /// A country or organisation with a title before a person is the
    /// person's modifier: the person is the head ("Pakistan's Information
    /// Minister Attaullah Tarar").
    fn head(&self, position: usize) -> usize {
        let mut p = position + 1;
        while p < self.shape.items.len() && p <= position + 8 {
            if let Some(chunk) = self.shape.chunk_at(p) {
                let is_person = chunk.members.iter().all(|&m| {
                    self.rules().entities[self.shape.mentions[m].entity].kind == EntityKind::Person
                });
                return if is_person && p > position + 1 {
                    p
                } else {
                    position
                };
            }
            let Some(token) = self.shape.token_at(p) else {
                return position;
            };
            let capitalised = self.context.text[token.span.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if !(capitalised || TITLE_WORDS.contains(&token.norm)) {
                return position;
            }
            p += 1;
        }
        position
    }

    /// The subject of the clause holding `position`, looking back through at
    /// most `clauses` clauses.
    fn subject(&self, position: usize, clauses: usize) -> Option<usize> {
        let mut end = position;
        for _ in 0..clauses {
            let start = self.shape.clause_start(end);
            if let Some(found) = (start..end).find(|&p| self.subject_candidate(p, position)) {
                return Some(self.head(found));
            }
            // A relative clause ("the Taliban, who rejected ...") takes the chunk before it.
            if matches!(self.shape.word(start), "who" | "which") {
                if let Some(before) = (0..start)
                    .rev()
                    .take(2)
                    .find(|&p| self.shape.chunk_at(p).is_some() && !self.actors(p).is_empty())
                {
                    return Some(before);
                }
            }
            if start == 0 {
                return None;
            }
            end = start - 1;
        }
        None
    }

    /// The speaker of the sentence: "according to X", "X said", "said X".
    fn speaker(&self) -> Option<usize> {
        let items = self.shape.items.len();
        for p in 0..items {
            if self.shape.chunk_at(p).is_none() || self.actors(p).is_empty() {
                continue;
            }
            let according =
                p >= 2 && self.shape.word(p - 2) == "according" && self.shape.word(p - 1) == "to";
            let says_after = SPEECH.contains(self.shape.word(p + 1));
            let says_before =
                p > 0 && SPEECH.contains(self.shape.word(p - 1)) && !self.shape.quoted[p];
            if according || says_after || says_before {
                return Some(self.head(p));
            }
        }
        None
    }

    /// The first actor chunk after `end` that the act is about, within the clause.
    fn object(&self, end: usize, predicate: Predicate, exclude: &[usize]) -> Option<usize> {
        let mut p = end + 1;
        // "insisted that X", "set preconditions: that X", "demand was that X".
        loop {
            let word = self.shape.word(p);
            let copula_that = BE.contains(word) && self.shape.word(p + 1) == "that";
            if matches!(word, "that" | ":" | "," | "“" | "\"" | "«") || copula_that {
                p += 1;
            } else {
                break;
            }
        }
        let limit = self.shape.clause_end(p.saturating_sub(1).max(end));
        for q in p..limit {
            let Some(chunk) = self.shape.chunk_at(q) else {
                continue;
            };
            // The word that governs the chunk, past its determiners ("against the TTP").
            let mut before = q;
            while before > 0 && NOUN_MARKERS.contains(self.shape.word(before - 1)) {
                before -= 1;
            }
            let preposition = if before > 0 {
                self.shape.word(before - 1)
            } else {
                ""
            };
            if preposition == "(" {
                continue; // "Tehrik-i-Taliban Pakistan (TTP)" restates the actor before it
            }
            let allowed = !PREPOSITIONS.contains(preposition)
                || (TARGET_PREPOSITIONS.contains(preposition)
                    && (preposition != "against" || predicate == Predicate::Accuses))
                || (preposition == "by" && predicate == Predicate::Rejects);
            let actors = self.actors(q);
            if !allowed || actors.is_empty() {
                continue;
            }
            // The sentence's speaker is not what the act is about
            // ("Pakistan's demands, Mujahid said, were unacceptable").
            if SPEECH.contains(self.shape.word(q + 1)) {
                continue;
            }
            if actors.iter().all(|a| exclude.contains(a)) {
                // The source named again ends the object ("rejected Pakistan's
                // allegations and accused Islamabad ..."); a pronoun does not.
                let named = chunk
                    .members
                    .iter()
                    .any(|&m| self.shape.mentions[m].via != MentionVia::Anaphor);
                if named {
                    return None;
                }
                continue;
            }
            return Some(q);
        }
        None
    }

    fn verb(
        &self,
        rule: &RelationRule,
        form: VerbForm,
        position: usize,
        end: usize,
    ) -> Option<Found> {
        let previous = if position > 0 {
            self.shape.word(position - 1)
        } else {
            ""
        };
        let after = self.shape.word(end + 1);
        let by_agent = if after == "by" {
            (end + 2..(end + 4).min(self.shape.items.len()))
                .find(|&p| self.shape.chunk_at(p).is_some() && !self.actors(p).is_empty())
        } else {
            None
        };
        // Control: "relying on Turkey and Qatar to mediate".
        if previous == "to"
            && position >= 2
            && self.shape.chunk_at(position - 2).is_some()
            && !self.actors(position - 2).is_empty()
        {
            let sources = self.actors(position - 2);
            return Some(self.with_object(rule, sources, end, Frame::Control));
        }
        let infinitive = previous == "to";
        // "seeks to overthrow", "demanded to know": the verb governs another
        // verb, not an actor.
        if after == "to" {
            return None;
        }
        match form {
            VerbForm::Past if after == "by" => {
                let agent = by_agent?;
                // With object nouns ("demands were denounced by X"), the
                // patient before the verb must be one of them.
                if !rule.object_nouns.is_empty() {
                    let start = self.shape.clause_start(position);
                    let patient_ok = (start..position).any(|p| {
                        rule.object_nouns
                            .iter()
                            .any(|noun| noun == self.shape.word(p))
                    });
                    if !patient_ok {
                        return None;
                    }
                }
                let sources = self.actors(agent);
                let targets = match rule.target {
                    TargetPolicy::Parties => None,
                    TargetPolicy::Object => self.subject(position, 1).map(|s| self.actors(s)),
                };
                Some(Found {
                    sources,
                    targets,
                    frame: Frame::Passive,
                    infinitive: false,
                })
            }
            VerbForm::Past => {
                // A past form is active only right after its subject or a
                // "have"; otherwise it is a participle with no agent.
                let previous_item = self.previous_meaningful(position)?;
                let subject_adjacent = self
                    .shape
                    .chunk_at(previous_item)
                    .is_some_and(|chunk| !chunk.possessive);
                let word = self.shape.word(previous_item);
                // "Qatar, which brokered", "rejected ... and accused", "has accused".
                let has_subject = subject_adjacent
                    || HAVE.contains(word)
                    || PRONOUN_SUBJECTS.contains(word)
                    || matches!(word, "and" | "but" | "or");
                if !has_subject {
                    return None;
                }
                let subject = self.subject(position, 1).or_else(|| self.speaker())?;
                Some(self.with_object(rule, self.actors(subject), end, Frame::Active))
            }
            VerbForm::Ing => {
                if matches!(
                    previous,
                    "for"
                        | "of"
                        | "about"
                        | "from"
                        | "on"
                        | "in"
                        | "without"
                        | "at"
                        | "against"
                        | "the"
                ) {
                    return None;
                }
                let progressive = BE.contains(self.shape.word(self.previous_meaningful(position)?));
                let frame = if progressive {
                    Frame::Active
                } else {
                    Frame::Participle
                };
                // "..., Khawaja Asif said, accusing ...": the speaker acts.
                let speaker = (!progressive && position >= 3)
                    .then(|| position - 3)
                    .filter(|&p| {
                        self.shape.word(position - 1) == ","
                            && SPEECH.contains(self.shape.word(position - 2))
                            && self.shape.chunk_at(p).is_some()
                            && !self.actors(p).is_empty()
                    });
                let subject = match speaker {
                    Some(speaker) => speaker,
                    None => self.subject(position, if progressive { 1 } else { 3 })?,
                };
                Some(self.with_object(rule, self.actors(subject), end, frame))
            }
            VerbForm::Base | VerbForm::Third => {
                let subject = self.subject(position, 1).or_else(|| self.speaker())?;
                let mut found = self.with_object(rule, self.actors(subject), end, Frame::Active);
                found.infinitive = infinitive;
                Some(found)
            }
        }
    }

    fn with_object(
        &self,
        rule: &RelationRule,
        sources: Vec<usize>,
        end: usize,
        frame: Frame,
    ) -> Found {
        let targets = match rule.target {
            TargetPolicy::Parties => None,
            TargetPolicy::Object => {
                if !rule.object_nouns.is_empty() {
                    return self.object_noun_target(rule, sources, end, frame);
                }
                self.object(end, rule.predicate, &sources)
                    .map(|p| self.actors(p))
            }
        };
        Found {
            sources,
            targets,
            frame,
            infinitive: false,
        }
    }

    /// "denounced Pakistan's demands": the act counts only when one of the
    /// rule's object nouns heads the object, and its owner is the target.
    fn object_noun_target(
        &self,
        rule: &RelationRule,
        sources: Vec<usize>,
        end: usize,
        frame: Frame,
    ) -> Found {
        let limit = self.shape.clause_end(end).min(end + 8);
        let noun_at = (end + 1..limit).find(|&p| {
            rule.object_nouns
                .iter()
                .any(|noun| noun == self.shape.word(p))
        });
        let Some(noun_at) = noun_at else {
            return Found {
                sources: Vec::new(),
                targets: None,
                frame,
                infinitive: false,
            };
        };
        let owner = (end + 1..noun_at)
            .rev()
            .find(|&p| self.shape.chunk_at(p).is_some_and(|chunk| chunk.possessive));
        let after = self.shape.word(noun_at + 1);
        let from = matches!(after, "from" | "of" | "by")
            .then(|| noun_at + 2)
            .filter(|&p| self.shape.chunk_at(p).is_some());
        let targets = owner.or(from).map(|p| self.actors(p));
        Found {
            sources,
            targets,
            frame,
            infinitive: false,
        }
    }

    /// Walks back from a noun over its modifiers ("Pakistan's primary
    /// demand", "set strict preconditions"); returns the item before them.
    fn before_modifiers(&self, position: usize) -> Option<usize> {
        let mut p = position;
        for _ in 0..4 {
            if p == 0 {
                return None;
            }
            p -= 1;
            if self.shape.chunk_at(p).is_some() {
                return Some(p);
            }
            let token = self.shape.token_at(p)?;
            let quote = matches!(
                token.kind,
                TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::Quote
            );
            let own = matches!(&*token.norm, "its" | "our" | "own");
            if quote
                || own
                || (token.kind == TokenKind::Word
                    && !DETERMINERS.contains(&token.norm)
                    && !LIGHT_VERBS.contains(&token.norm))
            {
                continue;
            }
            return Some(p);
        }
        Some(p)
    }

    fn noun(&self, rule: &RelationRule, position: usize, end: usize) -> Option<Found> {
        // "X's demand", "their refusal".
        if let Some(before) = self.before_modifiers(position) {
            if let Some(chunk) = self.shape.chunk_at(before) {
                if chunk.possessive || self.is_possessive_pronoun(chunk) {
                    let sources = self.actors(before);
                    return Some(self.with_object(rule, sources, end, Frame::Possessive));
                }
            }
            let word = self.shape.word(before);
            if LIGHT_VERBS.contains(word) {
                let subject = self.subject(before, 1)?;
                return Some(self.with_object(rule, self.actors(subject), end, Frame::LightVerb));
            }
        }
        // "demands from Islamabad", "mediation efforts of Turkey and Qatar".
        let mut p = end + 1;
        if LINK_NOUNS.contains(self.shape.word(p)) {
            p += 1;
        }
        if matches!(self.shape.word(p), "of" | "from" | "by")
            && self.shape.chunk_at(p + 1).is_some()
            && !self.actors(p + 1).is_empty()
        {
            let sources = self.actors(p + 1);
            return Some(self.with_object(rule, sources, p + 1, Frame::Prepositional));
        }
        None
    }

    /// "Turkey and Qatar, the mediators", "mediators like Turkey and Qatar",
    /// "acted as mediators".
    fn agent(&self, position: usize) -> Option<Found> {
        let found = |p: usize, frame: Frame| Found {
            sources: self.actors(p),
            targets: None,
            frame,
            infinitive: false,
        };
        if position >= 3
            && self.shape.word(position - 1) == "the"
            && self.shape.word(position - 2) == ","
            && self.shape.chunk_at(position - 3).is_some()
        {
            return Some(found(position - 3, Frame::Apposition));
        }
        if position >= 2
            && self.shape.word(position - 1) == ","
            && self.shape.chunk_at(position - 2).is_some()
        {
            return Some(found(position - 2, Frame::Apposition));
        }
        let next = self.shape.word(position + 1);
        let chunk_after = match next {
            "like" | "including" | "," => Some(position + 2),
            "such" if self.shape.word(position + 2) == "as" => Some(position + 3),
            _ => None,
        };
        if let Some(p) = chunk_after.filter(|&p| self.shape.chunk_at(p).is_some()) {
            return Some(found(p, Frame::Apposition));
        }
        if position > 0 && self.shape.word(position - 1) == "as" {
            let subject = self.subject(position, 1)?;
            return Some(found(subject, Frame::LightVerb));
        }
        None
    }

    /// Negation and modality cues between the clause start and the trigger,
    /// outside quotes the trigger is not in.
    fn modality(&self, position: usize, infinitive: bool) -> Modality {
        let start = self.shape.clause_start(position);
        let mut modality = if infinitive {
            Modality::Hypothetical
        } else {
            Modality::Asserted
        };
        for p in start..position {
            if self.shape.quoted[p] && !self.shape.quoted[position] {
                continue;
            }
            let word = self.shape.word(p);
            if NEGATION.contains(word) || word.ends_with("n't") || word.ends_with("n’t") {
                return Modality::Negated;
            }
            if HYPOTHETICAL.contains(word) {
                modality = Modality::Hypothetical;
            }
        }
        modality
    }

    /// The two actors a sentence names besides `sources` and their sides,
    /// if there are exactly two, on different sides.
    pub(super) fn other_pair(&self, sources: &[usize]) -> Option<(usize, usize)> {
        let excluded: Vec<usize> = sources.iter().flat_map(|&s| self.side_of(s)).collect();
        let mut others: Vec<usize> = Vec::new();
        for position in 0..self.shape.items.len() {
            for actor in self.actors(position) {
                let kind = self.rules().entities[actor].kind;
                if !excluded.contains(&actor)
                    && !others.contains(&actor)
                    && kind != EntityKind::Place
                {
                    others.push(actor);
                }
            }
        }
        // A person named beside the actor they speak for is that actor's side.
        let named = others.clone();
        others.retain(|&actor| {
            !self.side_of(actor)[1..]
                .iter()
                .any(|side| named.contains(side))
        });
        match others.as_slice() {
            [a, b] if !same_side(self.rules(), *a, *b) => Some(((*a).min(*b), (*a).max(*b))),
            _ => None,
        }
    }

    /// Who claims something in the sentence, and where: an actor right
    /// before a verb of claiming ("Bangkok says your forces laid the
    /// mines", "Pakistan has long insisted"), or right after one that
    /// follows a quotation or a comma ("..., said the Thai foreign
    /// ministry"). A rejection of "that accusation" that answers no act
    /// found answers the latest such claim.
    pub(super) fn claims(&self) -> Vec<super::document::Claim> {
        let mut claims = Vec::new();
        for position in 0..self.shape.items.len() {
            if !CLAIM_VERBS.contains(self.shape.word(position)) {
                continue;
            }
            let Some(token) = self.shape.token_at(position) else {
                continue;
            };
            let mut before = position;
            let mut skipped = 0;
            while before > 0 && skipped <= 2 {
                before -= 1;
                let word = self.shape.word(before);
                if self.shape.chunk_at(before).is_some()
                    || !(HAVE.contains(word) || ADVERBS.contains(word))
                {
                    break;
                }
                skipped += 1;
            }
            // "Pakistan's army says", "Pakistan's foreign office says": the
            // owner of the one or two words before the verb.
            let owner = (1..=2).find_map(|back| {
                let at = before.checked_sub(back)?;
                let words_between =
                    (at + 1..=before).all(|p| self.shape.word(p).chars().all(|c| c.is_lowercase()));
                self.shape
                    .chunk_at(at)
                    .is_some_and(|chunk| chunk.possessive)
                    .then_some(at)
                    .filter(|_| words_between && self.shape.chunk_at(before).is_none())
            });
            let subject = (before < position
                && (self.shape.chunk_at(before).is_some() || owner.is_some()))
            .then(|| owner.unwrap_or(before))
            .filter(|&subject| !self.shape.after_preposition(subject, &PREPOSITIONS));
            let inverted = (position > 0
                && matches!(self.shape.word(position - 1), "," | "”" | "\"" | "’"))
            .then_some(position + 1)
            .filter(|&after| self.shape.chunk_at(after).is_some());
            let Some(claimant) = subject.or(inverted) else {
                continue;
            };
            let claimants = self.actors(claimant);
            if !claimants.is_empty() {
                claims.push(super::document::Claim {
                    sentence: self.sentence.index,
                    start: token.span.start,
                    claimants,
                });
            }
        }
        claims
    }

    /// The first two actors of different sides the sentence names in one
    /// phrase ("Islamabad and Kabul", "a Pakistani delegation and a Taliban
    /// team"), if any. Two names with a comma between are not one phrase
    /// but the end of one clause and the subject of the next ("backing the
    /// BLA, and New Delhi denied it").
    pub(super) fn coordinated_pair(&self) -> Option<(usize, usize)> {
        (0..self.shape.items.len()).find_map(|position| {
            let chunk = self.shape.chunk_at(position)?;
            if let [first, second] = chunk.members[..] {
                // A pronoun standing for a pair names none here.
                if self.shape.mentions[first].span == self.shape.mentions[second].span {
                    return None;
                }
                let between =
                    self.shape.mentions[first].span.end..self.shape.mentions[second].span.start;
                if self
                    .context
                    .text
                    .get(between)
                    .is_some_and(|gap| gap.contains(','))
                {
                    return None;
                }
            }
            let actors: Vec<usize> = self
                .member_actors(position, |_| true)
                .into_iter()
                .filter(|&actor| self.rules().entities[actor].kind != EntityKind::Place)
                .collect();
            match actors.as_slice() {
                [a, b] if !same_side(self.rules(), *a, *b) => Some(((*a).min(*b), (*a).max(*b))),
                _ => None,
            }
        })
    }

    fn side_of(&self, actor: usize) -> Vec<usize> {
        side_of(self.rules(), actor)
    }

    fn counterpart(&self, source: usize, parties: Option<(usize, usize)>) -> Option<usize> {
        let (a, b) = parties?;
        let side = self.side_of(source);
        let other = match (side.contains(&a), side.contains(&b)) {
            (true, false) => b,
            (false, true) => a,
            _ => return None,
        };
        // The other party is a side, not its spokesperson: "Pakistan's
        // demands, Mujahid said, were unacceptable" demands of the Taliban.
        Some(self.represented(other).unwrap_or(other))
    }

    /// [`represented`] under this reader's rules.
    pub(super) fn represented(&self, actor: usize) -> Option<usize> {
        represented(self.rules(), actor)
    }

    fn emit(
        &self,
        rule_index: usize,
        found: Found,
        position: usize,
        end: usize,
        parties: Option<(usize, usize)>,
        out: &mut Vec<RelationMatch>,
    ) {
        let modality = self.modality(position, found.infinitive);
        let trigger = self.span_of(position, end);
        self.emit_with(rule_index, found, modality, trigger, parties, out);
    }

    /// Emits what a frame found, with the trigger's byte span and modality.
    pub(super) fn emit_with(
        &self,
        rule_index: usize,
        found: Found,
        modality: Modality,
        trigger: Range<usize>,
        parties: Option<(usize, usize)>,
        out: &mut Vec<RelationMatch>,
    ) {
        let rule = &self.rules().relations[rule_index];
        for &source in &found.sources {
            let (targets, default_target) = match (rule.target, &found.targets) {
                (TargetPolicy::Parties, _) => match parties {
                    Some((a, b)) => (vec![a, b], false),
                    None => (Vec::new(), false),
                },
                (TargetPolicy::Object, Some(targets)) if !targets.is_empty() => {
                    (targets.clone(), false)
                }
                (TargetPolicy::Object, _) if rule.default_counterpart => (
                    self.counterpart(source, parties).into_iter().collect(),
                    true,
                ),
                _ => (Vec::new(), false),
            };
            for target in targets {
                if same_side(self.rules(), source, target) {
                    continue;
                }
                out.push(RelationMatch {
                    source,
                    target,
                    predicate: rule.predicate,
                    rule: rule_index,
                    frame: found.frame,
                    sentence: self.sentence.index,
                    trigger: trigger.clone(),
                    modality,
                    default_target,
                });
            }
        }
    }

    fn reciprocal(
        &self,
        rule_index: usize,
        position: usize,
        end: usize,
        parties: Option<(usize, usize)>,
        out: &mut Vec<RelationMatch>,
    ) {
        // "Islamabad and Kabul traded accusations": the subject's own pair;
        // "both sides accusing each other": the parties of the talks.
        let own_pair = self
            .subject(position, 1)
            .map(|p| self.actors(p))
            .filter(|actors| actors.len() == 2);
        let Some((a, b)) = own_pair.map(|actors| (actors[0], actors[1])).or(parties) else {
            return;
        };
        let rule = &self.rules().relations[rule_index];
        let modality = self.modality(position, false);
        let trigger = self.span_of(position, end);
        for (source, target) in [(a, b), (b, a)] {
            out.push(RelationMatch {
                source,
                target,
                predicate: rule.predicate,
                rule: rule_index,
                frame: Frame::Reciprocal,
                sentence: self.sentence.index,
                trigger: trigger.clone(),
                modality,
                default_target: false,
            });
        }
    }

    fn span_of(&self, position: usize, end: usize) -> Range<usize> {
        let start = self.item_span(position).start;
        let stop = self.item_span(end).end;
        start..stop
    }

    fn item_span(&self, position: usize) -> Range<usize> {
        match &self.shape.items[position] {
            Item::Word(token) => self.shape.tokens[*token].span.clone(),
            Item::Chunk(chunk) => self.shape.chunks[*chunk].span.clone(),
        }
    }
}

/// An actor and those it speaks for (a person's `represents`).
fn side_of(rules: &RuleSet, actor: usize) -> Vec<usize> {
    let mut side = vec![actor];
    for represented in &rules.entities[actor].represents {
        if let Some(index) = rules.entity_index(represented) {
            side.push(index);
        }
    }
    side
}

/// Whether two actors are one side: the same, or one speaks for the other.
pub(super) fn same_side(rules: &RuleSet, a: usize, b: usize) -> bool {
    side_of(rules, a).contains(&b) || side_of(rules, b).contains(&a)
}

/// The one actor a person represents, if they are a person who represents
/// exactly one.
pub(super) fn represented(rules: &RuleSet, actor: usize) -> Option<usize> {
    let entity = &rules.entities[actor];
    match entity.represents.as_slice() {
        [one] if entity.kind == EntityKind::Person => rules.entity_index(one),
        _ => None,
    }
}

fn parties_in(reader: &Reader, shape: &Shape) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for p in 0..shape.items.len() {
        let Some(chunk) = shape.chunk_at(p) else {
            continue;
        };
        let before = if p > 1 && matches!(shape.word(p - 1), "the" | "a") {
            p - 1
        } else {
            p
        };
        let between = before > 0 && shape.word(before - 1) == "between";
        let dashed = chunk.dashed && TALK_WORDS.contains(shape.word(p + 1));
        if !(between || dashed) {
            continue;
        }
        let actors = reader.actors(p);
        if actors.len() == 2 {
            let pair = (actors[0].min(actors[1]), actors[0].max(actors[1]));
            pairs.push(pair);
        }
    }
    pairs
}

/// The parties of the talks an article is about, as its sentences name them.
#[derive(Debug)]
pub struct Parties {
    /// The pair the article names most often as "between X and Y" or "X-Y
    /// talks"; the first named wins a tie.
    pub article: Option<(usize, usize)>,
    /// Per sentence, the first pair it names itself.
    pub per_sentence: Vec<Option<(usize, usize)>>,
}

/// `tree_pairs` holds, per sentence, the pairs its dependency tree names
/// (empty without a syntax model).
pub fn find_parties(
    context: &DocContext,
    shapes: &[Shape],
    tree_pairs: &[Vec<(usize, usize)>],
) -> Parties {
    let mut counts: Vec<((usize, usize), usize)> = Vec::new();
    let mut per_sentence = Vec::with_capacity(shapes.len());
    for (index, shape) in shapes.iter().enumerate() {
        let sentence = Sentence { index, span: 0..0 };
        let reader = Reader {
            context,
            shape,
            sentence: &sentence,
        };
        let mut pairs = parties_in(&reader, shape);
        for pair in tree_pairs.get(index).into_iter().flatten() {
            if !pairs.contains(pair) {
                pairs.push(*pair);
            }
        }
        per_sentence.push(pairs.first().copied());
        for pair in pairs {
            match counts.iter_mut().find(|(known, _)| *known == pair) {
                Some((_, count)) => *count += 1,
                None => counts.push((pair, 1)),
            }
        }
    }
    let best = counts.iter().map(|(_, count)| *count).max();
    let article = best.and_then(|best| {
        counts
            .into_iter()
            .find(|(_, count)| *count == best)
            .map(|(pair, _)| pair)
    });
    Parties {
        article,
        per_sentence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_searched_lowercased_are_lowercase() {
        for word in PLACE_NOUNS.words() {
            assert_eq!(*word, word.to_lowercase(), "PLACE_NOUNS");
        }
    }

    #[test]
    fn frame_all_is_in_declaration_order() {
        for (index, frame) in Frame::ALL.iter().enumerate() {
            assert_eq!(
                *frame as usize, index,
                "{frame:?} is out of place in Frame::ALL"
            );
        }
    }

    #[test]
    fn inflects_regular_verbs() {
        assert_eq!(
            inflect("accuse"),
            ["accuse", "accuses", "accused", "accusing"]
        );
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(
            inflect("dismiss"),
            ["dismiss", "dismisses", "dismissed", "dismissing"]
        );
        assert_eq!(
            inflect("demand"),
            ["demand", "demands", "demanded", "demanding"]
        );
        assert_eq!(plural("mediator"), "mediators");
        assert_eq!(plural("allegation"), "allegations");
    }
}

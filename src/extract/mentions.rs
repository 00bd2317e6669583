//! Entity mentions: where the article names an actor or a place, by alias,
//! by pattern, or by a pronoun or description that points back to one.
//!
//! This module owns the compiled alias matcher and pronoun resolution. It
//! does not decide who acts in a relation: that is [`super::relations`].

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::rules::{EntityKind, EntityRule, RuleSet};
use crate::text::{Sentence, Token, TokenKind};

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionVia {
    Alias,
    Pattern,
    /// A phrase naming whoever governs a place ("the Afghan government").
    Government,
    /// A pronoun or a description ("he", "the group") resolved to an entity
    /// named earlier in the article.
    Anaphor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the article.
    pub span: Range<usize>,
    pub sentence: usize,
    /// Index into [`RuleSet::entities`].
    pub entity: usize,
    pub via: MentionVia,
}

impl Mention {
    /// Whether the mention shares a byte with `span`.
    pub fn overlaps(&self, span: &Range<usize>) -> bool {
        self.span.start < span.end && span.start < self.span.end
    }
}

/// The compiled form of every alias and pattern in a rule set.
#[derive(Debug, Clone)]
pub struct MentionMatcher {
    /// Every alias literal, found with all overlaps; whole words are kept.
    aliases: Option<AhoCorasick>,
    /// Per alias pattern of `aliases`: its entity and how it names it.
    alias_owner: Vec<(usize, MentionVia)>,
    patterns: Vec<(Regex, usize)>,
}

/// Alias lists up to this many bytes get a full DFA.
const DFA_ALIAS_BYTES: usize = 64 << 10;

/// Pronouns that stand for an actor named before. A `match` rather than a
/// list to search: it runs for every word of every article.
fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "him" | "his" | "her" | "they" | "them" | "their"
    )
}

/// Nouns that, after "the", describe an actor named before ("the group").
const DESCRIPTIONS: &[&str] = &[
    "group",
    "rebels",
    "militia",
    "paramilitary",
    "insurgents",
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "militants",
    "organisation",
    "organization",
    "envoy",
];

/// Words that describe any armed group, between "the" and "group" or
/// "militants" ("the paramilitary group", "the banned militant group").
const GROUP_DESCRIPTORS: &[&str] = &[
    "militant",
    "armed",
    "rebel",
    "paramilitary",
    "separatist",
    "insurgent",
    "jihadist",
    "banned",
    "outlawed",
    "proscribed",
    "terrorist",
    "extremist",
];

/// Whether the word at `position` describes the description after it ("the
/// paramilitary group"): it is then that noun's title, and the phrase the
/// tree reads as the subject or object runs to the noun.
fn describes_next(tokens: &[Token], position: usize) -> bool {
    GROUP_DESCRIPTORS.contains(&&*tokens[position].norm)
        && tokens
            .get(position + 1)
            .is_some_and(|next| next.kind == TokenKind::Word && DESCRIPTIONS.contains(&&*next.norm))
}

/// Descriptions of an organisation by its organ, after "the" as the others
/// ("the council" after "the African Union's Peace and Security Council"):
/// the organisation named with that word in its name, or just before it in
/// the text.
const ORGANS: &[&str] = &[
    "council",
    "commission",
    "committee",
    "bloc",
    "alliance",
    "union",
];

fn names_organ(word: &str) -> bool {
    ORGANS.contains(&word)
}

/// Whether an organisation's mention bears an organ word: in the entity's
/// name ("Gulf Cooperation Council"), or capitalised in the words right
/// after the mention, within its phrase ("the African Union's Peace and
/// Security Council").
fn bears_organ(text: &str, mention: &Mention, entity: &EntityRule, organ: &str) -> bool {
    let in_name = std::iter::once(&entity.label)
        .chain(&entity.aliases)
        .any(|name| name.to_lowercase().split(' ').any(|word| word == organ));
    let after = &text[mention.span.end..];
    let phrase_end = after.find(['.', ',', ';', '\n']).unwrap_or(after.len());
    // At most the next 60 bytes, cut at a character boundary.
    let limit = (0..=phrase_end.min(60))
        .rev()
        .find(|&at| after.is_char_boundary(at))
        .unwrap_or(0);
    let phrase = &after[..limit];
    in_name
        || phrase.split(|c: char| !c.is_alphanumeric()).any(|word| {
            word.len() == organ.len()
                && word.starts_with(char::is_uppercase)
                && word.eq_ignore_ascii_case(organ)
        })
}

/// Nouns of a person who speaks or acts for a side: "a Taliban spokesman".
const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "diplomat",
    "envoy",
    "minister",
    "commander",
    "negotiator",
];

/// Descriptions that name an office, after "the" as the others: the
/// person's role must name it too ("the president" is whoever's role says
/// president).
const OFFICES: &[&str] = &[
    "president",
    "ambassador",
    "adviser",
    "advisor",
    "chief",
    "premier",
    "commander",
];

impl MentionMatcher {
    pub fn new(rules: &RuleSet) -> MentionMatcher {
        let mut alias_owner = HashMap::new();
        for (index, entity) in rules.entities.iter().enumerate() {
            for alias in &entity.aliases {
                alias_owner.insert(alias.clone(), (index, MentionVia::Alias));
            }
            for alias in &entity.government_aliases {
                alias_owner.insert(alias.clone(), (index, MentionVia::Government));
            }
        }
        // A country's demonym names it as its aliases do ("Malaysian
        // mediation", "Rwandan troops"), where the rules do not list it:
        // the one its `demonym` gives first, then those its names form.
        for (index, entity) in rules.entities.iter().enumerate() {
            if entity.kind != EntityKind::Country {
                continue;
            }
            let names = std::iter::once(&entity.label).chain(
                entity
                    .aliases
                    .iter()
                    .filter(|alias| !alias.contains(' ') && alias.chars().any(char::is_lowercase)),
            );
            let given = entity.demonym.iter().cloned();
            for demonym in given.chain(names.filter_map(|name| demonym(name))) {
                // Its people as a plural noun ("the Qataris brokered the
                // meeting", "the Thais"), where English forms one with -s.
                if demonym.ends_with(['n', 'i']) {
                    alias_owner
                        .entry(format!("{demonym}s"))
                        .or_insert((index, MentionVia::Alias));
                }
                alias_owner
                    .entry(demonym)
                    .or_insert((index, MentionVia::Alias));
            }
        }
        // An alias written with diacritics also matches without them
        // ("Türkiye", "Turkiye"); text is folded the same way in `find`.
        let folded: Vec<(String, (usize, MentionVia))> = alias_owner
            .iter()
            .filter(|(alias, _)| !alias.is_ascii())
            .map(|(alias, owner)| (fold_diacritics(alias).0, *owner))
            .collect();
        for (alias, owner) in folded {
            alias_owner.entry(alias).or_insert(owner);
        }
        let mut literals: Vec<(String, (usize, MentionVia))> = alias_owner.into_iter().collect();
        literals.sort_by(|a, b| a.0.cmp(&b.0));
        let aliases = (!literals.is_empty()).then(|| {
            // A full DFA is the fastest automaton for the many sentences to
            // scan, but it grows to hundreds of times the aliases' size: only
            // for alias lists of ordinary size (the default rules: ~5 KB),
            // else the crate's own choice, so a huge rules file stays bounded.
            let bytes: usize = literals.iter().map(|(alias, _)| alias.len()).sum();
            let kind = (bytes <= DFA_ALIAS_BYTES).then_some(AhoCorasickKind::DFA);
            AhoCorasick::builder()
                .kind(kind)
                .build(literals.iter().map(|(alias, _)| alias))
                .expect("a few thousand alias literals fit an Aho-Corasick automaton")
        });
        let alias_owner = literals.into_iter().map(|(_, owner)| owner).collect();
        let patterns = rules
            .entities
            .iter()
            .enumerate()
            .flat_map(|(index, entity)| {
                entity
                    .patterns
                    .iter()
                    .filter_map(move |pattern| Regex::new(pattern).ok().map(|regex| (regex, index)))
            })
            .collect();
        MentionMatcher {
            aliases,
            alias_owner,
            patterns,
        }
    }

    /// Every alias and pattern mention in one sentence, left to right, with
    /// overlaps resolved in favour of the earlier, then the longer match.
    pub fn find(&self, text: &str, sentence: &Sentence) -> Vec<Mention> {
        let piece = sentence.text(text);
        let base = sentence.span.start;
        let mut found: Vec<Mention> = Vec::new();
        if let Some(aliases) = &self.aliases {
            let mut add = |start: usize, end: usize, pattern: usize| {
                let (entity, via) = self.alias_owner[pattern];
                found.push(Mention {
                    span: base + start..base + end,
                    sentence: sentence.index,
                    entity,
                    via,
                });
            };
            // Overlapping hits, so that where a long alias is not a whole
            // word a shorter one inside it still counts; the overlap
            // resolution below keeps the earlier, then the longer.
            for hit in aliases.find_overlapping_iter(piece) {
                if whole_word(piece, hit.range()) {
                    add(hit.start(), hit.end(), hit.pattern().as_usize());
                }
            }
            // Names with diacritics the aliases spell otherwise ("Türkey"
            // for "Turkey", "Erdoğan" for "Erdogan"): the sentence without
            // its diacritics, hits mapped back to the original bytes. Most
            // sentences are ASCII, which the first test answers at once.
            if !piece.is_ascii() && piece.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
                let (folded, origin) = fold_diacritics(piece);
                for hit in aliases.find_overlapping_iter(&folded) {
                    if hit.is_empty() {
                        continue;
                    }
                    let (start, end) = (origin[hit.start()], origin[hit.end()]);
                    // A hit must cover whole characters of the sentence.
                    let starts_one = hit.start() == 0 || origin[hit.start() - 1] != start;
                    let ends_one = origin[hit.end() - 1] != end;
                    if starts_one && ends_one && whole_word(piece, start..end) {
                        add(start, end, hit.pattern().as_usize());
                    }
                }
            }
        }
        for (regex, entity) in &self.patterns {
            for hit in regex.find_iter(piece) {
                if !hit.is_empty() && whole_word(piece, hit.range()) {
                    found.push(Mention {
                        span: base + hit.start()..base + hit.end(),
                        sentence: sentence.index,
                        entity: *entity,
                        via: MentionVia::Pattern,
                    });
                }
            }
        }
        found.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        let mut kept: Vec<Mention> = Vec::with_capacity(found.len());
        for mention in found {
            if kept
                .last()
                .is_none_or(|last| mention.span.start >= last.span.end)
            {
                kept.push(mention);
            }
        }
        kept
    }

    /// A person named again by surname alone after their full name ("Shafqat
    /// Ali Khan ... Khan said"), the news convention for a second reference:
    /// a capitalised word, not beside another capitalised word ("Imran Khan"
    /// is someone else), that ends the latest earlier mention of a person by
    /// a name of two words or more.
    pub fn surnames(
        &self,
        text: &str,
        sentence: &Sentence,
        tokens: &[Token],
        named: &[Mention],
        earlier: &[Mention],
        rules: &RuleSet,
    ) -> Vec<Mention> {
        let capitalised = |token: &Token| {
            token.kind == TokenKind::Word
                && text[token.span.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        };
        let mut out = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            let word = &text[token.span.clone()];
            if !capitalised(token)
                || word.chars().count() < 3
                || at
                    .checked_sub(1)
                    .is_some_and(|before| capitalised(&tokens[before]))
                || tokens.get(at + 1).is_some_and(capitalised)
                || named.iter().any(|mention| mention.overlaps(&token.span))
            {
                continue;
            }
            let person = earlier.iter().rev().find(|mention| {
                mention.via != MentionVia::Anaphor
                    && rules.entities[mention.entity].kind == EntityKind::Person
                    && text[mention.span.clone()]
                        .rsplit_once(' ')
                        .is_some_and(|(_, last)| last == word)
            });
            if let Some(person) = person {
                out.push(Mention {
                    span: token.span.clone(),
                    sentence: sentence.index,
                    entity: person.entity,
                    via: MentionVia::Alias,
                });
            }
        }
        out
    }

    /// Pronouns and descriptions in one sentence that do not overlap a named
    /// mention, resolved against the mentions seen so far in the article.
    pub fn anaphors(
        &self,
        text: &str,
        sentence: &Sentence,
        tokens: &[Token],
        named: &[Mention],
        earlier: &[Mention],
        rules: &RuleSet,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word {
                continue;
            }
            // "the minister", and with up to three words of title between
            // ("the defence minister", "the Turkish foreign minister"),
            // which a person's role or side must then bear out.
            let mut titles: Vec<&str> = Vec::new();
            let (span, word) = if is_pronoun(&token.norm) {
                (token.span.clone(), &*token.norm)
            } else if token.norm == "it" && opens_with_it(tokens, at) {
                (token.span.clone(), "it")
            } else if token.norm == "the"
                && let Some((offset, noun_word)) = (1..=4).find_map(|offset| {
                    let noun = tokens.get(at + offset)?;
                    if noun.kind != TokenKind::Word || describes_next(tokens, at + offset) {
                        return None;
                    }
                    DESCRIPTIONS
                        .iter()
                        .chain(ORGANS)
                        .chain(OFFICES)
                        .find(|d| **d == noun.norm)
                        .map(|d| (offset, *d))
                })
                && (at + 1..at + offset).all(|position| {
                    let title = &tokens[position];
                    title.kind == TokenKind::Word
                        && (describes_next(tokens, position)
                            || !DESCRIPTIONS.contains(&&*title.norm)
                                && !ORGANS.contains(&&*title.norm)
                                && !OFFICES.contains(&&*title.norm))
                })
            {
                titles = tokens[at + 1..at + offset]
                    .iter()
                    .map(|title| &*title.norm)
                    .collect();
                if OFFICES.contains(&noun_word) {
                    titles.push(noun_word);
                }
                (token.span.start..tokens[at + offset].span.end, noun_word)
            } else {
                continue;
            };
            let fits_titles = |entity: usize| -> bool {
                let candidate = &rules.entities[entity];
                titles.iter().all(|title| {
                    let in_role = candidate
                        .role
                        .as_deref()
                        .is_some_and(|role| role.to_lowercase().contains(title));
                    let of_side = candidate.represents.iter().any(|side| {
                        rules.entity(side).is_some_and(|side| {
                            side.aliases
                                .iter()
                                .any(|alias| alias.to_lowercase() == *title)
                        })
                    });
                    let named_so = candidate
                        .aliases
                        .iter()
                        .any(|alias| alias.to_lowercase() == *title);
                    // "the militant group", "the paramilitary group": words
                    // that describe any armed group.
                    let armed = candidate.kind == EntityKind::ArmedGroup
                        && GROUP_DESCRIPTORS.contains(title);
                    in_role || of_side || named_so || armed
                })
            };
            if named.iter().any(|mention| mention.overlaps(&span)) {
                continue;
            }
            let wanted = |kind: EntityKind, surface: &str| -> bool {
                match word {
                    "he" | "she" | "him" | "his" | "her" => kind == EntityKind::Person,
                    "group" | "militants" | "rebels" | "militia" | "paramilitary"
                    | "insurgents" => kind == EntityKind::ArmedGroup,
                    "organisation" | "organization" => {
                        matches!(kind, EntityKind::ArmedGroup | EntityKind::Organization)
                    }
                    organ if names_organ(organ) => kind == EntityKind::Organization,
                    "they" | "them" | "their" | "it" => {
                        !matches!(kind, EntityKind::Person | EntityKind::Place)
                    }
                    _ => {
                        kind == EntityKind::Person
                            || surface.contains("official")
                            || surface.contains("spokes")
                    }
                }
            };
            let fits_organ = |mention: &Mention| {
                !names_organ(word)
                    || bears_organ(text, mention, &rules.entities[mention.entity], word)
            };
            // A pronoun opening a sentence ("They demanded ...") continues the
            // previous sentence's subject: its first fitting mention.
            let opens_sentence = opens_sentence(text, sentence.span.start, span.start);
            let previous_subject = if opens_sentence {
                let previous_sentence = earlier.last().map(|mention| mention.sentence);
                earlier
                    .iter()
                    .filter(|mention| {
                        Some(mention.sentence) == previous_sentence
                            && mention.via != MentionVia::Anaphor
                    })
                    .find(|mention| {
                        wanted(
                            rules.entities[mention.entity].kind,
                            &text[mention.span.clone()],
                        ) && fits_titles(mention.entity)
                            && fits_organ(mention)
                    })
            } else {
                None
            };
            let latest = || {
                named
                    .iter()
                    .filter(|mention| mention.span.end <= span.start)
                    .rev()
                    .chain(earlier.iter().rev())
                    .find(|mention| {
                        mention.via != MentionVia::Anaphor
                            && wanted(
                                rules.entities[mention.entity].kind,
                                &text[mention.span.clone()],
                            )
                            && fits_titles(mention.entity)
                            && fits_organ(mention)
                    })
            };
            // "It" stands only for the previous sentence's subject.
            // "A Taliban spokesman spoke to reporters. He urged ...": an
            // unnamed person the previous sentence describes by their side.
            let unnamed_speaker = || {
                let previous_sentence = earlier.last()?.sentence;
                earlier
                    .iter()
                    .filter(|mention| {
                        mention.sentence == previous_sentence && mention.via != MentionVia::Anaphor
                    })
                    .find(|mention| {
                        rules.entities[mention.entity].kind.can_act()
                            && rules.entities[mention.entity].kind != EntityKind::Person
                            // "A Taliban spokesman" (the alias or the
                            // word after it).
                            && [
                                text[mention.span.clone()].rsplit(' ').next(),
                                text[mention.span.end..].split_whitespace().next(),
                            ]
                            .into_iter()
                            .flatten()
                            .any(|word| {
                                PERSON_NOUNS.contains(&word.trim_end_matches([',', '.']))
                            })
                    })
            };
            let antecedent = if word == "it" {
                previous_subject
            } else if matches!(word, "he" | "she") && opens_sentence {
                previous_subject.or_else(latest).or_else(unnamed_speaker)
            } else {
                previous_subject.or_else(latest)
            };
            if let Some(antecedent) = antecedent {
                out.push(Mention {
                    span: span.clone(),
                    sentence: sentence.index,
                    entity: antecedent.entity,
                    via: MentionVia::Anaphor,
                });
                // "Qatar and Turkey ... The ceasefire they brokered": a
                // plural pronoun stands for the pair its antecedent was named in.
                if matches!(word, "they" | "them" | "their") {
                    let pool = earlier.iter().chain(named.iter());
                    for partner in coordinated_with(text, pool, antecedent) {
                        if wanted(rules.entities[partner].kind, "") {
                            out.push(Mention {
                                span: span.clone(),
                                sentence: sentence.index,
                                entity: partner,
                                via: MentionVia::Anaphor,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

/// The entities named beside `antecedent` in one coordination ("Qatar and
/// Turkey", "Iran, China or Russia"): its neighbours in its sentence joined
/// to it by "and", "or" or commas alone.
fn coordinated_with<'m>(
    text: &str,
    pool: impl Iterator<Item = &'m Mention>,
    antecedent: &Mention,
) -> Vec<usize> {
    let mut named: Vec<&Mention> = pool
        .filter(|mention| {
            mention.sentence == antecedent.sentence && mention.via != MentionVia::Anaphor
        })
        .collect();
    named.sort_by_key(|mention| mention.span.start);
    named.dedup_by_key(|mention| mention.span.clone());
    let Some(at) = named
        .iter()
        .position(|mention| mention.span == antecedent.span)
    else {
        return Vec::new();
    };
    // Joined as the chunker joins mentions ("Qatar and Turkey", "Iran,
    // China or Russia").
    let glue = |a: &Mention, b: &Mention| {
        text.get(a.span.end..b.span.start)
            .is_some_and(super::sentence::joins_mentions)
    };
    let mut partners = Vec::new();
    let mut left = at;
    while left > 0 && glue(named[left - 1], named[left]) {
        left -= 1;
        partners.push(named[left].entity);
    }
    let mut right = at;
    while right + 1 < named.len() && glue(named[right], named[right + 1]) {
        right += 1;
        partners.push(named[right].entity);
    }
    partners.retain(|&entity| entity != antecedent.entity);
    partners.dedup();
    partners
}

/// Whether an article may hold an interview's answers (see
/// [`interviewee_mentions`]): asked once per article, so that its sentences
/// need not look for their paragraph's start.
pub(super) fn may_be_interview(text: &str) -> bool {
    text.contains("A:")
}

/// In an interview's answers (a paragraph opening "A:"), the first person
/// is the interviewee, `person` ([`interviewee`]): the first person the
/// article names ("Hun Manet spoke to our correspondent ... A: We reject
/// that accusation"). Not a word another of the sentence's mentions covers
/// (`here`: "the US").
pub(super) fn interviewee_mentions(
    sentence: &Sentence,
    tokens: &[Token],
    here: &[Mention],
    person: usize,
) -> Vec<Mention> {
    tokens
        .iter()
        .filter(|token| {
            token.kind == TokenKind::Word
                && matches!(&*token.norm, "i" | "we" | "me" | "us" | "my" | "our")
                && !here.iter().any(|mention| mention.overlaps(&token.span))
        })
        .map(|token| Mention {
            span: token.span.clone(),
            sentence: sentence.index,
            entity: person,
            via: MentionVia::Anaphor,
        })
        .collect()
}

/// The interviewee who speaks a sentence of an interview's answer (a
/// paragraph opening "A:"): the first person the article names before it.
pub(super) fn interviewee(
    text: &str,
    sentence: &Sentence,
    earlier: &[Mention],
    rules: &RuleSet,
) -> Option<usize> {
    let before = &text[..sentence.span.start];
    let paragraph_start = before.rfind("\n\n").map_or(0, |at| at + 2);
    if !text[paragraph_start..].trim_start().starts_with("A:") {
        return None;
    }
    earlier
        .iter()
        .find(|mention| {
            mention.via != MentionVia::Anaphor
                && rules.entities[mention.entity].kind == EntityKind::Person
        })
        .map(|mention| mention.entity)
}

/// Countries whose demonym English does not form by the rules of
/// [`demonym`], by the name's last word (so "Democratic Republic of the
/// Congo" is Congolese); a word a rule lists as another entity's alias
/// keeps that entity.
const IRREGULAR_DEMONYMS: &[(&str, &str)] = &[
    ("Afghanistan", "Afghan"),
    ("Azerbaijan", "Azerbaijani"),
    ("Bhutan", "Bhutanese"),
    ("Brazil", "Brazilian"),
    ("Britain", "British"),
    ("Burundi", "Burundian"),
    ("Chad", "Chadian"),
    ("Chile", "Chilean"),
    ("China", "Chinese"),
    ("Congo", "Congolese"),
    ("Cyprus", "Cypriot"),
    ("Denmark", "Danish"),
    ("Egypt", "Egyptian"),
    ("Finland", "Finnish"),
    ("France", "French"),
    ("Gabon", "Gabonese"),
    ("Germany", "German"),
    ("Greece", "Greek"),
    ("Haiti", "Haitian"),
    ("Iran", "Iranian"),
    ("Ireland", "Irish"),
    ("Israel", "Israeli"),
    ("Italy", "Italian"),
    ("Japan", "Japanese"),
    ("Kazakhstan", "Kazakh"),
    ("Kingdom", "British"),
    ("Kosovo", "Kosovar"),
    ("Kyrgyzstan", "Kyrgyz"),
    ("Lebanon", "Lebanese"),
    ("Mali", "Malian"),
    ("Mexico", "Mexican"),
    ("Morocco", "Moroccan"),
    ("Mozambique", "Mozambican"),
    ("Myanmar", "Burmese"),
    ("Nepal", "Nepali"),
    ("Netherlands", "Dutch"),
    ("Niger", "Nigerien"),
    ("Norway", "Norwegian"),
    ("Oman", "Omani"),
    ("Peru", "Peruvian"),
    ("Philippines", "Filipino"),
    ("Poland", "Polish"),
    ("Senegal", "Senegalese"),
    ("Singapore", "Singaporean"),
    ("Somalia", "Somali"),
    ("Spain", "Spanish"),
    ("States", "American"),
    ("Sudan", "Sudanese"),
    ("Sweden", "Swedish"),
    ("Switzerland", "Swiss"),
    ("Taiwan", "Taiwanese"),
    ("Tajikistan", "Tajik"),
    ("Thailand", "Thai"),
    ("Togo", "Togolese"),
    ("Turkey", "Turkish"),
    ("Turkmenistan", "Turkmen"),
    ("Uzbekistan", "Uzbek"),
    ("Vietnam", "Vietnamese"),
];

/// The demonym of a country's name: its entry in [`IRREGULAR_DEMONYMS`],
/// or where English forms it regularly, -ia and -a take -n (Malaysia,
/// Malaysian; Rwanda, Rwandan), -stan and the endings of Gulf and South
/// Asian names take -i (Pakistani, Qatari, Iraqi, Kuwaiti, Bahraini,
/// Bangladeshi, Yemeni). A country with a stem before the last word keeps
/// it ("South Sudanese", "Saudi Arabian"), except the two whose demonym is
/// one word (American, British) and names with "of" ("Democratic Republic
/// of the Congo": Congolese). A wrong form is a word no text uses, so it
/// matches nothing.
pub fn demonym(name: &str) -> Option<String> {
    let last = name.rsplit(' ').next()?;
    let stem = &name[..name.len() - last.len()];
    if let Ok(at) = IRREGULAR_DEMONYMS.binary_search_by(|(country, _)| country.cmp(&last)) {
        let form = IRREGULAR_DEMONYMS[at].1;
        let one_word = matches!(name, "United States" | "United Kingdom") || name.contains(" of ");
        return Some(if one_word {
            form.to_owned()
        } else {
            format!("{stem}{form}")
        });
    }
    if !last.chars().next()?.is_uppercase() || !last.is_ascii() || last.len() < 4 {
        return None;
    }
    let form = if last.ends_with('a') {
        format!("{last}n")
    } else if ["stan", "ar", "aq", "ait", "ain", "esh", "en"]
        .iter()
        .any(|ending| last.ends_with(ending))
    {
        format!("{last}i")
    } else {
        return None;
    };
    Some(format!("{stem}{form}"))
}

/// Where a sentence opens with a pronoun resolved by [`MentionMatcher::anaphors`]
/// and the previous sentence's tree shows its subject: the pronoun stands
/// for the entity named there when it fits ("he" a person; "they", "it"
/// not a person or a place), and an "it" whose previous subject names no
/// actor stands for none. Gives, per mention to change, its new entity or
/// `None` to drop it; [`apply_changes`] makes them.
pub(super) fn tree_subject_changes(
    text: &str,
    rules: &RuleSet,
    analyses: &[Option<std::sync::Arc<crate::syntax::Analysis>>],
    tokens: &[Token],
    tokens_per_sentence: &[Range<usize>],
    mentions: &[Mention],
    per_sentence: &[Range<usize>],
) -> Vec<(usize, Option<usize>)> {
    let mut changes = Vec::new();
    for index in 1..per_sentence.len() {
        let Some(Some(analysis)) = analyses.get(index - 1) else {
            continue;
        };
        let previous_tokens = &tokens[tokens_per_sentence[index - 1].clone()];
        let subject = analysis
            .heads
            .iter()
            .position(|&head| head == 0)
            .and_then(|root| {
                (0..analysis.heads.len()).find(|&word| {
                    analysis.heads[word] as usize == root + 1
                        && matches!(analysis.deprels[word], "nsubj" | "nsubj:pass")
                })
            });
        let Some(subject) = subject.and_then(|word| previous_tokens.get(word)) else {
            continue;
        };
        let subject_entity = mentions[per_sentence[index - 1].clone()]
            .iter()
            .find(|mention| {
                mention.span.start <= subject.span.start && subject.span.end <= mention.span.end
            })
            .map(|mention| mention.entity);
        let Some(first) = tokens[tokens_per_sentence[index].clone()].first() else {
            continue;
        };
        for at in per_sentence[index].clone() {
            let mention = &mentions[at];
            if mention.via != MentionVia::Anaphor
                || !opens_sentence(text, first.span.start, mention.span.start)
            {
                continue;
            }
            let word = text[mention.span.clone()].to_lowercase();
            let fits = |entity: usize| {
                let kind = rules.entities[entity].kind;
                match word.as_str() {
                    "he" | "she" => kind == EntityKind::Person,
                    "they" | "it" => !matches!(kind, EntityKind::Person | EntityKind::Place),
                    _ => false,
                }
            };
            // "They" standing for a pair the previous subject is one of
            // ("Pakistan and the Taliban met. They ...") stays the pair.
            let pair: Vec<usize> = mentions[per_sentence[index].clone()]
                .iter()
                .filter(|other| other.span == mention.span)
                .map(|other| other.entity)
                .collect();
            let in_pair = |entity: usize| pair.len() > 1 && pair.contains(&entity);
            match subject_entity {
                Some(entity) if fits(entity) && entity != mention.entity && !in_pair(entity) => {
                    changes.push((at, Some(entity)));
                }
                None if word == "it" => changes.push((at, None)),
                _ => {}
            }
        }
    }
    changes
}

/// Makes the changes [`tree_subject_changes`] gave, keeping each
/// sentence's range of mentions in step.
pub(super) fn apply_changes(
    changes: &[(usize, Option<usize>)],
    mentions: &mut Vec<Mention>,
    per_sentence: &mut [Range<usize>],
) {
    let mut dropped = vec![false; mentions.len()];
    for &(at, entity) in changes {
        match entity {
            Some(entity) => mentions[at].entity = entity,
            None => dropped[at] = true,
        }
    }
    let mut kept = 0;
    for range in per_sentence.iter_mut() {
        let start = kept;
        for index in range.clone() {
            if !dropped[index] {
                mentions.swap(kept, index);
                kept += 1;
            }
        }
        *range = start..kept;
    }
    mentions.truncate(kept);
}

/// Whether nothing but marks stands between a sentence's start and `at`.
fn opens_sentence(text: &str, sentence_start: usize, at: usize) -> bool {
    !text[sentence_start..at].chars().any(char::is_alphanumeric)
}

/// Whether the word at `at` is an "it" that opens its sentence as the
/// subject of an act ("It accused Pakistan ..."), not the "it" of "It is
/// clear that", "It was the first", "It has been a week".
fn opens_with_it(tokens: &[Token], at: usize) -> bool {
    let first = tokens[..at]
        .iter()
        .all(|token| token.kind != TokenKind::Word);
    let next = |offset: usize| tokens.get(at + offset).map(|token| &*token.norm);
    let empty = matches!(
        next(1),
        None | Some(
            "is" | "was"
                | "'s"
                | "’s"
                | "seems"
                | "seemed"
                | "appears"
                | "appeared"
                | "remains"
                | "remained"
                | "takes"
                | "took"
                | "comes"
                | "came"
                | "becomes"
                | "became"
                | "means"
                | "meant"
                | "will"
                | "would"
                | "could"
                | "may"
                | "might"
                | "can"
                | "should"
                | "must"
        )
    ) || (matches!(next(1), Some("has" | "had")) && next(2) == Some("been"));
    first && !empty
}

/// `text` with the diacritics of its letters dropped (canonical
/// decomposition, combining marks removed: "Türkiye" → "Turkiye"), and for
/// each byte of the result, and one past its end, the byte of `text` its
/// character starts at (or `text`'s length).
fn fold_diacritics(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            folded.push(c);
            origin.push(at);
            continue;
        }
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                folded.push(part);
                origin.resize(folded.len(), at);
            }
        });
    }
    origin.push(text.len());
    (folded, origin)
}

fn whole_word(piece: &str, range: Range<usize>) -> bool {
    let before = piece[..range.start].chars().next_back();
    let after = piece[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split_sentences;

    #[test]
    fn demonyms_regular_and_irregular() {
        assert!(
            IRREGULAR_DEMONYMS
                .windows(2)
                .all(|pair| pair[0].0 < pair[1].0),
            "IRREGULAR_DEMONYMS is sorted for its binary search"
        );
        for (name, form) in [
            ("Malaysia", "Malaysian"),
            ("Rwanda", "Rwandan"),
            ("Qatar", "Qatari"),
            ("Saudi Arabia", "Saudi Arabian"),
            ("Thailand", "Thai"),
            ("South Sudan", "South Sudanese"),
            ("Democratic Republic of the Congo", "Congolese"),
            ("United States", "American"),
            ("United Kingdom", "British"),
        ] {
            assert_eq!(demonym(name).as_deref(), Some(form), "{name}");
        }
        assert_eq!(demonym("Chile").as_deref(), Some("Chilean"));
        assert_eq!(demonym("Laos"), None);
    }

    fn found(aliases: &str, text: &str) -> Vec<String> {
        let rules = RuleSet::from_toml(
            "rules.toml",
            &format!(
                "[[entity]]\nid = \"Turkey\"\nkind = \"Country\"\nlabel = \"Turkey\"\naliases = {aliases}\n"
            ),
        )
        .unwrap();
        let matcher = MentionMatcher::new(&rules);
        split_sentences(text)
            .iter()
            .flat_map(|sentence| matcher.find(text, sentence))
            .map(|mention| text[mention.span].to_owned())
            .collect()
    }

    #[test]
    fn folding_drops_diacritics_and_maps_bytes_back() {
        let (folded, origin) = fold_diacritics("Türkiye’s");
        assert_eq!(folded, "Turkiye’s");
        assert_eq!(origin.len(), folded.len() + 1);
        assert_eq!(&"Türkiye’s"[origin[1]..origin[2]], "ü");
        assert_eq!(origin[folded.len()], "Türkiye’s".len());
    }

    #[test]
    fn aliases_match_with_or_without_diacritics() {
        let aliases = r#"["Türkiye", "Turkey"]"#;
        assert_eq!(found(aliases, "Türkiye mediated."), ["Türkiye"]);
        assert_eq!(found(aliases, "Turkiye mediated."), ["Turkiye"]);
        // A misspelling with a diacritic the alias lacks.
        assert_eq!(found(aliases, "Qatar and Türkey mediated."), ["Türkey"]);
        assert_eq!(found(aliases, "Ankara, Türkiye’s capital."), ["Türkiye"]);
        // Still whole words only.
        assert!(found(aliases, "Türkeys and Türkiyeli").is_empty());
    }
}

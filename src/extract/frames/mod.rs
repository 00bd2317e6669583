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
//!
//! This file holds the tree, the tables and [`TreeReader::read`]; the
//! reader's methods live beside it by what they find: `verbs` and `nouns`
//! (the frames), `clauses` (subjects and reported clauses), `targets`,
//! `actors`, `verdicts` (modality, and whether a trigger states anything),
//! `talks` (the parties of talks), with their word lists in `words`.

use std::ops::Range;

use super::relations::{self, Found, Frame, Modality, Reader, TriggerEntry, VerbForm, WordRole};
use crate::rules::{EntityKind, Predicate, RelationRule, TargetPolicy};
use crate::syntax::Analysis;
use crate::text::Token;
use words::*;

mod actors;
mod clauses;
mod nouns;
mod talks;
mod targets;
mod verbs;
mod verdicts;
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
    /// A participle after a hyphen ("Qatar-brokered"), whose first part
    /// names the source.
    pub(super) compound: bool,
}

pub(super) struct TreeReader<'r, 'a> {
    pub(super) reader: &'r Reader<'r, 'a>,
    pub(super) tree: &'r Tree<'r>,
    /// The parties of the talks the article is about, for "both sides".
    pub(super) parties: Option<(usize, usize)>,
    /// Who speaks the sentence without a verb of speech: the interviewee,
    /// in an interview's answer.
    pub(super) speaker: Option<usize>,
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
    /// Finds the first frame that places a source for the trigger.
    pub(super) fn read(&self, rule: &RelationRule, trigger: Trigger<'_>) -> Option<Found> {
        if trigger.compound {
            return self
                .compound(trigger)
                .filter(|found| !found.sources.is_empty());
        }
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

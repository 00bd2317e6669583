//! Extraction: from an article's text to the mentions and relation
//! instances the rules find in it.
//!
//! The pipeline per article: sentences ([`crate::text`]) → mentions by alias,
//! pattern and pronoun ([`mentions`]) → a shallow reading of each sentence
//! with actor chunks and clauses ([`sentence`]) → relation frames
//! ([`relations`]). Pure: no I/O, no printing, and it never fails on text:
//! odd input gives fewer matches, never an error.

mod mentions;
mod relations;
mod sentence;

use std::collections::BTreeSet;
use std::ops::Range;

pub use mentions::{Mention, MentionVia};
pub use relations::{Frame, Modality, RelationMatch};

use crate::rules::{EntityKind, RuleSet};
use crate::text::{Article, Sentence, split_sentences, tokenize_into};
use mentions::MentionMatcher;
use relations::TriggerLexicon;
use sentence::{LOCATIVE, Shape};

/// Rules compiled for matching. Build once, use for every article; it is
/// `Sync`, so threads can share one.
#[derive(Debug, Clone)]
pub struct Extractor {
    rules: RuleSet,
    mentions: MentionMatcher,
    triggers: TriggerLexicon,
}

/// What extraction found in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    /// Every named mention (aliases, patterns, government phrases) and every
    /// resolved pronoun, in text order.
    pub mentions: Vec<Mention>,
    /// Entities the article mentions, after actor resolution ("Kabul" acting
    /// is the Taliban), as indices into the rule set, sorted.
    pub mentioned: BTreeSet<usize>,
    pub relations: Vec<RelationMatch>,
    /// The two parties of the talks the article is about, if it says.
    pub parties: Option<(usize, usize)>,
}

impl Extractor {
    pub fn new(rules: RuleSet) -> Extractor {
        let mentions = MentionMatcher::new(&rules);
        let triggers = TriggerLexicon::new(&rules);
        Extractor {
            rules,
            mentions,
            triggers,
        }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn extract(&self, article: &Article) -> Extraction {
        let text = article.text.as_str();
        let sentences = split_sentences(text);
        let mut all_mentions: Vec<Mention> = Vec::new();
        let mut per_sentence: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
        // One vector holds every sentence's tokens; each sentence keeps its range.
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let mut tokens_per_sentence = Vec::with_capacity(sentences.len());
        for sentence in &sentences {
            let first = tokens.len();
            tokenize_into(&mut tokens, text, sentence.span.clone());
            let sentence_tokens = &tokens[first..];
            let named = self.mentions.find(text, sentence);
            let anaphors = self.mentions.anaphors(
                text,
                sentence,
                sentence_tokens,
                &named,
                &all_mentions,
                &self.rules,
            );
            let mut mentions = named;
            mentions.extend(anaphors);
            mentions.sort_by_key(|mention| mention.span.start);
            let start = all_mentions.len();
            all_mentions.extend(mentions);
            per_sentence.push(start..all_mentions.len());
            tokens_per_sentence.push(first..tokens.len());
        }

        let context = relations::DocContext {
            rules: &self.rules,
            date: article.date.as_deref(),
            text,
        };
        let shapes: Vec<Shape> = per_sentence
            .iter()
            .zip(&tokens_per_sentence)
            .map(|(mentions, sentence_tokens)| {
                Shape::new(
                    text,
                    &tokens[sentence_tokens.clone()],
                    &all_mentions[mentions.clone()],
                )
            })
            .collect();
        let parties = relations::find_parties(&context, &shapes);
        let mut found = Vec::new();
        for (sentence, shape) in sentences.iter().zip(&shapes) {
            self.triggers
                .match_sentence(&context, sentence, shape, &parties, &mut found);
        }
        found.sort_by_key(RelationMatch::sort_key);
        found.dedup();

        let mut mentioned = BTreeSet::new();
        for shape in &shapes {
            for (position, _) in shape.items.iter().enumerate() {
                let Some(chunk) = shape.chunk_at(position) else {
                    continue;
                };
                let locative = shape.after_preposition(position, &LOCATIVE);
                for &member in &chunk.members {
                    let mention = &shape.mentions[member];
                    if mention.via == MentionVia::Anaphor {
                        continue;
                    }
                    let entity = &self.rules.entities[mention.entity];
                    // A capital named as an actor ("Washington's interests",
                    // "Kabul rejected") or a government phrase names the actor,
                    // not the place; a place in a locative phrase ("talks in
                    // Doha") names the place. A country names itself, and its
                    // government only when it acts (below).
                    let acting_place = mention.via == MentionVia::Government
                        || (entity.kind == EntityKind::Place && !locative);
                    let actor = entity
                        .stands_for_on(context.date)
                        .and_then(|id| self.rules.entity_index(id));
                    match actor {
                        Some(actor) if acting_place => {
                            mentioned.insert(actor);
                        }
                        _ if mention.via != MentionVia::Government => {
                            mentioned.insert(mention.entity);
                        }
                        _ => {}
                    }
                }
            }
        }
        for relation in &found {
            mentioned.insert(relation.source);
            mentioned.insert(relation.target);
        }
        Extraction {
            sentences,
            mentions: all_mentions,
            mentioned,
            relations: found,
            parties: parties.article,
        }
    }
}

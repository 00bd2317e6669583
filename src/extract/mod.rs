//! Extraction: from an article's text to the mentions and relation
//! instances the rules find in it.
//!
//! The pipeline per article: sentences ([`crate::text`]) → mentions by alias,
//! pattern and pronoun ([`mentions`]) → a shallow reading of each sentence
//! with actor chunks and clauses ([`sentence`]) → relation frames
//! ([`relations`]) and, with a syntax model, frames over the dependency
//! tree of each sentence that holds a trigger and an actor ([`frames`]).
//! Pure: no I/O, no printing, and it never fails on text: odd input gives
//! fewer matches, never an error.

mod document;
mod frames;
mod mentions;
mod relations;
mod sentence;

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

pub use mentions::{Mention, MentionVia, demonym as country_demonym};
pub use relations::{Frame, Modality, RelationMatch};

use crate::rules::{EntityKind, Predicate, RelationRule, RuleSet, TargetPolicy};
use crate::syntax::{Analysis, Model, ParseCache, WordHint};
use crate::text::{Article, Sentence, Token, split_sentences, tokenize_into};
use frames::{TreeReader, Trigger};
use mentions::MentionMatcher;
use relations::{Reader, TriggerLexicon};
use sentence::{LOCATIVE, Shape};

/// Rules compiled for matching. Build once, use for every article; it is
/// `Sync`, so threads can share one.
#[derive(Debug, Clone)]
pub struct Extractor {
    rules: RuleSet,
    mentions: MentionMatcher,
    triggers: TriggerLexicon,
    /// The tagger and parser the tree frames read; without one, only the
    /// shallow frames run.
    syntax: Option<Arc<Model>>,
    parsed: Arc<ParseCache>,
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
            syntax: None,
            parsed: Arc::new(ParseCache::default()),
        }
    }

    /// An extractor whose frames also read each candidate sentence's
    /// dependency tree.
    pub fn with_syntax(rules: RuleSet, model: Arc<Model>) -> Extractor {
        let mut extractor = Extractor::new(rules);
        extractor.syntax = Some(model);
        extractor
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
        let interview = mentions::may_be_interview(text);
        // Per sentence, the interviewee who speaks it, in an interview's answers.
        let mut speakers: Vec<Option<usize>> = Vec::with_capacity(sentences.len());
        for sentence in &sentences {
            let first = tokens.len();
            tokenize_into(&mut tokens, text, sentence.span.clone());
            let sentence_tokens = &tokens[first..];
            let mut named = self.mentions.find(text, sentence);
            let surnames = self.mentions.surnames(
                text,
                sentence,
                sentence_tokens,
                &named,
                &all_mentions,
                &self.rules,
            );
            if !surnames.is_empty() {
                named.extend(surnames);
                named.sort_by_key(|mention| mention.span.start);
            }
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
            let speaker = interview
                .then(|| mentions::interviewee(text, sentence, &all_mentions, &self.rules))
                .flatten();
            if let Some(person) = speaker {
                let first_person =
                    mentions::interviewee_mentions(sentence, sentence_tokens, &mentions, person);
                mentions.extend(first_person);
            }
            speakers.push(speaker);
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
        let shapes = shapes_of(
            text,
            &tokens,
            &tokens_per_sentence,
            &all_mentions,
            &per_sentence,
        );
        // Sentences that can state a relation or name the parties of talks
        // are tagged and parsed, once; the rest are left to the shallow frames.
        let analyses: Vec<Option<Arc<Analysis>>> = match &self.syntax {
            Some(model) => shapes
                .iter()
                .zip(&tokens_per_sentence)
                .zip(&speakers)
                .map(|((shape, range), speaker)| {
                    let sentence_tokens = &tokens[range.clone()];
                    self.worth_parsing(shape, sentence_tokens, *speaker)
                        .then(|| {
                            let sentence_text = &text[sentence_span(sentence_tokens)];
                            self.parsed.get_or_analyse(model, sentence_text, || {
                                self.words_and_hints(text, sentence_tokens, shape.mentions)
                            })
                        })
                })
                .collect(),
            None => Vec::new(),
        };
        // A pronoun opening a sentence ("He said", "It accused") continues
        // the previous sentence's subject: where the tree shows that subject,
        // it overrides the guess the mentions made before any parsing (the
        // first fitting name, which a fronted clause or an owner misleads).
        let changes = mentions::tree_subject_changes(
            text,
            &self.rules,
            &analyses,
            &tokens,
            &tokens_per_sentence,
            &all_mentions,
            &per_sentence,
        );
        let shapes = if changes.is_empty() {
            shapes
        } else {
            drop(shapes);
            mentions::apply_changes(&changes, &mut all_mentions, &mut per_sentence);
            shapes_of(
                text,
                &tokens,
                &tokens_per_sentence,
                &all_mentions,
                &per_sentence,
            )
        };
        let trees: Vec<Option<frames::Tree>> = analyses
            .iter()
            .zip(&shapes)
            .map(|(analysis, shape)| {
                analysis
                    .as_ref()
                    .map(|analysis| frames::Tree::new(analysis, shape.tokens))
            })
            .collect();
        let talk_pairs: Vec<Vec<(usize, usize)>> = trees
            .iter()
            .zip(sentences.iter().zip(&shapes))
            .map(|(tree, (sentence, shape))| match tree {
                Some(tree) => {
                    let reader = Reader {
                        context: &context,
                        shape,
                        sentence,
                    };
                    TreeReader {
                        reader: &reader,
                        tree,
                        parties: None,
                        speaker: None,
                    }
                    .talk_pairs()
                }
                None => Vec::new(),
            })
            .collect();
        let parties = relations::find_parties(&context, &shapes, &talk_pairs);
        let mut found = Vec::new();
        for (sentence, shape) in sentences.iter().zip(&shapes) {
            self.triggers
                .match_sentence(&context, sentence, shape, &parties, &mut found);
        }
        let mut tree_matches = TreeMatches::default();
        for (((sentence, shape), tree), speaker) in
            sentences.iter().zip(&shapes).zip(&trees).zip(&speakers)
        {
            if let Some(tree) = tree {
                let at = SentenceAt {
                    sentence,
                    shape,
                    tree,
                    speaker: *speaker,
                };
                self.match_tree(&context, at, &parties, &mut tree_matches);
            }
        }
        let TreeMatches {
            found: mut from_trees,
            vetoed,
            misread,
            unread,
            unanswered,
            unplaced,
        } = tree_matches;
        found.retain(|shallow| {
            let at = (shallow.sentence, shallow.trigger.start, shallow.rule);
            let misread_here = reads_a_verb(shallow.frame) && misread.contains(&at);
            let light_verb_unread = shallow.frame == Frame::LightVerb && unread.contains(&at);
            !(vetoed.contains(&at) || misread_here || light_verb_unread)
        });
        // Where the tree reads a trigger, its reading stands: the shallow
        // frames' other readings of that trigger are dropped.
        let same_trigger = |a: &RelationMatch, b: &RelationMatch| {
            a.sentence == b.sentence && a.trigger.start == b.trigger.start && a.rule == b.rule
        };
        found.retain(|shallow| {
            let read = from_trees
                .iter()
                .filter(|tree_match| same_trigger(tree_match, shallow));
            read.clone().next().is_none()
                || read.into_iter().any(|tree_match| {
                    tree_match.source == shallow.source && tree_match.target == shallow.target
                })
        });
        // The tree adds what the shallow frames missed; an edge both found at
        // the same trigger is stated once, with the tree's modality, which
        // sees what governs the trigger rather than the words before it.
        from_trees.retain(|tree_match| {
            let same = found.iter_mut().find(|shallow| {
                shallow.sentence == tree_match.sentence
                    && shallow.trigger.start == tree_match.trigger.start
                    && shallow.predicate == tree_match.predicate
                    && shallow.source == tree_match.source
                    && shallow.target == tree_match.target
            });
            match same {
                Some(shallow) => {
                    shallow.modality = tree_match.modality;
                    false
                }
                None => true,
            }
        });
        found.extend(from_trees);
        // "Congo and Rwanda trade blame": the words of a reciprocal phrase
        // state the reciprocal act only, not another act of one of its words.
        let reciprocal: Vec<(usize, Range<usize>)> = found
            .iter()
            .filter(|relation| relation.frame == Frame::Reciprocal)
            .map(|relation| (relation.sentence, relation.trigger.clone()))
            .collect();
        found.retain(|relation| {
            relation.frame == Frame::Reciprocal
                || !reciprocal.iter().any(|(sentence, span)| {
                    *sentence == relation.sentence
                        && span.start <= relation.trigger.start
                        && relation.trigger.end <= span.end
                })
        });
        // "Kabul denied it": a rejection naming no one answers the act
        // against its side just before, rather than the default counterpart.
        // A rejection of "that accusation" that answers no act found may
        // answer what another side claimed.
        let claims: Vec<document::Claim> = if unanswered.iter().any(|open| open.named) {
            sentences
                .iter()
                .zip(&shapes)
                .flat_map(|(sentence, shape)| {
                    Reader {
                        context: &context,
                        shape,
                        sentence,
                    }
                    .claims()
                })
                .collect()
        } else {
            Vec::new()
        };
        let answered = document::answer(&self.rules, &found, &unanswered, &unplaced, &claims);
        found.retain(|relation| {
            !(relation.default_target
                && answered.iter().any(|answer| {
                    answer.sentence == relation.sentence
                        && answer.trigger.start == relation.trigger.start
                        && answer.rule == relation.rule
                        && answer.source == relation.source
                }))
        });
        found.extend(answered);
        // "the ceasefire brokered by Malaysia": between the article's sides,
        // or the pair a sentence before names together ("Pakistan and the
        // Taliban agreed to extend the ceasefire. The agreement was reached
        // after Turkish and Qatari mediators worked through the night.").
        let named_pairs: Vec<Option<(usize, usize)>> = if unplaced.is_empty() {
            Vec::new()
        } else {
            sentences
                .iter()
                .zip(&shapes)
                .map(|(sentence, shape)| {
                    Reader {
                        context: &context,
                        shape,
                        sentence,
                    }
                    .coordinated_pair()
                })
                .collect()
        };
        let placed = document::place(&self.rules, &found, &unplaced, &named_pairs);
        found.extend(placed);
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

    /// The syntax the tree frames read for a sentence's tokens: tagged and
    /// parsed with the model, the rules' word hints given (`newsgraph parse`
    /// shows it). `None` without a model.
    pub fn analyse(&self, text: &str, tokens: &[Token<'_>]) -> Option<Analysis> {
        let model = self.syntax.as_deref()?;
        let sentence = Sentence {
            index: 0,
            span: sentence_span(tokens),
        };
        let names = self.mentions.find(text, &sentence);
        let (forms, hints) = self.words_and_hints(text, tokens, &names);
        Some(model.analyse_with(&forms, &hints))
    }

    /// A sentence's words as the model reads them, and what the rules'
    /// lexicon says of each word's class; `mentions` are the sentence's.
    fn words_and_hints<'t>(
        &self,
        text: &'t str,
        tokens: &[Token<'_>],
        mentions: &[Mention],
    ) -> (Vec<&'t str>, Vec<WordHint>) {
        let mut forms: Vec<&'t str> = tokens
            .iter()
            .map(|token| &text[token.span.clone()])
            .collect();
        headline_commas(text, tokens, mentions, &mut forms);
        let hints = tokens
            .iter()
            .map(|token| self.triggers.word_hint(&token.norm))
            .collect();
        (forms, hints)
    }

    /// Whether a sentence is worth parsing: it names an actor, and a word
    /// of it can start a trigger (with its complement, where the rule needs
    /// one) or names talks; or it is an interview's answer or an attribution
    /// ("according to") holding a complement.
    fn worth_parsing(&self, shape: &Shape, tokens: &[Token<'_>], speaker: Option<usize>) -> bool {
        // Per rule, whether the sentence holds one of its complements, found
        // once for the sentence when first asked.
        let held: OnceCell<Vec<bool>> = OnceCell::new();
        let holds_complement = |rule: usize| {
            held.get_or_init(|| {
                self.rules
                    .relations
                    .iter()
                    .map(|rule| {
                        !rule.complements.is_empty()
                            && tokens.iter().any(|token| rule.is_complement(&token.norm))
                    })
                    .collect()
            })[rule]
        };
        // A trigger that counts only with a complement ("said Rwanda was
        // the enemy") makes a sentence worth it only where one is.
        let counts = |rule: usize| {
            self.rules.relations[rule].complements.is_empty() || holds_complement(rule)
        };
        // An interview's answer states what its speaker says ("The Afghan
        // regime shelters the TTP"): a complement alone makes it worth it.
        // So does one attributed with "according to". (An answer names its
        // speaker without a word: "A: That is false.")
        let attributed = speaker.is_some() || tokens.iter().any(|token| token.norm == "according");
        let answered = attributed && (0..self.rules.relations.len()).any(holds_complement);
        answered
            || (!shape.chunks.is_empty()
                && tokens.iter().any(|token| {
                    let triggers = match self.triggers.entries(&token.norm) {
                        Some(entries) => entries.iter().any(|entry| counts(entry.rule)),
                        None => !self
                            .triggers
                            .compound_entries(&token.norm, &self.rules.relations)
                            .is_empty(),
                    };
                    triggers
                        || frames::names_talks(&token.norm)
                        || !self.triggers.modal_rules(&token.norm).is_empty()
                }))
    }

    /// The acts a rejection can answer: those its object names ("the
    /// charge", "the demands"), or any of its rule's `answers` when the
    /// object names none ("denied it", "refused to comply"); and whether
    /// the object names the act.
    fn answerable(&self, rule: &RelationRule, object: Option<&str>) -> (Vec<Predicate>, bool) {
        let named: Vec<_> = object
            .and_then(|word| self.triggers.entries(word))
            .into_iter()
            .flatten()
            .filter(|entry| entry.role == relations::WordRole::Noun && entry.rest.is_empty())
            .map(|entry| self.rules.relations[entry.rule].predicate)
            .filter(|predicate| rule.answers.contains(predicate))
            .collect();
        if named.is_empty() {
            (rule.answers.clone(), false)
        } else {
            (named, true)
        }
    }

    /// Reads a parsed sentence's relations off its tree.
    fn match_tree(
        &self,
        context: &relations::DocContext,
        at: SentenceAt<'_>,
        parties: &relations::Parties,
        out: &mut TreeMatches,
    ) {
        let SentenceAt {
            sentence,
            shape,
            tree,
            speaker,
        } = at;
        let tokens = shape.tokens;
        let reader = Reader {
            context,
            shape,
            sentence,
        };
        let tree_reader = TreeReader {
            reader: &reader,
            tree,
            parties: parties.article,
            speaker,
        };
        let named_here = parties.per_sentence[sentence.index];
        for (index, token) in tokens.iter().enumerate() {
            // "a Qatar-brokered ceasefire": the participle after a hyphen,
            // read by the compound frame.
            let (entries, compound) = match self.triggers.entries(&token.norm) {
                Some(entries) => (entries.iter().collect(), false),
                None => (
                    self.triggers
                        .compound_entries(&token.norm, &self.rules.relations),
                    true,
                ),
            };
            for entry in entries {
                let rest_matches = entry.rest.iter().enumerate().all(|(offset, word)| {
                    tokens
                        .get(index + 1 + offset)
                        .is_some_and(|next| next.norm == *word)
                });
                if !rest_matches {
                    continue;
                }
                let trigger = Trigger {
                    token: index,
                    last: index + entry.rest.len(),
                    entry,
                    compound,
                };
                if !compound && !tree_reader.used_as_entry(trigger) {
                    // "denied the Pakistani claims": not the verb "claims".
                    // (A noun the tagger calls a verb keeps its shallow
                    // readings: "Demands from Islamabad that ..." opening
                    // a text; they name only its owner.)
                    if matches!(entry.role, relations::WordRole::Verb(_)) {
                        out.misread
                            .push((sentence.index, token.span.start, entry.rule));
                    }
                    continue;
                }
                let rule = &self.rules.relations[entry.rule];
                if !reader.requirements_met(rule) {
                    continue;
                }
                let open_act =
                    |sources: Vec<usize>, frame: relations::Frame, modality| document::OpenAct {
                        sentence: sentence.index,
                        trigger: tree_reader.span(trigger),
                        rule: entry.rule,
                        frame,
                        modality,
                        sources,
                    };
                if tree_reader.states_nothing(rule, trigger) {
                    out.vetoed
                        .push((sentence.index, token.span.start, entry.rule));
                    // "Islamabad denied that its jets had crossed": a
                    // reported clause states no act on its own, but may
                    // answer one.
                    let answers_only = !rule.answers.is_empty()
                        && (rule.complements.is_empty()
                            || tree_reader.denies_a_statement(rule, trigger.token))
                        && tree_reader.states_only_a_clause(rule, trigger)
                        && !tree_reader.acts_for_no_actor(trigger.token)
                        && !tree_reader.asks_a_question(trigger.token);
                    if answers_only
                        && let Some((sources, frame)) = tree_reader.subject(trigger.token, 0)
                        && !sources.is_empty()
                    {
                        let modality = tree_reader.modality(trigger.token, frame);
                        out.unanswered.push(document::Unanswered {
                            act: open_act(sources, frame, modality),
                            answers: rule.answers.clone(),
                            named: false,
                        });
                    }
                    continue;
                }
                if let Some(found) = tree_reader.read(rule, trigger) {
                    let modality = tree_reader.modality(trigger.token, found.frame);
                    let span = tree_reader.span(trigger);
                    let no_target = found.targets.as_ref().is_none_or(Vec::is_empty);
                    let object_names_no_one = tree_reader.object_names_no_one(rule, trigger);
                    // The tree read no target where the object names no
                    // one: the shallow frames' target further on is none.
                    if found.targets.is_none()
                        && rule.object_nouns.is_empty()
                        && object_names_no_one
                    {
                        out.vetoed
                            .push((sentence.index, token.span.start, entry.rule));
                    }
                    if !rule.answers.is_empty()
                        && found.frame != relations::Frame::Reciprocal
                        && no_target
                    {
                        let object = tree_reader.rejected_thing(trigger);
                        let (answers, named) = self.answerable(rule, object);
                        out.unanswered.push(document::Unanswered {
                            act: open_act(found.sources.clone(), found.frame, modality),
                            answers,
                            named,
                        });
                    }
                    let parties = named_here.or(parties.article);
                    // Asked for only where neither names the parties.
                    let other_pair = parties
                        .is_none()
                        .then(|| reader.other_pair(&found.sources))
                        .flatten();
                    // Talks whose parties neither the sentence nor the
                    // article's talks name are between the article's two
                    // sides, or else the two other actors the sentence
                    // names: the article settles it.
                    let placement = if parties.is_some() {
                        None
                    } else if rule.target == TargetPolicy::Parties
                        || (no_target && tree_reader.object_is_both_sides(trigger))
                    {
                        Some(document::Placement::Both)
                    } else if rule.default_counterpart
                        && no_target
                        && tree_reader.states_what(trigger)
                        && !object_names_no_one
                        && other_pair.is_none()
                    {
                        Some(document::Placement::Other)
                    } else if rule.default_counterpart
                        && no_target
                        && rule.answers.is_empty()
                        && other_pair.is_none()
                    {
                        // "Pakistan wants written guarantees": no one named;
                        // a refusal after it may say of whom.
                        Some(document::Placement::Refuser)
                    } else {
                        None
                    };
                    if let Some(placement) = placement {
                        // A mediation's parties are the article's to give;
                        // a target the shallow frames found for another act
                        // stands (the article's sides only fill a gap).
                        if rule.target == TargetPolicy::Parties {
                            out.vetoed
                                .push((sentence.index, token.span.start, entry.rule));
                        }
                        out.unplaced.push(document::Unplaced {
                            act: open_act(found.sources, found.frame, modality),
                            placement,
                            pair: other_pair,
                        });
                        continue;
                    }
                    let parties = parties.or(other_pair);
                    reader.emit_with(entry.rule, found, modality, span, parties, &mut out.found);
                } else if tree_reader.light_verb_is_modifier(trigger) {
                    out.unread
                        .push((sentence.index, token.span.start, entry.rule));
                } else if tree_reader.subject_names_no_actor(trigger) {
                    // "Egypt, which backs the army, called on the RSF", with
                    // Egypt no actor of the rules: the shallow reader's actor
                    // before the verb ("the army") is not its subject.
                    out.vetoed
                        .push((sentence.index, token.span.start, entry.rule));
                }
            }
        }
        // Statements with no verb of speech: an interview's answer is what
        // its speaker says ("The Afghan regime shelters the TTP" is the
        // interviewee's accusation), and a clause attributed with "according
        // to" what those it names say ("According to Taliban officials,
        // Pakistan's airstrikes killed civilians").
        let attributed = tokens.iter().any(|token| token.norm == "according");
        if speaker.is_some() || attributed {
            for (rule_index, rule) in self.rules.relations.iter().enumerate() {
                if rule.complements.is_empty() {
                    continue;
                }
                // "A: That is false.": the interviewee rejects what was just
                // said of their side.
                if let Some(speaker) = speaker
                    && !rule.answers.is_empty()
                    && let Some(clause) = tree_reader.answer_clause()
                    && tree_reader.calls_a_statement(rule, clause)
                {
                    out.unanswered.push(document::Unanswered {
                        act: document::OpenAct {
                            sentence: sentence.index,
                            trigger: tokens[clause].span.clone(),
                            rule: rule_index,
                            frame: relations::Frame::Active,
                            modality: Modality::Asserted,
                            sources: vec![speaker],
                        },
                        answers: rule.answers.clone(),
                        named: false,
                    });
                    continue;
                }
                let attribution = (attributed && rule.answers.is_empty())
                    .then(|| tree_reader.attributed_statement(rule))
                    .flatten();
                for (found, at) in tree_reader
                    .answer_statement(rule)
                    .into_iter()
                    .chain(attribution)
                {
                    let span = tokens[at].span.clone();
                    reader.emit_with(
                        rule_index,
                        found,
                        Modality::Asserted,
                        span,
                        named_here,
                        &mut out.found,
                    );
                }
            }
        }
        // "“Kabul must act,” Dar said": a speaker's modal.
        for (index, token) in tokens.iter().enumerate() {
            let rules = self.triggers.modal_rules(&token.norm);
            if rules.is_empty() {
                continue;
            }
            let Some((found, speech)) = tree_reader.obligation(index) else {
                continue;
            };
            // The interviewee's own answer ("first Kabul must hand over the
            // TTP leaders") is said as it stands.
            let modality = match speech {
                Some(speech) => tree_reader.modality(speech, found.frame),
                None => Modality::Asserted,
            };
            for &rule in rules {
                if !reader.requirements_met(&self.rules.relations[rule]) {
                    continue;
                }
                let span = token.span.clone();
                reader.emit_with(
                    rule,
                    found.clone(),
                    modality,
                    span,
                    named_here,
                    &mut out.found,
                );
            }
        }
    }
}

/// One parsed sentence as [`Extractor::match_tree`] reads it, with the
/// interviewee who speaks it if it is an interview's answer.
#[derive(Clone, Copy)]
struct SentenceAt<'s> {
    sentence: &'s Sentence,
    shape: &'s Shape<'s>,
    tree: &'s frames::Tree<'s>,
    speaker: Option<usize>,
}

/// What the tree frames read in an article: their matches, and the
/// triggers they show state no act (sentence, trigger byte, rule).
#[derive(Default)]
struct TreeMatches {
    found: Vec<RelationMatch>,
    vetoed: Vec<(usize, usize, usize)>,
    /// Verb triggers the tree shows are no verb (sentence, trigger byte,
    /// rule): the shallow frames' verb readings there go.
    misread: Vec<(usize, usize, usize)>,
    /// Noun triggers the tree read and found nothing for (sentence,
    /// trigger byte, rule), whose light verb just before is the noun's
    /// modifier: the shallow light-verb reading goes ("following renewed
    /// mediation by Qatar" is no light verb "renewed" on "mediation").
    unread: Vec<(usize, usize, usize)>,
    /// Rejections read with a source and no target, for [`document::answer`].
    unanswered: Vec<document::Unanswered>,
    /// Mediations read with a source and no parties, for [`document::place`].
    unplaced: Vec<document::Unplaced>,
}

/// Whether a frame reads its trigger as a verb.
fn reads_a_verb(frame: Frame) -> bool {
    matches!(
        frame,
        Frame::Active
            | Frame::Passive
            | Frame::Participle
            | Frame::Control
            | Frame::Relative
            | Frame::Coordination
    )
}

/// A headline joins names with commas where prose says "and" ("Qatar,
/// Turkey broker truce between Pakistan, Afghanistan"): in a sentence with no
/// closing punctuation, a comma between two names (the sentence's
/// `mentions` by name, not its pronouns) is read as "and", so the parser
/// sees the list and its verb. Depends only on the sentence, as the parse
/// cache needs.
fn headline_commas(text: &str, tokens: &[Token<'_>], mentions: &[Mention], forms: &mut [&str]) {
    let closed = tokens.last().is_none_or(|last| {
        matches!(
            &text[last.span.clone()],
            "." | "!" | "?" | "”" | "\"" | "’" | "'" | ":" | ";" | "…"
        )
    });
    if closed {
        return;
    }
    let names = || mentions.iter().filter(|m| m.via != MentionVia::Anaphor);
    let ends_a_name = |at: usize| names().any(|name| name.span.end == at);
    let starts_a_name = |at: usize| names().any(|name| name.span.start == at);
    for index in 1..tokens.len().saturating_sub(1) {
        if tokens[index].norm == ","
            && ends_a_name(tokens[index - 1].span.end)
            && starts_a_name(tokens[index + 1].span.start)
        {
            forms[index] = "and";
        }
    }
}

/// The byte span from a sentence's first token to its last.
/// Each sentence's shape: its tokens and its range of the article's mentions.
fn shapes_of<'a>(
    text: &'a str,
    tokens: &'a [Token<'a>],
    tokens_per_sentence: &[Range<usize>],
    mentions: &'a [Mention],
    per_sentence: &[Range<usize>],
) -> Vec<Shape<'a>> {
    per_sentence
        .iter()
        .zip(tokens_per_sentence)
        .map(|(own, sentence_tokens)| {
            Shape::new(
                text,
                &tokens[sentence_tokens.clone()],
                &mentions[own.clone()],
            )
        })
        .collect()
}

fn sentence_span(tokens: &[Token<'_>]) -> Range<usize> {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => first.span.start..last.span.end,
        _ => 0..0,
    }
}

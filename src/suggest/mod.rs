//! `rules suggest`: the actors a corpus names that the rules lack, ranked by
//! how many relation instances they would complete, each as a ready
//! `[[entity]]` stub.
//!
//! Two readings of the corpus. The first, with the current rules and the
//! tagger, finds the names no rule knows ([`sightings`]: proper-noun runs,
//! persons introduced with an office, demonyms of states the rules lack)
//! and groups them over the corpus: an acronym in brackets joins its long
//! name, a lone surname the person, a demonym its state, an organ ("African
//! Union Commission") its owner, a capital that acts its state. The second reads
//! the corpus again with every candidate added as a layer of entities: the
//! relation instances a candidate takes part in are the frames it would
//! complete, found by the same frames `build` runs, so a name used as a
//! place ("talks in Pretoria") or a date completes none. That layer is the
//! one `--output` writes, restricted to the proposals.
//!
//! Pure: the articles and the rules' text are handed in, the suggestions
//! come back; the command line prints them.

mod sightings;
mod stub;
mod words;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use crate::extract::{Extractor, MentionVia};
use crate::rules::{EntityKind, IncludeFiles, Predicate, RuleSet, RulesError, RulesSource};
use crate::syntax::Model;
use crate::text::{Article, CharIndex, TokenKind, tokenize};

use sightings::{Demonyms, Owner, Sighting, TaggedSentence};
use stub::Evidence;

/// The name of the layer of suggestions in messages and in the file.
pub const LAYER_NAME: &str = "<suggested actors>";

/// A sentence that shows a suggestion at work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The article's id.
    pub article: String,
    pub sentence: String,
    /// The sentence's span in the article, in characters.
    pub chars: Range<usize>,
    /// The relation it completes there ("Eritrea rejects Mike Hammer"), if any.
    pub relation: Option<String>,
}

/// One actor the rules lack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: String,
    pub kind: EntityKind,
    pub label: String,
    pub aliases: Vec<String>,
    pub demonym: Option<String>,
    /// Ids of the actors a person acts for (of the rules, or suggested).
    pub represents: Vec<String>,
    pub role: Option<String>,
    /// For a capital: the id of the state it stands for when it acts.
    pub stands_for: Option<String>,
    /// Relation instances it takes part in, with the rules and the other
    /// suggestions added.
    pub frames: usize,
    /// `frames` per predicate, in the predicates' order.
    pub by_predicate: Vec<(Predicate, usize)>,
    /// Mentions by name (aliases and demonym phrases), and in how many articles.
    pub mentions: usize,
    pub articles: usize,
    /// What made it a candidate: "title", "office", "demonym", "acronym", ...
    pub evidence: Vec<&'static str>,
    pub example: Example,
}

/// What `rules suggest` found in a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    /// Ranked: most frames first, then most mentions.
    pub proposed: Vec<Suggestion>,
    /// Candidates the frames found no use for and nothing else made an
    /// actor (places, names of no one), with their guessed kind, by label.
    pub passed_over: Vec<(String, EntityKind)>,
    pub articles: usize,
}

impl Suggestions {
    /// The proposals as a rules layer, for `--output`: a commented
    /// `[[entity]]` table each, ranked. A person's `represents` names only
    /// actors of the rules or of the layer, and no alias is claimed twice,
    /// so the layer checks over the rules it was suggested for.
    pub fn layer(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Actors `newsgraph rules suggest` proposes from {} articles, ranked by the\n\
             # relation instances each would complete. Review every table before use:\n\
             # the kind is guessed from context, aliases and `represents` from the text.\n\
             # Add `wikidata`, `dbpedia` or `geonames` only with `checked` saying where.",
            self.articles
        );
        for suggestion in &self.proposed {
            out.push('\n');
            out.push_str(&suggestion.stub());
        }
        out
    }
}

impl Suggestion {
    /// The `[[entity]]` table, after a comment with the counts and the example.
    pub fn stub(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}", self.summary());
        let _ = writeln!(
            out,
            "# e.g. {} chars {}..{}: {}",
            self.example.article,
            self.example.chars.start,
            self.example.chars.end,
            one_line(&self.example.sentence)
        );
        out.push_str("[[entity]]\n");
        let _ = writeln!(out, "id = {}", stub::quoted(&self.id));
        let _ = writeln!(out, "kind = {}", stub::quoted(self.kind.name()));
        let _ = writeln!(out, "label = {}", stub::quoted(&self.label));
        if let Some(demonym) = &self.demonym {
            let _ = writeln!(out, "demonym = {}", stub::quoted(demonym));
        }
        let _ = writeln!(out, "aliases = {}", stub::quoted_list(&self.aliases));
        if !self.represents.is_empty() {
            let _ = writeln!(out, "represents = {}", stub::quoted_list(&self.represents));
        }
        if let Some(role) = &self.role {
            let _ = writeln!(out, "role = {}", stub::quoted(role));
        }
        if let Some(actor) = &self.stands_for {
            let _ = writeln!(out, "stands_for = [{{ actor = {} }}]", stub::quoted(actor));
        }
        out
    }

    /// "5 relations (accuses 3, rejects 2), 9 mentions in 4 articles; title, acronym".
    pub fn summary(&self) -> String {
        let predicates: Vec<String> = self
            .by_predicate
            .iter()
            .map(|(predicate, count)| format!("{predicate} {count}"))
            .collect();
        let relations = match self.frames {
            0 => "no relation".to_owned(),
            1 => format!("1 relation ({})", predicates.join(", ")),
            frames => format!("{frames} relations ({})", predicates.join(", ")),
        };
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let mut summary = format!(
            "{relations}, {} in {}",
            plural(self.mentions, "mention"),
            plural(self.articles, "article")
        );
        if !self.evidence.is_empty() {
            let _ = write!(summary, "; {}", self.evidence.join(", "));
        }
        summary
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A relation instance once however many frames state it: article index,
/// sentence, trigger byte, predicate, source and target entities.
type Instance = (usize, usize, usize, Predicate, usize, usize);

/// A name no rule knows, grouped over the corpus.
#[derive(Debug, Clone)]
struct Candidate {
    label: String,
    aliases: BTreeSet<String>,
    evidence: Evidence,
    acronym: bool,
    demonym: Option<String>,
    offices: BTreeMap<String, usize>,
    owners: BTreeMap<Owner, usize>,
    /// The first sighting: (article index, sentence index, byte span).
    first: (usize, usize, Range<usize>),
    id: String,
    kind: EntityKind,
    /// The aliases its table lists, none another entity or candidate claims.
    listed: Vec<String>,
    /// For a capital of a state the rules know: that state's id.
    stands_for: Option<String>,
}

/// Reads `articles` with the rules `sources` (layered as `build` layers
/// them; includes read through `files`) and the syntax `model`, and
/// proposes the actors the rules lack.
pub fn suggest(
    sources: Vec<RulesSource>,
    files: &mut dyn IncludeFiles,
    model: Arc<Model>,
    articles: &[Article],
) -> Result<Suggestions, RulesError> {
    let rules = RuleSet::from_layers(sources.clone(), files)?;
    // Every name the rules give, with the id of its entity.
    let known_aliases: HashMap<String, String> = rules
        .entities
        .iter()
        .flat_map(|entity| {
            entity
                .aliases
                .iter()
                .chain(&entity.government_aliases)
                .chain(std::iter::once(&entity.label))
                .map(|alias| (alias.clone(), entity.id.clone()))
        })
        .collect();
    let known_ids: HashSet<String> = rules.entities.iter().map(|e| e.id.clone()).collect();
    let extractor = Extractor::with_syntax(rules, model.clone());
    let demonyms = Demonyms::new(|country| known_aliases.contains_key(country));
    let mut found: Vec<(usize, Sighting)> = Vec::new();
    let mut lowercase_words: HashSet<String> = HashSet::new();
    for (article_index, article) in articles.iter().enumerate() {
        let text = article.text.as_str();
        let extraction = extractor.extract(article);
        let mut by_sentence: Vec<Vec<&crate::extract::Mention>> =
            vec![Vec::new(); extraction.sentences.len()];
        for mention in &extraction.mentions {
            if let Some(mentions) = by_sentence.get_mut(mention.sentence) {
                mentions.push(mention);
            }
        }
        for sentence in &extraction.sentences {
            let tokens = tokenize(text, sentence.span.clone());
            if tokens.is_empty() {
                continue;
            }
            for token in &tokens {
                if token.kind == TokenKind::Word
                    && text[token.span.clone()].starts_with(char::is_lowercase)
                {
                    lowercase_words.insert(token.norm.to_string());
                }
            }
            if !tokens.iter().skip(1).any(|token| {
                token.kind == TokenKind::Word
                    && text[token.span.clone()].starts_with(char::is_uppercase)
            }) && !text[tokens[0].span.clone()].starts_with(char::is_uppercase)
            {
                continue;
            }
            let Some(analysis) = extractor.analyse(text, &tokens) else {
                continue;
            };
            let rules = extractor.rules();
            let known: Vec<Option<usize>> = tokens
                .iter()
                .map(|token| {
                    by_sentence[sentence.index]
                        .iter()
                        .find(|mention| mention.overlaps(&token.span))
                        .map(|mention| {
                            let entity = &rules.entities[mention.entity];
                            entity
                                .stands_for_on(article.date.as_deref())
                                .and_then(|actor| rules.entity_index(actor))
                                .unwrap_or(mention.entity)
                        })
                })
                .collect();
            let tagged = TaggedSentence {
                text,
                tokens: &tokens,
                upos: &analysis.upos,
                known: &known,
                index: sentence.index,
            };
            found.extend(
                sightings::sightings(&tagged, &demonyms)
                    .into_iter()
                    .map(|sighting| (article_index, sighting)),
            );
        }
    }
    let mut candidates = group(&found, &lowercase_words, &known_aliases);
    name_them(&mut candidates, &known_ids);
    list_aliases(&mut candidates, &known_aliases);
    let base_rules = extractor.rules();
    // The second reading: every candidate that may act, as a layer. A
    // candidate whose table the rules refuse (an alias another entity
    // claims) is left out and the layer read again.
    let mut acting: Vec<usize> = (0..candidates.len())
        .filter(|&at| candidates[at].kind.can_act() || candidates[at].stands_for.is_some())
        .collect();
    let (rules, layer_entities) = loop {
        let in_layer: HashSet<&str> = acting
            .iter()
            .map(|&at| candidates[at].id.as_str())
            .chain(known_ids.iter().map(String::as_str))
            .collect();
        let tables: Vec<String> = acting
            .iter()
            .map(|&at| table(&candidates[at], &candidates, base_rules, &in_layer))
            .collect();
        let mut layered = sources.clone();
        layered.push(RulesSource {
            name: LAYER_NAME.to_owned(),
            text: tables.join("\n"),
            path: None,
        });
        match RuleSet::from_layers(layered, files) {
            Ok(rules) => break (rules, acting.clone()),
            Err(error) => {
                let refused: HashSet<&str> = error
                    .problems()
                    .iter()
                    .filter(|problem| problem.source == LAYER_NAME)
                    .filter_map(|problem| problem.rule_id.as_deref())
                    .collect();
                let before = acting.len();
                acting.retain(|&at| !refused.contains(candidates[at].id.as_str()));
                if acting.len() == before {
                    return Err(error);
                }
            }
        }
    };
    let candidate_of: HashMap<usize, usize> = layer_entities
        .iter()
        .filter_map(|&at| {
            rules
                .entity_index(&candidates[at].id)
                .map(|index| (index, at))
        })
        .collect();
    let extractor = Extractor::with_syntax(rules, model);
    let mut relations: Vec<BTreeSet<Instance>> = vec![BTreeSet::new(); candidates.len()];
    let mut examples: Vec<Option<Example>> = vec![None; candidates.len()];
    let mut example_acts = vec![false; candidates.len()];
    let mut mentions = vec![0usize; candidates.len()];
    let mut in_articles: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); candidates.len()];
    for (article_index, article) in articles.iter().enumerate() {
        let extraction = extractor.extract(article);
        let rules = extractor.rules();
        let mut chars = CharIndex::new(&article.text);
        for mention in &extraction.mentions {
            if mention.via == MentionVia::Anaphor {
                continue;
            }
            if let Some(&at) = candidate_of.get(&mention.entity) {
                mentions[at] += 1;
                in_articles[at].insert(article_index);
            }
        }
        for relation in &extraction.relations {
            for end in [relation.source, relation.target] {
                let Some(&at) = candidate_of.get(&end) else {
                    continue;
                };
                relations[at].insert((
                    article_index,
                    relation.sentence,
                    relation.trigger.start,
                    relation.predicate,
                    relation.source,
                    relation.target,
                ));
                // The first sentence where it acts, else the first where it
                // is acted on.
                let acts = end == relation.source;
                if examples[at].is_none() || (acts && !example_acts[at]) {
                    example_acts[at] = acts;
                    let sentence = &extraction.sentences[relation.sentence];
                    examples[at] = Some(Example {
                        article: article.id.clone(),
                        sentence: sentence.text(&article.text).to_owned(),
                        chars: chars.chars_at(sentence.span.start)
                            ..chars.chars_at(sentence.span.end),
                        relation: Some(format!(
                            "{} {} {}",
                            rules.entities[relation.source].label,
                            relation.predicate,
                            rules.entities[relation.target].label
                        )),
                    });
                }
            }
        }
    }
    let mut proposed: Vec<Suggestion> = Vec::new();
    let mut passed_over = Vec::new();
    for (at, candidate) in candidates.iter().enumerate() {
        let frames = relations[at].len();
        let strong = candidate.evidence.person > 0 || candidate.evidence.demonym > 0;
        let accepted = layer_entities.contains(&at);
        if !accepted || (frames == 0 && !strong) {
            passed_over.push((candidate.label.clone(), candidate.kind));
            continue;
        }
        let mut by_predicate = Vec::new();
        for predicate in Predicate::ALL {
            let count = relations[at].iter().filter(|r| r.3 == predicate).count();
            if count > 0 {
                by_predicate.push((predicate, count));
            }
        }
        let example = examples[at].clone().unwrap_or_else(|| {
            let (article, sentence, _) = &candidate.first;
            let article = &articles[*article];
            let sentences = crate::text::split_sentences(&article.text);
            let sentence = sentences
                .iter()
                .find(|s| s.index == *sentence)
                .expect("a sighting's sentence is one of its article's");
            let mut chars = CharIndex::new(&article.text);
            Example {
                article: article.id.clone(),
                sentence: sentence.text(&article.text).to_owned(),
                chars: chars.chars_at(sentence.span.start)..chars.chars_at(sentence.span.end),
                relation: None,
            }
        });
        let mut evidence = Vec::new();
        if candidate.evidence.person > 0 {
            evidence.push("title or office");
        }
        if candidate.evidence.armed > 0 {
            evidence.push("armed-group words");
        }
        if candidate.evidence.nicknamed > 0 {
            evidence.push("known as");
        }
        if candidate.evidence.demonym > 0 {
            evidence.push("demonym");
        }
        if candidate.acronym {
            evidence.push("acronym");
        }
        proposed.push(Suggestion {
            id: candidate.id.clone(),
            kind: candidate.kind,
            label: candidate.label.clone(),
            aliases: candidate.listed.clone(),
            demonym: candidate.demonym.clone(),
            represents: represents(candidate, &candidates, base_rules),
            role: role(candidate, &candidates, base_rules),
            stands_for: candidate.stands_for.clone(),
            frames,
            by_predicate,
            mentions: mentions[at].max(candidate.evidence.sightings),
            articles: in_articles[at].len().max(1),
            evidence,
            example,
        });
    }
    proposed.sort_by(|a, b| {
        b.frames
            .cmp(&a.frames)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.label.cmp(&b.label))
    });
    // A person's side must be in the layer too, proposed or not.
    let ids: HashSet<String> = proposed.iter().map(|s| s.id.clone()).collect();
    for suggestion in &mut proposed {
        suggestion
            .represents
            .retain(|id| ids.contains(id) || known_ids.contains(id));
    }
    Ok(Suggestions {
        proposed,
        passed_over,
        articles: articles.len(),
    })
}

/// Groups the sightings by name: an acronym in brackets joins its long
/// name, a lone word a person's name it is part of ("Abiy", "Hammer"), a
/// demonym its state. Drops single words the corpus also writes in
/// lowercase ("Peace" opening a headline) and names the rules hold.
fn group(
    found: &[(usize, Sighting)],
    lowercase_words: &HashSet<String>,
    known_aliases: &HashMap<String, String>,
) -> Vec<Candidate> {
    // An acronym's long name, from "(TPLF)" after it, and the name of whom
    // another name is of ("Dagalo, known as Hemedti").
    let mut long_name: HashMap<&str, &str> = HashMap::new();
    for (_, sighting) in found {
        for other in sighting.acronym.iter().chain(&sighting.known_as) {
            long_name
                .entry(other.as_str())
                .or_insert(sighting.name.as_str());
        }
    }
    let persons: BTreeSet<&str> = found
        .iter()
        .filter(|(_, s)| s.office.is_some() && s.name.contains(' '))
        .map(|(_, s)| s.name.as_str())
        .collect();
    // A lone word that is a word of exactly one person's name.
    let person_of = |word: &str| -> Option<&str> {
        let mut of = persons.iter().filter(|person| {
            person
                .split(' ')
                .any(|part| part == word || strip_article(part) == word)
        });
        match (of.next(), of.next()) {
            (Some(person), None) => Some(*person),
            _ => None,
        }
    };
    let mut by_name: BTreeMap<String, Candidate> = BTreeMap::new();
    for (article, sighting) in found {
        let mut name = sighting.name.as_str();
        let mut alias = None;
        if let Some(long) = long_name.get(name) {
            alias = Some(name.to_owned());
            name = long;
        } else if !name.contains(' ')
            && sighting.demonym.is_none()
            && let Some(person) = person_of(name)
        {
            alias = Some(name.to_owned());
            name = person;
        }
        if known_aliases.contains_key(name) {
            continue;
        }
        let candidate = by_name.entry(name.to_owned()).or_insert_with(|| Candidate {
            label: name.to_owned(),
            aliases: BTreeSet::new(),
            evidence: Evidence::default(),
            acronym: false,
            demonym: None,
            offices: BTreeMap::new(),
            owners: BTreeMap::new(),
            first: (*article, sighting.sentence, sighting.span.clone()),
            id: String::new(),
            kind: EntityKind::Organization,
            listed: Vec::new(),
            stands_for: None,
        });
        if sighting.demonym.is_none() {
            candidate.aliases.insert(name.to_owned());
        }
        candidate.aliases.extend(alias);
        candidate.aliases.extend(sighting.known_as.clone());
        if let Some(acronym) = &sighting.acronym {
            candidate.aliases.insert(acronym.clone());
            candidate.acronym = true;
        }
        candidate.evidence.sightings += 1;
        candidate.evidence.in_prose += usize::from(!sighting.title_case);
        candidate.evidence.person += usize::from(sighting.office.is_some());
        candidate.evidence.armed += usize::from(sighting.armed);
        candidate.evidence.nicknamed += usize::from(
            sighting
                .known_as
                .as_ref()
                .is_some_and(|other| other.chars().any(char::is_lowercase)),
        );
        candidate.evidence.locative += usize::from(sighting.locative);
        if let Some(demonym) = &sighting.demonym {
            candidate.evidence.demonym += 1;
            candidate.demonym.get_or_insert_with(|| demonym.clone());
        }
        if let Some(office) = &sighting.office {
            *candidate.offices.entry(office.clone()).or_default() += 1;
        }
        if let Some(owner) = &sighting.owner {
            *candidate.owners.entry(owner.clone()).or_default() += 1;
        }
    }
    // "African Union Commission" and "African Union Peace and Security
    // Council" are organs of the African Union: one actor, as a reader
    // names it (the longest other name the organ's name starts with).
    let organs: Vec<(String, String)> = by_name
        .keys()
        .filter_map(|label| {
            let (_, organ) = label.rsplit_once(' ')?;
            if !words::is_organization_name_word(&organ.to_lowercase()) {
                return None;
            }
            let owner = by_name
                .keys()
                .filter(|owner| {
                    label
                        .strip_prefix(owner.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
                })
                .max_by_key(|owner| owner.len())?;
            Some((label.clone(), owner.clone()))
        })
        .collect();
    for (organ, owner) in organs {
        let Some(organ) = by_name.remove(&organ) else {
            continue;
        };
        let owner = by_name.get_mut(&owner).expect("the owner is a candidate");
        owner.aliases.insert(organ.label.clone());
        owner.evidence.sightings += organ.evidence.sightings;
        owner.evidence.in_prose += organ.evidence.in_prose;
        for (office, count) in organ.offices {
            *owner.offices.entry(office).or_default() += count;
        }
    }
    // A capital that acts ("Asmara rejected the claim") and "the
    // Democratic Republic of the Congo" name their state: one actor. A
    // capital named as a place ("talks in Pretoria") stays a place; one of a
    // state the rules know stands for it.
    let labels: Vec<String> = by_name.keys().cloned().collect();
    for label in labels {
        let candidate = &by_name[&label];
        let acts = candidate.evidence.locative * 2 < candidate.evidence.sightings;
        let state = match words::state_of_capital(&label) {
            Some(state) if acts => Some(state.to_owned()),
            Some(state) => {
                if let Some(id) = known_aliases.get(state) {
                    let id = id.clone();
                    by_name
                        .get_mut(&label)
                        .expect("a label of by_name")
                        .stands_for = Some(id);
                }
                None
            }
            None => state_named_in(&label).map(str::to_owned),
        };
        let Some(state) = state.filter(|state| *state != label) else {
            continue;
        };
        if by_name.contains_key(&state) {
            let merged = by_name.remove(&label).expect("a label of by_name");
            let into = by_name.get_mut(&state).expect("the state is a candidate");
            into.aliases.extend(merged.aliases);
            into.evidence.sightings += merged.evidence.sightings;
            into.evidence.in_prose += merged.evidence.in_prose;
        } else if let Some(id) = known_aliases.get(&state) {
            by_name
                .get_mut(&label)
                .expect("a label of by_name")
                .stands_for = Some(id.clone());
        }
    }
    // Whom a person acts for, once organs joined their owners.
    let renamed: HashMap<String, String> = by_name
        .values()
        .flat_map(|candidate| {
            candidate
                .aliases
                .iter()
                .map(|alias| (alias.clone(), candidate.label.clone()))
        })
        .collect();
    for candidate in by_name.values_mut() {
        let owners = std::mem::take(&mut candidate.owners);
        for (owner, count) in owners {
            let owner = match owner {
                Owner::Named(name) => Owner::Named(renamed.get(&name).cloned().unwrap_or(name)),
                known => known,
            };
            *candidate.owners.entry(owner).or_default() += count;
        }
    }
    by_name
        .into_values()
        .filter(|candidate| {
            let one_word = !candidate.label.contains(' ');
            let common = lowercase_words.contains(&candidate.label.to_lowercase());
            let acronym = candidate.acronym
                || candidate.label.chars().filter(|c| c.is_uppercase()).count() > 1;
            !(one_word && common && !acronym && candidate.evidence.demonym == 0)
                && candidate.evidence.in_prose > 0
        })
        .collect()
}

/// The state a long name names: "Democratic Republic of the Congo" is
/// the Congo, "Kingdom of Cambodia" Cambodia.
fn state_named_in(label: &str) -> Option<&'static str> {
    if !label.contains("Republic") && !label.contains("Kingdom") {
        return None;
    }
    let (_, state) = label.rsplit_once(" of ")?;
    let state = state.strip_prefix("the ").unwrap_or(state);
    words::COUNTRIES
        .iter()
        .copied()
        .find(|country| *country == state)
}

/// "al-Burhan" without its article: "Burhan".
fn strip_article(word: &str) -> &str {
    ["al-", "el-", "Al-", "El-"]
        .iter()
        .find_map(|article| word.strip_prefix(article))
        .unwrap_or(word)
}

/// Gives each candidate its kind and an id no entity of the rules or other
/// candidate has (an acronym where it has one: "TPLF").
fn name_them(candidates: &mut [Candidate], known_ids: &HashSet<String>) {
    let mut taken: HashSet<String> = known_ids.clone();
    for candidate in candidates.iter_mut() {
        candidate.kind = if candidate.stands_for.is_some() {
            EntityKind::Place
        } else if state_named_in(&candidate.label).is_some() {
            EntityKind::Country
        } else {
            stub::guess_kind(&candidate.label, &candidate.evidence, candidate.acronym)
        };
        if candidate.kind == EntityKind::Person || candidate.kind == EntityKind::Country {
            candidate.acronym = candidate.acronym && candidate.kind != EntityKind::Person;
        }
        let short = candidate
            .aliases
            .iter()
            .find(|alias| {
                **alias != candidate.label
                    && !alias.contains(' ')
                    && alias
                        .chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            .cloned();
        let base = short.unwrap_or_else(|| stub::id_from(&candidate.label));
        let mut id = base.clone();
        let mut number = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}{number}");
            number += 1;
        }
        candidate.id = id;
    }
}

/// The aliases a stub lists: the names seen, and for a person the surname
/// ("Obasanjo"), which news uses alone after the full name, where it has
/// four letters or more.
fn aliases_of(candidate: &Candidate) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    let mut push = |alias: String| {
        if !aliases.contains(&alias) {
            aliases.push(alias);
        }
    };
    push(candidate.label.clone());
    for alias in &candidate.aliases {
        push(alias.clone());
    }
    // A short last word ("Sen" of Hun Sen) is too often another word.
    if candidate.kind == EntityKind::Person
        && let Some(surname) = candidate.label.rsplit(' ').next()
        && surname != candidate.label
        && surname.chars().count() >= 4
    {
        push(surname.to_owned());
        let bare = strip_article(surname);
        if bare != surname {
            push(bare.to_owned());
        }
    }
    aliases
}

/// Lists each candidate's aliases, leaving out any the rules or another
/// candidate claim (two persons of one surname), which would make the
/// layer refuse both; a label stays its own candidate's.
fn list_aliases(candidates: &mut [Candidate], known_aliases: &HashMap<String, String>) {
    let mut claims: HashMap<String, usize> = HashMap::new();
    let all: Vec<Vec<String>> = candidates.iter().map(aliases_of).collect();
    for aliases in &all {
        for alias in aliases {
            *claims.entry(alias.clone()).or_default() += 1;
        }
    }
    for (candidate, aliases) in candidates.iter_mut().zip(all) {
        candidate.listed = aliases
            .into_iter()
            .filter(|alias| {
                !known_aliases.contains_key(alias)
                    && (claims[alias] == 1 || *alias == candidate.label)
            })
            .collect();
    }
}

/// The id of whom a person acts for, most often named: an entity of the
/// rules or another candidate (a person's own side, when they act for a
/// person: "adviser to Prime Minister Abiy Ahmed").
fn represents(candidate: &Candidate, candidates: &[Candidate], rules: &RuleSet) -> Vec<String> {
    if candidate.kind != EntityKind::Person {
        return Vec::new();
    }
    let Some((owner, _)) = candidate.owners.iter().max_by_key(|(_, count)| **count) else {
        return Vec::new();
    };
    match owner {
        Owner::Known(entity) => vec![rules.entities[*entity].id.clone()],
        Owner::Named(name) => {
            let Some(other) = candidates
                .iter()
                .find(|c| c.aliases.contains(name) || c.label == *name)
            else {
                return Vec::new();
            };
            if other.kind == EntityKind::Person {
                // Their side, one step only.
                match other.owners.iter().max_by_key(|(_, count)| **count) {
                    Some((Owner::Known(entity), _)) => vec![rules.entities[*entity].id.clone()],
                    Some((Owner::Named(name), _)) => candidates
                        .iter()
                        .find(|c| {
                            (c.aliases.contains(name) || c.label == *name)
                                && c.kind != EntityKind::Person
                        })
                        .map(|c| vec![c.id.clone()])
                        .unwrap_or_default(),
                    None => Vec::new(),
                }
            } else {
                vec![other.id.clone()]
            }
        }
    }
}

/// A person's office as the text gives it ("Spokesperson for the TPLF").
fn role(candidate: &Candidate, candidates: &[Candidate], rules: &RuleSet) -> Option<String> {
    if candidate.kind != EntityKind::Person {
        return None;
    }
    let (office, _) = candidate
        .offices
        .iter()
        .max_by_key(|(office, count)| (**count, office.len()))?;
    let mut role = office.clone();
    if let Some(first) = role.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let side = represents(candidate, candidates, rules);
    if let Some(side) = side.first() {
        let label = rules
            .entity(side)
            .map(|entity| entity.label.clone())
            .or_else(|| {
                candidates
                    .iter()
                    .find(|c| c.id == *side)
                    .map(|c| c.label.clone())
            });
        if let Some(label) = label {
            let _ = write!(role, " of {label}");
        }
    }
    Some(role)
}

/// The `[[entity]]` table of a candidate for the second reading.
fn table(
    candidate: &Candidate,
    candidates: &[Candidate],
    rules: &RuleSet,
    in_layer: &HashSet<&str>,
) -> String {
    let mut sides = represents(candidate, candidates, rules);
    sides.retain(|id| in_layer.contains(id.as_str()));
    let suggestion = Suggestion {
        id: candidate.id.clone(),
        kind: candidate.kind,
        label: candidate.label.clone(),
        aliases: candidate.listed.clone(),
        demonym: candidate.demonym.clone(),
        represents: sides,
        role: role(candidate, candidates, rules),
        stands_for: candidate.stands_for.clone(),
        frames: 0,
        by_predicate: Vec::new(),
        mentions: 0,
        articles: 0,
        evidence: Vec::new(),
        example: Example {
            article: String::new(),
            sentence: String::new(),
            chars: 0..0,
            relation: None,
        },
    };
    let stub = suggestion.stub();
    // Without the comment lines: the second reading needs the table only.
    stub.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(id: &str, kind: EntityKind, label: &str, aliases: &[&str]) -> Suggestion {
        Suggestion {
            id: id.to_owned(),
            kind,
            label: label.to_owned(),
            aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
            demonym: None,
            represents: Vec::new(),
            role: None,
            stands_for: None,
            frames: 2,
            by_predicate: vec![(Predicate::Accuses, 1), (Predicate::Rejects, 1)],
            mentions: 3,
            articles: 2,
            evidence: vec!["demonym"],
            example: Example {
                article: "a1".to_owned(),
                sentence: "Eritrea rejected the claim,\n said Yemane.".to_owned(),
                chars: 10..50,
                relation: Some("Eritrea rejects TPLF".to_owned()),
            },
        }
    }

    #[test]
    fn the_layer_reads_back_as_the_suggested_entities() {
        let mut eritrea = suggestion(
            "Eritrea",
            EntityKind::Country,
            "Eritrea",
            &["Eritrea", "Asmara"],
        );
        eritrea.demonym = Some("Eritrean".to_owned());
        let mut minister = suggestion(
            "YemaneGebremeskel",
            EntityKind::Person,
            "Yemane Gebremeskel",
            &["Yemane Gebremeskel", "Gebremeskel"],
        );
        minister.represents = vec!["Eritrea".to_owned()];
        minister.role = Some("Information minister of Eritrea".to_owned());
        let suggestions = Suggestions {
            proposed: vec![eritrea, minister],
            passed_over: Vec::new(),
            articles: 2,
        };
        let layer = suggestions.layer();
        let rules =
            RuleSet::from_toml("suggested.toml", &layer).unwrap_or_else(|e| panic!("{e}\n{layer}"));
        let eritrea = rules.entity("Eritrea").expect("Eritrea is in the layer");
        assert_eq!(eritrea.kind, EntityKind::Country);
        assert_eq!(eritrea.demonym.as_deref(), Some("Eritrean"));
        assert!(
            eritrea
                .aliases
                .iter()
                .any(|alias| alias == "Eritrean troops")
        );
        let minister = rules
            .entity("YemaneGebremeskel")
            .expect("the minister is in the layer");
        assert_eq!(minister.represents, ["Eritrea"]);
        assert_eq!(minister.aliases, ["Yemane Gebremeskel", "Gebremeskel"]);
        // The example is one comment line, whatever its sentence holds.
        assert!(
            layer.contains("# e.g. a1 chars 10..50: Eritrea rejected the claim, said Yemane.\n"),
            "{layer}"
        );
        assert!(
            layer.contains(
                "# 2 relations (accuses 1, rejects 1), 3 mentions in 2 articles; demonym\n"
            ),
            "{layer}"
        );
    }

    #[test]
    fn an_organ_joins_its_owner_and_a_surname_its_person() {
        let sighting = |name: &str, office: Option<&str>, owner: Option<&str>| Sighting {
            name: name.to_owned(),
            span: 0..name.len(),
            sentence: 0,
            office: office.map(str::to_owned),
            owner: owner.map(|owner| Owner::Named(owner.to_owned())),
            armed: false,
            locative: false,
            acronym: None,
            known_as: None,
            demonym: None,
            title_case: false,
        };
        let found = vec![
            (0, sighting("African Union", None, None)),
            (0, sighting("African Union Commission", None, None)),
            (
                1,
                sighting(
                    "Moussa Faki Mahamat",
                    Some("chairperson"),
                    Some("African Union Commission"),
                ),
            ),
            (1, sighting("Mahamat", None, None)),
            (1, sighting("Peace", None, None)),
        ];
        let lowercase: HashSet<String> = ["peace".to_owned()].into();
        let candidates = group(&found, &lowercase, &HashMap::new());
        let labels: Vec<&str> = candidates.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["African Union", "Moussa Faki Mahamat"]);
        assert!(candidates[0].aliases.contains("African Union Commission"));
        assert!(candidates[1].aliases.contains("Mahamat"));
        assert_eq!(candidates[1].evidence.sightings, 2);
        assert_eq!(
            candidates[1].owners.keys().collect::<Vec<_>>(),
            [&Owner::Named("African Union".to_owned())]
        );
    }

    #[test]
    fn a_capital_that_acts_joins_its_state_and_one_named_as_a_place_does_not() {
        let sighting = |name: &str, locative: bool| Sighting {
            name: name.to_owned(),
            span: 0..name.len(),
            sentence: 0,
            office: None,
            owner: None,
            armed: false,
            locative,
            acronym: None,
            known_as: None,
            demonym: None,
            title_case: false,
        };
        let found = vec![
            (0, sighting("Eritrea", false)),
            (0, sighting("Asmara", false)),
            (0, sighting("Congo", false)),
            (1, sighting("Democratic Republic of the Congo", false)),
            (1, sighting("Pretoria", true)),
            (1, sighting("South Africa", false)),
            (2, sighting("Doha", false)),
        ];
        let known: HashMap<String, String> = [("Qatar".to_owned(), "Qatar".to_owned())].into();
        let mut candidates = group(&found, &HashSet::new(), &known);
        name_them(&mut candidates, &HashSet::new());
        let labels: Vec<(&str, EntityKind)> = candidates
            .iter()
            .map(|c| (c.label.as_str(), c.kind))
            .collect();
        assert_eq!(
            labels,
            [
                ("Congo", EntityKind::Country),
                ("Doha", EntityKind::Place),
                ("Eritrea", EntityKind::Country),
                ("Pretoria", EntityKind::Place),
                ("South Africa", EntityKind::Country),
            ]
        );
        assert!(
            candidates[0]
                .aliases
                .contains("Democratic Republic of the Congo")
        );
        assert!(candidates[2].aliases.contains("Asmara"));
        // Doha acts for Qatar, which the rules know.
        assert_eq!(candidates[1].stands_for.as_deref(), Some("Qatar"));
        let mut doha = suggestion("Doha", EntityKind::Place, "Doha", &["Doha"]);
        doha.stands_for = Some("Qatar".to_owned());
        assert!(
            doha.stub()
                .contains("stands_for = [{ actor = \"Qatar\" }]\n"),
            "{}",
            doha.stub()
        );
    }
}

//! A part-of-speech tagger: greedy, left to right, an averaged perceptron
//! over the word, its affixes and shape, its neighbours and the two tags
//! before it; frequent words that the treebank always tags alike take that
//! tag from a dictionary. The model has two: one for the 17 UPOS tags of
//! Universal Dependencies, one for the treebank's Penn tags (XPOS), which
//! tell the parser more (a past participle from a past tense).

use rustc_hash::FxHashMap;

use super::perceptron::{Reader, Trainer, Weights, feature, hash_str, write_string};
use super::words::{PADDING, WordKeys, normalize};

/// The Universal Dependencies part-of-speech tags, in the model's order.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// The most classes a tagger has.
pub const MAX_TAGS: usize = 64;

/// What the dictionary knows of a word seen in training: its most frequent
/// tag, and whether the word always has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    tag: u8,
    unambiguous: bool,
}

/// Tag number used for "no tag" (before the sentence, unknown words).
const NONE: u64 = 99;

#[derive(Debug, Clone)]
pub struct Tagger {
    tags: Vec<String>,
    dictionary: FxHashMap<u64, Known>,
    weights: Weights,
}

fn features(
    words: &[WordKeys],
    known: &[Option<u8>],
    index: usize,
    previous: u64,
    before_previous: u64,
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |offset: isize| -> &WordKeys {
        let position = index as isize + offset;
        if position < 0 || position as usize >= words.len() {
            &PADDING
        } else {
            &words[position as usize]
        }
    };
    let known_tag = |offset: isize| -> u64 {
        let position = index as isize + offset;
        if position < 0 || position as usize >= words.len() {
            NONE + 1
        } else {
            known[position as usize].map_or(NONE, u64::from)
        }
    };
    let word = at(0);
    let first = u64::from(index == 0);
    out.push(feature(0, 0, 0, 0));
    out.push(feature(1, word.norm, 0, 0));
    for (template, suffix) in (2..).zip(word.suffixes) {
        out.push(feature(template, suffix, 0, 0));
    }
    for (template, prefix) in (6..).zip(word.prefixes) {
        out.push(feature(template, prefix, 0, 0));
    }
    out.push(feature(9, word.shape, first, 0));
    out.push(feature(10, previous, 0, 0));
    out.push(feature(11, before_previous, previous, 0));
    out.push(feature(12, previous, word.norm, 0));
    out.push(feature(13, at(-1).norm, 0, 0));
    out.push(feature(14, at(-1).suffixes[2], 0, 0));
    out.push(feature(15, at(-2).norm, 0, 0));
    out.push(feature(16, at(1).norm, 0, 0));
    out.push(feature(17, at(1).suffixes[2], 0, 0));
    out.push(feature(18, at(2).norm, 0, 0));
    out.push(feature(19, at(1).shape, 0, 0));
    out.push(feature(20, at(-1).shape, 0, 0));
    out.push(feature(21, word.norm, at(1).norm, 0));
    out.push(feature(22, at(-1).norm, word.norm, 0));
    out.push(feature(23, u64::from(word.flags), first, 0));
    out.push(feature(24, known_tag(0), 0, 0));
    out.push(feature(25, known_tag(1), 0, 0));
    out.push(feature(26, known_tag(1), known_tag(2), 0));
    out.push(feature(27, previous, known_tag(1), 0));
    out.push(feature(28, known_tag(-1), known_tag(0), known_tag(1)));
    out.push(feature(29, word.suffixes[2], at(1).suffixes[2], 0));
    out.push(feature(30, previous, word.suffixes[2], 0));
}

impl Tagger {
    /// The tag set, in the model's order.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The tags of a sentence's words, by number in [`Tagger::tags`].
    pub fn tag(&self, words: &[WordKeys]) -> Vec<u8> {
        self.tag_with(words, &[])
    }

    /// The number of a tag in [`Tagger::tags`].
    pub fn tag_index(&self, name: &str) -> Option<u8> {
        self.tags
            .iter()
            .position(|tag| tag == name)
            .map(|i| i as u8)
    }

    /// [`Tagger::tag`], with some words' tags given (`given[i]`, where it is
    /// `Some`): the words after them are tagged knowing them.
    pub fn tag_with(&self, words: &[WordKeys], given: &[Option<u8>]) -> Vec<u8> {
        let known: Vec<Option<u8>> = words.iter().map(|w| self.known(w)).collect();
        let mut tags = Vec::with_capacity(words.len());
        let mut features_buffer = Vec::with_capacity(32);
        let mut scores = vec![0.0f32; self.tags.len()];
        for index in 0..words.len() {
            let given = given
                .get(index)
                .copied()
                .flatten()
                .filter(|&tag| usize::from(tag) < self.tags.len());
            let tag = match (given, self.dictionary.get(&words[index].norm)) {
                (Some(tag), _) => tag,
                (None, Some(entry)) if entry.unambiguous => entry.tag,
                _ => {
                    let previous = index.checked_sub(1).map_or(NONE, |i| u64::from(tags[i]));
                    let before = index.checked_sub(2).map_or(NONE, |i| u64::from(tags[i]));
                    features(words, &known, index, previous, before, &mut features_buffer);
                    self.weights.scores(&features_buffer, &mut scores);
                    argmax(&scores) as u8
                }
            };
            tags.push(tag);
        }
        tags
    }

    fn known(&self, word: &WordKeys) -> Option<u8> {
        self.dictionary.get(&word.norm).map(|entry| entry.tag)
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.tags.len() as u32).to_le_bytes());
        for tag in &self.tags {
            write_string(out, tag);
        }
        let mut entries: Vec<(&u64, &Known)> = self.dictionary.iter().collect();
        entries.sort_unstable_by_key(|(key, _)| **key);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (key, entry) in entries {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(entry.tag | if entry.unambiguous { 0x80 } else { 0 });
        }
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader<'_>) -> Result<Tagger, String> {
        let count = input.u32()? as usize;
        if count == 0 || count > MAX_TAGS {
            return Err(format!("{count} tags; a tagger has 1 to {MAX_TAGS}"));
        }
        let tags = (0..count)
            .map(|_| input.string())
            .collect::<Result<Vec<_>, _>>()?;
        let count = input.u32()? as usize;
        let mut dictionary = FxHashMap::default();
        for _ in 0..count {
            let key = input.u64()?;
            let byte = input.u8()?;
            let tag = byte & 0x7f;
            if usize::from(tag) >= tags.len() {
                return Err(format!("tag {tag} of {}", tags.len()));
            }
            dictionary.insert(
                key,
                Known {
                    tag,
                    unambiguous: byte & 0x80 != 0,
                },
            );
        }
        let weights = Weights::read(input)?;
        if weights.classes() != tags.len() {
            return Err(format!(
                "weights for {} tags, {} named",
                weights.classes(),
                tags.len()
            ));
        }
        Ok(Tagger {
            tags,
            dictionary,
            weights,
        })
    }
}

pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (index, &score) in scores.iter().enumerate() {
        if score > scores[best] {
            best = index;
        }
    }
    best
}

/// A sentence for training: word keys and gold tags.
pub struct TaggedSentence {
    pub words: Vec<WordKeys>,
    pub tags: Vec<u8>,
}

/// Trains a tagger of the tag set `tags` (at most [`MAX_TAGS`]) on
/// `sentences` for `epochs` passes, in the order `shuffle` gives each pass.
pub fn train(
    tags: Vec<String>,
    sentences: &[TaggedSentence],
    forms: &[Vec<String>],
    epochs: usize,
    shuffle: &mut dyn FnMut(&mut [usize]),
) -> Tagger {
    debug_assert!(tags.len() <= MAX_TAGS, "at most {MAX_TAGS} tags");
    let classes = tags.len();
    let dictionary = build_dictionary(classes, sentences, forms);
    let mut trainer = Trainer::new(classes);
    let mut tagger = Tagger {
        tags,
        dictionary,
        weights: Trainer::new(classes).average(),
    };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut features_buffer = Vec::with_capacity(32);
    let mut scores = vec![0.0f32; classes];
    for _ in 0..epochs {
        shuffle(&mut order);
        for &index in &order {
            let sentence = &sentences[index];
            let known: Vec<Option<u8>> = sentence.words.iter().map(|w| tagger.known(w)).collect();
            let mut guesses: Vec<u8> = Vec::with_capacity(sentence.words.len());
            for position in 0..sentence.words.len() {
                let truth = sentence.tags[position];
                if let Some(entry) = tagger.dictionary.get(&sentence.words[position].norm)
                    && entry.unambiguous
                {
                    guesses.push(entry.tag);
                    continue;
                }
                let previous = position
                    .checked_sub(1)
                    .map_or(NONE, |i| u64::from(guesses[i]));
                let before = position
                    .checked_sub(2)
                    .map_or(NONE, |i| u64::from(guesses[i]));
                features(
                    &sentence.words,
                    &known,
                    position,
                    previous,
                    before,
                    &mut features_buffer,
                );
                trainer.scores(&features_buffer, &mut scores);
                let guess = argmax(&scores);
                trainer.update(&features_buffer, usize::from(truth), guess);
                trainer.tick();
                guesses.push(guess as u8);
            }
        }
    }
    tagger.weights = trainer.average();
    tagger
}

/// Words seen at least 20 times with one tag 97 % of the time or more are
/// unambiguous; every word seen 3 times or more keeps its most frequent tag
/// as a feature.
fn build_dictionary(
    classes: usize,
    sentences: &[TaggedSentence],
    forms: &[Vec<String>],
) -> FxHashMap<u64, Known> {
    let mut counts: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (sentence, forms) in sentences.iter().zip(forms) {
        for (form, &tag) in forms.iter().zip(&sentence.tags) {
            counts
                .entry(normalize(form))
                .or_insert_with(|| vec![0; classes])[usize::from(tag)] += 1;
        }
    }
    let mut dictionary = FxHashMap::default();
    for (norm, counts) in counts {
        let total: u32 = counts.iter().sum();
        if total < 3 {
            continue;
        }
        let (tag, &most) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(tag, count)| (*count, std::cmp::Reverse(tag)))
            .unwrap();
        let unambiguous = total >= 20 && f64::from(most) / f64::from(total) >= 0.97;
        dictionary.insert(
            hash_str(&norm),
            Known {
                tag: tag as u8,
                unambiguous,
            },
        );
    }
    dictionary
}

//! Syntax: a part-of-speech tagger and a labelled dependency parser of
//! newsgraph's own, trained on a Universal Dependencies treebank, so that
//! the relation rules read who did what to whom off a tree rather than off
//! word order. Pure: the model is bytes handed in, training reads text
//! handed in; no file I/O, no printing.
//!
//! - [`words`]: what the models see of a word (normal form, affixes, shape).
//! - [`tagger`]: UPOS tags, an averaged perceptron, greedy left to right.
//! - [`parser`]: arc-hybrid transitions searched with a beam and learnt as
//!   a global perceptron (max-violation updates); arc labels.
//! - [`perceptron`]: the averaged perceptron and its compact weights.
//! - [`conllu`]: the treebank format, read for training and written by
//!   `newsgraph parse`.
//!
//! The shipped model (`model/en_ewt.model`) is trained on the English Web
//! Treebank and is CC BY-SA 4.0 like the treebank (see `model/README.md`).

pub mod conllu;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod words;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use rustc_hash::FxHashMap;

use conllu::TreebankSentence;
use parser::{Parser, TrainingTree};
use perceptron::Reader;
use tagger::{TaggedSentence, Tagger, UPOS};
use words::WordKeys;

/// Universal Dependencies relations (v2, with the English subtypes of
/// EWT). A model's labels are mapped onto this table when it is loaded, so
/// an analysis hands out `&'static str`s.
pub const DEPRELS: [&str; 64] = [
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:poss",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
    "compound:lvc",
    "compound:svc",
    "det:poss",
    "flat:foreign",
    "flat:name",
    "nmod:tmod",
    "nmod:npmod",
    "obl:tmod",
    "obl:npmod",
    "advmod:emph",
    "expl:pv",
    "dep:unknown",
];

/// The Penn Treebank tags of the English Web Treebank's XPOS column.
pub const PENN: &[&str] = &[
    "NN", "IN", "DT", "NNP", "PRP", "JJ", "RB", ".", "VB", "NNS", ",", "CC", "VBD", "VBP", "VBZ",
    "CD", "VBN", "VBG", "MD", "TO", "PRP$", "-RRB-", "-LRB-", "WDT", ":", "WRB", "``", "''", "WP",
    "RP", "UH", "POS", "HYPH", "NNPS", "JJR", "JJS", "EX", "NFP", "RBR", "ADD", "GW", "$", "SYM",
    "PDT", "LS", "FW", "RBS", "AFX", "WP$", "XX", "_",
];

const MAGIC: &[u8] = b"newsgraph syntax model 1\n";

/// A model's bytes could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("not a newsgraph syntax model (it does not start with {:?})", String::from_utf8_lossy(MAGIC).trim_end())]
    NotAModel,
    #[error("the model is damaged at byte {offset}: {message}")]
    Damaged { offset: usize, message: String },
}

/// The tagger and the parser, loaded once and shared by every thread.
#[derive(Debug, Clone)]
pub struct Model {
    upos: Tagger,
    parser: Parser,
    /// For each of the UPOS tagger's tags, its place in [`UPOS`].
    upos_names: Vec<&'static str>,
    /// For each of the parser's labels, its place in [`DEPRELS`].
    deprels: Vec<&'static str>,
    /// For each of the parser's Penn tags, its place in [`PENN`] (empty
    /// for a parser without a Penn tagger).
    penn_names: Vec<&'static str>,
}

/// The syntax of one sentence: per word its UPOS tag, its head (1-based;
/// 0 is the root) and its relation to the head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub upos: Vec<&'static str>,
    /// The Penn tag (CoNLL-U's XPOS): it tells a past tense from a base
    /// form ("insisted the strikes hit" from "insisted that Kabul act");
    /// `_` where the model has no Penn tagger.
    pub xpos: Vec<&'static str>,
    pub heads: Vec<u32>,
    pub deprels: Vec<&'static str>,
}

impl Model {
    /// Reads a model from its (zlib-compressed) bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|_| ModelError::NotAModel)?;
        if !raw.starts_with(MAGIC) {
            return Err(ModelError::NotAModel);
        }
        let mut reader = Reader::new(&raw[MAGIC.len()..]);
        let damaged = |reader: &Reader<'_>, message: String| ModelError::Damaged {
            offset: MAGIC.len() + reader.offset(),
            message,
        };
        let upos = Tagger::read(&mut reader).map_err(|m| damaged(&reader, m))?;
        let parser = Parser::read(&mut reader).map_err(|m| damaged(&reader, m))?;
        if !reader.is_at_end() {
            return Err(damaged(&reader, "bytes after the parser".to_owned()));
        }
        let deprels = parser
            .labels()
            .iter()
            .map(|label| {
                DEPRELS
                    .iter()
                    .find(|&&known| known == label)
                    .copied()
                    .unwrap_or("dep")
            })
            .collect();
        let upos_names = upos
            .tags()
            .iter()
            .map(|tag| {
                UPOS.iter()
                    .find(|&&known| known == tag)
                    .copied()
                    .unwrap_or("X")
            })
            .collect();
        let penn_names = parser
            .penn_tags()
            .unwrap_or_default()
            .iter()
            .map(|tag| {
                PENN.iter()
                    .find(|&&known| known == tag)
                    .copied()
                    .unwrap_or("XX")
            })
            .collect();
        Ok(Model {
            upos,
            parser,
            upos_names,
            deprels,
            penn_names,
        })
    }

    /// The model's bytes, compressed; the same model gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = MAGIC.to_vec();
        self.upos.write(&mut raw);
        self.parser.write(&mut raw);
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&raw).expect("writing to memory");
        encoder.finish().expect("writing to memory")
    }

    /// Parses with a beam of `width` (1 to 256) from now on.
    pub fn set_beam_width(&mut self, width: usize) {
        self.parser.set_beam_width(width);
    }

    /// Tags and parses one sentence given as its words.
    pub fn analyse<S: AsRef<str>>(&self, forms: &[S]) -> Analysis {
        let words: Vec<WordKeys> = forms.iter().map(|f| WordKeys::of(f.as_ref())).collect();
        self.analyse_keys(&words)
    }

    /// [`Model::analyse`], with what is known of some words' class: a word
    /// the rules know only as a verb ("accuses") or only as a noun
    /// ("accusation") is not tagged otherwise, and the parse follows.
    pub fn analyse_with<S: AsRef<str>>(&self, forms: &[S], hints: &[WordHint]) -> Analysis {
        let words: Vec<WordKeys> = forms.iter().map(|f| WordKeys::of(f.as_ref())).collect();
        self.analyse_keys_with(&words, hints)
    }

    fn analyse_keys(&self, words: &[WordKeys]) -> Analysis {
        self.analyse_keys_with(words, &[])
    }

    fn analyse_keys_with(&self, words: &[WordKeys], hints: &[WordHint]) -> Analysis {
        let upos_given: Vec<Option<u8>> = hints
            .iter()
            .map(|hint| hint.upos().and_then(|name| self.upos.tag_index(name)))
            .collect();
        let penn_given: Vec<Option<&str>> = hints.iter().map(|hint| hint.penn()).collect();
        let upos = self.upos.tag_with(words, &upos_given);
        let tree = self.parser.parse_with(words, &upos, &penn_given);
        let xpos = if self.penn_names.is_empty() {
            vec!["_"; words.len()]
        } else {
            tree.penn
                .iter()
                .map(|&t| self.penn_names.get(usize::from(t)).copied().unwrap_or("XX"))
                .collect()
        };
        Analysis {
            upos: upos
                .iter()
                .map(|&t| self.upos_names[usize::from(t)])
                .collect(),
            xpos,
            heads: tree.heads,
            deprels: tree
                .labels
                .iter()
                .map(|&l| self.deprels[usize::from(l)])
                .collect(),
        }
    }
}

/// Analyses of the sentences seen lately, so that a sentence repeated across
/// articles (wire copy, boilerplate, updated versions of one story) is
/// tagged and parsed once. Threads share it; it holds at most
/// [`ParseCache::CAPACITY`] sentences and forgets them all when full, so a
/// build's memory stays flat. An analysis depends only on the sentence, so
/// the cache never changes what is found.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: Mutex<FxHashMap<String, Arc<Analysis>>>,
}

impl ParseCache {
    pub const CAPACITY: usize = 16_384;

    /// The analysis of `sentence`, whose words are `forms` with `hints`
    /// (which must depend only on the sentence, as the rules' lexicon does).
    pub fn analyse_with(
        &self,
        model: &Model,
        sentence: &str,
        forms: &[&str],
        hints: &[WordHint],
    ) -> Arc<Analysis> {
        if let Some(known) = self.lock().get(sentence) {
            return known.clone();
        }
        let analysis = Arc::new(model.analyse_with(forms, hints));
        let mut entries = self.lock();
        if entries.len() >= Self::CAPACITY {
            entries.clear();
        }
        entries.insert(sentence.to_owned(), analysis.clone());
        analysis
    }

    /// [`ParseCache::analyse_with`], building the words and hints only
    /// when the sentence is not known yet.
    pub fn get_or_analyse<'w>(
        &self,
        model: &Model,
        sentence: &str,
        words: impl FnOnce() -> (Vec<&'w str>, Vec<WordHint>),
    ) -> Arc<Analysis> {
        if let Some(known) = self.lock().get(sentence) {
            return known.clone();
        }
        let (forms, hints) = words();
        self.analyse_with(model, sentence, &forms, &hints)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<String, Arc<Analysis>>> {
        // A thread that panicked while holding the lock left whole entries.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What is known of a word's class before tagging it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordHint {
    Unknown,
    /// A verb in its third person singular ("accuses": VBZ).
    VerbThird,
    /// A verb in its -ing form ("accusing": VBG).
    VerbIng,
    /// A verb whose form does not say its Penn tag ("accused": VBD or VBN).
    Verb,
    /// A common noun ("accusation", "mediators").
    Noun,
}

impl WordHint {
    fn upos(self) -> Option<&'static str> {
        match self {
            WordHint::Unknown => None,
            WordHint::Noun => Some("NOUN"),
            _ => Some("VERB"),
        }
    }

    fn penn(self) -> Option<&'static str> {
        match self {
            WordHint::VerbThird => Some("VBZ"),
            WordHint::VerbIng => Some("VBG"),
            _ => None,
        }
    }
}

/// How a model is trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainingOptions {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// How many partial parses the parser's search keeps at each step in
    /// training.
    pub beam: usize,
    /// The beam the model parses with: narrower than in training is faster
    /// and, for this parser, as accurate (on the English Web Treebank's
    /// test set a beam of 4 scores as well as 8 in about half the time).
    pub parse_beam: usize,
    /// The parser learns from tags predicted by taggers trained on the
    /// other folds (jackknifing), as it will see them.
    pub folds: usize,
}

impl Default for TrainingOptions {
    fn default() -> Self {
        TrainingOptions {
            seed: 1,
            tagger_epochs: 5,
            parser_epochs: 15,
            beam: 8,
            parse_beam: 4,
            folds: 4,
        }
    }
}

/// A small, seeded generator (splitmix64): training shuffles with it, so
/// the same data and seed give the same model bytes.
#[derive(Debug, Clone)]
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        perceptron::mix(self.0, 0)
    }

    pub fn shuffle(&mut self, items: &mut [usize]) {
        for index in (1..items.len()).rev() {
            let other = (self.next_u64() % (index as u64 + 1)) as usize;
            items.swap(index, other);
        }
    }
}

/// The tag set of one column (UPOS or XPOS) of a treebank, sorted.
fn tag_set(
    sentences: &[TreebankSentence],
    column: fn(&TreebankSentence) -> &[String],
) -> Vec<String> {
    let mut tags: Vec<String> = sentences
        .iter()
        .flat_map(|s| column(s).iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    tags.truncate(tagger::MAX_TAGS);
    tags
}

fn index_of(names: &[String], name: &str) -> u8 {
    names.iter().position(|n| n == name).unwrap_or(0) as u8
}

fn train_tagger(
    tags: &[String],
    sentences: &[&TreebankSentence],
    column: fn(&TreebankSentence) -> &[String],
    epochs: usize,
    seed: u64,
) -> Tagger {
    let data: Vec<TaggedSentence> = sentences
        .iter()
        .map(|s| TaggedSentence {
            words: s.forms.iter().map(|f| WordKeys::of(f)).collect(),
            tags: column(s).iter().map(|t| index_of(tags, t)).collect(),
        })
        .collect();
    let forms: Vec<Vec<String>> = sentences.iter().map(|s| s.forms.clone()).collect();
    let mut random = Random::new(seed);
    tagger::train(tags.to_vec(), &data, &forms, epochs, &mut |order| {
        random.shuffle(order)
    })
}

fn upos_column(sentence: &TreebankSentence) -> &[String] {
    &sentence.upos
}

fn penn_column(sentence: &TreebankSentence) -> &[String] {
    &sentence.xpos
}

/// Trains the tagger and the parser on a treebank's sentences. The parser
/// learns from UPOS and Penn tags predicted by taggers trained on the other
/// folds (jackknifing), as it will see them; the folds train side by side
/// (each with its own fixed seed, so the order of finishing does not
/// matter), and so does the parser's own Penn tagger.
pub fn train(sentences: &[TreebankSentence], options: TrainingOptions) -> Model {
    let folds = options.folds.max(2);
    let fold_of = |index: usize| index % folds;
    let upos_tags = tag_set(sentences, upos_column);
    let penn_tags = tag_set(sentences, penn_column);
    let all: Vec<&TreebankSentence> = sentences.iter().collect();
    let (fold_taggers, penn_tagger) = thread::scope(|scope| {
        let penn_tagger = scope.spawn(|| {
            train_tagger(
                &penn_tags,
                &all,
                penn_column,
                options.tagger_epochs,
                options.seed,
            )
        });
        let handles: Vec<_> = (0..folds)
            .map(|fold| {
                let (upos_tags, penn_tags) = (&upos_tags, &penn_tags);
                scope.spawn(move || {
                    let rest: Vec<&TreebankSentence> = sentences
                        .iter()
                        .enumerate()
                        .filter(|(index, _)| fold_of(*index) != fold)
                        .map(|(_, s)| s)
                        .collect();
                    let seed = options.seed + fold as u64 + 1;
                    let epochs = options.tagger_epochs;
                    let upos = train_tagger(upos_tags, &rest, upos_column, epochs, seed);
                    let penn = train_tagger(penn_tags, &rest, penn_column, epochs, seed);
                    (upos, penn)
                })
            })
            .collect();
        let fold_taggers: Vec<(Tagger, Tagger)> = handles
            .into_iter()
            .map(|h| h.join().expect("a tagger thread"))
            .collect();
        (
            fold_taggers,
            penn_tagger.join().expect("the Penn tagger thread"),
        )
    });
    let labels: Vec<String> = tag_set(sentences, |s| &s.deprels);
    let trees: Vec<TrainingTree> = sentences
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let words: Vec<WordKeys> = s.forms.iter().map(|f| WordKeys::of(f)).collect();
            let (upos, penn) = &fold_taggers[fold_of(index)];
            TrainingTree {
                tags: upos.tag(&words),
                penn: penn.tag(&words),
                words,
                heads: s.heads.clone(),
                labels: s.deprels.iter().map(|d| index_of(&labels, d)).collect(),
            }
        })
        .collect();
    drop(fold_taggers);
    let (upos, parser) = thread::scope(|scope| {
        let tagger = scope.spawn(|| {
            train_tagger(
                &upos_tags,
                &all,
                upos_column,
                options.tagger_epochs,
                options.seed,
            )
        });
        let mut random = Random::new(options.seed ^ 0x5052_5345);
        let parser = parser::train(
            &trees,
            labels,
            penn_tagger,
            options.parser_epochs,
            options.beam,
            &mut |order| random.shuffle(order),
        );
        (tagger.join().expect("the tagger thread"), parser)
    });
    let mut parser = parser;
    parser.set_beam_width(options.parse_beam);
    let bytes = Model {
        upos,
        parser,
        upos_names: Vec::new(),
        deprels: Vec::new(),
        penn_names: Vec::new(),
    }
    .to_bytes();
    Model::from_bytes(&bytes).expect("a model just written reads back")
}

/// Accuracy of a model on a treebank, with its gold tokenisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    /// Words with the right head.
    pub unlabelled: usize,
    /// Words with the right head and relation, subtype included.
    pub labelled: usize,
    /// Words with the right head and universal relation (subtype ignored,
    /// as the CoNLL 2018 shared task's LAS).
    pub labelled_universal: usize,
}

impl Scores {
    pub fn upos_accuracy(&self) -> f64 {
        ratio(self.upos, self.words)
    }
    pub fn uas(&self) -> f64 {
        ratio(self.unlabelled, self.words)
    }
    pub fn las(&self) -> f64 {
        ratio(self.labelled, self.words)
    }
    pub fn las_universal(&self) -> f64 {
        ratio(self.labelled_universal, self.words)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Scores a model on gold sentences, every word counted (punctuation too).
pub fn evaluate(model: &Model, sentences: &[TreebankSentence]) -> Scores {
    let mut scores = Scores::default();
    for sentence in sentences {
        let analysis = model.analyse(&sentence.forms);
        scores.sentences += 1;
        for index in 0..sentence.forms.len() {
            scores.words += 1;
            scores.upos += usize::from(analysis.upos[index] == sentence.upos[index]);
            if analysis.heads[index] == sentence.heads[index] {
                scores.unlabelled += 1;
                let gold = sentence.deprels[index].as_str();
                let ours = analysis.deprels[index];
                scores.labelled += usize::from(ours == gold);
                let universal = |label: &str| label.split(':').next().unwrap_or("").to_owned();
                scores.labelled_universal += usize::from(universal(ours) == universal(gold));
            }
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few sentences annotated for the tests (not from any treebank),
    /// shared with the CLI tests.
    const TOY: &str = include_str!("../../tests/fixtures/tiny.conllu");

    fn toy() -> Vec<TreebankSentence> {
        let mut sentences = conllu::read_treebank("toy.conllu", TOY).unwrap();
        // Enough passes over a few repeated sentences for the models to fit them.
        let copies = sentences.clone();
        for _ in 0..6 {
            sentences.extend(copies.iter().cloned());
        }
        sentences
    }

    fn options() -> TrainingOptions {
        TrainingOptions {
            seed: 7,
            tagger_epochs: 4,
            parser_epochs: 4,
            folds: 2,
            ..TrainingOptions::default()
        }
    }

    #[test]
    fn training_is_reproducible() {
        let sentences = toy();
        let first = train(&sentences, options()).to_bytes();
        let second = train(&sentences, options()).to_bytes();
        assert_eq!(
            first, second,
            "the same treebank and seed give the same bytes"
        );
        let other_seed = TrainingOptions {
            seed: 8,
            ..options()
        };
        let read = Model::from_bytes(&first).unwrap();
        assert_eq!(read.to_bytes(), first, "a model reads back to its bytes");
        // Another seed is another shuffle; the bytes may differ, the model
        // must still read.
        Model::from_bytes(&train(&sentences, other_seed).to_bytes()).unwrap();
    }

    #[test]
    fn a_trained_model_fits_its_training_sentences() {
        let sentences = toy();
        let model = train(&sentences, options());
        let scores = evaluate(&model, &sentences[..3]);
        assert_eq!(scores.words, 19);
        assert_eq!(scores.upos, 19, "tags: {scores:?}");
        assert_eq!(scores.unlabelled, 19, "heads: {scores:?}");
        assert_eq!(scores.labelled, 19, "labels: {scores:?}");
        let analysis = model.analyse(&["Qatar", "mediated", "the", "talks", "."]);
        assert_eq!(analysis.heads, [2, 0, 4, 2, 2]);
        assert_eq!(analysis.deprels, ["nsubj", "root", "det", "obj", "punct"]);
        assert_eq!(analysis.upos, ["PROPN", "VERB", "DET", "NOUN", "PUNCT"]);
        // The fixture has no XPOS column, so its Penn tagger learns "_".
        assert_eq!(analysis.xpos, ["_"; 5]);
    }

    #[test]
    fn every_sentence_gets_one_root_and_a_head_per_word() {
        let model = train(&toy(), options());
        for words in [
            vec![],
            vec!["Kabul"],
            vec![",", ",", ","],
            vec![
                "unseen",
                "words",
                "everywhere",
                "here",
                "and",
                "there",
                "again",
            ],
        ] {
            let analysis = model.analyse(&words);
            assert_eq!(analysis.heads.len(), words.len());
            if !words.is_empty() {
                assert_eq!(
                    analysis.heads.iter().filter(|&&h| h == 0).count(),
                    1,
                    "{words:?}"
                );
            }
            assert!(analysis.heads.iter().all(|&h| h as usize <= words.len()));
        }
    }

    #[test]
    fn bytes_that_are_no_model_give_an_error() {
        assert!(matches!(
            Model::from_bytes(b"not a model"),
            Err(ModelError::NotAModel)
        ));
        let bytes = train(&toy(), options()).to_bytes();
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(&bytes[..])
            .read_to_end(&mut raw)
            .unwrap();
        for cut in [MAGIC.len() + 3, raw.len() / 2, raw.len() - 1] {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            encoder.write_all(&raw[..cut]).unwrap();
            let truncated = encoder.finish().unwrap();
            assert!(
                matches!(
                    Model::from_bytes(&truncated),
                    Err(ModelError::Damaged { .. })
                ),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn the_parse_cache_gives_what_the_model_gives() {
        let model = train(&toy(), options());
        let cache = ParseCache::default();
        let words = ["Pakistan", "accused", "Kabul", "."];
        let direct = model.analyse(&words);
        let first = cache.analyse_with(&model, "Pakistan accused Kabul.", &words, &[]);
        let second = cache.analyse_with(&model, "Pakistan accused Kabul.", &words, &[]);
        assert_eq!(*first, direct);
        assert!(
            Arc::ptr_eq(&first, &second),
            "a repeated sentence is parsed once"
        );
    }
}

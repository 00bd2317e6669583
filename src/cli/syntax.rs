//! `newsgraph parse` and `newsgraph syntax`: the tags and tree the rules
//! read, as CoNLL-U; training and scoring the tagger and parser.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};

use newsgraph::extract::Extractor;
use newsgraph::input;
use newsgraph::syntax;

use super::{RulesArgs, load_model, load_rules};

#[derive(Args, Debug)]
pub(super) struct ParseArgs {
    /// An article (a file, a folder, JSON Lines, gzip), or - for standard input
    #[arg(default_value = "-")]
    input: PathBuf,
    // The rules whose trigger words tell the tagger verbs from nouns, as in build.
    #[command(flatten)]
    rules: RulesArgs,
    /// Syntax model [default: the bundled model/en_ewt.model]
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub(super) enum SyntaxCommand {
    /// Train a tagger and parser on a CoNLL-U treebank (reproducible: same data and seed, same bytes)
    Train {
        /// Training treebank (CoNLL-U), e.g. en_ewt-ud-train.conllu
        treebank: PathBuf,
        /// Where to write the model
        #[arg(long, short, default_value = "model/en_ewt.model")]
        output: PathBuf,
        /// Seed of the shuffles and of the parser's exploration
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Passes over the treebank for the tagger
        #[arg(long, default_value_t = 5)]
        tagger_epochs: usize,
        /// Passes over the treebank for the parser
        #[arg(long, default_value_t = 15)]
        parser_epochs: usize,
        /// Width of the parser's beam in training
        #[arg(long, default_value_t = 8)]
        beam: usize,
        /// Width of the beam the model parses with
        #[arg(long, default_value_t = 4)]
        parse_beam: usize,
    },
    /// Score a model on a CoNLL-U treebank with its gold tokenisation: UPOS accuracy, UAS, LAS
    Eval {
        /// Test treebank (CoNLL-U), e.g. en_ewt-ud-test.conllu
        treebank: PathBuf,
        /// Syntax model [default: the bundled model/en_ewt.model]
        #[arg(long)]
        model: Option<PathBuf>,
        /// Exit 1 when UPOS accuracy, UAS or LAS (as fractions) fall below these
        #[arg(long, num_args = 3, value_names = ["UPOS", "UAS", "LAS"])]
        min: Option<Vec<f64>>,
    },
}

pub(super) fn run(command: SyntaxCommand) -> Result<()> {
    match command {
        SyntaxCommand::Train {
            treebank,
            output,
            seed,
            tagger_epochs,
            parser_epochs,
            beam,
            parse_beam,
        } => {
            let options = syntax::TrainingOptions {
                seed,
                tagger_epochs,
                parser_epochs,
                beam,
                parse_beam,
                ..syntax::TrainingOptions::default()
            };
            train(&treebank, &output, options)
        }
        SyntaxCommand::Eval {
            treebank,
            model,
            min,
        } => evaluate(&treebank, model.as_deref(), min.as_deref()),
    }
}

fn train(treebank: &Path, output: &Path, options: syntax::TrainingOptions) -> Result<()> {
    let sentences = read_treebank(treebank)?;
    let words: usize = sentences.iter().map(|s| s.forms.len()).sum();
    eprintln!(
        "training on {} sentences, {words} words of {} (seed {}, {} tagger and {} parser passes, beam {}, parsing with {})",
        sentences.len(),
        treebank.display(),
        options.seed,
        options.tagger_epochs,
        options.parser_epochs,
        options.beam,
        options.parse_beam
    );
    let started = std::time::Instant::now();
    let model = syntax::train(&sentences, options);
    let bytes = model.to_bytes();
    if let Some(folder) = output.parent().filter(|f| !f.as_os_str().is_empty()) {
        fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    }
    fs::write(output, &bytes).with_context(|| format!("writing {}", output.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0} s",
        output.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn evaluate(treebank: &Path, model: Option<&Path>, min: Option<&[f64]>) -> Result<()> {
    let model = load_model(model)?;
    let sentences = read_treebank(treebank)?;
    let started = std::time::Instant::now();
    let scores = syntax::evaluate(&model, &sentences);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}: {} sentences, {} words (gold tokenisation, punctuation counted)",
        treebank.display(),
        scores.sentences,
        scores.words
    );
    println!("UPOS accuracy  {:.4}", scores.upos_accuracy());
    println!("UAS            {:.4}", scores.uas());
    println!(
        "LAS            {:.4}  (full relations, subtypes included)",
        scores.las()
    );
    println!(
        "LAS universal  {:.4}  (subtypes ignored, as the CoNLL 2018 shared task)",
        scores.las_universal()
    );
    println!(
        "speed          {:.0} words/s ({:.1} µs per word, tagging and parsing, one thread)",
        scores.words as f64 / seconds,
        seconds * 1e6 / scores.words as f64
    );
    if let Some(min) = min {
        let reached = [scores.upos_accuracy(), scores.uas(), scores.las()];
        let names = ["UPOS accuracy", "UAS", "LAS"];
        for ((name, value), floor) in names.iter().zip(reached).zip(min) {
            if value < *floor {
                bail!("{name} {value:.4} is below the required {floor:.4}");
            }
        }
    }
    Ok(())
}

fn read_treebank(path: &Path) -> Result<Vec<syntax::conllu::TreebankSentence>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let sentences = syntax::conllu::read_treebank(&path.display().to_string(), &text)?;
    if sentences.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(sentences)
}

pub(super) fn run_parse(args: ParseArgs) -> Result<()> {
    let rules = load_rules(&args.rules, "parse")?;
    let extractor = Extractor::with_syntax(rules, Arc::new(load_model(args.model.as_deref())?));
    let sources = input::expand(std::slice::from_ref(&args.input), None)?;
    let mut out = String::new();
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    for loaded in input::ArticleReader::new(sources) {
        let loaded = loaded?;
        for warning in &loaded.warnings {
            eprintln!("warning: {warning}");
        }
        let Some(article) = loaded.article else {
            continue;
        };
        let text = article.text.as_str();
        let mut chars = newsgraph::text::CharIndex::new(text);
        for sentence in newsgraph::text::split_sentences(text) {
            let tokens = newsgraph::text::tokenize(text, sentence.span.clone());
            let Some(analysis) = extractor
                .analyse(text, &tokens)
                .filter(|_| !tokens.is_empty())
            else {
                continue;
            };
            let words: Vec<syntax::conllu::ConlluWord<'_>> = tokens
                .iter()
                .enumerate()
                .map(|(index, token)| syntax::conllu::ConlluWord {
                    form: &text[token.span.clone()],
                    upos: analysis.upos[index],
                    xpos: analysis.xpos[index],
                    head: analysis.heads[index],
                    deprel: analysis.deprels[index],
                    chars: (
                        chars.chars_at(token.span.start),
                        chars.chars_at(token.span.end),
                    ),
                    space_after: tokens
                        .get(index + 1)
                        .is_none_or(|next| next.span.start > token.span.end),
                })
                .collect();
            out.clear();
            let id = format!("{}-{}", article.id, sentence.index + 1);
            syntax::conllu::write_sentence(&mut out, &id, sentence.text(text), &words);
            // A closed pipe ends the run quietly (main.rs).
            stdout
                .write_all(out.as_bytes())
                .context("writing to standard output")?;
        }
    }
    stdout.flush().context("writing to standard output")
}

//! `newsgraph rules check`: read the rules layers together and report every
//! problem, or what they hold, what a later layer replaced and, with
//! `--verbose`, the aliases generated from demonyms. `newsgraph rules
//! suggest`: the actors a corpus names that the rules lack, as a ranked
//! list and, with `--output`, a layer of stubs.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use newsgraph::input;
use newsgraph::rules::RuleSet;
use newsgraph::suggest::{self, Suggestions};

use super::{RulesArgs, RulesFiles, load_model, load_rules, rules_sources};

#[derive(Subcommand, Debug)]
pub(super) enum RulesCommand {
    /// Check the rules layers together and report every problem with its file, line and rule id
    Check {
        /// Rules files layered on the default rules, as --rules gives them
        #[arg(conflicts_with = "rules")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        rules: RulesArgs,
        /// List the aliases generated from each entity's demonym
        #[arg(long, short)]
        verbose: bool,
    },
    /// Propose the actors a corpus names that the rules lack, ranked by the relations they would complete
    Suggest(SuggestArgs),
}

#[derive(Args, Debug)]
pub(super) struct SuggestArgs {
    /// Files or folders of articles (searched recursively for *.txt), as build reads them
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArgs,
    /// Write the proposals as a rules layer to this file (review it, then `build --rules FILE`)
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print only the first N proposals (the --output layer holds them all)
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Syntax model [default: the bundled model/en_ewt.model]
    #[arg(long)]
    model: Option<PathBuf>,
}

pub(super) fn run(command: RulesCommand) -> Result<()> {
    let (files, mut rules, verbose) = match command {
        RulesCommand::Check {
            files,
            rules,
            verbose,
        } => (files, rules, verbose),
        RulesCommand::Suggest(args) => return run_suggest(args),
    };
    rules.rules.extend(files);
    let rules = load_rules(&rules, "rules check")?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{}: ok, {}",
        rules.layers.join(" + "),
        counts(&rules, None)
    )?;
    if rules.layers.len() > 1 {
        for (layer, name) in rules.layers.iter().enumerate() {
            writeln!(out, "  layer {name}: {}", counts(&rules, Some(layer)))?;
        }
    }
    for note in &rules.notes {
        writeln!(out, "note: {note}")?;
    }
    if verbose {
        for entity in &rules.entities {
            let Some(demonym) = &entity.demonym else {
                continue;
            };
            writeln!(
                out,
                "{} ({}): demonym `{demonym}` generates {} aliases: {}",
                entity.id,
                rules.place_of(entity),
                entity.generated_aliases.len(),
                entity.generated_aliases.join(", ")
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// What the rules hold, or what one layer of them defines (and kept).
fn counts(rules: &RuleSet, layer: Option<usize>) -> String {
    let in_layer = |of: usize| layer.is_none_or(|layer| layer == of);
    let entities: Vec<_> = rules
        .entities
        .iter()
        .filter(|entity| in_layer(entity.layer))
        .collect();
    let aliases: usize = entities
        .iter()
        .map(|entity| entity.aliases.len() + entity.government_aliases.len())
        .sum();
    let generated: usize = entities
        .iter()
        .map(|entity| entity.generated_aliases.len())
        .sum();
    let patterns: usize = entities.iter().map(|entity| entity.patterns.len()).sum();
    let relations = rules
        .relations
        .iter()
        .filter(|relation| in_layer(relation.layer))
        .count();
    let generated = if generated > 0 {
        format!(", {generated} of them from demonyms")
    } else {
        String::new()
    };
    format!(
        "{} entities ({aliases} aliases{generated}, {patterns} patterns), {relations} relation rules",
        entities.len()
    )
}

fn run_suggest(args: SuggestArgs) -> Result<()> {
    let sources = rules_sources(&args.rules, "rules suggest")?;
    let model = Arc::new(load_model(args.model.as_deref())?);
    let mut articles = Vec::new();
    for loaded in input::ArticleReader::new(input::expand(&args.inputs, None)?) {
        let loaded = loaded?;
        for warning in &loaded.warnings {
            eprintln!("warning: {warning}");
        }
        articles.extend(loaded.article);
    }
    if articles.is_empty() {
        return Err(super::no_articles(&args.inputs));
    }
    let layers: Vec<String> = sources.iter().map(|source| source.name.clone()).collect();
    let suggestions = suggest::suggest(sources, &mut RulesFiles, model, &articles)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    print_suggestions(&mut out, &suggestions, &layers, args.top)?;
    if let Some(path) = &args.output {
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
        }
        fs::write(path, suggestions.layer())
            .with_context(|| format!("writing {}", path.display()))?;
        writeln!(
            out,
            "wrote {count} entities to {path}: review them, then `newsgraph rules check --rules {path}` and `newsgraph build --rules {path}`",
            count = suggestions.proposed.len(),
            path = path.display()
        )?;
    }
    // A closed pipe ends the run quietly (main.rs).
    out.flush()?;
    Ok(())
}

/// The ranked list: per proposal its rank, name, kind and id, the counts,
/// the example sentence with its article and character offsets, and the stub.
fn print_suggestions(
    out: &mut impl Write,
    suggestions: &Suggestions,
    layers: &[String],
    top: Option<usize>,
) -> Result<()> {
    let shown = top.unwrap_or(usize::MAX).min(suggestions.proposed.len());
    writeln!(
        out,
        "{} actors the rules ({}) lack, from {} articles{}",
        suggestions.proposed.len(),
        layers.join(" + "),
        suggestions.articles,
        if shown < suggestions.proposed.len() {
            format!(", the first {shown}")
        } else {
            String::new()
        }
    )?;
    for (rank, suggestion) in suggestions.proposed.iter().take(shown).enumerate() {
        writeln!(
            out,
            "\n{:>2}. {} ({}, id {}): {}",
            rank + 1,
            suggestion.label,
            suggestion.kind.name(),
            suggestion.id,
            suggestion.summary()
        )?;
        let example = &suggestion.example;
        writeln!(
            out,
            "    {} chars {}..{}: {}",
            example.article,
            example.chars.start,
            example.chars.end,
            example
                .sentence
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )?;
        if let Some(relation) = &example.relation {
            writeln!(out, "    relation: {relation}")?;
        }
        for line in suggestion
            .stub()
            .lines()
            .filter(|line| !line.starts_with('#'))
        {
            writeln!(out, "    {line}")?;
        }
    }
    if !suggestions.passed_over.is_empty() {
        let names: Vec<String> = suggestions
            .passed_over
            .iter()
            .map(|(label, kind)| format!("{label} ({})", kind.name()))
            .collect();
        writeln!(
            out,
            "\npassed over, completing no relation and introduced by no title, office or demonym: {}",
            names.join(", ")
        )?;
    }
    Ok(())
}

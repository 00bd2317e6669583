//! `newsgraph rules check`: read the rules layers together and report every
//! problem, or what they hold, what a later layer replaced and, with
//! `--verbose`, the aliases generated from demonyms.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use newsgraph::rules::RuleSet;

use super::{RulesArgs, load_rules};

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
}

pub(super) fn run(command: RulesCommand) -> Result<()> {
    let RulesCommand::Check {
        files,
        mut rules,
        verbose,
    } = command;
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

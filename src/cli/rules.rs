//! `newsgraph rules check`: read a rules file and report every problem, or
//! what it holds.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use super::{DEFAULT_RULES, load_rules};

#[derive(Subcommand, Debug)]
pub(super) enum RulesCommand {
    /// Check a rules file and report every problem with its line and rule id
    Check {
        /// The rules file [default: ontology/rules.toml]
        file: Option<PathBuf>,
    },
}

pub(super) fn run(command: RulesCommand) -> Result<()> {
    let RulesCommand::Check { file } = command;
    let path = file.unwrap_or_else(|| PathBuf::from(DEFAULT_RULES));
    let (rules, name) = load_rules(Some(&path))?;
    println!(
        "{name}: ok, {} entities ({} aliases, {} patterns), {} relation rules",
        rules.entities.len(),
        rules
            .entities
            .iter()
            .map(|e| e.aliases.len() + e.government_aliases.len())
            .sum::<usize>(),
        rules
            .entities
            .iter()
            .map(|e| e.patterns.len())
            .sum::<usize>(),
        rules.relations.len()
    );
    Ok(())
}

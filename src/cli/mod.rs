//! The command line: clap types, turning arguments into validated values
//! and calls on the library, and everything that prints. The only module
//! that uses `anyhow`.
//!
//! One file per command holds its arguments and its runner; this file holds
//! the command list, what several commands share (the store flags, rules
//! and model loading) and the value parsers that turn text into checked
//! types once ([`seconds`], [`iri`], [`http_url`], and the
//! library's `FromStr` and parsing functions for `Day`, `Predicate`,
//! `RdfFormat`, `Iris` and presets), so no runner checks a flag again. What
//! only a runner can check (a value that depends on another flag or on a
//! file name) it refuses with a [`UsageError`], which exits 2 as clap's own
//! do.

mod build;
mod destination;
mod eval;
mod events;
mod explain;
mod export;
mod generate;
mod graph;
mod load;
mod push;
mod query;
mod rules;
mod serve;
mod syntax;

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, ColorChoice, CommandFactory, Parser, Subcommand, ValueEnum};

use oxigraph::model::NamedNode;

use newsgraph::rules::{IncludeFiles, RuleSet, RulesSource};
use newsgraph::store::{Access, GraphStore};
use newsgraph::syntax::Model;

/// The rules shipped with newsgraph, the default layer when
/// `ontology/rules.toml` is not in the current folder.
const BUNDLED_RULES: &str = include_str!("../../ontology/rules.toml");
const DEFAULT_RULES: &str = "ontology/rules.toml";
const DEFAULT_STORE: &str = "newsgraph.db";

/// The tagger and parser shipped with newsgraph (trained on the English Web
/// Treebank; CC BY-SA 4.0, see model/README.md).
const BUNDLED_MODEL: &[u8] = include_bytes!("../../model/en_ewt.model");

#[derive(Parser, Debug)]
#[command(
    name = "newsgraph",
    version,
    about = "Turns news articles into a linked-data knowledge graph of who mediates, accuses, demands of and rejects whom",
    after_help = "Exit codes: 0 success, 1 failure (bad input, store or query error), 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour help, usage errors and errors: auto (standard error is a
    /// terminal and NO_COLOR is unset), always or never
    #[arg(long, global = true, value_name = "WHEN", default_value_t = ColorChoice::Auto, value_enum)]
    color: ColorChoice,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the graph of articles into a store (or an N-Quads file)
    Build(build::BuildArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a store
    Query(query::QueryArgs),
    /// Write a store, or one graph of it, in an RDF format
    Export(export::ExportArgs),
    /// Write the relation instances as event data: PLOVER JSON Lines or GDELT-style rows
    Events(events::EventsArgs),
    /// Work with rules files
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Draw the actor network as SVG (no Graphviz needed) or DOT
    Graph(graph::GraphArgs),
    /// Serve the store over the SPARQL 1.1 Protocol and the Graph Store Protocol
    Serve(serve::ServeArgs),
    /// Push every named graph to a remote store (SPARQL 1.1 Graph Store Protocol, one PUT per graph)
    Push(push::PushArgs),
    /// Load an external RDF dataset (any RDF format, gzip too) into the store
    Load(load::LoadArgs),
    /// Score a store against gold annotations (the figures of gold/score.py)
    Eval(eval::EvalArgs),
    /// Show every sentence behind an edge (`explain Pakistan accuses Taliban`) or an entity (`explain Tarar`)
    Explain(explain::ExplainArgs),
    /// Print the syntax the rules read (tags and dependency tree) as CoNLL-U
    Parse(syntax::ParseArgs),
    /// Train or evaluate the tagger and parser
    #[command(subcommand)]
    Syntax(syntax::SyntaxCommand),
    /// Print a shell completion script (`source <(newsgraph completions bash)`)
    Completions(generate::CompletionsArgs),
    /// Print the manual page of every command as roff (`newsgraph man | man -l -`)
    Man,
}

impl Cli {
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => build::run(args),
            Command::Query(args) => query::run(args),
            Command::Export(args) => export::run(args),
            Command::Events(args) => events::run(args),
            Command::Rules(command) => rules::run(command),
            Command::Graph(args) => graph::run(args),
            Command::Serve(args) => serve::run(args),
            Command::Push(args) => push::run(args),
            Command::Load(args) => load::run(args),
            Command::Eval(args) => eval::run(args),
            Command::Explain(args) => explain::run(args),
            Command::Parse(args) => syntax::run_parse(args),
            Command::Syntax(command) => syntax::run(command),
            Command::Completions(args) => generate::completions(args),
            Command::Man => generate::man(),
        }
    }

    /// The `--color` choice, as clap parsed it.
    pub fn color(&self) -> ColorChoice {
        self.color
    }
}

/// The `--color` choice of a command line, read before clap parses it so
/// that clap's own help and usage errors can honour it too (clap checks the
/// value; one it refuses counts as auto here). Stops at `--`.
pub fn color_in(arguments: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut words = arguments.iter().skip(1);
    while let Some(word) = words.next() {
        let Some(word) = word.to_str() else { continue };
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--color") {
            Some("") => words.next().and_then(|value| value.to_str()),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        if let Some(parsed) = value.and_then(|value| ColorChoice::from_str(value, false).ok()) {
            choice = parsed;
        }
    }
    choice
}

/// A value that clap could not check alone, because it depends on another
/// argument or on a file name: `main` prints it the way clap prints a usage
/// error, with the command's usage line, and exits 2.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    /// The subcommand whose usage to show ("build", "rules check").
    command: &'static str,
    kind: clap::error::ErrorKind,
    message: String,
}

impl UsageError {
    /// A bad value for `command`.
    fn value(command: &'static str, message: impl Into<String>) -> anyhow::Error {
        UsageError::of_kind(command, clap::error::ErrorKind::ValueValidation, message)
    }

    fn of_kind(
        command: &'static str,
        kind: clap::error::ErrorKind,
        message: impl Into<String>,
    ) -> anyhow::Error {
        anyhow::Error::new(UsageError {
            command,
            kind,
            message: message.into(),
        })
    }

    /// The error as clap would have raised it while parsing.
    pub fn to_clap(&self) -> clap::Error {
        let mut command = Cli::command();
        command.build();
        // "rules check": a subcommand's subcommand, word by word.
        let mut found = &mut command;
        for word in self.command.split(' ') {
            found = found
                .find_subcommand_mut(word)
                .expect("a usage error names a subcommand");
        }
        found.error(self.kind, &self.message)
    }
}

/// The store flags of the commands that read a store.
#[derive(Args, Debug)]
struct StoreArgs {
    /// Store folder
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Open the store read-only (only for a store no other process is writing)
    #[arg(long)]
    read_only: bool,
}

impl StoreArgs {
    fn open(&self) -> Result<GraphStore> {
        let access = if self.read_only {
            Access::ReadOnly
        } else {
            Access::ReadExisting
        };
        Ok(GraphStore::open(&self.store, access)?)
    }
}

/// A `--timeout`: a positive, finite number of seconds.
fn seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text.parse().map_err(|error| format!("{error}"))?;
    if seconds.is_finite() && seconds > 0.0 {
        Ok(Duration::from_secs_f64(seconds))
    } else {
        Err(format!(
            "must be a positive number of seconds, not {seconds}"
        ))
    }
}

/// A `--graph`: an absolute IRI.
fn iri(text: &str) -> Result<NamedNode, String> {
    NamedNode::new(text).map_err(|error| format!("not a valid IRI: {error}"))
}

/// An `--endpoint`: an absolute http or https IRI.
fn http_url(text: &str) -> Result<String, String> {
    let iri = iri(text)?;
    if iri.as_str().starts_with("http://") || iri.as_str().starts_with("https://") {
        Ok(iri.into_string())
    } else {
        Err("must be an http:// or https:// URL".to_owned())
    }
}

/// The rules flags of the commands that read rules.
#[derive(Args, Debug)]
struct RulesArgs {
    /// A rules file layered on the default rules (ontology/rules.toml, else
    /// the bundled copy); give it again for more layers, a later one
    /// replacing an earlier entity or relation rule of the same id
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Leave out the default rules: only the --rules layers
    #[arg(long)]
    no_default_rules: bool,
}

/// Included rules files, read from disk.
struct RulesFiles;

impl IncludeFiles for RulesFiles {
    fn read(&mut self, path: &Path) -> std::io::Result<String> {
        fs::read_to_string(path)
    }

    fn identity(&mut self, path: &Path) -> PathBuf {
        fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
    }
}

/// Reads the rules in layers: the default rules (`ontology/rules.toml` if
/// present, else the bundled copy) unless `--no-default-rules`, then each
/// `--rules` file in order. `command` names the command in a usage error.
fn load_rules(args: &RulesArgs, command: &'static str) -> Result<RuleSet> {
    Ok(RuleSet::from_layers(
        rules_sources(args, command)?,
        &mut RulesFiles,
    )?)
}

/// The rules layers as [`load_rules`] reads them, before they are read
/// together.
fn rules_sources(args: &RulesArgs, command: &'static str) -> Result<Vec<RulesSource>> {
    let mut sources = Vec::new();
    if !args.no_default_rules {
        sources.push(if Path::new(DEFAULT_RULES).is_file() {
            read_rules(Path::new(DEFAULT_RULES))?
        } else {
            RulesSource {
                name: "<bundled rules>".to_owned(),
                text: BUNDLED_RULES.to_owned(),
                path: None,
            }
        });
    }
    for path in &args.rules {
        sources.push(read_rules(path)?);
    }
    if sources.is_empty() {
        return Err(UsageError::value(
            command,
            "--no-default-rules leaves no rules: give at least one --rules FILE",
        ));
    }
    Ok(sources)
}

fn read_rules(path: &Path) -> Result<RulesSource> {
    let text =
        fs::read_to_string(path).with_context(|| format!("reading rules {}", path.display()))?;
    Ok(RulesSource {
        name: path.display().to_string(),
        text,
        path: Some(path.to_owned()),
    })
}

/// Reads a syntax model: the given file, else the bundled one.
/// The error when the inputs hold no article.
fn no_articles(inputs: &[PathBuf]) -> anyhow::Error {
    anyhow::anyhow!(
        "no articles found in {} (looked for *.txt files)",
        inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn load_model(path: Option<&Path>) -> Result<Model> {
    match path {
        Some(path) => {
            let bytes =
                fs::read(path).with_context(|| format!("reading model {}", path.display()))?;
            Model::from_bytes(&bytes).with_context(|| format!("reading model {}", path.display()))
        }
        None => Model::from_bytes(BUNDLED_MODEL).context("reading the bundled model"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_is_a_positive_finite_number_of_seconds() {
        assert_eq!(seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(seconds("60"), Ok(Duration::from_secs(60)));
        for bad in ["0", "-1", "inf", "NaN", "abc", ""] {
            assert!(seconds(bad).is_err(), "{bad} passed");
        }
    }

    #[test]
    fn an_endpoint_is_an_http_url() {
        assert!(http_url("http://127.0.0.1:8890/sparql-graph-crud").is_ok());
        assert!(http_url("https://example.org/store").is_ok());
        for bad in ["foo", "127.0.0.1:8890", "ftp://example.org/", ""] {
            assert!(http_url(bad).is_err(), "{bad} passed");
        }
    }

    #[test]
    fn the_color_choice_is_read_before_parsing() {
        let line = |words: &[&str]| -> Vec<OsString> {
            std::iter::once("newsgraph")
                .chain(words.iter().copied())
                .map(OsString::from)
                .collect()
        };
        assert_eq!(color_in(&line(&["build"])), ColorChoice::Auto);
        assert_eq!(
            color_in(&line(&["--color", "never", "build"])),
            ColorChoice::Never
        );
        assert_eq!(
            color_in(&line(&["build", "--color=always"])),
            ColorChoice::Always
        );
        assert_eq!(
            color_in(&line(&["build", "--color", "pink"])),
            ColorChoice::Auto
        );
        assert_eq!(
            color_in(&line(&["query", "--", "--color", "never"])),
            ColorChoice::Auto
        );
    }

    #[test]
    fn the_arguments_are_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

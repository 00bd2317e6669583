//! `newsgraph build`: articles to a store or an N-Quads file, with a
//! progress bar on a terminal and a summary at the end.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use newsgraph::extract::Extractor;
use newsgraph::graph::{EvidenceProfile, Iris};
use newsgraph::input;
use newsgraph::output::OutputFile;
use newsgraph::pipeline::{self, BuildSummary, Sink};
use newsgraph::rules::RuleSet;
use newsgraph::store::{Access, GraphStore};
use newsgraph::vocab;

use super::{DEFAULT_STORE, RulesArgs, UsageError, load_model, load_rules};

#[derive(Args, Debug)]
pub(super) struct BuildArgs {
    /// Files, folders (searched recursively for *.txt) or - for standard input
    #[arg(default_value = "corpus")]
    inputs: Vec<PathBuf>,
    /// Id of the text article read from standard input (-) [default: stdin]
    #[arg(long, value_name = "ID", value_parser = non_empty_id)]
    id: Option<String>,
    #[command(flatten)]
    rules: RulesArgs,
    /// Store folder, created with its parents if needed
    #[arg(long, default_value = DEFAULT_STORE, conflicts_with = "output")]
    store: PathBuf,
    /// Write N-Quads to this file (or - for standard output) instead of a store; its folders are created
    #[arg(long)]
    output: Option<PathBuf>,
    /// Base IRI for articles, entities and graphs (must end with / or #)
    #[arg(long, default_value = vocab::DEFAULT_BASE, value_parser = Iris::new)]
    base: Iris,
    /// What each relation instance keeps: full (its sentence, trigger and offsets, rule), sentence (its sentence and rule), none (no instances: the direct edges and how many sentences state each) [default: what the store's articles record, else full]
    #[arg(long, value_name = "PROFILE", value_parser = evidence_profile())]
    evidence: Option<EvidenceProfile>,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
    /// Syntax model for the tree frames [default: the bundled model/en_ewt.model]
    #[arg(long, conflicts_with = "no_syntax")]
    model: Option<PathBuf>,
    /// Read sentences with the shallow frames only (no tagging and parsing)
    #[arg(long)]
    no_syntax: bool,
}

pub(super) fn run(args: BuildArgs) -> Result<()> {
    if args.id.is_some() && !args.inputs.iter().any(|input| input.as_os_str() == "-") {
        return Err(UsageError::of_kind(
            "build",
            clap::error::ErrorKind::ArgumentConflict,
            "--id names the article read from standard input: add - to the inputs",
        ));
    }
    let rules = load_rules(&args.rules, "build")?;
    let rules_summary = describe_layers(&rules);
    let extractor = if args.no_syntax {
        Extractor::new(rules)
    } else {
        Extractor::with_syntax(rules, Arc::new(load_model(args.model.as_deref())?))
    };
    let sources = input::expand(&args.inputs, args.id.as_deref())?;
    if sources.is_empty() {
        return Err(super::no_articles(&args.inputs));
    }
    let mut reporter = Progress::new(args.quiet, input::total_bytes(&sources));
    let (summary, destination, evidence) = match &args.output {
        Some(path) => {
            let out: Box<dyn Write + Send> = if path.as_os_str() == "-" {
                Box::new(io::BufWriter::with_capacity(1 << 20, io::stdout()))
            } else {
                // Gathers writes itself: no BufWriter in front.
                Box::new(
                    OutputFile::create(path)
                        .with_context(|| format!("creating {}", path.display()))?,
                )
            };
            let evidence = args.evidence.unwrap_or_default();
            let summary = pipeline::build(
                &extractor,
                &args.base,
                evidence,
                &sources,
                Sink::NQuads(out),
                &mut reporter,
            )?;
            (summary, format!("N-Quads {}", path.display()), evidence)
        }
        None => {
            let store = GraphStore::open(&args.store, Access::ReadWrite)?;
            let evidence = EvidenceProfile::for_store(args.evidence, &store.evidence_profiles()?)
                .with_context(|| format!("building into {}", args.store.display()))?;
            let summary = pipeline::build(
                &extractor,
                &args.base,
                evidence,
                &sources,
                Sink::Store(&store),
                &mut reporter,
            )?;
            // No count of all quads here: it scans the whole store.
            (summary, format!("store {}", args.store.display()), evidence)
        }
    };
    reporter.finish();
    if !args.quiet {
        print_summary(&summary, &rules_summary, &destination, evidence);
    }
    Ok(())
}

/// The rules layers as the summary names them, and how many rules a later
/// layer replaced.
fn describe_layers(rules: &RuleSet) -> String {
    let layers = rules.layers.join(", ");
    match rules.notes.len() {
        0 => layers,
        1 => format!("{layers} (1 note: see newsgraph rules check)"),
        notes => format!("{layers} ({notes} notes: see newsgraph rules check)"),
    }
}

/// `--evidence`: one of the profiles, by name.
fn evidence_profile() -> impl TypedValueParser<Value = EvidenceProfile> {
    PossibleValuesParser::new(EvidenceProfile::ALL.map(EvidenceProfile::name)).map(|name| {
        EvidenceProfile::from_name(&name).expect("the parser accepts only profile names")
    })
}

/// An article id: any text but an empty one.
fn non_empty_id(id: &str) -> Result<String, String> {
    if id.trim().is_empty() {
        Err("an article id must not be empty".to_owned())
    } else {
        Ok(id.to_owned())
    }
}

/// Warnings on standard error, and a progress bar when standard error is a
/// terminal and `--quiet` is not given.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(quiet: bool, total_bytes: u64) -> Progress {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(total_bytes);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}")
                    .expect("the progress template is valid"),
            );
            bar
        });
        Progress { bar }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl pipeline::Reporter for Progress {
    fn warn(&mut self, diagnostic: &input::Diagnostic) {
        match &self.bar {
            Some(bar) => bar.println(format!("warning: {diagnostic}")),
            None => eprintln!("warning: {diagnostic}"),
        }
    }

    fn progress(&mut self, articles: usize, bytes_read: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes_read);
            bar.set_message(format!("{articles} articles"));
        }
    }

    /// The bar becomes a spinner with the time spent finishing: no rate and
    /// no ETA that would sit at 100 % and 0 s while the store commits.
    fn finishing(&mut self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .expect("the finishing template is valid"),
            );
            bar.set_message(format!("all articles read; {what}"));
            bar.reset_elapsed();
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }
}

fn print_summary(
    summary: &BuildSummary,
    rules: &str,
    destination: &str,
    evidence: EvidenceProfile,
) {
    let seconds = summary.elapsed.as_secs_f64();
    let megabytes = summary.bytes as f64 / 1e6;
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "newsgraph build: {destination}");
    let _ = writeln!(err, "  rules       {rules}");
    let _ = writeln!(
        err,
        "  articles    {} ({} skipped), {:.2} MB",
        summary.articles, summary.skipped, megabytes
    );
    let _ = writeln!(err, "  sentences   {}", summary.sentences);
    let _ = writeln!(err, "  mentions    {}", summary.mentions);
    let _ = writeln!(
        err,
        "  relations   asserted  not asserted (negated, hypothetical)"
    );
    for (predicate, (asserted, other)) in &summary.relations {
        let _ = writeln!(err, "    {:<10}{asserted:>8}  {other:>8}", predicate.name());
    }
    let _ = writeln!(
        err,
        "  quads       {} written (evidence {evidence})",
        summary.quads
    );
    let rate = if seconds > 0.0 {
        megabytes / seconds
    } else {
        0.0
    };
    let _ = writeln!(err, "  time        {seconds:.2} s ({rate:.1} MB/s)");
}

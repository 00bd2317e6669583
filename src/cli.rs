//! The command line: clap types, turning arguments into calls on the
//! library, and everything that prints. The only module that uses `anyhow`.

use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};

use newsgraph::extract::Extractor;
use newsgraph::graph::Iris;
use newsgraph::input;
use newsgraph::output::OutputFile;
use newsgraph::pipeline::{self, BuildSummary, Sink};
use newsgraph::rules::RuleSet;
use newsgraph::store::{Access, GraphStore};
use newsgraph::syntax::{self, Model};
use newsgraph::{export, query, vocab};

/// The rules shipped with newsgraph, used when `--rules` is not given and
/// `ontology/rules.toml` is not in the current folder.
const BUNDLED_RULES: &str = include_str!("../ontology/rules.toml");
const DEFAULT_RULES: &str = "ontology/rules.toml";
const DEFAULT_STORE: &str = "newsgraph.db";

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
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the graph of articles into a store (or an N-Quads file)
    Build(BuildArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a store
    Query(QueryArgs),
    /// Write a store, or one graph of it, in an RDF format
    Export(ExportArgs),
    /// Work with rules files
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Draw the actor network as SVG (no Graphviz needed) or DOT
    Graph(GraphArgs),
    /// Serve the store over the SPARQL 1.1 Protocol and the Graph Store Protocol
    Serve(ServeArgs),
    /// Push every named graph to a remote store (SPARQL 1.1 Graph Store Protocol, one PUT per graph)
    Push(PushArgs),
    /// Load an external RDF dataset (any RDF format, gzip too) into the store
    Load(LoadArgs),
    /// Score a store against gold annotations (the figures of gold/score.py)
    Eval(EvalArgs),
    /// Show every sentence behind an edge (`explain Pakistan accuses Taliban`) or an entity (`explain Tarar`)
    Explain(ExplainArgs),
    /// Print the syntax the rules read (tags and dependency tree) as CoNLL-U
    Parse(ParseArgs),
    /// Train or evaluate the tagger and parser
    #[command(subcommand)]
    Syntax(SyntaxCommand),
}

#[derive(Args, Debug)]
struct ParseArgs {
    /// An article (a file, a folder, JSON Lines, gzip), or - for standard input
    #[arg(default_value = "-")]
    input: PathBuf,
    /// Rules file whose trigger words tell the tagger verbs from nouns, as in
    /// build [default: ontology/rules.toml, else the bundled rules]
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Syntax model [default: the bundled model/en_ewt.model]
    #[arg(long)]
    model: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum SyntaxCommand {
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

#[derive(Args, Debug)]
struct GraphArgs {
    /// svg or dot [default: from --output's extension, else svg]
    #[arg(long)]
    format: Option<String>,
    /// Output file [default: standard output]
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Only these relations (mediates, accuses, demands, rejects); repeatable
    #[arg(long = "relation")]
    relations: Vec<String>,
    /// Only articles dated on or after this day (yyyy-mm-dd)
    #[arg(long)]
    since: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Store folder
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: std::net::SocketAddr,
    /// Accept SPARQL Update at /update and Graph Store writes at /store
    #[arg(long)]
    allow_update: bool,
    /// Cancel a query after this many seconds
    #[arg(long, default_value_t = 60.0)]
    timeout: f64,
    /// The most rows or triples one response may hold
    #[arg(long, default_value_t = 1_000_000)]
    max_results: usize,
    /// Allow requests from any origin (CORS)
    #[arg(long)]
    cors: bool,
}

#[derive(Args, Debug)]
struct PushArgs {
    /// The Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth
    #[arg(long)]
    endpoint: String,
    /// User for HTTP Digest authentication
    #[arg(long, requires = "password")]
    user: Option<String>,
    /// Password for HTTP Digest authentication
    #[arg(long, requires = "user")]
    password: Option<String>,
    /// Seconds to wait for each request
    #[arg(long, default_value_t = 120.0)]
    timeout: f64,
    /// Attempts per graph on connection errors and server errors
    #[arg(long, default_value_t = 4)]
    attempts: u32,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct LoadArgs {
    /// RDF files: .ttl, .nt, .nq, .trig, .rdf, .jsonld (optionally .gz)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Store folder, created if needed
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Put the triples in this named graph (default: the default graph)
    #[arg(long)]
    graph: Option<String>,
    /// Clear --graph before loading
    #[arg(long, requires = "graph")]
    replace: bool,
    /// The format, when the file name does not tell (name, extension or media type)
    #[arg(long)]
    format: Option<String>,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// Folder with entities.tsv, relations.tsv, roles.tsv and mentions.tsv
    gold: PathBuf,
    /// List misses and false positives
    #[arg(long, short)]
    verbose: bool,
    /// Exit 1 when the relation F1 is below this
    #[arg(long)]
    min_f1: Option<f64>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// An entity, or SOURCE RELATION TARGET
    #[arg(required = true, num_args = 1..=3)]
    terms: Vec<String>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Files, folders (searched recursively for *.txt) or - for standard input
    #[arg(default_value = "corpus")]
    inputs: Vec<PathBuf>,
    /// Rules file [default: ontology/rules.toml, else the bundled rules]
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Store folder, created if needed
    #[arg(long, default_value = DEFAULT_STORE, conflicts_with = "output")]
    store: PathBuf,
    /// Write N-Quads to this file (or - for standard output) instead of a store
    #[arg(long)]
    output: Option<PathBuf>,
    /// Base IRI for articles, entities and graphs (must end with / or #)
    #[arg(long, default_value = vocab::DEFAULT_BASE)]
    base: String,
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

#[derive(Args, Debug)]
struct StoreArgs {
    /// Store folder
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Open the store read-only (only for a store no other process is writing)
    #[arg(long)]
    read_only: bool,
}

#[derive(Args, Debug)]
struct QueryArgs {
    /// The query; read from standard input when absent and no --file or --preset
    sparql: Option<String>,
    /// Read the query from this file
    #[arg(long, short, conflicts_with_all = ["sparql", "preset"])]
    file: Option<PathBuf>,
    /// Run a built-in query (see --list-presets)
    #[arg(long, short, conflicts_with = "sparql")]
    preset: Option<String>,
    /// List the built-in queries and exit
    #[arg(long)]
    list_presets: bool,
    /// table (default), csv, tsv, json, xml; for CONSTRUCT/DESCRIBE an RDF format (turtle, ntriples, ...)
    #[arg(long, default_value = "table")]
    format: String,
    /// Cancel the query after this many seconds
    #[arg(long)]
    timeout: Option<f64>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// turtle, ntriples, nquads, trig, rdfxml, jsonld (or an extension or media type); default from --output's extension, else turtle
    #[arg(long)]
    format: Option<String>,
    /// Output file [default: standard output]
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Export only this named graph
    #[arg(long)]
    graph: Option<String>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Check a rules file and report every problem with its line and rule id
    Check {
        /// The rules file [default: ontology/rules.toml]
        file: Option<PathBuf>,
    },
}

impl Cli {
    pub fn run(self) -> Result<()> {
        match self.command {
            Command::Build(args) => build(args),
            Command::Query(args) => run_query(args),
            Command::Export(args) => run_export(args),
            Command::Rules(RulesCommand::Check { file }) => check_rules(file),
            Command::Graph(args) => run_graph(args),
            Command::Serve(args) => run_serve(args),
            Command::Push(args) => run_push(args),
            Command::Load(args) => run_load(args),
            Command::Eval(args) => run_eval(args),
            Command::Explain(args) => run_explain(args),
            Command::Parse(args) => run_parse(args),
            Command::Syntax(command) => run_syntax(command),
        }
    }
}

/// The tagger and parser shipped with newsgraph (trained on the English Web
/// Treebank; CC BY-SA 4.0, see model/README.md).
const BUNDLED_MODEL: &[u8] = include_bytes!("../model/en_ewt.model");

/// Reads a syntax model: the given file, else the bundled one.
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

fn read_treebank(path: &Path) -> Result<Vec<syntax::conllu::TreebankSentence>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let sentences = syntax::conllu::read_treebank(&path.display().to_string(), &text)?;
    if sentences.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(sentences)
}

fn run_parse(args: ParseArgs) -> Result<()> {
    let (rules, _) = load_rules(args.rules.as_deref())?;
    let extractor = Extractor::with_syntax(rules, Arc::new(load_model(args.model.as_deref())?));
    let sources = input::expand(std::slice::from_ref(&args.input))?;
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

fn run_syntax(command: SyntaxCommand) -> Result<()> {
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
            let sentences = read_treebank(&treebank)?;
            let words: usize = sentences.iter().map(|s| s.forms.len()).sum();
            eprintln!(
                "training on {} sentences, {words} words of {} (seed {seed}, {tagger_epochs} tagger and {parser_epochs} parser passes, beam {beam}, parsing with {parse_beam})",
                sentences.len(),
                treebank.display()
            );
            let started = std::time::Instant::now();
            let options = syntax::TrainingOptions {
                seed,
                tagger_epochs,
                parser_epochs,
                beam,
                parse_beam,
                ..syntax::TrainingOptions::default()
            };
            let model = syntax::train(&sentences, options);
            let bytes = model.to_bytes();
            if let Some(folder) = output.parent().filter(|f| !f.as_os_str().is_empty()) {
                fs::create_dir_all(folder)
                    .with_context(|| format!("creating {}", folder.display()))?;
            }
            fs::write(&output, &bytes).with_context(|| format!("writing {}", output.display()))?;
            eprintln!(
                "wrote {} ({:.1} MB) in {:.0} s",
                output.display(),
                bytes.len() as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        SyntaxCommand::Eval {
            treebank,
            model,
            min,
        } => {
            let model = load_model(model.as_deref())?;
            let sentences = read_treebank(&treebank)?;
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
                for ((name, value), floor) in names.iter().zip(reached).zip(&min) {
                    if value < *floor {
                        bail!("{name} {value:.4} is below the required {floor:.4}");
                    }
                }
            }
            Ok(())
        }
    }
}

/// Reads the rules: the given file, else `ontology/rules.toml` if present,
/// else the bundled copy.
fn load_rules(path: Option<&Path>) -> Result<(RuleSet, String)> {
    let (name, text) = match path {
        Some(path) => (
            path.display().to_string(),
            fs::read_to_string(path)
                .with_context(|| format!("reading rules {}", path.display()))?,
        ),
        None if Path::new(DEFAULT_RULES).is_file() => (
            DEFAULT_RULES.to_owned(),
            fs::read_to_string(DEFAULT_RULES)
                .with_context(|| format!("reading rules {DEFAULT_RULES}"))?,
        ),
        None => ("<bundled rules>".to_owned(), BUNDLED_RULES.to_owned()),
    };
    let rules = RuleSet::from_toml(&name, &text)?;
    Ok((rules, name))
}

fn check_rules(file: Option<PathBuf>) -> Result<()> {
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

fn build(args: BuildArgs) -> Result<()> {
    let (rules, rules_name) = load_rules(args.rules.as_deref())?;
    let iris = Iris::new(&args.base)?;
    let extractor = if args.no_syntax {
        Extractor::new(rules)
    } else {
        Extractor::with_syntax(rules, Arc::new(load_model(args.model.as_deref())?))
    };
    let sources = input::expand(&args.inputs)?;
    if sources.is_empty() {
        bail!(
            "no articles found in {} (looked for *.txt files)",
            args.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut reporter = Progress::new(args.quiet, input::total_bytes(&sources));
    let (summary, destination) = match &args.output {
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
            let summary = pipeline::build(
                &extractor,
                &iris,
                &sources,
                Sink::NQuads(out),
                &mut reporter,
            )?;
            (summary, format!("N-Quads {}", path.display()))
        }
        None => {
            let store = GraphStore::open(&args.store, Access::ReadWrite)?;
            let summary = pipeline::build(
                &extractor,
                &iris,
                &sources,
                Sink::Store(&store),
                &mut reporter,
            )?;
            // No count of all quads here: it scans the whole store.
            (summary, format!("store {}", args.store.display()))
        }
    };
    reporter.finish();
    let quiet = args.quiet;
    if !quiet {
        print_summary(&summary, &rules_name, &destination);
    }
    Ok(())
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
    fn warn(&mut self, message: &str) {
        match &self.bar {
            Some(bar) => bar.println(format!("warning: {message}")),
            None => eprintln!("warning: {message}"),
        }
    }

    fn progress(&mut self, articles: usize, bytes_read: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes_read);
            bar.set_message(format!("{articles} articles"));
        }
    }
}

fn print_summary(summary: &BuildSummary, rules: &str, destination: &str) {
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
    let _ = writeln!(err, "  quads       {} written", summary.quads);
    let rate = if seconds > 0.0 {
        megabytes / seconds
    } else {
        0.0
    };
    let _ = writeln!(err, "  time        {seconds:.2} s ({rate:.1} MB/s)");
}

fn open_store(args: &StoreArgs) -> Result<GraphStore> {
    let access = if args.read_only {
        Access::ReadOnly
    } else {
        Access::ReadExisting
    };
    Ok(GraphStore::open(&args.store, access)?)
}

fn run_query(args: QueryArgs) -> Result<()> {
    if args.list_presets {
        for preset in query::PRESETS {
            println!("{:<12} {}", preset.name, preset.description);
        }
        return Ok(());
    }
    let text = match (&args.sparql, &args.file, &args.preset) {
        (Some(sparql), _, _) => sparql.clone(),
        (None, Some(file), _) => {
            fs::read_to_string(file).with_context(|| format!("reading query {}", file.display()))?
        }
        (None, None, Some(name)) => query::preset(name)?.sparql.to_owned(),
        (None, None, None) => {
            if io::stdin().is_terminal() {
                bail!("give a query, --file, --preset, or pipe the query on standard input");
            }
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("reading the query from standard input")?;
            text
        }
    };
    let format = query::parse_output_format(&args.format)?;
    let timeout = match args.timeout {
        Some(seconds) if seconds.is_finite() && seconds > 0.0 => {
            Some(Duration::from_secs_f64(seconds))
        }
        Some(seconds) => bail!("--timeout must be a positive number of seconds, not {seconds}"),
        None => None,
    };
    let store = open_store(&args.store)?;
    let out = io::BufWriter::new(io::stdout().lock());
    query::run(&store, &text, format, timeout, out)?;
    Ok(())
}

fn run_export(args: ExportArgs) -> Result<()> {
    let format = export::resolve_format(args.format.as_deref(), args.output.as_deref())?;
    let store = open_store(&args.store)?;
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            let file =
                OutputFile::create(path).with_context(|| format!("creating {}", path.display()))?;
            export::export(&store, format, args.graph.as_deref(), file)?;
        }
        _ => export::export(
            &store,
            format,
            args.graph.as_deref(),
            io::BufWriter::new(io::stdout().lock()),
        )?,
    }
    Ok(())
}

fn run_eval(args: EvalArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let quads: Vec<oxigraph::model::Quad> = store
        .inner()
        .iter()
        .collect::<Result<_, _>>()
        .context("reading the store")?;
    let score = newsgraph::eval::score(&args.gold, &quads)?;
    print!("{}", score.report(args.verbose));
    if let Some(minimum) = args.min_f1 {
        if score.relation_f1() < minimum {
            bail!(
                "relation F1 {:.3} is below --min-f1 {minimum}",
                score.relation_f1()
            );
        }
    }
    Ok(())
}

fn run_explain(args: ExplainArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let (title, rows) = match args.terms.as_slice() {
        [name] => (
            format!("{name}: every relation instance it takes part in"),
            newsgraph::explain::entity(&store, name)?,
        ),
        [source, relation, target] => (
            format!("{source} {relation} {target}"),
            newsgraph::explain::edge(&store, source, relation, target)?,
        ),
        _ => bail!(
            "give an entity, or SOURCE RELATION TARGET (e.g. `explain Pakistan accuses Taliban`)"
        ),
    };
    let articles: std::collections::BTreeSet<&str> =
        rows.iter().map(|row| row.article.as_str()).collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{title}: {} instance(s) in {} article(s)",
        rows.len(),
        articles.len()
    )?;
    for row in &rows {
        writeln!(
            out,
            "\n{} {} {}  [{}]\n  {} chars {}..{}, trigger \"{}\", rule {}\n  {}",
            row.source,
            row.predicate,
            row.target,
            row.modality,
            row.article,
            row.begin,
            row.end,
            row.trigger,
            row.rule,
            row.sentence
        )?;
    }
    out.flush()?;
    Ok(())
}

fn run_load(args: LoadArgs) -> Result<()> {
    let graph = match &args.graph {
        Some(iri) => Some(
            oxigraph::model::NamedNode::new(iri.as_str())
                .with_context(|| format!("--graph `{iri}` is not a valid IRI"))?,
        ),
        None => None,
    };
    let store = GraphStore::open(&args.store, Access::ReadWrite)?;
    if let (Some(graph), true) = (&graph, args.replace) {
        store.replace_graph(graph.as_ref(), &[])?;
    }
    let before = store.len()?;
    for file in &args.files {
        let name = file.display().to_string();
        let gzip = name.ends_with(".gz");
        let inner = name.trim_end_matches(".gz");
        let format = match &args.format {
            Some(format) => export::parse_format(format)?,
            None => {
                let extension = Path::new(inner)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("");
                oxigraph::io::RdfFormat::from_extension(extension).with_context(|| {
                    format!("cannot tell the RDF format of {name}: give --format")
                })?
            }
        };
        let handle = fs::File::open(file).with_context(|| format!("opening {name}"))?;
        let reader: Box<dyn Read> = if gzip {
            Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(
                handle,
            )))
        } else {
            Box::new(io::BufReader::new(handle))
        };
        let show = io::stderr().is_terminal();
        let label = name.clone();
        store.load_rdf(&name, reader, format, graph.as_ref(), move |quads| {
            if show {
                eprint!("\r{label}: {quads} quads loaded");
            }
        })?;
        if show {
            eprintln!();
        }
    }
    let after = store.len()?;
    eprintln!(
        "loaded {} file(s) into {}: {} new quads ({after} in all)",
        args.files.len(),
        args.store.display(),
        after.saturating_sub(before)
    );
    Ok(())
}

fn run_serve(args: ServeArgs) -> Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        );
    }
    let access = if args.allow_update {
        Access::ReadWrite
    } else {
        Access::ReadExisting
    };
    let store = std::sync::Arc::new(GraphStore::open(&args.store, access)?);
    let options = newsgraph::serve::ServeOptions {
        bind: args.bind,
        allow_update: args.allow_update,
        timeout: Duration::from_secs_f64(args.timeout),
        max_results: args.max_results,
        cors: args.cors,
        max_connections: 128,
    };
    let server = newsgraph::serve::serve(std::sync::Arc::clone(&store), options)?;
    // SIGTERM or Ctrl-C: flush what updates wrote, then leave with success.
    let flushing = std::sync::Arc::clone(&store);
    ctrlc::set_handler(move || {
        let code = match flushing.flush() {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("error: {error:#}");
                1
            }
        };
        eprintln!("newsgraph serve: stopped");
        std::process::exit(code);
    })
    .context("installing the SIGTERM/Ctrl-C handler")?;
    eprintln!(
        "newsgraph serve: http://{}/query (SPARQL), /store (Graph Store){}; store {}",
        args.bind,
        if args.allow_update { ", /update" } else { "" },
        args.store.display()
    );
    server.join().context("the server stopped")?;
    Ok(())
}

fn run_push(args: PushArgs) -> Result<()> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        );
    }
    let store = open_store(&args.store)?;
    let options = newsgraph::push::PushOptions {
        endpoint: args.endpoint.clone(),
        credentials: args.user.zip(args.password),
        timeout: Duration::from_secs_f64(args.timeout),
        attempts: args.attempts.max(1),
    };
    let show = io::stderr().is_terminal();
    let summary = newsgraph::push::push(&store, &options, |done, total, graph| {
        if show {
            eprint!("\rpushed {done}/{total} graphs ({graph})\x1b[K");
        }
    })?;
    if show {
        eprintln!();
    }
    eprintln!(
        "pushed {} graphs, {} triples, {:.1} MB to {} in {:.2} s ({} retries)",
        summary.graphs,
        summary.triples,
        summary.bytes as f64 / 1e6,
        args.endpoint,
        summary.elapsed.as_secs_f64(),
        summary.retries
    );
    Ok(())
}

fn run_graph(args: GraphArgs) -> Result<()> {
    let mut relations = Vec::new();
    for name in &args.relations {
        relations.push(newsgraph::rules::Predicate::parse(name).with_context(|| {
            format!("unknown relation `{name}` (expected mediates, accuses, demands or rejects)")
        })?);
    }
    if let Some(since) = &args.since {
        let valid = since.len() == 10
            && since.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !valid {
            bail!("--since must be a date yyyy-mm-dd, not `{since}`");
        }
    }
    let format = match (&args.format, &args.output) {
        (Some(format), _) => format.to_ascii_lowercase(),
        (None, Some(path)) => path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("svg")
            .to_ascii_lowercase(),
        (None, None) => "svg".to_owned(),
    };
    let store = open_store(&args.store)?;
    let network = newsgraph::network::from_store(&store, &relations, args.since.as_deref())?;
    let text = match format.as_str() {
        "svg" => newsgraph::network::to_svg(&network),
        "dot" | "gv" => newsgraph::network::to_dot(&network),
        other => bail!("unknown graph format `{other}` (expected svg or dot)"),
    };
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        _ => io::stdout().write_all(text.as_bytes())?,
    }
    Ok(())
}

//! The build: articles in, graphs out, to a store or to an N-Quads stream.
//!
//! This module owns the order of work and the replace semantics: the
//! ontology and entities graphs are replaced first, then each article's
//! graph in its own transaction, so a build that stops half-way leaves
//! whole articles only, and re-running it converges on the same graph. It
//! reads inputs through [`crate::input`] and hands what reading said
//! (each a [`Diagnostic`]) to a [`Reporter`]; it never prints.

use std::collections::BTreeMap;
use std::io::{IoSlice, Write};
use std::time::{Duration, Instant};

use oxigraph::model::{NamedNode, NamedNodeRef, Quad, QuadRef};
use oxigraph::store::BulkLoader;
use rayon::prelude::*;

use crate::extract::{Extraction, Extractor, Modality};
use crate::graph::{self, EvidenceProfile, GraphWriter, Iris};
use crate::input::{ArticleReader, Diagnostic, InputError, Source};
use crate::rules::Predicate;
use crate::store::{GraphStore, StoreError, SummaryBuilder};
use crate::text::Article;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("writing N-Quads")]
    Write(#[source] std::io::Error),
    #[error("the bundled ontology does not parse")]
    Ontology(#[source] oxigraph::io::RdfSyntaxError),
}

/// Where the graphs go.
pub enum Sink<'a> {
    Store(&'a GraphStore),
    NQuads(Box<dyn Write + Send + 'a>),
}

/// Counts for the one-screen summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub articles: usize,
    pub skipped: usize,
    pub bytes: usize,
    pub sentences: usize,
    pub mentions: usize,
    /// Per predicate: (asserted instances, negated or hypothetical instances).
    pub relations: BTreeMap<Predicate, (usize, usize)>,
    pub quads: usize,
    pub elapsed: Duration,
}

/// The ontology as quads in its own graph ([`graph::ontology_quads`]).
pub fn ontology_quads(iris: &Iris) -> Result<Vec<Quad>, BuildError> {
    graph::ontology_quads(iris).map_err(BuildError::Ontology)
}

/// Receives diagnostics and progress while a build runs.
pub trait Reporter {
    /// Something reading an input said: an article skipped or decoded with
    /// a repair, a field dropped. Called in input order.
    fn warn(&mut self, diagnostic: &Diagnostic);
    /// Called after each batch: articles built so far, bytes read from disk so far.
    fn progress(&mut self, _articles: usize, _bytes_read: u64) {}
    /// Called once, when every article is extracted and only writing is
    /// left (for a new store, the bulk loader's sort and commit, which can
    /// take as long as the extraction): what is being finished.
    fn finishing(&mut self, _what: &str) {}
}

/// Articles extracted per parallel batch: large enough to keep every core
/// busy, small enough that memory stays flat whatever the corpus size.
const BATCH_ARTICLES: usize = 128;
const BATCH_BYTES: usize = 4 << 20;

/// One article's graph, ready to write.
struct Built {
    graph: NamedNode,
    quads: Vec<Quad>,
    /// The quads as N-Quads, when writing a stream.
    serialized: Vec<u8>,
    counts: BuildSummary,
}

fn build_one(
    extractor: &Extractor,
    writer: &GraphWriter,
    article: &Article,
    serialize: bool,
) -> Built {
    let extraction = extractor.extract(article);
    let mut counts = BuildSummary::counts(article, &extraction);
    let graph = writer.article(article, &extraction);
    let quads = graph.quads();
    counts.quads = quads.len();
    // A stream needs only the bytes; a store only the quads.
    let (quads, serialized) = if serialize {
        (Vec::new(), to_nquads(&quads))
    } else {
        (
            quads.into_iter().map(QuadRef::into_owned).collect(),
            Vec::new(),
        )
    };
    Built {
        graph: graph.name().clone(),
        quads,
        serialized,
        counts,
    }
}

fn to_nquads(quads: &[QuadRef<'_>]) -> Vec<u8> {
    // An N-Quads line of an article graph averages about 210 bytes.
    let mut out = Vec::with_capacity(quads.len() * 256);
    crate::nquads::write_quads(&mut out, quads.iter().copied());
    out
}

impl BuildSummary {
    /// The counts of one extracted article (quads are added by the caller).
    fn counts(article: &Article, extraction: &Extraction) -> BuildSummary {
        let mut summary = BuildSummary {
            articles: 1,
            bytes: article.text.len(),
            sentences: extraction.sentences.len(),
            mentions: extraction.mentions.len(),
            ..BuildSummary::default()
        };
        for relation in &extraction.relations {
            let counts = summary.relations.entry(relation.predicate).or_default();
            if relation.modality == Modality::Asserted {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
        summary
    }

    fn add(&mut self, other: &BuildSummary) {
        self.articles += other.articles;
        self.skipped += other.skipped;
        self.bytes += other.bytes;
        self.sentences += other.sentences;
        self.mentions += other.mentions;
        self.quads += other.quads;
        for (predicate, (asserted, other)) in &other.relations {
            let counts = self.relations.entry(*predicate).or_default();
            counts.0 += asserted;
            counts.1 += other;
        }
    }
}

/// Where graphs go, opened for one build.
enum Output<'a> {
    /// A new, empty store: everything through Oxigraph's bulk loader, which
    /// commits once at the end (all or nothing). Each graph comes once: the
    /// reader refuses an article id that comes again in the same build.
    Bulk {
        store: &'a GraphStore,
        /// The summary graph's name and what it will hold, loaded with the
        /// last chunk and committed with the articles.
        summary: (NamedNode, Box<SummaryBuilder>),
        loader: Box<BulkLoader<'a>>,
        /// Quads waiting for the loader, handed over in large chunks.
        pending: Vec<Quad>,
    },
    /// A store with data: one transaction per batch, each article's graph
    /// cleared and written again (all or nothing per batch), with the
    /// summary of the edges it touches.
    Replace {
        store: &'a GraphStore,
        /// The summary graph to write whole at the end: the store had none.
        summary: Option<NamedNode>,
    },
    Stream(Box<dyn Write + Send + 'a>),
}

impl<'a> Output<'a> {
    /// A new store is bulk-loaded, a store with data written graph by
    /// graph, a stream written as N-Quads.
    fn open(sink: Sink<'a>, summary: NamedNode) -> Result<Output<'a>, BuildError> {
        Ok(match sink {
            Sink::Store(store) if store.is_empty()? => Output::Bulk {
                store,
                summary: (summary, Box::default()),
                loader: Box::new(
                    store
                        .bulk_loader()
                        .with_num_threads(LOADER_THREADS)
                        .with_max_memory_size_in_megabytes(BULK_CHUNK * LOADER_THREADS / 1000),
                ),
                pending: Vec::new(),
            },
            Sink::Store(store) => Output::Replace {
                store,
                summary: (!store.has_summary()?).then_some(summary),
            },
            Sink::NQuads(out) => Output::Stream(out),
        })
    }
}

impl Output<'_> {
    /// What is left to do once every article is extracted.
    fn finishing(&self) -> &'static str {
        match self {
            Output::Bulk { .. } => "loading the store (sorting and committing)",
            Output::Replace { .. } => "writing the last graphs to the store",
            Output::Stream(_) => "writing the last N-Quads",
        }
    }

    fn write(&mut self, graphs: Vec<Built>) -> Result<(), BuildError> {
        match self {
            Output::Bulk {
                store,
                loader,
                pending,
                summary: (_, summary),
            } => {
                for built in graphs {
                    summary.add(built.graph.as_ref(), &built.quads);
                    pending.extend(built.quads);
                }
                if pending.len() >= BULK_CHUNK {
                    load_chunk(store, loader, std::mem::take(pending))?;
                }
            }
            Output::Replace { store, .. } => {
                let batch: Vec<(NamedNodeRef<'_>, &[Quad])> = graphs
                    .iter()
                    .map(|built| (built.graph.as_ref(), built.quads.as_slice()))
                    .collect();
                store.replace_graphs(&batch)?;
            }
            Output::Stream(out) => {
                let mut slices: Vec<IoSlice<'_>> = graphs
                    .iter()
                    .map(|built| IoSlice::new(&built.serialized))
                    .collect();
                write_all_vectored(out, &mut slices).map_err(BuildError::Write)?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<(), BuildError> {
        match self {
            Output::Bulk {
                store,
                summary,
                mut loader,
                pending,
            } => {
                // The summary goes in with the last chunk: one commit makes
                // the articles and their summary visible together, so a
                // build killed at any moment leaves both or neither.
                let mut last = pending;
                last.extend(summary.1.quads(summary.0.as_ref()));
                load_chunk(store, &mut loader, last)?;
                (*loader)
                    .commit()
                    .map_err(|source| store.storage_error(source))?;
                store.flush()?;
            }
            Output::Replace { store, summary } => {
                if let Some(summary) = summary {
                    store.rebuild_summary(Some(summary.as_ref()))?;
                }
                store.flush()?;
            }
            Output::Stream(mut out) => out.flush().map_err(BuildError::Write)?,
        }
        Ok(())
    }
}

/// Quads handed to the bulk loader at a time. Each chunk becomes one set of
/// sorted files built on a loader thread. On two cores, chunks of 10,000 to
/// 50,000 quads built 10,000 articles equally fast (larger ones were
/// slower); memory grows with the chunk, and at 100,000 articles RocksDB's
/// own share is large, so the chunk stays small.
const BULK_CHUNK: usize = 25_000;
/// Oxigraph sizes its chunks as memory / threads; this makes them BULK_CHUNK.
const LOADER_THREADS: usize = 2;

fn load_chunk(
    store: &GraphStore,
    loader: &mut BulkLoader<'_>,
    quads: Vec<Quad>,
) -> Result<(), BuildError> {
    loader
        .load_quads(quads)
        .map_err(|source| store.storage_error(source).into())
}

/// Writes every slice, as `Write::write_all_vectored` (not yet stable)
/// does: a batch's articles reach the output in one call (to standard
/// output, one `writev`, which `BufWriter` passes through unbuffered; an
/// [`crate::output::OutputFile`] takes them all into its stage).
fn write_all_vectored(out: &mut dyn Write, mut slices: &mut [IoSlice<'_>]) -> std::io::Result<()> {
    // Drops empty slices at the front: a batch with nothing to write.
    IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(written) => IoSlice::advance_slices(&mut slices, written),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Articles read for one parallel batch, with what reading them said.
struct ReadBatch {
    /// Empty only at the end of the input.
    articles: Vec<Article>,
    warnings: Vec<Diagnostic>,
    skipped: usize,
}

fn read_batch(reader: &mut ArticleReader) -> Result<ReadBatch, BuildError> {
    let mut batch = ReadBatch {
        articles: Vec::with_capacity(BATCH_ARTICLES),
        warnings: Vec::new(),
        skipped: 0,
    };
    let mut batch_bytes = 0;
    while batch.articles.len() < BATCH_ARTICLES && batch_bytes < BATCH_BYTES {
        let Some(loaded) = reader.next() else { break };
        let loaded = loaded?;
        batch.warnings.extend(loaded.warnings);
        match loaded.article {
            Some(article) => {
                batch_bytes += article.text.len();
                batch.articles.push(article);
            }
            None => batch.skipped += 1,
        }
    }
    Ok(batch)
}

/// Builds the graph of `sources` into `sink`: the ontology and entities
/// graphs first, then the articles, read as a stream and extracted in
/// parallel batches, written in input order (so output is deterministic),
/// each with the evidence `evidence` keeps.
pub fn build(
    extractor: &Extractor,
    iris: &Iris,
    evidence: EvidenceProfile,
    sources: &[Source],
    sink: Sink,
    reporter: &mut dyn Reporter,
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut summary = BuildSummary::default();
    let serialize = matches!(sink, Sink::NQuads(_));
    let mut output = Output::open(sink, iris.summary_graph())?;
    let fixed = fixed_graphs(extractor, iris, serialize)?;
    for built in &fixed {
        summary.add(&built.counts);
    }
    output.write(fixed)?;
    let graphs = GraphWriter::new(iris, extractor.rules()).with_evidence(evidence);
    extract_and_write(
        extractor,
        &graphs,
        sources,
        output,
        serialize,
        &mut summary,
        reporter,
    )?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The ontology and entities graphs, which every build writes first.
fn fixed_graphs(
    extractor: &Extractor,
    iris: &Iris,
    serialize: bool,
) -> Result<Vec<Built>, BuildError> {
    let ontology = ontology_quads(iris)?;
    let entities = graph::entity_quads(iris, extractor.rules());
    let fixed = [
        (iris.ontology_graph(), ontology),
        (iris.entities_graph(), entities),
    ]
    .into_iter()
    .map(|(graph, quads)| {
        let serialized = if serialize {
            to_nquads(&quads.iter().map(Quad::as_ref).collect::<Vec<_>>())
        } else {
            Vec::new()
        };
        let counts = BuildSummary {
            quads: quads.len(),
            ..BuildSummary::default()
        };
        Built {
            graph,
            quads,
            serialized,
            counts,
        }
    })
    .collect();
    Ok(fixed)
}

/// The articles of `sources`, read, extracted and written by three
/// overlapping stages; their counts are added to `summary`.
fn extract_and_write(
    extractor: &Extractor,
    graphs: &GraphWriter,
    sources: &[Source],
    output: Output<'_>,
    serialize: bool,
    summary: &mut BuildSummary,
    reporter: &mut dyn Reporter,
) -> Result<(), BuildError> {
    let mut reader = ArticleReader::new(sources.to_vec());
    let bytes_read = reader.bytes_read();
    let finishing = output.finishing();
    std::thread::scope(|scope| -> Result<(), BuildError> {
        // Three stages overlap: a reader thread reads and decodes the next
        // batch, this thread extracts the current one on every core, and a
        // writer thread writes the one before. Bounded channels keep at most
        // a couple of batches in flight, so memory stays flat.
        let (batch_sender, batches) =
            std::sync::mpsc::sync_channel::<Result<ReadBatch, BuildError>>(1);
        scope.spawn(move || read_batches(&mut reader, &batch_sender));
        // Up to four written batches wait (about 30 MB of N-Quads), enough to
        // ride out the writer's waits on the disk (direct I/O blocks while the
        // disk writes each 8 MB).
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Built>>(4);
        let writer = scope.spawn(move || write_batches(output, receiver));
        let produced = (|| -> Result<(), BuildError> {
            // Owned here, so the reader stops as soon as this returns.
            let batches = batches;
            for batch in batches {
                let batch = batch?;
                for warning in &batch.warnings {
                    reporter.warn(warning);
                }
                summary.skipped += batch.skipped;
                if batch.articles.is_empty() {
                    return Ok(());
                }
                let built: Vec<Built> = batch
                    .articles
                    .par_iter()
                    .map(|article| build_one(extractor, graphs, article, serialize))
                    .collect();
                for one in &built {
                    summary.add(&one.counts);
                }
                if sender.send(built).is_err() {
                    return Ok(()); // the writer stopped on an error, which join reports
                }
                reporter.progress(
                    summary.articles,
                    bytes_read.load(std::sync::atomic::Ordering::Relaxed),
                );
            }
            Ok(())
        })();
        drop(sender);
        if produced.is_ok() {
            reporter.finishing(finishing);
        }
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        produced.and(written)
    })
}

/// The reader stage: batches until the input ends (an empty batch, sent
/// last), an error, or the extraction stops listening.
fn read_batches(
    reader: &mut ArticleReader,
    batches: &std::sync::mpsc::SyncSender<Result<ReadBatch, BuildError>>,
) {
    loop {
        let batch = read_batch(reader);
        let last = batch
            .as_ref()
            .map_or(true, |batch| batch.articles.is_empty());
        if batches.send(batch).is_err() || last {
            return;
        }
    }
}

/// The writer stage: every extracted batch in order, then the output's end.
fn write_batches(
    mut output: Output<'_>,
    batches: std::sync::mpsc::Receiver<Vec<Built>>,
) -> Result<(), BuildError> {
    for graphs in batches {
        output.write(graphs)?;
    }
    output.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a build told its reporter, in order.
    #[derive(Default)]
    struct Recorder(Vec<String>);

    impl Reporter for Recorder {
        fn warn(&mut self, diagnostic: &Diagnostic) {
            self.0.push(format!("warn {diagnostic}"));
        }
        fn progress(&mut self, articles: usize, _bytes_read: u64) {
            self.0.push(format!("progress {articles}"));
        }
        fn finishing(&mut self, what: &str) {
            self.0.push(format!("finishing {what}"));
        }
    }

    #[test]
    fn the_finishing_phase_comes_once_after_the_last_article() {
        let rules =
            crate::rules::RuleSet::from_toml("rules.toml", include_str!("../ontology/rules.toml"))
                .unwrap();
        let extractor = Extractor::new(rules);
        let corpus = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
        let sources = crate::input::expand(&[corpus], None).unwrap();
        let mut recorder = Recorder::default();
        let mut out = Vec::new();
        let summary = build(
            &extractor,
            &Iris::default(),
            EvidenceProfile::Full,
            &sources,
            Sink::NQuads(Box::new(&mut out)),
            &mut recorder,
        )
        .unwrap();
        let events = recorder.0;
        assert_eq!(
            events.last().map(String::as_str),
            Some("finishing writing the last N-Quads"),
            "{events:?}"
        );
        assert_eq!(
            events.iter().filter(|e| e.starts_with("finishing")).count(),
            1,
            "{events:?}"
        );
        assert!(
            events.contains(&format!("progress {}", summary.articles)),
            "{events:?}"
        );
        assert!(!out.is_empty());
    }
}

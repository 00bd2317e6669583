//! The embedded store: a thin wrapper over `oxigraph::store::Store` that
//! replaces one named graph at a time, atomically, and turns RocksDB's
//! errors into ones a user can act on.
//!
//! It knows graphs and quads, not articles or rules (but for the summary
//! graph, and the evidence profiles the article nodes record). It is the only module
//! that touches `oxigraph::store::Store`: the others read quads, run
//! prepared SPARQL and write graphs through the methods here, so every
//! storage error names the store's folder and every write is one
//! transaction ([`GraphStore::transaction`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::{fs, io};

use oxigraph::io::RdfFormat;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{
    PreparedSparqlQuery, PreparedSparqlUpdate, QueryEvaluationError, QueryResults,
    UpdateEvaluationError,
};
use oxigraph::store::{BulkLoader, StorageError, Store, Transaction};

use crate::graph::EvidenceProfile;
use crate::vocab::{self, NG};

mod servers;
mod summary;

pub use servers::{HandedOver, Handover, Server, ServerMark};
pub use summary::SummaryBuilder;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error(
        "store {path} is in use by another newsgraph process (or another program holding its RocksDB lock); wait for it to finish: Oxigraph has no safe read-only access to a store another process is writing"
    )]
    InUse { path: PathBuf },
    /// A `newsgraph serve --allow-update` holds the store for writing.
    #[error(
        "store {path} is open for writing by newsgraph serve --allow-update (process {pid}); query it through its endpoint {url}/query, or stop it first"
    )]
    ServedForWriting {
        path: PathBuf,
        pid: u32,
        url: String,
    },
    /// Read-only servers did not let go of the store for a writer in time.
    #[error(
        "store {path} is served by newsgraph serve (process {pid}, {url}), which did not let go of it within {seconds} s (a long query?); try again, or stop the server"
    )]
    NotReleased {
        path: PathBuf,
        pid: u32,
        url: String,
        seconds: u64,
    },
    #[error("no store at {path}: build one first with `newsgraph build --store {path}`")]
    Missing { path: PathBuf },
    #[error(
        "{path} holds other files and no Oxigraph store: give --store a new or empty folder, or an existing store (newsgraph does not write its RocksDB files among yours)"
    )]
    NotAStore { path: PathBuf },
    #[error("{path} is a file, not a store folder")]
    NotAFolder { path: PathBuf },
    #[error("creating the store folder {path}")]
    Create {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The disk filled while RocksDB wrote: named once, with the way out.
    #[error(
        "store {path}: No space left on device (while writing {file}); free space and run the same command again: what was committed before stays whole (a new store is loaded all or nothing, an existing one one transaction per batch of articles)"
    )]
    DiskFull { path: PathBuf, file: String },
    #[error("store {path}")]
    Storage {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    #[error("{source_name}: nothing from it was stored")]
    Load {
        source_name: String,
        #[source]
        source: oxigraph::store::LoaderError,
    },
}

/// How to open a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create the store if needed and write to it.
    ReadWrite,
    /// Read an existing store; fails if it does not exist.
    ReadExisting,
    /// Read-only RocksDB access: works while another process holds the lock,
    /// but sees the store as of opening.
    ReadOnly,
    /// What a read-only server opens: an existing store that no process is
    /// writing (checked), read-only, so that other readers can open it too.
    Shared,
}

impl std::fmt::Debug for GraphStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphStore")
            .field("path", &self.path)
            .finish()
    }
}

pub struct GraphStore {
    // Dropped first: RocksDB is closed before the writer's file goes.
    store: Store,
    path: PathBuf,
    /// Beside read-only servers: this process's file (writer or reader)
    /// while the store is open; see `servers`.
    _mark: Option<servers::ProcessMark>,
    /// The store folder's marker of a summary that may disagree with the
    /// article graphs (none in memory); see [`SUMMARY_STALE`].
    stale_marker: Option<PathBuf>,
    /// Held by each write for its whole transaction. Oxigraph's
    /// transactions read a snapshot and commit a batch with no check for
    /// conflicts, so two writes that read and rewrite the same summary
    /// node at once (two Graph Store PUTs on the server's threads) would
    /// lose one's counts; in turn, they cannot.
    writing: Mutex<()>,
}

/// A file `load` leaves in the store folder from before its bulk load (which
/// RocksDB commits outside any transaction) until the summary graph is
/// written anew from the loaded graphs. A process killed in between leaves
/// it; the next process that opens the store for writing rebuilds the
/// summary and removes it.
pub const SUMMARY_STALE: &str = "newsgraph-summary-stale";

impl GraphStore {
    /// Opens the store at `path`. Beside a running `newsgraph serve` (its
    /// [`Server`] file in the folder): a read opens read-only as the server
    /// does, a write is refused naming the server; beside a server that
    /// writes, every open is refused naming its endpoint.
    pub fn open(path: &Path, access: Access) -> Result<GraphStore, StoreError> {
        let path_buf = path.to_path_buf();
        if access == Access::ReadWrite {
            prepare_folder(path)?;
        } else if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing { path: path_buf });
        }
        let (access, mark) = servers::beside_servers(path, access)?;
        if access == Access::Shared {
            // A writer holds the lock; taking and leaving it proves none does.
            drop(Store::open(path).map_err(|source| classify(path, source))?);
        }
        let opened = match access {
            Access::ReadOnly | Access::Shared => Store::open_read_only(path),
            Access::ReadWrite | Access::ReadExisting => Store::open(path),
        };
        let store = opened.map_err(|source| classify(path, source))?;
        let opened = GraphStore {
            store,
            stale_marker: Some(path.join(SUMMARY_STALE)),
            writing: Mutex::default(),
            path: path_buf,
            _mark: mark,
        };
        if matches!(access, Access::ReadWrite | Access::ReadExisting) && opened.summary_is_stale() {
            opened.summary_anew()?;
        }
        Ok(opened)
    }

    /// A store in memory, gone when dropped: for tests and one-off work.
    pub fn in_memory() -> Result<GraphStore, StoreError> {
        let path = PathBuf::from("<memory>");
        let store = Store::new().map_err(|source| StoreError::Storage {
            path: path.clone(),
            source,
        })?;
        Ok(GraphStore {
            store,
            path,
            _mark: None,
            stale_marker: None,
            writing: Mutex::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A storage error of this store, naming its folder.
    pub fn storage_error(&self, source: StorageError) -> StoreError {
        storage(&self.path, source)
    }

    /// Every quad of `graph`, or of the whole store when `None`.
    pub fn quads_in(
        &self,
        graph: Option<GraphNameRef<'_>>,
    ) -> impl Iterator<Item = Result<Quad, StoreError>> + '_ {
        self.store
            .quads_for_pattern(None, None, None, graph)
            .map(|quad| quad.map_err(|e| self.storage_error(e)))
    }

    /// Whether the store holds the named graph `graph`.
    pub fn contains_graph(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        self.store
            .contains_named_graph(graph)
            .map_err(|e| self.storage_error(e))
    }

    /// Evaluates a prepared query on a snapshot of the store.
    pub fn query(
        &self,
        query: PreparedSparqlQuery,
    ) -> Result<QueryResults<'static>, QueryEvaluationError> {
        query.on_store(&self.store).execute()
    }

    /// Applies a prepared update and rebuilds the summary graph in the same
    /// transaction (an update does not say which graphs it changes).
    pub fn update(&self, update: PreparedSparqlUpdate) -> Result<(), UpdateEvaluationError> {
        let _turn = self.writer_turn();
        let mut transaction = self.store.start_transaction()?;
        update.on_transaction(&mut transaction).execute()?;
        summary::rebuild(&mut transaction, None)?;
        Ok(transaction.commit()?)
    }

    /// This process's turn to write (see `writing`); a write that panicked
    /// left nothing half-done in the lock, so its poison is passed over.
    fn writer_turn(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A bulk loader for a new store: fast, but not transactional.
    pub fn bulk_loader(&self) -> BulkLoader<'_> {
        self.store.bulk_loader()
    }

    /// Runs `write` in one transaction and commits it: readers and a crash
    /// see the store before or after, never between.
    pub fn transaction(
        &self,
        write: impl FnOnce(&mut Transaction<'_>) -> Result<(), StorageError>,
    ) -> Result<(), StoreError> {
        let _turn = self.writer_turn();
        let mut transaction = self
            .store
            .start_transaction()
            .map_err(|e| self.storage_error(e))?;
        write(&mut transaction).map_err(|e| self.storage_error(e))?;
        transaction.commit().map_err(|e| self.storage_error(e))
    }

    /// Replaces the named graph `graph` by `quads` (which must all be in it)
    /// in one transaction: readers and a crash see the old graph or the new
    /// one, never a mix.
    pub fn replace_graph(&self, graph: NamedNodeRef<'_>, quads: &[Quad]) -> Result<(), StoreError> {
        self.replace_graphs(&[(graph, quads)])
    }

    /// Replaces several named graphs in one transaction.
    pub fn replace_graphs(&self, graphs: &[(NamedNodeRef<'_>, &[Quad])]) -> Result<(), StoreError> {
        for (graph, quads) in graphs {
            debug_assert!(
                quads
                    .iter()
                    .all(|quad| quad.graph_name.as_ref() == GraphNameRef::NamedNode(*graph)),
                "quads outside graph {graph}"
            );
        }
        self.transaction(|transaction| {
            let mut delta = summary::Delta::new();
            for (graph, quads) in graphs {
                delta.remove_graph(transaction, (*graph).into())?;
                delta.add_quads((*graph).into(), quads);
                transaction.clear_graph(*graph)?;
                transaction.extend(quads.iter());
            }
            delta.apply(transaction)
        })
    }

    /// Adds `quads` to `graph` (a named graph is created even when empty),
    /// clearing it first when `replace`; one transaction.
    pub fn write_graph(
        &self,
        graph: GraphNameRef<'_>,
        quads: &[Quad],
        replace: bool,
    ) -> Result<(), StoreError> {
        self.transaction(|transaction| {
            // Adding to a graph can make it an article or complete an
            // instance: its contribution is taken away and counted again.
            let mut delta = summary::Delta::new();
            delta.remove_graph(transaction, graph)?;
            if replace {
                transaction.clear_graph(graph)?;
            }
            if let GraphNameRef::NamedNode(node) = graph {
                transaction.insert_named_graph(node);
            }
            transaction.extend(quads);
            delta.add_stored_graph(transaction, graph)?;
            delta.apply(transaction)
        })
    }

    /// Removes a named graph, or empties the default graph; one
    /// transaction with the summary's refresh.
    pub fn remove_graph(&self, graph: GraphNameRef<'_>) -> Result<(), StoreError> {
        self.transaction(|transaction| {
            let mut delta = summary::Delta::new();
            delta.remove_graph(transaction, graph)?;
            match graph {
                GraphNameRef::NamedNode(node) => transaction.remove_named_graph(node)?,
                _ => transaction.clear_graph(GraphNameRef::DefaultGraph)?,
            }
            delta.apply(transaction)
        })
    }

    /// Whether the store has a summary graph (a store built before there
    /// was one has not).
    pub fn has_summary(&self) -> Result<bool, StoreError> {
        Ok(self.summary_graph()?.is_some())
    }

    /// The name of the summary graph, if the store has one.
    pub fn summary_graph(&self) -> Result<Option<NamedNode>, StoreError> {
        summary::name(&self.store).map_err(|e| self.storage_error(e))
    }

    /// Writes the summary graph anew from every article graph, as `name`
    /// (else the name it has, else the default base's): after a
    /// bulk load, which writes outside transactions.
    pub fn rebuild_summary(&self, name: Option<NamedNodeRef<'_>>) -> Result<(), StoreError> {
        self.transaction(|transaction| summary::rebuild(transaction, name))
    }

    /// Loads an RDF document with the bulk loader, all or nothing: a parse
    /// error leaves the store as it was. Triples go to `graph` when given
    /// (else the default graph); quads keep their graphs. `on_progress`
    /// receives the number of quads loaded so far.
    pub fn load_rdf(
        &self,
        source_name: &str,
        reader: impl std::io::Read,
        format: RdfFormat,
        graph: Option<&NamedNode>,
        on_progress: impl Fn(u64) + Send + Sync + 'static,
    ) -> Result<(), StoreError> {
        let mut parser = oxigraph::io::RdfParser::from_format(format);
        if let Some(graph) = graph {
            parser = parser.with_default_graph(graph.clone());
        }
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(64)
            .on_progress(on_progress);
        self.summary_may_be_stale()?;
        {
            let _turn = self.writer_turn();
            loader
                .load_from_reader(parser, reader)
                .map_err(|source| StoreError::Load {
                    source_name: source_name.to_owned(),
                    source,
                })?;
            loader.commit().map_err(|e| self.storage_error(e))?;
        }
        self.summary_anew()
    }

    /// Whether a load into this store was cut short between its commit and
    /// the summary's ([`SUMMARY_STALE`]): the summary graph may disagree
    /// with the article graphs until the store is next opened for writing.
    pub fn summary_is_stale(&self) -> bool {
        self.stale_marker.as_deref().is_some_and(Path::exists)
    }

    /// Leaves the marker, on disk, before a write outside transactions.
    fn summary_may_be_stale(&self) -> Result<(), StoreError> {
        let Some(marker) = &self.stale_marker else {
            return Ok(());
        };
        let create = |source| StoreError::Create {
            path: marker.clone(),
            source,
        };
        fs::File::create(marker)
            .and_then(|file| file.sync_all())
            .map_err(create)?;
        sync_folder(&self.path).map_err(create)
    }

    /// Writes the summary anew from the article graphs, then removes the
    /// marker: the summary agrees with the graphs again.
    fn summary_anew(&self) -> Result<(), StoreError> {
        self.rebuild_summary(None)?;
        match &self.stale_marker {
            Some(marker) if marker.exists() => {
                fs::remove_file(marker).map_err(|source| StoreError::Create {
                    path: marker.clone(),
                    source,
                })
            }
            _ => Ok(()),
        }
    }

    /// The evidence profiles the store's articles record
    /// (`ng:evidenceProfile`); full when it has articles but none records
    /// one (a store built before the profiles were), none when it has no
    /// article.
    pub fn evidence_profiles(&self) -> Result<BTreeSet<EvidenceProfile>, StoreError> {
        let property = NamedNode::new_unchecked(format!("{NG}{}", vocab::ng::EVIDENCE_PROFILE));
        let mut profiles = BTreeSet::new();
        for quad in self
            .store
            .quads_for_pattern(None, Some(property.as_ref()), None, None)
        {
            let quad = quad.map_err(|e| self.storage_error(e))?;
            if let Term::NamedNode(profile) = &quad.object
                && let Some(profile) = EvidenceProfile::from_iri(profile.as_str())
            {
                profiles.insert(profile);
                if profiles.len() == EvidenceProfile::ALL.len() {
                    break;
                }
            }
        }
        if profiles.is_empty() {
            let article = NamedNode::new_unchecked(format!("{NG}{}", vocab::ng::NEWS_ARTICLE));
            if let Some(quad) = self
                .store
                .quads_for_pattern(None, Some(rdf::TYPE), Some(article.as_ref().into()), None)
                .next()
            {
                quad.map_err(|e| self.storage_error(e))?;
                profiles.insert(EvidenceProfile::Full);
            }
        }
        Ok(profiles)
    }

    pub fn named_graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs = Vec::new();
        for graph in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(node) = graph.map_err(|e| self.storage_error(e))? {
                graphs.push(node);
            }
        }
        Ok(graphs)
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        self.store.len().map_err(|e| self.storage_error(e))
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.store.is_empty().map_err(|e| self.storage_error(e))
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush().map_err(|e| self.storage_error(e))
    }
}

/// Readies `path` for a store to be opened for writing: a store already
/// there is used as it is; a missing folder is created with its missing
/// parents (RocksDB creates only the last one); a file, or a folder holding
/// anything else, is refused, so that RocksDB never scatters its files among
/// a user's. A store is a folder with RocksDB's `CURRENT` file.
fn prepare_folder(path: &Path) -> Result<(), StoreError> {
    if path.join("CURRENT").is_file() {
        return Ok(());
    }
    if path.is_file() {
        return Err(StoreError::NotAFolder {
            path: path.to_path_buf(),
        });
    }
    match fs::read_dir(path) {
        // Only RocksDB's own files: a store whose creation was cut short (a
        // build killed before RocksDB wrote `CURRENT`). It holds no data
        // (RocksDB writes `CURRENT` before anything is stored), and RocksDB
        // refuses to create a store over its leftovers: they go.
        Ok(entries) => {
            let names: Vec<_> = entries
                .map(|entry| entry.map(|entry| entry.file_name()))
                .collect::<Result<_, _>>()
                .map_err(|source| StoreError::Create {
                    path: path.to_path_buf(),
                    source,
                })?;
            if !names
                .iter()
                .all(|name| is_store_file(&name.to_string_lossy()))
            {
                return Err(StoreError::NotAStore {
                    path: path.to_path_buf(),
                });
            }
            // Another process creating the store right now holds its lock.
            if lock_is_held(&path.join("LOCK")) {
                return Err(StoreError::InUse {
                    path: path.to_path_buf(),
                });
            }
            for name in names {
                let file = path.join(name);
                fs::remove_file(&file)
                    .map_err(|source| StoreError::Create { path: file, source })?;
            }
            Ok(())
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(path).map_err(|source| StoreError::Create {
                path: path.to_path_buf(),
                source,
            })
        }
        Err(source) => Err(StoreError::Create {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Whether a process holds a POSIX lock on `lock` (RocksDB's `LOCK`), as
/// Linux's `/proc/locks` lists them by inode; elsewhere, taken to be held.
fn lock_is_held(lock: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(metadata) = fs::metadata(lock) else {
        return false;
    };
    let Ok(locks) = fs::read_to_string("/proc/locks") else {
        return true;
    };
    let inode = metadata.ino().to_string();
    locks.lines().any(|line| {
        line.split_whitespace()
            .any(|field| field.rsplit(':').next() == Some(inode.as_str()) && field.contains(':'))
    })
}

/// Whether a file name is one RocksDB (or newsgraph, beside a server)
/// writes in a store's folder: `LOCK`, `LOG`, `LOG.old.…`, `IDENTITY`,
/// `MANIFEST-…`, `OPTIONS-…`, and numbered `.log`, `.sst`, `.blob` and
/// `.dbtmp` files.
fn is_store_file(name: &str) -> bool {
    let numbered = |suffix: &str| {
        name.strip_suffix(suffix)
            .is_some_and(|stem| !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(name, "LOCK" | "LOG" | "IDENTITY" | "CURRENT")
        || name.starts_with("LOG.old.")
        || name.starts_with("MANIFEST-")
        || name.starts_with("OPTIONS-")
        || [".log", ".sst", ".blob", ".dbtmp"]
            .into_iter()
            .any(numbered)
}

/// Makes a file created or removed in `folder` durable (Linux: fsync of the
/// folder).
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

fn classify(path: &Path, source: StorageError) -> StoreError {
    let message = source.to_string();
    if message.contains("LOCK")
        || message.contains("lock")
        || message.contains("Resource temporarily unavailable")
    {
        StoreError::InUse {
            path: path.to_path_buf(),
        }
    } else {
        storage(path, source)
    }
}

/// A storage error of the store at `path`; a full disk gets its own error,
/// since RocksDB's message names the cause twice inside a trace of its own
/// ("IO error: No space left on device: While appending to file: F: No
/// space left on device").
fn storage(path: &Path, source: StorageError) -> StoreError {
    const FULL: &str = "No space left on device";
    let message = source.to_string();
    if !message.contains(FULL) {
        return StoreError::Storage {
            path: path.to_path_buf(),
            source,
        };
    }
    let file = message
        .split_once("file: ")
        .map(|(_, rest)| rest.split(": ").next().unwrap_or(rest))
        .map_or_else(|| "its files".to_owned(), |file| file.trim().to_owned());
    StoreError::DiskFull {
        path: path.to_path_buf(),
        file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_left_stale_by_a_cut_short_load_is_rebuilt_by_the_next_writer() {
        use oxigraph::model::GraphName;
        use oxigraph::model::vocab::rdf;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let node = |local: &str| NamedNode::new_unchecked(format!("https://example.org/{local}"));
        let ng = |local: &str| NamedNode::new_unchecked(format!("{}{local}", crate::vocab::NG));
        let article = node("doc/a");
        let in_article = GraphName::NamedNode(article.clone());
        let edges = || {
            GraphStore::open(&path, Access::ReadOnly)
                .unwrap()
                .has_summary()
        };
        {
            let store = GraphStore::open(&path, Access::ReadWrite).unwrap();
            // As a bulk load writes: outside transactions, summary untouched.
            store.summary_may_be_stale().unwrap();
            store
                .store
                .extend([
                    Quad::new(
                        article.clone(),
                        rdf::TYPE,
                        ng("NewsArticle"),
                        in_article.clone(),
                    ),
                    Quad::new(node("x"), ng("accuses"), node("y"), in_article.clone()),
                ])
                .unwrap();
            assert!(store.summary_is_stale());
        }
        assert!(!edges().unwrap(), "no summary yet: the load was cut short");
        assert!(
            GraphStore::open(&path, Access::ReadOnly)
                .unwrap()
                .summary_is_stale()
        );
        let reopened = GraphStore::open(&path, Access::ReadExisting).unwrap();
        assert!(!reopened.summary_is_stale(), "the marker is removed");
        assert!(
            reopened.has_summary().unwrap(),
            "the summary is written anew"
        );
        drop(reopened);
        assert!(!path.join(SUMMARY_STALE).exists());
    }

    #[test]
    fn a_full_disk_is_its_own_error_naming_the_file_and_the_cause_once() {
        let rocksdb = "IO error: No space left on device: While appending to file: /d/s/000030.log: No space left on device";
        let error = storage(
            Path::new("/d/s"),
            StorageError::Io(io::Error::other(rocksdb)),
        );
        assert!(
            matches!(&error, StoreError::DiskFull { file, .. } if file == "/d/s/000030.log"),
            "{error:?}"
        );
        let message = error.to_string();
        assert_eq!(
            message.matches("No space left on device").count(),
            1,
            "{message}"
        );
        let other = storage(
            Path::new("/d/s"),
            StorageError::Io(io::Error::other("IO error: Permission denied")),
        );
        assert!(matches!(other, StoreError::Storage { .. }), "{other:?}");
    }

    #[test]
    fn a_store_cut_short_before_current_is_opened_and_other_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join("partial");
        fs::create_dir(&partial).unwrap();
        for name in ["LOCK", "LOG", "IDENTITY", "000004.log", "OPTIONS-000007"] {
            fs::write(partial.join(name), "").unwrap();
        }
        let store = GraphStore::open(&partial, Access::ReadWrite).unwrap();
        assert!(store.is_empty().unwrap());
        // While a process holds the lock of a store without `CURRENT` (one
        // being created), its files are left alone.
        let creating = dir.path().join("creating");
        fs::create_dir(&creating).unwrap();
        // (Written afresh, not copied: closing any descriptor of a file
        // drops the POSIX locks this process holds on it.)
        for name in ["LOCK", "LOG"] {
            fs::write(creating.join(name), "").unwrap();
        }
        assert!(lock_is_held(&partial.join("LOCK")));
        assert!(!lock_is_held(&creating.join("LOCK")));
        drop(store);
        assert!(!lock_is_held(&partial.join("LOCK")));
        for names in [
            &["notes.txt"][..],
            &["LOCK", "notes.log"],
            &["LOG", "x.sst"],
        ] {
            let folder = dir.path().join(names.join("+"));
            fs::create_dir(&folder).unwrap();
            for name in names {
                fs::write(folder.join(name), "").unwrap();
            }
            assert!(
                matches!(
                    GraphStore::open(&folder, Access::ReadWrite),
                    Err(StoreError::NotAStore { .. })
                ),
                "{names:?} was taken for a store"
            );
        }
    }
}

//! A store beside a running `newsgraph serve`.
//!
//! RocksDB lets one process write a store; a read-only open beside a
//! writer is undefined behaviour. So a server says it is there: it keeps a
//! file `newsgraph-serve-PID` in the store's folder (its URL, whether it
//! writes, whether it has let go of the store), and other newsgraph
//! processes read those files before they open the store:
//!
//! - beside a read-only server, a read opens the store read-only too (no
//!   lock is taken, so any number of readers and servers go on together),
//!   and says so with a file `newsgraph-reader-PID` while it reads;
//! - a write (`build`, `load`) beside read-only servers leaves a file
//!   `newsgraph-writer-PID` and waits for those readers to finish; each
//!   server lets go of the store (new requests get 503 while in-flight ones
//!   finish), says so in its file, and opens the store again once the
//!   writer's file is gone ([`Handover`]), so it answers with the new graph.
//!   Each side leaves its own file before it looks for the other's, so
//!   one of the two always sees the other;
//! - beside a server that writes (`--allow-update`, which holds the lock),
//!   every open is refused with the server's endpoint to use instead.
//!
//! Files of processes that are gone (killed) are removed when seen.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::{Access, GraphStore, StoreError};

const SERVER_FILE_PREFIX: &str = "newsgraph-serve-";
const WRITER_FILE_PREFIX: &str = "newsgraph-writer-";
const READER_FILE_PREFIX: &str = "newsgraph-reader-";
/// How long a writer waits for the servers to let go of the store: longer
/// than a query may run (the server's default timeout is 60 s).
const RELEASE_WAIT: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(50);

/// A `newsgraph serve` process that has a store open, as its file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub pid: u32,
    /// Where it listens, `http://HOST:PORT`.
    pub url: String,
    /// Whether it was started with `--allow-update` (and holds the lock).
    pub writable: bool,
    /// Whether it has let go of the store for a writer.
    pub released: bool,
}

impl Server {
    /// The live servers of the store at `path`, by process id.
    pub fn of(path: &Path) -> Vec<Server> {
        let mut servers: Vec<Server> = live_files(path, SERVER_FILE_PREFIX)
            .into_iter()
            .map(|(pid, file)| {
                let text = fs::read_to_string(file).unwrap_or_default();
                let mut lines = text.lines();
                let url = lines.next().unwrap_or("").to_owned();
                let writable = lines.next() == Some("read-write");
                let released = lines.next() == Some("released");
                Server {
                    pid,
                    url,
                    writable,
                    released,
                }
            })
            .collect();
        servers.sort_by_key(|server| server.pid);
        servers
    }
}

/// The process ids and paths of the live processes' files starting with
/// `prefix` in `folder` (other than this process's); the dead ones' files
/// are removed.
fn live_files(folder: &Path, prefix: &str) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(prefix))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        if process_is_alive(pid) {
            files.push((pid, entry.path()));
        } else {
            let _ = fs::remove_file(entry.path());
        }
    }
    files
}

/// Whether process `pid` still runs (Linux: it has a `/proc` entry;
/// elsewhere it is taken to run).
fn process_is_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// A server's file in its store's folder, removed on drop (and by
/// [`ServerMark::remove`] from a signal handler, before the process exits).
#[derive(Debug)]
pub struct ServerMark {
    path: PathBuf,
    url: String,
    writable: bool,
}

impl ServerMark {
    fn write(&self, released: bool) -> Result<(), StoreError> {
        let mode = if self.writable {
            "read-write"
        } else {
            "read-only"
        };
        let state = if released { "released" } else { "serving" };
        fs::write(&self.path, format!("{}\n{mode}\n{state}\n", self.url)).map_err(|source| {
            StoreError::Create {
                path: self.path.clone(),
                source,
            }
        })
    }

    pub fn remove(&self) {
        let _ = fs::remove_file(&self.path);
    }
}

impl Drop for ServerMark {
    fn drop(&mut self) {
        self.remove();
    }
}

impl GraphStore {
    /// Marks the store as served by this process at `url`, so that other
    /// newsgraph processes open it in a way that lets this one go on (see
    /// the module documentation).
    pub fn announce_server(&self, url: &str, writable: bool) -> Result<ServerMark, StoreError> {
        let mark = ServerMark {
            path: self
                .path
                .join(format!("{SERVER_FILE_PREFIX}{}", std::process::id())),
            url: url.to_owned(),
            writable,
        };
        mark.write(false)?;
        Ok(mark)
    }
}

/// A writer's or reader's file, kept while its store is open and removed
/// when dropped (after the store is closed).
#[derive(Debug)]
pub(super) struct ProcessMark {
    path: PathBuf,
}

impl ProcessMark {
    fn create(folder: &Path, prefix: &str) -> Result<ProcessMark, StoreError> {
        let path = folder.join(format!("{prefix}{}", std::process::id()));
        fs::write(&path, "").map_err(|source| StoreError::Create {
            path: path.clone(),
            source,
        })?;
        Ok(ProcessMark { path })
    }
}

impl Drop for ProcessMark {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The access to use beside the servers and writers of the store at
/// `path`, with this process's file when it writes beside read-only
/// servers (once they and their readers let go) or reads beside them; or
/// the error that names who is in the way.
pub(super) fn beside_servers(
    path: &Path,
    access: Access,
) -> Result<(Access, Option<ProcessMark>), StoreError> {
    let servers = Server::of(path);
    if let Some(server) = servers.iter().find(|server| server.writable) {
        return Err(StoreError::ServedForWriting {
            path: path.to_path_buf(),
            pid: server.pid,
            url: server.url.clone(),
        });
    }
    // A server's readers may still be at work after it stopped: a writer
    // waits for them as it would beside the server.
    if access == Access::ReadWrite
        && (!servers.is_empty() || !live_files(path, READER_FILE_PREFIX).is_empty())
    {
        let mark = ProcessMark::create(path, WRITER_FILE_PREFIX)?;
        wait_for_release(path)?;
        return Ok((access, Some(mark)));
    }
    if servers.is_empty() {
        return Ok((access, None));
    }
    let mark = ProcessMark::create(path, READER_FILE_PREFIX)?;
    if live_files(path, WRITER_FILE_PREFIX).is_empty() {
        Ok((Access::ReadOnly, Some(mark)))
    } else if access == Access::ReadExisting {
        // A normal open meets the writer's lock and says so.
        Ok((access, None))
    } else {
        // A read-only open would read files being rewritten.
        Err(StoreError::InUse {
            path: path.to_path_buf(),
        })
    }
}

/// Waits until every read-only server of the store has let go of it and
/// the readers beside them are done.
fn wait_for_release(path: &Path) -> Result<(), StoreError> {
    let started = Instant::now();
    loop {
        let holding = Server::of(path).into_iter().find(|server| !server.released);
        let reading = live_files(path, READER_FILE_PREFIX);
        if holding.is_none() && reading.is_empty() {
            return Ok(());
        }
        if started.elapsed() > RELEASE_WAIT {
            return Err(match holding {
                Some(server) => StoreError::NotReleased {
                    path: path.to_path_buf(),
                    pid: server.pid,
                    url: server.url,
                    seconds: RELEASE_WAIT.as_secs(),
                },
                None => StoreError::InUse {
                    path: path.to_path_buf(),
                },
            });
        }
        std::thread::sleep(POLL);
    }
}

/// What a read-only server answers with: the store, which it lets go of
/// while another newsgraph process writes it and opens again afterwards.
#[derive(Debug)]
pub struct Handover {
    path: PathBuf,
    current: RwLock<Option<Arc<GraphStore>>>,
    /// The writer the store was let go for, and why it is not open again
    /// if reopening failed.
    waiting_for: Mutex<(u32, Option<String>)>,
    mark: ServerMark,
}

/// Why a request finds no store to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandedOver {
    /// The process writing the store.
    pub writer: u32,
    /// Why the store is not open again, when reopening failed.
    pub error: Option<String>,
}

impl Handover {
    /// Serves `store` (opened with [`Access::Shared`]) at `url`, announced
    /// in its folder.
    pub fn new(store: GraphStore, url: &str) -> Result<Handover, StoreError> {
        let mark = store.announce_server(url, false)?;
        Ok(Handover {
            path: store.path.clone(),
            current: RwLock::new(Some(Arc::new(store))),
            waiting_for: Mutex::new((0, None)),
            mark,
        })
    }

    pub fn mark(&self) -> &ServerMark {
        &self.mark
    }

    /// The store to answer a request with, or who has it now.
    pub fn current(&self) -> Result<Arc<GraphStore>, HandedOver> {
        if let Some(store) = self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            return Ok(Arc::clone(store));
        }
        let (writer, error) = self
            .waiting_for
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        Err(HandedOver { writer, error })
    }

    /// One look at the folder: lets go of the store when a writer waits
    /// (once the requests reading it are done), opens it again when no
    /// writer is left.
    pub fn watch(&self) {
        let writers = live_files(&self.path, WRITER_FILE_PREFIX);
        let held = self
            .current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        if let (Some((writer, _)), true) = (writers.first(), held) {
            *self.waiting_for.lock().unwrap_or_else(|e| e.into_inner()) = (*writer, None);
            let taken = self
                .current
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            if let Some(store) = taken {
                while Arc::strong_count(&store) > 1 {
                    std::thread::sleep(POLL);
                }
            }
            let _ = self.mark.write(true);
        } else if writers.is_empty() && !held {
            // Holding again before looking once more: a writer that comes
            // now waits for this server, one that came first is seen.
            let _ = self.mark.write(false);
            if !live_files(&self.path, WRITER_FILE_PREFIX).is_empty() {
                let _ = self.mark.write(true);
                return;
            }
            match GraphStore::open(&self.path, Access::ReadOnly) {
                Ok(store) => {
                    *self.current.write().unwrap_or_else(|e| e.into_inner()) =
                        Some(Arc::new(store));
                }
                Err(error) => {
                    let _ = self.mark.write(true);
                    self.waiting_for.lock().unwrap_or_else(|e| e.into_inner()).1 =
                        Some(error.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A live process other than this one, to stand for a writer or server.
    fn other_live_pid() -> u32 {
        std::os::unix::process::parent_id()
    }

    #[test]
    fn a_handover_lets_go_for_a_writer_and_opens_again_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        drop(GraphStore::open(&path, Access::ReadWrite).unwrap());
        let store = GraphStore::open(&path, Access::Shared).unwrap();
        let handover = Handover::new(store, "http://127.0.0.1:1").unwrap();
        let reading = handover.current().unwrap();
        let writer = path.join(format!("{WRITER_FILE_PREFIX}{}", other_live_pid()));
        fs::write(&writer, "").unwrap();
        // A request still reading keeps the store until it is done.
        let watching = std::thread::scope(|scope| {
            let watch = scope.spawn(|| handover.watch());
            std::thread::sleep(Duration::from_millis(150));
            let still = !watch.is_finished();
            drop(reading);
            watch.join().unwrap();
            still
        });
        assert!(
            watching,
            "the handover did not wait for the request reading"
        );
        assert_eq!(
            handover.current().map(|_| ()),
            Err(HandedOver {
                writer: other_live_pid(),
                error: None
            })
        );
        let own = path.join(format!("{SERVER_FILE_PREFIX}{}", std::process::id()));
        assert!(fs::read_to_string(&own).unwrap().ends_with("released\n"));
        fs::remove_file(&writer).unwrap();
        handover.watch();
        assert!(handover.current().is_ok());
        assert!(fs::read_to_string(&own).unwrap().ends_with("serving\n"));
        drop(handover);
        assert!(!own.exists(), "the server's file outlived it");
    }

    #[test]
    fn files_of_dead_processes_are_removed_and_reads_beside_a_server_are_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        drop(GraphStore::open(&path, Access::ReadWrite).unwrap());
        // No process has id u32::MAX - 1.
        let dead = path.join(format!("{SERVER_FILE_PREFIX}{}", u32::MAX - 1));
        fs::write(&dead, "http://127.0.0.1:1\nread-only\nserving\n").unwrap();
        assert!(Server::of(&path).is_empty());
        assert!(!dead.exists());
        let live = path.join(format!("{SERVER_FILE_PREFIX}{}", other_live_pid()));
        fs::write(&live, "http://127.0.0.1:2\nread-only\nserving\n").unwrap();
        let (access, mark) = beside_servers(&path, Access::ReadExisting).unwrap();
        assert_eq!(access, Access::ReadOnly);
        let reader = path.join(format!("{READER_FILE_PREFIX}{}", std::process::id()));
        assert!(mark.is_some() && reader.exists());
        drop(mark);
        assert!(!reader.exists());
        fs::write(&live, "http://127.0.0.1:2\nread-write\nserving\n").unwrap();
        let refused = beside_servers(&path, Access::ReadExisting).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("query it through its endpoint http://127.0.0.1:2/query"),
            "{refused}"
        );
    }
}

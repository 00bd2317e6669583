//! Output files written past the page cache.
//!
//! A build writes gigabytes of N-Quads that it never reads back. Written
//! the usual way, each page goes through the kernel's page cache, whose
//! page allocation and copy cost about as much CPU as extraction itself on
//! a busy machine (measured: 0.2 s to 1.7 s of kernel time for 645 MB,
//! depending on whether the kernel still has free pages at hand). With
//! `O_DIRECT` the disk reads the pages straight from this writer's buffer:
//! almost no kernel CPU, and the cache keeps what other programs use.
//!
//! [`OutputFile`] gathers writes in an aligned buffer and writes it in
//! whole blocks; [`Write::flush`] writes the partial last block padded and
//! cuts the file back to its true length. Where direct I/O is not possible
//! (tmpfs, some network file systems, devices, pipes), it writes the same
//! bytes the usual way.

use std::fs::{File, OpenOptions};
use std::io::{self, IoSlice, Write};
use std::os::unix::fs::FileExt;
#[cfg(target_os = "linux")]
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Direct I/O needs buffers, offsets and lengths in whole blocks of the
/// device; 4 KiB covers devices of 512-byte and 4 KiB sectors.
const BLOCK: usize = 4096;
/// Bytes gathered before a write: large enough that the disk streams.
const STAGE: usize = 8 << 20;

/// A file created (or truncated) for writing, through direct I/O when the
/// file system allows it. Writes are gathered in memory, like a
/// `BufWriter`'s, and reach the file in whole stages and on `flush`;
/// dropping it flushes and ignores errors, as `BufWriter` does.
#[derive(Debug)]
pub struct OutputFile(Inner);

#[derive(Debug)]
enum Inner {
    Direct(DirectFile),
    /// Devices, pipes, file systems without direct I/O: written in order.
    Plain(io::BufWriter<File>),
}

/// A regular file written in whole blocks at their offsets.
struct DirectFile {
    file: File,
    path: PathBuf,
    /// False once the file system refused a direct write: the same
    /// positioned writes then go through the page cache.
    direct: bool,
    /// The buffer; the stage is `buffer[start..start + stage]`, which starts
    /// on a block boundary in memory.
    buffer: Vec<u8>,
    start: usize,
    stage: usize,
    /// Bytes waiting in the stage.
    pending: usize,
    /// Bytes before the stage, all in the file: a multiple of the stage size.
    written: u64,
    /// Whether the file holds every byte taken (nothing new since a flush).
    flushed: bool,
}

impl std::fmt::Debug for DirectFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DirectFile")
            .field("path", &self.path)
            .field("direct", &self.direct)
            .field("written", &self.written)
            .field("pending", &self.pending)
            .finish()
    }
}

/// Creates the missing folders above `path`, so that writing to
/// `out/2024/graph.nq` needs no `mkdir -p` first.
pub fn create_parents(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => std::fs::create_dir_all(folder),
        _ => Ok(()),
    }
}

impl OutputFile {
    /// Creates or truncates `path`, and the folders it needs. A path that
    /// exists and is not a regular file (`/dev/null`, a pipe) is opened as it
    /// is, without direct I/O.
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        create_parents(path)?;
        OutputFile::with_stage(path, STAGE)
    }

    fn with_stage(path: &Path, stage: usize) -> io::Result<OutputFile> {
        debug_assert!(stage > 0 && stage % BLOCK == 0);
        let regular = match std::fs::metadata(path) {
            Ok(metadata) => metadata.is_file(),
            Err(error) if error.kind() == io::ErrorKind::NotFound => true,
            Err(error) => return Err(error),
        };
        let direct_file = if regular { open_direct(path)? } else { None };
        let Some(file) = direct_file else {
            let file = File::create(path)?;
            return Ok(OutputFile(Inner::Plain(io::BufWriter::with_capacity(
                1 << 20,
                file,
            ))));
        };
        // Zeroed lazily by the allocator: pages are touched as they fill.
        let buffer = vec![0; stage + BLOCK];
        let start = buffer.as_ptr().align_offset(BLOCK);
        Ok(OutputFile(Inner::Direct(DirectFile {
            file,
            path: path.to_owned(),
            direct: true,
            buffer,
            start,
            stage,
            pending: 0,
            written: 0,
            flushed: true,
        })))
    }

    /// Whether writes bypass the page cache.
    pub fn is_direct(&self) -> bool {
        matches!(&self.0, Inner::Direct(file) if file.direct)
    }
}

impl DirectFile {
    /// Copies what fits of `data` into the stage and writes the stage when
    /// it is full; returns the bytes taken.
    fn take(&mut self, data: &[u8]) -> io::Result<usize> {
        let taken = data.len().min(self.stage - self.pending);
        let at = self.start + self.pending;
        self.buffer[at..at + taken].copy_from_slice(&data[..taken]);
        self.pending += taken;
        self.flushed &= taken == 0;
        if self.pending == self.stage {
            self.write_stage(self.stage)?;
            self.written += self.stage as u64;
            self.pending = 0;
        }
        Ok(taken)
    }

    /// Writes the first `len` bytes of the stage at its place in the file.
    fn write_stage(&mut self, len: usize) -> io::Result<()> {
        let bytes = &self.buffer[self.start..self.start + len];
        match self.file.write_all_at(bytes, self.written) {
            // Some file systems accept O_DIRECT when opening and refuse the
            // writes: go on without it.
            Err(error) if self.direct && error.kind() == io::ErrorKind::InvalidInput => {
                self.file = OpenOptions::new().write(true).open(&self.path)?;
                self.direct = false;
                self.file.write_all_at(bytes, self.written)
            }
            result => result,
        }
    }

    /// Puts every byte taken so far in the file. Direct I/O writes the last
    /// partial block padded with zeros, then the file is cut back to its
    /// length; the stage keeps those bytes, so later writes go on from them.
    fn flush(&mut self) -> io::Result<()> {
        if !self.flushed && self.pending > 0 {
            let len = if self.direct {
                self.pending.next_multiple_of(BLOCK)
            } else {
                self.pending
            };
            self.buffer[self.start + self.pending..self.start + len].fill(0);
            // Cut back even if this write fell back to the page cache: the
            // padding went out with it.
            self.write_stage(len)?;
            if len > self.pending {
                self.file.set_len(self.written + self.pending as u64)?;
            }
        }
        self.flushed = true;
        Ok(())
    }
}

/// Opens `path` for direct I/O, or `None` where its file system cannot.
#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> io::Result<Option<File>> {
    match OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
    {
        Ok(file) => Ok(Some(file)),
        // EINVAL: this file system does not do direct I/O.
        Err(error) if error.kind() == io::ErrorKind::InvalidInput => Ok(None),
        Err(error) => Err(error),
    }
}

/// Direct I/O is Linux's `O_DIRECT`; elsewhere files are written as usual.
#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> io::Result<Option<File>> {
    Ok(None)
}

impl Write for OutputFile {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match &mut self.0 {
            Inner::Direct(file) => file.take(data),
            Inner::Plain(out) => out.write(data),
        }
    }

    fn write_vectored(&mut self, slices: &[IoSlice<'_>]) -> io::Result<usize> {
        let file = match &mut self.0 {
            Inner::Direct(file) => file,
            Inner::Plain(out) => return out.write_vectored(slices),
        };
        let mut total = 0;
        for slice in slices {
            let mut rest: &[u8] = slice;
            while !rest.is_empty() {
                let taken = file.take(rest)?;
                rest = &rest[taken..];
                total += taken;
            }
        }
        Ok(total)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.0 {
            Inner::Direct(file) => file.flush(),
            Inner::Plain(out) => out.flush(),
        }
    }
}

impl Drop for DirectFile {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `pieces` (flushing where a piece is empty) and checks the
    /// file holds exactly their bytes after each flush and at the end.
    fn check(path: &Path, stage: usize, pieces: &[Vec<u8>]) {
        let mut out = OutputFile::with_stage(path, stage).unwrap();
        let mut expected = Vec::new();
        for piece in pieces {
            if piece.is_empty() {
                out.flush().unwrap();
                assert_eq!(
                    std::fs::read(path).unwrap(),
                    expected,
                    "after a flush at {} bytes",
                    expected.len()
                );
            } else {
                out.write_all(piece).unwrap();
                expected.extend_from_slice(piece);
            }
        }
        drop(out);
        let actual = std::fs::read(path).unwrap();
        assert_eq!(actual.len(), expected.len(), "length of {}", path.display());
        assert!(actual == expected, "content of {} differs", path.display());
    }

    fn bytes(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    fn cases() -> Vec<Vec<Vec<u8>>> {
        vec![
            vec![],
            vec![bytes(1, 1)],
            vec![bytes(BLOCK - 1, 2)],
            vec![bytes(BLOCK, 3)],
            vec![bytes(2 * BLOCK, 4)],
            vec![bytes(3 * BLOCK + 5, 5), bytes(7, 6)],
            // Flushes in the middle: the padded block is written again.
            vec![
                bytes(10, 7),
                vec![],
                bytes(BLOCK, 8),
                vec![],
                vec![],
                bytes(3, 9),
            ],
            vec![
                bytes(5 * BLOCK - 1, 10),
                vec![],
                bytes(BLOCK + 2, 11),
                vec![],
            ],
        ]
    }

    #[test]
    fn a_file_holds_exactly_what_was_written_at_every_flush() {
        let dir = tempfile::tempdir().unwrap();
        // A stage of two blocks, so the cases cross stage boundaries.
        for (index, pieces) in cases().iter().enumerate() {
            let path = dir.path().join(format!("case{index}.nq"));
            check(&path, 2 * BLOCK, pieces);
            check(&path, STAGE, pieces);
        }
    }

    #[test]
    fn an_existing_longer_file_is_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.nq");
        std::fs::write(&path, bytes(3 * BLOCK + 9, 1)).unwrap();
        check(&path, 2 * BLOCK, &[bytes(100, 2)]);
    }

    #[test]
    fn vectored_writes_take_every_slice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.nq");
        let (a, b, c) = (bytes(BLOCK + 3, 1), bytes(0, 0), bytes(2 * BLOCK, 2));
        let mut out = OutputFile::with_stage(&path, 2 * BLOCK).unwrap();
        let slices = [IoSlice::new(&a), IoSlice::new(&b), IoSlice::new(&c)];
        assert_eq!(out.write_vectored(&slices).unwrap(), a.len() + c.len());
        drop(out);
        assert!(std::fs::read(&path).unwrap() == [a, c].concat());
    }

    #[test]
    fn a_named_pipe_gets_every_byte_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            return; // no mkfifo here
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let data = bytes(3 * BLOCK + 17, 4);
        let mut out = OutputFile::with_stage(&fifo, 2 * BLOCK).unwrap();
        assert!(!out.is_direct());
        out.write_all(&data).unwrap();
        out.flush().unwrap();
        drop(out);
        assert!(reader.join().unwrap() == data, "the pipe's bytes differ");
    }

    #[test]
    fn devices_and_file_systems_without_direct_io_are_written_as_usual() {
        let mut null = OutputFile::create(Path::new("/dev/null")).unwrap();
        assert!(!null.is_direct());
        null.write_all(&bytes(3 * BLOCK, 1)).unwrap();
        null.flush().unwrap();
        // tmpfs refuses O_DIRECT; where there is one, the same bytes arrive.
        let shm = Path::new("/dev/shm");
        if shm.is_dir() {
            let dir = tempfile::tempdir_in(shm).unwrap();
            for pieces in cases() {
                check(&dir.path().join("shm.nq"), 2 * BLOCK, &pieces);
            }
        }
    }
}

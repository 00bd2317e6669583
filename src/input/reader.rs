//! Reading the sources' bytes, in order, one article at a time: a text
//! file whole, a JSON Lines file (or standard input that starts with `{`)
//! line by line, gzip decompressed on the way; each article's bytes are
//! handed to [`decode`], and each id checked against those read
//! before.
//!
//! This is the I/O half of [`crate::input`]; it counts the bytes it reads
//! for progress and does not look inside them beyond a line's end and
//! standard input's first byte.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;

use super::sources::{Origins, text_id};
use super::{
    Diagnostic, InputError, Layout, Loaded, Place, STDIN_ID, STDIN_NAME, Source, decode,
    decode_json_line,
};

/// `reader` buffered, and decompressed when `gzip` (concatenated gzip
/// members too, as `gzip -c a b > ab.gz` writes them).
pub fn decompressed<R: Read + Send + 'static>(reader: R, gzip: bool) -> Box<dyn BufRead + Send> {
    if gzip {
        Box::new(BufReader::new(MultiGzDecoder::new(reader)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, reader))
    }
}

/// Counts the bytes read from disk, for progress across threads.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.counter.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// Streams the articles of many sources in order, one at a time.
pub struct ArticleReader {
    sources: std::vec::IntoIter<Source>,
    current: Option<Open>,
    bytes_read: Arc<AtomicU64>,
    origins: Origins,
}

/// A JSON Lines source being read, line by line.
struct Open {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    /// Said with the first record read.
    warning: Option<Diagnostic>,
}

/// A failed read of standard input.
fn stdin_error(source: io::Error) -> InputError {
    InputError::Io {
        path: STDIN_NAME.into(),
        source,
    }
}

impl ArticleReader {
    pub fn new(sources: Vec<Source>) -> ArticleReader {
        ArticleReader {
            sources: sources.into_iter(),
            current: None,
            bytes_read: Arc::new(AtomicU64::new(0)),
            origins: Origins::default(),
        }
    }

    /// Bytes read from disk so far (compressed bytes for gzip files).
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes_read)
    }

    fn open(&self, path: &Path, gzip: bool) -> Result<Box<dyn BufRead + Send>, InputError> {
        let file = File::open(path).map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let counted = Counting {
            inner: file,
            counter: Arc::clone(&self.bytes_read),
        };
        Ok(decompressed(counted, gzip))
    }

    /// A text file, read and decoded whole.
    fn read_text_file(&self, path: &Path, gzip: bool) -> Result<Loaded, InputError> {
        let io_error = |source| InputError::Io {
            path: path.to_path_buf(),
            source,
        };
        let bytes = if gzip {
            let mut bytes = Vec::new();
            self.open(path, true)?
                .read_to_end(&mut bytes)
                .map_err(io_error)?;
            bytes
        } else {
            // Read at the file's size in one or two calls, where a reader
            // without a size hint probes and grows (ten reads for a 6 KB
            // article).
            let bytes = std::fs::read(path).map_err(io_error)?;
            self.bytes_read
                .fetch_add(bytes.len() as u64, Ordering::Relaxed);
            bytes
        };
        Ok(decode(&path.display().to_string(), text_id(path), bytes))
    }

    /// The next record of the open JSON Lines source, with its place;
    /// `None`, and no source open, at its end.
    fn next_record(&mut self) -> Option<Result<(Loaded, Place), InputError>> {
        let open = self.current.as_mut()?;
        loop {
            let mut line = Vec::new();
            match open.reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {
                    open.line += 1;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let mut loaded = decode_json_line(&open.name, open.line, &line);
                    if let Some(warning) = open.warning.take() {
                        loaded.warnings.insert(0, warning);
                    }
                    return Some(Ok((loaded, Place::line(&open.name, open.line))));
                }
                Err(source) => {
                    let path = PathBuf::from(&open.name);
                    self.current = None;
                    return Some(Err(InputError::Io { path, source }));
                }
            }
        }
        self.current = None;
        None
    }

    /// Starts on `source`: a text source is read whole and its article
    /// returned with its place; a JSON Lines source becomes the open one,
    /// whose records [`Self::next_record`] reads, and `None` is returned.
    fn start(&mut self, source: Source) -> Option<Result<(Loaded, Place), InputError>> {
        match &source {
            Source::File {
                path,
                layout: Layout::JsonLines,
                gzip,
            } => match self.open(path, *gzip) {
                Ok(reader) => {
                    self.current = Some(Open {
                        name: source.name(),
                        reader,
                        line: 0,
                        warning: None,
                    });
                    None
                }
                Err(error) => Some(Err(error)),
            },
            Source::File { path, gzip, .. } => Some(
                self.read_text_file(path, *gzip)
                    .map(|loaded| (loaded, Place::source(&source.name()))),
            ),
            Source::Stdin { id } => self.start_stdin(id.as_deref()),
        }
    }

    /// Standard input: JSON Lines, opened as [`Self::start`] opens a file of
    /// them, when its first non-blank byte is `{`; else one text article,
    /// returned.
    fn start_stdin(&mut self, id: Option<&str>) -> Option<Result<(Loaded, Place), InputError>> {
        let mut reader = BufReader::new(io::stdin());
        let looks_like_json = match reader.fill_buf() {
            Ok(buffer) => buffer.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
            Err(source) => return Some(Err(stdin_error(source))),
        };
        if looks_like_json {
            self.current = Some(Open {
                name: STDIN_NAME.to_owned(),
                reader: Box::new(reader),
                line: 0,
                warning: id.map(|id| {
                    Diagnostic::new(
                        Place::source(STDIN_NAME),
                        format!("JSON Lines, whose records carry their own `id`; the id `{id}` given for it is not used"),
                    )
                }),
            });
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(source) = reader.read_to_end(&mut bytes) {
            return Some(Err(stdin_error(source)));
        }
        self.bytes_read
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        let loaded = decode(STDIN_NAME, id.unwrap_or(STDIN_ID).to_owned(), bytes);
        Some(Ok((loaded, Place::source(STDIN_NAME))))
    }

    /// The next article or diagnostics, with the place it was read from.
    fn next_loaded(&mut self) -> Option<Result<(Loaded, Place), InputError>> {
        loop {
            if self.current.is_some() {
                if let Some(record) = self.next_record() {
                    return Some(record);
                }
                continue;
            }
            let source = self.sources.next()?;
            if let Some(read) = self.start(source) {
                return Some(read);
            }
        }
    }
}

impl Iterator for ArticleReader {
    type Item = Result<Loaded, InputError>;

    /// The next article (or only diagnostics), or an error; an article
    /// whose id came before in this read is an error naming both places.
    fn next(&mut self) -> Option<Self::Item> {
        let (loaded, origin) = match self.next_loaded()? {
            Ok(next) => next,
            Err(error) => return Some(Err(error)),
        };
        if let Some(article) = &loaded.article {
            if let Err(error) = self.origins.record(article.id.clone(), origin) {
                return Some(Err(error));
            }
        }
        Some(Ok(loaded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_read_twice_is_an_error_naming_both_places() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("a.jsonl");
        std::fs::write(
            &jsonl,
            "{\"id\": \"x\", \"text\": \"One.\"}\n\n{\"id\": \"x\", \"text\": \"Two.\"}\n",
        )
        .unwrap();
        let mut reader = ArticleReader::new(vec![Source::from_path(jsonl.clone())]);
        assert!(reader.next().unwrap().unwrap().article.is_some());
        let error = reader.next().unwrap().unwrap_err().to_string();
        let expected = format!(
            "{0}:3: article id `x` is also the id of {0}:1; ids must be unique within one build",
            jsonl.display()
        );
        assert_eq!(error, expected, "\nexpected: {expected}\nactual:   {error}");
    }
}

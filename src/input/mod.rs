//! Reading articles: text files, folders (recursively), JSON Lines (one
//! article per line), gzip-compressed files of either kind, and standard
//! input; streamed, so memory does not grow with the corpus.
//!
//! This module owns decoding: a byte-order mark is dropped, invalid UTF-8 is
//! decoded lossily with a warning naming the file and the byte offset of the
//! first bad sequence, an empty article is skipped with a warning, and a bad
//! JSON line is skipped with a warning naming its line. A JSON Lines field
//! that cannot be kept (a date that is not a day, a URL that is no absolute
//! IRI) is dropped with a warning, never silently; a text file may give the
//! same fields in TOML front matter (`front_matter`). It also owns the ids: a
//! text file's is its stem, standard input's is `stdin` unless given, and
//! an id that comes twice in one read is an error naming both places. It
//! does not extract anything.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;
use serde::Deserialize;

use crate::text::Article;

mod front_matter;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    #[error("{path}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
    /// Two articles of one read share an id: the second would replace the
    /// first's graph. `first` and `again` are a path, `path:line` or `<stdin>`.
    #[error(
        "{again}: article id `{id}` is also the id of {first}; ids must be unique within one build"
    )]
    DuplicateId {
        id: String,
        first: String,
        again: String,
    },
}

/// The id of a text article read from standard input, unless one is given.
pub const STDIN_ID: &str = "stdin";

/// How a source's bytes hold articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The whole file is one article; its stem is the id.
    Text,
    /// One JSON object per line: `id`, `title`, `text`, optional `date`, `url`, `source`.
    JsonLines,
}

/// One place articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File {
        path: PathBuf,
        layout: Layout,
        gzip: bool,
    },
    /// Standard input: JSON Lines if it starts with `{`, else one text
    /// article, whose id is `id` ([`STDIN_ID`] when `None`).
    Stdin { id: Option<String> },
}

impl Source {
    /// A file, its layout and compression told by its name: `.jsonl` or
    /// `.ndjson` are JSON Lines, anything else text; `.gz` is gzip.
    pub fn from_path(path: PathBuf) -> Source {
        let (inner, gzip) = name_and_compression(&path);
        let layout = if inner.ends_with(".jsonl") || inner.ends_with(".ndjson") {
            Layout::JsonLines
        } else {
            Layout::Text
        };
        Source::File { path, layout, gzip }
    }

    fn name(&self) -> String {
        match self {
            Source::File { path, .. } => path.display().to_string(),
            Source::Stdin { .. } => "<stdin>".to_owned(),
        }
    }
}

/// A text file's article id: its name without `.gz` and the extension.
fn text_id(path: &Path) -> String {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name.trim_end_matches(".gz");
    Path::new(stem).file_stem().map_or_else(
        || "article".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// A file's name, lowercased, without its `.gz` ending, and whether it had
/// one: what tells a file's layout (or RDF format) and its compression.
pub fn name_and_compression(path: &Path) -> (String, bool) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let gzip = name.ends_with(".gz");
    (name.trim_end_matches(".gz").to_owned(), gzip)
}

/// `reader` buffered, and decompressed when `gzip` (concatenated gzip
/// members too, as `gzip -c a b > ab.gz` writes them).
pub fn decompressed<R: Read + Send + 'static>(reader: R, gzip: bool) -> Box<dyn BufRead + Send> {
    if gzip {
        Box::new(BufReader::new(MultiGzDecoder::new(reader)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, reader))
    }
}

fn is_article_file(path: &Path) -> bool {
    let (inner, _) = name_and_compression(path);
    inner.ends_with(".txt") || inner.ends_with(".jsonl") || inner.ends_with(".ndjson")
}

/// Expands the command line's inputs into sources, in a stable order:
/// folders are walked recursively for `*.txt`, `*.jsonl`, `*.ndjson` (and
/// their `.gz`), sorted by path; files named on the command line are taken
/// whatever their name; `-` is standard input, its text article named
/// `stdin_id`. Two text files with one id (`a/x.txt`, `b/x.txt`) are an
/// error here, before anything is read.
pub fn expand(inputs: &[PathBuf], stdin_id: Option<&str>) -> Result<Vec<Source>, InputError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin {
                id: stdin_id.map(str::to_owned),
            });
        } else if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            files.sort();
            sources.extend(files.into_iter().map(Source::from_path));
        } else if input.is_file() {
            sources.push(Source::from_path(input.clone()));
        } else {
            return Err(InputError::NotFound {
                path: input.clone(),
            });
        }
    }
    let mut origins = HashMap::new();
    for source in &sources {
        if let Source::File {
            path,
            layout: Layout::Text,
            ..
        } = source
        {
            unique_id(&mut origins, text_id(path), source.name())?;
        }
    }
    Ok(sources)
}

/// Records that the article `id` comes from `origin`, or fails naming the
/// place it came from first.
fn unique_id(
    origins: &mut HashMap<String, String>,
    id: String,
    origin: String,
) -> Result<(), InputError> {
    match origins.entry(id) {
        Entry::Vacant(entry) => {
            entry.insert(origin);
            Ok(())
        }
        Entry::Occupied(entry) => Err(InputError::DuplicateId {
            id: entry.key().clone(),
            first: entry.get().clone(),
            again: origin,
        }),
    }
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let entries = fs::read_dir(folder).map_err(|source| InputError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| InputError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|source| InputError::Io {
            path: path.clone(),
            source,
        })?;
        if file_type.is_dir() {
            walk(&path, files)?;
        } else if is_article_file(&path) {
            files.push(path);
        }
    }
    Ok(())
}

/// The total size on disk of the file sources, for progress.
pub fn total_bytes(sources: &[Source]) -> u64 {
    sources
        .iter()
        .map(|source| match source {
            Source::File { path, .. } => fs::metadata(path).map_or(0, |metadata| metadata.len()),
            Source::Stdin { .. } => 0,
        })
        .sum()
}

/// An article read from a source, or only warnings when there was nothing
/// to build (an empty file, a bad JSON line).
#[derive(Debug)]
pub struct Loaded {
    pub article: Option<Article>,
    pub warnings: Vec<String>,
}

/// Decodes one text article's bytes; see the module documentation. Given
/// a `Vec`, valid UTF-8 becomes the article's text without a copy.
pub fn decode(name: &str, id: String, bytes: impl Into<Vec<u8>>) -> Loaded {
    let mut bytes = bytes.into();
    let mut warnings = Vec::new();
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        warnings.push(format!(
            "{name}: binary file (NUL byte at offset {at}), skipped"
        ));
        return Loaded {
            article: None,
            warnings,
        };
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        3
    } else {
        0
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            warnings.push(format!(
                "{name}: invalid UTF-8 at byte offset {}; decoded with U+FFFD replacement characters",
                bom + error.utf8_error().valid_up_to()
            ));
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    if text.trim().is_empty() {
        warnings.push(format!("{name}: empty article, skipped"));
        return Loaded {
            article: None,
            warnings,
        };
    }
    let (front, body) = front_matter::split(name, &text, &mut warnings);
    let body = if body.len() == text.len() {
        text
    } else {
        body.to_owned()
    };
    if body.trim().is_empty() {
        warnings.push(format!(
            "{name}: no article text after the front matter, skipped"
        ));
        return Loaded {
            article: None,
            warnings,
        };
    }
    let body = crate::text::clean_markup(&body).unwrap_or(body);
    let mut article = Article::from_text(id, body);
    if let Some(title) = front.title {
        article.title = title;
    }
    article.date = front.date;
    article.url = front.url;
    article.publisher = front.source;
    Loaded {
        article: Some(article),
        warnings,
    }
}

/// A date's day (`yyyy-mm-dd`, the first ten characters of a timestamp),
/// or `None` with a warning at `place`.
fn checked_day(date: String, place: &str, warnings: &mut Vec<String>) -> Option<String> {
    let day = date.get(..10).unwrap_or("");
    if crate::date::is_day(day) {
        Some(day.to_owned())
    } else {
        warnings.push(format!("{place}: date `{date}` is not yyyy-mm-dd; ignored"));
        None
    }
}

/// A URL that is an absolute IRI, or `None` with a warning at `place`.
fn checked_url(url: String, place: &str, warnings: &mut Vec<String>) -> Option<String> {
    if oxrdf::NamedNode::new(url.as_str()).is_ok() {
        Some(url)
    } else {
        warnings.push(format!(
            "{place}: url `{url}` is not an absolute IRI; ignored"
        ));
        None
    }
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    text: String,
    // Optional fields of any JSON type: one that cannot be kept is dropped
    // with a warning, the article is not.
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<serde_json::Value>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

/// An optional field's text, trimmed; `None` when absent, null or blank, or
/// (with a warning) not a string.
fn optional_text(
    value: Option<serde_json::Value>,
    field: &str,
    place: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => {
            let trimmed = text.trim();
            (!trimmed.is_empty()).then(|| trimmed.to_owned())
        }
        other => {
            warnings.push(format!(
                "{place}: `{field}` must be a string, not {other}; ignored"
            ));
            None
        }
    }
}

/// Reads one JSON Lines record; `line` is 1-based.
pub fn decode_json_line(name: &str, line: usize, bytes: &[u8]) -> Loaded {
    let text = String::from_utf8_lossy(bytes);
    let mut warnings = Vec::new();
    if std::str::from_utf8(bytes).is_err() {
        warnings.push(format!(
            "{name}:{line}: invalid UTF-8; decoded with U+FFFD replacement characters"
        ));
    }
    let record: JsonArticle = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(record) => record,
        Err(error) => {
            warnings.push(format!("{name}:{line}: not an article ({error}); skipped"));
            return Loaded {
                article: None,
                warnings,
            };
        }
    };
    let id = match record.id {
        serde_json::Value::String(id) => id,
        serde_json::Value::Number(number) => number.to_string(),
        other => {
            warnings.push(format!(
                "{name}:{line}: `id` must be a string or a number, not {other}; skipped"
            ));
            return Loaded {
                article: None,
                warnings,
            };
        }
    };
    if id.is_empty() {
        warnings.push(format!("{name}:{line}: `id` is empty; skipped"));
        return Loaded {
            article: None,
            warnings,
        };
    }
    if record.text.trim().is_empty() {
        warnings.push(format!(
            "{name}:{line}: article `{id}` has no text; skipped"
        ));
        return Loaded {
            article: None,
            warnings,
        };
    }
    let text = crate::text::clean_markup(&record.text).unwrap_or(record.text);
    let mut article = Article::from_text(id, text);
    if let Some(title) = record.title.filter(|title| !title.trim().is_empty()) {
        article.title = title;
    }
    let place = format!("{name}:{line}");
    article.date = optional_text(record.date, "date", &place, &mut warnings)
        .and_then(|date| checked_day(date, &place, &mut warnings));
    article.url = optional_text(record.url, "url", &place, &mut warnings)
        .and_then(|url| checked_url(url, &place, &mut warnings));
    article.publisher = optional_text(record.source, "source", &place, &mut warnings);
    Loaded {
        article: Some(article),
        warnings,
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
    /// Where each id read so far came from.
    origins: HashMap<String, String>,
}

/// A JSON Lines source being read, line by line.
struct Open {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    /// Said with the first record read.
    warning: Option<String>,
}

impl ArticleReader {
    pub fn new(sources: Vec<Source>) -> ArticleReader {
        ArticleReader {
            sources: sources.into_iter(),
            current: None,
            bytes_read: Arc::new(AtomicU64::new(0)),
            origins: HashMap::new(),
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

    fn read_whole(&self, source: &Source) -> Result<Loaded, InputError> {
        let name = source.name();
        match source {
            Source::File { path, gzip, .. } => {
                let io_error = |source| InputError::Io {
                    path: path.clone(),
                    source,
                };
                let bytes = if *gzip {
                    let mut bytes = Vec::new();
                    self.open(path, true)?
                        .read_to_end(&mut bytes)
                        .map_err(io_error)?;
                    bytes
                } else {
                    // Read at the file's size in one or two calls, where a
                    // reader without a size hint probes and grows (ten
                    // reads for a 6 KB article).
                    let bytes = std::fs::read(path).map_err(io_error)?;
                    self.bytes_read
                        .fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    bytes
                };
                Ok(decode(&name, text_id(path), bytes))
            }
            Source::Stdin { id } => {
                let mut bytes = Vec::new();
                io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|source| InputError::Io {
                        path: "<stdin>".into(),
                        source,
                    })?;
                self.bytes_read
                    .fetch_add(bytes.len() as u64, Ordering::Relaxed);
                let id = id.clone().unwrap_or_else(|| STDIN_ID.to_owned());
                Ok(decode(&name, id, bytes))
            }
        }
    }

    /// The next article or warnings, with the place it was read from.
    fn next_loaded(&mut self) -> Option<Result<(Loaded, String), InputError>> {
        loop {
            if let Some(open) = &mut self.current {
                let mut line = Vec::new();
                match open.reader.read_until(b'\n', &mut line) {
                    Ok(0) => self.current = None,
                    Ok(_) => {
                        open.line += 1;
                        if line.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        let mut loaded = decode_json_line(&open.name, open.line, &line);
                        if let Some(warning) = open.warning.take() {
                            loaded.warnings.insert(0, warning);
                        }
                        let origin = format!("{}:{}", open.name, open.line);
                        return Some(Ok((loaded, origin)));
                    }
                    Err(source) => {
                        let path = PathBuf::from(&open.name);
                        self.current = None;
                        return Some(Err(InputError::Io { path, source }));
                    }
                }
                continue;
            }
            let source = self.sources.next()?;
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
                        })
                    }
                    Err(error) => return Some(Err(error)),
                },
                Source::Stdin { id } => {
                    let mut reader = BufReader::new(io::stdin());
                    let looks_like_json = match reader.fill_buf() {
                        Ok(buffer) => {
                            buffer.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
                        }
                        Err(source) => {
                            return Some(Err(InputError::Io {
                                path: "<stdin>".into(),
                                source,
                            }));
                        }
                    };
                    if looks_like_json {
                        self.current = Some(Open {
                            name: "<stdin>".to_owned(),
                            reader: Box::new(reader),
                            line: 0,
                            warning: id.as_ref().map(|id| {
                                format!("<stdin>: JSON Lines, whose records carry their own `id`; the id `{id}` given for it is not used")
                            }),
                        });
                    } else {
                        let mut bytes = Vec::new();
                        if let Err(source) = reader.read_to_end(&mut bytes) {
                            return Some(Err(InputError::Io {
                                path: "<stdin>".into(),
                                source,
                            }));
                        }
                        self.bytes_read
                            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
                        let id = id.clone().unwrap_or_else(|| STDIN_ID.to_owned());
                        let loaded = decode("<stdin>", id, bytes);
                        return Some(Ok((loaded, "<stdin>".to_owned())));
                    }
                }
                Source::File { .. } => {
                    return Some(
                        self.read_whole(&source)
                            .map(|loaded| (loaded, source.name())),
                    );
                }
            }
        }
    }
}

impl Iterator for ArticleReader {
    type Item = Result<Loaded, InputError>;

    /// The next article (or only warnings), or an error; an article whose
    /// id came before in this read is an error naming both places.
    fn next(&mut self) -> Option<Self::Item> {
        let (loaded, origin) = match self.next_loaded()? {
            Ok(next) => next,
            Err(error) => return Some(Err(error)),
        };
        if let Some(article) = &loaded.article {
            if let Err(error) = unique_id(&mut self.origins, article.id.clone(), origin) {
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
    fn drops_bom_and_repairs_bad_utf8_with_a_warning() {
        let loaded = decode("a.txt", "a".into(), b"\xEF\xBB\xBFPakistan \xFF accuses");
        let article = loaded.article.unwrap();
        assert!(article.text.starts_with("Pakistan"));
        assert_eq!(
            loaded.warnings,
            ["a.txt: invalid UTF-8 at byte offset 12; decoded with U+FFFD replacement characters"]
        );
    }

    #[test]
    fn skips_binary_files() {
        let loaded = decode("b.bin", "b".into(), b"\x7fELF\x02\x01\x00\x00");
        assert!(loaded.article.is_none());
        assert_eq!(
            loaded.warnings,
            ["b.bin: binary file (NUL byte at offset 6), skipped"]
        );
    }

    #[test]
    fn skips_empty_files() {
        let loaded = decode("e.txt", "e".into(), b"  \n\n");
        assert!(loaded.article.is_none());
        assert_eq!(loaded.warnings, ["e.txt: empty article, skipped"]);
    }

    #[test]
    fn reads_json_lines_with_title_and_date() {
        let loaded = decode_json_line("a.jsonl", 3, br#"{"id": 7, "title": "T", "text": "Body.", "date": "2025-11-07T10:00:00Z", "url": "https://example.org/7"}"#);
        let article = loaded.article.unwrap();
        assert_eq!(
            (
                article.id.as_str(),
                article.title.as_str(),
                article.date.as_deref()
            ),
            ("7", "T", Some("2025-11-07"))
        );
        assert!(loaded.warnings.is_empty());
        let bad = decode_json_line("a.jsonl", 4, b"{not json");
        assert!(bad.article.is_none());
        assert!(
            bad.warnings[0].starts_with("a.jsonl:4: not an article"),
            "{:?}",
            bad.warnings
        );
    }

    #[test]
    fn keeps_url_and_source_and_names_what_it_drops() {
        let loaded = decode_json_line(
            "a.jsonl",
            1,
            br#"{"id": "a", "text": "Body.", "url": "https://example.org/a?b=c", "source": " Geo News ", "date": "2025-11-07"}"#,
        );
        let article = loaded.article.unwrap();
        assert_eq!(
            (
                article.url.as_deref(),
                article.publisher.as_deref(),
                article.date.as_deref()
            ),
            (
                Some("https://example.org/a?b=c"),
                Some("Geo News"),
                Some("2025-11-07")
            )
        );
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);

        let loaded = decode_json_line(
            "a.jsonl",
            2,
            br#"{"id": "b", "text": "Body.", "url": "www.example.org", "source": ["Geo"], "date": 20251107}"#,
        );
        let article = loaded
            .article
            .expect("a bad optional field keeps the article");
        assert_eq!(
            (article.url, article.publisher, article.date),
            (None, None, None)
        );
        assert_eq!(
            loaded.warnings,
            [
                "a.jsonl:2: `date` must be a string, not 20251107; ignored",
                "a.jsonl:2: url `www.example.org` is not an absolute IRI; ignored",
                "a.jsonl:2: `source` must be a string, not [\"Geo\"]; ignored",
            ]
        );
        let empty = decode_json_line("a.jsonl", 3, br#"{"id": "", "text": "Body."}"#);
        assert!(empty.article.is_none());
        assert_eq!(empty.warnings, ["a.jsonl:3: `id` is empty; skipped"]);
    }

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

        // Two text files with one stem are refused before reading.
        for folder in ["p", "q"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join("x.txt.gz"), b"").unwrap();
        }
        let error = expand(&[dir.path().join("p"), dir.path().join("q")], None)
            .unwrap_err()
            .to_string();
        let expected = format!(
            "{}: article id `x` is also the id of {}; ids must be unique within one build",
            dir.path().join("q/x.txt.gz").display(),
            dir.path().join("p/x.txt.gz").display()
        );
        assert_eq!(error, expected, "\nexpected: {expected}\nactual:   {error}");
    }

    #[test]
    fn tells_layout_and_compression_from_the_name() {
        assert_eq!(
            Source::from_path("x/a.jsonl.gz".into()),
            Source::File {
                path: "x/a.jsonl.gz".into(),
                layout: Layout::JsonLines,
                gzip: true
            }
        );
        assert_eq!(
            Source::from_path("b.txt".into()),
            Source::File {
                path: "b.txt".into(),
                layout: Layout::Text,
                gzip: false
            }
        );
    }
}

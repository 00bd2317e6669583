//! Where articles come from: the command line's paths expanded into
//! [`Source`]s, folders walked in a stable order, a file's layout and
//! compression told by its name, and the ids of text files checked for
//! clashes before anything is read.
//!
//! It touches the file system (directory listings and metadata) but reads
//! no article: that is `reader`.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs;
use std::path::{Path, PathBuf};

use super::{InputError, Place, STDIN_NAME};

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
    /// article, whose id is `id` ([`super::STDIN_ID`] when `None`).
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

    /// The name diagnostics and errors give the source.
    pub(super) fn name(&self) -> String {
        match self {
            Source::File { path, .. } => path.display().to_string(),
            Source::Stdin { .. } => STDIN_NAME.to_owned(),
        }
    }
}

/// A text file's article id: its name without `.gz` and the extension.
pub(super) fn text_id(path: &Path) -> String {
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
    let mut origins = Origins::default();
    for source in &sources {
        if let Source::File {
            path,
            layout: Layout::Text,
            ..
        } = source
        {
            origins.record(text_id(path), Place::source(&source.name()))?;
        }
    }
    Ok(sources)
}

/// Where each article id of one read came from.
#[derive(Debug, Default)]
pub(super) struct Origins(HashMap<String, Place>);

impl Origins {
    /// Records that the article `id` comes from `origin`, or fails naming
    /// the place it came from first.
    pub(super) fn record(&mut self, id: String, origin: Place) -> Result<(), InputError> {
        match self.0.entry(id) {
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
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| InputError::Io { path, source }
    };
    for entry in fs::read_dir(folder).map_err(io_error(folder))? {
        let entry = entry.map_err(io_error(folder))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(io_error(&path))?;
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn two_text_files_with_one_stem_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
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
}

//! Reading articles: files, folders (recursively, `*.txt`) and standard input.
//!
//! This module owns decoding: a byte-order mark is dropped, invalid UTF-8 is
//! decoded lossily with a warning naming the file and the byte offset of the
//! first bad sequence, and an empty file is skipped with a warning. It does
//! not extract anything.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::text::Article;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
}

/// One place articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// Expands the command line's inputs into article sources, in a stable
/// order: folders are walked recursively for `*.txt` files, sorted by path.
pub fn expand(inputs: &[PathBuf]) -> Result<Vec<Source>, InputError> {
    let mut sources = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else if input.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            files.sort();
            sources.extend(files.into_iter().map(Source::File));
        } else if input.is_file() {
            sources.push(Source::File(input.clone()));
        } else {
            return Err(InputError::NotFound {
                path: input.clone(),
            });
        }
    }
    Ok(sources)
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
        } else if path.extension().is_some_and(|extension| extension == "txt") {
            files.push(path);
        }
    }
    Ok(())
}

/// An article read from a source, with what was odd about its bytes.
#[derive(Debug)]
pub struct Loaded {
    pub article: Option<Article>,
    pub warnings: Vec<String>,
}

/// Reads one source into an article. `None` with a warning for an empty file.
pub fn load(source: &Source) -> Result<Loaded, InputError> {
    let (name, id, bytes) = match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| InputError::Io {
                    path: "<stdin>".into(),
                    source,
                })?;
            ("<stdin>".to_owned(), "stdin".to_owned(), bytes)
        }
        Source::File(path) => {
            let bytes = fs::read(path).map_err(|source| InputError::Io {
                path: path.clone(),
                source,
            })?;
            let id = path.file_stem().map_or_else(
                || "article".to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            );
            (path.display().to_string(), id, bytes)
        }
    };
    Ok(decode(&name, id, &bytes))
}

/// Decodes an article's bytes; see the module documentation for the policy.
pub fn decode(name: &str, id: String, bytes: &[u8]) -> Loaded {
    let mut warnings = Vec::new();
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let bytes = &bytes[bom..];
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            warnings.push(format!(
                "{name}: invalid UTF-8 at byte offset {}; decoded with U+FFFD replacement characters",
                bom + error.valid_up_to()
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    if text.trim().is_empty() {
        warnings.push(format!("{name}: empty article, skipped"));
        return Loaded {
            article: None,
            warnings,
        };
    }
    Loaded {
        article: Some(Article::from_text(id, text)),
        warnings,
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
    fn skips_empty_files() {
        let loaded = decode("e.txt", "e".into(), b"  \n\n");
        assert!(loaded.article.is_none());
        assert_eq!(loaded.warnings, ["e.txt: empty article, skipped"]);
    }
}

//! Reading articles: text files, folders (recursively), JSON Lines (one
//! article per line), gzip-compressed files of either kind, and standard
//! input; streamed, so memory does not grow with the corpus.
//!
//! Two halves. The I/O: `sources` turns the command line's paths into
//! [`Source`]s (walking folders, telling layout and compression by name)
//! and `reader` streams their bytes ([`ArticleReader`]). The decoding,
//! pure: [`decode`] and [`decode_json_line`] turn bytes into an
//! [`Article`](crate::text::Article), and `front_matter` reads a text's
//! TOML block.
//!
//! Decoding never fails on an input: a byte-order mark is dropped, invalid
//! UTF-8 is decoded lossily with a [`Diagnostic`] naming the file and the
//! byte offset of the first bad sequence, an empty article is skipped with
//! one, and a bad JSON line is skipped with one naming its line. A JSON
//! Lines field that cannot be kept (a date that is not a day, a URL that is
//! no absolute IRI) is dropped with a diagnostic, never silently; a text
//! file may give the same fields in front matter. This module also owns the
//! ids: a text file's is its stem, standard input's is `stdin` unless given,
//! and an id that comes twice in one read is an error naming both places.
//! It does not extract anything and prints nothing.

use std::io;
use std::path::PathBuf;

mod decode;
mod diagnostic;
mod front_matter;
mod reader;
mod sources;

pub use decode::{Loaded, decode, decode_json_line};
pub use diagnostic::{Diagnostic, Place};
pub use reader::{ArticleReader, decompressed};
pub use sources::{Layout, Source, expand, name_and_compression, total_bytes};

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
    /// first's graph. `first` and `again` are a file, a line of one, or
    /// `<stdin>`.
    #[error(
        "{again}: article id `{id}` is also the id of {first}; ids must be unique within one build"
    )]
    DuplicateId {
        id: String,
        first: Place,
        again: Place,
    },
}

/// The id of a text article read from standard input, unless one is given.
pub const STDIN_ID: &str = "stdin";

/// The name standard input goes by in diagnostics and errors.
const STDIN_NAME: &str = "<stdin>";

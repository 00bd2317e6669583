//! What reading says about an input it still reads or skips: a
//! [`Diagnostic`], a message at a [`Place`] (a file, `<stdin>`, or a line
//! in one). Reading never fails on such a problem; it hands the diagnostics
//! back beside the article and the command line prints them, one
//! `warning: {diagnostic}` line each.
//!
//! The type owns only the shape of the text (`place: message`); the
//! messages themselves are written where the problem is found.

use std::fmt;

/// Where an input says something: a source by name (a path as given, or
/// `<stdin>`), and a line in it where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Place {
    pub source: String,
    /// 1-based: a JSON Lines record, or a line of a text's front matter.
    pub line: Option<usize>,
}

impl Place {
    /// A whole source.
    pub fn source(source: &str) -> Place {
        Place {
            source: source.to_owned(),
            line: None,
        }
    }

    /// A line of a source (1-based).
    pub fn line(source: &str, line: usize) -> Place {
        debug_assert!(line > 0, "lines are 1-based: {source}:{line}");
        Place {
            source: source.to_owned(),
            line: Some(line),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.source),
            None => f.write_str(&self.source),
        }
    }
}

/// A problem in an input that did not stop its reading: what was found,
/// and what was done (`…; skipped`, `…; ignored`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    pub place: Place,
    pub message: String,
}

impl Diagnostic {
    pub fn new(place: Place, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            place,
            message: message.into(),
        }
    }
}

/// `place: message`, as the command line prints it after `warning: `.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_reads_place_then_message() {
        let whole = Diagnostic::new(Place::source("a.txt"), "empty article, skipped");
        let line = Diagnostic::new(Place::line("a.jsonl", 3), "`id` is empty; skipped");
        assert_eq!(
            [whole.to_string(), line.to_string()],
            [
                "a.txt: empty article, skipped",
                "a.jsonl:3: `id` is empty; skipped"
            ]
        );
    }
}

//! Front matter: what a text article says about itself above its text, as
//! static site generators write it (Hugo's TOML between `+++` lines):
//!
//! ```text
//! +++
//! date = 2025-11-07
//! url = "https://example.org/news/istanbul-talks"
//! source = "Example Daily"
//! title = "Istanbul talks end without a deal"
//! +++
//! Istanbul talks end without a deal
//! ...
//! ```
//!
//! The article's text (and every offset in the graph) starts on the line
//! after the closing `+++`. Each field is checked as the same JSON Lines
//! field is; one that cannot be kept, and any key newsgraph does not read,
//! is reported with the file and line, never dropped silently.

use toml::Value;

use super::decode::{checked_day, checked_url};
use super::{Diagnostic, Place};

/// The fields a front matter block may give.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FrontMatter {
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
}

const FENCE: &str = "+++";

/// Splits `text` into its front matter and the article text after it.
/// Text without a block comes back whole with no fields; a block that is
/// never closed or is not TOML is reported and left in the text, so nothing
/// is lost.
pub(super) fn split<'t>(
    name: &str,
    text: &'t str,
    warnings: &mut Vec<Diagnostic>,
) -> (FrontMatter, &'t str) {
    let Some(body) = first_line_is_fence(text) else {
        return (FrontMatter::default(), text);
    };
    let Some((block, rest)) = closing_fence(body) else {
        warnings.push(Diagnostic::new(
            Place::line(name, 1),
            "front matter opened by `+++` is never closed; read as article text",
        ));
        return (FrontMatter::default(), text);
    };
    let table: toml::Table = match block.parse() {
        Ok(table) => table,
        Err(error) => {
            let line = error
                .span()
                .map_or(2, |span| 2 + block[..span.start].matches('\n').count());
            warnings.push(Diagnostic::new(
                Place::line(name, line),
                format!(
                    "front matter is not TOML ({}); read as article text",
                    error.message()
                ),
            ));
            return (FrontMatter::default(), text);
        }
    };
    (fields(name, block, table, warnings), rest)
}

/// The text after a first line that is `+++` alone.
fn first_line_is_fence(text: &str) -> Option<&str> {
    let (first, rest) = text.split_once('\n')?;
    (first.trim_end() == FENCE).then_some(rest)
}

/// The block up to a line that is `+++` alone, and the text after it.
fn closing_fence(body: &str) -> Option<(&str, &str)> {
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Some((&body[..at], &body[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

/// The fields of the table, each checked; the line of a key is found in
/// the block for the messages.
fn fields(
    name: &str,
    block: &str,
    table: toml::Table,
    warnings: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let line_of = |key: &str| {
        block
            .lines()
            .position(|line| {
                line.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(2, |index| index + 2)
    };
    let mut front = FrontMatter::default();
    for (key, value) in table {
        let place = Place::line(name, line_of(&key));
        let text = match value {
            Value::String(text) => text.trim().to_owned(),
            Value::Datetime(datetime) if key == "date" => datetime.to_string(),
            other => {
                warnings.push(Diagnostic::new(
                    place,
                    format!(
                        "front matter `{key}` must be a string, not {}; ignored",
                        other.type_str()
                    ),
                ));
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match key.as_str() {
            "date" => front.date = checked_day(text, &place, warnings),
            "url" => front.url = checked_url(text, &place, warnings),
            "source" => front.source = Some(text),
            "title" => front.title = Some(text),
            _ => warnings.push(Diagnostic::new(
                place,
                format!(
                    "front matter key `{key}` is not one newsgraph reads (date, url, source, title); ignored"
                ),
            )),
        }
    }
    front
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, String, Vec<String>) {
        let mut warnings = Vec::new();
        let (front, rest) = split("a.txt", text, &mut warnings);
        let printed = warnings.iter().map(ToString::to_string).collect();
        (front, rest.to_owned(), printed)
    }

    #[test]
    fn fields_are_read_and_the_text_starts_after_the_block() {
        let (front, rest, warnings) = read(
            "+++\ndate = 2025-11-07\nurl = \"https://example.org/a\"\nsource = \"Example Daily\"\ntitle = \"Talks end\"\n+++\nTalks end\nPakistan accused the Taliban.\n",
        );
        assert_eq!(
            front,
            FrontMatter {
                date: Some("2025-11-07".into()),
                url: Some("https://example.org/a".into()),
                source: Some("Example Daily".into()),
                title: Some("Talks end".into()),
            }
        );
        assert_eq!(rest, "Talks end\nPakistan accused the Taliban.\n");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_date_may_be_a_string_and_crlf_lines_are_read() {
        let (front, rest, warnings) =
            read("+++\r\ndate = \"2025-11-07T10:00:00Z\"\r\n+++\r\nText\r\n");
        assert_eq!(front.date.as_deref(), Some("2025-11-07"));
        assert_eq!(rest, "Text\r\n");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn bad_fields_and_unknown_keys_are_reported_with_their_line() {
        let (front, rest, warnings) = read(
            "+++\nsource = \"Daily\"\ndate = \"last week\"\nurl = \"not a url\"\nauthor = \"Ann\"\ntags = 3\n+++\nText\n",
        );
        assert_eq!(front.source.as_deref(), Some("Daily"));
        assert_eq!((front.date, front.url), (None, None));
        assert_eq!(rest, "Text\n");
        assert_eq!(
            warnings,
            [
                "a.txt:3: date `last week` is not yyyy-mm-dd; ignored",
                "a.txt:4: url `not a url` is not an absolute IRI; ignored",
                "a.txt:5: front matter key `author` is not one newsgraph reads (date, url, source, title); ignored",
                "a.txt:6: front matter `tags` must be a string, not integer; ignored",
            ]
        );
    }

    #[test]
    fn text_without_a_block_or_with_a_broken_one_is_kept_whole() {
        for text in [
            "Talks end\n+++\nmore\n",
            "+++ not a fence\ntext\n",
            "+++\ndate = 2025-11-07\nno closing fence\n",
            "+++\nthis is = = not toml\n+++\ntext\n",
        ] {
            let (front, rest, _) = read(text);
            assert_eq!(front, FrontMatter::default(), "{text:?}");
            assert_eq!(rest, text);
        }
        let (_, _, warnings) = read("+++\ndate = 2025-11-07\nno closing fence\n");
        assert_eq!(
            warnings,
            ["a.txt:1: front matter opened by `+++` is never closed; read as article text"]
        );
        let (_, _, warnings) = read("+++\nsource = \"x\"\nthis is = = not toml\n+++\ntext\n");
        assert!(
            warnings.len() == 1 && warnings[0].starts_with("a.txt:3: front matter is not TOML"),
            "{warnings:?}"
        );
    }
}

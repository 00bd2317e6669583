//! Decoding, pure: one text article's bytes, or one JSON Lines record,
//! into an [`Article`], with a [`Diagnostic`] for each thing that could not
//! be kept as it was (see the module documentation of [`crate::input`]).
//!
//! No I/O: the bytes are handed in by `reader`, the fuzz targets
//! and the tests alike.

use serde::Deserialize;

use super::{Diagnostic, Place, front_matter};
use crate::text::Article;

/// An article read from a source, or only diagnostics when there was
/// nothing to build (an empty file, a bad JSON line).
#[derive(Debug)]
pub struct Loaded {
    pub article: Option<Article>,
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// Nothing to build, and why.
    fn skipped(warnings: Vec<Diagnostic>) -> Loaded {
        Loaded {
            article: None,
            warnings,
        }
    }
}

/// Decodes one text article's bytes; see the module documentation. Given
/// a `Vec`, valid UTF-8 becomes the article's text without a copy.
pub fn decode(name: &str, id: String, bytes: impl Into<Vec<u8>>) -> Loaded {
    let mut bytes = bytes.into();
    let mut warnings = Vec::new();
    let whole = || Place::source(name);
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        warnings.push(Diagnostic::new(
            whole(),
            format!("binary file (NUL byte at offset {at}), skipped"),
        ));
        return Loaded::skipped(warnings);
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
            warnings.push(Diagnostic::new(
                whole(),
                format!(
                    "invalid UTF-8 at byte offset {}; decoded with U+FFFD replacement characters",
                    bom + error.utf8_error().valid_up_to()
                ),
            ));
            String::from_utf8_lossy(error.as_bytes()).into_owned()
        }
    };
    if text.trim().is_empty() {
        warnings.push(Diagnostic::new(whole(), "empty article, skipped"));
        return Loaded::skipped(warnings);
    }
    let (front, body) = front_matter::split(name, &text, &mut warnings);
    let body = if body.len() == text.len() {
        text
    } else {
        body.to_owned()
    };
    if body.trim().is_empty() {
        warnings.push(Diagnostic::new(
            whole(),
            "no article text after the front matter, skipped",
        ));
        return Loaded::skipped(warnings);
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
/// or `None` with a diagnostic at `place`.
pub(super) fn checked_day(
    date: String,
    place: &Place,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let day = date.get(..10).unwrap_or("");
    if crate::date::is_day(day) {
        Some(day.to_owned())
    } else {
        warnings.push(Diagnostic::new(
            place.clone(),
            format!("date `{date}` is not yyyy-mm-dd; ignored"),
        ));
        None
    }
}

/// A URL that is an absolute IRI, or `None` with a diagnostic at `place`.
pub(super) fn checked_url(
    url: String,
    place: &Place,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    if oxrdf::NamedNode::new(url.as_str()).is_ok() {
        Some(url)
    } else {
        warnings.push(Diagnostic::new(
            place.clone(),
            format!("url `{url}` is not an absolute IRI; ignored"),
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
    // with a diagnostic, the article is not.
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<serde_json::Value>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

/// An optional field's text, trimmed; `None` when absent, null or blank, or
/// (with a diagnostic) not a string.
fn optional_text(
    value: Option<serde_json::Value>,
    field: &str,
    place: &Place,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => {
            let trimmed = text.trim();
            (!trimmed.is_empty()).then(|| trimmed.to_owned())
        }
        other => {
            warnings.push(Diagnostic::new(
                place.clone(),
                format!("`{field}` must be a string, not {other}; ignored"),
            ));
            None
        }
    }
}

/// Reads one JSON Lines record; `line` is 1-based.
pub fn decode_json_line(name: &str, line: usize, bytes: &[u8]) -> Loaded {
    let text = String::from_utf8_lossy(bytes);
    let place = Place::line(name, line);
    let mut warnings = Vec::new();
    if std::str::from_utf8(bytes).is_err() {
        warnings.push(Diagnostic::new(
            place.clone(),
            "invalid UTF-8; decoded with U+FFFD replacement characters",
        ));
    }
    let skipped = |mut warnings: Vec<Diagnostic>, message: String| {
        warnings.push(Diagnostic::new(place.clone(), message));
        Loaded::skipped(warnings)
    };
    let record: JsonArticle = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(record) => record,
        Err(error) => return skipped(warnings, format!("not an article ({error}); skipped")),
    };
    let id = match record.id {
        serde_json::Value::String(id) => id,
        serde_json::Value::Number(number) => number.to_string(),
        other => {
            return skipped(
                warnings,
                format!("`id` must be a string or a number, not {other}; skipped"),
            );
        }
    };
    if id.is_empty() {
        return skipped(warnings, "`id` is empty; skipped".to_owned());
    }
    if record.text.trim().is_empty() {
        return skipped(warnings, format!("article `{id}` has no text; skipped"));
    }
    let text = crate::text::clean_markup(&record.text).unwrap_or(record.text);
    let mut article = Article::from_text(id, text);
    if let Some(title) = record.title.filter(|title| !title.trim().is_empty()) {
        article.title = title;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagnostics as the command line prints them (after `warning: `).
    fn printed(loaded: &Loaded) -> Vec<String> {
        loaded.warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn drops_bom_and_repairs_bad_utf8_with_a_warning() {
        let loaded = decode("a.txt", "a".into(), b"\xEF\xBB\xBFPakistan \xFF accuses");
        assert_eq!(
            printed(&loaded),
            ["a.txt: invalid UTF-8 at byte offset 12; decoded with U+FFFD replacement characters"]
        );
        let article = loaded.article.unwrap();
        assert!(article.text.starts_with("Pakistan"));
    }

    #[test]
    fn skips_binary_files() {
        let loaded = decode("b.bin", "b".into(), b"\x7fELF\x02\x01\x00\x00");
        assert!(loaded.article.is_none());
        assert_eq!(
            printed(&loaded),
            ["b.bin: binary file (NUL byte at offset 6), skipped"]
        );
    }

    #[test]
    fn skips_empty_files() {
        let loaded = decode("e.txt", "e".into(), b"  \n\n");
        assert!(loaded.article.is_none());
        assert_eq!(printed(&loaded), ["e.txt: empty article, skipped"]);
    }

    #[test]
    fn reads_json_lines_with_title_and_date() {
        let loaded = decode_json_line("a.jsonl", 3, br#"{"id": 7, "title": "T", "text": "Body.", "date": "2025-11-07T10:00:00Z", "url": "https://example.org/7"}"#);
        assert!(loaded.warnings.is_empty());
        let article = loaded.article.unwrap();
        assert_eq!(
            (
                article.id.as_str(),
                article.title.as_str(),
                article.date.as_deref()
            ),
            ("7", "T", Some("2025-11-07"))
        );
        let bad = decode_json_line("a.jsonl", 4, b"{not json");
        assert!(bad.article.is_none());
        assert!(
            printed(&bad)[0].starts_with("a.jsonl:4: not an article"),
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
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
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

        let loaded = decode_json_line(
            "a.jsonl",
            2,
            br#"{"id": "b", "text": "Body.", "url": "www.example.org", "source": ["Geo"], "date": 20251107}"#,
        );
        assert_eq!(
            printed(&loaded),
            [
                "a.jsonl:2: `date` must be a string, not 20251107; ignored",
                "a.jsonl:2: url `www.example.org` is not an absolute IRI; ignored",
                "a.jsonl:2: `source` must be a string, not [\"Geo\"]; ignored",
            ]
        );
        let article = loaded
            .article
            .expect("a bad optional field keeps the article");
        assert_eq!(
            (article.url, article.publisher, article.date),
            (None, None, None)
        );
        let empty = decode_json_line("a.jsonl", 3, br#"{"id": "", "text": "Body."}"#);
        assert!(empty.article.is_none());
        assert_eq!(printed(&empty), ["a.jsonl:3: `id` is empty; skipped"]);
    }

    #[test]
    fn a_diagnostic_keeps_its_place_apart_from_its_message() {
        let loaded = decode_json_line("a.jsonl", 5, br#"{"id": "c", "text": " "}"#);
        assert_eq!(
            loaded.warnings,
            [Diagnostic::new(
                Place::line("a.jsonl", 5),
                "article `c` has no text; skipped"
            )]
        );
    }
}

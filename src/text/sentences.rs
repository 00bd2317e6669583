//! Splitting an article into sentences: at line breaks, and inside a line
//! at an end mark followed by what opens a sentence, unless the word before
//! is an abbreviation or an initial; long runs without one are cut at white
//! space.

use std::ops::Range;

use super::words::WordList;

/// A sentence: its byte span in the article and its index in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub span: Range<usize>,
}

impl Sentence {
    pub fn text<'t>(&self, article_text: &'t str) -> &'t str {
        &article_text[self.span.clone()]
    }
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: WordList = WordList::new(&[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Gov", "Sen",
    "Rep", "St", "Jr", "Sr", "No", "Nos", "vs", "etc", "e.g", "i.e", "Jan", "Feb", "Mar", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Ltd", "Co", "Corp", "approx",
    "U.S", "U.K", "U.N", "U.S.A", "Rs", "Mt", "Ft", "Brig", "Cdr", "Amb",
]);

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[')
}

/// Splits an article into sentences. Line breaks always end a sentence (news
/// text puts headlines, bylines and paragraphs on lines of their own); inside
/// a line a sentence ends at `.`, `!` or `?` (with any closing quotes) that is
/// followed by white space and a capital, a digit or an opening quote, unless
/// the word before the period is a known abbreviation or a single initial.
///
/// Spans are trimmed of white space and never empty. Runs in linear time.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut spans);
        line_start += line.len();
    }
    spans
        .into_iter()
        .enumerate()
        .map(|(index, span)| Sentence { index, span })
        .collect()
}

/// The longest sentence the splitter emits. Text with no sentence ends (a
/// 10 MB line of tokens, a table) is cut at white space into pieces of at
/// most this size, which keeps extraction linear in the article's length.
pub const MAX_SENTENCE_BYTES: usize = 4096;

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Range<usize>>) {
    let piece = &text[start..end];
    let mut trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = end - (piece.len() - piece.trim_end().len());
    while trimmed_end.saturating_sub(trimmed_start) > MAX_SENTENCE_BYTES {
        let mut cut = trimmed_start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[trimmed_start..cut];
        let at_space = window
            .rfind(char::is_whitespace)
            .filter(|&at| at > MAX_SENTENCE_BYTES / 2)
            .map(|at| trimmed_start + at);
        let cut = at_space.unwrap_or(cut);
        push_trimmed(text, trimmed_start, cut, spans);
        trimmed_start = cut;
        let rest = &text[trimmed_start..trimmed_end];
        trimmed_start += rest.len() - rest.trim_start().len();
    }
    if trimmed_start < trimmed_end {
        spans.push(trimmed_start..trimmed_end);
    }
}

fn split_line(text: &str, start: usize, end: usize, spans: &mut Vec<Range<usize>>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = start;
    let mut offset = 0;
    while let Some((at, c)) = next_end_mark(bytes, offset) {
        // Take the closing quotes and brackets that belong to this sentence.
        offset = at + c.len_utf8();
        for next in line[offset..].chars() {
            if is_closing(next) || matches!(next, '.' | '!' | '?') {
                offset += next.len_utf8();
            } else {
                break;
            }
        }
        let boundary = start + offset;
        let rest = &text[boundary..end];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() || after_space.is_empty() {
            continue; // no white space after it, or the line ends: the line end splits
        }
        let next = after_space.chars().next().unwrap_or(' ');
        if !(next.is_uppercase() || next.is_ascii_digit() || is_opening(next)) {
            continue;
        }
        if c == '.' && ends_with_abbreviation(&text[sentence_start..start + at], next) {
            continue;
        }
        push_trimmed(text, sentence_start, boundary, spans);
        sentence_start = boundary;
    }
    push_trimmed(text, sentence_start, end, spans);
}

/// The first mark at or after byte `from` of `line` that can end a
/// sentence, `.`, `!`, `?` or `…`, with its offset. `memchr` scans for them
/// many bytes at a time; '…' is looked for only before the first ASCII mark,
/// so each byte is read at most twice.
fn next_end_mark(line: &[u8], from: usize) -> Option<(usize, char)> {
    let rest = &line[from..];
    let ascii = memchr::memchr3(b'.', b'!', b'?', rest);
    let before = &rest[..ascii.unwrap_or(rest.len())];
    // '…' is E2 80 A6: look for its first byte, rare in news text (a
    // `memmem` search would build its searcher on every call).
    let ellipsis = "…".as_bytes();
    if let Some(at) =
        memchr::memchr_iter(ellipsis[0], before).find(|&at| before[at..].starts_with(ellipsis))
    {
        return Some((from + at, '…'));
    }
    ascii.map(|at| (from + at, char::from(rest[at])))
}

/// Whether the period ends an abbreviation, given the character that
/// starts the next word: "No." abbreviates a number only before one ("No.
/// 5"); "A: No. We reject it" ends a sentence.
fn ends_with_abbreviation(before_period: &str, next: char) -> bool {
    let word = before_period
        .rsplit(|c: char| c.is_whitespace() || is_opening(c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // A single capital initial ("John F. Kennedy") or dotted initials ("U.S").
    let mut letters = word.chars().filter(|c| *c != '.');
    let first = letters.next();
    if letters.next().is_none() && first.is_some_and(char::is_uppercase) {
        return true;
    }
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 1) {
        return true;
    }
    if matches!(word, "No" | "Nos") {
        return next.is_ascii_digit();
    }
    ABBREVIATIONS.contains(word)
}

//! Articles as text: the title, the sentences and the words, each with its
//! exact place in the article.
//!
//! This module owns splitting and offsets. Byte offsets are what the rest of
//! the pipeline slices with; [`CharIndex`] turns them into the Unicode
//! character offsets the graph publishes. It does no I/O and knows nothing of
//! entities or relations.

use std::ops::Range;

use std::borrow::Cow;

/// One article as the pipeline sees it: an id (the file stem), a title and
/// the full text the offsets refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file stem or the JSON Lines `id`; becomes `dcterms:identifier`.
    pub id: String,
    /// The first non-empty line of the text, unless given explicitly.
    pub title: String,
    /// The whole text. Every offset in the graph points into this string.
    pub text: String,
    /// Publication date as `yyyy-mm-dd`, when known. Date-aware rules
    /// ("who governs Kabul") use it.
    pub date: Option<String>,
}

impl Article {
    /// An article whose title is its first non-empty line.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let first_line = text
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .unwrap_or("");
        Article {
            id: id.into(),
            title: title_of(first_line),
            text,
            date: None,
        }
    }
}

/// The longest title kept whole; a longer first line (an article with no
/// headline starts with its first paragraph) gives its first sentence, cut
/// at a word.
const MAX_TITLE_CHARS: usize = 160;

fn title_of(first_line: &str) -> String {
    if first_line.chars().count() <= MAX_TITLE_CHARS {
        return first_line.to_owned();
    }
    let first_sentence = split_sentences(first_line)
        .first()
        .map_or(first_line, |sentence| sentence.text(first_line));
    if first_sentence.chars().count() <= MAX_TITLE_CHARS {
        return first_sentence.to_owned();
    }
    let cut: String = first_sentence.chars().take(MAX_TITLE_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |at| &cut[..at]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':']))
}

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

/// A filter of words by their length and first, second and last bytes
/// (1,024 bits): "maybe" for every word put in, "no" for most others, in a
/// few instructions. For the lists and tables asked about every word of
/// every article, before the real lookup.
#[derive(Debug, Clone, Copy)]
pub struct WordFilter {
    bits: [u64; 16],
}

impl WordFilter {
    pub const EMPTY: WordFilter = WordFilter { bits: [0; 16] };

    pub const fn with(mut self, word: &str) -> WordFilter {
        let slot = filter_slot(word.as_bytes());
        self.bits[slot / 64] |= 1 << (slot % 64);
        self
    }

    pub fn insert(&mut self, word: &str) {
        *self = self.with(word);
    }

    /// False only for words never put in.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let slot = filter_slot(word.as_bytes());
        (self.bits[slot / 64] >> (slot % 64)) & 1 != 0
    }
}

/// The filter bit of a word: a multiplicative hash of its length and its
/// first, second and last bytes.
#[inline]
const fn filter_slot(word: &[u8]) -> usize {
    let len = word.len();
    if len == 0 {
        return 0;
    }
    let second = if len > 1 { word[1] as u32 } else { 0 };
    let len_byte = if len > 255 { 255 } else { len as u32 };
    let key = word[0] as u32 | second << 8 | (word[len - 1] as u32) << 16 | len_byte << 24;
    (key.wrapping_mul(0x9E37_79B1) >> 22) as usize
}

/// A fixed list of words, asked about for nearly every token of every
/// article: a [`WordFilter`] answers most "no"s, and a word that passes it
/// is compared with the list. Exact: it never says yes for a word not in
/// the list, nor no for one in it.
#[derive(Debug)]
pub struct WordList {
    words: &'static [&'static str],
    filter: WordFilter,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        let mut filter = WordFilter::EMPTY;
        let mut at = 0;
        while at < words.len() {
            filter = filter.with(words[at]);
            at += 1;
        }
        WordList { words, filter }
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.words.contains(&word)
    }

    /// Whether the list holds `word` in lowercase, as
    /// `contains(&word.to_lowercase())` but without making the string for
    /// ASCII words (for short lists asked about now and then, so without
    /// the filter). The list's words must be lowercase.
    pub fn contains_lowercased(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.contains(&word.to_lowercase());
        }
        self.words
            .iter()
            .any(|listed| listed.eq_ignore_ascii_case(word))
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
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

/// Blanks out HTML and Markdown residue with spaces of the same byte
/// length, so every offset into the cleaned text is an offset into the
/// original: tags (`<p>`, `<a href=...>`), entities (`&amp;` becomes `&`
/// and spaces), Markdown emphasis (`**`, `__`), heading marks and link
/// targets (`[text](url)` keeps `text`). Returns `None` when there was
/// nothing to clean.
pub fn clean_markup(text: &str) -> Option<String> {
    let source = text.as_bytes();
    if memchr::memchr3(b'<', b'&', b'*', source).is_none()
        && memchr::memchr3(b'_', b'#', b']', source).is_none()
    {
        return None;
    }
    let mut bytes = source.to_vec();
    let mut changed = false;
    let mut blank = |bytes: &mut Vec<u8>, range: Range<usize>| {
        for byte in &mut bytes[range] {
            if !byte.is_ascii_whitespace() {
                *byte = b' ';
            }
        }
        changed = true;
    };
    let mut i = 0;
    while i < source.len() {
        match source[i] {
            b'<' => {
                // A tag: "<" then a letter, "/" or "!", up to ">" within 300 bytes, on one line.
                let opens_tag = source
                    .get(i + 1)
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!');
                let close = source[i..source.len().min(i + 300)]
                    .iter()
                    .position(|b| *b == b'>' || *b == b'\n');
                if let (true, Some(offset)) = (opens_tag, close) {
                    if source[i + offset] == b'>' {
                        blank(&mut bytes, i..i + offset + 1);
                        i += offset + 1;
                        continue;
                    }
                }
            }
            b'&' => {
                let end = source[i..source.len().min(i + 10)]
                    .iter()
                    .position(|b| *b == b';');
                if let Some(offset) = end.filter(|&o| {
                    o > 1
                        && source[i + 1..i + o]
                            .iter()
                            .all(|b| b.is_ascii_alphanumeric() || *b == b'#')
                }) {
                    let entity = &text[i + 1..i + offset];
                    let replacement = match entity {
                        "amp" => b'&',
                        "quot" | "ldquo" | "rdquo" => b'"',
                        "apos" | "rsquo" | "lsquo" | "#39" => b'\'',
                        "lt" => b'<',
                        "gt" => b'>',
                        "mdash" | "ndash" => b'-',
                        _ => b' ',
                    };
                    blank(&mut bytes, i..i + offset + 1);
                    bytes[i] = replacement;
                    i += offset + 1;
                    continue;
                }
            }
            b'*' | b'_' if source.get(i + 1) == Some(&source[i]) => {
                blank(&mut bytes, i..i + 2);
                i += 2;
                continue;
            }
            b'#' if (i == 0 || source[i - 1] == b'\n') => {
                let hashes = source[i..].iter().take_while(|b| **b == b'#').count();
                if source.get(i + hashes) == Some(&b' ') {
                    blank(&mut bytes, i..i + hashes);
                    i += hashes;
                    continue;
                }
            }
            b']' if source.get(i + 1) == Some(&b'(') => {
                if let Some(offset) = source[i..source.len().min(i + 2048)]
                    .iter()
                    .position(|b| *b == b')' || *b == b'\n')
                {
                    if source[i + offset] == b')' {
                        blank(&mut bytes, i..i + offset + 1);
                        if let Some(open) =
                            source[..i].iter().rposition(|b| *b == b'[' || *b == b'\n')
                        {
                            if source[open] == b'[' {
                                blank(&mut bytes, open..open + 1);
                            }
                        }
                        i += offset + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text stays UTF-8.
    changed.then(|| String::from_utf8(bytes).expect("ASCII-for-ASCII replacement keeps UTF-8"))
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
        if c == '.' && ends_with_abbreviation(&text[sentence_start..start + at]) {
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

fn ends_with_abbreviation(before_period: &str) -> bool {
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
    ABBREVIATIONS.contains(word)
}

/// What a token is: the pipeline needs only words and a few kinds of marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// A possessive marker `'s` or `’s` (or a lone `'` after a plural).
    Possessive,
    OpenQuote,
    CloseQuote,
    /// A quote mark whose direction the text does not say (`"`).
    Quote,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    pub kind: TokenKind,
    /// Byte span in the article.
    pub span: Range<usize>,
    /// Lowercased text for words; the mark itself otherwise. Borrowed from
    /// the article where it is the text itself (most words of news text are
    /// lowercase already, and every mark), so tokenizing copies little.
    pub norm: Cow<'t, str>,
}

/// Splits a sentence (given by its span in `text`) into tokens. A word is a
/// run of letters and digits, joined by inner hyphens or apostrophes
/// ("Taliban-led", "don't"); a trailing `'s` becomes its own possessive token.
pub fn tokenize(text: &str, span: Range<usize>) -> Vec<Token<'_>> {
    // News prose runs about one token per five bytes.
    let mut tokens = Vec::with_capacity(span.len() / 4);
    tokenize_into(&mut tokens, text, span);
    tokens
}

/// [`tokenize`], appending to `tokens`: an article's sentences can share
/// one vector.
pub fn tokenize_into<'t>(tokens: &mut Vec<Token<'t>>, text: &'t str, span: Range<usize>) {
    let first = tokens.len();
    let piece = &text[span.clone()];
    let base = span.start;
    let mut offset = 0;
    while offset < piece.len() {
        if piece.as_bytes()[offset] == b' ' {
            offset += 1;
            continue;
        }
        let (c, width) = char_at(piece, offset);
        if is_word_char(c) {
            let end = initialism_end(piece, offset, word_end(piece, offset + width));
            push_word(tokens, base + offset, &piece[offset..end]);
            offset = end;
            continue;
        }
        let start = offset;
        offset += width;
        if c.is_whitespace() {
            continue;
        }
        let kind = match c {
            '“' | '«' | '‘' => TokenKind::OpenQuote,
            '”' | '»' => TokenKind::CloseQuote,
            '"' => TokenKind::Quote,
            '’' | '\'' => {
                // A plural possessive ("the officials' claims") or a closing quote.
                let previous_is_word = tokens[first..].last().is_some_and(|t: &Token<'_>| {
                    t.kind == TokenKind::Word && t.span.end == base + start
                });
                if previous_is_word {
                    TokenKind::Possessive
                } else {
                    TokenKind::CloseQuote
                }
            }
            _ => TokenKind::Punct,
        };
        tokens.push(Token {
            kind,
            span: base + start..base + offset,
            norm: Cow::Borrowed(&piece[start..offset]),
        });
    }
}

/// `char::is_alphanumeric`, answering at once for the quotes, dashes and
/// spaces of Unicode's General Punctuation block (U+2000 to U+206F, none of
/// them a letter or digit), common in news text and otherwise two table
/// searches each.
#[inline]
fn is_word_char(c: char) -> bool {
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric()
}

/// The character at byte `at` of `piece` (a character boundary) and its
/// width in bytes. ASCII, most of news text, is read without decoding.
#[inline(always)]
fn char_at(piece: &str, at: usize) -> (char, usize) {
    let byte = piece.as_bytes()[at];
    if byte.is_ascii() {
        return (char::from(byte), 1);
    }
    char_at_decoded(piece, at)
}

#[inline(never)]
fn char_at_decoded(piece: &str, at: usize) -> (char, usize) {
    piece[at..]
        .chars()
        .next()
        .map_or((char::REPLACEMENT_CHARACTER, 1), |c| (c, c.len_utf8()))
}

/// The end of the word whose first character ends at byte `end`: letters
/// and digits, joined by a hyphen, dash or apostrophe only when a letter or
/// digit follows it.
fn word_end(piece: &str, mut end: usize) -> usize {
    while end < piece.len() {
        let byte = piece.as_bytes()[end];
        if byte.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        // Most words end at a space or a mark: ASCII that joins nothing.
        if byte.is_ascii() && byte != b'-' && byte != b'\'' {
            break;
        }
        let (c, width) = char_at(piece, end);
        let joins = matches!(c, '-' | '\'' | '’' | '–')
            && end + width < piece.len()
            && is_word_char(char_at(piece, end + width).0);
        if is_word_char(c) || joins {
            end += width;
        } else {
            break;
        }
    }
    end
}

/// Where a word ends that is an initialism written with periods ("U.S.",
/// "U.N.", "U.S.A."): one token, as treebanks write it, not letters and
/// periods. `end` is where the first letter's word ends; anything else is
/// left as it is.
fn initialism_end(piece: &str, start: usize, end: usize) -> usize {
    let bytes = piece.as_bytes();
    if end != start + 1 || !bytes[start].is_ascii_uppercase() {
        return end;
    }
    let mut at = end;
    while at + 1 < bytes.len()
        && bytes[at] == b'.'
        && bytes[at + 1].is_ascii_uppercase()
        && bytes
            .get(at + 2)
            .is_none_or(|next| !next.is_ascii_alphanumeric())
    {
        at += 2;
    }
    if at == end {
        return end;
    }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
    }
    at
}

/// Pushes the word at byte `start` of the article, splitting a trailing
/// possessive off: "Pakistan’s" -> "Pakistan" + "’s".
fn push_word<'t>(tokens: &mut Vec<Token<'t>>, start: usize, word: &'t str) {
    let owner = word
        .strip_suffix(['s', 'S'])
        .and_then(|stem| stem.strip_suffix(['\'', '’']))
        .filter(|owner| !owner.is_empty());
    let Some(owner) = owner else {
        tokens.push(Token {
            kind: TokenKind::Word,
            span: start..start + word.len(),
            norm: lowercase(word),
        });
        return;
    };
    tokens.push(Token {
        kind: TokenKind::Word,
        span: start..start + owner.len(),
        norm: lowercase(owner),
    });
    tokens.push(Token {
        kind: TokenKind::Possessive,
        span: start + owner.len()..start + word.len(),
        norm: Cow::Borrowed("'s"),
    });
}

/// A word in lowercase. Most words of news text are lowercase ASCII
/// already: they are borrowed, checked in one pass and not copied.
///
/// Inlined into the token push, so the token is built in place: returned
/// through memory, it made the push wait on the copy (store forwarding).
#[inline(always)]
fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else if word.is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        lowercase_unicode(word)
    }
}

#[inline(never)]
fn lowercase_unicode(word: &str) -> Cow<'_, str> {
    let lower = word.to_lowercase();
    if lower == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(lower)
    }
}

/// Maps byte offsets to Unicode character offsets in one text. Queries must
/// come in non-decreasing order per cursor for linear time; [`CharIndex::chars_at`]
/// handles any order by restarting when it has to go back.
pub struct CharIndex<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        CharIndex {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The number of characters before byte offset `byte_offset`.
    pub fn chars_at(&mut self, byte_offset: usize) -> usize {
        debug_assert!(
            self.text.is_char_boundary(byte_offset),
            "offset {byte_offset} is not on a char boundary"
        );
        if byte_offset < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte_offset].chars().count();
        self.byte = byte_offset;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn splits_at_periods_and_lines() {
        let text = "Title line\nPakistan accuses Kabul. The Taliban deny it! Why?\n\nNext para.";
        assert_eq!(
            sentences(text),
            [
                "Title line",
                "Pakistan accuses Kabul.",
                "The Taliban deny it!",
                "Why?",
                "Next para."
            ]
        );
    }

    #[test]
    fn a_paragraph_as_first_line_gives_its_first_sentence_as_title() {
        let long = format!(
            "{} Second sentence.",
            "Word ".repeat(20).trim_end().to_owned() + "."
        );
        assert_eq!(Article::from_text("a", format!("{long}\nBody")).title, long);
        let paragraph = format!(
            "The deadlock in the talks underscores a crisis. {}",
            "More text here. ".repeat(20)
        );
        assert_eq!(
            Article::from_text("b", paragraph).title,
            "The deadlock in the talks underscores a crisis."
        );
        let endless = "word ".repeat(100);
        let title = Article::from_text("c", endless).title;
        assert!(
            title.ends_with("word…") && title.chars().count() <= MAX_TITLE_CHARS + 1,
            "{title}"
        );
    }

    #[test]
    fn windows_line_endings_end_lines_too() {
        let text = "Title\r\nPakistan accused Kabul.\r\nQatar mediated.\r\n";
        assert_eq!(
            sentences(text),
            ["Title", "Pakistan accused Kabul.", "Qatar mediated."]
        );
    }

    #[test]
    fn initialisms_with_periods_are_one_token() {
        let text = "Former U.S. envoy met U.N. staff in the U.S.A. and J. Smith.";
        let words: Vec<&str> = tokenize(text, 0..text.len())
            .iter()
            .map(|token| &text[token.span.clone()])
            .collect();
        assert_eq!(
            words,
            [
                "Former", "U.S.", "envoy", "met", "U.N.", "staff", "in", "the", "U.S.A.", "and",
                "J", ".", "Smith", "."
            ]
        );
        // Not an initialism: a capital, a period, then a word.
        let text = "Plan B.Then";
        let words: Vec<&str> = tokenize(text, 0..text.len())
            .iter()
            .map(|token| &text[token.span.clone()])
            .collect();
        assert_eq!(words, ["Plan", "B", ".", "Then"]);
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside() {
        let text =
            "Former U.S. envoy Zalmay Khalilzad spoke. Gen. Munir met John F. Kennedy Jr. today.";
        assert_eq!(
            sentences(text),
            [
                "Former U.S. envoy Zalmay Khalilzad spoke.",
                "Gen. Munir met John F. Kennedy Jr. today."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "He said it was “illogical.” The talks ended. «We remain committed,» the statement read.";
        assert_eq!(
            sentences(text),
            [
                "He said it was “illogical.”",
                "The talks ended.",
                "«We remain committed,» the statement read."
            ]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            sentences("It cost 3.5 million. ok then"),
            ["It cost 3.5 million. ok then"]
        );
    }

    #[test]
    fn long_text_without_sentence_ends_is_cut_at_white_space() {
        let text = "word ".repeat(10_000);
        let spans = split_sentences(&text);
        assert!(spans.len() > 10, "a 50 KB line is cut into pieces");
        assert!(
            spans
                .iter()
                .all(|s| s.span.len() <= MAX_SENTENCE_BYTES && text.is_char_boundary(s.span.start))
        );
        let covered: usize = spans
            .iter()
            .map(|s| s.text(&text).split_whitespace().count())
            .sum();
        assert_eq!(covered, 10_000, "no word is lost or split");
    }

    #[test]
    fn markup_is_blanked_keeping_offsets() {
        let text = "<p>Pakistan &amp; <b>Qatar</b> [met](https://x.org/a) **today**</p>\n## Title";
        let cleaned = clean_markup(text).unwrap();
        assert_eq!(cleaned.len(), text.len());
        assert_eq!(
            cleaned.split_whitespace().collect::<Vec<_>>(),
            ["Pakistan", "&", "Qatar", "met", "today", "Title"]
        );
        assert_eq!(&cleaned[text.find("Qatar").unwrap()..][..5], "Qatar");
        assert_eq!(clean_markup("Plain text, 3 < 4."), None);
    }

    #[test]
    fn tokens_split_possessives_and_keep_hyphens() {
        let text = "Islamabad’s Taliban-led “demand”";
        let tokens = tokenize(text, 0..text.len());
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_ref()).collect();
        assert_eq!(
            norms,
            ["islamabad", "'s", "taliban-led", "“", "demand", "”"]
        );
        assert_eq!(tokens[1].kind, TokenKind::Possessive);
        assert_eq!(&text[tokens[0].span.clone()], "Islamabad");
    }

    #[test]
    fn tokens_read_non_ascii_words_joiners_and_plural_possessives() {
        let text = "Doğan's ÖZEL Taliban–led well- known officials' ’S 'S x";
        let tokens = tokenize(text, 0..text.len());
        let words: Vec<(&str, &str, TokenKind)> = tokens
            .iter()
            .map(|t| (&text[t.span.clone()], t.norm.as_ref(), t.kind))
            .collect();
        use TokenKind::{CloseQuote, Possessive, Punct, Word};
        assert_eq!(
            words,
            [
                ("Doğan", "doğan", Word),
                ("'s", "'s", Possessive),
                ("ÖZEL", "özel", Word),
                ("Taliban–led", "taliban–led", Word),
                ("well", "well", Word),
                ("-", "-", Punct),
                ("known", "known", Word),
                ("officials", "officials", Word),
                ("'", "'", Possessive),
                ("’", "’", CloseQuote),
                ("S", "s", Word),
                ("'", "'", CloseQuote),
                ("S", "s", Word),
                ("x", "x", Word),
            ]
        );
    }

    #[test]
    fn sentences_can_share_one_token_vector() {
        let text = "Pakistan accused Kabul. Qatar mediated.";
        let sentences = split_sentences(text);
        let mut shared = Vec::new();
        for sentence in &sentences {
            let first = shared.len();
            tokenize_into(&mut shared, text, sentence.span.clone());
            assert_eq!(shared[first..], tokenize(text, sentence.span.clone()));
        }
        assert_eq!(shared.len(), 7);
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Türkiye’s «talks»";
        let mut index = CharIndex::new(text);
        let at = text.find('«').unwrap();
        assert_eq!(index.chars_at(at), 10);
        assert_eq!(index.chars_at(text.len()), text.chars().count());
        assert_eq!(index.chars_at(0), 0);
    }

    #[test]
    fn word_lists_answer_exactly_as_a_search_of_the_list() {
        const LIST: WordList = WordList::new(&["a", "in", "the", "between", "side", "ça", ""]);
        let mut words: Vec<String> = LIST.words().iter().map(|w| w.to_string()).collect();
        // Every word and mark of the bundled articles, in their own case and lowercased.
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for token in tokenize(&text, 0..text.len()) {
                words.push(text[token.span].to_string());
                words.push(token.norm.to_string());
            }
        }
        words
            .extend(["A", "IN", "The", "BETWEEN", "Side", "ÇA", "Ça", "x", "ab"].map(String::from));
        for word in &words {
            assert_eq!(
                LIST.contains(word),
                LIST.words().contains(&word.as_str()),
                "contains({word:?})"
            );
            assert_eq!(
                LIST.contains_lowercased(word),
                LIST.words().contains(&word.to_lowercase().as_str()),
                "contains_lowercased({word:?})"
            );
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "U+{:04X} is alphanumeric", c as u32);
        }
    }
}

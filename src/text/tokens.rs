//! Tokens: the words and marks of a sentence, with their byte spans and
//! their lowercase forms.

use std::borrow::Cow;
use std::ops::Range;

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

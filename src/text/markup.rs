//! HTML and Markdown residue blanked out in place, so that offsets into the
//! cleaned text are offsets into the original.

use std::ops::Range;

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
                if let Some(end) = tag_end(source, i) {
                    blank(&mut bytes, i..end);
                    i = end;
                    continue;
                }
            }
            b'&' => {
                if let Some((end, replacement)) = entity_at(text, i) {
                    blank(&mut bytes, i..end);
                    bytes[i] = replacement;
                    i = end;
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
                if let Some(end) = link_target_end(source, i) {
                    blank(&mut bytes, i..end);
                    if let Some(open) = source[..i].iter().rposition(|b| *b == b'[' || *b == b'\n')
                    {
                        if source[open] == b'[' {
                            blank(&mut bytes, open..open + 1);
                        }
                    }
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text stays UTF-8.
    changed.then(|| String::from_utf8(bytes).expect("ASCII-for-ASCII replacement keeps UTF-8"))
}

/// The end of a tag opening at `at`: "<" then a letter, "/" or "!", up to
/// ">" within 300 bytes, on one line.
fn tag_end(source: &[u8], at: usize) -> Option<usize> {
    let opens_tag = source
        .get(at + 1)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!');
    let close = source[at..source.len().min(at + 300)]
        .iter()
        .position(|b| *b == b'>' || *b == b'\n')?;
    (opens_tag && source[at + close] == b'>').then_some(at + close + 1)
}

/// The end of a character entity at `at` (`&amp;`, `&#39;`, within 10
/// bytes) and the ASCII byte that stands for it.
fn entity_at(text: &str, at: usize) -> Option<(usize, u8)> {
    let source = text.as_bytes();
    let offset = source[at..source.len().min(at + 10)]
        .iter()
        .position(|b| *b == b';')
        .filter(|&o| {
            o > 1
                && source[at + 1..at + o]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'#')
        })?;
    let replacement = match &text[at + 1..at + offset] {
        "amp" => b'&',
        "quot" | "ldquo" | "rdquo" => b'"',
        "apos" | "rsquo" | "lsquo" | "#39" => b'\'',
        "lt" => b'<',
        "gt" => b'>',
        "mdash" | "ndash" => b'-',
        _ => b' ',
    };
    Some((at + offset + 1, replacement))
}

/// The end of a Markdown link target `](url)` at `at`, on one line, within
/// 2,048 bytes.
fn link_target_end(source: &[u8], at: usize) -> Option<usize> {
    let offset = source[at..source.len().min(at + 2048)]
        .iter()
        .position(|b| *b == b')' || *b == b'\n')?;
    (source[at + offset] == b')').then_some(at + offset + 1)
}

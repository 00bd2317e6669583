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

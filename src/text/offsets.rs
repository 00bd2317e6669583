//! Byte offsets to Unicode character offsets: the one conversion of the
//! crate. The pipeline slices with bytes; the graph publishes characters
//! (NIF, RFC 5147).

use std::ops::Range;

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

/// Character offsets of one text asked in any order, counted from the
/// nearest anchor (a byte offset whose character offset is known, such as a
/// sentence start) before them.
pub struct CharAnchors {
    /// (byte, char) at each anchor, ascending.
    anchors: Vec<(usize, usize)>,
}

impl CharAnchors {
    /// Anchors at the given byte offsets, which must ascend.
    pub fn new(text: &str, anchors: impl IntoIterator<Item = usize>) -> CharAnchors {
        let mut index = CharIndex::new(text);
        let anchors = anchors
            .into_iter()
            .map(|byte| (byte, index.chars_at(byte)))
            .collect();
        CharAnchors { anchors }
    }

    /// The number of characters before byte offset `byte`.
    pub fn chars_at(&self, text: &str, byte: usize) -> usize {
        let at = self.anchors.partition_point(|(anchor, _)| *anchor <= byte);
        let (anchor_byte, anchor_chars) = if at == 0 {
            (0, 0)
        } else {
            self.anchors[at - 1]
        };
        anchor_chars + text[anchor_byte..byte].chars().count()
    }

    /// A byte span as a character span.
    pub fn span(&self, text: &str, span: Range<usize>) -> Range<usize> {
        let start = self.chars_at(text, span.start);
        start..start + text[span].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_offsets_agree_with_a_cursor_in_any_order() {
        let text = "Ça va. Türkiye übt Kritik. 東京 speaks.";
        let anchors = CharAnchors::new(text, [0, 8, 29]);
        let mut cursor = CharIndex::new(text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        for &byte in boundaries.iter().rev() {
            assert_eq!(anchors.chars_at(text, byte), text[..byte].chars().count());
            assert_eq!(cursor.chars_at(byte), text[..byte].chars().count());
        }
        assert_eq!(anchors.span(text, 8..16), 7..14);
    }
}

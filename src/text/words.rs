//! The fixed word lists asked about every word of every article, and the
//! filter in front of them.

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

//! What the tagger and parser see of a word: its normal form (lowercase,
//! digits as 0, typographic quotes and dashes as ASCII) and the keys of its
//! normal form, suffixes, prefixes and shape, computed once per word.

use super::perceptron::hash_str;

/// The keys of one word, shared by the tagger's and the parser's features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordKeys {
    pub norm: u64,
    pub suffixes: [u64; 4],
    pub prefixes: [u64; 3],
    pub shape: u64,
    /// Bits: 1 capitalised, 2 all capitals, 4 has a digit, 8 has a hyphen,
    /// 16 not a letter at all.
    pub flags: u8,
}

/// Keys for the positions before the first and after the last word.
pub const PADDING: WordKeys = WordKeys {
    norm: 0x70ad,
    suffixes: [0x70ad; 4],
    prefixes: [0x70ad; 3],
    shape: 0x70ad,
    flags: 0,
};

/// The normal form of a word.
pub fn normalize(form: &str) -> String {
    let mut norm = String::with_capacity(form.len());
    for c in form.chars() {
        match c {
            '0'..='9' => norm.push('0'),
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => norm.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => norm.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' => norm.push_str("--"),
            '\u{2026}' => norm.push_str("..."),
            _ => norm.extend(c.to_lowercase()),
        }
    }
    if norm == "``" || norm == "''" {
        norm = "\"".to_owned();
    }
    norm
}

/// A word's shape: runs of capitals, small letters and digits as X, x and d
/// (at most two of each in a row), other characters as themselves.
fn shape(form: &str) -> String {
    let mut shape = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars().take(12) {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if class == last {
            run += 1;
        } else {
            run = 1;
            last = class;
        }
        if run <= 2 {
            shape.push(class);
        }
    }
    shape
}

impl WordKeys {
    pub fn of(form: &str) -> WordKeys {
        let norm = normalize(form);
        // Byte offsets of the normal form's characters, to slice affixes.
        let starts: Vec<usize> = norm.char_indices().map(|(index, _)| index).collect();
        let suffix = |length: usize| -> u64 {
            let start = starts.len().saturating_sub(length);
            let from = starts.get(start).copied().unwrap_or(norm.len());
            hash_str(&norm[from..]) ^ length as u64
        };
        let prefix = |length: usize| -> u64 {
            let to = starts.get(length).copied().unwrap_or(norm.len());
            hash_str(&norm[..to]) ^ (length as u64) << 8
        };
        let mut flags = 0;
        let mut letters = form.chars().filter(|c| c.is_alphabetic()).peekable();
        if form.chars().next().is_some_and(char::is_uppercase) {
            flags |= 1;
        }
        if letters.peek().is_some() && letters.all(char::is_uppercase) {
            flags |= 2;
        }
        if form.chars().any(|c| c.is_ascii_digit()) {
            flags |= 4;
        }
        if form.contains('-') {
            flags |= 8;
        }
        if !form.chars().any(char::is_alphanumeric) {
            flags |= 16;
        }
        WordKeys {
            norm: hash_str(&norm),
            suffixes: [suffix(1), suffix(2), suffix(3), suffix(4)],
            prefixes: [prefix(1), prefix(2), prefix(3)],
            shape: hash_str(&shape(form)),
            flags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms_fold_case_digits_and_typography() {
        assert_eq!(normalize("Taliban’s"), "taliban's");
        assert_eq!(normalize("1,250"), "0,000");
        assert_eq!(normalize("“"), "\"");
        assert_eq!(normalize("—"), "--");
        assert_eq!(shape("Islamabad"), "Xxx");
        assert_eq!(shape("TTP-led"), "XX-xx");
        assert_eq!(shape("2025"), "dd");
    }

    #[test]
    fn typographic_and_ascii_apostrophes_give_the_same_keys() {
        assert_eq!(WordKeys::of("n’t").norm, WordKeys::of("n't").norm);
        assert_ne!(WordKeys::of("accuse").norm, WordKeys::of("accused").norm);
    }
}

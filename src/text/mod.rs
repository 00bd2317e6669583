//! Articles as text: the title, the sentences and the words, each with its
//! exact place in the article.
//!
//! This module owns splitting and offsets. Byte offsets are what the rest of
//! the pipeline slices with; [`CharIndex`] (and [`CharAnchors`], for offsets
//! asked in any order) turn them into the Unicode character offsets the graph
//! publishes: the only byte-to-character conversion of the crate. It does no
//! I/O and knows nothing of entities or relations.
//!
//! `sentences` splits an article; `markup` blanks HTML and Markdown residue
//! keeping offsets; `tokens` splits a sentence into words and marks; `words`
//! holds the fixed word lists asked about every word; `offsets` converts
//! byte offsets to characters.

mod markup;
mod offsets;
mod sentences;
mod tokens;
mod words;

pub use markup::clean_markup;
pub use offsets::{CharAnchors, CharIndex};
pub use sentences::{MAX_SENTENCE_BYTES, Sentence, split_sentences};
pub use tokens::{Token, TokenKind, tokenize, tokenize_into};
pub use words::{WordFilter, WordList};

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
    /// Where the article was published (the JSON Lines `url`), an absolute
    /// IRI; becomes `schema:url`. Anything else is not written.
    pub url: Option<String>,
    /// Who published it (the JSON Lines `source`, an outlet's name);
    /// becomes `dcterms:publisher`.
    pub publisher: Option<String>,
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
            url: None,
            publisher: None,
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
    fn no_abbreviates_a_number_only_before_one() {
        let text = "Resolution No. 2593 passed. Is that true? A: No. We reject it.";
        assert_eq!(
            sentences(text),
            [
                "Resolution No. 2593 passed.",
                "Is that true?",
                "A: No.",
                "We reject it."
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

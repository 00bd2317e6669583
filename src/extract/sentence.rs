//! One sentence as relation matching sees it: words, and actor chunks in
//! place of the mentions ("Turkey and Qatar" is one chunk of two actors),
//! with quotes and clause boundaries marked.
//!
//! This is a shallow reading, not a parse: it knows possessives,
//! prepositions, coordination, quotes and clause markers, which is what the
//! relation frames need to find who does what to whom.

use std::cell::OnceCell;
use std::ops::Range;

use super::mentions::Mention;
use crate::text::{Token, TokenKind, WordList};

/// A run of mentions joined by "and", "or", commas or a dash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Indices into the sentence's mentions.
    pub members: Vec<usize>,
    pub span: Range<usize>,
    /// Followed by `'s`: the chunk owns what comes next ("Pakistan's demand").
    pub possessive: bool,
    /// The members were joined by a dash ("Pakistan-Taliban talks").
    pub dashed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(usize),
    Chunk(usize),
}

/// A sentence as items, with what each item needs to know about its place.
#[derive(Debug)]
pub struct Shape<'a> {
    pub tokens: &'a [Token<'a>],
    pub mentions: &'a [Mention],
    pub chunks: Vec<Chunk>,
    pub items: Vec<Item>,
    /// Whether each item sits inside quotation marks.
    pub quoted: Vec<bool>,
    /// The item each token belongs to (a chunk holds all the tokens it
    /// touches, and a possessive folded into it).
    pub item_of_token: Vec<usize>,
    /// Whether a new clause starts at each item; worked out the first time
    /// a relation frame asks, as most sentences have no trigger.
    clause_starts: OnceCell<Vec<bool>>,
}

/// Words that, placed before a chunk, make it a prepositional object rather
/// than a subject.
pub const PREPOSITIONS: WordList = WordList::new(&[
    "in",
    "on",
    "at",
    "from",
    "to",
    "with",
    "against",
    "by",
    "for",
    "of",
    "between",
    "inside",
    "within",
    "despite",
    "after",
    "before",
    "during",
    "over",
    "like",
    "among",
    "toward",
    "towards",
    "about",
    "into",
    "across",
    "through",
    "under",
    "without",
    "via",
    "upon",
    "amid",
    "near",
    "than",
    "including",
    "regarding",
    "along",
    "throughout",
    "beyond",
    "behind",
    "onto",
    "per",
    "around",
]);

/// Prepositions after which a place is a location, not an actor.
pub const LOCATIVE: WordList = WordList::new(&[
    "in",
    "inside",
    "within",
    "into",
    "across",
    "at",
    "near",
    "throughout",
    "along",
    "around",
    "toward",
    "towards",
]);

/// Words that open a new clause.
pub const CLAUSE_MARKERS: WordList = WordList::new(&[
    "that", "while", "whereas", "but", "although", "though", "because", "which", "who", "whom",
    "whose", "where", "when", "since", "yet", "however", "if", "unless",
]);

/// Subordinators whose clause ends at the next comma ("If the Taliban fail
/// to act, Pakistan will ..."): the main clause starts after it.
const SUBORDINATORS: WordList = WordList::new(&[
    "if", "unless", "although", "though", "when", "whenever", "whereas", "because", "once",
]);

/// Speech verbs that name a speaker ("..., Tarar said").
pub const SPEECH: WordList = WordList::new(&[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "stated",
    "states",
    "told",
    "tells",
    "declared",
    "noted",
    "claimed",
    "claims",
    "argued",
    "wrote",
    "warned",
    "explained",
    "announced",
    "insisted",
    "stressed",
    "emphasized",
    "emphasised",
    "maintained",
    "contended",
]);

impl<'a> Shape<'a> {
    pub fn new(text: &str, tokens: &'a [Token<'a>], mentions: &'a [Mention]) -> Shape<'a> {
        let mut chunks = chunk_mentions(text, mentions);
        let mut items = Vec::with_capacity(tokens.len());
        let mut item_of_token = Vec::with_capacity(tokens.len());
        let mut quoted = Vec::with_capacity(tokens.len());
        let mut in_quote = false;
        let mut chunk_at = 0;
        let mut index = 0;
        while index < tokens.len() {
            let token = &tokens[index];
            if chunk_at < chunks.len() && token.span.end > chunks[chunk_at].span.start {
                // Every token the chunk touches is replaced by the chunk, and
                // a possessive right after it is folded into it.
                let chunk_end = chunks[chunk_at].span.end;
                let mut next = index;
                while next < tokens.len() && tokens[next].span.start < chunk_end {
                    next += 1;
                }
                if next < tokens.len() && tokens[next].kind == TokenKind::Possessive {
                    chunks[chunk_at].possessive = true;
                    next += 1;
                }
                item_of_token.resize(next, items.len());
                items.push(Item::Chunk(chunk_at));
                quoted.push(in_quote);
                chunk_at += 1;
                index = next;
                continue;
            }
            match token.kind {
                TokenKind::OpenQuote => in_quote = true,
                TokenKind::CloseQuote => in_quote = false,
                TokenKind::Quote => in_quote = !in_quote,
                _ => {}
            }
            item_of_token.push(items.len());
            items.push(Item::Word(index));
            quoted.push(in_quote);
            index += 1;
        }
        Shape {
            tokens,
            mentions,
            chunks,
            items,
            quoted,
            item_of_token,
            clause_starts: OnceCell::new(),
        }
    }

    /// Marks where clauses start: clause markers, `;` and `:`, a comma
    /// before an -ing participle, the comma closing a subordinate clause,
    /// and an actor right after a speech verb ("Tarar said Pakistan had ...").
    fn find_clause_starts(&self) -> Vec<bool> {
        let mut starts = vec![false; self.items.len()];
        let mut in_subordinate = false;
        for (position, start) in starts.iter_mut().enumerate() {
            let word = self.word(position);
            let previous = if position > 0 {
                self.word(position - 1)
            } else {
                ""
            };
            let closes_subordinate = in_subordinate && previous == ",";
            let begins = CLAUSE_MARKERS.contains(word)
                || (word == "as" && self.chunk_at(position + 1).is_some())
                || matches!(word, ";" | ":" | "—" | "–")
                || (word.ends_with("ing") && self.previous_is_comma(position))
                || (previous == "," && word == "and" && self.word(position + 1).ends_with("ing"))
                || closes_subordinate
                || (self.starts_with_actor(position)
                    && !self.quoted[position]
                    && SPEECH.contains(previous));
            if closes_subordinate {
                in_subordinate = false;
            }
            if SUBORDINATORS.contains(word) {
                in_subordinate = true;
            }
            *start = begins && position > 0;
        }
        starts
    }

    /// Whether an actor chunk starts at `position`, after at most a determiner.
    fn starts_with_actor(&self, position: usize) -> bool {
        self.chunk_at(position).is_some()
            || (matches!(self.word(position), "the" | "a" | "an")
                && self.chunk_at(position + 1).is_some())
    }

    /// Whether the item before `position` is a comma, looking past closing quotes.
    fn previous_is_comma(&self, position: usize) -> bool {
        let mut p = position;
        while p > 0 {
            p -= 1;
            match self.token_at(p) {
                Some(token) if matches!(token.kind, TokenKind::CloseQuote | TokenKind::Quote) => {
                    continue;
                }
                Some(token) => return token.norm == ",",
                None => return false,
            }
        }
        false
    }

    /// The lowercased word at item `position`, or "" for a chunk.
    pub fn word(&self, position: usize) -> &str {
        match self.items.get(position) {
            Some(Item::Word(token)) => &self.tokens[*token].norm,
            _ => "",
        }
    }

    pub fn chunk_at(&self, position: usize) -> Option<&Chunk> {
        match self.items.get(position) {
            Some(Item::Chunk(chunk)) => Some(&self.chunks[*chunk]),
            _ => None,
        }
    }

    pub fn token_at(&self, position: usize) -> Option<&Token<'a>> {
        match self.items.get(position) {
            Some(Item::Word(token)) => Some(&self.tokens[*token]),
            _ => None,
        }
    }

    pub fn is_word(&self, position: usize) -> bool {
        matches!(self.token_at(position), Some(token) if token.kind == TokenKind::Word)
    }

    /// Whether a chunk at `position` follows a preposition.
    pub fn after_preposition(&self, position: usize, prepositions: &WordList) -> bool {
        position > 0 && prepositions.contains(self.word(position - 1))
    }

    /// Whether a new clause starts at item `position`.
    pub fn starts_clause(&self, position: usize) -> bool {
        self.clause_starts
            .get_or_init(|| self.find_clause_starts())
            .get(position)
            .copied()
            .unwrap_or(false)
    }

    /// The first item of the clause holding `position`.
    pub fn clause_start(&self, position: usize) -> usize {
        (1..=position)
            .rev()
            .find(|&p| self.starts_clause(p))
            .unwrap_or(0)
    }

    /// The first item after `position` that starts a new clause, or the end.
    pub fn clause_end(&self, position: usize) -> usize {
        (position + 1..self.items.len())
            .find(|&p| {
                self.starts_clause(p) || (self.word(p) == "," && self.word(p + 1) == "while")
            })
            .unwrap_or(self.items.len())
    }
}

/// How two neighbouring mentions are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Dash,
    Coordination,
    /// A lone comma: coordination only when the run ends with "and" or "or"
    /// ("Iran, China, or Russia"); apposition otherwise.
    Comma,
}

/// Groups mentions into chunks: neighbours joined only by commas, "and",
/// "or", "as well as", "both", "the" or a dash.
fn chunk_mentions(text: &str, mentions: &[Mention]) -> Vec<Chunk> {
    let mut runs: Vec<(Vec<usize>, Vec<Join>)> = Vec::new();
    for (index, mention) in mentions.iter().enumerate() {
        if let Some((members, joins_so_far)) = runs.last_mut() {
            let previous = &mentions[*members.last().expect("runs are never empty")];
            // A plural pronoun standing for two actors is two mentions of
            // one span ("they": Qatar and Turkey), coordinated.
            let join = if previous.span == mention.span {
                Some(Join::Coordination)
            } else {
                text.get(previous.span.end..mention.span.start)
                    .and_then(joins)
            };
            if let Some(join) = join {
                members.push(index);
                joins_so_far.push(join);
                continue;
            }
        }
        runs.push((vec![index], Vec::new()));
    }
    let mut chunks = Vec::new();
    for (members, run_joins) in runs {
        // Commas coordinate only before the run's last "and"/"or" ("Iran,
        // China, or Russia"); after it ("Turkey and Qatar, Tarar") they do not.
        let last_coordination = run_joins.iter().rposition(|join| *join != Join::Comma);
        let mut current: Vec<usize> = vec![members[0]];
        let mut dashed = false;
        for (at, (member, join)) in members[1..].iter().zip(&run_joins).enumerate() {
            if *join == Join::Comma && last_coordination.is_none_or(|last| at > last) {
                chunks.push(make_chunk(mentions, std::mem::take(&mut current), dashed));
                dashed = false;
            }
            dashed |= *join == Join::Dash;
            current.push(*member);
        }
        chunks.push(make_chunk(mentions, current, dashed));
    }
    chunks
}

fn make_chunk(mentions: &[Mention], members: Vec<usize>, dashed: bool) -> Chunk {
    let span = mentions[members[0]].span.start
        ..mentions[*members.last().expect("a chunk has members")]
            .span
            .end;
    Chunk {
        members,
        span,
        possessive: false,
        dashed,
    }
}

/// Whether the text between two mentions joins them into one chunk.
pub(super) fn joins_mentions(between: &str) -> bool {
    joins(between).is_some()
}

fn joins(between: &str) -> Option<Join> {
    let trimmed = between.trim();
    if matches!(trimmed, "-" | "–" | "/") && !between.contains(' ') {
        return Some(Join::Dash);
    }
    // At most four glue words join mentions: reading a fifth settles it.
    let words: Vec<&str> = trimmed
        .split_whitespace()
        .flat_map(split_comma)
        .take(5)
        .collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let all_glue = words.iter().all(|w| {
        matches!(
            *w,
            "and" | "or" | "," | "&" | "the" | "as" | "well" | "both" | "either"
        )
    });
    if !all_glue {
        return None;
    }
    if words.iter().any(|w| matches!(*w, "and" | "or" | "&"))
        || words.windows(3).any(|w| w == ["as", "well", "as"])
    {
        Some(Join::Coordination)
    } else if words == [","] {
        Some(Join::Comma)
    } else {
        None
    }
}

/// A word with a trailing comma as the word and the comma.
fn split_comma(word: &str) -> impl Iterator<Item = &str> {
    let parts = match word.strip_suffix(',') {
        Some(rest) if !rest.is_empty() => [Some(rest), Some(",")],
        _ => [Some(word), None],
    };
    parts.into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordination_joins() {
        assert_eq!(joins(" and "), Some(Join::Coordination));
        assert_eq!(joins(", "), Some(Join::Comma));
        assert_eq!(joins(", and the "), Some(Join::Coordination));
        assert_eq!(joins(" or "), Some(Join::Coordination));
        assert_eq!(joins("–"), Some(Join::Dash));
        assert_eq!(joins(" accused "), None);
        assert_eq!(joins(" as well as "), Some(Join::Coordination));
    }
}

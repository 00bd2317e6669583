//! Entity patterns: each compiled as `regex` compiles it, to learn whether
//! it is valid, whether it matches the empty string, and how much memory it
//! takes, within a limit per pattern and a budget per file.

use std::ops::Range;

use regex_automata::meta;

use super::read::Checker;

/// The most one pattern may compile to: the regex crate's default limit.
pub(super) const PATTERN_SIZE_LIMIT: usize = 10 << 20;

/// The most all the patterns of a rules file may compile to together, each
/// occurrence counted (extraction compiles each one). Without a total, a
/// one-kilobyte file of large patterns (`\w{100}`, `\w{101}`, ...) made a
/// build hold more than a gigabyte; typical patterns take a few kilobytes,
/// `\p{Lu}\w{2,12}` 0.7 MB.
pub(super) const PATTERNS_BUDGET: usize = 64 << 20;

/// What compiling a pattern gave.
#[derive(Debug, Clone)]
pub(super) enum Compiled {
    /// A regex taking this many bytes.
    Fits(usize),
    /// A regex that matches the empty string, so everywhere.
    MatchesEmpty,
    /// Not a regex: the parser's message.
    Invalid(String),
    /// Larger than the size limit it was compiled under, in bytes.
    TooBig(usize),
}

/// Compiles a pattern as `regex::Regex::new` does (the same syntax and
/// meta engine), with the given size limit, to learn its size.
pub(super) fn compile_pattern(pattern: &str, size_limit: usize) -> Compiled {
    let built = meta::Regex::builder()
        .configure(meta::Config::new().nfa_size_limit(Some(size_limit)))
        .build(pattern);
    match built {
        Ok(regex) if regex.is_match("") => Compiled::MatchesEmpty,
        Ok(regex) => Compiled::Fits(regex.memory_usage()),
        Err(error) => match error.size_limit() {
            Some(limit) => Compiled::TooBig(limit),
            None => {
                let detail = error
                    .syntax_error()
                    .map_or_else(|| error.to_string(), ToString::to_string);
                Compiled::Invalid(detail.lines().last().unwrap_or("").trim().to_owned())
            }
        },
    }
}

impl Checker {
    pub(super) fn check_regex(
        &mut self,
        pattern: &str,
        span: Range<usize>,
        rule_id: Option<&str>,
    ) -> bool {
        let compiled = match self.compiled_patterns.get(pattern) {
            Some(compiled) => compiled.clone(),
            None => {
                let limit = PATTERN_SIZE_LIMIT.min(self.patterns_budget_left);
                let compiled = compile_pattern(pattern, limit);
                if let Compiled::TooBig(limit) = compiled {
                    // The work it took, so that a file of many such patterns
                    // is checked quickly too.
                    self.patterns_budget_left = self.patterns_budget_left.saturating_sub(limit);
                }
                self.compiled_patterns
                    .insert(pattern.to_owned(), compiled.clone());
                compiled
            }
        };
        let over_budget = || {
            format!(
                "pattern `{pattern}` does not fit: the patterns of a rules file may compile to {} MB together",
                PATTERNS_BUDGET >> 20
            )
        };
        let message = match compiled {
            Compiled::Fits(size) if size <= self.patterns_budget_left => {
                self.patterns_budget_left -= size;
                return true;
            }
            Compiled::Fits(_) => {
                self.patterns_budget_left = 0;
                over_budget()
            }
            Compiled::MatchesEmpty => format!("pattern `{pattern}` can match the empty string"),
            Compiled::Invalid(detail) => format!("invalid regex `{pattern}`: {detail}"),
            Compiled::TooBig(limit) if limit == PATTERN_SIZE_LIMIT => {
                format!(
                    "invalid regex `{pattern}`: Compiled regex exceeds size limit of {limit} bytes."
                )
            }
            Compiled::TooBig(_) => over_budget(),
        };
        self.problem(span, rule_id, message);
        false
    }
}

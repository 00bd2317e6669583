//! Walking the TOML with places: every problem gets the line it is on and
//! the id of its rule, and reading goes on after one, so that all of them
//! are reported together.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::RuleProblem;
use super::patterns::Compiled;

pub(super) struct LineIndex {
    pub(super) starts: Vec<usize>,
}

impl LineIndex {
    pub(super) fn new(input: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(input.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    pub(super) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The line of the first non-blank character at or after `offset`: a
    /// table's span starts before its header line.
    pub(super) fn line_after_blanks(&self, input: &str, offset: usize) -> usize {
        let skipped = input
            .get(offset..)
            .map_or(0, |rest| rest.len() - rest.trim_start().len());
        self.line(offset + skipped)
    }
}

pub(super) type Table<'i> = Spanned<DeTable<'i>>;

pub(super) struct Checker {
    /// The name of the file read, which every problem carries.
    pub(super) source: String,
    pub(super) lines: LineIndex,
    pub(super) input: String,
    pub(super) problems: Vec<RuleProblem>,
    /// What compiling each distinct pattern gave, so a pattern written many
    /// times is compiled once: compiling one near the size limit takes tens
    /// of milliseconds, and a fuzzed file repeating one took seconds to check.
    pub(super) compiled_patterns: HashMap<String, Compiled>,
    /// What is left of [`PATTERNS_BUDGET`].
    pub(super) patterns_budget_left: usize,
}

/// A table's fields, read one by one; what is left at the end is unknown.
pub(super) struct Fields<'a, 'i> {
    pub(super) table: &'a DeTable<'i>,
    pub(super) span: Range<usize>,
    pub(super) id: Option<String>,
}

impl Checker {
    pub(super) fn problem(&mut self, span: Range<usize>, rule_id: Option<&str>, message: String) {
        let line = self.lines.line_after_blanks(&self.input, span.start);
        self.problems.push(RuleProblem {
            source: self.source.clone(),
            line,
            rule_id: rule_id.map(str::to_owned),
            message,
        });
    }

    pub(super) fn array_of_tables<'i>(
        &mut self,
        value: &Spanned<DeValue<'i>>,
        name: &str,
    ) -> Vec<Table<'i>> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(table) => Some(Spanned::new(item.span(), table.clone())),
                    _ => {
                        self.problem(
                            item.span(),
                            None,
                            format!("`{name}` must be a list of tables ([[{name}]])"),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.problem(
                    value.span(),
                    None,
                    format!("`{name}` must be written as [[{name}]] tables"),
                );
                Vec::new()
            }
        }
    }

    /// The top-level `include`: a list of paths, each with its line.
    pub(super) fn includes(&mut self, value: &Spanned<DeValue>) -> Vec<(String, usize)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.problem(
                value.span(),
                None,
                "`include` must be a list of paths, like include = [\"conflict.toml\"]".into(),
            );
            return Vec::new();
        };
        let mut includes = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(path) if !path.trim().is_empty() => {
                    let line = self.lines.line_after_blanks(&self.input, item.span().start);
                    includes.push((path.to_string(), line));
                }
                _ => self.problem(
                    item.span(),
                    None,
                    "`include` must hold only paths (non-empty strings)".into(),
                ),
            }
        }
        includes
    }

    pub(super) fn fields<'a, 'i>(
        &mut self,
        table: &'a Table<'i>,
        known: &[&str],
        what: &str,
    ) -> Fields<'a, 'i> {
        let id = match table.get_ref().get("id").map(|value| value.get_ref()) {
            Some(DeValue::String(id)) => Some(id.to_string()),
            _ => None,
        };
        for key in table.get_ref().keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                self.problem(
                    key.span(),
                    id.as_deref(),
                    format!(
                        "unknown key `{}` in [[{what}]] (known keys: {})",
                        key.get_ref(),
                        known.join(", ")
                    ),
                );
            }
        }
        if id.is_none() {
            self.problem(
                table.span(),
                None,
                format!("[[{what}]] needs `id`, a string"),
            );
        }
        Fields {
            table: table.get_ref(),
            span: table.span(),
            id,
        }
    }

    pub(super) fn string(&mut self, fields: &Fields, key: &str, required: bool) -> Option<String> {
        match fields.table.get(key) {
            Some(value) => match value.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => Some(text.to_string()),
                DeValue::String(_) => {
                    self.problem(
                        value.span(),
                        fields.id.as_deref(),
                        format!("`{key}` is empty"),
                    );
                    None
                }
                _ => {
                    self.problem(
                        value.span(),
                        fields.id.as_deref(),
                        format!("`{key}` must be a string"),
                    );
                    None
                }
            },
            None => {
                if required && fields.id.is_some() {
                    self.problem(
                        fields.span.clone(),
                        fields.id.as_deref(),
                        format!("missing `{key}`"),
                    );
                }
                None
            }
        }
    }

    pub(super) fn strings(&mut self, fields: &Fields, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(value) = fields.table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.problem(
                value.span(),
                fields.id.as_deref(),
                format!("`{key}` must be a list of strings"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => {
                    out.push((text.to_string(), item.span()))
                }
                DeValue::String(_) => self.problem(
                    item.span(),
                    fields.id.as_deref(),
                    format!("`{key}` holds an empty string"),
                ),
                _ => self.problem(
                    item.span(),
                    fields.id.as_deref(),
                    format!("`{key}` must hold only strings"),
                ),
            }
        }
        out
    }

    pub(super) fn boolean(&mut self, fields: &Fields, key: &str, default: bool) -> bool {
        match fields.table.get(key) {
            Some(value) => match value.get_ref() {
                DeValue::Boolean(flag) => *flag,
                _ => {
                    self.problem(
                        value.span(),
                        fields.id.as_deref(),
                        format!("`{key}` must be true or false"),
                    );
                    default
                }
            },
            None => default,
        }
    }

    pub(super) fn check_id(&mut self, fields: &Fields) {
        if let Some(id) = &fields.id {
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
            {
                let span = fields
                    .table
                    .get("id")
                    .map_or(fields.span.clone(), |value| value.span());
                self.problem(
                    span,
                    Some(id),
                    "`id` may hold only ASCII letters, digits, `_`, `-` and `.`".into(),
                );
            }
        }
    }
}

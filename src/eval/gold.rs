//! Reading a gold folder: its four tab-separated tables (entities.tsv,
//! relations.tsv, roles.tsv, mentions.tsv) as rows of named cells, each
//! with its line for the messages.
//!
//! The I/O half of [`crate::eval`]: it reads the files and checks only
//! that no row has more cells than the header has columns; what the cells
//! mean is `scoring`'s.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::EvalError;

/// A row of a gold table: its cells by column, and its line in the file.
pub(super) struct Row {
    cells: HashMap<String, String>,
    pub(super) line: usize,
}

impl Row {
    /// The cell of `column`; empty where the row has none.
    pub(super) fn field(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

fn read_tsv(folder: &Path, name: &str) -> Result<Vec<Row>, EvalError> {
    let path = folder.join(name);
    let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let mut rows = Vec::new();
    for (index, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() > header.len() {
            return Err(EvalError::Format {
                path,
                line: index + 2,
                message: format!("{} cells for {} columns", cells.len(), header.len()),
            });
        }
        rows.push(Row {
            cells: header
                .iter()
                .enumerate()
                .map(|(i, column)| (column.to_string(), cells.get(i).unwrap_or(&"").to_string()))
                .collect(),
            line: index + 2,
        });
    }
    Ok(rows)
}

/// The four gold tables of a folder.
pub(super) struct Gold {
    pub(super) entities: Vec<Row>,
    pub(super) relations: Vec<Row>,
    pub(super) roles: Vec<Row>,
    pub(super) mentions: Vec<Row>,
}

impl Gold {
    pub(super) fn read(folder: &Path) -> Result<Gold, EvalError> {
        Ok(Gold {
            entities: read_tsv(folder, "entities.tsv")?,
            relations: read_tsv(folder, "relations.tsv")?,
            roles: read_tsv(folder, "roles.tsv")?,
            mentions: read_tsv(folder, "mentions.tsv")?,
        })
    }

    /// Every entity id the tables use: (file, line, id).
    pub(super) fn ids(&self) -> impl Iterator<Item = (&'static str, usize, &str)> {
        fn of<'t>(
            file: &'static str,
            table: &'t [Row],
            columns: &'static [&'static str],
        ) -> impl Iterator<Item = (&'static str, usize, &'t str)> {
            table.iter().flat_map(move |row| {
                columns
                    .iter()
                    .map(move |column| (file, row.line, row.field(column)))
            })
        }
        of("entities.tsv", &self.entities, &["id"])
            .chain(of("relations.tsv", &self.relations, &["subject", "object"]))
            .chain(of("roles.tsv", &self.roles, &["person", "actor"]))
            .chain(of("mentions.tsv", &self.mentions, &["entity"]))
            .filter(|(_, _, id)| !id.is_empty())
    }

    /// The documents the gold speaks of: those with relations or mentions.
    pub(super) fn docs(&self) -> HashSet<&str> {
        self.relations
            .iter()
            .map(|r| r.field("doc"))
            .chain(self.mentions.iter().map(|m| m.field("doc")))
            .collect()
    }
}

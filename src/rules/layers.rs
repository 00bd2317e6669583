//! Rules in layers: files read in order, each file's `include`s before it
//! (paths relative to the including file), a later layer's entity or
//! relation rule replacing an earlier one of the same id.
//!
//! This module owns the order of the layers, include cycles and what
//! replaces what. Reading a file is the caller's ([`IncludeFiles`]): the
//! rules do no I/O of their own. Checking one file is `read` and `tables`;
//! checking the layers together is `cross_check`.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use super::model::{EntityRule, RelationRule, RuleNote, RuleSet};
use super::{RuleProblem, RulesError, cross_check, parse_file};

/// A rules file to layer: its name in messages, its text, and its path, to
/// which its `include`s are relative (none for text that is no file, such
/// as the rules compiled into the binary, which may then include nothing).
#[derive(Debug, Clone)]
pub struct RulesSource {
    pub name: String,
    pub text: String,
    pub path: Option<PathBuf>,
}

/// How the rules read the files a layer includes.
pub trait IncludeFiles {
    fn read(&mut self, path: &Path) -> io::Result<String>;
    /// The same for every path naming one file (its canonical path), so
    /// that a cycle or a file given twice is seen however its paths are spelt.
    fn identity(&mut self, path: &Path) -> PathBuf;
}

/// Reads no file: for rules given as text alone.
pub struct NoFiles;

impl IncludeFiles for NoFiles {
    fn read(&mut self, path: &Path) -> io::Result<String> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("no file is read here ({})", path.display()),
        ))
    }

    fn identity(&mut self, path: &Path) -> PathBuf {
        path.to_owned()
    }
}

/// One file read and checked on its own.
pub(super) struct ParsedFile {
    pub(super) entities: Vec<EntityRule>,
    pub(super) relations: Vec<RelationRule>,
    /// Each `include` entry and its line.
    pub(super) includes: Vec<(String, usize)>,
    pub(super) problems: Vec<RuleProblem>,
}

/// Where an `include` was written: the file's name and the line.
type IncludedAt = (String, usize);

struct Loader<'f> {
    files: &'f mut dyn IncludeFiles,
    /// The files in layer order, with their names.
    layers: Vec<(String, ParsedFile)>,
    /// The identity of each file read, and the name it was read under.
    read: HashMap<PathBuf, String>,
    /// The files whose includes are being read, innermost last.
    reading: Vec<(PathBuf, String)>,
    problems: Vec<RuleProblem>,
    notes: Vec<RuleNote>,
}

impl Loader<'_> {
    fn add(&mut self, source: RulesSource, included_at: Option<IncludedAt>) {
        let identity = source.path.as_deref().map(|path| self.files.identity(path));
        if let Some(identity) = &identity {
            if let Some(at) = self.reading.iter().position(|(open, _)| open == identity) {
                let chain: Vec<&str> = self.reading[at..]
                    .iter()
                    .map(|(_, name)| name.as_str())
                    .chain([source.name.as_str()])
                    .collect();
                let (file, line) = included_at.unwrap_or((source.name.clone(), 1));
                self.problems.push(RuleProblem {
                    source: file,
                    line,
                    rule_id: None,
                    message: format!("include cycle: {}", chain.join(" includes ")),
                });
                return;
            }
            if let Some(first_name) = self.read.get(identity) {
                let (file, line) = included_at.unwrap_or((source.name.clone(), 0));
                self.notes.push(RuleNote {
                    source: file,
                    line,
                    message: format!(
                        "`{}` is read once: it is the layer `{first_name}` already",
                        source.name
                    ),
                });
                return;
            }
            self.read.insert(identity.clone(), source.name.clone());
            self.reading.push((identity.clone(), source.name.clone()));
        }
        let parsed = parse_file(&source.name, &source.text);
        for (include, line) in &parsed.includes {
            self.include(&source, include, line);
        }
        if identity.is_some() {
            self.reading.pop();
        }
        self.layers.push((source.name, parsed));
    }

    /// Reads the file `include` names, relative to `from`, as a layer.
    fn include(&mut self, from: &RulesSource, include: &str, line: &usize) {
        let here = (from.name.clone(), *line);
        let Some(from_path) = &from.path else {
            self.problems.push(RuleProblem {
                source: from.name.clone(),
                line: *line,
                rule_id: None,
                message: format!(
                    "cannot include `{include}`: {} is not read from a file, so there is nothing it is relative to",
                    from.name
                ),
            });
            return;
        };
        let path = from_path
            .parent()
            .unwrap_or(Path::new(""))
            .join(include);
        match self.files.read(&path) {
            Ok(text) => {
                let name = path.display().to_string();
                let source = RulesSource {
                    name,
                    text,
                    path: Some(path),
                };
                self.add(source, Some(here));
            }
            Err(error) => self.problems.push(RuleProblem {
                source: from.name.clone(),
                line: *line,
                rule_id: None,
                message: format!("cannot read included `{include}` ({}): {error}", path.display()),
            }),
        }
    }
}

/// Layers the sources in order, each one's includes before it, and checks
/// them together.
pub(super) fn load(
    sources: Vec<RulesSource>,
    files: &mut dyn IncludeFiles,
) -> Result<RuleSet, RulesError> {
    let mut loader = Loader {
        files,
        layers: Vec::new(),
        read: HashMap::new(),
        reading: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    for source in sources {
        loader.add(source, None);
    }
    let Loader {
        layers,
        mut problems,
        mut notes,
        ..
    } = loader;
    let names: Vec<String> = layers.iter().map(|(name, _)| name.clone()).collect();
    let mut merged = Merged::default();
    for (layer, (_, parsed)) in layers.into_iter().enumerate() {
        problems.extend(parsed.problems);
        merged.add(layer, parsed.entities, parsed.relations, &names, &mut notes);
    }
    let rules = RuleSet {
        entity_index: merged.entity_index,
        entities: merged.entities,
        relations: merged.relations,
        layers: names,
        notes,
    };
    problems.extend(cross_check::check_together(&rules));
    if problems.is_empty() {
        return Ok(rules);
    }
    let order = |source: &str| {
        rules
            .layers
            .iter()
            .position(|name| name == source)
            .unwrap_or(usize::MAX)
    };
    problems.sort_by_key(|problem| (order(&problem.source), problem.line));
    Err(RulesError::Invalid {
        source_name: rules.layers.join(" + "),
        problems,
    })
}

/// The rules of the layers read so far.
#[derive(Default)]
struct Merged {
    entities: Vec<EntityRule>,
    entity_index: HashMap<String, usize>,
    relations: Vec<RelationRule>,
    relation_index: HashMap<String, usize>,
}

impl Merged {
    /// Adds a layer's rules: one whose id an earlier layer defines replaces
    /// that one where it stood, and a note says so; a second one of an id
    /// within the layer is the layer's own problem, and is left out.
    fn add(
        &mut self,
        layer: usize,
        entities: Vec<EntityRule>,
        relations: Vec<RelationRule>,
        names: &[String],
        notes: &mut Vec<RuleNote>,
    ) {
        for mut entity in entities {
            entity.layer = layer;
            match self.entity_index.get(&entity.id) {
                Some(&at) if self.entities[at].layer == layer => {}
                Some(&at) => {
                    let earlier = &self.entities[at];
                    notes.push(RuleNote {
                        source: names[layer].clone(),
                        line: entity.line,
                        message: format!(
                            "entity `{}` replaces the one of {}:{}",
                            entity.id, names[earlier.layer], earlier.line
                        ),
                    });
                    self.entities[at] = entity;
                }
                None => {
                    self.entity_index
                        .insert(entity.id.clone(), self.entities.len());
                    self.entities.push(entity);
                }
            }
        }
        for mut relation in relations {
            relation.layer = layer;
            match self.relation_index.get(&relation.id) {
                Some(&at) if self.relations[at].layer == layer => {}
                Some(&at) => {
                    let earlier = &self.relations[at];
                    notes.push(RuleNote {
                        source: names[layer].clone(),
                        line: relation.line,
                        message: format!(
                            "relation rule `{}` replaces the one of {}:{}",
                            relation.id, names[earlier.layer], earlier.line
                        ),
                    });
                    self.relations[at] = relation;
                }
                None => {
                    self.relation_index
                        .insert(relation.id.clone(), self.relations.len());
                    self.relations.push(relation);
                }
            }
        }
    }
}

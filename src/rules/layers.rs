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

use sha2::{Digest, Sha256};

use super::model::{EntityRule, LayeredRule, RelationRule, RuleNote, RuleSet};
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
    /// The text of every layer, in layer order: the rules' version.
    digest: Sha256,
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
            self.include(&source, include, *line);
        }
        if identity.is_some() {
            self.reading.pop();
        }
        // Each layer's length first, so that no two lists of texts hash alike.
        self.digest.update((source.text.len() as u64).to_be_bytes());
        self.digest.update(source.text.as_bytes());
        self.layers.push((source.name, parsed));
    }

    /// Reads the file `include` names, relative to `from`, as a layer.
    fn include(&mut self, from: &RulesSource, include: &str, line: usize) {
        let here = (from.name.clone(), line);
        let Some(from_path) = &from.path else {
            self.problems.push(RuleProblem {
                source: from.name.clone(),
                line,
                rule_id: None,
                message: format!(
                    "cannot include `{include}`: {} is not read from a file, so there is nothing it is relative to",
                    from.name
                ),
            });
            return;
        };
        let path = from_path.parent().unwrap_or(Path::new("")).join(include);
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
                line,
                rule_id: None,
                message: format!(
                    "cannot read included `{include}` ({}): {error}",
                    path.display()
                ),
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
        digest: Sha256::new(),
    };
    for source in sources {
        loader.add(source, None);
    }
    let Loader {
        layers,
        mut problems,
        mut notes,
        digest,
        ..
    } = loader;
    let digest = digest.finalize();
    let version = format!(
        "sha256:{}",
        digest[..8]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
    );
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
        version,
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
        merge(
            &mut self.entities,
            &mut self.entity_index,
            entities,
            layer,
            names,
            notes,
        );
        merge(
            &mut self.relations,
            &mut self.relation_index,
            relations,
            layer,
            names,
            notes,
        );
    }
}

/// Merges one layer's rules of one kind into those read so far (see
/// [`Merged::add`]).
fn merge<R: LayeredRule>(
    rules: &mut Vec<R>,
    index: &mut HashMap<String, usize>,
    layer_rules: Vec<R>,
    layer: usize,
    names: &[String],
    notes: &mut Vec<RuleNote>,
) {
    for mut rule in layer_rules {
        *rule.layer_mut() = layer;
        match index.get(rule.id()) {
            Some(&at) if *rules[at].layer_mut() == layer => {}
            Some(&at) => {
                let earlier = &mut rules[at];
                let earlier_layer = *earlier.layer_mut();
                notes.push(RuleNote {
                    source: names[layer].clone(),
                    line: rule.line(),
                    message: format!(
                        "{} `{}` replaces the one of {}:{}",
                        R::KIND,
                        rule.id(),
                        names[earlier_layer],
                        earlier.line()
                    ),
                });
                rules[at] = rule;
            }
            None => {
                index.insert(rule.id().to_owned(), rules.len());
                rules.push(rule);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files in memory, by path as written.
    struct MemoryFiles(HashMap<PathBuf, String>);

    impl IncludeFiles for MemoryFiles {
        fn read(&mut self, path: &Path) -> io::Result<String> {
            self.0
                .get(&normal(path))
                .cloned()
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
        }

        fn identity(&mut self, path: &Path) -> PathBuf {
            normal(path)
        }
    }

    /// The path without its `.` and `..` parts, as a file system names it.
    fn normal(path: &Path) -> PathBuf {
        let mut normal = PathBuf::new();
        for part in path.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    normal.pop();
                }
                other => normal.push(other),
            }
        }
        normal
    }

    fn files(pairs: &[(&str, &str)]) -> MemoryFiles {
        MemoryFiles(
            pairs
                .iter()
                .map(|(path, text)| (PathBuf::from(path), text.to_string()))
                .collect(),
        )
    }

    /// The file at `path` of `files`, as a top-level layer.
    fn source(files: &MemoryFiles, path: &str) -> RulesSource {
        RulesSource {
            name: path.to_owned(),
            text: files.0[&normal(Path::new(path))].clone(),
            path: Some(PathBuf::from(path)),
        }
    }

    fn load_files(files: &mut MemoryFiles, top: &[&str]) -> Result<RuleSet, RulesError> {
        let sources = top.iter().map(|path| source(files, path)).collect();
        load(sources, files)
    }

    fn entity(id: &str, aliases: &str) -> String {
        format!(
            "[[entity]]\nid = \"{id}\"\nkind = \"Country\"\nlabel = \"{id}\"\naliases = [{aliases}]\n"
        )
    }

    const BASE: &str = "[[entity]]\nid = \"Pakistan\"\nkind = \"Country\"\nlabel = \"Pakistan\"\naliases = [\"Pakistan\"]\n\n[[relation]]\nid = \"accuses\"\npredicate = \"accuses\"\nverbs = [\"accuse\"]\n";

    #[test]
    fn layers_are_read_in_order_and_a_later_entity_replaces_an_earlier_one() {
        let mine = format!(
            "{}\n{}",
            entity("Rwanda", "\"Rwanda\""),
            entity("Pakistan", "\"Islamabad\"")
        );
        let mut files = files(&[("base.toml", BASE), ("mine.toml", &mine)]);
        let rules = load_files(&mut files, &["base.toml", "mine.toml"]).unwrap();
        assert_eq!(rules.layers, ["base.toml", "mine.toml"]);
        let ids: Vec<&str> = rules
            .entities
            .iter()
            .map(|entity| entity.id.as_str())
            .collect();
        // The replacement stands where the replaced one stood.
        assert_eq!(ids, ["Pakistan", "Rwanda"]);
        let pakistan = rules.entity("Pakistan").unwrap();
        assert_eq!(pakistan.aliases, ["Islamabad"]);
        assert_eq!(rules.place_of(pakistan), "mine.toml:7");
        let notes: Vec<String> = rules.notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            notes,
            ["mine.toml:7: entity `Pakistan` replaces the one of base.toml:1"]
        );
        assert_eq!(rules.relations[0].layer, 0);
    }

    #[test]
    fn the_version_hashes_the_layers_texts_in_order_not_their_names() {
        let mine = entity("Rwanda", "\"Rwanda\"");
        let mut named = files(&[("base.toml", BASE), ("mine.toml", &mine)]);
        let mut renamed = files(&[("a/rules.toml", BASE), ("b/other.toml", &mine)]);
        let version = load_files(&mut named, &["base.toml", "mine.toml"])
            .unwrap()
            .version;
        assert!(
            version.starts_with("sha256:") && version.len() == 23,
            "{version}"
        );
        let same = load_files(&mut renamed, &["a/rules.toml", "b/other.toml"]).unwrap();
        assert_eq!(same.version, version);
        let base_only = load_files(&mut named, &["base.toml"]).unwrap();
        assert_ne!(base_only.version, version);
    }

    #[test]
    fn an_alias_claimed_in_two_files_names_both_places() {
        let mine = format!("\n\n{}", entity("Rwanda", "\"Rwanda\", \"Pakistan\""));
        let mut files = files(&[("base.toml", BASE), ("mine.toml", &mine)]);
        let error = load_files(&mut files, &["base.toml", "mine.toml"]).unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains(
                "mine.toml:line 3: rule `Rwanda`: alias `Pakistan` is already an alias of `Pakistan` (base.toml:1)"
            ),
            "{text}"
        );
        assert_eq!(error.problems().len(), 1, "{text}");
    }

    #[test]
    fn an_id_twice_in_one_file_is_an_error_and_across_files_a_replacement() {
        let twice = format!(
            "{}\n{}",
            entity("Rwanda", "\"Rwanda\""),
            entity("Rwanda", "\"Kigali\"")
        );
        let mut files = files(&[("base.toml", BASE), ("twice.toml", &twice)]);
        let error = load_files(&mut files, &["base.toml", "twice.toml"]).unwrap_err();
        assert!(
            error.to_string().contains(
                "twice.toml:line 7: rule `Rwanda`: duplicate entity id (first defined on line 1)"
            ),
            "{error}"
        );
    }

    #[test]
    fn an_include_is_relative_to_the_including_file_and_read_before_it() {
        let top = format!(
            "include = [\"actors/congo.toml\"]\n\n{}",
            entity("Rwanda", "\"Rwanda\"")
        );
        let congo = format!(
            "include = [\"../base.toml\"]\n{}",
            entity("DRCongo", "\"DRC\"")
        );
        let mut files = files(&[
            ("conflict/base.toml", BASE),
            ("conflict/top.toml", &top),
            ("conflict/actors/congo.toml", &congo),
        ]);
        let rules = load_files(&mut files, &["conflict/top.toml"]).unwrap();
        assert_eq!(
            rules.layers,
            [
                "conflict/actors/../base.toml",
                "conflict/actors/congo.toml",
                "conflict/top.toml"
            ]
        );
        let ids: Vec<&str> = rules
            .entities
            .iter()
            .map(|entity| entity.id.as_str())
            .collect();
        assert_eq!(ids, ["Pakistan", "DRCongo", "Rwanda"]);
    }

    #[test]
    fn an_include_cycle_is_refused_where_it_closes() {
        let a = format!("include = [\"b.toml\"]\n{}", entity("A", "\"A\""));
        let b = format!("include = [\"./a.toml\"]\n{}", entity("B", "\"B\""));
        let mut files = files(&[("a.toml", &a), ("b.toml", &b)]);
        let error = load_files(&mut files, &["a.toml"]).unwrap_err();
        let problems: Vec<String> = error
            .problems()
            .iter()
            .map(|problem| format!("{}:{problem}", problem.source))
            .collect();
        assert_eq!(
            problems,
            ["b.toml:line 1: include cycle: a.toml includes b.toml includes ./a.toml"]
        );
    }

    #[test]
    fn a_file_given_twice_is_read_once_with_a_note() {
        let mut files = files(&[("base.toml", BASE)]);
        let rules = load_files(&mut files, &["base.toml", "./base.toml"]).unwrap();
        assert_eq!(rules.layers, ["base.toml"]);
        let notes: Vec<String> = rules.notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            notes,
            ["./base.toml: `./base.toml` is read once: it is the layer `base.toml` already"]
        );
    }

    #[test]
    fn an_include_that_cannot_be_read_or_resolved_is_a_problem_at_its_line() {
        let top = "\ninclude = [\"missing.toml\"]\n";
        let mut files = files(&[("top.toml", top)]);
        let error = load_files(&mut files, &["top.toml"]).unwrap_err();
        assert!(
            error.to_string().contains(
                "top.toml:line 2: cannot read included `missing.toml` (missing.toml): no such file"
            ),
            "{error}"
        );
        let error = RuleSet::from_toml("text.toml", top).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("text.toml:line 2: cannot include `missing.toml`"),
            "{error}"
        );
    }

    #[test]
    fn a_demonym_adds_the_organs_the_entity_does_not_list() {
        let text = "[[entity]]\nid = \"DRCongo\"\nkind = \"Country\"\nlabel = \"DR Congo\"\ndemonym = \"Congolese\"\naliases = [\"DRC\", \"Congolese army\"]\n\n[[entity]]\nid = \"Taliban\"\nkind = \"Government\"\nlabel = \"Taliban\"\naliases = [\"Taliban\"]\n\n[[entity]]\nid = \"Afghanistan\"\nkind = \"Country\"\nlabel = \"Afghanistan\"\ndemonym = \"Afghan\"\naliases = [\"Afghanistan\"]\nstands_for = [{ actor = \"Taliban\" }]\n";
        let rules = RuleSet::from_toml("demonym.toml", text).unwrap();
        let congo = rules.entity("DRCongo").unwrap();
        let mut expected: Vec<String> = std::iter::once("Congolese".to_owned())
            .chain(super::super::demonym::organ_phrases("Congolese"))
            .filter(|phrase| phrase != "Congolese army")
            .collect();
        assert_eq!(congo.generated_aliases, expected);
        expected.insert(0, "Congolese army".to_owned());
        expected.insert(0, "DRC".to_owned());
        assert_eq!(congo.aliases, expected);
        // Whoever governs Afghanistan acts through its organs.
        let afghanistan = rules.entity("Afghanistan").unwrap();
        assert_eq!(afghanistan.aliases, ["Afghanistan", "Afghan"]);
        assert_eq!(
            afghanistan.government_aliases.len(),
            super::super::ORGANS.len()
        );
        assert_eq!(afghanistan.government_aliases[0], "Afghan government");
    }

    #[test]
    fn a_demonym_clash_says_the_alias_was_generated() {
        let text = format!(
            "{}demonym = \"Congolese\"\n\n{}demonym = \"Congolese\"\n",
            entity("DRCongo", "\"DRC\""),
            entity("RepublicOfCongo", "\"Brazzaville\"")
        );
        let error = RuleSet::from_toml("congo.toml", &text).unwrap_err();
        assert!(
            error.to_string().contains(
                "congo.toml:line 8: rule `RepublicOfCongo`: alias `Congolese army` (from demonym `Congolese`) is already an alias of `DRCongo` (from demonym `Congolese`) (line 1)"
            ),
            "{error}"
        );
        let bad = format!("{}demonym = \"congolese\"\n", entity("DRCongo", "\"DRC\""));
        let error = RuleSet::from_toml("bad.toml", &bad).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("bad.toml:line 6: rule `DRCongo`: `demonym` must be capitalised"),
            "{error}"
        );
    }
}

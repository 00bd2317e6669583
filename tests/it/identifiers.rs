//! The identifiers of the default rules against the lists they were checked
//! on: every Wikidata item, GeoNames id and DBpedia name is on
//! `tests/fixtures/linked/identifiers.tsv` (the project's checked list) or in
//! the hand-annotated `tests/gold/corpus/entities.tsv`; every entity of the
//! list that the rules hold carries the list's identifiers; every CAMEO
//! actor code is stated on the dictionary line its `checked` note cites
//! (`tests/fixtures/linked/cameo-actors.tsv`, lines of PETRARCH2's
//! dictionaries). The fixtures' README says where they come from.

use std::collections::{HashMap, HashSet};

use crate::cli::repo;

/// The rules' ids for entities the list names otherwise.
const LIST_NAMES: &[(&str, &str)] = &[("MohammadHasanAkhund", "MohammadHassanAkhund")];

struct Entity {
    id: String,
    keys: HashMap<String, String>,
}

fn rules_entities() -> Vec<Entity> {
    let text = std::fs::read_to_string(repo().join("ontology/rules.toml")).unwrap();
    let rules: toml::Table = toml::from_str(&text).unwrap();
    rules["entity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entity| {
            let table = entity.as_table().unwrap();
            let keys = ["wikidata", "geonames", "dbpedia", "cameo", "checked"]
                .iter()
                .filter_map(|key| {
                    let value = table.get(*key)?.as_str()?;
                    Some((key.to_string(), value.to_owned()))
                })
                .collect();
            Entity {
                id: table["id"].as_str().unwrap().to_owned(),
                keys,
            }
        })
        .collect()
}

/// A TSV file as rows of named fields.
fn tsv(path: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            header
                .iter()
                .zip(line.split('\t').chain(std::iter::repeat("")))
                .map(|(name, value)| (name.to_string(), value.to_owned()))
                .collect()
        })
        .collect()
}

/// (rules key, list column) for each identifier kind.
const KINDS: &[(&str, &str)] = &[
    ("wikidata", "wikidata"),
    ("geonames", "geonames"),
    ("dbpedia", "enwiki"),
];

#[test]
fn every_identifier_of_the_rules_is_on_a_checked_list() {
    let list = tsv("tests/fixtures/linked/identifiers.tsv");
    let gold = tsv("tests/gold/corpus/entities.tsv");
    let mut known: HashSet<(&str, String)> = HashSet::new();
    for (key, column) in KINDS {
        for row in &list {
            known.insert((key, row[*column].clone()));
        }
        for row in &gold {
            known.insert((key, row[*key].clone()));
        }
    }
    let mut unknown = Vec::new();
    for entity in rules_entities() {
        for (key, _) in KINDS {
            if let Some(value) = entity.keys.get(*key) {
                if !known.contains(&(key, value.clone())) {
                    unknown.push(format!("{} {key} {value}", entity.id));
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "identifiers on no checked list: {unknown:?}"
    );
}

#[test]
fn every_entity_on_the_list_carries_its_identifiers_and_says_how_many_sources() {
    let entities: HashMap<String, Entity> = rules_entities()
        .into_iter()
        .map(|entity| (entity.id.clone(), entity))
        .collect();
    let mut problems = Vec::new();
    for row in tsv("tests/fixtures/linked/identifiers.tsv") {
        let listed = row["entity"].as_str();
        let id = LIST_NAMES
            .iter()
            .find(|(list_name, _)| *list_name == listed)
            .map_or(listed, |(_, rules_id)| *rules_id);
        let Some(entity) = entities.get(id) else {
            problems.push(format!("{id} is on the list but not in the rules"));
            continue;
        };
        for (key, column) in KINDS {
            let value = &row[*column];
            if !value.is_empty() && entity.keys.get(*key) != Some(value) {
                problems.push(format!("{id}: {key} should be {value}"));
            }
        }
        let checked = entity.keys.get("checked").cloned().unwrap_or_default();
        if !checked.contains("linked/identifiers.tsv") {
            problems.push(format!("{id}: `checked` does not cite the list"));
        }
        if row["sources"] == "1" && !checked.contains("one source only") {
            problems.push(format!("{id}: `checked` does not say one source only"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_cameo_code_is_stated_on_the_dictionary_line_it_cites() {
    let lines: HashMap<(String, String), String> = tsv("tests/fixtures/linked/cameo-actors.tsv")
        .into_iter()
        .map(|row| {
            (
                (row["file"].clone(), row["line"].clone()),
                row["text"].clone(),
            )
        })
        .collect();
    let citation = regex::Regex::new(
        r"CAMEO (\S+) (?:from|as in)[^;]*?(Phoenix\.\w+\.actors\.txt) line (\d+)",
    )
    .unwrap();
    let mut problems = Vec::new();
    let mut coded = 0;
    for entity in rules_entities() {
        let Some(code) = entity.keys.get("cameo") else {
            continue;
        };
        coded += 1;
        let checked = entity.keys.get("checked").cloned().unwrap_or_default();
        let Some(cited) = citation.captures(&checked) else {
            problems.push(format!("{}: `checked` cites no dictionary line", entity.id));
            continue;
        };
        if &cited[1] != code {
            problems.push(format!(
                "{}: code {code}, `checked` says {}",
                entity.id, &cited[1]
            ));
        }
        let Some(text) = lines.get(&(cited[2].to_owned(), cited[3].to_owned())) else {
            problems.push(format!(
                "{}: {} line {} is not in the fixture",
                entity.id, &cited[2], &cited[3]
            ));
            continue;
        };
        // The code opens a bracket on that line: `[PAK]`, `[UZB >911221]`.
        if !(text.contains(&format!("[{code}]")) || text.contains(&format!("[{code} "))) {
            problems.push(format!("{}: {code} is not on the line {text:?}", entity.id));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(coded >= 30, "only {coded} entities have a CAMEO code");
}

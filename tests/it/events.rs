//! `newsgraph events`: PLOVER records valid against a JSON Schema written
//! from the PLOVER manual, GDELT rows that join a GDELT-format table on
//! date, actor codes and event root code, CSV and TSV quoting, and clear
//! usage errors.

use std::collections::HashMap;
use std::path::Path;

use crate::cli::{fail, repo, run};

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/events")
        .join(name)
        .display()
        .to_string()
}

/// A store built from the events fixture articles.
fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    run(&[
        "build",
        &fixture("articles.jsonl"),
        "--store",
        store.to_str().unwrap(),
        "--quiet",
    ]);
    dir
}

fn events(dir: &Path, args: &[&str]) -> String {
    let store = dir.join("store");
    let mut all = vec!["events", "--store", store.to_str().unwrap()];
    all.extend(args);
    run(&all)
}

/// A TSV table as rows of named fields.
fn tsv_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|line| {
            let values: Vec<&str> = line.split('\t').collect();
            assert_eq!(values.len(), header.len(), "a full row: {line}");
            header
                .iter()
                .zip(values)
                .map(|(name, value)| (name.to_string(), value.to_owned()))
                .collect()
        })
        .collect()
}

#[test]
fn plover_records_validate_against_the_schema_from_the_manual() {
    let dir = store();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("plover.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let output = events(dir.path(), &["--schema", "plover"]);
    let records: Vec<serde_json::Value> = output
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(records.len(), 8, "the asserted instances:\n{output}");
    for record in &records {
        let errors: Vec<String> = validator
            .iter_errors(record)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\nin {record}");
    }
    let accusation = records
        .iter()
        .find(|record| record["event_type"] == "ACCUSE" && record["cameo_code"] == "112")
        .expect("Pakistan accuses the Taliban");
    assert_eq!(accusation["date"], "2025-11-07");
    assert_eq!(accusation["actor"][0]["identifier_id"], "Q843");
    assert_eq!(accusation["actor"][0]["code"], "PAK");
    assert_eq!(
        accusation["event_text"],
        "Pakistan accused the Taliban of sheltering militants."
    );
    assert_eq!(accusation["text_info"]["start"], 0);
    assert_eq!(
        accusation["cite_info"]["url"],
        "https://example.org/news/ev1"
    );
    assert_eq!(accusation["cite_info"]["publication"], "Example News");
    // The version of the bundled rules the store was built with.
    assert!(
        accusation["cite_info"]["rules_version"]
            .as_str()
            .is_some_and(|version| version.starts_with("sha256:")),
        "{accusation}"
    );
    // The schema is not a rubber stamp: a record without its actor fails.
    let mut broken = accusation.clone();
    broken.as_object_mut().unwrap().remove("actor");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn negated_instances_come_only_with_all_and_then_with_their_modality() {
    let dir = store();
    let asserted = events(dir.path(), &["--schema", "gdelt"]);
    assert!(!asserted.contains("Modality"));
    assert!(
        !asserted.contains("\tIRN\t"),
        "the negated accusation of Iran:\n{asserted}"
    );
    let all = tsv_rows(&events(dir.path(), &["--schema", "gdelt", "--all"]));
    let negated: Vec<_> = all
        .iter()
        .filter(|row| row["Modality"] == "Negated")
        .collect();
    assert_eq!(negated.len(), 1);
    assert_eq!(negated[0]["Actor2Code"], "IRN");
    assert_eq!(all.len(), tsv_rows(&asserted).len() + 1);
}

#[test]
fn gdelt_rows_join_a_gdelt_table_on_date_actors_and_root_code() {
    let dir = store();
    let ours = tsv_rows(&events(dir.path(), &["--schema", "gdelt"]));
    let theirs = tsv_rows(&std::fs::read_to_string(fixture("gdelt-events.tsv")).unwrap());
    let key = |row: &HashMap<String, String>| {
        ["SQLDATE", "Actor1Code", "Actor2Code", "EventRootCode"].map(|column| row[column].clone())
    };
    let mut joined: Vec<(String, String)> = Vec::new();
    for gdelt in &theirs {
        for row in ours.iter().filter(|row| key(row) == key(gdelt)) {
            joined.push((gdelt["GLOBALEVENTID"].clone(), row["EventCode"].clone()));
        }
    }
    joined.sort();
    assert_eq!(
        joined,
        [
            ("1000000001".to_owned(), "112".to_owned()),
            ("1000000002".to_owned(), "045".to_owned()),
            ("1000000003".to_owned(), "111".to_owned()),
        ]
    );
    // Each row leads back to its instance in the graph.
    for row in &ours {
        assert!(row["InstanceIRI"].contains("/relation/"), "{row:?}");
        assert!(row["GLOBALEVENTID"].parse::<i64>().is_ok());
    }
}

#[test]
fn ids_are_the_same_on_every_build() {
    let first = events(store().path(), &["--schema", "gdelt"]);
    let second = events(store().path(), &["--schema", "gdelt"]);
    let ids = |text: &str| {
        let mut ids: Vec<String> = tsv_rows(text)
            .iter()
            .map(|row| row["GLOBALEVENTID"].clone())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&first), ids(&second));
}

#[test]
fn csv_quotes_a_value_with_a_comma_and_jsonl_names_every_column() {
    let dir = store();
    let csv = events(dir.path(), &["--schema", "gdelt", "--format", "csv"]);
    let header_columns = csv.lines().next().unwrap().split(',').count();
    assert!(
        csv.contains(",\"https://example.org/news/ev2?page=1,2\","),
        "{csv}"
    );
    for line in csv.lines() {
        // Commas inside quotes do not separate.
        let unquoted: String = line.split('"').step_by(2).collect();
        assert_eq!(unquoted.matches(',').count() + 1, header_columns, "{line}");
    }
    let tsv = events(dir.path(), &["--schema", "gdelt", "--format", "tsv"]);
    assert!(tsv.contains("\thttps://example.org/news/ev2?page=1,2\t"));
    let jsonl = events(dir.path(), &["--schema", "gdelt", "--format", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first.as_object().unwrap().len(), header_columns);
    assert!(first["EventRootCode"].is_string());
}

#[test]
fn events_writes_the_output_file() {
    let dir = store();
    let file = dir.path().join("out/events.jsonl");
    events(dir.path(), &["--output", file.to_str().unwrap()]);
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, events(dir.path(), &[]));
}

#[test]
fn bad_values_are_usage_errors() {
    let dir = store();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let error = fail(&["events", "--store", store, "--format", "csv"], 2);
    assert!(error.contains("use --format jsonl"), "{error}");
    let error = fail(&["events", "--store", store, "--schema", "icews"], 2);
    assert!(
        error.contains("unknown schema `icews` (expected plover or gdelt)"),
        "{error}"
    );
    let error = fail(&["events", "--store", store, "--format", "xml"], 2);
    assert!(
        error.contains("unknown format `xml` (expected csv, tsv or jsonl)"),
        "{error}"
    );
    let missing = dir.path().join("nothing");
    let error = fail(&["events", "--store", missing.to_str().unwrap()], 1);
    assert!(error.contains("nothing"), "{error}");
}

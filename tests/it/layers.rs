//! Rules in layers as a user gives them: `--rules` twice on build, the
//! default rules left out, `rules check` naming both places of a clash and
//! what a later layer replaced, and the organ aliases a demonym generates.

use std::path::Path;

use crate::cli::{fail, newsgraph, readme_section, repo, run};
use crate::hay::assert_lines;

/// A user's layer for another conflict: two states, one by its demonym.
/// The label is one from which the matcher forms no demonym of its own
/// (from "Democratic Republic of the Congo" it would form "Congolese"), so
/// that only `demonym` can name the Congo in "the Congolese army".
const CONGO: &str = r#"[[entity]]
id = "DRCongo"
kind = "Country"
label = "DRC"
demonym = "Congolese"
aliases = ["DR Congo", "DRC"]

[[entity]]
id = "Rwanda"
kind = "Country"
label = "Rwanda"
aliases = ["Rwanda"]
"#;

const ARTICLE: &str = "The Congolese army accused Rwanda of backing the rebels on Monday.\n\n\
    Pakistan demanded that the Congolese authorities investigate the attack.\n";

/// The "Source predicate Target" lines of the relation triples in N-Quads.
pub fn relations(nquads: &str) -> Vec<String> {
    let entity = |term: &str| {
        term.trim_start_matches('<')
            .trim_end_matches('>')
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let mut lines: Vec<String> = nquads
        .lines()
        .filter_map(|line| {
            let mut terms = line.split(' ');
            let (subject, predicate, object) = (terms.next()?, terms.next()?, terms.next()?);
            let predicate = predicate.strip_prefix("<https://w3id.org/newsgraph/ontology#")?;
            let predicate = predicate.strip_suffix('>')?;
            let stated = ["mediates", "accuses", "demands", "rejects"].contains(&predicate);
            (stated && subject.contains("/entity/") && object.contains("/entity/"))
                .then(|| format!("{} {predicate} {}", entity(subject), entity(object)))
        })
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// Writes the user's layer and the article into `dir`.
fn write_inputs(dir: &Path) -> (String, String) {
    let layer = dir.join("congo.toml");
    let article = dir.join("article.txt");
    std::fs::write(&layer, CONGO).unwrap();
    std::fs::write(&article, ARTICLE).unwrap();
    (
        layer.to_str().unwrap().to_owned(),
        article.to_str().unwrap().to_owned(),
    )
}

/// The line of the `[[entity]]` header of `id` in ontology/rules.toml: the
/// one above its `id`, whose index from 0 is the header's number from 1.
fn default_line(id: &str) -> usize {
    let text = std::fs::read_to_string(repo().join("ontology/rules.toml")).unwrap();
    text.lines()
        .position(|line| line == format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("{id} is in the default rules"))
}

#[test]
fn two_layers_on_build_read_a_demonym_organ_and_the_summary_names_both() {
    let dir = tempfile::tempdir().unwrap();
    let (layer, article) = write_inputs(dir.path());
    let extra = dir.path().join("extra.toml");
    std::fs::write(
        &extra,
        "[[entity]]\nid = \"M23\"\nkind = \"ArmedGroup\"\nlabel = \"M23\"\naliases = [\"M23\"]\n",
    )
    .unwrap();
    let extra = extra.to_str().unwrap();
    let output = newsgraph()
        .args([
            "build", &article, "--rules", &layer, "--rules", extra, "--output", "-",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let nquads = String::from_utf8(output.stdout).unwrap();
    // "The Congolese army" is the Congo through its demonym.
    assert_lines(
        "relations of the article with the Congo layer",
        &["DRCongo accuses Rwanda", "Pakistan demands DRCongo"],
        &relations(&nquads),
    );
    let summary = format!("  rules       ontology/rules.toml, {layer}, {extra}\n");
    assert!(
        stderr.contains(&summary),
        "expected {summary:?} in:\n{stderr}"
    );
    // Without its demonym the layer names no Congolese organ.
    std::fs::write(&layer, CONGO.replace("demonym = \"Congolese\"\n", "")).unwrap();
    let nquads = run(&[
        "build", &article, "--rules", &layer, "--output", "-", "--quiet",
    ]);
    assert_lines(
        "relations of the article with the Congo layer but no demonym",
        &[],
        &relations(&nquads),
    );
}

#[test]
fn no_default_rules_leaves_the_default_actors_out() {
    let dir = tempfile::tempdir().unwrap();
    let (layer, article) = write_inputs(dir.path());
    let nquads = run(&[
        "build",
        &article,
        "--rules",
        &layer,
        "--no-default-rules",
        "--output",
        "-",
        "--quiet",
    ]);
    // No relation rules and no Pakistan: nothing is stated.
    assert_lines("relations with one layer alone", &[], &relations(&nquads));
    assert!(
        nquads.contains("/entity/DRCongo>"),
        "the layer's entities are written"
    );
    assert!(
        !nquads.contains("/entity/Pakistan>"),
        "no default entity is written"
    );
    let error = fail(
        &["build", &article, "--no-default-rules", "--output", "-"],
        2,
    );
    assert!(
        error.contains("--no-default-rules leaves no rules"),
        "{error}"
    );
}

#[test]
fn rules_check_names_both_places_of_an_alias_claimed_in_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let layer = dir.path().join("clash.toml");
    std::fs::write(
        &layer,
        "\n[[entity]]\nid = \"Capital\"\nkind = \"Place\"\nlabel = \"Capital\"\naliases = [\"Islamabad\"]\n",
    )
    .unwrap();
    let layer = layer.to_str().unwrap();
    let error = fail(&["rules", "check", "--rules", layer], 1);
    let expected = format!(
        "{layer}:line 2: rule `Capital`: alias `Islamabad` is already an alias of `Islamabad` (ontology/rules.toml:{})",
        default_line("Islamabad")
    );
    assert!(
        error.contains(&expected),
        "expected {expected:?} in:\n{error}"
    );
}

#[test]
fn rules_check_says_what_a_later_layer_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let layer = dir.path().join("qatar.toml");
    std::fs::write(
        &layer,
        "[[entity]]\nid = \"Qatar\"\nkind = \"Country\"\nlabel = \"State of Qatar\"\ndemonym = \"Qatari\"\naliases = [\"Qatar\"]\n",
    )
    .unwrap();
    let layer = layer.to_str().unwrap();
    let out = run(&["rules", "check", layer]);
    let expected = format!(
        "note: {layer}:1: entity `Qatar` replaces the one of ontology/rules.toml:{}",
        default_line("Qatar")
    );
    assert!(out.contains(&expected), "expected {expected:?} in:\n{out}");
    assert!(
        out.contains(&format!("  layer {layer}: 1 entities")),
        "{out}"
    );
}

#[test]
fn rules_check_verbose_lists_the_generated_organ_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let (layer, _) = write_inputs(dir.path());
    let out = run(&["rules", "check", "--rules", &layer, "--verbose"]);
    let congo = out
        .lines()
        .find(|line| line.starts_with("DRCongo "))
        .unwrap_or_else(|| panic!("no line for DRCongo in:\n{out}"));
    let expected = format!(
        "DRCongo ({layer}:1): demonym `Congolese` generates 15 aliases: Congolese, Congolese government, Congolese army, Congolese armed forces, Congolese military, Congolese officials, Congolese delegation, Congolese side, Congolese authorities, Congolese foreign ministry, Congolese Foreign Ministry, Congolese forces, Congolese troops, Congolese negotiators, Congolese leadership"
    );
    assert_lines(
        "the Congo's generated aliases",
        &[&expected],
        &[congo.to_owned()],
    );
    // The default countries' organs come from their demonyms too.
    assert!(
        out.lines()
            .any(|line| line.starts_with("Pakistan (ontology/rules.toml:")
                && line.contains("Pakistani army")),
        "{out}"
    );
}

/// The code blocks of the README's worked example, in order, without
/// their fences and the indent of the list they sit in.
fn tutorial_blocks() -> Vec<String> {
    let section = readme_section("### A new topic, step by step");
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in section.lines() {
        let line = line.strip_prefix("   ").unwrap_or(line);
        if line.starts_with("```") {
            match current.take() {
                Some(lines) => blocks.push(lines.join("\n") + "\n"),
                None => current = Some(Vec::new()),
            }
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
    }
    blocks
}

#[test]
fn the_readmes_worked_example_gives_what_it_shows() {
    let blocks = tutorial_blocks();
    // The layer, the article, the commands, the table they print.
    assert_eq!(blocks.len(), 4, "{blocks:#?}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sudan.toml"), &blocks[0]).unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/jeddah.txt"), &blocks[1]).unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let (layer, articles, store) = (path("sudan.toml"), path("articles"), path("sudan.db"));
    run(&["rules", "check", &layer]);
    run(&[
        "build", &articles, "--rules", &layer, "--store", &store, "--quiet",
    ]);
    let table = run(&["query", "--store", &store, "-p", "relations"]);
    assert_lines(
        "the worked example's relations",
        &blocks[3].lines().collect::<Vec<_>>(),
        &table.lines().map(str::to_owned).collect::<Vec<_>>(),
    );
    assert!(blocks[2].contains("newsgraph build articles --rules sudan.toml"));
}

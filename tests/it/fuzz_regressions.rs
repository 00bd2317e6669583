//! The fuzz targets' checks (`fuzz/src/lib.rs`, included here as it is)
//! replayed on every seed in `fuzz/seeds/` and every input in
//! `fuzz/regressions/`: inputs a fuzzer once found failing, each kept under a
//! name that says what broke. A failure here is the same failure the fuzzer
//! saw, with the input's path.

use std::path::Path;

#[path = "../../fuzz/src/lib.rs"]
mod checks;

/// Runs `check` on every file of the given folders and reports each input
/// that fails, not only the first.
fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs = Vec::new();
    for folder in ["seeds", "regressions"] {
        let folder = root.join(folder).join(target);
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
        inputs.extend(entries.map(|entry| entry.expect("a readable folder").path()));
    }
    inputs.sort();
    let failures: Vec<String> = inputs
        .iter()
        .filter(|path| path.file_name().is_some_and(|name| name != ".gitkeep"))
        .filter_map(|path| {
            let bytes =
                std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            std::panic::catch_unwind(|| check(&bytes))
                .err()
                .map(|_| path.display().to_string())
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{target}: the fuzz checks fail on (panic messages above):\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn text_to_graph_seeds_and_regressions_pass_the_fuzz_checks() {
    replay("text_to_graph", checks::text_to_graph);
}

#[test]
fn rules_parse_seeds_and_regressions_pass_the_fuzz_checks() {
    replay("rules_parse", checks::rules_parse);
}

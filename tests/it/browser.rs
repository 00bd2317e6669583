//! The web page at `/` as an analyst uses it, in a real browser: Debian's
//! Chromium driven by playwright-core (tests/browser/page.mjs, installed by
//! .ci/setup) against `newsgraph serve` on loopback. The screenshot goes to
//! a temporary folder; `UPDATE_SCREENSHOTS=1` writes it to
//! docs/screenshots/page.png, the one the README shows.

use std::path::Path;
use std::process::Command;

use crate::cli::{build_corpus, repo};
use crate::serve::serve;

#[test]
fn the_page_runs_presets_draws_the_network_and_shows_an_edges_evidence_in_chromium() {
    let root = repo();
    assert!(
        Path::new("/usr/bin/chromium").exists()
            && root
                .join("tests/browser/node_modules/playwright-core")
                .is_dir(),
        "Chromium or playwright-core is missing; run .ci/setup"
    );
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    build_corpus(&store);
    let served = serve(&store, &[]);
    let screenshot = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        root.join("docs/screenshots/page.png")
    } else {
        dir.path().join("page.png")
    };
    std::fs::create_dir_all(screenshot.parent().unwrap()).unwrap();
    let output = Command::new("node")
        .current_dir(&root)
        .arg("tests/browser/page.mjs")
        .arg(&served.base)
        .arg(&screenshot)
        .output()
        .expect("node runs (install Node.js)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser test failed ({:?})\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status.code()
    );
    let summary: serde_json::Value = serde_json::from_str(
        stdout
            .lines()
            .rev()
            .find(|line| line.trim_start().starts_with('{'))
            .unwrap_or_else(|| panic!("no JSON summary in the output:\n{stdout}\n{stderr}")),
    )
    .unwrap();
    for key in ["rows", "edges", "evidence"] {
        assert!(
            summary[key].as_u64().is_some_and(|n| n > 0),
            "`{key}` should be a positive count: {summary}\n{stderr}"
        );
    }
    assert!(
        std::fs::metadata(&screenshot).unwrap().len() > 20 * 1024,
        "the screenshot at {} is suspiciously small",
        screenshot.display()
    );
}

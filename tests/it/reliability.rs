//! Faults: a second process on a store being written, a build killed with
//! SIGKILL at any moment, and article text that tries to inject triples.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::cli::{export, newsgraph, query_csv, repo, run};

/// A corpus of `copies` × the bundled articles, under new names.
fn large_corpus(dir: &Path, copies: usize) -> PathBuf {
    let corpus = dir.join("large");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for copy in 0..copies {
        for (index, seed) in seeds.iter().enumerate() {
            std::fs::copy(seed, corpus.join(format!("a{copy:04}_{index}.txt"))).unwrap();
        }
    }
    corpus
}

/// `newsgraph build INPUT --store STORE --quiet`, asserting success.
fn build_into(input: &Path, store: &Path) {
    run(&[
        "build",
        input.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "--quiet",
    ]);
}

fn graph_sizes(store: &Path) -> BTreeMap<String, String> {
    let csv = query_csv(
        store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    );
    csv.lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .map(|(g, n)| (g.to_owned(), n.trim().to_owned()))
        .collect()
}

/// Regression: with mimalloc as the global allocator, opening a store that
/// another process holds segfaulted while dropping RocksDB's error (memory
/// that Oxigraph frees with the global allocator). newsgraph keeps the
/// system allocator; this test opens a locked store many times.
#[test]
fn a_second_process_gets_a_plain_store_in_use_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = large_corpus(dir.path(), 400);
    let store = dir.path().join("s");
    let mut build = newsgraph()
        .args([
            "build",
            corpus.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
            "--quiet",
        ])
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !store.join("CURRENT").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the build never opened its store"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = newsgraph()
        .args([
            "query",
            "--store",
            store.to_str().unwrap(),
            "--preset",
            "accusations",
        ])
        .output()
        .unwrap();
    let finished_first = build.try_wait().unwrap().is_some();
    if !finished_first {
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{error}");
        assert!(
            error.contains("is in use by another newsgraph process")
                && error.contains("wait for it to finish"),
            "{error}"
        );
        assert!(
            !error.contains("rocksdb") && !error.contains("IO error"),
            "no RocksDB trace: {error}"
        );
    }
    assert!(build.wait().unwrap().success());
}

#[test]
fn a_killed_build_leaves_whole_articles_and_a_rerun_converges() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = large_corpus(dir.path(), 120);
    let clean = dir.path().join("clean");
    build_into(&corpus, &clean);
    let expected_sizes = graph_sizes(&clean);
    let expected = export(&clean, "nquads");
    for (round, delay_ms) in [30u64, 120, 300, 700].into_iter().enumerate() {
        let store = dir.path().join(format!("killed{round}"));
        if round % 2 == 1 {
            // A store that already has data takes the transactional path.
            let part = dir.path().join(format!("part{round}"));
            std::fs::create_dir_all(&part).unwrap();
            for index in 0..5 {
                let name = format!("a0000_{index}.txt");
                std::fs::copy(corpus.join(&name), part.join(&name)).unwrap();
            }
            build_into(&part, &store);
        }
        let mut build = newsgraph()
            .args([
                "build",
                corpus.to_str().unwrap(),
                "--store",
                store.to_str().unwrap(),
                "--quiet",
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = build.kill(); // SIGKILL
        let _ = build.wait();
        if store.join("CURRENT").exists() {
            for (graph, size) in graph_sizes(&store) {
                if let Some(whole) = expected_sizes.get(&graph) {
                    assert_eq!(
                        &size, whole,
                        "round {round}: graph {graph} is partial after SIGKILL at {delay_ms} ms"
                    );
                }
            }
        }
        build_into(&corpus, &store);
        let rebuilt = export(&store, "nquads");
        assert!(
            rebuilt == expected,
            "round {round}: re-running the killed build did not converge on the clean graph"
        );
    }
}

#[test]
fn article_text_and_names_cannot_inject_triples() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("evil");
    std::fs::create_dir_all(&corpus).unwrap();
    let payload = "Pakistan accused the Taliban. \"> <http://evil.example/s> <http://evil.example/p> <http://evil.example/o> .\n\
                   '''\"\"\" ] } @prefix evil: <http://evil.example/> . <![CDATA[ </rdf:RDF> ]]> {\"@id\": \"http://evil.example/x\"} \\u0022 \\\" \u{0}";
    std::fs::write(
        corpus.join("evil <name> \"quoted\" #frag.txt"),
        payload.replace('\u{0}', ""),
    )
    .unwrap();
    let store = dir.path().join("s");
    build_into(&corpus, &store);
    for (format, rdflib) in [
        ("nquads", "nquads"),
        ("trig", "trig"),
        ("turtle", "turtle"),
        ("ntriples", "nt"),
        ("rdfxml", "xml"),
        ("jsonld", "json-ld"),
    ] {
        let file = dir.path().join(format!("out.{format}"));
        run(&[
            "export",
            "--store",
            store.to_str().unwrap(),
            "--format",
            format,
            "--output",
            file.to_str().unwrap(),
        ]);
        let script = "import sys, rdflib\nd = rdflib.Dataset()\nd.parse(sys.argv[1], format=sys.argv[2])\nnodes = {str(t) for q in d.quads() for t in q[:3] if not isinstance(t, rdflib.Literal)}\nprint(sum(1 for n in nodes if 'evil.example' in n))";
        let injected = crate::cli::run_python(
            &format!("{format}: rdflib could not parse the export"),
            script,
            &[file.to_str().unwrap(), rdflib],
        );
        assert_eq!(
            injected, "0",
            "{format}: text from the article became a node"
        );
    }
}

#[test]
fn a_full_disk_is_one_clear_error_naming_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    crate::cli::build_corpus(&store);
    let corpus = repo().join("corpus");
    let store = store.to_str().unwrap();
    for (what, args) in [
        (
            "writing N-Quads",
            vec![
                "build",
                corpus.to_str().unwrap(),
                "--output",
                "/dev/full",
                "--quiet",
            ],
        ),
        (
            "writing",
            vec![
                "export",
                "--store",
                store,
                "--format",
                "turtle",
                "--output",
                "/dev/full",
            ],
        ),
    ] {
        let output = newsgraph().args(&args).output().unwrap();
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {error}");
        assert!(
            error.starts_with(&format!("error: {what}: ")),
            "{args:?} should say what failed: {error}"
        );
        assert_eq!(
            error.matches("No space left on device").count(),
            1,
            "{args:?} should name the cause once: {error}"
        );
    }
}

/// The shell steps of the full-disk test, run in a private mount namespace
/// (`unshare --user --map-root-user --mount`, so no root is needed where
/// user namespaces are allowed): for a new store and for one that already
/// holds articles, a build onto a tmpfs of a few megabytes, then the same
/// file system given room, the store opened and the build run again.
const FULL_DISK_SCRIPT: &str = r#"
set -u
ng="$1"; work="$2"
for kind in new existing; do
  mnt="$work/$kind-mnt"
  mkdir -p "$mnt"
  mount -t tmpfs -o size=8m tmpfs "$mnt" || exit 90
  if [ "$kind" = existing ]; then
    "$ng" build "$work/part" --store "$mnt/s" --quiet || exit 91
  fi
  "$ng" build "$work/large" --store "$mnt/s" --quiet 2>"$work/$kind.full.err"
  echo $? >"$work/$kind.full.rc"
  mount -o remount,size=2g "$mnt" || exit 92
  "$ng" query --store "$mnt/s" --format csv \
    'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g' \
    >"$work/$kind.sizes.csv" 2>"$work/$kind.open.err"
  echo $? >"$work/$kind.open.rc"
  "$ng" build "$work/large" --store "$mnt/s" --quiet 2>"$work/$kind.rerun.err"
  echo $? >"$work/$kind.rerun.rc"
  "$ng" export --store "$mnt/s" --format nquads --output "$work/$kind.nq" || exit 93
  umount "$mnt"
done
"#;

#[test]
fn a_full_disk_during_a_store_build_leaves_a_store_that_opens_and_a_rerun_converges() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    let corpus = large_corpus(work, 120);
    // The first five articles, built first into the store that already
    // has data (the transactional path).
    let part = work.join("part");
    std::fs::create_dir_all(&part).unwrap();
    for index in 0..5 {
        let name = format!("a0000_{index}.txt");
        std::fs::copy(corpus.join(&name), part.join(&name)).unwrap();
    }
    let clean = work.join("clean");
    build_into(&corpus, &clean);
    let expected_sizes = graph_sizes(&clean);
    let expected = export(&clean, "nquads");
    let binary = assert_cmd::cargo::cargo_bin("newsgraph");
    let namespace = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(FULL_DISK_SCRIPT)
        .arg("sh")
        .arg(&binary)
        .arg(work)
        .output()
        .expect("unshare (util-linux) runs");
    assert!(
        namespace.status.success(),
        "the namespace script failed ({:?}; 90 to 93 name its step): {}",
        namespace.status.code(),
        String::from_utf8_lossy(&namespace.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(work.join(name)).unwrap();
    for kind in ["new", "existing"] {
        let error = read(&format!("{kind}.full.err"));
        assert_eq!(
            read(&format!("{kind}.full.rc")).trim(),
            "1",
            "{kind}: {error}"
        );
        assert!(
            error.starts_with("error: store ") && error.contains("free space and run"),
            "{kind}: the error should name the store and the way out: {error}"
        );
        assert_eq!(
            error.matches("No space left on device").count(),
            1,
            "{kind}: the cause should be named once: {error}"
        );
        assert_eq!(
            read(&format!("{kind}.open.rc")).trim(),
            "0",
            "{kind}: the store does not open once there is room: {}",
            read(&format!("{kind}.open.err"))
        );
        for line in read(&format!("{kind}.sizes.csv")).lines().skip(1) {
            let (graph, size) = line.split_once(',').unwrap();
            // Article graphs; the summary counts what was stored so far.
            if let Some(whole) = expected_sizes
                .get(graph)
                .filter(|_| graph.contains("/doc/"))
            {
                assert_eq!(
                    size.trim(),
                    whole,
                    "{kind}: graph {graph} is partial after the disk filled"
                );
            }
        }
        assert_eq!(
            read(&format!("{kind}.rerun.rc")).trim(),
            "0",
            "{kind}: the re-run failed: {}",
            read(&format!("{kind}.rerun.err"))
        );
        assert!(
            read(&format!("{kind}.nq")) == expected,
            "{kind}: the re-run after a full disk did not converge on the clean graph"
        );
    }
}

/// The N-Quads of `nquads` as N-Triples: each line without its graph name
/// (every quad of an export is in a named graph, an IRI with no space).
fn without_graph_names(nquads: &str) -> String {
    nquads
        .lines()
        .map(|line| {
            let mut parts = line.rsplitn(3, ' ');
            let (dot, _graph, triple) = (parts.next(), parts.next(), parts.next());
            assert_eq!(dot, Some("."), "not an N-Quads line: {line}");
            format!("{} .\n", triple.unwrap())
        })
        .collect()
}

#[test]
fn a_killed_load_stores_each_file_all_or_nothing_and_the_summary_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = large_corpus(dir.path(), 120);
    let source = dir.path().join("source");
    build_into(&corpus, &source);
    let file = dir.path().join("large.nq");
    crate::cli::export_to(&source, &file);
    let loaded_sizes = graph_sizes(&source);
    let triples = dir.path().join("large.nt");
    let lines = without_graph_names(&std::fs::read_to_string(&file).unwrap());
    std::fs::write(&triples, &lines).unwrap();
    let small = dir.path().join("small.nt");
    std::fs::write(
        &small,
        lines.lines().take(50).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let replaced = "https://example.org/replaced";
    for (round, delay_ms) in [60u64, 400, 1000, 1800, 2600].into_iter().enumerate() {
        let store = dir.path().join(format!("loaded{round}"));
        crate::cli::build_corpus(&store);
        let store_arg = store.to_str().unwrap();
        run(&[
            "load",
            small.to_str().unwrap(),
            "--store",
            store_arg,
            "--graph",
            replaced,
        ]);
        let before = graph_sizes(&store);
        let replace = round % 2 == 1;
        let mut args = vec!["load", "--store", store_arg];
        if replace {
            args.extend([triples.to_str().unwrap(), "--graph", replaced, "--replace"]);
        } else {
            args.push(file.to_str().unwrap());
        }
        let mut load = newsgraph()
            .args(&args)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = load.kill(); // SIGKILL
        let finished = load.wait().unwrap().success();
        // Opening the store for writing (as `query` does) rebuilds a
        // summary the kill cut short.
        let after = graph_sizes(&store);
        assert!(
            !store.join("newsgraph-summary-stale").exists(),
            "round {round}: the summary's marker outlived an open for writing"
        );
        if replace {
            let (old, new) = (&before[replaced], (lines.lines().count()).to_string());
            let now = &after[replaced];
            assert!(
                now == old || *now == new,
                "round {round}: graph {replaced} holds {now} triples after SIGKILL at {delay_ms} ms: neither the old {old} nor the new {new}"
            );
        } else {
            let landed: Vec<_> = loaded_sizes
                .keys()
                .filter(|graph| graph.contains("/doc/"))
                .map(|graph| after.get(graph) == loaded_sizes.get(graph))
                .collect();
            assert!(
                landed.iter().all(|whole| *whole) || landed.iter().all(|whole| !*whole),
                "round {round}: after SIGKILL at {delay_ms} ms some graphs of the file landed and others not"
            );
            if finished {
                assert!(
                    landed.iter().all(|whole| *whole),
                    "round {round}: a finished load"
                );
            }
        }
        crate::summary::assert_exact(&store, &format!("round {round}, SIGKILL at {delay_ms} ms"));
    }
}

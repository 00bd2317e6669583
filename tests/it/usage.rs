//! The command line behaving like the tools a user knows: shell
//! completions and a man page, `--color` and NO_COLOR, exit 2 for every bad
//! value, and store and output paths whose folders do not exist yet.

use std::path::Path;

use crate::cli::{fail, newsgraph, readme_section, run};
use crate::hay::assert_lines;

/// The commands `newsgraph --help` lists (but `help`), with the
/// subcommands of `rules` and `syntax` as `rules check`.
fn commands() -> Vec<String> {
    fn listed(help: &str) -> Vec<String> {
        help.lines()
            .skip_while(|line| *line != "Commands:")
            .skip(1)
            .take_while(|line| !line.is_empty())
            .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
            .filter_map(|line| line.split_whitespace().next())
            .filter(|name| *name != "help")
            .map(str::to_owned)
            .collect()
    }
    let mut commands = listed(&run(&["--help"]));
    for parent in ["rules", "syntax"] {
        for child in listed(&run(&[parent, "--help"])) {
            commands.push(format!("{parent} {child}"));
        }
    }
    assert!(
        commands.len() > 12 && commands.iter().any(|c| c == "syntax train"),
        "{commands:?}"
    );
    commands
}

#[test]
fn completions_name_every_command() {
    let bash = run(&["completions", "bash"]);
    let missing: Vec<String> = commands()
        .into_iter()
        .filter(|command| {
            // The script has a case per word: `newsgraph,build)`, `…rules,check)`.
            let last = command.rsplit(' ').next().unwrap();
            !bash.contains(&format!(",{last})"))
        })
        .collect();
    assert_lines("commands missing from the bash script", &[], &missing);
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = run(&["completions", shell]);
        assert!(
            script.contains("explain") && script.contains("store"),
            "{shell}:\n{script}"
        );
    }
    let error = fail(&["completions", "tcsh"], 2);
    assert!(error.contains("possible values: bash"), "{error}");
}

#[test]
fn the_man_page_holds_every_command() {
    let roff = run(&["man"]);
    assert!(
        roff.lines()
            .any(|line| line.starts_with(".TH newsgraph 1 ")),
        "no page newsgraph(1):\n{}",
        &roff[..200]
    );
    let missing: Vec<String> = commands()
        .into_iter()
        .filter(|command| {
            let title = format!(".TH newsgraph-{} 1", command.replace(' ', "-"));
            !roff.lines().any(|line| line.starts_with(&title))
        })
        .collect();
    assert_lines("commands without a page in `newsgraph man`", &[], &missing);
    // A flag of a subcommand is on its page.
    assert!(
        roff.contains("\\-\\-read\\-only"),
        "no --read-only in the man page"
    );
}

/// Runs newsgraph with `environment` set; returns its exit code and
/// everything it wrote, standard output then standard error.
fn output_with(args: &[&str], environment: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut command = newsgraph();
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (name, value) in environment {
        command.env(name, value);
    }
    let output = command.output().expect("newsgraph runs");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.code(), text)
}

#[test]
fn color_never_and_no_color_write_no_escape() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let missing = missing.to_str().unwrap();
    // Help, a usage error of clap's, one of newsgraph's, a runtime error.
    let cases: [&[&str]; 4] = [
        &["--help"],
        &["build", "--no-such-flag"],
        &["graph", "--output", "network.png", "--store", missing],
        &["explain", "Pakistan", "--store", missing],
    ];
    for args in cases {
        let (_, forced) = output_with(&[&["--color", "always"], args].concat(), &[]);
        assert!(
            forced.contains('\x1b'),
            "--color always {args:?} is not coloured:\n{forced}"
        );
        let (_, clicolor) = output_with(args, &[("CLICOLOR_FORCE", "1")]);
        assert!(
            clicolor.contains('\x1b'),
            "CLICOLOR_FORCE {args:?}:\n{clicolor}"
        );
        for (flags, environment) in [
            (&["--color", "never"][..], &[][..]),
            (&["--color=never"][..], &[("CLICOLOR_FORCE", "1")][..]),
            (&[][..], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")][..]),
            (&["--color", "auto"][..], &[("NO_COLOR", "1")][..]),
        ] {
            let (_, text) = output_with(&[flags, args].concat(), environment);
            assert!(
                !text.contains('\x1b'),
                "{flags:?} {args:?} with {environment:?} wrote an escape:\n{text:?}"
            );
        }
    }
    let error = fail(&["--color", "pink", "build"], 2);
    assert!(
        error.contains("possible values: auto, always, never"),
        "{error}"
    );
}

/// One article, read with the shallow frames only: a store in a second.
fn small_store(store: &Path) {
    run(&[
        "build",
        "corpus/000_37f34d436a062281.txt",
        "--no-syntax",
        "--quiet",
        "--store",
        store.to_str().unwrap(),
    ]);
}

/// Each bad value with what its message must say; `--store` is added to
/// the commands that take one.
const BAD_VALUES: &[(&[&str], &str)] = &[
    (&["query", "--preset", "nope"], "unknown preset `nope`"),
    (
        &["query", "--format", "pdf", "ASK {}"],
        "unknown result format",
    ),
    (
        &["query", "--timeout", "0", "ASK {}"],
        "positive number of seconds",
    ),
    (&["export", "--format", "pdf"], "unknown RDF format `pdf`"),
    (
        &["export", "--output", "graph.xyz"],
        "cannot tell the format of graph.xyz",
    ),
    (&["export", "--graph", "not an iri"], "not a valid IRI"),
    (&["graph", "--format", "png"], "possible values: svg, dot"),
    (
        &["graph", "--output", "network.png"],
        "cannot tell svg or dot",
    ),
    (&["graph", "--since", "1 May"], "not a date yyyy-mm-dd"),
    (&["graph", "--since", "2024-5-1"], "not a date yyyy-mm-dd"),
    (
        &["graph", "--relation", "likes"],
        "unknown relation `likes`",
    ),
    (
        &["explain", "Pakistan", "likes", "Taliban"],
        "unknown relation `likes`",
    ),
    (&["explain", "Pakistan", "accuses"], "<TARGET>"),
    (
        &["eval", "tests/gold/corpus", "--min-f1", "high"],
        "--min-f1",
    ),
    (&["push", "--endpoint", "localhost:8890"], "--endpoint"),
    (
        &["push", "--endpoint", "ftp://example.org/"],
        "http:// or https://",
    ),
    (
        &["load", "data.xyz"],
        "cannot tell the RDF format of data.xyz",
    ),
    (
        &["build", "corpus", "--base", "http://x", "--output", "-"],
        "must end with `/` or `#`",
    ),
    (
        &["build", "corpus", "--id", "x", "--output", "-"],
        "add - to the inputs",
    ),
    (&["serve", "--timeout", "0"], "positive number of seconds"),
    (
        &["syntax", "eval", "x.conllu", "--min", "0.9", "0.8"],
        "--min",
    ),
];

/// A bad value exited 1 where it was checked after parsing (an unknown
/// preset, graph format, relation or base IRI, an output name of no
/// format); each is a usage error, exit 2, as clap's own are. The values
/// clap already refused are here too, so none slips back.
#[test]
fn every_bad_value_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    small_store(&store);
    let store = store.to_str().unwrap();
    let mut wrong = Vec::new();
    for (args, says) in BAD_VALUES {
        let mut args = args.to_vec();
        if !matches!(args[0], "build" | "syntax") {
            args.extend(["--store", store]);
        }
        let (code, text) = output_with(&args, &[]);
        if code != Some(2) || !text.contains(says) {
            wrong.push(format!(
                "newsgraph {}: exit {code:?}, expected 2 saying {says:?}: {}",
                args.join(" "),
                text.trim_end()
            ));
        }
    }
    assert_lines("bad values that did not exit 2", &[], &wrong);
}

/// `--store a/b/c` leaked RocksDB's "IO error: … While mkdir if missing";
/// a store's missing folders are created, as `mkdir -p` would.
#[test]
fn a_store_in_new_folders_is_created_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("a/b/c");
    small_store(&store);
    assert!(store.join("CURRENT").is_file(), "no store at a/b/c");
    let load = dir.path().join("d/e");
    let turtle = dir.path().join("one.ttl");
    std::fs::write(
        &turtle,
        "<http://example.org/a> <http://example.org/b> 1 .\n",
    )
    .unwrap();
    run(&[
        "load",
        turtle.to_str().unwrap(),
        "--store",
        load.to_str().unwrap(),
    ]);
    assert!(load.join("CURRENT").is_file(), "load made no store at d/e");
}

/// `--store` on a folder of a user's files scattered RocksDB's files among
/// them; such a folder is refused, named, and left as it was.
#[test]
fn a_folder_of_other_files_is_not_made_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("notes");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("todo.txt"), "buy milk\n").unwrap();
    let file = dir.path().join("file.txt");
    std::fs::write(&file, "not a folder\n").unwrap();
    for (store, says) in [
        (&folder, "holds other files and no Oxigraph store"),
        (&file, "is a file, not a store folder"),
    ] {
        let store = store.to_str().unwrap();
        for args in [
            &[
                "build",
                "corpus/000_37f34d436a062281.txt",
                "--no-syntax",
                "--store",
                store,
            ][..],
            &[
                "load",
                "tests/fixtures/missing.ttl",
                "--store",
                store,
                "--format",
                "turtle",
            ][..],
        ] {
            let error = fail(args, 1);
            assert!(
                error.contains(store) && error.contains(says),
                "{args:?}: {error}"
            );
        }
    }
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_lines(
        "the folder after newsgraph refused it",
        &["todo.txt"],
        &left,
    );
    // An empty folder is a fine place for a new store.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    small_store(&empty);
    assert!(
        empty.join("CURRENT").is_file(),
        "no store in the empty folder"
    );
}

/// `--output`, `export -o` and `graph -o` into folders that do not exist
/// failed with "No such file or directory"; the folders are created.
#[test]
fn output_files_in_new_folders_are_created_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    small_store(&store);
    let store = store.to_str().unwrap();
    let nquads = dir.path().join("out/nquads/graph.nq");
    let turtle = dir.path().join("out/turtle/graph.ttl");
    let svg = dir.path().join("out/svg/network.svg");
    run(&[
        "build",
        "corpus/000_37f34d436a062281.txt",
        "--no-syntax",
        "--quiet",
        "--output",
        nquads.to_str().unwrap(),
    ]);
    run(&["export", "--store", store, "-o", turtle.to_str().unwrap()]);
    run(&["graph", "--store", store, "-o", svg.to_str().unwrap()]);
    for file in [&nquads, &turtle, &svg] {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        assert!(size > 0, "{} is missing or empty", file.display());
    }
}

/// The options a command's `--help` lists, long and short (`--file`,
/// `-f`), but `--help`, `--version` and the global `--color`.
fn options_of(command: &str) -> Vec<String> {
    let mut args: Vec<&str> = command.split(' ').collect();
    args.push("--help");
    let help = run(&args);
    let mut options = Vec::new();
    for line in help.lines().skip_while(|line| *line != "Options:").skip(1) {
        // An option's line is indented by two (six with no short form);
        // its description's wrapped lines by more.
        let rest = line.trim_start();
        if line.len() - rest.len() > 6 || !rest.starts_with('-') {
            continue;
        }
        for word in rest.split_whitespace() {
            let flag = word.trim_end_matches(',');
            if !flag.starts_with('-') {
                break;
            }
            if !matches!(flag, "--help" | "-h" | "--version" | "-V" | "--color") {
                options.push(flag.to_owned());
            }
        }
    }
    options
}

/// The README's command reference: the text under each `### `newsgraph
/// COMMAND …`` heading of its `## Command reference` section.
fn reference_sections() -> Vec<(String, String)> {
    readme_section("## Command reference")
        .split("\n### ")
        .skip(1)
        .map(|part| {
            let (heading, body) = part.split_once('\n').unwrap_or((part, ""));
            (heading.trim().to_owned(), body.to_owned())
        })
        .collect()
}

#[test]
fn the_readme_documents_every_option_of_every_command() {
    let sections = reference_sections();
    let mut problems = Vec::new();
    for command in commands() {
        if matches!(command.as_str(), "rules" | "syntax") {
            continue; // only their subcommands take options
        }
        let heading = format!("`newsgraph {command}");
        let Some((_, body)) = sections.iter().find(|(title, _)| {
            title
                .strip_prefix(&heading)
                .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with('`'))
        }) else {
            problems.push(format!("{command}: no `### {heading} …` heading"));
            continue;
        };
        let options = options_of(&command);
        for option in &options {
            // `--cors`, `--store DIR`, `-f`, `--file FILE`.
            let documented = [format!("`{option}`"), format!("`{option} ")]
                .iter()
                .any(|form| body.contains(form.as_str()));
            if !documented {
                problems.push(format!("{command}: {option} is not documented"));
            }
        }
        // And nothing documented that the command does not take.
        for row in body.lines().filter(|line| line.starts_with("| `-")) {
            let cell = row.split(" | ").next().unwrap().trim_start_matches("| ");
            for word in cell.split(['`', ',', ' ']) {
                if word.starts_with('-') && !options.iter().any(|option| option == word) {
                    problems.push(format!(
                        "{command}: the README documents {word}, which it does not take"
                    ));
                }
            }
        }
    }
    assert_lines("README command reference against --help", &[], &problems);
}

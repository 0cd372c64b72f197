//! Whole emitted files for our vendored spec, formatted by the prettyplease that ships.
//!
//! The same code is compiled as the `generated` crate (a workspace member built with
//! `-D warnings` in CI), so every line these snapshots guard also compiles.

use tests::{read, root};

fn standalone_files() -> Vec<(std::path::PathBuf, String)> {
    files_with(false)
}

fn files_with(cli: bool) -> Vec<(std::path::PathBuf, String)> {
    let text = read(&root().join("specs/synchronization.v1.0.yaml"));
    // With the facts `generated` is built with: permissions and clouds are part of the output.
    let facts = root().join("specs/facts.v1.0.yaml");
    let mut config = wiretype::config::load(None, &[], Some(&facts)).unwrap_or_else(|e| panic!("{e:#?}")).config;
    config.cli = cli;
    let generated = wiretype::generate_with(&text, &config).unwrap_or_else(|e| panic!("{e:#?}"));
    wiretype::emit::package::standalone(&generated.rendered, "graph-synchronization").expect("packaging")
}

#[test]
fn emitted_files_match_their_snapshots() {
    tests::assert_crate_snapshots("sync_v1_0", &standalone_files(), false);
}

/// The command line (`--cli`): the same code `generated` compiles with its `cli` feature.
#[test]
fn the_command_line_matches_its_snapshot() {
    let files: Vec<_> = files_with(true)
        .into_iter()
        .filter(|(path, _)| {
            path.ends_with("src/cli.rs") || path.ends_with("src/main.rs") || path.ends_with("Cargo.toml")
        })
        .collect();
    assert_eq!(files.len(), 3);
    let cargo = &files.iter().find(|(p, _)| p.ends_with("Cargo.toml")).expect("Cargo.toml").1;
    assert!(
        cargo.contains(
            "[[bin]]\nname = \"graph-synchronization\"\npath = \"src/main.rs\"\nrequired-features = [\"cli\"]"
        ),
        "{cargo}"
    );
    let code: Vec<_> = files.into_iter().filter(|(p, _)| !p.ends_with("Cargo.toml")).collect();
    tests::assert_crate_snapshots("sync_v1_0_cli", &code, true);
}

#[test]
fn generation_is_deterministic() {
    let first = standalone_files();
    let second = standalone_files();
    assert_eq!(first, second);
}

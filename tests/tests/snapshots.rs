//! Whole emitted files for our vendored spec, formatted by the prettyplease that ships.
//!
//! The same code is compiled as the `generated` crate (a workspace member built with
//! `-D warnings` in CI), so every line these snapshots guard also compiles.

use tests::{read, root};

fn standalone_files() -> Vec<(std::path::PathBuf, String)> {
    let text = read(&root().join("specs/synchronization.v1.0.yaml"));
    // With the facts `generated` is built with: permissions and clouds are part of the output.
    let facts = root().join("specs/facts.v1.0.yaml");
    let config = generator::config::load(None, &[], Some(&facts)).unwrap_or_else(|e| panic!("{e:#?}")).config;
    let generated = generator::generate_with(&text, &config).unwrap_or_else(|e| panic!("{e:#?}"));
    generator::emit::package::standalone(&generated.rendered, "graph-synchronization").expect("packaging")
}

#[test]
fn emitted_files_match_their_snapshots() {
    tests::assert_crate_snapshots("sync_v1_0", &standalone_files(), false);
}

#[test]
fn generation_is_deterministic() {
    let first = standalone_files();
    let second = standalone_files();
    assert_eq!(first, second);
}

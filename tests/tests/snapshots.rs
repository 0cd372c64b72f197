//! Whole emitted files for our vendored spec, formatted by the prettyplease that ships.
//!
//! The same code is compiled as the `generated` crate (a workspace member built with
//! `-D warnings` in CI), so every line these snapshots guard also compiles.

use tests::{read, root};

fn standalone_files() -> Vec<(std::path::PathBuf, String)> {
    let text = read(&root().join("specs/synchronization.v1.0.yaml"));
    let generated = generator::generate(&text).unwrap_or_else(|e| panic!("{e:#?}"));
    generator::emit::package::standalone(&generated.rendered, "graph-synchronization").expect("packaging")
}

#[test]
fn emitted_files_match_their_snapshots() {
    for (path, content) in standalone_files() {
        // The runtime is `templates/src` verbatim; it is tested where it lives.
        if path.starts_with("src/runtime") {
            continue;
        }
        let name = path.to_string_lossy().replace(['/', '.'], "_");
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, content);
        });
    }
}

#[test]
fn generation_is_deterministic() {
    let first = standalone_files();
    let second = standalone_files();
    assert_eq!(first, second);
}

//! The fast YAML reader (`wiretype::load::block_yaml`) on real documents: what it reads
//! equals serde_yaml's reading, and it reads every module of Graph (else the whole-Graph
//! generation silently falls back to serde_yaml, at twice the loading time).

use tests::{files_in, read, shared};
use wiretype::load::{block_yaml, parse_yaml};

#[test]
fn reads_real_documents_as_serde_yaml_does() {
    let mut files = Vec::new();
    for folder in ["graph-openapi", "openapi-corpus"] {
        let Some(dir) = shared(folder) else { return };
        files.extend(files_in(&dir, &["yaml", "yml"]));
    }
    // Two whole Graph modules as well (serde_yaml is slow in a debug build; the rest of
    // the modules are checked for being read at all below).
    for module in ["Applications.yml", "Users.yml"] {
        files.extend(shared(&format!("graph-openapi/v1.0/{module}")));
    }
    let mut read_by_it = Vec::new();
    for path in &files {
        let text = read(path);
        let reference = parse_yaml(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Some(value) = block_yaml::read(&text) {
            assert!(value == reference, "{}: the fast reader and serde_yaml differ", path.display());
            read_by_it.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        }
    }
    // Microsoft's modules are in the subset (its slices write long keys as `? key`, which
    // is not); the corpus's documents are a mix.
    for name in ["applications.v1.0.yaml", "Applications.yml", "Users.yml"] {
        assert!(read_by_it.iter().any(|n| n == name), "the fast reader gave up on {name}; it read {read_by_it:?}");
    }
}

#[test]
fn reads_every_graph_module() {
    let Some(dir) = shared("graph-openapi/v1.0") else { return };
    let mut modules: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    modules.sort();
    assert_eq!(modules.len(), 38);
    let refused: Vec<String> =
        modules.iter().filter(|p| block_yaml::read(&read(p)).is_none()).map(|p| p.display().to_string()).collect();
    assert!(refused.is_empty(), "the fast reader gave up on {refused:?}");
}

#[test]
fn reads_what_the_slicer_writes() {
    let Some(path) = shared("graph-openapi/synchronization.beta.yaml") else { return };
    let raw = wiretype::load::tree(&read(&path)).expect("the slice loads");
    let yaml = wiretype::slice::to_yaml(&raw).expect("serializes");
    assert_eq!(parse_yaml(&yaml).as_ref(), Ok(&raw));
    if let Some(value) = block_yaml::read(&yaml) {
        assert_eq!(value, raw);
    }
}

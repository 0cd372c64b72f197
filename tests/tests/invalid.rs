//! Broken documents get precise errors, never a panic: one hostile document per case
//! in `specs/invalid/`, and a snapshot of what the generator says about each.

use tests::root;

#[test]
fn every_invalid_document_is_rejected_with_located_messages() {
    let dir = root().join("specs/invalid");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("specs/invalid exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 12, "specs/invalid must cover at least 12 cases");
    for path in files {
        // As users run it: from the file, so that references to other files resolve.
        let errors = match wiretype::generate_file(&path, &Default::default()) {
            Ok(_) => panic!("{} generated, but it is invalid", path.display()),
            Err(errors) => errors,
        };
        assert!(!errors.is_empty());
        for e in &errors {
            assert!(e.pointer.starts_with('#'), "{}: every message names a place: {e}", path.display());
        }
        // Messages about other files name them (relative to the spec's folder).
        let report: Vec<String> =
            errors.iter().map(|e| e.report("")).map(|r| r.trim_start_matches(": ").to_owned()).collect();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("spec").replace('.', "_");
        insta::with_settings!({ snapshot_path => "snapshots/invalid", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, report.join("\n"));
        });
    }
}

//! Broken documents get precise errors, never a panic: one hostile document per case
//! in `specs/invalid/`, and a snapshot of what the generator says about each, with
//! `--strict` (what is read liberally without it is an error too).

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
        let strict = wiretype::config::Config { strict: true, ..Default::default() };
        let errors = match wiretype::generate_file(&path, &strict) {
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

/// What `--strict` refuses is read without it, with a warning that says how.
#[test]
fn without_strict_an_undeclared_path_parameter_is_read_as_a_string() {
    let path = root().join("specs/invalid/path-param-undefined.yaml");
    let generated = wiretype::generate_file(&path, &Default::default()).expect("read liberally");
    let liberal: Vec<String> = generated.warnings.iter().filter(|w| w.liberal).map(ToString::to_string).collect();
    assert_eq!(liberal.len(), 1, "{liberal:#?}");
    assert!(liberal[0].contains("has no definition; read as a required string"), "{liberal:#?}");
}

/// A problem about a long value quotes at most a line of it (a vendor's 10 KB text).
#[test]
fn a_problem_quotes_at_most_a_line_of_a_long_value() {
    let long = "a very long line of a vendor's text ".repeat(300);
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      parameters:\n        - {{name: q, in: {long:?}, schema: {{type: string}}}}\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let errors = wiretype::generate(&text).err().expect("an unknown parameter location");
    assert!(!errors.is_empty());
    for e in &errors {
        let line = e.to_string();
        assert!(line.lines().next().is_some_and(|first| first.chars().count() < 300), "{line}");
        assert!(!line.contains(&long), "{line}");
    }
}

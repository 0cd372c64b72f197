//! Descriptions split over several files (`tests/specs/multi-file/`): references relative
//! to the file that holds them, to path items, schemas, parameters, responses and bodies,
//! YAML and JSON, with and without fragments, in a cycle across files and by two spellings
//! of one file. What they generate is snapshotted; broken ones get errors that name the
//! file and the place.

use std::path::{Path, PathBuf};
use tests::root;

fn spec() -> PathBuf {
    root().join("tests/specs/multi-file/openapi.yaml")
}

fn generated() -> wiretype::Generated {
    wiretype::generate_file(&spec(), &Default::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

#[test]
fn a_description_in_pieces_generates_like_one_file() {
    let generated = generated();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let files = wiretype::emit::package::standalone(&generated.rendered, "pet-shop").expect("packaging");
    tests::assert_crate_snapshots("multi_file", &files, true);
    let models: Vec<&str> = generated.api.models.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(models, ["Pet", "Error", "Owner", "Tag", "Kind"]);
}

#[test]
fn every_file_is_read_once_whatever_the_path_to_it() {
    let dir = std::fs::canonicalize(root().join("tests/specs/multi-file")).expect("dir");
    let read: Vec<String> =
        generated().files.iter().map(|f| f.strip_prefix(&dir).unwrap_or(f).display().to_string()).collect();
    let mut sorted = read.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), read.len(), "read twice: {read:?}");
    assert_eq!(read.first().map(String::as_str), Some("openapi.yaml"));
    assert_eq!(
        sorted,
        [
            "models/common.json",
            "models/owner.yaml",
            "models/pet.yaml",
            "openapi.yaml",
            "parameters.yaml",
            "paths/pet.yaml",
            "paths/pets.yaml",
            "responses.yaml"
        ]
    );
}

#[test]
fn the_bundled_document_stands_alone_and_keeps_data_as_it_was() {
    let (doc, warnings, _) = wiretype::overlaid_file(&spec(), &[]).expect("bundles");
    assert!(warnings.is_empty());
    // Nothing refers to another file any more; the example's `$ref` key is still data.
    let refs = wiretype::walk::references(&doc, wiretype::walk::Node::Structured, &wiretype::diag::Pointer::root());
    assert!(refs.iter().all(|(_, target)| target.starts_with("#/")), "{refs:?}");
    assert_eq!(doc["components"]["examples"]["patchDocument"]["value"][0]["value"]["$ref"], "not/a/file.yaml");
    assert_eq!(doc["x-internal-notes"]["$ref"], "this-file-does-not-exist.yaml");
    // And it generates the same code from its text alone.
    let text = serde_json::to_string(&doc).expect("json");
    let again = wiretype::generate(&text).expect("the bundle generates");
    assert_eq!(again.rendered.models, generated().rendered.models);
    assert_eq!(again.rendered.operations, generated().rendered.operations);
}

/// Writes files under a fresh folder and returns it.
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// What generation with `--strict` refuses, as reported.
fn errors(root_file: &Path) -> Vec<String> {
    let strict = wiretype::config::Config { strict: true, ..Default::default() };
    match wiretype::generate_file(root_file, &strict) {
        Ok(_) => panic!("{} generated", root_file.display()),
        Err(errors) => errors.iter().map(|d| d.report("root.yaml")).collect(),
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn response(schema_ref: &str) -> String {
    format!("get: {{responses: {{'200': {{description: x, content: {{application/json: {{schema: {{$ref: '{schema_ref}'}}}}}}}}}}}}\n")
}

#[test]
fn every_problem_names_the_file_and_the_place() {
    let dir = scratch(
        "multi-file-errors",
        &[
            (
                "root.yaml",
                &format!(
                    "{HEAD}paths:\n  /remote: {{$ref: 'paths/remote.yaml'}}\n  /missing: {{$ref: 'paths/missing.yaml'}}\n  /nothing: {{$ref: 'paths/nothing.yaml'}}\n  /broken: {{$ref: 'paths/broken.yaml'}}\n  /loop: {{$ref: 'paths/loop.yaml'}}\n"
                ),
            ),
            ("paths/remote.yaml", &response("https://example.com/x.yaml")),
            ("paths/missing.yaml", &response("../models/none.yaml")),
            ("paths/nothing.yaml", &response("../models/m.yaml#/Nope")),
            ("paths/broken.yaml", &response("../models/broken.yaml")),
            ("paths/loop.yaml", "$ref: loop.yaml\n"),
            ("models/m.yaml", "Yes: {type: string}\n"),
            ("models/broken.yaml", "a: [1,\n  b"),
        ],
    );
    let at = "#/get/responses/200/content/application~1json/schema/$ref";
    let errors = errors(&dir.join("root.yaml"));
    let expected = [
        format!("paths/remote.yaml: error: {at}: remote reference `https://example.com/x.yaml` refused"),
        format!("paths/missing.yaml: error: {at}: cannot read `../models/none.yaml`"),
        format!("paths/nothing.yaml: error: {at}: `../models/m.yaml#/Nope` points at nothing"),
        "models/broken.yaml: error: #: invalid YAML at line 3".to_owned(),
        "paths/loop.yaml: error: #/$ref: path items refer to one another in a loop".to_owned(),
    ];
    for start in &expected {
        assert!(errors.iter().any(|e| e.starts_with(start.as_str())), "{start}\nnot in:\n{}", errors.join("\n"));
    }
    assert_eq!(errors.len(), expected.len(), "{}", errors.join("\n"));
}

#[test]
fn later_stages_point_into_the_file_a_part_came_from() {
    let dir = scratch(
        "multi-file-later",
        &[
            ("root.yaml", &format!("{HEAD}paths:\n  /a/{{id}}: {{$ref: 'a.yaml'}}\n  /b: {{$ref: 'b.yaml'}}\n")),
            // Valid, but the path item defines no `id`: validation finds it in the bundle, and
            // the message points into a.yaml.
            ("a.yaml", &response("m.yaml#/Thing")),
            ("m.yaml", "Thing: {type: object, properties: {x: {type: string}}}\n"),
            // A local reference inside another file is relative to that file.
            ("b.yaml", &response("#/Gone")),
        ],
    );
    let errors = errors(&dir.join("root.yaml"));
    assert!(
        errors.iter().any(|e| e.starts_with(
            "b.yaml: error: #/get/responses/200/content/application~1json/schema/$ref: `#/Gone` points at nothing"
        )),
        "{errors:#?}"
    );
    // Bundling stops at its own checkpoint; with b.yaml fixed, validation speaks.
    std::fs::write(dir.join("b.yaml"), response("m.yaml#/Thing")).expect("fix b.yaml");
    let errors = self::errors(&dir.join("root.yaml"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("a.yaml: error: #/get: path template parameter `{id}` has no definition"),
        "{errors:#?}"
    );
}

#[test]
fn text_without_a_file_refuses_references_to_other_files() {
    let text = format!("{HEAD}paths:\n  /a:\n    {}", response("models.yaml#/X").replace('\n', "\n    "));
    let Err(errors) = wiretype::generate(&text) else { panic!("no file to be relative to") };
    assert!(errors[0].message.contains("refers to another file, but the document was given as text"), "{errors:?}");
}

#[test]
fn a_long_chain_of_files_does_not_overflow_the_stack() {
    let mut files: Vec<(String, String)> = vec![(
        "root.yaml".to_owned(),
        format!("{HEAD}paths:\n  /a:\n    {}", response("m0.yaml").replace('\n', "\n    ")),
    )];
    for i in 0..300 {
        files.push((format!("m{i}.yaml"), format!("type: array\nitems: {{$ref: 'm{}.yaml'}}\n", i + 1)));
    }
    files.push(("m300.yaml".to_owned(), "type: string\n".to_owned()));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let dir = scratch("multi-file-chain", &borrowed);
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || wiretype::overlaid_file(&dir.join("root.yaml"), &[]).map(|(_, _, files)| files.len()))
        .expect("thread");
    assert_eq!(handle.join().expect("no overflow").expect("bundles"), 302);
}

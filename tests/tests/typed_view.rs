//! The typed view (`wiretype::load::typed_view`) reads the paths its own way, for speed;
//! it must equal what `openapiv3::OpenAPI`'s own `Deserialize` reads, on real documents
//! and on the edge cases of a path item (a `$ref` that is no string, a path item that is
//! no object, extensions and keys that are neither).

use serde::Deserialize as _;
use tests::{files_in, read, root, shared};
use wiretype::load::{tree, typed_quickly, typed_view};

/// openapiv3's own reading, the reference.
fn reference(raw: &serde_json::Value) -> Option<openapiv3::OpenAPI> {
    openapiv3::OpenAPI::deserialize(raw).ok()
}

#[test]
fn reads_real_documents_as_openapiv3_does() {
    let mut files = Vec::new();
    for folder in ["specs", "tests/specs"] {
        files.extend(files_in(&root().join(folder), &["yaml"]));
    }
    for folder in ["graph-openapi", "openapi-corpus"] {
        let Some(dir) = shared(folder) else { continue };
        files.extend(files_in(&dir, &["yaml", "yml", "json"]));
    }
    files.extend(shared("graph-openapi/v1.0/Applications.yml"));
    let mut compared = 0;
    for path in &files {
        // Facts, overlays and configs sit beside the specs: only OpenAPI documents count.
        let Ok(raw) = tree(&read(path)) else { continue };
        let ours = typed_view(&raw).ok();
        assert!(ours == reference(&raw), "{}: the typed views differ", path.display());
        compared += usize::from(ours.is_some());
    }
    assert!(compared >= 5, "only {compared} documents were compared");
}

/// The fast reading gives up only where openapiv3 would refuse too: it takes every Graph
/// module, Microsoft's slices and every document of the corpus itself (were it to give up
/// on them, the slow reading would still give the same answer, and only the bench would
/// notice).
#[test]
fn the_fast_reading_takes_every_real_document() {
    let mut files = Vec::new();
    for folder in ["graph-openapi", "openapi-corpus", "graph-openapi/v1.0"] {
        let Some(dir) = shared(folder) else { continue };
        files.extend(files_in(&dir, &["yaml", "yml", "json"]));
    }
    for folder in ["specs", "tests/specs"] {
        files.extend(files_in(&root().join(folder), &["yaml"]));
    }
    let mut taken = 0;
    let mut refused = Vec::new();
    for path in &files {
        let Ok(mut raw) = tree(&read(path)) else { continue };
        // As generation reads it: after the repairs of common deviations.
        let _ = wiretype::load::repair(&mut raw);
        if reference(&raw).is_none() {
            continue;
        }
        match typed_quickly(&raw) {
            Some(_) => taken += 1,
            None => refused.push(path.display().to_string()),
        }
    }
    assert!(refused.is_empty(), "the fast reading gave up on valid documents: {refused:#?}");
    if shared("graph-openapi/v1.0").is_some() {
        assert!(taken >= 38 + 3, "only {taken} documents were read");
    }
}

#[test]
fn reads_the_edge_cases_of_a_path_item_as_openapiv3_does() {
    let document = |paths: &str| -> serde_json::Value {
        let text = format!(
            "{{\"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {paths}}}"
        );
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{paths}: {e}"))
    };
    let cases = [
        r##"{}"##,
        r##"{"/a": {"$ref": "#/x"}}"##,
        // A string `$ref` beside other members: the reference wins.
        r##"{"/a": {"$ref": "#/x", "summary": "s", "get": {"responses": {}}}}"##,
        // A `$ref` that is no string: the object is a path item.
        r##"{"/a": {"$ref": 5, "get": {"responses": {"200": {"description": "ok"}}}}}"##,
        // Not a path item at all.
        r##"{"/a": ["#/x"]}"##,
        r##"{"/a": null}"##,
        r##"{"/a": "text"}"##,
        r##"{"/a": {"get": {"responses": 5}}}"##,
        // Extensions, and members that are neither paths nor extensions.
        r##"{"x-one": {"a": 1}, "other": 3, "/b": {"x-two": true, "parameters": [{"$ref": "#/p"}]}, "/a": {}}"##,
        r##"[]"##,
    ];
    for paths in cases {
        let raw = document(paths);
        let ours = typed_view(&raw).ok();
        assert!(ours == reference(&raw), "the typed views differ on the paths {paths}");
    }
    // Order is kept, as in the document.
    let raw = document(r##"{"/z": {}, "/a": {}, "/m": {"$ref": "#/x"}}"##);
    let spec = typed_view(&raw).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(spec.paths.paths.keys().collect::<Vec<_>>(), ["/z", "/a", "/m"]);
}

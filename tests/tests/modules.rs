//! Several descriptions (the modules of one API) as one crate: `tests/modules/` holds three
//! small modules that share a path prefix and schemas, one of them defined differently.
//! The whole of Microsoft Graph is generated and compiled the same way in CI
//! (`.ci/upstream-check`), with `--features applications` and `--features full`.

use std::path::PathBuf;
use wiretype::ir::{Gate, Layout};

fn modules() -> Vec<PathBuf> {
    let dir = tests::root().join("tests/modules");
    wiretype::load::merge::files_in(&dir).expect("the modules")
}

fn generate() -> wiretype::Generated {
    let mut config = wiretype::config::Config::default();
    config.builders.crate_path = Some("modules".to_owned());
    wiretype::generate_files(&modules(), &config).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn each_module_is_a_feature_and_a_differing_definition_is_reported_with_both_files() {
    let generated = generate();
    let api = &generated.api;
    assert_eq!(api.features, ["client_2", "jobs", "users_admin"]);
    let warning = generated.warnings.iter().find(|w| w.pointer == "#/components/schemas/note").expect("note differs");
    assert!(warning.file.as_deref().is_some_and(|f| f.ends_with("Users.Admin.yaml")), "{warning}");
    assert!(warning.message.contains("Jobs.yaml") && warning.message.contains("is kept"), "{warning}");
    let note = api.models.iter().find(|m| m.api_name == "note").expect("note");
    match &note.kind {
        wiretype::ir::ModelKind::Struct(s) => assert_eq!(s.fields.len(), 2, "the fuller definition"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(api.layout, Layout::CratePerModule { .. }));
}

#[test]
fn a_model_compiles_with_the_features_of_the_operations_that_reach_it() {
    let api = generate().api;
    let gate = |name: &str| api.models.iter().find(|m| m.api_name == name).map(|m| m.gate.clone());
    // client_2 = 0, jobs = 1, users_admin = 2
    assert_eq!(gate("user"), Some(Gate::Features(vec![1, 2])));
    assert_eq!(gate("note"), Some(Gate::Features(vec![1, 2])));
    assert_eq!(gate("jobStatus"), Some(Gate::Features(vec![1])));
    assert_eq!(gate("ownerWithNote"), Some(Gate::Features(vec![2])));
    let op = |id: &str| api.operations.iter().find(|o| o.api_name == id).map(|o| o.gate.clone());
    assert_eq!(op("ping"), Some(Gate::Features(vec![0])));
    assert_eq!(op("jobs_GetOwner"), Some(Gate::Features(vec![2])));
    // `/jobs/{job-id}` is on the way to operations of both modules.
    let node = api.paths.nodes.iter().find(|n| n.path == "/jobs/{job-id}").expect("node");
    assert_eq!(node.gate, Gate::Features(vec![1, 2]));
}

#[test]
fn the_workspace_matches_its_snapshots() {
    let generated = generate();
    let files = wiretype::emit::package::standalone(&generated.rendered, "modules").expect("files");
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    for expected in [
        "Cargo.toml",
        "src/lib.rs",
        "src/operations.rs",
        "src/paths.rs",
        "src/runtime/query.rs",
        "crates/modules-models/Cargo.toml",
        "crates/modules-models/src/models.rs",
        "crates/modules-jobs/src/models.rs",
        "crates/modules-jobs/src/operations.rs",
        "crates/modules-jobs/src/runtime.rs",
        "crates/modules-users-admin/src/operations.rs",
        "crates/modules-users-admin/src/paths.rs",
        "crates/modules-client-2/src/operations.rs",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected} in {names:#?}");
    }
    tests::assert_crate_snapshots("modules", &files, false);
}

#[test]
fn a_feature_mark_cargo_would_refuse_is_an_error_at_its_place() {
    let text = r#"{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {
        "/a": {"get": {"x-rust-feature": "client", "responses": {"204": {"description": "ok"}}}},
        "/b": {"get": {"x-rust-feature": "two words", "responses": {"204": {"description": "ok"}}}}}}"#;
    let errors = wiretype::generate(text).err().expect("refused");
    let places: Vec<&str> = errors.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(places, ["#/paths/~1a/get/x-rust-feature", "#/paths/~1b/get/x-rust-feature"], "{errors:?}");
}

/// `tests/parts`: models cut into the smallest parts, so that the models crates each lack
/// a construct (see its README). A crate copies the models' macro only where its structs
/// use it, under their gate; the crate holding only a union copies nothing.
#[test]
fn each_models_crate_copies_only_the_helpers_it_uses() {
    let dir = tests::root().join("tests/parts");
    let files = wiretype::load::merge::files_in(&dir).expect("the modules");
    let config = wiretype::config::load(Some(&tests::root().join("tests/parts.config.yaml")), &[], None)
        .expect("the config")
        .config;
    assert_eq!(config.models_part_lines, Some(1));
    let generated = wiretype::generate_files(&files, &config).unwrap_or_else(|e| panic!("{e:?}"));
    let Layout::CratePerModule { model_parts, .. } = generated.api.layout else { panic!("a workspace") };
    assert!(model_parts >= 4, "{model_parts} parts");
    let written = wiretype::emit::package::standalone(&generated.rendered, "parts").expect("files");
    let text = |path: &str| written.iter().find(|(p, _)| p.to_str() == Some(path)).map(|(_, t)| t.as_str());
    let part = |name: &str| {
        let model = generated.api.models.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name}"));
        if model.part + 1 == model_parts {
            "crates/parts-models".to_owned()
        } else {
            format!("crates/parts-models-{}", model.part)
        }
    };
    // The union's crate: no struct, so no copy of the macro.
    let union = text(&format!("{}/src/runtime.rs", part("AnyShape"))).expect("the union's crate has a runtime.rs");
    assert!(!union.contains("lossless_struct"), "{union}");
    // The open struct's crate: a copy, with no gate (both modules reach the struct).
    let shape = text(&format!("{}/src/runtime.rs", part("Shape"))).expect("the struct's crate has a runtime.rs");
    assert!(shape.contains("\nmacro_rules! lossless_struct"), "{shape}");
    assert!(shape.contains("\n    pub(crate) use lossless_struct;"), "{shape}");
    assert!(!shape.contains("#[cfg("), "{shape}");
    // The model only Labels reaches, an enum, is in its module's crate, which copies no macro.
    let own = text("crates/parts-labels/src/models.rs").expect("the labels crate has its own models");
    assert!(own.contains("pub enum LabelKind"), "{own}");
    let runtime = text("crates/parts-labels/src/runtime.rs").expect("the labels crate has a runtime.rs");
    assert!(!runtime.contains("lossless_struct"), "{runtime}");
}

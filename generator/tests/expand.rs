//! The macro route (`wiretype_macro::generate!`, whose whole body is `expand::expand`):
//! the same items as the build-script route for the same inputs, every file read
//! tracked, and every problem a compile error at the description's path.

use quote::quote;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The tokens of what a build script writes for `include!`.
fn build_script_route(build: wiretype::build::Build) -> proc_macro2::TokenStream {
    let read = wiretype::build::read(build.inputs()).expect("generates");
    let code = wiretype::build::code(&read, build.embeds_runtime()).expect("packages");
    code.parse().expect("the code parses")
}

/// The macro's output without its `const _: &[u8] = include_bytes!(…);` lines, and those paths.
fn split_tracking(tokens: proc_macro2::TokenStream) -> (String, Vec<String>) {
    let text = tokens.to_string();
    let marker = "const _ : & [u8] = :: core :: include_bytes ! (";
    let mut code = text.as_str();
    let mut tracked = Vec::new();
    if let Some(at) = text.find(marker) {
        code = &text[..at];
        for piece in text[at..].split(marker).filter(|p| !p.trim().is_empty()) {
            let path = piece.trim().trim_end_matches(';').trim().trim_end_matches(')').trim().trim_matches('"');
            tracked.push(path.to_owned());
        }
    }
    (code.trim_end().to_owned(), tracked)
}

#[test]
fn the_macro_expands_to_what_the_build_script_includes() {
    let dir = root().join("specs");
    let input = quote!("synchronization.v1.0.yaml", cli = true);
    let expanded = wiretype::expand::expand_in(&dir, Some("graph_sync"), input);
    let (code, tracked) = split_tracking(expanded);

    let build = wiretype::build::Build::new(dir.join("synchronization.v1.0.yaml")).cli(true).crate_path("graph_sync");
    let included = build_script_route(build).to_string();
    assert!(code == included, "the macro and the build script differ");

    // The description and the facts found beside it, each an `include_bytes!` so that
    // an edit expands the macro again.
    let names: Vec<&str> = tracked.iter().map(|p| p.rsplit('/').next().unwrap_or_default()).collect();
    assert_eq!(names, ["synchronization.v1.0.yaml", "facts.v1.0.yaml"], "{tracked:?}");
    assert!(tracked.iter().all(|p| Path::new(p).is_absolute() && Path::new(p).is_file()), "{tracked:?}");
}

#[test]
fn settings_are_the_build_scripts_and_files_of_a_split_description_are_tracked() {
    let dir = root().join("tests/specs");
    let expanded = wiretype::expand::expand_in(
        &dir,
        Some("user_crate"),
        quote!("multi-file/openapi.yaml", root = "Shop", crate_path = "shop",),
    );
    let (code, tracked) = split_tracking(expanded);
    let build = wiretype::build::Build::new(dir.join("multi-file/openapi.yaml")).root("Shop").crate_path("shop");
    assert!(code == build_script_route(build).to_string(), "the macro and the build script differ");
    assert!(tracked.len() > 3, "every file of the description: {tracked:?}");
    assert!(tracked.iter().any(|p| p.ends_with("models/pet.yaml")), "{tracked:?}");
}

#[test]
fn a_problem_of_the_description_is_a_compile_error_with_its_place_and_hint() {
    let dir = root().join("specs/invalid");
    let expanded = wiretype::expand::expand_in(&dir, None, quote!("dangling-ref.yaml")).to_string();
    assert!(expanded.starts_with(":: core :: compile_error !"), "{expanded}");
    assert!(expanded.contains("dangling-ref.yaml: error: #/"), "{expanded}");
    assert!(expanded.contains("points at nothing"), "{expanded}");
    assert!(expanded.contains("hint: "), "{expanded}");
    assert!(!expanded.contains("pub mod"), "no code beside the errors: {expanded}");

    let many = wiretype::expand::expand_in(&dir, None, quote!("many-problems.yaml")).to_string();
    assert!(many.matches("compile_error").count() > 1, "every problem at once: {many}");

    let missing = wiretype::expand::expand_in(&dir, None, quote!("no-such-file.yaml")).to_string();
    assert!(missing.contains("no-such-file.yaml: error: cannot read the description"), "{missing}");
}

#[test]
fn arguments_it_does_not_know_are_errors_that_name_the_ones_it_does() {
    let dir = root().join("specs");
    let unknown = wiretype::expand::expand_in(&dir, None, quote!("synchronization.v1.0.yaml", crate_name = "x"));
    let text = unknown.to_string();
    assert!(text.contains("unknown setting `crate_name`; the settings are config, facts, overlays"), "{text}");
    let twice = wiretype::expand::expand_in(&dir, None, quote!("a.yaml", cli = true, cli = false)).to_string();
    assert!(twice.contains("`cli` is given twice"), "{twice}");
    let nothing = wiretype::expand::expand_in(&dir, None, quote!()).to_string();
    assert!(nothing.contains("expected the description's path first"), "{nothing}");
}

#[test]
fn a_crate_whose_manifest_lacks_a_dependency_is_told_which_lines_to_add() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("expand-manifest");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let spec = root().join("tests/specs/models-only.yaml");
    std::fs::copy(&spec, dir.join("openapi.yaml")).expect("copy");
    let needed = wiretype::build::manifest::needed();
    let lacking = needed.replace("uuid = ", "# uuid = ");
    std::fs::write(dir.join("Cargo.toml"), format!("[package]\nname = \"user\"\nversion = \"0.1.0\"\n\n{lacking}"))
        .expect("write");
    let text = wiretype::expand::expand_in(&dir, None, quote!("openapi.yaml")).to_string();
    assert!(text.contains("the generated code needs these, which it lacks:"), "{text}");
    assert!(text.contains("the dependency `uuid`"), "{text}");
    assert!(text.contains("wiretype deps"), "{text}");

    std::fs::write(dir.join("Cargo.toml"), format!("[package]\nname = \"user\"\nversion = \"0.1.0\"\n\n{needed}"))
        .expect("write");
    let text = wiretype::expand::expand_in(&dir, None, quote!("openapi.yaml")).to_string();
    assert!(!text.contains("compile_error"), "{text}");
}

//! Our hand-written document of constructs the real-world corpus lacks
//! (`tests/specs/constructs.yaml`): what the generator decides for each, snapshotted as
//! whole files. CI also compiles this crate with `-D warnings` (`.ci/upstream-check`).

use tests::{read, root};

fn generated() -> wiretype::Generated {
    let text = read(&root().join("tests/specs/constructs.yaml"));
    wiretype::generate(&text).unwrap_or_else(|e| panic!("{e:#?}"))
}

#[test]
fn construct_zoo_files_match_their_snapshots() {
    let generated = generated();
    let files = wiretype::emit::package::standalone(&generated.rendered, "construct-zoo").expect("packaging");
    tests::assert_crate_snapshots("zoo", &files, true);
}

#[test]
fn untypeable_schemas_and_lax_spots_are_warnings_not_failures() {
    let warnings: Vec<String> = generated().warnings.iter().map(ToString::to_string).collect();
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("zoo_warnings", warnings.join("\n"));
    });
}

#[test]
fn names_survive_keywords_digits_symbols_and_collisions() {
    let api = generated().api;
    let models: Vec<&str> = api.models.iter().map(|m| m.name.as_str()).collect();
    for expected in ["Box", "Result", "Option", "String", "Vec", "Shape", "Shape2", "GraphEntity", "GraphUser"] {
        assert!(models.contains(&expected), "{expected} missing from {models:?}");
    }
    let ops: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["GetPets", "CreatePet", "GetPetsPetIdPhoto", "PutPetsPetIdPhoto", "GetStdNames", "PatchVisitor"]);
}

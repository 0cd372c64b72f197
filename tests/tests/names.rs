//! `tests/specs/names.yaml`: keywords, the prelude, serde's and http's names, single
//! letters, the generator's own identifiers, names that collide after case conversion and
//! names beyond ASCII, as schemas, properties, enum members, operationIds and parameters.
//! The files are snapshots; CI compiles the crate with -D warnings (.ci/upstream-check).

use tests::{read, root};

fn generated() -> wiretype::Generated {
    wiretype::generate(&read(&root().join("tests/specs/names.yaml"))).unwrap_or_else(|e| panic!("{e:#?}"))
}

#[test]
fn naming_trap_files_match_their_snapshots() {
    let generated = generated();
    let files = wiretype::emit::package::standalone(&generated.rendered, "naming-traps").expect("packaging");
    tests::assert_crate_snapshots("names", &files, true);
}

#[test]
fn every_name_is_distinct_and_readable() {
    let api = generated().api;
    let models: Vec<&str> = api.models.iter().map(|m| m.name.as_str()).collect();
    for expected in [
        "Self_",
        "Self2",
        "Option",
        "Some",
        "None",
        "Result",
        "Visitor",
        "A",
        "UserName",
        "UserName2",
        "Grosse",
        "U540dU524d",
    ] {
        assert!(models.contains(&expected), "{expected} missing from {models:?}");
    }
    let ops: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    // In the order OpenAPI lists a path item's operations: get, put, post, delete, options, head, patch.
    assert_eq!(
        ops,
        [
            "Self_",
            "Self2",
            "Option",
            "Result",
            "New",
            "Default",
            "U83b7U53d6",
            "A",
            "Request",
            "Send",
            "Send2",
            "Type",
            "Self3"
        ]
    );
    // Type names composed from keywords (operation + parameter, + Item, + Flag, Request,
    // Response, + property, Value, Variant) are camel case, as -D warnings demands.
    for expected in [
        "TypeType",
        "TypeSelfItem",
        "TypeSelfFlag",
        "TypeResponseLoop",
        "TypeResponseMatchItem",
        "SelfCrate",
        "SelfRequestSuper",
        "SelfRequestWhereVariant0",
        "SelfRequestDynValue",
        "SelfResponseMod",
    ] {
        assert!(models.contains(&expected), "{expected} missing from {models:?}");
    }
    let types =
        models.iter().copied().chain(ops.iter().copied()).chain(api.paths.nodes.iter().map(|n| n.name.as_str()));
    for name in types {
        assert!(tests::is_camel_case(name), "`{name}` is not camel case (rustc's non_camel_case_types)");
    }
    let first = &api.operations[0];
    let params: Vec<&str> = first.params.iter().map(|p| p.name.as_str()).collect();
    // The setters cannot shadow `new`, `to_http` or `from_http`.
    for reserved in ["new", "to_http", "from_http"] {
        assert!(!params.contains(&reserved), "{params:?}");
    }
    assert!(params.contains(&"u540d_u524d") && params.contains(&"grosse"), "{params:?}");
}

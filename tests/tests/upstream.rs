//! Microsoft's published descriptions, as published: they must generate, deterministically.
//! (CI also compiles what they generate: see `.ci/upstream-check`.)

use tests::{read, shared};

fn generate(relative: &str) -> Option<wiretype::Generated> {
    let path = shared(relative)?;
    let text = read(&path);
    Some(wiretype::generate(&text).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{relative} did not generate:\n{}", list.join("\n"))
    }))
}

#[test]
fn synchronization_slices_generate_every_operation() {
    for (file, operations) in
        [("graph-openapi/synchronization.v1.0.yaml", 56), ("graph-openapi/synchronization.beta.yaml", 57)]
    {
        let Some(generated) = generate(file) else { return };
        assert_eq!(generated.api.operations.len(), operations, "{file}");
        // The reused operationId is disambiguated, never rejected.
        let names: Vec<&str> = generated.api.operations.iter().map(|o| o.name.as_str()).collect();
        assert!(names.contains(&"ServicePrincipalSynchronizationJobValidateCredential"), "{file}");
        assert!(names.contains(&"ServicePrincipalSynchronizationJobValidateCredential2"), "{file}");
    }
}

#[test]
fn upstream_generation_is_deterministic() {
    let Some(path) = shared("graph-openapi/synchronization.beta.yaml") else { return };
    let text = read(&path);
    let render = || {
        let g = wiretype::generate(&text).expect("generates");
        wiretype::emit::package::single_file(&g.rendered, true).expect("packages")
    };
    assert_eq!(render(), render());
}

#[test]
fn slicing_the_applications_module_to_synchronization_gives_microsofts_synchronization_slice() {
    let (Some(apps), Some(sync)) =
        (shared("graph-openapi/applications.v1.0.yaml"), shared("graph-openapi/synchronization.v1.0.yaml"))
    else {
        return;
    };
    let raw = wiretype::load::tree(&read(&apps)).expect("the Applications module loads");
    let keep = wiretype::slice::Selection {
        path_prefixes: vec!["/servicePrincipals/{servicePrincipal-id}/synchronization".to_owned()],
        ..Default::default()
    };
    let sliced = wiretype::slice::slice(&raw, &keep, &wiretype::slice::Exclusion::default());
    let yaml = wiretype::slice::to_yaml(&sliced).expect("the slice serializes");
    // Deterministic: the same cut twice gives the same text.
    let again = wiretype::slice::to_yaml(&wiretype::slice::slice(&raw, &keep, &Default::default())).expect("yaml");
    assert_eq!(yaml, again);
    // Closure: exactly the components Microsoft's own cut holds.
    let schemas = |doc: &serde_json::Value| -> Vec<String> {
        let mut names: Vec<String> =
            doc["components"]["schemas"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
        names.sort();
        names
    };
    let reference = wiretype::load::tree(&read(&sync)).expect("loads");
    assert_eq!(schemas(&sliced), schemas(&reference));
    assert_eq!(schemas(&sliced).len(), 75);
    // Same types and operations, byte for byte.
    let ours = wiretype::generate(&yaml).expect("the slice generates");
    let theirs = wiretype::generate(&read(&sync)).expect("Microsoft's slice generates");
    assert_eq!(ours.api.operations.len(), 56);
    assert_eq!(ours.rendered.models, theirs.rendered.models);
    assert_eq!(ours.rendered.operations, theirs.rendered.operations);
}

//! Microsoft's published descriptions, as published: they must generate, deterministically.
//! (CI also compiles what they generate: see `.ci/upstream-check`.)

use tests::{read, shared};

fn generate(relative: &str) -> Option<generator::Generated> {
    let path = shared(relative)?;
    let text = read(&path);
    Some(generator::generate(&text).unwrap_or_else(|errors| {
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
        let g = generator::generate(&text).expect("generates");
        generator::emit::package::single_file(&g.rendered, true).expect("packages")
    };
    assert_eq!(render(), render());
}

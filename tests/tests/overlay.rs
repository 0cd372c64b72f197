//! `specs/graph-sync.overlay.yaml` applied to Microsoft's published synchronization slices
//! yields the operations of our own `specs/`, operation by operation: the same method, the
//! same path (Graph's optional `microsoft.graph.` qualifier and `()` aside) and the same
//! output type. Without it, the published slices keep the methods the service refuses.

use std::collections::BTreeMap;
use tests::{read, root, shared};
use wiretype::emit::Ctx;
use wiretype::facts::normalize_path;

/// `METHOD /normalized/path` → the output type as the emitter writes it.
fn operations(generated: &wiretype::Generated) -> BTreeMap<String, String> {
    let api = &generated.api;
    let ctx = Ctx::new(api, quote::quote!(rt), quote::quote!());
    api.operations
        .iter()
        .map(|op| {
            let output = match &op.output {
                wiretype::ir::Output::Empty => "()".to_owned(),
                wiretype::ir::Output::Json(t) => ctx.ty(t).to_string(),
                wiretype::ir::Output::JsonOrEmpty(t) => format!("Option<{}>", ctx.ty(t)),
                other => format!("{other:?}"),
            };
            (format!("{:?} {}", op.method, normalize_path(&op.path)).to_uppercase(), output)
        })
        .collect()
}

fn overlay() -> wiretype::load::overlay::Overlay {
    let path = root().join("specs/graph-sync.overlay.yaml");
    wiretype::load::overlay::Overlay::parse(&read(&path), "specs/graph-sync.overlay.yaml").expect("the overlay parses")
}

#[test]
fn published_slices_with_the_overlay_agree_with_our_specs() {
    for version in ["v1.0", "beta"] {
        let Some(published) = shared(&format!("graph-openapi/synchronization.{version}.yaml")) else { return };
        let config = wiretype::config::Config { overlays: vec![overlay()], ..Default::default() };
        let theirs = wiretype::generate_with(&read(&published), &config).expect("published + overlay generates");
        assert!(
            theirs.warnings.iter().all(|w| w.file.is_none()),
            "{version}: every overlay action applies: {:?}",
            theirs.warnings
        );
        let ours = wiretype::generate(&read(&root().join(format!("specs/synchronization.{version}.yaml"))))
            .expect("our spec generates");
        let (theirs, ours) = (operations(&theirs), operations(&ours));
        let only_theirs: Vec<&String> = theirs.keys().filter(|k| !ours.contains_key(*k)).collect();
        let only_ours: Vec<&String> = ours.keys().filter(|k| !theirs.contains_key(*k)).collect();
        assert!(only_theirs.is_empty() && only_ours.is_empty(), "{version}: {only_theirs:?} vs {only_ours:?}");
        for (key, output) in &ours {
            assert_eq!(theirs.get(key), Some(output), "{version}: {key}");
        }
        assert!(ours.contains_key(
            "PUT /SERVICEPRINCIPALS/{SERVICEPRINCIPAL-ID}/SYNCHRONIZATION/JOBS/{SYNCHRONIZATIONJOB-ID}/SCHEMA"
        ));
        assert_eq!(ours.len(), if version == "v1.0" { 58 } else { 59 });
    }
}

#[test]
fn without_the_overlay_the_published_slices_send_what_the_service_refuses() {
    let Some(published) = shared("graph-openapi/synchronization.v1.0.yaml") else { return };
    let theirs = operations(&wiretype::generate(&read(&published)).expect("generates"));
    let schema = "/SERVICEPRINCIPALS/{SERVICEPRINCIPAL-ID}/SYNCHRONIZATION/JOBS/{SYNCHRONIZATIONJOB-ID}/SCHEMA";
    assert!(theirs.contains_key(&format!("PATCH {schema}")));
    assert!(!theirs.contains_key(&format!("PUT {schema}")));
}

#[test]
fn the_overlay_command_writes_the_document_generation_sees() {
    let Some(published) = shared("graph-openapi/synchronization.beta.yaml") else { return };
    let (raw, warnings) = wiretype::overlaid(&read(&published), &[overlay()]).expect("applies");
    assert!(warnings.is_empty(), "{warnings:?}");
    let schema =
        &raw["paths"]["/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema"];
    assert!(schema.get("patch").is_none());
    assert_eq!(schema["put"]["responses"]["204"]["description"], "The schema was replaced; no content.");
    // What `wiretype overlay` writes reads back as the same document.
    let yaml = wiretype::slice::to_yaml(&raw).expect("yaml");
    assert_eq!(wiretype::load::tree(&yaml).expect("reads back"), raw);
}

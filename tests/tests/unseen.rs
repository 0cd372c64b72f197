//! Documents nobody here wrote the generator for: each case of issue "any document we have
//! not seen" as a test. Shapes that contain themselves in every position, on a small
//! stack; `Self` as an operationId; `$ref` keys inside data; names that collide. (Files
//! split over several documents: `multi_file.rs`.)

use tests::{read, root};
use wiretype::ir::{ModelKind, ParamFormat};

/// Runs `f` on a thread with a small stack, so that recursion a document controls would
/// overflow here rather than only on a smaller machine.
fn on_a_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 * 1024).spawn(f).expect("thread").join().expect("no overflow")
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn a_path_parameter_that_is_a_list_of_itself_is_written_as_json() {
    let text = format!(
        "{HEAD}paths:\n  /items/{{ids}}:\n    get:\n      parameters: [{{name: ids, in: path, required: true, schema: {{$ref: '#/components/schemas/IdList'}}}}]\n      responses: {{'204': {{description: done}}}}\ncomponents:\n  schemas:\n    IdList: {{type: array, items: {{$ref: '#/components/schemas/IdList'}}}}\n"
    );
    let api = on_a_small_stack(move || wiretype::generate(&text).map(|g| g.api).map_err(|e| format!("{e:?}")))
        .expect("generates");
    assert_eq!(api.operations[0].params[0].format, ParamFormat::Json);
    assert!(matches!(api.models[0].kind, ModelKind::Newtype { .. }), "an infinite alias becomes a newtype");
}

#[test]
fn lowering_walks_self_referencing_shapes_on_a_small_stack() {
    // Lowering itself (not only the pipeline, which runs on a large stack of its own).
    let document = wiretype::load::load(&read(&root().join("tests/specs/recursion.yaml"))).expect("loads");
    let (models, warnings) = on_a_small_stack(move || {
        let mut diags = wiretype::diag::Diagnostics::new();
        let api = wiretype::lower::lower(&document.spec, &Default::default(), &mut diags);
        (api.models.len(), diags.checkpoint().map(|w| w.len()))
    });
    assert_eq!((models, warnings), (13, Ok(4)));
}

#[test]
fn every_position_of_a_self_referencing_shape_is_typed_on_a_small_stack() {
    let text = read(&root().join("tests/specs/recursion.yaml"));
    let generated =
        on_a_small_stack(move || wiretype::generate(&text).map_err(|e| format!("{e:?}"))).expect("generates");
    let api = &generated.api;
    let model = |name: &str| api.models.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{name}"));
    for name in ["IdList", "Tree", "Nested", "PairA", "PairB", "Chain2"] {
        assert!(matches!(model(name).kind, ModelKind::Newtype { .. }), "{name}: {:?}", model(name).kind);
    }
    // A union alternative that is the union itself adds nothing and would decode for ever.
    let ModelKind::Union(any) = &model("AnySelf").kind else { panic!("AnySelf is a union") };
    assert_eq!(any.variants.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["String"]);
    assert!(generated.warnings.iter().any(|w| w.pointer == "#/components/schemas/AnySelf"));
    // Every parameter of a self-containing type is written as JSON text.
    let get = &api.operations[0];
    for p in get.params.iter().filter(|p| ["ids", "tree", "pair", "X-Nested", "chain"].contains(&p.api_name.as_str())) {
        assert_eq!(p.format, ParamFormat::Json, "{}", p.api_name);
    }
}

#[test]
fn self_is_an_operation_name_that_compiles() {
    let text = read(&root().join("tests/specs/names.yaml"));
    let api = wiretype::generate(&text).expect("generates").api;
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names[..2], ["Self_", "Self2"]);
    // Camel case has no underscore before a digit (`Self_2` is a warning, so an error in CI).
    for name in api.operations.iter().map(|o| &o.name).chain(api.models.iter().map(|m| &m.name)) {
        assert!(!name.contains("_2") && !name.contains("__"), "{name}");
    }
}

#[test]
fn references_inside_data_are_data() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Patch'}}\n            example: {{$ref: 'example.yaml'}}\n            examples:\n              one: {{$ref: '#/components/examples/ops'}}\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  schemas:\n    Patch:\n      type: object\n      default: {{$ref: '#/nowhere'}}\n      properties:\n        op: {{type: string, enum: [{{$ref: x}}, add]}}\n      x-sample: {{$ref: 'https://example.com/x.yaml'}}\n  examples:\n    ops:\n      value: [{{op: add, path: /a, value: {{$ref: '#/components/schemas/Patch'}}}}, {{$ref: 'other.yaml#/x'}}]\n"
    );
    let generated = wiretype::generate(&text).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(generated.api.operations.len(), 1);
    // Slicing keeps data as it was, and keeps the example the operation refers to.
    let raw = wiretype::load::tree(&text).expect("loads");
    let keep = wiretype::slice::Selection { path_prefixes: vec!["/a".into()], ..Default::default() };
    let sliced = wiretype::slice::slice(&raw, &keep, &Default::default());
    assert_eq!(sliced["components"]["examples"], raw["components"]["examples"]);
    assert_eq!(sliced["components"]["schemas"]["Patch"], raw["components"]["schemas"]["Patch"]);
}

#[test]
fn wire_values_with_line_breaks_stay_on_one_doc_line() {
    let generated = wiretype::generate(&read(&root().join("tests/specs/text.yaml"))).expect("generates");
    let files = wiretype::emit::package::standalone(&generated.rendered, "text").expect("packaging");
    let mut quoted = 0;
    for (path, text) in &files {
        for line in text.split('\n') {
            let bad = line.chars().any(|c| c.is_control() && c != '\t' || matches!(c, '\u{2028}' | '\u{2029}'));
            assert!(!bad, "{}: a line holds a control character or a line separator: {line:?}", path.display());
        }
        quoted += text.matches("/// `foo\\r\\nbar`").count();
    }
    assert_eq!(quoted, 1, "the value `foo\\r\\nbar` is quoted with its escapes");
}

#[test]
fn descriptions_without_operations_give_models_only_crates() {
    for (file, warned) in [("models-only.yaml", true), ("no-operations.yaml", false)] {
        let generated = wiretype::generate(&read(&root().join("tests/specs").join(file)))
            .unwrap_or_else(|e| panic!("{file}: {e:#?}"));
        assert!(generated.api.operations.is_empty(), "{file}");
        assert!(!generated.api.models.is_empty(), "{file}");
        let paths = &generated.api.paths;
        assert_eq!(paths.root_unread.as_deref(), Some("the description has no operations"), "{file}");
        let missing = generated.warnings.iter().any(|w| w.pointer == "#" && w.message.contains("no `paths`"));
        assert_eq!(missing, warned, "{file}: {:?}", generated.warnings);
        let files = wiretype::emit::package::standalone(&generated.rendered, "models-only").expect("packaging");
        let builders = files.iter().find(|(p, _)| p.ends_with("src/paths.rs")).map(|(_, t)| t.as_str()).unwrap_or("");
        assert!(builders.contains("#[allow(dead_code, reason = \"the description has no operations\")]"), "{builders}");
    }
}

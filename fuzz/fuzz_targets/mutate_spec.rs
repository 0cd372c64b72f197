//! Structure-aware mutations of real specs (our construct zoo, our documents of OpenAPI
//! 3.1, 3.2 and Swagger 2.0, and one time in sixteen our vendored Graph spec, which is
//! slower to generate): the fuzzer's bytes pick nodes of the
//! JSON tree and replace, delete, duplicate or re-point them (`$ref`s to other places,
//! types swapped, required lists broken), rename them to names that trap generators
//! (keywords, the prelude, the generated code's own identifiers, non-ASCII, names equal
//! after case conversion), and add shapes that refer to themselves or to each other used
//! as parameters and responses, so almost every input reaches validation, lowering and
//! emission instead of dying in the YAML parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use std::sync::OnceLock;

/// The document to mutate: Graph one time in sixteen, else the zoo or a document of
/// another version, in turn.
fn base(choice: u8) -> &'static Value {
    static DOCS: OnceLock<[Value; 5]> = OnceLock::new();
    let docs = DOCS.get_or_init(|| {
        [
            include_str!("../../specs/synchronization.v1.0.yaml"),
            include_str!("../../tests/specs/constructs.yaml"),
            include_str!("../../tests/specs/openapi-3.1.yaml"),
            include_str!("../../tests/specs/openapi-3.2.yaml"),
            include_str!("../../tests/specs/swagger-2.0.yaml"),
        ]
        .map(|text| serde_yaml::from_str(text).unwrap_or(Value::Null))
    });
    let index = if choice % 16 == 0 { 0 } else { 1 + usize::from(choice) % 4 };
    &docs[index]
}

/// Replacement values of the other versions: JSON Schema 2020-12's shapes, 3.2's, 2.0's.
fn later_replacement(pick: u8) -> Value {
    match pick % 12 {
        0 => json!({"type": ["string", "null"]}),
        1 => json!({"type": ["integer", "number", "string", "null", "object"]}),
        2 => json!({"const": {"a": [1, 2]}}),
        3 => json!({"prefixItems": [{"type": "string"}, {"$ref": "#/components/schemas/Pet"}], "items": false}),
        4 => json!({"$ref": "#/components/schemas/Pet/$defs/Tag", "description": "beside"}),
        5 => json!({"$ref": "#nowhere"}),
        6 => json!(false),
        7 => json!({"anyOf": [{"type": "null"}, {"const": null}]}),
        8 => json!({"in": "querystring", "content": {"application/x-www-form-urlencoded": {"schema": {"type": "string"}}}}),
        9 => json!({"itemSchema": {"type": ["object", "null"]}}),
        10 => json!({"type": "file", "in": "formData", "name": "f", "collectionFormat": "tsv"}),
        _ => json!({"minimum": -9223372036854776000.0_f64, "type": "integer", "exclusiveMinimum": 1e300}),
    }
}

/// Replacement values that exercise the generator's special cases.
fn replacement(pick: u8) -> Value {
    if pick >= 128 {
        return later_replacement(pick);
    }
    match pick % 16 {
        0 => Value::Null,
        1 => json!({"$ref": "#/components/schemas/microsoft.graph.entity"}),
        2 => json!({"$ref": "#/components/schemas/does.not.exist"}),
        3 => json!({"$ref": "#"}),
        4 => json!({"$ref": "other.yaml#/x"}),
        5 => json!({"type": "object", "additionalProperties": {"type": "object"}}),
        6 => json!({"allOf": [{"type": "string"}, {"type": "object"}]}),
        7 => json!({"anyOf": [{"$ref": "#/components/schemas/microsoft.graph.synchronizationJob"}, {"type": "object", "nullable": true}]}),
        8 => json!({"type": "string", "enum": ["a", "A", "1", "", "@odata.type", "type"]}),
        9 => json!({"type": "array", "items": {"type": "array", "items": {}}}),
        10 => json!({"oneOf": [{"type": "number"}, {"type": "string"}]}),
        11 => json!("{id}"),
        12 => json!([]),
        13 => json!({}),
        14 => json!({"type": "integer", "format": "uint64"}),
        _ => json!({"x-ms-enum-flags": {"isFlags": true}, "type": "string", "enum": ["Add", "Add"]}),
    }
}

/// Names that have broken generators: keywords, the prelude, serde's and http's names,
/// the generated code's own identifiers, names equal after case conversion, non-ASCII.
const TRAPS: &[&str] = &[
    "Self", "self", "type", "gen", "crate", "super", "async", "Option", "Some", "None", "Result", "Box", "Vec",
    "String", "Default", "Clone", "Visitor", "A", "S", "D", "Serialize", "Deserialize", "Request", "Response",
    "Method", "new", "to_http", "from_http", "additional_properties", "value", "key", "url", "größe", "名前", "😀",
    "", "1", "-1", "_", "__", "$ref", "@odata.type", "a b", "Other", "UnknownValue", "userName", "user_name",
];

fn trap(pick: u8) -> &'static str {
    TRAPS[usize::from(pick) % TRAPS.len()]
}

/// A schema shape that refers to `target` (itself, or its partner).
fn referring(shape: u8, target: &str, section: &str) -> Value {
    let r = json!({"$ref": format!("#{section}/{target}")});
    match shape % 6 {
        0 => json!({"type": "array", "items": r}),
        1 => json!({"type": "object", "additionalProperties": r}),
        2 => json!({"allOf": [r, {"type": "object", "properties": {"x": {"type": "string"}}}]}),
        3 => json!({"anyOf": [r, {"type": "string"}]}),
        4 => json!({"oneOf": [{"type": "integer"}, r]}),
        _ => r,
    }
}

/// The `n`-th operation object (`paths/<p>/<method>`), if the document has any.
fn operation(doc: &mut Value, n: usize) -> Option<&mut Value> {
    let paths = doc.get_mut("paths")?.as_object_mut()?;
    let count = paths.len();
    let item = paths.values_mut().nth(n % count.max(1))?.as_object_mut()?;
    let methods: Vec<String> = item
        .keys()
        .filter(|k| ["get", "put", "post", "delete", "patch", "head", "options", "trace"].contains(&k.as_str()))
        .cloned()
        .collect();
    let method = methods.get(n % methods.len().max(1))?.clone();
    item.get_mut(&method)
}

/// Adds schemas that refer to themselves (`mutual == false`) or to each other, and uses
/// them as a query parameter and as a response of one operation.
fn add_recursion(doc: &mut Value, pick: u8, n: usize, mutual: bool) {
    let (a, b) = (format!("Loop{pick}"), format!("Loop{pick}b"));
    let section = if doc.get("definitions").is_some() { "/definitions" } else { "/components/schemas" };
    if let Some(Value::Object(schemas)) = doc.pointer_mut(section) {
        if mutual {
            schemas.insert(a.clone(), referring(pick, &b, section));
            schemas.insert(b.clone(), referring(pick / 6, &a, section));
        } else {
            schemas.insert(a.clone(), referring(pick, &a, section));
        }
    }
    let Some(Value::Object(op)) = operation(doc, n) else { return };
    let r = json!({"$ref": format!("#{section}/{a}")});
    let place = ["query", "header", "cookie"][usize::from(pick) % 3];
    let parameter = json!({"name": trap(pick), "in": place, "schema": r});
    match op.entry("parameters").or_insert_with(|| json!([])) {
        Value::Array(list) => list.push(parameter),
        _ => {}
    }
    op.insert(
        "responses".to_owned(),
        json!({"200": {"description": "loop", "content": {"application/json": {"schema": r}}}}),
    );
}

/// Visits nodes in document order and returns a mutable reference to the `n`-th.
fn nth<'a>(value: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Object(map) => map.values_mut().find_map(|v| nth(v, n)),
        Value::Array(items) => items.iter_mut().find_map(|v| nth(v, n)),
        _ => None,
    }
}

fn count(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(count).sum(),
        Value::Array(items) => items.iter().map(count).sum(),
        _ => 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, data)) = data.split_first() else { return };
    let mut doc = base(choice).clone();
    let total = count(&doc);
    for chunk in data.chunks(4).take(8) {
        let [a, b, c, op] = [chunk.first(), chunk.get(1), chunk.get(2), chunk.get(3)].map(|x| x.copied().unwrap_or(0));
        let mut n = (usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c)) % total.max(1);
        if op % 8 >= 6 {
            add_recursion(&mut doc, op / 8, usize::from(b), op % 8 == 7);
            continue;
        }
        let Some(node) = nth(&mut doc, &mut n) else { continue };
        match op % 8 {
            0 => *node = replacement(op / 8 | (a & 0x80)),
            1 => {
                if let Value::Object(map) = node {
                    let key = map.keys().nth(usize::from(op / 8) % map.len().max(1)).cloned();
                    if let Some(key) = key {
                        map.shift_remove(&key);
                    }
                }
            }
            2 => {
                if let Value::Object(map) = node {
                    map.insert(format!("k{}", op / 8), replacement(op));
                }
            }
            3 => {
                if let Value::String(s) = node {
                    s.push_str(["{x}", "}", "/{", "~1", "()", ".", "$"][usize::from(op / 8) % 7]);
                }
            }
            4 => {
                // Rename a member: a schema, a property, a path, a response code…
                if let Value::Object(map) = node {
                    let key = map.keys().nth(usize::from(a) % map.len().max(1)).cloned();
                    if let Some(value) = key.and_then(|k| map.shift_remove(&k)) {
                        map.insert(trap(op / 8).to_owned(), value);
                    }
                }
            }
            _ => {
                // A name where one is expected (operationId, parameter name, enum member…).
                if let Value::String(s) = node {
                    *s = trap(op / 8).to_owned();
                }
            }
        }
    }
    if let Ok(text) = serde_json::to_string(&doc) {
        let _ = wiretype::generate(&text);
    }
});

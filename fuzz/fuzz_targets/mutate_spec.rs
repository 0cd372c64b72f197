//! Structure-aware mutations of real specs (our construct zoo, and one time in sixteen
//! our vendored Graph spec, which is slower to generate): the fuzzer's bytes pick nodes of the
//! JSON tree and replace, delete, duplicate or re-point them (`$ref`s to other places,
//! types swapped, required lists broken), so almost every input reaches validation,
//! lowering and emission instead of dying in the YAML parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn base(graph: bool) -> &'static Value {
    static ZOO: OnceLock<Value> = OnceLock::new();
    static GRAPH: OnceLock<Value> = OnceLock::new();
    if graph {
        GRAPH.get_or_init(|| {
            serde_yaml::from_str(include_str!("../../specs/synchronization.v1.0.yaml")).unwrap_or(Value::Null)
        })
    } else {
        ZOO.get_or_init(|| serde_yaml::from_str(include_str!("../../tests/specs/constructs.yaml")).unwrap_or(Value::Null))
    }
}

/// Replacement values that exercise the generator's special cases.
fn replacement(pick: u8) -> Value {
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
    let mut doc = base(choice % 16 == 0).clone();
    let total = count(&doc);
    for chunk in data.chunks(4).take(8) {
        let [a, b, c, op] = [chunk.first(), chunk.get(1), chunk.get(2), chunk.get(3)].map(|x| x.copied().unwrap_or(0));
        let mut n = (usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c)) % total.max(1);
        let Some(node) = nth(&mut doc, &mut n) else { continue };
        match op % 4 {
            0 => *node = replacement(op / 4),
            1 => {
                if let Value::Object(map) = node {
                    let key = map.keys().nth(usize::from(op / 4) % map.len().max(1)).cloned();
                    if let Some(key) = key {
                        map.shift_remove(&key);
                    }
                }
            }
            2 => {
                if let Value::Object(map) = node {
                    map.insert(format!("k{}", op / 4), replacement(op));
                }
            }
            _ => {
                if let Value::String(s) = node {
                    s.push_str(["{x}", "}", "/{", "~1", "()", ".", "$"][usize::from(op / 4) % 7]);
                }
            }
        }
    }
    if let Ok(text) = serde_json::to_string(&doc) {
        let _ = generator::generate(&text);
    }
});

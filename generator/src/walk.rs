//! Telling structure from data and names in a raw document, for every walk that looks for
//! references (validation, slicing, bundling several files).
//!
//! An OpenAPI document mixes three things: structure (schemas, operations, parameters,
//! whose `$ref` members are references), names (the keys of `properties`, `paths`,
//! `components/schemas`, `responses`, … which may be any text, `$ref` and `default`
//! included) and data (`example`, the `value` of an Example, `default`, `enum`, `const`
//! and every `x-` extension, which may hold anything, objects with a `$ref` key included).
//! Only a `$ref` in structure is a reference; data is never resolved, validated or
//! rewritten. The walks themselves use explicit stacks: a document controls their depth.

use serde_json::{Map, Value};

/// What an object of the document is, for the rules above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// Structure: its `$ref` is a reference; its data members are skipped.
    Structured,
    /// A map of names to structure (`properties`, `paths`, `components/schemas`, …).
    Names,
    /// A map of names to Example objects (`examples`, `components/examples`).
    ExampleNames,
    /// An Example object: its `value` is data.
    Example,
}

/// Members of structured objects whose value is data.
pub fn is_data(key: &str) -> bool {
    matches!(key, "example" | "default" | "enum" | "const")
        || (key.starts_with("x-") && !crate::extensions::STRUCTURAL.contains(&key))
}

/// Members of structured objects whose value maps names to something.
fn names_below(key: &str) -> Option<Node> {
    Some(match key {
        "examples" => Node::ExampleNames,
        "properties"
        | "patternProperties"
        | "paths"
        | "schemas"
        | "responses"
        | "requestBodies"
        | "headers"
        | "securitySchemes"
        | "links"
        | "callbacks"
        | "content"
        | "encoding"
        | "mapping"
        | "variables"
        | "scopes"
        | "pathItems"
        | "webhooks"
        | "x-webhooks"
        | "$defs"
        | "dependentSchemas"
        | "definitions"
        | "securityDefinitions"
        | "additionalOperations"
        | "x-oai-additionalOperations"
        | "mediaTypes" => Node::Names,
        _ => return None,
    })
}

/// The kind of the value of `key` in an object of kind `parent`, or `None` when that value
/// is data. `components/parameters` is a map of names, but an operation's `parameters` is a
/// list: the parent kind tells them apart.
pub fn child(parent: Node, key: &str, parent_key: Option<&str>) -> Option<Node> {
    match parent {
        Node::Names => Some(Node::Structured),
        Node::ExampleNames => Some(Node::Example),
        Node::Example => {
            (key != "value" && key != "externalValue" && !key.starts_with("x-")).then_some(Node::Structured)
        }
        Node::Structured => {
            if is_data(key) {
                return None;
            }
            // `components/parameters` (and Swagger 2.0's root `parameters`) map names to
            // parameters; an operation's or a path item's is a list.
            if key == "parameters" && (parent_key == Some("components") || parent_key.is_none()) {
                return Some(Node::Names);
            }
            Some(names_below(key).unwrap_or(Node::Structured))
        }
    }
}

/// The target of an object that is a reference (`{$ref: …}` in structure or in place of an
/// Example), if it is one.
pub fn reference(object: &Map<String, Value>, kind: Node) -> Option<&str> {
    match kind {
        Node::Structured | Node::Example => object.get("$ref").and_then(Value::as_str),
        Node::Names | Node::ExampleNames => None,
    }
}

/// The kind of the object a local reference points at (an Example for
/// `#/components/examples/…`, structure otherwise).
pub fn kind_of_target(reference: &str) -> Node {
    if reference.starts_with("#/components/examples/") {
        Node::Example
    } else {
        Node::Structured
    }
}

/// Every reference under `start` (of kind `kind`), with its JSON pointer below `at`, in
/// document order; data and names are never taken for references.
pub fn references(start: &Value, kind: Node, at: &crate::diag::Pointer) -> Vec<(crate::diag::Pointer, String)> {
    let mut out = Vec::new();
    // The walk keeps the keys from `start` to the value it is at, and writes a pointer only
    // for a reference: one per node would cost more than the walk (the whole of Graph has
    // some ten million nodes and a few hundred thousand references).
    let mut path: Vec<Segment<'_>> = Vec::new();
    let mut stack = vec![Visit { value: start, depth: 0, segment: None, kind, holder: None }];
    while let Some(Visit { value, depth, segment, kind, holder }) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        path.extend(segment);
        match value {
            Value::Object(map) => {
                if let Some(target) = reference(map, kind) {
                    let pointer = path.iter().fold(at.clone(), |p, s| match s {
                        Segment::Key(key) => p.join(key),
                        Segment::Index(i) => p.join(&i.to_string()),
                    });
                    out.push((pointer.join("$ref"), target.to_owned()));
                }
                for (key, child_value) in map.iter().rev() {
                    if kind != Node::Names && kind != Node::ExampleNames && key == "$ref" {
                        continue;
                    }
                    if let Some(child_kind) = child(kind, key, holder) {
                        stack.push(Visit {
                            value: child_value,
                            depth: depth + 1,
                            segment: Some(Segment::Key(key)),
                            kind: child_kind,
                            holder: Some(key.as_str()),
                        });
                    }
                }
            }
            // A list of examples (a 3.1 schema's `examples`) is data.
            Value::Array(_) if kind == Node::ExampleNames => {}
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Visit { value: item, depth: depth + 1, segment: Some(Segment::Index(i)), kind, holder });
                }
            }
            _ => {}
        }
    }
    out
}

/// What [`structured`] calls for each object: the object, its kind, and a way to its
/// pointer.
pub type Visitor<'a> = dyn FnMut(&Map<String, Value>, Node, &dyn Fn() -> crate::diag::Pointer) + 'a;

/// Visits every object of the structure under `start` (of kind `kind`), with its kind and
/// its pointer below `at` (built only when asked for): never data (examples, defaults,
/// enums, extensions), and the keys of a map of names only as names. For reading what a
/// document holds (`$id`s, `$defs`).
pub fn structured(start: &Value, kind: Node, at: &crate::diag::Pointer, visit: &mut Visitor<'_>) {
    let mut path: Vec<Segment<'_>> = Vec::new();
    let mut stack = vec![Visit { value: start, depth: 0, segment: None, kind, holder: None }];
    while let Some(Visit { value, depth, segment, kind, holder }) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        path.extend(segment);
        match value {
            Value::Object(map) => {
                let pointer = || {
                    path.iter().fold(at.clone(), |p, s| match s {
                        Segment::Key(key) => p.join(key),
                        Segment::Index(i) => p.join(&i.to_string()),
                    })
                };
                visit(map, kind, &pointer);
                for (key, child_value) in map.iter().rev() {
                    if kind != Node::Names && kind != Node::ExampleNames && key == "$ref" {
                        continue;
                    }
                    if let Some(child_kind) = child(kind, key, holder) {
                        stack.push(Visit {
                            value: child_value,
                            depth: depth + 1,
                            segment: Some(Segment::Key(key)),
                            kind: child_kind,
                            holder: Some(key.as_str()),
                        });
                    }
                }
            }
            Value::Array(_) if kind == Node::ExampleNames => {}
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push(Visit { value: item, depth: depth + 1, segment: Some(Segment::Index(i)), kind, holder });
                }
            }
            _ => {}
        }
    }
}

/// [`structured`], mutably, without pointers: for rewriting what a document holds (its
/// references). `visit` sees each object before its members are visited.
pub fn structured_mut(start: &mut Value, kind: Node, visit: &mut dyn FnMut(&mut Map<String, Value>, Node)) {
    let mut stack: Vec<(&mut Value, Node, Option<String>)> = vec![(start, kind, None)];
    while let Some((value, kind, holder)) = stack.pop() {
        match value {
            Value::Object(map) => {
                visit(map, kind);
                for (key, child_value) in map.iter_mut() {
                    if kind != Node::Names && kind != Node::ExampleNames && key == "$ref" {
                        continue;
                    }
                    if let Some(child_kind) = child(kind, key, holder.as_deref()) {
                        stack.push((child_value, child_kind, Some(key.clone())));
                    }
                }
            }
            Value::Array(_) if kind == Node::ExampleNames => {}
            Value::Array(items) => {
                for item in items.iter_mut() {
                    stack.push((item, kind, holder.clone()));
                }
            }
            _ => {}
        }
    }
}

/// A value the walk will visit.
struct Visit<'a> {
    value: &'a Value,
    /// How deep it is below the start.
    depth: usize,
    /// The step leading to it (none for the start).
    segment: Option<Segment<'a>>,
    /// Its kind.
    kind: Node,
    /// The key of the object holding it.
    holder: Option<&'a str>,
}

/// One step of a walk's way down: a member's key or an item's index.
#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pointer;
    use serde_json::json;

    fn targets(doc: &Value) -> Vec<String> {
        references(doc, Node::Structured, &Pointer::root()).into_iter().map(|(p, t)| format!("{p} -> {t}")).collect()
    }

    #[test]
    fn data_and_names_are_not_references() {
        let doc = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"$ref": "#/components/parameters/p"}],
                "responses": {"default": {"$ref": "#/components/responses/r"}},
                "x-sample": {"$ref": "data"}
            }}},
            "components": {
                "parameters": {"p": {"name": "p", "in": "query", "schema": {"$ref": "#/components/schemas/S"}}},
                "schemas": {
                    "S": {
                        "properties": {"$ref": {"type": "string"}, "default": {"$ref": "#/components/schemas/T"}},
                        "default": {"$ref": "data"},
                        "enum": [{"$ref": "data"}],
                        "example": {"$ref": "data"}
                    },
                    "enum": {"$ref": "#/components/schemas/S"}
                },
                "examples": {"e": {"value": {"$ref": "data"}}, "f": {"$ref": "#/components/examples/e"}}
            }
        });
        assert_eq!(
            targets(&doc),
            [
                "#/paths/~1a/get/parameters/0/$ref -> #/components/parameters/p",
                "#/paths/~1a/get/responses/default/$ref -> #/components/responses/r",
                "#/components/parameters/p/schema/$ref -> #/components/schemas/S",
                "#/components/schemas/S/properties/default/$ref -> #/components/schemas/T",
                "#/components/schemas/enum/$ref -> #/components/schemas/S",
                "#/components/examples/f/$ref -> #/components/examples/e",
            ]
        );
    }

    #[test]
    fn a_deep_document_is_walked_without_recursion() {
        let mut doc = json!({"$ref": "#/end"});
        for _ in 0..20_000 {
            // Not `json!`, which serializes its argument (recursively).
            let mut wrapper = Map::new();
            wrapper.insert("items".to_owned(), doc);
            doc = Value::Object(wrapper);
        }
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let found = references(&doc, Node::Structured, &Pointer::root()).len();
                // Dropping a deep `Value` recurses; leak it so the test measures the walk.
                std::mem::forget(doc);
                found
            })
            .expect("thread");
        assert_eq!(handle.join().expect("no overflow"), 1);
    }
}

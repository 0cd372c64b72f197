//! Cutting operations out of a large document, with exactly the components they need.
//!
//! What is kept: the chosen operations (with their path item's shared parameters),
//! every component they reference, transitively, and `info`, `servers`, `security`,
//! security schemes and the tags in use. Two kinds of reference do not widen the
//! closure, because in Microsoft Graph they would drag in most of the API:
//! navigation properties (`x-ms-navigationProperty: true`) and discriminator mappings.
//! Their targets are kept only when something else needs them; a navigation property
//! or mapping entry whose target is not kept is removed, so the slice never dangles.
//! (Generated models are open, so such a property still round-trips as unknown data.)

use serde_json::{Map, Value};
use std::collections::BTreeSet;

use crate::ir::Method;
use crate::walk::{self, Node};

/// Which operations to keep; every given criterion must match.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Keep paths that start with one of these.
    pub path_prefixes: Vec<String>,
    /// Keep operations with one of these tags.
    pub tags: Vec<String>,
    /// Keep operations with one of these operationIds.
    pub operation_ids: Vec<String>,
}

impl Selection {
    /// Whether nothing narrows the selection.
    pub fn is_empty(&self) -> bool {
        self.path_prefixes.is_empty() && self.tags.is_empty() && self.operation_ids.is_empty()
    }

    fn matches(&self, path: &str, op: &Value) -> bool {
        let prefix_ok =
            self.path_prefixes.is_empty() || self.path_prefixes.iter().any(|p| path.starts_with(p.as_str()));
        let tag_ok = self.tags.is_empty()
            || op.get("tags").and_then(Value::as_array).is_some_and(|tags| {
                tags.iter().filter_map(Value::as_str).any(|t| self.tags.iter().any(|want| want == t))
            });
        let id_ok = self.operation_ids.is_empty()
            || op
                .get("operationId")
                .and_then(Value::as_str)
                .is_some_and(|id| self.operation_ids.iter().any(|w| w == id));
        prefix_ok && tag_ok && id_ok
    }
}

/// Operations to drop from what a selection keeps.
#[derive(Debug, Clone, Default)]
pub struct Exclusion {
    /// Drop paths that start with one of these.
    pub path_prefixes: Vec<String>,
    /// Drop operations with one of these tags.
    pub tags: Vec<String>,
    /// Drop operations with one of these operationIds.
    pub operation_ids: Vec<String>,
}

impl Exclusion {
    fn matches(&self, path: &str, op: &Value) -> bool {
        self.path_prefixes.iter().any(|p| path.starts_with(p.as_str()))
            || op
                .get("tags")
                .and_then(Value::as_array)
                .is_some_and(|tags| tags.iter().filter_map(Value::as_str).any(|t| self.tags.iter().any(|x| x == t)))
            || op
                .get("operationId")
                .and_then(Value::as_str)
                .is_some_and(|id| self.operation_ids.iter().any(|x| x == id))
    }
}

/// Members of the root a slice keeps as they are, in every version: OpenAPI 3's and
/// Swagger 2.0's (its server and media types, its security definitions).
const KEPT_AT_ROOT: [&str; 11] = [
    "openapi",
    "swagger",
    "$self",
    "jsonSchemaDialect",
    "info",
    "servers",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
];

/// Swagger 2.0's sections of shared definitions, at the root (3.0 keeps them in
/// `components`).
const SWAGGER_SECTIONS: [&str; 3] = ["definitions", "parameters", "responses"];

/// A new document, in the version of `doc`, with only the selected operations (3.2's
/// `query` and `additionalOperations` among them) and the components they need.
pub fn slice(doc: &Value, keep: &Selection, drop: &Exclusion) -> Value {
    let mut out = Map::new();
    let Some(root) = doc.as_object() else { return doc.clone() };
    for key in KEPT_AT_ROOT {
        if let Some(v) = root.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    let mut paths = Map::new();
    let mut used_tags: BTreeSet<String> = BTreeSet::new();
    if let Some(all) = root.get("paths").and_then(Value::as_object) {
        for (path, item) in all {
            let Some(item) = item.as_object() else { continue };
            let mut kept = Map::new();
            let mut operations = 0;
            let mut chosen = |value: &Value| {
                let yes = keep.matches(path, value) && !drop.matches(path, value);
                if yes {
                    for t in value.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
                    {
                        used_tags.insert(t.to_owned());
                    }
                }
                yes
            };
            for (key, value) in item {
                if Method::is_key(key) || key == "query" {
                    if chosen(value) {
                        kept.insert(key.clone(), value.clone());
                        operations += 1;
                    }
                } else if key == "additionalOperations" {
                    let others: Map<String, Value> = value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .filter(|(_, op)| chosen(op))
                        .map(|(m, op)| (m.clone(), op.clone()))
                        .collect();
                    if !others.is_empty() {
                        operations += others.len();
                        kept.insert(key.clone(), Value::Object(others));
                    }
                } else {
                    kept.insert(key.clone(), value.clone());
                }
            }
            if operations > 0 {
                paths.insert(path.clone(), Value::Object(kept));
            }
        }
    }
    let closure = closure(doc, &Value::Object(paths.clone()));
    out.insert("paths".to_owned(), Value::Object(paths));
    if let Some(components) = root.get("components").and_then(Value::as_object) {
        let mut kept = Map::new();
        for (section, entries) in components {
            let Some(entries) = entries.as_object() else { continue };
            let mut section_out = Map::new();
            for (name, value) in entries {
                let pointer = format!("#/components/{}/{}", escape(section), escape(name));
                if section == "securitySchemes" || closure.contains(&pointer) {
                    let mut value = value.clone();
                    prune(&mut value, walk::kind_of_target(&pointer), &closure);
                    section_out.insert(name.clone(), value);
                }
            }
            if !section_out.is_empty() {
                kept.insert(section.clone(), Value::Object(section_out));
            }
        }
        out.insert("components".to_owned(), Value::Object(kept));
    }
    for section in SWAGGER_SECTIONS.into_iter().filter(|_| root.contains_key("swagger")) {
        let Some(entries) = root.get(section).and_then(Value::as_object) else { continue };
        let mut section_out = Map::new();
        for (name, value) in entries {
            let pointer = format!("#/{section}/{}", escape(name));
            if closure.contains(&pointer) {
                let mut value = value.clone();
                prune(&mut value, walk::kind_of_target(&pointer), &closure);
                section_out.insert(name.clone(), value);
            }
        }
        if !section_out.is_empty() {
            out.insert(section.to_owned(), Value::Object(section_out));
        }
    }
    if let Some(definitions) = root.get("securityDefinitions") {
        out.insert("securityDefinitions".to_owned(), definitions.clone());
    }
    if let Some(security) = root.get("security") {
        out.insert("security".to_owned(), security.clone());
    }
    if let Some(tags) = root.get("tags").and_then(Value::as_array) {
        let kept: Vec<Value> = tags
            .iter()
            .filter(|t| t.get("name").and_then(Value::as_str).is_some_and(|n| used_tags.contains(n)))
            .cloned()
            .collect();
        if !kept.is_empty() {
            out.insert("tags".to_owned(), Value::Array(kept));
        }
    }
    Value::Object(out)
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Every local reference reachable from `start`, not crossing navigation properties
/// or discriminator mappings.
fn closure(doc: &Value, start: &Value) -> BTreeSet<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    collect_refs(start, Node::Names, &mut pending);
    while let Some(r) = pending.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        if let Some(node) = crate::resolve::lookup(doc, &r) {
            collect_refs(node, walk::kind_of_target(&r), &mut pending);
        }
    }
    seen
}

/// The local references under `node`, not crossing navigation properties, discriminator
/// mappings or data.
fn collect_refs(node: &Value, kind: Node, out: &mut Vec<String>) {
    let mut stack: Vec<(&Value, Node, Option<&str>)> = vec![(node, kind, None)];
    while let Some((n, kind, holder)) = stack.pop() {
        match n {
            Value::Object(map) => {
                if is_navigation(map) {
                    continue;
                }
                if let Some(r) = walk::reference(map, kind).filter(|r| r.starts_with("#/")) {
                    out.push(r.to_owned());
                }
                for (k, v) in map {
                    if k == "discriminator" || (k == "$ref" && kind != Node::Names) {
                        continue;
                    }
                    if let Some(child) = walk::child(kind, k, holder) {
                        stack.push((v, child, Some(k)));
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter().map(|item| (item, kind, holder))),
            _ => {}
        }
    }
}

fn is_navigation(map: &Map<String, Value>) -> bool {
    map.get("x-ms-navigationProperty").and_then(Value::as_bool).unwrap_or(false)
}

/// Removes navigation properties and discriminator mappings that point outside the slice
/// (in structure only: data that looks like a schema is left as it is).
fn prune(node: &mut Value, kind: Node, closure: &BTreeSet<String>) {
    let mut stack: Vec<(&mut Value, Node, Option<&str>)> = vec![(node, kind, None)];
    while let Some((n, kind, holder)) = stack.pop() {
        match n {
            Value::Object(map) => {
                if kind == Node::Structured {
                    if let Some(Value::Object(props)) = map.get_mut("properties") {
                        props.retain(|_, p| {
                            let Value::Object(pm) = p else { return true };
                            if !is_navigation(pm) {
                                return true;
                            }
                            let refs = walk::references(p, Node::Structured, &crate::diag::Pointer::root());
                            refs.iter().all(|(_, r)| closure.contains(r))
                        });
                    }
                    if let Some(Value::Object(mapping)) =
                        map.get_mut("discriminator").and_then(|d| d.get_mut("mapping"))
                    {
                        mapping.retain(|_, target| target.as_str().is_some_and(|t| closure.contains(t)));
                    }
                }
                for (key, value) in map.iter_mut() {
                    if let Some(child) = walk::child(kind, key, holder) {
                        stack.push((value, child, Some(key.as_str())));
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut().map(|item| (item, kind, holder))),
            _ => {}
        }
    }
}

/// The sliced document as YAML, keys in the original order.
pub fn to_yaml(doc: &Value) -> Result<String, String> {
    serde_yaml::to_string(doc).map_err(|e| format!("cannot write YAML: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn navigation_properties_do_not_widen_the_closure() {
        let doc = json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}},
                "/b": {"get": {"responses": {"200": {"description": "ok"}}}}
            },
            "components": {"schemas": {
                "A": {"type": "object", "properties": {
                    "b": {"$ref": "#/components/schemas/B"},
                    "nav": {"type": "array", "items": {"$ref": "#/components/schemas/Far"}, "x-ms-navigationProperty": true}
                }},
                "B": {"type": "string"},
                "Far": {"type": "object"},
                "Unused": {"type": "object"}
            }}
        });
        let sliced =
            slice(&doc, &Selection { path_prefixes: vec!["/a".into()], ..Selection::default() }, &Exclusion::default());
        let schemas = sliced["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["A", "B"]);
        assert!(schemas["A"]["properties"].get("nav").is_none());
        assert!(sliced["paths"].get("/b").is_none());
    }
}

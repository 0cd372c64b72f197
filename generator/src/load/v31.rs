//! OpenAPI 3.1 and 3.2 read into the one model (OpenAPI 3.0's tree plus the extensions
//! the later stages read).
//!
//! Before bundling ([`before_bundling`]): references by `$id` and `$anchor` become JSON
//! pointers, and references under the document's `$self` (3.2) become references to files
//! beside it, so the bundler finds every one in the document or beside it.
//!
//! After bundling and overlays ([`normalize`]):
//! - `$defs` anywhere move to `components/schemas`, and references to them follow;
//! - references to `components/pathItems` (3.1) and `components/mediaTypes` (3.2) are
//!   replaced by what they point at (3.0 has no such components);
//! - every schema is read by [`super::json_schema`];
//! - `webhooks` become `x-webhooks` (path items the later stages type as incoming
//!   requests);
//! - 3.2: the `query` method and `additionalOperations` become `x-oai-additionalOperations`
//!   (method → operation), a media type's `itemSchema` becomes its `schema` (the list
//!   of the items) marked `x-item-sequence`, a
//!   parameter `in: querystring` becomes `in: query` with `x-querystring: true`, and a
//!   response's optional `description` is read as empty;
//! - an operation without `responses` (optional since 3.1) has none;
//! - a `mutualTLS` security scheme (3.0 has no such type) is left out with a warning.
//!
//! The extensions are [`crate::extensions`]. Every place that moves is recorded, so later diagnostics point into the document the
//! user wrote.

use super::json_schema;
use super::version::Version;
use crate::diag::{Diagnostics, Pointer};
use crate::walk::{self, Node};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use crate::extensions::{ADDITIONAL_OPERATIONS, DYNAMIC_REF, QUERYSTRING, SEQUENCE, WEBHOOKS};

/// Rewrites, in a document as read, references that name a schema by `$id` or `$anchor`
/// to JSON pointers, and references under `$self` to paths relative to the document.
pub fn before_bundling(doc: &mut Value) {
    let base = doc.get("$self").and_then(Value::as_str).map(str::to_owned);
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    // Every `$id` and `$anchor` of a schema.
    walk::structured(doc, Node::Structured, &Pointer::root(), &mut |object, kind, at| {
        if kind != Node::Structured {
            return;
        }
        if let Some(Value::String(id)) = object.get("$id") {
            ids.insert(id.clone(), at().to_string());
            if let Some(relative) = base.as_deref().and_then(|b| relative_to(b, id)) {
                ids.insert(relative, at().to_string());
            }
        }
        for key in ["$anchor", "$dynamicAnchor"] {
            if let Some(Value::String(anchor)) = object.get(key) {
                ids.insert(format!("#{anchor}"), at().to_string());
            }
        }
    });
    walk::structured_mut(doc, Node::Structured, &mut |object, kind| {
        if kind != Node::Structured {
            return;
        }
        if let Some(Value::String(target)) = object.get("$ref") {
            let by_id = || {
                let (id, fragment) = target.split_once('#').filter(|(id, _)| !id.is_empty())?;
                ids.get(id).map(|pointer| format!("{pointer}{fragment}"))
            };
            let local = ids
                .get(target)
                .cloned()
                .or_else(by_id)
                .or_else(|| base.as_deref().and_then(|b| relative_to(b, target)));
            if let Some(local) = local {
                object.insert("$ref".to_owned(), Value::String(local));
            }
        }
        // A `$dynamicRef` to an anchor of this document is read as a `$ref` to it;
        // `x-dynamic-ref` keeps what it was, for the schema reader to warn about.
        if let Some(Value::String(target)) = object.get("$dynamicRef").cloned() {
            if let Some(pointer) = ids.get(&target) {
                object.remove("$dynamicRef");
                object.insert("$ref".to_owned(), Value::String(pointer.clone()));
                object.insert(DYNAMIC_REF.to_owned(), Value::String(target));
            }
        }
    });
}

/// `target` as a reference relative to the document whose URI is `base`, when it lies in
/// the same folder or below (`https://x.test/api/openapi.yaml` and
/// `https://x.test/api/schemas/pet.yaml#/Pet` give `schemas/pet.yaml#/Pet`; the document
/// itself gives `#…`).
fn relative_to(base: &str, target: &str) -> Option<String> {
    if !target.contains("://") {
        return None;
    }
    let (target_doc, fragment) = match target.split_once('#') {
        Some((doc, fragment)) => (doc, format!("#{fragment}")),
        None => (target, String::new()),
    };
    let base_doc = base.split('#').next().unwrap_or(base);
    if target_doc == base_doc {
        return Some(if fragment.is_empty() { "#".to_owned() } else { fragment });
    }
    let folder = base_doc.rsplit_once('/').map(|(folder, _)| format!("{folder}/"))?;
    target_doc.strip_prefix(&folder).filter(|rest| !rest.is_empty()).map(|rest| format!("{rest}{fragment}"))
}

/// Reads a bundled 3.1 or 3.2 document into the one model, recording each place that
/// moved as (new place, place in the document as written).
pub fn normalize(doc: &mut Value, version: Version, moves: &mut Vec<(Pointer, Pointer)>, diags: &mut Diagnostics) {
    let Some(root) = doc.as_object_mut() else { return };
    root.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    hoist_definitions(doc, moves);
    inline_components(doc, "pathItems", moves);
    inline_components(doc, "mediaTypes", moves);
    let Some(root) = doc.as_object_mut() else { return };
    if let Some(webhooks) = root.remove("webhooks") {
        moves.push((Pointer::root().join(WEBHOOKS), Pointer::root().join("webhooks")));
        root.insert(WEBHOOKS.to_owned(), webhooks);
    }
    security_schemes(root, diags);
    root.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    walk(doc, version, moves, diags);
}

/// A 3.0 security scheme type, or the scheme is left out (with a warning).
fn security_schemes(root: &mut Map<String, Value>, diags: &mut Diagnostics) {
    let Some(Value::Object(schemes)) = root.get_mut("components").and_then(|c| c.get_mut("securitySchemes")) else {
        return;
    };
    let unknown: Vec<String> = schemes
        .iter()
        .filter(|(_, s)| {
            !matches!(
                s.get("type").and_then(Value::as_str),
                Some("apiKey" | "http" | "oauth2" | "openIdConnect") | None
            )
        })
        .map(|(name, _)| name.clone())
        .collect();
    for name in unknown {
        schemes.remove(&name);
        let at = Pointer::root().join("components").join("securitySchemes").join(&name);
        diags.warning(&at, "a security scheme of a type 3.0 does not have (`mutualTLS`): the client does not apply it");
    }
}

/// `$defs` of every schema move to `components/schemas` (a name of their own, the
/// definition's name when it is free), innermost first, and every reference to them
/// follows.
fn hoist_definitions(doc: &mut Value, moves: &mut Vec<(Pointer, Pointer)>) {
    // (keys to a `$defs` entry, as written) in document order.
    let mut found: Vec<Vec<String>> = Vec::new();
    walk::structured(doc, Node::Structured, &Pointer::root(), &mut |object, kind, at| {
        if let (Node::Structured, Some(Value::Object(entries))) = (kind, object.get("$defs")) {
            for name in entries.keys() {
                let mut keys = keys_of(&at());
                keys.push("$defs".to_owned());
                keys.push(name.clone());
                found.push(keys);
            }
        }
    });
    if found.is_empty() {
        return;
    }
    let mut taken: std::collections::BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    // Innermost first, so that an outer definition moves with its inner ones already gone.
    found.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut renamed: Vec<(String, String)> = Vec::new();
    for place in &found {
        let Some(name) = place.last() else { continue };
        let mut new_name = name.clone();
        let mut n = 2;
        while taken.contains(&new_name) {
            new_name = format!("{name}{n}");
            n += 1;
        }
        taken.insert(new_name.clone());
        let Some(value) = take(doc, place) else { continue };
        let from = pointer_of(place);
        let to = Pointer::root().join("components").join("schemas").join(&new_name);
        renamed.push((from.to_string(), to.to_string()));
        moves.push((to.clone(), from));
        insert_schema(doc, &new_name, value);
    }
    // Drop emptied `$defs` members and rewrite every reference into a moved definition.
    let targets: Vec<(String, String)> = renamed;
    rewrite_refs(doc, &|reference: &str| {
        targets.iter().find_map(|(old, new)| {
            reference
                .strip_prefix(old.as_str())
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
                .map(|rest| format!("{new}{rest}"))
        })
    });
    remove_empty_defs(doc);
}

/// Replaces references to a components section 3.0 does not have (`pathItems`,
/// `mediaTypes`) by a copy of what they point at; the section goes (every problem in what
/// it holds is reported at the places it was copied to, which point back at it).
fn inline_components(doc: &mut Value, section: &str, moves: &mut Vec<(Pointer, Pointer)>) {
    let Some(components) = doc.pointer(&format!("/components/{section}")).and_then(Value::as_object).cloned() else {
        return;
    };
    let prefix = format!("#/components/{section}/");
    // A component that is itself a reference to another of its section, followed a few times.
    let resolve = |reference: &str| -> Option<(String, Value)> {
        let mut name = reference.strip_prefix(&prefix)?.to_owned();
        for _ in 0..16 {
            let value = components.get(&name)?;
            match value.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix(&prefix)) {
                Some(next) => name = next.to_owned(),
                None => return Some((name, value.clone())),
            }
        }
        None
    };
    let mut places: Vec<Pointer> = Vec::new();
    walk::structured(doc, Node::Structured, &Pointer::root(), &mut |object, kind, at| {
        if kind == Node::Structured
            && object.get("$ref").and_then(Value::as_str).is_some_and(|r| r.starts_with(&prefix))
        {
            let at = at();
            if !at.as_str().starts_with(&format!("#/components/{section}")) {
                places.push(at);
            }
        }
    });
    for at in places {
        let keys = keys_of(&at);
        let Some(slot) = keys.iter().try_fold(&mut *doc, |node, key| match node {
            Value::Object(map) => map.get_mut(key),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }) else {
            continue;
        };
        if let Some((name, content)) = slot.get("$ref").and_then(Value::as_str).and_then(&resolve) {
            moves.push((at.clone(), Pointer::root().join("components").join(section).join(&name)));
            *slot = content;
        }
    }
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        components.remove(section);
    }
}

/// What a place of the document is, for the walk over every schema.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    PathItem,
    Operation,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Callback,
    Schema,
}

/// A place of the document, its pointer built only when asked for (most places never are).
struct Place {
    parent: Option<std::rc::Rc<Place>>,
    key: String,
}

impl Place {
    fn root() -> std::rc::Rc<Place> {
        std::rc::Rc::new(Place { parent: None, key: String::new() })
    }

    fn join(self: &std::rc::Rc<Self>, key: &str) -> std::rc::Rc<Place> {
        std::rc::Rc::new(Place { parent: Some(self.clone()), key: key.to_owned() })
    }

    fn pointer(&self) -> Pointer {
        let mut keys = vec![self.key.as_str()];
        let mut at = self.parent.as_deref();
        while let Some(place) = at {
            if place.parent.is_some() {
                keys.push(place.key.as_str());
            }
            at = place.parent.as_deref();
        }
        if self.parent.is_none() {
            return Pointer::root();
        }
        keys.iter().rev().fold(Pointer::root(), |p, k| p.join(k))
    }
}

/// Visits every place that holds a schema and reads it; reads 3.2's additions on the way.
fn walk(doc: &mut Value, version: Version, moves: &mut Vec<(Pointer, Pointer)>, diags: &mut Diagnostics) {
    type Stack<'v> = Vec<(&'v mut Value, std::rc::Rc<Place>, Kind)>;
    let mut stack: Stack<'_> = Vec::new();
    let root = Place::root();
    let Some(object) = doc.as_object_mut() else { return };
    for (key, value) in object.iter_mut() {
        let at = root.join(key);
        match key.as_str() {
            "paths" | WEBHOOKS => push_names(&mut stack, value, &at, Kind::PathItem),
            "components" => {
                let Some(sections) = value.as_object_mut() else { continue };
                for (section, entries) in sections.iter_mut() {
                    let kind = match section.as_str() {
                        "schemas" => Kind::Schema,
                        "responses" => Kind::Response,
                        "parameters" => Kind::Parameter,
                        "requestBodies" => Kind::RequestBody,
                        "headers" => Kind::Header,
                        "callbacks" => Kind::Callback,
                        _ => continue,
                    };
                    push_names(&mut stack, entries, &at.join(section), kind);
                }
            }
            _ => {}
        }
    }
    while let Some((value, at, kind)) = stack.pop() {
        if kind == Kind::Schema {
            json_schema::convert(value, &|| at.pointer(), moves, diags);
            if let Value::Object(object) = value {
                for (keys, child) in json_schema::subschemas(object) {
                    let place = keys.iter().fold(at.clone(), |p, k| p.join(k));
                    stack.push((child, place, Kind::Schema));
                }
            }
            continue;
        }
        let Value::Object(object) = value else { continue };
        if object.contains_key("$ref") {
            continue;
        }
        match kind {
            Kind::PathItem => {
                if version >= Version::V3_2
                    && (object.contains_key("query") || object.contains_key("additionalOperations"))
                {
                    additional_operations(object, &at.pointer(), moves);
                }
                for (key, child) in object.iter_mut() {
                    match key.as_str() {
                        "parameters" => push_list(&mut stack, child, &at.join(key), Kind::Parameter),
                        ADDITIONAL_OPERATIONS => push_names(&mut stack, child, &at.join(key), Kind::Operation),
                        k if crate::ir::Method::is_key(k) => stack.push((child, at.join(key), Kind::Operation)),
                        _ => {}
                    }
                }
            }
            Kind::Operation => {
                // Optional since 3.1: an operation that documents no answer.
                object.entry("responses").or_insert_with(|| Value::Object(Map::new()));
                for (key, child) in object.iter_mut() {
                    match key.as_str() {
                        "parameters" => push_list(&mut stack, child, &at.join(key), Kind::Parameter),
                        "requestBody" => stack.push((child, at.join(key), Kind::RequestBody)),
                        "responses" => push_names(&mut stack, child, &at.join(key), Kind::Response),
                        "callbacks" => push_names(&mut stack, child, &at.join(key), Kind::Callback),
                        _ => {}
                    }
                }
            }
            Kind::Callback => {
                for (key, child) in object.iter_mut() {
                    if !key.starts_with("x-") {
                        stack.push((child, at.join(key), Kind::PathItem));
                    }
                }
            }
            Kind::Parameter | Kind::Header => {
                if kind == Kind::Parameter && object.get("in").and_then(Value::as_str) == Some("querystring") {
                    object.insert("in".to_owned(), Value::String("query".to_owned()));
                    object.insert(QUERYSTRING.to_owned(), Value::Bool(true));
                    object.entry("name").or_insert_with(|| Value::String("querystring".to_owned()));
                }
                for (key, child) in object.iter_mut() {
                    match key.as_str() {
                        "schema" => stack.push((child, at.join(key), Kind::Schema)),
                        "content" => push_names(&mut stack, child, &at.join(key), Kind::MediaType),
                        _ => {}
                    }
                }
            }
            Kind::RequestBody => {
                if let Some(content) = object.get_mut("content") {
                    push_names(&mut stack, content, &at.join("content"), Kind::MediaType);
                }
            }
            Kind::Response => {
                object.entry("description").or_insert_with(|| Value::String(String::new()));
                for (key, child) in object.iter_mut() {
                    match key.as_str() {
                        "content" => push_names(&mut stack, child, &at.join(key), Kind::MediaType),
                        "headers" => push_names(&mut stack, child, &at.join(key), Kind::Header),
                        _ => {}
                    }
                }
            }
            Kind::MediaType => {
                if let Some(item) = object.remove("itemSchema") {
                    // The sequence as the list of its items (what `schema`, when given,
                    // says of the whole body), marked as arriving one at a time.
                    let here = at.pointer();
                    moves.push((here.join("schema").join("items"), here.join("itemSchema")));
                    let mut list = Map::new();
                    list.insert("type".to_owned(), Value::String("array".to_owned()));
                    list.insert("items".to_owned(), item);
                    object.insert("schema".to_owned(), Value::Object(list));
                    object.insert(SEQUENCE.to_owned(), Value::Bool(true));
                }
                for (key, child) in object.iter_mut() {
                    match key.as_str() {
                        "schema" => stack.push((child, at.join(key), Kind::Schema)),
                        "encoding" => push_names(&mut stack, child, &at.join(key), Kind::Encoding),
                        _ => {}
                    }
                }
            }
            Kind::Encoding => {
                if let Some(headers) = object.get_mut("headers") {
                    push_names(&mut stack, headers, &at.join("headers"), Kind::Header);
                }
            }
            Kind::Schema => {}
        }
    }
}

/// 3.2's `query` and `additionalOperations` of a path item, as one extension of method →
/// operation (the method as it is sent: `QUERY`, `COPY`).
fn additional_operations(item: &mut Map<String, Value>, at: &Pointer, moves: &mut Vec<(Pointer, Pointer)>) {
    let mut operations = Map::new();
    if let Some(query) = item.remove("query") {
        moves.push((at.join(ADDITIONAL_OPERATIONS).join("QUERY"), at.join("query")));
        operations.insert("QUERY".to_owned(), query);
    }
    if let Some(Value::Object(more)) = item.remove("additionalOperations") {
        for (method, operation) in more {
            moves.push((at.join(ADDITIONAL_OPERATIONS).join(&method), at.join("additionalOperations").join(&method)));
            operations.insert(method, operation);
        }
    }
    if !operations.is_empty() {
        item.insert(ADDITIONAL_OPERATIONS.to_owned(), Value::Object(operations));
    }
}

fn push_names<'v>(
    stack: &mut Vec<(&'v mut Value, std::rc::Rc<Place>, Kind)>,
    value: &'v mut Value,
    at: &std::rc::Rc<Place>,
    kind: Kind,
) {
    if let Value::Object(entries) = value {
        for (name, entry) in entries.iter_mut() {
            if kind != Kind::Schema && name.starts_with("x-") {
                continue;
            }
            stack.push((entry, at.join(name), kind));
        }
    }
}

fn push_list<'v>(
    stack: &mut Vec<(&'v mut Value, std::rc::Rc<Place>, Kind)>,
    value: &'v mut Value,
    at: &std::rc::Rc<Place>,
    kind: Kind,
) {
    if let Value::Array(items) = value {
        for (i, item) in items.iter_mut().enumerate() {
            stack.push((item, at.join(&i.to_string()), kind));
        }
    }
}

/// The pointer of a list of keys.
fn pointer_of(keys: &[String]) -> Pointer {
    keys.iter().fold(Pointer::root(), |p, k| p.join(k))
}

/// Removes and returns the value at `keys`.
fn take(doc: &mut Value, keys: &[String]) -> Option<Value> {
    let (last, parents) = keys.split_last()?;
    let mut node = doc;
    for key in parents {
        node = match node {
            Value::Object(map) => map.get_mut(key)?,
            Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    node.as_object_mut()?.remove(last)
}

fn insert_schema(doc: &mut Value, name: &str, value: Value) {
    let Some(root) = doc.as_object_mut() else { return };
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let Some(components) = components.as_object_mut() else { return };
    let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    if let Some(schemas) = schemas.as_object_mut() {
        schemas.insert(name.to_owned(), value);
    }
}

/// Rewrites every reference that `map` gives a new target.
fn rewrite_refs(doc: &mut Value, map: &dyn Fn(&str) -> Option<String>) {
    walk::structured_mut(doc, Node::Structured, &mut |object, kind| {
        if kind == Node::Structured {
            if let Some(new) = object.get("$ref").and_then(Value::as_str).and_then(map) {
                object.insert("$ref".to_owned(), Value::String(new));
            }
        }
    });
}

/// Removes `$defs` members left empty by [`hoist_definitions`].
fn remove_empty_defs(doc: &mut Value) {
    walk::structured_mut(doc, Node::Structured, &mut |object, kind| {
        if kind == Node::Structured && object.get("$defs").and_then(Value::as_object).is_some_and(Map::is_empty) {
            object.remove("$defs");
        }
    });
}

/// The keys of a pointer (`#/a~1b/c` gives `a/b` and `c`).
fn keys_of(pointer: &Pointer) -> Vec<String> {
    pointer
        .as_str()
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(|k| k.replace("~1", "/").replace("~0", "~"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalized(mut doc: Value) -> (Value, Vec<(String, String)>) {
        let mut diags = Diagnostics::new();
        let mut moves = Vec::new();
        before_bundling(&mut doc);
        normalize(&mut doc, Version::V3_2, &mut moves, &mut diags);
        (doc, moves.into_iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    #[test]
    fn definitions_move_to_the_components_and_references_follow() {
        let (doc, moves) = normalized(json!({"openapi": "3.1.0", "components": {"schemas": {
            "Pet": {"$defs": {"Tag": {"type": "string"}}, "type": "object",
                    "properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"}}}
        }}}));
        assert_eq!(doc.pointer("/components/schemas/Tag"), Some(&json!({"type": "string"})));
        assert_eq!(
            doc.pointer("/components/schemas/Pet/properties/tag/$ref"),
            Some(&json!("#/components/schemas/Tag"))
        );
        assert!(doc.pointer("/components/schemas/Pet/$defs").is_none());
        assert!(
            moves.contains(&("#/components/schemas/Tag".to_owned(), "#/components/schemas/Pet/$defs/Tag".to_owned()))
        );
        assert_eq!(doc["openapi"], "3.0.3");
        assert_eq!(doc["paths"], json!({}));
    }

    #[test]
    fn ids_anchors_and_self_become_pointers_and_files() {
        let mut doc = json!({"openapi": "3.2.0", "$self": "https://x.test/api/openapi.yaml", "components": {"schemas": {
            "A": {"$id": "https://x.test/schemas/a", "type": "string"},
            "B": {"$anchor": "bee", "type": "integer"},
            "C": {"properties": {
                "a": {"$ref": "https://x.test/schemas/a"},
                "b": {"$ref": "#bee"},
                "c": {"$ref": "https://x.test/api/other.yaml#/C"},
                "d": {"$ref": "https://x.test/api/openapi.yaml#/components/schemas/A"}
            }}
        }}});
        before_bundling(&mut doc);
        let refs: Vec<&str> = ["a", "b", "c", "d"]
            .iter()
            .filter_map(|p| doc.pointer(&format!("/components/schemas/C/properties/{p}/$ref")).and_then(Value::as_str))
            .collect();
        assert_eq!(
            refs,
            ["#/components/schemas/A", "#/components/schemas/B", "other.yaml#/C", "#/components/schemas/A"]
        );
    }

    #[test]
    fn webhooks_path_item_components_and_3_2_additions() {
        let (doc, _) = normalized(json!({"openapi": "3.2.0",
            "webhooks": {"newPet": {"$ref": "#/components/pathItems/NewPet"}},
            "paths": {"/pets": {
                "query": {"responses": {"200": {"content": {"application/jsonl": {"itemSchema": {"type": ["string", "null"]}}}}}},
                "additionalOperations": {"COPY": {"parameters": [{"in": "querystring", "content": {}}], "responses": {}}}
            }},
            "components": {"pathItems": {"NewPet": {"post": {"responses": {"200": {"description": "ok"}}}}}}
        }));
        assert_eq!(doc.pointer("/x-webhooks/newPet/post/responses/200/description"), Some(&json!("ok")));
        let query = doc.pointer("/paths/~1pets/x-oai-additionalOperations/QUERY").expect("query");
        assert_eq!(
            query.pointer("/responses/200/content/application~1jsonl/schema"),
            Some(&json!({"type": "array", "items": {"type": "string", "nullable": true}}))
        );
        assert_eq!(query.pointer("/responses/200/description"), Some(&json!("")));
        let copy = doc.pointer("/paths/~1pets/x-oai-additionalOperations/COPY/parameters/0").expect("copy");
        assert_eq!(copy, &json!({"in": "query", "x-querystring": true, "name": "querystring", "content": {}}));
    }
}

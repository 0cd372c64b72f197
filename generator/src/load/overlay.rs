//! OpenAPI Overlay 1.0.0: ordered `update` and `remove` actions at RFC 9535 JSONPath targets.
//!
//! An overlay is how a description is corrected without editing it: Microsoft's published
//! Graph description says `PATCH` where the service answers only `PUT`, and
//! `specs/graph-sync.overlay.yaml` says so in a few located actions. Overlays apply to the
//! raw document, before anything reads it, so every later stage sees the corrected text.
//!
//! Semantics (Overlay 1.0.0, section 4.4): actions apply in order, each to the document as
//! the previous ones left it. A target selects zero or more nodes. `update` on an object is
//! merged into it (new members added, primitives replaced, arrays concatenated, objects
//! merged recursively; any other pairing is an error); `update` on an array appends the
//! value. `remove: true` removes each selected node from its parent (any node, not only
//! objects and arrays: deleting one flag is a common fix). A target that selects nothing
//! changes nothing, as the specification says, and is reported as a warning with the
//! action's index and target, so a fix that no longer applies does not go unnoticed.
//!
//! JSONPath is `serde_json_path` (a complete RFC 9535 implementation with the
//! compliance suite in its tests); `roas-overlay` was compared and builds on the same
//! crate, but stops at the first error and applies zero-match actions silently.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use serde_json::{Map, Value};
use serde_json_path::{JsonPath, PathElement};

/// A parsed overlay document, ready to apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// Where it was read from, for messages (a path, or a name given by the caller).
    pub source: String,
    /// `info.title`.
    pub title: String,
    actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq)]
struct Action {
    target: String,
    path: JsonPath,
    change: Change,
}

#[derive(Debug, Clone, PartialEq)]
enum Change {
    Update(Value),
    Remove,
}

/// One step of a node's location: a member name or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

impl Overlay {
    /// Parses an overlay document (YAML or JSON). Every problem is reported at once, each
    /// located in `source` by JSON pointer.
    pub fn parse(text: &str, source: &str) -> Result<Overlay, Vec<Diagnostic>> {
        let mut diags = Diagnostics::for_file(source);
        let root = Pointer::root();
        let raw = match crate::load::parse_text(text) {
            Ok(raw) => raw,
            Err(message) => {
                diags.error(&root, message).hint("an overlay must be valid YAML or JSON");
                return Err(diags.into_items());
            }
        };
        crate::load::check_depth(&raw, &mut diags);
        diags.checkpoint()?;
        let mut diags = Diagnostics::for_file(source);
        let Some(object) = raw.as_object() else {
            diags.error(&root, "an overlay document is an object").hint("start it with `overlay: 1.0.0`");
            return Err(diags.into_items());
        };
        match object.get("overlay") {
            Some(Value::String(v)) if v.starts_with("1.0.") => {}
            Some(other) => {
                diags
                    .error(&root.join("overlay"), format!("unsupported overlay version {other}"))
                    .hint("this generator applies Overlay 1.0.x documents");
            }
            None => {
                diags.error(&root, "missing the `overlay` version field").hint("add `overlay: 1.0.0` at the top");
            }
        }
        let title = match object.get("info") {
            Some(Value::Object(info)) => {
                for field in ["title", "version"] {
                    if !info.get(field).is_some_and(Value::is_string) {
                        diags.error(&root.join("info"), format!("`info.{field}` must be a string"));
                    }
                }
                info.get("title").and_then(Value::as_str).unwrap_or_default().to_owned()
            }
            _ => {
                diags.error(&root, "missing the `info` object (`title` and `version`)");
                String::new()
            }
        };
        for key in object.keys() {
            if !matches!(key.as_str(), "overlay" | "info" | "extends" | "actions") && !key.starts_with("x-") {
                diags.error(&root.join(key), format!("`{key}` is not a field of an overlay document"));
            }
        }
        let mut actions = Vec::new();
        match object.get("actions") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(action) = parse_action(item, &root.join("actions").join(&i.to_string()), &mut diags) {
                        actions.push(action);
                    }
                }
            }
            _ => {
                diags.error(&root, "an overlay needs a non-empty `actions` list");
            }
        }
        diags.checkpoint()?;
        Ok(Overlay { source: source.to_owned(), title, actions })
    }

    /// Applies every action in order. Problems are located in the overlay (by action);
    /// the document is changed only by the actions that succeed.
    pub fn apply(&self, doc: &mut Value, diags: &mut Diagnostics) {
        let mut own = Diagnostics::for_file(&self.source);
        for (i, action) in self.actions.iter().enumerate() {
            let at = Pointer::root().join("actions").join(&i.to_string());
            let mut selected: Vec<Vec<Step>> = action
                .path
                .query_located(doc)
                .locations()
                .map(|location| {
                    location
                        .iter()
                        .map(|e| match e {
                            PathElement::Name(name) => Step::Name((*name).to_owned()),
                            PathElement::Index(index) => Step::Index(*index),
                        })
                        .collect()
                })
                .collect();
            if selected.is_empty() {
                own.warning(
                    &at.join("target"),
                    format!("action {i} (`{}`) selects nothing; it changes nothing", action.target),
                )
                .hint("the document may have changed since the overlay was written");
                continue;
            }
            match &action.change {
                Change::Update(value) => {
                    for steps in &selected {
                        let node = steps.iter().try_fold(&mut *doc, |node, step| child(node, step));
                        match node {
                            Some(node) => update(node, value, &at.join("update"), &mut own),
                            None => {
                                own.error(&at.join("target"), "internal error: a selected node vanished");
                            }
                        }
                    }
                }
                Change::Remove => {
                    // Later siblings first, so that earlier indices stay valid; a node inside
                    // another selected node is gone with it.
                    selected.sort();
                    for steps in selected.iter().rev() {
                        if steps.is_empty() {
                            own.error(&at.join("target"), "`remove` cannot remove the whole document");
                            continue;
                        }
                        remove(doc, steps);
                    }
                }
            }
        }
        diags.extend(own.into_items());
    }
}

fn parse_action(item: &Value, at: &Pointer, diags: &mut Diagnostics) -> Option<Action> {
    let Some(action) = item.as_object() else {
        diags.error(at, "an action is an object with `target` and `update` or `remove`");
        return None;
    };
    for key in action.keys() {
        if !matches!(key.as_str(), "target" | "description" | "update" | "remove") && !key.starts_with("x-") {
            diags.error(&at.join(key), format!("`{key}` is not a field of an overlay action"));
        }
    }
    let target = match action.get("target") {
        Some(Value::String(t)) => t.clone(),
        _ => {
            diags.error(at, "the action has no `target` (a JSONPath such as `$.paths['/jobs'].get`)");
            return None;
        }
    };
    let path = match JsonPath::parse(&target) {
        Ok(path) => path,
        Err(e) => {
            diags
                .error(&at.join("target"), format!("`{target}` is not an RFC 9535 JSONPath: {e}"))
                .hint("member names with `/`, `{` or `.` need brackets: $.paths['/a/{id}'].get");
            return None;
        }
    };
    let remove = match action.get("remove") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            diags.error(&at.join("remove"), "`remove` must be true or false");
            return None;
        }
    };
    let change = match (remove, action.get("update")) {
        (true, _) => Change::Remove,
        (false, Some(value)) => Change::Update(value.clone()),
        (false, None) => {
            diags.error(at, "the action does nothing: give it `update` or `remove: true`");
            return None;
        }
    };
    Some(Action { target, path, change })
}

fn child<'v>(node: &'v mut Value, step: &Step) -> Option<&'v mut Value> {
    match (node, step) {
        (Value::Object(map), Step::Name(name)) => map.get_mut(name),
        (Value::Array(items), Step::Index(i)) => items.get_mut(*i),
        _ => None,
    }
}

fn remove(doc: &mut Value, steps: &[Step]) {
    let Some((last, parent)) = steps.split_last() else { return };
    let Some(parent) = parent.iter().try_fold(doc, |node, step| child(node, step)) else { return };
    match (parent, last) {
        (Value::Object(map), Step::Name(name)) => {
            // `shift_remove` keeps the order of the other members (preserve_order).
            map.shift_remove(name);
        }
        (Value::Array(items), Step::Index(i)) if *i < items.len() => {
            items.remove(*i);
        }
        _ => {}
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Applies one `update` to one selected node: merge into an object, append to an array.
fn update(node: &mut Value, value: &Value, at: &Pointer, diags: &mut Diagnostics) {
    match (node, value) {
        (Value::Object(target), Value::Object(members)) => merge(target, members, at, diags),
        (Value::Array(items), value) => items.push(value.clone()),
        (Value::Object(_), other) => {
            diags.error(at, format!("the target is an object, so `update` must be an object, not {}", kind(other)));
        }
        (other, _) => {
            diags
                .error(at, format!("the target selects {}; `update` needs objects or arrays", kind(other)))
                .hint("to change a single value, select the object that holds it and update that member");
        }
    }
}

/// Merges `update` into `target`, one level at a time from an explicit list (the overlay's
/// nesting is bounded by the loader, but no walk here depends on that).
fn merge(target: &mut Map<String, Value>, update: &Map<String, Value>, at: &Pointer, diags: &mut Diagnostics) {
    // Each entry: the member names leading from `target` to an object, and what to merge into it.
    let mut pending: Vec<(Vec<&str>, &Map<String, Value>)> = vec![(Vec::new(), update)];
    while let Some((keys, update)) = pending.pop() {
        let level = keys.iter().try_fold(&mut *target, |map, key| map.get_mut(*key).and_then(Value::as_object_mut));
        let Some(level) = level else { continue };
        let here = keys.iter().fold(at.clone(), |pointer, key| pointer.join(key));
        for (key, new) in update {
            match (level.get_mut(key), new) {
                (None, new) => {
                    level.insert(key.clone(), new.clone());
                }
                (Some(Value::Object(_)), Value::Object(inner)) => {
                    let mut deeper = keys.clone();
                    deeper.push(key);
                    pending.push((deeper, inner));
                }
                (Some(Value::Array(items)), Value::Array(more)) => items.extend(more.iter().cloned()),
                (Some(old), new) if !old.is_object() && !old.is_array() && !new.is_object() && !new.is_array() => {
                    *old = new.clone();
                }
                (Some(old), new) => {
                    diags
                        .error(&here.join(key), format!("cannot merge {} into {}", kind(new), kind(old)))
                        .hint("remove the member in an earlier action, then add it with `update`");
                }
            }
        }
    }
}

/// Applies overlays in order to a raw document; stops the run on any error.
pub fn apply_all(doc: &mut Value, overlays: &[Overlay]) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut diags = Diagnostics::new();
    for overlay in overlays {
        overlay.apply(doc, &mut diags);
    }
    diags.checkpoint()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn apply(overlay: &str, doc: Value) -> (Value, Vec<String>) {
        let overlay = Overlay::parse(overlay, "fix.yaml").unwrap_or_else(|e| panic!("{e:?}"));
        let mut doc = doc;
        let mut diags = Diagnostics::new();
        overlay.apply(&mut doc, &mut diags);
        (doc, diags.into_items().iter().map(|d| d.report("spec.yaml")).collect())
    }

    const HEAD: &str = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn updates_merge_in_order_and_removes_take_nodes_out() {
        let doc = json!({"paths": {"/a/{id}": {"patch": {"operationId": "x", "tags": ["t"]}, "get": {}}}});
        let overlay = format!(
            "{HEAD}actions:\n\
             - target: $.paths['/a/{{id}}']\n  update: {{put: {{operationId: y}}}}\n\
             - target: $.paths['/a/{{id}}'].patch\n  remove: true\n\
             - target: $.paths['/a/{{id}}'].put\n  update: {{operationId: z, tags: [u], deprecated: false}}\n\
             - target: $.paths['/a/{{id}}'].put.tags\n  update: v\n"
        );
        let (doc, diags) = apply(&overlay, doc);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            doc,
            json!({"paths": {"/a/{id}": {"get": {}, "put": {"operationId": "z", "tags": ["u", "v"], "deprecated": false}}}})
        );
    }

    #[test]
    fn removing_several_array_items_removes_the_right_ones() {
        let overlay = format!("{HEAD}actions:\n- target: $.xs[?@ > 1]\n  remove: true\n");
        let (doc, diags) = apply(&overlay, json!({"xs": [1, 2, 3, 1, 4]}));
        assert!(diags.is_empty());
        assert_eq!(doc, json!({"xs": [1, 1]}));
    }

    #[test]
    fn an_action_that_selects_nothing_is_reported_with_its_index_and_target() {
        let overlay =
            format!("{HEAD}actions:\n- target: $.info\n  update: {{x: 1}}\n- target: $.nope\n  remove: true\n");
        let (doc, diags) = apply(&overlay, json!({"info": {}}));
        assert_eq!(doc, json!({"info": {"x": 1}}));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].starts_with("fix.yaml: warning: #/actions/1/target: action 1 (`$.nope`) selects nothing"));
    }

    #[test]
    fn incompatible_updates_are_located_errors() {
        let overlay =
            format!("{HEAD}actions:\n- target: $.a\n  update: {{b: {{c: 1}}, d: [1]}}\n- target: $.a.b\n  update: 3\n");
        let (_, diags) = apply(&overlay, json!({"a": {"b": "text", "d": 2}}));
        assert_eq!(
            diags,
            [
                "fix.yaml: error: #/actions/0/update/b: cannot merge an object into a string\n  hint: remove the member in an earlier action, then add it with `update`",
                "fix.yaml: error: #/actions/0/update/d: cannot merge an array into a number\n  hint: remove the member in an earlier action, then add it with `update`",
                "fix.yaml: error: #/actions/1/update: the target selects a string; `update` needs objects or arrays\n  hint: to change a single value, select the object that holds it and update that member",
            ]
        );
    }

    #[test]
    fn nested_objects_merge_deeply() {
        let overlay = format!("{HEAD}actions:\n- target: $\n  update: {{a: {{b: {{c: 2, e: 5}}}}}}\n");
        let (doc, diags) = apply(&overlay, json!({"a": {"b": {"c": 1, "d": 4}, "x": 0}}));
        assert!(diags.is_empty());
        assert_eq!(doc, json!({"a": {"b": {"c": 2, "d": 4, "e": 5}, "x": 0}}));
    }

    #[test]
    fn broken_overlays_report_every_problem() {
        let text = "overlay: 2.0.0\ninfo: {title: t}\nextra: 1\nactions:\n- target: paths\n  update: {}\n- target: $.a\n- {target: $.b, remove: yes please}\n";
        let errors: Vec<String> =
            Overlay::parse(text, "bad.yaml").unwrap_err().iter().map(|d| d.report("spec.yaml")).collect();
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(errors[0].starts_with("bad.yaml: error: #/overlay: unsupported overlay version"));
        assert!(errors.iter().any(|e| e.contains("#/info: `info.version` must be a string")));
        assert!(errors.iter().any(|e| e.contains("#/extra: `extra` is not a field")));
        assert!(errors.iter().any(|e| e.contains("#/actions/0/target: `paths` is not an RFC 9535 JSONPath")));
        assert!(errors.iter().any(|e| e.contains("#/actions/1: the action does nothing")));
        assert!(errors.iter().any(|e| e.contains("#/actions/2/remove: `remove` must be true or false")));
    }
}

//! Several descriptions as one: the modules of a large API (Microsoft Graph publishes
//! v1.0 as 38 of them, sharing their `microsoft.graph.*` schemas) generate one crate,
//! each shared definition once, each module's operations behind a cargo feature of its
//! own.
//!
//! The rules, in module order (the order the files are given, a directory's in name order):
//!
//! - **Operations** are the union. Each is marked with its module's feature
//!   ([`FEATURE_EXTENSION`]), which lowering reads. The same method on the same path in two
//!   modules is one operation when the two are equal; when they differ the first module's
//!   is kept and the other reported with both places.
//! - **Components** (schemas, responses, parameters, …) with one name are one component
//!   when equal. When they differ, both places are reported and the one that holds the
//!   other wins (every member of the other is in it, with the same value: nothing is
//!   lost); when neither holds the other, the first module's is kept.
//! - `info`, `servers` and `security` come from the first module; other servers are
//!   reported (every operation uses one base URL). Tags are the union. The title is the
//!   modules' when they share one, `Microsoft Graph` for Graph's, else the modules'
//!   titles in a list.
//!
//! Every diagnostic names the module file and the place in it.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::load::bundle::{Bundled, Origins};
use crate::names::{sanitize, Case, Scope};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The extension that carries an operation's cargo feature into lowering.
pub const FEATURE_EXTENSION: &str = "x-rust-feature";

/// The extension at the merged document's root that lists every module's feature, in
/// module order (a module without operations still gets its feature).
pub const FEATURES_EXTENSION: &str = "x-rust-features";

/// Feature names a module may not take: the runtime's own, and the one that enables all.
const RESERVED_FEATURES: &[&str] = &["default", "client", "azure-identity", "azure_identity", "full"];

/// Whether a feature name is one the generated crate has already.
pub fn is_reserved_feature(name: &str) -> bool {
    RESERVED_FEATURES.contains(&name)
}

/// One description among several: its file, its bundled document, its feature.
#[derive(Debug, Clone)]
pub struct Module {
    /// The file it was read from.
    pub file: PathBuf,
    /// Its feature (the file's stem in snake case: `Users.Actions.yml` → `users_actions`).
    pub feature: String,
    /// The document, bundled.
    pub bundled: Bundled,
}

/// The feature of each file: its stem in snake case, numbered when two meet or when the
/// name is one the crate has already.
pub fn features_of(files: &[PathBuf]) -> Vec<String> {
    let mut scope = Scope::new();
    for reserved in RESERVED_FEATURES {
        scope.reserve(reserved);
    }
    files
        .iter()
        .map(|f| {
            let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let name = sanitize(&stem, Case::Snake);
            // Raw-identifier escapes (`type_`) mean nothing to cargo; keep the word.
            scope.claim(&[name.trim_end_matches('_').to_owned()], Case::Snake)
        })
        .collect()
}

/// The description files a path names: the file itself, or every `.yaml`, `.yml` and
/// `.json` file directly in a directory, in name order.
pub fn files_in(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| format!("cannot read the directory {}: {e}", path.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| matches!(e.to_str(), Some("yaml" | "yml" | "json"))))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{} holds no .yaml, .yml or .json file", path.display()));
    }
    Ok(files)
}

/// Merges the modules into one bundled document, with the warnings about what differed.
pub fn merge(modules: Vec<Module>) -> (Bundled, Vec<Diagnostic>) {
    let mut merger = Merger::default();
    let features: Vec<Value> = modules.iter().map(|m| Value::String(m.feature.clone())).collect();
    let titles: Vec<String> = modules
        .iter()
        .filter_map(|m| m.bundled.doc.pointer("/info/title").and_then(Value::as_str).map(str::to_owned))
        .collect();
    for module in modules {
        merger.add(module);
    }
    let Merger { mut doc, files, origins, diags, .. } = merger;
    let graph = doc
        .get("servers")
        .and_then(|s| s.pointer("/0/url"))
        .and_then(Value::as_str)
        .is_some_and(crate::runtime::is_microsoft_graph);
    let title = match titles.as_slice() {
        [first, rest @ ..] if rest.iter().all(|t| t == first) => None,
        _ if graph => Some("Microsoft Graph".to_owned()),
        [a, b, c, d, rest @ ..] if !rest.is_empty() => Some(format!("{a}, {b}, {c}, {d} and {} more", rest.len())),
        all => Some(all.join(", ")),
    };
    if let (Some(title), Some(Value::Object(info))) = (title, doc.get_mut("info")) {
        info.insert("title".to_owned(), Value::String(title));
    }
    doc.insert(FEATURES_EXTENSION.to_owned(), Value::Array(features));
    (Bundled { doc: Value::Object(doc), files, origins, warnings: Vec::new() }, diags)
}

#[derive(Default)]
struct Merger {
    doc: Map<String, Value>,
    files: Vec<PathBuf>,
    origins: Origins,
    diags: Vec<Diagnostic>,
    /// Where each kept path item and component came from: (pointer, file).
    kept: std::collections::BTreeMap<String, String>,
}

impl Merger {
    fn add(&mut self, module: Module) {
        let Module { file, feature, bundled } = module;
        let name = file.display().to_string();
        let Bundled { doc, files, origins, warnings } = bundled;
        self.diags.extend(warnings.into_iter().map(|mut d| {
            d.file.get_or_insert_with(|| name.clone());
            d
        }));
        self.files.extend(files);
        self.origins.extend(origins);
        let Value::Object(mut doc) = doc else { return };
        let first = self.doc.is_empty();
        let paths = doc.remove("paths");
        let components = doc.remove("components");
        let tags = doc.remove("tags");
        let webhooks = doc.remove(crate::extensions::WEBHOOKS);
        if first {
            for key in ["openapi", "info", "servers", "security", "externalDocs"] {
                if let Some(value) = doc.remove(key) {
                    self.doc.insert(key.to_owned(), value);
                }
            }
            self.doc.insert("paths".to_owned(), Value::Object(Map::new()));
        } else if doc.get("servers") != self.doc.get("servers") {
            let mut diags = Diagnostics::for_file(name.clone());
            diags.warning(
                &Pointer::root().join("servers"),
                "this module names other servers than the first module; every operation uses the first's",
            );
            self.diags.extend(diags.into_items());
        }
        if let Some(Value::Object(paths)) = paths {
            for (path, item) in paths {
                self.add_path(&name, &feature, path, item);
            }
        }
        if let Some(Value::Object(components)) = components {
            for (section, entries) in components {
                let Value::Object(entries) = entries else { continue };
                for (key, value) in entries {
                    self.add_component(&name, &section, key, value);
                }
            }
        }
        // Webhooks (in the one model) by name: the first module's definition is kept.
        if let Some(Value::Object(webhooks)) = webhooks {
            let merged = self.doc.entry(crate::extensions::WEBHOOKS).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(merged) = merged {
                for (name, item) in webhooks {
                    merged.entry(name).or_insert(item);
                }
            }
        }
        if let Some(Value::Array(tags)) = tags {
            let merged = self.doc.entry("tags").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(merged) = merged {
                for tag in tags {
                    let named = |t: &Value| t.get("name").cloned();
                    if !merged.iter().any(|t| named(t) == named(&tag)) {
                        merged.push(tag);
                    }
                }
            }
        }
    }

    fn note_origin(&mut self, pointer: &Pointer, file: &str) {
        self.origins.add(pointer.as_str(), file, pointer.as_str());
        self.kept.insert(pointer.as_str().to_owned(), file.to_owned());
    }

    fn conflict(&mut self, file: &str, at: &Pointer, message: String) {
        let mut diags = Diagnostics::for_file(file.to_owned());
        diags.warning(at, message);
        self.diags.extend(diags.into_items());
    }

    fn add_path(&mut self, file: &str, feature: &str, path: String, item: Value) {
        let at = Pointer::root().join("paths").join(&path);
        let Value::Object(mut item) = item else { return };
        let Some(Value::Object(paths)) = self.doc.get_mut("paths") else { return };
        let Some(Value::Object(existing)) = paths.get_mut(&path) else {
            for method in crate::ir::Method::ALL {
                if let Some(Value::Object(op)) = item.get_mut(method.key()) {
                    op.insert(FEATURE_EXTENSION.to_owned(), Value::String(feature.to_owned()));
                }
            }
            // Operations of other methods (in the one model) belong to the module too.
            if let Some(Value::Object(more)) = item.get_mut(crate::extensions::ADDITIONAL_OPERATIONS) {
                for op in more.values_mut().filter_map(Value::as_object_mut) {
                    op.insert(FEATURE_EXTENSION.to_owned(), Value::String(feature.to_owned()));
                }
            }
            paths.insert(path, Value::Object(item));
            self.note_origin(&at, file);
            return;
        };
        // The path is in an earlier module too: add the methods it lacks.
        let mut differing = Vec::new();
        for (key, value) in item {
            match existing.get(&key) {
                None => {
                    let mut value = value;
                    if let (true, Value::Object(op)) = (crate::ir::Method::is_key(&key), &mut value) {
                        op.insert(FEATURE_EXTENSION.to_owned(), Value::String(feature.to_owned()));
                    }
                    existing.insert(key.clone(), value);
                    let at = at.join(&key);
                    self.origins.add(at.as_str(), file, at.as_str());
                }
                Some(kept) if without_feature(kept) == value => {}
                Some(_) => differing.push(key),
            }
        }
        let earlier = self.kept.get(at.as_str()).cloned().unwrap_or_default();
        for key in differing {
            self.conflict(
                file,
                &at.join(&key),
                format!("`{key}` of this path differs from its definition in {earlier}; that one is kept"),
            );
        }
    }

    fn add_component(&mut self, file: &str, section: &str, key: String, value: Value) {
        let at = Pointer::root().join("components").join(section).join(&key);
        let components = self.doc.entry("components").or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(components) = components else { return };
        let entries = components.entry(section.to_owned()).or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(entries) = entries else { return };
        match entries.get_mut(&key) {
            None => {
                entries.insert(key, value);
                self.note_origin(&at, file);
            }
            Some(kept) if *kept == value => {}
            Some(kept) => {
                let earlier = self.kept.get(at.as_str()).cloned().unwrap_or_default();
                if holds(&value, kept) {
                    *kept = value;
                    self.conflict(
                        file,
                        &at,
                        format!(
                            "differs from its definition in {earlier}; this one holds everything that one does, and is kept"
                        ),
                    );
                    self.note_origin(&at, file);
                } else {
                    let which = if holds(kept, &value) {
                        "that one holds everything this one does, and is kept"
                    } else {
                        "neither holds the other; the first module's is kept"
                    };
                    self.conflict(file, &at, format!("differs from its definition in {earlier}; {which}"));
                }
            }
        }
    }
}

/// A path item member without the feature mark merging added (to compare it with another
/// module's).
fn without_feature(value: &Value) -> Value {
    let mut value = value.clone();
    if let Value::Object(op) = &mut value {
        op.remove(FEATURE_EXTENSION);
    }
    value
}

/// Whether `big` holds everything `small` does: every member of an object (recursively),
/// the same value otherwise. Bounded by the documents' nesting, which loading limits.
fn holds(big: &Value, small: &Value) -> bool {
    // An explicit stack: the documents decide how deep this goes.
    let mut pending = vec![(big, small)];
    while let Some((big, small)) = pending.pop() {
        match (big, small) {
            (Value::Object(b), Value::Object(s)) => {
                for (key, value) in s {
                    match b.get(key) {
                        Some(inner) => pending.push((inner, value)),
                        None => return false,
                    }
                }
            }
            (b, s) if b == s => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn module(name: &str, doc: Value) -> Module {
        Module {
            file: PathBuf::from(format!("{name}.yml")),
            feature: features_of(&[PathBuf::from(format!("{name}.yml"))]).remove(0),
            bundled: Bundled {
                doc,
                files: vec![PathBuf::from(format!("{name}.yml"))],
                origins: Origins::default(),
                warnings: Vec::new(),
            },
        }
    }

    #[test]
    fn features_are_snake_case_stems_and_never_the_crates_own() {
        let files: Vec<PathBuf> =
            ["Users.Actions.yml", "Identity.Governance.yml", "client.yaml", "full.json", "a/Users.Actions.json"]
                .iter()
                .map(PathBuf::from)
                .collect();
        assert_eq!(
            features_of(&files),
            ["users_actions", "identity_governance", "client_2", "full_2", "users_actions_2"]
        );
    }

    #[test]
    fn modules_merge_with_each_definition_once_and_each_operation_marked() {
        let user = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let a = json!({"openapi": "3.0.1", "info": {"title": "A", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": {"user": user.clone(), "onlyA": {"type": "string"}}}});
        let b = json!({"openapi": "3.0.1", "info": {"title": "B", "version": "1"},
            "paths": {"/b": {"post": {"responses": {"204": {"description": "ok"}}}}},
            "components": {"schemas": {"user": user}}});
        let (merged, warnings) = merge(vec![module("A", a), module("B", b)]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(merged.doc["info"]["title"], "A, B");
        assert_eq!(merged.doc["paths"]["/a"]["get"][FEATURE_EXTENSION], "a");
        assert_eq!(merged.doc["paths"]["/b"]["post"][FEATURE_EXTENSION], "b");
        assert_eq!(merged.doc["components"]["schemas"].as_object().map(Map::len), Some(2));
    }

    #[test]
    fn differing_definitions_are_reported_with_both_places_and_the_fuller_one_kept() {
        let small = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let big = json!({"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}});
        let other = json!({"type": "object", "properties": {"id": {"type": "integer"}}});
        let doc = |schema: &Value| {
            json!({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"user": schema}}})
        };
        let (merged, warnings) =
            merge(vec![module("A", doc(&small)), module("B", doc(&big)), module("C", doc(&other))]);
        assert_eq!(merged.doc["components"]["schemas"]["user"], big);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[0].file.as_deref(), Some("B.yml"));
        assert_eq!(warnings[0].pointer, "#/components/schemas/user");
        assert!(warnings[0].message.contains("in A.yml") && warnings[0].message.contains("is kept"), "{}", warnings[0]);
        assert_eq!(warnings[1].file.as_deref(), Some("C.yml"));
        assert!(warnings[1].message.contains("in B.yml") && warnings[1].message.contains("neither"), "{}", warnings[1]);
    }

    #[test]
    fn one_path_in_two_modules_keeps_both_methods_and_reports_a_differing_one() {
        let ok = |d: &str| json!({"responses": {"200": {"description": d}}});
        let a = json!({"openapi": "3.0.1", "info": {"title": "A", "version": "1"}, "paths": {"/x": {"get": ok("a")}}});
        let b = json!({"openapi": "3.0.1", "info": {"title": "B", "version": "1"},
            "paths": {"/x": {"get": ok("b"), "delete": ok("b")}}});
        let (merged, warnings) = merge(vec![module("A", a), module("B", b)]);
        assert_eq!(merged.doc["paths"]["/x"]["get"]["responses"]["200"]["description"], "a");
        assert_eq!(merged.doc["paths"]["/x"]["delete"][FEATURE_EXTENSION], "b");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "#/paths/~1x/get");
    }
}

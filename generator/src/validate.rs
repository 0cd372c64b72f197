//! Stage 2: find every problem that would make lowering guess or emitted code fail.

use crate::diag::{Diagnostics, Pointer};
use crate::load::path_parameters::template_names;
use crate::load::Document;
use crate::resolve::{lookup, path_params_of};
use serde_json::Value;

/// Checks the whole document and records every problem found: [`check_references`] on
/// the raw tree, then [`check_paths`] on the typed view.
pub fn validate(doc: &Document, diags: &mut Diagnostics) {
    check_references(&doc.raw, diags);
    check_paths(&doc.spec, diags);
}

/// Every `$ref` must be local and resolve, and a chain of references must end somewhere.
/// Data (examples, defaults, enums, extensions) is never taken for a reference.
pub fn check_references(raw: &Value, diags: &mut Diagnostics) {
    let mut cycles: Vec<Vec<String>> = Vec::new();
    for (at, target) in crate::walk::references(raw, crate::walk::Node::Structured, &Pointer::root()) {
        check_reference(raw, &target, &at, &mut cycles, diags);
    }
}

fn check_reference(raw: &Value, target: &str, at: &Pointer, cycles: &mut Vec<Vec<String>>, diags: &mut Diagnostics) {
    if !target.starts_with("#/") {
        diags
            .error(at, format!("external reference `{target}` is not supported"))
            .hint("bundle the document into one file first (for example with `redocly bundle`)");
        return;
    }
    let mut seen = vec![target.to_owned()];
    let mut current = target.to_owned();
    loop {
        let Some(node) = lookup(raw, &current) else {
            let message = if current == target {
                format!("reference `{target}` points at nothing")
            } else {
                format!("reference `{target}` leads through `{current}`, which points at nothing")
            };
            diags.error(at, message).hint("check the spelling of the component name and its section");
            return;
        };
        match node.get("$ref").and_then(Value::as_str) {
            Some(next) if is_pure_ref(node) => {
                if let Some(start) = seen.iter().position(|s| s == next) {
                    // One report per cycle, however many of its members are referenced.
                    let mut members: Vec<String> = seen.get(start..).unwrap_or_default().to_vec();
                    members.sort();
                    if cycles.contains(&members) {
                        return;
                    }
                    cycles.push(members);
                    seen.push(next.to_owned());
                    diags.error(at, format!("reference cycle: {}", seen.join(" -> "))).hint(
                        "a chain of references must end in a definition; replace one link with the schema itself",
                    );
                    return;
                }
                if !next.starts_with("#/") {
                    // Reported where that reference is written.
                    return;
                }
                seen.push(next.to_owned());
                current = next.to_owned();
                if seen.len() > 64 {
                    diags.error(at, format!("reference chain from `{target}` is longer than 64 links"));
                    return;
                }
            }
            _ => return,
        }
    }
}

/// A node that is nothing but a reference (siblings of `$ref` are ignored in OpenAPI 3.0,
/// except documentation).
fn is_pure_ref(node: &Value) -> bool {
    node.as_object()
        .is_some_and(|m| m.keys().all(|k| matches!(k.as_str(), "$ref" | "description" | "summary" | "title")))
}

/// Path templates and path parameters must match, both ways.
/// Every path template's parameters are defined, and every path parameter is in its template.
pub fn check_paths(spec: &openapiv3::OpenAPI, diags: &mut Diagnostics) {
    let paths = Pointer::root().join("paths");
    for (path, item) in &spec.paths.paths {
        let at = paths.join(path);
        let openapiv3::ReferenceOr::Item(item) = item else {
            diags.error(&at, "a `$ref` for a whole path item is not supported").hint("inline the path item");
            continue;
        };
        let template = match template_names(path) {
            Ok(names) => names,
            Err(message) => {
                diags.error(&at, message);
                continue;
            }
        };
        for (method, op) in item.iter() {
            let op_at = at.join(method);
            let defined = path_params_of(spec, item, op);
            for name in &template {
                if !defined.iter().any(|d| d == name) {
                    diags.error(&op_at, format!("path template parameter `{{{name}}}` has no definition")).hint(
                        format!("add a parameter with `name: {name}` and `in: path` to the operation or its path item"),
                    );
                }
            }
            for name in &defined {
                if !template.iter().any(|t| t == name) {
                    diags
                        .error(
                            &op_at.join("parameters"),
                            format!("path parameter `{name}` does not appear in the path `{path}`"),
                        )
                        .hint(format!("add `{{{name}}}` to the path, or make the parameter a query parameter"));
                }
            }
        }
    }
}

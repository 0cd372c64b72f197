//! Path parameters as the path template says them, read liberally: a template parameter the
//! operation does not declare is a required string (as other tools read it: a path
//! parameter is a string unless said otherwise), and a declared path parameter the template
//! does not have is dropped. Each is a liberal reading ([`Diagnostics::liberal`]).

use crate::diag::{Diagnostics, Pointer};
use serde_json::{json, Map, Value};

/// The parameter names of a path template, in order.
pub fn template_names(path: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some((before, after)) = rest.split_once('{') {
        if before.contains('}') {
            return Err(format!("unmatched `}}` in path `{path}`"));
        }
        let Some((name, tail)) = after.split_once('}') else {
            return Err(format!("unclosed `{{` in path `{path}`"));
        };
        if name.is_empty() || name.contains('{') {
            return Err(format!("malformed parameter in path `{path}`"));
        }
        if names.iter().any(|n| n == name) {
            return Err(format!("parameter `{name}` appears twice in path `{path}`"));
        }
        names.push(name.to_owned());
        rest = tail;
    }
    if rest.contains('}') {
        return Err(format!("unmatched `}}` in path `{path}`"));
    }
    Ok(names)
}

/// Declares the template's parameters an operation of `item` lacks and drops the declared
/// path parameters the template lacks, in the raw path item `item` at `at`. References to
/// parameters are followed into `components` of `parameters` (name and place).
pub fn repair(path: &str, item: &mut Value, at: &Pointer, components: &Map<String, Value>, diags: &mut Diagnostics) {
    let Ok(template) = template_names(path) else { return };
    let Some(item) = item.as_object_mut() else { return };
    let name_of = |p: &Value| -> Option<String> {
        let p = match p.get("$ref").and_then(Value::as_str) {
            Some(r) => components.get(r.strip_prefix("#/components/parameters/")?)?,
            None => p,
        };
        (p.get("in").and_then(Value::as_str) == Some("path")).then(|| p.get("name")?.as_str().map(str::to_owned))?
    };
    // The path item's own path parameters: dropped there when the template lacks them.
    let mut shared = Vec::new();
    if let Some(Value::Array(list)) = item.get_mut("parameters") {
        drop_missing(list, &template, &name_of, &at.join("parameters"), diags);
        shared = list.iter().filter_map(&name_of).collect();
    }
    for method in crate::ir::Method::ALL.map(crate::ir::Method::key) {
        let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else { continue };
        let op_at = at.join(method);
        let list = op.entry("parameters").or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(list) = list else { continue };
        drop_missing(list, &template, &name_of, &op_at.join("parameters"), diags);
        let declared: Vec<String> = list.iter().filter_map(&name_of).chain(shared.iter().cloned()).collect();
        for name in template.iter().filter(|t| !declared.contains(t)) {
            diags
                .liberal(
                    &op_at,
                    format!("path template parameter `{{{name}}}` has no definition; read as a required string"),
                )
                .hint(format!("add a parameter with `name: {name}` and `in: path` to the operation or its path item"));
            list.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
        }
        if list.is_empty() {
            op.remove("parameters");
        }
    }
}

/// Drops the path parameters of `list` whose names the template lacks.
fn drop_missing(
    list: &mut Vec<Value>,
    template: &[String],
    name_of: &dyn Fn(&Value) -> Option<String>,
    at: &Pointer,
    diags: &mut Diagnostics,
) {
    let mut i = 0;
    list.retain(|p| {
        let keep = match name_of(p) {
            Some(name) if !template.contains(&name) => {
                diags
                    .liberal(
                        &at.join(&i.to_string()),
                        format!("path parameter `{name}` does not appear in the path; dropped"),
                    )
                    .hint(format!("add `{{{name}}}` to the path, or make the parameter a query parameter"));
                false
            }
            _ => true,
        };
        i += 1;
        keep
    });
}

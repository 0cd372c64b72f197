//! Looking things up in a document: JSON pointers and `$ref`s to components.

use openapiv3::{OpenAPI, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};
use serde_json::Value;

/// How many links a chain of references may have before we call it a cycle.
const MAX_CHAIN: usize = 64;

/// The node a local reference (`#/a/b~1c`) points at, if any.
pub fn lookup<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let path = reference.strip_prefix('#')?;
    if path.is_empty() {
        return Some(root);
    }
    let path = path.strip_prefix('/')?;
    let mut node = root;
    for raw in path.split('/') {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let segment = percent_decode(&segment);
        node = match node {
            Value::Object(map) => map.get(&segment)?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Decodes `%XX` escapes, which URI fragments may use in references.
pub(crate) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes.get(i), hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (Some(b'%'), Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The last segment of a component reference: `#/components/schemas/x.y` → `x.y`.
pub fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

macro_rules! component_resolver {
    ($fn_name:ident, $ty:ty, $section:literal, $field:ident) => {
        /// Follows references into this component section until a definition.
        pub fn $fn_name<'a>(spec: &'a OpenAPI, item: &'a ReferenceOr<$ty>) -> Option<&'a $ty> {
            let mut current = item;
            for _ in 0..MAX_CHAIN {
                match current {
                    ReferenceOr::Item(value) => return Some(value),
                    ReferenceOr::Reference { reference } => {
                        let name = reference.strip_prefix(concat!("#/components/", $section, "/"))?;
                        current = spec.components.as_ref()?.$field.get(name)?;
                    }
                }
            }
            None
        }
    };
}

component_resolver!(parameter, Parameter, "parameters", parameters);
component_resolver!(request_body, RequestBody, "requestBodies", request_bodies);
component_resolver!(response, Response, "responses", responses);
component_resolver!(schema, Schema, "schemas", schemas);

/// The component schema a `#/components/schemas/…` reference names, following alias chains.
pub fn schema_by_ref<'a>(spec: &'a OpenAPI, reference: &str) -> Option<&'a Schema> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    schema(spec, spec.components.as_ref()?.schemas.get(name)?)
}

/// The parameters of an operation: the path item's, overridden by the operation's
/// (same name and location), resolved. Unresolvable ones are skipped (validation reports them).
pub fn parameters<'a>(spec: &'a OpenAPI, item: &'a PathItem, op: &'a openapiv3::Operation) -> Vec<&'a Parameter> {
    let mut out: Vec<&Parameter> = Vec::new();
    for p in item.parameters.iter().chain(op.parameters.iter()) {
        let Some(p) = parameter(spec, p) else { continue };
        let data = p.parameter_data_ref();
        out.retain(|q| {
            let qd = q.parameter_data_ref();
            !(qd.name == data.name && std::mem::discriminant(*q) == std::mem::discriminant(p))
        });
        out.push(p);
    }
    out
}

/// The names of the path parameters an operation defines.
pub fn path_params_of(spec: &OpenAPI, item: &PathItem, op: &openapiv3::Operation) -> Vec<String> {
    parameters(spec, item, op)
        .into_iter()
        .filter(|p| matches!(p, Parameter::Path { .. }))
        .map(|p| p.parameter_data_ref().name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_unescape() {
        let doc = serde_json::json!({"paths": {"/a/{b}": {"get": 1}}, "x": [10, 20]});
        assert_eq!(lookup(&doc, "#/paths/~1a~1{b}/get"), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&doc, "#/paths/~1a~1%7Bb%7D/get"), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&doc, "#/x/1"), Some(&serde_json::json!(20)));
        assert_eq!(lookup(&doc, "#/x/9"), None);
        assert_eq!(lookup(&doc, "other.yaml#/x"), None);
    }
}

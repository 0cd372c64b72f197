//! Stage 1: text to a parsed document, with precise errors for broken input.

use crate::diag::{Diagnostic, Diagnostics, Pointer};

/// A parsed document: the raw JSON tree (for references and slicing) and the typed view.
#[derive(Debug)]
pub struct Document {
    /// The document as plain JSON values, exactly as written.
    pub raw: serde_json::Value,
    /// The typed OpenAPI 3.0 view.
    pub spec: openapiv3::OpenAPI,
}

/// Parses YAML or JSON text (JSON is tried first when the text looks like JSON, for
/// better messages) and checks that it is an OpenAPI 3.0 document.
pub fn load(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let mut diags = Diagnostics::new();
    let raw = match parse_tree(text) {
        Ok(raw) => raw,
        Err(message) => {
            diags.error(&Pointer::root(), message).hint("the file must be valid YAML or JSON");
            return Err(diags.checkpoint().err().unwrap_or_default());
        }
    };
    check_version(&raw, &mut diags);
    diags.checkpoint()?;
    let mut diags = Diagnostics::new();
    let spec = match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&raw) {
        Ok(spec) => spec,
        Err(e) => {
            let pointer = path_to_pointer(e.path());
            let message = format!("not a valid OpenAPI 3.0 document: {}", e.inner());
            diags.error(&pointer, message);
            return Err(diags.checkpoint().err().unwrap_or_default());
        }
    };
    Ok(Document { raw, spec })
}

fn parse_tree(text: &str) -> Result<serde_json::Value, String> {
    let looks_like_json = text.trim_start().starts_with('{');
    if looks_like_json {
        return serde_json::from_str(text)
            .map_err(|e| format!("invalid JSON at line {} column {}: {e}", e.line(), e.column()));
    }
    serde_yaml::from_str::<serde_json::Value>(text).map_err(|e| match e.location() {
        Some(at) => format!("invalid YAML at line {} column {}: {e}", at.line(), at.column()),
        None => format!("invalid YAML: {e}"),
    })
}

fn check_version(raw: &serde_json::Value, diags: &mut Diagnostics) {
    let Some(object) = raw.as_object() else {
        diags
            .error(&Pointer::root(), "the document is not an object")
            .hint("an OpenAPI document starts with `openapi: 3.0.x`");
        return;
    };
    if object.contains_key("swagger") {
        diags
            .error(&Pointer::root().join("swagger"), "Swagger 2.0 documents are not supported")
            .hint("convert it to OpenAPI 3.0 first (for example with swagger2openapi)");
        return;
    }
    match object.get("openapi") {
        Some(serde_json::Value::String(v)) if v.starts_with("3.0") => {}
        Some(serde_json::Value::String(v)) if v.starts_with("3.1") => {
            diags
                .error(&Pointer::root().join("openapi"), format!("OpenAPI {v} is not supported; this generator reads OpenAPI 3.0.x"))
                .hint("3.1 changed how schemas are written (type arrays, JSON Schema 2020-12); downgrade the document to 3.0.3");
        }
        Some(other) => {
            diags
                .error(&Pointer::root().join("openapi"), format!("unsupported OpenAPI version {other}"))
                .hint("this generator reads OpenAPI 3.0.x documents");
        }
        None => {
            diags
                .error(&Pointer::root(), "missing the `openapi` version field")
                .hint("add `openapi: 3.0.3` at the top");
        }
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> Pointer {
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.join(&index.to_string()),
            serde_path_to_error::Segment::Map { key } => pointer.join(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.join(variant),
            serde_path_to_error::Segment::Unknown => pointer,
        };
    }
    pointer
}

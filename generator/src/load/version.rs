//! The versions of the format the generator reads: one table, and the front door that
//! tells which one a document is written in.
//!
//! Only loading asks: each version has a reader that turns the document into the one
//! model the later stages read ([`super::normalize`]), so nothing after loading knows
//! which version a document was.

use crate::diag::{Diagnostics, Pointer};
use serde_json::Value;

/// A version of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    /// Swagger 2.0 (`swagger: "2.0"`).
    Swagger2,
    /// OpenAPI 3.0.x: the model the later stages read.
    V3_0,
    /// OpenAPI 3.1.x: schemas are JSON Schema 2020-12; webhooks; `paths` optional.
    V3_1,
    /// OpenAPI 3.2.x: 3.1 plus the `query` method, `additionalOperations`, sequential
    /// media types (`itemSchema`), `in: querystring`, `$self`.
    V3_2,
}

/// Every version read: the root member that names it, the prefix of its value, the
/// version, and how messages name it.
pub const VERSIONS: [(&str, &str, Version, &str); 4] = [
    ("swagger", "2.0", Version::Swagger2, "Swagger 2.0"),
    ("openapi", "3.0.", Version::V3_0, "OpenAPI 3.0"),
    ("openapi", "3.1.", Version::V3_1, "OpenAPI 3.1"),
    ("openapi", "3.2.", Version::V3_2, "OpenAPI 3.2"),
];

impl Version {
    /// How messages name the version (`OpenAPI 3.1`).
    pub fn name(self) -> &'static str {
        VERSIONS.iter().find(|(_, _, v, _)| *v == self).map_or("OpenAPI", |(_, _, _, name)| name)
    }

    /// Whether the document's schemas are JSON Schema 2020-12 (3.1 and later).
    pub fn has_json_schema_2020(self) -> bool {
        self >= Version::V3_1
    }
}

/// The version a document says it is written in, read from the member the table names.
/// A document that names none, or one the table does not know, is refused at that
/// member; a version written as a number (`openapi: 3.1`, which YAML reads as a number)
/// is read with a warning. Documents that name both `swagger` and `openapi` are read by
/// `openapi`, with a warning.
pub fn detect(raw: &Value, diags: &mut Diagnostics) -> Option<Version> {
    let Some(object) = raw.as_object() else {
        diags
            .error(&Pointer::root(), "the document is not an object")
            .hint("an OpenAPI document starts with `openapi: 3.1.0` (or 3.0.x, 3.2.x; `swagger: \"2.0\"`)");
        return None;
    };
    let member = if object.contains_key("openapi") { "openapi" } else { "swagger" };
    if member == "openapi" && object.contains_key("swagger") {
        diags.warning(
            &Pointer::root().join("swagger"),
            "the document names both `swagger` and `openapi`; read as `openapi` says",
        );
    }
    let at = Pointer::root().join(member);
    let text = match object.get(member) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => {
            let text = number.to_string();
            diags.warning(&at, format!("the version is written as a number ({text}); read as the text \"{text}\""));
            text
        }
        Some(other) => {
            diags.error(&at, format!("the version must be text, not {other}")).hint(hint());
            return None;
        }
        None => {
            diags.error(&Pointer::root(), "missing the version field (`openapi` or `swagger`)").hint(hint());
            return None;
        }
    };
    // `openapi: 3.1` (a number) reads as "3.1": the prefixes want "3.1.".
    let padded = if text.matches('.').count() == 1 && member == "openapi" { format!("{text}.0") } else { text.clone() };
    let known = VERSIONS.iter().find(|(m, prefix, _, _)| {
        *m == member && (padded.starts_with(prefix) || padded == prefix.trim_end_matches('.'))
    });
    match known {
        Some((_, _, version, _)) => Some(*version),
        None => {
            diags.error(&at, format!("unknown version `{text}` in `{member}`")).hint(hint());
            None
        }
    }
}

fn hint() -> String {
    let known: Vec<String> =
        VERSIONS
            .iter()
            .map(|(member, prefix, _, _)| {
                if prefix.ends_with('.') {
                    format!("`{member}: {prefix}x`")
                } else {
                    format!("`{member}: \"{prefix}\"`")
                }
            })
            .collect();
    format!("the generator reads {}", known.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> (Option<Version>, usize) {
        let raw: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let mut diags = Diagnostics::new();
        let v = detect(&raw, &mut diags);
        (v, diags.into_items().len())
    }

    #[test]
    fn every_version_of_the_table_is_read_and_others_are_refused_at_their_member() {
        assert_eq!(version(r#"{"swagger": "2.0"}"#), (Some(Version::Swagger2), 0));
        assert_eq!(version(r#"{"openapi": "3.0.3"}"#), (Some(Version::V3_0), 0));
        assert_eq!(version(r#"{"openapi": "3.1.0"}"#), (Some(Version::V3_1), 0));
        assert_eq!(version(r#"{"openapi": "3.2.0"}"#), (Some(Version::V3_2), 0));
        assert_eq!(version(r#"{"openapi": 3.1}"#), (Some(Version::V3_1), 1));
        assert_eq!(version(r#"{"openapi": "3.1.0", "swagger": "2.0"}"#), (Some(Version::V3_1), 1));
        assert_eq!(version(r#"{"openapi": "4.0.0"}"#).0, None);
        assert_eq!(version(r#"{"swagger": "1.2"}"#).0, None);
        assert_eq!(version(r#"{"info": {}}"#).0, None);
        assert_eq!(version("[]").0, None);
        let raw: Value = serde_json::from_str(r#"{"openapi": "4.0.0"}"#).unwrap_or(Value::Null);
        let mut diags = Diagnostics::new();
        detect(&raw, &mut diags);
        let items = diags.into_items();
        assert_eq!(items.first().map(|d| d.pointer.as_str()), Some("#/openapi"));
        assert!(items.first().and_then(|d| d.hint.as_deref()).is_some_and(|h| h.contains("`swagger: \"2.0\"`")));
    }
}

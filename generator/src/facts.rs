//! Facts about each operation from the API's reference documentation, kept beside the spec.
//!
//! A description says what a service accepts; its reference pages often say more, and
//! sometimes otherwise: the documented method and path, the success status and body, the
//! permissions (least and higher privileged, per kind of access) and the national clouds
//! an operation is available in. `specs/facts.<version>.yaml` holds them for every
//! operation of our synchronization descriptions, keyed by `METHOD /path` as the spec
//! writes it; an operation without a page of its own says so (`page: null` and why).
//!
//! The generator puts permissions and cloud availability into code
//! (`Operation::PERMISSIONS`, `Operation::CLOUDS`) and rustdoc; tests check the spec
//! against the documented methods and statuses, and a fake service answers only
//! documented routes.
//!
//! A key matches an operation whose method is the same and whose path is the same once
//! Graph's optional namespace qualifier and empty function parentheses are dropped from
//! each segment (`/microsoft.graph.start` is `/start`, `/microsoft.graph.functions()` is
//! `/functions`), so one file serves our spec and Microsoft's published one.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
pub use crate::ir::{Clouds, Permissions, Privileges};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The facts file of one API version.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Facts {
    /// Where the facts were read (repository, folder and commit), for readers of the file.
    #[serde(default)]
    pub source: Option<String>,
    /// The `view` of the documentation site the pages belong to (`graph-rest-1.0`, `graph-rest-beta`).
    #[serde(default)]
    pub view: Option<String>,
    /// Facts per operation, keyed by `METHOD /path` as in the spec.
    #[serde(default)]
    pub operations: BTreeMap<String, OperationFacts>,
    /// Documented method + path pairs that are no operation of the spec (other entry
    /// points to the same resources), kept so the audit is complete.
    #[serde(default)]
    pub unmapped_pages: Vec<UnmappedPage>,
}

/// What the documentation says about one operation.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OperationFacts {
    /// The operationId, for readers of the file.
    #[serde(default)]
    pub operation_id: Option<String>,
    /// The reference page (its file name in the documentation repository, without `.md`,
    /// which is also its URL slug), or `None` when the operation has no page of its own.
    #[serde(default)]
    pub page: Option<String>,
    /// Why there is no page (`count`, `value-stream`, `navigation`, `not-documented`).
    #[serde(default)]
    pub no_page: Option<String>,
    /// The page's HTTP request and response sections.
    #[serde(default)]
    pub documented: Option<Documented>,
    /// The page's permission table.
    #[serde(default)]
    pub permissions: Option<Permissions>,
    /// The national clouds the page lists the operation as available in.
    #[serde(default)]
    pub clouds: Option<Clouds>,
    /// The documentation include that states the clouds (e.g. `global-us.md`).
    #[serde(default)]
    pub cloud_include: Option<String>,
    /// Which version of the page was read, and where permissions or clouds came from
    /// when not from it.
    #[serde(default)]
    pub source: Option<String>,
    /// A remark of ours about this entry.
    #[serde(default)]
    pub note: Option<String>,
}

/// The documented request and success answer.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Documented {
    /// The HTTP method of the page's request section.
    pub method: String,
    /// Every path the request section lists, as written there (`{id}`, `{jobId}`).
    pub paths: Vec<String>,
    /// The success status the response section states.
    pub status: u16,
    /// The answer's body: `none`, a type name, `collection(type)`, `text` or `bytes`.
    pub body: String,
    /// The status of the page's example response, when it differs from `status`.
    #[serde(default)]
    pub example_status: Option<u16>,
}

/// A documented request that is no operation of the spec.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct UnmappedPage {
    /// The reference page.
    pub page: String,
    /// The documented method.
    pub method: String,
    /// The documented path.
    pub path: String,
    /// The documented success status.
    pub status: u16,
    /// The documented body.
    pub body: String,
    /// The permission table.
    #[serde(default)]
    pub permissions: Option<Permissions>,
    /// The national clouds.
    #[serde(default)]
    pub clouds: Option<Clouds>,
    /// A remark of ours.
    #[serde(default)]
    pub note: Option<String>,
}

impl Facts {
    /// Parses a facts file and checks that every entry is either documented in full or
    /// says why it has no page.
    pub fn parse(text: &str) -> Result<Facts, Vec<Diagnostic>> {
        let mut diags = Diagnostics::new();
        let facts = match serde_yaml::from_str::<Option<Facts>>(text) {
            Ok(f) => f.unwrap_or_default(),
            Err(e) => {
                let at =
                    e.location().map(|l| format!(" at line {} column {}", l.line(), l.column())).unwrap_or_default();
                diags.error(&Pointer::root(), format!("invalid facts file{at}: {e}"));
                return Err(diags.into_items());
            }
        };
        let operations = Pointer::root().join("operations");
        for (key, entry) in &facts.operations {
            let at = operations.join(key);
            if split_key(key).is_none() {
                diags.error(&at, "a key is `METHOD /path`, e.g. `GET /servicePrincipals/{servicePrincipal-id}`");
            }
            match (&entry.page, &entry.no_page) {
                // Permissions and clouds may be null: some pages state none.
                (Some(_), None) if entry.documented.is_none() => {
                    diags.error(&at, "an operation with a page needs `documented` (its request and response)");
                }
                (Some(_), None) => {}
                (None, Some(_)) => {}
                (Some(_), Some(_)) => {
                    diags.error(&at, "`page` and `no-page` exclude each other");
                }
                (None, None) => {
                    diags.error(&at, "say which page documents it (`page`), or why none does (`no-page`)");
                }
            }
        }
        diags.checkpoint()?;
        Ok(facts)
    }

    /// The reference page's address for an entry, when it has one.
    pub fn url(&self, entry: &OperationFacts) -> Option<String> {
        let page = entry.page.as_deref()?;
        Some(match &self.view {
            Some(view) => format!("https://learn.microsoft.com/graph/api/{page}?view={view}"),
            None => format!("https://learn.microsoft.com/graph/api/{page}"),
        })
    }

    /// The entry for an operation (method in any case, path as the spec writes it).
    pub fn find(&self, method: &str, path: &str) -> Option<(&String, &OperationFacts)> {
        let wanted = normalize_path(path);
        self.operations.iter().find(|(key, _)| {
            split_key(key).is_some_and(|(m, p)| m.eq_ignore_ascii_case(method) && normalize_path(p) == wanted)
        })
    }
}

/// `METHOD /path` → `(METHOD, /path)`.
pub fn split_key(key: &str) -> Option<(&str, &str)> {
    let (method, path) = key.split_once(' ')?;
    (crate::ir::Method::is_key(&method.to_ascii_lowercase()) && path.starts_with('/')).then_some((method, path))
}

/// A path with Graph's optional namespace qualifier and empty function parentheses
/// dropped from each segment.
pub fn normalize_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let segment = segment.strip_prefix("microsoft.graph.").unwrap_or(segment);
            segment.strip_suffix("()").unwrap_or(segment)
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_qualifiers_do_not_change_the_operation() {
        assert_eq!(normalize_path("/a/{id}/microsoft.graph.start"), "/a/{id}/start");
        assert_eq!(normalize_path("/a/microsoft.graph.functions()"), "/a/functions");
        assert_eq!(normalize_path("/a/$count"), "/a/$count");
    }

    #[test]
    fn entries_are_documented_in_full_or_say_why_not() {
        let text = "operations:\n  GET /a: {page: p}\n  GET /b: {}\n  /c: {no-page: count}\n  GET /d: {page: p, no-page: count}\n";
        let errors: Vec<String> = Facts::parse(text).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            [
                "error: #/operations/~1c: a key is `METHOD /path`, e.g. `GET /servicePrincipals/{servicePrincipal-id}`",
                "error: #/operations/GET ~1a: an operation with a page needs `documented` (its request and response)",
                "error: #/operations/GET ~1b: say which page documents it (`page`), or why none does (`no-page`)",
                "error: #/operations/GET ~1d: `page` and `no-page` exclude each other",
            ]
        );
    }
}

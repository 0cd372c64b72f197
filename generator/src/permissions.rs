//! Per-operation permissions, from a data file kept next to the spec.
//!
//! The file maps `METHOD /path` (as in the spec) to the least- and higher-privileged
//! permissions for delegated (work or school), delegated (personal) and application
//! access, as the API's reference pages publish them. See `specs/permissions.v1.0.yaml`.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Permissions of every documented operation, keyed by `METHOD /path`.
pub type PermissionMap = BTreeMap<String, OperationPermissions>;

/// The published permissions of one operation.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub struct OperationPermissions {
    /// The operationId, for readers of the file.
    #[serde(default)]
    pub operation_id: Option<String>,
    /// Where the values were published (`none` when nothing is).
    #[serde(default)]
    pub source: Option<String>,
    /// Delegated access, work or school account.
    #[serde(default)]
    pub delegated_work: Privileges,
    /// Delegated access, personal Microsoft account.
    #[serde(default)]
    pub delegated_personal: Privileges,
    /// Application access.
    #[serde(default)]
    pub application: Privileges,
}

/// Least and higher privileged permissions for one kind of access.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Privileges {
    /// The least privileged permissions.
    #[serde(default)]
    pub least: Vec<String>,
    /// Higher privileged permissions.
    #[serde(default)]
    pub higher: Vec<String>,
}

impl OperationPermissions {
    /// Whether anything is documented.
    pub fn is_documented(&self) -> bool {
        !(self.delegated_work.least.is_empty()
            && self.delegated_personal.least.is_empty()
            && self.application.least.is_empty())
    }

    /// A markdown table for rustdoc.
    pub fn table(&self) -> String {
        let cell = |names: &[String], empty: &str| {
            if names.is_empty() {
                empty.to_owned()
            } else {
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            }
        };
        let mut out = String::from("Permissions (choose the least privileged that works):\n\n| Access | Least privileged | Higher privileged |\n|---|---|---|");
        for (label, p) in [
            ("Delegated (work or school account)", &self.delegated_work),
            ("Delegated (personal Microsoft account)", &self.delegated_personal),
            ("Application", &self.application),
        ] {
            let (least, higher) = if p.least.is_empty() {
                ("Not supported.".to_owned(), "Not supported.".to_owned())
            } else {
                (cell(&p.least, ""), cell(&p.higher, "Not available."))
            };
            out.push_str(&format!("\n| {label} | {least} | {higher} |"));
        }
        out
    }
}

/// Parses a permissions file.
pub fn parse(text: &str) -> Result<PermissionMap, Vec<Diagnostic>> {
    serde_yaml::from_str::<Option<PermissionMap>>(text).map(Option::unwrap_or_default).map_err(|e| {
        let mut diags = Diagnostics::new();
        let at = e.location().map(|l| format!(" at line {} column {}", l.line(), l.column())).unwrap_or_default();
        diags.error(&Pointer::root(), format!("invalid permissions file{at}: {e}"));
        diags.checkpoint().err().unwrap_or_default()
    })
}

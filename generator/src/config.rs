//! The generation config: a small YAML file next to the spec.
//!
//! ```yaml
//! include:                 # keep only these operations (every given list must match)
//!   path-prefixes: [/servicePrincipals/{servicePrincipal-id}/synchronization/jobs]
//!   tags: []
//!   operation-ids: []
//! exclude:                 # then drop these
//!   operation-ids: [servicePrincipal.synchronization.job_DeleteBulkUpload]
//! rename:
//!   types:                 # schema name -> Rust type name
//!     microsoft.graph.synchronizationJob: Job
//!   operations:            # operationId -> Rust type name
//!     servicePrincipal.synchronization_ListJob: ListJobs
//! ```
//!
//! Components are kept by the same rule as `generator slice`: exactly what the kept
//! operations reference, transitively.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use serde::Deserialize;
use std::collections::BTreeMap;

/// What to generate and under which names.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Operations to keep.
    #[serde(default)]
    pub include: Filter,
    /// Operations to drop from those kept.
    #[serde(default)]
    pub exclude: Filter,
    /// Names to use instead of the derived ones.
    #[serde(default)]
    pub rename: Renames,
    /// Published permissions per operation (from a separate data file, see [`crate::permissions`]).
    #[serde(skip)]
    pub permissions: crate::permissions::PermissionMap,
}

/// Operations chosen by path prefix, tag or operationId.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Filter {
    /// Paths starting with one of these.
    #[serde(default)]
    pub path_prefixes: Vec<String>,
    /// Operations with one of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Operations with one of these operationIds.
    #[serde(default)]
    pub operation_ids: Vec<String>,
}

/// Explicit names.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Renames {
    /// Schema name → Rust type name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// operationId → Rust type name.
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
}

impl Config {
    /// Parses a config file's text; errors name the place in the config.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        let mut diags = Diagnostics::new();
        let config = match serde_yaml::from_str::<Option<Config>>(text) {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                let at =
                    e.location().map(|l| format!(" at line {} column {}", l.line(), l.column())).unwrap_or_default();
                diags.error(&Pointer::root(), format!("invalid generator config{at}: {e}"));
                return Err(diags.checkpoint().err().unwrap_or_default());
            }
        };
        let renames = Pointer::root().join("rename");
        for (section, map) in [("types", &config.rename.types), ("operations", &config.rename.operations)] {
            for (from, to) in map {
                if syn::parse_str::<syn::Ident>(to).is_err() || !to.starts_with(|c: char| c.is_ascii_uppercase()) {
                    diags
                        .error(&renames.join(section).join(from), format!("`{to}` is not a valid Rust type name"))
                        .hint("use UpperCamelCase letters and digits");
                }
            }
        }
        diags.checkpoint()?;
        Ok(config)
    }

    /// Whether the config narrows the document at all.
    pub fn filters(&self) -> bool {
        !(self.include.path_prefixes.is_empty()
            && self.include.tags.is_empty()
            && self.include.operation_ids.is_empty()
            && self.exclude.path_prefixes.is_empty()
            && self.exclude.tags.is_empty()
            && self.exclude.operation_ids.is_empty())
    }
}

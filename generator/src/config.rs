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
//! overlays:                # Overlay 1.0.0 documents, applied in order (relative to this file)
//!   - graph-sync.overlay.yaml
//! strict: false            # refuse what is read liberally (as `--strict`)
//! sentinels: ['[END]']     # more `data` that ends a stream of events (beside `[DONE]`)
//! builders:                # the request builders (all optional)
//!   root: Graph            # the root type (default: Graph for Microsoft Graph, else Api)
//!   client-method: beta    # start chains with client.beta() instead of on the client itself
//!   crate-path: graph_sync::beta   # where doc examples find the code (default: the crate name)
//! ```
//!
//! Components are kept by the same rule as `wiretype slice`: exactly what the kept
//! operations reference, transitively.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// Overlay files as the config names them (relative to the config file).
    #[serde(default, rename = "overlays")]
    pub overlay_files: Vec<String>,
    /// The overlays to apply, in order, once loaded (see [`load`]).
    #[serde(skip)]
    pub overlays: Vec<crate::load::overlay::Overlay>,
    /// Facts from the reference documentation per operation (a separate data file, see [`crate::facts`]).
    #[serde(skip)]
    pub facts: crate::facts::Facts,
    /// How the request builders start.
    #[serde(default)]
    pub builders: Builders,
    /// About how many lines of model code each models crate of a workspace (several
    /// modules) holds; fewer lines make more, smaller crates, which rustc checks with less
    /// memory each (default: [`crate::lower::parts::PART_WEIGHT`]).
    #[serde(default)]
    pub models_part_lines: Option<usize>,
    /// Whether the crate gets a command line (`generate --cli`): a binary named after the
    /// crate, behind the feature `cli`.
    #[serde(default)]
    pub cli: bool,
    /// Whether a document read liberally is refused instead (`--strict`): a path parameter
    /// it does not declare, an operation without `responses`, a `$ref` where only a value
    /// is allowed, … are errors rather than warnings.
    #[serde(default)]
    pub strict: bool,
    /// More `data` that ends a stream of server-sent events whose data is each item, beside
    /// the runtime's own (`[DONE]`).
    #[serde(default)]
    pub sentinels: Vec<String>,
}

/// How the request builders start, and where doc examples find the generated code.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Builders {
    /// The root type's name (default: `Graph` for Microsoft Graph, `Api` otherwise).
    #[serde(default)]
    pub root: Option<String>,
    /// A client method that returns the root (`beta`: `client.beta().service_principals()`),
    /// for a second API in a crate that shares one client; by default the root's steps are
    /// the client's own methods.
    #[serde(default)]
    pub client_method: Option<String>,
    /// The Rust path of the generated code in doc examples (`graph_sync::beta`); by default
    /// the crate name `generate --out` gives it.
    #[serde(default)]
    pub crate_path: Option<String>,
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

impl Builders {
    /// Reports names that are not the Rust they must be.
    pub fn check(&self, diags: &mut Diagnostics) {
        let at = Pointer::root().join("builders");
        let ident = |name: &str| syn::parse_str::<syn::Ident>(name).is_ok();
        if let Some(root) =
            self.root.as_deref().filter(|r| !ident(r) || !r.starts_with(|c: char| c.is_ascii_uppercase()))
        {
            diags.error(&at.join("root"), format!("`{root}` is not a valid Rust type name")).hint("use UpperCamelCase");
        }
        if let Some(method) =
            self.client_method.as_deref().filter(|m| !ident(m) || !m.starts_with(|c: char| c.is_ascii_lowercase()))
        {
            diags
                .error(&at.join("client-method"), format!("`{method}` is not a valid Rust method name"))
                .hint("use snake_case");
        }
        if let Some(path) = self.crate_path.as_deref().filter(|p| syn::parse_str::<syn::Path>(p).is_err()) {
            diags.error(&at.join("crate-path"), format!("`{path}` is not a Rust path")).hint("like `my_crate::beta`");
        }
    }
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
        config.builders.check(&mut diags);
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

/// Everything a run reads besides the spec, loaded and checked.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The config, with its overlays and facts loaded.
    pub config: Config,
    /// Every file read, for build scripts' `rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

/// Loads a run's inputs: an optional config file (with the overlays it names, relative to
/// it), further overlay files (applied after the config's), and an optional facts file.
/// Every problem in every file is reported, each naming its file.
pub fn load(config: Option<&Path>, overlays: &[PathBuf], facts: Option<&Path>) -> Result<Loaded, Vec<Diagnostic>> {
    let mut loaded = Loaded::default();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let read = |path: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>| -> Option<String> {
        files.push(path.to_path_buf());
        match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) => {
                let mut diags = Diagnostics::for_file(path.display().to_string());
                diags.error(&Pointer::root(), format!("cannot read the file: {e}"));
                problems.extend(diags.into_items());
                None
            }
        }
    };
    let mut overlay_paths: Vec<PathBuf> = Vec::new();
    if let Some(path) = config {
        if let Some(text) = read(path, &mut loaded.files, &mut problems) {
            match Config::parse(&text) {
                Ok(parsed) => {
                    let dir = path.parent().unwrap_or(Path::new(""));
                    overlay_paths.extend(parsed.overlay_files.iter().map(|f| dir.join(f)));
                    loaded.config = parsed;
                }
                Err(errors) => problems.extend(in_file(errors, path)),
            }
        }
    }
    overlay_paths.extend(overlays.iter().cloned());
    for path in &overlay_paths {
        if let Some(text) = read(path, &mut loaded.files, &mut problems) {
            match crate::load::overlay::Overlay::parse(&text, &path.display().to_string()) {
                Ok(overlay) => loaded.config.overlays.push(overlay),
                Err(errors) => problems.extend(errors),
            }
        }
    }
    if let Some(path) = facts {
        if let Some(text) = read(path, &mut loaded.files, &mut problems) {
            match crate::facts::Facts::parse(&text) {
                Ok(f) => loaded.config.facts = f,
                Err(errors) => problems.extend(in_file(errors, path)),
            }
        }
    }
    if problems.iter().any(|d| d.severity == crate::diag::Severity::Error) {
        return Err(problems);
    }
    Ok(loaded)
}

/// Names `path` as the file of diagnostics that name none.
fn in_file(errors: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|mut d| {
            d.file.get_or_insert_with(|| path.display().to_string());
            d
        })
        .collect()
}

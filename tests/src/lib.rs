//! Helpers shared by the test files in `tests/tests/`.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A file under `../shared` (beside the checkout), or `None` with a notice if it is absent.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = root().join("../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("notice: {} is absent; skipping the checks that need it", path.display());
        None
    }
}

/// Reads a file to a string, naming it if that fails.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The files directly in `dir` whose names end in one of `extensions` (without the dot),
/// sorted by name.
pub fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)))
        .collect();
    files.sort();
    files
}

/// Snapshots every file of a generated crate (under `tests/snapshots/`, named
/// `<prefix>_<path>`), except the runtime, which is `templates/src` verbatim and tested there.
pub fn assert_crate_snapshots(prefix: &str, files: &[(PathBuf, String)], skip_manifest: bool) {
    for (path, content) in files {
        // The runtime is `templates/src` verbatim, tested there (a workspace's crates each
        // have theirs, or the part of it they own).
        if path.components().any(|c| c.as_os_str() == "runtime") || (skip_manifest && path.ends_with("Cargo.toml")) {
            continue;
        }
        let name = format!("{prefix}_{}", path.to_string_lossy().replace(['/', '.'], "_"));
        insta::with_settings!({ snapshot_path => root().join("tests/tests/snapshots"), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, content);
        });
    }
}

/// One operation of the `generated` crate, built from sample arguments (see `build.rs`).
#[derive(Clone, Copy)]
pub struct Case {
    /// The operation's Rust type name.
    pub name: &'static str,
    /// Its HTTP method, upper case.
    pub method: &'static str,
    /// Its path template, as in the spec.
    pub path: &'static str,
    /// The model a JSON answer decodes into (`Some("")` for a type that is no model,
    /// `None` when the answer is no JSON body).
    pub output: Option<&'static str>,
    /// Builds its request against a base URL.
    pub request: fn(&str) -> Result<http::Request<Vec<u8>>, graph_sync::Error>,
    /// The same operation through the request builders from `Graph::new()`, with the same
    /// arguments, as a request against a base URL.
    pub via_builders: fn(&str) -> Result<http::Request<Vec<u8>>, graph_sync::Error>,
    /// The same through the request builders started at a client, then unbound; and
    /// whether it equals the operation built directly.
    pub via_client: fn(&graph_sync::Client) -> bool,
    /// Decodes an answer with the operation's own `from_http`, dropping the value.
    pub decode: fn(http::Response<Vec<u8>>) -> Result<(), graph_sync::Error>,
    /// Decodes an answer with `from_http` and encodes the value again as JSON text.
    pub reencode: fn(http::Response<Vec<u8>>) -> Result<String, graph_sync::Error>,
}

/// Every operation of both versions of `generated`.
pub mod cases {
    use super::Case;
    include!(concat!(env!("OUT_DIR"), "/cases.rs"));
}

/// Whether rustc's `non_camel_case_types` lint accepts `name` (its own rule: no `__`,
/// no underscore beside a letter that has case, not starting lowercase, once the leading
/// and trailing underscores are trimmed).
pub fn is_camel_case(name: &str) -> bool {
    let name = name.trim_matches('_');
    let chars: Vec<char> = name.chars().collect();
    let has_case = |c: char| c.is_lowercase() || c.is_uppercase();
    !chars.first().is_some_and(|c| c.is_lowercase())
        && !name.contains("__")
        && !chars.windows(2).any(|w| (has_case(w[0]) && w[1] == '_') || (has_case(w[1]) && w[0] == '_'))
}

//! Writes `sources.rs` for the `sources` module (feature `sources`): this runtime's three
//! lists, each read from its one place, for the generator that splices the runtime into
//! every crate it writes:
//!
//! - its modules: the `pub mod name;` lines of `src/lib.rs`, each file embedded with
//!   `include_str!`;
//! - its dependencies: `[dependencies]` of this package's manifest, written into every
//!   generated crate's Cargo.toml with the comment above each;
//! - its features, but `sources` (which only the generator uses).
//!
//! The manifest is read as it stands in this workspace (`workspace = true` entries take
//! the workspace's versions) and as `cargo package` writes it (versions filled in; the
//! comments then come from `Cargo.toml.orig`, which the package keeps).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("sources.rs");
    let mut code = String::new();
    if let Err(message) = modules(&manifest, &mut code).and_then(|()| dependencies(&manifest, &mut code)) {
        panic!("{message}");
    }
    if std::fs::read_to_string(&out).is_ok_and(|old| old == code) {
        return;
    }
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}

fn read(path: &Path) -> Result<String, String> {
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `FILES`: the runtime's root, then each module it declares.
fn modules(manifest: &Path, code: &mut String) -> Result<(), String> {
    let src = manifest.join("src");
    let lib = src.join("lib.rs");
    let text = read(&lib)?;
    code.push_str("/// `(module name, source text)` of every runtime file, `lib.rs` first as `mod`.\n");
    code.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    let _ = writeln!(code, "    (\"mod\", include_str!({:?})),", lib.display().to_string());
    for line in text.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ").and_then(|rest| rest.strip_suffix(';')) {
            let file = src.join(format!("{name}.rs"));
            println!("cargo:rerun-if-changed={}", file.display());
            let _ = writeln!(code, "    ({name:?}, include_str!({:?})),", file.display().to_string());
        }
    }
    code.push_str("];\n");
    Ok(())
}

/// The `[workspace.dependencies]` of the first workspace manifest above `manifest`.
fn workspace_dependencies(manifest: &Path) -> Result<toml::Table, String> {
    for dir in manifest.ancestors().skip(1) {
        let path = dir.join("Cargo.toml");
        if !path.is_file() {
            continue;
        }
        let table: toml::Table = read(&path)?.parse().map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(deps) = table.get("workspace").and_then(|w| w.get("dependencies")).and_then(toml::Value::as_table) {
            return Ok(deps.clone());
        }
    }
    Err(format!("{}: a `workspace = true` dependency, and no workspace manifest above it", manifest.display()))
}

/// The dependency names of `[dependencies]` in the order the text lists them, each with
/// the comment lines just above it. Reads both `name = …` lines and `[dependencies.name]`
/// tables (the form `cargo package` writes).
fn listed(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_end_matches(']');
            in_section = header == "dependencies";
            if let Some(name) = header.strip_prefix("dependencies.") {
                out.push((name.trim_matches('"').to_owned(), std::mem::take(&mut comments)));
            }
            comments.clear();
            continue;
        }
        if line.starts_with('#') {
            comments.push(line.to_owned());
            continue;
        }
        if in_section {
            if let Some((name, _)) = line.split_once('=') {
                out.push((name.trim().trim_matches('"').to_owned(), std::mem::take(&mut comments)));
            }
        }
        comments.clear();
    }
    out
}

/// `DEPENDENCIES` and `FEATURES`.
fn dependencies(manifest_dir: &Path, code: &mut String) -> Result<(), String> {
    let path = manifest_dir.join("Cargo.toml");
    let text = read(&path)?;
    let parsed: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let original = manifest_dir.join("Cargo.toml.orig");
    let commented = if original.is_file() { read(&original)? } else { text.clone() };
    let declared = parsed.get("dependencies").and_then(toml::Value::as_table).cloned().unwrap_or_default();
    let mut workspace: Option<toml::Table> = None;
    code.push_str("/// The runtime's dependencies, in the order its manifest lists them.\n");
    code.push_str("pub const DEPENDENCIES: &[Dependency] = &[\n");
    let mut order = listed(&commented);
    order.retain(|(name, _)| declared.contains_key(name));
    for name in declared.keys() {
        if !order.iter().any(|(n, _)| n == name) {
            order.push((name.clone(), Vec::new()));
        }
    }
    for (name, comments) in order {
        let Some(spec) = declared.get(&name) else { continue };
        let own = spec.as_table().cloned().unwrap_or_default();
        let inherited = if own.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
            if workspace.is_none() {
                workspace = Some(workspace_dependencies(manifest_dir)?);
            }
            workspace
                .as_ref()
                .and_then(|w| w.get(&name))
                .cloned()
                .ok_or(format!("`{name}` is not a workspace dependency"))?
        } else {
            spec.clone()
        };
        let field = |key: &str| own.get(key).or_else(|| inherited.get(key)).cloned();
        let version = match &inherited {
            toml::Value::String(v) => v.clone(),
            other => other.get("version").and_then(toml::Value::as_str).unwrap_or("*").to_owned(),
        };
        // A workspace entry's features and the member's own add up, as cargo adds them.
        let mut features: Vec<String> = Vec::new();
        for table in [&inherited, spec] {
            for f in table.get("features").and_then(toml::Value::as_array).into_iter().flatten() {
                if let Some(f) = f.as_str().filter(|f| !features.iter().any(|g| g == f)) {
                    features.push(f.to_owned());
                }
            }
        }
        let default_features = field("default-features").and_then(|v| v.as_bool()).unwrap_or(true);
        let optional = own.get("optional").and_then(toml::Value::as_bool).unwrap_or(false);
        let _ = writeln!(
            code,
            "    Dependency {{ name: {name:?}, version: {version:?}, default_features: {default_features}, features: &{features:?}, optional: {optional}, comment: &{comments:?} }},"
        );
    }
    code.push_str("];\n");
    code.push_str("/// The runtime's features, `default` first, as its manifest declares them (`sources` aside).\n");
    code.push_str("pub const FEATURES: &[(&str, &[&str])] = &[\n");
    let features = parsed.get("features").and_then(toml::Value::as_table).cloned().unwrap_or_default();
    let mut names: Vec<&String> = features.keys().filter(|n| *n != "sources").collect();
    names.sort_by_key(|n| (n.as_str() != "default", n.as_str().to_owned()));
    for name in names {
        let list: Vec<String> = features
            .get(name)
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        let _ = writeln!(code, "    ({name:?}, &{list:?}),");
    }
    code.push_str("];\n");
    Ok(())
}

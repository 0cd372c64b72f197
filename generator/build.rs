//! Reads the runtime's two lists from their one place each, for `src/runtime.rs`:
//!
//! - its modules: the `pub mod name;` lines of `templates/src/lib.rs`, embedded with
//!   `include_str!`;
//! - its dependencies and features: `templates/Cargo.toml` (versions from the workspace's
//!   `[workspace.dependencies]`), written into every generated crate's Cargo.toml.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let templates = manifest.join("../templates");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("runtime_lists.rs");
    let mut code = String::new();
    if let Err(message) = modules(&templates, &mut code).and_then(|()| dependencies(&templates, &mut code)) {
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
fn modules(templates: &Path, code: &mut String) -> Result<(), String> {
    let src = templates.join("src");
    let lib = src.join("lib.rs");
    let text = read(&lib)?;
    code.push_str("/// `(module name, source text)` of every runtime file, `lib.rs` first as `mod`.\n");
    code.push_str("const FILES: &[(&str, &str)] = &[\n");
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

/// `DEPENDENCIES` and `FEATURES`, resolved against the workspace's versions.
fn dependencies(templates: &Path, code: &mut String) -> Result<(), String> {
    let manifest = read(&templates.join("Cargo.toml"))?;
    let workspace: toml::Table =
        read(&templates.join("../Cargo.toml"))?.parse().map_err(|e| format!("workspace Cargo.toml: {e}"))?;
    let versions = workspace
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(toml::Value::as_table)
        .ok_or("the workspace Cargo.toml has no [workspace.dependencies]")?;
    let parsed: toml::Table = manifest.parse().map_err(|e| format!("templates/Cargo.toml: {e}"))?;
    code.push_str("/// The runtime's dependencies, in `templates/Cargo.toml`'s order.\n");
    code.push_str("const DEPENDENCIES: &[Dependency] = &[\n");
    let mut comments: Vec<String> = Vec::new();
    let mut in_section = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[dependencies]";
            comments.clear();
            continue;
        }
        if !in_section || line.is_empty() {
            comments.clear();
            continue;
        }
        if line.starts_with('#') {
            comments.push(line.to_owned());
            continue;
        }
        let entry: toml::Table = line.parse().map_err(|e| format!("templates/Cargo.toml `{line}`: {e}"))?;
        let Some((name, spec)) = entry.iter().next() else { continue };
        let own = spec.as_table().cloned().unwrap_or_default();
        let inherited = if own.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
            versions.get(name).cloned().ok_or(format!("`{name}` is not a workspace dependency"))?
        } else {
            spec.clone()
        };
        let field = |key: &str| own.get(key).or_else(|| inherited.get(key)).cloned();
        let version = match &inherited {
            toml::Value::String(v) => v.clone(),
            other => other.get("version").and_then(toml::Value::as_str).unwrap_or("*").to_owned(),
        };
        let features: Vec<String> = field("features")
            .and_then(|f| f.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|f| f.as_str().map(str::to_owned))
            .collect();
        let default_features = field("default-features").and_then(|v| v.as_bool()).unwrap_or(true);
        let optional = own.get("optional").and_then(toml::Value::as_bool).unwrap_or(false);
        let _ = writeln!(
            code,
            "    Dependency {{ name: {name:?}, version: {version:?}, default_features: {default_features}, features: &{features:?}, optional: {optional}, comment: &{:?} }},",
            comments
        );
        comments.clear();
    }
    code.push_str("];\n");
    code.push_str("/// The runtime's features, as `templates/Cargo.toml` declares them.\n");
    code.push_str("const FEATURES: &[(&str, &[&str])] = &[\n");
    let features = parsed.get("features").and_then(toml::Value::as_table).cloned().unwrap_or_default();
    // `default` first, as Cargo.toml files usually write it.
    let mut names: Vec<&String> = features.keys().collect();
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

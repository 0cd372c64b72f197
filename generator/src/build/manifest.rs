//! What a crate's `Cargo.toml` must give code generated into it (by a build script or the
//! macro): the runtime's dependencies and features, which a standalone crate written by
//! `wiretype generate` declares itself. Checked before generating, so that a missing
//! line is one message that names it, instead of a page of errors inside generated code.

use crate::runtime;
use std::fmt::Write as _;
use std::path::Path;

/// The `[dependencies]` and `[features]` lines generated code needs, as `wiretype deps`
/// prints them: the runtime's dependencies (the optional ones for its features) and its
/// features.
pub fn needed() -> String {
    let mut out = String::from("[dependencies]\n");
    out.push_str(&crate::emit::crate_files::runtime_dependencies(true));
    out.push_str("\n[features]\n");
    for (feature, enables) in runtime::features() {
        let _ = writeln!(out, "{feature} = {enables:?}");
    }
    out
}

/// `-` and `_` are one in crate names and feature references.
fn same(a: &str, b: &str) -> bool {
    a.replace('-', "_") == b.replace('-', "_")
}

/// Checks the manifest at `path` for everything [`needed`] lists: each dependency by
/// name (and, where the manifest states them, with the features the runtime uses), each
/// of the runtime's features declared and enabling at least what the runtime's does. The
/// error names each missing piece and the lines that add it.
pub fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    check_text(&text).map_err(|missing| {
        format!(
            "{}: the generated code needs these, which it lacks:\n{}\nEvery line generated code needs (`wiretype deps` prints them):\n{}",
            path.display(),
            missing.iter().map(|m| format!("  - {m}")).collect::<Vec<_>>().join("\n"),
            needed()
        )
    })
}

/// [`check`] on a manifest's text: what is missing, one line each.
pub fn check_text(text: &str) -> Result<(), Vec<String>> {
    let manifest: toml::Table = text.parse().map_err(|e| vec![format!("the manifest is not TOML: {e}")])?;
    let mut declared: Vec<(String, toml::Value)> = Vec::new();
    let mut tables = vec![manifest.get("dependencies")];
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        tables.extend(targets.values().map(|t| t.get("dependencies")));
    }
    for table in tables.into_iter().flatten().filter_map(toml::Value::as_table) {
        declared.extend(table.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let mut missing = Vec::new();
    let features_of = |spec: &toml::Value| -> Option<Vec<String>> {
        let table = spec.as_table()?;
        if table.contains_key("workspace") {
            return None;
        }
        let list = table.get("features").and_then(toml::Value::as_array).cloned().unwrap_or_default();
        Some(list.iter().filter_map(|f| f.as_str().map(str::to_owned)).collect())
    };
    for dep in runtime::dependencies() {
        let Some((_, spec)) = declared.iter().find(|(name, _)| same(name, dep.name)) else {
            if !dep.optional {
                missing.push(format!("the dependency `{}`", dep.name));
            }
            continue;
        };
        // A plain version string has no features; a workspace entry's are elsewhere.
        let given = if spec.is_str() { Some(Vec::new()) } else { features_of(spec) };
        if let Some(given) = given {
            let lacking: Vec<&str> = dep.features.iter().copied().filter(|f| !given.iter().any(|g| g == f)).collect();
            if !lacking.is_empty() {
                missing.push(format!("the features {lacking:?} of the dependency `{}`", dep.name));
            }
        }
    }
    let features = manifest.get("features").and_then(toml::Value::as_table).cloned().unwrap_or_default();
    for (feature, enables) in runtime::features().iter().filter(|(name, _)| *name != "default") {
        let Some(theirs) = features.get(*feature).and_then(toml::Value::as_array) else {
            missing.push(format!("the feature `{feature}` (the generated code has parts behind it)"));
            continue;
        };
        let theirs: Vec<&str> = theirs.iter().filter_map(toml::Value::as_str).collect();
        let lacking: Vec<&str> = enables.iter().copied().filter(|e| !theirs.iter().any(|t| same(t, e))).collect();
        if !lacking.is_empty() {
            missing.push(format!("{lacking:?} in the feature `{feature}`"));
        }
        for dep in enables.iter().filter_map(|e| e.strip_prefix("dep:")) {
            if !declared.iter().any(|(name, _)| same(name, dep)) {
                missing.push(format!("the optional dependency `{dep}` (the feature `{feature}` needs it)"));
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_wiretype_deps_prints_is_enough() {
        let manifest = format!("[package]\nname = \"user\"\nversion = \"0.1.0\"\n\n{}", needed());
        assert_eq!(check_text(&manifest), Ok(()));
    }

    #[test]
    fn each_missing_piece_is_named() {
        let manifest =
            needed().replace("uuid = ", "# uuid = ").replace("\"derive\"", "\"std\"").replace("cli = [", "# cli = [");
        let missing = check_text(&manifest).expect_err("three pieces are missing");
        assert_eq!(
            missing,
            [
                "the features [\"derive\"] of the dependency `serde`",
                "the dependency `uuid`",
                "the feature `cli` (the generated code has parts behind it)"
            ]
        );
    }

    #[test]
    fn a_feature_must_enable_what_the_runtime_needs_and_names_may_use_either_dash() {
        let manifest = needed()
            .replace("futures-core = ", "futures_core = ")
            .replace("\"dep:futures-core\"", "\"dep:futures_core\"")
            .replace("\"dep:tracing\", ", "");
        let missing = check_text(&manifest).expect_err("one piece is missing");
        assert_eq!(missing, ["[\"dep:tracing\"] in the feature `client`"]);
    }

    #[test]
    fn workspace_entries_count_by_name() {
        let mut manifest = String::from("[dependencies]\n");
        for dep in runtime::dependencies() {
            let optional = if dep.optional { ", optional = true" } else { "" };
            manifest.push_str(&format!("{} = {{ workspace = true{optional} }}\n", dep.name));
        }
        let features = needed();
        let at = features.find("[features]").expect("features");
        manifest.push_str(&features[at..]);
        assert_eq!(check_text(&manifest), Ok(()));
    }
}

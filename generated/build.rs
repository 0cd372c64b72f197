//! Generates the crate's code from `specs/` at build time.
//!
//! Inputs per API version: the spec, an optional generator config
//! (`<spec>.config.yaml`: include/exclude/rename) and the published permissions
//! (`permissions.<version>.yaml`). Only a change to one of them (or to the generator and
//! its runtime templates, which cargo tracks as a build dependency) reruns this script.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let specs = manifest.join("../specs");
    // A new config or permissions file appearing in specs/ changes the folder.
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut failed = false;
    for (version, embed_runtime, enabled) in [("v1.0", true, true), ("beta", false, cfg!(feature = "beta"))] {
        if !enabled {
            continue;
        }
        let out = out_dir.join(format!("synchronization_{}.rs", version.replace('.', "_")));
        if let Err(message) = generate(&specs, version, &out, embed_runtime) {
            eprintln!("{message}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a file that must exist, declaring it as an input.
fn input(path: &Path) -> Result<String, String> {
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Reads a file that may be absent.
fn optional_input(path: &Path) -> Result<Option<String>, String> {
    if path.exists() {
        input(path).map(Some)
    } else {
        Ok(None)
    }
}

fn problems(path: &Path, errors: &[generator::diag::Diagnostic]) -> String {
    errors.iter().map(|d| format!("{}: {d}", path.display())).collect::<Vec<_>>().join("\n")
}

/// Generates one API version into one file; errors name the file and every problem in it.
fn generate(specs: &Path, version: &str, out: &Path, embed_runtime: bool) -> Result<(), String> {
    let spec = specs.join(format!("synchronization.{version}.yaml"));
    let config_path = specs.join(format!("synchronization.{version}.config.yaml"));
    let permissions_path = specs.join(format!("permissions.{version}.yaml"));
    let text = input(&spec)?;
    let mut config = match optional_input(&config_path)? {
        Some(text) => generator::config::Config::parse(&text).map_err(|e| problems(&config_path, &e))?,
        None => generator::config::Config::default(),
    };
    if let Some(text) = optional_input(&permissions_path)? {
        config.permissions = generator::permissions::parse(&text).map_err(|e| problems(&permissions_path, &e))?;
    }
    let generated = generator::generate_with(&text, &config).map_err(|e| problems(&spec, &e))?;
    for w in &generated.warnings {
        println!("cargo:warning={}: {}", spec.display(), w.to_string().replace('\n', " "));
    }
    let code = generator::emit::package::single_file(&generated.rendered, embed_runtime)?;
    if std::fs::read_to_string(out).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

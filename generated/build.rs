//! Generates the crate's code from `specs/` at build time.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let spec = manifest.join("../specs/synchronization.v1.0.yaml");
    match generate(&spec, &out_dir.join("synchronization_v1_0.rs"), true) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Generates one spec into one file; errors name the spec and every problem in it.
fn generate(spec: &Path, out: &Path, embed_runtime: bool) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", spec.display());
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let generated = generator::generate(&text).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|d| format!("{}: {d}", spec.display())).collect();
        list.join("\n")
    })?;
    for w in &generated.warnings {
        println!("cargo:warning={}: {}", spec.display(), w.to_string().replace('\n', " "));
    }
    let code = generator::emit::package::single_file(&generated.rendered, embed_runtime)?;
    if std::fs::read_to_string(out).is_ok_and(|old| old == code) {
        return Ok(());
    }
    std::fs::write(out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

//! Generates the crate's code from `specs/` at build time.
//!
//! Inputs per API version: the spec, an optional generator config
//! (`<spec>.config.yaml`: include/exclude/rename/overlays, and the overlay files it
//! names) and the facts from the reference documentation (`facts.<version>.yaml`:
//! permissions, national clouds). Only a change to one of them (or to the generator and
//! its runtime templates, which cargo tracks as a build dependency) reruns this script.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let specs = manifest.join("../specs");
    // A new config or facts file appearing in specs/ changes the folder.
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

/// Generates one API version into one file; errors name the file and every problem in it.
fn generate(specs: &Path, version: &str, out: &Path, embed_runtime: bool) -> Result<(), String> {
    let mut inputs = generator::build::Inputs::in_specs_folder(specs, version);
    // Doc examples name the code where this crate puts it; beta's request builders start
    // at `client.beta()`, v1.0's on the client itself (they share one client).
    inputs.builders.crate_path =
        Some(if embed_runtime { "generated".to_owned() } else { "generated::beta".to_owned() });
    if !embed_runtime {
        inputs.builders.client_method = Some("beta".to_owned());
    }
    let generated = generator::build::generate(&inputs)?;
    let code = generator::emit::package::single_file(&generated.rendered, embed_runtime)?;
    generator::build::write_if_changed(out, &code)
}

//! Generates the crate's code from `specs/` at build time (`specs` links to the workspace's
//! `specs/` folder; `cargo package` copies what it links to).
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
    let specs = manifest.join("specs");
    // A new config or facts file appearing in specs/ changes the folder.
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut failed = false;
    for (version, embed_runtime, enabled) in [("v1.0", true, true), ("beta", false, cfg!(feature = "beta"))] {
        if !enabled {
            continue;
        }
        let file = format!("synchronization_{}.rs", version.replace('.', "_"));
        if let Err(message) = generate(&specs, version, &file, embed_runtime) {
            eprintln!("{message}");
            failed = true;
        }
    }
    if cfg!(feature = "fake") {
        if let Err(message) = fake_routes(&specs, &out_dir.join("fake_routes.rs")) {
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

/// Generates one API version into `OUT_DIR/<file>` through the build-script route every
/// user takes (`wiretype::build::Build`); errors name the file and every problem in it.
fn generate(specs: &Path, version: &str, file: &str, embed_runtime: bool) -> Result<(), String> {
    let spec = specs.join(format!("synchronization.{version}.yaml"));
    // Doc examples name the code where this crate puts it; beta's request builders start
    // at `client.beta()`, v1.0's on the client itself (they share one client and runtime).
    let build = wiretype::build::Build::new(spec).cli(cfg!(feature = "cli")).file(file);
    let build = if embed_runtime {
        build.crate_path("graph_sync")
    } else {
        build.crate_path("graph_sync::beta").client_method("beta").without_runtime()
    };
    build.generate().map(drop)
}

/// The fake's routes (`src/fake`): for both versions, every documented method + path of
/// `facts.<version>.yaml` with its documented status and body, keyed by the operation of
/// our spec it is (`METHOD /path`); the operations without a reference page as their
/// description answers; the documented routes that are no operation of ours.
fn fake_routes(specs: &Path, out: &Path) -> Result<(), String> {
    use std::fmt::Write as _;
    let mut code = String::from("/// Every route the fake answers.\npub(crate) const ROUTES: &[Route] = &[\n");
    for version in ["v1.0", "beta"] {
        let inputs = wiretype::build::Inputs::in_specs_folder(specs, version);
        let facts_path = inputs.facts.clone().ok_or(format!("no facts file for {version}"))?;
        let text = std::fs::read_to_string(&facts_path).map_err(|e| format!("{}: {e}", facts_path.display()))?;
        let facts = wiretype::facts::Facts::parse(&text).map_err(|e| {
            e.iter().map(|d| d.report(&facts_path.display().to_string())).collect::<Vec<_>>().join("\n")
        })?;
        let spec = std::fs::read_to_string(&inputs.spec).map_err(|e| format!("{}: {e}", inputs.spec.display()))?;
        let api = wiretype::generate(&spec).map_err(|e| format!("{}: {e:?}", inputs.spec.display()))?.api;
        let mut push = |method: &str, path: &str, key: &str, status: u16, body: &str| {
            let _ = writeln!(
                code,
                "    Route {{ version: {version:?}, method: {method:?}, path: {path:?}, key: {key:?}, status: {status}, body: {body:?} }},"
            );
        };
        for (key, entry) in &facts.operations {
            let Some((method, path)) = wiretype::facts::split_key(key) else { continue };
            match &entry.documented {
                Some(documented) => {
                    for documented_path in &documented.paths {
                        push(&documented.method, documented_path, key, documented.status, &documented.body);
                    }
                }
                None => {
                    let op = api
                        .operations
                        .iter()
                        .find(|o| o.path == path && o.method.as_str().eq_ignore_ascii_case(method));
                    let (status, body) = match op.map(|o| &o.output) {
                        Some(wiretype::ir::Output::Empty) | None => (204, "none"),
                        Some(wiretype::ir::Output::Accepted) => (202, "none"),
                        Some(wiretype::ir::Output::Count | wiretype::ir::Output::Text) => (200, "text"),
                        Some(wiretype::ir::Output::Bytes | wiretype::ir::Output::Sequence { .. }) => (200, "bytes"),
                        Some(wiretype::ir::Output::Json(_) | wiretype::ir::Output::JsonOrEmpty(_)) => (200, "object"),
                    };
                    push(method, path, key, status, body);
                }
            }
        }
        for page in &facts.unmapped_pages {
            push(&page.method, &page.path, "", page.status, &page.body);
        }
    }
    code.push_str("];\n");
    wiretype::build::write_if_changed(out, &code)
}

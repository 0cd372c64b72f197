//! For build scripts: generate a spec with the files beside it, telling cargo about each.

use crate::Generated;
use std::path::{Path, PathBuf};

/// What a build script generates from: the spec and its optional companions.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The OpenAPI document.
    pub spec: PathBuf,
    /// A generator config (include/exclude/rename/overlays), if any.
    pub config: Option<PathBuf>,
    /// Overlays applied after the config's.
    pub overlays: Vec<PathBuf>,
    /// A facts file (permissions, national clouds), if any.
    pub facts: Option<PathBuf>,
    /// How the request builders start (each given setting wins over the config's).
    pub builders: crate::config::Builders,
}

impl Inputs {
    /// The inputs our `specs/` folder keeps for one API version: `synchronization.<v>.yaml`,
    /// and, when present, `synchronization.<v>.config.yaml` and `facts.<v>.yaml`.
    pub fn in_specs_folder(specs: &Path, version: &str) -> Inputs {
        let existing = |name: String| Some(specs.join(name)).filter(|p| p.exists());
        Inputs {
            spec: specs.join(format!("synchronization.{version}.yaml")),
            config: existing(format!("synchronization.{version}.config.yaml")),
            overlays: Vec::new(),
            facts: existing(format!("facts.{version}.yaml")),
            builders: crate::config::Builders::default(),
        }
    }
}

/// Generates `inputs.spec`, printing `cargo:rerun-if-changed` for every file read and a
/// `cargo:warning` per warning. The error lists every problem, each naming its file.
pub fn generate(inputs: &Inputs) -> Result<Generated, String> {
    let spec_name = inputs.spec.display().to_string();
    let report =
        |errors: &[crate::diag::Diagnostic]| errors.iter().map(|d| d.report(&spec_name)).collect::<Vec<_>>().join("\n");
    println!("cargo:rerun-if-changed={spec_name}");
    let text = std::fs::read_to_string(&inputs.spec).map_err(|e| format!("cannot read {spec_name}: {e}"))?;
    let loaded = crate::config::load(inputs.config.as_deref(), &inputs.overlays, inputs.facts.as_deref());
    let mut loaded = loaded.map_err(|e| report(&e))?;
    let builders = &mut loaded.config.builders;
    let given = inputs.builders.clone();
    builders.root = given.root.or(builders.root.take());
    builders.client_method = given.client_method.or(builders.client_method.take());
    builders.crate_path = given.crate_path.or(builders.crate_path.take());
    for file in &loaded.files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    let generated = crate::generate_with(&text, &loaded.config).map_err(|e| report(&e))?;
    for w in &generated.warnings {
        println!("cargo:warning={}", w.report(&spec_name).replace('\n', " "));
    }
    Ok(generated)
}

/// Writes `text` to `path` unless it already holds it (so cargo does not rebuild).
pub fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

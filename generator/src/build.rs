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
    /// Whether to add the command line (`generate --cli`), besides the config's `cli`.
    pub cli: bool,
}

impl Inputs {
    /// The inputs our `specs/` folder keeps for one API version: `synchronization.<v>.yaml`
    /// and what [`Inputs::beside`] finds beside it.
    pub fn in_specs_folder(specs: &Path, version: &str) -> Inputs {
        Inputs::beside(&specs.join(format!("synchronization.{version}.yaml")))
    }

    /// A spec and the companions found beside it by name: the config
    /// `<stem>.config.yaml`, and the facts `<stem>.facts.yaml` or, for a spec named
    /// `<name>.<version>.yaml`, `facts.<version>.yaml` (so `synchronization.v1.0.yaml`
    /// finds `facts.v1.0.yaml`). The build script and the CLI both find them this way, so
    /// the same folder gives the same crate by either route.
    pub fn beside(spec: &Path) -> Inputs {
        let companions = Companions::of(spec);
        Inputs {
            spec: spec.to_path_buf(),
            config: companions.config,
            overlays: Vec::new(),
            facts: companions.facts,
            builders: crate::config::Builders::default(),
            cli: false,
        }
    }
}

/// The files found beside a spec by name (see [`Inputs::beside`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Companions {
    /// `<stem>.config.yaml`, if it exists.
    pub config: Option<PathBuf>,
    /// The facts file, if one exists.
    pub facts: Option<PathBuf>,
}

impl Companions {
    /// The companions of `spec` that exist.
    pub fn of(spec: &Path) -> Companions {
        let dir = spec.parent().unwrap_or(Path::new(""));
        let Some(stem) = spec.file_stem().and_then(|s| s.to_str()) else { return Companions::default() };
        let existing = |name: String| Some(dir.join(name)).filter(|p| p.is_file());
        let versioned = stem.split_once('.').map(|(_, version)| format!("facts.{version}.yaml"));
        Companions {
            config: existing(format!("{stem}.config.yaml")),
            facts: existing(format!("{stem}.facts.yaml")).or_else(|| versioned.and_then(existing)),
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
    loaded.config.cli |= inputs.cli;
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

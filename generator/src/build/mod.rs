//! For build scripts ([`Build`]) and the macro: generate a spec with the files beside it,
//! telling cargo about each, into one file of code.

pub mod manifest;

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

/// A description read and generated, nothing printed: what a build script and the macro
/// both start from.
pub struct Read {
    /// The generated API.
    pub generated: Generated,
    /// Every file read: the description's files, then the config, its overlays and the facts.
    pub files: Vec<PathBuf>,
    /// The warnings, each reported with its file and place.
    pub warnings: Vec<String>,
}

/// Reads and generates `inputs.spec` (following references to other files) with its
/// companions, printing nothing. The error holds every problem, each naming its file and
/// its place in it, with its hint.
pub fn read(inputs: &Inputs) -> Result<Read, Vec<String>> {
    let spec_name = inputs.spec.display().to_string();
    let report = |errors: &[crate::diag::Diagnostic]| errors.iter().map(|d| d.report(&spec_name)).collect::<Vec<_>>();
    if !inputs.spec.is_file() {
        return Err(vec![format!("{spec_name}: error: cannot read the description: no such file")]);
    }
    let loaded = crate::config::load(inputs.config.as_deref(), &inputs.overlays, inputs.facts.as_deref());
    let mut loaded = loaded.map_err(|e| report(&e))?;
    let builders = &mut loaded.config.builders;
    let given = inputs.builders.clone();
    builders.root = given.root.or(builders.root.take());
    builders.client_method = given.client_method.or(builders.client_method.take());
    builders.crate_path = given.crate_path.or(builders.crate_path.take());
    loaded.config.cli |= inputs.cli;
    let generated = crate::generate_file(&inputs.spec, &loaded.config).map_err(|e| report(&e))?;
    let mut files = generated.files.clone();
    if files.is_empty() {
        files.push(inputs.spec.clone());
    }
    files.extend(loaded.files);
    let warnings = report(&generated.warnings);
    Ok(Read { generated, files, warnings })
}

/// Generates `inputs.spec`, printing `cargo:rerun-if-changed` for every file read and a
/// `cargo:warning` per warning. The error lists every problem, each naming its file.
pub fn generate(inputs: &Inputs) -> Result<Generated, String> {
    println!("cargo:rerun-if-changed={}", inputs.spec.display());
    let read = read(inputs).map_err(|e| e.join("\n"))?;
    tell_cargo(&read);
    Ok(read.generated)
}

fn tell_cargo(read: &Read) {
    for file in &read.files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    for w in &read.warnings {
        println!("cargo:warning={}", w.replace('\n', " "));
    }
}

/// The code a build script writes for `include!` and the macro expands to: every module
/// inline in one file, and, unless the crate has one already (`runtime` false, a second
/// API beside a first), the runtime.
pub fn code(read: &Read, runtime: bool) -> Result<String, String> {
    crate::emit::package::single_file(&read.generated.rendered, runtime)
}

/// Generates a description from a build script into `OUT_DIR`, for `include!` at the root
/// of the crate (the generated code names itself `crate::`):
///
/// ```no_run
/// // build.rs
/// fn main() -> std::process::ExitCode {
///     wiretype::build::Build::new("openapi.yaml").run()
/// }
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/openapi.rs"));
/// ```
///
/// The config and facts beside the description are read as the command line reads them
/// ([`Inputs::beside`]); cargo reruns the script when any file read changes. Before
/// writing, the crate's own `Cargo.toml` is checked for the dependencies and features the
/// code needs ([`manifest::check`]), so a missing one is a message naming the lines to add
/// rather than a compile error in generated code.
#[derive(Debug, Clone)]
pub struct Build {
    inputs: Inputs,
    file: Option<String>,
    runtime: bool,
}

impl Build {
    /// The description (relative to the package, where cargo runs build scripts) and the
    /// companions found beside it.
    pub fn new(spec: impl AsRef<Path>) -> Build {
        Build { inputs: Inputs::beside(spec.as_ref()), file: None, runtime: true }
    }

    /// A generator config (include/exclude/rename/overlays) instead of the one beside the spec.
    pub fn config(mut self, path: impl AsRef<Path>) -> Build {
        self.inputs.config = Some(path.as_ref().to_path_buf());
        self
    }

    /// A facts file (permissions, national clouds) instead of the one beside the spec.
    pub fn facts(mut self, path: impl AsRef<Path>) -> Build {
        self.inputs.facts = Some(path.as_ref().to_path_buf());
        self
    }

    /// An Overlay 1.0.0 document, applied after the config's (repeatable, in order).
    pub fn overlay(mut self, path: impl AsRef<Path>) -> Build {
        self.inputs.overlays.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds the command line (`generate --cli`): `cli::main()` behind the feature `cli`.
    pub fn cli(mut self, on: bool) -> Build {
        self.inputs.cli = on;
        self
    }

    /// The Rust path of the generated code in its doc examples (default: this package's
    /// name, `-` as `_`).
    pub fn crate_path(mut self, path: impl Into<String>) -> Build {
        self.inputs.builders.crate_path = Some(path.into());
        self
    }

    /// The request builders' root type (default: `Graph` for Microsoft Graph, else `Api`).
    pub fn root(mut self, name: impl Into<String>) -> Build {
        self.inputs.builders.root = Some(name.into());
        self
    }

    /// A client method that starts the request builders (`beta`: `client.beta()…`), for a
    /// second API beside a first one in the same crate.
    pub fn client_method(mut self, name: impl Into<String>) -> Build {
        self.inputs.builders.client_method = Some(name.into());
        self
    }

    /// Leaves the runtime out: the crate includes another generated API that has it
    /// (`crate::runtime`).
    pub fn without_runtime(mut self) -> Build {
        self.runtime = false;
        self
    }

    /// The file written in `OUT_DIR` (default: the spec's file name up to its first dot,
    /// then `.rs`: `openapi.yaml` gives `openapi.rs`).
    pub fn file(mut self, name: impl Into<String>) -> Build {
        self.file = Some(name.into());
        self
    }

    /// What is generated from.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// Whether the code carries the runtime (see [`Build::without_runtime`]).
    pub fn embeds_runtime(&self) -> bool {
        self.runtime
    }

    /// The name of the file [`Build::generate`] writes.
    pub fn file_name(&self) -> String {
        self.file.clone().unwrap_or_else(|| {
            let name = self.inputs.spec.file_name().and_then(|n| n.to_str()).unwrap_or("api");
            let stem = name.split('.').next().filter(|s| !s.is_empty()).unwrap_or("api");
            format!("{}.rs", stem.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
        })
    }

    /// Checks the package's manifest, generates, writes `OUT_DIR/<file>` (only when it
    /// changed, so cargo does not rebuild) and tells cargo what was read; returns the
    /// file written. The error holds every problem, one per line.
    pub fn generate(mut self) -> Result<PathBuf, String> {
        let var = |name: &str| std::env::var_os(name).map(PathBuf::from);
        let out_dir = var("OUT_DIR").ok_or("OUT_DIR is not set: `Build` runs in a build script")?;
        if let Some(dir) = var("CARGO_MANIFEST_DIR") {
            let manifest = dir.join("Cargo.toml");
            println!("cargo:rerun-if-changed={}", manifest.display());
            manifest::check(&manifest)?;
        }
        if self.inputs.builders.crate_path.is_none() {
            self.inputs.builders.crate_path = std::env::var("CARGO_PKG_NAME").ok().map(|n| n.replace('-', "_"));
        }
        println!("cargo:rerun-if-changed={}", self.inputs.spec.display());
        let read = read(&self.inputs).map_err(|e| e.join("\n"))?;
        tell_cargo(&read);
        let out = out_dir.join(self.file_name());
        write_if_changed(&out, &code(&read, self.runtime)?)?;
        Ok(out)
    }

    /// [`Build::generate`] for a build script's `main`: on failure prints every problem
    /// and returns a failing exit code.
    pub fn run(self) -> std::process::ExitCode {
        match self.generate() {
            Ok(_) => std::process::ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                std::process::ExitCode::FAILURE
            }
        }
    }
}

/// Writes `text` to `path` unless it already holds it (so cargo does not rebuild).
pub fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

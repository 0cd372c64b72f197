//! The `wiretype` command line (feature `cli`): `wiretype generate`, `check`, `slice`,
//! `overlay` and `deps`, also run as `cargo wiretype …`.

use crate::diag::{Diagnostic, Severity};
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "wiretype",
    version,
    about = "Generate typed Rust from an OpenAPI description (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2)"
)]
struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every warning in full, and stage timings.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// What a generation reads: the spec and the files beside it.
#[derive(clap::Args)]
struct SpecInputs {
    /// The OpenAPI document (2.0, 3.0, 3.1 or 3.2; YAML or JSON). Several documents, or a directory of them,
    /// are the modules of one API: one crate, one cargo feature per module.
    #[arg(required = true, num_args = 1.., value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// A generator config (include/exclude/rename/overlays), YAML. Without it, a
    /// `<spec>.config.yaml` beside the spec is read (see --no-config).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Do not read a `<spec>.config.yaml` found beside the spec.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// An Overlay 1.0.0 document to apply to the spec before anything reads it
    /// (repeatable; applied in order, after the config's overlays).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Facts per operation from the reference documentation: permissions, national
    /// clouds (YAML, see specs/facts.v1.0.yaml). Without it, the facts beside the spec are
    /// read as the build script finds them: `<spec>.facts.yaml`, or `facts.<version>.yaml`
    /// for a spec named `<name>.<version>.yaml` (see --no-facts).
    #[arg(long)]
    facts: Option<PathBuf>,
    /// Do not read a facts file found beside the spec.
    #[arg(long, conflicts_with = "facts")]
    no_facts: bool,
    /// Add a command line: a binary named after the crate, behind the feature `cli`
    /// (also `cli: true` in the config).
    #[arg(long)]
    cli: bool,
    /// Refuse what is read liberally (each a warning without it): a path parameter the
    /// document does not declare or does not use, an operation without `responses`, a
    /// `$ref` where only a value is allowed, … (also `strict: true` in the config).
    #[arg(long)]
    strict: bool,
}

impl SpecInputs {
    /// The config and facts to read: those given, else those found beside the one spec
    /// file given (as `generated/build.rs` finds them), each unless turned off.
    fn companions(&self) -> crate::build::Companions {
        let found = match self.specs.as_slice() {
            [one] if one.is_file() => crate::build::Companions::of(one),
            _ => crate::build::Companions::default(),
        };
        crate::build::Companions {
            config: self.config.clone().or(found.config.filter(|_| !self.no_config)),
            facts: self.facts.clone().or(found.facts.filter(|_| !self.no_facts)),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Write a standalone crate (Cargo.toml + src/) for SPEC into DIR.
    #[command(
        after_help = "Example:\n  wiretype generate specs/synchronization.v1.0.yaml --out /tmp/sync --crate-name graph-sync\n  cd /tmp/sync && cargo build"
    )]
    Generate {
        #[command(flatten)]
        inputs: SpecInputs,
        /// The directory to write the crate into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The package name; derived from the spec's title when absent.
        #[arg(long)]
        crate_name: Option<String>,
    },
    /// Exit non-zero, with a short diff summary, if DIR does not hold exactly what SPEC generates.
    #[command(
        after_help = "Example (for teams who commit generated code):\n  wiretype check specs/synchronization.v1.0.yaml --out crates/graph-sync"
    )]
    Check {
        #[command(flatten)]
        inputs: SpecInputs,
        /// The directory holding a previously generated crate.
        #[arg(long)]
        out: PathBuf,
        /// The package name; read from DIR/Cargo.toml when absent.
        #[arg(long)]
        crate_name: Option<String>,
    },
    /// Cut operations out of a large document, with exactly the components they reference.
    #[command(
        after_help = "Example:\n  wiretype slice ../shared/graph-openapi/applications.v1.0.yaml \\\n    --path-prefix '/servicePrincipals/{servicePrincipal-id}/synchronization' --out sync.yaml\n\nNavigation properties (x-ms-navigationProperty) and discriminator mappings do not pull\nnew schemas into the slice; those pointing outside it are removed."
    )]
    Slice {
        /// The OpenAPI document (any version; several, or a directory of them, are merged first).
        #[arg(required = true, num_args = 1.., value_name = "SPEC")]
        specs: Vec<PathBuf>,
        /// An Overlay 1.0.0 document to apply before slicing (repeatable, in order).
        #[arg(long = "overlay", value_name = "FILE")]
        overlays: Vec<PathBuf>,
        /// Keep paths starting with this prefix (repeatable).
        #[arg(long = "path-prefix")]
        path_prefixes: Vec<String>,
        /// Keep operations with this tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Keep the operation with this operationId (repeatable).
        #[arg(long = "operation-id")]
        operation_ids: Vec<String>,
        /// Where to write the sliced YAML document.
        #[arg(long)]
        out: PathBuf,
    },
    /// Apply Overlay 1.0.0 documents to SPEC and write the result, to read what generation sees.
    #[command(
        after_help = "Example:\n  wiretype overlay ../shared/graph-openapi/synchronization.v1.0.yaml \\\n    --overlay specs/graph-sync.overlay.yaml --out target/sync.overlaid.yaml\n\nThe output is YAML, or JSON when FILE ends in .json."
    )]
    Overlay {
        /// The OpenAPI document (any version; several, or a directory of them, are merged first).
        #[arg(required = true, num_args = 1.., value_name = "SPEC")]
        specs: Vec<PathBuf>,
        /// An Overlay 1.0.0 document (repeatable; applied in order).
        #[arg(long = "overlay", value_name = "FILE", required = true)]
        overlays: Vec<PathBuf>,
        /// Where to write the overlaid document.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the [dependencies] and [features] a crate needs for code generated into it by a
    /// build script or the macro (a crate `generate` writes declares them itself).
    #[command(
        after_help = "Example:\n  wiretype deps >> Cargo.toml   # then merge with sections the file has already\n\nA build script (wiretype::build::Build) and the macro (wiretype_macro::generate!) check\nthe crate's Cargo.toml for these and name what is missing."
    )]
    Deps,
}

/// Runs the command line on `args` (the program's name first). Called as a cargo
/// subcommand (`cargo wiretype generate …` runs `cargo-wiretype wiretype generate …`), the
/// word `wiretype` after the program's name is skipped.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let mut args: Vec<OsString> = args.into_iter().collect();
    if args.get(1).is_some_and(|a| a == "wiretype") {
        args.remove(1);
    }
    let cli = Cli::parse_from(args);
    let result = match &cli.command {
        Command::Generate { inputs, out, crate_name } => generate(&cli, inputs, out, crate_name.as_deref()),
        Command::Check { inputs, out, crate_name } => check(&cli, inputs, out, crate_name.as_deref()),
        Command::Slice { specs, overlays, path_prefixes, tags, operation_ids, out } => {
            let selection = crate::slice::Selection {
                path_prefixes: path_prefixes.clone(),
                tags: tags.clone(),
                operation_ids: operation_ids.clone(),
            };
            slice(&cli, specs, overlays, &selection, out)
        }
        Command::Overlay { specs, overlays, out } => overlay(&cli, specs, overlays, out),
        Command::Deps => {
            print!("{}", crate::build::manifest::needed());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The description files the inputs name (a directory stands for the files in it).
fn spec_files(specs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for spec in specs {
        files.extend(crate::load::merge::files_in(spec).map_err(|e| format!("error: {e}"))?);
    }
    Ok(files)
}

/// The name diagnostics about the merged document itself use: the one input given.
fn main_name(specs: &[PathBuf]) -> PathBuf {
    specs.first().cloned().unwrap_or_default()
}

fn read(spec: &Path) -> Result<String, String> {
    std::fs::read_to_string(spec).map_err(|e| format!("error: cannot read {}: {e}", spec.display()))
}

fn report(cli: &Cli, spec: &Path, diagnostics: &[Diagnostic]) {
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    for d in diagnostics {
        let show = d.severity == Severity::Error || cli.verbose;
        if show {
            eprintln!("{}", d.report(&spec.display().to_string()));
        }
    }
    if warnings > 0 && !cli.verbose && !cli.quiet {
        eprintln!("{}: {warnings} warning(s); run with --verbose to see them", spec.display());
    }
}

/// What one generation produced: the result, the crate name and the crate's files.
type CrateFiles = (crate::Generated, String, Vec<(PathBuf, String)>);

/// Loads the config, overlays and facts a generation reads.
fn load_inputs(cli: &Cli, inputs: &SpecInputs) -> Result<crate::config::Config, String> {
    let companions = inputs.companions();
    if !cli.quiet {
        let found = [
            ("config", &companions.config, &inputs.config, "--no-config"),
            ("facts", &companions.facts, &inputs.facts, "--no-facts"),
        ];
        for (what, used, given, off) in found {
            if let (Some(path), None) = (used, given) {
                eprintln!("note: reading the {what} found beside the spec: {} ({off} to leave it out)", path.display());
            }
        }
    }
    let loaded = crate::config::load(companions.config.as_deref(), &inputs.overlays, companions.facts.as_deref())
        .map_err(|errors| {
            report(cli, &main_name(&inputs.specs), &errors);
            "error: the files beside the spec have problems; nothing was written".to_owned()
        })?;
    let mut config = loaded.config;
    config.cli |= inputs.cli;
    config.strict |= inputs.strict;
    Ok(config)
}

/// Generates SPEC (with its config, overlays and facts) into the files of a standalone crate.
fn files_for(cli: &Cli, inputs: &SpecInputs, crate_name: Option<&str>) -> Result<CrateFiles, String> {
    let mut config = load_inputs(cli, inputs)?;
    // Doc examples name the crate as it will be called (the config's own path wins).
    if let Some(name) = crate_name.filter(|_| config.builders.crate_path.is_none()) {
        config.builders.crate_path = Some(name.replace('-', "_"));
    }
    let spec = &main_name(&inputs.specs);
    let files = spec_files(&inputs.specs)?;
    let generated = crate::generate_files(&files, &config).map_err(|errors| {
        report(cli, spec, &errors);
        let count = errors.iter().filter(|d| d.severity == Severity::Error).count();
        format!("error: {count} problem(s) in {}; nothing was written", spec.display())
    })?;
    report(cli, spec, &generated.warnings);
    if generated.api.operations.is_empty() && !cli.quiet {
        let holds = if generated.api.webhooks.is_empty() { "its models only" } else { "its models and webhooks" };
        eprintln!("note: {} describes no operations: the crate holds {holds}", spec.display());
    }
    let name =
        crate_name.map(str::to_owned).unwrap_or_else(|| crate::names::crate_name_from_title(&generated.api.title));
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(format!(
            "error: `{name}` is not a valid package name (use ASCII letters, digits, `-` and `_`, starting with a letter)"
        ));
    }
    let started = Instant::now();
    let files = crate::emit::package::standalone(&generated.rendered, &name).map_err(|e| format!("error: {e}"))?;
    let mut generated = generated;
    // Packaging formats the small files (lib.rs, the runtime): part of the format stage.
    generated.timings.format += started.elapsed();
    Ok((generated, name, files))
}

fn generate(cli: &Cli, inputs: &SpecInputs, out: &Path, crate_name: Option<&str>) -> Result<(), String> {
    let started = Instant::now();
    let (generated, name, files) = files_for(cli, inputs, crate_name)?;
    let mut lines = 0usize;
    for (path, content) in &files {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("error: cannot create {}: {e}", parent.display()))?;
        }
        write_if_changed(&target, content)?;
        lines += content.lines().count();
    }
    if !cli.quiet {
        eprintln!(
            "generated {name}: {} operations, {} models, {lines} lines in {:.0?} -> {}",
            generated.api.operations.len(),
            generated.api.models.len(),
            started.elapsed(),
            out.display()
        );
    }
    if cli.verbose {
        let t = generated.timings;
        eprintln!(
            "  load {:?}, validate {:?}, lower {:?}, emit {:?}, format {:?}",
            t.load, t.validate, t.lower, t.emit, t.format
        );
    }
    Ok(())
}

fn check(cli: &Cli, inputs: &SpecInputs, out: &Path, crate_name: Option<&str>) -> Result<(), String> {
    let spec = &main_name(&inputs.specs);
    let existing_name = read(&out.join("Cargo.toml")).ok().and_then(|toml| {
        toml.lines()
            .find_map(|l| l.trim().strip_prefix("name = \"").and_then(|rest| rest.strip_suffix('"')).map(str::to_owned))
    });
    let (_, _, files) = files_for(cli, inputs, crate_name.or(existing_name.as_deref()))?;
    let mut problems = Vec::new();
    for (path, expected) in &files {
        match std::fs::read_to_string(out.join(path)) {
            Err(_) => problems.push(format!("  missing  {}", path.display())),
            Ok(actual) if actual != *expected => {
                let (removed, added) = line_changes(&actual, expected);
                problems.push(format!("  differs  {} (-{removed} +{added} lines)", path.display()));
            }
            Ok(_) => {}
        }
    }
    let expected: std::collections::BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    for extra in rust_files(&out.join("src")).into_iter().chain(rust_files(&out.join("crates"))) {
        let relative = extra.strip_prefix(out).map(Path::to_path_buf).unwrap_or(extra);
        if !expected.contains(&relative) {
            problems.push(format!("  extra    {}", relative.display()));
        }
    }
    if problems.is_empty() {
        if !cli.quiet {
            eprintln!("{} is up to date with {}", out.display(), spec.display());
        }
        return Ok(());
    }
    Err(format!(
        "{} is out of date with {} ({} file(s)):\n{}\nrun `wiretype generate {} --out {}` to update it",
        out.display(),
        spec.display(),
        problems.len(),
        problems.join("\n"),
        spec.display(),
        out.display()
    ))
}

/// Lines only in the old text and only in the new one (as multisets).
fn line_changes(old: &str, new: &str) -> (usize, usize) {
    let mut counts: std::collections::HashMap<&str, isize> = std::collections::HashMap::new();
    for l in old.lines() {
        *counts.entry(l).or_default() += 1;
    }
    for l in new.lines() {
        *counts.entry(l).or_default() -= 1;
    }
    let removed = counts.values().filter(|&&c| c > 0).map(|&c| c.unsigned_abs()).sum();
    let added = counts.values().filter(|&&c| c < 0).map(|&c| c.unsigned_abs()).sum();
    (removed, added)
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                // A crate's build output is not generated code.
                if path.file_name().is_some_and(|n| n != "target") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Reads SPEC (with every file it refers to, bundled into one document) and applies
/// overlays to its raw tree.
fn overlaid(cli: &Cli, specs: &[PathBuf], overlays: &[PathBuf]) -> Result<serde_json::Value, String> {
    let config = load_inputs(
        cli,
        &SpecInputs {
            specs: specs.to_vec(),
            config: None,
            no_config: true,
            overlays: overlays.to_vec(),
            facts: None,
            no_facts: true,
            cli: false,
            strict: false,
        },
    )?;
    let spec = &main_name(specs);
    let files = spec_files(specs)?;
    let result = match files.as_slice() {
        [one] => crate::overlaid_file(one, &config.overlays),
        several => crate::overlaid_files(several, &config.overlays),
    };
    let (raw, warnings, _) = result.map_err(|errors| {
        report(cli, spec, &errors);
        format!("error: cannot read {} as OpenAPI 3.0 with its overlays", spec.display())
    })?;
    report(cli, spec, &warnings);
    Ok(raw)
}

fn slice(
    cli: &Cli,
    specs: &[PathBuf],
    overlays: &[PathBuf],
    selection: &crate::slice::Selection,
    out: &Path,
) -> Result<(), String> {
    if selection.is_empty() {
        return Err("error: say what to keep: --path-prefix, --tag or --operation-id".to_owned());
    }
    let raw = overlaid(cli, specs, overlays)?;
    let sliced = crate::slice::slice(&raw, selection, &crate::slice::Exclusion::default());
    let operations = sliced.get("paths").and_then(|p| p.as_object()).map_or(0, |paths| {
        paths
            .values()
            .filter_map(|item| item.as_object())
            .map(|item| {
                let others = item.get("additionalOperations").and_then(|o| o.as_object()).map_or(0, |o| o.len());
                item.keys().filter(|k| crate::ir::Method::is_key(k) || *k == "query").count() + others
            })
            .sum()
    });
    let schemas = sliced
        .pointer("/components/schemas")
        .and_then(|s| s.as_object())
        .or_else(|| sliced.get("definitions").and_then(|d| d.as_object()))
        .map_or(0, |s| s.len());
    if operations == 0 {
        return Err("error: the selection matches no operation; nothing was written".to_owned());
    }
    let yaml = crate::slice::to_yaml(&sliced)?;
    write_if_changed(out, &yaml)?;
    if !cli.quiet {
        eprintln!("sliced {operations} operations and {schemas} schemas -> {}", out.display());
    }
    Ok(())
}

fn overlay(cli: &Cli, specs: &[PathBuf], overlays: &[PathBuf], out: &Path) -> Result<(), String> {
    let raw = overlaid(cli, specs, overlays)?;
    let text = if out.extension().is_some_and(|e| e == "json") {
        let mut text = serde_json::to_string_pretty(&raw).map_err(|e| format!("error: cannot write JSON: {e}"))?;
        text.push('\n');
        text
    } else {
        crate::slice::to_yaml(&raw).map_err(|e| format!("error: {e}"))?
    };
    write_if_changed(out, &text)?;
    if !cli.quiet {
        eprintln!("applied {} overlay(s) -> {}", overlays.len(), out.display());
    }
    Ok(())
}

/// Leaves an unchanged file alone, so cargo does not rebuild what did not change.
fn write_if_changed(path: &Path, content: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    std::fs::write(path, content).map_err(|e| format!("error: cannot write {}: {e}", path.display()))
}

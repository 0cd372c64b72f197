//! The `generator` command line.

use clap::{Parser, Subcommand};
use generator::diag::{Diagnostic, Severity};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "generator", version, about = "Generate typed Rust from an OpenAPI 3.0 description")]
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

#[derive(Subcommand)]
enum Command {
    /// Write a standalone crate (Cargo.toml + src/) for SPEC into DIR.
    #[command(
        after_help = "Example:\n  generator generate specs/synchronization.v1.0.yaml --out /tmp/sync --crate-name graph-sync\n  cd /tmp/sync && cargo build"
    )]
    Generate {
        /// The OpenAPI 3.0 document (YAML or JSON).
        spec: PathBuf,
        /// The directory to write the crate into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The package name; derived from the spec's title when absent.
        #[arg(long)]
        crate_name: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Generate { spec, out, crate_name } => generate(&cli, spec, out, crate_name.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn read(spec: &Path) -> Result<String, String> {
    std::fs::read_to_string(spec).map_err(|e| format!("error: cannot read {}: {e}", spec.display()))
}

fn report(cli: &Cli, spec: &Path, diagnostics: &[Diagnostic]) {
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    for d in diagnostics {
        let show = d.severity == Severity::Error || cli.verbose;
        if show {
            eprintln!("{}: {d}", spec.display());
        }
    }
    if warnings > 0 && !cli.verbose && !cli.quiet {
        eprintln!("{}: {warnings} warning(s); run with --verbose to see them", spec.display());
    }
}

fn generate(cli: &Cli, spec: &Path, out: &Path, crate_name: Option<&str>) -> Result<(), String> {
    let started = Instant::now();
    let text = read(spec)?;
    let generated = generator::generate(&text).map_err(|errors| {
        report(cli, spec, &errors);
        format!(
            "error: {} problem(s) in {}; nothing was written",
            errors.iter().filter(|d| d.severity == Severity::Error).count(),
            spec.display()
        )
    })?;
    report(cli, spec, &generated.warnings);
    let name = crate_name
        .map(str::to_owned)
        .unwrap_or_else(|| generator::emit::package::crate_name_from_title(&generated.api.title));
    let files = generator::emit::package::standalone(&generated.rendered, &name).map_err(|e| format!("error: {e}"))?;
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
        eprintln!("  load {:?}, validate {:?}, lower {:?}, emit {:?}", t.load, t.validate, t.lower, t.emit);
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

//! The stage driver: load (bundle the files of a description, apply overlays) → validate →
//! lower → render, each stage ending at a checkpoint that stops the run if the stage found
//! any error.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::emit::package::Rendered;
use crate::{bundle, config, emit, ir, load, lower, overlay, slice, validate};
use std::path::Path;
use std::time::{Duration, Instant};

/// Time spent in each stage of one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Parsing text into a document.
    pub load: Duration,
    /// Validation.
    pub validate: Duration,
    /// Lowering to the IR.
    pub lower: Duration,
    /// Rendering tokens.
    pub emit: Duration,
    /// Formatting (filled in by the packaging functions' callers).
    pub format: Duration,
}

/// The result of a successful run: the IR, the rendered code and the warnings.
pub struct Generated {
    /// The IR (counts, names).
    pub api: ir::Api,
    /// Rendered modules, ready to package.
    pub rendered: Rendered,
    /// Warnings of every stage.
    pub warnings: Vec<Diagnostic>,
    /// Stage timings.
    pub timings: Timings,
    /// Every file the description was read from (the root first; empty for text).
    pub files: Vec<std::path::PathBuf>,
}

/// Runs load → validate → lower → render on a spec's text.
pub fn generate(text: &str) -> Result<Generated, Vec<Diagnostic>> {
    generate_with(text, &config::Config::default())
}

/// A loaded document: bundled into one tree, overlays applied.
struct Loaded {
    raw: serde_json::Value,
    warnings: Vec<Diagnostic>,
    files: Vec<std::path::PathBuf>,
    origins: bundle::Origins,
}

fn apply_overlays(bundled: bundle::Bundled, overlays: &[overlay::Overlay]) -> Result<Loaded, Vec<Diagnostic>> {
    let bundle::Bundled { doc: mut raw, files, origins } = bundled;
    let warnings = overlay::apply_all(&mut raw, overlays)?;
    // An overlay can add anything; the result must still be a document we can read.
    let mut diags = Diagnostics::new();
    load::check_depth(&raw, &mut diags);
    diags.checkpoint()?;
    Ok(Loaded { raw, warnings, files, origins })
}

/// A document given as text, with overlays applied in order, and the overlays' warnings.
/// It must be self-contained: references to other files need [`overlaid_file`].
pub fn overlaid(
    text: &str,
    overlays: &[overlay::Overlay],
) -> Result<(serde_json::Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    on_a_large_stack(|| {
        let loaded = apply_overlays(bundle::bundle_text(load::tree(text)?)?, overlays)?;
        Ok((loaded.raw, loaded.warnings))
    })
}

/// A document read from a file, with every file it refers to bundled in and overlays
/// applied in order: the one document generation sees, its warnings, and the files read.
pub fn overlaid_file(
    path: &Path,
    overlays: &[overlay::Overlay],
) -> Result<(serde_json::Value, Vec<Diagnostic>, Vec<std::path::PathBuf>), Vec<Diagnostic>> {
    on_a_large_stack(|| {
        let loaded = apply_overlays(bundle::bundle_file(path)?, overlays)?;
        Ok((loaded.raw, loaded.warnings, loaded.files))
    })
}

/// [`generate`] with a config: overlays applied, operations filtered, names overridden.
pub fn generate_with(text: &str, config: &config::Config) -> Result<Generated, Vec<Diagnostic>> {
    on_a_large_stack(|| {
        let started = Instant::now();
        let loaded = apply_overlays(bundle::bundle_text(load::tree(text)?)?, &config.overlays)?;
        run(loaded, config, started)
    })
}

/// Generates a description read from a file, following references to other files.
pub fn generate_file(path: &Path, config: &config::Config) -> Result<Generated, Vec<Diagnostic>> {
    on_a_large_stack(|| {
        let started = Instant::now();
        let loaded = apply_overlays(bundle::bundle_file(path)?, &config.overlays)?;
        run(loaded, config, started)
    })
}

/// The stack the pipeline runs on. Every walk a document controls is bounded (nesting is
/// refused past [`load::MAX_NESTING`], schemas past lowering's depth limit, the rest uses
/// explicit stacks), but the bounded ones still recurse: deserializing the typed view of a
/// 60-level document takes about 2 MiB in a debug build. A thread of its own with a
/// generous stack (reserved, not committed) makes that independent of the caller's thread
/// (a test thread has 2 MiB, a user's may have less).
const STACK: usize = 64 * 1024 * 1024;

fn on_a_large_stack<T: Send>(f: impl FnOnce() -> Result<T, Vec<Diagnostic>> + Send) -> Result<T, Vec<Diagnostic>> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new().name("generator".to_owned()).stack_size(STACK).spawn_scoped(scope, f);
        let failed = |message: String| {
            let mut diags = Diagnostics::new();
            diags.error(&Pointer::root(), message);
            Err(diags.into_items())
        };
        match handle {
            Ok(handle) => handle.join().unwrap_or_else(|_| failed("internal error: the generator panicked".to_owned())),
            Err(e) => failed(format!("cannot start the generator's thread: {e}")),
        }
    })
}

/// The stages after loading; every diagnostic about a part copied from another file is
/// pointed at that file.
fn run(loaded: Loaded, config: &config::Config, started: Instant) -> Result<Generated, Vec<Diagnostic>> {
    let origins = loaded.origins.clone();
    let relocate = |mut items: Vec<Diagnostic>| {
        for d in &mut items {
            origins.relocate(d);
        }
        items
    };
    stages(loaded, config, started).map_err(&relocate).map(|mut generated| {
        generated.warnings = relocate(std::mem::take(&mut generated.warnings));
        generated
    })
}

fn stages(loaded: Loaded, config: &config::Config, started: Instant) -> Result<Generated, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let Loaded { mut raw, warnings: overlay_warnings, files, .. } = loaded;
    if config.filters() {
        let keep = slice::Selection {
            path_prefixes: config.include.path_prefixes.clone(),
            tags: config.include.tags.clone(),
            operation_ids: config.include.operation_ids.clone(),
        };
        let drop = slice::Exclusion {
            path_prefixes: config.exclude.path_prefixes.clone(),
            tags: config.exclude.tags.clone(),
            operation_ids: config.exclude.operation_ids.clone(),
        };
        raw = slice::slice(&raw, &keep, &drop);
    }
    let repairs = load::repair(&mut raw);
    let doc = load::typed(raw)?;
    timings.load = started.elapsed();

    let started = Instant::now();
    let mut diags = Diagnostics::new();
    validate::validate(&doc, &mut diags);
    let mut warnings = overlay_warnings;
    warnings.extend(repairs);
    warnings.extend(diags.checkpoint()?);
    timings.validate = started.elapsed();

    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let api = lower::lower(&doc.spec, config, &mut diags);
    warnings.extend(diags.checkpoint()?);
    timings.lower = started.elapsed();

    let (rendered, split) = emit::render::render(&api).map_err(|message| {
        let mut diags = Diagnostics::new();
        diags.error(&Pointer::root(), message);
        diags.into_items()
    })?;
    timings.emit = split.emit;
    timings.format = split.format;
    Ok(Generated { api, rendered, warnings, timings, files })
}

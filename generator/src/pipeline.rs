//! The stage driver: load (and overlay) → validate → lower → render, each stage ending at
//! a checkpoint that stops the run if the stage found any error.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::emit::package::Rendered;
use crate::{config, emit, ir, load, lower, overlay, slice, validate};
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
}

/// Runs load → validate → lower → render on a spec's text.
pub fn generate(text: &str) -> Result<Generated, Vec<Diagnostic>> {
    generate_with(text, &config::Config::default())
}

/// A document's raw tree with overlays applied in order, and the overlays' warnings.
pub fn overlaid(
    text: &str,
    overlays: &[overlay::Overlay],
) -> Result<(serde_json::Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut raw = load::tree(text)?;
    let warnings = overlay::apply_all(&mut raw, overlays)?;
    // An overlay can add anything; the result must still be a document we can read.
    let mut diags = Diagnostics::new();
    load::check_depth(&raw, &mut diags);
    diags.checkpoint()?;
    Ok((raw, warnings))
}

/// [`generate`] with a config: overlays applied, operations filtered, names overridden.
pub fn generate_with(text: &str, config: &config::Config) -> Result<Generated, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let (mut raw, overlay_warnings) = overlaid(text, &config.overlays)?;
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
    Ok(Generated { api, rendered, warnings, timings })
}

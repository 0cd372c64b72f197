//! An OpenAPI 3.0 to Rust generator.
//!
//! The pipeline has four stages, each ending at a checkpoint that stops the run if
//! the stage found any error (all of them reported at once, each with a JSON pointer):
//! [`load`] (text to document) → [`validate`] → lowering to the [`ir`] → [`emit`].

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::todo, clippy::indexing_slicing)
)]

pub mod build;
pub mod config;
pub mod diag;
pub mod emit;
pub mod facts;
pub mod finish;
pub mod ir;
pub mod load;
pub mod lower;
pub mod lower_ops;
pub mod names;
pub mod overlay;
pub mod resolve;
pub mod runtime;
pub mod slice;
pub mod validate;

use diag::{Diagnostic, Diagnostics, Pointer};
use emit::package::Rendered;
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
    let api = lower(&doc.spec, config, &mut diags);
    warnings.extend(diags.checkpoint()?);
    timings.lower = started.elapsed();

    let (rendered, split) = render(&api).map_err(|message| {
        let mut diags = Diagnostics::new();
        diags.error(&Pointer::root(), message);
        diags.into_items()
    })?;
    timings.emit = split.emit;
    timings.format = split.format;
    Ok(Generated { api, rendered, warnings, timings })
}

/// Lowers a validated document to the IR.
pub fn lower(spec: &openapiv3::OpenAPI, config: &config::Config, diags: &mut Diagnostics) -> ir::Api {
    let mut lw = lower::SchemaLowerer::new(spec, diags);
    let mut ops = lower_ops::lower_operations(&mut lw, &config.facts, diags);
    apply_renames(&config.rename, &mut lw.drafts, &mut ops, diags);
    let base_url =
        spec.servers.first().map(|s| s.url.trim_end_matches('/').to_owned()).filter(|u| u.starts_with("http"));
    let api = finish::finish(
        spec.info.title.clone(),
        spec.info.version.clone(),
        spec.info.description.clone(),
        base_url,
        lw.drafts,
        ops,
    );
    check_ir(&api, diags);
    api
}

/// Explicit names from the config go first in the candidate lists; a name that does not
/// match anything is reported, so a typo does not pass silently.
fn apply_renames(
    renames: &config::Renames,
    drafts: &mut [lower::Draft],
    ops: &mut [lower_ops::OpDraft],
    diags: &mut Diagnostics,
) {
    let at = Pointer::root().join("rename");
    for (schema, name) in &renames.types {
        match drafts.iter_mut().find(|d| &d.api_name == schema) {
            Some(d) => d.candidates.insert(0, name.clone()),
            None => {
                diags.warning(&at.join("types").join(schema), format!("no schema named `{schema}` to rename"));
            }
        }
    }
    for (id, name) in &renames.operations {
        match ops.iter_mut().find(|o| &o.op.api_name == id) {
            Some(o) => o.candidates.insert(0, name.clone()),
            None => {
                diags.warning(&at.join("operations").join(id), format!("no operation `{id}` to rename"));
            }
        }
    }
}

/// The IR's own invariants; a failure here is a generator bug, reported, never rendered.
fn check_ir(api: &ir::Api, diags: &mut Diagnostics) {
    let mut seen = std::collections::BTreeSet::new();
    for m in &api.models {
        if !seen.insert(m.name.as_str()) || syn::parse_str::<syn::Ident>(&m.name).is_err() {
            diags.error(
                &Pointer::from_ref(&m.api_name),
                format!("internal error: bad or duplicate type name `{}`", m.name),
            );
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for op in &api.operations {
        if !seen.insert(op.name.as_str()) || syn::parse_str::<syn::Ident>(&op.name).is_err() {
            diags.error(&Pointer::root(), format!("internal error: bad or duplicate operation name `{}`", op.name));
        }
    }
}

/// How long rendering took: building tokens, then formatting them. Models and operations
/// are rendered on two threads; each figure is the longer of the two.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderTimings {
    /// Building token streams.
    pub emit: Duration,
    /// Parsing them with syn and printing them with prettyplease.
    pub format: Duration,
}

/// Renders the IR into formatted Rust: models and operations on two threads (formatting
/// dominates the generator's time on large specs, and the two modules share nothing).
pub fn render(api: &ir::Api) -> Result<(Rendered, RenderTimings), String> {
    type Part = Result<(String, Duration, Duration), String>;
    /// Renders and formats one item at a time: the tokens of a whole module would be
    /// several times the size of its text.
    fn part(what: &str, items: impl Iterator<Item = proc_macro2::TokenStream>) -> Part {
        let (mut emitted, mut formatted) = (Duration::ZERO, Duration::ZERO);
        let mut text = String::new();
        let mut items = items;
        loop {
            let started = Instant::now();
            let Some(tokens) = items.next() else { break };
            emitted += started.elapsed();
            let started = Instant::now();
            text.push_str(&emit::package::format_items(tokens, what)?);
            formatted += started.elapsed();
        }
        Ok((text, emitted, formatted))
    }
    // syn and prettyplease recurse into nested types; a generous stack (reserved, not
    // committed) keeps the deepest schema the lowerer allows from overflowing, whatever
    // thread the caller runs on (test threads have 2 MiB).
    const STACK: usize = 64 * 1024 * 1024;
    let (models, operations) = std::thread::scope(|scope| {
        let builder = |what: &str| std::thread::Builder::new().name(format!("render-{what}")).stack_size(STACK);
        let models = builder("models").spawn_scoped(scope, || {
            let ctx = emit::Ctx { api, rt: quote::quote!(crate::runtime), models: quote::quote!() };
            part("models", emit::models::render_each(&ctx))
        });
        let operations = builder("operations").spawn_scoped(scope, || {
            let ctx = emit::Ctx { api, rt: quote::quote!(crate::runtime), models: quote::quote!(super::models::) };
            part("operations", emit::operations::render_each(&ctx))
        });
        let join = |handle: std::io::Result<std::thread::ScopedJoinHandle<'_, Part>>, what: &str| -> Part {
            match handle {
                Ok(h) => h.join().unwrap_or_else(|_| Err(format!("internal error: rendering {what} panicked"))),
                Err(e) => Err(format!("cannot start a rendering thread: {e}")),
            }
        };
        (join(models, "models"), join(operations, "operations"))
    });
    let (models, models_emit, models_format) = models?;
    let (operations, ops_emit, ops_format) = operations?;
    let rendered = Rendered {
        title: api.title.clone(),
        version: api.version.clone(),
        description: api.description.clone(),
        base_url: api.base_url.clone(),
        models,
        operations,
    };
    Ok((rendered, RenderTimings { emit: models_emit.max(ops_emit), format: models_format.max(ops_format) }))
}

//! The stage driver: load (bundle the files of a description, apply overlays) → validate →
//! lower → render, each stage ending at a checkpoint that stops the run if the stage found
//! any error.

use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::emit::render::Rendered;
use crate::load::{bundle, merge, overlay};
use crate::{config, emit, ir, load, lower, slice, validate};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    let bundle::Bundled { doc: mut raw, files, origins, warnings: mut read } = bundled;
    let mut warnings = overlay::apply_all(&mut raw, overlays)?;
    read.append(&mut warnings);
    let warnings = read;
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

/// Several descriptions read from files (the modules of one API), merged into one
/// document ([`merge`]) with overlays applied: the document generation sees, its warnings
/// (the merge's first), and the files read.
pub fn overlaid_files(
    paths: &[std::path::PathBuf],
    overlays: &[overlay::Overlay],
) -> Result<(serde_json::Value, Vec<Diagnostic>, Vec<std::path::PathBuf>), Vec<Diagnostic>> {
    on_a_large_stack(|| {
        let loaded = load_modules(paths, overlays)?;
        Ok((loaded.raw, loaded.warnings, loaded.files))
    })
}

/// Generates several descriptions as one API: each module's operations behind a cargo
/// feature named after its file, each shared definition once ([`merge`]). One file is
/// [`generate_file`].
pub fn generate_files(paths: &[std::path::PathBuf], config: &config::Config) -> Result<Generated, Vec<Diagnostic>> {
    if let [one] = paths {
        return generate_file(one, config);
    }
    on_a_large_stack(|| {
        let started = Instant::now();
        let loaded = load_modules(paths, &config.overlays)?;
        run(loaded, config, started)
    })
}

/// Bundles each module (on as many threads as there are cores, the largest files first so
/// that the threads finish together), merges them, applies the overlays. Every module's
/// problems are reported, each naming its file.
fn load_modules(paths: &[std::path::PathBuf], overlays: &[overlay::Overlay]) -> Result<Loaded, Vec<Diagnostic>> {
    let features = merge::features_of(paths);
    let threads =
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).clamp(1, paths.len().max(1));
    let mut order: Vec<usize> = (0..paths.len()).collect();
    let size = |i: &usize| paths.get(*i).and_then(|p| std::fs::metadata(p).ok()).map_or(0, |m| m.len());
    order.sort_by_key(|i| std::cmp::Reverse(size(i)));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<bundle::Bundled, Vec<Diagnostic>>>> = vec![None; paths.len()];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (order, next) = (&order, &next);
                std::thread::Builder::new().name("generator-load".to_owned()).stack_size(STACK).spawn_scoped(
                    scope,
                    move || {
                        let mut done = Vec::new();
                        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                            if let Some(path) = paths.get(i) {
                                done.push((i, bundle::bundle_file(path)));
                            }
                        }
                        done
                    },
                )
            })
            .collect();
        for handle in handles {
            if let Ok(Ok(done)) = handle.map(|h| h.join()) {
                for (i, result) in done {
                    if let Some(slot) = results.get_mut(i) {
                        *slot = Some(result);
                    }
                }
            }
        }
    });
    let mut modules = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    let mut read_warnings = Vec::new();
    for ((path, feature), result) in paths.iter().zip(features).zip(results) {
        match result {
            Some(Ok(mut bundled)) => {
                // Each module into the one model on its own (modules may be of different
                // versions), its moves settled as places of its file before merging.
                let name = path.display().to_string();
                let read = load::normalize(&mut bundled.doc, &mut bundled.origins);
                let located = |mut items: Vec<Diagnostic>, origins: &bundle::Origins| {
                    for d in &mut items {
                        origins.relocate(d);
                        d.file.get_or_insert_with(|| name.clone());
                    }
                    items
                };
                match read {
                    Ok(warnings) => {
                        read_warnings.extend(located(warnings, &bundled.origins));
                        bundled.origins.settle(&name);
                        modules.push(merge::Module { file: path.clone(), feature, bundled });
                    }
                    Err(errors) => problems.extend(located(errors, &bundled.origins)),
                }
            }
            Some(Err(errors)) => problems.extend(errors),
            None => {
                let mut diags = Diagnostics::for_file(path.display().to_string());
                diags.error(&Pointer::root(), "internal error: reading this file stopped");
                problems.extend(diags.into_items());
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (merged, merge_warnings) = merge::merge(modules);
    let mut loaded = apply_overlays(merged, overlays)?;
    let mut warnings = read_warnings;
    warnings.extend(merge_warnings);
    warnings.append(&mut loaded.warnings);
    loaded.warnings = warnings;
    Ok(loaded)
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

/// The errors a stage stopped on; with `--strict`, after the liberal readings before it,
/// each the error it is then (so that a user sees them all at once).
fn stopped(config: &config::Config, warnings: &[Diagnostic], errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !config.strict {
        return errors;
    }
    let liberal = warnings.iter().filter(|w| w.liberal).cloned().collect();
    let mut all = crate::diag::strict(liberal).unwrap_or_else(|refused| refused);
    all.extend(errors);
    all
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
fn run(mut loaded: Loaded, config: &config::Config, started: Instant) -> Result<Generated, Vec<Diagnostic>> {
    // The document as written (any version), into the one model the stages read.
    let read = load::normalize(&mut loaded.raw, &mut loaded.origins);
    let origins = loaded.origins.clone();
    let relocate = |mut items: Vec<Diagnostic>| {
        for d in &mut items {
            origins.relocate(d);
        }
        items
    };
    loaded.warnings.extend(read.map_err(&relocate)?);
    let mut generated = stages(loaded, config, started).map_err(&relocate)?;
    generated.warnings = relocate(std::mem::take(&mut generated.warnings));
    if config.strict {
        generated.warnings = crate::diag::strict(std::mem::take(&mut generated.warnings))?;
    }
    Ok(generated)
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
    // The typed view and the check of every reference only read the tree: they run side
    // by side (the check is validation's, and reported as such).
    let (spec, mut diags) = std::thread::scope(|scope| {
        let references =
            std::thread::Builder::new().name("generator-references".to_owned()).spawn_scoped(scope, || {
                let mut diags = Diagnostics::new();
                validate::check_references(&raw, &mut diags);
                diags
            });
        let spec = load::typed_view(&raw);
        let diags = match references.map(|handle| handle.join()) {
            Ok(Ok(diags)) => diags,
            Ok(Err(_)) | Err(_) => {
                // The thread could not start or stopped: check here instead.
                let mut diags = Diagnostics::new();
                validate::check_references(&raw, &mut diags);
                diags
            }
        };
        (spec, diags)
    });
    let spec = spec?;
    timings.load = started.elapsed();

    let started = Instant::now();
    validate::check_paths(&spec, &mut diags);
    let mut warnings = overlay_warnings;
    warnings.extend(repairs);
    warnings.extend(diags.checkpoint().map_err(|errors| stopped(config, &warnings, errors))?);
    timings.validate = started.elapsed();
    // Nothing reads the tree from here on; freeing it (some hundreds of MiB for the whole
    // of Graph) takes a core that lowering leaves idle.
    let freed = std::thread::Builder::new().name("generator-free".to_owned()).spawn(move || drop(raw));

    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let api = lower::lower(&spec, config, &mut diags);
    drop(freed.map(std::thread::JoinHandle::join));
    warnings.extend(diags.checkpoint().map_err(|errors| stopped(config, &warnings, errors))?);
    timings.lower = started.elapsed();
    // The IR holds all rendering needs: the typed view goes too, beside rendering.
    let freed = std::thread::Builder::new().name("generator-free".to_owned()).spawn(move || drop(spec));

    let rendered = emit::render::render(&api);
    drop(freed.map(std::thread::JoinHandle::join));
    let (rendered, split) = rendered.map_err(|message| {
        let mut diags = Diagnostics::new();
        diags.error(&Pointer::root(), message);
        diags.into_items()
    })?;
    timings.emit = split.emit;
    timings.format = split.format;
    let mut rendered = rendered;
    if config.cli {
        let token_env = if api.base_url.as_deref().is_some_and(crate::runtime::is_microsoft_graph) {
            "GRAPH_TOKEN".to_owned()
        } else {
            format!("{}_TOKEN", crate::names::crate_name_from_title(&api.title).replace('-', "_").to_ascii_uppercase())
        };
        rendered.cli = Some(emit::cli::render(&api, &token_env).map_err(|message| {
            let mut diags = Diagnostics::new();
            diags.error(&Pointer::root(), message);
            diags.into_items()
        })?);
    }
    Ok(Generated { api, rendered, warnings, timings, files })
}

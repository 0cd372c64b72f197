//! Rendering the whole IR: the models, the operations (in chunks) and the request
//! builders are units of work that threads take in turn, each formatted one item at a time
//! (formatting dominates the generator's time on large specs, and the units share
//! nothing). Results are put together in unit order, so the output does not depend on
//! which thread did what.

use super::format::Piece;
use super::Ctx;
use crate::ir::{self, Gate};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A module's formatted items: those every build compiles, and those of each gate (the
/// features that compile them), in the order the gates first appear. With several
/// modules, each gate's items get a file of their own, which a build without its features
/// never reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouped {
    /// Items every build compiles.
    pub common: String,
    /// Items of each gate.
    pub gated: Vec<(crate::ir::Gate, String)>,
}

impl Grouped {
    /// The text of one gate's items, started when the gate is new.
    pub fn part(&mut self, gate: &crate::ir::Gate) -> &mut String {
        let index = match self.gated.iter().position(|(g, _)| g == gate) {
            Some(i) => i,
            None => {
                self.gated.push((gate.clone(), String::new()));
                self.gated.len() - 1
            }
        };
        // The entry exists: it was found or just pushed.
        match self.gated.get_mut(index) {
            Some((_, text)) => text,
            None => &mut self.common,
        }
    }

    /// The items of exactly one feature (`Gate::Features([feature])`).
    pub fn of_feature(&self, feature: usize) -> &str {
        self.gated
            .iter()
            .find(|(g, _)| *g == crate::ir::Gate::Features(vec![feature]))
            .map_or("", |(_, text)| text.as_str())
    }

    /// Appends another part's items (the later unit of rendering).
    pub fn append(&mut self, other: Grouped) {
        self.common.push_str(&other.common);
        for (gate, text) in other.gated {
            self.part(&gate).push_str(&text);
        }
    }

    /// Every item, common ones first (one file, when there are no features).
    pub fn all(&self) -> String {
        let mut text = self.common.clone();
        for (_, part) in &self.gated {
            text.push_str(part);
        }
        text
    }
}

/// Rendered modules of one API, before packaging.
pub struct Rendered {
    /// Title and version, for headers.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The first server URL, if any.
    pub base_url: Option<String>,
    /// Items of the `models` module, formatted, by models crate (one, unless a crate per
    /// module splits them: then the lowest first).
    pub models: Vec<Grouped>,
    /// By models crate as [`Rendered::models`]: when it uses the models' macro
    /// (`json::lossless_struct!`, which every struct does), the gate of its structs;
    /// `None` when it defines no struct.
    pub struct_parts: Vec<Option<ir::Gate>>,
    /// With a crate per module, the models of exactly one module (each in its module's
    /// crate) and those no operation reaches (in the crate users depend on), by gate.
    pub module_models: Grouped,
    /// With a crate per module, for each module (feature) whether its crate defines a
    /// struct (and so uses the models' macro).
    pub module_structs: Vec<bool>,
    /// With a crate per module, whether the crate users depend on defines a struct (a
    /// model no operation reaches).
    pub top_structs: bool,
    /// Items of the `operations` module, formatted (with their setters on `Bound` when
    /// there is one crate).
    pub operations: Grouped,
    /// With a crate per module, the operations' setters on `Bound` (which the crate users
    /// depend on defines).
    pub bound: Grouped,
    /// Items of the `paths` module (the request builders), formatted.
    pub paths: Grouped,
    /// Items of the `webhooks` module, formatted (empty when the API sends none).
    pub webhooks: String,
    /// Items of the `server` module (feature `server`), formatted.
    pub server: String,
    /// The request builders' root type, re-exported beside the modules.
    pub root: String,
    /// The modules' cargo features (none for one description).
    pub features: Vec<String>,
    /// How the output is packaged.
    pub layout: crate::ir::Layout,
    /// The trait that starts the request builders at a client, when there is one.
    pub client_trait: Option<String>,
    /// With a crate per module, for each module (feature) the setters its operations repeat
    /// on `Bound`, each with its trait (`if_match`, `IfMatch`).
    pub setter_traits: Vec<Vec<(String, String)>>,
    /// The `cli` module (`generate --cli`), formatted.
    pub cli: Option<String>,
}

/// How long rendering took: building tokens, then formatting them, summed over the
/// threads and divided by their number (the wall-clock share of each).
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderTimings {
    /// Building token streams.
    pub emit: Duration,
    /// Parsing them with syn and printing them with prettyplease.
    pub format: Duration,
}

/// Operations per unit of work.
const CHUNK: usize = 400;

/// syn and prettyplease recurse into nested types; a generous stack (reserved, not
/// committed) keeps the deepest schema the lowerer allows from overflowing, whatever
/// thread the caller runs on (test threads have 2 MiB).
const STACK: usize = 64 * 1024 * 1024;

/// A unit of rendering work.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Models,
    /// Operations `start..end`.
    Operations(usize, usize),
    Paths,
}

/// What a unit produced.
#[derive(Default)]
struct Output {
    /// By models crate (one unless the models are split).
    models: Vec<Grouped>,
    module_models: Grouped,
    operations: Grouped,
    bound: Grouped,
    paths: Grouped,
    webhooks: Grouped,
    server: Grouped,
    emit: Duration,
    format: Duration,
}

/// Formats items, each with the doc lines of its first (often none), into `into`: with
/// features, each item goes to its gate's part (compiled only with those features, so its
/// own `cfg` is left out); without, to the common part.
fn format_into<'a>(
    ctx: &Ctx<'_>,
    what: &str,
    items: impl Iterator<Item = (Vec<String>, Vec<Piece>, &'a Gate)>,
    into: &mut Grouped,
    emit: &mut Duration,
    format: &mut Duration,
) -> Result<(), String> {
    let gated = !ctx.api.features.is_empty();
    let mut items = items;
    loop {
        let started = Instant::now();
        let Some((docs, pieces, gate)) = items.next() else { break };
        *emit += started.elapsed();
        let started = Instant::now();
        let text = ctx.doc_lines.restore(super::format::format_pieces(&docs, pieces, what)?)?;
        match gate {
            Gate::Features(_) if gated => into.part(gate).push_str(&text),
            _ => into.common.push_str(&text),
        }
        *format += started.elapsed();
    }
    Ok(())
}

fn run(api: &ir::Api, unit: Unit) -> Result<Output, String> {
    let mut out = Output::default();
    let (mut emit, mut format) = (Duration::ZERO, Duration::ZERO);
    match unit {
        Unit::Models => {
            let ctx = Ctx::new(api, quote::quote!(crate::runtime), quote::quote!());
            let parts = match api.layout {
                ir::Layout::CratePerModule { model_parts, .. } => model_parts.max(1),
                ir::Layout::OneCrate => 1,
            };
            // With a crate per module, a model of one module is in that module's crate.
            let own = |m: &ir::Model| api.outside_models_crates(&m.gate);
            out.models = vec![Grouped::default(); parts];
            for (part, grouped) in out.models.iter_mut().enumerate() {
                let items = api
                    .models
                    .iter()
                    .filter(|m| m.part == part && !own(m))
                    .map(|m| (Vec::new(), vec![Piece::Tokens(super::models::render_one(&ctx, m))], &m.gate));
                format_into(&ctx, "models", items, grouped, &mut emit, &mut format)?;
            }
            let items = api
                .models
                .iter()
                .filter(|m| own(m))
                .map(|m| (Vec::new(), vec![Piece::Tokens(super::models::render_one(&ctx, m))], &m.gate));
            format_into(&ctx, "models", items, &mut out.module_models, &mut emit, &mut format)?;
        }
        Unit::Operations(start, end) => {
            let ctx = Ctx::new(api, quote::quote!(crate::runtime), quote::quote!(super::models::));
            let ops = api.operations.get(start..end).unwrap_or_default();
            match api.layout {
                ir::Layout::OneCrate => {
                    let items = ops.iter().map(|op| {
                        let super::operations::Parts { docs, mut items, bound } = super::operations::parts(&ctx, op);
                        items.push(Piece::Tokens(bound));
                        (docs, items, &op.gate)
                    });
                    format_into(&ctx, "operations", items, &mut out.operations, &mut emit, &mut format)?;
                }
                ir::Layout::CratePerModule { .. } => {
                    let mut bound = Vec::new();
                    let items = ops.iter().map(|op| {
                        let super::operations::Parts { docs, items, bound: b } = super::operations::parts(&ctx, op);
                        bound.push((Vec::new(), vec![Piece::Tokens(b)], &op.gate));
                        (docs, items, &op.gate)
                    });
                    format_into(&ctx, "operations", items, &mut out.operations, &mut emit, &mut format)?;
                    format_into(&ctx, "bound setters", bound.into_iter(), &mut out.bound, &mut emit, &mut format)?;
                }
            }
        }
        Unit::Paths => {
            let ctx = Ctx::new(api, quote::quote!(crate::runtime), quote::quote!(super::models::));
            let items = super::paths::render_each(&ctx).map(|(pieces, gate)| (Vec::new(), pieces, gate));
            format_into(&ctx, "paths", items, &mut out.paths, &mut emit, &mut format)?;
            let items = api
                .webhooks
                .iter()
                .map(|w| (Vec::new(), vec![Piece::Tokens(super::webhooks::render_one(&ctx, w))], &w.gate));
            format_into(&ctx, "webhooks", items, &mut out.webhooks, &mut emit, &mut format)?;
            let server = [(Vec::new(), vec![Piece::Tokens(super::server::module(&ctx))], &Gate::Always)];
            format_into(&ctx, "server", server.into_iter(), &mut out.server, &mut emit, &mut format)?;
        }
    }
    out.emit = emit;
    out.format = format;
    Ok(out)
}

/// Renders the IR into formatted Rust, on as many threads as there are cores.
pub fn render(api: &ir::Api) -> Result<(Rendered, RenderTimings), String> {
    let mut units = vec![Unit::Models, Unit::Paths];
    let mut start = 0;
    while start < api.operations.len() {
        let end = (start + CHUNK).min(api.operations.len());
        units.push(Unit::Operations(start, end));
        start = end;
    }
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).clamp(1, units.len());
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Output, String>>> = Vec::new();
    results.resize_with(units.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (units, next) = (&units, &next);
                std::thread::Builder::new().name(format!("render-{t}")).stack_size(STACK).spawn_scoped(
                    scope,
                    move || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(unit) = units.get(i) else { break };
                            let result = run(api, *unit);
                            let failed = result.is_err();
                            done.push((i, result));
                            if failed {
                                break;
                            }
                        }
                        done
                    },
                )
            })
            .collect();
        for handle in handles {
            match handle.map(|h| h.join()) {
                Ok(Ok(done)) => {
                    for (i, result) in done {
                        if let Some(slot) = results.get_mut(i) {
                            *slot = Some(result);
                        }
                    }
                }
                Ok(Err(_)) => results.push(Some(Err("internal error: rendering panicked".to_owned()))),
                Err(e) => results.push(Some(Err(format!("cannot start a rendering thread: {e}")))),
            }
        }
    });
    // In unit order: models, paths, then the operations' chunks in operation order.
    let mut total = Output::default();
    let (mut emit, mut format) = (Duration::ZERO, Duration::ZERO);
    for result in results {
        let out = match result {
            Some(result) => result?,
            // A unit a thread did not reach because another failed: that failure is reported.
            None => continue,
        };
        emit += out.emit;
        format += out.format;
        if total.models.len() < out.models.len() {
            total.models.resize(out.models.len(), Grouped::default());
        }
        for (mine, theirs) in total.models.iter_mut().zip(out.models) {
            mine.append(theirs);
        }
        total.module_models.append(out.module_models);
        total.operations.append(out.operations);
        total.bound.append(out.bound);
        total.paths.append(out.paths);
        total.webhooks.append(out.webhooks);
        total.server.append(out.server);
    }
    let share = |d: Duration| d / u32::try_from(threads).unwrap_or(1);
    let rendered = Rendered {
        title: api.title.clone(),
        version: api.version.clone(),
        description: api.description.clone(),
        base_url: api.base_url.clone(),
        struct_parts: {
            let mut parts: Vec<Option<Gate>> = vec![None; total.models.len()];
            let in_parts = |m: &&ir::Model| !api.outside_models_crates(&m.gate);
            for model in api.models.iter().filter(|m| matches!(m.kind, ir::ModelKind::Struct(_))).filter(in_parts) {
                if let Some(slot) = parts.get_mut(model.part) {
                    *slot = Some(slot.as_ref().map_or_else(|| model.gate.clone(), |g| g.union(&model.gate)));
                }
            }
            parts
        },
        models: total.models,
        module_models: total.module_models,
        module_structs: module_structs(api),
        top_structs: api
            .models
            .iter()
            .any(|m| matches!(m.kind, ir::ModelKind::Struct(_)) && api.above_modules(&m.gate)),
        operations: total.operations,
        bound: total.bound,
        paths: total.paths,
        webhooks: total.webhooks.all(),
        server: total.server.all(),
        root: api.paths.nodes.first().map(|n| n.name.clone()).unwrap_or_default(),
        features: api.features.clone(),
        layout: api.layout.clone(),
        client_trait: match &api.paths.client_entry {
            ir::ClientEntry::Trait(name) => Some(name.clone()),
            _ => None,
        },
        setter_traits: setter_traits(api),
        cli: None,
    };
    Ok((rendered, RenderTimings { emit: share(emit), format: share(format) }))
}

/// [`Rendered::setter_traits`]: the IR's traits, by the module of the operations that use them.
fn setter_traits(api: &ir::Api) -> Vec<Vec<(String, String)>> {
    let ir::Layout::CratePerModule { setter_traits, .. } = &api.layout else { return Vec::new() };
    let mut by_feature: Vec<std::collections::BTreeMap<&str, &str>> = vec![Default::default(); api.features.len()];
    for op in &api.operations {
        let Gate::Features(features) = &op.gate else { continue };
        for feature in features {
            let Some(names) = by_feature.get_mut(*feature) else { continue };
            for setter in op.optional_setters() {
                if let Some((name, trait_name)) = setter_traits.get_key_value(setter) {
                    names.insert(name, trait_name);
                }
            }
        }
    }
    by_feature.into_iter().map(|names| names.into_iter().map(|(n, t)| (n.to_owned(), t.to_owned())).collect()).collect()
}

/// [`Rendered::module_structs`].
fn module_structs(api: &ir::Api) -> Vec<bool> {
    let mut structs = vec![false; api.features.len()];
    for model in api.models.iter().filter(|m| matches!(m.kind, ir::ModelKind::Struct(_))) {
        if let Some(slot) = api.own_module(&model.gate).and_then(|f| structs.get_mut(f)) {
            *slot = true;
        }
    }
    structs
}

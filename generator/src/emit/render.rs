//! Rendering the whole IR: models and operations on two threads, each formatted one item
//! at a time (formatting dominates the generator's time on large specs, and the two
//! modules share nothing).

use super::package::Rendered;
use crate::ir;
use std::time::{Duration, Instant};

/// How long rendering took: building tokens, then formatting them. Models and operations
/// are rendered on two threads; each figure is the longer of the two.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderTimings {
    /// Building token streams.
    pub emit: Duration,
    /// Parsing them with syn and printing them with prettyplease.
    pub format: Duration,
}

/// Renders the IR into formatted Rust: models on one thread, operations and then the
/// request builders on another (formatting dominates the generator's time on large specs,
/// and the modules share nothing).
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
            text.push_str(&super::package::format_items(tokens, what)?);
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
            let ctx = super::Ctx { api, rt: quote::quote!(crate::runtime), models: quote::quote!() };
            part("models", super::models::render_each(&ctx))
        });
        // The request builders are small; they follow the operations on the same thread.
        let operations = builder("operations").spawn_scoped(scope, || {
            let ctx = super::Ctx { api, rt: quote::quote!(crate::runtime), models: quote::quote!(super::models::) };
            let (operations, emitted, formatted) = part("operations", super::operations::render_each(&ctx))?;
            let (paths, paths_emitted, paths_formatted) = part("paths", super::paths::render_each(&ctx))?;
            Ok(((operations, paths), emitted + paths_emitted, formatted + paths_formatted))
        });
        fn join<T>(
            handle: std::io::Result<std::thread::ScopedJoinHandle<'_, Result<T, String>>>,
            what: &str,
        ) -> Result<T, String> {
            match handle {
                Ok(h) => h.join().unwrap_or_else(|_| Err(format!("internal error: rendering {what} panicked"))),
                Err(e) => Err(format!("cannot start a rendering thread: {e}")),
            }
        }
        (join(models, "models"), join(operations, "operations"))
    });
    let (models, models_emit, models_format) = models?;
    let ((operations, paths), ops_emit, ops_format) = operations?;
    let rendered = Rendered {
        title: api.title.clone(),
        version: api.version.clone(),
        description: api.description.clone(),
        base_url: api.base_url.clone(),
        models,
        operations,
        paths,
        root: api.paths.nodes.first().map(|n| n.name.clone()).unwrap_or_default(),
    };
    Ok((rendered, RenderTimings { emit: models_emit.max(ops_emit), format: models_format.max(ops_format) }))
}

//! Stage 3: lower a validated document to the IR. This module is the stage's driver and
//! nothing else:
//!
//! 1. [`schemas`] (and [`objects`] for properties and `allOf`): every schema becomes a
//!    type, and every shape that needs a name a model draft in the [`registry`];
//! 2. [`operations`]: every operation becomes an operation draft (parameters, body,
//!    answer, paging, documented facts), lowering the schemas it meets the same way;
//! 3. the config's renames put explicit names first;
//! 4. [`finish`]: names, newtypes for infinite aliases, boxing, `Default`, the request
//!    builders' tree ([`paths`]), and the IR is built. Its invariants are checked before
//!    the stage's checkpoint.

pub mod answers;
pub mod cli;
pub mod draft;
pub mod finish;
pub mod gates;
pub mod methods;
pub mod objects;
pub mod operations;
pub mod parts;
pub mod paths;
pub mod registry;
pub mod scalars;
pub mod schemas;
pub mod serve;

use crate::diag::{Diagnostics, Pointer};
use crate::ir;

/// Lowers a validated document to the IR.
pub fn lower(spec: &openapiv3::OpenAPI, config: &crate::config::Config, diags: &mut Diagnostics) -> ir::Api {
    // Declared before the lowerer, which borrows the schemas inside them.
    let webhook_items = operations::webhook_items(spec, diags);
    let additional = operations::additional_operations(spec, diags);
    let mut lowerer = schemas::SchemaLowerer::new(spec, diags);
    let mut operations = operations::lower_operations(&mut lowerer, &additional, &config.facts, diags);
    let webhooks = operations::lower_webhooks(&mut lowerer, &webhook_items, diags);
    let mut registry = lowerer.into_registry();
    drop_alternatives_that_are_the_union_itself(&mut registry, diags);
    apply_renames(&config.rename, &mut registry, &mut operations, diags);
    let info = finish::Info {
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        base_url: spec
            .servers
            .first()
            .map(|s| s.url.trim_end_matches('/').to_owned())
            .filter(|u| u.starts_with("http")),
        features: features_of(spec, &operations),
        sentinels: {
            let mut all: Vec<String> = ir::DEFAULT_SENTINELS.iter().map(|s| (*s).to_owned()).collect();
            all.extend(config.sentinels.iter().filter(|s| !ir::DEFAULT_SENTINELS.contains(&s.as_str())).cloned());
            all
        },
    };
    let root = builders_root(config, &info, diags);
    let layout = if info.features.is_empty() {
        ir::Layout::OneCrate
    } else {
        // The number of models crates is settled with the models (`finish`).
        ir::Layout::CratePerModule {
            models_crate: format!("{}_models", root.crate_path.split("::").next().unwrap_or("api")),
            model_parts: 1,
            setter_traits: std::collections::BTreeMap::new(),
        }
    };
    let part_lines = config.models_part_lines.unwrap_or(parts::PART_WEIGHT).max(1);
    let api = finish::finish(info, registry.into_drafts(), operations, webhooks, &root, layout, part_lines);
    check_ir(&api, diags);
    api
}

/// The cargo features of a merged description: the modules' list at its root (in module
/// order), then any operation's feature the list lacks (an overlay may have added one);
/// only those some operation has (a slice of a merged document keeps its list).
fn features_of(spec: &openapiv3::OpenAPI, operations: &[draft::OperationDraft]) -> Vec<String> {
    let mut features: Vec<String> = spec
        .extensions
        .get(crate::load::merge::FEATURES_EXTENSION)
        .and_then(serde_json::Value::as_array)
        .map(|list| list.iter().filter_map(|f| f.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    for feature in operations.iter().filter_map(|op| op.feature.as_ref()) {
        if !features.contains(feature) {
            features.push(feature.clone());
        }
    }
    features.retain(|f| operations.iter().any(|op| op.feature.as_ref() == Some(f)));
    features
}

/// The request builders' root: its name, how a client starts a chain, where doc examples
/// find the code (the config's `builders:`, else the defaults).
fn builders_root(config: &crate::config::Config, info: &finish::Info, diags: &mut Diagnostics) -> paths::Root {
    let builders = &config.builders;
    // Microsoft Graph's root is `Graph`, as in its SDKs' snippets.
    let graph = info.base_url.as_deref().is_some_and(crate::runtime::is_microsoft_graph);
    let name = builders.root.clone().unwrap_or_else(|| if graph { "Graph" } else { "Api" }.to_owned());
    if crate::runtime::RUNTIME_EXPORTS.contains(&name.as_str()) {
        diags.error(
            &Pointer::root().join("builders").join("root"),
            format!("`{name}` is a name the crate's root has already (it re-exports the runtime's)"),
        );
    }
    let client_methods = crate::runtime::inherent_methods("Client").unwrap_or_else(|e| {
        diags.error(&Pointer::root(), format!("internal error: {e}"));
        Vec::new()
    });
    let client_entry = match &builders.client_method {
        // The client is the models crate's type (see `ir::Layout`): a trait of the crate
        // users depend on carries the root's steps.
        _ if !info.features.is_empty() => ir::ClientEntry::Trait("RequestBuilders".to_owned()),
        Some(method) if client_methods.contains(method) => {
            diags.error(
                &Pointer::root().join("builders").join("client-method"),
                format!("`{method}` is a method the client has already"),
            );
            ir::ClientEntry::Steps
        }
        Some(method) => ir::ClientEntry::Method(method.clone()),
        None => ir::ClientEntry::Steps,
    };
    let crate_path = builders
        .crate_path
        .clone()
        .unwrap_or_else(|| crate::names::crate_name_from_title(&info.title).replace('-', "_"));
    paths::Root { name, client_entry, crate_path, client_methods }
}

/// An alternative of a union that leads back to the union through other unions and
/// aliases only (`AnySelf = anyOf [AnySelf, string]`) adds no value the others do not,
/// and decoding it would try the union again without consuming any input, for ever. Such
/// alternatives are dropped, with a warning.
fn drop_alternatives_that_are_the_union_itself(registry: &mut registry::Registry, diags: &mut Diagnostics) {
    use draft::DraftKind;
    // The models a model stands for without consuming input: a union's alternatives and
    // an alias's target.
    let transparent = |registry: &registry::Registry, id: ir::ModelId| -> Vec<ir::ModelId> {
        match registry.kind(id) {
            Some(DraftKind::Union(u)) => u.variants.iter().filter_map(|v| transparent_target(&v.ty)).collect(),
            Some(DraftKind::Alias(t)) => transparent_target(t).into_iter().collect(),
            _ => Vec::new(),
        }
    };
    let unions: Vec<ir::ModelId> = (0..)
        .map_while(|id| registry.get(id).map(|d| (id, d)))
        .filter(|(_, d)| matches!(d.kind, DraftKind::Union(_)))
        .map(|(id, _)| id)
        .collect();
    for union in unions {
        // Everything reachable from each alternative without consuming input (an explicit
        // stack: a document controls how long such chains are).
        let leads_back = |start: ir::ModelId| {
            let mut seen = std::collections::BTreeSet::new();
            let mut pending = vec![start];
            while let Some(id) = pending.pop() {
                if id == union {
                    return true;
                }
                if seen.insert(id) {
                    pending.extend(transparent(registry, id));
                }
            }
            false
        };
        let cyclic: Vec<String> = match registry.kind(union) {
            Some(DraftKind::Union(u)) => u
                .variants
                .iter()
                .filter(|v| transparent_target(&v.ty).is_some_and(&leads_back))
                .map(|v| v.name.clone())
                .collect(),
            _ => Vec::new(),
        };
        if cyclic.is_empty() {
            continue;
        }
        let api_name = registry.get(union).map(|d| d.api_name.clone()).unwrap_or_default();
        registry.drop_union_variants(union, |v| cyclic.contains(&v.name));
        let at = if api_name.starts_with('#') {
            Pointer::from_ref(&api_name)
        } else {
            Pointer::root().join("components").join("schemas").join(&api_name)
        };
        diags.warning(
            &at,
            format!(
                "the alternatives {} lead back to this union itself; they are left out (they add no value)",
                cyclic.join(", ")
            ),
        );
    }
}

/// The model a type stands for without consuming input (lowering does not box yet).
fn transparent_target(ty: &ir::Type) -> Option<ir::ModelId> {
    match ty {
        ir::Type::Model(to) => Some(*to),
        _ => None,
    }
}

/// Explicit names from the config go first in the candidate lists; a name that does not
/// match anything is reported, so a typo does not pass silently.
fn apply_renames(
    renames: &crate::config::Renames,
    registry: &mut registry::Registry,
    operations: &mut [draft::OperationDraft],
    diags: &mut Diagnostics,
) {
    let at = Pointer::root().join("rename");
    for (schema, name) in &renames.types {
        if !registry.prefer_name(schema, name) {
            diags.warning(&at.join("types").join(schema), format!("no schema named `{schema}` to rename"));
        }
    }
    for (id, name) in &renames.operations {
        match operations.iter_mut().find(|o| &o.api_name == id) {
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

//! The final pass: drafts become the IR. Decided here: every model's and operation's Rust
//! name (in spec order, with config renames first), which aliases must be newtypes
//! (`type A = Vec<A>` is infinite), which fields are boxed (a type may not contain itself
//! by value), and which structs derive `Default`. The IR is built here, not patched: a
//! value of an IR type is final when it exists.

use super::draft::{DraftKind, ModelDraft, OperationDraft};
use crate::ir::{
    Additional, Api, Field, Model, ModelId, ModelKind, Operation, StdImpls, Struct, Type, Union, UnionVariant,
};
use crate::names::{Case, Scope};

/// What the API says about itself, carried into the IR as it is.
pub struct Info {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The first server URL without its trailing `/`.
    pub base_url: Option<String>,
    /// The cargo features of the modules (none for one description).
    pub features: Vec<String>,
    /// The `data` that ends a stream of events (the runtime's, then the config's).
    pub sentinels: Vec<String>,
}

/// Builds the IR from the drafts (and the request-builder tree from the operations).
pub fn finish(
    info: Info,
    drafts: Vec<ModelDraft>,
    operations: Vec<OperationDraft>,
    webhooks: Vec<super::draft::WebhookDraft>,
    root: &super::paths::Root,
    layout: crate::ir::Layout,
    part_lines: usize,
) -> Api {
    let mut webhook_models = Vec::new();
    for body in webhooks.iter().filter_map(|w| w.body.as_ref()) {
        if let crate::ir::BodyMedia::Json { ty, .. } | crate::ir::BodyMedia::Form { ty, .. } = &body.media {
            super::gates::models_in(ty, &mut webhook_models);
        }
    }
    let (model_gates, op_gates) = super::gates::gates(&info.features, &drafts, &operations, &webhook_models);
    let split = matches!(layout, crate::ir::Layout::CratePerModule { .. });
    let (model_parts, part_count) = super::parts::parts(&drafts, &model_gates, split, part_lines);
    let mut layout = match layout {
        crate::ir::Layout::CratePerModule { models_crate, setter_traits, .. } => {
            crate::ir::Layout::CratePerModule { models_crate, model_parts: part_count, setter_traits }
        }
        other => other,
    };
    let (paths, calls) = super::paths::build(&operations, &op_gates, root, split);
    let newtype = alias_cycles(&drafts);
    let recursive = by_value_recursion(&drafts);
    let default = defaults(&drafts);
    let mut names = Scope::new();
    let models: Vec<Model> = drafts
        .into_iter()
        .enumerate()
        .map(|(id, d)| {
            let boxed = |ty: Type| box_recursion(ty, &|to| recursive(id, to));
            let is = |flags: &[bool]| flags.get(id).copied().unwrap_or(false);
            let kind = match d.kind {
                DraftKind::Pending => ModelKind::Alias(Type::Json),
                DraftKind::Struct(s) => {
                    let in_place = is(&default) && s.fields.iter().all(|f| !f.required);
                    let std_impls = match &s.additional {
                        Additional::Lossless { .. } => StdImpls::Members,
                        _ if s.fields.iter().any(|f| f.secret) => StdImpls::Redacting,
                        _ => StdImpls::Derived,
                    };
                    ModelKind::Struct(Struct {
                        fields: s.fields.into_iter().map(|f| Field { ty: boxed(f.ty), ..f }).collect(),
                        additional: s.additional,
                        default: is(&default),
                        in_place,
                        std_impls,
                    })
                }
                DraftKind::Enum(e) => ModelKind::Enum(e),
                DraftKind::Flags { member } => ModelKind::Flags { member },
                DraftKind::Alias(ty) if is(&newtype) => ModelKind::Newtype { ty: boxed(ty), default: is(&default) },
                DraftKind::Alias(ty) => ModelKind::Alias(ty),
                DraftKind::Union(u) => ModelKind::Union(Union {
                    variants: u.variants.into_iter().map(|v| UnionVariant { ty: boxed(v.ty), ..v }).collect(),
                    ..u
                }),
                DraftKind::Const(value) => ModelKind::Const(value),
            };
            let gate = model_gates.get(id).cloned().unwrap_or_default();
            let part = model_parts.get(id).copied().unwrap_or(0);
            Model {
                name: names.claim(&d.candidates, Case::Camel),
                api_name: d.api_name,
                docs: d.docs,
                kind,
                gate,
                part,
            }
        })
        .collect();
    let mut names = Scope::new();
    let statuses: Vec<u16> = operations.iter().map(|d| d.status).collect();
    let mut operations: Vec<Operation> = operations
        .into_iter()
        .zip(calls)
        .zip(op_gates)
        .map(|((d, call), gate)| Operation {
            name: names.claim(&d.candidates, Case::Camel),
            api_name: d.api_name,
            method: d.method,
            path: d.path,
            segments: d.segments,
            params: d.params,
            query_options: d.query_options,
            body: d.body,
            output: d.output,
            stream: d.stream,
            next_link: d.next_link,
            permissions: d.permissions,
            clouds: d.clouds,
            call,
            gate,
            serve: crate::ir::Serve::default(),
            docs: d.docs,
        })
        .collect();
    super::serve::plan(&models, &mut operations, &statuses);
    if let crate::ir::Layout::CratePerModule { setter_traits, .. } = &mut layout {
        *setter_traits = setter_traits_of(&operations);
    }
    let error_shape = super::serve::error_shape(&models);
    let base_path = super::serve::base_path(info.base_url.as_deref().unwrap_or(""));
    let cli = super::cli::commands(&paths, &operations);
    Api {
        title: info.title,
        version: info.version,
        description: info.description,
        base_url: info.base_url,
        models,
        operations,
        paths,
        webhooks: {
            let mut names = Scope::new();
            webhooks
                .into_iter()
                .map(|w| crate::ir::Webhook {
                    name: names.claim(&w.candidates, Case::Camel),
                    api_name: w.api_name,
                    method: w.method,
                    body: w.body,
                    docs: w.docs,
                    gate: crate::ir::Gate::Always,
                })
                .collect()
        },
        features: info.features,
        sentinels: info.sentinels,
        layout,
        cli,
        error_shape,
        base_path,
    }
}

/// A type with the models it holds by value boxed where `recursive` says they contain
/// the model being built (directly, or inside a tuple, which holds its items by value).
fn box_recursion(ty: Type, recursive: &dyn Fn(ModelId) -> bool) -> Type {
    match ty {
        Type::Model(to) if recursive(to) => Type::Boxed(Box::new(Type::Model(to))),
        Type::Tuple(items) => Type::Tuple(items.into_iter().map(|t| box_recursion(t, recursive)).collect()),
        // An `Option` holds its value in place, as a tuple does.
        Type::Option(inner) => Type::Option(Box::new(box_recursion(*inner, recursive))),
        other => other,
    }
}

/// Model ids a type mentions; `deep` also looks inside `Vec`, maps and boxes.
fn mentions(ty: &Type, deep: bool, out: &mut Vec<ModelId>) {
    match ty {
        Type::Model(id) => out.push(*id),
        Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) if deep => mentions(inner, deep, out),
        // An `Option` holds its value in place.
        Type::Option(inner) => mentions(inner, deep, out),
        // A tuple holds its items by value.
        Type::Tuple(items) => {
            for t in items {
                mentions(t, deep, out);
            }
        }
        _ => {}
    }
}

/// The models a model contains by value (`deep == false`) or mentions at all (`deep == true`).
fn edges(kind: &DraftKind, deep: bool) -> Vec<ModelId> {
    let mut out = Vec::new();
    match kind {
        DraftKind::Struct(s) => {
            for f in &s.fields {
                mentions(&f.ty, deep, &mut out);
            }
            // Map values sit behind a map: only a deep walk sees them.
            if let (crate::ir::Additional::Map { value, .. }, true) = (&s.additional, deep) {
                mentions(value, true, &mut out);
            }
        }
        DraftKind::Union(u) => {
            for v in &u.variants {
                mentions(&v.ty, deep, &mut out);
            }
        }
        DraftKind::Alias(t) => mentions(t, deep, &mut out),
        DraftKind::Enum(_) | DraftKind::Flags { .. } | DraftKind::Pending | DraftKind::Const(_) => {}
    }
    out
}

/// Strongly connected components (Tarjan's algorithm, iteratively, so a long chain of
/// schemas cannot overflow the stack). Returns the component index of every node.
fn components(n: usize, succ: &dyn Fn(usize) -> Vec<usize>) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0usize;
    let mut next_comp = 0usize;
    for root in 0..n {
        if index.get(root) != Some(&UNSEEN) {
            continue;
        }
        // Each frame: node and the successors still to visit.
        let mut frames: Vec<(usize, Vec<usize>)> = vec![(root, succ(root))];
        set(&mut index, root, next_index);
        set(&mut low, root, next_index);
        next_index += 1;
        stack.push(root);
        set(&mut on_stack, root, true);
        while let Some((node, pending)) = frames.last_mut() {
            let node = *node;
            if let Some(next) = pending.pop() {
                if next >= n {
                    continue;
                }
                if get(&index, next) == UNSEEN {
                    set(&mut index, next, next_index);
                    set(&mut low, next, next_index);
                    next_index += 1;
                    stack.push(next);
                    set(&mut on_stack, next, true);
                    frames.push((next, succ(next)));
                } else if get(&on_stack, next) {
                    let l = get(&low, node).min(get(&index, next));
                    set(&mut low, node, l);
                }
                continue;
            }
            frames.pop();
            if let Some((parent, _)) = frames.last() {
                let l = get(&low, *parent).min(get(&low, node));
                set(&mut low, *parent, l);
            }
            if get(&low, node) == get(&index, node) {
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    set(&mut comp, member, next_comp);
                    if member == node {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

fn get<T: Copy + Default>(v: &[T], i: usize) -> T {
    v.get(i).copied().unwrap_or_default()
}

fn set<T>(v: &mut [T], i: usize, value: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = value;
    }
}

/// The aliases that would be infinite (`type A = Vec<A>;`, or a cycle of aliases): they
/// become newtypes, whose struct breaks the cycle.
fn alias_cycles(drafts: &[ModelDraft]) -> Vec<bool> {
    let n = drafts.len();
    let is_alias: Vec<bool> = drafts.iter().map(|d| matches!(d.kind, DraftKind::Alias(_))).collect();
    let succ = |i: usize| -> Vec<usize> {
        match drafts.get(i) {
            Some(d) if get(&is_alias, i) => edges(&d.kind, true).into_iter().filter(|&j| get(&is_alias, j)).collect(),
            _ => Vec::new(),
        }
    };
    let comp = components(n, &succ);
    let mut size = vec![0usize; n];
    for &c in &comp {
        if let Some(s) = size.get_mut(c) {
            *s += 1;
        }
    }
    (0..n).map(|i| get(&is_alias, i) && (get(&size, get(&comp, i)) > 1 || succ(i).contains(&i))).collect()
}

/// Whether a by-value reference from one model to another makes a type contain itself
/// (and so must be boxed).
fn by_value_recursion(drafts: &[ModelDraft]) -> impl Fn(ModelId, ModelId) -> bool {
    let n = drafts.len();
    let succ = |i: usize| -> Vec<usize> { drafts.get(i).map(|d| edges(&d.kind, false)).unwrap_or_default() };
    let comp = components(n, &succ);
    let self_loop: Vec<bool> = (0..n).map(|i| succ(i).contains(&i)).collect();
    move |from: ModelId, to: ModelId| get(&comp, from) == get(&comp, to) && (from != to || get(&self_loop, from))
}

/// `Default` is derivable when every required field's type has one: the least fixed
/// point, so that a cycle of required fields does not claim a default it cannot build.
fn defaults(drafts: &[ModelDraft]) -> Vec<bool> {
    let mut can = vec![false; drafts.len()];
    loop {
        let mut changed = false;
        for (i, d) in drafts.iter().enumerate() {
            if get(&can, i) {
                continue;
            }
            let yes = match &d.kind {
                DraftKind::Struct(s) => s.fields.iter().filter(|f| f.required).all(|f| type_default(&f.ty, &can)),
                DraftKind::Flags { .. } | DraftKind::Const(_) => true,
                DraftKind::Alias(t) => type_default(t, &can),
                DraftKind::Enum(_) | DraftKind::Union(_) | DraftKind::Pending => false,
            };
            if yes {
                set(&mut can, i, true);
                changed = true;
            }
        }
        if !changed {
            return can;
        }
    }
}

fn type_default(ty: &Type, can: &[bool]) -> bool {
    match ty {
        Type::Model(id) => get(can, *id),
        Type::Boxed(inner) => type_default(inner, can),
        Type::Tuple(items) => items.iter().all(|t| type_default(t, can)),
        _ => true,
    }
}

/// The trait of each name an operation's optional parameter (or body) has, for the setters
/// on `Bound` in a crate per module: `if_match` → `IfMatch`. Two names that would make one
/// trait name keep apart (`if_match_` → `IfMatch2`).
fn setter_traits_of(operations: &[Operation]) -> std::collections::BTreeMap<String, String> {
    let mut names = std::collections::BTreeSet::new();
    for op in operations {
        names.extend(op.optional_setters().map(str::to_owned));
    }
    let mut traits = Scope::new();
    names
        .into_iter()
        .map(|name| {
            let claimed = traits.claim(&[crate::names::sanitize(&name, Case::Camel)], Case::Camel);
            (name, claimed)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_cycle_and_a_chain() {
        let graph: Vec<Vec<usize>> = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let comp = components(5, &|i| graph.get(i).cloned().unwrap_or_default());
        assert_eq!(comp[0], comp[1]);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[3], comp[0]);
        assert_ne!(comp[4], comp[3]);
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 200_000;
        let comp = components(n, &|i| if i + 1 < n { vec![i + 1] } else { vec![0] });
        assert!(comp.iter().all(|&c| c == comp[0]));
    }
}

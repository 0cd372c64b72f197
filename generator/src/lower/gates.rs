//! Which cargo features compile each item, when several modules are generated as one crate
//! ([`crate::load::merge`]): an operation compiles with its module's feature, a model with the
//! features of every operation that reaches it (through parameters, bodies, answers, and
//! then fields, union alternatives and aliases), so that one feature compiles no more
//! than its module did on its own. A model no operation reaches compiles with `full` only.

use super::draft::{DraftKind, ModelDraft, OperationDraft};
use crate::ir::{BodyMedia, Gate, ModelId, Output, Type};

/// The gate of each model and of each operation, in their orders. With no features (one
/// description), everything is [`Gate::Always`]. The models `always` names (a webhook's
/// body: webhooks belong to no module) compile always, with what they reach.
pub fn gates(
    features: &[String],
    models: &[ModelDraft],
    operations: &[OperationDraft],
    always_used: &[ModelId],
) -> (Vec<Gate>, Vec<Gate>) {
    if features.is_empty() {
        return (vec![Gate::Always; models.len()], vec![Gate::Always; operations.len()]);
    }
    let op_feature: Vec<Option<usize>> = operations
        .iter()
        .map(|op| op.feature.as_ref().and_then(|f| features.iter().position(|known| known == f)))
        .collect();
    let op_gates = op_feature.iter().map(|f| f.map_or(Gate::Always, |f| Gate::Features(vec![f]))).collect();

    let edges: Vec<Vec<ModelId>> = models.iter().map(|m| references_of_model(&m.kind)).collect();
    // For each feature (and for operations without one, `None`: always), every model its
    // operations reach: one walk per feature over the reference graph, with an explicit
    // stack (a description decides how deep references go).
    let mut reached_by: Vec<Vec<usize>> = vec![Vec::new(); models.len()];
    let mut always = vec![false; models.len()];
    let seeds_of = |feature: Option<usize>| -> Vec<ModelId> {
        let mut seeds = if feature.is_none() { always_used.to_vec() } else { Vec::new() };
        for (op, f) in operations.iter().zip(&op_feature) {
            if *f == feature {
                seeds.extend(references_of_operation(op));
            }
        }
        seeds
    };
    for feature in std::iter::once(None).chain((0..features.len()).map(Some)) {
        let mut seen = vec![false; models.len()];
        let mut pending = seeds_of(feature);
        while let Some(id) = pending.pop() {
            let Some(slot) = seen.get_mut(id) else { continue };
            if *slot {
                continue;
            }
            *slot = true;
            match feature {
                None => {
                    if let Some(a) = always.get_mut(id) {
                        *a = true;
                    }
                }
                Some(f) => {
                    if let Some(list) = reached_by.get_mut(id) {
                        list.push(f);
                    }
                }
            }
            if let Some(next) = edges.get(id) {
                pending.extend(next.iter().copied());
            }
        }
    }
    let model_gates = reached_by
        .into_iter()
        .zip(always)
        .map(|(list, always)| if always || list.len() == features.len() { Gate::Always } else { Gate::Features(list) })
        .collect();
    (model_gates, op_gates)
}

/// The models a model's own definition names.
pub(super) fn references_of_model(kind: &DraftKind) -> Vec<ModelId> {
    let mut out = Vec::new();
    match kind {
        DraftKind::Struct(s) => {
            for f in &s.fields {
                models_in(&f.ty, &mut out);
            }
            if let crate::ir::Additional::Map { value, .. } = &s.additional {
                models_in(value, &mut out);
            }
        }
        DraftKind::Union(u) => {
            for v in &u.variants {
                models_in(&v.ty, &mut out);
            }
        }
        DraftKind::Alias(ty) => models_in(ty, &mut out),
        DraftKind::Flags { member } => out.push(*member),
        DraftKind::Const(_) => {}
        DraftKind::Enum(_) | DraftKind::Pending => {}
    }
    out
}

/// The models an operation names: parameters, body, answer.
fn references_of_operation(op: &OperationDraft) -> Vec<ModelId> {
    let mut out = Vec::new();
    for p in &op.params {
        models_in(&p.ty, &mut out);
    }
    if let Some(body) = &op.body {
        if let BodyMedia::Json { ty, .. } | BodyMedia::Form { ty, .. } = &body.media {
            models_in(ty, &mut out);
        }
    }
    if let Output::Json(ty) | Output::JsonOrEmpty(ty) | Output::Sequence { item: ty, .. } = &op.output {
        models_in(ty, &mut out);
    }
    out
}

/// Every model a type names (types nest only as deep as lowering allows; a loop anyway).
pub(super) fn models_in(ty: &Type, out: &mut Vec<ModelId>) {
    let mut pending = vec![ty];
    while let Some(ty) = pending.pop() {
        match ty {
            Type::Model(id) => out.push(*id),
            Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) | Type::Option(inner) => pending.push(inner),
            Type::Tuple(items) => pending.extend(items),
            _ => {}
        }
    }
}

//! Stage 3, last step: final names, indirection for recursion, and `Default`.

use crate::ir::{Api, Model, ModelId, ModelKind, Operation, Type};
use crate::lower::Draft;
use crate::lower_ops::OpDraft;
use crate::names::{Case, Scope};

/// Turns drafts into the finished IR.
pub fn finish(
    title: String,
    version: String,
    description: Option<String>,
    base_url: Option<String>,
    drafts: Vec<Draft>,
    ops: Vec<OpDraft>,
) -> Api {
    let mut model_names = Scope::new();
    let mut models: Vec<Model> = drafts
        .into_iter()
        .map(|d| Model {
            name: model_names.claim(&d.candidates, Case::Camel),
            api_name: d.api_name,
            docs: d.docs,
            kind: d.kind,
        })
        .collect();
    let mut op_names = Scope::new();
    let operations: Vec<Operation> = ops
        .into_iter()
        .map(|d| {
            let mut op = d.op;
            op.name = op_names.claim(&d.candidates, Case::Camel);
            op
        })
        .collect();
    break_alias_cycles(&mut models);
    box_recursion(&mut models);
    decide_default(&mut models);
    Api { title, version, description, base_url, models, operations }
}

/// Model ids a type mentions; `deep` also looks inside `Vec`, maps and boxes.
fn mentions(ty: &Type, deep: bool, out: &mut Vec<ModelId>) {
    match ty {
        Type::Model(id) => out.push(*id),
        Type::Vec(inner) | Type::Map(inner) | Type::Boxed(inner) if deep => mentions(inner, deep, out),
        _ => {}
    }
}

/// The models a model contains by value (`deep == false`) or mentions at all (`deep == true`).
fn edges(model: &Model, deep: bool) -> Vec<ModelId> {
    let mut out = Vec::new();
    match &model.kind {
        ModelKind::Struct(s) => {
            for f in &s.fields {
                mentions(&f.ty, deep, &mut out);
            }
            // Extra values sit behind a map: only a deep walk sees them.
            if let (Some(extra), true) = (&s.extra, deep) {
                mentions(&extra.value, true, &mut out);
            }
        }
        ModelKind::Union(u) => {
            for v in &u.variants {
                mentions(&v.ty, deep, &mut out);
            }
        }
        ModelKind::Alias(t) | ModelKind::Newtype { ty: t, .. } => mentions(t, deep, &mut out),
        ModelKind::Enum(_) | ModelKind::Flags { .. } => {}
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

/// `type A = Vec<A>;` is an infinite alias; such aliases become newtypes (structs break the cycle).
fn break_alias_cycles(models: &mut [Model]) {
    let n = models.len();
    let is_alias: Vec<bool> = models.iter().map(|m| matches!(m.kind, ModelKind::Alias(_))).collect();
    let succ = |i: usize| -> Vec<usize> {
        match models.get(i) {
            Some(m) if get(&is_alias, i) => edges(m, true).into_iter().filter(|&j| get(&is_alias, j)).collect(),
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
    let cyclic: Vec<usize> =
        (0..n).filter(|&i| get(&is_alias, i) && (get(&size, get(&comp, i)) > 1 || succ(i).contains(&i))).collect();
    for i in cyclic {
        if let Some(m) = models.get_mut(i) {
            if let ModelKind::Alias(t) = &m.kind {
                m.kind = ModelKind::Newtype { ty: t.clone(), default: false };
            }
        }
    }
}

/// Boxes every by-value reference that would make a type contain itself.
fn box_recursion(models: &mut [Model]) {
    let n = models.len();
    let succ = |i: usize| -> Vec<usize> { models.get(i).map(|m| edges(m, false)).unwrap_or_default() };
    let comp = components(n, &succ);
    let self_loop: Vec<bool> = (0..n).map(|i| succ(i).contains(&i)).collect();
    let recursive =
        |from: usize, to: ModelId| get(&comp, from) == get(&comp, to) && (from != to || get(&self_loop, from));
    for (i, model) in models.iter_mut().enumerate() {
        let fix = |ty: &mut Type| {
            if let Type::Model(to) = ty {
                if recursive(i, *to) {
                    *ty = Type::Boxed(Box::new(ty.clone()));
                }
            }
        };
        match &mut model.kind {
            ModelKind::Struct(s) => s.fields.iter_mut().for_each(|f| fix(&mut f.ty)),
            ModelKind::Union(u) => u.variants.iter_mut().for_each(|v| fix(&mut v.ty)),
            ModelKind::Newtype { ty, .. } => fix(ty),
            ModelKind::Alias(_) | ModelKind::Enum(_) | ModelKind::Flags { .. } => {}
        }
    }
}

/// `Default` is derivable when every required field's type has one: the least fixed
/// point, so that a cycle of required fields does not claim a default it cannot build.
fn decide_default(models: &mut [Model]) {
    let mut can = vec![false; models.len()];
    loop {
        let mut changed = false;
        for (i, m) in models.iter().enumerate() {
            if get(&can, i) {
                continue;
            }
            let yes = match &m.kind {
                ModelKind::Struct(s) => s.fields.iter().filter(|f| f.required).all(|f| type_default(&f.ty, &can)),
                ModelKind::Flags { .. } => true,
                ModelKind::Alias(t) | ModelKind::Newtype { ty: t, .. } => type_default(t, &can),
                ModelKind::Enum(_) | ModelKind::Union(_) => false,
            };
            if yes {
                set(&mut can, i, true);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (i, m) in models.iter_mut().enumerate() {
        match &mut m.kind {
            ModelKind::Struct(s) => s.default = get(&can, i),
            ModelKind::Newtype { default, .. } => *default = get(&can, i),
            _ => {}
        }
    }
}

fn type_default(ty: &Type, can: &[bool]) -> bool {
    match ty {
        Type::Model(id) => get(can, *id),
        Type::Boxed(inner) => type_default(inner, can),
        _ => true,
    }
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

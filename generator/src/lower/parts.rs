//! Which models crate each model goes to, when the models are split over several crates
//! (`ir::Layout::CratePerModule`): rustc holds a whole crate in memory while it checks
//! it, and the whole of Microsoft Graph's models in one crate needs more than 4 GiB.
//!
//! Models are layered by what they refer to: a model's layer is above every model it
//! names (models that name each other, a cycle, share one), and the models in layer order
//! are cut into parts of about [`PART_WEIGHT`] each. A part only names models of its own
//! part or of lower ones, so the parts form a chain of crates, each depending on the one
//! below.

use super::draft::ModelDraft;

/// About how many lines of output a models crate holds (rustc needs about 20 KiB per line
/// of model code when it checks it; 60,000 lines stay near 1.5 GiB).
pub const PART_WEIGHT: usize = 60_000;

/// An estimate of a model's lines of output (measured on Microsoft Graph's): the item, its
/// impls, and a few per field or member.
fn weight(model: &ModelDraft) -> usize {
    use super::draft::DraftKind;
    match &model.kind {
        DraftKind::Struct(s) => 8 + 7 * s.fields.len(),
        DraftKind::Enum(e) => 20 + 10 * e.variants.len(),
        DraftKind::Union(u) => 30 + 10 * u.variants.len(),
        DraftKind::Const(_) => 12,
        DraftKind::Flags { .. } | DraftKind::Alias(_) | DraftKind::Pending => 2,
    }
}

/// The part of each model (0 the lowest), and how many parts there are, each of about
/// `part_lines` lines. With `split` false, one part.
///
/// A model of exactly one module (`gates`) goes to that module's crate instead
/// (`Api::own_module`), and one no operation reaches to the crate above them all
/// (`Api::above_modules`): they weigh nothing here (their part, 0, is not read).
pub fn parts(models: &[ModelDraft], gates: &[crate::ir::Gate], split: bool, part_lines: usize) -> (Vec<usize>, usize) {
    if !split || models.is_empty() {
        return (vec![0; models.len()], 1);
    }
    // (`Api::outside_models_crates`: not in a models crate.)
    let own = |model: usize| gates.get(model).is_some_and(crate::ir::Gate::outside_models_crates);
    let edges: Vec<Vec<usize>> = models.iter().map(|m| super::gates::references_of_model(&m.kind)).collect();
    let component = strongly_connected(&edges);
    let components = component.iter().copied().max().map_or(0, |m| m + 1);
    // Tarjan numbers components in reverse topological order: a component's successors
    // have smaller numbers, so one pass in increasing order settles every layer.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); components];
    for (model, c) in component.iter().enumerate() {
        if let Some(list) = members.get_mut(*c) {
            list.push(model);
        }
    }
    let mut layer = vec![0usize; components];
    for c in 0..components {
        let mut height = 0;
        for &model in members.get(c).map(Vec::as_slice).unwrap_or_default() {
            for &next in edges.get(model).map(Vec::as_slice).unwrap_or_default() {
                let Some(&other) = component.get(next) else { continue };
                if other != c {
                    height = height.max(layer.get(other).copied().unwrap_or(0) + 1);
                }
            }
        }
        if let Some(slot) = layer.get_mut(c) {
            *slot = height;
        }
    }
    // Components in layer order (then in number order, which is deterministic), cut into
    // parts of about equal weight. A cut may fall inside a layer: models of one layer name
    // none of each other (except within a component, which is never cut).
    let mut weight_of_component = vec![0usize; components];
    for (model, c) in component.iter().enumerate() {
        if let (Some(w), Some(m)) = (weight_of_component.get_mut(*c), models.get(model)) {
            if !own(model) {
                *w += weight(m);
            }
        }
    }
    let mut order: Vec<usize> = (0..components).collect();
    order.sort_by_key(|c| (layer.get(*c).copied().unwrap_or(0), *c));
    let total: usize = weight_of_component.iter().sum();
    let count = total.div_ceil(part_lines.max(1)).max(1);
    let target = total.div_ceil(count);
    let mut part_of_component = vec![0usize; components];
    let (mut part, mut filled) = (0usize, 0usize);
    for c in order {
        let w = weight_of_component.get(c).copied().unwrap_or(0);
        if filled > 0 && filled + w / 2 > target && part + 1 < count {
            part += 1;
            filled = 0;
        }
        filled += w;
        if let Some(slot) = part_of_component.get_mut(c) {
            *slot = part;
        }
    }
    let parts = component.iter().map(|c| part_of_component.get(*c).copied().unwrap_or(0)).collect();
    (parts, part + 1)
}

/// The strongly connected component of each node (Tarjan's algorithm, with an explicit
/// stack: the document decides how deep references go). Components are numbered in
/// reverse topological order.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut component = vec![UNSEEN; n];
    let (mut next_index, mut next_component) = (0usize, 0usize);
    for root in 0..n {
        if index.get(root) != Some(&UNSEEN) {
            continue;
        }
        // (node, position in its edge list)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut position)) = work.last_mut() {
            if *position == 0 && index.get(node) == Some(&UNSEEN) {
                if let (Some(i), Some(l), Some(s)) = (index.get_mut(node), low.get_mut(node), on_stack.get_mut(node)) {
                    *i = next_index;
                    *l = next_index;
                    *s = true;
                }
                next_index += 1;
                stack.push(node);
            }
            let successors = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&next) = successors.get(*position) {
                *position += 1;
                match index.get(next) {
                    Some(&UNSEEN) => work.push((next, 0)),
                    Some(&i) if on_stack.get(next) == Some(&true) => {
                        if let Some(l) = low.get_mut(node) {
                            *l = (*l).min(i);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            work.pop();
            let node_low = low.get(node).copied().unwrap_or(0);
            if let Some(&(parent, _)) = work.last() {
                if let Some(l) = low.get_mut(parent) {
                    *l = (*l).min(node_low);
                }
            }
            if Some(&node_low) == index.get(node) {
                while let Some(member) = stack.pop() {
                    if let (Some(s), Some(c)) = (on_stack.get_mut(member), component.get_mut(member)) {
                        *s = false;
                        *c = next_component;
                    }
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_come_in_reverse_topological_order() {
        // 0 -> 1 -> 2 -> 1 (a cycle), 3 -> 0, 4 alone.
        let edges = vec![vec![1], vec![2], vec![1], vec![0], vec![]];
        let c = strongly_connected(&edges);
        assert_eq!(c[1], c[2]);
        assert!(c[1] < c[0] && c[0] < c[3], "{c:?}");
        assert_ne!(c[4], c[0]);
    }
}

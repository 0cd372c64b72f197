//! The model registry: every model lowering creates, by id, behind a small API (in the
//! manner of typify's `TypeSpace`). Schema lowering adds to it; operation lowering and
//! the renames of a config read it; only the final pass consumes it.

use super::draft::{DraftKind, ModelDraft};
use crate::ir::{Docs, ModelId};
use indexmap::IndexMap;

/// Models in creation order (a model's id is its index), and component names to ids.
#[derive(Debug, Default)]
pub struct Registry {
    drafts: Vec<ModelDraft>,
    components: IndexMap<String, ModelId>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Registers a component schema before it is lowered, so that references to it
    /// resolve whatever the order; [`Registry::define`] gives it its shape.
    pub fn declare_component(&mut self, name: &str, candidates: Vec<String>) -> ModelId {
        let id = self.add(ModelDraft {
            candidates,
            api_name: name.to_owned(),
            docs: Docs::default(),
            kind: DraftKind::Pending,
        });
        self.components.insert(name.to_owned(), id);
        id
    }

    /// Gives a declared model its shape and documentation.
    pub fn define(&mut self, id: ModelId, kind: DraftKind, docs: Docs) {
        if let Some(draft) = self.drafts.get_mut(id) {
            draft.kind = kind;
            draft.docs = docs;
        }
    }

    /// Adds a model and returns its id.
    pub fn add(&mut self, draft: ModelDraft) -> ModelId {
        self.drafts.push(draft);
        self.drafts.len() - 1
    }

    /// The model of a component schema, by its name in the spec.
    pub fn component(&self, name: &str) -> Option<ModelId> {
        self.components.get(name).copied()
    }

    /// A model, by id.
    pub fn get(&self, id: ModelId) -> Option<&ModelDraft> {
        self.drafts.get(id)
    }

    /// The shape of a model, by id.
    pub fn kind(&self, id: ModelId) -> Option<&DraftKind> {
        self.get(id).map(|d| &d.kind)
    }

    /// Removes the alternatives of a union model that `drop` picks, returning how many
    /// went; a union left with none becomes free-form JSON.
    pub fn drop_union_variants(&mut self, id: ModelId, drop: impl Fn(&crate::ir::UnionVariant) -> bool) -> usize {
        let Some(draft) = self.drafts.get_mut(id) else { return 0 };
        let DraftKind::Union(union) = &mut draft.kind else { return 0 };
        let before = union.variants.len();
        union.variants.retain(|v| !drop(v));
        let dropped = before - union.variants.len();
        if union.variants.is_empty() {
            draft.kind = DraftKind::Alias(crate::ir::Type::Json);
        }
        dropped
    }

    /// The name a model would get if nothing else claimed it first.
    pub fn preferred_name(&self, id: ModelId) -> Option<&str> {
        self.get(id).and_then(|d| d.candidates.first()).map(String::as_str)
    }

    /// Puts `name` first among the candidates of the model whose wire name is `api_name`;
    /// `false` when no model has that wire name.
    pub fn prefer_name(&mut self, api_name: &str, name: &str) -> bool {
        match self.drafts.iter_mut().find(|d| d.api_name == api_name) {
            Some(draft) => {
                draft.candidates.insert(0, name.to_owned());
                true
            }
            None => false,
        }
    }

    /// Every model, in id order, for the final pass.
    pub fn into_drafts(self) -> Vec<ModelDraft> {
        self.drafts
    }
}

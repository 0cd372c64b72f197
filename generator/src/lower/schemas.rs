//! Schemas to models: every schema lowers to a [`Type`], and every shape that needs a
//! name (objects, enums, unions, aliases of components) becomes a model draft in the
//! [`Registry`]. Decided here: the Rust type of each schema, inheritance flattening
//! (`allOf`), nullability (Graph's nullable `anyOf`), enum and flags members, union
//! alternatives and discriminators, and what an object does with unknown members.

use super::draft::{DraftKind, ModelDraft};
use super::registry::Registry;
use super::scalars::{integer_type, string_type, wide_integer};
use crate::diag::{Diagnostics, Pointer};
use crate::extensions::{CONST, TUPLE};
use crate::ir::{Docs, Enum, Type, Union, UnionVariant, Variant};
use crate::names::{extend, sanitize, Case, Scope};
use crate::resolve::{ref_name, schema_by_ref};
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, VariantOrUnknownOrEmpty};
use std::collections::HashMap;

/// How deep inline schemas may nest before we stop typing them.
pub(super) const MAX_DEPTH: usize = 48;

/// A schema, by reference or inline.
#[derive(Clone, Copy)]
pub enum SchemaRef<'a> {
    /// `$ref`.
    Ref(&'a str),
    /// Inline.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// What a schema turns into: a type usable in place, or a shape that needs a named model.
pub(super) enum Shape {
    Type(Type),
    Model(DraftKind, Docs),
}

/// Where a schema is being lowered: the name an inline model would get, its place in the
/// document, and how deep inline schemas nest there.
#[derive(Clone, Copy)]
pub(super) struct Site<'s> {
    pub(super) hint: &'s str,
    pub(super) pointer: &'s Pointer,
    pub(super) depth: usize,
}

/// The parts of an object schema: properties, the required list, additionalProperties.
#[derive(Clone, Copy)]
pub(super) struct ObjectParts<'a> {
    pub(super) properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub(super) required: &'a [String],
    pub(super) additional: Option<&'a AdditionalProperties>,
}

/// Lowers schemas into the registry.
pub struct SchemaLowerer<'a> {
    spec: &'a OpenAPI,
    pub(super) registry: Registry,
    /// Namespace prefix shared by the document's schema names (`microsoft.graph.`).
    prefix: Option<String>,
    /// Inline schemas already lowered, by address, so inherited properties are typed once.
    memo: HashMap<*const Schema, Type>,
}

impl<'a> SchemaLowerer<'a> {
    /// Registers every component schema (so references resolve in any order) and lowers them.
    pub fn new(spec: &'a OpenAPI, diags: &mut Diagnostics) -> Self {
        let mut this = SchemaLowerer { spec, registry: Registry::new(), prefix: None, memo: HashMap::new() };
        let Some(components) = spec.components.as_ref() else { return this };
        this.prefix = shared_prefix(components.schemas.keys());
        for name in components.schemas.keys() {
            let candidates = this.component_candidates(name);
            this.registry.declare_component(name, candidates);
        }
        let section = Pointer::root().join("components").join("schemas");
        for (name, schema) in &components.schemas {
            let Some(id) = this.registry.component(name) else { continue };
            let pointer = section.join(name);
            let base = this.registry.preferred_name(id).unwrap_or_default().to_owned();
            let (kind, mut docs) = match SchemaRef::from(schema) {
                SchemaRef::Ref(r) => (DraftKind::Alias(this.reference(r, &pointer, diags)), Docs::default()),
                SchemaRef::Inline(s) => match this.shape(s, Site { hint: &base, pointer: &pointer, depth: 0 }, diags) {
                    Shape::Type(t) => (DraftKind::Alias(t), docs_of(s)),
                    Shape::Model(kind, docs) => (kind, docs),
                },
            };
            docs.notes.insert(0, format!("Schema `{name}`."));
            this.registry.define(id, kind, docs);
        }
        this
    }

    /// The document being lowered.
    pub fn spec(&self) -> &'a OpenAPI {
        self.spec
    }

    /// The models lowered so far.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The registry, once every schema is lowered.
    pub fn into_registry(self) -> Registry {
        self.registry
    }

    fn component_candidates(&self, name: &str) -> Vec<String> {
        let mut candidates = Vec::new();
        if let Some(short) = self.prefix.as_deref().and_then(|p| name.strip_prefix(p)) {
            candidates.push(sanitize(short, Case::Camel));
        }
        let full = sanitize(name, Case::Camel);
        if !candidates.contains(&full) {
            candidates.push(full);
        }
        candidates
    }

    /// The type of a schema found at `pointer`; inline shapes become models named after `hint`.
    pub fn lower(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &Pointer, diags: &mut Diagnostics) -> Type {
        self.lower_at(schema, Site { hint, pointer, depth: 0 }, diags)
    }

    fn lower_at(&mut self, schema: SchemaRef<'a>, at: Site<'_>, diags: &mut Diagnostics) -> Type {
        match schema {
            SchemaRef::Ref(r) => self.reference(r, at.pointer, diags),
            SchemaRef::Inline(s) => {
                let key: *const Schema = s;
                if let Some(t) = self.memo.get(&key) {
                    return t.clone();
                }
                let t = match self.shape(s, at, diags) {
                    Shape::Type(t) => t,
                    Shape::Model(kind, docs) => Type::Model(self.registry.add(ModelDraft {
                        candidates: vec![at.hint.to_owned()],
                        api_name: at.pointer.to_string(),
                        docs,
                        kind,
                    })),
                };
                self.memo.insert(key, t.clone());
                t
            }
        }
    }

    /// A nested place: one level deeper, with its own hint and pointer.
    pub(super) fn lower_in(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &Pointer,
        depth: usize,
        diags: &mut Diagnostics,
    ) -> Type {
        self.lower_at(schema, Site { hint, pointer, depth: depth + 1 }, diags)
    }

    /// A value that stands in a list, a tuple or a map: `Option<T>` when it may be `null`
    /// (`type: [T, "null"]`, an alternative `{type: "null"}`, 3.0's `nullable`), as a member
    /// of an object may be.
    pub(super) fn item_in(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &Pointer,
        depth: usize,
        diags: &mut Diagnostics,
    ) -> Type {
        let ty = self.lower_in(schema, hint, pointer, depth, diags);
        if self.may_be_null(schema) {
            ty.nullable()
        } else {
            ty
        }
    }

    /// Whether a schema allows `null`: it says `nullable` (every spelling reads so), or one
    /// of its alternatives stands for `null` (Graph's nullable reference); a reference
    /// allows what its component allows.
    fn may_be_null(&self, schema: SchemaRef<'a>) -> bool {
        let Some(s) = self.resolve(schema) else { return false };
        let alternatives: &[ReferenceOr<Schema>] = match &s.schema_kind {
            SchemaKind::AnyOf { any_of } => any_of,
            SchemaKind::OneOf { one_of } => one_of,
            SchemaKind::Any(any) if !any.any_of.is_empty() => &any.any_of,
            SchemaKind::Any(any) => &any.one_of,
            _ => &[],
        };
        s.schema_data.nullable || alternatives.iter().any(|m| self.is_null_only(m))
    }

    fn reference(&mut self, reference: &str, pointer: &Pointer, diags: &mut Diagnostics) -> Type {
        let id = reference.strip_prefix("#/components/schemas/").and_then(|name| self.registry.component(name));
        match id {
            Some(id) => Type::Model(id),
            None => {
                // Validation reports dangling references; this covers references into other sections.
                diags.warning(pointer, format!("`{reference}` is not a component schema; typed as JSON"));
                Type::Json
            }
        }
    }

    /// The schema a reference or inline schema stands for.
    pub fn resolve(&self, schema: SchemaRef<'a>) -> Option<&'a Schema> {
        match schema {
            SchemaRef::Ref(r) => schema_by_ref(self.spec, r),
            SchemaRef::Inline(s) => Some(s),
        }
    }

    /// The preferred name of the component a reference names, else `fallback`.
    pub(super) fn component_name(&self, reference: &str, fallback: &str) -> String {
        self.registry
            .component(ref_name(reference))
            .and_then(|id| self.registry.preferred_name(id))
            .map_or_else(|| fallback.to_owned(), str::to_owned)
    }

    fn shape(&mut self, s: &'a Schema, at: Site<'_>, diags: &mut Diagnostics) -> Shape {
        let (hint, pointer, depth) = (at.hint, at.pointer, at.depth);
        if depth > MAX_DEPTH {
            diags.warning(pointer, format!("schemas nest deeper than {MAX_DEPTH} levels; the rest is typed as JSON"));
            return Shape::Type(Type::Json);
        }
        let docs = docs_of(s);
        // JSON Schema's `const`, as loading keeps it (`x-const`): a type of that one value.
        if let Some(value) = s.schema_data.extensions.get(CONST) {
            return Shape::Model(DraftKind::Const(value.clone()), docs);
        }
        // A file part of a multipart form (Swagger 2.0's `type: file`).
        if s.schema_data.extensions.get(crate::extensions::FILE) == Some(&serde_json::Value::Bool(true)) {
            return Shape::Type(Type::File);
        }
        match &s.schema_kind {
            SchemaKind::Type(openapiv3::Type::String(st)) => {
                let values: Vec<&String> = st.enumeration.iter().flatten().collect();
                if values.is_empty() {
                    Shape::Type(string_type(&st.format))
                } else {
                    self.enum_shape(s, &values, at, docs)
                }
            }
            SchemaKind::Type(openapiv3::Type::Integer(it)) => Shape::Type(integer_type(&it.format)),
            SchemaKind::Type(openapiv3::Type::Number(nt)) => Shape::Type(match &nt.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => Type::Number32,
                _ => Type::Number,
            }),
            SchemaKind::Type(openapiv3::Type::Boolean(_)) => Shape::Type(Type::Bool),
            SchemaKind::Type(openapiv3::Type::Array(at_)) => {
                if let Some(tuple) = self.tuple(s, at_.items.as_ref(), at, diags) {
                    return Shape::Type(tuple);
                }
                let item = match &at_.items {
                    Some(items) => {
                        self.item_in(items.into(), &extend(hint, "Item"), &pointer.join("items"), depth, diags)
                    }
                    None => Type::Json,
                };
                Shape::Type(Type::Vec(Box::new(item)))
            }
            SchemaKind::Type(openapiv3::Type::Object(ot)) => {
                let parts = ObjectParts {
                    properties: Some(&ot.properties),
                    required: &ot.required,
                    additional: ot.additional_properties.as_ref(),
                };
                self.object_shape(parts, &[], s, at, diags)
            }
            SchemaKind::AllOf { all_of } => {
                // `allOf: [X]` (often just to attach a description), or X beside parts that
                // only annotate, is X itself; only objects are merged.
                let real: Vec<(usize, &ReferenceOr<Schema>)> =
                    all_of.iter().enumerate().filter(|(_, p)| !is_annotation_only(p)).collect();
                if let [(i, only)] = real.as_slice() {
                    let is_object = self.resolve((*only).into()).is_some_and(is_object_like);
                    if !is_object || all_of.len() == 1 {
                        let at_part = pointer.join("allOf").join(&i.to_string());
                        return Shape::Type(self.lower_in((*only).into(), hint, &at_part, depth, diags));
                    }
                }
                let parts = ObjectParts { properties: None, required: &[], additional: None };
                self.object_shape(parts, all_of, s, at, diags)
            }
            SchemaKind::OneOf { one_of } => self.union_shape(s, one_of, "oneOf", at, diags),
            SchemaKind::AnyOf { any_of } => self.union_shape(s, any_of, "anyOf", at, diags),
            SchemaKind::Not { .. } => {
                diags.warning(pointer, "`not` schemas cannot be typed; typed as JSON");
                Shape::Type(Type::Json)
            }
            SchemaKind::Any(any) => self.any_shape(s, any, at, diags),
        }
    }

    fn any_shape(
        &mut self,
        s: &'a Schema,
        any: &'a openapiv3::AnySchema,
        at: Site<'_>,
        diags: &mut Diagnostics,
    ) -> Shape {
        if !any.one_of.is_empty() {
            return self.union_shape(s, &any.one_of, "oneOf", at, diags);
        }
        if !any.any_of.is_empty() {
            return self.union_shape(s, &any.any_of, "anyOf", at, diags);
        }
        if !any.properties.is_empty() || !any.all_of.is_empty() || any.typ.as_deref() == Some("object") {
            let parts = ObjectParts {
                properties: Some(&any.properties),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            };
            return self.object_shape(parts, &any.all_of, s, at, diags);
        }
        if let Some(tuple) = self.tuple(s, any.items.as_ref(), at, diags) {
            return Shape::Type(tuple);
        }
        if let Some(items) = &any.items {
            let item = self.item_in(items.into(), &extend(at.hint, "Item"), &at.pointer.join("items"), at.depth, diags);
            return Shape::Type(Type::Vec(Box::new(item)));
        }
        let strings: Vec<String> = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
        if !strings.is_empty() && strings.len() == any.enumeration.iter().filter(|v| !v.is_null()).count() {
            let refs: Vec<&String> = strings.iter().collect();
            return self.enum_shape(s, &refs, at, docs_of(s));
        }
        let t = match any.typ.as_deref() {
            Some("string") => match any.format.as_deref() {
                Some(f) => string_type(&VariantOrUnknownOrEmpty::Unknown(f.to_owned())),
                None => Type::String,
            },
            Some("integer") => {
                let by_format = match any.format.as_deref() {
                    Some(f) => integer_type(&VariantOrUnknownOrEmpty::Unknown(f.to_owned())),
                    None => Type::I64,
                };
                wide_integer(by_format, any.format.is_some(), any.minimum, any.maximum)
            }
            Some("number") if any.format.as_deref() == Some("float") => Type::Number32,
            Some("number") => Type::Number,
            Some("boolean") => Type::Bool,
            Some("array") => Type::Vec(Box::new(Type::Json)),
            _ => Type::Json,
        };
        Shape::Type(t)
    }

    /// A list whose items are typed by position (`prefixItems`, as loading keeps it:
    /// `x-tuple` beside `items.anyOf`): a tuple of the positions' types.
    fn tuple(
        &mut self,
        s: &'a Schema,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        at: Site<'_>,
        diags: &mut Diagnostics,
    ) -> Option<Type> {
        if s.schema_data.extensions.get(TUPLE) != Some(&serde_json::Value::Bool(true)) {
            return None;
        }
        let positions: &'a [ReferenceOr<Schema>] = match items? {
            ReferenceOr::Item(item) => match &item.schema_kind {
                SchemaKind::AnyOf { any_of } => any_of,
                SchemaKind::Any(any) => &any.any_of,
                _ => return None,
            },
            ReferenceOr::Reference { .. } => return None,
        };
        if positions.is_empty() {
            return None;
        }
        let at_positions = at.pointer.join("items").join("anyOf");
        let types = positions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let hint = extend(at.hint, &format!("Item{i}"));
                self.item_in(p.into(), &hint, &at_positions.join(&i.to_string()), at.depth, diags)
            })
            .collect();
        Some(Type::Tuple(types))
    }

    fn enum_shape(&mut self, s: &Schema, values: &[&String], at: Site<'_>, docs: Docs) -> Shape {
        let mut scope = Scope::new();
        let mut variants: Vec<Variant> = Vec::new();
        // Azure's `x-ms-enum` may name each value (`values: [{value, name}]`).
        let named: Vec<(&str, &str)> = s
            .schema_data
            .extensions
            .get("x-ms-enum")
            .and_then(|e| e.get("values"))
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| Some((v.get("value")?.as_str()?, v.get("name")?.as_str()?)))
            .collect();
        for value in values {
            if variants.iter().any(|v| v.api_name == **value) {
                continue;
            }
            let word = named.iter().find(|(v, _)| v == value).map_or(value.as_str(), |(_, name)| name);
            let name = scope.claim(&[sanitize(word, Case::Camel)], Case::Camel);
            variants.push(Variant { name, api_name: (*value).clone() });
        }
        let fallback = scope.claim(&["Other".to_owned(), "UnknownValue".to_owned()], Case::Camel);
        let kind = DraftKind::Enum(Enum { variants, fallback });
        let is_flags = s
            .schema_data
            .extensions
            .get("x-ms-enum-flags")
            .and_then(|v| v.get("isFlags"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        if is_flags {
            let member_docs = Docs { summary: Some("One member of a flags enum.".to_owned()), ..Docs::default() };
            let member = self.registry.add(ModelDraft {
                candidates: vec![extend(at.hint, "Flag")],
                api_name: at.pointer.to_string(),
                docs: member_docs,
                kind,
            });
            let mut docs = docs;
            docs.notes.push("A flags enum: a set of members, written comma-separated on the wire.".to_owned());
            return Shape::Model(DraftKind::Flags { member }, docs);
        }
        Shape::Model(kind, docs)
    }

    fn union_shape(
        &mut self,
        s: &'a Schema,
        members: &'a [ReferenceOr<Schema>],
        keyword: &str,
        at: Site<'_>,
        diags: &mut Diagnostics,
    ) -> Shape {
        let (hint, depth) = (at.hint, at.depth);
        let at_members = at.pointer.join(keyword);
        let real: Vec<(usize, &ReferenceOr<Schema>)> =
            members.iter().enumerate().filter(|(_, m)| !self.is_null_only(m)).collect();
        if let [(i, only)] = real.as_slice() {
            // Graph's nullable reference: anyOf [ {$ref}, {type: object, nullable: true} ].
            return Shape::Type(self.lower_in((*only).into(), hint, &at_members.join(&i.to_string()), depth, diags));
        }
        if real.is_empty() {
            return Shape::Type(Type::Json);
        }
        let mapping: Vec<(String, String)> = s
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| d.mapping.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let discriminator = s.schema_data.discriminator.as_ref().map(|d| d.property_name.clone());
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (i, member) in real {
            let member_at = at_members.join(&i.to_string());
            let ty = self.lower_in(member.into(), &extend(hint, &format!("Variant{i}")), &member_at, depth, diags);
            let (candidate, tags) = match member {
                ReferenceOr::Reference { reference } => {
                    let mut tags: Vec<String> = mapping
                        .iter()
                        .filter(|(_, target)| target == reference || ref_name(target) == ref_name(reference))
                        .map(|(k, _)| k.clone())
                        .collect();
                    if tags.is_empty() {
                        tags.push(ref_name(reference).to_owned());
                        if let Some(v) = self
                            .resolve(member.into())
                            .and_then(|m| m.schema_data.extensions.get("x-ms-discriminator-value"))
                            .and_then(|v| v.as_str())
                        {
                            tags.push(v.to_owned());
                        }
                    }
                    let name = self.component_name(reference, &sanitize(ref_name(reference), Case::Camel));
                    (name, tags)
                }
                ReferenceOr::Item(m) => (variant_word(m, &ty, i), Vec::new()),
            };
            let name = scope.claim(&[candidate], Case::Camel);
            // A tag selects one alternative: the first that claims it.
            let mut tags = tags;
            tags.dedup();
            tags.retain(|t| !variants.iter().any(|v: &UnionVariant| v.tags.contains(t)));
            variants.push(UnionVariant { name, ty, tags });
        }
        let fallback =
            discriminator.as_ref().map(|_| scope.claim(&["Other".to_owned(), "UnknownValue".to_owned()], Case::Camel));
        let mut docs = docs_of(s);
        if discriminator.is_none() {
            docs.notes.push(format!("Decoded as the first alternative that matches (`{keyword}`)."));
        }
        Shape::Model(DraftKind::Union(Union { variants, discriminator, fallback }), docs)
    }

    /// `{type: object, nullable: true}` with nothing else, or `{nullable: true}`: a stand-in for `null`.
    fn is_null_only(&self, member: &ReferenceOr<Schema>) -> bool {
        let ReferenceOr::Item(s) = member else { return false };
        if !s.schema_data.nullable {
            return false;
        }
        match &s.schema_kind {
            SchemaKind::Type(openapiv3::Type::Object(o)) => o.properties.is_empty(),
            SchemaKind::Any(a) => {
                a.properties.is_empty()
                    && a.typ.as_deref().is_none_or(|t| t == "object")
                    && a.one_of.is_empty()
                    && a.all_of.is_empty()
                    && a.any_of.is_empty()
            }
            _ => false,
        }
    }
}

fn variant_word(s: &Schema, ty: &Type, index: usize) -> String {
    if let Some(title) = s.schema_data.title.as_deref() {
        return sanitize(title, Case::Camel);
    }
    match ty {
        Type::String => "String".to_owned(),
        Type::Bool => "Boolean".to_owned(),
        t if t.is_integer() => "Integer".to_owned(),
        t if t.is_fractional() => "Number".to_owned(),
        Type::Vec(_) | Type::Tuple(_) => "Array".to_owned(),
        Type::Map(_) | Type::Json => "Object".to_owned(),
        Type::DateTime => "DateTime".to_owned(),
        Type::Date => "Date".to_owned(),
        Type::Duration => "Duration".to_owned(),
        Type::Uuid => "Uuid".to_owned(),
        _ => format!("Variant{index}"),
    }
}

/// The documentation of a schema.
pub fn docs_of(s: &Schema) -> Docs {
    Docs {
        // A one-word title only repeats the schema's name.
        summary: s.schema_data.title.clone().filter(|t| s.schema_data.description.is_none() && t.trim().contains(' ')),
        description: s.schema_data.description.clone(),
        external_url: s.schema_data.external_docs.as_ref().map(|e| e.url.clone()),
        notes: Vec::new(),
    }
}

pub(super) fn with_wire_name(mut docs: Docs, name: &str) -> Docs {
    docs.notes.push(format!("Wire name: `{name}`."));
    docs
}

/// The namespace most schema names share (`microsoft.graph.`), if at least half of them do.
fn shared_prefix<'n>(names: impl Iterator<Item = &'n String>) -> Option<String> {
    let mut counts: IndexMap<&str, usize> = IndexMap::new();
    let mut total = 0usize;
    for name in names {
        total += 1;
        if let Some((namespace, _)) = name.rsplit_once('.') {
            *counts.entry(namespace).or_default() += 1;
        }
    }
    let (namespace, count) = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
    (count * 2 >= total && count > 1).then(|| format!("{namespace}."))
}

/// A part of `allOf` that adds only documentation or constraints, no shape.
pub(super) fn is_annotation_only(part: &ReferenceOr<Schema>) -> bool {
    match part {
        ReferenceOr::Reference { .. } => false,
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Any(a) => {
                a.typ.is_none()
                    && a.properties.is_empty()
                    && a.items.is_none()
                    && a.enumeration.is_empty()
                    && a.all_of.is_empty()
                    && a.one_of.is_empty()
                    && a.any_of.is_empty()
                    && a.additional_properties.is_none()
            }
            _ => false,
        },
    }
}

/// Whether a schema describes an object (and so can be merged into a struct).
pub(super) fn is_object_like(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(openapiv3::Type::Object(_)) | SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(a) => !a.properties.is_empty() || a.typ.as_deref() == Some("object") || !a.all_of.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_namespace_is_found() {
        let names: Vec<String> =
            ["microsoft.graph.a", "microsoft.graph.b", "microsoft.graph.ODataErrors.x", "ODataCountResponse"]
                .map(String::from)
                .to_vec();
        assert_eq!(shared_prefix(names.iter()).as_deref(), Some("microsoft.graph."));
        let few: Vec<String> = ["Pet", "Error", "a.b"].map(String::from).to_vec();
        assert_eq!(shared_prefix(few.iter()), None);
    }
}

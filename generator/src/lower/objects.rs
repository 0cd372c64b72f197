//! Objects: properties, `allOf` inheritance flattened into one struct (inherited
//! properties first), the required list, and what the object does with members it does
//! not name. Part of [`SchemaLowerer`]'s work, kept apart because inheritance is its own
//! walk (bounded, and cut at cycles).

use super::draft::{DraftKind, StructDraft};
use super::schemas::{docs_of, with_wire_name, ObjectParts, SchemaLowerer, SchemaRef, Shape, Site, MAX_DEPTH};
use crate::diag::{Diagnostics, Pointer};
use crate::ir::{Additional, Docs, Field, Type};
use crate::names::{extend, sanitize, Case, Scope};
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind};

impl<'a> SchemaLowerer<'a> {
    pub(super) fn object_shape(
        &mut self,
        parts: ObjectParts<'a>,
        all_of: &'a [ReferenceOr<Schema>],
        s: &'a Schema,
        at: Site<'_>,
        diags: &mut Diagnostics,
    ) -> Shape {
        let mut collected = Collected::default();
        let mut visiting: Vec<String> = Vec::new();
        for (i, part) in all_of.iter().enumerate() {
            let part_at = at.pointer.join("allOf").join(&i.to_string());
            let site = Site { hint: at.hint, pointer: &part_at, depth: at.depth + 1 };
            self.collect_part(part.into(), &mut collected, &mut visiting, site, diags);
        }
        self.collect_object(parts, &mut collected, at, diags);
        if collected.conflict {
            let mut docs = docs_of(s);
            docs.notes.push(
                "Its allOf parts contradict each other (an object and a non-object), so it is kept as JSON.".to_owned(),
            );
            return Shape::Model(DraftKind::Alias(Type::Json), docs);
        }
        if collected.fields.is_empty() && all_of.is_empty() {
            // A map or a free-form object, not a struct.
            match &collected.extra {
                ExtraDraft::Typed(t) => return Shape::Type(Type::Map(Box::new(t.clone()))),
                ExtraDraft::Open => return Shape::Type(Type::Json),
                ExtraDraft::Closed => {}
            }
        }
        let mut scope = Scope::new();
        let mut fields = Vec::with_capacity(collected.fields.len());
        for (api_name, f) in collected.fields {
            let name = scope.claim(&[sanitize(&api_name, Case::Snake)], Case::Snake);
            let required = collected.required.iter().any(|r| r == &api_name) && !f.nullable;
            fields.push(Field { name, api_name, ty: f.ty, required, member: None, docs: f.docs, secret: f.secret });
        }
        let mut map_field =
            || scope.claim(&["additional_properties".to_owned(), "additional_properties_".to_owned()], Case::Snake);
        let additional = match collected.extra {
            ExtraDraft::Closed => Additional::Closed,
            ExtraDraft::Open => {
                let field = map_field();
                let nulls = scope.claim(&["explicit_nulls".to_owned(), "explicit_nulls_".to_owned()], Case::Snake);
                Additional::Lossless { field, nulls }
            }
            ExtraDraft::Typed(value) => Additional::Map { field: map_field(), value },
        };
        // A lossless struct remembers explicit `null`s: each optional member gets a constant
        // that names it for `set_null` (its field's name in upper case: field names are unique
        // and lower case, so these are too, and they cannot meet the struct's methods).
        if matches!(additional, Additional::Lossless { .. }) {
            for field in fields.iter_mut().filter(|f| !f.required) {
                field.member = Some(field.name.to_ascii_uppercase());
            }
        }
        Shape::Model(DraftKind::Struct(StructDraft { fields, additional }), docs_of(s))
    }

    fn collect_part(
        &mut self,
        part: SchemaRef<'a>,
        out: &mut Collected,
        visiting: &mut Vec<String>,
        at: Site<'_>,
        diags: &mut Diagnostics,
    ) {
        let (hint, pointer, depth) = (at.hint, at.pointer, at.depth);
        if depth > MAX_DEPTH {
            diags.warning(pointer, "allOf nests too deep; the rest is ignored");
            return;
        }
        if let SchemaRef::Ref(r) = part {
            if visiting.iter().any(|v| v == r) {
                diags.warning(pointer, format!("allOf inheritance cycle through `{r}`; the cycle is cut here"));
                return;
            }
            visiting.push(r.to_owned());
        }
        let Some(schema) = self.resolve(part) else {
            if let SchemaRef::Ref(r) = part {
                diags.warning(pointer, format!("`{r}` does not resolve to a schema; ignored in allOf"));
            }
            return;
        };
        let here = match part {
            SchemaRef::Ref(r) => Pointer::from_ref(r),
            SchemaRef::Inline(_) => pointer.clone(),
        };
        let part_hint = match part {
            SchemaRef::Ref(r) => self.component_name(r, hint),
            SchemaRef::Inline(_) => hint.to_owned(),
        };
        let collect_all_of = |this: &mut Self,
                              all_of: &'a [ReferenceOr<Schema>],
                              out: &mut Collected,
                              visiting: &mut Vec<String>,
                              diags: &mut Diagnostics| {
            for (i, p) in all_of.iter().enumerate() {
                let p_at = here.join("allOf").join(&i.to_string());
                let site = Site { hint: &part_hint, pointer: &p_at, depth: depth + 1 };
                this.collect_part(p.into(), out, visiting, site, diags);
            }
        };
        let site = Site { hint: &part_hint, pointer: &here, depth };
        match &schema.schema_kind {
            SchemaKind::Type(openapiv3::Type::Object(ot)) => {
                let parts = ObjectParts {
                    properties: Some(&ot.properties),
                    required: &ot.required,
                    additional: ot.additional_properties.as_ref(),
                };
                self.collect_object(parts, out, site, diags);
            }
            SchemaKind::AllOf { all_of } => collect_all_of(self, all_of, out, visiting, diags),
            SchemaKind::Any(any) => {
                collect_all_of(self, &any.all_of, out, visiting, diags);
                let parts = ObjectParts {
                    properties: Some(&any.properties),
                    required: &any.required,
                    additional: any.additional_properties.as_ref(),
                };
                self.collect_object(parts, out, site, diags);
            }
            _ => {
                out.conflict = true;
                diags.warning(
                    pointer,
                    "an allOf part that is not an object cannot be merged with the others; the schema is typed as serde_json::Value",
                );
            }
        }
        if matches!(part, SchemaRef::Ref(_)) {
            visiting.pop();
        }
    }

    fn collect_object(&mut self, parts: ObjectParts<'a>, out: &mut Collected, at: Site<'_>, diags: &mut Diagnostics) {
        let (hint, pointer, depth) = (at.hint, at.pointer, at.depth);
        let props_at = pointer.join("properties");
        for (name, prop) in parts.properties.into_iter().flatten() {
            let prop_at = props_at.join(name);
            let prop_hint = extend(hint, name);
            let ty = self.lower_in(prop.into(), &prop_hint, &prop_at, depth, diags);
            let (nullable, docs, secret) = match prop {
                ReferenceOr::Item(s) => (s.schema_data.nullable, docs_of(s), is_password(s)),
                ReferenceOr::Reference { .. } => (false, Docs::default(), false),
            };
            let mut docs = with_wire_name(docs, name);
            if secret {
                docs.notes.push("A credential (`format: password`): `Debug` shows it as `<redacted>`.".to_owned());
            }
            out.fields.insert(name.clone(), FieldDraft { ty, nullable, docs, secret });
        }
        for r in parts.required {
            if !out.required.contains(r) {
                out.required.push(r.clone());
            }
        }
        out.extra = match parts.additional {
            None | Some(AdditionalProperties::Any(true)) => out.extra.clone().or_open(),
            Some(AdditionalProperties::Any(false)) => out.extra.clone(),
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.item_in(
                    (&**schema).into(),
                    &extend(hint, "Value"),
                    &pointer.join("additionalProperties"),
                    depth,
                    diags,
                );
                if value == Type::Json {
                    out.extra.clone().or_open()
                } else {
                    ExtraDraft::Typed(value)
                }
            }
        };
    }
}

#[derive(Default)]
struct Collected {
    /// An allOf part that is not an object: the parts cannot be merged into a struct.
    conflict: bool,
    fields: IndexMap<String, FieldDraft>,
    required: Vec<String>,
    extra: ExtraDraft,
}

struct FieldDraft {
    ty: Type,
    nullable: bool,
    docs: Docs,
    secret: bool,
}

/// A string the description marks as a credential (`format: password`).
fn is_password(schema: &openapiv3::Schema) -> bool {
    match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::String(s)) => {
            matches!(&s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password))
        }
        _ => false,
    }
}

#[derive(Clone, Default, PartialEq)]
enum ExtraDraft {
    #[default]
    Closed,
    Open,
    Typed(Type),
}

impl ExtraDraft {
    fn or_open(self) -> Self {
        match self {
            ExtraDraft::Closed => ExtraDraft::Open,
            other => other,
        }
    }
}

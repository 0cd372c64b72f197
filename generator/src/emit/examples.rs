//! Sample values: an expression that builds each operation from placeholder arguments.
//!
//! Tests that exercise every operation (the fake service, the builders) and examples in
//! documentation need a value of each operation without writing one by hand. Path
//! parameters get their name as Graph's documentation writes it (`"{servicePrincipal-id}"`);
//! other arguments get the smallest valid JSON for their type, decoded at run time.

use super::{ident, Ctx};
use crate::ir::{Api, BodyMedia, ModelKind, Operation, Type};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value};

/// How deep a sample may nest before it stops at `null` (required fields of recursive
/// types would otherwise never end).
const MAX_DEPTH: usize = 16;

/// `Operation::new(…)` with a sample for every required argument, in `new`'s order.
/// Arguments that are not strings are decoded from JSON text with `serde_json`
/// (`.expect(…)`: the samples are valid by construction).
pub fn constructor(ctx: &Ctx<'_>, op: &Operation, operations: &TokenStream) -> TokenStream {
    let name = ident(&op.name);
    let mut args: Vec<TokenStream> = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        args.push(match &p.ty {
            Type::String => {
                let text = format!("{{{}}}", p.api_name);
                quote!(#text)
            }
            other => decoded(ctx, other),
        });
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        args.push(match &body.media {
            BodyMedia::Bytes { .. } => quote!(::std::vec::Vec::from(&b"sample"[..])),
            BodyMedia::Json { ty, .. } | BodyMedia::Form { ty } => decoded(ctx, ty),
        });
    }
    quote!(#operations #name::new(#(#args),*))
}

fn decoded(ctx: &Ctx<'_>, ty: &Type) -> TokenStream {
    let t = ctx.ty(ty);
    let text = sample(ctx.api, ty).to_string();
    quote!(::serde_json::from_str::<#t>(#text).expect("a valid sample"))
}

/// The smallest JSON value of a type: required members only, first enum members.
pub fn sample(api: &Api, ty: &Type) -> Value {
    sample_at(api, ty, 0)
}

fn sample_at(api: &Api, ty: &Type, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match ty {
        Type::String => json!("string"),
        Type::Bool => json!(false),
        Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::U8 | Type::U16 | Type::U32 | Type::U64 => json!(0),
        Type::F32 | Type::F64 => json!(0.0),
        Type::Uuid => json!("00000000-0000-0000-0000-000000000000"),
        Type::DateTime => json!("2024-01-01T00:00:00Z"),
        Type::Date => json!("2024-01-01"),
        Type::Duration => json!("PT1H"),
        Type::Json | Type::Map(_) => json!({}),
        Type::Vec(_) => json!([]),
        Type::Boxed(inner) => sample_at(api, inner, depth + 1),
        Type::Model(id) => match api.models.get(*id).map(|m| &m.kind) {
            Some(ModelKind::Struct(s)) => {
                let mut members = Map::new();
                for f in s.fields.iter().filter(|f| f.required) {
                    members.insert(f.api_name.clone(), sample_at(api, &f.ty, depth + 1));
                }
                Value::Object(members)
            }
            Some(ModelKind::Enum(e)) => json!(e.variants.first().map_or("other", |v| v.api_name.as_str())),
            Some(ModelKind::Flags { .. }) => json!(""),
            Some(ModelKind::Alias(inner)) | Some(ModelKind::Newtype { ty: inner, .. }) => {
                sample_at(api, inner, depth + 1)
            }
            Some(ModelKind::Union(u)) => match u.variants.first() {
                Some(v) => sample_at(api, &v.ty, depth + 1),
                None => Value::Null,
            },
            None => Value::Null,
        },
    }
}

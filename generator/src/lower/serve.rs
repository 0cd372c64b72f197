//! How a server answers each operation, and what a fake of the description does with it,
//! decided from the path tree and the final models: the documented success status, the
//! REST verb a path and method are (a `POST` on a collection creates, a `GET` on one lists,
//! …), where a list keeps its items and its next link, where a created item's id goes,
//! and a minimal answer the client reads. Also the shape of the description's errors.

use crate::ir::{ErrorShape, Method, Model, ModelKind, Operation, Output, PathPart, Rest, Serve, Type};
use crate::names::{sanitize, Case, Scope};
use openapiv3::StatusCode;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// How deep a sample answer goes into required members before it stops (a document
/// controls no unbounded recursion).
const MAX_SAMPLE_DEPTH: usize = 8;
/// How many aliases a sample follows.
const MAX_ALIASES: usize = 16;

/// The documented success status: the first 2XX code, 200 for a range or none.
pub(super) fn success_status(op: &openapiv3::Operation) -> u16 {
    op.responses
        .responses
        .keys()
        .find_map(|code| match code {
            StatusCode::Code(c) if (200..300).contains(c) => Some(*c),
            _ => None,
        })
        .unwrap_or(200)
}

/// Each operation's [`Serve`] (its `status` is the draft's, kept).
pub(super) fn plan(models: &[Model], operations: &mut [Operation], statuses: &[u16]) {
    let paths: BTreeSet<&str> = operations.iter().map(|op| op.path.as_str()).collect();
    let collections: BTreeSet<String> = paths
        .iter()
        .filter_map(|p| p.rsplit_once('/').filter(|(_, last)| is_key(last)).map(|(parent, _)| parent.to_owned()))
        .collect();
    let serves: Vec<Serve> = operations
        .iter()
        .zip(statuses)
        .map(|(op, status)| serve(models, op, *status, collections.contains(&op.path)))
        .collect();
    let mut methods = Scope::new();
    for (op, serve) in operations.iter_mut().zip(serves) {
        let method = methods.claim(&[sanitize(&op.name, Case::Snake)], Case::Snake);
        op.serve = Serve { method, ..serve };
    }
}

/// Whether a path segment is one parameter (`{petId}`).
fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}') && segment.matches('{').count() == 1
}

fn serve(models: &[Model], op: &Operation, status: u16, collection: bool) -> Serve {
    let keyed = op.path.rsplit('/').next().is_some_and(is_key);
    let json = match &op.output {
        Output::Json(t) | Output::JsonOrEmpty(t) => Some(t),
        _ => None,
    };
    let listing = json.and_then(|t| listing(models, t, op));
    let rest = match op.method {
        Method::Post if collection => Rest::Create,
        Method::Get if op.output == Output::Count && op.path.ends_with("/$count") => Rest::Count,
        Method::Get if listing.is_some() && (collection || op.next_link.is_some() || !keyed) => Rest::List,
        Method::Get => Rest::Read,
        Method::Put if !collection => Rest::Replace,
        Method::Patch if !collection => Rest::Merge,
        Method::Delete if !collection => Rest::Remove,
        _ => Rest::Action,
    };
    let (items, next) = match (rest, listing) {
        (Rest::List, Some(listing)) => listing,
        _ => (String::new(), String::new()),
    };
    let id_from = match rest {
        Rest::Create => json.or(op.body.as_ref().and_then(|b| match &b.media {
            crate::ir::BodyMedia::Json { ty, .. } => Some(ty),
            _ => None,
        })),
        _ => None,
    };
    Serve {
        method: String::new(),
        template: template(op),
        status,
        rest,
        keyed,
        items,
        next,
        id: id_from.and_then(|t| id_member(models, t)),
        sample: json.map(|t| sample(models, t, 0).to_string()).unwrap_or_default(),
        echo: match (&op.body, json) {
            (Some(body), Some(answer)) => match &body.media {
                crate::ir::BodyMedia::Json { ty, .. } => echoes(models, ty, answer),
                _ => false,
            },
            _ => false,
        },
    }
}

/// Whether the item a body writes reads as the answer: the same type, or a struct whose
/// members hold every required member of the answer's but its `id` (which the fake
/// assigns): `NewPet` answered as `Pet`.
fn echoes(models: &[Model], body: &Type, answer: &Type) -> bool {
    if body.clone().set_in_code() == answer.clone().set_in_code() {
        return true;
    }
    let (Some(body), Some(answer)) = (struct_of(models, body), struct_of(models, answer)) else { return false };
    answer.fields.iter().filter(|f| f.required && f.api_name != "id").all(|f| {
        body.fields.iter().any(|b| b.api_name == f.api_name && b.ty.clone().set_in_code() == f.ty.clone().set_in_code())
    })
}

/// The path as the client writes it: literal text as it is sent, parameters as `{wire}`.
fn template(op: &Operation) -> String {
    op.segments
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(i) => format!("{{{}}}", op.params.get(*i).map_or("", |p| p.api_name.as_str())),
        })
        .collect()
}

/// The struct a type is (through aliases, options and boxes).
fn struct_of<'a>(models: &'a [Model], ty: &Type) -> Option<&'a crate::ir::Struct> {
    let mut ty = ty;
    for _ in 0..MAX_ALIASES {
        match ty {
            Type::Option(inner) | Type::Boxed(inner) => ty = inner,
            Type::Model(id) => match &models.get(*id)?.kind {
                ModelKind::Struct(s) => return Some(s),
                ModelKind::Alias(inner) | ModelKind::Newtype { ty: inner, .. } => ty = inner,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}

/// Where a list answer keeps its items (empty: it is an array) and its next link.
fn listing(models: &[Model], ty: &Type, op: &Operation) -> Option<(String, String)> {
    if matches!(ty, Type::Vec(_)) {
        return Some((String::new(), String::new()));
    }
    let s = struct_of(models, ty)?;
    let lists = || s.fields.iter().filter(|f| matches!(f.ty.clone().set_in_code(), Type::Vec(_)));
    let items = lists().find(|f| f.api_name == "value").or_else(|| lists().next())?;
    let next = op
        .next_link
        .as_ref()
        .and_then(|link| s.fields.iter().find(|f| f.name == link.field))
        .map(|f| f.api_name.clone())
        .unwrap_or_default();
    Some((items.api_name.clone(), next))
}

/// The `id` member of a model, and whether it is a number.
fn id_member(models: &[Model], ty: &Type) -> Option<(String, bool)> {
    let field = struct_of(models, ty)?.fields.iter().find(|f| f.api_name == "id")?;
    Some((field.api_name.clone(), field.ty.clone().set_in_code().is_integer()))
}

/// A minimal value of a type its model reads: required members only, the first of an
/// enum's values, the first of a union's variants.
pub fn sample(models: &[Model], ty: &Type, depth: usize) -> Value {
    if depth > MAX_SAMPLE_DEPTH {
        return Value::Null;
    }
    match ty {
        Type::String => json!("string"),
        Type::Bool => json!(false),
        t if t.is_integer() => json!(0),
        Type::F32 | Type::F64 | Type::Number | Type::Number32 => json!(0.0),
        Type::Option(_) | Type::Json | Type::File => Value::Null,
        Type::Uuid => json!("00000000-0000-0000-0000-000000000000"),
        Type::DateTime => json!("1970-01-01T00:00:00Z"),
        Type::Date => json!("1970-01-01"),
        Type::Duration => json!("PT0S"),
        Type::Vec(_) => json!([]),
        Type::Map(_) => json!({}),
        Type::Boxed(inner) => sample(models, inner, depth + 1),
        Type::Tuple(items) => Value::Array(items.iter().map(|t| sample(models, t, depth + 1)).collect()),
        Type::Model(id) => match models.get(*id).map(|m| &m.kind) {
            Some(ModelKind::Struct(s)) => Value::Object(
                s.fields
                    .iter()
                    .filter(|f| f.required && !matches!(f.ty, Type::Option(_)))
                    .map(|f| (f.api_name.clone(), sample(models, &f.ty, depth + 1)))
                    .collect::<Map<String, Value>>(),
            ),
            Some(ModelKind::Enum(e)) => e.variants.first().map_or(json!(""), |v| json!(v.api_name)),
            Some(ModelKind::Flags { member }) => sample(models, &Type::Model(*member), depth + 1),
            Some(ModelKind::Alias(inner)) | Some(ModelKind::Newtype { ty: inner, .. }) => {
                sample(models, inner, depth + 1)
            }
            Some(ModelKind::Union(u)) => {
                let Some(first) = u.variants.first() else { return Value::Null };
                let mut value = sample(models, &first.ty, depth + 1);
                if let (Some(member), Some(tag), Value::Object(members)) =
                    (&u.discriminator, first.tags.first(), &mut value)
                {
                    members.insert(member.clone(), json!(tag));
                }
                value
            }
            Some(ModelKind::Const(value)) => value.clone(),
            None => Value::Null,
        },
        _ => Value::Null,
    }
}

/// OData's error shape when a model of the description is one (`error` holding `code`
/// and `message`), RFC 9457's problem document otherwise.
pub(super) fn error_shape(models: &[Model]) -> ErrorShape {
    let odata = models.iter().any(|m| {
        let ModelKind::Struct(s) = &m.kind else { return false };
        s.fields.iter().any(|f| {
            f.api_name == "error"
                && struct_of(models, &f.ty).is_some_and(|inner| {
                    ["code", "message"].iter().all(|name| inner.fields.iter().any(|g| g.api_name == *name))
                })
        })
    });
    if odata {
        ErrorShape::OData
    } else {
        ErrorShape::Problem
    }
}

/// The path of a server URL (`https://graph.microsoft.com/v1.0` → `/v1.0`), no trailing `/`.
pub(super) fn base_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    path.trim_end_matches('/').to_owned()
}

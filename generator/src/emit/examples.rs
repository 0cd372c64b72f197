//! Sample values: an expression that builds each operation from placeholder arguments,
//! directly (`Operation::new(…)`) or through the request builders, and the example every
//! operation's documentation opens with.
//!
//! Tests that exercise every operation (the fake service, the builders) and examples in
//! documentation need a value of each operation without writing one by hand. Path
//! parameters get their name as Graph's documentation writes it (`"{servicePrincipal-id}"`);
//! numbers and booleans a literal; bodies `Default::default()` when their type has one;
//! other arguments the smallest valid JSON for their type, decoded at run time.

use super::{ident, Ctx};
use crate::ir::{Api, BodyMedia, ClientEntry, Conversion, ModelKind, Operation, Output, ParamLocation, Type};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value};

/// How deep a sample may nest before it stops at `null` (required fields of recursive
/// types would otherwise never end).
const MAX_DEPTH: usize = 16;

/// The sample for the operation's parameter `index`.
fn param_sample(ctx: &Ctx<'_>, op: &Operation, index: usize) -> TokenStream {
    match op.params.get(index) {
        Some(p) if p.ty == Type::String && p.conversion == Conversion::Into => {
            let text = format!("{{{}}}", p.api_name);
            quote!(#text)
        }
        Some(p) => value(ctx, &p.ty),
        None => quote!(()),
    }
}

/// The sample for the operation's required body, if it has one.
fn body_sample(ctx: &Ctx<'_>, op: &Operation) -> Option<TokenStream> {
    op.body.as_ref().filter(|b| b.required).map(|body| match &body.media {
        BodyMedia::Bytes { .. } => quote!(::std::vec::Vec::from(&b"sample"[..])),
        BodyMedia::Json { ty, .. } | BodyMedia::Form { ty } => value(ctx, ty),
    })
}

/// A value of `ty`: a literal, the type's `Default`, or decoded JSON.
fn value(ctx: &Ctx<'_>, ty: &Type) -> TokenStream {
    let literal = |text: &str| text.parse::<TokenStream>().unwrap_or_default();
    match ty {
        Type::Bool => quote!(false),
        Type::I8 => literal("0i8"),
        Type::I16 => literal("0i16"),
        Type::I32 => literal("0i32"),
        Type::I64 => literal("0i64"),
        Type::U8 => literal("0u8"),
        Type::U16 => literal("0u16"),
        Type::U32 => literal("0u32"),
        Type::U64 => literal("0u64"),
        Type::F32 => literal("0.0f32"),
        Type::F64 => literal("0.0f64"),
        Type::Uuid => quote!(::uuid::Uuid::nil()),
        Type::Model(id) if matches!(ctx.api.models.get(*id).map(|m| &m.kind), Some(ModelKind::Struct(s)) if s.default) =>
        {
            let t = ctx.ty(ty);
            quote!(<#t as ::std::default::Default>::default())
        }
        other => decoded(ctx, other),
    }
}

/// `Operation::new(…)` with a sample for every required argument, in `new`'s order.
pub fn constructor(ctx: &Ctx<'_>, op: &Operation, operations: &TokenStream) -> TokenStream {
    let name = ident(&op.name);
    let mut args: Vec<TokenStream> =
        op.params.iter().enumerate().filter(|(_, p)| p.required).map(|(i, _)| param_sample(ctx, op, i)).collect();
    args.extend(body_sample(ctx, op));
    quote!(#operations #name::new(#(#args),*))
}

/// The same operation, with the same samples, through the request builders from `start`
/// (`Graph::new()`, or a client): each step with the ids it adds, then the terminal with
/// the other required arguments.
pub fn chain(ctx: &Ctx<'_>, op: &Operation, start: &TokenStream) -> TokenStream {
    let mut expr = start.clone();
    for (step, params) in &op.call.steps {
        let step = ident(step);
        let args = params.iter().map(|&i| param_sample(ctx, op, i));
        expr = quote!(#expr.#step(#(#args),*));
    }
    let terminal = ident(&op.call.terminal);
    let mut args: Vec<TokenStream> = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required && p.location != ParamLocation::Path)
        .map(|(i, _)| param_sample(ctx, op, i))
        .collect();
    args.extend(body_sample(ctx, op));
    quote!(#expr.#terminal(#(#args),*))
}

/// The example an operation's documentation opens with, as doc lines: the call through
/// the request builders sent with a client, and the same operation built directly. A
/// doc-test that is compiled, not run (`no_run`), and only with the `client` feature.
pub fn doc_example(api: &Api, op: &Operation) -> Result<Vec<String>, String> {
    let root: TokenStream = syn::parse_str::<syn::Path>(&api.paths.crate_path)
        .map(quote::ToTokens::into_token_stream)
        .map_err(|e| format!("internal error: crate path `{}`: {e}", api.paths.crate_path))?;
    // The runtime is at the crate's root, whichever module the API is in (`crate::runtime`).
    let krate = api.paths.crate_path.split("::").next().unwrap_or_default();
    let rt: TokenStream = format!("{krate}::runtime").parse().map_err(|e| format!("internal error: {e}"))?;
    let ctx = Ctx { api, rt: rt.clone(), models: quote!(#root::models::) };
    let client = match &api.paths.client_entry {
        ClientEntry::Steps | ClientEntry::Trait(_) => quote!(client),
        ClientEntry::Method(m) => {
            let m = ident(m);
            quote!(client.#m())
        }
    };
    let call = chain(&ctx, op, &client);
    let sent = match op.output {
        Output::Empty => quote!(#call.send().await?;),
        _ => quote!(let answer = #call.send().await?;),
    };
    let direct = constructor(&ctx, op, &quote!(#root::operations::));
    let direct = quote!(let operation = #direct;);
    // Compiled with the client, and with the operation's module when it has one.
    let gate = match &op.gate {
        crate::ir::Gate::Features(list) if !api.features.is_empty() => {
            let names: Vec<String> =
                list.iter().filter_map(|i| api.features.get(*i)).map(|f| format!("feature = \"{f}\"")).collect();
            format!("all(feature = \"client\", any(feature = \"full\", {}))", names.join(", "))
        }
        _ => "feature = \"client\"".to_owned(),
    };
    // With a crate per module the example names the crate users depend on, which the
    // module's crate cannot see: it is shown, not compiled.
    let (fence, prelude) = match api.layout {
        crate::ir::Layout::OneCrate => (" ```no_run", None),
        crate::ir::Layout::CratePerModule { .. } => (" ```ignore", Some(format!(" use {krate}::prelude::*;"))),
    };
    let (sent, direct) = statements(sent, direct)?;
    let mut lines = vec![fence.to_owned()];
    lines.extend(prelude);
    // The hidden lines make the example compile; one that is only shown needs none.
    if api.layout == crate::ir::Layout::OneCrate {
        lines.extend([
            format!(" # #[cfg({gate})]"),
            format!(" # async fn example(client: &{krate}::runtime::Client) -> {krate}::runtime::Result<()> {{"),
        ]);
    }
    lines.extend(sent);
    lines.push(" // The same operation, without a client:".to_owned());
    lines.extend(direct);
    if api.layout == crate::ir::Layout::OneCrate {
        lines.extend([" # Ok(())".to_owned(), " # }".to_owned()]);
    }
    lines.push(" ```".to_owned());
    Ok(lines)
}

/// Two groups of statements formatted as rustfmt would, one doc line each (formatted
/// together: a call of the formatter costs about as much as the statements).
fn statements(first: TokenStream, second: TokenStream) -> Result<(Vec<String>, Vec<String>), String> {
    let text = super::package::format_items(quote!(fn a() { #first } fn b() { #second }), "doc example")?;
    let lines = |part: &str| -> Vec<String> {
        part.lines()
            .filter(|l| !l.starts_with("fn ") && *l != "}")
            .map(|l| format!(" {}", l.strip_prefix("    ").unwrap_or(l)))
            .collect()
    };
    let (a, b) = text.split_once("\nfn b() {\n").ok_or("internal error: a doc example lost its second part")?;
    Ok((lines(a), lines(b)))
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

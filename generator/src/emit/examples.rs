//! Sample values: an expression that builds each operation from placeholder arguments,
//! directly (`Operation::new(…)`) or through the request builders, and the example every
//! operation's documentation opens with.
//!
//! Tests that exercise every operation (the fake service, the builders) and examples in
//! documentation need a value of each operation without writing one by hand. Path
//! parameters get their name as Graph's documentation writes it (`"{servicePrincipal-id}"`);
//! numbers and booleans a literal; bodies `Default::default()` when their type has one;
//! other arguments the smallest valid JSON for their type, decoded at run time.

use super::tree::{binding, call, function, literal, method, path, path_of, read, string};
use super::{ident, Ctx};
use crate::ir::{Api, BodyMedia, ClientEntry, Conversion, ModelKind, Operation, Output, ParamLocation, Type};
use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens as _};
use serde_json::{json, Map, Value};

/// How deep a sample may nest before it stops at `null` (required fields of recursive
/// types would otherwise never end).
const MAX_DEPTH: usize = 16;

// Samples are built as syn's expression trees, not as tokens: the doc example of every
// operation goes to prettyplease, and parsing tokens back into a tree was most of its
// cost (a tenth of the whole of Graph's generation). Code that is compiled rather than
// printed takes the tree's tokens.

/// The sample for the operation's parameter `index`.
fn param_sample(ctx: &Ctx<'_>, op: &Operation, index: usize) -> Result<syn::Expr, String> {
    match op.params.get(index) {
        Some(p) if p.ty == Type::String && p.conversion == Conversion::Into => {
            Ok(string(&format!("{{{}}}", p.api_name)))
        }
        Some(p) => value(ctx, &p.ty),
        None => Err(format!("internal error: operation `{}` has no parameter {index}", op.name)),
    }
}

/// The sample for the operation's required body, if it has one.
fn body_sample(ctx: &Ctx<'_>, op: &Operation) -> Result<Option<syn::Expr>, String> {
    op.body
        .as_ref()
        .filter(|b| b.required)
        .map(|body| match &body.media {
            BodyMedia::Bytes { .. } => read(quote!(::std::vec::Vec::from(&b"sample"[..])), "a sample"),
            BodyMedia::Json { ty, .. } | BodyMedia::Form { ty, .. } => value(ctx, ty),
        })
        .transpose()
}

/// A value of `ty`: a literal, the type's `Default`, or decoded JSON.
fn value(ctx: &Ctx<'_>, ty: &Type) -> Result<syn::Expr, String> {
    let int = |text: &str| literal(syn::Lit::Int(syn::LitInt::new(text, Span::call_site())));
    let float = |text: &str| literal(syn::Lit::Float(syn::LitFloat::new(text, Span::call_site())));
    Ok(match ty {
        Type::Bool => literal(syn::Lit::Bool(syn::LitBool::new(false, Span::call_site()))),
        Type::I8 => int("0i8"),
        Type::I16 => int("0i16"),
        Type::I32 => int("0i32"),
        Type::I64 => int("0i64"),
        Type::U8 => int("0u8"),
        Type::U16 => int("0u16"),
        Type::U32 => int("0u32"),
        Type::U64 => int("0u64"),
        Type::I128 => int("0i128"),
        Type::U128 => int("0u128"),
        Type::F32 => float("0.0f32"),
        Type::F64 => float("0.0f64"),
        Type::Uuid => call(path(true, &["uuid", "Uuid", "nil"]), Vec::new()),
        Type::Model(id) if matches!(ctx.api.models.get(*id).map(|m| &m.kind), Some(ModelKind::Struct(s)) if s.default) =>
        {
            // `<T as ::std::default::Default>::default()`
            let mut default = syn::ExprPath {
                attrs: Vec::new(),
                qself: None,
                path: path_of(true, &["std", "default", "Default", "default"]),
            };
            default.qself = Some(syn::QSelf {
                lt_token: Default::default(),
                ty: Box::new(
                    syn::parse2::<syn::Type>(ctx.ty(ty)).map_err(|e| format!("internal error: a model's type: {e}"))?,
                ),
                position: 3,
                as_token: Some(Default::default()),
                gt_token: Default::default(),
            });
            call(syn::Expr::Path(default), Vec::new())
        }
        other => decoded(ctx, other)?,
    })
}

/// `Operation::new(…)` with a sample for every required argument, in `new`'s order.
pub fn constructor(ctx: &Ctx<'_>, op: &Operation, operations: &TokenStream) -> TokenStream {
    let name = ident(&op.name);
    compiled(constructor_from(ctx, op, syn::Expr::Verbatim(quote!(#operations #name::new))))
}

fn constructor_from(ctx: &Ctx<'_>, op: &Operation, new: syn::Expr) -> Result<syn::Expr, String> {
    let mut args = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required)
        .map(|(i, _)| param_sample(ctx, op, i))
        .collect::<Result<Vec<_>, _>>()?;
    args.extend(body_sample(ctx, op)?);
    Ok(call(new, args))
}

/// The same operation, with the same samples, through the request builders from `start`
/// (`Graph::new()`, or a client): each step with the ids it adds, then the terminal with
/// the other required arguments.
pub fn chain(ctx: &Ctx<'_>, op: &Operation, start: &TokenStream) -> TokenStream {
    compiled(chain_from(ctx, op, syn::Expr::Verbatim(start.clone())))
}

fn chain_from(ctx: &Ctx<'_>, op: &Operation, start: syn::Expr) -> Result<syn::Expr, String> {
    let mut expr = start;
    for (step, params) in &op.call.steps {
        let args = params.iter().map(|&i| param_sample(ctx, op, i)).collect::<Result<Vec<_>, _>>()?;
        expr = method(expr, step, args);
    }
    let mut args = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.required && p.location != ParamLocation::Path)
        .map(|(i, _)| param_sample(ctx, op, i))
        .collect::<Result<Vec<_>, _>>()?;
    args.extend(body_sample(ctx, op)?);
    Ok(method(expr, &op.call.terminal, args))
}

/// An expression as tokens for code that is compiled; a sample that could not be built
/// stops that compilation, saying why.
fn compiled(expr: Result<syn::Expr, String>) -> TokenStream {
    match expr {
        Ok(expr) => expr.into_token_stream(),
        Err(message) => quote!(::core::compile_error!(#message)),
    }
}

/// The example an operation's documentation opens with, as doc lines: the call through
/// the request builders sent with a client, and the same operation built directly. A
/// doc-test that is compiled, not run (`no_run`), and only with the `client` feature.
pub fn doc_example(api: &Api, op: &Operation) -> Result<Vec<String>, String> {
    let root = syn::parse_str::<syn::Path>(&api.paths.crate_path)
        .map_err(|e| format!("internal error: crate path `{}`: {e}", api.paths.crate_path))?;
    // The runtime is at the crate's root, whichever module the API is in (`crate::runtime`).
    let krate = api.paths.crate_path.split("::").next().unwrap_or_default();
    let rt: TokenStream = format!("{krate}::runtime").parse().map_err(|e| format!("internal error: {e}"))?;
    let ctx = Ctx::new(api, rt, quote!(#root::models::));
    let client = path(false, &["client"]);
    let client = match &api.paths.client_entry {
        ClientEntry::Steps | ClientEntry::Trait(_) => client,
        ClientEntry::Method(m) => method(client, m, Vec::new()),
    };
    // `….send().await?`
    let sent = syn::Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(syn::Expr::Await(syn::ExprAwait {
            attrs: Vec::new(),
            base: Box::new(method(chain_from(&ctx, op, client)?, "send", Vec::new())),
            dot_token: Default::default(),
            await_token: Default::default(),
        })),
        question_token: Default::default(),
    });
    let sent = match op.output {
        Output::Empty => syn::Stmt::Expr(sent, Some(Default::default())),
        _ => binding("answer", sent),
    };
    let mut new = root;
    new.segments.extend(["operations", op.name.as_str(), "new"].map(|s| syn::PathSegment::from(ident(s))));
    let direct = binding(
        "operation",
        constructor_from(&ctx, op, syn::Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path: new }))?,
    );
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

/// Two statements formatted as rustfmt would, as doc lines (formatted together: a call of
/// the formatter costs about as much as the statements).
fn statements(first: syn::Stmt, second: syn::Stmt) -> Result<(Vec<String>, Vec<String>), String> {
    let file = syn::File { shebang: None, attrs: Vec::new(), items: vec![function("a", first), function("b", second)] };
    let text = prettyplease::unparse(&file);
    let lines = |part: &str| -> Vec<String> {
        part.lines()
            .filter(|l| !l.starts_with("fn ") && *l != "}")
            .map(|l| format!(" {}", l.strip_prefix("    ").unwrap_or(l)))
            .collect()
    };
    let (a, b) = text.split_once("\nfn b() {\n").ok_or("internal error: a doc example lost its second part")?;
    Ok((lines(a), lines(b)))
}

fn decoded(ctx: &Ctx<'_>, ty: &Type) -> Result<syn::Expr, String> {
    let t = ctx.ty(ty);
    let text = sample(ctx.api, ty).to_string();
    read(quote!(::serde_json::from_str::<#t>(#text).expect("a valid sample")), "a sample")
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
        t if t.is_integer() => json!(0),
        t if t.is_fractional() => json!(0.0),
        Type::Option(_) => Value::Null,
        Type::Uuid => json!("00000000-0000-0000-0000-000000000000"),
        Type::DateTime => json!("2024-01-01T00:00:00Z"),
        Type::Date => json!("2024-01-01"),
        Type::Duration => json!("PT1H"),
        Type::Json | Type::Map(_) => json!({}),
        Type::Vec(_) => json!([]),
        Type::Tuple(items) => Value::Array(items.iter().map(|t| sample_at(api, t, depth + 1)).collect()),
        Type::File => json!("sample"),
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
            Some(ModelKind::Const(value)) => value.clone(),
            None => Value::Null,
        },
        // Numbers (the guards above).
        _ => Value::Null,
    }
}

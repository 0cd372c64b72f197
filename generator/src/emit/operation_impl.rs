//! An operation's `impl Operation`, built as a syn tree: `to_http` (the request line, its
//! path, query, headers, cookies and body) and `from_http` (the runtime function that
//! reads the answer). `operations.rs` says what goes in it ([`ToHttp`]); this builds it.

use super::tree;
use super::{ident, Ctx};
use proc_macro2::TokenStream;
use quote::quote;

/// One part of a request's path, in order: the path is written as one template and its
/// parameters' values (`UrlBuilder::with_path`), a statement per segment having cost rustc
/// more than anything else in an operation.
pub(super) enum PathStep {
    /// Literal text of the path.
    Literal(String),
    /// A parameter whose value is `self.field.as_str()` (built as a tree).
    Str { wire: String, field: String },
    /// A parameter whose value is another expression of `&str` (as tokens).
    Tokens { wire: String, text: TokenStream },
}

/// The parts of `to_http`'s body, in order.
pub(super) struct ToHttp {
    pub(super) url_mut: bool,
    pub(super) path_steps: Vec<PathStep>,
    /// The query parameters' steps (as tokens).
    pub(super) query_steps: TokenStream,
    /// The query options' field, written after them.
    pub(super) query_options: Option<String>,
    pub(super) method: &'static str,
    /// Whether `http::Method` has a constant for it (else the runtime makes it).
    pub(super) method_constant: bool,
    pub(super) header_steps: Vec<HeaderStep>,
    /// The cookies' step (as tokens).
    pub(super) cookie_step: TokenStream,
    /// The tail expression, which attaches the body.
    pub(super) finish: Finish,
}

/// A header's step: written as a tree when its value is a string.
pub(super) enum HeaderStep {
    /// `let request = header(request, "wire", self.field.as_str())?;`, or the `match` on
    /// an optional one.
    Str { wire: String, field: String, required: bool },
    /// Any other, as tokens.
    Tokens(TokenStream),
}

/// The tail of `to_http`: no body, a required JSON body, or another (as tokens).
pub(super) enum Finish {
    Empty,
    Json { content_type: String, field: String },
    Tokens(TokenStream),
}

/// `impl Operation for Name { … }`, built as a tree: the item every operation has, and
/// the one syn took longest to read (a function body of method calls and paths).
pub(super) fn implementation(
    ctx: &Ctx<'_>,
    name: &str,
    output: TokenStream,
    consts: &TokenStream,
    decode: (&str, &str),
    body: ToHttp,
) -> Result<syn::Item, String> {
    let rt: syn::Path = tree::read(ctx.rt.clone(), "runtime path")?;
    let url = || tree::path(false, &["url"]);
    let request = || tree::path(false, &["request"]);
    let this = || tree::path(false, &["self"]);
    let statements = |tokens: TokenStream| -> Result<Vec<syn::Stmt>, String> {
        use syn::parse::Parser as _;
        syn::Block::parse_within
            .parse2(tokens)
            .map_err(|e| format!("internal error: a step of `{name}` does not parse: {e}"))
    };
    let mut stmts = Vec::new();
    // `UrlBuilder::with_path(base_url, "/a/{id}/b", &[self.id.as_str()])?`
    let mut template = String::new();
    let mut values = Vec::new();
    for step in body.path_steps {
        match step {
            PathStep::Literal(text) => template.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathStep::Str { wire, field } => {
                template.push_str(&format!("{{{wire}}}"));
                values.push(tree::method(tree::field(this(), &field), "as_str", Vec::new()));
            }
            PathStep::Tokens { wire, text } => {
                template.push_str(&format!("{{{wire}}}"));
                values.push(tree::read(text, "a path parameter's value")?);
            }
        }
    }
    let new_url = tree::try_(tree::call(
        tree::path_under(&rt, &["operation", "UrlBuilder", "with_path"]),
        vec![tree::path(false, &["base_url"]), tree::string(&template), tree::reference(tree::array(values), false)],
    ));
    stmts.push(if body.url_mut { tree::binding_mut("url", new_url) } else { tree::binding("url", new_url) });
    stmts.extend(statements(body.query_steps)?);
    if let Some(options) = &body.query_options {
        // `self.query_options.write(&mut url);`
        let write = tree::method(tree::field(this(), options), "write", vec![tree::reference(url(), true)]);
        stmts.push(tree::statement(write));
    }
    let method = if body.method_constant {
        tree::path(true, &["http", "Method", body.method])
    } else {
        // `crate::runtime::operation::method("QUERY")?`
        tree::try_(tree::call(tree::path_under(&rt, &["operation", "method"]), vec![tree::string(body.method)]))
    };
    stmts.push(tree::binding("request", tree::method(url(), "into_request", vec![method])));
    let header = |value: syn::Expr, wire: &str| {
        tree::try_(tree::call(
            tree::path_under(&rt, &["operation", "header"]),
            vec![request(), tree::string(wire), value],
        ))
    };
    for step in body.header_steps {
        match step {
            HeaderStep::Str { wire, field, required: true } => {
                let value = tree::method(tree::field(this(), &field), "as_str", Vec::new());
                stmts.push(tree::binding("request", header(value, &wire)));
            }
            HeaderStep::Str { wire, field, required: false } => {
                let value = tree::method(tree::path(false, &["value"]), "as_str", Vec::new());
                let some = tree::arm(tree::some_pattern("value"), header(value, &wire));
                let none = tree::arm(tree::none_pattern(), request());
                let choice = tree::match_(tree::reference(tree::field(this(), &field), false), vec![some, none]);
                stmts.push(tree::binding("request", choice));
            }
            HeaderStep::Tokens(tokens) => stmts.extend(statements(tokens)?),
        }
    }
    stmts.extend(statements(body.cookie_step)?);
    let tail = match body.finish {
        Finish::Empty => tree::call(tree::path_under(&rt, &["operation", "empty_body"]), vec![request()]),
        Finish::Json { content_type, field } => tree::call(
            tree::path_under(&rt, &["operation", "json_body"]),
            vec![request(), tree::string(&content_type), tree::reference(tree::field(this(), &field), false)],
        ),
        Finish::Tokens(tokens) => tree::read(tokens, "the body's step")?,
    };
    stmts.push(syn::Stmt::Expr(tail, None));

    let rt_tokens = &ctx.rt;
    let mut items = vec![syn::ImplItem::Type(syn::ImplItemType {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        defaultness: None,
        type_token: Default::default(),
        ident: ident("Output"),
        generics: syn::Generics::default(),
        eq_token: Default::default(),
        ty: tree::read(output, "an output type")?,
        semi_token: Default::default(),
    })];
    if !consts.is_empty() {
        let holder: syn::ItemImpl = tree::read(quote!(impl X { #consts }), "the operation's facts")?;
        items.extend(holder.items);
    }
    items.push(ctx.shared_item("BASE_URL", || {
        quote!(
            const BASE_URL: &'static str = super::DEFAULT_BASE_URL;
        )
    })?);
    let syn::ImplItem::Fn(mut to_http) = ctx.shared_item(
        "to_http",
        || quote!(fn to_http(&self, base_url: &str) -> #rt_tokens::Result<#rt_tokens::HttpRequest> {}),
    )?
    else {
        return Err("internal error: `to_http` is not a function".to_owned());
    };
    to_http.block.stmts = stmts;
    items.push(syn::ImplItem::Fn(to_http));
    let (decode_module, decode_fn) = (ident(decode.0), ident(decode.1));
    // A sequence's reader is generic over the operation (see `Output::decoder`).
    let of_self = (decode.0 == "sequence").then(|| quote!(::<Self>));
    items.push(ctx.shared_item(decode.1, || {
        quote!(fn from_http(response: #rt_tokens::HttpResponse) -> #rt_tokens::Result<Self::Output> { #rt_tokens::#decode_module::#decode_fn #of_self (response) })
    })?);
    let mut trait_path = rt;
    trait_path.segments.push(syn::PathSegment::from(ident("Operation")));
    Ok(tree::impl_block(Some(trait_path), name, items))
}

//! Operations: one request type per operation, implementing the runtime's `Operation`.

use super::docs;
use super::format::Piece;
use super::operation_impl::{implementation, Finish, HeaderStep, PathStep, ToHttp};
use super::tree;
use super::{ident, Ctx};
use crate::ir::{BodyMedia, Conversion, Operation, Output, Param, ParamFormat, ParamLocation, PathPart, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// One operation rendered: the documentation of its request type (written apart, see
/// [`super::format::format_documented`]), its items, and apart from them its setters on
/// `Bound` (with a crate per module, the operations go to their module's crate and the
/// setters to the crate that defines `Bound`, the one users depend on).
pub struct Parts {
    /// The request type's doc lines, each with its leading space.
    pub docs: Vec<String>,
    /// The request type and its impls, in order (its `Operation` impl built as a tree).
    pub items: Vec<Piece>,
    /// Its setters on `Bound` (empty when it has none).
    pub bound: TokenStream,
}

/// One operation's [`Parts`].
pub fn parts(ctx: &Ctx<'_>, op: &Operation) -> Parts {
    operation(ctx, op)
}

/// The type a parameter field holds (before `Option` for optional ones).
fn field_type(ctx: &Ctx<'_>, p: &Param) -> TokenStream {
    ctx.ty(&p.ty)
}

/// `(argument type, conversion)` for `new` and setters, as the parameter's conversion says.
fn arg(ctx: &Ctx<'_>, p: &Param, value: &TokenStream) -> (TokenStream, TokenStream) {
    arg_of(ctx, &p.ty, p.conversion, value)
}

/// `(argument type, conversion)` for a value of type `ty` taken as `conversion` says (also
/// the request builders' steps, for the ids they add).
pub fn arg_of(ctx: &Ctx<'_>, ty: &Type, conversion: Conversion, value: &TokenStream) -> (TokenStream, TokenStream) {
    let t = ctx.ty(ty);
    match conversion {
        Conversion::Into => (quote!(impl ::std::convert::Into<#t>), quote!(#value.into())),
        Conversion::IntoEach => (
            quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>),
            quote!(#value.into_iter().map(::std::convert::Into::into).collect()),
        ),
        Conversion::Exact => (t, quote!(#value)),
    }
}

/// The operation's rustdoc: its summary, then the example of how to call it (the request
/// builders and the direct constructor), then the rest.
fn doc_lines(ctx: &Ctx<'_>, op: &Operation) -> Vec<String> {
    let mut lines = docs::lines(&op.docs);
    // The example is the IR's, rendered; an error here is the generator's, and the
    // operation is still documented without it.
    let example = super::examples::doc_example(ctx.api, op).unwrap_or_default();
    if lines.is_empty() {
        lines = example;
    } else {
        // After the summary (the first paragraph), before the paragraph break that follows.
        let summary_end = lines.iter().position(|l| l.is_empty()).unwrap_or(lines.len());
        lines.splice(summary_end..summary_end, std::iter::once(String::new()).chain(example));
    }
    lines
}

fn operation(ctx: &Ctx<'_>, op: &Operation) -> Parts {
    let rt = &ctx.rt;
    let name = ident(&op.name);

    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    // The same setters on the operation bound to a client (from the request builders).
    let mut bound_setters = Vec::new();
    for p in &op.params {
        let fname = ident(&p.name);
        let t = field_type(ctx, p);
        let pdoc = ctx.doc_attrs(&p.docs);
        let value = quote!(value);
        let (arg_ty, conv) = arg(ctx, p, &value);
        setters.push(getter(p, &t));
        if p.required {
            fields.push(quote! { #fname: #t, });
            let (arg_ty, conv) = arg(ctx, p, &quote!(#fname));
            new_args.push((p.name.clone(), arg_ty));
            let value = match p.conversion {
                Conversion::Into => Value::Into,
                Conversion::Exact => Value::Argument,
                Conversion::IntoEach => Value::Tokens(conv),
            };
            new_inits.push(Init::Value(p.name.clone(), value));
        } else {
            fields.push(quote! { #fname: ::std::option::Option<#t>, });
            new_inits.push(Init::Value(p.name.clone(), Value::None));
            setters.push(quote! {
                #pdoc
                pub fn #fname(mut self, value: #arg_ty) -> Self {
                    self.#fname = ::std::option::Option::Some(#conv);
                    self
                }
            });
            bound_setters.push(super::bound::BoundSetter {
                name: &p.name,
                doc: pdoc,
                arg: arg_ty,
                conversion: p.conversion,
            });
        }
    }
    if let Some(body) = &op.body {
        let fname = ident(&body.name);
        let (t, ir_ty) = match &body.media {
            BodyMedia::Json { ty, .. } | BodyMedia::Form { ty, .. } => (ctx.ty(ty), ty.clone()),
            BodyMedia::Bytes { .. } => (quote!(::std::vec::Vec<u8>), Type::Vec(Box::new(Type::U8))),
        };
        setters.push(getter(Field { name: &body.name, getter: &body.getter, ty: &ir_ty, required: body.required }, &t));
        if body.required {
            fields.push(quote! { #fname: #t, });
            new_args.push((body.name.clone(), t.clone()));
            new_inits.push(Init::Shorthand(body.name.clone()));
        } else {
            fields.push(quote! { #fname: ::std::option::Option<#t>, });
            new_inits.push(Init::Value(body.name.clone(), Value::None));
            setters.push(quote! {
                /// Sets the request body.
                pub fn #fname(mut self, value: #t) -> Self {
                    self.#fname = ::std::option::Option::Some(value);
                    self
                }
            });
            bound_setters.push(super::bound::BoundSetter {
                name: &body.name,
                doc: quote!(#[doc = " Sets the request body."]),
                arg: t.clone(),
                conversion: Conversion::Exact,
            });
        }
    }

    // OData's query options: one field, the setters from the runtime's macro (or its traits').
    let query_options_setters = op.query_options.as_ref().map(|q| {
        let field = ident(&q.field);
        let markers = q.options.iter().map(|o| ident(o.marker()));
        fields.push(quote! { #field: #rt::query::QueryOptions, });
        new_inits.push(Init::Value(q.field.clone(), Value::QueryOptions));
        let traits_alone = (!ctx.api.layout.inherent_query_setters()).then(|| quote!(traits));
        quote! { #rt::query::query_options! { #traits_alone #name, #field; #(#markers),* } }
    });

    let path_steps = op.segments.iter().filter_map(|part| match part {
        PathPart::Literal(text) => Some(PathStep::Literal(text.clone())),
        PathPart::Param(i) => op.params.get(*i).map(|p| match p.format {
            ParamFormat::Str | ParamFormat::Written => {
                PathStep::Str { wire: p.api_name.clone(), field: p.name.clone() }
            }
            _ => {
                let fname = ident(&p.name);
                let text = text_of(rt, &p.format, &p.ty, &quote!(&self.#fname));
                PathStep::Tokens { wire: p.api_name.clone(), text }
            }
        }),
    });
    let query_steps = op.params.iter().filter(|p| p.location == ParamLocation::Query).map(|p| {
        let fname = ident(&p.name);
        let wire = &p.api_name;
        let step = |value: TokenStream| match &p.format {
            ParamFormat::List { explode, item } => {
                let items = list_items(rt, item, &p.ty, &value);
                quote! { url.query_list(#wire, #items, #explode); }
            }
            ParamFormat::Form => quote! { url.query_form(#value)?; },
            ParamFormat::Delimited { delimiter, item } => {
                let items = list_items(rt, item, &p.ty, &value);
                let delimiter = delimiter.to_string();
                quote! { url.query_delimited(#wire, #items, #delimiter); }
            }
            other => {
                let text = text_of(rt, other, &p.ty, &value);
                quote! { url.query(#wire, #text); }
            }
        };
        if p.required {
            step(quote!(&self.#fname))
        } else {
            let inner = step(quote!(value));
            quote! { if let ::std::option::Option::Some(value) = &self.#fname { #inner } }
        }
    });
    let header_steps = op.params.iter().filter(|p| p.location == ParamLocation::Header).map(|p| {
        let fname = ident(&p.name);
        let wire = &p.api_name;
        if matches!(p.format, ParamFormat::Str | ParamFormat::Written) {
            return HeaderStep::Str { wire: wire.clone(), field: p.name.clone(), required: p.required };
        }
        HeaderStep::Tokens(if p.required {
            let text = text_of(rt, &p.format, &p.ty, &quote!(&self.#fname));
            quote! { let request = #rt::operation::header(request, #wire, #text)?; }
        } else {
            let text = text_of(rt, &p.format, &p.ty, &quote!(value));
            quote! {
                let request = match &self.#fname {
                    ::std::option::Option::Some(value) => #rt::operation::header(request, #wire, #text)?,
                    ::std::option::Option::None => request,
                };
            }
        })
    });
    let cookies: Vec<&Param> = op.params.iter().filter(|p| p.location == ParamLocation::Cookie).collect();
    let cookie_step = (!cookies.is_empty()).then(|| {
        let pushes = cookies.iter().map(|p| {
            let fname = ident(&p.name);
            let wire = &p.api_name;
            if p.required {
                let text = text_of(rt, &p.format, &p.ty, &quote!(&self.#fname));
                quote! { cookies.push(::std::format!("{}={}", #wire, #text)); }
            } else {
                let text = text_of(rt, &p.format, &p.ty, &quote!(value));
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#fname {
                        cookies.push(::std::format!("{}={}", #wire, #text));
                    }
                }
            }
        });
        quote! {
            let mut cookies: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            #(#pushes)*
            let request = if cookies.is_empty() {
                request
            } else {
                #rt::operation::header(request, "Cookie", &cookies.join("; "))?
            };
        }
    });
    let finish = match &op.body {
        None => Finish::Empty,
        Some(body) => match &body.media {
            BodyMedia::Json { content_type, .. } if body.required => {
                Finish::Json { content_type: content_type.clone(), field: body.name.clone() }
            }
            _ => Finish::Tokens({
                let fname = ident(&body.name);
                let send = |value: TokenStream| match &body.media {
                    BodyMedia::Json { content_type, .. } => {
                        quote! { #rt::operation::json_body(request, #content_type, #value) }
                    }
                    BodyMedia::Form { multipart: false, .. } => quote! { #rt::operation::form_body(request, #value) },
                    BodyMedia::Form { multipart: true, .. } => quote! { #rt::multipart::body(request, #value) },
                    BodyMedia::Bytes { content_type } => {
                        quote! { #rt::operation::bytes_body(request, #content_type, #value) }
                    }
                };
                if body.required {
                    send(quote!(&self.#fname))
                } else {
                    let some = send(quote!(body));
                    quote! {
                        match &self.#fname {
                            ::std::option::Option::Some(body) => #some,
                            ::std::option::Option::None => #rt::operation::empty_body(request),
                        }
                    }
                }
            }),
        },
    };
    let output = match &op.output {
        Output::Empty => quote!(()),
        Output::Accepted => quote!(#rt::Accepted),
        Output::Json(t) => ctx.ty(t),
        Output::JsonOrEmpty(t) => {
            let t = ctx.ty(t);
            quote!(::std::option::Option<#t>)
        }
        Output::Count => quote!(i64),
        Output::Bytes => quote!(::std::vec::Vec<u8>),
        Output::Text => quote!(::std::string::String),
        Output::Sequence { item, .. } => {
            let item = ctx.ty(item);
            quote!(#rt::sequence::Items<#item>)
        }
    };
    let decode = op.output.decoder();
    // The config's sentinels beside the runtime's, where it adds some.
    let sentinels = (ctx.api.sentinels.len() > crate::ir::DEFAULT_SENTINELS.len()).then(|| {
        let all = &ctx.api.sentinels;
        quote!(const SENTINELS: &'static [&'static str] = &[#(#all),*];)
    });
    let sequential = match &op.output {
        Output::Sequence { item, framing } => {
            let named = event_member(ctx, item, *framing);
            let item = ctx.ty(item);
            let variant = ident(framing.variant());
            quote! {
                impl #rt::Sequential for #name {
                    type Item = #item;
                    const FRAMING: #rt::sequence::Framing = #rt::sequence::Framing::#variant;
                    #sentinels
                    #named
                }
            }
        }
        _ => quote!(),
    };
    // Answers JSON, or the same as a stream when asked: `op.streamed()`.
    let streams = op.stream.as_ref().map(|stream| {
        let named = event_member(ctx, &stream.item, stream.framing);
        let item = ctx.ty(&stream.item);
        let variant = ident(stream.framing.variant());
        let media = &stream.media;
        let member = stream
            .member
            .as_ref()
            .map(|m| quote!(const MEMBER: ::std::option::Option<&'static str> = ::std::option::Option::Some(#m);));
        quote! {
            impl #rt::sequence::Streams for #name {
                type Item = #item;
                const FRAMING: #rt::sequence::Framing = #rt::sequence::Framing::#variant;
                const MEDIA: &'static str = #media;
                #member
                #sentinels
                #named
            }
        }
    });
    let pageable = op.next_link.as_ref().map(|link| {
        let field = ident(&link.field);
        let get = if link.required {
            quote!(::std::option::Option::Some(output.#field.as_str()))
        } else {
            quote!(output.#field.as_deref())
        };
        quote! {
            impl #rt::Pageable for #name {
                fn next_link(output: &Self::Output) -> ::std::option::Option<&str> {
                    #get
                }
            }
        }
    });
    let permissions = op.permissions.as_ref().map(|p| {
        let privileges = |p: &crate::ir::Privileges| {
            let least = &p.least;
            let higher = &p.higher;
            quote!(#rt::Privileges { least: &[#(#least),*], higher: &[#(#higher),*] })
        };
        let work = privileges(&p.delegated_work);
        let personal = privileges(&p.delegated_personal);
        let app = privileges(&p.application);
        quote! {
            const PERMISSIONS: #rt::Permissions = #rt::Permissions {
                delegated_work: #work,
                delegated_personal: #personal,
                application: #app,
            };
        }
    });
    let clouds = op.clouds.map(|c| {
        let (global, l4, l5, china) = (c.global, c.us_gov_l4, c.us_gov_l5_dod, c.china);
        quote! {
            const CLOUDS: ::std::option::Option<#rt::CloudAvailability> = ::std::option::Option::Some(#rt::CloudAvailability {
                global: #global,
                us_gov_l4: #l4,
                us_gov_l5_dod: #l5,
                china: #china,
            });
        }
    });
    let bound = (!bound_setters.is_empty())
        .then(|| super::bound::impls(ctx, &quote!(super::operations::#name), &bound_setters));
    let new_doc = " Creates the request from its required parameters (path parameters in path order).";
    let url_mut = if op.query_options.is_some() || op.params.iter().any(|p| p.location == ParamLocation::Query) {
        quote!(mut)
    } else {
        quote!()
    };

    let head = quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

    };
    let inherent = match constructor(ctx, &op.name, new_doc, new_args, new_inits, setters) {
        Ok(item) => Piece::Tree(Box::new(item)),
        Err(message) => Piece::Failed(message),
    };
    let options = quote! { #query_options_setters };
    // A crate per module has no server module (its operations crates no `server` feature).
    let receive = (ctx.api.layout == crate::ir::Layout::OneCrate).then(|| super::server::receive_impl(ctx, op));
    let tail = quote! { #pageable #sequential #streams #receive };
    let body = ToHttp {
        url_mut: !url_mut.is_empty(),
        path_steps: path_steps.collect(),
        query_steps: quote!(#(#query_steps)*),
        query_options: op.query_options.as_ref().map(|q| q.field.clone()),
        method: op.method.as_str(),
        method_constant: op.method.has_http_constant(),
        header_steps: header_steps.collect(),
        cookie_step: cookie_step.unwrap_or_default(),
        finish,
    };
    let operation_impl = match implementation(ctx, &op.name, output, &quote!(#permissions #clouds), decode, body) {
        Ok(item) => Piece::Tree(Box::new(item)),
        // Not expected: every part is the emitter's own.
        Err(message) => Piece::Failed(message),
    };
    let items = vec![Piece::Tokens(head), inherent, Piece::Tokens(options), operation_impl, Piece::Tokens(tail)];
    Parts { docs: doc_lines(ctx, op), items, bound: bound.unwrap_or_default() }
}

/// A field of an operation, as its getter needs it.
struct Field<'a> {
    name: &'a str,
    getter: &'a str,
    ty: &'a Type,
    required: bool,
}

impl<'a> From<&'a Param> for Field<'a> {
    fn from(p: &'a Param) -> Self {
        Field { name: &p.name, getter: &p.getter, ty: &p.ty, required: p.required }
    }
}

/// The getter of a parameter or body field (named by the IR), so that a test (a mock
/// rule's predicate) or a log can read an operation's values: strings as `&str`, numbers,
/// flags and UUIDs by value, the rest by reference; an optional one's as an `Option`.
fn getter<'a>(field: impl Into<Field<'a>>, t: &TokenStream) -> TokenStream {
    let Field { name, getter, ty, required } = field.into();
    let field = ident(name);
    let method = ident(getter);
    let doc = if required {
        format!(" The `{name}` the operation was built with.")
    } else {
        format!(" The `{name}` set (with the setter of that name), if any.")
    };
    if ty.is_copy() {
        // Numbers, flags and UUIDs are `Copy`: by value, as a hand-written getter would.
        return if required {
            quote! { #[doc = #doc] pub fn #method(&self) -> #t { self.#field } }
        } else {
            quote! { #[doc = #doc] pub fn #method(&self) -> ::std::option::Option<#t> { self.#field } }
        };
    }
    let (view, read) = match ty {
        Type::String => (quote!(str), quote!(as_str)),
        _ => (t.clone(), quote!()),
    };
    match (required, read.is_empty()) {
        (true, true) => quote! { #[doc = #doc] pub fn #method(&self) -> &#t { &self.#field } },
        (true, false) => quote! { #[doc = #doc] pub fn #method(&self) -> &#view { self.#field.#read() } },
        (false, true) => quote! {
            #[doc = #doc]
            pub fn #method(&self) -> ::std::option::Option<&#t> { self.#field.as_ref() }
        },
        (false, false) => quote! {
            #[doc = #doc]
            pub fn #method(&self) -> ::std::option::Option<&#view> { self.#field.as_deref() }
        },
    }
}

/// A field's value in `new`'s `Self { … }`.
enum Init {
    /// `field: value`
    Value(String, Value),
    /// `field` (the argument of the same name, as it is)
    Shorthand(String),
}

/// The values `new` gives its fields.
enum Value {
    /// `field.into()`
    Into,
    /// `field`
    Argument,
    /// `::std::option::Option::None`
    None,
    /// `crate::runtime::query::QueryOptions::default()`
    QueryOptions,
    /// Another, as tokens.
    Tokens(TokenStream),
}

/// `impl Name { pub fn new(…) -> Self { Self { … } } setters… }`, `new` built as a tree
/// (every operation has one; the setters, fewer, are read from tokens).
fn constructor(
    ctx: &Ctx<'_>,
    name: &str,
    doc: &str,
    args: Vec<(String, TokenStream)>,
    inits: Vec<Init>,
    setters: Vec<TokenStream>,
) -> Result<syn::Item, String> {
    use syn::parse::Parser as _;
    let rt: syn::Path = tree::read(ctx.rt.clone(), "runtime path")?;
    // An operation without required parameters has a `new()` too, as every other: clippy
    // would ask users' crates for a `Default` it does not need.
    let allow = args
        .is_empty()
        .then(|| quote!(#[allow(clippy::new_without_default, reason = "every operation starts from `new`")]));
    // An operation named `New` (`operationId: new`) is made by `new` like every other.
    let self_named = (name == "New")
        .then(|| quote!(#[allow(clippy::self_named_constructors, reason = "every operation starts from `new`")]));
    let mut attr_tokens = ctx.doc_attrs_of(&[doc.to_owned()]);
    attr_tokens.extend(allow);
    attr_tokens.extend(self_named);
    let attrs = syn::Attribute::parse_outer
        .parse2(attr_tokens)
        .map_err(|e| format!("internal error: a doc attribute does not parse: {e}"))?;
    let inputs = args
        .into_iter()
        .map(|(arg, ty)| {
            Ok(syn::FnArg::Typed(syn::PatType {
                attrs: Vec::new(),
                pat: Box::new(tree::pattern(&arg)),
                colon_token: Default::default(),
                ty: Box::new(ctx.type_tree(ty)?),
            }))
        })
        .collect::<Result<_, String>>()?;
    let fields = inits
        .into_iter()
        .map(|init| {
            let (field, expr, shorthand) = match init {
                Init::Shorthand(field) => {
                    let expr = tree::path(false, &[field.as_str()]);
                    (field, expr, true)
                }
                Init::Value(field, value) => {
                    // An argument of the field's own name is written `field` (clippy's
                    // `redundant_field_names` in users' crates otherwise).
                    let shorthand = matches!(value, Value::Argument);
                    let expr = match value {
                        Value::Into => tree::method(tree::path(false, &[field.as_str()]), "into", Vec::new()),
                        Value::Argument => tree::path(false, &[field.as_str()]),
                        Value::None => tree::path(true, &["std", "option", "Option", "None"]),
                        Value::QueryOptions => {
                            tree::call(tree::path_under(&rt, &["query", "QueryOptions", "default"]), Vec::new())
                        }
                        Value::Tokens(tokens) => tree::read(tokens, "a field's value")?,
                    };
                    (field, expr, shorthand)
                }
            };
            Ok(syn::FieldValue {
                attrs: Vec::new(),
                member: syn::Member::Named(ident(&field)),
                colon_token: (!shorthand).then(Default::default),
                expr,
            })
        })
        .collect::<Result<_, String>>()?;
    let this = || syn::Path::from(ident("Self"));
    let body = syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: this(),
        brace_token: Default::default(),
        fields,
        dot2_token: None,
        rest: None,
    });
    let new = syn::ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        defaultness: None,
        sig: tree::signature(
            "new",
            inputs,
            syn::ReturnType::Type(
                Default::default(),
                Box::new(syn::Type::Path(syn::TypePath { qself: None, path: this() })),
            ),
        ),
        block: syn::Block { brace_token: Default::default(), stmts: vec![syn::Stmt::Expr(body, None)] },
    });
    let mut items = vec![new];
    for setter in setters {
        items.push(tree::read(setter, "a setter")?);
    }
    Ok(tree::impl_block(None, name, items))
}

/// An expression of type `&str` (or something that derefs to it) for one value, given as a
/// reference (`&self.id`, or a `value` bound by reference): method calls take the place it
/// borrows (`self.id.as_str()`, not `&self.id.as_str()`, which clippy calls a needless borrow).
fn text_of(rt: &TokenStream, format: &ParamFormat, ty: &Type, value: &TokenStream) -> TokenStream {
    let receiver = receiver_of(value);
    match format {
        ParamFormat::Str | ParamFormat::Written => quote!(#receiver.as_str()),
        ParamFormat::Display => quote!(&#receiver.to_string()),
        ParamFormat::Wire => quote!(#rt::WireEnum::as_wire(#value)),
        ParamFormat::Json | ParamFormat::Form => quote!(&#rt::operation::json_text(#value)),
        ParamFormat::List { item, .. } => {
            let items = list_items(rt, item, ty, value);
            quote!(&#items.join(","))
        }
        ParamFormat::Delimited { delimiter, item } => {
            let items = list_items(rt, item, ty, value);
            let delimiter = delimiter.to_string();
            quote!(&#items.join(#delimiter))
        }
    }
}

/// The place a reference expression borrows (`&self.id` -> `self.id`), as a method receiver.
fn receiver_of(value: &TokenStream) -> TokenStream {
    let mut tokens = value.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '&' => tokens.collect(),
        _ => value.clone(),
    }
}

/// A slice of string-likes for a list parameter.
fn list_items(rt: &TokenStream, item: &ParamFormat, ty: &Type, value: &TokenStream) -> TokenStream {
    let item_ty = match ty {
        Type::Vec(inner) => (**inner).clone(),
        other => other.clone(),
    };
    if *item == ParamFormat::Str {
        let receiver = receiver_of(value);
        return quote!(#receiver.as_slice());
    }
    let each = text_of(rt, item, &item_ty, &quote!(v));
    let receiver = receiver_of(value);
    quote!(#receiver.iter().map(|v| ::std::string::ToString::to_string(#each)).collect::<::std::vec::Vec<_>>().as_slice())
}

/// `EVENT_MEMBER` of a stream of events whose data is each item, when the item is a union
/// told apart by a member: the event's name gives it where the data does not.
fn event_member(ctx: &Ctx<'_>, item: &Type, framing: crate::ir::Framing) -> Option<TokenStream> {
    let Type::Model(id) = item else { return None };
    let crate::ir::ModelKind::Union(union) = &ctx.api.models.get(*id)?.kind else { return None };
    let member = union.discriminator.as_ref().filter(|_| framing == crate::ir::Framing::EventData)?;
    Some(quote!(const EVENT_MEMBER: ::std::option::Option<&'static str> = ::std::option::Option::Some(#member);))
}

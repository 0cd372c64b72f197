//! The request builders: one type per node of the IR's path tree, its steps and its
//! terminals, and the client's way in.

use super::format::Piece;
use super::{ident, tree, Ctx};
use crate::ir::{BodyMedia, ClientEntry, Gate, Operation, ParamLocation, PathNode};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of the `paths` module, one node at a time (the client's entry first), each
/// with the gate that compiles it (the root always compiles).
pub fn render_each<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (Vec<Piece>, &'a Gate)> + 'a {
    static ALWAYS: Gate = Gate::Always;
    std::iter::once((vec![Piece::Tokens(client_entry(ctx))], &ALWAYS)).chain(
        ctx.api
            .paths
            .nodes
            .iter()
            .enumerate()
            .map(move |(i, n)| (node(ctx, i, n), if i == 0 { &ALWAYS } else { &n.gate })),
    )
}

/// A terminal's arguments besides the path's ids (the operation's other required
/// parameters, then its required body), as `(declarations, names)`.
fn terminal_args(ctx: &Ctx<'_>, op: &Operation) -> (Vec<(String, TokenStream)>, Vec<String>) {
    let mut decls = Vec::new();
    let mut names = Vec::new();
    for p in op.params.iter().filter(|p| p.required && p.location != ParamLocation::Path) {
        let name = ident(&p.name);
        let (ty, _) = super::operations::arg_of(ctx, &p.ty, p.conversion, &quote!(#name));
        decls.push((p.name.clone(), ty));
        names.push(p.name.clone());
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let ty = match &body.media {
            BodyMedia::Json { ty, .. } | BodyMedia::Form { ty, .. } => ctx.ty(ty),
            BodyMedia::Bytes { .. } => quote!(::std::vec::Vec<u8>),
        };
        decls.push((body.name.clone(), ty));
        names.push(body.name.clone());
    }
    (decls, names)
}

/// One node; its fields are public (hidden from the docs) when another crate makes it
/// ([`PathNode::made_elsewhere`]).
fn node(ctx: &Ctx<'_>, index: usize, node: &PathNode) -> Vec<Piece> {
    let rt = &ctx.rt;
    let name = ident(&node.name);
    let root = index == 0;
    let vis = if node.made_elsewhere { quote!(#[doc(hidden)] pub) } else { quote!() };
    let fields = node.ids.iter().map(|id| {
        let field = ident(&id.name);
        let ty = ctx.ty(&id.ty);
        quote!(#vis #field: #ty,)
    });
    let steps = node.steps.iter().filter_map(|step| {
        let child = ctx.api.paths.nodes.get(step.node)?;
        let kept = child.ids.len().saturating_sub(step.adds);
        let this = || tree::path(false, &["self"]);
        let mut params = Vec::new();
        let mut inits = vec![("ctx".to_owned(), tree::field(this(), "ctx"))];
        for (i, id) in child.ids.iter().enumerate() {
            let field = ident(&id.name);
            if i < kept {
                inits.push((id.name.clone(), tree::field(this(), &id.name)));
            } else {
                let (ty, conv) = super::operations::arg_of(ctx, &id.ty, id.conversion, &quote!(#field));
                params.push((id.name.clone(), ty));
                let value = match id.conversion {
                    crate::ir::Conversion::Into => {
                        tree::method(tree::path(false, &[id.name.as_str()]), "into", Vec::new())
                    }
                    crate::ir::Conversion::Exact => tree::path(false, &[id.name.as_str()]),
                    crate::ir::Conversion::IntoEach => match tree::read(conv, "a step's argument") {
                        Ok(expr) => expr,
                        Err(message) => return Some(Err(message)),
                    },
                };
                inits.push((id.name.clone(), value));
            }
        }
        let doc = ctx.doc_attrs_of(&[format!(" `{}`", super::docs::quoted(&child.path))]);
        // Only a step narrower than its node needs a gate of its own.
        let cfg = if child.gate == node.gate { TokenStream::new() } else { ctx.cfg(&child.gate) };
        let output = tree::generic_type(&[], &child.name, tree::type_path(&["C"]));
        let body = tree::struct_literal(&child.name, inits);
        Some(method_tree(ctx, quote!(#doc #cfg), &step.name, params, output, body))
    });
    let terminals = node.terminals.iter().filter_map(|t| {
        let op = ctx.api.operations.get(t.operation)?;
        let (decls, args) = terminal_args(ctx, op);
        let this = || tree::path(false, &["self"]);
        let mut values: Vec<syn::Expr> = t
            .path_ids
            .iter()
            .map(|&i| tree::field(this(), node.ids.get(i).map_or("ctx", |id| id.name.as_str())))
            .collect();
        values.extend(args.iter().map(|arg| tree::path(false, &[arg.as_str()])));
        let new = tree::call(tree::path(false, &["super", "operations", op.name.as_str(), "new"]), values);
        let body = tree::method(tree::field(this(), "ctx"), "bind", vec![new]);
        let doc = ctx.doc_attrs_of(&[format!(
            " `{} {}`: [`super::operations::{}`].",
            op.method.as_str(),
            super::docs::quoted(&op.path),
            op.name
        )]);
        let cfg = if op.gate == node.gate { TokenStream::new() } else { ctx.cfg(&op.gate) };
        let operation = tree::type_path(&["super", "operations", op.name.as_str()]);
        let output = tree::generic_type(&["C"], "Bound", operation);
        Some(method_tree(ctx, quote!(#doc #cfg), &t.name, decls, output, body))
    });
    let doc: Vec<String> = if root {
        let first = node.steps.first().map_or("…", |s| s.name.as_str());
        let client = match &ctx.api.paths.client_entry {
            ClientEntry::Steps => format!("the client's own methods (`client.{first}()`)"),
            ClientEntry::Method(m) => format!("`client.{m}()`"),
            ClientEntry::Trait(t) => format!("the client's methods of [`{t}`] (`client.{first}()`)"),
        };
        vec![
            " The root of the request builders: each step walks one segment of a path, and the last".to_owned(),
            " one (`get()`, `post(body)`, …) returns the operation. From".to_owned(),
            format!(" `{}::new()` it is the operation itself; from {client} it is", node.name),
            " bound to the client, to `.send()` (or `.pages()`).".to_owned(),
        ]
    } else {
        let root_name = ctx.api.paths.nodes.first().map_or("", |n| n.name.as_str());
        // A module's own nodes are in its crate, which cannot link to the root.
        let root_link = match ctx.api.layout {
            crate::ir::Layout::OneCrate => format!("[`{root_name}`]"),
            crate::ir::Layout::CratePerModule { .. } => format!("`{root_name}`"),
        };
        vec![format!(" `{}`, on the way to its operations (see {root_link}).", super::docs::quoted(&node.path))]
    };
    let doc = ctx.doc_attrs_of(&doc);
    let derives = if root { quote!(#[derive(Debug, Clone, Default)]) } else { quote!(#[derive(Debug, Clone)]) };
    let ctx_attr =
        ctx.api.paths.root_unread.as_ref().filter(|_| root).map(|reason| quote!(#[allow(dead_code, reason = #reason)]));
    let new = root.then(|| {
        quote! {
            impl #name {
                /// Starts a chain without a client.
                pub fn new() -> Self {
                    #name { ctx: #rt::paths::Unbound }
                }
            }
        }
    });
    let head = quote! {
        #doc
        #derives
        pub struct #name<C = #rt::paths::Unbound> {
            #ctx_attr
            #vis ctx: C,
            #(#fields)*
        }
        #new
    };
    let methods = match steps.chain(terminals).collect::<Result<Vec<_>, String>>() {
        Ok(methods) => methods,
        Err(message) => return vec![Piece::Failed(message)],
    };
    // `impl<C: …::paths::Context> Name<C> { … }`: the head read once, the name set here.
    let block = ctx.shared_impl("paths node", || quote!(impl<C: #rt::paths::Context> Node<C> {})).map(|mut block| {
        if let syn::Type::Path(ty) = block.self_ty.as_mut() {
            if let Some(last) = ty.path.segments.last_mut() {
                last.ident = ident(&node.name);
            }
        }
        block.items = methods;
        block
    });
    match block {
        Ok(block) => vec![Piece::Tokens(head), Piece::Tree(Box::new(syn::Item::Impl(block)))],
        Err(message) => vec![Piece::Failed(message)],
    }
}

/// `pub fn name(self, args…) -> output { body }` with `attrs` (its doc and gate).
fn method_tree(
    ctx: &Ctx<'_>,
    attrs: TokenStream,
    name: &str,
    args: Vec<(String, TokenStream)>,
    output: syn::Type,
    body: syn::Expr,
) -> Result<syn::ImplItem, String> {
    use syn::parse::Parser as _;
    let attrs = syn::Attribute::parse_outer
        .parse2(attrs)
        .map_err(|e| format!("internal error: the attributes of `{name}` do not parse: {e}"))?;
    let mut inputs: syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]> =
        std::iter::once(tree::receiver()).collect();
    for (arg, ty) in args {
        inputs.push(syn::FnArg::Typed(syn::PatType {
            attrs: Vec::new(),
            pat: Box::new(tree::pattern(&arg)),
            colon_token: Default::default(),
            ty: Box::new(ctx.type_tree(ty)?),
        }));
    }
    Ok(syn::ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        defaultness: None,
        sig: tree::signature(name, inputs, syn::ReturnType::Type(Default::default(), Box::new(output))),
        block: syn::Block { brace_token: Default::default(), stmts: vec![syn::Stmt::Expr(body, None)] },
    }))
}

/// How a client starts a chain: the root's steps and terminals as its own methods (or as
/// the methods of a trait it implements), or one method that returns the root.
fn client_entry(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let Some(root) = ctx.api.paths.nodes.first() else { return quote!() };
    let root_name = ident(&root.name);
    if let ClientEntry::Method(method) = &ctx.api.paths.client_entry {
        let method = ident(method);
        let doc = format!(" Request builders of {} ({}) sent with this client.", ctx.api.title, ctx.api.version);
        let doc = super::docs::clean(&doc);
        return quote! {
            #[cfg(feature = "client")]
            impl #rt::Client {
                #[doc = #doc]
                pub fn #method(&self) -> #root_name<&Self> {
                    #root_name { ctx: self }
                }
            }
        };
    }
    // (doc and cfg, signature, body) of each of the root's steps and terminals.
    let mut methods: Vec<(TokenStream, TokenStream, TokenStream)> = Vec::new();
    for step in &root.steps {
        let Some(child) = ctx.api.paths.nodes.get(step.node) else { continue };
        let child_name = ident(&child.name);
        let method = ident(&step.name);
        let params: Vec<TokenStream> = child
            .ids
            .iter()
            .map(|id| {
                let field = ident(&id.name);
                let (ty, _) = super::operations::arg_of(ctx, &id.ty, id.conversion, &quote!(#field));
                quote!(#field: #ty)
            })
            .collect();
        let args = child.ids.iter().map(|id| ident(&id.name));
        let doc = format!(" `{}`, sent with this client.", child.path);
        let cfg = ctx.cfg(&child.gate);
        methods.push((
            quote!(#[doc = #doc] #cfg),
            quote!(fn #method(&self, #(#params),*) -> #child_name<&#rt::Client>),
            quote!(#root_name { ctx: self }.#method(#(#args),*)),
        ));
    }
    for t in &root.terminals {
        let Some(op) = ctx.api.operations.get(t.operation) else { continue };
        let op_name = ident(&op.name);
        let method = ident(&t.name);
        let (decls, args) = terminal_args(ctx, op);
        let decls = decls.iter().map(|(arg, ty)| {
            let arg = ident(arg);
            quote!(#arg: #ty)
        });
        let args = args.iter().map(|arg| ident(arg));
        let doc = format!(" `{} {}`, sent with this client.", op.method.as_str(), op.path);
        let cfg = ctx.cfg(&op.gate);
        methods.push((
            quote!(#[doc = #doc] #cfg),
            quote!(fn #method(&self, #(#decls),*) -> #rt::paths::Bound<'_, super::operations::#op_name>),
            quote!(#root_name { ctx: self }.#method(#(#args),*)),
        ));
    }
    match &ctx.api.paths.client_entry {
        ClientEntry::Trait(name) => {
            let name = ident(name);
            let declared = methods.iter().map(|(attrs, sig, _)| quote!(#attrs #sig;));
            let defined = methods.iter().map(|(attrs, sig, body)| quote!(#attrs #sig { #body }));
            let doc = [
                format!(
                    " The request builders started at a client (`client.{}()`): bring it into scope with",
                    root.steps.first().map_or("…", |s| s.name.as_str())
                ),
                " `use …::prelude::*;`.".to_owned(),
            ];
            quote! {
                #(#[doc = #doc])*
                #[cfg(feature = "client")]
                pub trait #name {
                    #(#declared)*
                }
                #[cfg(feature = "client")]
                impl #name for #rt::Client {
                    #(#defined)*
                }
            }
        }
        _ => {
            let defined = methods.iter().map(|(attrs, sig, body)| quote!(#attrs pub #sig { #body }));
            quote! {
                #[cfg(feature = "client")]
                impl #rt::Client {
                    #(#defined)*
                }
            }
        }
    }
}

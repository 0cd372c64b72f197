//! The request builders: one type per node of the IR's path tree, its steps and its
//! terminals, and the client's way in.

use super::{ident, Ctx};
use crate::ir::{BodyMedia, ClientEntry, Gate, Operation, ParamLocation, PathNode, Terminal};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of the `paths` module, one node at a time (the client's entry first), each
/// with the gate that compiles it (the root always compiles).
pub fn render_each<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (TokenStream, &'a Gate)> + 'a {
    static ALWAYS: Gate = Gate::Always;
    std::iter::once((client_entry(ctx), &ALWAYS)).chain(
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
fn terminal_args(ctx: &Ctx<'_>, op: &Operation) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut decls = Vec::new();
    let mut names = Vec::new();
    for p in op.params.iter().filter(|p| p.required && p.location != ParamLocation::Path) {
        let name = ident(&p.name);
        let (ty, _) = super::operations::arg_of(ctx, &p.ty, p.conversion, &quote!(#name));
        decls.push(quote!(#name: #ty));
        names.push(quote!(#name));
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let name = ident(&body.name);
        let ty = match &body.media {
            BodyMedia::Json { ty, .. } | BodyMedia::Form { ty } => ctx.ty(ty),
            BodyMedia::Bytes { .. } => quote!(::std::vec::Vec<u8>),
        };
        decls.push(quote!(#name: #ty));
        names.push(quote!(#name));
    }
    (decls, names)
}

/// `Operation::new(…)` from a node's ids and a terminal's arguments.
fn construct(node: &PathNode, terminal: &Terminal, op: &Operation, args: &[TokenStream]) -> TokenStream {
    let name = ident(&op.name);
    let ids = terminal.path_ids.iter().map(|&i| {
        let field = ident(node.ids.get(i).map_or("ctx", |id| id.name.as_str()));
        quote!(self.#field)
    });
    quote!(super::operations::#name::new(#(#ids,)* #(#args),*))
}

fn node(ctx: &Ctx<'_>, index: usize, node: &PathNode) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&node.name);
    let root = index == 0;
    let fields = node.ids.iter().map(|id| {
        let field = ident(&id.name);
        let ty = ctx.ty(&id.ty);
        quote!(#field: #ty,)
    });
    let steps = node.steps.iter().filter_map(|step| {
        let child = ctx.api.paths.nodes.get(step.node)?;
        let child_name = ident(&child.name);
        let method = ident(&step.name);
        let kept = child.ids.len().saturating_sub(step.adds);
        let mut params = Vec::new();
        let mut inits = Vec::new();
        for (i, id) in child.ids.iter().enumerate() {
            let field = ident(&id.name);
            if i < kept {
                inits.push(quote!(#field: self.#field));
            } else {
                let (ty, conv) = super::operations::arg_of(ctx, &id.ty, id.conversion, &quote!(#field));
                params.push(quote!(#field: #ty));
                inits.push(quote!(#field: #conv));
            }
        }
        let doc = ctx.doc_attrs_of(&[format!(" `{}`", child.path)]);
        // Only a step narrower than its node needs a gate of its own.
        let cfg = if child.gate == node.gate { TokenStream::new() } else { ctx.cfg(&child.gate) };
        Some(quote! {
            #doc
            #cfg
            pub fn #method(self, #(#params),*) -> #child_name<C> {
                #child_name { ctx: self.ctx, #(#inits),* }
            }
        })
    });
    let terminals = node.terminals.iter().filter_map(|t| {
        let op = ctx.api.operations.get(t.operation)?;
        let op_name = ident(&op.name);
        let method = ident(&t.name);
        let (decls, args) = terminal_args(ctx, op);
        let build = construct(node, t, op, &args);
        let doc =
            ctx.doc_attrs_of(&[format!(" `{} {}`: [`super::operations::{}`].", op.method.as_str(), op.path, op.name)]);
        let cfg = if op.gate == node.gate { TokenStream::new() } else { ctx.cfg(&op.gate) };
        Some(quote! {
            #doc
            #cfg
            pub fn #method(self, #(#decls),*) -> C::Bound<super::operations::#op_name> {
                self.ctx.bind(#build)
            }
        })
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
        vec![format!(" `{}`, on the way to its operations (see [`{root_name}`]).", node.path)]
    };
    let doc = ctx.doc_attrs_of(&doc);
    let derives = if root { quote!(#[derive(Debug, Clone, Default)]) } else { quote!(#[derive(Debug, Clone)]) };
    // The root always compiles; with features, a build may enable no module, and then it
    // has no step to read its context in.
    let ctx_attr = (root && !ctx.api.features.is_empty())
        .then(|| quote!(#[allow(dead_code, reason = "no step reads it when no module's feature is on")]));
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
    quote! {
        #doc
        #derives
        pub struct #name<C = #rt::paths::Unbound> {
            #ctx_attr
            ctx: C,
            #(#fields)*
        }
        #new
        impl<C: #rt::paths::Context> #name<C> {
            #(#steps)*
            #(#terminals)*
        }
    }
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

//! Stage 4: render the IR as Rust tokens. Nothing is decided here.

mod bound;
pub mod cli;
pub(crate) mod crate_files;
pub mod docs;
pub mod examples;
pub mod format;
pub mod models;
mod operation_impl;
pub mod operations;
pub mod package;
pub mod paths;
pub mod render;
pub mod server;
mod tree;
pub mod webhooks;
pub mod workspace;

use crate::ir::{Api, Gate, Type};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// What rendering needs besides the IR: where the runtime and the models live, and the
/// doc lines of the items rendered with it.
pub struct Ctx<'a> {
    /// The API.
    pub api: &'a Api,
    /// Path of the runtime module, e.g. `crate::runtime`.
    pub rt: TokenStream,
    /// Prefix for model names: empty inside `models`, `super::models::` elsewhere.
    pub models: TokenStream,
    /// The doc lines inside the items rendered with this context ([`docs::DocLines`]).
    pub doc_lines: docs::DocLines,
    /// Items that many rendered items share, read once ([`Ctx::shared_item`]).
    shared: std::cell::RefCell<std::collections::HashMap<String, syn::ImplItem>>,
    /// Types read from tokens, by their text ([`Ctx::type_tree`]).
    types: std::cell::RefCell<std::collections::HashMap<String, syn::Type>>,
    /// Impl blocks' heads that many items share ([`Ctx::shared_impl`]).
    impls: std::cell::RefCell<std::collections::HashMap<String, syn::ItemImpl>>,
}

impl<'a> Ctx<'a> {
    /// A context for rendering `api` with the runtime at `rt` and models under `models`.
    pub fn new(api: &'a Api, rt: TokenStream, models: TokenStream) -> Self {
        Ctx {
            api,
            rt,
            models,
            doc_lines: docs::DocLines::default(),
            shared: Default::default(),
            types: Default::default(),
            impls: Default::default(),
        }
    }

    /// An impl item every operation has the same (`const BASE_URL …`, the signature of
    /// `to_http`), read from `tokens` the first time `key` is asked for and cloned after:
    /// cloning a tree costs a fraction of reading it again.
    pub(crate) fn shared_item(&self, key: &str, tokens: impl FnOnce() -> TokenStream) -> Result<syn::ImplItem, String> {
        read_once(&self.shared, key, tokens)
    }

    /// An impl block's head many items share (`impl<C: Context> Node<C> {}`), as
    /// [`Ctx::shared_item`].
    pub(crate) fn shared_impl(&self, key: &str, tokens: impl FnOnce() -> TokenStream) -> Result<syn::ItemImpl, String> {
        read_once(&self.impls, key, tokens)
    }

    /// A type as a tree: the same few (`impl Into<String>`, a model's path) come up for
    /// every operation, so each is read once per rendering context, keyed by its text.
    pub(crate) fn type_tree(&self, tokens: TokenStream) -> Result<syn::Type, String> {
        read_once(&self.types, &tokens.to_string(), || tokens)
    }

    /// `#[doc]` attributes for a documentation's lines (see [`docs::DocLines`]).
    pub fn doc_attrs(&self, docs: &crate::ir::Docs) -> TokenStream {
        self.doc_lines.attrs(&docs::lines(docs))
    }

    /// `#[doc]` attributes for doc lines written here, each with its leading space.
    pub fn doc_attrs_of(&self, lines: &[String]) -> TokenStream {
        self.doc_lines.attrs(lines)
    }
}

/// The tree `key` stands for in `cache`, read from `tokens` the first time (a cache of a
/// pure reading: lookups only, so nothing depends on the map's order).
fn read_once<T: syn::parse::Parse + Clone>(
    cache: &std::cell::RefCell<std::collections::HashMap<String, T>>,
    key: &str,
    tokens: impl FnOnce() -> TokenStream,
) -> Result<T, String> {
    if let Some(tree) = cache.borrow().get(key) {
        return Ok(tree.clone());
    }
    let tree: T = syn::parse2(tokens()).map_err(|e| format!("internal error: `{key}` does not parse: {e}"))?;
    cache.borrow_mut().insert(key.to_owned(), tree.clone());
    Ok(tree)
}

/// An identifier the IR has already made valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

impl Ctx<'_> {
    /// The `#[cfg(…)]` attribute of a gate: none when the item is always compiled (or the
    /// crate has no features), else its features (`full` enables them all).
    pub fn cfg(&self, gate: &Gate) -> TokenStream {
        match gate {
            _ if self.api.features.is_empty() => quote!(),
            Gate::Always => quote!(),
            Gate::Features(list) => {
                let names: Vec<&str> =
                    list.iter().filter_map(|i| self.api.features.get(*i).map(String::as_str)).collect();
                match names.as_slice() {
                    [] => quote!(#[cfg(feature = "full")]),
                    [one] => quote!(#[cfg(feature = #one)]),
                    many => quote!(#[cfg(any(#(feature = #many),*))]),
                }
            }
        }
    }

    /// The Rust type for an IR type, fully qualified.
    pub fn ty(&self, t: &Type) -> TokenStream {
        match t {
            Type::String => quote!(::std::string::String),
            Type::Bool => quote!(bool),
            Type::I32 => quote!(i32),
            Type::I64 => quote!(i64),
            Type::I8 => quote!(i8),
            Type::I16 => quote!(i16),
            Type::U8 => quote!(u8),
            Type::U16 => quote!(u16),
            Type::U32 => quote!(u32),
            Type::U64 => quote!(u64),
            Type::I128 => quote!(i128),
            Type::U128 => quote!(u128),
            Type::BigInt => {
                let rt = &self.rt;
                quote!(#rt::BigInt)
            }
            Type::F32 => quote!(f32),
            Type::F64 => quote!(f64),
            Type::Number => {
                let rt = &self.rt;
                quote!(#rt::Number)
            }
            Type::Number32 => {
                let rt = &self.rt;
                quote!(#rt::Number<f32>)
            }
            Type::Option(inner) => {
                let inner = self.ty(inner);
                quote!(::std::option::Option<#inner>)
            }
            Type::Uuid => quote!(::uuid::Uuid),
            Type::DateTime => {
                let rt = &self.rt;
                quote!(#rt::Timestamp)
            }
            Type::Date => {
                let rt = &self.rt;
                quote!(#rt::Date)
            }
            Type::Duration => {
                let rt = &self.rt;
                quote!(#rt::IsoDuration)
            }
            Type::Json => quote!(::serde_json::Value),
            Type::Model(id) => {
                let name = ident(self.api.models.get(*id).map(|m| m.name.as_str()).unwrap_or("Unknown"));
                let prefix = &self.models;
                quote!(#prefix #name)
            }
            Type::Vec(inner) => {
                let inner = self.ty(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            Type::Map(inner) => {
                let inner = self.ty(inner);
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
            Type::Boxed(inner) => {
                let inner = self.ty(inner);
                quote!(::std::boxed::Box<#inner>)
            }
            Type::Tuple(items) => {
                let items = items.iter().map(|t| self.ty(t));
                quote!((#(#items,)*))
            }
            Type::File => {
                let rt = &self.rt;
                quote!(#rt::multipart::File)
            }
        }
    }
}

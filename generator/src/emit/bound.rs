//! An operation's setters on the operation bound to a client (`runtime::paths::Bound`):
//! inherent methods in one crate; with a crate per module, where `Bound` is another crate's
//! type, impls of one trait per setter's name, defined in each module crate's `setters`.

use super::{ident, Ctx};
use crate::ir::Conversion;
use proc_macro2::TokenStream;
use quote::quote;

/// One of an operation's setters, on the operation bound to a client.
pub struct BoundSetter<'a> {
    pub name: &'a str,
    pub doc: TokenStream,
    /// The argument's type, as the operation's own setter takes it.
    pub arg: TokenStream,
    pub conversion: Conversion,
}

/// The operation's setters on `Bound`: its inherent methods in one crate; in a crate per
/// module (whose `Bound` is another crate's), impls of the traits the IR names, one per
/// setter's name, in the module crate's `setters` module. `operation`: the operation's type.
pub fn impls(ctx: &Ctx<'_>, operation: &TokenStream, setters: &[BoundSetter<'_>]) -> TokenStream {
    let rt = &ctx.rt;
    let body = |fname: &proc_macro2::Ident| {
        quote! {
            let (client, operation) = self.into_parts();
            Self::from_parts(client, operation.#fname(value))
        }
    };
    let crate::ir::Layout::CratePerModule { setter_traits, .. } = &ctx.api.layout else {
        let methods = setters.iter().map(|s| {
            let (fname, doc, arg) = (ident(s.name), &s.doc, &s.arg);
            let body = body(&fname);
            quote! {
                #doc
                pub fn #fname(self, value: #arg) -> Self { #body }
            }
        });
        return quote! {
            #[cfg(feature = "client")]
            impl #rt::paths::Bound<'_, #operation> {
                #(#methods)*
            }
        };
    };
    let impls = setters.iter().filter_map(|s| {
        let trait_name = ident(setter_traits.get(s.name)?);
        let (fname, doc, arg) = (ident(s.name), &s.doc, &s.arg);
        // The trait's parameter is the value's type; a setter that converts takes any
        // value that converts.
        let (generics, value, bounds) = match s.conversion {
            Conversion::Exact => (quote!(<'c>), arg.clone(), quote!()),
            Conversion::Into => {
                let bound = arg.clone().into_iter().skip(1).collect::<TokenStream>();
                (quote!(<'c, V: #bound>), quote!(V), quote!())
            }
            Conversion::IntoEach => (
                quote!(<'c, V>),
                quote!(V),
                quote!(where V: ::std::iter::IntoIterator, V::Item: ::std::convert::Into<::std::string::String>),
            ),
        };
        let body = body(&fname);
        Some(quote! {
            #[cfg(feature = "client")]
            impl #generics crate::setters::#trait_name<#value> for #rt::paths::Bound<'c, #operation> #bounds {
                #doc
                fn #fname(self, value: #value) -> Self { #body }
            }
        })
    });
    quote!(#(#impls)*)
}

/// A module crate's `setters` module: one trait per name of a setter its operations repeat
/// on `Bound` (the runtime's type, so they cannot be its inherent methods).
pub fn setters_module(traits: &[(String, String)], name: &str) -> Result<String, String> {
    let krate = name.replace('-', "_");
    let module_doc = format!(
        " The operations' setters on an operation bound to a client (`Bound`), as traits, one per\n setter's name: `use {krate}::prelude::*;` brings them into scope."
    );
    let module_doc: Vec<&str> = module_doc.split('\n').collect();
    let items = traits.iter().map(|(setter, trait_name)| {
        let (method, trait_ident) = (super::ident(setter), super::ident(trait_name));
        let doc = format!(" `{setter}` on an operation bound to a client: the operation's own setter of that name.");
        let method_doc = format!(" Sets the operation's `{setter}` (see the operation's setter).");
        quote! {
            #[doc = #doc]
            pub trait #trait_ident<V> {
                #[doc = #method_doc]
                fn #method(self, value: V) -> Self;
            }
        }
    });
    super::format::format_items(quote!(#(#![doc = #module_doc])* #(#items)*), "setters.rs")
}

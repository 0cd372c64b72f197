//! Models: structs with lossless serde impls, open enums, flags, unions, aliases.

use super::{ident, Ctx};
use crate::ir::{Additional, Enum, Model, ModelKind, StdImpls, Struct, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;

/// The items of one model.
pub fn render_one(ctx: &Ctx<'_>, m: &Model) -> TokenStream {
    model(ctx, m)
}

fn model(ctx: &Ctx<'_>, m: &Model) -> TokenStream {
    let doc = ctx.doc_attrs(&m.docs);
    let name = ident(&m.name);
    let rt = &ctx.rt;
    match &m.kind {
        ModelKind::Struct(s) => structure(ctx, m, s),
        ModelKind::Enum(e) => enumeration(ctx, m, e),
        ModelKind::Flags { member } => {
            let member = ctx.ty(&Type::Model(*member));
            quote! { #doc pub type #name = #rt::Flags<#member>; }
        }
        ModelKind::Alias(t) => {
            let t = ctx.ty(t);
            quote! { #doc pub type #name = #t; }
        }
        ModelKind::Newtype { ty, default } => {
            let t = ctx.ty(ty);
            let default = default.then(|| quote!(Default,));
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #t);
            }
        }
        ModelKind::Union(u) => union(ctx, m, u),
        ModelKind::Const(value) => constant(ctx, m, value),
    }
}

/// One JSON value (JSON Schema's `const`): a unit struct that writes the value and, when
/// read, refuses any other; the runtime's `json::Constant` holds the value as JSON text.
fn constant(ctx: &Ctx<'_>, m: &Model, value: &serde_json::Value) -> TokenStream {
    let rt = &ctx.rt;
    let doc = ctx.doc_attrs(&m.docs);
    let name = ident(&m.name);
    let json = value.to_string();
    let note = ctx.doc_attrs_of(&[format!(" The value: `{}`.", super::docs::quoted(&json))]);
    quote! {
        #doc
        #note
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #name;
        impl #rt::json::Constant for #name {
            const JSON: &'static str = #json;
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #rt::json::serialize_constant::<Self, S>(serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #rt::json::deserialize_constant::<Self, D>(deserializer)
            }
        }
    }
}

/// A struct, with its serde impls from the runtime macro for its kind of object: the
/// runtime writes them once (`json::lossless_struct!`, in its lossless, `in_place`, `closed` and `map` forms),
/// which keeps generated files short and names no helper a model could collide with.
fn structure(ctx: &Ctx<'_>, m: &Model, s: &Struct) -> TokenStream {
    let rt = &ctx.rt;
    let doc = ctx.doc_attrs(&m.docs);
    let name = ident(&m.name);
    let default = s.default.then(|| quote!(Default,));
    let fields = s.fields.iter().map(|f| {
        let doc = ctx.doc_attrs(&f.docs);
        let fname = ident(&f.name);
        let t = ctx.ty(&f.ty);
        if f.required {
            quote! { #doc pub #fname: #t, }
        } else {
            quote! { #doc pub #fname: ::std::option::Option<#t>, }
        }
    });
    let entries = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let wire = &f.api_name;
        let kind = match (f.required, f.secret) {
            (true, false) => quote!(required),
            (false, false) => quote!(optional),
            (true, true) => quote!(required_secret),
            (false, true) => quote!(optional_secret),
        };
        let member = f.member.as_ref().map(|m| {
            let m = ident(m);
            quote!(as #m)
        });
        quote! { #kind #fname = #wire #member }
    });
    let (map_field, impls) = match &s.additional {
        Additional::Lossless { field, nulls } => {
            let field = ident(field);
            let nulls = ident(nulls);
            let declared = quote! {
                /// Properties the schema does not name, written back unchanged, so a
                /// read-modify-write loses nothing.
                pub #field: #rt::json::Extra,
                /// How properties came: known ones that are `null` (or were `set_null`), and
                /// unknown ones' text where a `Value` would write other; written back so.
                pub #nulls: #rt::json::Nulls,
            };
            let form = s.in_place.then(|| quote!(in_place));
            (declared, quote! { #rt::json::lossless_struct! { #form #name, #field, #nulls; #(#entries),* } })
        }
        Additional::Map { field, value } => {
            let field = ident(field);
            let t = ctx.ty(&Type::Map(Box::new(value.clone())));
            let declared = quote! {
                /// Properties the schema does not name (`additionalProperties`).
                pub #field: #t,
            };
            (declared, quote! { #rt::json::lossless_struct! { map #name, #field; #(#entries),* } })
        }
        Additional::Closed => (quote!(), quote! { #rt::json::lossless_struct! { closed #name; #(#entries),* } }),
    };
    let (derived, redacting) = match s.std_impls {
        StdImpls::Derived => (quote!(Debug, Clone, PartialEq,), None),
        StdImpls::Members => (quote!(Clone,), None),
        StdImpls::Redacting => (quote!(Clone, PartialEq,), Some(redacting_debug(ctx, m, s))),
    };
    quote! {
        #doc
        #[derive(#derived #default)]
        pub struct #name {
            #(#fields)*
            #map_field
        }

        #impls
        #redacting
    }
}

/// `Debug` for a closed or map model with credentials (an open one has it from the
/// runtime's macro): every field as derived, a credential as
/// `<redacted>` (`Some(<redacted>)` when set, `None` when not).
fn redacting_debug(ctx: &Ctx<'_>, m: &Model, s: &Struct) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&m.name);
    let shown = &m.name;
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let label = &f.name;
        match (f.secret, f.required) {
            (false, _) => quote!(.field(#label, &self.#fname)),
            (true, true) => quote!(.field(#label, &#rt::json::Redacted)),
            (true, false) => quote!(.field(#label, &self.#fname.as_ref().map(|_| #rt::json::Redacted))),
        }
    });
    let extra = match &s.additional {
        Additional::Lossless { field, nulls } => {
            let (f, n) = (ident(field), ident(nulls));
            quote!(.field(#field, &self.#f).field(#nulls, &self.#n))
        }
        Additional::Map { field, .. } => {
            let f = ident(field);
            quote!(.field(#field, &self.#f))
        }
        Additional::Closed => quote!(),
    };
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#shown) #(#fields)* #extra .finish()
            }
        }
    }
}

fn enumeration(ctx: &Ctx<'_>, m: &Model, e: &Enum) -> TokenStream {
    let rt = &ctx.rt;
    let doc = ctx.doc_attrs(&m.docs);
    let name = ident(&m.name);
    let fallback = ident(&e.fallback);
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let note = ctx.doc_attrs_of(&[format!(" `{}`", super::docs::quoted(&v.api_name))]);
        quote! { #note #vname, }
    });
    let to_wire = e.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let wire = &v.api_name;
        quote! { Self::#vname => #wire, }
    });
    let from_wire = e.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let wire = &v.api_name;
        quote! { #wire => Self::#vname, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the API description does not list, kept as it came.
            #fallback(::std::string::String),
        }

        impl #rt::WireEnum for #name {
            fn as_wire(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#fallback(value) => value,
                }
            }
            fn from_wire(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    _ => Self::#fallback(value.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#rt::WireEnum::as_wire(self))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #rt::wire_enum::serialize(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #rt::wire_enum::deserialize(deserializer)
            }
        }
    }
}

fn union(ctx: &Ctx<'_>, m: &Model, u: &Union) -> TokenStream {
    let doc = ctx.doc_attrs(&m.docs);
    let name = ident(&m.name);
    let variants: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| {
            let vname = ident(&v.name);
            let t = ctx.ty(&v.ty);
            quote! { #vname(#t), }
        })
        .collect();
    // Each alternative is held as it was read (boxing one would change how users match
    // it): clippy's size comparison is not for users' crates to answer.
    let large = quote!(#[allow(clippy::large_enum_variant, reason = "each alternative is held as read")]);
    let (Some(tag), Some(fallback)) = (&u.discriminator, &u.fallback) else {
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #large
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let fallback = ident(fallback);
    let ser_arms = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        quote! { Self::#vname(value) => ::serde::Serialize::serialize(value, serializer), }
    });
    let de_arms = u.variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
        let vname = ident(&v.name);
        let tags = v.tags.iter().map(|t| quote!(::std::option::Option::Some(#t)));
        quote! {
            #(#tags)|* => ::serde_json::from_value(value).map(Self::#vname).map_err(::serde::de::Error::custom),
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #large
        pub enum #name {
            #(#variants)*
            /// A value whose discriminator names no known alternative, kept as raw JSON.
            #fallback(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                    Self::#fallback(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#tag).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #(#de_arms)*
                    _ => ::std::result::Result::Ok(Self::#fallback(value)),
                }
            }
        }
    }
}

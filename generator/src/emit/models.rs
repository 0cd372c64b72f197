//! Models: structs with lossless serde impls, open enums, flags, unions, aliases.

use super::docs;
use super::{ident, Ctx};
use crate::ir::{Enum, Model, ModelKind, Struct, Type, Union};
use proc_macro2::TokenStream;
use quote::quote;

/// Every model of the API.
pub fn render(ctx: &Ctx<'_>) -> TokenStream {
    let items = render_each(ctx);
    quote! { #(#items)* }
}

/// The items of each model, one model at a time (so a caller can format and drop them
/// as it goes instead of holding the tokens of the whole module).
pub fn render_each<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = TokenStream> + 'a {
    ctx.api.models.iter().map(move |m| model(ctx, m))
}

fn model(ctx: &Ctx<'_>, m: &Model) -> TokenStream {
    let doc = docs::attrs(&m.docs);
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
    }
}

fn structure(ctx: &Ctx<'_>, m: &Model, s: &Struct) -> TokenStream {
    let rt = &ctx.rt;
    let doc = docs::attrs(&m.docs);
    let name = ident(&m.name);
    let default = s.default.then(|| quote!(Default,));
    let fields = s.fields.iter().map(|f| {
        let doc = docs::attrs(&f.docs);
        let fname = ident(&f.name);
        let t = ctx.ty(&f.ty);
        if f.required {
            quote! { #doc pub #fname: #t, }
        } else {
            quote! { #doc pub #fname: ::std::option::Option<#t>, }
        }
    });
    let extra_ty = s.extra.as_ref().map(|e| extra_type(ctx, &e.value));
    let extra_field = s.extra.as_ref().zip(extra_ty.as_ref()).map(|(e, t)| {
        let fname = ident(&e.name);
        let note = if e.value == Type::Json {
            quote! {
                /// Properties the schema does not name, and known properties that arrived as `null`;
                /// written back unchanged, so a read-modify-write loses nothing.
            }
        } else {
            quote! {
                /// Properties the schema does not name (`additionalProperties`).
            }
        };
        quote! { #note pub #fname: #t, }
    });

    // The common case (an open object: Graph's every model) goes through the runtime's
    // `lossless_struct!`, which writes the same impls as below; a few lines per model
    // instead of a hundred keep generated files, generation and compilation lean.
    if let Some(extra) = s.extra.as_ref().filter(|e| e.value == Type::Json) {
        let extra_name = ident(&extra.name);
        let entries = s.fields.iter().map(|f| {
            let fname = ident(&f.name);
            let wire = &f.api_name;
            let kind = if f.required { quote!(required) } else { quote!(optional) };
            quote! { #kind #fname = #wire }
        });
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #name {
                #(#fields)*
                #extra_field
            }

            #rt::json::lossless_struct! { #name, #extra_name; #(#entries),* }
        };
    }

    // Serialize: known fields, then extras not shadowed by a set field.
    let ser_fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let wire = &f.api_name;
        if f.required {
            quote! { map.serialize_entry(#wire, &self.#fname)?; }
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &self.#fname {
                    map.serialize_entry(#wire, value)?;
                }
            }
        }
    });
    let ser_extra = s.extra.as_ref().map(|e| {
        let fname = ident(&e.name);
        if s.fields.is_empty() {
            return quote! {
                for (key, value) in &self.#fname {
                    map.serialize_entry(key, value)?;
                }
            };
        }
        let arms = s.fields.iter().map(|f| {
            let wire = &f.api_name;
            if f.required {
                quote! { #wire => true, }
            } else {
                let field = ident(&f.name);
                quote! { #wire => self.#field.is_some(), }
            }
        });
        quote! {
            for (key, value) in &self.#fname {
                let shadowed = match key.as_str() {
                    #(#arms)*
                    _ => false,
                };
                if !shadowed {
                    map.serialize_entry(key, value)?;
                }
            }
        }
    });

    // Deserialize: one pass over the keys, no buffering.
    let locals: Vec<_> = s.fields.iter().map(|f| ident(&format!("field_{}", f.name.trim_start_matches('_')))).collect();
    let extra_local = ident("extra");
    let lets = locals.iter().map(|l| quote! { let mut #l = ::std::option::Option::None; });
    let extra_let =
        extra_ty.as_ref().map(|t| quote! { let mut #extra_local: #t = ::std::default::Default::default(); });
    let json_extra = s.extra.as_ref().is_some_and(|e| e.value == Type::Json);
    let arms = s.fields.iter().zip(&locals).map(|(f, l)| {
        let wire = &f.api_name;
        if json_extra {
            quote! { #wire => #rt::json::known(&mut access, key, &mut #l, &mut #extra_local)?, }
        } else {
            quote! { #wire => #rt::json::closed(&mut access, &mut #l)?, }
        }
    });
    let fallback_arm = match &s.extra {
        Some(e) if e.value == Type::Json => quote! { _ => #rt::json::unknown(&mut access, key, &mut #extra_local)?, },
        Some(_) => quote! {
            _ => {
                let value = access.next_value()?;
                #extra_local.insert(key.into_owned(), value);
            }
        },
        None => quote! { _ => #rt::json::skip(&mut access)?, },
    };
    let builds = s.fields.iter().zip(&locals).map(|(f, l)| {
        let fname = ident(&f.name);
        let wire = &f.api_name;
        if f.required {
            quote! { #fname: #l.ok_or_else(|| #rt::json::missing::<A::Error>(#wire))?, }
        } else {
            quote! { #fname: #l, }
        }
    });
    let extra_build = s.extra.as_ref().map(|e| {
        let fname = ident(&e.name);
        quote! { #fname: #extra_local, }
    });
    let expecting = format!("a {} object", m.name);
    let key_binding = if s.fields.is_empty() && s.extra.is_none() { quote!(_key) } else { quote!(key) };
    let body = if s.fields.is_empty() {
        match &s.extra {
            Some(e) if e.value == Type::Json => quote! { #rt::json::unknown(&mut access, key, &mut #extra_local)?; },
            Some(_) => quote! {
                let value = access.next_value()?;
                #extra_local.insert(key.into_owned(), value);
            },
            None => quote! { #rt::json::skip(&mut access)?; },
        }
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                #fallback_arm
            }
        }
    };

    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #(#fields)*
            #extra_field
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                #(#ser_fields)*
                #ser_extra
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut access: A) -> ::std::result::Result<#name, A::Error> {
                        #(#lets)*
                        #extra_let
                        while let ::std::option::Option::Some(#key_binding) = access.next_key::<#rt::json::Key<'de>>()? {
                            #body
                        }
                        ::std::result::Result::Ok(#name {
                            #(#builds)*
                            #extra_build
                        })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

fn extra_type(ctx: &Ctx<'_>, value: &Type) -> TokenStream {
    if *value == Type::Json {
        let rt = &ctx.rt;
        quote!(#rt::json::Extra)
    } else {
        ctx.ty(&Type::Map(Box::new(value.clone())))
    }
}

fn enumeration(ctx: &Ctx<'_>, m: &Model, e: &Enum) -> TokenStream {
    let rt = &ctx.rt;
    let doc = docs::attrs(&m.docs);
    let name = ident(&m.name);
    let fallback = ident(&e.fallback);
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let note = format!(" `{}`", v.api_name);
        quote! { #[doc = #note] #vname, }
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
    let doc = docs::attrs(&m.docs);
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
    let (Some(tag), Some(fallback)) = (&u.discriminator, &u.fallback) else {
        return quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
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

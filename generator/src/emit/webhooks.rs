//! Webhooks: one type per request the API sends, implementing the runtime's `Webhook`
//! (its name, method and payload), which reads such a request sans-IO.

use super::{ident, Ctx};
use crate::ir::{BodyMedia, Webhook};
use proc_macro2::TokenStream;
use quote::quote;

/// The items of one webhook.
pub fn render_one(ctx: &Ctx<'_>, w: &Webhook) -> TokenStream {
    let rt = &ctx.rt;
    let doc = ctx.doc_attrs(&w.docs);
    let name = ident(&w.name);
    let api_name = &w.api_name;
    let method = ident(w.method.as_str());
    let (payload, decode) = match w.body.as_ref().map(|b| &b.media) {
        None => (quote!(()), quote!(decode_empty)),
        Some(BodyMedia::Json { ty, .. }) => (ctx.ty(ty), quote!(decode_json)),
        // A form or other bytes: the body as it came.
        Some(BodyMedia::Form { .. } | BodyMedia::Bytes { .. }) => (quote!(::std::vec::Vec<u8>), quote!(decode_bytes)),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #name;
        impl #rt::Webhook for #name {
            type Payload = #payload;
            const NAME: &'static str = #api_name;
            const METHOD: ::http::Method = ::http::Method::#method;
            fn from_request(request: #rt::HttpRequest) -> ::std::result::Result<Self::Payload, #rt::Error> {
                #rt::webhook::#decode(Self::NAME, &Self::METHOD, request)
            }
        }
    }
}

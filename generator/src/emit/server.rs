//! The server side (feature `server`): each operation's `impl Receive` (its request read
//! back, its answer written as documented), and the `server` module: a trait with one
//! method per operation, the routes, a router on the runtime's hyper server, and (feature
//! `fake`) a working fake of the API on it.

use super::{ident, Ctx};
use crate::ir::{BodyMedia, Operation, ParamFormat, ParamLocation};
use proc_macro2::TokenStream;
use quote::quote;

/// How a parameter's text holds its value, as the runtime's `server::Style`.
/// (`In` and `Style` are imported in `from_request`: shorter code, less to format.)
fn style(format: &ParamFormat) -> TokenStream {
    match format {
        ParamFormat::List { explode, .. } => quote!(Style::List { explode: #explode }),
        ParamFormat::Delimited { delimiter, .. } => quote!(Style::Delimited(#delimiter)),
        ParamFormat::Json => quote!(Style::Json),
        _ => quote!(Style::Plain),
    }
}

/// `impl Receive for Name`, compiled with the `server` feature.
pub fn receive_impl(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&op.name);
    let params = op.params.iter().map(|p| {
        let field = ident(&p.name);
        let wire = &p.api_name;
        let at = ident(match p.location {
            ParamLocation::Path => "Path",
            ParamLocation::Query => "Query",
            ParamLocation::Header => "Header",
            ParamLocation::Cookie => "Cookie",
        });
        let value = match (&p.format, p.required) {
            (ParamFormat::Form, true) => quote!(request.query_form()?),
            (ParamFormat::Form, false) => quote!(request.query_form_optional()?),
            (format, required) => {
                let style = style(format);
                let read = ident(if required { "required" } else { "optional" });
                quote!(request.#read(In::#at, #wire, #style)?)
            }
        };
        quote!(#field: #value,)
    });
    let body = op.body.as_ref().map(|body| {
        let field = ident(&body.name);
        let read = match (&body.media, body.required) {
            (BodyMedia::Json { .. }, true) => "json",
            (BodyMedia::Json { .. }, false) => "json_optional",
            (BodyMedia::Form { multipart: false, .. }, true) => "form",
            (BodyMedia::Form { multipart: false, .. }, false) => "form_optional",
            (BodyMedia::Form { multipart: true, .. }, true) => "multipart",
            (BodyMedia::Form { multipart: true, .. }, false) => "multipart_optional",
            (BodyMedia::Bytes { .. }, true) => "bytes",
            (BodyMedia::Bytes { .. }, false) => "bytes_optional",
        };
        let read = ident(read);
        quote!(#field: request.#read()?,)
    });
    let options = op.query_options.as_ref().map(|q| {
        let field = ident(&q.field);
        quote!(#field: request.query_options()?,)
    });
    let status = proc_macro2::Literal::u16_unsuffixed(op.serve.status);
    let (encoder, by_reference) = op.output.encoder();
    let encoder = ident(encoder);
    let answer = match (&op.output, by_reference) {
        (crate::ir::Output::Sequence { .. }, _) => quote!(#rt::server::sequence::<Self>(#status, output)),
        (_, true) => quote!(#rt::server::#encoder(#status, &output)),
        (_, false) => quote!(#rt::server::#encoder(#status, output)),
    };
    let unused = if op.params.is_empty() && op.body.is_none() && op.query_options.is_none() {
        quote!(_request)
    } else {
        quote!(request)
    };
    let imports =
        op.params.iter().any(|p| p.format != ParamFormat::Form).then(|| quote!(use #rt::server::{In, Style};));
    quote! {
        #[cfg(feature = "server")]
        impl #rt::server::Receive for #name {
            fn from_request(#unused: &#rt::server::Received) -> ::std::result::Result<Self, #rt::server::Problem> {
                #imports
                ::std::result::Result::Ok(Self { #(#params)* #body #options })
            }
            fn answer(output: Self::Output) -> #rt::HttpResponse {
                #answer
            }
        }
    }
}

/// The items of the `server` module.
pub fn module(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    // The generated crate's module of operations, a sibling of `server`.
    let operations = ident("operations");
    let shape = ident(ctx.api.error_shape.name());
    let ops = &ctx.api.operations;
    let methods = ops.iter().map(|op| {
        let cfg = ctx.cfg(&op.gate);
        let name = ident(&op.name);
        let method = ident(&op.serve.method);
        let doc = format!(" `{} {}` (operationId `{}`).", op.method.as_str(), op.path, op.api_name);
        quote! {
            #cfg
            #[doc = #doc]
            fn #method(
                &self,
                request: super::#operations::#name,
            ) -> impl ::std::future::Future<Output = #rt::server::Answer<super::#operations::#name>> + ::std::marker::Send {
                #rt::server::unimplemented(request)
            }
        }
    });
    let routes = ops.iter().map(|op| {
        let cfg = ctx.cfg(&op.gate);
        let name = ident(&op.name);
        let s = &op.serve;
        let (method, template, operation) = (op.method.as_str(), &s.template, &op.api_name);
        let status = proc_macro2::Literal::u16_unsuffixed(s.status);
        let body = ident(op.output.body_kind().name());
        let rest = ident(s.rest.name());
        let (keyed, items, next, sample, echo) = (s.keyed, &s.items, &s.next, &s.sample, s.echo);
        let (id, numeric) = s.id.clone().unwrap_or_default();
        quote! {
            #cfg
            #rt::server::route!(#method, #template, #operation, #name, #status, #body, #rest, #keyed, #items, #next, (#id, #numeric), #sample, #echo)
        }
    });
    let arms = ops.iter().map(|op| {
        let cfg = ctx.cfg(&op.gate);
        let method = ident(&op.serve.method);
        let type_name = &op.name;
        quote! {
            #cfg
            #type_name => call(request, SHAPE, |op| service.#method(op)).await,
        }
    });
    let dispatch = if ops.is_empty() {
        // No operation: every request is one no route has (the router answers it).
        quote! {
            let _ = service;
            #rt::server_http::Router::new(ROUTES, SHAPE, |_, _| {
                ::std::boxed::Box::pin(::std::future::ready(::std::option::Option::None))
            })
            .base_path(BASE_PATH)
        }
    } else {
        quote! {
            let service = ::std::sync::Arc::new(service);
            #rt::server_http::Router::new(ROUTES, SHAPE, move |index, request| {
                let service = ::std::sync::Arc::clone(&service);
                ::std::boxed::Box::pin(async move { ::std::option::Option::Some(dispatch(&*service, index, request).await) })
            })
            .base_path(BASE_PATH)
        }
    };
    let dispatcher = (!ops.is_empty()).then(|| {
        quote! {
            /// Reads the request routed to `ROUTES[index]` into its operation and answers it
            /// with `service`'s method.
            async fn dispatch<S: Service>(service: &S, index: usize, request: #rt::server::Received) -> #rt::HttpResponse {
                use #rt::server::call;
                match ROUTES.get(index).map_or("", |route| route.name) {
                    #(#arms)*
                    _ => #rt::server::Problem::not_found("The route").response(SHAPE),
                }
            }
        }
    });
    let base = &ctx.api.base_path;
    let title = super::docs::one_line(&ctx.api.title);
    let trait_doc = format!(
        " A server of {title}: one method per operation, each given the typed request (checked against the description before it is called) and answering its typed output or a [`{}`]; an operation left out answers `501 Not Implemented`. Serve it with [`router`].",
        "crate::runtime::server::Problem"
    );
    quote! {
        #[doc = #trait_doc]
        // Methods are named by the operations (an `operationId` of `new` or `fromTemplate`
        // is one), not by clippy's conventions for `new`, `from_*` and `into_*`.
        #[allow(clippy::wrong_self_convention, reason = "methods named by the operations")]
        pub trait Service: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }

        /// Every operation's route: method, path template, and what a fake does with it.
        pub static ROUTES: &[#rt::server::Route] = &[#(#routes),*];

        /// The path of the description's server URL, which the routes are under.
        pub const BASE_PATH: &str = #base;

        /// How the description answers an error.
        pub const SHAPE: #rt::server::ErrorShape = #rt::server::ErrorShape::#shape;

        /// The routes of [`Service`], answered by `service`: serve them with
        /// [`Router::start`](crate::runtime::server_http::Router::start) or
        /// [`Router::serve`](crate::runtime::server_http::Router::serve).
        pub fn router<S: Service>(service: S) -> #rt::server_http::Router {
            #dispatch
        }

        #dispatcher

        /// A working fake of the API: state kept by path, faults, typed requests (see
        /// [`Fake`](crate::runtime::fake::Fake)). Start it with `fake().start().await`.
        #[cfg(feature = "fake")]
        pub fn fake() -> #rt::fake::Fake {
            #rt::fake::Fake::new(ROUTES, SHAPE).base_path(BASE_PATH)
        }
    }
}

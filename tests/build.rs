//! Writes `cases.rs` into `OUT_DIR`: one entry per operation of both versions of the
//! `graph-sync` crate, each building the operation from sample arguments, so that tests can
//! exercise every operation without naming each one (the fake service test, the builders).

use quote::quote;
use std::path::PathBuf;
use wiretype::emit::{examples, Ctx};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("cases.rs");
    let specs = manifest.join("../specs");
    let mut functions = Vec::new();
    for (version, function, module, client) in [
        ("v1.0", quote!(v1_0), quote!(::graph_sync), quote!(client)),
        ("beta", quote!(beta), quote!(::graph_sync::beta), quote!(client.beta())),
    ] {
        let inputs = wiretype::build::Inputs::in_specs_folder(&specs, version);
        let generated = match wiretype::build::generate(&inputs) {
            Ok(g) => g,
            Err(message) => panic!("{message}"),
        };
        let api = &generated.api;
        let ctx = Ctx::new(api, quote!(::graph_sync::runtime), quote!(#module::models::));
        let operations = quote!(#module::operations::);
        let cases = api.operations.iter().map(|op| {
            let name = &op.name;
            let ty = wiretype::emit::ident(&op.name);
            let method = format!("{:?}", op.method).to_uppercase();
            let path = &op.path;
            let build = examples::constructor(&ctx, op, &operations);
            let root = wiretype::emit::ident(api.paths.nodes.first().map_or("Graph", |n| n.name.as_str()));
            let via_builders = examples::chain(&ctx, op, &quote!(#module::#root::new()));
            let via_client = examples::chain(&ctx, op, &client);
            // The model an answer decodes into, by name (`None` for no body, counts, bytes).
            let output = match &op.output {
                wiretype::ir::Output::Json(t) | wiretype::ir::Output::JsonOrEmpty(t) => match t {
                    wiretype::ir::Type::Model(id) => {
                        let name = api.models.get(*id).map(|m| m.name.as_str()).unwrap_or_default();
                        quote!(::std::option::Option::Some(#name))
                    }
                    _ => quote!(::std::option::Option::Some("")),
                },
                _ => quote!(::std::option::Option::None),
            };
            // Only JSON answers are encoded again (the others are no model).
            let reencode = match &op.output {
                wiretype::ir::Output::Json(_) | wiretype::ir::Output::JsonOrEmpty(_) => {
                    quote!(.map(|output| ::serde_json::to_string(&output).expect("models serialize")))
                }
                _ => quote!(.map(|_| ::std::string::String::from("null"))),
            };
            quote! {
                Case {
                    name: #name,
                    method: #method,
                    path: #path,
                    output: #output,
                    request: |base| ::graph_sync::Operation::to_http(&#build, base),
                    via_builders: |base| ::graph_sync::Operation::to_http(&#via_builders, base),
                    via_client: |client| #via_client.into_operation() == #build,
                    decode: |response| <#operations #ty as ::graph_sync::Operation>::from_http(response).map(|_| ()),
                    reencode: |response| <#operations #ty as ::graph_sync::Operation>::from_http(response) #reencode,
                }
            }
        });
        let doc = format!(" Every operation of the {version} spec, built from sample arguments.");
        functions.push(quote! {
            #[doc = #doc]
            pub fn #function() -> ::std::vec::Vec<Case> {
                ::std::vec![#(#cases),*]
            }
        });
    }
    let code = wiretype::emit::format::format_items(quote!(#(#functions)*), "cases").unwrap_or_else(|e| panic!("{e}"));
    if let Err(message) = wiretype::build::write_if_changed(&out, &code) {
        panic!("{message}");
    }
}

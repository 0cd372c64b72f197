//! Packaging rendered code: one file for a build script, or a standalone crate (a
//! workspace of crates, [`super::workspace`], when there is a crate per module).

use super::crate_files::{base_url_item, module_docs, runtime_dependencies, toml_escape, webhooks_doc};
use super::format::{format_items, HEADER};
use super::render::{Grouped, Rendered};
use crate::runtime;
use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// Every model's items, in models-crate order.
fn all_models(r: &Rendered) -> String {
    r.models.iter().map(Grouped::all).collect()
}

/// `pub use` lines for a module's root: the runtime's exports (when it embeds the
/// runtime) and the request builders' root.
fn root_exports(r: &Rendered, runtime: bool) -> TokenStream {
    let root = super::ident(&r.root);
    let runtime = runtime.then(|| {
        let names = crate::runtime::RUNTIME_EXPORTS.iter().filter(|n| **n != "Client").map(|n| super::ident(n));
        quote! {
            pub use runtime::{#(#names),*};
            #[cfg(feature = "client")]
            pub use runtime::Client;
        }
    });
    quote! {
        #runtime
        pub use paths::#root;
    }
}

/// The doc of the `server` module.
const SERVER_DOC: &str = " The server side (feature `server`): implement `Service` and serve its `router`; with feature `fake`, a working `fake()` of the API.";

/// Everything in one file, for `include!` from a build script's `OUT_DIR`: inline
/// modules only, no inner attributes at the top. With `embed_runtime` false the code
/// expects `crate::runtime` to exist already (a second API version in the same crate).
pub fn single_file(r: &Rendered, embed_runtime: bool) -> Result<String, String> {
    if !r.features.is_empty() {
        return Err("several modules make a workspace of crates: generate them with `generate --out`".to_owned());
    }
    let (models_doc, ops_doc, paths_doc) = module_docs(r);
    let runtime = if embed_runtime { inline_runtime()? } else { String::new() };
    let exports = format_items(root_exports(r, embed_runtime), "re-exports")?;
    let base = format_items(base_url_item(r), "base URL")?;
    let webhooks = if r.webhooks.is_empty() {
        String::new()
    } else {
        format!("#[doc = {:?}]\npub mod webhooks {{\n{}}}\n", webhooks_doc(r), r.webhooks)
    };
    // The modules are formatted already; wrapping them as text keeps them byte-identical
    // to the standalone crate's files.
    let cli = r.cli.as_ref().map_or_else(String::new, |cli| {
        format!("/// The command line (feature `cli`).\n#[cfg(feature = \"cli\")]\npub mod cli {{\n{cli}}}\n")
    });
    let server =
        format!("#[doc = {:?}]\n#[cfg(feature = \"server\")]\npub mod server {{\n{}}}\n", SERVER_DOC, r.server);
    Ok(format!(
        "{HEADER}{runtime}{exports}#[doc = {models_doc:?}]\npub mod models {{\n{}}}\n#[doc = {ops_doc:?}]\npub mod operations {{\n{}}}\n#[doc = {paths_doc:?}]\npub mod paths {{\n{}}}\n{webhooks}{server}{cli}{base}",
        all_models(r),
        r.operations.all(),
        r.paths.all()
    ))
}

/// The runtime as one inline `pub mod runtime { … }`, as text: each `pub mod name;` of
/// its root becomes `pub mod name { <file> }`.
fn inline_runtime() -> Result<String, String> {
    let texts = runtime::texts()?;
    let root = texts.iter().find(|(name, _)| *name == "mod").ok_or("internal error: the runtime has no root module")?;
    let mut out = String::from("pub mod runtime {\n");
    for line in root.1.lines() {
        let declared = line.trim().strip_prefix("pub mod ").and_then(|rest| rest.strip_suffix(';'));
        match declared {
            Some(name) => {
                let (_, text) = texts
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or(format!("internal error: runtime module `{name}` is missing"))?;
                out.push_str(&format!("pub mod {name} {{\n{text}}}\n"));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push_str("}\n");
    Ok(out)
}

/// A standalone crate: `Cargo.toml` and `src/` with one file per module.
pub fn standalone(r: &Rendered, crate_name: &str) -> Result<Vec<(PathBuf, String)>, String> {
    if let crate::ir::Layout::CratePerModule { .. } = r.layout {
        if r.cli.is_some() {
            return Err("a command line (--cli) is made for one crate; several modules make a workspace: generate the modules you need as one description".to_owned());
        }
        return super::workspace::files(r, crate_name);
    }
    let (models_doc, ops_doc, paths_doc) = module_docs(r);
    let mut out = Vec::new();
    out.push((PathBuf::from("Cargo.toml"), cargo_toml(crate_name, r)));
    let title = format!(
        " Typed requests and models for {} ({}).",
        super::docs::one_line(&r.title),
        super::docs::one_line(&r.version)
    );
    let usage = " Build a request from [`operations`], turn it into an `http::Request` with\n [`Operation::to_http`], send it with any HTTP client, and decode the answer\n with [`Operation::from_http`].";
    let features = (!r.features.is_empty()).then(|| {
        let text = format!(
            " Each module of the description is a cargo feature that compiles its operations and\n the models they reach: {}; `full` enables them all.",
            r.features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
        );
        quote! {
            #![doc = ""]
            #![doc = #text]
        }
    });
    let base = base_url_item(r);
    let exports = root_exports(r, true);
    let webhooks = (!r.webhooks.is_empty()).then(|| {
        quote!(
            pub mod webhooks;
        )
    });
    let cli = r.cli.is_some().then(|| {
        quote! {
            #[cfg(feature = "cli")]
            pub mod cli;
        }
    });
    let lib = quote! {
        #![doc = #title]
        #![doc = ""]
        #![doc = #usage]
        #features
        #cli
        pub mod models;
        pub mod operations;
        pub mod paths;
        pub mod runtime;
        #[cfg(feature = "server")]
        pub mod server;
        #webhooks
        #exports
        #base
    };
    out.push((PathBuf::from("src/lib.rs"), format!("{HEADER}{}", format_items(lib, "lib.rs")?)));
    out.push((PathBuf::from("src/models.rs"), format!("{HEADER}//!{models_doc}\n{}", all_models(r))));
    out.push((PathBuf::from("src/operations.rs"), format!("{HEADER}//!{ops_doc}\n{}", r.operations.all())));
    out.push((PathBuf::from("src/paths.rs"), format!("{HEADER}//!{paths_doc}\n{}", r.paths.all())));
    out.push((PathBuf::from("src/server.rs"), format!("{HEADER}//!{SERVER_DOC}\n{}", r.server)));
    let library = crate_name.replace('-', "_");
    out.push((
        PathBuf::from("src/bin/fake.rs"),
        format!("{HEADER}//! The fake as a program: `cargo run --features fake --bin {crate_name}-fake -- --port 8080 --seed state.json`.\n\nfn main() -> ::std::process::ExitCode {{\n    {library}::runtime::fake::main({library}::server::fake())\n}}\n"),
    ));
    if !r.webhooks.is_empty() {
        out.push((PathBuf::from("src/webhooks.rs"), format!("{HEADER}//!{}\n{}", webhooks_doc(r), r.webhooks)));
    }
    for (name, text) in runtime::texts()? {
        out.push((PathBuf::from("src/runtime").join(format!("{name}.rs")), format!("{HEADER}{text}")));
    }
    if let Some(cli) = &r.cli {
        out.push((PathBuf::from("src/cli.rs"), format!("{HEADER}//! The command line (feature `cli`).\n{cli}")));
        out.push((
            PathBuf::from("src/main.rs"),
            format!("{HEADER}//! The command line: `cargo run --features cli -- --help`.\n\nfn main() -> ::std::process::ExitCode {{\n    {library}::cli::main()\n}}\n"),
        ));
    }
    Ok(out)
}

fn cargo_toml(name: &str, r: &Rendered) -> String {
    let description = toml_escape(&format!(
        "Typed requests and models for {} ({}), generated from its OpenAPI description.",
        r.title, r.version
    ));
    let mut out = format!(
        r#"# @generated from the OpenAPI description; regenerate instead of editing.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
description = "{description}"
publish = false

# A crate of its own, even when written inside another workspace.
[workspace]

[dependencies]
"#
    );
    out.push_str(&runtime_dependencies(true));
    out.push_str("\n[features]\n");
    for (feature, enables) in runtime::features() {
        out.push_str(&format!("{feature} = {enables:?}\n"));
    }
    // The fake is a program too, for tests in other languages.
    out.push_str(&format!(
        "\n[[bin]]\nname = \"{name}-fake\"\npath = \"src/bin/fake.rs\"\nrequired-features = [\"fake\"]\n"
    ));
    if r.cli.is_some() {
        // The command line is a binary of its own: library users compile none of it.
        out.push_str(&format!("\n[[bin]]\nname = \"{name}\"\npath = \"src/main.rs\"\nrequired-features = [\"cli\"]\n"));
    }
    out
}

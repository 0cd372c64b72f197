//! Packaging several modules (features) as a small workspace (`ir::Layout::CratePerModule`):
//!
//! ```text
//! Cargo.toml, src/            the crate users depend on (`graph`): one feature per module
//!                             and `full`; re-exports the models and every enabled module's
//!                             operations and request builders; the request builders
//!                             several modules reach (`paths`); `prelude`
//! crates/graph-models/        the runtime and every model, each gated by the features of
//!                             the operations that reach it
//! crates/graph-<module>/      one module's operations, the request builders only it
//!                             reaches, and its operations' setters on `Bound` (as traits,
//!                             `setters`, which the prelude brings into scope)
//! ```
//!
//! A module's own request builders are in its crate so that they compile beside the other
//! modules: in the crate users depend on they were the last crate to compile, alone.
//!
//! rustc handles a crate at a time: pieces of this size stay within a few GiB each where
//! one crate of all of them would not, and modules compile in parallel. Items of exactly
//! one feature go in a file of their own (`models/applications.rs`, `paths/applications.rs`)
//! that a build without the feature never reads.

use super::crate_files::{base_url_item, module_docs, runtime_dependencies, toml_escape, webhooks_doc};
use super::format::{format_items, HEADER};
use super::render::{Grouped, Rendered};
use crate::ir::Gate;
use crate::runtime;
use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// Every file of the workspace, paths relative to its root.
pub fn files(r: &Rendered, name: &str) -> Result<Vec<(PathBuf, String)>, String> {
    let models_package = format!("{name}-models");
    let models_crate = models_package.replace('-', "_");
    let module_package = |feature: &str| format!("{name}-{}", feature.replace('_', "-"));
    let (models_doc, ops_doc, paths_doc) = module_docs(r);
    let mut out = Vec::new();

    // The models crates, lowest first: the runtime, the models, the base URL in the
    // lowest; each further one re-exports the one below and adds its models. The top one
    // (`<name>-models`) is what the other crates depend on.
    let parts = r.models.len().max(1);
    let part_package = |part: usize| {
        if part + 1 == parts {
            models_package.clone()
        } else {
            format!("{models_package}-{part}")
        }
    };
    for (part, grouped) in r.models.iter().enumerate() {
        let package = part_package(part);
        let below = part.checked_sub(1).map(part_package);
        let dir = PathBuf::from("crates").join(&package);
        out.push((dir.join("Cargo.toml"), models_manifest(r, &package, below.as_deref())));
        let doc = format!(
            " The runtime and the models of {} ({}), for the `{name}` crate: depend on that one.",
            super::docs::one_line(&r.title),
            super::docs::one_line(&r.version)
        );
        let (lib, prefix) = match &below {
            None => {
                let base = base_url_item(r);
                let lib = quote! {
                    #![doc = #doc]
                    pub mod models;
                    pub mod runtime;
                    pub use runtime::{Cloud, Error, Operation, Pageable};
                    #[cfg(feature = "client")]
                    pub use runtime::Client;
                    #base
                };
                (lib, String::new())
            }
            Some(below) => {
                let below = super::ident(&below.replace('-', "_"));
                let lib = quote! {
                    #![doc = #doc]
                    pub mod models;
                    pub mod runtime;
                    pub use runtime::{Cloud, Error, Operation, Pageable};
                    #[cfg(feature = "client")]
                    pub use runtime::Client;
                    pub use ::#below::DEFAULT_BASE_URL;
                };
                // The runtime is the lowest crate's; the models' macro is copied, since
                // another crate cannot name it, into the parts that define a struct (only
                // they use it: a copy elsewhere would be an unused macro).
                let runtime = match r.struct_parts.get(part) {
                    Some(Some(gate)) => {
                        // Under the gate of the part's structs: with none of their features
                        // on, no struct compiles and the copy would go unused.
                        let cfg =
                            cfg_predicate(gate, &r.features).map(|p| format!("    #[cfg({p})]\n")).unwrap_or_default();
                        let definition = runtime::macro_definition("json", "lossless_struct")?;
                        let definition =
                            definition.replacen("macro_rules!", &format!("{}macro_rules!", cfg.trim_start()), 1);
                        format!(
                            "{HEADER}//! The runtime of `{below}`, with its own copy of the models' macro.\npub use ::{below}::runtime::*;\n/// The lowest crate's `json`, and the macro its models use.\npub mod json {{\n    pub use ::{below}::runtime::json::*;\n{definition}\n{cfg}    pub(crate) use lossless_struct;\n}}\n"
                        )
                    }
                    _ => format!("{HEADER}//! The runtime of `{below}`.\npub use ::{below}::runtime::*;\n"),
                };
                out.push((dir.join("src/runtime.rs"), runtime));
                (lib, format!("pub use ::{below}::models::*;\n"))
            }
        };
        out.push((dir.join("src/lib.rs"), format!("{HEADER}{}", format_items(lib, "lib.rs")?)));
        push_grouped(&mut out, &dir.join("src"), "models", &models_doc, grouped, &[prefix.as_str()], r);
        if below.is_none() {
            for (module, text) in runtime::texts()? {
                out.push((dir.join("src/runtime").join(format!("{module}.rs")), format!("{HEADER}{text}")));
            }
        }
    }
    let model_packages: Vec<String> = (0..parts).map(part_package).collect();

    // One crate per module: its operations.
    for (index, feature) in r.features.iter().enumerate() {
        let operations = r.operations.of_feature(index);
        let package = module_package(feature);
        let dir = PathBuf::from("crates").join(&package);
        out.push((dir.join("Cargo.toml"), module_manifest(r, &package, &models_package, feature)));
        let models = super::ident(&models_crate);
        let doc = format!(" The operations of the `{feature}` module, for the `{name}` crate: depend on that one.");
        let setters = r.setter_traits.get(index).filter(|traits| !traits.is_empty());
        let setters_mod = setters.map(|_| {
            quote!(
                #[cfg(feature = "client")]
                pub mod setters;
            )
        });
        // The models only this module reaches, beside those every module shares.
        let own_models = r.module_models.of_feature(index);
        let models_item = if own_models.trim().is_empty() {
            quote!(pub use ::#models::{models, DEFAULT_BASE_URL};)
        } else {
            out.push((
                dir.join("src/models.rs"),
                format!("{HEADER}//!{models_doc}\n#[allow(unused_imports, reason = \"the module may reach no model another reaches\")]\npub use ::{models_crate}::models::*;\n{own_models}"),
            ));
            quote!(pub use ::#models::DEFAULT_BASE_URL; pub mod models;)
        };
        let lib = quote! {
            #![doc = #doc]
            #models_item
            pub mod runtime;
            pub mod operations;
            pub mod paths;
            #setters_mod
        };
        out.push((dir.join("src/lib.rs"), format!("{HEADER}{}", format_items(lib, "lib.rs")?)));
        let indent = |text: String| {
            text.lines()
                .map(|line| if line.is_empty() { "\n".to_owned() } else { format!("    {line}\n") })
                .collect::<String>()
        };
        // The models' macro, which another crate cannot name, copied where a struct uses it.
        let json = if r.module_structs.get(index).copied().unwrap_or(false) {
            format!(
                "/// The runtime's `json`, and the macro the models use.\npub mod json {{\n    pub use ::{models_crate}::runtime::json::*;\n{}    pub(crate) use lossless_struct;\n}}\n",
                indent(runtime::macro_definition("json", "lossless_struct")?)
            )
        } else {
            String::new()
        };
        out.push((
            dir.join("src/runtime.rs"),
            format!(
                "{HEADER}//! The runtime of `{models_crate}`, with its own copy of the query options' macro.\npub use ::{models_crate}::runtime::*;\n/// The runtime's `query`, and the macro the operations use.\npub mod query {{\n{}}}\n{json}",
                indent(query_module(&models_crate)?)
            ),
        ));
        out.push((dir.join("src/operations.rs"), format!("{HEADER}//!{ops_doc}\n{operations}")));
        // The module's own request builders (those no other module reaches) and its
        // operations' setters on `Bound`: compiled beside the other modules, not after them.
        out.push((
            dir.join("src/paths.rs"),
            format!(
                "{HEADER}//! The request builders only the `{feature}` module reaches (the crate `{name}` starts them from `{}`), and its operations' setters on `Bound`.\n{}{}",
                r.root,
                r.paths.of_feature(index),
                r.bound.of_feature(index)
            ),
        ));
        if let Some(traits) = setters {
            out.push((dir.join("src/setters.rs"), format!("{HEADER}{}", super::bound::setters_module(traits, name)?)));
        }
    }
    // Every operation is one module's: its setters on `Bound` are in that module's crate.
    let stray = !r.bound.common.trim().is_empty()
        || r.bound.gated.iter().any(|(gate, text)| gate.single().is_none() && !text.trim().is_empty());
    if stray {
        return Err("internal error: an operation of no single module has setters on `Bound`".to_owned());
    }

    // The crate users depend on.
    out.push((PathBuf::from("Cargo.toml"), facade_manifest(r, name, &model_packages, &module_package)));
    out.push((PathBuf::from("src/lib.rs"), format!("{HEADER}{}", facade_lib(r, name, &models_crate)?)));
    if let Some(text) = unreached_models(r) {
        out.push((PathBuf::from("src/models/full.rs"), format!("{HEADER}{text}")));
    }
    if r.top_structs {
        out.push((
            PathBuf::from("src/runtime/json.rs"),
            format!(
                "{HEADER}//! The runtime's `json`, and the macro the models no operation reaches use.\npub use ::{models_crate}::runtime::json::*;\n{}pub(crate) use lossless_struct;\n",
                runtime::macro_definition("json", "lossless_struct")?
            ),
        ));
    }
    out.push((
        PathBuf::from("src/runtime/query.rs"),
        format!(
            "{HEADER}//! The runtime's `query`, and the macro the operations use.\n{}",
            query_module(&models_crate)?
        ),
    ));
    let mut operations = format!("{HEADER}//!{ops_doc}\n{}", r.operations.common);
    for feature in &r.features {
        let module = super::ident(&module_crate(name, feature));
        operations.push_str(&format!("#[cfg(feature = \"{feature}\")]\npub use ::{module}::operations::*;\n"));
    }
    out.push((PathBuf::from("src/operations.rs"), operations));
    // The builders more than one module reaches (and the root), and each module's own.
    let paths = Grouped {
        common: r.paths.common.clone(),
        gated: r.paths.gated.iter().filter(|(gate, _)| gate.single().is_none()).cloned().collect(),
    };
    let own: Vec<String> = modules_with(r, &r.paths)
        .map(|feature| {
            let module = module_crate(name, feature);
            format!("#[cfg(feature = \"{feature}\")]\npub use ::{module}::paths::*;\n")
        })
        .collect();
    let own: Vec<&str> = own.iter().map(String::as_str).collect();
    push_grouped(&mut out, &PathBuf::from("src"), "paths", &paths_doc, &paths, &own, r);
    if !r.webhooks.is_empty() {
        out.push((PathBuf::from("src/webhooks.rs"), format!("{HEADER}//!{}\n{}", webhooks_doc(r), r.webhooks)));
    }
    Ok(out)
}

/// The models no operation reaches (compiled with `full` alone, in the crate users depend
/// on: they may name any module's), if there are any.
fn unreached_models(r: &Rendered) -> Option<&str> {
    r.module_models
        .gated
        .iter()
        .find(|(gate, text)| gate.is_full_only() && !text.trim().is_empty())
        .map(|(_, text)| text.as_str())
}

/// A module's crate in Rust paths (`graph_users_actions`).
fn module_crate(name: &str, feature: &str) -> String {
    format!("{name}_{feature}").replace('-', "_")
}

/// The modules (features) that have items of their own in `grouped`.
fn modules_with<'a>(r: &'a Rendered, grouped: &'a Grouped) -> impl Iterator<Item = &'a str> + 'a {
    r.features
        .iter()
        .enumerate()
        .filter(|(index, _)| !grouped.of_feature(*index).trim().is_empty())
        .map(|(_, feature)| feature.as_str())
}

/// A module file (`src/<module>.rs`: its common items, then an `include!` of each gate's
/// file under the gate's `cfg`) and the gates' files (`src/<module>/<feature>.rs` for one
/// feature, `full.rs` for `full` alone, `shared_<n>.rs` for several).
fn push_grouped(
    out: &mut Vec<(PathBuf, String)>,
    src: &std::path::Path,
    module: &str,
    doc: &str,
    grouped: &Grouped,
    prefix: &[&str],
    r: &Rendered,
) {
    let mut text = format!("{HEADER}//!{doc}\n");
    for line in prefix {
        text.push_str(line);
    }
    text.push_str(&grouped.common);
    let mut shared = 0;
    for (gate, part) in &grouped.gated {
        if part.is_empty() {
            continue;
        }
        let names = feature_names(gate, &r.features);
        let cfg = cfg_predicate(gate, &r.features).unwrap_or_else(|| "feature = \"full\"".to_owned());
        let file = match names.as_slice() {
            [] => "full".to_owned(),
            [one] => (*one).to_owned(),
            _ => {
                shared += 1;
                format!("shared_{shared}")
            }
        };
        // A file of one gate's items, read only when the gate is open.
        text.push_str(&format!("#[cfg({cfg})]\ninclude!(\"{module}/{file}.rs\");\n"));
        out.push((src.join(module).join(format!("{file}.rs")), format!("{HEADER}{part}")));
    }
    out.push((src.join(format!("{module}.rs")), text));
}

/// The names of a gate's features (none for `Always`).
fn feature_names<'a>(gate: &Gate, features: &'a [String]) -> Vec<&'a str> {
    match gate {
        Gate::Features(list) => list.iter().filter_map(|f| features.get(*f)).map(String::as_str).collect(),
        Gate::Always => Vec::new(),
    }
}

/// The `cfg` predicate that compiles a gate's items (`feature = "a"`, `any(…)`, `full`
/// alone for a gate of no module); `None` for items every build compiles.
fn cfg_predicate(gate: &Gate, features: &[String]) -> Option<String> {
    if *gate == Gate::Always {
        return None;
    }
    Some(match feature_names(gate, features).as_slice() {
        [] => "feature = \"full\"".to_owned(),
        [one] => format!("feature = \"{one}\""),
        many => format!("any({})", many.iter().map(|f| format!("feature = \"{f}\"")).collect::<Vec<_>>().join(", ")),
    })
}

/// `[package]` and `[workspace]` lines.
fn package(name: &str, description: &str, workspace: &str) -> String {
    format!(
        "# @generated from the OpenAPI description; regenerate instead of editing.\n[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = \"{}\"\npublish = false\n\n{workspace}",
        toml_escape(description)
    )
}

fn models_manifest(r: &Rendered, package_name: &str, below: Option<&str>) -> String {
    let mut out = package(
        package_name,
        &format!("The runtime and the models of {} ({}), generated from its OpenAPI description.", r.title, r.version),
        "",
    );
    out.push_str("[dependencies]\n");
    match below {
        None => out.push_str(&runtime_dependencies(true)),
        Some(below) => {
            out.push_str(&format!("{below} = {{ path = \"../{below}\", default-features = false }}\n"));
            out.push_str(&runtime_dependencies(false));
        }
    }
    out.push_str("\n[features]\n");
    for (feature, enables) in runtime::features() {
        let enables: Vec<String> = match below {
            None => enables.iter().map(|e| (*e).to_owned()).collect(),
            // The runtime is the lowest crate's; its features pass down.
            Some(below) if *feature != "default" => vec![format!("{below}/{feature}")],
            Some(_) => enables.iter().map(|e| (*e).to_owned()).collect(),
        };
        out.push_str(&format!("{feature} = {enables:?}\n"));
    }
    out.push_str("# One feature per module: the models its operations reach.\n");
    for feature in &r.features {
        let enables: Vec<String> = below.map(|b| format!("{b}/{feature}")).into_iter().collect();
        out.push_str(&format!("{feature} = {enables:?}\n"));
    }
    let mut all = r.features.clone();
    all.extend(below.map(|b| format!("{b}/full")));
    out.push_str(&format!("# Every model (also those no operation reaches).\nfull = {all:?}\n"));
    out
}

fn module_manifest(r: &Rendered, package_name: &str, models_package: &str, feature: &str) -> String {
    let mut out = package(
        package_name,
        &format!("The `{feature}` operations of {} ({}), generated from its OpenAPI description.", r.title, r.version),
        "",
    );
    out.push_str("[dependencies]\n");
    out.push_str(&format!(
        "{models_package} = {{ path = \"../{models_package}\", default-features = false, features = [\"{feature}\"] }}\n"
    ));
    out.push_str(&runtime_dependencies(false));
    // Its setters on `Bound` are compiled with the client.
    out.push_str(&format!("\n[features]\nclient = [\"{models_package}/client\"]\n"));
    out
}

fn facade_manifest(
    r: &Rendered,
    name: &str,
    model_packages: &[String],
    module_package: &dyn Fn(&str) -> String,
) -> String {
    let models_package = model_packages.last().map_or("", String::as_str);
    let members: Vec<String> = model_packages
        .iter()
        .cloned()
        .chain(r.features.iter().map(|f| module_package(f)))
        .map(|p| format!("crates/{p}"))
        .collect();
    let workspace = format!("# The crates this one is made of (each small enough for rustc to handle well).\n[workspace]\nmembers = {members:?}\n\n");
    let mut out = package(
        name,
        &format!("Typed requests and models for {} ({}), generated from its OpenAPI description.", r.title, r.version),
        &workspace,
    );
    out.push_str("[dependencies]\n");
    out.push_str(&format!("{models_package} = {{ path = \"crates/{models_package}\", default-features = false }}\n"));
    for feature in &r.features {
        let package = module_package(feature);
        out.push_str(&format!("{package} = {{ path = \"crates/{package}\", optional = true }}\n"));
    }
    out.push_str(&runtime_dependencies(false));
    out.push_str("\n[features]\n");
    for (feature, runtime_enables) in runtime::features() {
        // The runtime's features are the models crate's; those they imply (`client`) are
        // this crate's too, for its own part of the runtime.
        let mut enables: Vec<String> =
            runtime_enables.iter().filter(|e| !e.contains(':') && !e.contains('/')).map(|e| (*e).to_owned()).collect();
        if *feature != "default" {
            enables.push(format!("{models_package}/{feature}"));
        }
        if *feature == "client" {
            enables.extend(r.features.iter().map(|f| format!("{}?/client", module_package(f))));
        }
        out.push_str(&format!("{feature} = {enables:?}\n"));
    }
    out.push_str("# One feature per module: its operations, the models they reach, their request builders.\n");
    for feature in &r.features {
        let enables = vec![format!("dep:{}", module_package(feature)), format!("{models_package}/{feature}")];
        out.push_str(&format!("{feature} = {enables:?}\n"));
    }
    let mut all: Vec<String> = r.features.clone();
    all.push(format!("{models_package}/full"));
    out.push_str(&format!("# Every module.\nfull = {all:?}\n"));
    out
}

fn facade_lib(r: &Rendered, name: &str, models_crate: &str) -> Result<String, String> {
    let models = super::ident(models_crate);
    let root = super::ident(&r.root);
    let client_trait = r.client_trait.as_deref().map(|t| {
        let t = super::ident(t);
        quote! {
            #[cfg(feature = "client")]
            pub use super::paths::#t;
        }
    });
    let title = format!(
        " Typed requests and models for {} ({}).",
        super::docs::one_line(&r.title),
        super::docs::one_line(&r.version)
    );
    let features = format!(
        " Each module is a cargo feature that compiles its operations, the models they reach and\n their request builders: {}; `full` enables them all.",
        r.features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
    );
    let usage = format!(
        " ```toml\n [dependencies]\n {name} = {{ path = \"…\", features = [\"{}\"] }}\n ```\n\n Walk the paths from a client (`use {}::prelude::*;`) or from [`{}::new()`](paths::{}::new).",
        r.features.first().map_or("full", String::as_str),
        name.replace('-', "_"),
        r.root,
        r.root
    );
    let doc: Vec<String> = [title.as_str(), "", features.as_str(), "", usage.as_str()]
        .iter()
        .flat_map(|paragraph| paragraph.split('\n'))
        .map(str::to_owned)
        .collect();
    // Each module's setters on `Bound`, in scope by their traits.
    let setters =
        r.features.iter().zip(&r.setter_traits).filter(|(_, traits)| !traits.is_empty()).map(|(feature, traits)| {
            let module = super::ident(&module_crate(name, feature));
            let traits = traits.iter().map(|(_, t)| super::ident(t));
            quote! {
                #[cfg(all(feature = "client", feature = #feature))]
                pub use ::#module::setters::{#(#traits as _),*};
            }
        });
    let webhooks = (!r.webhooks.is_empty()).then(|| {
        quote!(
            pub mod webhooks;
        )
    });
    // The models every module shares, and each enabled module's own.
    let own: Vec<TokenStream> = modules_with(r, &r.module_models)
        .map(|feature| {
            let module = super::ident(&module_crate(name, feature));
            quote!(#[cfg(feature = #feature)] pub use ::#module::models::*;)
        })
        .collect();
    // The models no operation reaches (with `full` alone): they may name any module's.
    let unreached = unreached_models(r).is_some();
    let unreached_items = unreached.then(|| quote!(#[cfg(feature = "full")] include!("models/full.rs");));
    let models_item = if own.is_empty() && !unreached {
        quote!(pub use ::#models::{models, DEFAULT_BASE_URL};)
    } else {
        quote! {
            pub use ::#models::DEFAULT_BASE_URL;
            /// The models: those several modules reach, each enabled module's own, and with
            /// `full` those no operation reaches.
            pub mod models {
                #[allow(unused_imports, reason = "with no module's feature on, no model is compiled")]
                pub use ::#models::models::*;
                #(#own)*
                #unreached_items
            }
        }
    };
    let json = r.top_structs.then(|| {
        quote!(
            #[cfg(feature = "full")]
            pub mod json;
        )
    });
    // The operations' OData setters are these traits' methods (see `inherent_query_setters`).
    let query_traits = crate::ir::QueryOption::all().map(|o| super::ident(o.marker()));
    let lib = quote! {
        #(#![doc = #doc])*
        #models_item
        #webhooks
        /// The runtime (the models crate's), with its own copy of the query options' macro.
        pub mod runtime {
            pub use ::#models::runtime::*;
            pub mod query;
            #json
        }
        pub use runtime::{Cloud, Error, Operation, Pageable};
        #[cfg(feature = "client")]
        pub use runtime::Client;
        pub mod operations;
        pub mod paths;
        pub use paths::#root;
        /// What a program using the request builders needs in scope.
        pub mod prelude {
            pub use super::paths::#root;
            #client_trait
            pub use super::{Error, Operation};
            pub use ::#models::runtime::query::{#(#query_traits as _),*};
            #(#setters)*
        }
    };
    format_items(lib, "lib.rs")
}

/// The body of a `query` module in a crate above the runtime's: the runtime's `query`
/// re-exported, and its own `query_options!` (another crate cannot name a macro the
/// runtime includes by path), written from its own copy of the runtime's table of options
/// and of the macros that write it. Allowed to go unused: a module may take no OData
/// option.
fn query_module(runtime_crate: &str) -> Result<String, String> {
    let mut out = format!("pub use ::{runtime_crate}::runtime::query::*;\n");
    let macros = ["with_odata_options", "odata_kind", "odata_setters"];
    for name in macros {
        out.push_str("#[allow(unused_macros)]\n");
        out.push_str(&runtime::macro_definition("query", name)?);
    }
    out.push_str("with_odata_options! { $ odata_setters! }\n");
    for name in macros.iter().filter(|name| **name != "odata_setters") {
        out.push_str(&format!("#[allow(unused_imports)]\npub(crate) use {name};\n"));
    }
    Ok(out)
}

//! The macro route (`wiretype_macro::generate!`): the arguments read, the description
//! generated as a build script would ([`crate::build`]), and the same code returned as
//! tokens, with every file read tracked so that an edit expands the macro again.
//!
//! ```text
//! wiretype_macro::generate!("openapi.yaml");
//! wiretype_macro::generate!(
//!     "specs/api.yaml",
//!     config = "specs/api.config.yaml",   // instead of the one beside the spec
//!     facts = "specs/api.facts.yaml",     // instead of the one beside the spec
//!     overlays = ["fix.yaml"],            // applied in order, after the config's
//!     cli = true,                         // `cli::main()`, behind the feature `cli`
//!     crate_path = "my_api",              // how doc examples name the code (default: this crate)
//!     root = "Api",                       // the request builders' root type
//! );
//! ```
//!
//! Paths are relative to the crate's `Cargo.toml`. The macro goes at the root of a crate
//! (the code names itself `crate::`), as `include!` of a build script's file does. A
//! procedural macro cannot print warnings on stable Rust: the description's warnings show
//! with `wiretype generate --verbose`, or from a build script.

use crate::build::{Build, Inputs};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use std::path::{Path, PathBuf};
use syn::parse::{Parse, ParseStream};
use syn::{LitBool, LitStr, Token};

/// The settings a macro call can give, by name.
const SETTINGS: &[&str] = &["config", "facts", "overlays", "cli", "crate_path", "root", "client_method"];

/// The macro's arguments: the description, then settings by name.
pub struct Arguments {
    /// The description, as written.
    pub spec: LitStr,
    config: Option<LitStr>,
    facts: Option<LitStr>,
    overlays: Vec<LitStr>,
    cli: bool,
    crate_path: Option<LitStr>,
    root: Option<LitStr>,
    client_method: Option<LitStr>,
}

impl Parse for Arguments {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let spec: LitStr = input.parse().map_err(|e| {
            syn::Error::new(e.span(), "expected the description's path first: `generate!(\"openapi.yaml\")`")
        })?;
        let mut args = Arguments {
            spec,
            config: None,
            facts: None,
            overlays: Vec::new(),
            cli: false,
            crate_path: None,
            root: None,
            client_method: None,
        };
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input.parse()?;
            let name = key.to_string();
            if seen.contains(&name) {
                return Err(syn::Error::new(key.span(), format!("`{name}` is given twice")));
            }
            seen.push(name.clone());
            input.parse::<Token![=]>()?;
            match name.as_str() {
                "config" => args.config = Some(input.parse()?),
                "facts" => args.facts = Some(input.parse()?),
                "crate_path" => args.crate_path = Some(input.parse()?),
                "root" => args.root = Some(input.parse()?),
                "client_method" => args.client_method = Some(input.parse()?),
                "cli" => args.cli = input.parse::<LitBool>()?.value,
                "overlays" => {
                    let list;
                    syn::bracketed!(list in input);
                    args.overlays = list.parse_terminated(|p| p.parse::<LitStr>(), Token![,])?.into_iter().collect();
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown setting `{name}`; the settings are {}", SETTINGS.join(", ")),
                    ))
                }
            }
        }
        Ok(args)
    }
}

impl Arguments {
    /// The build the arguments describe, paths resolved against `dir`, and the crate's
    /// name for doc examples unless `crate_path` is given.
    pub fn build(&self, dir: &Path, crate_name: Option<&str>) -> Build {
        let at = |lit: &LitStr| dir.join(lit.value());
        let mut build = Build::new(at(&self.spec)).cli(self.cli);
        if let Some(config) = &self.config {
            build = build.config(at(config));
        }
        if let Some(facts) = &self.facts {
            build = build.facts(at(facts));
        }
        for overlay in &self.overlays {
            build = build.overlay(at(overlay));
        }
        match (&self.crate_path, crate_name) {
            (Some(path), _) => build = build.crate_path(path.value()),
            (None, Some(name)) => build = build.crate_path(name.replace('-', "_")),
            (None, None) => {}
        }
        if let Some(root) = &self.root {
            build = build.root(root.value());
        }
        if let Some(method) = &self.client_method {
            build = build.client_method(method.value());
        }
        build
    }
}

/// The macro: reads `CARGO_MANIFEST_DIR` and `CARGO_CRATE_NAME` (set by cargo for the
/// crate being compiled) and expands as [`expand_in`].
pub fn expand(input: TokenStream) -> TokenStream {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let name = std::env::var("CARGO_CRATE_NAME").ok();
    expand_in(&dir, name.as_deref(), input)
}

/// The macro in the crate at `dir`: the generated code, then one `include_bytes!` per
/// file read (so an edit re-expands). Every problem is a `compile_error!` at the
/// description's path: the crate's manifest lacking what the code needs, and each
/// problem of the description with its file, JSON pointer and hint.
pub fn expand_in(dir: &Path, crate_name: Option<&str>, input: TokenStream) -> TokenStream {
    let args = match syn::parse2::<Arguments>(input) {
        Ok(args) => args,
        Err(e) => return e.to_compile_error(),
    };
    let span = args.spec.span();
    let errors = |messages: Vec<String>| -> TokenStream {
        messages.iter().map(|m| quote_spanned!(span=> ::core::compile_error!(#m);)).collect()
    };
    let manifest = dir.join("Cargo.toml");
    if manifest.is_file() {
        if let Err(message) = crate::build::manifest::check(&manifest) {
            return errors(vec![message]);
        }
    }
    let build = args.build(dir, crate_name);
    // Generation runs on threads of its own (a large stack, two renderers), where the
    // compiler's token API is not available: proc-macro2 builds its own tokens there, and
    // the code comes back as text, read into the compiler's tokens here.
    proc_macro2::fallback::force();
    let generated = generate(build.inputs(), build.embeds_runtime());
    proc_macro2::fallback::unforce();
    let (files, code) = match generated {
        Ok(done) => done,
        Err(messages) => return errors(messages),
    };
    let tokens: TokenStream = match code.parse() {
        Ok(tokens) => tokens,
        Err(e) => return errors(vec![format!("internal error: the generated code does not parse: {e}")]),
    };
    let tracked = files.iter().map(|file| {
        let path = file.display().to_string();
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    });
    quote! {
        #tokens
        #(#tracked)*
    }
}

/// The files read and the code, as text (no tokens cross back to the caller's thread).
fn generate(inputs: &Inputs, runtime: bool) -> Result<(Vec<PathBuf>, String), Vec<String>> {
    let read = crate::build::read(inputs)?;
    let code = crate::build::code(&read, runtime).map_err(|e| vec![e])?;
    Ok((read.files, code))
}

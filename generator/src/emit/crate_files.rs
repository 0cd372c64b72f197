//! What every generated crate's files share, whichever its layout (one crate,
//! [`super::package`], or a workspace, [`super::workspace`]): the lib's module docs and
//! base URL, and the manifest's runtime dependencies.

use super::render::Rendered;
use crate::runtime;
use proc_macro2::TokenStream;
use quote::quote;

/// `DEFAULT_BASE_URL`, the spec's server.
pub(super) fn base_url_item(r: &Rendered) -> TokenStream {
    let url = r.base_url.clone().unwrap_or_default();
    let doc = format!(
        " The server named by the spec (`servers[0]`){}.",
        if url.is_empty() { ": none, pass your own" } else { "" }
    );
    quote! {
        #[doc = #doc]
        pub const DEFAULT_BASE_URL: &str = #url;
    }
}

/// The docs of the `models`, `operations` and `paths` modules.
pub(super) fn module_docs(r: &Rendered) -> (String, String, String) {
    let (title, version) = (super::docs::one_line(&r.title), super::docs::one_line(&r.version));
    let models = format!(" Types of the schemas of {title} ({version}).");
    let ops = format!(
        " One request type per operation of {} ({}); each implements [`crate::runtime::Operation`].",
        title, version
    );
    let paths = format!(
        " Request builders of {title} ({version}): the paths as a tree, from [`{}`], as Graph's SDKs walk them.",
        r.root
    );
    (models, ops, paths)
}

/// Text for a TOML basic string: quotes, backslashes and control characters escaped.
pub(super) fn toml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// The runtime's dependencies as `[dependencies]` lines (templates/Cargo.toml, via
/// `runtime::dependencies()`): all of them, or only those every build needs.
pub(crate) fn runtime_dependencies(optional_too: bool) -> String {
    let mut out = String::new();
    for dep in runtime::dependencies().iter().filter(|d| optional_too || !d.optional) {
        for comment in dep.comment {
            out.push_str(comment);
            out.push('\n');
        }
        let mut parts = vec![format!("version = {:?}", dep.version)];
        if !dep.default_features {
            parts.push("default-features = false".to_owned());
        }
        if !dep.features.is_empty() {
            parts.push(format!("features = {:?}", dep.features));
        }
        if dep.optional {
            parts.push("optional = true".to_owned());
        }
        match parts.as_slice() {
            [version] if !dep.optional => out.push_str(&format!("{} = {}\n", dep.name, &version["version = ".len()..])),
            _ => out.push_str(&format!("{} = {{ {} }}\n", dep.name, parts.join(", "))),
        }
    }
    out
}

/// The doc of the `webhooks` module.
pub(super) fn webhooks_doc(r: &Rendered) -> String {
    format!(
        " Requests {} ({}) sends (its webhooks): each type reads one, sans-IO, with [`crate::runtime::Webhook::from_request`].",
        super::docs::one_line(&r.title),
        super::docs::one_line(&r.version)
    )
}

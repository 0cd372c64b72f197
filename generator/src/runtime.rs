//! The hand-written runtime (`templates/src`), embedded into every generated crate.
//!
//! The files are compiled and tested as the `wiretype-runtime` crate, which also gives
//! their text, its dependencies and its features (`wiretype_runtime::sources`, the one
//! list of each); here the text has the items that belong to that crate alone dropped
//! (`#[cfg(test)]`, `#[cfg(feature = "sources")]`) and is spliced in as the generated
//! crate's `runtime` module.

use syn::{Attribute, Item};
pub use wiretype_runtime::sources::Dependency;
use wiretype_runtime::sources::{DEPENDENCIES, FEATURES, FILES};

/// The attribute lines (at column 0) of the runtime's items that stay in its own crate:
/// its tests and the `sources` module.
const OWN_ITEMS: &[&str] = &["#[cfg(test)]", "#[cfg(feature = \"sources\")]"];

/// What a generated crate's root re-exports from its runtime (the request builders' root
/// type may take none of these names); `Client` only with the `client` feature.
pub const RUNTIME_EXPORTS: &[&str] = &["Cloud", "Error", "Operation", "Pageable", "Client"];

/// Whether a server URL is Microsoft Graph's global service, whose host the runtime's
/// client replaces with its national cloud's (`Cloud::origin`). A description served
/// there is Microsoft Graph: its builders' root is `Graph`, its modules share one title.
pub fn is_microsoft_graph(url: &str) -> bool {
    url.starts_with("https://graph.microsoft.com/")
}

/// The runtime's dependencies, in the order `templates/Cargo.toml` lists them.
pub fn dependencies() -> &'static [Dependency] {
    DEPENDENCIES
}

/// The runtime's features and what each enables, `default` first.
pub fn features() -> &'static [(&'static str, &'static [&'static str])] {
    FEATURES
}

/// One runtime module: its name and its items, tests removed.
pub struct RuntimeFile {
    /// Module name (`mod` for the runtime's root).
    pub name: &'static str,
    /// The parsed file.
    pub file: syn::File,
}

/// The runtime files, parsed. An error here is a bug in `templates/`, not in the spec.
pub fn files() -> Result<Vec<RuntimeFile>, String> {
    FILES
        .iter()
        .map(|(name, text)| {
            let mut file = syn::parse_file(text).map_err(|e| format!("templates/src/{name}.rs: {e}"))?;
            file.items.retain(|item| !is_test_only(item));
            Ok(RuntimeFile { name, file })
        })
        .collect()
}

/// The runtime files as text, test-only items removed, without a syn round trip: the
/// files are rustfmt-formatted already, and parsing and printing them was a tenth of the
/// generator's time on a mid-size spec.
///
/// A test-only item is a line `#[cfg(test)]` at column 0 and the item after it, up to
/// the first `}` at column 0 (or its `;` for a one-line item). The unit test below
/// checks the result against the syn-based [`files`] for every runtime file.
pub fn texts() -> Result<Vec<(&'static str, String)>, String> {
    FILES
        .iter()
        .map(|(name, text)| strip_tests(text).map(|t| (*name, t)).map_err(|e| format!("templates/src/{name}.rs: {e}")))
        .collect()
}

fn strip_tests(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split_inclusive('\n');
    while let Some(line) = lines.next() {
        if !OWN_ITEMS.contains(&line.trim_end()) {
            out.push_str(line);
            continue;
        }
        // Skip the item: a one-line item ends with `;`, a block with a `}` at column 0.
        let first = lines.next().ok_or("an item's attribute at the end of the file")?;
        if first.trim_end().ends_with(';') {
            continue;
        }
        loop {
            let next = lines.next().ok_or("an item of the runtime's own never closes")?;
            if next.trim_end() == "}" {
                break;
            }
        }
    }
    Ok(out)
}

/// The text of the runtime's `macro_rules! name` in `module` (from that line to the `}` at
/// column 0 that ends it): a models crate layered on the runtime's crate needs its own
/// copy, since a crate cannot export a macro it includes from another file by path.
pub fn macro_definition(module: &str, name: &str) -> Result<String, String> {
    let (_, text) =
        FILES.iter().find(|(m, _)| *m == module).ok_or(format!("internal error: no runtime module `{module}`"))?;
    let start = format!("macro_rules! {name} {{");
    let mut lines = text.lines().skip_while(|l| !l.starts_with(&start));
    let first = lines.next().ok_or(format!("internal error: no `{start}` in templates/src/{module}.rs"))?;
    let mut out = format!("{first}\n");
    for line in lines {
        out.push_str(line);
        out.push('\n');
        if line == "}" {
            return Ok(out);
        }
    }
    Err(format!("internal error: `{start}` never closes in templates/src/{module}.rs"))
}

/// The public methods the runtime gives type `name` (`Client`, `Bound`) in its inherent
/// `impl` blocks, in every file: generated code adds methods to these types (request
/// builders on `Client`, setters on `Bound`), and none may take one of these names. Read
/// from the runtime's source, so the list cannot fall behind it.
pub fn inherent_methods(name: &str) -> Result<Vec<String>, String> {
    static ALL: std::sync::OnceLock<Result<Vec<(String, String)>, String>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut all = Vec::new();
        for file in files()? {
            for item in &file.file.items {
                let Item::Impl(block) = item else { continue };
                let syn::Type::Path(ty) = block.self_ty.as_ref() else { continue };
                let (Some(last), None) = (ty.path.segments.last(), &block.trait_) else { continue };
                for inner in &block.items {
                    if let syn::ImplItem::Fn(f) = inner {
                        if matches!(f.vis, syn::Visibility::Public(_)) {
                            all.push((last.ident.to_string(), f.sig.ident.to_string()));
                        }
                    }
                }
            }
        }
        Ok(all)
    });
    let mut methods: Vec<String> =
        all.as_ref().map_err(Clone::clone)?.iter().filter(|(ty, _)| ty == name).map(|(_, m)| m.clone()).collect();
    methods.sort();
    methods.dedup();
    Ok(methods)
}

fn is_test_only(item: &Item) -> bool {
    let attrs: &[Attribute] = match item {
        Item::Mod(m) => &m.attrs,
        Item::Fn(f) => &f.attrs,
        Item::Use(u) => &u.attrs,
        Item::Impl(i) => &i.attrs,
        _ => return false,
    };
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>().is_ok_and(|m| {
                m.path().is_ident("test")
                    || matches!(&m, syn::Meta::NameValue(nv) if nv.path.is_ident("feature")
                        && matches!(&nv.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == "sources"))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    #[test]
    fn the_methods_generated_code_must_not_shadow_are_read_from_the_runtime() {
        let client = inherent_methods("Client").expect("runtime");
        for method in ["send", "pages", "batch", "builder", "scope"] {
            assert!(client.iter().any(|m| m == method), "{method} in {client:?}");
        }
        // Its query options' setters are written from the runtime's table of options (the
        // generator adds them to the names it reserves, `lower::operations`).
        assert_eq!(
            inherent_methods("Bound").expect("runtime"),
            ["from_parts", "into_operation", "into_parts", "map", "operation", "pages", "send"]
        );
    }

    #[test]
    fn the_lossless_macro_can_be_copied_whole() {
        let text = macro_definition("json", "lossless_struct").expect("the macro");
        assert!(text.starts_with("macro_rules! lossless_struct {"));
        syn::parse_str::<syn::ItemMacro>(&text).expect("one whole macro_rules item");
    }

    #[test]
    fn textual_stripping_matches_the_syn_view() {
        let texts = texts().expect("runtime texts");
        let parsed = files().expect("runtime files");
        assert_eq!(texts.len(), parsed.len());
        for ((name, text), file) in texts.iter().zip(parsed) {
            let ours = syn::parse_file(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                ours.to_token_stream().to_string(),
                file.file.to_token_stream().to_string(),
                "{name}: textual and syn stripping differ"
            );
            assert!(!text.contains("#[cfg(test)]"), "{name}");
            assert!(!text.contains("sources"), "{name}: the `sources` module stays in the runtime's crate");
        }
    }
}

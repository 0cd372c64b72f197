//! The hand-written runtime (`templates/src`), embedded into every generated crate.
//!
//! The files are compiled and tested as the `templates` crate; here their text is
//! parsed, their `#[cfg(test)]` items dropped, and the result spliced in as the
//! generated crate's `runtime` module.

use syn::{Attribute, Item};

/// `(module name, source text)` of every runtime file, `lib.rs` first as `mod`.
const FILES: &[(&str, &str)] = &[
    ("mod", include_str!("../../templates/src/lib.rs")),
    ("duration", include_str!("../../templates/src/duration.rs")),
    ("error", include_str!("../../templates/src/error.rs")),
    ("flags", include_str!("../../templates/src/flags.rs")),
    ("json", include_str!("../../templates/src/json.rs")),
    ("operation", include_str!("../../templates/src/operation.rs")),
    ("wire_enum", include_str!("../../templates/src/wire_enum.rs")),
];

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

fn is_test_only(item: &Item) -> bool {
    let attrs: &[Attribute] = match item {
        Item::Mod(m) => &m.attrs,
        Item::Fn(f) => &f.attrs,
        Item::Use(u) => &u.attrs,
        Item::Impl(i) => &i.attrs,
        _ => return false,
    };
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Meta>().is_ok_and(|m| m.path().is_ident("test")))
}

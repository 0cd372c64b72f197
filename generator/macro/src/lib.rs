//! `generate!`: the code `wiretype` generates from an OpenAPI description, expanded where
//! the macro stands, the same items a build script writes for `include!`.
//!
//! ```ignore
//! // src/lib.rs (the crate root: the code names itself `crate::`)
//! wiretype_macro::generate!("openapi.yaml");
//!
//! // or with settings, each optional:
//! wiretype_macro::generate!(
//!     "specs/api.yaml",
//!     config = "specs/api.config.yaml",   // include/exclude/rename (default: `<spec>.config.yaml` beside it)
//!     facts = "specs/api.facts.yaml",     // permissions and clouds per operation
//!     overlays = ["specs/fix.yaml"],      // Overlay 1.0.0 documents, in order
//!     cli = true,                         // `cli::main()` behind the feature `cli`
//!     crate_path = "my_api",              // how doc examples name the code (default: this crate)
//!     root = "Api",                       // the request builders' root type
//!     client_method = "beta",             // builders start at `client.beta()`
//! );
//! ```
//!
//! Paths are relative to the crate's `Cargo.toml`; every file read is tracked, so an edit
//! expands the macro again. The crate's `Cargo.toml` needs the dependencies and features
//! the code uses (`wiretype deps` prints them; the macro names any that are missing). A
//! problem in the description is a compile error at its path, with the file, the JSON
//! pointer and a hint:
//!
//! ```text
//! error: openapi.yaml: error: #/paths/~1pets/get/responses/200/content/application~1json/schema/$ref: reference `#/components/schemas/Pets` points at nothing
//!          hint: check the spelling of the component name and its section
//!  --> src/lib.rs:1:26
//!   |
//! 1 | wiretype_macro::generate!("openapi.yaml");
//!   |                          ^^^^^^^^^^^^^^
//! ```

/// Expands to the models, operations, request builders, runtime (and, with `cli = true`,
/// the command line) generated from the description. See the crate's documentation.
#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    wiretype::expand::expand(input.into()).into()
}

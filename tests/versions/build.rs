//! Generates each hand-written description of another version than 3.0 into `OUT_DIR`, as
//! one file with its runtime, for the test that includes it.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let specs = manifest.join("../specs");
    for (spec, file) in [
        ("openapi-3.1.yaml", "openapi_3_1.rs"),
        ("openapi-3.2.yaml", "openapi_3_2.rs"),
        ("swagger-2.0.yaml", "swagger_2_0.rs"),
    ] {
        let path = specs.join(spec);
        println!("cargo:rerun-if-changed={}", path.display());
        let config = wiretype::config::Config::default();
        let generated = wiretype::generate_file(&path, &config).unwrap_or_else(|errors| {
            let shown: Vec<String> = errors.iter().map(|e| e.report(&path.display().to_string())).collect();
            panic!("{}", shown.join("\n"))
        });
        let code = wiretype::emit::package::single_file(&generated.rendered, true).unwrap_or_else(|e| panic!("{e}"));
        if let Err(message) = wiretype::build::write_if_changed(&out.join(file), &code) {
            panic!("{message}");
        }
    }
}

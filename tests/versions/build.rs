//! Generates each hand-written description of another version than 3.0 into `OUT_DIR`, as
//! one file with its runtime, for the test that includes it.

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let specs = manifest.join("../specs");
    for (spec, file) in [
        ("openapi-3.1.yaml", "openapi_3_1.rs"),
        ("openapi-3.2.yaml", "openapi_3_2.rs"),
        ("swagger-2.0.yaml", "swagger_2_0.rs"),
        ("values.yaml", "values.rs"),
        ("liberal/openapi.yaml", "liberal.rs"),
    ] {
        // As a user's build script does it (and without the config or facts of another
        // description: none lies beside these).
        if let Err(message) = wiretype::build::Build::new(specs.join(spec)).file(file).generate() {
            eprintln!("{message}");
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}

//! The guide's example API, generated as a user's build script does (`docs/openapi.yaml`
//! into `OUT_DIR/openapi.rs`), for the doc-tests that `include!` it.

fn main() -> std::process::ExitCode {
    wiretype::build::Build::new("openapi.yaml").run()
}

//! The command line of the synchronization API, beta (`cargo run -p generated --features cli,beta --bin generated-beta -- --help`).

fn main() -> std::process::ExitCode {
    generated::beta::cli::run_as("generated-beta")
}

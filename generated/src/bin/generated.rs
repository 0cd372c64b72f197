//! The command line of the synchronization API, v1.0 (`cargo run -p generated --features cli -- --help`).

fn main() -> std::process::ExitCode {
    generated::cli::main()
}

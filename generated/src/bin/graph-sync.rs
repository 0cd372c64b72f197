//! The command line of the synchronization API, v1.0 (`cargo run -p graph-sync --features cli -- --help`).

fn main() -> std::process::ExitCode {
    graph_sync::cli::main()
}

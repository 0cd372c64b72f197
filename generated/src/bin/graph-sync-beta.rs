//! The command line of the synchronization API, beta (`cargo run -p graph-sync --features cli,beta --bin graph-sync-beta -- --help`).

fn main() -> std::process::ExitCode {
    graph_sync::beta::cli::run_as("graph-sync-beta")
}

//! `cargo wiretype …`: the `wiretype` command line as a cargo subcommand.

// The generator allocates millions of small token strings; glibc malloc was a third of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    wiretype::command::main(std::env::args_os())
}

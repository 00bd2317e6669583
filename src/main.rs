//! The `newsgraph` binary: parse the arguments, run, and turn the outcome
//! into an exit code (0 success, 1 failure, 2 usage error). A closed pipe
//! (`newsgraph export | head`) is not an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc for the whole process: a build allocates and frees millions of
/// small strings across threads, where it spends ~10 % less CPU than the
/// system allocator. Its `override` feature makes it C's `malloc` too, which
/// this needs: Oxigraph frees RocksDB's C error strings with the Rust
/// allocator (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let broken_pipe = error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

//! The `newsgraph` binary: parse the arguments, run, and turn the outcome
//! into an exit code (0 success, 1 failure, 2 usage error, whether clap or a
//! runner found it). A closed pipe (`newsgraph export | head`) is not an
//! error. `--color` is settled here, once for the process: clap's help and
//! errors and the `error:` printed here all follow it.

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
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    set_color(cli::color_in(&arguments));
    let cli = match cli::Cli::try_parse_from(arguments) {
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
    set_color(cli.color());
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(usage) = error.downcast_ref::<cli::UsageError>() {
                let _ = usage.to_clap().print();
                return ExitCode::from(2);
            }
            let broken_pipe = error.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            let style = clap::builder::styling::AnsiColor::Red.on_default().bold();
            anstream::eprintln!("{style}error:{style:#} {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Makes `choice` the process's colour choice. Clap's `auto` and anstream's
/// streams read it; `auto` colours a terminal unless NO_COLOR is set.
fn set_color(choice: clap::ColorChoice) {
    let choice = match choice {
        clap::ColorChoice::Always => anstream::ColorChoice::Always,
        clap::ColorChoice::Never => anstream::ColorChoice::Never,
        clap::ColorChoice::Auto => anstream::ColorChoice::Auto,
    };
    choice.write_global();
}

//! Glue: parse the command line, run it, map errors to one line and an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let broken_pipe = err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("vraagbaak: {err:#}");
            let usage = err.chain().any(|e| {
                e.downcast_ref::<vraagbaak::Error>()
                    .is_some_and(vraagbaak::Error::is_usage)
            });
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

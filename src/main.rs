//! Glue: parse the command line, run it, map errors to one line and an exit code.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: indexing allocates and frees millions of
/// small strings and postings buffers from several threads at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A clap error as one line: `invalid value 'x' for '--part <PART>' [possible values: ...]`.
fn one_line(err: &clap::Error) -> String {
    let text = err.render().to_string();
    text.lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:"))
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("; ")
}

fn main() -> ExitCode {
    // The PDF worker is vraagbaak itself, started by the indexer: not a user's command.
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(vraagbaak::pdf::worker::SUBCOMMAND) {
        return vraagbaak::pdf::worker::run(&args[2..]);
    }
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err)
            if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            let _ = err.print();
            return ExitCode::from(2);
        }
        Err(err) if err.use_stderr() => {
            eprintln!("vraagbaak: {} (see --help)", one_line(&err));
            return ExitCode::from(2);
        }
        Err(err) => {
            // --help and --version
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
    };
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let broken_pipe = err.chain().any(|e| {
                let io = e
                    .downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| {
                        e.downcast_ref::<vraagbaak::Error>()
                            .and_then(vraagbaak::Error::io_kind)
                    });
                let json = e
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind);
                io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
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

//! The text vraagbaak lays out of a PDF, as the parser gets it (pages marked with a
//! `--- page N ---` line), to compare with `pdftotext`:
//!
//!     cargo run --release --example pdftext -- FILE.pdf
//!
//! Reads in this process (no worker): for files you trust.

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdftext FILE.pdf");
        return std::process::ExitCode::from(2);
    };
    match vraagbaak::pdf::extract_file(std::path::Path::new(&path)) {
        Ok(e) => {
            let starts = &e.laid.page_starts;
            for (n, &s) in starts.iter().enumerate() {
                let end = starts.get(n + 1).copied().unwrap_or(e.laid.text.len());
                println!("--- page {} ---", n + 1);
                println!("{}", e.laid.text[s..end].trim_end());
            }
            std::process::ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("pdftext: {path}: {reason}");
            std::process::ExitCode::FAILURE
        }
    }
}

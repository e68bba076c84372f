//! The stems vraagbaak gives a word list, to see what a change to the stemmer changes:
//!
//!     cargo run --release --example stems -- ../shared/data/dutch_porter_snowball_voc_stems.tsv > after.tsv
//!
//! Reads one word a line (a first column of tab-separated rows, as the Snowball reference
//! list has it), folds it as the analyzer does and prints `word<TAB>stem`. Diff two runs
//! to list the stems a change moved; `--groups` prints instead each stem that two or more
//! words share, with its words.

use anyhow::{Context, Result};
use clap::Parser;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use vraagbaak::analysis::{DutchStemmer, fold};

#[derive(Parser)]
#[command(about = "Print the stem of every word of a list")]
struct Args {
    /// One word a line (the first tab-separated column)
    words: PathBuf,
    /// Each stem two or more words share, with its words
    #[arg(long)]
    groups: bool,
}

/// One line on stderr and exit code 1 for anything that goes wrong, never a backtrace.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stems: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args = Args::parse();
    let text = std::fs::read_to_string(&args.words)
        .with_context(|| format!("reading {}", args.words.display()))?;
    let stemmer = DutchStemmer::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for line in text.lines() {
        let word = line.split('\t').next().unwrap_or_default().trim();
        if word.is_empty() {
            continue;
        }
        let stem = stemmer.stem(&fold(word)).into_owned();
        if args.groups {
            groups.entry(stem).or_default().push(word);
        } else {
            writeln!(out, "{word}\t{stem}")?;
        }
    }
    for (stem, words) in groups.iter().filter(|(_, w)| w.len() > 1) {
        writeln!(out, "{stem}\t{}", words.join(" "))?;
    }
    Ok(())
}

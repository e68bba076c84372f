//! The compounds vraagbaak splits in a corpus, to judge the cuts by hand:
//!
//!     cargo run --release --example splits -- corpus            # every split word
//!     cargo run --release --example splits -- /tmp/corpus-10k --sample 100 --seed 7
//!
//! Prints how many distinct words were long enough to split, how many were split, and
//! each split word (or a random sample of them) with the known words it was cut into.

use anyhow::{Context, Result};
use clap::Parser;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use vraagbaak::analysis::{compound, fold, parts, words};

#[derive(Parser)]
#[command(about = "List the compounds a corpus holds and how vraagbaak cuts them")]
struct Args {
    /// A folder of documents
    corpus: PathBuf,
    /// Only this many split words, drawn at random
    #[arg(long)]
    sample: Option<usize>,
    /// Seed of the draw
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// One line on stderr and exit code 1 for anything that goes wrong (a missing file, a bad
/// judgment line), never a backtrace.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("splits: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args = Args::parse();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let walk = vraagbaak::source::walk(std::slice::from_ref(&args.corpus), None);
    if let Some(missing) = walk.missing.first() {
        anyhow::bail!("not found: {missing}");
    }
    for file in walk.files {
        let bytes = std::fs::read(&file.path).with_context(|| file.display_path())?;
        let Ok(text) = vraagbaak::source::decode(&bytes) else {
            continue;
        };
        let mut spans = Vec::new();
        for w in words(&text) {
            parts(&text, w, &mut spans);
            for &(from, to) in &spans {
                let f = fold(&text[from..to]);
                if f.len() >= compound::MIN_COMPOUND && f.bytes().all(|b| b.is_ascii_lowercase()) {
                    *counts.entry(f).or_default() += 1;
                }
            }
        }
    }
    let mut split: Vec<(String, Vec<String>)> = Vec::new();
    for word in counts.keys() {
        let mut out = Vec::new();
        compound::split_into(word, &mut out);
        if !out.is_empty() {
            split.push((word.clone(), out));
        }
    }
    let total = split.len();
    if let Some(n) = args.sample {
        // A small xorshift: the same seed draws the same words.
        let mut state = args.seed.max(1);
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in (1..split.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            split.swap(i, j);
        }
        split.truncate(n);
        split.sort();
    }
    let mut out = std::io::stdout().lock();
    let mut write = || -> std::io::Result<()> {
        writeln!(
            out,
            "{} distinct words of {}+ letters, {total} split ({:.1}%)",
            counts.len(),
            compound::MIN_COMPOUND,
            100.0 * total as f64 / counts.len().max(1) as f64
        )?;
        for (word, p) in &split {
            writeln!(out, "{word:<32} {}", p.join(" + "))?;
        }
        Ok(())
    };
    match write() {
        // `| head` closed the pipe: what was wanted is out.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

//! Search quality on the judged query set, per configuration of the analyzer:
//!
//!     cargo run --release --example eval
//!     cargo run --release --example eval -- --details     # per query: misses, unjudged hits
//!     cargo run --release --example eval -- --json
//!
//! Each configuration adds one step to the one before (see `vraagbaak::eval::CONFIGS`).

use anyhow::{Context, Result};
use clap::Parser;
use std::collections::BTreeMap;
use std::path::PathBuf;
use vraagbaak::eval::{self, CONFIGS, ConfigRun, Scores};

#[derive(Parser)]
#[command(about = "Recall@10, nDCG@10 and MRR per analyzer configuration on a judged query set")]
struct Args {
    /// The documents the judgments are about
    #[arg(long, default_value = "tests/fixtures/eval/corpus")]
    corpus: PathBuf,
    /// The judgments: kind<TAB>query<TAB>relevant passages
    #[arg(long, default_value = "tests/fixtures/eval/queries.tsv")]
    queries: PathBuf,
    /// Also list, per query and configuration, relevant passages missed and unjudged hits
    #[arg(long)]
    details: bool,
    /// Everything as JSON
    #[arg(long)]
    json: bool,
}

fn row(name: &str, width: usize, s: &Scores) -> String {
    format!(
        "{name:<width$} {:>9.3} {:>8.3} {:>7.3}",
        s.recall, s.ndcg, s.mrr
    )
}

/// One line on stderr and exit code 1 for anything that goes wrong (a missing file, a bad
/// judgment line), never a backtrace.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args = Args::parse();
    let text = std::fs::read_to_string(&args.queries)
        .with_context(|| format!("reading {}", args.queries.display()))?;
    let judged = eval::parse_judgments(&text)?;
    let work = tempfile::tempdir()?;
    let runs: Vec<ConfigRun> = eval::evaluate(&args.corpus, &judged, &CONFIGS, work.path())?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&runs)?);
        return Ok(());
    }
    println!(
        "{} judged queries over {}\n",
        judged.len(),
        args.corpus.display()
    );
    let width = runs
        .iter()
        .map(|r| r.config.name.chars().count())
        .chain(["configuration".len()])
        .max()
        .unwrap_or(14);
    println!(
        "{:<width$} {:>9} {:>8} {:>7}",
        "configuration", "recall@10", "nDCG@10", "MRR"
    );
    for r in &runs {
        println!("{}", row(r.config.name, width, &r.mean));
    }
    // nDCG@10 per kind of query: where each step helps.
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for j in &judged {
        *kinds.entry(j.kind.as_str()).or_default() += 1;
    }
    print!("\nnDCG@10 by kind     ");
    for r in &runs {
        print!(
            " {:>w$}",
            r.config.name,
            w = r.config.name.chars().count().max(6)
        );
    }
    println!();
    for (kind, n) in &kinds {
        print!("{:<19} ", format!("{kind} ({n})"));
        for r in &runs {
            let scores: Vec<Scores> = r
                .queries
                .iter()
                .filter(|q| q.kind == *kind)
                .map(|q| q.scores)
                .collect();
            let w = r.config.name.chars().count().max(6);
            print!(" {:>w$.3}", eval::mean(&scores).ndcg);
        }
        println!();
    }
    if args.details {
        for r in &runs {
            println!("\n== {}", r.config.name);
            for q in &r.queries {
                println!(
                    "{:<40} nDCG {:.2}  missed [{}]  unjudged [{}]{}",
                    format!("{} `{}`", q.kind, q.query),
                    q.scores.ndcg,
                    q.missed.join(" "),
                    q.unjudged.join(" "),
                    if q.notices.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", q.notices.join("; "))
                    }
                );
            }
        }
    }
    Ok(())
}

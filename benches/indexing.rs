//! Indexing benchmark: generates N synthetic documents (FORMAT.md layout, fictional
//! people), then times the release binary: a full build, a run with nothing changed, and
//! a run after changing 1% of the files. Prints medians of several runs.
//!
//!     cargo bench --bench indexing -- --docs 20000 --runs 3
//!     cargo bench --bench indexing -- --docs 20000 --dir /tmp/bench-20k   (keep the corpus)

use vraagbaak_synth as synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Args {
    docs: usize,
    runs: usize,
    dir: Option<PathBuf>,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        docs: 20_000,
        runs: 3,
        dir: None,
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--docs" => a.docs = value()?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--runs" => a.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--dir" => a.dir = Some(PathBuf::from(value()?)),
            "--bench" => {}
            other => {
                return Err(format!(
                    "unknown argument {other}; use --docs N --runs R --dir DIR --seed S"
                ));
            }
        }
    }
    Ok(a)
}

/// Peak resident memory of the largest child so far, in MB.
fn children_peak_mb() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc == 0 {
        usage.ru_maxrss as f64 / 1024.0
    } else {
        f64::NAN
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Runs `vraagbaak index`; seconds and the summary.
fn index(root: &Path, extra: &[&str]) -> (f64, serde_json::Value) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_vraagbaak"))
        .current_dir(root)
        .args(["--index", "index", "index", "--quiet", "--json"])
        .args(extra)
        .arg("corpus")
        .output()
        .expect("run vraagbaak");
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (secs, serde_json::from_slice(&out.stdout).expect("summary"))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("indexing bench: {e}");
            std::process::exit(2);
        }
    };
    let temp = tempfile::tempdir().expect("temp dir");
    let root = a.dir.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let corpus = root.join("corpus");
    if !corpus.is_dir() {
        let t = Instant::now();
        synth::write_corpus(&corpus, a.docs, a.seed).expect("write corpus");
        eprintln!(
            "generated {} documents in {:.1} s",
            a.docs,
            t.elapsed().as_secs_f64()
        );
    }
    let bytes: u64 = walk_bytes(&corpus);

    let mut full = Vec::new();
    for _ in 0..a.runs.max(1) {
        let (secs, summary) = index(&root, &["--rebuild"]);
        // Every file gives one question (a reused --dir may hold other files than --docs).
        assert_eq!(
            summary["questions_total"], summary["files_seen"],
            "{summary}"
        );
        full.push(secs);
    }
    let peak = children_peak_mb();
    let size = dir_bytes(&root.join("index"));

    let mut nothing = Vec::new();
    let mut one_percent = Vec::new();
    let changed = (a.docs / 100).max(1);
    for run in 0..a.runs.max(1) {
        nothing.push(index(&root, &[]).0);
        // Change 1% of the files: a sentence more in the answer.
        for i in (0..a.docs).step_by(a.docs / changed).take(changed) {
            let (rel, text) = synth::document(i, a.seed);
            let path = corpus.join(rel);
            std::fs::write(
                &path,
                format!("{text}\nAanvulling {run}: de cijfers worden jaarlijks bijgewerkt.\n"),
            )
            .expect("change a file");
        }
        let (secs, summary) = index(&root, &[]);
        assert_eq!(
            summary["updated"].as_u64(),
            Some(changed as u64),
            "{summary}"
        );
        one_percent.push(secs);
    }

    let full_s = median(full.clone());
    let inc_s = median(one_percent.clone());
    println!(
        "vraagbaak indexing benchmark: {} documents, {:.1} MB of text, {} runs each (median)",
        a.docs,
        bytes as f64 / 1e6,
        a.runs
    );
    println!(
        "  machine: {} cores",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "  full build             {:>8.2} s   ({:.0} documents/s)   runs: {:?}",
        full_s,
        a.docs as f64 / full_s,
        rounded(&full)
    );
    println!(
        "  index size             {:>8.1} MB  ({:.2}x the text)",
        size as f64 / 1e6,
        size as f64 / bytes as f64
    );
    println!("  peak memory (full)     {:>8.0} MB", peak);
    println!(
        "  nothing changed        {:>8.2} s   runs: {:?}",
        median(nothing.clone()),
        rounded(&nothing)
    );
    println!(
        "  1% changed ({changed} files) {:>6.2} s   ({:.1}% of a full build)   runs: {:?}",
        inc_s,
        100.0 * inc_s / full_s,
        rounded(&one_percent)
    );
}

fn rounded(xs: &[f64]) -> Vec<f64> {
    xs.iter().map(|x| (x * 100.0).round() / 100.0).collect()
}

fn walk_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

//! Sync benchmark: the stand-in of the open-data service (`tests/it/standin.rs`) on
//! loopback serves N questions (records and PDFs of our own making, four in five with a
//! PDF), and the release binary syncs them with no pace: a first run into an empty
//! corpus, a second with nothing new; then `vraagbaak index` on the same files, for
//! comparison. Prints medians of several runs, the requests and the peak memory.
//!
//!     cargo bench --bench sync -- --docs 2000 --runs 3

#[allow(dead_code)]
#[path = "../tests/it/standin.rs"]
mod standin;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
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

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

/// Runs the binary in `root`; seconds and its JSON.
fn run(root: &Path, args: &[&str]) -> (f64, serde_json::Value) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_vraagbaak"))
        .current_dir(root)
        .args(args)
        .output()
        .expect("run vraagbaak");
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (secs, serde_json::from_slice(&out.stdout).expect("json"))
}

fn main() {
    let docs = arg("--docs", 2000);
    let runs = arg("--runs", 3).max(1);
    let first = time::Date::from_calendar_date(2023, time::Month::January, 2).expect("date");
    // About eight a day, as the parliament publishes them.
    let items = standin::items(docs, first, 0)
        .into_iter()
        .enumerate()
        .map(|(i, mut item)| {
            item.published = first + time::Duration::days(i as i64 / 8);
            item
        })
        .collect();
    let s = standin::StandIn::start(standin::Service::new(items));
    let sync = |root: &Path| {
        run(
            root,
            &[
                "sync",
                "--corpus",
                "corpus",
                "--api",
                &s.base,
                "--since",
                "2023-01-01",
                "--until",
                "2026-12-31",
                "--pace",
                "0",
                "--no-index",
                "--quiet",
                "--json",
            ],
        )
    };
    let (mut first_runs, mut again_runs, mut index_runs) = (Vec::new(), Vec::new(), Vec::new());
    let (mut requests, mut again_requests, mut fetched) = (0, 0, 0);
    for _ in 0..runs {
        let temp = tempfile::tempdir().expect("temp");
        let root = temp.path();
        let (secs, report) = sync(root);
        requests = report["sync"]["requests"].as_u64().unwrap_or(0);
        fetched = report["sync"]["documents_fetched"].as_u64().unwrap_or(0);
        assert_eq!(report["sync"]["new"], docs as u64, "{report}");
        first_runs.push(secs);
        let (secs, report) = sync(root);
        again_requests = report["sync"]["requests"].as_u64().unwrap_or(0);
        again_runs.push(secs);
        let (secs, report) = run(
            root,
            &["--index", "index", "index", "--quiet", "--json", "corpus"],
        );
        assert_eq!(report["questions_total"], docs as u64, "{report}");
        index_runs.push(secs);
    }
    println!(
        "sync of {docs} questions from the stand-in on loopback, no pace, {runs} runs (medians)"
    );
    println!(
        "  first sync      {:>7.2} s   {requests} requests ({fetched} PDFs)",
        median(first_runs)
    );
    println!(
        "  nothing new     {:>7.2} s   {again_requests} requests (the listing only)",
        median(again_runs)
    );
    println!("  index the files {:>7.2} s", median(index_runs));
    println!(
        "  peak memory     {:>7.0} MB (the largest child)",
        children_peak_mb()
    );
}

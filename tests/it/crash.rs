//! Crash safety and concurrency with a real indexing process: killed at several points,
//! interrupted with Ctrl-C, searched while it runs, raced by a second writer.

use crate::util::binary;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vraagbaak::index::Store;
use vraagbaak::search::{SearchRequest, search};
use vraagbaak_synth as synth;

const DOCS: usize = 2000;

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    synth::write_corpus(&dir.path().join("corpus"), DOCS, 7).expect("corpus");
    dir
}

fn spawn_index(root: &Path, index: &str, commit_every: u32) -> Child {
    Command::new(binary())
        .current_dir(root)
        .args(["--index", index, "index", "--quiet", "--commit-every"])
        .arg(commit_every.to_string())
        .arg("corpus")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vraagbaak index")
}

/// What an index holds, for comparing two of them: every question as stored, and the
/// number of passages each of a few queries matches.
type Fingerprint = (Vec<(String, String)>, Vec<usize>);

fn fingerprint(index: &Path) -> Fingerprint {
    let store = Store::open(index).expect("open");
    // Every passage (a query of an exclusion only starts from all of them), with its
    // question's meta.
    let session = vraagbaak::Session::open(&store).expect("session");
    let mut questions = Vec::new();
    session
        .search_each(&SearchRequest::new("-qqqzzz"), |hit| {
            let meta = serde_json::to_string(&hit.meta).expect("meta");
            questions.push((
                hit.meta.doc_id.clone(),
                format!("{meta} {} {:?} {}", hit.part, hit.label, hit.passage),
            ));
            Ok(())
        })
        .expect("every passage");
    questions.sort();
    let totals = [
        "beroepsgeheim",
        "gemeenten",
        "\"lokale besturen\"",
        "leerkrachten -scholen",
        "provincie OR kinderen",
    ]
    .iter()
    .map(|q| {
        search(&store, &SearchRequest::new(*q))
            .expect("search")
            .total
    })
    .collect();
    (questions, totals)
}

/// Runs `vraagbaak index` to the end, as the user would after a crash; its summary.
fn finish(root: &Path, index: &str) -> serde_json::Value {
    let out = Command::new(binary())
        .current_dir(root)
        .args(["--index", index, "index", "--quiet", "--json", "corpus"])
        .output()
        .expect("vraagbaak index");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("summary JSON")
}

#[test]
fn a_killed_indexer_leaves_a_readable_index_and_the_next_run_finishes_the_job() {
    let dir = corpus();
    let root = dir.path();
    let clean = finish(root, "clean");
    assert_eq!(clean["questions_total"], DOCS);
    let want = fingerprint(&root.join("clean"));

    let mut killed_mid_run = 0;
    for (k, delay_ms) in [150u64, 600, 1500].into_iter().enumerate() {
        let index = format!("killed-{k}");
        let mut child = spawn_index(root, &index, 150);
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().expect("poll").is_none() {
            killed_mid_run += 1;
        }
        child.kill().expect("SIGKILL"); // SIGKILL on Unix: no chance to clean up
        let _ = child.wait();

        // Whatever the moment, the index is readable at its last commit.
        if vraagbaak::index::exists(&root.join(&index)) {
            let store = Store::open(&root.join(&index)).expect("readable after a kill");
            let r =
                search(&store, &SearchRequest::new("gemeenten")).expect("searchable after a kill");
            assert!(r.total <= want.1[1]);
        }
        let r = finish(root, &index);
        assert_eq!(r["questions_total"], DOCS, "kill at {delay_ms} ms");
        assert_eq!(
            fingerprint(&root.join(&index)),
            want,
            "kill at {delay_ms} ms: differs from a clean build"
        );
    }
    assert!(
        killed_mid_run >= 2,
        "the runs finished before they could be killed"
    );
}

#[test]
fn ctrl_c_commits_what_is_done() {
    let dir = corpus();
    let root = dir.path();
    let mut child = spawn_index(root, "idx", 100);
    // Wait until the index exists, then interrupt well before the end.
    let started = Instant::now();
    while !vraagbaak::index::exists(&root.join("idx"))
        && started.elapsed() < Duration::from_secs(30)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let running = child.try_wait().expect("poll").is_none();
    assert!(running, "the run ended before it could be interrupted");
    let pid = child.id().to_string();
    let _ = Command::new("kill").args(["-INT", &pid]).status();
    let out = child.wait_with_output().expect("wait");
    if running {
        assert_eq!(
            out.status.code(),
            Some(130),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
        let store = Store::open(&root.join("idx")).expect("open");
        let done = search(&store, &SearchRequest::new("gemeenten"))
            .expect("search")
            .total;
        assert!(done > 0, "what was done is committed");
    }
    let r = finish(root, "idx");
    assert_eq!(r["questions_total"], DOCS);
    assert!(
        r["unchanged"].as_u64() > Some(0) || !running,
        "the next run picks up where it stopped"
    );
}

#[test]
fn search_works_and_a_second_writer_is_refused_while_indexing_runs() {
    let dir = corpus();
    let root = dir.path();
    let mut first = spawn_index(root, "idx", 100);
    let index = root.join("idx");
    // Wait until the first writer holds the lock and has committed something.
    let started = Instant::now();
    while !(index.join("writer.json").exists() && vraagbaak::index::exists(&index)) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the indexer never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut searched = 0;
    let mut refused = false;
    while first.try_wait().expect("poll").is_none() {
        let out = Command::new(binary())
            .current_dir(root)
            .args(["--index", "idx", "search", "gemeenten", "--json"])
            .output()
            .expect("search");
        assert!(
            out.status.success(),
            "search during indexing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        searched += 1;
        if !refused {
            let second = Command::new(binary())
                .current_dir(root)
                .args(["--index", "idx", "index", "--quiet", "corpus"])
                .output()
                .expect("second writer");
            if first.try_wait().expect("poll").is_none() {
                assert_eq!(second.status.code(), Some(1));
                let err = String::from_utf8_lossy(&second.stderr);
                assert!(
                    err.contains("being written by another `vraagbaak index` (process"),
                    "{err}"
                );
                assert_eq!(err.trim().lines().count(), 1, "{err}");
                refused = true;
            }
        }
    }
    let status = first.wait().expect("wait");
    assert!(status.success());
    assert!(
        searched >= 1 && refused,
        "searched {searched} times, refused: {refused}"
    );
}

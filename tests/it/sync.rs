//! `sync` against a stand-in of the open-data service on loopback (`standin.rs`):
//! listing in windows and pages (a window over the cap split), records and PDFs into
//! folders per session, the index finding them; a second run that only lists; a
//! question answered later, a record changed; the faults of a public service survived
//! with nothing half-written; Ctrl-C and a run that finishes the job. No test reaches the
//! internet.

use crate::standin::{Fault, Item, Service, StandIn, items};
use crate::util::{json, vraagbaak_on};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;
use time::macros::date;
use vraagbaak::sync::client::ClientOptions;
use vraagbaak::sync::{self, SyncOptions, SyncReport};

/// Library options for the stand-in: no pace, quick retries, a short time-out.
fn options(corpus: &Path, s: &StandIn) -> SyncOptions {
    let mut o = SyncOptions::new(corpus);
    o.api = s.base.clone();
    o.since = Some(date!(2020 - 01 - 01));
    o.until = Some(date!(2026 - 12 - 31));
    o.client = ClientOptions {
        pace: Duration::ZERO,
        timeout: Duration::from_secs(1),
        backoff: Duration::from_millis(20),
        ..ClientOptions::default()
    };
    o
}

fn run(o: &SyncOptions) -> SyncReport {
    sync::sync(o, Arc::new(AtomicBool::new(false)), &sync::Quiet).expect("sync")
}

/// Every file under `dir`, relative, hidden ones included.
fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

fn stem(i: &Item) -> String {
    format!("{}/sv-{}-{}", i.session, i.number, i.id)
}

/// The requests of the log from `from` on, by kind.
fn kinds(log: &[String], from: usize) -> (usize, usize, usize) {
    let l = &log[from..];
    (
        l.iter().filter(|r| r.starts_with("/api/search/")).count(),
        l.iter().filter(|r| r.starts_with("/e/opendata/")).count(),
        l.iter().filter(|r| r.starts_with("/pfile")).count(),
    )
}

/// `vraagbaak sync` of 2022 to 2026 from the stand-in, no pace: its JSON.
fn sync_cli(index: &Path, corpus: &Path, s: &StandIn) -> serde_json::Value {
    json(
        vraagbaak_on(index)
            .args(["sync", "--corpus"])
            .arg(corpus)
            .args(["--api", &s.base, "--since", "2022-01-01"])
            .args(["--until", "2026-12-31", "--pace", "0", "--json"]),
    )
}

#[test]
fn a_sync_fills_the_corpus_the_index_finds_it_and_a_second_run_only_lists() {
    // 260 questions, one published every four days from 2022 to 2024; a cap of 100 per
    // query, so the whole window is split into months (each under the cap).
    let all = items(260, date!(2022 - 01 - 10), 4);
    let mut service = Service::new(all.clone());
    service.cap = 100;
    let s = StandIn::start(service);
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    let report = sync_cli(&index, &corpus, &s);
    let open: Vec<&Item> = all.iter().filter(|i| !i.document).collect();
    let r = &report["sync"];
    assert_eq!(r["listed"], 260, "{r}");
    assert_eq!(r["new"], 260);
    assert_eq!(r["documents_fetched"], 260 - open.len());
    assert_eq!(r["still_open"], open.len());
    assert_eq!(r["failed"].as_array().map(Vec::len), Some(0), "{r}");
    // Windows over the cap were split: no query was answered past its cap.
    let log = s.log();
    let (listing, records, pdfs) = kinds(&log, 0);
    assert_eq!(
        (records, pdfs),
        (260, 260 - open.len()),
        "each fetched once"
    );
    assert!(
        listing > 3,
        "split into windows: {listing} listing requests"
    );
    // A good citizen: named, and asking for gzip.
    let clients = s.with(|svc| svc.clients.clone());
    assert!(
        clients
            .iter()
            .all(|(agent, gzip)| agent.starts_with("vraagbaak/") && gzip.contains("gzip")),
        "{clients:?}"
    );
    // The files: a record beside each PDF, in a folder per session; nothing hidden but
    // the state.
    let found = files(&corpus);
    for i in &all {
        assert!(found.contains(&format!("{}.json", stem(i))), "{}", stem(i));
        assert_eq!(
            found.contains(&format!("{}.pdf", stem(i))),
            i.document,
            "{}",
            stem(i)
        );
    }
    let hidden: Vec<&String> = found
        .iter()
        .filter(|f| f.contains("/.") || f.starts_with('.'))
        .collect();
    assert_eq!(hidden, [&".vraagbaak-sync".to_string()]);
    // The index: every question, the open ones open, themes and answer dates from the
    // records.
    let idx = &report["index"];
    assert_eq!(idx["questions_total"], 260, "{idx}");
    let listed = |args: &[&str]| -> serde_json::Value {
        json(
            vraagbaak_on(&index)
                .args(["search", "--json", "--limit", "100"])
                .args(args),
        )
    };
    let opened = listed(&["--status", "open"]);
    assert_eq!(opened["total_questions"], open.len());
    let energie = all
        .iter()
        .filter(|i| i.themes.iter().any(|t| t == "Energie"))
        .count();
    assert_eq!(listed(&["--theme", "energie"])["total_questions"], energie);
    let one = &all[7];
    let hit = listed(&["--minister", &one.minister.1, "--topic", &one.topic]);
    let h = &hit["hits"][0];
    assert_eq!(h["number"], one.number, "{hit}");
    assert_eq!(
        h["answered_on"],
        vraagbaak::parse::date::iso(one.answered.expect("answered"))
    );
    assert_eq!(h["session"], one.session.as_str());
    assert_eq!(h["status"], "answered");

    // A second run with nothing new makes only the listing requests.
    let before = s.log().len();
    let report = sync_cli(&index, &corpus, &s);
    let r = &report["sync"];
    assert_eq!(
        (r["new"].as_u64(), r["changed"].as_u64()),
        (Some(0), Some(0)),
        "{r}"
    );
    assert_eq!(r["unchanged"], 260);
    let (listing, records, pdfs) = kinds(&s.log(), before);
    assert_eq!((records, pdfs), (0, 0));
    assert!(listing > 0);
    assert_eq!(files(&corpus), found, "nothing written");

    // An open question is answered (its document comes), another record changes after
    // its answer (a theme added): the next run fetches those two, and each stays one
    // question.
    let (waited, amended) = (open[0].clone(), all[1].clone());
    s.with(|svc| {
        for i in svc.items.iter_mut() {
            if i.id == waited.id {
                i.answered = Some(i.asked + time::Duration::days(20));
                i.document = true;
                i.last_modified = "2026-11-30T09:00:00Z".into();
            }
            if i.id == amended.id {
                i.themes.push("Cultuur".into());
                i.last_modified = "2026-11-30T09:00:00Z".into();
            }
        }
    });
    let before = s.log().len();
    let report = sync_cli(&index, &corpus, &s);
    let r = &report["sync"];
    assert_eq!(r["changed"], 2, "{r}");
    assert_eq!(r["documents_fetched"], 2);
    assert_eq!(r["still_open"], open.len() - 1);
    let (_, records, pdfs) = kinds(&s.log(), before);
    assert_eq!((records, pdfs), (2, 2));
    assert!(corpus.join(format!("{}.pdf", stem(&waited))).is_file());
    let now = listed(&["--topic", &waited.topic]);
    assert_eq!(now["total_questions"], 1, "one question, not two: {now}");
    assert_eq!(now["hits"][0]["status"], "answered");
    assert_eq!(
        listed(&["--status", "open"])["total_questions"],
        open.len() - 1
    );
    assert_eq!(listed(&["--theme", "cultuur"])["total_questions"], 1);
}

#[test]
fn a_later_run_starts_where_the_last_ended_less_the_overlap() {
    let all = items(10, date!(2026 - 09 - 01), 10);
    let s = StandIn::start(Service::new(all.clone()));
    let dir = tempfile::tempdir().expect("temp");
    let mut o = options(&dir.path().join("corpus"), &s);
    o.since = None;
    o.until = None;
    o.today = date!(2026 - 12 - 04);
    let first = run(&o);
    assert!(first.first_run);
    assert_eq!(first.since, "2025-12-04", "a year back");
    assert_eq!(first.new, 10);
    let second = run(&o);
    assert!(!second.first_run);
    assert_eq!(
        second.since, "2026-10-20",
        "45 days before the last run's end"
    );
    let since = all
        .iter()
        .filter(|i| i.published >= date!(2026 - 10 - 20))
        .count();
    assert!(since > 0 && since < 10);
    assert_eq!(second.listed, since, "only what was published since");
    assert_eq!(second.unchanged, since);
    assert_eq!(second.requests, 1, "one listing page, nothing fetched");
}

#[test]
fn the_faults_of_a_public_service_are_survived_and_nothing_is_half_written() {
    let all = items(12, date!(2024 - 03 - 01), 3);
    let mut service = Service::new(all.clone());
    // Two results that name no record: passed over, and said.
    service.unnamed = 2;
    let id = |n: usize| all[n].id;
    // The first listing page: 503 with Retry-After 1; then a page cut short.
    service.fault("list", Fault::Unavailable(1));
    service.fault("list", Fault::Cut);
    // A record that hangs past the time-out, one cut short, one 429.
    service.fault(
        &format!("record:{}", id(0)),
        Fault::Hang(Duration::from_secs(30)),
    );
    service.fault(&format!("record:{}", id(1)), Fault::Cut);
    service.fault(&format!("record:{}", id(2)), Fault::TooMany);
    // A PDF cut short once (then whole), and one that is an HTML page every time.
    service.fault(&format!("pdf:{}", id(3)), Fault::Cut);
    for _ in 0..4 {
        service.fault(&format!("pdf:{}", id(5)), Fault::Html);
    }
    let s = StandIn::start(service);
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    let o = options(&corpus, &s);
    let started = std::time::Instant::now();
    let r = run(&o);
    // Retry-After was honoured: the second listing request came a second later at least.
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(r.new, 12, "{r:?}");
    assert_eq!(r.failed.len(), 2, "{:?}", r.failed);
    assert_eq!(r.failed[0].what, "listing");
    assert!(
        r.failed[0].reason.starts_with("2 results named no record"),
        "{:?}",
        r.failed
    );
    assert_eq!(r.failed[1].what, "document");
    assert_eq!(r.failed[1].id, id(5).to_string());
    assert!(
        r.failed[1].reason.contains("HTML"),
        "{}",
        r.failed[1].reason
    );
    let found = files(&corpus);
    // The HTML page is not kept; the cut PDF came whole on its retry; no part files.
    assert!(!found.contains(&format!("{}.pdf", stem(&all[5]))));
    assert!(found.contains(&format!("{}.json", stem(&all[5]))));
    let pdf = std::fs::read(corpus.join(format!("{}.pdf", stem(&all[3])))).expect("pdf");
    assert_eq!(pdf, all[3].pdf());
    for i in &all[..3] {
        let rec =
            std::fs::read_to_string(corpus.join(format!("{}.json", stem(i)))).expect("record");
        assert_eq!(rec, i.record());
    }
    assert!(!found.iter().any(|f| f.contains(".part-")), "{found:?}");
    // The next run fetches the document that failed, and nothing else.
    s.with(|svc| svc.unnamed = 0);
    let before = s.log().len();
    let r = run(&o);
    assert_eq!(r.failed.len(), 0, "{:?}", r.failed);
    assert_eq!(r.documents_fetched, 1);
    assert_eq!(kinds(&s.log(), before).1, 0);
    assert!(corpus.join(format!("{}.pdf", stem(&all[5]))).is_file());
}

#[test]
fn a_good_file_is_never_replaced_by_a_bad_one_and_limits_hold() {
    let all = items(3, date!(2024 - 03 - 01), 3);
    let s = StandIn::start(Service::new(all.clone()));
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    let o = options(&corpus, &s);
    run(&o);
    let path = corpus.join(format!("{}.pdf", stem(&all[0])));
    let good = std::fs::read(&path).expect("pdf");
    // The record changes, its PDF now comes as an HTML page: the good PDF stays.
    s.with(|svc| {
        svc.items[0].last_modified = "2026-12-01T00:00:00Z".into();
        for _ in 0..4 {
            svc.fault(&format!("pdf:{}", all[0].id), Fault::Html);
        }
    });
    let r = run(&o);
    assert_eq!(r.changed, 1);
    assert_eq!(r.failed.len(), 1);
    assert_eq!(std::fs::read(&path).expect("pdf"), good);
    // A size limit: a PDF over it is refused, not kept.
    let dir2 = tempfile::tempdir().expect("temp");
    let mut small = options(&dir2.path().join("corpus"), &s);
    small.client.max_bytes = 200;
    let r = run(&small);
    assert!(
        r.failed
            .iter()
            .all(|f| f.what == "listing" || f.reason.contains("limit")),
        "{:?}",
        r.failed
    );
    // The request limit: the run stops there, and says so.
    let dir3 = tempfile::tempdir().expect("temp");
    let mut limited = options(&dir3.path().join("corpus"), &s);
    limited.client.max_requests = Some(3);
    let before = s.log().len();
    let r = run(&limited);
    assert!(r.limit_reached);
    assert_eq!(r.requests, 3);
    assert_eq!(s.log().len() - before, 3);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_after_the_file_in_hand_and_the_next_run_finishes() {
    let all = items(40, date!(2024 - 03 - 01), 2);
    let s = StandIn::start(Service::new(all.clone()));
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    let args = |pace: &str| -> Vec<String> {
        [
            "--index",
            index.to_str().expect("utf-8"),
            "sync",
            "--corpus",
            corpus.to_str().expect("utf-8"),
            "--api",
            &s.base,
            "--since",
            "2024-01-01",
            "--until",
            "2024-12-31",
            "--pace",
            pace,
            "--json",
        ]
        .iter()
        .map(|a| a.to_string())
        .collect()
    };
    // Five requests a second: some seconds of work, stopped after ten records.
    let child = std::process::Command::new(crate::util::binary())
        .args(args("5"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start sync");
    let waited = std::time::Instant::now();
    while kinds(&s.log(), 0).1 < 10 {
        assert!(waited.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: a signal to our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(first["sync"]["interrupted"], true);
    let done = first["sync"]["new"].as_u64().expect("new") as usize;
    assert!((10..40).contains(&done), "{done}");
    assert!(PathBuf::from(&corpus).join(".vraagbaak-sync").is_file());
    assert!(!files(&corpus).iter().any(|f| f.contains(".part-")));
    let fetched_first: HashSet<String> = s
        .log()
        .into_iter()
        .filter(|r| r.starts_with("/e/opendata/"))
        .collect();
    // The next run goes on where it stopped: no record twice.
    let before = s.log().len();
    let second = json(assert_cmd::Command::new(crate::util::binary()).args(args("0")));
    assert_eq!(second["sync"]["new"], 40 - done as u64, "{second}");
    assert_eq!(second["sync"]["failed"].as_array().map(Vec::len), Some(0));
    let again: Vec<String> = s.log()[before..]
        .iter()
        .filter(|r| fetched_first.contains(*r))
        .cloned()
        .collect();
    assert!(again.is_empty(), "fetched twice: {again:?}");
    assert_eq!(second["index"]["questions_total"], 40);
}

#[test]
fn a_window_over_the_cap_is_split_and_one_day_over_it_is_reported() {
    // 250 questions a day apart: over a cap of 100, split by month (each under it).
    let s = StandIn::start(Service::new(items(250, date!(2024 - 01 - 01), 1)));
    let dir = tempfile::tempdir().expect("temp");
    let mut o = options(&dir.path().join("corpus"), &s);
    o.cap = 100;
    o.since = Some(date!(2024 - 01 - 01));
    o.until = Some(date!(2024 - 12 - 31));
    let r = run(&o);
    assert_eq!((r.listed, r.new), (250, 250), "{:?}", r.failed);
    assert!(r.failed.is_empty());
    let windows: HashSet<String> = s
        .log()
        .iter()
        .filter(|l| l.starts_with("/api/search/"))
        .map(|l| l.split('?').next().unwrap_or("").to_string())
        .collect();
    assert!(
        windows
            .contains("/api/search/query/inmeta:publicatiedatum:daterange:2024-03-01..2024-03-31")
    );
    // 150 on one day cannot be split: the first 100 are taken, the rest reported.
    let s = StandIn::start(Service::new(items(150, date!(2024 - 05 - 05), 0)));
    let dir = tempfile::tempdir().expect("temp");
    let mut o = options(&dir.path().join("corpus"), &s);
    o.cap = 100;
    s.with(|svc| svc.cap = 100);
    let r = run(&o);
    assert_eq!(r.listed, 100);
    assert_eq!(r.failed.len(), 1, "{:?}", r.failed);
    assert_eq!(r.failed[0].what, "listing");
    assert!(
        r.failed[0]
            .reason
            .contains("150 questions published on one day"),
        "{}",
        r.failed[0].reason
    );
}

#[test]
fn a_server_that_syncs_keeps_its_index_current_and_its_feeds_answer_304() {
    use crate::served::Served;
    use vraagbaak::serve::{ServeOptions, ServeSync};
    let all = items(30, date!(2024 - 03 - 01), 3);
    let s = StandIn::start(Service::new(all.clone()));
    // A server that starts from nothing: an empty corpus, an empty index.
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    vraagbaak::indexing::index_paths(
        &dir.path().join("index"),
        std::slice::from_ref(&corpus),
        &Default::default(),
    )
    .expect("an empty index");
    let options = ServeOptions {
        sync: Some(ServeSync {
            every: Duration::from_secs(3600),
            sync: options(&corpus, &s),
            // The PDF workers are the vraagbaak binary (in-process, this is the tests').
            index: vraagbaak::indexing::IndexOptions {
                pdf: vraagbaak::pdf::Limits {
                    program: Some(crate::util::binary()),
                    ..Default::default()
                },
                ..Default::default()
            },
        }),
        ..ServeOptions::default()
    };
    let served = Served::on(dir, options);
    // The first sync runs at start; the server serves its commit.
    let waited = std::time::Instant::now();
    loop {
        let stats = served.get("/api/stats").json();
        if stats["questions"] == 30 {
            break;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(120),
            "no sync: {stats}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The footer says when it synced and how it went (the page may come before the
    // status is written: wait for it too).
    let waited = std::time::Instant::now();
    let page = loop {
        let page = served.get("/");
        if page.body.contains("Laatst bijgewerkt") {
            break page;
        }
        assert!(waited.elapsed() < Duration::from_secs(60), "{}", page.body);
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(page.body.contains("30 nieuw"), "{}", page.body);
    assert!(page.body.contains("<footer class=\"site\">"));
    let open = served.get("/api/search?status=open").json();
    assert_eq!(
        open["total_questions"],
        all.iter().filter(|i| !i.document).count()
    );

    // Feeds: validators from the commit; a reader with the latest gets a 304.
    let feed = served.get("/feed.atom?minister=claes");
    assert_eq!(feed.status, 200);
    let tag = feed.header("etag").expect("an ETag").to_string();
    let modified = feed
        .header("last-modified")
        .expect("Last-Modified")
        .to_string();
    let again = served.request(
        "GET",
        "/feed.atom?minister=claes",
        &[("If-None-Match", &tag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(tag.as_str()));
    let since = served.request(
        "GET",
        "/feed.atom?minister=claes",
        &[("If-Modified-Since", &modified)],
    );
    assert_eq!(since.status, 304);
    // Another search is another feed; a stale tag gets the feed.
    let other = served.request(
        "GET",
        "/feed.atom?minister=wouters",
        &[("If-None-Match", &tag)],
    );
    assert_eq!(other.status, 200);
    let stale = served.request(
        "GET",
        "/feed.atom?minister=claes",
        &[("If-None-Match", "\"0\"")],
    );
    assert_eq!(stale.status, 200);
    assert!(stale.body.contains("<feed"));
    // A new commit: the old tag no longer matches.
    let more = items(31, date!(2024 - 03 - 01), 3).pop().expect("one more");
    let corpus = served.dir.path().join("corpus");
    std::fs::write(corpus.join("sv-extra.json"), more.record()).expect("write");
    vraagbaak::indexing::index_paths(
        &served.index_dir(),
        std::slice::from_ref(&corpus),
        &Default::default(),
    )
    .expect("index");
    let waited = std::time::Instant::now();
    loop {
        let r = served.request(
            "GET",
            "/feed.atom?minister=claes",
            &[("If-None-Match", &tag)],
        );
        if r.status == 200 {
            assert_ne!(r.header("etag"), Some(tag.as_str()));
            break;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "the new commit is not served"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn bad_arguments_say_what_is_wrong_with_exit_2() {
    let dir = tempfile::tempdir().expect("temp");
    let index = dir.path().join("index");
    for (args, says) in [
        (vec!["--since", "gisteren"], "not a date"),
        (vec!["--api", "ftp://example.org"], "https://"),
        (vec!["--pace=-1"], "requests a second"),
        (vec!["--pace", "snel"], "requests a second"),
        (
            vec!["--since", "2025-01-01", "--until", "2024-01-01"],
            "is after",
        ),
    ] {
        let mut args = args.clone();
        if !args.contains(&"--api") {
            args.extend(["--api", "http://127.0.0.1:9"]);
        }
        let (code, message) = crate::util::failure(
            vraagbaak_on(&index)
                .args(["sync", "--corpus"])
                .arg(dir.path().join("corpus"))
                .args(&args),
        );
        assert_eq!(code, 2, "{args:?}: {message}");
        assert!(message.contains(says), "{args:?}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "{message}");
    }
    // No service at the address: the listing fails, said in a line, exit 1.
    let (code, message) = crate::util::failure(
        vraagbaak_on(&index)
            .args(["sync", "--corpus"])
            .arg(dir.path().join("corpus"))
            .args(["--api", "http://127.0.0.1:9", "--since", "2024-01-01"])
            .args([
                "--until",
                "2024-01-31",
                "--pace",
                "0",
                "--timeout",
                "1",
                "--tries",
                "1",
            ])
            .arg("--no-index"),
    );
    assert_eq!(code, 1, "{message}");
    assert!(message.contains("failed"), "{message}");
}

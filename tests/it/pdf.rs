//! PDFs: the fixtures of tests/fixtures/pdf (made by make_pdfs.py from its sources, by
//! groff, LibreOffice and Chromium; a hostile set) read through the worker, against
//! what manifest.json says each must give.

use crate::util::{binary, json, stdout, vraagbaak_on};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vraagbaak::index;
use vraagbaak::indexing::{self, IndexOptions};
use vraagbaak::model::Question;
use vraagbaak::pdf::{self, Extractor, Limits};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

fn limits() -> Limits {
    Limits {
        program: Some(binary()),
        ..Limits::default()
    }
}

fn options() -> IndexOptions {
    IndexOptions {
        pdf: limits(),
        ..IndexOptions::default()
    }
}

/// The questions of one PDF, read as `index` reads it.
fn questions_of(path: &Path) -> Vec<Question> {
    let mut x = Extractor::new(limits());
    let e = x
        .extract(&std::fs::read(path).expect("read"))
        .unwrap_or_else(|r| panic!("{}: {r}", path.display()));
    let mut qs = vraagbaak::parse::parse_document(&e.laid.text, "x.pdf", "x")
        .unwrap_or_else(|r| panic!("{}: {r}", path.display()));
    pdf::assign_pages(&e.laid, &mut qs);
    qs
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(fixtures().join("manifest.json")).expect("manifest");
    serde_json::from_str(&text).expect("manifest json")
}

/// The expected questions of the source a PDF was made from (`vraag-0412.groff.pdf` is
/// made from `vraag-0412.txt`).
fn expected_for(pdf: &Path) -> Vec<Value> {
    let stem = pdf
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('.').next())
        .expect("name");
    manifest()
        .into_iter()
        .find(|m| m["source"] == format!("{stem}.txt"))
        .and_then(|m| m["questions"].as_array().cloned())
        .unwrap_or_else(|| panic!("no source for {}", pdf.display()))
}

/// 1 less the edit distance over the longer length, white space collapsed and the
/// typographic apostrophe folded (the printed form is kept, and groff prints `’`).
fn similarity(a: &str, b: &str) -> f64 {
    let norm = |s: &str| -> Vec<char> {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('’', "'")
            .chars()
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    1.0 - prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

/// A temporary folder with `corpus/` holding copies of these fixture files (paths under
/// tests/fixtures/pdf).
fn corpus_of(files: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("dir");
    for f in files {
        let p = fixtures().join(f);
        std::fs::copy(&p, corpus.join(p.file_name().expect("name"))).expect("copy");
    }
    (dir, corpus)
}

fn docs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures().join("docs"))
        .expect("docs")
        .map(|e| e.expect("entry").path())
        .collect();
    out.sort();
    out
}

#[test]
fn the_fixtures_come_from_three_producers_in_both_layouts() {
    let names: Vec<String> = docs()
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
        .collect();
    for producer in [".groff.", ".lo.", ".chromium."] {
        assert!(names.iter().any(|n| n.contains(producer)), "{producer}");
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("bulletin") && n.contains(".groff."))
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("bulletin") && n.contains(".chromium."))
    );
}

#[test]
fn every_fixture_pdf_gives_every_field_and_its_text() {
    for path in docs() {
        let got = questions_of(&path);
        let want = expected_for(&path);
        assert_eq!(got.len(), want.len(), "{}", path.display());
        for (g, w) in got.iter().zip(&want) {
            let at = format!("{} nr. {}", path.display(), w["number"]);
            assert_eq!(g.meta.number.map(u64::from), w["number"].as_u64(), "{at}");
            assert_eq!(
                g.meta
                    .asker
                    .as_deref()
                    .map(|a| a.replace('’', "'"))
                    .as_deref(),
                w["asker"].as_str(),
                "{at}"
            );
            for (field, value) in [
                ("minister", &g.meta.minister),
                ("portfolio", &g.meta.portfolio),
                ("date", &g.meta.date),
                ("topic", &g.meta.topic),
            ] {
                assert_eq!(value.as_deref(), w[field].as_str(), "{at}: {field}");
            }
            for (field, value) in [
                ("question", Some(&g.question)),
                ("answer", g.answer.as_ref()),
            ] {
                let value = value.map(String::as_str).unwrap_or("");
                let want = w[field].as_str().unwrap_or("");
                let s = similarity(value, want);
                assert!(s >= 0.99, "{at}: {field} {s:.3}\n{value}\n---\n{want}");
            }
        }
    }
}

#[test]
fn a_bulletin_in_two_columns_keeps_each_text_under_its_question_and_minister() {
    for path in docs()
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("bulletin"))
    {
        let got = questions_of(&path);
        let numbers: Vec<u32> = got.iter().filter_map(|q| q.meta.number).collect();
        assert_eq!(numbers, vec![101, 102, 103, 204, 205], "{}", path.display());
        for q in &got {
            // Each answer names its own figure (`In 2005 werden 10N aanvragen`), also
            // where it runs on into the next column or page.
            let n = q.meta.number.expect("number");
            let answer = q.answer.as_deref().unwrap_or("");
            assert!(
                answer.contains(&format!("werden {} aanvragen", 100 + n)),
                "{}: {n}: {answer}",
                path.display()
            );
            let minister = if n < 200 {
                "Jan Vermeersch"
            } else {
                "Liesbet De Mey"
            };
            assert_eq!(q.meta.minister.as_deref(), Some(minister));
        }
    }
}

#[test]
fn passages_know_their_page() {
    for path in docs() {
        let got = questions_of(&path);
        let mut last = 1;
        for q in &got {
            for p in &q.passages {
                let page = p
                    .page
                    .unwrap_or_else(|| panic!("{}: no page", path.display()));
                assert!(page >= last, "{}: pages go back", path.display());
                last = page;
            }
        }
        if path.to_string_lossy().contains("bulletin") {
            // The bulletin runs over more than one page, and its last question is on a
            // later page than its first.
            assert!(last > 1, "{}", path.display());
        }
    }
    // A text file's passages have none.
    let qs = vraagbaak::parse::parse_document(
        &std::fs::read_to_string(fixtures().join("sources/vraag-0412.txt")).expect("source"),
        "x.txt",
        "x",
    )
    .expect("parse");
    assert!(qs[0].passages.iter().all(|p| p.page.is_none()));
}

#[test]
fn a_restricted_pdf_reads_like_any_other() {
    let open = questions_of(&fixtures().join("docs/vraag-0412.groff.pdf"));
    let path = fixtures().join("docs/vraag-0412.restricted.pdf");
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        bytes.windows(8).any(|w| w == b"/Encrypt"),
        "the fixture is encrypted"
    );
    let restricted = questions_of(&path);
    assert_eq!(open, restricted);
}

#[test]
fn every_hostile_file_is_skipped_with_its_reason_and_the_run_goes_on() {
    let mut files: Vec<String> = std::fs::read_dir(fixtures().join("other/hostile"))
        .expect("hostile")
        .map(|e| {
            let name = e.expect("entry").file_name();
            format!("other/hostile/{}", name.to_string_lossy())
        })
        .collect();
    files.extend([
        "other/needs-a-password.pdf".into(),
        "docs/vraag-0977.lo.PDF".into(),
    ]);
    let (dir, corpus) = corpus_of(&files.iter().map(String::as_str).collect::<Vec<_>>());
    // No time limit decides here (a debug build on a busy machine reads the 2,000 pages
    // slowly): the limit is tested with a reader that hangs on purpose.
    let opts = IndexOptions {
        pdf: Limits {
            memory_mib: 1024,
            time: Duration::from_secs(3600),
            ..limits()
        },
        ..options()
    };
    let report = indexing::index_paths(&dir.path().join("index"), &[corpus], &opts).expect("index");
    let reason = |name: &str| -> String {
        report
            .skipped
            .iter()
            .find(|s| s.path.ends_with(name))
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{name} not skipped: {:?}", report.skipped))
    };
    assert_eq!(reason("error-page.pdf"), "not a PDF (HTML page)");
    assert_eq!(reason("empty.pdf"), "empty file");
    assert!(reason("truncated.pdf").starts_with("damaged PDF"));
    assert_eq!(reason("zero-pages.pdf"), "no pages");
    assert!(reason("self-drawing-form.pdf").starts_with("PDF reader crashed"));
    assert_eq!(
        reason("inflates-to-half-a-gigabyte.pdf"),
        "over the memory limit (1024 MiB)"
    );
    assert_eq!(
        reason("needs-a-password.pdf"),
        "encrypted: needs a password"
    );
    // 2,000 pages are read (bounded memory); they hold no question.
    assert_eq!(reason("two-thousand-pages.pdf"), "no question found");
    // The one good file among them is indexed, found by the walk as `.PDF`.
    assert_eq!(report.questions_total, 1);
    assert_eq!(report.pdfs_read, 9);
}

#[test]
fn a_scan_is_skipped_with_a_hint_or_recognised_by_tesseract() {
    let scan = std::fs::read(fixtures().join("other/scan-of-a-question.pdf")).expect("scan");
    if !pdf::ocr::available() {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true"),
            "CI installs tesseract-ocr and tesseract-ocr-nld; the OCR test must run there"
        );
        eprintln!(
            "tesseract with Dutch data is not installed: the OCR half of this test is skipped"
        );
        let reason = pdf::extract(&scan).expect_err("a scan has no text");
        assert!(reason.starts_with("no text layer (a scan)"), "{reason}");
        assert!(reason.contains("tesseract"), "{reason}");
        return;
    }
    // Through the worker, as `index` reads it: recognised, marked, its fields found.
    let mut x = Extractor::new(limits());
    let e = x.extract(&scan).expect("recognised");
    assert!(e.ocr);
    let dir = tempfile::tempdir().expect("temp");
    let report = indexing::index_paths(
        &dir.path().join("index"),
        &[fixtures().join("other/scan-of-a-question.pdf")],
        &options(),
    )
    .expect("index");
    assert_eq!(report.questions_total, 1, "{:?}", report.skipped);
    let store = index::Store::open(&dir.path().join("index")).expect("open");
    let r =
        vraagbaak::search(&store, &vraagbaak::SearchRequest::new("beroepsgeheim")).expect("search");
    let h = r.hits.first().expect("a hit");
    assert!(h.meta.ocr);
    assert_eq!(h.meta.number, Some(977));
    assert_eq!(h.meta.minister.as_deref(), Some("Sofie Lemmens"));
    assert_eq!(h.meta.date.as_deref(), Some("2022-06-02"));
    assert_eq!(h.page, Some(1));
}

/// The worker of this test's indexer: a process whose command line runs the worker and
/// whose parent is `parent`.
fn workers_of(parent: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in procs.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmd).contains(pdf::worker::SUBCOMMAND) {
            continue;
        }
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let ppid = stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(parent) {
            out.push(pid);
        }
    }
    out
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

/// An indexer of `corpus` whose PDF reader takes `delay_ms` a file, and its workers once
/// they run.
fn indexer_with_workers(
    dir: &Path,
    corpus: &Path,
    delay_ms: u32,
    args: &[&str],
) -> (std::process::Child, Vec<u32>) {
    let mut child = std::process::Command::new(binary());
    // A process group of its own, as a shell gives a command it runs: a signal to the
    // group is what a terminal sends.
    std::os::unix::process::CommandExt::process_group(&mut child, 0);
    let child = child
        .env("VRAAGBAAK_PDF_TEST_DELAY_MS", delay_ms.to_string())
        .arg("--index")
        .arg(dir.join("index"))
        .args(["index", "--quiet"])
        .args(args)
        .arg(corpus)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let mut workers = Vec::new();
    while workers.is_empty() && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
        workers = workers_of(child.id());
    }
    assert!(!workers.is_empty(), "no worker started");
    (child, workers)
}

/// Waits up to 30 s (a bound against a hang) for these processes to end; whether they
/// all did.
fn all_gone(pids: &[u32]) -> bool {
    let start = Instant::now();
    while pids.iter().any(|&w| alive(w)) && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    pids.iter().all(|&w| !alive(w))
}

#[test]
fn a_hanging_reader_times_out_and_the_next_file_is_read() {
    let (dir, corpus) = corpus_of(&["docs/vraag-0977.groff.pdf", "docs/vraag-1530.groff.pdf"]);
    let report = json(
        vraagbaak_on(&dir.path().join("index"))
            .env("VRAAGBAAK_PDF_TEST_DELAY_MS", "1500")
            .args(["index", "--json", "--pdf-timeout", "1", "--quiet"])
            .arg(&corpus),
    );
    let skipped = report["skipped"].as_array().expect("skipped");
    assert_eq!(skipped.len(), 2, "{report}");
    assert!(
        skipped.iter().all(|s| s["reason"] == "timed out after 1 s"),
        "{report}"
    );
    // The next run tries them again (the machine may have been busy), unchanged as they are.
    let report = indexing::index_paths(&dir.path().join("index"), &[corpus], &options())
        .expect("index again");
    assert_eq!(report.pdfs_read, 2, "{:?}", report.skipped);
    assert_eq!(report.questions_total, 2, "{:?}", report.skipped);
}

#[test]
fn killing_the_indexer_leaves_no_worker_behind() {
    let (dir, corpus) = corpus_of(&["docs/vraag-0977.groff.pdf"]);
    let (mut child, workers) = indexer_with_workers(dir.path(), &corpus, 20_000, &[]);
    child.kill().expect("kill -9"); // SIGKILL
    let _ = child.wait();
    assert!(all_gone(&workers), "a worker outlived its indexer");
}

/// A worker whose indexer died before the worker first looked (its parent is already
/// another process) leaves at once, though its input stays open.
#[test]
fn a_worker_whose_indexer_is_already_gone_leaves() {
    let exe = binary();
    let mut worker = std::process::Command::new(exe)
        .args([pdf::worker::SUBCOMMAND, "2048", "1"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let mut status = None;
    while status.is_none() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
        status = worker.try_wait().expect("wait");
    }
    let _ = worker.kill();
    let _ = worker.wait();
    assert_eq!(status.and_then(|s| s.code()), Some(3), "the worker stayed");
}

#[test]
fn a_folder_of_pdfs_indexes_and_searches_with_pages() {
    let dir = tempfile::tempdir().expect("temp");
    let report = indexing::index_paths(
        &dir.path().join("index"),
        &[fixtures().join("docs")],
        &options(),
    )
    .expect("index");
    assert_eq!(report.pdfs_read, docs().len());
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    // Incremental: nothing changed, nothing read again.
    let again = indexing::index_paths(
        &dir.path().join("index"),
        &[fixtures().join("docs")],
        &options(),
    )
    .expect("index again");
    assert_eq!((again.pdfs_read, again.unchanged), (0, docs().len()));
    let store = index::Store::open(&dir.path().join("index")).expect("open");
    // A word groff broke at a line end (`ko-` / `rtere`), whole again; a hit has its
    // page. (The same question in several PDFs is shown once, as a joint answer is.)
    let r = vraagbaak::search(&store, &vraagbaak::SearchRequest::new("kortere trajecten"))
        .expect("search");
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| h.page == Some(1)), "{:?}", r.hits);
    // A compound hyphen kept where it belongs.
    let r = vraagbaak::search(&store, &vraagbaak::SearchRequest::new("\"LIVC-werking\""))
        .expect("search");
    assert!(!r.hits.is_empty());
}

#[test]
fn the_parser_copes_with_what_pdfs_give() {
    let source =
        std::fs::read_to_string(fixtures().join("sources/vraag-0412.txt")).expect("source");
    let want = &expected_for(Path::new("vraag-0412.pdf"))[0];
    // Blocks without blank lines between them.
    let packed: String = source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    // `aan` name and portfolio on one line.
    let portfolio = "VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND";
    let one_line = source.replacen(
        &format!("aan ARNE VLEUGELS\n{portfolio}"),
        &format!("aan ARNE VLEUGELS, {portfolio}"),
        1,
    );
    assert_ne!(one_line, source);
    let original =
        vraagbaak::parse::parse_document(&source, "x.txt", "x").expect("parse")[0].clone();
    for text in [packed, one_line] {
        let q = &vraagbaak::parse::parse_document(&text, "x.txt", "x").expect("parse")[0];
        assert_eq!(q.meta.topic.as_deref(), want["topic"].as_str(), "{text}");
        assert_eq!(q.meta.minister.as_deref(), want["minister"].as_str());
        assert_eq!(q.meta.portfolio.as_deref(), want["portfolio"].as_str());
        assert_eq!(q.meta.asker.as_deref(), want["asker"].as_str());
        assert_eq!(q.meta.date.as_deref(), want["date"].as_str());
        // The same passages as the source with its blank lines.
        let labels = |q: &Question| -> Vec<Option<String>> {
            q.passages.iter().map(|p| p.label.clone()).collect()
        };
        assert_eq!(labels(q), labels(&original), "{text}");
        assert_eq!(q.question, original.question);
    }
}

#[test]
fn ctrl_c_finishes_the_pdf_in_hand_and_leaves_no_worker() {
    let (dir, corpus) = corpus_of(&[
        "docs/vraag-0977.groff.pdf",
        "docs/vraag-1530.groff.pdf",
        "docs/vraag-0412.lo.PDF",
    ]);
    let (child, workers) = indexer_with_workers(dir.path(), &corpus, 1500, &["--json"]);
    // Ctrl-C at a terminal: SIGINT to the foreground process group (the workers have
    // one of their own and are not reached).
    let _ = std::process::Command::new("kill")
        .args(["-INT", "--", &format!("-{}", child.id())])
        .status();
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all_gone(&workers), "a worker outlived Ctrl-C");
    // The file in hand was read, not recorded as a crash.
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        report["skipped"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    // The next run finishes the job.
    let report =
        indexing::index_paths(&dir.path().join("index"), &[corpus], &options()).expect("index");
    assert_eq!(report.questions_total, 3, "{:?}", report.skipped);
}

#[test]
fn the_page_shows_in_the_text_view_and_the_exports() {
    let dir = tempfile::tempdir().expect("temp");
    let idx = dir.path().join("index");
    stdout(
        vraagbaak_on(&idx)
            .args(["index", "--quiet"])
            .arg(fixtures().join("docs/bulletin-2006-07.groff.pdf")),
    );
    let search = |args: &[&str]| -> String {
        let out = vraagbaak_on(&idx)
            .args(["search", "sterilisatiecampagnes", "--color", "never"])
            .args(args)
            .output()
            .expect("search");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let json: Value = serde_json::from_str(&search(&["--json"])).expect("json");
    let page = json["hits"][0]["page"].as_u64().expect("a page");
    assert!(page >= 1);
    assert!(search(&[]).contains(&format!(" · p. {page} · ")));
    let csv = search(&["--all", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().expect("header").clone();
    let at = header
        .iter()
        .position(|h| h == "page")
        .expect("a page column");
    let first = rows.records().next().expect("a row").expect("row");
    assert_eq!(first.get(at), Some(page.to_string().as_str()));
}

#[test]
fn a_program_that_is_not_vraagbaak_does_not_run_itself_as_the_worker() {
    if std::env::var_os(pdf::worker::PROGRAM_ENV).is_some() {
        eprintln!("{} is set: nothing to test", pdf::worker::PROGRAM_ENV);
        return;
    }
    // This test binary is not vraagbaak: without a program named, PDFs are skipped with
    // the way out, and no copy of the test binary is started.
    let mut x = Extractor::new(Limits::default());
    let reason = x
        .extract(&std::fs::read(fixtures().join("docs/vraag-0977.groff.pdf")).expect("read"))
        .expect_err("no worker");
    assert!(reason.starts_with("PDF reader not available"), "{reason}");
    assert!(reason.contains(pdf::worker::PROGRAM_ENV), "{reason}");
}

/// The text of a PDF given as bytes, read as `index` reads it (or the skip reason).
fn text_of(bytes: &[u8]) -> Result<String, String> {
    Extractor::new(limits()).extract(bytes).map(|e| e.laid.text)
}

/// A PDF whose cross-reference table is wrong (offsets off, the table gone, bytes put
/// before the objects) is read from its objects as they stand; one cut short before its
/// catalog is still `damaged PDF`.
#[test]
fn a_pdf_with_a_broken_cross_reference_table_is_rebuilt() {
    for name in [
        "docs/vraag-0977.groff.pdf",
        "docs/vraag-1530.chromium-print.pdf",
    ] {
        let good = std::fs::read(fixtures().join(name)).expect("read");
        let want = text_of(&good).expect("the good file reads");
        let startxref = good
            .windows(9)
            .rposition(|w| w == b"startxref")
            .expect("startxref");
        let mut wrong_offset = good[..startxref].to_vec();
        wrong_offset.extend_from_slice(b"startxref\n99999999\n%%EOF\n");
        let header_end = good.iter().position(|&b| b == b'\n').expect("header") + 1;
        let mut shifted = good[..header_end].to_vec();
        shifted.extend_from_slice(b"% forty bytes an editor put in by mistake\n");
        shifted.extend_from_slice(&good[header_end..]);
        for (what, bytes) in [("wrong offset", wrong_offset), ("shifted", shifted)] {
            let got = text_of(&bytes).unwrap_or_else(|r| panic!("{name}, {what}: {r}"));
            assert_eq!(got, want, "{name}, {what}");
        }
    }
    // groff writes its table and trailer at the end: without them the objects remain.
    let good = std::fs::read(fixtures().join("docs/vraag-0977.groff.pdf")).expect("read");
    let xref = good.windows(5).rposition(|w| w == b"xref\n").expect("xref");
    let got = text_of(&good[..xref]).expect("rebuilt without its table");
    assert_eq!(got, text_of(&good).expect("good"));
    // Cut at a third, before the page tree and the catalog: nothing to rebuild.
    let reason = text_of(&good[..good.len() / 3]).expect_err("cut short");
    assert!(reason.starts_with("damaged PDF"), "{reason}");
}

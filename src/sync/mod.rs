//! `sync`: the written questions fetched from the parliament's open-data service into a
//! corpus folder, as the indexer reads them: per question its record `X.json` beside its
//! PDF `X.pdf`, in a folder per session. A later run lists from where the last one ended
//! (less an overlap, for late changes and answers) and fetches only what is new, changed,
//! missing or failed. Every file is written whole under another name, then renamed.
//!
//! The service's shape is that public clients rely on (see `shared/FORMAT.md`); no
//! official reference was at hand, so every field is read defensively.

pub mod client;
pub mod listing;
pub mod state;

use crate::error::{Error, Result};
use client::{Body, Client, ClientOptions, Failure};
use listing::Listed;
use serde::Serialize;
use state::{Document, Entry, State};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use time::Date;

/// The parliament's service.
pub const DEFAULT_API: &str = "https://ws.vlpar.be";
/// How often a long run writes its state.
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// What a sync does.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// The corpus folder the files go into.
    pub corpus: PathBuf,
    /// The first publication date to list (None: from the last run, less the overlap;
    /// on a first run, a year back).
    pub since: Option<Date>,
    /// The last publication date to list (None: today).
    pub until: Option<Date>,
    /// The service's address, without a trailing slash.
    pub api: String,
    pub client: ClientOptions,
    /// Days listed again before where the last run ended.
    pub overlap_days: i64,
    /// Days a first run without `since` lists.
    pub first_days: i64,
    /// The most results the service gives for one query (a window with as many is split).
    pub cap: usize,
    /// Today, as the windows count it.
    pub today: Date,
}

impl SyncOptions {
    /// The defaults of `vraagbaak sync` for this corpus folder.
    pub fn new(corpus: impl Into<PathBuf>) -> SyncOptions {
        SyncOptions {
            corpus: corpus.into(),
            since: None,
            until: None,
            api: DEFAULT_API.to_string(),
            client: ClientOptions::default(),
            overlap_days: 45,
            first_days: 365,
            cap: listing::CAP,
            today: time::OffsetDateTime::now_utc().date(),
        }
    }
}

/// An item that failed, and why (it is tried again next run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncFailure {
    /// The record's id, or the window of the listing.
    pub id: String,
    /// `listing`, `record` or `document`.
    pub what: &'static str,
    pub reason: String,
}

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    pub corpus: String,
    pub api: String,
    /// The window listed (publication dates, both included).
    pub since: String,
    pub until: String,
    /// No earlier run had listed into this corpus.
    pub first_run: bool,
    /// Questions the listing gave (each once).
    pub listed: usize,
    /// Records new to the corpus, changed since the last run, and unchanged.
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// PDFs fetched in this run.
    pub documents_fetched: usize,
    /// Questions in the corpus with a record and no document linked yet.
    pub still_open: usize,
    pub failed: Vec<SyncFailure>,
    pub requests: usize,
    /// Stopped by Ctrl-C; the state is written, the next run goes on.
    pub interrupted: bool,
    /// Stopped at `--max-requests`; the next run goes on.
    pub limit_reached: bool,
    pub seconds: f64,
}

/// What a sync tells while it works.
pub trait SyncProgress: Sync {
    /// The listing is done: `n` questions to look at.
    fn listed(&self, _n: usize) {}
    /// One more question looked at.
    fn item(&self) {}
}

/// No progress to show.
pub struct Quiet;
impl SyncProgress for Quiet {}

/// Writes `bytes` to `path` whole: to a hidden file beside it first, then renamed, so
/// that a crash leaves the old file or the new one, never half of one.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".part-");
    // Readable as any file the user writes (a temporary file is the owner's alone).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut file = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    file.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A session usable as a folder name (`2023-2024`), else a folder for the unknown.
fn session_folder(session: Option<&str>) -> String {
    match session.and_then(crate::parse::record::session) {
        Some(s) => s,
        None => "zittingsjaar-onbekend".to_string(),
    }
}

/// The files' stem of a question: `2023-2024/sv-77-1791077` (number and id, so that names
/// are readable and never collide).
fn stem_of(session: Option<&str>, number: Option<u32>, id: &str) -> String {
    let number = number.map_or_else(|| "x".to_string(), |n| n.to_string());
    let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{}/sv-{number}-{id}", session_folder(session))
}

/// Checks a record: JSON the record reader takes.
fn check_record(body: &Body) -> std::result::Result<(), String> {
    if body.content_type.contains("html") && !body.bytes.starts_with(b"{") {
        return Err("an HTML page instead of the record".into());
    }
    crate::parse::record::read(&body.bytes)
        .map(|_| ())
        .map_err(|e| format!("the record is not whole ({e})"))
}

/// Checks a PDF: it starts as one and ends as one (a cut file does not).
fn check_pdf(body: &Body) -> std::result::Result<(), String> {
    if !body.bytes.starts_with(b"%PDF-") {
        let head = String::from_utf8_lossy(&body.bytes[..body.bytes.len().min(200)]).to_lowercase();
        return Err(if head.contains("<html") || head.contains("<!doctype") {
            "an HTML page instead of the PDF".into()
        } else {
            "not a PDF".into()
        });
    }
    let tail = &body.bytes[body.bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err("the PDF is cut short (no %%EOF at its end)".into());
    }
    Ok(())
}

/// Syncs the corpus folder with the service; Ctrl-C (`stop`) ends it after the file in
/// hand, the state written.
pub fn sync(
    opts: &SyncOptions,
    stop: Arc<AtomicBool>,
    progress: &dyn SyncProgress,
) -> Result<SyncReport> {
    let started = Instant::now();
    let corpus = &opts.corpus;
    std::fs::create_dir_all(corpus).map_err(|e| Error::io(corpus, e))?;
    let mut state = State::load(corpus)?;
    let api = opts.api.trim_end_matches('/').to_string();
    let listed_until = state
        .listed_until
        .as_deref()
        .and_then(crate::parse::date::parse_iso);
    let first_run = opts.since.is_none() && listed_until.is_none();
    let until = opts.until.unwrap_or(opts.today);
    let since = match (opts.since, listed_until) {
        (Some(s), _) => s,
        (None, Some(last)) => last - time::Duration::days(opts.overlap_days),
        (None, None) => opts.today - time::Duration::days(opts.first_days),
    };
    if since > until {
        return Err(Error::usage(format!(
            "--since {} is after --until {}",
            crate::parse::date::iso(since),
            crate::parse::date::iso(until)
        )));
    }
    let mut report = SyncReport {
        corpus: crate::error::shown(corpus),
        api: api.clone(),
        since: crate::parse::date::iso(since),
        until: crate::parse::date::iso(until),
        first_run,
        ..SyncReport::default()
    };
    let mut client = Client::new(opts.client.clone(), stop);

    // The listing, each record once (the newest listing of it first).
    let listing = listing::list(&mut client, &api, since, until, opts.cap);
    for (window, reason) in &listing.failed {
        report.failed.push(SyncFailure {
            id: window.clone(),
            what: "listing",
            reason: reason.clone(),
        });
    }
    if listing.unnamed > 0 {
        report.failed.push(SyncFailure {
            id: format!("{since}..{until}", since = report.since, until = report.until),
            what: "listing",
            reason: format!(
                "{} results named no record (no `opendata` link, no id ending in a number): passed over",
                listing.unnamed
            ),
        });
    }
    let mut seen = std::collections::HashSet::new();
    let mut items: Vec<Listed> = listing
        .found
        .into_iter()
        .filter(|l| seen.insert(l.id.clone()))
        .collect();
    report.listed = items.len();
    // What failed before and is not listed again: tried again from the state.
    for (id, e) in &state.records {
        if !seen.contains(id) && (!e.record || e.document == Document::Failed) {
            items.push(Listed {
                id: id.clone(),
                number: e.number,
                session: e.session.clone(),
                published: None,
                last_modified: e.last_modified.clone(),
                document: e.document_url.clone(),
            });
        }
    }
    progress.listed(items.len());
    let mut stopped = listing.stopped;
    // The state is written now and then (a whole history holds 150,000 records), at the
    // end, and on Ctrl-C; after a crash, what the lost part named is fetched again.
    let mut saved = Instant::now();
    for item in &items {
        if stopped.is_some() {
            break;
        }
        match one(&mut client, &api, corpus, &mut state, item, &mut report) {
            Ok(()) => {}
            Err(stop) => stopped = Some(stop),
        }
        progress.item();
        if saved.elapsed() > SAVE_EVERY {
            state.save(corpus)?;
            saved = Instant::now();
        }
    }
    match stopped {
        Some(Failure::Stopped) => report.interrupted = true,
        Some(Failure::Limit) => report.limit_reached = true,
        _ => {}
    }
    // The window is done when every part of it was listed and looked at; what failed
    // is kept in the state and tried again.
    if stopped.is_none() && listing.failed.is_empty() {
        let later = listed_until.is_none_or(|l| until > l);
        if later {
            state.listed_until = Some(crate::parse::date::iso(until));
        }
    }
    state.api = Some(api);
    state.save(corpus)?;
    report.still_open = state
        .records
        .values()
        .filter(|e| e.record && e.document_url.is_none())
        .count();
    report.requests = client.requests;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// One question: its record where new, changed or failed before, then its document
/// where linked and missing, failed, or changed with the record. Err: stop the run.
fn one(
    client: &mut Client,
    api: &str,
    corpus: &Path,
    state: &mut State,
    item: &Listed,
    report: &mut SyncReport,
) -> std::result::Result<(), Failure> {
    let prior = state.records.get(&item.id).cloned();
    let changed = prior.as_ref().is_some_and(|p| {
        p.record && item.last_modified.is_some() && item.last_modified != p.last_modified
    });
    let fetch_record = prior.as_ref().is_none_or(|p| !p.record) || changed;
    let mut entry = prior.clone().unwrap_or_else(|| Entry {
        stem: stem_of(item.session.as_deref(), item.number, &item.id),
        last_modified: None,
        record: false,
        document: Document::None,
        document_url: None,
        session: item.session.clone(),
        number: item.number,
    });
    let mut fail = |what: &'static str, reason: String| {
        report.failed.push(SyncFailure {
            id: item.id.clone(),
            what,
            reason,
        });
    };
    let mut document_url = item.document.clone().or(entry.document_url.clone());
    if fetch_record {
        let url = format!("{api}/e/opendata/schv/{}", item.id);
        match client.get(&url, "application/json", &check_record) {
            Ok(body) => {
                let rec = crate::parse::record::read(&body.bytes).unwrap_or_default();
                if prior.is_none() {
                    let session = rec.session.clone().or(item.session.clone());
                    let number = rec.number.or(item.number);
                    entry.stem = stem_of(session.as_deref(), number, &item.id);
                    entry.session = session;
                    entry.number = number;
                }
                let path = corpus.join(format!("{}.json", entry.stem));
                if let Err(e) = write_whole(&path, &body.bytes) {
                    fail("record", e.to_string());
                    return Ok(());
                }
                entry.record = true;
                entry.last_modified = item.last_modified.clone();
                document_url = document_url.or(rec.source_url);
                match prior {
                    Some(ref p) if p.record => report.changed += 1,
                    _ => report.new += 1,
                }
            }
            Err(Failure::Item(reason)) => {
                fail("record", reason);
                state.records.insert(item.id.clone(), entry);
                return Ok(());
            }
            Err(stop) => return Err(stop),
        }
    } else {
        report.unchanged += 1;
    }
    entry.document_url = document_url.clone();
    let pdf = corpus.join(format!("{}.pdf", entry.stem));
    let wanted = match &document_url {
        None => false,
        Some(_) => changed || entry.document != Document::Fetched || !pdf.is_file(),
    };
    if document_url.is_none() {
        entry.document = Document::None;
    }
    if wanted && let Some(url) = &document_url {
        match client.get(url, "application/pdf", &check_pdf) {
            Ok(body) => match write_whole(&pdf, &body.bytes) {
                Ok(()) => {
                    entry.document = Document::Fetched;
                    report.documents_fetched += 1;
                }
                Err(e) => {
                    entry.document = Document::Failed;
                    fail("document", e.to_string());
                }
            },
            Err(Failure::Item(reason)) => {
                // A good file already here stays: a bad one never replaces it.
                entry.document = if pdf.is_file() && !changed {
                    Document::Fetched
                } else {
                    Document::Failed
                };
                fail("document", reason);
            }
            Err(stop) => {
                state.records.insert(item.id.clone(), entry);
                return Err(stop);
            }
        }
    }
    state.records.insert(item.id.clone(), entry);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_readable_and_safe() {
        assert_eq!(
            stem_of(Some("2023-2024"), Some(77), "1791077"),
            "2023-2024/sv-77-1791077"
        );
        assert_eq!(
            stem_of(Some("../../etc"), None, "../1"),
            "zittingsjaar-onbekend/sv-x-1"
        );
    }

    #[test]
    fn a_pdf_is_checked_at_both_ends() {
        let body = |b: &[u8], t: &str| Body {
            bytes: b.to_vec(),
            content_type: t.to_string(),
        };
        assert!(check_pdf(&body(b"%PDF-1.4\n...\n%%EOF\n", "application/pdf")).is_ok());
        assert!(check_pdf(&body(b"%PDF-1.4\n...", "application/pdf")).is_err());
        let html = check_pdf(&body(b"<!DOCTYPE html><html>", "text/html"));
        assert_eq!(html, Err("an HTML page instead of the PDF".to_string()));
    }
}

//! The run: opens the index and its writer, walks the folders, plans what changed
//! against the file states of the last commit, hands the changed files to reader
//! threads, applies what they found in order (`apply.rs`), removes what is gone, and
//! commits in batches.

use super::apply::{Run, handle};
use super::read::{Job, Outcome, work};
use super::report::{IndexOptions, IndexReport, Progress, Quiet};
use crate::analysis::DutchAnalyzer;
use crate::error::{Error, Result};
use crate::index::{FileState, KIND_QUESTION, MIN_MEMORY_MB, Store, load_states};
use crate::source::{self, Skipped};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, TantivyError, Term};

/// Who holds the writer lock, written beside it so a second writer can name the first.
const WRITER_FILE: &str = "writer.json";

#[derive(Serialize, serde::Deserialize)]
struct WriterInfo {
    pid: u32,
    started_unix: u64,
}

fn open_writer(store: &Store, budget: usize) -> Result<IndexWriter> {
    let writer = store.index().writer(budget).map_err(|e| match e {
        TantivyError::LockFailure(..) => {
            let holder = std::fs::read(store.path().join(WRITER_FILE))
                .ok()
                .and_then(|b| serde_json::from_slice::<WriterInfo>(&b).ok())
                .map(|w| {
                    let ago = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                        .saturating_sub(w.started_unix);
                    format!("process {}, started {ago} s ago", w.pid)
                });
            Error::Locked {
                path: store.path().to_path_buf(),
                holder,
            }
        }
        e => Error::Index(e),
    })?;
    let info = WriterInfo {
        pid: std::process::id(),
        started_unix: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    if let Ok(json) = serde_json::to_vec(&info) {
        // Only informs a second writer: failing to write it is no reason to stop.
        let _ = std::fs::write(store.path().join(WRITER_FILE), json);
    }
    Ok(writer)
}

/// Indexes the files and folders in `paths` into the index at `index_path` (created
/// when missing): only what changed since the last run is read and parsed. A file
/// indexed before is replaced, never doubled; questions whose files are gone from the
/// named folders are removed.
pub fn index_paths(
    index_path: &Path,
    paths: &[PathBuf],
    opts: &IndexOptions,
) -> Result<IndexReport> {
    index_paths_with(index_path, paths, opts, &Quiet)
}

/// [`index_paths`], telling `progress` how it goes.
pub fn index_paths_with(
    index_path: &Path,
    paths: &[PathBuf],
    opts: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let started = Instant::now();
    let store = Store::open_or_create(index_path, opts.rebuild, opts.analyzer)?;
    let writer = open_writer(&store, opts.memory_budget.max(MIN_MEMORY_MB * 1024 * 1024))?;
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let states = if opts.rebuild {
        writer.delete_all_documents()?;
        HashMap::new()
    } else {
        load_states(&store, &searcher)?
    };
    let fields = *store.fields();
    let walk = source::walk(paths, Some(index_path));
    let mut run = Run {
        store: &store,
        writer,
        fields,
        report: IndexReport {
            index: source::display_path(index_path),
            files_seen: walk.files.len(),
            skipped: walk.skipped,
            missing: walk.missing,
            other_files: walk.other_files,
            ..IndexReport::default()
        },
        pending: 0,
        last_commit: Instant::now(),
        opts,
        analyzer: DutchAnalyzer::new(store.analyzer_options().for_queries()),
    };
    progress.start(walk.files.len() as u64);

    // What the last commit has that the walk no longer finds: gone, or moved.
    let walked: HashSet<String> = walk
        .files
        .iter()
        .map(|f| f.canonical.to_string_lossy().into_owned())
        .collect();
    let mut gone: Vec<&FileState> = states
        .values()
        .filter(|s| {
            let path = Path::new(&s.source);
            // A record indexed alone whose document has come beside it is gone as a
            // question of its own: the document carries it now.
            let now_a_record = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                && !source::is_lone_record(path);
            !walked.contains(&s.source)
                && walk.roots.iter().any(|r| path.starts_with(r))
                && (!path.exists() || now_a_record)
        })
        .collect();
    gone.sort_by(|a, b| a.source.cmp(&b.source));
    let gone_hashes: HashSet<u64> = gone.iter().map(|s| s.hash).collect();

    // Files whose size and time are as the last commit saw them need no reading.
    let mut jobs = Vec::new();
    for file in &walk.files {
        let prior = states.get(file.canonical.to_string_lossy().as_ref());
        match prior {
            // A PDF that ran out of time may have met a busy machine: it is read again.
            Some(p) if p.size == file.size && p.mtime == file.mtime && !p.read_again() => {
                run.report.unchanged += 1;
                if let Some(reason) = &p.reason {
                    run.report.skipped.push(Skipped {
                        path: file.display_path(),
                        reason: reason.clone(),
                    });
                }
            }
            _ => jobs.push(Job { file, prior }),
        }
    }
    progress.advance(run.report.unchanged as u64);

    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        opts.threads
    };
    let cancel = opts.cancel.clone().unwrap_or_default();
    let next = AtomicUsize::new(0);
    let mut moved_from: HashSet<String> = HashSet::new();
    let outcome: Result<()> = std::thread::scope(|scope| {
        // A bounded channel keeps memory bounded: workers wait while the writer is busy.
        let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(64);
        for _ in 0..threads.max(1) {
            let tx = tx.clone();
            let (jobs, next, gone_hashes, cancel) = (&jobs, &next, &gone_hashes, &cancel);
            let limits = opts.pdf.clone();
            scope.spawn(move || {
                // One PDF worker a thread, started at the first PDF, stopped at the end.
                let mut pdf = crate::pdf::Extractor::new(limits);
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let file_id = job
                        .prior
                        .map_or_else(|| job.file.doc_id(), |p| p.file_id.clone());
                    if tx
                        .send((i, work(job, &file_id, gone_hashes, &mut pdf)))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, outcome) in rx {
            let job = &jobs[i];
            handle(&mut run, &searcher, job, outcome, &gone, &mut moved_from)?;
            progress.advance(1);
            if cancel.load(Ordering::Relaxed) {
                run.report.interrupted = true;
                break;
            }
        }
        Ok(())
    });
    outcome?;

    if !run.report.interrupted {
        for s in gone.iter().filter(|s| !moved_from.contains(&s.source)) {
            run.writer
                .delete_term(Term::from_field_text(fields.file_id, &s.file_id));
            run.report.removed += 1;
        }
    }
    run.commit()?;
    progress.finish();
    let searcher = {
        reader.reload()?;
        reader.searcher()
    };
    let q = TermQuery::new(
        Term::from_field_text(fields.kind, KIND_QUESTION),
        IndexRecordOption::Basic,
    );
    run.report.questions_total = searcher.search(&q, &Count)?;
    let Run {
        writer, mut report, ..
    } = run;
    writer.wait_merging_threads()?;
    let _ = std::fs::remove_file(store.path().join(WRITER_FILE));
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

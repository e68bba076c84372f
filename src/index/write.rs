//! Writing: walk the folders, compare each file with its state at the last commit, read
//! and parse what changed on worker threads (one per core) while the writer indexes,
//! replace the documents of changed files, remove those of files that are gone, commit in
//! batches. A run killed at any moment leaves the last commit; the next run finishes the
//! job.

use super::documents::{documents, question_document};
use super::meta::write_meta;
use super::schema::KIND_QUESTION;
use super::state::{self, FileState};
use super::{Fields, Store};
use crate::analysis::{AnalyzerOptions, DutchAnalyzer};
use crate::error::{Error, Result};
use crate::model::Question;
use crate::parse;
use crate::source::{self, Skipped, SourceFile};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tantivy::collector::Count;
use tantivy::indexer::UserOperation;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, TantivyError, Term};

/// Options of an indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Start from an empty index (also replaces an index of another version).
    pub rebuild: bool,
    /// Memory the writer may use for its buffers, in bytes.
    pub memory_budget: usize,
    /// Commit every `commit_interval`, and after `commit_every` changed files: a long run
    /// keeps its progress. Each commit ends a segment per indexing thread, and small
    /// segments cost merges later, so by default only the time bound counts.
    pub commit_every: usize,
    pub commit_interval: Duration,
    /// Threads that read and parse files (0: one per core).
    pub threads: usize,
    /// Set it (from a Ctrl-C handler, say) to stop after committing what is done.
    pub cancel: Option<Arc<AtomicBool>>,
    /// The analyzer of a new index (an existing one keeps its own unless rebuilt).
    pub analyzer: AnalyzerOptions,
    /// What a PDF worker may spend on one file, and the program it runs.
    pub pdf: crate::pdf::Limits,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            memory_budget: DEFAULT_MEMORY_MB * 1024 * 1024,
            commit_every: usize::MAX,
            commit_interval: Duration::from_secs(30),
            threads: 0,
            pdf: crate::pdf::Limits::default(),
            cancel: None,
            analyzer: AnalyzerOptions::default(),
        }
    }
}

/// The writer's default memory budget, in MB.
pub const DEFAULT_MEMORY_MB: usize = 256;
/// tantivy needs at least this much per indexing thread.
pub const MIN_MEMORY_MB: usize = 32;

/// Told how an indexing run goes (a progress bar, say).
pub trait Progress: Sync {
    /// The run has `total` files to look at.
    fn start(&self, _total: u64) {}
    /// `n` more files are done.
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}

/// No progress to show.
pub struct Quiet;
impl Progress for Quiet {}

/// What an indexing run did.
#[derive(Debug, Default, Serialize)]
pub struct IndexReport {
    pub index: String,
    /// `.txt` and `.pdf` files found (and files named directly).
    pub files_seen: usize,
    /// PDFs read in this run (changed or new), whether or not they gave a question.
    pub pdfs_read: usize,
    /// Files new to the index, changed since the last run, unchanged, moved (same
    /// content, new path: not analysed again), and gone from the named folders.
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub moved: usize,
    pub removed: usize,
    /// Questions and passages written in this run.
    pub questions_indexed: usize,
    pub passages_indexed: usize,
    /// Questions in the index after the run.
    pub questions_total: usize,
    /// Files that were not indexed, each with its reason.
    pub skipped: Vec<Skipped>,
    /// The parliament's records beside documents merged in this run.
    pub records_read: usize,
    /// Records not used, each with its reason (their documents are indexed from their
    /// text).
    pub records_ignored: Vec<Skipped>,
    /// Questions indexed in this run with fields the document does not give (`null`).
    pub incomplete: Vec<Incomplete>,
    /// Named paths that do not exist.
    pub missing: Vec<String>,
    /// Files in the folders that are neither `.txt` nor `.pdf`, passed over.
    pub other_files: usize,
    pub commits: usize,
    /// Stopped early (Ctrl-C); what was done is committed, a next run finishes the job.
    pub interrupted: bool,
    pub seconds: f64,
}

/// A question indexed without some of its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incomplete {
    pub path: String,
    pub doc_id: String,
    /// The names of the fields the document does not give.
    pub missing: Vec<&'static str>,
}

impl Incomplete {
    fn of(q: &Question) -> Option<Incomplete> {
        let missing: Vec<&'static str> = [
            ("number", q.meta.number.is_none()),
            ("date", q.meta.date.is_none()),
            ("asker", q.meta.asker.is_none()),
            ("minister", q.meta.minister.is_none()),
            ("topic", q.meta.topic.is_none()),
            ("question", q.question.is_empty()),
            ("answer", q.answer.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, gone)| gone.then_some(name))
        .collect();
        (!missing.is_empty()).then(|| Incomplete {
            path: q.meta.path.clone(),
            doc_id: q.meta.doc_id.clone(),
            missing,
        })
    }
}

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

/// What a worker found out about one file.
enum Outcome {
    /// The content is what the last commit has (only the modification time moved).
    Same { hash: u64 },
    /// New here, with the content of a file that is gone: perhaps moved. Not parsed.
    Moved { hash: u64 },
    /// Read and parsed (or found to hold no question).
    Parsed {
        hash: u64,
        result: std::result::Result<Vec<Question>, String>,
        pdf: bool,
        /// The record beside it: merged (`Ok`), or why not.
        record: Option<std::result::Result<(), String>>,
    },
    /// Could not be read: the questions it gave before are kept.
    Unreadable { reason: String },
}

struct Job<'a> {
    file: &'a SourceFile,
    prior: Option<&'a FileState>,
}

fn work(
    job: &Job,
    file_id: &str,
    gone_hashes: &HashSet<u64>,
    pdf: &mut crate::pdf::Extractor,
) -> Outcome {
    let bytes = match source::read_bytes(&job.file.canonical) {
        Ok(b) => b,
        Err(reason) => return Outcome::Unreadable { reason },
    };
    let record = job.file.record.as_deref().map(source::read_bytes);
    let hash = content_hash(&bytes, record.as_ref());
    if job.prior.is_some_and(|p| p.hash == hash && !p.read_again()) {
        return Outcome::Same { hash };
    }
    if job.prior.is_none() && gone_hashes.contains(&hash) {
        return Outcome::Moved { hash };
    }
    let display = job.file.display_path();
    let is_pdf = crate::pdf::is_pdf_file(&job.file.canonical, &bytes);
    let mut result = read_document(&bytes, is_pdf, &display, file_id, pdf);
    let record = record.map(|r| merge_record(r, &mut result));
    Outcome::Parsed {
        hash,
        result,
        pdf: is_pdf,
        record,
    }
}

/// The hash of a document's content: its bytes, and its record's where it has one (a
/// record changed alone changes it).
fn content_hash(bytes: &[u8], record: Option<&std::result::Result<Vec<u8>, String>>) -> u64 {
    let hash = source::fnv1a(bytes);
    match record {
        None => hash,
        Some(r) => {
            let of_record = match r {
                Ok(b) => source::fnv1a(b),
                Err(e) => source::fnv1a(e.as_bytes()),
            };
            hash ^ of_record.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15
        }
    }
}

/// Merges the record (its bytes, or why they could not be read) into the question of
/// its document; why not, when it is not used.
fn merge_record(
    record: std::result::Result<Vec<u8>, String>,
    result: &mut std::result::Result<Vec<Question>, String>,
) -> std::result::Result<(), String> {
    let data = parse::record::read(&record?)?;
    let Ok(questions) = result else {
        return Err("its document gave no question".into());
    };
    match questions.as_mut_slice() {
        [one] => data.apply(&mut one.meta),
        many => Err(format!(
            "its document holds {} questions; a record is of one",
            many.len()
        )),
    }
}

/// The questions of a file: a PDF through the worker (its passages given their pages),
/// text decoded.
fn read_document(
    bytes: &[u8],
    is_pdf: bool,
    display: &str,
    file_id: &str,
    pdf: &mut crate::pdf::Extractor,
) -> std::result::Result<Vec<Question>, String> {
    if !is_pdf {
        return source::decode(bytes).and_then(|text| {
            parse::parse_document(&text, display, file_id).map_err(|e| e.to_string())
        });
    }
    let extracted = pdf.extract(bytes)?;
    let mut questions =
        parse::parse_document(&extracted.laid.text, display, file_id).map_err(|e| e.to_string())?;
    crate::pdf::assign_pages(&extracted.laid, &mut questions);
    for q in &mut questions {
        q.meta.ocr = extracted.ocr;
    }
    Ok(questions)
}

/// The questions of a file as the last commit has them.
fn stored_questions(
    store: &Store,
    searcher: &tantivy::Searcher,
    s: &FileState,
) -> Result<Vec<Question>> {
    let mut out = Vec::new();
    if let Some(q) = store.question(searcher, &s.file_id)? {
        out.push(q);
        return Ok(out);
    }
    for k in 1..=s.questions {
        if let Some(q) = store.question(searcher, &format!("{}#{k}", s.file_id))? {
            out.push(q);
        }
    }
    Ok(out)
}

struct Run<'a> {
    store: &'a Store,
    writer: IndexWriter,
    fields: Fields,
    report: IndexReport,
    /// Files changed since the last commit, and when it was.
    pending: usize,
    last_commit: Instant,
    opts: &'a IndexOptions,
    /// Analyzes the long forms of acronyms as queries will be.
    analyzer: DutchAnalyzer,
}

impl Run<'_> {
    fn apply(&mut self, ops: Vec<UserOperation>) -> Result<()> {
        if ops.is_empty() {
            return Ok(());
        }
        // One operation at a time, not as one batch: tantivy's queue holds 10,000 batches,
        // which as whole files (a dozen documents and a record each) let a fast reader
        // park a quarter of a GB of documents in it. A file's documents still land in one
        // commit: commits happen only between files.
        for op in ops {
            match op {
                UserOperation::Add(doc) => {
                    self.writer.add_document(doc)?;
                }
                UserOperation::Delete(term) => {
                    self.writer.delete_term(term);
                }
            }
        }
        self.pending += 1;
        if self.pending >= self.opts.commit_every
            || self.last_commit.elapsed() >= self.opts.commit_interval
        {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        write_meta(self.store.path(), self.store.analyzer_options())?;
        self.report.commits += 1;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    fn file_state(
        &self,
        file: &SourceFile,
        file_id: &str,
        hash: u64,
        questions: usize,
        reason: Option<String>,
    ) -> FileState {
        FileState {
            file_id: file_id.to_string(),
            source: file.canonical.to_string_lossy().into_owned(),
            size: file.size,
            mtime: file.mtime,
            hash,
            questions: questions as u64,
            reason,
        }
    }
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
        state::load(&store, &searcher)?
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
            !walked.contains(&s.source)
                && walk.roots.iter().any(|r| path.starts_with(r))
                && !path.exists()
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

/// Turns what a worker found into index operations.
fn handle(
    run: &mut Run,
    searcher: &tantivy::Searcher,
    job: &Job,
    outcome: Outcome,
    gone: &[&FileState],
    moved_from: &mut HashSet<String>,
) -> Result<()> {
    let f = run.fields;
    let file = job.file;
    let display = file.display_path();
    let file_id = job
        .prior
        .map_or_else(|| file.doc_id(), |p| p.file_id.clone());
    let (hash, result) = match outcome {
        Outcome::Unreadable { reason } => {
            run.report.skipped.push(Skipped {
                path: display,
                reason,
            });
            return Ok(());
        }
        Outcome::Same { hash } => {
            // Only the time moved: record it, touch nothing else.
            let p = job.prior;
            let s = run.file_state(
                file,
                &file_id,
                hash,
                p.map_or(0, |p| p.questions as usize),
                p.and_then(|p| p.reason.clone()),
            );
            if let Some(reason) = &s.reason {
                run.report.skipped.push(Skipped {
                    path: display,
                    reason: reason.clone(),
                });
            }
            run.report.unchanged += 1;
            let ops = vec![
                UserOperation::Delete(Term::from_field_text(f.source, &s.source)),
                UserOperation::Add(state::document(run.store, &s)),
            ];
            return run.apply(ops);
        }
        Outcome::Moved { hash } => {
            if let Some(old) = gone
                .iter()
                .find(|s| s.hash == hash && !moved_from.contains(&s.source))
            {
                return moved(run, searcher, file, old, moved_from);
            }
            // Its twin was claimed by another file: parse it after all.
            let mut pdf = crate::pdf::Extractor::new(run.opts.pdf.clone());
            let mut result = source::read_bytes(&file.canonical).and_then(|bytes| {
                let is_pdf = crate::pdf::is_pdf_file(&file.canonical, &bytes);
                if is_pdf {
                    run.report.pdfs_read += 1;
                }
                read_document(&bytes, is_pdf, &display, &file_id, &mut pdf)
            });
            let record = file
                .record
                .as_deref()
                .map(|r| merge_record(source::read_bytes(r), &mut result));
            note_record(run, file, record);
            (hash, result)
        }
        Outcome::Parsed {
            hash,
            result,
            pdf,
            record,
        } => {
            if pdf {
                run.report.pdfs_read += 1;
            }
            note_record(run, file, record);
            (hash, result)
        }
    };
    // A file the last commit knows is replaced whole. A new one has nothing to replace:
    // state and documents commit together, so no document carries its id; and a delete
    // costs the writer a query on every segment it flushes.
    let mut ops = Vec::new();
    if job.prior.is_some() {
        ops.push(UserOperation::Delete(Term::from_field_text(
            f.file_id, &file_id,
        )));
    }
    let state = match result {
        Ok(questions) => {
            for q in &questions {
                run.report.incomplete.extend(Incomplete::of(q));
                run.report.questions_indexed += 1;
                run.report.passages_indexed += q.passages.len();
                ops.extend(
                    documents(q, &file_id, &f, &run.analyzer)?
                        .into_iter()
                        .map(UserOperation::Add),
                );
            }
            run.file_state(file, &file_id, hash, questions.len(), None)
        }
        Err(reason) => {
            run.report.skipped.push(Skipped {
                path: display,
                reason: reason.clone(),
            });
            run.file_state(file, &file_id, hash, 0, Some(reason))
        }
    };
    // A file without a question is counted as skipped, not as added or updated, unless
    // it used to give questions (they are gone now: an update).
    let gave = state.questions > 0;
    match job.prior {
        Some(p) if gave || p.questions > 0 => run.report.updated += 1,
        None if gave => run.report.added += 1,
        _ => {}
    }
    ops.push(UserOperation::Add(state::document(run.store, &state)));
    run.apply(ops)
}

/// Counts a record merged, or reports why it was not used.
fn note_record(run: &mut Run, file: &SourceFile, record: Option<std::result::Result<(), String>>) {
    match (record, &file.record) {
        (Some(Ok(())), _) => run.report.records_read += 1,
        (Some(Err(reason)), Some(path)) => run.report.records_ignored.push(Skipped {
            path: source::display_path(
                &file
                    .path
                    .with_extension(path.extension().unwrap_or_default()),
            ),
            reason,
        }),
        _ => {}
    }
}

/// A file that moved: same content, new path. Its questions keep their ids and their
/// passages; only the question records (which hold the path) and the file's state are
/// written again.
fn moved(
    run: &mut Run,
    searcher: &tantivy::Searcher,
    file: &SourceFile,
    old: &FileState,
    moved_from: &mut HashSet<String>,
) -> Result<()> {
    let f = run.fields;
    let display = file.display_path();
    let mut ops = Vec::new();
    for mut q in stored_questions(run.store, searcher, old)? {
        ops.push(UserOperation::Delete(Term::from_field_u64(
            f.qkey,
            super::question_key(&q.meta.doc_id),
        )));
        q.meta.path = display.clone();
        ops.push(UserOperation::Add(question_document(
            &q,
            &old.file_id,
            parse::copy_key(&q.question),
            &f,
            &run.analyzer,
        )?));
    }
    ops.push(UserOperation::Delete(Term::from_field_text(
        f.source,
        &old.source,
    )));
    let s = run.file_state(
        file,
        &old.file_id,
        old.hash,
        old.questions as usize,
        old.reason.clone(),
    );
    ops.push(UserOperation::Add(state::document(run.store, &s)));
    moved_from.insert(old.source.clone());
    run.report.moved += 1;
    run.apply(ops)
}

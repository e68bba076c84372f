//! What an indexing run is told (its options, a progress to tell) and what it tells
//! back (its report).

use crate::analysis::AnalyzerOptions;
use crate::model::Question;
use crate::source::Skipped;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

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
    /// Questions indexed in this run from a record with no document beside it (open
    /// questions, or answers whose document is still to come).
    pub records_alone: usize,
    /// Questions indexed in this run with fields the document does not give (`null`);
    /// a record alone is not missing its question and answer text.
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
    /// What `q` lacks; `alone`: it comes from a record without its document, which
    /// gives no question or answer text.
    pub(super) fn of(q: &Question, alone: bool) -> Option<Incomplete> {
        let missing: Vec<&'static str> = [
            ("number", q.meta.number.is_none()),
            ("date", q.meta.date.is_none()),
            ("asker", q.meta.asker.is_none()),
            ("minister", q.meta.minister.is_none()),
            ("topic", q.meta.topic.is_none()),
            ("question", !alone && q.question.is_empty()),
            ("answer", !alone && q.answer.is_none()),
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

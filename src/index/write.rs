//! Writing questions into the index: walk, read, parse, replace, commit.

use super::{Fields, Store, write_meta};
use crate::error::{Error, Result};
use crate::model::Question;
use crate::parse::{self, date};
use crate::source::{self, Skipped};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::indexer::UserOperation;
use tantivy::{DateTime, IndexWriter, TantivyDocument, TantivyError, Term};

/// Options of an indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Start from an empty index (also replaces an index of another version).
    pub rebuild: bool,
    /// Memory the writer may use for its buffers, in bytes.
    pub memory_budget: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            memory_budget: 256 * 1024 * 1024,
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Default, Serialize)]
pub struct IndexReport {
    pub index: String,
    /// `.txt` files found (and files named directly).
    pub files_seen: usize,
    pub questions_indexed: usize,
    pub passages_indexed: usize,
    /// Files that were not indexed, each with its reason.
    pub skipped: Vec<Skipped>,
    /// Questions indexed with fields the document does not give (left `null`).
    pub incomplete: Vec<Incomplete>,
    /// Named paths that do not exist.
    pub missing: Vec<String>,
    /// Files gone from the indexed folders, whose questions were removed from the index.
    pub removed: usize,
    /// Files in the folders that are not `.txt`, passed over.
    pub other_files: usize,
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
            ("number", q.number.is_none()),
            ("date", q.date.is_none()),
            ("asker", q.asker.is_none()),
            ("minister", q.minister.is_none()),
            ("topic", q.topic.is_none()),
            ("question", q.question.is_empty()),
            ("answer", q.answer.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, gone)| gone.then_some(name))
        .collect();
        (!missing.is_empty()).then(|| Incomplete {
            path: q.path.clone(),
            doc_id: q.doc_id.clone(),
            missing,
        })
    }
}

fn open_writer(store: &Store, budget: usize) -> Result<IndexWriter> {
    store.index().writer(budget).map_err(|e| match e {
        TantivyError::LockFailure(..) => Error::Locked(store.path().to_path_buf()),
        e => Error::Index(e),
    })
}

/// The tantivy documents of one question: the question itself, then its passages.
fn documents(q: &Question, file_id: &str, source: &Path, f: &Fields) -> Vec<TantivyDocument> {
    let mut out = Vec::with_capacity(q.passages.len() + 1);
    let mut head = TantivyDocument::default();
    head.add_text(f.doc_id, &q.doc_id);
    head.add_text(f.file_id, file_id);
    head.add_text(f.qid, &q.doc_id);
    head.add_text(f.source, source.to_string_lossy());
    let key = parse::copy_key(&q.question).unwrap_or(0);
    if key != 0 {
        head.add_u64(f.copy_key, key);
    }
    head.add_text(f.record, serde_json::to_string(q).unwrap_or_default());
    out.push(head);
    let day = q.date.as_deref().and_then(date::parse_iso);
    for p in &q.passages {
        let mut d = TantivyDocument::default();
        d.add_text(f.doc_id, &q.doc_id);
        d.add_text(f.file_id, file_id);
        d.add_text(f.text, &p.text);
        if let Some(t) = &q.topic {
            d.add_text(f.topic, t);
        }
        if let Some(m) = &q.minister {
            d.add_text(f.minister, m);
        }
        if let Some(a) = &q.asker {
            d.add_text(f.asker, a);
        }
        if let Some(day) = day {
            let midnight = day.midnight().assume_utc();
            d.add_date(f.date, DateTime::from_utc(midnight));
            d.add_u64(f.year, u64::try_from(day.year()).unwrap_or(0));
        }
        if let Some(n) = q.number {
            d.add_u64(f.number, u64::from(n));
        }
        d.add_text(f.part, p.part.as_str());
        d.add_u64(f.ordinal, u64::from(p.ordinal));
        d.add_u64(f.group, key);
        out.push(d);
    }
    out
}

/// The ids of the files in the index that lie under one of `roots` and no longer exist.
fn gone_under(store: &Store, roots: &[PathBuf]) -> Result<Vec<String>> {
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let field = store.fields().source;
    let mut gone = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(TantivyError::from)?;
        while terms.advance() {
            let Ok(source) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let path = Path::new(source);
            if !roots.iter().any(|r| path.starts_with(r)) || path.exists() {
                continue;
            }
            let term = Term::from_field_text(field, source);
            if super::first_alive(segment, field, &term)?.is_some() {
                gone.push(source::doc_id_for(path));
            }
        }
    }
    gone.sort();
    gone.dedup();
    Ok(gone)
}

/// Indexes the files and folders in `paths` into the index at `index_path` (created
/// when missing). A file indexed before is replaced, never doubled; questions whose
/// files are gone from the named folders are removed.
pub fn index_paths(
    index_path: &Path,
    paths: &[PathBuf],
    opts: &IndexOptions,
) -> Result<IndexReport> {
    let started = Instant::now();
    let store = Store::open_or_create(index_path, opts.rebuild)?;
    let mut writer = open_writer(&store, opts.memory_budget)?;
    if opts.rebuild {
        writer.delete_all_documents()?;
    }
    let fields = *store.fields();
    let walk = source::walk(paths);
    let mut report = IndexReport {
        index: source::display_path(index_path),
        files_seen: walk.files.len(),
        skipped: walk.skipped,
        missing: walk.missing,
        other_files: walk.other_files,
        ..IndexReport::default()
    };
    for file in &walk.files {
        let file_id = file.doc_id();
        let display = file.display_path();
        let mut ops = vec![UserOperation::Delete(Term::from_field_text(
            fields.file_id,
            &file_id,
        ))];
        let parsed = source::read_text(&file.canonical).and_then(|text| {
            parse::parse_document(&text, &display, &file_id).map_err(|e| e.to_string())
        });
        match parsed {
            Ok(questions) => {
                for q in &questions {
                    report.incomplete.extend(Incomplete::of(q));
                    report.questions_indexed += 1;
                    report.passages_indexed += q.passages.len();
                    ops.extend(
                        documents(q, &file_id, &file.canonical, &fields)
                            .into_iter()
                            .map(UserOperation::Add),
                    );
                }
            }
            Err(reason) => report.skipped.push(Skipped {
                path: display,
                reason,
            }),
        }
        writer.run(ops)?;
    }
    if !opts.rebuild {
        for file_id in gone_under(&store, &walk.roots)? {
            writer.delete_term(Term::from_field_text(fields.file_id, &file_id));
            report.removed += 1;
        }
    }
    writer.commit()?;
    write_meta(store.path())?;
    writer.wait_merging_threads()?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

//! What a worker found, turned into index operations: a changed file's documents
//! replaced whole with its state, an unchanged one's state touched, a moved one's records
//! written again under the same ids.

use super::read::{Job, Outcome, content_hash, parse_file};
use super::report::Incomplete;
use super::report::{IndexOptions, IndexReport};
use crate::analysis::DutchAnalyzer;
use crate::error::Result;
use crate::index::{Fields, Store, write_meta};
use crate::index::{FileState, documents, question_document, question_key, state_document};
use crate::model::Question;
use crate::parse;
use crate::source::{self, Skipped, SourceFile};
use std::collections::HashSet;
use std::time::Instant;
use tantivy::IndexWriter;
use tantivy::Term;
use tantivy::indexer::UserOperation;

/// Turns what a worker found into index operations.
pub(super) fn handle(
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
                UserOperation::Add(state_document(run.store, &s)),
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
            // Its twin was claimed by another file: parse it after all, as a worker does.
            let mut pdf = crate::pdf::Extractor::new(run.opts.pdf.clone());
            let outcome = match source::read_bytes(&file.canonical) {
                Ok(bytes) => {
                    let record = file.record.as_deref().map(source::read_bytes);
                    let hash = content_hash(&bytes, record.as_ref());
                    parse_file(file, &bytes, record, hash, &file_id, &mut pdf)
                }
                Err(reason) => Outcome::Unreadable { reason },
            };
            return handle(run, searcher, job, outcome, gone, moved_from);
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
            let alone = crate::source::is_lone_record(&file.path);
            for q in &questions {
                run.report.records_alone += usize::from(alone);
                run.report.incomplete.extend(Incomplete::of(q, alone));
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
    ops.push(UserOperation::Add(state_document(run.store, &state)));
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
            question_key(&q.meta.doc_id),
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
    ops.push(UserOperation::Add(state_document(run.store, &s)));
    moved_from.insert(old.source.clone());
    run.report.moved += 1;
    run.apply(ops)
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

/// The run's writer and what it did: operations applied a file at a time, committed in
/// batches.
pub(super) struct Run<'a> {
    pub(super) store: &'a Store,
    pub(super) writer: IndexWriter,
    pub(super) fields: Fields,
    pub(super) report: IndexReport,
    /// Files changed since the last commit, and when it was.
    pub(super) pending: usize,
    pub(super) last_commit: Instant,
    pub(super) opts: &'a IndexOptions,
    /// Analyzes the long forms of acronyms as queries will be.
    pub(super) analyzer: DutchAnalyzer,
}

impl Run<'_> {
    pub(super) fn apply(&mut self, ops: Vec<UserOperation>) -> Result<()> {
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

    pub(super) fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        write_meta(self.store.path(), self.store.analyzer_options())?;
        self.report.commits += 1;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    pub(super) fn file_state(
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

//! The state of each indexed file at the last commit (size, modification time, content
//! hash), kept in the index itself as one document per file.

use super::schema::KIND_FILE;
use super::schema::name::{DOC_ID, FHASH, FMTIME, FQUESTIONS, FSIZE, SOURCE};
use super::{Store, postings};
use crate::error::Result;
use std::collections::HashMap;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, TantivyError, Term};

/// One file as the last commit saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub file_id: String,
    /// Absolute path.
    pub source: String,
    pub size: u64,
    pub mtime: u64,
    pub hash: u64,
    /// Questions it gave; 0 with a `reason` when it gave none.
    pub questions: u64,
    pub reason: Option<String>,
}

impl FileState {
    /// Whether the file is read again even unchanged: a PDF that ran out of time may
    /// have met a busy machine.
    pub fn read_again(&self) -> bool {
        self.reason
            .as_deref()
            .is_some_and(crate::pdf::worker::is_timeout)
    }
}

/// All values of a string column, by ordinal: one pass over its dictionary, where looking
/// up values one by one would decompress a block each time.
fn values(column: &Option<tantivy::columnar::StrColumn>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    if let Some(column) = column {
        let mut stream = column.dictionary().stream().map_err(TantivyError::from)?;
        while stream.advance() {
            out.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    Ok(out)
}

fn value_of(column: &Option<tantivy::columnar::StrColumn>, values: &[String], doc: u32) -> String {
    column
        .as_ref()
        .and_then(|c| c.term_ords(doc).next())
        .and_then(|ord| values.get(usize::try_from(ord).ok()?))
        .cloned()
        .unwrap_or_default()
}

/// The state of every file in the last commit, by absolute path.
pub fn load(store: &Store, searcher: &Searcher) -> Result<HashMap<String, FileState>> {
    let f = store.fields();
    let term = Term::from_field_text(f.kind, KIND_FILE);
    let mut out = HashMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(postings) = postings::postings_of(segment, &term)? else {
            continue;
        };
        let fast = segment.fast_fields();
        let doc_ids = fast.str(DOC_ID)?;
        let sources = fast.str(SOURCE)?;
        let (doc_id_values, source_values) = (values(&doc_ids)?, values(&sources)?);
        let (size, mtime, hash, questions) = (
            fast.u64(FSIZE)?,
            fast.u64(FMTIME)?,
            fast.u64(FHASH)?,
            fast.u64(FQUESTIONS)?,
        );
        for doc in postings::alive(segment, postings) {
            {
                let questions = questions.first(doc).unwrap_or(0);
                let reason = if questions == 0 {
                    let address = DocAddress::new(u32::try_from(ord).unwrap_or(u32::MAX), doc);
                    let stored: TantivyDocument = searcher.doc(address)?;
                    stored
                        .get_first(f.freason)
                        .and_then(|v| v.as_str())
                        .map(String::from)
                } else {
                    None
                };
                let state = FileState {
                    file_id: value_of(&doc_ids, &doc_id_values, doc),
                    source: value_of(&sources, &source_values, doc),
                    size: size.first(doc).unwrap_or(0),
                    mtime: mtime.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                    questions,
                    reason,
                };
                out.insert(state.source.clone(), state);
            }
        }
    }
    Ok(out)
}

/// The document that records a file's state.
pub fn document(store: &Store, s: &FileState) -> TantivyDocument {
    let f = store.fields();
    let mut d = TantivyDocument::default();
    d.add_text(f.kind, KIND_FILE);
    d.add_text(f.doc_id, &s.file_id);
    d.add_text(f.file_id, &s.file_id);
    d.add_text(f.source, &s.source);
    d.add_u64(f.fsize, s.size);
    d.add_u64(f.fmtime, s.mtime);
    d.add_u64(f.fhash, s.hash);
    d.add_u64(f.fquestions, s.questions);
    // Every document has these columns (0: none), so that they are read without a
    // look-up of which documents have them.
    d.add_u64(f.qref, 0);
    d.add_u64(f.tie, 0);
    d.add_u64(f.year, 0);
    d.add_text(f.minister_name, "");
    d.add_text(f.asker_name, "");
    if let Some(r) = &s.reason {
        d.add_text(f.freason, r);
    }
    d
}

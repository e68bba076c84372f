//! [`Store`]: an open index, its fields and analyzers, and the look-ups of stored
//! questions by key.

use super::meta::{check_meta, exists, refuse_foreign_files, remove_index_files, write_meta};
use super::postings::{self, alive_with};
use super::question_key;
use super::schema::{self, Fields, name};
use super::stored::Record;
use crate::analysis::{self, AnalyzerOptions, DutchTokenizer, NameTokenizer};
use crate::error::{Error, Result};
use crate::model::Question;
use std::fs;
use std::path::{Path, PathBuf};
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, ReloadPolicy, Searcher, SegmentReader, TantivyDocument,
    Term,
};

/// tantivy's writer needs at least this much per indexing thread, in MB.
pub const MIN_MEMORY_MB: usize = 32;

/// An open index.
/// Cheap to clone (tantivy's `Index` is shared): a session or a server owns a clone.
#[derive(Clone)]
pub struct Store {
    index: Index,
    fields: Fields,
    path: PathBuf,
    options: AnalyzerOptions,
    /// A vocabulary file of the user's, besides the shipped one (else `vocabulary.txt`
    /// in the index folder, where there is one).
    vocabulary: Option<PathBuf>,
}

pub(super) fn register_analyzers(index: &Index, options: AnalyzerOptions) {
    index.tokenizers().register(
        analysis::DUTCH,
        TextAnalyzer::from(DutchTokenizer::new(options)),
    );
    index.tokenizers().register(
        analysis::NAMES,
        TextAnalyzer::from(NameTokenizer::default()),
    );
}

impl Store {
    /// Opens the index at `path` for reading.
    pub fn open(path: &Path) -> Result<Store> {
        if !exists(path) {
            return Err(Error::NoIndex(path.to_path_buf()));
        }
        let options = check_meta(path)?;
        // The metadata is ours and fine: a failure to open now is of tantivy's files.
        let mut index = Index::open_in_dir(path).map_err(|e| Error::Damaged {
            path: path.to_path_buf(),
            what: crate::error::tantivy_reason(&e),
        })?;
        // A search runs over the segments in parallel, one thread a core: a query that
        // matches a third of a large corpus then costs its largest segment, not all.
        index.set_default_multithread_executor()?;
        register_analyzers(&index, options);
        let fields = Fields::of(&index.schema()).map_err(|e| Error::Damaged {
            path: path.to_path_buf(),
            what: e.to_string(),
        })?;
        Ok(Store {
            index,
            fields,
            path: path.to_path_buf(),
            options,
            vocabulary: None,
        })
    }

    /// Opens the index at `path`, creating it with the analyzer `options` when there is
    /// none. With `rebuild`, an index of another version or other options is replaced;
    /// without, one of another version is refused and one of other options is used as
    /// it is.
    pub fn open_or_create(path: &Path, rebuild: bool, options: AnalyzerOptions) -> Result<Store> {
        if exists(path) {
            match check_meta(path) {
                Ok(_) if !rebuild => return Store::open(path),
                // A rebuild keeps the index's files when they open (its documents are
                // deleted in the run), and starts afresh when they do not.
                Ok(found) if found == options => match Store::open(path) {
                    Err(Error::Damaged { .. }) => remove_index_files(path)?,
                    opened => return opened,
                },
                Ok(_) => remove_index_files(path)?,
                Err(Error::IncompatibleIndex { .. }) if rebuild => remove_index_files(path)?,
                Err(e) => return Err(e),
            }
        }
        refuse_foreign_files(path)?;
        fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        // The metadata first: whoever sees the index also sees who wrote it.
        write_meta(path, options)?;
        let (schema, fields) = schema::build()?;
        let index = Index::create_in_dir(path, schema)?;
        register_analyzers(&index, options);
        Ok(Store {
            index,
            fields,
            path: path.to_path_buf(),
            options,
            vocabulary: None,
        })
    }

    /// An empty index in memory, for tests.
    #[cfg(test)]
    pub(crate) fn in_ram(options: AnalyzerOptions) -> Result<Store> {
        let (schema, fields) = schema::build()?;
        let index = Index::create_in_ram(schema);
        register_analyzers(&index, options);
        Ok(Store {
            index,
            fields,
            path: PathBuf::from("(memory)"),
            options,
            vocabulary: None,
        })
    }

    /// Searches run in the calling thread instead of over the segments in parallel: for
    /// a server, whose requests keep the cores busy on their own.
    pub fn search_in_one_thread(&mut self) {
        self.index.set_executor(tantivy::Executor::single_thread());
    }

    /// Searches also widen with this vocabulary file (the format of the shipped one).
    pub fn use_vocabulary(&mut self, path: PathBuf) {
        self.vocabulary = Some(path);
    }

    /// The user's vocabulary file: the one given, else `vocabulary.txt` in the index
    /// folder where there is one.
    pub(crate) fn vocabulary_file(&self) -> Option<PathBuf> {
        self.vocabulary.clone().or_else(|| {
            let beside = self.path.join(crate::index::VOCABULARY_FILE);
            beside.is_file().then_some(beside)
        })
    }

    /// The options of the analyzer the index was written with.
    pub fn analyzer_options(&self) -> AnalyzerOptions {
        self.options
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// An error of tantivy's that says the index's files are damaged, as the error that
    /// names this index and its rebuild; any other error as it is.
    pub(crate) fn name_damage(&self, e: Error) -> Error {
        match e {
            Error::Index(t) if crate::error::is_damage(&t) => {
                self.damaged(crate::error::tantivy_reason(&t))
            }
            other => other,
        }
    }

    /// The error for an index that does not hold what it should.
    pub(crate) fn damaged(&self, what: impl Into<String>) -> Error {
        Error::Damaged {
            path: self.path.clone(),
            what: what.into(),
        }
    }

    /// A reader of the last commit, for tools that read the tantivy index directly
    /// (searches open theirs through a [`crate::search::Session`]).
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }

    /// The whole question with this id, as it was parsed.
    pub(crate) fn question(&self, searcher: &Searcher, doc_id: &str) -> Result<Option<Question>> {
        self.question_by_key(searcher, question_key(doc_id))
    }

    /// The whole question with this key (see [`question_key`]).
    pub(crate) fn question_by_key(
        &self,
        searcher: &Searcher,
        key: u64,
    ) -> Result<Option<Question>> {
        self.question_near(searcher, key, None)
    }

    /// The whole question with this key, looked for first in segment `near` (where its
    /// passages are, mostly).
    pub(crate) fn question_near(
        &self,
        searcher: &Searcher,
        key: u64,
        near: Option<u32>,
    ) -> Result<Option<Question>> {
        let term = Term::from_field_u64(self.fields.qkey, key);
        let segments = searcher.segment_readers();
        let first = near.filter(|&n| (n as usize) < segments.len());
        let order = first
            .into_iter()
            .chain((0..segments.len() as u32).filter(|&o| Some(o) != first));
        for ord in order {
            let segment = &segments[ord as usize];
            let Some(doc) = postings::first_alive(segment, &term)? else {
                continue;
            };
            let stored: TantivyDocument = searcher.doc(DocAddress::new(ord, doc))?;
            let json = stored
                .get_first(self.fields.record)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let record: Record = serde_json::from_str(json).map_err(|cause| Error::Record {
                path: self.path.clone(),
                doc_id: doc_id_of(segment, doc).unwrap_or_else(|| format!("{key:016x}")),
                cause,
            })?;
            return Ok(Some(record.into_question()));
        }
        Ok(None)
    }

    /// The keys of the live questions with this copy key (a question put to several
    /// ministers), in key order.
    pub(crate) fn copies(&self, searcher: &Searcher, copy_key: u64) -> Result<Vec<u64>> {
        let term = Term::from_field_u64(self.fields.copy_key, copy_key);
        let found = alive_with(searcher, &term)?;
        let mut keys = Vec::with_capacity(found.len());
        for address in found {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .u64(name::QREF)?;
            keys.extend(column.first(address.doc_id));
        }
        keys.sort_unstable();
        Ok(keys)
    }
}

/// The id of a question document, from its column.
pub(super) fn doc_id_of(segment: &SegmentReader, doc: DocId) -> Option<String> {
    let column = segment.fast_fields().str(name::DOC_ID).ok()??;
    let ord = column.term_ords(doc).next()?;
    let mut out = String::new();
    column.ord_to_str(ord, &mut out).ok()?.then_some(out)
}

#[cfg(test)]
impl Store {
    /// An index in memory holding these questions, committed: for unit tests of what
    /// reads an index.
    pub(crate) fn in_memory(questions: &[Question]) -> Result<Store> {
        let store = Store::in_ram(AnalyzerOptions::default())?;
        // As a run analyses what it mines (see `Run`).
        let analyzer = &analysis::DutchAnalyzer::new(store.analyzer_options().for_queries());
        let mut writer: tantivy::IndexWriter = store.index().writer(MIN_MEMORY_MB * 1024 * 1024)?;
        for q in questions {
            for d in super::documents::documents(q, &q.meta.doc_id, store.fields(), analyzer)? {
                writer.add_document(d)?;
            }
        }
        writer.commit()?;
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{documents, record_json};
    use crate::model::QuestionMeta;

    #[test]
    fn a_stored_question_reads_back_whole() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accuracy");
        let mut questions = 0;
        for entry in fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let bytes = fs::read(&path).expect("fixture");
            let text = crate::source::decode(&bytes).expect("decodes");
            let name = path.display().to_string();
            for q in crate::parse::parse_document(&text, &name, "f").expect("parses") {
                let json = record_json(&q).expect("encodes");
                let back: Record = serde_json::from_str(&json).expect("reads");
                // Read back whole, with what reading adds: its status (and, open, the
                // days it has waited).
                let mut back = back.into_question();
                assert_eq!(back.meta.status, Some(q.status()), "{name}");
                assert_eq!(
                    back.meta.days_open.is_some(),
                    q.status() == crate::model::Status::Open && q.meta.date.is_some(),
                    "{name}"
                );
                (back.meta.status, back.meta.days_open) = (None, None);
                assert_eq!(back, q, "{name}");
                // The text is stored once, not again in passages.
                if let Some(p) = q.passages.iter().find(|p| p.text.len() > 40) {
                    assert!(json.matches(p.text.as_str()).count() <= 1, "{name}");
                }
                questions += 1;
            }
        }
        assert!(
            questions >= 40,
            "only {questions} questions in the fixtures"
        );
    }

    #[test]
    fn a_record_that_cannot_be_read_is_named_by_its_doc_id() {
        let store = Store::in_ram(AnalyzerOptions::default()).expect("index");
        let q = Question {
            meta: QuestionMeta {
                doc_id: "sv-2024-3".into(),
                path: "sv-2024-3.txt".into(),
                ..QuestionMeta::default()
            },
            question: "Hoeveel?".into(),
            answer: None,
            passages: Vec::new(),
        };
        let mut docs =
            documents::documents(&q, "f", store.fields(), &analysis::DutchAnalyzer::default())
                .expect("documents");
        // The question document, its record cut short.
        let mut cut = TantivyDocument::default();
        for (field, value) in docs.remove(0).field_values() {
            if field == store.fields().record {
                cut.add_text(field, "{\"meta\":");
            } else {
                cut.add_field_value(field, value);
            }
        }
        let mut writer: tantivy::IndexWriter = store
            .index()
            .writer(MIN_MEMORY_MB * 1024 * 1024)
            .expect("writer");
        writer.add_document(cut).expect("add");
        writer.commit().expect("commit");
        let reader = store.reader().expect("reader");
        let err = store
            .question(&reader.searcher(), "sv-2024-3")
            .expect_err("a cut record");
        assert!(
            matches!(&err, Error::Record { doc_id, .. } if doc_id == "sv-2024-3"),
            "{err}"
        );
        assert!(err.to_string().contains("`sv-2024-3`"), "{err}");
    }
}

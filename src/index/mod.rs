//! The index on disk: schema, opening (analyzers registered, version checked), writing,
//! and the look-ups of stored questions by key.

pub mod acronyms;
mod documents;
pub(crate) mod postings;
mod schema;
mod state;
mod write;

pub(crate) use postings::{alive_with, each_term_with_prefix};
pub(crate) use schema::{Fields, KIND_FILE, KIND_QUESTION, name};
pub use write::{
    DEFAULT_MEMORY_MB, Incomplete, IndexOptions, IndexReport, MIN_MEMORY_MB, Progress, Quiet,
    index_paths, index_paths_with,
};

use crate::analysis::{self, AnalyzerOptions, DutchTokenizer, NameTokenizer};
use crate::error::{Error, Result};
use crate::model::{Question, QuestionMeta};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, ReloadPolicy, Searcher, SegmentReader, TantivyDocument,
    Term,
};

/// Where the command line keeps its index unless told otherwise (`--index DIR`).
pub const DEFAULT_DIR: &str = "index";

/// Changes whenever the schema or what is stored changes.
pub const FORMAT_VERSION: u32 = 15;
/// The file in the index folder that records who wrote the index.
pub const META_FILE: &str = "vraagbaak.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    format: u32,
    analyzer: u32,
    /// The analyzer's options: queries must be analyzed the same way.
    #[serde(default)]
    options: AnalyzerOptions,
    /// A hash of the list of known words compounds are cut into: another list cuts
    /// other parts, so the index must be rebuilt.
    #[serde(default)]
    lexicon: u64,
    /// A hash of the shipped acronym list of the binary that wrote the index. The list
    /// widens queries only, so another list needs no rebuild; this says which one it was.
    #[serde(default)]
    acronym_list: u64,
    written_by: String,
}

impl Meta {
    fn current() -> Meta {
        Meta::with(AnalyzerOptions::default())
    }

    fn with(options: AnalyzerOptions) -> Meta {
        Meta {
            format: FORMAT_VERSION,
            analyzer: analysis::ANALYZER_VERSION,
            options,
            lexicon: crate::source::fnv1a(analysis::compound::LEXICON.as_bytes()),
            acronym_list: crate::source::fnv1a(analysis::acronym::LIST.as_bytes()),
            written_by: format!("vraagbaak {}", env!("CARGO_PKG_VERSION")),
        }
    }

    fn describe(&self) -> String {
        format!(
            "{} (index format {}, analyzer {}, lexicon {:08x})",
            self.written_by,
            self.format,
            self.analyzer,
            self.lexicon >> 32
        )
    }
}

/// An open index.
pub struct Store {
    index: Index,
    fields: Fields,
    path: PathBuf,
    options: AnalyzerOptions,
}

/// Where a passage stands among passages of equal score, as one number (greater: first),
/// made of what a build does not change: the question's date (newest first; undated
/// last), its number (highest first), a slice of its key (the same id gives the same
/// key), and the passage's place in it (first passage first). Two builds of one corpus,
/// whatever their threads, commits and segments, order their hits alike.
pub(crate) fn tie_key(
    day: Option<time::Date>,
    number: Option<u32>,
    qkey: u64,
    ordinal: u32,
) -> u64 {
    // Days since 1900-01-01 fit 16 bits until 2079.
    let days = day.map_or(0, |d| {
        let epoch = time::Date::from_ordinal_date(1900, 1).map_or(0, |e| e.to_julian_day());
        (d.to_julian_day() - epoch).clamp(1, 0xFFFF) as u64
    });
    let number = u64::from(number.unwrap_or(0).min(0xF_FFFF));
    let key = qkey >> 46; // 18 bits
    let place = 0x3FF - u64::from(ordinal.min(0x3FF));
    (days << 48) | (number << 28) | (key << 10) | place
}

/// A query for a term that must be there, unscored.
pub(crate) fn term_query(
    field: tantivy::schema::Field,
    text: &str,
) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::TermQuery::new(
        Term::from_field_text(field, text),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// A query for every passage (no question or file document), unscored.
pub(crate) fn every_passage(f: &Fields) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::BooleanQuery::union(vec![
        term_query(f.part, crate::model::Part::Question.as_str()),
        term_query(f.part, crate::model::Part::Answer.as_str()),
    ]))
}

/// The 64-bit key of a question id, by which its documents find it.
pub(crate) fn question_key(doc_id: &str) -> u64 {
    crate::source::fnv1a(doc_id.as_bytes())
}

/// Whether `path` holds a tantivy index.
pub fn exists(path: &Path) -> bool {
    path.join("meta.json").is_file()
}

/// When the index at `path` was last written, if it exists.
pub fn last_written(path: &Path) -> Option<SystemTime> {
    fs::metadata(path.join(META_FILE)).ok()?.modified().ok()
}

fn read_meta(path: &Path) -> Result<Meta> {
    let file = path.join(META_FILE);
    let bytes = match fs::read(&file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::IncompatibleIndex {
                path: path.to_path_buf(),
                found: "another program or an unknown version".to_string(),
                expected: Meta::current().describe(),
            });
        }
        Err(e) => return Err(Error::io(file, e)),
    };
    serde_json::from_slice(&bytes).map_err(|_| Error::IncompatibleIndex {
        path: path.to_path_buf(),
        found: "an unknown version".to_string(),
        expected: Meta::current().describe(),
    })
}

/// The analyzer options of the index at `path`, when this version can read it.
fn check_meta(path: &Path) -> Result<AnalyzerOptions> {
    let meta = read_meta(path)?;
    let now = Meta::current();
    if meta.format != now.format || meta.analyzer != now.analyzer || meta.lexicon != now.lexicon {
        return Err(Error::IncompatibleIndex {
            path: path.to_path_buf(),
            found: meta.describe(),
            expected: now.describe(),
        });
    }
    Ok(meta.options)
}

/// Writes the metadata file atomically (a temporary file renamed over it): a search
/// that opens the index meanwhile reads the old file or the new, never half of one.
fn write_meta(path: &Path, options: AnalyzerOptions) -> Result<()> {
    let file = path.join(META_FILE);
    let tmp = path.join(format!(".{META_FILE}.tmp"));
    let json = serde_json::to_vec_pretty(&Meta::with(options)).map_err(|cause| Error::Encode {
        what: format!("the metadata of the index at {}", path.display()),
        cause,
    })?;
    fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, &file).map_err(|e| Error::io(file, e))
}

/// Removes the files of an index that cannot be opened (another version): the ones
/// tantivy lists as its own, and its metadata. Other files in the folder stay.
fn remove_index_files(path: &Path) -> Result<()> {
    let managed = path.join(".managed.json");
    let mut names: Vec<String> = fs::read(&managed)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    names.extend(["meta.json", ".managed.json", META_FILE].map(String::from));
    for name in names {
        let file = path.join(&name);
        match fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(file, e)),
        }
    }
    Ok(())
}

/// A new index goes into a missing or empty folder (a `.gitignore` and tantivy's lock
/// files aside): never among
/// a user's own files, as `--index corpus` by mistake would.
fn refuse_foreign_files(path: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(path) else {
        return Ok(()); // missing: created next
    };
    let foreign = entries.filter_map(|e| e.ok()).find(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        // Ours too: a run that stopped between writing them and creating the index.
        // tantivy's list of its files, left when its files were deleted by hand.
        let ours = [".gitignore", ".managed.json", META_FILE, "writer.json"]
            .contains(&name.as_ref())
            || name.starts_with(".tantivy-")
            || name.starts_with(&format!(".{META_FILE}"));
        !ours
    });
    match foreign {
        Some(e) => Err(Error::usage(format!(
            "{} is not an index and not empty (it holds {}); choose another folder for --index",
            crate::error::shown(path),
            e.file_name().to_string_lossy()
        ))),
        None => Ok(()),
    }
}

fn register_analyzers(index: &Index, options: AnalyzerOptions) {
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
        })
    }

    /// Searches run in the calling thread instead of over the segments in parallel: for
    /// a server, whose requests keep the cores busy on their own.
    pub fn search_in_one_thread(&mut self) {
        self.index.set_executor(tantivy::Executor::single_thread());
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
fn doc_id_of(segment: &SegmentReader, doc: DocId) -> Option<String> {
    let column = segment.fast_fields().str(name::DOC_ID).ok()??;
    let ord = column.term_ords(doc).next()?;
    let mut out = String::new();
    column.ord_to_str(ord, &mut out).ok()?.then_some(out)
}

/// A question as the index stores it: its meta and its texts; the passages are made
/// again from the texts ([`crate::parse::passages_of`]) instead of storing each text
/// twice. JSON.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    meta: Cow<'a, QuestionMeta>,
    question: Cow<'a, str>,
    answer: Option<Cow<'a, str>>,
    /// The page each passage starts on, in passage order (a PDF); empty for text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pages: Vec<Option<u32>>,
}

impl<'a> Record<'a> {
    fn of(q: &'a Question) -> Record<'a> {
        Record {
            meta: Cow::Borrowed(&q.meta),
            question: Cow::Borrowed(&q.question),
            answer: q.answer.as_deref().map(Cow::Borrowed),
            pages: if q.passages.iter().any(|p| p.page.is_some()) {
                q.passages.iter().map(|p| p.page).collect()
            } else {
                Vec::new()
            },
        }
    }

    fn into_question(self) -> Question {
        let mut passages = crate::parse::passages_of(&self.question, self.answer.as_deref());
        for (p, page) in passages.iter_mut().zip(&self.pages) {
            p.page = *page;
        }
        Question {
            meta: self.meta.into_owned(),
            question: self.question.into_owned(),
            answer: self.answer.map(Cow::into_owned),
            passages,
        }
    }
}

/// The stored form of `q` (see [`Record`]).
pub(crate) fn record_json(q: &Question) -> Result<String> {
    serde_json::to_string(&Record::of(q)).map_err(|cause| Error::Encode {
        what: format!("question `{}`", q.meta.doc_id),
        cause,
    })
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
            for d in documents::documents(q, &q.meta.doc_id, store.fields(), analyzer)? {
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
                assert_eq!(back.into_question(), q, "{name}");
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

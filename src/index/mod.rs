//! The index on disk: schema, opening (analyzers registered, version checked), writing.

pub mod acronyms;
mod schema;
mod state;
mod write;

pub use schema::{
    ASKER_NAME as ASKER_NAME_FIELD, DATE as DATE_FIELD, Fields, GROUP as GROUP_FIELD, KIND_FILE,
    KIND_QUESTION, MINISTER_NAME as MINISTER_NAME_FIELD, ORDINAL as ORDINAL_FIELD,
    QREF as QREF_FIELD, YEAR as YEAR_FIELD,
};
pub use state::FileState;
pub use write::{
    DEFAULT_MEMORY_MB, Incomplete, IndexOptions, IndexReport, MIN_MEMORY_MB, Progress, Quiet,
    index_paths, index_paths_with,
};

use crate::analysis::{self, AnalyzerOptions, DutchTokenizer, NameTokenizer};
use crate::error::{Error, Result};
use crate::model::Question;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, DocSet, Index, IndexReader, ReloadPolicy, Searcher, SegmentReader,
    TERMINATED, TantivyDocument, TantivyError, Term,
};

/// The first document of a segment that holds `term` and is not deleted.
fn first_alive(
    segment: &SegmentReader,
    field: tantivy::schema::Field,
    term: &Term,
) -> Result<Option<DocId>> {
    let inverted = segment.inverted_index(field)?;
    let Some(mut postings) = inverted
        .read_postings(term, IndexRecordOption::Basic)
        .map_err(TantivyError::from)?
    else {
        return Ok(None);
    };
    let mut doc = postings.doc();
    while doc != TERMINATED {
        if segment
            .alive_bitset()
            .is_none_or(|alive| alive.is_alive(doc))
        {
            return Ok(Some(doc));
        }
        doc = postings.advance();
    }
    Ok(None)
}

/// Calls `each` with every term of `field` that opens with `prefix`, segment by segment,
/// with the segment's inverted index and the term's info; `each` returns whether to go on
/// in this segment.
pub fn each_term_with_prefix(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    prefix: &str,
    mut each: impl FnMut(
        &SegmentReader,
        &tantivy::InvertedIndexReader,
        &str,
        &tantivy::postings::TermInfo,
    ) -> Result<bool>,
) -> Result<()> {
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(TantivyError::from)?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(prefix) || !each(segment, &inverted, term, stream.value())? {
                break;
            }
        }
    }
    Ok(())
}

/// Changes whenever the schema or what is stored changes.
pub const FORMAT_VERSION: u32 = 10;
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

/// The 64-bit key of a question id, by which its documents find it.
pub fn question_key(doc_id: &str) -> u64 {
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
    let json = serde_json::to_vec_pretty(&Meta::with(options)).unwrap_or_default();
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
        let ours = [".gitignore", META_FILE, "writer.json"].contains(&name.as_ref())
            || name.starts_with(".tantivy-")
            || name.starts_with(&format!(".{META_FILE}"));
        !ours
    });
    match foreign {
        Some(e) => Err(Error::usage(format!(
            "{} is not an index and not empty (it holds {}); choose another folder for --index",
            path.display(),
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
        let mut index = Index::open_in_dir(path)?;
        // A search runs over the segments in parallel, one thread a core: a query that
        // matches a third of a large corpus then costs its largest segment, not all.
        index.set_default_multithread_executor()?;
        register_analyzers(&index, options);
        let fields = Fields::of(&index.schema())?;
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
                Ok(found) if !rebuild || found == options => return Store::open(path),
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

    /// The options of the analyzer the index was written with.
    pub fn analyzer_options(&self) -> AnalyzerOptions {
        self.options
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// A reader of the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }

    /// The whole question with this id, as it was parsed.
    pub fn question(&self, searcher: &Searcher, doc_id: &str) -> Result<Option<Question>> {
        self.question_by_key(searcher, question_key(doc_id))
    }

    /// The whole question with this key (see [`question_key`]).
    pub fn question_by_key(&self, searcher: &Searcher, key: u64) -> Result<Option<Question>> {
        self.question_near(searcher, key, None)
    }

    /// The whole question with this key, looked for first in segment `near` (where its
    /// passages are, mostly).
    pub fn question_near(
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
            let Some(doc) = first_alive(segment, self.fields.qkey, &term)? else {
                continue;
            };
            let stored: TantivyDocument = searcher.doc(DocAddress::new(ord, doc))?;
            let json = stored
                .get_first(self.fields.record)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let record: Record = serde_json::from_str(json).map_err(|source| Error::Record {
                doc_id: format!("key {key:016x}"),
                source,
            })?;
            return Ok(Some(record.into_question()));
        }
        Ok(None)
    }
}

/// The documents of every segment that hold `term` and are not deleted, read from the
/// postings (no search, no threads: for look-ups of a handful of documents).
pub fn alive_with(searcher: &Searcher, term: &Term) -> Result<Vec<DocAddress>> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(term.field())?;
        let Some(mut postings) = inverted
            .read_postings(term, IndexRecordOption::Basic)
            .map_err(TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if segment
                .alive_bitset()
                .is_none_or(|alive| alive.is_alive(doc))
            {
                out.push(DocAddress::new(ord as u32, doc));
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}

/// A question as the index stores it: every field but the passages, which are made again
/// from the text and the answer ([`crate::parse::passages_of`]) instead of storing the
/// text twice. JSON.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    doc_id: Cow<'a, str>,
    path: Cow<'a, str>,
    number: Option<u32>,
    asker: Option<Cow<'a, str>>,
    minister: Option<Cow<'a, str>>,
    portfolio: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
    topic: Option<Cow<'a, str>>,
    question: Cow<'a, str>,
    answer: Option<Cow<'a, str>>,
}

impl<'a> Record<'a> {
    fn of(q: &'a Question) -> Record<'a> {
        let borrow = |s: &'a Option<String>| s.as_deref().map(Cow::Borrowed);
        Record {
            doc_id: Cow::Borrowed(&q.doc_id),
            path: Cow::Borrowed(&q.path),
            number: q.number,
            asker: borrow(&q.asker),
            minister: borrow(&q.minister),
            portfolio: borrow(&q.portfolio),
            date: borrow(&q.date),
            topic: borrow(&q.topic),
            question: Cow::Borrowed(&q.question),
            answer: borrow(&q.answer),
        }
    }

    fn into_question(self) -> Question {
        let own = |s: Option<Cow<'a, str>>| s.map(Cow::into_owned);
        let passages = crate::parse::passages_of(&self.question, self.answer.as_deref());
        Question {
            doc_id: self.doc_id.into_owned(),
            path: self.path.into_owned(),
            number: self.number,
            asker: own(self.asker),
            minister: own(self.minister),
            portfolio: own(self.portfolio),
            date: own(self.date),
            topic: own(self.topic),
            question: self.question.into_owned(),
            answer: own(self.answer),
            passages,
        }
    }
}

/// The stored form of `q` (see [`Record`]).
pub(crate) fn record_json(q: &Question) -> String {
    serde_json::to_string(&Record::of(q)).unwrap_or_default()
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
                let json = record_json(&q);
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
}

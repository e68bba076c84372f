//! The index schema. Three kinds of tantivy documents:
//!
//! - one per **passage**: what search finds, with its question's fields for filters;
//! - one per **question**: the whole parsed question, for `show` and for the hits;
//! - one per **file**: its state (size, modification time, content hash) at the last
//!   commit, so that an incremental run knows what changed. Being in the index, the state
//!   is always the state of the last commit, crash or no crash.

use crate::analysis;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

/// The name of every field, written once: the schema is built from these, the fields
/// are resolved by them, and columns are read by them.
pub(crate) mod name {
    pub const DOC_ID: &str = "doc_id";
    pub const FILE_ID: &str = "file_id";
    pub const KIND: &str = "kind";
    pub const QKEY: &str = "qkey";
    pub const QREF: &str = "qref";
    pub const RECORD: &str = "record";
    pub const COPY_KEY: &str = "copy_key";
    pub const SOURCE: &str = "source";
    pub const FSIZE: &str = "fsize";
    pub const FMTIME: &str = "fmtime";
    pub const FHASH: &str = "fhash";
    pub const FQUESTIONS: &str = "fquestions";
    pub const FREASON: &str = "freason";
    pub const ACRONYM: &str = "acronym";
    pub const MINISTER_NAME: &str = "minister_name";
    pub const ASKER_NAME: &str = "asker_name";
    pub const GROUP: &str = "group";
    pub const TEXT: &str = "text";
    pub const TOPIC: &str = "topic";
    pub const MINISTER: &str = "minister";
    pub const ASKER: &str = "asker";
    pub const DATE: &str = "date";
    pub const YEAR: &str = "year";
    pub const NUMBER: &str = "number";
    pub const PART: &str = "part";
    pub const ORDINAL: &str = "ordinal";
    pub const TIE: &str = "tie";
    pub const THEME: &str = "theme";
    pub const THEME_NAME: &str = "theme_name";
    pub const SESSION: &str = "session";
    pub const ANSWERED: &str = "answered";
    pub const STATUS: &str = "status";
    pub const DAYS: &str = "days";
}

use name::*;

/// The `kind` of a question document and of a file document (passages have `part`).
pub(crate) const KIND_QUESTION: &str = "question";
pub(crate) const KIND_FILE: &str = "file";

/// The fields, resolved once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// Question and file documents: the question's id (for a file document, the file's).
    pub doc_id: Field,
    /// Every document: the id of the file it came from; replacing a file deletes by it.
    pub file_id: Field,
    /// Question and file documents: which they are.
    pub kind: Field,
    /// Question documents: a 64-bit key of the id, to find the one question document.
    pub qkey: Field,
    /// Question and passage documents: the same key, as a fast field, so that a hit finds
    /// its question without a string look-up.
    pub qref: Field,
    /// Question documents: the parsed question as JSON.
    pub record: Field,
    /// Question documents: the key copies of one question share.
    pub copy_key: Field,
    /// File documents: the file's absolute path, and its state.
    pub source: Field,
    pub fsize: Field,
    pub fmtime: Field,
    pub fhash: Field,
    pub fquestions: Field,
    /// File documents: why the file gave no question, if it gave none.
    pub freason: Field,
    /// Question documents: the acronyms its text defines (see `index::learned`).
    pub acronym: Field,
    /// Passage and question documents: the record's themes, folded (filters), as
    /// written (facets), its session, and whether the answer came in time
    /// (`in-time`, `late`); question documents: the days to answer.
    pub theme: Field,
    pub theme_name: Field,
    pub session: Field,
    pub answered: Field,
    /// Passage and question documents: `open` or `answered`.
    pub status: Field,
    pub days: Field,
    /// Question and passage documents: the names as written, as columns only, for
    /// counts per minister and per asker.
    pub minister_name: Field,
    pub asker_name: Field,
    // Passage documents:
    pub group: Field,
    pub text: Field,
    pub topic: Field,
    pub minister: Field,
    pub asker: Field,
    pub date: Field,
    pub year: Field,
    pub number: Field,
    pub part: Field,
    pub ordinal: Field,
    /// Every document: where a passage stands among passages of equal score, the same on
    /// every build (see `index::tie_key`); 0 for questions and files.
    pub tie: Field,
}

pub(crate) fn build() -> tantivy::Result<(Schema, Fields)> {
    let mut b = Schema::builder();
    let dutch = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::DUTCH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let names = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::NAMES)
            .set_index_option(IndexRecordOption::Basic),
    );
    b.add_text_field(DOC_ID, STRING | FAST);
    for column in [MINISTER_NAME, ASKER_NAME] {
        b.add_text_field(column, FAST);
    }
    for raw in [FILE_ID, KIND, PART, ACRONYM, THEME, SESSION] {
        b.add_text_field(raw, STRING);
    }
    // A column too: the statistics count open questions.
    b.add_text_field(STATUS, STRING | FAST);
    // Read for the statistics too.
    b.add_text_field(ANSWERED, STRING | FAST);
    // The themes as the record writes them, for the facet and the statistics.
    b.add_text_field(THEME_NAME, FAST);
    // Question documents: days to answer, where known.
    b.add_u64_field(DAYS, FAST);
    b.add_text_field(RECORD, STORED);
    b.add_text_field(FREASON, STORED);
    b.add_text_field(SOURCE, STRING | FAST);
    b.add_u64_field(COPY_KEY, INDEXED);
    b.add_u64_field(QKEY, INDEXED);
    for fast in [FSIZE, FMTIME, FHASH, FQUESTIONS, GROUP, YEAR, ORDINAL, TIE] {
        b.add_u64_field(fast, FAST);
    }
    // Indexed too: a search within given questions (a page's extra passages).
    b.add_u64_field(QREF, INDEXED | FAST);
    b.add_u64_field(NUMBER, INDEXED | FAST);
    b.add_text_field(TEXT, dutch.clone());
    b.add_text_field(TOPIC, dutch);
    b.add_text_field(MINISTER, names.clone());
    b.add_text_field(ASKER, names);
    // Read from the column only: the date filter checks each matching passage. Question
    // documents carry it too (the date asked), for the statistics; no query reaches them.
    b.add_date_field(
        DATE,
        DateOptions::default()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    let schema = b.build();
    let fields = Fields::of(&schema)?;
    Ok((schema, fields))
}

impl Fields {
    /// Resolves the fields of an index's schema.
    pub(crate) fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            doc_id: f(DOC_ID)?,
            file_id: f(FILE_ID)?,
            kind: f(KIND)?,
            qkey: f(QKEY)?,
            qref: f(QREF)?,
            record: f(RECORD)?,
            copy_key: f(COPY_KEY)?,
            source: f(SOURCE)?,
            fsize: f(FSIZE)?,
            fmtime: f(FMTIME)?,
            fhash: f(FHASH)?,
            fquestions: f(FQUESTIONS)?,
            freason: f(FREASON)?,
            acronym: f(ACRONYM)?,
            theme: f(THEME)?,
            theme_name: f(THEME_NAME)?,
            session: f(SESSION)?,
            answered: f(ANSWERED)?,
            status: f(STATUS)?,
            days: f(DAYS)?,
            minister_name: f(MINISTER_NAME)?,
            asker_name: f(ASKER_NAME)?,
            group: f(GROUP)?,
            text: f(TEXT)?,
            topic: f(TOPIC)?,
            minister: f(MINISTER)?,
            asker: f(ASKER)?,
            date: f(DATE)?,
            year: f(YEAR)?,
            number: f(NUMBER)?,
            part: f(PART)?,
            ordinal: f(ORDINAL)?,
            tie: f(TIE)?,
        })
    }
}

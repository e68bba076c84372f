//! The index schema: one tantivy document per passage, plus one per question that keeps
//! the whole parsed question for `show` and for the hits.

use crate::analysis;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};

/// The fields, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// On every document: the question's stable id (raw; hit look-ups).
    pub doc_id: Field,
    /// On every document: the id of the file it came from (raw; replacing a file's
    /// questions deletes by it).
    pub file_id: Field,
    /// On question documents only: the id again, to find the one question document.
    pub qid: Field,
    /// On question documents only: the parsed question as JSON.
    pub record: Field,
    /// On question documents only: the absolute path of the file (raw).
    pub source: Field,
    /// On question documents only: the key copies of one question share (0: none).
    pub copy_key: Field,
    /// On passage documents: their question's copy key, to group copies in the hits.
    pub group: Field,
    // On passage documents:
    pub text: Field,
    pub topic: Field,
    pub minister: Field,
    pub asker: Field,
    pub date: Field,
    pub year: Field,
    pub number: Field,
    pub part: Field,
    pub ordinal: Field,
}

pub const DOC_ID: &str = "doc_id";
pub const ORDINAL: &str = "ordinal";
pub const GROUP: &str = "group";

pub fn build() -> (Schema, Fields) {
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
    let fields = Fields {
        doc_id: b.add_text_field(DOC_ID, STRING | FAST),
        file_id: b.add_text_field("file_id", STRING),
        qid: b.add_text_field("qid", STRING),
        record: b.add_text_field("record", STORED),
        source: b.add_text_field("source", STRING),
        copy_key: b.add_u64_field("copy_key", INDEXED),
        group: b.add_u64_field(GROUP, FAST),
        text: b.add_text_field("text", dutch.clone()),
        topic: b.add_text_field("topic", dutch),
        minister: b.add_text_field("minister", names.clone()),
        asker: b.add_text_field("asker", names),
        date: b.add_date_field(
            "date",
            DateOptions::from(INDEXED)
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        year: b.add_u64_field("year", FAST),
        number: b.add_u64_field("number", INDEXED | FAST),
        part: b.add_text_field("part", STRING),
        ordinal: b.add_u64_field(ORDINAL, FAST),
    };
    (b.build(), fields)
}

impl Fields {
    /// Resolves the fields of an opened index's schema.
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            doc_id: f(DOC_ID)?,
            file_id: f("file_id")?,
            qid: f("qid")?,
            record: f("record")?,
            source: f("source")?,
            copy_key: f("copy_key")?,
            group: f(GROUP)?,
            text: f("text")?,
            topic: f("topic")?,
            minister: f("minister")?,
            asker: f("asker")?,
            date: f("date")?,
            year: f("year")?,
            number: f("number")?,
            part: f("part")?,
            ordinal: f(ORDINAL)?,
        })
    }
}

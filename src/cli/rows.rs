//! Hits as rows: CSV with a header (every field, text quoted as CSV quotes it) and JSON
//! lines. Each hit is written as it comes, nothing is kept.

use std::io::{self, Write};
use vraagbaak::search::{Hit, Unit};

/// The columns of a passage row; a question row (`--questions`) adds
/// `matching_passages`, the only hits that carry it.
const COLUMNS: [&str; 25] = [
    "rank",
    "score",
    "doc_id",
    "number",
    "date",
    "asker",
    "minister",
    "portfolio",
    "topic",
    "part",
    "label",
    "page",
    "passage",
    "snippet",
    "answers",
    "answered",
    "also_answered_by",
    "path",
    "ocr",
    "themes",
    "session",
    "answered_on",
    "days_to_answer",
    "timely",
    "source_url",
];

/// What separates the items of a list in one cell (labels hold no `;`).
pub const LIST_SEPARATOR: &str = "; ";

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes hits as CSV rows after a header.
pub struct CsvRows<W: Write> {
    writer: csv::Writer<W>,
    unit: Unit,
    header: bool,
}

impl<W: Write> CsvRows<W> {
    pub fn new(out: W, unit: Unit) -> CsvRows<W> {
        CsvRows {
            writer: csv::WriterBuilder::new().flexible(false).from_writer(out),
            unit,
            header: false,
        }
    }

    fn write_header(&mut self) -> io::Result<()> {
        self.header = true;
        let mut head: Vec<&str> = COLUMNS.to_vec();
        if self.unit == Unit::Question {
            head.push("matching_passages");
        }
        self.writer.write_record(&head).map_err(csv_error)
    }

    pub fn write(&mut self, hit: &Hit) -> io::Result<()> {
        if !self.header {
            self.write_header()?;
        }
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let m = &hit.meta;
        let mut row = vec![
            hit.rank.to_string(),
            hit.score.to_string(),
            m.doc_id.clone(),
            m.number.map(|n| n.to_string()).unwrap_or_default(),
            opt(&m.date),
            opt(&m.asker),
            opt(&m.minister),
            opt(&m.portfolio),
            opt(&m.topic),
            hit.part.to_string(),
            opt(&hit.label),
            hit.page.map(|p| p.to_string()).unwrap_or_default(),
            hit.passage.clone(),
            hit.snippet.clone(),
            hit.answers.join(LIST_SEPARATOR),
            hit.answered.join(LIST_SEPARATOR),
            hit.also_answered_by
                .iter()
                .map(|l| l.doc_id.as_str())
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            m.path.clone(),
            m.ocr.to_string(),
            m.themes.join(LIST_SEPARATOR),
            opt(&m.session),
            opt(&m.answered_on),
            m.days_to_answer.map(|d| d.to_string()).unwrap_or_default(),
            m.timely.map(|t| t.to_string()).unwrap_or_default(),
            opt(&m.source_url),
        ];
        if self.unit == Unit::Question {
            row.push(
                hit.matching_passages
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            );
        }
        self.writer.write_record(&row).map_err(csv_error)
    }

    /// Writes the header if no hit came, and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.header {
            self.write_header()?;
        }
        self.writer.flush()
    }
}

/// One value as one line of JSON.
pub fn json_line(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

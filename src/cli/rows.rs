//! Hits as rows: CSV with a header (every field, text quoted as CSV quotes it) and JSON
//! lines. Each hit is written as it comes, nothing is kept.

use std::io::{self, Write};
use std::path::Path;
use vraagbaak::lookup::Table;
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

/// One table of the statistics as CSV: its column keys, then its rows.
pub fn table_csv(out: impl Write, table: &Table) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new().flexible(false).from_writer(out);
    writer
        .write_record(table.columns.iter().map(|(key, _)| *key))
        .map_err(csv_error)?;
    for row in &table.rows {
        writer.write_record(row).map_err(csv_error)?;
    }
    writer.flush()
}

/// [`table_csv`] into the file `path` (its folder made where missing), written whole
/// under another name first, so that a failure leaves no half file.
pub fn table_csv_file(path: &Path, table: &Table) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    table_csv(io::BufWriter::new(file.as_file_mut()), table)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// A table's rows as JSON objects keyed by its columns (an unknown value null, a
/// number a number).
pub fn table_objects(table: &Table) -> Vec<serde_json::Map<String, serde_json::Value>> {
    table
        .rows
        .iter()
        .map(|row| {
            table
                .columns
                .iter()
                .zip(row)
                .enumerate()
                .map(|(i, ((key, _), v))| {
                    // The first column names the row (a year excepted): text, always.
                    let named = i == 0 && *key != "year";
                    let value = if v.is_empty() {
                        serde_json::Value::Null
                    } else if !named && let Ok(n) = v.parse::<serde_json::Number>() {
                        serde_json::Value::Number(n)
                    } else {
                        serde_json::Value::String(v.clone())
                    };
                    (key.to_string(), value)
                })
                .collect()
        })
        .collect()
}

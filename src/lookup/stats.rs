//! `stats`: what the index holds, counted from its columns.

use crate::error::{Error, Result};
use crate::index::{self, KIND_FILE, KIND_QUESTION, Store, every_passage, term_query};
use crate::search::{Facet, Facets, Filters, Tallier};
use serde::Serialize;
use tantivy::collector::Count;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// The figures of an index.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The index folder.
    pub index: String,
    pub questions: usize,
    pub passages: usize,
    /// Files indexed (those that gave no question included).
    pub files: usize,
    /// The index's files on disk.
    pub size_bytes: u64,
    /// When the last run committed (RFC 3339, UTC).
    pub last_update: Option<String>,
    pub format: u32,
    /// Questions per minister, the most first, all of them.
    pub ministers: Facet,
    /// Questions per year, latest first, all of them.
    pub years: Facet,
    /// The members who asked the most questions.
    pub askers: Facet,
    /// Questions per theme (the parliament's records), the most first, all of them.
    pub themes: Facet,
    /// Questions still waiting for an answer.
    pub open: usize,
    /// Per minister: asked, answered, open, the longest open, days to answer, share
    /// late; the most asked first.
    pub per_minister: Vec<MinisterFigures>,
    /// Per month, oldest first: asked, answered, median days to answer.
    pub per_month: Vec<MonthFigures>,
}

/// Per minister, the questions put, where they stand and how long answers took.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinisterFigures {
    pub minister: String,
    /// Questions put to the minister.
    pub asked: usize,
    /// Of those, answered (the record has an answering step or the document an answer).
    pub answered: usize,
    /// Of those, still waiting for an answer.
    pub open: usize,
    /// The open question waiting longest: its id and its days open (counted today).
    pub longest_open: Option<String>,
    pub longest_open_days: Option<i64>,
    /// Answered questions whose days to answer are known.
    pub timed: usize,
    /// Days to answer: the median (the mean of the middle two of an even count) and
    /// the 90th percentile (nearest rank: the smallest value at or above 90% of them).
    pub median_days: Option<f64>,
    pub p90_days: Option<u64>,
    /// Questions the record says were answered late, and their share of those whose
    /// record says in time or late.
    pub late: usize,
    pub late_share: Option<f64>,
}

/// Per calendar month: the questions asked in it, those answered in it (the date
/// asked plus the days to answer), and the median days to answer of the latter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    pub asked: usize,
    pub answered: usize,
    pub median_days: Option<f64>,
}

/// The median and nearest-rank 90th percentile of `days` (sorted here).
pub fn median_and_p90(days: &mut [u64]) -> (Option<f64>, Option<u64>) {
    if days.is_empty() {
        return (None, None);
    }
    days.sort_unstable();
    let n = days.len();
    let median = if n % 2 == 1 {
        days[n / 2] as f64
    } else {
        (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
    };
    let rank = (n * 9).div_ceil(10).max(1);
    (Some(median), Some(days[rank - 1]))
}

/// One question as the statistics read it from the columns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    pub minister: String,
    pub asked: Option<Date>,
    pub days: Option<u64>,
    /// In time (true) or late (false), as the record says.
    pub timely: Option<bool>,
    pub open: bool,
    /// Read for open questions only (the longest open is named).
    pub doc_id: String,
}

/// The questions' rows, read from the question documents' columns; of the questions in
/// `only` (by key) where given.
fn rows(
    store: &Store,
    searcher: &tantivy::Searcher,
    only: Option<&rustc_hash::FxHashMap<u64, u32>>,
) -> Result<Vec<Row>> {
    use crate::index::name::{ANSWERED, DATE, DAYS, DOC_ID, MINISTER_NAME, QREF, STATUS};
    let term = tantivy::Term::from_field_text(store.fields().kind, KIND_QUESTION);
    let io = |e: std::io::Error| Error::io(store.path(), e);
    // The first value of a text column, in `buf` (empty when none).
    let text = |column: &Option<tantivy::columnar::StrColumn>,
                doc: tantivy::DocId,
                buf: &mut String|
     -> Result<()> {
        buf.clear();
        if let Some(c) = column
            && let Some(ord) = c.term_ords(doc).next()
            && !c.ord_to_str(ord, buf).map_err(io)?
        {
            buf.clear();
        }
        Ok(())
    };
    let mut out = Vec::new();
    let mut how = String::new();
    for segment in searcher.segment_readers() {
        let Some(postings) = crate::index::postings::postings_of(segment, &term)? else {
            continue;
        };
        let fast = segment.fast_fields();
        let ministers = fast.str(MINISTER_NAME)?;
        let answered = fast.str(ANSWERED)?;
        let status = fast.str(STATUS)?;
        let ids = fast.str(DOC_ID)?;
        let days = fast.column_opt::<u64>(DAYS)?;
        let keys = fast.column_opt::<u64>(QREF)?;
        let dates = fast.column_opt::<tantivy::DateTime>(DATE)?;
        for doc in crate::index::postings::alive(segment, postings) {
            if let Some(only) = only {
                let key = keys.as_ref().and_then(|c| c.first(doc));
                if !key.is_some_and(|k| only.contains_key(&k)) {
                    continue;
                }
            }
            let mut row = Row::default();
            text(&ministers, doc, &mut row.minister)?;
            row.days = days.as_ref().and_then(|c| c.first(doc));
            row.asked = dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .and_then(|d| OffsetDateTime::from_unix_timestamp(d.into_timestamp_secs()).ok())
                .map(|d| d.date());
            text(&answered, doc, &mut how)?;
            row.timely = match how.as_str() {
                "late" => Some(false),
                "in-time" => Some(true),
                _ => None,
            };
            text(&status, doc, &mut how)?;
            row.open = how == crate::model::Status::Open.as_str();
            if row.open {
                text(&ids, doc, &mut row.doc_id)?;
            }
            out.push(row);
        }
    }
    Ok(out)
}

/// The figures per minister of these rows (questions with no minister left out), the
/// most asked first.
pub(crate) fn per_minister(rows: &[Row], today: Date) -> Vec<MinisterFigures> {
    #[derive(Default)]
    struct Acc<'a> {
        asked: usize,
        open: usize,
        longest: Option<(i64, &'a str)>,
        days: Vec<u64>,
        late: usize,
        in_time: usize,
    }
    let mut per: std::collections::BTreeMap<&str, Acc> = std::collections::BTreeMap::new();
    for row in rows.iter().filter(|r| !r.minister.is_empty()) {
        let acc = per.entry(row.minister.as_str()).or_default();
        acc.asked += 1;
        if row.open {
            acc.open += 1;
            if let Some(asked) = row.asked {
                let days = (today - asked).whole_days();
                // The longest open; of equals, the first id (the same on every run).
                let longer = match acc.longest {
                    None => true,
                    Some((d, id)) => days > d || (days == d && row.doc_id.as_str() < id),
                };
                if longer {
                    acc.longest = Some((days, row.doc_id.as_str()));
                }
            }
        } else if let Some(d) = row.days {
            acc.days.push(d);
        }
        match row.timely {
            Some(true) => acc.in_time += 1,
            Some(false) => acc.late += 1,
            None => {}
        }
    }
    let mut out: Vec<MinisterFigures> = per
        .into_iter()
        .map(|(minister, mut acc)| {
            let (median_days, p90_days) = median_and_p90(&mut acc.days);
            let judged = acc.late + acc.in_time;
            MinisterFigures {
                minister: minister.to_string(),
                asked: acc.asked,
                answered: acc.asked - acc.open,
                open: acc.open,
                longest_open: acc.longest.map(|(_, id)| id.to_string()),
                longest_open_days: acc.longest.map(|(d, _)| d),
                timed: acc.days.len(),
                median_days,
                p90_days,
                late: acc.late,
                late_share: (judged > 0).then(|| acc.late as f64 / judged as f64),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.asked
            .cmp(&a.asked)
            .then_with(|| a.minister.cmp(&b.minister))
    });
    out
}

/// The first day of the month of `day`.
fn month_of(day: Date) -> Date {
    day.replace_day(1).unwrap_or(day)
}

/// The figures per month of these rows, every month from the first to the last that
/// has a question asked or answered (months with none included, as zeros), oldest first.
pub(crate) fn per_month(rows: &[Row]) -> Vec<MonthFigures> {
    // month -> (asked, days of the answers given in it)
    let mut per: std::collections::BTreeMap<Date, (usize, Vec<u64>)> =
        std::collections::BTreeMap::new();
    for row in rows {
        let Some(asked) = row.asked else { continue };
        per.entry(month_of(asked)).or_default().0 += 1;
        if !row.open
            && let Some(d) = row.days
            && let Some(answered) = i64::try_from(d)
                .ok()
                .and_then(|d| asked.checked_add(time::Duration::days(d)))
        {
            per.entry(month_of(answered)).or_default().1.push(d);
        }
    }
    let (Some(first), Some(last)) = (per.keys().next().copied(), per.keys().next_back().copied())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut month = first;
    while month <= last {
        let (asked, mut days) = per.remove(&month).unwrap_or_default();
        let (median_days, _) = median_and_p90(&mut days);
        out.push(MonthFigures {
            month: format!("{:04}-{:02}", month.year(), u8::from(month.month())),
            asked,
            answered: days.len(),
            median_days,
        });
        // The first of the next month: a month has at most 31 days.
        month = month_of(month + time::Duration::days(32));
    }
    out
}

/// The size of the files directly in `path` (an index folder has no subfolders).
fn folder_size(path: &std::path::Path) -> Result<u64> {
    let entries = std::fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    let mut size = 0;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let meta = entry.metadata().map_err(|e| Error::io(entry.path(), e))?;
        if meta.is_file() {
            size += meta.len();
        }
    }
    Ok(size)
}

/// Today, as the days open are counted.
pub(crate) fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// Counts the index: questions per minister and per year (all), the `top_askers` who
/// asked most, passages, files, size on disk, last update, the figures per minister and
/// per month.
pub fn stats(store: &Store, top_askers: usize) -> Result<Stats> {
    stats_of(store, top_askers, &Filters::default())
}

/// [`stats`] of the questions these filters let through (as `search` with the filters
/// and no word lists them).
pub fn stats_of(store: &Store, top_askers: usize, filters: &Filters) -> Result<Stats> {
    let session = crate::search::Session::open(store)?;
    stats_in(&session, top_askers, filters, today())
}

/// [`stats`] in a session's view of the index, of the questions the filters let
/// through, the days open counted on `today`.
pub(crate) fn stats_in(
    session: &crate::search::Session,
    top_askers: usize,
    filters: &Filters,
    today: Date,
) -> Result<Stats> {
    let store = &session.store;
    let searcher = session.searcher();
    let f = store.fields();
    let matching = if filters.is_empty() {
        None
    } else {
        Some(session.matching(filters)?)
    };
    let (tally, passages, only) = match &matching {
        Some(query) => {
            let tally = searcher.search(query.as_ref(), &Tallier { names: true })?;
            let passages = tally.documents;
            (tally, passages, true)
        }
        None => (
            searcher.search(
                term_query(f.kind, KIND_QUESTION).as_ref(),
                &Tallier { names: true },
            )?,
            searcher.search(every_passage(f).as_ref(), &Count)?,
            false,
        ),
    };
    let files = searcher.search(term_query(f.kind, KIND_FILE).as_ref(), &Count)?;
    let rows = rows(store, searcher, only.then_some(&tally.questions))?;
    let facets = Facets::with_sizes(&tally, [usize::MAX, usize::MAX, top_askers]);
    let last_update = index::last_written(store.path()).and_then(|t| {
        OffsetDateTime::from(t)
            .replace_nanosecond(0)
            .ok()?
            .format(&Rfc3339)
            .ok()
    });
    Ok(Stats {
        index: crate::error::shown(store.path()),
        questions: tally.questions.len(),
        passages,
        files,
        size_bytes: folder_size(store.path())?,
        last_update,
        format: index::FORMAT_VERSION,
        ministers: facets.minister,
        years: facets.year,
        askers: facets.asker,
        themes: facets.themes,
        open: rows.iter().filter(|r| r.open).count(),
        per_minister: per_minister(&rows, today),
        per_month: per_month(&rows),
    })
}

/// The names of the statistics' tables, in the order they are given.
pub const TABLES: [&str; 5] = ["ministers", "months", "themes", "askers", "years"];

/// One table of the statistics, as a CSV file, the page and the terminal show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// One of [`TABLES`]: the CSV file's name, the `--table` choice.
    pub name: &'static str,
    /// What the table counts, in Dutch (the page's caption).
    pub title: &'static str,
    /// Each column: its key (the CSV header) and its Dutch label (the page's header).
    pub columns: Vec<(&'static str, &'static str)>,
    /// The values, as written (an unknown value empty).
    pub rows: Vec<Vec<String>>,
}

/// A number of days with at most one decimal: `12`, `12.5`.
fn days(d: f64) -> String {
    if d.fract() == 0.0 {
        format!("{d:.0}")
    } else {
        format!("{d:.1}")
    }
}

fn or_empty<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A facet as rows of a value and its count (the others and the unknown left out).
fn facet_rows(facet: &Facet) -> Vec<Vec<String>> {
    facet
        .values
        .iter()
        .map(|c| vec![c.value.to_string(), c.count.to_string()])
        .collect()
}

impl Table {
    /// The table with only these columns (by key, in this order; unknown keys left out).
    pub fn only(&self, keys: &[&str]) -> Table {
        let at: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.columns.iter().position(|(key, _)| key == k))
            .collect();
        Table {
            name: self.name,
            title: self.title,
            columns: at.iter().map(|&i| self.columns[i]).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    at.iter()
                        .map(|&i| r.get(i).cloned().unwrap_or_default())
                        .collect()
                })
                .collect(),
        }
    }
}

impl Stats {
    /// Every table, in the order of [`TABLES`].
    pub fn tables(&self) -> Vec<Table> {
        TABLES.iter().filter_map(|name| self.table(name)).collect()
    }

    /// The table named `name` (one of [`TABLES`]).
    pub fn table(&self, name: &str) -> Option<Table> {
        Some(match name {
            "ministers" => Table {
                name: "ministers",
                title: "Per minister",
                columns: vec![
                    ("minister", "Minister"),
                    ("asked", "Gesteld"),
                    ("answered", "Beantwoord"),
                    ("open", "Open"),
                    ("longest_open_days", "Langst open (dagen)"),
                    ("longest_open", "Langst open (vraag)"),
                    ("median_days", "Mediaan (dagen)"),
                    ("p90_days", "90e percentiel (dagen)"),
                    ("late", "Laat beantwoord"),
                    ("late_share", "Aandeel laat"),
                ],
                rows: self
                    .per_minister
                    .iter()
                    .map(|m| {
                        vec![
                            m.minister.clone(),
                            m.asked.to_string(),
                            m.answered.to_string(),
                            m.open.to_string(),
                            or_empty(m.longest_open_days),
                            m.longest_open.clone().unwrap_or_default(),
                            m.median_days.map(days).unwrap_or_default(),
                            or_empty(m.p90_days),
                            m.late.to_string(),
                            m.late_share.map(|s| format!("{s:.3}")).unwrap_or_default(),
                        ]
                    })
                    .collect(),
            },
            "months" => Table {
                name: "months",
                title: "Per maand",
                columns: vec![
                    ("month", "Maand"),
                    ("asked", "Gesteld"),
                    ("answered", "Beantwoord"),
                    ("median_days", "Mediaan (dagen)"),
                ],
                rows: self
                    .per_month
                    .iter()
                    .map(|m| {
                        vec![
                            m.month.clone(),
                            m.asked.to_string(),
                            m.answered.to_string(),
                            m.median_days.map(days).unwrap_or_default(),
                        ]
                    })
                    .collect(),
            },
            "themes" => Table {
                name: "themes",
                title: "Per thema",
                columns: vec![("theme", "Thema"), ("questions", "Vragen")],
                rows: facet_rows(&self.themes),
            },
            "askers" => Table {
                name: "askers",
                title: "Per vraagsteller",
                columns: vec![("asker", "Vraagsteller"), ("questions", "Vragen")],
                rows: facet_rows(&self.askers),
            },
            "years" => Table {
                name: "years",
                title: "Per jaar",
                columns: vec![("year", "Jaar"), ("questions", "Vragen")],
                rows: facet_rows(&self.years),
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn row(minister: &str, asked: Date, days: Option<u64>) -> Row {
        Row {
            minister: minister.into(),
            asked: Some(asked),
            days,
            timely: None,
            open: days.is_none(),
            doc_id: format!("q-{asked}"),
        }
    }

    #[test]
    fn months_run_on_over_a_new_year_and_count_answers_where_given() {
        let rows = [
            row("A", date!(2024 - 11 - 20), Some(50)),
            row("A", date!(2024 - 12 - 20), Some(20)),
            row("B", date!(2025 - 02 - 01), None),
        ];
        let months = per_month(&rows);
        let names: Vec<&str> = months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(names, ["2024-11", "2024-12", "2025-01", "2025-02"]);
        let asked: Vec<usize> = months.iter().map(|m| m.asked).collect();
        assert_eq!(asked, [1, 1, 0, 1]);
        // Both answered in January (2025-01-09 and 2025-01-09).
        assert_eq!(months[2].answered, 2);
        assert_eq!(months[2].median_days, Some(35.0));
        assert!(per_month(&[]).is_empty());
    }

    #[test]
    fn the_longest_open_is_counted_on_the_day_given() {
        let rows = [
            row("A", date!(2026 - 01 - 01), None),
            row("A", date!(2026 - 03 - 01), None),
            row("A", date!(2026 - 01 - 05), Some(9)),
            row("", date!(2025 - 01 - 05), None),
        ];
        let per = per_minister(&rows, date!(2026 - 01 - 31));
        assert_eq!(per.len(), 1, "no minister, not counted");
        let a = &per[0];
        assert_eq!((a.asked, a.answered, a.open, a.timed), (3, 1, 2, 1));
        assert_eq!(a.longest_open.as_deref(), Some("q-2026-01-01"));
        assert_eq!(a.longest_open_days, Some(30));
    }
}

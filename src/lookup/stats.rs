//! `stats`: what the index holds, counted from its columns.

use crate::error::{Error, Result};
use crate::index::{self, KIND_FILE, KIND_QUESTION, Store, every_passage, term_query};
use crate::search::{Facet, Facets, Filters, Tallier};
use serde::Serialize;
use tantivy::collector::Count;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

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
    /// Per minister, how long answers took, from the records (ministers with no
    /// answered question left out), the most answers first.
    pub answer_times: Vec<AnswerTimes>,
}

/// How long a minister took to answer, as the parliament's records say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerTimes {
    pub minister: String,
    /// Questions with a known answer date.
    pub answered: usize,
    /// Days to answer: the median (the mean of the middle two of an even count) and
    /// the 90th percentile (nearest rank: the smallest value at or above 90% of them).
    pub median_days: Option<f64>,
    pub p90_days: Option<u64>,
    /// Questions the record says were answered late, and their share of those whose
    /// record says in time or late.
    pub late: usize,
    pub late_share: Option<f64>,
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

/// The answer times per minister, read from the question documents' columns; of the
/// questions in `only` (by key) where given.
fn answer_times(
    store: &Store,
    searcher: &tantivy::Searcher,
    only: Option<&rustc_hash::FxHashMap<u64, u32>>,
) -> Result<Vec<AnswerTimes>> {
    use crate::index::name::{ANSWERED, DAYS, MINISTER_NAME, QREF};
    let term = tantivy::Term::from_field_text(store.fields().kind, KIND_QUESTION);
    // minister -> (days of each answer, late, in time)
    let mut per: std::collections::BTreeMap<String, (Vec<u64>, usize, usize)> =
        std::collections::BTreeMap::new();
    let (mut name, mut how) = (String::new(), String::new());
    for segment in searcher.segment_readers() {
        let Some(postings) = crate::index::postings::postings_of(segment, &term)? else {
            continue;
        };
        let fast = segment.fast_fields();
        let ministers = fast.str(MINISTER_NAME)?;
        let answered = fast.str(ANSWERED)?;
        let days = fast.column_opt::<u64>(DAYS)?;
        let keys = fast.column_opt::<u64>(QREF)?;
        for doc in crate::index::postings::alive(segment, postings) {
            if let Some(only) = only {
                let key = keys.as_ref().and_then(|c| c.first(doc));
                if !key.is_some_and(|k| only.contains_key(&k)) {
                    continue;
                }
            }
            let Some(ord) = ministers.as_ref().and_then(|c| c.term_ords(doc).next()) else {
                continue;
            };
            name.clear();
            let io = |e: std::io::Error| Error::io(store.path(), e);
            let known = match &ministers {
                Some(c) => c.ord_to_str(ord, &mut name).map_err(io)?,
                None => false,
            };
            if !known || name.is_empty() {
                continue;
            }
            if !per.contains_key(&name) {
                per.insert(name.clone(), Default::default());
            }
            let Some(entry) = per.get_mut(&name) else {
                continue;
            };
            if let Some(d) = days.as_ref().and_then(|c| c.first(doc)) {
                entry.0.push(d);
            }
            how.clear();
            if let Some(c) = &answered
                && let Some(o) = c.term_ords(doc).next()
                && c.ord_to_str(o, &mut how).map_err(io)?
            {
                match how.as_str() {
                    "late" => entry.1 += 1,
                    "in-time" => entry.2 += 1,
                    _ => {}
                }
            }
        }
    }
    let mut out: Vec<AnswerTimes> = per
        .into_iter()
        .filter(|(_, (days, late, in_time))| !days.is_empty() || late + in_time > 0)
        .map(|(minister, (mut days, late, in_time))| {
            let (median_days, p90_days) = median_and_p90(&mut days);
            AnswerTimes {
                minister,
                answered: days.len(),
                median_days,
                p90_days,
                late,
                late_share: (late + in_time > 0).then(|| late as f64 / (late + in_time) as f64),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.answered
            .cmp(&a.answered)
            .then_with(|| a.minister.cmp(&b.minister))
    });
    Ok(out)
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

/// Counts the index: questions per minister and per year (all), the `top_askers` who
/// asked most, passages, files, size on disk, last update.
pub fn stats(store: &Store, top_askers: usize) -> Result<Stats> {
    stats_in(store, &store.reader()?.searcher(), top_askers, None)
}

/// [`stats`] of the questions these filters let through (as `search` with the filters
/// and no word lists them).
pub fn stats_of(store: &Store, top_askers: usize, filters: &Filters) -> Result<Stats> {
    let session = crate::search::Session::open(store)?;
    stats_in(
        store,
        session.searcher(),
        top_askers,
        Some((&session, filters)),
    )
}

/// [`stats`] in this view of the index, of the questions the filters let through where
/// given.
pub(crate) fn stats_in(
    store: &Store,
    searcher: &tantivy::Searcher,
    top_askers: usize,
    filtered: Option<(&crate::search::Session, &Filters)>,
) -> Result<Stats> {
    let f = store.fields();
    let matching = match filtered.filter(|(_, filters)| !filters.is_empty()) {
        Some((session, filters)) => Some(session.matching(filters)?),
        None => None,
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
        answer_times: answer_times(store, searcher, only.then_some(&tally.questions))?,
    })
}

//! `stats`: what the index holds, counted from its columns.

use crate::error::{Error, Result};
use crate::index::{self, KIND_FILE, KIND_QUESTION, Store, every_passage, term_query};
use crate::search::{Facet, Facets, Tallier};
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
    stats_in(store, &store.reader()?.searcher(), top_askers)
}

/// [`stats`] in this view of the index.
pub(crate) fn stats_in(
    store: &Store,
    searcher: &tantivy::Searcher,
    top_askers: usize,
) -> Result<Stats> {
    let f = store.fields();
    let tally = searcher.search(
        term_query(f.kind, KIND_QUESTION).as_ref(),
        &Tallier { names: true },
    )?;
    let passages = searcher.search(every_passage(f).as_ref(), &Count)?;
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
    })
}

//! Look-ups that are not a search: one question whole ([`show`]), the questions most
//! like one ([`similar`]), and what the index holds ([`stats`]). Each opens the last
//! commit and reads the stored questions and the columns; none ranks passages.

pub(crate) mod show;
pub(crate) mod similar;
pub(crate) mod stats;

pub use show::{Shown, show};
pub use similar::{Similar, SimilarHit, similar};
pub use stats::{
    MinisterFigures, MonthFigures, Stats, TABLES, Table, median_and_p90, stats, stats_of,
};

use crate::error::Result;
use crate::search::Session;

/// The look-ups in a session's view (a server makes a session of each commit it sees).
/// Written here, not in `search/`: look-ups come after search in the flow.
impl Session {
    /// [`show`] in this session's view.
    pub fn show(&self, doc_id: &str) -> Result<Shown> {
        show::show_in(&self.store, self.searcher(), doc_id).map_err(|e| self.store.name_damage(e))
    }

    /// [`similar`] in this session's view.
    pub fn similar(&self, doc_id: &str, limit: usize) -> Result<Similar> {
        similar::similar_in(&self.store, self.searcher(), doc_id, limit)
            .map_err(|e| self.store.name_damage(e))
    }

    /// [`stats_of`] in this session's view.
    pub fn stats(&self, top_askers: usize, filters: &crate::search::Filters) -> Result<Stats> {
        stats::stats_in(self, top_askers, filters, stats::today())
            .map_err(|e| self.store.name_damage(e))
    }
}

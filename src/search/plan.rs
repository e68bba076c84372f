//! How to walk the matches: what the walk (`walk.rs`) and the filling of hits
//! (`fill.rs`) both read, apart from either.

use super::collect::Tally;
use super::request::Sort;
use super::snippet::Highlighter;
use crate::analysis::DutchAnalyzer;
use tantivy::query::Query;

/// How to walk the matches.
pub(crate) struct Plan<'a> {
    /// Passages holding every clause, then those holding some but not all.
    pub tiers: &'a [Box<dyn Query>],
    pub sort: Sort,
    /// Candidates taken first; later pages double, up to [`MAX_PAGE`].
    pub first_page: usize,
    /// At most this many passages of one question.
    pub per_question: Option<usize>,
    /// Hits stand for questions (each says how many of its passages match).
    pub questions: bool,
    /// Hits passed over first.
    pub offset: usize,
    /// Count each tier's matches with its first page.
    pub count: bool,
    /// The matching questions, when tallied before: gives each hit its matching passages.
    pub tally: Option<&'a Tally>,
    /// Tally the matching questions (with their names, when true) in the pass that takes
    /// the first page (one query: its first tier is every match).
    pub tally_first: Option<bool>,
    pub highlighter: &'a Highlighter,
    pub analyzer: &'a DutchAnalyzer,
}

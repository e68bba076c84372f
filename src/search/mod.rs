//! Search: a query and filters in, the best passages out, each with its question's meta
//! and a snippet, matched words marked.
//!
//! The way a search goes, a file each:
//!
//! | step | where |
//! |---|---|
//! | what is asked: query, widenings, order, grouping | [`request`](SearchRequest) |
//! | the filters, declared once for the flags, the URL and links | [`filters`](FILTERS) |
//! | the query syntax: words, `"phrases"`, `-not`, `OR`, `prefix*` | `syntax.rs` |
//! | clauses to tantivy queries; acronyms, typos, filters, tiers | `query/` |
//! | one view of the index for many searches | [`Session`] |
//! | the matches in order, page after page after a cursor | `collect.rs` (collectors), `plan.rs`, `walk.rs` |
//! | a hit filled in from its stored question; copies collapsed | `fill.rs` |
//! | marked words and the snippet | `snippet.rs` ([`Highlighter`]) |
//! | the date filter, checked per passage | `dates.rs` |
//! | counts per minister, year and asker | `facets.rs` ([`Facets`]) |
//! | what the search says: corrections, names used | `notices.rs` |
//! | what comes back | [`SearchResults`], [`Hit`], [`Streamed`] |
//!
//! Ranking is BM25 over the passage field, which holds the question's title too; passages
//! holding every clause come before those holding some (`query/tiers.rs`).

mod collect;
mod dates;
mod facets;
mod fill;
mod filters;
mod notices;
mod plan;
mod query;
mod request;
mod results;
mod session;
mod snippet;
mod syntax;
mod walk;

pub use facets::{FACET_SIZE, Facet, FacetCount, FacetValue, Facets};
pub use filters::{Answered, FILTERS, FilterSpec, Filters, clip, not_one_of};
pub use query::{
    ACRONYM_WEIGHT, FRONT_WEIGHT, MAX_ACRONYM_FORMS, MAX_NEIGHBOURS, MAX_PREFIX_TERMS,
    VOCABULARY_WEIGHT,
};
pub use request::{Expansions, SearchRequest, Sort, Unit};
pub use results::{Hit, Notice, SearchResults, Streamed};
pub use session::{Session, search};
pub use snippet::{Highlighter, SNIPPET_BYTES, snippet_html};

pub(crate) use collect::Tallier;

/// A score as shown: three decimals.
pub(crate) fn round3(x: tantivy::Score) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

//! Look-ups that are not a search: one question whole ([`show`]), the questions most
//! like one ([`similar`]), and what the index holds ([`stats`]). Each opens the last
//! commit and reads the stored questions and the columns; none ranks passages.

pub(crate) mod show;
pub(crate) mod similar;
pub(crate) mod stats;

pub use show::{Shown, show};
pub use similar::{Similar, SimilarHit, similar};
pub use stats::{Stats, stats};

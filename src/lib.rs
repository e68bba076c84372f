//! vraagbaak: search the written questions of the Flemish Parliament and the ministers'
//! answers, in Dutch.

pub mod analysis;
pub mod error;
pub mod model;

pub use error::{Error, Result};
pub use model::{Part, Passage, Question};
pub mod index;
pub mod parse;
pub mod search;
pub mod source;

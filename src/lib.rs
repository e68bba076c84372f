//! vraagbaak: search the written questions of the Flemish Parliament and the ministers'
//! answers, in Dutch.
//!
//! The flow: [`source`] finds and decodes files, [`parse`] turns text into a [`Question`]
//! with its passages, [`analysis`] is the Dutch analyzer, [`index`] writes and opens the
//! tantivy index, [`search`] ranks passages and makes snippets.
//!
//! ```
//! use vraagbaak::analysis::DutchAnalyzer;
//!
//! // One analyzer at index and at query time: plurals, case and accents fold together.
//! let dutch = DutchAnalyzer::default();
//! assert_eq!(dutch.terms("De Provincies"), dutch.terms("provincie"));
//! assert_eq!(dutch.terms("financiën"), dutch.terms("FINANCIEN"));
//! ```
//!
//! ```
//! # fn main() -> Result<(), vraagbaak::parse::ParseError> {
//! let text = " aan AN PEETERS\nVLAAMS MINISTER VAN WONEN\n\nHuurpremie  -  Stand van zaken\n\n\
//!             Hoeveel huurders kregen een huurpremie?\n\nAN PEETERS\nVLAAMS MINISTER VAN WONEN\n\n\
//!             ANTWOORD\nop vraag nr. 7 van 3 mei 2024\nvan BO DE WIT\n\nHet waren er 4.100.\n";
//! let q = vraagbaak::parse::parse_question(text, "sv-7.txt", "sv-7")?;
//! assert_eq!(q.number, Some(7));
//! assert_eq!(q.date.as_deref(), Some("2024-05-03"));
//! assert_eq!(q.asker.as_deref(), Some("Bo De Wit"));
//! assert_eq!(q.topic.as_deref(), Some("Huurpremie - Stand van zaken"));
//! assert_eq!(q.passages.len(), 2);
//! # Ok(())
//! # }
//! ```

pub mod analysis;
pub mod error;
pub mod eval;
pub mod index;
pub mod model;
pub mod parse;
pub mod search;
pub mod source;

pub use error::{Error, Result};
pub use model::{Part, Passage, Question};

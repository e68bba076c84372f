//! vraagbaak: search the written questions of the Flemish Parliament and the ministers'
//! answers, in Dutch.
//!
//! The flow, a module each, data moving forward only: [`source`] finds and decodes files,
//! [`parse`] turns text into a [`Question`] with its passages, [`analysis`] is the Dutch
//! analyzer, [`index`] writes and opens the tantivy index ([`Store`]), [`mod@search`] ranks
//! passages and makes snippets, and [`lookup`] reads single questions ([`show`],
//! [`similar`]) and the index's figures ([`stats`]). [`eval`] measures search on a judged
//! query set. `ARCHITECTURE.md` in the repository is the map.
//!
//! The entry points, each with an example below: index a folder ([`index_paths`]),
//! search with filters ([`search()`], many searches: [`Session`]), show a question
//! ([`show`]).
//!
//! ```
//! # fn main() -> vraagbaak::Result<()> {
//! # let dir = tempfile::tempdir().map_err(|e| vraagbaak::Error::io("temp", e))?;
//! # let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
//! use vraagbaak::{Filters, IndexOptions, SearchRequest, Store, index_paths, search, show};
//!
//! // Index a folder (again and again: only what changed is read).
//! let report = index_paths(&dir.path().join("index"), &[corpus], &IndexOptions::default())?;
//! assert_eq!(report.questions_total, 1);
//!
//! // Every passage about `beroepsgeheim` answered by minister Demir.
//! let store = Store::open(&dir.path().join("index"))?;
//! let mut request = SearchRequest::new("beroepsgeheim");
//! request.filters = Filters { minister: Some("demir".into()), ..Filters::default() };
//! let found = search(&store, &request)?;
//! let best = &found.hits[0];
//! println!("{} ({}), asked by {:?}", best.snippet, best.part, best.meta.asker);
//!
//! // The whole question of the best hit.
//! let shown = show(&store, &best.meta.doc_id)?;
//! assert_eq!(shown.question.meta.topic, best.meta.topic);
//! # Ok(())
//! # }
//! ```
//!
//! The analyzer and the parser on their own:
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
//! assert_eq!(q.meta.number, Some(7));
//! assert_eq!(q.meta.date.as_deref(), Some("2024-05-03"));
//! assert_eq!(q.meta.asker.as_deref(), Some("Bo De Wit"));
//! assert_eq!(q.meta.topic.as_deref(), Some("Huurpremie - Stand van zaken"));
//! assert_eq!(q.passages.len(), 2);
//! # Ok(())
//! # }
//! ```

pub mod analysis;
pub mod error;
pub mod eval;
pub mod index;
pub mod indexing;
pub mod lookup;
pub mod model;
pub mod parse;
pub mod pdf;
pub mod search;
pub mod serve;
pub mod source;
pub mod sync;

pub use error::{Error, Result};
pub use index::Store;
pub use indexing::{IndexOptions, IndexReport, index_paths};
pub use lookup::{Shown, Similar, Stats, show, similar, stats};
pub use model::{Part, Passage, Question, QuestionMeta, Role, Status};
pub use search::{Filters, Hit, SearchRequest, SearchResults, Session, search};

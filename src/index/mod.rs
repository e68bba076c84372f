//! The index on disk, a concept a file: the schema and every field name (`schema.rs`),
//! who wrote it (`meta.rs`), the open index and its look-ups ([`Store`], `store.rs`), a
//! question's stored record (`stored.rs`), keys and small queries (`keys.rs`), postings
//! read without a search (`postings.rs`), a question as tantivy documents
//! (`documents.rs`), file states (`state.rs`), the acronyms it learned (`learned.rs`).
//! The run that writes it is `indexing/`.

mod documents;
mod keys;
pub mod learned;
mod meta;
pub(crate) mod postings;
mod schema;
mod state;
mod store;
mod stored;

pub(crate) use documents::{documents, question_document};
pub(crate) use keys::{every_passage, question_key, term_query, tie_key};
pub(crate) use meta::write_meta;
pub use meta::{FORMAT_VERSION, META_FILE, VOCABULARY_FILE, exists, last_written};
pub(crate) use postings::each_term_with_prefix;
pub(crate) use schema::{Fields, KIND_FILE, KIND_QUESTION, name};
pub(crate) use state::{FileState, document as state_document, load as load_states};
pub use store::{MIN_MEMORY_MB, Store};
pub(crate) use stored::record_json;

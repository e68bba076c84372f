//! Query building: the parsed query ([`super::syntax`]) and the filters become the tantivy
//! queries a search walks. [`prepare`] puts a search together with the [`Builder`]
//! (`builder.rs`): each clause is a union of its words in the passage field (which holds
//! the question's title too); the Dutch widenings are a file each (`widening.rs` and the
//! shipped list in `listed.rs`, `typos.rs`); the filters (`filters.rs`) and the tiers
//! (`tiers.rs`) wrap the clauses up.

mod builder;
mod either;
pub(crate) mod filters;
mod listed;
mod parts;
mod phrase;
mod prepare;
mod questions;
mod tiers;
pub(crate) mod typos;
mod vocabulary;
mod widening;

pub use builder::{FRONT_WEIGHT, MAX_PREFIX_TERMS};
pub(crate) use listed::ListedIndex;
pub(crate) use prepare::{Prepared, prepare};
pub(crate) use vocabulary::VocabularyIndex;
pub use vocabulary::{MAX_NEIGHBOURS, VOCABULARY_WEIGHT};
pub use widening::{ACRONYM_WEIGHT, MAX_ACRONYM_FORMS};

#[cfg(test)]
pub(crate) mod tests {
    //! A small index in memory, for the widenings' tests.

    use crate::index::Store;
    use crate::model::{Question, QuestionMeta};
    use crate::search::{SearchRequest, SearchResults, Session};

    /// A question of one passage with this title and text (and the same answer).
    pub fn question(n: u32, title: &str, text: &str) -> Question {
        let answer = format!("Het antwoord op vraag {n}.");
        Question {
            meta: QuestionMeta {
                doc_id: format!("q{n}"),
                number: Some(n),
                asker: Some("Ada Peeters".into()),
                minister: Some("Bea Claes".into()),
                topic: Some(title.into()),
                path: format!("q{n}.txt"),
                ..QuestionMeta::default()
            },
            passages: crate::parse::passages_of(text, Some(&answer)),
            question: text.into(),
            answer: Some(answer),
        }
    }

    pub fn store(questions: &[Question]) -> Store {
        Store::in_memory(questions).expect("in-memory index")
    }

    pub fn search(store: &Store, req: &SearchRequest) -> SearchResults {
        Session::open(store)
            .and_then(|s| s.search(req))
            .expect("search")
    }

    /// The numbers of the questions hit, in rank order, each once.
    pub fn numbers(r: &SearchResults) -> Vec<u32> {
        let mut out = Vec::new();
        for n in r.hits.iter().filter_map(|h| h.meta.number) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

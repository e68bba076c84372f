//! Acronym widening: a word that is an acronym the index learned also finds its long
//! forms (as phrases), and a word or a run of words that is a long form also finds its
//! acronym, each weighing less than the words as asked, so that the form asked for ranks
//! first. What the index learned is read by [`crate::index::learned`].

use super::builder::{Builder, Widen};
use super::listed::{ListedIndex, acronym_key};
use crate::error::Result;
use crate::index::learned::{self, LongForm};
use crate::search::syntax::{Atom, Clause};
use std::collections::HashMap;
use tantivy::Score;
use tantivy::query::{BooleanQuery, BoostQuery, Query};
use tantivy::schema::Field;

/// How much a passage found through an acronym's long form (or a long form's acronym)
/// weighs against one that holds the words as asked.
pub const ACRONYM_WEIGHT: Score = 0.8;
/// At most this many long forms (or acronyms) widen one word.
pub const MAX_ACRONYM_FORMS: usize = 3;
/// A run of words is tried as a long form up to this many words.
const MAX_RUN: usize = 8;

/// Unquoted words of the query, one after the other, that together are a long form the
/// index knows (`lokale integrale veiligheidscel`).
pub(super) struct Run {
    /// The first clause.
    pub start: usize,
    /// One past the last clause.
    pub end: usize,
    /// The analyzed terms, separated by spaces.
    pub terms: String,
}

/// What `key` is known as, remembered in `cache`: what the index learned, or where it
/// learned nothing, what the shipped list gives (when it is on).
fn known<'l, T: Clone + 'l>(
    cache: &mut HashMap<String, Vec<T>>,
    key: &str,
    learned: impl FnOnce() -> Result<Vec<T>>,
    listed: impl FnOnce() -> Option<Option<&'l Vec<T>>>,
) -> Result<Vec<T>> {
    if let Some(known) = cache.get(key) {
        return Ok(known.clone());
    }
    let mut found = learned()?;
    if found.is_empty() {
        found = listed().flatten().cloned().unwrap_or_default();
    }
    cache.insert(key.to_string(), found.clone());
    Ok(found)
}

impl<'a> Builder<'a> {
    /// The long forms of an acronym key (see [`acronym_key`]): those the index learned,
    /// or where it learned none, those of the shipped list.
    pub(super) fn long_forms_known(&mut self, key: &str) -> Result<Vec<LongForm>> {
        let (searcher, field) = (self.searcher, self.fields.acronym);
        let (listed, analyzer) = (self.listed_on(), self.analyzer);
        known(
            &mut self.long_forms,
            key,
            || learned::long_forms(searcher, field, key),
            || {
                listed.map(|l| {
                    l.get_or_init(|| ListedIndex::new(analyzer))
                        .long_forms
                        .get(key)
                })
            },
        )
    }

    /// The acronyms of a long form's terms: those the index learned, or where it learned
    /// none, those of the shipped list.
    fn acronyms_known(&mut self, terms: &str) -> Result<Vec<String>> {
        let (searcher, field) = (self.searcher, self.fields.acronym);
        let (listed, analyzer) = (self.listed_on(), self.analyzer);
        known(
            &mut self.acronyms,
            terms,
            || learned::acronyms_of(searcher, field, terms),
            || {
                listed.map(|l| {
                    l.get_or_init(|| ListedIndex::new(analyzer))
                        .acronyms
                        .get(terms)
                })
            },
        )
    }

    /// The shipped list, when the search widens with it.
    fn listed_on(&self) -> Option<&'a std::sync::OnceLock<ListedIndex>> {
        self.expand.listed_acronyms.then_some(self.listed)
    }

    /// Phrases of the long forms the index learned for `word` as an acronym, weighing
    /// less than the acronym itself.
    pub(super) fn long_forms_of(
        &mut self,
        field: Field,
        word: &str,
        highlight: bool,
    ) -> Result<Vec<Box<dyn Query>>> {
        let key = acronym_key(word);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let longs = self.long_forms_known(&key)?;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for long in longs.iter().take(MAX_ACRONYM_FORMS) {
            let terms = self.analyzed(&long.written);
            if highlight {
                self.highlighter
                    .extend(terms.iter().map(|(_, t)| t.clone()));
            }
            // A phrase scores about the sum of its words: weigh it as one word, so that
            // the acronym as written ranks first.
            let weight = ACRONYM_WEIGHT / terms.len().max(1) as Score;
            if let Some(q) = self.terms_query(field, &terms) {
                out.push(Box::new(BoostQuery::new(q, weight)));
            }
        }
        Ok(out)
    }

    /// The acronyms the index learned for a long form (its analyzed terms, separated by
    /// spaces), weighing less than the long form itself.
    pub(super) fn acronyms_for(
        &mut self,
        field: Field,
        terms: &str,
        highlight: bool,
    ) -> Result<Vec<Box<dyn Query>>> {
        let keys = self.acronyms_known(terms)?;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for key in keys.iter().take(MAX_ACRONYM_FORMS) {
            let analyzed = self.analyzed(key);
            if highlight {
                self.highlighter
                    .extend(analyzed.iter().map(|(_, t)| t.clone()));
            }
            if let Some(q) = self.terms_query(field, &analyzed) {
                out.push(Box::new(BoostQuery::new(q, ACRONYM_WEIGHT)));
            }
        }
        Ok(out)
    }

    /// The runs of unquoted words that are a long form the index knows, or a term of the
    /// vocabulary, the longest first from each place, none overlapping.
    pub(super) fn long_form_runs(&mut self, clauses: &[Clause]) -> Result<Vec<Run>> {
        let words: Vec<Option<Vec<String>>> = clauses
            .iter()
            .map(|c| match c.alternatives.as_slice() {
                [Atom::Word(w)] if !c.excluded => {
                    Some(self.analyzed(w).into_iter().map(|(_, t)| t).collect())
                }
                _ => None,
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut found = None;
            // The longest run first; a run holds two words at least.
            let last = words.len().min(i + MAX_RUN);
            for end in (i + 2..=last).rev() {
                let Some(run): Option<Vec<&Vec<String>>> =
                    words[i..end].iter().map(Option::as_ref).collect()
                else {
                    continue;
                };
                let terms: Vec<&str> = run
                    .iter()
                    .flat_map(|t| t.iter().map(String::as_str))
                    .collect();
                if terms.len() < 2 {
                    continue;
                }
                let joined = terms.join(" ");
                let acronym = self.expand.acronyms && !self.acronyms_known(&joined)?.is_empty();
                if acronym || self.in_vocabulary(&joined) {
                    found = Some(Run {
                        start: i,
                        end,
                        terms: joined,
                    });
                    break;
                }
            }
            match found {
                Some(run) => {
                    i = run.end;
                    out.push(run);
                }
                None => i += 1,
            }
        }
        Ok(out)
    }

    /// The query for a run of words that is a long form: all of them (each as asked,
    /// not widened one by one), or its acronym.
    pub(super) fn long_form_run(
        &mut self,
        clauses: &[Clause],
        terms: &str,
    ) -> Result<Option<Box<dyn Query>>> {
        let field = self.fields.text;
        let mut all = Vec::new();
        for clause in clauses {
            all.extend(self.clause(clause, field, true, Widen::No)?);
        }
        if all.is_empty() {
            return Ok(None);
        }
        let mut alternatives: Vec<Box<dyn Query>> = vec![Box::new(BooleanQuery::intersection(all))];
        if self.expand.acronyms {
            alternatives.extend(self.acronyms_for(field, terms, true)?);
        }
        alternatives.extend(self.vocabulary_for(field, terms, true)?);
        Ok(super::either::any_of(alternatives))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{numbers, question, search, store};
    use super::*;
    use crate::search::{Expansions, SearchRequest};

    fn corpus() -> crate::index::Store {
        store(&[
            question(
                1,
                "Veiligheid",
                "Hoeveel lokale integrale veiligheidscellen (LIVC) zijn er?",
            ),
            question(2, "Cellen", "Werkt elke LIVC met de politie samen?"),
            question(
                3,
                "Overleg",
                "Overlegt elke lokale integrale veiligheidscel met het parket?",
            ),
            question(4, "Ander", "Hoeveel scholen bouwen een sporthal?"),
        ])
    }

    #[test]
    fn keys_fold_case_accents_and_possessives() {
        assert_eq!(acronym_key("LIVC’s"), "livc");
        assert_eq!(acronym_key("VVSG's"), "vvsg");
        assert_eq!(acronym_key("B.V."), "bv");
    }

    #[test]
    fn an_acronym_finds_its_long_form_and_ranks_its_own_form_first() {
        let s = corpus();
        let r = search(&s, &SearchRequest::new("LIVC"));
        let found = numbers(&r);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.contains(&3), "the long form only: {found:?}");
        assert_ne!(found[0], 3, "the acronym as written ranks first: {found:?}");
        let exact = search(
            &s,
            &SearchRequest {
                expand: Expansions::NONE,
                ..SearchRequest::new("LIVC")
            },
        );
        assert!(!numbers(&exact).contains(&3));
    }

    #[test]
    fn a_run_of_words_that_is_a_long_form_finds_the_acronym_and_the_next_word_still_widens() {
        let s = corpus();
        let r = search(&s, &SearchRequest::new("lokale integrale veiligheidscel"));
        let found = numbers(&r);
        assert!(found.contains(&2), "the acronym only: {found:?}");
        assert!(found.contains(&3), "{found:?}");
        // After a run, a word widens as it would without the run: `-LIVC` leaves out
        // its long form too, so nothing is left.
        let r = search(
            &s,
            &SearchRequest::new("lokale integrale veiligheidscel -LIVC"),
        );
        assert_eq!(numbers(&r), Vec::<u32>::new());
    }
}

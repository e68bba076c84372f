//! Falling back rather than finding nothing: a compound the index does not hold whole
//! (`kinderopvangtoeslag`), or a hyphenated word with a part it does not know
//! (`XYZ-centrum`), is searched by its parts: the head required, the other parts
//! weighing in where a passage holds them; with a notice that says so.

use super::builder::Builder;
use crate::analysis;
use crate::error::Result;
use crate::search::results::Notice;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// How much a passage found through the parts of a word weighs against one word.
pub const PARTS_WEIGHT: Score = 0.5;

impl<'a> Builder<'a> {
    fn known(&self, field: Field, term: &str) -> Result<bool> {
        Ok(self
            .searcher
            .doc_freq(&Term::from_field_text(field, term))?
            > 0)
    }

    /// The query of the parts of `word` (analyzed as `terms`) when the index does not
    /// hold it whole; `None` when it does, or when no part of it is known either.
    pub(super) fn parts_of_unknown(
        &mut self,
        field: Field,
        word: &str,
        terms: &[(usize, String)],
        highlight: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut unknown = Vec::new();
        for (_, t) in terms {
            if !self.known(field, t)? {
                unknown.push(t.clone());
            }
        }
        if unknown.is_empty() {
            return Ok(None);
        }
        // The parts: the known terms of a hyphenated word, and the words each unknown
        // one is a compound of.
        let mut parts: Vec<String> = Vec::new();
        for (_, t) in terms {
            if !unknown.contains(t) && !parts.contains(t) {
                parts.push(t.clone());
            }
        }
        for piece in word.split(|c: char| !c.is_alphanumeric()) {
            let folded = analysis::fold(piece);
            let mut split = Vec::new();
            analysis::compound::split_into(&folded, &mut split);
            for base in split {
                for t in self.analyzer.terms(&base) {
                    if !parts.contains(&t) && self.known(field, &t)? {
                        parts.push(t);
                    }
                }
            }
        }
        // The parts of parts (`kind` and `opvang` of `kinderopvang`) say nothing more.
        let all = parts.clone();
        parts.retain(|p| !all.iter().any(|q| q != p && q.contains(p.as_str())));
        // Parts as typed come in order; the head (the last part) decides.
        let Some(head) = parts.last().cloned() else {
            return Ok(None);
        };
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, term(&head))];
        for p in parts.iter().filter(|p| **p != head) {
            clauses.push((Occur::Should, term(p)));
        }
        if highlight {
            self.highlighter.extend(parts.iter().cloned());
            self.notices.push(Notice::new(
                format!(
                    "`{word}` is not in the index as a whole; searched for its parts: {}",
                    parts.join(", ")
                ),
                format!(
                    "`{word}` staat niet als geheel in de index; gezocht op de delen: {}",
                    parts.join(", ")
                ),
            ));
        }
        Ok(Some(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            PARTS_WEIGHT,
        ))))
    }
}

//! A phrase that may stand in an exclusion. tantivy 0.27's phrase scorer asserts (in
//! debug builds only) that `seek_danger` never asks for a document before the one it is
//! on; but `seek_danger` may leave a docset past the target it was given (that is its
//! contract), and an exclusion then asks for the next candidate of the other side, which
//! can lie before it (`ANPR-camera's uitrol`: tier 2 leaves out the passages holding every
//! clause, a phrase among them). This scorer answers those calls itself: the phrase's
//! terms have no document between the target and the one it is on, so that one is a
//! lower bound of the next match (and a phrase that ran out finds nothing). Everything
//! else goes to tantivy's scorer.

use tantivy::query::{EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// `PhraseQuery`, safe to stand in an exclusion.
#[derive(Debug, Clone)]
pub(super) struct Phrase(pub PhraseQuery);

impl Query for Phrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PhraseWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct PhraseWeight(Box<dyn Weight>);

impl Weight for PhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(PhraseScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct PhraseScorer(Box<dyn Scorer>);

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if doc >= target {
            return doc;
        }
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> tantivy::SeekDangerResult {
        let doc = self.0.doc();
        if doc == TERMINATED || doc > target {
            return tantivy::SeekDangerResult::SeekLowerBound(doc);
        }
        self.0.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

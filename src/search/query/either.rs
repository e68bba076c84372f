//! A union of a few alternatives (a word and the compounds it fronts, an acronym and its
//! long forms) that matches what any of them matches and scores the sum of those that
//! match. tantivy's `BooleanQuery::union` buffers its children block by block, which is
//! quick when a union is walked on its own but slow when an intersection seeks through
//! it (every seek refills a window): a clause of the first tier seeks through the union
//! of its alternatives, and every word that fronts a compound has one. Here a seek is a
//! seek of each child, and a step steps the children on the current document.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Up to this many alternatives go in an [`Either`]; more (a prefix's expansions) go in
/// tantivy's buffered union, which walks many children faster than a linear scan.
pub(super) const MOST: usize = 8;

/// The alternatives of one clause, any of which may match.
#[derive(Debug)]
pub(super) struct Either(pub Vec<Box<dyn Query>>);

impl Clone for Either {
    fn clone(&self) -> Self {
        Either(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for Either {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .0
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(EitherWeight(weights)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct EitherWeight(Vec<Box<dyn Weight>>);

impl EitherWeight {
    /// The children's scorers in this segment, less those that match nothing here.
    fn children(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Children> {
        let mut children = Vec::with_capacity(self.0.len());
        for w in &self.0 {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                children.push(s);
            }
        }
        Ok(match children.len() {
            0 => Children::One(Box::new(tantivy::query::EmptyScorer)),
            1 => Children::One(children.remove(0)),
            _ => Children::Any(EitherScorer::new(children)),
        })
    }
}

enum Children {
    One(Box<dyn Scorer>),
    Any(EitherScorer<Box<dyn Scorer>>),
}

impl Weight for EitherWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.children(reader, boost)? {
            Children::One(s) => s,
            Children::Any(s) => Box::new(s),
        })
    }

    /// Walks every match with the scorer's own type, so that a lone clause (a query of
    /// one word) costs about what the word alone costs.
    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        fn walk<S: Scorer + ?Sized>(s: &mut S, callback: &mut dyn FnMut(DocId, Score)) {
            let mut doc = s.doc();
            while doc != TERMINATED {
                callback(doc, s.score());
                doc = s.advance();
            }
        }
        match self.children(reader, 1.0)? {
            Children::One(mut s) => walk(s.as_mut(), callback),
            Children::Any(mut s) => walk(&mut s, callback),
        }
        Ok(())
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut sum = 0.0;
        let mut details = Vec::new();
        for w in &self.0 {
            if let Ok(e) = w.explain(reader, doc) {
                sum += e.value();
                details.push(e);
            }
        }
        if details.is_empty() {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut out = Explanation::new("sum of the alternatives that match", sum);
        for e in details {
            out.add_detail(e);
        }
        Ok(out)
    }
}

struct EitherScorer<S> {
    children: Vec<S>,
    /// The document each child is on (kept here: asking a boxed child costs a call).
    docs: Vec<DocId>,
    /// The least of them: the current document.
    doc: DocId,
}

impl<S: Scorer> EitherScorer<S> {
    fn new(children: Vec<S>) -> Self {
        let docs = children.iter().map(|c| c.doc()).collect();
        let mut s = EitherScorer {
            children,
            docs,
            doc: 0,
        };
        s.settle();
        s
    }

    #[inline]
    fn settle(&mut self) -> DocId {
        self.doc = self.docs.iter().copied().min().unwrap_or(TERMINATED);
        self.doc
    }
}

impl<S: Scorer> DocSet for EitherScorer<S> {
    #[inline]
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let doc = self.doc;
        for (c, d) in self.children.iter_mut().zip(self.docs.iter_mut()) {
            if *d == doc {
                *d = c.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for (c, d) in self.children.iter_mut().zip(self.docs.iter_mut()) {
            if *d < target {
                *d = c.seek(target);
            }
        }
        self.settle()
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.children
            .iter()
            .map(|c| c.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.children.iter().map(|c| c.cost()).sum()
    }
}

impl<S: Scorer> Scorer for EitherScorer<S> {
    #[inline]
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut sum = 0.0;
        for (c, d) in self.children.iter_mut().zip(self.docs.iter()) {
            if *d == doc {
                sum += c.score();
            }
        }
        sum
    }
}

/// Words, each with its weight, any of which may match: a word and the compounds it is
/// the front of. Scored as tantivy scores a word (BM25, the same figures), but walked as
/// one posting merge with nothing boxed, so a common word that fronts a compound costs
/// about what the word alone costs.
#[derive(Debug, Clone)]
pub(super) struct Words(pub Vec<(Term, Score)>);

impl Query for Words {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut words = Vec::with_capacity(self.0.len());
        for (term, weight) in &self.0 {
            let bm25 = match scoring {
                EnableScoring::Enabled {
                    statistics_provider,
                    ..
                } => Some(
                    Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?
                        .boost_by(*weight),
                ),
                EnableScoring::Disabled { .. } => None,
            };
            words.push((term.clone(), bm25));
        }
        Ok(Box::new(WordsWeight(words)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (term, _) in &self.0 {
            visitor(term, false);
        }
    }
}

struct WordsWeight(Vec<(Term, Option<Bm25Weight>)>);

impl WordsWeight {
    fn words(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<EitherScorer<Word>> {
        let mut children = Vec::with_capacity(self.0.len());
        for (term, bm25) in &self.0 {
            let option = match bm25 {
                Some(_) => IndexRecordOption::WithFreqs,
                None => IndexRecordOption::Basic,
            };
            let Some(postings) = reader
                .inverted_index(term.field())?
                .read_postings(term, option)?
            else {
                continue;
            };
            let norms = match reader.fieldnorms_readers().get_field(term.field())? {
                Some(norms) => norms,
                None => FieldNormReader::constant(reader.max_doc(), 1),
            };
            children.push(Word {
                postings,
                norms,
                bm25: bm25.as_ref().map(|w| w.boost_by(boost)),
            });
        }
        Ok(EitherScorer::new(children))
    }
}

impl Weight for WordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.words(reader, boost)?))
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut s = self.words(reader, 1.0)?;
        if let [a, b] = s.children.as_mut_slice() {
            walk_two(a, b, callback);
            return Ok(());
        }
        let mut doc = s.doc();
        while doc != TERMINATED {
            callback(doc, s.score());
            doc = s.advance();
        }
        Ok(())
    }

    /// Counted as a bitset of the documents any word is in, postings read without their
    /// frequencies: a count of every match (a query's total) needs no merge.
    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        let mut bits = vec![0u64; (reader.max_doc() as usize).div_ceil(64)];
        let alive = reader.alive_bitset();
        for (term, _) in &self.0 {
            let Some(mut postings) = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc))
                    && let Some(word) = bits.get_mut(doc as usize / 64)
                {
                    *word |= 1 << (doc % 64);
                }
                doc = postings.advance();
            }
        }
        Ok(bits.iter().map(|w| w.count_ones()).sum())
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.words(reader, 1.0)?;
        if s.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("sum of the words that match", s.score()))
    }
}

/// Two words merged (the usual case: a word and the compounds it fronts), each step a
/// comparison of two documents.
fn walk_two(a: &mut Word, b: &mut Word, callback: &mut dyn FnMut(DocId, Score)) {
    let (mut da, mut db) = (a.doc(), b.doc());
    loop {
        match da.cmp(&db) {
            std::cmp::Ordering::Less => {
                callback(da, a.score());
                da = a.advance();
            }
            std::cmp::Ordering::Greater => {
                callback(db, b.score());
                db = b.advance();
            }
            std::cmp::Ordering::Equal if da == TERMINATED => return,
            std::cmp::Ordering::Equal => {
                callback(da, a.score() + b.score());
                da = a.advance();
                db = b.advance();
            }
        }
    }
}

/// One word's postings, scored as tantivy's term scorer scores them.
struct Word {
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for Word {
    #[inline]
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Word {
    #[inline]
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(
                self.norms.fieldnorm_id(self.postings.doc()),
                self.postings.term_freq(),
            ),
            None => 1.0,
        }
    }
}

/// A word alone is tantivy's term query; with its fronts, [`Words`].
pub(super) fn words(mut words: Vec<(Term, Score)>) -> Box<dyn Query> {
    if let [(term, weight)] = words.as_slice() {
        let q = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
        if *weight == 1.0 {
            return q;
        }
        return Box::new(tantivy::query::BoostQuery::new(q, *weight));
    }
    words.shrink_to_fit();
    Box::new(Words(words))
}

/// One word weighing `weight` of a word, as [`Words`], so that it can be merged with the
/// other words of its clause ([`any_of`]).
pub(super) fn weighted(term: Term, weight: Score) -> Box<dyn Query> {
    Box::new(Words(vec![(term, weight)]))
}

/// The words of a query that is a word or words, each with its weight.
fn words_of(q: &dyn Query) -> Option<Vec<(Term, Score)>> {
    if let Some(t) = q.downcast_ref::<TermQuery>() {
        Some(vec![(t.term().clone(), 1.0)])
    } else {
        q.downcast_ref::<Words>().map(|w| w.0.clone())
    }
}

/// The union of these queries as one [`Words`] when each is a word or words and they are
/// few (tier 2 walks the union of its clauses: `beroepsgeheim gemeenten`), scored as
/// tantivy's union scores them (the sum of those that match); else nothing.
pub(super) fn flat_union(queries: &[Box<dyn Query>]) -> Option<Box<dyn Query>> {
    let mut all = Vec::new();
    for q in queries {
        all.extend(words_of(q.as_ref())?);
        if all.len() > MOST {
            return None;
        }
    }
    (all.len() > 1).then(|| Box::new(Words(all)) as Box<dyn Query>)
}

/// The union of these alternatives: one is itself, a few an [`Either`], many tantivy's.
pub(super) fn any_of(alternatives: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    // The alternatives that are words are one merge of their postings (a word and its
    // vocabulary neighbours, say): cheaper to walk, and a total counts them as a bitset.
    let mut words: Vec<(Term, Score)> = Vec::new();
    let mut merged: Vec<Box<dyn Query>> = Vec::new();
    let mut others: Vec<Box<dyn Query>> = Vec::new();
    for q in alternatives {
        match words_of(q.as_ref()) {
            Some(w) if words.len() + w.len() <= MOST => {
                words.extend(w);
                merged.push(q);
            }
            _ => others.push(q),
        }
    }
    let mut alternatives = if merged.len() > 1 {
        vec![Box::new(Words(words)) as Box<dyn Query>]
    } else {
        merged
    };
    alternatives.extend(others);
    match alternatives.len() {
        0 => None,
        1 => alternatives.pop(),
        n if n <= MOST => Some(Box::new(Either(alternatives))),
        _ => Some(Box::new(tantivy::query::BooleanQuery::union(alternatives))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STORED, Schema, TEXT};
    use tantivy::{Index, doc};

    /// Either matches and scores what tantivy's union does, alone and inside an
    /// intersection (which seeks through it).
    #[test]
    fn either_matches_and_scores_as_the_union() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT | STORED);
        let index = Index::create_in_ram(schema.build());
        let mut w = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let words = ["a b", "b c", "c", "a", "a c", "d", "b", "a b c", "c d"];
        for i in 0..300 {
            let text = format!("{} x{}", words[i % words.len()], i % 7);
            w.add_document(doc!(body => text)).expect("add");
        }
        w.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(body, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let alts = || vec![term("a"), term("b"), term("d")];
        let top = |q: &dyn Query| {
            let mut hits = searcher
                .search(q, &TopDocs::with_limit(1000).order_by_score())
                .expect("search");
            hits.sort_by_key(|x| x.1);
            hits.into_iter()
                .map(|(s, a)| (a.doc_id, (s * 1000.0).round() as i64))
                .collect::<Vec<_>>()
        };
        let ours = Either(alts());
        let theirs = BooleanQuery::union(alts());
        assert_eq!(top(&ours), top(&theirs));
        assert!(!top(&ours).is_empty());
        let within = |q: Box<dyn Query>| BooleanQuery::intersection(vec![q, term("x3")]);
        assert_eq!(
            top(&within(Box::new(ours.clone()))),
            top(&within(Box::new(theirs)))
        );
        let words = |ts: &[&str]| {
            Words(
                ts.iter()
                    .map(|t| (Term::from_field_text(body, t), 1.0))
                    .collect(),
            )
        };
        // Walked whole (as a lone clause is): two words and three, against tantivy's.
        let walked = |q: &dyn Query| {
            let w = q
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .expect("weight");
            let mut out = Vec::new();
            w.for_each(searcher.segment_reader(0), &mut |d, s| {
                out.push((d, (s * 1000.0).round() as i64))
            })
            .expect("walk");
            out
        };
        for ts in [&["a", "d"][..], &["b", "c"], &["a", "b", "d"]] {
            let union = BooleanQuery::union(ts.iter().map(|t| term(t)).collect());
            assert_eq!(walked(&words(ts)), walked(&union), "{ts:?}");
            assert!(!walked(&union).is_empty());
        }
        let flat = words(&["a", "b", "d"]);
        assert_eq!(top(&flat), top(&BooleanQuery::union(alts())));
        assert_eq!(
            flat.weight(EnableScoring::enabled_from_searcher(&searcher))
                .and_then(|w| w.count(searcher.segment_reader(0)))
                .expect("count") as usize,
            top(&flat).len()
        );
        assert_eq!(
            top(&within(Box::new(flat))),
            top(&within(Box::new(BooleanQuery::union(alts()))))
        );
        assert_eq!(
            ours.weight(EnableScoring::enabled_from_searcher(&searcher))
                .and_then(|w| w.count(searcher.segment_reader(0)))
                .expect("count") as usize,
            top(&ours).len()
        );

        // A word with weighted words and a phrase: the words merge into one, and the
        // alternatives match and score as tantivy's union of them as they were.
        let boosted = |q: Box<dyn Query>, w: Score| -> Box<dyn Query> {
            Box::new(tantivy::query::BoostQuery::new(q, w))
        };
        let phrase = || -> Box<dyn Query> {
            Box::new(tantivy::query::PhraseQuery::new(vec![
                Term::from_field_text(body, "c"),
                Term::from_field_text(body, "d"),
            ]))
        };
        let mixed = any_of(vec![
            term("a"),
            weighted(Term::from_field_text(body, "b"), 0.6),
            boosted(phrase(), 0.3),
            weighted(Term::from_field_text(body, "x5"), 0.6),
        ])
        .expect("a query");
        let either = mixed.downcast_ref::<Either>().expect("an Either");
        assert_eq!(either.0.len(), 2, "{either:?}");
        let merged = either.0[0]
            .downcast_ref::<Words>()
            .expect("the words merged");
        assert_eq!(merged.0.len(), 3);
        let union = || {
            BooleanQuery::union(vec![
                term("a"),
                boosted(term("b"), 0.6),
                boosted(phrase(), 0.3),
                boosted(term("x5"), 0.6),
            ])
        };
        assert_eq!(top(mixed.as_ref()), top(&union()));
        assert_eq!(
            top(&within(mixed.box_clone())),
            top(&within(Box::new(union())))
        );
        // Words alone are one [`Words`]; a lone word stays itself.
        let only_words = any_of(vec![
            term("a"),
            weighted(Term::from_field_text(body, "d"), 0.6),
        ])
        .expect("a query");
        assert!(only_words.downcast_ref::<Words>().is_some());
        let lone = any_of(vec![term("a"), phrase()]).expect("a query");
        let lone = lone.downcast_ref::<Either>().expect("an Either");
        assert!(lone.0[0].downcast_ref::<TermQuery>().is_some());
    }
}

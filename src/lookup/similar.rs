//! `similar`: the questions most like one question, by the words of its title and its
//! question text that few others share (tantivy's more-like-this over question passages).

use crate::error::{Error, Result};
use crate::index::{Store, name, question_key, term_query};
use crate::model::{Part, QuestionMeta};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::Score;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query};
use tantivy::schema::OwnedValue;

/// At most this many words of the question make the query.
const MAX_WORDS: usize = 40;

/// A question like the one asked about.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarHit {
    pub rank: usize,
    pub score: f64,
    #[serde(flatten)]
    pub meta: QuestionMeta,
    /// Its question text.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// The question asked about.
    pub of: QuestionMeta,
    pub hits: Vec<SimilarHit>,
}

/// How many passages of a question count towards its likeness (a long question does
/// not win by length).
const PASSAGES_COUNTED: usize = 3;

/// The `limit` questions most like the one with this id: itself and its copies put to
/// other ministers left out.
///
/// The question's words (title and question text, analysed as the index was) that few
/// passages share weigh most (tantivy's more-like-this); the query runs over question
/// passages, each of which holds its question's title too, and a question scores the sum
/// of its best three passages.
pub fn similar(store: &Store, doc_id: &str, limit: usize) -> Result<Similar> {
    similar_in(store, &store.reader()?.searcher(), doc_id, limit)
}

/// [`similar`] in this view of the index.
pub(crate) fn similar_in(
    store: &Store,
    searcher: &tantivy::Searcher,
    doc_id: &str,
    limit: usize,
) -> Result<Similar> {
    let f = store.fields();
    let q = store
        .question(searcher, doc_id)?
        .ok_or_else(|| Error::NotFound(doc_id.to_string()))?;
    let mut text = vec![OwnedValue::Str(q.question.clone())];
    if let Some(t) = &q.meta.topic {
        text.push(OwnedValue::Str(t.clone()));
    }
    let like: Box<dyn Query> = Box::new(
        MoreLikeThisQuery::builder()
            // A word no other passage has finds nothing else.
            .with_min_doc_frequency(2)
            .with_min_term_frequency(1)
            .with_max_query_terms(MAX_WORDS)
            .with_document_fields(vec![(f.text, text)]),
    );
    let questions_only = Box::new(ConstScoreQuery::new(
        term_query(f.part, Part::Question.as_str()),
        0.0,
    ));
    let query = BooleanQuery::new(vec![(Occur::Must, like), (Occur::Must, questions_only)]);
    let wanted = (limit.max(1) * 20).max(200);
    let found = searcher.search(&query, &TopDocs::with_limit(wanted).order_by_score())?;

    let own = question_key(&q.meta.doc_id);
    let own_copies = crate::parse::copy_key(&q.question);
    // Per question: its best passage scores, in the order the questions were met.
    let mut scores: Vec<(u64, Vec<Score>)> = Vec::new();
    let mut at: HashMap<u64, usize> = HashMap::new();
    // The key and copy-group columns, opened once per segment.
    let mut columns: HashMap<u32, (Column<u64>, Column<u64>)> = HashMap::new();
    for (score, address) in found {
        let (qref, groups) = match columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                e.insert((fast.u64(name::QREF)?, fast.u64(name::GROUP)?))
            }
        };
        let key = qref
            .first(address.doc_id)
            .ok_or_else(|| store.damaged("a passage without its question"))?;
        let group = groups.first(address.doc_id).unwrap_or(0);
        if key == own || (group != 0 && Some(group) == own_copies) {
            continue;
        }
        let i = *at.entry(key).or_insert_with(|| {
            scores.push((key, Vec::new()));
            scores.len() - 1
        });
        if scores[i].1.len() < PASSAGES_COUNTED {
            scores[i].1.push(score); // passages come best first
        }
    }
    let mut ranked: Vec<(Score, u64)> = scores
        .into_iter()
        .map(|(key, s)| (s.iter().sum(), key))
        .collect();
    // Equal scores by key: the same order on every build.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(limit.max(1));
    let mut hits = Vec::with_capacity(ranked.len());
    for (score, key) in ranked {
        let other = store
            .question_by_key(searcher, key)?
            .ok_or_else(|| store.damaged(format!("question {key:016x} vanished")))?;
        hits.push(SimilarHit {
            rank: hits.len() + 1,
            score: crate::search::round3(score),
            meta: other.meta,
            text: other.question,
        });
    }
    Ok(Similar { of: q.meta, hits })
}

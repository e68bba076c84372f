//! `similar`: the questions most like one question, by the words of its title and its
//! question text that few others share (tantivy's more-like-this over question passages).

use crate::error::{Error, Result};
use crate::index::{GROUP_FIELD, QREF_FIELD, Store, question_key};
use crate::model::Part;
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{Score, Term};

/// At most this many words of the question make the query.
const MAX_WORDS: usize = 40;

/// A question, briefly.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub doc_id: String,
    pub number: Option<u32>,
    pub asker: Option<String>,
    pub minister: Option<String>,
    pub date: Option<String>,
    pub topic: Option<String>,
    pub path: String,
}

impl Brief {
    fn of(q: &crate::model::Question) -> Brief {
        Brief {
            doc_id: q.doc_id.clone(),
            number: q.number,
            asker: q.asker.clone(),
            minister: q.minister.clone(),
            date: q.date.clone(),
            topic: q.topic.clone(),
            path: q.path.clone(),
        }
    }
}

/// A question like the one asked about.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarHit {
    pub rank: usize,
    pub score: f64,
    #[serde(flatten)]
    pub question: Brief,
    /// Its question text.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// The question asked about.
    pub of: Brief,
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
/// of its best [`PASSAGES_COUNTED`] passages.
pub fn similar(store: &Store, doc_id: &str, limit: usize) -> Result<Similar> {
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let f = store.fields();
    let q = store
        .question(&searcher, doc_id)?
        .ok_or_else(|| Error::NotFound(doc_id.to_string()))?;
    let mut text = vec![OwnedValue::Str(q.question.clone())];
    if let Some(t) = &q.topic {
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
        Box::new(TermQuery::new(
            Term::from_field_text(f.part, Part::Question.as_str()),
            IndexRecordOption::Basic,
        )),
        0.0,
    ));
    let query = BooleanQuery::new(vec![(Occur::Must, like), (Occur::Must, questions_only)]);
    let wanted = (limit.max(1) * 20).max(200);
    let found = searcher.search(&query, &TopDocs::with_limit(wanted).order_by_score())?;

    let own = question_key(&q.doc_id);
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
                e.insert((fast.u64(QREF_FIELD)?, fast.u64(GROUP_FIELD)?))
            }
        };
        let key = qref
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged("a passage without its question".into()))?;
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
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.truncate(limit.max(1));
    let mut hits = Vec::with_capacity(ranked.len());
    for (score, key) in ranked {
        let other = store
            .question_by_key(&searcher, key)?
            .ok_or_else(|| Error::Damaged(format!("question {key:016x} vanished")))?;
        hits.push(SimilarHit {
            rank: hits.len() + 1,
            score: super::round3(score),
            question: Brief::of(&other),
            text: other.question,
        });
    }
    Ok(Similar {
        of: Brief::of(&q),
        hits,
    })
}

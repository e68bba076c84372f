//! `similar`: the questions most like one question, by the words of its title and its
//! question text that few other questions share (tantivy's more-like-this over a field of
//! the question documents that holds both).

use crate::error::{Error, Result};
use crate::index::{QREF_FIELD, Store, question_key};
use serde::Serialize;
use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};

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

/// The `limit` questions most like the one with this id: itself and its copies put to
/// other ministers left out.
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
            // A word only this question has finds nothing else.
            .with_min_doc_frequency(2)
            .with_min_term_frequency(1)
            .with_max_query_terms(MAX_WORDS)
            .with_document_fields(vec![(f.similar, text)]),
    );
    let mut clauses = vec![
        (Occur::Must, like),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.qkey, question_key(&q.doc_id)),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
    ];
    if let Some(copy) = crate::parse::copy_key(&q.question) {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.copy_key, copy),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let found = searcher.search(
        &BooleanQuery::new(clauses),
        &TopDocs::with_limit(limit.max(1)).order_by_score(),
    )?;
    let mut hits = Vec::with_capacity(found.len());
    for (score, address) in found {
        let key = searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .u64(QREF_FIELD)?
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged("a question without its key".into()))?;
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

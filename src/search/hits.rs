//! Filling in hits from the stored questions: passage, fields, snippet, links; copies of
//! one question (a joint answer) collapse into one hit, the copy with the fullest answer.

use super::{Highlighter, Hit, SNIPPET_BYTES, snippet_html};
use crate::analysis::DutchAnalyzer;
use crate::error::{Error, Result};
use crate::index::{DOC_ID_FIELD, GROUP_FIELD, ORDINAL_FIELD, Store};
use crate::model::Question;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, TantivyError, Term};

/// Another copy of a question: the same text, put to another minister.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Linked {
    pub doc_id: String,
    pub minister: Option<String>,
    pub number: Option<u32>,
    pub date: Option<String>,
}

impl Linked {
    fn of(q: &Question) -> Linked {
        Linked {
            doc_id: q.doc_id.clone(),
            minister: q.minister.clone(),
            number: q.number,
            date: q.date.clone(),
        }
    }
}

/// Per segment: the columns a hit is located by.
struct Columns {
    doc_id: tantivy::columnar::StrColumn,
    ordinal: tantivy::columnar::Column<u64>,
    group: tantivy::columnar::Column<u64>,
}

/// Where a passage hit points: its question, its passage, its copy group (0: none).
struct Located {
    doc_id: String,
    ordinal: u64,
    group: u64,
}

struct Filler<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    columns: HashMap<u32, Columns>,
    questions: HashMap<String, Question>,
}

impl Filler<'_> {
    fn locate(&mut self, address: DocAddress) -> Result<Located> {
        let cols = match self.columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let fast = self
                    .searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields();
                let doc_id = fast.str(DOC_ID_FIELD)?.ok_or_else(|| {
                    Error::Index(TantivyError::SchemaError(
                        "doc_id has no fast column".into(),
                    ))
                })?;
                e.insert(Columns {
                    doc_id,
                    ordinal: fast.u64(ORDINAL_FIELD)?,
                    group: fast.u64(GROUP_FIELD)?,
                })
            }
        };
        let mut doc_id = String::new();
        if let Some(ord) = cols.doc_id.term_ords(address.doc_id).next() {
            cols.doc_id
                .ord_to_str(ord, &mut doc_id)
                .map_err(TantivyError::from)?;
        }
        let ordinal = cols
            .ordinal
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged(format!("a passage of `{doc_id}` has no ordinal")))?;
        let group = cols.group.first(address.doc_id).unwrap_or(0);
        Ok(Located {
            doc_id,
            ordinal,
            group,
        })
    }

    fn question(&mut self, doc_id: &str) -> Result<&Question> {
        if !self.questions.contains_key(doc_id) {
            let q = self.store.question(self.searcher, doc_id)?.ok_or_else(|| {
                Error::Damaged(format!("passage of `{doc_id}` without its question"))
            })?;
            self.questions.insert(doc_id.to_string(), q);
        }
        self.questions
            .get(doc_id)
            .ok_or_else(|| Error::Damaged(format!("`{doc_id}` vanished")))
    }

    fn answer_len(&mut self, doc_id: &str) -> Result<usize> {
        Ok(self.question(doc_id)?.answer.as_deref().map_or(0, str::len))
    }
}

/// The ids of all questions with this copy key.
fn copies(store: &Store, searcher: &Searcher, key: u64) -> Result<Vec<String>> {
    let q = TermQuery::new(
        Term::from_field_u64(store.fields().copy_key, key),
        IndexRecordOption::Basic,
    );
    let found = searcher.search(&q, &TopDocs::with_limit(100).order_by_score())?;
    let mut ids = Vec::with_capacity(found.len());
    for (_, address) in found {
        let column = searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .str(DOC_ID_FIELD)?;
        let mut id = String::new();
        if let Some(column) = column
            && let Some(ord) = column.term_ords(address.doc_id).next()
        {
            column
                .ord_to_str(ord, &mut id)
                .map_err(TantivyError::from)?;
        }
        if !id.is_empty() {
            ids.push(id);
        }
    }
    ids.sort();
    Ok(ids)
}

/// The other questions with the same text as `q` (a question put to several ministers).
pub fn linked_questions(store: &Store, q: &Question) -> Result<Vec<Linked>> {
    let Some(key) = crate::parse::copy_key(&q.question) else {
        return Ok(Vec::new());
    };
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let mut out = Vec::new();
    for id in copies(store, &searcher, key)? {
        if id != q.doc_id
            && let Some(other) = store.question(&searcher, &id)?
        {
            out.push(Linked::of(&other));
        }
    }
    Ok(out)
}

/// Turns ranked candidates into at most `limit` hits.
pub fn fill(
    store: &Store,
    searcher: &Searcher,
    top: &[(Score, DocAddress)],
    limit: usize,
    highlighter: &Highlighter,
    analyzer: &DutchAnalyzer,
) -> Result<Vec<Hit>> {
    let mut f = Filler {
        store,
        searcher,
        columns: HashMap::new(),
        questions: HashMap::new(),
    };
    let located: Vec<Located> = top
        .iter()
        .map(|&(_, a)| f.locate(a))
        .collect::<Result<_>>()?;
    let mut shown_groups: HashSet<(u64, u64)> = HashSet::new();
    let mut hits = Vec::with_capacity(limit);
    for (i, &(score, _)) in top.iter().enumerate() {
        if hits.len() == limit {
            break;
        }
        let here = &located[i];
        let mut doc_id = here.doc_id.clone();
        let mut also = Vec::new();
        if here.group != 0 {
            if !shown_groups.insert((here.group, here.ordinal)) {
                continue; // a copy of a passage already shown
            }
            // Of the copies that matched, show the one with the fullest answer.
            let mut best = (f.answer_len(&doc_id)?, doc_id.clone());
            for other in &located[i + 1..] {
                if other.group == here.group && other.ordinal == here.ordinal {
                    let len = f.answer_len(&other.doc_id)?;
                    if len > best.0 {
                        best = (len, other.doc_id.clone());
                    }
                }
            }
            doc_id = best.1;
            for id in copies(store, searcher, here.group)? {
                if id != doc_id {
                    also.push(Linked::of(f.question(&id)?));
                }
            }
        }
        let q = f.question(&doc_id)?;
        let passage = usize::try_from(here.ordinal)
            .ok()
            .and_then(|o| q.passages.get(o))
            .ok_or_else(|| Error::Damaged(format!("`{doc_id}` has no passage {}", here.ordinal)))?;
        let highlights = highlighter.highlights(analyzer, &passage.text);
        let topic_highlights = q
            .topic
            .as_deref()
            .map(|t| highlighter.highlights(analyzer, t))
            .unwrap_or_default();
        hits.push(Hit {
            rank: hits.len() + 1,
            score: super::round3(score),
            doc_id: doc_id.clone(),
            number: q.number,
            asker: q.asker.clone(),
            minister: q.minister.clone(),
            portfolio: q.portfolio.clone(),
            date: q.date.clone(),
            topic: q.topic.clone(),
            path: q.path.clone(),
            part: passage.part,
            label: passage.label.clone(),
            snippet: snippet_html(&passage.text, &highlights, SNIPPET_BYTES),
            passage: passage.text.clone(),
            answers: passage.answers.clone(),
            answered: passage.answered.clone(),
            also_answered_by: also,
            highlights,
            topic_highlights,
        });
    }
    Ok(hits)
}

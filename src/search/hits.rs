//! Filling in hits from the stored questions: passage, fields, snippet, links; copies of
//! one question (a joint answer) collapse into one hit, the copy with the fullest answer.

use super::{Highlighter, Hit, SNIPPET_BYTES, snippet_html};
use crate::analysis::DutchAnalyzer;
use crate::error::{Error, Result};
use crate::index::{GROUP_FIELD, ORDINAL_FIELD, QREF_FIELD, Store};
use crate::model::Question;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Searcher, Term};

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

/// Per segment: the columns a hit is located by (numbers only: no string look-ups).
struct Columns {
    qref: tantivy::columnar::Column<u64>,
    ordinal: tantivy::columnar::Column<u64>,
    group: tantivy::columnar::Column<u64>,
}

/// Where a passage hit points: its question's key, its passage, its copy group (0: none).
struct Located {
    key: u64,
    ordinal: u64,
    group: u64,
}

struct Filler<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    columns: HashMap<u32, Columns>,
    questions: HashMap<u64, Question>,
}

impl Filler<'_> {
    fn columns(&mut self, segment: u32) -> Result<&Columns> {
        if !self.columns.contains_key(&segment) {
            let fast = self.searcher.segment_reader(segment).fast_fields();
            let cols = Columns {
                qref: fast.u64(QREF_FIELD)?,
                ordinal: fast.u64(ORDINAL_FIELD)?,
                group: fast.u64(GROUP_FIELD)?,
            };
            self.columns.insert(segment, cols);
        }
        self.columns
            .get(&segment)
            .ok_or_else(|| Error::Damaged("a segment without its columns".into()))
    }

    fn locate(&mut self, address: DocAddress) -> Result<Located> {
        let cols = self.columns(address.segment_ord)?;
        let key = cols
            .qref
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged("a passage without its question".into()))?;
        let ordinal = cols
            .ordinal
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged("a passage without its ordinal".into()))?;
        let group = cols.group.first(address.doc_id).unwrap_or(0);
        Ok(Located {
            key,
            ordinal,
            group,
        })
    }

    fn question(&mut self, key: u64) -> Result<&Question> {
        if !self.questions.contains_key(&key) {
            let q = self
                .store
                .question_by_key(self.searcher, key)?
                .ok_or_else(|| {
                    Error::Damaged(format!("a passage without its question ({key:016x})"))
                })?;
            self.questions.insert(key, q);
        }
        self.questions
            .get(&key)
            .ok_or_else(|| Error::Damaged(format!("question {key:016x} vanished")))
    }

    fn answer_len(&mut self, key: u64) -> Result<usize> {
        Ok(self.question(key)?.answer.as_deref().map_or(0, str::len))
    }
}

/// The keys of all questions with this copy key.
fn copies(store: &Store, searcher: &Searcher, copy_key: u64) -> Result<Vec<u64>> {
    let q = TermQuery::new(
        Term::from_field_u64(store.fields().copy_key, copy_key),
        IndexRecordOption::Basic,
    );
    let found = searcher.search(&q, &TopDocs::with_limit(100).order_by_score())?;
    let mut keys = Vec::with_capacity(found.len());
    for (_, address) in found {
        let column = searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .u64(QREF_FIELD)?;
        keys.extend(column.first(address.doc_id));
    }
    keys.sort_unstable();
    Ok(keys)
}

/// The other questions with the same text as `q` (a question put to several ministers).
pub fn linked_questions(store: &Store, q: &Question) -> Result<Vec<Linked>> {
    let Some(copy_key) = crate::parse::copy_key(&q.question) else {
        return Ok(Vec::new());
    };
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let own = crate::index::question_key(&q.doc_id);
    let mut out = Vec::new();
    for key in copies(store, &searcher, copy_key)? {
        if key != own
            && let Some(other) = store.question_by_key(&searcher, key)?
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
        let mut key = here.key;
        let mut also = Vec::new();
        if here.group != 0 {
            if !shown_groups.insert((here.group, here.ordinal)) {
                continue; // a copy of a passage already shown
            }
            // Of the copies that matched, show the one with the fullest answer.
            let mut best = (f.answer_len(key)?, key);
            for other in &located[i + 1..] {
                if other.group == here.group && other.ordinal == here.ordinal {
                    let len = f.answer_len(other.key)?;
                    if len > best.0 {
                        best = (len, other.key);
                    }
                }
            }
            key = best.1;
            for other in copies(store, searcher, here.group)? {
                if other != key {
                    also.push(Linked::of(f.question(other)?));
                }
            }
        }
        let q = f.question(key)?;
        let doc_id = q.doc_id.clone();
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

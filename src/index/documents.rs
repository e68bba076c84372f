//! A question as tantivy documents: one for the question (its record, keys, acronyms,
//! the counted columns) and one per passage (its text with the question's fields, for
//! search, filters and order).

use super::Fields;
use super::schema::KIND_QUESTION;
use crate::analysis::DutchAnalyzer;
use crate::error::Result;
use crate::model::Question;
use crate::parse::{self, date};
use tantivy::{DateTime, TantivyDocument};

/// The tantivy documents of one question: the question itself, then its passages.
pub(crate) fn documents(
    q: &Question,
    file_id: &str,
    f: &Fields,
    analyzer: &DutchAnalyzer,
) -> Result<Vec<TantivyDocument>> {
    let mut out = Vec::with_capacity(q.passages.len() + 1);
    let copy_key = parse::copy_key(&q.question);
    out.push(question_document(q, file_id, copy_key, f, analyzer)?);
    let key = copy_key.unwrap_or(0);
    let qkey = super::question_key(&q.meta.doc_id);
    let day = q.meta.date.as_deref().and_then(date::parse_iso);
    for p in &q.passages {
        let mut d = TantivyDocument::default();
        d.add_u64(f.qref, qkey);
        d.add_text(f.file_id, file_id);
        d.add_text(f.text, &p.text);
        if let Some(t) = &q.meta.topic {
            d.add_text(f.topic, t);
            // The title is also a second value of the passage field: a word of the title
            // finds every passage of its question, one term looked up instead of two
            // fields joined, and a passage that holds the word too counts it twice.
            d.add_text(f.text, t);
        }
        if let Some(m) = &q.meta.minister {
            d.add_text(f.minister, m);
        }
        if let Some(a) = &q.meta.asker {
            d.add_text(f.asker, a);
        }
        add_counted(&mut d, q, f);
        if let Some(day) = day {
            let midnight = day.midnight().assume_utc();
            d.add_date(f.date, DateTime::from_utc(midnight));
        }
        if let Some(n) = q.meta.number {
            d.add_u64(f.number, u64::from(n));
        }
        d.add_text(f.part, p.part.as_str());
        d.add_u64(f.ordinal, u64::from(p.ordinal));
        d.add_u64(f.group, key);
        d.add_u64(f.tie, super::tie_key(day, q.meta.number, qkey, p.ordinal));
        out.push(d);
    }
    Ok(out)
}

/// The columns counts per minister, asker and year are read from (passages and
/// questions carry them alike).
fn add_counted(d: &mut TantivyDocument, q: &Question, f: &Fields) {
    // Empty when the document gives no name: every document has these columns (see
    // `state::document`), which makes them quicker to read.
    d.add_text(
        f.minister_name,
        q.meta.minister.as_deref().unwrap_or_default(),
    );
    d.add_text(f.asker_name, q.meta.asker.as_deref().unwrap_or_default());
    // 0 when the document gives no date: every document has the column (see
    // `state::document`).
    let year = q
        .meta
        .date
        .as_deref()
        .and_then(date::parse_iso)
        .map(|d| d.year());
    d.add_u64(
        f.year,
        year.and_then(|y| u64::try_from(y).ok()).unwrap_or(0),
    );
    for theme in &q.meta.themes {
        d.add_text(f.theme, crate::analysis::fold(theme));
        d.add_text(f.theme_name, theme);
    }
    if let Some(s) = &q.meta.session {
        d.add_text(f.session, s);
    }
    if let Some(t) = q.meta.timely {
        d.add_text(f.answered, if t { "in-time" } else { "late" });
    }
    d.add_text(f.status, q.status().as_str());
}

pub(crate) fn question_document(
    q: &Question,
    file_id: &str,
    copy_key: Option<u64>,
    f: &Fields,
    analyzer: &DutchAnalyzer,
) -> Result<TantivyDocument> {
    let mut head = TantivyDocument::default();
    head.add_text(f.kind, KIND_QUESTION);
    head.add_text(f.doc_id, &q.meta.doc_id);
    head.add_text(f.file_id, file_id);
    let key = super::question_key(&q.meta.doc_id);
    head.add_u64(f.qkey, key);
    head.add_u64(f.qref, key);
    head.add_text(f.record, super::record_json(q)?);
    if let Some(key) = copy_key {
        head.add_u64(f.copy_key, key);
    }
    for term in super::learned::terms_of(q, analyzer) {
        head.add_text(f.acronym, term);
    }
    add_counted(&mut head, q, f);
    if let Some(days) = q.meta.days_to_answer.and_then(|d| u64::try_from(d).ok()) {
        head.add_u64(f.days, days);
    }
    if let Some(day) = q.meta.date.as_deref().and_then(date::parse_iso) {
        head.add_date(f.date, DateTime::from_utc(day.midnight().assume_utc()));
    }
    head.add_u64(f.tie, 0);
    Ok(head)
}

//! Keys and small queries every reader of the index uses: a question's key, the order
//! of equal scores, a term that must be there, every passage.

use super::schema::Fields;
use tantivy::Term;

/// Where a passage stands among passages of equal score, as one number (greater: first),
/// made of what a build does not change: the question's date (newest first; undated
/// last), its number (highest first), a slice of its key (the same id gives the same
/// key), and the passage's place in it (first passage first). Two builds of one corpus,
/// whatever their threads, commits and segments, order their hits alike.
pub(crate) fn tie_key(
    day: Option<time::Date>,
    number: Option<u32>,
    qkey: u64,
    ordinal: u32,
) -> u64 {
    // Days since 1900-01-01 fit 16 bits until 2079.
    let days = day.map_or(0, |d| {
        let epoch = time::Date::from_ordinal_date(1900, 1).map_or(0, |e| e.to_julian_day());
        (d.to_julian_day() - epoch).clamp(1, 0xFFFF) as u64
    });
    let number = u64::from(number.unwrap_or(0).min(0xF_FFFF));
    let key = qkey >> 46; // 18 bits
    let place = 0x3FF - u64::from(ordinal.min(0x3FF));
    (days << 48) | (number << 28) | (key << 10) | place
}

/// A query for a term that must be there, unscored.
pub(crate) fn term_query(
    field: tantivy::schema::Field,
    text: &str,
) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::TermQuery::new(
        Term::from_field_text(field, text),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// A query for every passage (no question or file document), unscored.
pub(crate) fn every_passage(f: &Fields) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::BooleanQuery::union(vec![
        term_query(f.part, crate::model::Part::Question.as_str()),
        term_query(f.part, crate::model::Part::Answer.as_str()),
    ]))
}

/// The 64-bit key of a question id, by which its documents find it.
pub(crate) fn question_key(doc_id: &str) -> u64 {
    crate::source::fnv1a(doc_id.as_bytes())
}

//! Reading the postings straight, without a search: the live documents that hold a term,
//! and the terms that open with a prefix. For look-ups of a handful of documents (a
//! question by its key, the copies of a question, the state of files, acronym counts),
//! where a search's threads and collectors would cost more than the look-up.

use crate::error::Result;
use tantivy::postings::{SegmentPostings, TermInfo};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, DocSet, InvertedIndexReader, Searcher, SegmentReader, TERMINATED,
    TantivyError, Term,
};

/// The documents of `postings` that are not deleted, in order.
pub(crate) fn alive<'a>(
    segment: &'a SegmentReader,
    mut postings: SegmentPostings,
) -> impl Iterator<Item = DocId> + 'a {
    let mut doc = postings.doc();
    std::iter::from_fn(move || {
        while doc != TERMINATED {
            let here = doc;
            doc = postings.advance();
            if segment
                .alive_bitset()
                .is_none_or(|alive| alive.is_alive(here))
            {
                return Some(here);
            }
        }
        None
    })
    .fuse()
}

/// The postings of `term` in one segment, if the segment has the term.
pub(crate) fn postings_of(segment: &SegmentReader, term: &Term) -> Result<Option<SegmentPostings>> {
    let inverted = segment.inverted_index(term.field())?;
    Ok(inverted
        .read_postings(term, IndexRecordOption::Basic)
        .map_err(TantivyError::from)?)
}

/// The postings of a term met in a term walk (see [`each_term_with_prefix`]).
pub(crate) fn postings_at(
    inverted: &InvertedIndexReader,
    info: &TermInfo,
) -> Result<SegmentPostings> {
    Ok(inverted
        .read_postings_from_terminfo(info, IndexRecordOption::Basic)
        .map_err(TantivyError::from)?)
}

/// The first document of a segment that holds `term` and is not deleted.
pub(crate) fn first_alive(segment: &SegmentReader, term: &Term) -> Result<Option<DocId>> {
    Ok(match postings_of(segment, term)? {
        Some(postings) => alive(segment, postings).next(),
        None => None,
    })
}

/// The documents of every segment that hold `term` and are not deleted.
pub(crate) fn alive_with(searcher: &Searcher, term: &Term) -> Result<Vec<DocAddress>> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        if let Some(postings) = postings_of(segment, term)? {
            let ord = ord as u32;
            out.extend(alive(segment, postings).map(|doc| DocAddress::new(ord, doc)));
        }
    }
    Ok(out)
}

/// Calls `each` with every term of `field` that opens with `prefix`, segment by segment,
/// with the segment's inverted index and the term's info; `each` returns whether to go on
/// in this segment.
pub(crate) fn each_term_with_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    mut each: impl FnMut(&SegmentReader, &InvertedIndexReader, &str, &TermInfo) -> Result<bool>,
) -> Result<()> {
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(TantivyError::from)?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(prefix) || !each(segment, &inverted, term, stream.value())? {
                break;
            }
        }
    }
    Ok(())
}

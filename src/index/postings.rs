//! Reading the postings straight, without a search: the live documents that hold a term,
//! and the terms that open with a prefix. For look-ups of a handful of documents (a
//! question by its key, the copies of a question, the state of files, acronym counts),
//! where a search's threads and collectors would cost more than the look-up.

use crate::error::Result;
use tantivy::fastfield::AliveBitSet;
use tantivy::postings::{SegmentPostings, TermInfo};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, DocSet, InvertedIndexReader, Searcher, SegmentReader, TERMINATED,
    TantivyError, Term,
};

/// The documents of a segment's postings that are not deleted, in order.
pub(crate) struct Alive<'a> {
    postings: SegmentPostings,
    deleted: Option<&'a AliveBitSet>,
}

impl Iterator for Alive<'_> {
    type Item = DocId;

    #[inline]
    fn next(&mut self) -> Option<DocId> {
        loop {
            let doc = self.postings.doc();
            if doc == TERMINATED {
                return None;
            }
            self.postings.advance();
            if self.deleted.is_none_or(|alive| alive.is_alive(doc)) {
                return Some(doc);
            }
        }
    }
}

/// The documents of `postings` that are not deleted, in order.
pub(crate) fn alive(segment: &SegmentReader, postings: SegmentPostings) -> Alive<'_> {
    Alive {
        postings,
        deleted: segment.alive_bitset(),
    }
}

/// How many documents of a term met in a term walk are not deleted: its document
/// frequency where the segment deletes nothing, else counted from the postings.
pub(crate) fn alive_count(
    segment: &SegmentReader,
    inverted: &InvertedIndexReader,
    info: &TermInfo,
) -> Result<usize> {
    if segment.alive_bitset().is_none() {
        return Ok(info.doc_freq as usize);
    }
    let postings = inverted
        .read_postings_from_terminfo(info, IndexRecordOption::Basic)
        .map_err(TantivyError::from)?;
    Ok(alive(segment, postings).count())
}

/// The postings of `term` in one segment, if the segment has the term.
pub(crate) fn postings_of(segment: &SegmentReader, term: &Term) -> Result<Option<SegmentPostings>> {
    let inverted = segment.inverted_index(term.field())?;
    Ok(inverted
        .read_postings(term, IndexRecordOption::Basic)
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

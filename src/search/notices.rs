//! What a search says besides its hits: the corrections it made, written as the hits
//! write the word; the names it used instead of those asked; and, when nothing matched,
//! the names that match nobody at all.

use super::query::{Prepared, filters};
use super::results::{Hit, Notice};
use crate::analysis::{DutchAnalyzer, TokenSink};
use crate::error::Result;

/// What the notices read: the index's fields and view, and the analyzer passages were
/// indexed with (a session's, handed down: notices know nothing of sessions).
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub searcher: &'a tantivy::Searcher,
    pub fields: &'a crate::index::Fields,
    pub indexed: &'a DutchAnalyzer,
}

/// The notices a search ends with, after those its query gave.
pub(crate) fn closing(
    view: View,
    prepared: &Prepared,
    hits: &[Hit],
    total: usize,
) -> Result<Vec<Notice>> {
    let mut notices = prepared.notices.clone();
    for (word, term) in &prepared.corrected {
        let shown = written_form(view.indexed, hits, term).unwrap_or_else(|| term.clone());
        notices.push(Notice::new(
            format!("no results for `{word}`; showing `{shown}`"),
            format!("niets gevonden voor `{word}`; resultaten voor `{shown}`"),
        ));
    }
    for r in &prepared.renamed {
        let name = hits
            .first()
            .and_then(|h| h.meta.name(r.role))
            .unwrap_or(&r.used);
        notices.push(Notice::new(
            format!("no {} is named `{}`; showing `{name}`", r.role, r.asked),
            format!(
                "geen {} heet `{}`; resultaten voor `{name}`",
                r.role.dutch(),
                r.asked
            ),
        ));
    }
    if total == 0 {
        notices.extend(filters::name_notices(
            view.searcher,
            view.fields,
            &prepared.filters,
        )?);
    }
    Ok(notices)
}

/// A word of the hits, as written, that gives `term` (the word a correction found).
fn written_form(analyzer: &DutchAnalyzer, hits: &[Hit], term: &str) -> Option<String> {
    let mut sink = TokenSink::default();
    // The word itself before a compound that holds it: a compound gives its own term
    // first, its parts after, at one place.
    let mut inside = None;
    for hit in hits {
        for text in [Some(hit.passage.as_str()), hit.meta.topic.as_deref()]
            .into_iter()
            .flatten()
        {
            analyzer.analyze(text, &mut sink);
            let tokens = sink.tokens();
            for (i, t) in tokens.iter().enumerate() {
                if t.text != term {
                    continue;
                }
                let written = &text[t.offset_from..t.offset_to];
                let whole = i == 0 || tokens[i - 1].offset_from != t.offset_from;
                if whole {
                    return Some(written.to_string());
                }
                inside.get_or_insert_with(|| written.to_string());
            }
        }
    }
    inside
}

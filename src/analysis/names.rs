//! The name analysis of the minister and asker filters.

use super::fold::{self, fold_into};
use super::sink::TokenSink;
use super::tokenize::parts;
use super::tokenize::words;

/// Analyzes a person's name for the filters: parts split at spaces, hyphens and
/// apostrophes, case and accents folded, nothing stemmed or dropped; a name with an
/// apostrophe is also indexed whole (`D'hondt` gives `d`, `hondt` and `dhondt`).
pub fn analyze_name(text: &str, sink: &mut TokenSink) {
    sink.clear();
    let mut position = 0;
    let mut spans = Vec::new();
    let mut folded = String::new();
    let mut joined = String::new();
    for word in words(text) {
        parts(text, word, &mut spans);
        for &(from, to) in &spans {
            fold_into(&text[from..to], &mut folded);
            sink.push(from, to, position, &folded);
            position += 1;
        }
        let whole = &text[word.start..word.end];
        if spans.len() > 1 && whole.chars().any(fold::is_apostrophe) {
            fold_into(whole, &mut folded);
            joined.clear();
            joined.extend(folded.chars().filter(|c| c.is_alphanumeric()));
            sink.push(word.start, word.end, position.saturating_sub(1), &joined);
        }
    }
}

/// The folded parts of a name, as the name analyzer indexes them.
pub fn name_terms(text: &str) -> Vec<String> {
    let mut sink = TokenSink::default();
    analyze_name(text, &mut sink);
    sink.tokens().iter().map(|t| t.text.clone()).collect()
}

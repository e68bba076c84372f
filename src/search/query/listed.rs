//! The shipped list of Flemish and Belgian acronyms as a search looks it up, and the key
//! an acronym is looked up by.

use crate::analysis::{self, DutchAnalyzer};
use crate::index::learned::LongForm;
use rustc_hash::FxHashMap;

/// The acronym key of a word as typed: folded, letters and digits only, the possessive
/// `'s` dropped (`LIVC’s` is `livc`).
pub(super) fn acronym_key(word: &str) -> String {
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    analysis::fold(word)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The shipped list of acronyms ([`analysis::long_forms::listed`]) as a search looks it
/// up: by acronym key, and by the analyzed terms of each long form.
#[derive(Debug, Default)]
pub(crate) struct ListedIndex {
    pub(super) long_forms: FxHashMap<String, Vec<LongForm>>,
    pub(super) acronyms: FxHashMap<String, Vec<String>>,
}

impl ListedIndex {
    /// The list, its long forms analyzed as queries are.
    pub(crate) fn new(analyzer: &DutchAnalyzer) -> ListedIndex {
        let mut out = ListedIndex::default();
        // Long forms share their words (`Vlaams`, `agentschap`, `voor`): each is
        // stemmed once.
        let mut cache = analysis::StemCache::default();
        let mut sink = analysis::TokenSink::default();
        let mut terms = String::new();
        for listed in analysis::long_forms::listed() {
            let key = acronym_key(listed.acronym);
            for long in &listed.long_forms {
                analyzer.analyze_cached(long, &mut sink, &mut cache);
                terms.clear();
                for (i, t) in sink.tokens().iter().enumerate() {
                    if i > 0 {
                        terms.push(' ');
                    }
                    terms.push_str(&t.text);
                }
                if terms.is_empty() {
                    continue;
                }
                out.long_forms
                    .entry(key.clone())
                    .or_default()
                    .push(LongForm {
                        written: long.to_string(),
                        terms: terms.clone(),
                        questions: 0,
                    });
                let keys = out.acronyms.entry(terms.clone()).or_default();
                if !keys.contains(&key) {
                    keys.push(key.clone());
                }
            }
        }
        out
    }
}

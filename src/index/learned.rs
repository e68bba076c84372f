//! The acronyms an index learned. Each question document carries, as terms of the
//! `acronym` field, every `long form (ACRONYM)` pair its text gives
//! ([`crate::analysis::long_forms::mine`]), twice: keyed by the acronym and keyed by the
//! long form's analyzed terms. Counts are questions, read from the postings, so a
//! replaced or removed file takes its pairs with it.

use crate::analysis::{DutchAnalyzer, fold, long_forms};
use crate::error::Result;
use crate::model::Question;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::Searcher;
use tantivy::schema::Field;

/// Separates the parts of a term.
const SEP: char = '\u{1f}';
/// Terms keyed by the acronym: `a SEP livc SEP lokal integral veiligheidscel SEP LIVC SEP
/// lokale integrale veiligheidscellen`.
const BY_ACRONYM: &str = "a";
/// Terms keyed by the long form: `l SEP lokal integral veiligheidscel SEP livc`.
const BY_LONG: &str = "l";

/// The acronym terms of a question: each pair its title and text give, once.
pub fn terms_of(q: &Question, analyzer: &DutchAnalyzer) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let texts = [
        q.meta.topic.as_deref(),
        Some(q.question.as_str()),
        q.answer.as_deref(),
    ];
    for found in texts.into_iter().flatten().flat_map(long_forms::mine) {
        let key = fold(&found.acronym);
        let stems = analyzer.terms(&found.long).join(" ");
        if stems.is_empty() || stems == key {
            continue;
        }
        for term in [
            format!(
                "{BY_ACRONYM}{SEP}{key}{SEP}{stems}{SEP}{}{SEP}{}",
                found.acronym, found.long
            ),
            format!("{BY_LONG}{SEP}{stems}{SEP}{key}"),
        ] {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

/// Calls `each` with every term of `field` that opens with `prefix` and the number of
/// live documents holding it.
fn scan(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    mut each: impl FnMut(&str, usize),
) -> Result<()> {
    super::each_term_with_prefix(searcher, field, prefix, |segment, inverted, term, info| {
        let live = super::postings::alive_count(segment, inverted, info)?;
        if live > 0 {
            each(term, live);
        }
        Ok(true)
    })
}

/// A long form an acronym stood beside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LongForm {
    /// As most often written.
    pub written: String,
    /// Its analyzed terms, separated by spaces.
    #[serde(skip)]
    pub terms: String,
    /// Questions that give it.
    pub questions: usize,
}

/// Where a search gets an acronym's long forms from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The corpus spells it out (`long form (ACRONYM)`): counted in questions.
    Learned,
    /// The shipped list of Flemish and Belgian acronyms ([`crate::analysis::long_forms::LIST`]).
    List,
}

/// An acronym the index learned, with its long forms, the most frequent first; or one of
/// the shipped list (no counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Learned {
    /// As most often written.
    pub acronym: String,
    /// Questions that give it with a long form (0 for the list).
    pub questions: usize,
    pub source: Source,
    pub long_forms: Vec<LongForm>,
}

/// Accumulates (written acronym, terms, written long form, count) rows into [`Learned`].
#[derive(Default)]
struct Tally {
    // key -> terms -> (written long -> count), written acronym -> count
    longs: BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>>,
    names: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Tally {
    fn add(&mut self, term: &str, count: usize) {
        let mut parts = term.split(SEP);
        let (Some(_), Some(key), Some(terms), Some(written), Some(long)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return;
        };
        *self
            .longs
            .entry(key.to_string())
            .or_default()
            .entry(terms.to_string())
            .or_default()
            .entry(long.to_string())
            .or_default() += count;
        *self
            .names
            .entry(key.to_string())
            .or_default()
            .entry(written.to_string())
            .or_default() += count;
    }

    fn finish(self) -> Vec<Learned> {
        fn most(m: &BTreeMap<String, usize>) -> &str {
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map_or("", |(k, _)| k.as_str())
        }
        let mut out: Vec<Learned> = self
            .longs
            .into_iter()
            .map(|(key, by_terms)| {
                let mut long_forms: Vec<LongForm> = by_terms
                    .into_iter()
                    .map(|(terms, written)| LongForm {
                        written: most(&written).to_string(),
                        questions: written.values().sum(),
                        terms,
                    })
                    .collect();
                long_forms
                    .sort_by(|a, b| b.questions.cmp(&a.questions).then(a.terms.cmp(&b.terms)));
                Learned {
                    acronym: self
                        .names
                        .get(&key)
                        .map_or(key.clone(), |n| most(n).to_string()),
                    questions: self.names.get(&key).map_or(0, |n| n.values().sum()),
                    source: Source::Learned,
                    long_forms,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.questions
                .cmp(&a.questions)
                .then(a.acronym.cmp(&b.acronym))
        });
        out
    }
}

/// Everything the index at the last commit learned, the most frequent acronym first.
pub fn of_store(store: &super::Store) -> Result<Vec<Learned>> {
    let reader = store.reader()?;
    learned(&reader.searcher(), store.fields().acronym)
}

/// What the index learned, the most frequent acronym first, then the acronyms of the
/// shipped list it learned nothing for (in the list's order): what searches widen with.
pub fn with_list(store: &super::Store) -> Result<Vec<Learned>> {
    let mut out = of_store(store)?;
    let key = |a: &str| -> String {
        crate::analysis::fold(a)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let learned: std::collections::HashSet<String> = out.iter().map(|l| key(&l.acronym)).collect();
    for listed in crate::analysis::long_forms::listed() {
        if learned.contains(&key(listed.acronym)) {
            continue;
        }
        out.push(Learned {
            acronym: listed.acronym.to_string(),
            questions: 0,
            source: Source::List,
            long_forms: listed
                .long_forms
                .iter()
                .map(|l| LongForm {
                    written: l.to_string(),
                    terms: String::new(),
                    questions: 0,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Everything the index learned, the most frequent acronym first.
pub(crate) fn learned(searcher: &Searcher, field: Field) -> Result<Vec<Learned>> {
    let mut tally = Tally::default();
    scan(searcher, field, &format!("{BY_ACRONYM}{SEP}"), |t, n| {
        tally.add(t, n)
    })?;
    Ok(tally.finish())
}

/// The long forms of an acronym (folded, `livc`), the most frequent first.
pub(crate) fn long_forms(searcher: &Searcher, field: Field, key: &str) -> Result<Vec<LongForm>> {
    let mut tally = Tally::default();
    scan(
        searcher,
        field,
        &format!("{BY_ACRONYM}{SEP}{key}{SEP}"),
        |t, n| tally.add(t, n),
    )?;
    Ok(tally
        .finish()
        .into_iter()
        .next()
        .map(|l| l.long_forms)
        .unwrap_or_default())
}

/// The acronyms (folded) of a long form given as its analyzed terms, the most frequent
/// first.
pub(crate) fn acronyms_of(searcher: &Searcher, field: Field, terms: &str) -> Result<Vec<String>> {
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    let prefix = format!("{BY_LONG}{SEP}{terms}{SEP}");
    scan(searcher, field, &prefix, |t, n| {
        *found.entry(t[prefix.len()..].to_string()).or_default() += n;
    })?;
    let mut out: Vec<(String, usize)> = found.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(out.into_iter().map(|(k, _)| k).collect())
}

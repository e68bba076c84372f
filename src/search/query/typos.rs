//! Typo tolerance: a query word the index does not know, long enough to be a typo, is
//! replaced by the known word nearest to it (edit distance 1, or 2 for long words, a
//! swap of two letters counting 1); the most frequent wins a tie. Names in filters the
//! same way ([`super::filters`]).

use super::builder::Builder;
use super::listed::acronym_key;
use crate::error::Result;
use crate::search::syntax::{Atom, Clause};
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, TantivyError, Term};

/// Words shorter than this (in characters) are never corrected.
pub(crate) const MIN_TYPO_LEN: usize = 5;
/// From this length on (in characters), two edits are allowed.
pub(crate) const TWO_EDITS_FROM: usize = 8;

/// The edits allowed for a word of this many characters; none for a short word.
pub(crate) fn max_edits(chars: usize) -> Option<u8> {
    match chars {
        n if n < MIN_TYPO_LEN => None,
        n if n < TWO_EDITS_FROM => Some(1),
        _ => Some(2),
    }
}

/// Edit distance with adjacent swaps (optimal string alignment), on characters.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// Whether `field` holds `term` (as a word, or inside a compound where the index splits
/// them).
pub(crate) fn known(searcher: &Searcher, field: Field, term: &str) -> Result<bool> {
    // A word that stands only at the front of longer words is known too.
    Ok(searcher.doc_freq(&Term::from_field_text(field, term))? > 0
        || searcher.doc_freq(&Term::from_field_text(
            field,
            &crate::analysis::front_term(term),
        ))? > 0)
}

impl Builder<'_> {
    /// Finds, for each word of the positive clauses that the index does not know, the
    /// nearest word it knows; remembers it for the clauses to be built, and returns
    /// `(word as typed, the term searched instead)` for each.
    pub(super) fn correct(&mut self, clauses: &[Clause]) -> Result<Vec<(String, String)>> {
        let mut fixed = Vec::new();
        for clause in clauses.iter().filter(|c| !c.excluded) {
            for atom in &clause.alternatives {
                let Atom::Word(w) = atom else { continue };
                let terms = self.analyzed(w);
                let [(_, term)] = terms.as_slice() else {
                    continue;
                };
                // A number is never a typo: `84.300` is not `84.200` misspelt. Nor is an
                // acronym the index learned.
                if self.corrections.contains_key(term)
                    || term.bytes().any(|b| b.is_ascii_digit())
                    || max_edits(term.chars().count()).is_none()
                    || known(self.searcher, self.fields.text, term)?
                    || !self.long_forms_known(&acronym_key(w))?.is_empty()
                {
                    continue;
                }
                let stem = |w: &str| self.analyzer.letters_term(w);
                if let Some(near) = nearest_term(self.searcher, self.fields.text, term, w, &stem)? {
                    self.corrections.insert(term.clone(), near.clone());
                    fixed.push((w.clone(), near));
                }
            }
        }
        Ok(fixed)
    }
}

/// The best of the candidates: fewest edits, then most documents, then first in order.
#[derive(Default)]
struct Best {
    found: Option<(usize, u64, String)>,
}

impl Best {
    fn offer(&mut self, edits: usize, docs: u64, term: &str) {
        let better = match &self.found {
            None => true,
            Some((e, d, t)) => {
                (edits, std::cmp::Reverse(docs), term) < (*e, std::cmp::Reverse(*d), t.as_str())
            }
        };
        if better {
            self.found = Some((edits, docs, term.to_string()));
        }
    }
}

/// The words one edit away from `word` (lower-case ASCII letters only): a letter left
/// out, swapped with the next, replaced or put in; each once, where first made (a letter
/// left out of a run, or put in beside its like, makes the same word wherever in the run).
fn one_edit(word: &str) -> Vec<String> {
    let w = word.as_bytes();
    let mut out = Vec::new();
    let mut push = |v: Vec<u8>| {
        if let Ok(s) = String::from_utf8(v) {
            out.push(s);
        }
    };
    for i in 0..w.len() {
        if i == 0 || w[i - 1] != w[i] {
            push([&w[..i], &w[i + 1..]].concat());
        }
        if i + 1 < w.len() && w[i] != w[i + 1] {
            push([&w[..i], &[w[i + 1], w[i]], &w[i + 2..]].concat());
        }
        for c in b'a'..=b'z' {
            if c != w[i] {
                push([&w[..i], &[c], &w[i + 1..]].concat());
            }
        }
    }
    for i in 0..=w.len() {
        for c in b'a'..=b'z' {
            if i == 0 || w[i - 1] != c {
                push([&w[..i], &[c], &w[i..]].concat());
            }
        }
    }
    out
}

/// The term of `field` nearest to `term`, if one is within the edits its length allows.
/// A typo can also break the ending the stemmer cuts (`radicaliseirng` stems to itself,
/// not to `radicaliser`), so the words one edit from `word` as typed count too, through
/// `stem`. Only the passages' field is searched: a title's words are in its passages
/// too, nearly always, and each field searched costs a walk of its term dictionary.
pub(crate) fn nearest_term(
    searcher: &Searcher,
    field: Field,
    term: &str,
    word: &str,
    stem: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<String>> {
    let Some(edits) = max_edits(term.chars().count()) else {
        return Ok(None);
    };
    let mut best = Best::default();
    let folded = crate::analysis::fold(word);
    if folded.bytes().all(|b| b.is_ascii_lowercase()) {
        let mut tried = std::collections::HashSet::new();
        for variant in one_edit(&folded) {
            let Some(t) = stem(&variant) else { continue };
            if t == term || !tried.insert(t.clone()) {
                continue;
            }
            let docs = searcher.doc_freq(&Term::from_field_text(field, &t))?;
            if docs > 0 {
                best.offer(1, docs, &t);
            }
        }
    }
    // One edit from the word as typed is as near as it gets: no need to walk the terms.
    if best.found.is_some() {
        return Ok(best.found.map(|(_, _, t)| t));
    }
    // Only words with the same first letter: a typo there is rare, and one edit from the
    // word as typed (above) covers it; walking one letter's terms instead of all of them
    // is what keeps this fast on a large index.
    let first = term.chars().next().map_or(0, char::len_utf8);
    let opening = &term[..first];
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, term), edits, true).automaton()?;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(&automaton)
            .ge(opening.as_bytes())
            .into_stream()
            .map_err(TantivyError::from)?;
        while stream.advance() {
            let Ok(found) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !found.starts_with(opening) {
                break;
            }
            if found == term {
                continue;
            }
            let docs = u64::from(stream.value().doc_freq);
            best.offer(distance(found, term), docs, found);
        }
    }
    Ok(best.found.map(|(_, _, t)| t))
}

/// Name parts shorter than this (in characters) are never corrected: names are short,
/// so one letter shorter than words.
pub(crate) const MIN_NAME_TYPO_LEN: usize = 4;

/// The term of a names field nearest to `part` (one folded part of a name).
pub(crate) fn nearest_name(
    searcher: &Searcher,
    field: Field,
    part: &str,
) -> Result<Option<String>> {
    let n = part.chars().count();
    let Some(edits) = max_edits(n.max(MIN_TYPO_LEN)).filter(|_| n >= MIN_NAME_TYPO_LEN) else {
        return Ok(None);
    };
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, part), edits, true).automaton()?;
    let mut best = Best::default();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(TantivyError::from)?;
        while stream.advance() {
            if let Ok(found) = std::str::from_utf8(stream.key()) {
                best.offer(
                    distance(found, part),
                    u64::from(stream.value().doc_freq),
                    found,
                );
            }
        }
    }
    Ok(best.found.map(|(_, _, t)| t))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{numbers, question, search, store};
    use super::*;
    use crate::search::{Expansions, SearchRequest};

    #[test]
    fn an_unknown_word_is_replaced_by_the_nearest_known_one_and_said() {
        let s = store(&[
            question(1, "Geheim", "Geldt het beroepsgeheim voor hulpverleners?"),
            question(2, "Scholen", "Hoeveel scholen zijn er?"),
        ]);
        let r = search(&s, &SearchRequest::new("beroepgeheim"));
        assert_eq!(numbers(&r), [1]);
        assert_eq!(
            r.notices,
            ["no results for `beroepgeheim`; showing `beroepsgeheim`"]
        );
        // A number, a short word and --exact are left as they are.
        for (query, expand) in [
            ("18.741", Expansions::default()),
            ("scho", Expansions::default()),
            ("beroepgeheim", Expansions::NONE),
        ] {
            let r = search(
                &s,
                &SearchRequest {
                    expand,
                    ..SearchRequest::new(query)
                },
            );
            assert_eq!(r.total, 0, "{query}");
            assert!(r.notices.is_empty(), "{query}: {:?}", r.notices);
        }
    }

    #[test]
    fn each_word_one_edit_away_is_made_once_in_the_order_first_made() {
        for word in ["beroepsgeheim", "aab", "leed", "aaa", "abba", "x"] {
            let got = one_edit(word);
            // Every edit, duplicates and all, in the order they are made.
            let w = word.as_bytes();
            let mut all: Vec<String> = Vec::new();
            for i in 0..w.len() {
                all.push(format!("{}{}", &word[..i], &word[i + 1..]));
                if i + 1 < w.len() && w[i] != w[i + 1] {
                    all.push(format!(
                        "{}{}{}{}",
                        &word[..i],
                        &word[i + 1..i + 2],
                        &word[i..i + 1],
                        &word[i + 2..]
                    ));
                }
                for c in 'a'..='z' {
                    if c as u8 != w[i] {
                        all.push(format!("{}{c}{}", &word[..i], &word[i + 1..]));
                    }
                }
            }
            for i in 0..=w.len() {
                for c in 'a'..='z' {
                    all.push(format!("{}{c}{}", &word[..i], &word[i..]));
                }
            }
            let mut want: Vec<String> = Vec::new();
            for v in all {
                if v != word && !want.contains(&v) {
                    want.push(v);
                }
            }
            assert_eq!(got, want, "{word}");
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance("beroepgeheim", "beroepsgeheim"), 1);
        assert_eq!(distance("kinderopvnag", "kinderopvang"), 1); // a swap
        assert_eq!(distance("dierenwelzjin", "dierenwelzijn"), 1);
        assert_eq!(distance("demri", "demir"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("financiën", "financien"), 1);
    }

    #[test]
    fn one_edit_makes_every_kind_of_edit() {
        let v = one_edit("kat");
        for want in ["at", "akt", "kit", "kaat", "kats"] {
            assert!(v.contains(&want.to_string()), "{want}");
        }
        assert!(v.iter().all(|w| distance(w, "kat") == 1));
    }

    #[test]
    fn short_words_are_never_corrected() {
        assert_eq!(max_edits(4), None);
        assert_eq!(max_edits(5), Some(1));
        assert_eq!(max_edits(8), Some(2));
    }
}

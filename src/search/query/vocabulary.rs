//! Vocabulary widening: a word or a run of words that is a term of the vocabulary
//! ([`crate::analysis::vocabulary`]) also finds the terms it names in other words (a
//! synonym, the Netherlands word, the old or the new name, the narrower terms), each
//! weighing less than the words as typed, with a notice that says what was also searched.

use super::builder::Builder;
use crate::analysis::vocabulary::{self, Group, Relation};
use crate::analysis::{self, DutchAnalyzer};
use crate::error::Result;
use crate::search::results::Notice;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use tantivy::Score;
use tantivy::query::{BoostQuery, Query};
use tantivy::schema::Field;

/// How much a passage found through a vocabulary neighbour weighs against one that holds
/// the words as typed (below an acronym's long form, which means exactly the same).
pub const VOCABULARY_WEIGHT: Score = 0.6;
/// At most this many neighbours widen one term.
pub const MAX_NEIGHBOURS: usize = 8;

/// A term a search also finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Neighbour {
    pub written: String,
    /// Its analyzed terms.
    pub terms: Vec<String>,
    /// When the neighbour is the new name of the term, the year it changed, if known.
    pub renamed: Option<Option<u16>>,
}

/// The vocabulary as a search looks it up: by the analyzed terms of each term, separated
/// by spaces.
///
/// Analyzing every term costs about a millisecond, which the first search of a session
/// would pay; so the terms are shelved by the first letters of their words, as their stems
/// will start ([`fronts`]), a shelf is analyzed when a search first looks up a key that starts with
/// its letters, and a term's neighbours when a search first holds the term.
pub(crate) struct VocabularyIndex {
    analyzer: DutchAnalyzer,
    groups: Vec<Group>,
    shelves: FxHashMap<String, Shelf>,
}

/// The terms (group, index) with a word that may start a key on this shelf, and the keys
/// on it once analyzed.
#[derive(Default)]
struct Shelf {
    terms: Vec<(usize, usize)>,
    by_key: OnceLock<FxHashMap<String, Known>>,
}

/// A key of the vocabulary: the terms that analyze to it, and their neighbours once
/// looked up.
struct Known {
    terms: Vec<(usize, usize)>,
    neighbours: OnceLock<Vec<Neighbour>>,
}

impl std::fmt::Debug for VocabularyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VocabularyIndex")
            .field("groups", &self.groups.len())
            .finish()
    }
}

impl VocabularyIndex {
    /// The shipped vocabulary and `extra` (a user's file: its name and text), to be
    /// analyzed as `analyzer` analyzes queries; the error names the file and the line.
    pub(crate) fn new(
        analyzer: &DutchAnalyzer,
        extra: Option<(&str, &str)>,
    ) -> std::result::Result<VocabularyIndex, String> {
        let mut groups = vocabulary::parse(vocabulary::SHIPPED)
            .map_err(|e| format!("the shipped vocabulary: {e}"))?;
        if let Some((name, text)) = extra {
            groups.extend(vocabulary::parse(text).map_err(|e| format!("{name}: {e}"))?);
        }
        let mut shelves: FxHashMap<String, Shelf> = FxHashMap::default();
        let mut spans = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            for (i, term) in group.terms.iter().enumerate() {
                // The key begins with the first part (as the analyzer cuts words) that is
                // not a stop word; one too long to be a term is passed over.
                'parts: for word in analysis::words(term) {
                    analysis::parts(term, word, &mut spans);
                    for &(from, to) in &spans {
                        let part = &term[from..to];
                        for front in fronts(part) {
                            let shelf = shelves.entry(front).or_default();
                            if shelf.terms.last() != Some(&(g, i)) {
                                shelf.terms.push((g, i));
                            }
                        }
                        if part.len() <= MAX_PART && !analysis::is_stop_word(&analysis::fold(part))
                        {
                            break 'parts;
                        }
                    }
                }
            }
        }
        Ok(VocabularyIndex {
            analyzer: DutchAnalyzer::new(analyzer.options()),
            groups,
            shelves,
        })
    }

    /// The neighbours of analyzed terms (separated by spaces).
    pub(crate) fn get(&self, key: &str) -> Option<&Vec<Neighbour>> {
        let first = front(key.split(' ').next()?);
        let shelf = self.shelves.get(&first)?;
        let known = shelf
            .by_key
            .get_or_init(|| self.keys(&shelf.terms, &first))
            .get(key)?;
        let neighbours = known
            .neighbours
            .get_or_init(|| self.neighbours(key, &known.terms));
        (!neighbours.is_empty()).then_some(neighbours)
    }

    /// The keys of `terms` that are on the shelf `first`.
    fn keys(&self, terms: &[(usize, usize)], first: &str) -> FxHashMap<String, Known> {
        let mut out: FxHashMap<String, Known> = FxHashMap::default();
        for &(g, i) in terms {
            let key = self.analyzer.terms(&self.groups[g].terms[i]).join(" ");
            if key.split(' ').next().map(front).as_deref() != Some(first) {
                continue;
            }
            out.entry(key)
                .or_insert_with(|| Known {
                    terms: Vec::new(),
                    neighbours: OnceLock::new(),
                })
                .terms
                .push((g, i));
        }
        out
    }

    /// The neighbours of the terms (in the order of the groups) that analyze to `key`.
    fn neighbours(&self, key: &str, terms: &[(usize, usize)]) -> Vec<Neighbour> {
        let mut out: Vec<Neighbour> = Vec::new();
        for &(g, i) in terms {
            let group = &self.groups[g];
            let neighbours = group.neighbours(i);
            for (j, written) in group.terms.iter().enumerate() {
                if !neighbours.contains(&written.as_str()) {
                    continue;
                }
                let analyzed = self.analyzer.terms(written);
                if analyzed.is_empty()
                    || analyzed.join(" ") == key
                    || out.iter().any(|n| n.terms == analyzed)
                {
                    continue;
                }
                out.push(Neighbour {
                    written: written.clone(),
                    terms: analyzed,
                    renamed: renamed(group, i, j),
                });
            }
        }
        out
    }

    /// How many terms the vocabulary knows (every shelf analyzed).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.shelves
            .iter()
            .flat_map(|(first, shelf)| {
                shelf
                    .by_key
                    .get_or_init(|| self.keys(&shelf.terms, first))
                    .keys()
            })
            .filter(|key| self.get(key).is_some())
            .count()
    }
}

/// A stem this long starts with the first three letters of its word (the stemmer changes
/// the end of a word: the vowel it undoubles in `raad` is a third letter only in a stem
/// of three).
const LONG: usize = 4;

/// A part longer than this may give no term (the analyzer's bound is longer still).
const MAX_PART: usize = 48;

/// The shelf of an analyzed word: its first three letters when it is [`LONG`], else its
/// first two.
fn front(term: &str) -> String {
    let take = if term.chars().nth(LONG - 1).is_some() {
        3
    } else {
        2
    };
    term.chars().take(take).collect()
}

/// The shelves a word as written may be found on: for its folded form and for the
/// singular of an irregular plural (`leden`, `lid`), the first two letters (its stem may
/// be short), the first three when it is long enough for a long stem, and for a word of
/// three letters or less, whose stem may be shorter still, the first letter.
fn fronts(word: &str) -> Vec<String> {
    let folded = analysis::fold(word);
    let singular = analysis::irregular_singular(&folded);
    let mut out = Vec::new();
    for form in std::iter::once(&folded).chain(singular.as_ref()) {
        let n = form.chars().count();
        out.push(form.chars().take(2).collect::<String>());
        if n >= LONG {
            out.push(form.chars().take(3).collect());
        }
        if n <= 3 {
            out.push(form.chars().take(1).collect());
        }
    }
    out.retain(|f| !f.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Whether term `j` of the group is the new name of term `i`, and when it changed.
fn renamed(group: &Group, i: usize, j: usize) -> Option<Option<u16>> {
    (group.relation == Relation::Renamed && i == 0 && j == 1).then_some(group.year)
}

/// A neighbour holding a word in more than this share of the passages is not searched:
/// it says little about what was meant, and a phrase of such words costs the most.
const MOST_COMMON: u64 = 20;

/// Every analyzed term of `terms` is in the index, and none is in more than one passage
/// in [`MOST_COMMON`] (a neighbour that cannot match, or matches nearly everything, is
/// not searched, nor said).
fn worth_searching(searcher: &tantivy::Searcher, field: Field, terms: &[String]) -> Result<bool> {
    // A small index has no common words to speak of.
    let most = (searcher.num_docs() / MOST_COMMON).max(100);
    for t in terms {
        let df = searcher.doc_freq(&tantivy::Term::from_field_text(field, t))?;
        if df == 0 || df > most {
            return Ok(false);
        }
    }
    Ok(true)
}

impl<'a> Builder<'a> {
    /// Whether analyzed terms are a term of the vocabulary.
    pub(super) fn in_vocabulary(&self, key: &str) -> bool {
        self.vocabulary.is_some_and(|v| v.get(key).is_some())
    }

    /// The queries of the neighbours of analyzed terms (separated by spaces), each
    /// weighing [`VOCABULARY_WEIGHT`] of one word, and a notice of what was also searched.
    pub(super) fn vocabulary_for(
        &mut self,
        field: Field,
        key: &str,
        highlight: bool,
    ) -> Result<Vec<Box<dyn Query>>> {
        let Some(neighbours) = self.vocabulary.and_then(|v| v.get(key)) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let mut said: Vec<String> = Vec::new();
        let mut said_nl: Vec<String> = Vec::new();
        for n in neighbours.iter().take(MAX_NEIGHBOURS) {
            if !worth_searching(self.searcher, field, &n.terms)? {
                continue;
            }
            let terms: Vec<(usize, String)> = n.terms.iter().cloned().enumerate().collect();
            let Some(q) = self.terms_query(field, &terms) else {
                continue;
            };
            if highlight {
                self.highlighter.terms.extend(n.terms.iter().cloned());
            }
            // A phrase scores about the sum of its words: weigh it as one word.
            let weight = VOCABULARY_WEIGHT / n.terms.len().max(1) as Score;
            out.push(Box::new(BoostQuery::new(q, weight)));
            match n.renamed {
                Some(Some(year)) => {
                    said.push(format!("{} (the new name since {year})", n.written));
                    said_nl.push(format!("{} (de nieuwe naam sinds {year})", n.written));
                }
                Some(None) => {
                    said.push(format!("{} (the new name)", n.written));
                    said_nl.push(format!("{} (de nieuwe naam)", n.written));
                }
                None => {
                    said.push(n.written.clone());
                    said_nl.push(n.written.clone());
                }
            }
        }
        if highlight && !said.is_empty() {
            self.notices.push(Notice::new(
                format!("also searched: {}", said.join(", ")),
                format!("ook gezocht: {}", said_nl.join(", ")),
            ));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(extra: Option<(&str, &str)>) -> VocabularyIndex {
        let analyzer =
            DutchAnalyzer::new(crate::analysis::AnalyzerOptions::default().for_queries());
        VocabularyIndex::new(&analyzer, extra).expect("vocabulary")
    }

    #[test]
    fn every_shipped_term_analyzes_to_something_and_finds_its_neighbours() {
        let analyzer =
            DutchAnalyzer::new(crate::analysis::AnalyzerOptions::default().for_queries());
        for group in vocabulary::parse(vocabulary::SHIPPED).expect("parses") {
            for term in &group.terms {
                assert!(
                    !analyzer.terms(term).is_empty(),
                    "`{term}` analyzes to nothing"
                );
            }
        }
        let v = index(None);
        assert!(v.len() > 500, "{}", v.len());
        let key = analyzer.terms("sociale huisvestingsmaatschappij").join(" ");
        let n = v.get(&key).expect("known");
        assert!(
            n.iter()
                .any(|n| n.written == "woonmaatschappij" && n.renamed == Some(Some(2023)))
        );
        // Narrower terms do not find the broader one.
        let varkens = analyzer.terms("varkens").join(" ");
        assert!(
            v.get(&varkens)
                .is_none_or(|n| n.iter().all(|n| n.written != "landbouwdieren"))
        );
    }

    #[test]
    fn every_term_is_found_on_its_shelf_with_each_of_its_neighbours() {
        // The shelves are found by first letter: a term whose key starts otherwise than
        // its words would be lost. Looked up fresh, not after `len` analyzed every shelf.
        let analyzer =
            DutchAnalyzer::new(crate::analysis::AnalyzerOptions::default().for_queries());
        let extra = "'s-Gravenbrakel = Braine-le-Comte\nÉcole = 1.500 euro-premie\n\
                     leden = aangeslotenen\nov = openbaar vervoer\n";
        let v = index(Some(("mijn.txt", extra)));
        let mut groups = vocabulary::parse(vocabulary::SHIPPED).expect("parses");
        groups.extend(vocabulary::parse(extra).expect("parses"));
        for group in &groups {
            for (i, term) in group.terms.iter().enumerate() {
                let key = analyzer.terms(term).join(" ");
                for written in group.neighbours(i) {
                    let terms = analyzer.terms(written);
                    if terms.join(" ") == key {
                        continue;
                    }
                    let found = v.get(&key).unwrap_or_else(|| panic!("`{term}` not found"));
                    // Of two words that analyze alike, the first is kept.
                    assert!(
                        found.iter().any(|n| n.terms == terms),
                        "`{term}` does not find `{written}`"
                    );
                }
            }
        }
    }

    #[test]
    fn a_file_of_ones_own_extends_it_and_a_bad_line_is_named() {
        let v = index(Some(("mijn.txt", "zeepkist = spreekgestoelte\n")));
        let analyzer =
            DutchAnalyzer::new(crate::analysis::AnalyzerOptions::default().for_queries());
        let key = analyzer.terms("zeepkist").join(" ");
        assert_eq!(
            v.get(&key).map(|n| n[0].written.as_str()),
            Some("spreekgestoelte")
        );
        let bad = VocabularyIndex::new(&analyzer, Some(("mijn.txt", "eh\n"))).unwrap_err();
        assert!(bad.starts_with("mijn.txt: line 1:"), "{bad}");
    }
}

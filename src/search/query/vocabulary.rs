//! Vocabulary widening: a word or a run of words that is a term of the vocabulary
//! ([`crate::analysis::vocabulary`]) also finds the terms it names in other words (a
//! synonym, the Netherlands word, the old or the new name, the narrower terms), each
//! weighing less than the words as typed, with a notice that says what was also searched.

use super::builder::Builder;
use crate::analysis::vocabulary::{self, Group, Relation};
use crate::analysis::{AnalyzerOptions, DutchAnalyzer};
use crate::error::Result;
use crate::search::results::Notice;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use tantivy::Score;
use tantivy::Term;
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
/// Analyzing the thousand shipped terms would cost the first search of a session a few
/// milliseconds, and the searches after it a shelf of them now and then; so the shipped
/// terms come analyzed ([`vocabulary::SHIPPED_KEYS`], for the default options), and only a
/// user's terms, or every term under other options, are analyzed here.
pub(crate) struct VocabularyIndex {
    groups: Vec<Group>,
    /// The key of each term of each group: its analyzed terms, separated by spaces.
    keys: Vec<Vec<String>>,
    by_key: FxHashMap<String, Known>,
}

/// A key of the vocabulary: the terms (group, index) that analyze to it, and their
/// neighbours once a search has held the key.
struct Known {
    terms: Vec<(usize, usize)>,
    neighbours: OnceLock<Vec<Neighbour>>,
}

impl std::fmt::Debug for VocabularyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VocabularyIndex")
            .field("groups", &self.groups.len())
            .field("keys", &self.by_key.len())
            .finish()
    }
}

impl VocabularyIndex {
    /// The shipped vocabulary and `extra` (a user's file: its name and text), analyzed as
    /// `analyzer` analyzes queries; the error names the file and the line.
    pub(crate) fn new(
        analyzer: &DutchAnalyzer,
        extra: Option<(&str, &str)>,
    ) -> std::result::Result<VocabularyIndex, String> {
        VocabularyIndex::with_keys(analyzer, extra, vocabulary::SHIPPED_KEYS)
    }

    /// As [`VocabularyIndex::new`], with the shipped terms' keys as given.
    fn with_keys(
        analyzer: &DutchAnalyzer,
        extra: Option<(&str, &str)>,
        shipped_keys: &str,
    ) -> std::result::Result<VocabularyIndex, String> {
        let mut groups = vocabulary::parse(vocabulary::SHIPPED)
            .map_err(|e| format!("the shipped vocabulary: {e}"))?;
        let keys = if analyzer.options() == AnalyzerOptions::DEFAULT.for_queries() {
            precomputed(&groups, shipped_keys).unwrap_or_default()
        } else {
            Vec::new()
        };
        if let Some((name, text)) = extra {
            groups.extend(vocabulary::parse(text).map_err(|e| format!("{name}: {e}"))?);
        }
        let mut shipped = keys.into_iter();
        let keys: Vec<Vec<String>> = groups
            .iter()
            .map(|group| {
                group
                    .terms
                    .iter()
                    .map(|term| match shipped.next() {
                        Some(key) => key.to_string(),
                        None => analyzer.terms(term).join(" "),
                    })
                    .collect()
            })
            .collect();
        let mut by_key: FxHashMap<String, Known> = FxHashMap::default();
        by_key.reserve(keys.iter().map(Vec::len).sum());
        for (g, group) in keys.iter().enumerate() {
            for (i, key) in group.iter().enumerate() {
                if key.is_empty() {
                    continue;
                }
                by_key
                    .entry(key.clone())
                    .or_insert_with(|| Known {
                        terms: Vec::new(),
                        neighbours: OnceLock::new(),
                    })
                    .terms
                    .push((g, i));
            }
        }
        Ok(VocabularyIndex {
            groups,
            keys,
            by_key,
        })
    }

    /// The neighbours of analyzed terms (separated by spaces).
    pub(crate) fn get(&self, key: &str) -> Option<&Vec<Neighbour>> {
        let known = self.by_key.get(key)?;
        let neighbours = known
            .neighbours
            .get_or_init(|| self.neighbours(key, &known.terms));
        (!neighbours.is_empty()).then_some(neighbours)
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
                let other = &self.keys[g][j];
                let terms: Vec<String> = other.split(' ').map(str::to_string).collect();
                if other.is_empty() || other == key || out.iter().any(|n| n.terms == terms) {
                    continue;
                }
                out.push(Neighbour {
                    written: written.clone(),
                    terms,
                    renamed: renamed(group, i, j),
                });
            }
        }
        out
    }

    /// How many keys have neighbours.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_key
            .keys()
            .filter(|key| self.get(key).is_some())
            .count()
    }
}

/// The keys of [`vocabulary::SHIPPED_KEYS`], one a term of `groups` in order, when they
/// were written for these terms (a list edited since is analyzed instead).
fn precomputed<'k>(groups: &[Group], keys: &'k str) -> Option<Vec<&'k str>> {
    let mut lines = keys.lines();
    let mut out = Vec::new();
    for term in groups.iter().flat_map(|g| &g.terms) {
        let (written, key) = lines.next()?.split_once('\t')?;
        if written != term {
            return None;
        }
        out.push(key);
    }
    lines.next().is_none().then_some(out)
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
            // A phrase scores about the sum of its words: weigh it as one word.
            let weight = VOCABULARY_WEIGHT / n.terms.len().max(1) as Score;
            let q = match n.terms.as_slice() {
                // A word merges with the word as typed (`either::any_of`).
                [one] => super::either::weighted(Term::from_field_text(field, one), weight),
                _ => {
                    let terms: Vec<(usize, String)> = n.terms.iter().cloned().enumerate().collect();
                    let Some(q) = self.terms_query(field, &terms) else {
                        continue;
                    };
                    Box::new(BoostQuery::new(q, weight))
                }
            };
            if highlight {
                self.highlighter.extend(n.terms.iter().cloned());
            }
            out.push(q);
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
    fn shipped_keys_are_what_the_analyzer_makes_of_the_shipped_vocabulary() {
        let analyzer =
            DutchAnalyzer::new(crate::analysis::AnalyzerOptions::default().for_queries());
        let mut want = String::new();
        for group in vocabulary::parse(vocabulary::SHIPPED).expect("parses") {
            for term in &group.terms {
                assert!(!term.contains('\t'), "`{term}` holds a tab");
                want.push_str(&format!("{term}\t{}\n", analyzer.terms(term).join(" ")));
            }
        }
        if std::env::var_os("VRAAGBAAK_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/analysis/vocabulary.keys");
            std::fs::write(path, &want).expect("writing vocabulary.keys");
            return;
        }
        let stale = want
            .lines()
            .zip(vocabulary::SHIPPED_KEYS.lines())
            .find(|(w, h)| w != h);
        assert!(
            want == vocabulary::SHIPPED_KEYS,
            "src/analysis/vocabulary.keys is out of date (first: {stale:?}); after changing \
             the vocabulary or the analyzer, run `VRAAGBAAK_BLESS=1 cargo test --lib shipped_keys`"
        );
    }

    #[test]
    fn keys_written_for_other_terms_are_not_taken() {
        let groups = vocabulary::parse("a = b c\nd > e\n").expect("parses");
        assert_eq!(
            precomputed(&groups, "a\tx\nb c\ty z\nd\tw\ne\tv\n"),
            Some(vec!["x", "y z", "w", "v"])
        );
        // A term changed, a line missing, a line too many, a line without its key.
        for keys in [
            "a\tx\nb d\ty z\nd\tw\ne\tv\n",
            "a\tx\nb c\ty z\nd\tw\n",
            "a\tx\nb c\ty z\nd\tw\ne\tv\nf\tu\n",
            "a\tx\nb c\nd\tw\ne\tv\n",
        ] {
            assert_eq!(precomputed(&groups, keys), None, "{keys:?}");
        }
        // Whatever the shipped keys say, a list they were not written for is analyzed: a
        // single term renamed, every key wrong, and each term still finds its neighbours.
        let analyzer =
            DutchAnalyzer::new(crate::analysis::AnalyzerOptions::default().for_queries());
        let wrong: String = vocabulary::SHIPPED_KEYS
            .lines()
            .enumerate()
            .map(|(n, line)| {
                let term = line.split('\t').next().unwrap_or_default();
                let term = if n == 0 { "iets anders" } else { term };
                format!("{term}\tfout\n")
            })
            .collect();
        let v = VocabularyIndex::with_keys(&analyzer, None, &wrong).expect("vocabulary");
        let key = analyzer.terms("sociale huisvestingsmaatschappij").join(" ");
        assert!(
            v.get(&key)
                .is_some_and(|n| n.iter().any(|n| n.written == "woonmaatschappij"))
        );
        assert!(v.get("fout").is_none());
    }

    #[test]
    fn every_term_finds_each_of_its_neighbours_with_shipped_keys_or_analyzed() {
        let extra = "'s-Gravenbrakel = Braine-le-Comte\nÉcole = 1.500 euro-premie\n\
                     leden = aangeslotenen\nov = openbaar vervoer\n";
        let mut groups = vocabulary::parse(vocabulary::SHIPPED).expect("parses");
        groups.extend(vocabulary::parse(extra).expect("parses"));
        let options = crate::analysis::AnalyzerOptions::default().for_queries();
        let plain = crate::analysis::AnalyzerOptions {
            alternations: false,
            ..options
        };
        for options in [options, plain] {
            let analyzer = DutchAnalyzer::new(options);
            let v = VocabularyIndex::new(&analyzer, Some(("mijn.txt", extra))).expect("vocabulary");
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
                            "`{term}` does not find `{written}` ({options:?})"
                        );
                    }
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

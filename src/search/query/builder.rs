//! [`Builder`]: a parsed query's clauses and words to tantivy queries over one searcher,
//! with the Dutch widenings (`widening.rs`, `typos.rs`) as methods of it.

use crate::analysis::{self, DutchAnalyzer, TokenSink};
use crate::error::Result;
use crate::index::{self, Fields};
use crate::search::request::Expansions;
use crate::search::results::Notice;
use crate::search::snippet::Highlighter;
use crate::search::syntax::{Atom, Clause};
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, EmptyQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::listed::ListedIndex;

/// A prefix matches at most this many words.
pub const MAX_PREFIX_TERMS: usize = 512;
/// How much a passage found through a longer word the query word is the front of weighs
/// against one that holds the word itself.
pub const FRONT_WEIGHT: tantivy::Score = 0.5;
/// A name widens to at most this many longer words it opens.
pub const MAX_NAME_FRONTS: usize = 16;

/// Whether a word as typed is a name: a capital first, not all capitals (an acronym).
fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Turns parsed queries into tantivy queries over one searcher.
pub(crate) struct Builder<'a> {
    pub(super) searcher: &'a Searcher,
    pub(super) fields: Fields,
    pub(super) analyzer: &'a DutchAnalyzer,
    pub(super) expand: Expansions,
    /// Query terms the index does not know, and the known terms that replace them.
    pub(super) corrections: HashMap<String, String>,
    /// Acronym look-ups already made (a word may be built more than once).
    pub(super) long_forms: HashMap<String, Vec<index::learned::LongForm>>,
    pub(super) acronyms: HashMap<String, Vec<String>>,
    pub(super) highlighter: Highlighter,
    pub(super) notices: Vec<Notice>,
    /// The shipped acronyms, analyzed when first asked for (a session keeps them).
    pub(super) listed: &'a std::sync::OnceLock<ListedIndex>,
    /// Words left out as stop words (said only when nothing else is left).
    pub(super) stop_words: Vec<String>,
    /// The vocabulary, when the search widens with it.
    pub(super) vocabulary: Option<&'a super::VocabularyIndex>,
}

pub(super) fn atom_text(atom: &Atom) -> &str {
    match atom {
        Atom::Word(s) | Atom::Prefix(s) | Atom::Phrase(s) => s,
    }
}

/// The longest common prefix of two strings, on char boundaries.
pub(super) fn common_prefix<'s>(a: &'s str, b: &str) -> &'s str {
    let end = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    &a[..end]
}

/// How a clause is built: whether its words widen with acronyms (a run of words that is
/// a long form widens as a whole, not word by word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Widen {
    Yes,
    No,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(
        searcher: &'a Searcher,
        fields: Fields,
        analyzer: &'a DutchAnalyzer,
        expand: Expansions,
        listed: &'a std::sync::OnceLock<ListedIndex>,
        vocabulary: Option<&'a super::VocabularyIndex>,
    ) -> Builder<'a> {
        Builder {
            searcher,
            fields,
            analyzer,
            expand,
            listed,
            vocabulary: vocabulary.filter(|_| expand.vocabulary),
            stop_words: Vec::new(),
            corrections: HashMap::new(),
            long_forms: HashMap::new(),
            acronyms: HashMap::new(),
            highlighter: Highlighter::default(),
            notices: Vec::new(),
        }
    }

    /// Analyzed terms with their positions.
    pub(super) fn analyzed(&self, text: &str) -> Vec<(usize, String)> {
        let mut sink = TokenSink::default();
        self.analyzer.analyze(text, &mut sink);
        sink.tokens()
            .iter()
            .map(|t| (t.position, t.text.clone()))
            .collect()
    }

    /// The indexed form a prefix is compared with: folded, and cut back to what the
    /// stemmer keeps (`gemeente*` looks for `gemeent...`).
    fn prefix_key(&self, prefix: &str) -> String {
        let folded: String = analysis::fold(prefix)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        // The analyzer leaves a stop word out; then the folded form is the key.
        let stemmed = self.analyzer.terms(&folded).into_iter().next();
        match stemmed {
            Some(stem) => common_prefix(&folded, &stem).to_string(),
            None => folded,
        }
    }

    fn prefix_terms(&mut self, field: Field, key: &str) -> Result<Vec<String>> {
        let mut found = std::collections::BTreeSet::new();
        let mut truncated = false;
        index::each_term_with_prefix(self.searcher, field, key, |_, _, term, _| {
            if found.len() >= MAX_PREFIX_TERMS && !found.contains(term) {
                truncated = true;
                return Ok(false);
            }
            found.insert(term.to_string());
            Ok(true)
        })?;
        if truncated {
            self.notices.push(Notice::new(
                format!(
                    "`{key}*` matches more than {MAX_PREFIX_TERMS} words; only the first {MAX_PREFIX_TERMS} are searched"
                ),
                format!(
                    "`{key}*` past op meer dan {MAX_PREFIX_TERMS} woorden; alleen de eerste {MAX_PREFIX_TERMS} zijn gezocht"
                ),
            ));
        }
        Ok(found.into_iter().collect())
    }

    /// The query for one atom on one field; `None` when nothing of it is indexed (stop
    /// words only).
    pub(super) fn atom(
        &mut self,
        atom: &Atom,
        field: Field,
        highlight: bool,
        widen: Widen,
    ) -> Result<Option<Box<dyn Query>>> {
        let terms: Vec<(usize, String)> = match atom {
            Atom::Prefix(p) => {
                let key = self.prefix_key(p);
                if key.is_empty() {
                    return Ok(None);
                }
                if highlight {
                    self.highlighter.push_prefix(key.clone());
                }
                let expansions = self.prefix_terms(field, &key)?;
                if expansions.is_empty() {
                    return Ok(Some(Box::new(EmptyQuery)));
                }
                let should = expansions
                    .into_iter()
                    .map(|t| -> Box<dyn Query> {
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, &t),
                            IndexRecordOption::WithFreqs,
                        ))
                    })
                    .collect();
                return Ok(Some(Box::new(BooleanQuery::union(should))));
            }
            Atom::Word(s) => {
                let mut terms = self.analyzed(s);
                for (_, t) in &mut terms {
                    if let Some(fixed) = self.corrections.get(t.as_str()) {
                        *t = fixed.clone();
                    }
                }
                terms
            }
            Atom::Phrase(s) => self.analyzed(s),
        };
        if highlight {
            self.highlighter
                .extend(terms.iter().map(|(_, t)| t.clone()));
        }
        if let Atom::Word(w) = atom
            && self.expand.parts
            && widen == Widen::Yes
            && let Some(q) = self.parts_of_unknown(field, w, &terms, highlight)?
        {
            return Ok(Some(q));
        }
        let Some(mut literal) = self.terms_query(field, &terms) else {
            return Ok(None);
        };
        if let (Atom::Word(_), [(_, term)], true) = (atom, terms.as_slice(), self.expand.fronts)
            && let Some(front) = self.front_of(field, term, highlight)?
        {
            literal = super::either::words(vec![
                (Term::from_field_text(field, term), 1.0),
                (front, FRONT_WEIGHT),
            ]);
        } else if let (Atom::Word(w), [(_, term)], true) =
            (atom, terms.as_slice(), self.expand.fronts)
            && is_name(w)
        {
            // A name at the front of a compound the index did not split (`Schelde` in
            // `Scheldekaaien`): the indexed words it opens, whose rest is a known word.
            let folded = analysis::fold(w);
            let longer = self.name_fronts(field, &folded, highlight)?;
            if !longer.is_empty() {
                let mut words = vec![(Term::from_field_text(field, term), 1.0)];
                words.extend(longer.into_iter().map(|t| (t, FRONT_WEIGHT)));
                literal = super::either::words(words);
            }
        }
        let mut alternatives = vec![literal];
        if widen == Widen::No {
            return Ok(super::either::any_of(alternatives));
        }
        let joined: Vec<&str> = terms.iter().map(|(_, t)| t.as_str()).collect();
        let joined = joined.join(" ");
        if self.expand.acronyms {
            if let Atom::Word(w) = atom
                && terms.len() == 1
            {
                alternatives.extend(self.long_forms_of(field, w, highlight)?);
            }
            alternatives.extend(self.acronyms_for(field, &joined, highlight)?);
        }
        alternatives.extend(self.vocabulary_for(field, &joined, highlight)?);
        Ok(super::either::any_of(alternatives))
    }

    /// The term of the longer words a word is the front of (`jeugdhulp` of
    /// `jeugdhulpverlening`, as the index marked them), to weigh [`FRONT_WEIGHT`] of the
    /// word itself; nothing when the word is the front of no indexed word.
    fn front_of(&mut self, field: Field, term: &str, highlight: bool) -> Result<Option<Term>> {
        if term.len() < analysis::compound::MIN_FRONT {
            return Ok(None);
        }
        let front = Term::from_field_text(field, &analysis::front_term(term));
        if self.searcher.doc_freq(&front)? == 0 {
            return Ok(None);
        }
        if highlight {
            self.highlighter.extend([analysis::front_term(term)]);
        }
        Ok(Some(front))
    }

    /// The indexed words a name opens whose rest is a word (`scheldekaai` for
    /// `schelde`), at most [`MAX_NAME_FRONTS`].
    fn name_fronts(&mut self, field: Field, term: &str, highlight: bool) -> Result<Vec<Term>> {
        if term.len() < analysis::compound::MIN_FRONT {
            return Ok(Vec::new());
        }
        let mut found: Vec<String> = Vec::new();
        index::each_term_with_prefix(self.searcher, field, term, |_, _, t, _| {
            if found.len() >= MAX_NAME_FRONTS {
                return Ok(false);
            }
            // The rest, without a linking `s` or `-`.
            let rest = t[term.len()..].trim_start_matches(['-', 's']);
            // A known word, or a rest long enough to be one (the longer word is in the
            // index: a name's compounds are rarely in a lexicon).
            let word_like = rest.len() > analysis::compound::MIN_PART
                || (rest.len() == analysis::compound::MIN_PART
                    && analysis::compound::is_head(rest));
            if word_like && !found.iter().any(|f| f == t) {
                found.push(t.to_string());
            }
            Ok(true)
        })?;
        if highlight {
            self.highlighter.extend(found.iter().cloned());
        }
        Ok(found
            .into_iter()
            .map(|t| Term::from_field_text(field, &t))
            .collect())
    }

    /// The query for analyzed terms: one word, or a phrase.
    pub(super) fn terms_query(
        &self,
        field: Field,
        terms: &[(usize, String)],
    ) -> Option<Box<dyn Query>> {
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, &terms[0].1),
                IndexRecordOption::WithFreqs,
            ))),
            _ => {
                let first = terms[0].0;
                let with_offsets = terms
                    .iter()
                    .map(|(pos, t)| (pos - first, Term::from_field_text(field, t)))
                    .collect();
                Some(Box::new(super::phrase::Phrase(
                    PhraseQuery::new_with_offset(with_offsets),
                )))
            }
        }
    }

    /// The query for a clause (alternatives joined by OR) on one field.
    pub(super) fn clause(
        &mut self,
        clause: &Clause,
        field: Field,
        highlight: bool,
        widen: Widen,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut alternatives = Vec::new();
        for atom in &clause.alternatives {
            match self.atom(atom, field, highlight, widen)? {
                Some(q) => alternatives.push(q),
                // A stop word among other words (`stand van zaken`, a pasted title) goes
                // without saying; a phrase of stop words only is worth a word.
                None if matches!(atom, Atom::Phrase(_)) => self.notices.push(Notice::new(
                    format!(
                        "`{}` holds only stop words, which are not indexed; left out",
                        atom_text(atom)
                    ),
                    format!(
                        "`{}` bevat alleen stopwoorden, die niet geïndexeerd zijn; weggelaten",
                        atom_text(atom)
                    ),
                )),
                None => self.stop_words.push(atom_text(atom).to_string()),
            }
        }
        Ok(super::either::any_of(alternatives))
    }
}

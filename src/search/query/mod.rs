//! Query building: the parsed query ([`super::syntax`]) and the filters become the tantivy
//! queries a search walks. Each clause is a union of its words in the passage field
//! (which holds the question's title too); the Dutch widenings are a file each
//! ([`acronyms`], [`typos`]); the filters ([`filters`]) and the tiers ([`tiers`]) wrap the
//! clauses up.

mod either;
pub(crate) mod filters;
mod phrase;
mod tiers;
pub(crate) mod typos;
mod widening;

pub(crate) use widening::ListedIndex;
pub use widening::{ACRONYM_WEIGHT, MAX_ACRONYM_FORMS};

use super::filters::Filters;
use super::request::{Expansions, SearchRequest};
use super::results::Notice;
use super::snippet::Highlighter;
use super::syntax::{self, Atom, Clause};
use crate::analysis::{self, DutchAnalyzer, TokenSink};
use crate::error::Result;
pub(crate) use crate::index::term_query;
use crate::index::{self, Fields, Store};
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, EmptyQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// A prefix matches at most this many words.
pub const MAX_PREFIX_TERMS: usize = 512;
/// How much a passage found through a longer word the query word is the front of weighs
/// against one that holds the word itself.
pub const FRONT_WEIGHT: tantivy::Score = 0.5;

/// A search made ready: the tiers of passages to walk, and what to say about it.
pub(crate) struct Prepared {
    /// Passages holding every clause, then (with two clauses or more) those holding some
    /// but not all. Empty when nothing can match.
    pub tiers: Vec<Box<dyn Query>>,
    /// Every matching passage (for counts).
    pub union: Option<Box<dyn Query>>,
    pub highlighter: Highlighter,
    /// What building the query found to say (stop words left out, a prefix cut short).
    pub notices: Vec<Notice>,
    /// Words the index does not know, as typed, and the terms searched instead.
    pub corrected: Vec<(String, String)>,
    /// Names in the filters that match nobody, and the names used instead.
    pub renamed: Vec<filters::Renamed>,
    /// The filters as searched (names corrected).
    pub filters: Filters,
}

/// Turns parsed queries into tantivy queries over one searcher.
pub(crate) struct Builder<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    analyzer: &'a DutchAnalyzer,
    expand: Expansions,
    /// Query terms the index does not know, and the known terms that replace them.
    corrections: HashMap<String, String>,
    /// Acronym look-ups already made (a word may be built more than once).
    long_forms: HashMap<String, Vec<index::learned::LongForm>>,
    acronyms: HashMap<String, Vec<String>>,
    highlighter: Highlighter,
    notices: Vec<Notice>,
    /// The shipped acronyms, analyzed when first asked for (a session keeps them).
    listed: &'a std::sync::OnceLock<ListedIndex>,
    /// Words left out as stop words (said only when nothing else is left).
    stop_words: Vec<String>,
}

fn atom_text(atom: &Atom) -> &str {
    match atom {
        Atom::Word(s) | Atom::Prefix(s) | Atom::Phrase(s) => s,
    }
}

/// The longest common prefix of two strings, on char boundaries.
fn common_prefix<'s>(a: &'s str, b: &str) -> &'s str {
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
enum Widen {
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
    ) -> Builder<'a> {
        Builder {
            searcher,
            fields,
            analyzer,
            expand,
            listed,
            stop_words: Vec::new(),
            corrections: HashMap::new(),
            long_forms: HashMap::new(),
            acronyms: HashMap::new(),
            highlighter: Highlighter::default(),
            notices: Vec::new(),
        }
    }

    /// Analyzed terms with their positions.
    fn analyzed(&self, text: &str) -> Vec<(usize, String)> {
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
    fn atom(
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
                    self.highlighter.prefixes.push(key.clone());
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
                .terms
                .extend(terms.iter().map(|(_, t)| t.clone()));
        }
        let Some(mut literal) = self.terms_query(field, &terms) else {
            return Ok(None);
        };
        if let (Atom::Word(_), [(_, term)], true) = (atom, terms.as_slice(), self.expand.fronts)
            && let Some(front) = self.front_of(field, term, highlight)?
        {
            literal = either::words(vec![
                (Term::from_field_text(field, term), 1.0),
                (front, FRONT_WEIGHT),
            ]);
        }
        let mut alternatives = vec![literal];
        if !self.expand.acronyms || widen == Widen::No {
            return Ok(either::any_of(alternatives));
        }
        if let Atom::Word(w) = atom
            && terms.len() == 1
        {
            alternatives.extend(self.long_forms_of(field, w, highlight)?);
        }
        let joined: Vec<&str> = terms.iter().map(|(_, t)| t.as_str()).collect();
        alternatives.extend(self.acronyms_for(field, &joined.join(" "), highlight)?);
        Ok(either::any_of(alternatives))
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
            self.highlighter.terms.insert(analysis::front_term(term));
        }
        Ok(Some(front))
    }

    /// The query for analyzed terms: one word, or a phrase.
    fn terms_query(&self, field: Field, terms: &[(usize, String)]) -> Option<Box<dyn Query>> {
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
                Some(Box::new(phrase::Phrase(PhraseQuery::new_with_offset(
                    with_offsets,
                ))))
            }
        }
    }

    /// The query for a clause (alternatives joined by OR) on one field.
    fn clause(
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
        Ok(either::any_of(alternatives))
    }
}

/// Parses the query, corrects what the index does not know, builds each clause and the
/// filters, and puts them together as tiers.
pub(crate) fn prepare(
    store: &Store,
    searcher: &Searcher,
    analyzer: &DutchAnalyzer,
    listed: &std::sync::OnceLock<ListedIndex>,
    req: &SearchRequest,
) -> Result<Prepared> {
    let ast = syntax::parse(&req.query)?;
    let fields = *store.fields();
    let mut b = Builder::new(searcher, fields, analyzer, req.expand, listed);

    let corrected = if req.expand.typos {
        b.correct(&ast.clauses)?
    } else {
        Vec::new()
    };
    let (filters_used, renamed) = if req.expand.typos {
        filters::correct_names(searcher, &fields, &req.filters)?
    } else {
        (req.filters.clone(), Vec::new())
    };
    // Runs of words that are a long form also find its acronym; their words then do
    // not widen one by one.
    let runs = if req.expand.acronyms {
        b.long_form_runs(&ast.clauses)?
    } else {
        Vec::new()
    };
    let mut wanted: Vec<Box<dyn Query>> = Vec::new(); // per positive clause
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    let mut positive_clauses = 0;
    let mut i = 0;
    while i < ast.clauses.len() {
        let clause = &ast.clauses[i];
        if let Some(run) = runs.iter().find(|r| r.start == i) {
            positive_clauses += 1;
            wanted.extend(b.long_form_run(&ast.clauses[run.start..run.end], &run.terms)?);
            i = run.end;
            continue;
        }
        i += 1;
        if clause.excluded {
            excluded.extend(b.clause(clause, fields.text, false, Widen::Yes)?);
            continue;
        }
        positive_clauses += 1;
        wanted.extend(b.clause(clause, fields.text, true, Widen::Yes)?);
    }
    let filter_queries = filters::queries(&fields, &filters_used, analyzer)?;
    let mut notices = ast.notices;
    notices.extend(b.notices);
    if positive_clauses > 0 && wanted.is_empty() && !b.stop_words.is_empty() {
        let words = b.stop_words.join(" ");
        notices.push(Notice::new(
            format!("`{words}`: only stop words, which are not indexed; nothing to search"),
            format!("`{words}`: alleen stopwoorden, die niet geïndexeerd zijn; niets te zoeken"),
        ));
    }
    let mut prepared = Prepared {
        tiers: Vec::new(),
        union: None,
        highlighter: b.highlighter,
        notices,
        corrected,
        renamed,
        filters: filters_used,
    };
    // Clauses of stop words only: nothing can match.
    if positive_clauses > 0 && wanted.is_empty() {
        return Ok(prepared);
    }
    let parts = tiers::Parts {
        wanted,
        excluded,
        filters: filter_queries,
        from: req.filters.from,
        to: req.filters.to,
    };
    let built = tiers::build(&fields, parts);
    (prepared.tiers, prepared.union) = (built.tiers, built.union);
    Ok(prepared)
}

#[cfg(test)]
pub(crate) mod tests {
    //! A small index in memory, for the widenings' tests.

    use crate::index::Store;
    use crate::model::{Question, QuestionMeta};
    use crate::search::{SearchRequest, SearchResults, Session};

    /// A question of one passage with this title and text (and the same answer).
    pub fn question(n: u32, title: &str, text: &str) -> Question {
        let answer = format!("Het antwoord op vraag {n}.");
        Question {
            meta: QuestionMeta {
                doc_id: format!("q{n}"),
                number: Some(n),
                asker: Some("Ada Peeters".into()),
                minister: Some("Bea Claes".into()),
                topic: Some(title.into()),
                path: format!("q{n}.txt"),
                ..QuestionMeta::default()
            },
            passages: crate::parse::passages_of(text, Some(&answer)),
            question: text.into(),
            answer: Some(answer),
        }
    }

    pub fn store(questions: &[Question]) -> Store {
        Store::in_memory(questions).expect("in-memory index")
    }

    pub fn search(store: &Store, req: &SearchRequest) -> SearchResults {
        Session::open(store)
            .and_then(|s| s.search(req))
            .expect("search")
    }

    /// The numbers of the questions hit, in rank order, each once.
    pub fn numbers(r: &SearchResults) -> Vec<u32> {
        let mut out = Vec::new();
        for n in r.hits.iter().filter_map(|h| h.meta.number) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

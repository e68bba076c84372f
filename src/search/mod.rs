//! Search: the query and filters become a tantivy query, BM25 ranks passages (a word of
//! the question's title counts for each of its passages, passages holding every query word
//! come before those holding some), and the hits are filled in from the stored questions
//! with snippets.

pub mod collect;
mod dates;
mod facets;
mod hits;
mod similar;
mod snippet;
mod stats;
pub mod syntax;
pub mod typos;

pub use collect::Sort;
pub use facets::{FACET_SIZE, Facet, FacetValue, Facets};
pub use hits::{Linked, linked_questions};
pub use similar::{Brief, Similar, SimilarHit, similar};
pub use snippet::{Highlighter, SNIPPET_BYTES, snippet_html};
pub use stats::{Stats, stats};
pub use syntax::{Atom, Clause, QueryAst};

use crate::analysis::{self, DutchAnalyzer, TokenSink};
use crate::error::{Error, Result};
use crate::index::{self, Fields, Store};
use crate::model::{Part, Question};
use crate::parse::date;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::time::Instant;
use tantivy::collector::Count;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Score, Searcher, Term};
use time::Date;

/// How much a passage found through an acronym's long form (or a long form's acronym)
/// weighs against one that holds the words as asked.
pub const ACRONYM_WEIGHT: Score = 0.8;
/// At most this many long forms (or acronyms) widen one word.
pub const MAX_ACRONYM_FORMS: usize = 3;
/// A prefix matches at most this many words.
pub const MAX_PREFIX_TERMS: usize = 512;

/// Filters on the question's fields. Names match on any of their parts, case and
/// accents aside.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub minister: Option<String>,
    pub asker: Option<String>,
    /// First question date, inclusive.
    pub from: Option<Date>,
    /// Last question date, inclusive.
    pub to: Option<Date>,
    /// Words that must be in the title.
    pub topic: Option<String>,
    pub part: Option<Part>,
}

/// What a query is widened with beyond its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expansions {
    /// An acronym also finds its long forms, and a long form its acronym, as the index
    /// learned them.
    pub acronyms: bool,
    /// A word the index does not know is replaced by the nearest one it knows (and a
    /// name in a filter that matches nobody by the nearest name).
    pub typos: bool,
}

impl Default for Expansions {
    fn default() -> Self {
        Expansions {
            acronyms: true,
            typos: true,
        }
    }
}

impl Expansions {
    pub const NONE: Expansions = Expansions {
        acronyms: false,
        typos: false,
    };
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    /// How many hits to return.
    pub limit: usize,
    pub expand: Expansions,
    /// Hits to pass over first (the next page starts at `offset + limit`).
    pub offset: usize,
    pub sort: Sort,
    /// At most this many passages of one question, its best ones.
    pub per_question: Option<usize>,
    /// Questions instead of passages: each hit is a question with its best passage.
    pub questions: bool,
    /// Count the matching questions per minister, year and asker.
    pub facets: bool,
}

impl SearchRequest {
    /// What each hit stands for.
    pub fn unit(&self) -> Unit {
        if self.questions {
            Unit::Question
        } else {
            Unit::Passage
        }
    }

    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            expand: Expansions::default(),
            offset: 0,
            sort: Sort::Relevance,
            per_question: None,
            questions: false,
            facets: false,
        }
    }
}

/// One passage found.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f64,
    pub doc_id: String,
    pub number: Option<u32>,
    pub asker: Option<String>,
    pub minister: Option<String>,
    pub portfolio: Option<String>,
    pub date: Option<String>,
    pub topic: Option<String>,
    pub path: String,
    pub part: Part,
    pub label: Option<String>,
    pub passage: String,
    /// The best part of the passage as HTML, matched words in `<mark>`.
    pub snippet: String,
    /// For a question passage: the labels of the answer passages that answer it.
    pub answers: Vec<String>,
    /// For an answer passage: the labels of the question items it answers.
    pub answered: Vec<String>,
    /// The same question put to other ministers (a joint answer): shown once, here.
    pub also_answered_by: Vec<Linked>,
    /// When hits are questions: how many of its passages match (this one is the best).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matching_passages: Option<u32>,
    /// Byte ranges of `passage` that matched.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
    /// Byte ranges of `topic` that matched.
    #[serde(skip)]
    pub topic_highlights: Vec<Range<usize>>,
}

/// What each hit stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A passage (several may come from one question).
    Passage,
    /// A question, shown by its best passage.
    Question,
}

/// What a search found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Whether hits are passages or questions.
    pub unit: Unit,
    /// Passages that match (not only the ones returned).
    pub total: usize,
    /// Questions that match, when counted (questions asked for, or facets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_questions: Option<usize>,
    /// Hits passed over before the first one returned.
    pub offset: usize,
    pub sort: Sort,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Matching questions per minister, year and asker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
    /// Things the user should know: words dropped, names that match nobody.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// Turns parsed queries into tantivy queries over one searcher.
struct Builder<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    analyzer: &'a DutchAnalyzer,
    expand: Expansions,
    /// Query terms the index does not know, and the known terms that replace them.
    corrections: HashMap<String, String>,
    /// Acronym look-ups already made (each word is built for the text and the title).
    long_forms: HashMap<String, Vec<index::acronyms::LongForm>>,
    acronyms: HashMap<String, Vec<String>>,
    highlighter: Highlighter,
    notices: Vec<String>,
}

/// The acronym key of a word as typed: folded, letters and digits only, the possessive
/// `'s` dropped (`LIVC’s` is `livc`).
fn acronym_key(word: &str) -> String {
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    analysis::fold(word)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
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

impl Builder<'_> {
    /// The long forms the index learned for an acronym key (see [`acronym_key`]).
    fn long_forms_known(&mut self, key: &str) -> Result<Vec<index::acronyms::LongForm>> {
        if let Some(known) = self.long_forms.get(key) {
            return Ok(known.clone());
        }
        let found = index::acronyms::long_forms(self.searcher, self.fields.acronym, key)?;
        self.long_forms.insert(key.to_string(), found.clone());
        Ok(found)
    }

    /// The acronyms the index learned for a long form's terms.
    fn acronyms_known(&mut self, terms: &str) -> Result<Vec<String>> {
        if let Some(known) = self.acronyms.get(terms) {
            return Ok(known.clone());
        }
        let found = index::acronyms::acronyms_of(self.searcher, self.fields.acronym, terms)?;
        self.acronyms.insert(terms.to_string(), found.clone());
        Ok(found)
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
            self.notices.push(format!(
                "`{key}*` matches more than {MAX_PREFIX_TERMS} words; only the first {MAX_PREFIX_TERMS} are searched"
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
        let Some(literal) = self.terms_query(field, &terms) else {
            return Ok(None);
        };
        if !self.expand.acronyms {
            return Ok(Some(literal));
        }
        let mut alternatives = vec![literal];
        if let Atom::Word(w) = atom
            && terms.len() == 1
        {
            alternatives.extend(self.long_forms_of(field, w, highlight)?);
        }
        let joined: Vec<&str> = terms.iter().map(|(_, t)| t.as_str()).collect();
        alternatives.extend(self.acronyms_for(field, &joined.join(" "), highlight)?);
        Ok(Some(match alternatives.len() {
            1 => alternatives.remove(0),
            _ => Box::new(BooleanQuery::union(alternatives)),
        }))
    }

    /// The query for analyzed terms: one word, or a phrase.
    fn terms_query(&self, field: Field, terms: &[(usize, String)]) -> Option<Box<dyn Query>> {
        match terms.len() {
            0 => None,
            1 => Some(self.word(field, &terms[0].1)),
            _ => {
                let first = terms[0].0;
                let with_offsets = terms
                    .iter()
                    .map(|(pos, t)| (pos - first, Term::from_field_text(field, t)))
                    .collect();
                Some(Box::new(PhraseQuery::new_with_offset(with_offsets)))
            }
        }
    }

    /// Phrases of the long forms the index learned for `word` as an acronym, weighing
    /// less than the acronym itself.
    fn long_forms_of(
        &mut self,
        field: Field,
        word: &str,
        highlight: bool,
    ) -> Result<Vec<Box<dyn Query>>> {
        let key = acronym_key(word);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let longs = self.long_forms_known(&key)?;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for long in longs.iter().take(MAX_ACRONYM_FORMS) {
            let terms = self.analyzed(&long.written);
            if highlight {
                self.highlighter
                    .terms
                    .extend(terms.iter().map(|(_, t)| t.clone()));
            }
            // A phrase scores about the sum of its words: weigh it as one word, so that
            // the acronym as written ranks first.
            let weight = ACRONYM_WEIGHT / terms.len().max(1) as Score;
            if let Some(q) = self.terms_query(field, &terms) {
                out.push(Box::new(BoostQuery::new(q, weight)));
            }
        }
        Ok(out)
    }

    /// The acronyms the index learned for a long form (its analyzed terms, separated by
    /// spaces), weighing less than the long form itself.
    fn acronyms_for(
        &mut self,
        field: Field,
        terms: &str,
        highlight: bool,
    ) -> Result<Vec<Box<dyn Query>>> {
        let keys = self.acronyms_known(terms)?;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for key in keys.iter().take(MAX_ACRONYM_FORMS) {
            let analyzed = self.analyzed(key);
            if highlight {
                self.highlighter
                    .terms
                    .extend(analyzed.iter().map(|(_, t)| t.clone()));
            }
            if let Some(q) = self.terms_query(field, &analyzed) {
                out.push(Box::new(BoostQuery::new(q, ACRONYM_WEIGHT)));
            }
        }
        Ok(out)
    }

    /// Finds, for each word of the positive clauses that the index does not know, the
    /// nearest word it knows: `(word as typed, its term, the replacement)`.
    fn correct(&mut self, clauses: &[Clause]) -> Result<Vec<(String, String)>> {
        let mut fixed = Vec::new();
        for clause in clauses.iter().filter(|c| !c.excluded) {
            for atom in &clause.alternatives {
                let Atom::Word(w) = atom else { continue };
                let terms = self.analyzed(w);
                let [(_, term)] = terms.as_slice() else {
                    continue;
                };
                // A number is never a typo: `84.300` is not `84.200` misspelt.
                if self.corrections.contains_key(term)
                    || term.bytes().any(|b| b.is_ascii_digit())
                    || typos::max_edits(term.chars().count()).is_none()
                    || typos::known(self.searcher, self.fields.text, term)?
                    || !self.long_forms_known(&acronym_key(w))?.is_empty()
                {
                    continue;
                }
                let stem = |w: &str| self.analyzer.terms(w).into_iter().next();
                if let Some(near) =
                    typos::nearest_term(self.searcher, self.fields.text, term, w, &stem)?
                {
                    self.corrections.insert(term.clone(), near.clone());
                    fixed.push((w.clone(), near));
                }
            }
        }
        Ok(fixed)
    }

    /// Runs of unquoted words that together are a long form the index knows
    /// (`lokale integrale veiligheidscel`): `(first clause, one past the last, terms)`.
    fn long_form_runs(&mut self, clauses: &[Clause]) -> Result<Vec<(usize, usize, String)>> {
        let words: Vec<Option<Vec<String>>> = clauses
            .iter()
            .map(|c| match c.alternatives.as_slice() {
                [Atom::Word(w)] if !c.excluded => {
                    Some(self.analyzed(w).into_iter().map(|(_, t)| t).collect())
                }
                _ => None,
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut found = None;
            // The longest run first; a run holds two words at least.
            let last = words.len().min(i + 8);
            for end in (i + 2..=last).rev() {
                let Some(run): Option<Vec<&Vec<String>>> =
                    words[i..end].iter().map(Option::as_ref).collect()
                else {
                    continue;
                };
                let terms: Vec<&str> = run
                    .iter()
                    .flat_map(|t| t.iter().map(String::as_str))
                    .collect();
                if terms.len() < 2 {
                    continue;
                }
                let joined = terms.join(" ");
                if !self.acronyms_known(&joined)?.is_empty() {
                    found = Some((i, end, joined));
                    break;
                }
            }
            match found {
                Some(run) => {
                    i = run.1;
                    out.push(run);
                }
                None => i += 1,
            }
        }
        Ok(out)
    }

    /// The query for a run of words that is a long form: all of them, or its acronym.
    fn long_form_run(
        &mut self,
        clauses: &[Clause],
        terms: &str,
        field: Field,
        highlight: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut all = Vec::new();
        for clause in clauses {
            all.extend(self.clause(clause, field, highlight)?);
        }
        if all.is_empty() {
            return Ok(None);
        }
        let mut alternatives: Vec<Box<dyn Query>> = vec![Box::new(BooleanQuery::intersection(all))];
        alternatives.extend(self.acronyms_for(field, terms, highlight)?);
        Ok(Some(Box::new(BooleanQuery::union(alternatives))))
    }

    /// The query for one analyzed word. Where the index splits compounds, the word's
    /// term also stands at the place of each compound that holds it.
    fn word(&self, field: Field, term: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        ))
    }

    /// The query for a clause (alternatives joined by OR) on one field.
    fn clause(
        &mut self,
        clause: &Clause,
        field: Field,
        highlight: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut alternatives = Vec::new();
        for atom in &clause.alternatives {
            match self.atom(atom, field, highlight)? {
                Some(q) => alternatives.push(q),
                None if field == self.fields.text => self.notices.push(format!(
                    "`{}` holds only stop words, which are not indexed; left out",
                    atom_text(atom)
                )),
                None => {}
            }
        }
        Ok(match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Box::new(BooleanQuery::union(alternatives))),
        })
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// A day as the index stores it: its midnight, UTC.
fn day_start(day: Date) -> DateTime {
    DateTime::from_utc(day.midnight().assume_utc())
}

/// Whether any passage in the index has all of `terms` in `field`.
fn anyone_named(searcher: &Searcher, field: Field, terms: &[String]) -> Result<bool> {
    let q = BooleanQuery::intersection(terms.iter().map(|t| term_query(field, t)).collect());
    Ok(searcher.search(&q, &Count)? > 0)
}

/// When nothing matched: the name filters that match nobody at all, to say so. Only
/// then, so that a search that finds something pays nothing for it.
fn name_notices(searcher: &Searcher, f: &Fields, filters: &Filters) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for (name, field, role) in [
        (&filters.minister, f.minister, "minister"),
        (&filters.asker, f.asker, "asker"),
    ] {
        let Some(name) = name else { continue };
        let terms = analysis::name_terms(name);
        if !terms.is_empty() && !anyone_named(searcher, field, &terms)? {
            out.push(format!("no {role} in the index is named `{name}`"));
        }
    }
    Ok(out)
}

/// A name in a filter that matched nobody, replaced by the nearest one.
struct Renamed {
    role: &'static str,
    asked: String,
    used: String,
}

/// The filters with each name part that matches nobody replaced by the nearest name part
/// the index knows, and each name so changed.
fn correct_names(
    searcher: &Searcher,
    f: &Fields,
    filters: &Filters,
) -> Result<(Filters, Vec<Renamed>)> {
    let mut out = filters.clone();
    let mut renamed = Vec::new();
    for (role, field) in [("minister", f.minister), ("asker", f.asker)] {
        let slot = match role {
            "minister" => &mut out.minister,
            _ => &mut out.asker,
        };
        let Some(name) = slot.clone() else { continue };
        let mut parts = analysis::name_terms(&name);
        let mut changed = false;
        for part in &mut parts {
            if searcher.doc_freq(&Term::from_field_text(field, part))? > 0 {
                continue;
            }
            if let Some(near) = typos::nearest_name(searcher, field, part)? {
                *part = near;
                changed = true;
            }
        }
        if changed {
            let used = parts.join(" ");
            *slot = Some(used.clone());
            renamed.push(Renamed {
                role,
                asked: name,
                used,
            });
        }
    }
    Ok((out, renamed))
}

/// A word of the hits, as written, that gives `term` (the word a correction found).
fn written_form(analyzer: &DutchAnalyzer, hits: &[Hit], term: &str) -> Option<String> {
    let mut sink = TokenSink::default();
    // The word itself before a compound that holds it: a compound gives its own term
    // first, its parts after, at one place.
    let mut inside = None;
    for hit in hits {
        for text in [Some(hit.passage.as_str()), hit.topic.as_deref()]
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

/// The filter clauses, each to be matched without scoring.
fn filter_queries(
    f: &Fields,
    filters: &Filters,
    analyzer: &DutchAnalyzer,
) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    for (flag, name, field) in [
        ("--minister", &filters.minister, f.minister),
        ("--asker", &filters.asker, f.asker),
    ] {
        let Some(name) = name else { continue };
        let terms = analysis::name_terms(name);
        if terms.is_empty() {
            return Err(Error::usage(format!("{flag}: give a name or part of one")));
        }
        out.extend(terms.iter().map(|t| term_query(field, t)));
    }
    if let (Some(from), Some(to)) = (filters.from, filters.to)
        && from > to
    {
        return Err(Error::usage(format!(
            "--from {} is after --to {}",
            date::iso(from),
            date::iso(to)
        )));
    }
    // The dates are checked per passage: see [`dates`].
    if let Some(topic) = &filters.topic {
        let terms = analyzer.terms(topic);
        if terms.is_empty() {
            return Err(Error::usage(format!(
                "--topic `{topic}`: give a word of the title that is not a stop word"
            )));
        }
        out.extend(terms.iter().map(|t| term_query(f.topic, t)));
    }
    if let Some(part) = filters.part {
        out.push(term_query(f.part, part.as_str()));
    }
    Ok(out)
}

/// Milliseconds since `started`, to the microsecond.
fn millis(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

fn round3(x: Score) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// Runs a search against an open index.
pub fn search(store: &Store, req: &SearchRequest) -> Result<SearchResults> {
    Session::open(store)?.search(req)
}

/// Many searches against one view of the index (the last commit when it was opened):
/// the reader is opened once, not per query.
pub struct Session<'a> {
    store: &'a Store,
    searcher: Searcher,
    /// Queries are analyzed without compound parts.
    analyzer: DutchAnalyzer,
    /// Passages are highlighted as they were indexed.
    indexed: DutchAnalyzer,
}

impl<'a> Session<'a> {
    pub fn open(store: &'a Store) -> Result<Session<'a>> {
        let reader = store.reader()?;
        Ok(Session {
            store,
            searcher: reader.searcher(),
            analyzer: DutchAnalyzer::new(store.analyzer_options().for_queries()),
            indexed: DutchAnalyzer::new(store.analyzer_options()),
        })
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        run(self, req)
    }
}

/// A search made ready: the tiers of passages to walk, and what to say about it.
struct Prepared {
    /// Passages holding every clause, then (with two clauses or more) those holding some
    /// but not all. Empty when nothing can match.
    tiers: Vec<Box<dyn Query>>,
    /// Every matching passage (for counts).
    union: Option<Box<dyn Query>>,
    highlighter: Highlighter,
    notices: Vec<String>,
    corrected: Vec<(String, String)>,
    renamed: Vec<Renamed>,
    filters_asked: Filters,
}

fn prepare(session: &Session, req: &SearchRequest) -> Result<Prepared> {
    let (store, searcher, analyzer) = (session.store, &session.searcher, &session.analyzer);
    let ast = syntax::parse(&req.query)?;
    let fields = *store.fields();
    let mut b = Builder {
        searcher,
        fields,
        analyzer,
        expand: req.expand,
        corrections: HashMap::new(),
        long_forms: HashMap::new(),
        acronyms: HashMap::new(),
        highlighter: Highlighter::default(),
        notices: Vec::new(),
    };

    let mut wanted: Vec<Box<dyn Query>> = Vec::new(); // per positive clause
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    let corrected = if req.expand.typos {
        b.correct(&ast.clauses)?
    } else {
        Vec::new()
    };
    let (filters_asked, renamed) = if req.expand.typos {
        correct_names(searcher, &fields, &req.filters)?
    } else {
        (req.filters.clone(), Vec::new())
    };
    let mut positive_clauses = 0;
    // Runs of words that are a long form also find its acronym; their words then do
    // not widen one by one.
    let runs = if req.expand.acronyms {
        b.long_form_runs(&ast.clauses)?
    } else {
        Vec::new()
    };
    let mut i = 0;
    while i < ast.clauses.len() {
        let clause = &ast.clauses[i];
        if let Some((start, end, terms)) = runs.iter().find(|r| r.0 == i) {
            let run = &ast.clauses[*start..*end];
            b.expand.acronyms = false;
            let text = b.long_form_run(run, terms, fields.text, true)?;
            b.expand.acronyms = true;
            positive_clauses += 1;
            wanted.extend(text);
            i = *end;
            continue;
        }
        i += 1;
        if clause.excluded {
            excluded.extend(b.clause(clause, fields.text, false)?);
            continue;
        }
        positive_clauses += 1;
        wanted.extend(b.clause(clause, fields.text, true)?);
    }
    let notices = std::mem::take(&mut b.notices);
    let filters = filter_queries(&fields, &filters_asked, analyzer)?;
    let mut prepared = Prepared {
        tiers: Vec::new(),
        union: None,
        highlighter: b.highlighter,
        notices,
        corrected,
        renamed,
        filters_asked,
    };
    if positive_clauses > 0 && wanted.is_empty() {
        return Ok(prepared);
    }

    // The parts shared by both tiers: exclusions, filters.
    let mut shared: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for q in &excluded {
        shared.push((Occur::MustNot, q.box_clone()));
    }
    let mut must_filter: Vec<Box<dyn Query>> = filters;
    if wanted.is_empty() {
        // Only exclusions: start from every passage.
        must_filter.push(Box::new(BooleanQuery::union(vec![
            term_query(fields.part, Part::Question.as_str()),
            term_query(fields.part, Part::Answer.as_str()),
        ])));
    }
    if !must_filter.is_empty() {
        shared.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(
                Box::new(BooleanQuery::intersection(must_filter)),
                0.0,
            )),
        ));
    }
    let (from, to) = (
        req.filters.from.map(day_start),
        req.filters.to.map(day_start),
    );
    let with_shared = |mut clauses: Vec<(Occur, Box<dyn Query>)>| -> Box<dyn Query> {
        clauses.extend(shared.iter().map(|(o, q)| (*o, q.box_clone())));
        let q = Box::new(BooleanQuery::new(clauses));
        if from.is_none() && to.is_none() {
            return q;
        }
        Box::new(dates::DateFiltered::new(q, index::DATE_FIELD, from, to))
    };

    // The passage field holds the question's title too (after the passage, see
    // `index::write`): a clause matches a passage that holds it or whose question's
    // title does, and one that holds it itself scores more.
    // Tier 1: passages holding every clause.
    let every = || -> Vec<(Occur, Box<dyn Query>)> {
        wanted
            .iter()
            .map(|w| (Occur::Must, w.box_clone()))
            .collect()
    };
    prepared.tiers.push(with_shared(every()));
    if wanted.len() >= 2 {
        // Tier 2: passages holding some of them but not all, after all of tier 1.
        let any = || -> Box<dyn Query> {
            Box::new(BooleanQuery::union(
                wanted.iter().map(|w| w.box_clone()).collect(),
            ))
        };
        let not_all: Box<dyn Query> = Box::new(BooleanQuery::new(every()));
        prepared.tiers.push(with_shared(vec![
            (Occur::Must, any()),
            (Occur::MustNot, not_all),
        ]));
        prepared.union = Some(with_shared(vec![(Occur::Must, any())]));
    } else {
        prepared.union = prepared.tiers.first().map(|q| q.box_clone());
    }
    Ok(prepared)
}

/// What a walk needs besides the tiers.
fn plan<'p>(
    req: &SearchRequest,
    prepared: &'p Prepared,
    session: &'p Session,
    first_page: usize,
    tally: Option<&'p collect::Tally>,
) -> hits::Plan<'p> {
    hits::Plan {
        tiers: &prepared.tiers,
        sort: req.sort,
        first_page,
        per_question: if req.questions {
            Some(1)
        } else {
            req.per_question
        },
        offset: req.offset,
        count: tally.is_none(),
        tally,
        tally_first: (tally.is_none()
            && (req.questions || req.facets)
            && prepared.tiers.len() == 1)
            .then_some(req.facets),
        highlighter: &prepared.highlighter,
        analyzer: &session.indexed,
    }
}

/// The tally of matching questions, when the request needs it and the walk does not make
/// it with its first page (a query of two tiers: the tally is of both).
fn tally_of(
    session: &Session,
    req: &SearchRequest,
    prepared: &Prepared,
) -> Result<Option<collect::Tally>> {
    if !(req.questions || req.facets) || prepared.tiers.len() == 1 {
        return Ok(None);
    }
    let Some(union) = &prepared.union else {
        return Ok(Some(collect::Tally::default()));
    };
    Ok(Some(session.searcher.search(
        union.as_ref(),
        &collect::Tallier { names: req.facets },
    )?))
}

/// Matching passages: from the tally, from the first pages, or counted now.
fn total_of(
    session: &Session,
    prepared: &Prepared,
    tally: Option<&collect::Tally>,
    walked: &hits::Walked,
) -> Result<usize> {
    if let Some(t) = tally {
        return Ok(t.documents);
    }
    match (prepared.tiers.len(), walked.counts.as_slice()) {
        (1, [Some(all)]) => Ok(*all),
        (2, [Some(all), Some(some)]) => Ok(all + some),
        // The second tier was not walked (the first gave enough): count every match.
        _ => match &prepared.union {
            Some(union) => Ok(session.searcher.search(union.as_ref(), &Count)?),
            None => Ok(0),
        },
    }
}

/// The notices a search ends with: corrections as the hits write them, names used.
fn closing_notices(
    session: &Session,
    prepared: &Prepared,
    hits: &[Hit],
    total: usize,
) -> Result<Vec<String>> {
    let mut notices = prepared.notices.clone();
    for (word, term) in &prepared.corrected {
        let shown = written_form(&session.indexed, hits, term).unwrap_or_else(|| term.clone());
        notices.push(format!("no results for `{word}`; showing `{shown}`"));
    }
    for r in &prepared.renamed {
        let name = hits
            .first()
            .and_then(|h| match r.role {
                "minister" => h.minister.clone(),
                _ => h.asker.clone(),
            })
            .unwrap_or_else(|| r.used.clone());
        notices.push(format!(
            "no {} is named `{}`; showing `{name}`",
            r.role, r.asked
        ));
    }
    if total == 0 {
        notices.extend(name_notices(
            &session.searcher,
            session.store.fields(),
            &prepared.filters_asked,
        )?);
    }
    Ok(notices)
}

fn run(session: &Session, req: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let prepared = prepare(session, req)?;
    let tally = tally_of(session, req, &prepared)?;
    let limit = req.limit.max(1);
    // Copies of one question collapse into one hit, and grouping passes over passages:
    // take candidates to spare (more pages follow when they run out).
    let first_page = (req.offset + limit) * 2 + 8;
    let plan = plan(req, &prepared, session, first_page, tally.as_ref());
    let mut hits = Vec::with_capacity(limit);
    let mut walked = hits::walk(session.store, &session.searcher, &plan, &mut |hit| {
        hits.push(hit);
        Ok(hits.len() < limit)
    })?;
    let tally = tally.or(walked.tally.take());
    let total = total_of(session, &prepared, tally.as_ref(), &walked)?;
    let notices = closing_notices(session, &prepared, &hits, total)?;
    let facets = match (&tally, req.facets) {
        (Some(t), true) => Some(Facets::of(t, FACET_SIZE)),
        _ => None,
    };
    Ok(SearchResults {
        query: req.query.clone(),
        unit: req.unit(),
        total,
        total_questions: tally.as_ref().map(|t| t.questions.len()),
        offset: req.offset,
        sort: req.sort,
        took_ms: millis(started),
        hits,
        facets,
        notices,
    })
}

/// What a streamed search found besides the hits it handed over.
#[derive(Debug, Clone, Serialize)]
pub struct Streamed {
    pub unit: Unit,
    /// Matching passages.
    pub total: usize,
    /// Matching questions, when questions were asked for.
    pub total_questions: Option<usize>,
    /// Hits handed over.
    pub written: usize,
    pub took_ms: f64,
    pub notices: Vec<String>,
}

/// Every hit of a search (from `offset` on, `limit` aside), in order, each handed to
/// `each` as soon as it is made: memory does not grow with the number of hits. Matches
/// are walked a page at a time after a cursor; nothing is held once handed over but a
/// few bytes a question for grouping.
pub fn search_each(
    session: &Session,
    req: &SearchRequest,
    mut each: impl FnMut(Hit) -> Result<()>,
) -> Result<Streamed> {
    let started = Instant::now();
    let prepared = prepare(session, req)?;
    let tally = tally_of(session, req, &prepared)?;
    let plan = plan(req, &prepared, session, hits::STREAM_PAGE, tally.as_ref());
    // The first hits, for the notices (a corrected word is shown as they write it).
    let mut first = Vec::new();
    let mut written = 0;
    let mut walked = hits::walk(session.store, &session.searcher, &plan, &mut |hit| {
        if first.len() < 10 {
            first.push(hit.clone());
        }
        written += 1;
        each(hit)?;
        Ok(true)
    })?;
    let tally = tally.or(walked.tally.take());
    let total = total_of(session, &prepared, tally.as_ref(), &walked)?;
    Ok(Streamed {
        unit: req.unit(),
        total,
        total_questions: tally.as_ref().map(|t| t.questions.len()),
        written,
        took_ms: millis(started),
        notices: closing_notices(session, &prepared, &first, total)?,
    })
}

/// The whole question with this id.
pub fn show(store: &Store, doc_id: &str) -> Result<Question> {
    let reader = store.reader()?;
    let searcher = reader.searcher();
    store
        .question(&searcher, doc_id)?
        .ok_or_else(|| Error::NotFound(doc_id.to_string()))
}

//! A search put together: the query parsed, names in the filters corrected, the clauses
//! built, the filters and tiers wrapped around them ([`prepare`]).

use crate::analysis::DutchAnalyzer;
use crate::error::Result;
use crate::index::Store;
use crate::search::filters::Filters;
use crate::search::request::SearchRequest;
use crate::search::results::Notice;
use crate::search::snippet::Highlighter;
use crate::search::syntax::{self};
use tantivy::Searcher;
use tantivy::query::Query;

use super::builder::{Builder, Widen};
use super::listed::ListedIndex;

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
    pub renamed: Vec<super::filters::Renamed>,
    /// The filters as searched (names corrected).
    pub filters: Filters,
}

/// Parses the query, corrects what the index does not know, builds each clause and the
/// filters, and puts them together as tiers.
pub(crate) fn prepare(
    store: &Store,
    searcher: &Searcher,
    analyzer: &DutchAnalyzer,
    listed: &std::sync::OnceLock<ListedIndex>,
    vocabulary: Option<&super::VocabularyIndex>,
    req: &SearchRequest,
) -> Result<Prepared> {
    // No word: a list of what the filters let through (every passage, unscored; with
    // no filter either, every question, as the page shows the newest).
    let ast = if req.query.trim().is_empty() {
        syntax::QueryAst::default()
    } else {
        syntax::parse(&req.query)?
    };
    let fields = *store.fields();
    let mut b = Builder::new(searcher, fields, analyzer, req.expand, listed, vocabulary);

    let corrected = if req.expand.typos {
        b.correct(&ast.clauses)?
    } else {
        Vec::new()
    };
    let (filters_used, renamed) = if req.expand.typos {
        super::filters::correct_names(searcher, &fields, &req.filters)?
    } else {
        (req.filters.clone(), Vec::new())
    };
    // Runs of words that are a long form also find its acronym, and runs that are a
    // term of the vocabulary its neighbours; their words then do not widen one by one.
    let runs = if req.expand.acronyms || req.expand.vocabulary {
        b.long_form_runs(&ast.clauses)?
    } else {
        Vec::new()
    };
    let mut wanted: Vec<Box<dyn Query>> = Vec::new(); // per positive clause
    let mut excluded: Vec<Box<dyn Query>> = Vec::new();
    let mut bonus: Vec<Box<dyn Query>> = Vec::new();
    let asking = if req.expand.questions {
        super::questions::question_words(&ast.clauses)
    } else {
        Vec::new()
    };
    let mut positive_clauses = 0;
    let mut i = 0;
    while i < ast.clauses.len() {
        let clause = &ast.clauses[i];
        // A question word among content words (`waarom`, `hoeveel`, `hoe lang`): it adds
        // a little to the score, and is not required.
        if asking.contains(&i) {
            i += 1;
            if let Some(q) = b.clause(clause, fields.text, false, Widen::No)? {
                bonus.push(Box::new(tantivy::query::BoostQuery::new(
                    q,
                    super::questions::QUESTION_WORD_WEIGHT,
                )));
            }
            continue;
        }
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
    let filter_queries = super::filters::queries(&fields, &filters_used, analyzer)?;
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
    let parts = super::tiers::Parts {
        wanted,
        excluded,
        filters: filter_queries,
        from: req.filters.from,
        to: req.filters.to,
        every_clause: req.sort != crate::search::Sort::Relevance,
        bonus,
    };
    let built = super::tiers::build(&fields, parts);
    (prepared.tiers, prepared.union) = (built.tiers, built.union);
    Ok(prepared)
}

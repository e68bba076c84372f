//! Tiers: passages holding every clause come first, then (with two clauses or more) those
//! holding some but not all, each tier a query of its own with the exclusions, the filters
//! and the dates. The walk takes the tiers in order, so a passage with all the words
//! always comes before one with only some.

use super::super::dates::DateFiltered;
use crate::index::{Fields, every_passage, name};
use tantivy::DateTime;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use time::Date;

/// What the tiers are made of.
pub(super) struct Parts {
    /// One query per positive clause.
    pub wanted: Vec<Box<dyn Query>>,
    /// One query per excluded clause.
    pub excluded: Vec<Box<dyn Query>>,
    /// Filters to match without scoring.
    pub filters: Vec<Box<dyn Query>>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Only passages holding every clause (a search sorted by date: what is listed by
    /// date must hold every word, as the parliament's own search does).
    pub every_clause: bool,
    /// Queries that add a little to a passage's score but are not required (the
    /// question words of a query typed as a question).
    pub bonus: Vec<Box<dyn Query>>,
}

/// A day as the index stores it: its midnight, UTC.
fn day_start(day: Date) -> DateTime {
    DateTime::from_utc(day.midnight().assume_utc())
}

/// The tiers in order, and the query of every match (for counts).
pub(super) struct Tiers {
    pub tiers: Vec<Box<dyn Query>>,
    pub union: Option<Box<dyn Query>>,
}

/// The tiers of these parts.
pub(super) fn build(fields: &Fields, parts: Parts) -> Tiers {
    let Parts {
        wanted,
        excluded,
        filters,
        from,
        to,
        every_clause,
        bonus,
    } = parts;
    // The parts shared by both tiers: exclusions, filters.
    let mut shared: Vec<(Occur, Box<dyn Query>)> =
        excluded.into_iter().map(|q| (Occur::MustNot, q)).collect();
    let mut must_filter = filters;
    if wanted.is_empty() {
        // Only exclusions: start from every passage.
        must_filter.push(every_passage(fields));
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
    let (from, to) = (from.map(day_start), to.map(day_start));
    let with_shared = |mut clauses: Vec<(Occur, Box<dyn Query>)>| -> Box<dyn Query> {
        clauses.extend(shared.iter().map(|(o, q)| (*o, q.box_clone())));
        clauses.extend(bonus.iter().map(|q| (Occur::Should, q.box_clone())));
        // One clause that must match is that clause: its own walk is the quickest.
        let q = match clauses.as_slice() {
            [(Occur::Must, only)] => only.box_clone(),
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        if from.is_none() && to.is_none() {
            return q;
        }
        // The dates are checked per passage: see `search::dates`.
        Box::new(DateFiltered::new(q, name::DATE, from, to))
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
    let mut tiers = vec![with_shared(every())];
    if wanted.len() < 2 || every_clause {
        let union = tiers.first().map(|q| q.box_clone());
        return Tiers { tiers, union };
    }
    // Tier 2: passages holding some of them but not all, after all of tier 1.
    let any = || -> Box<dyn Query> {
        super::either::flat_union(&wanted).unwrap_or_else(|| {
            Box::new(BooleanQuery::union(
                wanted.iter().map(|w| w.box_clone()).collect(),
            ))
        })
    };
    let not_all: Box<dyn Query> = Box::new(BooleanQuery::new(every()));
    tiers.push(with_shared(vec![
        (Occur::Must, any()),
        (Occur::MustNot, not_all),
    ]));
    let union = Some(with_shared(vec![(Occur::Must, any())]));
    Tiers { tiers, union }
}

//! Walking the matches in order, page after page after a cursor, tier by tier:
//! copies of a question shown once, at most so many passages of one question, the
//! offset passed over, each hit that gets through handed on as it is made. Search,
//! grouping, paging, date orders and export are all one walk.

use super::collect::{Ranked, Tallier, Tally};
use super::fill::{Filler, Kept, Located, PRELOAD};
use super::plan::Plan;
use super::request::Sort;
use super::results::Hit;
use crate::error::Result;
use crate::index::Store;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use tantivy::collector::Count;
use tantivy::{Score, Searcher};

/// Pages after the first grow to this many candidates at most.
const MAX_PAGE: usize = 16_384;
/// The first page of a streamed search.
pub(crate) const STREAM_PAGE: usize = 1_024;

/// What a walk learned besides its hits.
pub(crate) struct Walked {
    /// Per tier walked: its matches, when counted.
    pub counts: Vec<Option<usize>>,
    /// The tally made with the first page ([`Plan::tally_first`]).
    pub tally: Option<Tally>,
}

/// One question for grouping: the copies of a question put to several ministers are one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum QuestionId {
    Own(u64),
    Copies(u64),
}

/// Walks the matches in order, page after page, and hands each hit that grouping and the
/// offset let through to `emit`, until it returns false or the matches run out.
pub(crate) fn walk(
    store: &Store,
    searcher: &Searcher,
    kept: &Kept,
    plan: &Plan,
    emit: &mut dyn FnMut(Hit) -> Result<bool>,
) -> Result<Walked> {
    let mut f = Filler::new(store, searcher, kept);
    let mut walked = Walked {
        counts: Vec::new(),
        tally: None,
    };
    let mut shown_groups: HashSet<(u64, u64)> = HashSet::new();
    let mut per_question: FxHashMap<QuestionId, usize> = FxHashMap::default();
    // Hits let through so far, those passed over by the offset included.
    let mut passed = 0usize;
    // The lowest score of the first tier: those of the second are scaled below it.
    let mut floor = Score::INFINITY;
    for (tier, query) in plan.tiers.iter().enumerate() {
        let mut after = None;
        let mut size = plan.first_page.max(1);
        let mut scale: Score = 1.0;
        loop {
            let ranked = Ranked {
                limit: size,
                sort: plan.sort,
                after,
            };
            let first = after.is_none();
            let page = if let (true, 0, Some(names)) = (first, tier, plan.tally_first) {
                let (page, tally) =
                    searcher.search(query.as_ref(), &(ranked, Tallier { names }))?;
                walked.counts.push(Some(tally.documents));
                walked.tally = Some(tally);
                page
            } else if first && plan.count {
                let (page, count) = searcher.search(query.as_ref(), &(ranked, Count))?;
                walked.counts.push(Some(count));
                page
            } else {
                if first {
                    walked.counts.push(None);
                }
                searcher.search(query.as_ref(), &ranked)?
            };
            if tier == 0 {
                floor = page.iter().map(|k| k.score).fold(floor, Score::min);
            } else if first && plan.sort == Sort::Relevance {
                // Passages holding only some words score below all that hold every one,
                // so that hits stay ordered by score; the order within is kept.
                let top = page.first().map_or(0.0, |k| k.score);
                if floor.is_finite() && top >= floor && top > 0.0 {
                    scale = floor * 0.99 / top;
                }
            }
            let located: Vec<Located> = page
                .iter()
                .map(|k| f.locate(k.address))
                .collect::<Result<_>>()?;
            // Where each passage of a copied question is on the page: the copies of it
            // that matched, to show the fullest.
            let mut copies_on_page: FxHashMap<(u64, u64), Vec<usize>> = FxHashMap::default();
            for (i, l) in located.iter().enumerate().filter(|(_, l)| l.group != 0) {
                copies_on_page
                    .entry((l.group, l.ordinal))
                    .or_default()
                    .push(i);
            }
            for (i, k) in page.iter().enumerate() {
                let here = &located[i];
                if plan.first_page >= STREAM_PAGE && i % PRELOAD == 0 {
                    let end = (i + PRELOAD).min(page.len());
                    f.preload(&page[i..end], &located[i..end])?;
                }
                if here.group != 0 && !shown_groups.insert((here.group, here.ordinal)) {
                    continue; // a copy of a passage already shown
                }
                if let Some(most) = plan.per_question {
                    let id = if here.group != 0 {
                        QuestionId::Copies(here.group)
                    } else {
                        QuestionId::Own(here.key)
                    };
                    let n = per_question.entry(id).or_default();
                    if *n >= most {
                        continue;
                    }
                    *n += 1;
                }
                passed += 1;
                if passed <= plan.offset {
                    continue;
                }
                let copies = match copies_on_page.get(&(here.group, here.ordinal)) {
                    Some(at) if here.group != 0 => {
                        let later: Vec<&Located> = at
                            .iter()
                            .filter(|&&j| j > i)
                            .map(|&j| &located[j])
                            .collect();
                        later
                    }
                    _ => Vec::new(),
                };
                let tally = walked.tally.as_ref().or(plan.tally);
                let hit = f.hit(plan, tally, (passed, k.score * scale), here, &copies)?;
                if !emit(hit)? {
                    return Ok(walked);
                }
            }
            if page.len() < size {
                break;
            }
            after = page.last().copied();
            size = (size * 2).min(MAX_PAGE);
        }
    }
    Ok(walked)
}

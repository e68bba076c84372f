//! Filling in hits from the stored questions: passage, fields, snippet, links; copies of
//! one question (a joint answer) collapse into one hit, the copy with the fullest answer.

use super::collect::{Key, Ranked, Sort, Tallier, Tally};
use super::{Highlighter, Hit, SNIPPET_BYTES, snippet_html};
use crate::analysis::DutchAnalyzer;
use crate::error::{Error, Result};
use crate::index::{GROUP_FIELD, ORDINAL_FIELD, QREF_FIELD, Store};
use crate::model::Question;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::Count;
use tantivy::query::Query;
use tantivy::{DocAddress, Score, Searcher, Term};

/// Another copy of a question: the same text, put to another minister.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Linked {
    pub doc_id: String,
    pub minister: Option<String>,
    pub number: Option<u32>,
    pub date: Option<String>,
}

impl Linked {
    fn of(q: &Question) -> Linked {
        Linked {
            doc_id: q.doc_id.clone(),
            minister: q.minister.clone(),
            number: q.number,
            date: q.date.clone(),
        }
    }
}

/// Per segment: the columns a hit is located by (numbers only: no string look-ups).
struct Columns {
    qref: tantivy::columnar::Column<u64>,
    ordinal: tantivy::columnar::Column<u64>,
    group: tantivy::columnar::Column<u64>,
}

/// Where a passage hit points: its question's key, its passage, its copy group (0: none).
struct Located {
    key: u64,
    ordinal: u64,
    group: u64,
    /// The passage's segment (where its question is stored, mostly).
    segment: u32,
}

struct Filler<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    columns: HashMap<u32, Columns>,
    /// Questions loaded, most recent first: when `questions` holds half of [`LOADED`],
    /// it becomes `older` and the oldest are dropped. A question asked for again moves
    /// back to `questions`.
    questions: FxHashMap<u64, Question>,
    older: FxHashMap<u64, Question>,
}

impl Filler<'_> {
    fn columns(&mut self, segment: u32) -> Result<&Columns> {
        if !self.columns.contains_key(&segment) {
            let fast = self.searcher.segment_reader(segment).fast_fields();
            let cols = Columns {
                qref: fast.u64(QREF_FIELD)?,
                ordinal: fast.u64(ORDINAL_FIELD)?,
                group: fast.u64(GROUP_FIELD)?,
            };
            self.columns.insert(segment, cols);
        }
        self.columns
            .get(&segment)
            .ok_or_else(|| Error::Damaged("a segment without its columns".into()))
    }

    fn locate(&mut self, address: DocAddress) -> Result<Located> {
        let cols = self.columns(address.segment_ord)?;
        let key = cols
            .qref
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged("a passage without its question".into()))?;
        let ordinal = cols
            .ordinal
            .first(address.doc_id)
            .ok_or_else(|| Error::Damaged("a passage without its ordinal".into()))?;
        let group = cols.group.first(address.doc_id).unwrap_or(0);
        Ok(Located {
            key,
            ordinal,
            group,
            segment: address.segment_ord,
        })
    }

    /// The question with this key; `near`: the segment its passage is in.
    fn question(&mut self, key: u64, near: Option<u32>) -> Result<&Question> {
        if !self.questions.contains_key(&key) {
            let q = match self.older.remove(&key) {
                Some(q) => q,
                None => self
                    .store
                    .question_near(self.searcher, key, near)?
                    .ok_or_else(|| {
                        Error::Damaged(format!("a passage without its question ({key:016x})"))
                    })?,
            };
            if self.questions.len() >= LOADED / 2 {
                self.older = std::mem::take(&mut self.questions);
            }
            self.questions.insert(key, q);
        }
        self.questions
            .get(&key)
            .ok_or_else(|| Error::Damaged(format!("question {key:016x} vanished")))
    }

    /// Loads the questions of these candidates in the order of their passages in the
    /// index (a question's record is stored beside its passages): the store then reads
    /// each compressed block once, and a question with several passages among them is
    /// read once.
    fn preload(&mut self, keys: &[Key], located: &[Located]) -> Result<()> {
        let mut wanted: Vec<(DocAddress, u64)> = keys
            .iter()
            .zip(located)
            .filter(|(_, l)| !self.questions.contains_key(&l.key))
            .map(|(k, l)| (k.address, l.key))
            .collect();
        wanted.sort_unstable();
        let mut seen = HashSet::new();
        for (address, key) in wanted {
            if seen.insert(key) {
                self.question(key, Some(address.segment_ord))?;
            }
        }
        Ok(())
    }

    fn answer_len(&mut self, key: u64, near: u32) -> Result<usize> {
        Ok(self
            .question(key, Some(near))?
            .answer
            .as_deref()
            .map_or(0, str::len))
    }
}

/// The keys of all questions with this copy key.
fn copies(store: &Store, searcher: &Searcher, copy_key: u64) -> Result<Vec<u64>> {
    let term = Term::from_field_u64(store.fields().copy_key, copy_key);
    let found = crate::index::alive_with(searcher, &term)?;
    let mut keys = Vec::with_capacity(found.len());
    for address in found {
        let column = searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .u64(QREF_FIELD)?;
        keys.extend(column.first(address.doc_id));
    }
    keys.sort_unstable();
    Ok(keys)
}

/// The other questions with the same text as `q` (a question put to several ministers).
pub fn linked_questions(store: &Store, q: &Question) -> Result<Vec<Linked>> {
    let Some(copy_key) = crate::parse::copy_key(&q.question) else {
        return Ok(Vec::new());
    };
    let reader = store.reader()?;
    let searcher = reader.searcher();
    let own = crate::index::question_key(&q.doc_id);
    let mut out = Vec::new();
    for key in copies(store, &searcher, copy_key)? {
        if key != own
            && let Some(other) = store.question_by_key(&searcher, key)?
        {
            out.push(Linked::of(&other));
        }
    }
    Ok(out)
}

/// Pages after the first grow to this many candidates at most.
const MAX_PAGE: usize = 16_384;
/// The first page of a streamed search.
pub const STREAM_PAGE: usize = 1_024;
/// Questions kept loaded while walking (a bound, not a cache of all).
const LOADED: usize = 2_048;
/// A stream loads the questions of this many candidates at a time (fewer than half of
/// [`LOADED`], so that all of them stay loaded until they are shown).
const PRELOAD: usize = 512;

/// How to walk the matches.
pub struct Plan<'a> {
    /// Passages holding every clause, then those holding some but not all.
    pub tiers: &'a [Box<dyn Query>],
    pub sort: Sort,
    /// Candidates taken first; later pages double, up to [`MAX_PAGE`].
    pub first_page: usize,
    /// At most this many passages of one question.
    pub per_question: Option<usize>,
    /// Hits passed over first.
    pub offset: usize,
    /// Count each tier's matches with its first page.
    pub count: bool,
    /// The matching questions, when tallied before: gives each hit its matching passages.
    pub tally: Option<&'a Tally>,
    /// Tally the matching questions (with their names, when true) in the pass that takes
    /// the first page (one query: its first tier is every match).
    pub tally_first: Option<bool>,
    pub highlighter: &'a Highlighter,
    pub analyzer: &'a DutchAnalyzer,
}

/// What a walk learned besides its hits.
pub struct Walked {
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
pub fn walk(
    store: &Store,
    searcher: &Searcher,
    plan: &Plan,
    emit: &mut dyn FnMut(Hit) -> Result<bool>,
) -> Result<Walked> {
    let mut f = Filler {
        store,
        searcher,
        columns: HashMap::new(),
        questions: FxHashMap::default(),
        older: FxHashMap::default(),
    };
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

impl Filler<'_> {
    /// The hit of a located passage; `matched_copies`: the copies of it that matched, after it
    /// on its page.
    fn hit(
        &mut self,
        plan: &Plan,
        tally: Option<&Tally>,
        (rank, score): (usize, Score),
        here: &Located,
        matched_copies: &[&Located],
    ) -> Result<Hit> {
        let mut key = here.key;
        let mut segment = here.segment;
        let mut also = Vec::new();
        if here.group != 0 {
            // Of the copies that matched, show the one with the fullest answer.
            let mut best = (self.answer_len(key, here.segment)?, key, here.segment);
            for other in matched_copies {
                let len = self.answer_len(other.key, other.segment)?;
                if len > best.0 {
                    best = (len, other.key, other.segment);
                }
            }
            key = best.1;
            segment = best.2;
            for other in copies(self.store, self.searcher, here.group)? {
                if other != key {
                    also.push(Linked::of(self.question(other, None)?));
                }
            }
        }
        let matching_passages = tally
            .filter(|_| plan.per_question == Some(1))
            .and_then(|t| t.questions.get(&key))
            .copied();
        let q = self.question(key, Some(segment))?;
        let doc_id = q.doc_id.clone();
        let passage = usize::try_from(here.ordinal)
            .ok()
            .and_then(|o| q.passages.get(o))
            .ok_or_else(|| Error::Damaged(format!("`{doc_id}` has no passage {}", here.ordinal)))?;
        let highlights = plan.highlighter.highlights(plan.analyzer, &passage.text);
        let topic_highlights = q
            .topic
            .as_deref()
            .map(|t| plan.highlighter.highlights(plan.analyzer, t))
            .unwrap_or_default();
        Ok(Hit {
            rank,
            score: super::round3(score),
            doc_id,
            number: q.number,
            asker: q.asker.clone(),
            minister: q.minister.clone(),
            portfolio: q.portfolio.clone(),
            date: q.date.clone(),
            topic: q.topic.clone(),
            path: q.path.clone(),
            part: passage.part,
            label: passage.label.clone(),
            snippet: snippet_html(&passage.text, &highlights, SNIPPET_BYTES),
            passage: passage.text.clone(),
            answers: passage.answers.clone(),
            answered: passage.answered.clone(),
            also_answered_by: also,
            matching_passages,
            highlights,
            topic_highlights,
        })
    }
}

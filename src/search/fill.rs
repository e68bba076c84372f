//! Filling in hits from the stored questions: passage, meta, snippet, links. Questions
//! are loaded once for the candidates near each other in the index, and a bounded number
//! of them kept; the copies of one question (a joint answer) collapse into one hit, the
//! copy with the fullest answer, the others listed with it.

use super::collect::{Key, Tally};
use super::plan::Plan;
use super::results::Hit;
use super::snippet::{SNIPPET_BYTES, snippet_html};
use crate::error::Result;
use crate::index::{Store, name};
use crate::model::Question;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tantivy::{DocAddress, Score, Searcher};

/// Questions a session keeps loaded for its later searches (a server's session answers
/// many: the questions people look at come back).
const KEPT: usize = 1_024;

/// The questions a session loaded, parsed, shared by its searches: two generations, the
/// older dropped when the newer holds half of [`KEPT`]; one asked for again moves up.
type Loaded = FxHashMap<u64, Arc<Question>>;

#[derive(Default)]
pub(crate) struct Kept {
    /// (newer, older)
    generations: Mutex<(Loaded, Loaded)>,
    /// Each segment's columns, opened once.
    columns: Mutex<HashMap<u32, Columns>>,
}

impl Kept {
    fn get(&self, key: u64) -> Option<Arc<Question>> {
        let mut g = self.generations.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(q) = g.0.get(&key) {
            return Some(Arc::clone(q));
        }
        let q = g.1.remove(&key)?;
        Kept::insert(&mut g, key, Arc::clone(&q));
        Some(q)
    }

    fn put(&self, key: u64, q: Arc<Question>) {
        let mut g = self.generations.lock().unwrap_or_else(|e| e.into_inner());
        Kept::insert(&mut g, key, q);
    }

    fn insert(g: &mut (Loaded, Loaded), key: u64, q: Arc<Question>) {
        if g.0.len() >= KEPT / 2 {
            g.1 = std::mem::take(&mut g.0);
        }
        g.0.insert(key, q);
    }
}

/// Questions kept loaded while walking (a bound, not a cache of all).
const LOADED: usize = 2_048;
/// A stream loads the questions of this many candidates at a time (fewer than half of
/// [`LOADED`], so that all of them stay loaded until they are shown).
pub(super) const PRELOAD: usize = 512;

/// Per segment: the columns a hit is located by (numbers only: no string look-ups).
#[derive(Clone)]
struct Columns {
    qref: tantivy::columnar::Column<u64>,
    ordinal: tantivy::columnar::Column<u64>,
    group: tantivy::columnar::Column<u64>,
}

/// Where a passage hit points: its question's key, its passage, its copy group (0: none).
pub(super) struct Located {
    pub key: u64,
    pub ordinal: u64,
    pub group: u64,
    /// The passage's segment (where its question is stored, mostly).
    pub segment: u32,
}

pub(super) struct Filler<'a> {
    store: &'a Store,
    searcher: &'a Searcher,
    columns: HashMap<u32, Columns>,
    /// Questions loaded, most recent first: when `questions` holds half of [`LOADED`],
    /// it becomes `older` and the oldest are dropped. A question asked for again moves
    /// back to `questions`.
    questions: FxHashMap<u64, Arc<Question>>,
    older: FxHashMap<u64, Arc<Question>>,
    /// The session's questions, looked in before the store.
    kept: &'a Kept,
}

impl<'a> Filler<'a> {
    pub(super) fn new(store: &'a Store, searcher: &'a Searcher, kept: &'a Kept) -> Filler<'a> {
        Filler {
            store,
            searcher,
            columns: HashMap::new(),
            questions: FxHashMap::default(),
            older: FxHashMap::default(),
            kept,
        }
    }

    fn columns(&mut self, segment: u32) -> Result<&Columns> {
        if !self.columns.contains_key(&segment) {
            let mut kept = self.kept.columns.lock().unwrap_or_else(|e| e.into_inner());
            let cols = match kept.get(&segment) {
                Some(c) => c.clone(),
                None => {
                    let fast = self.searcher.segment_reader(segment).fast_fields();
                    let cols = Columns {
                        qref: fast.u64(name::QREF)?,
                        ordinal: fast.u64(name::ORDINAL)?,
                        group: fast.u64(name::GROUP)?,
                    };
                    kept.insert(segment, cols.clone());
                    cols
                }
            };
            drop(kept);
            self.columns.insert(segment, cols);
        }
        self.columns
            .get(&segment)
            .ok_or_else(|| self.store.damaged("a segment without its columns"))
    }

    pub(super) fn locate(&mut self, address: DocAddress) -> Result<Located> {
        let store = self.store;
        let cols = self.columns(address.segment_ord)?;
        let key = cols
            .qref
            .first(address.doc_id)
            .ok_or_else(|| store.damaged("a passage without its question"))?;
        let ordinal = cols
            .ordinal
            .first(address.doc_id)
            .ok_or_else(|| store.damaged("a passage without its ordinal"))?;
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
            let q = match self.older.remove(&key).or_else(|| self.kept.get(key)) {
                Some(q) => q,
                None => {
                    let q = Arc::new(
                        self.store
                            .question_near(self.searcher, key, near)?
                            .ok_or_else(|| {
                                self.store
                                    .damaged(format!("a passage without its question ({key:016x})"))
                            })?,
                    );
                    self.kept.put(key, Arc::clone(&q));
                    q
                }
            };
            if self.questions.len() >= LOADED / 2 {
                self.older = std::mem::take(&mut self.questions);
            }
            self.questions.insert(key, q);
        }
        self.questions
            .get(&key)
            .map(|q| &**q)
            .ok_or_else(|| self.store.damaged(format!("question {key:016x} vanished")))
    }

    /// Loads the questions of these candidates in the order of their passages in the
    /// index (a question's record is stored beside its passages): the store then reads
    /// each compressed block once, and a question with several passages among them is
    /// read once.
    pub(super) fn preload(&mut self, keys: &[Key], located: &[Located]) -> Result<()> {
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

impl Filler<'_> {
    /// The hit of a located passage; `matched_copies`: the copies of it that matched, after it
    /// on its page.
    pub(super) fn hit(
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
            for other in self.store.copies(self.searcher, here.group)? {
                if other != key {
                    also.push(self.question(other, None)?.meta.clone());
                }
            }
        }
        // Only a hit that stands for its question says how many of its passages match.
        let matching_passages = tally
            .filter(|_| plan.questions)
            .and_then(|t| t.questions.get(&key))
            .copied();
        let store = self.store;
        let q = self.question(key, Some(segment))?;
        let passage = usize::try_from(here.ordinal)
            .ok()
            .and_then(|o| q.passages.get(o))
            .ok_or_else(|| {
                store.damaged(format!(
                    "`{}` has no passage {}",
                    q.meta.doc_id, here.ordinal
                ))
            })?;
        let mut passage = passage;
        let mut highlights = plan.highlighter.highlights(plan.analyzer, &passage.text);
        // A question found through its title alone stands for itself by its opening
        // passage, not by whichever passage scored best with nothing of its own marked.
        if plan.questions
            && highlights.is_empty()
            && let Some(opening) = q.passages.first()
        {
            passage = opening;
            highlights = plan.highlighter.highlights(plan.analyzer, &passage.text);
        }
        let topic_highlights = q
            .meta
            .topic
            .as_deref()
            .map(|t| plan.highlighter.highlights(plan.analyzer, t))
            .unwrap_or_default();
        Ok(Hit {
            rank,
            score: super::round3(score),
            meta: q.meta.clone(),
            part: passage.part,
            label: passage.label.clone(),
            page: passage.page,
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

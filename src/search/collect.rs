//! Collectors: passages in the order asked for, a page at a time after a cursor (so that
//! grouping and export can walk every match without holding them all), and a tally of the
//! questions the matches belong to, with their minister, asker and year (facets).

use super::request::Sort;
use crate::index::name::{ASKER_NAME, DATE, GROUP, MINISTER_NAME, QREF, THEME_NAME, TIE, YEAR};
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Where a passage stands in the order: a greater key comes first. Passages without a
/// date come last in both date orders. Equal scores go by the passage's tie key, which
/// every build gives it alike (`index::tie_key`: newest, highest number, first passage),
/// never by where a build happened to put it; only passages equal in that too go by
/// address, so the order is total and a cursor never skips or repeats a passage.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The date in seconds (negated for oldest first); 0 by relevance.
    primary: i64,
    pub score: Score,
    tie: u64,
    pub address: DocAddress,
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary
            .cmp(&other.primary)
            .then_with(|| self.score.total_cmp(&other.score))
            .then_with(|| self.tie.cmp(&other.tie))
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

/// The first `limit` passages in `sort` order that come after `after`.
pub struct Ranked {
    pub limit: usize,
    pub sort: Sort,
    pub after: Option<Key>,
}

pub struct RankedSegment {
    segment: SegmentOrdinal,
    dates: Option<Column<tantivy::DateTime>>,
    ties: Column<u64>,
    sort: Sort,
    limit: usize,
    after: Option<Key>,
    /// Candidates: cut back to the best `limit` whenever it holds twice that (cheaper
    /// than a heap when most documents get in, as by date over a corpus indexed in
    /// date order).
    kept: Vec<Key>,
    /// The worst of the best `limit` at the last cut (before, lower than any key).
    worst: (i64, Score, u64),
}

impl RankedSegment {
    /// Keeps the best `limit` of the candidates and raises the bar to the worst of them.
    fn cut(&mut self) {
        if self.kept.len() <= self.limit || self.limit == 0 {
            return;
        }
        self.kept
            .select_nth_unstable_by(self.limit - 1, |a, b| b.cmp(a));
        self.kept.truncate(self.limit);
        if let Some(w) = self.kept.iter().min() {
            self.worst = (w.primary, w.score, w.tie);
        }
    }
}

impl Collector for Ranked {
    type Fruit = Vec<Key>;
    type Child = RankedSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<RankedSegment> {
        let dates = match self.sort {
            Sort::Relevance => None,
            Sort::Newest | Sort::Oldest => Some(reader.fast_fields().date(DATE)?),
        };
        Ok(RankedSegment {
            segment,
            dates,
            ties: reader.fast_fields().u64(TIE)?,
            sort: self.sort,
            limit: self.limit,
            after: self.after,
            kept: Vec::with_capacity((2 * self.limit).min(8192)),
            // With no room, nothing gets in.
            worst: if self.limit == 0 {
                (i64::MAX, Score::INFINITY, u64::MAX)
            } else {
                (i64::MIN, Score::NEG_INFINITY, 0)
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Key>>) -> tantivy::Result<Vec<Key>> {
        let mut all: Vec<Key> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        all.truncate(self.limit);
        Ok(all)
    }
}

impl SegmentCollector for RankedSegment {
    type Fruit = Vec<Key>;

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        let primary = match &self.dates {
            None => 0,
            Some(dates) => match first(dates, doc) {
                Some(d) if self.sort == Sort::Newest => d.into_timestamp_secs(),
                Some(d) => -d.into_timestamp_secs(),
                None => i64::MIN,
            },
        };
        // Most documents do not beat the worst kept: turn them away first, cheaply, and
        // read the tie key only of those that may. Documents come in order within a
        // segment, so one that ties the worst in everything comes after it.
        let (p, s, t) = self.worst;
        if primary < p || (primary == p && score < s) {
            return;
        }
        let tie = self.ties.first(doc).unwrap_or(0);
        if primary == p && score == s && tie <= t {
            return;
        }
        let key = Key {
            primary,
            score,
            tie,
            address: DocAddress::new(self.segment, doc),
        };
        if self.after.is_some_and(|after| key >= after) {
            return; // on an earlier page
        }
        self.kept.push(key);
        if self.kept.len() >= 2 * self.limit {
            self.cut();
        }
    }

    fn harvest(mut self) -> Vec<Key> {
        self.cut();
        self.kept
    }
}

/// The questions the matching documents belong to, and (when names were asked for)
/// how many of them each minister answered, each member asked and each year saw.
#[derive(Debug, Default)]
pub struct Tally {
    /// Matching documents.
    pub documents: usize,
    /// Per matching question (by key): its matching documents.
    pub questions: FxHashMap<u64, u32>,
    /// Matching questions as hits show them: the copies of a question put to several
    /// ministers once.
    pub shown: usize,
    pub ministers: Counts<String>,
    pub askers: Counts<String>,
    pub years: Counts<u64>,
    /// A question with several themes counts once for each.
    pub themes: Counts<String>,
}

/// Questions per value, and those the value is not known of.
#[derive(Debug, Clone)]
pub struct Counts<T> {
    pub per: FxHashMap<T, usize>,
    pub missing: usize,
}

impl<T> Default for Counts<T> {
    fn default() -> Self {
        Counts {
            per: FxHashMap::default(),
            missing: 0,
        }
    }
}

/// Tallies matching documents by question; `names` also counts the questions per
/// minister, asker and year.
pub struct Tallier {
    pub names: bool,
}

/// Not a term ordinal: the document gives no such name.
const NONE: u32 = u32::MAX;

struct NameColumns {
    minister: Option<StrColumn>,
    asker: Option<StrColumn>,
    year: Column<u64>,
    themes: Option<StrColumn>,
}

/// Consecutive matching documents of one question in a segment (a question's documents
/// are written together, so they come in one run or a few).
struct Run {
    key: u64,
    /// Its copy group (0: a question of its own).
    group: u64,
    documents: u32,
    minister: u32,
    asker: u32,
    year: u32,
    /// Its themes' ordinals: `theme_ords[themes.0..themes.1]` of its segment.
    themes: (u32, u32),
}

pub struct TallySegment {
    qref: Column<u64>,
    group: Column<u64>,
    /// A buffer for a block's keys.
    keys: Vec<Option<u64>>,
    names: Option<NameColumns>,
    documents: usize,
    runs: Vec<Run>,
    theme_ords: Vec<u32>,
}

/// What a segment saw, resolved in [`Tallier::merge_fruits`].
pub struct SegmentTally {
    documents: usize,
    runs: Vec<Run>,
    ministers: Option<StrColumn>,
    askers: Option<StrColumn>,
    themes: Option<StrColumn>,
    theme_ords: Vec<u32>,
}

impl Collector for Tallier {
    type Fruit = Tally;
    type Child = TallySegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment> {
        let fast = reader.fast_fields();
        let names = if self.names {
            Some(NameColumns {
                minister: fast.str(MINISTER_NAME)?,
                asker: fast.str(ASKER_NAME)?,
                year: fast.u64(YEAR)?,
                themes: fast.str(THEME_NAME)?,
            })
        } else {
            None
        };
        Ok(TallySegment {
            qref: fast.u64(QREF)?,
            group: fast.u64(GROUP)?,
            keys: Vec::new(),
            names,
            documents: 0,
            runs: Vec::new(),
            theme_ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentTally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        let runs: usize = fruits.iter().map(|f| f.runs.len()).sum();
        all.questions.reserve(runs);
        let mut groups: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        for fruit in fruits {
            all.documents += fruit.documents;
            // Per term ordinal of this segment: the questions first seen here.
            let ords = |c: &Option<StrColumn>| c.as_ref().map_or(0, |c| c.num_terms());
            let mut ministers = vec![0usize; ords(&fruit.ministers)];
            let mut askers = vec![0usize; ords(&fruit.askers)];
            let mut themes = vec![0usize; ords(&fruit.themes)];
            for run in &fruit.runs {
                use std::collections::hash_map::Entry;
                match all.questions.entry(run.key) {
                    Entry::Occupied(mut e) => *e.get_mut() += run.documents,
                    Entry::Vacant(e) => {
                        e.insert(run.documents);
                        if run.group == 0 || groups.insert(run.group) {
                            all.shown += 1;
                        }
                        if !self.names {
                            continue;
                        }
                        for (ord, per, counts) in [
                            (run.minister, &mut ministers, &mut all.ministers),
                            (run.asker, &mut askers, &mut all.askers),
                        ] {
                            match per.get_mut(ord as usize) {
                                Some(n) => *n += 1,
                                None => counts.missing += 1,
                            }
                        }
                        match run.year {
                            0 => all.years.missing += 1,
                            y => *all.years.per.entry(u64::from(y)).or_default() += 1,
                        }
                        let (from, to) = (run.themes.0 as usize, run.themes.1 as usize);
                        let its = fruit.theme_ords.get(from..to).unwrap_or_default();
                        if its.is_empty() {
                            all.themes.missing += 1;
                        }
                        for &ord in its {
                            if let Some(n) = themes.get_mut(ord as usize) {
                                *n += 1;
                            }
                        }
                    }
                }
            }
            for (column, per, counts) in [
                (&fruit.ministers, ministers, &mut all.ministers),
                (&fruit.askers, askers, &mut all.askers),
                (&fruit.themes, themes, &mut all.themes),
            ] {
                let Some(column) = column else { continue };
                let mut name = String::new();
                for (ord, n) in per.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    name.clear();
                    // An empty name: the document gives none.
                    if column.ord_to_str(ord as u64, &mut name)? && !name.is_empty() {
                        *counts.per.entry(name.clone()).or_default() += n;
                    } else {
                        counts.missing += n;
                    }
                }
            }
        }
        Ok(all)
    }
}

impl TallySegment {
    /// Documents `docs` with their question keys.
    fn add(&mut self, docs: &[DocId], keys: &[Option<u64>]) {
        self.documents += docs.len();
        for (&doc, key) in docs.iter().zip(keys) {
            let Some(key) = key.filter(|&k| k != 0) else {
                continue;
            };
            if let Some(last) = self.runs.last_mut()
                && last.key == key
            {
                last.documents += 1;
                continue;
            }
            let ord = |c: &Option<StrColumn>| {
                c.as_ref()
                    .and_then(|c| first(c.ords(), doc))
                    .and_then(|o| u32::try_from(o).ok())
                    .unwrap_or(NONE)
            };
            let (minister, asker, year) = match &self.names {
                Some(n) => (
                    ord(&n.minister),
                    ord(&n.asker),
                    first(&n.year, doc)
                        .and_then(|y| u32::try_from(y).ok())
                        .unwrap_or(0),
                ),
                None => (NONE, NONE, 0),
            };
            let start = self.theme_ords.len() as u32;
            if let Some(themes) = self.names.as_ref().and_then(|n| n.themes.as_ref()) {
                self.theme_ords
                    .extend(themes.term_ords(doc).filter_map(|o| u32::try_from(o).ok()));
            }
            let end = self.theme_ords.len() as u32;
            self.runs.push(Run {
                key,
                group: first(&self.group, doc).unwrap_or(0),
                documents: 1,
                minister,
                asker,
                year,
                themes: (start, end),
            });
        }
    }
}

/// The first value of a document: read straight from the values when every document
/// has one (tantivy's own one-document read goes through its index of which documents
/// have values, ~100 instructions), else through the batch read.
fn first<T: PartialOrd + Copy + std::fmt::Debug + Send + Sync + 'static>(
    column: &Column<T>,
    doc: DocId,
) -> Option<T> {
    if let ColumnIndex::Full = column.index {
        return Some(column.values.get_val(doc));
    }
    let mut out = [None];
    column.first_vals(&[doc], &mut out);
    out[0]
}

impl SegmentCollector for TallySegment {
    type Fruit = SegmentTally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let key = first(&self.qref, doc);
        self.add(&[doc], &[key]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        keys.resize(docs.len(), None);
        self.qref.first_vals(docs, &mut keys);
        self.add(docs, &keys);
        self.keys = keys;
    }

    fn harvest(self) -> SegmentTally {
        let (ministers, askers, themes) = match self.names {
            Some(n) => (n.minister, n.asker, n.themes),
            None => (None, None, None),
        };
        SegmentTally {
            documents: self.documents,
            runs: self.runs,
            ministers,
            askers,
            themes,
            theme_ords: self.theme_ords,
        }
    }
}

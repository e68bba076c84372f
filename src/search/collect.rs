//! Collectors: passages in the order asked for, a page at a time after a cursor (so that
//! grouping and export can walk every match without holding them all), and a tally of the
//! questions the matches belong to, with their minister, asker and year (facets).

use crate::index::{ASKER_NAME_FIELD, DATE_FIELD, MINISTER_NAME_FIELD, QREF_FIELD, YEAR_FIELD};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The order of passages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best score first.
    #[default]
    Relevance,
    /// Latest question date first; the best score first within a day.
    Newest,
    /// Earliest question date first; the best score first within a day.
    Oldest,
}

/// Where a passage stands in the order: a greater key comes first. Passages without a
/// date come last in both date orders; equal keys go by address, so the order is total
/// and a cursor never skips or repeats a passage.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The date in seconds (negated for oldest first); 0 by relevance.
    primary: i64,
    pub score: Score,
    pub address: DocAddress,
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary
            .cmp(&other.primary)
            .then_with(|| self.score.total_cmp(&other.score))
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
    sort: Sort,
    limit: usize,
    after: Option<Key>,
    /// The best `limit` so far, the worst on top.
    heap: BinaryHeap<Reverse<Key>>,
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
            Sort::Newest | Sort::Oldest => Some(reader.fast_fields().date(DATE_FIELD)?),
        };
        Ok(RankedSegment {
            segment,
            dates,
            sort: self.sort,
            limit: self.limit,
            after: self.after,
            heap: BinaryHeap::with_capacity(self.limit.min(4096) + 1),
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

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.limit == 0 {
            return;
        }
        let primary = match (&self.dates, self.sort) {
            (None, _) | (_, Sort::Relevance) => 0,
            (Some(dates), sort) => match dates.first(doc) {
                Some(d) if sort == Sort::Newest => d.into_timestamp_secs(),
                Some(d) => -d.into_timestamp_secs(),
                None => i64::MIN,
            },
        };
        let key = Key {
            primary,
            score,
            address: DocAddress::new(self.segment, doc),
        };
        if self.after.is_some_and(|after| key >= after) {
            return; // shown on an earlier page
        }
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(key));
        } else if self.heap.peek().is_some_and(|worst| key > worst.0) {
            self.heap.pop();
            self.heap.push(Reverse(key));
        }
    }

    fn harvest(self) -> Vec<Key> {
        self.heap.into_iter().map(|r| r.0).collect()
    }
}

/// One question among the matches.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// Its passages that match.
    pub passages: u32,
    pub minister: Option<String>,
    pub asker: Option<String>,
    pub year: Option<u64>,
}

/// The questions the matching documents belong to.
#[derive(Debug, Default)]
pub struct Tally {
    /// Matching documents.
    pub documents: usize,
    pub questions: FxHashMap<u64, Seen>,
}

/// Tallies matching documents by question; `names` also reads each question's minister,
/// asker and year.
pub struct Tallier {
    pub names: bool,
}

struct NameColumns {
    minister: Option<StrColumn>,
    asker: Option<StrColumn>,
    year: Column<u64>,
}

/// Per question, per segment: matching documents and the name ordinals (resolved once per
/// question at harvest).
#[derive(Default)]
struct SeenOrds {
    passages: u32,
    minister: Option<u64>,
    asker: Option<u64>,
    year: Option<u64>,
}

pub struct TallySegment {
    qref: Column<u64>,
    names: Option<NameColumns>,
    documents: usize,
    seen: FxHashMap<u64, SeenOrds>,
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
                minister: fast.str(MINISTER_NAME_FIELD)?,
                asker: fast.str(ASKER_NAME_FIELD)?,
                year: fast.u64(YEAR_FIELD)?,
            })
        } else {
            None
        };
        Ok(TallySegment {
            qref: fast.u64(QREF_FIELD)?,
            names,
            documents: 0,
            seen: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for fruit in fruits {
            all.documents += fruit.documents;
            for (key, seen) in fruit.questions {
                let slot = all.questions.entry(key).or_default();
                slot.passages += seen.passages;
                if slot.minister.is_none() {
                    slot.minister = seen.minister;
                }
                if slot.asker.is_none() {
                    slot.asker = seen.asker;
                }
                slot.year = slot.year.or(seen.year);
            }
        }
        Ok(all)
    }
}

impl TallySegment {
    fn add(&mut self, doc: DocId) {
        self.documents += 1;
        let Some(key) = self.qref.first(doc) else {
            return;
        };
        let names = &self.names;
        let slot = self.seen.entry(key).or_insert_with(|| match names {
            Some(n) => SeenOrds {
                passages: 0,
                minister: n.minister.as_ref().and_then(|c| c.term_ords(doc).next()),
                asker: n.asker.as_ref().and_then(|c| c.term_ords(doc).next()),
                year: n.year.first(doc).filter(|&y| y > 0),
            },
            None => SeenOrds::default(),
        });
        slot.passages += 1;
    }
}

/// The string of a term ordinal, looked up once per ordinal.
fn name_of(
    column: Option<&StrColumn>,
    ord: Option<u64>,
    cache: &mut FxHashMap<u64, String>,
) -> Option<String> {
    let (column, ord) = (column?, ord?);
    if let Some(s) = cache.get(&ord) {
        return Some(s.clone());
    }
    let mut s = String::new();
    match column.ord_to_str(ord, &mut s) {
        Ok(true) => {
            cache.insert(ord, s.clone());
            Some(s)
        }
        _ => None,
    }
}

impl SegmentCollector for TallySegment {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.add(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.add(doc);
        }
    }

    fn harvest(self) -> Tally {
        let mut ministers = FxHashMap::default();
        let mut askers = FxHashMap::default();
        let names = self.names.as_ref();
        let questions = self
            .seen
            .into_iter()
            .map(|(key, s)| {
                let seen = Seen {
                    passages: s.passages,
                    minister: name_of(
                        names.and_then(|n| n.minister.as_ref()),
                        s.minister,
                        &mut ministers,
                    ),
                    asker: name_of(names.and_then(|n| n.asker.as_ref()), s.asker, &mut askers),
                    year: s.year,
                };
                (key, seen)
            })
            .collect();
        Tally {
            documents: self.documents,
            questions,
        }
    }
}

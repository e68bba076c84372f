//! What analysis remembers: terms by the word as written while indexing ([`StemCache`]),
//! and by the folded word as highlighting asks for them ([`WordMemo`]).

use rustc_hash::FxHashMap;
use std::sync::Arc;
use std::sync::Mutex;

/// Terms already computed, by the word as written: words repeat (Zipf), so an indexing
/// thread folds, checks and stems each written form about once instead of every time.
/// `None` remembers a word that gives no term (a stop word, say). Bounded: emptied when it
/// grows past [`StemCache::CAPACITY`] words.
///
/// A cache made with [`StemCache::shared`] also asks, on a miss, a second level shared by
/// its clones: tantivy clones the tokenizer for every field of every segment it writes,
/// and stemming a word costs a hundred times a look-up, so a new segment starts warm.
#[derive(Debug, Clone, Default)]
pub struct StemCache {
    pub(super) terms: Terms,
    shared: Option<Arc<Mutex<Terms>>>,
}

pub(super) type Terms = FxHashMap<Box<str>, Option<Box<str>>>;

impl StemCache {
    pub const CAPACITY: usize = 200_000;
    /// The bound of the shared level: the written forms of a large corpus.
    pub const SHARED_CAPACITY: usize = 400_000;

    /// A cache whose clones share a second level.
    pub fn shared() -> StemCache {
        StemCache {
            terms: Terms::default(),
            shared: Some(Arc::default()),
        }
    }

    /// The number of written forms remembered (first level).
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.terms.len()
    }

    /// Gives `found` the term of the written form `raw` (nothing for a word without one),
    /// from `compute` on a miss of both levels.
    pub(super) fn term(
        &mut self,
        raw: &str,
        compute: impl FnOnce() -> Option<Box<str>>,
        found: impl FnOnce(&str),
    ) {
        // One look-up on a hit, which is nearly every word.
        if let Some(known) = self.terms.get(raw) {
            if let Some(term) = known {
                found(term);
            }
            return;
        }
        if self.terms.len() >= Self::CAPACITY {
            self.terms.clear();
        }
        let term = self.lookup_shared(raw, compute);
        if let Some(term) = &term {
            found(term);
        }
        self.terms.insert(raw.into(), term);
    }

    fn lookup_shared(
        &self,
        raw: &str,
        compute: impl FnOnce() -> Option<Box<str>>,
    ) -> Option<Box<str>> {
        let Some(shared) = &self.shared else {
            return compute();
        };
        // A poisoned lock only means another thread panicked mid-insert: the map is
        // still a valid cache.
        if let Some(known) = shared.lock().unwrap_or_else(|e| e.into_inner()).get(raw) {
            return known.clone();
        }
        let term = compute();
        let mut map = shared.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::SHARED_CAPACITY {
            map.clear();
        }
        map.insert(raw.into(), term.clone());
        term
    }
}

/// The terms of folded words as one kind of highlighting asks for them (split or not,
/// with fronts or not), remembered: the passages a server highlights repeat their words.
/// Bounded: emptied when it holds [`WordMemo::CAPACITY`] words.
#[derive(Debug, Default)]
pub struct WordMemo {
    /// By kind (split or not, with fronts or not), so that a word is looked up as it is,
    /// without making a key of it.
    kinds: [Terms; 4],
}

impl WordMemo {
    pub const CAPACITY: usize = 50_000;

    fn kind(split: bool, fronts: bool) -> usize {
        usize::from(split) * 2 + usize::from(fronts)
    }

    /// The terms of a folded word of this kind, if remembered.
    pub(super) fn get(&self, folded: &str, split: bool, fronts: bool) -> Option<&Option<Box<str>>> {
        self.kinds[Self::kind(split, fronts)].get(folded)
    }

    /// Remembers the terms of a folded word of this kind (forgetting all at the bound).
    pub(super) fn insert(
        &mut self,
        folded: &str,
        split: bool,
        fronts: bool,
        terms: Option<Box<str>>,
    ) {
        if self.kinds.iter().map(|k| k.len()).sum::<usize>() >= Self::CAPACITY {
            self.kinds.iter_mut().for_each(Terms::clear);
        }
        self.kinds[Self::kind(split, fronts)].insert(folded.into(), terms);
    }
}

//! A session: one view of the index (the last commit when it was opened) that runs any
//! number of searches, each prepared ([`super::query`]), walked ([`super::walk`]),
//! counted and told about ([`super::notices`]).

use super::collect::{Tallier, Tally};
use super::facets::{FACET_SIZE, Facets};
use super::filters::Filters;
use super::notices;
use super::plan::Plan;
use super::query::{self, ListedIndex, Prepared};
use super::request::SearchRequest;
use super::results::{Hit, SearchResults, Streamed};
use super::walk::{self, Walked};
use crate::analysis::DutchAnalyzer;
use crate::error::Result;
use crate::index::Store;
use std::time::Instant;
use tantivy::Searcher;
use tantivy::collector::Count;

/// Many searches against one view of the index: the reader is opened once, not per
/// query. A search sees the last commit when the session was opened, and nothing written
/// since.
///
/// ```
/// # fn main() -> vraagbaak::Result<()> {
/// # let dir = tempfile::tempdir().map_err(|e| vraagbaak::Error::io("temp", e))?;
/// # let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
/// # vraagbaak::index_paths(&dir.path().join("index"), &[corpus], &Default::default())?;
/// use vraagbaak::{SearchRequest, Session, Store};
///
/// let store = Store::open(&dir.path().join("index"))?;
/// let session = Session::open(&store)?;
/// for query in ["beroepsgeheim", "veiligheidscel", "LIVC"] {
///     let found = session.search(&SearchRequest::new(query))?;
///     assert!(found.total > 0, "{query}");
/// }
/// # Ok(())
/// # }
/// ```
pub struct Session {
    /// A clone of the store (cheap: tantivy's index is shared).
    pub(crate) store: Store,
    pub(crate) searcher: Searcher,
    /// Queries are analyzed without compound parts.
    analyzer: DutchAnalyzer,
    /// Passages are highlighted as they were indexed.
    pub(crate) indexed: DutchAnalyzer,
    /// The shipped acronyms, analyzed as queries are, when a search first needs them.
    listed: std::sync::OnceLock<ListedIndex>,
    /// The vocabulary (shipped, and the user's file), analyzed when a search first needs
    /// it; or what is wrong with the user's file.
    vocabulary: std::sync::OnceLock<std::result::Result<query::VocabularyIndex, String>>,
    /// Questions loaded by earlier searches of this session.
    kept: super::fill::Kept,
}

impl Session {
    pub fn open(store: &Store) -> Result<Session> {
        let reader = store.reader().map_err(|e| store.name_damage(e))?;
        Ok(Session::at(store, reader.searcher()))
    }

    /// A session on this view of the index (a server keeps one reader and makes a
    /// session of each commit it sees).
    pub fn at(store: &Store, searcher: Searcher) -> Session {
        Session {
            store: store.clone(),
            searcher,
            analyzer: DutchAnalyzer::new(store.analyzer_options().for_queries()),
            indexed: DutchAnalyzer::new(store.analyzer_options()),
            listed: std::sync::OnceLock::new(),
            vocabulary: std::sync::OnceLock::new(),
            kept: super::fill::Kept::default(),
        }
    }

    /// The query of every passage these filters let through (names corrected as a
    /// search corrects them).
    pub(crate) fn matching(&self, filters: &Filters) -> Result<Box<dyn tantivy::query::Query>> {
        let req = SearchRequest {
            filters: filters.clone(),
            ..SearchRequest::new("")
        };
        let prepared = self.prepare(&req)?;
        Ok(prepared
            .union
            .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery)))
    }

    /// What the notices read.
    fn view(&self) -> notices::View<'_> {
        notices::View {
            searcher: &self.searcher,
            fields: self.store.fields(),
            indexed: &self.indexed,
        }
    }

    /// The view of the index this session reads.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// Runs one search: the page of hits `req` asks for, the counts, the notices.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        self.run(req).map_err(|e| self.store.name_damage(e))
    }

    fn run(&self, req: &SearchRequest) -> Result<SearchResults> {
        let req = req.as_run();
        let req = &*req;
        let started = Instant::now();
        let prepared = self.prepare(req)?;
        let tally = self.tally(req, &prepared)?;
        let limit = req.limit.max(1);
        // Copies of one question collapse into one hit, and grouping passes over
        // passages: take candidates to spare (more pages follow when they run out).
        let first_page = (req.offset + limit) * 2 + 8;
        let plan = self.plan(req, &prepared, first_page, tally.as_ref());
        let mut hits = Vec::with_capacity(limit);
        let mut walked = walk::walk(&self.store, &self.searcher, &self.kept, &plan, &mut |hit| {
            hits.push(hit);
            Ok(hits.len() < limit)
        })?;
        let tally = tally.or(walked.tally.take());
        let total = self.total(&prepared, tally.as_ref(), &walked)?;
        let notices = notices::closing(self.view(), &prepared, &hits, total)?;
        let facets = match (&tally, req.facets) {
            (Some(t), true) => Some(Facets::of(t, FACET_SIZE)),
            _ => None,
        };
        Ok(SearchResults {
            query: req.query.clone(),
            unit: req.unit(),
            total,
            total_questions: tally.as_ref().map(|t| t.shown),
            offset: req.offset,
            sort: req.sort,
            took_ms: millis(started),
            hits,
            facets,
            notices,
        })
    }

    /// Every hit of a search (from `offset` on, `limit` aside), in order, each handed to
    /// `each` as soon as it is made: memory does not grow with the number of hits.
    /// Matches are walked a page at a time after a cursor; nothing is held once handed
    /// over but a few bytes a question for grouping.
    pub fn search_each(
        &self,
        req: &SearchRequest,
        each: impl FnMut(Hit) -> Result<()>,
    ) -> Result<Streamed> {
        self.run_each(req, each)
            .map_err(|e| self.store.name_damage(e))
    }

    fn run_each(
        &self,
        req: &SearchRequest,
        mut each: impl FnMut(Hit) -> Result<()>,
    ) -> Result<Streamed> {
        let req = req.as_run();
        let req = &*req;
        let started = Instant::now();
        let prepared = self.prepare(req)?;
        let tally = self.tally(req, &prepared)?;
        let plan = self.plan(req, &prepared, walk::STREAM_PAGE, tally.as_ref());
        // The first hits, for the notices (a corrected word is shown as they write it).
        let mut first = Vec::new();
        let mut written = 0;
        let mut walked = walk::walk(&self.store, &self.searcher, &self.kept, &plan, &mut |hit| {
            if first.len() < 10 {
                first.push(hit.clone());
            }
            written += 1;
            each(hit)?;
            Ok(true)
        })?;
        let tally = tally.or(walked.tally.take());
        let total = self.total(&prepared, tally.as_ref(), &walked)?;
        Ok(Streamed {
            unit: req.unit(),
            total,
            total_questions: tally.as_ref().map(|t| t.shown),
            written,
            took_ms: millis(started),
            notices: notices::closing(self.view(), &prepared, &first, total)?,
        })
    }

    fn prepare(&self, req: &SearchRequest) -> Result<Prepared> {
        let vocabulary = if req.expand.vocabulary {
            Some(self.vocabulary()?)
        } else {
            None
        };
        query::prepare(
            &self.store,
            &self.searcher,
            &self.analyzer,
            &self.listed,
            vocabulary,
            req,
        )
    }

    /// The vocabulary, analyzed once a session; a user's file that cannot be read or
    /// parsed is an error of every search that widens with it.
    fn vocabulary(&self) -> Result<&query::VocabularyIndex> {
        let built = self.vocabulary.get_or_init(|| {
            let file = self.store.vocabulary_file();
            let text = match &file {
                Some(path) => match std::fs::read_to_string(path) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        return Err(format!(
                            "the vocabulary {} cannot be read ({e})",
                            path.display()
                        ));
                    }
                },
                None => None,
            };
            let name = file.as_ref().map(|p| p.display().to_string());
            query::VocabularyIndex::new(&self.analyzer, name.as_deref().zip(text.as_deref()))
        });
        built
            .as_ref()
            .map_err(|e| crate::error::Error::usage(e.clone()))
    }

    /// What a walk needs besides the tiers.
    fn plan<'p>(
        &'p self,
        req: &SearchRequest,
        prepared: &'p Prepared,
        first_page: usize,
        tally: Option<&'p Tally>,
    ) -> Plan<'p> {
        Plan {
            tiers: &prepared.tiers,
            sort: req.sort,
            first_page,
            per_question: req.per_question(),
            questions: req.questions,
            offset: req.offset,
            count: tally.is_none(),
            tally,
            tally_first: (tally.is_none()
                && (req.questions || req.facets)
                && prepared.tiers.len() == 1)
                .then_some(req.facets),
            highlighter: &prepared.highlighter,
            analyzer: &self.indexed,
        }
    }

    /// The tally of matching questions, when the request needs it and the walk does not
    /// make it with its first page (a query of two tiers: the tally is of both).
    fn tally(&self, req: &SearchRequest, prepared: &Prepared) -> Result<Option<Tally>> {
        if !(req.questions || req.facets) || prepared.tiers.len() == 1 {
            return Ok(None);
        }
        let Some(union) = &prepared.union else {
            return Ok(Some(Tally::default()));
        };
        Ok(Some(
            self.searcher
                .search(union.as_ref(), &Tallier { names: req.facets })?,
        ))
    }

    /// Matching passages: from the tally, from the first pages, or counted now.
    fn total(&self, prepared: &Prepared, tally: Option<&Tally>, walked: &Walked) -> Result<usize> {
        if let Some(t) = tally {
            return Ok(t.documents);
        }
        match (prepared.tiers.len(), walked.counts.as_slice()) {
            (1, [Some(all)]) => Ok(*all),
            (2, [Some(all), Some(some)]) => Ok(all + some),
            // The second tier was not walked (the first gave enough): count every match.
            _ => match &prepared.union {
                Some(union) => Ok(self.searcher.search(union.as_ref(), &Count)?),
                None => Ok(0),
            },
        }
    }
}

/// Runs one search against an open index (a [`Session`] of one search).
///
/// ```
/// # fn main() -> vraagbaak::Result<()> {
/// # let dir = tempfile::tempdir().map_err(|e| vraagbaak::Error::io("temp", e))?;
/// # let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
/// # vraagbaak::index_paths(&dir.path().join("index"), &[corpus], &Default::default())?;
/// use vraagbaak::{Filters, SearchRequest, Store, search};
///
/// let store = Store::open(&dir.path().join("index"))?;
/// // Every passage about `beroepsgeheim`, answered by minister Demir, since 2022.
/// let request = SearchRequest {
///     filters: Filters {
///         minister: Some("demir".into()),
///         from: vraagbaak::parse::date::parse_iso("2022-01-01"),
///         ..Filters::default()
///     },
///     ..SearchRequest::new("beroepsgeheim")
/// };
/// let found = search(&store, &request)?;
/// let best = &found.hits[0];
/// assert_eq!(best.meta.minister.as_deref(), Some("Zuhal Demir"));
/// assert_eq!(best.meta.asker.as_deref(), Some("Maaike De Vreese"));
/// assert_eq!(best.meta.date.as_deref(), Some("2022-12-09"));
/// assert!(best.snippet.contains("<mark>beroepsgeheim</mark>"));
/// # Ok(())
/// # }
/// ```
pub fn search(store: &Store, req: &SearchRequest) -> Result<SearchResults> {
    Session::open(store)?.search(req)
}

/// Milliseconds since `started`, to the microsecond.
fn millis(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

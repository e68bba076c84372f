//! What a search asks for: the query, the filters on the question's fields, what the
//! query is widened with, how many hits in which order, and whether hits are passages or
//! questions.

use super::filters::Filters;
use serde::Serialize;

/// What a query is widened with beyond its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expansions {
    /// An acronym also finds its long forms, and a long form its acronym, as the index
    /// learned them.
    pub acronyms: bool,
    /// A word the index does not know is replaced by the nearest one it knows (and a
    /// name in a filter that matches nobody by the nearest name).
    pub typos: bool,
    /// A word that is the front of longer words (`jeugdhulp` of `jeugdhulpverlening`)
    /// also finds them, below the word itself.
    pub fronts: bool,
    /// With `acronyms`: the shipped list of Flemish and Belgian acronyms widens a query
    /// too, where the index learned nothing else for the acronym.
    pub listed_acronyms: bool,
    /// A term of the vocabulary (a synonym, a name that changed, a broader term) also
    /// finds the terms it names in other words, below the words as typed.
    pub vocabulary: bool,
    /// Question words among content words (`waarom`, `hoeveel`, `hoe lang`) weigh
    /// little and are not required.
    pub questions: bool,
    /// A compound or hyphenated word the index does not hold whole is searched by its
    /// parts (its head required), rather than finding nothing.
    pub parts: bool,
}

impl Default for Expansions {
    fn default() -> Self {
        Expansions::DEFAULT
    }
}

impl Expansions {
    /// Every widening: what a search uses unless told otherwise.
    pub const DEFAULT: Expansions = Expansions {
        acronyms: true,
        typos: true,
        fronts: true,
        listed_acronyms: true,
        vocabulary: true,
        questions: true,
        parts: true,
    };

    /// The words as typed: no acronyms, no corrections, no fronts, no vocabulary
    /// (`search --exact`).
    pub const NONE: Expansions = Expansions {
        acronyms: false,
        typos: false,
        fronts: false,
        listed_acronyms: false,
        vocabulary: false,
        questions: false,
        parts: false,
    };
}

/// The order of hits.
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

impl Sort {
    /// Every order, as the command line and the URL name them.
    pub const NAMES: [&'static str; 3] = ["relevance", "newest", "oldest"];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "newest" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            _ => Err(super::filters::not_one_of(s, &Sort::NAMES)),
        }
    }
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

/// A search to run. [`SearchRequest::new`] gives the defaults: 10 hits by relevance,
/// passages, every widening.
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

    /// Whether this is a list without a word: what the filters let through, a question
    /// an entry (shown by its opening passage), newest first unless sorted oldest first.
    pub fn is_listing(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// The request as it runs: itself, or a list without a word as such a list runs
    /// (see [`SearchRequest::is_listing`]).
    pub(crate) fn as_run(&self) -> std::borrow::Cow<'_, SearchRequest> {
        if !self.is_listing() {
            return std::borrow::Cow::Borrowed(self);
        }
        std::borrow::Cow::Owned(SearchRequest {
            questions: true,
            per_question: None,
            sort: match self.sort {
                Sort::Relevance => Sort::Newest,
                other => other,
            },
            ..self.clone()
        })
    }

    /// What each hit stands for.
    pub fn unit(&self) -> Unit {
        if self.questions {
            Unit::Question
        } else {
            Unit::Passage
        }
    }

    /// At most this many passages of one question are shown: one when hits are
    /// questions.
    pub(crate) fn per_question(&self) -> Option<usize> {
        if self.questions {
            Some(1)
        } else {
            self.per_question
        }
    }
}

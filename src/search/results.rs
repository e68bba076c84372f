//! What a search gives back: hits (a passage with its question's meta, a snippet and
//! what matched), and around them the counts, the order and what the user should know.

use super::facets::Facets;
use super::request::{Sort, Unit};
use crate::model::{Part, QuestionMeta};
use serde::Serialize;
use std::ops::Range;

/// One passage found (with `--questions`: a question, shown by its best passage).
///
/// In JSON the question's meta stands beside the passage's fields, as DESIGN.md's
/// contract has it: `rank`, `score`, `doc_id`, `number`, ..., `passage`, `snippet`.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f64,
    #[serde(flatten)]
    pub meta: QuestionMeta,
    pub part: Part,
    pub label: Option<String>,
    /// The page the passage starts on (a PDF), else `null`.
    pub page: Option<u32>,
    pub passage: String,
    /// The best part of the passage as HTML, matched words in `<mark>`.
    pub snippet: String,
    /// For a question passage: the labels of the answer passages that answer it.
    pub answers: Vec<String>,
    /// For an answer passage: the labels of the question items it answers.
    pub answered: Vec<String>,
    /// The same question put to other ministers (a joint answer): shown once, here.
    pub also_answered_by: Vec<QuestionMeta>,
    /// When hits are questions (and only then): how many of its passages match; this
    /// one is the best.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matching_passages: Option<u32>,
    /// Byte ranges of `passage` that matched.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
    /// Byte ranges of `topic` that matched.
    #[serde(skip)]
    pub topic_highlights: Vec<Range<usize>>,
}

/// What a search found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Whether hits are passages or questions.
    pub unit: Unit,
    /// Passages that match (not only the ones returned).
    pub total: usize,
    /// Questions that match, as hits show them (the copies of a question put to several
    /// ministers once), when counted (questions asked for, or facets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_questions: Option<usize>,
    /// Hits passed over before the first one returned.
    pub offset: usize,
    pub sort: Sort,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Matching questions per minister, year and asker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
    /// Things the user should know: words dropped, corrections, names that match nobody.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

/// What a streamed search ([`super::Session::search_each`]) found besides the hits it handed over.
#[derive(Debug, Clone, Serialize)]
pub struct Streamed {
    pub unit: Unit,
    /// Matching passages.
    pub total: usize,
    /// Matching questions, when questions were asked for.
    pub total_questions: Option<usize>,
    /// Hits handed over.
    pub written: usize,
    pub took_ms: f64,
    pub notices: Vec<Notice>,
}

/// Something a search says besides its hits (a correction, a phrase never closed), in
/// English for the command line and JSON, and in Dutch for the page. It reads as its
/// English text (`Deref<Target = str>`, `Display`, JSON a string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    english: String,
    dutch: String,
}

impl Notice {
    pub fn new(english: impl Into<String>, dutch: impl Into<String>) -> Notice {
        Notice {
            english: english.into(),
            dutch: dutch.into(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.english
    }

    /// The notice as the Dutch page says it.
    pub fn dutch(&self) -> &str {
        &self.dutch
    }
}

impl std::ops::Deref for Notice {
    type Target = str;

    fn deref(&self) -> &str {
        &self.english
    }
}

impl std::borrow::Borrow<str> for Notice {
    fn borrow(&self) -> &str {
        &self.english
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

impl PartialEq<&str> for Notice {
    fn eq(&self, other: &&str) -> bool {
        self.english == *other
    }
}

impl PartialEq<str> for Notice {
    fn eq(&self, other: &str) -> bool {
        self.english == other
    }
}

impl Serialize for Notice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.english)
    }
}

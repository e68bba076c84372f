//! Plain data: a parsed question with its passages. No I/O, no index, no terminal.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One written question with its answer, as parsed from a file.
///
/// A field the document does not give is `None` (serialised as `null`), never a guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id: the same file gives the same id on every run.
    pub doc_id: String,
    /// Path of the source file, as it was given to `index`.
    pub path: String,
    pub number: Option<u32>,
    /// Member who asked, in name case (`Maaike De Vreese`).
    pub asker: Option<String>,
    /// Minister who answers, in name case.
    pub minister: Option<String>,
    /// The minister's portfolio (`Vlaams minister van Justitie en Handhaving, ...`).
    pub portfolio: Option<String>,
    /// Date of the question, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The title, white space collapsed.
    pub topic: Option<String>,
    /// The question text, cleaned; paragraphs separated by a blank line.
    pub question: String,
    /// The answer text, cleaned; `None` when the file holds no answer.
    pub answer: Option<String>,
    /// Question and answer split into passages, in reading order.
    pub passages: Vec<Passage>,
}

/// Which part of the document a passage comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Question,
    Answer,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Question => "question",
            Part::Answer => "answer",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Part {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "question" => Ok(Part::Question),
            "answer" => Ok(Part::Answer),
            other => Err(format!(
                "unknown part `{other}`: expected `question` or `answer`"
            )),
        }
    }
}

/// A unit of search: a paragraph, a numbered item with its letter items, or a bullet
/// list with its lead-in. It reads on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub part: Part,
    /// The label it opens with, normalised (`1. a)`, `2. c) + d)`), if any.
    pub label: Option<String>,
    /// Position within the whole document, from 0.
    pub ordinal: u32,
    /// The cleaned text; paragraphs and list lines inside it separated by `\n`.
    pub text: String,
    /// For a question passage: the labels of the answer passages that answer it.
    #[serde(default)]
    pub answers: Vec<String>,
    /// For an answer passage: the labels of the question items it answers (`2. c)`).
    #[serde(default)]
    pub answered: Vec<String>,
}

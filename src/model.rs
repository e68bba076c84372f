//! Plain data: a parsed question with its passages. No I/O, no index, no terminal.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Who asked whom, when, about what, and where the question is: what every view of a
/// question shows (a hit, `show`, `similar`, the copies of a joint question), and what
/// the index stores beside its text. Views flatten it into their JSON, so its keys are
/// the keys of DESIGN.md's contract.
///
/// A field the document does not give is `None` (serialised as `null`), never a guess.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionMeta {
    /// Stable id: the same file gives the same id on every run.
    pub doc_id: String,
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
    /// Path of the source file, as it was given to `index`.
    pub path: String,
    /// Whether the text was recognised from page images (a scanned PDF).
    #[serde(default)]
    pub ocr: bool,
    /// From the parliament's record beside the document (its open data), where there
    /// is one: the themes, the session (`2022-2023`), the answer's date (ISO), the
    /// calendar days from the question's date to it, whether it came in time, and the
    /// link to the parliament's document.
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub answered_on: Option<String>,
    #[serde(default)]
    pub days_to_answer: Option<i64>,
    #[serde(default)]
    pub timely: Option<bool>,
    #[serde(default)]
    pub source_url: Option<String>,
    /// `open` (put, not answered yet) or `answered`: set when the question is read from
    /// the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// For an open question: days since it was asked, counted on the day it is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_open: Option<i64>,
}

/// Whether a question has its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Put to the minister; no answer yet.
    Open,
    Answered,
}

impl Status {
    pub const NAMES: [&'static str; 2] = ["open", "answered"];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Answered => "answered",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Status, String> {
        match s {
            "open" => Ok(Status::Open),
            "answered" => Ok(Status::Answered),
            _ => Err(format!("`{s}` is not one of open, answered")),
        }
    }
}

impl QuestionMeta {
    /// The name in this role, if the document gives it.
    pub fn name(&self, role: Role) -> Option<&str> {
        match role {
            Role::Minister => self.minister.as_deref(),
            Role::Asker => self.asker.as_deref(),
        }
    }
}

/// One written question with its answer, as parsed from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    #[serde(flatten)]
    pub meta: QuestionMeta,
    /// The question text, cleaned; paragraphs separated by a blank line.
    pub question: String,
    /// The answer text, cleaned; `None` when the file holds no answer.
    pub answer: Option<String>,
    /// Question and answer split into passages, in reading order.
    pub passages: Vec<Passage>,
}

impl Question {
    /// Answered when the document holds an answer or the record names an answering step.
    pub fn status(&self) -> Status {
        if self.answer.is_some() || self.meta.answered_on.is_some() {
            Status::Answered
        } else {
            Status::Open
        }
    }
}

/// The two people of a question, by what they do: filters, facets and notices name
/// them through this, not through strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The member who asked.
    Asker,
    /// The minister who answers.
    Minister,
}

impl Role {
    /// Both, in the order filters are applied and notices are given.
    pub const ALL: [Role; 2] = [Role::Minister, Role::Asker];

    /// `minister`, `asker`: as messages name the role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Minister => "minister",
            Role::Asker => "asker",
        }
    }

    /// `minister`, `vraagsteller`: as the Dutch page names the role.
    pub fn dutch(self) -> &'static str {
        match self {
            Role::Minister => "minister",
            Role::Asker => "vraagsteller",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
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

impl std::str::FromStr for Part {
    type Err = String;

    fn from_str(s: &str) -> Result<Part, String> {
        match s {
            "question" => Ok(Part::Question),
            "answer" => Ok(Part::Answer),
            _ => Err(format!("`{s}` is not one of question, answer")),
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// The page it starts on, from 1 (a PDF); `None` for a text file.
    #[serde(default)]
    pub page: Option<u32>,
}

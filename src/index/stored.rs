//! A question as the index stores it (one JSON record per question document), and back.

use crate::error::{Error, Result};
use crate::model::{Question, QuestionMeta};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A question as the index stores it: its meta and its texts; the passages are made
/// again from the texts ([`crate::parse::passages_of`]) instead of storing each text
/// twice. JSON.
#[derive(Serialize, Deserialize)]
pub(super) struct Record<'a> {
    meta: Cow<'a, QuestionMeta>,
    question: Cow<'a, str>,
    answer: Option<Cow<'a, str>>,
    /// The page each passage starts on, in passage order (a PDF); empty for text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pages: Vec<Option<u32>>,
}

impl<'a> Record<'a> {
    fn of(q: &'a Question) -> Record<'a> {
        Record {
            meta: Cow::Borrowed(&q.meta),
            question: Cow::Borrowed(&q.question),
            answer: q.answer.as_deref().map(Cow::Borrowed),
            pages: if q.passages.iter().any(|p| p.page.is_some()) {
                q.passages.iter().map(|p| p.page).collect()
            } else {
                Vec::new()
            },
        }
    }

    pub(super) fn into_question(self) -> Question {
        let mut passages = crate::parse::passages_of(&self.question, self.answer.as_deref());
        for (p, page) in passages.iter_mut().zip(&self.pages) {
            p.page = *page;
        }
        let mut q = Question {
            meta: self.meta.into_owned(),
            question: self.question.into_owned(),
            answer: self.answer.map(Cow::into_owned),
            passages,
        };
        // Whether it is answered, and for how long an open one has waited: counted on
        // the day it is read, not frozen when it was indexed.
        let status = q.status();
        q.meta.status = Some(status);
        q.meta.days_open = match status {
            crate::model::Status::Open => q
                .meta
                .date
                .as_deref()
                .and_then(crate::parse::date::parse_iso)
                .map(|asked| (time::OffsetDateTime::now_utc().date() - asked).whole_days()),
            crate::model::Status::Answered => None,
        };
        q
    }
}

/// The stored form of `q` (see [`Record`]).
pub(crate) fn record_json(q: &Question) -> Result<String> {
    serde_json::to_string(&Record::of(q)).map_err(|cause| Error::Encode {
        what: format!("question `{}`", q.meta.doc_id),
        cause,
    })
}

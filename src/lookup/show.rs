//! `show`: one question whole, as it was parsed, with the other copies of it (the same
//! question put to other ministers).

use crate::error::{Error, Result};
use crate::index::{Store, question_key};
use crate::model::{Question, QuestionMeta};
use serde::Serialize;

/// A question with the other copies of it.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub question: Question,
    /// The same question put to other ministers (a joint answer).
    pub linked: Vec<QuestionMeta>,
}

/// The whole question with this id, and the other copies of it.
///
/// ```
/// # fn main() -> vraagbaak::Result<()> {
/// # let dir = tempfile::tempdir().map_err(|e| vraagbaak::Error::io("temp", e))?;
/// # let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
/// # vraagbaak::index_paths(&dir.path().join("index"), &[corpus], &Default::default())?;
/// use vraagbaak::{SearchRequest, Store, search, show};
///
/// let store = Store::open(&dir.path().join("index"))?;
/// let found = search(&store, &SearchRequest::new("beroepsgeheim"))?;
/// let shown = show(&store, &found.hits[0].meta.doc_id)?;
/// assert_eq!(shown.question.meta.number, Some(257));
/// assert!(shown.question.answer.is_some());
/// // Every passage of the question and the answer, in reading order.
/// assert!(shown.question.passages.iter().any(|p| p.text.contains("beroepsgeheim")));
/// assert!(matches!(show(&store, "no-such-id"), Err(vraagbaak::Error::NotFound(_))));
/// # Ok(())
/// # }
/// ```
pub fn show(store: &Store, doc_id: &str) -> Result<Shown> {
    show_in(store, &store.reader()?.searcher(), doc_id)
}

/// [`show`] in this view of the index.
pub(crate) fn show_in(store: &Store, searcher: &tantivy::Searcher, doc_id: &str) -> Result<Shown> {
    let question = store
        .question(searcher, doc_id)?
        .ok_or_else(|| Error::NotFound(doc_id.to_string()))?;
    let linked = linked(store, searcher, &question)?;
    Ok(Shown { question, linked })
}

/// The other questions with the same text as `q` (a question put to several ministers).
fn linked(store: &Store, searcher: &tantivy::Searcher, q: &Question) -> Result<Vec<QuestionMeta>> {
    let Some(copy_key) = crate::parse::copy_key(&q.question) else {
        return Ok(Vec::new());
    };
    let own = question_key(&q.meta.doc_id);
    let mut out = Vec::new();
    for key in store.copies(searcher, copy_key)? {
        if key != own
            && let Some(other) = store.question_by_key(searcher, key)?
        {
            out.push(other.meta);
        }
    }
    Ok(out)
}

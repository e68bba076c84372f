//! Text of one document to a [`Question`]: a single question's layout (`layout.rs`) or
//! a bulletin's (`bulletin.rs`), what both share (`text.rs`), then the clean-up
//! (`clean.rs`) and the passages (`passages.rs`), their links (`links.rs`) and the pairs
//! the views render (`pairs.rs`). Dutch dates, name case and labels have a file each; the
//! parliament's open-data record beside a document is read by `record.rs`.

mod bulletin;
mod clean;
pub mod date;
mod error;
mod label;
mod layout;
mod links;
mod names;
mod pairs;
mod passages;
pub mod record;
mod text;

pub use clean::{Vocabulary, ends_sentence, paragraphs};
pub use error::ParseError;
pub use label::{Label, Opening, opening};
pub use links::{copy_key, items as passage_items};
pub use names::{name_case, portfolio_case};
pub use pairs::{Pair, linked, pairs};
pub use passages::{MAX_PASSAGE_CHARS, PARAGRAPH_BREAK, passages, passages_of};

use crate::model::Question;

/// Parses the text of one file: a single question (variant 1) or a bulletin of many
/// (variant 2). A single question's id is `file_id`; a bulletin's questions are
/// `file_id#1`, `file_id#2`, ... in the order they stand.
pub fn parse_document(text: &str, path: &str, file_id: &str) -> Result<Vec<Question>, ParseError> {
    let lines = text::lines_of(text);
    let bp = bulletin::patterns()?;
    if bulletin::is_bulletin(bp, &lines) {
        let found = bulletin::parse(bp, &lines, path, file_id);
        return if found.is_empty() {
            Err(ParseError::NoQuestion)
        } else {
            Ok(found)
        };
    }
    layout::single(&lines, path, file_id).map(|q| vec![q])
}

/// Parses the text of one variant-1 document. `path` and `doc_id` are carried into the
/// question as they are.
pub fn parse_question(text: &str, path: &str, doc_id: &str) -> Result<Question, ParseError> {
    layout::single(&text::lines_of(text), path, doc_id)
}

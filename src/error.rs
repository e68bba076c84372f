//! The library's typed error. Messages say what went wrong and what to do next.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the user: a query, a date, a flag value. Exit code 2.
    #[error("{0}")]
    Usage(String),

    #[error("no index at {path}; build it with `vraagbaak --index {path} index PATH...`", path = .0.display())]
    NoIndex(PathBuf),

    #[error(
        "the index at {path} was written by {found}, this is {expected}; rebuild it with `vraagbaak --index {path} index --rebuild PATH...`",
        path = .path.display()
    )]
    IncompatibleIndex {
        path: PathBuf,
        found: String,
        expected: String,
    },

    #[error(
        "the index at {path} is being written by another `vraagbaak index`{by}; wait for it to finish",
        path = .path.display(),
        by = .holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default()
    )]
    Locked {
        path: PathBuf,
        holder: Option<String>,
    },

    #[error("no question with id `{0}` in the index (search prints the ids)")]
    NotFound(String),

    #[error("{path}: {source}", path = .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Writing results failed (a full disk; a closed pipe ends the program quietly).
    #[error("writing the output: {0}")]
    Output(#[source] std::io::Error),

    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),

    #[error("the index is damaged: {0}; rebuild it with `vraagbaak index --rebuild PATH...`")]
    Damaged(String),

    #[error("stored question `{doc_id}` cannot be read: {source}")]
    Record {
        doc_id: String,
        #[source]
        source: serde_json::Error,
    },
}

impl Error {
    pub fn usage(msg: impl Into<String>) -> Error {
        Error::Usage(msg.into())
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Whether the error is the user's input rather than the machine's state.
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Usage(_))
    }
}

//! The library's typed error. Messages say what went wrong and what to do next, in one
//! line: each variant writes the message of what caused it into its own, and reports no
//! separate source, so that a chain printed whole says each thing once.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the user: a query, a date, a flag value. Exit code 2.
    #[error("{0}")]
    Usage(String),

    #[error("no index at {}; build it with `vraagbaak{} index FOLDER...`", shown(.0), index_flag(.0))]
    NoIndex(PathBuf),

    #[error(
        "the index at {} was written by {found}, this is {expected}; rebuild it with `vraagbaak{} index --rebuild FOLDER...`",
        shown(.path), index_flag(.path)
    )]
    IncompatibleIndex {
        path: PathBuf,
        found: String,
        expected: String,
    },

    #[error(
        "the index at {} is being written by another `vraagbaak index`{by}; wait for it to finish",
        shown(.path),
        by = .holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default()
    )]
    Locked {
        path: PathBuf,
        holder: Option<String>,
    },

    #[error("no question with id `{0}` in the index (search prints the ids)")]
    NotFound(String),

    #[error("{}: {cause}", .path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },

    /// The server could not listen on its address (taken, or not this machine's).
    #[error("cannot listen on {addr}: {cause}")]
    Listen { addr: String, cause: std::io::Error },

    /// Writing results failed (a full disk; a closed pipe ends the program quietly).
    #[error("writing the output: {0}")]
    Output(std::io::Error),

    #[error("index: {}", tantivy_reason(.0))]
    Index(tantivy::TantivyError),

    /// The index cannot be read as it should: its files were changed or cut short.
    #[error(
        "the index at {} is damaged ({what}); rebuild it with `vraagbaak{} index --rebuild FOLDER...`",
        shown(.path), index_flag(.path)
    )]
    Damaged { path: PathBuf, what: String },

    #[error(
        "the stored question `{doc_id}` in the index at {} cannot be read ({cause}); rebuild the index with `vraagbaak{} index --rebuild FOLDER...`",
        shown(.path), index_flag(.path)
    )]
    Record {
        path: PathBuf,
        doc_id: String,
        cause: serde_json::Error,
    },

    /// Something could not be put into JSON for the index (a bug to report).
    #[error("{what} cannot be written as JSON ({cause}); please report this bug")]
    Encode {
        what: String,
        cause: serde_json::Error,
    },
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Error {
        Error::Index(e)
    }
}

/// Whether a tantivy error says the index's files are not as tantivy wrote them (cut
/// short, changed, missing), rather than that a request was wrong.
pub(crate) fn is_damage(e: &tantivy::TantivyError) -> bool {
    use tantivy::TantivyError as T;
    matches!(
        e,
        T::DataCorruption(_)
            | T::OpenReadError(_)
            | T::IoError(_)
            | T::OpenDirectoryError(_)
            | T::IncompatibleIndex(_)
    )
}

impl Error {
    pub fn usage(msg: impl Into<String>) -> Error {
        Error::Usage(msg.into())
    }

    pub fn io(path: impl Into<PathBuf>, cause: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            cause,
        }
    }

    /// Whether the error is the user's input rather than the machine's state.
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Usage(_))
    }

    /// The kind of the I/O error behind this one, if there is one (a closed pipe ends a
    /// program quietly).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            Error::Io { cause, .. } | Error::Output(cause) => Some(cause.kind()),
            _ => None,
        }
    }
}

/// What tantivy says went wrong, each thing once: its data corruption error writes
/// "Data corrupted: 'Data corruption (in file `\"x\"`): ...'" (its message around its
/// debug form); this gives "data corruption in x: ...".
pub(crate) fn tantivy_reason(e: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::OpenReadError as R;
    let dc = match e {
        T::DataCorruption(dc) => dc,
        T::OpenReadError(R::IoError { io_error, filepath }) => {
            return format!("cannot read {}: {io_error}", filepath.display());
        }
        T::OpenReadError(R::FileDoesNotExist(path)) => {
            return format!("{} is missing", path.display());
        }
        T::IoError(io) => return io.to_string(),
        _ => return e.to_string(),
    };
    let debug = format!("{dc:?}");
    let rest = debug.strip_prefix("Data corruption").unwrap_or(&debug);
    let (file, comment) = match rest.strip_prefix(" (in file `") {
        Some(r) => match r.split_once("`): ") {
            Some((file, comment)) => (Some(file.trim_matches('"')), comment),
            None => (None, r),
        },
        None => (None, rest.trim_start_matches(':').trim_start()),
    };
    let comment = comment.trim_end_matches('.');
    match file {
        Some(f) => format!("data corruption in {f}: {comment}"),
        None => format!("data corruption: {comment}"),
    }
}

/// A path as messages show it: a relative one that does not say so gets `./`
/// (`./index`, not `index`).
pub(crate) fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if path.is_relative() && !text.starts_with('.') && !text.starts_with('~') {
        format!("./{text}")
    } else {
        text
    }
}

/// The index a command reaches without `--index`, as the program using the library says
/// ([`set_default_index`]); the library itself knows no default location.
static DEFAULT_INDEX: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Tells the messages which index needs no `--index` to name it (the command line's
/// default, `./index`). Set once; later calls change nothing.
pub fn set_default_index(path: &Path) {
    let _ = DEFAULT_INDEX.set(path.to_path_buf());
}

/// What a command must add to name this index: nothing for the default one,
/// `--index DIR` for any other (quoted for the shell where it needs it).
fn index_flag(path: &Path) -> String {
    if let Some(default) = DEFAULT_INDEX.get()
        && (path == default || path == Path::new(".").join(default))
    {
        return String::new();
    }
    let text = path.display().to_string();
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+,:@".contains(c));
    if plain {
        format!(" --index {text}")
    } else {
        format!(" --index '{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_names_the_index_in_use() {
        set_default_index(Path::new("index"));
        let other = Error::NoIndex(PathBuf::from("/data/idx"));
        assert_eq!(
            other.to_string(),
            "no index at /data/idx; build it with `vraagbaak --index /data/idx index FOLDER...`"
        );
        let default = Error::NoIndex(PathBuf::from("index"));
        assert_eq!(
            default.to_string(),
            "no index at ./index; build it with `vraagbaak index FOLDER...`"
        );
        let spaced = Error::Damaged {
            path: PathBuf::from("my idx"),
            what: "meta.json is empty".into(),
        };
        assert!(
            spaced
                .to_string()
                .contains("`vraagbaak --index 'my idx' index --rebuild FOLDER...`"),
            "{spaced}"
        );
    }

    #[test]
    fn no_error_reports_a_source_it_already_wrote() {
        use std::error::Error as _;
        let io = Error::io("x.txt", std::io::Error::other("disk full"));
        assert!(io.source().is_none());
        assert_eq!(io.io_kind(), Some(std::io::ErrorKind::Other));
        let tantivy = Error::from(tantivy::TantivyError::InvalidArgument("bad".into()));
        assert!(tantivy.source().is_none());
    }

    #[test]
    fn tantivys_data_corruption_is_said_once() {
        use tantivy::error::DataCorruption;
        let e = tantivy::TantivyError::DataCorruption(DataCorruption::new(
            PathBuf::from("abc.idx"),
            "Footer is too short".into(),
        ));
        assert_eq!(
            tantivy_reason(&e),
            "data corruption in abc.idx: Footer is too short"
        );
        let e = tantivy::TantivyError::DataCorruption(DataCorruption::comment_only("bad"));
        assert_eq!(tantivy_reason(&e), "data corruption: bad");
        assert_eq!(
            Error::from(e).to_string(),
            "index: data corruption: bad",
            "one word of corruption"
        );
    }
}

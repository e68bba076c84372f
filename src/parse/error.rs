//! Why a text yields no question.

/// Why a text yields no question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("no question found")]
    NoQuestion,
    /// The layout's own patterns do not compile: a bug, reported per file, not a panic.
    #[error("the layout patterns of vraagbaak do not compile ({0}); please report this bug")]
    Patterns(String),
}

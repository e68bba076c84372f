//! What an index records of its analysis: the analyzer's version and options, and how
//! a compound's front is marked among the terms.

use serde::{Deserialize, Serialize};

/// Changes whenever analysis changes what is indexed: an index written with another
/// version must be rebuilt.
pub const ANALYZER_VERSION: u32 = 5;

/// Ends the term of a compound's front (`jeugdhulp` in `jeugdhulpverlening`): a term of
/// its own, so that a query can weigh a front below the word itself.
pub const FRONT_MARK: char = '\u{1}';

/// The term a front is indexed as.
pub fn front_term(term: &str) -> String {
    format!("{term}{FRONT_MARK}")
}

/// Tokens longer than this (in bytes) are not indexed: they are URLs or garbage.
pub(super) const MAX_TOKEN_LEN: usize = 64;

/// Options of the Dutch analyzer. An index records the options it was written with, and
/// its searches analyze queries the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzerOptions {
    /// Fix Porter's known gaps (plurals in `-ies`, `-es`, doubled consonants, irregulars).
    pub stem_fixes: bool,
    /// With the fixes: the `s`/`z` and `f`/`v` of plurals (`huizen`/`huis`,
    /// `bedrijven`/`bedrijf`) and the `-ele`/`-ale` forms of `-eel`/`-aal` adjectives
    /// (`financiële`/`financieel`) meet.
    #[serde(default)]
    pub alternations: bool,
    /// Index the known words a compound is made of beside the compound, at its position
    /// (at index time only: a query for `geheim` finds `beroepsgeheim`, not the reverse).
    pub compounds: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions::DEFAULT
    }
}

impl AnalyzerOptions {
    /// Everything on: what an index is written with unless told otherwise.
    pub const DEFAULT: AnalyzerOptions = AnalyzerOptions {
        stem_fixes: true,
        alternations: true,
        compounds: true,
    };

    /// Porter's algorithm alone: the baseline the evaluation starts from.
    pub const PLAIN: AnalyzerOptions = AnalyzerOptions {
        stem_fixes: false,
        alternations: false,
        compounds: false,
    };

    /// The same options without compound parts: how queries are analyzed.
    pub fn for_queries(self) -> AnalyzerOptions {
        AnalyzerOptions {
            compounds: false,
            ..self
        }
    }
}

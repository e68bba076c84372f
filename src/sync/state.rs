//! What a sync remembers between runs, in a small file in the corpus folder
//! (`.vraagbaak-sync`, JSON; hidden, so the indexer passes it over): the last
//! publication date seen, and per record its files, its `last_modified` and how its
//! document stands. Written whole under another name, then renamed.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The state file's name in the corpus folder.
pub const STATE_FILE: &str = ".vraagbaak-sync";
const VERSION: u32 = 1;

/// How a question's document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    /// Fetched and kept.
    Fetched,
    /// No document linked yet (an open question, most often).
    None,
    /// Linked, but not fetched (it failed; tried again next run).
    Failed,
}

/// One record as the last run left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The files' path in the corpus without extension (`2023-2024/sv-77-1791077`).
    pub stem: String,
    /// The listing's `last_modified` when the record was fetched.
    pub last_modified: Option<String>,
    /// False while the record itself has not been fetched whole (tried next run).
    pub record: bool,
    pub document: Document,
    /// The document's link, where known.
    pub document_url: Option<String>,
    /// The session and number, for the file names.
    pub session: Option<String>,
    pub number: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// The address the records came from.
    pub api: Option<String>,
    /// The latest publication date a finished run listed up to.
    pub listed_until: Option<String>,
    /// Per record id.
    pub records: BTreeMap<String, Entry>,
}

impl State {
    pub fn path(corpus: &Path) -> PathBuf {
        corpus.join(STATE_FILE)
    }

    /// The state in `corpus`, or a new one where there is none.
    pub fn load(corpus: &Path) -> Result<State> {
        let path = State::path(corpus);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let state: State = serde_json::from_slice(&bytes).map_err(|e| {
                    Error::usage(format!(
                        "{} is not a sync state ({e}); move it away to start again",
                        path.display()
                    ))
                })?;
                Ok(state)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State {
                version: VERSION,
                ..State::default()
            }),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Writes the state, whole or not at all.
    pub fn save(&self, corpus: &Path) -> Result<()> {
        let bytes = serde_json::to_vec(self)
            .map_err(|e| Error::usage(format!("the sync state cannot be written ({e})")))?;
        super::write_whole(&State::path(corpus), &bytes)
    }
}

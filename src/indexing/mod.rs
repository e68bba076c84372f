//! The indexing run, apart from the store it writes (`index/`): plan what changed since
//! the last commit and run (`run.rs`), read and parse files on worker threads
//! (`read.rs`), apply what they found (`apply.rs`), options and the report
//! (`report.rs`). A run killed at any moment leaves the last commit; the next run
//! finishes the job.

mod apply;
mod read;
mod report;
mod run;

pub use crate::index::MIN_MEMORY_MB;
pub use report::{DEFAULT_MEMORY_MB, Incomplete, IndexOptions, IndexReport, Progress, Quiet};
pub use run::{index_paths, index_paths_with};

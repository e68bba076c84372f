//! Who wrote an index: `vraagbaak.json` beside tantivy's files (format, analyzer,
//! lexicon), checked on opening; another version is refused with the command that
//! rebuilds it. Also what a folder must hold to become an index.

use crate::analysis::{self, AnalyzerOptions};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// Changes whenever the schema or what is stored changes.
pub const FORMAT_VERSION: u32 = 17;
/// A user's vocabulary in the index folder, read by every search of the index.
pub const VOCABULARY_FILE: &str = "vocabulary.txt";
/// The file in the index folder that records who wrote the index.
pub const META_FILE: &str = "vraagbaak.json";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Meta {
    format: u32,
    analyzer: u32,
    /// The analyzer's options: queries must be analyzed the same way.
    #[serde(default)]
    options: AnalyzerOptions,
    /// A hash of the list of known words compounds are cut into: another list cuts
    /// other parts, so the index must be rebuilt.
    #[serde(default)]
    lexicon: u64,
    /// A hash of the shipped acronym list of the binary that wrote the index. The list
    /// widens queries only, so another list needs no rebuild; this says which one it was.
    #[serde(default)]
    acronym_list: u64,
    written_by: String,
}

impl Meta {
    fn current() -> Meta {
        Meta::with(AnalyzerOptions::default())
    }

    fn with(options: AnalyzerOptions) -> Meta {
        Meta {
            format: FORMAT_VERSION,
            analyzer: analysis::ANALYZER_VERSION,
            options,
            lexicon: crate::source::fnv1a(analysis::compound::LEXICON.as_bytes()),
            acronym_list: crate::source::fnv1a(analysis::long_forms::LIST.as_bytes()),
            written_by: format!("vraagbaak {}", env!("CARGO_PKG_VERSION")),
        }
    }

    fn describe(&self) -> String {
        format!(
            "{} (index format {}, analyzer {}, lexicon {:08x})",
            self.written_by,
            self.format,
            self.analyzer,
            self.lexicon >> 32
        )
    }
}

/// Whether `path` holds a tantivy index.
pub fn exists(path: &Path) -> bool {
    path.join("meta.json").is_file()
}

/// When the index at `path` was last written, if it exists.
pub fn last_written(path: &Path) -> Option<SystemTime> {
    fs::metadata(path.join(META_FILE)).ok()?.modified().ok()
}

pub(super) fn read_meta(path: &Path) -> Result<Meta> {
    let file = path.join(META_FILE);
    let bytes = match fs::read(&file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::IncompatibleIndex {
                path: path.to_path_buf(),
                found: "another program or an unknown version".to_string(),
                expected: Meta::current().describe(),
            });
        }
        Err(e) => return Err(Error::io(file, e)),
    };
    serde_json::from_slice(&bytes).map_err(|_| Error::IncompatibleIndex {
        path: path.to_path_buf(),
        found: "an unknown version".to_string(),
        expected: Meta::current().describe(),
    })
}

/// The analyzer options of the index at `path`, when this version can read it.
pub(super) fn check_meta(path: &Path) -> Result<AnalyzerOptions> {
    let meta = read_meta(path)?;
    let now = Meta::current();
    if meta.format != now.format || meta.analyzer != now.analyzer || meta.lexicon != now.lexicon {
        return Err(Error::IncompatibleIndex {
            path: path.to_path_buf(),
            found: meta.describe(),
            expected: now.describe(),
        });
    }
    Ok(meta.options)
}

/// Writes the metadata file atomically (a temporary file renamed over it): a search
/// that opens the index meanwhile reads the old file or the new, never half of one.
pub(crate) fn write_meta(path: &Path, options: AnalyzerOptions) -> Result<()> {
    let file = path.join(META_FILE);
    let tmp = path.join(format!(".{META_FILE}.tmp"));
    let json = serde_json::to_vec_pretty(&Meta::with(options)).map_err(|cause| Error::Encode {
        what: format!("the metadata of the index at {}", path.display()),
        cause,
    })?;
    fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, &file).map_err(|e| Error::io(file, e))
}

/// Removes the files of an index that cannot be opened (another version): the ones
/// tantivy lists as its own, and its metadata. Other files in the folder stay.
pub(super) fn remove_index_files(path: &Path) -> Result<()> {
    let managed = path.join(".managed.json");
    let mut names: Vec<String> = fs::read(&managed)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    names.extend(["meta.json", ".managed.json", META_FILE].map(String::from));
    for name in names {
        let file = path.join(&name);
        match fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(file, e)),
        }
    }
    Ok(())
}

/// A new index goes into a missing or empty folder (a `.gitignore` and tantivy's lock
/// files aside): never among
/// a user's own files, as `--index corpus` by mistake would.
pub(super) fn refuse_foreign_files(path: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(path) else {
        return Ok(()); // missing: created next
    };
    let foreign = entries.filter_map(|e| e.ok()).find(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        // Ours too: a run that stopped between writing them and creating the index.
        // tantivy's list of its files, left when its files were deleted by hand.
        let ours = [".gitignore", ".managed.json", META_FILE, "writer.json"]
            .contains(&name.as_ref())
            || name.starts_with(".tantivy-")
            || name.starts_with(&format!(".{META_FILE}"));
        !ours
    });
    match foreign {
        Some(e) => Err(Error::usage(format!(
            "{} is not an index and not empty (it holds {}); choose another folder for --index",
            crate::error::shown(path),
            e.file_name().to_string_lossy()
        ))),
        None => Ok(()),
    }
}

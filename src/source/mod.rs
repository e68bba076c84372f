//! Finding the files to index and reading them as text: folder walks, decoding
//! (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252), and the reasons a file is
//! skipped.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walkdir::WalkDir;

/// Files larger than this are skipped: no document is this large.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as the user would write it (`corpus/x.txt`).
    pub path: PathBuf,
    /// The absolute path, links resolved: the file's identity.
    pub canonical: PathBuf,
    /// Size in bytes and modification time (nanoseconds since 1970) when walked: the
    /// quick check of whether a file changed.
    pub size: u64,
    pub mtime: u64,
    /// The parliament's record of the question beside it (`X.json` beside `X.txt`),
    /// read with it. `size` and `mtime` then count the record too (sizes summed, the
    /// later time), so that a record changed, added or removed alone is a change.
    pub record: Option<PathBuf>,
}

impl SourceFile {
    /// The path for display: as given, without a leading `./`.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// The stable id of the question in this file: its name, then a hash of its
    /// absolute path, so that the same file gets the same id on every run.
    pub fn doc_id(&self) -> String {
        doc_id_for(&self.canonical)
    }
}

/// The stable id for the file at `canonical`.
pub fn doc_id_for(canonical: &Path) -> String {
    let stem = canonical
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let hash = fnv1a(canonical.to_string_lossy().as_bytes());
    format!("{stem}-{:08x}", hash & 0xffff_ffff)
}

/// FNV-1a, 64 bits: small, and stable across Rust versions (unlike `DefaultHasher`).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.write(bytes);
    h.finish()
}

/// FNV-1a fed piece by piece: `write(a); write(b)` hashes as `fnv1a(a ++ b)`.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// A path for display, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// A file or folder that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What a walk over the given paths found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<SourceFile>,
    pub skipped: Vec<Skipped>,
    /// Paths that were named but do not exist.
    pub missing: Vec<String>,
    /// Files that are neither `.txt` nor `.pdf` and were passed over.
    pub other_files: usize,
    /// The named folders, absolute: the files of the index under them that were not
    /// found again are gone.
    pub roots: Vec<PathBuf>,
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("pdf"))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "unreadable: permission denied".to_string(),
        std::io::ErrorKind::NotFound => "unreadable: not found".to_string(),
        _ => format!("unreadable: {e}"),
    }
}

/// A folder a walk leaves out, as it is on disk (links resolved): the index, when it lies
/// inside a folder being indexed.
struct LeftOut(Option<PathBuf>);

impl LeftOut {
    fn new(folder: Option<&Path>) -> LeftOut {
        LeftOut(folder.map(|f| fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf())))
    }

    fn holds(&self, e: &walkdir::DirEntry) -> bool {
        self.0.as_ref().is_some_and(|out| {
            e.file_type().is_dir() && fs::canonicalize(e.path()).is_ok_and(|c| c == *out)
        })
    }
}

/// Walks the given files and folders (recursively, links followed, in name order),
/// leaving out the folder `leave_out` (the index, which may lie inside the corpus).
/// A named file is taken whatever its extension; in folders, `.txt` and `.pdf` files (any
/// case) and records alone, hidden files and folders passed over.
pub fn walk(paths: &[PathBuf], leave_out: Option<&Path>) -> Walk {
    let left_out = LeftOut::new(leave_out);
    let mut w = Walk::default();
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                w.missing.push(display_path(root));
                continue;
            }
            Err(e) => {
                w.skipped.push(Skipped {
                    path: display_path(root),
                    reason: io_reason(&e),
                });
                continue;
            }
        };
        if meta.is_file() {
            push_file(&mut w, root.clone());
            continue;
        }
        if !meta.is_dir() {
            w.skipped.push(Skipped {
                path: display_path(root),
                reason: "not a regular file".to_string(),
            });
            continue;
        }
        if let Ok(c) = fs::canonicalize(root) {
            w.roots.push(c);
        }
        let entries = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            // Hidden files and folders (a sync's state, files being written) are not
            // documents.
            .filter_entry(|e| !left_out.holds(e) && !hidden(e));
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if is_document(e.path()) || is_lone_record(e.path()) {
                        push_file(&mut w, e.into_path());
                    } else if !is_record_of_a_document(e.path()) {
                        w.other_files += 1;
                    }
                }
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    // A pipe, socket or device: reading it could block for ever.
                    if is_document(e.path()) {
                        w.skipped.push(Skipped {
                            path: display_path(e.path()),
                            reason: "not a regular file".to_string(),
                        });
                    } else {
                        w.other_files += 1;
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(display_path)
                        .unwrap_or_else(|| display_path(root));
                    let broken_link = e
                        .io_error()
                        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                        && e.path().is_some_and(|p| p.symlink_metadata().is_ok());
                    let reason = if e.loop_ancestor().is_some() {
                        "link loop".to_string()
                    } else if broken_link {
                        "broken link".to_string()
                    } else if let Some(io) = e.io_error() {
                        io_reason(io)
                    } else {
                        e.to_string()
                    };
                    w.skipped.push(Skipped { path, reason });
                }
            }
        }
    }
    w
}

/// Nanoseconds since 1970 of a modification time (0 when the system gives none).
pub fn mtime_nanos(meta: &fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The record beside a document: the same name with `.json`.
pub fn record_beside(document: &Path) -> Option<PathBuf> {
    let record = document.with_extension("json");
    (record != document && record.is_file()).then_some(record)
}

/// Whether `path` is the record of a document beside it (read with the document, not
/// passed over).
fn is_record_of_a_document(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
        && ["txt", "pdf", "TXT", "PDF"]
            .iter()
            .any(|e| path.with_extension(e).is_file())
}

/// A hidden file or folder below a walked folder (the folder itself may be hidden).
fn hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.')
}

/// Whether `path` is the parliament's record of a question whose document is not here
/// (not yet answered, most often): a question of its own, indexed from the record.
pub fn is_lone_record(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        && !is_record_of_a_document(path)
}

fn push_file(w: &mut Walk, path: PathBuf) {
    let found = fs::canonicalize(&path).and_then(|c| Ok((fs::metadata(&c)?, c)));
    match found {
        Ok((meta, canonical)) => {
            let record = record_beside(&canonical);
            let (mut size, mut mtime) = (meta.len(), mtime_nanos(&meta));
            if let Some(r) = record.as_ref().and_then(|r| fs::metadata(r).ok()) {
                size += r.len();
                mtime = mtime.max(mtime_nanos(&r));
            }
            w.files.push(SourceFile {
                path,
                canonical,
                size,
                mtime,
                record,
            })
        }
        Err(e) => w.skipped.push(Skipped {
            path: display_path(&path),
            reason: io_reason(&e),
        }),
    }
}

/// Reads a file's bytes (at most [`MAX_FILE_BYTES`]); the error is the reason to skip it.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| io_reason(&e))?;
    let len = file.metadata().map_err(|e| io_reason(&e))?.len();
    if len > MAX_FILE_BYTES {
        return Err(format!("too large ({} MB)", len / (1024 * 1024)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    Ok(bytes)
}

/// Reads a file and decodes it to text; the error is the reason to skip it.
pub fn read_text(path: &Path) -> Result<String, String> {
    decode(&read_bytes(path)?)
}

/// Decodes a file's bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252.
/// NUL bytes are dropped; a file that is mostly control bytes is `binary`.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("empty".to_string());
    }
    let (text, _, _) = if bytes.starts_with(&[0xFF, 0xFE]) {
        encoding_rs::UTF_16LE.decode(bytes)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE.decode(bytes)
    } else {
        if looks_binary(bytes) {
            return Err("binary".to_string());
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (std::borrow::Cow::Borrowed(s), encoding_rs::UTF_8, false),
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes),
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text.to_string()
    };
    if text.trim().is_empty() {
        return Err("empty".to_string());
    }
    Ok(text)
}

/// Whether the first 8 KiB hold more control bytes than text ever has.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 20 > head.len()
}

/// The newest modification time of a folder tree (files and folders) but the folder
/// `leave_out` (the index), for telling whether an index is older than its corpus.
pub fn newest_mtime(root: &Path, leave_out: Option<&Path>) -> Option<SystemTime> {
    let left_out = LeftOut::new(leave_out);
    WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| !left_out.holds(e))
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_encodings_users_have() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFfinanci\xC3\xABn").as_deref(),
            Ok("financiën")
        );
        assert_eq!(decode(b"financi\xEBn").as_deref(), Ok("financiën"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("financiën".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Ok("financiën"));
        assert_eq!(
            decode(b"een tekst met een\0 NUL erin").as_deref(),
            Ok("een tekst met een NUL erin")
        );
    }

    #[test]
    fn empty_and_binary_files_are_reasons() {
        assert_eq!(decode(b""), Err("empty".to_string()));
        assert_eq!(decode(b"  \n "), Err("empty".to_string()));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        assert_eq!(decode(png), Err("binary".to_string()));
    }

    #[test]
    fn doc_ids_are_stable_and_readable() {
        let a = doc_id_for(Path::new("/data/corpus/sv-2022-257.txt"));
        assert_eq!(a, doc_id_for(Path::new("/data/corpus/sv-2022-257.txt")));
        assert!(a.starts_with("sv-2022-257-"), "{a}");
        assert_ne!(a, doc_id_for(Path::new("/other/corpus/sv-2022-257.txt")));
    }
}

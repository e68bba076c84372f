//! PDFs: read in a worker process ([`worker`]), glyphs to text by their positions
//! ([`layout`]), and the page each passage starts on ([`assign_pages`]).

pub mod layout;
pub mod ocr;
pub mod read;
pub mod worker;

pub use layout::Laid;
pub use worker::{Extractor, Limits};

use crate::model::Question;
use std::path::Path;

/// What the worker gives for one PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    pub laid: Laid,
    /// Whether the text was recognised from page images.
    pub ocr: bool,
}

/// Whether a path names a PDF (by its extension, any case).
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Whether a file is read as a PDF: by its name, or (named on the command line with
/// another one) by its `%PDF-` header.
pub fn is_pdf_file(path: &Path, bytes: &[u8]) -> bool {
    is_pdf(path) || bytes.starts_with(b"%PDF-")
}

/// Reads and lays out the PDF at `path`, in this process: the worker's job.
pub fn extract_file(path: &Path) -> Result<Extracted, String> {
    let bytes = crate::source::read_bytes(path)?;
    extract(&bytes)
}

/// Reads and lays out a PDF from its bytes, in this process.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let doc = read::load(bytes)?;
    let pages = read::pages(&doc)?;
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        if pages.iter().any(|p| p.images) {
            if ocr::available() {
                return ocr::recognise(&doc, pages.len());
            }
            return Err("no text layer (a scan); install tesseract-ocr and \
                        tesseract-ocr-nld to have scans recognised"
                .into());
        }
        return Err("no text in the PDF".into());
    }
    Ok(Extracted {
        laid: layout::lay_out(&pages),
        ocr: false,
    })
}

/// Sets the page each passage starts on (from 1), by finding its text in the laid-out
/// text in order: letters and digits only, so that joined hyphens and wrapped lines do
/// not matter. Passages stand in reading order, so each is looked for after the one
/// before, within [`SEARCH_WINDOW`] letters (a 600-page bulletin stays linear); one
/// that cannot be found takes the page of the one before.
pub fn assign_pages(laid: &Laid, questions: &mut [Question]) {
    let (flat, page_at) = flatten(laid);
    let mut from = 0usize;
    for q in questions.iter_mut() {
        let mut last = None;
        for p in &mut q.passages {
            let key: Vec<char> = p
                .text
                .chars()
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric())
                .take(48)
                .collect();
            let found = if key.is_empty() {
                None
            } else {
                find(&flat, &key, from)
            };
            match found {
                Some(at) => {
                    from = at + key.len();
                    last = Some(page_at[at]);
                    p.page = last;
                }
                None => p.page = last,
            }
        }
    }
}

/// The letters and digits of the text, lower case, and for each the page it is on.
fn flatten(laid: &Laid) -> (Vec<char>, Vec<u32>) {
    let mut flat = Vec::with_capacity(laid.text.len());
    let mut page_at = Vec::with_capacity(laid.text.len());
    let mut page = 0u32;
    let mut next = laid.page_starts.iter().peekable();
    for (i, c) in laid.text.char_indices() {
        while next.peek().is_some_and(|&&s| s <= i) {
            next.next();
            page += 1;
        }
        for l in c.to_lowercase().filter(|c| c.is_alphanumeric()) {
            flat.push(l);
            page_at.push(page.max(1));
        }
    }
    (flat, page_at)
}

/// How far after the passage before a passage is looked for, in letters: more than the
/// running lines, headings and tables between two passages.
pub const SEARCH_WINDOW: usize = 20_000;

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.len() > hay.len() || from >= hay.len() {
        return None;
    }
    let last = (hay.len() - needle.len()).min(from.saturating_add(SEARCH_WINDOW));
    (from..=last).find(|&i| hay[i..i + needle.len()] == *needle)
}

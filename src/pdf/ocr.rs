//! Scans: pages that are images only, recognised by `tesseract` with its Dutch data when
//! they are on PATH (Debian: `tesseract-ocr`, `tesseract-ocr-nld`). Optional: without
//! them a scan is skipped with a hint. Runs in the worker, under its time limit.

use super::{Extracted, Laid, read};
use pdf_extract::Document;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Whether `tesseract` runs here and knows Dutch.
pub fn available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("tesseract")
            .arg("--list-langs")
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .is_ok_and(|o| {
                o.status.success()
                    && String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .any(|l| l.trim() == "nld")
            })
    })
}

/// The text of every page image, pages in order (a page without an image is empty).
pub fn recognise(doc: &Document, pages: usize) -> Result<Extracted, String> {
    let images = read::page_images(doc);
    if images.is_empty() {
        return Err("no text layer (a scan), and no image tesseract can read".into());
    }
    let dir = tempfile::tempdir().map_err(|e| format!("OCR: {e}"))?;
    let mut laid = Laid::default();
    for n in 1..=pages {
        if n > 1 {
            laid.text.push_str("\n\n\n\n");
        }
        laid.page_starts.push(laid.text.len());
        let Some((_, img)) = images.iter().find(|(p, _)| *p == n) else {
            continue;
        };
        let file = dir.path().join(format!("page-{n}.{}", img.extension));
        std::fs::write(&file, &img.bytes).map_err(|e| format!("OCR: {e}"))?;
        let out = Command::new("tesseract")
            .arg(&file)
            .arg("stdout")
            .args(["-l", "nld", "--psm", "4"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map_err(|e| format!("OCR: tesseract: {e}"))?;
        if !out.status.success() {
            return Err(format!("OCR: tesseract failed on page {n}"));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        // tesseract separates blocks by blank lines, as the parser wants them.
        laid.text
            .push_str(text.trim_end_matches(['\n', '\u{c}', ' ']));
    }
    if laid.text.trim().is_empty() {
        return Err("no text layer (a scan), and OCR found no text".into());
    }
    Ok(Extracted { laid, ocr: true })
}

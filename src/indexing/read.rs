//! What a worker does with one file: reads its bytes (once: the bytes hashed are the
//! bytes parsed), tells an unchanged or moved file by its hash, and otherwise parses it,
//! a PDF through the PDF worker process, the parliament's record beside it merged in.

use crate::index::FileState;
use crate::model::Question;
use crate::parse;
use crate::source::{self, SourceFile};
use std::collections::HashSet;

/// What a worker found out about one file.
pub(super) enum Outcome {
    /// The content is what the last commit has (only the modification time moved).
    Same { hash: u64 },
    /// New here, with the content of a file that is gone: perhaps moved. Not parsed.
    Moved { hash: u64 },
    /// Read and parsed (or found to hold no question).
    Parsed {
        hash: u64,
        result: std::result::Result<Vec<Question>, String>,
        pdf: bool,
        /// The record beside it: merged (`Ok`), or why not.
        record: Option<std::result::Result<(), String>>,
    },
    /// Could not be read: the questions it gave before are kept.
    Unreadable { reason: String },
}

pub(super) struct Job<'a> {
    pub file: &'a SourceFile,
    pub prior: Option<&'a FileState>,
}

pub(super) fn work(
    job: &Job,
    file_id: &str,
    gone_hashes: &HashSet<u64>,
    pdf: &mut crate::pdf::Extractor,
) -> Outcome {
    let bytes = match source::read_bytes(&job.file.canonical) {
        Ok(b) => b,
        Err(reason) => return Outcome::Unreadable { reason },
    };
    let record = job.file.record.as_deref().map(source::read_bytes);
    let hash = content_hash(&bytes, record.as_ref());
    if job.prior.is_some_and(|p| p.hash == hash && !p.read_again()) {
        return Outcome::Same { hash };
    }
    if job.prior.is_none() && gone_hashes.contains(&hash) {
        return Outcome::Moved { hash };
    }
    parse_file(job.file, &bytes, record, hash, file_id, pdf)
}

/// A changed file's bytes parsed, its record beside it (its bytes, or why they could
/// not be read) merged in.
pub(super) fn parse_file(
    file: &SourceFile,
    bytes: &[u8],
    record: Option<std::result::Result<Vec<u8>, String>>,
    hash: u64,
    file_id: &str,
    pdf: &mut crate::pdf::Extractor,
) -> Outcome {
    let display = file.display_path();
    if source::is_lone_record(&file.canonical) {
        // A record alone: the question it stands for, from the record.
        let result = parse::record::read(bytes).map(|r| vec![r.question(&display, file_id)]);
        return Outcome::Parsed {
            hash,
            result,
            pdf: false,
            record: None,
        };
    }
    let is_pdf = crate::pdf::is_pdf_file(&file.canonical, bytes);
    let mut result = read_document(bytes, is_pdf, &display, file_id, pdf);
    let record = record.map(|r| merge_record(r, &mut result));
    Outcome::Parsed {
        hash,
        result,
        pdf: is_pdf,
        record,
    }
}

/// The hash of a document's content: its bytes, and its record's where it has one (a
/// record changed alone changes it).
pub(super) fn content_hash(
    bytes: &[u8],
    record: Option<&std::result::Result<Vec<u8>, String>>,
) -> u64 {
    let hash = source::fnv1a(bytes);
    match record {
        None => hash,
        Some(r) => {
            let of_record = match r {
                Ok(b) => source::fnv1a(b),
                Err(e) => source::fnv1a(e.as_bytes()),
            };
            hash ^ of_record.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15
        }
    }
}

/// Merges the record (its bytes, or why they could not be read) into the question of
/// its document; why not, when it is not used.
pub(super) fn merge_record(
    record: std::result::Result<Vec<u8>, String>,
    result: &mut std::result::Result<Vec<Question>, String>,
) -> std::result::Result<(), String> {
    let data = parse::record::read(&record?)?;
    let Ok(questions) = result else {
        return Err("its document gave no question".into());
    };
    match questions.as_mut_slice() {
        [one] => data.apply(&mut one.meta),
        many => Err(format!(
            "its document holds {} questions; a record is of one",
            many.len()
        )),
    }
}

/// The questions of a file: a PDF through the worker (its passages given their pages),
/// text decoded.
pub(super) fn read_document(
    bytes: &[u8],
    is_pdf: bool,
    display: &str,
    file_id: &str,
    pdf: &mut crate::pdf::Extractor,
) -> std::result::Result<Vec<Question>, String> {
    if !is_pdf {
        return source::decode(bytes).and_then(|text| {
            parse::parse_document(&text, display, file_id).map_err(|e| e.to_string())
        });
    }
    let extracted = pdf.extract(bytes)?;
    let mut questions =
        parse::parse_document(&extracted.laid.text, display, file_id).map_err(|e| e.to_string())?;
    crate::pdf::assign_pages(&extracted.laid, &mut questions);
    for q in &mut questions {
        q.meta.ocr = extracted.ocr;
    }
    Ok(questions)
}

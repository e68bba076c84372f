//! What both layouts share: a document's lines, its blocks of lines, its vocabulary
//! (evidence for line-end hyphens), and a question assembled from its parts.

use super::PARAGRAPH_BREAK;
use super::clean::{self, Vocabulary, paragraphs};
use super::passages_of;
use crate::model::{Question, QuestionMeta};

/// Normalised lines: no CR, form feeds as page breaks, no trailing white space.
pub(super) fn lines_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // CRLF, LF, and the lone CR of old converters all end a line.
    let text: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    for line in text.split('\n') {
        if line.contains('\u{c}') {
            for (i, piece) in line.split('\u{c}').enumerate() {
                if i > 0 {
                    out.extend([String::new(), String::new()]);
                }
                out.push(tidy(piece));
            }
        } else {
            out.push(tidy(line));
        }
    }
    out
}

fn tidy(line: &str) -> String {
    line.replace(['\t', '\u{a0}'], " ").trim_end().to_string()
}

pub(super) fn as_strs(lines: &[String]) -> Vec<&str> {
    lines.iter().map(String::as_str).collect()
}

/// A question from its fields (all but the title), title lines, question lines and
/// answer lines.
pub(super) fn assemble(
    mut meta: QuestionMeta,
    title: &[&str],
    question: &[&str],
    answer: Option<&[&str]>,
    vocab: &Vocabulary,
) -> Question {
    meta.topic = Some(clean::one_line(title, vocab)).filter(|t| !t.is_empty());
    let question = paragraphs(question, vocab).join(PARAGRAPH_BREAK);
    let answer = answer
        .map(|lines| paragraphs(lines, vocab).join(PARAGRAPH_BREAK))
        .filter(|a| !a.is_empty());
    let passages = passages_of(&question, answer.as_deref());
    Question {
        meta,
        question,
        answer,
        passages,
    }
}

/// The words of a document, as evidence for line-end hyphens; only built when a line
/// ends in a hyphen.
pub(super) fn vocabulary(lines: &[String]) -> Vocabulary {
    if lines.iter().any(|l| l.ends_with('-')) {
        Vocabulary::of(&lines.join("\n"))
    } else {
        Vocabulary::default()
    }
}

/// The first block of non-blank lines at or after `from`: (start, end). A block that a
/// page or column break cuts (two or more blank lines) goes on after it where it
/// clearly runs on: it ends in `-` or `,`, or the next line starts in lower case
/// (`Sterilisatiecampagnes van` / break / `gemeenten`).
pub(super) fn next_block(lines: &[String], from: usize, limit: usize) -> (usize, usize) {
    let blank = |i: usize| lines[i].trim().is_empty();
    let mut i = from;
    while i < limit && blank(i) {
        i += 1;
    }
    let start = i;
    loop {
        while i < limit && !blank(i) {
            i += 1;
        }
        let mut next = i;
        while next < limit && blank(next) {
            next += 1;
        }
        let runs_on = i > start
            && next < limit
            && next - i >= 2
            && (lines[i - 1].trim_end().ends_with(['-', ','])
                || lines[next].trim_start().starts_with(char::is_lowercase));
        if !runs_on {
            return (start, i);
        }
        i = next;
    }
}

//! The layout of one question (variant 1): header, title, question, signature, answer
//! header, answer.
//!
//! Layout, as FORMAT.md describes it (variant 1):
//!
//! ```text
//! SCHRIFTELIJKE VRAAG nr. 257 van MAAIKE DE VREESE     (any of it may be missing)
//! datum: 9 december 2022
//!  aan ZUHAL DEMIR
//! VLAAMS MINISTER VAN ...                               (portfolio, may wrap)
//!
//! Title  -  Subtitle                                    (may wrap)
//!
//! question paragraphs, numbered items ...
//!
//! ZUHAL DEMIR                                           (signature)
//! VLAAMS MINISTER VAN ...
//!
//! ANTWOORD
//! op vraag nr. 257 van 9 december 2022
//! van MAAIKE DE VREESE
//!
//! answer paragraphs ...
//! ```

use super::error::ParseError;
use super::text::{as_strs, assemble, next_block, vocabulary};
use super::{date, name_case, portfolio_case};
use crate::model::{Question, QuestionMeta};
use regex::Regex;
use std::sync::LazyLock;

// An upper-case name: words of capitals, apostrophes, hyphens and dots.
const NAME: &str = r"\p{Lu}[\p{Lu}'’.\-]*(?:[ \t]+\p{Lu}[\p{Lu}'’.\-]*)*";
const DATE: &str = r"(\d{1,2})\s+(\p{L}+)\s+(\d{4})";

/// The patterns of the layout, compiled once.
struct Patterns {
    number: Regex,
    asker: Regex,
    header_date: Regex,
    aan: Regex,
    answer_head: Regex,
    portfolio_start: Regex,
}

static PATTERNS: LazyLock<Result<Patterns, regex::Error>> = LazyLock::new(|| {
    let rx = Regex::new;
    Ok(Patterns {
        number: rx(r"\bnr\.?\s*(\d{1,6})\b")?,
        asker: rx(&format!(r"\bvan\s+({NAME})"))?,
        header_date: rx(&format!(r"(?i)\bdatum\s*:?\s*{DATE}"))?,
        aan: rx(&format!(r"(?:^|\s)aan\s+({NAME})(.*)$"))?,
        answer_head: rx(&format!(
            r"op\s+vraag\s+nr\.?\s*(\d{{1,6}})(?:\s+van\s+{DATE})?(?:\s+van\s+({NAME}))?"
        ))?,
        portfolio_start: rx(
            r"(?:^|[\s,]+)((?:VLAAMS\s+)?(?:VICE-?MINISTER-PRESIDENT|MINISTER-PRESIDENT|GEMEENSCHAPSMINISTER|MINISTER)\b.*)$",
        )?,
    })
});

/// The layout patterns (constant; a unit test compiles them).
fn patterns() -> Result<&'static Patterns, ParseError> {
    PATTERNS
        .as_ref()
        .map_err(|e| ParseError::Patterns(e.to_string()))
}

fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

fn is_upper_line(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !has_lowercase(s)
}

/// A line that belongs to the top header.
fn is_header_line(p: &Patterns, s: &str) -> bool {
    let t = s.trim();
    is_upper_line(t)
        || t.starts_with("nr.")
        || t.starts_with("datum")
        || p.aan.is_match(t) && t.starts_with("aan")
        || t.starts_with("van ") && p.asker.is_match(t)
        || t.starts_with("SCHRIFTELIJKE VRAAG")
}

/// Splits `ZUHAL DEMIR VLAAMS MINISTER VAN ...` into name and portfolio.
fn split_name_portfolio(p: &Patterns, s: &str) -> (String, Option<String>) {
    match p.portfolio_start.captures(s) {
        Some(c) => {
            let whole = c.get(0).map_or(s.len(), |m| m.start());
            let name = s[..whole].trim().trim_end_matches(',').trim();
            let portfolio = c.get(1).map(|m| m.as_str().trim().to_string());
            (name.to_string(), portfolio.filter(|p| !p.is_empty()))
        }
        None => (s.trim().trim_end_matches(',').trim().to_string(), None),
    }
}

/// Adds a wrapped portfolio line; a line that opens a new role (`VLAAMS MINISTER VAN`
/// after `MINISTER-PRESIDENT VAN DE VLAAMSE REGERING`) is set off with a comma.
fn push_portfolio_line(p: &Patterns, portfolio: &mut String, line: &str) {
    if portfolio.is_empty() {
        portfolio.push_str(line);
        return;
    }
    let new_role = p.portfolio_start.find(line).is_some_and(|m| m.start() == 0);
    if new_role && !portfolio.ends_with(',') {
        portfolio.push(',');
    }
    portfolio.push(' ');
    portfolio.push_str(line);
}

/// The fields of the top header, each optional.
#[derive(Debug, Default)]
struct Header {
    number: Option<u32>,
    asker: Option<String>,
    date: Option<String>,
    minister: Option<String>,
    portfolio: Option<String>,
    /// First line after the header (and its portfolio lines).
    end: usize,
}

fn date_from(c: &regex::Captures, first: usize) -> Option<String> {
    let day = c.get(first)?.as_str();
    let month = c.get(first + 1)?.as_str();
    let year = c.get(first + 2)?.as_str();
    date::dutch_date(day, month, year).map(date::iso)
}

/// Whether a line opens a portfolio (`VLAAMS MINISTER VAN ...`, `MINISTER-PRESIDENT ...`).
fn starts_portfolio(line: &str) -> bool {
    let l = line.to_lowercase();
    [
        "vlaams minister",
        "minister",
        "viceminister",
        "vice-minister",
        "gemeenschapsminister",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

fn parse_header(p: &Patterns, lines: &[String]) -> Header {
    let mut h = Header::default();
    let mut i = 0;
    // Leading blank lines and the header lines.
    let mut zone = String::new();
    let mut aan_line = None;
    while i < lines.len() {
        let t = lines[i].trim();
        if t.is_empty() {
            if aan_line.is_some() {
                break;
            }
            i += 1;
            continue;
        }
        if !is_header_line(p, t) {
            break;
        }
        if aan_line.is_none()
            && let Some(c) = p.aan.captures(t)
        {
            let at = c.get(0).map_or(0, |m| m.start());
            zone.push(' ');
            zone.push_str(&t[..at]);
            let rest = format!(
                "{}{}",
                c.get(1).map_or("", |m| m.as_str()),
                c.get(2).map_or("", |m| m.as_str())
            );
            let (name, mut portfolio) = split_name_portfolio(p, &rest);
            h.minister = Some(name_case(&name)).filter(|n| !n.is_empty());
            // The portfolio goes on over the capital lines that follow; a blank line
            // may stand before it (a PDF's block gap, an OCR'd page).
            let mut j = i + 1;
            if portfolio.is_none()
                && lines.get(j).is_some_and(|l| l.trim().is_empty())
                && lines.get(j + 1).is_some_and(|l| {
                    let l = l.trim();
                    is_upper_line(l) && starts_portfolio(l)
                })
            {
                j += 1;
            }
            while j < lines.len() && is_upper_line(lines[j].trim()) {
                push_portfolio_line(
                    p,
                    portfolio.get_or_insert_with(String::new),
                    lines[j].trim(),
                );
                j += 1;
            }
            h.portfolio = portfolio.map(|p| portfolio_case(&p));
            aan_line = Some(i);
            i = j;
            continue;
        }
        if aan_line.is_some() {
            break;
        }
        zone.push(' ');
        zone.push_str(t);
        i += 1;
    }
    if aan_line.is_none() && !zone.contains("SCHRIFTELIJKE") && !p.number.is_match(&zone) {
        // No header at all: the text starts with the title.
        return Header::default();
    }
    h.end = i;
    h.number = p
        .number
        .captures(&zone)
        .and_then(|c| c.get(1)?.as_str().parse().ok());
    h.asker = p
        .asker
        .captures(&zone)
        .and_then(|c| c.get(1))
        .map(|m| name_case(m.as_str()));
    h.date = p.header_date.captures(&zone).and_then(|c| date_from(&c, 1));
    h
}

/// The answer header `ANTWOORD` / `op vraag nr. N van DATE` / `van ASKER`.
#[derive(Debug, Default)]
struct AnswerHeader {
    /// Line of `ANTWOORD`.
    start: usize,
    /// First line after the header.
    end: usize,
    number: Option<u32>,
    date: Option<String>,
    asker: Option<String>,
}

fn find_answer_header(p: &Patterns, lines: &[String], from: usize) -> Option<AnswerHeader> {
    let start = (from..lines.len()).find(|&i| {
        let t = lines[i].trim();
        t == "ANTWOORD"
            || t.strip_prefix("ANTWOORD")
                .is_some_and(|r| r.trim_start().starts_with("op vraag"))
    })?;
    let mut zone = lines[start].trim().to_string();
    let mut end = start + 1;
    // The header goes on over up to two more lines: `op vraag ...` and `van ASKER`.
    while end < lines.len() && end <= start + 3 {
        let t = lines[end].trim();
        let part_of_header = t.starts_with("op vraag")
            || (t.starts_with("van ") && is_upper_line(&t[4..]))
            || (t.is_empty() && end == start + 1);
        if !part_of_header {
            break;
        }
        zone.push(' ');
        zone.push_str(t);
        end += 1;
    }
    let c = p.answer_head.captures(&zone);
    Some(AnswerHeader {
        start,
        end,
        number: c.as_ref().and_then(|c| c.get(1)?.as_str().parse().ok()),
        date: c.as_ref().and_then(|c| date_from(c, 2)),
        asker: c
            .as_ref()
            .and_then(|c| c.get(5))
            .map(|m| name_case(m.as_str())),
    })
}

/// The signature block (minister's name and portfolio in capitals) that ends at `before`:
/// its first line, its name and its portfolio.
fn signature(
    p: &Patterns,
    lines: &[String],
    floor: usize,
    before: usize,
) -> Option<(usize, String, Option<String>)> {
    let mut i = before;
    while i > floor && lines[i - 1].trim().is_empty() {
        i -= 1;
    }
    let end = i;
    while i > floor && is_upper_line(lines[i - 1].trim()) {
        i -= 1;
    }
    if i == end {
        return None;
    }
    let block: Vec<&str> = lines[i..end].iter().map(|l| l.trim()).collect();
    let (name, first_portfolio) = split_name_portfolio(p, block[0]);
    let mut portfolio = first_portfolio.unwrap_or_default();
    for line in &block[1..] {
        push_portfolio_line(p, &mut portfolio, line);
    }
    let portfolio = (!portfolio.is_empty()).then(|| portfolio_case(&portfolio));
    Some((i, name_case(&name), portfolio))
}

pub(super) fn single(lines: &[String], path: &str, doc_id: &str) -> Result<Question, ParseError> {
    let p = patterns()?;
    let vocab = vocabulary(lines);
    let header = parse_header(p, lines);
    let answer_header = find_answer_header(p, lines, header.end);
    let has_header = header.minister.is_some() || header.number.is_some();
    if !has_header && answer_header.is_none() {
        return Err(ParseError::NoQuestion);
    }
    let body_end = answer_header.as_ref().map_or(lines.len(), |a| a.start);
    let (title_start, mut title_end) = next_block(lines, header.end, body_end);
    // A title block of more than three lines is a title run into the text (a PDF that
    // sets no gap between blocks): the title is its first line, and the lines that go
    // on with it (after a broken word, or in lower case).
    if title_end - title_start > 3 {
        let mut k = 1;
        while k < 3 {
            let (prev, next) = (
                lines[title_start + k - 1].trim(),
                lines[title_start + k].trim(),
            );
            let goes_on = prev.ends_with('-')
                || (!prev.ends_with(['.', '?', '!', ':'])
                    && next.chars().next().is_some_and(char::is_lowercase));
            if !goes_on {
                break;
            }
            k += 1;
        }
        title_end = title_start + k;
    }

    // The question, up to the signature block before the answer header.
    let sig = signature(p, lines, title_end, body_end);
    let question_end = sig.as_ref().map_or(body_end, |s| s.0);
    let (sig_minister, sig_portfolio) = match sig {
        Some((_, name, portfolio)) => (Some(name).filter(|n| !n.is_empty()), portfolio),
        None => (None, None),
    };
    let ah = answer_header.as_ref();
    let meta = QuestionMeta {
        path: path.to_string(),
        doc_id: doc_id.to_string(),
        number: header.number.or_else(|| ah.and_then(|a| a.number)),
        asker: header.asker.or_else(|| ah.and_then(|a| a.asker.clone())),
        minister: header.minister.or(sig_minister),
        portfolio: header.portfolio.or(sig_portfolio),
        date: header.date.or_else(|| ah.and_then(|a| a.date.clone())),
        topic: None,
        ..QuestionMeta::default()
    };
    let answer = ah.map(|a| as_strs(&lines[a.end..]));
    Ok(assemble(
        meta,
        &as_strs(&lines[title_start..title_end]),
        &as_strs(&lines[title_end..question_end]),
        answer.as_deref(),
        &vocab,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_layout_patterns_compile() {
        let p = super::patterns().expect("the patterns compile");
        assert!(p.number.is_match("nr. 257"));
        assert!(p.aan.is_match(" aan ZUHAL DEMIR"));
    }
}

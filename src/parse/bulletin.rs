//! Variant 2: the "Bulletin van Vragen en Antwoorden", many questions in one file.
//!
//! A cover (`Nr. 7`, `Zitting 2005-2006`) and a table of contents (dot leaders, page
//! numbers) come first and are skipped. A minister heading (name in capitals, then the
//! portfolio) opens a block of questions and carries across pages. Each question opens
//! with `Vraag nr. N van DATE van ASKER` (in 2002 over two lines, `van de heer ...`), then
//! its title, the question and, after `Antwoord`, the answer. Running page headers and
//! footers are dropped.

use super::text::{as_strs, assemble, next_block, vocabulary};
use super::{date, name_case, portfolio_case};
use crate::model::Question;
use regex::Regex;
use std::sync::LazyLock;

pub(super) struct Patterns {
    /// `Vraag nr. 41 van 2 maart 2006 van de heer KOEN AERTS` (any part after the number).
    question: Regex,
    question_head: Regex,
    /// A running header or footer: `Vlaams Parlement - Vragen en Antwoorden - Nr. 7 ...`.
    running: Regex,
    /// A page number alone: `-3-`, `- 12 -`.
    page_number: Regex,
    /// A line of the table of contents: dot leaders and a page number.
    toc_line: Regex,
    toc_start: Regex,
    /// `A. Vragen waarop tijdig werd geantwoord`.
    section: Regex,
    /// The portfolio line under a minister's name, old wordings included.
    portfolio: Regex,
    answer: Regex,
}

static PATTERNS: LazyLock<Result<Patterns, regex::Error>> = LazyLock::new(|| {
    let rx = Regex::new;
    Ok(Patterns {
        question: rx(r"^\s*Vraag\s+nr\.?\s*\d+")?,
        question_head: rx(
            r"(?i)^\s*vraag\s+nr\.?\s*(\d{1,6})(?:\s+van\s+(\d{1,2})\s+(\p{L}+)\s+(\d{4}))?(?:\s+van\s+(?:de\s+heer|mevrouw|mevr\.|dhr\.|heer)?\s*(.+?))?\s*$",
        )?,
        running: rx(r"(?i)vragen\s+en\s+antwoorden\s*-?\s*nr\.?\s*\d+")?,
        page_number: rx(r"^\s*-\s*\d{1,4}\s*-\s*$")?,
        toc_line: rx(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")?,
        toc_start: rx(r"^\s*(?:INHOUDSTAFEL|INHOUDSOPGAVE|Inhoudstafel|Inhoudsopgave)\b")?,
        section: rx(r"^\s*[A-C]\.\s+(?i:vragen|antwoorden)")?,
        portfolio: rx(
            r"(?i)^\s*(?:vlaams\s+minister|gemeenschapsminister|vice-?minister-president|minister-president|minister\s+vice-president|minister)\b",
        )?,
        answer: rx(r"^\s*(?:Antwoord|ANTWOORD)\s*[:.]?\s*$")?,
    })
});

/// The bulletin patterns (constant; a unit test compiles them).
pub(super) fn patterns() -> Result<&'static Patterns, super::ParseError> {
    PATTERNS
        .as_ref()
        .map_err(|e| super::ParseError::Patterns(e.to_string()))
}

/// Whether the lines are a bulletin: questions that open with `Vraag nr.`, and no
/// single-question header.
pub(super) fn is_bulletin(p: &Patterns, lines: &[String]) -> bool {
    let single = lines
        .iter()
        .take(40)
        .any(|l| l.contains("SCHRIFTELIJKE VRAAG"));
    !single && lines.iter().any(|l| p.question.is_match(l))
}

fn is_running_line(p: &Patterns, line: &str) -> bool {
    (line.len() < 160 && p.running.is_match(line)) || p.page_number.is_match(line)
}

fn is_name_line(p: &Patterns, line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (2..=6).contains(&words)
        && t.chars().any(char::is_alphabetic)
        && !t.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
        && !p.portfolio.is_match(t)
}

/// A minister heading at `i`: the name line and the portfolio line(s) after it.
/// Returns (name, portfolio, first line after the heading).
fn heading_at(p: &Patterns, lines: &[String], i: usize) -> Option<(String, String, usize)> {
    if !is_name_line(p, &lines[i]) {
        return None;
    }
    let mut j = i + 1;
    if j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    if j >= lines.len() || !p.portfolio.is_match(&lines[j]) {
        return None;
    }
    let mut portfolio = lines[j].trim().to_string();
    j += 1;
    while j < lines.len() && !lines[j].trim().is_empty() && !p.question.is_match(&lines[j]) {
        portfolio.push(' ');
        portfolio.push_str(lines[j].trim());
        j += 1;
    }
    Some((name_case(lines[i].trim()), portfolio_case(&portfolio), j))
}

/// Where the table of contents ends (0 when there is none).
fn toc_end(p: &Patterns, lines: &[String]) -> usize {
    let Some(start) = lines.iter().position(|l| p.toc_start.is_match(l)) else {
        return 0;
    };
    let mut end = start + 1;
    let mut quiet = 0;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if p.toc_line.is_match(line) {
            end = i + 1;
            quiet = 0;
        } else if !line.trim().is_empty() {
            quiet += 1;
            // Well past the last dot leader: the body has begun.
            if quiet > 12 {
                break;
            }
        }
    }
    end
}

/// The questions of a bulletin, in order; ids `file_id#1`, `file_id#2`, ...
pub(super) fn parse(p: &Patterns, raw: &[String], path: &str, file_id: &str) -> Vec<Question> {
    // Running headers and footers become blank lines: a page break like any other.
    let lines: Vec<String> = raw
        .iter()
        .map(|l| {
            if is_running_line(p, l) {
                String::new()
            } else {
                l.clone()
            }
        })
        .collect();
    let vocab = vocabulary(&lines);
    let start = toc_end(p, &lines);

    // The boundaries: question starts, minister headings, section lines.
    enum Mark {
        Question,
        Heading(String, String),
        Section,
    }
    let mut marks: Vec<(usize, Mark)> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        if p.question.is_match(&lines[i]) {
            marks.push((i, Mark::Question));
        } else if p.section.is_match(&lines[i]) {
            marks.push((i, Mark::Section));
        } else if let Some((name, portfolio, next)) = heading_at(p, &lines, i) {
            marks.push((i, Mark::Heading(name, portfolio)));
            i = next;
            continue;
        }
        i += 1;
    }

    let mut out = Vec::new();
    let mut minister: Option<(String, String)> = None;
    for (k, (at, mark)) in marks.iter().enumerate() {
        match mark {
            Mark::Heading(name, portfolio) => {
                minister = Some((name.clone(), portfolio.clone()));
                continue;
            }
            Mark::Section => continue,
            Mark::Question => {}
        }
        let end = marks.get(k + 1).map_or(lines.len(), |(next, _)| *next);
        let position = out.len() + 1;
        let doc_id = format!("{file_id}#{position}");
        out.push(question(
            p,
            &lines[*at..end],
            minister.as_ref(),
            &vocab,
            path,
            &doc_id,
        ));
    }
    out
}

/// Whether a question's head line names its asker (and does not stop at `van`,
/// `de heer`, `mevrouw`).
fn head_has_asker(p: &Patterns, head: &str) -> bool {
    let asker = p
        .question_head
        .captures(head)
        .and_then(|c| c.get(5))
        .map(|m| m.as_str().trim().to_lowercase());
    asker.is_some_and(|a| {
        !a.is_empty()
            && !a.chars().any(|c| c.is_ascii_digit())
            && !a.ends_with(" van")
            && !a.ends_with(" heer")
            && !a.ends_with(" mevrouw")
            && !matches!(
                a.as_str(),
                "de" | "de heer" | "heer" | "mevrouw" | "mevr." | "dhr." | "van" | "van de"
            )
    })
}

/// Whether `next` is the rest of an asker's name printed in capitals that a narrow
/// column broke (`... van de heer BRAM` / `VAN LOOY`): the head's asker is in capitals
/// and `next` is a few words in capitals, no digits, no title dash. A title is never
/// taken for it: titles are set in lower case.
fn name_goes_on(p: &Patterns, head: &str, next: &str) -> bool {
    let asker = p
        .question_head
        .captures(head)
        .and_then(|c| c.get(5))
        .map_or("", |m| m.as_str());
    let capitals = |s: &str| {
        s.chars().any(char::is_alphabetic)
            && !s.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
    };
    let next = next.trim();
    capitals(asker)
        && capitals(next)
        && (1..=4).contains(&next.split_whitespace().count())
        && !next.contains(" - ")
        && !p.portfolio.is_match(next)
}

/// Appends the next line of a question's head: after a name broken at the line end with
/// a hyphen (`van mevrouw KA-` / `TRIEN SEGERS`), the word is made whole again: glued
/// where the document writes it whole elsewhere (`Katrien` in the table of contents) or
/// the piece before the hyphen is a syllable (three letters at most), the hyphen kept
/// where it joins two names (`VANDAELE-` / `DE CLERCQ`).
fn join_head(head: &mut String, next: &str, vocab: &super::Vocabulary) {
    let left: String = head
        .strip_suffix('-')
        .map(|h| {
            h.chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect()
        })
        .unwrap_or_default();
    if left.is_empty() {
        head.push(' ');
        head.push_str(next);
        return;
    }
    let right: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let glued = format!("{left}{right}").to_lowercase();
    let hyphenated = format!("{left}-{right}").to_lowercase();
    let glue = !right.is_empty()
        && (vocab.contains(&glued) || (!vocab.contains(&hyphenated) && left.chars().count() <= 3));
    if glue {
        head.pop();
    }
    head.push_str(next);
}

/// One question of a bulletin, from its `Vraag nr.` line to the next boundary.
fn question(
    p: &Patterns,
    lines: &[String],
    minister: Option<&(String, String)>,
    vocab: &super::Vocabulary,
    path: &str,
    doc_id: &str,
) -> Question {
    // The header: the `Vraag nr.` line, and the lines that go on with it: one that
    // starts `van ...` (2002), or any while the head lacks its asker (a narrow column
    // wraps it anywhere: `... van de heer` / `ROLAND BEKAERT`).
    let mut head = lines[0].trim().to_string();
    let mut body = 1;
    while body < lines.len()
        && body <= 3
        && !lines[body].trim().is_empty()
        && !p.answer.is_match(&lines[body])
        && (lines[body].trim_start().starts_with("van ")
            || !head_has_asker(p, &head)
            || name_goes_on(p, &head, &lines[body]))
    {
        join_head(&mut head, lines[body].trim(), vocab);
        body += 1;
    }
    let c = p.question_head.captures(&head);
    let group = |n: usize| c.as_ref().and_then(|c| c.get(n)).map(|m| m.as_str());
    let meta = crate::model::QuestionMeta {
        path: path.to_string(),
        doc_id: doc_id.to_string(),
        number: group(1).and_then(|n| n.parse().ok()),
        date: match (group(2), group(3), group(4)) {
            (Some(d), Some(m), Some(y)) => date::dutch_date(d, m, y).map(date::iso),
            _ => None,
        },
        asker: group(5)
            .map(|a| a.trim_end_matches(['.', ',', ':']).trim())
            .filter(|a| !a.is_empty())
            .map(name_case),
        minister: minister.map(|m| m.0.clone()),
        portfolio: minister.map(|m| m.1.clone()).filter(|p| !p.is_empty()),
        topic: None,
        ..crate::model::QuestionMeta::default()
    };
    // The answer header after the head (a head line is never one).
    let answer_at = lines
        .iter()
        .skip(body)
        .position(|l| p.answer.is_match(l))
        .map(|a| a + body);
    let body_end = answer_at.unwrap_or(lines.len());
    let (title_start, title_end) = next_block(lines, body, body_end);
    let answer = answer_at.map(|a| as_strs(&lines[a + 1..]));
    assemble(
        meta,
        &as_strs(&lines[title_start..title_end]),
        &as_strs(&lines[title_end..body_end]),
        answer.as_deref(),
        vocab,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bulletin_patterns_compile() {
        let p = patterns().expect("the patterns compile");
        assert!(p.question.is_match("Vraag nr. 41 van 2 maart 2006"));
        assert!(
            p.running
                .is_match("Vlaams Parlement - Vragen en Antwoorden - Nr.7 - April 2006 -3-")
        );
        assert!(p.page_number.is_match("  -12- "));
        assert!(
            p.toc_line
                .is_match("Trajectcontroles ........................  4")
        );
        assert!(!p.toc_line.is_match("Dit is een zin."));
    }

    #[test]
    fn question_heads_old_and_new() {
        let c = patterns()
            .expect("the patterns compile")
            .question_head
            .captures("Vraag nr. 41 van 2 maart 2006 van de heer KOEN AERTS")
            .expect("match");
        assert_eq!(c.get(1).map(|m| m.as_str()), Some("41"));
        assert_eq!(c.get(5).map(|m| m.as_str()), Some("KOEN AERTS"));
        let c = patterns()
            .expect("the patterns compile")
            .question_head
            .captures("Vraag nr. 7 van 12 mei 2002 van mevrouw Hilde Claes")
            .expect("match");
        assert_eq!(c.get(5).map(|m| m.as_str()), Some("Hilde Claes"));
    }
}

//! Rendering for people (terminal text, colour when it is a terminal) and for programs
//! (JSON). Knows nothing of how results were found.

use std::io::{self, Write};
use std::ops::Range;
use vraagbaak::search::{Facet, Facets, SearchResults, Sort, Unit};
use vraagbaak::{Part, Passage, Question, QuestionMeta, Shown, Similar};

mod reports;
pub use reports::{acronyms_text, index_text, stats_text, sync_text, table_text};

/// How matched words and headings are marked.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    fn mark_open(&self) -> &'static str {
        if self.color { "\x1b[1;31m" } else { "**" }
    }

    fn mark_close(&self) -> &'static str {
        if self.color { "\x1b[0m" } else { "**" }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// `text` with the byte ranges in `marks` marked (colour or `**`).
fn marked(style: &Style, text: &str, marks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut at = 0;
    for m in marks {
        if m.start < at || m.end > text.len() {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push_str(style.mark_open());
        out.push_str(&text[m.clone()]);
        out.push_str(style.mark_close());
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Visible width of a string with escape codes.
fn visible_len(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}

/// Wraps marked text at `width`, each line indented; a `\n` in the text starts a line.
fn wrap(out: &mut impl Write, text: &str, indent: usize, width: usize) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let room = width.saturating_sub(indent).max(20);
    for line in text.split('\n') {
        let mut cur = String::new();
        let mut cur_len = 0;
        for word in line.split_whitespace() {
            let len = visible_len(word);
            if cur_len > 0 && cur_len + 1 + len > room {
                writeln!(out, "{pad}{cur}")?;
                cur.clear();
                cur_len = 0;
            }
            if cur_len > 0 {
                cur.push(' ');
                cur_len += 1;
            }
            cur.push_str(word);
            cur_len += len;
        }
        if cur_len > 0 {
            writeln!(out, "{pad}{cur}")?;
        }
    }
    Ok(())
}

fn join_present(parts: &[Option<String>]) -> String {
    parts
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Who asked whom, when: `nr. 257 · 2022-12-09 · asked by ... · answered by ...`.
fn meta_line(m: &QuestionMeta) -> String {
    join_present(&[
        m.number.map(|n| format!("nr. {n}")),
        m.date.clone(),
        m.asker.as_ref().map(|a| format!("asked by {a}")),
        m.minister.as_ref().map(|m| format!("answered by {m}")),
        answer_time(m),
        m.ocr.then(|| "(OCR)".to_string()),
    ])
}

/// `answered after 32 days (late)`, as the record beside the question says.
fn answer_time(m: &QuestionMeta) -> Option<String> {
    let late = match m.timely {
        Some(false) => " (late)",
        _ => "",
    };
    match (m.days_to_answer, &m.answered_on) {
        (Some(1), _) => Some(format!("answered after 1 day{late}")),
        (Some(d), _) => Some(format!("answered after {d} days{late}")),
        (None, Some(on)) => Some(format!("answered on {on}{late}")),
        (None, None) => match (m.status, m.days_open) {
            (Some(vraagbaak::Status::Open), Some(1)) => Some("open for 1 day".into()),
            (Some(vraagbaak::Status::Open), Some(d)) => Some(format!("open for {d} days")),
            (Some(vraagbaak::Status::Open), None) => Some("not answered yet".into()),
            _ => None,
        },
    }
}

/// The title, or that there is none.
fn title(m: &QuestionMeta) -> &str {
    m.topic.as_deref().unwrap_or("(no title)")
}

/// The first line of the results: how many match, which are shown, in what order.
fn results_head(r: &SearchResults) -> String {
    let shown = r.hits.len();
    let (n, what) = match (r.unit, r.total_questions) {
        // A list without a word.
        (Unit::Question, Some(q)) if r.query.trim().is_empty() => (
            q,
            if q == 1 {
                "question matches the filters".to_string()
            } else {
                "questions match the filters".to_string()
            },
        ),
        (Unit::Question, Some(q)) => (
            q,
            format!(
                "{} `{}` ({})",
                if q == 1 {
                    "question matches"
                } else {
                    "questions match"
                },
                r.query,
                count(r.total, "passage", "passages")
            ),
        ),
        (_, questions) => (
            r.total,
            format!(
                "{} `{}`{}",
                if r.total == 1 {
                    "passage matches"
                } else {
                    "passages match"
                },
                r.query,
                questions
                    .map(|q| format!(" ({})", count(q, "question", "questions")))
                    .unwrap_or_default()
            ),
        ),
    };
    let order = match r.sort {
        Sort::Relevance => "",
        Sort::Newest => ", newest first",
        Sort::Oldest => ", oldest first",
    };
    if r.offset > 0 {
        if shown == 0 {
            format!("{n} {what}; none after the first {}", r.offset)
        } else {
            format!("{n} {what}; {}-{}{order}", r.offset + 1, r.offset + shown)
        }
    } else if shown < n {
        let which = if r.sort == Sort::Relevance {
            "the best"
        } else {
            "the first"
        };
        format!("{n} {what}; {which} {shown}{order}")
    } else {
        format!("{n} {what}{order}")
    }
}

pub fn search_text(out: &mut impl Write, style: &Style, r: &SearchResults) -> io::Result<()> {
    writeln!(
        out,
        "{} {}",
        style.bold(&results_head(r)),
        style.dim(&format!("({} ms)", r.took_ms))
    )?;
    for hit in &r.hits {
        writeln!(out)?;
        let topic = match &hit.meta.topic {
            Some(t) => marked(style, t, &hit.topic_highlights),
            None => title(&hit.meta).to_string(),
        };
        writeln!(out, "{:>3}. {}", hit.rank, style.bold(&topic))?;
        writeln!(out, "     {}", meta_line(&hit.meta))?;
        let mut where_ = match &hit.label {
            Some(l) => format!("{} {l}", hit.part),
            None => hit.part.to_string(),
        };
        if let Some(page) = hit.page {
            where_.push_str(&format!(" · p. {page}"));
        }
        // A list without a word shows each question's opening passage: no score, no
        // "best of".
        let listing = r.query.trim().is_empty();
        let best_of = match hit.matching_passages {
            Some(n) if n > 1 && !listing => format!("best of {n} matching passages · "),
            _ => String::new(),
        };
        let score = if listing {
            String::new()
        } else {
            format!(" · score {:.2}", hit.score)
        };
        writeln!(
            out,
            "     {}",
            style.dim(&format!("{best_of}{where_}{score} · {}", hit.meta.doc_id))
        )?;
        wrap(
            out,
            &marked(style, &hit.passage, &hit.highlights),
            5,
            style.width,
        )?;
        if !hit.also_answered_by.is_empty() {
            let others: Vec<String> = hit
                .also_answered_by
                .iter()
                .map(|l| format!("{} ({})", l.minister.as_deref().unwrap_or("?"), l.doc_id))
                .collect();
            wrap(
                out,
                &style.dim(&format!("also put to {}", others.join(", "))),
                5,
                style.width,
            )?;
        }
    }
    if let Some(first) = r.hits.first() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "the whole question: vraagbaak show {}",
                first.meta.doc_id
            ))
        )?;
    }
    if let Some(f) = &r.facets {
        writeln!(out)?;
        facets_text(out, style, f)?;
    }
    Ok(())
}

/// The three facets as short tables, one after the other.
fn facets_text(out: &mut impl Write, style: &Style, f: &Facets) -> io::Result<()> {
    for (title, facet) in [
        ("matching questions per minister", &f.minister),
        ("matching questions per year", &f.year),
        ("matching questions per asker", &f.asker),
    ] {
        facet_table(out, style, title, facet)?;
    }
    // Themes come from the parliament's records: shown where any question has one.
    if !f.themes.values.is_empty() {
        facet_table(out, style, "matching questions per theme", &f.themes)?;
    }
    Ok(())
}

/// One facet: a count and a value a line, then what the list leaves out.
fn facet_table(out: &mut impl Write, style: &Style, title: &str, facet: &Facet) -> io::Result<()> {
    writeln!(out, "{}", style.bold(title))?;
    let width = facet
        .values
        .iter()
        .map(|c| c.count)
        .chain([facet.others, facet.missing])
        .max()
        .unwrap_or(0)
        .to_string()
        .len();
    if facet.values.is_empty() && facet.missing == 0 {
        writeln!(out, "  (none)")?;
    }
    for c in &facet.values {
        writeln!(out, "  {:>width$}  {}", c.count, c.value)?;
    }
    if facet.others > 0 {
        writeln!(
            out,
            "  {:>width$}  {}",
            facet.others,
            style.dim("(the others)")
        )?;
    }
    if facet.missing > 0 {
        writeln!(
            out,
            "  {:>width$}  {}",
            facet.missing,
            style.dim("(not in the document)")
        )?;
    }
    writeln!(out)
}

/// `vraagbaak similar`.
pub fn similar_text(out: &mut impl Write, style: &Style, s: &Similar) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!("questions like `{}`", title(&s.of)))
    )?;
    writeln!(
        out,
        "{}",
        style.dim(&format!("{} · {}", meta_line(&s.of), s.of.doc_id))
    )?;
    if s.hits.is_empty() {
        writeln!(out)?;
        writeln!(out, "no other question shares enough of its words")?;
        return Ok(());
    }
    for h in &s.hits {
        writeln!(out)?;
        writeln!(out, "{:>3}. {}", h.rank, style.bold(title(&h.meta)))?;
        writeln!(out, "     {}", meta_line(&h.meta))?;
        writeln!(
            out,
            "     {}",
            style.dim(&format!("score {:.2} · {}", h.score, h.meta.doc_id))
        )?;
        wrap(out, &excerpt(&h.text, 240), 5, style.width)?;
    }
    Ok(())
}

/// The start of `text`, at most `bytes` long, cut at a word, with an ellipsis.
fn excerpt(text: &str, bytes: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.len() <= bytes {
        return flat;
    }
    let mut end = bytes;
    while !flat.is_char_boundary(end) {
        end -= 1;
    }
    let cut = flat[..end].rfind(' ').unwrap_or(end);
    format!("{} ...", &flat[..cut])
}

pub fn json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn passage_text(out: &mut impl Write, style: &Style, p: &Passage) -> io::Result<()> {
    let text = match &p.label {
        Some(l) => format!("{} {}", style.bold(l), p.text),
        None => p.text.clone(),
    };
    wrap(out, &text, 2, style.width)?;
    writeln!(out)
}

pub fn question_text(out: &mut impl Write, style: &Style, shown: &Shown) -> io::Result<()> {
    let q = &shown.question;
    let m = &q.meta;
    writeln!(out, "{}", style.bold(title(m)))?;
    let rows = [
        ("number", m.number.map(|n| n.to_string())),
        ("date", m.date.clone()),
        ("asked by", m.asker.clone()),
        ("answered by", m.minister.clone()),
        ("portfolio", m.portfolio.clone()),
        ("file", Some(m.path.clone())),
        ("id", Some(m.doc_id.clone())),
    ];
    for (k, v) in rows {
        let v = v.unwrap_or_else(|| "(not in the document)".to_string());
        writeln!(out, "{}", style.dim(&format!("{k:<12}{v}")))?;
    }
    // What the parliament's record beside the document adds, where there is one.
    let record = [
        (
            "themes",
            (!m.themes.is_empty()).then(|| m.themes.join("; ")),
        ),
        ("session", m.session.clone()),
        ("answered", answer_time(m)),
        ("source", m.source_url.clone()),
    ];
    for (k, v) in record {
        if let Some(v) = v {
            writeln!(out, "{}", style.dim(&format!("{k:<12}{v}")))?;
        }
    }
    for l in &shown.linked {
        let who = l.minister.as_deref().unwrap_or("another minister");
        writeln!(
            out,
            "{}",
            style.dim(&format!("{:<12}{who} ({})", "also put to", l.doc_id))
        )?;
    }
    if m.ocr {
        writeln!(
            out,
            "{}",
            style.dim(&format!("{:<12}recognised from page images (OCR)", "text"))
        )?;
    }
    let mut page = None;
    for (part, title) in [(Part::Question, "QUESTION"), (Part::Answer, "ANSWER")] {
        writeln!(out)?;
        writeln!(out, "{}", style.bold(title))?;
        writeln!(out)?;
        let mut any = false;
        for p in q.passages.iter().filter(|p| p.part == part) {
            // Where a page starts (a PDF), a mark: people cite pages.
            if p.page.is_some() && p.page != page {
                writeln!(
                    out,
                    "{}",
                    style.dim(&format!("  [p. {}]", p.page.unwrap_or(0)))
                )?;
                page = p.page;
            }
            passage_text(out, style, p)?;
            any = true;
        }
        if !any {
            writeln!(out, "  (none)")?;
        }
    }
    pairs_text(out, style, q)
}

/// Each sub-question with the answer passages that answer it.
fn pairs_text(out: &mut impl Write, style: &Style, q: &Question) -> io::Result<()> {
    if !vraagbaak::parse::linked(&q.passages) {
        return Ok(());
    }
    writeln!(out, "{}", style.bold("EACH SUB-QUESTION WITH ITS ANSWER"))?;
    writeln!(out)?;
    // The rows the question page shows, in the same order (one rule in the library).
    for pair in vraagbaak::parse::pairs(&q.passages) {
        for p in &pair.questions {
            pair_block(out, style, p.label.as_deref().unwrap_or(""), p, 2)?;
        }
        if pair.answers.is_empty() {
            wrap(
                out,
                &style.dim("(no answer is labelled for it)"),
                6,
                style.width,
            )?;
        }
        for a in &pair.answers {
            let head = format!("-> {}", a.label.as_deref().unwrap_or(""));
            pair_block(out, style, head.trim_end(), a, 6)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A passage of a pair: its head in bold (its label; none for an introduction), then
/// its text.
fn pair_block(
    out: &mut impl Write,
    style: &Style,
    head: &str,
    p: &Passage,
    indent: usize,
) -> io::Result<()> {
    let text = if head.is_empty() {
        p.text.clone()
    } else {
        format!("{} {}", style.bold(head), p.text)
    };
    wrap(out, &text, indent, style.width)
}

/// `1 question`, `2 questions`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

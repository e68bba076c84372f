//! Rendering for people (terminal text, colour when it is a terminal) and for programs
//! (JSON). Knows nothing of how results were found.

use std::io::{self, Write};
use std::ops::Range;
use vraagbaak::index::IndexReport;
use vraagbaak::search::{Hit, Linked, SearchResults};
use vraagbaak::{Part, Passage, Question};

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

fn hit_meta(hit: &Hit) -> String {
    join_present(&[
        hit.number.map(|n| format!("nr. {n}")),
        hit.date.clone(),
        hit.asker.as_ref().map(|a| format!("asked by {a}")),
        hit.minister.as_ref().map(|m| format!("answered by {m}")),
    ])
}

pub fn search_text(out: &mut impl Write, style: &Style, r: &SearchResults) -> io::Result<()> {
    let shown = r.hits.len();
    let noun = if r.total == 1 { "passage" } else { "passages" };
    let head = if shown < r.total {
        format!("{} {noun} match `{}`; the best {shown}", r.total, r.query)
    } else {
        format!("{} {noun} match `{}`", r.total, r.query)
    };
    writeln!(
        out,
        "{} {}",
        style.bold(&head),
        style.dim(&format!("({} ms)", r.took_ms))
    )?;
    for hit in &r.hits {
        writeln!(out)?;
        let topic = hit
            .topic
            .as_deref()
            .map(|t| marked(style, t, &hit.topic_highlights))
            .unwrap_or_else(|| "(no title)".to_string());
        writeln!(out, "{:>3}. {}", hit.rank, style.bold(&topic))?;
        writeln!(out, "     {}", hit_meta(hit))?;
        let where_ = match &hit.label {
            Some(l) => format!("{} {l}", hit.part),
            None => hit.part.to_string(),
        };
        writeln!(
            out,
            "     {}",
            style.dim(&format!(
                "{where_} · score {:.2} · {}",
                hit.score, hit.doc_id
            ))
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
                first.doc_id
            ))
        )?;
    }
    Ok(())
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

/// What `show` prints: the question and the other copies of it.
#[derive(serde::Serialize)]
pub struct Shown<'a> {
    #[serde(flatten)]
    pub question: &'a Question,
    /// The same question put to other ministers (a joint answer).
    pub linked: &'a [Linked],
}

pub fn question_text(out: &mut impl Write, style: &Style, shown: &Shown) -> io::Result<()> {
    let q = shown.question;
    writeln!(
        out,
        "{}",
        style.bold(q.topic.as_deref().unwrap_or("(no title)"))
    )?;
    let rows = [
        ("number", q.number.map(|n| n.to_string())),
        ("date", q.date.clone()),
        ("asked by", q.asker.clone()),
        ("answered by", q.minister.clone()),
        ("portfolio", q.portfolio.clone()),
        ("file", Some(q.path.clone())),
        ("id", Some(q.doc_id.clone())),
    ];
    for (k, v) in rows {
        let v = v.unwrap_or_else(|| "(not in the document)".to_string());
        writeln!(out, "{}", style.dim(&format!("{k:<12}{v}")))?;
    }
    for l in shown.linked {
        let who = l.minister.as_deref().unwrap_or("another minister");
        writeln!(
            out,
            "{}",
            style.dim(&format!("{:<12}{who} ({})", "also put to", l.doc_id))
        )?;
    }
    for (part, title) in [(Part::Question, "QUESTION"), (Part::Answer, "ANSWER")] {
        writeln!(out)?;
        writeln!(out, "{}", style.bold(title))?;
        writeln!(out)?;
        let mut any = false;
        for p in q.passages.iter().filter(|p| p.part == part) {
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
    let linked: Vec<&Passage> = q
        .passages
        .iter()
        .filter(|p| !p.answered.is_empty())
        .collect();
    if linked.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", style.bold("EACH SUB-QUESTION WITH ITS ANSWER"))?;
    writeln!(out)?;
    for p in q.passages.iter().filter(|p| p.part == Part::Question) {
        for (label, text) in vraagbaak::parse::passage_items(p) {
            if label.is_empty() {
                continue;
            }
            wrap(
                out,
                &format!("{} {text}", style.bold(&label)),
                2,
                style.width,
            )?;
            let answers: Vec<&&Passage> = linked
                .iter()
                .filter(|a| a.answered.iter().any(|l| answers_item(l, &label)))
                .collect();
            if answers.is_empty() {
                wrap(
                    out,
                    &style.dim("(no answer is labelled for it)"),
                    6,
                    style.width,
                )?;
            }
            for a in answers {
                let head = format!("-> {}", a.label.as_deref().unwrap_or(""));
                wrap(
                    out,
                    &format!("{} {}", style.bold(&head), a.text),
                    6,
                    style.width,
                )?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Whether an answered label (`2. c)`, `2.`) covers a question item label: the same item,
/// a whole number over its letters, or letters under their number's lead-in.
fn answers_item(answered: &str, item: &str) -> bool {
    answered == item
        || (answered.ends_with('.') && item.starts_with(answered))
        || (item.ends_with('.') && answered.starts_with(item))
}

/// `1 question`, `2 questions`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn index_text(out: &mut impl Write, r: &IndexReport) -> io::Result<()> {
    let s = count;
    writeln!(
        out,
        "indexed {} ({}) in {:.2} s; {} in {}",
        s(r.questions_indexed, "question", "questions"),
        s(r.passages_indexed, "passage", "passages"),
        r.seconds,
        s(r.questions_total, "question", "questions"),
        r.index,
    )?;
    writeln!(out, "  files seen         {}", r.files_seen)?;
    for (label, n) in [
        ("added", r.added),
        ("updated", r.updated),
        ("unchanged", r.unchanged),
        ("moved", r.renamed),
        ("removed", r.removed),
    ] {
        if n > 0 || label == "added" {
            writeln!(out, "  {label:<19}{n}")?;
        }
    }
    writeln!(out, "  files skipped      {}", r.skipped.len())?;
    if r.other_files > 0 {
        writeln!(out, "  not .txt, passed over  {}", r.other_files)?;
    }
    if !r.incomplete.is_empty() {
        writeln!(
            out,
            "  incomplete         {} (indexed; the fields the document does not give are null)",
            r.incomplete.len()
        )?;
    }
    for s in &r.skipped {
        writeln!(out, "  skipped {}: {}", s.path, s.reason)?;
    }
    for i in &r.incomplete {
        let at = if i.doc_id.contains('#') {
            format!("{} ({})", i.path, i.doc_id)
        } else {
            i.path.clone()
        };
        writeln!(out, "  incomplete {at}: no {}", i.missing.join(", no "))?;
    }
    for m in &r.missing {
        writeln!(out, "  not found: {m}")?;
    }
    Ok(())
}

/// The acronyms an index learned: one a line, long forms with their question counts.
pub fn acronyms_text(
    out: &mut impl Write,
    style: &Style,
    learned: &[vraagbaak::index::acronyms::Learned],
    min: usize,
) -> io::Result<()> {
    if learned.is_empty() {
        return if min > 1 {
            writeln!(out, "no acronym learned from {min} or more questions")
        } else {
            writeln!(
                out,
                "no acronyms learned: no text writes `long form (ACRONYM)` or `ACRONYM (long form)`"
            )
        };
    }
    let width = learned
        .iter()
        .map(|l| l.acronym.chars().count())
        .max()
        .unwrap_or(0)
        .max("acronym".len());
    writeln!(
        out,
        "{}",
        style.bold(&format!("{:<width$}  questions  long forms", "acronym"))
    )?;
    for l in learned {
        let forms: Vec<String> = l
            .long_forms
            .iter()
            .map(|f| format!("{} ({})", f.written, f.questions))
            .collect();
        writeln!(
            out,
            "{:<width$}  {:>9}  {}",
            l.acronym,
            l.questions,
            forms.join("; ")
        )?;
    }
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{} learned",
            count(learned.len(), "acronym", "acronyms")
        ))
    )
}

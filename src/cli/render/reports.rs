//! Rendering of the reports of the other commands: `stats`, `table`, `sync`, `index`,
//! `acronyms`.

use super::{Style, count, facet_table};
use std::io::{self, Write};
use vraagbaak::Stats;
use vraagbaak::indexing::IndexReport;
use vraagbaak::lookup::Table;

/// `vraagbaak stats`.
pub fn stats_text(out: &mut impl Write, style: &Style, s: &Stats) -> io::Result<()> {
    writeln!(out, "{}", style.bold(&format!("index {}", s.index)))?;
    let rows = [
        ("questions", s.questions.to_string()),
        ("open", s.open.to_string()),
        ("passages", s.passages.to_string()),
        ("files", s.files.to_string()),
        ("size", size(s.size_bytes)),
        (
            "last update",
            s.last_update.clone().unwrap_or_else(|| "(unknown)".into()),
        ),
        ("format", s.format.to_string()),
    ];
    for (k, v) in rows {
        writeln!(out, "  {k:<12}{v}")?;
    }
    writeln!(out)?;
    facet_table(out, style, "questions per minister", &s.ministers)?;
    facet_table(out, style, "questions per year", &s.years)?;
    let askers = if s.askers.others > 0 {
        format!(
            "questions per asker, the {} who asked the most",
            s.askers.values.len()
        )
    } else {
        "questions per asker".to_string()
    };
    facet_table(out, style, &askers, &s.askers)?;
    if !s.themes.values.is_empty() {
        facet_table(out, style, "questions per theme", &s.themes)?;
    }
    for name in ["ministers", "months"] {
        if let Some(t) = s.table(name)
            && !t.rows.is_empty()
        {
            table_text(out, style, &t)?;
        }
    }
    Ok(())
}

/// One table of the statistics: a header, then a row a line, the first column to the
/// left and the others, numbers, to the right.
pub fn table_text(out: &mut impl Write, style: &Style, t: &Table) -> io::Result<()> {
    let title = match t.name {
        "ministers" => "per minister (days to answer from the parliament's records)",
        "months" => "per month (answered: in that month)",
        other => other,
    };
    writeln!(out, "{}", style.bold(title))?;
    if t.rows.is_empty() {
        writeln!(out, "  (none)")?;
        return writeln!(out);
    }
    let cell = |v: &str| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.to_string()
        }
    };
    let widths: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, (key, _))| {
            t.rows
                .iter()
                .map(|r| r.get(i).map_or(1, |v| cell(v).chars().count()))
                .chain([key.chars().count()])
                .max()
                .unwrap_or(1)
        })
        .collect();
    // Numbers to the right, text (the first column, ids) to the left.
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| {
            i > 0
                && t.rows.iter().all(|r| {
                    r.get(i)
                        .is_none_or(|v| v.is_empty() || v.parse::<f64>().is_ok())
                })
        })
        .collect();
    let line = |values: Vec<String>| {
        let mut l = String::from(" ");
        for ((v, w), right) in values.iter().zip(&widths).zip(&numeric) {
            let pad = w.saturating_sub(v.chars().count());
            l.push(' ');
            if *right {
                l.push_str(&" ".repeat(pad));
                l.push_str(v);
            } else {
                l.push_str(v);
                l.push_str(&" ".repeat(pad));
            }
        }
        l.trim_end().to_string()
    };
    let header = line(t.columns.iter().map(|(k, _)| k.to_string()).collect());
    writeln!(out, "{}", style.dim(&header))?;
    for row in &t.rows {
        writeln!(out, "{}", line(row.iter().map(|v| cell(v)).collect()))?;
    }
    writeln!(out)
}

/// `vraagbaak sync`: what it listed, fetched and could not.
pub fn sync_text(out: &mut impl Write, r: &vraagbaak::sync::SyncReport) -> io::Result<()> {
    writeln!(
        out,
        "synced {} from {} ({} to {}) in {:.1} s, {}",
        r.corpus,
        r.api,
        r.since,
        r.until,
        r.seconds,
        count(r.requests, "request", "requests")
    )?;
    for (label, n) in [
        ("listed", r.listed),
        ("new", r.new),
        ("changed", r.changed),
        ("unchanged", r.unchanged),
        ("documents fetched", r.documents_fetched),
        ("still open", r.still_open),
        ("failed", r.failed.len()),
    ] {
        writeln!(out, "  {label:<19}{n}")?;
    }
    for f in &r.failed {
        writeln!(out, "  failed {} {}: {}", f.what, f.id, f.reason)?;
    }
    if r.interrupted {
        writeln!(out, "  interrupted: the next run goes on")?;
    }
    if r.limit_reached {
        writeln!(out, "  the request limit was reached: the next run goes on")?;
    }
    Ok(())
}

/// `812 KB`, `56.9 MB`, `1.2 GB`.
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b < 1e6 {
        format!("{:.0} KB", (b / 1e3).max(1.0))
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.2} GB", b / 1e9)
    }
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
    if r.pdfs_read > 0 {
        writeln!(out, "  PDFs read          {}", r.pdfs_read)?;
    }
    for (label, n) in [
        ("added", r.added),
        ("updated", r.updated),
        ("unchanged", r.unchanged),
        ("moved", r.moved),
        ("removed", r.removed),
    ] {
        if n > 0 || label == "added" {
            writeln!(out, "  {label:<19}{n}")?;
        }
    }
    writeln!(out, "  files skipped      {}", r.skipped.len())?;
    if r.other_files > 0 {
        writeln!(out, "  not .txt or .pdf, passed over  {}", r.other_files)?;
    }
    if !r.incomplete.is_empty() {
        writeln!(
            out,
            "  incomplete         {} (indexed; the fields the document does not give are null)",
            r.incomplete.len()
        )?;
    }
    if r.records_read > 0 || !r.records_ignored.is_empty() {
        writeln!(out, "  records read       {}", r.records_read)?;
    }
    if r.records_alone > 0 {
        writeln!(
            out,
            "  records alone      {} (questions without their document yet)",
            r.records_alone
        )?;
    }
    for s in &r.records_ignored {
        writeln!(out, "  record ignored {}: {}", s.path, s.reason)?;
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

/// The acronyms searches widen with: one a line, learned ones with their question counts,
/// then those of the shipped list (`list` where a count would stand).
pub fn acronyms_text(
    out: &mut impl Write,
    style: &Style,
    acronyms: &[vraagbaak::index::learned::Learned],
    min: usize,
) -> io::Result<()> {
    use vraagbaak::index::learned::Source;
    if acronyms.is_empty() {
        return if min > 1 {
            writeln!(out, "no acronym learned from {min} or more questions")
        } else {
            writeln!(
                out,
                "no acronyms learned: no text writes `long form (ACRONYM)` or `ACRONYM (long form)`"
            )
        };
    }
    let width = acronyms
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
    for l in acronyms {
        let (questions, forms): (String, Vec<String>) = match l.source {
            Source::Learned => (
                l.questions.to_string(),
                l.long_forms
                    .iter()
                    .map(|f| format!("{} ({})", f.written, f.questions))
                    .collect(),
            ),
            Source::List => (
                "list".to_string(),
                l.long_forms.iter().map(|f| f.written.clone()).collect(),
            ),
        };
        writeln!(
            out,
            "{:<width$}  {:>9}  {}",
            l.acronym,
            questions,
            forms.join("; ")
        )?;
    }
    let learned = acronyms
        .iter()
        .filter(|l| l.source == Source::Learned)
        .count();
    let listed = acronyms.len() - learned;
    let summary = if listed > 0 {
        format!(
            "{} learned, {listed} from the shipped list",
            count(learned, "acronym", "acronyms")
        )
    } else {
        format!("{} learned", count(learned, "acronym", "acronyms"))
    };
    writeln!(out, "{}", style.dim(&summary))
}

//! `search --batch FILE`: every query of a file in one process, one reader for all.
//! Lines are `QUERY<TAB>minister<TAB>from<TAB>to`; empty fields fall back to the flags.

use super::args::{Format, SearchArgs};
use super::render::{self, Style};
use anyhow::{Context, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use vraagbaak::index::Store;
use vraagbaak::search::{Facets, Hit, Session, Unit};

/// One line of output with `--json`.
#[derive(Serialize)]
struct Line<'a> {
    query: &'a str,
    minister: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    unit: Unit,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_questions: Option<usize>,
    took_ms: f64,
    hits: &'a [Hit],
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<&'a Facets>,
    /// What the search said (a correction, a name that matches nobody).
    #[serde(skip_serializing_if = "<[vraagbaak::search::Notice]>::is_empty")]
    notices: &'a [vraagbaak::search::Notice],
}

fn field(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn run(
    store: &Store,
    file: &Path,
    a: &SearchArgs,
    style: &Style,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let session = Session::open(store)?;
    let mut took = Vec::new();
    let mut failed = 0;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let query = cols.next().unwrap_or_default().trim();
        let (minister, from, to) = (field(cols.next()), field(cols.next()), field(cols.next()));
        // A line's fields stand in for the flags' filters.
        let result = (|| -> vraagbaak::Result<_> {
            let mut filters = a.filters();
            for (name, value) in [("minister", minister), ("from", from), ("to", to)] {
                if let Some(v) = value {
                    filters.set(name, v).map_err(vraagbaak::Error::usage)?;
                }
            }
            filters.check().map_err(vraagbaak::Error::usage)?;
            session.search(&a.request(query.to_string(), filters))
        })();
        let results = match result {
            Ok(r) => r,
            Err(e) => {
                eprintln!("vraagbaak: {}:{}: {e:#}", file.display(), n + 1);
                failed += 1;
                continue;
            }
        };
        took.push(results.took_ms);
        for notice in &results.notices {
            eprintln!("vraagbaak: {}:{}: {notice}", file.display(), n + 1);
        }
        if a.format() == Format::Json {
            let line = Line {
                query,
                minister,
                from,
                to,
                unit: results.unit,
                total: results.total,
                total_questions: results.total_questions,
                took_ms: results.took_ms,
                hits: &results.hits,
                facets: results.facets.as_ref(),
                notices: &results.notices,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        } else {
            render::search_text(out, style, &results)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    took.sort_by(|x, y| x.total_cmp(y));
    eprintln!(
        "vraagbaak: {} queries, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms{}",
        took.len(),
        percentile(&took, 50.0),
        percentile(&took, 95.0),
        took.last().copied().unwrap_or(0.0),
        if failed > 0 {
            format!(", {failed} lines failed")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), 10.0);
        assert_eq!(percentile(&v, 95.0), 19.0);
        assert_eq!(percentile(&v, 100.0), 20.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }
}

//! The listing: the search service asked for the written questions published in a window
//! of dates, a page of 100 at a time while `lastindex < count`; a window that reaches the
//! service's cap of 10,000 is split (by month, then halved) so that nothing is cut off.
//! The metatags are read defensively: a name repeated, missing or empty.

use super::client::{Body, Client, Failure};
use serde_json::Value;
use time::Date;

/// Results a page (the service's most).
pub const PAGE: usize = 100;
/// The most results the service gives for one query.
pub const CAP: usize = 10_000;

/// A question as the listing gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The record's id at the open-data service (the number in the `opendata` link).
    pub id: String,
    pub number: Option<u32>,
    pub session: Option<String>,
    pub published: Option<Date>,
    pub last_modified: Option<String>,
    /// The PDF of question and answer, where linked.
    pub document: Option<String>,
}

/// One page of the listing, as read.
struct Page {
    count: usize,
    lastindex: usize,
    results: Vec<Listed>,
    /// Results that name no record (no `opendata` link, no id with a number).
    unnamed: usize,
}

/// The URL of page `page` (from 1) of the window `from..=to`.
fn page_url(base: &str, from: Date, to: Date, page: usize) -> String {
    format!(
        "{base}/api/search/query/inmeta:publicatiedatum:daterange:{}..{}?collection=vp_collection&requiredfields=aggregaattype:Schriftelijke%20vraag&sort=date&max={PAGE}&page={page}",
        crate::parse::date::iso(from),
        crate::parse::date::iso(to),
    )
}

/// The values of the metatags named `name`, trimmed, the empty left out.
fn metatags<'a>(result: &'a Value, name: &str) -> Vec<&'a str> {
    let tags = &result["metatags"]["metatag"];
    // One tag may come as an object rather than a list of one.
    let list: Vec<&Value> = match tags {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![tags],
        _ => Vec::new(),
    };
    list.into_iter()
        .filter(|t| t["name"].as_str().is_some_and(|n| n.trim() == name))
        .filter_map(|t| t["value"].as_str().map(str::trim))
        .filter(|v| !v.is_empty())
        .collect()
}

fn first<'a>(result: &'a Value, name: &str) -> Option<&'a str> {
    metatags(result, name).into_iter().next()
}

/// The digits at the end of a link or id (`.../schv/1791077` → `1791077`).
fn trailing_number(s: &str) -> Option<String> {
    let digits: String = s
        .trim_end_matches('/')
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| digits.chars().rev().collect())
}

/// A result of the listing, or None when it names no record.
fn listed(result: &Value) -> Option<Listed> {
    let id = first(result, "opendata")
        .and_then(trailing_number)
        .or_else(|| result["id"].as_str().and_then(trailing_number))?;
    Some(Listed {
        id,
        number: first(result, "nummer").and_then(|n| n.parse().ok()),
        session: first(result, "zittingsjaar").map(str::to_string),
        published: first(result, "publicatiedatum")
            .and_then(|d| crate::parse::date::parse_iso(d.get(..10).unwrap_or(d))),
        last_modified: first(result, "last_modified").map(str::to_string),
        document: first(result, "document")
            .filter(|d| d.starts_with("http://") || d.starts_with("https://"))
            .map(str::to_string),
    })
}

/// A body read as a page of the listing, or why it is not one.
fn read_page(body: &Body) -> Result<Page, String> {
    let v: Value = serde_json::from_slice(&body.bytes).map_err(|e| {
        if body.content_type.contains("html") {
            "an HTML page instead of the listing".to_string()
        } else {
            format!("the listing is not whole JSON ({e})")
        }
    })?;
    let number = |name: &str| -> Option<usize> {
        match &v[name] {
            Value::Number(n) => n.as_u64().map(|n| n as usize),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    let count = number("count").ok_or("the listing gives no count")?;
    let all: Vec<&Value> = match &v["result"] {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![&v["result"]],
        _ => Vec::new(),
    };
    let results: Vec<Listed> = all.iter().filter_map(|r| listed(r)).collect();
    let lastindex = number("lastindex").unwrap_or(0);
    Ok(Page {
        count,
        lastindex,
        unnamed: all.len() - results.len(),
        results,
    })
}

/// What a listing found, and the windows it could not list whole.
#[derive(Debug, Default)]
pub struct Listing {
    pub found: Vec<Listed>,
    /// Windows not listed whole: the window and the reason.
    pub failed: Vec<(String, String)>,
    /// Stopped (Ctrl-C or the request limit) before the end.
    pub stopped: Option<Failure>,
    /// Results that named no record, passed over.
    pub unnamed: usize,
}

/// Lists every question published from `from` to `to` (both included); a window with
/// `cap` results or more (the service's most, [`CAP`]) is split.
pub fn list(client: &mut Client, base: &str, from: Date, to: Date, cap: usize) -> Listing {
    let mut out = Listing::default();
    window(client, base, from, to, cap.max(1), &mut out);
    out
}

/// `from..=to` in parts: by month where it spans more than one, else in halves.
fn split(from: Date, to: Date) -> Vec<(Date, Date)> {
    let mut parts = Vec::new();
    if next_month(from) <= to {
        let mut start = from;
        while start <= to {
            let end = (next_month(start) - time::Duration::days(1)).min(to);
            parts.push((start, end));
            start = end + time::Duration::days(1);
        }
    } else {
        let half = from + (to - from) / 2;
        parts.push((from, half));
        parts.push((half + time::Duration::days(1), to));
    }
    parts
}

/// The month after the one `d` is in, its first day.
fn next_month(d: Date) -> Date {
    let first = d.replace_day(1).unwrap_or(d);
    first
        .checked_add(time::Duration::days(32))
        .and_then(|d| d.replace_day(1).ok())
        .unwrap_or(Date::MAX)
}

fn window(client: &mut Client, base: &str, from: Date, to: Date, cap: usize, out: &mut Listing) {
    if out.stopped.is_some() {
        return;
    }
    let name = format!(
        "{}..{}",
        crate::parse::date::iso(from),
        crate::parse::date::iso(to)
    );
    let check = |b: &Body| read_page(b).map(|_| ());
    let mut page = 1;
    loop {
        let body = match client.get(&page_url(base, from, to, page), "application/json", &check) {
            Ok(b) => b,
            Err(Failure::Item(reason)) => {
                out.failed.push((name, reason));
                return;
            }
            Err(stop) => {
                out.stopped = Some(stop);
                return;
            }
        };
        let Ok(p) = read_page(&body) else {
            return;
        };
        // Over the cap, or a page empty before the count is reached (the service's cap is
        // lower than thought): split the window so that nothing is cut off.
        let over = page == 1 && p.count >= cap;
        let short = p.results.is_empty() && (page - 1) * PAGE < p.count;
        if (over || short) && from < to {
            for (a, b) in split(from, to) {
                window(client, base, a, b, cap, out);
            }
            return;
        }
        if over || short {
            // One day over the cap cannot be split: take what the service gives.
            // Said once: on the first page when over the cap, else where it fell short.
            if over || p.count < cap {
                out.failed.push((
                    name.clone(),
                    format!(
                        "{} questions published on one day: the service gives only the first {}",
                        p.count,
                        if short { (page - 1) * PAGE } else { cap }
                    ),
                ));
            }
            if short {
                return;
            }
        }
        out.unnamed += p.unnamed;
        out.found.extend(p.results);
        let seen = p.lastindex.max(page * PAGE);
        if seen >= p.count || p.lastindex == 0 {
            return;
        }
        page += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn metatags_are_read_repeated_missing_or_empty() {
        let v: Value = serde_json::from_str(
            r#"{"id": "http://be.vlp.feed/1/pfls/9", "metatags": {"metatag": [
                {"name": "thema", "value": "A"}, {"name": "thema", "value": "B"},
                {"name": "nummer", "value": " 77 "}, {"name": "zittingsjaar", "value": ""},
                {"name": "opendata", "value": "https://ws.vlpar.be/e/opendata/schv/1791077"},
                {"name": "document", "value": "javascript:alert(1)"}]}}"#,
        )
        .expect("json");
        assert_eq!(metatags(&v, "thema"), ["A", "B"]);
        let l = listed(&v).expect("listed");
        assert_eq!(l.id, "1791077");
        assert_eq!(l.number, Some(77));
        assert_eq!(l.session, None, "empty is unknown");
        assert_eq!(l.document, None, "only http links");
        // No opendata link: the id's last number.
        let v: Value =
            serde_json::from_str(r#"{"id": "http://be.vlp.feed/1/pfls/9"}"#).expect("json");
        assert_eq!(listed(&v).map(|l| l.id), Some("9".to_string()));
        assert_eq!(listed(&serde_json::json!({"title": "x"})), None);
    }

    #[test]
    fn months_follow_each_other() {
        assert_eq!(next_month(date!(2023 - 01 - 31)), date!(2023 - 02 - 01));
        assert_eq!(next_month(date!(2023 - 12 - 05)), date!(2024 - 01 - 01));
    }
}

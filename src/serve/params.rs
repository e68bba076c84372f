//! The query parameters of the page, the feed and the API: read, checked (a one-line
//! message for each mistake), turned into a [`SearchRequest`], and written back into
//! links that reproduce the page with one thing changed.

use crate::search::{Expansions, FILTERS, Filters, SearchRequest, Sort, clip};

/// The longest query taken.
pub const MAX_QUERY: usize = 500;
/// The longest name or title filter taken.
const MAX_FILTER: usize = 200;
/// The most hits of one request.
pub const MAX_LIMIT: usize = 100;
/// The deepest page: walking further costs more than a reader reads.
const MAX_OFFSET: usize = 10_000;

/// The parameters beside the query and the filters, in the order links write them
/// (after `q` and the filters).
const OTHERS: [&str; 7] = [
    "sort",
    "offset",
    "limit",
    "per_question",
    "questions",
    "facets",
    "exact",
];

/// Every parameter, in the order links write them.
fn known() -> impl Iterator<Item = &'static str> {
    std::iter::once("q")
        .chain(FILTERS.iter().map(|f| f.name))
        .chain(OTHERS)
}

/// The parameters of one request. An empty value is no value (a form sends its empty
/// fields).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub q: Option<String>,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
    pub per_question: Option<usize>,
    pub questions: bool,
    pub facets: bool,
    pub exact: bool,
}

/// A query string read as its parameters, or what is wrong with it.
pub fn parse(raw: Option<&str>) -> Result<Params, String> {
    let mut p = Params::default();
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if !known().any(|k| k == name) {
            return Err(format!(
                "unknown parameter `{}`; known: {}",
                clip(&name, 40),
                known().collect::<Vec<_>>().join(", ")
            ));
        }
        if seen.iter().any(|s| *s == name) {
            return Err(format!("`{name}` is given twice"));
        }
        seen.push(name.to_string());
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        if set_filter(&mut p.filters, &name, value)? {
            continue;
        }
        match name.as_ref() {
            "q" => p.q = Some(text(&name, value, MAX_QUERY)?),
            "sort" => p.sort = value.parse().map_err(|e| format!("`{name}`: {e}"))?,
            "offset" => p.offset = Some(number(&name, value, 0, MAX_OFFSET)?),
            "limit" => p.limit = Some(number(&name, value, 1, MAX_LIMIT)?),
            "per_question" => p.per_question = Some(number(&name, value, 1, MAX_LIMIT)?),
            "questions" => p.questions = yes(&name, value)?,
            "facets" => p.facets = yes(&name, value)?,
            "exact" => p.exact = yes(&name, value)?,
            _ => {}
        }
    }
    p.filters.check()?;
    if p.questions && p.per_question.is_some() {
        return Err("give `questions` or `per_question`, not both".into());
    }
    Ok(p)
}

/// Sets filter `name` to `value` where `name` is a filter (true), else nothing (false).
fn set_filter(filters: &mut Filters, name: &str, value: &str) -> Result<bool, String> {
    let Some(f) = FILTERS.iter().find(|f| f.name == name) else {
        return Ok(false);
    };
    if f.text {
        text(name, value, MAX_FILTER)?;
    }
    filters
        .set(name, value)
        .map_err(|e| format!("`{name}`: {e}"))?;
    Ok(true)
}

/// How many askers the statistics list unless told, as `stats` does.
pub const TOP_ASKERS: usize = 20;
/// The most askers the statistics list.
const MAX_TOP: usize = 1000;

/// The parameters of `/stats` and `/api/stats`: the search's filters, and `top` (how
/// many askers).
#[derive(Debug, Clone, PartialEq)]
pub struct StatsParams {
    pub filters: Filters,
    pub top: usize,
}

/// A query string read as the statistics' parameters, or what is wrong with it.
pub fn parse_stats(raw: Option<&str>) -> Result<StatsParams, String> {
    let mut p = StatsParams {
        filters: Filters::default(),
        top: TOP_ASKERS,
    };
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let value = value.trim();
        if name == "top" {
            if !value.is_empty() {
                p.top = number(&name, value, 1, MAX_TOP)?;
            }
        } else if !FILTERS.iter().any(|f| f.name == name) {
            return Err(format!(
                "unknown parameter `{}`; known: {}, top",
                clip(&name, 40),
                FILTERS
                    .iter()
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        } else if !value.is_empty() {
            set_filter(&mut p.filters, &name, value)?;
        }
        if seen.iter().any(|s| *s == name) {
            return Err(format!("`{name}` is given twice"));
        }
        seen.push(name.to_string());
    }
    p.filters.check()?;
    Ok(p)
}

/// The statistics page of these filters.
pub(crate) fn stats_link(filters: &Filters) -> String {
    StatsParams {
        filters: filters.clone(),
        top: TOP_ASKERS,
    }
    .link("/stats")
}

impl StatsParams {
    /// The query string of these parameters (the filters, then `top` unless the
    /// default), `?` included unless empty.
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.filters.pairs() {
            out.append_pair(name, &value);
        }
        if self.top != TOP_ASKERS {
            out.append_pair("top", &self.top.to_string());
        }
        let s = out.finish();
        if s.is_empty() { s } else { format!("?{s}") }
    }

    /// A link to `path` with these parameters.
    pub fn link(&self, path: &str) -> String {
        format!("{path}{}", self.query_string())
    }
}

fn text(name: &str, value: &str, most: usize) -> Result<String, String> {
    if value.chars().count() > most {
        return Err(format!("`{name}` is longer than {most} characters"));
    }
    Ok(value.to_string())
}

fn number(name: &str, value: &str, least: usize, most: usize) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if (least..=most).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{name}`: `{}` is not a whole number from {least} to {most}",
            clip(value, 40)
        )),
    }
}

fn yes(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!(
            "`{name}`: `{}` is not true or false",
            clip(value, 40)
        )),
    }
}

impl Params {
    /// The search these parameters ask for, as `search --json` runs it.
    pub fn request(&self, query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            filters: self.filters.clone(),
            limit: self.limit.unwrap_or(10),
            expand: if self.exact {
                Expansions::NONE
            } else {
                Expansions::DEFAULT
            },
            offset: self.offset.unwrap_or(0),
            sort: self.sort,
            per_question: self.per_question,
            questions: self.questions,
            facets: self.facets,
        }
    }

    /// Whether any filter is set.
    pub fn filtered(&self) -> bool {
        !self.filters.is_empty()
    }

    /// The query string that gives these parameters back (defaults left out), in a
    /// fixed order: one page has one link.
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(q) = &self.q {
            out.append_pair("q", q);
        }
        for (name, value) in self.filters.pairs() {
            out.append_pair(name, &value);
        }
        let pairs: [(&str, Option<String>); OTHERS.len()] = [
            (
                "sort",
                (self.sort != Sort::Relevance).then(|| self.sort.as_str().to_string()),
            ),
            (
                "offset",
                self.offset.filter(|&o| o > 0).map(|o| o.to_string()),
            ),
            ("limit", self.limit.map(|l| l.to_string())),
            ("per_question", self.per_question.map(|n| n.to_string())),
            ("questions", self.questions.then(|| "true".into())),
            ("facets", self.facets.then(|| "true".into())),
            ("exact", self.exact.then(|| "true".into())),
        ];
        for (name, value) in pairs {
            if let Some(v) = value {
                out.append_pair(name, &v);
            }
        }
        out.finish()
    }

    /// `path` with these parameters.
    pub fn link(&self, path: &str) -> String {
        let qs = self.query_string();
        if qs.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{qs}")
        }
    }

    /// These parameters at another offset.
    pub fn at(&self, offset: usize) -> Params {
        Params {
            offset: Some(offset),
            ..self.clone()
        }
    }
}

/// What a path segment must encode: all but letters, digits and `-._~` (RFC 3986's
/// unreserved characters).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path segment for a question id (bulletin ids hold `#`).
pub fn segment(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_read_and_write_back_alike() {
        let raw = "q=beroepsgeheim+LIVC&minister=Zuhal%20Demir&from=2022-01-01&sort=newest&offset=20&part=answer&facets=on&asker=&theme=Justitie&session=2022-2023&answered=late";
        let p = parse(Some(raw)).expect("parse");
        assert_eq!(p.q.as_deref(), Some("beroepsgeheim LIVC"));
        assert_eq!(p.filters.minister.as_deref(), Some("Zuhal Demir"));
        assert_eq!(p.filters.asker, None);
        assert_eq!(p.sort, Sort::Newest);
        assert!(p.facets);
        assert_eq!(parse(Some(&p.query_string())).expect("again"), p);
    }

    #[test]
    fn mistakes_are_named() {
        for (raw, says) in [
            ("from=2022-13-01", "`from`: `2022-13-01` is not a date"),
            (
                "limit=0",
                "`limit`: `0` is not a whole number from 1 to 100",
            ),
            ("limit=101", "from 1 to 100"),
            ("sort=best", "`sort`: `best` is not one of relevance"),
            ("part=titel", "`part`: `titel`"),
            ("minster=x", "unknown parameter `minster`"),
            ("q=a&q=b", "`q` is given twice"),
            ("from=2023-01-01&to=2022-01-01", "is after `to`"),
            ("questions=maybe", "not true or false"),
            ("questions=1&per_question=2", "not both"),
            (
                "session=2022-2024",
                "`session`: `2022-2024` is not a session",
            ),
            (
                "answered=soon",
                "`answered`: `soon` is not one of in-time, late",
            ),
        ] {
            let err = parse(Some(raw)).expect_err(raw);
            assert!(err.contains(says), "{raw}: {err}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY + 1));
        assert!(
            parse(Some(&long))
                .expect_err("long")
                .contains("longer than 500")
        );
    }

    #[test]
    fn an_id_is_one_path_segment() {
        assert_eq!(segment("bulletin-12#3 ü/x"), "bulletin-12%233%20%C3%BC%2Fx");
    }
}

//! The query parameters of the page, the feed and the API: read, checked (a one-line
//! message for each mistake), turned into a [`SearchRequest`], and written back into
//! links that reproduce the page with one thing changed.

use crate::model::Part;
use crate::parse::date;
use crate::search::{Answered, Expansions, Filters, SearchRequest, Sort};
use time::Date;

/// The longest query taken.
pub const MAX_QUERY: usize = 500;
/// The longest name or title filter taken.
const MAX_FILTER: usize = 200;
/// The most hits of one request.
pub const MAX_LIMIT: usize = 100;
/// The deepest page: walking further costs more than a reader reads.
const MAX_OFFSET: usize = 10_000;

/// Every parameter, in the order links write them.
const KNOWN: [&str; 17] = [
    "q",
    "minister",
    "asker",
    "from",
    "to",
    "topic",
    "part",
    "theme",
    "session",
    "answered",
    "sort",
    "offset",
    "limit",
    "per_question",
    "questions",
    "facets",
    "exact",
];

/// The parameters of one request. An empty value is no value (a form sends its empty
/// fields).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    pub q: Option<String>,
    pub minister: Option<String>,
    pub asker: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub topic: Option<String>,
    pub part: Option<Part>,
    pub theme: Option<String>,
    pub session: Option<String>,
    pub answered: Option<Answered>,
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
        if !KNOWN.contains(&name.as_ref()) {
            return Err(format!(
                "unknown parameter `{}`; known: {}",
                clip(&name, 40),
                KNOWN.join(", ")
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
        match name.as_ref() {
            "q" => p.q = Some(text(&name, value, MAX_QUERY)?),
            "minister" => p.minister = Some(text(&name, value, MAX_FILTER)?),
            "asker" => p.asker = Some(text(&name, value, MAX_FILTER)?),
            "topic" => p.topic = Some(text(&name, value, MAX_FILTER)?),
            "from" => p.from = Some(day(&name, value)?),
            "to" => p.to = Some(day(&name, value)?),
            "part" => {
                p.part = Some(match value {
                    "question" => Part::Question,
                    "answer" => Part::Answer,
                    _ => return Err(one_of(&name, value, "question, answer")),
                })
            }
            "theme" => p.theme = Some(text(&name, value, MAX_FILTER)?),
            "session" => {
                p.session = Some(crate::parse::record::session(value).ok_or_else(|| {
                    format!(
                        "`session`: `{}` is not a session; write it as 2022-2023",
                        clip(value, 40)
                    )
                })?)
            }
            "answered" => {
                p.answered = Some(match value {
                    "in-time" => Answered::InTime,
                    "late" => Answered::Late,
                    _ => return Err(one_of(&name, value, "in-time, late")),
                })
            }
            "sort" => {
                p.sort = match value {
                    "relevance" => Sort::Relevance,
                    "newest" => Sort::Newest,
                    "oldest" => Sort::Oldest,
                    _ => return Err(one_of(&name, value, "relevance, newest, oldest")),
                }
            }
            "offset" => p.offset = Some(number(&name, value, 0, MAX_OFFSET)?),
            "limit" => p.limit = Some(number(&name, value, 1, MAX_LIMIT)?),
            "per_question" => p.per_question = Some(number(&name, value, 1, MAX_LIMIT)?),
            "questions" => p.questions = yes(&name, value)?,
            "facets" => p.facets = yes(&name, value)?,
            "exact" => p.exact = yes(&name, value)?,
            _ => {}
        }
    }
    if let (Some(from), Some(to)) = (p.from, p.to)
        && from > to
    {
        return Err(format!(
            "`from` {} is after `to` {}",
            date::iso(from),
            date::iso(to)
        ));
    }
    if p.questions && p.per_question.is_some() {
        return Err("give `questions` or `per_question`, not both".into());
    }
    Ok(p)
}

fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}

fn text(name: &str, value: &str, most: usize) -> Result<String, String> {
    if value.chars().count() > most {
        return Err(format!("`{name}` is longer than {most} characters"));
    }
    Ok(value.to_string())
}

fn day(name: &str, value: &str) -> Result<Date, String> {
    date::parse_iso(value).ok_or_else(|| {
        format!(
            "`{name}`: `{}` is not a date; write it as YYYY-MM-DD, e.g. 2022-12-09",
            clip(value, 40)
        )
    })
}

fn one_of(name: &str, value: &str, allowed: &str) -> String {
    format!("`{name}`: `{}` is not one of {allowed}", clip(value, 40))
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
    pub fn filters(&self) -> Filters {
        Filters {
            minister: self.minister.clone(),
            asker: self.asker.clone(),
            from: self.from,
            to: self.to,
            topic: self.topic.clone(),
            part: self.part,
            doc_ids: Vec::new(),
            theme: self.theme.clone(),
            session: self.session.clone(),
            answered: self.answered,
        }
    }

    /// The search these parameters ask for, as `search --json` runs it.
    pub fn request(&self, query: &str) -> SearchRequest {
        SearchRequest {
            query: query.to_string(),
            filters: self.filters(),
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
        self.minister.is_some()
            || self.asker.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.topic.is_some()
            || self.part.is_some()
            || self.theme.is_some()
            || self.session.is_some()
            || self.answered.is_some()
    }

    /// The query string that gives these parameters back (defaults left out), in a
    /// fixed order: one page has one link.
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        let some = |v: &Option<String>| v.clone();
        let pairs: [(&str, Option<String>); 17] = [
            ("q", some(&self.q)),
            ("minister", some(&self.minister)),
            ("asker", some(&self.asker)),
            ("from", self.from.map(date::iso)),
            ("to", self.to.map(date::iso)),
            ("topic", some(&self.topic)),
            ("part", self.part.map(|p| p.as_str().to_string())),
            ("theme", some(&self.theme)),
            ("session", some(&self.session)),
            ("answered", self.answered.map(|a| a.as_str().to_string())),
            (
                "sort",
                match self.sort {
                    Sort::Relevance => None,
                    Sort::Newest => Some("newest".into()),
                    Sort::Oldest => Some("oldest".into()),
                },
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
        assert_eq!(p.minister.as_deref(), Some("Zuhal Demir"));
        assert_eq!(p.asker, None);
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

//! The filters on a question's fields, declared once: their names, what each takes and
//! how it reads from text and writes back. The command line makes its flags from
//! [`FILTERS`] (`--minister`), the server its URL parameters (`?minister=`), links and
//! feeds write them back with [`Filters::pairs`]. A new filter is a field, a line in
//! [`FILTERS`] and an arm in `set` and `get` here, then the query that applies it
//! (`query/`).

use crate::model::{Part, Role, Status};
use crate::parse::{date, record};
use serde::Serialize;
use time::Date;

/// Filters on the question's fields. Names match on any of their parts, case and
/// accents aside.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub minister: Option<String>,
    pub asker: Option<String>,
    /// First question date, inclusive.
    pub from: Option<Date>,
    /// Last question date, inclusive.
    pub to: Option<Date>,
    /// Words that must be in the title.
    pub topic: Option<String>,
    pub part: Option<Part>,
    /// Only questions with this theme in their record (case and accents aside).
    pub theme: Option<String>,
    /// Only questions of this session (`2022-2023`).
    pub session: Option<String>,
    /// Only questions answered in time, or late (as their record says).
    pub answered: Option<Answered>,
    /// Only questions still open, or answered.
    pub status: Option<Status>,
    /// Only passages of these questions (by `doc_id`); none: every question. Set by a
    /// program (the page's "search within these questions"), not a flag.
    pub doc_ids: Vec<String>,
}

/// What a filter is called and takes, for the command line's help and the server's
/// messages.
#[derive(Debug, Clone, Copy)]
pub struct FilterSpec {
    /// The flag without its dashes, and the URL parameter.
    pub name: &'static str,
    /// What its value is, in help (`NAME`, `YYYY-MM-DD`).
    pub value_name: &'static str,
    pub help: &'static str,
    /// The values it takes, where they are few.
    pub choices: &'static [&'static str],
    /// Free text (a name, title words): the server bounds its length.
    pub text: bool,
}

const fn spec(
    name: &'static str,
    value_name: &'static str,
    help: &'static str,
    choices: &'static [&'static str],
    text: bool,
) -> FilterSpec {
    FilterSpec {
        name,
        value_name,
        help,
        choices,
        text,
    }
}

/// Every filter, in the order help lists them and links write them.
pub const FILTERS: [FilterSpec; 10] = [
    spec(
        "minister",
        "NAME",
        "Only questions answered by this minister (any part of the name, case and accents aside)",
        &[],
        true,
    ),
    spec(
        "asker",
        "NAME",
        "Only questions asked by this member (any part of the name, case and accents aside)",
        &[],
        true,
    ),
    spec(
        "from",
        "YYYY-MM-DD",
        "Only questions asked on or after this date",
        &[],
        false,
    ),
    spec(
        "to",
        "YYYY-MM-DD",
        "Only questions asked on or before this date",
        &[],
        false,
    ),
    spec(
        "topic",
        "TEXT",
        "Only questions with these words in the title",
        &[],
        true,
    ),
    spec(
        "part",
        "PART",
        "Only passages of the question or of the answer",
        &["question", "answer"],
        false,
    ),
    spec(
        "theme",
        "TEXT",
        "Only questions with this theme in the parliament's record beside them (case and accents aside)",
        &[],
        true,
    ),
    spec(
        "session",
        "YYYY-YYYY",
        "Only questions of this session, as the record says (e.g. 2022-2023)",
        &[],
        false,
    ),
    spec(
        "answered",
        "WHEN",
        "Only questions answered in time, or late, as the record says",
        &Answered::NAMES,
        false,
    ),
    spec(
        "status",
        "STATUS",
        "Only questions still waiting for an answer (open), or answered",
        &Status::NAMES,
        false,
    ),
];

/// Whether an answer came in time, as the parliament's record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answered {
    InTime,
    Late,
}

impl Answered {
    pub const NAMES: [&'static str; 2] = ["in-time", "late"];

    pub fn as_str(self) -> &'static str {
        match self {
            Answered::InTime => "in-time",
            Answered::Late => "late",
        }
    }
}

impl std::str::FromStr for Answered {
    type Err = String;

    fn from_str(s: &str) -> Result<Answered, String> {
        match s {
            "in-time" => Ok(Answered::InTime),
            "late" => Ok(Answered::Late),
            _ => Err(not_one_of(s, &Answered::NAMES)),
        }
    }
}

/// "`x` is not one of a, b": a value outside a short list (cut when long).
pub fn not_one_of(value: &str, allowed: &[&str]) -> String {
    format!("`{}` is not one of {}", clip(value, 40), allowed.join(", "))
}

/// A value as a message quotes it: its first `n` characters.
pub fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}

fn day(value: &str) -> Result<Date, String> {
    date::parse_iso(value).ok_or_else(|| {
        format!(
            "`{}` is not a date; write it as YYYY-MM-DD, e.g. 2022-12-09",
            clip(value, 40)
        )
    })
}

impl Filters {
    /// Sets the filter named `name` from its text (a flag's or a URL parameter's value),
    /// or says what is wrong with the value. An unknown name is an error too.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let text = || Some(value.to_string());
        match name {
            "minister" => self.minister = text(),
            "asker" => self.asker = text(),
            "from" => self.from = Some(day(value)?),
            "to" => self.to = Some(day(value)?),
            "topic" => self.topic = text(),
            "part" => self.part = Some(value.parse()?),
            "theme" => self.theme = text(),
            "session" => {
                self.session = Some(record::session(value).ok_or_else(|| {
                    format!(
                        "`{}` is not a session; write it as 2022-2023",
                        clip(value, 40)
                    )
                })?)
            }
            "answered" => self.answered = Some(value.parse()?),
            "status" => self.status = Some(value.parse()?),
            _ => return Err(format!("no filter is called `{}`", clip(name, 40))),
        }
        Ok(())
    }

    /// The filter named `name` as text, as [`Filters::set`] reads it back; `None` where
    /// it is not set.
    pub fn get(&self, name: &str) -> Option<String> {
        match name {
            "minister" => self.minister.clone(),
            "asker" => self.asker.clone(),
            "from" => self.from.map(date::iso),
            "to" => self.to.map(date::iso),
            "topic" => self.topic.clone(),
            "part" => self.part.map(|p| p.as_str().to_string()),
            "theme" => self.theme.clone(),
            "session" => self.session.clone(),
            "answered" => self.answered.map(|a| a.as_str().to_string()),
            "status" => self.status.map(|a| a.as_str().to_string()),
            _ => None,
        }
    }

    /// The filters that are set, as names and texts in [`FILTERS`]' order (for a link).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        FILTERS
            .iter()
            .filter_map(|f| self.get(f.name).map(|v| (f.name, v)))
            .collect()
    }

    /// Whether no filter of [`FILTERS`] is set.
    pub fn is_empty(&self) -> bool {
        FILTERS.iter().all(|f| self.get(f.name).is_none())
    }

    /// What is wrong with the filters together (a first date after the last).
    pub fn check(&self) -> Result<(), String> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(format!(
                "`from` {} is after `to` {}",
                date::iso(from),
                date::iso(to)
            ));
        }
        Ok(())
    }

    /// The name asked for in this role.
    pub fn name(&self, role: Role) -> Option<&str> {
        match role {
            Role::Minister => self.minister.as_deref(),
            Role::Asker => self.asker.as_deref(),
        }
    }

    /// The name asked for in this role, to change it.
    pub fn name_mut(&mut self, role: Role) -> &mut Option<String> {
        match role {
            Role::Minister => &mut self.minister,
            Role::Asker => &mut self.asker,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_reads_back_what_it_wrote() {
        let mut f = Filters::default();
        for (name, value) in [
            ("minister", "Zuhal Demir"),
            ("asker", "de vreese"),
            ("from", "2022-01-01"),
            ("to", "2022-12-31"),
            ("topic", "LIVC"),
            ("part", "answer"),
            ("theme", "Justitie"),
            ("session", "2022-2023"),
            ("answered", "late"),
            ("status", "open"),
        ] {
            f.set(name, value).expect(name);
        }
        // Every declared filter is one that `set` knows and `get` writes back.
        assert_eq!(f.pairs().len(), FILTERS.len());
        let mut again = Filters::default();
        for (name, value) in f.pairs() {
            again.set(name, &value).expect(name);
        }
        assert_eq!(again, f);
        assert!(!f.is_empty());
        assert!(Filters::default().is_empty());
    }

    #[test]
    fn a_bad_value_says_what_is_wrong() {
        let mut f = Filters::default();
        for (name, value, says) in [
            ("from", "2022-13-01", "`2022-13-01` is not a date"),
            ("part", "titel", "`titel` is not one of question, answer"),
            ("answered", "soon", "`soon` is not one of in-time, late"),
            ("session", "2022-2024", "`2022-2024` is not a session"),
            ("ministre", "x", "no filter is called `ministre`"),
        ] {
            let err = f.set(name, value).expect_err(name);
            assert!(err.contains(says), "{name}: {err}");
        }
        f.set("from", "2023-01-01").expect("from");
        f.set("to", "2022-01-01").expect("to");
        assert!(f.check().expect_err("order").contains("is after `to`"));
    }

    #[test]
    fn choices_are_what_the_values_parse() {
        for f in FILTERS {
            for c in f.choices {
                Filters::default().set(f.name, c).expect(c);
            }
        }
        for s in Sort::NAMES {
            assert_eq!(s.parse::<Sort>().expect(s).as_str(), s);
        }
    }

    use super::super::request::Sort;
}

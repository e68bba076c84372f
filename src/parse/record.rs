//! The parliament's open-data record of a written question (FORMAT.md, "Metadata the
//! parliament publishes"): the JSON of the written-question detail, read into what
//! vraagbaak uses of it. Unknown fields are ignored, missing ones are `None`; a text that
//! is not JSON, or JSON that is not such a record, is an error that says which.
//!
//! `index` reads `X.json` beside `X.txt` or `X.pdf` and merges it ([`OpenData::apply`]).

use super::date;
use crate::model::QuestionMeta;
use serde_json::Value;
use time::Date;

/// A person as the record names them (`voornaam`, `naam`, `id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// `voornaam naam`, as the parliament spells it.
    pub name: String,
    pub id: Option<String>,
}

/// What a record gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenData {
    pub number: Option<u32>,
    pub title: Option<String>,
    pub themes: Vec<String>,
    /// `2022-2023`.
    pub session: Option<String>,
    pub asker: Option<Person>,
    pub minister: Option<Person>,
    /// The date of the step whose status says the question was answered.
    pub answered_on: Option<Date>,
    /// Answered in time: `tijdig`, else what the answering step's status says.
    pub timely: Option<bool>,
    /// The first document link.
    pub source_url: Option<String>,
    /// `onderwerp`: what the question is about, a line or a paragraph.
    pub subject: Option<String>,
    /// The date of the first step (the question put to the minister).
    pub asked_on: Option<Date>,
}

/// Reads a record; the error says why it is not one.
pub fn read(bytes: &[u8]) -> Result<OpenData, String> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(o) = &value else {
        return Err("not a written-question record (not a JSON object)".into());
    };
    let number = match o.get("vraagnummer") {
        None | Some(Value::Null) => None,
        Some(v) => Some(whole(v).ok_or_else(|| {
            format!("not a written-question record (`vraagnummer` is {v}, not a number)")
        })?),
    };
    let known = [
        "vraagnummer",
        "thema",
        "procedureverloop",
        "zittingsjaar",
        "titel",
    ];
    if !known.iter().any(|k| o.contains_key(*k)) {
        return Err(
            "not a written-question record (none of vraagnummer, titel, thema, zittingsjaar, procedureverloop)"
                .into(),
        );
    }
    let steps: Vec<(Option<Date>, String)> = match o.get("procedureverloop") {
        Some(Value::Array(list)) => list
            .iter()
            .map(|s| {
                let day = s.get("datum").and_then(Value::as_str).and_then(day_of);
                let status = s
                    .get("status")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                (day, status)
            })
            .collect(),
        _ => Vec::new(),
    };
    // The answering step: its status says answered (`Tijdig beantwoord`, ...).
    let answered = steps.iter().rev().find(|(_, s)| {
        let s = s.to_lowercase();
        s.contains("beantwoord") && !s.contains("niet beantwoord")
    });
    let timely = match o.get("tijdig") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => answered.and_then(|(_, s)| {
            let s = s.to_lowercase();
            if s.contains("laattijdig") || s.contains("te laat") {
                Some(false)
            } else if s.contains("tijdig") {
                Some(true)
            } else {
                None
            }
        }),
    };
    Ok(OpenData {
        number,
        title: text_of(o.get("titel")),
        themes: match o.get("thema") {
            Some(Value::Array(list)) => list.iter().filter_map(|t| text_of(Some(t))).collect(),
            Some(v) => text_of(Some(v)).into_iter().collect(),
            None => Vec::new(),
        },
        session: text_of(o.get("zittingsjaar")),
        asker: o.get("vraagsteller").and_then(person),
        minister: o.get("minister").and_then(person),
        answered_on: answered.and_then(|(d, _)| *d),
        timely,
        source_url: o.get("bestand-ordered").and_then(first_link),
        subject: text_of(o.get("onderwerp")),
        asked_on: steps.first().and_then(|(d, _)| *d),
    })
}

/// A session as the parliament writes it (`2022-2023`: a year and the next), or `None`.
pub fn session(s: &str) -> Option<String> {
    let (a, b) = s.trim().split_once('-')?;
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    ((1000..=9998).contains(&a) && b == a + 1).then(|| format!("{a}-{b}"))
}

/// A whole number given as a number or as digits.
fn whole(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text_of(v: Option<&Value>) -> Option<String> {
    let s = v?
        .as_str()?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!s.is_empty()).then_some(s)
}

/// The day of an ISO date or date-time as written (`2023-01-10T00:00:00+01:00` is the
/// 10th: the day in the parliament's own time).
fn day_of(s: &str) -> Option<Date> {
    date::parse_iso(s.get(..10)?)
}

fn person(v: &Value) -> Option<Person> {
    let first = text_of(v.get("voornaam"));
    let last = text_of(v.get("naam"));
    let name = match (first, last) {
        (Some(f), Some(l)) => format!("{f} {l}"),
        (Some(n), None) | (None, Some(n)) => n,
        (None, None) => return None,
    };
    let id = match v.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Some(Person { name, id })
}

/// The first link of `bestand-ordered`: a URL as text, or an object with `URL`.
fn first_link(v: &Value) -> Option<String> {
    let first = match v {
        Value::Array(list) => list.first()?,
        other => other,
    };
    match first {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => ["URL", "url", "link"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(str::to_string),
        _ => None,
    }
}

impl OpenData {
    /// Merges the record into the question's meta: its names and ids are the
    /// parliament's spelling, and fill or correct those read from the text; a title or
    /// number the text lacks is taken from it. The error (the numbers differ) leaves the
    /// meta as it was.
    pub fn apply(&self, meta: &mut QuestionMeta) -> Result<(), String> {
        self.check_number(meta.number)?;
        if meta.number.is_none() {
            meta.number = self.number;
        }
        if let Some(p) = &self.asker {
            meta.asker = Some(p.name.clone());
        }
        if let Some(p) = &self.minister {
            meta.minister = Some(p.name.clone());
        }
        if meta.topic.is_none() {
            meta.topic.clone_from(&self.title);
        }
        meta.themes.clone_from(&self.themes);
        meta.session.clone_from(&self.session);
        meta.answered_on = self.answered_on.map(date::iso);
        meta.days_to_answer = self.days_to_answer(meta.date.as_deref().and_then(date::parse_iso));
        meta.timely = self.timely;
        meta.source_url.clone_from(&self.source_url);
        Ok(())
    }

    /// The question a record alone stands for (its document not here yet): what the
    /// record gives, its title and subject as its text, asked on the date of its first
    /// step. Open unless the record names an answering step.
    pub fn question(&self, path: &str, doc_id: &str) -> crate::model::Question {
        let mut meta = QuestionMeta {
            path: path.to_string(),
            doc_id: doc_id.to_string(),
            date: self.asked_on.map(date::iso),
            ..QuestionMeta::default()
        };
        // The same fields as a record beside a document gives (no number to disagree).
        let _ = self.apply(&mut meta);
        let text: Vec<&str> = [self.title.as_deref(), self.subject.as_deref()]
            .into_iter()
            .flatten()
            .filter(|t| !t.trim().is_empty())
            .collect();
        let mut text: Vec<&str> = text;
        text.dedup();
        let question = text.join(super::PARAGRAPH_BREAK);
        let passages = super::passages_of(&question, None);
        crate::model::Question {
            meta,
            question,
            answer: None,
            passages,
        }
    }

    /// Calendar days from the question's date to the answer.
    pub fn days_to_answer(&self, asked: Option<Date>) -> Option<i64> {
        Some((self.answered_on? - asked?).whole_days())
    }

    /// Whether the record is of the question with this number in its text: they must
    /// agree where both give one; the error says how they differ.
    pub fn check_number(&self, text: Option<u32>) -> Result<(), String> {
        match (self.number, text) {
            (Some(r), Some(t)) if r != t => Err(format!(
                "question number {r} in the record, {t} in the text"
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = r#"{
        "id": 1789012,
        "vraagnummer": 412,
        "titel": "Lerarentekort in het basisonderwijs",
        "thema": ["Onderwijs en vorming", "Werk en sociale economie"],
        "zittingsjaar": "2022-2023",
        "vraagsteller": {"id": 4021, "voornaam": "Eline", "naam": "Van den Berghe"},
        "minister": {"id": "m-77", "voornaam": "Kobe", "naam": "Verstraelen"},
        "procedureverloop": [
            {"datum": "2023-03-14T00:00:00+01:00", "status": "Vraag gesteld aan de minister"},
            {"datum": "2023-04-26T00:00:00+02:00", "status": "Laattijdig beantwoord", "document": "x"}
        ],
        "soort-antwoord": "schriftelijk",
        "bestand-ordered": [{"URL": "https://example.test/vragen/412.pdf"}],
        "nieuw-veld": {"genegeerd": true}
    }"#;

    #[test]
    fn a_record_gives_what_is_used_of_it() {
        let r = read(RECORD.as_bytes()).expect("record");
        assert_eq!(r.number, Some(412));
        assert_eq!(
            r.themes,
            ["Onderwijs en vorming", "Werk en sociale economie"]
        );
        assert_eq!(r.session.as_deref(), Some("2022-2023"));
        assert_eq!(
            r.asker.as_ref().map(|p| p.name.as_str()),
            Some("Eline Van den Berghe")
        );
        assert_eq!(
            r.minister.as_ref().and_then(|p| p.id.as_deref()),
            Some("m-77")
        );
        assert_eq!(r.answered_on, date::parse_iso("2023-04-26"));
        // No `tijdig`: the answering step says late.
        assert_eq!(r.timely, Some(false));
        assert_eq!(
            r.source_url.as_deref(),
            Some("https://example.test/vragen/412.pdf")
        );
        assert_eq!(r.days_to_answer(date::parse_iso("2023-03-14")), Some(43));
        assert!(r.check_number(Some(412)).is_ok() && r.check_number(None).is_ok());
        assert_eq!(
            r.check_number(Some(413)).expect_err("mismatch"),
            "question number 412 in the record, 413 in the text"
        );
    }

    #[test]
    fn missing_fields_are_unknown_and_tijdig_wins() {
        let r = read(
            br#"{"vraagnummer": "7", "tijdig": true,
                          "procedureverloop": [{"datum": "2024-02-01", "status": "Beantwoord"}]}"#,
        )
        .expect("record");
        assert_eq!(r.number, Some(7));
        assert_eq!(r.timely, Some(true));
        assert_eq!(r.answered_on, date::parse_iso("2024-02-01"));
        assert!(r.themes.is_empty() && r.session.is_none() && r.asker.is_none());
        let open = read(
            br#"{"vraagnummer": 8, "procedureverloop": [
            {"datum": "2024-02-01T00:00:00+01:00", "status": "Vraag gesteld aan de minister"}]}"#,
        )
        .expect("record");
        assert_eq!((open.answered_on, open.timely), (None, None));
        assert_eq!(open.days_to_answer(date::parse_iso("2024-01-01")), None);
    }

    #[test]
    fn what_is_not_a_record_says_why() {
        for (text, says) in [
            ("{\"vraagnummer\": 4", "not JSON"),
            ("[1, 2]", "not a JSON object"),
            ("{\"naam\": \"x\"}", "none of vraagnummer"),
            ("{\"vraagnummer\": \"vier\"}", "`vraagnummer` is \"vier\""),
            ("", "not JSON"),
        ] {
            let err = read(text.as_bytes()).expect_err(text);
            assert!(err.contains(says), "{text}: {err}");
        }
    }
}

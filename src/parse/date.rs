//! Dutch dates as the documents write them: `9 december 2022`.

use time::{Date, Month};

/// The Dutch month names, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The month number (1-12) of a Dutch month name, any case.
pub fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A date as the documents write it: `9 december 2022`.
pub fn written(date: Date) -> String {
    let month = MONTHS[usize::from(u8::from(date.month())) - 1];
    format!("{} {month} {}", date.day(), date.year())
}

/// `9`, `december`, `2022` as a calendar date; `None` when it is no real date.
pub fn dutch_date(day: &str, month: &str, year: &str) -> Option<Date> {
    let month = Month::try_from(month_number(month)?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// A date as ISO `YYYY-MM-DD`.
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A date the user gives (`--from`, `--to`, a batch line): `YYYY-MM-DD`, or an error
/// that says how to write it.
pub fn parse_user(s: &str) -> crate::error::Result<Date> {
    parse_iso(s).ok_or_else(|| {
        crate::error::Error::usage(format!(
            "`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2022-12-09"
        ))
    })
}

/// Parses an ISO date `YYYY-MM-DD` (as given to `--from`/`--to`).
pub fn parse_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(digits(8..10)?).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_dates() {
        let d = dutch_date("9", "december", "2022").map(iso);
        assert_eq!(d.as_deref(), Some("2022-12-09"));
        assert_eq!(
            dutch_date("1", "Maart", "2019").map(iso).as_deref(),
            Some("2019-03-01")
        );
        assert_eq!(dutch_date("31", "februari", "2022"), None);
        assert_eq!(dutch_date("3", "brumaire", "2022"), None);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            parse_iso("2022-12-09").map(iso).as_deref(),
            Some("2022-12-09")
        );
        for bad in [
            "2022-13-01",
            "2022-02-30",
            "22-12-09",
            "2022/12/09",
            "2022-1-09",
            "abcd-ef-gh",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }
}

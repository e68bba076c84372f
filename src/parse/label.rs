//! Labels that open items: `1.`, `1. a)`, `b)`, `2. c) + d)`, `3. a) + b) + c)`, and
//! bullets (`- `, `• `).

use std::fmt;

/// A numbered or lettered label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub number: Option<u32>,
    pub letters: Vec<char>,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.number {
            write!(f, "{n}.")?;
            if !self.letters.is_empty() {
                f.write_str(" ")?;
            }
        }
        for (i, l) in self.letters.iter().enumerate() {
            if i > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{l})")?;
        }
        Ok(())
    }
}

/// Items of a question rarely go past this; a larger number opening a line is text
/// (`2022. Daarna ...`).
const MAX_ITEM_NUMBER: u32 = 40;

/// How a paragraph opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// A label, and the byte offset where the text after it starts.
    Label(Label, usize),
    /// A bullet, and the byte offset where the text after it starts.
    Bullet(usize),
    Plain,
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// A letter item `x)` at `i`, followed by the end or a space or `+`/`,`.
fn letter_at(b: &[u8], i: usize) -> Option<char> {
    let c = *b.get(i)?;
    if !c.is_ascii_lowercase() || b.get(i + 1) != Some(&b')') {
        return None;
    }
    match b.get(i + 2) {
        None | Some(b' ') | Some(b'+') | Some(b',') => Some(c as char),
        _ => None,
    }
}

/// Reads the label or bullet that opens `s`, if any.
pub fn opening(s: &str) -> Opening {
    let b = s.as_bytes();
    if let Some(rest) = s
        .strip_prefix("- ")
        .or_else(|| s.strip_prefix("– "))
        .or_else(|| s.strip_prefix("• "))
        .or_else(|| s.strip_prefix("* "))
    {
        return Opening::Bullet(s.len() - rest.trim_start().len());
    }
    let mut i = 0;
    let mut number = None;
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) && matches!(b.get(digits), Some(b'.') | Some(b')')) {
        let after = digits + 1;
        let n: u32 = s[..digits].parse().unwrap_or(0);
        let next_ok = match b.get(after) {
            None | Some(b' ') => true,
            Some(_) => letter_at(b, after).is_some(),
        };
        if next_ok && (1..=MAX_ITEM_NUMBER).contains(&n) {
            number = Some(n);
            i = skip_spaces(b, after);
        }
    }
    let mut letters = Vec::new();
    let mut end = i;
    let mut j = i;
    while let Some(l) = letter_at(b, j) {
        letters.push(l);
        end = j + 2;
        j = skip_spaces(b, end);
        match b.get(j) {
            Some(b'+') | Some(b',') => j = skip_spaces(b, j + 1),
            _ if s[j..].starts_with("en ") => j = skip_spaces(b, j + 3),
            _ => break,
        }
    }
    if number.is_none() && letters.is_empty() {
        return Opening::Plain;
    }
    let end = if letters.is_empty() { i } else { end };
    let body = skip_spaces(b, end);
    Opening::Label(Label { number, letters }, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(String, &str)> {
        match opening(s) {
            Opening::Label(l, at) => Some((l.to_string(), &s[at..])),
            _ => None,
        }
    }

    #[test]
    fn labels() {
        assert_eq!(
            label("1. a) Hoe verloopt"),
            Some(("1. a)".into(), "Hoe verloopt"))
        );
        assert_eq!(label("2. c) + d)"), Some(("2. c) + d)".into(), "")));
        assert_eq!(
            label("3. a) + b) + c) Voor"),
            Some(("3. a) + b) + c)".into(), "Voor"))
        );
        assert_eq!(
            label("b) Kan de minister"),
            Some(("b)".into(), "Kan de minister"))
        );
        assert_eq!(
            label("2. Kan de minister"),
            Some(("2.".into(), "Kan de minister"))
        );
        assert_eq!(label("1.a) Hoeveel"), Some(("1. a)".into(), "Hoeveel")));
        assert_eq!(label("4) Wat"), Some(("4.".into(), "Wat")));
        assert_eq!(
            label("1. a), b) en c) Samen"),
            Some(("1. a) + b) + c)".into(), "Samen"))
        );
    }

    #[test]
    fn not_labels() {
        for s in [
            "2022. Daarna",
            "1.500 euro",
            "84 procent",
            "a)b",
            "Een zin",
            "99. Te hoog",
            "",
        ] {
            assert_eq!(opening(s), Opening::Plain, "{s}");
        }
    }

    #[test]
    fn bullets() {
        assert_eq!(opening("- 74 deelnemers"), Opening::Bullet(2));
        assert_eq!(opening("• punt"), Opening::Bullet("• ".len()));
        assert_eq!(opening("-74"), Opening::Plain);
    }
}

//! The vocabulary: terms that say the same thing in other words (synonyms, Flemish and
//! Netherlands words, names that changed) and broader terms with the narrower ones they
//! take in. A shipped list (`vocabulary.txt`), which a user extends with a file of their
//! own in the same format. Read here as text; the search analyzes it and widens a query
//! with it (`search::query::vocabulary`).

/// The shipped vocabulary.
pub const SHIPPED: &str = include_str!("vocabulary.txt");

/// Each term of the shipped vocabulary, in order, with what the query analyzer (default
/// options) makes of it: `term<TAB>analyzed terms separated by spaces`. Written by a test
/// (`VRAAGBAAK_BLESS=1 cargo test --lib shipped_keys`) and checked by it, so that a
/// search need not analyze a thousand terms before its first answer.
pub const SHIPPED_KEYS: &str = include_str!("vocabulary.keys");

/// How a group's terms relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// `a = b = c`: each finds the others.
    Same,
    /// `old -> new (year)`: a name that changed; each finds the other.
    Renamed,
    /// `broad > narrow, other`: the first finds the others, not the reverse.
    Broader,
}

/// One line of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub relation: Relation,
    /// The terms as written; for `Broader`, the broad term first.
    pub terms: Vec<String>,
    /// The year a name changed, where given.
    pub year: Option<u16>,
}

impl Group {
    /// The terms a search for `terms[i]` also finds.
    pub fn neighbours(&self, i: usize) -> Vec<&str> {
        match self.relation {
            Relation::Broader if i > 0 => Vec::new(),
            _ => self
                .terms
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, t)| t.as_str())
                .collect(),
        }
    }
}

/// A line's terms, split at `sep`, trimmed, none empty.
fn terms(text: &str, sep: &str, line: usize) -> Result<Vec<String>, String> {
    let out: Vec<String> = text.split(sep).map(|t| t.trim().to_string()).collect();
    if out.len() < 2 || out.iter().any(String::is_empty) {
        return Err(format!(
            "line {line}: `{}` needs a term on each side of `{}`",
            text.trim(),
            sep.trim()
        ));
    }
    Ok(out)
}

/// Reads a vocabulary; the error names the line and what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<Group>, String> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let group = if let Some((old, new)) = content.split_once("->") {
            // `old -> new (2023)`: the year in brackets at the end, where given.
            let new = new.trim();
            let (new, year) = match new.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
                Some((name, year)) => {
                    let year = year.trim().parse::<u16>().map_err(|_| {
                        format!("line {line}: `({year})` is not a year, as in `old -> new (2023)`")
                    })?;
                    (name.trim(), Some(year))
                }
                None => (new, None),
            };
            let terms = terms(&format!("{}->{new}", old.trim()), "->", line)?;
            Group {
                relation: Relation::Renamed,
                terms,
                year,
            }
        } else if let Some((broad, narrow)) = content.split_once('>') {
            let mut all = vec![broad.trim().to_string()];
            all.extend(
                terms(&format!("x,{narrow}"), ",", line)?
                    .into_iter()
                    .skip(1),
            );
            if all[0].is_empty() {
                return Err(format!(
                    "line {line}: `{content}` needs a broad term before `>`"
                ));
            }
            Group {
                relation: Relation::Broader,
                terms: all,
                year: None,
            }
        } else if content.contains('=') {
            Group {
                relation: Relation::Same,
                terms: terms(content, "=", line)?,
                year: None,
            }
        } else {
            return Err(format!(
                "line {line}: `{content}` has no `=`, `->` or `>`; write `a = b`, `old -> new (2023)` or `broad > narrow, other`"
            ));
        };
        out.push(group);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_line_is_read() {
        let v = parse(
            "# a comment\n\
             a = b = c d\n\
             sociale huisvestingsmaatschappij -> woonmaatschappij (2023)  # renamed\n\
             zorg > ziekenhuis, dagcentrum\n",
        )
        .expect("parses");
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].terms, ["a", "b", "c d"]);
        assert_eq!(v[1].relation, Relation::Renamed);
        assert_eq!(v[1].year, Some(2023));
        assert_eq!(v[1].terms[1], "woonmaatschappij");
        assert_eq!(v[2].neighbours(0), ["ziekenhuis", "dagcentrum"]);
        assert!(v[2].neighbours(1).is_empty(), "narrower finds not broader");
        assert_eq!(v[1].neighbours(1), ["sociale huisvestingsmaatschappij"]);
    }

    #[test]
    fn a_bad_line_is_named() {
        assert_eq!(
            parse("ok = fine\nwhat is this").map(|_| ()),
            Err("line 2: `what is this` has no `=`, `->` or `>`; write `a = b`, `old -> new (2023)` or `broad > narrow, other`".to_string())
        );
        assert!(parse("a = ").unwrap_err().starts_with("line 1:"));
        assert!(parse("a -> b (soon)").unwrap_err().contains("not a year"));
        assert!(parse("> b").is_err());
    }

    #[test]
    fn the_shipped_vocabulary_parses_with_several_hundred_groups() {
        let v = parse(SHIPPED).expect("the shipped vocabulary parses");
        assert!(v.len() >= 300, "{}", v.len());
    }
}

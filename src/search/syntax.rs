//! The query language users know: words, `"phrases"`, `-word` to exclude, `OR`,
//! `prefix*`. Words are all wanted; `OR` joins alternatives.

use crate::error::{Error, Result};

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A word (a hyphenated compound counts as one word: its parts must stand together).
    Word(String),
    /// A word that ends in `*`: any word that starts like it.
    Prefix(String),
    /// Words in this order.
    Phrase(String),
}

/// A clause: alternatives joined by `OR`, or one excluded atom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<Atom>,
    pub excluded: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryAst {
    pub clauses: Vec<Clause>,
    /// What the parser forgave, for the user to know (a quote never closed).
    pub notices: Vec<super::Notice>,
}

/// Marks that, standing alone between words, only separate them: a title pasted from a
/// document (`Leerlingenvervoer - Lange ritten`), `jeugd & welzijn`, `a / b`.
const SEPARATORS: &[char] = &['-', '–', '—', '+', '&', '/', '|', ':', '·', '•'];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Atom { atom: Atom, minus: bool },
    Or,
    And,
    Not,
}

fn lex(query: &str, notices: &mut Vec<super::Notice>) -> Result<Vec<Lexeme>> {
    let mut out = Vec::new();
    let chars: Vec<char> = query.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // A run of separators standing alone (`-`, ` – `, ` / `, `&`): nothing to search.
        let run = chars[i..].iter().take_while(|c| !c.is_whitespace()).count();
        if chars[i..i + run].iter().all(|c| SEPARATORS.contains(c)) {
            i += run;
            continue;
        }
        let mut minus = false;
        if c == '-' {
            minus = true;
            i += 1;
        }
        if matches!(chars.get(i), Some('"' | '“' | '”' | '„')) {
            let start = i + 1;
            let end = chars[start..]
                .iter()
                .position(|&c| matches!(c, '"' | '“' | '”'))
                .map(|p| start + p);
            let end = match end {
                Some(end) => end,
                None => {
                    notices.push(super::Notice::new(
                        "a `\"` opens a phrase that is never closed; the phrase runs to the end of the query",
                        "een `\"` opent een woordgroep die niet gesloten wordt; die loopt tot het einde van de zoekvraag",
                    ));
                    chars.len()
                }
            };
            let phrase: String = chars[start..end].iter().collect();
            // An empty phrase (`""`) holds nothing to search: passed over.
            if !phrase.trim().is_empty() {
                out.push(Lexeme::Atom {
                    atom: Atom::Phrase(phrase.trim().to_string()),
                    minus,
                });
            }
            i = end + 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        match (word.as_str(), minus) {
            ("OR", false) => out.push(Lexeme::Or),
            ("AND", false) => out.push(Lexeme::And),
            ("NOT", false) => out.push(Lexeme::Not),
            _ => {
                let atom = match word.strip_suffix('*') {
                    Some(stem) => {
                        if !stem.chars().any(char::is_alphanumeric) {
                            return Err(Error::usage(format!(
                                "query: `{word}`: a `*` needs letters before it"
                            )));
                        }
                        Atom::Prefix(stem.to_string())
                    }
                    None => Atom::Word(word),
                };
                out.push(Lexeme::Atom { atom, minus });
            }
        }
    }
    Ok(out)
}

/// Parses a query. What can be read one way only is read so (separators between words,
/// a quote never closed, with a notice); the errors left say what is wrong, for the user
/// to fix.
pub fn parse(query: &str) -> Result<QueryAst> {
    let mut ast = QueryAst::default();
    let lexemes = lex(query, &mut ast.notices)?;
    if lexemes.is_empty() {
        return Err(Error::usage("query: empty; give a word to search for"));
    }
    let mut pending_or = false;
    let mut pending_not = false;
    for lx in lexemes {
        match lx {
            Lexeme::Or => {
                let last_ok = ast.clauses.last().is_some_and(|c| !c.excluded);
                if pending_or || pending_not || !last_ok {
                    return Err(Error::usage(
                        "query: `OR` needs a word or phrase on both sides (and no `-`)",
                    ));
                }
                pending_or = true;
            }
            Lexeme::And => {
                if pending_or || pending_not || ast.clauses.is_empty() {
                    return Err(Error::usage(
                        "query: `AND` needs a word or phrase on both sides",
                    ));
                }
            }
            Lexeme::Not => {
                if pending_or || pending_not {
                    return Err(Error::usage(
                        "query: `NOT` must stand before a word or phrase",
                    ));
                }
                pending_not = true;
            }
            Lexeme::Atom { atom, minus } => {
                let excluded = minus || pending_not;
                pending_not = false;
                if pending_or {
                    pending_or = false;
                    if excluded {
                        return Err(Error::usage(
                            "query: an excluded word cannot be one side of `OR`",
                        ));
                    }
                    if let Some(last) = ast.clauses.last_mut() {
                        last.alternatives.push(atom);
                    }
                    continue;
                }
                ast.clauses.push(Clause {
                    alternatives: vec![atom],
                    excluded,
                });
            }
        }
    }
    if pending_or {
        return Err(Error::usage(
            "query: `OR` at the end needs a word or phrase after it",
        ));
    }
    if pending_not {
        return Err(Error::usage(
            "query: `NOT` at the end needs a word or phrase after it",
        ));
    }
    Ok(ast)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Atom {
        Atom::Word(s.into())
    }

    fn clause(atoms: Vec<Atom>, excluded: bool) -> Clause {
        Clause {
            alternatives: atoms,
            excluded,
        }
    }

    #[test]
    fn words_phrases_exclusions_or_and_prefixes() {
        let ast =
            parse(r#"beroepsgeheim "lokale besturen" -federaal LIVC OR VVSG radical*"#).unwrap();
        assert_eq!(
            ast.clauses,
            vec![
                clause(vec![w("beroepsgeheim")], false),
                clause(vec![Atom::Phrase("lokale besturen".into())], false),
                clause(vec![w("federaal")], true),
                clause(vec![w("LIVC"), w("VVSG")], false),
                clause(vec![Atom::Prefix("radical".into())], false),
            ]
        );
    }

    #[test]
    fn not_and_and_are_keywords_in_capitals_only() {
        let ast = parse("a AND b NOT c or").unwrap();
        assert_eq!(
            ast.clauses,
            vec![
                clause(vec![w("a")], false),
                clause(vec![w("b")], false),
                clause(vec![w("c")], true),
                clause(vec![w("or")], false),
            ]
        );
    }

    #[test]
    fn an_inner_hyphen_is_part_of_the_word() {
        let ast = parse("informatie-uitwisseling").unwrap();
        assert_eq!(
            ast.clauses,
            vec![clause(vec![w("informatie-uitwisseling")], false)]
        );
    }

    #[test]
    fn typographic_quotes_make_phrases() {
        let ast = parse("“stand van zaken”").unwrap();
        assert_eq!(
            ast.clauses,
            vec![clause(vec![Atom::Phrase("stand van zaken".into())], false)]
        );
    }

    #[test]
    fn lone_separators_between_words_separate_them() {
        for q in [
            "Leerlingenvervoer buitengewoon onderwijs - Lange ritten",
            "Leerlingenvervoer buitengewoon onderwijs – Lange ritten",
            "Leerlingenvervoer buitengewoon onderwijs — Lange ritten",
            "Leerlingenvervoer buitengewoon onderwijs / Lange | ritten",
            "Leerlingenvervoer & buitengewoon : onderwijs + Lange ritten -",
        ] {
            let ast = parse(q).expect(q);
            let words: Vec<Atom> = ast
                .clauses
                .iter()
                .flat_map(|c| c.alternatives.clone())
                .collect();
            assert_eq!(
                words,
                [
                    "Leerlingenvervoer",
                    "buitengewoon",
                    "onderwijs",
                    "Lange",
                    "ritten"
                ]
                .map(w),
                "{q}"
            );
            assert!(ast.clauses.iter().all(|c| !c.excluded), "{q}");
            assert!(ast.notices.is_empty(), "{q}");
        }
        // `-word` still excludes, `a-b` is still one word.
        let ast = parse("beroepsgeheim - -federaal informatie-uitwisseling").unwrap();
        assert_eq!(
            ast.clauses,
            vec![
                clause(vec![w("beroepsgeheim")], false),
                clause(vec![w("federaal")], true),
                clause(vec![w("informatie-uitwisseling")], false),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_with_a_notice() {
        let ast = parse("beroepsgeheim \"lokale besturen").unwrap();
        assert_eq!(
            ast.clauses,
            vec![
                clause(vec![w("beroepsgeheim")], false),
                clause(vec![Atom::Phrase("lokale besturen".into())], false),
            ]
        );
        assert_eq!(ast.notices.len(), 1);
        assert!(ast.notices[0].contains("never closed"), "{:?}", ast.notices);
    }

    #[test]
    fn broken_queries_are_errors() {
        for q in [
            "",
            "   ",
            " - ",
            "\"",
            "OR a",
            "a OR",
            "a OR OR b",
            "*",
            "a -b OR c",
            "NOT",
            "\"\"",
        ] {
            let e = parse(q).expect_err(q);
            assert!(e.is_usage(), "{q}: {e}");
        }
    }
}

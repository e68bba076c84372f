//! Queries typed as questions (`waarom krijg ik geen antwoord van de huisarts`, `hoeveel
//! betaal je voor de kinderopvang`): the question words are in nearly every document,
//! and would drown the content words. Among content words they weigh little and are not
//! required.

use crate::analysis;
use crate::search::syntax::{Atom, Clause};

/// How much a question word adds to a passage's score, against a content word's 1.
pub const QUESTION_WORD_WEIGHT: tantivy::Score = 0.1;

/// Words that ask, wherever they stand.
const ASKING: [&str; 16] = [
    "waarom",
    "hoeveel",
    "welke",
    "welk",
    "wanneer",
    "waar",
    "waarvoor",
    "waardoor",
    "waaraan",
    "waarmee",
    "hoelang",
    "hoezo",
    "klopt",
    "graag",
    "mogelijk",
    "eigenlijk",
];

/// Words that ask after one of [`ASKING`] or after `hoe`, `wat`, `kan`, `mag`, `moet`
/// (`hoe lang`, `wat doet`, `kan ik`, `hoeveel betaal je`).
const FOLLOWING: [&str; 16] = [
    "lang", "vaak", "duur", "snel", "doet", "gebeurt", "krijg", "krijgt", "betaal", "betaalt",
    "kost", "kosten", "staat", "zit", "gaat", "loopt",
];

/// What opens a question (stop words among them, which are left out anyway).
const OPENING: [&str; 6] = ["hoe", "wat", "kan", "mag", "moet", "wie"];

fn word(clause: &Clause) -> Option<String> {
    match clause.alternatives.as_slice() {
        [Atom::Word(w)] if !clause.excluded => Some(analysis::fold(w)),
        _ => None,
    }
}

/// The clauses of a query that are question words, when the query holds a content word
/// besides them (a question word alone is searched as it is).
pub(super) fn question_words(clauses: &[Clause]) -> Vec<usize> {
    let words: Vec<Option<String>> = clauses.iter().map(word).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(w) = w else { continue };
        let after_asking = i > 0
            && words[i - 1].as_deref().is_some_and(|p| {
                ASKING.contains(&p) || OPENING.contains(&p) || FOLLOWING.contains(&p)
            });
        if ASKING.contains(&w.as_str()) || (after_asking && FOLLOWING.contains(&w.as_str())) {
            out.push(i);
        }
    }
    // Content words: positive clauses that are neither question words nor stop words.
    let content = clauses.iter().enumerate().any(|(i, c)| {
        !c.excluded
            && !out.contains(&i)
            && word(c).is_none_or(|w| !analysis::is_stop_word(&w) && !OPENING.contains(&w.as_str()))
    });
    if content { out } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax;

    fn asking(q: &str) -> Vec<String> {
        let ast = syntax::parse(q).expect("parses");
        question_words(&ast.clauses)
            .into_iter()
            .map(|i| word(&ast.clauses[i]).unwrap_or_default())
            .collect()
    }

    #[test]
    fn question_words_are_found_among_content_words_only() {
        assert_eq!(
            asking("waarom krijg ik geen antwoord van de huisarts"),
            ["waarom", "krijg"]
        );
        assert_eq!(asking("hoe lang duurt de wachttijd"), ["lang"]);
        assert_eq!(
            asking("hoeveel betaal je voor kinderopvang"),
            ["hoeveel", "betaal"]
        );
        assert_eq!(asking("wat doet de VDAB"), ["doet"]);
        assert!(asking("waarom").is_empty(), "alone, it is the query");
        assert!(asking("lange wachttijd").is_empty());
        assert!(
            asking("\"waarom\" huisarts").is_empty(),
            "quoted, it is asked for"
        );
    }
}

//! Property tests: whatever bytes or mangled documents come in, decoding and parsing
//! never panic and finish quickly. The suite runs a short pass; a long one:
//! `PROPTEST_CASES=50000 cargo test --release --test it fuzz`.

use crate::fixtures;
use proptest::prelude::*;
use std::time::{Duration, Instant};
use vraagbaak::analysis::DutchAnalyzer;
use vraagbaak::parse::parse_document;
use vraagbaak::search::{Highlighter, snippet_html};

/// Pieces that trip parsers: layout markers, labels, artifacts, odd characters.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "\n\n\n\n",
    "-\n",
    "\r\n",
    "\r",
    "\u{c}",
    "\0",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "ANTWOORD\n",
    "ANTWOORD op vraag nr. 3 van 31 februari 2021 van X\n",
    "op vraag nr. 12 van 3 mei 2021\n",
    "van JAN PEETERS\n",
    " aan AN DE WIT\n",
    "aan \n",
    "VLAAMS MINISTER VAN WONEN\n",
    "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING\n",
    "Vraag nr. 7 van 1 juni 2002\n",
    "van de heer BO JANSSENS\n",
    "Antwoord\n",
    "INHOUDSTAFEL\n",
    "Titel ............ 3\n",
    "A. Vragen waarop tijdig werd geantwoord\n",
    "1. a) ",
    "b) ",
    "2. c) + d)\n",
    "99. ",
    "1.a)",
    "a)+",
    "- ",
    "• ",
    "LIVC’s ",
    "informatie-\nuitwisseling ",
    "leer-\n\n\nlingen",
    "dak-\nen ",
    "é",
    "ë",
    "’s",
    "SCHRIFTELIJKE VRAAG nr. 1 van X\n",
    "nr. 99999999999999999999 ",
    "datum: 40 maart 2022\n",
    "JAN PEETERS\n",
    "-3-\n",
    "Vlaams Parlement - Vragen en Antwoorden - Nr. 7 - April 2006 -3-\n",
    "\"",
    "*",
    "🦀",
    "\u{301}",
    "ǅ",
    "ß",
    "İ",
    "(",
    ")",
    ".",
    "?",
    ":",
    ";",
];

fn bases() -> Vec<String> {
    let sample = include_str!("../../corpus/sv-2022-257-livc-stand-van-zaken.txt");
    [
        sample,
        fixtures::LERARENTEKORT,
        fixtures::BEROEPSGEHEIM,
        fixtures::LENINGEN,
        fixtures::ZWERFKATTEN,
        fixtures::HITTEPLAN,
        fixtures::BULLETIN,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The byte offset of the character boundary nearest below `at`.
fn boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Applies edits: insert a fragment, delete a stretch, or copy a stretch elsewhere.
fn mutate(mut text: String, edits: &[(u32, u32, usize, u8)]) -> String {
    for &(a, b, fragment, op) in edits {
        let len = text.len().max(1);
        let at = boundary(&text, a as usize % len);
        match op % 3 {
            0 => text.insert_str(at, FRAGMENTS[fragment % FRAGMENTS.len()]),
            1 => {
                let end = boundary(&text, at + (b as usize % 300));
                text.replace_range(at..end.max(at), "");
            }
            _ => {
                let end = boundary(&text, at + (b as usize % 400)).max(at);
                let piece = text[at..end].to_string();
                let to = boundary(&text, b as usize % len);
                text.insert_str(to, &piece);
            }
        }
    }
    text
}

/// Parses, then analyzes and highlights every passage, as indexing and search would.
fn exercise(text: &str) -> Duration {
    let started = Instant::now();
    if let Ok(questions) = parse_document(text, "f.txt", "f") {
        let analyzer = DutchAnalyzer::default();
        let hl = Highlighter::new(
            ["livc".to_string(), "minister".to_string()].into(),
            Vec::new(),
        );
        let queries =
            DutchAnalyzer::new(vraagbaak::analysis::AnalyzerOptions::default().for_queries());
        for q in &questions {
            // Acronyms are mined from every question at index time.
            let _ = vraagbaak::index::learned::terms_of(q, &queries);
            for p in &q.passages {
                // Index-time analysis, compounds cut.
                let _ = analyzer.terms(&p.text);
                let h = hl.highlights(&analyzer, &p.text);
                let _ = snippet_html(&p.text, &h, 240);
                assert!(!p.text.is_empty());
            }
        }
    }
    started.elapsed()
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(text) = vraagbaak::source::decode(&bytes) {
            let took = exercise(&text);
            prop_assert!(took < Duration::from_secs(60), "took {took:?}");
        }
    }

    #[test]
    fn mangled_documents_never_panic(
        base in 0usize..7,
        edits in proptest::collection::vec((any::<u32>(), any::<u32>(), any::<usize>(), any::<u8>()), 0..40),
    ) {
        let text = mutate(bases()[base].clone(), &edits);
        let took = exercise(&text);
        prop_assert!(took < Duration::from_secs(60), "took {took:?}");
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,2000}") {
        let took = exercise(&text);
        prop_assert!(took < Duration::from_secs(60), "took {took:?}");
    }
}

#[test]
fn a_line_of_brackets_without_full_stops_is_mined_quickly() {
    let text = "de lokale integrale veiligheidscellen (LIVC) en ".repeat(40_000);
    let started = Instant::now();
    let found = vraagbaak::analysis::long_forms::mine(&text);
    assert_eq!(found.len(), 40_000);
    assert!(
        found
            .iter()
            .all(|f| f.long == "lokale integrale veiligheidscellen")
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn a_huge_one_line_file_is_quick() {
    let line = "woord-".repeat(200_000) + "\n";
    let took = exercise(&format!(
        " aan AN DE WIT\n\nTitel\n\n{line}\nANTWOORD\n\n{line}"
    ));
    // Generous: a debug build on a busy machine; a quadratic slip would take minutes.
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

//! Repairs of the PDF-to-text step: wrapped lines joined, line-end hyphens resolved,
//! paragraphs split by page breaks mended, trailing spaces gone.

use super::label::{Opening, opening};
use crate::analysis::words;
use std::collections::HashSet;

/// The words of a whole document, lower case, hyphenated compounds whole: evidence for
/// how a word broken at a line end is written elsewhere in the same document.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    pub fn of(text: &str) -> Vocabulary {
        let words = words(text)
            .map(|w| text[w.start..w.end].to_lowercase())
            .collect();
        Vocabulary { words }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// Dutch vowel pairs that read as one sound: where a compound puts two such vowels
/// together it keeps its hyphen (`informatie-uitwisseling`, `auto-ongeluk`).
const DIGRAPHS: &[&str] = &[
    "aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu",
];

/// Words after a line-end hyphen that show a shortened compound (`dak- en thuislozen`).
const CONJUNCTIONS: &[&str] = &["en", "of", "tot", "als", "noch"];

/// How a line that ends in a hyphen joins the next.
#[derive(Debug, PartialEq, Eq)]
enum Join {
    /// `leer-` + `lingen`: one word, hyphen dropped.
    Glue,
    /// `informatie-` + `uitwisseling`: one word, hyphen kept.
    KeepHyphen,
    /// `dak-` + `en`: the hyphen ends a word.
    Space,
}

/// Words longer than this are not words: the look at a line end stops there, which
/// keeps joining lines linear whatever the input.
const MAX_WORD_CHARS: usize = 64;

fn trailing_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take(MAX_WORD_CHARS)
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn leading_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .take(MAX_WORD_CHARS)
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(
            s.len().min(
                s.char_indices()
                    .nth(MAX_WORD_CHARS)
                    .map_or(s.len(), |(i, _)| i),
            ),
            |(i, _)| i,
        );
    &s[..end]
}

fn hyphen_join(left: &str, right: &str, vocab: &Vocabulary) -> Join {
    if left.is_empty() || right.is_empty() {
        return Join::Space;
    }
    let right_lower = right.to_lowercase();
    if CONJUNCTIONS.contains(&right_lower.as_str()) {
        return Join::Space;
    }
    let has_digit = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    let right_upper = right.chars().next().is_some_and(char::is_uppercase);
    let left_lower = left.to_lowercase();
    let glued = format!("{left_lower}{right_lower}");
    let hyphenated = format!("{left_lower}-{right_lower}");
    let all_caps =
        capitals(left) == left.chars().count() && capitals(right) == right.chars().count();
    if all_caps && vocab.contains(&glued) {
        return Join::Glue;
    }
    if has_digit(left)
        || has_digit(right)
        || right_upper
        || capitals(left) >= 2
        || left.chars().count() == 1
    {
        return Join::KeepHyphen;
    }
    if vocab.contains(&glued) {
        return Join::Glue;
    }
    if vocab.contains(&hyphenated) {
        return Join::KeepHyphen;
    }
    let last = left_lower.chars().next_back();
    let first = right_lower.chars().next();
    if let (Some(a), Some(b)) = (last, first) {
        let pair: String = [a, b].iter().collect();
        if DIGRAPHS.contains(&pair.as_str()) {
            return Join::KeepHyphen;
        }
    }
    Join::Glue
}

/// Appends `next` (a trimmed line or paragraph) to `cur`, resolving a line-end hyphen.
pub fn join_into(cur: &mut String, next: &str, vocab: &Vocabulary) {
    if next.is_empty() {
        return;
    }
    if cur.is_empty() {
        cur.push_str(next);
        return;
    }
    if let Some(before) = cur.strip_suffix('-') {
        match hyphen_join(trailing_word(before), leading_word(next), vocab) {
            Join::Glue => {
                cur.pop();
                cur.push_str(next);
            }
            Join::KeepHyphen => cur.push_str(next),
            Join::Space => {
                cur.push(' ');
                cur.push_str(next);
            }
        }
        return;
    }
    cur.push(' ');
    cur.push_str(next);
}

/// Whether `s` ends a sentence or a clause that can end a paragraph.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ')' | ']' | '"' | '”' | '’' | '\'' | '»')
    });
    t.ends_with(['.', '?', '!', ':', ';', '…'])
}

fn starts_item(s: &str) -> bool {
    !matches!(opening(s), Opening::Plain)
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Whether paragraph `next`, after blank lines, goes on with `prev`: a sentence that
/// clearly continues (no closing punctuation, a lower-case start, an enumeration).
fn continues(prev: &str, next: &str) -> bool {
    if starts_item(next) {
        return false;
    }
    if prev.ends_with([',', '-']) || starts_lowercase(next) {
        return true;
    }
    // A bullet without closing punctuation ends its item; other text runs on.
    !ends_sentence(prev) && !matches!(opening(prev), Opening::Bullet(_))
}

/// The paragraphs of a body of lines (trailing spaces already gone): lines of a block
/// joined, items and bullets that start on a fresh line split off, blocks that a blank
/// line or page break cut mid-sentence joined again.
pub fn paragraphs(lines: &[&str], vocab: &Vocabulary) -> Vec<String> {
    // (text, opens after blank lines)
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut after_blank = true;
    let mut cur_after_blank = true;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            if !cur.is_empty() {
                pieces.push((std::mem::take(&mut cur), cur_after_blank));
            }
            after_blank = true;
            continue;
        }
        if cur.is_empty() {
            cur_after_blank = after_blank;
            cur.push_str(t);
        } else if starts_item(t) && ends_sentence(&cur) {
            pieces.push((std::mem::take(&mut cur), cur_after_blank));
            cur_after_blank = false;
            cur.push_str(t);
        } else {
            join_into(&mut cur, t, vocab);
        }
        after_blank = false;
    }
    if !cur.is_empty() {
        pieces.push((cur, cur_after_blank));
    }

    let mut out: Vec<String> = Vec::with_capacity(pieces.len());
    for (text, after_blank) in pieces {
        match out.last_mut() {
            Some(prev) if after_blank && continues(prev, &text) => join_into(prev, &text, vocab),
            _ => out.push(text),
        }
    }
    out
}

/// Joins wrapped lines into one line with white space collapsed (titles).
pub fn one_line(lines: &[&str], vocab: &Vocabulary) -> String {
    let mut cur = String::new();
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        join_into(&mut cur, line.trim(), vocab);
    }
    cur.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<String> {
        let vocab = Vocabulary::of(text);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        paragraphs(&lines, &vocab)
    }

    #[test]
    fn wrapped_lines_join_and_trailing_spaces_go() {
        assert_eq!(
            paras("De minister zegt dat het \nklopt.   \n\nTweede alinea."),
            vec!["De minister zegt dat het klopt.", "Tweede alinea."]
        );
    }

    #[test]
    fn line_end_hyphens() {
        let got = paras(
            "Het aantal leer-\nlingen stijgt, de informatie-\nuitwisseling loopt, het LIVC-\nkader, de CLB-\nmedewerkers, het schooljaar 2022-\n2023 en de dak-\nen thuislozen.",
        );
        assert_eq!(
            got,
            vec![
                "Het aantal leerlingen stijgt, de informatie-uitwisseling loopt, het LIVC-kader, de CLB-medewerkers, het schooljaar 2022-2023 en de dak- en thuislozen."
            ]
        );
    }

    #[test]
    fn the_document_itself_decides_a_hyphen() {
        // `ge-` + `organiseerd` has no vowel clash: glued. `zee-` + `egel` is one, but the
        // document writes `zeeegel` elsewhere (a made-up spelling, to show the evidence wins).
        let got = paras("Er werd ge-\norganiseerd. Een zee-\negel. Nog een zeeegel.");
        assert_eq!(
            got,
            vec!["Er werd georganiseerd. Een zeeegel. Nog een zeeegel."]
        );
    }

    #[test]
    fn page_breaks_inside_sentences_and_list_items_are_mended() {
        let got = paras(
            "- 96 deelnemers uit diverse organisaties (zoals CLB, justitiehuizen, \n\nOCMW, CAW, jeugdhulp,...).\n\nDe minister heeft \n\n\n\nnog niet geantwoord.\n\nNieuwe alinea.",
        );
        assert_eq!(
            got,
            vec![
                "- 96 deelnemers uit diverse organisaties (zoals CLB, justitiehuizen, OCMW, CAW, jeugdhulp,...).",
                "De minister heeft nog niet geantwoord.",
                "Nieuwe alinea."
            ]
        );
    }

    #[test]
    fn a_word_split_over_a_page_break_is_joined() {
        assert_eq!(
            paras("De leer-\n\n\nlingen komen."),
            vec!["De leerlingen komen."]
        );
    }

    #[test]
    fn items_and_bullets_on_fresh_lines_split() {
        let got = paras(
            "In totaal:\n- 74 deelnemers;\n- 96 deelnemers.\n2. c) + d)\nVoor de overzichten.",
        );
        assert_eq!(
            got,
            vec![
                "In totaal:",
                "- 74 deelnemers;",
                "- 96 deelnemers.",
                "2. c) + d) Voor de overzichten."
            ]
        );
    }

    #[test]
    fn a_bullet_without_punctuation_ends_its_item() {
        assert_eq!(
            paras("- eerste punt\n\n- tweede punt\n\nDaarna volgt tekst."),
            vec!["- eerste punt", "- tweede punt", "Daarna volgt tekst."]
        );
    }

    #[test]
    fn title_lines_collapse() {
        let vocab = Vocabulary::default();
        assert_eq!(
            one_line(
                &[
                    "Lokale integrale veiligheidscellen (LIVC’s)  -  Stand ",
                    "van zaken"
                ],
                &vocab
            ),
            "Lokale integrale veiligheidscellen (LIVC’s) - Stand van zaken"
        );
    }
}

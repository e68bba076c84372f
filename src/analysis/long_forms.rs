//! Acronyms learned from the text: `long form (ACRONYM)` and `ACRONYM (long form)`, as in
//! `lokale integrale veiligheidscellen (LIVC’s)` or `ANPR-camera's (automatische
//! nummerplaatherkenning)`. The long form is the shortest run of words before the
//! bracket whose letters hold the acronym's in order, the first at the start of its first
//! word (Schwartz and Hearst's rule, 2003), so `de lokale integrale veiligheidscellen`
//! gives `lokale integrale veiligheidscellen`.

use super::{compound, fold, is_stop_word};
use std::sync::OnceLock;

/// The shipped list of Flemish and Belgian public-sector acronyms with their long forms
/// (`ACRONYM<TAB>long form[<TAB>long form]` a line): searches widen with it where the
/// index learned nothing else.
pub const LIST: &str = include_str!("acronyms.txt");

/// An acronym of the shipped list, with its long forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub acronym: &'static str,
    pub long_forms: Vec<&'static str>,
}

/// The shipped list, in its order, read once.
pub fn listed() -> &'static [Listed] {
    static LISTED: OnceLock<Vec<Listed>> = OnceLock::new();
    LISTED.get_or_init(|| {
        LIST.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t').map(str::trim).filter(|c| !c.is_empty());
                let acronym = cols.next()?;
                let long_forms: Vec<&str> = cols.collect();
                (!long_forms.is_empty()).then_some(Listed {
                    acronym,
                    long_forms,
                })
            })
            .collect()
    })
}

/// An acronym with the long form it stood beside, both as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub acronym: String,
    pub long: String,
}

/// Acronyms have this many letters at most.
const MAX_LEN: usize = 10;
/// A bracket this far from its opening is not the one we look for.
const MAX_INNER: usize = 160;

/// The acronym `s` is, possessive or plural `'s` aside: 2 to 10 letters or digits, opening
/// with a capital, at least half of them capitals (`LIVC`, `CLB's`, `AGION`, `VDAB`).
pub fn acronym_of(s: &str) -> Option<&str> {
    let core = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .or_else(|| {
            // `CLBs`: a lower-case plural s after capitals.
            let t = s.strip_suffix('s')?;
            t.chars().next_back()?.is_uppercase().then_some(t)
        })
        .unwrap_or(s);
    let n = core.chars().count();
    let caps = core.chars().filter(|c| c.is_uppercase()).count();
    let ok = (2..=MAX_LEN).contains(&n)
        && core.chars().all(char::is_alphanumeric)
        && core.chars().next().is_some_and(char::is_uppercase)
        && caps >= 2
        && caps * 2 >= n;
    ok.then_some(core)
}

/// Every `long form (ACRONYM)` and `ACRONYM (long form)` in `text`.
pub fn mine(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        from = open + 1;
        let Some(close) = text[from..].find([')', '(']).map(|i| from + i) else {
            break;
        };
        if text.as_bytes()[close] != b')' || close - open > MAX_INNER {
            continue;
        }
        let inner = text[open + 1..close].trim();
        let before = &text[..open];
        if let Some(acronym) = acronym_of(inner) {
            if let Some(long) = long_form_before(acronym, before) {
                out.push(Found {
                    acronym: acronym.to_string(),
                    long,
                });
            }
        } else if let Some(acronym) = last_word(before).and_then(acronym_before)
            && let Some(long) = long_form_inside(acronym, inner)
        {
            out.push(Found {
                acronym: acronym.to_string(),
                long,
            });
        }
        from = close + 1;
    }
    out
}

/// The word that ends right before a bracket (`ANPR-camera's `).
fn last_word(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    let start = trimmed
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let w = &trimmed[start..];
    (!w.is_empty()).then_some(w)
}

/// The acronym a word before a bracket is, or opens with (`ANPR-camera's`).
fn acronym_before(word: &str) -> Option<&str> {
    acronym_of(word).or_else(|| acronym_of(word.split(['-', '‑']).next()?))
}

/// The words of a long form: letters, digits and inner hyphens.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// A long form is looked for this far (in bytes) before its bracket at most: it has 20
/// words at most, and a text of brackets without full stops must not cost its square.
const MAX_BEFORE: usize = 400;

fn long_form_before(acronym: &str, before: &str) -> Option<String> {
    let letters = letters_of(acronym)?;
    let mut from = before.len().saturating_sub(MAX_BEFORE);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let before = &before[from..];
    // Only the sentence the bracket closes.
    let start = before
        .rfind(['.', ';', ':', '!', '?', ')', '\n'])
        .map_or(0, |i| i + 1);
    let candidates = words(&before[start..]);
    let max = (letters.len() + 5).min(letters.len() * 2);
    for k in 1..=max.min(candidates.len()) {
        let window = &candidates[candidates.len() - k..];
        // `Vereniging van Vlaamse Steden en Gemeenten (VVSG)`, not `van Vlaamse ...`.
        if is_stop_word(&fold(window[0])) {
            continue;
        }
        if holds(&letters, window) && plausible(&letters, window) {
            return Some(window.join(" "));
        }
    }
    None
}

fn long_form_inside(acronym: &str, inner: &str) -> Option<String> {
    let letters = letters_of(acronym)?;
    let ws = words(inner);
    (!ws.is_empty()
        && ws.len() <= letters.len() * 2
        && holds(&letters, &ws)
        && plausible(&letters, &ws))
    .then(|| ws.join(" "))
}

/// Whether a long form that holds the letters reads as one: the words but the stop words
/// open with the acronym's letters, in order, a letter each (`Vlaams Agentschap voor
/// Personen met een Handicap`, not `vrouw ik niet` or `vergroting nog voorkeur` for VRT),
/// and the words, with the known words inside compounds, stand for most letters: all
/// but one for a long form of one word (`energieprestatiecertificaat` for EPC, not
/// `verloopt` for VRT), three in five otherwise (`Agentschap voor Infrastructuur in het
/// Onderwijs` for AGION, not `verontwaardiging het van bekijken` for VDAB).
fn plausible(letters: &[char], words: &[&str]) -> bool {
    let content: Vec<String> = words
        .iter()
        .map(|w| fold(w))
        .filter(|w| !is_stop_word(w))
        .collect();
    // The words' first letters are the acronym's, in order, one word a letter.
    let mut rest = letters.iter();
    let in_order = content.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|first| rest.by_ref().any(|&c| c == first))
    });
    if !in_order {
        return false;
    }
    // The letters the words explain: one a word, one more for each further known word
    // inside a compound (`veiligheidscellen` explains V and C of LIVC).
    let mut explained = 0;
    for w in &content {
        let mut parts = Vec::new();
        compound::split_into(w, &mut parts);
        explained += 1 + parts.len().saturating_sub(1);
    }
    let needed = if content.len() == 1 {
        letters.len() - 1
    } else {
        (letters.len() * 3).div_ceil(5)
    };
    explained >= needed
}

/// The acronym's letters, folded; none when it holds a digit.
fn letters_of(acronym: &str) -> Option<Vec<char>> {
    let folded = fold(acronym);
    folded
        .chars()
        .all(|c| c.is_ascii_lowercase())
        .then(|| folded.chars().collect())
}

/// Whether the words hold the letters in order, the first letter opening the first word.
fn holds(letters: &[char], words: &[&str]) -> bool {
    let text: Vec<char> = fold(&words.join(" ")).chars().collect();
    if text.len() <= letters.len() {
        return false;
    }
    // From the last letter back, each found before the one after it; the first letter
    // is the first of the long form.
    let mut t = text.len();
    for &c in letters[1..].iter().rev() {
        loop {
            if t <= 1 {
                return false;
            }
            t -= 1;
            if text[t] == c {
                break;
            }
        }
    }
    text[0] == letters[0]
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn the_shipped_list_is_well_formed_and_holds_hundreds() {
        let list = listed();
        assert!(list.len() >= 250, "{} acronyms", list.len());
        let lines = LIST
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(lines, list.len(), "a line without a long form");
        let mut seen = std::collections::HashSet::new();
        for l in list {
            assert!(seen.insert(l.acronym), "{} twice", l.acronym);
            // Capitals and digits, as acronyms are written.
            assert!(
                l.acronym
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
                "{}",
                l.acronym
            );
        }
        let ocmw = list.iter().find(|l| l.acronym == "OCMW").expect("OCMW");
        assert_eq!(
            ocmw.long_forms,
            ["openbaar centrum voor maatschappelijk welzijn"]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        mine(text)
            .into_iter()
            .map(|f| (f.acronym, f.long))
            .collect()
    }

    fn pair(a: &str, l: &str) -> (String, String) {
        (a.to_string(), l.to_string())
    }

    #[test]
    fn long_forms_before_the_acronym() {
        assert_eq!(
            pairs("Het akkoord over de lokale integrale veiligheidscellen (LIVC’s) ligt stil."),
            vec![pair("LIVC", "lokale integrale veiligheidscellen")]
        );
        assert_eq!(
            pairs(
                "het Vlaams Agentschap voor Personen met een Handicap (VAPH) en de centra voor leerlingenbegeleiding (CLB's)"
            ),
            vec![
                pair("VAPH", "Vlaams Agentschap voor Personen met een Handicap"),
                pair("CLB", "centra voor leerlingenbegeleiding"),
            ]
        );
        assert_eq!(
            pairs("met een slecht energieprestatiecertificaat (EPC) koopt"),
            vec![pair("EPC", "energieprestatiecertificaat")]
        );
    }

    #[test]
    fn a_long_form_opens_with_a_word_that_counts() {
        assert_eq!(
            pairs("volgens de Vereniging van Vlaamse Steden en Gemeenten (VVSG) is dat"),
            vec![pair("VVSG", "Vereniging van Vlaamse Steden en Gemeenten")]
        );
    }

    #[test]
    fn long_forms_after_the_acronym() {
        assert_eq!(
            pairs("De overheid plaatst ANPR-camera's (automatische nummerplaatherkenning)."),
            vec![pair("ANPR", "automatische nummerplaatherkenning")]
        );
        assert_eq!(
            pairs("de VMM (Vlaamse Milieumaatschappij) meet"),
            vec![pair("VMM", "Vlaamse Milieumaatschappij")]
        );
    }

    #[test]
    fn brackets_that_are_no_acronym_give_nothing() {
        for text in [
            "de huurpremie (zie bijlage) wordt betaald",
            "in 2022 (ongeveer 40 procent)",
            "de regering (VR) besliste", // letters not in the words before
            "zo'n cel (LIVC-R) bespreekt", // not an acronym
            "Het Hof (Gh) oordeelde",    // too few capitals
            "(LIVC) aan het begin",
            "de uitzending verloopt (VRT) vlot", // one word, no compound
            "zei de vrouw ik niet (VRT) meer",   // words that open with no letter
            "de verantwoordelijke minister (VRT)",
            "een vergroting naar voorkeur (VRT)", // two words for one letter
            "de verontwaardiging het van bekijken (VDAB)", // two words for four letters
            "open (haakje zonder sluiten",
        ] {
            assert_eq!(pairs(text), Vec::<(String, String)>::new(), "{text}");
        }
    }

    #[test]
    fn acronym_shapes() {
        assert_eq!(acronym_of("LIVC’s"), Some("LIVC"));
        assert_eq!(acronym_of("CLBs"), Some("CLB"));
        assert_eq!(acronym_of("AGION"), Some("AGION"));
        assert_eq!(acronym_of("VerbouwPremie"), None);
        assert_eq!(acronym_of("Gent"), None);
        assert_eq!(acronym_of("A"), None);
    }
}

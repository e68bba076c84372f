//! Compound splitting: `beroepsgeheim` is `beroep` + `s` + `geheim`. A long word is cut
//! where its end is a known word (the head, in any of its plural forms) and what comes
//! before, less a linking `-s-`, `-e-`, `-en-` or `-er-`, is a known word too or splits
//! into known words itself. Both sides are split again, so `woningbouwbeleid` gives
//! `beleid`, `woningbouw`, `woning` and `bouw`.
//!
//! Known words are a list shipped with vraagbaak ([`LEXICON`]): a fresh machine has
//! nothing else, and a word list that grew with the corpus would cut the same word
//! differently from one run to the next. Guards keep the cuts honest: no prefix or
//! particle as a part (`aan`, `over`, `ver`, `be`), no suffix look-alike as a head
//! (`heid`, `schap`, `lijk`), and minimum part lengths.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The shipped list of known words, one a line (`#` opens a comment line).
pub const LEXICON: &str = include_str!("lexicon.txt");

/// Words shorter than this (in bytes) are not split.
pub const MIN_COMPOUND: usize = 7;
/// Neither part of a cut is shorter than this (in bytes).
pub const MIN_PART: usize = 3;

/// Prefixes and particles: never a part, even where a word list would allow it.
const NOT_A_PART: &[&str] = &[
    "aan", "af", "al", "be", "bij", "door", "er", "ge", "her", "in", "mee", "mis", "na", "naar",
    "om", "on", "ont", "onder", "op", "over", "samen", "tegen", "toe", "uit", "ver", "voor",
    "achter", "boven", "binnen", "buiten", "neer", "rond", "tussen", "terug", "wan", "weder",
    "onte", "ten", "ter",
];

/// Suffixes that look like words: never a head.
const NOT_A_HEAD: &[&str] = &[
    "heid", "schap", "lijk", "lijke", "ing", "ingen", "isme", "iteit", "tie", "baar", "loos",
    "achtig", "ster", "aar", "erij", "dom", "sel", "ig", "nis", "zaam", "tje", "je", "ling",
];

/// Linking sounds between the parts, longest first.
const LINKS: &[&str] = &["en", "er", "es", "s", "e"];

/// The only words that link with `-er-` (the old plurals: `kinderopvang`, `liederenboek`):
/// elsewhere `-er` is part of the word (`masteropleiding` is not `mast` + `opleiding`).
const ER_LINKED: &[&str] = &[
    "kind", "lied", "blad", "ei", "volk", "kalf", "rund", "lam", "goed", "hoen",
];

/// Known words that are compounds no longer: never cut inside a longer word, where the
/// parts would mislead (`netwerkbeheerder` is no `werk`, `landbouwsector` no `bouw`).
const WHOLE: &[&str] = &[
    "netwerk",
    "landbouw",
    "grondwet",
    "werkgever",
    "werknemer",
    "ziekenhuis",
    "rusthuis",
    "luchthaven",
    "snelweg",
    "kinderbijslag",
    "nummerplaat",
    "leefloon",
    "mantelzorg",
    "zondag",
    "kantoor",
    "oorzaak",
    "ambtenaar",
    "gezondheid",
];

fn lexicon() -> &'static FxHashSet<&'static str> {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        LEXICON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `word` (folded) is on the shipped list.
fn is_known(word: &str) -> bool {
    lexicon().contains(word)
}

fn allowed(word: &str) -> bool {
    word.len() >= MIN_PART && !NOT_A_PART.contains(&word) && is_known(word)
}

/// `s` without a doubled last consonant (`cell` is `cel`, `brugg` is `brug`).
fn undouble(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let n = b.len();
    (n >= 2 && b[n - 1] == b[n - 2] && !b"aeiou".contains(&b[n - 1])).then(|| &s[..n - 1])
}

/// Whether a plural in `-s` fits the word: one ending in a vowel or an unstressed
/// `-el`, `-em`, `-en`, `-er`, `-aar` (`zones`, `bewoners`), not `ouderwets` (`wet`).
fn takes_s_plural(word: &str) -> bool {
    word.ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
        || ["el", "em", "en", "er", "aar", "eur", "ier"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// `s` with the vowel of its last, open syllable written long: the singular of a plural
/// in `-en` (`zak` from `zaken` is `zaak`, `bom` from `bomen` is `boom`).
fn lengthen(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    let vowel = |c: u8| b"aeiou".contains(&c);
    (n >= 3 && !vowel(b[n - 1]) && vowel(b[n - 2]) && !vowel(b[n - 3]) && b[n - 2] != b'i')
        .then(|| format!("{}{}{}", &s[..n - 1], b[n - 2] as char, b[n - 1] as char))
}

/// The known singulars a plural stem may stand for, the likeliest first: the long vowel
/// (`zaken` is `zaak` before `zak`), as written, the doubled consonant undone (`cellen`).
fn singulars(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(lengthen(stem));
    out.push(stem.to_string());
    out.extend(undouble(stem).map(str::to_string));
    out
}

/// Whether `word` is, or is a plural of, a compound that is one word now ([`WHOLE`]).
fn is_whole(word: &str) -> bool {
    WHOLE.contains(&word)
        || ["en", "s", "n"].iter().any(|e| {
            word.strip_suffix(e)
                .is_some_and(|stem| singulars(stem).iter().any(|s| WHOLE.contains(&s.as_str())))
        })
}

/// Whether `word` is a known word that can end a compound (`kaaien`, `werken`).
pub fn is_head(word: &str) -> bool {
    known_head(word).is_some()
}

/// The known base form of a head as written (`cellen` gives `cel`, `gemeenten`
/// `gemeente`, `premies` `premie`).
fn known_head(head: &str) -> Option<String> {
    if NOT_A_HEAD.contains(&head) {
        return None;
    }
    if allowed(head) {
        return Some(head.to_string());
    }
    for ending in ["en", "s", "n", "eren"] {
        let Some(stem) = head.strip_suffix(ending) else {
            continue;
        };
        if ending == "s" && !takes_s_plural(stem) {
            continue;
        }
        let candidates = if ending == "en" {
            singulars(stem)
        } else {
            vec![stem.to_string()]
        };
        if let Some(found) = candidates
            .into_iter()
            .find(|c| allowed(c) && !NOT_A_HEAD.contains(&c.as_str()))
        {
            return Some(found);
        }
    }
    None
}

/// A front is at least this long (in bytes).
pub const MIN_FRONT: usize = 5;
/// What follows a front is at least this long (in bytes).
const MIN_TAIL: usize = 4;

/// What follows a front in a derived word, not a compound (`jeugdigheid`, `gemeentelijke`):
/// the beginnings of such rests.
const DERIVED_OPENINGS: &[&str] = &[
    "ig", "lijk", "elijk", "isch", "baar", "loos", "achtig", "zaam", "schap", "heid", "iteit",
    "erij", "isme", "istisch", "matig", "gewijs", "waarts",
];
/// Whole rests of a derived or inflected word (`woningen`, `vergaderingen` are longer
/// than a link).
const DERIVED_RESTS: &[&str] = &[
    "ing", "ingen", "ling", "lingen", "ster", "sters", "nis", "nissen", "tje", "tjes", "ties",
    "tie", "ist", "isten", "ische", "heden", "loze", "bare", "zame", "wijze",
];

/// Appends the fronts of `word` that its parts do not give: a known word, or a compound
/// of known words, that the word opens with, when what follows it is no known word
/// (`jeugdhulp` in `jeugdhulpverlening`, cut as `jeugd` + `hulpverlening`; `stikstof` in
/// `stikstofdepositie`, which is not cut at all). So a query for the front finds the
/// longer word, below the word itself (see `search::query`).
pub fn fronts_into(word: &str, parts: &[String], out: &mut Vec<String>) {
    if word.len() < MIN_COMPOUND || !word.is_ascii() || is_whole(word) {
        return;
    }
    for cut in MIN_FRONT..=word.len().saturating_sub(MIN_TAIL) {
        let (front, tail) = word.split_at(cut);
        if DERIVED_RESTS.contains(&tail) || DERIVED_OPENINGS.iter().any(|d| tail.starts_with(d)) {
            continue;
        }
        let mut found = Vec::new();
        if !modifier(front, &mut found, 0) {
            continue;
        }
        // The front's base form (a linking sound left out) comes first.
        let Some(base) = found.into_iter().next() else {
            continue;
        };
        if base.len() >= MIN_FRONT && !parts.contains(&base) && !out.contains(&base) {
            out.push(base);
        }
    }
}

/// Appends the known words `word` is made of (base forms, each once, the whole word
/// itself never). Nothing when it is not a compound of known words.
pub fn split_into(word: &str, out: &mut Vec<String>) {
    if word.len() < MIN_COMPOUND || !word.is_ascii() || is_whole(word) {
        return;
    }
    split(word, out, 0);
}

/// Whether `part` is a known word or splits into known words; if so, its words go to
/// `out` (with `part` itself when `include_self`).
fn split(word: &str, out: &mut Vec<String>, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    // The longest known head first: `kinderopvangplaatsen` is `kinderopvang` + `plaatsen`
    // before it is `kinderopvangplaat` + `sen`.
    for cut in MIN_PART..=word.len().saturating_sub(MIN_PART) {
        let (front, back) = word.split_at(cut);
        let Some(head) = known_head(back) else {
            continue;
        };
        let mut parts = Vec::new();
        if !modifier(front, &mut parts, depth) {
            continue;
        }
        if head.len() >= MIN_COMPOUND && !WHOLE.contains(&head.as_str()) {
            split(&head, &mut parts, depth + 1);
        }
        parts.push(head);
        for p in parts {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        return true;
    }
    false
}

/// Whether `front` (the word before a head) is a known word or a compound of known
/// words, with or without a linking sound; its words go to `out`.
fn modifier(front: &str, out: &mut Vec<String>, depth: usize) -> bool {
    let mut forms = vec![front.to_string()];
    for link in LINKS {
        if let Some(base) = front.strip_suffix(link)
            && base.len() >= MIN_PART
            && (*link != "er" || ER_LINKED.contains(&base))
        {
            if *link == "en" {
                forms.extend(singulars(base));
            } else {
                forms.push(base.to_string());
            }
        }
    }
    for form in &forms {
        if allowed(form) {
            out.push(form.clone());
            if form.len() >= MIN_COMPOUND && !WHOLE.contains(&form.as_str()) {
                split(form, out, depth + 1);
            }
            return true;
        }
    }
    for form in forms {
        if NOT_A_PART.contains(&form.as_str()) {
            continue;
        }
        let mut inner = Vec::new();
        if split(&form, &mut inner, depth + 1) {
            out.push(form);
            out.extend(inner);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod front_tests {
    use super::*;

    fn fronts(word: &str) -> Vec<String> {
        let mut parts = Vec::new();
        split_into(word, &mut parts);
        let mut out = Vec::new();
        fronts_into(word, &parts, &mut out);
        out
    }

    #[test]
    fn a_known_front_before_an_unknown_rest_is_a_front() {
        assert_eq!(fronts("jeugdhulpverlening"), ["jeugdhulp"]);
        assert_eq!(fronts("stikstofdepositie"), ["stikstof"]);
        // Every known front: `jeugd` and `jeugdhulp`.
        assert_eq!(fronts("jeugdhulpaanbieders"), ["jeugd", "jeugdhulp"]);
    }

    #[test]
    fn derived_and_inflected_words_and_known_cuts_give_no_front() {
        for word in [
            "jeugdigheid",
            "gemeentelijke",
            "woningen",
            "vergaderingen",
            "stikstoffen",
            "kinderopvangtoeslag",
            "beroepsgeheim",
            "ziekenhuizen",
        ] {
            assert_eq!(fronts(word), Vec::<String>::new(), "{word}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_into(word, &mut out);
        out.sort();
        out
    }

    fn set(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn compounds_split_into_their_known_words() {
        assert_eq!(parts("beroepsgeheim"), set(&["beroep", "geheim"]));
        assert_eq!(
            parts("samenwerkingsakkoord"),
            set(&["samenwerking", "akkoord"])
        );
        assert_eq!(
            parts("woningbouwbeleid"),
            set(&["woningbouw", "woning", "bouw", "beleid"])
        );
        assert_eq!(parts("veiligheidscellen"), set(&["veiligheid", "cel"]));
        assert_eq!(
            parts("kinderopvangplaatsen"),
            set(&["kinderopvang", "kind", "opvang", "plaats"])
        );
        assert_eq!(parts("verkeersveiligheid"), set(&["verkeer", "veiligheid"]));
    }

    #[test]
    fn prefixes_particles_and_suffixes_are_not_parts() {
        for word in [
            "aanpakken",
            "verzekering",
            "overheid",
            "bewoners",
            "onderwijs",
            "samenwerking",
            "gemeenschap",
            "veiligheid",
            "ontwikkeling",
            "regering",
            "provincie",
            "organisatie",
        ] {
            assert_eq!(parts(word), Vec::<String>::new(), "{word}");
        }
    }

    #[test]
    fn lexicalised_compounds_stay_whole_inside_longer_words() {
        assert_eq!(parts("netwerkbeheerder"), set(&["netwerk", "beheerder"]));
        assert_eq!(parts("landbouwsector"), set(&["landbouw", "sector"]));
        assert_eq!(parts("ouderwets"), Vec::<String>::new());
        assert_eq!(parts("doodsoorzaak"), set(&["dood", "oorzaak"]));
        assert_eq!(parts("zondagen"), Vec::<String>::new());
        assert_eq!(parts("zondagsschool"), set(&["zondag", "school"]));
        // A plural in -en after a long vowel: zaken are zaak, not zak.
        assert_eq!(parts("zakenpartners"), set(&["zaak", "partner"]));
        assert_eq!(parts("wegenwerken"), set(&["weg", "werken"]));
        // Only the old plurals link with -er-.
        assert_eq!(parts("masteropleiding"), Vec::<String>::new());
        assert_eq!(parts("kinderopvang"), set(&["kind", "opvang"]));
    }

    #[test]
    fn short_and_non_ascii_words_are_left_whole() {
        assert!(parts("dakweg").is_empty());
        assert!(parts("wonïngbouw").is_empty());
    }
}

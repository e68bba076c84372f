//! Porter's Dutch stemmer (rust-stemmers `Algorithm::Dutch`) with fixes for its known gaps:
//! `-ie`/`-ies` and `-ieën` plurals, `-e`/`-es` plurals, doubled final consonants, a small
//! table of irregular plurals, and (the alternations) the `s`/`z` and `f`/`v` of Dutch
//! plurals and the halved vowel of `-ele`/`-ale` adjectives.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// Irregular plurals: (plural ending, singular ending, whole word only).
/// A suffix rule also covers compounds (`pleegkinderen`, `hoofdsteden`, `bestuursleden`).
const IRREGULAR: &[(&str, &str, bool)] = &[
    ("kinderen", "kind", false),
    ("steden", "stad", false),
    ("sleden", "slid", false), // bestuursleden, raadsleden, personeelsleden
    ("leden", "lid", true),
    ("kamerleden", "kamerlid", true),
    ("commissieleden", "commissielid", true),
    ("familieleden", "familielid", true),
    ("teamleden", "teamlid", true),
    ("bladeren", "blad", false),
    ("centra", "centrum", false), // woonzorgcentra, dagcentra
    ("eieren", "ei", false),
    ("liederen", "lied", false),
    ("volkeren", "volk", false),
    ("kalveren", "kalf", false),
    ("runderen", "rund", false),
    ("lammeren", "lam", false),
];

/// Stems whose `z` or `v` stays: the `s` word is another word (`pauze` is not `paus`).
const NOT_DEVOICED: &[&str] = &["pauz"];

/// Words that end like an irregular plural but are not one.
const NOT_IRREGULAR: &[&str] = &["besteden", "bestedenden", "gesteden"];

/// A Dutch stemmer: Porter's algorithm, optionally with the fixes.
pub struct DutchStemmer {
    porter: Stemmer,
    fixes: bool,
    alternations: bool,
}

impl Default for DutchStemmer {
    fn default() -> Self {
        DutchStemmer::with(true, true)
    }
}

impl DutchStemmer {
    /// `fixes: false` gives Porter's algorithm alone; `true`, the fixes and the
    /// alternations.
    pub fn new(fixes: bool) -> DutchStemmer {
        DutchStemmer::with(fixes, fixes)
    }

    /// The fixes of plurals, and apart from them the alternations (`huizen`/`huis`,
    /// `bedrijven`/`bedrijf`, `financiële`/`financieel`), each on or off.
    pub fn with(fixes: bool, alternations: bool) -> DutchStemmer {
        DutchStemmer {
            porter: Stemmer::create(Algorithm::Dutch),
            fixes,
            alternations: fixes && alternations,
        }
    }

    /// Stems one folded word (lower case, no diacritics).
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if !self.fixes {
            return self.porter.stem(word);
        }
        if let Some(singular) = irregular_singular(word) {
            return Cow::Owned(self.porter.stem(&singular).into_owned());
        }
        // `categorieën`/`ideeën`, folded: the plural of `categorie`/`idee`.
        let word = if word.len() > 5 && (word.ends_with("ieen") || word.ends_with("eeen")) {
            &word[..word.len() - 2]
        } else {
            word
        };
        let mut stem = self.porter.stem(word).into_owned();
        if self.alternations {
            // Before the `-ies` fix: `adviezen` meets `advies` there.
            devoice(&mut stem);
        }
        if stem.ends_with("ies") {
            // provincies -> provincie (Porter keeps an `s` after a vowel).
            stem.pop();
        } else if stem.ends_with("es") && stem == word && is_es_plural(word) {
            // gemeentes -> stem of gemeente.
            stem = self.porter.stem(&word[..word.len() - 1]).into_owned();
        }
        undouble(&mut stem);
        if self.alternations {
            halve_before_l(&mut stem);
        }
        Cow::Owned(stem)
    }
}

fn irregular_singular(word: &str) -> Option<String> {
    if NOT_IRREGULAR.contains(&word) {
        return None;
    }
    IRREGULAR.iter().find_map(|&(plural, singular, whole)| {
        let hit = if whole {
            word == plural
        } else {
            word.ends_with(plural)
        };
        hit.then(|| format!("{}{}", &word[..word.len() - plural.len()], singular))
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether a word in `-es` is the plural of a word in `-e` (`gemeentes`, `routes`,
/// `procedures`) rather than a singular (`proces`, `adres`, `congres`, `mes`).
fn is_es_plural(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    if n < 6 || !word.is_ascii() {
        return false;
    }
    let (before, c) = (b[n - 4], b[n - 3]);
    match c {
        b's' => false,
        b'r' => is_vowel(before),  // procedures, but not adres, congres
        b'c' => !is_vowel(before), // nuances, but not proces
        _ => !is_vowel(c),
    }
}

/// `huiz` -> `huis`, `bedrijv` -> `bedrijf`: Dutch writes the `s` and `f` at the end of a
/// word as `z` and `v` before a vowel (`huis`/`huizen`, `brief`/`brieven`), and Porter
/// leaves the stem of the plural, or of the inflected adjective (`actieve`, `grijze`),
/// with its `z` or `v`. After a vowel pair or a consonant (`huizen`, `adviezen`,
/// `bedrijven`, `grenzen`, `golven`) the singular ends in `s`/`f`. After one vowel it is
/// another word as often as not (`lezen` is not `les`, `leven` not `lef`, `wezen` not
/// `wes`): left as it is.
fn devoice(stem: &mut String) {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 4 {
        return;
    }
    let voiceless = match b[n - 1] {
        b'z' => 's',
        b'v' => 'f',
        _ => return,
    };
    if NOT_DEVOICED.iter().any(|w| stem.ends_with(w)) {
        return;
    }
    let before = b[n - 2];
    let after_pair = is_vowel(before) && is_vowel(b[n - 3]);
    let after_consonant = before.is_ascii_lowercase() && !is_vowel(before) && before != b[n - 1];
    if after_pair || after_consonant {
        stem.pop();
        // Porter drops an `s` after a consonant other than `j` (`grens` is `gren`): so
        // does the plural's stem (`grenzen`).
        if voiceless == 's' && after_consonant && before != b'j' {
            return;
        }
        stem.push(voiceless);
    }
}

/// `financieel`/`financiel(e)`, `provinciaal`/`provincial(e)`: Porter halves a double
/// vowel before a final consonant only after a consonant (`structureel` and `structurele`
/// both give `structurel`), so the adjectives in `-ieel`, `-iaal`, `-ueel` keep two
/// vowels where their `-e` forms have one. Halved after a vowel too, before a final `l`.
fn halve_before_l(stem: &mut String) {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 5 || b[n - 1] != b'l' {
        return;
    }
    let (v1, v2, before) = (b[n - 3], b[n - 2], b[n - 4]);
    if v1 == v2 && matches!(v1, b'a' | b'e' | b'o' | b'u') && is_vowel(before) {
        stem.remove(n - 2);
    }
}

/// veiligheidscell -> veiligheidscel, overlegg -> overleg.
fn undouble(stem: &mut String) {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b[n - 2] && b[n - 1].is_ascii_alphabetic() && !is_vowel(b[n - 1]) {
        stem.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(w: &str) -> String {
        DutchStemmer::new(true).stem(w).into_owned()
    }

    fn plain(w: &str) -> String {
        DutchStemmer::new(false).stem(w).into_owned()
    }

    #[track_caller]
    fn same(a: &str, b: &str) {
        assert_eq!(stem(a), stem(b), "{a} and {b} should share a stem");
    }

    #[track_caller]
    fn differ(a: &str, b: &str) {
        assert_ne!(stem(a), stem(b), "{a} and {b} should not share a stem");
    }

    #[test]
    fn plain_porter_has_the_gaps_the_fixes_close() {
        assert_ne!(plain("provincie"), plain("provincies"));
        assert_ne!(plain("veiligheidscel"), plain("veiligheidscellen"));
        assert_ne!(plain("kind"), plain("kinderen"));
        assert_ne!(plain("gemeente"), plain("gemeentes"));
    }

    #[test]
    fn ie_plurals_conflate() {
        same("provincie", "provincies");
        same("organisatie", "organisaties");
        same("informatiesessie", "informatiesessies");
        same("categorie", "categorieen");
        same("idee", "ideeen");
        same("situatie", "situaties");
    }

    #[test]
    fn e_and_es_plurals_conflate() {
        same("gemeente", "gemeentes");
        same("gemeente", "gemeenten");
        same("route", "routes");
        same("procedure", "procedures");
        same("ambassade", "ambassades");
    }

    #[test]
    fn es_singulars_stay_apart() {
        same("proces", "processen");
        same("adres", "adressen");
        differ("mes", "me");
        differ("proces", "proc");
    }

    #[test]
    fn doubled_final_consonants_conflate() {
        same("veiligheidscel", "veiligheidscellen");
        same("overleg", "overleggen");
        same("gemeenschap", "gemeenschappen");
        same("bus", "bussen");
    }

    #[test]
    fn irregular_plurals_conflate() {
        same("kind", "kinderen");
        same("pleegkind", "pleegkinderen");
        same("stad", "steden");
        same("hoofdstad", "hoofdsteden");
        same("lid", "leden");
        same("bestuurslid", "bestuursleden");
        same("kamerlid", "kamerleden");
    }

    #[test]
    fn look_alikes_of_irregular_plurals_stay_apart() {
        differ("geleden", "gelid");
        differ("besteden", "bestad");
        differ("overleden", "overlid");
        differ("kind", "kinderachtig");
    }

    #[test]
    fn s_z_and_f_v_plurals_conflate() {
        same("ziekenhuis", "ziekenhuizen");
        same("huis", "huizen");
        same("advies", "adviezen");
        same("prijs", "prijzen");
        same("reis", "reizen");
        same("grens", "grenzen");
        same("bedrijf", "bedrijven");
        same("brief", "brieven");
        same("initiatief", "initiatieven");
        same("archief", "archieven");
        same("golf", "golven");
        same("actief", "actieve");
        same("grijs", "grijze");
    }

    #[test]
    fn eel_and_aal_adjectives_meet_their_e_forms() {
        same("financieel", "financiele");
        same("provinciaal", "provinciale");
        same("structureel", "structurele");
        same("sociaal", "sociale");
        same("eventueel", "eventuele");
        same("officieel", "officiele");
        same("ideaal", "ideale");
    }

    #[test]
    fn the_traps_of_the_alternations_stay_apart() {
        // After one vowel the `s`/`f` word is another word.
        differ("lezen", "les");
        differ("leven", "lef");
        differ("wezen", "wes");
        differ("lozen", "los");
        differ("graven", "graf");
        differ("geven", "gef");
        differ("pauze", "paus");
        // Not plurals at all.
        differ("provincie", "provinciaal");
        differ("financien", "financieel");
        differ("huis", "huid");
    }

    #[test]
    fn unrelated_words_stay_apart() {
        differ("gemeente", "gemeen");
        differ("woning", "gewoon");
        differ("minister", "mini");
        differ("beroepsgeheim", "geheim");
        differ("provincie", "provinciaal");
    }
}

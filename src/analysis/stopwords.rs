//! Snowball's Dutch stop words (BSD-3-Clause, the list tantivy, Lucene and PostgreSQL
//! use too). Checked against `../shared/data/dutch_stop_snowball.txt` in the tests.

pub const DUTCH: [&str; 101] = [
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
    "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of",
    "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je",
    "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u",
    "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden", "toch", "al",
    "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles",
    "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen",
    "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest",
    "andere",
];

/// Whether a folded (lower-case, accent-free) word is a stop word.
pub fn is_stop_word(folded: &str) -> bool {
    // The list is short and the words are short: a match on length first keeps this cheap.
    folded.len() <= 6 && DUTCH.contains(&folded)
}

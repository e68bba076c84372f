//! The stemmer against Snowball's reference data, and the stop words against Snowball's
//! list and tantivy's.

use crate::util::shared_data;
use vraagbaak::analysis::{DUTCH_STOP_WORDS, DutchStemmer};

#[test]
fn plain_porter_matches_all_snowball_reference_stems() {
    let Some(data) = shared_data("dutch_porter_snowball_voc_stems.tsv") else {
        return;
    };
    let porter = DutchStemmer::new(false);
    let mut rows = 0;
    let mut wrong = Vec::new();
    for line in data.lines().filter(|l| !l.is_empty()) {
        let (word, want) = line.split_once('\t').expect("word<TAB>stem");
        rows += 1;
        let got = porter.stem(word);
        if got != want {
            wrong.push(format!("{word}: got {got}, want {want}"));
        }
    }
    assert_eq!(rows, 45_670, "rows in the reference stems");
    assert!(
        wrong.is_empty(),
        "{} of {rows} differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}

#[test]
fn stop_words_are_snowballs_list() {
    let mut ours: Vec<&str> = DUTCH_STOP_WORDS.to_vec();
    ours.sort_unstable();
    if let Some(text) = shared_data("dutch_stop_snowball.txt") {
        let mut theirs: Vec<&str> = text.split_whitespace().collect();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }
}

/// Every plural in `-zen`/`-ven` of Snowball's vocabulary whose singular in `-s`/`-f` is
/// there too, after a vowel pair or `ij` (`huizen`/`huis`, `brieven`/`brief`), meets it;
/// and no word in `-zen`/`-ven` after a single vowel meets the `s`/`f` word (`lezen`/`les`).
#[test]
fn s_z_and_f_v_plurals_of_the_reference_vocabulary_meet_their_singulars() {
    let Some(data) = shared_data("dutch_porter_snowball_voc_stems.tsv") else {
        return;
    };
    let words: std::collections::HashSet<&str> =
        data.lines().filter_map(|l| l.split('\t').next()).collect();
    let stemmer = DutchStemmer::default();
    let stem = |w: &str| stemmer.stem(w).into_owned();
    let (mut pairs, mut apart, mut single_met) = (0, Vec::new(), Vec::new());
    for &plural in &words {
        for (ending, voiceless) in [("zen", "s"), ("ven", "f")] {
            let Some(base) = plural.strip_suffix(ending) else {
                continue;
            };
            let singular = format!("{base}{voiceless}");
            if !words.contains(singular.as_str()) || base.len() < 2 || !base.is_ascii() {
                continue;
            }
            let b = base.as_bytes();
            let vowel = |c: u8| b"aeiouy".contains(&c);
            let (last, before) = (b[b.len() - 1], b[b.len() - 2]);
            // A doubled vowel before the ending is a misspelling (`haazen` for `hazen`).
            let pair = (vowel(last) && vowel(before) && last != before)
                || (last == b'j' && before == b'i');
            let single = vowel(last) && !vowel(before);
            let met = stem(plural) == stem(&singular);
            if pair {
                pairs += 1;
                if !met && singular != "paus" {
                    apart.push(format!("{plural}/{singular}"));
                }
            } else if single && met {
                single_met.push(format!("{plural}/{singular}"));
            }
        }
    }
    assert!(pairs >= 100, "only {pairs} pairs in the vocabulary");
    assert!(
        apart.is_empty(),
        "{} of {pairs} apart: {apart:?}",
        apart.len()
    );
    // After a single vowel the alternation leaves the plural as it is.
    assert!(single_met.is_empty(), "{single_met:?}");
}

//! The stemmer against Snowball's reference data, and the stop words against Snowball's
//! list and tantivy's.

use crate::util::shared;
use vraagbaak::analysis::{DUTCH_STOP_WORDS, DutchStemmer};

#[test]
fn plain_porter_matches_all_snowball_reference_stems() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/data is absent, so the reference stems cannot be checked");
        return;
    };
    let path = shared.join("data/dutch_porter_snowball_voc_stems.tsv");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
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
    assert_eq!(rows, 45_670, "rows in {}", path.display());
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
    if let Some(shared) = shared()
        && let Ok(text) = std::fs::read_to_string(shared.join("data/dutch_stop_snowball.txt"))
    {
        let mut theirs: Vec<&str> = text.split_whitespace().collect();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    } else {
        eprintln!("skipped the comparison with ../shared/data/dutch_stop_snowball.txt: absent");
    }
    // tantivy's Dutch stop word filter removes every one of them.
    use tantivy::tokenizer::{Language, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream};
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(StopWordFilter::new(Language::Dutch).expect("dutch stop words"))
        .build();
    for w in ours {
        let mut stream = analyzer.token_stream(w);
        assert!(!stream.advance(), "tantivy keeps `{w}`");
    }
}

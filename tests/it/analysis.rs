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

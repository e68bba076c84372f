//! [`DutchAnalyzer`]: words, compounds, folding, stop words and stems, at index and at
//! query time, and what highlighting asks of it.

use super::compound;
use super::fold::fold_into;
use super::memo::StemCache;
use super::memo::WordMemo;
use super::options::AnalyzerOptions;
use super::options::FRONT_MARK;
use super::options::MAX_TOKEN_LEN;
use super::sink::TokenSink;
use super::stem::DutchStemmer;
use super::stopwords::is_stop_word;
use super::tokenize::parts;
use super::tokenize::words;

/// Whether a folded word holds a digit (and is kept as written).
pub(super) fn is_number(folded: &str) -> bool {
    folded.bytes().any(|b| b.is_ascii_digit())
}

/// The Dutch analyzer.
pub struct DutchAnalyzer {
    pub(super) stemmer: DutchStemmer,
    pub(super) compounds: bool,
    pub(super) options: AnalyzerOptions,
}

impl Default for DutchAnalyzer {
    fn default() -> Self {
        DutchAnalyzer::new(AnalyzerOptions::default())
    }
}

impl DutchAnalyzer {
    pub fn new(options: AnalyzerOptions) -> DutchAnalyzer {
        DutchAnalyzer {
            stemmer: DutchStemmer::with(options.stem_fixes, options.alternations),
            compounds: options.compounds,
            options,
        }
    }

    /// The options it was made with.
    pub fn options(&self) -> AnalyzerOptions {
        self.options
    }

    /// Whether this analyzer gives the parts of compounds beside the compounds.
    pub fn splits_compounds(&self) -> bool {
        self.compounds
    }

    /// Analyzes `text` into `sink` (cleared first). Offsets point into `text`; a removed
    /// stop word still takes its position, so phrases keep their gaps.
    pub fn analyze(&self, text: &str, sink: &mut TokenSink) {
        self.analyze_where(text, sink, &|_| true);
    }

    /// Like [`DutchAnalyzer::analyze`], but only words whose folded form passes `keep` are
    /// stemmed and given; the others still take their position. Highlighting uses it to
    /// stem only the words that can match.
    pub fn analyze_where(&self, text: &str, sink: &mut TokenSink, keep: &dyn Fn(&str) -> bool) {
        self.analyze_inner(text, sink, keep, Split::ALL, Remember::Nothing);
    }

    /// Like [`DutchAnalyzer::analyze_where`] with `wanted.keep`, and only words whose
    /// folded form passes `wanted.split` are split into the parts of a compound (when
    /// compounds are on at all), and given their fronts only when `wanted.fronts` says so:
    /// highlighting splits only words that can hold a wanted part, and looks for fronts
    /// only when it wants one. The terms of each word are kept in `memo`, which must only
    /// ever serve analyzers of these options.
    pub fn analyze_wanted(
        &self,
        text: &str,
        sink: &mut TokenSink,
        wanted: &Wanted<'_>,
        memo: &mut WordMemo,
    ) {
        let split = Split {
            split: wanted.split,
            fronts: wanted.fronts,
        };
        self.analyze_inner(text, sink, wanted.keep, split, Remember::Words(memo));
    }

    /// Like [`DutchAnalyzer::analyze`], remembering stems in `cache`: words repeat (Zipf),
    /// so an indexing thread stems each form about once instead of every time.
    pub fn analyze_cached(&self, text: &str, sink: &mut TokenSink, cache: &mut StemCache) {
        self.analyze_inner(text, sink, &|_| true, Split::ALL, Remember::Stems(cache));
    }

    fn analyze_inner(
        &self,
        text: &str,
        sink: &mut TokenSink,
        keep: &dyn Fn(&str) -> bool,
        split: Split<'_>,
        mut remember: Remember<'_>,
    ) {
        sink.clear();
        let mut position = 0;
        let mut spans = std::mem::take(&mut sink.spans);
        let mut folded = std::mem::take(&mut sink.folded);
        let mut joined = String::new();
        for word in words(text) {
            parts(text, word, &mut spans);
            for &(from, to) in &spans {
                let pos = position;
                position += 1;
                let raw = &text[from..to];
                let mut push_all = |terms: &str| {
                    for term in terms.split(' ') {
                        sink.push(from, to, pos, term);
                    }
                };
                if let Remember::Stems(cache) = &mut remember {
                    cache.term(
                        raw,
                        || {
                            fold_into(raw, &mut folded);
                            self.terms_into(&folded, &mut joined, true, true)
                                .then(|| Box::<str>::from(joined.as_str()))
                        },
                        push_all,
                    );
                    continue;
                }
                fold_into(raw, &mut folded);
                if !keep(&folded) {
                    continue;
                }
                let parts = (split.split)(&folded);
                if let Remember::Words(memo) = &mut remember {
                    if let Some(known) = memo.get(&folded, parts, split.fronts) {
                        if let Some(terms) = known {
                            push_all(terms);
                        }
                        continue;
                    }
                    let found = self
                        .terms_into(&folded, &mut joined, parts, split.fronts)
                        .then(|| Box::<str>::from(joined.as_str()));
                    if let Some(terms) = &found {
                        push_all(terms);
                    }
                    memo.insert(&folded, parts, split.fronts, found);
                    continue;
                }
                if self.terms_into(&folded, &mut joined, parts, split.fronts) {
                    push_all(&joined);
                }
            }
        }
        sink.spans = spans;
        sink.folded = folded;
    }

    /// The terms a folded word gives, separated by spaces, into `out`: its own term, and
    /// with compounds on, the part terms of the known words it is made of and (with
    /// `fronts`) the front terms of its fronts. False when it gives none.
    fn terms_into(&self, folded: &str, out: &mut String, split: bool, fronts: bool) -> bool {
        out.clear();
        let Some(term) = self.term(folded) else {
            return false;
        };
        out.push_str(&term);
        if split && self.compounds && folded.len() >= compound::MIN_COMPOUND && !is_number(folded) {
            let mut words = Vec::new();
            compound::split_into(folded, &mut words);
            let mut front_words = Vec::new();
            if fronts {
                compound::fronts_into(folded, &words, &mut front_words);
            }
            let mut seen = Vec::new();
            self.push_stems(&term, &words, None, &mut seen, out);
            self.push_stems(&term, &front_words, Some(FRONT_MARK), &mut seen, out);
        }
        true
    }

    /// Appends the stems of `words` to `out` (each after a space, ended by `mark`), but
    /// not the word's own `term` nor a stem already given as a part (`seen`, which the
    /// parts, given without a mark, fill).
    fn push_stems<'w>(
        &self,
        term: &str,
        words: &'w [String],
        mark: Option<char>,
        seen: &mut Vec<std::borrow::Cow<'w, str>>,
        out: &mut String,
    ) {
        for w in words {
            let stem = self.stemmer.stem(w);
            if stem.is_empty() || stem == term || seen.contains(&stem) {
                continue;
            }
            out.push(' ');
            out.push_str(&stem);
            match mark {
                Some(m) => out.push(m),
                None => seen.push(stem),
            }
        }
    }

    /// The term a folded word gives: none for a stop word or an over-long token, the word
    /// itself when it holds a digit, else its stem.
    pub(super) fn term<'a>(&self, folded: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        if folded.is_empty() || is_stop_word(folded) {
            return None;
        }
        if is_number(folded) {
            return (folded.len() <= MAX_TOKEN_LEN).then_some(std::borrow::Cow::Borrowed(folded));
        }
        let stem = self.stemmer.stem(folded);
        (!stem.is_empty() && stem.len() <= MAX_TOKEN_LEN).then_some(stem)
    }

    /// The term of one word of lower-case letters `a` to `z` (folded already, nothing to
    /// split at): what [`DutchAnalyzer::terms`] gives first, without reading it as text.
    pub fn letters_term(&self, word: &str) -> Option<String> {
        debug_assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
        self.term(word).map(std::borrow::Cow::into_owned)
    }

    /// The terms of `text`, in order: handy in tests and for query building.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut sink = TokenSink::default();
        self.analyze(text, &mut sink);
        sink.tokens().iter().map(|t| t.text.clone()).collect()
    }
}

/// Which words an analysis splits into the parts of compounds, and whether it gives their
/// fronts.
#[derive(Clone, Copy)]
struct Split<'a> {
    split: &'a dyn Fn(&str) -> bool,
    fronts: bool,
}

/// Which words highlighting wants analyzed, and how ([`DutchAnalyzer::analyze_wanted`]).
pub struct Wanted<'a> {
    /// Stem only words whose folded form passes.
    pub keep: &'a dyn Fn(&str) -> bool,
    /// Split only these into the parts of a compound.
    pub split: &'a dyn Fn(&str) -> bool,
    /// Give fronts too.
    pub fronts: bool,
}

/// What an analysis remembers words in.
enum Remember<'a> {
    Nothing,
    /// Stems, as the index is written.
    Stems(&'a mut StemCache),
    /// Terms as highlighting wants them.
    Words(&'a mut WordMemo),
}

impl Split<'_> {
    /// Every word, with fronts: as the index is written.
    const ALL: Split<'static> = Split {
        split: &|_| true,
        fronts: true,
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{DutchTokenizer, front_term, name_terms};
    use tantivy::tokenizer::{TokenStream, Tokenizer};

    pub(super) fn terms(text: &str) -> Vec<String> {
        DutchAnalyzer::default().terms(text)
    }

    #[test]
    fn hyphenated_compounds_are_indexed_as_their_parts() {
        assert_eq!(
            terms("informatie-uitwisseling"),
            terms("informatie uitwisseling")
        );
        assert!(terms("LIVC-kader").contains(&"livc".to_string()));
    }

    #[test]
    fn possessive_s_is_dropped_and_quotes_folded() {
        assert_eq!(terms("LIVC’s"), vec!["livc"]);
        assert_eq!(terms("collega’s"), terms("collega"));
        assert_eq!(terms("‘zo snel als mogelijk’"), terms("snel mogelijk"));
    }

    #[test]
    fn a_word_of_letters_gives_the_term_its_text_gives_first() {
        let words = [
            "beroepsgeheim",
            "de",
            "het",
            "steden",
            "leden",
            "kinderen",
            "huizen",
            "bedrijven",
            "financiele",
            "radicaliseirng",
            "zzzzzz",
            "a",
            "jeugdhulpverlening",
            &"x".repeat(200),
        ];
        for options in [
            AnalyzerOptions::default(),
            AnalyzerOptions::default().for_queries(),
        ] {
            let a = DutchAnalyzer::new(options);
            for w in words {
                assert_eq!(a.letters_term(w), a.terms(w).into_iter().next(), "{w}");
            }
        }
    }

    #[test]
    fn stop_words_go_before_stemming_and_keep_their_position() {
        // `overheid` stems to the stop word `over`: it must survive.
        assert_eq!(terms("de overheid"), vec!["over"]);
        let mut sink = TokenSink::default();
        DutchAnalyzer::default().analyze("stand van zaken", &mut sink);
        let got: Vec<(usize, &str)> = sink
            .tokens()
            .iter()
            .map(|t| (t.position, t.text.as_str()))
            .collect();
        assert_eq!(got, vec![(0, "stand"), (2, "zak")]);
    }

    #[test]
    fn numbers_and_diacritics() {
        assert_eq!(
            terms("84 procent, 1.500 euro"),
            vec!["84", "procent", "1.500", "euro"]
        );
        assert_eq!(terms("financiën"), terms("financien"));
        assert_eq!(terms("BEROEPSGEHEIM"), terms("beroepsgeheim"));
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "De Financiën van LIVC’s";
        let mut sink = TokenSink::default();
        DutchAnalyzer::default().analyze(text, &mut sink);
        let spans: Vec<&str> = sink
            .tokens()
            .iter()
            .map(|t| &text[t.offset_from..t.offset_to])
            .collect();
        assert_eq!(spans, vec!["Financiën", "LIVC"]);
    }

    #[test]
    fn the_tokenizer_leaves_out_a_front_where_the_word_itself_stands() {
        let mut tokenizer = DutchTokenizer::new(AnalyzerOptions::DEFAULT);
        let mut texts_of = |text: &str| {
            let mut stream = tokenizer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push((stream.token().position, stream.token().text.clone()));
            }
            out
        };
        let front = front_term("jeugdhulp");
        let alone = texts_of("De jeugdhulpverlening in Gent.");
        assert!(alone.iter().any(|(_, t)| *t == front), "{alone:?}");
        let both = texts_of("De jeugdhulpverlening en de jeugdhulp in Gent.");
        assert!(!both.iter().any(|(_, t)| *t == front), "{both:?}");
        assert!(both.iter().any(|(_, t)| t == "jeugdhulp"), "{both:?}");
        // Nothing else goes, and the order stays.
        let without: Vec<_> = DutchAnalyzer::default()
            .terms("De jeugdhulpverlening en de jeugdhulp in Gent.")
            .into_iter()
            .filter(|t| *t != front)
            .collect();
        assert_eq!(
            both.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>(),
            without
        );
        assert!(both.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn the_stem_cache_changes_nothing_but_speed() {
        let a = DutchAnalyzer::default();
        let text = "De provincies en de provincie, de kinderen en het kind, de provincies.";
        let mut plain = TokenSink::default();
        let mut cached = TokenSink::default();
        let mut cache = StemCache::default();
        a.analyze(text, &mut plain);
        for _ in 0..2 {
            a.analyze_cached(text, &mut cached, &mut cache);
            assert_eq!(plain.tokens(), cached.tokens());
        }
        // Each written form once: De, provincies, en, de, provincie, kinderen, het, kind.
        assert_eq!(cache.len(), 8);
    }

    #[test]
    fn clones_of_a_shared_cache_share_what_they_computed() {
        fn term_of(cache: &mut StemCache, raw: &str, computed: &mut u32) -> Option<String> {
            let mut got = None;
            cache.term(
                raw,
                || {
                    *computed += 1;
                    Some(format!("{}!", raw.to_lowercase()).into())
                },
                |t| got = Some(t.to_string()),
            );
            got
        }
        let mut first = StemCache::shared();
        let mut second = first.clone();
        let mut computed = 0;
        let want = Some("provincies!".to_string());
        assert_eq!(term_of(&mut first, "Provincies", &mut computed), want);
        assert_eq!(term_of(&mut second, "Provincies", &mut computed), want);
        assert_eq!(term_of(&mut second, "Provincies", &mut computed), want);
        assert_eq!(computed, 1);
        // A private cache shares nothing.
        let mut private = StemCache::default();
        assert_eq!(term_of(&mut private, "Provincies", &mut computed), want);
        assert_eq!(computed, 2);
    }

    #[test]
    fn names_fold_and_split() {
        assert_eq!(name_terms("Zuhal Demir"), vec!["zuhal", "demir"]);
        assert_eq!(
            name_terms("Wim D’hondt"),
            vec!["wim", "d", "hondt", "dhondt"]
        );
        assert_eq!(
            name_terms("Ségolène Van den Broeck"),
            vec!["segolene", "van", "den", "broeck"]
        );
    }
}

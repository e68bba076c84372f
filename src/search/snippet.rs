//! Highlighting follows analysis: a word is marked when its analyzed form is one the
//! query looked for. Snippets are the best window of a passage, as HTML with `<mark>`.

use crate::analysis::{self, DutchAnalyzer, TokenSink};
use aho_corasick::AhoCorasick;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// The analyzed terms a query looks for, and its prefixes.
#[derive(Debug, Default, Clone)]
pub struct Highlighter {
    terms: HashSet<String>,
    prefixes: Vec<String>,
    /// What a word is tested against, made at the first highlight after a change.
    tests: OnceLock<Tests>,
}

/// The openings a word must start with, or (where compounds are split) hold, to be worth
/// analyzing at all.
#[derive(Debug, Clone)]
struct Tests {
    /// The first two letters of each term and prefix, each once.
    openings: Vec<String>,
    /// The first four letters of each term, each once, and an automaton that finds any of
    /// them in one pass over a word (unless it could not be made).
    inside: Vec<String>,
    inside_any: Option<AhoCorasick>,
}

impl Tests {
    fn new(h: &Highlighter) -> Tests {
        let opening = |t: &str, n: usize| -> String { t.chars().take(n).collect() };
        let mut openings: Vec<String> = h
            .terms
            .iter()
            .chain(&h.prefixes)
            .map(|t| opening(t, 2))
            .collect();
        openings.sort_unstable();
        openings.dedup();
        let mut inside: Vec<String> = h.terms.iter().map(|t| opening(t, 4)).collect();
        inside.sort_unstable();
        inside.dedup();
        let inside_any = AhoCorasick::new(&inside).ok();
        Tests {
            openings,
            inside,
            inside_any,
        }
    }

    fn opens(&self, folded: &str) -> bool {
        self.openings.iter().any(|o| folded.starts_with(o.as_str()))
    }

    fn holds(&self, folded: &str) -> bool {
        match &self.inside_any {
            Some(any) => any.is_match(folded),
            None => self.inside.iter().any(|o| folded.contains(o.as_str())),
        }
    }
}

impl Highlighter {
    /// A highlighter of these analyzed terms and prefixes.
    pub fn new(terms: HashSet<String>, prefixes: Vec<String>) -> Highlighter {
        Highlighter {
            terms,
            prefixes,
            tests: OnceLock::new(),
        }
    }

    /// Also highlights these analyzed terms.
    pub fn extend(&mut self, terms: impl IntoIterator<Item = String>) {
        self.terms.extend(terms);
        self.tests = OnceLock::new();
    }

    /// Also highlights the words this prefix (analyzed) starts.
    pub fn push_prefix(&mut self, prefix: String) {
        self.prefixes.push(prefix);
        self.tests = OnceLock::new();
    }

    fn matches(&self, term: &str) -> bool {
        self.terms.contains(term) || self.prefixes.iter().any(|p| term.starts_with(p.as_str()))
    }

    /// Byte ranges of `text` to highlight, in order.
    pub fn highlights(&self, analyzer: &DutchAnalyzer, text: &str) -> Vec<Range<usize>> {
        if self.terms.is_empty() && self.prefixes.is_empty() {
            return Vec::new();
        }
        // A stem keeps the first letters of its word (`kinderen` is `kind`, `steden` is
        // `stad`): only words that open like a wanted term need stemming at all. Where
        // the analyzer splits compounds, a word that holds a term's first letters may
        // hold the term (`beroepsgeheim`, `geheim`; `fusiegemeenten`, `gemeent`).
        let tests = self.tests.get_or_init(|| Tests::new(self));
        let compounds = analyzer.splits_compounds();
        let keep = |folded: &str| tests.opens(folded) || (compounds && tests.holds(folded));
        let split = |folded: &str| compounds && tests.holds(folded);
        let mut sink = TokenSink::default();
        let fronts = self.terms.iter().any(|t| t.ends_with(analysis::FRONT_MARK));
        // Each thread remembers the terms of the words it highlighted, for the
        // analyzer's options it saw last.
        thread_local! {
            static MEMO: std::cell::RefCell<Option<(analysis::AnalyzerOptions, analysis::WordMemo)>> =
                const { std::cell::RefCell::new(None) };
        }
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            let options = analyzer.options();
            if m.as_ref().is_none_or(|(o, _)| *o != options) {
                *m = Some((options, analysis::WordMemo::default()));
            }
            if let Some((_, memo)) = m.as_mut() {
                let wanted = analysis::Wanted {
                    keep: &keep,
                    split: &split,
                    fronts,
                };
                analyzer.analyze_wanted(text, &mut sink, &wanted, memo);
            }
        });
        // A word gives several terms at one place (a compound and its parts): one mark.
        let mut out: Vec<Range<usize>> = Vec::new();
        for t in sink.tokens().iter().filter(|t| self.matches(&t.text)) {
            if out.last().is_none_or(|last| last.end <= t.offset_from) {
                out.push(t.offset_from..t.offset_to);
            }
        }
        out
    }
}

/// Snippets hold at most about this many bytes of text.
pub const SNIPPET_BYTES: usize = 240;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The window `start..end` of at most `max` bytes holding the most highlights, cut at
/// white space.
fn best_window(text: &str, highlights: &[Range<usize>], max: usize) -> Range<usize> {
    if text.len() <= max {
        return 0..text.len();
    }
    let lead = max / 4;
    let mut best = (0usize, 0usize); // (count, start)
    // Two pointers over the highlights (in text order): linear however many there are.
    let mut first_inside = 0;
    let mut past_end = 0;
    for h in highlights {
        let start = h.start.saturating_sub(lead);
        while first_inside < highlights.len() && highlights[first_inside].start < start {
            first_inside += 1;
        }
        past_end = past_end.max(first_inside);
        while past_end < highlights.len() && highlights[past_end].end <= start + max {
            past_end += 1;
        }
        let count = past_end - first_inside;
        if count > best.0 {
            best = (count, start);
        }
    }
    let mut start = floor_boundary(text, best.1);
    if start > 0 {
        // Begin at the start of a word.
        match text[start..].find(char::is_whitespace) {
            Some(ws) if ws < lead => start += ws + 1,
            _ => {}
        }
        start = floor_boundary(text, start);
    }
    let mut end = floor_boundary(text, (start + max).min(text.len()));
    if end < text.len()
        && let Some(ws) = text[start..end].rfind(char::is_whitespace)
        && ws > max / 2
    {
        end = start + ws;
    }
    start..end
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// The best part of `text` as HTML: matched words in `<mark>`, `...` where it is cut.
pub fn snippet_html(text: &str, highlights: &[Range<usize>], max: usize) -> String {
    let window = best_window(text, highlights, max);
    let mut out = String::with_capacity(window.len() + 32);
    if window.start > 0 {
        out.push_str("... ");
    }
    let mut at = window.start;
    for h in highlights {
        // Outside the window, or overlapping a mark already made.
        if h.start < at || h.end > window.end {
            continue;
        }
        escape_into(&mut out, &text[at..h.start]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[h.start..h.end]);
        out.push_str("</mark>");
        at = h.end;
    }
    escape_into(&mut out, &text[at..window.end]);
    if window.end < text.len() {
        out.push_str(" ...");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(words: &[&str]) -> Highlighter {
        let analyzer = DutchAnalyzer::default();
        Highlighter::new(
            words.iter().flat_map(|w| analyzer.terms(w)).collect(),
            Vec::new(),
        )
    }

    #[test]
    fn remembered_words_mark_as_fresh_ones_do() {
        let text = "Het gedeeld beroepsgeheim van de hulpverleners in de jeugdhulpverlening: \
                    geheimen, beroepen en jeugdhulp in de gemeenten en fusiegemeenten.";
        let queries: [&[&str]; 4] = [
            &["beroepsgeheim"],
            &["geheim", "gemeente"],
            &["jeugdhulp"],
            &["beroep", "hulpverlener"],
        ];
        let front = Highlighter::new(
            hl(&["jeugdhulp"])
                .terms
                .iter()
                .map(|t| analysis::front_term(t))
                .collect(),
            Vec::new(),
        );
        let highlighters: Vec<Highlighter> = queries.iter().map(|q| hl(q)).chain([front]).collect();
        let plain = DutchAnalyzer::new(crate::analysis::AnalyzerOptions {
            compounds: false,
            ..crate::analysis::AnalyzerOptions::default()
        });
        for a in [DutchAnalyzer::default(), plain] {
            // Each on a thread of its own: nothing remembered yet.
            let fresh: Vec<Vec<Range<usize>>> = highlighters
                .iter()
                .map(|h| {
                    std::thread::scope(|s| {
                        s.spawn(|| h.highlights(&a, text)).join().expect("thread")
                    })
                })
                .collect();
            // All on this thread, twice over: what the first ones remembered.
            for _ in 0..2 {
                for (h, want) in highlighters.iter().zip(&fresh) {
                    assert_eq!(&h.highlights(&a, text), want);
                }
            }
        }
    }

    #[test]
    fn terms_added_after_a_highlight_are_marked_too() {
        let a = DutchAnalyzer::default();
        let text = "De kinderen in de steden en dorpen.";
        let mut h = hl(&["kind"]);
        let marked = |h: &Highlighter| -> Vec<String> {
            h.highlights(&a, text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        assert_eq!(marked(&h), ["kinderen"]);
        h.extend(a.terms("stad"));
        assert_eq!(marked(&h), ["kinderen", "steden"]);
        h.push_prefix("dor".into());
        assert_eq!(marked(&h), ["kinderen", "steden", "dorpen"]);
    }

    #[test]
    fn marks_every_form_that_analyzes_alike() {
        let a = DutchAnalyzer::default();
        let text = "De provincies en een provincie & <meer>.";
        let h = hl(&["provincie"]).highlights(&a, text);
        assert_eq!(
            snippet_html(text, &h, SNIPPET_BYTES),
            "De <mark>provincies</mark> en een <mark>provincie</mark> &amp; &lt;meer&gt;."
        );
    }

    #[test]
    fn a_long_passage_is_cut_around_the_matches() {
        let a = DutchAnalyzer::default();
        let text = format!(
            "{} het beroepsgeheim is hier {}",
            "begin ".repeat(80),
            "einde ".repeat(80)
        );
        let h = hl(&["beroepsgeheim"]).highlights(&a, &text);
        let s = snippet_html(&text, &h, SNIPPET_BYTES);
        assert!(s.starts_with("... ") && s.ends_with(" ..."), "{s}");
        assert!(s.contains("<mark>beroepsgeheim</mark>"), "{s}");
        assert!(s.len() < SNIPPET_BYTES + 40, "{}", s.len());
    }

    #[test]
    fn only_candidate_words_are_stemmed_yet_every_form_is_found() {
        let a = DutchAnalyzer::default();
        let text = "De kinderen en een kind in drie steden, de stad en 2022-2023.";
        let got: Vec<&str> = hl(&["kind", "stad", "2023"])
            .highlights(&a, text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, vec!["kinderen", "kind", "steden", "stad", "2023"]);
    }

    #[test]
    fn a_word_found_inside_a_compound_marks_the_compound_once() {
        let a = DutchAnalyzer::default();
        let text = "Het geheim en het beroepsgeheim, niet de geheimen van heim.";
        let marks = hl(&["geheim"]).highlights(&a, text);
        let got: Vec<&str> = marks.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, vec!["geheim", "beroepsgeheim", "geheimen"]);
        assert_eq!(
            snippet_html(text, &marks, SNIPPET_BYTES),
            "Het <mark>geheim</mark> en het <mark>beroepsgeheim</mark>, niet de \
             <mark>geheimen</mark> van heim."
        );
        // Without compound parts, only the word.
        let plain = DutchAnalyzer::new(crate::analysis::AnalyzerOptions {
            compounds: false,
            ..Default::default()
        });
        let got: Vec<&str> = hl(&["geheim"])
            .highlights(&plain, text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, vec!["geheim", "geheimen"]);
        // Overlapping marks never break the snippet.
        let twice = vec![4..10, 4..10, 18..31];
        assert!(snippet_html(text, &twice, SNIPPET_BYTES).contains("<mark>beroepsgeheim</mark>"));
    }

    #[test]
    fn prefixes_highlight_the_words_they_start() {
        let a = DutchAnalyzer::default();
        let h = Highlighter::new(HashSet::new(), vec!["radical".into()]);
        let text = "radicalisering en radicalisme, niet radio";
        let got: Vec<&str> = h
            .highlights(&a, text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, vec!["radicalisering", "radicalisme"]);
    }
}

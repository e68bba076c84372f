//! [`TokenSink`]: the tokens of one analysis, their allocations reused from one text to
//! the next.

use super::options::FRONT_MARK;
use tantivy::tokenizer::Token;

/// A token list whose allocations are reused from one text to the next.
#[derive(Debug, Clone, Default)]
pub struct TokenSink {
    pub(super) tokens: Vec<Token>,
    pub(super) len: usize,
    /// Scratch space of the analyzer, kept to reuse its allocations.
    pub(super) spans: Vec<(usize, usize)>,
    pub(super) folded: String,
}

impl TokenSink {
    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub(super) fn push(&mut self, from: usize, to: usize, position: usize, text: &str) {
        if self.len == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let t = &mut self.tokens[self.len];
        t.offset_from = from;
        t.offset_to = to;
        t.position = position;
        t.position_length = 1;
        t.text.clear();
        t.text.push_str(text);
        self.len += 1;
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens[..self.len]
    }

    pub(super) fn tokens_mut(&mut self) -> &mut [Token] {
        &mut self.tokens[..self.len]
    }

    /// Leaves out the front of a compound (`beleid` of `beleidsnota`) where the word
    /// itself stands in the same text: the word finds that text already, and a query for
    /// it then walks the front's postings only where they add a text (walking both costs
    /// every common word that fronts a compound a union as long as its own postings).
    pub(super) fn drop_covered_fronts(&mut self) {
        let tokens = &self.tokens[..self.len];
        if !tokens.iter().any(|t| t.text.ends_with(FRONT_MARK)) {
            return;
        }
        let plain: rustc_hash::FxHashSet<&str> = tokens
            .iter()
            .filter(|t| !t.text.ends_with(FRONT_MARK))
            .map(|t| t.text.as_str())
            .collect();
        let keep: Vec<bool> = tokens
            .iter()
            .map(|t| {
                t.text
                    .strip_suffix(FRONT_MARK)
                    .is_none_or(|word| !plain.contains(word))
            })
            .collect();
        // Kept tokens move forward in order; the left-out ones keep their allocations.
        let mut kept = 0;
        for (i, k) in keep.into_iter().enumerate() {
            if k {
                self.tokens.swap(kept, i);
                kept += 1;
            }
        }
        self.len = kept;
    }
}

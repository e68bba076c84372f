//! The analyzers as tantivy tokenizers, under the names the index registers them by.

use super::analyzer::DutchAnalyzer;
use super::memo::StemCache;
use super::names::analyze_name;
use super::options::AnalyzerOptions;
use super::sink::TokenSink;
use std::sync::Arc;
use tantivy::tokenizer::Token;
use tantivy::tokenizer::TokenStream;
use tantivy::tokenizer::Tokenizer;

/// The name the Dutch analyzer is registered under in the index.
pub const DUTCH: &str = "vraagbaak_dutch";
/// The name the name analyzer is registered under in the index.
pub const NAMES: &str = "vraagbaak_names";

/// The Dutch analyzer as a tantivy tokenizer.
#[derive(Clone)]
pub struct DutchTokenizer {
    pub(super) analyzer: Arc<DutchAnalyzer>,
    pub(super) sink: TokenSink,
    pub(super) cache: StemCache,
    /// The text `sink` holds the tokens of: a question's topic comes once per passage.
    last: String,
}

impl DutchTokenizer {
    pub fn new(options: AnalyzerOptions) -> DutchTokenizer {
        DutchTokenizer {
            analyzer: Arc::new(DutchAnalyzer::new(options)),
            sink: TokenSink::default(),
            cache: StemCache::shared(),
            last: String::new(),
        }
    }
}

impl Tokenizer for DutchTokenizer {
    type TokenStream<'a> = SinkStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SinkStream<'a> {
        if text.is_empty() || text != self.last {
            self.analyzer
                .analyze_cached(text, &mut self.sink, &mut self.cache);
            self.sink.drop_covered_fronts();
            self.last.clear();
            self.last.push_str(text);
        }
        SinkStream::new(self.sink.tokens_mut())
    }
}

/// The name analyzer as a tantivy tokenizer.
#[derive(Clone, Default)]
pub struct NameTokenizer {
    pub(super) sink: TokenSink,
}

impl Tokenizer for NameTokenizer {
    type TokenStream<'a> = SinkStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SinkStream<'a> {
        analyze_name(text, &mut self.sink);
        SinkStream::new(self.sink.tokens_mut())
    }
}

/// A token stream over analyzed tokens.
pub struct SinkStream<'a> {
    pub(super) tokens: &'a mut [Token],
    /// One past the current token; 0 before the first `advance`.
    pub(super) next: usize,
    before_start: Token,
}

impl<'a> SinkStream<'a> {
    pub(super) fn new(tokens: &'a mut [Token]) -> SinkStream<'a> {
        SinkStream {
            tokens,
            next: 0,
            before_start: Token::default(),
        }
    }
}

impl TokenStream for SinkStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1) {
            Some(i) => &self.tokens[i],
            None => &self.before_start,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) => &mut self.tokens[i],
            None => &mut self.before_start,
        }
    }
}

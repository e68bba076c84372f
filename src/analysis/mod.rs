//! The Dutch analyzer, one, used at index and at query time: Unicode words, compounds
//! split at their hyphens, the possessive `'s` dropped, case and diacritics folded, numbers
//! kept, Snowball's stop words removed before stemming, then Porter's Dutch stemmer with
//! fixes for its gaps. Also the name analyzer for the minister and asker filters.

mod analyzer;
pub mod compound;
mod fold;
pub mod long_forms;
mod memo;
mod names;
mod options;
mod sink;
mod stem;
mod stopwords;
mod tokenize;
mod tokenizers;
pub mod vocabulary;

pub use analyzer::{DutchAnalyzer, Wanted};
pub use fold::{fold, fold_into};
pub use memo::{StemCache, WordMemo};
pub use names::{analyze_name, name_terms};
pub use options::{ANALYZER_VERSION, AnalyzerOptions, FRONT_MARK, front_term};
pub use sink::TokenSink;
pub use stem::DutchStemmer;
pub use stopwords::{DUTCH as DUTCH_STOP_WORDS, is_stop_word};
pub use tokenize::{Word, parts, words};
pub use tokenizers::{DUTCH, DutchTokenizer, NAMES, NameTokenizer, SinkStream};

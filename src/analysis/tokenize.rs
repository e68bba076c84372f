//! Splitting text into words and words into the parts that are indexed.

use super::fold::{is_apostrophe, is_hyphen};

/// A word of the text: a run of letters and digits, with the hyphens and apostrophes
/// inside it (`informatie-uitwisseling`, `LIVC’s`), and `.`/`,` between digits (`1.500`).
/// `start..end` are byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

/// Iterates over the words of `text`.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

fn is_connector(c: char) -> bool {
    is_hyphen(c) || is_apostrophe(c)
}

/// The character at byte `i` of `text` (a char boundary), read without decoding when it is
/// ASCII, which most characters of Dutch text are.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text.get(i..)?.chars().next()
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let text = self.text;
        let mut at = self.pos;
        let start = loop {
            let c = char_at(text, at)?;
            if c.is_alphanumeric() {
                break at;
            }
            at += c.len_utf8();
        };
        let mut end = start;
        let mut prev: Option<char> = None;
        while let Some(c) = char_at(text, at) {
            let len = c.len_utf8();
            if c.is_alphanumeric() {
                at += len;
                end = at;
                prev = Some(c);
                continue;
            }
            let joins = match (prev, char_at(text, at + len)) {
                (Some(p), Some(n)) if p.is_alphanumeric() && n.is_alphanumeric() => {
                    is_connector(c)
                        || (matches!(c, '.' | ',') && p.is_ascii_digit() && n.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            prev = Some(c);
            at += len;
        }
        self.pos = end;
        Some(Word { start, end })
    }
}

/// The parts of a word that are indexed, as byte ranges into the text: split at hyphens
/// and apostrophes, with a final possessive or plural `'s` dropped (`LIVC’s` is `LIVC`).
pub fn parts(text: &str, word: Word, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let mut end = word.end;
    let w = &text[word.start..end];
    // Most words are plain ASCII letters: one part, nothing to drop.
    if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push((word.start, word.end));
        return;
    }
    if let Some(before_s) = w.strip_suffix(['s', 'S'])
        && let Some(last) = before_s.chars().next_back()
        && is_apostrophe(last)
        && before_s.len() > last.len_utf8()
    {
        end = word.start + before_s.len() - last.len_utf8();
    }
    let mut part_start = word.start;
    for (i, c) in text[word.start..end].char_indices() {
        if is_connector(c) {
            let at = word.start + i;
            if at > part_start {
                out.push((part_start, at));
            }
            part_start = at + c.len_utf8();
        }
    }
    if end > part_start {
        out.push((part_start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_strs(text: &str) -> Vec<&str> {
        words(text).map(|w| &text[w.start..w.end]).collect()
    }

    fn part_strs(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut all = Vec::new();
        for w in words(text) {
            parts(text, w, &mut out);
            all.extend(out.iter().map(|&(a, b)| &text[a..b]));
        }
        all
    }

    #[test]
    fn words_keep_inner_hyphens_apostrophes_and_number_separators() {
        assert_eq!(
            word_strs("de informatie-uitwisseling, LIVC’s en 1.500 euro (3,5%)."),
            vec![
                "de",
                "informatie-uitwisseling",
                "LIVC’s",
                "en",
                "1.500",
                "euro",
                "3,5"
            ]
        );
        assert_eq!(
            word_strs("‘zo snel als mogelijk’"),
            vec!["zo", "snel", "als", "mogelijk"]
        );
        assert_eq!(
            word_strs("dak- en thuislozen"),
            vec!["dak", "en", "thuislozen"]
        );
        assert_eq!(word_strs("einde. Begin"), vec!["einde", "Begin"]);
        assert_eq!(word_strs(""), Vec::<&str>::new());
    }

    #[test]
    fn parts_split_compounds_and_drop_the_possessive() {
        assert_eq!(
            part_strs("informatie-uitwisseling LIVC’s collega's 2022-2023 D'hondt"),
            vec![
                "informatie",
                "uitwisseling",
                "LIVC",
                "collega",
                "2022",
                "2023",
                "D",
                "hondt"
            ]
        );
        assert_eq!(part_strs("'s"), vec!["s"]);
    }

    /// The plain definition of a word, char by char: what the fast scanner must agree with.
    fn reference_words(text: &str) -> Vec<(usize, usize)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].1.is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = chars[i].0;
            let mut j = i;
            loop {
                let (at, c) = chars[j];
                let end = at + c.len_utf8();
                let joined =
                    chars
                        .get(j + 1)
                        .zip(chars.get(j + 2))
                        .is_some_and(|(&(_, sep), &(_, n))| {
                            n.is_alphanumeric()
                                && (is_connector(sep)
                                    || (matches!(sep, '.' | ',')
                                        && c.is_ascii_digit()
                                        && n.is_ascii_digit()))
                        });
                if chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric()) {
                    j += 1;
                } else if joined {
                    j += 2;
                } else {
                    out.push((start, end));
                    i = j + 1;
                    break;
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_scanner_agrees_with_the_plain_definition(
            text in "[a-zA-Z0-9éëÉ’' .,\\-‐€ß一]{0,40}"
        ) {
            let got: Vec<(usize, usize)> = words(&text).map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(got, reference_words(&text));
        }
    }
}

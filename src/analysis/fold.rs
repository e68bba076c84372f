//! Folding for search: lower case, diacritics removed, typographic apostrophes made plain.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `s` into `out` (cleared first): `Financiën` becomes `financien`.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            c if is_apostrophe(c) => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Folds `s` into a new string.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Plain and typographic apostrophes (`'`, `’`, `‘`, `ʼ`).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Hyphens that join the parts of a compound (`-`, `‐`, `‑`).
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Financiën"), "financien");
        assert_eq!(fold("ÉÉN België"), "een belgie");
        assert_eq!(fold("LIVC’s"), "livc's");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ABC123"), "abc123");
    }
}

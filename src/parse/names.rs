//! Names and portfolios from capitals to the case people write them in.

/// Particles of Flemish and Dutch surnames.
const PARTICLES: &[&str] = &[
    "van", "de", "den", "der", "het", "ten", "ter", "te", "op", "in", "'t", "von", "du", "la", "le",
];

/// Words of a portfolio that stay lower case (after the first word).
const PORTFOLIO_LOWER: &[&str] = &[
    "van",
    "en",
    "de",
    "het",
    "voor",
    "met",
    "minister",
    "minister-president",
    "viceminister-president",
    "vice-minister-president",
    "gemeenschapsminister",
    "vice-president",
    "bevoegd",
    "belast",
];

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// Capitalizes the first letter of each hyphen part: `jean-marie` is `Jean-Marie`; the
/// letter after an apostrophe stays lower case, as in `D'hondt`.
fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
        }
        if c == '-' {
            start = true;
        }
    }
    out
}

fn has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// `MAAIKE DE VREESE` is `Maaike De Vreese`, `ANNELIES VAN DEN BROECK` is
/// `Annelies Van den Broeck`: the first particle of a surname is capitalized, the ones
/// after it are not. A name already in mixed case is only tidied.
pub fn name_case(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if has_lowercase(name) {
        return words.join(" ");
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in lower.iter().enumerate() {
        let after_particle = i > 0 && is_particle(&lower[i - 1]);
        if is_particle(w) && after_particle {
            out.push(w.clone());
        } else {
            out.push(capitalize(w));
        }
    }
    out.join(" ")
}

/// `VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING` is
/// `Vlaams minister van Justitie en Handhaving, Omgeving`.
pub fn portfolio_case(portfolio: &str) -> String {
    let words: Vec<&str> = portfolio.split_whitespace().collect();
    if has_lowercase(portfolio) {
        return words.join(" ");
    }
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let bare = lower.trim_end_matches([',', ';', '.']);
        if i > 0 && PORTFOLIO_LOWER.contains(&bare) {
            out.push(lower);
        } else {
            // `MINISTER-PRESIDENT` opens as `Minister-president`: one capital only.
            let mut chars = lower.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            out.push(first + chars.as_str());
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_name_case() {
        assert_eq!(name_case("MAAIKE DE VREESE"), "Maaike De Vreese");
        assert_eq!(
            name_case("ANNELIES VAN DEN BROECK"),
            "Annelies Van den Broeck"
        );
        assert_eq!(name_case("ZUHAL  DEMIR"), "Zuhal Demir");
        assert_eq!(name_case("WIM D'HONDT"), "Wim D'hondt");
        assert_eq!(
            name_case("JEAN-MARIE OP DE BEECK"),
            "Jean-Marie Op de Beeck"
        );
        assert_eq!(name_case("ÉLODIE VAN DER AUWERA"), "Élodie Van der Auwera");
        assert_eq!(name_case("Bart Somers"), "Bart Somers");
    }

    #[test]
    fn portfolios_in_sentence_case() {
        assert_eq!(
            portfolio_case(
                "VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING, ENERGIE EN TOERISME"
            ),
            "Vlaams minister van Justitie en Handhaving, Omgeving, Energie en Toerisme"
        );
        assert_eq!(
            portfolio_case(
                "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING, VLAAMS MINISTER VAN FINANCIËN"
            ),
            "Minister-president van de Vlaamse Regering, Vlaams minister van Financiën"
        );
    }
}

//! Written questions of our own making, in the layout of FORMAT.md (variant 1), for
//! vraagbaak's tests and benchmarks: fictional people, Dutch-looking policy text, and the
//! artifacts of the PDF-to-text step. Deterministic for a seed.
//!
//! Two uses: [`Doc`] lays out a question whose every part the caller chose (tests that
//! must know what each document holds), and [`document`] makes the `i`-th of a random
//! corpus (crash tests, the indexing benchmark).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The Dutch month names, as question dates write them (`9 december 2022`).
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// xorshift64*: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "Eline",
    "Joris",
    "Séverine",
    "Marthe",
    "Koen",
    "Hilde",
    "Jean-Pierre",
    "Nora",
    "Bram",
    "Tine",
    "Wout",
    "Lies",
    "Arno",
    "Fien",
    "Dirk",
    "Saskia",
    "Yusuf",
    "Griet",
    "Lander",
    "Ilse",
];
const LAST: &[&str] = &[
    "Van den Berghe",
    "D'haeseleer",
    "Lambrechts",
    "Op de Beeck",
    "Aerts",
    "Claes",
    "Van der Straeten",
    "El Kaddouri",
    "Vercammen",
    "De Smet",
    "Willaert",
    "Van Damme",
    "Peeters",
    "Janssens",
    "Maes",
];
const MINISTERS: &[(&str, &str)] = &[
    (
        "KOBE VERSTRAELEN",
        "VLAAMS MINISTER VAN ONDERWIJS, SPORT, DIERENWELZIJN EN VLAAMSE RAND",
    ),
    (
        "ANNEKE DE GROOTE",
        "MINISTER-PRESIDENT VAN DE VLAAMSE REGERING",
    ),
    (
        "PIETER-JAN VAN ACKER",
        "VLAAMS MINISTER VAN FINANCIËN EN BEGROTING, WONEN EN ONROEREND ERFGOED",
    ),
    (
        "LIESBET DE MEY",
        "VLAAMS MINISTER VAN WELZIJN, VOLKSGEZONDHEID EN GEZIN",
    ),
    (
        "BRAM D'HOOGHE",
        "VLAAMS MINISTER VAN JUSTITIE EN HANDHAVING, OMGEVING, ENERGIE EN TOERISME",
    ),
    (
        "SOFIE VANDEKERCKHOVE",
        "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN",
    ),
];
const TOPICS: &[&str] = &[
    "Lerarentekort",
    "Sociale woningen",
    "Gedeeld beroepsgeheim",
    "Energieprijzen",
    "Zwerfkatten",
    "Lokale integrale veiligheidscellen",
    "Fietspaden",
    "Kinderopvang",
    "Wachtlijsten jeugdhulp",
    "Stikstofuitstoot",
    "Onroerende voorheffing",
    "Dierenasielen",
    "Vroegtijdig schoolverlaten",
];
const SUBTOPICS: &[&str] = &[
    "Stand van zaken",
    "Cijfers",
    "Evaluatie",
    "Timing",
    "Gevolgen",
    "Aanpak",
];
const WORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "van",
    "en",
    "in",
    "op",
    "voor",
    "met",
    "aan",
    "dat",
    "die",
    "niet",
    "ook",
    "gemeenten",
    "gemeente",
    "provincies",
    "provincie",
    "beleid",
    "subsidies",
    "middelen",
    "overleg",
    "agentschap",
    "decreet",
    "evaluatie",
    "leerlingen",
    "leerkrachten",
    "scholen",
    "woningen",
    "huurders",
    "wachtlijsten",
    "kinderen",
    "gezinnen",
    "hulpverleners",
    "politiezones",
    "beroepsgeheim",
    "samenwerkingsakkoord",
    "veiligheidscellen",
    "radicalisering",
    "energie",
    "premies",
    "renovatie",
    "begroting",
    "personeel",
    "ondersteuning",
    "procedure",
    "aanvragen",
    "opvangplaatsen",
    "informatie-uitwisseling",
    "CLB-medewerkers",
    "lokale",
    "besturen",
    "Vlaamse",
    "federale",
    "overheid",
    "regering",
    "minister",
    "jaarlijks",
    "bijkomend",
    "onderzoek",
    "resultaten",
    "verbetering",
    "uitvoering",
    "organisaties",
    "verenigingen",
    "samenwerking",
    "doelstellingen",
    "maatregelen",
    "projecten",
    "investeringen",
    "kosten",
];
const QUESTION_STARTS: &[&str] = &[
    "Hoeveel",
    "Welke maatregelen neemt de minister om",
    "Kan de minister toelichten hoe",
    "Wanneer verwacht de minister dat",
    "Hoe evalueert de minister",
];
/// Who asked whom, when, about what: the top of a document.
#[derive(Debug, Clone)]
pub struct Head<'a> {
    pub number: u32,
    /// In name case; the document writes it in capitals.
    pub asker: &'a str,
    /// In name case; the document writes it in capitals.
    pub minister: &'a str,
    pub portfolio: &'a str,
    /// As the document writes it: `3 mei 2021`.
    pub date: &'a str,
    pub title: &'a str,
}

/// One question with its answer, laid out as the parliament's text layer gives it.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub head: Head<'a>,
    /// The blocks after the title (paragraphs, numbered items, list lines), in order, each
    /// followed by a blank line. A block may hold line breaks of its own.
    pub question: Vec<String>,
    /// The blocks of the answer, likewise.
    pub answer: Vec<String>,
    /// Spaces and blank lines where a PDF's text layer leaves them: the `aan` line
    /// indented, a space after the minister's name in the signature, two blank lines
    /// before it.
    pub pdf_spacing: bool,
}

impl Doc<'_> {
    /// The document's text.
    pub fn render(&self) -> String {
        let h = &self.head;
        let (asker, minister) = (h.asker.to_uppercase(), h.minister.to_uppercase());
        let (indent, after_name, before_signature) = if self.pdf_spacing {
            (" ", " ", "\n\n")
        } else {
            ("", "", "")
        };
        let mut t = String::new();
        let _ = write!(
            t,
            "SCHRIFTELIJKE VRAAG\nnr. {} van {asker}\ndatum: {}\n{indent}aan {minister}\n{}\n\n{}\n\n",
            h.number, h.date, h.portfolio, h.title
        );
        for block in &self.question {
            let _ = write!(t, "{}\n\n", block.trim_end_matches('\n'));
        }
        let _ = write!(
            t,
            "{before_signature}{minister}{after_name}\n{}\n\nANTWOORD\nop vraag nr. {} van {}\nvan {asker}\n\n",
            h.portfolio, h.number, h.date
        );
        for block in &self.answer {
            let _ = write!(t, "{}\n\n", block.trim_end_matches('\n'));
        }
        t
    }
}

fn sentence(rng: &mut Rng, question: bool) -> String {
    let n = 8 + rng.below(14);
    let mut words: Vec<String> = (0..n).map(|_| rng.pick(WORDS).to_string()).collect();
    if question {
        words.insert(0, rng.pick(QUESTION_STARTS).to_string());
    } else if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(h) = c.next() {
            *first = h.to_uppercase().collect::<String>() + c.as_str();
        }
    }
    if rng.below(4) == 0 {
        let at = rng.below(words.len());
        words.insert(at, format!("{}", 10 + rng.below(5000)));
    }
    words.join(" ") + if question { "?" } else { "." }
}

fn paragraph(rng: &mut Rng, question: bool) -> String {
    let n = 1 + rng.below(4);
    (0..n)
        .map(|_| sentence(rng, question))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wraps at about 88 characters with trailing spaces; now and then a long word is broken
/// at a line end with a hyphen, or a page break falls where the sentence goes on.
fn wrap(rng: &mut Rng, text: &str, out: &mut String) {
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 88 {
            let plain = word.chars().all(|c| c.is_ascii_lowercase());
            if plain && word.len() >= 10 && rng.below(5) == 0 {
                let _ = writeln!(out, "{line} {}-", &word[..4]);
                line = word[4..].to_string();
                continue;
            }
            let _ = writeln!(out, "{line} ");
            if word.starts_with(|c: char| c.is_lowercase()) && rng.below(12) == 0 {
                out.push_str("\n\n\n");
            }
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "{line}");
}

/// A paragraph laid out by [`wrap`].
fn wrapped(rng: &mut Rng, text: &str) -> String {
    let mut out = String::new();
    wrap(rng, text, &mut out);
    out
}

/// The `i`-th document of the random corpus of `seed`: its path below the corpus folder
/// and its text.
pub fn document(i: usize, seed: u64) -> (PathBuf, String) {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x1000_0000_01b3));
    let year = 2004 + i % 22;
    let nr = 1 + i / 22;
    let date = format!("{} {} {year}", 1 + rng.below(28), MONTHS[rng.below(12)]);
    let asker = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let (minister, portfolio) = MINISTERS[rng.below(MINISTERS.len())];
    let title = format!("{}  -  {}", rng.pick(TOPICS), rng.pick(SUBTOPICS));
    let mut question = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let p = paragraph(&mut rng, false);
        question.push(wrapped(&mut rng, &p));
    }
    let items = 1 + rng.below(3);
    for n in 1..=items {
        let p = format!("{n}. a) {}", paragraph(&mut rng, true));
        question.push(wrapped(&mut rng, &p));
        let p = format!("b) {}", paragraph(&mut rng, true));
        question.push(wrapped(&mut rng, &p));
    }
    let mut answer = Vec::new();
    for n in 1..=items {
        let p = format!("{n}. a) + b) {}", paragraph(&mut rng, false));
        answer.push(wrapped(&mut rng, &p));
        if rng.below(3) == 0 {
            answer.push("Concreet gaat het om:".to_string());
            for _ in 0..2 + rng.below(3) {
                let s = sentence(&mut rng, false);
                answer.push(format!("- {};", s.trim_end_matches('.').to_lowercase()));
            }
        }
    }
    let doc = Doc {
        head: Head {
            number: nr as u32,
            asker: &asker,
            minister,
            portfolio,
            date: &date,
            title: &title,
        },
        question,
        answer,
        pdf_spacing: true,
    };
    (
        PathBuf::from(format!("{year}/sv-{year}-{i:06}.txt")),
        doc.render(),
    )
}

/// Writes the first `n` documents of the random corpus of `seed` into `dir`; returns
/// their paths.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (rel, text) = document(i, seed);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        out.push(path);
    }
    Ok(out)
}

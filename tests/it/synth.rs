//! Synthetic written questions in the layout of FORMAT.md (variant 1): fictional people,
//! Dutch-looking policy text, the artifacts of the PDF-to-text step. Deterministic for a
//! seed. Used by the crash tests and by the indexing benchmark.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
use vraagbaak::parse::date::MONTHS;

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

/// One document: its path below the corpus folder and its text.
pub fn document(i: usize, seed: u64) -> (PathBuf, String) {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x1000_0000_01b3));
    let year = 2004 + i % 22;
    let nr = 1 + i / 22;
    let date = format!("{} {} {year}", 1 + rng.below(28), MONTHS[rng.below(12)]);
    let asker = format!("{} {}", rng.pick(FIRST), rng.pick(LAST)).to_uppercase();
    let (minister, portfolio) = MINISTERS[rng.below(MINISTERS.len())];
    let mut t = String::new();
    let _ = writeln!(
        t,
        "SCHRIFTELIJKE VRAAG\nnr. {nr} van {asker}\ndatum: {date}\n aan {minister}\n{portfolio}\n"
    );
    let _ = writeln!(t, "{}  -  {}\n", rng.pick(TOPICS), rng.pick(SUBTOPICS));
    for _ in 0..1 + rng.below(3) {
        let p = paragraph(&mut rng, false);
        wrap(&mut rng, &p, &mut t);
        t.push('\n');
    }
    let items = 1 + rng.below(3);
    for n in 1..=items {
        let p = format!("{n}. a) {}", paragraph(&mut rng, true));
        wrap(&mut rng, &p, &mut t);
        t.push('\n');
        let p = format!("b) {}", paragraph(&mut rng, true));
        wrap(&mut rng, &p, &mut t);
        t.push('\n');
    }
    let _ = writeln!(
        t,
        "\n\n{minister} \n{portfolio}\n\nANTWOORD\nop vraag nr. {nr} van {date}\nvan {asker}\n"
    );
    for n in 1..=items {
        let p = format!("{n}. a) + b) {}", paragraph(&mut rng, false));
        wrap(&mut rng, &p, &mut t);
        t.push('\n');
        if rng.below(3) == 0 {
            t.push_str("Concreet gaat het om:\n\n");
            for _ in 0..2 + rng.below(3) {
                let s = sentence(&mut rng, false);
                let _ = writeln!(t, "- {};\n", s.trim_end_matches('.').to_lowercase());
            }
        }
    }
    (PathBuf::from(format!("{year}/sv-{year}-{i:06}.txt")), t)
}

/// Writes `n` documents into `dir`; returns their paths.
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

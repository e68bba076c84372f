//! Fields, passages and labels of each fixture document.

use crate::fixtures;
use vraagbaak::parse::parse_question;
use vraagbaak::{Part, Question};

fn parse(text: &str) -> Question {
    parse_question(text, "x.txt", "x").expect("a question")
}

fn passages(q: &Question) -> Vec<(Part, Option<&str>, &str)> {
    q.passages
        .iter()
        .map(|p| (p.part, p.label.as_deref(), p.text.as_str()))
        .collect()
}

#[test]
fn full_header_over_several_lines() {
    let q = parse(fixtures::LERARENTEKORT);
    assert_eq!(q.meta.number, Some(412));
    assert_eq!(q.meta.asker.as_deref(), Some("Eline Van den Berghe"));
    assert_eq!(q.meta.date.as_deref(), Some("2023-03-14"));
    assert_eq!(q.meta.minister.as_deref(), Some("Kobe Verstraelen"));
    assert_eq!(
        q.meta.portfolio.as_deref(),
        Some("Vlaams minister van Onderwijs, Sport, Dierenwelzijn en Vlaamse Rand")
    );
    assert_eq!(
        q.meta.topic.as_deref(),
        Some(
            "Lerarentekort in het basisonderwijs - Inzet van zij-instromers en gepensioneerde leerkrachten"
        )
    );
}

#[test]
fn artifacts_are_repaired_and_passages_labelled() {
    let q = parse(fixtures::LERARENTEKORT);
    assert_eq!(
        passages(&q),
        vec![
            (
                Part::Question,
                None,
                "Het lerarentekort blijft groot. Volgens de cijfers van het departement waren er in september nog 1.250 vacatures open in het basisonderwijs. Vooral scholen in de centrumsteden zoeken leerkrachten. De informatie-uitwisseling tussen scholen en het CLB-netwerk verloopt moeizaam."
            ),
            (
                Part::Question,
                Some("1. a)"),
                "Hoeveel zij-instromers werden in het schooljaar 2022-2023 aangeworven?\nb) Hoeveel gepensioneerde leerkrachten keerden terug naar de klas?"
            ),
            (
                Part::Question,
                Some("2."),
                "Welke maatregelen neemt de minister om de werkdruk van de leerkrachten te verlagen?"
            ),
            (
                Part::Answer,
                Some("1. a) + b)"),
                "In het schooljaar 2022-2023 werden 812 zij-instromers aangeworven. Daarnaast keerden 97 gepensioneerde leerkrachten terug naar de klas."
            ),
            (
                Part::Answer,
                Some("2."),
                "De werkdruk verlagen we met drie sporen:\n- extra administratieve ondersteuning voor scholen, zodat leerkrachten minder tijd kwijt zijn aan papierwerk;\n- een vereenvoudigd leerplan;\n- meer middelen voor de lerarenopleiding."
            ),
        ]
    );
    let ordinals: Vec<u32> = q.passages.iter().map(|p| p.ordinal).collect();
    assert_eq!(ordinals, vec![0, 1, 2, 3, 4]);
    assert!(q.question.starts_with("Het lerarentekort blijft groot."));
    assert!(q.question.contains("\n\n1. a) Hoeveel zij-instromers"));
    assert!(
        q.answer
            .as_deref()
            .is_some_and(|a| a.ends_with("lerarenopleiding."))
    );
    assert!(
        !q.question.contains(" \n") && !q.question.ends_with(' '),
        "trailing spaces"
    );
}

#[test]
fn missing_header_is_filled_from_the_answer_header_with_crlf() {
    let q = parse(&fixtures::BEROEPSGEHEIM.replace('\n', "\r\n"));
    assert_eq!(q.meta.number, Some(88));
    assert_eq!(q.meta.date.as_deref(), Some("2021-10-03"));
    assert_eq!(q.meta.asker.as_deref(), Some("Joris D'haeseleer"));
    assert_eq!(q.meta.minister.as_deref(), Some("Anneke De Groote"));
    assert_eq!(
        q.meta.portfolio.as_deref(),
        Some(
            "Minister-president van de Vlaamse Regering, Vlaams minister van Buitenlandse Zaken, Cultuur, Digitalisering en Facilitair Management"
        )
    );
    assert_eq!(
        q.meta.topic.as_deref(),
        Some("Beroepsgeheim van hulpverleners - Gedeeld beroepsgeheim in de jeugdhulp")
    );
    let labels: Vec<(Part, Option<&str>)> = q
        .passages
        .iter()
        .map(|p| (p.part, p.label.as_deref()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (Part::Question, None),
            (Part::Question, Some("1.")),
            (Part::Question, Some("2.")),
            (Part::Answer, Some("1.")),
            (Part::Answer, Some("2.")),
        ]
    );
    assert!(q.passages.iter().all(|p| !p.text.contains('\r')));
}

#[test]
fn one_line_headers_and_accented_names() {
    let q = parse(fixtures::LENINGEN);
    assert_eq!(q.meta.number, Some(5));
    assert_eq!(q.meta.asker.as_deref(), Some("Séverine Lambrechts"));
    assert_eq!(q.meta.date.as_deref(), Some("2019-02-02"));
    assert_eq!(q.meta.minister.as_deref(), Some("Pieter-Jan Van Acker"));
    assert_eq!(
        q.meta.portfolio.as_deref(),
        Some("Vlaams minister van Financiën en Begroting")
    );
    assert_eq!(
        q.meta.topic.as_deref(),
        Some("Financiën van de gemeenten – Leningen")
    );
    assert_eq!(
        q.answer.as_deref(),
        Some(
            "In 2018 sloten de gemeenten 312 leningen af. De financiën van de steden blijven gezond."
        )
    );
}

#[test]
fn a_question_without_answer_has_a_null_answer() {
    let q = parse(fixtures::ZWERFKATTEN);
    assert_eq!(q.meta.asker.as_deref(), Some("Marthe Op de Beeck"));
    assert_eq!(q.answer, None);
    assert_eq!(
        passages(&q),
        vec![(
            Part::Question,
            None,
            "Steden en gemeenten organiseren sterilisatiecampagnes voor zwerfkatten. Hoeveel gemeenten deden mee?"
        )]
    );
}

#[test]
fn fields_the_document_does_not_give_stay_null() {
    let q = parse(fixtures::HITTEPLAN);
    assert_eq!(
        (
            q.meta.number,
            q.meta.date.as_deref(),
            q.meta.asker.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!(q.meta.minister.as_deref(), Some("Anneke De Groote"));
    assert_eq!(
        q.meta.portfolio.as_deref(),
        Some("Minister-president van de Vlaamse Regering")
    );
    assert_eq!(
        q.answer.as_deref(),
        Some("Het hitteplan werd op 12 juli geactiveerd voor alle woonzorgcentra.")
    );
}

#[test]
fn notes_hold_no_question() {
    assert!(parse_question(fixtures::NOTES, "n.txt", "n").is_err());
    assert!(parse_question("", "e.txt", "e").is_err());
}

/// The real sample, byte for byte as it ships in corpus/.
#[test]
fn the_real_sample() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/sv-2022-257-livc-stand-van-zaken.txt"
    );
    let text = std::fs::read_to_string(path).expect("the sample");
    let q = parse(&text);
    assert_eq!(q.meta.number, Some(257));
    assert_eq!(q.meta.asker.as_deref(), Some("Maaike De Vreese"));
    assert_eq!(q.meta.minister.as_deref(), Some("Zuhal Demir"));
    assert_eq!(q.meta.date.as_deref(), Some("2022-12-09"));
    assert_eq!(
        q.meta.portfolio.as_deref(),
        Some("Vlaams minister van Justitie en Handhaving, Omgeving, Energie en Toerisme")
    );
    assert_eq!(
        q.meta.topic.as_deref(),
        Some("Lokale integrale veiligheidscellen (LIVC’s) - Stand van zaken")
    );
    let labels: Vec<Option<&str>> = q.passages.iter().map(|p| p.label.as_deref()).collect();
    assert_eq!(
        labels,
        vec![
            None,
            None,
            None,
            Some("1. a)"),
            Some("2."),
            Some("3."),
            Some("1. a) + b)"),
            Some("2. a) + b)"),
            Some("2. c) + d)"),
            Some("3. a) + b) + c)"),
        ]
    );
    // The page break inside item 2 c) and the one inside a bullet are mended.
    assert!(
        q.passages[4]
            .text
            .contains("per provincie?\nWelke concrete inspanningen")
    );
    assert!(
        q.passages[7]
            .text
            .contains("(zoals CLB, justitiehuizen, OCMW, CAW, jeugdhulp,...).")
    );
    assert!(
        q.passages[1]
            .text
            .contains("lokale informatie-uitwisseling")
    );
}

#[test]
fn a_bulletin_yields_one_question_each_with_its_minister() {
    let qs = vraagbaak::parse::parse_document(fixtures::BULLETIN, "b.txt", "b").expect("questions");
    type Row<'a> = (
        &'a str,
        Option<u32>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let got: Vec<Row> = qs
        .iter()
        .map(|q| {
            (
                q.meta.doc_id.as_str(),
                q.meta.number,
                q.meta.date.as_deref(),
                q.meta.asker.as_deref(),
                q.meta.minister.as_deref(),
                q.meta.topic.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "b#1",
                Some(41),
                Some("2006-03-02"),
                Some("Koen Aerts"),
                Some("Jan Vermeersch"),
                Some("Fietspaden langs gewestwegen - Onderhoud")
            ),
            (
                "b#2",
                Some(44),
                Some("2006-03-06"),
                Some("Hilde Claes"),
                Some("Jan Vermeersch"),
                Some("Trajectcontroles")
            ),
            (
                "b#3",
                Some(12),
                Some("2006-03-01"),
                Some("Koen Aerts"),
                Some("Liesbet De Mey"),
                Some("Wachtlijsten kinderopvang")
            ),
        ]
    );
    assert_eq!(
        qs[0].meta.portfolio.as_deref(),
        Some("Vlaams minister van Mobiliteit en Openbare Werken")
    );
    assert_eq!(
        qs[2].meta.portfolio.as_deref(),
        Some("Vlaams minister van Welzijn, Volksgezondheid en Gezin")
    );
    // The footer between `fiets-` and `paden` is gone and the word whole again.
    assert_eq!(
        qs[0].answer.as_deref(),
        Some(
            "1. In 2005 werd 84 kilometer fietspad hersteld.\n\n2. Voor 2006 is 12 miljoen euro voorzien voor het onderhoud van fietspaden langs gewestwegen."
        )
    );
    // No page number, heading or table of contents leaks into a question.
    for q in &qs {
        let all = format!("{} {}", q.question, q.answer.as_deref().unwrap_or(""));
        for leak in [
            "-4-",
            "LIESBET",
            "Vragen en Antwoorden",
            "....",
            "INHOUDSTAFEL",
        ] {
            assert!(!all.contains(leak), "{leak} in {}: {all}", q.meta.doc_id);
        }
    }
    assert_eq!(
        qs[1].answer.as_deref(),
        Some("Er komen trajectcontroles op zes gewestwegen, onder meer de N8 en de N49.")
    );
}

/// A narrow column breaks a question's head line anywhere: inside the asker's name, in
/// the date, before `de heer`; each head is read whole, and the title after it stays the
/// title (even one word long); a name hyphenated at the line end is whole again.
#[test]
fn bulletin_heads_broken_anywhere_by_a_narrow_column() {
    let heads = [
        (
            "Vraag nr. 211 van 12 januari 2007 van de heer BRAM\nVAN LOOY",
            "Bram Van Looy",
        ),
        (
            "Vraag nr. 212 van 15 januari 2007 van mevrouw NORA\nHEYLEN-DE SMET",
            "Nora Heylen-De Smet",
        ),
        (
            "Vraag nr. 213 van 19\njanuari 2007 van de heer TIMO DE RIDDER",
            "Timo De Ridder",
        ),
        (
            "Vraag nr. 214 van 22 januari 2007 van de\nheer KOBE\nSTEVENS",
            "Kobe Stevens",
        ),
        (
            "Vraag nr. 215 van 25 januari 2007 van mevrouw ANOUK PEETERS",
            "Anouk Peeters",
        ),
        // Hyphenated at the line end: a syllable is glued, a double name keeps its
        // hyphen.
        (
            "Vraag nr. 216 van 26 januari 2007 van mevrouw KA-\nTRIEN SEGERS",
            "Katrien Segers",
        ),
        (
            "Vraag nr. 217 van 29 januari 2007 van mevrouw LIES VANDAELE-\nDE CLERCQ",
            "Lies Vandaele-De Clercq",
        ),
    ];
    let mut text = String::from(
        "VLAAMS PARLEMENT\n\nBulletin van Vragen en Antwoorden\n\nWOUTER CLAEYS\nVlaams minister van Cultuur, Jeugd en Media\n\n",
    );
    for (i, (head, _)) in heads.iter().enumerate() {
        let title = if i == 4 {
            "Bibliotheken"
        } else {
            "Lokale radio - Frequentieplan"
        };
        text += &format!(
            "{head}\n\n{title}\n\nHoeveel aanvragen werden ingediend?\nAntwoord\nEr werden {i} aanvragen ingediend.\n\n"
        );
    }
    let qs = vraagbaak::parse::parse_document(&text, "b.txt", "b").expect("questions");
    type Row<'a> = (
        Option<u32>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let got: Vec<Row> = qs
        .iter()
        .map(|q| {
            (
                q.meta.number,
                q.meta.date.as_deref(),
                q.meta.asker.as_deref(),
                q.meta.topic.as_deref(),
            )
        })
        .collect();
    let dates = [
        "2007-01-12",
        "2007-01-15",
        "2007-01-19",
        "2007-01-22",
        "2007-01-25",
        "2007-01-26",
        "2007-01-29",
    ];
    let want: Vec<Row> = heads
        .iter()
        .enumerate()
        .map(|(i, (_, asker))| {
            (
                Some(211 + i as u32),
                Some(dates[i]),
                Some(*asker),
                Some(if i == 4 {
                    "Bibliotheken"
                } else {
                    "Lokale radio - Frequentieplan"
                }),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// A title that a column or page break cuts (blank lines inside it) is whole where it
/// clearly runs on; a title followed by blank lines and a new sentence stays alone.
#[test]
fn a_title_cut_by_a_column_break_runs_on() {
    let doc = |title: &str| {
        format!(
            "VLAAMS PARLEMENT\n\nBulletin van Vragen en Antwoorden\n\nWOUTER CLAEYS\nVlaams minister van Cultuur, Jeugd en Media\n\n\
             Vraag nr. 205 van 16 maart 2006 van de heer WARD PEETERS\n\n{title}\n\nHoeveel gemeenten doen mee?\n\nAntwoord\n\nVeertig.\n"
        )
    };
    let topic = |title: &str| {
        vraagbaak::parse::parse_document(&doc(title), "b.txt", "b").expect("questions")[0]
            .meta
            .topic
            .clone()
    };
    let whole = Some("Zwerfkatten - Sterilisatiecampagnes van gemeenten".to_string());
    assert_eq!(
        topic("Zwerfkatten - Sterilisatiecampagnes van\n\n\n\ngemeenten"),
        whole
    );
    assert_eq!(
        topic("Zwerfkatten -\n\n\nSterilisatiecampagnes van gemeenten"),
        whole
    );
    assert_eq!(
        topic("Zwerfkatten - Sterilisatiecampagnes van gemeenten"),
        whole
    );
    assert_eq!(
        topic("Zwerfkatten - Sterilisatiecampagnes\n\n\nUit de cijfers blijkt dat."),
        Some("Zwerfkatten - Sterilisatiecampagnes".to_string())
    );
}

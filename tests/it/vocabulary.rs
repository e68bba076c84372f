//! The vocabulary: a query in other words (an old name, a Netherlands word, a synonym, a
//! broader term) finds the documents that say it in their own words, ranked below those
//! that use the query's words, with a notice; `--exact` does not widen; a user extends
//! the vocabulary with a file of their own.

use crate::util::{TestCorpus, failure, json, vraagbaak_on};

fn doc(n: u32, title: &str, text: &str) -> (String, Vec<u8>) {
    let body = format!(
        "SCHRIFTELIJKE VRAAG\nnr. {n} van WARD PEETERS\ndatum: 4 maart 2024\naan NELE CLAES\nVLAAMS MINISTER VAN WONEN\n\n{title}\n\n{text}\n\nNELE CLAES\nVLAAMS MINISTER VAN WONEN\n\nANTWOORD\nop vraag nr. {n} van 4 maart 2024\nvan WARD PEETERS\n\nHet antwoord volgt later.\n"
    );
    (format!("sv-{n}.txt"), body.into_bytes())
}

fn corpus() -> TestCorpus {
    let files = [
        doc(
            1,
            "Huurwoningen in Genk",
            "Hoeveel huurwoningen bouwt de woonmaatschappij in Genk?",
        ),
        doc(
            2,
            "Wachtlijsten",
            "Welke sociale huisvestingsmaatschappij heeft de langste wachtlijst?",
        ),
        doc(3, "Stallen", "Hoeveel varkens telt de provincie Antwerpen?"),
        doc(4, "Dieren", "Hoeveel landbouwdieren zijn er in Vlaanderen?"),
        doc(
            5,
            "Klassen",
            "Hoeveel leerlingen in het secundair onderwijs zitten in grote klassen?",
        ),
        doc(
            6,
            "Podium",
            "Mag elke burger op het spreekgestoelte van het park?",
        ),
        doc(
            7,
            "Toeslagen",
            "Hoeveel gezinnen krijgen een toeslag voor de kinderopvang?",
        ),
        doc(
            8,
            "Opvang",
            "Hoeveel plaatsen telt de kinderopvang in Gent?",
        ),
        doc(
            9,
            "Centrum",
            "Wanneer opent het nieuwe centrum voor jongeren?",
        ),
        doc(10, "Studenten", "Waarom krijg ik als student geen toeslag?"),
        doc(
            11,
            "Kaaien",
            "Wanneer is de renovatie van de Scheldekaaien klaar?",
        ),
        doc(12, "Rivier", "Hoe proper is het water van de Schelde?"),
    ];
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let c = TestCorpus::new(&files);
    c.index();
    c
}

/// The numbers found for `query` (a question each, best first), and the notices.
fn found(c: &TestCorpus, query: &str, extra: &[&str]) -> (Vec<u64>, Vec<String>) {
    let r = json(
        vraagbaak_on(&c.index_dir())
            .args(["search", query, "--questions", "--json"])
            .args(extra),
    );
    let numbers = r["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["number"].as_u64().expect("number"))
        .collect();
    // No notices: no field.
    let notices = r["notices"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| n.as_str().expect("text").to_string())
                .collect()
        })
        .unwrap_or_default();
    (numbers, notices)
}

#[test]
fn an_old_name_a_netherlands_word_and_a_broader_term_find_the_other_words_below_their_own() {
    let c = corpus();
    // The old name finds the new one, below the question that uses the old name.
    let (n, notices) = found(&c, "sociale huisvestingsmaatschappij", &[]);
    assert_eq!(n, [2, 1], "{notices:?}");
    assert!(
        notices
            .iter()
            .any(|t| t == "also searched: woonmaatschappij (the new name since 2023)"),
        "{notices:?}"
    );
    // And the new name the old one.
    assert_eq!(found(&c, "woonmaatschappij", &[]).0, [1, 2]);
    // The Netherlands word finds the Flemish one.
    assert_eq!(found(&c, "middelbare school", &[]).0, [5]);
    // A broader term finds the narrower ones; not the reverse.
    assert_eq!(found(&c, "landbouwdieren", &[]).0, [4, 3]);
    assert_eq!(found(&c, "varkens", &[]).0, [3]);
    // --exact: the words as typed.
    let (exact, notices) = found(&c, "woonmaatschappij", &["--exact"]);
    assert_eq!(exact, [1]);
    assert!(
        notices.iter().all(|t| !t.contains("also searched")),
        "{notices:?}"
    );
    assert_eq!(
        found(&c, "middelbare school", &["--exact"]).0,
        Vec::<u64>::new()
    );
}

#[test]
fn a_compound_with_no_hits_falls_back_to_its_parts_and_question_words_weigh_little() {
    let c = corpus();
    let (n, notices) = found(&c, "kinderopvangtoeslag", &[]);
    // Both parts first; the head alone after; the front alone (8) not.
    assert_eq!(n, [7, 10], "the head required: {notices:?}");
    assert!(
        notices.iter().any(|t| t
            == "`kinderopvangtoeslag` is not in the index as a whole; searched for its parts: kinderopvang, toeslag"),
        "{notices:?}"
    );
    // A part it does not know: the parts it knows.
    assert_eq!(found(&c, "XYZ-centrum", &[]).0, [9]);
    // Whole words that are indexed do not fall back; --exact does not either.
    assert_eq!(found(&c, "kinderopvang", &[]).0.len(), 2);
    assert_eq!(
        found(&c, "kinderopvangtoeslag", &["--exact"]).0,
        Vec::<u64>::new()
    );
    // Typed as a question: the content words decide (the student's question holds the
    // question words, the other the content).
    let (n, _) = found(&c, "waarom krijg ik geen toeslag voor kinderopvang", &[]);
    assert_eq!(n.first(), Some(&7), "{n:?}");
    // A name at the front of a compound the index did not split: below the name itself.
    assert_eq!(found(&c, "Schelde", &[]).0, [12, 11]);
    assert_eq!(found(&c, "Schelde", &["--exact"]).0, [12]);
    // A question word alone is the query.
    assert_eq!(found(&c, "waarom", &[]).0, [10]);
}

#[test]
fn a_vocabulary_of_ones_own_extends_the_shipped_one() {
    let c = corpus();
    assert_eq!(found(&c, "zeepkist", &[]).0, Vec::<u64>::new());
    // Given on the command line.
    let mine = c.root().join("mijn-woorden.txt");
    std::fs::write(&mine, "# mijn woorden\nzeepkist = spreekgestoelte\n").expect("write");
    let path = mine.to_str().expect("utf-8");
    let (n, notices) = found(&c, "zeepkist", &["--vocabulary", path]);
    assert_eq!(n, [6]);
    assert!(
        notices
            .iter()
            .any(|t| t == "also searched: spreekgestoelte"),
        "{notices:?}"
    );
    // Beside the index: every search of it.
    std::fs::copy(&mine, c.index_dir().join("vocabulary.txt")).expect("copy");
    assert_eq!(found(&c, "zeepkist", &[]).0, [6]);
    // A bad line: one line that names the file and the line, exit 2.
    std::fs::write(&mine, "zeepkist spreekgestoelte\n").expect("write");
    let (code, message) =
        failure(vraagbaak_on(&c.index_dir()).args(["search", "zeepkist", "--vocabulary", path]));
    assert_eq!(code, 2, "{message}");
    assert!(message.contains("mijn-woorden.txt: line 1:"), "{message}");
    assert_eq!(message.trim().lines().count(), 1);
    let (code, message) = failure(vraagbaak_on(&c.index_dir()).args([
        "search",
        "zeepkist",
        "--vocabulary",
        "/nergens.txt",
    ]));
    assert_eq!(code, 2);
    assert!(message.contains("no such file"), "{message}");
    // A folder, and a file that is not text: one line each, exit 2, nothing searched.
    let folder = c.root().to_str().expect("utf-8").to_string();
    let binary = c.root().join("binair.txt");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x9c, 0x80]).expect("write");
    for (given, said) in [
        (folder.as_str(), "a folder, not a file"),
        (binary.to_str().expect("utf-8"), "cannot be read"),
    ] {
        let (code, message) = failure(vraagbaak_on(&c.index_dir()).args([
            "search",
            "zeepkist",
            "--vocabulary",
            given,
        ]));
        assert_eq!(code, 2, "{message}");
        assert!(message.contains(said), "{message}");
        assert_eq!(message.trim().lines().count(), 1, "{message}");
    }
}

//! Results a researcher works with: grouping per question, sorting, paging, facets,
//! stats, similar questions and export, on a generated corpus whose every fact (who asked,
//! who answered, when, which questions hold a word) the test knows without the index.

use crate::util::TestCorpus;
use crate::util::{failure, json, stdout, vraagbaak};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;
use vraagbaak::search::{
    self, Facet, FacetValue, Hit, SearchRequest, SearchResults, Session, Sort, Unit,
};
use vraagbaak_synth::{Doc, Head, MONTHS, Rng};

/// The marker word some questions hold (never in a title).
const MARKER: &str = "kustbescherming";
/// The word every passage holds.
const COMMON: &str = "begroting";
const DOCS: usize = 420;

const MINISTERS: [(&str, &str); 4] = [
    ("Lotte Goossens", "VLAAMS MINISTER VAN CULTUUR EN JEUGD"),
    (
        "Ward Hermans",
        "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN",
    ),
    ("Nadia Mertens", "VLAAMS MINISTER VAN WELZIJN EN GEZIN"),
    ("Jozef Wuyts", "VLAAMS MINISTER VAN ONDERWIJS"),
];
/// 24 members: more than a facet lists (20).
const ASKERS: [&str; 24] = [
    "Eva Smets",
    "Tom Jacobs",
    "Ilse Claes",
    "Kris Aerts",
    "Anja Wouters",
    "Bert Peeters",
    "Carla Maes",
    "Dries Willems",
    "Emma Goris",
    "Frank Lenaerts",
    "Gitte Vos",
    "Hans Martens",
    "Ines Baert",
    "Jan Verbeke",
    "Katrien Smolders",
    "Luc Geerts",
    "Mira Cools",
    "Nick Hendrickx",
    "Olga Segers",
    "Paul Mees",
    "Rita Bogaerts",
    "Stef Dewitte",
    "Ute Raes",
    "Vic Pauwels",
];
const WORDS: [&str; 16] = [
    "gemeenten",
    "subsidies",
    "overleg",
    "agentschap",
    "evaluatie",
    "personeel",
    "projecten",
    "investeringen",
    "kosten",
    "verenigingen",
    "doelstellingen",
    "maatregelen",
    "uitvoering",
    "onderzoek",
    "middelen",
    "planning",
];

/// What the generator wrote into one document.
#[derive(Debug, Clone)]
struct Truth {
    minister: &'static str,
    asker: &'static str,
    year: u64,
    number: u32,
    marker: bool,
}

/// A document in the layout of FORMAT.md: an intro, numbered items, numbered answers.
fn document(head: &Head, intro: &str, items: &[String], answers: &[String]) -> String {
    let numbered = |xs: &[String]| -> Vec<String> {
        xs.iter()
            .enumerate()
            .map(|(i, x)| format!("{}. {x}", i + 1))
            .collect()
    };
    let mut question = vec![intro.to_string()];
    question.extend(numbered(items));
    Doc {
        head: head.clone(),
        question,
        answer: numbered(answers),
        pdf_spacing: false,
    }
    .render()
}

fn sentence(rng: &mut Rng, marker: bool) -> String {
    let mut words: Vec<&str> = (0..6 + rng.below(6))
        .map(|_| WORDS[rng.below(16)])
        .collect();
    words.insert(rng.below(words.len()), COMMON);
    if marker {
        words.insert(rng.below(words.len()), MARKER);
    }
    words.join(" ")
}

/// The generated corpus: its files and what each holds.
fn generated() -> (Vec<(String, Vec<u8>)>, Vec<Truth>) {
    let mut rng = Rng::new(77);
    let mut files = Vec::new();
    let mut truth = Vec::new();
    for i in 0..DOCS {
        let (minister, portfolio) = MINISTERS[rng.below(4)];
        let asker = ASKERS[rng.below(ASKERS.len())];
        let year = 2015 + rng.below(10) as u64;
        let date = format!("{} {} {year}", 1 + rng.below(28), MONTHS[rng.below(12)]);
        let marker = rng.below(5) < 2;
        let n = 1 + rng.below(3);
        // The marker in one passage at least when the question holds it.
        let with = rng.below(2 * n + 1);
        let mut at = 0;
        let mut next = |rng: &mut Rng| {
            let m = marker && (at == with || rng.below(3) == 0);
            at += 1;
            sentence(rng, m)
        };
        let intro = format!(
            "Een inleiding met \"citaat, met komma\": {}.",
            next(&mut rng)
        );
        let items: Vec<String> = (0..n)
            .map(|_| format!("Hoeveel {}?", next(&mut rng)))
            .collect();
        let answers: Vec<String> = (0..n)
            .map(|k| {
                if k % 2 == 0 {
                    format!(
                        "Het gaat om:\n\n- {};\n\n- een tweede punt.",
                        next(&mut rng)
                    )
                } else {
                    format!("{}, zo \"snel\" mogelijk.", next(&mut rng))
                }
            })
            .collect();
        let number = 100 + i as u32;
        let title = format!("Onderwerp {number} - Stand van zaken");
        let head = Head {
            number,
            asker,
            minister,
            portfolio,
            date: &date,
            title: &title,
        };
        let text = document(&head, &intro, &items, &answers);
        files.push((format!("{year}/sv-{number}.txt"), text.into_bytes()));
        truth.push(Truth {
            minister,
            asker,
            year,
            number,
            marker,
        });
    }
    (files, truth)
}

/// A question and a reworded copy of it (another member, minister and year, the words
/// in another order, some in other forms), among questions that share some of its words.
fn similar_files() -> Vec<(String, Vec<u8>)> {
    let original = document(
        &Head {
            number: 9001,
            asker: "Eva Smets",
            minister: "Nadia Mertens",
            portfolio: "VLAAMS MINISTER VAN WELZIJN EN GEZIN",
            date: "3 mei 2021",
            title: "Bijensterfte - Gebruik van neonicotinoïden in de landbouw",
        },
        "Imkers melden een hoge wintersterfte bij honingbijen. Onderzoekers wijzen op \
         neonicotinoïden en andere pesticiden die in de landbouw worden gebruikt.",
        &[
            "Hoeveel bijenvolken gingen de voorbije winter verloren?".into(),
            "Welke maatregelen neemt de minister tegen het gebruik van neonicotinoïden?".into(),
            "Krijgen imkers steun bij de heropbouw van hun bijenvolken?".into(),
        ],
        &["De wintersterfte bedroeg 23 procent.".into()],
    );
    let reworded = document(
        &Head {
            number: 9002,
            asker: "Tom Jacobs",
            minister: "Jozef Wuyts",
            portfolio: "VLAAMS MINISTER VAN ONDERWIJS",
            date: "12 oktober 2024",
            title: "Sterfte van honingbijen - Neonicotinoïden en pesticiden",
        },
        "Het gebruik van pesticiden zoals neonicotinoïden in de landbouw zou volgens \
         onderzoekers de hoge sterfte van honingbijen verklaren. Ook dit jaar meldden \
         imkers veel wintersterfte.",
        &[
            "Hoeveel bijenvolken zijn er tijdens de winter verloren gegaan?".into(),
            "Welke stappen zet de minister om neonicotinoïden terug te dringen?".into(),
            "Kunnen imkers steun krijgen om hun bijenvolken opnieuw op te bouwen?".into(),
        ],
        &["Cijfers volgen later.".into()],
    );
    let near = [
        (
            9003,
            "Pesticiden in het grondwater - Metingen",
            "In het grondwater worden resten van pesticiden gemeten, vooral in gebieden met \
             veel landbouw.",
            "Hoeveel meetpunten overschrijden de norm voor pesticiden?",
        ),
        (
            9004,
            "Biodiversiteit in stadsparken - Bloemenweides",
            "Steden zaaien bloemenweides aan voor wilde bijen en vlinders.",
            "Hoeveel steden legden een bloemenweide aan voor bijen?",
        ),
        (
            9005,
            "Imkers - Opleiding",
            "Steeds meer mensen volgen een opleiding tot imker.",
            "Hoeveel imkers volgden de opleiding van de provinciale bijenteeltschool?",
        ),
    ];
    let mut files = vec![
        ("bees/original.txt".to_string(), original.into_bytes()),
        ("bees/reworded.txt".to_string(), reworded.into_bytes()),
    ];
    for (nr, title, intro, item) in near {
        let head = Head {
            number: nr,
            asker: "Ilse Claes",
            minister: "Ward Hermans",
            portfolio: "VLAAMS MINISTER VAN MOBILITEIT EN OPENBARE WERKEN",
            date: "8 juni 2022",
            title,
        };
        let text = document(
            &head,
            intro,
            &[item.into()],
            &["Dat wordt onderzocht.".into()],
        );
        files.push((format!("bees/near-{nr}.txt"), text.into_bytes()));
    }
    files
}

struct Fixture {
    corpus: TestCorpus,
    truth: Vec<Truth>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let (mut files, truth) = generated();
    files.extend(similar_files());
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(p, b)| (p.as_str(), b.clone())).collect();
    let corpus = TestCorpus::new(&refs);
    let report = corpus.index();
    assert_eq!(report.questions_total, DOCS + 5, "{:?}", report.skipped);
    Fixture { corpus, truth }
});

fn request(query: &str) -> SearchRequest {
    SearchRequest {
        limit: 10_000,
        ..SearchRequest::new(query)
    }
}

fn run(req: &SearchRequest) -> SearchResults {
    search::search(&FIXTURE.corpus.store(), req).expect("search")
}

/// A passage, told apart from every other.
fn passage_id(h: &Hit) -> (String, String) {
    (h.meta.doc_id.clone(), h.passage.clone())
}

/// The generated questions that hold the marker.
fn with_marker() -> Vec<&'static Truth> {
    FIXTURE.truth.iter().filter(|t| t.marker).collect()
}

/// Checks a facet against counts made by hand: every listed value has its count, the
/// list holds the values with the most, and the others add up.
fn check_facet(name: &str, facet: &Facet, expected: &BTreeMap<String, usize>, size: usize) {
    let listed: HashMap<String, usize> = facet
        .values
        .iter()
        .map(|c| (c.value.to_string(), c.count))
        .collect();
    assert_eq!(listed.len(), expected.len().min(size), "{name}: {listed:?}");
    for (value, count) in &listed {
        assert_eq!(Some(count), expected.get(value), "{name}: {value}");
    }
    let least_listed = listed.values().min().copied().unwrap_or(0);
    let unlisted: Vec<usize> = expected
        .iter()
        .filter(|(v, _)| !listed.contains_key(*v))
        .map(|(_, c)| *c)
        .collect();
    assert!(unlisted.iter().all(|&c| c <= least_listed), "{name}");
    assert_eq!(
        facet.others,
        unlisted.iter().sum::<usize>(),
        "{name}: others"
    );
    assert_eq!(facet.missing, 0, "{name}: missing");
    let counts: Vec<usize> = facet.values.iter().map(|c| c.count).collect();
    let values: Vec<&FacetValue> = facet.values.iter().map(|c| &c.value).collect();
    if matches!(values.first(), Some(FacetValue::Year(_))) {
        assert!(
            values.windows(2).all(|w| w[0] > w[1]),
            "{name}: latest first"
        );
    } else {
        assert!(
            counts.windows(2).all(|w| w[0] >= w[1]),
            "{name}: most first"
        );
    }
}

fn count_by(truths: &[&Truth], key: impl Fn(&Truth) -> String) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for t in truths {
        *out.entry(key(t)).or_default() += 1;
    }
    out
}

#[test]
fn facet_counts_equal_counts_made_from_the_documents() {
    let marked = with_marker();
    assert!(marked.len() > 100, "{}", marked.len());
    let r = run(&SearchRequest {
        limit: 5,
        facets: true,
        ..request(MARKER)
    });
    assert_eq!(r.total_questions, Some(marked.len()));
    let f = r.facets.expect("facets");
    check_facet(
        "minister",
        &f.minister,
        &count_by(&marked, |t| t.minister.into()),
        20,
    );
    check_facet(
        "year",
        &f.year,
        &count_by(&marked, |t| t.year.to_string()),
        20,
    );
    check_facet(
        "asker",
        &f.asker,
        &count_by(&marked, |t| t.asker.into()),
        20,
    );
    assert!(f.asker.others > 0, "24 askers, 20 listed");
    assert!(matches!(f.year.values[0].value, FacetValue::Year(_)));

    // With a filter, the counts are of what the filter lets through.
    let from = vraagbaak::parse::date::parse_iso("2020-01-01");
    let recent: Vec<&Truth> = marked.iter().copied().filter(|t| t.year >= 2020).collect();
    let mut req = SearchRequest {
        facets: true,
        ..request(MARKER)
    };
    req.filters.from = from;
    req.filters.minister = Some("Hermans".into());
    let r = run(&req);
    let f = r.facets.expect("facets");
    let hermans: Vec<&Truth> = recent
        .iter()
        .copied()
        .filter(|t| t.minister == "Ward Hermans")
        .collect();
    assert_eq!(r.total_questions, Some(hermans.len()));
    check_facet(
        "minister",
        &f.minister,
        &count_by(&hermans, |t| t.minister.into()),
        20,
    );
    check_facet(
        "year",
        &f.year,
        &count_by(&hermans, |t| t.year.to_string()),
        20,
    );
}

#[test]
fn stats_count_the_whole_index() {
    let s = vraagbaak::stats(&FIXTURE.corpus.store(), 5).expect("stats");
    assert_eq!(s.questions, DOCS + 5);
    assert_eq!(s.files, DOCS + 5);
    assert!(s.passages > s.questions);
    assert!(s.size_bytes > 10_000);
    assert!(s.last_update.as_deref().is_some_and(|t| t.ends_with('Z')));
    let all: Vec<&Truth> = FIXTURE.truth.iter().collect();
    let mut ministers = count_by(&all, |t| t.minister.into());
    // The five hand-written questions.
    *ministers.entry("Nadia Mertens".into()).or_default() += 1;
    *ministers.entry("Jozef Wuyts".into()).or_default() += 1;
    *ministers.entry("Ward Hermans".into()).or_default() += 3;
    check_facet("ministers", &s.ministers, &ministers, usize::MAX);
    // Years: all of them, latest first.
    let years: Vec<String> = s.years.values.iter().map(|c| c.value.to_string()).collect();
    let mut expected: Vec<String> = count_by(&all, |t| t.year.to_string()).into_keys().collect();
    expected.extend(["2021", "2022", "2024"].map(String::from));
    expected.sort();
    expected.dedup();
    expected.reverse();
    assert_eq!(years, expected);
    assert_eq!(s.askers.values.len(), 5);
}

#[test]
fn per_question_one_never_shows_two_passages_of_a_question() {
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        let mut seen = HashSet::new();
        // Page after page: no question comes back on a later page either.
        for page in 0..6 {
            let r = run(&SearchRequest {
                limit: 25,
                offset: page * 25,
                sort,
                per_question: Some(1),
                ..request(COMMON)
            });
            assert_eq!(r.hits.len(), 25);
            for h in &r.hits {
                assert!(
                    seen.insert(h.meta.doc_id.clone()),
                    "{sort:?}: {} twice",
                    h.meta.doc_id
                );
            }
        }
    }
    // And through the stream, every question once.
    let store = FIXTURE.corpus.store();
    let session = Session::open(&store).expect("session");
    let mut seen = HashSet::new();
    let done = session
        .search_each(
            &SearchRequest {
                per_question: Some(1),
                ..request(COMMON)
            },
            |h| {
                assert!(
                    seen.insert(h.meta.doc_id.clone()),
                    "{} twice",
                    h.meta.doc_id
                );
                Ok(())
            },
        )
        .expect("stream");
    assert_eq!(done.written, DOCS);
}

#[test]
fn per_question_keeps_the_best_passages_of_each_question() {
    let every = run(&request(MARKER));
    let two = run(&SearchRequest {
        per_question: Some(2),
        ..request(MARKER)
    });
    // Each question's two best passages in the ungrouped order, in that order.
    let mut expected = Vec::new();
    let mut per: HashMap<String, usize> = HashMap::new();
    for h in &every.hits {
        let n = per.entry(h.meta.doc_id.clone()).or_default();
        *n += 1;
        if *n <= 2 {
            expected.push(passage_id(h));
        }
    }
    let got: Vec<_> = two.hits.iter().map(passage_id).collect();
    assert_eq!(got, expected);
    assert!(
        per.values().any(|&n| n > 2),
        "the fixture has questions with 3+ hits"
    );
    assert_eq!(two.total, every.total, "total counts passages");
}

#[test]
fn questions_lists_each_question_once_with_its_best_passage() {
    let every = run(&request(MARKER));
    let r = run(&SearchRequest {
        questions: true,
        ..request(MARKER)
    });
    assert_eq!(r.unit, Unit::Question);
    assert_eq!(r.total_questions, Some(with_marker().len()));
    assert_eq!(r.hits.len(), with_marker().len());
    let mut first: HashMap<&str, &Hit> = HashMap::new();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for h in &every.hits {
        first.entry(&h.meta.doc_id).or_insert(h);
        *counts.entry(&h.meta.doc_id).or_default() += 1;
    }
    for h in &r.hits {
        let best = first[h.meta.doc_id.as_str()];
        assert_eq!(h.passage, best.passage, "{}", h.meta.doc_id);
        assert_eq!(h.matching_passages, Some(counts[h.meta.doc_id.as_str()]));
    }
    let numbers: HashSet<u32> = r.hits.iter().filter_map(|h| h.meta.number).collect();
    let marked: HashSet<u32> = with_marker().iter().map(|t| t.number).collect();
    assert_eq!(numbers, marked);
}

#[test]
fn sorting_by_date_orders_hits_by_date_and_keeps_every_hit() {
    let by_score = run(&request(MARKER));
    let scores: Vec<f64> = by_score.hits.iter().map(|h| h.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let ids = |r: &SearchResults| {
        let mut v: Vec<_> = r.hits.iter().map(passage_id).collect();
        v.sort();
        v
    };
    for (sort, newer_first) in [(Sort::Newest, true), (Sort::Oldest, false)] {
        let r = run(&SearchRequest {
            sort,
            ..request(MARKER)
        });
        let dates: Vec<&str> = r
            .hits
            .iter()
            .filter_map(|h| h.meta.date.as_deref())
            .collect();
        assert_eq!(dates.len(), r.hits.len());
        assert!(
            dates
                .windows(2)
                .all(|w| (w[0] >= w[1]) == newer_first || w[0] == w[1]),
            "{sort:?}"
        );
        assert_ne!(dates.first(), dates.last());
        assert_eq!(ids(&r), ids(&by_score), "{sort:?}: the same passages");
    }
}

#[test]
fn pages_put_together_are_the_whole_list() {
    for (sort, per_question, query) in [
        (Sort::Relevance, None, MARKER),
        (Sort::Newest, None, MARKER),
        (Sort::Relevance, Some(1), COMMON),
        // Two words: those holding both first, then those holding one.
        (Sort::Relevance, None, "kustbescherming planning"),
        (Sort::Oldest, Some(2), "kustbescherming planning"),
    ] {
        let base = SearchRequest {
            sort,
            per_question,
            ..request(query)
        };
        let whole = run(&SearchRequest {
            limit: 70,
            ..base.clone()
        });
        let mut pages = Vec::new();
        for k in 0..10 {
            let r = run(&SearchRequest {
                limit: 7,
                offset: k * 7,
                ..base.clone()
            });
            assert_eq!(r.total, whole.total);
            assert_eq!(r.hits.first().map(|h| h.rank), Some(k * 7 + 1));
            pages.extend(r.hits.iter().map(passage_id));
        }
        let whole: Vec<_> = whole.hits.iter().map(passage_id).collect();
        assert_eq!(pages, whole, "{query} {sort:?} {per_question:?}");
    }
    // A short page of two words (the second tier not walked) counts every match too.
    let query = "kustbescherming planning";
    let all = run(&request(query));
    for questions in [false, true] {
        let short = run(&SearchRequest {
            limit: 3,
            questions,
            ..request(query)
        });
        assert_eq!(short.total, all.hits.len(), "questions: {questions}");
    }
    let past = run(&SearchRequest {
        offset: 1_000_000,
        ..request(MARKER)
    });
    assert!(past.hits.is_empty());
    assert!(past.total > 0);
}

#[test]
fn the_stream_hands_over_every_match_in_order() {
    let query = "kustbescherming planning";
    let listed = run(&request(query));
    assert!(listed.total > 1000, "{}", listed.total);
    assert_eq!(listed.hits.len(), listed.total);
    let store = FIXTURE.corpus.store();
    let session = Session::open(&store).expect("session");
    let mut streamed = Vec::new();
    let done = session
        .search_each(&request(query), |h| {
            streamed.push(h);
            Ok(())
        })
        .expect("stream");
    assert_eq!(done.total, listed.total);
    assert_eq!(done.written, listed.total);
    let a: Vec<_> = streamed.iter().map(|h| (h.rank, passage_id(h))).collect();
    let b: Vec<_> = listed
        .hits
        .iter()
        .map(|h| (h.rank, passage_id(h)))
        .collect();
    assert_eq!(a, b);
    // Holding both words ranks above holding one.
    let both = |h: &Hit| {
        let t = format!("{} {}", h.passage, h.meta.topic.as_deref().unwrap_or(""));
        t.contains(MARKER) && t.contains("planning")
    };
    let first_partial = listed.hits.iter().position(|h| !both(h)).expect("partial");
    assert!(listed.hits[first_partial..].iter().all(|h| !both(h)));
}

#[test]
fn similar_ranks_a_reworded_copy_first() {
    let store = FIXTURE.corpus.store();
    let id_of = |name: &str| {
        let r = run(&request(name));
        r.hits[0].meta.doc_id.clone()
    };
    let original = id_of("\"Gebruik van neonicotinoïden in de landbouw\"");
    let reworded = id_of("\"Sterfte van honingbijen\"");
    for (one, other) in [(&original, &reworded), (&reworded, &original)] {
        let s = vraagbaak::similar(&store, one, 5).expect("similar");
        assert_eq!(&s.of.doc_id, one);
        assert_eq!(&s.hits[0].meta.doc_id, other, "{:#?}", s.hits);
        assert!(s.hits.iter().all(|h| &h.meta.doc_id != one));
        assert!(s.hits[0].score > s.hits[1].score);
    }
    let e = vraagbaak::similar(&store, "sv-0-nothing", 5).expect_err("no such question");
    assert!(matches!(e, vraagbaak::Error::NotFound(_)));
}

#[test]
fn similar_leaves_out_copies_put_to_other_ministers() {
    let c = TestCorpus::new(&crate::fixtures::joint_corpus());
    c.index();
    let store = c.store();
    let r = search::search(&store, &SearchRequest::new("hitteplan")).expect("search");
    let one = &r.hits[0];
    let s = vraagbaak::similar(&store, &one.meta.doc_id, 10).expect("similar");
    let copies: HashSet<&str> = one
        .also_answered_by
        .iter()
        .map(|l| l.doc_id.as_str())
        .collect();
    assert_eq!(copies.len(), 2);
    assert!(
        s.hits
            .iter()
            .all(|h| !copies.contains(h.meta.doc_id.as_str()))
    );
}

#[test]
fn a_joint_question_counts_once_per_minister_and_shows_once() {
    let c = TestCorpus::new(&crate::fixtures::joint_corpus());
    c.index();
    let r = search::search(
        &c.store(),
        &SearchRequest {
            questions: true,
            facets: true,
            ..SearchRequest::new("hitteplan")
        },
    )
    .expect("search");
    assert_eq!(r.hits.len(), 1, "the copies collapse into one hit");
    assert_eq!(r.hits[0].also_answered_by.len(), 2);
    let f = r.facets.expect("facets");
    let ministers: Vec<(String, usize)> = f
        .minister
        .values
        .iter()
        .map(|c| (c.value.to_string(), c.count))
        .collect();
    assert_eq!(ministers.len(), 3, "{ministers:?}");
    assert!(ministers.iter().all(|(_, n)| *n == 1));
    // Counted as shown: one question (a page can say "page N of M").
    assert_eq!(r.total_questions, Some(1));
}

// The binary.

fn index_dir() -> String {
    FIXTURE.corpus.index_dir().display().to_string()
}

#[test]
fn a_csv_export_of_thousands_of_hits_reads_back_intact() {
    let listed = run(&request(COMMON));
    assert!(listed.total > 2000, "{}", listed.total);
    let out = stdout(vraagbaak(FIXTURE.corpus.root()).args([
        "--index",
        &index_dir(),
        "search",
        COMMON,
        "--all",
        "--format",
        "csv",
    ]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let head: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let col = |name: &str| head.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), listed.total);
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let (mut quotes, mut commas, mut newlines) = (0, 0, 0);
    for (row, h) in rows.iter().zip(&listed.hits) {
        let field = |name: &str| row.get(col(name)).expect(name).to_string();
        assert_eq!(field("rank"), h.rank.to_string());
        assert_eq!(field("score").parse::<f64>().ok(), Some(h.score));
        assert_eq!(field("doc_id"), h.meta.doc_id);
        assert_eq!(
            field("number"),
            h.meta.number.map(|n| n.to_string()).unwrap_or_default()
        );
        assert_eq!(field("date"), opt(&h.meta.date));
        assert_eq!(field("asker"), opt(&h.meta.asker));
        assert_eq!(field("minister"), opt(&h.meta.minister));
        assert_eq!(field("portfolio"), opt(&h.meta.portfolio));
        assert_eq!(field("topic"), opt(&h.meta.topic));
        assert_eq!(field("part"), h.part.to_string());
        assert_eq!(field("label"), opt(&h.label));
        assert_eq!(field("passage"), h.passage);
        assert_eq!(field("snippet"), h.snippet);
        assert_eq!(field("answers"), h.answers.join("; "));
        assert_eq!(field("answered"), h.answered.join("; "));
        let also: Vec<&str> = h
            .also_answered_by
            .iter()
            .map(|l| l.doc_id.as_str())
            .collect();
        assert_eq!(field("also_answered_by"), also.join("; "));
        assert_eq!(field("path"), h.meta.path);
        quotes += usize::from(h.passage.contains('"'));
        commas += usize::from(h.passage.contains(','));
        newlines += usize::from(h.passage.contains('\n'));
    }
    assert!(
        quotes > 100 && commas > 100 && newlines > 100,
        "{quotes} {commas} {newlines}"
    );
}

#[test]
fn a_jsonl_export_of_questions_has_a_line_per_question() {
    let out = stdout(vraagbaak(FIXTURE.corpus.root()).args([
        "--index",
        &index_dir(),
        "search",
        MARKER,
        "--all",
        "--questions",
        "--format",
        "jsonl",
    ]));
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), with_marker().len());
    let ids: HashSet<&str> = lines.iter().filter_map(|l| l["doc_id"].as_str()).collect();
    assert_eq!(ids.len(), lines.len());
    assert!(
        lines
            .iter()
            .all(|l| l["matching_passages"].as_u64() >= Some(1))
    );
}

#[test]
fn search_json_tells_passages_from_questions_and_carries_facets() {
    let dir = index_dir();
    let base = ["--index", dir.as_str(), "search", MARKER, "--json"];
    let passages = json(vraagbaak(FIXTURE.corpus.root()).args(base));
    assert_eq!(passages["unit"], "passage");
    assert!(passages.get("facets").is_none());
    let questions = json(vraagbaak(FIXTURE.corpus.root()).args(base).args([
        "--questions",
        "--facets",
        "--sort",
        "newest",
        "--offset",
        "3",
    ]));
    assert_eq!(questions["unit"], "question");
    assert_eq!(questions["sort"], "newest");
    assert_eq!(questions["offset"], 3);
    assert_eq!(questions["hits"][0]["rank"], 4);
    assert_eq!(questions["total_questions"], with_marker().len());
    let ministers = questions["facets"]["minister"]["values"]
        .as_array()
        .expect("values");
    let sum: u64 = ministers.iter().filter_map(|c| c["count"].as_u64()).sum();
    assert_eq!(sum as usize, with_marker().len());
    assert!(questions["facets"]["year"]["values"][0]["value"].is_u64());

    let text = stdout(
        vraagbaak(FIXTURE.corpus.root())
            .args(["--index", &dir, "search", MARKER, "--questions", "--facets"])
            .args(["--limit", "2"]),
    );
    assert!(
        text.contains(&format!("{} questions match", with_marker().len())),
        "{text}"
    );
    assert!(text.contains("matching questions per minister"), "{text}");
    assert!(text.contains("matching questions per asker"), "{text}");
}

#[test]
fn stats_and_similar_through_the_binary() {
    let dir = index_dir();
    let s = json(vraagbaak(FIXTURE.corpus.root()).args(["--index", &dir, "stats", "--json"]));
    assert_eq!(s["questions"], DOCS + 5);
    let text = stdout(vraagbaak(FIXTURE.corpus.root()).args(["--index", &dir, "stats"]));
    assert!(
        text.contains("questions per minister") && text.contains("last update"),
        "{text}"
    );

    let r = run(&request("\"Gebruik van neonicotinoïden in de landbouw\""));
    let id = &r.hits[0].meta.doc_id;
    let like = json(
        vraagbaak(FIXTURE.corpus.root())
            .args(["--index", &dir, "similar", id, "--json", "--limit", "3"]),
    );
    assert_eq!(like["hits"][0]["number"], 9002);
    let (code, err) =
        failure(vraagbaak(FIXTURE.corpus.root()).args(["--index", &dir, "similar", "sv-nope"]));
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn export_flags_that_do_not_fit_are_refused_in_one_line() {
    let dir = index_dir();
    for args in [
        vec!["search", MARKER, "--all"],
        vec!["search", MARKER, "--all", "--json"],
        vec!["search", MARKER, "--facets", "--format", "csv"],
        vec!["search", MARKER, "--all", "--limit", "5", "--format", "csv"],
        vec!["search", MARKER, "--questions", "--per-question", "2"],
        vec!["search", MARKER, "--sort", "date"],
        vec!["search", MARKER, "--per-question", "0"],
        vec!["search", MARKER, "--offset", "-1"],
    ] {
        let (code, err) = failure(
            vraagbaak(FIXTURE.corpus.root())
                .args(["--index", &dir])
                .args(&args),
        );
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn facets_of_two_words_count_the_questions_of_every_hit() {
    // Two tiers (both words, one of them): the tally is of both, made apart from the walk.
    let query = "kustbescherming planning";
    let every = run(&request(query));
    let mut first: HashMap<&str, &Hit> = HashMap::new();
    for h in &every.hits {
        first.entry(&h.meta.doc_id).or_insert(h);
    }
    let questions: Vec<&Hit> = first.into_values().collect();
    let by = |f: fn(&Hit) -> Option<String>| {
        let mut out = BTreeMap::new();
        for h in &questions {
            *out.entry(f(h).expect("given")).or_default() += 1;
        }
        out
    };
    let r = run(&SearchRequest {
        limit: 3,
        facets: true,
        questions: true,
        ..request(query)
    });
    assert_eq!(r.total, every.total);
    assert_eq!(r.total_questions, Some(questions.len()));
    let f = r.facets.expect("facets");
    check_facet(
        "minister",
        &f.minister,
        &by(|h| h.meta.minister.clone()),
        20,
    );
    check_facet("asker", &f.asker, &by(|h| h.meta.asker.clone()), 20);
    let year = |h: &Hit| h.meta.date.as_deref().map(|d| d[..4].to_string());
    check_facet("year", &f.year, &by(year), 20);
}

//! Browsing without a word: filters alone list what they let through, a question an
//! entry shown by its opening passage, newest first, alike on the command line, the API,
//! the page and the feed; and a search sorted by date requires every word.

use crate::served::Served;
use crate::util::{TestCorpus, failure, json, vraagbaak, vraagbaak_on};
use std::collections::HashSet;
use std::path::Path;
use std::str::FromStr;
use vraagbaak::search::{Filters, SearchRequest, Sort};
use vraagbaak::serve::ServeOptions;

/// The questions of every document under `corpus` whose minister's name holds `part`
/// (case aside), read from the files as the parser reads them: (id, copy key, opening
/// passage). Copies of one question (the same text, a joint answer) share a key.
fn questions_of(corpus: &Path, part: &str) -> Vec<(String, Option<u64>, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(corpus) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = vraagbaak::source::read_text(path).expect("read");
        let id = vraagbaak::source::doc_id_for(&path.canonicalize().expect("canonical"));
        let Ok(questions) = vraagbaak::parse::parse_document(&text, "x", &id) else {
            continue;
        };
        for q in questions {
            let minister = q.meta.minister.clone().unwrap_or_default().to_lowercase();
            if minister.contains(part) {
                let opening = q.passages.first().map(|p| p.text.clone());
                let key = vraagbaak::parse::copy_key(&q.question);
                out.push((q.meta.doc_id, key, opening.unwrap_or_default()));
            }
        }
    }
    out
}

#[test]
fn a_minister_alone_lists_her_questions_newest_first_everywhere() {
    let s = Served::start(80, ServeOptions::default());
    let corpus = s.dir.path().join("corpus");
    let want = questions_of(&corpus, "verstraelen");
    assert!(want.len() >= 5, "{want:?}");
    let store = vraagbaak::Store::open(&s.index_dir()).expect("open");
    let req = SearchRequest {
        filters: Filters {
            minister: Some("verstraelen".into()),
            ..Filters::default()
        },
        limit: 1_000,
        ..SearchRequest::new("")
    };
    let found = vraagbaak::search(&store, &req).expect("a list");
    let ids: Vec<String> = found.hits.iter().map(|h| h.meta.doc_id.clone()).collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a question an entry: {ids:?}");
    // One entry per question as shown: copies of one question once, the others named
    // with it.
    let groups: HashSet<String> = want
        .iter()
        .map(|(id, key, _)| key.map_or_else(|| id.clone(), |k| format!("{k:x}")))
        .collect();
    assert_eq!(found.total_questions, Some(groups.len()));
    assert_eq!(ids.len(), groups.len());
    for (id, ..) in &want {
        let shown = found
            .hits
            .iter()
            .any(|h| h.meta.doc_id == *id || h.also_answered_by.iter().any(|m| m.doc_id == *id));
        assert!(shown, "{id} is not in the list");
    }
    // Newest first (undated last), each shown by its opening passage.
    let dates: Vec<Option<String>> = found.hits.iter().map(|h| h.meta.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    assert_eq!(dates, sorted);
    for h in &found.hits {
        let opening = &want.iter().find(|w| w.0 == h.meta.doc_id).expect("known").2;
        assert_eq!(&h.passage, opening, "{}", h.meta.doc_id);
    }
    // The command line, the API, the page and the feed give the same list.
    let cli = json(vraagbaak_on(&s.index_dir()).args([
        "search",
        "--minister",
        "verstraelen",
        "--json",
        "--limit",
        "1000",
    ]));
    let cli_ids: Vec<&str> = cli["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["doc_id"].as_str().expect("id"))
        .collect();
    assert_eq!(cli_ids, ids);
    assert_eq!(cli["unit"], "question");
    let api = s.get("/api/search?minister=verstraelen&limit=5").json();
    let api_ids: Vec<&str> = api["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["doc_id"].as_str().expect("id"))
        .collect();
    assert_eq!(api_ids, ids[..5]);
    let page = s.get("/?minister=verstraelen");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("<strong>{} vragen</strong>", groups.len())),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("href=\"/q/{}\"", crate::serve::segment(&ids[0])))
    );
    let feed = s.get("/feed.atom?minister=verstraelen&limit=4");
    assert_eq!(feed.status, 200, "{}", feed.body);
    let feed = atom_syndication::Feed::from_str(&feed.body).expect("atom");
    let entries: Vec<String> = feed
        .entries()
        .iter()
        .map(|e| e.id().rsplit('/').next().unwrap_or_default().to_string())
        .collect();
    let first: Vec<String> = ids[..4].iter().map(|i| crate::serve::segment(i)).collect();
    assert_eq!(entries, first);
    assert!(
        feed.title().value.contains("verstraelen"),
        "{}",
        feed.title().value
    );
}

#[test]
fn neither_a_word_nor_a_filter_is_a_one_line_error() {
    let c = TestCorpus::fixtures();
    c.index();
    let (code, err) = failure(vraagbaak(c.root()).arg("search"));
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("give a word, or a filter"), "{err}");
    let s = Served::start(0, ServeOptions::default());
    for route in ["/api/search", "/feed.atom"] {
        let r = s.get(route);
        assert_eq!(r.status, 400, "{route}: {}", r.body);
        assert!(r.body.contains("or a filter"), "{route}: {}", r.body);
    }
    // The page shows the form, and the newest questions under it.
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("De nieuwste vragen"), "{}", page.body);
    let store = vraagbaak::Store::open(&s.index_dir()).expect("open");
    let newest = vraagbaak::search(
        &store,
        &SearchRequest {
            limit: 10,
            ..SearchRequest::new("")
        },
    )
    .expect("every question");
    assert!(newest.hits.len() >= 5, "{:?}", newest.hits.len());
    let want: Vec<String> = newest
        .hits
        .iter()
        .map(|h| {
            format!(
                "<h2><a href=\"/q/{}\">",
                crate::serve::segment(&h.meta.doc_id)
            )
        })
        .collect();
    let mut at = 0;
    for link in &want {
        let found = page.body[at..].find(link.as_str());
        assert!(found.is_some(), "{link} in order: {}", page.body);
        at += found.unwrap_or(0) + 1;
    }
}

/// A question of one paragraph, dated, to a minister of our own.
fn dated(n: u32, day: u32, text: &str) -> (String, Vec<u8>) {
    let doc = format!(
        "SCHRIFTELIJKE VRAAG\nnr. {n} van WARD PEETERS\ndatum: {day} maart 2024\naan NELE CLAES\nVLAAMS MINISTER VAN MOBILITEIT\n\nVraag {n} - Verkeer\n\n{text}\n\nNELE CLAES\nVLAAMS MINISTER VAN MOBILITEIT\n\nANTWOORD\nop vraag nr. {n} van {day} maart 2024\nvan WARD PEETERS\n\nHet antwoord volgt.\n"
    );
    (format!("sv-{n}.txt"), doc.into_bytes())
}

#[test]
fn sorted_by_date_a_search_requires_every_word() {
    let files = [
        dated(
            1,
            4,
            "Hoeveel wachtlijsten zijn er in de kinderopvang van Gent?",
        ),
        dated(
            2,
            12,
            "Hoe lang zijn de wachtlijsten voor een sociale woning?",
        ),
        dated(3, 20, "Hoeveel plaatsen telt de kinderopvang in Brugge?"),
    ];
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let c = TestCorpus::new(&files);
    c.index();
    let numbers = |query: &str, sort: Sort| -> Vec<u32> {
        let req = SearchRequest {
            questions: true,
            sort,
            limit: 10,
            ..SearchRequest::new(query)
        };
        vraagbaak::search(&c.store(), &req)
            .expect("search")
            .hits
            .iter()
            .filter_map(|h| h.meta.number)
            .collect()
    };
    // By relevance, those with one of the words follow the one with both.
    let relevant = numbers("wachtlijsten kinderopvang", Sort::Relevance);
    assert_eq!(relevant.first(), Some(&1));
    assert_eq!(relevant.len(), 3);
    // By date, only the question with both.
    assert_eq!(numbers("wachtlijsten kinderopvang", Sort::Newest), vec![1]);
    assert_eq!(numbers("wachtlijsten kinderopvang", Sort::Oldest), vec![1]);
    // A written OR still means either.
    assert_eq!(
        numbers("wachtlijsten OR kinderopvang", Sort::Newest),
        vec![3, 2, 1]
    );
}

#[test]
fn a_question_found_by_its_title_alone_shows_its_opening_passage() {
    let text = "Hoeveel wachtlijsten zijn er in de kinderopvang van Gent, per wijk en per leeftijd, en hoe lang duurt het wachten gemiddeld?\n\nWat zijn de plannen?";
    let c = TestCorpus::new(&[("sv-7.txt", dated(7, 5, text).1)]);
    c.index();
    // `verkeer` stands in the title alone (`Vraag 7 - Verkeer`).
    let req = SearchRequest {
        questions: true,
        ..SearchRequest::new("verkeer")
    };
    let found = vraagbaak::search(&c.store(), &req).expect("search");
    let hit = found.hits.first().expect("found by the title");
    assert!(!hit.topic_highlights.is_empty());
    assert!(
        hit.passage.starts_with("Hoeveel wachtlijsten"),
        "{}",
        hit.passage
    );
    // The passage that scores best on its own (the shortest) is what it used to show.
    let passages = vraagbaak::search(&c.store(), &SearchRequest::new("verkeer")).expect("search");
    assert_eq!(passages.hits[0].passage, "Wat zijn de plannen?");
}

/// The parliament's record of a question put on `asked` (and answered on `answered`,
/// where given), of our own making.
fn record(number: u32, asked: &str, answered: Option<&str>) -> Vec<u8> {
    let mut steps = vec![format!(
        r#"{{"datum": "{asked}T00:00:00+02:00", "status": "Vraag gesteld aan de minister"}}"#
    )];
    if let Some(a) = answered {
        steps.push(format!(
            r#"{{"datum": "{a}T00:00:00+02:00", "status": "Tijdig beantwoord"}}"#
        ));
    }
    format!(
        r#"{{"id": 9{number}, "vraagnummer": {number}, "titel": "Deelfietsen in Leuven",
            "onderwerp": "Het aanbod van deelfietsen aan de stations van Leuven en Heverlee",
            "thema": ["Mobiliteit en openbare werken"], "zittingsjaar": "2026-2027",
            "vraagsteller": {{"voornaam": "Ward", "naam": "Peeters"}},
            "minister": {{"voornaam": "Nele", "naam": "Claes"}},
            "procedureverloop": [{}]}}"#,
        steps.join(", ")
    )
    .into_bytes()
}

#[test]
fn a_record_alone_is_an_open_question_until_its_document_comes() {
    let asked = "2026-10-01";
    let c = TestCorpus::new(&[
        ("sv-88.json", record(88, asked, None)),
        ("sv-89.json", record(89, "2026-09-01", Some("2026-09-20"))),
        ("instellingen.json", b"{\"kleur\": \"blauw\"}".to_vec()),
    ]);
    let report = c.index();
    assert_eq!(report.questions_total, 2, "{:?}", report.skipped);
    let skipped: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        skipped.len() == 1 && skipped[0].starts_with("not a written-question record"),
        "{skipped:?}"
    );
    let search = |args: &[&str]| -> serde_json::Value {
        json(
            vraagbaak(c.root())
                .arg("--index")
                .arg(c.index_dir())
                .args(args),
        )
    };
    let open = search(&["search", "--status", "open", "--json"]);
    let hits = open["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{open}");
    let h = &hits[0];
    assert_eq!(h["number"], 88);
    assert_eq!(h["status"], "open");
    assert_eq!(h["date"], asked);
    assert_eq!(h["minister"], "Nele Claes");
    assert_eq!(h["themes"][0], "Mobiliteit en openbare werken");
    // Days open, counted today (the search may have run just past midnight).
    let today = time::OffsetDateTime::now_utc().date();
    let asked_on = vraagbaak::parse::date::parse_iso(asked).expect("date");
    let days = h["days_open"].as_i64().expect("days open");
    let counted = (today - asked_on).whole_days();
    assert!(days == counted || days + 1 == counted, "{days} {counted}");
    // Found by a word of its subject, and answered ones by --status answered.
    let by_word = search(&["search", "deelfietsen", "--status", "open", "--json"]);
    assert_eq!(by_word["hits"][0]["number"], 88, "{by_word}");
    let answered = search(&["search", "--status", "answered", "--json"]);
    assert_eq!(answered["hits"][0]["number"], 89, "{answered}");
    assert!(answered["hits"][0].get("days_open").is_none());
    // The document comes beside the record: the same question, answered; one, not two.
    let doc = "SCHRIFTELIJKE VRAAG\nnr. 88 van WARD PEETERS\ndatum: 1 oktober 2026\naan NELE CLAES\nVLAAMS MINISTER VAN MOBILITEIT\n\nDeelfietsen in Leuven\n\nHoeveel deelfietsen staan er aan de stations van Leuven en Heverlee?\n\nNELE CLAES\nVLAAMS MINISTER VAN MOBILITEIT\n\nANTWOORD\nop vraag nr. 88 van 1 oktober 2026\nvan WARD PEETERS\n\nEr staan 140 deelfietsen.\n";
    c.write("sv-88.txt", doc.as_bytes());
    let report = c.index();
    assert_eq!(report.questions_total, 2, "{report:?}");
    assert_eq!(report.records_read, 1, "{report:?}");
    let open = search(&["search", "--status", "open", "--json"]);
    assert_eq!(open["hits"].as_array().map(Vec::len), Some(0), "{open}");
    let found = search(&[
        "search",
        "deelfietsen",
        "--questions",
        "--from",
        asked,
        "--json",
    ]);
    let hits = found["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0]["status"], "answered");
    assert_eq!(hits[0]["number"], 88);
}

#[test]
fn stats_of_the_questions_the_filters_let_through() {
    // Three questions to Nele Claes answered after 10, 20 and 30 days, two to another
    // minister answered after 5 days; each document with its record beside it.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (n, days, other) in [
        (1, 10, false),
        (2, 20, false),
        (3, 30, false),
        (4, 5, true),
        (5, 5, true),
    ] {
        let (name, mut doc) = dated(n, 1, "Hoeveel deelfietsen staan er aan de stations?");
        let mut rec = record(n, "2024-03-01", None);
        let answered = time::Date::from_calendar_date(2024, time::Month::March, 1).expect("date")
            + time::Duration::days(days);
        let answered = vraagbaak::parse::date::iso(answered);
        let mut text = String::from_utf8(rec).expect("utf-8");
        text = text.replace(
            r#""status": "Vraag gesteld aan de minister"}"#,
            &format!(
                r#""status": "Vraag gesteld aan de minister"}}, {{"datum": "{answered}T00:00:00+01:00", "status": "Tijdig beantwoord"}}"#
            ),
        );
        if other {
            text = text.replace(
                r#""voornaam": "Nele", "naam": "Claes""#,
                r#""voornaam": "Jan", "naam": "De Smet""#,
            );
            doc = String::from_utf8(doc)
                .expect("utf-8")
                .replace("NELE CLAES", "JAN DE SMET")
                .into_bytes();
        }
        rec = text.into_bytes();
        files.push((name.replace(".txt", ".json"), rec));
        files.push((name, doc));
    }
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let c = TestCorpus::new(&files);
    let report = c.index();
    assert_eq!(report.records_read, 5, "{:?}", report.records_ignored);
    let stats = |args: &[&str]| -> serde_json::Value {
        json(
            vraagbaak(c.root())
                .arg("--index")
                .arg(c.index_dir())
                .arg("stats")
                .args(args)
                .arg("--json"),
        )
    };
    let all = stats(&[]);
    assert_eq!(all["questions"], 5, "{all}");
    let claes = stats(&["--minister", "claes"]);
    assert_eq!(claes["questions"], 3, "{claes}");
    assert_eq!(claes["ministers"]["values"][0]["value"], "Nele Claes");
    assert_eq!(claes["ministers"]["values"][0]["count"], 3);
    assert_eq!(
        claes["ministers"]["values"].as_array().map(Vec::len),
        Some(1)
    );
    let times = claes["per_minister"].as_array().expect("per minister");
    assert_eq!(times.len(), 1, "{claes}");
    assert_eq!(times[0]["minister"], "Nele Claes");
    assert_eq!(times[0]["answered"], 3);
    assert_eq!(times[0]["timed"], 3);
    assert_eq!(times[0]["median_days"], 20.0);
    assert_eq!(times[0]["p90_days"], 30);
    // A filter that lets nothing through counts nothing.
    let none = stats(&["--minister", "claes", "--from", "2030-01-01"]);
    assert_eq!(none["questions"], 0, "{none}");
    assert_eq!(none["per_minister"].as_array().map(Vec::len), Some(0));
    assert_eq!(none["per_month"].as_array().map(Vec::len), Some(0));
}

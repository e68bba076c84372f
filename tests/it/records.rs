//! The parliament's open-data records beside documents (issue 17): read and merged,
//! filtered on, counted in facets and statistics, reported when broken or of another
//! question, and updated when only the record changes. The records are of our own
//! making, in the documented shape, for generated documents with fictional people.

use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use vraagbaak::index::Store;
use vraagbaak::indexing::{self, IndexOptions};
use vraagbaak::parse::date::parse_iso;
use vraagbaak::search::{self, Answered, Filters, SearchRequest};

const THEMES: [&str; 4] = [
    "Onderwijs en vorming",
    "Welzijn, volksgezondheid en gezin",
    "Binnenlands bestuur",
    "Mobiliteit en openbare werken",
];

/// What a test record says of its question.
#[derive(Debug, Clone)]
struct Made {
    doc: PathBuf,
    number: u32,
    minister: String,
    themes: Vec<String>,
    session: String,
    days: i64,
    timely: bool,
}

/// Generated documents, each with a record beside it (the `i`-th: themes, answer
/// time and timeliness by formula; every fifth without `tijdig`, so the status says).
fn corpus(dir: &Path, n: usize) -> (PathBuf, Vec<Made>) {
    let corpus = dir.join("corpus");
    let paths = vraagbaak_synth::write_corpus(&corpus, n, 17).expect("synth");
    let mut made = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("read");
        let q = vraagbaak::parse::parse_question(&text, "x.txt", "x").expect("parse");
        let asked = q.meta.date.as_deref().and_then(parse_iso).expect("date");
        let days = 5 + (i as i64 * 7) % 60;
        let timely = days <= 30;
        let themes: Vec<String> = (0..1 + i % 2)
            .map(|k| THEMES[(i + k) % THEMES.len()].to_string())
            .collect();
        let year = asked.year();
        let session = format!("{year}-{}", year + 1);
        let minister = q.meta.minister.clone().expect("minister");
        let (first, last) = minister.split_once(' ').expect("two names");
        let answered = asked + time::Duration::days(days);
        let mut record = json!({
            "id": 9000 + i,
            "vraagnummer": q.meta.number,
            "titel": q.meta.topic,
            "thema": themes,
            "zittingsjaar": session,
            "vraagsteller": {"id": 100 + i, "voornaam": "Fictieve", "naam": format!("Vrager {i}")},
            "minister": {"id": 7, "voornaam": first, "naam": last},
            "procedureverloop": [
                {"datum": format!("{}T00:00:00+01:00", vraagbaak::parse::date::iso(asked)),
                 "status": "Vraag gesteld aan de minister"},
                {"datum": format!("{}T00:00:00+02:00", vraagbaak::parse::date::iso(answered)),
                 "status": if timely { "Tijdig beantwoord" } else { "Laattijdig beantwoord" }},
            ],
            "bestand-ordered": [{"URL": format!("https://example.test/vragen/{i}.pdf")}],
            "iets-nieuws": [1, 2, 3],
        });
        if i % 5 != 0 {
            record["tijdig"] = json!(timely);
        }
        std::fs::write(path.with_extension("json"), record.to_string()).expect("write");
        made.push(Made {
            doc: path.clone(),
            number: q.meta.number.expect("number"),
            minister,
            themes,
            session,
            days,
            timely,
        });
    }
    (corpus, made)
}

fn index_of(dir: &Path, corpus: &Path) -> indexing::IndexReport {
    indexing::index_paths(
        &dir.join("index"),
        &[corpus.to_path_buf()],
        &IndexOptions::default(),
    )
    .expect("index")
}

/// The paths of the questions a search finds (every one).
fn found(store: &Store, query: &str, filters: Filters) -> HashSet<String> {
    let req = SearchRequest {
        filters,
        questions: true,
        limit: 10_000,
        ..SearchRequest::new(query)
    };
    search::search(store, &req)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.meta.path)
        .collect()
}

fn name_of(p: &Path) -> String {
    p.file_name().expect("name").to_string_lossy().into_owned()
}

fn names(paths: &HashSet<String>) -> HashSet<String> {
    paths.iter().map(|p| name_of(Path::new(p))).collect()
}

#[test]
fn records_give_fields_filters_facets_and_statistics() {
    let dir = tempfile::tempdir().expect("temp");
    let (corpus, made) = corpus(dir.path(), 40);
    let report = index_of(dir.path(), &corpus);
    assert_eq!(report.records_read, 40, "{:?}", report.records_ignored);
    assert!(report.records_ignored.is_empty());
    assert_eq!(report.other_files, 0, "records are not passed over");
    let store = Store::open(&dir.path().join("index")).expect("open");

    // Fields: every question shows what its record says.
    let req = SearchRequest {
        questions: true,
        limit: 10_000,
        ..SearchRequest::new("minister")
    };
    let all = search::search(&store, &req).expect("search");
    assert!(all.hits.len() >= 20, "{}", all.hits.len());
    for hit in &all.hits {
        let m = made
            .iter()
            .find(|x| name_of(&x.doc) == name_of(Path::new(&hit.meta.path)))
            .expect("made");
        assert_eq!(hit.meta.themes, m.themes);
        assert_eq!(hit.meta.session.as_deref(), Some(m.session.as_str()));
        assert_eq!(hit.meta.days_to_answer, Some(m.days));
        assert_eq!(hit.meta.timely, Some(m.timely));
        assert!(
            hit.meta
                .asker
                .as_deref()
                .is_some_and(|a| a.starts_with("Fictieve Vrager"))
        );
        assert!(
            hit.meta
                .source_url
                .as_deref()
                .is_some_and(|u| u.ends_with(".pdf"))
        );
        let asked = hit.meta.date.as_deref().and_then(parse_iso).expect("date");
        let on = hit
            .meta
            .answered_on
            .as_deref()
            .and_then(parse_iso)
            .expect("answered on");
        assert_eq!((on - asked).whole_days(), m.days);
    }
    let matched = names(&found(&store, "minister", Filters::default()));
    let expect = |keep: &dyn Fn(&Made) -> bool| -> HashSet<String> {
        made.iter()
            .filter(|m| keep(m) && matched.contains(&name_of(&m.doc)))
            .map(|m| name_of(&m.doc))
            .collect()
    };

    // Filters: each against the records as the test made them.
    let theme = Filters {
        theme: Some("ONDERWIJS EN VORMING".into()),
        ..Filters::default()
    };
    let want = expect(&|m| m.themes.iter().any(|t| t == THEMES[0]));
    assert!(!want.is_empty());
    assert_eq!(names(&found(&store, "minister", theme)), want);
    let session = made[3].session.clone();
    let by_session = Filters {
        session: Some(session.clone()),
        ..Filters::default()
    };
    assert_eq!(
        names(&found(&store, "minister", by_session)),
        expect(&|m| m.session == session)
    );
    for (answered, timely) in [(Answered::Late, false), (Answered::InTime, true)] {
        let f = Filters {
            answered: Some(answered),
            ..Filters::default()
        };
        let want = expect(&|m| m.timely == timely);
        assert!(!want.is_empty());
        assert_eq!(names(&found(&store, "minister", f)), want, "{answered:?}");
    }

    // Facets: themes counted over the matching questions.
    let req = SearchRequest {
        facets: true,
        ..SearchRequest::new("minister")
    };
    let facets = search::search(&store, &req)
        .expect("search")
        .facets
        .expect("facets");
    let mut counted: BTreeMap<String, usize> = BTreeMap::new();
    for m in made.iter().filter(|m| matched.contains(&name_of(&m.doc))) {
        for t in &m.themes {
            *counted.entry(t.clone()).or_default() += 1;
        }
    }
    let got: BTreeMap<String, usize> = facets
        .themes
        .values
        .iter()
        .map(|c| (c.value.to_string(), c.count))
        .collect();
    assert_eq!(got, counted);

    // Statistics: per minister, against the records.
    let stats = vraagbaak::stats(&store, 20).expect("stats");
    let mut per: BTreeMap<&str, Vec<&Made>> = BTreeMap::new();
    for m in &made {
        per.entry(m.minister.as_str()).or_default().push(m);
    }
    assert_eq!(stats.per_minister.len(), per.len());
    for (minister, ms) in per {
        let a = stats
            .per_minister
            .iter()
            .find(|a| a.minister == minister)
            .expect("minister in stats");
        let mut days: Vec<i64> = ms.iter().map(|m| m.days).collect();
        days.sort_unstable();
        let n = days.len();
        let median = if n % 2 == 1 {
            days[n / 2] as f64
        } else {
            (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
        };
        let p90 = days[(n * 9).div_ceil(10) - 1];
        let late = ms.iter().filter(|m| !m.timely).count();
        assert_eq!(a.answered, n, "{minister}");
        assert_eq!(a.timed, n, "{minister}");
        assert_eq!(a.median_days, Some(median), "{minister}");
        assert_eq!(a.p90_days, Some(p90 as u64), "{minister}");
        assert_eq!(a.late, late, "{minister}");
        assert_eq!(a.late_share, Some(late as f64 / n as f64), "{minister}");
    }
    let themed: usize = stats.themes.values.iter().map(|c| c.count).sum();
    assert_eq!(themed, made.iter().map(|m| m.themes.len()).sum::<usize>());
}

#[test]
fn a_broken_or_foreign_record_is_reported_and_its_document_still_found() {
    let dir = tempfile::tempdir().expect("temp");
    let (corpus, made) = corpus(dir.path(), 6);
    std::fs::write(made[0].doc.with_extension("json"), "{\"vraagnummer\": ").expect("write");
    let foreign = json!({"vraagnummer": made[1].number + 1000, "thema": ["Cultuur"]});
    std::fs::write(made[1].doc.with_extension("json"), foreign.to_string()).expect("write");
    std::fs::write(made[2].doc.with_extension("json"), "[\"geen record\"]").expect("write");
    let report = index_of(dir.path(), &corpus);
    assert_eq!(report.records_read, 3);
    let reasons: BTreeMap<String, String> = report
        .records_ignored
        .iter()
        .map(|s| (name_of(Path::new(&s.path)), s.reason.clone()))
        .collect();
    let reason = |i: usize| reasons[&name_of(&made[i].doc.with_extension("json"))].clone();
    assert!(reason(0).starts_with("not JSON"), "{reasons:?}");
    assert_eq!(
        reason(1),
        format!(
            "question number {} in the record, {} in the text",
            made[1].number + 1000,
            made[1].number
        )
    );
    assert!(reason(2).contains("not a JSON object"), "{reasons:?}");
    assert_eq!(
        report.questions_total, 6,
        "every document indexed from its text"
    );
    let store = Store::open(&dir.path().join("index")).expect("open");
    let shown: Vec<_> = found(&store, "minister", Filters::default())
        .into_iter()
        .collect();
    assert!(!shown.is_empty());
    // The question of the foreign record has nothing of it.
    let culture = Filters {
        theme: Some("cultuur".into()),
        ..Filters::default()
    };
    assert!(found(&store, "minister", culture).is_empty());
}

#[test]
fn a_record_changed_added_or_removed_alone_updates_its_question() {
    let dir = tempfile::tempdir().expect("temp");
    let (corpus, made) = corpus(dir.path(), 8);
    index_of(dir.path(), &corpus);
    let record = made[4].doc.with_extension("json");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).expect("read")).expect("json");
    value["thema"] = json!(["Cultuur, jeugd en media"]);
    // Same size would not do: the time moves too, and the content hash decides.
    std::fs::write(&record, value.to_string()).expect("write");
    let again = index_of(dir.path(), &corpus);
    assert_eq!((again.updated, again.unchanged), (1, 7), "{again:?}");
    assert_eq!(again.records_read, 1);
    let store = Store::open(&dir.path().join("index")).expect("open");
    let culture = || Filters {
        theme: Some("cultuur, jeugd en media".into()),
        ..Filters::default()
    };
    let hit = found(&store, "minister", culture());
    assert_eq!(names(&hit), HashSet::from([name_of(&made[4].doc)]));
    drop(store);

    // Removed: the question loses what the record gave.
    std::fs::remove_file(&record).expect("remove");
    let again = index_of(dir.path(), &corpus);
    assert_eq!((again.updated, again.unchanged), (1, 7), "{again:?}");
    let store = Store::open(&dir.path().join("index")).expect("open");
    assert!(found(&store, "minister", culture()).is_empty());
    let shown = vraagbaak::show(
        &store,
        &vraagbaak::source::doc_id_for(&std::fs::canonicalize(&made[4].doc).expect("canonical")),
    )
    .expect("show");
    assert!(shown.question.meta.themes.is_empty() && shown.question.meta.timely.is_none());
    drop(store);

    // Added back: its fields return.
    std::fs::write(&record, value.to_string()).expect("write");
    let again = index_of(dir.path(), &corpus);
    assert_eq!((again.updated, again.records_read), (1, 1), "{again:?}");
    let store = Store::open(&dir.path().join("index")).expect("open");
    assert_eq!(found(&store, "minister", culture()).len(), 1);
}

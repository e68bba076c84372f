//! The statistics: per minister (asked, answered, open, the longest open, days to
//! answer, share late), per month, per theme and per asker, each figure checked against
//! the same figure computed here from the plan the records were written from; the same
//! through `--format csv`, `--out`, `/api/stats` and the page `/stats`, whose charts
//! parse as SVG with one bar or point per value.

use crate::served::Served;
use crate::util::{TestCorpus, failure, json, stdout, vraagbaak_on};
use std::collections::BTreeMap;
use time::{Date, Duration, Month};
use vraagbaak::serve::ServeOptions;
use vraagbaak::serve::charts;

const MINISTERS: [(&str, &str); 3] = [("Nele", "Claes"), ("Jan", "De Smet"), ("Lotte", "Wouters")];
const ASKERS: [(&str, &str); 5] = [
    ("Ward", "Peeters"),
    ("Sara", "Janssens"),
    ("Tom", "Maes"),
    ("An", "Willems"),
    ("Pieter", "Jacobs"),
];
const THEMES: [&str; 4] = [
    "Mobiliteit en openbare werken",
    "Onderwijs en vorming",
    "Welzijn, volksgezondheid en gezin",
    "Wonen",
];

/// One question of the plan.
#[derive(Debug, Clone)]
struct Planned {
    number: u32,
    minister: usize,
    asker: usize,
    themes: Vec<&'static str>,
    asked: Date,
    /// Days to answer, and whether the record says late (None: it does not say).
    answer: Option<(i64, Option<bool>)>,
}

fn full(name: (&str, &str)) -> String {
    format!("{} {}", name.0, name.1)
}

/// The plan: questions to three ministers over some eighteen months, some open, some
/// answered late, some whose record does not say whether in time.
fn plan() -> Vec<Planned> {
    let start = Date::from_calendar_date(2025, Month::January, 6).expect("date");
    (0..48u32)
        .map(|i| {
            let n = i as usize;
            let mut themes = vec![THEMES[n % 4]];
            if n.is_multiple_of(6) {
                themes.push(THEMES[(n + 1) % 4]);
            }
            let days = 3 + i64::from(i * 13 % 61);
            let answer = if n % 7 == 3 {
                None
            } else if n % 11 == 5 {
                Some((days, None))
            } else {
                Some((days, Some(days > 30)))
            };
            Planned {
                number: 100 + i,
                minister: n % 3,
                asker: n * 7 % 5,
                themes,
                asked: start + Duration::days(i64::from(i) * 11),
                answer,
            }
        })
        .collect()
}

fn iso(d: Date) -> String {
    vraagbaak::parse::date::iso(d)
}

/// The open-data record of a planned question (alone: no document beside it).
fn record(q: &Planned) -> Vec<u8> {
    let mut steps = vec![format!(
        r#"{{"datum": "{}T00:00:00+01:00", "status": "Vraag gesteld aan de minister"}}"#,
        iso(q.asked)
    )];
    let mut timely = String::new();
    if let Some((days, late)) = q.answer {
        let status = match late {
            Some(true) => "Laattijdig beantwoord",
            Some(false) => "Tijdig beantwoord",
            None => "Beantwoord",
        };
        steps.push(format!(
            r#"{{"datum": "{}T00:00:00+01:00", "status": "{status}"}}"#,
            iso(q.asked + Duration::days(days))
        ));
        if let Some(late) = late {
            timely = format!(r#""tijdig": {}, "#, !late);
        }
    }
    let (m, a) = (MINISTERS[q.minister], ASKERS[q.asker]);
    format!(
        r#"{{"id": {id}, "vraagnummer": {n}, "titel": "Vraag {n} over {t}",
            "onderwerp": "Een vraag over {t}, de {n}e",
            "thema": [{themes}], "zittingsjaar": "2025-2026", {timely}
            "vraagsteller": {{"voornaam": "{av}", "naam": "{an}"}},
            "minister": {{"voornaam": "{mv}", "naam": "{mn}"}},
            "procedureverloop": [{steps}]}}"#,
        id = 9000 + q.number,
        n = q.number,
        t = q.themes[0].to_lowercase(),
        themes = q
            .themes
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", "),
        av = a.0,
        an = a.1,
        mv = m.0,
        mn = m.1,
        steps = steps.join(", "),
    )
    .into_bytes()
}

fn corpus() -> TestCorpus {
    let files: Vec<(String, Vec<u8>)> = plan()
        .iter()
        .map(|q| (format!("sv-{}.json", q.number), record(q)))
        .collect();
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let c = TestCorpus::new(&files);
    let report = c.index();
    assert_eq!(report.questions_total, 48, "{:?}", report.skipped);
    // A record alone is a question without its document, not an incomplete one.
    assert_eq!(report.records_alone, 48);
    assert!(report.incomplete.is_empty(), "{:?}", report.incomplete);
    c
}

/// The median (the mean of the middle two of an even count) and the 90th percentile
/// (nearest rank) of `days`, computed here.
fn median_p90(days: &[i64]) -> (Option<f64>, Option<i64>) {
    if days.is_empty() {
        return (None, None);
    }
    let mut d = days.to_vec();
    d.sort();
    let n = d.len();
    let median = if n % 2 == 1 {
        d[n / 2] as f64
    } else {
        (d[n / 2 - 1] + d[n / 2]) as f64 / 2.0
    };
    // Nearest rank: the smallest value with at least 90% of the values at or below it.
    let p90 = *d
        .iter()
        .find(|v| d.iter().filter(|w| w <= v).count() * 10 >= n * 9)
        .expect("a value");
    (Some(median), Some(p90))
}

fn as_f64(v: Option<f64>) -> serde_json::Value {
    v.map_or(serde_json::Value::Null, |x| serde_json::json!(x))
}

/// The numbers of every number of the document as given by id, from the index.
fn ids_by_number(c: &TestCorpus) -> BTreeMap<u64, String> {
    let all = json(vraagbaak_on(&c.index_dir()).args([
        "search",
        "--session",
        "2025-2026",
        "--limit",
        "100",
        "--json",
    ]));
    all["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["number"].as_u64().expect("number"),
                h["doc_id"].as_str().expect("id").to_string(),
            )
        })
        .collect()
}

#[test]
fn each_statistic_is_the_figure_computed_from_the_questions() {
    let c = corpus();
    let plan = plan();
    let ids = ids_by_number(&c);
    assert_eq!(ids.len(), 48);
    let before = time::OffsetDateTime::now_utc().date();
    let stats = json(vraagbaak_on(&c.index_dir()).args(["stats", "--json"]));
    let after = time::OffsetDateTime::now_utc().date();
    assert_eq!(stats["questions"], 48, "{stats}");
    let open_total = plan.iter().filter(|q| q.answer.is_none()).count();
    assert_eq!(stats["open"], open_total);

    // Per minister.
    let per = stats["per_minister"].as_array().expect("per minister");
    assert_eq!(per.len(), 3, "{stats}");
    for (m, name) in MINISTERS.iter().enumerate() {
        let theirs: Vec<&Planned> = plan.iter().filter(|q| q.minister == m).collect();
        let got = per
            .iter()
            .find(|p| p["minister"] == full(*name))
            .unwrap_or_else(|| panic!("{} in {per:?}", full(*name)));
        let open: Vec<&&Planned> = theirs.iter().filter(|q| q.answer.is_none()).collect();
        let days: Vec<i64> = theirs
            .iter()
            .filter_map(|q| q.answer.map(|a| a.0))
            .collect();
        let late = theirs
            .iter()
            .filter(|q| q.answer.is_some_and(|a| a.1 == Some(true)))
            .count();
        let judged = theirs
            .iter()
            .filter(|q| q.answer.is_some_and(|a| a.1.is_some()))
            .count();
        assert_eq!(got["asked"], theirs.len(), "{got}");
        assert_eq!(got["answered"], theirs.len() - open.len(), "{got}");
        assert_eq!(got["open"], open.len(), "{got}");
        assert_eq!(got["timed"], days.len(), "{got}");
        let (median, p90) = median_p90(&days);
        assert_eq!(got["median_days"], as_f64(median), "{got}");
        assert_eq!(got["p90_days"], serde_json::json!(p90), "{got}");
        assert_eq!(got["late"], late, "{got}");
        let share = late as f64 / judged as f64;
        assert!((got["late_share"].as_f64().expect("share") - share).abs() < 1e-9);
        // The longest open: the earliest asked of the open ones, its days counted today.
        let oldest = open
            .iter()
            .min_by_key(|q| q.asked)
            .expect("each has one open");
        assert_eq!(
            got["longest_open"],
            ids[&u64::from(oldest.number)].as_str(),
            "{got}"
        );
        let days_open = got["longest_open_days"].as_i64().expect("days");
        assert!(
            [before, after].contains(&(oldest.asked + Duration::days(days_open))),
            "{days_open} days since {}",
            oldest.asked
        );
    }
    // The most asked first.
    let asked: Vec<u64> = per
        .iter()
        .map(|p| p["asked"].as_u64().expect("n"))
        .collect();
    assert!(asked.windows(2).all(|w| w[0] >= w[1]), "{asked:?}");

    // Per month: asked in it, answered in it, the median days of those answered in it.
    let mut months: BTreeMap<(i32, u8), (usize, Vec<i64>)> = BTreeMap::new();
    let key = |d: Date| (d.year(), u8::from(d.month()));
    for q in &plan {
        months.entry(key(q.asked)).or_default().0 += 1;
        if let Some((days, _)) = q.answer {
            months
                .entry(key(q.asked + Duration::days(days)))
                .or_default()
                .1
                .push(days);
        }
    }
    let got = stats["per_month"].as_array().expect("per month");
    let first = *months.keys().next().expect("a month");
    let last = *months.keys().next_back().expect("a month");
    // Every month from the first to the last, those with nothing as zeros.
    let span = (last.0 - first.0) as usize * 12 + last.1 as usize - first.1 as usize + 1;
    assert_eq!(got.len(), span, "{got:?}");
    for row in got {
        let month = row["month"].as_str().expect("month");
        let (y, m) = month.split_once('-').expect("YYYY-MM");
        let k = (y.parse().expect("year"), m.parse().expect("month"));
        let (asked, days) = months.get(&k).cloned().unwrap_or_default();
        assert_eq!(row["asked"], asked, "{row}");
        assert_eq!(row["answered"], days.len(), "{row}");
        assert_eq!(row["median_days"], as_f64(median_p90(&days).0), "{row}");
    }

    // Per theme (a question with two themes counts for each) and per asker.
    for (i, theme) in THEMES.iter().enumerate() {
        let n = plan.iter().filter(|q| q.themes.contains(theme)).count();
        let got = stats["themes"]["values"]
            .as_array()
            .expect("themes")
            .iter()
            .find(|v| v["value"] == *theme)
            .unwrap_or_else(|| panic!("theme {i} missing"));
        assert_eq!(got["count"], n, "{theme}");
    }
    for (i, asker) in ASKERS.iter().enumerate() {
        let n = plan.iter().filter(|q| q.asker == i).count();
        let got = stats["askers"]["values"]
            .as_array()
            .expect("askers")
            .iter()
            .find(|v| v["value"] == full(*asker))
            .unwrap_or_else(|| panic!("{asker:?} missing"));
        assert_eq!(got["count"], n);
    }

    // Filtered: the open questions of one minister.
    let open_claes = json(vraagbaak_on(&c.index_dir()).args([
        "stats",
        "--minister",
        "claes",
        "--status",
        "open",
        "--json",
    ]));
    let n = plan
        .iter()
        .filter(|q| q.minister == 0 && q.answer.is_none())
        .count();
    assert_eq!(open_claes["questions"], n, "{open_claes}");
    let per = open_claes["per_minister"].as_array().expect("per minister");
    assert_eq!(per.len(), 1);
    assert_eq!(per[0]["asked"], n);
    assert_eq!(per[0]["open"], n);
    assert_eq!(per[0]["answered"], 0);
    assert_eq!(per[0]["median_days"], serde_json::Value::Null);
}

#[test]
fn the_tables_come_as_csv_one_at_a_time_or_a_file_each() {
    let c = corpus();
    let plan = plan();
    let csv_of = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
            .collect()
    };
    let header = |text: &str| -> Vec<String> {
        csv::Reader::from_reader(text.as_bytes())
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect()
    };
    let months = stdout(
        vraagbaak_on(&c.index_dir()).args(["stats", "--format", "csv", "--table", "months"]),
    );
    assert_eq!(
        header(&months),
        ["month", "asked", "answered", "median_days"]
    );
    let rows = csv_of(&months);
    let asked: usize = rows.iter().map(|r| r[1].parse::<usize>().expect("n")).sum();
    let answered: usize = rows.iter().map(|r| r[2].parse::<usize>().expect("n")).sum();
    assert_eq!(asked, plan.len());
    assert_eq!(answered, plan.iter().filter(|q| q.answer.is_some()).count());
    // The same rows as the JSON.
    let stats = json(vraagbaak_on(&c.index_dir()).args(["stats", "--json"]));
    let by_json: Vec<String> = stats["per_month"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| m["month"].as_str().expect("month").to_string())
        .collect();
    let by_csv: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(by_csv, by_json);

    // Ministers, filtered: one row, its numbers those of the JSON.
    let ministers = stdout(vraagbaak_on(&c.index_dir()).args([
        "stats",
        "--minister",
        "de smet",
        "--format",
        "csv",
        "--table",
        "ministers",
    ]));
    let rows = csv_of(&ministers);
    assert_eq!(rows.len(), 1, "{ministers}");
    assert_eq!(rows[0][0], "Jan De Smet");
    let theirs = plan.iter().filter(|q| q.minister == 1).count();
    assert_eq!(rows[0][1], theirs.to_string());

    // Every table as a file.
    let out = c.root().join("tabellen");
    vraagbaak_on(&c.index_dir())
        .args(["stats", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    for name in vraagbaak::lookup::TABLES {
        let text = std::fs::read_to_string(out.join(format!("{name}.csv"))).expect(name);
        assert!(!csv_of(&text).is_empty(), "{name}: {text}");
    }
    let themes = std::fs::read_to_string(out.join("themes.csv")).expect("themes");
    assert_eq!(header(&themes), ["theme", "questions"]);
    assert_eq!(csv_of(&themes).len(), THEMES.len());

    // CSV without a table: one line that says how.
    let (code, message) = failure(vraagbaak_on(&c.index_dir()).args(["stats", "--format", "csv"]));
    assert_eq!(code, 2);
    assert!(
        message.contains("--table") && message.contains("--out"),
        "{message}"
    );
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    let (code, _) = failure(vraagbaak_on(&c.index_dir()).args(["stats", "--table", "nope"]));
    assert_eq!(code, 2);
}

/// The elements of an SVG with this fill colour, by tag.
fn filled(svg: &roxmltree::Document, tag: &str, color: &str) -> usize {
    svg.descendants()
        .filter(|n| n.has_tag_name(tag))
        .filter(|n| {
            n.attribute("fill")
                .is_some_and(|f| f.eq_ignore_ascii_case(color))
        })
        .count()
}

#[test]
fn the_page_shows_each_chart_as_svg_with_its_numbers_beside_it() {
    let c = corpus();
    let plan = plan();
    let api = json(vraagbaak_on(&c.index_dir()).args(["stats", "--json"]));
    let s = Served::on(c.dir, ServeOptions::default());

    // The API takes the filters, as the command line does.
    let claes = s.get("/api/stats?minister=claes").json();
    let theirs = plan.iter().filter(|q| q.minister == 0).count();
    assert_eq!(claes["questions"], theirs, "{claes}");
    assert_eq!(s.get("/api/stats").json()["per_month"], api["per_month"]);
    assert_eq!(s.get("/api/stats?kleur=blauw").status, 400);
    assert_eq!(s.get("/api/stats?status=misschien").status, 400);

    let page = s.get("/stats");
    assert_eq!(page.status, 200);
    let svgs: Vec<&str> = page
        .body
        .match_indices("<svg")
        .map(|(at, _)| {
            let end = page.body[at..].find("</svg>").expect("closed") + at + "</svg>".len();
            &page.body[at..end]
        })
        .collect();
    assert_eq!(svgs.len(), 4, "days, months, open, themes");
    let docs: Vec<roxmltree::Document> = svgs
        .iter()
        .map(|s| roxmltree::Document::parse(s).expect("the chart parses as SVG"))
        .collect();
    for d in &docs {
        assert_eq!(d.root_element().tag_name().name(), "svg");
        assert!(d.root_element().attribute("aria-label").is_some());
        // A title and the axis labels are text in the SVG.
        assert!(d.descendants().filter(|n| n.has_tag_name("text")).count() > 3);
    }
    let bar = charts::hex(charts::BAR);
    let mark = charts::hex(charts::MARK);
    let per = api["per_minister"].as_array().expect("per minister");
    let timed = per.iter().filter(|m| m["timed"].as_u64() > Some(0)).count();
    assert_eq!(filled(&docs[0], "rect", &bar), timed, "a bar per minister");
    assert_eq!(
        filled(&docs[0], "circle", &mark),
        timed,
        "a point per minister"
    );
    let months = api["per_month"].as_array().expect("months").len();
    assert_eq!(
        filled(&docs[1], "circle", &charts::hex(charts::ASKED)),
        months
    );
    assert_eq!(
        filled(&docs[1], "circle", &charts::hex(charts::ANSWERED)),
        months
    );
    let open = per.iter().filter(|m| m["open"].as_u64() > Some(0)).count();
    assert_eq!(filled(&docs[2], "rect", &bar), open);
    assert_eq!(filled(&docs[3], "rect", &bar), THEMES.len());
    // The numbers beside: a table per chart, the days of each minister in it.
    assert!(page.body.matches("<table>").count() >= 4);
    for m in per {
        if let Some(median) = m["median_days"].as_f64() {
            let shown = if median.fract() == 0.0 {
                format!("{median:.0}")
            } else {
                format!("{median:.1}")
            };
            assert!(
                page.body.contains(&format!("<td class=\"n\">{shown}</td>")),
                "{shown}"
            );
        }
    }

    // Filtered by the URL: the charts of one minister's questions.
    let page = s.get("/stats?minister=wouters&status=open");
    assert_eq!(page.status, 200);
    let n = plan
        .iter()
        .filter(|q| q.minister == 2 && q.answer.is_none())
        .count();
    assert!(
        page.body.contains(&format!("<strong>{n} vragen</strong>")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("value=\"wouters\""),
        "the form keeps the filter"
    );
    // Every page links to the statistics; a list links to those of its filters.
    assert!(s.get("/").body.contains("href=\"/stats\""));
    let list = s.get("/?minister=wouters");
    assert!(
        list.body.contains("href=\"/stats?minister=wouters\""),
        "{}",
        list.body
    );
    // A bad filter: the form again, with what is wrong, as a 400.
    let bad = s.get("/stats?from=gisteren");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("role=\"alert\""));
}

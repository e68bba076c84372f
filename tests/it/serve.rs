//! `vraagbaak serve`: the API answers as the CLI's JSON does, the pages hold what they
//! should and escape what they show, the feed is Atom, bad requests get a 4xx, a
//! foreign Host 421, the token is required where set, and a new commit is seen.

use crate::served::{Served, query};
use crate::util::{binary, failure, json, stdout, vraagbaak, vraagbaak_on};
use serde_json::Value;
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use vraagbaak::serve::ServeOptions;

/// One server for the tests that only read.
fn shared() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| Served::start(150, ServeOptions::default()))
}

/// The CLI's JSON for these arguments against the server's index.
fn cli_json(s: &Served, args: &[&str]) -> Value {
    json(vraagbaak_on(&s.index_dir()).args(args))
}

/// The same, timings aside.
fn untimed(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("took_ms");
    }
    v
}

#[test]
fn the_api_answers_as_the_cli_json_does() {
    let s = shared();
    let api = s.get(&format!(
        "/api/search?{}",
        query(&[
            ("q", "beroepsgeheim jeugdhulp"),
            ("limit", "7"),
            ("facets", "true"),
            ("sort", "newest"),
            ("offset", "1"),
        ])
    ));
    assert_eq!(api.status, 200, "{}", api.body);
    assert_eq!(api.header("content-type"), Some("application/json"));
    let cli = cli_json(
        s,
        &[
            "search",
            "beroepsgeheim jeugdhulp",
            "--limit",
            "7",
            "--facets",
            "--sort",
            "newest",
            "--offset",
            "1",
            "--json",
        ],
    );
    assert!(cli["hits"].as_array().is_some_and(|h| h.len() == 7));
    assert_eq!(untimed(api.json()), untimed(cli));

    let filtered = s.get(&format!(
        "/api/search?{}",
        query(&[
            ("q", "leerkrachten"),
            ("minister", "verstraelen"),
            ("from", "2010-01-01"),
            ("to", "2023-12-31"),
            ("part", "answer"),
            ("questions", "1"),
            ("exact", "true"),
        ])
    ));
    let cli = cli_json(
        s,
        &[
            "search",
            "leerkrachten",
            "--minister",
            "verstraelen",
            "--from",
            "2010-01-01",
            "--to",
            "2023-12-31",
            "--part",
            "answer",
            "--questions",
            "--exact",
            "--json",
        ],
    );
    assert!(cli["total"].as_u64().is_some_and(|t| t > 0), "{cli}");
    assert_eq!(untimed(filtered.json()), untimed(cli));

    let per = s.get("/api/search?q=kinderopvang&per_question=1&limit=20");
    let cli = cli_json(
        s,
        &[
            "search",
            "kinderopvang",
            "--per-question",
            "1",
            "--limit",
            "20",
            "--json",
        ],
    );
    assert_eq!(untimed(per.json()), untimed(cli));

    let found = cli_json(s, &["search", "zij-instromers", "--json"]);
    let doc = found["hits"][0]["doc_id"]
        .as_str()
        .expect("a hit")
        .to_string();
    let shown = s.get(&format!("/api/q/{doc}"));
    assert_eq!(shown.json(), cli_json(s, &["show", &doc, "--json"]));
    let similar = s.get(&format!("/api/similar/{doc}?limit=3"));
    assert_eq!(
        similar.json(),
        cli_json(s, &["similar", &doc, "--limit", "3", "--json"])
    );
    let mut stats = s.get("/api/stats").json();
    let mut cli = cli_json(s, &["stats", "--json"]);
    for v in [&mut stats, &mut cli] {
        v.as_object_mut().expect("object").remove("index");
    }
    assert_eq!(stats, cli);
}

#[test]
fn the_search_page_groups_questions_with_marked_passages_facets_and_paging() {
    let s = shared();
    let page = s.get("/?q=kinderopvang&limit=4");
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .is_some_and(|c| c.starts_with("text/html"))
    );
    let b = &page.body;
    assert!(b.contains("<html lang=\"nl\">"), "{b}");
    assert!(b.contains("<label for=\"q\">") && b.contains("id=\"q\""));
    for f in ["minister", "asker", "from", "to", "topic", "part", "sort"] {
        assert!(
            b.contains(&format!("<label for=\"{f}\">")) && b.contains(&format!("id=\"{f}\"")),
            "{f}"
        );
    }
    assert!(b.contains("<mark>"), "{b}");
    assert_eq!(b.matches("<article class=\"hit\">").count(), 4, "{b}");
    // Each question with its best passages: several where more of them hold the words,
    // three at most, each of them marked (a question found through its title alone
    // stands by its opening passage).
    let passages_shown = |body: &str| -> Vec<usize> {
        body.split("<article class=\"hit\">")
            .skip(1)
            .map(|a| {
                let n = a.matches("<div class=\"passage\">").count();
                if n > 1 {
                    assert!(a.matches("<mark>").count() >= n, "{a}");
                }
                n
            })
            .collect()
    };
    let per = passages_shown(b);
    assert!(per.iter().all(|&n| (1..=3).contains(&n)), "{per:?}");
    let per = passages_shown(&s.get("/?q=beroepsgeheim&limit=6").body);
    assert!(per.iter().any(|&n| n > 1), "{per:?}");
    let two = s.get("/?q=kinderopvang&limit=4&per_question=2");
    assert!(
        two.body
            .split("<article class=\"hit\">")
            .skip(1)
            .all(|a| a.matches("<div class=\"passage\">").count() <= 2)
    );
    assert!(b.contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
    assert!(b.contains("href=\"/feed.atom?q=kinderopvang"));
    // The count is that of the API's questions.
    let api = s
        .get("/api/search?q=kinderopvang&questions=true&facets=true")
        .json();
    let questions = api["total_questions"].as_u64().expect("questions");
    assert!(
        b.contains(&format!("<strong>{questions} vragen</strong>")),
        "{b}"
    );
    // Paging keeps the search and moves the offset; page 2 shows other questions.
    assert!(
        b.contains("href=\"/?q=kinderopvang&amp;offset=4&amp;limit=4\""),
        "{b}"
    );
    let next = s.get("/?q=kinderopvang&offset=4&limit=4");
    let first_links = question_links(b);
    let next_links = question_links(&next.body);
    assert_eq!(next_links.len(), 4, "{}", next.body);
    assert!(first_links.iter().all(|l| !next_links.contains(l)));
    assert!(next.body.contains("rel=\"prev\""));
    // Which page of how many: the questions counted as shown.
    let pages = (questions as usize).div_ceil(4);
    assert!(
        next.body.contains(&format!("pagina 2 van {pages}")),
        "{}",
        next.body
    );
    // The questions on the page are the API's, in its order.
    let api_ids: Vec<String> = api["hits"].as_array().expect("hits")[..4]
        .iter()
        .map(|h| format!("/q/{}", segment(h["doc_id"].as_str().expect("id"))))
        .collect();
    assert_eq!(first_links, api_ids);
    // A facet link adds its filter and the page then holds only that minister.
    let minister = api["facets"]["minister"]["values"][0]["value"]
        .as_str()
        .expect("minister")
        .to_string();
    let link = format!(
        "/?{}",
        query(&[
            ("q", "kinderopvang"),
            ("minister", &minister),
            ("limit", "4")
        ])
    );
    assert!(b.contains(&link.replace('&', "&amp;")), "{link}");
    let narrowed = s.get(&link);
    let count = api["facets"]["minister"]["values"][0]["count"]
        .as_u64()
        .expect("n");
    assert!(
        narrowed.body.contains(&format!("<strong>{count} vra")),
        "{}",
        narrowed.body
    );
}

pub fn segment(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                c.to_string()
            } else {
                let mut b = [0u8; 4];
                c.encode_utf8(&mut b)
                    .bytes()
                    .map(|x| format!("%{x:02X}"))
                    .collect()
            }
        })
        .collect()
}

/// The question links of a results page, in order, once each.
fn question_links(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in body.split("<h2><a href=\"").skip(1) {
        if let Some(end) = piece.find('"') {
            out.push(piece[..end].to_string());
        }
    }
    out
}

#[test]
fn every_text_from_the_index_is_escaped() {
    let s = shared();
    let page = s.get("/?q=schoolbussen");
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<script>"), "{}", page.body);
    assert!(page.body.contains("&lt;script&gt;"), "{}", page.body);
    assert!(!page.body.contains("<img"), "{}", page.body);
    let id = question_links(&page.body).remove(0);
    let q = s.get(&id);
    assert_eq!(q.status, 200);
    assert!(!q.body.contains("<script>") && !q.body.contains("<img"));
    assert!(
        q.body
            .contains("&lt;img src=x onerror=alert(1)&gt; &amp; meer")
    );
    let feed = s.get("/feed.atom?q=schoolbussen");
    assert!(!feed.body.contains("<script>"), "{}", feed.body);
    for r in [&page, &q, &feed] {
        assert_eq!(
            r.header("content-security-policy"),
            Some("default-src 'self'")
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(r.header("access-control-allow-origin"), None);
    }
}

#[test]
fn the_question_page_sets_each_sub_question_beside_its_answer() {
    let s = shared();
    let api = s
        .get("/api/search?q=lerarentekort+zij-instromers&limit=1")
        .json();
    let id = api["hits"][0]["doc_id"].as_str().expect("id").to_string();
    let page = s.get(&format!("/q/{}", segment(&id)));
    assert_eq!(page.status, 200, "{}", page.body);
    let b = &page.body;
    for field in [
        "Eline Van den Berghe",
        "Kobe Verstraelen",
        "14 maart 2023",
        "412",
        &id,
    ] {
        assert!(b.contains(field), "{field}: {b}");
    }
    assert!(b.contains(&format!(
        "<link rel=\"canonical\" href=\"/q/{}\">",
        segment(&id)
    )));
    // Question 1. a) and b) stand in the rows of the answer `1. a) + b)`, 2. beside 2.
    let rows: Vec<&str> = b.split("<div class=\"pair\">").skip(1).collect();
    let row_of = |needle: &str| rows.iter().position(|r| r.contains(needle));
    let zij = row_of("zij-instromers werden in het schooljaar").expect("question 1a");
    assert!(rows[zij].contains("812 zij-instromers"), "{}", rows[zij]);
    let werkdruk = row_of("De werkdruk verlagen we").expect("answer 2");
    assert!(rows[werkdruk].contains("om de werkdruk van de leerkrachten te"));
    assert!(b.contains("Gelijkaardige vragen"), "{b}");
    // A question put to three ministers lists the others.
    let joint = s
        .get("/api/search?q=hitteplan+beleidsdomeinen&limit=1")
        .json();
    let jid = joint["hits"][0]["doc_id"].as_str().expect("id").to_string();
    let page = s.get(&format!("/q/{}", segment(&jid)));
    assert!(page.body.contains("Ook gesteld aan"), "{}", page.body);
    let shown = s.get(&format!("/api/q/{}", segment(&jid))).json();
    for other in shown["linked"].as_array().expect("linked") {
        let oid = other["doc_id"].as_str().expect("id");
        assert!(page.body.contains(&format!("href=\"/q/{}\"", segment(oid))));
    }
    assert_eq!(s.get("/q/no-such-question").status, 404);
}

#[test]
fn the_record_beside_a_question_shows_on_both_pages_and_filters() {
    let s = shared();
    let page = s.get("/?q=schoolbussen");
    assert!(
        page.body.contains("beantwoord na 45 dagen (laattijdig)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Mobiliteit en openbare werken"),
        "a theme facet"
    );
    let id = question_links(&page.body).remove(0);
    let q = s.get(&id);
    for shown in [
        "Mobiliteit en openbare werken",
        "2023-2024",
        "20 juni 2024",
        "na 45 dagen",
    ] {
        assert!(q.body.contains(shown), "{shown}: {}", q.body);
    }
    // A link that is not a web address is shown, not linked.
    assert!(!q.body.contains("href=\"javascript:"), "{}", q.body);
    for (filter, total) in [
        ("answered=late", true),
        ("answered=in-time", false),
        ("theme=MOBILITEIT+EN+OPENBARE+WERKEN", true),
        ("session=2023-2024", true),
        ("session=2022-2023", false),
    ] {
        let r = s
            .get(&format!("/api/search?q=schoolbussen&{filter}"))
            .json();
        assert_eq!(
            r["total"].as_u64().is_some_and(|t| t > 0),
            total,
            "{filter}"
        );
    }
}

#[test]
fn the_feed_is_atom_with_the_newest_questions_under_ids_that_stay() {
    let s = shared();
    let r = s.get("/feed.atom?q=kinderopvang&limit=6");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    let feed = atom_syndication::Feed::from_str(&r.body).expect("valid Atom");
    let api = s
        .get("/api/search?q=kinderopvang&questions=true&sort=newest&limit=6")
        .json();
    let hits = api["hits"].as_array().expect("hits");
    assert_eq!(feed.entries().len(), hits.len());
    assert_eq!(hits.len(), 6);
    let mut ids = std::collections::HashSet::new();
    for (e, h) in feed.entries().iter().zip(hits) {
        let doc = h["doc_id"].as_str().expect("id");
        assert!(ids.insert(e.id().to_string()), "ids differ");
        assert!(e.id().starts_with("tag:"));
        assert_eq!(
            e.updated().format("%Y-%m-%d").to_string(),
            h["date"].as_str().expect("date")
        );
        let link = &e.links()[0];
        assert_eq!(link.href(), format!("http://{}/q/{}", s.addr, segment(doc)));
        assert!(e.summary().is_some_and(|s| !s.value.is_empty()));
    }
    assert!(
        feed.entries()
            .iter()
            .any(|e| e.summary().is_some_and(|s| s.value.contains("<mark>")))
    );
    // Newest first, and the same ids on the next request.
    let dates: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    let again = atom_syndication::Feed::from_str(&s.get("/feed.atom?q=kinderopvang&limit=6").body)
        .expect("atom");
    let first: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    let second: Vec<&str> = again.entries().iter().map(|e| e.id()).collect();
    assert_eq!(first, second);
    assert!(feed.links().iter().any(|l| l.rel() == "self"));
}

#[test]
fn bad_requests_get_a_4xx_with_a_one_line_message() {
    let s = shared();
    for (target, status, says) in [
        (
            "/api/search?q=x&from=2022-02-30",
            400,
            "`from`: `2022-02-30` is not a date",
        ),
        ("/api/search?q=x&limit=0", 400, "`limit`"),
        ("/api/search?q=x&limit=101", 400, "from 1 to 100"),
        ("/api/search?q=x&sort=best", 400, "`sort`"),
        ("/api/search?q=x&offset=-1", 400, "`offset`"),
        ("/api/search?q=x&minster=demir", 400, "unknown parameter"),
        ("/api/search", 400, "`q`"),
        ("/api/q/no-such-id", 404, "no question with id `no-such-id`"),
        ("/api/similar/no-such-id", 404, "no-such-id"),
        ("/api/nothing", 404, "nothing at"),
        ("/api/stats?top=x", 400, "`top`"),
    ] {
        let r = s.get(target);
        assert_eq!(r.status, status, "{target}: {}", r.body);
        if status != 200 {
            let err = r.json();
            let msg = err["error"].as_str().expect("error");
            assert!(msg.contains(says) && !msg.contains('\n'), "{target}: {msg}");
        }
    }
    for (target, status) in [
        ("/?q=x&to=morgen", 400),
        ("/?q=x&limit=1000", 400),
        ("/feed.atom?q=x&sort=x", 400),
        ("/feed.atom", 400),
        ("/nothing/here", 404),
        ("/q/unknown", 404),
    ] {
        let r = s.get(target);
        assert_eq!(r.status, status, "{target}");
        assert!(
            r.body.contains("<p class=\"error\""),
            "{target}: {}",
            r.body
        );
    }
    // A search the library refuses shows the form as it was filled in, and why.
    let refused = s.get("/?q=%22&minister=verstraelen");
    assert_eq!(refused.status, 400);
    assert!(
        refused
            .body
            .contains("id=\"minister\" name=\"minister\" value=\"verstraelen\"")
    );
    assert!(
        refused
            .body
            .contains("<p class=\"error\" role=\"alert\">query: empty")
    );
    let long_query = format!("/api/search?q={}", "a".repeat(501));
    assert_eq!(s.get(&long_query).status, 400);
    let long_uri = format!("/api/search?q=a&topic={}", "b".repeat(5000));
    assert_eq!(s.get(&long_uri).status, 414);
    let big = "x".repeat(20_000);
    assert_eq!(s.request("GET", "/", &[("X-Big", &big)]).status, 431);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = s.request(method, "/api/search?q=x", &[("Content-Length", "0")]);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
    let head = s.request("HEAD", "/?q=kinderopvang", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn a_foreign_host_is_refused() {
    let s = shared();
    for host in [
        "evil.example",
        "evil.example:80",
        "rebind.attacker.test:1234",
    ] {
        let r = s.request("GET", "/api/stats", &[("Host", host)]);
        assert_eq!(r.status, 421, "{host}");
    }
    let port = s.addr.port();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(s.request("GET", "/health", &[("Host", &host)]).status, 200);
    }
}

#[test]
fn with_a_token_every_request_but_the_health_check_needs_it() {
    let s = Served::start(
        0,
        ServeOptions {
            token: Some("s3cret-token".into()),
            ..ServeOptions::default()
        },
    );
    let r = s.get("/?q=kinderopvang");
    assert_eq!(r.status, 401);
    assert!(
        r.header("www-authenticate")
            .is_some_and(|h| h.starts_with("Basic"))
    );
    assert_eq!(s.get("/api/stats").status, 401);
    assert_eq!(s.get("/nothing").status, 401);
    assert_eq!(s.get("/health").status, 200);
    let ok = s.request(
        "GET",
        "/api/stats",
        &[("Authorization", "Bearer s3cret-token")],
    );
    assert_eq!(ok.status, 200);
    let wrong = s.request(
        "GET",
        "/api/stats",
        &[("Authorization", "Bearer s3cret-tokem")],
    );
    assert_eq!(wrong.status, 401);
    // A browser's Basic login with the token as password (any user name).
    let basic = s.request(
        "GET",
        "/",
        &[("Authorization", "Basic bGV6ZXI6czNjcmV0LXRva2Vu")],
    );
    assert_eq!(basic.status, 200);
}

#[test]
fn a_new_commit_is_served_without_a_restart() {
    let s = Served::start(0, ServeOptions::default());
    let probe = "/api/search?q=fietsenstalling";
    assert_eq!(s.get(probe).json()["total"], 0);
    let extra = s.dir.path().join("extra");
    std::fs::create_dir_all(&extra).expect("mkdir");
    std::fs::write(
        extra.join("sv-2024-501.txt"),
        crate::served::SCRIPTED
            .replace("Schoolbussen", "Fietsenstalling")
            .replace("nr. 77", "nr. 501"),
    )
    .expect("write");
    // The start page lists the newest questions (kept until a new commit).
    assert!(s.get("/").body.contains("De nieuwste vragen"));
    let committed = Instant::now();
    vraagbaak::index_paths(
        &s.index_dir(),
        std::slice::from_ref(&extra),
        &Default::default(),
    )
    .expect("index");
    // A bound against a server that never looks again, not a measure of its speed.
    let mut seen = false;
    while committed.elapsed() < Duration::from_secs(60) {
        if s.get(probe).json()["total"].as_u64().is_some_and(|t| t > 0) {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(seen, "the new commit was not served");
    // The start page's newest questions are of the new commit: the new one first (the
    // same day as the newest before, a higher number).
    let id = vraagbaak::source::doc_id_for(
        &extra
            .join("sv-2024-501.txt")
            .canonicalize()
            .expect("canonical"),
    );
    let page = s.get("/").body;
    let first = page
        .split("<article class=\"hit\">")
        .nth(1)
        .expect("a newest question");
    assert!(first.contains(&format!("/q/{}", segment(&id))), "{page}");
}

#[test]
fn serve_says_where_it_listens_warns_beyond_loopback_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = crate::served::corpus(dir.path(), 0);
    vraagbaak::index_paths(&dir.path().join("index"), &[corpus], &Default::default())
        .expect("index");
    for (addr, warns) in [("127.0.0.1:0", false), ("0.0.0.0:0", true)] {
        let mut child = std::process::Command::new(binary())
            .arg("--index")
            .arg(dir.path().join("index"))
            .args(["serve", "--addr", addr])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
        let mut said = Vec::new();
        let url = loop {
            let line = lines.next().expect("a line").expect("text");
            said.push(line.clone());
            if let Some(at) = line.find("http://") {
                break line[at..].split(' ').next().expect("url").to_string();
            }
        };
        assert_eq!(
            said.iter().any(|l| l.contains("warning")),
            warns,
            "{said:?}"
        );
        let port: u16 = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("port");
        let reply = crate::served::send(
            std::net::SocketAddr::from(([127, 0, 0, 1], port)),
            format!("GET /health HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        assert_eq!(reply.status, 200);
        // SAFETY: a signal to the child we started.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGINT);
        }
        let status = child.wait().expect("wait");
        assert!(status.success(), "{status:?}");
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    }
}

#[test]
fn a_bad_token_file_or_address_is_a_one_line_error() {
    let dir = tempfile::tempdir().expect("temp");
    let empty = dir.path().join("token");
    std::fs::write(&empty, "\n").expect("write");
    let (code, err) = failure(
        vraagbaak(dir.path())
            .arg("serve")
            .arg("--token-file")
            .arg(&empty),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("the file is empty") && err.lines().count() == 1,
        "{err}"
    );
    let (code, _) = failure(vraagbaak(dir.path()).args(["serve", "--addr", "localhost"]));
    assert_eq!(code, 2);
}

mod fuzz {
    use super::shared;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "q",
        "minister",
        "asker",
        "from",
        "to",
        "topic",
        "part",
        "sort",
        "offset",
        "limit",
        "per_question",
        "questions",
        "facets",
        "exact",
        "top",
        "x",
        "",
        "q[]",
    ];
    const VALUES: &[&str] = &[
        "",
        "0",
        "1",
        "-1",
        "100",
        "101",
        "99999999999999999999",
        "true",
        "on",
        "newest",
        "answer",
        "2022-02-29",
        "2024-02-29",
        "0000-01-01",
        "9999-12-31",
        "kinderopvang",
        "\"",
        "\"beroepsgeheim",
        "-",
        "*",
        "a*",
        "OR",
        "NOT",
        "- – + & / | :",
        "<script>",
        "demir",
        "ééé",
        "\u{0}",
        "LIVC’s",
    ];
    const PATHS: &[&str] = &[
        "/",
        "/api/search",
        "/feed.atom",
        "/api/stats",
        "/api/similar/x%23y",
        "/q/%FF",
        "/api/q/..%2F..",
        "/q/",
    ];

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(VALUES).prop_map(str::to_string),
            "\\PC{0,40}",
            "[a-z*\"() -]{0,30}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

        /// Whatever the parameters, an answer and never a 5xx.
        #[test]
        fn no_parameters_give_a_5xx(
            path in proptest::sample::select(PATHS),
            pairs in proptest::collection::vec(
                (proptest::sample::select(NAMES), value()), 0..6),
            raw in "[A-Za-z0-9%=&;+]{0,24}",
        ) {
            let s = shared();
            let mut q = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &pairs {
                q.append_pair(k, v);
            }
            let mut target = format!("{path}?{}", q.finish());
            if !raw.is_empty() {
                target.push('&');
                target.push_str(&raw);
            }
            let r = s.get(&target);
            prop_assert!(r.status < 500, "{target}: {} {}", r.status, r.body);
            if path.starts_with("/api/") && r.status >= 400 {
                prop_assert!(r.json()["error"].is_string(), "{target}: {}", r.body);
            }
        }
    }
}

/// Whitespace folded, HTML tags dropped and its escapes read: text as a reader sees it.
fn seen(s: &str) -> String {
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    let text = tags
        .replace_all(s, " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_terminal_and_the_page_pair_sub_questions_alike() {
    let s = shared();
    let store = vraagbaak::Store::open(&s.index_dir()).expect("open");
    let mut checked = 0;
    for (rel, _) in crate::fixtures::corpus() {
        let Ok(path) = s.dir.path().join("corpus").join(rel).canonicalize() else {
            continue;
        };
        // Files of one question (a bulletin's ids carry `#n`).
        let id = vraagbaak::source::doc_id_for(&path);
        let Ok(shown) = vraagbaak::show(&store, &id) else {
            continue;
        };
        let passages = &shown.question.passages;
        if !vraagbaak::parse::linked(passages) {
            continue;
        }
        let pairs = vraagbaak::parse::pairs(passages);
        let text = stdout(vraagbaak_on(&s.index_dir()).args(["show", &id, "--color", "never"]));
        let section = text
            .split("EACH SUB-QUESTION WITH ITS ANSWER")
            .nth(1)
            .unwrap_or_else(|| panic!("{id}: no pairs in the terminal: {text}"));
        let terminal: Vec<String> = section
            .split("\n\n")
            .map(seen)
            .filter(|r| !r.is_empty())
            .collect();
        let body = s.get(&format!("/q/{}", segment(&id))).body;
        let pairs_html = body.split("</section>").next().unwrap_or_default();
        let page: Vec<String> = pairs_html
            .split("<div class=\"pair\">")
            .skip(1)
            .map(seen)
            .collect();
        assert_eq!(terminal.len(), pairs.len(), "{id}: {terminal:#?}");
        assert_eq!(page.len(), pairs.len(), "{id}: {page:#?}");
        for (i, pair) in pairs.iter().enumerate() {
            for p in pair.questions.iter().chain(&pair.answers) {
                let first = p.text.split('\n').next().unwrap_or_default();
                let head: String = seen(first).chars().take(40).collect();
                assert!(terminal[i].contains(&head), "{id} row {i}: {head}");
                assert!(page[i].contains(&head), "{id} row {i}: {head}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} questions with sub-questions");
}

/// The links of a feed: its entries' and its own.
fn feed_links(body: &str) -> Vec<String> {
    let feed = atom_syndication::Feed::from_str(body).expect("valid Atom");
    feed.links()
        .iter()
        .map(|l| l.href().to_string())
        .chain(
            feed.entries()
                .iter()
                .flat_map(|e| e.links().iter().map(|l| l.href().to_string())),
        )
        .collect()
}

#[test]
fn feed_links_say_https_behind_an_allowed_proxy_or_the_base_url() {
    let s = Served::start(
        0,
        ServeOptions {
            allow_hosts: vec!["vragen.example.org".into()],
            ..ServeOptions::default()
        },
    );
    let proxied = s.request(
        "GET",
        "/feed.atom?q=kinderopvang",
        &[
            ("Host", "vragen.example.org"),
            ("X-Forwarded-Proto", "https"),
        ],
    );
    assert_eq!(proxied.status, 200, "{}", proxied.body);
    let links = feed_links(&proxied.body);
    assert!(links.len() > 2, "{links:?}");
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://vragen.example.org/")),
        "{links:?}"
    );
    // The header is believed from the proxy's name only, not from a direct client.
    let direct = s.request(
        "GET",
        "/feed.atom?q=kinderopvang",
        &[
            ("Host", &s.addr.to_string()),
            ("X-Forwarded-Proto", "https"),
        ],
    );
    assert!(
        feed_links(&direct.body)
            .iter()
            .all(|l| l.starts_with(&format!("http://{}/", s.addr))),
        "{}",
        direct.body
    );
    // A base URL is used whatever the request says.
    let based = Served::start(
        0,
        ServeOptions {
            base_url: Some("https://example.org/vragen/".into()),
            ..ServeOptions::default()
        },
    );
    let links = feed_links(&based.get("/feed.atom?q=kinderopvang").body);
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://example.org/vragen/")),
        "{links:?}"
    );
    assert!(!links.iter().any(|l| l.contains("vragen//")), "{links:?}");
}

#[test]
fn the_page_speaks_dutch_in_its_notices() {
    let s = shared();
    let body = s.get("/?q=%22beroepsgeheim").body;
    assert!(
        body.contains("opent een woordgroep die niet gesloten wordt"),
        "{body}"
    );
    let body = s.get("/?q=kinderopvnag").body;
    assert!(body.contains("niets gevonden voor"), "{body}");
    for english in ["never closed", "no results for", "showing `"] {
        assert!(!body.contains(english), "{english}: {body}");
    }
    // The API and the CLI keep the English text.
    let api = s.get("/api/search?q=kinderopvnag").json();
    assert!(
        api["notices"][0]
            .as_str()
            .is_some_and(|n| n.starts_with("no results for")),
        "{api}"
    );
}

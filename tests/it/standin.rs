//! A stand-in of the parliament's open-data service on loopback, in the shape
//! `shared/FORMAT.md` gives: the search service (windows of publication dates, pages,
//! the cap, metatags repeated, missing or empty), the records, the PDFs; and the faults
//! public services show, on cue (503 with `Retry-After`, 429, a hang, a page cut short,
//! an HTML page with status 200). Its questions and PDFs are of our own making, with
//! fictional people. Every request is logged.

use axum::Router;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use time::Date;

/// A fault served once in place of the answer.
#[derive(Debug, Clone)]
pub enum Fault {
    /// 503 with `Retry-After: N`.
    Unavailable(u64),
    /// 429 without `Retry-After`.
    TooMany,
    /// No answer for this long (longer than the client waits).
    Hang(Duration),
    /// The first half of the answer, status 200.
    Cut,
    /// An HTML page with status 200.
    Html,
}

/// One question of the stand-in.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: u64,
    pub number: u32,
    pub session: String,
    pub published: Date,
    pub asked: Date,
    /// None: not answered (the record holds only the first step).
    pub answered: Option<Date>,
    pub minister: (String, String),
    pub asker: (String, String),
    pub themes: Vec<String>,
    pub topic: String,
    /// Whether a document is linked and served.
    pub document: bool,
    pub last_modified: String,
}

const MINISTERS: [(&str, &str); 3] = [("Nele", "Claes"), ("Jan", "De Smet"), ("Lotte", "Wouters")];
const ASKERS: [(&str, &str); 4] = [
    ("Ward", "Peeters"),
    ("Sara", "Janssens"),
    ("Tom", "Maes"),
    ("An", "Willems"),
];
const THEMES: [&str; 4] = [
    "Wonen",
    "Onderwijs en vorming",
    "Mobiliteit en openbare werken",
    "Energie",
];
const TOPICS: [&str; 4] = [
    "Sociale woningen in Mechelen",
    "Leerlingenvervoer in het buitengewoon onderwijs",
    "Fietspaden langs gewestwegen",
    "Zonnepanelen op scholen",
];

/// The session a day falls in (from September 15th).
fn session_of(day: Date) -> String {
    let y = day.year();
    let start = if (u8::from(day.month()), day.day()) >= (9, 15) {
        y
    } else {
        y - 1
    };
    format!("{start}-{}", start + 1)
}

/// `n` questions published one every `every` days from `first`; every fifth is open
/// (no answer, no document).
pub fn items(n: usize, first: Date, every: i64) -> Vec<Item> {
    (0..n)
        .map(|i| {
            let published = first + time::Duration::days(i as i64 * every);
            let asked = published - time::Duration::days(30);
            let open = i % 5 == 4;
            let mut themes = vec![THEMES[i % 4].to_string()];
            if i % 3 == 0 {
                themes.push(THEMES[(i + 1) % 4].to_string());
            }
            Item {
                id: 1_700_000 + i as u64,
                number: 100 + i as u32,
                session: session_of(asked),
                published,
                asked,
                answered: (!open).then(|| asked + time::Duration::days(10 + (i % 40) as i64)),
                minister: (MINISTERS[i % 3].0.into(), MINISTERS[i % 3].1.into()),
                asker: (ASKERS[i % 4].0.into(), ASKERS[i % 4].1.into()),
                themes,
                topic: format!("{} ({})", TOPICS[i % 4], i),
                document: !open,
                last_modified: format!("{}T10:00:00Z", iso(published)),
            }
        })
        .collect()
}

fn iso(d: Date) -> String {
    vraagbaak::parse::date::iso(d)
}

fn dutch(d: Date) -> String {
    vraagbaak::parse::date::written(d)
}

impl Item {
    /// The open-data record.
    pub fn record(&self) -> String {
        let mut steps = vec![format!(
            r#"{{"datum": "{}T00:00:00+01:00", "status": "Vraag gesteld aan de minister"}}"#,
            iso(self.asked)
        )];
        if let Some(a) = self.answered {
            steps.push(format!(
                r#"{{"datum": "{}T00:00:00+01:00", "status": "Tijdig beantwoord", "document": "x"}}"#,
                iso(a)
            ));
        }
        let themes: Vec<String> = self.themes.iter().map(|t| format!("\"{t}\"")).collect();
        format!(
            r#"{{"id": {id}, "vraagnummer": {n}, "titel": "{topic}", "onderwerp": "Een vraag over {topic}",
 "thema": [{themes}], "zittingsjaar": "{session}",
 "vraagsteller": {{"id": 1, "voornaam": "{av}", "naam": "{an}"}},
 "minister": {{"id": 2, "voornaam": "{mv}", "naam": "{mn}"}},
 "procedureverloop": [{steps}]}}"#,
            id = self.id,
            n = self.number,
            topic = self.topic,
            themes = themes.join(", "),
            session = self.session,
            av = self.asker.0,
            an = self.asker.1,
            mv = self.minister.0,
            mn = self.minister.1,
            steps = steps.join(", "),
        )
    }

    /// The document's lines: the question, and the answer where there is one.
    fn lines(&self) -> Vec<String> {
        let asker = format!("{} {}", self.asker.0, self.asker.1).to_uppercase();
        let minister = format!("{} {}", self.minister.0, self.minister.1).to_uppercase();
        let mut l = vec![
            "SCHRIFTELIJKE VRAAG".to_string(),
            format!("nr. {} van {asker}", self.number),
            format!("datum: {}", dutch(self.asked)),
            format!("aan {minister}"),
            "VLAAMS MINISTER VAN WONEN".to_string(),
            String::new(),
            self.topic.clone(),
            String::new(),
            format!(
                "Hoeveel aanvragen kwamen er binnen over {}?",
                self.topic.to_lowercase()
            ),
            String::new(),
        ];
        if self.answered.is_some() {
            l.extend([
                minister.clone(),
                "VLAAMS MINISTER VAN WONEN".to_string(),
                String::new(),
                "ANTWOORD".to_string(),
                format!("op vraag nr. {} van {}", self.number, dutch(self.asked)),
                format!("van {asker}"),
                String::new(),
                "Er kwamen tweehonderd aanvragen binnen, verdeeld over de provincies.".to_string(),
            ]);
        }
        l
    }

    pub fn pdf(&self) -> Vec<u8> {
        pdf_of(&self.lines())
    }
}

/// A one-page PDF of these lines in Helvetica: the smallest file a PDF reader takes,
/// written here so that the stand-in serves PDFs of our own making.
pub fn pdf_of(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT /F1 11 Tf 14 TL 56 800 Td\n");
    for line in lines {
        let mut s = String::new();
        for c in line.chars() {
            match c {
                '(' | ')' | '\\' => {
                    s.push('\\');
                    s.push(c);
                }
                c if (c as u32) < 0x80 => s.push(c),
                c if (c as u32) <= 0xFF => s.push_str(&format!("\\{:03o}", c as u32)),
                _ => s.push('?'),
            }
        }
        content.push_str(&format!("({s}) Tj T*\n"));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// What the stand-in serves.
#[derive(Debug, Default)]
pub struct Service {
    pub items: Vec<Item>,
    /// The most results of one query (the real service's is 10,000).
    pub cap: usize,
    /// Faults to serve, by `list`, `record:ID` or `pdf:ID`, the first first.
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// Every request: its path and query.
    pub log: Vec<String>,
    /// Results that name no record, added to every first page.
    pub unnamed: usize,
    /// The `User-Agent` and `Accept-Encoding` of every listing request.
    pub clients: Vec<(String, String)>,
    base: String,
}

impl Service {
    pub fn new(items: Vec<Item>) -> Service {
        Service {
            items,
            cap: 10_000,
            ..Service::default()
        }
    }

    pub fn fault(&mut self, key: &str, fault: Fault) {
        self.faults
            .entry(key.to_string())
            .or_default()
            .push_back(fault);
    }

    fn take_fault(&mut self, key: &str) -> Option<Fault> {
        self.faults.get_mut(key).and_then(VecDeque::pop_front)
    }
}

type Shared = Arc<Mutex<Service>>;

pub struct StandIn {
    pub base: String,
    service: Shared,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

fn lock(s: &Shared) -> MutexGuard<'_, Service> {
    s.lock().unwrap_or_else(|e| e.into_inner())
}

impl StandIn {
    pub fn start(service: Service) -> StandIn {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let shared: Shared = Arc::new(Mutex::new(Service {
            base: base.clone(),
            ..service
        }));
        let app = Router::new()
            .route("/api/search/query/{*q}", get(search))
            .route("/e/opendata/schv/{id}", get(record))
            .route("/pfile", get(pfile))
            .with_state(Arc::clone(&shared));
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StandIn {
            base,
            service: shared,
            runtime: Some(runtime),
        }
    }

    /// Changes what is served.
    pub fn with<R>(&self, f: impl FnOnce(&mut Service) -> R) -> R {
        f(&mut lock(&self.service))
    }

    /// The requests so far.
    pub fn log(&self) -> Vec<String> {
        lock(&self.service).log.clone()
    }
}

fn answer(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// The answer, or the fault on cue in its place.
async fn served(fault: Option<Fault>, content_type: &'static str, body: Vec<u8>) -> Response {
    match fault {
        None => answer(StatusCode::OK, content_type, body),
        Some(Fault::Unavailable(after)) => {
            let mut r = answer(
                StatusCode::SERVICE_UNAVAILABLE,
                "text/plain",
                b"overbelast".to_vec(),
            );
            r.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_str(&after.to_string()).expect("header"),
            );
            r
        }
        Some(Fault::TooMany) => answer(StatusCode::TOO_MANY_REQUESTS, "text/plain", Vec::new()),
        Some(Fault::Hang(d)) => {
            tokio::time::sleep(d).await;
            answer(StatusCode::OK, content_type, body)
        }
        Some(Fault::Cut) => {
            let half = body.len() / 2;
            answer(StatusCode::OK, content_type, body[..half].to_vec())
        }
        Some(Fault::Html) => answer(
            StatusCode::OK,
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><body><h1>Onderhoud</h1></body></html>".to_vec(),
        ),
    }
}

fn log(s: &Shared, path: &str, raw: Option<&str>) {
    let line = match raw {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    lock(s).log.push(line);
}

/// The metatags of an item: some names repeated (`thema`), some missing or empty, as the
/// real service has them.
fn metatags(item: &Item, base: &str) -> Vec<serde_json::Value> {
    let tag = |name: &str, value: String| serde_json::json!({"name": name, "value": value});
    let mut tags = Vec::new();
    if !item.id.is_multiple_of(5) {
        tags.push(tag("nummer", item.number.to_string()));
    }
    tags.push(tag(
        "zittingsjaar",
        if item.id.is_multiple_of(7) {
            String::new()
        } else {
            item.session.clone()
        },
    ));
    for t in &item.themes {
        tags.push(tag("thema", t.clone()));
    }
    tags.push(tag("publicatiedatum", iso(item.published)));
    tags.push(tag(
        "opendata",
        format!("{base}/e/opendata/schv/{}", item.id),
    ));
    if item.document {
        tags.push(tag("document", format!("{base}/pfile?id={}", item.id)));
    }
    tags.push(tag("aggregaattype", "Schriftelijke vraag".into()));
    tags.push(tag("last_modified", item.last_modified.clone()));
    tags
}

async fn search(
    State(s): State<Shared>,
    Path(q): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    RawQuery(raw): RawQuery,
    headers: axum::http::HeaderMap,
) -> Response {
    log(&s, &format!("/api/search/query/{q}"), raw.as_deref());
    let text = |n: header::HeaderName| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let client = (text(header::USER_AGENT), text(header::ACCEPT_ENCODING));
    lock(&s).clients.push(client);
    let window = q
        .strip_prefix("inmeta:publicatiedatum:daterange:")
        .and_then(|w| w.split_once(".."));
    let Some((from, to)) = window else {
        return answer(StatusCode::BAD_REQUEST, "text/plain", b"query".to_vec());
    };
    let from = vraagbaak::parse::date::parse_iso(from);
    let to = vraagbaak::parse::date::parse_iso(to);
    let page: usize = params.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let max: usize = params
        .get("max")
        .and_then(|p| p.parse().ok())
        .unwrap_or(10)
        .min(100);
    let (fault, body) = {
        let mut service = lock(&s);
        let mut found: Vec<&Item> = service
            .items
            .iter()
            .filter(|i| {
                from.is_none_or(|f| i.published >= f) && to.is_none_or(|t| i.published <= t)
            })
            .collect();
        // Newest first, as `sort=date` gives them.
        found.sort_by(|a, b| b.published.cmp(&a.published).then(b.id.cmp(&a.id)));
        let count = found.len();
        let reachable = count.min(service.cap);
        let start = ((page.max(1) - 1) * max).min(reachable);
        let end = (start + max).min(reachable);
        let mut result: Vec<serde_json::Value> = found[start..end]
            .iter()
            .map(|i| {
                serde_json::json!({
                    "id": format!("http://be.vlp.feed/{}/pfls/{}", i.id, i.id + 1),
                    "date": iso(i.published), "title": i.topic,
                    "url": format!("{}/pfile?id={}", service.base, i.id),
                    "metatags": {"metatag": metatags(i, &service.base)},
                })
            })
            .collect();
        if page <= 1 {
            for _ in 0..service.unnamed {
                result.push(
                    serde_json::json!({"id": "http://be.vlp.feed/x/pfls/zonder", "metatags": {}}),
                );
            }
        }
        let body = serde_json::json!({
            "count": count, "firstindex": start + 1, "lastindex": end, "result": result,
        });
        (service.take_fault("list"), body.to_string().into_bytes())
    };
    served(fault, "application/json;charset=UTF-8", body).await
}

async fn record(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    log(&s, &format!("/e/opendata/schv/{id}"), None);
    let (fault, body) = {
        let mut service = lock(&s);
        let Some(item) = service.items.iter().find(|i| i.id.to_string() == id) else {
            return answer(StatusCode::NOT_FOUND, "text/plain", Vec::new());
        };
        let body = item.record().into_bytes();
        (service.take_fault(&format!("record:{id}")), body)
    };
    served(fault, "application/json;charset=UTF-8", body).await
}

async fn pfile(
    State(s): State<Shared>,
    Query(params): Query<HashMap<String, String>>,
    RawQuery(raw): RawQuery,
) -> Response {
    log(&s, "/pfile", raw.as_deref());
    let id = params.get("id").cloned().unwrap_or_default();
    let (fault, body) = {
        let mut service = lock(&s);
        let Some(item) = service
            .items
            .iter()
            .find(|i| i.id.to_string() == id && i.document)
        else {
            // The real site answers a missing file with an HTML page.
            return answer(
                StatusCode::OK,
                "text/html",
                b"<html><body>Niet gevonden</body></html>".to_vec(),
            );
        };
        let body = item.pdf();
        (service.take_fault(&format!("pdf:{id}")), body)
    };
    served(fault, "application/pdf", body).await
}

//! A load on a search server: N connections (keep-alive, one request in flight each)
//! send the benchmark queries round and round for T seconds; prints requests per second,
//! p50 and p99 latency and errors, as one JSON line.
//!
//! ```sh
//! cargo run --release --example load -- --target vraagbaak --base http://127.0.0.1:7257 \
//!     --queries ../shared/bench/queries.txt --connections 32 --seconds 10
//! ```
//!
//! `--close` opens a new connection for every request instead of keeping one alive.
//! `--target vraagbaak` asks `/api/search` (10 passages with snippets); `--target tantivy`
//! asks tantivy-cli's `/api/?q=...&nhits=10` with the query written as the peer script of
//! `../shared/bench/peers/tantivy_cli.py` writes it (every word required).

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Query {
    text: String,
    minister: String,
    from: String,
    to: String,
}

fn load_queries(path: &str) -> Vec<Query> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| {
            let mut f = l.split('\t').map(str::trim);
            let mut next = || f.next().unwrap_or("").to_string();
            Query {
                text: next(),
                minister: next(),
                from: next(),
                to: next(),
            }
        })
        .collect()
}

fn encode(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    s.finish()
}

/// Words and "phrases" of a benchmark query, each required, as tantivy's grammar takes it.
fn tantivy_query(q: &Query) -> String {
    let mut parts = Vec::new();
    let mut rest = q.text.as_str();
    while let Some(start) = rest.find('"') {
        for w in rest[..start].split_whitespace() {
            parts.push(word(w));
        }
        let after = &rest[start + 1..];
        let end = after.find('"').unwrap_or(after.len());
        let phrase = after[..end].trim();
        if !phrase.is_empty() {
            parts.push(format!("+\"{phrase}\""));
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    for w in rest.split_whitespace() {
        parts.push(word(w));
    }
    if !q.minister.is_empty() {
        parts.push(format!("+minister:\"{}\"", q.minister));
    }
    if !q.from.is_empty() || !q.to.is_empty() {
        let day = |d: &str| {
            if d.is_empty() {
                "*".to_string()
            } else {
                format!("{d}T00:00:00Z")
            }
        };
        parts.push(format!("+date:[{} TO {}]", day(&q.from), day(&q.to)));
    }
    parts.join(" ")
}

fn word(w: &str) -> String {
    if w.chars().all(char::is_alphanumeric) {
        format!("+{w}")
    } else {
        format!("+\"{}\"", w.replace('"', ""))
    }
}

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| default.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let target = arg(&args, "--target", "vraagbaak");
    let base = arg(&args, "--base", "http://127.0.0.1:7257");
    let queries = load_queries(&arg(&args, "--queries", "../shared/bench/queries.txt"));
    let connections: usize = arg(&args, "--connections", "32")
        .parse()
        .expect("--connections");
    let seconds: f64 = arg(&args, "--seconds", "10").parse().expect("--seconds");
    // A new connection for every request (a server that holds a thread per kept-alive
    // connection serves only as many connections as it has threads).
    let close = args.iter().any(|a| a == "--close");
    let idle = usize::from(!close);
    let urls: Vec<String> = queries
        .iter()
        .map(|q| match target.as_str() {
            "tantivy" => format!(
                "{base}/api/?{}",
                encode(&[("q", &tantivy_query(q)), ("nhits", "10")])
            ),
            _ => format!(
                "{base}/api/search?{}",
                encode(&[
                    ("q", &q.text),
                    ("minister", &q.minister),
                    ("from", &q.from),
                    ("to", &q.to),
                    ("limit", "10"),
                ])
            ),
        })
        .collect();
    let urls = Arc::new(urls);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (mut latencies, errors, bytes, took) = runtime.block_on(async move {
        // One warm-up pass over the queries.
        let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
        for u in urls.iter() {
            let _ = get(&client, u).await;
        }
        let deadline = Instant::now() + Duration::from_secs_f64(seconds);
        let started = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..connections {
            let urls = Arc::clone(&urls);
            tasks.push(tokio::spawn(async move {
                let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
                    .pool_max_idle_per_host(idle)
                    .build_http();
                let mut lat = Vec::new();
                let (mut errors, mut bytes) = (0usize, 0usize);
                let mut i = c * 7;
                while Instant::now() < deadline {
                    let u = &urls[i % urls.len()];
                    i += 1;
                    let t = Instant::now();
                    match get(&client, u).await {
                        Ok(n) => {
                            lat.push(t.elapsed().as_secs_f64() * 1000.0);
                            bytes += n;
                        }
                        Err(_) => errors += 1,
                    }
                }
                (lat, errors, bytes)
            }));
        }
        let mut all = Vec::new();
        let (mut errors, mut bytes) = (0, 0);
        for t in tasks {
            let (l, e, b) = t.await.expect("task");
            all.extend(l);
            errors += e;
            bytes += b;
        }
        (all, errors, bytes, started.elapsed().as_secs_f64())
    });
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if latencies.is_empty() {
            return 0.0;
        }
        let at = ((latencies.len() - 1) as f64 * p).round() as usize;
        latencies[at]
    };
    let n = latencies.len();
    println!(
        "{{\"target\":\"{target}\",\"connections\":{connections},\"keep_alive\":{},\"seconds\":{took:.2},\"requests\":{n},\"rps\":{:.1},\"p50_ms\":{:.2},\"p99_ms\":{:.2},\"errors\":{errors},\"mean_bytes\":{}}}",
        !close,
        n as f64 / took,
        pct(0.50),
        pct(0.99),
        bytes.checked_div(n).unwrap_or(0)
    );
}

/// One GET: the body's length, or an error (a failed request, a status not 200).
async fn get<C>(client: &Client<C, Empty<Bytes>>, url: &str) -> Result<usize, String>
where
    C: hyper_util::client::legacy::connect::Connect + Clone + Send + Sync + 'static,
{
    let uri: hyper::Uri = url.parse().map_err(|e| format!("{e}"))?;
    let resp = client.get(uri).await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    if status != 200 {
        return Err(format!("status {status}"));
    }
    Ok(body.len())
}

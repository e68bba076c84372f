//! `serve --sync 1h`: the server keeps its index current by itself. A thread runs the
//! same sync as `vraagbaak sync` on that interval (the first at start), then indexes the
//! corpus; the server serves the new commit as it serves any other. Every page's footer
//! says when the last sync ran and how it went.

use super::App;
use crate::indexing::IndexOptions;
use crate::sync::SyncOptions;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Keeping the served index current from the open-data service.
#[derive(Debug, Clone)]
pub struct ServeSync {
    /// The time between the start of one sync and the next.
    pub every: Duration,
    /// The sync (its corpus folder is the one indexed).
    pub sync: SyncOptions,
    /// How the corpus is indexed after it.
    pub index: IndexOptions,
}

/// How the last sync went, as the footer says it.
#[derive(Debug, Clone)]
pub(crate) struct Synced {
    /// When it ended (UTC, `2026-12-04 20:40`).
    pub at: String,
    pub ok: bool,
    /// What it did, or why it failed, in Dutch.
    pub summary: String,
}

fn now() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{} {:02}:{:02} UTC",
        crate::parse::date::iso(t.date()),
        t.hour(),
        t.minute()
    )
}

/// Runs syncs on `s.every` until `stop` is set; the index at `index` is written after
/// each.
pub(crate) fn spawn(app: Arc<App>, s: ServeSync, index: PathBuf, stop: Arc<AtomicBool>) {
    let _ = std::thread::Builder::new()
        .name("vraagbaak-sync".into())
        .spawn(move || {
            loop {
                let started = Instant::now();
                let mut opts = s.sync.clone();
                opts.today = time::OffsetDateTime::now_utc().date();
                let mut index_opts = s.index.clone();
                index_opts.cancel = Some(Arc::clone(&stop));
                let done = crate::sync::sync(&opts, Arc::clone(&stop), &crate::sync::Quiet)
                    .and_then(|r| {
                        let i = crate::indexing::index_paths(
                            &index,
                            std::slice::from_ref(&opts.corpus),
                            &index_opts,
                        )?;
                        Ok((r, i))
                    });
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let synced = match done {
                    Ok((r, _)) => Synced {
                        at: now(),
                        ok: r.failed.is_empty(),
                        summary: format!(
                            "{} nieuw, {} gewijzigd, {} documenten opgehaald, {} nog open{}",
                            r.new,
                            r.changed,
                            r.documents_fetched,
                            r.still_open,
                            if r.failed.is_empty() {
                                String::new()
                            } else {
                                format!("; {} mislukt (volgende keer opnieuw)", r.failed.len())
                            }
                        ),
                    },
                    Err(e) => {
                        app.log(&format!("sync: {e}"));
                        Synced {
                            at: now(),
                            ok: false,
                            summary: format!("mislukt: {e}"),
                        }
                    }
                };
                if let Ok(mut last) = app.synced.lock() {
                    *last = Some(synced);
                }
                // Until the next, unless stopped.
                while started.elapsed() < s.every {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        });
}

/// The footer line of a server that syncs.
fn footer_line(app: &App) -> Option<maud::Markup> {
    let every = app.sync_every?;
    let last = app.synced.lock().ok().and_then(|l| l.clone());
    let every = humantime::format_duration(every).to_string();
    Some(match last {
        None => maud::html! {
            "Bijwerken uit het Vlaams Parlement is bezig (elke " (every) ")."
        },
        Some(s) => maud::html! {
            "Laatst bijgewerkt uit het Vlaams Parlement: " (s.at)
            @if s.ok { " · " } @else { " · " strong { "let op: " } }
            (s.summary) " · elke " (every) "."
        },
    })
}

/// Adds the sync's footer to every page of a server that syncs.
pub(crate) async fn footer(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let Some(line) = footer_line(&app) else {
        return response;
    };
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 16 << 20).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let text = String::from_utf8_lossy(&bytes);
    let footer = format!(
        "<footer class=\"site\">{}</footer></body>",
        line.into_string()
    );
    let text = text.replacen("</body>", &footer, 1);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(text))
}

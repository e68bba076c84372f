//! The JSON API: the bodies of `search --json`, `show --json`, `stats --json` and
//! `similar --json`, from the same library calls.

use super::{App, failure, params, with_session};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

/// How many questions `/api/similar` gives unless told, as `similar` does.
const SIMILAR: usize = 10;

fn json(body: &impl Serialize) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => {
            let mut r = text.into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(e) => failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("the answer cannot be written as JSON ({e})"),
            true,
        ),
    }
}

fn bad(message: &str) -> Response {
    failure(StatusCode::BAD_REQUEST, message, true)
}

/// `GET /api/search?q=...`: as `search --json` with the same settings.
pub(crate) async fn search(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let p = match params::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return bad(&e),
    };
    if p.q.is_none() && !p.filtered() {
        return bad("`q`: give a word to search for, or a filter (`minister`, `theme`, ...)");
    }
    // Without a word: every question the filters let through, newest first.
    let req = p.request(p.q.as_deref().unwrap_or(""));
    match with_session(&app, true, move |s| s.search(&req)).await {
        Ok(found) => json(&found),
        Err(r) => r,
    }
}

/// `GET /api/q/{doc_id}`: as `show --json`.
pub(crate) async fn question(
    State(app): State<Arc<App>>,
    Path(doc_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    if raw.is_some_and(|r| !r.is_empty()) {
        return bad("`/api/q/ID` takes no parameters");
    }
    match with_session(&app, true, move |s| s.show(&doc_id)).await {
        Ok(shown) => json(&shown),
        Err(r) => r,
    }
}

/// `GET /api/stats?minister=...&top=N`: as `stats --json` with the same filters.
pub(crate) async fn stats(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let p = match params::parse_stats(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return bad(&e),
    };
    match with_session(&app, true, move |s| s.stats(p.top, &p.filters)).await {
        Ok(stats) => json(&stats),
        Err(r) => r,
    }
}

/// `GET /api/similar/{doc_id}?limit=N`: as `similar --json`.
pub(crate) async fn similar(
    State(app): State<Arc<App>>,
    Path(doc_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let limit = match one_number(raw.as_deref(), "limit", SIMILAR, params::MAX_LIMIT) {
        Ok(n) => n,
        Err(e) => return bad(&e),
    };
    match with_session(&app, true, move |s| s.similar(&doc_id, limit)).await {
        Ok(found) => json(&found),
        Err(r) => r,
    }
}

/// The one number parameter `name` a route takes (from 1 to `most`), else `default`.
fn one_number(raw: Option<&str>, name: &str, default: usize, most: usize) -> Result<usize, String> {
    let mut value = default;
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if k != name {
            return Err(format!(
                "unknown parameter `{}`; known: {name}",
                k.chars().take(40).collect::<String>()
            ));
        }
        value = match v.trim().parse::<usize>() {
            Ok(n) if (1..=most).contains(&n) => n,
            _ => {
                return Err(format!(
                    "`{name}`: `{}` is not a whole number from 1 to {most}",
                    v.chars().take(40).collect::<String>()
                ));
            }
        };
    }
    Ok(value)
}

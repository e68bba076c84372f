//! `GET /feed.atom?...`: the newest questions a search matches as an Atom feed (RFC
//! 4287), one entry per question. A feed reader that follows it is an alert on the
//! search: each new question that matches is a new entry, under an id that stays.

use super::{App, failure, params, with_session};
use atom_syndication::{
    Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, TextType,
};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Entries in a feed unless `limit` says otherwise.
const ENTRIES: usize = 20;
/// The prefix of every id (a tag URI, RFC 4151): ids do not change with the address.
const TAG: &str = "tag:vraagbaak,2026:";

/// The id of a question's entry, the same in every feed and on every run.
pub(crate) fn entry_id(doc_id: &str) -> String {
    format!("{TAG}q/{}", params::segment(doc_id))
}

fn day(date: Option<&str>) -> FixedDateTime {
    let stamp = format!("{}T00:00:00Z", date.unwrap_or("1970-01-01"));
    FixedDateTime::parse_from_rfc3339(&stamp).unwrap_or_default()
}

pub(crate) async fn feed(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let bad = |m: &str| failure(StatusCode::BAD_REQUEST, m, false);
    let p = match params::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return bad(&e),
    };
    if p.q.is_none() && !p.filtered() {
        return bad(
            "`q`: give a word to search for, or a filter (`minister`, `theme`, ...); the feed follows that search",
        );
    }
    // Without a word: every new question the filters let through.
    let q = p.q.clone().unwrap_or_default();
    if p.offset.is_some() || p.questions || p.per_question.is_some() || p.facets {
        return bad(
            "a feed takes the search and its filters, `limit` and `exact`; not `offset`, `questions`, `per_question` or `facets`",
        );
    }
    // A reader that has the feed of the last commit gets a 304 and nothing else: feed
    // readers poll often.
    let base = app.base(&headers);
    let (tag, modified) = validators(&app, raw.as_deref().unwrap_or(""), &base);
    if fresh(&headers, &tag, modified) {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        set_validators(&mut r, &tag, modified);
        return r;
    }
    let mut req = p.request(&q);
    req.questions = true;
    req.sort = crate::search::Sort::Newest;
    req.limit = p.limit.unwrap_or(ENTRIES);
    req.offset = 0;
    let found = match with_session(&app, false, move |s| s.search(&req)).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let page = params::Params {
        sort: crate::search::Sort::Newest,
        ..p.clone()
    };
    let entries: Vec<Entry> = found
        .hits
        .iter()
        .map(|hit| {
            let m = &hit.meta;
            let mut e = Entry::default();
            e.set_id(entry_id(&m.doc_id));
            let topic = m.topic.as_deref().unwrap_or("(geen titel)");
            e.set_title(Text::plain(match m.number {
                Some(n) => format!("Vraag nr. {n}: {topic}"),
                None => topic.to_string(),
            }));
            e.set_updated(day(m.date.as_deref()));
            e.set_published(m.date.as_deref().map(|d| day(Some(d))));
            e.set_links(vec![Link {
                href: format!("{base}/q/{}", params::segment(&m.doc_id)),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            }]);
            if let Some(asker) = &m.asker {
                e.set_authors(vec![Person {
                    name: asker.clone(),
                    ..Person::default()
                }]);
            }
            if let Some(minister) = &m.minister {
                e.set_categories(vec![Category {
                    term: minister.clone(),
                    label: Some(format!("minister {minister}")),
                    ..Category::default()
                }]);
            }
            e.set_summary(Some(Text {
                value: hit.snippet.clone(),
                r#type: TextType::Html,
                ..Text::default()
            }));
            e
        })
        .collect();
    let mut feed = Feed::default();
    let filters: Vec<String> = p
        .filters
        .pairs()
        .into_iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect();
    let (title, subtitle) = if q.is_empty() {
        (
            format!("vraagbaak: {}", filters.join(", ")),
            format!("De nieuwste schriftelijke vragen ({})", filters.join(", ")),
        )
    } else {
        (
            format!("vraagbaak: {q}"),
            format!(
                "De nieuwste schriftelijke vragen voor `{q}`{}",
                if p.filtered() { ", gefilterd" } else { "" }
            ),
        )
    };
    feed.set_title(Text::plain(title));
    feed.set_subtitle(Some(Text::plain(subtitle)));
    feed.set_id(format!("{TAG}feed?{}", page.query_string()));
    feed.set_updated(
        entries
            .iter()
            .map(|e| *e.updated())
            .max()
            .unwrap_or_else(|| day(None)),
    );
    feed.set_authors(vec![Person {
        name: "vraagbaak".into(),
        ..Person::default()
    }]);
    feed.set_generator(Some(Generator {
        value: "vraagbaak".into(),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        ..Generator::default()
    }));
    feed.set_lang(Some("nl".to_string()));
    feed.set_links(vec![
        Link {
            href: format!("{base}{}", p.link("/feed.atom")),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        },
        Link {
            href: format!("{base}{}", page.link("/")),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Link::default()
        },
    ]);
    feed.set_entries(entries);
    let mut r = feed.to_string().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    set_validators(&mut r, &tag, modified);
    r
}

/// The feed's validators: an entity tag of the commit served (its segments), the request
/// and the address links start at; and when the index was last committed.
fn validators(app: &App, query: &str, base: &str) -> (String, Option<std::time::SystemTime>) {
    let session = app.views.current();
    let mut key = String::new();
    for segment in session.searcher().segment_readers() {
        key.push_str(&segment.segment_id().uuid_string());
        key.push_str(&format!(":{};", segment.num_deleted_docs()));
    }
    key.push('|');
    key.push_str(query);
    key.push('|');
    key.push_str(base);
    let tag = format!("\"{:016x}\"", crate::source::fnv1a(key.as_bytes()));
    let modified = std::fs::metadata(session.store.path().join("meta.json"))
        .and_then(|m| m.modified())
        .ok();
    (tag, modified)
}

/// Whether the reader's copy is the current one: `If-None-Match` names the tag, or,
/// without it, `If-Modified-Since` is not before the last commit.
fn fresh(headers: &HeaderMap, tag: &str, modified: Option<std::time::SystemTime>) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(tags) = text(header::IF_NONE_MATCH) {
        return tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == tag || t == "*");
    }
    match (text(header::IF_MODIFIED_SINCE), modified) {
        (Some(since), Some(modified)) => httpdate::parse_http_date(since).is_ok_and(|since| {
            // HTTP dates have whole seconds.
            modified
                .duration_since(since)
                .map_or(true, |later| later < std::time::Duration::from_secs(1))
        }),
        _ => false,
    }
}

fn set_validators(r: &mut Response, tag: &str, modified: Option<std::time::SystemTime>) {
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, v);
    }
    if let Some(m) = modified
        && let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(m))
    {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
}

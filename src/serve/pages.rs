//! The HTML pages, rendered on the server (maud escapes every text it is given; the
//! snippets come escaped from [`crate::search::snippet_html`]). No script: forms and
//! links carry every choice in the URL, so a link reproduces the page.

use super::params::{self, Params, stats_link};
use super::{App, failure, run_on_session, with_session};
use crate::lookup::{Shown, Similar};
use crate::model::{Part, Passage, QuestionMeta, Status};
use crate::search::{Answered, Facet, FacetValue, Filters, Hit, SearchResults, Sort};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Questions on a page unless `limit` says otherwise.
const PER_PAGE: usize = 10;
/// Passages shown of each question unless `per_question` says otherwise.
const PASSAGES: usize = 3;
/// Similar questions on a question page.
const SIMILAR: usize = 5;

/// `2022-12-09` as `9 december 2022` (as given when it is no date).
pub(super) fn dutch_date(iso: &str) -> String {
    crate::parse::date::parse_iso(iso).map_or_else(|| iso.to_string(), crate::parse::date::written)
}

pub(super) fn layout(title: &str, head: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                link rel="stylesheet" href="/style.css";
                (head)
            }
            body {
                header.top {
                    a.brand href="/" { "vraagbaak" }
                    span.tagline { "schriftelijke vragen en antwoorden van het Vlaams Parlement" }
                    nav.site aria-label="Site" {
                        a href="/" { "Zoeken" }
                        a href="/stats" { "Statistieken" }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// A page for a refusal or failure.
pub(crate) fn error_page(status: StatusCode, message: &str) -> Html<String> {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    Html(
        layout(
            &title,
            html! {},
            html! {
                h1 { (title) }
                p.error role="alert" { (message) }
                p { a href="/" { "Naar de zoekpagina" } }
            },
        )
        .into_string(),
    )
}

/// `text` with the byte ranges `marks` in `<mark>` (ranges that do not fall on
/// characters are left unmarked).
fn marked(text: &str, marks: &[Range<usize>]) -> Markup {
    let mut at = 0;
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    for r in marks {
        if r.start < at || text.get(at..r.start).is_none() || text.get(r.clone()).is_none() {
            continue;
        }
        pieces.push((false, &text[at..r.start]));
        pieces.push((true, &text[r.clone()]));
        at = r.end;
    }
    pieces.push((false, text.get(at..).unwrap_or("")));
    html! {
        @for (mark, piece) in pieces {
            @if mark { mark { (piece) } } @else { (piece) }
        }
    }
}

pub(super) fn question_link(doc_id: &str) -> String {
    format!("/q/{}", params::segment(doc_id))
}

fn who(m: &QuestionMeta) -> Markup {
    html! {
        @if let Some(n) = m.number { "Vraag nr. " (n) }
        @if let Some(d) = &m.date { " · " time datetime=(d) { (dutch_date(d)) } }
        @if let Some(a) = &m.asker { " · " span.asker { (a) } }
        @if let Some(mi) = &m.minister { " aan " span.minister { (mi) } }
        @if let Some(d) = m.days_to_answer { " · beantwoord na " (d) (if d == 1 { " dag" } else { " dagen" }) }
        @if m.timely == Some(false) { " (laattijdig)" }
        @if m.status == Some(crate::model::Status::Open) {
            " · nog niet beantwoord"
            @if let Some(d) = m.days_open { " (" (d) (if d == 1 { " dag" } else { " dagen" }) ")" }
        }
        @if m.ocr { " · " abbr title="tekst herkend uit een scan" { "OCR" } }
    }
}

fn part_label(part: Part, label: Option<&str>, page: Option<u32>) -> String {
    let mut s = match part {
        Part::Question => "vraag".to_string(),
        Part::Answer => "antwoord".to_string(),
    };
    if let Some(l) = label {
        s.push(' ');
        s.push_str(l);
    }
    if let Some(p) = page {
        s.push_str(&format!(" · p. {p}"));
    }
    s
}

/// The search form, filled in with `p`.
/// The fields of the filters the search and the statistics share.
pub(super) fn filter_fields(f: &Filters) -> Markup {
    let date = |d: Option<time::Date>| d.map(crate::parse::date::iso).unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    html! {
        div { label for="minister" { "Minister" }
            input #minister name="minister" value=(text(&f.minister)); }
        div { label for="asker" { "Vraagsteller" }
            input #asker name="asker" value=(text(&f.asker)); }
        div { label for="from" { "Vanaf" }
            input #from type="date" name="from" value=(date(f.from)); }
        div { label for="to" { "Tot en met" }
            input #to type="date" name="to" value=(date(f.to)); }
        div { label for="topic" { "Woorden in de titel" }
            input #topic name="topic" value=(text(&f.topic)); }
        div { label for="theme" { "Thema" }
            input #theme name="theme" value=(text(&f.theme)); }
        div { label for="session" { "Zittingsjaar" }
            input #session name="session" value=(text(&f.session)) placeholder="2022-2023"; }
        div { label for="answered" { "Beantwoord" }
            select #answered name="answered" {
                option value="" selected[f.answered.is_none()] { "tijdig of laat" }
                option value="in-time" selected[f.answered == Some(Answered::InTime)] { "tijdig" }
                option value="late" selected[f.answered == Some(Answered::Late)] { "laattijdig" }
            }
        }
        div { label for="status" { "Stand" }
            select #status name="status" {
                option value="" selected[f.status.is_none()] { "open of beantwoord" }
                option value="open" selected[f.status == Some(Status::Open)] { "nog niet beantwoord" }
                option value="answered" selected[f.status == Some(Status::Answered)] { "beantwoord" }
            }
        }
    }
}

fn form(p: &Params) -> Markup {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let sorts = [
        (Sort::Relevance, "relevance", "relevantie"),
        (Sort::Newest, "newest", "nieuwste eerst"),
        (Sort::Oldest, "oldest", "oudste eerst"),
    ];
    html! {
        form.search method="get" action="/" role="search" {
            div.query {
                label for="q" { "Zoek in vragen en antwoorden" }
                input #q type="search" name="q" value=(text(&p.q)) maxlength=(params::MAX_QUERY)
                    placeholder="bv. beroepsgeheim";
                button type="submit" { "Zoeken" }
            }
            details.filters open[p.filtered() || p.sort != Sort::Relevance] {
                summary { "Filters en volgorde" }
                div.grid {
                    (filter_fields(&p.filters))
                    div { label for="part" { "Deel" }
                        select #part name="part" {
                            option value="" selected[p.filters.part.is_none()] { "vraag en antwoord" }
                            option value="question" selected[p.filters.part == Some(Part::Question)] { "alleen de vraag" }
                            option value="answer" selected[p.filters.part == Some(Part::Answer)] { "alleen het antwoord" }
                        }
                    }
                    div { label for="sort" { "Volgorde" }
                        select #sort name="sort" {
                            @for (s, value, name) in sorts {
                                option value=(value) selected[p.sort == s] { (name) }
                            }
                        }
                    }
                    div.check {
                        input #exact type="checkbox" name="exact" value="true" checked[p.exact];
                        label for="exact" { "precies zoals getypt" }
                    }
                }
            }
        }
    }
}

/// `GET /`: the search form, and with `q` the questions found, grouped, with facets.
pub(crate) async fn search(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let p = match params::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return form_with_error(&Params::default(), StatusCode::BAD_REQUEST, &e),
    };
    // A word, or filters alone: the list of what they let through.
    let q = match p.q.clone() {
        Some(q) => Some(q),
        None if p.filtered() => Some(String::new()),
        None => None,
    };
    let Some(q) = q else {
        // Neither a word nor a filter: the form, and the newest questions under it.
        // Always the same request (the newest first): what the cache holds.
        let req = crate::search::SearchRequest {
            limit: PER_PAGE,
            ..crate::search::SearchRequest::new("")
        };
        let kept = Arc::clone(&app);
        let newest = run_on_session(&app, move |s| kept.newest(s, &req)).await;
        let body = html! {
            h1 { "Zoeken in de schriftelijke vragen" }
            (form(&p))
            p.hint { "Woorden vinden ook hun vervoegingen en samenstellingen; "
                code { "\"exacte woordgroep\"" } ", " code { "-woord" } " sluit uit, "
                code { "OR" } " en " code { "voorvoeg*" } " werken ook." }
            @if let Ok(found) = &newest {
                @if !found.hits.is_empty() {
                    section.hits.newest aria-label="De nieuwste vragen" {
                        h2 { "De nieuwste vragen" }
                        @for hit in &found.hits { (question_hit(hit, None)) }
                    }
                }
            }
        };
        return Html(layout("vraagbaak", html! {}, body).into_string()).into_response();
    };
    let per_page = p.limit.unwrap_or(PER_PAGE);
    // A list without a word shows each question by its opening passage alone.
    let per_question = if q.is_empty() {
        1
    } else {
        p.per_question.unwrap_or(PASSAGES)
    };
    let mut req = p.request(&q);
    req.questions = true;
    req.per_question = None;
    req.facets = true;
    // One more than the page: whether a next page holds anything (copies of a question
    // put to several ministers are counted apart but shown once).
    req.limit = per_page + 1;
    let found = run_on_session(&app, move |s| {
        let mut found = s.search(&req)?;
        let more_pages = found.hits.len() > per_page;
        found.hits.truncate(per_page);
        // The other best passages of the questions on the page that have more.
        let ids: Vec<String> = found
            .hits
            .iter()
            .filter(|h| h.matching_passages.unwrap_or(1) > 1)
            .map(|h| h.meta.doc_id.clone())
            .collect();
        let mut more: HashMap<String, Vec<Hit>> = HashMap::new();
        if !ids.is_empty() && per_question > 1 {
            let mut within = req.clone();
            within.questions = false;
            within.facets = false;
            within.offset = 0;
            within.sort = Sort::Relevance;
            within.per_question = Some(per_question);
            within.limit = ids.len() * per_question;
            within.filters.doc_ids = ids;
            let passages = s.search(&within)?;
            found.took_ms += passages.took_ms;
            // Passages with nothing of their own marked (found through the title) are
            // not shown as more: the question stands by its opening passage.
            for hit in passages
                .hits
                .into_iter()
                .filter(|h| !h.highlights.is_empty())
            {
                more.entry(hit.meta.doc_id.clone()).or_default().push(hit);
            }
        }
        Ok((found, more, more_pages))
    })
    .await;
    match found {
        Ok((found, more, more_pages)) => {
            let page = results_page(&p, &q, &found, &more, per_page, more_pages);
            Html(page.into_string()).into_response()
        }
        Err((status, message)) => form_with_error(&p, status, &message),
    }
}

/// The search form as it was filled in, with what is wrong with it.
fn form_with_error(p: &Params, status: StatusCode, message: &str) -> Response {
    let body = html! {
        (form(p))
        p.error role="alert" { (message) }
    };
    (
        status,
        Html(layout("vraagbaak", html! {}, body).into_string()),
    )
        .into_response()
}

fn results_page(
    p: &Params,
    q: &str,
    found: &SearchResults,
    more: &HashMap<String, Vec<Hit>>,
    per_page: usize,
    more_pages: bool,
) -> Markup {
    let questions = found.total_questions.unwrap_or(found.hits.len());
    let offset = p.offset.unwrap_or(0);
    let feed = Params {
        offset: None,
        sort: Sort::Relevance,
        questions: false,
        per_question: None,
        facets: false,
        ..p.clone()
    }
    .link("/feed.atom");
    let head = html! {
        link rel="alternate" type="application/atom+xml" title=(format!("vraagbaak: {q}").trim_end_matches([':', ' '])) href=(feed);
    };
    let body = html! {
        (form(p))
        @for n in &found.notices { p.notice role="status" { (n.dutch()) } }
        p.count {
            strong { (questions) " " (if questions == 1 { "vraag" } else { "vragen" }) }
            " (" (found.total) " " (if found.total == 1 { "passage" } else { "passages" }) ")"
            " · " (format!("{:.1}", found.took_ms)) " ms"
            " · " a.feed href=(feed) { "volg deze zoekopdracht (Atom)" }
            @if p.filtered() {
                " · " a.stats href=(stats_link(&p.filters)) { "statistieken van deze filters" }
            }
        }
        div.results {
            section.hits aria-label="Gevonden vragen" {
                @for hit in &found.hits { (question_hit(hit, more.get(&hit.meta.doc_id))) }
                @if found.hits.is_empty() { p { "Geen vragen gevonden." } }
                (pager(p, offset, per_page, more_pages, found.total_questions))
            }
            @if let Some(f) = &found.facets {
                aside.facets aria-label="Verfijnen" {
                    (facet(p, "Ministers", &f.minister, Facetted::Minister))
                    (facet(p, "Jaren", &f.year, Facetted::Year))
                    (facet(p, "Vraagstellers", &f.asker, Facetted::Asker))
                    (facet(p, "Thema's", &f.themes, Facetted::Theme))
                }
            }
        }
    };
    let what = if q.is_empty() {
        p.filters
            .pairs()
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        q.to_string()
    };
    layout(&format!("{what} · vraagbaak"), head, body)
}

fn question_hit(hit: &Hit, more: Option<&Vec<Hit>>) -> Markup {
    let m = &hit.meta;
    let passages: Vec<&Hit> = match more {
        Some(list) if !list.is_empty() => list.iter().collect(),
        _ => vec![hit],
    };
    let matching = hit.matching_passages.unwrap_or(1) as usize;
    html! {
        article.hit {
            h2 {
                a href=(question_link(&m.doc_id)) {
                    @match &m.topic {
                        Some(t) => (marked(t, &hit.topic_highlights)),
                        None => "(geen titel)",
                    }
                }
            }
            p.meta { (who(m)) }
            @for h in &passages {
                div.passage {
                    p.label { (part_label(h.part, h.label.as_deref(), h.page)) }
                    p.snippet { (PreEscaped(&h.snippet)) }
                }
            }
            @if matching > passages.len() {
                p.more { a href=(question_link(&m.doc_id)) {
                    (matching) " passages komen overeen; de hele vraag" } }
            }
            @if !hit.also_answered_by.is_empty() {
                p.copies { "Ook gesteld aan "
                    @for (i, c) in hit.also_answered_by.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(question_link(&c.doc_id)) { (c.minister.as_deref().unwrap_or("een andere minister")) }
                    }
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Facetted {
    Minister,
    Year,
    Asker,
    Theme,
}

fn facet(p: &Params, title: &str, f: &Facet, which: Facetted) -> Markup {
    let base = Params {
        offset: None,
        ..p.clone()
    };
    let choose = |v: &FacetValue| -> (String, bool) {
        let mut next = base.clone();
        let active = match (which, v) {
            (Facetted::Minister, FacetValue::Name(n)) => {
                let on = p.filters.minister.as_deref() == Some(n);
                next.filters.minister = (!on).then(|| n.clone());
                on
            }
            (Facetted::Asker, FacetValue::Name(n)) => {
                let on = p.filters.asker.as_deref() == Some(n);
                next.filters.asker = (!on).then(|| n.clone());
                on
            }
            (Facetted::Theme, FacetValue::Name(n)) => {
                let on = p.filters.theme.as_deref() == Some(n);
                next.filters.theme = (!on).then(|| n.clone());
                on
            }
            (Facetted::Year, FacetValue::Year(y)) => {
                let from = time::Date::from_calendar_date(*y as i32, time::Month::January, 1).ok();
                let to = time::Date::from_calendar_date(*y as i32, time::Month::December, 31).ok();
                let on = p.filters.from == from && p.filters.to == to;
                (next.filters.from, next.filters.to) = if on { (None, None) } else { (from, to) };
                on
            }
            _ => false,
        };
        (next.link("/"), active)
    };
    html! {
        @if !f.values.is_empty() {
            section.facet {
                h2 { (title) }
                ul {
                    @for c in &f.values {
                        @let (href, active) = choose(&c.value);
                        li.active[active] {
                            a href=(href) title=(if active { "filter weghalen" } else { "filter toevoegen" }) {
                                (c.value.to_string())
                            }
                            " " span.n { (c.count) }
                        }
                    }
                }
            }
        }
    }
}

/// Links to the pages before and after, and which page of how many this is (the
/// questions are counted as they are shown: a joint question once).
fn pager(
    p: &Params,
    offset: usize,
    per_page: usize,
    more_pages: bool,
    questions: Option<usize>,
) -> Markup {
    let page = offset / per_page.max(1) + 1;
    let pages = questions.map(|n| n.div_ceil(per_page.max(1)).max(page));
    html! {
        @if offset > 0 || more_pages {
            nav.pager aria-label="Pagina's" {
                @if offset > 0 {
                    a rel="prev" href=(p.at(offset.saturating_sub(per_page)).link("/")) { "← vorige" }
                }
                span { "pagina " (page) @if let Some(m) = pages { " van " (m) } }
                @if more_pages {
                    a rel="next" href=(p.at(offset + per_page).link("/")) { "volgende →" }
                }
            }
        }
    }
}

/// `GET /q/{doc_id}`: the whole question, each sub-question beside its answer, the
/// copies put to other ministers and similar questions.
pub(crate) async fn question(
    State(app): State<Arc<App>>,
    Path(doc_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    if raw.is_some_and(|r| !r.is_empty()) {
        return failure(
            StatusCode::BAD_REQUEST,
            "a question page takes no parameters",
            false,
        );
    }
    let found = with_session(&app, false, move |s| {
        let shown = s.show(&doc_id)?;
        let similar = s.similar(&doc_id, SIMILAR).ok();
        Ok((shown, similar))
    })
    .await;
    match found {
        Ok((shown, similar)) => {
            Html(question_page(&shown, similar.as_ref()).into_string()).into_response()
        }
        Err(r) => r,
    }
}

fn passage_block(p: &Passage) -> Markup {
    html! {
        div.passage {
            p.label { (part_label(p.part, p.label.as_deref(), p.page)) }
            @for para in p.text.split('\n') { p { (para) } }
        }
    }
}

fn question_page(shown: &Shown, similar: Option<&Similar>) -> Markup {
    let q = &shown.question;
    let m = &q.meta;
    let title = m.topic.as_deref().unwrap_or("(geen titel)");
    let link = question_link(&m.doc_id);
    let head = html! { link rel="canonical" href=(link); };
    let body = html! {
        article.question {
            h1 { (title) }
            dl.fields {
                @if let Some(n) = m.number { dt { "Nummer" } dd { (n) } }
                @if let Some(d) = &m.date { dt { "Datum" } dd { time datetime=(d) { (dutch_date(d)) } } }
                @if let Some(a) = &m.asker { dt { "Vraagsteller" } dd { (a) } }
                @if let Some(mi) = &m.minister { dt { "Minister" } dd { (mi) } }
                @if let Some(po) = &m.portfolio { dt { "Bevoegdheid" } dd { (po) } }
                @if !m.themes.is_empty() { dt { "Thema's" } dd { (m.themes.join("; ")) } }
                @if let Some(se) = &m.session { dt { "Zittingsjaar" } dd { (se) } }
                @if let Some(a) = &m.answered_on { dt { "Beantwoord" } dd {
                    time datetime=(a) { (dutch_date(a)) }
                    @if let Some(d) = m.days_to_answer { ", na " (d) (if d == 1 { " dag" } else { " dagen" }) }
                    @match m.timely { Some(true) => " (tijdig)", Some(false) => " (laattijdig)", None => "" }
                } }
                @if let Some(u) = &m.source_url { dt { "Bron" } dd {
                    // Only a web address is a link (never `javascript:`).
                    @if u.starts_with("https://") || u.starts_with("http://") {
                        a href=(u) rel="noreferrer" { (u) }
                    } @else { (u) }
                } }
                dt { "Bestand" } dd { code { (m.path) } }
                dt { "Id" } dd { code { (m.doc_id) } }
                @if m.ocr { dt { "Tekst" } dd { "herkend uit een scan (OCR)" } }
                dt { "Permalink" } dd { a href=(link) { (link) } }
            }
            @if q.answer.is_none() { p.notice { "Dit bestand bevat (nog) geen antwoord." } }
            section.pairs aria-label="Vraag en antwoord" {
                div.pair.head { h2 { "Vraag" } h2 { "Antwoord" } }
                @for pair in crate::parse::pairs(&q.passages) {
                    div.pair {
                        div.left { @for p in pair.questions { (passage_block(p)) } }
                        div.right { @for p in pair.answers { (passage_block(p)) } }
                    }
                }
            }
            @if !shown.linked.is_empty() {
                section.linked {
                    h2 { "Ook gesteld aan" }
                    ul { @for c in &shown.linked {
                        li { a href=(question_link(&c.doc_id)) {
                            (c.minister.as_deref().unwrap_or("een andere minister")) }
                            @if let Some(n) = c.number { " (vraag nr. " (n) ")" } }
                    } }
                }
            }
            @if let Some(s) = similar.filter(|s| !s.hits.is_empty()) {
                section.similar {
                    h2 { "Gelijkaardige vragen" }
                    ul { @for h in &s.hits {
                        li { a href=(question_link(&h.meta.doc_id)) {
                                (h.meta.topic.as_deref().unwrap_or("(geen titel)")) }
                             br; span.meta { (who(&h.meta)) } }
                    } }
                }
            }
        }
    };
    layout(&format!("{title} · vraagbaak"), head, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_fall_on_characters_or_not_at_all() {
        let m = marked("één <b> twee", &[0..5, 1..2, 10..14, 40..41]).into_string();
        assert_eq!(m, "<mark>één</mark> &lt;b&gt; <mark>twee</mark>");
    }

    #[test]
    fn dates_read_in_dutch() {
        assert_eq!(dutch_date("2022-12-09"), "9 december 2022");
        assert_eq!(dutch_date("2022-13-09"), "2022-13-09");
    }
}

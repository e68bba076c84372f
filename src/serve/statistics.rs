//! `GET /stats`: the statistics of the questions the filters in the URL let through, as
//! charts (SVG drawn on the server, see [`super::charts`]) each with its numbers in a
//! table beside it. No script: the form sends the filters in the URL.

use super::charts;
use super::pages::{filter_fields, layout, question_link};
use super::params::{self, StatsParams};
use super::{App, run_on_session};
use crate::lookup::{Stats, Table};
use crate::search::Filters;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use std::sync::Arc;

/// `GET /stats?minister=...`: the figures, charts and tables.
pub(crate) async fn stats(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let p = match params::parse_stats(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return with_error(&Filters::default(), StatusCode::BAD_REQUEST, &e),
    };
    let (filters, top) = (p.filters.clone(), p.top);
    match run_on_session(&app, move |s| s.stats(top, &filters)).await {
        Ok(stats) => Html(page(&p, &stats).into_string()).into_response(),
        Err((status, message)) => with_error(&p.filters, status, &message),
    }
}

/// The form as it was filled in, with what is wrong.
fn with_error(filters: &Filters, status: StatusCode, message: &str) -> Response {
    let body = html! {
        h1 { "Statistieken" }
        (form(filters))
        p.error role="alert" { (message) }
    };
    (
        status,
        Html(layout("Statistieken · vraagbaak", html! {}, body).into_string()),
    )
        .into_response()
}

fn form(filters: &Filters) -> Markup {
    html! {
        form.search method="get" action="/stats" aria-label="Filters van de statistieken" {
            details.filters open[!filters.is_empty()] {
                summary { "Filters" }
                div.grid {
                    (filter_fields(filters))
                }
                p { button type="submit" { "Toon" } }
            }
        }
    }
}

/// A chart, or why there is none.
fn chart(svg: Result<String, String>, empty: bool, none: &str) -> Markup {
    match svg {
        _ if empty => html! { p.none { (none) } },
        // The SVG comes from plotters, which escapes the text it is given.
        Ok(svg) => html! { figure.chart { (PreEscaped(svg)) } },
        Err(e) => html! { p.error role="alert" { (e) } },
    }
}

/// A value as the page shows it: a share as a percentage, an unknown as a dash.
fn cell(key: &str, value: &str) -> Markup {
    if value.is_empty() {
        return html! { "–" };
    }
    match key {
        "late_share" => match value.parse::<f64>() {
            Ok(share) => html! { (format!("{:.0}%", share * 100.0)) },
            Err(_) => html! { (value) },
        },
        "longest_open" => html! { a href=(question_link(value)) { (value) } },
        _ => html! { (value) },
    }
}

/// A table of numbers: a caption, the Dutch headers, the values (numbers to the right).
fn numbers(caption: &str, t: &Table) -> Markup {
    html! {
        div.numbers {
            table {
                caption { (caption) }
                thead { tr { @for (i, (_, label)) in t.columns.iter().enumerate() {
                    th scope="col" class=[(i > 0).then_some("n")] { (label) }
                } } }
                tbody {
                    @for row in &t.rows {
                        tr { @for (i, ((key, _), value)) in t.columns.iter().zip(row).enumerate() {
                            @if i == 0 { th scope="row" { (cell(key, value)) } }
                            @else { td.n { (cell(key, value)) } }
                        } }
                    }
                }
            }
        }
    }
}

/// A section: a heading, the chart, its numbers beside it.
fn section(id: &str, heading: &str, chart: Markup, table: Markup) -> Markup {
    html! {
        section.figure id=(id) aria-labelledby=(format!("{id}-h")) {
            h2 id=(format!("{id}-h")) { (heading) }
            div.pair-chart { (chart) (table) }
        }
    }
}

fn page(p: &StatsParams, s: &Stats) -> Markup {
    let answered = s.questions - s.open.min(s.questions);
    let table = |name: &str| s.table(name).unwrap_or_else(|| empty_table(name));
    let ministers = table("ministers");
    let timed = Table {
        rows: ministers
            .rows
            .iter()
            .zip(&s.per_minister)
            .filter(|(_, m)| m.timed > 0)
            .map(|(r, _)| r.clone())
            .collect(),
        ..ministers.clone()
    }
    .only(&[
        "minister",
        "timed",
        "median_days",
        "p90_days",
        "late",
        "late_share",
    ]);
    let mut open_rows: Vec<(&crate::lookup::MinisterFigures, &Vec<String>)> = s
        .per_minister
        .iter()
        .zip(&ministers.rows)
        .filter(|(m, _)| m.open > 0)
        .collect();
    open_rows.sort_by(|a, b| {
        b.0.open
            .cmp(&a.0.open)
            .then_with(|| a.0.minister.cmp(&b.0.minister))
    });
    let open = Table {
        rows: open_rows.into_iter().map(|(_, r)| r.clone()).collect(),
        ..ministers.clone()
    }
    .only(&["minister", "open", "longest_open_days", "longest_open"]);
    let search = super::params::Params {
        filters: p.filters.clone(),
        ..Default::default()
    };
    let what = p
        .filters
        .pairs()
        .into_iter()
        .map(|(_, v)| v)
        .collect::<Vec<_>>()
        .join(", ");
    let title = if what.is_empty() {
        "Statistieken · vraagbaak".to_string()
    } else {
        format!("Statistieken: {what} · vraagbaak")
    };
    let body = html! {
        h1 { "Statistieken" }
        (form(&p.filters))
        p.count {
            strong { (s.questions) " " (if s.questions == 1 { "vraag" } else { "vragen" }) }
            " · " (answered) " beantwoord · " (s.open) " open"
            @if !p.filters.is_empty() {
                " · " a href=(search.link("/")) { "deze vragen bekijken" }
            }
            " · " a href=(p.link("/api/stats")) { "als JSON" }
        }
        @if s.questions == 0 {
            p.none { "Geen vragen met deze filters." }
        } @else {
            (section("dagen", "Dagen tot antwoord per minister",
                chart(charts::days_to_answer(&s.per_minister), timed.rows.is_empty(),
                    "Van geen enkel antwoord is bekend hoe lang het duurde (dat staat in de records van het parlement)."),
                numbers("Dagen tot antwoord per minister (beantwoorde vragen met bekende data)", &timed)))
            (section("maanden", "Vragen per maand",
                chart(charts::months(&s.per_month), s.per_month.is_empty(), "Geen vragen met een datum."),
                numbers("Per maand: gesteld, beantwoord (in die maand), mediaan dagen tot antwoord", &table("months"))))
            (section("open", "Open vragen per minister",
                chart(charts::open_questions(&s.per_minister), open.rows.is_empty(), "Geen open vragen."),
                numbers("Open vragen per minister, en de vraag die het langst wacht", &open)))
            (section("themas", "Vragen per thema",
                chart(charts::themes(&s.themes), s.themes.values.is_empty(),
                    "Geen thema's (die staan in de records van het parlement)."),
                numbers("Vragen per thema", &table("themes"))))
            section.figure id="vraagstellers" {
                h2 { "Vraagstellers" }
                (numbers("Vragen per vraagsteller, wie het meest vroeg eerst", &table("askers")))
            }
            section.figure id="jaren" {
                h2 { "Jaren" }
                (numbers("Vragen per jaar", &table("years")))
            }
        }
    };
    layout(&title, html! {}, body)
}

/// A table with nothing in it (not met: every name of [`crate::lookup::TABLES`] has one).
fn empty_table(_name: &str) -> Table {
    Table {
        name: "",
        title: "",
        columns: Vec::new(),
        rows: Vec::new(),
    }
}

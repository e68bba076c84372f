//! The statistics page's charts: SVG drawn on the server with plotters' SVG backend
//! (text stays text, so it is sharp, searchable and read by screen readers), no
//! JavaScript. Each chart's numbers are also in a table beside it (see `pages`).
//!
//! Every bar or point is drawn in a colour of its series alone ([`BAR`], [`MARK`],
//! [`ASKED`], [`ANSWERED`]), so a reader of the SVG (and the tests) can tell them
//! from the frame and the grid.

use crate::lookup::{MinisterFigures, MonthFigures};
use crate::search::Facet;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

/// The bars' colour.
pub const BAR: RGBColor = RGBColor(0x1d, 0x5f, 0x8a);
/// The marks beside bars (the 90th percentile).
pub const MARK: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
/// The month chart's series.
pub const ASKED: RGBColor = RGBColor(0x1d, 0x5f, 0x8a);
pub const ANSWERED: RGBColor = RGBColor(0x2e, 0x8b, 0x57);

/// The width of every chart, in pixels (the page scales it down on a narrow screen).
const WIDTH: u32 = 760;
/// The most bars a chart of names shows (the table beside it has them all).
pub const MOST_BARS: usize = 25;
/// The longest label, in characters, before it is cut.
const LONGEST_LABEL: usize = 34;

/// A colour as SVG writes it (`#1D5F8A`), for the tests.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// One bar of a chart of names: its label, its length, and where given a mark beyond
/// it (drawn as a point on a thin line from the bar's end).
struct Bar {
    label: String,
    value: f64,
    mark: Option<f64>,
}

/// A label cut to [`LONGEST_LABEL`] characters.
fn cut(label: &str) -> String {
    if label.chars().count() <= LONGEST_LABEL {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(LONGEST_LABEL - 1).collect();
        s.push('…');
        s
    }
}

/// Plotters' drawing errors as one line.
fn failed<E: std::fmt::Debug>(e: E) -> String {
    format!("the chart cannot be drawn ({e:?})")
}

/// The top of an axis holding `most`: a little room above it, never nothing.
fn top(most: f64) -> f64 {
    if most <= 0.0 { 1.0 } else { most * 1.08 }
}

/// How the values of an axis up to `top` are written: whole numbers, but on a short
/// axis one decimal.
fn axis_label(top: f64) -> impl Fn(&f64) -> String {
    move |v: &f64| {
        if top >= 8.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    }
}

/// Marks the SVG as an image named `title`, for screen readers, with the title as a
/// tooltip. Plotters writes the `<svg` element; this adds two attributes and a child.
fn labelled(svg: String, title: &str) -> String {
    let title = maud::html! { (title) }.into_string();
    match svg.find("<svg").zip(svg.find('>')) {
        Some((start, end)) if start < end => format!(
            "{}<svg role=\"img\" aria-label=\"{title}\"{}><title>{title}</title>{}",
            &svg[..start],
            &svg[start + 4..end],
            &svg[end + 1..]
        ),
        _ => svg,
    }
}

/// A chart of horizontal bars, one per name, the first on top.
fn bars(title: &str, x_desc: &str, bars: &[Bar], with_mark: bool) -> Result<String, String> {
    let n = bars.len().max(1);
    let height = 70 + 24 * n as u32 + 40;
    let widest = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(4);
    let label_area = (widest as u32 * 7 + 16).clamp(60, 280);
    let most = bars
        .iter()
        .map(|b| b.mark.unwrap_or(0.0).max(b.value))
        .fold(0.0, f64::max);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        // The first bar on top: rows are counted from the top.
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 21))
            .margin(10)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0.0..top(most), (0..n).into_segmented())
            .map_err(failed)?;
        let label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < bars.len() => bars[bars.len() - 1 - i].label.clone(),
            _ => String::new(),
        };
        let value = axis_label(top(most));
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label)
            .x_labels(8)
            .x_label_formatter(&value)
            .x_desc(x_desc)
            .axis_desc_style(("sans-serif", 16))
            .label_style(("sans-serif", 15))
            .light_line_style(WHITE)
            .draw()
            .map_err(failed)?;
        let row = |i: usize| n - 1 - i;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                let r = row(i);
                let mut rect = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(r)),
                        (b.value, SegmentValue::Exact(r + 1)),
                    ],
                    BAR.filled(),
                );
                rect.set_margin(4, 4, 0, 0);
                rect
            }))
            .map_err(failed)?;
        if with_mark {
            let marked: Vec<(usize, &Bar, f64)> = bars
                .iter()
                .enumerate()
                .filter_map(|(i, b)| b.mark.map(|m| (row(i), b, m)))
                .collect();
            chart
                .draw_series(marked.iter().map(|(r, b, m)| {
                    PathElement::new(
                        vec![
                            (b.value, SegmentValue::CenterOf(*r)),
                            (*m, SegmentValue::CenterOf(*r)),
                        ],
                        MARK.stroke_width(1),
                    )
                }))
                .map_err(failed)?;
            chart
                .draw_series(marked.iter().map(|(r, _, m)| {
                    Circle::new((*m, SegmentValue::CenterOf(*r)), 4, MARK.filled())
                }))
                .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    Ok(labelled(svg, title))
}

/// Days to answer per minister: the median as a bar, the 90th percentile as a point
/// (ministers with no answer of known length left out; the most asked first).
pub fn days_to_answer(ministers: &[MinisterFigures]) -> Result<String, String> {
    let bars_of: Vec<Bar> = ministers
        .iter()
        .filter_map(|m| {
            Some(Bar {
                label: cut(&m.minister),
                value: m.median_days?,
                mark: m.p90_days.map(|d| d as f64),
            })
        })
        .take(MOST_BARS)
        .collect();
    bars(
        "Dagen tot antwoord per minister (balk: mediaan, punt: 90e percentiel)",
        "dagen tussen vraag en antwoord",
        &bars_of,
        true,
    )
}

/// Open questions per minister (ministers with none left out).
pub fn open_questions(ministers: &[MinisterFigures]) -> Result<String, String> {
    let mut open: Vec<&MinisterFigures> = ministers.iter().filter(|m| m.open > 0).collect();
    open.sort_by(|a, b| {
        b.open
            .cmp(&a.open)
            .then_with(|| a.minister.cmp(&b.minister))
    });
    let bars_of: Vec<Bar> = open
        .iter()
        .take(MOST_BARS)
        .map(|m| Bar {
            label: cut(&m.minister),
            value: m.open as f64,
            mark: None,
        })
        .collect();
    bars(
        "Open vragen per minister",
        "vragen nog zonder antwoord",
        &bars_of,
        false,
    )
}

/// Questions per theme, the most first.
pub fn themes(themes: &Facet) -> Result<String, String> {
    let bars_of: Vec<Bar> = themes
        .values
        .iter()
        .take(MOST_BARS)
        .map(|c| Bar {
            label: cut(&c.value.to_string()),
            value: c.count as f64,
            mark: None,
        })
        .collect();
    bars("Vragen per thema", "vragen", &bars_of, false)
}

/// Questions asked and answered per month: a line and a point per month for each.
pub fn months(months: &[MonthFigures]) -> Result<String, String> {
    let title = "Vragen per maand: gesteld en beantwoord";
    let n = months.len().max(1);
    let most = months
        .iter()
        .map(|m| m.asked.max(m.answered))
        .max()
        .unwrap_or(0) as f64;
    // A label every so many months, at most about twelve.
    let step = n.div_ceil(12).max(1);
    let label = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if i % step == 0 && *i < months.len() => months[*i].month.clone(),
        _ => String::new(),
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 360)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 21))
            .margin(10)
            .margin_right(24)
            .x_label_area_size(44)
            .y_label_area_size(52)
            .build_cartesian_2d((0..n).into_segmented(), 0.0..top(most))
            .map_err(failed)?;
        let value = axis_label(top(most));
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&label)
            .y_labels(8)
            .y_label_formatter(&value)
            .x_desc("maand")
            .y_desc("vragen")
            .axis_desc_style(("sans-serif", 16))
            .label_style(("sans-serif", 15))
            .light_line_style(WHITE)
            .draw()
            .map_err(failed)?;
        for (color, name, value) in [
            (
                ASKED,
                "gesteld",
                (|m: &MonthFigures| m.asked) as fn(&MonthFigures) -> usize,
            ),
            (ANSWERED, "beantwoord", |m: &MonthFigures| m.answered),
        ] {
            let points: Vec<(SegmentValue<usize>, f64)> = months
                .iter()
                .enumerate()
                .map(|(i, m)| (SegmentValue::CenterOf(i), value(m) as f64))
                .collect();
            chart
                .draw_series(std::iter::once(PathElement::new(
                    points.clone(),
                    color.stroke_width(2),
                )))
                .map_err(failed)?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(3))
                });
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|p| Circle::new(p, 3, color.filled())),
                )
                .map_err(failed)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK.mix(0.3))
            .label_font(("sans-serif", 15))
            .draw()
            .map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(labelled(svg, title))
}

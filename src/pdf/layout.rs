//! From glyph positions to the text the parser expects: glyphs to line fragments (in
//! the order the page draws them, on one baseline), fragments to lines, a two-column
//! page read left column then right, blank lines where the vertical gap says a block
//! ends, running headers and footers and page numbers dropped, and the characters
//! mended (NFKC, Word's bullets, soft hyphens, no U+FFFD). Pages are separated by three
//! blank lines, as the text the parser knows has them.

use super::read::{Glyph, Page};
use unicode_normalization::UnicodeNormalization;

/// The text of a PDF and where each page starts in it (byte offsets, one a page).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Laid {
    pub text: String,
    pub page_starts: Vec<usize>,
}

/// A run of glyphs on one baseline.
#[derive(Debug, Clone)]
struct Fragment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A line as laid out: its baseline, size and text.
#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    text: String,
}

/// Lays out every page and joins them.
pub fn lay_out(pages: &[Page]) -> Laid {
    let laid: Vec<Vec<Line>> = pages.iter().map(page_lines).collect();
    let running = running_lines(pages, &laid);
    let mut out = Laid::default();
    for (n, lines) in laid.iter().enumerate() {
        if n > 0 {
            out.text.push_str("\n\n\n\n");
        }
        out.page_starts.push(out.text.len());
        let height = pages[n].height;
        let kept: Vec<&Line> = lines
            .iter()
            .filter(|l| !running.contains(&(n, key_of(l, height))))
            .filter(|l| !is_page_number(l, height))
            .collect();
        let gap = usual_gap(&kept);
        for (i, l) in kept.iter().enumerate() {
            if i > 0 {
                let prev = kept[i - 1];
                let dy = l.y - prev.y;
                // A line that starts a column again (it lies above the one before) is
                // marked like a page break, which the parser mends where a sentence
                // runs on; a new block: a gap well over the usual line spacing.
                if dy < -prev.size {
                    out.text.push_str("\n\n\n\n");
                } else if dy > gap * 1.2 + 0.5 {
                    out.text.push_str("\n\n");
                } else {
                    out.text.push('\n');
                }
            }
            out.text.push_str(&l.text);
        }
    }
    out
}

/// The usual distance between one baseline and the next on a page.
fn usual_gap(lines: &[&Line]) -> f64 {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0)
        .collect();
    if gaps.is_empty() {
        return f64::INFINITY;
    }
    gaps.sort_by(f64::total_cmp);
    // The lower quartile: paragraph gaps and headings do not pull it up.
    gaps[gaps.len() / 4].max(1.0)
}

/// A page's lines in reading order.
fn page_lines(page: &Page) -> Vec<Line> {
    let fragments = fragments(&page.glyphs);
    if fragments.is_empty() {
        return Vec::new();
    }
    match gutter(&fragments, page.width) {
        None => lines_of(&fragments),
        Some(g) => {
            let (mut spanning, mut left, mut right) = (Vec::new(), Vec::new(), Vec::new());
            for f in fragments {
                if f.x0 < g && f.x1 > g {
                    spanning.push(f);
                } else if f.x1 <= g {
                    left.push(f);
                } else {
                    right.push(f);
                }
            }
            let left = lines_of(&left);
            let right = lines_of(&right);
            let spanning = lines_of(&spanning);
            let top = left
                .first()
                .map(|l| l.y)
                .into_iter()
                .chain(right.first().map(|l| l.y))
                .fold(f64::INFINITY, f64::min);
            let (above, below): (Vec<Line>, Vec<Line>) =
                spanning.into_iter().partition(|l| l.y < top);
            let mut out = above;
            out.extend(left);
            out.extend(right);
            out.extend(below);
            out
        }
    }
}

/// Glyphs to fragments: consecutive glyphs on one baseline, each starting near where
/// the one before ended.
fn fragments(glyphs: &[Glyph]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    for g in glyphs {
        let text = clean_glyph(&g.text);
        let x1 = g.x + g.width.max(0.0);
        if text.is_empty() {
            // A glyph with no text (U+FFFD, a control) still takes its room: no gap.
            if let Some(f) = out.last_mut()
                && (g.y - f.y).abs() < 0.35 * f.size.max(g.size)
            {
                f.x1 = f.x1.max(x1);
            }
            continue;
        }
        if let Some(f) = out.last_mut() {
            let same_line = (g.y - f.y).abs() < 0.35 * f.size.max(g.size);
            // A space glyph is a word's end, whatever width the font claims for it.
            if same_line && text.trim().is_empty() {
                if !f.text.ends_with(' ') {
                    f.text.push(' ');
                }
                continue;
            }
            let gap = g.x - f.x1;
            // Fonts may claim wider glyphs than they draw: some overlap is no new run.
            if same_line && gap > -g.size && gap < 2.0 * g.size {
                if gap > 0.1 * g.size && !f.text.ends_with(' ') && text != " " {
                    f.text.push(' ');
                }
                if !(text == " " && f.text.ends_with(' ')) {
                    f.text.push_str(&text);
                }
                f.x1 = f.x1.max(x1);
                continue;
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        out.push(Fragment {
            x0: g.x,
            x1,
            y: g.y,
            size: g.size,
            text,
        });
    }
    for f in &mut out {
        let t = f.text.trim_end().to_string();
        f.text = t;
    }
    out.retain(|f| !f.text.trim().is_empty());
    out
}

/// Where a two-column page's gutter is: an x in the middle band of the page that few
/// fragments cross, with text on both sides of it down most of the page.
fn gutter(fragments: &[Fragment], width: f64) -> Option<f64> {
    if width <= 0.0 || fragments.len() < 8 {
        return None;
    }
    let (lo, hi) = (width * 0.3, width * 0.7);
    let mut best: Option<(usize, f64, f64)> = None; // (crossings, start, end)
    let mut x = lo;
    let mut run: Option<(usize, f64)> = None;
    let allowed = (fragments.len() / 12).max(1);
    while x <= hi {
        let crossing = fragments.iter().filter(|f| f.x0 < x && f.x1 > x).count();
        if crossing <= allowed {
            let start = run.map_or(x, |(_, s)| s);
            let worst = run.map_or(crossing, |(c, _)| c.max(crossing));
            run = Some((worst, start));
            let len = x - start;
            if best.is_none_or(|(_, s, e)| len > e - s) {
                best = Some((worst, start, x));
            }
        } else {
            run = None;
        }
        x += 1.0;
    }
    let (_, start, end) = best?;
    let size = median(fragments.iter().map(|f| f.size).collect());
    if end - start < size * 0.8 {
        return None;
    }
    let mid = (start + end) / 2.0;
    let left: Vec<&Fragment> = fragments.iter().filter(|f| f.x1 <= mid).collect();
    let right: Vec<&Fragment> = fragments.iter().filter(|f| f.x0 >= mid).collect();
    let n = fragments.len() as f64;
    if (left.len() as f64) < n * 0.2 || (right.len() as f64) < n * 0.2 {
        return None;
    }
    // Both sides run down the page: not a label column beside a body.
    let span = |fs: &[&Fragment]| {
        let ys: Vec<f64> = fs.iter().map(|f| f.y).collect();
        ys.iter().copied().fold(f64::NEG_INFINITY, f64::max)
            - ys.iter().copied().fold(f64::INFINITY, f64::min)
    };
    let all: Vec<&Fragment> = fragments.iter().collect();
    let page_span = span(&all).max(1.0);
    if span(&left) < page_span * 0.4 || span(&right) < page_span * 0.4 {
        return None;
    }
    // Text at the left edge of the right side: a column starts there.
    let starts = right
        .iter()
        .filter(|f| (f.x0 - right_edge_min(&right)).abs() < size)
        .count();
    (starts * 3 >= right.len()).then_some(mid)
}

fn right_edge_min(fs: &[&Fragment]) -> f64 {
    fs.iter().map(|f| f.x0).fold(f64::INFINITY, f64::min)
}

fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return 10.0;
    }
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Fragments to lines: those on one baseline are one line, left to right, top down.
fn lines_of(fragments: &[Fragment]) -> Vec<Line> {
    let mut sorted: Vec<&Fragment> = fragments.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<&Fragment>> = Vec::new();
    for f in sorted {
        match rows.last_mut() {
            Some(row) if (f.y - row[0].y).abs() < 0.35 * f.size.max(row[0].size) => row.push(f),
            _ => rows.push(vec![f]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut text = String::new();
            let mut end = f64::NEG_INFINITY;
            for f in &row {
                if !text.is_empty() && (f.x0 - end > 0.1 * f.size || !text.ends_with(' ')) {
                    text.push(' ');
                }
                text.push_str(f.text.trim_start());
                end = f.x1;
            }
            Line {
                y: row[0].y,
                size: row.iter().map(|f| f.size).fold(0.0, f64::max),
                text: finish_line(&text),
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// A glyph's text as the parser wants it: NFKC (`ﬁ` is `fi`), no replacement
/// character, no control characters, Word's private-use bullets as `-`.
fn clean_glyph(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfkc() {
        match c {
            '\u{FFFD}' | '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' => {}
            '\t' | '\n' | '\r' | '\u{A0}' => out.push(' '),
            '\u{F000}'..='\u{F0FF}' | '\u{2022}' | '\u{25CF}' | '\u{25AA}' | '\u{25E6}' => {
                out.push('-');
                out.push('\u{1}'); // a bullet: its space is added by `finish_line`
            }
            c => out.push(c),
        }
    }
    out
}

/// The last touches to a line: a bullet is `- `, a soft hyphen is a hyphen at the end
/// of the line (where the word breaks) and nothing inside it, spaces single.
fn finish_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.trim().chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\u{1}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{AD}' => {
                let at_end = chars[i + 1..]
                    .iter()
                    .all(|c| c.is_whitespace() || *c == '\u{AD}');
                if at_end && !out.ends_with('-') {
                    out.push('-');
                }
            }
            ' ' if out.ends_with(' ') || out.is_empty() => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// A line's text with digits made alike, and its place (top or bottom band of the
/// page, in steps of 4 points): what a running header or footer keeps from page to page.
fn key_of(line: &Line, height: f64) -> String {
    let text: String = line
        .text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect();
    let band = if line.y < height * 0.5 {
        "top"
    } else {
        "bottom"
    };
    format!("{band}:{}:{text}", (line.y / 4.0).round())
}

/// Lines repeated at the same place on most pages (on both of two, on half of three or
/// more): running headers and footers, by page and key.
fn running_lines(pages: &[Page], laid: &[Vec<Line>]) -> std::collections::HashSet<(usize, String)> {
    let mut out = std::collections::HashSet::new();
    if laid.len() < 2 {
        return out;
    }
    let mut seen: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (n, lines) in laid.iter().enumerate() {
        let h = pages[n].height;
        for l in lines.iter().filter(|l| in_margin(l, h)) {
            let k = key_of(l, h);
            let pages_of = seen.entry(k).or_default();
            if pages_of.last() != Some(&n) {
                pages_of.push(n);
            }
        }
    }
    let with_text = laid.iter().filter(|l| !l.is_empty()).count().max(1);
    for (k, ns) in seen {
        if ns.len() >= 2 && ns.len() * 2 >= with_text {
            for n in ns {
                out.insert((n, k.clone()));
            }
        }
    }
    out
}

/// In the top or bottom eighth of the page, where headers and footers stand.
fn in_margin(line: &Line, height: f64) -> bool {
    height > 0.0 && (line.y < height * 0.125 || line.y > height * 0.875)
}

/// A page number alone on a line in a margin: `3`, `- 3 -`, `-3-`, `— 3 —`, `3/12`,
/// `pagina 3`, `— Pagina 3 —`, `p. 3 van 12`, `blz. 3`.
fn is_page_number(line: &Line, height: f64) -> bool {
    if !in_margin(line, height) {
        return false;
    }
    let t: String = line
        .text
        .to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '-' | '–' | '—' | '/') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut words = t.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| matches!(*w, "pagina" | "blz." | "blz" | "p." | "bladzijde"))
    {
        words.next();
    }
    let mut digits = false;
    for w in words {
        if w.chars().all(|c| c.is_ascii_digit()) {
            digits = true;
        } else if w != "van" || !digits {
            return false;
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of lines set in a 10-point font: each (x, y, text), glyph by glyph.
    fn page(lines: &[(f64, f64, &str)]) -> Page {
        let mut glyphs = Vec::new();
        for &(x, y, text) in lines {
            let mut at = x;
            for c in text.chars() {
                let w = if c == ' ' { 2.5 } else { 5.0 };
                glyphs.push(Glyph {
                    x: at,
                    y,
                    width: w,
                    size: 10.0,
                    text: c.to_string(),
                });
                at += w;
            }
        }
        Page {
            width: 595.0,
            height: 842.0,
            glyphs,
            images: false,
        }
    }

    #[test]
    fn lines_blocks_and_the_characters_are_mended() {
        let p = page(&[
            (70.0, 100.0, "Eerste regel met een ﬁets"),
            (70.0, 112.0, "tweede regel van de leer-"),
            (70.0, 124.0, "lingen"),
            (70.0, 150.0, "\u{F0B7} een opsomming"),
            (70.0, 162.0, "zacht\u{AD}"),
            (70.0, 174.0, "af\u{FFFD}gebroken"),
        ]);
        let laid = lay_out(&[p]);
        assert_eq!(
            laid.text,
            "Eerste regel met een fiets\ntweede regel van de leer-\nlingen\n\n- een opsomming\nzacht-\nafgebroken"
        );
        assert_eq!(laid.page_starts, vec![0]);
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let mut lines = Vec::new();
        for i in 0..20 {
            let y = 100.0 + 12.0 * f64::from(i);
            lines.push((50.0, y, format!("links {i} tekst hier")));
            lines.push((320.0, y, format!("rechts {i} tekst daar")));
        }
        let refs: Vec<(f64, f64, &str)> =
            lines.iter().map(|(x, y, t)| (*x, *y, t.as_str())).collect();
        let laid = lay_out(&[page(&refs)]);
        let got: Vec<&str> = laid.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(got[0], "links 0 tekst hier");
        assert_eq!(got[19], "links 19 tekst hier");
        assert_eq!(got[20], "rechts 0 tekst daar");
        assert_eq!(got.len(), 40);
    }

    proptest::proptest! {
        /// Any glyphs, anywhere, of any text: a layout, never a panic, no U+FFFD, every
        /// page marked in order.
        #[test]
        fn any_glyphs_lay_out(
            pages in proptest::collection::vec(
                proptest::collection::vec(
                    (-50.0f64..700.0, -50.0f64..900.0, -5.0f64..20.0, 0.1f64..30.0, "\\PC{0,3}"),
                    0..60,
                ),
                1..5,
            )
        ) {
            let pages: Vec<Page> = pages
                .into_iter()
                .map(|gs| Page {
                    width: 595.0,
                    height: 842.0,
                    glyphs: gs
                        .into_iter()
                        .map(|(x, y, width, size, text)| Glyph { x, y, width, size, text })
                        .collect(),
                    images: false,
                })
                .collect();
            let laid = lay_out(&pages);
            let replacement = laid.text.contains(char::REPLACEMENT_CHARACTER);
            proptest::prop_assert!(!replacement, "a replacement character");
            proptest::prop_assert_eq!(laid.page_starts.len(), pages.len());
            proptest::prop_assert!(laid.page_starts.windows(2).all(|w| w[0] <= w[1]));
            proptest::prop_assert!(laid.page_starts.iter().all(|&s| laid.text.is_char_boundary(s)));
        }
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let pages: Vec<Page> = (1..=4)
            .map(|n| {
                let number = format!("-{n}-");
                let body = format!("De tekst van pagina {n} loopt hier door.");
                page(&[
                    (
                        70.0,
                        40.0,
                        "Vlaams Parlement - Vragen en Antwoorden - Nr. 7",
                    ),
                    (70.0, 300.0, body.as_str()),
                    (290.0, 800.0, number.as_str()),
                ])
            })
            .collect();
        let laid = lay_out(&pages);
        assert!(!laid.text.contains("Vlaams Parlement"), "{}", laid.text);
        assert!(!laid.text.contains("-2-"), "{}", laid.text);
        assert!(laid.text.contains("De tekst van pagina 3 loopt hier door."));
        assert_eq!(laid.page_starts.len(), 4);
        assert!(laid.text[laid.page_starts[2]..].starts_with("De tekst van pagina 3"));
    }

    #[test]
    fn a_header_and_footer_on_both_of_two_pages_go_but_not_on_one() {
        let two: Vec<Page> = (1..=2)
            .map(|n| {
                let footer = format!("file:///home/an/vraag.html {n}/2");
                let body = format!("Tekst van pagina {n}.");
                page(&[
                    (40.0, 30.0, "3/12/26, 10:15 Schriftelijke vraag 318"),
                    (70.0, 300.0, body.as_str()),
                    (40.0, 820.0, footer.as_str()),
                ])
            })
            .collect();
        let laid = lay_out(&two);
        assert_eq!(laid.text, "Tekst van pagina 1.\n\n\n\nTekst van pagina 2.");
        // One page alone: nothing repeats, so nothing is taken for a running line.
        let laid = lay_out(&two[..1]);
        assert!(
            laid.text
                .starts_with("3/12/26, 10:15 Schriftelijke vraag 318")
        );
        // A line that is on one of two pages only stays.
        let mut other = two.clone();
        other[1] = page(&[(70.0, 300.0, "Tekst van pagina 2.")]);
        assert!(lay_out(&other).text.contains("Schriftelijke vraag 318"));
    }

    #[test]
    fn a_column_start_is_marked_like_a_page_break() {
        let mut lines = Vec::new();
        let left: Vec<String> = (0..30).map(|i| format!("links regel {i}")).collect();
        let right: Vec<String> = (0..30).map(|i| format!("rechts regel {i}")).collect();
        for i in 0..30 {
            lines.push((60.0, 100.0 + 12.0 * i as f64, left[i].as_str()));
            lines.push((320.0, 100.0 + 12.0 * i as f64, right[i].as_str()));
        }
        let laid = lay_out(&[page(&lines)]);
        assert!(
            laid.text.contains("links regel 29\n\n\n\nrechts regel 0\n"),
            "{}",
            laid.text
        );
    }

    #[test]
    fn page_numbers_in_their_usual_forms_go() {
        let line = |text: &str, y: f64| Line {
            y,
            size: 10.0,
            text: text.to_string(),
        };
        for t in [
            "3",
            "- 3 -",
            "-3-",
            "— 3 —",
            "3/12",
            "pagina 3",
            "— Pagina 3 —",
            "p. 3 van 12",
            "blz. 3",
            "Bladzijde 3 van 9",
        ] {
            assert!(is_page_number(&line(t, 820.0), 842.0), "{t}");
        }
        for t in [
            "Pagina",
            "3 ton",
            "p. drie",
            "2023 - 2024 begroting",
            "van 3",
        ] {
            assert!(!is_page_number(&line(t, 820.0), 842.0), "{t}");
        }
        // In the body of the page a number alone is text.
        assert!(!is_page_number(&line("3", 400.0), 842.0));
    }
}

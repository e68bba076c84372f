//! Reading a PDF into the glyphs of its pages: `pdf-extract` interprets the content
//! streams (fonts, encodings, text matrices) and hands every glyph to an output device;
//! ours keeps its place, size and text. Runs inside the worker process only: the reader
//! can panic or recurse without end on hostile files.

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use std::sync::LazyLock;

/// One glyph as printed: its left edge and baseline (points, from the top of the page),
/// its advance and its size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// A page's glyphs in the order the content stream draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    /// Whether the page draws an image (a scan, when it has no glyphs).
    pub images: bool,
}

/// What a file that is not a readable PDF is (the reason it is skipped), from its
/// first bytes.
pub fn not_a_pdf(bytes: &[u8]) -> Option<String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Some("empty file".into());
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return None;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.contains("<html") || text.contains("<!doctype html") || text.contains("<head") {
        return Some("not a PDF (HTML page)".into());
    }
    Some("not a PDF (no %PDF header)".into())
}

/// Loads a PDF from its bytes: an owner password alone (empty user password) is no
/// hindrance; one that needs a password to open is refused.
pub fn load(bytes: &[u8]) -> Result<Document, String> {
    if let Some(reason) = not_a_pdf(bytes) {
        return Err(reason);
    }
    let mut doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        // A cross-reference table that is wrong or gone (a file cut short, offsets
        // off): the objects are found where they stand, as other readers do.
        Err(e) => match rebuilt(bytes).and_then(|b| Document::load_mem(&b).ok()) {
            Some(d) if !d.get_pages().is_empty() => d,
            _ => return Err(damaged(&e.to_string())),
        },
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: needs a password".into());
    }
    mend_cid_widths(&mut doc);
    Ok(doc)
}

/// The most glyph ids one range of a `W` array may give (a CID font has at most 65,536).
const MAX_RANGE: i64 = 65_536;

/// Writes every `W` (glyph widths) array of the CID fonts in its list form only.
///
/// `W` gives widths either as `first [w1 w2 ...]` or as a range `first last w`.
/// pdf-extract 0.12 reads the range form wrongly (it takes `first` for all three and
/// keeps none of them), so those glyphs get the default width, often 0: Chromium and
/// Skia write digits, spaces and ligatures as ranges, and `318` came out as `3 1 8`.
/// Rewritten as lists, every width is read.
fn mend_cid_widths(doc: &mut Document) {
    use pdf_extract::Object;
    let fonts: Vec<pdf_extract::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(is_cid_font))
        .map(|(id, _)| *id)
        .collect();
    for id in fonts {
        let w = doc
            .objects
            .get(&id)
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"W").ok())
            .cloned();
        match w {
            Some(Object::Array(items)) => {
                let listed = Object::Array(as_lists(doc, &items));
                if let Some(Ok(d)) = doc.objects.get_mut(&id).map(|o| o.as_dict_mut()) {
                    d.set("W", listed);
                }
            }
            Some(Object::Reference(r)) => {
                if let Some(Object::Array(items)) = doc.objects.get(&r).cloned() {
                    let listed = Object::Array(as_lists(doc, &items));
                    doc.objects.insert(r, listed);
                }
            }
            _ => {}
        }
    }
}

fn is_cid_font(d: &pdf_extract::Dictionary) -> bool {
    d.get(b"Subtype")
        .and_then(|t| t.as_name())
        .is_ok_and(|n| n == b"CIDFontType0" || n == b"CIDFontType2")
}

/// A `W` array's entries in list form; entries it cannot make sense of are left as they
/// are (the reader then falls back to the default width, as before).
fn as_lists(doc: &Document, items: &[pdf_extract::Object]) -> Vec<pdf_extract::Object> {
    use pdf_extract::Object;
    let number = |o: &Object| -> Option<f64> {
        let o = match o {
            Object::Reference(r) => doc.objects.get(r)?,
            other => other,
        };
        match o {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(f64::from(*r)),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut i = 0;
    while i < items.len() {
        let range = (
            number(&items[i]),
            items.get(i + 1).and_then(number),
            items.get(i + 2).and_then(number),
        );
        let step = match range {
            (Some(first), Some(last), Some(width)) => {
                let (first, last) = (first as i64, last as i64);
                if first >= 0 && last >= first && last - first < MAX_RANGE {
                    out.push(Object::Integer(first));
                    out.push(Object::Array(
                        (first..=last).map(|_| Object::Real(width as f32)).collect(),
                    ));
                    i += 3;
                    continue;
                }
                // A range that makes no sense stays a range: the entries after it keep
                // their places.
                3
            }
            // `first [w1 w2 ...]`, or something else: as it is, two by two.
            _ => 2,
        };
        out.extend(items[i..(i + step).min(items.len())].iter().cloned());
        i += step;
    }
    out
}

/// The file with a new cross-reference table and trailer at its end, made by finding
/// each `N G obj` in the bytes (the last of a number wins, as an update would) and the
/// catalog (`/Root` of any trailer or cross-reference stream left, else the object that
/// says `/Type /Catalog`). None when no object or no catalog is found.
fn rebuilt(bytes: &[u8]) -> Option<Vec<u8>> {
    static PATTERNS: LazyLock<Option<[regex::bytes::Regex; 6]>> = LazyLock::new(|| {
        let rx = |p: &str| regex::bytes::Regex::new(p).ok();
        Some([
            rx(r"(?:^|[\s>])(\d{1,10})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b")?,
            rx(r"/Root\s*(\d{1,10})\s+(\d{1,5})\s+R")?,
            rx(r"/Info\s*(\d{1,10})\s+(\d{1,5})\s+R")?,
            rx(r"/Encrypt\s*(\d{1,10})\s+(\d{1,5})\s+R")?,
            rx(r"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")?,
            rx(r"/Type\s*/Catalog\b")?,
        ])
    });
    let [object, root, info, encrypt, id, catalog] = PATTERNS.as_ref()?;
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let data = &bytes[start..];
    let number = |m: Option<regex::bytes::Match>| -> Option<u64> {
        std::str::from_utf8(m?.as_bytes()).ok()?.parse().ok()
    };
    let mut offsets: std::collections::BTreeMap<u64, (u64, usize)> = Default::default();
    for c in object.captures_iter(data) {
        let (Some(n), Some(g), Some(at)) = (number(c.get(1)), number(c.get(2)), c.get(1)) else {
            continue;
        };
        offsets.insert(n, (g, at.start()));
    }
    if offsets.is_empty() {
        return None;
    }
    let reference = |rx: &regex::bytes::Regex| -> Option<(u64, u64)> {
        let c = rx.captures_iter(data).last()?;
        Some((number(c.get(1))?, number(c.get(2))?))
    };
    let root = reference(root).or_else(|| {
        offsets.iter().find_map(|(&n, &(g, at))| {
            let end = (at + 4096).min(data.len());
            let body = &data[at..end];
            let body = &body[..body
                .windows(6)
                .position(|w| w == b"endobj")
                .unwrap_or(body.len())];
            catalog.is_match(body).then_some((n, g))
        })
    })?;
    let mut out = data.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for (n, (g, at)) in &offsets {
        out.extend_from_slice(format!("{n} 1\n{at:010} {g:05} n\r\n").as_bytes());
    }
    let size = offsets.keys().next_back().map_or(1, |n| n + 1);
    let mut trailer = format!("trailer\n<< /Size {size} /Root {} {} R", root.0, root.1);
    if let Some((n, g)) = reference(info) {
        trailer += &format!(" /Info {n} {g} R");
    }
    if let Some((n, g)) = reference(encrypt) {
        trailer += &format!(" /Encrypt {n} {g} R");
    }
    if let Some(m) = id.find_iter(data).last() {
        trailer += " ";
        trailer += &String::from_utf8_lossy(m.as_bytes());
    }
    trailer += &format!(" >>\nstartxref\n{xref_at}\n%%EOF\n");
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

fn damaged(detail: &str) -> String {
    let detail = detail.lines().next().unwrap_or("").trim();
    if detail.is_empty() {
        "damaged PDF".into()
    } else {
        format!("damaged PDF ({detail})")
    }
}

/// The glyphs of every page.
pub fn pages(doc: &Document) -> Result<Vec<Page>, String> {
    let mut out = Collect::default();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    for n in numbers {
        // A page the reader cannot interpret is an empty page, not the end of the file.
        let before = out.pages.len();
        if let Err(e) = pdf_extract::output_doc_page(doc, &mut out, n) {
            if out.pages.len() == before {
                out.pages.push(Page::default());
            }
            out.errors.push(e.to_string());
        }
        out.in_page = false;
        if let Some(p) = out.pages.last_mut() {
            p.images = page_has_images(doc, n);
        }
    }
    if out.pages.is_empty() {
        return Err("no pages".into());
    }
    if out.pages.iter().all(|p| p.glyphs.is_empty())
        && let Some(e) = out.errors.first()
    {
        return Err(damaged(e));
    }
    Ok(out.pages)
}

/// Whether the page's resources hold an image XObject.
fn page_has_images(doc: &Document, number: u32) -> bool {
    doc.get_pages()
        .get(&number)
        .is_some_and(|&id| xobjects(doc, id).iter().any(|s| is_image(s)))
}

/// The XObject streams a page's resources name (its own and those it inherits).
fn xobjects(doc: &Document, page: pdf_extract::ObjectId) -> Vec<&pdf_extract::Stream> {
    let Ok((resources, ids)) = doc.get_page_resources(page) else {
        return Vec::new();
    };
    let mut dicts: Vec<&pdf_extract::Dictionary> = resources.into_iter().collect();
    dicts.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    let mut out = Vec::new();
    for res in dicts {
        let xobjects = match res.get(b"XObject") {
            Ok(pdf_extract::Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            Ok(pdf_extract::Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        for (_, o) in xobjects.into_iter().flat_map(|x| x.iter()) {
            let object = match o {
                pdf_extract::Object::Reference(r) => doc.get_object(*r).ok(),
                other => Some(other),
            };
            out.extend(object.and_then(|s| s.as_stream().ok()));
        }
    }
    out
}

fn is_image(stream: &pdf_extract::Stream) -> bool {
    stream
        .dict
        .get(b"Subtype")
        .and_then(|t| t.as_name())
        .is_ok_and(|n| n == b"Image")
}

#[derive(Default)]
struct Collect {
    pages: Vec<Page>,
    errors: Vec<String>,
    in_page: bool,
    flip: f64,
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        // A form drawn on a page begins no page of its own.
        if !self.in_page {
            self.pages.push(Page {
                width: (media_box.urx - media_box.llx).abs(),
                height: (media_box.ury - media_box.lly).abs(),
                ..Page::default()
            });
            self.flip = media_box.ury;
            self.in_page = true;
        }
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.in_page = false;
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // The size as printed: the side of the square of the area the text matrix makes
        // of a font-size square.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let (x, y) = (trm.m31, self.flip - trm.m32);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        page.glyphs.push(Glyph {
            x,
            y,
            width: width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// An image a page draws, as a file tesseract reads: a JPEG as it is stored, or 8-bit
/// grey or RGB pixels as a PNM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    /// `jpg` or `pnm`.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// The largest image of each page that has one (page number from 1, the image).
pub fn page_images(doc: &Document) -> Vec<(usize, PageImage)> {
    let mut out = Vec::new();
    for (i, (_, &id)) in doc.get_pages().iter().enumerate() {
        let best = xobjects(doc, id)
            .into_iter()
            .filter_map(image_file)
            .max_by_key(|img| img.bytes.len());
        if let Some(b) = best {
            out.push((i + 1, b));
        }
    }
    out
}

fn image_file(stream: &pdf_extract::Stream) -> Option<PageImage> {
    if !is_image(stream) {
        return None;
    }
    let d = &stream.dict;
    let filter = d.get(b"Filter").and_then(|f| f.as_name()).ok();
    if filter == Some(b"DCTDecode".as_slice()) {
        return Some(PageImage {
            extension: "jpg",
            bytes: stream.content.clone(),
        });
    }
    let width = d.get(b"Width").and_then(|w| w.as_i64()).ok()?;
    let height = d.get(b"Height").and_then(|h| h.as_i64()).ok()?;
    let bits = d
        .get(b"BitsPerComponent")
        .and_then(|b| b.as_i64())
        .unwrap_or(8);
    let space = d.get(b"ColorSpace").and_then(|c| c.as_name()).ok()?;
    let (channels, magic) = match space {
        b"DeviceGray" => (1, "P5"),
        b"DeviceRGB" => (3, "P6"),
        _ => return None,
    };
    if bits != 8 || width <= 0 || height <= 0 {
        return None;
    }
    let pixels = stream.decompressed_content().ok()?;
    let need = usize::try_from(width * height * channels).ok()?;
    if pixels.len() < need {
        return None;
    }
    let mut bytes = format!("{magic}\n{width} {height}\n255\n").into_bytes();
    bytes.extend_from_slice(&pixels[..need]);
    Some(PageImage {
        extension: "pnm",
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::Object;

    fn numbers(items: &[Object]) -> Vec<String> {
        items
            .iter()
            .map(|o| match o {
                Object::Integer(i) => i.to_string(),
                Object::Real(r) => format!("{r}"),
                Object::Array(a) => format!("[{}]", numbers(a).join(" ")),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn width_ranges_become_lists_and_lists_stay() {
        let doc = Document::new();
        let w = vec![
            Object::Integer(0),
            Object::Array(vec![Object::Real(600.0)]),
            Object::Integer(3),
            Object::Integer(5),
            Object::Real(317.5),
            Object::Integer(19),
            Object::Array(vec![Object::Integer(636), Object::Integer(500)]),
            Object::Integer(40),
            Object::Integer(40),
            Object::Integer(250),
        ];
        assert_eq!(
            numbers(&as_lists(&doc, &w)),
            [
                "0",
                "[600]",
                "3",
                "[317.5 317.5 317.5]",
                "19",
                "[636 500]",
                "40",
                "[250]"
            ]
        );
        // A range backwards or of more glyphs than a font has is left as it was.
        let odd = vec![
            Object::Integer(9),
            Object::Integer(2),
            Object::Integer(100),
            Object::Integer(0),
            Object::Integer(1_000_000),
            Object::Integer(100),
        ];
        assert_eq!(numbers(&as_lists(&doc, &odd)), numbers(&odd));
        // A range that makes no sense is kept whole, and the entries after it are read.
        let mixed = vec![
            Object::Integer(9),
            Object::Integer(2),
            Object::Integer(100),
            Object::Integer(3),
            Object::Integer(4),
            Object::Integer(250),
            Object::Integer(7),
            Object::Array(vec![Object::Integer(500)]),
        ];
        assert_eq!(
            numbers(&as_lists(&doc, &mixed)),
            ["9", "2", "100", "3", "[250 250]", "7", "[500]"]
        );
    }
}

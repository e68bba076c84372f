//! Reading a PDF into the glyphs of its pages: `pdf-extract` interprets the content
//! streams (fonts, encodings, text matrices) and hands every glyph to an output device;
//! ours keeps its place, size and text. Runs inside the worker process only: the reader
//! can panic or recurse without end on hostile files.

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

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
        Err(e) => return Err(damaged(&e.to_string())),
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: needs a password".into());
    }
    Ok(doc)
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

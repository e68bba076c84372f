//! Splitting a part (question or answer) into passages: a paragraph, a numbered item with
//! its letter items, a bullet list with its lead-in. A passage reads on its own.

use super::label::{Label, Opening, opening};
use super::links;
use crate::model::{Part, Passage};

/// A passage grows by whole paragraphs up to about this many characters; a longer item
/// goes on in a next passage with the same label.
pub const MAX_PASSAGE_CHARS: usize = 1200;

#[derive(Default)]
struct Group {
    label: Option<Label>,
    lines: Vec<String>,
    chars: usize,
}

impl Group {
    fn labelled(label: Label) -> Group {
        Group {
            label: Some(label),
            ..Group::default()
        }
    }

    fn numbered(&self) -> bool {
        self.label.as_ref().is_some_and(|l| l.number.is_some())
    }

    fn push(&mut self, text: &str) {
        if !text.is_empty() {
            self.chars += text.len();
            self.lines.push(text.to_string());
        }
    }
}

struct Builder {
    part: Part,
    ordinal: u32,
    out: Vec<Passage>,
    cur: Option<Group>,
}

impl Builder {
    fn flush(&mut self) {
        if let Some(g) = self.cur.take()
            && !g.lines.is_empty()
        {
            self.out.push(Passage {
                part: self.part,
                label: g.label.map(|l| l.to_string()),
                ordinal: self.ordinal,
                text: g.lines.join("\n"),
                answers: Vec::new(),
                answered: Vec::new(),
                page: None,
            });
            self.ordinal += 1;
        }
    }

    fn start(&mut self, group: Group) {
        self.flush();
        self.cur = Some(group);
    }

    /// Adds a paragraph to the current group, going on in a fresh passage with the same
    /// label when the group is full. A paragraph far longer than a passage is cut at
    /// sentence ends first.
    fn append(&mut self, text: &str) {
        if text.len() > 2 * MAX_PASSAGE_CHARS {
            for piece in pieces(text, MAX_PASSAGE_CHARS) {
                self.append_piece(piece);
            }
        } else {
            self.append_piece(text);
        }
    }

    fn append_piece(&mut self, text: &str) {
        let full = self
            .cur
            .as_ref()
            .is_some_and(|g| g.chars > 0 && g.chars + text.len() > MAX_PASSAGE_CHARS);
        if full {
            let label = self.cur.as_ref().and_then(|g| g.label.clone());
            self.start(Group {
                label,
                ..Group::default()
            });
        }
        self.cur.get_or_insert_with(Group::default).push(text);
    }
}

/// Cuts `text` into pieces of about `max` bytes: after a sentence end where there is one,
/// else at white space, else anywhere (on a character boundary).
fn pieces(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut limit = max;
        while !rest.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &rest[..limit];
        let sentence = window
            .match_indices(". ")
            .chain(window.match_indices("? "))
            .chain(window.match_indices("! "))
            .map(|(i, _)| i + 1)
            .filter(|&i| i > max / 3)
            .max();
        let cut = sentence
            .or_else(|| window.rfind(' ').filter(|&i| i > 0))
            .unwrap_or(limit);
        let cut = if cut == 0 { limit } else { cut };
        out.push(rest[..cut].trim());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The passages of one part, numbered from `first_ordinal`.
pub fn passages(paragraphs: &[String], part: Part, first_ordinal: u32) -> Vec<Passage> {
    let mut b = Builder {
        part,
        ordinal: first_ordinal,
        out: Vec::new(),
        cur: None,
    };
    for para in paragraphs {
        match opening(para) {
            Opening::Label(label, body) => {
                let in_numbered_item = b.cur.as_ref().is_some_and(Group::numbered);
                if label.number.is_none() && in_numbered_item {
                    // b) of a numbered item: part of the item, label kept in the text.
                    b.append(para);
                } else {
                    b.start(Group::labelled(label));
                    b.append(&para[body..]);
                }
            }
            Opening::Bullet(_) => b.append(para),
            Opening::Plain => {
                let labelled = b.cur.as_ref().is_some_and(|g| g.label.is_some());
                if labelled {
                    b.append(para);
                } else {
                    b.start(Group::default());
                    b.append(para);
                }
            }
        }
    }
    b.flush();
    b.out
}

/// What separates paragraphs in a question's text and answer; a paragraph is one line.
pub const PARAGRAPH_BREAK: &str = "\n\n";

/// `text.split(PARAGRAPH_BREAK)`, found with `memchr` (the standard library's search for a
/// string, set up anew for each text, cost a tenth of a search's time here).
fn split_paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    let mut breaks = memchr::memmem::find_iter(text.as_bytes(), PARAGRAPH_BREAK.as_bytes());
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // A break is ASCII: the text is cut at character boundaries.
        let piece = match breaks.next() {
            Some(at) => {
                let piece = text.get(from..at);
                from = at + PARAGRAPH_BREAK.len();
                piece
            }
            None => {
                done = true;
                text.get(from..)
            }
        };
        Some(piece.unwrap_or_default())
    })
}

/// The passages of a question, from its text and answer: the only way they are made, when
/// a file is parsed and when a stored question is read back (the index stores the text
/// once, not again in passages).
pub fn passages_of(question: &str, answer: Option<&str>) -> Vec<Passage> {
    let paras = |text: &str| -> Vec<String> {
        split_paragraphs(text)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut all = passages(&paras(question), Part::Question, 0);
    if let Some(answer) = answer {
        let next = u32::try_from(all.len()).unwrap_or(u32::MAX);
        all.extend(passages(&paras(answer), Part::Answer, next));
    }
    links::link(&mut all);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ps(paras: &[&str]) -> Vec<(Option<String>, String)> {
        let paras: Vec<String> = paras.iter().map(|s| s.to_string()).collect();
        passages(&paras, Part::Answer, 0)
            .into_iter()
            .map(|p| (p.label, p.text))
            .collect()
    }

    fn l(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn paragraphs_split_as_the_standard_library_splits() {
        for text in [
            "",
            "een",
            "een\n\ntwee",
            "\n\neen\n\n",
            "een\n\n\ntwee",
            "een\n\n\n\n\ntwee\n",
            "\n",
            "\n\n\n\n",
            "één\n\nü\n",
        ] {
            let want: Vec<&str> = text.split(PARAGRAPH_BREAK).collect();
            assert_eq!(split_paragraphs(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn plain_paragraphs_are_passages_of_their_own() {
        assert_eq!(
            ps(&["Eerste.", "Tweede."]),
            vec![(None, "Eerste.".into()), (None, "Tweede.".into())]
        );
    }

    #[test]
    fn a_numbered_item_keeps_its_letter_items_and_stray_paragraphs() {
        let got = ps(&[
            "Inleiding.",
            "1. a) Vraag een?",
            "b) Vraag twee?",
            "2. Vraag drie?",
            "a) Vier?",
            "Losse zin na een paginasprong.",
            "b) Vijf?",
        ]);
        assert_eq!(
            got,
            vec![
                (None, "Inleiding.".into()),
                (l("1. a)"), "Vraag een?\nb) Vraag twee?".into()),
                (
                    l("2."),
                    "Vraag drie?\na) Vier?\nLosse zin na een paginasprong.\nb) Vijf?".into()
                ),
            ]
        );
    }

    #[test]
    fn a_bullet_list_stays_with_its_lead_in() {
        let got = ps(&[
            "2. a) + b) In totaal:",
            "- 113 deelnemers;",
            "- 74 deelnemers.",
            "2. c) + d) Zie federaal.",
        ]);
        assert_eq!(
            got,
            vec![
                (
                    l("2. a) + b)"),
                    "In totaal:\n- 113 deelnemers;\n- 74 deelnemers.".into()
                ),
                (l("2. c) + d)"), "Zie federaal.".into()),
            ]
        );
    }

    #[test]
    fn a_label_on_its_own_line_labels_what_follows() {
        let got = ps(&["3. a) + b) + c)", "- eerste;", "- tweede."]);
        assert_eq!(
            got,
            vec![(l("3. a) + b) + c)"), "- eerste;\n- tweede.".into())]
        );
    }

    #[test]
    fn a_long_item_goes_on_under_the_same_label() {
        let long = "x".repeat(MAX_PASSAGE_CHARS - 10);
        let got = ps(&[&format!("1. {long}"), "Nog een alinea."]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], (l("1."), "Nog een alinea.".into()));
    }

    #[test]
    fn a_huge_paragraph_is_cut_at_sentence_ends() {
        let sentence = "Dit is een zin over het beleid van de minister. ";
        let para = sentence.repeat(200);
        let got = ps(&[para.trim()]);
        assert!(got.len() >= 7, "{}", got.len());
        for (label, text) in &got {
            assert_eq!(label, &None);
            assert!(
                text.len() <= MAX_PASSAGE_CHARS && text.ends_with("minister."),
                "{text}"
            );
        }
        let glued = got
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(glued, para.trim());
        // No spaces at all: cut anyway, on character boundaries.
        let ugly = "é".repeat(3000);
        assert_eq!(
            ps(&[&ugly])
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<String>(),
            ugly
        );
    }

    #[test]
    fn ordinals_count_on() {
        let paras = vec!["Een.".to_string(), "Twee.".to_string()];
        let got: Vec<u32> = passages(&paras, Part::Answer, 5)
            .iter()
            .map(|p| p.ordinal)
            .collect();
        assert_eq!(got, vec![5, 6]);
    }
}

//! Links. Question-answer: an answer passage labelled `2. c) + d)` answers question items
//! 2c and 2d; each question passage learns which answer passages answer it, each answer
//! passage which question items it covers. Question-question: the same question put to
//! several ministers (a joint answer) has the same copy key.

use super::label::{Label, Opening, opening};
use crate::model::{Part, Passage};

/// One item: a number, a letter, or both (`2. c)` is `(Some(2), Some('c'))`).
type Item = (Option<u32>, Option<char>);

fn item_label(item: Item) -> String {
    match item {
        (Some(n), Some(l)) => format!("{n}. {l})"),
        (Some(n), None) => format!("{n}."),
        (None, Some(l)) => format!("{l})"),
        (None, None) => String::new(),
    }
}

fn label_items(label: &Label, number: Option<u32>) -> Vec<Item> {
    let n = label.number.or(number);
    if label.letters.is_empty() {
        vec![(n, None)]
    } else {
        label.letters.iter().map(|&l| (n, Some(l))).collect()
    }
}

/// The items of a passage with the text of each: its own label, then (in a question) the
/// letter items inside it (`b) ...` on a line of their own). Lines without a label go with
/// the item before them.
pub fn items(p: &Passage) -> Vec<(String, String)> {
    let own = p.label.as_deref().and_then(|l| match opening(l) {
        Opening::Label(label, _) => Some(label),
        _ => None,
    });
    let number = own.as_ref().and_then(|l| l.number);
    let mut out = vec![(p.label.clone().unwrap_or_default(), String::new())];
    for line in p.text.split('\n') {
        if p.part == Part::Question
            && own.is_some()
            && let Opening::Label(l, at) = opening(line)
            && l.number.is_none()
        {
            let label = Label {
                number,
                letters: l.letters,
            };
            out.push((label.to_string(), line[at..].to_string()));
            continue;
        }
        if let Some((_, text)) = out.last_mut() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
    }
    out.retain(|(_, text)| !text.is_empty());
    out
}

/// Questions shorter than this (normalised) are too generic to call copies.
const MIN_COPY_CHARS: usize = 80;

/// The key that copies of one question share: a hash of its text with case, accents,
/// punctuation and white space folded away (runs of letters and digits, one space
/// between). `None` for a question too short to tell. Hashed as it is scanned: this runs
/// for every question indexed.
pub fn copy_key(question: &str) -> Option<u64> {
    let mut hash = crate::source::Fnv1a::default();
    let mut len = 0;
    let mut gap = false;
    let mut buf = [0u8; 4];
    let mut folded = String::new();
    for c in question.chars() {
        let piece = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase().encode_utf8(&mut buf).as_bytes()
        } else if c.is_ascii() || !c.is_alphanumeric() {
            // An accent written apart belongs to its letter; anything else separates.
            if !unicode_normalization::char::is_combining_mark(c) {
                gap = len > 0;
            }
            continue;
        } else {
            crate::analysis::fold_into(c.encode_utf8(&mut buf), &mut folded);
            folded.as_bytes()
        };
        if gap {
            hash.write(b" ");
            len += 1;
            gap = false;
        }
        hash.write(piece);
        len += piece.len();
    }
    // Zero means `no key` in the index.
    (len >= MIN_COPY_CHARS).then(|| hash.finish().max(1))
}

fn passage_items(p: &Passage) -> Vec<Item> {
    let Some(label) = p.label.as_deref() else {
        return Vec::new();
    };
    let Opening::Label(own, _) = opening(label) else {
        return Vec::new();
    };
    let mut out = label_items(&own, None);
    if p.part == Part::Question {
        for line in p.text.split('\n').skip(1) {
            if let Opening::Label(l, _) = opening(line)
                && l.number.is_none()
            {
                out.extend(label_items(&l, own.number));
            }
        }
    }
    out
}

fn covers(answer: Item, question: Item) -> bool {
    answer.0 == question.0 && (answer.1.is_none() || question.1.is_none() || answer.1 == question.1)
}

/// Fills in `answers` and `answered` of the passages of one question.
pub fn link(passages: &mut [Passage]) {
    let question_items: Vec<(usize, Vec<Item>)> = passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.part == Part::Question)
        .map(|(i, p)| (i, passage_items(p)))
        .collect();
    let all_question_items: Vec<Item> =
        question_items.iter().flat_map(|(_, v)| v.clone()).collect();
    let mut answers: Vec<(usize, String)> = Vec::new();
    for passage in passages.iter_mut() {
        if passage.part != Part::Answer {
            continue;
        }
        let Some(label) = passage.label.clone() else {
            continue;
        };
        let items = passage_items(passage);
        let mut answered: Vec<String> = Vec::new();
        for &a in &items {
            let covered: Vec<Item> = all_question_items
                .iter()
                .copied()
                .filter(|&q| covers(a, q) && (a.1.is_none() || q.1.is_some() || a.1 == q.1))
                .collect();
            // An answer item the question does not spell out still names itself.
            let covered = if covered.is_empty() { vec![a] } else { covered };
            for q in covered {
                let l = item_label(q);
                if !answered.contains(&l) {
                    answered.push(l);
                }
            }
        }
        for (qi, q_items) in &question_items {
            if q_items.iter().any(|&q| items.iter().any(|&a| covers(a, q)))
                && !answers.iter().any(|(j, l)| j == qi && *l == label)
            {
                answers.push((*qi, label.clone()));
            }
        }
        passage.answered = answered;
    }
    for (qi, label) in answers {
        passages[qi].answers.push(label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(part: Part, label: Option<&str>, text: &str) -> Passage {
        Passage {
            part,
            label: label.map(String::from),
            ordinal: 0,
            text: text.to_string(),
            answers: Vec::new(),
            answered: Vec::new(),
            page: None,
        }
    }

    #[test]
    fn answers_link_to_the_items_they_cover_both_ways() {
        let mut ps = vec![
            p(Part::Question, None, "Inleiding."),
            p(Part::Question, Some("1. a)"), "Een?\nb) Twee?"),
            p(
                Part::Question,
                Some("2."),
                "Drie?\na) Vier?\nb) Vijf?\nc) Zes?\nd) Zeven?",
            ),
            p(Part::Question, Some("3."), "Acht?"),
            p(Part::Answer, Some("1. a) + b)"), "Antwoord een."),
            p(Part::Answer, Some("2. a) + b)"), "Antwoord twee."),
            p(Part::Answer, Some("2. c) + d)"), "Antwoord drie."),
            p(Part::Answer, Some("3."), "Antwoord vier."),
            p(Part::Answer, None, "Slot."),
        ];
        link(&mut ps);
        assert!(ps[0].answers.is_empty());
        assert_eq!(ps[1].answers, vec!["1. a) + b)"]);
        assert_eq!(ps[2].answers, vec!["2. a) + b)", "2. c) + d)"]);
        assert_eq!(ps[3].answers, vec!["3."]);
        assert_eq!(ps[4].answered, vec!["1. a)", "1. b)"]);
        assert_eq!(ps[6].answered, vec!["2. c)", "2. d)"]);
        assert_eq!(ps[7].answered, vec!["3."]);
        assert!(ps[8].answered.is_empty());
    }

    #[test]
    fn copies_share_a_key_whatever_their_layout() {
        let a = "Hoeveel gemeenten hebben een aanvraag ingediend? Welke maatregelen neemt de minister om de wachttijden te verkorten?";
        let b = "Hoeveel  gemeenten hebben een aanvraag\ningediend?\n\nWELKE maatregelen neemt de minister om de wachttijden te verkorten ?";
        assert_eq!(copy_key(a), copy_key(b));
        assert!(copy_key(a).is_some());
        assert_ne!(copy_key(a), copy_key(&a.replace("gemeenten", "provincies")));
        assert_eq!(copy_key("Hoeveel?"), None);
        // Hashed as scanned: the same as hashing the normalised text whole.
        let norm = "hoeveel gemeenten hebben een aanvraag ingediend welke maatregelen neemt de minister om de wachttijden te verkorten";
        assert_eq!(copy_key(b), Some(crate::source::fnv1a(norm.as_bytes())));
        assert_eq!(
            copy_key(
                "Financiën: één aanvraag per gemeente, ingediend vóór de deadline van de minister?"
            ),
            copy_key(
                "FINANCIEN een aanvraag per gemeente ingediend voor de deadline van de minister"
            )
        );
    }

    #[test]
    fn a_whole_number_answers_all_its_letters() {
        let mut ps = vec![
            p(Part::Question, Some("1. a)"), "Een?\nb) Twee?"),
            p(Part::Answer, Some("1."), "Samen beantwoord."),
        ];
        link(&mut ps);
        assert_eq!(ps[0].answers, vec!["1."]);
        assert_eq!(ps[1].answered, vec!["1. a)", "1. b)"]);
    }

    #[test]
    fn items_split_a_question_passage_into_sub_questions() {
        let q = p(
            Part::Question,
            Some("2."),
            "Drie?\na) Vier?\nNog een zin.\nb) Vijf?",
        );
        assert_eq!(
            items(&q),
            vec![
                ("2.".to_string(), "Drie?".to_string()),
                ("2. a)".to_string(), "Vier?\nNog een zin.".to_string()),
                ("2. b)".to_string(), "Vijf?".to_string()),
            ]
        );
    }
}

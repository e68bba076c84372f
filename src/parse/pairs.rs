//! Each sub-question beside the answers to it: the one rule that the terminal (`show`)
//! and the question page both render, so that they never disagree.
//!
//! The rule works on the links `links.rs` made: a question passage stands in the row of
//! the answer passages it links to, two sub-questions answered together share a row, an
//! answer passage with no link of its own goes with the one before it (a lead-in before
//! any link gets a row of its own), and a question passage nothing answers on its own
//! (an introduction) joins the row after it. Without any link, the whole question stands
//! beside the whole answer.

use crate::model::{Part, Passage};

/// One row: question passages and the answer passages that answer them. Either side
/// may be empty (an answer's lead-in; sub-questions left unanswered at the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair<'a> {
    pub questions: Vec<&'a Passage>,
    pub answers: Vec<&'a Passage>,
}

/// Whether any question passage links to an answer passage (otherwise [`pairs`] gives
/// the whole question beside the whole answer).
pub fn linked(passages: &[Passage]) -> bool {
    passages
        .iter()
        .any(|p| p.part == Part::Question && !p.answers.is_empty())
}

/// The rows of a question's passages, in order.
pub fn pairs(passages: &[Passage]) -> Vec<Pair<'_>> {
    let of = |part| -> Vec<&Passage> { passages.iter().filter(|p| p.part == part).collect() };
    let (questions, answers) = (of(Part::Question), of(Part::Answer));
    if !linked(passages) {
        if questions.is_empty() && answers.is_empty() {
            return Vec::new();
        }
        return vec![Pair { questions, answers }];
    }
    // Each question passage in the row of the answer it links to, and which row each
    // answer is in.
    let mut rows: Vec<Pair> = Vec::new();
    let mut row_of: Vec<Option<usize>> = vec![None; answers.len()];
    for q in &questions {
        let to: Vec<usize> = (0..answers.len())
            .filter(|&i| {
                answers[i]
                    .label
                    .as_ref()
                    .is_some_and(|l| q.answers.contains(l))
            })
            .collect();
        let r = match to.iter().find_map(|&i| row_of[i]) {
            Some(r) => {
                rows[r].questions.push(q);
                r
            }
            None => {
                rows.push(Pair {
                    questions: vec![q],
                    answers: Vec::new(),
                });
                rows.len() - 1
            }
        };
        for i in to {
            row_of[i].get_or_insert(r);
        }
    }
    let mut lead = Vec::new();
    let mut last = None;
    for (i, a) in answers.iter().enumerate() {
        match row_of[i].or(last) {
            Some(r) => {
                rows[r].answers.push(a);
                last = Some(r);
            }
            None => lead.push(*a),
        }
    }
    // A question passage nothing answers on its own joins the next row.
    let mut out: Vec<Pair> = Vec::new();
    let mut waiting: Vec<&Passage> = Vec::new();
    for mut row in rows {
        waiting.append(&mut row.questions);
        if row.answers.is_empty() {
            continue;
        }
        out.push(Pair {
            questions: std::mem::take(&mut waiting),
            answers: row.answers,
        });
    }
    if !waiting.is_empty() {
        out.push(Pair {
            questions: waiting,
            answers: Vec::new(),
        });
    }
    if !lead.is_empty() {
        out.insert(
            0,
            Pair {
                questions: Vec::new(),
                answers: lead,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(part: Part, label: &str, answers: &[&str]) -> Passage {
        Passage {
            part,
            label: (!label.is_empty()).then(|| label.to_string()),
            ordinal: 0,
            text: format!("{label} text"),
            answers: answers.iter().map(|s| s.to_string()).collect(),
            answered: Vec::new(),
            page: None,
        }
    }

    fn texts(v: &[&Passage]) -> Vec<String> {
        v.iter().map(|p| p.text.clone()).collect()
    }

    #[test]
    fn each_sub_question_stands_beside_its_answer() {
        let ps = vec![
            passage(Part::Question, "", &[]),
            passage(Part::Question, "1.", &["1."]),
            passage(Part::Question, "2.", &["2. + 3."]),
            passage(Part::Question, "3.", &["2. + 3."]),
            passage(Part::Question, "4.", &[]),
            passage(Part::Answer, "", &[]),
            passage(Part::Answer, "1.", &[]),
            passage(Part::Answer, "", &[]),
            passage(Part::Answer, "2. + 3.", &[]),
        ];
        assert!(linked(&ps));
        let r = pairs(&ps);
        assert_eq!(r.len(), 4);
        // The answer's lead-in stands alone; the introduction joins sub-question 1.
        assert!(r[0].questions.is_empty());
        assert_eq!(texts(&r[0].answers), [" text"]);
        assert_eq!(texts(&r[1].questions), [" text", "1. text"]);
        assert_eq!(texts(&r[1].answers), ["1. text", " text"]);
        // 2. and 3. share one answer: they stand together beside it.
        assert_eq!(texts(&r[2].questions), ["2. text", "3. text"]);
        assert_eq!(texts(&r[2].answers), ["2. + 3. text"]);
        // 4. is answered by nothing labelled for it.
        assert_eq!(texts(&r[3].questions), ["4. text"]);
        assert!(r[3].answers.is_empty());
    }

    #[test]
    fn without_links_the_whole_question_stands_beside_the_whole_answer() {
        let ps = vec![
            passage(Part::Question, "1.", &[]),
            passage(Part::Question, "2.", &[]),
            passage(Part::Answer, "", &[]),
        ];
        assert!(!linked(&ps));
        let r = pairs(&ps);
        assert_eq!(r.len(), 1);
        assert_eq!(texts(&r[0].questions), ["1. text", "2. text"]);
        assert_eq!(texts(&r[0].answers), [" text"]);
        assert!(pairs(&[]).is_empty());
    }
}

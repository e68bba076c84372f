//! Indexing the fixture folder and searching it: stemming, syntax, filters, ranking.

use crate::util::{TestCorpus, files};
use std::sync::LazyLock;
use vraagbaak::Part;
use vraagbaak::parse::date::parse_iso;
use vraagbaak::search::Filters;

/// One indexed fixture corpus, shared by the read-only tests below.
static CORPUS: LazyLock<TestCorpus> = LazyLock::new(|| {
    let c = TestCorpus::fixtures();
    c.index();
    c
});

fn found(query: &str) -> Vec<String> {
    files(&CORPUS.search(query))
}

fn found_with(query: &str, filters: Filters) -> Vec<String> {
    files(&CORPUS.search_with(query, filters))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn names(list: &[&str]) -> Vec<String> {
    sorted(list.iter().map(|s| s.to_string()).collect())
}

#[test]
fn the_index_summary_counts_and_names_skips() {
    let c = TestCorpus::fixtures();
    let r = c.index();
    assert_eq!(r.files_seen, 6);
    assert_eq!(r.questions_indexed, 5);
    // The notes file is skipped, not added.
    assert_eq!(r.added, 5);
    assert_eq!(r.other_files, 1);
    assert_eq!(r.skipped.len(), 1);
    assert!(r.skipped[0].path.ends_with("LEESMIJ.txt"));
    assert_eq!(r.skipped[0].reason, "no question found");
}

#[test]
fn reindexing_the_same_folder_duplicates_nothing() {
    let c = TestCorpus::fixtures();
    c.index();
    let before = c.search("gemeenten");
    c.index();
    c.index();
    let after = c.search("gemeenten");
    assert_eq!(before.total, after.total);
    assert!(before.total > 0);
}

#[test]
fn a_changed_file_is_replaced_and_a_removed_one_dropped() {
    let c = TestCorpus::fixtures();
    c.index();
    assert_eq!(files(&c.search("zwerfkatten")), vec!["sv-2024-19.txt"]);
    let changed = crate::fixtures::ZWERFKATTEN.replace("zwerfkatten", "kippen");
    c.write("2024/sv-2024-19.txt", changed.as_bytes());
    std::fs::remove_file(c.corpus().join("2019/sv-2019-5.txt")).expect("rm");
    let r = c.index();
    assert_eq!(r.removed, 1);
    // The title still says Zwerfkatten, the text no longer does: the question is found
    // by its title alone.
    let by_title = c.search("zwerfkatten");
    assert_eq!(files(&by_title), vec!["sv-2024-19.txt"]);
    assert!(
        by_title
            .hits
            .iter()
            .all(|h| !h.passage.contains("zwerfkatten"))
    );
    assert_eq!(files(&c.search("kippen")), vec!["sv-2024-19.txt"]);
    assert_eq!(c.search("leningen").total, 0);
}

#[test]
fn dutch_stemming_finds_other_forms() {
    // provincie / provincies, kind / kinderen, gemeente / gemeenten.
    let r = CORPUS.search("provincie");
    assert_eq!(files(&r), vec!["sv-2021-88.txt"]);
    assert_eq!(r.total, 3, "question intro, item 1 and answer 1");
    assert_eq!(found("kind"), vec!["sv-2021-88.txt"]);
    assert_eq!(CORPUS.search("kind").total, 2);
    assert_eq!(found("gemeente"), found("gemeenten"));
}

#[test]
fn repaired_words_are_found() {
    // `leer-` / `krachten` at a line end, `informatie-` / `uitwisseling`, `Daar-` / `naast`.
    assert!(found("leerkrachten").contains(&"sv-2023-412.txt".to_string()));
    assert_eq!(found("uitwisseling"), vec!["sv-2023-412.txt"]);
    assert_eq!(found("informatie-uitwisseling"), vec!["sv-2023-412.txt"]);
    assert_eq!(found("daarnaast"), vec!["sv-2023-412.txt"]);
    assert_eq!(found("centrumsteden"), vec!["sv-2023-412.txt"]);
    // A page break inside a sentence: the phrase across it still matches.
    assert_eq!(
        found("\"leerkrachten te verlagen\""),
        vec!["sv-2023-412.txt"]
    );
}

#[test]
fn case_and_diacritics_fold() {
    assert_eq!(found("FINANCIEN"), vec!["sv-2019-5.txt"]);
    assert_eq!(found("financiën"), vec!["sv-2019-5.txt"]);
}

#[test]
fn phrases_keep_word_order() {
    assert_eq!(found("\"gedeeld beroepsgeheim\""), vec!["sv-2021-88.txt"]);
    assert_eq!(CORPUS.search("\"beroepsgeheim gedeeld\"").total, 0);
    // A stop word inside a phrase keeps its place.
    assert_eq!(
        found("\"werkdruk van de leerkrachten\""),
        vec!["sv-2023-412.txt"]
    );
}

#[test]
fn excluded_words_remove_passages() {
    // The five passages of the question with beroepsgeheim in its title; the two that
    // hold the word themselves first.
    let all = CORPUS.search("beroepsgeheim");
    assert_eq!(all.total, 5);
    assert!(
        all.hits[..2]
            .iter()
            .all(|h| h.passage.contains("beroepsgeheim"))
    );
    assert!(
        all.hits[2..]
            .iter()
            .all(|h| !h.passage.contains("beroepsgeheim"))
    );
    let without = CORPUS.search("beroepsgeheim -politie");
    assert_eq!(without.total, 4);
    assert!(without.hits.iter().all(|h| !h.passage.contains("politie")));
    assert_eq!(CORPUS.search("beroepsgeheim NOT politie").total, 4);
}

#[test]
fn or_joins_alternatives() {
    assert_eq!(
        sorted(found("zwerfkatten OR leningen")),
        names(&["sv-2019-5.txt", "sv-2024-19.txt"])
    );
}

#[test]
fn prefixes_match_the_start_of_words() {
    assert_eq!(found("sterilisatie*"), vec!["sv-2024-19.txt"]);
    let r = CORPUS.search("hitte*");
    assert_eq!(files(&r), vec!["sv-hitteplan.txt"]);
    assert!(
        r.hits[0].snippet.contains("<mark>hitteplan</mark>"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn only_stop_words_find_nothing_and_say_so() {
    let r = CORPUS.search("het");
    assert_eq!(r.total, 0);
    assert!(
        r.notices.iter().any(|n| n.contains("stop words")),
        "{:?}",
        r.notices
    );
}

#[test]
fn minister_filter_matches_any_part_of_the_name() {
    let want = names(&["sv-2023-412.txt", "sv-2024-19.txt"]);
    for name in [
        "verstraelen",
        "Kobe Verstraelen",
        "KOBE",
        "kobe  VERSTRAELEN",
    ] {
        let f = Filters {
            minister: Some(name.into()),
            ..Filters::default()
        };
        assert_eq!(
            sorted(found_with("gemeenten OR leerkrachten", f)),
            want,
            "{name}"
        );
    }
    let f = Filters {
        minister: Some("van acker".into()),
        ..Filters::default()
    };
    assert_eq!(found_with("gemeenten", f), vec!["sv-2019-5.txt"]);
    let f = Filters {
        minister: Some("Somers".into()),
        ..Filters::default()
    };
    let r = CORPUS.search_with("gemeenten", f);
    assert_eq!(r.total, 0);
    assert!(
        r.notices.iter().any(|n| n.contains("Somers")),
        "{:?}",
        r.notices
    );
}

#[test]
fn asker_filter_folds_accents() {
    for name in ["séverine", "Severine Lambrechts", "LAMBRECHTS"] {
        let f = Filters {
            asker: Some(name.into()),
            ..Filters::default()
        };
        assert_eq!(found_with("gemeenten", f), vec!["sv-2019-5.txt"], "{name}");
    }
    let f = Filters {
        asker: Some("op de beeck".into()),
        ..Filters::default()
    };
    assert_eq!(found_with("gemeenten", f), vec!["sv-2024-19.txt"]);
    let f = Filters {
        asker: Some("d'haeseleer".into()),
        ..Filters::default()
    };
    assert_eq!(found_with("provincie", f), vec!["sv-2021-88.txt"]);
}

#[test]
fn date_filters_are_inclusive() {
    let day = |s| parse_iso(s);
    let f = Filters {
        from: day("2023-03-14"),
        to: day("2023-03-14"),
        ..Filters::default()
    };
    assert_eq!(
        found_with("leerkrachten OR gemeenten", f),
        vec!["sv-2023-412.txt"]
    );
    let f = Filters {
        from: day("2023-03-15"),
        ..Filters::default()
    };
    assert_eq!(
        found_with("leerkrachten OR gemeenten", f),
        vec!["sv-2024-19.txt"]
    );
    let f = Filters {
        to: day("2019-12-31"),
        ..Filters::default()
    };
    assert_eq!(found_with("gemeenten", f), vec!["sv-2019-5.txt"]);
    // A question without a date is left out once a date filter is set.
    let f = Filters {
        from: day("1990-01-01"),
        ..Filters::default()
    };
    assert!(found_with("hitteplan", f).is_empty());
    assert_eq!(found("hitteplan"), vec!["sv-hitteplan.txt"]);
    // With no word wanted, the filter alone picks the passages.
    let f = Filters {
        from: day("2023-03-14"),
        to: day("2023-03-14"),
        ..Filters::default()
    };
    assert_eq!(found_with("-onbekendwoord", f), vec!["sv-2023-412.txt"]);
}

#[test]
fn reversed_dates_are_a_usage_error() {
    let f = Filters {
        from: parse_iso("2024-01-01"),
        to: parse_iso("2023-01-01"),
        ..Filters::default()
    };
    let req = vraagbaak::search::SearchRequest {
        query: "gemeenten".into(),
        filters: f,
        limit: 10,
        ..vraagbaak::search::SearchRequest::new("gemeenten")
    };
    let e = vraagbaak::search::search(&CORPUS.store(), &req).expect_err("from after to");
    assert!(e.is_usage());
}

#[test]
fn topic_filter_takes_words_of_the_title() {
    let f = Filters {
        topic: Some("lerarentekort".into()),
        ..Filters::default()
    };
    assert_eq!(
        found_with("leerkrachten OR gemeenten", f),
        vec!["sv-2023-412.txt"]
    );
    let f = Filters {
        topic: Some("Gedeeld beroepsgeheim".into()),
        ..Filters::default()
    };
    assert_eq!(found_with("provincie", f), vec!["sv-2021-88.txt"]);
}

#[test]
fn part_filter_keeps_question_or_answer_passages() {
    let q = CORPUS.search_with(
        "provincie",
        Filters {
            part: Some(Part::Question),
            ..Filters::default()
        },
    );
    let a = CORPUS.search_with(
        "provincie",
        Filters {
            part: Some(Part::Answer),
            ..Filters::default()
        },
    );
    assert_eq!((q.total, a.total), (2, 1));
    assert!(q.hits.iter().all(|h| h.part == Part::Question));
    assert!(a.hits.iter().all(|h| h.part == Part::Answer));
}

#[test]
fn filters_combine() {
    let f = Filters {
        minister: Some("verstraelen".into()),
        from: parse_iso("2024-01-01"),
        part: Some(Part::Question),
        topic: Some("zwerfkatten".into()),
        ..Filters::default()
    };
    assert_eq!(found_with("gemeenten", f), vec!["sv-2024-19.txt"]);
    let f = Filters {
        minister: Some("verstraelen".into()),
        asker: Some("lambrechts".into()),
        ..Filters::default()
    };
    assert!(found_with("gemeenten", f).is_empty());
}

#[test]
fn passages_with_every_word_rank_above_those_with_some() {
    let r = CORPUS.search("gemeenten leningen");
    // Both words stand only in the question and answer of sv-2019-5.
    let both: Vec<bool> = r
        .hits
        .iter()
        .map(|h| h.passage.contains("gemeenten") && h.passage.contains("leningen"))
        .collect();
    let first_partial = both.iter().position(|b| !b).expect("partial matches too");
    assert!(first_partial >= 2, "{both:?}");
    assert!(both[first_partial..].iter().all(|b| !b), "{both:?}");
    assert_eq!(r.total, r.hits.len());
    assert!(r.total > 2);
    // Hits stay ordered by score.
    assert!(
        r.hits.windows(2).all(|w| w[0].score >= w[1].score),
        "{:?}",
        r.hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
}

#[test]
fn a_match_in_the_title_weighs_extra() {
    let doc = |title: &str| {
        format!(
            "SCHRIFTELIJKE VRAAG nr. 1 van AN PEETERS\ndatum: 1 juni 2020\naan BO DE WIT\nVLAAMS MINISTER VAN DIERENWELZIJN\n\n{title}\n\nHoeveel zwerfkatten telt de stad?\n\nANTWOORD\nop vraag nr. 1 van 1 juni 2020\nvan AN PEETERS\n\nDat weten we niet.\n"
        )
    };
    let c = TestCorpus::new(&[
        ("a-dieren.txt", doc("Dierenwelzijn  -  Beleid").into_bytes()),
        ("b-katten.txt", doc("Zwerfkatten  -  Beleid").into_bytes()),
        (
            "c-dieren.txt",
            doc("Dierenwelzijn  -  Cijfers").into_bytes(),
        ),
    ]);
    c.index();
    let r = c.search("zwerfkatten");
    assert_eq!(files(&r)[0], "b-katten.txt");
    assert!(r.hits[0].score > r.hits[1].score);
}

#[test]
fn hits_carry_the_question_and_a_highlighted_snippet() {
    let r = CORPUS.search("beroepsgeheim");
    let h = &r.hits[0];
    assert_eq!(h.meta.number, Some(88));
    assert_eq!(h.meta.minister.as_deref(), Some("Anneke De Groote"));
    assert_eq!(h.meta.asker.as_deref(), Some("Joris D'haeseleer"));
    assert_eq!(h.meta.date.as_deref(), Some("2021-10-03"));
    assert!(
        h.snippet.contains("<mark>beroepsgeheim</mark>"),
        "{}",
        h.snippet
    );
    let first = h.highlights.first().cloned().expect("a highlight");
    assert_eq!(h.passage[first].to_lowercase(), "beroepsgeheim");
    let shown = vraagbaak::show(&CORPUS.store(), &h.meta.doc_id).expect("show");
    assert_eq!(shown.question.passages.len(), 5);
    assert!(shown.question.passages.iter().any(|p| p.text == h.passage));
}

#[test]
fn show_of_an_unknown_id_is_an_error() {
    let e = vraagbaak::show(&CORPUS.store(), "nope").expect_err("unknown");
    assert!(matches!(e, vraagbaak::Error::NotFound(_)));
}

#[test]
fn broken_queries_are_usage_errors() {
    for q in ["\"\"", "OR", "a OR", "-", " – "] {
        let req = vraagbaak::search::SearchRequest::new(q);
        let e = vraagbaak::search::search(&CORPUS.store(), &req).expect_err(q);
        assert!(e.is_usage(), "{q}: {e}");
    }
}

#[test]
fn bulletin_questions_are_searchable_and_shown_one_by_one() {
    let c = TestCorpus::new(&[(
        "bulletin-2006-07.txt",
        crate::fixtures::BULLETIN.as_bytes().to_vec(),
    )]);
    let r = c.index();
    assert_eq!((r.files_seen, r.questions_indexed), (1, 3));
    let f = Filters {
        minister: Some("de mey".into()),
        ..Filters::default()
    };
    let hits = c.search_with("wachtlijsten OR gewestwegen", f).hits;
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h.meta.minister.as_deref() == Some("Liesbet De Mey")
                && h.meta.number == Some(12))
    );
    let hits = c.search("trajectcontroles").hits;
    assert!(
        hits.iter()
            .all(|h| h.meta.minister.as_deref() == Some("Jan Vermeersch"))
    );
    let id = &hits[0].meta.doc_id;
    assert!(id.ends_with("#2"), "{id}");
    let q = vraagbaak::show(&c.store(), id).expect("show").question;
    assert_eq!(q.meta.number, Some(44));
    // Re-indexing the bulletin replaces all its questions, doubling none.
    c.index();
    assert_eq!(c.search("trajectcontroles").total, hits.len());
}

#[test]
fn a_joint_answer_is_shown_once_with_the_copies_under_it() {
    let c = TestCorpus::new(&crate::fixtures::joint_corpus());
    c.index();
    let r = c.search("hitteplan");
    // The question passages of the three copies collapse into one hit each.
    let question_hits: Vec<_> = r.hits.iter().filter(|h| h.part == Part::Question).collect();
    let mut labels: Vec<Option<&str>> = question_hits.iter().map(|h| h.label.as_deref()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(
        labels.len(),
        question_hits.len(),
        "one hit per passage, not per copy"
    );
    for h in &question_hits {
        // The copy shown is the one with the full, coordinated answer.
        assert_eq!(
            h.meta.minister.as_deref(),
            Some("Anneke De Groote"),
            "{h:?}"
        );
        let mut others: Vec<&str> = h
            .also_answered_by
            .iter()
            .filter_map(|l| l.minister.as_deref())
            .collect();
        others.sort();
        assert_eq!(others, vec!["Kobe Verstraelen", "Liesbet De Mey"]);
    }
    // The coordinated answer itself is found once.
    let answers: Vec<_> = r.hits.iter().filter(|h| h.part == Part::Answer).collect();
    assert_eq!(answers.len(), 2, "{answers:?}");
    // With a filter on a referring minister, that minister's copy is what matches.
    let f = Filters {
        minister: Some("verstraelen".into()),
        ..Filters::default()
    };
    let r = c.search_with("hitteplan", f);
    assert!(
        r.hits
            .iter()
            .all(|h| h.meta.minister.as_deref() == Some("Kobe Verstraelen"))
    );
    assert!(!r.hits.is_empty());
    // show lists the linked questions.
    let shown = vraagbaak::show(&c.store(), &r.hits[0].meta.doc_id).expect("show");
    let mut names: Vec<&str> = shown
        .linked
        .iter()
        .filter_map(|l| l.minister.as_deref())
        .collect();
    names.sort();
    assert_eq!(names, vec!["Anneke De Groote", "Liesbet De Mey"]);
    // An unrelated question has no copies.
    let other = &c.search("zij-instromers").hits[0];
    assert!(other.also_answered_by.is_empty());
}

#[test]
fn hits_carry_question_answer_links() {
    let r = CORPUS.search("zij-instromers");
    let q = r
        .hits
        .iter()
        .find(|h| h.part == Part::Question)
        .expect("question hit");
    assert_eq!(q.label.as_deref(), Some("1. a)"));
    assert_eq!(q.answers, vec!["1. a) + b)"]);
    let a = r
        .hits
        .iter()
        .find(|h| h.part == Part::Answer)
        .expect("answer hit");
    assert_eq!(a.answered, vec!["1. a)", "1. b)"]);
}

/// The date filter neither loses nor doubles a passage: on a synthetic corpus (every
/// question dated, 2004 to 2025), the matches up to a day and the matches from the next day
/// on add up to all matches, for words, phrases and alternatives, and each side keeps only
/// hits from its own side of the cut.
#[test]
fn a_date_cut_splits_the_matches_exactly() {
    let c = TestCorpus::new(&[]);
    vraagbaak_synth::write_corpus(&c.corpus(), 300, 11).expect("corpus");
    c.index();
    let search = |q: &str, from: Option<&str>, to: Option<&str>| {
        c.search_with(
            q,
            Filters {
                from: from.and_then(parse_iso),
                to: to.and_then(parse_iso),
                ..Filters::default()
            },
        )
    };
    for q in [
        "gemeenten",
        "\"maatregelen neemt\"",
        "huurders OR politiezones",
    ] {
        let all = search(q, None, None).total;
        assert!(all > 20, "{q}: {all} matches is too few to test");
        for (last, first) in [
            ("2009-06-14", "2009-06-15"),
            ("2014-12-31", "2015-01-01"),
            ("2020-02-28", "2020-02-29"),
        ] {
            let before = search(q, None, Some(last));
            let after = search(q, Some(first), None);
            assert_eq!(before.total + after.total, all, "{q} cut after {last}");
            assert!(before.total > 0 && after.total > 0, "{q} cut after {last}");
            assert!(
                before
                    .hits
                    .iter()
                    .all(|h| h.meta.date.as_deref() <= Some(last)),
                "{q}"
            );
            assert!(
                after
                    .hits
                    .iter()
                    .all(|h| h.meta.date.as_deref() >= Some(first)),
                "{q}"
            );
        }
    }
}

#[test]
fn a_search_within_given_questions_finds_only_their_passages() {
    let c = &*CORPUS;
    let everywhere = c.search("gemeenten");
    let ids: Vec<String> = everywhere
        .hits
        .iter()
        .map(|h| h.meta.doc_id.clone())
        .collect();
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() >= 2, "{ids:?}");
    let wanted = distinct[0].clone();
    let within = c.search_with(
        "gemeenten",
        Filters {
            doc_ids: vec![wanted.clone()],
            ..Filters::default()
        },
    );
    assert!(within.hits.iter().all(|h| h.meta.doc_id == wanted));
    assert_eq!(
        within.hits.len(),
        ids.iter().filter(|i| **i == wanted).count(),
        "every passage of it that matches, and no other"
    );
    let none = c.search_with(
        "gemeenten",
        Filters {
            doc_ids: vec!["no-such-question".into()],
            ..Filters::default()
        },
    );
    assert_eq!(none.total, 0);
}

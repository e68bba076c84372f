//! Incremental indexing: only what changed is read and parsed; moved files keep their ids.

use crate::fixtures;
use crate::util::{TestCorpus, files};

#[test]
fn a_second_run_reads_nothing_that_did_not_change() {
    let c = TestCorpus::fixtures();
    let first = c.index();
    assert_eq!((first.added, first.unchanged), (5, 0));
    let again = c.index();
    assert_eq!(
        (again.added, again.updated, again.unchanged, again.removed),
        (0, 0, 6, 0)
    );
    assert_eq!(again.questions_indexed, 0);
    assert_eq!(again.questions_total, 5);
    // The file without a question is still reported, from its recorded state.
    assert_eq!(again.skipped.len(), 1);
}

#[test]
fn a_touched_file_is_checked_by_content_and_left_alone() {
    let c = TestCorpus::fixtures();
    c.index();
    // Same bytes, new modification time.
    std::thread::sleep(std::time::Duration::from_millis(20));
    c.write("2019/sv-2019-5.txt", fixtures::LENINGEN.as_bytes());
    let r = c.index();
    assert_eq!((r.updated, r.unchanged, r.questions_indexed), (0, 6, 0));
    // And the new time is recorded: the next run does not even read it.
    let r = c.index();
    assert_eq!(r.unchanged, 6);
}

#[test]
fn added_changed_and_removed_files_are_counted_and_applied() {
    let c = TestCorpus::fixtures();
    c.index();
    c.write(
        "2025/nieuw.txt",
        fixtures::ZWERFKATTEN
            .replace("nr. 19", "nr. 20")
            .replace("zwerfkatten", "duiven")
            .as_bytes(),
    );
    c.write(
        "2019/sv-2019-5.txt",
        fixtures::LENINGEN
            .replace("312 leningen", "400 leningen")
            .as_bytes(),
    );
    std::fs::remove_file(c.corpus().join("sv-hitteplan.txt")).expect("rm");
    let r = c.index();
    assert_eq!((r.added, r.updated, r.removed, r.unchanged), (1, 1, 1, 4));
    assert_eq!(r.questions_indexed, 2);
    assert_eq!(r.questions_total, 5);
    assert_eq!(files(&c.search("duiven")), vec!["nieuw.txt"]);
    assert_eq!(c.search("hitteplan").total, 0);
    assert!(
        c.search("leningen")
            .hits
            .iter()
            .any(|h| h.passage.contains("400 leningen"))
    );
    assert!(
        !c.search("leningen")
            .hits
            .iter()
            .any(|h| h.passage.contains("312 leningen"))
    );
}

#[test]
fn a_moved_file_keeps_its_id_and_is_not_analysed_again() {
    let c = TestCorpus::fixtures();
    c.index();
    let before = c.search("zij-instromers");
    let id = before.hits[0].meta.doc_id.clone();
    std::fs::create_dir_all(c.corpus().join("archief")).expect("mkdir");
    std::fs::rename(
        c.corpus().join("2023/sv-2023-412.txt"),
        c.corpus().join("archief/vraag-412.txt"),
    )
    .expect("move");
    let r = c.index();
    assert_eq!(
        (r.moved, r.added, r.removed, r.questions_indexed),
        (1, 0, 0, 0)
    );
    let after = c.search("zij-instromers");
    assert_eq!(after.total, before.total, "nothing doubled or lost");
    assert_eq!(after.hits[0].meta.doc_id, id);
    assert_eq!(
        after.hits[0].meta.path,
        c.corpus().join("archief/vraag-412.txt").to_string_lossy()
    );
    let q = vraagbaak::show(&c.store(), &id).expect("show").question;
    assert!(
        q.meta.path.ends_with("archief/vraag-412.txt"),
        "{}",
        q.meta.path
    );
    // A later run sees it as unchanged at its new place.
    let r = c.index();
    assert_eq!((r.unchanged, r.moved), (6, 0));
}

#[test]
fn rebuild_starts_from_scratch() {
    let c = TestCorpus::fixtures();
    c.index();
    let r = vraagbaak::indexing::index_paths(
        &c.index_dir(),
        &[c.corpus()],
        &vraagbaak::indexing::IndexOptions {
            rebuild: true,
            ..Default::default()
        },
    )
    .expect("rebuild");
    assert_eq!((r.added, r.unchanged, r.questions_total), (5, 0, 5));
}

/// A run that only records new modification times commits a segment of file states, with
/// no dated passage in it: date-filtered searches must still work and find the same.
#[test]
fn a_segment_without_dates_does_not_break_date_filters() {
    let c = TestCorpus::fixtures();
    c.index();
    let filters = || vraagbaak::search::Filters {
        from: vraagbaak::parse::date::parse_iso("2019-01-01"),
        ..Default::default()
    };
    let before = c.search_with("gemeenten", filters()).total;
    assert!(before > 0);
    std::thread::sleep(std::time::Duration::from_millis(20));
    c.write("2019/sv-2019-5.txt", fixtures::LENINGEN.as_bytes());
    assert_eq!(c.index().unchanged, 6);
    let segments = c
        .store()
        .reader()
        .expect("reader")
        .searcher()
        .segment_readers()
        .len();
    assert!(
        segments >= 2,
        "the touch-only run made no segment of its own"
    );
    assert_eq!(c.search_with("gemeenten", filters()).total, before);
}

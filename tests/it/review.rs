//! Defects a review of the library found, and a new user trying it, each pinned by the
//! test named after it.

use crate::util::TestCorpus;
use crate::util::{failure, json, stdout, vraagbaak};
use serde_json::Value;
use std::path::Path;

/// A folder laid out as a fresh clone is: `./corpus` with the real sample, no `./index`.
fn fresh_clone() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for entry in std::fs::read_dir(&sample).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        std::fs::copy(&path, corpus.join(name)).expect("copy");
    }
    dir
}

#[test]
fn index_json_says_moved_as_the_text_summary_does() {
    let c = TestCorpus::fixtures();
    stdout(vraagbaak(c.root()).args(["index"]));
    std::fs::create_dir_all(c.corpus().join("archief")).expect("mkdir");
    std::fs::rename(
        c.corpus().join("sv-hitteplan.txt"),
        c.corpus().join("archief/sv-hitteplan.txt"),
    )
    .expect("move");
    let v = json(vraagbaak(c.root()).args(["index", "--json"]));
    assert_eq!(v["moved"], 1, "{v}");
    assert!(v.get("renamed").is_none(), "{v}");
    let text = stdout(vraagbaak(c.root()).args(["index"]));
    assert!(
        !text.contains("moved"),
        "nothing moved the second time: {text}"
    );
}

#[test]
fn a_damaged_index_is_named_once_with_the_rebuild_for_that_index() {
    let c = TestCorpus::fixtures();
    stdout(vraagbaak(c.root()).args(["--index", "idx", "index", "corpus"]));
    std::fs::write(c.root().join("idx/meta.json"), "").expect("cut meta.json");
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "idx", "search", "x"]));
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("meta.json").count(), 1, "said twice: {err}");
    assert!(err.contains("the index at ./idx is damaged"), "{err}");
    assert!(
        err.contains("`vraagbaak --index idx index --rebuild FOLDER...`"),
        "{err}"
    );
    // Following the advice mends it.
    stdout(vraagbaak(c.root()).args(["--index", "idx", "index", "--rebuild", "corpus"]));
    stdout(vraagbaak(c.root()).args(["--index", "idx", "search", "hitteplan"]));
}

#[test]
fn show_similar_and_acronyms_work_on_a_fresh_clone_before_any_index_run() {
    let clone = fresh_clone();
    // The id the sample gets in this clone, as search would print it.
    let sample = std::fs::read_dir(clone.path().join("corpus"))
        .expect("corpus")
        .next()
        .expect("a file")
        .expect("entry")
        .path();
    let id = vraagbaak::source::doc_id_for(&sample.canonicalize().expect("canonical"));
    assert!(!clone.path().join("index").exists());
    let out = vraagbaak(clone.path())
        .args(["show", &id])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("Lokale integrale veiligheidscellen"),
        "{shown}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("indexing ./corpus first"),
        "it says why it indexes"
    );

    let clone = fresh_clone();
    let sample = clone
        .path()
        .join("corpus")
        .join(sample.file_name().expect("name"));
    let id = vraagbaak::source::doc_id_for(&sample.canonicalize().expect("canonical"));
    let v = json(vraagbaak(clone.path()).args(["similar", &id, "--json"]));
    assert_eq!(v["of"]["doc_id"], Value::String(id.clone()));

    let clone = fresh_clone();
    let text = stdout(vraagbaak(clone.path()).args(["acronyms"]));
    assert!(text.contains("LIVC"), "{text}");
}

#[test]
fn a_named_index_that_is_not_there_reads_well() {
    let clone = fresh_clone();
    for command in [
        vec!["search", "x"],
        vec!["show", "x"],
        vec!["similar", "x"],
        vec!["acronyms"],
        vec!["stats"],
    ] {
        let (code, err) = failure(
            vraagbaak(clone.path())
                .args(["--index", "elders"])
                .args(&command),
        );
        assert_eq!(code, 1, "{command:?}");
        assert_eq!(
            err.trim_end(),
            "vraagbaak: no index at ./elders; build it with `vraagbaak --index elders index FOLDER...`",
            "{command:?}"
        );
    }
    // Without ./corpus the default index is not built: the advice is the plain command.
    let empty = tempfile::tempdir().expect("temp");
    let (_, err) = failure(vraagbaak(empty.path()).args(["show", "x"]));
    assert_eq!(
        err.trim_end(),
        "vraagbaak: no index at ./index; build it with `vraagbaak index FOLDER...`"
    );
}

#[test]
fn only_question_hits_carry_matching_passages() {
    let c = TestCorpus::fixtures();
    stdout(vraagbaak(c.root()).args(["index"]));
    let passages = json(vraagbaak(c.root()).args([
        "search",
        "beroepsgeheim",
        "--per-question",
        "1",
        "--facets",
        "--json",
    ]));
    let hits = passages["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h.get("matching_passages").is_none()),
        "{passages}"
    );
    let questions = json(vraagbaak(c.root()).args([
        "search",
        "beroepsgeheim",
        "--questions",
        "--facets",
        "--json",
    ]));
    let hits = questions["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["matching_passages"].as_u64() >= Some(1)),
        "{questions}"
    );
    // The CSV of questions has the column, as JSON has the key.
    let csv = stdout(vraagbaak(c.root()).args([
        "search",
        "beroepsgeheim",
        "--questions",
        "--format",
        "csv",
    ]));
    let head = csv.lines().next().expect("header");
    assert!(head.ends_with(",matching_passages"), "{head}");
}

#[test]
fn a_single_match_is_said_in_the_singular() {
    let c = TestCorpus::fixtures();
    stdout(vraagbaak(c.root()).args(["index"]));
    // One passage holds the phrase; its question is one question.
    let v =
        json(vraagbaak(c.root()).args(["search", "\"hitteplan\"", "--part", "question", "--json"]));
    assert_eq!(v["total"], 1, "{v}");
    let text = stdout(vraagbaak(c.root()).args(["search", "\"hitteplan\"", "--part", "question"]));
    let head = text.lines().next().expect("head line");
    assert!(
        head.starts_with("1 passage matches `\"hitteplan\"`"),
        "{head}"
    );
    let text = stdout(vraagbaak(c.root()).args([
        "search",
        "\"hitteplan\"",
        "--part",
        "question",
        "--questions",
    ]));
    let head = text.lines().next().expect("head line");
    assert!(
        head.starts_with("1 question matches `\"hitteplan\"` (1 passage)"),
        "{head}"
    );
}

#[test]
fn an_index_folder_emptied_by_hand_is_built_again() {
    let clone = fresh_clone();
    stdout(vraagbaak(clone.path()).args(["search", "beroepsgeheim"]));
    // `rm index/*` leaves tantivy's hidden files (its file list, its lock files).
    for entry in std::fs::read_dir(clone.path().join("index")).expect("index") {
        let path = entry.expect("entry").path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden {
            std::fs::remove_file(&path).expect("remove");
        }
    }
    assert!(clone.path().join("index/.managed.json").exists());
    let text = stdout(vraagbaak(clone.path()).args(["search", "beroepsgeheim"]));
    assert!(text.starts_with("3 passages match"), "{text}");
}

#[test]
fn a_damaged_segment_is_named_once_not_as_tantivys_debug_text() {
    let c = TestCorpus::fixtures();
    stdout(vraagbaak(c.root()).args(["--index", "idx", "index", "corpus"]));
    // Cut the term dictionaries short, as a full disk or a bad copy would.
    for entry in std::fs::read_dir(c.root().join("idx")).expect("idx") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "term") {
            let bytes = std::fs::read(&path).expect("read");
            std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("cut");
        }
    }
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "idx", "search", "x"]));
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("the index at ./idx is damaged ("), "{err}");
    assert!(err.contains(".term"), "names the file: {err}");
    for debug in ["IoError {", "Data corrupted", "Custom {", "'"] {
        assert!(!err.contains(debug), "{debug}: {err}");
    }
    assert!(err.contains("index --rebuild"), "{err}");
}

#[test]
fn an_index_inside_the_folder_indexed_is_passed_over() {
    let c = TestCorpus::fixtures();
    // What the corpus holds, indexed from outside.
    let outside = tempfile::tempdir().expect("temp");
    let alone = json(
        vraagbaak(c.root())
            .arg("--index")
            .arg(outside.path().join("idx"))
            .args(["index", "corpus", "--json"]),
    );
    let count = |v: &Value| (v["files_seen"].clone(), v["other_files"].clone());
    // `vraagbaak index .` with the default ./index inside `.`, twice: the index's own
    // files are neither documents nor other files, and nothing changed between runs.
    for run in 0..2 {
        let v = json(vraagbaak(c.root()).args(["index", ".", "--json"]));
        assert_eq!(count(&v), count(&alone), "run {run}: {v}");
        if run == 1 {
            assert_eq!(v["added"], 0, "{v}");
            assert_eq!(v["unchanged"], alone["files_seen"], "{v}");
        }
    }
    // The index inside the corpus folder itself.
    for run in 0..2 {
        let v =
            json(vraagbaak(c.root()).args(["--index", "corpus/idx", "index", "corpus", "--json"]));
        assert_eq!(count(&v), count(&alone), "run {run}: {v}");
    }
}

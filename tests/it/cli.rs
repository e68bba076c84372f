//! The binary as a user runs it: output for people and for programs, errors, the
//! default locations.

use crate::util::{TestCorpus, failure, json, stdout, vraagbaak};
use serde_json::Value;
use std::path::Path;

fn indexed_fixtures() -> TestCorpus {
    let c = TestCorpus::fixtures();
    stdout(vraagbaak(c.root()).args(["index"]));
    c
}

const HIT_KEYS: [&str; 17] = [
    "rank",
    "score",
    "doc_id",
    "number",
    "asker",
    "minister",
    "portfolio",
    "date",
    "topic",
    "path",
    "part",
    "label",
    "passage",
    "snippet",
    "answers",
    "answered",
    "also_answered_by",
];

#[test]
fn index_prints_a_summary_naming_each_skipped_file() {
    let c = TestCorpus::fixtures();
    let text = stdout(vraagbaak(c.root()).args(["index"]));
    assert!(text.contains("indexed 5 questions"), "{text}");
    assert!(text.contains("files seen         6"), "{text}");
    assert!(
        text.contains("skipped corpus/LEESMIJ.txt: no question found"),
        "{text}"
    );
    let v = json(vraagbaak(c.root()).args(["index", "--json"]));
    assert_eq!(v["questions_indexed"], 0, "nothing changed");
    assert_eq!(v["unchanged"], 6);
    assert_eq!(v["questions_total"], 5);
    assert_eq!(v["skipped"][0]["reason"], "no question found");
}

#[test]
fn search_json_follows_the_contract() {
    let c = indexed_fixtures();
    let v = json(vraagbaak(c.root()).args(["search", "hitteplan", "--json", "--limit", "1"]));
    assert_eq!(v["query"], "hitteplan");
    assert_eq!(v["total"], 2);
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1);
    let hit = hits[0].as_object().expect("hit");
    for key in HIT_KEYS {
        assert!(hit.contains_key(key), "missing {key}");
    }
    assert_eq!(hit["rank"], 1);
    assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0));
    // The document gives no number, date or asker: null, never a guess.
    assert_eq!(hit["number"], Value::Null);
    assert_eq!(hit["date"], Value::Null);
    assert_eq!(hit["asker"], Value::Null);
    assert_eq!(hit["minister"], "Anneke De Groote");
    assert_eq!(hit["path"], "corpus/sv-hitteplan.txt");
    assert!(
        hit["snippet"]
            .as_str()
            .is_some_and(|s| s.contains("<mark>hitteplan</mark>"))
    );
}

#[test]
fn search_text_marks_matches_plainly_when_piped_and_in_colour_when_asked() {
    let c = indexed_fixtures();
    let plain =
        stdout(vraagbaak(c.root()).args(["search", "beroepsgeheim", "--minister", "de groote"]));
    assert!(
        plain.contains("5 passages match `beroepsgeheim`"),
        "{plain}"
    );
    assert!(plain.contains("**beroepsgeheim**"), "{plain}");
    assert!(plain.contains(
        "nr. 88 · 2021-10-03 · asked by Joris D'haeseleer · answered by Anneke De Groote"
    ));
    assert!(plain.contains("question 1."), "{plain}");
    assert!(!plain.contains('\x1b'));
    let colour = stdout(vraagbaak(c.root()).args(["search", "beroepsgeheim", "--color", "always"]));
    assert!(
        colour.contains("\x1b[1;31mberoepsgeheim\x1b[0m"),
        "{colour}"
    );
    let never = stdout(
        vraagbaak(c.root())
            .args(["search", "beroepsgeheim"])
            .env("NO_COLOR", "1"),
    );
    assert!(!never.contains('\x1b'));
}

#[test]
fn show_prints_the_whole_question() {
    let c = indexed_fixtures();
    let v = json(vraagbaak(c.root()).args(["search", "zij-instromers", "--json"]));
    let id = v["hits"][0]["doc_id"].as_str().expect("doc_id").to_string();
    let q = json(vraagbaak(c.root()).args(["show", &id, "--json"]));
    assert_eq!(q["number"], 412);
    assert_eq!(q["passages"].as_array().map(Vec::len), Some(5));
    assert_eq!(q["passages"][3]["label"], "1. a) + b)");
    assert_eq!(q["passages"][3]["part"], "answer");
    let text = stdout(vraagbaak(c.root()).args(["show", &id]));
    for want in [
        "QUESTION",
        "ANSWER",
        "Eline Van den Berghe",
        "1. a) + b) In het schooljaar 2022-2023",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
}

#[test]
fn bad_input_gets_one_line_and_a_usage_exit_code() {
    let c = indexed_fixtures();
    for args in [
        vec!["search", "x", "--from", "2022-13-01"],
        vec!["search", "x", "--to", "gisteren"],
        vec!["search", "x", "--part", "bijlage"],
        vec!["search", "OR", "a"],
        vec!["search", "a", "OR"],
        vec!["search", "x", "--from", "2023-01-01", "--to", "2022-01-01"],
        vec!["search", "x", "--limit", "0"],
    ] {
        let (code, err) = failure(vraagbaak(c.root()).args(&args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("vraagbaak: "), "{err}");
    }
    let (_, err) = failure(vraagbaak(c.root()).args(["search", "x", "--part", "bijlage"]));
    assert!(
        err.contains("bijlage") && err.contains("question, answer"),
        "{err}"
    );
    let (_, err) = failure(vraagbaak(c.root()).args(["search", "x", "--from", "9 december 2022"]));
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn a_pasted_title_and_an_unclosed_quote_are_searched_not_refused() {
    let c = indexed_fixtures();
    let out = stdout(vraagbaak(c.root()).args(["search", "beroepsgeheim -"]));
    assert!(out.contains("passages match `beroepsgeheim -`"), "{out}");
    let out = vraagbaak(c.root())
        .args(["search", "\"gedeeld beroepsgeheim"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("never closed"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("passage"), "{text}");
    assert!(
        text.contains("**gedeeld**"),
        "the rest is the phrase: {text}"
    );
}

#[test]
fn a_missing_index_or_id_says_what_to_do() {
    let c = indexed_fixtures();
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "elders", "search", "x"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("no index at ./elders") && err.contains("vraagbaak --index elders index"),
        "{err}"
    );
    let (code, err) = failure(vraagbaak(c.root()).args(["show", "bestaat-niet"]));
    assert_eq!(code, 1);
    assert!(err.contains("no question with id `bestaat-niet`"), "{err}");
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "corpus", "index", "corpus"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("corpus is not an index and not empty"),
        "{err}"
    );
    let (code, err) = failure(vraagbaak(c.root()).args(["index", "corpus", "geen-map"]));
    assert_eq!(code, 1);
    assert!(err.contains("not found: geen-map"), "{err}");
}

#[test]
fn an_index_of_another_version_is_refused_with_the_way_out() {
    let c = indexed_fixtures();
    std::fs::write(
        c.index_dir().join("vraagbaak.json"),
        r#"{"format":0,"analyzer":0,"written_by":"vraagbaak 0.0.1"}"#,
    )
    .expect("write");
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "index", "search", "x"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("vraagbaak 0.0.1") && err.contains("--rebuild"),
        "{err}"
    );
    stdout(vraagbaak(c.root()).args(["index", "--rebuild"]));
    stdout(vraagbaak(c.root()).args(["--index", "index", "search", "gemeenten"]));
    // The same version with another list of known words cuts compounds otherwise.
    let meta_file = c.index_dir().join("vraagbaak.json");
    let mut meta: Value =
        serde_json::from_slice(&std::fs::read(&meta_file).expect("meta")).expect("JSON");
    meta["lexicon"] = Value::from(12345u64);
    std::fs::write(&meta_file, meta.to_string()).expect("write");
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "index", "search", "x"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("lexicon") && err.contains("--rebuild"),
        "{err}"
    );
}

#[test]
fn search_builds_the_default_index_when_missing_or_stale() {
    let c = TestCorpus::fixtures();
    let out = vraagbaak(c.root())
        .args(["search", "zwerfkatten"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("./index is missing; indexing ./corpus first"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("**zwerfkatten**"));

    let out = vraagbaak(c.root())
        .args(["search", "zwerfkatten"])
        .output()
        .expect("run");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Past the coarsest file-time granularity, so the new file is newer than the index.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    c.write(
        "2025/sv-2025-1.txt",
        crate::fixtures::ZWERFKATTEN
            .replace("nr. 19", "nr. 1")
            .as_bytes(),
    );
    let out = vraagbaak(c.root())
        .args(["search", "zwerfkatten", "--json"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("older than ./corpus"));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["total"], 2);
}

/// The README's first command on the bundled sample.
#[test]
fn the_bundled_sample_finds_beroepsgeheim() {
    let dir = tempfile::tempdir().expect("temp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).expect("corpus")
    {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).expect("copy");
    }
    let v = json(vraagbaak(dir.path()).args(["search", "beroepsgeheim", "--json"]));
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty());
    let parts: Vec<&str> = hits.iter().filter_map(|h| h["part"].as_str()).collect();
    assert!(
        parts.contains(&"question") && parts.contains(&"answer"),
        "{parts:?}"
    );
    for h in hits {
        assert_eq!(h["minister"], "Zuhal Demir");
        assert_eq!(h["asker"], "Maaike De Vreese");
        assert_eq!(h["date"], "2022-12-09");
        assert_eq!(h["number"], 257);
        assert_eq!(
            h["topic"],
            "Lokale integrale veiligheidscellen (LIVC’s) - Stand van zaken"
        );
        assert!(
            h["snippet"]
                .as_str()
                .is_some_and(|s| s.contains("<mark>beroepsgeheim</mark>"))
        );
    }
    let v = json(vraagbaak(dir.path()).args([
        "search",
        "beroepsgeheim",
        "--minister",
        "somers",
        "--json",
    ]));
    assert_eq!(v["total"], 0);
}

#[test]
fn strict_indexing_fails_when_a_file_was_skipped() {
    let c = TestCorpus::fixtures();
    let out = vraagbaak(c.root())
        .args(["index", "--strict"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("skipped corpus/LEESMIJ.txt: no question found"),
        "{text}"
    );
    assert!(
        text.contains("incomplete corpus/sv-hitteplan.txt: no number, no date, no asker"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 file skipped (--strict)"));
    std::fs::remove_file(c.corpus().join("LEESMIJ.txt")).expect("rm");
    stdout(vraagbaak(c.root()).args(["index", "--strict"]));
}

#[test]
fn show_pairs_sub_questions_with_answers_and_lists_copies() {
    let c = TestCorpus::new(&crate::fixtures::joint_corpus());
    stdout(vraagbaak(c.root()).args(["index"]));
    let v = json(vraagbaak(c.root()).args(["search", "gezamenlijk", "hitteplan", "--json"]));
    let hit = &v["hits"][0];
    assert_eq!(hit["minister"], "Anneke De Groote");
    assert_eq!(hit["also_answered_by"].as_array().map(Vec::len), Some(2));
    let id = hit["doc_id"].as_str().expect("id").to_string();
    let shown = json(vraagbaak(c.root()).args(["show", &id, "--json"]));
    assert_eq!(shown["linked"].as_array().map(Vec::len), Some(2));
    assert_eq!(shown["passages"][1]["answers"][0], "1.");
    let text = stdout(vraagbaak(c.root()).args(["show", &id]));
    assert!(text.contains("also put to Kobe Verstraelen"), "{text}");
    assert!(text.contains("EACH SUB-QUESTION WITH ITS ANSWER"), "{text}");
    assert!(
        text.contains("-> 2. Ja, een gezamenlijk hitteplan"),
        "{text}"
    );
    let search_text = stdout(vraagbaak(c.root()).args(["search", "gezamenlijk", "hitteplan"]));
    assert!(search_text.contains("also put to"), "{search_text}");
}

#[test]
fn batch_runs_every_query_of_a_file_in_one_process() {
    let c = indexed_fixtures();
    let batch = "# QUERY\tminister\tfrom\tto\n\
                 beroepsgeheim\t\t\t\n\
                 \n\
                 gemeenten\tverstraelen\t\t\n\
                 leerkrachten OR gemeenten\t\t2023-01-01\t2023-12-31\n\
                 provincie\t\tgisteren\t\n\
                 zwerfkatetn\tverstralen\t\t\n";
    std::fs::write(c.root().join("vragen.tsv"), batch).expect("write");
    let out = vraagbaak(c.root())
        .args(["search", "--batch", "vragen.tsv", "--json", "--limit", "2"])
        .output()
        .expect("run");
    // The line with a bad date is named and makes the exit code 2; the others ran.
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("vragen.tsv:6: `gisteren` is not a date"),
        "{err}"
    );
    assert!(err.contains("4 queries, p50 "), "{err}");
    // What a search says is said per line, on stderr and in its JSON line.
    assert!(
        err.contains("vragen.tsv:7: no minister is named `verstralen`; showing `Kobe Verstraelen`"),
        "{err}"
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[3]["notices"],
        serde_json::json!([
            "no results for `zwerfkatetn`; showing `zwerfkatten`",
            "no minister is named `verstralen`; showing `Kobe Verstraelen`"
        ])
    );
    assert!(lines[3]["total"].as_u64().is_some_and(|t| t > 0));
    assert!(lines[0].get("notices").is_none());
    assert_eq!(lines[0]["query"], "beroepsgeheim");
    assert_eq!(lines[0]["total"], 5);
    assert_eq!(lines[0]["minister"], Value::Null);
    assert_eq!(lines[1]["minister"], "verstraelen");
    assert!(
        lines[1]["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h["minister"] == "Kobe Verstraelen")
    );
    assert_eq!(lines[2]["from"], "2023-01-01");
    assert!(
        lines[2]["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h["number"] == 412)
    );
    assert!(lines.iter().all(|l| l["hits"].as_array().is_some_and(|h| h.len() <= 2) && l["took_ms"].is_number()));
}

/// The evaluation corpus (64 questions of our own writing), indexed by the binary.
fn indexed_eval_corpus() -> TestCorpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/corpus");
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("eval corpus")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let c = TestCorpus::new(&refs);
    stdout(vraagbaak(c.root()).args(["index"]));
    c
}

#[test]
fn acronyms_lists_what_the_index_learned() {
    let c = indexed_eval_corpus();
    let text = stdout(vraagbaak(c.root()).args(["acronyms"]));
    assert!(text.starts_with("acronym"), "{text}");
    let livc = text
        .lines()
        .find(|l| l.starts_with("LIVC "))
        .expect("LIVC listed");
    assert!(
        livc.contains("Lokale integrale veiligheidscellen (1)"),
        "{livc}"
    );
    assert!(text.contains("19 acronyms learned, "), "{text}");
    // The shipped list follows the learned ones, marked as such.
    let riziv = text
        .lines()
        .find(|l| l.starts_with("RIZIV "))
        .expect("RIZIV listed");
    assert!(riziv.contains(" list "), "{riziv}");
    let list = json(vraagbaak(c.root()).args(["acronyms", "--json"]));
    let list = list.as_array().expect("an array");
    let learned = list.iter().filter(|l| l["source"] == "learned").count();
    assert_eq!(learned, 19);
    assert!(list.len() > 200, "{}", list.len());
    let only = json(vraagbaak(c.root()).args(["acronyms", "--learned", "--json"]));
    assert_eq!(only.as_array().map(Vec::len), Some(19));
    let vaph = list.iter().find(|l| l["acronym"] == "VAPH").expect("VAPH");
    assert_eq!(vaph["questions"], 1);
    assert_eq!(
        vaph["long_forms"][0]["written"],
        "Vlaams Agentschap voor Personen met een Handicap"
    );
    let none = stdout(vraagbaak(c.root()).args(["acronyms", "--min", "2"]));
    assert_eq!(none.trim(), "no acronym learned from 2 or more questions");
    let (code, err) = failure(vraagbaak(c.root()).args(["--index", "nergens", "acronyms"]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn search_says_what_it_corrected_and_exact_turns_widening_off() {
    let c = indexed_eval_corpus();
    let out = vraagbaak(c.root())
        .args(["search", "beroepgeheim", "--json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("vraagbaak: no results for `beroepgeheim`; showing `beroepsgeheim`"),
        "{err}"
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        r["notices"][0],
        "no results for `beroepgeheim`; showing `beroepsgeheim`"
    );
    assert!(r["total"].as_u64().is_some_and(|t| t > 0));
    let exact = json(vraagbaak(c.root()).args(["search", "beroepgeheim", "--exact", "--json"]));
    assert_eq!(exact["total"], 0);
    assert!(exact.get("notices").is_none());
    // An acronym: the long form's passages too, unless --exact.
    let wide = json(vraagbaak(c.root()).args(["search", "OCMW", "--json", "--limit", "50"]));
    let exact =
        json(vraagbaak(c.root()).args(["search", "OCMW", "--exact", "--json", "--limit", "50"]));
    assert!(
        wide["total"].as_u64() > exact["total"].as_u64(),
        "{wide} {exact}"
    );
    let text = stdout(vraagbaak(c.root()).args(["search", "--help"]));
    assert!(text.contains("--exact"), "{text}");
}

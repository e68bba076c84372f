//! Folders as users bring them: other encodings and line ends, and files that are no
//! question at all. Nothing panics, nothing aborts, every skip is named with its reason.

use crate::fixtures;
use crate::util::{TestCorpus, files};
use std::collections::BTreeMap;
use std::path::Path;

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A question about `financiën`, written in Windows-1252.
fn financien() -> String {
    fixtures::LENINGEN.replace("nr. 5", "nr. 6")
}

fn hostile_corpus() -> TestCorpus {
    let png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    let zip =
        b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0\xb7\xac\xce4\x12\0\0\0\x12\0\0\0\x08\0\0\0".to_vec();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), fixtures::ZWERFKATTEN.as_bytes()].concat();
    let nul_and_ff = fixtures::HITTEPLAN
        .replace("Werd het hitteplan", "Werd\0 het hitteplan")
        .replace("\nANTWOORD", "\u{c}\nANTWOORD");
    let c = TestCorpus::new(&[
        ("leeg.txt", Vec::new()),
        ("foto.txt", png),
        ("archief.txt", zip),
        ("LEESMIJ.txt", fixtures::NOTES.as_bytes().to_vec()),
        ("cp1252.txt", windows_1252(&financien())),
        ("utf16.txt", utf16le_with_bom(fixtures::BEROEPSGEHEIM)),
        ("bom.txt", with_bom),
        (
            "oude-mac.txt",
            fixtures::LERARENTEKORT.replace('\n', "\r").into_bytes(),
        ),
        ("nul-ff.txt", nul_and_ff.into_bytes()),
        ("bulletin.txt", fixtures::BULLETIN.as_bytes().to_vec()),
    ]);
    // 200 MB, sparse: no disk, and vraagbaak must not read it into memory.
    let huge = std::fs::File::create(c.corpus().join("enorm.txt")).expect("create");
    huge.set_len(200 * 1024 * 1024).expect("grow");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(c.corpus(), c.corpus().join("lus")).expect("link loop");
        symlink(c.corpus().join("weg.txt"), c.corpus().join("kapot.txt")).expect("broken link");
        let fifo = c.corpus().join("pijp.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    }
    c
}

fn reasons(c: &TestCorpus) -> BTreeMap<String, String> {
    let r = c.index();
    r.skipped
        .into_iter()
        .map(|s| {
            let name = Path::new(&s.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), s.reason)
        })
        .collect()
}

#[test]
fn every_hostile_file_is_skipped_with_its_reason() {
    let c = hostile_corpus();
    let got = reasons(&c);
    let want: BTreeMap<String, String> = [
        ("leeg.txt", "empty"),
        ("foto.txt", "binary"),
        ("archief.txt", "binary"),
        ("LEESMIJ.txt", "no question found"),
        ("enorm.txt", "too large (200 MB)"),
        #[cfg(unix)]
        ("lus", "link loop"),
        #[cfg(unix)]
        ("kapot.txt", "broken link"),
        #[cfg(unix)]
        ("pijp.txt", "not a regular file"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn every_encoding_and_line_end_is_read() {
    let c = hostile_corpus();
    let r = c.index();
    // cp1252, utf16, bom, oude-mac, nul-ff, and the bulletin's three.
    assert_eq!(r.questions_indexed, 8, "{:?}", r.skipped);
    assert_eq!(files(&c.search("protocol")), vec!["utf16.txt"]);
    assert_eq!(files(&c.search("zwerfkatten")), vec!["bom.txt"]);
    assert_eq!(files(&c.search("hitteplan")), vec!["nul-ff.txt"]);
    let mac = c.search("zij-instromers");
    assert_eq!(files(&mac), vec!["oude-mac.txt"]);
    assert_eq!(mac.hits[0].meta.number, Some(412));
    let hit = &c.search("hitteplan").hits[0];
    assert_eq!(hit.meta.minister.as_deref(), Some("Anneke De Groote"));
    assert!(
        c.search("hitteplan")
            .hits
            .iter()
            .any(|h| h.passage.contains("Werd het hitteplan"))
    );
}

#[test]
fn a_windows_1252_file_finds_financien_with_and_without_diaeresis() {
    let c = TestCorpus::new(&[("cp1252.txt", windows_1252(&financien()))]);
    c.index();
    for q in ["financien", "financiën", "FINANCIËN"] {
        let r = c.search(q);
        assert_eq!(files(&r), vec!["cp1252.txt"], "{q}");
        assert!(
            r.hits[0].passage.contains("financiën"),
            "decoded, not dropped: {}",
            r.hits[0].passage
        );
    }
    let hit = &c.search("leningen").hits[0];
    assert_eq!(hit.meta.asker.as_deref(), Some("Séverine Lambrechts"));
}

#[test]
fn incomplete_questions_are_indexed_and_listed() {
    let c = TestCorpus::new(&[("hitteplan.txt", fixtures::HITTEPLAN.as_bytes().to_vec())]);
    let r = c.index();
    assert_eq!(r.questions_indexed, 1);
    assert_eq!(r.incomplete.len(), 1);
    assert_eq!(r.incomplete[0].missing, vec!["number", "date", "asker"]);
}

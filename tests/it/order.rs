//! The same order on every build: hits that tie on score come in an order made of what a
//! build does not change (date, number, passage), never of the segment a document landed
//! in. One corpus is indexed three times (other threads, other commit batches, so other
//! segments) and every result list is compared exactly.

use crate::util::TestCorpus;
use std::path::Path;
use vraagbaak::index::Store;
use vraagbaak::indexing::{self, IndexOptions};
use vraagbaak::search::{SearchRequest, Session, Sort};
use vraagbaak_synth::{Doc, Head};

/// Questions alike but for their number, date and asker: every query that finds one of
/// them finds all with the same score.
fn alike(n: u32) -> (String, Vec<u8>) {
    let date = format!("{} maart {}", 1 + n % 28, 2015 + n % 9);
    let asker = ["Eva Smets", "Tom Jacobs", "Ilse Claes"][n as usize % 3];
    let doc = Doc {
        head: Head {
            number: 500 + n,
            asker,
            minister: "Nadia Mertens",
            portfolio: "VLAAMS MINISTER VAN WELZIJN EN GEZIN",
            date: &date,
            title: "Wachtlijsten - Stand van zaken",
        },
        question: vec![
            "Hoe lang zijn de wachtlijsten in de jeugdhulp vandaag?".into(),
            "1. Hoeveel jongeren wachten op een plaats?".into(),
        ],
        answer: vec!["1. Ik verwijs naar het antwoord op een eerdere vraag.".into()],
        pdf_spacing: false,
    };
    (format!("alike/sv-{n}.txt"), doc.render().into_bytes())
}

/// What a result list is, told apart to the byte: each hit's question, passage and score.
type Listing = Vec<(String, String, String)>;

fn listings(index: &Path) -> Vec<Listing> {
    let store = Store::open(index).expect("open");
    let session = Session::open(&store).expect("session");
    let mut out = Vec::new();
    let requests = [
        SearchRequest::new("wachtlijsten"),
        SearchRequest::new("jeugdhulp jongeren"),
        SearchRequest::new("gemeenten subsidies"),
        SearchRequest {
            questions: true,
            ..SearchRequest::new("wachtlijsten")
        },
        SearchRequest {
            per_question: Some(2),
            ..SearchRequest::new("verwijs")
        },
        SearchRequest {
            sort: Sort::Newest,
            ..SearchRequest::new("wachtlijsten OR gemeenten")
        },
        SearchRequest {
            sort: Sort::Oldest,
            questions: true,
            ..SearchRequest::new("verwijs")
        },
        SearchRequest {
            offset: 15,
            ..SearchRequest::new("wachtlijsten")
        },
    ];
    for req in requests {
        let mut listing = Vec::new();
        // Every hit, as an export walks them.
        session
            .search_each(&req, |h| {
                listing.push((h.meta.doc_id, h.passage, h.score.to_string()));
                Ok(())
            })
            .expect("search");
        // And the page a search shows is the stream's start.
        let page = session
            .search(&SearchRequest { limit: 25, ..req })
            .expect("search");
        let shown: Listing = page
            .hits
            .into_iter()
            .map(|h| (h.meta.doc_id, h.passage, h.score.to_string()))
            .collect();
        assert_eq!(shown[..], listing[..shown.len()]);
        out.push(listing);
    }
    out
}

#[test]
fn three_builds_of_one_corpus_give_identical_result_lists() {
    let mut files: Vec<(String, Vec<u8>)> = (0..60).map(alike).collect();
    let c = TestCorpus::new(&[]);
    vraagbaak_synth::write_corpus(&c.corpus(), 240, 5).expect("corpus");
    for (path, bytes) in files.drain(..) {
        c.write(&path, &bytes);
    }
    let builds = [(1, 7), (2, 31), (4, usize::MAX)];
    let mut seen: Vec<Vec<Listing>> = Vec::new();
    for (i, (threads, commit_every)) in builds.into_iter().enumerate() {
        let dir = c.root().join(format!("index-{i}"));
        let opts = IndexOptions {
            threads,
            commit_every,
            memory_budget: indexing::MIN_MEMORY_MB * 1024 * 1024 * threads,
            ..IndexOptions::default()
        };
        indexing::index_paths(&dir, &[c.corpus()], &opts).expect("index");
        seen.push(listings(&dir));
    }
    let ties = seen[0][0].windows(2).filter(|w| w[0].2 == w[1].2).count();
    assert!(
        ties >= 50,
        "only {ties} ties: the test would not see an order"
    );
    for (i, other) in seen.iter().enumerate().skip(1) {
        for (q, (a, b)) in seen[0].iter().zip(other).enumerate() {
            assert_eq!(a.len(), b.len(), "build {i}, request {q}");
            let first = a.iter().zip(b).position(|(x, y)| x != y);
            assert_eq!(
                first, None,
                "build {i}, request {q}: lists differ from hit {first:?}"
            );
        }
    }
}

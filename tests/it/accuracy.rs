//! The field-accuracy suite: every field of every fixture document in
//! `tests/fixtures/accuracy/` (written by its `make_accuracy.py`, expected fields in
//! `manifest.json`) must parse exactly.

use serde_json::Value;
use std::path::Path;
use vraagbaak::parse::parse_document;

fn field(q: &vraagbaak::Question, name: &str) -> Value {
    let v = serde_json::to_value(q).expect("serialise");
    v.get(name).cloned().unwrap_or(Value::Null)
}

#[test]
fn every_field_of_every_document_parses_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/accuracy");
    let manifest: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    assert!(manifest.len() >= 30, "at least 30 documents");
    let mut wrong = Vec::new();
    let mut fields = 0;
    for doc in &manifest {
        let file = doc["file"].as_str().expect("file");
        let bytes = std::fs::read(dir.join(file)).expect("fixture");
        let text = vraagbaak::source::decode(&bytes).expect("decodes");
        let questions = match parse_document(&text, file, "acc") {
            Ok(q) => q,
            Err(e) => {
                wrong.push(format!("{file}: {e}"));
                continue;
            }
        };
        let want = doc["questions"].as_array().expect("questions");
        if questions.len() != want.len() {
            wrong.push(format!(
                "{file}: {} questions, want {}",
                questions.len(),
                want.len()
            ));
            continue;
        }
        for (q, w) in questions.iter().zip(want) {
            for (name, expected) in w.as_object().expect("fields") {
                fields += 1;
                let got = field(q, name);
                if &got != expected {
                    wrong.push(format!(
                        "{file} {}: {name}\n   got  {got}\n   want {expected}",
                        q.meta.doc_id
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {fields} fields wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(fields >= 300, "{fields}");
}

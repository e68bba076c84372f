//! The rules of ARCHITECTURE.md that a reader of the source can check: no two files of
//! `src/` import each other, even by way of others, and no room imports one that comes
//! after it in the flow. The imports are read from the source: every `crate::a::b` and
//! `super::x` path, resolved to the file of the longest module it names. A folder's
//! `mod.rs` naming its own files (`mod`, `pub use`) is its map, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms in the order of the flow: a room may import those before it, and itself.
const FLOW: &[&[&str]] = &[
    &["error", "model"],
    &["source"],
    &["analysis"],
    &["parse", "pdf"],
    &["index"],
    &["indexing", "search"],
    &["lookup", "sync"],
    &["eval", "serve"],
];

type Module = Vec<String>;

fn rank(m: &Module) -> Option<usize> {
    let room = m.first()?;
    FLOW.iter().position(|r| r.contains(&room.as_str()))
}

/// Every module of the library in `src/` and its file (`main.rs` and `cli/` are the
/// binary's, which reaches the library only by its public names).
fn modules(root: &Path) -> BTreeMap<Module, PathBuf> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("walk src");
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .expect("under src")
            .with_extension("");
        if path.extension().is_none_or(|e| e != "rs")
            || rel == Path::new("main")
            || rel.starts_with("cli")
        {
            continue;
        }
        let mut m: Module = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if m.last().is_some_and(|l| l == "mod") {
            m.pop();
        }
        if m == ["lib"] {
            m.clear();
        }
        out.insert(m, path.to_path_buf());
    }
    out
}

/// The source without comments and without its unit tests.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read source");
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules each module imports.
fn imports(mods: &BTreeMap<Module, PathBuf>) -> BTreeMap<Module, BTreeSet<Module>> {
    let path = regex::Regex::new(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)").expect("re");
    let mut out: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, file) in mods {
        let text = code(file);
        for c in path.captures_iter(&text) {
            let mut target: Module = if &c[1] == "crate" {
                Vec::new()
            } else {
                m[..m.len().saturating_sub(1)].to_vec()
            };
            target.extend(c[2].split("::").filter(|s| !s.is_empty()).map(String::from));
            while !mods.contains_key(&target) {
                target.pop();
            }
            let own_file = target.len() == m.len() + 1 && target.starts_with(m);
            if target != *m && !target.is_empty() && !own_file {
                out.entry(m.clone()).or_default().insert(target);
            }
        }
    }
    out
}

fn name(m: &Module) -> String {
    m.join("/")
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mods = modules(&root);
    let edges = imports(&mods);
    assert!(edges.len() > 50, "the imports were read: {}", edges.len());
    // A circle is a path back to where it started: search from each module.
    let mut circles = Vec::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    let mut p: Vec<String> = path.iter().map(name).collect();
                    p.push(name(start));
                    circles.push(p.join(" -> "));
                } else if seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn no_room_imports_one_after_it_in_the_flow() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mods = modules(&root);
    let mut against = Vec::new();
    for (from, to) in imports(&mods) {
        let Some(r) = rank(&from) else { continue };
        for t in to {
            if rank(&t).is_some_and(|rt| rt > r) {
                against.push(format!("{} -> {}", name(&from), name(&t)));
            }
        }
    }
    assert!(
        against.is_empty(),
        "against the flow:\n{}",
        against.join("\n")
    );
    // Every room is placed in the flow.
    for m in mods.keys().filter(|m| !m.is_empty()) {
        assert!(rank(m).is_some(), "{} is in no room of the flow", name(m));
    }
}

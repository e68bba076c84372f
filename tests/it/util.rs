//! Setup helpers: a temporary corpus, its index, searches against it.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use vraagbaak::index::Store;
use vraagbaak::indexing::{self, IndexOptions, IndexReport};
use vraagbaak::search::{self, Filters, SearchRequest, SearchResults};

pub struct TestCorpus {
    pub dir: TempDir,
}

impl TestCorpus {
    /// A temporary folder with `corpus/` holding these files.
    pub fn new(files: &[(&str, Vec<u8>)]) -> TestCorpus {
        let dir = tempfile::tempdir().expect("temp dir");
        let c = TestCorpus { dir };
        for (rel, bytes) in files {
            c.write(rel, bytes);
        }
        c
    }

    /// The fixture corpus.
    pub fn fixtures() -> TestCorpus {
        TestCorpus::new(&crate::fixtures::corpus())
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.root().join("corpus")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root().join("index")
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.corpus().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write fixture");
    }

    pub fn index(&self) -> IndexReport {
        indexing::index_paths(
            &self.index_dir(),
            &[self.corpus()],
            &IndexOptions::default(),
        )
        .expect("indexing")
    }

    pub fn store(&self) -> Store {
        Store::open(&self.index_dir()).expect("open index")
    }

    pub fn search_with(&self, query: &str, filters: Filters) -> SearchResults {
        let req = SearchRequest {
            query: query.to_string(),
            filters,
            limit: 100,
            ..SearchRequest::new(query)
        };
        search::search(&self.store(), &req).expect("search")
    }

    pub fn search(&self, query: &str) -> SearchResults {
        self.search_with(query, Filters::default())
    }
}

/// The file names (without folder) of the hits, in rank order, one per question.
pub fn files(r: &SearchResults) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in &r.hits {
        let name = Path::new(&h.meta.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The text of a reference file of `../shared/data` (beside the project), if it is there.
/// Where it is not, the caller skips its comparison and says so; under CI (`CI=true`),
/// where the folder is always laid beside the clone, a missing file fails the test
/// instead of letting it pass unchecked.
pub fn shared_data(file: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(file);
    match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(
                !ci,
                "{} cannot be read under CI ({e}); the reference comparison would not run",
                path.display()
            );
            eprintln!(
                "skipped: {} is absent ({e}), so it is not compared",
                path.display()
            );
            None
        }
    }
}

// Running the binary: one way for every test file.

/// The path of the binary, for a test that spawns it as a process of its own (to kill
/// it, to signal it, to name it as the PDF worker).
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_vraagbaak"))
}

/// The binary, run in `cwd` with a fixed terminal width and colours as the flags say.
pub fn vraagbaak(cwd: &Path) -> Command {
    let mut cmd = Command::new(binary());
    cmd.current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    cmd
}

/// The binary with `--index DIR` before the arguments.
pub fn vraagbaak_on(index: &Path) -> Command {
    let mut cmd = Command::new(binary());
    cmd.env_remove("NO_COLOR").env("COLUMNS", "100");
    cmd.arg("--index").arg(index);
    cmd
}

/// Runs a command that must succeed; its standard output.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs a command that must succeed; its standard output as JSON.
pub fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).expect("JSON")
}

/// Runs a command that must fail; returns (exit code, stderr).
pub fn failure(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("run");
    assert!(
        !out.status.success(),
        "should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

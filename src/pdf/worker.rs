//! PDF reading in a child process of vraagbaak itself (`vraagbaak __pdf-worker`), one per
//! indexing thread: a reader that panics, overflows its stack, runs out of memory or
//! hangs costs that file (its skip reason), never the run. The parent sends a file's
//! bytes (their length on a line, then the bytes) and reads one JSON answer a line,
//! with a time limit; a worker that dies or overruns is killed and the next file gets a
//! new one. The worker limits its own
//! address space and leaves when its parent is gone (Ctrl-C, kill -9), so none is left
//! behind.

use super::{Extracted, extract};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The name of the internal subcommand a worker runs as.
pub const SUBCOMMAND: &str = "__pdf-worker";

/// Names the program to run as the worker (a vraagbaak binary) where the running
/// program is not vraagbaak (a test, a program built on the library).
pub const PROGRAM_ENV: &str = "VRAAGBAAK_PDF_WORKER";

/// What a worker may spend on one file, and what runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub time: Duration,
    /// Address space of the worker, in MiB.
    pub memory_mib: u64,
    /// The vraagbaak binary to run as the worker: by default `$VRAAGBAAK_PDF_WORKER`,
    /// else the running program.
    pub program: Option<std::path::PathBuf>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(30),
            memory_mib: 2048,
            program: None,
        }
    }
}

/// The reason a file is skipped when its reader ran out of time.
pub fn timeout_reason(limit: Duration) -> String {
    format!("timed out after {} s", limit.as_secs())
}

/// Whether a skip reason is a time-out (worth another try on the next run: the machine
/// may have been busy).
pub fn is_timeout(reason: &str) -> bool {
    reason.starts_with("timed out after ")
}

/// One answer of a worker.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
enum Answer {
    Ok(Extracted),
    Err(String),
}

/// Reads PDFs through a worker process, started when first needed and again after one
/// died.
pub struct Extractor {
    limits: Limits,
    worker: Option<Worker>,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<Option<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Extractor {
    pub fn new(limits: Limits) -> Extractor {
        Extractor {
            limits,
            worker: None,
        }
    }

    /// The text of the PDF in `bytes` (the content the indexer hashed, sent to the
    /// worker as it is: never read twice, never changed in between), or the reason it
    /// cannot be had.
    pub fn extract(&mut self, bytes: &[u8]) -> Result<Extracted, String> {
        if self.worker.is_none() {
            self.worker = Some(spawn(&self.limits)?);
        }
        let Some(w) = self.worker.as_mut() else {
            return Err("PDF reader could not start".into());
        };
        // A request: the length in bytes on a line, then the bytes.
        let sent = writeln!(w.stdin, "{}", bytes.len())
            .and_then(|()| w.stdin.write_all(bytes))
            .and_then(|()| w.stdin.flush());
        let answer = match sent {
            Ok(()) => w.answers.recv_timeout(self.limits.time),
            Err(_) => Ok(None),
        };
        match answer {
            Ok(Some(line)) => match serde_json::from_str::<Answer>(&line) {
                Ok(Answer::Ok(e)) => Ok(e),
                Ok(Answer::Err(reason)) => Err(reason),
                Err(_) => {
                    self.stop();
                    Err("PDF reader crashed".into())
                }
            },
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                Err(timeout_reason(self.limits.time))
            }
            Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                let reason = self.death_reason();
                self.stop();
                Err(reason)
            }
        }
    }

    /// Why the worker died: out of memory (the allocator says so on stderr) or a crash.
    fn death_reason(&mut self) -> String {
        let Some(w) = self.worker.as_mut() else {
            return "PDF reader crashed".into();
        };
        let _ = w.child.wait();
        // Give the stderr reader a moment to take the last words.
        std::thread::sleep(Duration::from_millis(20));
        let said = w.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        if said.contains("memory allocation") || said.contains("out of memory") {
            format!("over the memory limit ({} MiB)", self.limits.memory_mib)
        } else if said.contains("stack overflow") {
            "PDF reader crashed (stack overflow)".into()
        } else {
            "PDF reader crashed".into()
        }
    }

    fn stop(&mut self) {
        if let Some(mut w) = self.worker.take() {
            let _ = w.child.kill();
            let _ = w.child.wait();
        }
    }
}

impl Drop for Extractor {
    fn drop(&mut self) {
        self.stop();
    }
}

fn spawn(limits: &Limits) -> Result<Worker, String> {
    let exe = match (&limits.program, std::env::var_os(PROGRAM_ENV)) {
        (Some(p), _) => p.clone(),
        (None, Some(p)) => p.into(),
        (None, None) => {
            let exe =
                std::env::current_exe().map_err(|e| format!("PDF reader could not start: {e}"))?;
            // Only vraagbaak knows the worker's subcommand: another program built on
            // the library would run itself again.
            let named = exe
                .file_stem()
                .is_some_and(|n| n.to_string_lossy().starts_with("vraagbaak"));
            if !named {
                return Err(format!(
                    "PDF reader not available: set {PROGRAM_ENV} to a vraagbaak binary"
                ));
            }
            exe
        }
    };
    let mut child = Command::new(exe);
    // A process group of its own: Ctrl-C at a terminal reaches the indexer alone, which
    // decides what it means (finish the file in hand, commit, stop). A worker in the
    // terminal's group could be interrupted before it set up its handler, its file then
    // recorded as a crash.
    std::os::unix::process::CommandExt::process_group(&mut child, 0);
    let mut child = child
        // mimalloc reserves address space a gibibyte at a time; under the worker's
        // address-space limit it must take less.
        .env("MIMALLOC_ARENA_RESERVE", "64MiB")
        .arg(SUBCOMMAND)
        .arg(limits.memory_mib.to_string())
        // The worker compares its parent with this: an indexer killed before the worker
        // first looked would otherwise leave it watching its new parent.
        .arg(std::process::id().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("PDF reader could not start: {e}"))?;
    let (Some(stdin), Some(stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err("PDF reader could not start: no pipes".into());
    };
    let (tx, answers) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            match line {
                Ok(l) => {
                    if tx.send(Some(l)).is_err() {
                        return;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = tx.send(None);
    });
    let said = Arc::new(Mutex::new(String::new()));
    let keep = Arc::clone(&said);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut s) = keep.lock()
                && s.len() < 64 * 1024
            {
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    });
    Ok(Worker {
        child,
        stdin,
        answers,
        stderr: said,
    })
}

/// The worker's main loop: limits itself, watches its parent, reads a path a line and
/// answers each. Returns when its input ends or its parent is gone.
pub fn run(args: &[String]) -> std::process::ExitCode {
    let memory_mib: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(2048);
    let bytes = memory_mib.saturating_mul(1024 * 1024);
    let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    // The worker runs in a process group of its own, out of a terminal's reach; a SIGINT
    // sent to it all the same (`kill -INT` on the indexer's children) does not cut its
    // answer short: the indexer decides when to stop.
    let _ = ctrlc::set_handler(|| {});
    let parent = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(std::os::unix::process::parent_id);
    std::thread::spawn(move || {
        loop {
            if std::os::unix::process::parent_id() != parent {
                std::process::exit(3);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    // A panic is reported as the answer; its message need not reach the terminal.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("panic: {info}");
    }));
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut out = std::io::stdout().lock();
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let Ok(len) = line.trim().parse::<u64>() else {
            break;
        };
        let mut bytes = Vec::new();
        if (&mut input).take(len).read_to_end(&mut bytes).is_err() || bytes.len() as u64 != len {
            break;
        }
        let answer = answer_for(bytes);
        let Ok(text) = serde_json::to_string(&answer) else {
            break;
        };
        if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    std::process::ExitCode::SUCCESS
}

/// Reads one file on a thread with a large stack (deeply nested forms are legal), a
/// panic caught as the reason.
fn answer_for(bytes: Vec<u8>) -> Answer {
    if let Some(ms) = std::env::var("VRAAGBAAK_PDF_TEST_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        // For the tests of the time limit: a reader that hangs.
        std::thread::sleep(Duration::from_millis(ms));
    }
    let reader = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || extract(&bytes));
    match reader.map(|h| h.join()) {
        Ok(Ok(Ok(e))) => Answer::Ok(e),
        Ok(Ok(Err(reason))) => Answer::Err(reason),
        Ok(Err(_)) => Answer::Err("PDF reader crashed".into()),
        Err(e) => Answer::Err(format!("PDF reader could not start: {e}")),
    }
}

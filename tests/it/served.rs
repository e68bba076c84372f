//! A server on a temporary index for the tests, and a plain HTTP/1.1 client that can send
//! what a browser would not (a foreign Host, a POST, a huge header).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;
use vraagbaak::serve::{ServeOptions, Server};

/// A server running on its own thread until dropped.
pub struct Served {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// A question whose title and text try to run a script.
pub const SCRIPTED: &str = "SCHRIFTELIJKE VRAAG
nr. 77 van NORA VAN HOVE
datum: 6 mei 2024
aan KOBE VERSTRAELEN
VLAAMS MINISTER VAN ONDERWIJS

Schoolbussen <script>alert('x')</script>  -  Veiligheid

Hoeveel schoolbussen werden gekeurd? <img src=x onerror=alert(1)> & meer.

KOBE VERSTRAELEN
VLAAMS MINISTER VAN ONDERWIJS

ANTWOORD
op vraag nr. 77 van 6 mei 2024
van NORA VAN HOVE

Alle schoolbussen werden gekeurd.
";

/// The parliament's record of [`SCRIPTED`] (of our own making).
pub const RECORD: &str = r#"{"vraagnummer": 77, "thema": ["Mobiliteit en openbare werken"],
 "zittingsjaar": "2023-2024", "tijdig": false,
 "procedureverloop": [{"datum": "2024-05-06T00:00:00+02:00", "status": "Vraag gesteld aan de minister"},
                      {"datum": "2024-06-20T00:00:00+02:00", "status": "Laattijdig beantwoord"}],
 "bestand-ordered": [{"URL": "javascript:alert(1)"}]}"#;

/// The corpus of the server tests: the fixtures, a joint answer, the scripted title, and
/// `synthetic` generated questions (several ministers, askers and years).
pub fn corpus(dir: &Path, synthetic: usize) -> PathBuf {
    let corpus = dir.join("corpus");
    let mut files = crate::fixtures::corpus();
    files.extend(crate::fixtures::joint_corpus());
    files.push(("sv-2024-77.txt", SCRIPTED.as_bytes().to_vec()));
    files.push(("sv-2024-77.json", RECORD.as_bytes().to_vec()));
    for (rel, bytes) in files {
        let path = corpus.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    vraagbaak_synth::write_corpus(&corpus.join("synth"), synthetic, 7).expect("synth");
    corpus
}

impl Served {
    /// A server on a fresh index of [`corpus`].
    pub fn start(synthetic: usize, options: ServeOptions) -> Served {
        let dir = tempfile::tempdir().expect("temp");
        let corpus = corpus(dir.path(), synthetic);
        vraagbaak::index_paths(&dir.path().join("index"), &[corpus], &Default::default())
            .expect("index");
        Served::on(dir, options)
    }

    /// A server on the index in `dir/index`.
    pub fn on(dir: tempfile::TempDir, options: ServeOptions) -> Served {
        let options = ServeOptions {
            addr: "127.0.0.1:0".parse().expect("addr"),
            reload_every: Duration::from_millis(200),
            ..options
        };
        let server = Server::bind(&dir.path().join("index"), options).expect("bind");
        let addr = server.local_addr();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            server
                .run(async {
                    let _ = stopped.await;
                })
                .expect("serve");
        });
        Served {
            addr,
            dir,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target, &[])
    }

    /// `GET target` with these headers (a `Host` among them replaces the server's).
    pub fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
        let host = format!("{}", self.addr);
        let mut head = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {host}\r\n"));
        }
        for (n, v) in headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str("\r\n");
        send(self.addr, head.as_bytes())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends raw request bytes and reads the whole answer (the server closes after it).
pub fn send(addr: SocketAddr, request: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    s.write_all(request).expect("send");
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        unchunk(body)
    } else {
        body.to_string()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// A query string of these pairs, encoded.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

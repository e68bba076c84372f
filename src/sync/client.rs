//! The HTTP client of a sync: one connection reused (ureq with rustls, no OpenSSL), a
//! pace between requests, time-outs, a size limit, retries with backoff on time-outs, 429
//! and 5xx (honouring `Retry-After`), a limit on the requests of a run, and a stop flag
//! (Ctrl-C) that ends waits at once.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How the client behaves; the defaults are those of `vraagbaak sync`.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// The least time between two requests (zero: no pause).
    pub pace: Duration,
    /// The longest a connection may take, and a read may wait.
    pub timeout: Duration,
    /// Tries of one request before it is given up (the first included).
    pub tries: u32,
    /// The first wait before a retry; it doubles on each (unless `Retry-After` says).
    pub backoff: Duration,
    /// The longest wait a `Retry-After` is honoured for; longer ones give up the item.
    pub longest_wait: Duration,
    /// The most requests of one run (None: no limit).
    pub max_requests: Option<usize>,
    /// The largest body taken, in bytes.
    pub max_bytes: u64,
}

impl Default for ClientOptions {
    fn default() -> ClientOptions {
        ClientOptions {
            pace: Duration::from_millis(500),
            timeout: Duration::from_secs(30),
            tries: 4,
            backoff: Duration::from_secs(2),
            longest_wait: Duration::from_secs(300),
            max_requests: None,
            max_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Why a request gave nothing usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The run's `--max-requests` is used up: nothing more is asked this run.
    Limit,
    /// Ctrl-C: nothing more is asked this run.
    Stopped,
    /// The item failed (after its retries): the reason, in a line.
    Item(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Limit => write!(f, "the run's request limit was reached"),
            Failure::Stopped => write!(f, "stopped"),
            Failure::Item(reason) => write!(f, "{reason}"),
        }
    }
}

/// A body as it came, with its content type.
pub struct Body {
    pub bytes: Vec<u8>,
    pub content_type: String,
}

/// What a caller checks a body for; a body that fails the check is tried again (a page
/// cut short or an error page served with 200 may come right on a retry).
pub type Check<'a> = &'a dyn Fn(&Body) -> Result<(), String>;

pub struct Client {
    agent: ureq::Agent,
    options: ClientOptions,
    stop: Arc<AtomicBool>,
    last: Option<Instant>,
    /// Requests sent in this run.
    pub requests: usize,
}

impl Client {
    pub fn new(options: ClientOptions, stop: Arc<AtomicBool>) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .user_agent(format!(
                "vraagbaak/{} (+https://github.com/vraagbaak; written questions of the Flemish Parliament)",
                env!("CARGO_PKG_VERSION")
            ))
            .timeout_connect(Some(options.timeout))
            .timeout_per_read(Some(options.timeout))
            .timeout_recv_response(Some(options.timeout))
            .max_redirects(5)
            .build()
            .into();
        Client {
            agent,
            options,
            stop,
            last: None,
            requests: 0,
        }
    }

    /// Whether Ctrl-C was pressed.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Waits `d`, in short steps, unless stopped first.
    fn wait(&self, d: Duration) -> Result<(), Failure> {
        let until = Instant::now() + d;
        loop {
            if self.stopped() {
                return Err(Failure::Stopped);
            }
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            std::thread::sleep((until - now).min(Duration::from_millis(50)));
        }
    }

    /// GET `url` (asking for `accept`): the body that passes `check`, after the retries.
    pub fn get(&mut self, url: &str, accept: &str, check: Check) -> Result<Body, Failure> {
        let mut backoff = self.options.backoff;
        let mut last_reason = String::new();
        for attempt in 1..=self.options.tries.max(1) {
            if self.stopped() {
                return Err(Failure::Stopped);
            }
            if self
                .options
                .max_requests
                .is_some_and(|most| self.requests >= most)
            {
                return Err(Failure::Limit);
            }
            if let Some(last) = self.last {
                let since = last.elapsed();
                if since < self.options.pace {
                    self.wait(self.options.pace - since)?;
                }
            }
            self.last = Some(Instant::now());
            self.requests += 1;
            let retry_after = match self.once(url, accept) {
                Ok(Answer::Body(body)) => match check(&body) {
                    Ok(()) => return Ok(body),
                    Err(why) => {
                        last_reason = why;
                        None
                    }
                },
                Ok(Answer::Again { reason, after }) => {
                    last_reason = reason;
                    after
                }
                Ok(Answer::Refused(reason)) => return Err(Failure::Item(reason)),
                Err(reason) => {
                    last_reason = reason;
                    None
                }
            };
            if attempt == self.options.tries.max(1) {
                break;
            }
            let pause = match retry_after {
                Some(after) if after > self.options.longest_wait => {
                    return Err(Failure::Item(format!(
                        "{last_reason}; the service asks to wait {} s",
                        after.as_secs()
                    )));
                }
                Some(after) => after,
                None => backoff,
            };
            self.wait(pause)?;
            backoff = backoff.saturating_mul(2);
        }
        Err(Failure::Item(format!(
            "{last_reason} (tried {} times)",
            self.options.tries.max(1)
        )))
    }

    /// One request.
    fn once(&self, url: &str, accept: &str) -> Result<Answer, String> {
        let response = self
            .agent
            .get(url)
            .header("Accept", accept)
            .call()
            .map_err(|e| reason_of(&e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let after = header("retry-after").and_then(|v| retry_after(&v));
        if status == 429 || status >= 500 {
            return Ok(Answer::Again {
                reason: format!("HTTP {status}"),
                after,
            });
        }
        if status != 200 {
            return Ok(Answer::Refused(format!("HTTP {status}")));
        }
        let most = self.options.max_bytes;
        if let Some(length) = header("content-length").and_then(|l| l.trim().parse::<u64>().ok())
            && length > most
        {
            return Ok(Answer::Refused(format!(
                "{length} bytes, over the limit of {most}"
            )));
        }
        let mut bytes = Vec::new();
        let mut reader = response.into_body().into_reader().take(most + 1);
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| format!("the answer broke off ({e})"))?;
        if bytes.len() as u64 > most {
            return Ok(Answer::Refused(format!("over the limit of {most} bytes")));
        }
        Ok(Answer::Body(Body {
            bytes,
            content_type,
        }))
    }
}

enum Answer {
    Body(Body),
    /// Worth another try (429, 5xx), after the wait the service asks for where it does.
    Again {
        reason: String,
        after: Option<Duration>,
    },
    /// Not worth another try (404, 403, too large).
    Refused(String),
}

/// A ureq error in a line.
fn reason_of(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        ureq::Error::Io(io) => format!("connection failed ({io})"),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        ureq::Error::HostNotFound => "host not found".to_string(),
        other => other.to_string(),
    }
}

/// `Retry-After` as a wait: seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}

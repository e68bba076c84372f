//! What every request passes before a route sees it: the `Host` it names (DNS rebinding),
//! its method, the size of its URI and headers, the access token, a place among the
//! requests served at once and a time limit; and what every response carries: the
//! security headers.

use super::{App, failure};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The longest request target (path and query) taken.
pub const MAX_URI: usize = 4096;
/// The most header bytes (names and values) taken.
pub const MAX_HEADERS: usize = 16 * 1024;

/// The `Host` values the server answers to.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    addr: SocketAddr,
    /// Names given besides (`--allow-host`), lower case.
    names: Vec<String>,
}

impl Hosts {
    pub fn new(addr: SocketAddr, names: &[String]) -> Hosts {
        Hosts {
            addr,
            names: names.iter().map(|n| n.to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a request naming `host` is for this server: a name allowed (at any port:
    /// a proxy in front may serve another), or at the port served the address served,
    /// `localhost`, or with an address of every interface any address literal (a name
    /// is what a rebinding attack needs).
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = split_host(&host);
        if self.names.iter().any(|n| n == name) && port.is_none_or(|p| p.is_some()) {
            return true;
        }
        let port_ok = match port {
            Some(p) => p == Some(self.addr.port()),
            None => self.addr.port() == 80,
        };
        if !port_ok {
            return false;
        }
        if name == "localhost" {
            return true;
        }
        let Ok(ip) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        else {
            return false;
        };
        ip == self.addr.ip() || self.addr.ip().is_unspecified()
    }

    /// Whether `host` is a name given with `--allow-host`: a proxy in front, whose
    /// `X-Forwarded-Proto` is believed.
    pub fn is_proxy(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, _) = split_host(&host);
        self.names.iter().any(|n| n == name)
    }
}

/// `name[:port]` or `[v6]:port` as the name and, when given, the port (`None` inside
/// when it is not a number).
fn split_host(host: &str) -> (&str, Option<Option<u16>>) {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => {
                let rest = &host[end + 1..];
                let port = rest.strip_prefix(':').map(|p| p.parse().ok());
                (&host[..=end], port)
            }
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port.parse().ok())),
        None => (host, None),
    }
}

/// Whether the request carries the token: `Authorization: Bearer TOKEN`, or Basic with
/// the token as password (what a browser asks for, and a feed reader can send).
pub(crate) fn authorized(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let (scheme, rest) = given.split_once(' ').unwrap_or((given, ""));
    let candidate = if scheme.eq_ignore_ascii_case("bearer") {
        rest.trim().as_bytes().to_vec()
    } else if scheme.eq_ignore_ascii_case("basic") {
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(rest.trim()) else {
            return false;
        };
        match decoded.iter().position(|&b| b == b':') {
            Some(at) => decoded[at + 1..].to_vec(),
            None => return false,
        }
    } else {
        return false;
    };
    // Equal lengths compare in constant time; the length alone is not the secret.
    candidate.ct_eq(token.as_bytes()).into()
}

fn header_bytes(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(n, v)| n.as_str().len() + v.len() + 4)
        .sum()
}

/// The middleware: refuses what must not reach a route, limits the rest, and adds the
/// security headers to whatever is answered.
pub(crate) async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut response = check(&app, req, next, api).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

async fn check(app: &App, req: Request, next: Next, api: bool) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if !app.hosts.allows(host) {
        return failure(
            StatusCode::MISDIRECTED_REQUEST,
            &format!(
                "this server answers for http://{}/ only, not for the host `{}`",
                app.hosts.addr,
                host.chars().take(80).collect::<String>()
            ),
            api,
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = failure(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("{} is not served here: GET or HEAD only", req.method()),
            api,
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_URI {
        return failure(
            StatusCode::URI_TOO_LONG,
            &format!("the address is longer than {MAX_URI} bytes"),
            api,
        );
    }
    if header_bytes(req.headers()) > MAX_HEADERS {
        return failure(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            &format!("the headers are longer than {MAX_HEADERS} bytes"),
            api,
        );
    }
    if let Some(token) = &app.token
        && req.uri().path() != "/health"
        && !authorized(req.headers(), token)
    {
        let mut r = failure(
            StatusCode::UNAUTHORIZED,
            "this server needs its access token (Authorization: Bearer TOKEN, or the token as password)",
            api,
        );
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"vraagbaak\", charset=\"UTF-8\""),
        );
        return r;
    }
    let Ok(Ok(_permit)) = tokio::time::timeout(app.timeout, app.permits.acquire()).await else {
        return busy(app, api);
    };
    match tokio::time::timeout(app.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => busy(app, api),
    }
}

fn busy(app: &App, api: bool) -> Response {
    let mut r = failure(
        StatusCode::SERVICE_UNAVAILABLE,
        &format!(
            "the server is busy: no answer within {} s; try again",
            app.timeout.as_secs_f32()
        ),
        api,
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    r.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_server_and_localhost_are_answered() {
        let hosts = Hosts::new("127.0.0.1:7257".parse().expect("addr"), &[]);
        for ok in ["127.0.0.1:7257", "localhost:7257", "LOCALHOST:7257"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for no in [
            "evil.example:7257",
            "127.0.0.1:80",
            "127.0.0.1",
            "localhost",
            "10.0.0.1:7257",
            "",
            "127.0.0.1:x",
            "[::1]:7257",
        ] {
            assert!(!hosts.allows(no), "{no}");
        }
        let every = Hosts::new(
            "0.0.0.0:8080".parse().expect("addr"),
            &["zoek.intern".into()],
        );
        for ok in [
            "10.0.0.1:8080",
            "zoek.intern:8080",
            "[fe80::1]:8080",
            "zoek.intern",
            "Zoek.Intern:443",
        ] {
            assert!(every.allows(ok), "{ok}");
        }
        assert!(!every.allows("zoek.intern:x"));
        assert!(!every.allows("rebind.example:8080"));
        let v6 = Hosts::new("[::1]:7257".parse().expect("addr"), &[]);
        assert!(v6.allows("[::1]:7257"));
    }

    #[test]
    fn the_token_is_taken_as_bearer_or_as_password() {
        let mut h = HeaderMap::new();
        assert!(!authorized(&h, "geheim"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer geheim"),
        );
        assert!(authorized(&h, "geheim"));
        assert!(!authorized(&h, "geheim2"));
        assert!(!authorized(&h, "gehein"));
        let basic = base64::engine::general_purpose::STANDARD.encode("wie:geheim");
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {basic}")).expect("value"),
        );
        assert!(authorized(&h, "geheim"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert!(!authorized(&h, "geheim"));
    }
}

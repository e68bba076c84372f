//! `vraagbaak serve`: the search on a web page ([`pages`]), the same as JSON ([`api`]) and
//! as Atom feeds ([`feed`]), over HTTP/1.1 (hyper under axum). Every request passes the
//! [`guard`] first; every answer comes from the last commit of the index ([`views`]),
//! seen within a second of a `vraagbaak index` beside the server.
//!
//! ```no_run
//! # fn main() -> vraagbaak::Result<()> {
//! use vraagbaak::serve::{ServeOptions, Server};
//!
//! let server = Server::bind(std::path::Path::new("index"), ServeOptions::default())?;
//! eprintln!("listening on http://{}/", server.local_addr());
//! server.run(async {
//!     let _ = tokio::signal::ctrl_c().await;
//! })?;
//! # Ok(())
//! # }
//! ```

mod api;
pub mod charts;
mod feed;
mod guard;
mod pages;
mod params;
mod statistics;
mod syncing;
mod views;

pub use guard::{MAX_HEADERS, MAX_URI};
pub use params::{MAX_LIMIT, MAX_QUERY};
pub use syncing::ServeSync;

use crate::error::{Error, Result};
use crate::index::Store;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Where the server listens unless told otherwise.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7257";

/// What is told about the server's own trouble (not the client's): a failed reload, an
/// answer that could not be made. The binary prints it.
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// How to serve.
#[derive(Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// Without it, every request but `/health` is refused (401).
    pub token: Option<String>,
    /// Host names answered besides the address served and `localhost`: a proxy in
    /// front, whose `X-Forwarded-Proto` links follow.
    pub allow_hosts: Vec<String>,
    /// The address clients reach the server at (`https://vragen.example.org`), for the
    /// absolute links of feeds; without it, the request's Host and scheme.
    pub base_url: Option<String>,
    /// Requests answered at once; more wait their turn.
    pub concurrent: usize,
    /// The longest a request waits and is worked on before it is answered 503.
    pub timeout: Duration,
    /// How often the index is looked at for a new commit.
    pub reload_every: Duration,
    /// Each search in one thread (the requests answered at once use the cores), not
    /// over the segments in parallel.
    pub one_thread_per_search: bool,
    pub log: Option<Log>,
    /// Keep the index current from the open-data service (`serve --sync 1h`).
    pub sync: Option<ServeSync>,
    /// A vocabulary file of the user's (else `vocabulary.txt` in the index folder).
    pub vocabulary: Option<std::path::PathBuf>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 7257)),
            token: None,
            allow_hosts: Vec::new(),
            base_url: None,
            concurrent: 8,
            timeout: Duration::from_secs(10),
            reload_every: Duration::from_millis(500),
            one_thread_per_search: true,
            log: None,
            sync: None,
            vocabulary: None,
        }
    }
}

/// What the routes share.
pub(crate) struct App {
    views: views::Views,
    hosts: guard::Hosts,
    base_url: Option<String>,
    token: Option<String>,
    permits: tokio::sync::Semaphore,
    timeout: Duration,
    log: Option<Log>,
    /// The newest questions the start page shows, with the generation of the commit they
    /// are of: listing every question costs a walk over every passage, done once a commit.
    newest: std::sync::Mutex<Option<(u64, Arc<crate::search::SearchResults>)>>,
    /// With `--sync`: its interval, and how the last one went.
    sync_every: Option<Duration>,
    synced: std::sync::Mutex<Option<syncing::Synced>>,
}

impl App {
    /// Where absolute links start: `--base-url`, or the scheme and Host of the request
    /// (the scheme from `X-Forwarded-Proto` when the Host is an allowed proxy name).
    fn base(&self, headers: &axum::http::HeaderMap) -> String {
        if let Some(b) = &self.base_url {
            return b.clone();
        }
        // The guard let only this server's own names through.
        let text = |name| {
            headers
                .get(name)
                .and_then(|h: &HeaderValue| h.to_str().ok())
        };
        let host = text(axum::http::header::HOST).unwrap_or("localhost");
        let forwarded = text(axum::http::HeaderName::from_static("x-forwarded-proto")).map(|p| {
            p.split(',')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        let scheme = match forwarded.as_deref() {
            Some("https") if self.hosts.is_proxy(host) => "https",
            _ => "http",
        };
        format!("{scheme}://{host}")
    }

    /// The newest questions of the session's commit: remembered until a new commit.
    pub(crate) fn newest(
        &self,
        session: &crate::search::Session,
        req: &crate::search::SearchRequest,
    ) -> Result<Arc<crate::search::SearchResults>> {
        let generation = session.searcher().generation().generation_id();
        if let Ok(kept) = self.newest.lock()
            && let Some((g, found)) = kept.as_ref()
            && *g == generation
        {
            return Ok(Arc::clone(found));
        }
        let found = Arc::new(session.search(req)?);
        if let Ok(mut kept) = self.newest.lock() {
            *kept = Some((generation, Arc::clone(&found)));
        }
        Ok(found)
    }

    fn log(&self, what: &str) {
        if let Some(log) = &self.log {
            log(what);
        }
    }
}

/// A server bound to its address, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    app: Arc<App>,
    reload_every: Duration,
    concurrent: usize,
    index: std::path::PathBuf,
    sync: Option<ServeSync>,
}

impl Server {
    /// Opens the index at `index` and binds the address (port 0: any free port).
    pub fn bind(index: &Path, options: ServeOptions) -> Result<Server> {
        let mut store = Store::open(index)?;
        if options.one_thread_per_search {
            store.search_in_one_thread();
        }
        if let Some(v) = &options.vocabulary {
            store.use_vocabulary(v.clone());
        }
        let views = views::Views::open(store)?;
        let listen_error = |cause| Error::Listen {
            addr: options.addr.to_string(),
            cause,
        };
        let listener = std::net::TcpListener::bind(options.addr).map_err(listen_error)?;
        listener.set_nonblocking(true).map_err(listen_error)?;
        let addr = listener.local_addr().map_err(listen_error)?;
        let app = App {
            views,
            hosts: guard::Hosts::new(addr, &options.allow_hosts),
            base_url: options
                .base_url
                .map(|b| b.trim_end_matches('/').to_string()),
            token: options.token.filter(|t| !t.is_empty()),
            permits: tokio::sync::Semaphore::new(options.concurrent.max(1)),
            timeout: options.timeout,
            log: options.log,
            newest: std::sync::Mutex::new(None),
            sync_every: options.sync.as_ref().map(|s| s.every),
            synced: std::sync::Mutex::new(None),
        };
        Ok(Server {
            listener,
            addr,
            app: Arc::new(app),
            reload_every: options.reload_every,
            concurrent: options.concurrent.max(1),
            index: index.to_path_buf(),
            sync: options.sync,
        })
    }

    /// The address bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` completes, then lets the requests in hand finish (for up
    /// to five seconds).
    pub fn run(self, shutdown: impl Future<Output = ()> + Send) -> Result<()> {
        // The searches run on the blocking threads, as many as are answered at once
        // (and one to look for new commits): each thread costs its allocator's memory.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .max_blocking_threads(self.concurrent + 1)
            .build()
            .map_err(|e| Error::io("the server's threads", e))?;
        runtime.block_on(self.serve(shutdown))
    }

    async fn serve(self, shutdown: impl Future<Output = ()> + Send) -> Result<()> {
        let listen_error = |cause| Error::Listen {
            addr: self.addr.to_string(),
            cause,
        };
        let listener = tokio::net::TcpListener::from_std(self.listener).map_err(listen_error)?;
        let app = Arc::clone(&self.app);
        let reload_every = self.reload_every;
        let reloader = tokio::spawn(async move {
            let mut tick = tokio::time::interval(reload_every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            // A failure is told once, not every tick, until it changes or mends.
            let mut failing = String::new();
            loop {
                tick.tick().await;
                let a = Arc::clone(&app);
                let failure = match tokio::task::spawn_blocking(move || a.views.refresh()).await {
                    Ok(Ok(_)) => String::new(),
                    Ok(Err(e)) => e.to_string(),
                    Err(e) => e.to_string(),
                };
                if !failure.is_empty() && failure != failing {
                    app.log(&format!(
                        "reading the new commit: {failure}; still serving the last one read"
                    ));
                }
                failing = failure;
            }
        });
        let stop_sync = Arc::new(std::sync::atomic::AtomicBool::new(false));
        if let Some(s) = self.sync.clone() {
            syncing::spawn(
                Arc::clone(&self.app),
                s,
                self.index.clone(),
                Arc::clone(&stop_sync),
            );
        }
        let router = routes(Arc::clone(&self.app));
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else {
                        // Out of file descriptors, say: wait a little rather than spin.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    let service = hyper_util::service::TowerToHyperService::new(router.clone());
                    let mut http = hyper::server::conn::http1::Builder::new();
                    http.max_buf_size(MAX_HEADERS.max(8192) + MAX_URI)
                        .timer(hyper_util::rt::TokioTimer::new())
                        .header_read_timeout(Duration::from_secs(10));
                    let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                    let conn = graceful.watch(conn);
                    tokio::spawn(async move {
                        let _ = conn.await;
                    });
                }
                () = &mut shutdown => break,
            }
        }
        reloader.abort();
        stop_sync.store(true, std::sync::atomic::Ordering::SeqCst);
        tokio::select! {
            () = graceful.shutdown() => {}
            () = tokio::time::sleep(Duration::from_secs(5)) => {}
        }
        Ok(())
    }
}

fn routes(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/q/{doc_id}", get(pages::question))
        .route("/stats", get(statistics::stats))
        .route("/feed.atom", get(feed::feed))
        .route("/api/search", get(api::search))
        .route("/api/q/{doc_id}", get(api::question))
        .route("/api/stats", get(api::stats))
        .route("/api/similar/{doc_id}", get(api::similar))
        .route("/health", get(|| async { "ok\n" }))
        .route("/style.css", get(style))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            syncing::footer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            guard::guard,
        ))
        .with_state(app)
}

/// The one stylesheet, in the binary.
async fn style() -> Response {
    let mut r = include_str!("style.css").into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let api = uri.path().starts_with("/api/");
    failure(
        StatusCode::NOT_FOUND,
        &format!(
            "nothing at `{}`",
            uri.path().chars().take(200).collect::<String>()
        ),
        api,
    )
}

/// A refusal or a failure: `{"error": ...}` on the API, a page elsewhere.
pub(crate) fn failure(status: StatusCode, message: &str, api: bool) -> Response {
    if api {
        let body = serde_json::json!({ "error": message }).to_string();
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r
    } else {
        (status, pages::error_page(status, message)).into_response()
    }
}

/// The status of a library error: the user's mistake or a missing question is theirs.
fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Usage(_) => StatusCode::BAD_REQUEST,
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Runs `work` on the session of the last commit, off the threads that serve
/// connections (a search is work for a core); its error as the answer.
pub(crate) async fn with_session<T: Send + 'static>(
    app: &Arc<App>,
    api: bool,
    work: impl FnOnce(&crate::search::Session) -> Result<T> + Send + 'static,
) -> std::result::Result<T, Response> {
    run_on_session(app, work)
        .await
        .map_err(|(status, message)| failure(status, &message, api))
}

/// [`with_session`], its error as a status and a message (for a page that shows it).
pub(crate) async fn run_on_session<T: Send + 'static>(
    app: &Arc<App>,
    work: impl FnOnce(&crate::search::Session) -> Result<T> + Send + 'static,
) -> std::result::Result<T, (StatusCode, String)> {
    let a = Arc::clone(app);
    let done = tokio::task::spawn_blocking(move || {
        let session = a.views.current();
        work(&session)
    })
    .await;
    match done {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            let status = status_of(&e);
            if status.is_server_error() {
                app.log(&format!("answering a request: {e}"));
            }
            Err((status, e.to_string()))
        }
        Err(e) => {
            app.log(&format!("answering a request: {e}"));
            Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                "the answer could not be made; the server's log says why".to_string(),
            ))
        }
    }
}

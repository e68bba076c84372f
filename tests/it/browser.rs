//! The pages in a real browser: headless Chromium through WebDriver (chromedriver).
//! Search from the form, narrow by a facet link, page on, open a question, follow the
//! feed link, and read it all on a phone's width; list a minister's questions without a
//! word, then their statistics page.
//!
//! Needs `chromium` and `chromedriver` (Debian: `chromium`, `chromium-driver`; or
//! `CHROME` and `CHROMEDRIVER` naming them). Without them the test says so on stderr and
//! passes; under `CI=true` they are required. (`docs/screenshots.sh` makes the README's
//! screenshots with the same browser.)

use crate::served::Served;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};
use vraagbaak::serve::ServeOptions;

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or why the test cannot run.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chrome = std::env::var_os("CHROME")
        .map(PathBuf::from)
        .or_else(|| on_path(&["chromium", "chromium-browser", "google-chrome"]))
        .ok_or("no chromium on PATH (Debian: apt-get install chromium chromium-driver)")?;
    let driver = std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| on_path(&["chromedriver"]))
        .ok_or("no chromedriver on PATH (Debian: apt-get install chromium-driver)")?;
    Ok((chrome, driver))
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn session(chrome: &std::path::Path, port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chrome,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nl"],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let started = Instant::now();
    loop {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return c,
            Err(e) if started.elapsed() > Duration::from_secs(30) => {
                panic!("chromedriver did not start a browser: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn texts(c: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in c.find_all(Locator::Css(css)).await.expect("find") {
        out.push(e.text().await.expect("text"));
    }
    out
}

/// Whether the page is no wider than the window (nothing runs off the side).
async fn fits(c: &Client) -> bool {
    c.execute(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
        vec![],
    )
    .await
    .expect("measure")
        == serde_json::Value::Bool(true)
}

async fn first_question_link(c: &Client) -> String {
    c.find(Locator::Css("article.hit h2 a"))
        .await
        .expect("a hit")
        .attr("href")
        .await
        .expect("href")
        .expect("an href")
}

/// The page's URL once it satisfies `arrived` (a click starts a navigation; it may not
/// have ended when the click returns).
async fn arrive(c: &Client, arrived: impl Fn(&url::Url) -> bool) -> url::Url {
    let started = Instant::now();
    loop {
        let url = c.current_url().await.expect("url");
        let ready = c
            .execute("return document.readyState;", vec![])
            .await
            .is_ok_and(|s| s == "complete");
        if arrived(&url) && ready {
            return url;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "still at {url} after 60 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn search_facet_page_question_and_feed_in_chromium() {
    let (chrome, driver) = match browser() {
        Ok(found) => found,
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("the browser test is required under CI=true: {why}")
        }
        Err(why) => {
            eprintln!("browser test skipped: {why}");
            return;
        }
    };
    let served = Served::start(150, ServeOptions::default());
    let port = free_port();
    let _driver = Driver(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let base = format!("http://{}", served.addr);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let c = session(&chrome, port).await;
        // Search from the form, as a user types it.
        c.goto(&format!("{base}/")).await.expect("home");
        let input = c.find(Locator::Id("q")).await.expect("search box");
        input.send_keys("kinderopvang").await.expect("type");
        c.find(Locator::Css("form.search button"))
            .await
            .expect("button")
            .click()
            .await
            .expect("submit");
        arrive(&c, |url| {
            url.query().is_some_and(|q| q.contains("q=kinderopvang"))
        })
        .await;
        let hits = c.find_all(Locator::Css("article.hit")).await.expect("hits");
        assert_eq!(hits.len(), 10);
        assert!(!texts(&c, "article.hit mark").await.is_empty());
        let source = c.source().await.expect("source");
        assert!(!source.contains("<script"), "the page needs no script");

        // A facet link narrows to its minister.
        let facet = c
            .find(Locator::Css("aside.facets section.facet li a"))
            .await
            .expect("a facet");
        let minister = facet.text().await.expect("name");
        facet.click().await.expect("click facet");
        arrive(&c, |url| {
            url.query().is_some_and(|q| q.contains("minister="))
        })
        .await;
        let ministers = texts(&c, "article.hit .minister").await;
        assert!(!ministers.is_empty());
        assert!(
            ministers.iter().all(|m| *m == minister),
            "{ministers:?} vs {minister}"
        );
        // The form shows the filter it now applies.
        let field = c.find(Locator::Id("minister")).await.expect("field");
        assert_eq!(
            field.prop("value").await.expect("value"),
            Some(minister.clone())
        );

        // The next page: other questions, the filter kept.
        c.goto(&format!("{base}/?q=kinderopvang"))
            .await
            .expect("back");
        let first = first_question_link(&c).await;
        c.find(Locator::Css("a[rel=next]"))
            .await
            .expect("next")
            .click()
            .await
            .expect("click next");
        arrive(&c, |url| {
            url.query().is_some_and(|q| q.contains("offset=10"))
        })
        .await;
        assert_ne!(first_question_link(&c).await, first);

        // A question page: the question beside its answer.
        c.find(Locator::Css("article.hit h2 a"))
            .await
            .expect("a question")
            .click()
            .await
            .expect("open");
        let url = arrive(&c, |url| url.path().starts_with("/q/")).await;
        assert!(!texts(&c, "h1").await[0].is_empty());
        let pairs = c.find_all(Locator::Css("div.pair")).await.expect("pairs");
        assert!(pairs.len() >= 2, "a head row and at least one pair");
        assert!(!texts(&c, ".pair .right .passage").await.is_empty());

        // On a phone's width nothing runs off the side.
        c.set_window_size(390, 844).await.expect("resize");
        for page in [format!("{base}/?q=kinderopvang"), url.to_string()] {
            c.goto(&page).await.expect("page");
            assert!(fits(&c).await, "{page} is wider than a phone");
        }
        c.set_window_size(1280, 1000).await.expect("resize");

        // The feed link leads to Atom a feed reader takes.
        c.goto(&format!("{base}/?q=kinderopvang"))
            .await
            .expect("results");
        let alternate = c
            .find(Locator::Css(
                "link[rel=alternate][type='application/atom+xml']",
            ))
            .await
            .expect("feed link in head")
            .attr("href")
            .await
            .expect("href")
            .expect("an href");
        c.find(Locator::Css("a.feed"))
            .await
            .expect("feed link")
            .click()
            .await
            .expect("follow");
        arrive(&c, |url| {
            format!("{}?{}", url.path(), url.query().unwrap_or("")) == alternate
        })
        .await;
        let reply = served.get(&alternate);
        let feed = atom_syndication::Feed::from_str(&reply.body).expect("Atom");
        assert!(!feed.entries().is_empty());

        // A list without a word: the form sent with a minister alone.
        c.goto(&format!("{base}/")).await.expect("home");
        c.find(Locator::Css("details.filters summary"))
            .await
            .expect("the filters")
            .click()
            .await
            .expect("open the filters");
        let field = c.find(Locator::Id("minister")).await.expect("field");
        field.send_keys(&minister).await.expect("type");
        c.find(Locator::Css("form.search button"))
            .await
            .expect("button")
            .click()
            .await
            .expect("submit");
        arrive(&c, |url| {
            url.query().is_some_and(|q| q.contains("minister="))
        })
        .await;
        let ministers = texts(&c, "article.hit .minister").await;
        assert!(!ministers.is_empty(), "a list without a word");
        assert!(ministers.iter().all(|m| *m == minister), "{ministers:?}");

        // Its statistics, charts drawn with their numbers beside them.
        c.find(Locator::Css("a.stats"))
            .await
            .expect("the link to the statistics of these filters")
            .click()
            .await
            .expect("follow");
        arrive(&c, |url| {
            url.path() == "/stats" && url.query().is_some_and(|q| q.contains("minister="))
        })
        .await;
        let charts = c
            .find_all(Locator::Css("figure.chart svg"))
            .await
            .expect("charts");
        assert!(!charts.is_empty(), "at least one chart");
        let drawn = c
            .execute(
                "return [...document.querySelectorAll('figure.chart svg')]\
                   .every(s => s.getBoundingClientRect().width > 200 && s.querySelector('rect'));",
                vec![],
            )
            .await
            .expect("measure");
        assert_eq!(drawn, serde_json::Value::Bool(true), "charts are drawn");
        assert!(texts(&c, ".numbers table").await.len() >= charts.len());
        let field = c.find(Locator::Id("minister")).await.expect("field");
        assert_eq!(
            field.prop("value").await.expect("value"),
            Some(minister.clone())
        );
        let source = c.source().await.expect("source");
        assert!(!source.contains("<script"), "the page needs no script");
        c.set_window_size(390, 844).await.expect("resize");
        assert!(fits(&c).await, "/stats is wider than a phone");
        c.close().await.expect("close");
    });
}

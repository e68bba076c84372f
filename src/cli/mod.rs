//! The command line: flags to library calls, results to text or JSON.

mod args;
mod batch;
mod progress;
mod render;
mod rows;

pub use args::Cli;

use anyhow::{Context, Result, bail};
use args::{
    AcronymsArgs, ColorChoice, Command, Format, IndexArgs, SearchArgs, ServeArgs, ShowArgs,
    SimilarArgs, StatsArgs, StatsFormat, SyncArgs,
};
use render::Style;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use vraagbaak::index::{self, Store};
use vraagbaak::indexing::{self, IndexOptions};
use vraagbaak::search::{self, SearchRequest};
use vraagbaak::source;

/// Where the command line keeps its index unless told otherwise (`--index DIR`).
const DEFAULT_INDEX: &str = "index";
const DEFAULT_CORPUS: &str = "corpus";

fn style(choice: ColorChoice) -> Style {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100usize)
        .clamp(40, 120);
    Style { color, width }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    // Messages name an index by the flag that reaches it: none for this one.
    vraagbaak::error::set_default_index(Path::new(DEFAULT_INDEX));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let style = style(cli.color);
    let code = match &cli.command {
        Command::Index(a) => index_cmd(&cli, a, &mut out)?,
        Command::Search(a) => search_cmd(&cli, a, &style, &mut out)?,
        Command::Show(a) => show_cmd(&cli, a, &style, &mut out)?,
        Command::Acronyms(a) => acronyms_cmd(&cli, a, &style, &mut out)?,
        Command::Stats(a) => stats_cmd(&cli, a, &style, &mut out)?,
        Command::Similar(a) => similar_cmd(&cli, a, &style, &mut out)?,
        Command::Serve(a) => serve_cmd(&cli, a)?,
        Command::Sync(a) => sync_cmd(&cli, a, &mut out)?,
    };
    out.flush()?;
    Ok(code)
}

fn index_path(cli: &Cli) -> PathBuf {
    cli.index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

fn index_cmd(cli: &Cli, a: &IndexArgs, out: &mut impl Write) -> Result<ExitCode> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_CORPUS)]
    } else {
        a.paths.clone()
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // A first Ctrl-C stops after the next commit; a second one stops at once.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let mut opts = IndexOptions {
        rebuild: a.rebuild,
        memory_budget: a.memory as usize * 1024 * 1024,
        cancel: Some(cancel),
        pdf: vraagbaak::pdf::Limits {
            time: std::time::Duration::from_secs(u64::from(a.pdf_timeout)),
            memory_mib: u64::from(a.pdf_memory),
            program: None,
        },
        ..IndexOptions::default()
    };
    if let Some(n) = a.commit_every {
        opts.commit_every = n as usize;
    }
    let bar = progress::Bar::new(a.quiet);
    let report = indexing::index_paths_with(&index_path(cli), &paths, &opts, &bar)?;
    if a.json {
        render::json(out, &report)?;
    } else {
        render::index_text(out, &report)?;
    }
    if report.interrupted {
        out.flush()?;
        eprintln!(
            "vraagbaak: interrupted; what was done is committed, run the same command again to finish"
        );
        return Ok(ExitCode::from(130));
    }
    if !report.missing.is_empty() {
        out.flush()?;
        bail!("not found: {}", report.missing.join(", "));
    }
    if a.strict && !report.skipped.is_empty() {
        out.flush()?;
        eprintln!(
            "vraagbaak: {} skipped (--strict)",
            render::count(report.skipped.len(), "file", "files")
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

fn sync_cmd(cli: &Cli, a: &SyncArgs, out: &mut impl Write) -> Result<ExitCode> {
    use vraagbaak::sync::{self, SyncOptions, client::ClientOptions};
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // A first Ctrl-C stops after the file in hand; a second one stops at once.
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let mut opts = SyncOptions::new(&a.corpus);
    opts.since = a.since;
    opts.until = a.until;
    opts.api = a.api.clone();
    opts.client = ClientOptions {
        pace: if a.pace > 0.0 {
            std::time::Duration::from_secs_f64(1.0 / a.pace)
        } else {
            std::time::Duration::ZERO
        },
        timeout: std::time::Duration::from_secs(u64::from(a.timeout)),
        max_requests: a.max_requests.map(|n| n as usize),
        tries: a.tries,
        ..ClientOptions::default()
    };
    let bar = progress::SyncBar::new(a.quiet);
    let report = sync::sync(&opts, Arc::clone(&stop), &bar)?;
    bar.finish();
    let index = if a.no_index || report.interrupted {
        None
    } else {
        let opts = IndexOptions {
            cancel: Some(Arc::clone(&stop)),
            ..IndexOptions::default()
        };
        let bar = progress::Bar::new(a.quiet);
        Some(indexing::index_paths_with(
            &index_path(cli),
            std::slice::from_ref(&a.corpus),
            &opts,
            &bar,
        )?)
    };
    if a.json {
        render::json(
            out,
            &serde_json::json!({ "sync": &report, "index": &index }),
        )?;
    } else {
        render::sync_text(out, &report)?;
        if let Some(index) = &index {
            render::index_text(out, index)?;
        }
    }
    out.flush()?;
    if report.first_run && !a.json {
        eprintln!(
            "vraagbaak: a first sync takes the last {} days; for earlier questions: vraagbaak sync --since 2019-09-01",
            opts.first_days
        );
    }
    if report.interrupted || index.as_ref().is_some_and(|i| i.interrupted) {
        eprintln!(
            "vraagbaak: interrupted; what was fetched is kept, run the same command again to go on"
        );
        return Ok(ExitCode::from(130));
    }
    if report.limit_reached {
        eprintln!("vraagbaak: the request limit was reached; run it again to go on");
    }
    if !report.failed.is_empty() {
        eprintln!(
            "vraagbaak: {} failed; they are tried again on the next run",
            render::count(report.failed.len(), "item", "items")
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The index for a command that reads it. With the default locations, an index that is
/// missing, older than `./corpus`, or of an older version is (re)built from `./corpus`
/// first, with a word on stderr; a named index is opened as it is.
fn open_store(cli: &Cli) -> Result<Store> {
    let path = ensure_default_index(cli)?;
    let mut store = Store::open(&path)?;
    if let Some(v) = &cli.vocabulary {
        if !v.is_file() {
            let what = if v.is_dir() {
                "a folder, not a file"
            } else {
                "no such file"
            };
            return Err(
                vraagbaak::Error::usage(format!("--vocabulary {}: {what}", v.display())).into(),
            );
        }
        store.use_vocabulary(v.clone());
    }
    Ok(store)
}

fn ensure_default_index(cli: &Cli) -> Result<PathBuf> {
    if let Some(p) = &cli.index {
        return Ok(p.clone());
    }
    let index_dir = PathBuf::from(DEFAULT_INDEX);
    let corpus = Path::new(DEFAULT_CORPUS);
    if !corpus.is_dir() {
        return Ok(index_dir);
    }
    // (why, rebuild): an index of another version is rebuilt; a stale one is updated,
    // which keeps what was indexed from other folders.
    let why = match index::last_written(&index_dir) {
        None => Some(("missing", true)),
        Some(written) => match Store::open(&index_dir) {
            Err(vraagbaak::Error::IncompatibleIndex { .. }) => Some(("of another version", true)),
            _ => match source::newest_mtime(corpus, Some(&index_dir)) {
                Some(newest) if newest > written => Some(("older than ./corpus", false)),
                _ => None,
            },
        },
    };
    if let Some((why, rebuild)) = why {
        eprintln!("vraagbaak: the index at ./index is {why}; indexing ./corpus first");
        let opts = IndexOptions {
            rebuild,
            ..IndexOptions::default()
        };
        let r = indexing::index_paths(&index_dir, &[corpus.to_path_buf()], &opts)
            .context("indexing ./corpus")?;
        eprintln!(
            "vraagbaak: indexed {} from {} ({} skipped) in {:.2} s",
            render::count(r.questions_indexed, "question", "questions"),
            render::count(r.files_seen, "file", "files"),
            r.skipped.len(),
            r.seconds
        );
    }
    Ok(index_dir)
}

fn search_cmd(cli: &Cli, a: &SearchArgs, style: &Style, out: &mut impl Write) -> Result<ExitCode> {
    let format = a.format();
    let rows = matches!(format, Format::Csv | Format::Jsonl);
    let usage = |msg: String| Err(vraagbaak::Error::usage(msg).into());
    if a.all && !rows {
        return usage("--all streams every hit: give --format csv or --format jsonl".into());
    }
    if a.facets && rows {
        return usage(format!(
            "--facets is shown with --format text or json, not in rows of {}",
            format.name()
        ));
    }
    if a.batch.is_some() && rows {
        return usage(format!(
            "--batch prints text or JSON lines (--json), not --format {}",
            format.name()
        ));
    }
    if a.batch.is_none() && a.query.iter().all(|w| w.trim().is_empty()) && a.filters().is_empty() {
        return usage(
            "nothing to search: give a word, or a filter such as --minister, --asker, --theme or --session".into(),
        );
    }
    let store = open_store(cli)?;
    if let Some(file) = &a.batch {
        return batch::run(&store, file, a, style, out);
    }
    let req = a.request(a.query.join(" "), a.filters());
    if a.all {
        return export(&store, &req, format, out);
    }
    let results = search::search(&store, &req)?;
    for n in &results.notices {
        eprintln!("vraagbaak: {n}");
    }
    match format {
        Format::Text => render::search_text(out, style, &results)?,
        Format::Json => render::json(out, &results)?,
        Format::Csv => {
            let mut rows = rows::CsvRows::new(&mut *out, results.unit);
            for hit in &results.hits {
                rows.write(hit)?;
            }
            rows.finish()?;
        }
        Format::Jsonl => {
            for hit in &results.hits {
                rows::json_line(out, hit)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `search --all`: every hit as a row or a line, written as it is found.
fn export(
    store: &Store,
    req: &SearchRequest,
    format: Format,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let session = search::Session::open(store)?;
    let unit = req.unit();
    let counter = progress::Counter::new(match unit {
        search::Unit::Question => "questions",
        search::Unit::Passage => "passages",
    });
    let streamed = if format == Format::Csv {
        let mut rows = rows::CsvRows::new(&mut *out, unit);
        let streamed = session.search_each(req, |hit| {
            counter.inc();
            rows.write(&hit).map_err(vraagbaak::Error::Output)
        });
        counter.finish();
        let streamed = streamed?;
        rows.finish()?;
        streamed
    } else {
        let streamed = session.search_each(req, |hit| {
            counter.inc();
            rows::json_line(&mut *out, &hit).map_err(vraagbaak::Error::Output)
        });
        counter.finish();
        streamed?
    };
    out.flush()?;
    for n in &streamed.notices {
        eprintln!("vraagbaak: {n}");
    }
    let matching = match streamed.total_questions {
        Some(q) => format!(
            "{q} match, {}",
            render::count(streamed.total, "passage", "passages")
        ),
        None => format!("{} match", streamed.total),
    };
    let noun = match streamed.unit {
        search::Unit::Passage => ("passage", "passages"),
        search::Unit::Question => ("question", "questions"),
    };
    eprintln!(
        "vraagbaak: wrote {} ({matching}) in {:.2} s",
        render::count(streamed.written, noun.0, noun.1),
        streamed.took_ms / 1000.0
    );
    Ok(ExitCode::SUCCESS)
}

fn stats_cmd(cli: &Cli, a: &StatsArgs, style: &Style, out: &mut impl Write) -> Result<ExitCode> {
    let store = open_store(cli)?;
    let stats = vraagbaak::lookup::stats_of(&store, a.top as usize, &a.filters.0)?;
    if let Some(dir) = &a.out {
        if a.format.is_some_and(|f| f != StatsFormat::Csv) {
            return Err(vraagbaak::Error::usage(
                "--out writes CSV files: leave out --format, or give --format csv",
            )
            .into());
        }
        for table in stats.tables() {
            let path = dir.join(format!("{}.csv", table.name));
            rows::table_csv_file(&path, &table)?;
            eprintln!(
                "vraagbaak: wrote {} ({})",
                path.display(),
                render::count(table.rows.len(), "row", "rows")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let table = a.table.as_deref().and_then(|name| stats.table(name));
    match (a.format(), &table) {
        (StatsFormat::Json, None) => render::json(out, &stats)?,
        (StatsFormat::Json, Some(t)) => render::json(out, &rows::table_objects(t))?,
        (StatsFormat::Text, None) => render::stats_text(out, style, &stats)?,
        (StatsFormat::Text, Some(t)) => render::table_text(out, style, t)?,
        (StatsFormat::Csv, Some(t)) => rows::table_csv(&mut *out, t)?,
        (StatsFormat::Csv, None) => {
            return Err(vraagbaak::Error::usage(format!(
                "CSV holds one table: choose it with --table ({}), or write each to a file with --out DIR",
                vraagbaak::lookup::TABLES.join(", ")
            ))
            .into());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn similar_cmd(
    cli: &Cli,
    a: &SimilarArgs,
    style: &Style,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let store = open_store(cli)?;
    let found = vraagbaak::similar(&store, &a.doc_id, a.limit as usize)?;
    if a.json {
        render::json(out, &found)?;
    } else {
        render::similar_text(out, style, &found)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn acronyms_cmd(
    cli: &Cli,
    a: &AcronymsArgs,
    style: &Style,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let store = open_store(cli)?;
    let mut learned = if a.learned || a.min > 1 {
        index::learned::of_store(&store)?
    } else {
        index::learned::with_list(&store)?
    };
    learned.retain(|l| l.source == index::learned::Source::List || l.questions >= a.min);
    if a.json {
        render::json(out, &learned)?;
    } else {
        render::acronyms_text(out, style, &learned, a.min)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show_cmd(cli: &Cli, a: &ShowArgs, style: &Style, out: &mut impl Write) -> Result<ExitCode> {
    let store = open_store(cli)?;
    let shown = vraagbaak::show(&store, &a.doc_id)?;
    if a.json {
        render::json(out, &shown)?;
    } else {
        render::question_text(out, style, &shown)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The access token: the first line of `--token-file`, else `VRAAGBAAK_TOKEN`.
fn token(a: &ServeArgs) -> Result<Option<String>> {
    if let Some(file) = &a.token_file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("--token-file {}", file.display()))?;
        let token = text.lines().next().unwrap_or("").trim().to_string();
        if token.is_empty() {
            return Err(vraagbaak::Error::usage(format!(
                "--token-file {}: the file is empty; put the token on its first line",
                file.display()
            ))
            .into());
        }
        return Ok(Some(token));
    }
    Ok(std::env::var("VRAAGBAAK_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty()))
}

fn serve_cmd(cli: &Cli, a: &ServeArgs) -> Result<ExitCode> {
    let token = token(a)?;
    let path = ensure_default_index(cli)?;
    let opts = vraagbaak::serve::ServeOptions {
        addr: a.addr,
        token: token.clone(),
        allow_hosts: a.allow_host.clone(),
        base_url: a.base_url.clone(),
        concurrent: a.concurrent as usize,
        timeout: std::time::Duration::from_secs(u64::from(a.timeout)),
        log: Some(std::sync::Arc::new(|what: &str| {
            eprintln!("vraagbaak serve: {what}");
        })),
        vocabulary: cli.vocabulary.clone(),
        sync: a.sync.map(|every| {
            let mut sync = vraagbaak::sync::SyncOptions::new(&a.corpus);
            sync.api = a.api.clone();
            vraagbaak::serve::ServeSync {
                every,
                sync,
                index: IndexOptions::default(),
            }
        }),
        ..vraagbaak::serve::ServeOptions::default()
    };
    if a.sync.is_some() && !index::exists(&path) {
        // A server that fills its own corpus may start from nothing: an empty index now,
        // the questions as the first sync brings them.
        std::fs::create_dir_all(&a.corpus)
            .with_context(|| format!("cannot make {}", a.corpus.display()))?;
        indexing::index_paths(
            &path,
            std::slice::from_ref(&a.corpus),
            &IndexOptions::default(),
        )?;
    }
    // The handler is in place before the address is told: a Ctrl-C that comes as soon as
    // the server answers stops it, rather than killing it. A second one stops at once.
    let stop = Arc::new(tokio::sync::Notify::new());
    let told = Arc::clone(&stop);
    let pressed = AtomicBool::new(false);
    let handled = ctrlc::set_handler(move || {
        if pressed.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        told.notify_one();
    })
    .is_ok();
    let server = vraagbaak::serve::Server::bind(&path, opts)?;
    let addr = server.local_addr();
    if !addr.ip().is_loopback() {
        eprintln!(
            "vraagbaak: warning: listening on {addr}, beyond this machine{}",
            if token.is_some() {
                ""
            } else {
                "; anyone who reaches it reads the index (give --token-file or VRAAGBAAK_TOKEN)"
            }
        );
    }
    let shown = path.display().to_string();
    let shown = if path.is_relative() && !shown.starts_with('.') {
        format!("./{shown}")
    } else {
        shown
    };
    eprintln!(
        "vraagbaak: serving {shown} at http://{addr}/ (Ctrl-C stops){}",
        if token.is_some() {
            "; access token required"
        } else {
            ""
        }
    );
    server.run(async move {
        if handled {
            stop.notified().await;
        } else {
            let _ = tokio::signal::ctrl_c().await;
        }
    })?;
    eprintln!("vraagbaak: stopped");
    Ok(ExitCode::SUCCESS)
}

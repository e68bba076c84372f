//! Command-line arguments: raw flags, validated at the edge (dates become dates here).

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use vraagbaak::search::{FILTERS, Filters, Sort};

const EXAMPLES: &str = "\
Examples:
  vraagbaak index                          index ./corpus into ./index
  vraagbaak search beroepsgeheim           best passages about beroepsgeheim
  vraagbaak search beroepsgeheim --minister demir --from 2022-01-01
  vraagbaak search '\"lokale besturen\" radicalisering -federaal' --part answer
  vraagbaak show sv-2022-257-1a2b3c4d      the whole question and answer";

/// Search the written questions of the Flemish Parliament and the ministers' answers.
///
/// Index a folder of questions (plain text from the parliament's PDFs), then search them in
/// Dutch: `gemeenten` also finds `gemeente`, `LIVC’s` finds `LIVC`. Each hit is a passage
/// with who asked, who answered, when, and on what topic.
#[derive(Debug, Parser)]
#[command(name = "vraagbaak", version, after_help = EXAMPLES)]
pub struct Cli {
    /// The index folder [default: ./index]
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// A vocabulary of your own beside the shipped one (`a = b`, `old -> new (2023)`,
    /// `broad > narrow, other`) [default: vocabulary.txt in the index folder, if any]
    #[arg(long, global = true, value_name = "FILE")]
    pub vocabulary: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index the .txt and .pdf files of folders (and files) into the index
    #[command(after_help = "\
Examples:
  vraagbaak index                          index ./corpus into ./index
  vraagbaak index ~/vragen/2023 ~/vragen/2024
  vraagbaak --index /data/idx index --rebuild /data/vragen
  vraagbaak index --strict || echo some files were skipped
  vraagbaak index --quiet --memory 128      no progress bar, a smaller writer buffer
  vraagbaak index ~/downloads/vragen-pdf    PDFs too: one-question files and bulletins
  vraagbaak index --pdf-timeout 60 bulletins   a longer time limit for very large PDFs

A file X.json beside X.txt or X.pdf is the parliament's open-data record of that question:
themes, session, answer date, timeliness, the parliament's names (see the README).

Only files that changed since the last run are read again; Ctrl-C stops after committing
what is done, and the next run finishes the job.
  vraagbaak index --json | jq .skipped")]
    Index(IndexArgs),

    /// Search passages: those holding every word first, then those holding some
    #[command(after_help = "\
Query syntax:
  beroepsgeheim gemeenten        passages with both words (those with one of them follow)
  \"stand van zaken\"              the words in this order
  -federaal  or  NOT federaal    without this word
  LIVC OR VVSG                   either word
  radical*                       any word that starts like this

Dutch, as you would want it: `geheim` also finds `beroepsgeheim` (compounds), `LIVC` also
finds `lokale integrale veiligheidscel` and the reverse (acronyms the index learned, see
`vraagbaak acronyms`), and a word the index does not know is corrected (`beroepgeheim`
shows `beroepsgeheim`, and says so). Exact matches rank first; --exact turns the widening off.

Examples:
  vraagbaak search beroepsgeheim
  vraagbaak search beroepsgeheim --minister \"Zuhal Demir\" --from 2022-01-01 --to 2022-12-31
  vraagbaak search 'radicalisering -federaal' --asker 'de vreese' --part question
  vraagbaak search samenwerkingsakkoord --topic LIVC --limit 3 --json
  vraagbaak search LIVC --exact                 (not `lokale integrale veiligheidscel` too)
  vraagbaak search --minister demir -- -federaal       (a query that starts with -)
  vraagbaak search --batch queries.tsv --json > results.jsonl

For research:
  vraagbaak search kinderopvang --per-question 1      (one passage, the best, per question)
  vraagbaak search kinderopvang --questions --sort newest --offset 10 --limit 10
  vraagbaak search --minister demir --session 2023-2024   (every question, newest first)
  vraagbaak search kinderopvang --facets              (questions per minister, year, asker)
  vraagbaak search kinderopvang --all --format csv > hits.csv
  vraagbaak search kinderopvang --all --questions --format jsonl | jq .doc_id

With the parliament's records beside the documents (X.json beside X.txt):
  vraagbaak search kinderopvang --theme \"welzijn, volksgezondheid en gezin\"
  vraagbaak search beroepsgeheim --session 2022-2023 --answered late")]
    Search(SearchArgs),

    /// Show the whole question and answer, as parsed, passages in order
    #[command(after_help = "\
Examples:
  vraagbaak show sv-2022-257-1a2b3c4d
  vraagbaak show sv-2022-257-1a2b3c4d --json")]
    Show(ShowArgs),

    /// List the acronyms searches widen with: those the index learned (with counts), then the shipped list
    #[command(after_help = "\
An acronym is learned where the text writes `long form (ACRONYM)` or `ACRONYM (long form)`,
e.g. `lokale integrale veiligheidscellen (LIVC’s)`. vraagbaak also ships a list of Flemish
and Belgian public-sector acronyms (OCMW, CLB, VDAB, VAPH, ...), used where the index
learned nothing else. A search for the acronym also finds passages that only use a long
form, and the reverse; --exact turns it off.

Examples:
  vraagbaak acronyms
  vraagbaak acronyms --learned --min 3
  vraagbaak acronyms --json | jq '.[] | select(.source == \"learned\")'")]
    Acronyms(AcronymsArgs),

    /// What the index holds: per minister (answered, open, days to answer), per month, theme, asker and year
    #[command(after_help = "\
Examples:
  vraagbaak stats
  vraagbaak stats --top 50
  vraagbaak stats --minister demir --session 2023-2024
  vraagbaak stats --status open --table ministers
  vraagbaak stats --format csv --table months > months.csv
  vraagbaak stats --theme onderwijs --out tabellen/     (ministers.csv, months.csv, ...)
  vraagbaak stats --json | jq '.per_minister[] | {minister, open, median_days}'

Tables: ministers (asked, answered, open, the longest open, median and 90th percentile
days to answer, share late), months (asked, answered, median days), themes, askers, years.
Days to answer and `late` come from the parliament's records; open questions from a
record without its document.")]
    Stats(StatsArgs),

    /// The questions most like this one (its title and question text): was it asked before?
    #[command(after_help = "\
Words the question shares with few others count most; the question itself and its copies
put to other ministers are left out (`show` lists those).

Examples:
  vraagbaak similar sv-2022-257-1a2b3c4d
  vraagbaak similar sv-2022-257-1a2b3c4d --limit 5 --json")]
    Similar(SimilarArgs),

    /// Serve the search as a web page, a JSON API and Atom feeds (http://127.0.0.1:7257/)
    #[command(after_help = "\
Pages: /?q=beroepsgeheim&minister=demir (the search, every choice in the URL),
/q/ID (a question beside its answer), /feed.atom?q=... (follow a search in a feed reader),
/stats?minister=... (charts and tables of the questions the filters let through).
API: /api/search?q=... (as `search --json`), /api/q/ID, /api/stats?minister=..., /api/similar/ID.
A new commit by a `vraagbaak index` beside the server is served within a second.

Examples:
  vraagbaak serve                            http://127.0.0.1:7257/ (builds ./index first)
  vraagbaak --index /data/idx serve --addr 127.0.0.1:8080
  vraagbaak serve --addr 0.0.0.0:7257 --token-file ~/.vraagbaak-token --allow-host zoek.intern
  vraagbaak serve --sync 1h                  fetch new questions every hour (see `sync --help`)
  curl -s 'http://127.0.0.1:7257/api/search?q=beroepsgeheim&limit=3' | jq '.hits[].topic'

Beyond loopback, give an access token (--token-file or VRAAGBAAK_TOKEN): every request
but /health then needs `Authorization: Bearer TOKEN` (a browser asks for it as password).")]
    Serve(ServeArgs),

    /// Fetch the written questions from the parliament's open-data service into the corpus, then index them
    #[command(after_help = "\
Lists the written questions published in the window, fetches each one's record (X.json)
and its PDF (X.pdf) into the corpus folder, a folder per session (corpus/2023-2024/...),
then brings the index up to date as `vraagbaak index DIR` would. A question with no
document yet is kept as its record alone (an open question) and gets its PDF on a later
run. A later run lists from where the last one ended, less 45 days, and fetches only what
is new, changed, missing or failed. Ctrl-C stops after the file in hand; run it again
to go on.

Exit status: 0 all well, 1 some items failed (they are tried again next run), 2 bad
arguments, 130 interrupted.

Examples:
  vraagbaak sync                                  the last 365 days into ./corpus, then index
  vraagbaak sync --since 2019-09-01               further back
  vraagbaak sync --corpus /data/vragen --json     a summary as JSON (for cron)
  vraagbaak sync --max-requests 500 --no-index    a little at a time
  vraagbaak sync --api http://127.0.0.1:8080      another address of the service

From cron, every night at 3:
  0 3 * * * cd /data && vraagbaak sync --json >> sync.log 2>&1")]
    Sync(SyncArgs),
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The corpus folder the records and PDFs go into
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,

    /// The first publication date to list (default: where the last run ended, less 45 days; on a first run, a year back)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub since: Option<time::Date>,

    /// The last publication date to list (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub until: Option<time::Date>,

    /// The address of the open-data service
    #[arg(long, value_name = "URL", default_value = vraagbaak::sync::DEFAULT_API, value_parser = parse_base_url)]
    pub api: String,

    /// The most requests a second (0: no pause; be kind to a public service)
    #[arg(long, value_name = "N", default_value_t = 2.0, value_parser = parse_pace)]
    pub pace: f64,

    /// The most requests this run makes (the rest waits for the next run)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_requests: Option<u64>,

    /// Seconds a connection or a read may take before it is tried again
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub timeout: u32,

    /// Tries of each request before the item is given up (waits of 2, 4, 8... s between, or what Retry-After says)
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u32).range(1..=10))]
    pub tries: u32,

    /// Fetch only; leave the index as it is
    #[arg(long)]
    pub no_index: bool,

    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,

    /// Print the summary (and the index's) as one JSON object
    #[arg(long)]
    pub json: bool,
}

fn parse_day(s: &str) -> Result<time::Date, String> {
    vraagbaak::parse::date::parse_iso(s.trim())
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2022-12-09"))
}

fn parse_pace(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=1000.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{s}` is not a number of requests a second from 0 to 1000"
        )),
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0: any free port)
    #[arg(long, value_name = "ADDR", default_value = vraagbaak::serve::DEFAULT_ADDR)]
    pub addr: std::net::SocketAddr,

    /// A file holding the access token (its first line); without it, VRAAGBAAK_TOKEN
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,

    /// A host name clients use for this server besides its address and localhost (repeat for more)
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,

    /// The address clients reach this server at, behind a proxy (feeds link to it):
    /// e.g. https://vragen.example.org
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,

    /// Requests worked on at once (more wait their turn)
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub concurrent: u32,

    /// Seconds a request may wait and take before it is answered 503
    #[arg(long, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub timeout: u32,

    /// Keep the index current: run `vraagbaak sync` in the server at start and on this interval (e.g. 1h, 30m, 1d)
    #[arg(long, value_name = "INTERVAL", value_parser = parse_interval)]
    pub sync: Option<std::time::Duration>,

    /// With --sync: the corpus folder it fills and the index is built from
    #[arg(long, value_name = "DIR", default_value = "corpus", requires = "sync")]
    pub corpus: PathBuf,

    /// With --sync: the address of the open-data service
    #[arg(long, value_name = "URL", default_value = vraagbaak::sync::DEFAULT_API,
          value_parser = parse_base_url, requires = "sync")]
    pub api: String,
}

fn parse_interval(s: &str) -> Result<std::time::Duration, String> {
    let d = humantime::parse_duration(s.trim())
        .map_err(|e| format!("`{s}` is not an interval such as 30m, 1h or 1d ({e})"))?;
    if d < std::time::Duration::from_secs(60) {
        return Err(format!("`{s}`: sync at most once a minute"));
    }
    Ok(d)
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// How many askers to list (ministers and years are listed whole)
    #[arg(long, value_name = "N", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub top: u32,

    /// Of the questions these filters let through (as `search` with them lists them)
    #[command(flatten)]
    pub filters: FilterArgs,

    /// How to print the figures
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<StatsFormat>,

    /// Only this table (with text, JSON or CSV)
    #[arg(long, value_name = "TABLE", value_parser = clap::builder::PossibleValuesParser::new(vraagbaak::lookup::TABLES))]
    pub table: Option<String>,

    /// Write every table as a CSV file into this folder (ministers.csv, months.csv, ...)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["table", "json"])]
    pub out: Option<PathBuf>,

    /// Print the figures as JSON (the same as --format json)
    #[arg(long)]
    pub json: bool,
}

/// The output formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// For people, in a terminal
    Text,
    /// One JSON document (with --table: that table's rows as objects)
    Json,
    /// One table, with a header (choose it with --table; --out writes them all)
    Csv,
}

impl StatsArgs {
    /// The output format asked for.
    pub fn format(&self) -> StatsFormat {
        match (self.format, self.json) {
            (Some(f), _) => f,
            (None, true) => StatsFormat::Json,
            (None, false) => StatsFormat::Text,
        }
    }
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The id of the question (search and show print it)
    #[arg(value_name = "DOC_ID")]
    pub doc_id: String,

    /// How many questions to show
    #[arg(long, default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000))]
    pub limit: u32,

    /// Print the questions as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AcronymsArgs {
    /// Only acronyms learned from at least N questions (the shipped list left out)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min: usize,

    /// Only the acronyms the index learned, not those of the shipped list
    #[arg(long)]
    pub learned: bool,

    /// Print the list as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (searched recursively for .txt and .pdf files) and files to index [default: ./corpus]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Start from an empty index (also replaces an index of an older version)
    #[arg(long)]
    pub rebuild: bool,

    /// Exit with code 3 when any file was skipped (for scripts)
    #[arg(long)]
    pub strict: bool,

    /// No progress bar (it only shows on a terminal anyway)
    #[arg(long, short)]
    pub quiet: bool,

    /// Memory for the index writer's buffers, in MB
    #[arg(long, value_name = "MB", default_value_t = vraagbaak::indexing::DEFAULT_MEMORY_MB as u32,
          value_parser = clap::value_parser!(u32).range(vraagbaak::indexing::MIN_MEMORY_MB as i64..=65_536))]
    pub memory: u32,

    /// Seconds a PDF may take to read before it is skipped (`timed out after N s`)
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub pdf_timeout: u32,

    /// Memory a PDF reader may use, in MB (a larger file is skipped: `over the memory limit`)
    #[arg(long, value_name = "MB", default_value_t = 2048,
          value_parser = clap::value_parser!(u32).range(256..=65_536))]
    pub pdf_memory: u32,

    /// Commit after this many changed files (tests use it to kill a run between commits)
    #[arg(long, value_name = "N", hide = true, value_parser = clap::value_parser!(u32).range(1..))]
    pub commit_every: Option<u32>,

    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for (see the query syntax below); none, with filters: every question
    /// they let through, newest first
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,

    /// Run every query of FILE in one process: one a line, QUERY<TAB>minister<TAB>from<TAB>to
    /// (empty fields allowed, # comments); timings summed up on stderr
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub batch: Option<PathBuf>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Search the words as typed: no acronym expansion, no typo correction
    #[arg(long)]
    pub exact: bool,

    /// How many hits to show
    #[arg(long, default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,

    /// Pass over the first N hits (the next page: --offset 10)
    #[arg(long, default_value_t = 0, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..=10_000_000))]
    pub offset: u32,

    /// The order of hits (by date: the best first within a day; hits holding every word
    /// still come before those holding some)
    #[arg(long, default_value = "relevance", value_name = "ORDER",
          value_parser = clap::builder::PossibleValuesParser::new(Sort::NAMES)
              .map(|s| s.parse::<Sort>().unwrap_or_default()))]
    pub sort: Sort,

    /// At most N passages of one question, its best ones
    #[arg(long, value_name = "N", conflicts_with = "questions",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub per_question: Option<u32>,

    /// List questions instead of passages, each with its best passage
    #[arg(long)]
    pub questions: bool,

    /// Count the matching questions per minister, year and asker (top 20 each)
    #[arg(long)]
    pub facets: bool,

    /// Every hit, not a page: with --format csv or jsonl, streamed as it is found
    #[arg(long, conflicts_with_all = ["limit", "batch"])]
    pub all: bool,

    /// How to print the results
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<Format>,

    /// Print the results as JSON (the same as --format json)
    #[arg(long)]
    pub json: bool,
}

/// The output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people, in a terminal
    Text,
    /// One JSON document
    Json,
    /// One row a hit, with a header, every field (for spreadsheets)
    Csv,
    /// One JSON object a line, a hit each (for notebooks and jq)
    Jsonl,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

impl SearchArgs {
    /// The output format asked for.
    pub fn format(&self) -> Format {
        match (self.format, self.json) {
            (Some(f), _) => f,
            (None, true) => Format::Json,
            (None, false) => Format::Text,
        }
    }

    /// The filters the flags give.
    pub fn filters(&self) -> Filters {
        self.filters.0.clone()
    }

    /// The request for `query` with these filters and the flags' other settings.
    pub fn request(
        &self,
        query: String,
        filters: vraagbaak::search::Filters,
    ) -> vraagbaak::search::SearchRequest {
        vraagbaak::search::SearchRequest {
            query,
            filters,
            limit: self.limit as usize,
            expand: self.expansions(),
            offset: self.offset as usize,
            sort: self.sort,
            per_question: self.per_question.map(|n| n as usize),
            questions: self.questions,
            facets: self.facets,
        }
    }

    /// What the query is widened with: everything, or nothing with `--exact`.
    pub fn expansions(&self) -> vraagbaak::search::Expansions {
        if self.exact {
            vraagbaak::search::Expansions::NONE
        } else {
            vraagbaak::search::Expansions::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The id of the question (search prints it)
    #[arg(value_name = "DOC_ID")]
    pub doc_id: String,

    /// Print the question as JSON
    #[arg(long)]
    pub json: bool,
}

/// A base URL: `http://` or `https://`, a host, maybe a path; no query or fragment.
fn parse_base_url(s: &str) -> Result<String, String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("`{s}` does not start with https:// or http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || rest.contains(['?', '#', ' ', '"', '<', '>']) {
        return Err(format!(
            "`{s}` is not a base URL; write it as https://vragen.example.org"
        ));
    }
    Ok(s.trim_end_matches('/').to_string())
}

/// The filters as flags, one for each of [`FILTERS`]: declared in the library, read by
/// [`Filters::set`] as the server reads its parameters.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs(pub Filters);

impl clap::FromArgMatches for FilterArgs {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut f = Filters::default();
        for spec in FILTERS {
            if let Some(v) = m.get_one::<String>(spec.name) {
                f.set(spec.name, v).map_err(|e| {
                    clap::Error::raw(
                        clap::error::ErrorKind::ValueValidation,
                        format!("--{}: {e}\n", spec.name),
                    )
                })?;
            }
        }
        f.check().map_err(|e| {
            clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, format!("{e}\n"))
        })?;
        Ok(FilterArgs(f))
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = FilterArgs::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for FilterArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        FILTERS.iter().fold(cmd, |cmd, spec| {
            let arg = clap::Arg::new(spec.name)
                .long(spec.name)
                .value_name(spec.value_name)
                .help(spec.help)
                .action(clap::ArgAction::Set);
            let name = spec.name;
            let arg = if spec.choices.is_empty() {
                // Checked as the flag is read: clap names the flag and its value.
                arg.value_parser(move |v: &str| -> Result<String, String> {
                    Filters::default().set(name, v).map(|()| v.to_string())
                })
            } else {
                arg.value_parser(clap::builder::PossibleValuesParser::new(spec.choices))
            };
            cmd.arg(arg)
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        FilterArgs::augment_args(cmd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use vraagbaak::Part;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn filters_are_checked_at_the_edge() {
        let parse = |extra: &[&str]| {
            let mut args = vec!["vraagbaak", "search", "x"];
            args.extend(extra);
            Cli::try_parse_from(args).map(|c| match c.command {
                Command::Search(s) => s.filters(),
                _ => panic!("not search"),
            })
        };
        let f = parse(&[
            "--from",
            "2022-12-09",
            "--part",
            "answer",
            "--answered",
            "late",
        ])
        .expect("good flags");
        assert_eq!(f.part, Some(Part::Answer));
        assert_eq!(f.get("from").as_deref(), Some("2022-12-09"));
        for bad in [
            &["--from", "9 december 2022"][..],
            &["--to", "2022-02-30"],
            &["--part", "titel"],
            &["--session", "2022-2024"],
            &["--from", "2023-01-01", "--to", "2022-01-01"],
        ] {
            let err = parse(bad).expect_err("a bad flag").to_string();
            assert!(
                err.contains("invalid value") || err.contains("is after"),
                "{err}"
            );
        }
    }

    #[test]
    fn flags_after_the_query_are_flags() {
        let args = [
            "vraagbaak",
            "search",
            "beroepsgeheim",
            "gemeenten",
            "--minister",
            "demir",
        ];
        let Command::Search(s) = Cli::try_parse_from(args).unwrap().command else {
            panic!("not search")
        };
        assert_eq!(s.query, vec!["beroepsgeheim", "gemeenten"]);
        assert_eq!(s.filters().minister.as_deref(), Some("demir"));
    }

    #[test]
    fn a_query_may_start_with_a_minus_after_a_double_dash() {
        let args = [
            "vraagbaak",
            "search",
            "--minister",
            "demir",
            "--",
            "-federaal",
        ];
        let Command::Search(s) = Cli::try_parse_from(args).unwrap().command else {
            panic!("not search")
        };
        assert_eq!(s.query, vec!["-federaal"]);
        assert_eq!(s.filters().minister.as_deref(), Some("demir"));
    }
}

//! Measuring search quality on a judged query set: each query with the passages a person
//! judged relevant, and recall@10, nDCG@10 and MRR over what a search returns.
//!
//! A passage is named `NUMBER/PN`: the question's number, `q` or `a` for its part, and the
//! number its label opens with (`0` for a passage without a label): `1001/q2` is item 2 of
//! question 1001, `1001/a0` an answer paragraph before the first numbered item.

use crate::analysis::AnalyzerOptions;
use crate::error::{Error, Result};
use crate::index::Store;
use crate::indexing::IndexOptions;
use crate::model::Part;
use crate::search::{Expansions, Hit, SearchRequest, Session};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Results are judged down to this rank.
pub const DEPTH: usize = 10;

/// One judged query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// What the query tests (`plain`, `inflection`, `compound`, `acronym`, `typo`).
    pub kind: String,
    pub query: String,
    /// The passages judged relevant.
    pub relevant: HashSet<String>,
}

/// Reads a judgment file: one query a line, `kind<TAB>query<TAB>passage passage ...`;
/// blank lines and lines opening with `#` are skipped.
pub fn parse_judgments(text: &str) -> Result<Vec<Judged>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| Error::usage(format!("judgments line {}: {why}", n + 1));
        let mut cols = line.split('\t');
        let (Some(kind), Some(query), Some(ids), None) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(bad("expected kind, query and passages, separated by tabs"));
        };
        let relevant: HashSet<String> = ids.split_whitespace().map(str::to_string).collect();
        if let Some(id) = relevant.iter().find(|id| !is_passage_id(id)) {
            return Err(bad(&format!(
                "`{id}` is not a passage id like 1001/q2 or 1001/a1"
            )));
        }
        if query.trim().is_empty() || relevant.is_empty() {
            return Err(bad(
                "a query needs its text and at least one relevant passage",
            ));
        }
        out.push(Judged {
            kind: kind.trim().to_string(),
            query: query.trim().to_string(),
            relevant,
        });
    }
    Ok(out)
}

fn is_passage_id(id: &str) -> bool {
    let Some((number, passage)) = id.split_once('/') else {
        return false;
    };
    let mut chars = passage.chars();
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && matches!(chars.next(), Some('q' | 'a'))
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

/// The id of the passage a hit is (see the module's documentation).
pub fn passage_id(hit: &Hit) -> String {
    let part = match hit.part {
        Part::Question => 'q',
        Part::Answer => 'a',
    };
    let item: String = hit
        .label
        .as_deref()
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let item = if item.is_empty() { "0" } else { &item };
    format!("{}/{part}{item}", hit.meta.number.unwrap_or(0))
}

/// The scores of one ranking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Relevant passages in the top 10, over the relevant ones (at most 10 counted).
    pub recall: f64,
    /// Discounted gain of the top 10 over the best possible (binary gains).
    pub ndcg: f64,
    /// One over the rank of the first relevant passage (0 when none is in the top 10).
    pub mrr: f64,
}

/// Scores a ranking (passage ids, best first) against the relevant set.
pub fn score(ranked: &[String], relevant: &HashSet<String>) -> Scores {
    if relevant.is_empty() {
        return Scores::default();
    }
    let top = &ranked[..ranked.len().min(DEPTH)];
    let gain = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let mut found = 0usize;
    let mut dcg = 0.0;
    let mut first = None;
    let mut seen = HashSet::new();
    for (rank, id) in top.iter().enumerate() {
        // A passage counts once, however often it is returned.
        if relevant.contains(id) && seen.insert(id) {
            found += 1;
            dcg += gain(rank);
            first.get_or_insert(rank);
        }
    }
    let ideal_n = relevant.len().min(DEPTH);
    let ideal: f64 = (0..ideal_n).map(gain).sum();
    Scores {
        recall: found as f64 / ideal_n as f64,
        ndcg: dcg / ideal,
        mrr: first.map_or(0.0, |r| 1.0 / (r + 1) as f64),
    }
}

/// The mean of each score.
pub fn mean(all: &[Scores]) -> Scores {
    let n = all.len().max(1) as f64;
    Scores {
        recall: all.iter().map(|s| s.recall).sum::<f64>() / n,
        ndcg: all.iter().map(|s| s.ndcg).sum::<f64>() / n,
        mrr: all.iter().map(|s| s.mrr).sum::<f64>() / n,
    }
}

/// What one query gave.
#[derive(Debug, Clone, Serialize)]
pub struct QueryRun {
    pub kind: String,
    pub query: String,
    pub scores: Scores,
    /// The passages returned, best first.
    pub ranked: Vec<String>,
    /// Returned in the top 10 without a judgment (to judge them, or to see what went wrong).
    pub unjudged: Vec<String>,
    /// Judged relevant, not in the top 10.
    pub missed: Vec<String>,
    /// What the search said (a correction, say).
    pub notices: Vec<String>,
}

/// Runs every judged query against an index, with the given query-time expansions.
pub fn run(store: &Store, judged: &[Judged], expand: Expansions) -> Result<Vec<QueryRun>> {
    let session = Session::open(store)?;
    let mut out = Vec::with_capacity(judged.len());
    for j in judged {
        let mut req = SearchRequest::new(j.query.clone());
        req.limit = DEPTH;
        req.expand = expand;
        let results = session.search(&req)?;
        let ranked: Vec<String> = results.hits.iter().map(passage_id).collect();
        let unjudged = ranked
            .iter()
            .filter(|id| !j.relevant.contains(*id))
            .cloned()
            .collect();
        let mut missed: Vec<String> = j
            .relevant
            .iter()
            .filter(|id| !ranked.contains(id))
            .cloned()
            .collect();
        missed.sort();
        out.push(QueryRun {
            kind: j.kind.clone(),
            query: j.query.clone(),
            scores: score(&ranked, &j.relevant),
            ranked,
            unjudged,
            missed,
            notices: results.notices.iter().map(ToString::to_string).collect(),
        });
    }
    Ok(out)
}

/// One configuration of the analyzer and the query, as the evaluation compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Config {
    pub name: &'static str,
    #[serde(skip)]
    pub analyzer: AnalyzerOptions,
    #[serde(skip)]
    pub expand: Expansions,
}

/// The analyzer with the fixes of Porter's gaps and nothing more.
const FIXES_ONLY: AnalyzerOptions = AnalyzerOptions {
    stem_fixes: true,
    alternations: false,
    compounds: false,
};

/// Acronyms learned from the corpus and typos: the widenings of the steps before the
/// fronts and the shipped list.
const LEARNED: Expansions = Expansions {
    acronyms: true,
    typos: true,
    fronts: false,
    listed_acronyms: false,
    vocabulary: false,
    questions: false,
    parts: false,
};

/// The configurations compared, each adding one step to the one before; the last is
/// vraagbaak's default.
pub const CONFIGS: [Config; 11] = [
    Config {
        name: "Porter",
        analyzer: AnalyzerOptions::PLAIN,
        expand: Expansions::NONE,
    },
    Config {
        name: "+ stem fixes",
        analyzer: FIXES_ONLY,
        expand: Expansions::NONE,
    },
    Config {
        name: "+ s/z, f/v, -eel/-aal",
        analyzer: AnalyzerOptions {
            alternations: true,
            ..FIXES_ONLY
        },
        expand: Expansions::NONE,
    },
    Config {
        name: "+ compounds",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions::NONE,
    },
    Config {
        name: "+ acronyms",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions {
            typos: false,
            ..LEARNED
        },
    },
    Config {
        name: "+ typos",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: LEARNED,
    },
    Config {
        name: "+ compound fronts",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions {
            fronts: true,
            ..LEARNED
        },
    },
    Config {
        name: "+ listed acronyms",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions {
            vocabulary: false,
            questions: false,
            parts: false,
            ..Expansions::DEFAULT
        },
    },
    Config {
        name: "+ vocabulary",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions {
            questions: false,
            parts: false,
            ..Expansions::DEFAULT
        },
    },
    Config {
        name: "+ parts of unknown compounds",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions {
            questions: false,
            ..Expansions::DEFAULT
        },
    },
    Config {
        name: "+ question words",
        analyzer: AnalyzerOptions::DEFAULT,
        expand: Expansions::DEFAULT,
    },
];

/// What one configuration gave over the whole query set.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigRun {
    pub config: Config,
    pub mean: Scores,
    pub queries: Vec<QueryRun>,
}

/// Indexes `corpus` once per analyzer the configurations need (in folders under
/// `work`) and runs the judged queries in every configuration.
pub fn evaluate(
    corpus: &Path,
    judged: &[Judged],
    configs: &[Config],
    work: &Path,
) -> Result<Vec<ConfigRun>> {
    let mut built: Vec<(AnalyzerOptions, PathBuf)> = Vec::new();
    let mut out = Vec::new();
    for config in configs {
        let dir = match built.iter().find(|(a, _)| *a == config.analyzer) {
            Some((_, dir)) => dir.clone(),
            None => {
                let dir = work.join(format!("index-{}", built.len()));
                let opts = IndexOptions {
                    rebuild: true,
                    analyzer: config.analyzer,
                    ..IndexOptions::default()
                };
                crate::indexing::index_paths(&dir, &[corpus.to_path_buf()], &opts)?;
                built.push((config.analyzer, dir.clone()));
                dir
            }
        };
        let store = Store::open(&dir)?;
        let queries = run(&store, judged, config.expand)?;
        let scores: Vec<Scores> = queries.iter().map(|q| q.scores).collect();
        out.push(ConfigRun {
            config: *config,
            mean: mean(&scores),
            queries,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn set(s: &str) -> HashSet<String> {
        ids(s).into_iter().collect()
    }

    #[test]
    fn scores_of_known_rankings() {
        let relevant = set("1/q1 1/a1");
        let perfect = score(&ids("1/q1 1/a1 2/q0"), &relevant);
        assert_eq!((perfect.recall, perfect.ndcg, perfect.mrr), (1.0, 1.0, 1.0));
        let none = score(&ids("2/q0 3/a1"), &relevant);
        assert_eq!((none.recall, none.ndcg, none.mrr), (0.0, 0.0, 0.0));
        // One of two, at rank 2: gain 1/log2(3) over 1 + 1/log2(3).
        let half = score(&ids("2/q0 1/a1"), &relevant);
        assert_eq!(half.recall, 0.5);
        assert_eq!(half.mrr, 0.5);
        let g = 1.0 / 3f64.log2();
        assert!((half.ndcg - g / (1.0 + g)).abs() < 1e-12);
        // Returned twice, counted once.
        assert_eq!(score(&ids("1/q1 1/q1"), &relevant).recall, 0.5);
    }

    #[test]
    fn recall_counts_at_most_ten_relevant() {
        let relevant: HashSet<String> = (0..20).map(|i| format!("{i}/a1")).collect();
        let ranked: Vec<String> = (0..10).map(|i| format!("{i}/a1")).collect();
        let s = score(&ranked, &relevant);
        assert_eq!((s.recall, s.ndcg), (1.0, 1.0));
    }

    #[test]
    fn judgment_files_are_read_and_checked() {
        let j = parse_judgments("# comment\n\ncompound\tgeheim\t1001/q2 1001/a2\n").unwrap();
        assert_eq!(j.len(), 1);
        assert_eq!(j[0].query, "geheim");
        assert_eq!(j[0].relevant, set("1001/a2 1001/q2"));
        for bad in [
            "compound\tgeheim",
            "compound\tgeheim\t1001-q2",
            "compound\tgeheim\t1001/x2",
            "compound\t \t1001/q2",
            "compound\tgeheim\t",
        ] {
            let err = parse_judgments(bad).unwrap_err().to_string();
            assert!(err.contains("line 1"), "{bad}: {err}");
        }
    }
}

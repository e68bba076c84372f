//! A progress bar for long indexing runs: on stderr, only when it is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use vraagbaak::indexing::Progress;

pub struct Bar(Option<ProgressBar>);

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} {bar:30} {pos}/{len} files  {rate}  {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", state.per_sec());
            },
        );
        bar.set_style(style);
        Bar(Some(bar))
    }
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
        }
    }

    fn advance(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// A count of rows written by a long export: on stderr, only when it is a terminal.
pub struct Counter(Option<ProgressBar>);

impl Counter {
    pub fn new(what: &str) -> Counter {
        if !std::io::stderr().is_terminal() {
            return Counter(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let template = format!("{{spinner}} {{pos}} {what} written  {{per_sec}}");
        bar.set_style(
            ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Counter(Some(bar))
    }

    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// Questions looked at by a sync: on stderr, only when it is a terminal.
pub struct SyncBar(Option<ProgressBar>);

impl SyncBar {
    pub fn new(quiet: bool) -> SyncBar {
        if quiet || !std::io::stderr().is_terminal() {
            return SyncBar(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} listing the questions...")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        SyncBar(Some(bar))
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl vraagbaak::sync::SyncProgress for SyncBar {
    fn listed(&self, n: usize) {
        if let Some(b) = &self.0 {
            b.set_length(n as u64);
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} {bar:30} {pos}/{len} questions  {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
        }
    }

    fn item(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
}

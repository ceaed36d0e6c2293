//! Progress of `org snapshot` on stderr: one bar for the whole
//! organization and a spinner per account in flight (what it is reading,
//! how many roles so far, throttling), or one line per finished account
//! when stderr is not a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::source::live::LiveEvent;
use crate::text::escape_controls_line;

pub struct Bars {
    multi: Option<MultiProgress>,
    overall: Option<ProgressBar>,
}

impl Bars {
    /// Bars when `wanted` and stderr is a terminal; plain lines otherwise.
    pub fn new(wanted: bool) -> Bars {
        if !(wanted && std::io::stderr().is_terminal()) {
            return Bars {
                multi: None,
                overall: None,
            };
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let overall = multi.add(ProgressBar::new_spinner());
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed}] {wide_msg}") {
            overall.set_style(style);
        }
        overall.enable_steady_tick(Duration::from_millis(120));
        Bars {
            multi: Some(multi),
            overall: Some(overall),
        }
    }

    /// What the whole run is doing.
    pub fn status(&self, message: &str) {
        if let Some(bar) = &self.overall {
            bar.set_message(escape_controls_line(message).into_owned());
        }
    }

    /// The accounts phase: a bar of `total` accounts.
    pub fn start_accounts(&self, total: usize) {
        if let Some(bar) = &self.overall {
            bar.set_length(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed}] accounts {pos}/{len} [{bar:30}] {wide_msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
        }
    }

    /// One account finished: the bar moves and the line is kept above it.
    pub fn finished(&self, line: &str, failed: usize) {
        let line = escape_controls_line(line).into_owned();
        match &self.overall {
            Some(bar) => {
                bar.inc(1);
                if failed > 0 {
                    bar.set_message(format!("{failed} failed"));
                }
                bar.println(line);
            }
            None => eprintln!("rolecall: {line}"),
        }
    }

    /// A spinner for one account in flight (none without a terminal).
    pub fn account(&self, label: &str) -> Option<ProgressBar> {
        let multi = self.multi.as_ref()?;
        let bar = multi.add(ProgressBar::new_spinner());
        if let Ok(style) = ProgressStyle::with_template("  {spinner} {prefix} {wide_msg}") {
            bar.set_style(style);
        }
        bar.set_prefix(escape_controls_line(label).into_owned());
        bar.enable_steady_tick(Duration::from_millis(120));
        Some(bar)
    }

    pub fn clear(&self) {
        if let Some(bar) = &self.overall {
            bar.finish_and_clear();
        }
        if let Some(multi) = &self.multi {
            let _ = multi.clear();
        }
    }
}

/// Follows one account's load events on its spinner until the load ends.
/// Returns how many calls were retried (throttling, dropped connections).
pub async fn follow(mut rx: UnboundedReceiver<LiveEvent>, bar: Option<ProgressBar>) -> u32 {
    let mut roles = 0usize;
    let mut retries = 0u32;
    while let Some(event) = rx.recv().await {
        match event {
            LiveEvent::Page(page) => roles += page.role_detail_list.len(),
            LiveEvent::Throttled { call, attempt } => {
                retries += 1;
                if let Some(bar) = &bar {
                    bar.set_message(format!(
                        "throttled, retrying {call} (attempt {attempt}), {roles} roles so far"
                    ));
                }
            }
            LiveEvent::Progress { stage, .. } => {
                if let Some(bar) = &bar {
                    let stage = escape_controls_line(&stage).into_owned();
                    bar.set_message(format!("{stage}, {roles} roles"));
                }
            }
            LiveEvent::Identity { .. } | LiveEvent::Unavailable(_) => {}
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    retries
}

//! `rolecall snapshot -o FILE`: load the live account and save it as
//! GAAD-compatible JSON with rolecall's header, atomically.

use crate::text::escape_controls_line;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::snapshot_io::{SaveError, save_snapshot_unless};
use crate::source::live::{LiveError, LiveEvent, LiveOptions, UnavailablePiece, load_live};

/// What was saved.
#[derive(Debug, Clone)]
pub struct SnapshotSummary {
    pub path: PathBuf,
    pub account_id: String,
    pub caller: String,
    pub roles: usize,
    pub users: usize,
    pub groups: usize,
    pub policies: usize,
    pub unavailable: Vec<UnavailablePiece>,
    pub requests: u64,
    pub used_fallback: bool,
    pub elapsed: Duration,
}

impl std::fmt::Display for SnapshotSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "saved {}: account {}, {} roles, {} users, {} groups, {} managed policies ({} requests{}, {:.1}s)",
            self.path.display(),
            self.account_id,
            self.roles,
            self.users,
            self.groups,
            self.policies,
            self.requests,
            if self.used_fallback {
                ", per-entity calls because GAAD was denied"
            } else {
                ""
            },
            self.elapsed.as_secs_f64()
        )?;
        for piece in &self.unavailable {
            write!(f, "\n  unavailable: {piece}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error(transparent)]
    Live(#[from] LiveError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("interrupted: nothing was saved, and {path} is as it was")]
    Interrupted { path: String },
}

/// Loads the live account and saves it to `output`. A progress bar goes to
/// stderr when `progress_on_stderr` is set and stderr is a terminal. A load
/// that failed part-way saves nothing (the previous file stays).
pub async fn run(
    opts: &LiveOptions,
    output: &Path,
    progress_on_stderr: bool,
) -> Result<SnapshotSummary, SnapshotError> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let bar = (progress_on_stderr && std::io::stderr().is_terminal()).then(new_bar);
    let watcher = tokio::spawn(watch(rx, bar.clone()));
    let interrupted = || SnapshotError::Interrupted {
        path: output.display().to_string(),
    };
    // Ctrl-C while loading: nothing has been written yet.
    let result = tokio::select! {
        result = load_live(opts, tx) => Some(result),
        _ = tokio::signal::ctrl_c() => None,
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let Some(result) = result else {
        watcher.abort();
        return Err(interrupted());
    };
    let _ = watcher.await;
    let live = result?;
    let live = std::sync::Arc::new(live);
    // Ctrl-C while saving: the write stops and its temporary file goes.
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut save = tokio::task::spawn_blocking({
        let (live, cancel, output) = (live.clone(), cancel.clone(), output.to_path_buf());
        move || save_snapshot_unless(&output, &live.snapshot, &cancel)
    });
    let saved = tokio::select! {
        saved = &mut save => saved,
        _ = tokio::signal::ctrl_c() => {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            match save.await {
                // Already renamed into place: the new file is complete.
                Ok(Ok(())) => Ok(Ok(())),
                _ => return Err(interrupted()),
            }
        }
    };
    match saved {
        Ok(result) => result?,
        Err(join) => {
            return Err(SnapshotError::Save(SaveError::Write {
                path: output.display().to_string(),
                source: std::io::Error::other(join.to_string()),
            }));
        }
    }
    let s = &live.snapshot;
    let header = s.header.clone().unwrap_or_default();
    Ok(SnapshotSummary {
        path: output.to_path_buf(),
        account_id: header.account_id.unwrap_or_default(),
        caller: header.caller.unwrap_or_default(),
        roles: s.role_detail_list.len(),
        users: s.user_detail_list.len(),
        groups: s.group_detail_list.len(),
        policies: s.policies.len(),
        unavailable: live.unavailable.clone(),
        requests: live.requests,
        used_fallback: live.used_fallback,
        elapsed: live.elapsed,
    })
}

fn new_bar() -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed}] {wide_msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Turns load events into progress-bar updates (or just drains them).
async fn watch(mut rx: tokio::sync::mpsc::UnboundedReceiver<LiveEvent>, bar: Option<ProgressBar>) {
    let mut roles = 0usize;
    while let Some(event) = rx.recv().await {
        let Some(bar) = &bar else { continue };
        match event {
            LiveEvent::Identity {
                account_id,
                caller_arn,
                ..
            } => bar.println(escape_controls_line(&format!(
                "account {account_id} as {caller_arn}"
            ))),
            LiveEvent::Page(page) => roles += page.role_detail_list.len(),
            LiveEvent::Progress {
                stage,
                done,
                total,
                retries,
                ..
            } => {
                let count = match total {
                    Some(t) => format!("{done}/{t}"),
                    None => format!("{done} entities"),
                };
                let retries = if retries > 0 {
                    format!(", {retries} retries")
                } else {
                    String::new()
                };
                bar.set_message(format!("{stage}: {count}, {roles} roles{retries}"));
            }
            LiveEvent::Throttled { call, attempt } => {
                bar.set_message(format!("throttled, retrying {call} (attempt {attempt})"));
            }
            LiveEvent::Unavailable(piece) => {
                bar.println(format!(
                    "unavailable: {}",
                    escape_controls_line(&piece.to_string())
                ));
            }
        }
    }
}

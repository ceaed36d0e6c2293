//! The role list filling while a live account loads: pages accumulate here
//! and the model is rebuilt as they come (less and less often as it grows,
//! so the total work stays linear), progress and failures go to the header
//! and status line.

use std::time::Duration;

use crate::model::{self, Model};
use crate::snapshot::Snapshot;
use crate::source::Loaded;
use crate::source::live::{LiveError, LiveEvent, LiveResult, UnavailablePiece};

/// What the header and status line say about a live account.
#[derive(Debug, Clone, Default)]
pub struct LiveProgress {
    pub account_id: Option<String>,
    pub caller_arn: Option<String>,
    /// "roles 1200", "GAAD denied: per-entity calls", ...
    pub stage: String,
    pub elapsed: Duration,
    pub retries: u32,
    pub unavailable: Vec<UnavailablePiece>,
    pub done: bool,
    /// Every entity received so far in this load.
    pending: Snapshot,
    /// Entities in the model last built from `pending`.
    built: usize,
}

fn entity_count(s: &Snapshot) -> usize {
    s.role_detail_list.len()
        + s.user_detail_list.len()
        + s.group_detail_list.len()
        + s.policies.len()
}

impl LiveProgress {
    /// Takes one event; returns a model to show when enough has arrived to
    /// be worth rebuilding, and a status line when there is news.
    pub fn on_event(&mut self, event: LiveEvent) -> (Option<Model>, Option<String>) {
        match event {
            LiveEvent::Identity {
                account_id,
                caller_arn,
                ..
            } => {
                let status = format!("Connected to account {account_id} as {caller_arn}; loading…");
                self.account_id = Some(account_id);
                self.caller_arn = Some(caller_arn);
                (None, Some(status))
            }
            LiveEvent::Page(page) => {
                append(&mut self.pending, page);
                let now = entity_count(&self.pending);
                // Rebuild when a quarter more has arrived since the last build.
                if now >= self.built + self.built / 4 + 50 {
                    self.built = now;
                    (Some(self.model_of(self.pending.clone())), None)
                } else {
                    (None, None)
                }
            }
            LiveEvent::Progress {
                stage,
                done,
                total,
                retries,
                elapsed,
            } => {
                self.stage = match total {
                    Some(total) => format!("{stage} {done}/{total}"),
                    None => format!("{stage} {done}"),
                };
                self.retries = retries;
                self.elapsed = elapsed;
                (None, None)
            }
            LiveEvent::Throttled { call, attempt } => {
                self.retries += 1;
                (
                    None,
                    Some(format!("{call}: throttled, retrying (attempt {attempt})…")),
                )
            }
            LiveEvent::Unavailable(piece) => {
                let status = format!("Unavailable: {piece}; the rest still loads.");
                self.unavailable.push(piece);
                (None, Some(status))
            }
        }
    }

    /// The load finished: the model to show and what to say, or `Err` with
    /// the message when nothing at all could be loaded.
    pub fn finish(
        &mut self,
        result: Result<LiveResult, LiveError>,
    ) -> Result<(Model, String), String> {
        self.done = true;
        match result {
            Ok(done) => {
                let status = format!(
                    "Loaded {} roles in {:.1} s ({} requests{}).{}",
                    done.snapshot.role_detail_list.len(),
                    done.elapsed.as_secs_f64(),
                    done.requests,
                    if done.used_fallback {
                        ", per-entity calls: GAAD was denied"
                    } else {
                        ""
                    },
                    self.unavailable_note()
                );
                self.unavailable = done.unavailable;
                Ok((self.model_of(done.snapshot), status))
            }
            Err(error) => match error.partial() {
                Some(partial) => {
                    let status = format!("Load stopped; what arrived is shown. {error}");
                    Ok((self.model_of(partial.clone()), status))
                }
                None => Err(error.to_string()),
            },
        }
    }

    fn unavailable_note(&self) -> String {
        match self.unavailable.first() {
            None => String::new(),
            Some(piece) => format!(
                " {} piece(s) unavailable, e.g. {piece}.",
                self.unavailable.len()
            ),
        }
    }

    fn model_of(&self, snapshot: Snapshot) -> Model {
        model::build(vec![Loaded {
            origin: format!("live:{}", self.account_id.as_deref().unwrap_or("account")),
            snapshot,
        }])
    }
}

fn append(into: &mut Snapshot, page: Snapshot) {
    into.role_detail_list.extend(page.role_detail_list);
    into.user_detail_list.extend(page.user_detail_list);
    into.group_detail_list.extend(page.group_detail_list);
    into.policies.extend(page.policies);
    if page.header.is_some() {
        into.header = page.header;
    }
}

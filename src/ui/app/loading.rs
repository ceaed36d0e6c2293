//! Loading: the baseline, a live load starting, a reload, and swapping in
//! a new model while keeping the user's place.

use super::{App, Command, PageState, keep_visible};
use crate::model::{EntityRef, Model};
use crate::ui::live::LiveProgress;
use crate::ui::nav::Page;

impl App {
    /// Compares the model with this earlier snapshot of the same account:
    /// drifted roles are marked in the list and get a Drift tab.
    pub fn set_baseline(&mut self, baseline: Model) {
        self.data.baseline = Some(baseline);
        self.data.recompute_drift();
        self.refresh();
        if let Some(summary) = self.data.drift_summary() {
            self.status = format!("{summary} {}", self.status);
        }
    }

    /// Starts loading a live account into an empty app.
    pub fn start_live(&mut self) -> Vec<Command> {
        self.data.live = Some(LiveProgress::default());
        let commands = self.reload();
        self.status = "Connecting to AWS (STS GetCallerIdentity)…".into();
        commands
    }

    /// Starts reading files into an empty app (an organization's directory).
    pub fn start_background(&mut self) -> Vec<Command> {
        let commands = self.reload();
        self.status = "Reading the accounts… (the list fills when they are read)".into();
        commands
    }

    /// Starts loading a whole organization live (`--org`) into an empty app.
    pub fn start_org(&mut self) -> Vec<Command> {
        let commands = self.reload();
        self.status = "Connecting to AWS (STS GetCallerIdentity)…".into();
        commands
    }

    pub(super) fn reload(&mut self) -> Vec<Command> {
        let request = self.data.start_load();
        self.status = "Reloading…".into();
        vec![Command::Load { request }]
    }

    /// Swaps in a freshly loaded model, keeping the selected role, the open
    /// pages and their tabs wherever the same ARNs still exist.
    pub fn replace_model(&mut self, model: Model) {
        let arn_of = |app: &App, e: EntityRef| app.data.model.arn_of(e).to_string();
        let account_of = |app: &App, e: EntityRef| app.data.model.account_of(e);
        let selected = self.list.selected_role().map(|r| {
            (
                arn_of(self, EntityRef::Role(r)),
                self.data.model.roles[r].account,
            )
        });
        let pages: Vec<(Option<(String, usize)>, PageState)> = self
            .pages
            .iter()
            .map(|p| {
                (
                    p.entity().map(|e| (arn_of(self, e), account_of(self, e))),
                    p.clone(),
                )
            })
            .collect();
        let first_load = self.data.model.accounts.is_empty();
        self.data.set_model(model);
        let mut lost = 0;
        let kept: Vec<PageState> = pages
            .into_iter()
            .skip(1)
            .filter_map(|(arn, mut page)| match (page.page, arn) {
                (Page::Entity { tab, .. }, Some((arn, account))) => {
                    match self.data.model.resolve(&arn, account) {
                        Some(entity) => {
                            page.page = Page::Entity { entity, tab };
                            Some(page)
                        }
                        None => {
                            lost += 1;
                            None
                        }
                    }
                }
                _ => Some(page),
            })
            .collect();
        self.pages.replace_above_root(kept);
        self.list.resort(
            &self.data.model,
            &self.data.risk,
            self.data.analysis.escalation(),
        );
        self.list.refilter(&self.data.model, &self.data.risk);
        self.lists.resort_all(&self.data.model, &self.data.accounts);
        let reselect =
            selected.and_then(
                |(arn, account)| match self.data.model.resolve(&arn, account) {
                    Some(EntityRef::Role(r)) => self.list.visible.iter().position(|v| *v == r),
                    _ => None,
                },
            );
        self.list.selected = reselect.unwrap_or(0);
        self.list.offset = keep_visible(0, self.list.selected, self.list_page());
        self.refresh();
        self.keep_scroll_in_range();
        if self.data.live.as_ref().is_some_and(|l| !l.done) {
            self.status = format!(
                "Loading… {} roles so far; browse while it loads.",
                self.data.model.roles.len()
            );
            return;
        }
        if first_load {
            self.status = format!(
                "Loaded {} roles of {} accounts.",
                self.data.model.roles.len(),
                self.data.model.accounts.len()
            );
            return;
        }
        self.status = format!(
            "Reloaded: {} roles.{}",
            self.data.model.roles.len(),
            if lost > 0 {
                format!(" {lost} open page(s) closed: their entity is gone.")
            } else {
                String::new()
            }
        );
    }
}

//! What the app shows and how it got it: the model, the loads in flight
//! (files or live), the background audit, and the baseline for drift.

use std::sync::Arc;

use crate::model::Model;
use crate::ui::accounts::AccountBook;
use crate::ui::content::{AnalysisCache, DriftIndex};
use crate::ui::live::LiveProgress;
use crate::ui::risk::RiskIndex;

pub struct Data {
    /// Shared so background work (the audit) can read it while the UI runs.
    pub model: Arc<Model>,
    /// The reload in flight, if any.
    pub loading: Option<u64>,
    pub(super) next_request: u64,
    /// Progress of a live account load (`None` for files and the demo).
    pub live: Option<LiveProgress>,
    /// Assume-role results, computed when a tab first needs them.
    pub analysis: AnalysisCache,
    /// Findings per role, for badges, filters, the Risk sort and a tab;
    /// computed off the UI thread (`Command::ComputeRisk`).
    pub risk: RiskIndex,
    /// The model generation whose findings are being computed or shown.
    pub(super) risk_generation: u64,
    pub(super) risk_wanted: bool,
    /// Changes since the baseline snapshot, when one was given.
    pub drift: DriftIndex,
    pub(super) baseline: Option<Model>,
    /// What the lists show of each account, and the Accounts view's tree:
    /// made with the model, findings counted when the audit answers.
    pub accounts: AccountBook,
}

impl Data {
    pub fn new(model: Model) -> Data {
        Data {
            accounts: AccountBook::build(&model),
            model: Arc::new(model),
            loading: None,
            next_request: 1,
            live: None,
            analysis: AnalysisCache::default(),
            risk: RiskIndex::default(),
            risk_generation: 0,
            risk_wanted: true,
            drift: DriftIndex::default(),
            baseline: None,
        }
    }

    /// A new load's request id; answers to older ones are dropped.
    pub(super) fn start_load(&mut self) -> u64 {
        let request = self.next_request;
        self.next_request += 1;
        self.loading = Some(request);
        if self.live.is_some() {
            self.live = Some(LiveProgress::default());
        }
        request
    }

    /// Swaps in a new model; its findings and analysis are to be redone.
    pub(super) fn set_model(&mut self, model: Model) {
        self.accounts = AccountBook::build(&model);
        self.model = Arc::new(model);
        self.analysis.clear();
        self.risk = RiskIndex::default();
        self.risk_wanted = true;
        self.recompute_drift();
    }

    /// Counts each account's findings again (the audit or the escalation
    /// findings arrived).
    pub(super) fn recount_findings(&mut self) {
        self.accounts.count_findings(&self.model, &self.risk);
    }

    /// The audit to start now, if one is wanted and the load is complete.
    pub(super) fn risk_to_compute(&mut self) -> Option<u64> {
        let loading_live = self.live.as_ref().is_some_and(|l| !l.done);
        if self.risk_wanted && !loading_live {
            self.risk_wanted = false;
            self.risk_generation += 1;
            return Some(self.risk_generation);
        }
        None
    }

    pub(super) fn recompute_drift(&mut self) {
        // A live account still arriving page by page would show every role
        // not loaded yet as removed: wait for the whole account.
        let partial = self.live.is_some() && self.loading.is_some();
        self.drift.drift = match (&self.baseline, self.model.accounts.first()) {
            (Some(old), Some(new))
                if !partial
                    && old
                        .accounts
                        .first()
                        .is_some_and(|o| o.account_id == new.account_id) =>
            {
                Some(crate::audit::drift::diff_models(old, 0, &self.model, 0))
            }
            _ => None,
        };
    }

    /// "N change(s) since the baseline." or why there is no drift to show.
    pub(super) fn drift_summary(&self) -> Option<String> {
        let old = self.baseline.as_ref()?.accounts.first()?;
        let new = self.model.accounts.first()?;
        Some(match &self.drift.drift {
            Some(d) => format!("{} change(s) since the baseline.", d.changes.len()),
            None => format!(
                "No drift shown: the baseline is account {} and the loaded account is {}.",
                old.account_id, new.account_id
            ),
        })
    }
}

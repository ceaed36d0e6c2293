//! `rolecall --org`: the whole organization loaded live while the UI runs.
//! The tree comes first, then the accounts, several at once (as `org
//! snapshot` does, without writing files); the model is rebuilt on the
//! loader's thread as accounts arrive (each time a quarter more have come),
//! so the UI shows the accounts loaded so far and stays responsive.

use std::sync::Arc;
use std::time::Instant;

use futures_util::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use super::app::Msg;
use crate::cli::org_snapshot::Selection;
use crate::model::{self, Model};
use crate::source::Loaded;
use crate::source::live::LiveOptions;
use crate::source::live::org::{MemberAccess, OrgCollector};
use rolecall_core::org::Organization;

/// What `--org` was given.
#[derive(Debug, Clone)]
pub struct OrgLiveOptions {
    pub live: LiveOptions,
    pub access: MemberAccess,
    pub selection: Selection,
    /// Accounts loaded at once.
    pub in_flight: usize,
    pub identity_center: bool,
    pub identity_center_region: Option<String>,
}

fn send(tx: &UnboundedSender<Msg>, request: u64, model: Option<Model>, status: String, done: bool) {
    // The receiver is gone only when the UI has quit.
    let _ = tx.send(Msg::OrgProgress {
        request,
        model: model.map(Box::new),
        status,
        done,
    });
}

fn build(loaded: &[Loaded], org: &Organization) -> Model {
    let mut m = model::build(loaded.to_vec());
    m.organization = Some(Arc::new(org.clone()));
    m
}

/// Loads the organization, telling the UI as it goes.
pub async fn load(opts: OrgLiveOptions, request: u64, tx: UnboundedSender<Msg>) {
    let started = Instant::now();
    let collector = match OrgCollector::connect(&opts.live).await {
        Ok(c) => c,
        Err(e) => return send(&tx, request, None, e.to_string(), true),
    };
    send(
        &tx,
        request,
        None,
        format!(
            "Connected as {}; reading the organization…",
            collector.caller().caller_arn
        ),
        false,
    );
    let mut org = match collector.organization(&|_| {}).await {
        Ok(org) => org,
        Err(e) => return send(&tx, request, None, e.to_string(), true),
    };
    if opts.identity_center {
        org.identity_center = Some(
            collector
                .identity_center(opts.identity_center_region.as_deref(), &|_| {})
                .await,
        );
    }
    let (chosen, unknown) = opts.selection.choose(&org);
    if !unknown.is_empty() {
        let why = format!(
            "No account of organization {} matches {}; check --accounts, --exclude and --ou.",
            org.organization.id,
            unknown.join(", ")
        );
        return send(&tx, request, None, why, true);
    }
    let todo: Vec<String> = chosen
        .iter()
        .filter(|a| a.is_active())
        .map(|a| a.id.clone())
        .collect();
    let total = todo.len();
    send(
        &tx,
        request,
        Some(build(&[], &org)),
        format!(
            "Organization {}: loading {total} accounts, {} at once…",
            org.organization.id, opts.in_flight
        ),
        false,
    );
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut built = 0usize;
    let mut results = futures_util::stream::iter(todo)
        .map(|id| {
            let (collector, access) = (&collector, &opts.access);
            async move {
                // Per-account events are not shown: the header counts accounts.
                let (events, _) = tokio::sync::mpsc::unbounded_channel();
                let result = collector.load_account(&id, access, events).await;
                (id, result)
            }
        })
        .buffer_unordered(opts.in_flight.max(1));
    while let Some((id, result)) = results.next().await {
        match result {
            Ok(live) => loaded.push(Loaded {
                origin: format!("live:{id}"),
                snapshot: live.snapshot,
            }),
            Err(why) => {
                if let Some(a) = org.accounts.iter_mut().find(|a| a.id == id) {
                    a.error = Some(why.clone());
                }
                failed.push((id, why));
            }
        }
        let done = loaded.len() + failed.len();
        let status = format!(
            "Loading the organization: {done} of {total} accounts ({} failed); browse while it loads.",
            failed.len()
        );
        if loaded.len() > built + built / 4 && done < total {
            built = loaded.len();
            send(&tx, request, Some(build(&loaded, &org)), status, false);
        } else {
            send(&tx, request, None, status, false);
        }
    }
    let mut status = format!(
        "Loaded {} of {total} accounts of organization {} in {:.1} s.",
        loaded.len(),
        org.organization.id,
        started.elapsed().as_secs_f64()
    );
    if let Some((id, why)) = failed.first() {
        status.push_str(&format!(
            " {} failed (the Accounts view lists them), e.g. {id}: {why}",
            failed.len()
        ));
    }
    send(&tx, request, Some(build(&loaded, &org)), status, true);
}

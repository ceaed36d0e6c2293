//! The fast path: paginated GetAccountAuthorizationDetails (GAAD).
//!
//! Every page is converted and sent as it arrives. AWS managed policies are
//! kept only when an entity of the account attaches them or uses them as a
//! boundary (real AWS returns only those; moto returns all ~1,580 of them),
//! and any referenced one GAAD did not return is fetched with GetPolicy.
//! ListRoles runs beside GAAD for what GAAD cannot carry: each role's
//! Description and MaxSessionDuration (one request per 1,000 roles).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

use aws_sdk_iam::types::EntityType;
use futures_util::StreamExt;

use super::client::Ctx;
use super::convert;
use super::error::{CallError, classify};
use super::fallback;
use super::{Accumulator, Failure, GaadStreams, LiveEvent};
use rolecall_core::snapshot::{ManagedPolicyDetail, Snapshot};

const CALL: &str = "iam:GetAccountAuthorizationDetails";

pub(crate) enum GaadError {
    /// GAAD itself was refused: take the per-entity path.
    Denied(String),
    Failed(Failure),
}

impl From<Failure> for GaadError {
    fn from(f: Failure) -> Self {
        GaadError::Failed(f)
    }
}

pub(crate) async fn load(ctx: &Ctx, acc: &Accumulator) -> Result<(), GaadError> {
    let filters: Vec<Option<EntityType>> = match ctx.streams {
        GaadStreams::Single => vec![None],
        GaadStreams::Split => vec![
            Some(EntityType::Role),
            Some(EntityType::User),
            Some(EntityType::Group),
            Some(EntityType::LocalManagedPolicy),
            Some(EntityType::AwsManagedPolicy),
        ],
    };
    let held: Mutex<Vec<ManagedPolicyDetail>> = Mutex::new(Vec::new());
    let pages = futures_util::future::join_all(
        filters
            .into_iter()
            .map(|filter| stream(ctx, acc, filter, &held)),
    );
    let (results, extras) = tokio::join!(pages, role_extras(ctx));
    // A denial wins over other failures: the fallback path will load it all.
    let mut failure = None;
    for r in results {
        match r {
            Err(GaadError::Denied(d)) => return Err(GaadError::Denied(d)),
            Err(GaadError::Failed(f)) => failure = failure.or(Some(f)),
            Ok(()) => {}
        }
    }
    if let Some(f) = failure {
        return Err(GaadError::Failed(f));
    }
    let extras = extras?;
    acc.with(|s| {
        for role in &mut s.role_detail_list {
            if let Some((description, max)) = extras.get(&role.arn) {
                role.description.clone_from(description);
                role.max_session_duration = *max;
            }
        }
    });

    // AWS managed policies: only those in use, as real AWS returns them.
    let referenced = acc.with(|s| referenced_aws_policies(s));
    let held = match held.into_inner() {
        Ok(v) => v,
        Err(p) => p.into_inner(),
    };
    let mut seen = HashSet::new();
    let mut kept: Vec<ManagedPolicyDetail> = held
        .into_iter()
        .filter(|p| referenced.contains(&p.arn) && seen.insert(p.arn.clone()))
        .collect();
    let missing: Vec<String> = referenced
        .iter()
        .filter(|arn| !seen.contains(*arn))
        .cloned()
        .collect();
    if !missing.is_empty() {
        ctx.progress("AWS managed policies (GetPolicy)", 0, Some(missing.len()));
        let fetched: Vec<Result<Option<ManagedPolicyDetail>, Failure>> =
            futures_util::stream::iter(
                missing
                    .iter()
                    .map(|arn| fallback::fetch_policy(ctx, arn, None)),
            )
            .buffered(ctx.concurrency)
            .collect()
            .await;
        for f in fetched {
            if let Some(p) = f? {
                kept.push(p);
            }
        }
    }
    let page = Snapshot {
        policies: kept,
        ..Snapshot::default()
    };
    acc.add(&page);
    ctx.send(LiveEvent::Page(page));
    Ok(())
}

/// One paginated GAAD stream (all entity types, or one filter).
async fn stream(
    ctx: &Ctx,
    acc: &Accumulator,
    filter: Option<EntityType>,
    held: &Mutex<Vec<ManagedPolicyDetail>>,
) -> Result<(), GaadError> {
    let label = match &filter {
        None => "GAAD".to_string(),
        Some(f) => format!("GAAD {}", f.as_str()),
    };
    let mut marker: Option<String> = None;
    let mut page_no = 0usize;
    loop {
        page_no += 1;
        let mut req = ctx.iam.get_account_authorization_details().max_items(1000);
        if let Some(f) = &filter {
            req = req.filter(f.clone());
        }
        if let Some(m) = &marker {
            req = req.marker(m);
        }
        let out = match req.send().await {
            Ok(out) => out,
            Err(err) => {
                return Err(match classify(&err) {
                    CallError::Denied(d) => GaadError::Denied(d),
                    CallError::Connection(detail) => GaadError::Failed(Failure::ConnectionLost {
                        call: CALL.into(),
                        detail,
                    }),
                    other => GaadError::Failed(Failure::Api {
                        call: CALL.into(),
                        detail: other.detail().to_string(),
                    }),
                });
            }
        };
        let wants = |t: EntityType| filter.is_none() || filter.as_ref() == Some(&t);
        let mut page = Snapshot::default();
        if wants(EntityType::Role) {
            page.role_detail_list = out
                .role_detail_list()
                .iter()
                .map(convert::role_detail)
                .collect();
        }
        if wants(EntityType::User) {
            page.user_detail_list = out
                .user_detail_list()
                .iter()
                .map(convert::user_detail)
                .collect();
        }
        if wants(EntityType::Group) {
            page.group_detail_list = out
                .group_detail_list()
                .iter()
                .map(convert::group_detail)
                .collect();
        }
        for p in out.policies() {
            let aws = p.arn().is_some_and(convert::is_aws_managed);
            if aws && wants(EntityType::AwsManagedPolicy) {
                let mut held = match held.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                held.push(convert::managed_policy_detail(p));
            } else if !aws && wants(EntityType::LocalManagedPolicy) {
                page.policies.push(convert::managed_policy_detail(p));
            }
        }
        tracing::debug!(
            stream = %label,
            page = page_no,
            roles = page.role_detail_list.len(),
            users = page.user_detail_list.len(),
            groups = page.group_detail_list.len(),
            policies = page.policies.len(),
            "GAAD page"
        );
        acc.add(&page);
        ctx.send(LiveEvent::Page(page));
        ctx.progress(&format!("{label} page {page_no}"), acc.count(), None);
        match out.marker() {
            Some(m) if out.is_truncated() && !m.is_empty() => marker = Some(m.to_string()),
            _ => return Ok(()),
        }
    }
}

type RoleExtras = HashMap<String, (Option<String>, Option<u32>)>;

/// Description and MaxSessionDuration by role ARN, from ListRoles. Denied:
/// recorded as unavailable, the load goes on without them.
async fn role_extras(ctx: &Ctx) -> Result<RoleExtras, Failure> {
    let roles = fallback::attempt(
        ctx,
        || "role descriptions and maximum session durations".into(),
        "iam:ListRoles",
        ctx.iam
            .list_roles()
            .into_paginator()
            .page_size(1000)
            .items()
            .send()
            .try_collect(),
    )
    .await?
    .unwrap_or_default();
    Ok(roles
        .iter()
        .map(|r| {
            let d = convert::role(r);
            (d.arn, (d.description, d.max_session_duration))
        })
        .collect())
}

/// ARNs of AWS managed policies attached to, or bounding, an entity.
pub(crate) fn referenced_aws_policies(s: &Snapshot) -> BTreeSet<String> {
    let attached = s
        .role_detail_list
        .iter()
        .flat_map(|r| &r.attached_managed_policies)
        .chain(
            s.user_detail_list
                .iter()
                .flat_map(|u| &u.attached_managed_policies),
        )
        .chain(
            s.group_detail_list
                .iter()
                .flat_map(|g| &g.attached_managed_policies),
        )
        .map(|a| a.policy_arn.as_str());
    let bounds = s
        .role_detail_list
        .iter()
        .filter_map(|r| r.permissions_boundary.as_ref())
        .chain(
            s.user_detail_list
                .iter()
                .filter_map(|u| u.permissions_boundary.as_ref()),
        )
        .map(|b| b.permissions_boundary_arn.as_str());
    attached
        .chain(bounds)
        .filter(|arn| convert::is_aws_managed(arn))
        .map(str::to_string)
        .collect()
}

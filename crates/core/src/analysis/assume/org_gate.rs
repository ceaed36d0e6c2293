//! The organization's gates on an assume-role request, once both the trust
//! policy and the caller's side allow it (ORGANIZATIONS.md C.1–C.7):
//!
//! - the SCPs of the caller's account: every level from the root through
//!   each OU to the account must have an Allow for the action on the role,
//!   and a Deny at any level denies. Not for the management account, a
//!   service-linked role, or a caller that is no IAM principal of a member
//!   account (a service, a federated user, an account outside); SCPs never
//!   grant;
//! - the RCPs of the role's account (STS supports them): a Deny at any
//!   level denies, whoever calls. Not in the management account, and not
//!   for a service-linked role. `RCPFullAWSAccess` is taken as attached
//!   everywhere (C.6), so only Denies decide.
//!
//! A gate whose conditions rolecall cannot decide leaves the verdict
//! conditional: an SCP Allow's conditions must hold, an SCP or RCP Deny's
//! must not. The reasons name the policy and where it is attached.

use crate::model::{Model, Role};
use crate::org::{Level, Organization, PolicyType};
use crate::policy::{CondOutcome, ConditionText, Effect, PolicyDocument, evaluate};

use super::caller::{CallerInfo, LazyCtx};
use super::decide::is_service_linked;
use super::types::{Decision, Verdict};

/// Where a policy is attached, in words.
fn level_words(level: &Level<'_>) -> String {
    match level {
        Level::Root(r) => format!("the root {}", r.id),
        Level::Unit(u) => format!("OU {} ({})", u.name, u.id),
        Level::Account(a) => format!("account {} ({})", a.id, a.name),
    }
}

fn statement_words(doc: &PolicyDocument, i: usize) -> String {
    match doc.statements.get(i).and_then(|s| s.sid.as_deref()) {
        Some(sid) => format!("statement {sid}"),
        None => format!("statement #{}", i + 1),
    }
}

/// One statement that names the request: its effect, and whether its
/// conditions hold.
struct Hit {
    effect: Effect,
    outcome: CondOutcome,
    words: String,
}

/// The statements of `kind` attached at `level` that name `action` on
/// `resource`, with their conditions decided where rolecall can.
fn hits(
    org: &Organization,
    level: &Level<'_>,
    kind: PolicyType,
    action: &str,
    resource: &str,
    ctx: &LazyCtx<'_>,
) -> Vec<Hit> {
    let mut out = Vec::new();
    for (policy, doc) in org.attached(level.id(), kind) {
        let Ok(doc) = doc else {
            // An unreadable policy might allow or deny anything.
            out.push(Hit {
                effect: Effect::Deny,
                outcome: CondOutcome::Unknown(Vec::new()),
                words: format!(
                    "the {} {} ({}) attached to {}, which does not parse",
                    kind.as_str(),
                    policy.name,
                    policy.id,
                    level_words(level)
                ),
            });
            continue;
        };
        for (i, st) in doc.statements.iter().enumerate() {
            if !st.matches_action(action) || !st.matches_resource(resource) {
                continue;
            }
            let outcome = evaluate(&st.condition, ctx.for_clauses(&st.condition));
            if matches!(outcome, CondOutcome::False) {
                continue;
            }
            out.push(Hit {
                effect: st.effect,
                outcome,
                words: format!(
                    "the {} {} ({}) attached to {}, {}",
                    kind.as_str(),
                    policy.name,
                    policy.id,
                    level_words(level),
                    statement_words(doc, i)
                ),
            });
        }
    }
    out
}

fn texts(outcome: &CondOutcome) -> Vec<ConditionText> {
    match outcome {
        CondOutcome::Unknown(clauses) => clauses.iter().map(ConditionText::from_clause).collect(),
        _ => Vec::new(),
    }
}

/// What a Deny whose conditions are undecided leaves: allowed unless it
/// applies.
fn unless(d: &mut Decision, hit: &Hit) {
    let conditions: Vec<String> = texts(&hit.outcome).into_iter().map(|c| c.text).collect();
    let when = if conditions.is_empty() {
        "if it applies".to_string()
    } else {
        format!("if {}", conditions.join(" and "))
    };
    let c = ConditionText {
        key: "organization policy".into(),
        operator: "must not deny".into(),
        values: Vec::new(),
        text: format!(
            "the Deny in {} must not apply (it denies {when})",
            hit.words
        ),
    };
    d.unless.push(c.clone());
    d.conditions.push(c);
    if d.verdict == Verdict::Allowed {
        d.verdict = Verdict::Conditional;
    }
}

fn deny(d: &mut Decision, why: String) {
    let mut denied = Decision::denied(&d.action, why);
    denied.resource_policy = d.resource_policy;
    *d = denied;
}

/// The SCPs of the caller's account, level by level (C.1, C.2).
fn service_control(
    org: &Organization,
    account: &str,
    action: &str,
    role: &Role,
    ctx: &LazyCtx<'_>,
    d: &mut Decision,
) {
    let Some(levels) = org.levels(account) else {
        return;
    };
    if !matches!(levels.first(), Some(Level::Root(_))) {
        d.reasons.push(format!(
            "account {account}'s place in the organization does not lead to a root: its SCPs are not applied"
        ));
        return;
    }
    for level in &levels {
        let found = hits(
            org,
            level,
            PolicyType::ServiceControl,
            action,
            &role.detail.arn,
            ctx,
        );
        if let Some(h) = found
            .iter()
            .find(|h| h.effect == Effect::Deny && matches!(h.outcome, CondOutcome::True))
        {
            return deny(d, format!("explicit Deny in {}", h.words));
        }
        let allows: Vec<&Hit> = found.iter().filter(|h| h.effect == Effect::Allow).collect();
        if allows.is_empty() {
            return deny(
                d,
                format!(
                    "no SCP attached to {} allows {action} on this role (every level from the root to the account must allow)",
                    level_words(level)
                ),
            );
        }
        for h in found.iter().filter(|h| h.effect == Effect::Deny) {
            unless(d, h);
        }
        // Any one Allow will do; when every one has conditions, the first
        // one's must hold.
        if !allows
            .iter()
            .any(|h| matches!(h.outcome, CondOutcome::True))
            && let Some(first) = allows.first()
        {
            d.conditions.extend(texts(&first.outcome));
            if d.verdict == Verdict::Allowed {
                d.verdict = Verdict::Conditional;
            }
        }
    }
}

/// The RCPs of the role's account (C.4–C.6): only Denies decide.
fn resource_control(
    org: &Organization,
    account: &str,
    action: &str,
    role: &Role,
    ctx: &LazyCtx<'_>,
    d: &mut Decision,
) {
    let Some(levels) = org.levels(account) else {
        return;
    };
    for level in &levels {
        for h in hits(
            org,
            level,
            PolicyType::ResourceControl,
            action,
            &role.detail.arn,
            ctx,
        ) {
            if h.effect != Effect::Deny {
                continue;
            }
            if matches!(h.outcome, CondOutcome::True) {
                return deny(d, format!("explicit Deny in {}", h.words));
            }
            unless(d, &h);
        }
    }
}

/// Applies the organization's SCPs and RCPs to a decision the trust and
/// identity sides allow. Returns whether the organization said anything
/// about this request (then the "not in the snapshot" note is wrong).
pub(crate) fn apply(
    model: &Model,
    info: &CallerInfo,
    role: &Role,
    ctx: &LazyCtx<'_>,
    d: &mut Decision,
) -> bool {
    let Some(org) = model.organization.as_deref() else {
        return false;
    };
    let mut covered = false;
    // SCPs: IAM principals of member accounts other than the management
    // account, service-linked roles exempt.
    let caller_account = info
        .account_id
        .as_deref()
        .filter(|a| org.account(a).is_some());
    let caller_service_linked = info
        .role
        .and_then(|r| model.roles.get(r))
        .is_some_and(is_service_linked);
    if let Some(account) = caller_account
        && info.trust_key == "AWS"
    {
        covered = true;
        if d.verdict.is_possible()
            && org.enabled(PolicyType::ServiceControl)
            && !org.is_management(account)
            && !caller_service_linked
        {
            service_control(org, account, info.action, role, ctx, d);
        }
    }
    // RCPs: the role's account, whoever calls.
    let role_account = model
        .accounts
        .get(role.account)
        .map(|a| a.account_id.as_str())
        .filter(|a| org.account(a).is_some());
    if let Some(account) = role_account {
        if d.verdict.is_possible()
            && org.enabled(PolicyType::ResourceControl)
            && !org.is_management(account)
            && !is_service_linked(role)
        {
            resource_control(org, account, info.action, role, ctx, d);
        }
    } else {
        covered = false;
    }
    covered
}

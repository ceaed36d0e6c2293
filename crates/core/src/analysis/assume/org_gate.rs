//! The organization's gates on an assume-role request, once both the trust
//! policy and the caller's side allow it (ORGANIZATIONS.md C.1–C.7); the
//! level-by-level walks are `analysis::org_gate`'s, shared with the
//! evaluator of any action. Here is who they apply to:
//!
//! - the SCPs of the caller's account. Not for the management account, a
//!   service-linked role, or a caller that is no IAM principal of a member
//!   account (a service, a federated user, an account outside);
//! - the RCPs of the role's account (STS supports them), whoever calls. Not
//!   in the management account, and not for a service-linked role.

use crate::model::{Model, Role};
use crate::org::PolicyType;
use crate::policy::{ConditionClause, ConditionText};

use super::super::org_gate::{self, Ask, Gate, Open};
use super::caller::{CallerInfo, LazyCtx};
use super::decide::{SCP_NOTE, is_service_linked};
use super::types::{Decision, Verdict};

fn texts(clauses: &[ConditionClause]) -> Vec<ConditionText> {
    clauses.iter().map(ConditionText::from_clause).collect()
}

/// What a Deny whose conditions are undecided leaves: allowed unless it
/// applies.
fn unless(d: &mut Decision, words: &str, clauses: &[ConditionClause]) {
    let conditions: Vec<String> = texts(clauses).into_iter().map(|c| c.text).collect();
    let when = if conditions.is_empty() {
        "if it applies".to_string()
    } else {
        format!("if {}", conditions.join(" and "))
    };
    let c = ConditionText {
        key: "organization policy".into(),
        operator: "must not deny".into(),
        values: Vec::new(),
        text: format!("the Deny in {words} must not apply (it denies {when})"),
    };
    d.unless.push(c.clone());
    d.conditions.push(c);
    if d.verdict == Verdict::Allowed {
        d.verdict = Verdict::Conditional;
    }
}

/// Lays one gate's outcome over the decision.
fn lay(d: &mut Decision, gate: Gate) {
    d.reasons.extend(gate.notes);
    if let Some(why) = gate.denied {
        let mut denied = Decision::denied(&d.action, why);
        denied.resource_policy = d.resource_policy;
        *d = denied;
        return;
    }
    for open in gate.open {
        match open {
            Open::Deny { words, clauses } => unless(d, &words, &clauses),
            Open::Allow { clauses, .. } => {
                d.conditions.extend(texts(&clauses));
                if d.verdict == Verdict::Allowed {
                    d.verdict = Verdict::Conditional;
                }
            }
        }
    }
}

/// Applies the organization's SCPs and RCPs to a decision the trust and
/// identity sides allow. Returns what they could not cover, in words (no
/// organization loaded, a caller or role of an account outside it), or
/// `None` when they covered the whole request.
pub(crate) fn apply(
    model: &Model,
    info: &CallerInfo,
    role: &Role,
    ctx: &LazyCtx<'_>,
    d: &mut Decision,
) -> Option<String> {
    let Some(org) = model.organization.as_deref() else {
        return Some(SCP_NOTE.to_string());
    };
    let ask = Ask {
        action: info.action,
        resource: &role.detail.arn,
        resource_words: "this role",
        outside: org_gate::outside(org, info),
    };
    // What the organization's policies could not cover, in words.
    let mut uncovered = None;
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
    match (caller_account, info.account_id.as_deref()) {
        (None, Some(outside)) => {
            uncovered = Some(format!(
                "the caller's account {outside} is not in organization {}: its own organization's SCPs, if any, are not known",
                org.organization.id
            ));
        }
        (None, None) => uncovered = Some(SCP_NOTE.to_string()),
        (Some(_), _) => {}
    }
    if let Some(account) = caller_account
        && info.trust_key == "AWS"
        && d.verdict.is_possible()
        && org.enabled(PolicyType::ServiceControl)
        && !org.is_management(account)
        && !caller_service_linked
    {
        lay(d, org_gate::service_control(org, None, account, &ask, ctx));
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
            lay(d, org_gate::resource_control(org, None, account, &ask, ctx));
        }
    } else if let Some(a) = model.accounts.get(role.account) {
        uncovered = Some(format!(
            "the role's account {} is not in organization {}: its RCPs, if any, are not known",
            a.account_id, org.organization.id
        ));
    }
    uncovered
}

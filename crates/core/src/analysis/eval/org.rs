//! The organization's gates on any request the identity side allows
//! (ORGANIZATIONS.md C.1–C.6, ANY-ACTION A.1 steps 2 and 3), when
//! `organization.json` is loaded: the SCPs of the caller's account and the
//! RCPs of the account that owns the resource, through the level-by-level
//! walks of `analysis::org_gate`. Here is who they apply to, and how their
//! outcome joins the decision (a conditional SCP Allow is one more AND on
//! every route; an undecided Deny is one more "unless").

use crate::catalogue::Catalogue;
use crate::model::{Model, Role};
use crate::org::{Organization, PolicyType};
use crate::policy::{ConditionClause, ConditionText, describe};

use super::super::assume::caller::{CallerInfo, LazyCtx};
use super::super::assume::{Decision, Verdict};
use super::super::org_gate::{self, Ask, Gate, Open, RuleCache, rcp_applies_to};
use super::compose::and;

fn is_service_linked(role: &Role) -> bool {
    role.detail.path.starts_with("/aws-service-role/")
}

/// One request at the gates, with what the evaluator knows of it.
pub(super) struct OrgRequest<'r, 'o> {
    pub info: &'r CallerInfo,
    pub action: &'r str,
    pub resource: &'r str,
    /// The account that owns the resource (its ARN's, or the
    /// `aws:ResourceAccount` the user gives).
    pub resource_account: Option<&'r str>,
    /// The resource when it is a loaded role.
    pub role: Option<&'r Role>,
    pub ctx: &'r LazyCtx<'r>,
    pub cache: Option<&'r RuleCache<'o>>,
}

fn clause_words(clauses: &[ConditionClause]) -> String {
    clauses
        .iter()
        .map(describe)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// An SCP or RCP Deny whose conditions are open: allowed unless it applies.
fn unless(d: &mut Decision, words: &str, clauses: &[ConditionClause]) {
    let join = |f: &dyn Fn(&ConditionClause) -> String, sep: &str| {
        clauses.iter().map(f).collect::<Vec<_>>().join(sep)
    };
    let (key, operator) = if clauses.is_empty() {
        ("organization policy".to_string(), "denies".to_string())
    } else {
        (
            join(&|c| c.key.clone(), ", "),
            join(&|c| c.operator.text.clone(), " and "),
        )
    };
    let values: Vec<String> = clauses.iter().flat_map(|c| c.values.clone()).collect();
    let when = if clauses.is_empty() {
        "if it applies".to_string()
    } else {
        clause_words(clauses)
    };
    let applies = ConditionText {
        key: key.clone(),
        operator: operator.clone(),
        values: values.clone(),
        text: format!("{when} (the Deny in {words})"),
    };
    if d.unless.contains(&applies) {
        return;
    }
    d.unless.push(applies);
    d.conditions.push(ConditionText {
        key,
        operator: format!("not ({operator})"),
        values,
        text: format!("the Deny in {words} must not apply (it applies {when})"),
    });
}

/// Every SCP Allow at one level has open conditions: each route needs the
/// first one's too.
fn requires(d: &mut Decision, words: &str, clauses: &[ConditionClause]) {
    let texts: Vec<ConditionText> = clauses.iter().map(ConditionText::from_clause).collect();
    d.reasons.push(format!(
        "{words} allows it only if {}",
        clause_words(clauses)
    ));
    if texts.is_empty() {
        return;
    }
    // `conditions` is the first route followed by the open Denies.
    let first = d.alternatives.first().map_or(0, Vec::len);
    let tail = d.conditions.split_off(first.min(d.conditions.len()));
    let routes = std::mem::take(&mut d.alternatives);
    d.alternatives = and(routes, vec![texts]);
    d.conditions = d.alternatives.first().cloned().unwrap_or_default();
    d.conditions.extend(tail);
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
        if d.verdict == Verdict::Uncertain {
            // The readings already say what decides; the gate adds words.
            let (Open::Deny { words, clauses } | Open::Allow { words, clauses }) = &open;
            d.reasons.push(format!(
                "and {words} must let it through ({})",
                clause_words(clauses)
            ));
            continue;
        }
        match open {
            Open::Deny { words, clauses } => unless(d, &words, &clauses),
            Open::Allow { words, clauses } => requires(d, &words, &clauses),
        }
        if d.verdict == Verdict::Allowed {
            d.verdict = Verdict::Conditional;
        }
    }
}

/// The caller's SCPs (C.1, C.2).
fn scps<'o>(org: &'o Organization, model: &Model, r: &OrgRequest<'_, 'o>, d: &mut Decision) {
    let Some(account) = r
        .info
        .account_id
        .as_deref()
        .filter(|a| org.account(a).is_some())
    else {
        d.reasons.push(format!(
            "the caller's account {} is not in the loaded organization: the SCPs of its own organization, if any, are not known",
            r.info.account_id.as_deref().unwrap_or("?")
        ));
        return;
    };
    let caller_role = r.info.role.and_then(|x| model.roles.get(x));
    if !org.enabled(PolicyType::ServiceControl) {
        d.reasons
            .push("SCPs are not enabled on the organization's root: no SCP applies".into());
    } else if org.is_management(account) {
        d.reasons.push(format!(
            "the caller is in the management account {account}: SCPs do not apply to it"
        ));
    } else if caller_role.is_some_and(is_service_linked) {
        d.reasons
            .push("the caller is a service-linked role: SCPs do not apply to it".into());
    } else {
        let ask = Ask {
            action: r.action,
            resource: r.resource,
            resource_words: r.resource,
            outside: None,
        };
        lay(
            d,
            org_gate::service_control(org, r.cache, account, &ask, r.ctx),
        );
        if d.verdict.is_possible() {
            d.reasons.push(format!(
                "the SCPs of account {account} allow it at every level from the root"
            ));
        }
    }
}

/// The RCPs of the resource's account (C.4–C.6).
fn rcps<'o>(org: &'o Organization, model: &Model, r: &OrgRequest<'_, 'o>, d: &mut Decision) {
    if !org.enabled(PolicyType::ResourceControl) {
        return;
    }
    // An action that takes no resource (only "Resource": "*"): which
    // account's RCPs apply is UNVERIFIED (C.4: a third-party summary says
    // the caller's; no AWS page seen), so none are applied.
    let cat = Catalogue::get();
    if cat
        .action_id(r.action)
        .and_then(|id| cat.action(id))
        .is_some_and(|a| a.resource_types.is_empty())
    {
        return;
    }
    let Some(account) = r.resource_account else {
        if rcp_applies_to(r.action) {
            d.reasons.push(
                "the account that owns the resource is not known (its ARN names none; give --context aws:ResourceAccount=ID): its RCPs are not applied"
                    .into(),
            );
        }
        return;
    };
    if org.account(account).is_none() {
        d.reasons.push(format!(
            "the resource's account {account} is not in the loaded organization: the RCPs of its own organization, if any, are not known"
        ));
        return;
    }
    let caller_service_linked = r
        .info
        .role
        .and_then(|x| model.roles.get(x))
        .is_some_and(is_service_linked);
    if org.is_management(account) {
        d.reasons.push(format!(
            "the resource is in the management account {account}: RCPs do not apply to it"
        ));
        return;
    }
    if caller_service_linked || r.role.is_some_and(is_service_linked) {
        d.reasons
            .push("a service-linked role takes part: RCPs do not apply".into());
        return;
    }
    let ask = Ask {
        action: r.action,
        resource: r.resource,
        resource_words: r.resource,
        outside: org_gate::outside(org, r.info),
    };
    if !rcp_applies_to(r.action) {
        let gate = org_gate::resource_control(org, r.cache, account, &ask, r.ctx);
        if gate.denied.is_some() || !gate.open.is_empty() {
            d.reasons.push(format!(
                "an RCP names {}, but its service does not support RCPs (list as of {}): no effect",
                r.action,
                org_gate::RCP_SERVICES_AS_OF
            ));
        }
        return;
    }
    lay(
        d,
        org_gate::resource_control(org, r.cache, account, &ask, r.ctx),
    );
    if d.verdict.is_possible() {
        d.reasons.push(format!(
            "the RCPs of account {account} do not deny it (RCPFullAWSAccess taken as attached at every level)"
        ));
    }
}

/// Applies the organization's RCPs and SCPs (AWS's order, A.1) to a
/// decision the identity side allows; what they cannot know (an account
/// outside the organization) is said in the reasons.
pub(super) fn apply<'o>(model: &'o Model, r: &OrgRequest<'_, 'o>, d: &mut Decision) {
    let Some(org) = model.organization.as_deref() else {
        return;
    };
    if !d.verdict.is_possible() {
        return;
    }
    rcps(org, model, r, d);
    if d.verdict.is_possible() {
        scps(org, model, r, d);
    }
}

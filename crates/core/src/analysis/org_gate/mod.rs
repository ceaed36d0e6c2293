//! The organization's gates on a request (ORGANIZATIONS.md C.1–C.8), shared
//! by the assume-role analysis (`assume::org_gate`) and the evaluator of
//! any action (`eval::org`):
//!
//! - the SCPs of the caller's account: every level from the root through
//!   each OU to the account must have an Allow for the action on the
//!   resource, and a Deny at any level denies; SCPs never grant (C.1, C.2);
//! - the RCPs of the resource's account: a Deny at any level denies,
//!   whoever calls. `RCPFullAWSAccess` is taken as attached everywhere
//!   (C.6), so only Denies decide.
//!
//! Who is exempt (the management account, service-linked roles, callers
//! that are no IAM principal of a member account) is for the callers to
//! say; here are the level-by-level walks. A statement whose conditions
//! rolecall cannot decide leaves the verdict open ([`Open`]): an SCP
//! Allow's conditions must hold, an SCP or RCP Deny's must not. The words
//! name the policy, its statement and where it is attached.

mod rules;
mod services;
#[cfg(test)]
mod tests;
mod whole;

use std::sync::Arc;

use crate::org::{Organization, PolicyType};
use crate::policy::{CondOutcome, ConditionClause, Effect, RequestContext};

use super::assume::caller::{CallerInfo, LazyCtx};
pub(crate) use rules::RuleCache;
use rules::{AccountRules, Hit, account_rules, hits, level_words};
pub use services::{RCP_SERVICES, RCP_SERVICES_AS_OF, rcp_applies_to};
pub(crate) use whole::{AccountScps, Whole};

/// The request context a statement's conditions are decided in.
pub(crate) trait Clauses {
    fn for_clauses(&self, clauses: &[ConditionClause]) -> &RequestContext;
}

impl Clauses for LazyCtx<'_> {
    fn for_clauses(&self, clauses: &[ConditionClause]) -> &RequestContext {
        LazyCtx::for_clauses(self, clauses)
    }
}

impl Clauses for RequestContext {
    fn for_clauses(&self, _: &[ConditionClause]) -> &RequestContext {
        self
    }
}

/// What a gate leaves open, in the order met.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Open {
    /// A Deny whose conditions rolecall cannot decide (none listed: it is
    /// unknown whether it applies at all): allowed unless it applies.
    Deny {
        words: String,
        clauses: Vec<ConditionClause>,
    },
    /// Every SCP Allow at one level has open conditions: the first one's
    /// must hold.
    Allow {
        words: String,
        clauses: Vec<ConditionClause>,
    },
}

/// The outcome of one gate.
#[derive(Debug, Default)]
pub(crate) struct Gate {
    /// Why the gate denies, when it does.
    pub denied: Option<String>,
    pub open: Vec<Open>,
    /// What the caller should say in its reasons.
    pub notes: Vec<String>,
}

/// One request at the gates.
pub(crate) struct Ask<'a> {
    pub action: &'a str,
    pub resource: &'a str,
    /// The resource in words for "no SCP … allows ACTION on WHAT".
    pub resource_words: &'a str,
    /// The organization's id when the caller is known to be outside it.
    pub outside: Option<&'a str>,
}

/// The organization's id when the caller is certainly outside it (then its
/// `aws:PrincipalOrgID` is absent or another organization's): an AWS
/// principal of an account the organization does not list, or a federated
/// user (C.7: present "only if the principal is a member").
pub(crate) fn outside<'o>(org: &'o Organization, info: &CallerInfo) -> Option<&'o str> {
    let out = match info.trust_key {
        "AWS" => info
            .account_id
            .as_deref()
            .is_some_and(|a| !a.is_empty() && org.account(a).is_none()),
        "Federated" => true,
        _ => false,
    };
    out.then_some(org.organization.id.as_str())
}

fn lookup<'o>(
    org: &'o Organization,
    cache: Option<&RuleCache<'o>>,
    account: &str,
    kind: PolicyType,
    action: &str,
) -> Option<Arc<AccountRules<'o>>> {
    match cache {
        Some(c) => c.get(org, account, kind, action),
        None => account_rules(org, account, kind, action).map(Arc::new),
    }
}

fn clauses(outcome: &CondOutcome) -> Vec<ConditionClause> {
    match outcome {
        CondOutcome::Unknown(open) => open.clone(),
        _ => Vec::new(),
    }
}

fn definite_deny<'h, 'r>(found: &'h [Hit<'r>]) -> Option<&'h Hit<'r>> {
    found
        .iter()
        .find(|h| h.effect == Effect::Deny && matches!(h.outcome, CondOutcome::True))
}

/// The Denies of one level whose conditions rolecall cannot decide: the
/// request is allowed only unless they hold.
fn open_denies(found: &[Hit<'_>], gate: &mut Gate) {
    for h in found.iter().filter(|h| h.effect == Effect::Deny) {
        gate.open.push(Open::Deny {
            words: h.words(),
            clauses: clauses(&h.outcome),
        });
    }
}

/// The SCPs of `account` (a member, not the management account), level by
/// level (C.1, C.2).
pub(crate) fn service_control<'o>(
    org: &'o Organization,
    cache: Option<&RuleCache<'o>>,
    account: &str,
    ask: &Ask<'_>,
    ctx: &dyn Clauses,
) -> Gate {
    let mut gate = Gate::default();
    let Some(rules) = lookup(org, cache, account, PolicyType::ServiceControl, ask.action) else {
        return gate;
    };
    if !rules.rooted {
        gate.notes.push(format!(
            "account {account}'s place in the organization does not lead to a root: its SCPs are not applied"
        ));
        return gate;
    }
    for level in &rules.levels {
        let found = hits(level, ask.resource, ctx, ask.outside);
        if let Some(h) = definite_deny(&found) {
            gate.denied = Some(format!("explicit Deny in {}", h.words()));
            return gate;
        }
        let allows: Vec<&Hit> = found.iter().filter(|h| h.effect == Effect::Allow).collect();
        if allows.is_empty() {
            gate.denied = Some(format!(
                "no SCP attached to {} allows {} on {} (every level from the root to the account must allow)",
                level_words(&level.level),
                ask.action,
                ask.resource_words
            ));
            return gate;
        }
        open_denies(&found, &mut gate);
        // Any one Allow will do; when every one has conditions, the first
        // one's must hold.
        if !allows
            .iter()
            .any(|h| matches!(h.outcome, CondOutcome::True))
            && let Some(first) = allows.first()
        {
            gate.open.push(Open::Allow {
                words: first.words(),
                clauses: clauses(&first.outcome),
            });
        }
    }
    gate
}

/// The RCPs of `account` (a member, not the management account), C.4–C.6:
/// only Denies decide.
pub(crate) fn resource_control<'o>(
    org: &'o Organization,
    cache: Option<&RuleCache<'o>>,
    account: &str,
    ask: &Ask<'_>,
    ctx: &dyn Clauses,
) -> Gate {
    let mut gate = Gate::default();
    let Some(rules) = lookup(org, cache, account, PolicyType::ResourceControl, ask.action) else {
        return gate;
    };
    for level in &rules.levels {
        let found = hits(level, ask.resource, ctx, ask.outside);
        if let Some(h) = definite_deny(&found) {
            gate.denied = Some(format!("explicit Deny in {}", h.words()));
            return gate;
        }
        open_denies(&found, &mut gate);
    }
    gate
}

/// Every SCP and RCP statement of `account`'s levels naming `action`
/// (`None` for a policy that does not parse), for callers that share an
/// answer between resources the statements cannot tell apart.
pub(crate) fn statements_naming<'o>(
    org: &'o Organization,
    account: &str,
    action: &str,
) -> Vec<Option<&'o crate::policy::Statement>> {
    [PolicyType::ServiceControl, PolicyType::ResourceControl]
        .into_iter()
        .filter_map(|kind| account_rules(org, account, kind, action))
        .flat_map(|rules| rules.levels.into_iter())
        .flat_map(|level| level.rules.into_iter().map(|r| r.statement))
        .collect()
}

//! The identity side of any request, and what the unknown resource policy
//! leaves open (ANY-ACTION A.1, A.2, A.4, A.6–A.8).

use crate::model::Model;
use crate::policy::{ConditionClause, ConditionText};

use super::super::assume::caller::{CallerInfo, LazyCtx};
use super::super::assume::decide::SCP_NOTE;
use super::super::assume::identity::{BoundaryResult, evaluate_identity};
use super::super::assume::index::policies_covering;
use super::super::assume::statements::{
    Hit, SideResult, deny_applies, deny_must_not_apply, where_words,
};
use super::super::assume::{Decision, Verdict};
use super::super::org_gate::RuleCache;
use super::Request;
use super::resource::{
    ResourcePolicy, classify, is_assume, needs_resource_allow, resource_account,
};

/// At most this many alternatives are listed: an AND of two long ORs
/// multiplies out, and a person reads the first few.
const MAX_ALTERNATIVES: usize = 16;

fn texts(clauses: &[ConditionClause]) -> Vec<ConditionText> {
    clauses.iter().map(ConditionText::from_clause).collect()
}

/// The routes of one side: `None` when some Allow needs no condition
/// (allowed outright), otherwise one alternative per conditional Allow.
fn routes(hits: &[Hit]) -> Option<Vec<Vec<ConditionText>>> {
    if hits.iter().any(|h| h.clauses.is_empty()) {
        return None;
    }
    let mut out: Vec<Vec<ConditionText>> = Vec::new();
    for h in hits {
        let t = texts(&h.clauses);
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Some(out)
}

/// (A or B) and (C or D) = AC or AD or BC or BD, capped.
pub(super) fn and(
    left: Vec<Vec<ConditionText>>,
    right: Vec<Vec<ConditionText>>,
) -> Vec<Vec<ConditionText>> {
    if left.is_empty() {
        return right;
    }
    if right.is_empty() {
        return left;
    }
    let mut out = Vec::new();
    for l in &left {
        for r in &right {
            let mut both = l.clone();
            both.extend(r.iter().filter(|c| !l.contains(c)).cloned());
            if !out.contains(&both) {
                out.push(both);
            }
            if out.len() == MAX_ALTERNATIVES {
                return out;
            }
        }
    }
    out
}

fn resource_condition(text: String) -> ConditionText {
    ConditionText {
        key: "resource policy".into(),
        operator: "allows".into(),
        values: Vec::new(),
        text,
    }
}

/// Where the request was decided when it was not allowed: the Allows that
/// would apply to some narrower resource, for a request on `*`.
fn narrower_resources(
    model: &Model,
    policies: &super::super::assume::index::PrincipalPolicies,
    action: &str,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &policies.stmts {
        let Ok(doc) = super::super::assume::sources::document(model, r.doc) else {
            continue;
        };
        let Some(st) = doc.statements.get(r.statement) else {
            continue;
        };
        if st.effect != crate::policy::Effect::Allow || !st.matches_action(action) {
            continue;
        }
        for p in st.resource.iter().flat_map(|l| l.iter()) {
            if !out.contains(p) && out.len() < 8 {
                out.push(p.clone());
            }
        }
    }
    out
}

/// `covers` says whether a statement's Action/NotAction names the action
/// (a [`super::Batch`] remembers it across principals).
/// `org_rules` keeps the organization's statements per account and action
/// across a batch.
pub(super) fn identity_request<'m>(
    model: &'m Model,
    info: &CallerInfo,
    req: &Request<'_>,
    covers: &dyn Fn(&crate::policy::Statement) -> bool,
    org_rules: Option<&RuleCache<'m>>,
) -> Decision {
    let action = req.action;
    let resource = req.resource;
    let Some(owner) = info.identity else {
        return Decision::denied(
            action,
            "the principal has no identity policies in the snapshot",
        );
    };
    let policies = policies_covering(model, owner, covers);
    let role = super::loaded_role(model, resource, info.snapshot).and_then(|r| model.roles.get(r));
    let ctx = match role {
        Some(r) => LazyCtx::new(model, info, r),
        None => LazyCtx::for_resource(model, info, resource),
    };
    let (identity, boundary) = evaluate_identity(model, &policies, action, resource, &ctx);
    let resource_policy = classify(action, resource);
    let mut d = decide(
        model,
        info,
        req,
        &policies,
        &identity,
        &boundary,
        resource_policy,
    );
    d.resource_policy = resource_policy;
    if d.verdict != Verdict::Denied || !d.via.is_empty() {
        add_unless(&mut d, &identity, &boundary);
    }
    let gates = super::org::OrgRequest {
        info,
        action,
        resource,
        resource_account: owning_account(req),
        role,
        ctx: &ctx,
        cache: org_rules,
    };
    super::org::apply(model, &gates, &mut d);
    if matches!(info.trust_key, "AWS") && model.organization.is_none() {
        d.reasons.push(SCP_NOTE.into());
    }
    d
}

/// The resource's account: from its ARN, else from the context the user
/// gives (`aws:ResourceAccount`, e.g. for an S3 bucket, whose ARN names no
/// account).
fn owning_account<'r>(req: &Request<'r>) -> Option<&'r str> {
    resource_account(req.resource).or_else(|| match req.context.lookup("aws:ResourceAccount") {
        crate::policy::KeyLookup::Present([one]) => Some(one.as_str()),
        _ => None,
    })
}

fn decide(
    model: &Model,
    info: &CallerInfo,
    req: &Request<'_>,
    policies: &super::super::assume::index::PrincipalPolicies,
    identity: &SideResult,
    boundary: &BoundaryResult,
    resource_policy: ResourcePolicy,
) -> Decision {
    let (action, resource) = (req.action, req.resource);
    // 1. Explicit Deny anywhere (A.1 step 1).
    let mut denies = identity.denies.clone();
    if let BoundaryResult::Evaluated { side, .. } = boundary {
        denies.extend(side.denies.iter().cloned());
    }
    if !denies.is_empty() {
        let mut d = Decision::new(Verdict::Denied, action);
        for via in denies {
            let whose = match via.side {
                super::super::assume::Side::Boundary => "permissions boundary ",
                _ => "",
            };
            d.reasons
                .push(format!("explicit Deny in {whose}{}", where_words(&via)));
            d.via.push(via);
        }
        return d;
    }
    let resource_acct = owning_account(req);
    let same_account = match (resource_acct, &info.account_id) {
        (Some(r), Some(p)) => r == p,
        _ => true,
    };
    // iam:PassRole cannot pass a role of another account (A.2).
    if !same_account && action.eq_ignore_ascii_case("iam:PassRole") {
        return Decision::denied(
            action,
            format!(
                "{resource} is a cross-account role: iam:PassRole cannot pass a role of another account"
            ),
        );
    }
    // IAM has no resource-based policy (a role's trust policy governs only
    // assuming it), so nothing in another account can let a principal in:
    // cross-account both sides must allow (A.2), and that side has no Allow.
    if !same_account && super::resource::service_of(action) == "iam" {
        return Decision::denied(
            action,
            format!(
                "{resource} is in another account, and IAM has no resource policy that could let this principal act on it"
            ),
        );
    }
    // 2. The identity side must allow (A.1 step 5), unless a resource
    // policy the snapshot cannot show grants it (A.8).
    let Some(identity_routes) = (!identity.allows.is_empty()).then(|| routes(&identity.allows))
    else {
        if !identity.unreadable.is_empty() {
            let mut u = Decision::new(Verdict::Uncertain, action);
            u.reasons.push(format!(
                "no readable identity policy allows {action} on {resource}; some policies could not be read: {}",
                identity.unreadable.join(", ")
            ));
            u.readings.push(format!(
                "if one of them allows {action} on {resource}: allowed"
            ));
            u.readings.push("if none does: denied".into());
            return u;
        }
        let mut d = Decision::denied(
            action,
            format!("no identity policy of the principal allows {action} on {resource}"),
        );
        if resource == "*" {
            let narrower = narrower_resources(model, policies, action);
            if !narrower.is_empty() {
                d.reasons.push(format!(
                    "Allow statements grant it on narrower resources (give one as RESOURCE): {}",
                    narrower.join(", ")
                ));
            }
        }
        if resource_policy == ResourcePolicy::NotKnown && same_account {
            d.reasons.push(
                "only the resource's own policy, which the snapshot cannot show, could still grant it"
                    .into(),
            );
        }
        return d;
    };
    let mut d = Decision::new(Verdict::Allowed, action);
    for hit in &identity.allows {
        d.via.push(hit.via.clone());
    }
    if let Some(first) = identity.allows.iter().min_by_key(|h| h.clauses.len()) {
        d.reasons.push(format!(
            "identity {} allows {action} on {resource}",
            where_words(&first.via)
        ));
    }
    let mut alternatives = identity_routes.unwrap_or_default();
    // 3. The permissions boundary must allow too (A.1 step 6).
    match boundary {
        BoundaryResult::None => {}
        BoundaryResult::Missing(arn) => {
            let mut u = Decision::new(Verdict::Uncertain, action);
            u.via = d.via;
            u.reasons.push(format!(
                "the permissions boundary {arn} is not in the snapshot, so rolecall cannot tell whether it allows {action}"
            ));
            u.readings.push("if the boundary allows it: allowed".into());
            u.readings.push("if it does not: denied".into());
            return u;
        }
        BoundaryResult::Evaluated { arn, side } => {
            if side.allows.is_empty() {
                let mut x = Decision::denied(
                    action,
                    format!(
                        "the permissions boundary {arn} lacks an Allow for {action} on {resource}"
                    ),
                );
                x.via = d.via;
                x.reasons.extend(d.reasons);
                return x;
            }
            for hit in &side.allows {
                d.via.push(hit.via.clone());
            }
            d.reasons
                .push(format!("the permissions boundary {arn} allows it too"));
            if let Some(b) = routes(&side.allows) {
                alternatives = and(alternatives, b);
            }
        }
    }
    // 4. What the resource's own policy must do (A.2, A.8).
    match resource_policy {
        ResourcePolicy::NotKnown if !same_account => {
            let account = resource_acct.unwrap_or("another account");
            d.reasons.push(format!(
                "cross-account: the resource's policy in account {account} must allow this principal too (not in the snapshot)"
            ));
            alternatives = and(
                alternatives,
                vec![vec![resource_condition(format!(
                    "the resource's policy in account {account} allows this principal"
                ))]],
            );
        }
        ResourcePolicy::NotKnown if needs_resource_allow(action) => {
            let policy = if is_assume(action) {
                "the role's trust policy"
            } else {
                "the KMS key policy"
            };
            d.reasons.push(format!(
                "{policy} must allow the principal itself, even in the same account (not in the snapshot)"
            ));
            alternatives = and(
                alternatives,
                vec![vec![resource_condition(format!(
                    "{policy} allows this principal"
                ))]],
            );
        }
        ResourcePolicy::NotKnown => d.reasons.push(
            "the resource's own policy is not in the snapshot: allowed unless it (or an RCP) denies"
                .into(),
        ),
        ResourcePolicy::NoneExists | ResourcePolicy::TrustPolicy => {}
    }
    if !alternatives.is_empty() {
        d.verdict = Verdict::Conditional;
        d.conditions = alternatives[0].clone();
        d.alternatives = alternatives;
    }
    d
}

/// Denies rolecall cannot decide: allowed unless one applies (A.4).
fn add_unless(d: &mut Decision, identity: &SideResult, boundary: &BoundaryResult) {
    if matches!(d.verdict, Verdict::Denied | Verdict::Uncertain) {
        return;
    }
    let mut hits: Vec<&Hit> = identity.maybe_denies.iter().collect();
    if let BoundaryResult::Evaluated { side, .. } = boundary {
        hits.extend(side.maybe_denies.iter());
    }
    for hit in hits {
        // A policy attached both to a user and to its group is one Deny.
        let applies = deny_applies(hit);
        if d.unless.contains(&applies) {
            continue;
        }
        d.unless.push(applies);
        d.conditions.push(deny_must_not_apply(hit));
        d.via.push(hit.via.clone());
        d.verdict = Verdict::Conditional;
    }
}

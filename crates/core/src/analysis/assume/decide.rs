//! Combining both sides into one decision (IAM-SEMANTICS §1–§2):
//! 1. an explicit Deny anywhere (trust, identity, group, boundary) ends it;
//! 2. the trust policy must always Allow;
//! 3. same account, a trust grant naming the caller's exact ARN needs no
//!    identity Allow; a grant to the account (delegation) does;
//! 4. cross-account, both sides must Allow;
//! 5. the boundary limits everything except, per "Policy evaluation logic",
//!    a resource-policy grant to a user ARN or session ARN; where it would
//!    decide for a named user the verdict is Uncertain with both readings.

use std::borrow::Cow;

use crate::model::{Model, Role};
use crate::policy::ConditionText;

use super::boundary::{apply_boundary, with_conditions};
use super::caller::{CallerInfo, CallerShape, LazyCtx, caller_info};
use super::external::external;
use super::identity::{BoundaryResult, evaluate_identity};
use super::index::AssumeIndex;
use super::statements::{SideResult, deny_applies, deny_must_not_apply, where_words};
use super::trust::{Grantee, TrustHit, TrustResult, dead_principal, evaluate_trust};
use super::types::{Caller, Decision, Verdict};

pub(crate) const SCP_NOTE: &str =
    "SCPs and RCPs are not in the snapshot: not evaluated (an organization policy may still deny)";

pub(crate) fn decide(model: &Model, index: &AssumeIndex, caller: &Caller, role: usize) -> Decision {
    let Some(r) = model.roles.get(role) else {
        return Decision::denied("sts:AssumeRole", format!("no role #{role} in the model"));
    };
    with_caller(model, index, caller, |info| {
        decide_info(model, index, info, role, r)
    })
    .unwrap_or_else(|| Decision::denied("sts:AssumeRole", "the caller is not in the loaded data"))
}

/// Runs `f` with the caller's facts: precomputed for loaded users and
/// roles, computed here for sessions and external principals.
pub(crate) fn with_caller<R>(
    model: &Model,
    index: &AssumeIndex,
    caller: &Caller,
    f: impl FnOnce(&CallerInfo) -> R,
) -> Option<R> {
    if let Some(info) = index.cached_info(caller) {
        return Some(f(info));
    }
    caller_info(model, caller).map(|info| f(&info))
}

/// The decision for a resolved caller.
pub(crate) fn decide_info(
    model: &Model,
    index: &AssumeIndex,
    info: &CallerInfo,
    role_idx: usize,
    role: &Role,
) -> Decision {
    decide_info_tracked(model, index, info, role_idx, role).decision
}

/// A decision, and whether it never read the caller's own request keys
/// (its ARN, tags, user name ...): then only its policies, how the trust
/// names it and (perhaps) its account's org keys mattered, so callers alike
/// of one snapshot can share it (see `share`).
pub(crate) struct Tracked {
    pub decision: Decision,
    pub own_keys_unread: bool,
}

/// [`decide_info`], also telling whether the caller's own keys were read.
pub(crate) fn decide_info_tracked(
    model: &Model,
    index: &AssumeIndex,
    info: &CallerInfo,
    role_idx: usize,
    role: &Role,
) -> Tracked {
    let ctx = LazyCtx::new(model, info, role);
    let asking = Asking {
        model,
        index,
        info,
        role_idx,
        role,
        ctx: &ctx,
    };
    let decision = asking.decide();
    Tracked {
        decision,
        own_keys_unread: ctx.own_keys_unread(),
    }
}

/// One caller asking to assume one role: everything each step of the
/// decision reads, in one place instead of threaded through every function.
#[derive(Clone, Copy)]
struct Asking<'a> {
    model: &'a Model,
    index: &'a AssumeIndex,
    info: &'a CallerInfo,
    role_idx: usize,
    role: &'a Role,
    /// The request context, built when a condition first needs it.
    ctx: &'a LazyCtx<'a>,
}

/// The decision under one reading of NotPrincipal, and whether some
/// NotPrincipal statement would apply to the caller (then the other
/// reading is evaluated too).
struct Reading {
    decision: Decision,
    not_principal_applies: bool,
}

impl Reading {
    fn of(decision: Decision, not_principal_applies: bool) -> Reading {
        Reading {
            decision,
            not_principal_applies,
        }
    }
}

impl Asking<'_> {
    fn decide(&self) -> Decision {
        let Reading {
            decision: first,
            not_principal_applies,
        } = self.reading(false);
        if !not_principal_applies {
            return first;
        }
        // NotPrincipal in a trust policy: AWS rejects it, so a snapshot that has
        // one is odd. Evaluate both ways; when they differ, say so.
        let second = self.reading(true).decision;
        if second.verdict == first.verdict {
            return first;
        }
        let mut d = Decision::new(Verdict::Uncertain, &first.action);
        d.chained_session_cap = first.chained_session_cap;
        d.reasons.push(
            "the trust policy uses NotPrincipal, which AWS does not allow in a role trust policy: \
         the outcome depends on whether it is enforced"
                .into(),
        );
        d.readings.push(format!(
            "if the NotPrincipal statement has no effect: {} ({})",
            first.verdict.as_str(),
            first.reasons.join("; ")
        ));
        d.readings.push(format!(
            "if the NotPrincipal statement is enforced as written: {} ({})",
            second.verdict.as_str(),
            second.reasons.join("; ")
        ));
        d.conditions = second.conditions;
        d.via = first.via;
        for v in second.via {
            if !d.via.contains(&v) {
                d.via.push(v);
            }
        }
        d
    }

    /// The decision with NotPrincipal applied as written or ignored.
    fn reading(&self, honour_not_principal: bool) -> Reading {
        let Asking {
            model, info, role, ..
        } = *self;
        let role_account = role_account_id(model, role);
        let cross_account = match (&info.account_id, role_account) {
            (Some(a), Some(b)) => a != b,
            _ => info.trust_key != "Service" && info.trust_key != "Federated",
        };
        let mut r = self.core(honour_not_principal, cross_account);
        // The organization's SCPs and RCPs, when it is loaded.
        let uncovered = super::org_gate::apply(model, info, role, self.ctx, &mut r.decision);
        let d = &mut r.decision;
        d.chained_session_cap = info.is_role_session() && d.verdict.is_possible();
        if d.chained_session_cap {
            d.reasons.push(
                "role chaining: the new session lasts at most 1 hour, whatever the role's \
             MaxSessionDuration"
                    .into(),
            );
        }
        let org_condition = d.conditions.iter().any(|c| {
            let k = c.key.to_ascii_lowercase();
            k.contains("orgid") || k.contains("orgpaths")
        });
        let aws_caller = matches!(info.trust_key, "AWS" | "*");
        if let Some(note) = uncovered
            && aws_caller
            && (cross_account || org_condition)
            && !d.reasons.contains(&note)
        {
            d.reasons.push(note);
        }
        r
    }

    /// Both sides under one reading (IAM-SEMANTICS §1–§2): the early
    /// refusals, explicit Denies, the trust Allows, then each route.
    fn core(&self, honour_not_principal: bool, cross_account: bool) -> Reading {
        let Asking {
            model,
            index,
            info,
            role_idx,
            role,
            ctx,
        } = *self;
        let action = info.action;
        if let Some(s) = info.snapshot
            && !super::who::compatible(model, s, role.account)
        {
            // Two captures of one account are versions of it, not neighbours
            // (who-can-assume and can-assume-what never pair them).
            let why = format!(
                "the caller is in another snapshot of the role's account ({}):              two captures of one account are versions, not neighbours",
                model.accounts.get(s).map_or("?", |a| a.label.as_str())
            );
            return Reading::of(Decision::denied(action, why), false);
        }
        if let (Some(cp), Some(account)) = (&info.partition, model.accounts.get(role.account))
            && *cp != account.partition
        {
            let why = format!(
                "the caller is in partition {cp} and the role in {}: no trust crosses partitions",
                account.partition
            );
            return Reading::of(Decision::denied(action, why), false);
        }
        if is_service_linked(role) && info.shape != CallerShape::Service {
            let why =
                "service-linked role (path /aws-service-role/): only its AWS service can assume it";
            return Reading::of(Decision::denied(action, why), false);
        }
        let trust = evaluate_trust(role_idx, role, info, ctx, honour_not_principal);
        let np = trust.not_principal_applies;
        if let Some(why) = &trust.unreadable {
            let d = if role.trust.is_none() {
                Decision::denied(action, why.clone())
            } else if let Some(lacking) = cross_account
                .then(|| self.cross_account_without_allow())
                .flatten()
            {
                // Cross-account both sides must allow (§1): whatever the trust
                // policy says, a caller whose readable identity policies hold no
                // Allow for the role cannot assume it.
                let mut d = Decision::denied(action, lacking);
                d.reasons.push(why.clone());
                d
            } else {
                let mut d = Decision::new(Verdict::Uncertain, action);
                d.reasons.push(why.clone());
                d.readings.push(
                "if the trust policy, read by hand, names this principal: the other rules decide"
                    .into(),
            );
                d.readings
                    .push("if it does not: denied (the trust policy must always allow)".into());
                d
            };
            return Reading::of(d, np);
        }
        let (identity, boundary) = match info.identity.and_then(|e| index.policies(e)) {
            Some(p) => {
                let (i, b) = evaluate_identity(model, p, action, &role.detail.arn, ctx);
                (Some(i), b)
            }
            None => (None, BoundaryResult::None),
        };

        // 1. Explicit denies, anywhere.
        let mut denies = trust.denies.clone();
        if let Some(i) = &identity {
            denies.extend(i.denies.iter().cloned());
        }
        if let BoundaryResult::Evaluated { side, .. } = &boundary {
            denies.extend(side.denies.iter().cloned());
        }
        if !denies.is_empty() {
            let mut d = Decision::new(Verdict::Denied, action);
            for via in denies {
                let whose = match via.side {
                    super::types::Side::Trust => "the role's ",
                    super::types::Side::Identity => "",
                    super::types::Side::Boundary => "permissions boundary ",
                };
                d.reasons
                    .push(format!("explicit Deny in {whose}{}", where_words(&via)));
                d.via.push(via);
            }
            return Reading::of(d, np);
        }

        // 2. The trust policy must Allow.
        if trust.allows.is_empty() {
            let mut d = Decision::new(Verdict::Denied, action);
            if trust.false_conditions.is_empty() {
                d.reasons.push(format!(
                    "no trust statement allows {action} to this principal"
                ));
            } else {
                d.reasons.extend(trust.false_conditions.iter().cloned());
            }
            // A dead principal (a deleted entity's id, a partial wildcard) is
            // the real reason, so it comes first: lists show the first reason.
            if let Some(note) = dead_principal(info.trust_key, &info.match_value) {
                d.reasons.insert(0, note);
            }
            d.reasons.extend(trust.not_principal.iter().cloned());
            return Reading::of(d, np);
        }

        // 3–5. Every trust Allow is a route; the best one decides, and when
        // the best is conditional every conditional route is an alternative
        // (ANY-ACTION A.4: any single matching Allow is enough).
        // Several conditional Allows on the identity side or in the boundary
        // are routes too, each with its own conditions.
        let sides = side_routes(identity.as_ref(), &boundary);
        let routes: Vec<Decision> = trust
            .allows
            .iter()
            .flat_map(|hit| {
                sides
                    .iter()
                    .map(move |(i, b)| path(model, info, role, hit, i.as_deref(), b, cross_account))
            })
            .collect();
        let Some(mut d) = routes
            .iter()
            .min_by_key(|d| (d.verdict.rank(), d.conditions.len()))
            .cloned()
        else {
            return Reading::of(Decision::denied(action, "no trust statement applies"), np);
        };
        if d.verdict == Verdict::Conditional {
            add_alternatives(&mut d, &routes);
        }
        apply_maybe_denies(&mut d, &trust, identity.as_ref(), &boundary);
        d.reasons.extend(trust.not_principal.iter().cloned());
        Reading::of(d, np)
    }
}

/// At most this many identity × boundary routes are followed.
const MAX_SIDE_ROUTES: usize = 16;

/// A side split into one side per Allow, when it has several Allows that
/// all carry conditions (with an unconditional one, that one decides).
fn split_allows(side: &SideResult) -> Option<Vec<SideResult>> {
    if side.allows.len() < 2 || side.allows.iter().any(|h| h.clauses.is_empty()) {
        return None;
    }
    Some(
        side.allows
            .iter()
            .map(|h| SideResult {
                allows: vec![h.clone()],
                ..side.clone()
            })
            .collect(),
    )
}

/// The identity side and the boundary as routes: one pair per combination
/// of their conditional Allows (ANY-ACTION A.4), or the sides whole.
#[allow(clippy::type_complexity)]
fn side_routes<'a>(
    identity: Option<&'a SideResult>,
    boundary: &'a BoundaryResult,
) -> Vec<(Option<Cow<'a, SideResult>>, Cow<'a, BoundaryResult>)> {
    let identities: Vec<Option<Cow<'a, SideResult>>> = match identity.map(|i| (i, split_allows(i)))
    {
        None => vec![None],
        Some((i, None)) => vec![Some(Cow::Borrowed(i))],
        Some((_, Some(parts))) => parts.into_iter().map(|p| Some(Cow::Owned(p))).collect(),
    };
    let boundaries: Vec<Cow<'a, BoundaryResult>> = match boundary {
        BoundaryResult::Evaluated { arn, side } => match split_allows(side) {
            Some(parts) => parts
                .into_iter()
                .map(|side| {
                    Cow::Owned(BoundaryResult::Evaluated {
                        arn: arn.clone(),
                        side,
                    })
                })
                .collect(),
            None => vec![Cow::Borrowed(boundary)],
        },
        _ => vec![Cow::Borrowed(boundary)],
    };
    let mut out = Vec::new();
    for i in &identities {
        for b in &boundaries {
            if out.len() < MAX_SIDE_ROUTES {
                out.push((i.clone(), b.clone()));
            }
        }
    }
    out
}

impl Asking<'_> {
    /// Why a caller's identity side cannot allow assuming `role`: it has
    /// identity policies, all readable, and none allows the action on the role.
    /// `None` when it may allow (or the caller has no identity side).
    fn cross_account_without_allow(&self) -> Option<String> {
        let Asking {
            model,
            index,
            info,
            role,
            ctx,
            ..
        } = *self;
        let policies = info.identity.and_then(|e| index.policies(e))?;
        let (identity, _) = evaluate_identity(model, policies, info.action, &role.detail.arn, ctx);
        (identity.best_allow().is_none() && identity.unreadable.is_empty()).then(|| {
            format!(
                "cross-account: the caller's identity policies lack an Allow for {} on {}",
                info.action, role.detail.arn
            )
        })
    }
}

/// Every conditional route as one alternative, the best first, each with
/// the statements it rests on.
fn add_alternatives(d: &mut Decision, routes: &[Decision]) {
    d.alternatives.push(d.conditions.clone());
    for r in routes.iter().filter(|r| r.verdict == Verdict::Conditional) {
        if d.alternatives.contains(&r.conditions) {
            continue;
        }
        d.alternatives.push(r.conditions.clone());
        for v in &r.via {
            if !d.via.contains(v) {
                d.via.push(v.clone());
            }
        }
        d.reasons.push(format!(
            "or: {}",
            r.reasons.first().map_or("another route", String::as_str)
        ));
    }
}

/// Denies rolecall cannot decide: the request is allowed only if they do
/// not apply, so each becomes a condition that must hold.
fn apply_maybe_denies(
    d: &mut Decision,
    trust: &TrustResult,
    identity: Option<&SideResult>,
    boundary: &BoundaryResult,
) {
    if d.verdict == Verdict::Denied {
        return;
    }
    let mut hits: Vec<&super::statements::Hit> = trust.maybe_denies.iter().collect();
    if let Some(i) = identity {
        hits.extend(i.maybe_denies.iter());
    }
    if let BoundaryResult::Evaluated { side, .. } = boundary {
        hits.extend(side.maybe_denies.iter());
    }
    for hit in hits {
        d.conditions.push(deny_must_not_apply(hit));
        d.unless.push(deny_applies(hit));
        d.via.push(hit.via.clone());
        if d.verdict == Verdict::Allowed {
            d.verdict = Verdict::Conditional;
        }
    }
}

fn session_condition(info: &CallerInfo, model: &Model, name: &str) -> ConditionText {
    let role_id = info
        .role
        .and_then(|r| model.roles.get(r))
        .map_or("", |r| r.detail.role_id.as_str());
    ConditionText {
        key: "aws:userid".into(),
        operator: "StringEquals".into(),
        values: vec![format!("{role_id}:{name}")],
        text: format!("only the role's session named {name}"),
    }
}

fn grantee_words(g: Grantee) -> &'static str {
    match g {
        Grantee::User => "names this user's ARN",
        Grantee::Role => "names this role's ARN",
        Grantee::Session => "names this exact session ARN",
        Grantee::Account => "names the caller's account (delegation to its identity policies)",
        Grantee::Anyone => "names anyone (*)",
        Grantee::Service => "names this service",
        Grantee::Federated => "names this identity provider",
        Grantee::NotPrincipal => "uses NotPrincipal without excluding this principal",
    }
}

/// One trust Allow followed through the identity side and the boundary.
fn path(
    model: &Model,
    info: &CallerInfo,
    role: &Role,
    hit: &TrustHit,
    identity: Option<&SideResult>,
    boundary: &BoundaryResult,
    cross_account: bool,
) -> Decision {
    let action = info.action;
    let mut d = Decision::new(Verdict::Allowed, action);
    d.via.push(hit.via.clone());
    d.reasons.push(format!(
        "trust {} {}",
        super::statements::statement_words(&hit.via),
        grantee_words(hit.grantee)
    ));
    d.conditions
        .extend(hit.clauses.iter().map(ConditionText::from_clause));
    if let Some(name) = &hit.session_name {
        d.conditions.push(session_condition(info, model, name));
    }
    // Services and identity providers have no identity side: the trust
    // policy alone decides for them.
    if matches!(hit.grantee, Grantee::Service | Grantee::Federated)
        || matches!(info.shape, CallerShape::Service | CallerShape::Federated)
    {
        return finish(d);
    }
    let Some(identity) = identity else {
        return external(model, info, d, hit.grantee, cross_account);
    };

    // Same account and named exactly (or `*`): the trust grant is enough on
    // its own; otherwise (account delegation, or cross-account) the identity
    // policies must allow too (§2).
    let needs_identity = cross_account || hit.grantee == Grantee::Account;
    if needs_identity {
        if cross_account {
            d.reasons.push(
                "cross-account: the caller's identity policies in its own account must allow too"
                    .into(),
            );
        }
        match identity.best_allow() {
            Some(allow) => {
                d.reasons.push(format!(
                    "identity {} allows {action} on this role",
                    where_words(&allow.via)
                ));
                d.via.push(allow.via.clone());
                d.conditions
                    .extend(allow.clauses.iter().map(ConditionText::from_clause));
            }
            None if !identity.unreadable.is_empty() => {
                let mut u = Decision::new(Verdict::Uncertain, action);
                u.via = d.via;
                u.reasons.push(format!(
                    "no readable identity policy allows {action} on {}; some policies could not be read: {}",
                    role.detail.arn,
                    identity.unreadable.join(", ")
                ));
                u.readings.push(format!(
                    "if one of the unreadable policies allows {action} on this role: {}",
                    with_conditions(&d.conditions)
                ));
                u.readings
                    .push("if none does: denied (no identity policy allows it)".into());
                return u;
            }
            None => {
                let mut x = Decision::new(Verdict::Denied, action);
                x.via = d.via;
                x.reasons.push(format!(
                    "the caller's identity policies lack an Allow for {action} on {}",
                    role.detail.arn
                ));
                x.reasons.extend(d.reasons);
                return x;
            }
        }
    } else {
        d.reasons.push(
            "same account and the trust names the caller: no identity-policy Allow is needed"
                .into(),
        );
    }
    apply_boundary(
        d,
        info,
        boundary,
        hit.grantee,
        needs_identity,
        narrowed_by_principal_arn(role, hit),
    )
}

/// Whether the trust statement of `hit` has a condition on aws:PrincipalArn.
fn narrowed_by_principal_arn(role: &Role, hit: &TrustHit) -> bool {
    let Some(Ok(doc)) = role.trust.as_ref().map(|d| &d.parsed) else {
        return false;
    };
    doc.statements.get(hit.via.statement).is_some_and(|st| {
        st.condition
            .iter()
            .any(|c| c.key.eq_ignore_ascii_case("aws:PrincipalArn"))
    })
}

pub(crate) fn finish(mut d: Decision) -> Decision {
    if d.verdict == Verdict::Allowed && !d.conditions.is_empty() {
        d.verdict = Verdict::Conditional;
    }
    d
}

fn role_account_id<'m>(model: &'m Model, role: &Role) -> Option<&'m str> {
    model
        .accounts
        .get(role.account)
        .map(|a| a.account_id.as_str())
}

pub(super) fn is_service_linked(role: &Role) -> bool {
    role.detail.path.starts_with("/aws-service-role/")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::analysis::assume::{AssumeIndex, Caller, Verdict, can_assume, who_can_assume};
    use crate::source::{Loaded, file::parse_gaad};

    fn account(id: &str, gaad: serde_json::Value) -> Loaded {
        let mut gaad = gaad;
        gaad["Rolecall"] = json!({"FormatVersion": 1, "AccountId": id, "Partition": "aws"});
        let bytes = serde_json::to_vec(&gaad).expect("serializes");
        Loaded {
            origin: format!("{id}.json"),
            snapshot: parse_gaad(&bytes, id).expect("parses"),
        }
    }

    /// Found by the property tests (crates/testkit/tests/properties.rs):
    /// with two captures of one account loaded, can_assume let a user of
    /// one capture assume a role of the other, while who-can-assume and
    /// can-assume-what (rightly) never pair versions of one account.
    #[test]
    fn a_caller_of_another_capture_of_the_account_is_denied() {
        let gaad = json!({
            "UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111111111111:user/alice"}],
            "RoleDetailList": [{"RoleName": "deploy", "Path": "/",
                "Arn": "arn:aws:iam::111111111111:role/deploy",
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}}]});
        let mut later = account("111111111111", gaad.clone());
        later.origin = "later.json".into();
        let model = crate::model::build(vec![account("111111111111", gaad), later]);
        let index = AssumeIndex::build(&model);
        // alice of the first capture may assume deploy of the first only.
        let (alice, alice_later) = (Caller::User(0), Caller::User(1));
        assert_eq!(
            can_assume(&model, &index, &alice, 0).verdict,
            Verdict::Allowed
        );
        let d = can_assume(&model, &index, &alice_later, 0);
        assert_eq!(d.verdict, Verdict::Denied, "{:?}", d.reasons);
        assert!(d.reasons[0].contains("another snapshot"), "{:?}", d.reasons);
        assert_eq!(
            can_assume(&model, &index, &alice_later, 1).verdict,
            Verdict::Allowed
        );
        let who: Vec<Caller> = who_can_assume(&model, &index, 0, true)
            .into_iter()
            .map(|e| e.caller)
            .collect();
        assert!(
            who.contains(&alice) && !who.contains(&alice_later),
            "{who:?}"
        );
    }

    /// Found by the property tests (crates/testkit/tests/properties.rs):
    /// a role whose trust policy cannot be read was "uncertain" for a user
    /// of another account with no identity policy at all, while
    /// who-can-assume (rightly) left that user out. Cross-account both
    /// sides must allow, so the unreadable trust cannot change the answer.
    #[test]
    fn unreadable_trust_cannot_help_a_cross_account_caller_without_an_allow() {
        let assume = json!({"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]});
        let a = account(
            "111111111111",
            json!({"RoleDetailList": [{"RoleName": "deploy", "Path": "/",
                "Arn": "arn:aws:iam::111111111111:role/deploy",
                "AssumeRolePolicyDocument": "not%20a%20policy"}]}),
        );
        let b = account(
            "222222222222",
            json!({"UserDetailList": [
                {"UserName": "alice", "Arn": "arn:aws:iam::222222222222:user/alice"},
                {"UserName": "bob", "Arn": "arn:aws:iam::222222222222:user/bob",
                 "UserPolicyList": [{"PolicyName": "assume", "PolicyDocument": assume}]}]}),
        );
        let model = crate::model::build(vec![a, b]);
        let index = AssumeIndex::build(&model);
        let alice = can_assume(&model, &index, &Caller::User(0), 0);
        assert_eq!(alice.verdict, Verdict::Denied, "{:?}", alice.reasons);
        assert!(
            alice.reasons[0].contains("lack an Allow"),
            "{:?}",
            alice.reasons
        );
        assert!(
            alice
                .reasons
                .iter()
                .any(|r| r.contains("could not be read"))
        );
        // With an Allow of its own the unreadable trust still decides.
        let bob = can_assume(&model, &index, &Caller::User(1), 0);
        assert_eq!(bob.verdict, Verdict::Uncertain, "{:?}", bob.reasons);
        let listed: Vec<Caller> = who_can_assume(&model, &index, 0, false)
            .into_iter()
            .map(|e| e.caller)
            .collect();
        assert!(listed.contains(&Caller::User(1)) && !listed.contains(&Caller::User(0)));
    }
}

//! The trust side (IAM-SEMANTICS §2–§3): which statements of the role's
//! trust policy name the caller, how (exact ARN, account, `*`, service,
//! provider), and under which conditions.

use crate::model::Role;
use crate::policy::{
    ConditionClause, Effect, PrincipalKind, classify, is_partial_wildcard, principal_matches,
};

use super::caller::{CallerInfo, CallerShape, LazyCtx};
use super::statements::{Applies, Hit, conditions, statement_words};
use super::types::{Side, Via};

pub(crate) const TRUST_POLICY: &str = "trust policy";

/// How a trust statement names the caller; decides whether the identity
/// side must allow too (§2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Grantee {
    /// The caller's user ARN (or a federated-user ARN).
    User,
    /// The caller's role ARN (the caller is a session of it).
    Role,
    /// The caller's exact assumed-role session ARN.
    Session,
    /// The caller's account (`ACCT` or `arn:…:iam::ACCT:root`): delegation.
    Account,
    /// `"*"` / `{"AWS": "*"}`.
    Anyone,
    Service,
    Federated,
    /// A `NotPrincipal` Allow that does not exclude the caller (only in the
    /// reading where NotPrincipal is enforced).
    NotPrincipal,
}

#[derive(Debug, Clone)]
pub(crate) struct TrustHit {
    pub grantee: Grantee,
    pub via: Via,
    pub clauses: Vec<ConditionClause>,
    /// For a role caller named through one session ARN: the session name
    /// the caller must use.
    pub session_name: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct TrustResult {
    pub allows: Vec<TrustHit>,
    pub denies: Vec<Via>,
    pub maybe_denies: Vec<Hit>,
    /// Allow statements that name the caller but whose conditions are false.
    pub false_conditions: Vec<String>,
    /// NotPrincipal statements (not allowed in a trust policy), flagged.
    pub not_principal: Vec<String>,
    /// Some NotPrincipal statement would apply to this caller.
    pub not_principal_applies: bool,
    /// Why the trust policy could not be used, if so.
    pub unreadable: Option<String>,
}

/// How `value` (under `kind_key`) names the caller, if it does.
fn match_entry(
    caller: &CallerInfo,
    kind_key: &str,
    value: &str,
) -> Option<(Grantee, Option<String>)> {
    if value == "*" {
        let same_kind = kind_key == caller.trust_key || caller.trust_key == "*";
        return same_kind.then_some((Grantee::Anyone, None));
    }
    if kind_key != caller.trust_key || is_partial_wildcard(value) {
        return None;
    }
    let hit = principal_matches(kind_key, value, &caller.match_value);
    match classify(kind_key, value) {
        PrincipalKind::Account => hit.then_some((Grantee::Account, None)),
        PrincipalKind::User | PrincipalKind::FederatedUser => hit.then_some((Grantee::User, None)),
        PrincipalKind::Role => hit.then_some((Grantee::Role, None)),
        PrincipalKind::AssumedRoleSession => {
            if hit {
                return Some((Grantee::Session, None));
            }
            // A role caller whose session name is open: named through one
            // of its sessions, if it uses that session name.
            let own_session = caller.shape == CallerShape::RoleAnySession
                && principal_matches("AWS", &caller.match_value, value);
            own_session.then(|| {
                let name = value.rsplit('/').next().unwrap_or_default().to_string();
                (Grantee::Session, Some(name))
            })
        }
        PrincipalKind::Service => hit.then_some((Grantee::Service, None)),
        PrincipalKind::SamlProvider | PrincipalKind::OidcProvider | PrincipalKind::WebIdentity => {
            hit.then_some((Grantee::Federated, None))
        }
        // Dangling unique ids are dead grants (§3); CanonicalUser is never
        // valid for roles; unknown shapes only match exactly.
        PrincipalKind::UniqueId(_) | PrincipalKind::CanonicalUser | PrincipalKind::Any => None,
        PrincipalKind::Unknown => (value == caller.match_value).then_some((Grantee::User, None)),
    }
}

/// `aws:userid` = `ROLEID:SESSION`: the request comes from that session.
pub(crate) fn session_clause(role_id: &str, session: &str) -> ConditionClause {
    ConditionClause {
        operator: crate::policy::ConditionOperator::parse("StringEquals"),
        key: "aws:userid".into(),
        values: vec![format!("{role_id}:{session}")],
    }
}

fn role_id_of<'a>(caller: &CallerInfo, ctx: &LazyCtx<'a>) -> &'a str {
    caller
        .role
        .and_then(|r| ctx.model().roles.get(r))
        .map_or("", |r| r.detail.role_id.as_str())
}

pub(crate) fn dead_principal(kind_key: &str, value: &str) -> Option<String> {
    if is_partial_wildcard(value) {
        return Some(format!(
            "principal {value} has a partial wildcard, which IAM does not allow: it matches nobody"
        ));
    }
    match classify(kind_key, value) {
        PrincipalKind::UniqueId(prefix) => Some(format!(
            "principal {value} is the unique id of a deleted {}: the grant is dead",
            prefix.entity()
        )),
        PrincipalKind::CanonicalUser => Some(format!(
            "principal CanonicalUser {value} is valid only for S3, never for roles"
        )),
        _ => None,
    }
}

fn best_match(
    caller: &CallerInfo,
    principal: &crate::policy::Principal,
) -> Option<(Grantee, Option<String>)> {
    if matches!(principal, crate::policy::Principal::Any) {
        return Some((Grantee::Anyone, None));
    }
    // Only entries of the caller's own account (or of none) can name it:
    // every AWS form that matches carries the account (principal_matches).
    let account = crate::policy::principal_account(&caller.match_value);
    principal
        .entries_for_account(account)
        .filter_map(|(k, v)| match_entry(caller, k, v))
        // Prefer the most specific naming (no session requirement first).
        .min_by_key(|(g, s)| (*g, s.is_some()))
}

/// Evaluates the trust policy of `role` for the caller. With
/// `honour_not_principal`, a NotPrincipal Allow/Deny that does not exclude
/// the caller is applied as written; otherwise it is ignored (AWS rejects
/// NotPrincipal in trust policies) and only flagged.
pub(crate) fn evaluate_trust(
    role_idx: usize,
    role: &Role,
    caller: &CallerInfo,
    ctx: &LazyCtx<'_>,
    honour_not_principal: bool,
) -> TrustResult {
    let mut out = TrustResult::default();
    let doc = match role.trust.as_ref().map(|d| &d.parsed) {
        None => {
            out.unreadable = Some("the role has no trust policy in the snapshot".into());
            return out;
        }
        Some(Err(why)) => {
            out.unreadable = Some(format!("the trust policy could not be read: {why}"));
            return out;
        }
        Some(Ok(doc)) => doc,
    };
    let variables = super::statements::variables_apply(doc);
    for (i, st) in doc.statements.iter().enumerate() {
        if !st.matches_action(caller.action)
            || !super::statements::resource_matches(st, &role.detail.arn, ctx, variables)
        {
            continue;
        }
        let via = Via {
            side: Side::Trust,
            policy: TRUST_POLICY.into(),
            statement: i,
            sid: st.sid.clone(),
            effect: st.effect,
            source: crate::model::DocRef::Trust(role_idx),
        };
        let named = if let Some(p) = &st.principal {
            best_match(caller, p)
        } else if let Some(np) = &st.not_principal {
            out.not_principal.push(format!(
                "trust {} uses NotPrincipal, which AWS does not allow in a role trust policy",
                statement_words(&via)
            ));
            let excluded = best_match(caller, np).is_some();
            if excluded {
                None
            } else {
                out.not_principal_applies = true;
                honour_not_principal.then_some((Grantee::NotPrincipal, None))
            }
        } else {
            None
        };
        let Some((grantee, session_name)) = named else {
            continue;
        };
        let mut applies = conditions(st, ctx, variables);
        // A Deny that names one session of the caller's role applies to
        // that session only (ANY-ACTION A.5): for a caller whose session
        // name is open, it is a Deny conditional on the session's name.
        if let (Effect::Deny, Some(name)) = (st.effect, &session_name) {
            let only_that_session = session_clause(role_id_of(caller, ctx), name);
            applies = match applies {
                Applies::Yes => Applies::If(vec![only_that_session]),
                Applies::If(mut clauses) => {
                    clauses.push(only_that_session);
                    Applies::If(clauses)
                }
                Applies::No => Applies::No,
            };
        }
        match (st.effect, applies) {
            (_, Applies::No) if st.effect == Effect::Allow => {
                let texts: Vec<String> = st.condition.iter().map(crate::policy::describe).collect();
                out.false_conditions.push(format!(
                    "trust {} names this principal but its conditions do not hold for it: {}",
                    statement_words(&via),
                    texts.join("; ")
                ));
            }
            (_, Applies::No) => {}
            (Effect::Deny, Applies::Yes) => out.denies.push(via),
            (Effect::Deny, Applies::If(clauses)) => out.maybe_denies.push(Hit { via, clauses }),
            (Effect::Allow, applies) => out.allows.push(TrustHit {
                grantee,
                via,
                clauses: match applies {
                    Applies::If(c) => c,
                    _ => Vec::new(),
                },
                session_name,
            }),
        }
    }
    out
}

/// How the trust policy's principals name `caller`, statement by statement,
/// packed four bits a statement: the only part of the trust evaluation that
/// reads the caller's ARN. `None` when the caller is named personally (its
/// ARN, a session of it) or the policy is too long to pack: such decisions
/// are not shared between callers.
pub(crate) fn principal_profile(role: &Role, caller: &CallerInfo) -> Option<u64> {
    let doc = match role.trust.as_ref().map(|d| &d.parsed) {
        Some(Ok(doc)) => doc,
        // No trust or an unreadable one: the same answer for everyone.
        _ => return Some(0),
    };
    if doc.statements.len() > 16 {
        return None;
    }
    let mut profile = 0u64;
    for (i, st) in doc.statements.iter().enumerate() {
        let code: u64 = if let Some(p) = &st.principal {
            match best_match(caller, p) {
                None => 1,
                Some((Grantee::Anyone, None)) => 2,
                Some((Grantee::Account, None)) => 3,
                Some(_) => return None,
            }
        } else if let Some(np) = &st.not_principal {
            match best_match(caller, np) {
                None => 4,
                Some((Grantee::Anyone | Grantee::Account, None)) => 5,
                Some(_) => return None,
            }
        } else {
            6
        };
        profile |= code << (4 * i);
    }
    Some(profile)
}

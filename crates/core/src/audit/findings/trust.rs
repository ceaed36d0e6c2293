//! Trust-policy principals: `*` without narrowing (`RC-TRUST-001/002`),
//! `NotPrincipal` (`003`), other accounts without sts:ExternalId (`004`),
//! account roots (`005`), dangling unique ids (`006`), same-account
//! principals missing from the snapshot (`007`), values that can never
//! match (`008`).

use super::cond::{clause_text, positive_on};
use super::{Finding, Location, RoleCtx, statement_label};
use crate::policy::{
    Effect, Principal, PrincipalKind, Statement, classify, is_partial_wildcard, principal_account,
};

/// Keys whose positive condition narrows `"Principal": "*"` to a known set
/// of callers.
pub(crate) const NARROWING_KEYS: [&str; 10] = [
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:userid",
    "sts:ExternalId",
];

/// Keys that only say where a call comes from.
const NETWORK_KEYS: [&str; 3] = ["aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce"];

const ASSUME_ACTIONS: [&str; 3] = [
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
];

/// An Allow statement that covers one of the assume actions.
pub(crate) fn grants_assume(st: &Statement) -> bool {
    st.effect == Effect::Allow && ASSUME_ACTIONS.iter().any(|a| st.matches_action(a))
}

/// The principal values of a statement with their kinds.
pub(crate) fn principals(p: &Principal) -> Vec<(&str, &str, PrincipalKind)> {
    match p {
        Principal::Any => vec![("*", "*", PrincipalKind::Any)],
        Principal::Map(..) => p
            .entries()
            .into_iter()
            .map(|(k, v)| (k, v, classify(k, v)))
            .collect(),
    }
}

/// Per-statement lists, one finding each.
#[derive(Default)]
struct Collected<'a> {
    other_accounts: Vec<&'a str>,
    roots: Vec<&'a str>,
    dangling: Vec<&'a str>,
    missing: Vec<&'a str>,
    dead: Vec<String>,
}

pub(crate) fn check(ctx: &RoleCtx<'_>, out: &mut Vec<Finding>) {
    let Some(doc) = ctx.role.trust.as_ref().and_then(|t| t.document()) else {
        return;
    };
    for (i, st) in doc.statements.iter().enumerate() {
        let label = statement_label(i, st.sid.as_deref());
        if let Some(np) = &st.not_principal {
            let values: Vec<&str> = np.entries().into_iter().map(|(_, v)| v).collect();
            out.push(ctx.finding(
                "RC-TRUST-003",
                Location::trust(i),
                format!(
                    "trust policy {label} is {} with NotPrincipal {}{}.",
                    st.effect.as_str(),
                    values.join(", "),
                    if st.effect == Effect::Allow {
                        ": it would admit every principal except those"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let Some(principal) = &st.principal else {
            continue;
        };
        let grants = grants_assume(st);
        let mut c = Collected::default();
        for (kind_key, value, kind) in principals(principal) {
            match kind {
                PrincipalKind::Any if grants => wildcard(ctx, i, &label, st, kind_key, out),
                PrincipalKind::UniqueId(_) => c.dangling.push(value),
                PrincipalKind::CanonicalUser | PrincipalKind::Unknown => {
                    c.dead.push(format!("{kind_key}: {value}"))
                }
                _ if is_partial_wildcard(value) => c.dead.push(format!("{kind_key}: {value}")),
                _ => {}
            }
            if kind_key != "AWS" || is_partial_wildcard(value) {
                continue;
            }
            let account = principal_account(value);
            if kind == PrincipalKind::Account && grants {
                c.roots.push(value);
            }
            let is_aws_identity = matches!(
                kind,
                PrincipalKind::Account
                    | PrincipalKind::User
                    | PrincipalKind::Role
                    | PrincipalKind::AssumedRoleSession
                    | PrincipalKind::FederatedUser
            );
            match account {
                Some(acct) if is_aws_identity && grants && !ctx.is_own_account(acct) => {
                    c.other_accounts.push(value)
                }
                Some(acct)
                    if acct == ctx.account_id
                        && matches!(
                            kind,
                            PrincipalKind::User
                                | PrincipalKind::Role
                                | PrincipalKind::AssumedRoleSession
                        )
                        && !exists_in_account(ctx, value) =>
                {
                    c.missing.push(value)
                }
                _ => {}
            }
        }
        report(ctx, i, &label, st, c, out);
    }
}

fn exists_in_account(ctx: &RoleCtx<'_>, value: &str) -> bool {
    ctx.model.resolve(value, ctx.role.account).is_some_and(|e| {
        ctx.model
            .accounts
            .get(ctx.model.account_of(e))
            .is_some_and(|a| a.account_id == ctx.account_id)
    })
}

fn wildcard(
    ctx: &RoleCtx<'_>,
    i: usize,
    label: &str,
    st: &Statement,
    kind_key: &str,
    out: &mut Vec<Finding>,
) {
    if NARROWING_KEYS.iter().any(|k| positive_on(st, k).is_some()) {
        return;
    }
    let shown = if kind_key == "*" {
        "\"Principal\": \"*\"".to_string()
    } else {
        format!("{{\"{kind_key}\": \"*\"}}")
    };
    let network: Vec<String> = NETWORK_KEYS
        .iter()
        .filter_map(|k| positive_on(st, k))
        .map(clause_text)
        .collect();
    if network.is_empty() {
        let conds = if st.condition.is_empty() {
            "no condition".to_string()
        } else {
            format!(
                "only conditions that do not narrow the caller ({})",
                st.condition
                    .iter()
                    .map(clause_text)
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        out.push(ctx.finding(
            "RC-TRUST-001",
            Location::trust(i),
            format!("trust policy {label} allows {shown} with {conds}."),
        ));
    } else {
        out.push(ctx.finding(
            "RC-TRUST-002",
            Location::trust(i),
            format!(
                "trust policy {label} allows {shown}, limited only by {}: any identity of any \
                 account calling from there can assume the role.",
                network.join(" and ")
            ),
        ));
    }
}

fn report(
    ctx: &RoleCtx<'_>,
    i: usize,
    label: &str,
    st: &Statement,
    c: Collected<'_>,
    out: &mut Vec<Finding>,
) {
    let loc = || Location::trust(i);
    if !c.other_accounts.is_empty() && positive_on(st, "sts:ExternalId").is_none() {
        out.push(ctx.finding(
            "RC-TRUST-004",
            loc(),
            format!(
                "trust policy {label} allows {} of another account ({}) with no sts:ExternalId \
                 condition.",
                c.other_accounts.join(", "),
                accounts_of(&c.other_accounts).join(", ")
            ),
        ));
    }
    if !c.roots.is_empty() {
        let own: Vec<&str> = c
            .roots
            .iter()
            .copied()
            .filter(|v| principal_account(v) == Some(ctx.account_id))
            .collect();
        let what = if own.len() == c.roots.len() {
            "this account's own principals whose identity policies allow sts:AssumeRole on it"
        } else {
            "the principals of those accounts whose identity policies allow sts:AssumeRole on it"
        };
        out.push(ctx.finding(
            "RC-TRUST-005",
            loc(),
            format!(
                "trust policy {label} names the account {} (not the root user): {what} can assume \
                 the role.",
                c.roots.join(", ")
            ),
        ));
    }
    if !c.dangling.is_empty() {
        let described: Vec<String> = c
            .dangling
            .iter()
            .map(|v| match classify("AWS", v) {
                crate::policy::PrincipalKind::UniqueId(p) => {
                    format!("{v} (a deleted {})", p.entity())
                }
                _ => v.to_string(),
            })
            .collect();
        out.push(ctx.finding(
            "RC-TRUST-006",
            loc(),
            format!(
                "trust policy {label} ({}) names {}: the principal was deleted and the {} matches \
                 nobody.",
                st.effect.as_str(),
                described.join(", "),
                if st.effect == Effect::Allow {
                    "grant"
                } else {
                    "deny"
                }
            ),
        ));
    }
    if !c.missing.is_empty() {
        out.push(ctx.finding(
            "RC-TRUST-007",
            loc(),
            format!(
                "trust policy {label} ({}) names {}, which the snapshot of account {} does not \
                 hold.",
                st.effect.as_str(),
                c.missing.join(", "),
                ctx.account_id
            ),
        ));
    }
    if !c.dead.is_empty() {
        out.push(ctx.finding(
            "RC-TRUST-008",
            loc(),
            format!(
                "trust policy {label} has principal values that match nobody: {}.",
                c.dead.join(", ")
            ),
        ));
    }
}

fn accounts_of<'a>(values: &[&'a str]) -> Vec<&'a str> {
    let mut accounts: Vec<&str> = values.iter().filter_map(|v| principal_account(v)).collect();
    accounts.sort_unstable();
    accounts.dedup();
    accounts
}

//! Web-identity federation: GitHub Actions (`RC-OIDC-001..003`), EKS IRSA
//! (`RC-OIDC-004/005`) and Cognito identity pools (`RC-COGNITO-001/002`).

use super::cond::{clause_text, is_like, is_positive, key_is, positive_on};
use super::trust::{grants_assume, principals};
use super::{Finding, Location, RoleCtx, statement_label};
use crate::policy::{ConditionClause, PrincipalKind, RequestContext, Statement, evaluate_clause};

const GITHUB_HOST: &str = "token.actions.githubusercontent.com";
const COGNITO: &str = "cognito-identity.amazonaws.com";

pub(crate) fn check(ctx: &RoleCtx<'_>, out: &mut Vec<Finding>) {
    let Some(doc) = ctx.role.trust.as_ref().and_then(|t| t.document()) else {
        return;
    };
    for (i, st) in doc.statements.iter().enumerate() {
        let Some(principal) = st.principal.as_ref().filter(|_| grants_assume(st)) else {
            continue;
        };
        let label = statement_label(i, st.sid.as_deref());
        for (_, value, kind) in principals(principal) {
            match kind {
                PrincipalKind::OidcProvider => {
                    let host = value.split_once("oidc-provider/").map_or("", |(_, h)| h);
                    if host.starts_with(GITHUB_HOST) {
                        github(ctx, i, &label, st, host, out);
                    } else if host.starts_with("oidc.eks.") {
                        eks(ctx, i, &label, st, host, out);
                    }
                }
                PrincipalKind::WebIdentity if value == COGNITO => {
                    cognito(ctx, i, &label, st, out);
                }
                _ => {}
            }
        }
    }
}

/// Positive clauses on `HOST:claim`.
fn claim_clauses<'a>(st: &'a Statement, host: &str, claim: &str) -> Vec<&'a ConditionClause> {
    let key = format!("{host}:{claim}");
    st.condition
        .iter()
        .filter(|c| key_is(c, &key) && is_positive(c))
        .collect()
}

fn has_wildcard(v: &str) -> bool {
    v.contains(['*', '?'])
}

/// A GitHub `sub` value that admits more than one repository.
fn github_value_is_wide(value: &str) -> bool {
    match value.strip_prefix("repo:") {
        Some(rest) => {
            let repo = rest.split(':').next().unwrap_or_default();
            has_wildcard(repo) || !repo.contains('/')
        }
        None => has_wildcard(value),
    }
}

/// Values of a clause that are wide; empty when the clause pins a repository.
fn wide_values(clause: &ConditionClause, wide: fn(&str) -> bool) -> Vec<&str> {
    if !is_like(clause) {
        return Vec::new();
    }
    clause
        .values
        .iter()
        .map(String::as_str)
        .filter(|v| wide(v))
        .collect()
}

fn conditions_text(st: &Statement) -> String {
    if st.condition.is_empty() {
        "no condition at all".into()
    } else {
        format!(
            "only {}",
            st.condition
                .iter()
                .map(clause_text)
                .collect::<Vec<_>>()
                .join("; ")
        )
    }
}

fn github(
    ctx: &RoleCtx<'_>,
    i: usize,
    label: &str,
    st: &Statement,
    host: &str,
    out: &mut Vec<Finding>,
) {
    let subs = claim_clauses(st, host, "sub");
    if subs.is_empty() {
        out.push(ctx.finding(
            "RC-OIDC-001",
            Location::trust(i),
            format!(
                "trust policy {label} trusts GitHub Actions ({host}) with {} and no {host}:sub \
                 condition: any repository can assume the role.",
                conditions_text(st)
            ),
        ));
    } else {
        // Clauses are ANDed: one clause pinning a repository is enough.
        let wide: Vec<Vec<&str>> = subs
            .iter()
            .map(|c| wide_values(c, github_value_is_wide))
            .collect();
        if wide.iter().all(|w| !w.is_empty()) {
            let values: Vec<&str> = wide.into_iter().flatten().collect();
            out.push(ctx.finding(
                "RC-OIDC-002",
                Location::trust(i),
                format!(
                    "trust policy {label}: {host}:sub matches {}, which admits more than one \
                     repository.",
                    values.join(", ")
                ),
            ));
        }
    }
    if claim_clauses(st, host, "aud").is_empty() {
        out.push(ctx.finding(
            "RC-OIDC-003",
            Location::trust(i),
            format!(
                "trust policy {label} trusts GitHub Actions ({host}) without {host}:aud = \
                 sts.amazonaws.com."
            ),
        ));
    }
}

fn eks(
    ctx: &RoleCtx<'_>,
    i: usize,
    label: &str,
    st: &Statement,
    host: &str,
    out: &mut Vec<Finding>,
) {
    let subs = claim_clauses(st, host, "sub");
    if subs.is_empty() {
        out.push(ctx.finding(
            "RC-OIDC-004",
            Location::trust(i),
            format!(
                "trust policy {label} trusts the EKS OIDC provider {host} with {} and no \
                 {host}:sub condition: every service account of the cluster can assume the role.",
                conditions_text(st)
            ),
        ));
        return;
    }
    let wide: Vec<Vec<&str>> = subs.iter().map(|c| wide_values(c, has_wildcard)).collect();
    if wide.iter().all(|w| !w.is_empty()) {
        let values: Vec<&str> = wide.into_iter().flatten().collect();
        out.push(ctx.finding(
            "RC-OIDC-005",
            Location::trust(i),
            format!(
                "trust policy {label}: {host}:sub matches {}, more than one service account.",
                values.join(", ")
            ),
        ));
    }
}

fn cognito(ctx: &RoleCtx<'_>, i: usize, label: &str, st: &Statement, out: &mut Vec<Finding>) {
    if positive_on(st, "cognito-identity.amazonaws.com:aud").is_none() {
        out.push(ctx.finding(
            "RC-COGNITO-002",
            Location::trust(i),
            format!(
                "trust policy {label} trusts {COGNITO} with no cognito-identity.amazonaws.com:aud \
                 condition: identities of any identity pool can assume the role."
            ),
        ));
    }
    let amr_key = "cognito-identity.amazonaws.com:amr";
    let guest = RequestContext::new().with(amr_key, ["unauthenticated"]);
    let amr: Vec<&ConditionClause> = st.condition.iter().filter(|c| key_is(c, amr_key)).collect();
    let admits_guests = amr
        .iter()
        .all(|c| evaluate_clause(c, &guest) != Some(false));
    if admits_guests {
        let why = if amr.is_empty() {
            format!("has no {amr_key} condition, so it admits guests")
        } else {
            format!(
                "admits unauthenticated identities through {}",
                amr.iter()
                    .copied()
                    .map(clause_text)
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        out.push(ctx.finding(
            "RC-COGNITO-001",
            Location::trust(i),
            format!("trust policy {label} trusts {COGNITO} and {why}."),
        ));
    }
}

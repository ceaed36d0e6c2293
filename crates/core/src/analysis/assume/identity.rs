//! The identity side (IAM-SEMANTICS §1): the caller's identity policies
//! (a user's own and its groups', or a role's) and its permissions boundary,
//! against the assume action on the role ARN. Only the statements the index
//! marked as able to cover `sts:AssumeRole` are visited.

use super::caller::LazyCtx;
use crate::model::Model;

use super::index::{PrincipalPolicies, StmtRef};
use super::sources::{Boundary, document, label};
use super::statements::{SideResult, identity_statement, variables_apply};
use super::types::{Side, Via};

/// The boundary's answer.
#[derive(Debug, Clone)]
pub(crate) enum BoundaryResult {
    /// No boundary: nothing to limit.
    None,
    /// The boundary's statements for this request; `arn` names it.
    Evaluated { arn: String, side: SideResult },
    /// A boundary is set but its policy is not in the snapshot.
    Missing(String),
}

fn evaluate_statements(
    model: &Model,
    refs: &[StmtRef],
    labels: &[String],
    side: Side,
    action: &str,
    resource: &str,
    ctx: &LazyCtx<'_>,
) -> SideResult {
    let mut out = SideResult::default();
    for (n, r) in refs.iter().enumerate() {
        let Ok(doc) = document(model, r.doc) else {
            continue;
        };
        let Some(st) = doc.statements.get(r.statement) else {
            continue;
        };
        let applies = identity_statement(st, action, resource, ctx, variables_apply(doc));
        if applies == super::statements::Applies::No {
            continue;
        }
        let via = Via {
            side,
            policy: labels
                .get(n)
                .cloned()
                .unwrap_or_else(|| label(model, r.doc)),
            statement: r.statement,
            sid: st.sid.clone(),
            effect: st.effect,
            source: r.doc,
        };
        out.add(via, applies);
    }
    out
}

/// The identity policies and the boundary of one principal.
pub(crate) fn evaluate_identity(
    model: &Model,
    policies: &PrincipalPolicies,
    action: &str,
    resource: &str,
    ctx: &LazyCtx<'_>,
) -> (SideResult, BoundaryResult) {
    let mut identity = evaluate_statements(
        model,
        &policies.stmts,
        &policies.stmt_labels,
        Side::Identity,
        action,
        resource,
        ctx,
    );
    identity.unreadable = policies
        .unreadable
        .iter()
        .map(|u| format!("{} ({})", u.policy, u.why))
        .collect();
    let boundary = match &policies.boundary {
        Boundary::None => BoundaryResult::None,
        Boundary::Missing(arn) => BoundaryResult::Missing(arn.clone()),
        Boundary::Doc(doc) => match document(model, *doc) {
            Err(why) => BoundaryResult::Missing(format!("{} ({why})", label(model, *doc))),
            Ok(_) => BoundaryResult::Evaluated {
                arn: policies
                    .boundary_label
                    .clone()
                    .unwrap_or_else(|| label(model, *doc)),
                side: evaluate_statements(
                    model,
                    &policies.boundary_stmts,
                    &policies.boundary_labels,
                    Side::Boundary,
                    action,
                    resource,
                    ctx,
                ),
            },
        },
    };
    (identity, boundary)
}

/// Whether one identity or boundary statement applies to this request.
pub(crate) fn statement_applies(
    model: &Model,
    r: StmtRef,
    action: &str,
    resource: &str,
    ctx: &LazyCtx<'_>,
) -> bool {
    document(model, r.doc).ok().is_some_and(|d| {
        d.statements.get(r.statement).is_some_and(|st| {
            identity_statement(st, action, resource, ctx, variables_apply(d))
                != super::statements::Applies::No
        })
    })
}

//! The caller's permissions boundary against a trust grant (IAM-SEMANTICS
//! §2): when it limits, when it does not, and when AWS's documentation
//! gives two answers (then: Uncertain with both readings).

use crate::policy::ConditionText;

use super::caller::CallerInfo;
use super::decide::finish;
use super::identity::BoundaryResult;
use super::trust::Grantee;
use super::types::{Decision, Verdict};

pub(crate) fn with_conditions(conditions: &[ConditionText]) -> String {
    if conditions.is_empty() {
        "allowed".into()
    } else {
        let texts: Vec<&str> = conditions.iter().map(|c| c.text.as_str()).collect();
        format!("allowed if {}", texts.join("; "))
    }
}

/// Whether the boundary limits this grant ("Policy evaluation logic"): it
/// always does when the identity side is needed, and for a grant to a role
/// ARN; it does not for a grant to a user ARN or a session ARN. `*` in the
/// same account is as ambiguous as a grant to a user.
#[derive(PartialEq)]
enum BoundaryRule {
    Limits,
    DoesNotLimit,
    Ambiguous,
}

fn boundary_rule(grantee: Grantee, needs_identity: bool, by_principal_arn: bool) -> BoundaryRule {
    if needs_identity {
        return BoundaryRule::Limits;
    }
    // "Permissions boundaries and session policies do not limit permissions
    // granted using the aws:PrincipalArn condition key with a wildcard(*) in
    // the Principal element" (ANY-ACTION A.3).
    if grantee == Grantee::Anyone && by_principal_arn {
        return BoundaryRule::DoesNotLimit;
    }
    match grantee {
        Grantee::Role => BoundaryRule::Limits,
        Grantee::Session => BoundaryRule::DoesNotLimit,
        _ => BoundaryRule::Ambiguous,
    }
}

pub(crate) fn apply_boundary(
    mut d: Decision,
    info: &CallerInfo,
    boundary: &BoundaryResult,
    grantee: Grantee,
    needs_identity: bool,
    by_principal_arn: bool,
) -> Decision {
    let action = info.action;
    // What the boundary says: Ok(None) allows outright, Ok(Some(conds))
    // allows if, Err(why) does not allow.
    let (name, says): (String, Result<Option<Vec<ConditionText>>, String>) = match boundary {
        BoundaryResult::None => return finish(d),
        BoundaryResult::Missing(arn) => (
            arn.clone(),
            Err(format!(
                "the permissions boundary {arn} is not in the snapshot, so rolecall cannot tell whether it allows {action}"
            )),
        ),
        BoundaryResult::Evaluated { arn, side } => match side.best_allow() {
            Some(hit) => {
                d.via.push(hit.via.clone());
                let conds: Vec<ConditionText> =
                    hit.clauses.iter().map(ConditionText::from_clause).collect();
                (arn.clone(), Ok((!conds.is_empty()).then_some(conds)))
            }
            None => (
                arn.clone(),
                Err(format!(
                    "the permissions boundary {arn} lacks an Allow for {action} on this role"
                )),
            ),
        },
    };
    let missing = matches!(boundary, BoundaryResult::Missing(_));
    match (
        says,
        boundary_rule(grantee, needs_identity, by_principal_arn),
    ) {
        (Ok(None), _) => {
            d.reasons
                .push(format!("the permissions boundary {name} allows it too"));
            finish(d)
        }
        (Ok(Some(conds)), BoundaryRule::Limits) => {
            d.conditions.extend(conds);
            finish(d)
        }
        (Err(why), BoundaryRule::Limits) if missing => {
            let mut u = Decision::new(Verdict::Uncertain, action);
            u.via = d.via.clone();
            u.reasons.push(why);
            u.readings.push(format!(
                "if the boundary allows it: {}",
                with_conditions(&d.conditions)
            ));
            u.readings.push("if the boundary does not: denied".into());
            u
        }
        (Err(why), BoundaryRule::Limits) => {
            let mut x = Decision::new(Verdict::Denied, action);
            x.via = d.via;
            x.reasons.push(why);
            x.reasons.extend(d.reasons);
            x
        }
        (Ok(Some(_)), BoundaryRule::DoesNotLimit) | (Err(_), BoundaryRule::DoesNotLimit) => {
            let grant = if grantee == Grantee::Anyone {
                "to `*` narrowed by aws:PrincipalArn"
            } else {
                "to a session ARN"
            };
            d.reasons.push(format!(
                "the permissions boundary {name} does not fully allow it, but a trust-policy grant \
                 {grant} is not limited by the boundary (\"Policy evaluation logic\")"
            ));
            finish(d)
        }
        (says, BoundaryRule::Ambiguous) => {
            let with_boundary = match says {
                Ok(Some(conds)) => {
                    let mut all = d.conditions.clone();
                    all.extend(conds);
                    with_conditions(&all)
                }
                Ok(None) => with_conditions(&d.conditions),
                Err(why) => format!("denied: {why}"),
            };
            let mut u = Decision::new(Verdict::Uncertain, action);
            u.via = d.via.clone();
            u.conditions = d.conditions.clone();
            u.reasons.push(format!(
                "the caller's permissions boundary {name} would decide this, and AWS's documentation \
                 gives two answers for a principal named in a trust policy"
            ));
            u.reasons.extend(d.reasons);
            u.readings.push(format!(
                "\"Policy evaluation logic\": a trust-policy grant that names the principal itself (a \
                 user ARN, or `*`) is not limited by its permissions boundary: {}",
                with_conditions(&d.conditions)
            ));
            u.readings.push(format!(
                "\"Update a role trust policy\": the boundary of a principal named in a trust policy \
                 must allow it too: {with_boundary}"
            ));
            u
        }
    }
}

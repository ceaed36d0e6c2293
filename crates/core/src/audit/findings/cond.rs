//! Condition helpers shared by the checks, and `ForAllValues:` with Allow
//! (`RC-COND-001`) in trust policies.

use super::{Finding, Location, RoleCtx, statement_label};
use crate::policy::{BaseOperator, ConditionClause, Effect, SetQualifier, Statement};

/// A clause that can only restrict: not negated, not `Null`, not
/// `…IfExists`, not `ForAllValues:`, not an unknown operator.
pub(crate) fn is_positive(clause: &ConditionClause) -> bool {
    let op = &clause.operator;
    !op.is_negated()
        && !op.if_exists
        && op.qualifier != Some(SetQualifier::ForAllValues)
        && !matches!(op.base, BaseOperator::Null | BaseOperator::Unknown(_))
}

/// Whether the operator interprets `*` and `?` as wildcards.
pub(crate) fn is_like(clause: &ConditionClause) -> bool {
    matches!(
        clause.operator.base,
        BaseOperator::StringLike | BaseOperator::ArnLike | BaseOperator::ArnEquals
    )
}

/// The key, compared case-insensitively.
pub(crate) fn key_is(clause: &ConditionClause, key: &str) -> bool {
    clause.key.eq_ignore_ascii_case(key)
}

/// A positive clause on `key` that does not just match everything.
pub(crate) fn positive_on<'a>(st: &'a Statement, key: &str) -> Option<&'a ConditionClause> {
    st.condition.iter().find(|c| {
        key_is(c, key)
            && is_positive(c)
            && !(is_like(c) && c.values.iter().any(|v| v.chars().all(|ch| ch == '*')))
            && !c.values.is_empty()
    })
}

/// `StringEquals aws:PrincipalOrgID = o-123` in words for explanations.
pub(crate) fn clause_text(clause: &ConditionClause) -> String {
    format!(
        "{} {} = {}",
        clause.operator.text,
        clause.key,
        clause.values.join(", ")
    )
}

/// `ForAllValues:` clauses of an Allow statement that no `Null KEY false`
/// clause makes safe. Returns the offending keys.
pub(crate) fn for_all_values_keys(st: &Statement) -> Vec<&ConditionClause> {
    if st.effect != Effect::Allow {
        return Vec::new();
    }
    st.condition
        .iter()
        .filter(|c| c.operator.qualifier == Some(SetQualifier::ForAllValues))
        .filter(|c| {
            !st.condition.iter().any(|n| {
                n.operator.base == BaseOperator::Null
                    && n.key.eq_ignore_ascii_case(&c.key)
                    && n.values.iter().all(|v| v.eq_ignore_ascii_case("false"))
            })
        })
        .collect()
}

/// The text of an `RC-COND-001` explanation.
pub(crate) fn for_all_values_explanation(
    policy: &str,
    index: usize,
    sid: Option<&str>,
    clauses: &[&ConditionClause],
) -> String {
    let keys: Vec<String> = clauses
        .iter()
        .map(|c| format!("{} on {}", c.operator.text, c.key))
        .collect();
    format!(
        "{policy} {} allows with {}: true when the request carries no {} at all.",
        statement_label(index, sid),
        keys.join(", "),
        clauses
            .iter()
            .map(|c| c.key.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    )
}

/// `RC-COND-001` on the trust policy.
pub(crate) fn check_trust(ctx: &RoleCtx<'_>, out: &mut Vec<Finding>) {
    let Some(doc) = ctx.role.trust.as_ref().and_then(|t| t.document()) else {
        return;
    };
    for (i, st) in doc.statements.iter().enumerate() {
        let clauses = for_all_values_keys(st);
        if !clauses.is_empty() {
            let text = for_all_values_explanation("trust policy", i, st.sid.as_deref(), &clauses);
            out.push(ctx.finding("RC-COND-001", Location::trust(i), text));
        }
    }
}

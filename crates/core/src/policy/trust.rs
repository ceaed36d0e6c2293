//! Rows for the Trust tab: one per (statement, principal value).

use super::describe::describe;
use super::document::{ConditionClause, Effect, PolicyDocument, Principal};
use super::principal::{PrincipalKind, classify};

/// A condition ready for display: the raw parts plus plain words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConditionText {
    pub key: String,
    /// The operator exactly as written.
    pub operator: String,
    pub values: Vec<String>,
    pub text: String,
}

impl ConditionText {
    pub fn from_clause(clause: &ConditionClause) -> ConditionText {
        ConditionText {
            key: clause.key.clone(),
            operator: clause.operator.text.clone(),
            values: clause.values.clone(),
            text: describe(clause),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustRow {
    pub statement_index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    /// Came from `NotPrincipal` (not allowed in trust policies: flag it).
    pub negated: bool,
    /// `AWS`, `Service`, `Federated`, ... or `*` for `"Principal": "*"`.
    pub kind_key: String,
    pub principal: String,
    pub kind: PrincipalKind,
    /// The Action list, or a single `NOT a, b` entry for `NotAction`.
    pub actions: Vec<String>,
    pub conditions: Vec<ConditionText>,
}

/// One row per principal value of every statement, in document order.
/// Statements without Principal or NotPrincipal give no row.
pub fn trust_rows(doc: &PolicyDocument) -> Vec<TrustRow> {
    let mut rows = Vec::new();
    for (index, st) in doc.statements.iter().enumerate() {
        let actions = match (&st.action, &st.not_action) {
            (Some(list), _) => list.as_slice().to_vec(),
            (None, Some(list)) => vec![format!("NOT {}", list.as_slice().join(", "))],
            (None, None) => Vec::new(),
        };
        let conditions: Vec<ConditionText> = st
            .condition
            .iter()
            .map(ConditionText::from_clause)
            .collect();
        let sources = [(&st.principal, false), (&st.not_principal, true)];
        for (principal, negated) in sources {
            let Some(principal) = principal else { continue };
            for (kind_key, value) in principal.entries() {
                let kind = match principal {
                    Principal::Any => PrincipalKind::Any,
                    Principal::Map(..) => classify(kind_key, value),
                };
                rows.push(TrustRow {
                    statement_index: index,
                    sid: st.sid.clone(),
                    effect: st.effect,
                    negated,
                    kind_key: kind_key.to_string(),
                    principal: value.to_string(),
                    kind,
                    actions: actions.clone(),
                    conditions: conditions.clone(),
                });
            }
        }
    }
    rows
}

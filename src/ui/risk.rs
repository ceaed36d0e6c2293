//! Findings per role, computed once per model (the audit engine is fast
//! enough for 10,000 roles), for the list's badges, its `sev:` and `id:`
//! filter terms, the Risk sort and the Findings tab; and the findings on
//! users, groups and policies, for the findings page.

use std::sync::Arc;

use crate::analysis::assume::AssumeIndex;
use crate::audit::Severity;
use crate::audit::findings::{AuditOptions, Auditor, Finding};
use crate::model::Model;

#[derive(Debug, Clone, Default)]
pub struct RiskIndex {
    /// Findings of each role, most severe first.
    pub by_role: Vec<Vec<Finding>>,
    /// Findings whose subject is a user, a group or a policy, in model order.
    pub others: Vec<Finding>,
    /// False until the audit of the current model has finished.
    pub ready: bool,
    /// Roles that are effectively administrators (ESCALATION D.1).
    pub admin: Vec<bool>,
}

impl RiskIndex {
    pub fn build(model: &Model) -> RiskIndex {
        Self::build_with(model, Arc::new(AssumeIndex::build(model)))
    }

    /// Like `build`, with the model's assume-role index already at hand.
    pub fn build_with(model: &Model, index: Arc<AssumeIndex>) -> RiskIndex {
        let mut auditor =
            Auditor::new(model, AuditOptions::default()).with_assume_index(Arc::clone(&index));
        let mut risk = Self::from_findings(model, auditor.everything());
        risk.admin = (0..model.roles.len())
            .map(|r| {
                crate::analysis::effective::admin_of(
                    model,
                    &index,
                    crate::model::EntityRef::Role(r),
                )
                .is_some()
            })
            .collect();
        risk
    }

    /// Whether the role is effectively an administrator.
    pub fn is_admin(&self, role: usize) -> bool {
        self.admin.get(role).copied().unwrap_or(false)
    }

    fn from_findings(model: &Model, findings: Vec<Finding>) -> RiskIndex {
        let mut by_role: Vec<Vec<Finding>> = vec![Vec::new(); model.roles.len()];
        let mut others = Vec::new();
        for finding in findings {
            match finding.role.and_then(|r| by_role.get_mut(r)) {
                Some(list) => list.push(finding),
                None => others.push(finding),
            }
        }
        for list in &mut by_role {
            list.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(b.id)));
        }
        RiskIndex {
            by_role,
            others,
            ready: true,
            admin: Vec::new(),
        }
    }

    /// The most severe finding's severity, if any.
    pub fn max(&self, role: usize) -> Option<Severity> {
        self.by_role.get(role)?.first().map(|f| f.severity)
    }

    /// Every finding, of roles and of other subjects.
    pub fn total(&self) -> usize {
        self.by_role.iter().map(Vec::len).sum::<usize>() + self.others.len()
    }

    pub fn findings(&self, role: usize) -> &[Finding] {
        self.by_role
            .get(role)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// A filter term about findings: `sev:high` (at least that severity) or
/// `id:RC-TRUST-004` (has that finding; a prefix such as `id:rc-oidc` works).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RiskTerm {
    AtLeast(Severity),
    Id(String),
}

impl RiskTerm {
    /// Parses one whitespace-separated filter term; `None` for plain text.
    pub fn parse(term: &str) -> Option<RiskTerm> {
        let lower = term.to_ascii_lowercase();
        if let Some(sev) = lower.strip_prefix("sev:") {
            return sev.parse().ok().map(RiskTerm::AtLeast);
        }
        lower
            .strip_prefix("id:")
            .filter(|id| !id.is_empty())
            .map(|id| RiskTerm::Id(id.to_string()))
    }

    pub fn matches(&self, risk: &RiskIndex, role: usize) -> bool {
        match self {
            RiskTerm::AtLeast(sev) => risk.max(role).is_some_and(|m| m >= *sev),
            RiskTerm::Id(prefix) => risk
                .findings(role)
                .iter()
                .any(|f| f.id.to_ascii_lowercase().starts_with(prefix.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_at_hand_gives_the_same_findings() {
        let model = crate::model::build(vec![crate::source::demo::current().unwrap()]);
        let built = RiskIndex::build(&model);
        let shared = RiskIndex::build_with(&model, Arc::new(AssumeIndex::build(&model)));
        assert_eq!(built.by_role, shared.by_role);
        assert_eq!(built.others, shared.others);
        // The path check, the part that uses the index, did find something.
        let ids: Vec<&str> = built.by_role.iter().flatten().map(|f| f.id).collect();
        assert!(ids.contains(&"RC-PATH-001"), "{ids:?}");
    }
}

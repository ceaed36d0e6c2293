//! `rolecall audit --json`: a stable, documented format.
//!
//! ```json
//! {
//!   "format": "rolecall-audit/1",
//!   "accounts": [
//!     {"account_id": "111122223333", "origin": "acme-prod.json",
//!      "captured_at": "2026-11-20T09:00:00Z"}
//!   ],
//!   "summary": {"high": 3, "medium": 5, "low": 2, "info": 4, "total": 14},
//!   "findings": [
//!     {
//!       "id": "RC-TRUST-001",            // stable rule id
//!       "severity": "high",              // high | medium | low | info
//!       "title": "Any AWS principal can assume the role",
//!       "kind": "role",                  // the subject: role | user | group | policy
//!       "role": "office-vpn-legacy-access", // the subject's name (any kind)
//!       "arn": "arn:aws:iam::111122223333:role/office-vpn-legacy-access",
//!       "account_id": "111122223333",
//!       "policy": "trust policy",        // "trust policy" | managed policy ARN | "inline NAME" | "role"
//!       "statement": 0,                  // 0-based Statement index; absent when not one statement
//!       "explanation": "trust policy Statement[0] allows ...",
//!       "fix": "Replace \"*\" with ..."
//!     }
//!   ]
//! }
//! ```
//!
//! Findings are in model order (roles as loaded, then users, groups and
//! customer managed policies), each subject's findings in check order. Fields may be added in a later `rolecall-audit/1`; none is
//! removed or renamed without bumping the format.

use serde::Serialize;

use super::Summary;
use crate::audit::{Finding, Severity};
use crate::model::{EntityRef, Model};

/// The JSON name of a subject's kind.
pub fn kind_of(entity: EntityRef) -> &'static str {
    match entity {
        EntityRef::Role(_) => "role",
        EntityRef::User(_) => "user",
        EntityRef::Group(_) => "group",
        EntityRef::Policy(_) => "policy",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct JsonReport {
    pub format: &'static str,
    pub accounts: Vec<JsonAccount>,
    pub summary: Summary,
    pub findings: Vec<JsonFinding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JsonAccount {
    pub account_id: String,
    pub origin: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JsonFinding {
    pub id: &'static str,
    pub severity: Severity,
    pub title: String,
    /// `role`, `user`, `group` or `policy`.
    pub kind: &'static str,
    /// The subject's name (kept as `role` for format 1's readers).
    pub role: String,
    pub arn: String,
    pub account_id: String,
    pub policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<usize>,
    pub explanation: String,
    pub fix: String,
}

pub fn json_report(model: &Model, findings: &[Finding]) -> JsonReport {
    JsonReport {
        format: "rolecall-audit/1",
        accounts: model
            .accounts
            .iter()
            .map(|a| JsonAccount {
                account_id: a.account_id.clone(),
                origin: a.origin.clone(),
                captured_at: a
                    .captured_at
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            })
            .collect(),
        summary: Summary::of(findings),
        findings: findings
            .iter()
            .map(|f| JsonFinding {
                id: f.id,
                severity: f.severity,
                title: f.title.clone(),
                kind: kind_of(f.entity),
                role: model.name_of(f.entity).to_string(),
                arn: f.arn.clone(),
                account_id: model
                    .accounts
                    .get(model.account_of(f.entity))
                    .map_or_else(String::new, |a| a.account_id.clone()),
                policy: f.location.policy.clone(),
                statement: f.location.statement,
                explanation: f.explanation.clone(),
                fix: f.fix.clone(),
            })
            .collect(),
    }
}

//! The audit: findings on roles, users, groups and policies, drift between
//! two snapshots of one account,
//! and the reports a CI job reads (table, JSON, SARIF 2.1.0).
//!
//! Everything here is a pure function over a [`Model`](crate::model::Model):
//! no I/O, no clock except [`Model::reference_time`](crate::model::Model::reference_time)
//! (the snapshot's capture time) for ages.
//!
//! - [`findings`]: risky trust and permission patterns, each with a stable id
//!   from the [`findings::registry`];
//! - [`baseline`]: keeps only the findings that are new since a baseline;
//! - [`drift`]: what changed between two snapshots of the same account;
//! - [`report`]: the findings as a table, JSON or SARIF.

pub mod baseline;
pub mod drift;
pub mod findings;
pub mod report;
mod severity;

pub use findings::registry::{RULES, Rule, rule};
pub use findings::{
    AuditOptions, Auditor, Finding, Location, all_findings, escalation_findings, findings_for_role,
};
pub use severity::{ParseSeverityError, Severity};

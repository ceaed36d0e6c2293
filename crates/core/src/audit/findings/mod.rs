//! Findings: risky trust and permission patterns on roles, users, groups
//! and customer managed policies, as pure functions over the model. Each finding kind has a stable id in
//! [`registry`]; each family of checks lives in its own module.
//!
//! Scope and decisions (also in the rule texts):
//! - Trust checks read the role's trust policy; only `Allow` statements that
//!   cover an `sts:AssumeRole*` action grant anything.
//! - Permission checks read the role's inline policies and the default
//!   version of each attached managed policy held by the snapshot. The
//!   permissions boundary never grants; it removes privilege-escalation
//!   actions it does not allow, and is named in the other permission
//!   findings. Service-linked roles (`/aws-service-role/`) get no permission
//!   or usage findings: AWS owns their policies.
//! - Users and groups get the same permission checks on their own
//!   policies; a user's groups' Deny statements and iam:PassRole count for
//!   the user, their Allows are reported on the group. A customer managed
//!   policy that nothing attaches (nor uses as a boundary) is its own
//!   subject. Policy correctness (`RC-POLICY-*`) is found once per
//!   document: on the managed policy, or on the principal of an inline one.
//! - Narrowing conditions for `"Principal": "*"`: a positive clause (not
//!   negated, not `…IfExists`, not `ForAllValues:`, no lone `*` value) on
//!   aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
//!   aws:PrincipalArn, aws:SourceAccount, aws:SourceArn, aws:SourceOrgID,
//!   aws:SourceOrgPaths, aws:userid or sts:ExternalId. aws:SourceIp,
//!   aws:SourceVpc and aws:SourceVpce alone do not narrow who calls, only
//!   from where: that is the separate, medium `RC-TRUST-002`.

mod cond;
mod correctness;
mod docs;
mod escalation;
mod exposure;
mod oidc;
mod paths;
mod permissions;
mod principals;
mod reach;
pub mod registry;
mod trust;
mod usage;

use std::sync::Arc;

use serde::Serialize;

use crate::analysis::assume::AssumeIndex;
use crate::audit::Severity;
use crate::model::{EntityRef, Model, Role};

pub use docs::FactsCache;

/// Where a finding points: a policy of the role and, when one statement
/// triggered it, that statement's 0-based index (as in `Statement[N]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// `trust policy`, a managed policy ARN, `inline NAME`, or `role` for
    /// findings about the role itself (usage).
    pub policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<usize>,
}

impl Location {
    pub fn trust(statement: usize) -> Location {
        Location {
            policy: "trust policy".into(),
            statement: Some(statement),
        }
    }

    pub fn role() -> Location {
        Location {
            policy: "role".into(),
            statement: None,
        }
    }

    /// `trust policy Statement[1]`, `inline foo`, ...
    pub fn describe(&self) -> String {
        match self.statement {
            Some(i) => format!("{} Statement[{i}]", self.policy),
            None => self.policy.clone(),
        }
    }
}

/// One finding on one subject: a role, a user, a group or a customer
/// managed policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable id from the registry, e.g. `RC-TRUST-001`.
    pub id: &'static str,
    pub severity: Severity,
    pub title: String,
    /// Index into `model.roles` when the subject is a role.
    pub role: Option<usize>,
    /// The subject.
    pub entity: EntityRef,
    /// The ARN of the subject.
    pub arn: String,
    /// Names the statement (index and Sid) and the values that triggered it.
    pub explanation: String,
    pub fix: String,
    pub location: Location,
}

impl Finding {
    /// What identifies "the same finding" across snapshots: id, ARN and
    /// location (used by `--baseline`).
    pub fn key(&self) -> (&'static str, &str, &Location) {
        (self.id, &self.arn, &self.location)
    }
}

/// What the audit reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditOptions {
    /// Account ids that belong to the user: trusting them needs no
    /// sts:ExternalId (`RC-TRUST-004`). The audited accounts themselves are
    /// always their own.
    pub own_accounts: Vec<String>,
    /// A role unused for this many days or more is reported (`RC-USAGE-001`).
    pub unused_days: u32,
    /// Findings below this severity are left out.
    pub min_severity: Severity,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            own_accounts: Vec::new(),
            unused_days: 90,
            min_severity: Severity::Info,
        }
    }
}

/// What every check of one role needs.
pub(crate) struct RoleCtx<'a> {
    pub model: &'a Model,
    pub index: usize,
    pub role: &'a Role,
    /// The role's account id.
    pub account_id: &'a str,
    pub opts: &'a AuditOptions,
}

/// The subject of permission and policy findings: any entity, with what a
/// finding on it needs.
pub(crate) struct Subject<'a> {
    pub entity: EntityRef,
    pub arn: &'a str,
    /// The subject's account id.
    pub account_id: &'a str,
}

impl Subject<'_> {
    pub fn of(model: &Model, entity: EntityRef) -> Subject<'_> {
        Subject {
            entity,
            arn: model.arn_of(entity),
            account_id: model
                .accounts
                .get(model.account_of(entity))
                .map_or("", |a| a.account_id.as_str()),
        }
    }

    /// A finding of rule `id` on this subject, with the registry's texts.
    pub fn finding(&self, id: &'static str, location: Location, explanation: String) -> Finding {
        let (severity, title, fix) = match registry::rule(id) {
            Some(r) => (r.severity, r.title.to_string(), r.fix.to_string()),
            None => (Severity::Info, id.to_string(), String::new()),
        };
        Finding {
            id,
            severity,
            title,
            role: match self.entity {
                EntityRef::Role(r) => Some(r),
                _ => None,
            },
            entity: self.entity,
            arn: self.arn.to_string(),
            explanation,
            fix,
            location,
        }
    }
}

impl RoleCtx<'_> {
    /// This role as the subject of permission findings.
    pub fn subject(&self) -> Subject<'_> {
        Subject {
            entity: EntityRef::Role(self.index),
            arn: &self.role.detail.arn,
            account_id: self.account_id,
        }
    }

    /// A finding of rule `id` on this role, with the registry's texts.
    pub fn finding(&self, id: &'static str, location: Location, explanation: String) -> Finding {
        self.subject().finding(id, location, explanation)
    }

    /// Whether the account id is the audited account or declared as own.
    pub fn is_own_account(&self, account: &str) -> bool {
        account == self.account_id
            || self.opts.own_accounts.iter().any(|a| a == account)
            || self.model.accounts.iter().any(|a| a.account_id == account)
    }

    /// Service-linked roles are owned by AWS.
    pub fn is_service_linked(&self) -> bool {
        self.role.detail.path.starts_with("/aws-service-role/")
    }
}

/// `Statement[2] (Sid "Name")` or `Statement[2]`.
pub(crate) fn statement_label(index: usize, sid: Option<&str>) -> String {
    match sid {
        Some(sid) if !sid.is_empty() => format!("Statement[{index}] (Sid \"{sid}\")"),
        _ => format!("Statement[{index}]"),
    }
}

/// Every finding on one role (out-of-range index: none). To ask about many
/// roles, use an [`Auditor`]: it shares the per-policy facts and the
/// who-can-assume index between roles.
pub fn findings_for_role(model: &Model, role: usize, opts: &AuditOptions) -> Vec<Finding> {
    Auditor::new(model, opts.clone()).role(role)
}

/// Every finding of the model: role by role in model order, then users,
/// groups and customer managed policies (see [`Auditor::everything`]).
pub use reach::escalation_findings;

pub fn all_findings(model: &Model, opts: &AuditOptions) -> Vec<Finding> {
    Auditor::new(model, opts.clone()).everything()
}

/// Audits roles of one model one at a time, computing what roles share
/// (managed policy facts, the who-can-assume index) once. Cheap to create;
/// keep one per loaded model (e.g. in the UI, for the selected role).
pub struct Auditor<'m> {
    model: &'m Model,
    opts: AuditOptions,
    cache: FactsCache,
    paths: paths::PathIndex,
}

impl<'m> Auditor<'m> {
    pub fn new(model: &'m Model, opts: AuditOptions) -> Auditor<'m> {
        Auditor {
            model,
            opts,
            cache: FactsCache::new(model),
            paths: paths::PathIndex::new(),
        }
    }

    /// Uses this assume-role index of the model (for the path check)
    /// instead of building one.
    pub fn with_assume_index(mut self, index: Arc<AssumeIndex>) -> Auditor<'m> {
        self.paths = paths::PathIndex::with_assume_index(index);
        self
    }

    /// Every finding on one role (out-of-range index: none).
    pub fn role(&mut self, index: usize) -> Vec<Finding> {
        let model = self.model;
        let Some(role) = model.roles.get(index) else {
            return Vec::new();
        };
        let account_id = model
            .accounts
            .get(role.account)
            .map_or("", |a| a.account_id.as_str());
        let ctx = RoleCtx {
            model,
            index,
            role,
            account_id,
            opts: &self.opts,
        };
        let mut out = Vec::new();
        trust::check(&ctx, &mut out);
        oidc::check(&ctx, &mut out);
        cond::check_trust(&ctx, &mut out);
        if !ctx.is_service_linked() {
            let docs = docs::principal_docs(model, EntityRef::Role(index), &mut self.cache);
            principals::check(&ctx.subject(), &docs, &mut self.cache, &mut out);
            usage::check(&ctx, &mut out);
        }
        paths::check(&ctx, &mut self.paths, &mut self.cache, &mut out);
        out.retain(|f| f.severity >= self.opts.min_severity);
        out
    }

    /// Every finding on one user (out-of-range index: none): the
    /// permission checks on its own policies (its groups' Deny statements
    /// and its boundary count; its groups' Allows are reported on the
    /// groups) and the correctness of its inline policies.
    pub fn user(&mut self, index: usize) -> Vec<Finding> {
        self.principal(EntityRef::User(index), index < self.model.users.len())
    }

    /// Every finding on one group (out-of-range index: none).
    pub fn group(&mut self, index: usize) -> Vec<Finding> {
        self.principal(EntityRef::Group(index), index < self.model.groups.len())
    }

    fn principal(&mut self, entity: EntityRef, exists: bool) -> Vec<Finding> {
        if !exists {
            return Vec::new();
        }
        let docs = docs::principal_docs(self.model, entity, &mut self.cache);
        let mut out = Vec::new();
        principals::check(
            &Subject::of(self.model, entity),
            &docs,
            &mut self.cache,
            &mut out,
        );
        out.retain(|f| f.severity >= self.opts.min_severity);
        out
    }

    /// Every finding on one customer managed policy (AWS managed ones and
    /// out-of-range indexes: none): the correctness of its default version
    /// (once, whoever uses it) and, when nothing attaches it or uses it as
    /// a boundary, the permission checks with the policy as the subject.
    pub fn policy(&mut self, index: usize) -> Vec<Finding> {
        let model = self.model;
        let Some(policy) = model.policies.get(index) else {
            return Vec::new();
        };
        if policy.is_aws_managed() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let subject = Subject::of(model, EntityRef::Policy(index));
        if let Some(doc) = docs::managed_doc(model, index, &mut self.cache) {
            if policy.used_by.is_empty() {
                let docs = docs::PrincipalDocs {
                    own: vec![doc.clone()],
                    inherited: Vec::new(),
                    boundary: None,
                };
                principals::check(&subject, &docs, &mut self.cache, &mut out);
            }
            correctness::report(&subject, &doc, &mut out);
        }
        out.retain(|f| f.severity >= self.opts.min_severity);
        out
    }

    /// Every finding of the model: roles in model order, then users,
    /// groups and customer managed policies.
    pub fn everything(&mut self) -> Vec<Finding> {
        let model = self.model;
        let mut out: Vec<Finding> = (0..model.roles.len()).flat_map(|r| self.role(r)).collect();
        for u in 0..model.users.len() {
            out.extend(self.user(u));
        }
        for g in 0..model.groups.len() {
            out.extend(self.group(g));
        }
        for p in 0..model.policies.len() {
            out.extend(self.policy(p));
        }
        out
    }
}

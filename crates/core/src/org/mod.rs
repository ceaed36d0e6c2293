//! An AWS Organization as a directory of snapshots records it in
//! `organization.json` (format `rolecall-organization/1`, README.md): the
//! organization, its roots, the OU tree, every account with where it sits,
//! and the SCPs and RCPs with the roots, OUs and accounts each is attached
//! to directly (ORGANIZATIONS.md C.9: `ListPoliciesForTarget` gives direct
//! attachments only, so inheritance is worked out here, from the tree).
//!
//! Everything in the file is untrusted: ids and names are shown escaped, a
//! parent that does not exist or a loop in the tree ends a path rather
//! than the program.

mod parse;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::policy::{PolicyDocument, decode_document};

pub use parse::{OrgError, parse_organization};

pub mod identity_center;
pub use identity_center::IdentityCenter;

/// The file's format tag.
pub const FORMAT: &str = "rolecall-organization/1";

/// `organization.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub format: String,
    /// When it was collected (RFC 3339), and by whom (the caller's ARN).
    #[serde(default)]
    pub collected_at: Option<String>,
    #[serde(default)]
    pub collected_by: Option<String>,
    pub organization: OrgSummary,
    #[serde(default)]
    pub roots: Vec<Root>,
    #[serde(default)]
    pub organizational_units: Vec<Unit>,
    #[serde(default)]
    pub accounts: Vec<OrgAccount>,
    #[serde(default)]
    pub policies: Vec<OrgPolicy>,
    /// Identity Center, when the file has it (`None`: not collected; its
    /// `not_collected` says why when the collector tried).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_center: Option<IdentityCenter>,
    /// Each policy's document, parsed on first use (index of `policies`).
    #[serde(skip)]
    documents: std::sync::OnceLock<Vec<Result<PolicyDocument, String>>>,
}

/// `DescribeOrganization`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgSummary {
    /// `o-…`.
    pub id: String,
    #[serde(default)]
    pub arn: Option<String>,
    pub management_account_id: String,
    /// `ALL` or `CONSOLIDATED_BILLING`.
    #[serde(default)]
    pub feature_set: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Root {
    /// `r-…`.
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The policy types enabled on the root: `SERVICE_CONTROL_POLICY`,
    /// `RESOURCE_CONTROL_POLICY` (only `ENABLED` ones are listed).
    #[serde(default)]
    pub enabled_policy_types: Vec<String>,
}

/// An organizational unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// `ou-…`.
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// A root or another OU.
    pub parent_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgAccount {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    /// `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`.
    #[serde(default)]
    pub status: String,
    /// The root or OU it sits in.
    pub parent_id: String,
    /// Why its IAM could not be collected, when it could not.
    #[serde(default)]
    pub error: Option<String>,
}

impl OrgAccount {
    /// Whether its IAM can be collected: `ACTIVE` (or no status recorded),
    /// not suspended or closing.
    pub fn is_active(&self) -> bool {
        self.status.is_empty() || self.status == "ACTIVE"
    }
}

/// Which kind of organization policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyType {
    #[serde(rename = "SERVICE_CONTROL_POLICY")]
    ServiceControl,
    #[serde(rename = "RESOURCE_CONTROL_POLICY")]
    ResourceControl,
}

impl PolicyType {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::ServiceControl => "SCP",
            PolicyType::ResourceControl => "RCP",
        }
    }
}

/// An SCP or RCP, with the roots, OUs and accounts it is attached to
/// directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgPolicy {
    /// `p-…`.
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(rename = "type")]
    pub kind: PolicyType,
    #[serde(default)]
    pub aws_managed: bool,
    #[serde(default)]
    pub description: String,
    /// The policy document as `DescribePolicy` returns it (`Content`, a
    /// JSON string) or as JSON.
    pub content: serde_json::Value,
    #[serde(default)]
    pub targets: Vec<String>,
}

/// One level of an account's place in the tree, from the root down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Level<'a> {
    Root(&'a Root),
    Unit(&'a Unit),
    Account(&'a OrgAccount),
}

impl Level<'_> {
    pub fn id(&self) -> &str {
        match self {
            Level::Root(r) => &r.id,
            Level::Unit(u) => &u.id,
            Level::Account(a) => &a.id,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Level::Root(r) => &r.name,
            Level::Unit(u) => &u.name,
            Level::Account(a) => &a.name,
        }
    }
}

impl Organization {
    /// A collected organization (the collector's constructor; files are
    /// read with [`parse_organization`]).
    pub fn new(
        organization: OrgSummary,
        roots: Vec<Root>,
        organizational_units: Vec<Unit>,
        accounts: Vec<OrgAccount>,
        policies: Vec<OrgPolicy>,
    ) -> Organization {
        Organization {
            format: FORMAT.to_string(),
            collected_at: None,
            collected_by: None,
            organization,
            roots,
            organizational_units,
            accounts,
            policies,
            identity_center: None,
            documents: std::sync::OnceLock::new(),
        }
    }

    pub fn account(&self, id: &str) -> Option<&OrgAccount> {
        self.accounts.iter().find(|a| a.id == id)
    }

    pub fn is_management(&self, account_id: &str) -> bool {
        self.organization.management_account_id == account_id
    }

    /// Where the account sits: the root, each OU down to it, and the
    /// account itself. `None` for an account not in the organization; a
    /// path that meets a missing parent or a loop stops there (it then
    /// does not start at a root: `Organization::problems` says so).
    pub fn levels(&self, account_id: &str) -> Option<Vec<Level<'_>>> {
        let account = self.account(account_id)?;
        let mut up = vec![Level::Account(account)];
        let mut parent = account.parent_id.as_str();
        // No deeper than its OUs.
        for _ in 0..=self.organizational_units.len() {
            if let Some(root) = self.roots.iter().find(|r| r.id == parent) {
                up.push(Level::Root(root));
                break;
            }
            match self.organizational_units.iter().find(|u| u.id == parent) {
                // A loop: the OU is on the way already.
                Some(unit) if up.iter().any(|l| l.id() == unit.id) => break,
                Some(unit) => {
                    up.push(Level::Unit(unit));
                    parent = &unit.parent_id;
                }
                None => break,
            }
        }
        up.reverse();
        Some(up)
    }

    /// The OU names from the root down, `Root/Prod/Web` (the account
    /// itself left out).
    pub fn ou_path(&self, account_id: &str) -> Option<String> {
        let levels = self.levels(account_id)?;
        let names: Vec<&str> = levels
            .iter()
            .filter(|l| !matches!(l, Level::Account(_)))
            .map(|l| l.name())
            .collect();
        Some(names.join("/"))
    }

    /// `aws:PrincipalOrgPaths` / `aws:ResourceOrgPaths` of an account:
    /// `o-…/r-…/ou-…/ou-…/` (ORGANIZATIONS.md C.8). `None` when the
    /// account is not in the organization or its path is broken.
    pub fn org_path(&self, account_id: &str) -> Option<String> {
        let levels = self.levels(account_id)?;
        if !matches!(levels.first(), Some(Level::Root(_))) {
            return None;
        }
        let mut out = format!("{}/", self.organization.id);
        for l in levels.iter().filter(|l| !matches!(l, Level::Account(_))) {
            out.push_str(l.id());
            out.push('/');
        }
        Some(out)
    }

    /// The policies of one type attached directly to a target, each with
    /// its parsed document (or why it does not parse).
    pub fn attached(
        &self,
        target: &str,
        kind: PolicyType,
    ) -> impl Iterator<Item = (&OrgPolicy, &Result<PolicyDocument, String>)> {
        let documents = self.documents.get_or_init(|| {
            self.policies
                .iter()
                .map(|p| {
                    let value = decode_document(&p.content).map_err(|e| e.to_string())?;
                    PolicyDocument::parse(&value).map_err(|e| e.to_string())
                })
                .collect()
        });
        self.policies
            .iter()
            .zip(documents)
            .filter(move |(p, _)| p.kind == kind && p.targets.iter().any(|t| t == target))
    }

    /// Whether a policy type is enabled on the organization's root.
    pub fn enabled(&self, kind: PolicyType) -> bool {
        let name = match kind {
            PolicyType::ServiceControl => "SERVICE_CONTROL_POLICY",
            PolicyType::ResourceControl => "RESOURCE_CONTROL_POLICY",
        };
        self.roots
            .iter()
            .any(|r| r.enabled_policy_types.iter().any(|t| t == name))
    }

    /// What in the tree does not hold together, each in words: a parent
    /// that is not in the file, an account whose path does not reach a
    /// root, a policy attached to nothing the file names.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let known = |id: &str| {
            self.roots.iter().any(|r| r.id == id)
                || self.organizational_units.iter().any(|u| u.id == id)
                || self.accounts.iter().any(|a| a.id == id)
        };
        for a in &self.accounts {
            let reaches_root = self
                .levels(&a.id)
                .is_some_and(|l| matches!(l.first(), Some(Level::Root(_))));
            if !reaches_root {
                out.push(format!(
                    "account {} ({}): its place in the tree does not lead to a root (parent {})",
                    a.id, a.name, a.parent_id
                ));
            }
        }
        for p in &self.policies {
            for t in p.targets.iter().filter(|t| !known(t)) {
                out.push(format!(
                    "{} {} ({}) is attached to {t}, which is not in the file",
                    p.kind.as_str(),
                    p.id,
                    p.name
                ));
            }
        }
        out
    }
}

//! Indexes over one or more loaded snapshots (several accounts at once).
//!
//! Entities live in flat vectors and refer to each other by index; the maps in
//! `Index` answer "which entity has this ARN / id / name" in O(1). Policy
//! documents are decoded and parsed once here, raw JSON kept for display.
//! Nothing here knows about ratatui or the AWS SDK.

mod build;
mod doc;
pub mod filter;
pub mod time;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

pub use build::build;
pub use doc::{Doc, DocRef};

use crate::policy::TrustRow;
use crate::snapshot::{GroupDetail, RoleDetail, SnapshotHeader, UserDetail};

/// A reference to any entity of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityRef {
    Role(usize),
    User(usize),
    Group(usize),
    Policy(usize),
}

/// One loaded snapshot: one account at one point in time.
#[derive(Debug, Clone)]
pub struct Account {
    /// The file path, or `demo:…`.
    pub origin: String,
    pub account_id: String,
    pub partition: String,
    pub header: Option<SnapshotHeader>,
    pub captured_at: Option<DateTime<Utc>>,
    /// How the account is shown in lists: its alias or id, plus the file
    /// name when the same account is loaded twice.
    pub label: String,
}

/// A policy name and document attached inline to a role, user or group.
#[derive(Debug, Clone)]
pub struct InlineDoc {
    pub name: String,
    pub doc: Arc<Doc>,
}

/// A managed policy as an entity refers to it; `policy` is its index when
/// the snapshot holds the policy (AWS managed ones may be missing).
#[derive(Debug, Clone)]
pub struct PolicyLink {
    pub name: String,
    pub arn: String,
    pub policy: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub account: usize,
    /// The role as loaded, with its documents and policy lists moved into
    /// the fields below (and its instance profiles' role summaries, which
    /// repeat the role, dropped).
    pub detail: RoleDetail,
    pub trust: Option<Arc<Doc>>,
    pub trust_rows: Vec<TrustRow>,
    pub inline: Vec<InlineDoc>,
    pub attached: Vec<PolicyLink>,
    pub boundary: Option<PolicyLink>,
    pub created: Option<DateTime<Utc>>,
    pub last_used: Option<DateTime<Utc>>,
    /// Lower-case text the filter searches: name, ARN, path, tags, principals.
    pub search_text: String,
}

#[derive(Debug, Clone)]
pub struct User {
    pub account: usize,
    /// The user as loaded, with its documents and policy lists moved into
    /// the fields below.
    pub detail: UserDetail,
    pub inline: Vec<InlineDoc>,
    pub attached: Vec<PolicyLink>,
    pub boundary: Option<PolicyLink>,
    /// Groups by index; names in `detail.group_list` that are not in the
    /// snapshot are kept there and shown as missing.
    pub groups: Vec<usize>,
    pub created: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub account: usize,
    /// The group as loaded, with its documents and policy lists moved into
    /// the fields below.
    pub detail: GroupDetail,
    pub inline: Vec<InlineDoc>,
    pub attached: Vec<PolicyLink>,
    pub members: Vec<usize>,
    pub created: Option<DateTime<Utc>>,
}

/// One version of a managed policy.
#[derive(Debug, Clone)]
pub struct PolicyVersionDoc {
    pub version_id: String,
    pub is_default: bool,
    pub created: Option<DateTime<Utc>>,
    pub doc: Arc<Doc>,
}

/// How an entity uses a managed policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Attached,
    /// The policy is the entity's permissions boundary (a ceiling, not a grant).
    Boundary,
}

#[derive(Debug, Clone)]
pub struct ManagedPolicy {
    pub account: usize,
    pub name: String,
    pub arn: String,
    pub id: String,
    pub path: String,
    pub description: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub versions: Vec<PolicyVersionDoc>,
    /// Roles, users and groups that attach this policy or are bounded by it.
    pub used_by: Vec<(EntityRef, Usage)>,
}

impl ManagedPolicy {
    pub fn is_aws_managed(&self) -> bool {
        self.arn.contains(":iam::aws:policy/")
    }

    /// The default version (the one in force), if the snapshot has it.
    pub fn default_version(&self) -> Option<&PolicyVersionDoc> {
        self.versions.iter().find(|v| v.is_default)
    }
}

/// Lookups by ARN, unique id and name. Values are lists because the same ARN
/// can be loaded twice (two snapshots of one account, or an AWS managed
/// policy present in every account).
#[derive(Debug, Default, Clone)]
pub struct Index {
    by_arn: HashMap<String, Vec<EntityRef>>,
    by_unique_id: HashMap<String, Vec<EntityRef>>,
    /// (account id, role name) → roles, for assumed-role session ARNs.
    role_by_account_and_name: HashMap<(String, String), Vec<usize>>,
}

/// Everything loaded, indexed.
#[derive(Debug, Default, Clone)]
pub struct Model {
    pub accounts: Vec<Account>,
    pub roles: Vec<Role>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub policies: Vec<ManagedPolicy>,
    /// Problems found while indexing that did not stop the load, each naming
    /// the account and the entity (for example a document that does not parse).
    pub warnings: Vec<String>,
    pub index: Index,
    /// The organization the accounts belong to, when a directory with an
    /// `organization.json` was opened.
    pub organization: Option<std::sync::Arc<crate::org::Organization>>,
}

impl Model {
    /// The time ages count from for this account: when the snapshot was
    /// captured, or now when unknown.
    pub fn reference_time(&self, account: usize) -> DateTime<Utc> {
        self.accounts
            .get(account)
            .and_then(|a| a.captured_at)
            .unwrap_or_else(Utc::now)
    }

    /// The entity with this ARN (or bare unique id), preferring the given
    /// account snapshot when the ARN is loaded more than once.
    pub fn resolve(&self, arn_or_id: &str, prefer_account: usize) -> Option<EntityRef> {
        let pick = |candidates: &Vec<EntityRef>| {
            candidates
                .iter()
                .copied()
                .find(|e| self.account_of(*e) == prefer_account)
                .or_else(|| candidates.first().copied())
        };
        if let Some(found) = self.index.by_arn.get(arn_or_id).and_then(pick) {
            return Some(found);
        }
        if let Some(found) = self.index.by_unique_id.get(arn_or_id).and_then(pick) {
            return Some(found);
        }
        self.resolve_session(arn_or_id, prefer_account)
    }

    /// Every entity loaded with this ARN (or, failing that, bare unique id),
    /// in load order: more than one when an account is loaded twice, or
    /// when a file lists the same ARN twice (IAM never does; a hand-made or
    /// hostile file may).
    pub fn resolve_all(&self, arn_or_id: &str) -> &[EntityRef] {
        self.index
            .by_arn
            .get(arn_or_id)
            .or_else(|| self.index.by_unique_id.get(arn_or_id))
            .map_or(&[], Vec::as_slice)
    }

    /// `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION` → the role ROLE.
    fn resolve_session(&self, arn: &str, prefer_account: usize) -> Option<EntityRef> {
        let roles = self.session_roles(arn);
        roles
            .iter()
            .copied()
            .find(|r| self.roles[*r].account == prefer_account)
            .or_else(|| roles.first().copied())
            .map(EntityRef::Role)
    }

    /// Every loaded role a session ARN `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`
    /// can be a session of (several when the role is loaded twice, or when
    /// a file lists the same role name twice); empty for any other ARN.
    pub fn session_roles(&self, arn: &str) -> &[usize] {
        let name = || -> Option<(&str, &str)> {
            let rest = arn.strip_prefix("arn:")?;
            let mut parts = rest.splitn(5, ':');
            let (_partition, service, _region, account, resource) = (
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
            );
            if service != "sts" {
                return None;
            }
            let role_name = resource.strip_prefix("assumed-role/")?.split('/').next()?;
            Some((account, role_name))
        };
        name()
            .and_then(|(account, role_name)| {
                self.index
                    .role_by_account_and_name
                    .get(&(account.to_string(), role_name.to_string()))
            })
            .map_or(&[], Vec::as_slice)
    }

    pub fn account_of(&self, entity: EntityRef) -> usize {
        match entity {
            EntityRef::Role(i) => self.roles[i].account,
            EntityRef::User(i) => self.users[i].account,
            EntityRef::Group(i) => self.groups[i].account,
            EntityRef::Policy(i) => self.policies[i].account,
        }
    }

    /// The ARN of any entity.
    pub fn arn_of(&self, entity: EntityRef) -> &str {
        match entity {
            EntityRef::Role(i) => &self.roles[i].detail.arn,
            EntityRef::User(i) => &self.users[i].detail.arn,
            EntityRef::Group(i) => &self.groups[i].detail.arn,
            EntityRef::Policy(i) => &self.policies[i].arn,
        }
    }

    /// The short name of any entity.
    pub fn name_of(&self, entity: EntityRef) -> &str {
        match entity {
            EntityRef::Role(i) => &self.roles[i].detail.role_name,
            EntityRef::User(i) => &self.users[i].detail.user_name,
            EntityRef::Group(i) => &self.groups[i].detail.group_name,
            EntityRef::Policy(i) => &self.policies[i].name,
        }
    }

    /// True when more than one snapshot is loaded, so lists show the account.
    pub fn is_multi_account(&self) -> bool {
        self.accounts.len() > 1
    }
}

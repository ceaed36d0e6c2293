//! Drift: what changed between two snapshots of the same account.
//!
//! [`diff_models`] compares one snapshot (an account index) of one model
//! with one snapshot of another model, or two snapshots loaded in the same
//! model (pass it twice). Roles and managed policies are matched by ARN.
//!
//! What counts as a change, one [`Change`] each:
//! - a role added or removed, or recreated (same ARN, new RoleId: trust
//!   elsewhere that named the old role is dead);
//! - per role: its trust policy (principals added/removed with their kind,
//!   actions and conditions changed per principal, plus a unified diff), a
//!   managed policy attached or detached, an inline policy added, removed or
//!   changed, the permissions boundary set, removed or replaced, and the
//!   description or MaxSessionDuration when both snapshots carry them (GAAD
//!   files do not, so a plain GAAD against a rolecall snapshot is no drift);
//! - per managed policy present in both snapshots: its default version or
//!   the default document changed (new non-default versions alone are not
//!   drift: they grant nothing).
//!
//! Not drift: RoleLastUsed, AttachmentCount, policy creation or deletion by
//! itself (attachments are), tags, instance profiles.
//!
//! Conditions per principal are the union over the statements naming that
//! principal with that effect.

mod model_diff;
mod render;
mod text;
mod trust;
pub mod wording;

use serde::Serialize;

pub use model_diff::diff_models;
pub use render::render_human;
pub use text::unified_diff;

/// The result of comparing two snapshots. Its JSON (`--json`) is stable:
/// see [`Change`] for every field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    /// Always `rolecall-drift/1`.
    pub format: &'static str,
    pub account_id: String,
    pub old: Side,
    pub new: Side,
    /// Role changes sorted by role name, then ARN (each role's changes in
    /// the order of [`ChangeKind`]), then managed policy changes sorted by
    /// policy ARN.
    pub changes: Vec<Change>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// File path or `demo:…`.
    pub origin: String,
    /// RFC 3339, when the snapshot says.
    pub captured_at: Option<String>,
}

/// One change. `role` names the role (absent for managed policy changes),
/// `arn` is the role's or the managed policy's ARN, `kind` says what
/// changed and selects the other fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub arn: String,
    #[serde(flatten)]
    pub kind: ChangeKind,
}

/// What changed (`"kind"` in JSON, snake_case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A role only in the new snapshot, with whom it trusts.
    RoleAdded {
        trust: Vec<TrustGrant>,
        attached: Vec<String>,
        inline: Vec<String>,
    },
    /// A role only in the old snapshot.
    RoleRemoved {
        trust: Vec<TrustGrant>,
    },
    /// Same ARN, new RoleId: the role was deleted and created again.
    RoleRecreated {
        old_role_id: String,
        new_role_id: String,
    },
    /// The trust policy changed.
    TrustChanged {
        principals_added: Vec<TrustGrant>,
        principals_removed: Vec<TrustGrant>,
        principals_changed: Vec<GrantChange>,
        /// Unified diff of the pretty-printed documents.
        diff: String,
    },
    PolicyAttached {
        policy_arn: String,
    },
    PolicyDetached {
        policy_arn: String,
    },
    InlinePolicyAdded {
        name: String,
        diff: String,
    },
    InlinePolicyRemoved {
        name: String,
        diff: String,
    },
    InlinePolicyChanged {
        name: String,
        diff: String,
    },
    /// `old`/`new` are boundary policy ARNs (absent: no boundary).
    BoundaryChanged {
        old: Option<String>,
        new: Option<String>,
    },
    DescriptionChanged {
        old: String,
        new: String,
    },
    MaxSessionDurationChanged {
        old: u32,
        new: u32,
    },
    /// A managed policy's default version or its document changed.
    ManagedPolicyChanged {
        name: String,
        old_default_version: Option<String>,
        new_default_version: Option<String>,
        versions_added: Vec<String>,
        versions_removed: Vec<String>,
        /// Names of the roles the policy is attached to (or bounds) now.
        used_by_roles: Vec<String>,
        diff: String,
    },
}

impl ChangeKind {
    /// snake_case name, as in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            ChangeKind::RoleAdded { .. } => "role_added",
            ChangeKind::RoleRemoved { .. } => "role_removed",
            ChangeKind::RoleRecreated { .. } => "role_recreated",
            ChangeKind::TrustChanged { .. } => "trust_changed",
            ChangeKind::PolicyAttached { .. } => "policy_attached",
            ChangeKind::PolicyDetached { .. } => "policy_detached",
            ChangeKind::InlinePolicyAdded { .. } => "inline_policy_added",
            ChangeKind::InlinePolicyRemoved { .. } => "inline_policy_removed",
            ChangeKind::InlinePolicyChanged { .. } => "inline_policy_changed",
            ChangeKind::BoundaryChanged { .. } => "boundary_changed",
            ChangeKind::DescriptionChanged { .. } => "description_changed",
            ChangeKind::MaxSessionDurationChanged { .. } => "max_session_duration_changed",
            ChangeKind::ManagedPolicyChanged { .. } => "managed_policy_changed",
        }
    }
}

/// One principal a trust policy names, with what it may do and when.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TrustGrant {
    /// `Allow` or `Deny`.
    pub effect: String,
    /// `AWS`, `Service`, `Federated`, `*`, ...; `NotPrincipal:AWS` for NotPrincipal.
    pub kind_key: String,
    pub principal: String,
    /// "AWS account", "IAM role", "OIDC provider", "anyone (*)", ...
    pub kind: String,
    pub actions: Vec<String>,
    pub conditions: Vec<ConditionRef>,
}

/// One condition clause: operator as written, key, values (sorted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ConditionRef {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

/// A principal in both trust policies whose actions or conditions changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantChange {
    pub effect: String,
    pub kind_key: String,
    pub principal: String,
    pub kind: String,
    pub actions_added: Vec<String>,
    pub actions_removed: Vec<String>,
    pub conditions_added: Vec<ConditionRef>,
    pub conditions_removed: Vec<ConditionRef>,
}

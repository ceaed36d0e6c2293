//! The public result types of the assume-role analysis.

use crate::model::Model;
use crate::policy::{ConditionText, Effect};

/// The answer for one caller and one role, readable without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Both sides allow, nothing left to check.
    Allowed,
    /// Allowed if every listed condition holds.
    Conditional,
    /// Denied: no matching Allow, or an explicit Deny.
    Denied,
    /// AWS's documentation leaves the answer open; see `Decision::readings`.
    Uncertain,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allowed => "allowed",
            Verdict::Conditional => "conditional",
            Verdict::Denied => "denied",
            Verdict::Uncertain => "uncertain",
        }
    }

    /// A symbol that reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::Allowed => "✔",
            Verdict::Conditional => "?",
            Verdict::Denied => "✘",
            Verdict::Uncertain => "~",
        }
    }

    /// Sort rank for lists: allowed, conditional, uncertain, denied.
    pub fn rank(self) -> u8 {
        match self {
            Verdict::Allowed => 0,
            Verdict::Conditional => 1,
            Verdict::Uncertain => 2,
            Verdict::Denied => 3,
        }
    }

    /// True unless Denied: the caller may be able to assume the role.
    pub fn is_possible(self) -> bool {
        self != Verdict::Denied
    }
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Caller {
    /// A loaded IAM user (index into `model.users`).
    User(usize),
    /// A session of a loaded role, session name unknown.
    Role(usize),
    /// A session of a loaded role with a known session name.
    Session { role: usize, session_name: String },
    /// A principal not in the loaded data: `kind_key` is the trust-policy
    /// key (`AWS`, `Service`, `Federated`, or `*` for `"Principal": "*"`),
    /// `principal` the value (account id, root/user/role/session ARN,
    /// service name, provider ARN or name, `*`).
    External { kind_key: String, principal: String },
}

impl Caller {
    /// The ARN (or id / service / provider) that names this caller.
    pub fn label(&self, model: &Model) -> String {
        match self {
            Caller::User(u) => model
                .users
                .get(*u)
                .map_or_else(|| format!("user #{u}"), |x| x.detail.arn.clone()),
            Caller::Role(r) => model
                .roles
                .get(*r)
                .map_or_else(|| format!("role #{r}"), |x| x.detail.arn.clone()),
            Caller::Session { role, session_name } => match model.roles.get(*role) {
                Some(r) => session_arn(model, r, session_name),
                None => format!("role #{role} session {session_name}"),
            },
            Caller::External { principal, .. } => principal.clone(),
        }
    }

    /// "IAM user", "IAM role", "assumed-role session", "AWS account", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Caller::User(_) => "IAM user",
            Caller::Role(_) => "IAM role",
            Caller::Session { .. } => "assumed-role session",
            Caller::External {
                kind_key,
                principal,
            } => {
                if kind_key == "*" || principal == "*" {
                    return "anyone (*)";
                }
                crate::policy::classify(kind_key, principal).label()
            }
        }
    }
}

/// `arn:P:sts::ACCT:assumed-role/NAME/SESSION` for a role's session.
pub(crate) fn session_arn(model: &Model, role: &crate::model::Role, session: &str) -> String {
    let (partition, account) = model.accounts.get(role.account).map_or(("aws", ""), |a| {
        (a.partition.as_str(), a.account_id.as_str())
    });
    format!(
        "arn:{partition}:sts::{account}:assumed-role/{}/{session}",
        role.detail.role_name
    )
}

/// Which side of the request a statement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The role's trust policy (a resource-based policy).
    Trust,
    /// The caller's identity policies (inline, attached, groups').
    Identity,
    /// The caller's permissions boundary.
    Boundary,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Trust => "trust",
            Side::Identity => "identity",
            Side::Boundary => "boundary",
        }
    }
}

/// One statement that took part in a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via {
    pub side: Side,
    /// "trust policy", a managed policy ARN, or "inline NAME of role X".
    pub policy: String,
    pub statement: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    /// The document the statement belongs to (`statement` indexes it).
    pub source: crate::model::DocRef,
}

/// The decision for one caller and one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    /// For Conditional: the conditions of the first route (see
    /// `alternatives`) followed by those of `unless`, each as one
    /// condition that must hold. Kept for views that show one list.
    pub conditions: Vec<ConditionText>,
    /// Allowed if any one of these holds (an OR of AND-ed conditions): one
    /// entry per route, e.g. one per Allow statement with its own
    /// conditions. Empty when the Allow side needs no condition.
    pub alternatives: Vec<Vec<ConditionText>>,
    /// Allowed unless any of these holds: Denies whose conditions rolecall
    /// cannot decide, each as the condition under which it applies.
    pub unless: Vec<ConditionText>,
    /// Plain words, most important first.
    pub reasons: Vec<String>,
    /// The statements that decided, from both sides.
    pub via: Vec<Via>,
    /// For Uncertain: the readings of AWS's documentation and their outcome.
    pub readings: Vec<String>,
    /// `sts:AssumeRole`, `sts:AssumeRoleWithSAML` or `sts:AssumeRoleWithWebIdentity`.
    pub action: String,
    /// What the snapshot knows about the resource's own policy.
    pub resource_policy: crate::analysis::eval::ResourcePolicy,
    /// The caller is a role session, so the new session is capped at one
    /// hour (role chaining) whatever the role's MaxSessionDuration says.
    pub chained_session_cap: bool,
}

impl Decision {
    pub(crate) fn new(verdict: Verdict, action: &str) -> Decision {
        Decision {
            verdict,
            conditions: Vec::new(),
            alternatives: Vec::new(),
            unless: Vec::new(),
            reasons: Vec::new(),
            via: Vec::new(),
            readings: Vec::new(),
            action: action.to_string(),
            resource_policy: Default::default(),
            chained_session_cap: false,
        }
    }

    /// What must hold, in words: each route ("A and B OR C"), then
    /// "unless" the open Denies; `None` when nothing must.
    pub fn condition_words(&self) -> Option<String> {
        let join = |list: &[ConditionText], sep: &str| {
            list.iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(sep)
        };
        let routes = if self.alternatives.len() > 1 {
            self.alternatives
                .iter()
                .map(|a| join(a, " and "))
                .collect::<Vec<_>>()
                .join(" OR ")
        } else if self.alternatives.is_empty() && self.unless.is_empty() {
            // Decisions that only list conditions (the assume engine's
            // single route, a boundary's): all must hold.
            join(&self.conditions, "; ")
        } else {
            self.alternatives
                .first()
                .map(|a| join(a, " and "))
                .unwrap_or_default()
        };
        let text = match (routes.is_empty(), self.unless.is_empty()) {
            (true, true) => return None,
            (false, true) => routes,
            (true, false) => format!("unless {}", join(&self.unless, " or ")),
            (false, false) => format!("{routes}; unless {}", join(&self.unless, " or ")),
        };
        Some(text)
    }

    pub(crate) fn denied(action: &str, reason: impl Into<String>) -> Decision {
        let mut d = Decision::new(Verdict::Denied, action);
        d.reasons.push(reason.into());
        d
    }
}

/// One row of "who can assume this role".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhoEntry {
    pub caller: Caller,
    /// ARN, account id, service or provider.
    pub label: std::sync::Arc<str>,
    /// "IAM user", "IAM role", "AWS account", "service", "SAML provider", ...
    pub kind: &'static str,
    /// Shared with the other callers the role cannot tell apart.
    pub decision: std::sync::Arc<Decision>,
}

//! The one wording of a drift change, for `rolecall diff` and the Drift tab
//! alike: each change has a one-line summary and, where it carries more
//! (trust grants, a new role's attachments, policy versions), detail lines.
//! Each line has a mark (`+ - ~`), a short label, the detail and how loud it
//! should be; the CLI turns loudness into ANSI colours, the TUI into tones.

use super::{Change, ChangeKind, ConditionRef, GrantChange, TrustGrant};

/// How much a line should stand out. New trust is the loudest thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loudness {
    /// Someone new can assume a role, or grants were cut loose.
    Alarm,
    /// A change that adds or alters access.
    Notice,
    /// Access removed.
    Relief,
    /// Removed, but neither good nor bad by itself.
    Plain,
    /// Metadata (description, session length).
    Quiet,
}

/// One line of wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// `+` added, `-` removed, `~` changed.
    pub mark: char,
    pub label: &'static str,
    pub detail: String,
    pub loudness: Loudness,
}

fn line(mark: char, label: &'static str, detail: String, loudness: Loudness) -> Line {
    Line {
        mark,
        label,
        detail,
        loudness,
    }
}

/// `StringEquals sts:ExternalId = a, b`.
pub fn condition(c: &ConditionRef) -> String {
    format!("{} {} = {}", c.operator, c.key, c.values.join(", "))
}

/// `Allow AWS arn:…:root (AWS account) [sts:AssumeRole] when …`.
pub fn grant(g: &TrustGrant) -> String {
    let mut text = format!("{} {} {} ({})", g.effect, g.kind_key, g.principal, g.kind);
    if !g.actions.is_empty() {
        text.push_str(&format!(" [{}]", g.actions.join(", ")));
    }
    if !g.conditions.is_empty() {
        let conds: Vec<String> = g.conditions.iter().map(condition).collect();
        text.push_str(&format!(" when {}", conds.join(" and ")));
    }
    text
}

fn grant_changes(g: &GrantChange) -> impl Iterator<Item = String> + '_ {
    let who = format!("{} {} {}", g.effect, g.kind_key, g.principal);
    let actions = g
        .actions_added
        .iter()
        .map(|a| format!("action added {a}"))
        .chain(
            g.actions_removed
                .iter()
                .map(|a| format!("action removed {a}")),
        );
    let conditions = g
        .conditions_added
        .iter()
        .map(|c| format!("condition added {}", condition(c)))
        .chain(
            g.conditions_removed
                .iter()
                .map(|c| format!("condition removed {}", condition(c))),
        );
    actions
        .chain(conditions)
        .map(move |what| format!("{who}: {what}"))
}

fn or_none(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(none)")
}

/// The change in one line.
pub fn summary(c: &Change) -> Line {
    use Loudness::*;
    match &c.kind {
        ChangeKind::RoleAdded { .. } => line('+', "added", c.arn.clone(), Alarm),
        ChangeKind::RoleRemoved { .. } => line('-', "removed", c.arn.clone(), Plain),
        ChangeKind::RoleRecreated {
            old_role_id,
            new_role_id,
        } => line(
            '~',
            "recreated",
            format!("RoleId {old_role_id} → {new_role_id}: grants to the old id are dead"),
            Alarm,
        ),
        ChangeKind::TrustChanged { .. } => line('~', "trust policy", "changed".into(), Notice),
        ChangeKind::PolicyAttached { policy_arn } => {
            line('+', "attached", policy_arn.clone(), Notice)
        }
        ChangeKind::PolicyDetached { policy_arn } => {
            line('-', "detached", policy_arn.clone(), Plain)
        }
        ChangeKind::InlinePolicyAdded { name, .. } => {
            line('+', "inline added", name.clone(), Notice)
        }
        ChangeKind::InlinePolicyRemoved { name, .. } => {
            line('-', "inline removed", name.clone(), Plain)
        }
        ChangeKind::InlinePolicyChanged { name, .. } => {
            line('~', "inline changed", name.clone(), Notice)
        }
        ChangeKind::BoundaryChanged { old, new } => line(
            '~',
            "boundary",
            format!("{} → {}", or_none(old), or_none(new)),
            Notice,
        ),
        ChangeKind::DescriptionChanged { old, new } => {
            line('~', "description", format!("{old:?} → {new:?}"), Quiet)
        }
        ChangeKind::MaxSessionDurationChanged { old, new } => {
            line('~', "max session", format!("{old} s → {new} s"), Quiet)
        }
        ChangeKind::ManagedPolicyChanged {
            name,
            old_default_version,
            new_default_version,
            ..
        } => line(
            '~',
            "policy changed",
            format!(
                "{name} ({}): default version {} → {}",
                c.arn,
                or_none(old_default_version),
                or_none(new_default_version)
            ),
            Notice,
        ),
    }
}

/// What the change carries beyond its summary; empty for most kinds.
pub fn details(c: &Change) -> Vec<Line> {
    use Loudness::*;
    let mut lines = Vec::new();
    match &c.kind {
        ChangeKind::RoleAdded {
            trust,
            attached,
            inline,
        } => {
            lines.extend(
                trust
                    .iter()
                    .map(|g| line('+', "NEW ROLE trusts", grant(g), Alarm)),
            );
            lines.extend(
                attached
                    .iter()
                    .map(|a| line('+', "attached", a.clone(), Notice)),
            );
            lines.extend(
                inline
                    .iter()
                    .map(|i| line('+', "inline added", i.clone(), Notice)),
            );
        }
        ChangeKind::RoleRemoved { trust } => {
            lines.extend(trust.iter().map(|g| line('-', "trusted", grant(g), Plain)));
        }
        ChangeKind::TrustChanged {
            principals_added,
            principals_removed,
            principals_changed,
            ..
        } => {
            lines.extend(
                principals_added
                    .iter()
                    .map(|g| line('+', "NEW TRUST", grant(g), Alarm)),
            );
            lines.extend(
                principals_removed
                    .iter()
                    .map(|g| line('-', "trust removed", grant(g), Relief)),
            );
            for g in principals_changed {
                lines.extend(grant_changes(g).map(|d| line('~', "trust changed", d, Notice)));
            }
        }
        ChangeKind::ManagedPolicyChanged {
            versions_added,
            versions_removed,
            used_by_roles,
            ..
        } => {
            let mut list = |mark, label, items: &[String]| {
                if !items.is_empty() {
                    lines.push(line(mark, label, items.join(", "), Notice));
                }
            };
            list('+', "versions added", versions_added);
            list('-', "versions removed", versions_removed);
            list('~', "used by roles", used_by_roles);
        }
        _ => {}
    }
    lines
}

/// The unified diff a change carries, if any.
pub fn diff_of(c: &Change) -> Option<&str> {
    match &c.kind {
        ChangeKind::TrustChanged { diff, .. }
        | ChangeKind::InlinePolicyAdded { diff, .. }
        | ChangeKind::InlinePolicyRemoved { diff, .. }
        | ChangeKind::InlinePolicyChanged { diff, .. }
        | ChangeKind::ManagedPolicyChanged { diff, .. } => {
            Some(diff.as_str()).filter(|d| !d.is_empty())
        }
        _ => None,
    }
}

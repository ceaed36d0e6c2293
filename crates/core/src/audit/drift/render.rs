//! Drift for people: one block per change, unified diffs indented under
//! it. With `color`, new trust principals are bold red (the loudest thing),
//! removed ones green, diff lines red/green/cyan.

use std::io::{self, Write};

use super::{Change, ChangeKind, ConditionRef, Drift, GrantChange, TrustGrant};

const RED_BOLD: &str = "\x1b[1;31m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

fn condition(c: &ConditionRef) -> String {
    format!("{} {} = {}", c.operator, c.key, c.values.join(", "))
}

fn grant(g: &TrustGrant) -> String {
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

fn grant_change(g: &GrantChange) -> Vec<String> {
    let mut lines = Vec::new();
    let who = format!("{} {} {}", g.effect, g.kind_key, g.principal);
    for a in &g.actions_added {
        lines.push(format!("{who}: action added {a}"));
    }
    for a in &g.actions_removed {
        lines.push(format!("{who}: action removed {a}"));
    }
    for c in &g.conditions_added {
        lines.push(format!("{who}: condition added {}", condition(c)));
    }
    for c in &g.conditions_removed {
        lines.push(format!("{who}: condition removed {}", condition(c)));
    }
    lines
}

fn write_diff(out: &mut dyn Write, p: &Painter, diff: &str) -> io::Result<()> {
    for line in diff.lines() {
        let styled = if line.starts_with("+++") || line.starts_with("---") {
            p.paint(BOLD, line)
        } else if line.starts_with('+') {
            p.paint(GREEN, line)
        } else if line.starts_with('-') {
            p.paint(RED, line)
        } else if line.starts_with("@@") {
            p.paint(CYAN, line)
        } else {
            line.to_string()
        };
        writeln!(out, "      {styled}")?;
    }
    Ok(())
}

fn headline(c: &Change) -> String {
    let role = c.role.as_deref().unwrap_or("");
    match &c.kind {
        ChangeKind::RoleAdded { .. } => format!("+ role {role} added ({})", c.arn),
        ChangeKind::RoleRemoved { .. } => format!("- role {role} removed ({})", c.arn),
        ChangeKind::RoleRecreated {
            old_role_id,
            new_role_id,
        } => format!("~ role {role} recreated: RoleId {old_role_id} → {new_role_id}"),
        ChangeKind::TrustChanged { .. } => format!("~ role {role}: trust policy changed"),
        ChangeKind::PolicyAttached { policy_arn } => {
            format!("~ role {role}: attached {policy_arn}")
        }
        ChangeKind::PolicyDetached { policy_arn } => {
            format!("~ role {role}: detached {policy_arn}")
        }
        ChangeKind::InlinePolicyAdded { name, .. } => {
            format!("~ role {role}: inline policy {name} added")
        }
        ChangeKind::InlinePolicyRemoved { name, .. } => {
            format!("~ role {role}: inline policy {name} removed")
        }
        ChangeKind::InlinePolicyChanged { name, .. } => {
            format!("~ role {role}: inline policy {name} changed")
        }
        ChangeKind::BoundaryChanged { old, new } => format!(
            "~ role {role}: permissions boundary {} → {}",
            old.as_deref().unwrap_or("(none)"),
            new.as_deref().unwrap_or("(none)")
        ),
        ChangeKind::DescriptionChanged { old, new } => {
            format!("~ role {role}: description {old:?} → {new:?}")
        }
        ChangeKind::MaxSessionDurationChanged { old, new } => {
            format!("~ role {role}: MaxSessionDuration {old}s → {new}s")
        }
        ChangeKind::ManagedPolicyChanged {
            name,
            old_default_version,
            new_default_version,
            ..
        } => format!(
            "~ managed policy {name} ({}): default version {} → {}",
            c.arn,
            old_default_version.as_deref().unwrap_or("(none)"),
            new_default_version.as_deref().unwrap_or("(none)")
        ),
    }
}

/// Writes the drift for a person; `color` adds ANSI colours.
pub fn render_human(drift: &Drift, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = Painter { color };
    let when = |s: &super::Side| match &s.captured_at {
        Some(t) => format!("{} ({t})", s.origin),
        None => s.origin.clone(),
    };
    let n = drift.changes.len();
    writeln!(
        out,
        "{}",
        p.paint(
            BOLD,
            &format!(
                "Drift in account {}: {} → {}: {n} change{}",
                drift.account_id,
                when(&drift.old),
                when(&drift.new),
                if n == 1 { "" } else { "s" }
            )
        )
    )?;
    for c in &drift.changes {
        writeln!(out)?;
        writeln!(out, "{}", p.paint(BOLD, &headline(c)))?;
        match &c.kind {
            ChangeKind::RoleAdded {
                trust,
                attached,
                inline,
            } => {
                for g in trust {
                    writeln!(
                        out,
                        "    {}",
                        p.paint(RED_BOLD, &format!("trusts {}", grant(g)))
                    )?;
                }
                for a in attached {
                    writeln!(out, "    attached {a}")?;
                }
                for i in inline {
                    writeln!(out, "    inline policy {i}")?;
                }
            }
            ChangeKind::RoleRemoved { trust } => {
                for g in trust {
                    writeln!(out, "    trusted {}", grant(g))?;
                }
            }
            ChangeKind::TrustChanged {
                principals_added,
                principals_removed,
                principals_changed,
                diff,
            } => {
                for g in principals_added {
                    let line = format!("+ NEW TRUST: {}", grant(g));
                    writeln!(out, "    {}", p.paint(RED_BOLD, &line))?;
                }
                for g in principals_removed {
                    let line = format!("- no longer trusts {}", grant(g));
                    writeln!(out, "    {}", p.paint(GREEN, &line))?;
                }
                for g in principals_changed {
                    for line in grant_change(g) {
                        writeln!(out, "    ~ {line}")?;
                    }
                }
                write_diff(out, &p, diff)?;
            }
            ChangeKind::InlinePolicyAdded { diff, .. }
            | ChangeKind::InlinePolicyRemoved { diff, .. }
            | ChangeKind::InlinePolicyChanged { diff, .. } => write_diff(out, &p, diff)?,
            ChangeKind::ManagedPolicyChanged {
                versions_added,
                versions_removed,
                used_by_roles,
                diff,
                ..
            } => {
                if !versions_added.is_empty() {
                    writeln!(out, "    versions added: {}", versions_added.join(", "))?;
                }
                if !versions_removed.is_empty() {
                    writeln!(out, "    versions removed: {}", versions_removed.join(", "))?;
                }
                if !used_by_roles.is_empty() {
                    writeln!(out, "    used by roles: {}", used_by_roles.join(", "))?;
                }
                write_diff(out, &p, diff)?;
            }
            _ => {}
        }
    }
    Ok(())
}

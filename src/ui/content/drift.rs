//! The Drift tab: what changed on a role since the baseline snapshot. New
//! trust principals come first and loudest.

use serde_json::Value;

use super::{Cell, DocRef, Row, TabContent, Tone, Width, col};
use crate::audit::drift::{Change, ChangeKind, Drift, TrustGrant};

/// Changes per role ARN, from one comparison with the baseline.
#[derive(Debug, Clone, Default)]
pub struct DriftIndex {
    pub drift: Option<Drift>,
}

impl DriftIndex {
    pub fn changes_of<'a>(&'a self, role_arn: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.drift
            .iter()
            .flat_map(|d| d.changes.iter())
            .filter(move |c| c.role.is_some() && c.arn == role_arn)
    }

    /// The list badge: `NEW TRUST` when a principal was added to the trust
    /// policy (or the role is new), else `changed`.
    pub fn badge(&self, role_arn: &str) -> Option<(&'static str, Tone)> {
        let mut changed = false;
        for change in self.changes_of(role_arn) {
            match &change.kind {
                ChangeKind::RoleAdded { .. } => return Some(("NEW ROLE", Tone::Danger)),
                ChangeKind::TrustChanged {
                    principals_added, ..
                } if !principals_added.is_empty() => return Some(("NEW TRUST", Tone::Danger)),
                _ => changed = true,
            }
        }
        changed.then_some(("changed", Tone::Warn))
    }
}

fn grant_text(g: &TrustGrant) -> String {
    let mut text = format!(
        "{} {} {} ({})",
        g.effect,
        g.kind,
        g.principal,
        g.actions.join(", ")
    );
    for c in &g.conditions {
        text.push_str(&format!(
            " when {} {} {}",
            c.operator,
            c.key,
            c.values.join(" | ")
        ));
    }
    text
}

pub(super) fn role(drift: &DriftIndex, role_arn: &str) -> TabContent {
    let mut rows = Vec::new();
    let mut owned_docs = Vec::new();
    let mut push =
        |rows: &mut Vec<Row>, tone: Tone, what: &str, detail: String, diff: Option<&str>| {
            let doc = diff.filter(|d| !d.is_empty()).map(|d| {
                owned_docs.push(Value::String(d.to_string()));
                DocRef::Owned(owned_docs.len() - 1)
            });
            rows.push(Row {
                cells: vec![Cell::new(what, tone), Cell::plain(&detail)],
                note: vec![detail],
                doc,
                ..Row::default()
            });
        };
    for change in drift.changes_of(role_arn) {
        match &change.kind {
            ChangeKind::RoleAdded { trust, .. } => {
                for g in trust {
                    push(
                        &mut rows,
                        Tone::Danger,
                        "NEW ROLE trusts",
                        grant_text(g),
                        None,
                    );
                }
            }
            ChangeKind::TrustChanged {
                principals_added,
                principals_removed,
                principals_changed,
                diff,
            } => {
                for g in principals_added {
                    push(
                        &mut rows,
                        Tone::Danger,
                        "NEW TRUST",
                        grant_text(g),
                        Some(diff),
                    );
                }
                for g in principals_removed {
                    push(
                        &mut rows,
                        Tone::Good,
                        "trust removed",
                        grant_text(g),
                        Some(diff),
                    );
                }
                for g in principals_changed {
                    let detail = format!(
                        "{} {} {}: actions or conditions changed",
                        g.effect, g.kind, g.principal
                    );
                    push(&mut rows, Tone::Warn, "trust changed", detail, Some(diff));
                }
            }
            ChangeKind::PolicyAttached { policy_arn } => {
                push(&mut rows, Tone::Warn, "attached", policy_arn.clone(), None)
            }
            ChangeKind::PolicyDetached { policy_arn } => push(
                &mut rows,
                Tone::Accent,
                "detached",
                policy_arn.clone(),
                None,
            ),
            ChangeKind::InlinePolicyAdded { name, diff } => push(
                &mut rows,
                Tone::Warn,
                "inline added",
                name.clone(),
                Some(diff),
            ),
            ChangeKind::InlinePolicyRemoved { name, diff } => push(
                &mut rows,
                Tone::Accent,
                "inline removed",
                name.clone(),
                Some(diff),
            ),
            ChangeKind::InlinePolicyChanged { name, diff } => push(
                &mut rows,
                Tone::Warn,
                "inline changed",
                name.clone(),
                Some(diff),
            ),
            ChangeKind::BoundaryChanged { old, new } => {
                let detail = format!(
                    "{} → {}",
                    old.as_deref().unwrap_or("none"),
                    new.as_deref().unwrap_or("none")
                );
                push(&mut rows, Tone::Warn, "boundary", detail, None)
            }
            ChangeKind::RoleRecreated {
                old_role_id,
                new_role_id,
            } => push(
                &mut rows,
                Tone::Danger,
                "recreated",
                format!("role id {old_role_id} → {new_role_id}: grants to the old id are dead"),
                None,
            ),
            ChangeKind::DescriptionChanged { old, new } => push(
                &mut rows,
                Tone::Dim,
                "description",
                format!("{old:?} → {new:?}"),
                None,
            ),
            ChangeKind::MaxSessionDurationChanged { old, new } => push(
                &mut rows,
                Tone::Dim,
                "max session",
                format!("{old} s → {new} s"),
                None,
            ),
            ChangeKind::RoleRemoved { .. } | ChangeKind::ManagedPolicyChanged { .. } => {}
        }
    }
    // New trust first: it is what an auditor must see.
    rows.sort_by_key(|r| r.cells[0].tone != Tone::Danger);
    TabContent {
        columns: vec![col("Change", Width::Fixed(16)), col("What", Width::Fill(1))],
        rows,
        doc_title: "Diff against the baseline".into(),
        empty_text: "No change since the baseline snapshot.",
        owned_docs: super::OwnedDocs::made(owned_docs),
        ..TabContent::default()
    }
}

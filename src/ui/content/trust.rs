//! The Trust tab: one row per principal of the role's trust policy.

use super::{Cell, Column, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::model::{DocRef, Model};
use crate::policy::{Effect, PrincipalKind};

fn kind_tone(kind: &PrincipalKind) -> Tone {
    match kind {
        PrincipalKind::Any | PrincipalKind::UniqueId(_) => Tone::Danger,
        PrincipalKind::Unknown | PrincipalKind::CanonicalUser => Tone::Warn,
        PrincipalKind::Service => Tone::Good,
        _ => Tone::Accent,
    }
}

pub(super) fn role_trust(model: &Model, r: usize) -> TabContent {
    let role = &model.roles[r];
    let account_id = model.accounts[role.account].account_id.as_str();
    let rows = role
        .trust_rows
        .iter()
        .map(|t| {
            let mut kind = t.kind.label().to_string();
            if t.negated {
                kind = format!("NOT {kind}");
            }
            let effect_tone = if t.effect == Effect::Deny || t.negated {
                Tone::Danger
            } else {
                Tone::Good
            };
            let effect = match t.effect {
                Effect::Allow => "allow",
                Effect::Deny => "DENY",
            };
            let conditions: Vec<String> = t.conditions.iter().map(|c| c.text.clone()).collect();
            let summary = if conditions.is_empty() {
                "unconditional".to_string()
            } else {
                conditions.join("; ")
            };
            let verb = if t.effect == Effect::Deny { "denied" } else { "allowed" };
            let actions = if t.actions.is_empty() {
                "no action".to_string()
            } else {
                t.actions.join(", ")
            };
            let mut note = vec![format!("{} — {verb} {actions}", t.principal)];
            if t.negated {
                note.push("NotPrincipal is not allowed in a role trust policy: AWS rejects it; this document was not written by IAM.".into());
            }
            if let PrincipalKind::UniqueId(_) = t.kind {
                note.push("A bare unique id means the principal was deleted: this grant is dead, even if a principal of the same name exists again.".into());
            }
            note.extend(conditions.iter().map(|c| format!("  • {c}")));
            let target = model.resolve(&t.principal, role.account);
            Row {
                drill: None,
                open_at: None,
                doc_title: None,
                cells: vec![
                    Cell::new(effect, effect_tone),
                    Cell::new(kind, kind_tone(&t.kind)),
                    Cell::plain(super::short_arn(&t.principal, account_id)),
                    Cell::new(t.actions.join(", "), Tone::Dim),
                    Cell::new(summary, if conditions.is_empty() { Tone::Dim } else { Tone::Warn }),
                ],
                target,
                arn: Some(t.principal.clone()),
                doc: None,
                note,
            }
        })
        .collect();
    TabContent {
        columns: vec![
            col("Effect", Width::Fixed(6)),
            col("Kind", Width::Fixed(20)),
            col("Principal", Width::Fill(3)),
            Column {
                hide_below: 100,
                ..col("Actions", Width::Fill(2))
            },
            col("Conditions", Width::Fill(3)),
        ],
        rows,
        fixed_doc: role
            .trust
            .as_ref()
            .map(|_| PaneDoc::Model(DocRef::Trust(r))),
        doc_title: "Trust policy".into(),
        empty_text: "This role's trust policy names no principal.",
        ..TabContent::default()
    }
}

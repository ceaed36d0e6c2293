//! The Drift tab: what changed on a role since the baseline snapshot. New
//! trust principals come first and loudest.

use serde_json::Value;

use super::{Cell, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::audit::drift::wording::{self, Loudness};
use crate::audit::drift::{Change, ChangeKind, Drift};

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

fn tone(loudness: Loudness) -> Tone {
    match loudness {
        Loudness::Alarm => Tone::Danger,
        Loudness::Notice => Tone::Warn,
        Loudness::Relief => Tone::Good,
        Loudness::Plain => Tone::Accent,
        Loudness::Quiet => Tone::Dim,
    }
}

/// One row per detail line of each change (its summary when it has none),
/// worded as `rolecall diff` words them.
pub(super) fn role(drift: &DriftIndex, role_arn: &str) -> TabContent {
    let mut rows = Vec::new();
    let mut owned_docs = Vec::new();
    for change in drift.changes_of(role_arn) {
        let doc = wording::diff_of(change).map(|d| {
            owned_docs.push(Value::String(d.to_string()));
            PaneDoc::Owned(owned_docs.len() - 1)
        });
        let mut lines = wording::details(change);
        if lines.is_empty() {
            lines.push(wording::summary(change));
        }
        for line in lines {
            rows.push(Row {
                cells: vec![
                    Cell::new(line.label, tone(line.loudness)),
                    Cell::plain(&line.detail),
                ],
                note: vec![line.detail],
                doc,
                ..Row::default()
            });
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

//! The Findings tab: what the audit found on one role, most severe first.

use std::collections::BTreeMap;

use super::super::nav::Tab;
use super::super::risk::RiskIndex;
use super::{Cell, Row, TabContent, Tone, Width, col};
use crate::audit::{Severity, rule};
use crate::model::{EntityRef, Model};

/// The badge tone of a severity (the word is always shown too).
pub fn severity_tone(severity: Severity) -> Tone {
    match severity {
        Severity::High => Tone::Danger,
        Severity::Medium => Tone::Warn,
        Severity::Low => Tone::Accent,
        Severity::Info => Tone::Dim,
    }
}

pub(super) fn role(risk: &RiskIndex, role: usize) -> TabContent {
    let rows = risk
        .findings(role)
        .iter()
        .map(|f| Row {
            cells: vec![
                Cell::new(f.severity.as_str(), severity_tone(f.severity)),
                Cell::new(f.id, Tone::Accent),
                Cell::plain(&f.title),
                Cell::new(f.location.describe(), Tone::Dim),
            ],
            arn: Some(f.arn.clone()),
            note: vec![f.explanation.clone(), format!("Fix: {}", f.fix)],
            ..Row::default()
        })
        .collect();
    TabContent {
        columns: vec![
            col("Severity", Width::Fixed(8)),
            col("Id", Width::Fixed(15)),
            col("Finding", Width::Fill(3)),
            col("Where", Width::Fill(2)),
        ],
        rows,
        empty_text: if risk.ready {
            "No finding on this role."
        } else {
            "Auditing the account… the findings appear here when it is done."
        },
        ..TabContent::default()
    }
}

/// Every finding of the loaded accounts, grouped by id (most severe ids
/// first) with a count; each finding row opens its role's Findings tab on it.
pub fn overview(model: &Model, risk: &RiskIndex) -> TabContent {
    // (most severe first, id) → (role, position in the role's findings).
    type Group<'a> = (std::cmp::Reverse<Severity>, &'a str);
    let mut groups: BTreeMap<Group, Vec<(usize, usize)>> = BTreeMap::new();
    for (role, findings) in risk.by_role.iter().enumerate() {
        for (at, f) in findings.iter().enumerate() {
            groups
                .entry((std::cmp::Reverse(f.severity), f.id))
                .or_default()
                .push((role, at));
        }
    }
    let mut rows = Vec::new();
    for ((std::cmp::Reverse(severity), id), hits) in groups {
        let title = rule(id).map(|r| r.title.to_string()).unwrap_or_default();
        rows.push(Row {
            cells: vec![
                Cell::new(severity.as_str(), severity_tone(severity)),
                Cell::new(id, Tone::Accent),
                Cell::new(title.clone(), Tone::Normal),
                Cell::new(format!("{} role(s)", hits.len()), Tone::Warn),
            ],
            note: vec![format!("{} role(s) with {id}: {title}", hits.len())],
            ..Row::default()
        });
        for (role, at) in hits {
            let f = &risk.by_role[role][at];
            rows.push(Row {
                cells: vec![
                    Cell::new("", Tone::Dim),
                    Cell::new("", Tone::Dim),
                    Cell::plain(format!("  {}", model.roles[role].detail.role_name)),
                    Cell::new(f.location.describe(), Tone::Dim),
                ],
                target: Some(EntityRef::Role(role)),
                open_at: Some((Tab::Findings, at)),
                arn: Some(f.arn.clone()),
                note: vec![f.explanation.clone(), format!("Fix: {}", f.fix)],
                ..Row::default()
            });
        }
    }
    TabContent {
        columns: vec![
            col("Severity", Width::Fixed(8)),
            col("Id", Width::Fixed(15)),
            col("Finding / role", Width::Fill(3)),
            col("Where", Width::Fill(2)),
        ],
        rows,
        empty_text: if risk.ready {
            "No finding in the loaded accounts."
        } else {
            "Auditing the account… the findings appear here when it is done."
        },
        ..TabContent::default()
    }
}

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

/// Where a finding of the overview is: a role's (with its position in the
/// role's Findings tab) or another subject's.
#[derive(Clone, Copy)]
enum Hit {
    Role(usize, usize),
    Other(usize),
}

/// `user alice`, `group devs`, `policy Admin`; a role by its name.
fn subject_name(model: &Model, entity: EntityRef) -> String {
    let kind = match entity {
        EntityRef::Role(_) => return model.name_of(entity).to_string(),
        EntityRef::User(_) => "user",
        EntityRef::Group(_) => "group",
        EntityRef::Policy(_) => "policy",
    };
    format!("{kind} {}", model.name_of(entity))
}

/// Every finding of the loaded accounts, grouped by id (most severe ids
/// first) with a count; a role's finding row opens the role's Findings tab
/// on it, a user's, group's or policy's row opens that entity's page.
pub fn overview(model: &Model, risk: &RiskIndex) -> TabContent {
    type Group<'a> = (std::cmp::Reverse<Severity>, &'a str);
    let mut groups: BTreeMap<Group, Vec<Hit>> = BTreeMap::new();
    for (role, findings) in risk.by_role.iter().enumerate() {
        for (at, f) in findings.iter().enumerate() {
            groups
                .entry((std::cmp::Reverse(f.severity), f.id))
                .or_default()
                .push(Hit::Role(role, at));
        }
    }
    for (at, f) in risk.others.iter().enumerate() {
        groups
            .entry((std::cmp::Reverse(f.severity), f.id))
            .or_default()
            .push(Hit::Other(at));
    }
    let mut rows = Vec::new();
    for ((std::cmp::Reverse(severity), id), hits) in groups {
        let title = rule(id).map(|r| r.title.to_string()).unwrap_or_default();
        rows.push(Row {
            cells: vec![
                Cell::new(severity.as_str(), severity_tone(severity)),
                Cell::new(id, Tone::Accent),
                Cell::new(title.clone(), Tone::Normal),
                Cell::new(format!("{} finding(s)", hits.len()), Tone::Warn),
            ],
            note: vec![format!("{} finding(s) of {id}: {title}", hits.len())],
            ..Row::default()
        });
        for hit in hits {
            let (f, open_at) = match hit {
                Hit::Role(role, at) => (&risk.by_role[role][at], Some((Tab::Findings, at))),
                Hit::Other(at) => (&risk.others[at], None),
            };
            rows.push(Row {
                cells: vec![
                    Cell::new("", Tone::Dim),
                    Cell::new("", Tone::Dim),
                    Cell::plain(format!("  {}", subject_name(model, f.entity))),
                    Cell::new(f.location.describe(), Tone::Dim),
                ],
                target: Some(f.entity),
                open_at,
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
            col("Finding / subject", Width::Fill(3)),
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

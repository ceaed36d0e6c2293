//! The Findings tab: what the audit found on one role, most severe first.

use super::{Cell, Row, TabContent, Tone, Width, col};
use crate::audit::{Finding, Severity};

/// The badge tone of a severity (the word is always shown too).
pub fn severity_tone(severity: Severity) -> Tone {
    match severity {
        Severity::High => Tone::Danger,
        Severity::Medium => Tone::Warn,
        Severity::Low => Tone::Accent,
        Severity::Info => Tone::Dim,
    }
}

pub(super) fn role(findings: &[Finding]) -> TabContent {
    let rows = findings
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
        empty_text: "No finding on this role.",
        ..TabContent::default()
    }
}

//! The findings as a table for people: one line per finding (severity, id,
//! subject, where, title; a subject other than a role is named with its
//! kind, `user alice`), the explanation under it, and a summary line.

use std::io::{self, Write};

use super::{Summary, kind_of};
use crate::audit::{Finding, Severity};
use crate::model::{EntityRef, Model};
use crate::text::{escape_controls, escape_controls_line};

fn paint(color: bool, severity: Severity, text: &str) -> String {
    if !color {
        return text.to_string();
    }
    let code = match severity {
        Severity::High => "1;31",
        Severity::Medium => "33",
        Severity::Low => "36",
        Severity::Info => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// A role by its name (as before), anything else as `user alice`.
fn subject(model: &Model, entity: EntityRef) -> String {
    let name = escape_controls_line(model.name_of(entity));
    match entity {
        EntityRef::Role(_) => name.into_owned(),
        other => format!("{} {name}", kind_of(other)),
    }
}

pub fn write_table(
    model: &Model,
    findings: &[Finding],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if findings.is_empty() {
        return writeln!(out, "No findings.");
    }
    let rows: Vec<[String; 4]> = findings
        .iter()
        .map(|f| {
            [
                f.severity.as_str().to_string(),
                f.id.to_string(),
                subject(model, f.entity),
                escape_controls_line(&f.location.describe()).into_owned(),
            ]
        })
        .collect();
    let headers = ["SEVERITY", "ID", "SUBJECT", "WHERE"];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].len()])
                .max()
                .unwrap_or(0)
                .min(if i == 3 { 60 } else { 48 })
        })
        .collect();
    let pad = |text: &str, w: usize| format!("{text:<w$}");
    writeln!(
        out,
        "{}  {}  {}  {}  TITLE",
        pad(headers[0], widths[0]),
        pad(headers[1], widths[1]),
        pad(headers[2], widths[2]),
        pad(headers[3], widths[3])
    )?;
    for (f, r) in findings.iter().zip(&rows) {
        writeln!(
            out,
            "{}  {}  {}  {}  {}",
            paint(color, f.severity, &pad(&r[0], widths[0])),
            pad(&r[1], widths[1]),
            pad(&r[2], widths[2]),
            pad(&r[3], widths[3]),
            f.title
        )?;
        // Explanations quote the statement's values: untrusted.
        writeln!(out, "    {}", escape_controls(&f.explanation))?;
    }
    let s = Summary::of(findings);
    writeln!(
        out,
        "\n{} finding{}: {} high, {} medium, {} low, {} info",
        s.total,
        if s.total == 1 { "" } else { "s" },
        s.high,
        s.medium,
        s.low,
        s.info
    )
}

//! The findings as a report: a table for people, JSON for scripts, SARIF
//! 2.1.0 for code-scanning tools.

mod json;
mod sarif;
mod table;

use std::io::{self, Write};
use std::str::FromStr;

pub use json::{JsonReport, json_report, kind_of};
pub use sarif::sarif_report;
pub use table::write_table;

use super::{Finding, Severity};
use crate::model::Model;

/// How to print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    #[default]
    Table,
    Json,
    Sarif,
}

impl FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(ReportFormat::Table),
            "json" => Ok(ReportFormat::Json),
            "sarif" => Ok(ReportFormat::Sarif),
            other => Err(format!(
                "unknown format {other:?}: use table, json or sarif"
            )),
        }
    }
}

/// Findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub info: usize,
    pub total: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::High => s.high += 1,
                Severity::Medium => s.medium += 1,
                Severity::Low => s.low += 1,
                Severity::Info => s.info += 1,
            }
            s.total += 1;
        }
        s
    }
}

/// Writes the findings in `format`; `color` only affects the table.
pub fn write_report(
    model: &Model,
    findings: &[Finding],
    format: ReportFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Table => write_table(model, findings, color, out),
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_report(model, findings))?;
            writeln!(out)
        }
        ReportFormat::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif_report(model, findings))?;
            writeln!(out)
        }
    }
}

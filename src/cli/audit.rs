//! `rolecall audit`: findings as a table, JSON or SARIF, for people and CI.
//! Exit status: 0, or 1 when `--fail-on SEVERITY` is given and a reported
//! finding is at or above it; 2 on errors (the caller maps `Err` to 2).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::input::{InputArgs, InputError};
use crate::audit::report::{ReportFormat, write_report};
use crate::audit::{AuditOptions, Severity, all_findings, baseline};
use crate::model::{self, Model};
use crate::source::live::LiveOptions;
use crate::source::{self, LoadError, SourceSpec};

/// The arguments of `rolecall audit`.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: table, json or sarif (SARIF 2.1.0, for code scanning).
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    pub format: ReportFormat,
    /// Same as --format json.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 1 when a reported finding is at or above this
    /// severity (high, medium, low, info).
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,
    /// Leave out findings below this severity.
    #[arg(long, value_name = "SEVERITY", default_value = "info")]
    pub min_severity: Severity,
    /// Report only findings that are new since this earlier snapshot (same
    /// id, role ARN and policy/statement). With --demo and no FILE: the
    /// demo's snapshot from 30 days earlier.
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub baseline: Option<Option<PathBuf>>,
    /// Account ids that are yours: trusting them needs no sts:ExternalId.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub own_accounts: Vec<String>,
    /// A file listing your account ids, one per line (`#` starts a comment).
    #[arg(long, value_name = "FILE")]
    pub own_accounts_file: Option<PathBuf>,
    /// Report roles unused for this many days or more.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    pub unused_days: u32,
}

/// Everything `run_audit` needs besides the model.
#[derive(Debug, Clone, Default)]
pub struct AuditRun {
    pub options: AuditOptions,
    pub format: ReportFormat,
    pub fail_on: Option<Severity>,
    /// Findings of this model are left out of the report.
    pub baseline: Option<Model>,
    /// ANSI colours in the table (see `cli::diff::color_wanted`).
    pub color: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("cannot read the baseline: {0}")]
    Baseline(#[from] LoadError),
    #[error("--baseline needs a FILE unless --demo is given")]
    BaselineNeedsFile,
    #[error("cannot read the own-accounts file {path}: {source}")]
    OwnAccounts {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
}

/// Audits `model`, prints the report, and returns the exit status.
pub fn run_audit(model: &Model, run: &AuditRun, out: &mut dyn Write) -> Result<i32, AuditError> {
    let mut findings = every_finding(model, &run.options);
    if let Some(base) = &run.baseline {
        findings = baseline::new_since(findings, &every_finding(base, &run.options));
    }
    write_report(model, &findings, run.format, run.color, out)?;
    out.flush()?;
    let failed = run
        .fail_on
        .is_some_and(|limit| findings.iter().any(|f| f.severity >= limit));
    Ok(i32::from(failed))
}

/// The audit's findings and the escalation findings (issue 11), which
/// need the escalation graph of the whole model, above the minimum
/// severity.
fn every_finding(model: &Model, options: &AuditOptions) -> Vec<crate::audit::Finding> {
    let mut findings = all_findings(model, options);
    let index = crate::analysis::assume::AssumeIndex::build(model);
    let graph = crate::analysis::escalation::graph(model, &index);
    findings.extend(
        crate::audit::escalation_findings(model, &graph)
            .into_iter()
            .filter(|f| f.severity >= options.min_severity),
    );
    findings
}

/// Account ids from a file: one per line, `#` comments, blanks ignored.
pub fn read_own_accounts(path: &Path) -> Result<Vec<String>, AuditError> {
    let text = std::fs::read_to_string(path).map_err(|source| AuditError::OwnAccounts {
        path: path.display().to_string(),
        source,
    })?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

impl AuditArgs {
    /// The options these arguments ask for (reads --own-accounts-file).
    pub fn run_options(&self, color: bool) -> Result<AuditRun, AuditError> {
        let mut own = self.own_accounts.clone();
        if let Some(path) = &self.own_accounts_file {
            own.extend(read_own_accounts(path)?);
        }
        let baseline = match &self.baseline {
            None => None,
            Some(None) => {
                if !self.input.demo {
                    return Err(AuditError::BaselineNeedsFile);
                }
                Some(model::build(vec![source::demo::earlier()?]))
            }
            Some(Some(path)) => Some(super::progress::load_model(&SourceSpec::Files(vec![
                path.clone(),
            ]))?),
        };
        let format = if self.json {
            ReportFormat::Json
        } else {
            self.format
        };
        Ok(AuditRun {
            options: AuditOptions {
                own_accounts: own,
                unused_days: self.unused_days,
                min_severity: self.min_severity,
            },
            format,
            fail_on: self.fail_on,
            baseline,
            color: color && format == ReportFormat::Table,
        })
    }

    /// Loads the accounts (the live one the way `live` says), audits them
    /// and prints; returns the exit status.
    pub fn run(
        &self,
        color: bool,
        live: &LiveOptions,
        out: &mut dyn Write,
    ) -> Result<i32, AuditError> {
        let model = self.input.load_model_with(live)?;
        let run = self.run_options(color)?;
        run_audit(&model, &run, out)
    }
}

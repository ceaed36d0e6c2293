//! `rolecall can PRINCIPAL ACTION [RESOURCE]` and `rolecall who-can ACTION
//! [RESOURCE]`: the any-action evaluator for scripts, offline.
//!
//! JSON (documented in README.md; keys are kept):
//! - `can`: `{"principal", "action", "resource", "verdict", "alternatives":
//!   [[{"key", "operator", "values", "text"}]], "unless": [..], "reasons",
//!   "via": [{"side", "policy", "statement", "sid"}], "resource_policy",
//!   "catalogue": {"version", "updated"}}`;
//! - `who-can`: `{"action", "resource", "principals": [{"principal", "kind",
//!   "action", "verdict", "alternatives", "unless", "reasons", "via"}]}`.

use std::io::Write;

use serde::Serialize;

use crate::analysis::assume::{AssumeIndex, Caller, Decision, Verdict, who_can_assume};
use crate::analysis::eval::{Batch, Request, evaluate};
use crate::catalogue::Catalogue;
use crate::model::{EntityRef, Model};
use crate::policy::RequestContext;
use crate::text::escape_controls_line;

use super::assume::{AssumeCliError, decision_out, detail_text, verdict_cell, write_table};

/// More actions than this in one `who-can` pattern is an error: the
/// answer would be unreadable and slow; narrow the pattern.
const MAX_EXPANDED: usize = 400;

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("{0}")]
    BadInput(String),
    #[error(transparent)]
    Assume(#[from] AssumeCliError),
    #[error("could not write the output: {0}")]
    Write(#[from] std::io::Error),
}

/// `KEY=VALUE` pairs into a context; a key given twice has both values.
pub fn parse_context(pairs: &[String]) -> Result<RequestContext, QueryError> {
    let mut values: Vec<(String, Vec<String>)> = Vec::new();
    for pair in pairs {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(QueryError::BadInput(format!(
                "--context {pair:?} is not KEY=VALUE (for example --context aws:SourceIp=10.0.0.1)"
            )));
        };
        let k = k.trim();
        if k.is_empty() {
            return Err(QueryError::BadInput(format!(
                "--context {pair:?} has no key"
            )));
        }
        match values.iter_mut().find(|(x, _)| x.eq_ignore_ascii_case(k)) {
            Some((_, list)) => list.push(v.to_string()),
            None => values.push((k.to_string(), vec![v.to_string()])),
        }
    }
    let mut ctx = RequestContext::new();
    for (k, v) in values {
        ctx.set(&k, v);
    }
    Ok(ctx)
}

fn unknown_action(cat: &Catalogue, action: &str) -> QueryError {
    let close = cat.suggest(action, 3);
    let hint = if close.is_empty() {
        "check the spelling (service:Action, e.g. s3:GetObject)".to_string()
    } else {
        format!("did you mean {}?", close.join(", "))
    };
    QueryError::BadInput(format!(
        "{action:?} is not an action of any AWS service in rolecall's catalogue ({} {}); {hint}",
        cat.meta.package, cat.meta.version
    ))
}

/// The action as AWS spells it, or an error that suggests the closest.
pub fn canonical_action(action: &str) -> Result<String, QueryError> {
    let cat = Catalogue::get();
    if action.contains(['*', '?']) {
        return Err(QueryError::BadInput(format!(
            "{action:?} has a wildcard; `can` asks about one action (use `rolecall who-can` for patterns)"
        )));
    }
    cat.action_id(action)
        .map(|id| cat.full_name(id))
        .ok_or_else(|| unknown_action(cat, action))
}

#[derive(Serialize)]
struct CatalogueOut<'a> {
    version: &'a str,
    updated: &'a str,
}

fn catalogue_out(cat: &Catalogue) -> CatalogueOut<'_> {
    CatalogueOut {
        version: &cat.meta.version,
        updated: &cat.meta.updated,
    }
}

/// Prints one verdict; returns the exit status (0 allowed, 1 otherwise).
pub fn can_report(
    model: &Model,
    principal: &Caller,
    action: &str,
    resource: &str,
    context: &RequestContext,
    json: bool,
    out: &mut dyn Write,
) -> Result<i32, QueryError> {
    let action = canonical_action(action)?;
    let index = AssumeIndex::build(model);
    let d = evaluate(
        model,
        &index,
        &Request {
            principal: principal.clone(),
            action: &action,
            resource,
            context,
        },
    );
    let label = principal.label(model);
    if json {
        #[derive(Serialize)]
        struct Report<'a> {
            principal: &'a str,
            action: &'a str,
            resource: &'a str,
            #[serde(flatten)]
            decision: super::assume::DecisionOut<'a>,
            resource_policy: &'static str,
            catalogue: CatalogueOut<'a>,
        }
        let report = Report {
            principal: &label,
            action: &action,
            resource,
            decision: decision_out(&d),
            resource_policy: d.resource_policy.as_str(),
            catalogue: catalogue_out(Catalogue::get()),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
    } else {
        write_verdict(out, &label, &action, resource, &d)?;
    }
    Ok(if d.verdict == Verdict::Allowed { 0 } else { 1 })
}

fn write_verdict(
    out: &mut dyn Write,
    label: &str,
    action: &str,
    resource: &str,
    d: &Decision,
) -> std::io::Result<()> {
    let line = |s: &str| escape_controls_line(s).into_owned();
    writeln!(
        out,
        "{} {}: {} {action} on {}",
        d.verdict.symbol(),
        d.verdict.as_str().to_uppercase(),
        line(label),
        line(resource)
    )?;
    if !d.alternatives.is_empty() {
        writeln!(out, "\nAllowed if one of:")?;
        for (n, alt) in d.alternatives.iter().enumerate() {
            let texts: Vec<String> = alt.iter().map(|c| line(&c.text)).collect();
            writeln!(out, "  {}. {}", n + 1, texts.join(" and "))?;
        }
    }
    if !d.unless.is_empty() {
        writeln!(out, "\nUnless:")?;
        for c in &d.unless {
            writeln!(out, "  - {}", line(&c.text))?;
        }
    }
    if !d.readings.is_empty() {
        writeln!(out, "\nReadings:")?;
        for r in &d.readings {
            writeln!(out, "  - {}", line(r))?;
        }
    }
    writeln!(out, "\nWhy:")?;
    for r in &d.reasons {
        writeln!(out, "  - {}", line(r))?;
    }
    if !d.via.is_empty() {
        writeln!(out, "\nStatements:")?;
        for v in &d.via {
            let sid = v
                .sid
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {} {} {}, statement {}{}",
                v.effect.as_str(),
                v.side.as_str(),
                line(&v.policy),
                v.statement,
                line(&sid)
            )?;
        }
    }
    Ok(())
}

/// One row of `who-can`.
pub struct WhoCanRow {
    pub label: String,
    pub kind: &'static str,
    pub action: String,
    pub decision: std::sync::Arc<Decision>,
}

/// The actions a `who-can` pattern names.
fn expand_actions(pattern: &str) -> Result<Vec<String>, QueryError> {
    let cat = Catalogue::get();
    if !pattern.contains(['*', '?']) {
        return Ok(vec![canonical_action(pattern)?]);
    }
    let e = cat.expand(pattern);
    if e.actions.is_empty() {
        return Err(QueryError::BadInput(format!(
            "{pattern:?} matches no action in rolecall's catalogue{}",
            if e.unknown_service {
                " (no such service)"
            } else {
                ""
            }
        )));
    }
    if e.actions.len() > MAX_EXPANDED {
        return Err(QueryError::BadInput(format!(
            "{pattern:?} matches {} actions; narrow it to at most {MAX_EXPANDED} (for example s3:Get*)",
            e.actions.len()
        )));
    }
    Ok(e.actions.iter().map(|id| cat.full_name(*id)).collect())
}

/// Everyone the evaluator gives a verdict other than denied (all with
/// `include_denied`), for each action the pattern names.
pub fn who_can_rows(
    model: &Model,
    index: &AssumeIndex,
    actions: &[String],
    resource: &str,
    context: &RequestContext,
    include_denied: bool,
) -> Vec<WhoCanRow> {
    let mut rows = Vec::new();
    for action in actions {
        // Assuming a loaded role: the trust policy names principals outside
        // the loaded data too, and the assume engine lists them.
        let assume = action.starts_with("sts:AssumeRole");
        if assume
            && context_is_empty(context)
            && let Some(EntityRef::Role(role)) = model.resolve(resource, 0)
        {
            for e in who_can_assume(model, index, role, include_denied) {
                if e.decision.action.eq_ignore_ascii_case(action) {
                    rows.push(WhoCanRow {
                        label: e.label.to_string(),
                        kind: e.kind,
                        action: action.clone(),
                        decision: e.decision,
                    });
                }
            }
            continue;
        }
        let callers = (0..model.users.len())
            .map(Caller::User)
            .chain((0..model.roles.len()).map(Caller::Role));
        let batch = Batch::new(model, index, action, resource, context);
        for caller in callers {
            let Some(d) = batch.evaluate(&caller, !include_denied) else {
                continue;
            };
            if d.verdict == Verdict::Denied && !include_denied {
                continue;
            }
            rows.push(WhoCanRow {
                label: caller.label(model),
                kind: caller.kind(),
                action: action.clone(),
                decision: std::sync::Arc::new(d),
            });
        }
    }
    rows.sort_by(|a, b| {
        (a.decision.verdict.rank(), &a.label, &a.action).cmp(&(
            b.decision.verdict.rank(),
            &b.label,
            &b.action,
        ))
    });
    rows
}

fn context_is_empty(ctx: &RequestContext) -> bool {
    ctx.known_keys().next().is_none()
}

/// Prints who can do `pattern` on `resource`.
pub fn who_can_report(
    model: &Model,
    pattern: &str,
    resource: &str,
    context: &RequestContext,
    include_denied: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let actions = expand_actions(pattern)?;
    let index = AssumeIndex::build(model);
    let rows = who_can_rows(model, &index, &actions, resource, context, include_denied);
    if json {
        #[derive(Serialize)]
        struct Entry<'a> {
            principal: &'a str,
            kind: &'a str,
            action: &'a str,
            #[serde(flatten)]
            decision: super::assume::DecisionOut<'a>,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            action: &'a str,
            resource: &'a str,
            actions: &'a [String],
            principals: Vec<Entry<'a>>,
            catalogue: CatalogueOut<'a>,
        }
        let report = Report {
            action: pattern,
            resource,
            actions: &actions,
            principals: rows
                .iter()
                .map(|r| Entry {
                    principal: &r.label,
                    kind: r.kind,
                    action: &r.action,
                    decision: decision_out(&r.decision),
                })
                .collect(),
            catalogue: catalogue_out(Catalogue::get()),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    let what = if actions.len() == 1 {
        actions[0].clone()
    } else {
        format!("{pattern} ({} actions)", actions.len())
    };
    writeln!(
        out,
        "Who can {} on {}",
        escape_controls_line(&what),
        escape_controls_line(resource)
    )?;
    if rows.is_empty() {
        writeln!(out, "  nobody in the loaded accounts")?;
        return Ok(());
    }
    let cells = |r: &WhoCanRow| {
        [
            verdict_cell(r.decision.verdict),
            r.kind.to_string(),
            r.label.clone(),
            r.action.clone(),
            detail_text(&r.decision),
        ]
    };
    if actions.len() > 1 {
        let table: Vec<[String; 5]> = rows.iter().map(cells).collect();
        let header = [
            "VERDICT",
            "KIND",
            "PRINCIPAL",
            "ACTION",
            "CONDITIONS / REASON",
        ];
        write_table(out, header, &table)?;
    } else {
        let table: Vec<[String; 4]> = rows
            .iter()
            .map(|r| {
                let [v, k, p, _, d] = cells(r);
                [v, k, p, d]
            })
            .collect();
        write_table(
            out,
            ["VERDICT", "KIND", "PRINCIPAL", "CONDITIONS / REASON"],
            &table,
        )?;
    }
    Ok(())
}

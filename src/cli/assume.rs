//! `rolecall who-can-assume ROLE` and `rolecall can-assume PRINCIPAL`: the
//! assume-role analysis for scripts, as a table or as stable JSON.
//!
//! JSON of `who-can-assume` (documented in README.md):
//! `{"role": ARN, "principals": [{"principal", "kind", "verdict",
//! "conditions": [{"key", "operator", "values", "text"}], "reasons": [..],
//! "via": [{"side", "policy", "statement", "sid"}]}]}`.
//! `can-assume` gives `{"principal": ARN, "roles": [{"role", "verdict",
//! "conditions", "reasons", "via"}], "chains": [{"roles": [ARN..],
//! "verdict", "session_capped_at_one_hour"}]}`.

use crate::text::escape_controls_line;
use std::io::Write;

use serde::Serialize;

use crate::analysis::assume::{SsoPeople, sso_people};

use crate::analysis::assume::{
    AssumeIndex, Caller, Decision, Verdict, Via, can_assume_what, chains, who_can_assume,
};
use crate::model::{EntityRef, Model};
use crate::policy::ConditionText;

#[derive(Debug, thiserror::Error)]
pub enum AssumeCliError {
    #[error("{0}")]
    NotFound(String),
    #[error("could not write the output: {0}")]
    Write(#[from] std::io::Error),
}

#[derive(Serialize)]
pub(crate) struct ConditionOut<'a> {
    pub(crate) key: &'a str,
    pub(crate) operator: &'a str,
    pub(crate) values: &'a [String],
    pub(crate) text: &'a str,
}

#[derive(Serialize)]
pub(crate) struct ViaOut<'a> {
    side: &'static str,
    policy: &'a str,
    statement: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sid: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct DecisionOut<'a> {
    verdict: &'static str,
    conditions: Vec<ConditionOut<'a>>,
    /// Allowed if any one of these AND-lists holds.
    alternatives: Vec<Vec<ConditionOut<'a>>>,
    /// Allowed unless any of these holds (a Deny rolecall cannot decide).
    unless: Vec<ConditionOut<'a>>,
    reasons: &'a [String],
    via: Vec<ViaOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    readings: &'a [String],
}

pub(crate) fn condition_out(c: &ConditionText) -> ConditionOut<'_> {
    ConditionOut {
        key: &c.key,
        operator: &c.operator,
        values: &c.values,
        text: &c.text,
    }
}

pub(crate) fn via_out(v: &Via) -> ViaOut<'_> {
    ViaOut {
        side: v.side.as_str(),
        policy: &v.policy,
        statement: v.statement,
        sid: v.sid.as_deref(),
    }
}

pub(crate) fn decision_out(d: &Decision) -> DecisionOut<'_> {
    DecisionOut {
        verdict: d.verdict.as_str(),
        conditions: d.conditions.iter().map(condition_out).collect(),
        alternatives: d
            .alternatives
            .iter()
            .map(|a| a.iter().map(condition_out).collect())
            .collect(),
        unless: d.unless.iter().map(condition_out).collect(),
        reasons: &d.reasons,
        via: d.via.iter().map(via_out).collect(),
        readings: &d.readings,
    }
}

/// Finds a role by ARN, unique id or name.
pub fn find_role(model: &Model, wanted: &str) -> Result<usize, AssumeCliError> {
    if let Some(EntityRef::Role(r)) = model.resolve(wanted, 0) {
        return Ok(r);
    }
    let by_name: Vec<usize> = (0..model.roles.len())
        .filter(|r| model.roles[*r].detail.role_name == wanted)
        .collect();
    match by_name.as_slice() {
        [one] => Ok(*one),
        [] => Err(AssumeCliError::NotFound(format!(
            "no role named or with the ARN {wanted:?} in the loaded accounts; check the spelling (names are case-sensitive) or give the full ARN"
        ))),
        many => Err(AssumeCliError::NotFound(format!(
            "{} roles are named {wanted:?}; give the full ARN: {}",
            many.len(),
            many.iter()
                .map(|r| model.roles[*r].detail.arn.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Finds a user or role by ARN, unique id, assumed-role session ARN or name.
pub fn find_principal(model: &Model, wanted: &str) -> Result<Caller, AssumeCliError> {
    match model.resolve(wanted, 0) {
        Some(EntityRef::User(u)) => return Ok(Caller::User(u)),
        Some(EntityRef::Role(r)) => {
            if let Some(session) = wanted
                .strip_prefix("arn:")
                .filter(|rest| rest.contains(":assumed-role/"))
                .and_then(|rest| rest.rsplit('/').next())
            {
                return Ok(Caller::Session {
                    role: r,
                    session_name: session.to_string(),
                });
            }
            return Ok(Caller::Role(r));
        }
        _ => {}
    }
    let users: Vec<Caller> = (0..model.users.len())
        .filter(|u| model.users[*u].detail.user_name == wanted)
        .map(Caller::User)
        .collect();
    let roles: Vec<Caller> = (0..model.roles.len())
        .filter(|r| model.roles[*r].detail.role_name == wanted)
        .map(Caller::Role)
        .collect();
    let mut all = users;
    all.extend(roles);
    match all.len() {
        1 => Ok(all.remove(0)),
        0 => Err(AssumeCliError::NotFound(format!(
            "no user or role named or with the ARN {wanted:?} in the loaded accounts; check the spelling or give the full ARN"
        ))),
        n => Err(AssumeCliError::NotFound(format!(
            "{n} users or roles are named {wanted:?}; give the full ARN: {}",
            all.iter()
                .map(|c| c.label(model))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Prints who can assume `role`.
pub fn who_can_assume_report(
    model: &Model,
    role: usize,
    include_denied: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), AssumeCliError> {
    let index = AssumeIndex::build(model);
    let entries = who_can_assume(model, &index, role, include_denied);
    let role_arn = &model.roles[role].detail.arn;
    if json {
        #[derive(Serialize)]
        struct Entry<'a> {
            principal: &'a str,
            kind: &'a str,
            #[serde(flatten)]
            decision: DecisionOut<'a>,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            role: &'a str,
            principals: Vec<Entry<'a>>,
            /// Only for an AWSReservedSSO_* role.
            #[serde(skip_serializing_if = "Option::is_none")]
            identity_center: Option<serde_json::Value>,
        }
        let report = Report {
            role: role_arn,
            identity_center: identity_center_json(&sso_people(model, role, &entries)),
            principals: entries
                .iter()
                .map(|e| Entry {
                    principal: &e.label,
                    kind: e.kind,
                    decision: decision_out(&e.decision),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "Who can assume {}", escape_controls_line(role_arn))?;
    if entries.is_empty() {
        writeln!(
            out,
            "  nobody in the loaded data, and no external principal is trusted"
        )?;
    }
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            [
                verdict_cell(e.decision.verdict),
                e.kind.to_string(),
                e.label.to_string(),
                detail_text(&e.decision),
            ]
        })
        .collect();
    write_table(
        out,
        ["VERDICT", "KIND", "PRINCIPAL", "CONDITIONS / REASON"],
        &rows,
    )?;
    for line in identity_center_lines(&sso_people(model, role, &entries)) {
        writeln!(out, "{}", escape_controls_line(&line))?;
    }
    Ok(())
}

/// The Identity Center part of the JSON report (`None`: not an SSO role).
fn identity_center_json(sso: &SsoPeople) -> Option<serde_json::Value> {
    use serde_json::json;
    Some(match sso {
        SsoPeople::NotSso => return None,
        SsoPeople::NotCollected {
            permission_set,
            why,
        } => json!({
            "permission_set": permission_set, "status": "not collected", "reason": why,
        }),
        SsoPeople::UnknownPermissionSet { permission_set } => json!({
            "permission_set": permission_set, "status": "unknown permission set",
            "reason": "Identity Center was collected, but no permission set has this name",
        }),
        SsoPeople::People {
            permission_set,
            description,
            people,
            unknown_principals,
            trust,
        } => json!({
            "permission_set": permission_set,
            "description": description,
            "status": "collected",
            "trust": trust.as_ref().map(|(v, provider)| json!({"verdict": v.as_str(), "saml_provider": provider.as_ref()})),
            "users": people.iter().filter(|p| p.kind == "user").map(|p| json!({"user_name": p.name, "display_name": p.detail})).collect::<Vec<_>>(),
            "groups": people.iter().filter(|p| p.kind == "group").map(|p| json!({"display_name": p.name, "members": p.members})).collect::<Vec<_>>(),
            "unknown_principals": unknown_principals,
        }),
    })
}

/// The Identity Center part of the table report, in lines.
fn identity_center_lines(sso: &SsoPeople) -> Vec<String> {
    match sso {
        SsoPeople::NotSso => Vec::new(),
        SsoPeople::NotCollected {
            permission_set,
            why,
        } => vec![
            String::new(),
            format!(
                "Identity Center permission set {permission_set}: who is assigned it was not collected ({why})"
            ),
        ],
        SsoPeople::UnknownPermissionSet { permission_set } => vec![
            String::new(),
            format!(
                "Identity Center permission set {permission_set}: not among the collected permission sets"
            ),
        ],
        SsoPeople::People {
            permission_set,
            people,
            unknown_principals,
            trust,
            ..
        } => {
            let trust_words = match trust {
                Some((v, provider)) => format!("the trust for {provider}: {}", v.as_str()),
                None => "the trust policy does not name Identity Center's SAML provider".into(),
            };
            let mut lines = vec![
                String::new(),
                format!(
                    "Identity Center: permission set {permission_set} in this account ({trust_words})"
                ),
            ];
            if people.is_empty() && unknown_principals.is_empty() {
                lines.push("  nobody is assigned it in this account".into());
            }
            for p in people {
                lines.push(format!("  {:<6} {}  ({})", p.kind, p.name, p.detail));
            }
            for id in unknown_principals {
                lines.push(format!(
                    "  ?      {id}  (assigned, but not in the identity store data)"
                ));
            }
            lines
        }
    }
}

/// Prints what `caller` can assume, and the chains from there.
pub fn can_assume_report(
    model: &Model,
    caller: &Caller,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), AssumeCliError> {
    let index = AssumeIndex::build(model);
    let roles = can_assume_what(model, &index, caller);
    let paths = chains(model, &index, caller, 6);
    let label = caller.label(model);
    if json {
        #[derive(Serialize)]
        struct RoleOut<'a> {
            role: &'a str,
            #[serde(flatten)]
            decision: DecisionOut<'a>,
        }
        #[derive(Serialize)]
        struct ChainOut<'a> {
            roles: Vec<&'a str>,
            verdict: &'static str,
            session_capped_at_one_hour: bool,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            principal: &'a str,
            roles: Vec<RoleOut<'a>>,
            chains: Vec<ChainOut<'a>>,
        }
        let report = Report {
            principal: &label,
            roles: roles
                .iter()
                .map(|(r, d)| RoleOut {
                    role: &model.roles[*r].detail.arn,
                    decision: decision_out(d),
                })
                .collect(),
            chains: paths
                .iter()
                .filter(|c| c.steps.len() > 1)
                .map(|c| ChainOut {
                    roles: c
                        .steps
                        .iter()
                        .map(|r| model.roles[*r].detail.arn.as_str())
                        .collect(),
                    verdict: c.verdict().as_str(),
                    session_capped_at_one_hour: c.chained.iter().any(|x| *x),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "What {} can assume", escape_controls_line(&label))?;
    if roles.is_empty() {
        writeln!(out, "  no role in the loaded accounts")?;
    }
    let rows: Vec<[String; 4]> = roles
        .iter()
        .map(|(r, d)| {
            [
                verdict_cell(d.verdict),
                d.action.clone(),
                model.roles[*r].detail.arn.clone(),
                detail_text(d),
            ]
        })
        .collect();
    write_table(
        out,
        ["VERDICT", "ACTION", "ROLE", "CONDITIONS / REASON"],
        &rows,
    )?;
    let longer: Vec<_> = paths.iter().filter(|c| c.steps.len() > 1).collect();
    if !longer.is_empty() {
        writeln!(
            out,
            "\nChains (role chaining caps each later session at 1 hour):"
        )?;
        for chain in longer {
            let names: Vec<&str> = chain
                .steps
                .iter()
                .map(|r| model.roles[*r].detail.role_name.as_str())
                .collect();
            writeln!(
                out,
                "  {} {} → {}",
                chain.verdict().symbol(),
                caller_short(model, caller),
                names.join(" → ")
            )?;
        }
    }
    Ok(())
}

fn caller_short(model: &Model, caller: &Caller) -> String {
    match caller {
        Caller::User(u) => model.users[*u].detail.user_name.clone(),
        Caller::Role(r) | Caller::Session { role: r, .. } => {
            model.roles[*r].detail.role_name.clone()
        }
        Caller::External { principal, .. } => principal.clone(),
    }
}

pub(crate) fn verdict_cell(verdict: Verdict) -> String {
    format!("{} {}", verdict.symbol(), verdict.as_str())
}

/// Conditions for a conditional verdict (each route, and what must not
/// hold), else the first reason.
pub(crate) fn detail_text(d: &Decision) -> String {
    d.condition_words()
        .unwrap_or_else(|| d.reasons.first().cloned().unwrap_or_default())
}

pub(crate) fn write_table<const N: usize>(
    out: &mut dyn Write,
    header: [&str; N],
    rows: &[[String; N]],
) -> std::io::Result<()> {
    // Cells hold account data (names, condition values): escape their
    // control characters before measuring, so widths match what is shown.
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|row| {
            row.clone()
                .map(|cell| escape_controls_line(&cell).into_owned())
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::from(" ");
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == N {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<w$}  "));
            }
        }
        text.trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

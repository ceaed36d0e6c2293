//! `rolecall permissions PRINCIPAL [--service PREFIX]`: the effective
//! permissions summary of a user, role or group (analysis::effective).
//!
//! JSON (documented in README.md; keys are kept): `{"principal", "kind",
//! "admin": bool, "admin_reason", "services": [{"service", "name", "levels":
//! [{"level", "access", "granted", "total", "resources", "alternatives",
//! "actions"?}]}], "notes", "catalogue"}`; `actions` (with `--service`)
//! lists each action with `granted_by` and `removed_by` statements.

use std::io::Write;

use serde::Serialize;

use crate::analysis::assume::AssumeIndex;
use crate::analysis::effective::{LevelSummary, Summary, summarise};
use crate::catalogue::Catalogue;
use crate::model::{EntityRef, Model};
use crate::text::escape_controls_line;

use super::assume::{ConditionOut, ViaOut, condition_out, via_out, write_table};
use super::query::QueryError;

/// Finds a user, role or group by ARN, unique id or name.
pub fn find_entity(model: &Model, wanted: &str) -> Result<EntityRef, QueryError> {
    if let Some(e @ (EntityRef::User(_) | EntityRef::Role(_) | EntityRef::Group(_))) =
        model.resolve(wanted, 0)
    {
        return Ok(e);
    }
    let mut all: Vec<EntityRef> = Vec::new();
    all.extend(
        (0..model.users.len())
            .filter(|u| model.users[*u].detail.user_name == wanted)
            .map(EntityRef::User),
    );
    all.extend(
        (0..model.roles.len())
            .filter(|r| model.roles[*r].detail.role_name == wanted)
            .map(EntityRef::Role),
    );
    all.extend(
        (0..model.groups.len())
            .filter(|g| model.name_of(EntityRef::Group(*g)) == wanted)
            .map(EntityRef::Group),
    );
    match all.as_slice() {
        [one] => Ok(*one),
        [] => Err(QueryError::BadInput(format!(
            "no user, role or group named or with the ARN {wanted:?} in the loaded accounts; check the spelling or give the full ARN"
        ))),
        many => Err(QueryError::BadInput(format!(
            "{} users, roles or groups are named {wanted:?}; give the full ARN: {}",
            many.len(),
            many.iter()
                .map(|e| model.arn_of(*e))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn kind(e: EntityRef) -> &'static str {
    match e {
        EntityRef::User(_) => "IAM user",
        EntityRef::Role(_) => "IAM role",
        EntityRef::Group(_) => "IAM group",
        EntityRef::Policy(_) => "policy",
    }
}

#[derive(Serialize)]
struct ActionOut<'a> {
    action: &'a str,
    granted: bool,
    full: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed_why: Option<&'a str>,
    granted_by: Vec<ViaOut<'a>>,
    removed_by: Vec<ViaOut<'a>>,
}

#[derive(Serialize)]
struct LevelOut<'a> {
    level: &'static str,
    access: String,
    granted: usize,
    total: usize,
    resources: &'a [String],
    alternatives: Vec<Vec<ConditionOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<Vec<ActionOut<'a>>>,
}

fn level_out<'a>(s: &'a Summary, l: &'a LevelSummary, with_actions: bool) -> LevelOut<'a> {
    LevelOut {
        level: l.level.as_str(),
        access: l.access_words(),
        granted: l.granted,
        total: l.total,
        resources: &l.resources,
        alternatives: l
            .alternatives
            .iter()
            .map(|a| a.iter().map(condition_out).collect())
            .collect(),
        actions: with_actions.then(|| {
            l.actions
                .iter()
                .filter_map(|i| s.actions.get(*i))
                .map(|a| ActionOut {
                    action: &a.name,
                    granted: !a.removed,
                    full: a.full,
                    removed_why: a.removed_why.as_deref(),
                    granted_by: a
                        .granted_by
                        .iter()
                        .filter_map(|n| s.statements.get(*n))
                        .map(|st| via_out(&st.via))
                        .collect(),
                    removed_by: a
                        .removed_by
                        .iter()
                        .filter_map(|n| s.statements.get(*n))
                        .map(|st| via_out(&st.via))
                        .collect(),
                })
                .collect()
        }),
    }
}

pub fn permissions_report(
    model: &Model,
    entity: EntityRef,
    service: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let cat = Catalogue::get();
    if let Some(prefix) = service
        && cat.service_by_prefix(prefix).is_none()
    {
        return Err(QueryError::BadInput(format!(
            "{prefix:?} is not a service prefix in rolecall's catalogue (for example s3, ec2, iam)"
        )));
    }
    let index = AssumeIndex::build(model);
    let summary = summarise(model, &index, entity);
    let wanted = |prefix: &str| service.is_none_or(|s| s.eq_ignore_ascii_case(prefix));
    let arn = model.arn_of(entity);
    if json {
        #[derive(Serialize)]
        struct ServiceOut<'a> {
            service: &'a str,
            name: &'a str,
            levels: Vec<LevelOut<'a>>,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            principal: &'a str,
            kind: &'static str,
            admin: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            admin_reason: Option<&'a str>,
            services: Vec<ServiceOut<'a>>,
            notes: &'a [String],
            catalogue: &'a str,
        }
        let report = Report {
            principal: arn,
            kind: kind(entity),
            admin: summary.admin.is_some(),
            admin_reason: summary.admin.as_deref(),
            services: summary
                .services
                .iter()
                .filter(|s| wanted(&s.prefix))
                .map(|s| ServiceOut {
                    service: &s.prefix,
                    name: &s.name,
                    levels: s
                        .levels
                        .iter()
                        .map(|l| level_out(&summary, l, service.is_some()))
                        .collect(),
                })
                .collect(),
            notes: &summary.notes,
            catalogue: &cat.meta.version,
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "Effective permissions of {} ({})",
        escape_controls_line(arn),
        kind(entity)
    )?;
    if let Some(why) = &summary.admin {
        writeln!(out, "  ADMIN: {}", escape_controls_line(why))?;
    }
    let services: Vec<_> = summary
        .services
        .iter()
        .filter(|s| wanted(&s.prefix))
        .collect();
    if services.is_empty() {
        writeln!(out, "  no action is granted")?;
    }
    let mut rows: Vec<[String; 5]> = Vec::new();
    for s in &services {
        for (i, l) in s.levels.iter().enumerate() {
            rows.push([
                if i == 0 {
                    s.prefix.clone()
                } else {
                    String::new()
                },
                l.level.as_str().to_string(),
                l.access_words(),
                l.resource_words(),
                l.condition_words(&summary.statements),
            ]);
        }
    }
    if !rows.is_empty() {
        write_table(
            out,
            ["SERVICE", "LEVEL", "ACCESS", "RESOURCES", "CONDITIONS"],
            &rows,
        )?;
    }
    if service.is_some() {
        for s in &services {
            for l in &s.levels {
                writeln!(
                    out,
                    "\n{} {} ({}):",
                    s.prefix,
                    l.level.as_str(),
                    l.access_words()
                )?;
                for a in l.actions.iter().filter_map(|i| summary.actions.get(*i)) {
                    let mark = if a.removed {
                        "✘"
                    } else if a.full {
                        "✔"
                    } else {
                        "?"
                    };
                    let by: Vec<String> = a
                        .granted_by
                        .iter()
                        .filter_map(|n| summary.statements.get(*n))
                        .map(|st| format!("{} #{}", st.via.policy, st.via.statement))
                        .collect();
                    let why = a
                        .removed_why
                        .as_deref()
                        .map(|w| format!("; removed: {w}"))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "  {mark} {}  (granted by {}{})",
                        a.name,
                        escape_controls_line(&by.join(", ")),
                        escape_controls_line(&why)
                    )?;
                }
            }
        }
    }
    for n in &summary.notes {
        writeln!(out, "note: {}", escape_controls_line(n))?;
    }
    Ok(())
}

//! The Effective tab: what a role, user or group may do once its policies,
//! Denies and boundary are combined, per service and access level
//! (analysis::effective); Enter on a row lists its actions, each with the
//! statements that grant and remove it.

use std::rc::Rc;

use serde_json::{Value, json};

use super::{Cell, Column, OwnedDocs, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::analysis::effective::{ActionEntry, LevelSummary, StatementUse, Summary};
use crate::catalogue::AccessLevel;
use crate::model::{DocRef, EntityRef, Model};
use crate::ui::nav::{Page, Tab};

fn access_tone(l: &LevelSummary) -> Tone {
    match (l.full, l.level) {
        (_, AccessLevel::PermissionsManagement) if l.granted > 0 => Tone::Danger,
        (true, _) => Tone::Warn,
        (false, _) if l.granted == 0 => Tone::Dim,
        _ => Tone::Normal,
    }
}

/// The statement as JSON, with where it comes from.
fn statement_json(model: &Model, st: &StatementUse) -> Value {
    let mut entry = json!({
        "effect": st.via.effect.as_str(),
        "side": st.via.side.as_str(),
        "policy": st.via.policy,
        "statement": st.via.statement,
    });
    if let Some(found) = super::assume::statement_json(model, &st.via.source, st.via.statement) {
        entry["Statement"] = found.clone();
    }
    entry
}

pub(super) fn summary_tab(summary: Rc<Summary>, entity: EntityRef) -> TabContent {
    let mut rows = Vec::new();
    if let Some(why) = &summary.admin {
        rows.push(Row {
            cells: vec![
                Cell::new("ADMIN", Tone::Danger),
                Cell::new("", Tone::Dim),
                Cell::new("", Tone::Dim),
                Cell::new(why.clone(), Tone::Danger),
                Cell::new("", Tone::Dim),
            ],
            note: vec![format!(
                "Effectively an administrator: {why} (ESCALATION D.1)."
            )],
            ..Row::default()
        });
    }
    for (s, service) in summary.services.iter().enumerate() {
        for (l, level) in service.levels.iter().enumerate() {
            let mut note = vec![format!(
                "{} ({}) {}: {} · Enter lists the actions",
                service.prefix,
                service.name,
                level.level.as_str(),
                level.access_words()
            )];
            if level.resources.len() > 1 {
                note.push(format!("Resources: {}", level.resources.join(", ")));
            }
            if level.alternatives.len() > 1 {
                for (n, alt) in level.alternatives.iter().enumerate() {
                    let t: Vec<&str> = alt.iter().map(|c| c.text.as_str()).collect();
                    note.push(format!("  {}. {}", n + 1, t.join(" and ")));
                }
            }
            rows.push(Row {
                cells: vec![
                    Cell::new(
                        if l == 0 { service.prefix.as_str() } else { "" },
                        Tone::Accent,
                    ),
                    Cell::plain(level.level.as_str()),
                    Cell::new(level.access_words(), access_tone(level)),
                    Cell::plain(level.resource_words()),
                    Cell::new(
                        level.condition_words(&summary.statements),
                        if level.alternatives.is_empty() && level.partial_denies.is_empty() {
                            Tone::Dim
                        } else {
                            Tone::Warn
                        },
                    ),
                ],
                drill: Some(Page::Actions {
                    entity,
                    service: s as u16,
                    level: l as u8,
                }),
                note,
                ..Row::default()
            });
        }
    }
    for n in &summary.notes {
        rows.push(Row {
            cells: vec![
                Cell::new("note", Tone::Dim),
                Cell::new("", Tone::Dim),
                Cell::new("", Tone::Dim),
                Cell::new(n.clone(), Tone::Dim),
                Cell::new("", Tone::Dim),
            ],
            note: vec![n.clone()],
            ..Row::default()
        });
    }
    TabContent {
        columns: vec![
            col("Service", Width::Fixed(24)),
            col("Level", Width::Fixed(23)),
            col("Access", Width::Fixed(24)),
            col("Resources", Width::Fill(2)),
            Column {
                hide_below: 100,
                ..col("Conditions", Width::Fill(3))
            },
        ],
        rows,
        doc_title: "Effective permissions".into(),
        empty_text: "No policy grants this principal any action.",
        ..TabContent::default()
    }
}

fn names(summary: &Summary, list: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    for n in list {
        if let Some(st) = summary.statements.get(*n) {
            let name = st.via.policy.rsplit('/').next().unwrap_or(&st.via.policy);
            let text = format!("{name} #{}", st.via.statement);
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out.join(", ")
}

/// Where Enter goes from an action: the managed policy of its first
/// granting statement, on its Document tab.
fn target_of(model: &Model, summary: &Summary, a: &ActionEntry) -> Option<EntityRef> {
    a.granted_by
        .iter()
        .filter_map(|n| summary.statements.get(*n))
        .find_map(|st| match st.via.source {
            DocRef::Managed(p) | DocRef::Version(p, _) if p < model.policies.len() => {
                Some(EntityRef::Policy(p))
            }
            DocRef::Inline(owner, _) => Some(owner),
            _ => None,
        })
}

pub(super) fn actions_tab(
    model: &Model,
    summary: Rc<Summary>,
    service: usize,
    level: usize,
) -> TabContent {
    let Some((svc, lvl)) = summary
        .services
        .get(service)
        .and_then(|s| s.levels.get(level).map(|l| (s, l)))
    else {
        return TabContent {
            empty_text: "This service and level are no longer granted (the data changed).",
            ..TabContent::default()
        };
    };
    let entries: Vec<ActionEntry> = lvl
        .actions
        .iter()
        .filter_map(|i| summary.actions.get(*i).cloned())
        .collect();
    let rows = entries
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (mark, tone) = if a.removed {
                ("✘ removed", Tone::Danger)
            } else if a.full {
                ("✔ full", Tone::Good)
            } else {
                ("? limited", Tone::Warn)
            };
            let mut note = vec![format!(
                "{}: granted by {}",
                a.name,
                names(&summary, &a.granted_by)
            )];
            if !a.removed_by.is_empty() {
                note.push(format!(
                    "Denied (in part or all) by {}",
                    names(&summary, &a.removed_by)
                ));
            }
            if let Some(why) = &a.removed_why {
                note.push(format!("Removed: {why}"));
            }
            let target = target_of(model, &summary, a);
            Row {
                cells: vec![
                    Cell::new(mark, tone),
                    Cell::plain(a.name.clone()),
                    Cell::new(names(&summary, &a.granted_by), Tone::Dim),
                    Cell::new(
                        a.removed_why
                            .clone()
                            .unwrap_or_else(|| names(&summary, &a.removed_by)),
                        Tone::Danger,
                    ),
                ],
                target,
                open_at: target.map(|t| match t {
                    EntityRef::Policy(_) => (Tab::Document, 0),
                    _ => (Tab::Permissions, 0),
                }),
                doc: Some(PaneDoc::Owned(i)),
                doc_title: Some(format!("Statements for {}", a.name)),
                note,
                ..Row::default()
            }
        })
        .collect();
    let for_docs = Rc::clone(&summary);
    let owned_docs = OwnedDocs::on_demand(entries.len(), move |model, i| {
        let Some(a) = entries.get(i) else {
            return Value::Null;
        };
        let list = |l: &[usize]| -> Vec<Value> {
            l.iter()
                .filter_map(|n| for_docs.statements.get(*n))
                .map(|st| statement_json(model, st))
                .collect()
        };
        json!({
            "action": a.name,
            "granted": !a.removed,
            "full": a.full,
            "removed": a.removed_why,
            "granted_by": list(&a.granted_by),
            "removed_by": list(&a.removed_by),
            "boundary": list(&a.boundary_by),
        })
    });
    TabContent {
        columns: vec![
            col("", Width::Fixed(10)),
            col("Action", Width::Fill(2)),
            col("Granted by", Width::Fill(2)),
            col("Removed by", Width::Fill(2)),
        ],
        rows,
        doc_title: format!("{} {} actions", svc.prefix, lvl.level.as_str()),
        empty_text: "No action.",
        owned_docs,
        ..TabContent::default()
    }
}

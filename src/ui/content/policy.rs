//! The pages of a managed policy: its document, versions, and users.

use super::details::{copyable, date_or_dash, details_tab, field};
use super::entities::{entity_row, entity_table};
use super::{Cell, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::model::{DocRef, Model, Usage, time};

pub(super) fn document(model: &Model, p: usize) -> TabContent {
    let policy = &model.policies[p];
    let attached = policy
        .used_by
        .iter()
        .filter(|(_, u)| *u == Usage::Attached)
        .count();
    let bounds = policy.used_by.len() - attached;
    let default = policy.default_version();
    let mut content = details_tab(vec![
        copyable("ARN", &policy.arn),
        field(
            "Type",
            if policy.is_aws_managed() {
                "AWS managed"
            } else {
                "customer managed"
            },
        ),
        field(
            "Default version",
            default
                .map(|v| v.version_id.clone())
                .unwrap_or_else(|| "— (no version in the snapshot)".into()),
        ),
        field("Versions", policy.versions.len().to_string()),
        field(
            "Used by",
            format!("{attached} attached, {bounds} as permissions boundary"),
        ),
        field("Created", date_or_dash(policy.created, None)),
        field("Updated", date_or_dash(policy.updated, None)),
    ]);
    if let Some(desc) = &policy.description {
        content.rows.push(field("Description", desc.clone()));
    }
    if let Some(v) = policy.versions.iter().position(|v| v.is_default)
        && let Some(Ok(doc)) = model.doc(DocRef::Version(p, v)).map(|d| &d.parsed)
    {
        content.rows.extend(statement_expansions(doc));
    }
    content.fixed_doc = policy
        .versions
        .iter()
        .position(|v| v.is_default)
        .map(|v| PaneDoc::Model(DocRef::Version(p, v)));
    content.doc_title = format!(
        "{} (default version {})",
        policy.name,
        default.map(|v| v.version_id.as_str()).unwrap_or("?")
    );
    content
}

pub(super) fn versions(model: &Model, p: usize) -> TabContent {
    let policy = &model.policies[p];
    let rows = policy
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| Row {
            drill: None,
            open_at: None,
            cells: vec![
                Cell::new(&v.version_id, Tone::Accent),
                Cell::new(if v.is_default { "default" } else { "" }, Tone::Good),
                Cell::new(
                    v.created.map(time::short_date).unwrap_or_default(),
                    Tone::Dim,
                ),
            ],
            target: None,
            arn: Some(policy.arn.clone()),
            doc: Some(PaneDoc::Model(DocRef::Version(p, i))),
            note: Vec::new(),
            doc_title: Some(format!(
                "{} version {}{}",
                policy.name,
                v.version_id,
                if v.is_default { " (default)" } else { "" }
            )),
        })
        .collect();
    TabContent {
        columns: vec![
            col("Version", Width::Fixed(8)),
            col("", Width::Fixed(8)),
            col("Created", Width::Fill(1)),
        ],
        rows,
        fixed_doc: None,
        doc_title: format!("{} version", policy.name),
        empty_text: "The snapshot has no version of this policy.",
        ..TabContent::default()
    }
}

pub(super) fn used_by(model: &Model, p: usize) -> TabContent {
    let rows = model.policies[p]
        .used_by
        .iter()
        .map(|(entity, how)| {
            let how = match how {
                Usage::Attached => "attached",
                Usage::Boundary => "boundary",
            };
            entity_row(model, *entity, how)
        })
        .collect();
    entity_table(
        rows,
        "No role, user or group in the snapshot uses this policy.",
    )
}

/// One row per statement: what its Action / NotAction names in the
/// catalogue ("s3:Get* → 45 actions"), by access level, with the actions
/// in the note, so a wildcard's reach and a misspelt action are visible.
pub(super) fn statement_expansions(doc: &crate::policy::PolicyDocument) -> Vec<Row> {
    use crate::catalogue::{AccessLevel, Catalogue};
    let cat = Catalogue::get();
    let mut rows = Vec::new();
    for (i, st) in doc.statements.iter().enumerate() {
        let (list, negated) = match (&st.action, &st.not_action) {
            (Some(a), _) => (a, false),
            (None, Some(n)) => (n, true),
            (None, None) => continue,
        };
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for pattern in list.iter() {
            let e = cat.expand(pattern);
            if e.actions.is_empty() {
                unknown.push(pattern.clone());
            }
            ids.extend(e.actions.iter().copied());
        }
        ids.sort_unstable();
        ids.dedup();
        let count = if negated {
            cat.action_count() - ids.len()
        } else {
            ids.len()
        };
        let levels: Vec<String> = AccessLevel::ALL
            .iter()
            .filter_map(|l| {
                let n = ids
                    .iter()
                    .filter(|id| cat.action(**id).is_some_and(|a| a.levels.contains(*l)))
                    .count();
                (n > 0).then(|| format!("{} {n}", l.as_str()))
            })
            .collect();
        let written: Vec<&str> = list.iter().map(String::as_str).collect();
        let levels = if levels.is_empty() || negated {
            String::new()
        } else {
            format!(" ({})", levels.join(", "))
        };
        let mut text = format!(
            "{} {count} actions{levels} ← {}{}",
            st.effect.as_str(),
            if negated { "every action but " } else { "" },
            written.join(", ")
        );
        let mut note = vec![text.clone()];
        if !unknown.is_empty() {
            text.push_str(&format!(" · names no known action: {}", unknown.join(", ")));
            for u in &unknown {
                let close = cat.suggest(u, 3);
                note.push(if close.is_empty() {
                    format!("{u} names no action of any service")
                } else {
                    format!("{u} names no action; did you mean {}?", close.join(", "))
                });
            }
        }
        const SHOWN: usize = 40;
        let names: Vec<String> = ids
            .iter()
            .take(SHOWN)
            .map(|id| cat.full_name(*id))
            .collect();
        if !names.is_empty() {
            let more = ids.len().saturating_sub(SHOWN);
            let tail = if more > 0 {
                format!(" … and {more} more")
            } else {
                String::new()
            };
            note.push(format!(
                "{}{}{tail}",
                if negated { "Excluded: " } else { "" },
                names.join(", ")
            ));
        }
        let label = match &st.sid {
            Some(sid) if !sid.is_empty() => format!("Statement {i} ({sid})"),
            _ => format!("Statement {i}"),
        };
        let tone = if unknown.is_empty() {
            Tone::Normal
        } else {
            Tone::Warn
        };
        rows.push(Row {
            cells: vec![Cell::new(label, Tone::Accent), Cell::new(text, tone)],
            note,
            ..Row::default()
        });
    }
    rows
}

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

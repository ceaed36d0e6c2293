//! Tables of entities: a user's groups, a group's members, a policy's users.

use super::details::{copyable, date_or_dash, details_tab, field};
use super::{Cell, Row, TabContent, Tone, Width, col};
use crate::model::{EntityRef, Model};

pub(super) fn entity_row(model: &Model, entity: EntityRef, how: &str) -> Row {
    let (kind, tone) = match entity {
        EntityRef::Role(_) => ("role", Tone::Accent),
        EntityRef::User(_) => ("user", Tone::Good),
        EntityRef::Group(_) => ("group", Tone::Warn),
        EntityRef::Policy(_) => ("policy", Tone::Normal),
    };
    let account = &model.accounts[model.account_of(entity)];
    Row {
        drill: None,
        open_at: None,
        cells: vec![
            Cell::new(kind, tone),
            Cell::plain(model.name_of(entity)),
            Cell::new(
                how,
                if how == "boundary" {
                    Tone::Warn
                } else {
                    Tone::Dim
                },
            ),
            Cell::new(account.label.clone(), Tone::Dim),
        ],
        target: Some(entity),
        arn: Some(model.arn_of(entity).to_string()),
        doc: None,
        note: vec![model.arn_of(entity).to_string()],
        doc_title: None,
    }
}

pub(super) fn entity_table(rows: Vec<Row>, empty_text: &'static str) -> TabContent {
    TabContent {
        columns: vec![
            col("Kind", Width::Fixed(6)),
            col("Name", Width::Fill(3)),
            col("How", Width::Fixed(10)),
            col("Account", Width::Fill(1)),
        ],
        rows,
        fixed_doc: None,
        doc_title: String::new(),
        empty_text,
        ..TabContent::default()
    }
}

pub(super) fn user_groups(model: &Model, u: usize) -> TabContent {
    let user = &model.users[u];
    let mut rows: Vec<Row> = user
        .groups
        .iter()
        .map(|g| entity_row(model, EntityRef::Group(*g), "member"))
        .collect();
    for name in &user.detail.group_list {
        if !user
            .groups
            .iter()
            .any(|g| &model.groups[*g].detail.group_name == name)
        {
            rows.push(Row {
                cells: vec![
                    Cell::new("group", Tone::Warn),
                    Cell::plain(name),
                    Cell::new("missing", Tone::Danger),
                    Cell::new("not in the snapshot", Tone::Dim),
                ],
                ..Row::default()
            });
        }
    }
    entity_table(rows, "This user is in no group.")
}

pub(super) fn user(model: &Model, u: usize) -> TabContent {
    let user = &model.users[u];
    let d = &user.detail;
    let mut rows = vec![
        copyable("ARN", &d.arn),
        copyable("User id", &d.user_id),
        field("Name", d.user_name.clone()),
        field("Path", d.path.clone()),
        field(
            "Created",
            date_or_dash(user.created, d.create_date.as_deref()),
        ),
        field(
            "Boundary",
            user.boundary
                .as_ref()
                .map(|b| b.arn.clone())
                .unwrap_or_else(|| "—".into()),
        ),
    ];
    rows.extend(
        d.tags
            .iter()
            .map(|t| field("Tag", format!("{} = {}", t.key, t.value))),
    );
    details_tab(rows)
}

pub(super) fn group_members(model: &Model, g: usize) -> TabContent {
    let rows = model.groups[g]
        .members
        .iter()
        .map(|u| entity_row(model, EntityRef::User(*u), "member"))
        .collect();
    entity_table(rows, "This group has no members.")
}

pub(super) fn group(model: &Model, g: usize) -> TabContent {
    let group = &model.groups[g];
    let d = &group.detail;
    details_tab(vec![
        copyable("ARN", &d.arn),
        copyable("Group id", &d.group_id),
        field("Name", d.group_name.clone()),
        field("Path", d.path.clone()),
        field(
            "Created",
            date_or_dash(group.created, d.create_date.as_deref()),
        ),
        field("Members", group.members.len().to_string()),
    ])
}

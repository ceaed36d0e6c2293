//! The Permissions tab: every policy that applies to a role, user or group.

use super::{Cell, PaneDoc, Row, TabContent, Tone, Width, col};
use crate::model::{DocRef, EntityRef, Model, PolicyLink};

/// One policy that applies to an entity, for the Permissions tab.
struct Source {
    kind: &'static str,
    tone: Tone,
    name: String,
    arn: Option<String>,
    target: Option<EntityRef>,
    doc: Option<PaneDoc>,
    via: String,
}

fn managed_source(model: &Model, link: &PolicyLink, boundary: bool, via: &str) -> Source {
    let aws = link.arn.contains(":iam::aws:policy/");
    let (kind, tone) = match (boundary, aws) {
        (true, _) => ("boundary (ceiling)", Tone::Warn),
        (false, true) => ("AWS managed", Tone::Accent),
        (false, false) => ("customer managed", Tone::Good),
    };
    let doc = link.policy.and_then(|p| {
        let policy = &model.policies[p];
        policy
            .versions
            .iter()
            .position(|v| v.is_default)
            .map(|v| PaneDoc::Model(DocRef::Version(p, v)))
    });
    Source {
        kind,
        tone,
        name: link.name.clone(),
        arn: Some(link.arn.clone()),
        target: link.policy.map(EntityRef::Policy),
        doc,
        via: via.to_string(),
    }
}

fn inline_sources(model: &Model, owner: EntityRef, via: &str) -> Vec<Source> {
    let list = match owner {
        EntityRef::Role(r) => &model.roles[r].inline,
        EntityRef::User(u) => &model.users[u].inline,
        EntityRef::Group(g) => &model.groups[g].inline,
        EntityRef::Policy(_) => return Vec::new(),
    };
    list.iter()
        .enumerate()
        .map(|(i, d)| Source {
            kind: "inline",
            tone: Tone::Normal,
            name: d.name.clone(),
            arn: None,
            target: None,
            doc: Some(PaneDoc::Model(DocRef::Inline(owner, i))),
            via: via.to_string(),
        })
        .collect()
}

fn role_sources(model: &Model, r: usize) -> Vec<Source> {
    let role = &model.roles[r];
    let mut out = inline_sources(model, EntityRef::Role(r), "");
    out.extend(
        role.attached
            .iter()
            .map(|l| managed_source(model, l, false, "")),
    );
    out.extend(
        role.boundary
            .iter()
            .map(|l| managed_source(model, l, true, "")),
    );
    out
}

fn group_sources(model: &Model, g: usize) -> Vec<Source> {
    let group = &model.groups[g];
    let mut out = inline_sources(model, EntityRef::Group(g), "");
    out.extend(
        group
            .attached
            .iter()
            .map(|l| managed_source(model, l, false, "")),
    );
    out
}

fn user_sources(model: &Model, u: usize) -> Vec<Source> {
    let user = &model.users[u];
    let mut out = inline_sources(model, EntityRef::User(u), "");
    out.extend(
        user.attached
            .iter()
            .map(|l| managed_source(model, l, false, "")),
    );
    for g in &user.groups {
        let via = format!("group {}", model.groups[*g].detail.group_name);
        out.extend(inline_sources(model, EntityRef::Group(*g), &via));
        out.extend(
            model.groups[*g]
                .attached
                .iter()
                .map(|l| managed_source(model, l, false, &via)),
        );
    }
    out.extend(
        user.boundary
            .iter()
            .map(|l| managed_source(model, l, true, "")),
    );
    out
}

fn permissions(model: &Model, owner: EntityRef, sources: &[Source]) -> TabContent {
    let owner_name = model.name_of(owner);
    let rows = sources
        .iter()
        .map(|s| {
            let mut note = Vec::new();
            if s.kind.starts_with("boundary") {
                note.push("A permissions boundary never grants: it caps what the other policies allow.".into());
            }
            if s.arn.is_some() && s.target.is_none() {
                note.push("This managed policy is not in the loaded snapshot, so its document is unknown.".into());
            }
            if s.kind == "inline" {
                note.push(format!(
                    "Inline policy of {}; it has no ARN of its own.",
                    if s.via.is_empty() { owner_name.to_string() } else { s.via.clone() }
                ));
            }
            Row {
                drill: None,
                open_at: None,
                cells: vec![
                    Cell::new(s.kind, s.tone),
                    Cell::plain(&s.name),
                    Cell::new(if s.via.is_empty() { "direct" } else { &s.via }, Tone::Dim),
                ],
                target: s.target,
                arn: s.arn.clone(),
                doc: s.doc,
                note,
                doc_title: Some(format!("{} · {}", s.name, s.kind)),
            }
        })
        .collect();
    TabContent {
        columns: vec![
            col("Kind", Width::Fixed(18)),
            col("Policy", Width::Fill(3)),
            col("Via", Width::Fill(1)),
        ],
        rows,
        fixed_doc: None,
        doc_title: "Policy document".into(),
        empty_text: "No policy applies: this entity may do nothing.",
        ..TabContent::default()
    }
}

pub(super) fn role(model: &Model, r: usize) -> TabContent {
    permissions(model, EntityRef::Role(r), &role_sources(model, r))
}

pub(super) fn user(model: &Model, u: usize) -> TabContent {
    permissions(model, EntityRef::User(u), &user_sources(model, u))
}

pub(super) fn group(model: &Model, g: usize) -> TabContent {
    permissions(model, EntityRef::Group(g), &group_sources(model, g))
}

//! What a detail tab shows, as plain data: a table of rows, each of which
//! may name an entity to jump to, an ARN to copy, and a document to show.
//! Built once when the page, tab or selected role changes, never per frame.

use crate::model::{Doc, EntityRef, Model, PolicyLink, Usage, time};
use crate::policy::{Effect, PrincipalKind};

/// How a cell should stand out; the theme maps tones to styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Dim,
    Accent,
    Good,
    Warn,
    Danger,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn new(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
        }
    }
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell::new(text, Tone::Normal)
    }
}

/// Names one policy document of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocRef {
    Trust(usize),
    Inline(EntityRef, usize),
    Version(usize, usize),
}

/// One selectable row of a tab.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Where Enter goes.
    pub target: Option<EntityRef>,
    /// What `y` copies.
    pub arn: Option<String>,
    /// The document shown below the table while this row is selected.
    pub doc: Option<DocRef>,
    /// Longer text about the selected row, shown in full under the table.
    pub note: Vec<String>,
    /// The document pane's title for this row, when it differs from the tab's.
    pub doc_title: Option<String>,
}

/// A table column: its title, width, and the table width below which it is
/// left out (0: always shown) so narrow terminals keep what matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub width: Width,
    pub hide_below: u16,
}

const fn col(title: &'static str, width: Width) -> Column {
    Column {
        title,
        width,
        hide_below: 0,
    }
}

/// Column width: a fixed number of cells, or a share of what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Fixed(u16),
    Fill(u16),
}

#[derive(Debug, Clone, Default)]
pub struct TabContent {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Shown when no row names a document (e.g. the trust JSON).
    pub fixed_doc: Option<DocRef>,
    pub doc_title: String,
    /// Said in place of the table when it has no rows.
    pub empty_text: &'static str,
}

impl TabContent {
    /// The document to show for the selected row.
    pub fn doc_for(&self, row: usize) -> Option<DocRef> {
        self.rows.get(row).and_then(|r| r.doc).or(self.fixed_doc)
    }

    /// The document pane's title for the selected row.
    pub fn doc_title_for(&self, row: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.doc_title.as_deref())
            .unwrap_or(&self.doc_title)
    }
}

/// The tab titles of an entity's detail view.
pub fn tabs_of(entity: EntityRef) -> &'static [&'static str] {
    match entity {
        EntityRef::Role(_) => &["Trust", "Permissions", "Details"],
        EntityRef::User(_) => &["Permissions", "Groups", "Details"],
        EntityRef::Group(_) => &["Permissions", "Members", "Details"],
        EntityRef::Policy(_) => &["Document", "Versions", "Used by"],
    }
}

/// Builds one tab of one entity.
pub fn build(model: &Model, entity: EntityRef, tab: usize) -> TabContent {
    match (entity, tab) {
        (EntityRef::Role(r), 0) => role_trust(model, r),
        (EntityRef::Role(r), 1) => permissions(model, entity, &role_sources(model, r)),
        (EntityRef::Role(r), _) => role_details(model, r),
        (EntityRef::User(u), 0) => permissions(model, entity, &user_sources(model, u)),
        (EntityRef::User(u), 1) => user_groups(model, u),
        (EntityRef::User(u), _) => user_details(model, u),
        (EntityRef::Group(g), 0) => permissions(model, entity, &group_sources(model, g)),
        (EntityRef::Group(g), 1) => group_members(model, g),
        (EntityRef::Group(g), _) => group_details(model, g),
        (EntityRef::Policy(p), 0) => policy_document(model, p),
        (EntityRef::Policy(p), 1) => policy_versions(model, p),
        (EntityRef::Policy(p), _) => policy_used_by(model, p),
    }
}

/// The document a `DocRef` names.
pub fn resolve_doc(model: &Model, doc: DocRef) -> Option<&Doc> {
    match doc {
        DocRef::Trust(r) => model.roles.get(r)?.trust.as_ref(),
        DocRef::Inline(owner, i) => {
            let list = match owner {
                EntityRef::Role(r) => &model.roles.get(r)?.inline,
                EntityRef::User(u) => &model.users.get(u)?.inline,
                EntityRef::Group(g) => &model.groups.get(g)?.inline,
                EntityRef::Policy(_) => return None,
            };
            list.get(i).map(|d| &d.doc)
        }
        DocRef::Version(p, v) => model.policies.get(p)?.versions.get(v).map(|v| &v.doc),
    }
}

fn kind_tone(kind: &PrincipalKind) -> Tone {
    match kind {
        PrincipalKind::Any | PrincipalKind::UniqueId(_) => Tone::Danger,
        PrincipalKind::Unknown | PrincipalKind::CanonicalUser => Tone::Warn,
        PrincipalKind::Service => Tone::Good,
        _ => Tone::Accent,
    }
}

fn role_trust(model: &Model, r: usize) -> TabContent {
    let role = &model.roles[r];
    let rows = role
        .trust_rows
        .iter()
        .map(|t| {
            let mut kind = t.kind.label().to_string();
            if t.negated {
                kind = format!("NOT {kind}");
            }
            let effect_tone = if t.effect == Effect::Deny || t.negated {
                Tone::Danger
            } else {
                Tone::Good
            };
            let effect = match t.effect {
                Effect::Allow => "allow",
                Effect::Deny => "DENY",
            };
            let conditions: Vec<String> = t.conditions.iter().map(|c| c.text.clone()).collect();
            let summary = if conditions.is_empty() {
                "unconditional".to_string()
            } else {
                conditions.join("; ")
            };
            let verb = if t.effect == Effect::Deny { "denied" } else { "allowed" };
            let actions = if t.actions.is_empty() {
                "no action".to_string()
            } else {
                t.actions.join(", ")
            };
            let mut note = vec![format!("{} — {verb} {actions}", t.principal)];
            if t.negated {
                note.push("NotPrincipal is not allowed in a role trust policy: AWS rejects it; this document was not written by IAM.".into());
            }
            if let PrincipalKind::UniqueId(_) = t.kind {
                note.push("A bare unique id means the principal was deleted: this grant is dead, even if a principal of the same name exists again.".into());
            }
            note.extend(conditions.iter().map(|c| format!("  • {c}")));
            let target = model.resolve(&t.principal, role.account);
            Row {
                doc_title: None,
                cells: vec![
                    Cell::new(effect, effect_tone),
                    Cell::new(kind, kind_tone(&t.kind)),
                    Cell::plain(&t.principal),
                    Cell::new(t.actions.join(", "), Tone::Dim),
                    Cell::new(summary, if conditions.is_empty() { Tone::Dim } else { Tone::Warn }),
                ],
                target,
                arn: Some(t.principal.clone()),
                doc: None,
                note,
            }
        })
        .collect();
    TabContent {
        columns: vec![
            col("Effect", Width::Fixed(6)),
            col("Kind", Width::Fixed(20)),
            col("Principal", Width::Fill(3)),
            Column {
                hide_below: 100,
                ..col("Actions", Width::Fill(2))
            },
            col("Conditions", Width::Fill(3)),
        ],
        rows,
        fixed_doc: role.trust.as_ref().map(|_| DocRef::Trust(r)),
        doc_title: "Trust policy".into(),
        empty_text: "This role's trust policy names no principal.",
    }
}

/// One policy that applies to an entity, for the Permissions tab.
struct Source {
    kind: &'static str,
    tone: Tone,
    name: String,
    arn: Option<String>,
    target: Option<EntityRef>,
    doc: Option<DocRef>,
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
            .map(|v| DocRef::Version(p, v))
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
            doc: Some(DocRef::Inline(owner, i)),
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
    }
}

fn field(name: &str, value: impl Into<String>) -> Row {
    let value = value.into();
    let tone = if value.is_empty() || value.starts_with('—') {
        Tone::Dim
    } else {
        Tone::Normal
    };
    Row {
        cells: vec![Cell::new(name, Tone::Accent), Cell::new(value, tone)],
        ..Row::default()
    }
}

fn copyable(name: &str, value: &str) -> Row {
    Row {
        arn: Some(value.to_string()),
        ..field(name, value)
    }
}

fn details_tab(rows: Vec<Row>) -> TabContent {
    TabContent {
        columns: vec![col("Field", Width::Fixed(20)), col("Value", Width::Fill(1))],
        rows,
        fixed_doc: None,
        doc_title: String::new(),
        empty_text: "",
    }
}

fn date_or_dash(when: Option<chrono::DateTime<chrono::Utc>>, raw: Option<&str>) -> String {
    match (when, raw) {
        (Some(w), _) => w.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        (None, Some(raw)) => raw.to_string(),
        (None, None) => "—".into(),
    }
}

fn role_details(model: &Model, r: usize) -> TabContent {
    let role = &model.roles[r];
    let d = &role.detail;
    let now = model.reference_time(role.account);
    let account = &model.accounts[role.account];
    let mut rows = vec![
        copyable("ARN", &d.arn),
        copyable("Role id", &d.role_id),
        field("Name", d.role_name.clone()),
        field("Path", d.path.clone()),
        field(
            "Account",
            format!("{} ({})", account.account_id, account.label),
        ),
        field(
            "Description",
            d.description.clone().unwrap_or_else(|| "—".into()),
        ),
        field(
            "Created",
            date_or_dash(role.created, d.create_date.as_deref()),
        ),
        field(
            "Max session",
            match d.max_session_duration {
                Some(s) => format!("{} ({s} s)", hours(s)),
                None => "— (not in a GAAD export)".into(),
            },
        ),
        field("Last used", last_used_text(role, now)),
    ];
    for tag in &d.tags {
        rows.push(field("Tag", format!("{} = {}", tag.key, tag.value)));
    }
    if d.tags.is_empty() {
        rows.push(field("Tags", "—"));
    }
    for profile in &d.instance_profile_list {
        rows.push(Row {
            arn: Some(profile.arn.clone()),
            ..field(
                "Instance profile",
                format!("{} ({})", profile.instance_profile_name, profile.arn),
            )
        });
    }
    if d.instance_profile_list.is_empty() {
        rows.push(field("Instance profiles", "—"));
    }
    details_tab(rows)
}

fn hours(seconds: u32) -> String {
    if seconds.is_multiple_of(3600) {
        format!("{} h", seconds / 3600)
    } else {
        format!("{:.1} h", f64::from(seconds) / 3600.0)
    }
}

/// "2026-11-02 in eu-west-1 (18 days before the snapshot)" or "never".
pub fn last_used_text(role: &crate::model::Role, now: chrono::DateTime<chrono::Utc>) -> String {
    match role.last_used {
        Some(when) => {
            let region = role
                .detail
                .role_last_used
                .as_ref()
                .and_then(|u| u.region.as_deref())
                .unwrap_or("unknown region");
            let days = time::days_between(when, now);
            format!(
                "{} in {region} ({days} day{} before the snapshot)",
                time::short_date(when),
                if days == 1 { "" } else { "s" }
            )
        }
        None => "never (no RoleLastUsed record)".into(),
    }
}

fn entity_row(model: &Model, entity: EntityRef, how: &str) -> Row {
    let (kind, tone) = match entity {
        EntityRef::Role(_) => ("role", Tone::Accent),
        EntityRef::User(_) => ("user", Tone::Good),
        EntityRef::Group(_) => ("group", Tone::Warn),
        EntityRef::Policy(_) => ("policy", Tone::Normal),
    };
    let account = &model.accounts[model.account_of(entity)];
    Row {
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

fn entity_table(rows: Vec<Row>, empty_text: &'static str) -> TabContent {
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
    }
}

fn user_groups(model: &Model, u: usize) -> TabContent {
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

fn user_details(model: &Model, u: usize) -> TabContent {
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

fn group_members(model: &Model, g: usize) -> TabContent {
    let rows = model.groups[g]
        .members
        .iter()
        .map(|u| entity_row(model, EntityRef::User(*u), "member"))
        .collect();
    entity_table(rows, "This group has no members.")
}

fn group_details(model: &Model, g: usize) -> TabContent {
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

fn policy_document(model: &Model, p: usize) -> TabContent {
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
        .map(|v| DocRef::Version(p, v));
    content.doc_title = format!(
        "{} (default version {})",
        policy.name,
        default.map(|v| v.version_id.as_str()).unwrap_or("?")
    );
    content
}

fn policy_versions(model: &Model, p: usize) -> TabContent {
    let policy = &model.policies[p];
    let rows = policy
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| Row {
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
            doc: Some(DocRef::Version(p, i)),
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
    }
}

fn policy_used_by(model: &Model, p: usize) -> TabContent {
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

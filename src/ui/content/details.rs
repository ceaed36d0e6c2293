//! Details tabs: field / value rows.

use super::{Cell, Row, TabContent, Tone, Width, col};
use crate::model::{Model, time};

pub(super) fn field(name: &str, value: impl Into<String>) -> Row {
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

pub(super) fn copyable(name: &str, value: &str) -> Row {
    Row {
        arn: Some(value.to_string()),
        ..field(name, value)
    }
}

pub(super) fn details_tab(rows: Vec<Row>) -> TabContent {
    TabContent {
        columns: vec![col("Field", Width::Fixed(20)), col("Value", Width::Fill(1))],
        rows,
        fixed_doc: None,
        doc_title: String::new(),
        empty_text: "",
        ..TabContent::default()
    }
}

pub(super) fn date_or_dash(
    when: Option<chrono::DateTime<chrono::Utc>>,
    raw: Option<&str>,
) -> String {
    match (when, raw) {
        (Some(w), _) => w.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        (None, Some(raw)) => raw.to_string(),
        (None, None) => "—".into(),
    }
}

pub(super) fn role(model: &Model, r: usize) -> TabContent {
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

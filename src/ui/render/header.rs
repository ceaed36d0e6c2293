//! The header bar: the account (or the live load's progress) and counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::super::app::App;
use super::super::text::clean;
use super::super::theme::Theme;
use crate::model::time;

pub(super) fn draw(theme: Theme, frame: &mut Frame, app: &App, area: Rect) {
    let model = &app.data.model;
    let accounts = match (&app.data.live, model.accounts.as_slice()) {
        (Some(live), _) => {
            let who = match (&live.account_id, &live.caller_arn) {
                (Some(account), Some(caller)) => format!("live {account} as {caller}"),
                _ => "live: connecting".to_string(),
            };
            // Progress and warnings first: a narrow screen cuts the end.
            let state = if live.done || live.stage.is_empty() {
                String::new()
            } else {
                format!(
                    "loading {} ({:.0} s) │ ",
                    live.stage,
                    live.elapsed.as_secs_f64()
                )
            };
            let unavailable = match live.unavailable.len() {
                0 => String::new(),
                n => format!("⚠ {n} unavailable │ "),
            };
            format!("{state}{unavailable}{who}")
        }
        (None, loaded) if model.organization.is_some() => {
            let org = model
                .organization
                .as_deref()
                .map_or("", |o| &o.organization.id);
            let total = model
                .organization
                .as_deref()
                .map_or(0, |o| o.accounts.len());
            format!("org {org} │ {} of {total} accounts loaded", loaded.len())
        }
        (None, [one]) => {
            let captured = one
                .captured_at
                .map(|c| format!(" │ snapshot {}", time::short_date(c)))
                .unwrap_or_default();
            format!("{} ({}){captured}", one.label, one.account_id)
        }
        (None, many) => {
            let labels: Vec<&str> = many.iter().map(|a| a.label.as_str()).collect();
            format!("{} accounts: {}", many.len(), labels.join(", "))
        }
    };
    let text = format!(
        " rolecall │ {} │ {} roles · {} users · {} groups · {} policies",
        clean(&accounts),
        model.roles.len(),
        model.users.len(),
        model.groups.len(),
        model.policies.len()
    );
    frame.render_widget(Paragraph::new(text).style(theme.header_bar()), area);
}

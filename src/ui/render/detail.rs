//! The detail pane: its bordered title, then the tab bar, the table, the
//! selected row's note and the document, each in the area the app laid out.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::super::app::{App, Focus};
use super::super::content::Tone;
use super::super::layout::Hits;
use super::super::nav::Page;
use super::super::text::clean;
use super::{Renderer, document, table, tabs};
use crate::model::EntityRef;

pub(super) fn draw(renderer: &mut Renderer, frame: &mut Frame, app: &App, hits: &Hits) {
    let theme = renderer.theme;
    let area = hits.detail_block;
    let entity = app.detail_entity();
    if entity.is_none() && !matches!(app.page().page, Page::Findings | Page::Paths) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(false));
        frame.render_widget(Paragraph::new("No role selected.").block(block), area);
        return;
    }
    let page = app.page();
    let focused = page.focus == Focus::Detail;
    let (kind, name) = match entity {
        Some(entity) => entity_title(app, entity),
        None if app.page().page == Page::Paths => (
            "Paths",
            match app.data.analysis.escalation() {
                Some(v) => format!("to admin · {} principals can reach it", v.to_admin.len()),
                None => "to admin · working them out".into(),
            },
        ),
        None => (
            "Findings",
            format!(
                "every role, user, group and policy · {} findings",
                app.data.risk.total()
            ),
        ),
    };
    let mut title = vec![
        Span::styled(format!(" {kind} "), theme.title()),
        Span::raw(format!("{} ", clean(&name))),
    ];
    if let Page::Actions { .. } = page.page {
        title.push(Span::styled(
            format!("· Effective · {} ", clean(&app.content.doc_title)),
            theme.tone(Tone::Accent),
        ));
    }
    if app.pages.len() > 1 {
        title.push(Span::styled(
            format!("· {} back with Esc ", app.pages.len() - 1),
            theme.tone(Tone::Dim),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Line::from(title));
    frame.render_widget(block, area);
    tabs::draw(theme, frame, app, hits);
    table::draw(theme, frame, app, hits, focused);
    let note = app
        .content
        .rows
        .get(page.row)
        .map(|r| r.note.as_slice())
        .unwrap_or_default();
    if hits.note.height > 0 {
        let lines: Vec<Line> = note
            .iter()
            .map(|n| Line::raw(clean(n).into_owned()))
            .collect();
        frame.render_widget(
            Paragraph::new(lines)
                .style(theme.tone(Tone::Dim))
                .wrap(Wrap { trim: false }),
            hits.note,
        );
    }
    if let Some(doc) = app.current_doc()
        && hits.doc.height > 0
    {
        document::draw(renderer, frame, app, doc, hits.doc);
    }
}

fn entity_title(app: &App, entity: EntityRef) -> (&'static str, String) {
    let kind = match entity {
        EntityRef::Role(_) => "Role",
        EntityRef::User(_) => "User",
        EntityRef::Group(_) => "Group",
        EntityRef::Policy(_) => "Policy",
    };
    let account = &app.data.model.accounts[app.data.model.account_of(entity)];
    let name = if app.data.model.is_multi_account() {
        format!("{} · {}", app.data.model.name_of(entity), account.label)
    } else {
        app.data.model.name_of(entity).to_string()
    };
    (kind, name)
}

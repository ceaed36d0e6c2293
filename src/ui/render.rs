//! Draws the app. Work per frame is bounded by what is on screen: the role
//! list formats only its visible rows, documents come highlighted from a
//! cache, and the detail tab was built when it changed, not here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row as TableRow, Table, Wrap};

use super::app::{App, Focus};
use super::content::{self, Tone, Width};
use super::help;
use super::highlight::HighlightCache;
use super::layout::Hits;
use super::nav::Page;
use super::theme::Theme;
use crate::model::{EntityRef, time};

/// Everything drawing needs besides the app: the theme and the cache.
pub struct Renderer {
    pub theme: Theme,
    pub cache: HighlightCache,
}

impl Renderer {
    pub fn new(theme: Theme) -> Renderer {
        Renderer {
            theme,
            cache: HighlightCache::default(),
        }
    }

    /// Draws one frame and returns where things are.
    pub fn draw(&mut self, frame: &mut Frame, app: &App) -> Hits {
        let mut hits = Hits::default();
        let area = frame.area();
        let [header, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_header(frame, app, header);
        if app.on_role_list() {
            // Two fifths of the body, less when the filter leaves few rows.
            let wanted = (app.list.visible.len() as u16).max(3) + 3;
            let list_height = (body.height * 2 / 5)
                .max(6)
                .min(body.height.saturating_sub(8).max(4))
                .min(wanted);
            let [list, detail] =
                Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)])
                    .areas(body);
            self.draw_role_list(frame, app, list, &mut hits);
            self.draw_detail(frame, app, detail, &mut hits);
        } else {
            self.draw_detail(frame, app, body, &mut hits);
        }
        self.draw_status(frame, app, status);
        if app.help {
            self.draw_help(frame, app, area, &mut hits);
        }
        hits
    }

    fn draw_header(&self, frame: &mut Frame, app: &App, area: Rect) {
        let model = &app.model;
        let accounts = match (&app.live, model.accounts.as_slice()) {
            (Some(live), _) => {
                let who = match (&live.account_id, &live.caller_arn) {
                    (Some(account), Some(caller)) => format!("live {account} as {caller}"),
                    _ => "live: connecting".to_string(),
                };
                let state = if live.done {
                    String::new()
                } else {
                    format!(
                        " │ loading {} ({:.0} s)",
                        live.stage,
                        live.elapsed.as_secs_f64()
                    )
                };
                let unavailable = match live.unavailable.len() {
                    0 => String::new(),
                    n => format!(" │ ⚠ {n} unavailable"),
                };
                format!("{who}{state}{unavailable}")
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
            " rolecall │ {accounts} │ {} roles · {} users · {} groups · {} policies",
            model.roles.len(),
            model.users.len(),
            model.groups.len(),
            model.policies.len()
        );
        frame.render_widget(Paragraph::new(text).style(self.theme.header_bar()), area);
    }

    fn draw_role_list(&self, frame: &mut Frame, app: &App, area: Rect, hits: &mut Hits) {
        let theme = self.theme;
        let list = &app.list;
        let focused = app.page().focus == Focus::List;
        let mut title = vec![
            Span::styled(" Roles ", theme.title()),
            Span::raw(format!(
                "{} of {} · sort: {}{} ",
                list.visible.len(),
                app.model.roles.len(),
                list.sort.label(),
                if list.reverse { " (reversed)" } else { "" }
            )),
        ];
        if !list.filter.is_empty() || list.editing {
            title.push(Span::styled(
                format!(
                    "· filter: {}{} ",
                    list.filter,
                    if list.editing { "▏" } else { "" }
                ),
                theme.key(),
            ));
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(focused))
            .title(Line::from(title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 {
            return;
        }
        let rows_area = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        hits.list = rows_area;
        hits.list_height = rows_area.height;

        let multi = app.model.is_multi_account();
        let wide = inner.width >= 100;
        let mut columns = vec![("Name", Constraint::Fill(1))];
        if wide {
            columns.push(("Path", Constraint::Length(list.path_width)));
        }
        if multi {
            columns.push(("Account", Constraint::Length(16)));
        }
        let drift = app.drift.drift.is_some();
        if drift {
            columns.push(("Drift", Constraint::Length(9)));
        }
        columns.push(("Risk", Constraint::Length(6)));
        columns.push(("Last used", Constraint::Length(10)));
        columns.push(("Created", Constraint::Length(10)));

        let height = usize::from(rows_area.height);
        let offset = list.offset.min(list.visible.len().saturating_sub(1));
        let offset = if list.selected >= offset + height {
            list.selected + 1 - height
        } else {
            offset.min(list.selected)
        };
        let rows: Vec<TableRow> = list
            .visible
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, r)| {
                let role = &app.model.roles[*r];
                let now = app.model.reference_time(role.account);
                let last_used = match role.last_used {
                    Some(when) => {
                        let tone = if time::days_between(when, now) >= 90 {
                            Tone::Warn
                        } else {
                            Tone::Normal
                        };
                        Span::styled(time::short_age(when, now), theme.tone(tone))
                    }
                    None => Span::styled("never", theme.tone(Tone::Dim)),
                };
                let mut cells = vec![Line::raw(role.detail.role_name.as_str())];
                if wide {
                    cells.push(Line::styled(
                        role.detail.path.as_str(),
                        theme.tone(Tone::Dim),
                    ));
                }
                if multi {
                    cells.push(Line::raw(app.model.accounts[role.account].label.as_str()));
                }
                if drift {
                    cells.push(match app.drift.badge(&role.detail.arn) {
                        Some((text, tone)) => Line::styled(text, theme.tone(tone)),
                        None => Line::raw(""),
                    });
                }
                cells.push(match app.risk.max(*r) {
                    Some(sev) => Line::styled(
                        sev.as_str(),
                        theme.tone(content::findings_severity_tone(sev)),
                    ),
                    None => Line::raw(""),
                });
                cells.push(Line::from(last_used));
                cells.push(Line::styled(
                    role.created.map(time::short_date).unwrap_or_default(),
                    theme.tone(Tone::Dim),
                ));
                let style = if i == list.selected {
                    theme.selected(focused)
                } else {
                    Style::default()
                };
                TableRow::new(cells).style(style)
            })
            .collect();
        let header =
            TableRow::new(columns.iter().map(|(name, _)| *name)).style(theme.column_header());
        let widths: Vec<Constraint> = columns.iter().map(|(_, w)| *w).collect();
        let table = Table::new(rows, widths).header(header).column_spacing(1);
        frame.render_widget(table, inner);
        if list.visible.is_empty() {
            let text = if app.model.roles.is_empty() {
                "The snapshot has no roles."
            } else {
                "No role matches the filter. Esc clears it."
            };
            frame.render_widget(Paragraph::new(text).style(theme.tone(Tone::Dim)), rows_area);
        }
    }

    fn draw_detail(&mut self, frame: &mut Frame, app: &App, area: Rect, hits: &mut Hits) {
        let theme = self.theme;
        let entity = app.detail_entity();
        if entity.is_none() && app.page().page != Page::Findings {
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
            None => (
                "Findings",
                format!(
                    "every role · {} findings",
                    app.risk.by_role.iter().map(Vec::len).sum::<usize>()
                ),
            ),
        };
        let mut title = vec![
            Span::styled(format!(" {kind} "), theme.title()),
            Span::raw(format!("{name} ")),
        ];
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
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 2 {
            return;
        }
        let tabs_height = u16::from(entity.is_some());
        let [tabs_area, rest] =
            Layout::vertical([Constraint::Length(tabs_height), Constraint::Fill(1)]).areas(inner);
        if entity.is_some() {
            self.draw_tabs(frame, app, tabs_area, hits);
        }

        let content = &app.content;
        let doc = app.current_doc();
        let note = content
            .rows
            .get(page.row)
            .map(|r| r.note.as_slice())
            .unwrap_or_default();
        let width = usize::from(rest.width.max(1));
        let wrapped: usize = note
            .iter()
            .map(|n| n.chars().count().div_ceil(width).max(1))
            .sum();
        let note_height = (wrapped as u16).min(5).min(rest.height / 3);
        let table_rows = content.rows.len().max(1) as u16 + 1;
        let table_height = if doc.is_some() {
            table_rows
                .min((rest.height.saturating_sub(note_height)) * 2 / 5)
                .max(2.min(rest.height))
        } else {
            rest.height.saturating_sub(note_height)
        };
        let [table_area, note_area, doc_area] = Layout::vertical([
            Constraint::Length(table_height),
            Constraint::Length(note_height),
            Constraint::Fill(1),
        ])
        .areas(rest);
        self.draw_table(frame, app, table_area, focused, hits);
        if note_height > 0 {
            let lines: Vec<Line> = note.iter().map(|n| Line::raw(n.as_str())).collect();
            frame.render_widget(
                Paragraph::new(lines)
                    .style(theme.tone(Tone::Dim))
                    .wrap(Wrap { trim: false }),
                note_area,
            );
        }
        if let Some(doc) = doc {
            self.draw_doc(frame, app, doc, doc_area, hits);
        }
    }

    fn draw_tabs(&self, frame: &mut Frame, app: &App, area: Rect, hits: &mut Hits) {
        let mut x = area.x;
        let mut spans = Vec::new();
        let current = app.page().tab();
        for (i, tab) in app.tabs().into_iter().enumerate() {
            let label = format!(" {} {} ", i + 1, tab.title());
            let width = label.chars().count() as u16;
            hits.tabs.push((
                Rect {
                    x,
                    y: area.y,
                    width,
                    height: 1,
                },
                tab,
            ));
            x += width + 1;
            let style = if Some(tab) == current {
                self.theme.active_tab()
            } else {
                self.theme.tone(Tone::Dim)
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn draw_table(&self, frame: &mut Frame, app: &App, area: Rect, focused: bool, hits: &mut Hits) {
        let theme = self.theme;
        let content = &app.content;
        let page = app.page();
        if area.height == 0 {
            return;
        }
        if content.rows.is_empty() {
            frame.render_widget(
                Paragraph::new(content.empty_text).style(theme.tone(Tone::Dim)),
                area,
            );
            return;
        }
        let height = usize::from(area.height.saturating_sub(1));
        hits.table = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        hits.table_height = area.height.saturating_sub(1);
        let offset = if page.row >= page.row_offset + height {
            page.row + 1 - height
        } else {
            page.row_offset.min(page.row)
        };
        let shown: Vec<usize> = (0..content.columns.len())
            .filter(|i| area.width >= content.columns[*i].hide_below)
            .collect();
        let rows: Vec<TableRow> = content
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, row)| {
                let cells: Vec<Line> = shown
                    .iter()
                    .filter_map(|i| row.cells.get(*i))
                    .map(|c| Line::styled(c.text.as_str(), theme.tone(c.tone)))
                    .collect();
                let style = if i == page.row {
                    theme.selected(focused)
                } else {
                    Style::default()
                };
                TableRow::new(cells).style(style)
            })
            .collect();
        let widths: Vec<Constraint> = shown
            .iter()
            .map(|i| match content.columns[*i].width {
                Width::Fixed(n) => Constraint::Length(n),
                Width::Fill(n) => Constraint::Fill(n),
            })
            .collect();
        let header = TableRow::new(shown.iter().map(|i| content.columns[*i].title))
            .style(theme.column_header());
        frame.render_widget(
            Table::new(rows, widths).header(header).column_spacing(1),
            area,
        );
    }

    fn draw_doc(
        &mut self,
        frame: &mut Frame,
        app: &App,
        doc: content::DocRef,
        area: Rect,
        hits: &mut Hits,
    ) {
        let theme = self.theme;
        hits.doc = area;
        let Some(resolved) = content::resolve_doc(&app.model, &app.content, doc) else {
            return;
        };
        let lines = self
            .cache
            .get_or_insert(doc, app.content.generation, resolved.json, theme);
        let height = usize::from(area.height.saturating_sub(1));
        let scroll = app.page().scroll.min(lines.len().saturating_sub(1));
        let last = (scroll + height).min(lines.len());
        let mut title = vec![
            Span::styled(
                format!(" {} ", app.content.doc_title_for(app.page().row)),
                theme.title(),
            ),
            Span::styled(
                format!("lines {}–{} of {} ", scroll + 1, last, lines.len()),
                theme.tone(Tone::Dim),
            ),
        ];
        if app.page().hscroll > 0 {
            title.push(Span::styled(
                format!("from column {} ", app.page().hscroll + 1),
                theme.tone(Tone::Dim),
            ));
        }
        if let Some(why) = resolved.error {
            title.push(Span::styled(
                format!("does not parse: {why} "),
                theme.tone(Tone::Danger),
            ));
        }
        let visible: Vec<Line> = lines[scroll..last].to_vec();
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.border(false))
            .title(Line::from(title));
        let hscroll = u16::try_from(app.page().hscroll).unwrap_or(u16::MAX);
        frame.render_widget(
            Paragraph::new(visible).block(block).scroll((0, hscroll)),
            area,
        );
    }

    fn draw_status(&self, frame: &mut Frame, app: &App, area: Rect) {
        let theme = self.theme;
        let mut spans = Vec::new();
        for (key, what) in help::hints(&app.keymap, app.mode()) {
            spans.push(Span::styled(format!(" {key}"), theme.key()));
            spans.push(Span::raw(format!(" {what}")));
        }
        let hints_width: u16 = spans
            .iter()
            .map(|s| s.content.chars().count() as u16)
            .sum::<u16>()
            + 1;
        let [left, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(hints_width)]).areas(area);
        frame.render_widget(Paragraph::new(format!(" {}", app.status)), left);
        frame.render_widget(Paragraph::new(Line::from(spans)), right);
    }

    fn draw_help(&self, frame: &mut Frame, app: &App, area: Rect, hits: &mut Hits) {
        let lines = help::lines(self.theme, &app.keymap);
        let width = area.width.saturating_sub(4).min(86);
        let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        let popup = Rect {
            x: area.x + (area.width.saturating_sub(width)) / 2,
            y: area.y + (area.height.saturating_sub(height)) / 2,
            width,
            height,
        };
        hits.help_height = height.saturating_sub(2);
        frame.render_widget(Clear, popup);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border(true))
            .title(Span::styled(
                " Keys · Esc closes · ↓ ↑ scroll ",
                self.theme.title(),
            ));
        let scroll = app.help_scroll.min(lines.len()) as u16;
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            popup,
        );
    }
}

fn entity_title(app: &App, entity: EntityRef) -> (&'static str, String) {
    let kind = match entity {
        EntityRef::Role(_) => "Role",
        EntityRef::User(_) => "User",
        EntityRef::Group(_) => "Group",
        EntityRef::Policy(_) => "Policy",
    };
    let account = &app.model.accounts[app.model.account_of(entity)];
    let name = if app.model.is_multi_account() {
        format!("{} · {}", app.model.name_of(entity), account.label)
    } else {
        app.model.name_of(entity).to_string()
    };
    (kind, name)
}

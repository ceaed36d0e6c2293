//! The document pane: highlighted JSON from the cache, scrolled both ways
//! by the offsets the app keeps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::super::app::App;
use super::super::content::{self, PaneDoc, Tone};
use super::super::text::clean;
use super::Renderer;

pub(super) fn draw(
    renderer: &mut Renderer,
    frame: &mut Frame,
    app: &App,
    doc: PaneDoc,
    area: Rect,
) {
    let theme = renderer.theme;
    let Some(resolved) = content::resolve_doc(&app.data.model, &app.content, doc) else {
        return;
    };
    let lines = renderer
        .cache
        .get_or_insert(doc, app.content.generation, resolved.json, theme);
    let height = usize::from(area.height.saturating_sub(1));
    let scroll = app.page().scroll.min(lines.len().saturating_sub(1));
    let last = (scroll + height).min(lines.len());
    let mut title = vec![
        Span::styled(
            format!(" {} ", clean(app.content.doc_title_for(app.page().row))),
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
            format!("does not parse: {} ", clean(why)),
            theme.tone(Tone::Danger),
        ));
    }
    let visible: Vec<Line> = lines[scroll.min(last)..last].to_vec();
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

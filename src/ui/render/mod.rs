//! Draws the app, one module per pane. Drawing only reads: the areas and
//! scroll offsets come from the app (`App::hits`, kept by `relayout`), and
//! work per frame is bounded by what is on screen.

mod accounts;
mod detail;
mod document;
mod entities;
mod header;
mod help;
mod list;
mod status;
mod table;
mod tabs;

use ratatui::Frame;

use super::app::App;
use super::highlight::HighlightCache;
use super::theme::Theme;

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

    /// Draws one frame. The app's layout is used when it was made for this
    /// screen size (the event loop sends `Msg::Resize` first); otherwise a
    /// layout is computed for this frame only.
    pub fn draw(&mut self, frame: &mut Frame, app: &App) {
        let fresh;
        let hits = if app.hits.screen == frame.area() {
            &app.hits
        } else {
            fresh = app.layout_for(frame.area());
            &fresh
        };
        header::draw(self.theme, frame, app, hits.header);
        if let Some(list) = app.entity_list() {
            if list.kind == super::nav::ListPage::Accounts {
                accounts::draw(self.theme, frame, app, list, hits);
            } else {
                entities::draw(self.theme, frame, app, list, hits);
            }
        } else {
            if app.on_role_list() {
                list::draw(self.theme, frame, app, hits);
            }
            detail::draw(self, frame, app, hits);
        }
        status::draw(self.theme, frame, app, hits.status);
        if app.help {
            help::draw(self.theme, frame, app, hits);
        }
    }
}

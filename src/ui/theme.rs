//! Styles. Only the terminal's own 16 named colours are used, so the palette
//! follows the user's dark or light theme; with `NO_COLOR` set, only bold,
//! dim and reverse remain, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

use super::content::Tone;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

/// The colours, each overridable in the config file's `[colors]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub accent: Color,
    pub good: Color,
    pub warn: Color,
    pub danger: Color,
    pub dim: Color,
    pub title: Color,
    pub header_fg: Color,
    pub header_bg: Color,
    pub border: Color,
    pub key: Color,
    pub json_key: Color,
    pub json_string: Color,
    pub json_literal: Color,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            accent: Color::Cyan,
            good: Color::Green,
            warn: Color::Yellow,
            danger: Color::Red,
            dim: Color::DarkGray,
            title: Color::Cyan,
            header_fg: Color::White,
            header_bg: Color::Blue,
            border: Color::Cyan,
            key: Color::Yellow,
            json_key: Color::Cyan,
            json_string: Color::Green,
            json_literal: Color::Magenta,
        }
    }
}

impl Palette {
    /// Each colour with its config name, in the order `--print-config` writes them.
    pub fn slots(&mut self) -> [(&'static str, &mut Color); 13] {
        [
            ("accent", &mut self.accent),
            ("good", &mut self.good),
            ("warn", &mut self.warn),
            ("danger", &mut self.danger),
            ("dim", &mut self.dim),
            ("title", &mut self.title),
            ("header-fg", &mut self.header_fg),
            ("header-bg", &mut self.header_bg),
            ("border", &mut self.border),
            ("key", &mut self.key),
            ("json-key", &mut self.json_key),
            ("json-string", &mut self.json_string),
            ("json-literal", &mut self.json_literal),
        ]
    }
}

impl Theme {
    /// The default colours, or none at all.
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            palette: Palette::default(),
        }
    }

    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env(palette: Palette) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            palette,
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Normal => Style::default(),
            Tone::Dim => self.fg(self.palette.dim).add_modifier(if self.color {
                Modifier::empty()
            } else {
                Modifier::DIM
            }),
            Tone::Accent => self.fg(self.palette.accent),
            Tone::Good => self.fg(self.palette.good),
            Tone::Warn => self.fg(self.palette.warn),
            Tone::Danger => self.fg(self.palette.danger).add_modifier(Modifier::BOLD),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.palette.title).add_modifier(Modifier::BOLD)
    }

    pub fn header_bar(&self) -> Style {
        if self.color {
            Style::default()
                .bg(self.palette.header_bg)
                .fg(self.palette.header_fg)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.border).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.palette.dim)
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn column_header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn key(&self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }

    pub fn active_tab(&self) -> Style {
        self.fg(self.palette.accent)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    // JSON highlighting.
    pub fn json_key(&self) -> Style {
        self.fg(self.palette.json_key)
    }
    pub fn json_string(&self) -> Style {
        self.fg(self.palette.json_string)
    }
    pub fn json_literal(&self) -> Style {
        self.fg(self.palette.json_literal)
    }
    pub fn json_punctuation(&self) -> Style {
        Style::default()
    }
}

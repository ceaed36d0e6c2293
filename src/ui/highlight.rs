//! JSON syntax highlighting with syntect, turned into ratatui lines.
//!
//! syntect's parser gives each piece of text its scope stack; the scopes are
//! mapped to the theme's few styles here rather than through a syntect colour
//! theme, so the colours follow the terminal's palette and `NO_COLOR`.

use std::collections::HashMap;
use std::sync::OnceLock;

use ratatui::text::{Line, Span};
use serde_json::Value;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use super::content::PaneDoc;
use super::theme::Theme;

/// The document as shown and copied: two-space indented JSON.
pub fn pretty_json(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

fn syntaxes() -> &'static (SyntaxSet, Scopes) {
    static SET: OnceLock<(SyntaxSet, Scopes)> = OnceLock::new();
    SET.get_or_init(|| (SyntaxSet::load_defaults_newlines(), Scopes::new()))
}

struct Scopes {
    key: Option<Scope>,
    string: Option<Scope>,
    constant: Option<Scope>,
}

impl Scopes {
    fn new() -> Scopes {
        Scopes {
            key: Scope::new("meta.structure.dictionary.key").ok(),
            string: Scope::new("string").ok(),
            constant: Scope::new("constant").ok(),
        }
    }
}

fn json_syntax(set: &SyntaxSet) -> Option<&SyntaxReference> {
    set.find_syntax_by_extension("json")
}

/// Highlights JSON text; falls back to plain lines if syntect cannot parse.
pub fn highlight_json(text: &str, theme: Theme) -> Vec<Line<'static>> {
    let (set, scopes) = syntaxes();
    let plain = || text.lines().map(|l| Line::raw(l.to_string())).collect();
    let Some(syntax) = json_syntax(set) else {
        return plain();
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        let with_newline = format!("{line}\n");
        let Ok(ops) = state.parse_line(&with_newline, set) else {
            return plain();
        };
        let mut spans = Vec::new();
        let mut start = 0;
        for (pos, op) in ops {
            let pos = pos.min(line.len());
            if pos > start {
                spans.push(Span::styled(
                    line[start..pos].to_string(),
                    style_for(&stack, scopes, theme),
                ));
                start = pos;
            }
            if stack.apply(&op).is_err() {
                return plain();
            }
        }
        if start < line.len() {
            spans.push(Span::styled(
                line[start..].to_string(),
                style_for(&stack, scopes, theme),
            ));
        }
        lines.push(Line::from(spans));
    }
    lines
}

fn style_for(stack: &ScopeStack, scopes: &Scopes, theme: Theme) -> ratatui::style::Style {
    let has = |wanted: Option<Scope>| {
        wanted.is_some_and(|w| stack.as_slice().iter().any(|s| w.is_prefix_of(*s)))
    };
    if has(scopes.key) {
        theme.json_key()
    } else if has(scopes.string) {
        theme.json_string()
    } else if has(scopes.constant) {
        theme.json_literal()
    } else {
        theme.json_punctuation()
    }
}

/// Colours a unified diff: additions, removals and hunk headers.
pub fn highlight_diff(text: &str, theme: Theme) -> Vec<Line<'static>> {
    text.lines()
        .map(|line| {
            let style = if line.starts_with("+++") || line.starts_with("---") {
                theme.title()
            } else if line.starts_with('+') {
                theme.tone(super::content::Tone::Good)
            } else if line.starts_with('-') {
                theme.tone(super::content::Tone::Danger)
            } else if line.starts_with("@@") {
                theme.tone(super::content::Tone::Accent)
            } else {
                ratatui::style::Style::default()
            };
            Line::styled(line.to_string(), style)
        })
        .collect()
}

/// Highlighted documents, kept for the session: the model never changes, so
/// a document is highlighted once however often it is drawn.
#[derive(Default)]
pub struct HighlightCache {
    docs: HashMap<(PaneDoc, u64), Vec<Line<'static>>>,
}

impl HighlightCache {
    /// `generation` tells apart documents a tab made itself (`PaneDoc::Owned`);
    /// the model's own documents are the same in every tab.
    pub fn get_or_insert(
        &mut self,
        doc: PaneDoc,
        generation: u64,
        json: &Value,
        theme: Theme,
    ) -> &[Line<'static>] {
        let generation = if matches!(doc, PaneDoc::Owned(_)) {
            // Highlighting of other tabs' own documents is no longer needed.
            self.docs
                .retain(|(d, g), _| !matches!(d, PaneDoc::Owned(_)) || *g == generation);
            generation
        } else {
            0
        };
        self.docs
            .entry((doc, generation))
            .or_insert_with(|| match json {
                // A unified diff the tab made: coloured by line, not as JSON.
                Value::String(text) => highlight_diff(text, theme),
                _ => highlight_json(&pretty_json(json), theme),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_strings_and_literals_get_distinct_styles() {
        let theme = Theme::new(true);
        let lines = highlight_json("{\n  \"Effect\": \"Allow\",\n  \"N\": 5\n}", theme);
        assert_eq!(lines.len(), 4);
        let style_of = |line: &Line, text: &str| {
            line.spans
                .iter()
                .find(|s| s.content.contains(text))
                .map(|s| s.style)
        };
        assert_eq!(style_of(&lines[1], "Effect"), Some(theme.json_key()));
        assert_eq!(style_of(&lines[1], "Allow"), Some(theme.json_string()));
        assert_eq!(style_of(&lines[2], "5"), Some(theme.json_literal()));
        let text: String = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "  \"Effect\": \"Allow\",");
    }

    #[test]
    fn no_color_keeps_the_text_without_colours() {
        let lines = highlight_json("{\"a\": true}", Theme::new(false));
        assert!(lines[0].spans.iter().all(|s| s.style.fg.is_none()));
    }
}

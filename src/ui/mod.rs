//! The terminal UI. State and its pure `update` live in `app`; `render`
//! draws it; `run` is the event loop that does the I/O.

pub mod accounts;
pub mod action;
pub mod app;
pub mod clipboard;
pub mod config;
pub mod content;
pub mod escalation;
pub mod help;
pub mod highlight;
pub mod keymap;
pub mod layout;
pub mod live;
pub mod mouse;
pub mod nav;
pub mod org_live;
pub mod render;
pub mod risk;
pub mod run;
pub mod terminal;
pub mod text;
pub mod theme;

pub use app::{App, Command, Msg};
pub use render::Renderer;
pub use run::run;

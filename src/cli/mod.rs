//! Non-interactive commands and their output formats.

pub mod input;

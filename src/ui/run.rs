//! The event loop: draws, waits for a key, mouse, resize or signal, feeds
//! `App::update`, and carries out the commands it returns.

use std::io;

use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use tokio::signal::unix::{SignalKind, signal};

use super::app::{App, Command, Msg};
use super::clipboard;
use super::render::Renderer;
use super::terminal::TerminalGuard;
use super::theme::Theme;
use crate::model::Model;

/// Runs the TUI until the user quits or a signal ends it.
pub async fn run(model: Model) -> io::Result<()> {
    let mut terminal_signal = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::new(model);
    let mut renderer = Renderer::new(Theme::from_env());
    let mut events = EventStream::new();
    loop {
        let mut hits = None;
        guard
            .terminal
            .draw(|frame| hits = Some(renderer.draw(frame, &app)))?;
        if let Some(hits) = hits {
            app.hits = hits;
        }
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Mouse(mouse))) => Msg::Mouse(mouse),
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(e),
                None => return Ok(()),
            },
            _ = terminal_signal.recv() => return Ok(()),
            _ = hangup.recv() => return Ok(()),
        };
        for command in app.update(msg) {
            match command {
                Command::Quit => return Ok(()),
                Command::Copy { text, what } => {
                    let status = clipboard::copy(guard.terminal.backend_mut(), &text, &what);
                    app.update(Msg::Status(status));
                }
            }
        }
    }
}

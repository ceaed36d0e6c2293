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
use crate::model::{self, Model};
use crate::source::{self, SourceSpec};

/// Runs the TUI until the user quits or a signal ends it. `spec` is what
/// `r` reloads.
pub async fn run(model: Model, spec: SourceSpec) -> io::Result<()> {
    let mut terminal_signal = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::new(model);
    let mut renderer = Renderer::new(Theme::from_env());
    let mut events = EventStream::new();
    let (loaded_tx, mut loaded_rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
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
            Some(msg) = loaded_rx.recv() => msg,
            _ = terminal_signal.recv() => return Ok(()),
            _ = hangup.recv() => return Ok(()),
        };
        for command in app.update(msg) {
            match command {
                Command::Quit => return Ok(()),
                Command::Load { request } => {
                    let spec = spec.clone();
                    let tx = loaded_tx.clone();
                    tokio::task::spawn_blocking(move || {
                        let result = source::load(&spec)
                            .map(|loaded| Box::new(model::build(loaded)))
                            .map_err(|e| e.to_string());
                        // The receiver is gone only when the UI has quit.
                        let _ = tx.send(Msg::Loaded { request, result });
                    });
                }
                Command::Copy { text, what } => {
                    let status = clipboard::copy(guard.terminal.backend_mut(), &text, &what);
                    app.update(Msg::Status(status));
                }
            }
        }
    }
}

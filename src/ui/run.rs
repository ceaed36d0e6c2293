//! The event loop: draws, waits for a key, mouse, resize or signal, feeds
//! `App::update`, and carries out the commands it returns.

use std::io;
use std::sync::Arc;

use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use tokio::signal::unix::{SignalKind, signal};

use super::app::{App, Command, Msg};
use super::clipboard;
use super::config::Config;
use super::render::Renderer;
use super::risk::RiskIndex;
use super::terminal::TerminalGuard;
use super::theme::Theme;
use crate::analysis::assume::AssumeIndex;
use crate::model::{self, Model};
use crate::source::live::{LiveOptions, load_live};
use crate::source::{self, SourceSpec};
use tokio::sync::mpsc::UnboundedSender;

/// Where the UI's data comes from, and so what `r` reloads.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Files or the demo, loaded before the UI starts.
    Static(SourceSpec),
    /// Files loaded while the UI runs (an organization's directory: the
    /// UI is up at once and fills when they are read).
    Background(SourceSpec),
    /// The live account of the current credentials, loaded while the UI runs.
    Live(LiveOptions),
    /// The whole organization of the current credentials (`--org`).
    LiveOrg(Box<super::org_live::OrgLiveOptions>),
}

/// How the UI ended.
#[derive(Debug)]
pub enum Exit {
    Quit,
    /// Nothing could be loaded; the message says why and what to do.
    Failed(String),
}

/// Runs the TUI until the user quits or a signal ends it.
pub async fn run(
    model: Model,
    origin: Origin,
    baseline: Option<Model>,
    config: Config,
) -> io::Result<Exit> {
    let mut terminal_signal = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::new(model);
    app.keymap = config.keymap;
    if let Some(baseline) = baseline {
        app.set_baseline(baseline);
    }
    let mut pending = match origin {
        Origin::Live(_) => app.start_live(),
        Origin::LiveOrg(_) => app.start_org(),
        Origin::Static(_) => app.start(),
        Origin::Background(_) => app.start_background(),
    };
    let mut renderer = Renderer::new(Theme::from_env(config.palette));
    let size = guard.terminal.size()?;
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    let force_panic = std::env::var_os("ROLECALL_TEST_PANIC").is_some();
    let mut events = EventStream::new();
    let (loaded_tx, mut loaded_rx) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    loop {
        for command in std::mem::take(&mut pending) {
            match command {
                Command::Quit => return Ok(Exit::Quit),
                Command::Fail(message) => return Ok(Exit::Failed(message)),
                Command::Load { request } => start_load(&origin, request, loaded_tx.clone()),
                Command::ComputeRisk { generation } => {
                    let model = std::sync::Arc::clone(&app.data.model);
                    let tx = loaded_tx.clone();
                    tokio::task::spawn_blocking(move || {
                        let index = Arc::new(AssumeIndex::build(&model));
                        let shared = Arc::clone(&index);
                        let _ = tx.send(Msg::AssumeIndexReady { generation, index });
                        let risk = Box::new(RiskIndex::build_with(&model, Arc::clone(&shared)));
                        let _ = tx.send(Msg::RiskReady { generation, risk });
                        let view = Arc::new(crate::ui::escalation::EscalationView::build(
                            &model, &shared,
                        ));
                        let _ = tx.send(Msg::EscalationReady { generation, view });
                    });
                }
                Command::Copy { text, what } => {
                    let status = clipboard::copy(guard.terminal.backend_mut(), &text, &what);
                    app.update(Msg::Status(status));
                }
            }
        }
        guard.terminal.draw(|frame| renderer.draw(frame, &app))?;
        if force_panic {
            // Test-only: proves the panic hook restores the terminal
            // (tests/e2e_tmux.rs). Nothing else sets this variable.
            #[allow(clippy::panic)]
            {
                panic!("forced by ROLECALL_TEST_PANIC after the first frame");
            }
        }
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Mouse(mouse))) => Msg::Mouse(mouse),
                Some(Ok(Event::Resize(width, height))) => Msg::Resize { width, height },
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(e),
                None => return Ok(Exit::Quit),
            },
            Some(msg) = loaded_rx.recv() => msg,
            _ = terminal_signal.recv() => return Ok(Exit::Quit),
            _ = hangup.recv() => return Ok(Exit::Quit),
        };
        pending = app.update(msg);
    }
}

/// Starts loading in the background; the answer comes back as messages
/// carrying `request`, so an answer to an older load is dropped.
fn start_load(origin: &Origin, request: u64, tx: UnboundedSender<Msg>) {
    match origin {
        Origin::Static(spec) | Origin::Background(spec) => {
            let spec = spec.clone();
            tokio::task::spawn_blocking(move || {
                let result = source::load(&spec)
                    .and_then(|loaded| {
                        let mut model = model::build(loaded);
                        model.organization = source::load_organization(&spec)?;
                        Ok(Box::new(model))
                    })
                    .map_err(|e| e.to_string());
                // The receiver is gone only when the UI has quit.
                let _ = tx.send(Msg::Loaded { request, result });
            });
        }
        Origin::LiveOrg(options) => {
            let options = (**options).clone();
            // Like a live account: the SDK's futures on a thread of their own.
            std::thread::spawn(move || {
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime.block_on(super::org_live::load(options, request, tx)),
                    Err(e) => {
                        let _ = tx.send(Msg::Loaded {
                            request,
                            result: Err(format!("could not start the loader: {e}")),
                        });
                    }
                }
            });
        }
        Origin::Live(options) => {
            let options = options.clone();
            // The SDK's futures are driven on a thread of their own, so a
            // slow or retrying load never holds up the UI's runtime.
            std::thread::spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = tx.send(Msg::Loaded {
                            request,
                            result: Err(format!("could not start the loader: {e}")),
                        });
                        return;
                    }
                };
                runtime.block_on(async move {
                    let (events_tx, mut events_rx) = tokio::sync::mpsc::unbounded_channel();
                    let forward_tx = tx.clone();
                    let forward = async move {
                        while let Some(event) = events_rx.recv().await {
                            let _ = forward_tx.send(Msg::Live {
                                request,
                                event: Box::new(event),
                            });
                        }
                    };
                    // Every event is delivered before the end of the load.
                    let (result, ()) = tokio::join!(load_live(&options, events_tx), forward);
                    let _ = tx.send(Msg::LiveDone {
                        request,
                        result: Box::new(result),
                    });
                });
            });
        }
    }
}

//! The live-loading UI without AWS: a scripted sequence of the events the
//! live source sends (identity, pages, progress, throttling, an unavailable
//! piece, the end or a failure), fed through `App::update`, with the
//! screen snapshotted after each step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use std::time::Duration;

use common::render;
use rolecall::model::Model;
use rolecall::snapshot::Snapshot;
use rolecall::source::live::{LiveError, LiveEvent, LiveResult, UnavailablePiece};
use rolecall::ui::{App, Command, Msg};

fn demo_snapshot() -> Snapshot {
    rolecall::source::demo::current().unwrap().snapshot
}

fn live(app: &mut App, request: u64, event: LiveEvent) -> Vec<Command> {
    app.update(Msg::Live {
        request,
        event: Box::new(event),
    })
}

/// A live app that asked for its load; returns the load's request id.
fn connecting() -> (App, u64) {
    let mut app = App::new(Model::default());
    let commands = app.start_live();
    let [Command::Load { request }] = commands[..] else {
        panic!("{commands:?}")
    };
    (app, request)
}

#[test]
fn pages_progress_throttling_and_an_unavailable_piece_then_done() {
    let (mut app, request) = connecting();
    insta::assert_snapshot!("live_1_connecting", render(&mut app, 80, 24));

    live(
        &mut app,
        request,
        LiveEvent::Identity {
            account_id: "111122223333".into(),
            caller_arn: "arn:aws:iam::111122223333:user/alice".into(),
            partition: "aws".into(),
        },
    );
    // The first page: the managed policies and 40 roles.
    let full = demo_snapshot();
    let mut first = full.clone();
    first.role_detail_list.truncate(40);
    first.user_detail_list.clear();
    first.group_detail_list.clear();
    live(&mut app, request, LiveEvent::Page(first));
    live(
        &mut app,
        request,
        LiveEvent::Progress {
            stage: "roles".into(),
            done: 40,
            total: None,
            retries: 0,
            elapsed: Duration::from_secs(2),
        },
    );
    assert_eq!(app.data.model.roles.len(), 40, "browsable while it loads");
    insta::assert_snapshot!("live_2_first_page", render(&mut app, 80, 24));

    live(
        &mut app,
        request,
        LiveEvent::Throttled {
            call: "GetAccountAuthorizationDetails".into(),
            attempt: 2,
        },
    );
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains("throttled, retrying (attempt 2)"),
        "{screen}"
    );

    live(
        &mut app,
        request,
        LiveEvent::Unavailable(UnavailablePiece {
            what: "role ci-runner inline policies".into(),
            call: "iam:ListRolePolicies".into(),
            error: "AccessDenied".into(),
        }),
    );
    insta::assert_snapshot!("live_3_unavailable_piece", render(&mut app, 80, 24));

    // An event of an older load is dropped.
    let mut stale = full.clone();
    stale.role_detail_list.truncate(1);
    live(&mut app, request + 5, LiveEvent::Page(stale));
    assert_eq!(app.data.model.roles.len(), 40);

    let commands = app.update(Msg::LiveDone {
        request,
        result: Box::new(Ok(LiveResult {
            snapshot: full,
            unavailable: Vec::new(),
            requests: 12,
            used_fallback: false,
            elapsed: Duration::from_millis(3400),
        })),
    });
    assert!(
        matches!(commands[..], [Command::ComputeRisk { .. }]),
        "the audit starts once the whole account is in: {commands:?}"
    );
    assert_eq!(app.data.model.roles.len(), 71);
    insta::assert_snapshot!("live_4_done", render(&mut app, 80, 24));
}

#[test]
fn a_failure_with_nothing_loaded_ends_the_ui_with_the_reason() {
    let (mut app, request) = connecting();
    let commands = app.update(Msg::LiveDone {
        request,
        result: Box::new(Err(LiveError::NoCredentials { profile: None })),
    });
    let Some(Command::Fail(message)) = commands.first() else {
        panic!("{commands:?}")
    };
    insta::assert_snapshot!("live_failed_with_nothing_loaded", message);
}

#[test]
fn a_lost_connection_keeps_what_arrived() {
    let (mut app, request) = connecting();
    let mut part = demo_snapshot();
    part.role_detail_list.truncate(10);
    let commands = app.update(Msg::LiveDone {
        request,
        result: Box::new(Err(LiveError::ConnectionLost {
            call: "GetAccountAuthorizationDetails".into(),
            detail: "connection reset".into(),
            partial: Box::new(part),
        })),
    });
    assert!(!commands.iter().any(|c| matches!(c, Command::Fail(_))));
    assert_eq!(app.data.model.roles.len(), 10);
    insta::assert_snapshot!("live_connection_lost", render(&mut app, 80, 24));
}

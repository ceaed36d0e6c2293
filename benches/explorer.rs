//! Benchmarks of the explorer on a generated 10,000-role / 5,000-user account
//! (serialized once, indented like the AWS CLI writes GAAD):
//!
//! - `load_10k/serde_json_value`: `serde_json::Value` of the bytes (baseline);
//! - `load_10k/parse_gaad`: the file source's parse into a `Snapshot`;
//! - `load_10k/parse_and_build`: parse plus `model::build` (decode, parse and
//!   index every document);
//! - `ui_10k/filter_keystroke_pair`: with the filter "ci" being edited, type
//!   `-` then Backspace (two keystrokes, each re-filtering 10,000 roles);
//! - `ui_10k/render_frame_120x40`: one frame into ratatui's `TestBackend`,
//!   list scrolled to the middle; `…_full_redraw` clears the terminal first
//!   so every cell is diffed and written, as after a resize;
//! - `ui_10k/select_next_row`: `j` in the role list, including the rebuild of
//!   the detail pane for the newly selected role;
//! - `ui_10k/who_can_assume_tab_star_role`: Tab 1 then 2 on a role trusting
//!   `{"AWS": "*"}` (15,001 rows; the analysis is cached after the first
//!   time, so this is building the rows of the tab);
//! - `ui_10k/who_can_assume_tab_with_gainers`: the same on the role the most
//!   principals can gain by escalation, its "can gain" rows included, once
//!   the escalation graph has arrived.
//! - `org_100x500/*`: an organization of 100 generated accounts of 500
//!   roles each, in 10 OUs: `account_book` is the per-account text, counts
//!   and Accounts tree made once per model; `render_accounts_view_120x40`
//!   and `render_role_list_120x40` one frame of the Accounts view and of
//!   the role list with its Account and OU columns.
//!
//! `scripts/bench.sh` runs these and summarizes the medians.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use rolecall::model::{self, Model};
use rolecall::source::{Loaded, file::parse_gaad};
use rolecall::ui::theme::Theme;
use rolecall::ui::{App, Msg, Renderer};
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account, to_json_bytes};

const ROLES: usize = 10_000;
const USERS: usize = 5_000;

fn gaad_bytes() -> Vec<u8> {
    let snapshot = generate_account(&SyntheticSpec::sized(ROLES, USERS));
    to_json_bytes(&snapshot, true).expect("a generated snapshot serializes")
}

fn load(bytes: &[u8]) -> Model {
    let snapshot = parse_gaad(bytes, "synthetic-10k.json").expect("generated GAAD parses");
    model::build(vec![Loaded {
        origin: "synthetic-10k.json".into(),
        snapshot,
    }])
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Draws like the event loop does, keeping the screen areas for the keys.
fn draw(terminal: &mut Terminal<TestBackend>, renderer: &mut Renderer, app: &mut App) {
    let size = terminal.size().expect("TestBackend has a size");
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    terminal
        .draw(|frame| renderer.draw(frame, app))
        .expect("TestBackend draws");
}

/// Moves the role list's selection to `role`, as the arrow keys would.
fn select_role(app: &mut App, role: usize) {
    let position = app
        .list
        .visible
        .iter()
        .position(|r| *r == role)
        .expect("every role is listed");
    app.update(key(KeyCode::Home));
    for _ in 0..position {
        app.update(key(KeyCode::Down));
    }
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("TestBackend")
}

fn loading(c: &mut Criterion, bytes: &[u8]) {
    let mut group = c.benchmark_group("load_10k");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("serde_json_value", |b| {
        b.iter_with_large_drop(|| {
            serde_json::from_slice::<serde_json::Value>(black_box(bytes)).expect("valid JSON")
        })
    });
    group.bench_function("parse_gaad", |b| {
        b.iter_with_large_drop(|| parse_gaad(black_box(bytes), "bench").expect("parses"))
    });
    group.bench_function("parse_and_build", |b| {
        b.iter_with_large_drop(|| load(black_box(bytes)))
    });
    group.finish();
}

fn ui(c: &mut Criterion, bytes: &[u8]) {
    let model = load(bytes);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings.first());
    let mut renderer = Renderer::new(Theme::new(true));
    let mut group = c.benchmark_group("ui_10k");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    // The filter: "/" then "ci", as typed; then "-" and Backspace, timed.
    let mut filtering = App::new(model.clone());
    let mut term = terminal();
    draw(&mut term, &mut renderer, &mut filtering);
    for code in [KeyCode::Char('/'), KeyCode::Char('c'), KeyCode::Char('i')] {
        filtering.update(key(code));
    }
    draw(&mut term, &mut renderer, &mut filtering);
    assert!(filtering.list.editing && filtering.list.filter == "ci");
    group.throughput(Throughput::Elements(2));
    group.bench_function("filter_keystroke_pair", |b| {
        b.iter(|| {
            filtering.update(key(KeyCode::Char('-')));
            filtering.update(key(KeyCode::Backspace));
        })
    });
    assert_eq!(filtering.list.filter, "ci");
    drop(filtering);

    // The role list scrolled to its middle.
    let mut app = App::new(model);
    let mut term = terminal();
    draw(&mut term, &mut renderer, &mut app);
    let middle = app.list.visible.len() / 2;
    while app.list.selected < middle {
        app.update(key(KeyCode::PageDown));
    }
    draw(&mut term, &mut renderer, &mut app);
    group.throughput(Throughput::Elements(1));
    group.bench_function("render_frame_120x40", |b| {
        b.iter(|| {
            term.draw(|frame| {
                renderer.draw(frame, black_box(&app));
            })
            .expect("TestBackend draws");
        })
    });
    group.bench_function("render_frame_120x40_full_redraw", |b| {
        b.iter(|| {
            term.clear().expect("TestBackend clears");
            term.draw(|frame| {
                renderer.draw(frame, black_box(&app));
            })
            .expect("TestBackend draws");
        })
    });

    // `j` from the middle; `k` (untimed) brings the selection back.
    group.bench_function("select_next_row", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                black_box(app.update(key(KeyCode::Char('j'))));
                total += start.elapsed();
                app.update(key(KeyCode::Char('k')));
            }
            total
        })
    });

    // The Who-can-assume tab of a role trusting everyone in the account.
    let star = app
        .data
        .model
        .roles
        .iter()
        .position(|r| r.trust_rows.iter().any(|t| t.principal == "*"))
        .expect("the generated account has a role trusting *");
    select_role(&mut app, star);
    app.update(key(KeyCode::Char('2')));
    assert!(
        app.content.rows.len() > 10_000,
        "{}",
        app.content.rows.len()
    );
    group.bench_function("who_can_assume_tab_star_role", |b| {
        b.iter(|| {
            app.update(key(KeyCode::Char('1')));
            black_box(app.update(key(KeyCode::Char('2'))));
        })
    });
    gainers_tab(&mut group, (*app.data.model).clone());
    group.finish();
}

/// The Who-can-assume tab of the role the most principals can gain by
/// escalation, once the escalation graph is in (as the event loop delivers
/// it): the direct rows and every "can gain" row.
fn gainers_tab(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    model: Model,
) {
    use rolecall::analysis::assume::AssumeIndex;
    use rolecall::ui::Command;
    use rolecall::ui::escalation::EscalationView;
    let mut app = App::new(model);
    for command in app.start() {
        if let Command::ComputeRisk { generation } = command {
            let index = AssumeIndex::build(&app.data.model);
            let view = std::sync::Arc::new(EscalationView::build(&app.data.model, &index));
            app.update(Msg::EscalationReady { generation, view });
        }
    }
    let view = app
        .data
        .analysis
        .escalation()
        .expect("the escalation graph is in");
    let role = (0..app.data.model.roles.len())
        .max_by_key(|r| view.gainer_count(*r))
        .expect("roles");
    let gainers = view.gainer_count(role);
    assert!(gainers > 1000, "{gainers}");
    select_role(&mut app, role);
    app.update(key(KeyCode::Char('2')));
    assert!(
        app.content.rows.len() > gainers as usize,
        "{}",
        app.content.rows.len()
    );
    eprintln!("who-can-assume tab with {gainers} principals that can gain the role");
    group.bench_function("who_can_assume_tab_with_gainers", |b| {
        b.iter(|| {
            app.update(key(KeyCode::Char('1')));
            black_box(app.update(key(KeyCode::Char('2'))));
        })
    });
}

const ORG_ACCOUNTS: usize = 100;
const ORG_ROLES: usize = 500;

/// 100 generated accounts of 500 roles, and an organization.json placing
/// them in 10 OUs under two parents.
fn org_model() -> Model {
    let id = |i: usize| format!("{:012}", 100_000_000_000usize + i);
    let loaded = (0..ORG_ACCOUNTS)
        .map(|i| Loaded {
            origin: format!("{}.json", id(i)),
            snapshot: generate_account(&SyntheticSpec {
                account_id: id(i),
                seed: i as u64,
                ..SyntheticSpec::sized(ORG_ROLES, 0)
            }),
        })
        .collect();
    let mut model = model::build(loaded);
    let units: Vec<serde_json::Value> = (0..10)
        .map(|u| {
            let parent = if u < 2 { "r-bench".to_string() } else { format!("ou-bench-{}", u % 2) };
            serde_json::json!({"id": format!("ou-bench-{u}"), "name": format!("unit-{u}"), "parent_id": parent})
        })
        .collect();
    let accounts: Vec<serde_json::Value> = (0..ORG_ACCOUNTS + 20)
        .map(|i| {
            serde_json::json!({"id": id(i), "name": format!("account-{i}"), "status": "ACTIVE",
                               "parent_id": format!("ou-bench-{}", i % 10)})
        })
        .collect();
    let org = serde_json::json!({
        "format": "rolecall-organization/1",
        "organization": {"id": "o-bench", "management_account_id": id(0)},
        "roots": [{"id": "r-bench", "name": "Root"}],
        "organizational_units": units,
        "accounts": accounts
    });
    let bytes = serde_json::to_vec(&org).unwrap();
    model.organization = Some(std::sync::Arc::new(
        rolecall_core::org::parse_organization(&bytes, "organization.json").unwrap(),
    ));
    model
}

fn organization(c: &mut Criterion) {
    let model = org_model();
    eprintln!(
        "generated organization: {} accounts loaded of {}, {} roles",
        model.accounts.len(),
        ORG_ACCOUNTS + 20,
        model.roles.len()
    );
    let mut renderer = Renderer::new(Theme::new(true));
    let mut group = c.benchmark_group("org_100x500");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("account_book", |b| {
        b.iter_with_large_drop(|| rolecall::ui::accounts::AccountBook::build(black_box(&model)))
    });
    let mut app = App::new(model);
    let mut term = terminal();
    draw(&mut term, &mut renderer, &mut app);
    group.bench_function("render_role_list_120x40", |b| {
        b.iter(|| draw(&mut term, &mut renderer, &mut app))
    });
    app.update(key(KeyCode::Char('A')));
    draw(&mut term, &mut renderer, &mut app);
    assert!(
        app.entity_list()
            .is_some_and(|l| l.total() == ORG_ACCOUNTS + 20)
    );
    group.bench_function("render_accounts_view_120x40", |b| {
        b.iter(|| draw(&mut term, &mut renderer, &mut app))
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    if std::env::args().any(|a| a.contains("org_100x500")) {
        // Only the organization's group asked for: skip the 10k account.
        organization(c);
        return;
    }
    let bytes = gaad_bytes();
    eprintln!(
        "generated account: {ROLES} roles, {USERS} users, {:.1} MiB of indented GAAD JSON",
        bytes.len() as f64 / (1024.0 * 1024.0)
    );
    loading(c, &bytes);
    ui(c, &bytes);
    organization(c);
}

criterion_group!(explorer, benches);
criterion_main!(explorer);

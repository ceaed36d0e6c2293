//! Rendered-buffer snapshots of every view at 120×40 and 80×24, on the real
//! demo account. A changed layout fails here (CI sets INSTA_UPDATE=no);
//! review and accept intended changes with `cargo insta review`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use common::{demo_app, goto_role, open_policy, press, render};
use rolecall::model::EntityRef;
use rolecall::ui::App;

const SIZES: [(u16, u16); 2] = [(120, 40), (80, 24)];

fn snapshot_at_both_sizes(name: &str, setup: impl Fn(&mut App)) {
    for (width, height) in SIZES {
        let mut app = demo_app(width, height);
        setup(&mut app);
        let screen = render(&mut app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
}

#[test]
fn role_list_with_trust_tab() {
    snapshot_at_both_sizes("trust", |app| {
        goto_role(app, "github-actions-storefront-deploy")
    });
}

#[test]
fn trust_tab_with_conditions_and_a_dangling_id() {
    snapshot_at_both_sizes("trust_dangling", |app| {
        goto_role(app, "analytics-readonly");
        press(app, "<Enter>");
    });
}

#[test]
fn permissions_tab() {
    snapshot_at_both_sizes("permissions", |app| {
        goto_role(app, "ci-runner");
        press(app, "4<Enter>j");
    });
}

#[test]
fn details_tab() {
    snapshot_at_both_sizes("details", |app| {
        goto_role(app, "ci-runner");
        press(app, "6");
    });
}

#[test]
fn effective_tab_and_its_actions() {
    snapshot_at_both_sizes("effective", |app| {
        goto_role(app, "ci-runner");
        press(app, "5");
    });
    snapshot_at_both_sizes("effective_actions", |app| {
        goto_role(app, "ci-runner");
        press(app, "5<Enter><Enter>");
    });
}

#[test]
fn who_can_assume_and_can_assume_tabs() {
    snapshot_at_both_sizes("who_can_assume", |app| {
        goto_role(app, "ci-runner");
        press(app, "2<Enter>");
    });
    snapshot_at_both_sizes("can_assume", |app| {
        goto_role(app, "ci-runner");
        press(app, "3<Enter>");
    });
}

#[test]
fn policy_page_tabs() {
    for (tab, name) in [
        ("1", "policy_document"),
        ("2", "policy_versions"),
        ("3", "policy_used_by"),
    ] {
        snapshot_at_both_sizes(name, |app| {
            open_policy(app, "acme-deploy-permissions");
            press(app, tab);
        });
    }
}

#[test]
fn user_and_group_pages() {
    snapshot_at_both_sizes("user", |app| {
        let user = app
            .data
            .model
            .users
            .iter()
            .position(|u| u.detail.user_name == "frank.li")
            .unwrap();
        app.open(EntityRef::User(user));
    });
    snapshot_at_both_sizes("group_members", |app| {
        let group = app
            .data
            .model
            .groups
            .iter()
            .position(|g| g.detail.group_name == "Developers")
            .unwrap();
        app.open(EntityRef::Group(group));
        press(app, "3");
    });
}

#[test]
fn filter_and_help_overlay() {
    snapshot_at_both_sizes("filter", |app| {
        press(app, "/sso");
    });
    snapshot_at_both_sizes("help", |app| {
        press(app, "?");
    });
}

#[test]
fn paths_view() {
    snapshot_at_both_sizes("paths", |app| {
        press(app, "P");
    });
}

#[test]
fn findings_view_and_drift_tab() {
    snapshot_at_both_sizes("findings", |app| {
        press(app, "F");
    });
    snapshot_at_both_sizes("drift", |app| {
        let earlier = rolecall::model::build(vec![rolecall::source::demo::earlier().unwrap()]);
        app.set_baseline(earlier);
        goto_role(app, "cloudcost-vendor-readonly");
        press(app, "8");
    });
}

#[test]
fn tiny_and_odd_sizes_draw_without_panicking() {
    let mut app = demo_app(120, 40);
    press(&mut app, "<Enter>4");
    for (width, height) in [(1, 1), (10, 3), (20, 5), (40, 10), (79, 23), (300, 100)] {
        let screen = render(&mut app, width, height);
        assert_eq!(screen.lines().count(), usize::from(height));
    }
    press(&mut app, "?");
    render(&mut app, 5, 2);
}

#[test]
fn users_and_policies_lists() {
    snapshot_at_both_sizes("users_list", |app| {
        press(app, ":users<Enter>j");
    });
    snapshot_at_both_sizes("policies_list", |app| {
        press(app, ":policies<Enter>/read");
    });
}

/// The app on examples/org-demo (a directory with organization.json), audited.
fn org_demo_app(width: u16, height: u16) -> App {
    use rolecall::source::{self, SourceSpec};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/org-demo");
    let spec = SourceSpec::Files(vec![dir]);
    let mut model = rolecall::model::build(source::load(&spec).unwrap());
    model.organization = source::load_organization(&spec).unwrap();
    let mut app = App::new(model);
    let commands = app.start();
    common::run_commands(&mut app, commands);
    render(&mut app, width, height);
    app
}

#[test]
fn accounts_view_and_the_role_list_of_an_organization() {
    for (width, height) in SIZES {
        let mut app = org_demo_app(width, height);
        press(&mut app, "jjjjj");
        let screen = render(&mut app, width, height);
        insta::assert_snapshot!(format!("org_role_list_{width}x{height}"), screen);
        press(&mut app, "A");
        let screen = render(&mut app, width, height);
        insta::assert_snapshot!(format!("accounts_{width}x{height}"), screen);
    }
}

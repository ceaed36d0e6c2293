//! A generated organization of 100 accounts × 500 roles in the real binary:
//! the UI is up and answers keys while the directory is still being read,
//! then shows every account (the speed itself is measured by
//! examples/org_report.rs, not asserted here).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tmux::Tmux;
use rolecall_testkit::synthetic_org::{OrgSpec, organization, write_organization};

#[test]
fn the_generated_organization_holds_together() {
    let spec = OrgSpec {
        accounts: 100,
        roles: 5,
        users: 2,
    };
    let org = rolecall_core::org::parse_organization(
        organization(&spec).to_string().as_bytes(),
        "generated",
    )
    .unwrap();
    assert_eq!(org.accounts.len(), 100);
    assert!(org.problems().is_empty(), "{:?}", org.problems());
    let mut units: Vec<&str> = org
        .organizational_units
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    units.sort();
    units.dedup();
    assert_eq!(
        units.len(),
        15,
        "five OUs with two children each, ids unique"
    );
}

#[test]
fn the_ui_answers_while_a_large_organization_loads() {
    let dir = tempfile::tempdir().unwrap();
    let spec = OrgSpec {
        accounts: 100,
        roles: 500,
        users: 100,
    };
    write_organization(dir.path(), &spec).unwrap();
    let tmux = Tmux::start("org-scale", 140, 40);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} open {}",
        env!("CARGO_BIN_EXE_rolecall"),
        dir.path().display()
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("Reading the accounts");
    // Help opens while the files are still being read.
    tmux.type_text("?");
    let screen = tmux.wait_for("Keys");
    assert!(
        !screen.contains("100 of 100 accounts loaded"),
        "the help opened only after loading: {screen}"
    );
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("100 of 100 accounts loaded");
    assert!(screen.contains("org o-synth0rg01"), "{screen}");
    tmux.type_text("q");
    tmux.wait_for_prompt();
}

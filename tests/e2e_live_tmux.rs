//! The live TUI end to end: the real binary in tmux, with no arguments, loads
//! an account from a real moto_server (the AWS wire protocol) populated with
//! the demo's trust shapes; the list fills and the Trust tab shows the right
//! principals. Needs ROLECALL_TEST_MOTO_URL (scripts/test.sh sets it).
// unsafe_code: edition 2024 makes std::env::set_var unsafe; the tests set the SDK's environment with it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unsafe_code)] // a test, bench or example may fail loudly

mod common;
mod support;

use common::tmux::Tmux;
use support::populate::{admin_client, demo_subset};

#[test]
fn the_live_list_fills_and_the_trust_tab_shows_the_principals() {
    let _guard = support::lock();
    let url = support::moto_url();
    support::reset_moto(&url);
    let created = demo_subset(&admin_client(
        &url,
        "AKIAROLECALLTEST0001",
        "rolecall-test-secret",
    ));
    // A GitHub Actions role: its trust is an OIDC provider with a `sub`.
    let github = created
        .role_detail_list
        .iter()
        .find(|r| {
            let trust = r
                .assume_role_policy_document
                .as_ref()
                .map(|d| d.as_json_text().to_string());
            trust.is_some_and(|t| t.contains("token.actions.githubusercontent.com:sub"))
        })
        .expect("the demo subset has a GitHub Actions role");

    let env = support::moto_env(&url);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let tmux = Tmux::start_with_env("live", 120, 40, &env);
    tmux.wait_for("shell$");
    tmux.type_text(env!("CARGO_BIN_EXE_rolecall"));
    tmux.keys(&["Enter"]);
    // The header names the account and the caller from STS.
    tmux.wait_for(&format!("live {} as arn:aws:", support::MOTO_ACCOUNT));
    let screen = tmux.wait_for("Loaded ");
    let total = created.role_detail_list.len();
    assert!(
        screen.contains(&format!("{total} of {total}")),
        "every created role is listed: {screen}"
    );

    tmux.type_text(&format!("/{}", github.role_name));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for(&format!("Role {}", github.role_name));
    assert!(screen.contains("OIDC provider"), "{screen}");
    // The `sub` condition in words: one repo, or a whole org's.
    assert!(
        screen.contains("GitHub repo acme-corp/") || screen.contains("GitHub org acme-corp"),
        "{screen}"
    );
    assert!(
        screen.contains("oidc-provider/token.actions.github"),
        "{screen}"
    );
    tmux.type_text("q");
    tmux.wait_for_prompt();
    tmux.type_text("echo LIVE-DONE");
    tmux.keys(&["Enter"]);
    tmux.wait_for("LIVE-DONE\n");
}

fn rolecall(env: &[(&str, String)], args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("rolecall runs")
}

#[test]
fn drift_against_the_live_account_in_diff_and_in_the_ui() {
    let _guard = support::lock();
    let url = support::moto_url();
    support::reset_moto(&url);
    let client = admin_client(&url, "AKIAROLECALLTEST0001", "rolecall-test-secret");
    demo_subset(&client);
    let env = support::moto_env(&url);
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("before.json");
    let old = old.to_str().expect("utf-8 path");
    let out = rolecall(&env, &["snapshot", "-o", old]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Since the snapshot: a new role that another account may assume.
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}]}"#;
    support::populate::runtime()
        .block_on(
            client
                .create_role()
                .role_name("drift-newcomer")
                .assume_role_policy_document(trust)
                .send(),
        )
        .expect("create_role");

    let out = rolecall(&env, &["diff", old, "live"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("drift-newcomer"), "{stdout}");
    let out = rolecall(&env, &["diff", "live", old, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("drift JSON");
    assert!(json.to_string().contains("drift-newcomer"), "{json}");
    let out = rolecall(&env, &["diff", "live", "live"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("both sides are `live`"));

    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let tmux = Tmux::start_with_env("live-drift", 120, 40, &env);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} --baseline {old}",
        env!("CARGO_BIN_EXE_rolecall")
    ));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("change(s) since the baseline");
    assert!(screen.contains("1 change(s)"), "{screen}");
    tmux.type_text("/drift-newcomer");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("NEW ROLE");
    assert!(screen.contains("drift-newcomer"), "{screen}");
    tmux.type_text("q");
    tmux.wait_for_prompt();
}

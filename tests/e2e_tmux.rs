//! End to end, as a person would: the real binary runs in a real terminal
//! (tmux) on the demo account, is driven with keys, the screen is read back,
//! and after quitting the shell's terminal must be usable again.
//!
//! Needs tmux (`.ci/run` installs it). Every wait polls the screen until the
//! expected text shows, with a deadline; no fixed sleeps decide anything.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use common::tmux::Tmux;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_rolecall")
}

/// Presses `key` until `text` shows, waiting after each press for the
/// screen to change: keys sent faster than a loaded machine draws would
/// run past the row looked for.
fn press_until(tmux: &Tmux, key: &str, text: &str) {
    for _ in 0..300 {
        let before = tmux.screen();
        if before.contains(text) {
            return;
        }
        tmux.type_text(key);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while tmux.screen() == before && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Escape, then wait for the screen to change: two Escapes sent together
/// (or an Escape and a key) read as one Alt chord.
fn escape(tmux: &Tmux) {
    let before = tmux.screen();
    tmux.keys(&["Escape"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while tmux.screen() == before && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Waits until the background work after a load (findings, escalation
/// graph) is done, so a later refresh cannot land between two keys: the
/// Paths view says how many can reach admin once the graph is in.
fn wait_for_background(tmux: &Tmux) {
    tmux.type_text("P");
    tmux.wait_for("principals can reach it");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Roles 71 of 71");
}

#[test]
fn demo_browse_filter_jump_copy_and_quit_restores_the_terminal() {
    let tmux = Tmux::start("browse", 120, 40);
    tmux.wait_for("shell$");
    tmux.type_text(&format!("{} demo", binary()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("71 of 71");
    wait_for_background(&tmux);

    // Filter as you type.
    tmux.type_text("/github-actions");
    let screen = tmux.wait_for("4 of 71");
    assert!(
        screen.contains("github-actions-storefront-deploy"),
        "{screen}"
    );
    tmux.keys(&["Enter"]);

    // The trust tab of the storefront deploy role, conditions in words.
    tmux.type_text("jjj");
    let screen = tmux.wait_for("Role github-actions-storefront-deploy");
    assert!(
        screen.contains("only GitHub repo acme-corp/storefront on refs/heads/main"),
        "{screen}"
    );

    // Permissions → the managed policy → back.
    tmux.keys(&["Enter"]);
    tmux.type_text("4");
    tmux.wait_for("acme-deploy-permissions");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Policy acme-deploy-permissions");
    assert!(screen.contains("Default version"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Role github-actions-storefront-deploy");

    // y copies the policy ARN through OSC 52 into tmux's clipboard.
    tmux.type_text("y");
    tmux.wait_for("Copied arn:aws:iam::111122223333:policy/acme-deploy-permissions");
    let buffer = tmux.run(&["show-buffer"]);
    assert_eq!(
        buffer,
        "arn:aws:iam::111122223333:policy/acme-deploy-permissions"
    );

    // `:users` Enter: the users list, with the demo's users.
    tmux.type_text(":users");
    tmux.wait_for(":users▏");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Users 8 of 8");
    assert!(screen.contains("svc-terraform"), "{screen}");
    tmux.type_text(":roles");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Roles 4 of 71");

    // Help, then quit; the shell must be back in cooked mode with echo.
    tmux.type_text("?");
    tmux.wait_for("Keys · Esc closes");
    escape(&tmux);
    tmux.type_text("q");
    tmux.wait_for_prompt();
    tmux.type_text(
        "stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo TERMINAL-OK",
    );
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("icanon echo TERMINAL-OK");
    assert!(
        !screen.contains("71 of 71"),
        "the alternate screen was left: {screen}"
    );
}

#[test]
fn a_bad_file_exits_non_zero_with_a_message_and_a_sane_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("acct.json");
    std::fs::write(&bad, r#"{"RoleDetailList": [{"RoleName": 7}]}"#).unwrap();
    let tmux = Tmux::start("bad-file", 100, 30);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} open {}; echo EXIT=$?",
        binary(),
        bad.display()
    ));
    tmux.keys(&["Enter"]);
    // The typed command line shows `EXIT=$?`; only the shell's answer has a digit.
    let screen = tmux.wait_for("EXIT=2");
    let unwrapped = screen.replace('\n', "");
    assert!(
        unwrapped.contains(
            "acct.json does not have the shape of a GAAD file at RoleDetailList[0].RoleName"
        ),
        "{screen}"
    );
}

#[test]
fn resizing_down_to_80x24_keeps_drawing() {
    let tmux = Tmux::start("resize", 120, 40);
    tmux.wait_for("shell$");
    tmux.type_text(&format!("{} demo", binary()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("71 of 71");
    tmux.run(&["resize-window", "-t", "0", "-x", "80", "-y", "24"]);
    tmux.type_text("j");
    let screen = tmux.wait_for("analytics-readonly");
    assert!(screen.lines().all(|l| l.chars().count() <= 80), "{screen}");
    tmux.run(&["resize-window", "-t", "0", "-x", "30", "-y", "8"]);
    tmux.type_text("j");
    tmux.run(&["resize-window", "-t", "0", "-x", "100", "-y", "30"]);
    tmux.wait_for("71 of 71");
    tmux.type_text("q");
    tmux.wait_for_prompt();
    tmux.type_text("echo STILL-HERE");
    tmux.keys(&["Enter"]);
    tmux.wait_for("STILL-HERE\n");
}

#[test]
fn demo_with_baseline_marks_drift_and_shows_the_drift_tab() {
    let tmux = Tmux::start("drift", 120, 40);
    tmux.wait_for("shell$");
    tmux.type_text(&format!("{} demo --baseline", binary()));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("change(s) since the baseline");
    assert!(screen.contains("Drift"), "{screen}");
    // The vendor role newly trusts another account: the loudest badge.
    tmux.type_text("/cloudcost");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("NEW TRUST");
    assert!(screen.contains("cloudcost-vendor-readonly"), "{screen}");
    tmux.type_text("8");
    tmux.wait_for("Diff against the baseline");
    // The added principal, as a `+` line of the unified diff.
    tmux.wait_for("+          \"arn:aws:iam::777766665555:root\"");
    tmux.type_text("q");
}

/// The Effective tab (issue 10 §4): the summary per service and level,
/// admin marked in its header row, Enter drills into one service and
/// level, each action shows the statement that grants it, Enter opens
/// that policy, Esc comes back.
#[test]
fn the_effective_tab_summarises_and_drills_into_the_actions() {
    let tmux = Tmux::start("effective", 140, 45);
    tmux.wait_for("shell$");
    tmux.type_text(&format!("{} demo", binary()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("71 of 71");
    wait_for_background(&tmux);
    // A role with only the AWS managed ReadOnlyAccess: reads, no writes.
    tmux.type_text("/incident-readonly");
    tmux.wait_for("1 of 71");
    tmux.keys(&["Enter"]);
    tmux.type_text("5");
    let screen = tmux.wait_for("Limited: ");
    assert!(screen.contains("5 Effective"), "{screen}");
    assert!(
        !screen.contains("ADMIN"),
        "ReadOnlyAccess is not admin: {screen}"
    );
    assert!(screen.contains("All resources"), "{screen}");
    // Into the detail pane, on the first service's first level; drill in.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Enter lists the actions");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Each action, with the statements that grant and remove it");
    assert!(screen.contains("· Effective · "), "{screen}");
    assert!(
        screen.contains("ReadOnlyAccess #"),
        "granted by the managed policy: {screen}"
    );
    assert!(
        screen.contains("\"granted_by\""),
        "the statements pane: {screen}"
    );
    // Enter on an action opens the policy that grants it.
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Policy ReadOnlyAccess");
    assert!(screen.contains("Default version"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("· Effective · ");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter lists the actions");
    // An administrator is marked in the header row. (Wait for the list
    // before typing: an Escape followed at once by a key reads as Alt.)
    escape(&tmux);
    escape(&tmux);
    tmux.wait_for("Roles 71 of 71");
    tmux.type_text("/legacy-jenkins-admin");
    tmux.wait_for("1 of 71");
    tmux.keys(&["Enter"]);
    tmux.type_text("5");
    let screen = tmux.wait_for("ADMIN");
    assert!(
        screen.contains("allows every action on every resource"),
        "{screen}"
    );
    tmux.type_text("q");
}

/// Issue 11 §3: the Paths view (P) lists who can reach admin by technique,
/// a step opens the policy that allows it; the Who-can-assume tab of a
/// role lists who can gain it by escalation, and Enter opens that principal.
#[test]
fn the_paths_view_and_an_escalation_row_in_who_can_assume() {
    let tmux = Tmux::start("paths", 150, 50);
    tmux.wait_for("shell$");
    tmux.type_text(&format!("{} demo", binary()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("71 of 71");
    tmux.type_text("P");
    // Worked out in the background; the view fills in when it is done.
    let screen = tmux.wait_for("principals can reach it");
    // The demo's story: staging engineers pass a role to a new Lambda
    // function, and that role may change IAM (assets/demo/README.md).
    assert!(
        screen.contains("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction"),
        "{screen}"
    );
    assert!(screen.contains("role/staging-engineer-access"), "{screen}");
    // Down to the pass-role-lambda step, then Enter: the managed policy
    // whose statement allows it.
    press_until(
        &tmux,
        "j",
        "can pass it to a new Lambda function (definite)",
    );
    let screen = tmux.wait_for("can pass it to a new Lambda function (definite)");
    assert!(
        screen.contains("\"technique\": \"pass-role-lambda\""),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Policy acme-platform-engineer");
    assert!(screen.contains("iam:PassRole"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Paths to admin · ");
    tmux.keys(&["Escape"]);
    // Back on the list before typing (an Escape followed at once by a key
    // reads as Alt and that key).
    tmux.wait_for("Roles 71 of 71");
    // The lambda role's Who-can-assume tab: who can gain it.
    tmux.type_text("/iam-automation-lambda");
    tmux.wait_for("1 of 71");
    tmux.keys(&["Enter"]);
    tmux.type_text("2");
    let screen = tmux.wait_for("Can gain this role by escalation");
    assert!(screen.contains("pass-role-lambda"), "{screen}");
    assert!(screen.contains("staging-engineer-access"), "{screen}");
    tmux.type_text("q");
}

/// `stty -a` in the pane's shell says cooked mode with echo, and the
/// alternate screen is gone.
fn assert_terminal_restored(tmux: &common::tmux::Tmux, what: &str) {
    tmux.wait_for_prompt();
    tmux.type_text(
        "stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo TERMINAL-OK",
    );
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("icanon echo TERMINAL-OK");
    assert!(
        !screen.contains("71 of 71"),
        "{what}: the alternate screen was left: {screen}"
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (name, signal) in [("sigterm", "TERM"), ("sighup", "HUP")] {
        let tmux = common::tmux::Tmux::start(name, 100, 30);
        tmux.wait_for_prompt();
        // Started in the background and brought back at once, so the shell
        // can write down its pid (other tests run the demo at the same time).
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        tmux.type_text(&format!(
            "{} demo & echo $! > {}; fg",
            binary(),
            pid_file.display()
        ));
        tmux.keys(&["Enter"]);
        tmux.wait_for("71 of 71");
        // From outside, as a closing SSH session or `kill` would.
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), pid.trim()])
            .status()
            .unwrap();
        assert!(status.success());
        assert_terminal_restored(&tmux, name);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_says_what_happened() {
    let tmux =
        common::tmux::Tmux::start_with_env("panic", 100, 30, &[("ROLECALL_TEST_PANIC", "1")]);
    tmux.wait_for_prompt();
    tmux.type_text(&format!("{} demo", binary()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("forced by ROLECALL_TEST_PANIC");
    // The message stays readable above the shell's prompt (the terminal is
    // restored once, so the prompt does not land on top of it).
    tmux.wait_for_prompt();
    let screen = tmux.screen();
    assert!(
        screen.contains("thread 'main'") && screen.contains("panicked at"),
        "{screen}"
    );
    assert_terminal_restored(&tmux, "panic");
}

/// Random keys and resizes at the real binary for a while (20 s here;
/// `ROLECALL_SOAK_SECS=120` for the two-minute soak): it is still running
/// at the end, and quitting leaves the terminal cooked, on the main screen.
#[test]
fn a_soak_of_random_keys_and_resizes_keeps_it_running() {
    let seconds: u64 = std::env::var("ROLECALL_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let tmux = common::tmux::Tmux::start("soak", 120, 40);
    tmux.wait_for_prompt();
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    tmux.type_text(&format!(
        "{} demo & echo $! > {}; fg",
        binary(),
        pid_file.display()
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("71 of 71");
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_string();
    let alive = || {
        std::process::Command::new("kill")
            .args(["-0", &pid])
            .status()
            .is_ok_and(|s| s.success())
    };
    // Every key but the ones that quit (q, Q, Ctrl-C): those end the soak.
    let named = [
        "Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter", "Escape",
        "Tab", "BTab", "BSpace", "F1",
    ];
    let typed: Vec<char> = "jkhlgG/?:0123456789nNrRsSyYcCdDeEfFtTuUpPaAwWxXbBmMoO -_.é日"
        .chars()
        .collect();
    let mut seed: u64 = 0x50a4_5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut sent = 0u64;
    while std::time::Instant::now() < deadline {
        match next() % 20 {
            0 => {
                let (w, h) = (20 + next() % 180, 5 + next() % 55);
                tmux.run(&[
                    "resize-window",
                    "-t",
                    "0",
                    "-x",
                    &w.to_string(),
                    "-y",
                    &h.to_string(),
                ]);
            }
            1..=6 => tmux.keys(&[named[(next() % named.len() as u64) as usize]]),
            _ => tmux.type_text(&typed[(next() % typed.len() as u64) as usize].to_string()),
        }
        sent += 1;
        if sent.is_multiple_of(200) {
            assert!(
                alive(),
                "rolecall exited during the soak after {sent} inputs"
            );
        }
    }
    assert!(alive(), "rolecall is still running after {sent} inputs");
    tmux.run(&["resize-window", "-t", "0", "-x", "120", "-y", "40"]);
    // Back out of whatever mode the storm left (help, a filter, a `:`
    // command, a page) and quit.
    for _ in 0..10 {
        tmux.keys(&["Escape", "Escape", "Escape", "Escape", "Escape", "Escape"]);
        std::thread::sleep(std::time::Duration::from_millis(200));
        tmux.type_text("q");
        std::thread::sleep(std::time::Duration::from_millis(300));
        if !alive() {
            break;
        }
    }
    assert!(!alive(), "q did not quit after the soak");
    assert_terminal_restored(&tmux, "soak");
}

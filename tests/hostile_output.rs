//! Hostile text in an account never reaches the terminal raw: the real
//! binary's human-readable outputs (`who-can-assume`, `can-assume`, `audit`,
//! `diff`, error messages) show control characters escaped, while `--json`
//! keeps the exact values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const ACCT: &str = "111122223333";
/// OSC 52 (write the clipboard), a CSI colour, a bell, a C1 CSI and a CR.
const HOSTILE: &str = "x\x1b]52;c;cHduZWQ=\x07\x1b[31mred\u{9b}2J\rback";

fn gaad(description: &str, trust_value: &str) -> Value {
    let role_arn = format!("arn:aws:iam::{ACCT}:role/app/vendor{HOSTILE}");
    json!({
        "Rolecall": {"FormatVersion": 1, "AccountId": ACCT, "CapturedAt": "2026-11-20T00:00:00Z"},
        "RoleDetailList": [{
            "RoleName": format!("vendor{HOSTILE}"),
            "RoleId": "AROAEXAMPLEVENDOR0001",
            "Arn": role_arn,
            "Path": "/app/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "Description": description,
            "MaxSessionDuration": 3600,
            "Tags": [{"Key": format!("team{HOSTILE}"), "Value": HOSTILE}],
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Sid": format!("Vendor{HOSTILE}"),
                "Effect": "Allow",
                "Principal": {"AWS": [format!("arn:aws:iam::{ACCT}:user/alice"), "arn:aws:iam::999988887777:root"]},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": trust_value}}
            }, {
                "Effect": "Allow",
                "Principal": {"AWS": format!("arn:aws:iam::999988887777:user/ext{HOSTILE}")},
                "Action": "sts:AssumeRole",
                "Condition": {"StringLike": {format!("aws:PrincipalTag/team{HOSTILE}"): HOSTILE}},
                format!("Extra{HOSTILE}"): HOSTILE
            }]},
            "RolePolicyList": [{"PolicyName": format!("admin{HOSTILE}"), "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Sid": HOSTILE, "Effect": "Allow", "Action": "*", "Resource": "*"}]
            }}],
            "AttachedManagedPolicies": [],
            "InstanceProfileList": [],
            "RoleLastUsed": {}
        }],
        "UserDetailList": [{
            "UserName": "alice", "UserId": "AIDAEXAMPLEALICE00001",
            "Arn": format!("arn:aws:iam::{ACCT}:user/alice"), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "UserPolicyList": [{"PolicyName": "assume", "PolicyDocument": {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}}],
            "GroupList": [], "AttachedManagedPolicies": [], "Tags": []
        }, {
            "UserName": format!("bob{HOSTILE}"), "UserId": "AIDAEXAMPLEBOB0000001",
            "Arn": format!("arn:aws:iam::{ACCT}:user/p{HOSTILE}/bob{HOSTILE}"),
            "Path": format!("/p{HOSTILE}/"),
            "CreateDate": "2020-01-01T00:00:00Z",
            "UserPolicyList": [],
            "GroupList": [format!("ops{HOSTILE}")],
            "AttachedManagedPolicies": [],
            "Tags": [{"Key": HOSTILE, "Value": HOSTILE}]
        }],
        "GroupDetailList": [{
            "GroupName": format!("ops{HOSTILE}"), "GroupId": "AGPAEXAMPLEOPS000001",
            "Arn": format!("arn:aws:iam::{ACCT}:group/ops{HOSTILE}"), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "GroupPolicyList": [],
            "AttachedManagedPolicies": [{"PolicyName": format!("managed{HOSTILE}"),
                "PolicyArn": format!("arn:aws:iam::{ACCT}:policy/managed{HOSTILE}")}]
        }],
        "Policies": [{
            "PolicyName": format!("managed{HOSTILE}"), "PolicyId": "ANPAEXAMPLEMANAGED01",
            "Arn": format!("arn:aws:iam::{ACCT}:policy/managed{HOSTILE}"),
            "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1,
            "Description": HOSTILE,
            "IsAttachable": true, "CreateDate": "2020-01-01T00:00:00Z", "UpdateDate": "2020-01-01T00:00:00Z",
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2020-01-01T00:00:00Z",
                "Document": {"Version": "2012-10-17", "Statement": [{"Sid": HOSTILE, "Effect": "Allow",
                    "Action": format!("s3:Get{HOSTILE}"), "Resource": format!("arn:aws:s3:::b{HOSTILE}/*")}]}}]
        }]
    })
}

fn write(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

fn rolecall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// No control byte but the newline, and the hostile text is there, escaped.
fn assert_safe(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(bad.is_empty(), "{what} {stream} carries {bad:?}:\n{text}");
    }
}

fn assert_shows_escaped(what: &str, out: &Output) {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("\\e]52;c;"), "{what} hides the escape:\n{all}");
}

#[test]
fn human_outputs_escape_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &gaad("old", "plain-id"));
    let new = write(dir.path(), "new.json", &gaad(HOSTILE, HOSTILE));
    let role = format!("arn:aws:iam::{ACCT}:role/app/vendor{HOSTILE}");

    let runs: Vec<(&str, Output)> = vec![
        (
            "who-can-assume",
            rolecall(&["who-can-assume", &role, "--file", &new, "--all"]),
        ),
        (
            "can-assume",
            rolecall(&["can-assume", "alice", "--file", &new]),
        ),
        ("audit", rolecall(&["audit", "--file", &new])),
        ("diff", rolecall(&["diff", &old, &new])),
    ];
    for (what, out) in &runs {
        assert!(out.status.code().is_some_and(|c| c < 2), "{what}: {out:?}");
        assert_safe(what, out);
        assert_shows_escaped(what, out);
    }

    // An error message that quotes the input is escaped too.
    let missing = rolecall(&[
        "who-can-assume",
        &format!("nobody{HOSTILE}"),
        "--file",
        &new,
    ]);
    assert_eq!(missing.status.code(), Some(2), "{missing:?}");
    assert_safe("an unknown role", &missing);
}

#[test]
fn json_outputs_keep_the_exact_values() {
    let dir = tempfile::tempdir().unwrap();
    let new = write(dir.path(), "new.json", &gaad(HOSTILE, HOSTILE));
    let role = format!("arn:aws:iam::{ACCT}:role/app/vendor{HOSTILE}");
    let out = rolecall(&["who-can-assume", &role, "--file", &new, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // JSON escapes control characters itself, so the bytes are safe...
    assert_safe("who-can-assume --json", &out);
    // ...and the values decode to exactly what the account holds.
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["role"], json!(role));
    let values = report.to_string();
    assert!(values.contains(&serde_json::to_string(HOSTILE).unwrap()[1..20]));
}

/// The terminal UI, on every page and tab a person can reach with the
/// hostile account loaded: no control character but the newline in any
/// frame, and the hostile value is on screen, escaped.
#[test]
fn the_tui_shows_every_field_escaped() {
    let model = rolecall::model::build(vec![rolecall::source::Loaded {
        origin: "hostile.json".into(),
        snapshot: rolecall::source::file::parse_gaad(
            &serde_json::to_vec(&gaad(HOSTILE, HOSTILE)).unwrap(),
            "hostile.json",
        )
        .unwrap(),
    }]);
    let mut app = rolecall::ui::App::new(model);
    let commands = app.start();
    common::run_commands(&mut app, commands);
    let mut screens = Vec::new();
    let mut look = |app: &mut rolecall::ui::App| screens.push(common::render(app, 160, 50));
    look(&mut app);
    // Every role tab, then into the role and down its rows.
    for tab in ["1", "2", "3", "4", "5", "6", "7"] {
        common::press(&mut app, tab);
        look(&mut app);
        common::press(&mut app, "<Enter>jj");
        look(&mut app);
        common::press(&mut app, "<Esc>");
    }
    // Every list, every entity in it, every tab.
    for list in [":users\n", ":groups\n", ":policies\n", ":accounts\n"] {
        for position in 0..3 {
            common::press(&mut app, &list.replace("\n", "<Enter>"));
            common::press(&mut app, &"<Down>".repeat(position));
            look(&mut app);
            common::press(&mut app, "<Enter>");
            for tab in ["1", "2", "3", "4", "5", "6"] {
                common::press(&mut app, tab);
                look(&mut app);
                common::press(&mut app, "jj");
                look(&mut app);
            }
            common::press(&mut app, "<Esc><Esc><Esc>");
        }
    }
    common::press(&mut app, "F");
    look(&mut app);
    common::press(&mut app, "<Enter>");
    look(&mut app);
    common::press(&mut app, "?");
    look(&mut app);
    for (i, screen) in screens.iter().enumerate() {
        let bad: Vec<char> = screen
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(bad.is_empty(), "frame {i} carries {bad:?}:\n{screen}");
    }
    let shown = screens.iter().filter(|s| s.contains("\\e]52;c;")).count();
    assert!(shown >= 10, "the escaped value is shown ({shown} frames)");
    for name in [r"bob x\e]52", r"ops x\e]52", r"managed x\e]52"] {
        let name = name.replace(' ', "");
        assert!(
            screens.iter().any(|s| s.contains(&name)),
            "{name} is shown escaped somewhere"
        );
    }
}

//! Issue 12: the Accounts view (`A`) and the role list's Account and OU
//! columns, on the real binary in tmux. A hand-made directory: two loaded
//! accounts in two OUs (one nested), an account of the organization with no
//! snapshot, one whose collection failed (its error carries an escape
//! sequence, which must show escaped), and one whose parent is not in the
//! file (a problem of the tree). The view must group the accounts by OU in
//! tree order, count each account's roles and findings (the same findings
//! `rolecall audit` reports for it), say which are not loaded and why, and
//! Enter on an account must narrow the role list to it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use common::tmux::Tmux;

const DEV: &str = "111111111111";
const WEB: &str = "222222222222";
const SANDBOX: &str = "333333333333";
const LEGACY: &str = "444444444444";
const GHOST: &str = "555555555555";
const OUTSIDE: &str = "999988887777";

fn doc(statement: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": [statement]}).to_string()
}

/// A role of `account` trusting `principal` (an AWS principal).
fn role(account: &str, name: &str, principal: &str, n: usize) -> Value {
    json!({
        "RoleName": name, "RoleId": format!("AROA{n:0>18}"), "Path": "/",
        "Arn": format!("arn:aws:iam::{account}:role/{name}"),
        "CreateDate": "2026-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": doc(json!({
            "Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"})),
        "InstanceProfileList": [], "AttachedManagedPolicies": [], "Tags": [],
        "RolePolicyList": [{"PolicyName": "read", "PolicyDocument": doc(json!({
            "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}))}]
    })
}

fn gaad(roles: Vec<Value>) -> Value {
    json!({"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": roles})
}

fn organization() -> Value {
    json!({
        "format": "rolecall-organization/1",
        "organization": {"id": "o-test12345", "management_account_id": "900000000000"},
        "roots": [{"id": "r-ab12", "name": "Root"}],
        "organizational_units": [
            {"id": "ou-ab12-prod", "name": "Prod", "parent_id": "r-ab12"},
            {"id": "ou-ab12-web", "name": "Web", "parent_id": "ou-ab12-prod"},
            {"id": "ou-ab12-dev", "name": "Dev", "parent_id": "r-ab12"}
        ],
        "accounts": [
            {"id": WEB, "name": "prod-web", "parent_id": "ou-ab12-web", "status": "ACTIVE"},
            {"id": DEV, "name": "dev-main", "parent_id": "ou-ab12-dev", "status": "ACTIVE"},
            {"id": SANDBOX, "name": "sandbox", "parent_id": "ou-ab12-dev", "status": "ACTIVE"},
            {"id": LEGACY, "name": "legacy", "parent_id": "ou-ab12-prod", "status": "SUSPENDED",
             "error": "AccessDenied\u{1b}[31m on AssumeRole"},
            {"id": GHOST, "name": "ghost", "parent_id": "ou-ab12-gone", "status": "ACTIVE"}
        ],
        "policies": []
    })
}

fn write(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// DEV: two roles, one trusting an outside account without an external id
/// (a finding). WEB: three roles trusting DEV.
fn org_dir(dir: &Path) {
    let dev = gaad(vec![
        role(DEV, "alpha", &format!("arn:aws:iam::{OUTSIDE}:root"), 1),
        role(DEV, "beta", &format!("arn:aws:iam::{DEV}:root"), 2),
    ]);
    let web = gaad(
        ["gamma", "delta", "epsilon"]
            .iter()
            .enumerate()
            .map(|(i, name)| role(WEB, name, &format!("arn:aws:iam::{DEV}:root"), 10 + i))
            .collect(),
    );
    write(&dir.join(format!("{DEV}.json")), &dev);
    write(&dir.join(format!("{WEB}.json")), &web);
    write(&dir.join("organization.json"), &organization());
}

/// How many findings `rolecall audit` reports for each account.
fn audit_counts(dir: &Path) -> (usize, usize) {
    let out = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(["audit", "--json", "--file"])
        .arg(dir)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let of = |id: &str| {
        findings
            .iter()
            .filter(|f| f["account_id"].as_str() == Some(id))
            .count()
    };
    (of(DEV), of(WEB))
}

/// The screen's row whose cells start (after the border and indentation)
/// with `name`.
fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| {
            l.trim_start_matches('│')
                .trim_start()
                .starts_with(&format!("{name} "))
        })
        .unwrap_or_else(|| panic!("no row {name:?} in\n{screen}"))
}

/// A row's cells, split on spaces (the cells checked hold none, or end
/// the row).
fn cells(row: &str) -> Vec<String> {
    row.trim_matches('│')
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// An account row's findings: the cell before its state (`loaded`).
fn findings(screen: &str, name: &str) -> Option<String> {
    let cells = cells(row(screen, name));
    cells.len().checked_sub(2).map(|i| cells[i].clone())
}

/// The indentation of a row's first cell.
fn indent(row: &str) -> usize {
    let inner = row.trim_start_matches('│');
    inner.len() - inner.trim_start().len()
}

/// Waits until `check` holds for the screen, or fails showing it.
fn wait_until(tmux: &Tmux, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let screen = tmux.screen();
        if check(&screen) {
            return screen;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_accounts_view_groups_counts_and_narrows_the_role_list() {
    let dir = tempfile::tempdir().unwrap();
    org_dir(dir.path());
    let (dev_findings, web_findings) = audit_counts(dir.path());
    assert!(dev_findings > 0, "alpha trusts an outside account");

    let tmux = Tmux::start("accounts", 120, 40);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} open {}",
        env!("CARGO_BIN_EXE_rolecall"),
        dir.path().display()
    ));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("org o-test12345");

    // The role list: each role's account by name and id, and its OU path.
    let alpha = row(&screen, "alpha");
    assert!(alpha.contains(&format!("dev-main ({DEV})")), "{alpha}");
    assert!(alpha.contains("Root/Dev"), "{alpha}");
    let gamma = row(&screen, "gamma");
    assert!(gamma.contains("Root/Prod/Web"), "{gamma}");

    tmux.type_text("A");
    tmux.wait_for("Accounts 5 of 5");
    // The findings column fills in once the audit (and the escalation
    // findings after it) are in: the same counts as `rolecall audit`.
    let screen = wait_until(&tmux, "the findings of both accounts", |s| {
        s.contains("Accounts 5 of 5")
            && findings(s, "dev-main") == Some(dev_findings.to_string())
            && findings(s, "prod-web") == Some(web_findings.to_string())
    });

    // The tree's problem comes first, across the row.
    let lines: Vec<&str> = screen.lines().collect();
    let at = |name: &str| {
        let found = row(&screen, name);
        lines.iter().position(|l| *l == found).unwrap()
    };
    let problem = lines
        .iter()
        .position(|l| l.contains("⚠ organization.json: account 555555555555 (ghost)"))
        .unwrap_or_else(|| panic!("{screen}"));
    // Tree order: under Root, Dev then Prod (by name); each OU's accounts
    // by name, then its OUs; the account outside the tree at the end.
    let order = [
        "Root",
        "Dev",
        "dev-main",
        "sandbox",
        "Prod",
        "legacy",
        "Web",
        "prod-web",
        "Outside the tree",
        "ghost",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(problem < positions[0], "{screen}");
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {positions:?}:\n{screen}"
    );
    // Indented by depth.
    let depth: Vec<usize> = ["Root", "Dev", "dev-main", "Web", "prod-web"]
        .iter()
        .map(|n| indent(row(&screen, n)))
        .collect();
    assert_eq!(depth, [0, 2, 4, 4, 6], "{screen}");

    // Ids, statuses, role counts; headings sum their accounts.
    let dev = cells(row(&screen, "dev-main"));
    assert_eq!(&dev[..4], ["dev-main", DEV, "ACTIVE", "2"], "{dev:?}");
    assert_eq!(dev.last().map(String::as_str), Some("loaded"), "{dev:?}");
    let web = cells(row(&screen, "prod-web"));
    assert_eq!(&web[..4], ["prod-web", WEB, "ACTIVE", "3"], "{web:?}");
    let prod_row = row(&screen, "Prod");
    let prod = cells(prod_row);
    assert_eq!(&prod[..2], ["Prod", "ou-ab12-prod"], "{prod:?}");
    assert_eq!(prod[2], "3", "Prod holds Web's roles: {prod:?}");
    assert_eq!(prod[3], web_findings.to_string(), "{prod:?}");
    assert!(prod_row.contains("1/2 loaded"), "{prod_row}");
    let root_row = row(&screen, "Root");
    let root = cells(root_row);
    assert_eq!(root[2], "5", "{root:?}");
    assert_eq!(
        root[3],
        (dev_findings + web_findings).to_string(),
        "{root:?}"
    );
    assert!(root_row.contains("2/4 loaded"), "{root_row}");

    // Not loaded: no file, or the collection's error, escaped.
    let sandbox = row(&screen, "sandbox");
    assert!(
        sandbox.trim_end_matches(['│', ' ']).ends_with("not loaded"),
        "{sandbox}"
    );
    let legacy = row(&screen, "legacy");
    assert!(legacy.contains("SUSPENDED"), "{legacy}");
    assert!(
        legacy.contains("not loaded: AccessDenied\\e[31m on AssumeRole"),
        "{legacy}"
    );
    assert!(!screen.contains('\u{1b}'), "no escape reaches the terminal");

    // Enter on an account not loaded says why, and stays.
    tmux.type_text("/legacy");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Accounts 1 of 5");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Account 444444444444 (legacy) is not loaded: organization.json says");

    // Enter on a loaded account: the role list, narrowed to its roles.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Accounts 5 of 5");
    tmux.type_text("/dev-main");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Accounts 1 of 5");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Roles 2 of 5");
    assert!(screen.contains(&format!("account:{DEV}")), "{screen}");
    for name in ["alpha", "beta"] {
        row(&screen, name);
    }
    for name in ["gamma", "delta", "epsilon"] {
        assert!(!screen.contains(&format!("│{name} ")), "{name}:\n{screen}");
    }

    tmux.keys(&["Escape"]);
    tmux.type_text("q");
    tmux.wait_for_prompt();
}

#[test]
fn at_80_columns_the_view_and_the_role_list_keep_what_matters() {
    let dir = tempfile::tempdir().unwrap();
    org_dir(dir.path());
    let tmux = Tmux::start("accounts80", 80, 24);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} open {}",
        env!("CARGO_BIN_EXE_rolecall"),
        dir.path().display()
    ));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("org o-test12345");
    // The account by its name alone (the id gives way), its OU, and every
    // other column still there.
    let header = screen.lines().find(|l| l.contains("Name")).unwrap();
    for column in ["Account", "OU", "Risk", "Last used", "Created"] {
        assert!(header.contains(column), "{column}: {header}");
    }
    let alpha = row(&screen, "alpha");
    assert!(
        alpha.contains("dev-main") && !alpha.contains(DEV),
        "{alpha}"
    );
    assert!(
        alpha.contains("Root/Dev") && alpha.contains("never"),
        "{alpha}"
    );

    tmux.type_text("A");
    let screen = tmux.wait_for("Accounts 5 of 5");
    let dev = cells(row(&screen, "dev-main"));
    assert_eq!(&dev[..4], ["dev-main", DEV, "ACTIVE", "2"], "{dev:?}");
    let legacy = row(&screen, "legacy");
    assert!(legacy.contains("not loaded"), "{legacy}");
    for line in screen.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    tmux.type_text("q");
    tmux.wait_for_prompt();
}

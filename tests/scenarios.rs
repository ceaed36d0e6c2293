//! Key-driven scenarios on the real demo account: what a person does, fed
//! through `App::update`, checked against the model.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

mod common;

use base64::Engine;
use common::{demo_app, press, render, select_role, selected_role_name};
use rolecall::model::EntityRef;
use rolecall::ui::Command;
use rolecall::ui::app::Focus;
use rolecall::ui::clipboard::osc52_sequence;
use rolecall::ui::nav::{Page, Tab};

#[test]
fn filter_narrows_as_you_type_and_esc_clears() {
    let mut app = demo_app(120, 40);
    let total = app.data.model.roles.len();
    press(&mut app, "/git");
    // Independently: every role whose name, ARN, path, tags or trust
    // principals contain "git", whatever the case.
    let mut expected: Vec<usize> = (0..total)
        .filter(|r| {
            let role = &app.data.model.roles[*r];
            let mut text = format!(
                "{} {} {}",
                role.detail.role_name, role.detail.arn, role.detail.path
            );
            for tag in &role.detail.tags {
                text.push_str(&format!(" {}={}", tag.key, tag.value));
            }
            for row in &role.trust_rows {
                text.push_str(&format!(" {}", row.principal));
            }
            text.to_lowercase().contains("git")
        })
        .collect();
    // Those come first; after them, the roles whose name has g, i, t in order
    // (the fuzzy matches), and no other.
    let visible = app.list.visible.clone();
    let mut exact = visible[..expected.len().min(visible.len())].to_vec();
    exact.sort();
    expected.sort();
    assert_eq!(exact, expected);
    assert!(!expected.is_empty() && visible.len() < total);
    let in_order = |name: &str| {
        let mut rest = name.chars();
        "git"
            .chars()
            .all(|c| rest.any(|n| n.eq_ignore_ascii_case(&c)))
    };
    for &r in &visible[expected.len()..] {
        let name = &app.data.model.roles[r].detail.role_name;
        assert!(in_order(name), "{name} is no fuzzy match of git");
    }
    let fuzzy_expected = (0..total)
        .filter(|r| !expected.contains(r) && in_order(&app.data.model.roles[*r].detail.role_name))
        .count();
    assert_eq!(visible.len() - expected.len(), fuzzy_expected);
    // The trust principal is searchable, not just the name.
    press(&mut app, "hub.com");
    let names = common::visible_names(&app);
    assert!(
        names.iter().all(|n| n.starts_with("github-actions")),
        "{names:?}"
    );
    assert!(render(&mut app, 120, 40).contains(&format!("{} of {total}", names.len())));
    // Case-insensitive; several words must all match.
    press(&mut app, &"<Backspace>".repeat(10));
    press(&mut app, "STOREFRONT deploy");
    let names = common::visible_names(&app);
    assert_eq!(names, ["github-actions-storefront-deploy"]);
    press(&mut app, "<Esc>");
    assert!(app.list.filter.is_empty() && !app.list.editing);
    assert_eq!(app.list.visible.len(), total);
}

#[test]
fn a_filter_matching_nothing_says_so() {
    let mut app = demo_app(120, 40);
    press(&mut app, "/zzzz-no-such-role");
    assert!(app.list.visible.is_empty());
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("No role matches the filter"), "{screen}");
    press(&mut app, "<Esc>");
    assert!(!app.list.visible.is_empty());
}

#[test]
fn role_to_policy_to_attached_role_and_back_twice() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "prod-deployer");
    // Into the detail, Permissions tab, onto the managed policy.
    press(&mut app, "<Enter>4");
    assert_eq!(app.page().focus, Focus::Detail);
    let row = app
        .content
        .rows
        .iter()
        .position(|r| r.cells[1].text == "acme-deploy-permissions")
        .expect("prod-deployer attaches acme-deploy-permissions");
    for _ in 0..row {
        press(&mut app, "j");
    }
    press(&mut app, "<Enter>");
    let Some(EntityRef::Policy(policy)) = app.page().entity() else {
        panic!("Enter opened {:?}", app.page().entity())
    };
    assert_eq!(
        app.data.model.policies[policy].name,
        "acme-deploy-permissions"
    );
    // Used by: another role that attaches the same policy.
    press(&mut app, "3");
    let other = app
        .content
        .rows
        .iter()
        .position(|r| r.cells[1].text == "github-actions-storefront-deploy")
        .expect("the storefront deploy role uses it too");
    for _ in 0..other {
        press(&mut app, "j");
    }
    press(&mut app, "<Enter>");
    let Some(EntityRef::Role(role)) = app.page().entity() else {
        panic!("Enter opened {:?}", app.page().entity())
    };
    assert_eq!(
        app.data.model.roles[role].detail.role_name,
        "github-actions-storefront-deploy"
    );
    assert!(render(&mut app, 120, 40).contains("Role github-actions-storefront-deploy"));
    // Back once: the policy page, still on its Used by tab and row.
    press(&mut app, "<Esc>");
    assert_eq!(app.page().entity(), Some(EntityRef::Policy(policy)));
    assert_eq!(
        (app.page().tab(), app.page().row),
        (Some(Tab::UsedBy), other)
    );
    // Back twice: the role list, the same role and tab as before.
    press(&mut app, "<Backspace>");
    assert_eq!(app.pages.len(), 1);
    assert_eq!(selected_role_name(&app), "prod-deployer");
    assert_eq!(app.page().tab(), Some(Tab::Permissions));
}

#[test]
fn enter_on_a_trust_principal_that_is_loaded_opens_it() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "deploy-orchestrator");
    press(&mut app, "<Enter>");
    let row = app
        .content
        .rows
        .iter()
        .position(|r| {
            r.arn
                .as_deref()
                .is_some_and(|a| a.ends_with(":role/ci/ci-runner"))
        })
        .expect("deploy-orchestrator trusts ci-runner");
    for _ in 0..row {
        press(&mut app, "j");
    }
    press(&mut app, "<Enter>");
    let Some(EntityRef::Role(role)) = app.page().entity() else {
        panic!("opened {:?}", app.page().entity())
    };
    assert_eq!(app.data.model.roles[role].detail.role_name, "ci-runner");
}

#[test]
fn users_and_groups_open_and_lead_on() {
    let mut app = demo_app(120, 40);
    let alice = app
        .data
        .model
        .users
        .iter()
        .position(|u| u.detail.user_name == "alice.ng")
        .unwrap();
    app.open(EntityRef::User(alice));
    press(&mut app, "4");
    assert!(app.content.rows.iter().any(|r| r.cells[1].text == "Admins"));
    press(&mut app, "<Enter>");
    let Some(EntityRef::Group(group)) = app.page().entity() else {
        panic!("opened {:?}", app.page().entity())
    };
    press(&mut app, "3");
    let members: Vec<&str> = app
        .content
        .rows
        .iter()
        .map(|r| r.cells[1].text.as_str())
        .collect();
    assert!(members.contains(&"alice.ng"), "{members:?}");
    assert_eq!(app.data.model.groups[group].detail.group_name, "Admins");
}

#[test]
fn y_copies_the_selected_arn_as_osc52() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "ci-runner");
    let commands = press(&mut app, "y");
    let arn = app.data.model.roles[app.list.selected_role().unwrap()]
        .detail
        .arn
        .clone();
    assert_eq!(
        commands,
        [Command::Copy {
            text: arn.clone(),
            what: arn.clone()
        }]
    );
    let sequence = osc52_sequence(&arn, false);
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .unwrap();
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), arn);
}

#[test]
fn shift_y_copies_the_document_shown() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "ci-runner");
    let commands = press(&mut app, "Y");
    let [Command::Copy { text, what }] = commands.as_slice() else {
        panic!("{commands:?}")
    };
    let copied: serde_json::Value = serde_json::from_str(text).unwrap();
    let role = &app.data.model.roles[app.list.selected_role().unwrap()];
    assert_eq!(&copied, &role.trust.as_ref().unwrap().json);
    assert!(what.starts_with("Trust policy"));
}

#[test]
fn tabs_switch_with_tab_shift_tab_and_digits() {
    let mut app = demo_app(120, 40);
    press(&mut app, "<Tab>");
    assert_eq!(app.page().tab(), Some(Tab::WhoCanAssume));
    press(&mut app, "<Tab><Tab><Tab><Tab><Tab><Tab>");
    assert_eq!(
        app.page().tab(),
        Some(Tab::Trust),
        "Tab wraps around the seven role tabs"
    );
    press(&mut app, "<BackTab>");
    assert_eq!(app.page().tab(), Some(Tab::Findings));
    press(&mut app, "1");
    assert_eq!(app.page().tab(), Some(Tab::Trust));
    press(&mut app, "9");
    assert_eq!(
        app.page().tab(),
        Some(Tab::Trust),
        "a tab that does not exist is ignored"
    );
}

#[test]
fn sorting_by_last_used_puts_never_used_roles_last() {
    let mut app = demo_app(120, 40);
    press(&mut app, "s");
    let used: Vec<Option<_>> = app
        .list
        .visible
        .iter()
        .map(|r| app.data.model.roles[*r].last_used)
        .collect();
    let mut expected = used.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(used, expected);
    assert!(used.last().unwrap().is_none());
    press(&mut app, "s");
    let created: Vec<_> = app
        .list
        .visible
        .iter()
        .map(|r| app.data.model.roles[*r].created)
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn paging_and_jumping_keep_the_selection_on_screen() {
    let mut app = demo_app(80, 24);
    press(&mut app, "G");
    assert_eq!(app.list.selected, app.list.visible.len() - 1);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(&selected_role_name(&app)), "{screen}");
    press(&mut app, "g<PgDn>");
    assert!(app.list.selected > 0);
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains(&selected_role_name(&app)), "{screen}");
}

#[test]
fn quit_keys_quit_but_not_while_typing_a_filter() {
    let mut app = demo_app(120, 40);
    assert_eq!(press(&mut app, "/q"), []);
    assert_eq!(app.list.filter, "q");
    assert_eq!(press(&mut app, "<Esc>q"), [Command::Quit]);
    assert_eq!(press(&mut app, "<C-c>"), [Command::Quit]);
}

fn mouse(
    app: &mut rolecall::ui::App,
    kind: crossterm::event::MouseEventKind,
    column: u16,
    row: u16,
) {
    app.update(rolecall::ui::Msg::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: crossterm::event::KeyModifiers::NONE,
    }));
}

#[test]
fn mouse_clicks_select_rows_and_tabs_and_the_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let mut app = demo_app(120, 40);
    // Click the third visible role.
    let list = app.hits.list;
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    );
    assert_eq!(app.list.selected, 2);
    // Click the Details tab title.
    let (tab_area, tab) = app.hits.tabs[2];
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        tab_area.x + 1,
        tab_area.y,
    );
    assert_eq!(
        (tab, app.page().tab()),
        (Tab::CanAssume, Some(Tab::CanAssume))
    );
    // The wheel over the list moves the selection down.
    render(&mut app, 120, 40);
    mouse(&mut app, MouseEventKind::ScrollDown, list.x + 2, list.y + 1);
    assert_eq!(app.list.selected, 5);
    // The wheel over a long document scrolls it, and the screen follows.
    common::open_policy(&mut app, "ReadOnlyAccess");
    let before = render(&mut app, 120, 40);
    let doc = app.hits.doc;
    assert!(
        app.doc_lines > usize::from(doc.height),
        "the document is longer than the pane"
    );
    mouse(&mut app, MouseEventKind::ScrollDown, doc.x + 3, doc.y + 2);
    assert_eq!(app.page().scroll, 3);
    let after = render(&mut app, 120, 40);
    assert!(after.contains("lines 4–"), "{after}");
    assert_ne!(before, after);
}

#[test]
fn reload_keeps_the_selected_role_and_open_pages_and_drops_stale_answers() {
    use rolecall::ui::Msg;
    let mut app = demo_app(120, 40);
    common::goto_role(&mut app, "prod-deployer");
    press(&mut app, "6");
    common::open_policy(&mut app, "acme-deploy-permissions");
    press(&mut app, "2");
    let [Command::Load { request }] = press(&mut app, "r")[..] else {
        panic!("r asks for a reload")
    };
    // An answer to an older request is ignored.
    app.update(Msg::Loaded {
        request: request + 100,
        result: Ok(Box::default()),
    });
    assert_eq!(app.data.model.roles.len(), 71);
    // The real answer: the same account loaded again.
    app.update(Msg::Loaded {
        request,
        result: Ok(Box::new(common::demo_model())),
    });
    assert!(app.data.loading.is_none());
    let Some(EntityRef::Policy(p)) = app.page().entity() else {
        panic!("the policy page stays open")
    };
    assert_eq!(app.data.model.policies[p].name, "acme-deploy-permissions");
    assert_eq!(app.page().tab(), Some(Tab::Versions));
    press(&mut app, "<Esc>");
    assert_eq!(selected_role_name(&app), "prod-deployer");
    assert_eq!(app.page().tab(), Some(Tab::Details));
    // A failed reload keeps what is shown and says why.
    let [Command::Load { request }] = press(&mut app, "r")[..] else {
        panic!("r asks for a reload")
    };
    app.update(Msg::Loaded {
        request,
        result: Err("acct.json is truncated".into()),
    });
    assert_eq!(app.data.model.roles.len(), 71);
    assert!(app.status.contains("Reload failed") && app.status.contains("truncated"));
}

#[test]
fn who_can_assume_lists_the_chain_role_and_enter_opens_it() {
    let mut app = demo_app(120, 40);
    select_role(&mut app, "prod-deployer");
    press(&mut app, "2<Enter>");
    let labels: Vec<&str> = app
        .content
        .rows
        .iter()
        .filter_map(|r| r.arn.as_deref())
        .collect();
    assert!(
        labels.contains(&"arn:aws:iam::111122223333:role/ci/deploy-orchestrator"),
        "{labels:?}"
    );
    let row = labels
        .iter()
        .position(|l| l.ends_with("role/ci/deploy-orchestrator"))
        .unwrap();
    assert!(app.content.rows[row].cells[0].text.contains("allowed"));
    // The verdict's document names the trust statement that decided.
    for _ in 0..row {
        press(&mut app, "j");
    }
    let commands = press(&mut app, "Y");
    let [Command::Copy { text, .. }] = commands.as_slice() else {
        panic!("{commands:?}")
    };
    let why: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(why["verdict"], "allowed");
    assert_eq!(why["statements"][0]["side"], "trust");
    assert_eq!(
        why["statements"][0]["Statement"]["Principal"]["AWS"],
        "arn:aws:iam::111122223333:role/ci/deploy-orchestrator"
    );
    press(&mut app, "<Enter>");
    let Some(EntityRef::Role(role)) = app.page().entity() else {
        panic!("opened {:?}", app.page().entity())
    };
    assert_eq!(
        app.data.model.roles[role].detail.role_name,
        "deploy-orchestrator"
    );
}

#[test]
fn can_assume_shows_the_chain_from_a_user() {
    let mut app = demo_app(120, 40);
    let bob = app
        .data
        .model
        .users
        .iter()
        .position(|u| u.detail.user_name == "bob.ortiz")
        .unwrap();
    app.open(EntityRef::User(bob));
    press(&mut app, "3");
    let cells: Vec<&str> = app
        .content
        .rows
        .iter()
        .map(|r| r.cells[1].text.as_str())
        .collect();
    // The tree: ci-runner directly, then the chain below it, indented.
    let at = cells
        .iter()
        .position(|c| *c == "ci-runner")
        .expect("ci-runner");
    assert_eq!(cells[at + 1], "└ deploy-orchestrator", "{cells:?}");
    assert_eq!(cells[at + 2], "  └ prod-deployer", "{cells:?}");
    let note = &app.content.rows[at + 2].note[0];
    assert_eq!(
        note,
        "bob.ortiz → ci-runner → deploy-orchestrator → prod-deployer"
    );
}

#[test]
fn findings_badges_filter_terms_sort_and_tab() {
    let mut app = demo_app(120, 40);
    // `sev:high` keeps exactly the roles with a high finding.
    press(&mut app, "/sev:high<Enter>");
    let high: Vec<usize> = app.list.visible.clone();
    assert!(!high.is_empty());
    for r in 0..app.data.model.roles.len() {
        let has_high = app
            .data
            .risk
            .findings(r)
            .iter()
            .any(|f| f.severity == rolecall::audit::Severity::High);
        assert_eq!(
            high.contains(&r),
            has_high,
            "{}",
            app.data.model.roles[r].detail.role_name
        );
    }
    // `id:` with words: the GitHub role without a `sub` condition.
    press(&mut app, "<Esc>/id:rc-oidc github ecr<Enter>");
    let names = common::visible_names(&app);
    assert_eq!(names, ["github-actions-ecr-push"]);
    // Its Findings tab names the finding, the statement and the fix.
    press(&mut app, "7");
    let row = &app.content.rows[0];
    assert!(row.cells[1].text.starts_with("RC-OIDC"), "{:?}", row.cells);
    assert!(
        row.note.iter().any(|n| n.starts_with("Fix: ")),
        "{:?}",
        row.note
    );
    // Sorting by risk puts the most severe first.
    press(&mut app, "<Esc><Esc>sss");
    assert_eq!(app.list.sort.label(), "risk");
    let maxes: Vec<_> = app
        .list
        .visible
        .iter()
        .map(|r| app.data.risk.max(*r))
        .collect();
    assert!(maxes.windows(2).all(|w| w[0] >= w[1]), "{maxes:?}");
}

#[test]
fn a_baseline_marks_exactly_the_drifted_roles() {
    let mut app = demo_app(120, 40);
    let earlier = rolecall::model::build(vec![rolecall::source::demo::earlier().unwrap()]);
    app.set_baseline(earlier);
    let badge = |app: &rolecall::ui::App, name: &str| {
        let role = app
            .data
            .model
            .roles
            .iter()
            .find(|r| r.detail.role_name == name)
            .unwrap();
        app.data.drift.badge(&role.detail.arn).map(|(text, _)| text)
    };
    // The demo's story (assets/demo/README.md).
    assert_eq!(badge(&app, "analytics-export"), Some("NEW ROLE"));
    assert_eq!(badge(&app, "cloudcost-vendor-readonly"), Some("NEW TRUST"));
    assert_eq!(
        badge(&app, "org-shared-artifacts-reader"),
        Some("NEW TRUST")
    );
    assert_eq!(badge(&app, "search-dev-sandbox"), Some("changed"));
    assert_eq!(badge(&app, "ci-runner"), None);
    // The Drift tab lists the new principal first.
    common::goto_role(&mut app, "cloudcost-vendor-readonly");
    press(&mut app, "8");
    assert_eq!(app.content.rows[0].cells[0].text, "NEW TRUST");
    assert!(app.content.rows[0].cells[1].text.contains("777766665555"));
}

#[test]
fn a_baseline_of_another_account_is_refused_not_shown_as_drift() {
    let mut app = demo_app(120, 40);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gaad/cloudmapper-demo.json"
    );
    let other = rolecall::model::build(vec![rolecall::source::Loaded {
        origin: path.into(),
        snapshot: rolecall::source::file::load_file(std::path::Path::new(path)).unwrap(),
    }]);
    let other_id = other.accounts[0].account_id.clone();
    app.set_baseline(other);
    assert!(app.data.drift.drift.is_none());
    assert!(
        app.status.contains("No drift shown") && app.status.contains(&other_id),
        "{}",
        app.status
    );
    let first = app.data.model.roles[0].detail.arn.clone();
    assert_eq!(app.data.drift.badge(&first), None);
}

#[test]
fn the_findings_view_groups_by_id_and_enter_opens_the_roles_finding() {
    let mut app = demo_app(120, 40);
    press(&mut app, "F");
    assert_eq!(app.page().page, Page::Findings);
    // Group rows carry a count that matches the rows under them.
    let rows = &app.content.rows;
    let first_group = &rows[0];
    assert_eq!(first_group.cells[0].text, "high");
    let id = first_group.cells[1].text.clone();
    let members = rows[1..]
        .iter()
        .take_while(|r| r.cells[1].text.is_empty())
        .count();
    assert_eq!(first_group.cells[3].text, format!("{members} finding(s)"));
    // Enter on the first role of the group: its Findings tab, on that finding.
    press(&mut app, "j<Enter>");
    assert!(matches!(app.page().entity(), Some(EntityRef::Role(_))));
    assert_eq!(app.page().tab(), Some(Tab::Findings));
    let selected = &app.content.rows[app.page().row];
    assert_eq!(selected.cells[1].text, id);
    press(&mut app, "<Esc>");
    assert_eq!(app.page().page, Page::Findings);
    press(&mut app, "<Esc>");
    assert!(app.on_role_list());
}

#[test]
fn the_findings_view_lists_users_groups_and_policies_and_enter_opens_them() {
    use rolecall_testkit::gaad::{Account, Group, Policy, User, allow, document};
    let model = Account::new("123456789012")
        .user(User::new("alice").inline("p", document([allow("s3:GetObject", "*")])))
        .group(Group::new("devs").inline("p", document([allow("s3:Gett*", "*")])))
        .policy(Policy::new(
            "loose",
            document([allow("iam:AttachRolePolicy", "*")]),
        ))
        .model();
    let mut app = rolecall::ui::App::new(model);
    let commands = app.start();
    common::run_commands(&mut app, commands);
    render(&mut app, 120, 40);
    press(&mut app, "F");
    assert_eq!(app.page().page, Page::Findings);
    let screen = render(&mut app, 120, 40);
    for name in ["user alice", "group devs", "policy loose"] {
        assert!(screen.contains(name), "{name} missing:\n{screen}");
    }
    for (kind, want) in [
        ("user alice", EntityRef::User(0)),
        ("group devs", EntityRef::Group(0)),
        ("policy loose", EntityRef::Policy(0)),
    ] {
        let row = app
            .content
            .rows
            .iter()
            .position(|r| r.cells[2].text.trim() == kind)
            .unwrap_or_else(|| panic!("no row for {kind}"));
        assert_eq!(app.content.rows[row].target, Some(want));
        // Walk down to the row (from the top) and open it.
        press(&mut app, "g");
        for _ in 0..row {
            press(&mut app, "j");
        }
        press(&mut app, "<Enter>");
        assert_eq!(app.page().entity(), Some(want), "{kind}");
        render(&mut app, 120, 40);
        press(&mut app, "<Esc>");
        assert_eq!(app.page().page, Page::Findings);
    }
}

#[test]
fn the_audit_runs_off_the_ui_thread_and_stale_results_are_dropped() {
    use rolecall::ui::Msg;
    use rolecall::ui::risk::RiskIndex;
    let mut app = rolecall::ui::App::new(common::demo_model());
    // Nothing audited yet: the UI is usable at once.
    assert!(!app.data.risk.ready);
    let commands = app.start();
    let [Command::ComputeRisk { generation }] = commands[..] else {
        panic!("{commands:?}")
    };
    // A result for an older model is ignored.
    let risk = Box::new(RiskIndex::build(&app.data.model));
    app.update(Msg::RiskReady {
        generation: generation + 7,
        risk: risk.clone(),
    });
    assert!(!app.data.risk.ready);
    app.update(Msg::RiskReady { generation, risk });
    assert!(app.data.risk.ready);
    assert!(app.data.risk.by_role.iter().any(|f| !f.is_empty()));
}

#[test]
fn fuzzy_matches_follow_exact_ones_with_the_matched_letters_underlined() {
    let mut app = demo_app(120, 40);
    press(&mut app, "/ghsfd");
    // No role holds "ghsfd"; the storefront deploy role matches it fuzzily.
    assert_eq!(app.list.exact, 0);
    let names = common::visible_names(&app);
    assert!(
        names.contains(&"github-actions-storefront-deploy".to_string()),
        "{names:?}"
    );
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("0 of 71, +"), "{screen}");
    // Find the row of that role and check which of its characters are
    // underlined: exactly the five matched letters, g h s f d.
    let buffer = common::render_buffer(&mut app, 120, 40, rolecall::ui::theme::Theme::new(false));
    let name = "github-actions-storefront-deploy";
    let row = (0..buffer.area.height)
        .find(|&y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            line.starts_with(&format!("│{name}"))
        })
        .expect("the role is listed");
    let underlined: String = (1..=name.len() as u16)
        .filter(|&x| {
            buffer[(x, row)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|x| buffer[(x, row)].symbol().to_string())
        .collect();
    assert_eq!(underlined, "ghsfd");
    // An exact term underlines its run, and the count says there is no fuzz.
    press(&mut app, &"<Backspace>".repeat(5));
    press(&mut app, "storefront-deploy");
    assert_eq!(app.list.exact, app.list.visible.len());
    assert!(!render(&mut app, 120, 40).contains("fuzzy"));
}

#[test]
fn a_click_after_a_resize_selects_the_row_drawn_under_it() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let mut app = demo_app(120, 40);
    // Far down the list on a tall screen, then the screen shrinks.
    press(&mut app, "G");
    render(&mut app, 80, 24);
    let list = app.hits.list;
    let screen = render(&mut app, 80, 24);
    // The third row on screen, as drawn.
    let line = screen.lines().nth(usize::from(list.y + 2)).unwrap();
    let drawn = line
        .trim_start_matches('│')
        .split_whitespace()
        .next()
        .unwrap();
    mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        list.y + 2,
    );
    assert_eq!(selected_role_name(&app), drawn, "{screen}");
}

#[test]
fn long_document_lines_scroll_sideways() {
    let mut app = demo_app(80, 24);
    common::goto_role(&mut app, "github-actions-storefront-deploy");
    press(&mut app, "<Enter>");
    let before = render(&mut app, 80, 24);
    assert!(before.contains("\"Version\": \"2012-10-17\""), "{before}");
    press(&mut app, "LL");
    assert_eq!(app.page().hscroll, 16);
    let after = render(&mut app, 80, 24);
    assert!(after.contains("from column 17"), "{after}");
    assert!(!after.contains("\"Version\""), "{after}");
    // `  "Version": "2012-10-17",` from its 17th column.
    assert!(after.contains("│12-10-17\","), "{after}");
    // Never past the widest line; 0 goes back to the start.
    press(&mut app, &"L".repeat(50));
    let widest = app.doc_width;
    assert!(
        app.page().hscroll <= widest,
        "{} > {widest}",
        app.page().hscroll
    );
    press(&mut app, "0");
    assert_eq!(render(&mut app, 80, 24), before);
}

#[test]
fn control_characters_in_the_data_never_reach_the_terminal() {
    let mut loaded = rolecall::source::demo::current().unwrap();
    let role = &mut loaded.snapshot.role_detail_list[0];
    role.role_name = "evil\u{1b}]52;c;SGk=\u{7}\u{1b}[2J".into();
    role.description = Some("line one\nline two\u{1b}[31m".into());
    role.path = "/\u{1b}[5m/".into();
    let mut app = rolecall::ui::App::new(rolecall::model::build(vec![loaded]));
    let commands = app.start();
    common::run_commands(&mut app, commands);
    press(&mut app, "/evil<Enter>5");
    for screen in [render(&mut app, 120, 40), {
        press(&mut app, "<Enter>j");
        render(&mut app, 120, 40)
    }] {
        assert!(
            !screen.chars().any(|c| c.is_control() && c != '\n'),
            "{screen:?}"
        );
        assert!(screen.contains(r"evil\e]52;c;SGk=\u{7}\e[2J"), "{screen}");
    }
}

#[test]
fn at_140_columns_the_path_and_the_trust_principal_are_whole() {
    let mut app = demo_app(140, 40);
    common::goto_role(&mut app, "github-actions-storefront-deploy");
    let screen = render(&mut app, 140, 40);
    let table_line = screen
        .lines()
        .find(|l| l.contains("OIDC provider"))
        .expect("the trust row");
    assert!(
        table_line.contains("oidc-provider/token.actions.githubusercontent.com "),
        "{table_line}"
    );
    let list_line = screen
        .lines()
        .find(|l| l.contains("github-actions-storefront-deploy "))
        .expect("the selected role");
    assert!(list_line.contains(" /ci/ "), "{list_line}");
    // The Name column is as wide as the longest name in view, not more.
    let header = screen.lines().find(|l| l.contains("Name")).unwrap();
    let gap = header.find("Path").unwrap() - header.find("Name").unwrap();
    assert!(gap <= 34, "{header}");
}

/// The names of the entities the shown `:` list has, in order.
fn list_names(app: &rolecall::ui::App) -> Vec<String> {
    let list = app.entity_list().expect("a : list is shown");
    list.visible
        .iter()
        .map(|item| match item {
            rolecall::ui::app::Item::Entity(e) => app.data.model.name_of(*e).to_string(),
            rolecall::ui::app::Item::Account(a) => app.data.model.accounts[*a].label.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn colon_users_completes_and_lists_every_user() {
    let mut app = demo_app(120, 40);
    press(&mut app, ":us<Tab>");
    assert_eq!(app.command.as_deref(), Some("users"), "Tab completed");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains(":users"), "the command is shown:\n{screen}");
    press(&mut app, "<Enter>");
    assert!(app.command.is_none());
    assert!(matches!(
        app.page().page,
        Page::EntityList {
            kind: rolecall::ui::nav::ListPage::Users
        }
    ));
    let mut names = list_names(&app);
    let mut expected: Vec<String> = app
        .data
        .model
        .users
        .iter()
        .map(|u| u.detail.user_name.clone())
        .collect();
    assert!(!expected.is_empty());
    // Sorted by name, ignoring case.
    let shown = names.clone();
    let mut by_name = shown.clone();
    by_name.sort_by_key(|n| n.to_lowercase());
    assert_eq!(shown, by_name);
    names.sort();
    expected.sort();
    assert_eq!(names, expected);
    let screen = render(&mut app, 120, 40);
    let total = expected.len();
    assert!(
        screen.contains(&format!("Users {total} of {total} · sort: name")),
        "{screen}"
    );
    for name in &expected {
        assert!(screen.contains(name.as_str()), "{name} is drawn:\n{screen}");
    }
}

#[test]
fn a_users_filter_narrows_and_enter_opens_and_esc_comes_back() {
    let mut app = demo_app(120, 40);
    press(&mut app, ":users<Enter>");
    let all = list_names(&app);
    // The last user's name, typed: it and only the names containing it (or
    // matching it fuzzily) stay.
    let target = all.last().unwrap().clone();
    press(&mut app, &format!("/{target}"));
    let shown = list_names(&app);
    assert!(shown.len() < all.len(), "{shown:?}");
    assert_eq!(shown.first(), Some(&target));
    let exact = app.entity_list().unwrap().exact;
    for name in &shown[..exact] {
        let user = app
            .data
            .model
            .users
            .iter()
            .find(|u| &u.detail.user_name == name)
            .unwrap();
        let text = format!(
            "{} {} {}",
            user.detail.user_name, user.detail.arn, user.detail.path
        )
        .to_lowercase();
        let tags: String = user
            .detail
            .tags
            .iter()
            .map(|t| format!("{}={}", t.key, t.value).to_lowercase())
            .collect();
        assert!(
            text.contains(&target.to_lowercase()) || tags.contains(&target.to_lowercase()),
            "{name}"
        );
    }
    press(&mut app, "<Enter>");
    assert!(!app.entity_list().unwrap().editing);
    // Esc clears the filter; the user picked stays selected.
    press(&mut app, "<Esc>");
    assert_eq!(list_names(&app), all, "Esc clears the list's filter");
    let list = app.entity_list().unwrap();
    assert_eq!(list.selected, all.len() - 1, "{target} is still selected");
    // The second user.
    press(&mut app, "gj");
    let selected = app.entity_list().unwrap().selected;
    assert_eq!(selected, 1);
    press(&mut app, "<Enter>");
    let page = app.page().page;
    let Page::Entity {
        entity: EntityRef::User(u),
        ..
    } = page
    else {
        panic!("a user page opened: {page:?}");
    };
    assert_eq!(app.data.model.users[u].detail.user_name, all[1]);
    assert!(render(&mut app, 120, 40).contains(&all[1]));
    press(&mut app, "<Esc>");
    assert!(app.entity_list().is_some(), "back on the users list");
    assert_eq!(app.entity_list().unwrap().selected, 1, "selection kept");
    // `:roles` is the role list again.
    press(&mut app, ":roles<Enter>");
    assert!(app.on_role_list());
}

#[test]
fn colon_policies_lists_managed_policies_and_opens_one() {
    let mut app = demo_app(120, 40);
    press(&mut app, ":po<Tab><Enter>");
    let names = list_names(&app);
    assert_eq!(names.len(), app.data.model.policies.len());
    assert!(names.len() > 1);
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("AWS managed") || screen.contains("customer managed"));
    // A click on the fourth row selects it; the wheel moves three on.
    let rows = app.hits.list;
    mouse(
        &mut app,
        crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        rows.x + 2,
        rows.y + 3,
    );
    assert_eq!(app.entity_list().unwrap().selected, 3);
    mouse(
        &mut app,
        crossterm::event::MouseEventKind::ScrollDown,
        rows.x + 2,
        rows.y + 3,
    );
    assert_eq!(app.entity_list().unwrap().selected, 6);
    press(&mut app, "g");
    // Reverse the sort: the last is first.
    press(&mut app, "S");
    assert_eq!(list_names(&app).first(), names.last());
    press(&mut app, "S<Enter>");
    let Page::Entity {
        entity: EntityRef::Policy(p),
        tab,
    } = app.page().page
    else {
        panic!("a policy page opened: {:?}", app.page().page);
    };
    assert_eq!(app.data.model.policies[p].name, names[0]);
    assert_eq!(tab, Tab::Document);
    // y on the list copies the selected policy's ARN.
    press(&mut app, "<Esc>");
    let commands = press(&mut app, "y");
    let arn = app.data.model.policies[p].arn.clone();
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::Copy { text, .. } if *text == arn)),
        "{commands:?}"
    );
}

#[test]
fn a_long_list_scrolls_to_keep_the_selection_on_screen() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":policies<Enter>G");
    let names = list_names(&app);
    assert!(names.len() > 24, "the demo has more policies than rows");
    let screen = render(&mut app, 80, 24);
    let last = &names[names.len() - 1];
    assert!(screen.contains(&last[..last.len().min(30)]), "{screen}");
    assert!(
        !screen.contains(&names[0][..names[0].len().min(30)]),
        "{screen}"
    );
    press(&mut app, "g");
    let screen = render(&mut app, 80, 24);
    assert!(
        screen.contains(&names[0][..names[0].len().min(30)]),
        "{screen}"
    );
}

#[test]
fn an_unknown_command_names_the_valid_ones() {
    let mut app = demo_app(120, 40);
    press(&mut app, ":bogus");
    assert!(render(&mut app, 120, 40).contains("no such list"));
    press(&mut app, "<Enter>");
    assert!(app.on_role_list() && app.command.is_none());
    for name in [
        ":roles",
        ":users",
        ":groups",
        ":policies",
        ":accounts",
        "bogus",
    ] {
        assert!(app.status.contains(name), "{name}: {}", app.status);
    }
    // Esc cancels a command without running it.
    press(&mut app, ":users<Esc>");
    assert!(app.on_role_list() && app.command.is_none());
}

#[test]
fn colon_accounts_lists_the_demo_account_and_enter_filters_the_roles() {
    let mut app = demo_app(120, 40);
    press(&mut app, ":accounts<Enter>");
    assert_eq!(list_names(&app).len(), 1);
    let account = app.data.model.accounts[0].clone();
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains(&account.account_id), "{screen}");
    assert!(
        screen.contains(&app.data.model.roles.len().to_string()),
        "{screen}"
    );
    press(&mut app, "<Enter>");
    assert!(app.on_role_list());
    assert_eq!(app.list.filter, format!("account:{}", account.account_id));
    assert_eq!(app.list.visible.len(), app.data.model.roles.len());
}

#[test]
fn with_two_accounts_the_accounts_list_counts_each_and_enter_filters_to_one() {
    use rolecall_testkit::gaad::{Account, Role, User, model_of};
    let a = Account::new("111111111111")
        .origin("prod.json")
        .role(Role::new("alpha"))
        .role(Role::new("beta"))
        .user(User::new("ann"));
    let b = Account::new("222222222222")
        .origin("dev.json")
        .role(Role::new("gamma"))
        .users([User::new("bob"), User::new("cid")]);
    let mut app = rolecall::ui::App::new(model_of(&[a, b]));
    render(&mut app, 120, 40);
    press(&mut app, ":acc<Tab><Enter>");
    let labels = list_names(&app);
    assert_eq!(labels.len(), 2, "{labels:?}");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Accounts 2 of 2"), "{screen}");
    // The row of the 222… account: its label, id, (no status without an
    // organization) 1 role, 2 users, no groups or policies (shown from 140
    // columns), its findings and "loaded".
    let screen = render(&mut app, 160, 40);
    let row = screen
        .lines()
        .find(|l| l.starts_with('│') && l.contains("222222222222"))
        .unwrap_or_else(|| panic!("{screen}"));
    let cells: Vec<&str> = row.trim_matches('│').split_whitespace().collect();
    assert_eq!(cells[1], "222222222222", "{row}");
    assert_eq!(&cells[2..6], ["1", "2", "0", "0"], "{row}");
    assert_eq!(cells.last(), Some(&"loaded"), "{row}");
    // Select it and Enter: the role list shows only its roles.
    let at = app
        .entity_list()
        .unwrap()
        .visible
        .iter()
        .position(|i| {
            matches!(i, rolecall::ui::app::Item::Account(x)
                if app.data.model.accounts[*x].account_id == "222222222222")
        })
        .unwrap();
    press(&mut app, &format!("g{}<Enter>", "j".repeat(at)));
    assert!(app.on_role_list());
    assert_eq!(common::visible_names(&app), ["gamma"]);
    // The users list has an Account column, and `account:` filters it.
    press(&mut app, ":users<Enter>");
    let screen = render(&mut app, 120, 40);
    assert!(screen.contains("Account"), "{screen}");
    press(&mut app, "/account:2222<Enter>");
    let mut names = list_names(&app);
    names.sort();
    assert_eq!(names, ["bob", "cid"]);
}

#[test]
fn colon_groups_lists_every_group_with_its_member_count() {
    let mut app = demo_app(120, 40);
    press(&mut app, ":gr<Tab><Enter>");
    let names = list_names(&app);
    assert_eq!(names.len(), app.data.model.groups.len());
    let screen = render(&mut app, 120, 40);
    for group in &app.data.model.groups {
        let row = screen
            .lines()
            .find(|l| {
                l.trim_start_matches('│')
                    .split_whitespace()
                    .next()
                    .is_some_and(|n| n == group.detail.group_name)
            })
            .unwrap_or_else(|| panic!("{} is drawn:\n{screen}", group.detail.group_name));
        let cells: Vec<&str> = row.trim_matches('│').split_whitespace().collect();
        // Name, Path, Members, Policies, Created.
        assert_eq!(cells[2], group.members.len().to_string(), "{row}");
        assert_eq!(
            cells[3],
            (group.attached.len() + group.inline.len()).to_string(),
            "{row}"
        );
    }
    press(&mut app, "<Enter>");
    assert!(matches!(
        app.page().page,
        Page::Entity {
            entity: EntityRef::Group(_),
            ..
        }
    ));
}

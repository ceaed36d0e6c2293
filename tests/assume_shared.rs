//! who-can-assume shares one decision between callers a role cannot tell
//! apart. These tests hold it to the one-caller-at-a-time answer: for every
//! role and every listed caller (denied ones included), the shared decision
//! must equal `can_assume`'s, word for word. The hand-made account is full
//! of lookalikes: principals with the same policies whose tags, names or ARNs
//! make the difference.
// unsafe_code: edition 2024 makes std::env::set_var unsafe; the tests set the SDK's environment with it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unsafe_code)] // a test, bench or example may fail loudly

#[path = "assume_rules/support.rs"]
mod support;

use rolecall::analysis::assume::{AssumeIndex, Verdict, can_assume, who_can_assume};
use rolecall::model::{self, Model};
use rolecall::source::{self, Loaded, SourceSpec};
use rolecall_testkit::synthetic::{SyntheticSpec, generate_account};
use serde_json::json;
use support::*;

/// Every entry of every role's list equals the decision made on its own,
/// and the list is in its documented order: verdict, kind, label.
fn assert_shared_equals_single(model: &Model, index: &AssumeIndex, what: &str) -> usize {
    let mut checked = 0;
    for r in 0..model.roles.len() {
        let who = who_can_assume(model, index, r, true);
        for pair in who.windows(2) {
            let key = |e: &rolecall::analysis::assume::WhoEntry| {
                (e.decision.verdict.rank(), e.kind, e.label.clone())
            };
            assert!(
                key(&pair[0]) <= key(&pair[1]),
                "{what}: {} lists {:?} before {:?}",
                model.roles[r].detail.arn,
                key(&pair[0]),
                key(&pair[1])
            );
        }
        for e in who {
            let alone = can_assume(model, index, &e.caller, r);
            assert_eq!(
                *e.decision, alone,
                "{what}: {} → {}",
                e.label, model.roles[r].detail.arn
            );
            checked += 1;
        }
    }
    checked
}

fn lookalikes() -> (Model, AssumeIndex) {
    let team = |name: &str, t: &str| User::new(name).tag("team", t).attached("assume-all");
    let by_root_if =
        |condition| document([trust_allow(aws(root(A)), "sts:AssumeRole").when(condition)]);
    let by_anyone_if =
        |condition| document([trust_allow(aws("*"), "sts:AssumeRole").when(condition)]);
    let a = Account::new(A)
        .policy(Policy::new("assume-all", allow_assume("*")))
        .policy(Policy::new(
            "assume-own",
            allow_assume(format!("arn:aws:iam::{A}:role/${{aws:username}}-*")),
        ))
        .user(team("alice", "red"))
        .user(team("bob", "blue"))
        .user(User::new("carol").attached("assume-all"))
        .user(User::new("dave").attached("assume-own"))
        .user(User::new("erin").attached("assume-own"))
        .role(Role::new("red-only").trust(by_root_if(
            json!({"StringEquals": {"aws:PrincipalTag/team": "red"}}),
        )))
        .role(Role::new("anyone-but-bob").trust(by_anyone_if(
            json!({"StringNotEquals": {"aws:PrincipalArn": user_arn(A, "bob")}}),
        )))
        .role(Role::new("users-only").trust(by_anyone_if(
            json!({"StringEquals": {"aws:PrincipalType": "User"}}),
        )))
        .role(Role::new("dave-tools").trusted_by(aws(root(A))))
        .role(Role::new("bob-only").trusted_by(aws(user_arn(A, "bob"))))
        .role(Role::new("not-bob").trust(document([
            trust_allow(aws(root(A)), "sts:AssumeRole"),
            trust_deny(aws(user_arn(A, "bob")), "sts:AssumeRole"),
        ])))
        .role(Role::new("open").trusted_by(aws("*")).tag("team", "red"))
        .role(
            Role::new("same-team")
                .trust(by_anyone_if(
                    json!({"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}}),
                ))
                .tag("team", "blue"),
        );
    world(&[a])
}

fn verdict(model: &Model, index: &AssumeIndex, role: &str, who: &str) -> Option<Verdict> {
    let r = role_index(model, &role_arn(A, role));
    who_can_assume(model, index, r, true)
        .iter()
        .find(|e| *e.label == *user_arn(A, who))
        .map(|e| e.decision.verdict)
}

#[test]
fn lookalike_principals_get_their_own_answers() {
    let (m, i) = lookalikes();
    let v = |role, who| verdict(&m, &i, role, who);
    assert_eq!(v("red-only", "alice"), Some(Verdict::Allowed));
    assert_eq!(v("red-only", "bob"), Some(Verdict::Denied));
    assert_eq!(v("red-only", "carol"), Some(Verdict::Denied));
    assert_eq!(v("anyone-but-bob", "alice"), Some(Verdict::Allowed));
    assert_eq!(v("anyone-but-bob", "bob"), Some(Verdict::Denied));
    assert_eq!(v("anyone-but-bob", "carol"), Some(Verdict::Allowed));
    assert_eq!(v("bob-only", "bob"), Some(Verdict::Allowed));
    assert_eq!(v("bob-only", "alice"), Some(Verdict::Denied));
    assert_eq!(v("not-bob", "alice"), Some(Verdict::Allowed));
    assert_eq!(v("not-bob", "bob"), Some(Verdict::Denied));
    assert_eq!(v("dave-tools", "dave"), Some(Verdict::Allowed));
    assert_eq!(v("dave-tools", "erin"), Some(Verdict::Denied));
    assert_eq!(v("same-team", "bob"), Some(Verdict::Allowed));
    assert_eq!(v("same-team", "alice"), Some(Verdict::Denied));
    // Roles are not users: the PrincipalType condition tells them apart.
    let users_only = role_index(&m, &role_arn(A, "users-only"));
    let who = who_can_assume(&m, &i, users_only, false);
    assert!(!who.is_empty());
    assert!(
        who.iter()
            .filter(|e| e.decision.verdict.is_possible())
            .all(|e| e.kind != "IAM role"),
        "{:?}",
        who.iter()
            .map(|e| (&e.label, e.decision.verdict))
            .collect::<Vec<_>>()
    );
    assert!(assert_shared_equals_single(&m, &i, "lookalikes") > 30);
}

#[test]
fn shared_decisions_equal_single_ones_on_the_demo() {
    let loaded = source::load(&SourceSpec::Demo).expect("demo loads");
    let m = model::build(loaded);
    let i = AssumeIndex::build(&m);
    assert!(assert_shared_equals_single(&m, &i, "demo") > 1_000);
}

#[test]
fn shared_decisions_equal_single_ones_on_the_fixtures() {
    for name in [
        "cloudmapper-demo.json",
        "cloudsplaining-test-authz-details.json",
    ] {
        let path = format!("{}/tests/fixtures/gaad/{name}", env!("CARGO_MANIFEST_DIR"));
        let snapshot = source::file::load_file(std::path::Path::new(&path)).expect("loads");
        let m = model::build(vec![Loaded {
            origin: path,
            snapshot,
        }]);
        let i = AssumeIndex::build(&m);
        assert!(assert_shared_equals_single(&m, &i, name) > 0);
    }
}

#[test]
fn shared_decisions_equal_single_ones_on_a_generated_account() {
    let snapshot = generate_account(&SyntheticSpec::sized(300, 150));
    let m = model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot,
    }]);
    let i = AssumeIndex::build(&m);
    assert!(assert_shared_equals_single(&m, &i, "synthetic") > 10_000);
}

/// With the organization loaded (ORGANIZATIONS.md C.8) the generated
/// account's principals hold aws:PrincipalOrgID and a second account's do
/// not: the shared decisions still equal the single ones, and the
/// org-narrowed trusts are now decided for the members. (Its trusts read
/// the org keys; an identity statement reading them, where the per-role
/// statement cache would matter, it does not have.)
#[test]
fn shared_decisions_equal_single_ones_with_an_organization() {
    let snapshot = generate_account(&SyntheticSpec::sized(300, 150));
    let text = serde_json::to_string(&snapshot).unwrap();
    let at = text
        .find("\"o-")
        .expect("the generated account names its organization")
        + 1;
    let org_id = text[at..at + 12].to_string();
    // A second account outside the organization: its callers of the same
    // trusts keep them conditional.
    let outside = generate_account(&SyntheticSpec {
        account_id: "210987654321".into(),
        seed: 7,
        ..SyntheticSpec::sized(200, 100)
    });
    let mut m = model::build(vec![
        Loaded {
            origin: "synthetic".into(),
            snapshot,
        },
        Loaded {
            origin: "outside".into(),
            snapshot: outside,
        },
    ]);
    let before = AssumeIndex::build(&m);
    let conditional_before = (0..m.roles.len())
        .flat_map(|r| who_can_assume(&m, &before, r, false))
        .filter(|e| e.decision.verdict == Verdict::Conditional)
        .count();
    let account = m.accounts[0].account_id.clone();
    m.organization = Some(std::sync::Arc::new(
        serde_json::from_value(json!({
            "format": "rolecall-organization/1",
            "organization": {"id": org_id, "management_account_id": "999999999999"},
            "roots": [{"id": "r-test"}],
            "organizational_units": [{"id": "ou-test-apps", "name": "Apps", "parent_id": "r-test"}],
            "accounts": [{"id": account, "parent_id": "ou-test-apps"}]
        }))
        .unwrap(),
    ));
    let i = AssumeIndex::build(&m);
    assert!(assert_shared_equals_single(&m, &i, "synthetic with its organization") > 10_000);
    let conditional_after = (0..m.roles.len())
        .flat_map(|r| who_can_assume(&m, &i, r, false))
        .filter(|e| e.decision.verdict == Verdict::Conditional)
        .count();
    assert!(
        conditional_after < conditional_before,
        "{conditional_after} conditional entries with the organization, {conditional_before} without"
    );
}

/// The chains as first written: breadth-first over `can_assume_what`,
/// skipping roles already reached. `chains` now skips them before deciding;
/// the answer must not change.
fn chains_the_long_way(
    model: &Model,
    index: &AssumeIndex,
    start: &rolecall::analysis::assume::Caller,
    max_depth: usize,
) -> Vec<rolecall::analysis::assume::Chain> {
    use rolecall::analysis::assume::{Caller, Chain, can_assume_what};
    let mut visited = std::collections::HashSet::new();
    let start_is_role = match start {
        Caller::Role(r) | Caller::Session { role: r, .. } => {
            visited.insert(*r);
            true
        }
        _ => false,
    };
    let mut out = Vec::new();
    let mut frontier = vec![Chain {
        steps: vec![],
        verdicts: vec![],
        chained: vec![],
    }];
    for _ in 0..max_depth {
        let mut next = Vec::new();
        for path in &frontier {
            let caller = path
                .steps
                .last()
                .map_or(start.clone(), |&r| Caller::Role(r));
            for (r, d) in can_assume_what(model, index, &caller) {
                if visited.insert(r) {
                    let mut c = path.clone();
                    c.steps.push(r);
                    c.verdicts.push(d.verdict);
                    c.chained.push(start_is_role || !path.steps.is_empty());
                    next.push(c);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out
}

#[test]
fn chains_equal_the_plain_breadth_first_search() {
    use rolecall::analysis::assume::{Caller, chains};
    let snapshot = generate_account(&SyntheticSpec::sized(300, 150));
    let generated = model::build(vec![Loaded {
        origin: "synthetic".into(),
        snapshot,
    }]);
    let demo = model::build(source::load(&SourceSpec::Demo).expect("demo loads"));
    let mut long_chains = 0;
    for m in [&demo, &generated] {
        let i = AssumeIndex::build(m);
        let callers = (0..m.users.len())
            .map(Caller::User)
            .chain((0..m.roles.len()).step_by(7).map(Caller::Role));
        for c in callers {
            let fast = chains(m, &i, &c, 6);
            assert_eq!(fast, chains_the_long_way(m, &i, &c, 6), "{}", c.label(m));
            long_chains += fast.iter().filter(|c| c.steps.len() > 1).count();
        }
    }
    assert!(
        long_chains > 10,
        "only {long_chains} chains of two hops or more"
    );
}

//! Who-can-assume on the demo account and on the shared GAAD fixtures, with
//! answers checked by hand against the JSON (the reasoning is in comments).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use rolecall::analysis::assume::{
    AssumeIndex, Caller, Verdict, WhoEntry, can_assume_what, chains, who_can_assume,
};
use rolecall::model::{self, Model};
use rolecall::source::{self, Loaded, SourceSpec};

fn demo() -> (Model, AssumeIndex) {
    let loaded = source::load(&SourceSpec::Demo).expect("demo loads");
    let model = model::build(loaded);
    let index = AssumeIndex::build(&model);
    (model, index)
}

fn fixture(name: &str) -> (Model, AssumeIndex) {
    let path = format!("{}/tests/fixtures/gaad/{name}", env!("CARGO_MANIFEST_DIR"));
    let snapshot = source::file::load_file(std::path::Path::new(&path)).expect("fixture loads");
    let model = model::build(vec![Loaded {
        origin: path,
        snapshot,
    }]);
    let index = AssumeIndex::build(&model);
    (model, index)
}

fn role(model: &Model, name: &str) -> usize {
    model
        .roles
        .iter()
        .position(|r| r.detail.role_name == name)
        .unwrap_or_else(|| panic!("no role {name}"))
}

fn user(model: &Model, name: &str) -> usize {
    model
        .users
        .iter()
        .position(|u| u.detail.user_name == name)
        .unwrap_or_else(|| panic!("no user {name}"))
}

/// label → verdict, for compact assertions.
fn table(entries: &[WhoEntry]) -> Vec<(String, Verdict)> {
    entries
        .iter()
        .map(|e| (e.label.to_string(), e.decision.verdict))
        .collect()
}

fn verdict_of(entries: &[WhoEntry], label_end: &str) -> Option<Verdict> {
    entries
        .iter()
        .find(|e| e.label.ends_with(label_end))
        .map(|e| e.decision.verdict)
}

const ACCT: &str = "111122223333";

#[test]
fn demo_ci_runner() {
    // ci-runner trusts ec2.amazonaws.com and the account root. Developers
    // (bob, carol, dave, frank) allow sts:AssumeRole on role/ci/ci-runner in
    // their group inline policy; frank's boundary allows ci-runner too. The
    // group also attaches acme-require-mfa: a Deny of NotAction [...] on *
    // with BoolIfExists aws:MultiFactorAuthPresent=false. That Deny covers
    // sts:AssumeRole and rolecall cannot know about MFA, so each is
    // conditional on the Deny not applying. erin (ReadOnly) and
    // svc-terraform (terraform roles only) have no Allow: not listed.
    let (m, i) = demo();
    let who = who_can_assume(&m, &i, role(&m, "ci-runner"), false);
    let t = table(&who);
    assert_eq!(
        verdict_of(&who, "ec2.amazonaws.com"),
        Some(Verdict::Allowed),
        "{t:?}"
    );
    for dev in ["bob.ortiz", "carol.wu", "dave.kim", "frank.li"] {
        let e = who
            .iter()
            .find(|e| e.label.ends_with(dev))
            .unwrap_or_else(|| panic!("{dev} missing: {t:?}"));
        assert_eq!(e.decision.verdict, Verdict::Conditional, "{dev}");
        assert!(
            e.decision
                .conditions
                .iter()
                .any(|c| c.text.contains("must not apply") && c.text.contains("acme-require-mfa")),
            "{dev}: {:?}",
            e.decision.conditions
        );
        assert!(!e.decision.chained_session_cap);
    }
    assert_eq!(verdict_of(&who, "erin.shah"), None);
    assert_eq!(verdict_of(&who, "svc-terraform"), None);
    // The account itself is loaded, so it is not listed as an external.
    assert!(!who.iter().any(|e| e.label.ends_with(":root")), "{t:?}");
}

#[test]
fn demo_deploy_chain_and_frank() {
    // deploy-orchestrator trusts only role/ci/ci-runner (exact role ARN, same
    // account, no boundary on ci-runner): ci-runner alone, allowed, chained.
    // prod-deployer trusts only deploy-orchestrator. frank.li's explicit Deny
    // on both binds frank's own requests, but once he is ci-runner his
    // session is ci-runner's: the chain frank → ci-runner →
    // deploy-orchestrator → prod-deployer exists (the demo's point).
    let (m, i) = demo();
    let who = who_can_assume(&m, &i, role(&m, "deploy-orchestrator"), false);
    assert_eq!(
        table(&who),
        vec![(
            format!("arn:aws:iam::{ACCT}:role/ci/ci-runner"),
            Verdict::Allowed
        )]
    );
    assert!(who[0].decision.chained_session_cap);
    let who = who_can_assume(&m, &i, role(&m, "prod-deployer"), false);
    assert_eq!(
        table(&who),
        vec![(
            format!("arn:aws:iam::{ACCT}:role/ci/deploy-orchestrator"),
            Verdict::Allowed
        )]
    );

    let frank = Caller::User(user(&m, "frank.li"));
    let direct =
        rolecall::analysis::assume::can_assume(&m, &i, &frank, role(&m, "deploy-orchestrator"));
    assert_eq!(direct.verdict, Verdict::Denied);
    let ch = chains(&m, &i, &frank, 4);
    let names: Vec<Vec<&str>> = ch
        .iter()
        .map(|c| {
            c.steps
                .iter()
                .map(|&r| m.roles[r].detail.role_name.as_str())
                .collect()
        })
        .collect();
    assert!(
        names.contains(&vec!["ci-runner", "deploy-orchestrator", "prod-deployer"]),
        "{names:?}"
    );
    let full = ch.iter().find(|c| c.steps.len() == 3).expect("3-hop chain");
    assert_eq!(full.chained, vec![false, true, true]);
    // Shortest first.
    assert!(ch.windows(2).all(|w| w[0].steps.len() <= w[1].steps.len()));
}

#[test]
fn demo_finance_reports_reader_trust_deny() {
    // Trust: account root (delegation) + Deny naming frank.li. erin.shah has
    // an inline Allow on finance-reports-reader and her ReadOnly group has no
    // MFA Deny: allowed. frank: no Allow, and the trust Deny names him.
    let (m, i) = demo();
    let r = role(&m, "finance-reports-reader");
    let who = who_can_assume(&m, &i, r, false);
    assert_eq!(
        verdict_of(&who, "erin.shah"),
        Some(Verdict::Allowed),
        "{:?}",
        table(&who)
    );
    assert_eq!(verdict_of(&who, "frank.li"), None);
    let d = rolecall::analysis::assume::can_assume(&m, &i, &Caller::User(user(&m, "frank.li")), r);
    assert_eq!(d.verdict, Verdict::Denied);
    assert!(
        d.reasons.iter().any(|x| x.contains("NoContractors")),
        "{:?}",
        d.reasons
    );
}

#[test]
fn the_tab_listing_adds_only_the_denied_principals_the_trust_names() {
    // What the Who-can-assume tab shows: everyone who may assume the role,
    // plus the principals the trust names one by one even when denied (the
    // deleted role's id on analytics-readonly), and no other denied ones.
    use rolecall::analysis::assume::{Listing, who_can_assume_listing};
    let (m, i) = demo();
    let r = role(&m, "analytics-readonly");
    let possible = who_can_assume(&m, &i, r, false);
    let tab = who_can_assume_listing(&m, &i, r, Listing::NamedToo);
    let dangling = tab
        .iter()
        .find(|e| &*e.label == "AROAJQABLZS4A3QDU576Q")
        .expect("the dangling id is listed");
    assert_eq!(dangling.decision.verdict, Verdict::Denied);
    assert!(
        dangling
            .decision
            .reasons
            .iter()
            .any(|x| x.contains("deleted"))
    );
    let denied: Vec<&str> = tab
        .iter()
        .filter(|e| e.decision.verdict == Verdict::Denied)
        .map(|e| &*e.label)
        .collect();
    assert_eq!(denied, vec!["AROAJQABLZS4A3QDU576Q"]);
    assert_eq!(tab.len(), possible.len() + 1);
    // The denied come last.
    assert_eq!(
        tab.last().map(|e| e.decision.verdict),
        Some(Verdict::Denied)
    );
}

#[test]
fn demo_analytics_readonly_and_dangling_id() {
    // Trust names carol.wu exactly and AROAJQABLZS4A3QDU576Q (a deleted
    // role). carol needs no identity Allow (same account, exact ARN) but her
    // Developers group's acme-require-mfa Deny leaves it conditional. The
    // dangling id shows only with include_denied, as denied.
    let (m, i) = demo();
    let r = role(&m, "analytics-readonly");
    let who = who_can_assume(&m, &i, r, false);
    assert_eq!(
        verdict_of(&who, "carol.wu"),
        Some(Verdict::Conditional),
        "{:?}",
        table(&who)
    );
    assert_eq!(verdict_of(&who, "AROAJQABLZS4A3QDU576Q"), None);
    let all = who_can_assume(&m, &i, r, true);
    let e = all
        .iter()
        .find(|e| &*e.label == "AROAJQABLZS4A3QDU576Q")
        .expect("dangling listed with --all");
    assert_eq!(e.decision.verdict, Verdict::Denied);
    assert!(e.decision.reasons.iter().any(|x| x.contains("deleted")));
    // --all lists every loaded user and role.
    assert!(all.len() >= m.users.len() + m.roles.len());
}

#[test]
fn demo_self_trust_and_missing_principal() {
    // tenant-isolation-broker trusts lambda and its own ARN: itself (allowed,
    // chained) and lambda. reporting-exporter trusts role/app/reporting-
    // scheduler, which is not in the snapshot: nobody can assume it.
    let (m, i) = demo();
    let r = role(&m, "tenant-isolation-broker");
    let who = who_can_assume(&m, &i, r, false);
    assert_eq!(
        verdict_of(&who, "lambda.amazonaws.com"),
        Some(Verdict::Allowed)
    );
    assert_eq!(
        verdict_of(&who, "role/app/tenant-isolation-broker"),
        Some(Verdict::Allowed),
        "{:?}",
        table(&who)
    );
    let who = who_can_assume(&m, &i, role(&m, "reporting-exporter"), false);
    assert!(who.is_empty(), "{:?}", table(&who));
    let all = who_can_assume(&m, &i, role(&m, "reporting-exporter"), true);
    let e = all
        .iter()
        .find(|e| e.label.ends_with("reporting-scheduler"))
        .expect("listed with --all");
    assert_eq!(e.decision.verdict, Verdict::Denied);
}

#[test]
fn demo_org_wildcard_lists_everyone_conditionally() {
    // {"AWS": "*"} limited by aws:PrincipalOrgID: every principal of the
    // account (no identity Allow needed for `*` in the same account) is
    // conditional on the org id, plus "*" itself for other accounts.
    let (m, i) = demo();
    let who = who_can_assume(&m, &i, role(&m, "org-shared-artifacts-reader"), false);
    for u in &m.users {
        assert!(
            who.iter().any(|e| *e.label == *u.detail.arn),
            "{} missing",
            u.detail.user_name
        );
    }
    let star = who.iter().find(|e| &*e.label == "*").expect("* listed");
    assert_eq!(star.decision.verdict, Verdict::Conditional);
    assert!(
        star.decision
            .conditions
            .iter()
            .any(|c| c.key == "aws:PrincipalOrgID")
    );
    assert!(
        who.iter().all(|e| e.decision.verdict != Verdict::Allowed),
        "the org id is never decided"
    );
}

#[test]
fn demo_vendors_and_federation() {
    let (m, i) = demo();
    // DatadogIntegrationRole: a vendor account (not loaded) with ExternalId.
    let who = who_can_assume(&m, &i, role(&m, "DatadogIntegrationRole"), false);
    assert!(!who.is_empty());
    for e in &who {
        assert_eq!(e.decision.verdict, Verdict::Conditional);
        assert!(
            e.decision
                .conditions
                .iter()
                .any(|c| c.key == "sts:ExternalId"),
            "{e:?}"
        );
        assert!(
            e.decision
                .reasons
                .iter()
                .any(|r| r.contains("its own policies allow"))
        );
    }
    // cloudcost-vendor-readonly: two vendor accounts, no ExternalId.
    let who = who_can_assume(&m, &i, role(&m, "cloudcost-vendor-readonly"), false);
    assert!(who.len() >= 2, "{:?}", table(&who));
    assert!(
        who.iter()
            .all(|e| e.kind == "AWS account" && e.decision.conditions.is_empty())
    );
    // Service-linked roles: only their service.
    for r in m
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.detail.path.starts_with("/aws-service-role/"))
    {
        let who = who_can_assume(&m, &i, r.0, false);
        assert!(
            who.iter().all(|e| e.kind == "service"),
            "{}: {:?}",
            r.1.detail.role_name,
            table(&who)
        );
    }
    // GitHub Actions roles: the OIDC provider, by AssumeRoleWithWebIdentity.
    let gh = role(&m, "github-actions-ecr-push");
    let who = who_can_assume(&m, &i, gh, false);
    assert!(
        who.iter()
            .any(|e| e.kind == "OIDC provider"
                && e.decision.action == "sts:AssumeRoleWithWebIdentity"),
        "{:?}",
        table(&who)
    );
}

#[test]
fn demo_can_assume_what_is_the_reverse() {
    // Every (role, decision) of can_assume_what(P) agrees with
    // who_can_assume(role) for P, for every user of the demo.
    let (m, i) = demo();
    for u in 0..m.users.len() {
        let caller = Caller::User(u);
        for (r, d) in can_assume_what(&m, &i, &caller) {
            let who = who_can_assume(&m, &i, r, false);
            let e = who.iter().find(|e| e.caller == caller);
            assert_eq!(
                e.map(|e| e.decision.verdict),
                Some(d.verdict),
                "{} → {}",
                m.users[u].detail.user_name,
                m.roles[r].detail.role_name
            );
        }
    }
    // carol.wu reaches ci-runner and analytics-readonly.
    let carol = can_assume_what(&m, &i, &Caller::User(user(&m, "carol.wu")));
    let names: Vec<&str> = carol
        .iter()
        .map(|(r, _)| m.roles[*r].detail.role_name.as_str())
        .collect();
    assert!(
        names.contains(&"ci-runner") && names.contains(&"analytics-readonly"),
        "{names:?}"
    );
}

#[test]
fn who_can_assume_agrees_with_can_assume_for_everyone() {
    // The index only prunes: for every role of the demo, every loaded user
    // and role left out of who_can_assume is denied by can_assume.
    let (m, i) = demo();
    for r in 0..m.roles.len() {
        let who = who_can_assume(&m, &i, r, false);
        let callers = (0..m.users.len())
            .map(Caller::User)
            .chain((0..m.roles.len()).map(Caller::Role));
        for c in callers {
            let d = rolecall::analysis::assume::can_assume(&m, &i, &c, r);
            let listed = who.iter().any(|e| e.caller == c);
            assert_eq!(
                listed,
                d.verdict.is_possible(),
                "{:?} → {}: {:?}",
                c.label(&m),
                m.roles[r].detail.role_name,
                d
            );
        }
    }
}

#[test]
fn fixture_cloudmapper_demo() {
    // bad_role trusts {"AWS": "*"} with no condition: every principal of the
    // account (2 users, 4 roles including bad_role itself) is allowed without
    // an identity Allow; other accounts via "*" (conditional: their own
    // policies decide). exfiller trusts only ec2.amazonaws.com.
    let (m, i) = fixture("cloudmapper-demo.json");
    let who = who_can_assume(&m, &i, role(&m, "bad_role"), false);
    let t = table(&who);
    assert_eq!(
        who.iter()
            .filter(|e| e.decision.verdict == Verdict::Allowed)
            .count(),
        6,
        "{t:?}"
    );
    assert_eq!(verdict_of(&who, "*"), Some(Verdict::Conditional));
    let who = who_can_assume(&m, &i, role(&m, "exfiller"), false);
    assert_eq!(
        table(&who),
        vec![("ec2.amazonaws.com".to_string(), Verdict::Allowed)]
    );
    let who = who_can_assume(&m, &i, role(&m, "level1"), false);
    assert_eq!(
        table(&who),
        vec![("lambda.amazonaws.com".to_string(), Verdict::Allowed)]
    );
}

#[test]
fn fixture_cloudsplaining() {
    // Every role trusts a service only (ssm or ec2). obama has
    // AdministratorAccess, but no trust names the account, so no user can
    // assume any role: an identity Allow alone is never enough.
    let (m, i) = fixture("cloudsplaining-test-authz-details.json");
    let who = who_can_assume(&m, &i, role(&m, "MyRole"), false);
    assert_eq!(
        table(&who),
        vec![("ssm.amazonaws.com".to_string(), Verdict::Allowed)]
    );
    let who = who_can_assume(&m, &i, role(&m, "OverprivilegedEC2"), false);
    assert_eq!(
        table(&who),
        vec![("ec2.amazonaws.com".to_string(), Verdict::Allowed)]
    );
    let obama = Caller::User(user(&m, "obama"));
    assert!(can_assume_what(&m, &i, &obama).is_empty());
}

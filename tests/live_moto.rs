//! The live source against a real moto_server (scripts/test.sh starts it and
//! sets ROLECALL_TEST_MOTO_URL; without it these tests fail, never skip).
//!
//! moto speaks the real IAM/STS wire protocol. What it cannot do (paginate
//! GAAD, throttle, drop connections, deny one call) is done by
//! tests/support/fault_proxy.py in front of it.
// unsafe_code: edition 2024 makes std::env::set_var unsafe; the tests set the SDK's environment with it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unsafe_code)] // a test, bench or example may fail loudly

mod support;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use rolecall::source::live::{GaadStreams, LiveError, LiveEvent, LiveOptions};
use serde_json::{Value, json};
use support::populate::{admin_client, assert_model_matches, demo_subset, runtime};
use support::{
    MOTO_ACCOUNT, Proxy, assert_same, canonical, load, load_ok, lock, model_of, moto_auth,
    moto_url, options, reset_moto, set_credentials,
};

/// A fresh moto with the demo subset; returns what was created.
fn fresh_account(url: &str) -> rolecall::snapshot::Snapshot {
    reset_moto(url);
    demo_subset(&admin_client(url, "AKIAROLECALLTEST0001", "x"))
}

fn roles_in_pages(events: &[LiveEvent]) -> usize {
    events
        .iter()
        .map(|e| match e {
            LiveEvent::Page(p) => p.role_detail_list.len(),
            _ => 0,
        })
        .sum()
}

#[test]
fn gaad_load_gives_the_account_that_was_created() {
    let _g = lock();
    let url = moto_url();
    let created = fresh_account(&url);
    assert!(created.role_detail_list.len() >= 20, "at least 20 roles");

    let (result, events) = load_ok(&options(&url));
    assert!(!result.used_fallback, "GAAD is allowed here");
    assert!(result.unavailable.is_empty(), "{:?}", result.unavailable);
    let header = result.snapshot.header.clone().expect("header");
    assert_eq!(header.account_id.as_deref(), Some(MOTO_ACCOUNT));
    assert_eq!(header.partition.as_deref(), Some("aws"));
    assert_eq!(header.source.as_deref(), Some("live"));
    assert_eq!(
        header.rolecall_version.as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert!(
        header
            .caller
            .as_deref()
            .is_some_and(|c| c.starts_with("arn:aws:"))
    );
    assert!(header.captured_at.is_some());

    // Identity first, then pages that add up to the whole account.
    assert!(
        matches!(events.iter().find(|e| !matches!(e, LiveEvent::Progress { .. })), Some(LiveEvent::Identity { account_id, .. }) if account_id == MOTO_ACCOUNT),
        "the first event is the caller identity"
    );
    assert_eq!(
        roles_in_pages(&events),
        result.snapshot.role_detail_list.len()
    );

    let model = model_of(&result.snapshot);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    assert_model_matches(&model, &created);
}

#[test]
fn parallel_gaad_streams_give_the_same_model_as_one_stream() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    let single = load_ok(&LiveOptions {
        gaad_streams: GaadStreams::Single,
        ..options(&url)
    })
    .0;
    let split = load_ok(&LiveOptions {
        gaad_streams: GaadStreams::Split,
        ..options(&url)
    })
    .0;
    assert_same(
        "single vs split GAAD streams",
        &canonical(&model_of(&single.snapshot)),
        &canonical(&model_of(&split.snapshot)),
    );
}

/// Resets moto's authorization enforcement even when the test fails.
struct AuthOff(String);
impl Drop for AuthOff {
    fn drop(&mut self) {
        moto_auth(&self.0, None);
    }
}

#[test]
fn fallback_when_gaad_is_denied_gives_the_same_model() {
    let _g = lock();
    let url = moto_url();
    let created = fresh_account(&url);

    // A caller that may Get*/List* but not GAAD, created before loading so
    // both loads see the same account.
    let admin = admin_client(&url, "AKIAROLECALLTEST0001", "x");
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*", "sts:GetCallerIdentity"], "Resource": "*"},
        {"Effect": "Deny", "Action": "iam:GetAccountAuthorizationDetails", "Resource": "*"}
    ]});
    let (key, secret) = runtime().block_on(async {
        admin
            .create_user()
            .user_name("gaad-denied-reader")
            .send()
            .await
            .expect("CreateUser");
        admin
            .put_user_policy()
            .user_name("gaad-denied-reader")
            .policy_name("read-but-no-gaad")
            .policy_document(policy.to_string())
            .send()
            .await
            .expect("PutUserPolicy");
        let out = admin
            .create_access_key()
            .user_name("gaad-denied-reader")
            .send()
            .await
            .expect("CreateAccessKey");
        let k = out.access_key().expect("key");
        (
            k.access_key_id().to_string(),
            k.secret_access_key().to_string(),
        )
    });

    let gaad = load_ok(&options(&url)).0;
    assert!(!gaad.used_fallback);

    // moto now enforces IAM authorization: GAAD is denied for real.
    moto_auth(&url, Some(0));
    let _auth_off = AuthOff(url.clone());
    set_credentials(&key, &secret, None);
    let (fallback, _events) = load_ok(&options(&url));
    moto_auth(&url, None);
    set_credentials("AKIAROLECALLTEST0001", "rolecall-test-secret", None);

    assert!(
        fallback.used_fallback,
        "GAAD was denied, so the fallback ran"
    );
    assert!(
        fallback.unavailable.is_empty(),
        "{:?}",
        fallback.unavailable
    );
    assert!(
        fallback
            .snapshot
            .header
            .as_ref()
            .and_then(|h| h.caller.as_deref())
            .is_some_and(|c| c.ends_with(":user/gaad-denied-reader")),
        "the caller is the restricted user"
    );
    let gaad_model = model_of(&gaad.snapshot);
    let fallback_model = model_of(&fallback.snapshot);
    assert_same(
        "GAAD path vs fallback path",
        &normalise(canonical(&gaad_model)),
        &normalise(canonical(&fallback_model)),
    );
    // And both are what was created (plus the reader user).
    let mut created = created;
    created
        .user_detail_list
        .push(rolecall::snapshot::UserDetail {
            user_name: "gaad-denied-reader".into(),
            path: "/".into(),
            arn: format!("arn:aws:iam::{MOTO_ACCOUNT}:user/gaad-denied-reader"),
            user_policy_list: vec![rolecall::snapshot::InlinePolicy {
                policy_name: "read-but-no-gaad".into(),
                policy_document: policy.into(),
            }],
            ..Default::default()
        });
    assert_model_matches(&fallback_model, &created);
}

#[test]
fn forced_fallback_gives_the_same_model_as_gaad() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    let gaad = load_ok(&options(&url)).0;
    let (fallback, events) = load_ok(&LiveOptions {
        force_fallback: true,
        concurrency: 4,
        ..options(&url)
    });
    assert!(fallback.used_fallback);
    assert!(fallback.requests > gaad.requests);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, LiveEvent::Progress { total: Some(t), .. } if *t > 0)),
        "the fallback reports done/total"
    );
    assert_eq!(
        roles_in_pages(&events),
        fallback.snapshot.role_detail_list.len()
    );
    assert_same(
        "GAAD vs forced fallback",
        &normalise(canonical(&model_of(&gaad.snapshot))),
        &normalise(canonical(&model_of(&fallback.snapshot))),
    );
}

/// What GAAD cannot carry, taken out before comparing the two paths.
/// moto's GAAD leaves out managed policies' PolicyId (real AWS sends it).
fn normalise(mut v: Value) -> Value {
    if let Some(policies) = v["policies"].as_array_mut() {
        for p in policies {
            p["id"] = Value::Null;
        }
    }
    v
}

#[test]
fn snapshot_command_round_trips_through_a_file() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("acct.json");
    std::fs::write(&path, "previous content").expect("write");
    let opts = options(&url);
    let summary = runtime()
        .block_on(rolecall::cli::snapshot::run(&opts, &path, false))
        .unwrap_or_else(|e| panic!("snapshot failed: {e}"));
    assert_eq!(summary.account_id, MOTO_ACCOUNT);
    assert!(summary.roles >= 20);
    assert!(summary.to_string().contains("acct.json"));

    let raw: Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("JSON");
    for key in [
        "UserDetailList",
        "GroupDetailList",
        "RoleDetailList",
        "Policies",
    ] {
        assert!(raw[key].is_array(), "GAAD key {key}");
    }
    assert_eq!(raw["Rolecall"]["AccountId"], MOTO_ACCOUNT);
    assert_eq!(raw["Rolecall"]["Source"], "live");
    // Documents are saved decoded, as the AWS CLI writes them.
    assert!(raw["RoleDetailList"][0]["AssumeRolePolicyDocument"].is_object());

    let from_file = rolecall::source::file::load_file(&path).expect("rolecall reads its snapshot");
    let live = load_ok(&opts).0;
    let mut a = canonical(&model_of(&from_file));
    let mut b = canonical(&model_of(&live.snapshot));
    a["accounts"] = Value::Null;
    b["accounts"] = Value::Null;
    assert_same("snapshot file vs live", &a, &b);
    assert_eq!(
        from_file
            .header
            .as_ref()
            .and_then(|h| h.account_id.as_deref()),
        Some(MOTO_ACCOUNT)
    );
}

fn read_only_actions(actions: &[String]) {
    for a in actions {
        let (service, action) = a.split_once(':').unwrap_or(("", a));
        let ok = (service == "iam" && (action.starts_with("Get") || action.starts_with("List")))
            || (service == "sts" && action == "GetCallerIdentity");
        assert!(
            ok,
            "rolecall sent {a}: only iam Get*/List* and sts:GetCallerIdentity are allowed"
        );
    }
}

#[test]
fn a_full_load_only_reads() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    let proxy = Proxy::start(&url);
    proxy.configure(json!({}));
    load_ok(&options(&proxy.url));
    let gaad_actions = proxy.actions();
    proxy.configure(json!({}));
    load_ok(&LiveOptions {
        force_fallback: true,
        ..options(&proxy.url)
    });
    let fallback_actions = proxy.actions();
    read_only_actions(&gaad_actions);
    read_only_actions(&fallback_actions);
    let seen: BTreeSet<&str> = gaad_actions
        .iter()
        .chain(&fallback_actions)
        .map(String::as_str)
        .collect();
    for expected in [
        "sts:GetCallerIdentity",
        "iam:GetAccountAuthorizationDetails",
        "iam:ListRoles",
        "iam:GetRole",
        "iam:ListRolePolicies",
        "iam:GetRolePolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:ListUsers",
        "iam:ListGroupsForUser",
        "iam:ListGroups",
        "iam:ListPolicies",
        "iam:GetPolicy",
        "iam:ListPolicyVersions",
        "iam:GetPolicyVersion",
    ] {
        assert!(
            seen.contains(expected),
            "the proxy saw {expected}: {seen:?}"
        );
    }
}

#[test]
fn gaad_pages_are_followed_by_marker() {
    let _g = lock();
    let url = moto_url();
    reset_moto(&url);
    let proxy = Proxy::start(&url);
    let pages = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/gaad_pages");
    proxy.configure(json!({"gaad_pages": pages}));
    let (result, events) = load_ok(&LiveOptions {
        gaad_streams: GaadStreams::Single,
        ..options(&proxy.url)
    });
    let markers: Vec<String> = proxy
        .log()
        .iter()
        .filter(|e| e["action"] == "GetAccountAuthorizationDetails")
        .map(|e| e["params"]["Marker"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(markers, ["", "marker-page-2", "marker-page-3"]);
    let s = &result.snapshot;
    let names: Vec<&str> = s
        .role_detail_list
        .iter()
        .map(|r| r.role_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "paged-role-1",
            "paged-role-2",
            "paged-role-3",
            "paged-role-4",
            "paged-role-5"
        ]
    );
    assert_eq!(s.user_detail_list.len(), 1);
    assert_eq!(s.group_detail_list.len(), 1);
    assert_eq!(s.policies.len(), 1);
    let page_count = events
        .iter()
        .filter(|e| matches!(e, LiveEvent::Page(p) if !p.role_detail_list.is_empty()))
        .count();
    assert_eq!(page_count, 3, "one Page event per GAAD page");
    // Page 2's trust documents were URL-encoded (as real AWS sends them),
    // the others plain (as moto sends them): all decode the same way.
    let model = model_of(s);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    let r3 = model
        .roles
        .iter()
        .find(|r| r.detail.role_name == "paged-role-3")
        .expect("role 3");
    assert_eq!(
        r3.trust.as_ref().expect("trust").json["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"],
        "a%b"
    );
    let r1 = model
        .roles
        .iter()
        .find(|r| r.detail.role_name == "paged-role-1")
        .expect("role 1");
    assert_eq!(
        r1.inline[0].doc.json["Statement"][0]["Resource"],
        "arn:aws:s3:::bucket-100%/*"
    );
    assert_eq!(
        r1.trust.as_ref().expect("trust").json,
        r3.trust.as_ref().expect("trust").json
    );
}

#[test]
fn throttling_and_dropped_connections_are_retried_and_reported() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    let baseline = load_ok(&options(&url)).0;
    let proxy = Proxy::start(&url);
    proxy.configure(json!({"rules": [
        {"action": "GetAccountAuthorizationDetails", "kind": "throttle", "times": 2},
        {"action": "ListRoles", "kind": "drop", "times": 1},
    ]}));
    let (result, events) = load_ok(&options(&proxy.url));
    let retried: Vec<(String, u32)> = events
        .iter()
        .filter_map(|e| match e {
            LiveEvent::Throttled { call, attempt } => Some((call.clone(), *attempt)),
            _ => None,
        })
        .collect();
    // Two GAAD answers were throttled (in one stream or two), one ListRoles
    // connection dropped: each retry is reported with its attempt number.
    let gaad: Vec<u32> = retried
        .iter()
        .filter(|(c, _)| c == "iam:GetAccountAuthorizationDetails")
        .map(|(_, a)| *a)
        .collect();
    assert_eq!(gaad.len(), 2, "{retried:?}");
    assert!(gaad.iter().all(|a| *a >= 2), "{retried:?}");
    assert!(
        retried.contains(&("iam:ListRoles".into(), 2)),
        "{retried:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, LiveEvent::Progress { retries, .. } if *retries >= 3)),
        "progress counts the retries"
    );
    assert!(result.requests >= baseline.requests + 3);
    assert_same(
        "throttled load vs plain load",
        &canonical(&model_of(&baseline.snapshot)),
        &canonical(&model_of(&result.snapshot)),
    );
}

#[test]
fn access_denied_on_one_call_marks_only_that_piece_unavailable() {
    let _g = lock();
    let url = moto_url();
    let created = fresh_account(&url);
    let victim = created
        .role_detail_list
        .iter()
        .find(|r| !r.role_policy_list.is_empty())
        .expect("a role with inline policies")
        .role_name
        .clone();
    let proxy = Proxy::start(&url);
    proxy.configure(json!({"rules": [
        {"action": "ListRolePolicies", "match": {"RoleName": victim}, "kind": "deny"},
        {"action": "GetUser", "match": {"UserName": "alice.ng"}, "kind": "deny"},
    ]}));
    let (result, events) = load_ok(&LiveOptions {
        force_fallback: true,
        ..options(&proxy.url)
    });
    let mut pieces: Vec<(String, String)> = result
        .unavailable
        .iter()
        .map(|p| (p.what.clone(), p.call.clone()))
        .collect();
    pieces.sort();
    assert_eq!(
        pieces,
        [
            (
                format!("role {victim} inline policies"),
                "iam:ListRolePolicies".to_string()
            ),
            (
                "user alice.ng boundary and tags".to_string(),
                "iam:GetUser".to_string()
            ),
        ]
    );
    assert!(
        result
            .unavailable
            .iter()
            .all(|p| p.error.contains("AccessDenied"))
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, LiveEvent::Unavailable(_)))
            .count(),
        2
    );
    let model = model_of(&result.snapshot);
    assert_eq!(
        model.roles.len(),
        created.role_detail_list.len(),
        "every role still loads"
    );
    let role = model
        .roles
        .iter()
        .find(|r| r.detail.role_name == victim)
        .expect("victim");
    assert!(role.inline.is_empty());
    assert!(role.trust.is_some(), "the rest of the role loaded");
}

#[test]
fn gaad_denied_by_a_policy_takes_the_fallback() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    let proxy = Proxy::start(&url);
    proxy.configure(
        json!({"rules": [{"action": "GetAccountAuthorizationDetails", "kind": "deny"}]}),
    );
    let (result, _) = load_ok(&options(&proxy.url));
    assert!(result.used_fallback);
    assert!(result.unavailable.is_empty(), "{:?}", result.unavailable);
}

#[test]
fn a_lost_connection_keeps_what_arrived() {
    let _g = lock();
    let url = moto_url();
    let created = fresh_account(&url);
    let proxy = Proxy::start(&url);
    proxy.configure(json!({"die_after": 60}));
    let (result, events) = load(&LiveOptions {
        force_fallback: true,
        concurrency: 2,
        max_attempts: 2,
        ..options(&proxy.url)
    });
    let err = result.expect_err("the network went away");
    let LiveError::ConnectionLost { partial, .. } = &err else {
        panic!("expected ConnectionLost, got {err}");
    };
    let arrived = partial.role_detail_list.len();
    assert!(
        arrived > 0 && arrived < created.role_detail_list.len(),
        "{arrived} roles arrived"
    );
    assert_eq!(
        err.partial().map(|p| p.role_detail_list.len()),
        Some(arrived)
    );
    let text = err.to_string();
    assert!(
        text.contains("connection") && text.contains("still shown"),
        "{text}"
    );
    assert!(roles_in_pages(&events) >= arrived);
}

#[test]
fn unreachable_endpoint_and_missing_credentials_say_what_to_do() {
    let _g = lock();
    // Nothing listens on port 1.
    let (result, _) = load(&LiveOptions {
        max_attempts: 1,
        ..options("http://127.0.0.1:1")
    });
    let text = result.expect_err("unreachable").to_string();
    assert!(
        text.contains("Cannot reach") && text.contains("http://127.0.0.1:1"),
        "{text}"
    );

    support::clear_credentials();
    let (result, _) = load(&options(&moto_url()));
    let err = result.expect_err("no credentials");
    assert!(matches!(err, LiveError::NoCredentials { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("aws configure") && text.contains("rolecall demo"),
        "{text}"
    );

    // An unknown profile.
    set_credentials("AKIAROLECALLTEST0001", "x", None);
    support::clear_credentials();
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config");
    std::fs::write(&config, "[profile real]\nregion = us-east-1\n").expect("config");
    // SAFETY: the lock is held.
    unsafe { std::env::set_var("AWS_CONFIG_FILE", &config) };
    let (result, _) = load(&LiveOptions {
        profile: Some("no-such-profile".into()),
        ..options(&moto_url())
    });
    let err = result.expect_err("unknown profile");
    assert!(matches!(err, LiveError::UnknownProfile { .. }), "{err:?}");
    assert!(err.to_string().contains("no-such-profile"));

    // An SSO profile whose login is missing or expired.
    std::fs::write(
        &config,
        "[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n",
    )
    .expect("config");
    let (result, _) = load(&LiveOptions {
        profile: Some("sso-dev".into()),
        ..options(&moto_url())
    });
    let err = result.expect_err("no SSO token");
    assert!(
        err.to_string().contains("aws sso login --profile sso-dev"),
        "{err}"
    );
}

#[test]
fn credentials_never_appear_in_snapshots_logs_events_or_errors() {
    let _g = lock();
    let url = moto_url();
    fresh_account(&url);
    const SECRET: &str = "rolecallSECRETkey+DO/NOT/LEAK/7f3a9c";
    const TOKEN: &str = "rolecallSESSIONtoken//DO+NOT+LEAK//b81e5d";
    set_credentials("AKIAROLECALLSECRET99", SECRET, Some(TOKEN));

    let log = Arc::new(Mutex::new(Vec::<u8>::new()));
    let writer_log = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
        .with_ansi(false)
        .with_writer(move || LogWriter(writer_log.clone()))
        .finish();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("snap.json");
    let proxy = Proxy::start(&url);
    proxy.configure(json!({"rules": [
        {"action": "GetAccountAuthorizationDetails", "kind": "throttle", "times": 1},
        {"action": "ListRolePolicies", "kind": "deny", "times": 1},
    ]}));
    let mut texts: Vec<String> = Vec::new();
    tracing::subscriber::with_default(subscriber, || {
        let rt = runtime();
        let opts = options(&proxy.url);
        rt.block_on(async {
            let summary = rolecall::cli::snapshot::run(&opts, &path, false)
                .await
                .unwrap_or_else(|e| panic!("snapshot: {e}"));
            texts.push(summary.to_string());
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let fallback = LiveOptions {
                force_fallback: true,
                ..opts.clone()
            };
            let result = rolecall::source::live::load_live(&fallback, tx).await;
            texts.push(format!("{:?}", result.as_ref().map(|r| &r.unavailable)));
            while let Ok(e) = rx.try_recv() {
                texts.push(format!("{e:?}"));
            }
            // Errors too: an unreachable endpoint and a lost connection.
            let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
            let err = rolecall::source::live::load_live(
                &LiveOptions {
                    max_attempts: 1,
                    ..options("http://127.0.0.1:1")
                },
                tx,
            )
            .await
            .expect_err("unreachable");
            texts.push(err.to_string());
            texts.push(format!("{err:?}"));
        });
    });
    set_credentials("AKIAROLECALLTEST0001", "rolecall-test-secret", None);

    let saved = std::fs::read_to_string(&path).expect("snapshot");
    let log = String::from_utf8_lossy(&log.lock().expect("log")).into_owned();
    assert!(
        log.contains("GetAccountAuthorizationDetails"),
        "the log captured the load"
    );
    assert!(texts.len() > 10, "events captured");
    for (name, text) in [("snapshot", &saved), ("log", &log)]
        .into_iter()
        .chain(texts.iter().map(|t| ("event/error", t)))
    {
        for secret in [SECRET, TOKEN, "DO/NOT/LEAK", "DO+NOT+LEAK"] {
            assert!(
                !text.contains(secret),
                "the {name} contains a credential: …{}…",
                &text[text.find(secret).unwrap_or(0).saturating_sub(200)..][..200.min(text.len())]
            );
        }
    }
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);
impl std::io::Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

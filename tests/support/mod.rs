//! Helpers for the live tests: the moto_server that scripts/test.sh starts,
//! a fault-injecting proxy in front of it, populating an account from the
//! demo, and a canonical form of a model for comparisons.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rolecall::model::{Model, build};
use rolecall::snapshot::Snapshot;
use rolecall::source::Loaded;
use rolecall::source::live::{LiveError, LiveEvent, LiveOptions, LiveResult, load_live};
use serde_json::{Value, json};

pub mod populate;

/// The account id moto gives every caller.
pub const MOTO_ACCOUNT: &str = "123456789012";

/// The moto_server URL. Fails (never skips) when the variable is missing, so
/// CI cannot pass without running these tests.
pub fn moto_url() -> String {
    match std::env::var("ROLECALL_TEST_MOTO_URL") {
        Ok(url) if !url.trim().is_empty() => url.trim_end_matches('/').to_string(),
        _ => panic!(
            "ROLECALL_TEST_MOTO_URL is not set: the live tests need a moto_server. \
             Run them with scripts/test.sh, which starts one (scripts/moto.sh) and sets it, \
             or start one yourself: `scripts/moto.sh start /tmp/moto` and export \
             ROLECALL_TEST_MOTO_URL=<the URL it prints>."
        ),
    }
}

static MOTO_LOCK: Mutex<()> = Mutex::new(());

/// Serialises the tests of one binary that use the shared moto server (each
/// resets it), and sets the environment they share.
pub fn lock() -> MutexGuard<'static, ()> {
    let guard = match MOTO_LOCK.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    set_credentials("AKIAROLECALLTEST0001", "rolecall-test-secret", None);
    guard
}

/// Points the SDK's default chain at these credentials only: no files, no
/// IMDS, no profile, no endpoint variables (tests pass `endpoint_url`).
pub fn set_credentials(key: &str, secret: &str, token: Option<&str>) {
    // SAFETY: the live tests hold `lock()` while touching the environment.
    unsafe {
        std::env::set_var("AWS_ACCESS_KEY_ID", key);
        std::env::set_var("AWS_SECRET_ACCESS_KEY", secret);
        match token {
            Some(t) => std::env::set_var("AWS_SESSION_TOKEN", t),
            None => std::env::remove_var("AWS_SESSION_TOKEN"),
        }
        std::env::set_var("AWS_CONFIG_FILE", "/dev/null");
        std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
        std::env::set_var("AWS_REGION", "us-east-1");
        for v in [
            "AWS_PROFILE",
            "AWS_DEFAULT_PROFILE",
            "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_IAM",
            "AWS_ENDPOINT_URL_STS",
            "AWS_ROLE_ARN",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        ] {
            std::env::remove_var(v);
        }
    }
}

/// Removes every credential variable (for the "no credentials" test).
pub fn clear_credentials() {
    // SAFETY: as above.
    unsafe {
        for v in [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
        ] {
            std::env::remove_var(v);
        }
    }
}

/// A minimal HTTP/1.1 exchange with a loopback server: (status, body).
pub fn http(base: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let host = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("connect {base}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Empties moto (every account, every service).
pub fn reset_moto(url: &str) {
    let (status, body) = http(url, "POST", "/moto-api/reset", "");
    assert_eq!(status, 200, "POST /moto-api/reset failed: {body}");
}

/// Makes moto enforce IAM authorization from now on (`Some(0)`), or stop
/// enforcing it (`None`); see TESTING.md.
pub fn moto_auth(url: &str, free_requests: Option<u32>) {
    let body = match free_requests {
        Some(n) => n.to_string(),
        None => "inf".to_string(),
    };
    let (status, text) = http(url, "POST", "/moto-api/reset-auth", &body);
    assert_eq!(status, 200, "POST /moto-api/reset-auth failed: {text}");
}

/// Options for a load against `endpoint`, with short backoffs so fault
/// tests run in seconds.
pub fn options(endpoint: &str) -> LiveOptions {
    LiveOptions {
        endpoint_url: Some(endpoint.to_string()),
        region: Some("us-east-1".into()),
        initial_backoff: Duration::from_millis(20),
        ..LiveOptions::default()
    }
}

/// Runs a load to the end and returns it with every event it sent.
pub fn load(opts: &LiveOptions) -> (Result<LiveResult, LiveError>, Vec<LiveEvent>) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let result = load_live(opts, tx).await;
        let mut events = Vec::new();
        while let Ok(e) = rx.try_recv() {
            events.push(e);
        }
        (result, events)
    })
}

/// The environment that points the real binary at `endpoint` (moto, or the
/// proxy in front of it) with test credentials and no config files.
pub fn moto_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", "AKIAROLECALLTEST0001".into()),
        ("AWS_SECRET_ACCESS_KEY", "rolecall-test-secret".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_ENDPOINT_URL", endpoint.into()),
        ("AWS_CONFIG_FILE", "/dev/null".into()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}

/// Loads and fails with the error's message when the load fails.
pub fn load_ok(opts: &LiveOptions) -> (LiveResult, Vec<LiveEvent>) {
    let (result, events) = load(opts);
    match result {
        Ok(r) => (r, events),
        Err(e) => panic!("live load failed: {e}"),
    }
}

pub fn model_of(snapshot: &Snapshot) -> Model {
    build(vec![Loaded {
        origin: "live".into(),
        snapshot: snapshot.clone(),
    }])
}

fn sorted(mut v: Vec<Value>) -> Value {
    v.sort_by_key(|x| x.to_string());
    Value::Array(v)
}

fn inline_json(list: &[rolecall::model::InlineDoc]) -> Value {
    sorted(
        list.iter()
            .map(|i| json!({"name": i.name, "doc": i.doc.json}))
            .collect(),
    )
}

fn links(list: &[rolecall::model::PolicyLink]) -> Value {
    sorted(
        list.iter()
            .map(|l| json!({"name": l.name, "arn": l.arn, "resolved": l.policy.is_some()}))
            .collect(),
    )
}

fn tags(list: &[rolecall::snapshot::Tag]) -> Value {
    sorted(list.iter().map(|t| json!([t.key, t.value])).collect())
}

/// Everything the model holds about the account, in a form that does not
/// depend on list order: two loads of the same account compare equal.
pub fn canonical(model: &Model) -> Value {
    let roles = model
        .roles
        .iter()
        .map(|r| {
            let d = &r.detail;
            json!({
                "arn": d.arn, "name": d.role_name, "id": d.role_id, "path": d.path,
                "created": d.create_date, "trust": r.trust.as_ref().map(|t| &t.json),
                "trust_rows": format!("{:?}", r.trust_rows),
                "inline": inline_json(&r.inline), "attached": links(&r.attached),
                "boundary": r.boundary.as_ref().map(|b| &b.arn),
                "tags": tags(&d.tags), "last_used": d.role_last_used,
                "description": d.description, "max_session": d.max_session_duration,
                "instance_profiles": sorted(d.instance_profile_list.iter().map(|p| serde_json::to_value(p).unwrap_or_default()).collect()),
            })
        })
        .collect();
    let users = model
        .users
        .iter()
        .map(|u| {
            let d = &u.detail;
            let mut groups: Vec<&str> = u
                .groups
                .iter()
                .map(|g| model.groups[*g].detail.group_name.as_str())
                .collect();
            groups.sort();
            let mut group_list = d.group_list.clone();
            group_list.sort();
            json!({
                "arn": d.arn, "name": d.user_name, "id": d.user_id, "path": d.path,
                "created": d.create_date, "inline": inline_json(&u.inline),
                "attached": links(&u.attached), "boundary": u.boundary.as_ref().map(|b| &b.arn),
                "groups": groups, "group_list": group_list, "tags": tags(&d.tags),
            })
        })
        .collect();
    let groups = model
        .groups
        .iter()
        .map(|g| {
            let d = &g.detail;
            let mut members: Vec<&str> = g
                .members
                .iter()
                .map(|u| model.users[*u].detail.user_name.as_str())
                .collect();
            members.sort();
            json!({
                "arn": d.arn, "name": d.group_name, "id": d.group_id, "path": d.path,
                "created": d.create_date, "inline": inline_json(&g.inline),
                "attached": links(&g.attached), "members": members,
            })
        })
        .collect();
    let policies = model
        .policies
        .iter()
        .map(|p| {
            json!({
                "arn": p.arn, "name": p.name, "id": p.id, "path": p.path,
                "description": p.description, "created": p.created, "updated": p.updated,
                "versions": sorted(p.versions.iter().map(|v| json!({
                    "id": v.version_id, "default": v.is_default, "created": v.created, "doc": v.doc.json,
                })).collect()),
                "used_by": sorted(p.used_by.iter().map(|(e, usage)| json!([model.arn_of(*e), format!("{usage:?}")])).collect()),
            })
        })
        .collect();
    json!({
        "accounts": model.accounts.iter().map(|a| json!([a.account_id, a.partition])).collect::<Vec<_>>(),
        "roles": sorted(roles),
        "users": sorted(users),
        "groups": sorted(groups),
        "policies": sorted(policies),
        "warnings": model.warnings,
    })
}

/// Asserts two JSON values are equal, showing a line diff when they are not.
pub fn assert_same(label: &str, left: &Value, right: &Value) {
    if left == right {
        return;
    }
    let l = serde_json::to_string_pretty(left).unwrap_or_default();
    let r = serde_json::to_string_pretty(right).unwrap_or_default();
    let diff = similar::TextDiff::from_lines(&l, &r);
    let mut shown = String::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => continue,
        };
        shown.push_str(sign);
        shown.push_str(&change.to_string());
        if shown.len() > 20_000 {
            shown.push_str("…\n");
            break;
        }
    }
    panic!("{label}: the two differ (- left, + right):\n{shown}");
}

/// The fault-injecting proxy (tests/support/fault_proxy.py) in front of an
/// upstream; killed when dropped.
pub struct Proxy {
    child: Child,
    pub url: String,
}

impl Proxy {
    pub fn start(upstream: &str) -> Proxy {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/fault_proxy.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(upstream)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs tests/support/fault_proxy.py");
        let stdout = child.stdout.take().expect("proxy stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("proxy prints its port");
        let port: u16 = line.trim().parse().expect("proxy port");
        Proxy {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    pub fn configure(&self, config: Value) {
        let (status, body) = http(&self.url, "POST", "/__proxy/config", &config.to_string());
        assert_eq!(status, 200, "proxy config: {body}");
    }

    /// Every request seen since the last `configure`: service, action, params.
    pub fn log(&self) -> Vec<Value> {
        let (status, body) = http(&self.url, "GET", "/__proxy/log", "");
        assert_eq!(status, 200, "proxy log: {body}");
        serde_json::from_str(&body).expect("proxy log is JSON")
    }

    /// "service:Action" of every logged request.
    pub fn actions(&self) -> Vec<String> {
        self.log()
            .iter()
            .map(|e| {
                format!(
                    "{}:{}",
                    e["service"].as_str().unwrap_or(""),
                    e["action"].as_str().unwrap_or("")
                )
            })
            .collect()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

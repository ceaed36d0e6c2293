//! Small hand-made GAAD snapshots for the assume-role rules, and a table
//! runner. Every snapshot goes through the real parser and model builder.

#![allow(dead_code)]

use rolecall::analysis::assume::{AssumeIndex, Caller, Decision, Verdict, can_assume};
use rolecall::model::{self, EntityRef, Model};
use rolecall::source::{Loaded, file::parse_gaad};
use serde_json::{Value, json};

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";
pub const C: &str = "333333333333";

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

pub fn merge(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(b), Value::Object(e)) = (&mut base, extra) {
        for (k, v) in e {
            b.insert(k, v);
        }
    }
    base
}

pub fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

pub fn stmt(effect: &str, action: Value, resource: Value) -> Value {
    json!({"Effect": effect, "Action": action, "Resource": resource})
}

/// An identity policy allowing sts:AssumeRole on `resource`.
pub fn allow_assume(resource: Value) -> Value {
    doc(json!([stmt("Allow", json!("sts:AssumeRole"), resource)]))
}

pub fn deny_assume(resource: Value) -> Value {
    doc(json!([stmt("Deny", json!("sts:AssumeRole"), resource)]))
}

/// A one-statement trust policy: Allow `action` to `principal`.
pub fn trust(principal: Value, action: &str) -> Value {
    doc(json!([{"Effect": "Allow", "Principal": principal, "Action": action}]))
}

pub fn trust_aws(principal: Value) -> Value {
    trust(json!({"AWS": principal}), "sts:AssumeRole")
}

pub fn trust_cond(principal: Value, action: &str, condition: Value) -> Value {
    doc(
        json!([{"Effect": "Allow", "Principal": principal, "Action": action, "Condition": condition}]),
    )
}

pub fn inline(name: &str, document: Value) -> Value {
    json!({"PolicyName": name, "PolicyDocument": document})
}

pub fn attached(account: &str, name: &str) -> Value {
    json!({"PolicyName": name, "PolicyArn": format!("arn:aws:iam::{account}:policy/{name}")})
}

pub fn boundary(account: &str, name: &str) -> Value {
    json!({"PermissionsBoundaryType": "Policy",
           "PermissionsBoundaryArn": format!("arn:aws:iam::{account}:policy/{name}")})
}

pub fn tags(pairs: &[(&str, &str)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect(),
    )
}

pub fn user_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:user/{name}")
}

/// `name` may carry a path: "app/web" is role `web` at path `/app/`.
pub fn role_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

pub fn root(account: &str) -> String {
    format!("arn:aws:iam::{account}:root")
}

pub fn session_arn(account: &str, role: &str, session: &str) -> String {
    format!("arn:aws:sts::{account}:assumed-role/{role}/{session}")
}

/// One account's GAAD content.
#[derive(Clone)]
pub struct Acct {
    pub id: String,
    users: Vec<Value>,
    groups: Vec<Value>,
    roles: Vec<Value>,
    policies: Vec<Value>,
}

pub fn acct(id: &str) -> Acct {
    Acct {
        id: id.into(),
        users: Vec::new(),
        groups: Vec::new(),
        roles: Vec::new(),
        policies: Vec::new(),
    }
}

impl Acct {
    pub fn user(mut self, name: &str, extra: Value) -> Self {
        let base = json!({
            "Path": "/", "UserName": name, "UserId": format!("AIDA{:016X}", hash(name)),
            "Arn": user_arn(&self.id, name),
        });
        self.users.push(merge(base, extra));
        self
    }

    pub fn group(mut self, name: &str, extra: Value) -> Self {
        let base = json!({
            "Path": "/", "GroupName": name, "GroupId": format!("AGPA{:016X}", hash(name)),
            "Arn": format!("arn:aws:iam::{}:group/{name}", self.id),
        });
        self.groups.push(merge(base, extra));
        self
    }

    pub fn role(mut self, name: &str, trust_doc: Value, extra: Value) -> Self {
        let (path, short) = match name.rsplit_once('/') {
            Some((p, n)) => (format!("/{p}/"), n.to_string()),
            None => ("/".to_string(), name.to_string()),
        };
        let base = json!({
            "Path": path, "RoleName": short, "RoleId": format!("AROA{:016X}", hash(name)),
            "Arn": role_arn(&self.id, name), "AssumeRolePolicyDocument": trust_doc,
        });
        self.roles.push(merge(base, extra));
        self
    }

    pub fn policy(mut self, name: &str, document: Value) -> Self {
        self.policies.push(json!({
            "PolicyName": name, "PolicyId": format!("ANPA{:016X}", hash(name)),
            "Arn": format!("arn:aws:iam::{}:policy/{name}", self.id), "Path": "/",
            "DefaultVersionId": "v1",
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": true}],
        }));
        self
    }

    /// A managed policy with a non-default v2 next to the default v1.
    pub fn policy_versions(mut self, name: &str, default_v1: Value, newer_v2: Value) -> Self {
        self.policies.push(json!({
            "PolicyName": name, "Arn": format!("arn:aws:iam::{}:policy/{name}", self.id),
            "Path": "/", "DefaultVersionId": "v1",
            "PolicyVersionList": [
                {"Document": newer_v2, "VersionId": "v2", "IsDefaultVersion": false},
                {"Document": default_v1, "VersionId": "v1", "IsDefaultVersion": true}],
        }));
        self
    }

    pub fn json(&self) -> Value {
        json!({
            "Rolecall": {"FormatVersion": 1, "AccountId": self.id, "Partition": "aws"},
            "UserDetailList": self.users, "GroupDetailList": self.groups,
            "RoleDetailList": self.roles, "Policies": self.policies,
        })
    }
}

/// Parses every account with the real GAAD parser and builds the model.
pub fn world(accounts: &[Acct]) -> (Model, AssumeIndex) {
    let loaded = accounts
        .iter()
        .map(|a| {
            let bytes = serde_json::to_vec(&a.json()).expect("serialize");
            let origin = format!("test-{}.json", a.id);
            let snapshot = parse_gaad(&bytes, &origin).expect("parse_gaad");
            Loaded { origin, snapshot }
        })
        .collect();
    let model = model::build(loaded);
    let index = AssumeIndex::build(&model);
    (model, index)
}

/// A caller from text: a loaded user/role ARN, a session ARN of a loaded
/// role, or `KEY=VALUE` for an external principal (`AWS=…`, `Service=…`,
/// `Federated=…`, `*=*`).
pub fn caller(model: &Model, spec: &str) -> Caller {
    if let Some((k, v)) = spec.split_once('=') {
        return Caller::External {
            kind_key: k.into(),
            principal: v.into(),
        };
    }
    match model.resolve(spec, 0) {
        Some(EntityRef::User(u)) => Caller::User(u),
        Some(EntityRef::Role(r)) if spec.contains(":sts:") => Caller::Session {
            role: r,
            session_name: spec.rsplit('/').next().unwrap_or_default().into(),
        },
        Some(EntityRef::Role(r)) => Caller::Role(r),
        other => panic!("caller {spec} not found: {other:?}"),
    }
}

pub fn role_index(model: &Model, arn: &str) -> usize {
    match model.resolve(arn, 0) {
        Some(EntityRef::Role(r)) => r,
        other => panic!("role {arn} not found: {other:?}"),
    }
}

/// One row of the table.
pub struct Case {
    /// The IAM-SEMANTICS.md rule, e.g. "§2 same-account exact user ARN".
    pub rule: &'static str,
    pub accounts: Vec<Acct>,
    pub caller: String,
    pub role: String,
    pub want: Verdict,
    /// Text that must appear in the reasons, conditions or readings.
    pub mentions: Vec<&'static str>,
    pub check: Option<fn(&Decision) -> bool>,
}

pub fn case(
    rule: &'static str,
    accounts: Vec<Acct>,
    caller: &str,
    role: &str,
    want: Verdict,
) -> Case {
    Case {
        rule,
        accounts,
        caller: caller.into(),
        role: role.into(),
        want,
        mentions: Vec::new(),
        check: None,
    }
}

impl Case {
    pub fn mentions(mut self, words: &[&'static str]) -> Self {
        self.mentions.extend_from_slice(words);
        self
    }

    pub fn check(mut self, f: fn(&Decision) -> bool) -> Self {
        self.check = Some(f);
        self
    }
}

pub fn all_text(d: &Decision) -> String {
    let mut text = d.reasons.join("\n");
    for c in &d.conditions {
        text.push('\n');
        text.push_str(&c.text);
    }
    for r in &d.readings {
        text.push('\n');
        text.push_str(r);
    }
    text
}

/// Runs every case; reports all failures at once, each with its rule.
pub fn run(cases: Vec<Case>) -> usize {
    let mut failures = Vec::new();
    let count = cases.len();
    for c in cases {
        let (model, index) = world(&c.accounts);
        let who = caller(&model, &c.caller);
        let role = role_index(&model, &c.role);
        let d = can_assume(&model, &index, &who, role);
        let text = all_text(&d);
        let mut problems = Vec::new();
        if d.verdict != c.want {
            problems.push(format!("verdict {:?}, want {:?}", d.verdict, c.want));
        }
        for m in &c.mentions {
            if !text.contains(m) {
                problems.push(format!("missing {m:?}"));
            }
        }
        if let Some(f) = c.check
            && !f(&d)
        {
            problems.push("custom check failed".into());
        }
        if d.verdict == Verdict::Uncertain && d.readings.len() < 2 {
            problems.push("uncertain without two readings".into());
        }
        if d.verdict == Verdict::Conditional && d.conditions.is_empty() && d.reasons.is_empty() {
            problems.push("conditional with nothing to say".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "[{}] {} → {}: {}\n    decision: {:?}\n    text: {}",
                c.rule,
                c.caller,
                c.role,
                problems.join("; "),
                d.verdict,
                text.replace('\n', " | ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    count
}

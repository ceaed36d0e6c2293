//! The table runner for the assume-role rules. The accounts are written
//! with the test kit's GAAD builder and go through the real parser and model
//! builder.

#![allow(dead_code)]

use rolecall::analysis::assume::{AssumeIndex, Caller, Decision, Verdict, can_assume};
use rolecall::model::{EntityRef, Model};
pub use rolecall_testkit::gaad::*;

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";
pub const C: &str = "333333333333";

/// An identity policy allowing sts:AssumeRole on `resource`.
pub fn allow_assume(resource: impl serde::Serialize) -> serde_json::Value {
    document([allow("sts:AssumeRole", resource)])
}

pub fn deny_assume(resource: impl serde::Serialize) -> serde_json::Value {
    document([deny("sts:AssumeRole", resource)])
}

/// Parses every account with the real GAAD parser and builds the model.
pub fn world(accounts: &[Account]) -> (Model, AssumeIndex) {
    let model = model_of(accounts);
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
    pub accounts: Vec<Account>,
    pub caller: String,
    pub role: String,
    pub want: Verdict,
    /// Text that must appear in the reasons, conditions or readings.
    pub mentions: Vec<&'static str>,
    pub check: Option<fn(&Decision) -> bool>,
}

pub fn case(
    rule: &'static str,
    accounts: Vec<Account>,
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

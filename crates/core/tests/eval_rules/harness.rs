//! The case type, its checks, and the runner that reports every failing
//! case by its rule name.

use std::collections::HashMap;

use rolecall_core::analysis::assume::{AssumeIndex, Caller, Decision, Side, Verdict};
use rolecall_core::analysis::eval::{Request, ResourcePolicy, evaluate};
use rolecall_core::model::Model;
use rolecall_core::policy::RequestContext;
use rolecall_core::source::{Loaded, file::parse_gaad};

use super::worlds::World;

/// Who asks, by name (looked up in the world's model).
#[derive(Debug, Clone, Copy)]
pub enum Who {
    User(&'static str),
    /// A session of the role, session name unknown.
    Role(&'static str),
    /// (role, session name).
    Session(&'static str, &'static str),
    /// (trust-policy key, principal): a caller outside the loaded data.
    External(&'static str, &'static str),
    /// A user index that is not in the model.
    MissingUser,
}

/// One extra check on the decision, beyond the verdict.
#[derive(Debug, Clone)]
pub enum Check {
    /// `alternatives.len()`.
    Alternatives(usize),
    /// The first condition key of each alternative, in order.
    AltKeys(&'static [&'static str]),
    /// The number of conditions in alternative `.0`.
    AltSize(usize, usize),
    /// Some alternative has a condition on this key.
    AltHasKey(&'static str),
    /// Some alternative has a condition with this value.
    AltValue(&'static str),
    /// No alternative has a condition on this key.
    AltLacksKey(&'static str),
    /// Some `unless` condition's key contains this.
    UnlessKey(&'static str),
    /// Some `unless` condition has this value.
    UnlessValue(&'static str),
    /// `unless` is empty.
    NoUnless,
    /// Some `conditions` entry has this key and value.
    Condition(&'static str, &'static str),
    /// Some reason contains this.
    Reason(&'static str),
    /// No reason contains this.
    NoReason(&'static str),
    /// `resource_policy`.
    Resource(ResourcePolicy),
    /// `readings.len()`.
    Readings(usize),
    /// Some statement in `via` came from a policy whose label contains this.
    ViaPolicy(&'static str),
    /// Some statement in `via` is from this side.
    ViaSide(Side),
    /// `chained_session_cap`.
    ChainedCap(bool),
}

/// One rule, one request, one expected answer.
pub struct Case {
    /// The rule checked, with its section: "A.4 missing key: ...".
    pub rule: &'static str,
    pub world: World,
    pub who: Who,
    pub action: &'static str,
    pub resource: String,
    /// Context keys the user supplies; an empty value list means "known to
    /// be absent from the request".
    pub context: Vec<(&'static str, Vec<&'static str>)>,
    pub expect: Verdict,
    pub checks: Vec<Check>,
    /// The evaluator is known to get this case wrong: why. The case must
    /// still fail (so the mark is removed when the bug is fixed).
    pub known_bug: Option<&'static str>,
}

/// A case: `rule`, in `world`, `who` asks for `action` on `resource`.
pub fn case(
    rule: &'static str,
    world: World,
    who: Who,
    action: &'static str,
    resource: impl Into<String>,
    expect: Verdict,
) -> Case {
    Case {
        rule,
        world,
        who,
        action,
        resource: resource.into(),
        context: Vec::new(),
        expect,
        checks: Vec::new(),
        known_bug: None,
    }
}

impl Case {
    pub fn check(mut self, c: Check) -> Case {
        self.checks.push(c);
        self
    }

    pub fn ctx(mut self, key: &'static str, values: &[&'static str]) -> Case {
        self.context.push((key, values.to_vec()));
        self
    }

    /// Marks a case the evaluator gets wrong today (none does now; kept
    /// for the next bug a case finds).
    #[allow(dead_code)]
    pub fn known_bug(mut self, why: &'static str) -> Case {
        self.known_bug = Some(why);
        self
    }
}

fn build(world: World) -> Model {
    let loaded = world
        .gaad()
        .into_iter()
        .map(|(account, mut gaad)| {
            gaad["Rolecall"] =
                serde_json::json!({"FormatVersion": 1, "AccountId": account, "Partition": "aws"});
            let bytes = serde_json::to_vec(&gaad).expect("serializes");
            Loaded {
                origin: format!("{account}.json"),
                snapshot: parse_gaad(&bytes, account).expect("the world parses"),
            }
        })
        .collect();
    rolecall_core::model::build(loaded)
}

fn caller(model: &Model, who: Who) -> Result<Caller, String> {
    let role = |name: &str| {
        model
            .roles
            .iter()
            .position(|r| r.detail.role_name == name)
            .ok_or(format!("no role {name} in the world"))
    };
    Ok(match who {
        Who::User(name) => Caller::User(
            model
                .users
                .iter()
                .position(|u| u.detail.user_name == name)
                .ok_or(format!("no user {name} in the world"))?,
        ),
        Who::Role(name) => Caller::Role(role(name)?),
        Who::Session(name, session) => Caller::Session {
            role: role(name)?,
            session_name: session.into(),
        },
        Who::External(kind_key, principal) => Caller::External {
            kind_key: kind_key.into(),
            principal: principal.into(),
        },
        Who::MissingUser => Caller::User(model.users.len() + 10),
    })
}

fn check_one(d: &Decision, c: &Check) -> Result<(), String> {
    let ok = match c {
        Check::Alternatives(n) => d.alternatives.len() == *n,
        Check::AltKeys(keys) => {
            let got: Vec<&str> = d
                .alternatives
                .iter()
                .map(|a| a.first().map_or("", |c| c.key.as_str()))
                .collect();
            got == *keys
        }
        Check::AltSize(i, n) => d.alternatives.get(*i).is_some_and(|a| a.len() == *n),
        Check::AltHasKey(k) => d
            .alternatives
            .iter()
            .any(|a| a.iter().any(|c| c.key.eq_ignore_ascii_case(k))),
        Check::AltValue(v) => d
            .alternatives
            .iter()
            .any(|a| a.iter().any(|c| c.values.iter().any(|x| x == v))),
        Check::AltLacksKey(k) => !d
            .alternatives
            .iter()
            .any(|a| a.iter().any(|c| c.key.eq_ignore_ascii_case(k))),
        Check::UnlessKey(k) => d.unless.iter().any(|c| c.key.contains(k)),
        Check::UnlessValue(v) => d.unless.iter().any(|c| c.values.iter().any(|x| x == v)),
        Check::NoUnless => d.unless.is_empty(),
        Check::Condition(k, v) => d
            .conditions
            .iter()
            .any(|c| c.key == *k && c.values.iter().any(|x| x == v)),
        Check::Reason(s) => d.reasons.iter().any(|r| r.contains(s)),
        Check::NoReason(s) => !d.reasons.iter().any(|r| r.contains(s)),
        Check::Resource(p) => d.resource_policy == *p,
        Check::Readings(n) => d.readings.len() == *n,
        Check::ViaPolicy(s) => d.via.iter().any(|v| v.policy.contains(s)),
        Check::ViaSide(s) => d.via.iter().any(|v| v.side == *s),
        Check::ChainedCap(b) => d.chained_session_cap == *b,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("check {c:?} failed"))
    }
}

/// Runs one case: `Err` lists what went wrong.
fn run_one(models: &mut HashMap<World, (Model, AssumeIndex)>, c: &Case) -> Result<(), String> {
    let (model, index) = models.entry(c.world).or_insert_with(|| {
        let m = build(c.world);
        let i = AssumeIndex::build(&m);
        (m, i)
    });
    let principal = caller(model, c.who)?;
    let mut ctx = RequestContext::new();
    for (k, v) in &c.context {
        ctx.set(k, v.iter().copied());
    }
    let d = evaluate(
        model,
        index,
        &Request {
            principal,
            action: c.action,
            resource: &c.resource,
            context: &ctx,
        },
    );
    let mut errors = Vec::new();
    if d.verdict != c.expect {
        errors.push(format!(
            "verdict {} (expected {})",
            d.verdict.as_str(),
            c.expect.as_str()
        ));
    }
    for check in &c.checks {
        if let Err(e) = check_one(&d, check) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    let alternatives: Vec<Vec<String>> = d
        .alternatives
        .iter()
        .map(|a| {
            a.iter()
                .map(|c| format!("{} {} {:?}", c.key, c.operator, c.values))
                .collect()
        })
        .collect();
    let unless: Vec<String> = d
        .unless
        .iter()
        .map(|c| format!("{} {} {:?}", c.key, c.operator, c.values))
        .collect();
    Err(format!(
        "{}\n      got: {} | alternatives {alternatives:?} | unless {unless:?} | resource policy {} | reasons {:?} | readings {:?}",
        errors.join("; "),
        d.verdict.as_str(),
        d.resource_policy.as_str(),
        d.reasons,
        d.readings,
    ))
}

/// Runs every case and panics once, listing every failing case by rule.
pub fn run_all(cases: &[Case]) {
    let mut models = HashMap::new();
    let mut failures = Vec::new();
    let mut known = 0;
    let mut seen = std::collections::HashSet::new();
    for c in cases {
        if !seen.insert(c.rule) {
            failures.push(format!("[{}] the rule name is used twice", c.rule));
        }
        let outcome = run_one(&mut models, c);
        match (outcome, c.known_bug) {
            (Ok(()), None) => {}
            (Err(e), None) => failures.push(format!("[{}] {e}", c.rule)),
            (Err(_), Some(_)) => known += 1,
            (Ok(()), Some(why)) => failures.push(format!(
                "[{}] marked as a known bug ({why}) but passes now: remove the mark",
                c.rule
            )),
        }
    }
    println!(
        "{} cases, {} failing, {known} known evaluator bugs",
        cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

//! `RC-PATH-001`: a role reachable from another account in two hops,
//! decided by the who-can-assume engine.
//!
//! Computed once per model (on the first role asked about):
//! 1. for every role M, the principals of another account (or `*`) its
//!    trust policy names are asked to the engine (`can_assume`); M is an
//!    entry point when one of them may assume it;
//! 2. for each entry point M, the engine lists what M's sessions may assume
//!    (`can_assume_what`); each such role R of the same account gets the
//!    path "outside → M → R".
//!
//! Roles whose own trust already admits another account or anyone get no
//! path finding: the direct trust findings say it.

use std::collections::HashMap;

use super::{Finding, Location, RoleCtx};
use crate::analysis::assume::{AssumeIndex, Caller, can_assume, can_assume_what};
use crate::model::Model;
use crate::policy::{Effect, principal_account};

/// At most this many paths are spelled out in one explanation.
const SHOWN: usize = 3;

/// The paths into each role, computed once.
#[derive(Default)]
pub(crate) struct PathIndex {
    hops: Option<HashMap<usize, Vec<String>>>,
}

impl PathIndex {
    pub fn new() -> PathIndex {
        PathIndex::default()
    }

    fn hops(&mut self, model: &Model) -> &HashMap<usize, Vec<String>> {
        self.hops.get_or_insert_with(|| build(model))
    }
}

fn account_id(model: &Model, role: usize) -> &str {
    model
        .roles
        .get(role)
        .and_then(|r| model.accounts.get(r.account))
        .map_or("", |a| a.account_id.as_str())
}

/// Whether a trust row names a principal of another account, or anyone.
fn names_outside(row: &crate::policy::TrustRow, account: &str) -> bool {
    row.effect == Effect::Allow
        && (row.principal == "*"
            || row.negated
            || (row.kind_key == "AWS"
                && principal_account(&row.principal).is_some_and(|a| a != account)))
}

fn build(model: &Model) -> HashMap<usize, Vec<String>> {
    let index = AssumeIndex::build(model);
    let mut hops: HashMap<usize, Vec<String>> = HashMap::new();
    for (m, role) in model.roles.iter().enumerate() {
        let account = account_id(model, m);
        let mut outside: Vec<String> = Vec::new();
        for row in role.trust_rows.iter().filter(|r| names_outside(r, account)) {
            if row.negated {
                continue;
            }
            let caller = Caller::External {
                kind_key: row.kind_key.clone(),
                principal: row.principal.clone(),
            };
            let decision = can_assume(model, &index, &caller, m);
            let label = format!("{} ({})", row.principal, decision.verdict.as_str());
            if decision.verdict.is_possible() && !outside.contains(&label) {
                outside.push(label);
            }
        }
        if outside.is_empty() {
            continue;
        }
        let t0 = std::time::Instant::now();
        let what = can_assume_what(model, &index, &Caller::Role(m));
        eprintln!("DEBUGPATH {m} {} {:?}", what.len(), t0.elapsed());
        for (target, decision) in what {
            if target == m || account_id(model, target) != account {
                continue;
            }
            hops.entry(target).or_default().push(format!(
                "{} ({}) can assume it, and {} can assume {}",
                role.detail.arn,
                decision.verdict.as_str(),
                outside.join(", "),
                role.detail.role_name
            ));
        }
    }
    hops
}

/// Whether the role's own trust already admits another account or anyone.
fn trusts_outside_directly(ctx: &RoleCtx<'_>) -> bool {
    ctx.role
        .trust_rows
        .iter()
        .any(|row| names_outside(row, ctx.account_id))
}

pub(crate) fn check(ctx: &RoleCtx<'_>, paths: &mut PathIndex, out: &mut Vec<Finding>) {
    if trusts_outside_directly(ctx) {
        return;
    }
    let Some(hops) = paths.hops(ctx.model).get(&ctx.index) else {
        return;
    };
    let more = match hops.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!("; and {n} more path(s)"),
    };
    let shown: Vec<&str> = hops.iter().take(SHOWN).map(String::as_str).collect();
    out.push(ctx.finding(
        "RC-PATH-001",
        Location {
            policy: "trust policy".into(),
            statement: None,
        },
        format!(
            "reachable from another account through a role: {}{more}.",
            shown.join("; ")
        ),
    ));
}

//! `RC-PATH-001`: a role reachable from another account in two hops. Uses
//! the who-can-assume engine: for each principal that can assume the role
//! (verdict not denied) and is itself a loaded role, the engine is asked
//! who can assume *that* role; callers of another account (an account not
//! loaded, or a loaded snapshot of another account) make the path.
//! The engine's index is built once per audit, and each intermediate role's
//! outside callers are computed once.

use std::collections::HashMap;

use super::{Finding, Location, RoleCtx};
use crate::analysis::assume::{AssumeIndex, Caller, WhoEntry, who_can_assume};
use crate::model::Model;
use crate::policy::principal_account;

/// The engine's index and memoised answers, shared across roles.
#[derive(Default)]
pub(crate) struct PathIndex {
    index: Option<AssumeIndex>,
    outside: HashMap<usize, Vec<String>>,
}

impl PathIndex {
    pub fn new() -> PathIndex {
        PathIndex::default()
    }

    fn index(&mut self, model: &Model) -> &AssumeIndex {
        self.index.get_or_insert_with(|| AssumeIndex::build(model))
    }

    /// Labels of the other-account callers that can assume `role`.
    fn outside_callers(&mut self, model: &Model, role: usize) -> Vec<String> {
        if let Some(known) = self.outside.get(&role) {
            return known.clone();
        }
        let entries = who_can_assume(model, self.index(model), role, false);
        let account = account_id(model, role);
        let found: Vec<String> = entries
            .iter()
            .filter(|e| e.decision.verdict.is_possible())
            .filter_map(|e| other_account(model, e, account))
            .collect();
        self.outside.insert(role, found.clone());
        found
    }
}

fn account_id(model: &Model, role: usize) -> &str {
    model
        .roles
        .get(role)
        .and_then(|r| model.accounts.get(r.account))
        .map_or("", |a| a.account_id.as_str())
}

/// `ACCOUNT (label)` when the entry's caller is of another account than `own`.
fn other_account(model: &Model, entry: &WhoEntry, own: &str) -> Option<String> {
    let account = match &entry.caller {
        Caller::User(u) => model
            .users
            .get(*u)
            .and_then(|x| model.accounts.get(x.account))
            .map(|a| a.account_id.clone()),
        Caller::Role(r) | Caller::Session { role: r, .. } => {
            Some(account_id(model, *r).to_string())
        }
        Caller::External {
            kind_key,
            principal,
        } => {
            if kind_key == "*" || principal == "*" {
                Some("any account".to_string())
            } else if kind_key == "AWS" {
                principal_account(principal).map(str::to_string)
            } else {
                None
            }
        }
    }?;
    (account != own).then(|| format!("{} ({})", entry.label, entry.decision.verdict.as_str()))
}

/// At most this many paths are spelled out in one explanation.
const SHOWN: usize = 3;

/// Whether the role's own trust already admits another account or anyone
/// (then the direct trust findings say it, and a path adds nothing).
fn trusts_outside_directly(ctx: &RoleCtx<'_>) -> bool {
    ctx.role.trust_rows.iter().any(|row| {
        row.effect == crate::policy::Effect::Allow
            && (row.principal == "*"
                || row.negated
                || (row.kind_key == "AWS"
                    && principal_account(&row.principal).is_some_and(|a| a != ctx.account_id)))
    })
}

pub(crate) fn check(ctx: &RoleCtx<'_>, paths: &mut PathIndex, out: &mut Vec<Finding>) {
    if trusts_outside_directly(ctx) {
        return;
    }
    let model = ctx.model;
    let entries = who_can_assume(model, paths.index(model), ctx.index, false);
    let mut hops: Vec<String> = Vec::new();
    for entry in entries.iter().filter(|e| e.decision.verdict.is_possible()) {
        let middle = match entry.caller {
            Caller::Role(r) | Caller::Session { role: r, .. } => r,
            _ => continue,
        };
        if middle == ctx.index || account_id(model, middle) != ctx.account_id {
            continue;
        }
        let outside = paths.outside_callers(model, middle);
        if !outside.is_empty() {
            hops.push(format!(
                "{} ({}) can assume it, and {} can assume {}",
                entry.label,
                entry.decision.verdict.as_str(),
                outside.join(", "),
                entry.label
            ));
        }
    }
    if !hops.is_empty() {
        let more = match hops.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!("; and {n} more path(s)"),
        };
        hops.truncate(SHOWN);
        out.push(ctx.finding(
            "RC-PATH-001",
            Location {
                policy: "trust policy".into(),
                statement: None,
            },
            format!(
                "reachable from another account through a role: {}{more}.",
                hops.join("; ")
            ),
        ));
    }
}

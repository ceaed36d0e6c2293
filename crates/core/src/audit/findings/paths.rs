//! `RC-PATH-001`: a role reachable from another account in two hops,
//! decided by the who-can-assume engine.
//!
//! Computed once per model (on the first role asked about):
//! 1. entry points: every role M whose trust names a principal of another
//!    account (or `*`) that the engine (`can_assume`) says may assume it;
//! 2. for every other role R, the entry points that could assume it are
//!    gathered cheaply: those R's trust names by ARN or session, and, when
//!    R trusts its own account or `*`, those holding an identity Allow for
//!    sts:AssumeRole whose Resource could match R's ARN;
//! 3. the engine decides those candidates one by one until one may assume R
//!    (allowed, conditional or uncertain): that path "outside → M → R" is
//!    reported, with the number of candidates left unchecked.
//!
//! So every reported path is one the engine decided, and the work stays
//! near one decision per reachable role (well under a second for 10,000
//! roles). Roles whose own trust already admits another account or anyone
//! get no path finding: the direct trust findings say it.

use std::collections::HashMap;
use std::sync::Arc;

use super::docs::{DocFacts, FactsCache};
use super::{Finding, Location, RoleCtx};
use crate::analysis::assume::{AssumeIndex, Caller, can_assume};
use crate::model::{EntityRef, Model};
use crate::policy::{Effect, PrincipalKind, TrustRow, arn_matches, principal_account};

/// One verified path into a role, and how many candidates were not checked.
struct Path {
    text: String,
    unchecked: usize,
}

/// The paths into each role, computed once.
#[derive(Default)]
pub(crate) struct PathIndex {
    paths: Option<HashMap<usize, Path>>,
    /// The model's assume-role index when the caller already has one.
    assume: Option<Arc<AssumeIndex>>,
}

impl PathIndex {
    pub fn new() -> PathIndex {
        PathIndex::default()
    }

    pub fn with_assume_index(index: Arc<AssumeIndex>) -> PathIndex {
        PathIndex {
            paths: None,
            assume: Some(index),
        }
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
fn names_outside(row: &TrustRow, account: &str) -> bool {
    row.effect == Effect::Allow
        && (row.principal == "*"
            || row.negated
            || (row.kind_key == "AWS"
                && principal_account(&row.principal).is_some_and(|a| a != account)))
}

/// The other-account principals that may assume role `m`, as labels.
fn outside_callers(model: &Model, index: &AssumeIndex, m: usize) -> Vec<String> {
    let account = account_id(model, m);
    let mut out: Vec<String> = Vec::new();
    for row in model.roles[m].trust_rows.iter() {
        if !names_outside(row, account) || row.negated {
            continue;
        }
        let caller = Caller::External {
            kind_key: row.kind_key.clone(),
            principal: row.principal.clone(),
        };
        let decision = can_assume(model, index, &caller, m);
        let label = format!("{} ({})", row.principal, decision.verdict.as_str());
        if decision.verdict.is_possible() && !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// Resource patterns of the role's identity Allows for sts:AssumeRole.
fn assume_patterns(model: &Model, m: usize, cache: &mut FactsCache) -> Vec<String> {
    let role = &model.roles[m];
    let (account, partition) = model.accounts.get(role.account).map_or(("", "aws"), |a| {
        (a.account_id.as_str(), a.partition.as_str())
    });
    let mut patterns: Vec<String> = Vec::new();
    for inline in &role.inline {
        if let Some(doc) = inline.doc.document() {
            patterns.extend(DocFacts::of(doc, account, partition).assume);
        }
    }
    for link in &role.attached {
        if let Some(facts) = link.policy.and_then(|p| cache.managed(model, p)) {
            patterns.extend(facts.assume.iter().cloned());
        }
    }
    patterns.sort();
    patterns.dedup();
    patterns
}

/// Whether a Resource pattern could match `arn`: the literal prefix first
/// (cheap), then the real ARN match.
fn could_match(pattern: &str, arn: &str) -> bool {
    let literal = pattern.find(['*', '?']).map_or(pattern, |i| &pattern[..i]);
    arn.starts_with(literal) && arn_matches(pattern, arn)
}

struct Entry {
    role: usize,
    outside: Vec<String>,
}

fn build(
    model: &Model,
    given: Option<&AssumeIndex>,
    cache: &mut FactsCache,
) -> HashMap<usize, Path> {
    let built;
    let index = match given {
        Some(index) => index,
        None => {
            built = AssumeIndex::build(model);
            &built
        }
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry_of: HashMap<usize, usize> = HashMap::new();
    // Entry points grouped by their identity Allow patterns.
    let mut groups: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    for m in 0..model.roles.len() {
        let account = account_id(model, m);
        if !model.roles[m]
            .trust_rows
            .iter()
            .any(|r| names_outside(r, account))
        {
            continue;
        }
        let outside = outside_callers(model, index, m);
        if outside.is_empty() {
            continue;
        }
        entry_of.insert(m, entries.len());
        let patterns = assume_patterns(model, m, cache);
        if !patterns.is_empty() {
            groups.entry(patterns).or_default().push(entries.len());
        }
        entries.push(Entry { role: m, outside });
    }
    let mut paths = HashMap::new();
    if entries.is_empty() {
        return paths;
    }
    let mut group_list: Vec<(Vec<String>, Vec<usize>)> = groups.into_iter().collect();
    group_list.sort();
    for (r, role) in model.roles.iter().enumerate() {
        let account = account_id(model, r);
        if role
            .trust_rows
            .iter()
            .any(|row| names_outside(row, account))
        {
            continue;
        }
        let mut candidates: Vec<usize> = Vec::new();
        let mut delegates = false;
        for row in role.trust_rows.iter().filter(|x| x.effect == Effect::Allow) {
            match row.kind {
                PrincipalKind::Role | PrincipalKind::AssumedRoleSession => {
                    if let Some(EntityRef::Role(m)) = model.resolve(&row.principal, role.account)
                        && let Some(&e) = entry_of.get(&m)
                    {
                        candidates.push(e);
                    }
                }
                PrincipalKind::Account => delegates = true,
                _ => {}
            }
        }
        if delegates {
            for (patterns, members) in &group_list {
                if patterns.iter().any(|p| could_match(p, &role.detail.arn)) {
                    candidates.extend(members.iter().copied());
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        candidates.retain(|e| seen.insert(*e) && entries[*e].role != r);
        for (i, &e) in candidates.iter().enumerate() {
            let entry = &entries[e];
            if account_id(model, entry.role) != account {
                continue;
            }
            let decision = can_assume(model, index, &Caller::Role(entry.role), r);
            if decision.verdict.is_possible() {
                let m = &model.roles[entry.role];
                paths.insert(
                    r,
                    Path {
                        text: format!(
                            "{} ({}) can assume it, and {} can assume {}",
                            m.detail.arn,
                            decision.verdict.as_str(),
                            entry.outside.join(", "),
                            m.detail.role_name
                        ),
                        unchecked: candidates.len() - i - 1,
                    },
                );
                break;
            }
        }
    }
    paths
}

pub(crate) fn check(
    ctx: &RoleCtx<'_>,
    index: &mut PathIndex,
    cache: &mut FactsCache,
    out: &mut Vec<Finding>,
) {
    let assume = index.assume.as_deref();
    let paths = index
        .paths
        .get_or_insert_with(|| build(ctx.model, assume, cache));
    let Some(path) = paths.get(&ctx.index) else {
        return;
    };
    let more = match path.unchecked {
        0 => String::new(),
        n => format!(" ({n} more role(s) reachable from outside may also assume it; not checked)"),
    };
    out.push(ctx.finding(
        "RC-PATH-001",
        Location {
            policy: "trust policy".into(),
            statement: None,
        },
        format!(
            "reachable from another account through a role: {}{more}.",
            path.text
        ),
    ));
}

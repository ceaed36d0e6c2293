//! The statements of an account's SCPs or RCPs that name one action, level
//! by level from the root, and which of them apply to one request.
//!
//! Which statements name an action depends only on the account, the policy
//! type and the action, so a [`RuleCache`] keeps them for a batch of
//! requests (the escalation graph asks one action of every principal); the
//! resource and the conditions are then checked per request.

use std::cell::RefCell;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::org::{Level, OrgPolicy, Organization, PolicyType};
use crate::policy::{
    CondOutcome, ConditionClause, Effect, RequestContext, Statement, evaluate, evaluate_clause,
};

use super::Clauses;

/// Where a policy is attached, in words.
pub(crate) fn level_words(level: &Level<'_>) -> String {
    match level {
        Level::Root(r) => format!("the root {}", r.id),
        Level::Unit(u) => format!("OU {} ({})", u.name, u.id),
        Level::Account(a) => format!("account {} ({})", a.id, a.name),
    }
}

/// One statement naming the action, or a policy that does not parse
/// (`statement: None`: it might allow or deny anything). Its words are
/// made only when a gate reports it.
pub(crate) struct Rule<'o> {
    pub statement: Option<&'o Statement>,
    policy: &'o OrgPolicy,
    kind: PolicyType,
    /// The statement's place in its policy.
    index: usize,
}

impl Rule<'_> {
    /// "the SCP NAME (ID) attached to OU X (ou-…), statement SID".
    pub fn words(&self, level: &Level<'_>) -> String {
        let head = format!(
            "the {} {} ({}) attached to {}",
            self.kind.as_str(),
            self.policy.name,
            self.policy.id,
            level_words(level)
        );
        match self.statement {
            None => format!("{head}, which does not parse"),
            Some(st) => match st.sid.as_deref() {
                Some(sid) => format!("{head}, statement {sid}"),
                None => format!("{head}, statement #{}", self.index + 1),
            },
        }
    }
}

pub(crate) struct LevelRules<'o> {
    pub level: Level<'o>,
    pub rules: Vec<Rule<'o>>,
}

/// An account's levels, root first, each with its statements naming the
/// action.
pub(crate) struct AccountRules<'o> {
    pub levels: Vec<LevelRules<'o>>,
    /// The path from the account reaches a root (a broken tree does not).
    pub rooted: bool,
}

/// The rules of `kind` for `action` in `account`; `None` for an account
/// not in the organization.
pub(crate) fn account_rules<'o>(
    org: &'o Organization,
    account: &str,
    kind: PolicyType,
    action: &str,
) -> Option<AccountRules<'o>> {
    let levels = org.levels(account)?;
    let rooted = matches!(levels.first(), Some(Level::Root(_)));
    let levels = levels
        .into_iter()
        .map(|level| {
            let mut rules = Vec::new();
            for (policy, doc) in org.attached(level.id(), kind) {
                let Ok(doc) = doc else {
                    rules.push(Rule {
                        statement: None,
                        policy,
                        kind,
                        index: 0,
                    });
                    continue;
                };
                for (index, st) in doc.statements.iter().enumerate() {
                    if st.matches_action(action) {
                        rules.push(Rule {
                            statement: Some(st),
                            policy,
                            kind,
                            index,
                        });
                    }
                }
            }
            LevelRules { level, rules }
        })
        .collect();
    Some(AccountRules { levels, rooted })
}

/// (is an SCP, account, lower-case action).
type RuleKey = (bool, String, String);

/// Account rules per (policy type, account, action), for requests that
/// share them.
#[derive(Default)]
pub(crate) struct RuleCache<'o> {
    map: RefCell<FxHashMap<RuleKey, Option<Arc<AccountRules<'o>>>>>,
}

impl<'o> RuleCache<'o> {
    pub fn get(
        &self,
        org: &'o Organization,
        account: &str,
        kind: PolicyType,
        action: &str,
    ) -> Option<Arc<AccountRules<'o>>> {
        let key = (
            kind == PolicyType::ServiceControl,
            account.to_string(),
            action.to_ascii_lowercase(),
        );
        if let Some(known) = self.map.borrow().get(&key) {
            return known.clone();
        }
        let rules = account_rules(org, account, kind, action).map(Arc::new);
        self.map.borrow_mut().insert(key, rules.clone());
        rules
    }
}

/// One statement that applies to the request: its effect, and whether its
/// conditions hold.
pub(crate) struct Hit<'r> {
    pub effect: Effect,
    pub outcome: CondOutcome,
    rule: &'r Rule<'r>,
    level: &'r Level<'r>,
}

impl Hit<'_> {
    pub fn words(&self) -> String {
        self.rule.words(self.level)
    }
}

/// The statements of one level that apply to `resource`, their conditions
/// decided where rolecall can. `outside`: the organization's id when the
/// caller is known to be outside it.
pub(crate) fn hits<'r>(
    level: &'r LevelRules<'r>,
    resource: &str,
    ctx: &dyn Clauses,
    outside: Option<&str>,
) -> Vec<Hit<'r>> {
    let mut out = Vec::new();
    for rule in &level.rules {
        let Some(st) = rule.statement else {
            out.push(Hit {
                effect: Effect::Deny,
                outcome: CondOutcome::Unknown(Vec::new()),
                rule,
                level: &level.level,
            });
            continue;
        };
        if !st.matches_resource(resource) {
            continue;
        }
        let mut outcome = evaluate(&st.condition, ctx.for_clauses(&st.condition));
        if let Some(org_id) = outside {
            outcome = outside_outcome(outcome, org_id);
        }
        if matches!(outcome, CondOutcome::False) {
            continue;
        }
        out.push(Hit {
            effect: st.effect,
            outcome,
            rule,
            level: &level.level,
        });
    }
    out
}

/// A value naming this organization or a path in it: `o-…` or `o-…/…`.
fn names_org(value: &str, org_id: &str) -> bool {
    value.len() >= org_id.len()
        && value.is_char_boundary(org_id.len())
        && value[..org_id.len()].eq_ignore_ascii_case(org_id)
        && (value.len() == org_id.len() || value[org_id.len()..].starts_with('/'))
}

/// A caller outside the organization has no `aws:PrincipalOrgID` or
/// `aws:PrincipalOrgPaths` of it: the key is absent or names another
/// organization (C.8). A clause on such a key whose every value names this
/// organization is decided alike either way; then that is its outcome.
pub(crate) fn outside_reading(clause: &ConditionClause, org_id: &str) -> Option<bool> {
    let key = clause.key.to_ascii_lowercase();
    if key != "aws:principalorgid" && key != "aws:principalorgpaths" {
        return None;
    }
    if clause.values.is_empty() || !clause.values.iter().all(|v| names_org(v, org_id)) {
        return None;
    }
    let absent = RequestContext::new().with(&key, Vec::<String>::new());
    // Starts with no organization id, so it matches none of the values.
    let foreign = RequestContext::new().with(&key, ["(another organization)/"]);
    let a = evaluate_clause(clause, &absent)?;
    let b = evaluate_clause(clause, &foreign)?;
    (a == b).then_some(a)
}

fn outside_outcome(outcome: CondOutcome, org_id: &str) -> CondOutcome {
    let CondOutcome::Unknown(open) = outcome else {
        return outcome;
    };
    let mut left = Vec::new();
    for clause in open {
        match outside_reading(&clause, org_id) {
            Some(false) => return CondOutcome::False,
            Some(true) => {}
            None => left.push(clause),
        }
    }
    if left.is_empty() {
        CondOutcome::True
    } else {
        CondOutcome::Unknown(left)
    }
}

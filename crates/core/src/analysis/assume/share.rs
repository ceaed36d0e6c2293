//! One decision shared by the callers that a role cannot tell apart.
//!
//! For one role, the decision for a loaded user or role depends on:
//! - its snapshot and its shape (user or role);
//! - its identity side: the identity and boundary statements that apply to
//!   the role, plus its unreadable policies and its boundary (the index
//!   numbers these last two as classes);
//! - how each trust statement's principals name it;
//! - whatever conditions or policy variables read of its own keys.
//!
//! When that last part is empty, which `LazyCtx` records while the decision
//! is made, every caller with the same key gets the same decision, word for
//! word. A role trusting `*` then costs a handful of evaluations instead of
//! one per principal of the account.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use rustc_hash::FxHashMap;

use crate::model::{Model, Role};
use crate::policy::{PrincipalKind, classify};

use super::caller::{CallerInfo, CallerShape, LazyCtx};
use super::decide::{decide_info_tracked, with_caller};
use super::identity::statement_applies;
use super::index::AssumeIndex;
use super::trust::principal_profile;
use super::types::{Caller, Decision, Side};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ShareKey {
    snapshot: usize,
    is_user: bool,
    identity_class: u32,
    principal_profile: u64,
    /// The statements that apply, by `AssumeIndex::statements` number.
    applying: Vec<(Side, u32)>,
}

/// Whether each statement (numbered like `AssumeIndex::statements`) applies
/// to one role, filled in as callers need them. The answer is the same
/// whoever asks, so threads share one table; a race only repeats work.
pub(crate) struct StatementStates(Vec<AtomicU8>);

const NOT_YET_SEEN: u8 = 0;
const APPLIES: u8 = 1;
const DOES_NOT_APPLY: u8 = 2;
/// Finding out read the caller's own keys: no sharing.
const READS_CALLER: u8 = 3;

impl StatementStates {
    pub(crate) fn new(index: &AssumeIndex) -> StatementStates {
        StatementStates(
            (0..index.statements().len())
                .map(|_| AtomicU8::new(NOT_YET_SEEN))
                .collect(),
        )
    }
}

/// The decisions made so far for one role, by key. Use one per role.
pub(crate) struct SharedDecisions<'s> {
    by_key: FxHashMap<ShareKey, Arc<Decision>>,
    statements: &'s StatementStates,
    /// The trust policy's principal values that name users, roles or
    /// sessions (built on first use).
    named_in_trust: Option<Vec<String>>,
    /// The principal profile of the callers no such value mentions, by
    /// snapshot and user-or-role: it depends on nothing else (their
    /// account decides account grants, `*` grants everyone alike).
    unnamed_profiles: HashMap<(usize, bool), Option<u64>>,
}

impl<'s> SharedDecisions<'s> {
    pub(crate) fn new(statements: &'s StatementStates) -> SharedDecisions<'s> {
        SharedDecisions {
            by_key: FxHashMap::default(),
            statements,
            named_in_trust: None,
            unnamed_profiles: HashMap::new(),
        }
    }

    /// `principal_profile`, computed once per snapshot and shape for the
    /// callers whose name no trust principal mentions (a user or role ARN
    /// only matches a value holding its name).
    fn profile(
        &mut self,
        model: &Model,
        caller: &Caller,
        info: &CallerInfo,
        role: &Role,
        is_user: bool,
    ) -> Option<u64> {
        let name = match caller {
            Caller::User(u) => model.users.get(*u)?.detail.user_name.as_str(),
            Caller::Role(r) => model.roles.get(*r)?.detail.role_name.as_str(),
            _ => return None,
        };
        let named = self
            .named_in_trust
            .get_or_insert_with(|| personal_principals(role));
        if name.is_empty() || named.iter().any(|v| v.contains(name)) || !arn_in_own_account(info) {
            return principal_profile(role, info);
        }
        *self
            .unnamed_profiles
            .entry((info.snapshot?, is_user))
            .or_insert_with(|| principal_profile(role, info))
    }

    /// Whether statement `id` applies to the role. The answer, and whether
    /// finding it reads the caller's keys, is the same for every caller, so
    /// each statement is looked at once per role.
    fn statement_state(
        &self,
        model: &Model,
        index: &AssumeIndex,
        id: u32,
        info: &CallerInfo,
        role: &Role,
    ) -> u8 {
        let Some(slot) = self.statements.0.get(id as usize) else {
            return READS_CALLER;
        };
        let known = slot.load(Ordering::Relaxed);
        if known != NOT_YET_SEEN {
            return known;
        }
        let quick = index
            .resource_test(id)
            .and_then(|t| t.decide(&role.detail.arn));
        let state = match quick {
            Some(true) => APPLIES,
            Some(false) => DOES_NOT_APPLY,
            None => {
                let ctx = LazyCtx::new(model, info, role);
                let r = index.statements()[id as usize];
                let applies = statement_applies(model, r, info.action, &role.detail.arn, &ctx);
                match (ctx.caller_keys_unread(), applies) {
                    (false, _) => READS_CALLER,
                    (true, true) => APPLIES,
                    (true, false) => DOES_NOT_APPLY,
                }
            }
        };
        slot.store(state, Ordering::Relaxed);
        state
    }

    fn share_key(
        &mut self,
        model: &Model,
        index: &AssumeIndex,
        caller: &Caller,
        info: &CallerInfo,
        role: &Role,
    ) -> Option<ShareKey> {
        let is_user = match (caller, info.shape) {
            (Caller::User(_), CallerShape::User) => true,
            (Caller::Role(_), CallerShape::RoleAnySession) => false,
            _ => return None,
        };
        // A service-linked role is exempt from SCPs (C.1), which its
        // neighbours with the same policies are not.
        if model.organization.is_some()
            && let Caller::Role(r) = caller
            && model
                .roles
                .get(*r)
                .is_some_and(super::decide::is_service_linked)
        {
            return None;
        }
        let identity_class = index.identity_class(caller)?;
        let principal_profile = self.profile(model, caller, info, role, is_user)?;
        let (identity_ids, boundary_ids) = index.statement_ids(caller)?;
        let mut applying = Vec::new();
        let sides = [
            (Side::Identity, identity_ids),
            (Side::Boundary, boundary_ids),
        ];
        for (side, ids) in sides {
            for &id in ids {
                match self.statement_state(model, index, id, info, role) {
                    APPLIES => applying.push((side, id)),
                    DOES_NOT_APPLY => {}
                    _ => return None,
                }
            }
        }
        Some(ShareKey {
            snapshot: info.snapshot?,
            is_user,
            identity_class,
            principal_profile,
            applying,
        })
    }

    /// The decision for `caller` assuming `model.roles[role_idx]`: a shared
    /// one when an equal caller has been decided already.
    pub(crate) fn decide(
        &mut self,
        model: &Model,
        index: &AssumeIndex,
        caller: &Caller,
        role_idx: usize,
        role: &Role,
    ) -> Option<Arc<Decision>> {
        with_caller(model, index, caller, |info| {
            let key = self.share_key(model, index, caller, info, role);
            if let Some(d) = key.as_ref().and_then(|k| self.by_key.get(k)) {
                return Arc::clone(d);
            }
            // The key holds the snapshot, so a decision that read only the
            // caller's account's org keys is shared too.
            let super::decide::Tracked {
                decision,
                own_keys_unread,
            } = decide_info_tracked(model, index, info, role_idx, role);
            let decision = Arc::new(decision);
            if let (Some(k), true) = (key, own_keys_unread) {
                self.by_key.insert(k, Arc::clone(&decision));
            }
            decision
        })
    }
}

/// Whether the caller's ARN is `arn:PARTITION:iam::ACCOUNT:…` with its
/// snapshot's partition and account. Only then do account grants see it as
/// they see every other principal of the snapshot: a file can hold ARNs of
/// other accounts (merged or hand-edited GAAD), and an account grant to one
/// of those names it and not its neighbours.
fn arn_in_own_account(info: &CallerInfo) -> bool {
    let mut parts = info.match_value.splitn(6, ':');
    parts.next() == Some("arn")
        && parts.next() == info.partition.as_deref()
        && parts.next() == Some("iam")
        && parts.next() == Some("")
        && parts.next() == info.account_id.as_deref()
}

/// The trust policy's principal values that can name one user, role or
/// session: every value but `*`, account ids and account roots, services
/// and identity providers (those never match a loaded user or role by name).
fn personal_principals(role: &Role) -> Vec<String> {
    let Some(Ok(doc)) = role.trust.as_ref().map(|d| &d.parsed) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for st in &doc.statements {
        for p in [&st.principal, &st.not_principal].into_iter().flatten() {
            for (kind_key, value) in p.iter_entries() {
                let by_account = matches!(
                    classify(kind_key, value),
                    PrincipalKind::Account | PrincipalKind::Any
                );
                if value != "*" && kind_key == "AWS" && !by_account {
                    out.push(value.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::analysis::assume::{AssumeIndex, Verdict, can_assume, who_can_assume};
    use crate::source::{Loaded, file::parse_gaad};

    /// Found by the property tests (crates/testkit/tests/properties.rs):
    /// the principal profile of callers no trust value names was cached per
    /// snapshot, as if all its principals were of its account. In a file
    /// that holds another account's ARN, a grant to that account names that
    /// principal only, and it was given its neighbour's "denied".
    #[test]
    fn a_principal_with_another_accounts_arn_gets_its_own_decision() {
        let allow = json!({"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]});
        let policy = "arn:aws:iam::222222222222:policy/assume";
        // The same managed policy, so both have the same identity side.
        let user = |name: &str, account: &str| {
            json!({"UserName": name, "Arn": format!("arn:aws:iam::{account}:user/{name}"),
                   "AttachedManagedPolicies": [{"PolicyName": "assume", "PolicyArn": policy}]})
        };
        let gaad = json!({
            "Rolecall": {"FormatVersion": 1, "AccountId": "222222222222", "Partition": "aws"},
            "Policies": [{"PolicyName": "assume", "Arn": policy, "DefaultVersionId": "v1",
                "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": allow}]}],
            "UserDetailList": [user("alice", "222222222222"), user("bob", "111111111111")],
            "RoleDetailList": [{"RoleName": "x", "Path": "/", "Arn": "arn:aws:iam::222222222222:role/x",
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
                     "Action": "sts:AssumeRole"}]}}]});
        let bytes = serde_json::to_vec(&gaad).expect("serializes");
        let snapshot = parse_gaad(&bytes, "merged.json").expect("parses");
        let model = crate::model::build(vec![Loaded {
            origin: "merged.json".into(),
            snapshot,
        }]);
        let index = AssumeIndex::build(&model);
        let who = who_can_assume(&model, &index, 0, true);
        assert!(who.len() >= 2, "{who:?}");
        for e in &who {
            assert_eq!(
                *e.decision,
                can_assume(&model, &index, &e.caller, 0),
                "{}",
                e.label
            );
        }
        let bob = who.iter().find(|e| e.label.ends_with("user/bob"));
        assert_eq!(bob.map(|e| e.decision.verdict), Some(Verdict::Allowed));
    }

    /// Found by the `gaad_file` fuzz target: a file whose roles' ARNs name
    /// two accounts (the snapshot's account is the first ARN's). A trust
    /// naming the snapshot's root delegates to the first role, not to the
    /// second, and the shared decisions must say so as `can_assume` does.
    #[test]
    fn an_arn_of_another_account_shares_no_account_grant() {
        let gaad = br#"{"RoleDetailList": [
          {"RoleName": "a", "RoleId": "AROAA", "Path": "/",
           "Arn": "arn:aws:iam::111111111111:role/a",
           "AssumeRolePolicyDocument": {"Statement": []}},
          {"RoleName": "b", "RoleId": "AROAB", "Path": "/",
           "Arn": "arn:aws:iam::222222222222:role/b",
           "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
             "Action": "sts:AssumeRole"}]}}]}"#;
        let snapshot = parse_gaad(gaad, "test").expect("the GAAD parses");
        let model = crate::model::build(vec![Loaded {
            origin: "test".into(),
            snapshot,
        }]);
        let index = AssumeIndex::build(&model);
        let who = who_can_assume(&model, &index, 1, true);
        assert_eq!(who.len(), 2);
        for e in who {
            assert_eq!(
                *e.decision,
                can_assume(&model, &index, &e.caller, 1),
                "{}",
                e.label
            );
        }
    }
}

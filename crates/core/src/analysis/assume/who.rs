//! Who can assume a role, and what a principal can assume. Both ask the
//! index for the few principals (or roles) that can possibly be allowed and
//! run the full decision on those only; everyone else would be denied for
//! certain (no trust statement names them, or the trust delegates to their
//! account and no identity Allow of theirs covers the role).

use std::cmp::Ordering;
use std::collections::HashSet;
use std::sync::Arc;

use crate::model::{EntityRef, Model};
use crate::policy::{PrincipalKind, principal_account};

use super::decide::{decide_info, with_caller};
use super::index::{AssumeIndex, allows_by_not_principal};
use super::share::{SharedDecisions, StatementStates};
use super::types::{Caller, Decision, WhoEntry};

/// Two snapshots can see each other's principals unless they are two
/// captures of the same account (then they are versions, not neighbours).
pub(crate) fn compatible(model: &Model, a: usize, b: usize) -> bool {
    a == b
        || match (model.accounts.get(a), model.accounts.get(b)) {
            (Some(x), Some(y)) => x.account_id != y.account_id,
            _ => false,
        }
}

fn snapshots_with_account(model: &Model, account: &str, role_snapshot: usize) -> Vec<usize> {
    (0..model.accounts.len())
        .filter(|&s| model.accounts[s].account_id == account && compatible(model, s, role_snapshot))
        .collect()
}

/// The entity an ARN names in each snapshot that can see `role_snapshot`:
/// two captures of the principal's account each hold a version of it, and
/// both are neighbours of a third account's role.
fn named_entities(model: &Model, arn: &str, role_snapshot: usize) -> Vec<EntityRef> {
    let mut out: Vec<EntityRef> = Vec::new();
    let preferred = std::iter::once(role_snapshot).chain(0..model.accounts.len());
    for s in preferred {
        if let Some(e) = model.resolve(arn, s)
            && (s == role_snapshot || model.account_of(e) == s)
            && compatible(model, model.account_of(e), role_snapshot)
            && !out.contains(&e)
        {
            out.push(e);
        }
    }
    // The same ARN listed twice in one file: both are named (the decision
    // matches the ARN, not the entity).
    let twins: Vec<EntityRef> = model
        .resolve_all(arn)
        .iter()
        .copied()
        .filter(|&o| {
            out.iter()
                .any(|e| model.account_of(*e) == model.account_of(o))
                && !out.contains(&o)
                && compatible(model, model.account_of(o), role_snapshot)
        })
        .collect();
    out.extend(twins);
    out
}

fn entity_caller(e: EntityRef) -> Option<Caller> {
    match e {
        EntityRef::User(u) => Some(Caller::User(u)),
        EntityRef::Role(r) => Some(Caller::Role(r)),
        _ => None,
    }
}

/// Which denied principals a who-can-assume list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// None: only allowed, conditional and uncertain.
    Possible,
    /// Those the trust policy names one by one (a user, role or session
    /// ARN, a unique id, an account not loaded, a service, a provider): the
    /// list then says why a named principal cannot.
    NamedToo,
    /// Every loaded user and role and every named principal.
    Everyone,
}

/// The callers who-can-assume decides for a role, each once, in
/// first-seen order, with whether the trust names it one by one.
fn candidates(
    model: &Model,
    index: &AssumeIndex,
    r: &crate::model::Role,
    include_denied: bool,
) -> Vec<(Caller, bool)> {
    let mut entities: Vec<EntityRef> = Vec::new();
    let mut callers: Vec<Caller> = Vec::new();
    let mut external: Vec<Caller> = Vec::new();
    let mut accounts: Vec<String> = Vec::new();
    let mut anyone =
        r.trust.as_ref().and_then(|t| t.document()).is_none() || allows_by_not_principal(r);
    for row in &r.trust_rows {
        if row.effect != crate::policy::Effect::Allow {
            continue;
        }
        let value = row.principal.as_str();
        if row.negated || row.kind_key == "*" || value == "*" {
            anyone = true;
            if !row.negated {
                external.push(Caller::External {
                    kind_key: row.kind_key.clone(),
                    principal: "*".into(),
                });
            }
            continue;
        }
        if row.kind_key == "AWS" {
            match row.kind {
                PrincipalKind::Account => {
                    if let Some(acct) = principal_account(value) {
                        if snapshots_with_account(model, acct, r.account).is_empty() {
                            external.push(Caller::External {
                                kind_key: "AWS".into(),
                                principal: value.into(),
                            });
                        }
                        accounts.push(acct.to_string());
                    }
                    continue;
                }
                PrincipalKind::User | PrincipalKind::Role => {
                    let named = named_entities(model, value, r.account);
                    if !named.is_empty() {
                        callers.extend(named.into_iter().filter_map(entity_caller));
                        continue;
                    }
                }
                PrincipalKind::AssumedRoleSession => {
                    let session_name = value.rsplit('/').next().unwrap_or_default();
                    let owners: Vec<usize> = named_entities(model, value, r.account)
                        .into_iter()
                        .filter_map(|e| match e {
                            EntityRef::Role(owner) => Some(owner),
                            _ => None,
                        })
                        .collect();
                    if !owners.is_empty() {
                        callers.extend(owners.into_iter().map(|owner| Caller::Session {
                            role: owner,
                            session_name: session_name.into(),
                        }));
                        // The role itself (session name unknown) may be
                        // that session: a candidate, though not named; so
                        // is every role loaded under that name.
                        entities.extend(
                            model
                                .session_roles(value)
                                .iter()
                                .filter(|&&o| compatible(model, model.roles[o].account, r.account))
                                .map(|&o| EntityRef::Role(o)),
                        );
                        continue;
                    }
                }
                _ => {}
            }
        }
        external.push(Caller::External {
            kind_key: row.kind_key.clone(),
            principal: value.into(),
        });
    }

    let arn = r.detail.arn.as_str();
    if include_denied {
        for s in 0..model.accounts.len() {
            if compatible(model, s, r.account) {
                entities.extend_from_slice(index.members(s));
            }
        }
    } else {
        for acct in &accounts {
            for s in snapshots_with_account(model, acct, r.account) {
                index.grant_holders(s, arn, &mut entities);
            }
        }
        if anyone {
            // Other accounts need an identity Allow; the role's own account
            // does not (a `*` grant counts like a named principal there).
            for s in 0..model.accounts.len() {
                if s == r.account {
                    entities.extend_from_slice(index.members(s));
                } else if compatible(model, s, r.account) {
                    index.grant_holders(s, arn, &mut entities);
                }
            }
        }
    }
    let named = callers.len();
    callers.extend(entities.into_iter().filter_map(entity_caller));
    let named_external = external.len();

    // Each caller once, in first-seen order (loaded users and roles by a
    // bitmap, the few others by hashing), with whether the trust names it.
    let mut seen_users = vec![false; model.users.len()];
    let mut seen_roles = vec![false; model.roles.len()];
    let mut seen_other: HashSet<Caller> = HashSet::new();
    let mut unique: Vec<(Caller, bool)> = Vec::new();
    let total = callers.len() + named_external;
    let is_named = |i: usize| i < named || i >= total - named_external;
    for (i, caller) in callers.into_iter().chain(external).enumerate() {
        let slot = match &caller {
            Caller::User(u) => seen_users.get_mut(*u),
            Caller::Role(x) => seen_roles.get_mut(*x),
            _ => None,
        };
        let fresh = match slot {
            Some(seen) => !std::mem::replace(seen, true),
            None => seen_other.insert(caller.clone()),
        };
        if fresh {
            unique.push((caller, is_named(i)));
        }
    }

    unique
}

/// The loaded users and roles that may assume `role` (allowed, conditional
/// or uncertain), unsorted and unlabelled, on the calling thread: for the
/// escalation graph, which asks it of every role and runs roles in
/// parallel itself.
pub(crate) fn loaded_assumers(
    model: &Model,
    index: &AssumeIndex,
    role: usize,
) -> Vec<(EntityRef, Arc<Decision>)> {
    let Some(r) = model.roles.get(role) else {
        return Vec::new();
    };
    let statements = StatementStates::new(index);
    let mut shared = SharedDecisions::new(&statements);
    candidates(model, index, r, false)
        .into_iter()
        .filter_map(|(caller, _)| {
            let who = match caller {
                Caller::User(u) => EntityRef::User(u),
                Caller::Role(x) => EntityRef::Role(x),
                _ => return None,
            };
            let decision = shared.decide(model, index, &caller, role, r)?;
            decision.verdict.is_possible().then_some((who, decision))
        })
        .collect()
}

/// Every principal whose verdict for `role` is allowed, conditional or
/// uncertain: loaded users and roles (and sessions the trust names), then
/// the external principals the trust policy names (accounts not loaded,
/// services, identity providers, `*`). With `include_denied`, every loaded
/// user and role and every named principal is listed, denied ones too.
/// Sorted by verdict (allowed, conditional, uncertain, denied), then kind
/// and label.
pub fn who_can_assume(
    model: &Model,
    index: &AssumeIndex,
    role: usize,
    include_denied: bool,
) -> Vec<WhoEntry> {
    let listing = if include_denied {
        Listing::Everyone
    } else {
        Listing::Possible
    };
    who_can_assume_listing(model, index, role, listing)
}

/// [`who_can_assume`], with the denied principals `listing` asks for.
pub fn who_can_assume_listing(
    model: &Model,
    index: &AssumeIndex,
    role: usize,
    listing: Listing,
) -> Vec<WhoEntry> {
    let include_denied = listing == Listing::Everyone;
    let Some(r) = model.roles.get(role) else {
        return Vec::new();
    };
    let unique = candidates(model, index, r, include_denied);
    let statements = StatementStates::new(index);
    let entries = |callers: &[(Caller, bool)]| -> Vec<WhoEntry> {
        let mut shared = SharedDecisions::new(&statements);
        let out: Vec<WhoEntry> = callers
            .iter()
            .filter_map(|(caller, named)| {
                let decision = shared.decide(model, index, caller, role, r)?;
                let listed = match listing {
                    Listing::Possible => decision.verdict.is_possible(),
                    Listing::NamedToo => *named || decision.verdict.is_possible(),
                    Listing::Everyone => true,
                };
                if !listed {
                    return None;
                }
                let label = match index.label_of(caller) {
                    Some(shared) => Arc::clone(shared),
                    None => caller.label(model).into(),
                };
                Some(WhoEntry {
                    label,
                    kind: caller.kind(),
                    caller: caller.clone(),
                    decision,
                })
            })
            .collect();
        sort_entries(index, out)
    };
    let parts = map_in_parallel(&unique, entries);
    merge_sorted(parts, |a, b| list_order(index, a, b))
}

/// Below this many callers one thread is quicker than several.
const PARALLEL_MIN: usize = 128;

/// `f` over `items`, split into one chunk per core for long lists: the
/// results per chunk, in the order of `items`.
pub(crate) fn map_in_parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<Vec<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < PARALLEL_MIN {
        return vec![f(items)];
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// One sorted list from lists each sorted by `order`.
fn merge_sorted<T>(parts: Vec<Vec<T>>, order: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    parts
        .into_iter()
        .reduce(|a, b| {
            let mut out = Vec::with_capacity(a.len() + b.len());
            let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
            while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
                let next = if order(x, y) == Ordering::Greater {
                    b.next()
                } else {
                    a.next()
                };
                out.extend(next);
            }
            out.extend(a);
            out.extend(b);
            out
        })
        .unwrap_or_default()
}

/// Sorts by `list_order`, comparing loaded users and roles by a number
/// worked out once per entry (most entries are those).
fn sort_entries(index: &AssumeIndex, entries: Vec<WhoEntry>) -> Vec<WhoEntry> {
    const OTHER: u64 = u64::MAX;
    // Verdict, then "IAM role" before "IAM user", then the ARN's rank.
    let key = |e: &WhoEntry| match (&e.caller, index.label_rank(&e.caller)) {
        (Caller::User(_) | Caller::Role(_), Some(rank)) => {
            let is_user = matches!(e.caller, Caller::User(_));
            (u64::from(e.decision.verdict.rank()) << 40)
                | (u64::from(is_user) << 32)
                | u64::from(rank)
        }
        _ => OTHER,
    };
    let mut keyed: Vec<(u64, WhoEntry)> = entries.into_iter().map(|e| (key(&e), e)).collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| {
        if *ka != OTHER && *kb != OTHER {
            ka.cmp(kb)
        } else {
            list_order(index, a, b)
        }
    });
    keyed.into_iter().map(|(_, e)| e).collect()
}

/// Verdict, kind, label; then loaded principals before the others, in the
/// index's order of ARNs, and the others by their trust-policy key. A total
/// order, so the unstable sort gives one answer.
fn list_order(index: &AssumeIndex, a: &WhoEntry, b: &WhoEntry) -> Ordering {
    let kinds = || {
        // Kinds are a few static strings: equal ones are usually the same.
        if std::ptr::eq(a.kind, b.kind) {
            Ordering::Equal
        } else {
            a.kind.cmp(b.kind)
        }
    };
    let rank = |e: &WhoEntry| e.decision.verdict.rank();
    rank(a).cmp(&rank(b)).then_with(kinds).then_with(|| {
        match (index.label_rank(&a.caller), index.label_rank(&b.caller)) {
            // The rank orders by label first, so this is the fast path of
            // the comparison below.
            (Some(x), Some(y)) => x.cmp(&y),
            (x, y) => {
                fn tail(e: &WhoEntry, rank: Option<u32>) -> (bool, Option<u32>, &str) {
                    let key = match &e.caller {
                        Caller::External { kind_key, .. } => kind_key.as_str(),
                        _ => "",
                    };
                    (rank.is_none(), rank, key)
                }
                a.label
                    .cmp(&b.label)
                    .then_with(|| tail(a, x).cmp(&tail(b, y)))
            }
        }
    })
}

/// The roles whose trust policy can name this caller (a superset).
fn candidate_roles(model: &Model, index: &AssumeIndex, caller: &Caller) -> Vec<usize> {
    let mut roles: Vec<usize> = Vec::new();
    let own = |e: EntityRef| {
        index
            .policies(e)
            .is_some_and(|p| p.has_allow || !p.unreadable.is_empty())
    };
    let by_account = |roles: &mut Vec<usize>, account: Option<&str>, has_allow: bool| {
        if let (Some(a), true) = (account, has_allow) {
            roles.extend_from_slice(index.roles_trusting_account(a));
        }
    };
    match caller {
        Caller::User(u) => {
            let Some(user) = model.users.get(*u) else {
                return roles;
            };
            roles.extend_from_slice(index.roles_trusting_arn(&user.detail.arn));
            let acct = model
                .accounts
                .get(user.account)
                .map(|a| a.account_id.as_str());
            by_account(&mut roles, acct, own(EntityRef::User(*u)));
        }
        Caller::Role(r) | Caller::Session { role: r, .. } => {
            let Some(role) = model.roles.get(*r) else {
                return roles;
            };
            let acct = model
                .accounts
                .get(role.account)
                .map(|a| a.account_id.as_str());
            roles.extend_from_slice(index.roles_trusting_arn(&role.detail.arn));
            match caller {
                Caller::Session { session_name, .. } => {
                    let arn = super::types::session_arn(model, role, session_name);
                    roles.extend_from_slice(index.roles_trusting_arn(&arn));
                }
                _ => {
                    if let Some(a) = acct {
                        roles.extend_from_slice(
                            index.roles_trusting_sessions_of(a, &role.detail.role_name),
                        );
                    }
                }
            }
            by_account(&mut roles, acct, own(EntityRef::Role(*r)));
        }
        Caller::External {
            kind_key,
            principal,
        } => match kind_key.as_str() {
            "Service" => roles.extend_from_slice(index.roles_trusting_service(principal)),
            "Federated" => roles.extend_from_slice(index.roles_trusting_provider(principal)),
            _ => {
                roles.extend_from_slice(index.roles_trusting_arn(principal));
                by_account(&mut roles, principal_account(principal), true);
            }
        },
    }
    roles.extend_from_slice(index.roles_trusting_anyone());
    roles.sort_unstable();
    roles.dedup();
    roles
}

/// The roles `caller` may assume (verdict allowed, conditional or
/// uncertain), sorted by verdict then role ARN.
pub fn can_assume_what(
    model: &Model,
    index: &AssumeIndex,
    caller: &Caller,
) -> Vec<(usize, Decision)> {
    can_assume_what_where(model, index, caller, |_| true)
}

/// [`can_assume_what`] among the roles `wanted` keeps (the others are not
/// decided at all: chains skip the roles they have reached already).
pub(crate) fn can_assume_what_where(
    model: &Model,
    index: &AssumeIndex,
    caller: &Caller,
    wanted: impl Fn(usize) -> bool,
) -> Vec<(usize, Decision)> {
    let mut roles = candidate_roles(model, index, caller);
    roles.retain(|&r| wanted(r));
    let mut out: Vec<(usize, Decision)> = with_caller(model, index, caller, |info| {
        let mut out = Vec::new();
        for r in roles {
            let Some(role) = model.roles.get(r) else {
                continue;
            };
            if let Some(s) = info.snapshot
                && !compatible(model, s, role.account)
            {
                continue;
            }
            let d = decide_info(model, index, info, r, role);
            if d.verdict.is_possible() {
                out.push((r, d));
            }
        }
        out
    })
    .unwrap_or_default();
    out.sort_by(|(a, da), (b, db)| {
        (da.verdict.rank(), &model.roles[*a].detail.arn)
            .cmp(&(db.verdict.rank(), &model.roles[*b].detail.arn))
    });
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::analysis::assume::{Verdict, can_assume};
    use crate::source::{Loaded, file::parse_gaad};

    fn account(id: &str, origin: &str, gaad: serde_json::Value) -> Loaded {
        let mut gaad = gaad;
        gaad["Rolecall"] = json!({"FormatVersion": 1, "AccountId": id, "Partition": "aws"});
        let bytes = serde_json::to_vec(&gaad).expect("serializes");
        Loaded {
            origin: origin.into(),
            snapshot: parse_gaad(&bytes, origin).expect("parses"),
        }
    }

    /// Found by the property tests (crates/testkit/tests/properties.rs):
    /// with two captures of account A and a role of account B naming A's
    /// user by ARN, who-can-assume listed the user of the first capture
    /// only, though `can_assume` answers for both (and an account grant
    /// lists both).
    #[test]
    fn a_principal_named_by_arn_is_listed_in_every_capture_of_its_account() {
        let assume = json!({"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]});
        let dave = json!({"UserDetailList": [{"UserName": "dave",
            "Arn": "arn:aws:iam::111111111111:user/dave",
            "UserPolicyList": [{"PolicyName": "assume", "PolicyDocument": assume}]}]});
        let role = json!({"RoleDetailList": [{"RoleName": "deploy", "Path": "/",
            "Arn": "arn:aws:iam::222222222222:role/deploy",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/dave"},
                 "Action": "sts:AssumeRole"}]}}]});
        let model = crate::model::build(vec![
            account("111111111111", "a.json", dave.clone()),
            account("222222222222", "b.json", role),
            account("111111111111", "a-later.json", dave),
        ]);
        let index = AssumeIndex::build(&model);
        let listed: Vec<Caller> = who_can_assume(&model, &index, 0, false)
            .into_iter()
            .map(|e| e.caller)
            .collect();
        assert_eq!(listed, [Caller::User(0), Caller::User(1)]);
        for caller in &listed {
            assert!(can_assume(&model, &index, caller, 0).verdict.is_possible());
        }
    }

    /// Found by the `account` fuzz target: a trust Allow whose NotPrincipal
    /// lists nobody (so the role has no trust row) is decided for every
    /// caller, and the list of possible callers must show them too.
    #[test]
    fn an_empty_not_principal_allow_lists_every_possible_caller() {
        let gaad = br#"{"UserDetailList": [{"UserName": "alice", "UserId": "AIDAALICE",
            "Arn": "arn:aws:iam::111111111111:user/alice", "Path": "/",
            "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement":
              {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}}]}],
          "RoleDetailList": [{"RoleName": "build", "RoleId": "AROABUILD", "Path": "/",
            "Arn": "arn:aws:iam::111111111111:role/build",
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
              "NotPrincipal": {"AWS": []}, "Action": "sts:AssumeRole"}]}}]}"#;
        let snapshot = parse_gaad(gaad, "test").expect("the GAAD parses");
        let model = crate::model::build(vec![Loaded {
            origin: "test".into(),
            snapshot,
        }]);
        assert!(model.roles[0].trust_rows.is_empty());
        let index = AssumeIndex::build(&model);
        let listed: Vec<Caller> = who_can_assume(&model, &index, 0, false)
            .into_iter()
            .map(|e| e.caller)
            .collect();
        let possible: Vec<Caller> = [Caller::User(0), Caller::Role(0)]
            .into_iter()
            .filter(|c| can_assume(&model, &index, c, 0).verdict.is_possible())
            .collect();
        assert!(!possible.is_empty());
        for caller in &possible {
            assert!(
                listed.contains(caller),
                "{caller:?} missing from {listed:?}"
            );
        }
        assert!(index.roles_trusting_anyone().contains(&0));
    }

    /// Found by the `account` fuzz target: a file listing one user ARN
    /// twice (the second with a boundary that is not loaded, so uncertain).
    /// The trust names the ARN, so both are named and both are listed.
    #[test]
    fn a_user_arn_listed_twice_names_both_users() {
        let gaad = br#"{"UserDetailList": [
            {"UserName": "alice", "UserId": "AIDA1", "Path": "/",
             "Arn": "arn:aws:iam::111111111111:user/alice"},
            {"UserName": "alice", "UserId": "AIDA2", "Path": "/",
             "Arn": "arn:aws:iam::111111111111:user/alice",
             "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
               "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/AdministratorAccess"}}],
          "RoleDetailList": [{"RoleName": "build", "RoleId": "AROABUILD", "Path": "/",
            "Arn": "arn:aws:iam::111111111111:role/build",
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"},
              "Action": "sts:AssumeRole"}]}}]}"#;
        let snapshot = parse_gaad(gaad, "test").expect("the GAAD parses");
        let model = crate::model::build(vec![Loaded {
            origin: "test".into(),
            snapshot,
        }]);
        let index = AssumeIndex::build(&model);
        let listed: Vec<(Caller, Verdict)> = who_can_assume(&model, &index, 0, false)
            .into_iter()
            .map(|e| (e.caller, e.decision.verdict))
            .collect();
        assert_eq!(
            listed,
            [
                (Caller::User(0), Verdict::Allowed),
                (Caller::User(1), Verdict::Uncertain)
            ]
        );
        assert_eq!(
            can_assume(&model, &index, &Caller::User(1), 0).verdict,
            Verdict::Uncertain
        );
    }

    /// Found by the `account` fuzz target: a trust naming one session of a
    /// role makes the role (session name unknown) a conditional caller; the
    /// list of possible callers showed the session only.
    #[test]
    fn a_named_session_lists_its_role_too() {
        let gaad = br#"{"RoleDetailList": [{"RoleName": "deploy", "RoleId": "AROADEPLOY",
            "Path": "/", "Arn": "arn:aws:iam::111111111111:role/deploy",
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
              "Principal": {"AWS": "arn:aws:sts::111111111111:assumed-role/deploy/s1"},
              "Action": "sts:AssumeRole"}]}}]}"#;
        let snapshot = parse_gaad(gaad, "test").expect("the GAAD parses");
        let model = crate::model::build(vec![Loaded {
            origin: "test".into(),
            snapshot,
        }]);
        let index = AssumeIndex::build(&model);
        let listed: Vec<(Caller, Verdict)> = who_can_assume(&model, &index, 0, false)
            .into_iter()
            .map(|e| (e.caller, e.decision.verdict))
            .collect();
        let session = Caller::Session {
            role: 0,
            session_name: "s1".into(),
        };
        assert_eq!(
            listed,
            [
                (session, Verdict::Allowed),
                (Caller::Role(0), Verdict::Conditional)
            ]
        );
    }

    /// Found by the `account` fuzz target: the same, with the role listed
    /// twice in the file; both are possible callers.
    #[test]
    fn a_named_session_lists_every_role_of_that_name() {
        let gaad = br#"{"RoleDetailList": [
          {"RoleName": "deploy", "RoleId": "AROA1", "Path": "/",
           "Arn": "arn:aws:iam::111111111111:role/deploy",
           "AssumeRolePolicyDocument": {"Statement": []}},
          {"RoleName": "deploy", "RoleId": "AROA2", "Path": "/",
           "Arn": "arn:aws:iam::111111111111:role/deploy",
           "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:sts::111111111111:assumed-role/deploy/s1"},
             "Action": "sts:AssumeRole"}]}}]}"#;
        let snapshot = parse_gaad(gaad, "test").expect("the GAAD parses");
        let model = crate::model::build(vec![Loaded {
            origin: "test".into(),
            snapshot,
        }]);
        let index = AssumeIndex::build(&model);
        let listed: Vec<Caller> = who_can_assume(&model, &index, 1, false)
            .into_iter()
            .map(|e| e.caller)
            .collect();
        assert!(listed.contains(&Caller::Role(0)), "{listed:?}");
        assert!(listed.contains(&Caller::Role(1)), "{listed:?}");
    }
}

//! Precomputed lookups so the list questions touch only relevant principals:
//! - per user and role, the identity and boundary statements that can cover
//!   `sts:AssumeRole` (the only ones the identity side ever needs);
//! - per loaded snapshot, which principals hold an Allow for sts:AssumeRole
//!   on which resource patterns (exact ARNs in a map, wildcard patterns
//!   bucketed by their literal prefix);
//! - the roles whose trust policy names an ARN, an account, a service, an
//!   identity provider, or anyone.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{EntityRef, Model};
use crate::policy::{Effect, PrincipalKind, Statement, principal_account};

use super::caller::{ASSUME_ROLE, CallerInfo, caller_info};
use super::sources::{Boundary, Unreadable, boundary_of, document, identity_docs};
use super::types::Caller;
use crate::model::DocRef;

/// One statement of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct StmtRef {
    pub doc: DocRef,
    pub statement: usize,
}

/// The assume-relevant policies of one user or role.
#[derive(Debug, Clone)]
pub(crate) struct PrincipalPolicies {
    /// Identity statements whose Action/NotAction covers sts:AssumeRole.
    pub stmts: Vec<StmtRef>,
    /// Identity policies that apply but cannot be read.
    pub unreadable: Vec<Unreadable>,
    pub boundary: Boundary,
    /// Boundary statements whose Action/NotAction covers sts:AssumeRole.
    pub boundary_stmts: Vec<StmtRef>,
    /// `label` of each of `stmts`' documents, then of `boundary_stmts`'.
    pub stmt_labels: Vec<String>,
    pub boundary_labels: Vec<String>,
    /// The boundary document's label, when it is set and loaded.
    pub boundary_label: Option<String>,
    /// Some identity statement Allows sts:AssumeRole (on some resource).
    pub has_allow: bool,
}

/// Who in one snapshot holds an Allow for sts:AssumeRole, by resource.
#[derive(Debug, Clone, Default)]
struct Grants {
    /// Literal role ARNs.
    exact: HashMap<String, Vec<EntityRef>>,
    /// Wildcard patterns by their literal prefix (text before the first
    /// `*`, `?` or `${`): (pattern, holders).
    by_prefix: HashMap<String, Vec<(String, Vec<EntityRef>)>>,
    /// The distinct prefix lengths in `by_prefix`, ascending.
    prefix_lens: Vec<usize>,
    /// Holders that must always be checked: NotResource, missing Resource,
    /// policy variables, unreadable policies.
    always: Vec<EntityRef>,
}

/// Built once per model with [`AssumeIndex::build`].
#[derive(Debug, Clone, Default)]
pub struct AssumeIndex {
    /// What rolecall knows about each user and role as a caller.
    user_infos: Vec<Option<CallerInfo>>,
    role_infos: Vec<Option<CallerInfo>>,
    users: Vec<PrincipalPolicies>,
    roles: Vec<PrincipalPolicies>,
    /// Per user and role, a number shared by the principals with the same
    /// unreadable policies and boundary (what, besides the statements that
    /// apply, makes up the identity side's answer); `None` where the ARN
    /// itself could matter.
    user_classes: Vec<Option<u32>>,
    role_classes: Vec<Option<u32>>,
    /// Each user's and role's ARN, shared by the list entries that name it.
    user_labels: Vec<Arc<str>>,
    role_labels: Vec<Arc<str>>,
    /// Each user's and role's place among all their ARNs sorted together
    /// (ties by user before role, then number), for sorting lists quickly.
    user_ranks: Vec<u32>,
    role_ranks: Vec<u32>,
    /// Every user's then every role's `stmts` and `boundary_stmts`, as
    /// numbers into `statements`, in one array, with (start, identity
    /// count, boundary count) per principal: read once per caller and role,
    /// so kept close together.
    flat_ids: Vec<u32>,
    user_id_spans: Vec<(u32, u32, u32)>,
    role_id_spans: Vec<(u32, u32, u32)>,
    /// The statements numbered in `flat_ids`.
    statements: Vec<StmtRef>,
    /// For each of `statements`, its Resource test when nothing else can
    /// decide whether it applies to a role.
    resource_tests: Vec<ResourceTest>,
    grants: Vec<Grants>,
    /// Users and roles per snapshot.
    members: Vec<Vec<EntityRef>>,
    trust_by_arn: HashMap<String, Vec<usize>>,
    /// Session ARNs in trust policies by "ACCOUNT/ROLE-NAME" of their role.
    trust_by_session_role: HashMap<String, Vec<usize>>,
    trust_by_account: HashMap<String, Vec<usize>>,
    trust_by_service: HashMap<String, Vec<usize>>,
    trust_by_federated: HashMap<String, Vec<usize>>,
    /// `*`, `{"AWS": "*"}`, NotPrincipal, or an unreadable trust policy.
    trust_anyone: Vec<usize>,
}

fn push_unique(list: &mut Vec<usize>, r: usize) {
    if list.last() != Some(&r) {
        list.push(r);
    }
}

fn literal_prefix(pattern: &str) -> &str {
    let end = pattern
        .find(['*', '?'])
        .into_iter()
        .chain(pattern.find("${"))
        .min()
        .unwrap_or(pattern.len());
    &pattern[..end]
}

/// A trust Allow with NotPrincipal names everyone it does not exclude, even
/// one that lists no principal (`"NotPrincipal": {"AWS": []}` gives no trust
/// row): who-can-assume must then consider every caller, as the decision
/// (which reads the statements, not the rows) does.
pub(crate) fn allows_by_not_principal(role: &crate::model::Role) -> bool {
    role.trust
        .as_ref()
        .and_then(|t| t.document())
        .is_some_and(|doc| {
            doc.statements.iter().any(|st| {
                st.effect == Effect::Allow && st.principal.is_none() && st.not_principal.is_some()
            })
        })
}

fn covers_assume(st: &Statement) -> bool {
    st.matches_action(ASSUME_ROLE)
}

fn principal_policies(model: &Model, owner: EntityRef) -> PrincipalPolicies {
    policies_covering(model, owner, covers_assume)
}

/// The identity and boundary statements of `owner` (a user, role or group)
/// that `covers` keeps: those whose Action/NotAction can name the action
/// asked about.
pub(crate) fn policies_covering(
    model: &Model,
    owner: EntityRef,
    covers: impl Fn(&Statement) -> bool,
) -> PrincipalPolicies {
    let (docs, mut unreadable) = identity_docs(model, owner);
    let mut stmts = Vec::new();
    let mut has_allow = false;
    for doc in docs {
        match document(model, doc) {
            Ok(d) => {
                for (i, st) in d.statements.iter().enumerate() {
                    if covers(st) {
                        has_allow |= st.effect == Effect::Allow;
                        stmts.push(StmtRef { doc, statement: i });
                    }
                }
            }
            Err(why) => unreadable.push(Unreadable {
                policy: super::sources::label(model, doc),
                why,
            }),
        }
    }
    let boundary = boundary_of(model, owner);
    let boundary_stmts = match &boundary {
        Boundary::Doc(doc) => match document(model, *doc) {
            Ok(d) => d
                .statements
                .iter()
                .enumerate()
                .filter(|(_, st)| covers(st))
                .map(|(i, _)| StmtRef {
                    doc: *doc,
                    statement: i,
                })
                .collect(),
            Err(_) => Vec::new(),
        },
        _ => Vec::new(),
    };
    let labels = |refs: &[StmtRef]| -> Vec<String> {
        refs.iter()
            .map(|r| super::sources::label(model, r.doc))
            .collect()
    };
    let stmt_labels = labels(&stmts);
    let boundary_labels = labels(&boundary_stmts);
    let boundary_label = match &boundary {
        Boundary::Doc(doc) => Some(super::sources::label(model, *doc)),
        _ => None,
    };
    PrincipalPolicies {
        stmts,
        unreadable,
        boundary,
        boundary_stmts,
        stmt_labels,
        boundary_labels,
        boundary_label,
        has_allow,
    }
}

impl Grants {
    fn add(&mut self, model: &Model, owner: EntityRef, policies: &PrincipalPolicies) {
        let mut always = !policies.unreadable.is_empty();
        for r in &policies.stmts {
            let Ok(doc) = document(model, r.doc) else {
                continue;
            };
            let Some(st) = doc.statements.get(r.statement) else {
                continue;
            };
            if st.effect != Effect::Allow {
                continue;
            }
            let Some(resources) = &st.resource else {
                always = true;
                continue;
            };
            for pattern in resources.iter() {
                let prefix = literal_prefix(pattern);
                if prefix.len() == pattern.len() {
                    let list = self.exact.entry(pattern.clone()).or_default();
                    if list.last() != Some(&owner) {
                        list.push(owner);
                    }
                } else {
                    let bucket = self.by_prefix.entry(prefix.to_string()).or_default();
                    match bucket.iter_mut().find(|(p, _)| p == pattern) {
                        Some((_, holders)) if holders.last() == Some(&owner) => {}
                        Some((_, holders)) => holders.push(owner),
                        None => bucket.push((pattern.clone(), vec![owner])),
                    }
                }
            }
        }
        if always {
            self.always.push(owner);
        }
    }

    fn finish(&mut self) {
        let mut lens: Vec<usize> = self.by_prefix.keys().map(String::len).collect();
        lens.sort_unstable();
        lens.dedup();
        self.prefix_lens = lens;
    }

    /// Everyone whose Allow may cover `arn` (a superset; the caller checks).
    fn holders(&self, arn: &str, out: &mut Vec<EntityRef>) {
        out.extend(self.always.iter().copied());
        if let Some(list) = self.exact.get(arn) {
            out.extend(list.iter().copied());
        }
        for &len in &self.prefix_lens {
            let Some(prefix) = arn.get(..len) else {
                break;
            };
            let Some(bucket) = self.by_prefix.get(prefix) else {
                continue;
            };
            for (pattern, holders) in bucket {
                if pattern.contains("${") || super::statements::fast_arn_match(pattern, arn) {
                    out.extend(holders.iter().copied());
                }
            }
        }
    }
}

impl AssumeIndex {
    /// Indexes every user, role and trust policy of the model.
    pub fn build(model: &Model) -> AssumeIndex {
        let mut index = AssumeIndex {
            grants: vec![Grants::default(); model.accounts.len()],
            members: vec![Vec::new(); model.accounts.len()],
            ..AssumeIndex::default()
        };
        // Exact sizes: on a big account, doubling vectors leave much unused.
        let (users, roles) = (model.users.len(), model.roles.len());
        index.user_id_spans.reserve_exact(users);
        index.user_classes.reserve_exact(users);
        index.users.reserve_exact(users);
        index.user_infos.reserve_exact(users);
        index.role_id_spans.reserve_exact(roles);
        index.role_classes.reserve_exact(roles);
        index.roles.reserve_exact(roles);
        index.role_infos.reserve_exact(roles);
        let mut classes = IdentityClasses::default();
        let mut numbers: HashMap<StmtRef, u32> = HashMap::new();
        for (u, user) in model.users.iter().enumerate() {
            let owner = EntityRef::User(u);
            let p = principal_policies(model, owner);
            let span = index.number_statements(model, &p, &mut numbers);
            index.user_id_spans.push(span);
            index.user_classes.push(classes.of(&p, &user.detail.arn));
            if let Some(g) = index.grants.get_mut(user.account) {
                g.add(model, owner, &p);
            }
            if let Some(m) = index.members.get_mut(user.account) {
                m.push(owner);
            }
            index.users.push(p);
            index.user_infos.push(caller_info(model, &Caller::User(u)));
        }
        for (r, role) in model.roles.iter().enumerate() {
            let owner = EntityRef::Role(r);
            let p = principal_policies(model, owner);
            let span = index.number_statements(model, &p, &mut numbers);
            index.role_id_spans.push(span);
            index.role_classes.push(classes.of(&p, &role.detail.arn));
            if let Some(g) = index.grants.get_mut(role.account) {
                g.add(model, owner, &p);
            }
            if let Some(m) = index.members.get_mut(role.account) {
                m.push(owner);
            }
            index.roles.push(p);
            index.role_infos.push(caller_info(model, &Caller::Role(r)));
            index.add_trust(model, r);
        }
        for g in &mut index.grants {
            g.finish();
        }
        index.rank_labels(model);
        index
    }

    /// The numbers of a loaded user's or role's identity statements and of
    /// its boundary statements (see `statements`).
    pub(crate) fn statement_ids(&self, caller: &Caller) -> Option<(&[u32], &[u32])> {
        let &(start, identity, boundary) = match caller {
            Caller::User(u) => self.user_id_spans.get(*u)?,
            Caller::Role(r) => self.role_id_spans.get(*r)?,
            _ => return None,
        };
        let (start, identity, boundary) = (start as usize, identity as usize, boundary as usize);
        let ids = self.flat_ids.get(start..start + identity + boundary)?;
        Some(ids.split_at(identity))
    }

    fn rank_labels(&mut self, model: &Model) {
        self.user_labels = model
            .users
            .iter()
            .map(|u| u.detail.arn.as_str().into())
            .collect();
        self.role_labels = model
            .roles
            .iter()
            .map(|r| r.detail.arn.as_str().into())
            .collect();
        let mut all: Vec<(&str, bool, usize)> = model
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.detail.arn.as_str(), false, i))
            .chain(
                model
                    .roles
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.detail.arn.as_str(), true, i)),
            )
            .collect();
        all.sort_unstable();
        self.user_ranks = vec![0; model.users.len()];
        self.role_ranks = vec![0; model.roles.len()];
        for (rank, (_, is_role, i)) in all.into_iter().enumerate() {
            let slot = if is_role {
                &mut self.role_ranks[i]
            } else {
                &mut self.user_ranks[i]
            };
            *slot = rank as u32;
        }
    }

    /// The shared ARN of a loaded user or role.
    pub(crate) fn label_of(&self, caller: &Caller) -> Option<&Arc<str>> {
        match caller {
            Caller::User(u) => self.user_labels.get(*u),
            Caller::Role(r) => self.role_labels.get(*r),
            _ => None,
        }
    }

    /// A loaded user's or role's place in the order of ARNs.
    pub(crate) fn label_rank(&self, caller: &Caller) -> Option<u32> {
        match caller {
            Caller::User(u) => self.user_ranks.get(*u).copied(),
            Caller::Role(r) => self.role_ranks.get(*r).copied(),
            _ => None,
        }
    }

    fn add_trust(&mut self, model: &Model, r: usize) {
        let Some(role) = model.roles.get(r) else {
            return;
        };
        if role.trust.as_ref().and_then(|t| t.document()).is_none() {
            push_unique(&mut self.trust_anyone, r);
            return;
        }
        if allows_by_not_principal(role) {
            push_unique(&mut self.trust_anyone, r);
        }
        for row in &role.trust_rows {
            if row.effect != Effect::Allow {
                continue;
            }
            if row.negated || row.kind_key == "*" || row.principal == "*" {
                push_unique(&mut self.trust_anyone, r);
                continue;
            }
            let value = row.principal.as_str();
            let list = match (row.kind_key.as_str(), row.kind) {
                ("Service", _) => self
                    .trust_by_service
                    .entry(value.to_ascii_lowercase())
                    .or_default(),
                ("Federated", _) => self.trust_by_federated.entry(value.into()).or_default(),
                ("AWS", PrincipalKind::Account) => match principal_account(value) {
                    Some(acct) => self.trust_by_account.entry(acct.into()).or_default(),
                    None => continue,
                },
                ("AWS", PrincipalKind::AssumedRoleSession) => {
                    if let Some(key) = session_role_key(value) {
                        push_unique(self.trust_by_session_role.entry(key).or_default(), r);
                    }
                    self.trust_by_arn.entry(value.into()).or_default()
                }
                _ => self.trust_by_arn.entry(value.into()).or_default(),
            };
            push_unique(list, r);
        }
    }

    /// The precomputed caller facts of a loaded user or role.
    pub(crate) fn cached_info(&self, caller: &Caller) -> Option<&CallerInfo> {
        match caller {
            Caller::User(u) => self.user_infos.get(*u)?.as_ref(),
            Caller::Role(r) => self.role_infos.get(*r)?.as_ref(),
            _ => None,
        }
    }

    /// Numbers each statement of `p` (the same statement, say of a managed
    /// policy, gets the same number wherever it is attached) and appends
    /// the numbers to `flat_ids`: identity ones, then boundary ones. Returns
    /// their span (start, identity count, boundary count).
    fn number_statements(
        &mut self,
        model: &Model,
        p: &PrincipalPolicies,
        numbers: &mut HashMap<StmtRef, u32>,
    ) -> (u32, u32, u32) {
        let start = self.flat_ids.len() as u32;
        for r in p.stmts.iter().chain(&p.boundary_stmts) {
            let id = *numbers.entry(*r).or_insert_with(|| {
                self.statements.push(*r);
                self.resource_tests.push(ResourceTest::of(model, *r));
                (self.statements.len() - 1) as u32
            });
            self.flat_ids.push(id);
        }
        (start, p.stmts.len() as u32, p.boundary_stmts.len() as u32)
    }

    /// Every statement some user or role has that covers sts:AssumeRole.
    pub(crate) fn statements(&self) -> &[StmtRef] {
        &self.statements
    }

    /// The Resource test of statement `id` (see `statements`).
    pub(crate) fn resource_test(&self, id: u32) -> Option<&ResourceTest> {
        self.resource_tests.get(id as usize)
    }

    /// The identity class of a loaded user or role (see `user_classes`).
    pub(crate) fn identity_class(&self, caller: &Caller) -> Option<u32> {
        match caller {
            Caller::User(u) => *self.user_classes.get(*u)?,
            Caller::Role(r) => *self.role_classes.get(*r)?,
            _ => None,
        }
    }

    pub(crate) fn policies(&self, owner: EntityRef) -> Option<&PrincipalPolicies> {
        match owner {
            EntityRef::User(u) => self.users.get(u),
            EntityRef::Role(r) => self.roles.get(r),
            _ => None,
        }
    }

    /// Principals of `snapshot` whose Allow may cover `role_arn`.
    pub(crate) fn grant_holders(&self, snapshot: usize, role_arn: &str, out: &mut Vec<EntityRef>) {
        if let Some(g) = self.grants.get(snapshot) {
            g.holders(role_arn, out);
        }
    }

    /// Every user and role of one snapshot.
    pub(crate) fn members(&self, snapshot: usize) -> &[EntityRef] {
        self.members.get(snapshot).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn roles_trusting_arn(&self, arn: &str) -> &[usize] {
        self.trust_by_arn.get(arn).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn roles_trusting_sessions_of(&self, account: &str, role_name: &str) -> &[usize] {
        self.trust_by_session_role
            .get(&format!("{account}/{role_name}"))
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn roles_trusting_account(&self, account: &str) -> &[usize] {
        self.trust_by_account
            .get(account)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn roles_trusting_service(&self, service: &str) -> &[usize] {
        self.trust_by_service
            .get(&service.to_ascii_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn roles_trusting_provider(&self, provider: &str) -> &[usize] {
        self.trust_by_federated
            .get(provider)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn roles_trusting_anyone(&self) -> &[usize] {
        &self.trust_anyone
    }
}

/// Whether an identity statement that covers sts:AssumeRole applies to a
/// role, for the statements whose Resource alone decides that: no Condition
/// and no policy variable. `Evaluate` sends the rest through the full rules.
#[derive(Debug, Clone)]
pub(crate) enum ResourceTest {
    /// No Resource or NotResource: applies to every role.
    Always,
    /// Applies when one pattern matches (`Resource`), or when none does
    /// (`NotResource`: `negated`).
    Patterns {
        patterns: Vec<String>,
        negated: bool,
    },
    Evaluate,
}

impl ResourceTest {
    fn of(model: &Model, r: StmtRef) -> ResourceTest {
        let Some(st) = document(model, r.doc)
            .ok()
            .and_then(|d| d.statements.get(r.statement))
        else {
            return ResourceTest::Evaluate;
        };
        let (list, negated) = match (&st.resource, &st.not_resource) {
            (Some(list), _) => (list, false),
            (None, Some(list)) => (list, true),
            (None, None) if st.condition.is_empty() => return ResourceTest::Always,
            (None, None) => return ResourceTest::Evaluate,
        };
        if !st.condition.is_empty() || list.iter().any(|p| p.contains("${")) {
            return ResourceTest::Evaluate;
        }
        ResourceTest::Patterns {
            patterns: list.iter().cloned().collect(),
            negated,
        }
    }

    /// `Some(applies)` when the test decides for this role ARN.
    pub(crate) fn decide(&self, role_arn: &str) -> Option<bool> {
        match self {
            ResourceTest::Always => Some(true),
            ResourceTest::Patterns { patterns, negated } => {
                let hit = patterns
                    .iter()
                    .any(|p| super::statements::fast_arn_match(p, role_arn));
                Some(hit != *negated)
            }
            ResourceTest::Evaluate => None,
        }
    }
}

/// Numbers the distinct identity sides while the index is built.
#[derive(Default)]
struct IdentityClasses {
    seen: HashMap<(Vec<Unreadable>, Boundary), u32>,
}

impl IdentityClasses {
    fn of(&mut self, p: &PrincipalPolicies, arn: &str) -> Option<u32> {
        // An ARN the trust rules single out (a partial wildcard, an id-like
        // value) gets decisions of its own.
        if super::trust::dead_principal("AWS", arn).is_some() {
            return None;
        }
        let key = (p.unreadable.clone(), p.boundary.clone());
        let next = self.seen.len() as u32;
        Some(*self.seen.entry(key).or_insert(next))
    }
}

/// `arn:P:sts::ACCT:assumed-role/ROLE/SESSION` → "ACCT/ROLE".
fn session_role_key(arn: &str) -> Option<String> {
    let mut parts = arn.splitn(6, ':');
    let account = parts.nth(4)?;
    let resource = parts.next()?;
    let role = resource.strip_prefix("assumed-role/")?.split('/').next()?;
    Some(format!("{account}/{role}"))
}

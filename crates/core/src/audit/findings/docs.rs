//! The permission documents of a role, reduced once to the facts the
//! permission checks need. Managed policies are shared by many roles, so
//! their facts are computed once per policy and cached.

use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::correctness::CatFacts;
use super::escalation::{WATCHED, bit};
use super::exposure::{GrantedCache, Wording};
use crate::model::{Doc, EntityRef, InlineDoc, Model, PolicyLink};
use crate::policy::{ConditionClause, Effect, PolicyDocument, Statement, action_matches};

/// What the checks need from one statement.
#[derive(Debug, Clone)]
pub(crate) struct StmtFacts {
    pub index: usize,
    pub sid: Option<String>,
    pub allow: bool,
    /// Allow `*` on `*`.
    pub full_admin: bool,
    /// Allow iam:PassRole on every role of the account.
    pub pass_role_any: bool,
    /// The NotAction list of an Allow.
    pub not_action: Option<Vec<String>>,
    /// The NotResource list of an Allow.
    pub not_resource: Option<Vec<String>>,
    /// Unsafe `ForAllValues:` clauses of an Allow.
    pub for_all_values: Vec<ConditionClause>,
    /// Watched actions (see `escalation::WATCHED`) this Allow grants.
    pub mask: u64,
    pub has_condition: bool,
    /// The statement reaches every resource: `"Resource": "*"`, no
    /// Resource at all, or (an Allow's) NotResource.
    pub any_resource: bool,
    /// `Resource` or `NotResource` as written, for explanations.
    pub resources: String,
}

/// What the checks need from one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocFacts {
    pub statements: Vec<StmtFacts>,
    /// Watched actions some Allow grants (any resource, any condition).
    pub allow_mask: u64,
    /// Watched actions an unconditional Deny on every resource removes.
    pub deny_mask: u64,
    /// Resource patterns of the Allow statements covering sts:AssumeRole
    /// (`*` for NotResource or no Resource): where this document may let
    /// its holder assume roles.
    pub assume: Vec<String>,
}

impl DocFacts {
    pub fn of(doc: &PolicyDocument, account: &str, partition: &str) -> DocFacts {
        let probes = [
            format!("arn:{partition}:iam::{account}:role/rolecall-probe"),
            format!("arn:{partition}:iam::{account}:role/aws-service-role/probe/rolecall-probe"),
        ];
        let mut facts = DocFacts::default();
        for (index, st) in doc.statements.iter().enumerate() {
            let mut mask = 0u64;
            for (i, action) in WATCHED.iter().enumerate() {
                if covers(st, action) {
                    mask |= bit(i);
                }
            }
            let allow = st.effect == Effect::Allow;
            if allow && covers(st, "sts:AssumeRole") {
                match &st.resource {
                    Some(list) => facts.assume.extend(list.iter().cloned()),
                    None => facts.assume.push("*".into()),
                }
            }
            if allow {
                facts.allow_mask |= mask;
            } else if st.condition.is_empty() && covers_everything(st) {
                facts.deny_mask |= mask;
            }
            let pass_role_any =
                allow && mask & bit(0) != 0 && probes.iter().all(|p| st.matches_resource(p));
            facts.statements.push(StmtFacts {
                index,
                sid: st.sid.clone(),
                allow,
                full_admin: allow && is_full_admin(st),
                pass_role_any,
                not_action: st
                    .not_action
                    .as_ref()
                    .filter(|_| allow)
                    .map(|l| l.as_slice().to_vec()),
                not_resource: st
                    .not_resource
                    .as_ref()
                    .filter(|_| allow)
                    .map(|l| l.as_slice().to_vec()),
                for_all_values: super::cond::for_all_values_keys(st)
                    .into_iter()
                    .cloned()
                    .collect(),
                mask: if allow { mask } else { 0 },
                has_condition: !st.condition.is_empty(),
                any_resource: covers_everything(st) || (allow && st.not_resource.is_some()),
                resources: resources_text(st),
            });
        }
        facts
    }
}

/// `Statement::matches_action` without allocating for the common shapes:
/// exact names compare case-insensitively, `*` matches all, `svc:Prefix*`
/// compares the prefix; anything else uses the general wildcard match.
fn covers(st: &Statement, action: &str) -> bool {
    let one = |pattern: &str| -> bool {
        if pattern == "*" {
            return true;
        }
        match pattern.find(['*', '?']) {
            None => pattern.eq_ignore_ascii_case(action),
            Some(i) if i + 1 == pattern.len() => action
                .get(..i)
                .is_some_and(|head| head.eq_ignore_ascii_case(&pattern[..i])),
            Some(_) => action_matches(pattern, action),
        }
    };
    match (&st.action, &st.not_action) {
        (Some(list), _) => list.iter().any(|p| one(p)),
        (None, Some(list)) => !list.iter().any(|p| one(p)),
        (None, None) => false,
    }
}

fn covers_everything(st: &Statement) -> bool {
    match (&st.resource, &st.not_resource) {
        (Some(list), _) => list.iter().any(|r| r == "*"),
        (None, Some(_)) => false,
        (None, None) => true,
    }
}

fn is_full_admin(st: &Statement) -> bool {
    let any_action = st
        .action
        .as_ref()
        .is_some_and(|l| l.iter().any(|a| a == "*" || a == "*:*"));
    let any_resource = st
        .resource
        .as_ref()
        .is_some_and(|l| l.iter().any(|r| r == "*"));
    any_action && any_resource
}

fn resources_text(st: &Statement) -> String {
    match (&st.resource, &st.not_resource) {
        (Some(l), _) => format!("Resource {}", l.as_slice().join(", ")),
        (None, Some(l)) => format!("NotResource {}", l.as_slice().join(", ")),
        (None, None) => "no Resource".into(),
    }
}

/// One permission document of a principal (or an unattached policy).
#[derive(Clone)]
pub(crate) struct RoleDoc {
    /// The managed policy ARN or `inline NAME` (the finding's location).
    pub policy: Rc<str>,
    /// `ARN (default version v4)` or `inline policy NAME`, for explanations.
    pub shown: Rc<str>,
    pub facts: Rc<DocFacts>,
    /// What the action catalogue says about the document's statements.
    pub cat: Rc<CatFacts>,
    /// The managed policy (its index in the model); `None` for an inline
    /// policy, whose correctness is reported on its principal (a managed
    /// policy's on the policy, once).
    pub managed: Option<usize>,
}

/// Facts of documents, computed once per managed policy (its default
/// version) and once per distinct inline document, and the catalogue's
/// reading of each distinct Action / NotAction list.
pub struct FactsCache {
    managed: Vec<Option<Option<Rc<DocFacts>>>>,
    managed_cat: Vec<Option<Option<Rc<CatFacts>>>>,
    /// Managed policies as documents of a subject, shared by every holder.
    managed_docs: Vec<Option<Option<RoleDoc>>>,
    /// Inline documents by (address of the shared `Doc`, account): the
    /// model shares identical documents, and outlives this cache (the
    /// `Auditor` borrows it), so an address names one document.
    inline: FxHashMap<(usize, usize), (Rc<DocFacts>, Rc<CatFacts>)>,
    pub(crate) granted: GrantedCache,
    pub(crate) wording: Wording,
}

impl FactsCache {
    pub fn new(model: &Model) -> FactsCache {
        FactsCache {
            managed: vec![None; model.policies.len()],
            managed_cat: vec![None; model.policies.len()],
            managed_docs: vec![None; model.policies.len()],
            inline: FxHashMap::default(),
            granted: GrantedCache::default(),
            wording: Wording::default(),
        }
    }

    /// The default version's facts; `None` when the snapshot lacks the
    /// version or it does not parse.
    pub(crate) fn managed(&mut self, model: &Model, policy: usize) -> Option<Rc<DocFacts>> {
        let slot = self.managed.get_mut(policy)?;
        if let Some(known) = slot {
            return known.clone();
        }
        let p = model.policies.get(policy)?;
        let (account, partition) = model.accounts.get(p.account).map_or(("", "aws"), |a| {
            (a.account_id.as_str(), a.partition.as_str())
        });
        let facts = p
            .default_version()
            .and_then(|v| v.doc.document())
            .map(|d| Rc::new(DocFacts::of(d, account, partition)));
        *slot = Some(facts.clone());
        facts
    }

    /// The catalogue facts of the default version; correctness issues only
    /// for customer managed policies (AWS keeps its own policies).
    fn managed_cat(&mut self, model: &Model, policy: usize) -> Option<Rc<CatFacts>> {
        if let Some(known) = self.managed_cat.get(policy)?.as_ref() {
            return known.clone();
        }
        let p = model.policies.get(policy)?;
        let facts = p
            .default_version()
            .and_then(|v| v.doc.document())
            .map(|d| Rc::new(CatFacts::of(d, !p.is_aws_managed(), &mut self.granted)));
        if let Some(slot) = self.managed_cat.get_mut(policy) {
            *slot = Some(facts.clone());
        }
        facts
    }

    fn inline(
        &mut self,
        model: &Model,
        account: usize,
        doc: &Arc<Doc>,
    ) -> Option<(Rc<DocFacts>, Rc<CatFacts>)> {
        let key = (Arc::as_ptr(doc) as usize, account);
        if let Some((f, c)) = self.inline.get(&key) {
            return Some((Rc::clone(f), Rc::clone(c)));
        }
        let parsed = doc.document()?;
        let (account_id, partition) = model.accounts.get(account).map_or(("", "aws"), |a| {
            (a.account_id.as_str(), a.partition.as_str())
        });
        let facts = Rc::new(DocFacts::of(parsed, account_id, partition));
        let cat = Rc::new(CatFacts::of(parsed, true, &mut self.granted));
        self.inline
            .insert(key, (Rc::clone(&facts), Rc::clone(&cat)));
        Some((facts, cat))
    }
}

/// A permissions boundary: its ARN and, when the snapshot holds a parsable
/// default version, its facts.
pub(crate) type Boundary = (String, Option<(Rc<DocFacts>, Rc<CatFacts>)>);

/// What the permission checks of one subject read.
pub(crate) struct PrincipalDocs {
    /// Its own documents (inline, then attached): findings are reported on them.
    pub own: Vec<RoleDoc>,
    /// A user's groups' documents: their Deny statements remove actions
    /// and their iam:PassRole counts; their Allows are reported on the group.
    pub inherited: Vec<RoleDoc>,
    pub boundary: Option<Boundary>,
}

impl PrincipalDocs {
    /// Own and inherited documents.
    pub fn all(&self) -> impl Iterator<Item = &RoleDoc> {
        self.own.iter().chain(&self.inherited)
    }
}

/// The default version of managed policy `policy` as a document of a subject.
pub(crate) fn managed_doc(model: &Model, policy: usize, cache: &mut FactsCache) -> Option<RoleDoc> {
    if let Some(known) = cache.managed_docs.get(policy)?.as_ref() {
        return known.clone();
    }
    let doc = new_managed_doc(model, policy, cache);
    if let Some(slot) = cache.managed_docs.get_mut(policy) {
        *slot = Some(doc.clone());
    }
    doc
}

fn new_managed_doc(model: &Model, policy: usize, cache: &mut FactsCache) -> Option<RoleDoc> {
    let p = model.policies.get(policy)?;
    let facts = cache.managed(model, policy)?;
    let cat = cache.managed_cat(model, policy)?;
    let version = p.default_version().map_or("", |v| v.version_id.as_str());
    Some(RoleDoc {
        policy: p.arn.as_str().into(),
        shown: format!("{} (default version {version})", p.arn).into(),
        facts,
        cat,
        managed: Some(policy),
    })
}

fn docs_of(
    model: &Model,
    account: usize,
    inline: &[InlineDoc],
    attached: &[PolicyLink],
    cache: &mut FactsCache,
    out: &mut Vec<RoleDoc>,
) {
    for doc in inline {
        if let Some((facts, cat)) = cache.inline(model, account, &doc.doc) {
            out.push(RoleDoc {
                policy: format!("inline {}", doc.name).into(),
                shown: format!("inline policy {}", doc.name).into(),
                facts,
                cat,
                managed: None,
            });
        }
    }
    for link in attached {
        // The link resolved by ARN, so the policy's ARN is the one the entity names.
        if let Some(doc) = link.policy.and_then(|p| managed_doc(model, p, cache)) {
            out.push(doc);
        }
    }
}

fn boundary_of(
    model: &Model,
    link: Option<&PolicyLink>,
    cache: &mut FactsCache,
) -> Option<Boundary> {
    let link = link?;
    let facts = link.policy.and_then(|p| {
        let facts = cache.managed(model, p)?;
        let cat = cache.managed_cat(model, p)?;
        Some((facts, cat))
    });
    Some((link.arn.clone(), facts))
}

/// The documents of a role, user or group (a policy entity has none).
pub(crate) fn principal_docs(
    model: &Model,
    entity: EntityRef,
    cache: &mut FactsCache,
) -> PrincipalDocs {
    let mut docs = PrincipalDocs {
        own: Vec::new(),
        inherited: Vec::new(),
        boundary: None,
    };
    match entity {
        EntityRef::Role(r) => {
            if let Some(role) = model.roles.get(r) {
                docs_of(
                    model,
                    role.account,
                    &role.inline,
                    &role.attached,
                    cache,
                    &mut docs.own,
                );
                docs.boundary = boundary_of(model, role.boundary.as_ref(), cache);
            }
        }
        EntityRef::User(u) => {
            if let Some(user) = model.users.get(u) {
                docs_of(
                    model,
                    user.account,
                    &user.inline,
                    &user.attached,
                    cache,
                    &mut docs.own,
                );
                for g in &user.groups {
                    if let Some(group) = model.groups.get(*g) {
                        docs_of(
                            model,
                            group.account,
                            &group.inline,
                            &group.attached,
                            cache,
                            &mut docs.inherited,
                        );
                    }
                }
                docs.boundary = boundary_of(model, user.boundary.as_ref(), cache);
            }
        }
        EntityRef::Group(g) => {
            if let Some(group) = model.groups.get(g) {
                docs_of(
                    model,
                    group.account,
                    &group.inline,
                    &group.attached,
                    cache,
                    &mut docs.own,
                );
            }
        }
        EntityRef::Policy(_) => {}
    }
    docs
}

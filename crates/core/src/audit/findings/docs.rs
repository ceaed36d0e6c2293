//! The permission documents of a role, reduced once to the facts the
//! permission checks need. Managed policies are shared by many roles, so
//! their facts are computed once per policy and cached.

use std::rc::Rc;

use super::escalation::{WATCHED, bit};
use crate::model::Model;
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

/// One permission document of a role.
pub(crate) struct RoleDoc {
    /// The managed policy ARN or `inline NAME` (the finding's location).
    pub policy: String,
    /// `ARN (default version v4)` or `inline policy NAME`, for explanations.
    pub shown: String,
    pub facts: Rc<DocFacts>,
}

/// Facts of managed policies' default versions, computed on first use.
pub struct FactsCache {
    managed: Vec<Option<Option<Rc<DocFacts>>>>,
}

impl FactsCache {
    pub fn new(model: &Model) -> FactsCache {
        FactsCache {
            managed: vec![None; model.policies.len()],
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
}

/// The role's inline policies, then its attached managed policies.
pub(crate) fn role_docs(ctx: &super::RoleCtx<'_>, cache: &mut FactsCache) -> Vec<RoleDoc> {
    let mut docs = Vec::new();
    for inline in &ctx.role.inline {
        if let Some(doc) = inline.doc.document() {
            docs.push(RoleDoc {
                policy: format!("inline {}", inline.name),
                shown: format!("inline policy {}", inline.name),
                facts: Rc::new(DocFacts::of(doc, ctx.account_id, ctx.partition)),
            });
        }
    }
    for link in &ctx.role.attached {
        let Some(p) = link.policy else { continue };
        let Some(facts) = cache.managed(ctx.model, p) else {
            continue;
        };
        let version = ctx.model.policies[p]
            .default_version()
            .map_or("", |v| v.version_id.as_str());
        docs.push(RoleDoc {
            policy: link.arn.clone(),
            shown: format!("{} (default version {version})", link.arn),
            facts,
        });
    }
    docs
}

/// A permissions boundary: its ARN and, when the snapshot holds a parsable
/// default version, its facts.
pub(crate) type Boundary = (String, Option<Rc<DocFacts>>);

/// The role's permissions boundary.
pub(crate) fn boundary(ctx: &super::RoleCtx<'_>, cache: &mut FactsCache) -> Option<Boundary> {
    let link = ctx.role.boundary.as_ref()?;
    let facts = link.policy.and_then(|p| cache.managed(ctx.model, p));
    Some((link.arn.clone(), facts))
}

//! One evaluator for every IAM action (ANY-ACTION.md §A): a [`Request`]
//! (principal, action, resource, the context keys the user knows) in, a
//! [`Decision`] out.
//!
//! - `sts:AssumeRole*` on a loaded role: the role's trust policy is in the
//!   snapshot, so both sides are evaluated by the assume-role rules
//!   (`analysis::assume`, IAM-SEMANTICS §1–§5), which share this module's
//!   statement, identity and boundary code;
//! - every other request: the identity side (the principal's policies, a
//!   user's groups', the permissions boundary, explicit Denies anywhere),
//!   then what the snapshot cannot show, the resource's own policy (A.8):
//!   IAM has none; for other services it is "not known", and the verdict
//!   says what it would have to do.
//!
//! The verdict is allowed, denied, uncertain, or conditional: allowed if
//! one of `alternatives` holds (each an AND of conditions), and unless one
//! of `unless` holds (a Deny whose conditions rolecall cannot decide).

mod compose;
mod org;
mod resource;

use crate::model::{EntityRef, Model};
use crate::policy::RequestContext;

use super::assume::caller::{ASSUME_ROLE, CallerInfo, WITH_SAML, WITH_WEB_IDENTITY, caller_info};
use super::assume::{AssumeIndex, Caller, Decision};

pub use resource::ResourcePolicy;

/// One request to evaluate.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub principal: Caller,
    /// `service:Action` as AWS spells it (case-insensitive).
    pub action: &'a str,
    /// The resource ARN, or `*`.
    pub resource: &'a str,
    /// Context keys the user knows (`--context aws:SourceIp=10.0.0.1`);
    /// they override what rolecall derives from the snapshot.
    pub context: &'a RequestContext,
}

/// The assume action a spelling names, as the assume engine spells it.
fn assume_action(action: &str) -> Option<&'static str> {
    [ASSUME_ROLE, WITH_SAML, WITH_WEB_IDENTITY]
        .into_iter()
        .find(|a| a.eq_ignore_ascii_case(action))
}

/// The loaded role with this ARN, preferring the principal's snapshot.
fn loaded_role(model: &Model, arn: &str, prefer: Option<usize>) -> Option<usize> {
    match model.resolve(arn, prefer.unwrap_or(0))? {
        EntityRef::Role(r) if model.roles.get(r).is_some_and(|x| x.detail.arn == arn) => Some(r),
        _ => None,
    }
}

/// The caller's facts with the user's context keys laid over them.
fn caller_with_context(model: &Model, req: &Request<'_>) -> Option<CallerInfo> {
    let mut info = caller_info(model, &req.principal)?;
    info.ctx.overlay(req.context);
    Some(info)
}

/// Evaluates one request. Never panics on any data.
pub fn evaluate(model: &Model, index: &AssumeIndex, req: &Request<'_>) -> Decision {
    let Some(mut info) = caller_with_context(model, req) else {
        return Decision::denied(req.action, "the principal is not in the loaded data");
    };
    if let Some(assume) = assume_action(req.action)
        && let Some(role) = loaded_role(model, req.resource, info.snapshot)
        && let Some(r) = model.roles.get(role)
    {
        info.action = assume;
        let mut d = super::assume::decide::decide_info(model, index, &info, role, r);
        d.resource_policy = ResourcePolicy::TrustPolicy;
        return d;
    }
    if info.identity.is_none() {
        let mut d = Decision::new(crate::analysis::assume::Verdict::Uncertain, req.action);
        d.reasons.push(format!(
            "{} is not in the loaded data, so its policies are not known",
            req.principal.label(model)
        ));
        return d;
    }
    compose::identity_request(model, &info, req, &|st| st.matches_action(req.action), None)
}

/// One action and resource asked for many principals (`who-can`): which
/// statements name the action is remembered across them (most share
/// managed and group policies), and a principal none of whose identity
/// statements allows the action is denied without a full evaluation.
pub struct Batch<'a> {
    model: &'a Model,
    index: &'a AssumeIndex,
    action: &'a str,
    resource: &'a str,
    context: &'a RequestContext,
    /// Statement (by address: the model is not changed while a batch
    /// lives) → whether it names the action.
    covers: std::cell::RefCell<rustc_hash::FxHashMap<usize, bool>>,
    /// The organization's statements naming the action, per account.
    org_rules: super::org_gate::RuleCache<'a>,
}

impl<'a> Batch<'a> {
    pub fn new(
        model: &'a Model,
        index: &'a AssumeIndex,
        action: &'a str,
        resource: &'a str,
        context: &'a RequestContext,
    ) -> Batch<'a> {
        Batch {
            model,
            index,
            action,
            resource,
            context,
            covers: Default::default(),
            org_rules: Default::default(),
        }
    }

    fn covers(&self, st: &crate::policy::Statement) -> bool {
        let key = st as *const crate::policy::Statement as usize;
        if let Some(known) = self.covers.borrow().get(&key) {
            return *known;
        }
        let answer = st.matches_action(self.action);
        self.covers.borrow_mut().insert(key, answer);
        answer
    }

    /// Certainly denied: every identity policy is readable and none has an
    /// Allow statement naming the action (no resource policy in a
    /// snapshot but a trust policy can grant any other action).
    fn certainly_denied(&self, owner: EntityRef) -> bool {
        use super::assume::sources::{document, identity_docs};
        let (docs, missing) = identity_docs(self.model, owner);
        if !missing.is_empty() {
            return false;
        }
        docs.into_iter().all(|doc| match document(self.model, doc) {
            Ok(d) => d
                .statements
                .iter()
                .all(|st| st.effect != crate::policy::Effect::Allow || !self.covers(st)),
            Err(_) => false,
        })
    }

    /// Whether some identity Allow of the principal names the action (if
    /// not, it is certainly denied).
    pub fn may_allow(&self, principal: &Caller) -> bool {
        match principal {
            Caller::User(u) => !self.certainly_denied(EntityRef::User(*u)),
            Caller::Role(r) | Caller::Session { role: r, .. } => {
                !self.certainly_denied(EntityRef::Role(*r))
            }
            Caller::External { .. } => true,
        }
    }

    /// The batch's action on another resource and context, sharing what it
    /// knows of the statements.
    pub fn evaluate_at(
        &self,
        principal: &Caller,
        resource: &str,
        context: &RequestContext,
    ) -> Decision {
        let req = Request {
            principal: principal.clone(),
            action: self.action,
            resource,
            context,
        };
        if assume_action(self.action).is_some() {
            return evaluate(self.model, self.index, &req);
        }
        match caller_with_context(self.model, &req) {
            Some(info) if info.identity.is_some() => compose::identity_request(
                self.model,
                &info,
                &req,
                &|st| self.covers(st),
                Some(&self.org_rules),
            ),
            _ => evaluate(self.model, self.index, &req),
        }
    }

    /// The decision for one principal; `None` when `skip_denied` and it is
    /// certainly denied.
    pub fn evaluate(&self, principal: &Caller, skip_denied: bool) -> Option<Decision> {
        if skip_denied && assume_action(self.action).is_none() {
            let owner = match principal {
                Caller::User(u) => Some(EntityRef::User(*u)),
                Caller::Role(r) | Caller::Session { role: r, .. } => Some(EntityRef::Role(*r)),
                Caller::External { .. } => None,
            };
            if owner.is_some_and(|o| self.certainly_denied(o)) {
                return None;
            }
        }
        Some(self.evaluate_at(principal, self.resource, self.context))
    }
}

#[cfg(test)]
mod tests;

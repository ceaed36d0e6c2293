//! Whether a principal is effectively an administrator (ESCALATION D.1).

use crate::analysis::assume::{AssumeIndex, Caller, Verdict};
use crate::analysis::eval::{Request, evaluate};
use crate::catalogue::Catalogue;
use crate::model::{EntityRef, Model};
use crate::policy::RequestContext;

use super::Summary;

/// Rule 1: every IAM action and at least one action of every service are
/// granted on all resources with no condition and nothing removing them.
fn allows_everything(summary: &Summary, cat: &Catalogue) -> bool {
    let Some(iam) = cat.service_by_prefix("iam") else {
        return false;
    };
    let iam_total = cat
        .services
        .get(usize::from(iam))
        .map_or(0, |s| s.actions.len());
    let iam_full = summary
        .actions
        .iter()
        .filter(|a| a.action.service == iam && a.full)
        .count();
    if iam_total == 0 || iam_full < iam_total {
        return false;
    }
    let mut services_with_full = vec![false; cat.service_count()];
    for a in summary.actions.iter().filter(|a| a.full) {
        if let Some(slot) = services_with_full.get_mut(usize::from(a.action.service)) {
            *slot = true;
        }
    }
    services_with_full.iter().all(|x| *x)
}

/// Rule 2: one step gives itself everything: write or attach a policy on
/// itself (or on a group it is in). A boundary caps that, so it counts
/// only without one.
pub(super) fn self_escalation(
    model: &Model,
    index: &AssumeIndex,
    owner: EntityRef,
) -> Option<String> {
    let (caller, own_actions, has_boundary): (Caller, &[&str], bool) = match owner {
        EntityRef::User(u) => (
            Caller::User(u),
            &["iam:PutUserPolicy", "iam:AttachUserPolicy"],
            model.users.get(u)?.boundary.is_some(),
        ),
        EntityRef::Role(r) => (
            Caller::Role(r),
            &["iam:PutRolePolicy", "iam:AttachRolePolicy"],
            model.roles.get(r)?.boundary.is_some(),
        ),
        _ => return None,
    };
    if has_boundary {
        return None;
    }
    let ctx = RequestContext::new();
    let allowed = |action: &str, resource: &str| {
        let d = evaluate(
            model,
            index,
            &Request {
                principal: caller.clone(),
                action,
                resource,
                context: &ctx,
            },
        );
        d.verdict == Verdict::Allowed
    };
    let own_arn = model.arn_of(owner).to_string();
    for action in own_actions {
        if allowed(action, &own_arn) {
            return Some(format!(
                "can give itself any permission: {action} on itself"
            ));
        }
    }
    if let EntityRef::User(u) = owner {
        for g in model
            .users
            .get(u)
            .map(|x| x.groups.clone())
            .unwrap_or_default()
        {
            let group_arn = model.arn_of(EntityRef::Group(g)).to_string();
            for action in ["iam:PutGroupPolicy", "iam:AttachGroupPolicy"] {
                if allowed(action, &group_arn) {
                    return Some(format!(
                        "can give itself any permission: {action} on its group {}",
                        model.name_of(EntityRef::Group(g))
                    ));
                }
            }
        }
    }
    None
}

/// Whether the principal is admin, without building its whole summary
/// unless needed: rule 2 is a few evaluated requests, and rule 1 can only
/// hold for a principal allowed an IAM write on `*` (then the summary
/// decides). For marking many principals (the role list).
pub fn admin_of(model: &Model, index: &AssumeIndex, owner: EntityRef) -> Option<String> {
    if let Some(why) = self_escalation(model, index, owner) {
        return Some(why);
    }
    let caller = match owner {
        EntityRef::User(u) => Caller::User(u),
        EntityRef::Role(r) => Caller::Role(r),
        _ => return None,
    };
    let ctx = RequestContext::new();
    let probe = evaluate(
        model,
        index,
        &Request {
            principal: caller,
            action: "iam:CreatePolicyVersion",
            resource: "*",
            context: &ctx,
        },
    );
    if probe.verdict != Verdict::Allowed {
        return None;
    }
    super::summarise(model, index, owner).admin
}

pub(super) fn admin_reason(
    model: &Model,
    index: &AssumeIndex,
    owner: EntityRef,
    summary: &Summary,
    cat: &Catalogue,
) -> Option<String> {
    if allows_everything(summary, cat) {
        return Some("allows every action on every resource".into());
    }
    self_escalation(model, index, owner)
}

//! The SCPs of the principal's account on its effective permissions
//! (ORGANIZATIONS.md C.1, C.2): an action they deny on every resource, or
//! that some level does not allow, is removed; one they may limit (on some
//! resources, under conditions) is no longer full, and a note says why.
//! RCPs depend on the resource's account, so they are left to the
//! evaluator.

use crate::analysis::org_gate::{AccountScps, Whole};
use crate::model::{EntityRef, Model};
use crate::org::{Organization, PolicyType};
use crate::policy::RequestContext;

use super::ActionEntry;

/// At most this many "may limit" notes; the rest are counted.
const MAX_NOTES: usize = 8;

/// Whose SCPs apply to `owner`, or why none do (C.1).
fn account_of<'m>(
    model: &'m Model,
    org: &Organization,
    owner: EntityRef,
) -> Result<&'m str, Option<String>> {
    let (account, service_linked) = match owner {
        EntityRef::User(u) => (model.users.get(u).map(|x| x.account), false),
        EntityRef::Role(r) => (
            model.roles.get(r).map(|x| x.account),
            model
                .roles
                .get(r)
                .is_some_and(|x| x.detail.path.starts_with("/aws-service-role/")),
        ),
        // A group's members are users of its account: the same SCPs.
        EntityRef::Group(g) => (model.groups.get(g).map(|x| x.account), false),
        _ => return Err(None),
    };
    let Some(id) = account
        .and_then(|a| model.accounts.get(a))
        .map(|a| a.account_id.as_str())
    else {
        return Err(None);
    };
    if org.account(id).is_none() {
        return Err(Some(format!(
            "account {id} is not in the loaded organization: the SCPs of its own organization, if any, may remove more"
        )));
    }
    if !org.enabled(PolicyType::ServiceControl) {
        return Err(Some(
            "SCPs are not enabled on the organization's root: no SCP applies".into(),
        ));
    }
    if org.is_management(id) {
        return Err(Some(format!(
            "account {id} is the management account: SCPs do not apply to its principals"
        )));
    }
    if service_linked {
        return Err(Some(
            "a service-linked role: SCPs do not apply to it".into(),
        ));
    }
    Ok(id)
}

pub(super) fn apply_scps(
    model: &Model,
    org: &Organization,
    owner: EntityRef,
    ctx: &RequestContext,
    actions: &mut [ActionEntry],
    notes: &mut Vec<String>,
) {
    let account = match account_of(model, org, owner) {
        Ok(a) => a,
        Err(why) => {
            notes.extend(why);
            return;
        }
    };
    let Some(scps) = AccountScps::of(org, account) else {
        notes.push(format!(
            "account {account}'s place in the organization does not lead to a root: its SCPs are not applied"
        ));
        return;
    };
    let mut limited: Vec<String> = Vec::new();
    let mut more = 0usize;
    for a in actions.iter_mut().filter(|a| !a.removed) {
        match scps.action(&a.name, ctx) {
            Whole::Untouched => {}
            Whole::Removed(why) => {
                a.removed = true;
                a.full = false;
                a.removed_why = Some(why);
            }
            Whole::Limited(why) => {
                a.full = false;
                let note = format!("{}: {why}", a.name);
                if limited.len() < MAX_NOTES {
                    limited.push(note);
                } else {
                    more += 1;
                }
            }
        }
    }
    notes.push(format!(
        "the SCPs of account {account} are applied (every level from the root must allow)"
    ));
    notes.extend(limited);
    if more > 0 {
        notes.push(format!("{more} more actions the SCPs may limit"));
    }
}

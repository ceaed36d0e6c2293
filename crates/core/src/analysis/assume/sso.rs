//! Who can assume an Identity Center role, in people's terms: an
//! `AWSReservedSSO_<PermissionSet>_<hex>` role is the permission set
//! provisioned in one account, and Identity Center users reach it through
//! the account's SAML provider (`AWSSSO_…`) when they are assigned that set
//! there, directly or through a group. The trust policy still decides
//! whether the SAML provider gets in; these rows take its verdict.

use std::sync::Arc;

use crate::model::Model;
use crate::org::identity_center::{SsoAccess, permission_set_of_role};

use super::types::{Verdict, WhoEntry};

/// One Identity Center user or group that may use the role.
#[derive(Debug, Clone, PartialEq)]
pub struct SsoPerson {
    /// `user` or `group`.
    pub kind: &'static str,
    /// The user name, or the group's display name.
    pub name: String,
    /// A user's display name; a group's members, comma-separated.
    pub detail: String,
    /// For a group, its members.
    pub members: Vec<String>,
}

/// What Identity Center says about a role.
#[derive(Debug, Clone, PartialEq)]
pub enum SsoPeople {
    /// Not an `AWSReservedSSO_*` role.
    NotSso,
    /// An Identity Center role, but its assignments were not collected.
    NotCollected { permission_set: String, why: String },
    /// Collected, but no permission set has the role's name.
    UnknownPermissionSet { permission_set: String },
    /// The permission set and the people assigned it in the role's account,
    /// with the verdict of the trust for Identity Center's SAML provider
    /// (`None` when the trust does not name it).
    People {
        permission_set: String,
        description: String,
        people: Vec<SsoPerson>,
        unknown_principals: Vec<String>,
        trust: Option<(Verdict, Arc<str>)>,
    },
}

fn people_of(access: &SsoAccess<'_>) -> Vec<SsoPerson> {
    let mut out: Vec<SsoPerson> = access
        .users
        .iter()
        .map(|u| SsoPerson {
            kind: "user",
            name: u.user_name.clone(),
            detail: u.display_name.clone(),
            members: Vec::new(),
        })
        .collect();
    for (g, members) in &access.groups {
        let names: Vec<String> = members.iter().map(|u| u.user_name.clone()).collect();
        out.push(SsoPerson {
            kind: "group",
            name: g.display_name.clone(),
            detail: if names.is_empty() {
                "no members".into()
            } else {
                names.join(", ")
            },
            members: names,
        });
    }
    out
}

/// Identity Center's answer for `role`, given the who-can-assume entries
/// already worked out for it (the SAML provider's row gives the verdict).
pub fn sso_people(model: &Model, role: usize, entries: &[WhoEntry]) -> SsoPeople {
    let r = &model.roles[role];
    let Some(name) = permission_set_of_role(&r.detail.role_name) else {
        return SsoPeople::NotSso;
    };
    let permission_set = name.to_string();
    let not_collected = |why: &str| SsoPeople::NotCollected {
        permission_set: permission_set.clone(),
        why: why.to_string(),
    };
    let Some(org) = model.organization.as_deref() else {
        return not_collected(
            "no organization.json is loaded (rolecall org snapshot collects Identity Center)",
        );
    };
    let Some(ic) = org.identity_center.as_ref() else {
        return not_collected("organization.json has no Identity Center data");
    };
    if let Some(why) = &ic.not_collected {
        return not_collected(why);
    }
    let account_id = model.accounts[r.account].account_id.as_str();
    let Some(access) = ic.access(account_id, &r.detail.role_name) else {
        return SsoPeople::UnknownPermissionSet { permission_set };
    };
    let trust = entries
        .iter()
        .find(|e| e.label.contains(":saml-provider/AWSSSO_"))
        .map(|e| (e.decision.verdict, e.label.clone()));
    SsoPeople::People {
        description: access.permission_set.description.clone(),
        people: people_of(&access),
        unknown_principals: access.unknown.iter().map(|s| s.to_string()).collect(),
        permission_set,
        trust,
    }
}

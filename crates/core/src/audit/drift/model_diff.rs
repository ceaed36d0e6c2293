//! Comparing two snapshots: roles by ARN, then managed policies by ARN.

use std::collections::HashMap;

use chrono::SecondsFormat;

use super::text::json_diff;
use super::trust::{compare, grants};
use super::{Change, ChangeKind, Drift, Side};
use crate::model::{EntityRef, ManagedPolicy, Model, Role};

/// The drift from snapshot `old_account` of `old` to snapshot `new_account`
/// of `new` (indexes into `Model::accounts`; the two models may be the
/// same). Never panics: an out-of-range account index compares as empty.
pub fn diff_models(old: &Model, old_account: usize, new: &Model, new_account: usize) -> Drift {
    let side = |m: &Model, a: usize| Side {
        origin: m
            .accounts
            .get(a)
            .map_or_else(String::new, |x| x.origin.clone()),
        captured_at: m
            .accounts
            .get(a)
            .and_then(|x| x.captured_at)
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
    };
    let account_id = new
        .accounts
        .get(new_account)
        .or_else(|| old.accounts.get(old_account))
        .map_or_else(String::new, |a| a.account_id.clone());
    let old_roles = roles_by_arn(old, old_account);
    let new_roles = roles_by_arn(new, new_account);

    let mut role_changes: Vec<Change> = Vec::new();
    for (arn, &n) in &new_roles {
        let nr = &new.roles[n];
        match old_roles.get(arn) {
            Some(&o) => role_diff(&old.roles[o], nr, &mut role_changes),
            None => role_changes.push(Change {
                role: Some(nr.detail.role_name.clone()),
                arn: arn.to_string(),
                kind: ChangeKind::RoleAdded {
                    trust: grants(&nr.trust_rows).into_values().collect(),
                    attached: nr.attached.iter().map(|l| l.arn.clone()).collect(),
                    inline: nr.inline.iter().map(|i| i.name.clone()).collect(),
                },
            }),
        }
    }
    for (arn, &o) in &old_roles {
        if !new_roles.contains_key(arn) {
            let or = &old.roles[o];
            role_changes.push(Change {
                role: Some(or.detail.role_name.clone()),
                arn: arn.to_string(),
                kind: ChangeKind::RoleRemoved {
                    trust: grants(&or.trust_rows).into_values().collect(),
                },
            });
        }
    }
    // Stable: by role name, then ARN, then the order of ChangeKind, then
    // the kind's subject.
    role_changes.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));

    let mut policy_changes = managed_changes(old, old_account, new, new_account);
    policy_changes.sort_by(|a, b| a.arn.cmp(&b.arn));
    role_changes.extend(policy_changes);
    Drift {
        format: "rolecall-drift/1",
        account_id,
        old: side(old, old_account),
        new: side(new, new_account),
        changes: role_changes,
    }
}

fn roles_by_arn(model: &Model, account: usize) -> HashMap<&str, usize> {
    model
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.account == account)
        .map(|(i, r)| (r.detail.arn.as_str(), i))
        .collect()
}

fn sort_key(c: &Change) -> (&str, &str, u8, &str) {
    (
        c.role.as_deref().unwrap_or_default(),
        c.arn.as_str(),
        rank(&c.kind),
        subject(&c.kind),
    )
}

fn rank(kind: &ChangeKind) -> u8 {
    match kind {
        ChangeKind::RoleAdded { .. } => 0,
        ChangeKind::RoleRemoved { .. } => 1,
        ChangeKind::RoleRecreated { .. } => 2,
        ChangeKind::TrustChanged { .. } => 3,
        ChangeKind::PolicyAttached { .. } => 4,
        ChangeKind::PolicyDetached { .. } => 5,
        ChangeKind::InlinePolicyAdded { .. } => 6,
        ChangeKind::InlinePolicyRemoved { .. } => 7,
        ChangeKind::InlinePolicyChanged { .. } => 8,
        ChangeKind::BoundaryChanged { .. } => 9,
        ChangeKind::DescriptionChanged { .. } => 10,
        ChangeKind::MaxSessionDurationChanged { .. } => 11,
        ChangeKind::ManagedPolicyChanged { .. } => 12,
    }
}

fn subject(kind: &ChangeKind) -> &str {
    match kind {
        ChangeKind::PolicyAttached { policy_arn } | ChangeKind::PolicyDetached { policy_arn } => {
            policy_arn
        }
        ChangeKind::InlinePolicyAdded { name, .. }
        | ChangeKind::InlinePolicyRemoved { name, .. }
        | ChangeKind::InlinePolicyChanged { name, .. } => name,
        _ => "",
    }
}

fn role_diff(old: &Role, new: &Role, out: &mut Vec<Change>) {
    let mut push = |kind: ChangeKind| {
        out.push(Change {
            role: Some(new.detail.role_name.clone()),
            arn: new.detail.arn.clone(),
            kind,
        })
    };
    let (oid, nid) = (&old.detail.role_id, &new.detail.role_id);
    if !oid.is_empty() && !nid.is_empty() && oid != nid {
        push(ChangeKind::RoleRecreated {
            old_role_id: oid.clone(),
            new_role_id: nid.clone(),
        });
    }
    let (ot, nt) = (
        old.trust.as_ref().map(|d| &d.json),
        new.trust.as_ref().map(|d| &d.json),
    );
    if ot != nt {
        let (principals_added, principals_removed, principals_changed) =
            compare(&old.trust_rows, &new.trust_rows);
        push(ChangeKind::TrustChanged {
            principals_added,
            principals_removed,
            principals_changed,
            diff: json_diff(ot, nt, "trust-policy.json"),
        });
    }
    for link in &new.attached {
        if !old.attached.iter().any(|o| o.arn == link.arn) {
            push(ChangeKind::PolicyAttached {
                policy_arn: link.arn.clone(),
            });
        }
    }
    for link in &old.attached {
        if !new.attached.iter().any(|n| n.arn == link.arn) {
            push(ChangeKind::PolicyDetached {
                policy_arn: link.arn.clone(),
            });
        }
    }
    for inline in &new.inline {
        let what = format!("inline-{}.json", inline.name);
        match old.inline.iter().find(|o| o.name == inline.name) {
            None => push(ChangeKind::InlinePolicyAdded {
                name: inline.name.clone(),
                diff: json_diff(None, Some(&inline.doc.json), &what),
            }),
            Some(o) if o.doc.json != inline.doc.json => push(ChangeKind::InlinePolicyChanged {
                name: inline.name.clone(),
                diff: json_diff(Some(&o.doc.json), Some(&inline.doc.json), &what),
            }),
            Some(_) => {}
        }
    }
    for inline in &old.inline {
        if !new.inline.iter().any(|n| n.name == inline.name) {
            push(ChangeKind::InlinePolicyRemoved {
                name: inline.name.clone(),
                diff: json_diff(
                    Some(&inline.doc.json),
                    None,
                    &format!("inline-{}.json", inline.name),
                ),
            });
        }
    }
    let (ob, nb) = (
        old.boundary.as_ref().map(|b| b.arn.clone()),
        new.boundary.as_ref().map(|b| b.arn.clone()),
    );
    if ob != nb {
        push(ChangeKind::BoundaryChanged { old: ob, new: nb });
    }
    if let (Some(o), Some(n)) = (&old.detail.description, &new.detail.description)
        && o != n
    {
        push(ChangeKind::DescriptionChanged {
            old: o.clone(),
            new: n.clone(),
        });
    }
    if let (Some(o), Some(n)) = (
        old.detail.max_session_duration,
        new.detail.max_session_duration,
    ) && o != n
    {
        push(ChangeKind::MaxSessionDurationChanged { old: o, new: n });
    }
}

fn policies_by_arn(model: &Model, account: usize) -> HashMap<&str, &ManagedPolicy> {
    model
        .policies
        .iter()
        .filter(|p| p.account == account)
        .map(|p| (p.arn.as_str(), p))
        .collect()
}

fn managed_changes(old: &Model, oa: usize, new: &Model, na: usize) -> Vec<Change> {
    let olds = policies_by_arn(old, oa);
    let mut out = Vec::new();
    for (arn, np) in policies_by_arn(new, na) {
        let Some(op) = olds.get(arn) else { continue };
        let (ov, nv) = (op.default_version(), np.default_version());
        let (oid, nid) = (
            ov.map(|v| v.version_id.clone()),
            nv.map(|v| v.version_id.clone()),
        );
        let (odoc, ndoc) = (ov.map(|v| &v.doc.json), nv.map(|v| &v.doc.json));
        if oid == nid && odoc == ndoc {
            continue;
        }
        let ids = |p: &ManagedPolicy| -> Vec<String> {
            p.versions.iter().map(|v| v.version_id.clone()).collect()
        };
        let (oids, nids) = (ids(op), ids(np));
        let used_by_roles = np
            .used_by
            .iter()
            .filter_map(|(e, _)| match e {
                EntityRef::Role(r) => new.roles.get(*r).map(|r| r.detail.role_name.clone()),
                _ => None,
            })
            .collect();
        let name = np.name.clone();
        out.push(Change {
            role: None,
            arn: arn.to_string(),
            kind: ChangeKind::ManagedPolicyChanged {
                diff: json_diff(odoc, ndoc, &format!("{name}.json")),
                name,
                old_default_version: oid,
                new_default_version: nid,
                versions_added: nids.iter().filter(|v| !oids.contains(v)).cloned().collect(),
                versions_removed: oids.iter().filter(|v| !nids.contains(v)).cloned().collect(),
                used_by_roles,
            },
        });
    }
    out
}

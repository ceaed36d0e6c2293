//! Turns loaded snapshots into a `Model`: decodes and parses every document,
//! resolves references between entities, and fills the indexes.

use std::collections::HashMap;

use super::doc::DocCache;
use super::time::parse_iam_date;
use super::{
    Account, EntityRef, Group, InlineDoc, ManagedPolicy, Model, PolicyLink, PolicyVersionDoc, Role,
    Usage, User,
};
use crate::policy::trust_rows;
use crate::snapshot::{AttachedPolicy, InlinePolicy, PermissionsBoundary, Snapshot};
use crate::source::Loaded;

/// Builds the model of every loaded snapshot, in order.
pub fn build(loaded: Vec<Loaded>) -> Model {
    let mut model = Model::default();
    let labels = account_labels(&loaded);
    let mut docs = DocCache::default();
    for (account, (item, label)) in loaded.into_iter().zip(labels).enumerate() {
        add_snapshot(&mut model, &mut docs, account, item, label);
    }
    model
}

/// Alias or id; with the origin appended when an account is loaded twice.
fn account_labels(loaded: &[Loaded]) -> Vec<String> {
    let ids: Vec<(String, String)> = loaded
        .iter()
        .map(|l| {
            let (id, _) = account_identity(&l.snapshot);
            let alias = l
                .snapshot
                .header
                .as_ref()
                .and_then(|h| h.account_alias.clone())
                .unwrap_or_else(|| id.clone());
            (id, alias)
        })
        .collect();
    ids.iter()
        .zip(loaded)
        .map(|((id, alias), l)| {
            let repeated = ids.iter().filter(|(other, _)| other == id).count() > 1;
            if repeated {
                let short = l.origin.rsplit('/').next().unwrap_or(&l.origin);
                format!("{alias} ({short})")
            } else {
                alias.clone()
            }
        })
        .collect()
}

/// The account id and partition: from the header, else from the first ARN.
fn account_identity(snapshot: &Snapshot) -> (String, String) {
    let header = snapshot.header.as_ref();
    let from_arn = snapshot
        .role_detail_list
        .iter()
        .map(|r| r.arn.as_str())
        .chain(snapshot.user_detail_list.iter().map(|u| u.arn.as_str()))
        .chain(snapshot.group_detail_list.iter().map(|g| g.arn.as_str()))
        .chain(snapshot.policies.iter().map(|p| p.arn.as_str()))
        .filter_map(arn_account_and_partition)
        .next();
    let account = header
        .and_then(|h| h.account_id.clone())
        .or_else(|| from_arn.as_ref().map(|(a, _)| a.clone()))
        .unwrap_or_else(|| "unknown".into());
    let partition = header
        .and_then(|h| h.partition.clone())
        .or_else(|| from_arn.map(|(_, p)| p))
        .unwrap_or_else(|| "aws".into());
    (account, partition)
}

/// `arn:PARTITION:iam::ACCOUNT:…` → (ACCOUNT, PARTITION); None for `aws`-owned.
fn arn_account_and_partition(arn: &str) -> Option<(String, String)> {
    let mut parts = arn.split(':');
    let (_, partition, _, _, account) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let is_account_id = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    is_account_id.then(|| (account.to_string(), partition.to_string()))
}

fn add_snapshot(
    model: &mut Model,
    docs: &mut DocCache,
    account: usize,
    loaded: Loaded,
    label: String,
) {
    let Loaded { origin, snapshot } = loaded;
    let (account_id, partition) = account_identity(&snapshot);
    let captured_at = snapshot
        .header
        .as_ref()
        .and_then(|h| h.captured_at.as_deref())
        .and_then(parse_iam_date);
    model.accounts.push(Account {
        origin: origin.clone(),
        account_id: account_id.clone(),
        partition,
        header: snapshot.header.clone(),
        captured_at,
        label,
    });

    let policy_base = model.policies.len();
    let mut policy_by_arn: HashMap<String, usize> = HashMap::new();
    // Exact sizes: on a big account, doubling vectors leave much unused.
    model.policies.reserve_exact(snapshot.policies.len());
    model.groups.reserve_exact(snapshot.group_detail_list.len());
    model.users.reserve_exact(snapshot.user_detail_list.len());
    model.roles.reserve_exact(snapshot.role_detail_list.len());
    for detail in snapshot.policies {
        let index = model.policies.len();
        policy_by_arn.insert(detail.arn.clone(), index);
        let name = detail
            .policy_name
            .clone()
            .unwrap_or_else(|| detail.arn.rsplit('/').next().unwrap_or(&detail.arn).into());
        let versions = detail
            .policy_version_list
            .into_iter()
            .map(|v| PolicyVersionDoc {
                created: v.create_date.as_deref().and_then(parse_iam_date),
                doc: docs.get(v.document.unwrap_or_default()),
                version_id: v.version_id,
                is_default: v.is_default_version,
            })
            .collect();
        let policy = ManagedPolicy {
            account,
            name,
            id: detail.policy_id.unwrap_or_default(),
            path: detail.path,
            description: detail.description,
            created: detail.create_date.as_deref().and_then(parse_iam_date),
            updated: detail.update_date.as_deref().and_then(parse_iam_date),
            versions,
            used_by: Vec::new(),
            arn: detail.arn,
        };
        model.index_entity(EntityRef::Policy(index), &policy.arn, &policy.id);
        model.policies.push(policy);
    }
    for policy in &model.policies[policy_base..] {
        for version in &policy.versions {
            if let Err(why) = &version.doc.parsed {
                model.warnings.push(format!(
                    "{origin}: policy {} version {}: {why}",
                    policy.arn, version.version_id
                ));
            }
        }
    }
    let link = |attached: &AttachedPolicy| PolicyLink {
        name: attached.policy_name.clone(),
        arn: attached.policy_arn.clone(),
        policy: policy_by_arn.get(&attached.policy_arn).copied(),
    };
    let boundary_link = |b: &PermissionsBoundary| PolicyLink {
        name: b
            .permissions_boundary_arn
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string(),
        arn: b.permissions_boundary_arn.clone(),
        policy: policy_by_arn.get(&b.permissions_boundary_arn).copied(),
    };
    let mut warnings = Vec::new();
    let mut inline_docs =
        |docs: &mut DocCache, owner: &str, list: &mut Vec<InlinePolicy>| -> Vec<InlineDoc> {
            list.iter_mut()
                .map(|p| {
                    let doc = docs.get(std::mem::take(&mut p.policy_document));
                    if let Err(why) = &doc.parsed {
                        warnings.push(format!(
                            "{origin}: {owner} inline policy {}: {why}",
                            p.policy_name
                        ));
                    }
                    InlineDoc {
                        name: p.policy_name.clone(),
                        doc,
                    }
                })
                .collect()
        };

    let group_base = model.groups.len();
    let mut group_by_name: HashMap<String, usize> = HashMap::new();
    for mut detail in snapshot.group_detail_list {
        let index = model.groups.len();
        group_by_name.insert(detail.group_name.clone(), index);
        let inline = inline_docs(
            docs,
            &format!("group {}", detail.group_name),
            &mut detail.group_policy_list,
        );
        let group = Group {
            account,
            attached: std::mem::take(&mut detail.attached_managed_policies)
                .iter()
                .map(link)
                .collect(),
            inline,
            members: Vec::new(),
            created: detail.create_date.as_deref().and_then(parse_iam_date),
            detail,
        };
        model.index_entity(
            EntityRef::Group(index),
            &group.detail.arn,
            &group.detail.group_id,
        );
        model.groups.push(group);
    }

    for mut detail in snapshot.user_detail_list {
        let index = model.users.len();
        let inline = inline_docs(
            docs,
            &format!("user {}", detail.user_name),
            &mut detail.user_policy_list,
        );
        let groups: Vec<usize> = detail
            .group_list
            .iter()
            .filter_map(|name| group_by_name.get(name).copied())
            .collect();
        for g in &groups {
            model.groups[*g].members.push(index);
        }
        let user = User {
            account,
            attached: std::mem::take(&mut detail.attached_managed_policies)
                .iter()
                .map(link)
                .collect(),
            boundary: detail.permissions_boundary.as_ref().map(boundary_link),
            inline,
            groups,
            created: detail.create_date.as_deref().and_then(parse_iam_date),
            detail,
        };
        model.index_entity(
            EntityRef::User(index),
            &user.detail.arn,
            &user.detail.user_id,
        );
        model.users.push(user);
    }

    let mut trust_warnings = Vec::new();
    for mut detail in snapshot.role_detail_list {
        let index = model.roles.len();
        let trust = detail
            .assume_role_policy_document
            .take()
            .map(|raw| docs.get(raw));
        if let Some(Err(why)) = trust.as_ref().map(|t| &t.parsed) {
            trust_warnings.push(format!(
                "{origin}: role {} trust policy: {why}",
                detail.role_name
            ));
        }
        let trust_rows = trust
            .as_ref()
            .and_then(|doc| doc.document())
            .map(trust_rows)
            .unwrap_or_default();
        // An instance profile's role summaries repeat this role (trust
        // policy included); the model shows a profile's name and ARN only.
        for profile in &mut detail.instance_profile_list {
            profile.roles = Vec::new();
        }
        let inline = inline_docs(
            docs,
            &format!("role {}", detail.role_name),
            &mut detail.role_policy_list,
        );
        let role = Role {
            account,
            search_text: role_search_text(&detail, &trust_rows),
            attached: std::mem::take(&mut detail.attached_managed_policies)
                .iter()
                .map(link)
                .collect(),
            boundary: detail.permissions_boundary.as_ref().map(boundary_link),
            inline,
            trust,
            trust_rows,
            created: detail.create_date.as_deref().and_then(parse_iam_date),
            last_used: detail
                .role_last_used
                .as_ref()
                .and_then(|u| u.last_used_date.as_deref())
                .and_then(parse_iam_date),
            detail,
        };
        model.index_entity(
            EntityRef::Role(index),
            &role.detail.arn,
            &role.detail.role_id,
        );
        model
            .index
            .role_by_account_and_name
            .entry((account_id.clone(), role.detail.role_name.clone()))
            .or_default()
            .push(index);
        model.roles.push(role);
    }
    model.warnings.extend(warnings);
    model.warnings.extend(trust_warnings);
    record_policy_usage(model, account, group_base);
}

/// Fills `ManagedPolicy::used_by` for the entities of one account.
fn record_policy_usage(model: &mut Model, account: usize, group_base: usize) {
    let mut usage: Vec<(usize, EntityRef, Usage)> = Vec::new();
    let mut note = |links: &[PolicyLink], boundary: Option<&PolicyLink>, entity: EntityRef| {
        for l in links {
            if let Some(p) = l.policy {
                usage.push((p, entity, Usage::Attached));
            }
        }
        if let Some(p) = boundary.and_then(|b| b.policy) {
            usage.push((p, entity, Usage::Boundary));
        }
    };
    for (i, r) in model
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.account == account)
    {
        note(&r.attached, r.boundary.as_ref(), EntityRef::Role(i));
    }
    for (i, u) in model
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| u.account == account)
    {
        note(&u.attached, u.boundary.as_ref(), EntityRef::User(i));
    }
    for (i, g) in model.groups.iter().enumerate().skip(group_base) {
        note(&g.attached, None, EntityRef::Group(i));
    }
    for (policy, entity, how) in usage {
        model.policies[policy].used_by.push((entity, how));
    }
}

/// The lower-case haystack `/` filters over.
fn role_search_text(
    detail: &crate::snapshot::RoleDetail,
    rows: &[crate::policy::TrustRow],
) -> String {
    let mut text = String::with_capacity(256);
    for part in [&detail.role_name, &detail.arn, &detail.path] {
        text.push_str(part);
        text.push('\n');
    }
    for tag in &detail.tags {
        text.push_str(&tag.key);
        text.push('=');
        text.push_str(&tag.value);
        text.push('\n');
    }
    for row in rows {
        text.push_str(&row.principal);
        text.push('\n');
    }
    text.to_lowercase()
}

impl Model {
    fn index_entity(&mut self, entity: EntityRef, arn: &str, unique_id: &str) {
        self.index
            .by_arn
            .entry(arn.to_string())
            .or_default()
            .push(entity);
        if !unique_id.is_empty() {
            self.index
                .by_unique_id
                .entry(unique_id.to_string())
                .or_default()
                .push(entity);
        }
    }
}

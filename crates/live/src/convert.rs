//! SDK types → rolecall's GAAD-shaped snapshot types. Both load paths use
//! these functions, so the same API data always gives the same snapshot.
//!
//! Documents come from the API URL-encoded (moto sometimes sends plain JSON);
//! they are decoded here into JSON objects, as the AWS CLI writes them, so a
//! saved snapshot is read by every tool that reads GAAD. A document that does
//! not decode is kept as the string it was.

use aws_sdk_iam::primitives::{DateTime, DateTimeFormat};
use aws_sdk_iam::types as t;
use serde_json::{Map, Value};

use rolecall_core::policy::decode_document;
use rolecall_core::snapshot as s;
use rolecall_core::snapshot::RawJson;

pub fn date(d: &DateTime) -> String {
    d.fmt(DateTimeFormat::DateTime).unwrap_or_default()
}

pub fn opt_date(d: Option<&DateTime>) -> Option<String> {
    d.map(date)
}

/// A raw policy document as a JSON object (decoded), or the raw string.
pub fn doc(raw: &str) -> Value {
    let value = Value::String(raw.to_string());
    decode_document(&value).unwrap_or(value)
}

pub fn tags(list: &[t::Tag]) -> Vec<s::Tag> {
    list.iter()
        .map(|tag| s::Tag {
            key: tag.key().to_string(),
            value: tag.value().to_string(),
        })
        .collect()
}

pub fn attached(list: &[t::AttachedPolicy]) -> Vec<s::AttachedPolicy> {
    list.iter()
        .filter_map(|p| {
            let arn = p.policy_arn()?.to_string();
            Some(s::AttachedPolicy {
                policy_name: p
                    .policy_name()
                    .map(str::to_string)
                    .unwrap_or_else(|| name_from_arn(&arn)),
                policy_arn: arn,
            })
        })
        .collect()
}

pub fn boundary(b: Option<&t::AttachedPermissionsBoundary>) -> Option<s::PermissionsBoundary> {
    let b = b?;
    Some(s::PermissionsBoundary {
        permissions_boundary_type: b
            .permissions_boundary_type()
            .map(|k| k.as_str().to_string()),
        permissions_boundary_arn: b.permissions_boundary_arn()?.to_string(),
    })
}

pub fn last_used(r: Option<&t::RoleLastUsed>) -> Option<s::RoleLastUsed> {
    let r = r?;
    let out = s::RoleLastUsed {
        last_used_date: opt_date(r.last_used_date()),
        region: r.region().map(str::to_string),
    };
    (out.last_used_date.is_some() || out.region.is_some()).then_some(out)
}

pub fn inline(name: Option<&str>, document: Option<&str>) -> s::InlinePolicy {
    s::InlinePolicy {
        policy_name: name.unwrap_or_default().to_string(),
        policy_document: document.map(doc).unwrap_or(Value::Null).into(),
    }
}

pub fn inline_list(list: &[t::PolicyDetail]) -> Vec<s::InlinePolicy> {
    list.iter()
        .map(|p| inline(p.policy_name(), p.policy_document()))
        .collect()
}

/// A role as an instance profile lists it (the GAAD shape).
fn role_summary(r: &t::Role) -> Value {
    let mut m = Map::new();
    m.insert("Path".into(), Value::String(r.path().to_string()));
    m.insert("RoleName".into(), Value::String(r.role_name().to_string()));
    m.insert("RoleId".into(), Value::String(r.role_id().to_string()));
    m.insert("Arn".into(), Value::String(r.arn().to_string()));
    m.insert("CreateDate".into(), Value::String(date(r.create_date())));
    if let Some(d) = r.assume_role_policy_document() {
        m.insert("AssumeRolePolicyDocument".into(), doc(d));
    }
    Value::Object(m)
}

pub fn instance_profile(p: &t::InstanceProfile) -> s::InstanceProfile {
    s::InstanceProfile {
        path: p.path().to_string(),
        instance_profile_name: p.instance_profile_name().to_string(),
        instance_profile_id: p.instance_profile_id().to_string(),
        arn: p.arn().to_string(),
        create_date: Some(date(p.create_date())),
        roles: p
            .roles()
            .iter()
            .map(role_summary)
            .map(RawJson::from)
            .collect(),
    }
}

pub fn role_detail(r: &t::RoleDetail) -> s::RoleDetail {
    s::RoleDetail {
        path: r.path().unwrap_or("/").to_string(),
        role_name: r.role_name().unwrap_or_default().to_string(),
        role_id: r.role_id().unwrap_or_default().to_string(),
        arn: r.arn().unwrap_or_default().to_string(),
        create_date: opt_date(r.create_date()),
        assume_role_policy_document: r.assume_role_policy_document().map(doc).map(RawJson::from),
        instance_profile_list: r
            .instance_profile_list()
            .iter()
            .map(instance_profile)
            .collect(),
        role_policy_list: inline_list(r.role_policy_list()),
        attached_managed_policies: attached(r.attached_managed_policies()),
        permissions_boundary: boundary(r.permissions_boundary()),
        tags: tags(r.tags()),
        role_last_used: last_used(r.role_last_used()),
        description: None,
        max_session_duration: None,
    }
}

/// A role from ListRoles/GetRole; the lists are filled by other calls.
pub fn role(r: &t::Role) -> s::RoleDetail {
    s::RoleDetail {
        path: r.path().to_string(),
        role_name: r.role_name().to_string(),
        role_id: r.role_id().to_string(),
        arn: r.arn().to_string(),
        create_date: Some(date(r.create_date())),
        assume_role_policy_document: r.assume_role_policy_document().map(doc).map(RawJson::from),
        instance_profile_list: Vec::new(),
        role_policy_list: Vec::new(),
        attached_managed_policies: Vec::new(),
        permissions_boundary: boundary(r.permissions_boundary()),
        tags: tags(r.tags()),
        role_last_used: last_used(r.role_last_used()),
        description: non_empty(r.description()),
        max_session_duration: r.max_session_duration().and_then(|d| u32::try_from(d).ok()),
    }
}

pub fn user_detail(u: &t::UserDetail) -> s::UserDetail {
    s::UserDetail {
        path: u.path().unwrap_or("/").to_string(),
        user_name: u.user_name().unwrap_or_default().to_string(),
        user_id: u.user_id().unwrap_or_default().to_string(),
        arn: u.arn().unwrap_or_default().to_string(),
        create_date: opt_date(u.create_date()),
        user_policy_list: inline_list(u.user_policy_list()),
        group_list: u.group_list().to_vec(),
        attached_managed_policies: attached(u.attached_managed_policies()),
        permissions_boundary: boundary(u.permissions_boundary()),
        tags: tags(u.tags()),
    }
}

pub fn user(u: &t::User) -> s::UserDetail {
    s::UserDetail {
        path: u.path().to_string(),
        user_name: u.user_name().to_string(),
        user_id: u.user_id().to_string(),
        arn: u.arn().to_string(),
        create_date: Some(date(u.create_date())),
        user_policy_list: Vec::new(),
        group_list: Vec::new(),
        attached_managed_policies: Vec::new(),
        permissions_boundary: boundary(u.permissions_boundary()),
        tags: tags(u.tags()),
    }
}

pub fn group_detail(g: &t::GroupDetail) -> s::GroupDetail {
    s::GroupDetail {
        path: g.path().unwrap_or("/").to_string(),
        group_name: g.group_name().unwrap_or_default().to_string(),
        group_id: g.group_id().unwrap_or_default().to_string(),
        arn: g.arn().unwrap_or_default().to_string(),
        create_date: opt_date(g.create_date()),
        group_policy_list: inline_list(g.group_policy_list()),
        attached_managed_policies: attached(g.attached_managed_policies()),
    }
}

pub fn group(g: &t::Group) -> s::GroupDetail {
    s::GroupDetail {
        path: g.path().to_string(),
        group_name: g.group_name().to_string(),
        group_id: g.group_id().to_string(),
        arn: g.arn().to_string(),
        create_date: Some(date(g.create_date())),
        group_policy_list: Vec::new(),
        attached_managed_policies: Vec::new(),
    }
}

pub fn version(v: &t::PolicyVersion) -> s::PolicyVersion {
    s::PolicyVersion {
        document: v.document().map(doc).map(RawJson::from),
        version_id: v.version_id().unwrap_or_default().to_string(),
        is_default_version: v.is_default_version(),
        create_date: opt_date(v.create_date()),
    }
}

fn count(n: Option<i32>) -> Option<u64> {
    n.and_then(|n| u64::try_from(n).ok())
}

/// GAAD's `ManagedPolicyDetail` and GetPolicy's `Policy` are two SDK types
/// with the same accessors: one mapping serves both.
macro_rules! managed_policy {
    ($p:expr, $versions:expr) => {{
        let p = $p;
        let arn = p.arn().unwrap_or_default().to_string();
        s::ManagedPolicyDetail {
            // moto leaves the name out of GAAD (AWS sends it): the ARN has it.
            policy_name: Some(
                p.policy_name()
                    .map(str::to_string)
                    .unwrap_or_else(|| name_from_arn(&arn)),
            ),
            policy_id: p.policy_id().map(str::to_string),
            path: p.path().unwrap_or("/").to_string(),
            default_version_id: p.default_version_id().map(str::to_string),
            attachment_count: count(p.attachment_count()),
            permissions_boundary_usage_count: count(p.permissions_boundary_usage_count()),
            is_attachable: Some(p.is_attachable()),
            description: non_empty(p.description()),
            create_date: opt_date(p.create_date()),
            update_date: opt_date(p.update_date()),
            policy_version_list: $versions,
            arn,
        }
    }};
}

pub fn managed_policy_detail(p: &t::ManagedPolicyDetail) -> s::ManagedPolicyDetail {
    managed_policy!(p, p.policy_version_list().iter().map(version).collect())
}

/// A policy from GetPolicy/ListPolicies; the versions come from other calls.
pub fn policy(p: &t::Policy) -> s::ManagedPolicyDetail {
    managed_policy!(p, Vec::new())
}

/// moto sends an empty `<Description/>` where AWS sends none.
fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_string)
}

pub fn name_from_arn(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

/// True for `arn:PARTITION:iam::aws:policy/...`.
pub fn is_aws_managed(arn: &str) -> bool {
    arn.split(':').nth(4) == Some("aws")
}

//! Recreates part of the demo account in moto through the SDK's own write
//! calls (test-only: rolecall's library stays read-only): every trust shape
//! of the demo's roles, boundaries, tags, instance profiles, inline and
//! managed policies (with versions), all users and groups. Runs from one task,
//! one call at a time (moto can crash on concurrent writes).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use aws_config::BehaviorVersion;
use aws_sdk_iam::Client;
use aws_sdk_iam::config::{Credentials, Region};
use aws_sdk_iam::types::Tag;
use rolecall::model::Model;
use rolecall::snapshot::{ManagedPolicyDetail, RawJson, RoleDetail, Snapshot};
use serde_json::{Value, json};

use super::{MOTO_ACCOUNT, assert_same};

const DEMO_ACCOUNT: &str = "111122223333";

/// An IAM client for setting accounts up, with explicit credentials.
pub fn admin_client(url: &str, key: &str, secret: &str) -> Client {
    let conf = aws_sdk_iam::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new(key, secret, None, None, "rolecall-tests"))
        .build();
    Client::from_conf(conf)
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn demo() -> Snapshot {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo/acme-prod.json"
    ));
    rolecall::source::file::load_file(path).expect("the demo account parses")
}

fn rewrite(arn: &str) -> String {
    arn.replace(&format!(":{DEMO_ACCOUNT}:"), &format!(":{MOTO_ACCOUNT}:"))
}

fn doc_text(v: &RawJson) -> String {
    match v.to_value() {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// The shape of a trust policy: per statement its effect, principal kinds,
/// actions and condition operators/keys (not the values).
fn trust_shape(r: &RoleDetail) -> String {
    let doc = r
        .assume_role_policy_document
        .as_ref()
        .map(RawJson::to_value)
        .unwrap_or(Value::Null);
    let mut out = Vec::new();
    for st in doc["Statement"].as_array().cloned().unwrap_or_default() {
        let principal = match &st["Principal"] {
            Value::Object(m) => m.keys().cloned().collect::<Vec<_>>().join("+"),
            other => other.to_string(),
        };
        let conditions: Vec<String> = st["Condition"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(op, keys)| {
                        let keys: Vec<String> = keys
                            .as_object()
                            .map(|k| k.keys().cloned().collect())
                            .unwrap_or_default();
                        format!("{op}({})", keys.join(","))
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(format!(
            "{}|{}|{}|{}",
            st["Effect"],
            principal,
            st["Action"],
            conditions.join(";")
        ));
    }
    out.join(" / ")
}

/// The demo roles to create: one per trust shape, then a few more so that
/// boundaries, instance profiles, inline policies and tags all appear.
fn pick_roles(demo: &Snapshot) -> Vec<RoleDetail> {
    let mut shapes = BTreeSet::new();
    let mut picked: Vec<RoleDetail> = Vec::new();
    for r in &demo.role_detail_list {
        if shapes.insert(trust_shape(r)) {
            picked.push(r.clone());
        }
    }
    let wants: [fn(&RoleDetail) -> bool; 4] = [
        |r| r.permissions_boundary.is_some(),
        |r| !r.instance_profile_list.is_empty(),
        |r| !r.role_policy_list.is_empty(),
        |r| !r.tags.is_empty(),
    ];
    for want in wants {
        let have = picked.iter().filter(|r| want(r)).count();
        for r in demo.role_detail_list.iter().filter(|r| want(r)).take(2) {
            if have >= 2 || picked.len() >= 24 {
                break;
            }
            if !picked.iter().any(|p| p.role_name == r.role_name) {
                picked.push(r.clone());
            }
        }
    }
    picked
}

/// Creates the account; returns what was created (ARNs in moto's account),
/// to compare a live load against.
pub fn demo_subset(client: &Client) -> Snapshot {
    runtime().block_on(create(client))
}

async fn aws_policy_exists(client: &Client, arn: &str) -> bool {
    client.get_policy().policy_arn(arn).send().await.is_ok()
}

async fn create(client: &Client) -> Snapshot {
    let demo = demo();
    let roles = pick_roles(&demo);
    let mut created = Snapshot::default();

    // Customer managed policies, every version (moto numbers them v1, v2, …).
    for p in demo
        .policies
        .iter()
        .filter(|p| !p.arn.contains(":iam::aws:"))
    {
        let mut versions = p.policy_version_list.clone();
        versions.sort_by_key(|v| {
            v.version_id
                .trim_start_matches('v')
                .parse::<u32>()
                .unwrap_or(0)
        });
        let name = p.policy_name.clone().expect("demo policies are named");
        let first = versions.first().expect("a version");
        let mut req = client
            .create_policy()
            .policy_name(&name)
            .path(&p.path)
            .policy_document(doc_text(first.document.as_ref().expect("document")));
        if let Some(d) = &p.description {
            req = req.description(d);
        }
        let out = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreatePolicy {name}: {e:?}"));
        let arn = out.policy().and_then(|p| p.arn()).expect("arn").to_string();
        assert_eq!(arn, rewrite(&p.arn));
        for v in versions.iter().skip(1) {
            client
                .create_policy_version()
                .policy_arn(&arn)
                .policy_document(doc_text(v.document.as_ref().expect("document")))
                .set_as_default(v.is_default_version)
                .send()
                .await
                .unwrap_or_else(|e| panic!("CreatePolicyVersion {name}: {e:?}"));
        }
        let mut expected: ManagedPolicyDetail = p.clone();
        expected.arn = arn;
        for (i, v) in versions.iter().enumerate() {
            let mut v = v.clone();
            v.version_id = format!("v{}", i + 1);
            expected.policy_version_list.push(v);
        }
        expected
            .policy_version_list
            .drain(..p.policy_version_list.len());
        created.policies.push(expected);
    }

    // AWS managed policies moto does not know are left out.
    let mut known_aws = BTreeMap::new();
    let mut aws_ok = async |arn: &str| -> bool {
        if let Some(ok) = known_aws.get(arn) {
            return *ok;
        }
        let ok = aws_policy_exists(client, arn).await;
        known_aws.insert(arn.to_string(), ok);
        ok
    };

    for g in &demo.group_detail_list {
        client
            .create_group()
            .group_name(&g.group_name)
            .path(&g.path)
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateGroup {}: {e:?}", g.group_name));
        for p in &g.group_policy_list {
            client
                .put_group_policy()
                .group_name(&g.group_name)
                .policy_name(&p.policy_name)
                .policy_document(doc_text(&p.policy_document))
                .send()
                .await
                .expect("PutGroupPolicy");
        }
        let mut expected = g.clone();
        expected.arn = rewrite(&g.arn);
        expected.attached_managed_policies.clear();
        for a in &g.attached_managed_policies {
            let arn = rewrite(&a.policy_arn);
            if arn.contains(":iam::aws:") && !aws_ok(&arn).await {
                continue;
            }
            client
                .attach_group_policy()
                .group_name(&g.group_name)
                .policy_arn(&arn)
                .send()
                .await
                .expect("AttachGroupPolicy");
            let mut a = a.clone();
            a.policy_arn = arn;
            expected.attached_managed_policies.push(a);
        }
        created.group_detail_list.push(expected);
    }

    for u in &demo.user_detail_list {
        let tags: Vec<Tag> = u
            .tags
            .iter()
            .map(|t| {
                Tag::builder()
                    .key(&t.key)
                    .value(&t.value)
                    .build()
                    .expect("tag")
            })
            .collect();
        client
            .create_user()
            .user_name(&u.user_name)
            .path(&u.path)
            .set_tags((!tags.is_empty()).then_some(tags))
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateUser {}: {e:?}", u.user_name));
        for p in &u.user_policy_list {
            client
                .put_user_policy()
                .user_name(&u.user_name)
                .policy_name(&p.policy_name)
                .policy_document(doc_text(&p.policy_document))
                .send()
                .await
                .expect("PutUserPolicy");
        }
        for g in &u.group_list {
            client
                .add_user_to_group()
                .user_name(&u.user_name)
                .group_name(g)
                .send()
                .await
                .expect("AddUserToGroup");
        }
        let mut expected = u.clone();
        expected.arn = rewrite(&u.arn);
        // moto does not implement user permissions boundaries.
        expected.permissions_boundary = None;
        expected.attached_managed_policies.clear();
        for a in &u.attached_managed_policies {
            let arn = rewrite(&a.policy_arn);
            if arn.contains(":iam::aws:") && !aws_ok(&arn).await {
                continue;
            }
            client
                .attach_user_policy()
                .user_name(&u.user_name)
                .policy_arn(&arn)
                .send()
                .await
                .expect("AttachUserPolicy");
            let mut a = a.clone();
            a.policy_arn = arn;
            expected.attached_managed_policies.push(a);
        }
        created.user_detail_list.push(expected);
    }

    let mut profiles = BTreeSet::new();
    for r in &roles {
        let tags: Vec<Tag> = r
            .tags
            .iter()
            .map(|t| {
                Tag::builder()
                    .key(&t.key)
                    .value(&t.value)
                    .build()
                    .expect("tag")
            })
            .collect();
        let mut expected = r.clone();
        expected.arn = rewrite(&r.arn);
        let mut req = client
            .create_role()
            .role_name(&r.role_name)
            .path(&r.path)
            .assume_role_policy_document(doc_text(
                r.assume_role_policy_document.as_ref().expect("trust"),
            ))
            .set_description(r.description.clone())
            .set_max_session_duration(r.max_session_duration.map(|d| d as i32))
            .set_tags((!tags.is_empty()).then_some(tags));
        expected.permissions_boundary = None;
        if let Some(b) = &r.permissions_boundary {
            let arn = rewrite(&b.permissions_boundary_arn);
            if !arn.contains(":iam::aws:") || aws_ok(&arn).await {
                req = req.permissions_boundary(&arn);
                let mut b = b.clone();
                b.permissions_boundary_arn = arn;
                expected.permissions_boundary = Some(b);
            }
        }
        req.send()
            .await
            .unwrap_or_else(|e| panic!("CreateRole {}: {e:?}", r.role_name));
        for p in &r.role_policy_list {
            client
                .put_role_policy()
                .role_name(&r.role_name)
                .policy_name(&p.policy_name)
                .policy_document(doc_text(&p.policy_document))
                .send()
                .await
                .expect("PutRolePolicy");
        }
        expected.attached_managed_policies.clear();
        for a in &r.attached_managed_policies {
            let arn = rewrite(&a.policy_arn);
            if arn.contains(":iam::aws:") && !aws_ok(&arn).await {
                continue;
            }
            client
                .attach_role_policy()
                .role_name(&r.role_name)
                .policy_arn(&arn)
                .send()
                .await
                .expect("AttachRolePolicy");
            let mut a = a.clone();
            a.policy_arn = arn;
            expected.attached_managed_policies.push(a);
        }
        for ip in &r.instance_profile_list {
            if profiles.insert(ip.instance_profile_name.clone()) {
                client
                    .create_instance_profile()
                    .instance_profile_name(&ip.instance_profile_name)
                    .path(&ip.path)
                    .send()
                    .await
                    .expect("CreateInstanceProfile");
            }
            client
                .add_role_to_instance_profile()
                .instance_profile_name(&ip.instance_profile_name)
                .role_name(&r.role_name)
                .send()
                .await
                .expect("AddRoleToInstanceProfile");
        }
        created.role_detail_list.push(expected);
    }
    created
}

fn inline_of(list: &[rolecall::snapshot::InlinePolicy]) -> Value {
    let mut v: Vec<Value> = list
        .iter()
        .map(|p| {
            json!([
                p.policy_name,
                rolecall::policy::decode_document(&p.policy_document.to_value()).ok()
            ])
        })
        .collect();
    v.sort_by_key(|x| x.to_string());
    Value::Array(v)
}

fn model_inline(list: &[rolecall::model::InlineDoc]) -> Value {
    let mut v: Vec<Value> = list.iter().map(|i| json!([i.name, i.doc.json])).collect();
    v.sort_by_key(|x| x.to_string());
    Value::Array(v)
}

fn sorted_strings(mut v: Vec<String>) -> Value {
    v.sort();
    json!(v)
}

fn tag_pairs(list: &[rolecall::snapshot::Tag]) -> Value {
    sorted_strings(
        list.iter()
            .map(|t| format!("{}={}", t.key, t.value))
            .collect(),
    )
}

/// Asserts that the model holds exactly what `created` describes: the same
/// roles, users, groups and customer managed policies with the same
/// documents, attachments, boundaries, tags, memberships and versions; and
/// AWS managed policies only where something uses them.
pub fn assert_model_matches(model: &Model, created: &Snapshot) {
    let want_roles: Vec<Value> = created
        .role_detail_list
        .iter()
        .map(|r| {
            json!({
                "name": r.role_name, "arn": r.arn, "path": r.path,
                "trust": rolecall::policy::decode_document(&r.assume_role_policy_document.as_ref().map(RawJson::to_value).unwrap_or(Value::Null)).ok(),
                "inline": inline_of(&r.role_policy_list),
                "attached": sorted_strings(r.attached_managed_policies.iter().map(|a| a.policy_arn.clone()).collect()),
                "boundary": r.permissions_boundary.as_ref().map(|b| &b.permissions_boundary_arn),
                "tags": tag_pairs(&r.tags),
                "description": r.description, "max_session": r.max_session_duration,
                "profiles": sorted_strings(r.instance_profile_list.iter().map(|p| p.instance_profile_name.clone()).collect()),
            })
        })
        .collect();
    let got_roles: Vec<Value> = model
        .roles
        .iter()
        .map(|r| {
            let d = &r.detail;
            json!({
                "name": d.role_name, "arn": d.arn, "path": d.path,
                "trust": r.trust.as_ref().map(|t| &t.json),
                "inline": model_inline(&r.inline),
                "attached": sorted_strings(r.attached.iter().map(|a| a.arn.clone()).collect()),
                "boundary": r.boundary.as_ref().map(|b| &b.arn),
                "tags": tag_pairs(&d.tags),
                "description": d.description, "max_session": d.max_session_duration,
                "profiles": sorted_strings(d.instance_profile_list.iter().map(|p| p.instance_profile_name.clone()).collect()),
            })
        })
        .collect();
    assert_same("roles", &by_name(want_roles), &by_name(got_roles));

    let want_users: Vec<Value> = created
        .user_detail_list
        .iter()
        .map(|u| {
            json!({
                "name": u.user_name, "arn": u.arn, "path": u.path,
                "inline": inline_of(&u.user_policy_list),
                "attached": sorted_strings(u.attached_managed_policies.iter().map(|a| a.policy_arn.clone()).collect()),
                "groups": sorted_strings(u.group_list.clone()), "tags": tag_pairs(&u.tags),
            })
        })
        .collect();
    let got_users: Vec<Value> = model
        .users
        .iter()
        .map(|u| {
            let d = &u.detail;
            json!({
                "name": d.user_name, "arn": d.arn, "path": d.path,
                "inline": model_inline(&u.inline),
                "attached": sorted_strings(u.attached.iter().map(|a| a.arn.clone()).collect()),
                "groups": sorted_strings(u.groups.iter().map(|g| model.groups[*g].detail.group_name.clone()).collect()),
                "tags": tag_pairs(&d.tags),
            })
        })
        .collect();
    assert_same("users", &by_name(want_users), &by_name(got_users));

    let want_groups: Vec<Value> = created
        .group_detail_list
        .iter()
        .map(|g| {
            json!({
                "name": g.group_name, "arn": g.arn, "path": g.path,
                "inline": inline_of(&g.group_policy_list),
                "attached": sorted_strings(g.attached_managed_policies.iter().map(|a| a.policy_arn.clone()).collect()),
            })
        })
        .collect();
    let got_groups: Vec<Value> = model
        .groups
        .iter()
        .map(|g| {
            let d = &g.detail;
            json!({
                "name": d.group_name, "arn": d.arn, "path": d.path,
                "inline": model_inline(&g.inline),
                "attached": sorted_strings(g.attached.iter().map(|a| a.arn.clone()).collect()),
            })
        })
        .collect();
    assert_same("groups", &by_name(want_groups), &by_name(got_groups));

    let want_local: Vec<Value> = created
        .policies
        .iter()
        .map(|p| {
            let mut versions: Vec<Value> = p
                .policy_version_list
                .iter()
                .map(|v| json!([v.version_id, v.is_default_version, rolecall::policy::decode_document(&v.document.as_ref().map(RawJson::to_value).unwrap_or(Value::Null)).ok()]))
                .collect();
            versions.sort_by_key(|x| x.to_string());
            json!({"name": p.policy_name, "arn": p.arn, "path": p.path, "description": p.description, "versions": versions})
        })
        .collect();
    let got_local: Vec<Value> = model
        .policies
        .iter()
        .filter(|p| !p.is_aws_managed())
        .map(|p| {
            let mut versions: Vec<Value> = p
                .versions
                .iter()
                .map(|v| json!([v.version_id, v.is_default, v.doc.json]))
                .collect();
            versions.sort_by_key(|x| x.to_string());
            json!({"name": p.name, "arn": p.arn, "path": p.path, "description": p.description, "versions": versions})
        })
        .collect();
    assert_same(
        "customer managed policies",
        &by_name(want_local),
        &by_name(got_local),
    );

    // AWS managed: exactly those attached somewhere or used as a boundary.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for r in &created.role_detail_list {
        used.extend(
            r.attached_managed_policies
                .iter()
                .map(|a| a.policy_arn.clone()),
        );
        used.extend(
            r.permissions_boundary
                .iter()
                .map(|b| b.permissions_boundary_arn.clone()),
        );
    }
    for u in &created.user_detail_list {
        used.extend(
            u.attached_managed_policies
                .iter()
                .map(|a| a.policy_arn.clone()),
        );
    }
    for g in &created.group_detail_list {
        used.extend(
            g.attached_managed_policies
                .iter()
                .map(|a| a.policy_arn.clone()),
        );
    }
    used.retain(|a| a.contains(":iam::aws:"));
    let got_aws: BTreeSet<String> = model
        .policies
        .iter()
        .filter(|p| p.is_aws_managed())
        .map(|p| p.arn.clone())
        .collect();
    assert_eq!(got_aws, used, "AWS managed policies in the model");
    for p in model.policies.iter().filter(|p| p.is_aws_managed()) {
        assert!(
            p.default_version()
                .is_some_and(|v| v.doc.document().is_some()),
            "{} has a parsed default version",
            p.arn
        );
    }
}

fn by_name(mut v: Vec<Value>) -> Value {
    v.sort_by_key(|x| x["name"].to_string());
    Value::Array(v)
}

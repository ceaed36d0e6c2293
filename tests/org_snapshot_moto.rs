//! `rolecall org snapshot` against a real moto_server: an organization of a
//! management account and four members in three OUs, SCPs at the root, an
//! OU and an account, an RCP, Identity Center with a permission set, users,
//! a group and assignments. moto enforces IAM authorization while rolecall
//! collects (the collector is an IAM user of the management account), so a
//! member account without the role fails for real.
// unsafe_code: tests/support sets the environment with std::env::set_var (unsafe in edition 2024).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unsafe_code)]

mod common;
mod support;

use std::path::Path;
use std::process::{Command, Output};

use aws_config::BehaviorVersion;
use aws_sdk_iam::config::{Credentials, Region};
use serde_json::{Value, json};

use support::populate::runtime;
use support::{MOTO_ACCOUNT, lock, moto_auth, moto_url, reset_moto};

const ROLE: &str = "OrganizationAccountAccessRole";
/// An account outside the organization.
const OUTSIDE: &str = "777777777777";

/// Resets moto's authorization enforcement even when the test fails.
struct AuthOff(String);
impl Drop for AuthOff {
    fn drop(&mut self) {
        moto_auth(&self.0, None);
    }
}

async fn sdk(url: &str, key: &str, secret: &str, token: Option<&str>) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new(
            key,
            secret,
            token.map(str::to_string),
            None,
            "rolecall-tests",
        ))
        .load()
        .await
}

fn doc(statement: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": [statement]}).to_string()
}

/// What the test created, to compare with what rolecall collected.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Access {
    /// The role, with AdministratorAccess.
    Admin,
    /// No role.
    NoRole,
    /// The role with no policy: GAAD and every List call are denied.
    NoRights,
}

struct Created {
    org_id: String,
    root: String,
    /// (name, id, parent id)
    units: Vec<(String, String, String)>,
    /// (name, id, parent id, what its member role is)
    members: Vec<(String, String, String, Access)>,
    /// (name, target ids)
    policies: Vec<(String, Vec<String>)>,
    collector_key: (String, String),
    /// The Identity Center role created in prod-web.
    sso_role: String,
}

impl Created {
    fn member(&self, name: &str) -> &str {
        &self.members.iter().find(|m| m.0 == name).unwrap().1
    }
}

/// A member account's IAM admin client (moto lets the caller assume any
/// role ARN; it does not need to exist yet).
async fn member_iam(base: &aws_config::SdkConfig, url: &str, account: &str) -> aws_sdk_iam::Client {
    let sts = aws_sdk_sts::Client::new(base);
    let out = sts
        .assume_role()
        .role_arn(format!("arn:aws:iam::{account}:role/setup"))
        .role_session_name("setup")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    aws_sdk_iam::Client::new(
        &sdk(
            url,
            c.access_key_id(),
            c.secret_access_key(),
            Some(c.session_token()),
        )
        .await,
    )
}

async fn create_member_role(iam: &aws_sdk_iam::Client, name: &str, trust: &str, policy_arn: &str) {
    iam.create_role()
        .role_name(name)
        .assume_role_policy_document(trust)
        .send()
        .await
        .unwrap();
    iam.attach_role_policy()
        .role_name(name)
        .policy_arn(policy_arn)
        .send()
        .await
        .unwrap();
}

/// An SCP or RCP, attached to each of `targets`.
async fn create_attached(
    orgs: &aws_sdk_organizations::Client,
    name: &str,
    content: &str,
    kind: aws_sdk_organizations::types::PolicyType,
    targets: &[String],
) {
    let p = orgs
        .create_policy()
        .name(name)
        .description(format!("{name} (test)"))
        .content(content)
        .r#type(kind)
        .send()
        .await
        .unwrap();
    let id = p
        .policy()
        .unwrap()
        .policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    for target in targets {
        orgs.attach_policy()
            .policy_id(&id)
            .target_id(target)
            .send()
            .await
            .unwrap();
    }
}

async fn delete_role(iam: &aws_sdk_iam::Client, name: &str) {
    let attached = iam
        .list_attached_role_policies()
        .role_name(name)
        .send()
        .await
        .unwrap();
    for p in attached.attached_policies() {
        iam.detach_role_policy()
            .role_name(name)
            .policy_arn(p.policy_arn().unwrap())
            .send()
            .await
            .unwrap();
    }
    let inline = iam
        .list_role_policies()
        .role_name(name)
        .send()
        .await
        .unwrap();
    for p in inline.policy_names() {
        iam.delete_role_policy()
            .role_name(name)
            .policy_name(p)
            .send()
            .await
            .unwrap();
    }
    iam.delete_role().role_name(name).send().await.unwrap();
}

fn org_access_trust() -> String {
    doc(
        json!({"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{MOTO_ACCOUNT}:root")}, "Action": "sts:AssumeRole"}),
    )
}

async fn build_org(url: &str) -> Created {
    let base = sdk(url, "AKIAROLECALLTEST0001", "rolecall-test-secret", None).await;
    let orgs = aws_sdk_organizations::Client::new(&base);
    use aws_sdk_organizations::types::{OrganizationFeatureSet, PolicyType};
    let org = orgs
        .create_organization()
        .feature_set(OrganizationFeatureSet::All)
        .send()
        .await
        .unwrap();
    let org_id = org.organization().unwrap().id().unwrap().to_string();
    let root = orgs.list_roots().send().await.unwrap().roots()[0]
        .id()
        .unwrap()
        .to_string();
    for t in [
        PolicyType::ServiceControlPolicy,
        PolicyType::ResourceControlPolicy,
    ] {
        orgs.enable_policy_type()
            .root_id(&root)
            .policy_type(t)
            .send()
            .await
            .unwrap();
    }
    let mut units = Vec::new();
    for (name, parent) in [("Prod", None), ("Dev", None), ("Web", Some("Prod"))] {
        let parent_id = match parent {
            None => root.clone(),
            Some(p) => units
                .iter()
                .find(|(n, _, _): &&(String, String, String)| n == p)
                .unwrap()
                .1
                .clone(),
        };
        let ou = orgs
            .create_organizational_unit()
            .parent_id(&parent_id)
            .name(name)
            .send()
            .await
            .unwrap();
        units.push((
            name.to_string(),
            ou.organizational_unit().unwrap().id().unwrap().to_string(),
            parent_id,
        ));
    }
    let ou = |n: &str| units.iter().find(|u| u.0 == n).unwrap().1.clone();
    let mut members = Vec::new();
    for (name, unit, has_role) in [
        ("prod-web", "Web", Access::Admin),
        ("prod-data", "Prod", Access::Admin),
        ("dev-sandbox", "Dev", Access::Admin),
        ("dev-norole", "Dev", Access::NoRole),
        ("dev-locked", "Dev", Access::NoRights),
    ] {
        let out = orgs
            .create_account()
            .account_name(name)
            .email(format!("{name}@example.com"))
            .send()
            .await
            .unwrap();
        let id = out
            .create_account_status()
            .unwrap()
            .account_id()
            .unwrap()
            .to_string();
        orgs.move_account()
            .account_id(&id)
            .source_parent_id(&root)
            .destination_parent_id(ou(unit))
            .send()
            .await
            .unwrap();
        members.push((name.to_string(), id, ou(unit), has_role));
    }

    let mut policies = Vec::new();
    let scps = [
        (
            "DenyLeavingTheOrg",
            doc(
                json!({"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}),
            ),
            root.clone(),
        ),
        (
            "ProdNoIamUsers",
            doc(json!({"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"})),
            ou("Prod"),
        ),
        (
            "SandboxNoAssume",
            doc(
                json!({"Sid": "NoAssume", "Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}),
            ),
            members
                .iter()
                .find(|m| m.0 == "dev-sandbox")
                .unwrap()
                .1
                .clone(),
        ),
    ];
    for (name, content, target) in &scps {
        let mut targets = vec![target.clone()];
        // Also on the management account, which SCPs never restrict (C.1).
        if *name == "SandboxNoAssume" {
            targets.push(MOTO_ACCOUNT.to_string());
        }
        create_attached(
            &orgs,
            name,
            content,
            PolicyType::ServiceControlPolicy,
            &targets,
        )
        .await;
        policies.push((name.to_string(), targets));
    }
    let rcp = doc(
        json!({"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*",
        "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": org_id.clone()}}}),
    );
    let targets = vec![root.clone()];
    create_attached(
        &orgs,
        "OnlyOrgMayAssume",
        &rcp,
        PolicyType::ResourceControlPolicy,
        &targets,
    )
    .await;
    policies.push(("OnlyOrgMayAssume".into(), targets));

    // moto, like Organizations, creates the role in each account it
    // creates; one member loses it. Each gets an app role of its own.
    let admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    let readonly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    for (name, id, _, has_role) in &members {
        let iam = member_iam(&base, url, id).await;
        match has_role {
            Access::NoRole => delete_role(&iam, ROLE).await,
            Access::Admin => {
                iam.attach_role_policy()
                    .role_name(ROLE)
                    .policy_arn(admin)
                    .send()
                    .await
                    .unwrap();
            }
            Access::NoRights => {}
        }
        create_member_role(&iam, &format!("app-{name}"), &org_access_trust(), readonly).await;
    }
    // For the verdict table: a prod-web role trusting two members and an
    // account outside the organization, and one trusting the organization.
    {
        let web = members
            .iter()
            .find(|m| m.0 == "prod-web")
            .unwrap()
            .1
            .clone();
        let iam = member_iam(&base, url, &web).await;
        let roots: Vec<String> = ["prod-data", "dev-sandbox"]
            .iter()
            .map(|n| {
                format!(
                    "arn:aws:iam::{}:root",
                    members.iter().find(|m| m.0 == *n).unwrap().1
                )
            })
            .chain([format!("arn:aws:iam::{OUTSIDE}:root")])
            .collect();
        let trust = doc(
            json!({"Effect": "Allow", "Principal": {"AWS": roots}, "Action": "sts:AssumeRole"}),
        );
        create_member_role(&iam, "shared-deploy", &trust, readonly).await;
        let org_trust = doc(
            json!({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": org_id.clone()}}}),
        );
        create_member_role(&iam, "org-wide-reader", &org_trust, readonly).await;
    }
    // Identity Center: a permission set assigned in prod-web to a user and a group.
    let sso_role = "AWSReservedSSO_PlatformAdmin_0123456789abcdef".to_string();
    let web = members
        .iter()
        .find(|m| m.0 == "prod-web")
        .unwrap()
        .1
        .clone();
    {
        let iam = member_iam(&base, url, &web).await;
        let saml = doc(json!({"Effect": "Allow",
            "Principal": {"Federated": format!("arn:aws:iam::{web}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE")},
            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
            "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}));
        iam.create_role()
            .role_name(&sso_role)
            .path("/aws-reserved/sso.amazonaws.com/")
            .assume_role_policy_document(saml)
            .send()
            .await
            .unwrap();
    }
    let sso = aws_sdk_ssoadmin::Client::new(&base);
    let instance = sso.list_instances().send().await.unwrap().instances()[0].clone();
    let instance_arn = instance.instance_arn().unwrap().to_string();
    let store_id = instance.identity_store_id().unwrap().to_string();
    let ps = sso
        .create_permission_set()
        .instance_arn(&instance_arn)
        .name("PlatformAdmin")
        .description("Admins of the platform")
        // moto's default SessionDuration is the number 3600, which the SDK
        // cannot read (AWS sends an ISO 8601 string).
        .session_duration("PT1H")
        .send()
        .await
        .unwrap();
    let ps_arn = ps
        .permission_set()
        .unwrap()
        .permission_set_arn()
        .unwrap()
        .to_string();
    let store = aws_sdk_identitystore::Client::new(&base);
    let mut user_ids = Vec::new();
    for (user, display) in [
        ("alice@example.com", "Alice Admin"),
        ("bob@example.com", "Bob Builder"),
    ] {
        let out = store
            .create_user()
            .identity_store_id(&store_id)
            .user_name(user)
            .display_name(display)
            .name(
                aws_sdk_identitystore::types::Name::builder()
                    .given_name(display.split(' ').next().unwrap())
                    .family_name(display.split(' ').nth(1).unwrap())
                    .build(),
            )
            .send()
            .await
            .unwrap();
        user_ids.push(out.user_id().to_string());
    }
    let group = store
        .create_group()
        .identity_store_id(&store_id)
        .display_name("platform-oncall")
        .send()
        .await
        .unwrap();
    store
        .create_group_membership()
        .identity_store_id(&store_id)
        .group_id(group.group_id())
        .member_id(aws_sdk_identitystore::types::MemberId::UserId(
            user_ids[1].clone(),
        ))
        .send()
        .await
        .unwrap();
    use aws_sdk_ssoadmin::types::{PrincipalType, TargetType};
    for (kind, id) in [
        (PrincipalType::User, user_ids[0].clone()),
        (PrincipalType::Group, group.group_id().to_string()),
    ] {
        sso.create_account_assignment()
            .instance_arn(&instance_arn)
            .target_id(&web)
            .target_type(TargetType::AwsAccount)
            .permission_set_arn(&ps_arn)
            .principal_type(kind)
            .principal_id(id)
            .send()
            .await
            .unwrap();
    }

    // The collector: an administrator of the management account.
    let iam = aws_sdk_iam::Client::new(&base);
    iam.create_user()
        .user_name("org-collector")
        .send()
        .await
        .unwrap();
    iam.attach_user_policy()
        .user_name("org-collector")
        .policy_arn(admin)
        .send()
        .await
        .unwrap();
    let key = iam
        .create_access_key()
        .user_name("org-collector")
        .send()
        .await
        .unwrap();
    let k = key.access_key().unwrap();
    Created {
        org_id,
        root,
        units,
        members,
        policies,
        collector_key: (
            k.access_key_id().to_string(),
            k.secret_access_key().to_string(),
        ),
        sso_role,
    }
}

/// The real binary with the collector's credentials and nothing else.
/// Credentials for the binary: an access key, with a session token for
/// assumed-role credentials.
trait Creds {
    fn parts(&self) -> (&str, &str, Option<&str>);
}
impl Creds for (String, String) {
    fn parts(&self) -> (&str, &str, Option<&str>) {
        (&self.0, &self.1, None)
    }
}
impl Creds for (String, String, String) {
    fn parts(&self) -> (&str, &str, Option<&str>) {
        (&self.0, &self.1, Some(&self.2))
    }
}

fn rolecall(url: &str, creds: &impl Creds, args: &[&str]) -> Output {
    let (key, secret, token) = creds.parts();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    cmd.env_clear();
    if let Some(token) = token {
        cmd.env("AWS_SESSION_TOKEN", token);
    }
    cmd.args(args)
        .args(["--endpoint-url", url, "--region", "us-east-1"])
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent")
        .env("AWS_ACCESS_KEY_ID", key)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1")
        // moto answers a member without the role with HTTP 500, which is
        // retried; two attempts keep the test short.
        .env("AWS_MAX_ATTEMPTS", "2")
        .output()
        .expect("the binary runs")
}

/// The real binary on files only: no AWS at all.
fn rolecall_offline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// Credentials of the member role in `account`, assumed as the collector.
async fn assume_as(url: &str, key: &(String, String), account: &str) -> (String, String, String) {
    let base = sdk(url, &key.0, &key.1, None).await;
    let out = aws_sdk_sts::Client::new(&base)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{account}:role/{ROLE}"))
        .role_session_name("ci-job")
        .send()
        .await
        .unwrap();
    let c = out.credentials().unwrap();
    (
        c.access_key_id().to_string(),
        c.secret_access_key().to_string(),
        c.session_token().to_string(),
    )
}

fn rolecall_core_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(
        &std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

fn role_names(file: &Path) -> Vec<String> {
    let v = read_json(file);
    let mut names: Vec<String> = v["RoleDetailList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["RoleName"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn org_snapshot_collects_the_tree_policies_identity_center_and_every_reachable_account() {
    let _g = lock();
    let url = moto_url();
    reset_moto(&url);
    let rt = runtime();
    let created = rt.block_on(build_org(&url));
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("org");
    let out_s = out_dir.to_str().unwrap();

    moto_auth(&url, Some(0));
    let auth_off = AuthOff(url.clone());
    let run = rolecall(
        &url,
        &created.collector_key,
        &["org", "snapshot", "-o", out_s, "--concurrency", "3"],
    );
    let stderr = String::from_utf8_lossy(&run.stderr).to_string();
    assert_eq!(
        run.status.code(),
        Some(1),
        "two accounts failed, so exit 1: {stderr}"
    );

    // The tree as created.
    let org = read_json(&out_dir.join("organization.json"));
    assert_eq!(org["format"], "rolecall-organization/1");
    assert_eq!(org["organization"]["id"], created.org_id.as_str());
    assert_eq!(org["organization"]["management_account_id"], MOTO_ACCOUNT);
    assert!(
        org["collected_by"]
            .as_str()
            .unwrap()
            .ends_with(":user/org-collector"),
        "{}",
        org["collected_by"]
    );
    assert_eq!(org["roots"][0]["id"], created.root.as_str());
    let mut types: Vec<&str> = org["roots"][0]["enabled_policy_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    types.sort();
    assert_eq!(types, ["RESOURCE_CONTROL_POLICY", "SERVICE_CONTROL_POLICY"]);
    let mut units: Vec<(String, String, String)> = org["organizational_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap().into(),
                u["id"].as_str().unwrap().into(),
                u["parent_id"].as_str().unwrap().into(),
            )
        })
        .collect();
    units.sort();
    let mut want_units = created.units.clone();
    want_units.sort();
    assert_eq!(units, want_units);
    let accounts = org["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 6, "the management account and five members");
    for (name, id, parent, has_role) in &created.members {
        let a = accounts
            .iter()
            .find(|a| a["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(a["name"], name.as_str());
        assert_eq!(a["email"], format!("{name}@example.com").as_str());
        assert_eq!(a["status"], "ACTIVE");
        assert_eq!(a["parent_id"], parent.as_str(), "{name}");
        match has_role {
            Access::Admin => assert!(a.get("error").is_none_or(Value::is_null), "{name}: {a}"),
            Access::NoRole => {
                let error = a["error"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name} has no error: {a}"));
                assert!(
                    error.contains(&format!("arn:aws:iam::{id}:role/{ROLE}")),
                    "{error}"
                );
            }
            Access::NoRights => {
                let error = a["error"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name} has no error: {a}"));
                assert!(
                    error.contains("GetAccountAuthorizationDetails was denied")
                        && error.contains("iam:ListRoles"),
                    "{error}"
                );
            }
        }
    }
    let mgmt = accounts.iter().find(|a| a["id"] == MOTO_ACCOUNT).unwrap();
    assert_eq!(mgmt["parent_id"], created.root.as_str());
    // Every policy created, with its document and where it was attached.
    let policies = org["policies"].as_array().unwrap();
    for (name, targets) in &created.policies {
        let p = policies
            .iter()
            .find(|p| p["name"] == name.as_str())
            .unwrap_or_else(|| panic!("policy {name} missing"));
        for t in targets {
            assert!(
                p["targets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == t.as_str()),
                "{name} on {t}: {p}"
            );
        }
        let content: Value = serde_json::from_str(p["content"].as_str().unwrap()).unwrap();
        assert!(content["Statement"].is_array(), "{name}: {content}");
    }
    let rcp = policies
        .iter()
        .find(|p| p["name"] == "OnlyOrgMayAssume")
        .unwrap();
    assert_eq!(rcp["type"], "RESOURCE_CONTROL_POLICY");
    // Identity Center as created.
    let ic = &org["identity_center"];
    assert!(ic.get("not_collected").is_none(), "{ic}");
    assert_eq!(ic["permission_sets"][0]["name"], "PlatformAdmin");
    let mut users: Vec<&str> = ic["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user_name"].as_str().unwrap())
        .collect();
    users.sort();
    assert_eq!(users, ["alice@example.com", "bob@example.com"]);
    assert_eq!(ic["groups"][0]["display_name"], "platform-oncall");
    assert_eq!(ic["groups"][0]["members"].as_array().unwrap().len(), 1);
    let web = created.member("prod-web");
    let assignments = ic["assignments"].as_array().unwrap();
    assert_eq!(assignments.len(), 2, "{ic}");
    assert!(assignments.iter().all(|a| a["account_id"] == web));

    // One file per reachable account, each with its own roles.
    let norole = created.member("dev-norole").to_string();
    let locked = created.member("dev-locked").to_string();
    assert!(!out_dir.join(format!("{norole}.json")).exists());
    assert!(!out_dir.join(format!("{locked}.json")).exists());
    assert!(out_dir.join(format!("{MOTO_ACCOUNT}.json")).exists());
    for (name, id, _, _) in created.members.iter().filter(|m| m.3 == Access::Admin) {
        let roles = role_names(&out_dir.join(format!("{id}.json")));
        assert!(roles.contains(&format!("app-{name}")), "{name}: {roles:?}");
        assert!(roles.contains(&ROLE.to_string()), "{name}: {roles:?}");
    }
    assert!(
        stderr.contains(&norole) && stderr.contains("--resume"),
        "{stderr}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".json"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // The missing role created: --resume loads that account alone.
    let untouched = std::fs::metadata(out_dir.join(format!("{web}.json")))
        .unwrap()
        .modified()
        .unwrap();
    moto_auth(&url, None);
    rt.block_on(async {
        let base = sdk(&url, "AKIAROLECALLTEST0001", "rolecall-test-secret", None).await;
        let iam = member_iam(&base, &url, &norole).await;
        create_member_role(
            &iam,
            ROLE,
            &org_access_trust(),
            "arn:aws:iam::aws:policy/AdministratorAccess",
        )
        .await;
    });
    moto_auth(&url, Some(0));
    let again = rolecall(
        &url,
        &created.collector_key,
        &["org", "snapshot", "-o", out_s],
    );
    let stderr = String::from_utf8_lossy(&again.stderr).to_string();
    assert_eq!(
        again.status.code(),
        Some(2),
        "without --resume a used directory is refused: {stderr}"
    );
    assert!(stderr.contains("--resume"), "{stderr}");
    let resumed = rolecall(
        &url,
        &created.collector_key,
        &["org", "snapshot", "-o", out_s, "--resume"],
    );
    let stderr = String::from_utf8_lossy(&resumed.stderr).to_string();
    assert_eq!(
        resumed.status.code(),
        Some(1),
        "dev-locked still fails: {stderr}"
    );
    assert!(
        stderr.contains("1 accounts saved")
            && stderr.contains("4 already there")
            && stderr.contains("1 failed"),
        "{stderr}"
    );
    assert!(
        role_names(&out_dir.join(format!("{norole}.json"))).contains(&"app-dev-norole".to_string())
    );
    assert_eq!(
        std::fs::metadata(out_dir.join(format!("{web}.json")))
            .unwrap()
            .modified()
            .unwrap(),
        untouched
    );
    let org = read_json(&out_dir.join("organization.json"));
    for a in org["accounts"].as_array().unwrap() {
        let failed = a.get("error").is_some_and(|e| !e.is_null());
        assert_eq!(failed, a["id"] == locked.as_str(), "{a}");
    }

    // Choosing accounts: an OU less one account; a name that matches nothing.
    let chosen = dir.path().join("chosen");
    let chosen_s = chosen.to_str().unwrap();
    let run = rolecall(
        &url,
        &created.collector_key,
        &[
            "org",
            "snapshot",
            "-o",
            chosen_s,
            "--ou",
            "Root/Prod",
            "--exclude",
            "prod-data",
            "--no-identity-center",
        ],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        rolecall_core_files(&chosen),
        [format!("{web}.json"), "organization.json".to_string()],
        "only prod-web: under Root/Prod (Web is below it), prod-data excluded"
    );
    let tree = read_json(&chosen.join("organization.json"));
    assert!(tree.get("identity_center").is_none(), "{tree}");
    let typo = rolecall(
        &url,
        &created.collector_key,
        &[
            "org",
            "snapshot",
            "-o",
            dir.path().join("typo").to_str().unwrap(),
            "--accounts",
            "prod-wbe",
        ],
    );
    let stderr = String::from_utf8_lossy(&typo.stderr);
    assert_eq!(typo.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("nothing in organization") && stderr.contains("account prod-wbe"),
        "{stderr}"
    );

    // Who can assume the Identity Center role, in people's terms.
    let who = rolecall_offline(&[
        "who-can-assume",
        &created.sso_role,
        "--file",
        out_s,
        "--json",
    ]);
    assert!(
        who.status.success(),
        "{}",
        String::from_utf8_lossy(&who.stderr)
    );
    let who: Value = serde_json::from_slice(&who.stdout).unwrap();
    let ic = &who["identity_center"];
    assert_eq!(ic["status"], "collected", "{who}");
    assert_eq!(ic["permission_set"], "PlatformAdmin");
    assert_eq!(ic["users"][0]["user_name"], "alice@example.com");
    assert_eq!(ic["users"].as_array().unwrap().len(), 1, "{ic}");
    assert_eq!(ic["groups"][0]["display_name"], "platform-oncall");
    assert_eq!(ic["groups"][0]["members"], json!(["bob@example.com"]));
    assert!(
        ic["trust"]["saml_provider"]
            .as_str()
            .unwrap()
            .contains(":saml-provider/AWSSSO_"),
        "{ic}"
    );

    // Org-aware verdicts on the collected directory, each naming its rule.
    let verdicts = |role: &str| -> Value {
        let arn = format!("arn:aws:iam::{web}:role/{role}");
        let out = rolecall_offline(&["who-can-assume", &arn, "--file", out_s, "--json", "--all"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (shared, org_wide) = (verdicts("shared-deploy"), verdicts("org-wide-reader"));
    let entry = |report: &Value, principal: &str| -> Value {
        report["principals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["principal"] == principal)
            .cloned()
            .unwrap_or_else(|| panic!("{principal} not listed: {report}"))
    };
    let member_role = |name: &str| format!("arn:aws:iam::{}:role/{ROLE}", created.member(name));
    let cases: [(&str, &Value, String, &str, &str); 5] = [
        (
            "C.2 deny-list: an SCP Deny attached to the caller's account denies",
            &shared,
            member_role("dev-sandbox"),
            "denied",
            "SandboxNoAssume",
        ),
        (
            "C.2 FullAWSAccess at every level from the root to the account allows",
            &shared,
            member_role("prod-data"),
            "allowed",
            "",
        ),
        (
            "C.4/C.7 an RCP of the role's account denies a caller outside the organization",
            &shared,
            format!("arn:aws:iam::{OUTSIDE}:root"),
            "denied",
            "OnlyOrgMayAssume",
        ),
        (
            "C.8 aws:PrincipalOrgID decided from the tree for a member's principal",
            &org_wide,
            member_role("prod-data"),
            "allowed",
            "",
        ),
        (
            "C.1 SCPs never restrict the management account (SandboxNoAssume is attached to it too)",
            &org_wide,
            format!("arn:aws:iam::{MOTO_ACCOUNT}:user/org-collector"),
            "allowed",
            "",
        ),
    ];
    for (rule, report, principal, verdict, named) in cases {
        let e = entry(report, &principal);
        assert_eq!(e["verdict"], verdict, "{rule}: {e}");
        assert!(
            e["reasons"].to_string().contains(named),
            "{rule}: the reasons name {named}: {e}"
        );
    }

    // The outsider's verdict says what the organization cannot know,
    // rather than that SCPs and RCPs were not evaluated at all.
    let outsider = entry(&shared, &format!("arn:aws:iam::{OUTSIDE}:root"));
    let reasons = outsider["reasons"].to_string();
    assert!(
        reasons.contains(&format!(
            "the caller's account {OUTSIDE} is not in organization"
        )) && !reasons.contains("not in the snapshot"),
        "{outsider}"
    );

    // The same accounts collected one job each (`rolecall snapshot` with
    // each account's credentials) and the tree with --no-accounts, merged
    // into one directory, open the same.
    let merged = dir.path().join("merged");
    let merged_s = merged.to_str().unwrap();
    let tree_only = rolecall(
        &url,
        &created.collector_key,
        &["org", "snapshot", "-o", merged_s, "--no-accounts"],
    );
    assert_eq!(
        tree_only.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&tree_only.stderr)
    );
    assert_eq!(rolecall_core_files(&merged), ["organization.json"]);
    let own = rolecall(
        &url,
        &created.collector_key,
        &["snapshot", "-o", &format!("{merged_s}/{MOTO_ACCOUNT}.json")],
    );
    assert!(
        own.status.success(),
        "{}",
        String::from_utf8_lossy(&own.stderr)
    );
    for (name, id, _, access) in &created.members {
        if *access == Access::NoRights {
            continue;
        }
        let creds = rt.block_on(assume_as(&url, &created.collector_key, id));
        let job = rolecall(
            &url,
            &creds,
            &["snapshot", "-o", &format!("{merged_s}/{id}.json")],
        );
        assert!(
            job.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&job.stderr)
        );
    }
    let audit = |d: &str| {
        let out = rolecall_offline(&["audit", "--file", d, "--json"]);
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut report: Value = serde_json::from_slice(&out.stdout).unwrap();
        // Where each file is and when it was captured differ; the rest may not.
        let accounts = report["accounts"].take();
        let ids: Vec<String> = accounts
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["account_id"].as_str().unwrap().to_string())
            .collect();
        (ids, report)
    };
    let (merged_accounts, merged_report) = audit(merged_s);
    let (org_accounts, org_report) = audit(out_s);
    assert_eq!(merged_accounts.len(), 5);
    assert_eq!(merged_accounts, org_accounts);
    assert!(merged_report["summary"]["total"].as_u64().unwrap() > 0);
    assert_eq!(
        merged_report, org_report,
        "the merged directory audits the same"
    );
    let who_merged = rolecall_offline(&[
        "who-can-assume",
        &created.sso_role,
        "--file",
        merged_s,
        "--json",
    ]);
    let who_org = rolecall_offline(&[
        "who-can-assume",
        &created.sso_role,
        "--file",
        out_s,
        "--json",
    ]);
    assert_eq!(who_merged.stdout, who_org.stdout);
    drop(auth_off);
}

/// `rolecall --org` in a real terminal: the organization loads live, the
/// header counts the accounts, the failed ones are said, and the roles of
/// every loaded account can be browsed.
#[test]
fn org_live_loads_every_reachable_account_into_the_ui() {
    let _g = lock();
    let url = moto_url();
    reset_moto(&url);
    let created = runtime().block_on(build_org(&url));
    moto_auth(&url, Some(0));
    let _auth_off = AuthOff(url.clone());
    let (key, secret) = &created.collector_key;
    let env = [
        ("AWS_ACCESS_KEY_ID", key.as_str()),
        ("AWS_SECRET_ACCESS_KEY", secret.as_str()),
        ("AWS_CONFIG_FILE", "/dev/null"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_MAX_ATTEMPTS", "2"),
    ];
    let tmux = common::tmux::Tmux::start_with_env("org-live", 140, 40, &env);
    tmux.wait_for("shell$");
    tmux.type_text(&format!(
        "{} --org --endpoint-url {url} --region us-east-1",
        env!("CARGO_BIN_EXE_rolecall")
    ));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Loaded 4 of 6 accounts");
    assert!(screen.contains("2 failed"), "{screen}");
    assert!(
        screen.contains(&format!("org {} │ 4 of 6 accounts loaded", created.org_id)),
        "{screen}"
    );
    // The Accounts view: the tree as collected, the failures with their reasons.
    tmux.type_text("A");
    let screen = tmux.wait_for("Accounts 6 of 6");
    for name in [
        "Prod",
        "Web",
        "Dev",
        "prod-web",
        "prod-data",
        "dev-sandbox",
        "master",
    ] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!(" {name} ")))
            .unwrap_or_else(|| panic!("no row for {name}: {screen}"))
            .to_string()
    };
    assert!(
        row("dev-norole").contains("not loaded: loading its IAM as arn:aws:iam::"),
        "{screen}"
    );
    assert!(row("dev-locked").contains("not loaded"), "{screen}");
    assert!(
        row("prod-web").contains("loaded") && row("prod-web").contains(" 5 "),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("Roles 9 of 9");
    tmux.type_text("/app-prod-web");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Role app-prod-web");
    assert!(screen.contains(created.member("prod-web")), "{screen}");
    // The Identity Center role's Who-can-assume tab names the people.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Roles 9 of 9");
    tmux.type_text("/AWSReservedSSO");
    tmux.wait_for("AWSReservedSSO_PlatformAdmin");
    tmux.keys(&["Enter"]);
    tmux.type_text("2");
    let screen = tmux.wait_for("IC group");
    assert!(
        screen.contains("IC user") && screen.contains("alice@example.com"),
        "{screen}"
    );
    assert!(
        screen.contains("platform-oncall") && screen.contains("bob@example.com"),
        "{screen}"
    );
    tmux.type_text("q");
    tmux.wait_for_prompt();
}

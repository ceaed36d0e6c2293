//! Small GAAD worlds written as literal JSON, built case by case. Account A
//! is 111111111111, account B 222222222222.

use serde_json::{Value, json};

use rolecall_core::model::Model;
use rolecall_core::source::{Loaded, file::parse_gaad};

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";

/// A policy document with Version 2012-10-17.
pub fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

pub fn allow(action: &str, resource: &str) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource})
}

pub fn deny(action: &str, resource: &str) -> Value {
    json!({"Effect": "Deny", "Action": action, "Resource": resource})
}

pub fn allow_if(action: &str, resource: &str, condition: Value) -> Value {
    json!({"Effect": "Allow", "Action": action, "Resource": resource, "Condition": condition})
}

pub fn arn(account: &str, kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:{kind}/{name}")
}

/// A trust policy statement admitting a service principal.
pub fn trusts_service(service: &str) -> Value {
    json!({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})
}

/// A trust policy statement admitting an AWS principal (ARN or account).
pub fn trusts_aws(who: &str) -> Value {
    json!({"Effect": "Allow", "Principal": {"AWS": who}, "Action": "sts:AssumeRole"})
}

pub fn boundary(account: &str, name: &str) -> Value {
    json!({"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn(account, "policy", name)})
}

pub fn attached(account: &str, names: &[&str]) -> Value {
    Value::Array(
        names
            .iter()
            .map(|n| json!({"PolicyName": n, "PolicyArn": arn(account, "policy", n)}))
            .collect(),
    )
}

/// One instance profile holding the role `role` of `account`.
pub fn instance_profile(account: &str, role: &str) -> Value {
    json!([{
        "Path": "/", "InstanceProfileName": format!("{role}-profile"),
        "InstanceProfileId": format!("AIPA{}", role.to_uppercase().replace('-', "")),
        "Arn": arn(account, "instance-profile", &format!("{role}-profile")),
        "Roles": [{"RoleName": role, "Arn": arn(account, "role", role)}],
    }])
}

fn merge(into: &mut Value, extra: Value) {
    if let (Some(into), Value::Object(extra)) = (into.as_object_mut(), extra) {
        into.extend(extra);
    }
}

#[derive(Debug, Clone, Default)]
struct Gaad {
    users: Vec<Value>,
    groups: Vec<Value>,
    roles: Vec<Value>,
    policies: Vec<Value>,
}

/// A world: one GAAD document per account.
#[derive(Debug, Clone, Default)]
pub struct World {
    accounts: Vec<(&'static str, Gaad)>,
}

fn inline(name: &str, statements: &Value) -> Option<Value> {
    statements.as_array().filter(|a| !a.is_empty()).map(|_| {
        json!([{"PolicyName": format!("{name}-inline"), "PolicyDocument": doc(statements.clone())}])
    })
}

impl World {
    pub fn new() -> World {
        World::default()
    }

    fn gaad(&mut self, account: &'static str) -> &mut Gaad {
        if let Some(i) = self.accounts.iter().position(|(a, _)| *a == account) {
            return &mut self.accounts[i].1;
        }
        self.accounts.push((account, Gaad::default()));
        let last = self.accounts.len() - 1;
        &mut self.accounts[last].1
    }

    /// A user of account A with an inline policy of `statements`.
    pub fn user(self, name: &str, statements: Value, extra: Value) -> World {
        self.user_in(A, name, statements, extra)
    }

    pub fn user_in(
        mut self,
        account: &'static str,
        name: &str,
        statements: Value,
        extra: Value,
    ) -> World {
        let mut u = json!({
            "UserName": name, "UserId": format!("AIDA{}", name.to_uppercase().replace('-', "")),
            "Path": "/", "Arn": arn(account, "user", name),
        });
        if let Some(list) = inline(name, &statements) {
            u["UserPolicyList"] = list;
        }
        merge(&mut u, extra);
        self.gaad(account).users.push(u);
        self
    }

    /// A role of account A with trust statements `trust` and an inline
    /// policy of `statements`.
    pub fn role(self, name: &str, trust: Value, statements: Value, extra: Value) -> World {
        self.role_in(A, name, trust, statements, extra)
    }

    pub fn role_in(
        mut self,
        account: &'static str,
        name: &str,
        trust: Value,
        statements: Value,
        extra: Value,
    ) -> World {
        let mut r = json!({
            "RoleName": name, "RoleId": format!("AROA{}", name.to_uppercase().replace('-', "")),
            "Path": "/", "Arn": arn(account, "role", name),
        });
        if trust.as_array().is_some_and(|a| !a.is_empty()) {
            r["AssumeRolePolicyDocument"] = doc(trust);
        }
        if let Some(list) = inline(name, &statements) {
            r["RolePolicyList"] = list;
        }
        merge(&mut r, extra);
        self.gaad(account).roles.push(r);
        self
    }

    /// A group of account A with an inline policy of `statements`.
    pub fn group(mut self, name: &str, statements: Value, extra: Value) -> World {
        let mut g = json!({
            "GroupName": name, "GroupId": format!("AGPA{}", name.to_uppercase().replace('-', "")),
            "Path": "/", "Arn": arn(A, "group", name),
        });
        if let Some(list) = inline(name, &statements) {
            g["GroupPolicyList"] = list;
        }
        merge(&mut g, extra);
        self.gaad(A).groups.push(g);
        self
    }

    /// A customer managed policy of account A with one default version.
    pub fn policy(mut self, name: &str, statements: Value) -> World {
        self.gaad(A).policies.push(json!({
            "PolicyName": name, "PolicyId": format!("ANPA{}", name.to_uppercase().replace('-', "")),
            "Arn": arn(A, "policy", name), "Path": "/", "DefaultVersionId": "v1",
            "AttachmentCount": 1,
            "PolicyVersionList": [{"Document": doc(statements), "VersionId": "v1", "IsDefaultVersion": true}],
        }));
        self
    }

    pub fn build(&self) -> Model {
        let loaded = self
            .accounts
            .iter()
            .map(|(account, g)| {
                let gaad = json!({
                    "UserDetailList": g.users, "GroupDetailList": g.groups,
                    "RoleDetailList": g.roles, "Policies": g.policies,
                    "Rolecall": {"FormatVersion": 1, "AccountId": account, "Partition": "aws"},
                });
                let bytes = serde_json::to_vec(&gaad).expect("serializes");
                Loaded {
                    origin: format!("{account}.json"),
                    snapshot: parse_gaad(&bytes, account).expect("the world parses"),
                }
            })
            .collect();
        rolecall_core::model::build(loaded)
    }
}

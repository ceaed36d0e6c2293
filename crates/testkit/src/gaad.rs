//! A small builder for the GAAD accounts tests write by hand.
//!
//! ```
//! use rolecall_testkit::gaad::*;
//!
//! let alice = user_arn("111111111111", "alice");
//! let model = Account::new("111111111111")
//!     .user(User::new("alice").inline("assume", document([allow("sts:AssumeRole", "*")])))
//!     .role(Role::new("deploy").trusted_by(aws(root("111111111111"))))
//!     .role(Role::new("app/web").trusted_by(aws(&alice)).tag("team", "web"))
//!     .model();
//! assert_eq!(model.roles.len(), 2);
//! ```
//!
//! An [`Account`] holds [`Role`]s, [`User`]s, [`Group`]s and managed
//! [`Policy`]s; it gives the JSON `aws iam get-account-authorization-details`
//! would return ([`Account::gaad`]), or that JSON read back by rolecall's own
//! parser ([`Account::snapshot`]) and model builder ([`Account::model`]), so
//! a test exercises the same path as a real file. Policy documents are plain
//! `serde_json::Value`s; [`document`], [`allow`], [`deny`], [`trust_allow`]
//! and [`trust_deny`] write the common ones, and `json!` the odd ones.
//!
//! Ids are derived from names (the same name always gets the same id), and
//! a policy given by name rather than ARN is a customer managed policy of the
//! account it is attached in.

use serde::Serialize;
use serde_json::{Value, json};

use rolecall_core::model::{self, Model};
use rolecall_core::snapshot::{
    AttachedPolicy, GroupDetail, InlinePolicy, ManagedPolicyDetail, PermissionsBoundary,
    PolicyVersion, RawJson, RoleDetail, RoleLastUsed, Snapshot, Tag, UserDetail,
};
use rolecall_core::source::{Loaded, file::parse_gaad};

/// Any value as JSON, as `json!(value)` would make it (so `&String`,
/// `&str`, lists and `Value`s are all accepted).
fn to_json(value: impl Serialize) -> Value {
    serde_json::to_value(value).expect("test data serializes to JSON")
}

// ---------------------------------------------------------------------------
// ARNs and principals

/// The root ARN of an account, `arn:aws:iam::ACCOUNT:root`.
pub fn root(account: &str) -> String {
    format!("arn:aws:iam::{account}:root")
}

/// `name` may start with a path: `ops/alice` is user `alice` at `/ops/`.
pub fn user_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:user/{name}")
}

/// `name` may start with a path: `app/web` is role `web` at `/app/`.
pub fn role_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

pub fn group_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:group/{name}")
}

/// A customer managed policy's ARN.
pub fn policy_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:policy/{name}")
}

/// The ARN of one session of a role.
pub fn session_arn(account: &str, role: &str, session: &str) -> String {
    format!("arn:aws:sts::{account}:assumed-role/{role}/{session}")
}

/// `{"AWS": principal}`: an ARN, an account id, `*`, or a list of them.
pub fn aws(principal: impl Serialize) -> Value {
    json!({ "AWS": to_json(principal) })
}

/// `{"Service": service}`, e.g. `service("lambda.amazonaws.com")`.
pub fn service(service: impl Serialize) -> Value {
    json!({ "Service": to_json(service) })
}

/// `{"Federated": provider}`: a SAML or OIDC provider ARN, or a web identity
/// provider by name.
pub fn federated(provider: impl Serialize) -> Value {
    json!({ "Federated": to_json(provider) })
}

// ---------------------------------------------------------------------------
// Policy documents

/// One policy statement. Build it with [`allow`], [`deny`], [`trust_allow`]
/// or [`trust_deny`], or from any JSON object with `Statement::from`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement(Value);

/// An identity-policy statement: Allow `action` on `resource` (each a string
/// or a list).
pub fn allow(action: impl Serialize, resource: impl Serialize) -> Statement {
    Statement(json!({"Effect": "Allow", "Action": to_json(action), "Resource": to_json(resource)}))
}

/// An identity-policy statement: Deny `action` on `resource`.
pub fn deny(action: impl Serialize, resource: impl Serialize) -> Statement {
    Statement(json!({"Effect": "Deny", "Action": to_json(action), "Resource": to_json(resource)}))
}

/// A trust-policy statement: Allow `action` to `principal` (see [`aws`],
/// [`service`], [`federated`]; `json!("*")` for everyone).
pub fn trust_allow(principal: Value, action: impl Serialize) -> Statement {
    Statement(json!({"Effect": "Allow", "Principal": principal, "Action": to_json(action)}))
}

/// A trust-policy statement: Deny `action` to `principal`.
pub fn trust_deny(principal: Value, action: impl Serialize) -> Statement {
    Statement(json!({"Effect": "Deny", "Principal": principal, "Action": to_json(action)}))
}

impl Statement {
    /// Adds a `Condition` block, e.g. `json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}})`.
    pub fn when(self, condition: Value) -> Statement {
        self.set("Condition", condition)
    }

    /// Sets the `Sid`, first in the statement as AWS writes it.
    pub fn sid(self, sid: &str) -> Statement {
        match self.0 {
            Value::Object(rest) => {
                let mut map = serde_json::Map::new();
                map.insert("Sid".into(), json!(sid));
                map.extend(rest.into_iter().filter(|(key, _)| key != "Sid"));
                Statement(Value::Object(map))
            }
            other => Statement(other),
        }
    }

    /// Sets any key of the statement (e.g. `NotResource`).
    pub fn set(mut self, key: &str, value: impl Serialize) -> Statement {
        if let Value::Object(map) = &mut self.0 {
            map.insert(key.into(), to_json(value));
        }
        self
    }
}

impl From<Value> for Statement {
    fn from(statement: Value) -> Statement {
        Statement(statement)
    }
}

impl From<Statement> for Value {
    fn from(statement: Statement) -> Value {
        statement.0
    }
}

/// A policy document: `{"Version": "2012-10-17", "Statement": [...]}`.
pub fn document(statements: impl IntoIterator<Item = Statement>) -> Value {
    let statements: Vec<Value> = statements.into_iter().map(Value::from).collect();
    json!({"Version": "2012-10-17", "Statement": statements})
}

// ---------------------------------------------------------------------------
// Entities

/// FNV-1a: a stable id for a name, so snapshots of the same account agree.
fn id_for(prefix: &str, name: &str) -> String {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{prefix}{hash:017X}")
}

/// `app/web` → (`/app/`, `web`); `web` → (`/`, `web`).
fn split_path(name: &str) -> (String, String) {
    match name.rsplit_once('/') {
        Some((path, short)) => (format!("/{path}/"), short.to_string()),
        None => ("/".to_string(), name.to_string()),
    }
}

/// A policy named in the account, or any policy by its full ARN.
fn attached_policy(account: &str, name_or_arn: &str) -> AttachedPolicy {
    let arn = if name_or_arn.starts_with("arn:") {
        name_or_arn.to_string()
    } else {
        policy_arn(account, name_or_arn)
    };
    let name = arn.rsplit('/').next().unwrap_or_default().to_string();
    AttachedPolicy {
        policy_name: name,
        policy_arn: arn,
    }
}

fn boundary(account: &str, name_or_arn: &str) -> PermissionsBoundary {
    PermissionsBoundary {
        permissions_boundary_type: Some("Policy".into()),
        permissions_boundary_arn: attached_policy(account, name_or_arn).policy_arn,
    }
}

fn inline(name: &str, document: Value) -> InlinePolicy {
    InlinePolicy {
        policy_name: name.into(),
        policy_document: document.into(),
    }
}

fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: key.into(),
        value: value.into(),
    }
}

/// The policies a principal holds, by name or ARN until the account is known.
#[derive(Debug, Clone, Default)]
struct Policies {
    inline: Vec<InlinePolicy>,
    attached: Vec<String>,
    boundary: Option<String>,
}

/// An IAM role. The name may start with a path (`app/web`).
#[derive(Debug, Clone)]
pub struct Role {
    name: String,
    id: Option<String>,
    trust: Option<Value>,
    policies: Policies,
    tags: Vec<Tag>,
    description: Option<String>,
    last_used: Option<RoleLastUsed>,
    created: Option<String>,
    max_session: Option<u32>,
}

impl Role {
    /// A role with no trust policy (so nobody can assume it) and nothing else.
    pub fn new(name: &str) -> Role {
        Role {
            name: name.into(),
            id: None,
            trust: None,
            policies: Policies::default(),
            tags: Vec::new(),
            description: None,
            last_used: None,
            created: None,
            max_session: None,
        }
    }

    /// The trust policy document (any JSON, even a URL-encoded string).
    pub fn trust(mut self, document: impl Into<Value>) -> Role {
        self.trust = Some(document.into());
        self
    }

    /// A trust policy of one statement: Allow `sts:AssumeRole` to `principal`.
    pub fn trusted_by(self, principal: Value) -> Role {
        self.trust(document([trust_allow(principal, "sts:AssumeRole")]))
    }

    /// Replaces the id derived from the name (`AROA…`).
    pub fn id(mut self, id: &str) -> Role {
        self.id = Some(id.into());
        self
    }

    pub fn inline(mut self, name: &str, document: impl Into<Value>) -> Role {
        self.policies.inline.push(inline(name, document.into()));
        self
    }

    /// Attaches a managed policy: a name in this account, or an ARN.
    pub fn attached(mut self, policy: &str) -> Role {
        self.policies.attached.push(policy.into());
        self
    }

    /// The permissions boundary: a name in this account, or an ARN.
    pub fn boundary(mut self, policy: &str) -> Role {
        self.policies.boundary = Some(policy.into());
        self
    }

    pub fn tag(mut self, key: &str, value: &str) -> Role {
        self.tags.push(tag(key, value));
        self
    }

    pub fn description(mut self, text: &str) -> Role {
        self.description = Some(text.into());
        self
    }

    /// `RoleLastUsed` with an ISO 8601 date, and the region when given.
    pub fn last_used(mut self, date: &str, region: Option<&str>) -> Role {
        self.last_used = Some(RoleLastUsed {
            last_used_date: Some(date.into()),
            region: region.map(String::from),
        });
        self
    }

    /// `"RoleLastUsed": {}`, what GAAD says of a role never used.
    pub fn never_used(mut self) -> Role {
        self.last_used = Some(RoleLastUsed::default());
        self
    }

    /// The ISO 8601 `CreateDate`.
    pub fn created(mut self, date: &str) -> Role {
        self.created = Some(date.into());
        self
    }

    /// `MaxSessionDuration` in seconds.
    pub fn max_session(mut self, seconds: u32) -> Role {
        self.max_session = Some(seconds);
        self
    }

    fn detail(&self, account: &str) -> RoleDetail {
        let (path, name) = split_path(&self.name);
        RoleDetail {
            path,
            role_name: name,
            role_id: self
                .id
                .clone()
                .unwrap_or_else(|| id_for("AROA", &self.name)),
            arn: role_arn(account, &self.name),
            create_date: self.created.clone(),
            assume_role_policy_document: self.trust.clone().map(RawJson::from),
            instance_profile_list: Vec::new(),
            role_policy_list: self.policies.inline.clone(),
            attached_managed_policies: self.policies.attached(account),
            permissions_boundary: self.policies.boundary(account),
            tags: self.tags.clone(),
            role_last_used: self.last_used.clone(),
            description: self.description.clone(),
            max_session_duration: self.max_session,
        }
    }
}

impl Policies {
    fn attached(&self, account: &str) -> Vec<AttachedPolicy> {
        self.attached
            .iter()
            .map(|p| attached_policy(account, p))
            .collect()
    }

    fn boundary(&self, account: &str) -> Option<PermissionsBoundary> {
        self.boundary.as_deref().map(|p| boundary(account, p))
    }
}

/// An IAM user. The name may start with a path (`ops/alice`).
#[derive(Debug, Clone)]
pub struct User {
    name: String,
    id: Option<String>,
    groups: Vec<String>,
    policies: Policies,
    tags: Vec<Tag>,
}

impl User {
    pub fn new(name: &str) -> User {
        User {
            name: name.into(),
            id: None,
            groups: Vec::new(),
            policies: Policies::default(),
            tags: Vec::new(),
        }
    }

    /// Replaces the id derived from the name (`AIDA…`).
    pub fn id(mut self, id: &str) -> User {
        self.id = Some(id.into());
        self
    }

    /// Puts the user in a group (by name).
    pub fn group(mut self, group: &str) -> User {
        self.groups.push(group.into());
        self
    }

    pub fn inline(mut self, name: &str, document: impl Into<Value>) -> User {
        self.policies.inline.push(inline(name, document.into()));
        self
    }

    /// Attaches a managed policy: a name in this account, or an ARN.
    pub fn attached(mut self, policy: &str) -> User {
        self.policies.attached.push(policy.into());
        self
    }

    /// The permissions boundary: a name in this account, or an ARN.
    pub fn boundary(mut self, policy: &str) -> User {
        self.policies.boundary = Some(policy.into());
        self
    }

    pub fn tag(mut self, key: &str, value: &str) -> User {
        self.tags.push(tag(key, value));
        self
    }

    fn detail(&self, account: &str) -> UserDetail {
        let (path, name) = split_path(&self.name);
        UserDetail {
            path,
            user_name: name,
            user_id: self
                .id
                .clone()
                .unwrap_or_else(|| id_for("AIDA", &self.name)),
            arn: user_arn(account, &self.name),
            create_date: None,
            user_policy_list: self.policies.inline.clone(),
            group_list: self.groups.clone(),
            attached_managed_policies: self.policies.attached(account),
            permissions_boundary: self.policies.boundary(account),
            tags: self.tags.clone(),
        }
    }
}

/// An IAM group. Members are named on the [`User`].
#[derive(Debug, Clone)]
pub struct Group {
    name: String,
    policies: Policies,
}

impl Group {
    pub fn new(name: &str) -> Group {
        Group {
            name: name.into(),
            policies: Policies::default(),
        }
    }

    pub fn inline(mut self, name: &str, document: impl Into<Value>) -> Group {
        self.policies.inline.push(inline(name, document.into()));
        self
    }

    /// Attaches a managed policy: a name in this account, or an ARN.
    pub fn attached(mut self, policy: &str) -> Group {
        self.policies.attached.push(policy.into());
        self
    }

    fn detail(&self, account: &str) -> GroupDetail {
        let (path, name) = split_path(&self.name);
        GroupDetail {
            path,
            group_name: name,
            group_id: id_for("AGPA", &self.name),
            arn: group_arn(account, &self.name),
            create_date: None,
            group_policy_list: self.policies.inline.clone(),
            attached_managed_policies: self.policies.attached(account),
        }
    }
}

/// A customer managed policy with one or more versions.
#[derive(Debug, Clone)]
pub struct Policy {
    name: String,
    /// (version id, document), in the order GAAD lists them.
    versions: Vec<(String, Value)>,
    default_version: String,
}

impl Policy {
    /// A policy whose only version, `v1`, is the default.
    pub fn new(name: &str, document: impl Into<Value>) -> Policy {
        Policy {
            name: name.into(),
            versions: vec![("v1".into(), document.into())],
            default_version: "v1".into(),
        }
    }

    /// Adds a version that is not the default (unless [`Policy::default_version`] says so).
    pub fn version(mut self, id: &str, document: impl Into<Value>) -> Policy {
        self.versions.push((id.into(), document.into()));
        self
    }

    pub fn default_version(mut self, id: &str) -> Policy {
        self.default_version = id.into();
        self
    }

    fn detail(&self, account: &str) -> ManagedPolicyDetail {
        let (path, name) = split_path(&self.name);
        ManagedPolicyDetail {
            policy_name: Some(name),
            policy_id: Some(id_for("ANPA", &self.name)),
            arn: policy_arn(account, &self.name),
            path,
            default_version_id: Some(self.default_version.clone()),
            policy_version_list: self
                .versions
                .iter()
                .map(|(id, document)| PolicyVersion {
                    document: Some(document.clone().into()),
                    version_id: id.clone(),
                    is_default_version: *id == self.default_version,
                    create_date: None,
                })
                .collect(),
            ..ManagedPolicyDetail::default()
        }
    }
}

// ---------------------------------------------------------------------------
// Accounts

/// One account's GAAD, with rolecall's header (account id, partition
/// `aws`, and the capture time when given).
#[derive(Debug, Clone)]
pub struct Account {
    id: String,
    captured_at: Option<String>,
    origin: Option<String>,
    users: Vec<User>,
    groups: Vec<Group>,
    roles: Vec<Role>,
    policies: Vec<Policy>,
}

impl Account {
    /// An empty account with this 12-digit id.
    pub fn new(id: &str) -> Account {
        Account {
            id: id.into(),
            captured_at: None,
            origin: None,
            users: Vec::new(),
            groups: Vec::new(),
            roles: Vec::new(),
            policies: Vec::new(),
        }
    }

    /// The header's ISO 8601 capture time; ages ("unused for 90 days") count
    /// from it.
    pub fn captured_at(mut self, when: &str) -> Account {
        self.captured_at = Some(when.into());
        self
    }

    /// The name the snapshot is loaded under (default `test-ACCOUNT.json`).
    pub fn origin(mut self, origin: &str) -> Account {
        self.origin = Some(origin.into());
        self
    }

    pub fn role(mut self, role: Role) -> Account {
        self.roles.push(role);
        self
    }

    pub fn user(mut self, user: User) -> Account {
        self.users.push(user);
        self
    }

    pub fn group(mut self, group: Group) -> Account {
        self.groups.push(group);
        self
    }

    pub fn policy(mut self, policy: Policy) -> Account {
        self.policies.push(policy);
        self
    }

    pub fn roles(mut self, roles: impl IntoIterator<Item = Role>) -> Account {
        self.roles.extend(roles);
        self
    }

    pub fn users(mut self, users: impl IntoIterator<Item = User>) -> Account {
        self.users.extend(users);
        self
    }

    pub fn policies(mut self, policies: impl IntoIterator<Item = Policy>) -> Account {
        self.policies.extend(policies);
        self
    }

    /// The GAAD JSON, as `aws iam get-account-authorization-details` (plus
    /// rolecall's header) would give it.
    pub fn gaad(&self) -> Value {
        let mut header = json!({"FormatVersion": 1, "AccountId": self.id, "Partition": "aws"});
        if let Some(when) = &self.captured_at {
            header["CapturedAt"] = json!(when);
        }
        let id = self.id.as_str();
        let snapshot = Snapshot {
            header: None,
            user_detail_list: self.users.iter().map(|u| u.detail(id)).collect(),
            group_detail_list: self.groups.iter().map(|g| g.detail(id)).collect(),
            role_detail_list: self.roles.iter().map(|r| r.detail(id)).collect(),
            policies: self.policies.iter().map(|p| p.detail(id)).collect(),
        };
        let mut gaad = serde_json::to_value(snapshot).expect("a snapshot serializes");
        gaad["Rolecall"] = header;
        gaad
    }

    /// The GAAD read back by rolecall's GAAD parser. Panics if it does not
    /// parse (only the documents inside are free-form JSON).
    pub fn snapshot(&self) -> Snapshot {
        let bytes = serde_json::to_vec(&self.gaad()).expect("GAAD serializes");
        parse_gaad(&bytes, &self.origin_name()).expect("the builder's GAAD parses")
    }

    /// The snapshot as a source hands it to the model builder.
    pub fn loaded(&self) -> Loaded {
        Loaded {
            origin: self.origin_name(),
            snapshot: self.snapshot(),
        }
    }

    /// The model of this account alone.
    pub fn model(&self) -> Model {
        model_of(std::slice::from_ref(self))
    }

    fn origin_name(&self) -> String {
        self.origin
            .clone()
            .unwrap_or_else(|| format!("test-{}.json", self.id))
    }
}

/// The model of several accounts loaded together, in order.
pub fn model_of(accounts: &[Account]) -> Model {
    model::build(accounts.iter().map(Account::loaded).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "111111111111";

    #[test]
    fn gaad_has_the_aws_cli_shape() {
        let gaad = Account::new(A)
            .captured_at("2026-11-20T00:00:00Z")
            .user(
                User::new("ops/alice")
                    .group("devs")
                    .boundary("limit")
                    .tag("team", "sre"),
            )
            .group(Group::new("devs").attached("arn:aws:iam::aws:policy/ReadOnlyAccess"))
            .role(
                Role::new("app/web")
                    .trusted_by(service("ec2.amazonaws.com"))
                    .inline("s3", document([allow("s3:GetObject", "*")]))
                    .attached("limit")
                    .last_used("2026-11-19T00:00:00Z", Some("eu-west-1"))
                    .max_session(3600),
            )
            .policy(Policy::new("limit", document([allow("*", "*")])).version("v2", json!({})))
            .gaad();
        assert_eq!(
            gaad["Rolecall"],
            json!({"FormatVersion": 1, "AccountId": A, "Partition": "aws", "CapturedAt": "2026-11-20T00:00:00Z"})
        );
        let user = &gaad["UserDetailList"][0];
        assert_eq!(user["Path"], "/ops/");
        assert_eq!(user["UserName"], "alice");
        assert_eq!(user["Arn"], "arn:aws:iam::111111111111:user/ops/alice");
        assert_eq!(user["GroupList"], json!(["devs"]));
        assert_eq!(
            user["PermissionsBoundary"],
            json!({"PermissionsBoundaryType": "Policy",
                   "PermissionsBoundaryArn": "arn:aws:iam::111111111111:policy/limit"})
        );
        assert_eq!(user["Tags"], json!([{"Key": "team", "Value": "sre"}]));
        assert_eq!(
            gaad["GroupDetailList"][0]["AttachedManagedPolicies"],
            json!([{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}])
        );
        let role = &gaad["RoleDetailList"][0];
        assert_eq!(role["Arn"], "arn:aws:iam::111111111111:role/app/web");
        assert_eq!(
            role["AssumeRolePolicyDocument"]["Statement"][0],
            json!({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
        );
        assert_eq!(role["RolePolicyList"][0]["PolicyName"], "s3");
        assert_eq!(role["RoleLastUsed"]["Region"], "eu-west-1");
        assert_eq!(role["MaxSessionDuration"], 3600);
        assert!(role["RoleId"].as_str().unwrap().starts_with("AROA"));
        let policy = &gaad["Policies"][0];
        assert_eq!(policy["DefaultVersionId"], "v1");
        assert_eq!(policy["PolicyVersionList"][0]["IsDefaultVersion"], true);
        assert_eq!(policy["PolicyVersionList"][1]["IsDefaultVersion"], false);
    }

    #[test]
    fn ids_follow_names() {
        let one = Account::new(A).role(Role::new("r")).gaad();
        let again = Account::new(A).role(Role::new("r")).gaad();
        let other = Account::new(A).role(Role::new("s")).gaad();
        let id = |g: &Value| g["RoleDetailList"][0]["RoleId"].clone();
        assert_eq!(id(&one), id(&again));
        assert_ne!(id(&one), id(&other));
        assert_eq!(id(&one).as_str().map(str::len), Some(21));
    }

    #[test]
    fn statements_take_conditions_and_sids() {
        let d = document([
            trust_allow(aws(root(A)), "sts:AssumeRole")
                .when(json!({"Bool": {"aws:SecureTransport": "true"}})),
            trust_deny(aws("*"), "sts:AssumeRole").sid("NoOne"),
            deny("sts:AssumeRole", "*").set("Resource", json!(["a", "b"])),
        ]);
        assert_eq!(d["Version"], "2012-10-17");
        assert_eq!(
            d["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"],
            "true"
        );
        assert_eq!(d["Statement"][1]["Sid"], "NoOne");
        let keys: Vec<&String> = d["Statement"][1].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["Sid", "Effect", "Principal", "Action"]);
        assert_eq!(d["Statement"][2]["Resource"], json!(["a", "b"]));
    }

    #[test]
    fn the_model_sees_what_was_built() {
        let model = Account::new(A)
            .captured_at("2026-11-20T00:00:00Z")
            .user(User::new("alice"))
            .role(Role::new("target").trusted_by(aws(user_arn(A, "alice"))))
            .model();
        assert_eq!(model.roles.len(), 1);
        assert_eq!(model.roles[0].detail.arn, role_arn(A, "target"));
        assert_eq!(model.accounts[0].account_id, A);
        assert!(model.warnings.is_empty(), "{:?}", model.warnings);
        let two = model_of(&[
            Account::new(A),
            Account::new("222222222222").origin("b.json"),
        ]);
        assert_eq!(two.accounts.len(), 2);
    }
}

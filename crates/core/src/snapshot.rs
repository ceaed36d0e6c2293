//! The owned data of one account: exactly the content of
//! `aws iam get-account-authorization-details` (GAAD), plus rolecall's header.
//!
//! Field names follow the AWS CLI's JSON so a GAAD file deserializes as is
//! and a snapshot rolecall writes is still read by tools that read GAAD.
//! Policy documents stay raw here (a JSON object, or a URL-encoded string as
//! the raw API returns them), kept as compact JSON text (`RawJson`);
//! `model` decodes them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// One account's IAM data as loaded from a file, the demo, or the live API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Snapshot {
    /// rolecall's own header; absent in a plain GAAD file.
    #[serde(rename = "Rolecall", default, skip_serializing_if = "Option::is_none")]
    pub header: Option<SnapshotHeader>,
    #[serde(default)]
    pub user_detail_list: Vec<UserDetail>,
    #[serde(default)]
    pub group_detail_list: Vec<GroupDetail>,
    #[serde(default)]
    pub role_detail_list: Vec<RoleDetail>,
    #[serde(default)]
    pub policies: Vec<ManagedPolicyDetail>,
}

/// Where and when a snapshot was captured. Every field is optional so a
/// hand-edited or older header still loads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnapshotHeader {
    #[serde(default)]
    pub format_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_alias: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
    /// ISO 8601 capture time; ages ("last used 40 days ago") count from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolecall_version: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleDetail {
    #[serde(default)]
    pub path: String,
    pub role_name: String,
    #[serde(default)]
    pub role_id: String,
    pub arn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume_role_policy_document: Option<RawJson>,
    #[serde(default)]
    pub instance_profile_list: Vec<InstanceProfile>,
    #[serde(default)]
    pub role_policy_list: Vec<InlinePolicy>,
    #[serde(default)]
    pub attached_managed_policies: Vec<AttachedPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<PermissionsBoundary>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_last_used: Option<RoleLastUsed>,
    /// Not in GAAD; GetRole has it and rolecall's snapshots carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Not in GAAD; GetRole has it and rolecall's snapshots carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserDetail {
    #[serde(default)]
    pub path: String,
    pub user_name: String,
    #[serde(default)]
    pub user_id: String,
    pub arn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(default)]
    pub user_policy_list: Vec<InlinePolicy>,
    #[serde(default)]
    pub group_list: Vec<String>,
    #[serde(default)]
    pub attached_managed_policies: Vec<AttachedPolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<PermissionsBoundary>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupDetail {
    #[serde(default)]
    pub path: String,
    pub group_name: String,
    #[serde(default)]
    pub group_id: String,
    pub arn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(default)]
    pub group_policy_list: Vec<InlinePolicy>,
    #[serde(default)]
    pub attached_managed_policies: Vec<AttachedPolicy>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ManagedPolicyDetail {
    /// moto omits the name; `model` then takes it from the ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
    pub arn: String,
    #[serde(default)]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_version_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary_usage_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_attachable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_date: Option<String>,
    #[serde(default)]
    pub policy_version_list: Vec<PolicyVersion>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyVersion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<RawJson>,
    #[serde(default)]
    pub version_id: String,
    #[serde(default)]
    pub is_default_version: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InlinePolicy {
    pub policy_name: String,
    #[serde(default)]
    pub policy_document: RawJson,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedPolicy {
    #[serde(default)]
    pub policy_name: String,
    pub policy_arn: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PermissionsBoundary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary_type: Option<String>,
    pub permissions_boundary_arn: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleLastUsed {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InstanceProfile {
    #[serde(default)]
    pub path: String,
    pub instance_profile_name: String,
    #[serde(default)]
    pub instance_profile_id: String,
    #[serde(default)]
    pub arn: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    /// Role summaries as AWS returns them; kept so a saved snapshot is lossless.
    #[serde(default)]
    pub roles: Vec<RawJson>,
}

/// One JSON value of a snapshot kept as compact JSON text: a policy
/// document as the source carried it, or a role summary. As `Value` trees
/// the documents of a 200 MB GAAD file took three to four times the file;
/// as text they take less than the file. Each is read into a `Value` only
/// while it is decoded (`to_value`), one at a time.
///
/// Equality is of the text, which keeps the source's key order: two
/// documents that differ only in key order are not equal here (drift
/// compares the decoded values).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RawJson(Box<str>);

impl RawJson {
    pub fn from_value(value: &Value) -> RawJson {
        RawJson(value.to_string().into_boxed_str())
    }

    /// The value. The text was written by serde_json from a parsed value,
    /// so it always parses; `Null` stands in should it ever not.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }

    /// The compact JSON text.
    pub fn as_json_text(&self) -> &str {
        &self.0
    }
}

impl Default for RawJson {
    fn default() -> RawJson {
        RawJson("null".into())
    }
}

impl From<Value> for RawJson {
    fn from(value: Value) -> RawJson {
        RawJson::from_value(&value)
    }
}

impl std::fmt::Debug for RawJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Through the value, so a pretty writer indents documents too.
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawJson, D::Error> {
        // One document's tree at a time, dropped as soon as it is text.
        Value::deserialize(deserializer).map(|value| RawJson::from_value(&value))
    }
}

impl Snapshot {
    /// True when the snapshot holds no IAM entity at all.
    pub fn is_empty(&self) -> bool {
        self.user_detail_list.is_empty()
            && self.group_detail_list.is_empty()
            && self.role_detail_list.is_empty()
            && self.policies.is_empty()
    }
}

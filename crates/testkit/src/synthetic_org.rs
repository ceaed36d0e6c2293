//! A generated AWS Organization written as a directory `rolecall open DIR`
//! reads: `ACCOUNT_ID.json` per account (GAAD from [`crate::synthetic`],
//! with cross-account trusts between the organization's accounts and
//! trusts narrowed to its `aws:PrincipalOrgID`) and `organization.json` (a
//! management account, OUs two levels deep, FullAWSAccess everywhere as AWS
//! attaches it, deny-list SCPs at the root and on OUs, an RCP keeping STS
//! to the organization). Deterministic.

use std::path::Path;

use serde_json::{Value, json};

use crate::synthetic::{OrgPlacement, SyntheticSpec, generate_account, to_json_bytes};

/// The generated organization's id.
pub const ORG_ID: &str = "o-synth0rg01";
const ROOT: &str = "r-synt";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgSpec {
    /// Accounts, the management account included (at least 2).
    pub accounts: usize,
    /// Roles per account.
    pub roles: usize,
    /// Users per account.
    pub users: usize,
}

/// The id of the `i`-th account (the management account is 0).
pub fn account_id(i: usize) -> String {
    format!("{:012}", 200_000_000_000u64 + i as u64 * 7_919)
}

fn doc(statements: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

/// `organization.json` of the generated organization.
pub fn organization(spec: &OrgSpec) -> Value {
    let ids: Vec<String> = (0..spec.accounts.max(2)).map(account_id).collect();
    // Root → five OUs → two children each; member accounts round-robin
    // into the ten leaves, the management account (the first) at the root.
    let tops = ["Prod", "Staging", "Dev", "Sandbox", "Security"];
    let mut units = Vec::new();
    let mut leaves = Vec::new();
    for (t, top) in tops.iter().enumerate() {
        let top_id = format!("ou-synt-top{t}0000");
        units.push(json!({"id": top_id, "name": top, "parent_id": ROOT}));
        for c in 0..2 {
            let id = format!("ou-synt-leaf{t}{c}000");
            units.push(json!({"id": id, "name": format!("{}-{}", top.to_lowercase(), ["a", "b"][c]), "parent_id": top_id}));
            leaves.push(id);
        }
    }
    let mut org_accounts = vec![
        json!({"id": ids[0], "name": "management", "email": "aws-management@example.com", "status": "ACTIVE", "parent_id": ROOT}),
    ];
    for (i, id) in ids.iter().enumerate().skip(1) {
        org_accounts.push(json!({
            "id": id, "name": format!("account-{i:03}"), "email": format!("aws-{i:03}@example.com"),
            "status": "ACTIVE", "parent_id": leaves[i % leaves.len()]}));
    }
    let mut everything: Vec<Value> = vec![json!(ROOT)];
    everything.extend(units.iter().map(|u| u["id"].clone()));
    everything.extend(ids.iter().map(|i| json!(i)));
    let policies = json!([
        {"id": "p-FullAWSAccess", "name": "FullAWSAccess", "type": "SERVICE_CONTROL_POLICY", "aws_managed": true,
         "content": doc(json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}])), "targets": everything},
        {"id": "p-denyleave0001", "name": "DenyLeavingTheOrganization", "type": "SERVICE_CONTROL_POLICY",
         "content": doc(json!([{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}])),
         "targets": [ROOT]},
        {"id": "p-prodguard001", "name": "ProdGuardrails", "type": "SERVICE_CONTROL_POLICY",
         "content": doc(json!([{"Sid": "NoIamUsers", "Effect": "Deny", "Action": ["iam:CreateUser", "iam:CreateAccessKey"], "Resource": "*"}])),
         "targets": ["ou-synt-top00000"]},
        {"id": "p-sandbox00001", "name": "SandboxRegions", "type": "SERVICE_CONTROL_POLICY",
         "content": doc(json!([{"Effect": "Deny", "NotAction": ["iam:*", "sts:*", "organizations:*"], "Resource": "*",
                                "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}])),
         "targets": ["ou-synt-top30000"]},
        {"id": "p-rcpstsorg001", "name": "StsOnlyFromTheOrganization", "type": "RESOURCE_CONTROL_POLICY",
         "content": doc(json!([{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Resource": "*",
                                "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG_ID},
                                              "Bool": {"aws:PrincipalIsAWSService": "false"}}}])),
         "targets": [ROOT]}
    ]);
    json!({
        "format": "rolecall-organization/1",
        "collected_at": "2026-12-01T00:00:00Z",
        "collected_by": "synthetic_org",
        "organization": {"id": ORG_ID, "management_account_id": ids[0], "feature_set": "ALL"},
        "roots": [{"id": ROOT, "name": "Root", "enabled_policy_types": ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]}],
        "organizational_units": units,
        "accounts": org_accounts,
        "policies": policies,
    })
}

/// Writes the organization into `dir` (created if missing).
pub fn write_organization(dir: &Path, spec: &OrgSpec) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let ids: Vec<String> = (0..spec.accounts.max(2)).map(account_id).collect();
    std::fs::write(
        dir.join("organization.json"),
        serde_json::to_vec_pretty(&organization(spec)).map_err(std::io::Error::other)?,
    )?;
    for (i, id) in ids.iter().enumerate() {
        let siblings: Vec<String> = (1..=20)
            .map(|k| ids[(i + k * 7) % ids.len()].clone())
            .filter(|s| s != id)
            .collect();
        let account = SyntheticSpec {
            account_id: id.clone(),
            seed: 0x5EED_0000 + i as u64,
            organization: Some(OrgPlacement {
                org_id: ORG_ID.into(),
                siblings,
            }),
            ..SyntheticSpec::sized(spec.roles, spec.users)
        };
        let bytes =
            to_json_bytes(&generate_account(&account), false).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(format!("{id}.json")), bytes)?;
    }
    Ok(())
}

//! The organization's tree and its authorization policies, read with the
//! Organizations API (ORGANIZATIONS.md C.9): `DescribeOrganization`,
//! `ListRoots`, `ListOrganizationalUnitsForParent` and
//! `ListAccountsForParent` from each root down, `ListPolicies` per enabled
//! type, then `DescribePolicy` and `ListTargetsForPolicy` for each policy
//! (`ListPoliciesForTarget` gives direct attachments only, so the targets of
//! each policy are read and inheritance is worked out from the tree).

use aws_config::SdkConfig;
use aws_sdk_organizations::Client;
use aws_sdk_organizations::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_organizations::types::{PolicyType as SdkPolicyType, PolicyTypeStatus};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use futures_util::{StreamExt, TryStreamExt};

use rolecall_core::org::{OrgAccount, OrgPolicy, OrgSummary, Organization, PolicyType, Root, Unit};

use crate::LiveError;
use crate::client::region_of;
use crate::error::{CallError, classify};

/// Describe/List calls in flight while reading policies.
const POLICY_CALLS_IN_FLIGHT: usize = 8;

/// Every item of a paginated Organizations call: `field` of each page.
/// (These paginators have no item streams; pages are read until `NextToken`
/// is gone, even after an empty page, as C.9 warns.)
macro_rules! all_items {
    ($call:expr, $field:ident, $name:literal) => {{
        let mut out = Vec::new();
        let mut pages = $call.into_paginator().send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| org_error($name, &e))?;
            out.extend(page.$field().iter().cloned());
        }
        out
    }};
}

/// An Organizations call's failure as a message that says what to do.
fn org_error<E>(call: &str, err: &SdkError<E, HttpResponse>) -> LiveError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let class = classify(err);
    let code = err.code().unwrap_or_default();
    let hint = if code == "AWSOrganizationsNotInUseException" {
        "The caller's account is not in an organization; save one account with `rolecall snapshot -o FILE` instead"
    } else if matches!(class, CallError::Denied(_)) {
        "Run it with credentials of the organization's management account, or of a member account that is a delegated administrator for AWS Organizations (it must be allowed organizations:Describe* and organizations:List*)"
    } else if matches!(class, CallError::Connection(_)) {
        "Check the network and the endpoint (--endpoint-url, AWS_ENDPOINT_URL), then run it again"
    } else {
        "Run it again with --log-file to see the requests"
    };
    LiveError::Organization {
        call: call.to_string(),
        detail: class.detail().to_string(),
        hint: hint.to_string(),
    }
}

pub(super) async fn collect(
    sdk: &SdkConfig,
    step: &(dyn Fn(&str) + Sync),
) -> Result<Organization, LiveError> {
    let client = Client::from_conf(
        aws_sdk_organizations::config::Builder::from(sdk)
            .region(region_of(sdk))
            .build(),
    );
    step("organizations:DescribeOrganization");
    let described = client
        .describe_organization()
        .send()
        .await
        .map_err(|e| org_error("organizations:DescribeOrganization", &e))?;
    let Some(o) = described.organization() else {
        return Err(LiveError::Organization {
            call: "organizations:DescribeOrganization".into(),
            detail: "the answer had no organization".into(),
            hint: "Run it again with --log-file to see the requests".into(),
        });
    };
    let summary = OrgSummary {
        id: o.id().unwrap_or_default().to_string(),
        arn: o.arn().map(str::to_string),
        management_account_id: o.master_account_id().unwrap_or_default().to_string(),
        feature_set: o.feature_set().map(|f| f.as_str().to_string()),
    };

    step("organizations:ListRoots");
    let sdk_roots: Vec<aws_sdk_organizations::types::Root> =
        all_items!(client.list_roots(), roots, "organizations:ListRoots");
    let roots: Vec<Root> = sdk_roots
        .iter()
        .map(|r| Root {
            id: r.id().unwrap_or_default().to_string(),
            name: r.name().unwrap_or("Root").to_string(),
            enabled_policy_types: r
                .policy_types()
                .iter()
                .filter(|t| t.status() == Some(&PolicyTypeStatus::Enabled))
                .filter_map(|t| t.r#type().map(|t| t.as_str().to_string()))
                .collect(),
        })
        .collect();

    let (units, accounts) = walk(&client, &roots, step).await?;

    let mut policies = Vec::new();
    for (sdk_kind, kind) in [
        (
            SdkPolicyType::ServiceControlPolicy,
            PolicyType::ServiceControl,
        ),
        (
            SdkPolicyType::ResourceControlPolicy,
            PolicyType::ResourceControl,
        ),
    ] {
        let enabled = roots.iter().any(|r| {
            r.enabled_policy_types
                .iter()
                .any(|t| t == sdk_kind.as_str())
        });
        // A type not enabled on the root has no gate (C.9): nothing to read.
        if enabled {
            policies.extend(policies_of(&client, sdk_kind, kind, step).await?);
        }
    }
    Ok(Organization::new(summary, roots, units, accounts, policies))
}

/// The OUs and accounts under the roots (depth first; the order does not
/// matter, accounts are sorted by id).
async fn walk(
    client: &Client,
    roots: &[Root],
    step: &(dyn Fn(&str) + Sync),
) -> Result<(Vec<Unit>, Vec<OrgAccount>), LiveError> {
    let mut units = Vec::new();
    let mut accounts = Vec::new();
    let mut parents: Vec<String> = roots.iter().map(|r| r.id.clone()).collect();
    while let Some(parent) = parents.pop() {
        step(&format!(
            "the tree: {} OUs, {} accounts",
            units.len(),
            accounts.len()
        ));
        let children: Vec<_> = all_items!(
            client
                .list_organizational_units_for_parent()
                .parent_id(&parent),
            organizational_units,
            "organizations:ListOrganizationalUnitsForParent"
        );
        for ou in children {
            let id = ou.id().unwrap_or_default().to_string();
            parents.push(id.clone());
            units.push(Unit {
                id,
                name: ou.name().unwrap_or_default().to_string(),
                parent_id: parent.clone(),
            });
        }
        let members: Vec<_> = all_items!(
            client.list_accounts_for_parent().parent_id(&parent),
            accounts,
            "organizations:ListAccountsForParent"
        );
        for a in members {
            accounts.push(OrgAccount {
                id: a.id().unwrap_or_default().to_string(),
                name: a.name().unwrap_or_default().to_string(),
                email: a.email().unwrap_or_default().to_string(),
                status: a
                    .status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                parent_id: parent.clone(),
                error: None,
            });
        }
    }
    accounts.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((units, accounts))
}

/// Every policy of one type with its document and direct targets.
async fn policies_of(
    client: &Client,
    sdk_kind: SdkPolicyType,
    kind: PolicyType,
    step: &(dyn Fn(&str) + Sync),
) -> Result<Vec<OrgPolicy>, LiveError> {
    step(&format!(
        "organizations:ListPolicies ({})",
        sdk_kind.as_str()
    ));
    let summaries: Vec<_> = all_items!(
        client.list_policies().filter(sdk_kind),
        policies,
        "organizations:ListPolicies"
    );
    let total = summaries.len();
    futures_util::stream::iter(summaries.into_iter().enumerate())
        .map(|(i, summary)| async move {
            let id = summary.id().unwrap_or_default().to_string();
            step(&format!("{} {}/{total}: {id}", kind.as_str(), i + 1));
            let described = client
                .describe_policy()
                .policy_id(&id)
                .send()
                .await
                .map_err(|e| org_error("organizations:DescribePolicy", &e))?;
            let content = described
                .policy()
                .and_then(|p| p.content())
                .unwrap_or_default()
                .to_string();
            let targets: Vec<_> = all_items!(
                client.list_targets_for_policy().policy_id(&id),
                targets,
                "organizations:ListTargetsForPolicy"
            );
            Ok::<_, LiveError>(OrgPolicy {
                id,
                name: summary.name().unwrap_or_default().to_string(),
                kind,
                aws_managed: summary.aws_managed(),
                description: summary.description().unwrap_or_default().to_string(),
                content: serde_json::Value::String(content),
                targets: targets
                    .iter()
                    .filter_map(|t| t.target_id().map(str::to_string))
                    .collect(),
            })
        })
        .buffered(POLICY_CALLS_IN_FLIGHT)
        .try_collect()
        .await
}

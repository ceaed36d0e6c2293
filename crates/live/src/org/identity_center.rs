//! IAM Identity Center: permission sets (sso-admin), the identity store's
//! users, groups and memberships (identitystore), and the account
//! assignments of each user and group. Read in one region, the one
//! Identity Center lives in.

use aws_config::SdkConfig;
use futures_util::StreamExt;

use rolecall_core::org::identity_center::{
    Assignment, IcGroup, IcInstance, IcUser, IdentityCenter, PermissionSet, PrincipalType,
};

use crate::client::region_of;
use crate::error::classify;

/// Calls in flight for the per-set and per-principal reads.
const IN_FLIGHT: usize = 8;

/// Identity Center as far as it can be read; `not_collected` says why not.
pub(super) async fn collect(
    sdk: &SdkConfig,
    region: Option<&str>,
    step: &(dyn Fn(&str) + Sync),
) -> IdentityCenter {
    let region = region
        .map(|r| aws_config::Region::new(r.to_string()))
        .unwrap_or_else(|| region_of(sdk));
    match read(sdk, &region, step).await {
        Ok(ic) => ic,
        Err(why) => IdentityCenter {
            not_collected: Some(why),
            ..IdentityCenter::default()
        },
    }
}

/// Pages of a paginated call collected, or the call's failure in words.
macro_rules! all_pages {
    ($call:expr, $name:literal) => {
        $call
            .into_paginator()
            .items()
            .send()
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{} failed: {}", $name, classify(&e).detail()))
    };
}

async fn read(
    sdk: &SdkConfig,
    region: &aws_config::Region,
    step: &(dyn Fn(&str) + Sync),
) -> Result<IdentityCenter, String> {
    let sso = aws_sdk_ssoadmin::Client::from_conf(
        aws_sdk_ssoadmin::config::Builder::from(sdk)
            .region(region.clone())
            .build(),
    );
    let store = aws_sdk_identitystore::Client::from_conf(
        aws_sdk_identitystore::config::Builder::from(sdk)
            .region(region.clone())
            .build(),
    );
    step("Identity Center: sso:ListInstances");
    let instances = all_pages!(sso.list_instances(), "sso:ListInstances")?;
    if instances.is_empty() {
        return Err(format!(
            "no Identity Center instance in region {region} (pass --identity-center-region if it lives in another)"
        ));
    }
    let mut ic = IdentityCenter::default();
    for instance in &instances {
        let (Some(arn), Some(store_id)) = (instance.instance_arn(), instance.identity_store_id())
        else {
            continue;
        };
        ic.instances.push(IcInstance {
            arn: arn.to_string(),
            identity_store_id: store_id.to_string(),
        });
        step("Identity Center: permission sets");
        let set_arns = all_pages!(
            sso.list_permission_sets().instance_arn(arn),
            "sso:ListPermissionSets"
        )?;
        let sets: Vec<Result<PermissionSet, String>> = futures_util::stream::iter(set_arns)
            .map(|set_arn| {
                let sso = &sso;
                async move {
                    let out = sso
                        .describe_permission_set()
                        .instance_arn(arn)
                        .permission_set_arn(&set_arn)
                        .send()
                        .await
                        .map_err(|e| {
                            format!(
                                "sso:DescribePermissionSet failed: {}",
                                classify(&e).detail()
                            )
                        })?;
                    let set = out.permission_set();
                    Ok(PermissionSet {
                        name: set.and_then(|s| s.name()).unwrap_or_default().to_string(),
                        description: set
                            .and_then(|s| s.description())
                            .unwrap_or_default()
                            .to_string(),
                        arn: set_arn,
                        instance_arn: arn.to_string(),
                    })
                }
            })
            .buffered(IN_FLIGHT)
            .collect()
            .await;
        for set in sets {
            ic.permission_sets.push(set?);
        }

        step("Identity Center: users and groups");
        let users = all_pages!(
            store.list_users().identity_store_id(store_id),
            "identitystore:ListUsers"
        )?;
        ic.users.extend(users.iter().map(|u| IcUser {
            id: u.user_id().to_string(),
            user_name: u.user_name().unwrap_or_default().to_string(),
            display_name: u.display_name().unwrap_or_default().to_string(),
        }));
        let groups = all_pages!(
            store.list_groups().identity_store_id(store_id),
            "identitystore:ListGroups"
        )?;
        let with_members: Vec<Result<IcGroup, String>> = futures_util::stream::iter(groups)
            .map(|g| {
                let store = &store;
                async move {
                    let memberships = all_pages!(
                        store
                            .list_group_memberships()
                            .identity_store_id(store_id)
                            .group_id(g.group_id()),
                        "identitystore:ListGroupMemberships"
                    )?;
                    Ok(IcGroup {
                        id: g.group_id().to_string(),
                        display_name: g.display_name().unwrap_or_default().to_string(),
                        members: memberships
                            .iter()
                            .filter_map(|m| match m.member_id() {
                                Some(aws_sdk_identitystore::types::MemberId::UserId(id)) => {
                                    Some(id.clone())
                                }
                                _ => None,
                            })
                            .collect(),
                    })
                }
            })
            .buffered(IN_FLIGHT)
            .collect()
            .await;
        for g in with_members {
            ic.groups.push(g?);
        }

        step("Identity Center: account assignments");
        let principals: Vec<(PrincipalType, String)> = ic
            .users
            .iter()
            .map(|u| (PrincipalType::User, u.id.clone()))
            .chain(
                ic.groups
                    .iter()
                    .map(|g| (PrincipalType::Group, g.id.clone())),
            )
            .collect();
        let assigned: Vec<Result<Vec<Assignment>, String>> = futures_util::stream::iter(principals)
            .map(|(kind, id)| {
                let sso = &sso;
                async move {
                    let sdk_kind = match kind {
                        PrincipalType::User => aws_sdk_ssoadmin::types::PrincipalType::User,
                        PrincipalType::Group => aws_sdk_ssoadmin::types::PrincipalType::Group,
                    };
                    let rows = all_pages!(
                        sso.list_account_assignments_for_principal()
                            .instance_arn(arn)
                            .principal_id(&id)
                            .principal_type(sdk_kind),
                        "sso:ListAccountAssignmentsForPrincipal"
                    )?;
                    Ok(rows
                        .iter()
                        .filter_map(|r| {
                            Some(Assignment {
                                account_id: r.account_id()?.to_string(),
                                permission_set_arn: r.permission_set_arn()?.to_string(),
                                principal_type: kind,
                                principal_id: id.clone(),
                            })
                        })
                        .collect())
                }
            })
            .buffered(IN_FLIGHT)
            .collect()
            .await;
        for rows in assigned {
            ic.assignments.extend(rows?);
        }
    }
    Ok(ic)
}

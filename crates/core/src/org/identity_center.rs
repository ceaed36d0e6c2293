//! IAM Identity Center as collected with the organization: permission
//! sets, who is assigned them in which account, and the identity store's
//! users and groups. It answers who can assume an `AWSReservedSSO_*` role
//! in people's terms: the role is the permission set provisioned in one
//! account, and the people are those assigned that set there, directly or
//! through a group.

use serde::{Deserialize, Serialize};

/// The `identity_center` part of `organization.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentityCenter {
    /// Why it was not collected (no instance, access denied, `--no-identity-center`);
    /// `None` when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_collected: Option<String>,
    #[serde(default)]
    pub instances: Vec<IcInstance>,
    #[serde(default)]
    pub permission_sets: Vec<PermissionSet>,
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    #[serde(default)]
    pub users: Vec<IcUser>,
    #[serde(default)]
    pub groups: Vec<IcGroup>,
}

/// `sso-admin:ListInstances`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IcInstance {
    pub arn: String,
    pub identity_store_id: String,
}

/// `sso-admin:DescribePermissionSet`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PermissionSet {
    pub arn: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub instance_arn: String,
}

/// Whether an assignment names a user or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrincipalType {
    #[serde(rename = "USER")]
    User,
    #[serde(rename = "GROUP")]
    Group,
}

/// One account assignment: this user or group may use this permission set
/// in this account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub account_id: String,
    pub permission_set_arn: String,
    pub principal_type: PrincipalType,
    pub principal_id: String,
}

/// `identitystore:ListUsers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IcUser {
    pub id: String,
    pub user_name: String,
    #[serde(default)]
    pub display_name: String,
}

/// `identitystore:ListGroups` with `ListGroupMemberships`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IcGroup {
    pub id: String,
    pub display_name: String,
    /// User ids.
    #[serde(default)]
    pub members: Vec<String>,
}

/// The permission-set name in a role name `AWSReservedSSO_NAME_0123456789abcdef`.
pub fn permission_set_of_role(role_name: &str) -> Option<&str> {
    let rest = role_name.strip_prefix("AWSReservedSSO_")?;
    let (name, suffix) = rest.rsplit_once('_')?;
    let hex = suffix.len() == 16 && suffix.bytes().all(|b| b.is_ascii_hexdigit());
    (hex && !name.is_empty()).then_some(name)
}

/// Who may use one role of Identity Center.
#[derive(Debug, Clone, PartialEq)]
pub struct SsoAccess<'a> {
    pub permission_set: &'a PermissionSet,
    /// Users assigned directly.
    pub users: Vec<&'a IcUser>,
    /// Groups assigned, each with its members (unknown ids left out).
    pub groups: Vec<(&'a IcGroup, Vec<&'a IcUser>)>,
    /// Assigned principal ids not in the identity store data.
    pub unknown: Vec<&'a str>,
}

impl IdentityCenter {
    /// The permission set behind `AWSReservedSSO_*` role `role_name` of
    /// `account_id`, and who is assigned it there. `None` for another role,
    /// or a permission set this data does not hold.
    pub fn access(&self, account_id: &str, role_name: &str) -> Option<SsoAccess<'_>> {
        let name = permission_set_of_role(role_name)?;
        let permission_set = self.permission_sets.iter().find(|p| p.name == name)?;
        let mut access = SsoAccess {
            permission_set,
            users: Vec::new(),
            groups: Vec::new(),
            unknown: Vec::new(),
        };
        // Groups can have thousands of members: look users up by id.
        let by_id: std::collections::HashMap<&str, &IcUser> =
            self.users.iter().map(|u| (u.id.as_str(), u)).collect();
        let user = |id: &str| by_id.get(id).copied();
        for a in self
            .assignments
            .iter()
            .filter(|a| a.account_id == account_id && a.permission_set_arn == permission_set.arn)
        {
            match a.principal_type {
                PrincipalType::User => match user(&a.principal_id) {
                    Some(u) => access.users.push(u),
                    None => access.unknown.push(&a.principal_id),
                },
                PrincipalType::Group => match self.groups.iter().find(|g| g.id == a.principal_id) {
                    Some(g) => {
                        let members = g.members.iter().filter_map(|m| user(m)).collect();
                        access.groups.push((g, members));
                    }
                    None => access.unknown.push(&a.principal_id),
                },
            }
        }
        Some(access)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_set_names_come_from_reserved_role_names() {
        assert_eq!(
            permission_set_of_role("AWSReservedSSO_AdministratorAccess_0123456789abcdef"),
            Some("AdministratorAccess")
        );
        assert_eq!(
            permission_set_of_role("AWSReservedSSO_Read_Only_00000000000000ff"),
            Some("Read_Only")
        );
        assert_eq!(permission_set_of_role("AWSReservedSSO_Admin_xyz"), None);
        assert_eq!(permission_set_of_role("deployer"), None);
        assert_eq!(
            permission_set_of_role("AWSReservedSSO__0123456789abcdef"),
            None
        );
    }

    fn ic() -> IdentityCenter {
        let ps = |n: &str| PermissionSet {
            arn: format!("arn:aws:sso:::permissionSet/ssoins-1/ps-{n}"),
            name: n.into(),
            description: String::new(),
            instance_arn: "arn:aws:sso:::instance/ssoins-1".into(),
        };
        let user = |id: &str| IcUser {
            id: id.into(),
            user_name: format!("{id}@example.com"),
            display_name: id.to_uppercase(),
        };
        IdentityCenter {
            not_collected: None,
            instances: vec![],
            permission_sets: vec![ps("Admin"), ps("ReadOnly")],
            assignments: vec![
                Assignment {
                    account_id: "111111111111".into(),
                    permission_set_arn: ps("Admin").arn,
                    principal_type: PrincipalType::User,
                    principal_id: "alice".into(),
                },
                Assignment {
                    account_id: "111111111111".into(),
                    permission_set_arn: ps("Admin").arn,
                    principal_type: PrincipalType::Group,
                    principal_id: "g-ops".into(),
                },
                Assignment {
                    account_id: "222222222222".into(),
                    permission_set_arn: ps("Admin").arn,
                    principal_type: PrincipalType::User,
                    principal_id: "carol".into(),
                },
            ],
            users: vec![user("alice"), user("bob"), user("carol")],
            groups: vec![IcGroup {
                id: "g-ops".into(),
                display_name: "ops".into(),
                members: vec!["bob".into(), "ghost".into()],
            }],
        }
    }

    #[test]
    fn access_lists_the_people_assigned_in_that_account_only() {
        let ic = ic();
        let a = ic
            .access("111111111111", "AWSReservedSSO_Admin_0123456789abcdef")
            .unwrap();
        assert_eq!(a.permission_set.name, "Admin");
        let users: Vec<_> = a.users.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(users, ["alice"]);
        assert_eq!(a.groups.len(), 1);
        let members: Vec<_> = a.groups[0].1.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(members, ["bob"]);
        let other = ic
            .access("222222222222", "AWSReservedSSO_Admin_0123456789abcdef")
            .unwrap();
        assert_eq!(other.users.len(), 1);
        assert_eq!(other.users[0].id, "carol");
        let none = ic
            .access("111111111111", "AWSReservedSSO_ReadOnly_0123456789abcdef")
            .unwrap();
        assert!(none.users.is_empty() && none.groups.is_empty());
        assert!(
            ic.access("111111111111", "AWSReservedSSO_Gone_0123456789abcdef")
                .is_none()
        );
    }
}

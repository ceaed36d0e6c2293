use serde_json::json;

use super::{Level, OrgError, PolicyType, parse_organization};

fn sample() -> serde_json::Value {
    json!({
        "format": "rolecall-organization/1",
        "collected_at": "2026-12-01T10:00:00Z",
        "collected_by": "arn:aws:iam::111111111111:user/admin",
        "organization": {"id": "o-abc123", "management_account_id": "111111111111", "feature_set": "ALL"},
        "roots": [{"id": "r-ab12", "name": "Root", "enabled_policy_types": ["SERVICE_CONTROL_POLICY"]}],
        "organizational_units": [
            {"id": "ou-ab12-prod", "name": "Prod", "parent_id": "r-ab12"},
            {"id": "ou-ab12-web", "name": "Web", "parent_id": "ou-ab12-prod"},
            {"id": "ou-ab12-loop1", "name": "L1", "parent_id": "ou-ab12-loop2"},
            {"id": "ou-ab12-loop2", "name": "L2", "parent_id": "ou-ab12-loop1"}
        ],
        "accounts": [
            {"id": "111111111111", "name": "management", "parent_id": "r-ab12", "status": "ACTIVE"},
            {"id": "222222222222", "name": "web-prod", "parent_id": "ou-ab12-web", "status": "ACTIVE"},
            {"id": "333333333333", "name": "lost", "parent_id": "ou-gone"},
            {"id": "444444444444", "name": "looped", "parent_id": "ou-ab12-loop1"}
        ],
        "policies": [
            {"id": "p-FullAWSAccess", "name": "FullAWSAccess", "type": "SERVICE_CONTROL_POLICY", "aws_managed": true,
             "content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "targets": ["r-ab12", "ou-ab12-prod", "ou-ab12-web", "222222222222"]},
            {"id": "p-deny", "name": "deny-leave", "type": "SERVICE_CONTROL_POLICY",
             "content": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]},
             "targets": ["ou-ab12-prod", "ou-nowhere"]},
            {"id": "p-rcp", "name": "org-only", "type": "RESOURCE_CONTROL_POLICY", "content": {"Statement": []}, "targets": ["r-ab12"]}
        ]
    })
}

fn org() -> super::Organization {
    parse_organization(&serde_json::to_vec(&sample()).unwrap(), "organization.json").unwrap()
}

#[test]
fn an_account_sits_under_its_root_and_ous() {
    let o = org();
    let levels = o.levels("222222222222").unwrap();
    let ids: Vec<&str> = levels.iter().map(|l| l.id()).collect();
    assert_eq!(
        ids,
        ["r-ab12", "ou-ab12-prod", "ou-ab12-web", "222222222222"]
    );
    assert_eq!(o.ou_path("222222222222").unwrap(), "Root/Prod/Web");
    assert_eq!(
        o.org_path("222222222222").unwrap(),
        "o-abc123/r-ab12/ou-ab12-prod/ou-ab12-web/"
    );
    assert_eq!(o.org_path("111111111111").unwrap(), "o-abc123/r-ab12/");
    assert!(o.is_management("111111111111") && !o.is_management("222222222222"));
    assert!(o.levels("999999999999").is_none());
}

#[test]
fn policies_are_attached_where_the_file_says_and_types_are_enabled_on_the_root() {
    let o = org();
    let at_prod: Vec<&str> = o
        .attached("ou-ab12-prod", PolicyType::ServiceControl)
        .map(|(p, _)| p.name.as_str())
        .collect();
    assert_eq!(at_prod, ["FullAWSAccess", "deny-leave"]);
    assert_eq!(o.attached("r-ab12", PolicyType::ResourceControl).count(), 1);
    assert_eq!(
        o.attached("ou-ab12-web", PolicyType::ResourceControl)
            .count(),
        0
    );
    assert!(o.enabled(PolicyType::ServiceControl));
    assert!(!o.enabled(PolicyType::ResourceControl));
}

#[test]
fn a_missing_parent_or_a_loop_ends_the_path_and_is_reported() {
    let o = org();
    let lost = o.levels("333333333333").unwrap();
    assert!(matches!(lost.as_slice(), [Level::Account(_)]));
    assert!(o.org_path("333333333333").is_none());
    // The loop ends where an OU would come round again.
    let looped = o.levels("444444444444").unwrap();
    let ids: Vec<&str> = looped.iter().map(|l| l.id()).collect();
    assert_eq!(ids, ["ou-ab12-loop2", "ou-ab12-loop1", "444444444444"]);
    assert!(o.org_path("444444444444").is_none());
    let problems = o.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("333333333333") && p.contains("ou-gone")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("444444444444")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("ou-nowhere")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn a_file_that_is_not_an_organization_says_so_and_names_itself() {
    let err = |bytes: &[u8]| parse_organization(bytes, "dir/organization.json").unwrap_err();
    let e = err(b"{not json");
    assert!(matches!(e, OrgError::NotOrganization { .. }));
    assert!(e.to_string().contains("dir/organization.json"), "{e}");
    let e = err(br#"{"accounts": []}"#);
    assert!(e.to_string().contains("no \"format\""), "{e}");
    let mut v = sample();
    v["format"] = json!("rolecall-organization/9\u{1b}[2J");
    let e = err(&serde_json::to_vec(&v).unwrap());
    assert!(matches!(e, OrgError::Format { .. }));
    assert!(!e.to_string().contains('\u{1b}'), "{e}");
    let mut v = sample();
    v["policies"][0]["type"] = json!("TAG\u{1b}[31m_POLICY");
    let e = err(&serde_json::to_vec(&v).unwrap());
    assert!(!e.to_string().contains('\u{1b}'), "{e}");
    let mut v = sample();
    v["policies"][0]["content"] = json!(7);
    let e = err(&serde_json::to_vec(&v).unwrap());
    assert!(e.to_string().contains("p-FullAWSAccess"), "{e}");
}

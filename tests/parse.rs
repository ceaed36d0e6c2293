//! Reading GAAD files: the shared real-world fixtures load as they are, every
//! policy-grammar shape parses, and each kind of bad input gets one clear
//! error naming the file and what was expected.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use rolecall::model::{self, EntityRef};
use rolecall::source::file::{load_file, parse_gaad};
use rolecall::source::{LoadError, Loaded};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn build_from(json: &str) -> model::Model {
    let snapshot = parse_gaad(json.as_bytes(), "test.json").expect("parses");
    model::build(vec![Loaded {
        origin: "test.json".into(),
        snapshot,
    }])
}

#[test]
fn cloudmapper_fixture_loads_with_every_document_parsed() {
    let snapshot = load_file(&fixture("gaad/cloudmapper-demo.json")).unwrap();
    assert_eq!(snapshot.role_detail_list.len(), 4);
    assert_eq!(snapshot.user_detail_list.len(), 2);
    assert_eq!(snapshot.group_detail_list.len(), 1);
    let model = model::build(vec![Loaded {
        origin: "cloudmapper".into(),
        snapshot,
    }]);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    assert_eq!(model.accounts[0].account_id, "123456789012");
    let bad = model
        .roles
        .iter()
        .find(|r| r.detail.role_name == "bad_role")
        .unwrap();
    assert_eq!(bad.trust_rows.len(), 1);
    assert_eq!(bad.trust_rows[0].principal, "*");
    assert_eq!(bad.trust_rows[0].kind.label(), "anyone (*)");
}

#[test]
fn cloudsplaining_fixture_loads_and_links_users_groups_and_policies() {
    let snapshot = load_file(&fixture("gaad/cloudsplaining-test-authz-details.json")).unwrap();
    let model = model::build(vec![Loaded {
        origin: "cloudsplaining".into(),
        snapshot,
    }]);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    assert_eq!(model.roles.len(), 3);
    assert_eq!(model.policies.len(), 32);
    let admin = model
        .groups
        .iter()
        .position(|g| g.detail.group_name == "admin")
        .unwrap();
    let members: Vec<&str> = model.groups[admin]
        .members
        .iter()
        .map(|u| model.users[*u].detail.user_name.as_str())
        .collect();
    assert_eq!(members, ["obama", "userwithlotsofpermissions"]);
    // The managed policy knows who attaches it, and the ARN resolves to it.
    let insecure = model
        .policies
        .iter()
        .position(|p| p.name == "InsecurePolicy")
        .unwrap();
    let users_of: Vec<&str> = model.policies[insecure]
        .used_by
        .iter()
        .map(|(e, _)| model.name_of(*e))
        .collect();
    assert!(users_of.contains(&"OverprivilegedEC2"), "{users_of:?}");
    let arn = model.policies[insecure].arn.clone();
    assert_eq!(model.resolve(&arn, 0), Some(EntityRef::Policy(insecure)));
}

#[test]
fn two_snapshots_of_one_account_get_distinct_labels() {
    let path = fixture("gaad/cloudmapper-demo.json");
    let load = || Loaded {
        origin: path.display().to_string(),
        snapshot: load_file(&path).unwrap(),
    };
    let model = model::build(vec![load(), load()]);
    assert_eq!(model.roles.len(), 8);
    assert!(model.is_multi_account());
    assert!(model.accounts[0].label.contains("cloudmapper-demo.json"));
    // A principal ARN resolves within the account it was found in first.
    let arn = model.roles[5].detail.arn.clone();
    assert_eq!(model.resolve(&arn, 1), Some(EntityRef::Role(5)));
    assert_eq!(model.resolve(&arn, 0), Some(EntityRef::Role(1)));
}

const ROLE_TEMPLATE: &str = r#"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r", "RoleId": "AROAEXAMPLEEXAMPLE01", "AssumeRolePolicyDocument": TRUST, "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": INLINE}]}]}"#;

fn role_with(trust: &str, inline: &str) -> model::Model {
    build_from(
        &ROLE_TEMPLATE
            .replace("TRUST", trust)
            .replace("INLINE", inline),
    )
}

#[test]
fn every_grammar_shape_parses() {
    let shapes = [
        // Statement as an object, Principal "*", no Version, no Sid.
        r#"{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}"#,
        // Statement as a list, Principal values as a list, Action as a list.
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root", "777788889999"]}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}"#,
        // Condition values as string, list, bool and number; unknown keys kept.
        r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "x", "aws:SourceAccount": ["1", "2"]}, "Bool": {"aws:MultiFactorAuthPresent": true}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}, "Comment": "kept"}], "Custom": 1}"#,
    ];
    for trust in shapes {
        let model = role_with(
            trust,
            r#"{"Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::b/*"]}}"#,
        );
        assert!(model.warnings.is_empty(), "{trust}: {:?}", model.warnings);
        assert!(!model.roles[0].trust_rows.is_empty(), "{trust}");
    }
    let model = role_with(shapes[1], "{}");
    let principals: Vec<&str> = model.roles[0]
        .trust_rows
        .iter()
        .map(|r| r.principal.as_str())
        .collect();
    assert_eq!(
        principals,
        ["arn:aws:iam::444455556666:root", "777788889999"]
    );
    // Unknown keys survive into the JSON that is shown.
    let model = role_with(shapes[2], "{}");
    let shown = serde_json::to_string(&model.roles[0].trust.as_ref().unwrap().json).unwrap();
    assert!(shown.contains("\"Comment\":\"kept\"") && shown.contains("\"Custom\":1"));
}

#[test]
fn url_encoded_documents_are_decoded_and_plain_json_with_percent_is_not() {
    let encoded = "\"%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D\"";
    let literal_percent = r#""{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/100%25done\"}]}""#;
    let model = role_with(encoded, literal_percent);
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    assert_eq!(
        model.roles[0].trust_rows[0].principal,
        "lambda.amazonaws.com"
    );
    let inline = serde_json::to_string(&model.roles[0].inline[0].doc.json).unwrap();
    assert!(inline.contains("100%25done"), "{inline}");
}

#[test]
fn a_broken_policy_document_is_a_warning_naming_it_and_keeps_its_json() {
    let model = role_with(
        r#"{"Statement": [{"Effect": 5, "Principal": "*", "Action": "sts:AssumeRole"}]}"#,
        r#""%7Bnot json""#,
    );
    assert_eq!(model.warnings.len(), 2, "{:?}", model.warnings);
    let all = model.warnings.join("\n");
    assert!(
        all.contains("role r trust policy") && all.contains("Statement[0].Effect"),
        "{all}"
    );
    assert!(all.contains("role r inline policy p"), "{all}");
    assert!(model.roles[0].trust.as_ref().unwrap().parsed.is_err());
    assert_eq!(
        model.roles[0].trust.as_ref().unwrap().json["Statement"][0]["Effect"],
        5
    );
}

#[test]
fn byte_order_marks_and_utf16_files_load() {
    let json =
        r#"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]}"#;
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(json.as_bytes());
    assert_eq!(
        parse_gaad(&bom, "bom.json").unwrap().role_detail_list.len(),
        1
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in json.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        parse_gaad(&utf16, "ps.json")
            .unwrap()
            .role_detail_list
            .len(),
        1
    );
}

/// One bad input, and words its error must contain.
struct Bad {
    what: &'static str,
    bytes: Vec<u8>,
    expect: &'static [&'static str],
}

fn bad(what: &'static str, text: &str, expect: &'static [&'static str]) -> Bad {
    Bad {
        what,
        bytes: text.as_bytes().to_vec(),
        expect,
    }
}

fn bad_inputs() -> Vec<Bad> {
    let role = |field: &str| {
        format!(
            r#"{{"RoleDetailList": [{{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", {field}}}]}}"#
        )
    };
    vec![
        bad("empty file", "", &["not a GAAD file", "empty"]),
        bad("only whitespace", "  \n\t ", &["not a GAAD file", "empty"]),
        bad("top-level array", "[1, 2]", &["JSON array"]),
        bad("plain text", "hello world", &["does not start with `{`"]),
        bad(
            "YAML output",
            "RoleDetailList:\n- RoleName: r\n",
            &["--output yaml"],
        ),
        Bad {
            what: "binary garbage",
            bytes: vec![0x00, 0x9f, 0x92, 0x96, 0xff],
            expect: &["not text"],
        },
        bad(
            "truncated mid-object",
            r#"{"RoleDetailList": [{"RoleName": "r","#,
            &["truncated", "line 1"],
        ),
        bad(
            "truncated inside a string",
            r#"{"RoleDetailList": [{"RoleName": "ro"#,
            &["truncated"],
        ),
        bad(
            "trailing garbage",
            r#"{"RoleDetailList": []} extra"#,
            &["not valid JSON", "trailing characters", "line 1, column 24"],
        ),
        bad("empty object", "{}", &["empty JSON object"]),
        bad(
            "unrelated object",
            r#"{"Buckets": [], "Owner": {}}"#,
            &["none of", "Buckets, Owner"],
        ),
        bad(
            "list is an object",
            r#"{"RoleDetailList": {"RoleName": "r"}}"#,
            &["RoleDetailList", "expected a sequence"],
        ),
        bad(
            "name is a number",
            r#"{"RoleDetailList": [{"RoleName": 42, "Arn": "a"}]}"#,
            &["RoleDetailList[0].RoleName", "expected a string"],
        ),
        bad(
            "missing Arn",
            r#"{"RoleDetailList": [{"RoleName": "r"}]}"#,
            &["RoleDetailList[0]", "missing field `Arn`"],
        ),
        bad(
            "tags is a string",
            &role(r#""Tags": "team=a""#),
            &["RoleDetailList[0].Tags", "expected a sequence"],
        ),
        bad(
            "last used is a date string",
            &role(r#""RoleLastUsed": "2024-01-01""#),
            &[
                "RoleDetailList[0].RoleLastUsed",
                "expected struct RoleLastUsed",
            ],
        ),
        bad(
            "max session is text",
            &role(r#""MaxSessionDuration": "1h""#),
            &["RoleDetailList[0].MaxSessionDuration", "expected u32"],
        ),
        bad(
            "default flag is a string",
            r#"{"Policies": [{"Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": "yes"}]}]}"#,
            &[
                "Policies[0].PolicyVersionList[0].IsDefaultVersion",
                "expected a boolean",
            ],
        ),
        bad(
            "users are strings",
            r#"{"UserDetailList": ["alice"]}"#,
            &["UserDetailList[0]", "expected struct UserDetail"],
        ),
        bad(
            "group list holds numbers",
            r#"{"UserDetailList": [{"UserName": "u", "Arn": "a", "GroupList": [1]}]}"#,
            &["UserDetailList[0].GroupList[0]"],
        ),
        bad(
            "invalid escape",
            r#"{"RoleDetailList": [{"RoleName": "a\qb", "Arn": "a"}]}"#,
            &["not valid JSON", "escape"],
        ),
        bad(
            "missing comma",
            r#"{"RoleDetailList": [] "Policies": []}"#,
            &["not valid JSON", "expected `,` or `}`"],
        ),
        bad(
            "NaN literal",
            r#"{"Policies": [{"Arn": "a", "AttachmentCount": NaN}]}"#,
            &["not valid JSON"],
        ),
        bad(
            "duplicate field",
            r#"{"RoleDetailList": [{"RoleName": "a", "RoleName": "b", "Arn": "x"}]}"#,
            &["duplicate field `RoleName`"],
        ),
        Bad {
            what: "broken UTF-16",
            bytes: vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00],
            expect: &["UTF-16"],
        },
    ]
}

#[test]
fn each_kind_of_bad_input_gets_a_clear_error_naming_the_file() {
    let cases = bad_inputs();
    assert!(cases.len() >= 20);
    for case in cases {
        let err = parse_gaad(&case.bytes, "acct.json")
            .expect_err(case.what)
            .to_string();
        assert!(err.starts_with("acct.json "), "{}: {err}", case.what);
        for word in case.expect {
            assert!(
                err.contains(word),
                "{}: missing {word:?} in: {err}",
                case.what
            );
        }
    }
}

#[test]
fn unreadable_paths_say_so() {
    let missing = load_file(std::path::Path::new("/nonexistent/acct.json")).unwrap_err();
    assert!(matches!(missing, LoadError::Read { .. }));
    assert!(
        missing
            .to_string()
            .contains("cannot read /nonexistent/acct.json")
    );
    let dir = load_file(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err();
    assert!(matches!(dir, LoadError::Read { .. }), "{dir}");
}

//! The real binary's `rolecall graph` (issue 11 part 5): BloodHound
//! OpenGraph validated against BloodHound's own upload schema
//! (tests/schemas/opengraph/, Apache-2.0, see NOTICE.md there), Graphviz
//! DOT that parses, rolecall's plain JSON, `--from` / `--to` narrowing on a
//! hand-made account with a known escalation, hostile names, bad input, and
//! the export time of a large generated account (printed, never asserted).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{Value, json};

const ACCT: &str = "111122223333";

fn rolecall(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).expect("JSON on stdout")
}

/// BloodHound's payload schema, its three parts registered beside it as
/// NOTICE.md describes (draft 2020-12).
fn opengraph_errors(instance: &Value) -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemas/opengraph");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}")).unwrap()).unwrap()
    };
    let base = "file:///rolecall/schemas/opengraph";
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft202012)
        .add(format!("{base}/node.json"), read("node.json"))
        .unwrap()
        .add(format!("{base}/edge.json"), read("edge.json"))
        .unwrap()
        .add(format!("{base}/metadata.json"), read("metadata.json"))
        .unwrap()
        .prepare()
        .unwrap();
    let validator = jsonschema::draft202012::options()
        .with_registry(&registry)
        .with_base_uri(format!("{base}/schema.json"))
        .build(&read("schema.json"))
        .expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn assert_valid_opengraph(v: &Value) {
    let errs = opengraph_errors(v);
    assert!(errs.is_empty(), "{}", errs.join("\n"));
    // What the schema leaves to BloodHound's ingest and docs: unique ids,
    // endpoints that exist, kinds in rolecall's namespace.
    let nodes = v["graph"]["nodes"].as_array().unwrap();
    let mut ids = HashSet::new();
    for n in nodes {
        assert!(ids.insert(n["id"].as_str().unwrap()), "duplicate id {n}");
        for k in n["kinds"].as_array().unwrap() {
            assert!(k.as_str().unwrap().starts_with("RC_"), "{n}");
        }
        assert!(n["properties"].get("objectid").is_none());
    }
    for e in v["graph"]["edges"].as_array().unwrap() {
        assert!(e["kind"].as_str().unwrap().starts_with("RC_"), "{e}");
        for end in ["start", "end"] {
            let id = e[end]["value"].as_str().unwrap();
            assert!(ids.contains(id), "{end} {id} is not a node: {e}");
        }
    }
}

/// The edges as (from, to, kind, technique), from the plain JSON.
fn json_edges(v: &Value) -> BTreeSet<(String, String, String, String)> {
    v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().to_string(),
                e["to"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
                e["technique"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn json_node_ids(v: &Value) -> BTreeSet<String> {
    v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

fn arn(kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{ACCT}:{kind}/{name}")
}

fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn managed(name: &str, statements: Value) -> Value {
    json!({
        "PolicyName": name, "PolicyId": format!("ANPA{}", name.to_uppercase()),
        "Arn": arn("policy", name), "Path": "/", "DefaultVersionId": "v1",
        "AttachmentCount": 1, "IsAttachable": true,
        "PolicyVersionList": [{"Document": doc(statements), "VersionId": "v1", "IsDefaultVersion": true}]
    })
}

/// A small account with one known way to admin: `dev` may pass
/// `lambda-admin` (which trusts Lambda and may do everything) to a new
/// function and invoke it. `bystander` may do nothing; `reader` trusts the
/// account but nobody may assume it.
fn small_gaad(dev_name: &str) -> Value {
    json!({
        "Rolecall": {"FormatVersion": 1, "AccountId": ACCT, "CapturedAt": "2026-11-20T00:00:00Z"},
        "UserDetailList": [{
            "UserName": dev_name, "UserId": "AIDAEXAMPLEDEV000001", "Arn": arn("user", dev_name), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "UserPolicyList": [{"PolicyName": "lambda-dev", "PolicyDocument": doc(json!([
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": arn("role", "lambda-admin")},
                {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}
            ]))}],
            "GroupList": ["developers"],
            "AttachedManagedPolicies": [{"PolicyName": "ReadLogs", "PolicyArn": arn("policy", "ReadLogs")}],
            "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn("policy", "DevBoundary")},
            "Tags": []
        }, {
            "UserName": "bystander", "UserId": "AIDAEXAMPLEBYSTAND01", "Arn": arn("user", "bystander"), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []
        }],
        "GroupDetailList": [{
            "GroupName": "developers", "GroupId": "AGPAEXAMPLEDEVS00001", "Arn": arn("group", "developers"), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "GroupPolicyList": [],
            "AttachedManagedPolicies": [{"PolicyName": "ReadLogs", "PolicyArn": arn("policy", "ReadLogs")}]
        }],
        "RoleDetailList": [{
            "RoleName": "lambda-admin", "RoleId": "AROAEXAMPLELAMBDA001", "Arn": arn("role", "lambda-admin"), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "AssumeRolePolicyDocument": doc(json!([
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ])),
            "RolePolicyList": [{"PolicyName": "everything", "PolicyDocument": doc(json!([
                {"Effect": "Allow", "Action": "*", "Resource": "*"}
            ]))}],
            "AttachedManagedPolicies": [], "InstanceProfileList": [], "RoleLastUsed": {}, "Tags": []
        }, {
            "RoleName": "reader", "RoleId": "AROAEXAMPLEREADER001", "Arn": arn("role", "reader"), "Path": "/",
            "CreateDate": "2020-01-01T00:00:00Z",
            "AssumeRolePolicyDocument": doc(json!([
                {"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCT}:root")}, "Action": "sts:AssumeRole"}
            ])),
            "RolePolicyList": [],
            "AttachedManagedPolicies": [{"PolicyName": "ReadLogs", "PolicyArn": arn("policy", "ReadLogs")}],
            "InstanceProfileList": [], "RoleLastUsed": {}, "Tags": []
        }],
        "Policies": [
            managed("ReadLogs", json!([{"Effect": "Allow", "Action": "logs:Get*", "Resource": "*"}])),
            managed("DevBoundary", json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]))
        ]
    })
}

fn write_gaad(dir: &Path, gaad: &Value) -> String {
    let path = dir.join("acct.json");
    std::fs::write(&path, serde_json::to_vec_pretty(gaad).unwrap()).unwrap();
    path.display().to_string()
}

/// Checks DOT without Graphviz: one `digraph … { … }`, braces and
/// brackets balanced outside strings, every string closed, every edge's
/// endpoints declared as nodes before use. Returns (nodes, edges) as
/// (node ids, (from, to)).
fn check_dot(text: &str) -> (BTreeSet<String>, Vec<(String, String)>) {
    assert!(text.starts_with("digraph rolecall {"), "{text}");
    assert!(text.trim_end().ends_with('}'), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a raw control character in the DOT output"
    );
    // Strings: a quote not preceded by an odd number of backslashes opens
    // or closes one; outside strings, braces and brackets balance.
    let mut depth_brace = 0i32;
    let mut depth_bracket = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    let mut outside = String::new();
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                outside.push_str("\"\"");
            } else if c == '\n' {
                panic!("a newline inside a DOT string");
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth_brace += 1,
            '}' => depth_brace -= 1,
            '[' => depth_bracket += 1,
            ']' => depth_bracket -= 1,
            _ => {}
        }
        assert!(depth_brace >= 0 && depth_bracket >= 0, "{text}");
        if c != '"' {
            outside.push(c);
        }
    }
    assert!(!in_string, "an unclosed string");
    assert_eq!((depth_brace, depth_bracket), (0, 0), "unbalanced: {text}");
    let mut nodes = BTreeSet::new();
    let mut edges = Vec::new();
    for line in outside.lines() {
        let line = line.trim();
        let Some(head) = line.split(" [").next() else {
            continue;
        };
        if let Some((from, to)) = head.split_once(" -> ") {
            assert!(nodes.contains(from), "edge from undeclared {from}: {line}");
            assert!(nodes.contains(to), "edge to undeclared {to}: {line}");
            edges.push((from.to_string(), to.to_string()));
        } else if head.starts_with('n') && head[1..].chars().all(|c| c.is_ascii_digit()) {
            nodes.insert(head.to_string());
        }
    }
    (nodes, edges)
}

/// When Graphviz is installed, `dot` must accept the file too.
fn graphviz_accepts(text: &str) {
    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("graphviz is not installed; DOT checked by structure only");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot rejected the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_demo_exports_valid_opengraph_with_every_kind_of_edge() {
    let v = json_of(&rolecall(&["graph", "--demo"]));
    assert_valid_opengraph(&v);
    assert_eq!(v["metadata"]["source_kind"], "RC_Base");
    let kinds: BTreeSet<&str> = v["graph"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kinds"][0].as_str().unwrap())
        .collect();
    for k in ["RC_User", "RC_Role", "RC_Group", "RC_Policy", "RC_Admin"] {
        assert!(kinds.contains(k), "no {k} node: {kinds:?}");
    }
    let edges = v["graph"]["edges"].as_array().unwrap();
    let edge_kinds: BTreeSet<&str> = edges.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in [
        "RC_CanAssume",
        "RC_IsAdmin",
        "RC_MemberOf",
        "RC_Attached",
        "RC_Boundary",
    ] {
        assert!(edge_kinds.contains(k), "no {k} edge: {edge_kinds:?}");
    }
    assert!(
        edge_kinds.len() >= 7,
        "escalation kinds besides assume and admin: {edge_kinds:?}"
    );
    // Every assume or escalation edge says how sure it is and how.
    for e in edges {
        let kind = e["kind"].as_str().unwrap();
        if [
            "RC_MemberOf",
            "RC_Attached",
            "RC_Boundary",
            "RC_InAssumeHub",
        ]
        .contains(&kind)
        {
            continue;
        }
        let p = &e["properties"];
        assert!(
            ["definite", "conditional", "possible"].contains(&p["verdict"].as_str().unwrap()),
            "{e}"
        );
        assert!(p["conditions"].is_array(), "{e}");
        if p["verdict"] == "conditional" {
            assert!(!p["conditions"].as_array().unwrap().is_empty(), "{e}");
        }
        if kind == "RC_CanAssume" {
            // Lean: millions of these on a large account.
            let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["verdict", "technique", "conditions"], "{e}");
            assert_eq!(p["technique"], "assume-role", "{e}");
            continue;
        }
        assert!(
            p["technique"].is_string() && p["technique_name"].is_string(),
            "{e}"
        );
        for list in ["actions", "needs", "techniques"] {
            assert!(p[list].is_array(), "{list} in {e}");
        }
    }
    assert!(
        edges
            .iter()
            .any(|e| e["properties"]["verdict"] == "possible"
                && !e["properties"]["needs"].as_array().unwrap().is_empty())
    );
    // Node ids are the ARNs, but for admin and assume-hub nodes.
    for n in v["graph"]["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        match n["kinds"][0].as_str().unwrap() {
            "RC_Admin" => assert!(id.starts_with("rolecall:admin:"), "{id}"),
            "RC_AssumeHub" => assert!(id.starts_with("rolecall:assume-hub:"), "{id}"),
            _ => assert!(id.starts_with("arn:"), "{id}"),
        }
    }
}

#[test]
fn the_validator_rejects_what_bloodhound_would() {
    let mut v = json_of(&rolecall(&["graph", "--demo"]));
    assert_valid_opengraph(&v);
    v["graph"]["edges"][0]["kind"] = json!("RC-Bad Kind");
    assert!(!opengraph_errors(&v).is_empty());
    let mut v = json_of(&rolecall(&["graph", "--demo"]));
    v["graph"]["nodes"][0]["properties"]["nested"] = json!({"a": 1});
    assert!(!opengraph_errors(&v).is_empty());
    let mut v = json_of(&rolecall(&["graph", "--demo"]));
    v["graph"]["nodes"][0]
        .as_object_mut()
        .unwrap()
        .remove("kinds");
    assert!(!opengraph_errors(&v).is_empty());
}

#[test]
fn a_small_file_has_the_known_escalation_membership_and_attachments() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_gaad(dir.path(), &small_gaad("dev"));
    let v = json_of(&rolecall(&["graph", "--file", &file, "--format", "json"]));
    assert_eq!(v["format"], "rolecall-graph/1");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["format", "nodes", "edges"]);
    let node_keys: Vec<&str> = v["nodes"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(node_keys, ["id", "kind", "name", "account"]);
    let edge_keys: Vec<&str> = v["edges"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        edge_keys,
        [
            "from",
            "to",
            "kind",
            "technique",
            "technique_name",
            "verdict",
            "actions",
            "conditions",
            "needs",
            "techniques",
            "policies"
        ]
    );
    let admin = format!("rolecall:admin:{ACCT}");
    let ids = json_node_ids(&v);
    for id in [
        arn("user", "dev"),
        arn("user", "bystander"),
        arn("role", "lambda-admin"),
        arn("role", "reader"),
        arn("group", "developers"),
        arn("policy", "ReadLogs"),
        arn("policy", "DevBoundary"),
        admin.clone(),
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let edges = json_edges(&v);
    let e = |from: &str, to: &str, kind: &str, t: &str| {
        (
            from.to_string(),
            to.to_string(),
            kind.to_string(),
            t.to_string(),
        )
    };
    for want in [
        e(
            &arn("user", "dev"),
            &arn("role", "lambda-admin"),
            "new-passrole",
            "pass-role-lambda",
        ),
        e(&arn("role", "lambda-admin"), &admin, "is-admin", "is-admin"),
        e(
            &arn("user", "dev"),
            &arn("group", "developers"),
            "member-of",
            "",
        ),
        e(
            &arn("user", "dev"),
            &arn("policy", "ReadLogs"),
            "attached",
            "",
        ),
        e(
            &arn("user", "dev"),
            &arn("policy", "DevBoundary"),
            "boundary",
            "",
        ),
        e(
            &arn("group", "developers"),
            &arn("policy", "ReadLogs"),
            "attached",
            "",
        ),
        e(
            &arn("role", "reader"),
            &arn("policy", "ReadLogs"),
            "attached",
            "",
        ),
    ] {
        assert!(edges.contains(&want), "{want:?} missing from {edges:#?}");
    }
    assert!(
        !edges.iter().any(|(f, ..)| *f == arn("user", "bystander")),
        "{edges:#?}"
    );
    let pass = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["technique"] == "pass-role-lambda")
        .unwrap();
    assert_eq!(pass["verdict"], "definite");
    assert_eq!(
        pass["actions"],
        json!([
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction"
        ])
    );
    assert!(!pass["policies"].as_array().unwrap().is_empty(), "{pass}");
    // The same graph as OpenGraph.
    let og = json_of(&rolecall(&["graph", "--file", &file]));
    assert_valid_opengraph(&og);
    assert_eq!(
        og["graph"]["nodes"].as_array().unwrap().len(),
        v["nodes"].as_array().unwrap().len()
    );
    assert_eq!(
        og["graph"]["edges"].as_array().unwrap().len(),
        v["edges"].as_array().unwrap().len()
    );
    let og_pass = og["graph"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["properties"]["technique"] == "pass-role-lambda")
        .unwrap();
    assert_eq!(og_pass["kind"], "RC_NewPassRole");
    assert_eq!(og_pass["start"]["value"], arn("user", "dev"));
    assert_eq!(og_pass["end"]["value"], arn("role", "lambda-admin"));
}

#[test]
fn to_admin_narrows_to_the_way_there_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_gaad(dir.path(), &small_gaad("dev"));
    let admin = format!("rolecall:admin:{ACCT}");
    let v = json_of(&rolecall(&[
        "graph", "--file", &file, "--format", "json", "--to", "admin",
    ]));
    let want: BTreeSet<String> = [
        arn("user", "dev"),
        arn("role", "lambda-admin"),
        admin.clone(),
    ]
    .into_iter()
    .collect();
    assert_eq!(json_node_ids(&v), want);
    let edges = json_edges(&v);
    assert_eq!(edges.len(), 2, "{edges:#?}");
    assert!(edges.contains(&(
        arn("role", "lambda-admin"),
        admin.clone(),
        "is-admin".into(),
        "is-admin".into()
    )));
    // --from the same user gives the same nodes; --from the bystander, only itself.
    let from = json_of(&rolecall(&[
        "graph", "--file", &file, "--format", "json", "--from", "dev",
    ]));
    assert_eq!(json_node_ids(&from), want);
    let both = json_of(&rolecall(&[
        "graph", "--file", &file, "--format", "json", "--from", "dev", "--to", "ADMIN",
    ]));
    assert_eq!(json_node_ids(&both), want);
    let nobody = rolecall(&[
        "graph",
        "--file",
        &file,
        "--format",
        "json",
        "--from",
        "bystander",
        "--to",
        "admin",
    ]);
    let nobody = json_of(&nobody);
    assert_eq!(
        json_node_ids(&nobody),
        [arn("user", "bystander")].into_iter().collect()
    );
    assert!(nobody["edges"].as_array().unwrap().is_empty());
    // OpenGraph and DOT narrow the same way.
    let og = json_of(&rolecall(&["graph", "--file", &file, "--to", "admin"]));
    assert_valid_opengraph(&og);
    assert_eq!(og["graph"]["nodes"].as_array().unwrap().len(), 3);
    let dot = ok(&rolecall(&[
        "graph", "--file", &file, "--format", "dot", "--to", "admin",
    ]));
    let (nodes, dot_edges) = check_dot(&dot);
    assert_eq!((nodes.len(), dot_edges.len()), (3, 2), "{dot}");
    assert!(
        dot.contains("label=\"pass-role-lambda\", style=solid"),
        "{dot}"
    );
    graphviz_accepts(&dot);
}

#[test]
fn to_a_user_ends_with_an_administrator_taking_it_over() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_gaad(dir.path(), &small_gaad("dev"));
    let admin = format!("rolecall:admin:{ACCT}");
    let v = json_of(&rolecall(&[
        "graph",
        "--file",
        &file,
        "--format",
        "json",
        "--to",
        &arn("user", "bystander"),
    ]));
    let want: BTreeSet<String> = [
        arn("user", "dev"),
        arn("user", "bystander"),
        arn("role", "lambda-admin"),
        admin.clone(),
    ]
    .into_iter()
    .collect();
    assert_eq!(json_node_ids(&v), want);
    assert!(json_edges(&v).contains(&(
        admin,
        arn("user", "bystander"),
        "admin-takes-over".into(),
        "admin-takes-over".into()
    )));
}

#[test]
fn dot_of_the_demo_parses_and_styles_edges_by_verdict() {
    let dot = ok(&rolecall(&["graph", "--demo", "--format", "dot"]));
    let (nodes, edges) = check_dot(&dot);
    assert!(nodes.len() > 20 && edges.len() > 20);
    for style in ["style=solid", "style=dashed", "style=dotted"] {
        assert!(dot.contains(style), "no {style}");
    }
    graphviz_accepts(&dot);
    let narrowed = ok(&rolecall(&[
        "graph", "--demo", "--format", "dot", "--to", "admin",
    ]));
    let (n, e) = check_dot(&narrowed);
    assert!(n.len() < nodes.len());
    // The shortest ways to admin form a tree: one edge out of each principal.
    assert_eq!(e.len(), n.len() - 1, "{narrowed}");
    graphviz_accepts(&narrowed);
}

#[test]
fn hostile_names_stay_valid_json_and_dot() {
    let hostile = "dev\"\\\n\u{1b}]52;c;aGk=\u{7}\u{9b}2J\u{7f}\\\"} -> n0 [";
    let dir = tempfile::tempdir().unwrap();
    let file = write_gaad(dir.path(), &small_gaad(hostile));
    for format in ["json", "opengraph"] {
        let out = rolecall(&["graph", "--file", &file, "--format", format]);
        let text = ok(&out);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: a raw control character"
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        let names: Vec<&str> = if format == "json" {
            v["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["name"].as_str().unwrap())
                .collect()
        } else {
            assert_valid_opengraph(&v);
            v["graph"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["properties"]["name"].as_str().unwrap())
                .collect()
        };
        assert!(names.contains(&hostile), "{format}: the exact name is kept");
    }
    for args in [
        vec!["graph", "--file", &file, "--format", "dot"],
        vec!["graph", "--file", &file, "--format", "dot", "--to", "admin"],
    ] {
        let dot = ok(&rolecall(&args));
        let (nodes, edges) = check_dot(&dot);
        assert!(!nodes.is_empty() && !edges.is_empty());
        assert!(
            dot.contains("\\\\e]52"),
            "the escape shown, not sent: {dot}"
        );
        graphviz_accepts(&dot);
    }
}

#[test]
fn output_file_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_gaad(dir.path(), &small_gaad("dev"));
    let target = dir.path().join("out.json");
    let target_s = target.display().to_string();
    let out = rolecall(&["graph", "--file", &file, "-o", &target_s]);
    assert!(ok(&out).is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_valid_opengraph(&v);
    for (args, says) in [
        (vec!["graph", "--demo", "--from", "nobody-at-all"], "--from"),
        (vec!["graph", "--demo", "--to", "no-such-role"], "--to"),
        (vec!["graph", "--demo", "--format", "svg"], "svg"),
        (
            vec!["graph", "--file", "/nonexistent/acct.json"],
            "acct.json",
        ),
    ] {
        let out = rolecall(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // A group is not a principal to start from.
    let out = rolecall(&["graph", "--file", &file, "--from", "developers"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The OpenGraph export of a 10,000-role, 5,000-user account (release build;
/// a debug build measures a smaller one). Printed for the report, never
/// asserted: run `cargo test --release --test graph_export -- --nocapture`.
#[test]
fn opengraph_export_time_of_a_large_account() {
    use rolecall_testkit::synthetic::{SyntheticSpec, generate_account, to_json_bytes};
    let (roles, users) = if cfg!(debug_assertions) {
        (300, 150)
    } else {
        (10_000, 5_000)
    };
    let snapshot = generate_account(&SyntheticSpec::sized(roles, users));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.json");
    std::fs::write(&file, to_json_bytes(&snapshot, false).unwrap()).unwrap();
    let file = file.display().to_string();
    let out_path = dir.path().join("large-opengraph.json");
    let out_s = out_path.display().to_string();
    let started = std::time::Instant::now();
    let out = rolecall(&["graph", "--file", &file, "-o", &out_s]);
    let elapsed = started.elapsed();
    ok(&out);
    let v: Value = serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    let (nodes, edges) = (
        v["graph"]["nodes"].as_array().unwrap().len(),
        v["graph"]["edges"].as_array().unwrap().len(),
    );
    eprintln!(
        "graph export ({}, {roles} roles, {users} users): {nodes} nodes, {edges} edges, \
         {} bytes, {:.2} s (load, analysis and write)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        std::fs::metadata(&out_path).unwrap().len(),
        elapsed.as_secs_f64()
    );
    assert!(nodes >= roles + users);
    assert_valid_opengraph(&v);
}

/// The whole-account OpenGraph file shares assume edges through
/// `RC_AssumeHub` nodes; the plain JSON lists each one. Every
/// (principal, role, verdict, conditions) the JSON has, the OpenGraph file
/// has, directly or through a hub, and nothing else: on the demo and on a
/// generated account, which has hubs.
#[test]
fn assume_hubs_stand_for_exactly_the_assume_edges() {
    use rolecall_testkit::synthetic::{SyntheticSpec, generate_account, to_json_bytes};
    type Assume = BTreeSet<(String, String, String, Vec<String>)>;
    let texts = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect()
    };
    let flat = |v: &Value| -> Assume {
        v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "can-assume")
            .map(|e| {
                (
                    e["from"].as_str().unwrap().to_string(),
                    e["to"].as_str().unwrap().to_string(),
                    e["verdict"].as_str().unwrap().to_string(),
                    texts(&e["conditions"]),
                )
            })
            .collect()
    };
    let through_hubs = |v: &Value| -> (Assume, usize) {
        let edges = v["graph"]["edges"].as_array().unwrap();
        let hubs: HashSet<&str> = v["graph"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kinds"][0] == "RC_AssumeHub")
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        let mut members: std::collections::HashMap<&str, Vec<&str>> = Default::default();
        for e in edges.iter().filter(|e| e["kind"] == "RC_InAssumeHub") {
            let hub = e["end"]["value"].as_str().unwrap();
            assert!(hubs.contains(hub), "{e}");
            members
                .entry(hub)
                .or_default()
                .push(e["start"]["value"].as_str().unwrap());
        }
        let mut out = Assume::new();
        for e in edges.iter().filter(|e| e["kind"] == "RC_CanAssume") {
            let (from, to) = (
                e["start"]["value"].as_str().unwrap(),
                e["end"]["value"].as_str().unwrap(),
            );
            let verdict = e["properties"]["verdict"].as_str().unwrap().to_string();
            let conditions = texts(&e["properties"]["conditions"]);
            let starts = if hubs.contains(from) {
                members.get(from).cloned().unwrap_or_default()
            } else {
                vec![from]
            };
            for s in starts {
                let new = out.insert((s.into(), to.into(), verdict.clone(), conditions.clone()));
                assert!(new, "{s} → {to} twice");
            }
        }
        (out, hubs.len())
    };
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("generated.json");
    let snapshot = generate_account(&SyntheticSpec::sized(400, 200));
    std::fs::write(&generated, to_json_bytes(&snapshot, false).unwrap()).unwrap();
    let generated = generated.display().to_string();
    for (what, input) in [
        ("demo", vec!["--demo"]),
        ("generated", vec!["--file", generated.as_str()]),
    ] {
        let args = |format: &'static str| {
            let mut a = vec!["graph", "--format", format];
            a.extend(input.iter().copied());
            a
        };
        let og = json_of(&rolecall(&args("opengraph")));
        assert_valid_opengraph(&og);
        let plain = json_of(&rolecall(&args("json")));
        let (via_hubs, hubs) = through_hubs(&og);
        let want = flat(&plain);
        assert!(!want.is_empty(), "{what}: no assume edge");
        assert_eq!(via_hubs.len(), want.len(), "{what}");
        assert!(via_hubs == want, "{what}: the hubs change the assume edges");
        if what == "generated" {
            assert!(hubs > 0, "the generated account has roles sharing assumers");
            let direct = og["graph"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == "RC_CanAssume" || e["kind"] == "RC_InAssumeHub")
                .count();
            assert!(
                direct < want.len(),
                "{direct} edges for {} assume edges",
                want.len()
            );
        }
    }
}

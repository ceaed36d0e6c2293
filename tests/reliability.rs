//! Big and malformed files, given to the real binary: each opens or gives a
//! clear error that names the file, never a panic, a hang, or memory out of
//! proportion. The README's reliability table lists these kinds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const ACCT: &str = "111122223333";
/// Far more than any of these takes; reaching it means a hang.
const HANG: Duration = Duration::from_secs(300);

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/gaad/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Runs the real binary, failing if it hangs. The output is read while it
/// runs (a big answer would otherwise fill the pipe and stall it).
fn rolecall(args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    match finished.recv_timeout(HANG) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            Command::new("kill")
                .arg("-9")
                .arg(pid.to_string())
                .status()
                .ok();
            panic!("rolecall {args:?} still runs after {HANG:?}");
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A clear error: exit 2, the file named, the reason given, no panic.
fn assert_refused(out: &Output, path: &str, reason: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{path}: {out:?}");
    assert!(!err.contains("panicked"), "{path}: {err}");
    assert!(err.contains(path), "the error names {path}: {err}");
    assert!(err.contains(reason), "the error says {reason:?}: {err}");
}

fn role(name: &str, trust: Value) -> Value {
    json!({
        "RoleName": name, "RoleId": format!("AROA{:0>17}", name.len()),
        "Arn": format!("arn:aws:iam::{ACCT}:role/{name}"), "Path": "/",
        "CreateDate": "2024-01-01T00:00:00Z",
        "AssumeRolePolicyDocument": trust,
        "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [],
        "InstanceProfileList": [], "RoleLastUsed": {}
    })
}

fn account_trust() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": format!("arn:aws:iam::{ACCT}:root")}, "Action": "sts:AssumeRole"}]})
}

fn gaad(roles: Vec<Value>, users: Vec<Value>) -> Value {
    json!({"UserDetailList": users, "GroupDetailList": [], "RoleDetailList": roles, "Policies": []})
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn write_json(dir: &Path, name: &str, value: &Value) -> String {
    write(dir, name, &serde_json::to_vec_pretty(value).unwrap())
}

/// Peak resident memory of the child, in bytes: python's getrusage sees
/// the binary's own high-water mark.
fn peak_memory(args: &[&str]) -> (u64, Output) {
    let script = "import resource, subprocess, sys\n\
                  r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n\
                  sys.stderr.buffer.write(r.stderr)\n\
                  print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n\
                  sys.exit(r.returncode)";
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_rolecall"))
        .args(args)
        .output()
        .expect("python3 runs");
    let kib: u64 = stdout(&out).trim().parse().expect("python prints the peak");
    (kib * 1024, out)
}

#[test]
fn a_big_file_shows_progress_and_keeps_memory_in_proportion() {
    let dir = tempfile::tempdir().unwrap();
    // Copies of a real account's users, groups and roles: about 90 MB.
    let big =
        rolecall_testkit::copies::copies(&fixture("cloudsplaining-test-authz-details.json"), 8_200);
    let path = write_json(dir.path(), "big.json", &big);
    drop(big);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 80_000_000, "{size}");
    let role = "arn:aws:iam::012345678901:role/OverprivilegedEC2-c7";
    let (peak, out) = peak_memory(&["who-can-assume", role, "--file", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("rolecall: reading {path} (")),
        "progress names the file: {err}"
    );
    assert!(err.contains("rolecall: indexing"), "{err}");
    assert!(err.contains("rolecall: loaded 24600 roles"), "{err}");
    assert!(
        peak <= 3 * size,
        "peak memory {peak} is more than 3 × the file ({size})"
    );
}

#[test]
fn a_small_file_says_nothing_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_json(
        dir.path(),
        "small.json",
        &gaad(vec![role("app", account_trust())], vec![]),
    );
    let out = rolecall(&[
        "who-can-assume",
        &format!("arn:aws:iam::{ACCT}:role/app"),
        "--file",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stderr(&out), "");
}

#[test]
fn huge_documents_open() {
    let dir = tempfile::tempdir().unwrap();
    // One inline policy with 10,000 statements.
    let statements: Vec<Value> = (0..10_000)
        .map(|i| json!({"Sid": format!("S{i}"), "Effect": "Allow", "Action": format!("s3:GetObject{i}"), "Resource": "*"}))
        .collect();
    let mut many = role("many-statements", account_trust());
    many["RolePolicyList"] = json!([{"PolicyName": "big", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}]);
    // One trust policy naming 50,000 principals.
    let principals: Vec<String> = (0..50_000)
        .map(|i| format!("arn:aws:iam::{:012}:root", 100_000_000_000u64 + i))
        .collect();
    let wide = role(
        "wide-trust",
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": principals}, "Action": "sts:AssumeRole"}]}),
    );
    // A 1 MB description.
    let mut long = role("long-description", account_trust());
    long["Description"] = json!("d".repeat(1_000_000));
    let path = write_json(
        dir.path(),
        "huge.json",
        &gaad(vec![many, wide, long], vec![]),
    );

    let out = rolecall(&[
        "who-can-assume",
        &format!("arn:aws:iam::{ACCT}:role/wide-trust"),
        "--file",
        &path,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed = report["principals"].as_array().map(Vec::len).unwrap_or(0);
    assert!(
        listed >= 50_000,
        "every trusted account is listed: {listed}"
    );

    let out = rolecall(&[
        "who-can-assume",
        &format!("arn:aws:iam::{ACCT}:role/long-description"),
        "--file",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = rolecall(&["audit", "--file", &path]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
}

#[test]
fn json_nested_ten_thousand_deep_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        r#"{"RoleDetailList": [{"RoleName": "deep", "Arn": "arn:aws:iam::111122223333:role/deep", "AssumeRolePolicyDocument": "#,
    );
    text.push_str(&"[".repeat(10_000));
    text.push_str(&"]".repeat(10_000));
    text.push_str("}]}");
    let path = write(dir.path(), "deep.json", text.as_bytes());
    let out = rolecall(&["audit", "--file", &path]);
    assert_refused(&out, &path, "recursion limit exceeded");
}

#[test]
fn duplicate_keys() {
    let dir = tempfile::tempdir().unwrap();
    // In a policy document the last value wins, as in AWS's own parser.
    let text = r#"{"RoleDetailList": [{"RoleName": "dup", "Arn": "arn:aws:iam::111122223333:role/dup",
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}}]}"#;
    let path = write(dir.path(), "dup-doc.json", text.as_bytes());
    let out = rolecall(&[
        "who-can-assume",
        "arn:aws:iam::111122223333:role/dup",
        "--file",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A field of the file's own shape given twice is an error at its path.
    let text = r#"{"RoleDetailList": [{"RoleName": "a", "RoleName": "b", "Arn": "arn:aws:iam::111122223333:role/a"}]}"#;
    let path = write(dir.path(), "dup-field.json", text.as_bytes());
    let out = rolecall(&["audit", "--file", &path]);
    assert_refused(&out, &path, "duplicate field `RoleName`");
}

#[test]
fn documents_of_the_wrong_type_load_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let roles = vec![
        role("array-trust", json!([{"Effect": "Allow"}])),
        role("number-trust", json!(42)),
        role("fine", account_trust()),
    ];
    let path = write_json(dir.path(), "types.json", &gaad(roles, vec![]));
    let out = rolecall(&[
        "who-can-assume",
        &format!("arn:aws:iam::{ACCT}:role/number-trust"),
        "--file",
        &path,
    ]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("a number (42)"), "the reason is shown: {all}");
    let out = rolecall(&[
        "who-can-assume",
        &format!("arn:aws:iam::{ACCT}:role/fine"),
        "--file",
        &path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn encodings() {
    let dir = tempfile::tempdir().unwrap();
    let good = serde_json::to_string(&gaad(vec![role("app", account_trust())], vec![])).unwrap();
    let arn = format!("arn:aws:iam::{ACCT}:role/app");
    // UTF-16 without a byte-order mark (both byte orders) opens.
    for (name, big_endian) in [("le.json", false), ("be.json", true)] {
        let bytes: Vec<u8> = good
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        let path = write(dir.path(), name, &bytes);
        let out = rolecall(&["who-can-assume", &arn, "--file", &path]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert!(stdout(&out).contains(ACCT), "{name}: {}", stdout(&out));
    }
    // Invalid UTF-8 inside a string.
    let mut bytes = good.clone().into_bytes();
    let at = good.find("app").unwrap();
    bytes[at] = 0xFF;
    let path = write(dir.path(), "latin.json", &bytes);
    let out = rolecall(&["audit", "--file", &path]);
    assert_refused(&out, &path, "not valid JSON");
    // Not text at all.
    let path = write(
        dir.path(),
        "binary.json",
        &[0x89, b'P', b'N', b'G', 0xFF, 0xFE, 0xFD],
    );
    let out = rolecall(&["audit", "--file", &path]);
    assert_refused(&out, &path, "not valid UTF-8");
}

#[test]
fn empty_files_directories_and_truncation() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.json", b"");
    assert_refused(
        &rolecall(&["audit", "--file", &empty]),
        &empty,
        "the file is empty",
    );
    let blank = write(dir.path(), "blank.json", b"  \n\t ");
    assert_refused(
        &rolecall(&["audit", "--file", &blank]),
        &blank,
        "the file is empty",
    );
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_string_lossy().into_owned();
    // A directory is read for its ACCOUNT_ID.json files; this one has none.
    assert_refused(
        &rolecall(&["audit", "--file", &folder]),
        &folder,
        "holds no account snapshot",
    );
    let good = serde_json::to_string(&gaad(vec![role("app", account_trust())], vec![])).unwrap();
    let cut = write(dir.path(), "cut.json", &good.as_bytes()[..good.len() / 2]);
    assert_refused(&rolecall(&["audit", "--file", &cut]), &cut, "is truncated");
    let missing = dir
        .path()
        .join("missing.json")
        .to_string_lossy()
        .into_owned();
    assert_refused(
        &rolecall(&["audit", "--file", &missing]),
        &missing,
        "cannot read",
    );
    let array = write(dir.path(), "array.json", b"[1, 2]");
    assert_refused(
        &rolecall(&["audit", "--file", &array]),
        &array,
        "a JSON array",
    );
}

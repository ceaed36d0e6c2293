//! Live faults end to end, against a real moto_server and the fault proxy:
//! a 2,000-role account read through 30% throttled answers and 5% dropped
//! connections gives the same snapshot as a clean read; Ctrl-C during
//! `rolecall snapshot` leaves no partial file and the old one intact; a
//! snapshot into a read-only directory or onto a full disk fails with a
//! clear message and the old file intact.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, unsafe_code)] // a test, bench or example may fail loudly

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use rolecall::source::live::{LiveEvent, LiveOptions};
use serde_json::json;
use support::populate::{admin_client, runtime};
use support::{
    Proxy, assert_same, canonical, load_ok, lock, model_of, moto_url, options, reset_moto,
};

const ROLES: usize = 2_000;

/// An account of `ROLES` roles, a tenth with an inline policy, written one
/// call at a time (moto can fail on concurrent writes).
fn populate_roles(url: &str) {
    let client = admin_client(url, "AKIAROLECALLTEST0001", "x");
    runtime().block_on(async {
        for i in 0..ROLES {
            let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"AWS": format!("arn:aws:iam::{:012}:root", 100_000_000_000u64 + (i % 50) as u64)},
                "Action": "sts:AssumeRole"}]});
            let name = format!("app-{i:04}");
            client
                .create_role()
                .role_name(&name)
                .path(format!("/team{}/", i % 7))
                .assume_role_policy_document(trust.to_string())
                .send()
                .await
                .unwrap_or_else(|e| panic!("create_role {name}: {e:?}"));
            if i % 10 == 0 {
                let policy = json!({"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::bucket-{i}/*")}]});
                client
                    .put_role_policy()
                    .role_name(&name)
                    .policy_name("read")
                    .policy_document(policy.to_string())
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("put_role_policy {name}: {e:?}"));
            }
        }
    });
}

#[test]
fn a_big_account_through_throttling_and_dropped_connections_gives_the_same_snapshot() {
    let _g = lock();
    let url = moto_url();
    reset_moto(&url);
    populate_roles(&url);
    // The per-entity calls: thousands of requests, each a chance to fail.
    let fallback = |endpoint: &str| LiveOptions {
        force_fallback: true,
        concurrency: 8,
        initial_backoff: Duration::from_millis(5),
        ..options(endpoint)
    };
    let clean = load_ok(&fallback(&url)).0;
    assert!(clean.snapshot.role_detail_list.len() >= ROLES);
    assert!(clean.unavailable.is_empty(), "{:?}", clean.unavailable);

    let proxy = Proxy::start(&url);
    // A request is throttled at most 3 times and dropped at most twice in
    // a row, so 8 attempts always get through.
    proxy.configure(json!({"seed": 7, "rules": [
        {"kind": "throttle", "probability": 0.3, "max_in_a_row": 3},
        {"kind": "drop", "probability": 0.05, "max_in_a_row": 2},
    ]}));
    let (faulty, events) = load_ok(&fallback(&proxy.url));
    let retries = events
        .iter()
        .filter(|e| matches!(e, LiveEvent::Throttled { .. }))
        .count();
    let first_tries = clean.requests as usize;
    assert!(
        retries * 100 >= first_tries * 25,
        "about a third of {first_tries} requests failed and were retried: {retries}"
    );
    assert!(faulty.unavailable.is_empty(), "{:?}", faulty.unavailable);
    assert_same(
        "a faulty read vs a clean one",
        &canonical(&model_of(&clean.snapshot)),
        &canonical(&model_of(&faulty.snapshot)),
    );
    // GAAD through the same faults too.
    let gaad_clean = load_ok(&options(&url)).0;
    proxy.configure(json!({"seed": 8, "rules": [
        {"kind": "throttle", "probability": 0.3, "max_in_a_row": 3},
        {"kind": "drop", "probability": 0.05, "max_in_a_row": 2},
    ]}));
    let gaad_faulty = load_ok(&LiveOptions {
        initial_backoff: Duration::from_millis(5),
        ..options(&proxy.url)
    })
    .0;
    assert_same(
        "GAAD through faults vs clean",
        &canonical(&model_of(&gaad_clean.snapshot)),
        &canonical(&model_of(&gaad_faulty.snapshot)),
    );
}

fn snapshot_command(endpoint: &str, output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    command
        .args(["snapshot", "-o"])
        .arg(output)
        .envs(support::moto_env(endpoint))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Files in `dir` other than `keep`: a partial or temporary file left behind.
fn others(dir: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

const OLD: &[u8] = b"{\"RoleDetailList\": []}\n";

#[test]
fn ctrl_c_during_a_snapshot_leaves_the_old_file_and_nothing_else() {
    let _g = lock();
    let url = moto_url();
    reset_moto(&url);
    let proxy = Proxy::start(&url);
    // Slow answers, so the load is still running when Ctrl-C comes.
    proxy.configure(json!({"rules": [{"kind": "delay", "ms": 400}]}));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.json");
    std::fs::write(&path, OLD).unwrap();
    let child = snapshot_command(&proxy.url, &path).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out: Output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("interrupted: nothing was saved") && err.contains("acct.json"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), OLD);
    assert_eq!(others(dir.path(), "acct.json"), Vec::<String>::new());
}

/// Mounts a small tmpfs (needs root, as in CI); `None` where not allowed.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_or_a_read_only_directory_fails_clearly_and_keeps_the_old_file() {
    let _g = lock();
    let url = moto_url();
    reset_moto(&url);
    populate_roles_few(&url);
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(dir.path(), "64k") else {
        // Not root: a plain directory without write permission stands in
        // for the read-only one; the full disk needs the mount.
        eprintln!("no tmpfs mount here (not root): only the read-only directory is tried");
        read_only_by_permissions(&url, dir.path());
        return;
    };
    let path = dir.path().join("acct.json");
    std::fs::write(&path, OLD).unwrap();
    // Fill the disk: the new snapshot cannot be written.
    let filler = vec![b'x'; 60 * 1024];
    let _ = std::fs::write(dir.path().join("filler"), &filler);
    let out = snapshot_command(&url, &path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("writing the snapshot to") && err.contains("No space left on device"),
        "{err}"
    );
    assert!(err.contains("previous file (if any) is unchanged"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), OLD);
    let mut left = others(dir.path(), "acct.json");
    left.retain(|n| n != "filler");
    assert_eq!(left, Vec::<String>::new(), "no temporary file left");

    // Read-only: nothing can be created beside the old file.
    std::fs::remove_file(dir.path().join("filler")).unwrap();
    disk.remount("ro");
    let out = snapshot_command(&url, &path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot create a temporary file in") && err.contains("Read-only file system"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), OLD);
    disk.remount("rw");
}

fn read_only_by_permissions(url: &str, dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("acct.json");
    std::fs::write(&path, OLD).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = snapshot_command(url, &path).output().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot create a temporary file in"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), OLD);
}

/// A few roles, enough for a snapshot bigger than the full disk's room.
fn populate_roles_few(url: &str) {
    let client = admin_client(url, "AKIAROLECALLTEST0001", "x");
    runtime().block_on(async {
        for i in 0..40 {
            let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
            client
                .create_role()
                .role_name(format!("fn-{i:02}"))
                .assume_role_policy_document(trust.to_string())
                .send()
                .await
                .unwrap();
        }
    });
}

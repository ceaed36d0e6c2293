//! Atomic snapshot saving: a failed write never replaces a good file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use rolecall::snapshot::{RoleDetail, Snapshot, SnapshotHeader};
use rolecall::snapshot_io::{SaveError, save_snapshot, write_atomically};

fn sample(name: &str) -> Snapshot {
    Snapshot {
        header: Some(SnapshotHeader {
            format_version: 1,
            account_id: Some("123456789012".into()),
            ..SnapshotHeader::default()
        }),
        role_detail_list: vec![RoleDetail {
            role_name: name.into(),
            arn: format!("arn:aws:iam::123456789012:role/{name}"),
            ..RoleDetail::default()
        }],
        ..Snapshot::default()
    }
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn save_then_read_back_is_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("account.json");
    let snapshot = sample("first");
    save_snapshot(&path, &snapshot).expect("save");
    let back = rolecall::source::file::load_file(&path).expect("read back");
    assert_eq!(back, snapshot);
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn failed_write_leaves_previous_file_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("account.json");
    save_snapshot(&path, &sample("good")).expect("save");
    let before = std::fs::read(&path).expect("read");

    // Half a snapshot is written, then the write fails (a full disk, a
    // killed process): the good file must stay as it was.
    let err = write_atomically(&path, |w| {
        w.write_all(b"{\"RoleDetailList\": [")?;
        Err(std::io::Error::other("disk full"))
    })
    .expect_err("the write fails");
    assert!(matches!(err, SaveError::Write { .. }), "{err}");
    assert!(err.to_string().contains("unchanged"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(leftovers(dir.path()).is_empty(), "temporary file removed");
}

#[test]
fn save_into_missing_directory_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no/such/dir/account.json");
    let err = save_snapshot(&path, &sample("x")).expect_err("no directory");
    let text = err.to_string();
    assert!(
        text.contains("account.json") && text.contains("-o"),
        "{text}"
    );
}

#[test]
fn a_cancelled_save_leaves_the_previous_file_and_no_temporary_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("account.json");
    save_snapshot(&path, &sample("good")).expect("save");
    let before = std::fs::read(&path).expect("read");
    // Ctrl-C came: the write stops at its first chunk.
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let err = rolecall::snapshot_io::save_snapshot_unless(&path, &sample("new"), &cancel)
        .expect_err("cancelled");
    assert!(matches!(err, SaveError::Write { .. }), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(leftovers(dir.path()).is_empty(), "temporary file removed");
    // Not cancelled, the same call saves.
    let go = std::sync::atomic::AtomicBool::new(false);
    rolecall::snapshot_io::save_snapshot_unless(&path, &sample("new"), &go).expect("saves");
    let back = rolecall::source::file::load_file(&path).expect("read back");
    assert_eq!(back, sample("new"));
}

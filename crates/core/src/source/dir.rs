//! A directory of snapshots: one `ACCOUNT_ID.json` per account (a GAAD
//! file or a rolecall snapshot) and, for an organization,
//! `organization.json` (`crate::org`). One job per account can write
//! them elsewhere (`rolecall snapshot -o ACCOUNT_ID.json`), merged by
//! copying the files into one directory.

use std::path::{Path, PathBuf};

use super::LoadError;
use crate::org::{Organization, parse_organization};

/// The organization file's name in a directory.
pub const ORGANIZATION_FILE: &str = "organization.json";

/// Whether a file name is `ACCOUNT_ID.json` (twelve digits).
fn is_account_file(name: &str) -> bool {
    name.strip_suffix(".json")
        .is_some_and(|id| id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()))
}

fn read_error(dir: &Path, source: std::io::Error) -> LoadError {
    LoadError::Read {
        path: dir.display().to_string(),
        source,
    }
}

/// The account snapshots of `dir`, in name order. A directory with none
/// is an error that says what it should hold.
pub fn account_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| read_error(dir, e))? {
        let entry = entry.map_err(|e| read_error(dir, e))?;
        let path = entry.path();
        if path.is_file() && entry.file_name().to_str().is_some_and(is_account_file) {
            out.push(path);
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(LoadError::EmptyDirectory {
            path: dir.display().to_string(),
        });
    }
    Ok(out)
}

/// The files `paths` names: each file as it is, each directory as its
/// account files.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(account_files(path)?);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// `dir/organization.json`, when the directory has one.
pub fn organization(dir: &Path) -> Result<Option<Organization>, LoadError> {
    let path = dir.join(ORGANIZATION_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let origin = path.display().to_string();
    let bytes = std::fs::read(&path).map_err(|source| LoadError::Read {
        path: origin.clone(),
        source,
    })?;
    Ok(Some(parse_organization(&bytes, &origin)?))
}

#[cfg(test)]
mod tests {
    use super::is_account_file;

    #[test]
    fn only_twelve_digit_names_are_account_files() {
        assert!(is_account_file("123456789012.json"));
        for name in [
            "organization.json",
            "12345678901.json",
            "1234567890123.json",
            "12345678901a.json",
            "123456789012.json.tmp",
            "123456789012",
        ] {
            assert!(!is_account_file(name), "{name}");
        }
    }
}

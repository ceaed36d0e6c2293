//! Where snapshots come from: files and the built-in demo.
//!
//! Every source produces owned `Snapshot`s; nothing outside this module knows
//! how they were read.

pub mod demo;
pub mod dir;
pub mod file;

use std::path::PathBuf;

use crate::snapshot::Snapshot;

/// What the user asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceSpec {
    /// The demo account compiled into the binary.
    Demo,
    /// One or more GAAD / snapshot files, or directories of them
    /// (`source::dir`).
    Files(Vec<PathBuf>),
}

/// One loaded snapshot and where it came from (a path, or "demo").
#[derive(Debug, Clone)]
pub struct Loaded {
    pub origin: String,
    pub snapshot: Snapshot,
}

/// Why a source could not be read. Each message names the input and says
/// what to try next.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}. Check the path and that you are allowed to read it.")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a GAAD file: {why}. rolecall opens the JSON written by `aws iam get-account-authorization-details --output json > FILE`, or a snapshot saved by rolecall."
    )]
    NotGaad { path: String, why: String },
    #[error(
        "{path} is truncated: the JSON ends early (line {line}, column {column}). The file was probably cut off while being written; export it again."
    )]
    Truncated {
        path: String,
        line: usize,
        column: usize,
    },
    #[error(
        "{path} is not valid JSON: {message} at line {line}, column {column}. Fix or re-export the file."
    )]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path} does not have the shape of a GAAD file at {json_path} (line {line}, column {column}): {message}. Was the file edited by hand or written by another command?"
    )]
    Shape {
        path: String,
        json_path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path} holds no account snapshot: a directory is read for files named ACCOUNT_ID.json (twelve digits), one account each, as `rolecall snapshot -o DIR/ACCOUNT_ID.json` writes them."
    )]
    EmptyDirectory { path: String },
    #[error(
        "{first} and {second} hold two different organizations; open one organization's directory at a time."
    )]
    TwoOrganizations { first: String, second: String },
    #[error(transparent)]
    Organization(#[from] crate::org::OrgError),
}

/// Loads every snapshot a spec names, in order. Blocking: the UI runs it on a
/// worker thread.
pub fn load(spec: &SourceSpec) -> Result<Vec<Loaded>, LoadError> {
    match spec {
        SourceSpec::Demo => Ok(vec![demo::current()?]),
        SourceSpec::Files(paths) => dir::expand(paths)?
            .iter()
            .map(|path| {
                Ok(Loaded {
                    origin: path.display().to_string(),
                    snapshot: file::load_file(path)?,
                })
            })
            .collect(),
    }
}

/// The organization of the directories a spec names (their
/// `organization.json`), when one has it. Two different organizations in
/// one load are an error: their trees cannot both hold.
pub fn load_organization(
    spec: &SourceSpec,
) -> Result<Option<std::sync::Arc<crate::org::Organization>>, LoadError> {
    let SourceSpec::Files(paths) = spec else {
        return Ok(None);
    };
    let mut found: Option<(String, crate::org::Organization)> = None;
    for path in paths.iter().filter(|p| p.is_dir()) {
        let Some(org) = dir::organization(path)? else {
            continue;
        };
        match &found {
            Some((first, had)) if had.organization.id != org.organization.id => {
                return Err(LoadError::TwoOrganizations {
                    first: first.clone(),
                    second: path.display().to_string(),
                });
            }
            Some(_) => {}
            None => found = Some((path.display().to_string(), org)),
        }
    }
    Ok(found.map(|(_, org)| std::sync::Arc::new(org)))
}

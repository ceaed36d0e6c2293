//! Where a non-interactive command reads its accounts from: `--file F...`
//! or `--demo` (live accounts come with the live source).

use std::path::PathBuf;

use clap::Args;

use crate::model::{self, Model};
use crate::source::{self, LoadError, SourceSpec};

/// The input options every non-interactive command takes.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// GAAD JSON files or rolecall snapshots to read (one account each).
    #[arg(long = "file", short = 'f', value_name = "FILE", num_args = 1.., conflicts_with = "demo")]
    pub files: Vec<PathBuf>,
    /// Use the built-in demo account.
    #[arg(long)]
    pub demo: bool,
}

impl InputArgs {
    /// What to load; `None` when neither option was given.
    pub fn spec(&self) -> Option<SourceSpec> {
        if self.demo {
            Some(SourceSpec::Demo)
        } else if !self.files.is_empty() {
            Some(SourceSpec::Files(self.files.clone()))
        } else {
            None
        }
    }

    /// Loads and indexes the accounts.
    pub fn load_model(&self) -> Result<Model, InputError> {
        let spec = self.spec().ok_or(InputError::NoInput)?;
        Ok(model::build(source::load(&spec)?))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("say which accounts to read: --file FILE... (GAAD JSON) or --demo")]
    NoInput,
    #[error(transparent)]
    Load(#[from] LoadError),
}

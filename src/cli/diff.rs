//! `rolecall diff OLD NEW`: drift between two snapshots of one account,
//! either of which may be `live` (the account of the current credentials,
//! loaded now). Exit status like diff(1): 0 no drift, 1 drift, 2 error.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::audit::drift::{diff_models, render_human};
use crate::cli::input::{InputError, load_live_model};
use crate::model::{self, Model};
use crate::source::live::LiveOptions;
use crate::source::{self, LoadError, SourceSpec};

/// Whether to colour output: only on a terminal, and never with NO_COLOR
/// set (to anything non-empty, as no-color.org says).
pub fn color_wanted(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The arguments of `rolecall diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The older snapshot: a GAAD JSON file, a snapshot saved by rolecall,
    /// `live` for the account of your AWS credentials as it is now, or a
    /// directory of an organization's accounts (then every account is compared).
    #[arg(value_name = "OLD", required_unless_present = "demo")]
    pub old: Option<PathBuf>,
    /// The newer snapshot of the same account (or `live`).
    #[arg(value_name = "NEW", required_unless_present = "demo")]
    pub new: Option<PathBuf>,
    /// Compare the demo account 30 days earlier with the demo account now.
    #[arg(long, conflicts_with_all = ["old", "new"])]
    pub demo: bool,
    /// Print the drift as JSON (format `rolecall-drift/1`).
    #[arg(long)]
    pub json: bool,
}

/// How to print drift.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    pub json: bool,
    /// ANSI colours in the human output (see [`color_wanted`]).
    pub color: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(
        "the snapshots are of different accounts ({old} and {new}); `rolecall diff` compares two \
         snapshots of the same account"
    )]
    DifferentAccounts { old: String, new: String },
    #[error("the old or new snapshot holds no account")]
    Empty,
    #[error(
        "both sides are `live`: compare the live account with a snapshot file \
         (save one with `rolecall snapshot -o FILE`; for a file named live, write ./live)"
    )]
    BothLive,
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("cannot write the drift: {0}")]
    Write(#[from] std::io::Error),
}

/// Compares the first snapshot of `old` with the first snapshot of `new`
/// and prints the drift. Returns the exit status: 0 no drift, 1 drift.
pub fn run_diff(
    old: &Model,
    new: &Model,
    opts: &DiffOptions,
    out: &mut dyn Write,
) -> Result<i32, DiffError> {
    let (Some(o), Some(n)) = (old.accounts.first(), new.accounts.first()) else {
        return Err(DiffError::Empty);
    };
    if o.account_id != n.account_id {
        return Err(DiffError::DifferentAccounts {
            old: o.account_id.clone(),
            new: n.account_id.clone(),
        });
    }
    let drift = diff_models(old, 0, new, 0);
    if opts.json {
        serde_json::to_writer_pretty(&mut *out, &drift).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        render_human(&drift, opts.color, out)?;
    }
    out.flush()?;
    Ok(i32::from(!drift.is_empty()))
}

impl DiffArgs {
    /// The two models to compare (old, new); `live` reaches the account the
    /// way `live` says.
    pub fn load(&self, live: &LiveOptions) -> Result<(Model, Model), DiffError> {
        if self.demo {
            let (old, new) = (source::demo::earlier()?, source::demo::current()?);
            return Ok((model::build(vec![old]), model::build(vec![new])));
        }
        let (old, new) = (self.old.as_deref(), self.new.as_deref());
        if old.is_some_and(is_live) && new.is_some_and(is_live) {
            return Err(DiffError::BothLive);
        }
        Ok((load_side(old, live)?, load_side(new, live)?))
    }

    /// Loads, compares and prints; returns the exit status (0/1).
    pub fn run(
        &self,
        color: bool,
        live: &LiveOptions,
        out: &mut dyn Write,
    ) -> Result<i32, DiffError> {
        let (old, new) = self.load(live)?;
        let whole = |p: Option<&PathBuf>| p.is_some_and(|p| p.is_dir());
        if whole(self.old.as_ref()) || whole(self.new.as_ref()) {
            let drift = super::org_diff::diff_orgs(&old, &new);
            let printed = super::org_diff::print(&drift, self.json, color && !self.json, out)?;
            return Ok(printed);
        }
        let opts = DiffOptions {
            json: self.json,
            color: color && !self.json,
        };
        run_diff(&old, &new, &opts, out)
    }
}

/// The word `live` (not `./live`, which names a file).
fn is_live(path: &Path) -> bool {
    path.as_os_str() == "live"
}

fn load_side(path: Option<&Path>, live: &LiveOptions) -> Result<Model, DiffError> {
    let path = path.ok_or(DiffError::Empty)?;
    if is_live(path) {
        return Ok(load_live_model(live)?);
    }
    Ok(super::progress::load_model(&SourceSpec::Files(vec![
        path.to_path_buf(),
    ]))?)
}

//! Saving snapshots atomically: the JSON goes to a temporary file in the
//! target's directory, is flushed to disk (fsync), and only then renamed over
//! the target. An interrupted or failed save never leaves a half-written file
//! in place of a good one.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::snapshot::Snapshot;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "cannot create a temporary file in {dir} to save {path}: {source}. Check that the directory exists and is writable, or choose another path with `-o`."
    )]
    Create {
        dir: String,
        path: String,
        source: std::io::Error,
    },
    #[error(
        "writing the snapshot to {path} failed: {source}. The previous file (if any) is unchanged; check free disk space and try again."
    )]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "cannot replace {path} with the new snapshot: {source}. The previous file (if any) is unchanged."
    )]
    Rename {
        path: String,
        source: std::io::Error,
    },
}

/// Writes `snapshot` as pretty GAAD JSON (plus rolecall's header) to `path`,
/// atomically.
pub fn save_snapshot(path: &Path, snapshot: &Snapshot) -> Result<(), SaveError> {
    save_snapshot_unless(path, snapshot, &AtomicBool::new(false))
}

/// `save_snapshot` that gives up as soon as `cancel` is set (the user
/// pressed Ctrl-C): the temporary file is removed and `path` stays as it
/// was. A save that had already been renamed into place stands.
pub fn save_snapshot_unless(
    path: &Path,
    snapshot: &Snapshot,
    cancel: &AtomicBool,
) -> Result<(), SaveError> {
    write_atomically(path, |w| {
        let mut w = CancelWriter { inner: w, cancel };
        serde_json::to_writer_pretty(&mut w, snapshot).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        w.check()
    })
}

/// Fails every write once `cancel` is set.
struct CancelWriter<'a, W: Write + ?Sized> {
    inner: &'a mut W,
    cancel: &'a AtomicBool,
}

impl<W: Write + ?Sized> CancelWriter<'_, W> {
    fn check(&self) -> std::io::Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            // Not ErrorKind::Interrupted: `write_all` retries that forever.
            return Err(std::io::Error::other("interrupted by the user"));
        }
        Ok(())
    }
}

impl<W: Write + ?Sized> Write for CancelWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.check()?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.check()?;
        self.inner.flush()
    }
}

/// Runs `write` into a temporary file beside `path` and renames it over
/// `path` once it succeeded and is on disk. On any failure the temporary
/// file is removed and `path` is left as it was.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp_path, file) = create_temp(&dir, path).map_err(|source| SaveError::Create {
        dir: dir.display().to_string(),
        path: shown.clone(),
        source,
    })?;
    let result = (|| {
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(SaveError::Write {
            path: shown,
            source,
        });
    }
    if let Err(source) = std::fs::rename(&tmp_path, path) {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(SaveError::Rename {
            path: shown,
            source,
        });
    }
    // Make the rename itself durable; not every filesystem allows this.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_temp(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, File)> {
    let base = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "snapshot".into());
    let pid = std::process::id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut last_err = None;
    for n in 0..100u32 {
        let candidate = dir.join(format!(".{base}.{pid}.{nanos:x}.{n}.tmp"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_err.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

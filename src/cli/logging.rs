//! The debug log (`--log-file`): what rolecall did, never credentials, and
//! never a raw control character. Role names, API error messages and other
//! logged values come from the account; a user who `tail`s or `cat`s the
//! log must not have their terminal rewritten by one of them.

use std::io::Write;
use std::path::Path;

use rolecall_core::text::{escape_controls, escape_controls_line};
use tracing_appender::non_blocking::WorkerGuard;

/// Opens `path` for appending and sends every `tracing` event there, with
/// control characters escaped. Keep the guard alive until exit: dropping it
/// flushes the log.
pub fn init_logging(path: &Path) -> anyhow::Result<WorkerGuard> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot open the log file {}: {e}. Choose a writable path with --log-file.",
                escape_controls(&path.display().to_string())
            )
        })?;
    let (writer, guard) = tracing_appender::non_blocking(EscapingWriter(file));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ROLECALL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    Ok(guard)
}

/// Writes what it is given with every control character escaped (`\e`,
/// `\u{7}` …), newlines too except the one that ends the event, so a value
/// cannot forge a log line either. The formatter hands over one whole event
/// per write, so a multi-byte character is never split between two calls;
/// bytes that are not UTF-8 are shown as U+FFFD.
pub struct EscapingWriter<W: Write>(pub W);

impl<W: Write> Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let (event, end) = match text.strip_suffix('\n') {
            Some(event) => (event, "\n"),
            None => (text.as_ref(), ""),
        };
        self.0.write_all(escape_controls_line(event).as_bytes())?;
        self.0.write_all(end.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_the_final_newline_kept() {
        let mut out = EscapingWriter(Vec::new());
        out.write_all("role x\x1b]52;c;aGk=\x07 \u{9b}2J\nINFO forged\n".as_bytes())
            .unwrap();
        let written = String::from_utf8(out.0).unwrap();
        assert_eq!(
            written,
            "role x\\e]52;c;aGk=\\u{7} \\u{9b}2J\\nINFO forged\n"
        );
    }
}

//! Untrusted text made safe for a terminal.
//!
//! Names, descriptions, tags, condition values and whole documents come from
//! an account or a file that someone else controls. Written raw, an escape
//! sequence in one of them can set the user's clipboard (OSC 52), retitle the
//! window or rewrite the screen. Every human-readable output shows control
//! characters visibly escaped instead: the user sees that the value is odd,
//! and the terminal receives none of it. JSON, SARIF and snapshots stay
//! exact (JSON escapes control characters itself).

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character except the newline written as an
/// escape: `\e` for ESC, `\t`, `\r`, and `\u{7}`-style for the rest (C0,
/// DEL and C1, which some terminals also obey). Borrowed when there is
/// nothing to escape, the common case.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The same, but the newline is escaped too: for one-line fields (a name,
/// a table cell) where a newline would break the layout.
pub fn escape_controls_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\n' || needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || needs_escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c != '\n' && c.is_control()
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\x1b' => out.push_str("\\e"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        other => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(other));
        }
    }
}

/// A writer for JSON on a terminal: the characters JSON leaves raw that a
/// terminal may still obey (DEL and the C1 controls U+0080–U+009F, such as
/// the one-character CSI U+009B) are written as `\u00XX` escapes. In JSON
/// text they can only stand inside strings, where the escape means the same
/// character, so the document decodes to exactly the same values.
pub struct JsonSafe<W: std::io::Write> {
    inner: W,
    /// A 0xC2 lead byte seen at the end of the previous write.
    pending_lead: bool,
}

impl<W: std::io::Write> JsonSafe<W> {
    pub fn new(inner: W) -> JsonSafe<W> {
        JsonSafe {
            inner,
            pending_lead: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for JsonSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Nearly every block has nothing to escape: passed on as it is
        // (a graph export writes gigabytes).
        if !self.pending_lead && !buf.iter().any(|&b| b == 0xc2 || b == 0x7f) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut out = Vec::with_capacity(buf.len());
        for &b in buf {
            if self.pending_lead {
                self.pending_lead = false;
                if (0x80..=0x9f).contains(&b) {
                    out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
                    continue;
                }
                out.push(0xc2);
            }
            match b {
                0xc2 => self.pending_lead = true,
                0x7f => out.extend_from_slice(b"\\u007f"),
                _ => out.push(b),
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.pending_lead {
            // A lone lead byte at the very end: pass it on as it was.
            self.pending_lead = false;
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::{JsonSafe, escape_controls, escape_controls_line};

    #[test]
    fn json_safe_escapes_c1_and_del_and_keeps_the_values() {
        let value = serde_json::json!({"v": "a\u{9b}2J\u{7f}é\u{85}", "k\u{9b}": 1});
        let mut out = JsonSafe::new(Vec::new());
        // Byte by byte, so a character split across writes is handled.
        for b in serde_json::to_vec(&value).unwrap() {
            std::io::Write::write_all(&mut out, &[b]).unwrap();
        }
        std::io::Write::flush(&mut out).unwrap();
        let text = String::from_utf8(out.inner).unwrap();
        assert!(!text.chars().any(char::is_control), "{text}");
        assert!(text.contains("\\u009b") && text.contains("\\u007f") && text.contains('é'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn osc52_and_other_controls_are_shown_escaped() {
        let hostile = "ok\x1b]52;c;aGk=\x07 bell\u{9b}31m tab\tcr\r\nnext\u{7f}";
        let shown = escape_controls(hostile);
        assert_eq!(
            shown,
            "ok\\e]52;c;aGk=\\u{7} bell\\u{9b}31m tab\\tcr\\r\nnext\\u{7f}"
        );
        assert!(!shown.chars().any(|c| c.is_control() && c != '\n'));
        assert_eq!(escape_controls_line("a\nb"), "a\\nb");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "arn:aws:iam::111122223333:role/ci/deploy — “quoted” ✔";
        assert!(matches!(
            escape_controls(text),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            escape_controls_line(text),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

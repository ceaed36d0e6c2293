//! Copying text: OSC 52 (works over SSH and in tmux) plus a native
//! clipboard tool when the session has a display.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;

/// The OSC 52 sequence that asks the terminal to set its clipboard. Inside
/// tmux the sequence is sent twice: plainly (taken by tmux when
/// `set-clipboard` is on) and wrapped in tmux's passthrough escape (reaches
/// the outer terminal when `allow-passthrough` is on).
pub fn osc52_sequence(text: &str, in_tmux: bool) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{encoded}\x07");
    if in_tmux {
        format!("{plain}\x1bPtmux;\x1b\x1b]52;c;{encoded}\x07\x1b\\")
    } else {
        plain
    }
}

/// Writes the OSC 52 sequence to the terminal and tries a native tool.
/// Returns the status line text.
pub fn copy(terminal_out: &mut impl Write, text: &str, what: &str) -> String {
    let in_tmux = std::env::var_os("TMUX").is_some();
    let osc = terminal_out
        .write_all(osc52_sequence(text, in_tmux).as_bytes())
        .and_then(|()| terminal_out.flush())
        .is_ok();
    let native = copy_native(text);
    let how = match (osc, native) {
        (true, Some(tool)) => format!("OSC 52 and {tool}"),
        (true, None) => "OSC 52".to_string(),
        (false, Some(tool)) => tool.to_string(),
        (false, None) => return format!("Could not copy {what}: the terminal refused the write."),
    };
    format!("Copied {what} ({how}).")
}

/// Pipes the text into the first clipboard tool that fits the session.
fn copy_native(text: &str) -> Option<&'static str> {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("pbcopy", &[])]
    } else if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        &[("wl-copy", &[])]
    } else if std::env::var_os("DISPLAY").is_some() {
        &[
            ("xclip", &["-selection", "clipboard"]),
            ("xsel", &["--clipboard", "--input"]),
        ]
    } else {
        &[]
    };
    for (tool, args) in candidates {
        let child = Command::new(tool)
            .args(*args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut child) = child else { continue };
        let written = child
            .stdin
            .take()
            .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
        // xclip keeps running to serve the selection: reap it off-thread.
        std::thread::spawn(move || child.wait());
        if written {
            return Some(tool);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_of_the_text_between_the_right_escapes() {
        assert_eq!(
            osc52_sequence("arn:aws:iam::111122223333:role/x", false),
            "\x1b]52;c;YXJuOmF3czppYW06OjExMTEyMjIyMzMzMzpyb2xlL3g=\x07"
        );
    }

    #[test]
    fn inside_tmux_the_sequence_is_also_passed_through() {
        let seq = osc52_sequence("hi", true);
        assert!(seq.starts_with("\x1b]52;c;aGk=\x07"));
        assert!(seq.ends_with("\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"));
    }
}

//! Drift for people: one block per change, unified diffs indented under
//! it. With `color`, new trust principals are bold red (the loudest thing),
//! removed ones green, diff lines red/green/cyan.

use std::io::{self, Write};

use super::wording::{self, Loudness};
use super::{Change, ChangeKind, Drift};
use crate::text::escape_controls_line;

const RED_BOLD: &str = "\x1b[1;31m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Painter {
    color: bool,
}

impl Painter {
    /// `text` comes from the account: its control characters are shown
    /// escaped, then the colour (ours) goes around it.
    fn paint(&self, style: &str, text: &str) -> String {
        let text = escape_controls_line(text);
        if self.color && !style.is_empty() {
            format!("{style}{text}{RESET}")
        } else {
            text.into_owned()
        }
    }
}

fn style(loudness: Loudness) -> &'static str {
    match loudness {
        Loudness::Alarm => RED_BOLD,
        Loudness::Relief => GREEN,
        Loudness::Notice | Loudness::Plain | Loudness::Quiet => "",
    }
}

fn write_diff(out: &mut dyn Write, p: &Painter, diff: &str) -> io::Result<()> {
    for line in diff.lines() {
        let styled = if line.starts_with("+++") || line.starts_with("---") {
            p.paint(BOLD, line)
        } else if line.starts_with('+') {
            p.paint(GREEN, line)
        } else if line.starts_with('-') {
            p.paint(RED, line)
        } else if line.starts_with("@@") {
            p.paint(CYAN, line)
        } else {
            p.paint("", line)
        };
        writeln!(out, "      {styled}")?;
    }
    Ok(())
}

/// `~ role NAME: attached ARN`, `~ managed policy …`.
fn headline(c: &Change) -> String {
    let line = wording::summary(c);
    match (&c.role, &c.kind) {
        (_, ChangeKind::ManagedPolicyChanged { .. }) => {
            format!("{} managed policy: {}", line.mark, line.detail)
        }
        (role, _) => format!(
            "{} role {}: {} {}",
            line.mark,
            role.as_deref().unwrap_or(""),
            line.label,
            line.detail
        ),
    }
}

/// Writes the drift for a person; `color` adds ANSI colours.
pub fn render_human(drift: &Drift, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let p = Painter { color };
    let when = |s: &super::Side| match &s.captured_at {
        Some(t) => format!("{} ({t})", s.origin),
        None => s.origin.clone(),
    };
    let n = drift.changes.len();
    writeln!(
        out,
        "{}",
        p.paint(
            BOLD,
            &format!(
                "Drift in account {}: {} → {}: {n} change{}",
                drift.account_id,
                when(&drift.old),
                when(&drift.new),
                if n == 1 { "" } else { "s" }
            )
        )
    )?;
    for c in &drift.changes {
        writeln!(out)?;
        writeln!(out, "{}", p.paint(BOLD, &headline(c)))?;
        for line in wording::details(c) {
            let text = format!("{} {}: {}", line.mark, line.label, line.detail);
            writeln!(out, "    {}", p.paint(style(line.loudness), &text))?;
        }
        if let Some(diff) = wording::diff_of(c) {
            write_diff(out, &p, diff)?;
        }
    }
    Ok(())
}

//! Wildcard, action and ARN matching, and the statement-level helpers.

use super::document::Statement;

/// Matches `text` against `pattern` where `*` is any run of characters and
/// `?` is exactly one. Iterative with a single backtrack point, so the cost
/// is at most O(pattern × text), never exponential.
pub fn wildcard_match(pattern: &str, text: &str, case_insensitive: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        return ascii_wildcard_match(pattern.as_bytes(), text.as_bytes(), case_insensitive);
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let same =
        |a: char, b: char| a == b || (case_insensitive && a.to_lowercase().eq(b.to_lowercase()));
    let (mut pi, mut ti) = (0usize, 0usize);
    // Position of the last `*` in the pattern and of the text it resumed at.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || same(c, t[ti]) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                // Let the last `*` swallow one more character and retry.
                Some((sp, st)) => {
                    star = Some((sp, st + 1));
                    pi = sp + 1;
                    ti = st + 1;
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// [`wildcard_match`] on ASCII text, byte by byte without allocating:
/// the same algorithm (one backtrack point), for the common case (every
/// action name and nearly every ARN), which the evaluator runs millions
/// of times.
fn ascii_wildcard_match(p: &[u8], t: &[u8], case_insensitive: bool) -> bool {
    let same = |a: u8, b: u8| a == b || (case_insensitive && a.eq_ignore_ascii_case(&b));
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == b'?' || same(c, t[ti]) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    star = Some((sp, st + 1));
                    pi = sp + 1;
                    ti = st + 1;
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// `service:Name` matching, case-insensitive in both parts.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    pattern == "*" || wildcard_match(pattern, action, true)
}

/// ARN matching segment by segment (partition, service, region, account,
/// resource), case-sensitive. The resource is everything after the fifth
/// colon, so a `*` there spans `/` and `:`. A pattern that starts with
/// `arn:` but has fewer than six parts matches nothing; patterns that are
/// not ARNs at all fall back to a whole-string match.
pub fn arn_matches(pattern: &str, arn: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    // Six parts are five colons; counted rather than collected, as this
    // runs for every statement and target.
    let six_parts = |s: &str| s.bytes().filter(|&b| b == b':').nth(4).is_some();
    if !six_parts(pattern) || !six_parts(arn) {
        return !pattern.starts_with("arn:") && wildcard_match(pattern, arn, false);
    }
    pattern
        .splitn(6, ':')
        .zip(arn.splitn(6, ':'))
        .all(|(p, t)| wildcard_match(p, t, false))
}

impl Statement {
    /// Whether this statement covers `action` (honouring `NotAction`).
    pub fn matches_action(&self, action: &str) -> bool {
        if let Some(list) = &self.action {
            return list.iter().any(|p| action_matches(p, action));
        }
        if let Some(list) = &self.not_action {
            return !list.iter().any(|p| action_matches(p, action));
        }
        false
    }

    /// Whether this statement covers `arn` (honouring `NotResource`). No
    /// Resource element at all matches, as in trust policies.
    pub fn matches_resource(&self, arn: &str) -> bool {
        if let Some(list) = &self.resource {
            return list.iter().any(|p| arn_matches(p, arn));
        }
        if let Some(list) = &self.not_resource {
            return !list.iter().any(|p| arn_matches(p, arn));
        }
        true
    }
}

//! Text from outside (names, descriptions, tags, error messages) made safe
//! and short for the terminal.

use std::borrow::Cow;

/// The text with every control character (escape sequences, newlines,
/// tabs) shown escaped (`\e`, `\n`, `\u{7}` …), so nothing from the data
/// can drive the terminal and the user sees that the value is odd.
pub fn clean(text: &str) -> Cow<'_, str> {
    crate::text::escape_controls_line(text)
}

/// At most `width` characters, the last one `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if text.chars().count() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    Cow::Owned(out)
}

/// Column widths that fit `available` cells (spacing excluded): each column
/// gets what its content wants when all fit; otherwise the widest are cut
/// to one common cap, so narrow columns (a date, a verdict) stay whole.
pub fn fit_widths(wanted: &[u16], available: u16) -> Vec<u16> {
    let total: u32 = wanted.iter().map(|w| u32::from(*w)).sum();
    if total <= u32::from(available) {
        return wanted.to_vec();
    }
    let used = |cap: u16| -> u32 { wanted.iter().map(|w| u32::from((*w).min(cap))).sum() };
    // The largest cap that fits, by bisection over 0..=max.
    let (mut low, mut high) = (0u16, wanted.iter().copied().max().unwrap_or(0));
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if used(mid) <= u32::from(available) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let mut widths: Vec<u16> = wanted.iter().map(|w| (*w).min(low)).collect();
    // Hand the cells left over to the capped columns, left to right.
    let mut spare = u32::from(available).saturating_sub(used(low));
    for (width, want) in widths.iter_mut().zip(wanted) {
        if spare > 0 && *width < *want {
            *width += 1;
            spare -= 1;
        }
    }
    widths
}

/// Narrowest the other columns are cut to before the kept one is cut.
const FLOOR: u16 = 16;

/// Like `fit_widths`, but the `keep` column (a table's main one: the
/// principal, the role, the policy) stays whole, up to half the width,
/// while the others can still show `FLOOR` cells each.
pub fn fit_widths_keeping(wanted: &[u16], keep: Option<usize>, available: u16) -> Vec<u16> {
    let total: u32 = wanted.iter().map(|w| u32::from(*w)).sum();
    let Some(keep) = keep.filter(|k| *k < wanted.len()) else {
        return fit_widths(wanted, available);
    };
    if total <= u32::from(available) {
        return wanted.to_vec();
    }
    let others: Vec<u16> = (0..wanted.len())
        .filter(|i| *i != keep)
        .map(|i| wanted[i])
        .collect();
    let floors: u16 = others
        .iter()
        .map(|w| (*w).min(FLOOR))
        .fold(0, u16::saturating_add);
    // At most half the table, so a long ARN does not squeeze the reasons.
    let kept = wanted[keep]
        .min(available.saturating_sub(floors))
        .min((available / 2).max(FLOOR));
    let mut rest = fit_widths(&others, available - kept).into_iter();
    (0..wanted.len())
        .map(|i| {
            if i == keep {
                kept
            } else {
                rest.next().unwrap_or(0)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("ok name"), "ok name");
        assert_eq!(clean("evil\u{1b}[2Jrole\n\u{7}"), "evil\\e[2Jrole\\n\\u{7}");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn widths_fit_by_cutting_the_widest_first() {
        assert_eq!(fit_widths(&[10, 20, 5], 40), [10, 20, 5]);
        // 74-wide names no longer starve a 20-wide path: both are capped.
        assert_eq!(fit_widths(&[74, 20, 10], 60), [30, 20, 10]);
        assert_eq!(fit_widths(&[50, 50, 10], 61), [26, 25, 10]);
        assert_eq!(fit_widths(&[10, 10], 0), [0, 0]);
        let fitted = fit_widths(&[300, 12, 80, 9], 97);
        assert_eq!(fitted.iter().sum::<u16>(), 97);
        assert_eq!(fitted[3], 9);
    }

    #[test]
    fn the_kept_column_stays_whole_while_the_others_can_shrink() {
        // Effect, Kind, Principal (kept), Actions, Conditions at 140 columns.
        let widths = fit_widths_keeping(&[6, 13, 49, 29, 100], Some(2), 134);
        assert_eq!(widths, [6, 13, 49, 29, 37]);
        // Too narrow for that: the others keep their floor, the kept one gives.
        let widths = fit_widths_keeping(&[6, 13, 49, 100], Some(2), 60);
        assert_eq!(widths, [6, 13, 25, 16]);
        assert_eq!(fit_widths_keeping(&[5, 5], Some(0), 20), [5, 5]);
        assert_eq!(fit_widths_keeping(&[50, 50], Some(9), 60), [30, 30]);
    }
}

//! Dates as IAM writes them, and ages counted from a reference time.

use chrono::{DateTime, NaiveDateTime, Utc};

/// Parses the date shapes seen in GAAD files: RFC 3339 (`2019-03-14T17:21:45Z`,
/// `…+00:00`, with or without fractions) and the same with a space instead of
/// the `T` (`2019-08-16 17:27:59+00:00`, as boto3-based tools write).
pub fn parse_iam_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    let with_t = text.replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::parse_from_rfc3339(&with_t) {
        return Some(dt.with_timezone(&Utc));
    }
    // No offset at all: IAM times are UTC.
    NaiveDateTime::parse_from_str(&with_t, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

/// "today", "3d ago", "5mo ago", "2y ago": short enough for a list column.
pub fn short_age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (now - then).num_days();
    match days {
        i64::MIN..=-1 => "in future".into(),
        0 => "today".into(),
        1..=59 => format!("{days}d ago"),
        60..=729 => format!("{}mo ago", days / 30),
        _ => format!("{}y ago", days / 365),
    }
}

/// `2024-03-14`.
pub fn short_date(when: DateTime<Utc>) -> String {
    when.format("%Y-%m-%d").to_string()
}

/// Whole days between two times (0 when `then` is later).
pub fn days_between(then: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - then).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_gaad_date_shape() {
        for text in [
            "2019-03-14T17:21:45Z",
            "2019-03-14T17:21:45+00:00",
            "2019-03-14 17:21:45+00:00",
            "2019-03-14T17:21:45.123000Z",
            "2019-03-14T17:21:45",
        ] {
            let parsed = parse_iam_date(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(short_date(parsed), "2019-03-14", "{text}");
        }
        assert_eq!(parse_iam_date("last tuesday"), None);
    }

    #[test]
    fn ages_read_naturally() {
        let now = parse_iam_date("2026-11-20T00:00:00Z").unwrap();
        let ago = |d: &str| short_age(parse_iam_date(d).unwrap(), now);
        assert_eq!(ago("2026-11-20T00:00:00Z"), "today");
        assert_eq!(ago("2026-11-10T00:00:00Z"), "10d ago");
        assert_eq!(ago("2026-05-20T00:00:00Z"), "6mo ago");
        assert_eq!(ago("2023-11-20T00:00:00Z"), "3y ago");
    }
}

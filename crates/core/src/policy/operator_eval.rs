//! Comparing one request value with one policy value for each operator.
//! Negated operators compare like their positive twin; the caller inverts.

use super::datetime::parse_date_millis;
use super::ipnet::cidr_contains;
use super::matching::{arn_matches, wildcard_match};
use super::operator::BaseOperator;

pub(super) fn value_matches(base: &BaseOperator, request: &str, policy: &str) -> bool {
    use BaseOperator as B;
    match base {
        B::StringEquals | B::StringNotEquals | B::BinaryEquals => request == policy,
        B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase => {
            request.to_lowercase() == policy.to_lowercase()
        }
        B::StringLike | B::StringNotLike => wildcard_match(policy, request, false),
        // ArnEquals accepts wildcards exactly like ArnLike.
        B::ArnEquals | B::ArnLike | B::ArnNotEquals | B::ArnNotLike => arn_matches(policy, request),
        B::Bool => request.eq_ignore_ascii_case(policy),
        B::NumericEquals | B::NumericNotEquals => compare_numbers(request, policy, |o| o.is_eq()),
        B::NumericLessThan => compare_numbers(request, policy, |o| o.is_lt()),
        B::NumericLessThanEquals => compare_numbers(request, policy, |o| o.is_le()),
        B::NumericGreaterThan => compare_numbers(request, policy, |o| o.is_gt()),
        B::NumericGreaterThanEquals => compare_numbers(request, policy, |o| o.is_ge()),
        B::DateEquals | B::DateNotEquals => compare_dates(request, policy, |o| o.is_eq()),
        B::DateLessThan => compare_dates(request, policy, |o| o.is_lt()),
        B::DateLessThanEquals => compare_dates(request, policy, |o| o.is_le()),
        B::DateGreaterThan => compare_dates(request, policy, |o| o.is_gt()),
        B::DateGreaterThanEquals => compare_dates(request, policy, |o| o.is_ge()),
        B::IpAddress | B::NotIpAddress => cidr_contains(policy, request),
        // Handled by the caller / never decided.
        B::Null | B::Unknown(_) => false,
    }
}

/// A value that does not parse never matches.
fn compare_numbers(request: &str, policy: &str, ok: fn(std::cmp::Ordering) -> bool) -> bool {
    match (request.trim().parse::<f64>(), policy.trim().parse::<f64>()) {
        (Ok(r), Ok(p)) => r.partial_cmp(&p).is_some_and(ok),
        _ => false,
    }
}

fn compare_dates(request: &str, policy: &str, ok: fn(std::cmp::Ordering) -> bool) -> bool {
    match (parse_date_millis(request), parse_date_millis(policy)) {
        (Some(r), Some(p)) => ok(r.cmp(&p)),
        _ => false,
    }
}

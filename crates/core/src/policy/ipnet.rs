//! CIDR containment for IpAddress / NotIpAddress (IPv4 and IPv6).

use std::net::IpAddr;

/// Address as a 128-bit number plus its bit width (32 or 128).
fn to_bits(addr: IpAddr) -> (u128, u32) {
    match addr {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
        IpAddr::V6(v6) => (u128::from(v6), 128),
    }
}

/// Parses `addr` or `addr/len`; a bare address is a single host.
fn parse_cidr(text: &str) -> Option<(u128, u32, u32)> {
    let text = text.trim();
    let (addr, len) = match text.split_once('/') {
        Some((a, l)) => (a, Some(l.parse::<u32>().ok()?)),
        None => (text, None),
    };
    let (bits, width) = to_bits(addr.parse::<IpAddr>().ok()?);
    let len = len.unwrap_or(width);
    (len <= width).then_some((bits, width, len))
}

/// Whether the request address (or range) lies inside the policy CIDR.
/// Unparseable values and IPv4/IPv6 mixes never match.
pub(super) fn cidr_contains(policy: &str, request: &str) -> bool {
    let (Some((net, width, len)), Some((addr, req_width, req_len))) =
        (parse_cidr(policy), parse_cidr(request))
    else {
        return false;
    };
    if width != req_width || req_len < len {
        return false;
    }
    let host_bits = width - len;
    // Shifting by the full width would overflow: a /0 contains everything.
    if host_bits >= width {
        return true;
    }
    (net >> host_bits) == (addr >> host_bits)
}

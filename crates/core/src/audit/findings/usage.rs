//! Roles unused for `unused_days` or more (`RC-USAGE-001`) and roles never
//! used (`RC-USAGE-002`), counted from the snapshot's capture time. A role
//! with no RoleLastUsed date is "never used" only when it is itself older
//! than `unused_days` (or its creation date is unknown): a new role is not
//! yet a finding.

use super::{Finding, Location, RoleCtx};
use crate::model::time::{days_between, short_date};

pub(crate) fn check(ctx: &RoleCtx<'_>, out: &mut Vec<Finding>) {
    let now = ctx.model.reference_time(ctx.role.account);
    let threshold = i64::from(ctx.opts.unused_days);
    match ctx.role.last_used {
        Some(last) => {
            let days = days_between(last, now);
            if days >= threshold {
                out.push(ctx.finding(
                    "RC-USAGE-001",
                    Location::role(),
                    format!(
                        "last used {} ({days} days before {}), at or over the {threshold}-day \
                         threshold.",
                        short_date(last),
                        short_date(now)
                    ),
                ));
            }
        }
        None => {
            let age = ctx.role.created.map(|c| days_between(c, now));
            if age.is_none_or(|a| a >= threshold) {
                let created = match ctx.role.created {
                    Some(c) => format!("created {}", short_date(c)),
                    None => "creation date unknown".into(),
                };
                out.push(ctx.finding(
                    "RC-USAGE-002",
                    Location::role(),
                    format!(
                        "no RoleLastUsed date in the snapshot of {} ({created}).",
                        short_date(now)
                    ),
                ));
            }
        }
    }
}

//! Broad grants in the permission policies of a role, user, group or
//! unattached policy: `*` on `*`
//! (`RC-PERM-001`), iam:PassRole on every role (`002`), Allow with
//! NotAction (`003`) or NotResource (`004`), and `ForAllValues:` with Allow
//! (`RC-COND-001`).

use super::cond::for_all_values_explanation;
use super::docs::{Boundary, RoleDoc};
use super::{Finding, Location, Subject, statement_label};

pub(crate) fn check(
    ctx: &Subject<'_>,
    docs: &[RoleDoc],
    boundary: Option<&Boundary>,
    out: &mut Vec<Finding>,
) {
    let boundary_note = boundary
        .map(|(arn, _)| format!(" The permissions boundary {arn} caps what this grants."))
        .unwrap_or_default();
    for doc in docs {
        for st in &doc.facts.statements {
            if !st.allow {
                continue;
            }
            let label = statement_label(st.index, st.sid.as_deref());
            let loc = || Location {
                policy: doc.policy.to_string(),
                statement: Some(st.index),
            };
            let conditional = if st.has_condition {
                " (under conditions)"
            } else {
                ""
            };
            if st.full_admin {
                out.push(ctx.finding(
                    "RC-PERM-001",
                    loc(),
                    format!(
                        "{} {label} allows Action \"*\" on Resource \"*\"{conditional}.{boundary_note}",
                        doc.shown
                    ),
                ));
            }
            if st.pass_role_any && !st.full_admin {
                out.push(ctx.finding(
                    "RC-PERM-002",
                    loc(),
                    format!(
                        "{} {label} allows iam:PassRole on {}{conditional}: every role of account \
                         {}.{boundary_note}",
                        doc.shown, st.resources, ctx.account_id
                    ),
                ));
            }
            if let Some(not_action) = &st.not_action {
                out.push(ctx.finding(
                    "RC-PERM-003",
                    loc(),
                    format!(
                        "{} {label} allows every action except {} on {}{conditional}.{boundary_note}",
                        doc.shown,
                        not_action.join(", "),
                        st.resources
                    ),
                ));
            }
            if let Some(not_resource) = &st.not_resource {
                out.push(ctx.finding(
                    "RC-PERM-004",
                    loc(),
                    format!(
                        "{} {label} allows its actions on every resource except {}{conditional}.\
                         {boundary_note}",
                        doc.shown,
                        not_resource.join(", ")
                    ),
                ));
            }
            if !st.for_all_values.is_empty() {
                let clauses: Vec<&_> = st.for_all_values.iter().collect();
                out.push(ctx.finding(
                    "RC-COND-001",
                    loc(),
                    for_all_values_explanation(&doc.shown, st.index, st.sid.as_deref(), &clauses),
                ));
            }
        }
    }
}

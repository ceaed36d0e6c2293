//! Known privilege-escalation paths (IAM-SEMANTICS §6): IAM actions that
//! let a principal grant itself more (`RC-PERM-005`), and iam:PassRole together
//! with an action that runs code as the passed role (`RC-PERM-006`).
//! Actions are matched with wildcards (`iam:*`, `iam:Put*`, NotAction), so
//! a broad grant counts. An action the principal's own unconditional
//! Deny (a user's groups' included) removes, or its permissions boundary does not allow, does not count.

use super::docs::PrincipalDocs;
use super::{Finding, Location, Subject, statement_label};

/// Single actions and the path each opens.
pub(crate) const ESCALATIONS: [(&str, &str); 13] = [
    (
        "iam:CreatePolicyVersion",
        "write a new default version of a managed policy it is attached to",
    ),
    (
        "iam:SetDefaultPolicyVersion",
        "switch a managed policy back to an older, broader version",
    ),
    (
        "iam:AttachRolePolicy",
        "attach AdministratorAccess to itself or a role it can assume",
    ),
    (
        "iam:AttachUserPolicy",
        "attach AdministratorAccess to a user whose credentials it has",
    ),
    (
        "iam:AttachGroupPolicy",
        "attach AdministratorAccess to a group of a user it controls",
    ),
    (
        "iam:PutRolePolicy",
        "write an inline policy granting anything to itself or another role",
    ),
    (
        "iam:PutUserPolicy",
        "write an inline policy granting anything to a user",
    ),
    (
        "iam:PutGroupPolicy",
        "write an inline policy granting anything to a group",
    ),
    (
        "iam:UpdateAssumeRolePolicy",
        "rewrite a privileged role's trust policy so it can assume that role",
    ),
    (
        "iam:CreateAccessKey",
        "create access keys for another user and act as that user",
    ),
    (
        "iam:CreateLoginProfile",
        "set a console password for a user that has none and sign in as it",
    ),
    (
        "iam:UpdateLoginProfile",
        "change another user's console password and sign in as it",
    ),
    (
        "iam:AddUserToGroup",
        "add a user it controls to a more privileged group",
    ),
];

/// Actions that run code as a role passed with iam:PassRole.
pub(crate) const LAUNCHES: [(&str, &str); 8] = [
    (
        "lambda:CreateFunction",
        "create a Lambda function with the passed role and invoke it",
    ),
    (
        "ec2:RunInstances",
        "start an instance with the passed role and read its credentials",
    ),
    (
        "cloudformation:CreateStack",
        "create a stack that acts with the passed role",
    ),
    (
        "glue:CreateDevEndpoint",
        "create a Glue dev endpoint with the passed role and log in to it",
    ),
    (
        "codebuild:CreateProject",
        "create a build project with the passed role and run it",
    ),
    (
        "sagemaker:CreateNotebookInstance",
        "create a notebook with the passed role and open it",
    ),
    (
        "ecs:RunTask",
        "run a task whose task role is the passed role",
    ),
    (
        "datapipeline:CreatePipeline",
        "create a pipeline that runs with the passed role",
    ),
];

/// Every watched action: iam:PassRole, then `ESCALATIONS`, then `LAUNCHES`.
/// Bit `i` of a mask stands for `WATCHED[i]`.
pub(crate) const WATCHED: [&str; 1 + ESCALATIONS.len() + LAUNCHES.len()] = {
    let mut all = [""; 1 + ESCALATIONS.len() + LAUNCHES.len()];
    all[0] = "iam:PassRole";
    let mut i = 0;
    while i < ESCALATIONS.len() {
        all[1 + i] = ESCALATIONS[i].0;
        i += 1;
    }
    let mut j = 0;
    while j < LAUNCHES.len() {
        all[1 + ESCALATIONS.len() + j] = LAUNCHES[j].0;
        j += 1;
    }
    all
};

pub(crate) const fn bit(i: usize) -> u64 {
    1u64 << i
}

const PASS_ROLE: u64 = bit(0);
const ESCALATION_MASK: u64 = ((1u64 << ESCALATIONS.len()) - 1) << 1;
const LAUNCH_MASK: u64 = ((1u64 << LAUNCHES.len()) - 1) << (1 + ESCALATIONS.len());

/// The action and path of bit `i`.
fn watched(i: usize) -> (&'static str, &'static str) {
    if i == 0 {
        return ("iam:PassRole", "pass a role to a service");
    }
    ESCALATIONS
        .get(i - 1)
        .or_else(|| LAUNCHES.get(i - 1 - ESCALATIONS.len()))
        .copied()
        .unwrap_or(("?", "?"))
}

fn listed(mask: u64) -> Vec<String> {
    (0..WATCHED.len())
        .filter(|i| mask & bit(*i) != 0)
        .map(|i| {
            let (action, path) = watched(i);
            format!("{action} ({path})")
        })
        .collect()
}

pub(crate) fn check(ctx: &Subject<'_>, principal: &PrincipalDocs, out: &mut Vec<Finding>) {
    let mut blocked = principal.all().fold(0u64, |m, d| m | d.facts.deny_mask);
    if let Some((_, Some((b, _)))) = &principal.boundary {
        blocked |= !b.allow_mask | b.deny_mask;
    }
    // A user's iam:PassRole may come from one of its groups.
    let pass_role_from: Vec<String> = principal
        .all()
        .flat_map(|d| {
            d.facts
                .statements
                .iter()
                .filter(|s| s.mask & PASS_ROLE != 0)
                .map(move |s| {
                    format!(
                        "{} {} ({})",
                        d.shown,
                        statement_label(s.index, s.sid.as_deref()),
                        s.resources
                    )
                })
        })
        .collect();
    let can_pass = !pass_role_from.is_empty() && blocked & PASS_ROLE == 0;
    for doc in &principal.own {
        for st in doc.facts.statements.iter().filter(|s| !s.full_admin) {
            let label = statement_label(st.index, st.sid.as_deref());
            let loc = || Location {
                policy: doc.policy.to_string(),
                statement: Some(st.index),
            };
            let esc = st.mask & ESCALATION_MASK & !blocked;
            if esc != 0 {
                out.push(ctx.finding(
                    "RC-PERM-005",
                    loc(),
                    format!(
                        "{} {label} allows {} on {}{}.",
                        doc.shown,
                        listed(esc).join(", "),
                        st.resources,
                        if st.has_condition {
                            " (under conditions)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
            let launch = st.mask & LAUNCH_MASK & !blocked;
            if launch != 0 && can_pass {
                out.push(ctx.finding(
                    "RC-PERM-006",
                    loc(),
                    format!(
                        "{} {label} allows {} on {}, and iam:PassRole comes from {}.",
                        doc.shown,
                        listed(launch).join(", "),
                        st.resources,
                        pass_role_from.join("; ")
                    ),
                ));
            }
        }
    }
}

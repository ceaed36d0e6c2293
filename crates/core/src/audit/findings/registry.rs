//! Every finding id rolecall reports, with its severity, title, what it
//! means and how to fix it. Ids are stable: never renumber or reuse one.

use crate::audit::Severity;

/// One kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, e.g. `RC-TRUST-001`.
    pub id: &'static str,
    /// CamelCase name (SARIF `rule.name`).
    pub name: &'static str,
    pub severity: Severity,
    /// One line.
    pub title: &'static str,
    /// Why it matters.
    pub description: &'static str,
    /// What to change.
    pub fix: &'static str,
}

macro_rules! rule {
    ($id:literal, $name:literal, $sev:ident, $title:literal, $desc:literal, $fix:literal) => {
        Rule {
            id: $id,
            name: $name,
            severity: Severity::$sev,
            title: $title,
            description: $desc,
            fix: $fix,
        }
    };
}

/// The registry, in report order.
pub const RULES: &[Rule] = &[
    rule!(
        "RC-TRUST-001",
        "WildcardPrincipalUnrestricted",
        High,
        "Any AWS principal can assume the role",
        "The trust policy allows \"*\" (every principal of every AWS account) and no condition narrows \
         it to an organization, account, principal ARN, source or external id. Anyone with AWS \
         credentials whose own account lets them call sts:AssumeRole can get in.",
        "Replace \"*\" with the principals that need the role, or add a narrowing condition such as \
         aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn."
    ),
    rule!(
        "RC-TRUST-002",
        "WildcardPrincipalNetworkOnly",
        Medium,
        "Any AWS principal can assume the role from an allowed network",
        "The trust policy allows \"*\" and only a network condition (aws:SourceIp, aws:SourceVpc, \
         aws:SourceVpce) narrows it. That limits where the call comes from, not who makes it: every \
         identity of every account behind that network (a shared NAT, a VPN, a proxy) gets in.",
        "Name the principals, or add aws:PrincipalOrgID / aws:PrincipalAccount / aws:PrincipalArn \
         next to the network condition."
    ),
    rule!(
        "RC-TRUST-003",
        "NotPrincipalInTrust",
        High,
        "NotPrincipal in a trust policy",
        "NotPrincipal is not allowed in role trust policies. With Allow it would grant everyone except \
         the listed principals; AWS rejects such a policy today, so this document was written another \
         way or the snapshot is damaged.",
        "Rewrite the statement with Principal naming who may assume the role; use a Deny with \
         Principal plus conditions for exceptions."
    ),
    rule!(
        "RC-TRUST-004",
        "CrossAccountWithoutExternalId",
        Medium,
        "Another account is trusted without sts:ExternalId",
        "A principal of another account can assume the role and the statement does not require \
         sts:ExternalId. When that account is a third party acting for several customers, it can be \
         tricked into using this role for someone else (the confused-deputy problem).",
        "Require the external id the third party gave you: \"Condition\": {\"StringEquals\": \
         {\"sts:ExternalId\": \"...\"}}. If the account is your own, declare it with --own-accounts."
    ),
    rule!(
        "RC-TRUST-005",
        "TrustToAccountRoot",
        Info,
        "Trust delegated to an account",
        "The trust policy names an account (its id or arn:…:root). That does not mean the root user: \
         every principal of that account whose identity policies allow sts:AssumeRole on this role \
         can assume it. Who gets in is decided by those identity policies.",
        "Nothing, if delegation is intended. Otherwise name the roles or users that need access."
    ),
    rule!(
        "RC-TRUST-006",
        "DanglingUniqueIdPrincipal",
        Medium,
        "Trust names a deleted principal (bare unique id)",
        "AWS stores a trusted user or role as its unique id and shows the bare id (AROA…, AIDA…) \
         once that principal is deleted. The grant is dead: a new principal with the same name does \
         not get it back. It is left-over trust worth cleaning up.",
        "Remove the id from the trust policy, or put back the ARN of the principal that should have \
         access."
    ),
    rule!(
        "RC-TRUST-007",
        "MissingSameAccountPrincipal",
        Medium,
        "Trust names a principal of this account that is not in the snapshot",
        "The trust policy names a user or role of this account that the snapshot does not hold. \
         Either the snapshot is incomplete or the principal is gone; whoever later creates a \
         principal with that name could be the one the policy meant.",
        "Remove the principal from the trust policy, or check that the snapshot holds every user \
         and role."
    ),
    rule!(
        "RC-TRUST-008",
        "PrincipalMatchesNothing",
        Low,
        "Principal value that can never match",
        "Principal values cannot hold partial wildcards (only a lone \"*\"), and CanonicalUser or \
         unknown kinds never name a role caller. The value matches nobody, so it is dead or \
         misleading.",
        "Use exact ARNs (and aws:PrincipalArn with ArnLike in a Condition for patterns)."
    ),
    rule!(
        "RC-OIDC-001",
        "GitHubOidcWithoutSub",
        High,
        "GitHub Actions OIDC trust without a sub condition",
        "Any workflow in any GitHub repository (of any owner) can get a token for \
         token.actions.githubusercontent.com, so without a sub condition every GitHub repository in \
         the world can assume the role.",
        "Add \"StringEquals\" (or \"StringLike\") on token.actions.githubusercontent.com:sub naming \
         one repository, e.g. \"repo:OWNER/REPO:ref:refs/heads/main\"."
    ),
    rule!(
        "RC-OIDC-002",
        "GitHubOidcSubTooWide",
        High,
        "GitHub Actions OIDC sub matches more than one repository",
        "The sub condition uses a wildcard in the OWNER/REPO part (e.g. repo:org/*, repo:*, *), so \
         every repository it matches, including new ones and forks an attacker can create there, \
         can assume the role.",
        "Name one repository in sub (\"repo:OWNER/REPO:…\"); wildcards are fine after it \
         (\"repo:OWNER/REPO:*\")."
    ),
    rule!(
        "RC-OIDC-003",
        "GitHubOidcWithoutAud",
        Medium,
        "GitHub Actions OIDC trust without an aud condition",
        "Without token.actions.githubusercontent.com:aud = sts.amazonaws.com, tokens minted for \
         other audiences (other clouds, other services) are accepted too.",
        "Add \"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}."
    ),
    rule!(
        "RC-OIDC-004",
        "EksIrsaWithoutSub",
        High,
        "EKS IRSA trust without a sub condition",
        "Every service account in every namespace of the cluster can assume the role: any pod that \
         can mount a projected service-account token gets its permissions.",
        "Add \"StringEquals\" on OIDC_HOST:sub = \"system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT\"."
    ),
    rule!(
        "RC-OIDC-005",
        "EksIrsaSubWildcard",
        Medium,
        "EKS IRSA sub matches more than one service account",
        "The sub condition uses a wildcard, so several service accounts (possibly in several \
         namespaces) can assume the role.",
        "Name the one service account: \"system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT\"."
    ),
    rule!(
        "RC-COGNITO-001",
        "CognitoUnauthenticated",
        Medium,
        "Cognito trust admits unauthenticated (guest) identities",
        "The amr condition admits \"unauthenticated\" (or there is none): anyone on the internet can \
         get guest credentials from the identity pool and use this role's permissions.",
        "Keep guest roles to the smallest read-only permissions, or require \
         \"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": \"authenticated\"}."
    ),
    rule!(
        "RC-COGNITO-002",
        "CognitoWithoutAud",
        High,
        "Cognito trust without an identity-pool (aud) condition",
        "Without cognito-identity.amazonaws.com:aud, identities of any Cognito identity pool, in any \
         account, can assume the role.",
        "Add \"StringEquals\": {\"cognito-identity.amazonaws.com:aud\": \"REGION:POOL-ID\"}."
    ),
    rule!(
        "RC-COND-001",
        "ForAllValuesWithAllow",
        Medium,
        "ForAllValues: condition on an Allow statement",
        "ForAllValues: is true when the request has no value for the key at all, so an Allow \
         guarded by it also allows requests that leave the key out.",
        "Use ForAnyValue:, or add a \"Null\": {\"KEY\": \"false\"} clause so the key must be present."
    ),
    rule!(
        "RC-PERM-001",
        "FullAdmin",
        High,
        "Action \"*\" on Resource \"*\"",
        "The principal (or whoever an unattached policy is later attached to) may perform every \
         action on every resource: full administrator.",
        "Grant the actions and resources the workload needs; keep administrator access to a few \
         break-glass roles that require MFA."
    ),
    rule!(
        "RC-PERM-002",
        "PassRoleOnAnyRole",
        High,
        "iam:PassRole on every role",
        "The principal can hand any role of the account (including administrator roles) to a service it \
         controls, and then act with that role's permissions.",
        "Limit iam:PassRole to the ARNs of the roles the workload passes, and add an \
         iam:PassedToService condition."
    ),
    rule!(
        "RC-PERM-003",
        "AllowWithNotAction",
        Medium,
        "Allow with NotAction",
        "Allow + NotAction grants every action not listed, including every action AWS adds in \
         future.",
        "List the allowed actions with Action; use NotAction only in Deny statements."
    ),
    rule!(
        "RC-PERM-004",
        "AllowWithNotResource",
        Medium,
        "Allow with NotResource",
        "Allow + NotResource grants the actions on every resource not listed, including resources \
         created later and resources of other accounts.",
        "List the allowed resources with Resource; use NotResource only in Deny statements."
    ),
    rule!(
        "RC-PERM-005",
        "PrivilegeEscalationAction",
        High,
        "Privilege-escalation IAM action",
        "The principal may change IAM in a way that gives itself or another principal more permissions \
         (new policy versions, attaching or writing policies, rewriting trust, new credentials for \
         users, joining groups).",
        "Remove the action, or scope its Resource to the exact principals/policies it must manage \
         and protect everything else with a permissions boundary."
    ),
    rule!(
        "RC-PERM-006",
        "PassRoleToNewCompute",
        High,
        "iam:PassRole with an action that runs code as the passed role",
        "With iam:PassRole and an action that starts compute with a role (lambda:CreateFunction, \
         ec2:RunInstances, cloudformation:CreateStack, glue:CreateDevEndpoint, …) the role can run \
         code with the permissions of any role it may pass.",
        "Limit iam:PassRole to the roles the workload must pass, with an iam:PassedToService \
         condition, or remove the compute action."
    ),
    rule!(
        "RC-PERM-101",
        "ResourceExposure",
        High,
        "Permissions management actions on every resource",
        "An Allow on \"Resource\": \"*\" grants actions of the Permissions management access level \
         (resource policies, IAM policies, grants, sharing), so the principal can open any \
         resource of the account to others, or to the internet. Actions the principal's own \
         unconditional Deny or its permissions boundary removes do not count.",
        "Scope the actions to the resources whose permissions the principal must manage, or remove \
         them; add conditions such as aws:ResourceTag or aws:ResourceAccount."
    ),
    rule!(
        "RC-PERM-102",
        "DataExfiltration",
        Medium,
        "Data-reading actions on every resource",
        "An Allow on \"Resource\": \"*\" grants reads that return the data itself (s3:GetObject, \
         secretsmanager:GetSecretValue, ssm:GetParameter*, kms:Decrypt, dynamodb:Scan, …): the \
         principal can read every object, secret, parameter or item of the account.",
        "List the buckets, secrets, parameters and keys the principal must read in Resource."
    ),
    rule!(
        "RC-PERM-103",
        "InfrastructureModification",
        Medium,
        "Write actions on every resource with no condition",
        "An Allow on \"Resource\": \"*\" with no Condition grants actions of the Write access level \
         (create, change, delete): the principal can modify or destroy any such resource of the \
         account.",
        "Scope Resource to what the principal manages, or add a condition (aws:ResourceTag, \
         aws:RequestedRegion, …)."
    ),
    rule!(
        "RC-ESC-001",
        "CanReachAdmin",
        High,
        "Can reach admin by privilege escalation",
        "Through assume and escalation steps (ESCALATION.md), each allowed by the snapshot's \
         policies, this principal can become an administrator of its account: everything on every \
         resource. The explanation lists the steps, their techniques and what they need.",
        "Remove the first step: the action (or the trust) that lets it start, or scope it to the \
         resources the principal needs. Re-run `rolecall paths --to admin --from PRINCIPAL`."
    ),
    rule!(
        "RC-ESC-002",
        "MayReachAdmin",
        Medium,
        "May reach admin if a resource the snapshot cannot show exists",
        "A path to admin exists whose steps need something GAAD cannot show (a Lambda function \
         running as a role, an EC2 instance with a role, fewer than two access keys …). If it \
         exists, the principal can become an administrator.",
        "Check whether the resource named exists; scope the actions of the first step to the \
         resources the principal needs."
    ),
    rule!(
        "RC-ESC-003",
        "CanGainRole",
        Medium,
        "Can gain other roles by privilege escalation",
        "Besides assuming roles whose trust names it, this principal can become other roles: it \
         may rewrite their trust policy, or pass them to compute it controls (ESCALATION D.3, \
         D.4). The explanation names the technique and the roles.",
        "Scope iam:PassRole and iam:UpdateAssumeRolePolicy to the roles the principal must use, \
         and narrow iam:PassRole with iam:PassedToService."
    ),
    rule!(
        "RC-POLICY-001",
        "UnknownAction",
        Medium,
        "Action that no AWS service has",
        "The statement names an action that is not in the action catalogue (usually a typo). It \
         matches nothing: an Allow grants less than intended, and a Deny protects nothing.",
        "Correct the action's name (the explanation lists the closest real actions)."
    ),
    rule!(
        "RC-POLICY-002",
        "WildcardMatchesNothing",
        Medium,
        "Action wildcard that matches no action",
        "The wildcard matches no action of the catalogue, so it grants (or denies) nothing.",
        "Correct the pattern, e.g. s3:Get* for the S3 reads."
    ),
    rule!(
        "RC-POLICY-003",
        "UnsupportedConditionKey",
        Medium,
        "Condition key that none of the statement's actions supports",
        "No action of the statement supports the service condition key, so the request never has \
         it: the condition is always false (the statement never applies) or, with IfExists, Null \
         or a negated operator, always true (it restricts nothing). Global aws: keys are not \
         reported.",
        "Use a key the actions support (see the Service Authorization Reference), or move the \
         condition to a statement whose actions support it."
    ),
    rule!(
        "RC-POLICY-004",
        "ResourceMatchesNoAction",
        Low,
        "Resource that none of the statement's actions can take",
        "The resource's ARN (its service, or its resource type) fits none of the ARN formats of \
         the statement's actions, e.g. ec2 actions on an S3 bucket ARN, so the statement never \
         applies to it.",
        "Use the ARN of the resource the actions act on, or put the actions in the statement they \
         belong to."
    ),
    rule!(
        "RC-USAGE-001",
        "RoleUnused",
        Low,
        "Role not used recently",
        "The role has not been used for longer than the unused threshold (RoleLastUsed, counted from \
         the snapshot's capture time). Unused roles keep their permissions and trust for nothing.",
        "Delete the role if nothing needs it, or remove its permissions until it is needed."
    ),
    rule!(
        "RC-USAGE-002",
        "RoleNeverUsed",
        Low,
        "Role never used",
        "The snapshot has no RoleLastUsed date (AWS tracks the last 400 days) and the role is older \
         than the unused threshold.",
        "Delete the role if nothing needs it."
    ),
    rule!(
        "RC-PATH-001",
        "CrossAccountPathIntoRole",
        Medium,
        "Reachable from another account through another role",
        "A principal that can assume this role can itself be assumed from another account, so \
         principals of that account reach this role in two hops, even though this role's own trust \
         policy names no other account.",
        "Check that the other account should reach this role; tighten the trust of the intermediate \
         role or of this role."
    ),
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(r.id.starts_with("RC-"), "{}", r.id);
            assert!(
                RULES[i + 1..]
                    .iter()
                    .all(|o| o.id != r.id && o.name != r.name),
                "{}",
                r.id
            );
            assert_eq!(rule(r.id), Some(r));
        }
    }
}

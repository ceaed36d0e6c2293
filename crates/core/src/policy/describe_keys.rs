//! Special wording for well-known condition keys. Returns `None` whenever
//! the operator shape is unusual, so the generic text is used instead.

use super::describe::or_list;
use super::document::ConditionClause;
use super::operator::{BaseOperator, ConditionOperator, SetQualifier};

/// Positive equality/like operators, no `IfExists`, no `ForAllValues`.
/// Returns whether values may hold wildcards.
fn positive_match(op: &ConditionOperator) -> Option<bool> {
    if op.if_exists || op.qualifier == Some(SetQualifier::ForAllValues) {
        return None;
    }
    match op.base {
        BaseOperator::StringEquals | BaseOperator::StringEqualsIgnoreCase => Some(false),
        BaseOperator::StringLike | BaseOperator::ArnLike | BaseOperator::ArnEquals => Some(true),
        _ => None,
    }
}

pub(super) fn special(clause: &ConditionClause) -> Option<String> {
    let key = clause.key.to_ascii_lowercase();
    let op = &clause.operator;
    let values = clause.values.as_slice();
    if values.is_empty() {
        return None;
    }
    match key.as_str() {
        "aws:multifactorauthpresent" => return mfa(op, values),
        "aws:sourceip" => return source_ip(op, values),
        "cognito-identity.amazonaws.com:amr" => return cognito_amr(op, values),
        _ => {}
    }
    let like = positive_match(op)?;
    let list = or_list(values);
    let text = match key.as_str() {
        "sts:externalid" => match values {
            [one] => format!("only when sts:ExternalId = {one}"),
            _ => format!("only when sts:ExternalId is one of {}", values.join(", ")),
        },
        "saml:aud" => format!("only SAML audience {list}"),
        "aws:principalorgid" => format!("only principals in AWS Organization {list}"),
        "aws:principalorgpaths" => format!("only principals under Organizations path {list}"),
        "aws:principalaccount" => format!("only principals in account {list}"),
        "aws:principaltype" => format!("only principals of type {list}"),
        "aws:principalarn" if like && values.iter().any(|v| v.contains(['*', '?'])) => {
            format!("only principals matching {list}")
        }
        "aws:principalarn" => format!("only principal {list}"),
        "aws:sourceaccount" => format!("only when acting for resources in account {list}"),
        "aws:sourcearn" => format!("only when acting for {list}"),
        "aws:sourcevpce" => format!("only through VPC endpoint {list}"),
        "aws:sourcevpc" => format!("only from VPC {list}"),
        "cognito-identity.amazonaws.com:aud" => format!("only Cognito identity pool {list}"),
        k => {
            if let Some(tag) = tag_key(&clause.key, "aws:principaltag/") {
                format!("only principals tagged {tag} = {list}")
            } else if let Some(tag) = tag_key(&clause.key, "aws:requesttag/") {
                format!("only when the request tags {tag} = {list}")
            } else if is_github(k) && k.ends_with(":sub") {
                let parts: Option<Vec<String>> =
                    values.iter().map(|v| github_subject(v, like)).collect();
                format!("only {}", parts?.join(" or "))
            } else if k.starts_with("oidc.eks.") && k.ends_with(":sub") {
                let parts: Option<Vec<String>> =
                    values.iter().map(|v| eks_subject(v, like)).collect();
                format!("only {}", parts?.join(" or "))
            } else if k.ends_with(":aud") && !k.starts_with("aws:") {
                format!("only audience {list}")
            } else {
                return None;
            }
        }
    };
    Some(text)
}

/// The tag name after a `prefix/`, in its original case.
fn tag_key<'a>(key: &'a str, prefix: &str) -> Option<&'a str> {
    let head = key.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &key[prefix.len()..])
}

fn is_github(lower_key: &str) -> bool {
    lower_key.starts_with("token.actions.githubusercontent.com")
}

fn mfa(op: &ConditionOperator, values: &[String]) -> Option<String> {
    if op.base != BaseOperator::Bool || op.qualifier.is_some() || values.len() != 1 {
        return None;
    }
    let base = match values[0].to_ascii_lowercase().as_str() {
        "true" => "only with MFA",
        "false" => "only without MFA",
        _ => return None,
    };
    Some(if op.if_exists {
        format!("{base} (or when MFA status is not reported)")
    } else {
        base.to_string()
    })
}

fn source_ip(op: &ConditionOperator, values: &[String]) -> Option<String> {
    if op.if_exists || op.qualifier.is_some() {
        return None;
    }
    match op.base {
        BaseOperator::IpAddress => Some(format!("only from IP {}", or_list(values))),
        BaseOperator::NotIpAddress => Some(format!("only from outside IP {}", or_list(values))),
        _ => None,
    }
}

fn cognito_amr(op: &ConditionOperator, values: &[String]) -> Option<String> {
    positive_match(op)?;
    let has = |word: &str| values.iter().any(|v| v.eq_ignore_ascii_case(word));
    if has("unauthenticated") || values.iter().any(|v| v == "*") {
        Some("admits unauthenticated Cognito identities".to_string())
    } else if has("authenticated") {
        Some("only authenticated Cognito identities".to_string())
    } else {
        None
    }
}

/// `repo:ORG/REPO:QUALIFIER` as GitHub documents its OIDC subjects.
fn github_subject(value: &str, like: bool) -> Option<String> {
    if value.contains('*') && !like {
        return None;
    }
    if value == "*" || value == "repo:*" {
        return Some("any GitHub repo".to_string());
    }
    let rest = value.strip_prefix("repo:")?;
    let (repo, qualifier) = match rest.split_once(':') {
        Some((repo, q)) => (repo, q),
        None => (rest, ""),
    };
    let who = match repo.strip_suffix("/*") {
        Some(org) => format!("any repo of GitHub org {org}"),
        None if repo == "*" => "any GitHub repo".to_string(),
        None => format!("GitHub repo {repo}"),
    };
    let what = if qualifier.is_empty() || qualifier == "*" {
        String::new()
    } else if let Some(git_ref) = qualifier.strip_prefix("ref:") {
        format!(" on {git_ref}")
    } else if let Some(env) = qualifier.strip_prefix("environment:") {
        format!(" in environment {env}")
    } else if qualifier == "pull_request" {
        " (pull requests)".to_string()
    } else {
        format!(" ({qualifier})")
    };
    let any_ref = if qualifier == "*" && !repo.ends_with('*') {
        " (any branch, tag, environment or pull request)"
    } else {
        ""
    };
    Some(format!("{who}{what}{any_ref}"))
}

/// `system:serviceaccount:NAMESPACE:NAME` (EKS IRSA).
fn eks_subject(value: &str, like: bool) -> Option<String> {
    if value.contains('*') && !like {
        return None;
    }
    let rest = value.strip_prefix("system:serviceaccount:")?;
    let (ns, sa) = rest.split_once(':')?;
    Some(match (ns, sa) {
        ("*", _) => "any Kubernetes service account".to_string(),
        (ns, "*") => format!("any Kubernetes service account in namespace {ns}"),
        (ns, sa) => format!("Kubernetes service account {ns}/{sa}"),
    })
}

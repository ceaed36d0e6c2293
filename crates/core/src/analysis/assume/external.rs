//! Callers outside the loaded data (another account, `*`, an ARN that is
//! not in the snapshot): rolecall cannot see their identity policies.

use crate::model::Model;

use super::caller::{CallerInfo, CallerShape};
use super::trust::Grantee;
use super::types::{Decision, Verdict};

/// A caller not in the loaded data: rolecall cannot see its policies.
pub(crate) fn external(
    model: &Model,
    info: &CallerInfo,
    mut d: Decision,
    grantee: Grantee,
    cross_account: bool,
) -> Decision {
    let action = info.action;
    let account = info.account_id.as_deref().unwrap_or("?");
    let loaded = info
        .account_id
        .as_deref()
        .is_some_and(|a| model.accounts.iter().any(|x| x.account_id == a));
    let named = matches!(
        info.shape,
        CallerShape::ExternalAws(
            crate::policy::PrincipalKind::User
                | crate::policy::PrincipalKind::Role
                | crate::policy::PrincipalKind::AssumedRoleSession
        )
    );
    if info.shape == CallerShape::ExternalAws(crate::policy::PrincipalKind::FederatedUser) {
        let mut x = Decision::new(Verdict::Denied, action);
        x.via = d.via;
        x.reasons.push(
            "a federated-user session (GetFederationToken) cannot call sts:AssumeRole".into(),
        );
        return x;
    }
    if named && loaded {
        let mut x = Decision::new(Verdict::Denied, action);
        x.via = d.via;
        x.reasons.push(format!(
            "{} is not in the loaded snapshot of account {account}: it was deleted or never created",
            info.match_value
        ));
        return x;
    }
    let words = match (grantee, named) {
        (Grantee::Anyone | Grantee::NotPrincipal, _)
            if info.trust_key == "*" || info.match_value == "*" =>
        {
            "any AWS principal, in any account, that its own identity policies allow (in this \
             role's account, any principal at all)"
                .to_string()
        }
        (_, true) => format!(
            "only if {}'s own identity policies in account {account} allow {action} on this role \
             (account {account} is not loaded)",
            info.match_value
        ),
        _ => format!("any principal in account {account} that its own policies allow"),
    };
    d.reasons.push(words);
    if !cross_account && !named {
        d.reasons
            .push("the account is the role's own: see its users and roles for each verdict".into());
    }
    d.verdict = Verdict::Conditional;
    d
}

//! Who is asking: the caller's ARN for principal matching, the assume action
//! it uses, its account, whose policies apply, and the request-context keys
//! rolecall can decide from the snapshot (IAM-SEMANTICS §5).

use std::cell::{Cell, OnceCell};

use crate::model::{EntityRef, Model, Role};
use crate::policy::{PrincipalKind, RequestContext, classify, principal_account};

use super::types::{Caller, session_arn};

pub(crate) const ASSUME_ROLE: &str = "sts:AssumeRole";
pub(crate) const WITH_SAML: &str = "sts:AssumeRoleWithSAML";
pub(crate) const WITH_WEB_IDENTITY: &str = "sts:AssumeRoleWithWebIdentity";

/// How the caller is named, for the trust-policy rules of §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallerShape {
    User,
    /// A session of a loaded role, session name unknown.
    RoleAnySession,
    Session,
    /// An AWS principal outside the loaded data (or not found in it).
    ExternalAws(PrincipalKind),
    Service,
    Federated,
}

#[derive(Debug, Clone)]
pub(crate) struct CallerInfo {
    pub shape: CallerShape,
    /// `AWS`, `Service`, `Federated`, or `*` for the "anyone" caller.
    pub trust_key: &'static str,
    /// The value a trust principal is compared with.
    pub match_value: String,
    pub action: &'static str,
    pub account_id: Option<String>,
    /// The loaded snapshot the caller belongs to.
    pub snapshot: Option<usize>,
    pub partition: Option<String>,
    /// The user or role whose identity policies and boundary apply.
    pub identity: Option<EntityRef>,
    /// For a role caller: the role (its sessions are the real callers).
    pub role: Option<usize>,
    /// Principal-side keys rolecall can decide.
    pub ctx: RequestContext,
}

impl CallerInfo {
    /// Role chaining: the caller is a role session.
    pub fn is_role_session(&self) -> bool {
        match self.shape {
            CallerShape::RoleAnySession | CallerShape::Session => true,
            CallerShape::ExternalAws(k) => {
                matches!(k, PrincipalKind::Role | PrincipalKind::AssumedRoleSession)
            }
            _ => false,
        }
    }
}

fn tags_into(ctx: &mut RequestContext, prefix: &str, tags: &[crate::snapshot::Tag]) {
    for tag in tags {
        ctx.set(&format!("{prefix}{}", tag.key), [tag.value.clone()]);
    }
    ctx.mark_decidable_prefix(prefix);
}

fn iam_principal_ctx(arn: &str, account: &str, ptype: &str) -> RequestContext {
    let mut ctx = RequestContext::new();
    ctx.set("aws:PrincipalArn", [arn]);
    ctx.set("aws:PrincipalAccount", [account]);
    ctx.set("aws:PrincipalType", [ptype]);
    ctx.set("aws:PrincipalIsAWSService", ["false"]);
    ctx.mark_decidable("aws:PrincipalServiceName");
    ctx
}

/// The organization keys of `account_id`'s principals or resources
/// (ORGANIZATIONS.md C.8), when the organization is loaded and the account
/// is one of its members: `aws:{side}OrgID` and `aws:{side}OrgPaths`. Of
/// any other account nothing is known (it may belong to another
/// organization), so the keys stay undecided.
fn org_keys_into(ctx: &mut RequestContext, model: &Model, account_id: &str, side: &str) {
    let Some(org) = model.organization.as_deref() else {
        return;
    };
    if org.account(account_id).is_none() {
        return;
    }
    ctx.set(&format!("aws:{side}OrgID"), [org.organization.id.clone()]);
    if let Some(path) = org.org_path(account_id) {
        ctx.set(&format!("aws:{side}OrgPaths"), [path]);
    }
}

fn role_caller(model: &Model, r: usize, role: &Role, session: Option<&str>) -> CallerInfo {
    let account = model.accounts.get(role.account);
    let account_id = account.map(|a| a.account_id.clone()).unwrap_or_default();
    let mut ctx = iam_principal_ctx(&role.detail.arn, &account_id, "AssumedRole");
    org_keys_into(&mut ctx, model, &account_id, "Principal");
    // Session tags could add or override principal tags; rolecall decides
    // from the role's own tags (the session's are not in a snapshot).
    tags_into(&mut ctx, "aws:PrincipalTag/", &role.detail.tags);
    // Roles have no user name; the user id is "ROLEID:SESSION".
    ctx.mark_decidable("aws:username");
    if let Some(s) = session {
        ctx.set("aws:userid", [format!("{}:{s}", role.detail.role_id)]);
    }
    CallerInfo {
        shape: match session {
            Some(_) => CallerShape::Session,
            None => CallerShape::RoleAnySession,
        },
        trust_key: "AWS",
        match_value: match session {
            Some(s) => session_arn(model, role, s),
            None => role.detail.arn.clone(),
        },
        action: ASSUME_ROLE,
        account_id: Some(account_id),
        snapshot: Some(role.account),
        partition: account.map(|a| a.partition.clone()),
        identity: Some(EntityRef::Role(r)),
        role: Some(r),
        ctx,
    }
}

/// What rolecall knows about `caller`; `None` when it indexes nothing loaded.
pub(crate) fn caller_info(model: &Model, caller: &Caller) -> Option<CallerInfo> {
    match caller {
        Caller::User(u) => {
            let user = model.users.get(*u)?;
            let account = model.accounts.get(user.account);
            let account_id = account.map(|a| a.account_id.clone()).unwrap_or_default();
            let mut ctx = iam_principal_ctx(&user.detail.arn, &account_id, "User");
            org_keys_into(&mut ctx, model, &account_id, "Principal");
            tags_into(&mut ctx, "aws:PrincipalTag/", &user.detail.tags);
            ctx.set("aws:username", [user.detail.user_name.clone()]);
            if !user.detail.user_id.is_empty() {
                ctx.set("aws:userid", [user.detail.user_id.clone()]);
            }
            Some(CallerInfo {
                shape: CallerShape::User,
                trust_key: "AWS",
                match_value: user.detail.arn.clone(),
                action: ASSUME_ROLE,
                account_id: Some(account_id),
                snapshot: Some(user.account),
                partition: account.map(|a| a.partition.clone()),
                identity: Some(EntityRef::User(*u)),
                role: None,
                ctx,
            })
        }
        Caller::Role(r) => {
            let role = model.roles.get(*r)?;
            Some(role_caller(model, *r, role, None))
        }
        Caller::Session { role, session_name } => {
            let r = model.roles.get(*role)?;
            Some(role_caller(model, *role, r, Some(session_name)))
        }
        Caller::External {
            kind_key,
            principal,
        } => Some(external(model, kind_key, principal)),
    }
}

fn external(model: &Model, kind_key: &str, principal: &str) -> CallerInfo {
    let mut ctx = RequestContext::new();
    let partition = principal
        .strip_prefix("arn:")
        .and_then(|rest| rest.split(':').next())
        .map(str::to_string);
    let (trust_key, shape, action) = if kind_key == "*" || principal == "*" {
        let key = if kind_key == "*" { "*" } else { "AWS" };
        (
            key,
            CallerShape::ExternalAws(PrincipalKind::Any),
            ASSUME_ROLE,
        )
    } else {
        match kind_key {
            "Service" => {
                ctx.set("aws:PrincipalIsAWSService", ["true"]);
                ctx.set("aws:PrincipalServiceName", [principal]);
                ("Service", CallerShape::Service, ASSUME_ROLE)
            }
            "Federated" => {
                ctx.set("aws:FederatedProvider", [principal]);
                let action = match classify("Federated", principal) {
                    PrincipalKind::SamlProvider => WITH_SAML,
                    _ => WITH_WEB_IDENTITY,
                };
                ("Federated", CallerShape::Federated, action)
            }
            _ => {
                let kind = classify("AWS", principal);
                ctx.set("aws:PrincipalIsAWSService", ["false"]);
                if let Some(acct) = principal_account(principal) {
                    ctx.set("aws:PrincipalAccount", [acct]);
                    org_keys_into(&mut ctx, model, acct, "Principal");
                }
                match kind {
                    PrincipalKind::User => {
                        ctx.set("aws:PrincipalArn", [principal]);
                        ctx.set("aws:PrincipalType", ["User"]);
                    }
                    PrincipalKind::Role => {
                        ctx.set("aws:PrincipalArn", [principal]);
                        ctx.set("aws:PrincipalType", ["AssumedRole"]);
                    }
                    PrincipalKind::AssumedRoleSession => {
                        ctx.set("aws:PrincipalType", ["AssumedRole"]);
                    }
                    _ => {}
                }
                ("AWS", CallerShape::ExternalAws(kind), ASSUME_ROLE)
            }
        }
    };
    CallerInfo {
        shape,
        trust_key,
        match_value: principal.to_string(),
        action,
        account_id: principal_account(principal).map(str::to_string),
        snapshot: None,
        partition,
        identity: None,
        role: None,
        ctx,
    }
}

/// The request context for one caller and one role, built on first use:
/// most statements have no Condition and no policy variable, and then the
/// context is never needed.
pub(crate) struct LazyCtx<'a> {
    model: &'a Model,
    caller: &'a CallerInfo,
    /// The resource when it is a loaded role (its tags and account are
    /// known); otherwise only the resource ARN's account is.
    role: Option<&'a Role>,
    resource: &'a str,
    cell: OnceCell<RequestContext>,
    /// Set when a caller-scoped key or a policy variable was read: the
    /// decision then depends on who the caller is, not just on its policies.
    read_caller_keys: Cell<bool>,
    /// Set when an org key of the caller was read with an organization
    /// loaded: the decision then depends on the caller's account (the same
    /// for every principal of one snapshot).
    read_org_keys: Cell<bool>,
}

/// Keys whose value comes from the caller: exactly the keys `caller_info`
/// sets or marks decidable (a unit test holds the two together). Every other
/// key is about the role, or unknown for every caller alike.
pub(crate) fn caller_scoped(key: &str) -> bool {
    const KEYS: [&str; 8] = [
        "aws:principalarn",
        "aws:principalaccount",
        "aws:principaltype",
        "aws:principalisawsservice",
        "aws:principalservicename",
        "aws:username",
        "aws:userid",
        "aws:federatedprovider",
    ];
    const TAG_PREFIX: &str = "aws:principaltag/";
    KEYS.iter().any(|k| key.eq_ignore_ascii_case(k))
        || key
            .get(..TAG_PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(TAG_PREFIX))
}

/// The organization keys of the caller (`org_keys_into`): the same for
/// every principal of one account, so decisions shared within a snapshot
/// stay right; but with an organization loaded they differ between
/// accounts, so reading one then counts as reading the caller's keys.
pub(crate) fn org_scoped(key: &str) -> bool {
    key.eq_ignore_ascii_case("aws:PrincipalOrgID")
        || key.eq_ignore_ascii_case("aws:PrincipalOrgPaths")
}

impl<'a> LazyCtx<'a> {
    pub fn new(model: &'a Model, caller: &'a CallerInfo, role: &'a Role) -> Self {
        LazyCtx {
            model,
            caller,
            role: Some(role),
            resource: &role.detail.arn,
            cell: OnceCell::new(),
            read_caller_keys: Cell::new(false),
            read_org_keys: Cell::new(false),
        }
    }

    /// The context for a resource that is not a loaded role.
    pub fn for_resource(model: &'a Model, caller: &'a CallerInfo, resource: &'a str) -> Self {
        LazyCtx {
            model,
            caller,
            role: None,
            resource,
            cell: OnceCell::new(),
            read_caller_keys: Cell::new(false),
            read_org_keys: Cell::new(false),
        }
    }

    /// The full context (caller keys plus the role's resource keys). Only
    /// policy variables in a Resource ask for it whole, so the caller's keys
    /// count as read.
    pub fn get(&self) -> &RequestContext {
        self.read_caller_keys.set(true);
        self.full()
    }

    fn full(&self) -> &RequestContext {
        self.cell.get_or_init(|| match self.role {
            Some(role) => request_context(self.model, self.caller, role),
            None => resource_context(self.model, self.caller, self.resource),
        })
    }

    pub fn model(&self) -> &'a Model {
        self.model
    }

    /// True when nothing read so far depended on the caller's own keys or
    /// its account's org keys.
    pub fn caller_keys_unread(&self) -> bool {
        !self.read_caller_keys.get() && !self.read_org_keys.get()
    }

    /// True when nothing read so far depended on the caller itself, only
    /// (perhaps) on its account's org keys, alike for one snapshot.
    pub fn own_keys_unread(&self) -> bool {
        !self.read_caller_keys.get()
    }

    /// The context for these clauses: the caller's own (shared, no copy)
    /// unless a clause or a policy variable refers to the role's keys.
    pub fn for_clauses(&self, clauses: &[crate::policy::ConditionClause]) -> &RequestContext {
        let resource_key = |k: &str| {
            let k = k.to_ascii_lowercase();
            k.starts_with("aws:resource") || k.starts_with("iam:resourcetag")
        };
        let variable =
            |c: &crate::policy::ConditionClause| c.values.iter().any(|v| v.contains("${"));
        let org_loaded = self.model.organization.is_some();
        if clauses.iter().any(|c| caller_scoped(&c.key) || variable(c)) {
            self.read_caller_keys.set(true);
        }
        if org_loaded && clauses.iter().any(|c| org_scoped(&c.key)) {
            self.read_org_keys.set(true);
        }
        let needs_role = clauses.iter().any(|c| {
            resource_key(&c.key)
                || c.values
                    .iter()
                    .any(|v| v.contains("${") && v.to_ascii_lowercase().contains("resource"))
        });
        if needs_role {
            self.full()
        } else {
            &self.caller.ctx
        }
    }
}

/// The caller's context plus what the resource ARN tells: its account,
/// and with an organization loaded that account's `aws:ResourceOrgID` and
/// `aws:ResourceOrgPaths` (C.8; also for an account the user gives as
/// `aws:ResourceAccount`). Keys already set (given by the user) are kept.
pub(crate) fn resource_context(
    model: &Model,
    caller: &CallerInfo,
    resource: &str,
) -> RequestContext {
    use crate::policy::KeyLookup;
    let mut ctx = caller.ctx.clone();
    if let Some(account) = principal_account(resource)
        && !account.is_empty()
        && ctx.lookup("aws:ResourceAccount") == KeyLookup::Unknown
    {
        ctx.set("aws:ResourceAccount", [account]);
    }
    let account = match ctx.lookup("aws:ResourceAccount") {
        KeyLookup::Present([one]) => Some(one.clone()),
        _ => None,
    };
    if let Some(account) = account
        && ctx.lookup("aws:ResourceOrgID") == KeyLookup::Unknown
        && ctx.lookup("aws:ResourceOrgPaths") == KeyLookup::Unknown
    {
        org_keys_into(&mut ctx, model, &account, "Resource");
    }
    ctx
}

/// The caller's context plus the keys about the role (the resource).
pub(crate) fn request_context(model: &Model, caller: &CallerInfo, role: &Role) -> RequestContext {
    let mut ctx = caller.ctx.clone();
    if let Some(a) = model.accounts.get(role.account) {
        ctx.set("aws:ResourceAccount", [a.account_id.clone()]);
        org_keys_into(&mut ctx, model, &a.account_id, "Resource");
    }
    tags_into(&mut ctx, "aws:ResourceTag/", &role.detail.tags);
    tags_into(&mut ctx, "iam:ResourceTag/", &role.detail.tags);
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decision cache in `who` relies on `caller_scoped` naming every
    /// key a caller's context holds; a key added to `caller_info` but not
    /// there would let two callers share a decision they must not share.
    #[test]
    fn every_key_a_caller_context_holds_is_caller_scoped() {
        let loaded = crate::source::demo::current().expect("the demo loads");
        let mut model = crate::model::build(vec![loaded]);
        // With an organization the demo's account (and 111122223333) is a
        // member, so callers also hold the org keys.
        let account = model.accounts[0].account_id.clone();
        model.organization = Some(std::sync::Arc::new(
            serde_json::from_value(serde_json::json!({
                "format": crate::org::FORMAT,
                "organization": {"id": "o-demo", "management_account_id": "999999999999"},
                "roots": [{"id": "r-demo"}],
                "accounts": [{"id": account, "parent_id": "r-demo"},
                             {"id": "111122223333", "parent_id": "r-demo"}]
            }))
            .expect("an organization"),
        ));
        let mut callers: Vec<Caller> = (0..model.users.len()).map(Caller::User).collect();
        callers.extend((0..model.roles.len()).map(Caller::Role));
        callers.push(Caller::Session {
            role: 0,
            session_name: "s".into(),
        });
        for (kind_key, principal) in [
            ("AWS", "arn:aws:iam::111122223333:root"),
            ("AWS", "arn:aws:iam::111122223333:user/u"),
            ("AWS", "arn:aws:iam::111122223333:role/r"),
            ("AWS", "arn:aws:sts::111122223333:assumed-role/r/s"),
            ("Service", "ec2.amazonaws.com"),
            ("Federated", "cognito-identity.amazonaws.com"),
            ("Federated", "arn:aws:iam::111122223333:saml-provider/okta"),
            ("*", "*"),
        ] {
            callers.push(Caller::External {
                kind_key: kind_key.into(),
                principal: principal.into(),
            });
        }
        let mut checked = 0;
        for caller in &callers {
            let info = caller_info(&model, caller).expect("caller info");
            for key in info.ctx.known_keys() {
                // A prefix such as "aws:principaltag/" stands for its keys.
                let probe = format!("{key}x");
                assert!(
                    caller_scoped(key) || caller_scoped(&probe) || org_scoped(key),
                    "{key} (of {caller:?}) is not in caller_scoped"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} keys checked");
        let user = caller_info(&model, &Caller::User(0)).expect("a user");
        assert!(matches!(
            user.ctx.lookup("aws:PrincipalOrgID"),
            crate::policy::KeyLookup::Present([id]) if id == "o-demo"
        ));
        assert!(!caller_scoped("sts:ExternalId"));
        assert!(!caller_scoped("aws:ResourceTag/team"));
        assert!(!caller_scoped("aws:PrincipalOrgID") && org_scoped("aws:PrincipalOrgID"));
    }
}

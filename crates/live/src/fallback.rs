//! The path taken when GAAD is denied: List* for the entities, then the
//! per-entity List*/Get* calls, at most `concurrency` calls in flight.
//!
//! It produces the same snapshot as GAAD: inline documents by
//! List*Policies + Get*Policy, attached policies by ListAttached*Policies,
//! boundaries/tags/last-used by GetRole/GetUser, instance profiles by
//! ListInstanceProfilesForRole, group membership by ListGroupsForUser, and
//! managed policies (local ones, and AWS ones in use) by GetPolicy +
//! ListPolicyVersions + GetPolicyVersion. A call denied for one entity marks
//! that piece unavailable; the rest still loads.

use std::future::Future;

use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_iam::types::PolicyScopeType;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use futures_util::StreamExt;

use super::client::Ctx;
use super::convert;
use super::error::{CallError, classify};
use super::gaad::referenced_aws_policies;
use super::{Accumulator, Failure, LiveEvent};
use rolecall_core::snapshot::{
    GroupDetail, InlinePolicy, ManagedPolicyDetail, RoleDetail, Snapshot, UserDetail,
};

/// The unavailable piece that means no role could be listed at all.
pub(crate) const ALL_ROLES: &str = "all roles";

/// Entities per `LiveEvent::Page` while the per-entity calls run.
const PAGE_BATCH: usize = 50;

/// Runs one call. `Ok(None)`: it was refused or failed for this piece only
/// (recorded as unavailable); `Err`: the connection is gone, stop.
pub(crate) async fn attempt<T, E>(
    ctx: &Ctx,
    what: impl FnOnce() -> String,
    call: &str,
    fut: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
) -> Result<Option<T>, Failure>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match fut.await {
        Ok(v) => Ok(Some(v)),
        Err(err) => match classify(&err) {
            CallError::Connection(detail) => Err(Failure::ConnectionLost {
                call: call.to_string(),
                detail,
            }),
            CallError::BadCredentials(detail) => Err(Failure::Api {
                call: call.to_string(),
                detail,
            }),
            CallError::Denied(detail) | CallError::Other(detail) => {
                ctx.unavailable_piece(what(), call, detail);
                Ok(None)
            }
        },
    }
}

/// The inline policies of one role, user or group: `names` (its
/// List*Policies call), then `get` (its Get*Policy call) for each name;
/// `document` reads the name and document out of the answer. A refused
/// call leaves out what it would have read.
async fn inline_policies<LE, GE, O, Fut>(
    ctx: &Ctx,
    owner: &str,
    (list_call, get_call): (&str, &str),
    names: impl Future<Output = Result<Vec<String>, SdkError<LE, HttpResponse>>>,
    get: impl Fn(&str) -> Fut,
    document: impl Fn(&O) -> (&str, &str),
) -> Result<Vec<InlinePolicy>, Failure>
where
    LE: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    GE: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    Fut: Future<Output = Result<O, SdkError<GE, HttpResponse>>>,
{
    let names = attempt(ctx, || format!("{owner} inline policies"), list_call, names)
        .await?
        .unwrap_or_default();
    let mut out = Vec::with_capacity(names.len());
    for policy in names {
        let what = || format!("{owner} inline policy {policy}");
        if let Some(answer) = attempt(ctx, what, get_call, get(&policy)).await? {
            let (name, doc) = document(&answer);
            out.push(convert::inline(Some(name), Some(doc)));
        }
    }
    Ok(out)
}

/// The managed policies attached to one role, user or group (its
/// ListAttached*Policies call); `None` when the call was refused.
async fn attached_policies<E>(
    ctx: &Ctx,
    owner: &str,
    call: &str,
    list: impl Future<
        Output = Result<Vec<aws_sdk_iam::types::AttachedPolicy>, SdkError<E, HttpResponse>>,
    >,
) -> Result<Option<Vec<rolecall_core::snapshot::AttachedPolicy>>, Failure>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let list = attempt(ctx, || format!("{owner} attached policies"), call, list).await?;
    Ok(list.map(|l| convert::attached(&l)))
}

enum Job {
    Role(usize, Box<RoleDetail>),
    User(usize, Box<UserDetail>),
    Group(usize, Box<GroupDetail>),
    Policy(usize, Box<ManagedPolicyDetail>),
}

enum Done {
    Role(usize, Box<RoleDetail>),
    User(usize, Box<UserDetail>),
    Group(usize, Box<GroupDetail>),
    Policy(usize, Option<Box<ManagedPolicyDetail>>),
}

pub(crate) async fn load(ctx: &Ctx, acc: &Accumulator) -> Result<(), Failure> {
    ctx.progress("listing roles, users, groups and policies", 0, None);
    let iam = &ctx.iam;
    let (roles, users, groups, local, aws) = tokio::join!(
        attempt(
            ctx,
            || ALL_ROLES.into(),
            "iam:ListRoles",
            iam.list_roles()
                .into_paginator()
                .page_size(1000)
                .items()
                .send()
                .try_collect()
        ),
        attempt(
            ctx,
            || "all users".into(),
            "iam:ListUsers",
            iam.list_users()
                .into_paginator()
                .page_size(1000)
                .items()
                .send()
                .try_collect()
        ),
        attempt(
            ctx,
            || "all groups".into(),
            "iam:ListGroups",
            iam.list_groups()
                .into_paginator()
                .page_size(1000)
                .items()
                .send()
                .try_collect()
        ),
        attempt(
            ctx,
            || "customer managed policies".into(),
            "iam:ListPolicies",
            iam.list_policies()
                .scope(PolicyScopeType::Local)
                .into_paginator()
                .page_size(1000)
                .items()
                .send()
                .try_collect()
        ),
        attempt(
            ctx,
            || "AWS managed policies in use".into(),
            "iam:ListPolicies",
            iam.list_policies()
                .scope(PolicyScopeType::Aws)
                .only_attached(true)
                .into_paginator()
                .page_size(1000)
                .items()
                .send()
                .try_collect()
        ),
    );
    let roles: Vec<RoleDetail> = roles?
        .unwrap_or_default()
        .iter()
        .map(convert::role)
        .collect();
    let users: Vec<UserDetail> = users?
        .unwrap_or_default()
        .iter()
        .map(convert::user)
        .collect();
    let groups: Vec<GroupDetail> = groups?
        .unwrap_or_default()
        .iter()
        .map(convert::group)
        .collect();
    let policies: Vec<ManagedPolicyDetail> = local?
        .unwrap_or_default()
        .iter()
        .chain(aws?.unwrap_or_default().iter())
        .map(convert::policy)
        .collect();

    let total = roles.len() + users.len() + groups.len() + policies.len();
    let jobs: Vec<Job> = roles
        .into_iter()
        .enumerate()
        .map(|(i, r)| Job::Role(i, Box::new(r)))
        .chain(
            users
                .into_iter()
                .enumerate()
                .map(|(i, u)| Job::User(i, Box::new(u))),
        )
        .chain(
            groups
                .into_iter()
                .enumerate()
                .map(|(i, g)| Job::Group(i, Box::new(g))),
        )
        .chain(
            policies
                .into_iter()
                .enumerate()
                .map(|(i, p)| Job::Policy(i, Box::new(p))),
        )
        .collect();

    let mut results = futures_util::stream::iter(jobs.into_iter().map(|job| run_job(ctx, job)))
        .buffer_unordered(ctx.concurrency);
    let mut out = Collected::default();
    let mut page = Snapshot::default();
    let mut done = 0usize;
    let mut failure = None;
    while let Some(result) = results.next().await {
        match result {
            Ok(d) => {
                done += 1;
                out.push(d, &mut page);
                if page_len(&page) >= PAGE_BATCH {
                    ctx.send(LiveEvent::Page(std::mem::take(&mut page)));
                    ctx.progress("per-entity calls", done, Some(total));
                }
            }
            Err(f) => {
                failure = Some(f);
                break;
            }
        }
    }
    drop(results);
    if page_len(&page) > 0 {
        ctx.send(LiveEvent::Page(std::mem::take(&mut page)));
    }
    ctx.progress("per-entity calls", done, Some(total));
    let snapshot = out.into_snapshot();
    acc.add(&snapshot);
    if let Some(f) = failure {
        return Err(f);
    }

    // AWS managed policies that only serve as a boundary are not "attached":
    // fetch the ones an entity refers to that the listing did not return.
    let have: std::collections::HashSet<String> =
        snapshot.policies.iter().map(|p| p.arn.clone()).collect();
    let missing: Vec<String> = referenced_aws_policies(&snapshot)
        .into_iter()
        .filter(|arn| !have.contains(arn))
        .collect();
    let fetched: Vec<Result<Option<ManagedPolicyDetail>, Failure>> =
        futures_util::stream::iter(missing.iter().map(|arn| fetch_policy(ctx, arn, None)))
            .buffered(ctx.concurrency)
            .collect()
            .await;
    let mut extra = Snapshot::default();
    for f in fetched {
        if let Some(p) = f? {
            extra.policies.push(p);
        }
    }
    if !extra.policies.is_empty() {
        acc.add(&extra);
        ctx.send(LiveEvent::Page(extra));
    }
    Ok(())
}

fn page_len(s: &Snapshot) -> usize {
    s.role_detail_list.len()
        + s.user_detail_list.len()
        + s.group_detail_list.len()
        + s.policies.len()
}

/// Finished entities with their listing position, so the snapshot keeps the
/// order the List* calls gave.
#[derive(Default)]
struct Collected {
    roles: Vec<(usize, RoleDetail)>,
    users: Vec<(usize, UserDetail)>,
    groups: Vec<(usize, GroupDetail)>,
    policies: Vec<(usize, ManagedPolicyDetail)>,
}

impl Collected {
    fn push(&mut self, d: Done, page: &mut Snapshot) {
        match d {
            Done::Role(i, r) => {
                page.role_detail_list.push((*r).clone());
                self.roles.push((i, *r));
            }
            Done::User(i, u) => {
                page.user_detail_list.push((*u).clone());
                self.users.push((i, *u));
            }
            Done::Group(i, g) => {
                page.group_detail_list.push((*g).clone());
                self.groups.push((i, *g));
            }
            Done::Policy(i, Some(p)) => {
                page.policies.push((*p).clone());
                self.policies.push((i, *p));
            }
            Done::Policy(_, None) => {}
        }
    }

    fn into_snapshot(mut self) -> Snapshot {
        self.roles.sort_by_key(|(i, _)| *i);
        self.users.sort_by_key(|(i, _)| *i);
        self.groups.sort_by_key(|(i, _)| *i);
        self.policies.sort_by_key(|(i, _)| *i);
        Snapshot {
            header: None,
            role_detail_list: self.roles.into_iter().map(|(_, r)| r).collect(),
            user_detail_list: self.users.into_iter().map(|(_, u)| u).collect(),
            group_detail_list: self.groups.into_iter().map(|(_, g)| g).collect(),
            policies: self.policies.into_iter().map(|(_, p)| p).collect(),
        }
    }
}

async fn run_job(ctx: &Ctx, job: Job) -> Result<Done, Failure> {
    Ok(match job {
        Job::Role(i, r) => Done::Role(i, Box::new(role(ctx, *r).await?)),
        Job::User(i, u) => Done::User(i, Box::new(user(ctx, *u).await?)),
        Job::Group(i, g) => Done::Group(i, Box::new(group(ctx, *g).await?)),
        Job::Policy(i, p) => {
            let arn = p.arn.clone();
            Done::Policy(i, fetch_policy(ctx, &arn, Some(*p)).await?.map(Box::new))
        }
    })
}

async fn role(ctx: &Ctx, mut r: RoleDetail) -> Result<RoleDetail, Failure> {
    let name = r.role_name.clone();
    let iam = &ctx.iam;
    if let Some(out) = attempt(
        ctx,
        || format!("role {name} boundary, tags and last use"),
        "iam:GetRole",
        iam.get_role().role_name(&name).send(),
    )
    .await?
        && let Some(full) = out.role()
    {
        let full = convert::role(full);
        r.permissions_boundary = full.permissions_boundary;
        r.tags = full.tags;
        r.role_last_used = full.role_last_used;
        r.description = full.description;
        r.max_session_duration = full.max_session_duration;
        if full.assume_role_policy_document.is_some() {
            r.assume_role_policy_document = full.assume_role_policy_document;
        }
    }
    let owner = format!("role {name}");
    r.role_policy_list = inline_policies(
        ctx,
        &owner,
        ("iam:ListRolePolicies", "iam:GetRolePolicy"),
        iam.list_role_policies()
            .role_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
        |policy| {
            iam.get_role_policy()
                .role_name(&name)
                .policy_name(policy)
                .send()
        },
        |out| (out.policy_name(), out.policy_document()),
    )
    .await?;
    if let Some(list) = attached_policies(
        ctx,
        &owner,
        "iam:ListAttachedRolePolicies",
        iam.list_attached_role_policies()
            .role_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .await?
    {
        r.attached_managed_policies = list;
    }
    if let Some(list) = attempt(
        ctx,
        || format!("role {name} instance profiles"),
        "iam:ListInstanceProfilesForRole",
        iam.list_instance_profiles_for_role()
            .role_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .await?
    {
        r.instance_profile_list = list.iter().map(convert::instance_profile).collect();
    }
    Ok(r)
}

async fn user(ctx: &Ctx, mut u: UserDetail) -> Result<UserDetail, Failure> {
    let name = u.user_name.clone();
    let iam = &ctx.iam;
    if let Some(out) = attempt(
        ctx,
        || format!("user {name} boundary and tags"),
        "iam:GetUser",
        iam.get_user().user_name(&name).send(),
    )
    .await?
        && let Some(full) = out.user()
    {
        let full = convert::user(full);
        u.permissions_boundary = full.permissions_boundary;
        u.tags = full.tags;
    }
    let owner = format!("user {name}");
    u.user_policy_list = inline_policies(
        ctx,
        &owner,
        ("iam:ListUserPolicies", "iam:GetUserPolicy"),
        iam.list_user_policies()
            .user_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
        |policy| {
            iam.get_user_policy()
                .user_name(&name)
                .policy_name(policy)
                .send()
        },
        |out| (out.policy_name(), out.policy_document()),
    )
    .await?;
    if let Some(list) = attached_policies(
        ctx,
        &owner,
        "iam:ListAttachedUserPolicies",
        iam.list_attached_user_policies()
            .user_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .await?
    {
        u.attached_managed_policies = list;
    }
    if let Some(list) = attempt(
        ctx,
        || format!("user {name} groups"),
        "iam:ListGroupsForUser",
        iam.list_groups_for_user()
            .user_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .await?
    {
        u.group_list = list.iter().map(|g| g.group_name().to_string()).collect();
    }
    Ok(u)
}

async fn group(ctx: &Ctx, mut g: GroupDetail) -> Result<GroupDetail, Failure> {
    let name = g.group_name.clone();
    let iam = &ctx.iam;
    let owner = format!("group {name}");
    g.group_policy_list = inline_policies(
        ctx,
        &owner,
        ("iam:ListGroupPolicies", "iam:GetGroupPolicy"),
        iam.list_group_policies()
            .group_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
        |policy| {
            iam.get_group_policy()
                .group_name(&name)
                .policy_name(policy)
                .send()
        },
        |out| (out.policy_name(), out.policy_document()),
    )
    .await?;
    if let Some(list) = attached_policies(
        ctx,
        &owner,
        "iam:ListAttachedGroupPolicies",
        iam.list_attached_group_policies()
            .group_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .await?
    {
        g.attached_managed_policies = list;
    }
    Ok(g)
}

/// One managed policy with every version's document: GetPolicy, then
/// ListPolicyVersions and GetPolicyVersion for each. `listed` is what
/// ListPolicies said, used when GetPolicy is refused. `None` when nothing at
/// all could be read (recorded as unavailable).
pub(crate) async fn fetch_policy(
    ctx: &Ctx,
    arn: &str,
    listed: Option<ManagedPolicyDetail>,
) -> Result<Option<ManagedPolicyDetail>, Failure> {
    let iam = &ctx.iam;
    let got = attempt(
        ctx,
        || format!("managed policy {arn}"),
        "iam:GetPolicy",
        iam.get_policy().policy_arn(arn).send(),
    )
    .await?;
    let mut policy = match got.as_ref().and_then(|o| o.policy()) {
        Some(p) => convert::policy(p),
        None => match listed {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let versions = attempt(
        ctx,
        || format!("managed policy {arn} versions"),
        "iam:ListPolicyVersions",
        iam.list_policy_versions()
            .policy_arn(arn)
            .into_paginator()
            .items()
            .send()
            .try_collect(),
    )
    .await?
    .unwrap_or_default();
    for v in versions {
        let id = v.version_id().unwrap_or_default().to_string();
        let full = attempt(
            ctx,
            || format!("managed policy {arn} version {id}"),
            "iam:GetPolicyVersion",
            iam.get_policy_version()
                .policy_arn(arn)
                .version_id(&id)
                .send(),
        )
        .await?;
        let version = match full.as_ref().and_then(|o| o.policy_version()) {
            Some(full) => convert::version(full),
            None => convert::version(&v),
        };
        policy.policy_version_list.push(version);
    }
    Ok(Some(policy))
}

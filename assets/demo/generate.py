#!/usr/bin/env python3
"""Generate rolecall's built-in demo account, "acme-prod" (111122223333).

Writes two snapshots next to this script, in the exact shape the AWS CLI
prints for `aws iam get-account-authorization-details` (GAAD), plus the
`Rolecall` snapshot header and the two role fields GetRole has but GAAD
lacks (`Description`, `MaxSessionDuration`):

    acme-prod.json                    captured 2026-11-20T09:00:00Z ("now")
    acme-prod-30-days-earlier.json    captured 2026-10-21T09:00:00Z ("then")

Everything is derived from the tables below: ids are hashes of names (so a
role keeps its RoleId across both snapshots), times of day are hashes of
dates. No randomness, no clock: re-running gives byte-identical files.

Every difference between the two snapshots is marked `# DRIFT:` below and
described in README.md.

Usage (from the repository root):   python3 assets/demo/generate.py
Stdlib only. A self-check runs after generation and fails loudly.
"""

import base64
import hashlib
import json
import os
import re
import sys
from datetime import date, timedelta

# --------------------------------------------------------------------------
# The account and its neighbours
# --------------------------------------------------------------------------

ACCOUNT = "111122223333"           # Acme Corp production (this account)
ALIAS = "acme-prod"
PARTITION = "aws"
CAPTURED_NOW = "2026-11-20T09:00:00Z"
CAPTURED_THEN = "2026-10-21T09:00:00Z"

STAGING = "222233334444"           # acme-staging (same AWS Organization)
SECURITY = "333344445555"          # acme-security-audit (same organization)
MANAGEMENT = "444455556666"        # organization management account
ORG_ID = "o-a1b2c3d4e5"

MONITORING_VENDOR = "999988887777"  # monitoring SaaS (Datadog-style integration)
COST_VENDOR = "888877776666"        # cloud cost SaaS, US tenant
COST_VENDOR_EU = "777766665555"     # the same vendor's new EU tenant
WAREHOUSE_VENDOR = "666677778888"   # data warehouse SaaS (analytics export)
FORMER_AUDITOR = "555566667777"     # audit firm whose engagement ended

SSO_SAML_PROVIDER = f"arn:aws:iam::{ACCOUNT}:saml-provider/AWSSSO_4f5e6d7c8b9a0123_DO_NOT_DELETE"
GITHUB_OIDC = "token.actions.githubusercontent.com"
EKS_OIDC = "oidc.eks.eu-west-1.amazonaws.com/id/5C1A2B3D4E5F60718293A4B5C6D7E8F9"
COGNITO_POOL = "eu-west-1:7c4e2a10-3b5d-4f6e-9a8b-1c2d3e4f5a6b"

# A principal that was deleted after being written into a trust policy:
# AWS then shows its unique id instead of its ARN.
DANGLING_ROLE_ID = "AROAJQABLZS4A3QDU576Q"

# The Datadog-style integration's external id was rotated in between.
EXTERNAL_ID_THEN = "3f8e2c1a9b7d4e60a5c2f1e8d7b6a394"
EXTERNAL_ID_NOW = "b71d5e02c94a4f8ba6e3d0f2c1a85e7d"
WAREHOUSE_EXTERNAL_ID = "ACME_SFCRole=4_kX2pQ9vR7tYb3nWc8LzE1dHs="

# Team -> cost centre, used by tags().
COST_CENTRES = {
    "platform": "CC-1010", "sre": "CC-1010", "security": "CC-1050",
    "storefront": "CC-2020", "payments": "CC-2030", "search": "CC-2040", "data": "CC-3040",
    "finance": "CC-4010",
}

# --------------------------------------------------------------------------
# Small helpers: ids, times, ARNs
# --------------------------------------------------------------------------


def unique_id(prefix, kind, name):
    """A stable IAM-style unique id: prefix + 17 base32 characters."""
    digest = hashlib.sha256(f"{ACCOUNT}/{kind}/{name}".encode()).digest()
    return prefix + base64.b32encode(digest).decode()[:17]


def ts(day, salt=""):
    """'2024-03-14' -> '2024-03-14T17:21:45Z', a stable time between 07:00 and 18:59."""
    h = int.from_bytes(hashlib.sha256(f"{day}/{salt}".encode()).digest()[:6], "big")
    return f"{day}T{7 + h % 12:02d}:{(h >> 8) % 60:02d}:{(h >> 16) % 60:02d}Z"


def root(account=ACCOUNT):
    return f"arn:aws:iam::{account}:root"


def role_arn(name, path="/", account=ACCOUNT):
    return f"arn:aws:iam::{account}:role{path}{name}"


def user_arn(name, path="/"):
    return f"arn:aws:iam::{ACCOUNT}:user{path}{name}"


def aws_policy_arn(name, path="/"):
    return f"arn:aws:iam::aws:policy{path}{name}"


def acme_policy_arn(name, path="/"):
    return f"arn:aws:iam::{ACCOUNT}:policy{path}{name}"


def tags(team, env="production", owner=None, managed_by="terraform", **extra):
    """Acme's tagging standard: Team, Environment, CostCenter, Owner, ManagedBy."""
    pairs = [("Team", team), ("Environment", env), ("CostCenter", COST_CENTRES[team]),
             ("Owner", owner or f"{team}-team@acme.example")]
    if managed_by:
        pairs.append(("ManagedBy", managed_by))
    pairs += list(extra.items())
    return [{"Key": k, "Value": v} for k, v in pairs]


# --------------------------------------------------------------------------
# Policy documents
# --------------------------------------------------------------------------


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def statement(effect, action=None, resource=None, *, sid=None, principal=None,
              not_action=None, condition=None):
    s = {}
    if sid:
        s["Sid"] = sid
    s["Effect"] = effect
    if principal is not None:
        s["Principal"] = principal
    if action is not None:
        s["Action"] = action
    if not_action is not None:
        s["NotAction"] = not_action
    if resource is not None:
        s["Resource"] = resource
    if condition:
        s["Condition"] = condition
    return s


def allow(action, resource="*", **kw):
    return statement("Allow", action, resource, **kw)


def deny(action, resource="*", **kw):
    return statement("Deny", action, resource, **kw)


MFA_PRESENT = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}


# --------------------------------------------------------------------------
# Trust policies (AssumeRolePolicyDocument)
# --------------------------------------------------------------------------


def assume(principal, condition=None, *, sid=None, effect="Allow", action="sts:AssumeRole"):
    """One statement of a trust policy."""
    return statement(effect, action, sid=sid, principal=principal, condition=condition)


def one_or_list(items):
    return items[0] if len(items) == 1 else list(items)


def trust_service(*services, condition=None):
    return doc(assume({"Service": one_or_list(services)}, condition))


def trust_aws(*principals, condition=None):
    return doc(assume({"AWS": one_or_list(principals)}, condition))


def trust_sso():
    """What IAM Identity Center writes into every AWSReservedSSO_* role."""
    return doc(assume({"Federated": SSO_SAML_PROVIDER},
                      {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
                      action=["sts:AssumeRoleWithSAML", "sts:TagSession"]))


def trust_github(sub=None, like=False):
    """GitHub Actions OIDC. sub=None leaves the subject unchecked (any repo on GitHub!)."""
    aud = {f"{GITHUB_OIDC}:aud": "sts.amazonaws.com"}
    if sub is None:
        condition = {"StringEquals": aud}
    elif like:
        condition = {"StringEquals": aud, "StringLike": {f"{GITHUB_OIDC}:sub": sub}}
    else:
        condition = {"StringEquals": {**aud, f"{GITHUB_OIDC}:sub": sub}}
    return doc(assume({"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{GITHUB_OIDC}"},
                      condition, action="sts:AssumeRoleWithWebIdentity"))


def trust_irsa(namespace=None, service_account=None):
    """EKS IAM roles for service accounts. namespace=None omits the sub check."""
    cond = {}
    if namespace:
        cond[f"{EKS_OIDC}:sub"] = f"system:serviceaccount:{namespace}:{service_account}"
    cond[f"{EKS_OIDC}:aud"] = "sts.amazonaws.com"
    return doc(assume({"Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/{EKS_OIDC}"},
                      {"StringEquals": cond}, action="sts:AssumeRoleWithWebIdentity"))


def trust_cognito(amr):
    """Cognito identity pool role; amr is 'authenticated' or 'unauthenticated'."""
    return doc(assume({"Federated": "cognito-identity.amazonaws.com"},
                      {"StringEquals": {"cognito-identity.amazonaws.com:aud": COGNITO_POOL},
                       "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr}},
                      action="sts:AssumeRoleWithWebIdentity"))


def source_account():
    """Confused-deputy guard used on some service trusts."""
    return {"StringEquals": {"aws:SourceAccount": ACCOUNT}}


# --------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------

# Names of all managed policies (AWS and customer), filled in below, so that
# role()/user()/group() can take policy *names* and resolve them to ARNs.
POLICY_ARNS = {}


def attached(names):
    return [{"PolicyName": n, "PolicyArn": POLICY_ARNS[n]} for n in names]


def boundary_of(name):
    return {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": POLICY_ARNS[name]}


def inline_list(inline):
    return [{"PolicyName": n, "PolicyDocument": d} for n, d in inline.items()]


def role(name, *, path="/", trust, created, description=None, max_session=3600,
         inline=None, managed=(), boundary=None, tags=None, last_used=None,
         last_used_then="shift", instance_profile=False):
    """A RoleDetail as GAAD returns it (plus Description/MaxSessionDuration).

    last_used is (day, region) as of the current snapshot, or None (never used).
    In the earlier snapshot it is moved 31 days back if it falls after that
    capture, unless last_used_then gives it explicitly.
    """
    created_ts = ts(created, name)
    arn = role_arn(name, path)
    r = {
        "Path": path,
        "RoleName": name,
        "RoleId": unique_id("AROA", "role", name),
        "Arn": arn,
        "CreateDate": created_ts,
        "AssumeRolePolicyDocument": trust,
    }
    if description:
        r["Description"] = description
    r["MaxSessionDuration"] = max_session
    profiles = []
    if instance_profile:
        summary = {k: r[k] for k in ("Path", "RoleName", "RoleId", "Arn", "CreateDate",
                                     "AssumeRolePolicyDocument")}
        profiles.append({
            "Path": path,
            "InstanceProfileName": name,
            "InstanceProfileId": unique_id("AIPA", "instance-profile", name),
            "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile{path}{name}",
            "CreateDate": created_ts,
            "Roles": [summary],
        })
    r["InstanceProfileList"] = profiles
    r["RolePolicyList"] = inline_list(inline or {})
    r["AttachedManagedPolicies"] = attached(managed)
    if boundary:
        r["PermissionsBoundary"] = boundary_of(boundary)
    r["Tags"] = tags or []
    r["_last_used"] = (last_used, last_used_then)   # resolved by finish_role()
    return r


def finish_role(r, now):
    last_used, then = r.pop("_last_used")
    if not now and then != "shift":
        last_used = then
    elif not now and last_used and last_used[0] >= CAPTURED_THEN[:10]:
        shifted = (date.fromisoformat(last_used[0]) - timedelta(days=31)).isoformat()
        last_used = (shifted, last_used[1]) if shifted >= r["CreateDate"][:10] else None
    r["RoleLastUsed"] = ({"LastUsedDate": ts(last_used[0], r["RoleName"] + "/used"),
                          "Region": last_used[1]} if last_used else {})
    return r


def user(name, *, path="/", created, groups=(), inline=None, managed=(), boundary=None, tags=None):
    u = {
        "Path": path,
        "UserName": name,
        "UserId": unique_id("AIDA", "user", name),
        "Arn": user_arn(name, path),
        "CreateDate": ts(created, name),
        "UserPolicyList": inline_list(inline or {}),
        "GroupList": list(groups),
        "AttachedManagedPolicies": attached(managed),
    }
    if boundary:
        u["PermissionsBoundary"] = boundary_of(boundary)
    u["Tags"] = tags or []
    return u


def group(name, *, path="/", created, inline=None, managed=()):
    return {
        "Path": path,
        "GroupName": name,
        "GroupId": unique_id("AGPA", "group", name),
        "Arn": f"arn:aws:iam::{ACCOUNT}:group{path}{name}",
        "CreateDate": ts(created, name),
        "GroupPolicyList": inline_list(inline or {}),
        "AttachedManagedPolicies": attached(managed),
    }


def managed_policy(name, *, path="/", versions, default):
    """A customer managed policy. versions: [(version_id, day, document), ...]."""
    version_list = [{
        "Document": d,
        "VersionId": vid,
        "IsDefaultVersion": vid == default,
        "CreateDate": ts(day, f"{name}/{vid}"),
    } for vid, day, d in versions]
    return {
        "PolicyName": name,
        "PolicyId": unique_id("ANPA", "policy", name),
        "Arn": acme_policy_arn(name, path),
        "Path": path,
        "DefaultVersionId": default,
        "AttachmentCount": 0,                 # counted by build_snapshot()
        "PermissionsBoundaryUsageCount": 0,   # counted by build_snapshot()
        "IsAttachable": True,
        "CreateDate": version_list[0]["CreateDate"],
        "UpdateDate": max(v["CreateDate"] for v in version_list),
        "PolicyVersionList": version_list,
    }


def aws_managed(name, *, path="/", created, updated, version, document, attachable=True):
    """An AWS managed policy. GAAD lists only its default version (abbreviated documents)."""
    arn = aws_policy_arn(name, path)
    created_ts = ts(created, arn)
    updated_ts = ts(updated, arn + "/v") if updated != created else created_ts
    return {
        "PolicyName": name,
        "PolicyId": "ANPA" + base64.b32encode(hashlib.sha256(arn.encode()).digest()).decode()[:17],
        "Arn": arn,
        "Path": path,
        "DefaultVersionId": version,
        "AttachmentCount": 0,
        "PermissionsBoundaryUsageCount": 0,
        "IsAttachable": attachable,
        "CreateDate": created_ts,
        "UpdateDate": updated_ts,
        "PolicyVersionList": [{
            "Document": document,
            "VersionId": version,
            "IsDefaultVersion": True,
            "CreateDate": updated_ts,
        }],
    }


# --------------------------------------------------------------------------
# AWS managed policies (only those attached somewhere end up in a snapshot)
# --------------------------------------------------------------------------


def aws_managed_policies():
    logs_write = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    slr = "/aws-service-role/"
    return [
        aws_managed("AdministratorAccess", created="2015-02-06", updated="2015-02-06",
                    version="v1", document=doc(allow("*", "*"))),
        aws_managed("ReadOnlyAccess", created="2015-02-06", updated="2026-06-24", version="v121",
                    document=doc(allow([  # abbreviated: the real list has ~500 entries
                        "acm:Describe*", "acm:Get*", "acm:List*", "apigateway:GET",
                        "athena:Get*", "athena:List*", "autoscaling:Describe*",
                        "cloudformation:Describe*", "cloudformation:Get*", "cloudformation:List*",
                        "cloudfront:Get*", "cloudfront:List*", "cloudtrail:Describe*",
                        "cloudtrail:Get*", "cloudtrail:LookupEvents", "cloudwatch:Describe*",
                        "cloudwatch:Get*", "cloudwatch:List*", "dynamodb:BatchGetItem",
                        "dynamodb:Describe*", "dynamodb:GetItem", "dynamodb:List*",
                        "dynamodb:Query", "dynamodb:Scan", "ec2:Describe*", "ec2:Get*",
                        "ecr:BatchGetImage", "ecr:Describe*", "ecr:Get*", "ecr:List*",
                        "ecs:Describe*", "ecs:List*", "eks:Describe*", "eks:List*",
                        "elasticloadbalancing:Describe*", "glue:Get*", "glue:List*",
                        "iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*",
                        "kms:Describe*", "kms:Get*", "kms:List*", "lambda:Get*",
                        "lambda:List*", "logs:Describe*", "logs:Get*", "logs:FilterLogEvents",
                        "logs:StartQuery", "organizations:Describe*", "organizations:List*",
                        "rds:Describe*", "rds:List*", "route53:Get*", "route53:List*",
                        "s3:Get*", "s3:List*", "secretsmanager:Describe*",
                        "secretsmanager:List*", "sns:Get*", "sns:List*", "sqs:Get*",
                        "sqs:List*", "ssm:Describe*", "ssm:Get*", "ssm:List*",
                        "states:Describe*", "states:Get*", "states:List*", "sts:Get*",
                        "tag:Get*"]))),
        aws_managed("PowerUserAccess", created="2015-02-06", updated="2023-07-06", version="v5",
                    document=doc(
                        allow(None, "*", not_action=["iam:*", "organizations:*", "account:*"]),
                        allow(["account:GetAccountInformation", "account:GetPrimaryEmail",
                               "account:ListRegions", "iam:CreateServiceLinkedRole",
                               "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                               "organizations:DescribeOrganization"]))),
        aws_managed("ViewOnlyAccess", path="/job-function/", created="2016-11-10",
                    updated="2025-09-18", version="v98",
                    document=doc(allow([  # abbreviated
                        "acm:ListCertificates", "autoscaling:Describe*", "cloudfront:List*",
                        "cloudtrail:DescribeTrails", "cloudwatch:Describe*", "cloudwatch:List*",
                        "dynamodb:ListTables", "ec2:Describe*", "ecs:List*", "ecs:Describe*",
                        "eks:ListClusters", "elasticloadbalancing:Describe*", "iam:List*",
                        "iam:GetAccountSummary", "kms:ListKeys", "lambda:List*",
                        "logs:DescribeLogGroups", "rds:Describe*", "route53:List*",
                        "s3:ListAllMyBuckets", "s3:GetBucketLocation", "sns:ListTopics",
                        "sqs:ListQueues", "tag:GetResources"]))),
        aws_managed("Billing", path="/job-function/", created="2016-11-10", updated="2024-01-17",
                    version="v9",
                    document=doc(allow([
                        "account:GetAccountInformation", "aws-portal:*", "billing:*",
                        "budgets:*", "ce:*", "consolidatedbilling:*", "cur:*",
                        "freetier:*", "invoicing:*", "payments:*", "pricing:*",
                        "purchase-orders:*", "savingsplans:*", "tax:*"]))),
        aws_managed("SecurityAudit", created="2015-02-06", updated="2026-05-12", version="v44",
                    document=doc(allow([  # abbreviated
                        "access-analyzer:List*", "acm:Describe*", "cloudtrail:Describe*",
                        "cloudtrail:Get*", "cloudtrail:List*", "config:Describe*",
                        "config:Get*", "ec2:Describe*", "ec2:GetEbsEncryptionByDefault",
                        "ecr:DescribeRepositories", "ecr:GetRepositoryPolicy", "eks:Describe*",
                        "eks:List*", "guardduty:Get*", "guardduty:List*", "iam:GenerateCredentialReport",
                        "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy",
                        "iam:SimulatePrincipalPolicy", "kms:Describe*", "kms:Get*", "kms:List*",
                        "lambda:GetPolicy", "lambda:ListFunctions", "organizations:Describe*",
                        "organizations:List*", "rds:Describe*", "s3:GetBucket*",
                        "s3:GetEncryptionConfiguration", "s3:ListAllMyBuckets",
                        "securityhub:Get*", "sns:GetTopicAttributes", "sqs:GetQueueAttributes",
                        "sts:GetCallerIdentity"]))),
        aws_managed("AmazonSSMManagedInstanceCore", created="2019-03-15", updated="2023-05-23",
                    version="v2",
                    document=doc(
                        allow(["ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance",
                               "ssm:GetDocument", "ssm:DescribeDocument", "ssm:GetManifest",
                               "ssm:GetParameter", "ssm:GetParameters", "ssm:ListAssociations",
                               "ssm:ListInstanceAssociations", "ssm:PutInventory",
                               "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult",
                               "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus",
                               "ssm:UpdateInstanceInformation"]),
                        allow(["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                               "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]),
                        allow(["ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage",
                               "ec2messages:FailMessage", "ec2messages:GetEndpoint",
                               "ec2messages:GetMessages", "ec2messages:SendReply"]))),
        aws_managed("CloudWatchAgentServerPolicy", created="2017-09-11", updated="2023-12-11",
                    version="v3",
                    document=doc(
                        allow(["cloudwatch:PutMetricData", "ec2:DescribeVolumes", "ec2:DescribeTags",
                               "logs:PutLogEvents", "logs:PutRetentionPolicy",
                               "logs:DescribeLogStreams", "logs:DescribeLogGroups",
                               "logs:CreateLogStream", "logs:CreateLogGroup", "xray:PutTraceSegments",
                               "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                               "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]),
                        allow("ssm:GetParameter", "arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*"))),
        aws_managed("CloudWatchReadOnlyAccess", created="2015-02-06", updated="2024-12-05",
                    version="v19",
                    document=doc(allow(["application-autoscaling:DescribeScalingPolicies",
                                        "autoscaling:Describe*", "cloudwatch:BatchGet*",
                                        "cloudwatch:Describe*", "cloudwatch:GenerateQuery",
                                        "cloudwatch:Get*", "cloudwatch:List*", "logs:Get*",
                                        "logs:List*", "logs:StartQuery", "logs:StopQuery",
                                        "logs:Describe*", "logs:TestMetricFilter",
                                        "logs:FilterLogEvents", "oam:ListSinks", "sns:Get*",
                                        "sns:List*", "rum:BatchGet*", "rum:Get*", "rum:List*",
                                        "synthetics:Describe*", "synthetics:Get*",
                                        "synthetics:List*", "xray:BatchGet*", "xray:Get*"]))),
        aws_managed("IAMUserChangePassword", created="2016-11-15", updated="2016-11-15",
                    version="v2",
                    document=doc(allow("iam:ChangePassword", "arn:aws:iam::*:user/${aws:username}"),
                                 allow("iam:GetAccountPasswordPolicy"))),
        aws_managed("AWSLambdaBasicExecutionRole", path="/service-role/", created="2015-04-09",
                    updated="2015-04-09", version="v1", document=doc(allow(logs_write))),
        aws_managed("AWSLambdaVPCAccessExecutionRole", path="/service-role/", created="2016-02-11",
                    updated="2024-01-05", version="v3",
                    document=doc(allow(logs_write + [
                        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
                        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"]))),
        aws_managed("AWSXRayDaemonWriteAccess", created="2018-08-28", updated="2021-03-02",
                    version="v2",
                    document=doc(allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords",
                                        "xray:GetSamplingRules", "xray:GetSamplingTargets",
                                        "xray:GetSamplingStatisticSummaries"]))),
        aws_managed("AmazonECSTaskExecutionRolePolicy", path="/service-role/",
                    created="2017-11-16", updated="2017-11-16", version="v1",
                    document=doc(allow(["ecr:GetAuthorizationToken",
                                        "ecr:BatchCheckLayerAvailability",
                                        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
                                        "logs:CreateLogStream", "logs:PutLogEvents"]))),
        aws_managed("AmazonEKSClusterPolicy", created="2018-05-27", updated="2024-05-03",
                    version="v7",
                    document=doc(
                        allow(["autoscaling:DescribeAutoScalingGroups",
                               "autoscaling:UpdateAutoScalingGroup", "ec2:AttachVolume",
                               "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateRoute",
                               "ec2:CreateSecurityGroup", "ec2:CreateTags", "ec2:CreateVolume",
                               "ec2:DeleteRoute", "ec2:DeleteSecurityGroup", "ec2:DeleteVolume",
                               "ec2:Describe*", "ec2:DetachVolume", "ec2:ModifyInstanceAttribute",
                               "ec2:ModifyVolume", "ec2:RevokeSecurityGroupIngress",
                               "elasticloadbalancing:*", "kms:DescribeKey"]),
                        allow("iam:CreateServiceLinkedRole", "*", condition={
                            "StringEquals": {"iam:AWSServiceName": "elasticloadbalancing.amazonaws.com"}}))),
        aws_managed("AmazonEKSWorkerNodePolicy", created="2018-05-27", updated="2024-08-02",
                    version="v3",
                    document=doc(allow(["ec2:DescribeInstances", "ec2:DescribeInstanceTypes",
                                        "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups",
                                        "ec2:DescribeSubnets", "ec2:DescribeVolumes",
                                        "ec2:DescribeVolumesModifications", "ec2:DescribeVpcs",
                                        "eks:DescribeCluster", "eks-auth:AssumeRoleForPodIdentity"]))),
        aws_managed("AmazonEKS_CNI_Policy", created="2018-05-27", updated="2021-09-27",
                    version="v4",
                    document=doc(
                        allow(["ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface",
                               "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                               "ec2:DescribeInstances", "ec2:DescribeTags",
                               "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes",
                               "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute",
                               "ec2:UnassignPrivateIpAddresses"]),
                        allow("ec2:CreateTags", "arn:aws:ec2:*:*:network-interface/*"))),
        aws_managed("AmazonEC2ContainerRegistryReadOnly", created="2015-12-21",
                    updated="2019-12-05", version="v3",
                    document=doc(allow(["ecr:GetAuthorizationToken",
                                        "ecr:BatchCheckLayerAvailability",
                                        "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy",
                                        "ecr:DescribeRepositories", "ecr:ListImages",
                                        "ecr:DescribeImages", "ecr:BatchGetImage",
                                        "ecr:GetLifecyclePolicy",
                                        "ecr:GetLifecyclePolicyPreview", "ecr:ListTagsForResource",
                                        "ecr:DescribeImageScanFindings"]))),
        aws_managed("AmazonEC2FullAccess", created="2015-02-06", updated="2018-11-27",
                    version="v5",
                    document=doc(
                        allow(["ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*"]),
                        allow("iam:CreateServiceLinkedRole", "*", condition={"StringEquals": {
                            "iam:AWSServiceName": ["autoscaling.amazonaws.com",
                                                   "ec2scheduled.amazonaws.com",
                                                   "elasticloadbalancing.amazonaws.com",
                                                   "spot.amazonaws.com",
                                                   "spotfleet.amazonaws.com",
                                                   "transitgateway.amazonaws.com"]}}))),
        aws_managed("AWSGlueServiceRole", path="/service-role/", created="2017-08-23",
                    updated="2018-06-25", version="v4",
                    document=doc(
                        allow(["glue:*", "s3:GetBucketLocation", "s3:ListBucket",
                               "s3:ListAllMyBuckets", "s3:GetBucketAcl", "ec2:DescribeVpcEndpoints",
                               "ec2:DescribeRouteTables", "ec2:CreateNetworkInterface",
                               "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
                               "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
                               "ec2:DescribeVpcAttribute", "iam:ListRolePolicies",
                               "iam:GetRole", "iam:GetRolePolicy", "cloudwatch:PutMetricData"]),
                        allow(["s3:CreateBucket"], ["arn:aws:s3:::aws-glue-*"]),
                        allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                              ["arn:aws:s3:::aws-glue-*/*", "arn:aws:s3:::*/*aws-glue-*/*"]),
                        allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                              ["arn:aws:logs:*:*:*:/aws-glue/*"]))),
        aws_managed("AmazonRDSEnhancedMonitoringRole", path="/service-role/",
                    created="2015-11-11", updated="2023-12-07", version="v3",
                    document=doc(
                        allow(["logs:CreateLogGroup", "logs:PutRetentionPolicy"],
                              ["arn:aws:logs:*:*:log-group:RDS*"], sid="EnableCreationAndManagementOfRDSCloudwatchLogGroups"),
                        allow(["logs:CreateLogStream", "logs:PutLogEvents",
                               "logs:DescribeLogStreams", "logs:GetLogEvents"],
                              ["arn:aws:logs:*:*:log-group:RDS*:log-stream:*"],
                              sid="EnableCreationAndManagementOfRDSCloudwatchLogStreams"))),
        aws_managed("AWSBackupServiceRolePolicyForBackup", path="/service-role/",
                    created="2019-01-10", updated="2026-03-27", version="v31",
                    document=doc(allow([  # abbreviated
                        "backup:DescribeBackupVault", "backup:CopyIntoBackupVault",
                        "dynamodb:CreateBackup", "dynamodb:DescribeTable", "ec2:CreateSnapshot",
                        "ec2:CreateTags", "ec2:DescribeSnapshots", "ec2:DescribeVolumes",
                        "elasticfilesystem:Backup", "rds:CreateDBSnapshot",
                        "rds:DescribeDBInstances", "rds:DescribeDBSnapshots",
                        "rds:AddTagsToResource", "tag:GetResources"]))),
        aws_managed("AWSBackupServiceRolePolicyForRestores", path="/service-role/",
                    created="2019-01-12", updated="2026-03-27", version="v22",
                    document=doc(
                        allow(["dynamodb:RestoreTableFromBackup", "ec2:CreateVolume",
                               "ec2:RunInstances", "elasticfilesystem:Restore",
                               "rds:RestoreDBInstanceFromDBSnapshot", "rds:DescribeDBInstances"]),
                        allow("iam:PassRole", "*"))),
        # Policies of service-linked roles (all abbreviated).
        aws_managed("AutoScalingServiceRolePolicy", path=slr, created="2018-01-08",
                    updated="2024-07-25", version="v9",
                    document=doc(allow(["ec2:AttachClassicLinkVpc", "ec2:CancelSpotInstanceRequests",
                                        "ec2:CreateFleet", "ec2:CreateTags", "ec2:DeleteTags",
                                        "ec2:Describe*", "ec2:RunInstances",
                                        "ec2:TerminateInstances", "elasticloadbalancing:Register*",
                                        "elasticloadbalancing:Deregister*",
                                        "elasticloadbalancing:Describe*", "cloudwatch:PutMetricAlarm",
                                        "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms",
                                        "sns:Publish", "ssm:GetParameters"]),
                                 allow("iam:PassRole", "*", condition={"StringLike": {
                                     "iam:PassedToService": "ec2.amazonaws.com*"}}))),
        aws_managed("AmazonECSServiceRolePolicy", path=slr, created="2017-10-14",
                    updated="2025-02-07", version="v16",
                    document=doc(allow(["ec2:AttachNetworkInterface", "ec2:CreateNetworkInterface",
                                        "ec2:DeleteNetworkInterface", "ec2:Describe*",
                                        "ec2:DetachNetworkInterface",
                                        "elasticloadbalancing:DeregisterTargets",
                                        "elasticloadbalancing:Describe*",
                                        "elasticloadbalancing:RegisterTargets",
                                        "route53:ChangeResourceRecordSets",
                                        "servicediscovery:RegisterInstance",
                                        "servicediscovery:DeregisterInstance",
                                        "autoscaling:Describe*", "cloudwatch:PutMetricAlarm"]))),
        aws_managed("AWSElasticLoadBalancingServiceRolePolicy", path=slr, created="2017-09-19",
                    updated="2024-01-26", version="v9",
                    document=doc(allow(["ec2:DescribeAddresses", "ec2:DescribeInstances",
                                        "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
                                        "ec2:DescribeVpcs", "ec2:DescribeInternetGateways",
                                        "ec2:DescribeAccountAttributes",
                                        "ec2:DescribeClassicLinkInstances",
                                        "ec2:DescribeVpcClassicLink", "ec2:CreateSecurityGroup",
                                        "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                                        "ec2:ModifyNetworkInterfaceAttribute",
                                        "ec2:AssignPrivateIpAddresses", "logs:CreateLogDelivery",
                                        "logs:GetLogDelivery", "logs:DeleteLogDelivery"]))),
        aws_managed("AmazonRDSServiceRolePolicy", path=slr, created="2018-01-08",
                    updated="2025-06-12", version="v17",
                    document=doc(allow(["ec2:AuthorizeSecurityGroupIngress",
                                        "ec2:CreateNetworkInterface", "ec2:CreateSecurityGroup",
                                        "ec2:DeleteNetworkInterface", "ec2:DeleteSecurityGroup",
                                        "ec2:Describe*", "ec2:ModifyNetworkInterfaceAttribute",
                                        "ec2:RevokeSecurityGroupIngress", "sns:Publish"]),
                                 allow(["logs:CreateLogGroup", "logs:PutRetentionPolicy",
                                        "logs:CreateLogStream", "logs:PutLogEvents"],
                                       ["arn:aws:logs:*:*:log-group:/aws/rds/*"]))),
        aws_managed("AWSSupportServiceRolePolicy", path=slr, created="2018-04-19",
                    updated="2026-02-11", version="v42", attachable=False,
                    document=doc(allow(["apigateway:GET", "autoscaling:Describe*",
                                        "cloudformation:Describe*", "cloudtrail:Describe*",
                                        "cloudwatch:Describe*", "cloudwatch:Get*",
                                        "dynamodb:Describe*", "ec2:Describe*", "ecs:Describe*",
                                        "eks:Describe*", "iam:GetAccountSummary",
                                        "iam:ListRoles", "lambda:List*", "rds:Describe*",
                                        "s3:GetBucketLocation", "s3:ListAllMyBuckets"]))),
        aws_managed("AWSTrustedAdvisorServiceRolePolicy", path=slr, created="2018-02-22",
                    updated="2025-01-22", version="v11",
                    document=doc(allow(["autoscaling:Describe*", "cloudformation:Describe*",
                                        "cloudfront:Get*", "cloudfront:List*",
                                        "cloudtrail:Describe*", "cloudtrail:Get*",
                                        "dynamodb:Describe*", "ec2:Describe*", "ecr:Describe*",
                                        "iam:GenerateCredentialReport", "iam:GetCredentialReport",
                                        "iam:GetAccountPasswordPolicy", "iam:ListServerCertificates",
                                        "rds:Describe*", "s3:GetBucketAcl", "s3:GetBucketPolicy*",
                                        "s3:ListAllMyBuckets"]))),
        aws_managed("AWSOrganizationsServiceTrustPolicy", path=slr, created="2017-10-10",
                    updated="2017-11-01", version="v2",
                    document=doc(
                        allow(["iam:DeleteRole"], "arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*",
                              sid="AllowDeletionOfServiceLinkedRoleForOrganizations"),
                        allow("iam:CreateServiceLinkedRole", sid="AllowCreationOfServiceLinkedRoles"))),
        aws_managed("AWSSSOServiceRolePolicy", path=slr, created="2017-12-05",
                    updated="2025-04-10", version="v24",
                    document=doc(
                        allow(["iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRole",
                               "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy",
                               "iam:DetachRolePolicy", "iam:GetRole", "iam:ListRolePolicies",
                               "iam:PutRolePolicy", "iam:PutRolePermissionsBoundary",
                               "iam:ListAttachedRolePolicies"],
                              "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*",
                              sid="IAMRoleProvisioningActions"),
                        allow(["iam:CreateSAMLProvider", "iam:GetSAMLProvider",
                               "iam:UpdateSAMLProvider", "iam:DeleteSAMLProvider"],
                              "arn:aws:iam::*:saml-provider/AWSSSO_*", sid="IAMSLRCleanupActions"),
                        allow(["organizations:DescribeAccount", "organizations:DescribeOrganization",
                               "organizations:ListDelegatedAdministrators"]))),
        aws_managed("AmazonEKSServiceRolePolicy", path=slr, created="2020-02-21",
                    updated="2024-03-20", version="v9",
                    document=doc(allow(["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                                        "ec2:DetachNetworkInterface",
                                        "ec2:ModifyNetworkInterfaceAttribute", "ec2:Describe*",
                                        "iam:GetRole", "iam:ListAttachedRolePolicies",
                                        "route53:AssociateVPCWithHostedZone", "logs:CreateLogGroup",
                                        "logs:PutRetentionPolicy"]))),
        aws_managed("AmazonGuardDutyServiceRolePolicy", path=slr, created="2017-11-28",
                    updated="2026-01-14", version="v19",
                    document=doc(allow(["ec2:Describe*", "ec2:GetEbsEncryptionByDefault",
                                        "eks:ListClusters", "eks:DescribeCluster",
                                        "lambda:GetFunctionConfiguration", "lambda:ListFunctions",
                                        "organizations:DescribeAccount",
                                        "organizations:DescribeOrganization",
                                        "organizations:ListAccounts", "s3:GetBucketPublicAccessBlock",
                                        "s3:ListAllMyBuckets"]))),
    ]


# --------------------------------------------------------------------------
# Customer managed policies
# --------------------------------------------------------------------------


def customer_managed_policies(now):
    ecs_deploy = ["ecs:DescribeServices", "ecs:DescribeTaskDefinition",
                  "ecs:RegisterTaskDefinition", "ecs:UpdateService"]
    ecr_push = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:PutImage"]
    artifacts = "arn:aws:s3:::acme-prod-artifacts"
    lake = ["arn:aws:s3:::acme-data-lake-raw", "arn:aws:s3:::acme-data-lake-curated"]
    lake_key = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/4d1f0a2b-8c3e-4f5a-9b6c-7d8e9f0a1b2c"

    deploy_versions = [
        ("v1", "2023-02-14", doc(
            allow(ecs_deploy, sid="EcsDeploy"),
            allow(["s3:GetObject", "s3:PutObject"], f"{artifacts}/*", sid="Artifacts"))),
        ("v2", "2023-09-02", doc(
            allow(ecs_deploy, sid="EcsDeploy"),
            allow(["s3:GetObject", "s3:PutObject"], f"{artifacts}/*", sid="Artifacts"),
            allow("cloudfront:CreateInvalidation",
                  f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QX8K4M7N1P3R", sid="CdnInvalidate"))),
        ("v3", "2024-06-18", doc(
            allow(ecs_deploy, sid="EcsDeploy"),
            allow(["s3:GetObject", "s3:PutObject"], f"{artifacts}/*", sid="Artifacts"),
            allow("cloudfront:CreateInvalidation",
                  f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QX8K4M7N1P3R", sid="CdnInvalidate"),
            allow(["lambda:UpdateFunctionCode", "lambda:PublishVersion", "lambda:UpdateAlias"],
                  f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:storefront-*", sid="LambdaDeploy"))),
    ]
    if now:
        # DRIFT: v4 was created on 2026-11-04 and made the default. It widens
        # Lambda deploys to every function and adds iam:PassRole on /app/ roles.
        deploy_versions.append(("v4", "2026-11-04", doc(
            allow(ecs_deploy + ["ecs:RunTask"], sid="EcsDeploy"),
            allow(["s3:GetObject", "s3:PutObject"], f"{artifacts}/*", sid="Artifacts"),
            allow("cloudfront:CreateInvalidation",
                  f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QX8K4M7N1P3R", sid="CdnInvalidate"),
            allow(["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                   "lambda:PublishVersion", "lambda:UpdateAlias"],
                  f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:*", sid="LambdaDeploy"),
            allow("iam:PassRole", role_arn("*", "/app/"), sid="PassAppRoles"))))

    return [
        managed_policy("acme-deploy-permissions", versions=deploy_versions,
                       default="v4" if now else "v3"),
        # v3 (a wider bucket pattern) was drafted but never made the default.
        managed_policy("acme-s3-data-lake-read", default="v2", versions=[
            ("v1", "2022-05-10", doc(
                allow(["s3:ListBucket", "s3:GetBucketLocation"], lake),
                allow("s3:GetObject", [b + "/*" for b in lake]))),
            ("v2", "2023-01-19", doc(
                allow(["s3:ListBucket", "s3:GetBucketLocation"], lake),
                allow("s3:GetObject", [b + "/*" for b in lake]),
                allow("kms:Decrypt", lake_key, sid="LakeKey"))),
            ("v3", "2025-07-02", doc(
                allow(["s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject"],
                      ["arn:aws:s3:::acme-data-lake-*", "arn:aws:s3:::acme-data-lake-*/*"]),
                allow("kms:Decrypt", lake_key, sid="LakeKey"))),
        ]),
        managed_policy("acme-developer-boundary", path="/boundaries/", default="v2", versions=[
            ("v1", "2021-09-13", doc(
                allow(["s3:*", "dynamodb:*", "lambda:*", "logs:*", "cloudwatch:*", "sqs:*",
                       "sns:*", "ecr:*", "ecs:*", "xray:*", "ec2:Describe*",
                       "sts:GetCallerIdentity"], sid="ServicesDevelopersUse"),
                deny(["iam:*", "organizations:*", "account:*"], sid="NoIdentityAdmin"))),
            ("v2", "2024-03-05", doc(
                allow(["s3:*", "dynamodb:*", "lambda:*", "logs:*", "cloudwatch:*", "sqs:*",
                       "sns:*", "ecr:*", "ecs:*", "xray:*", "states:*", "ec2:Describe*",
                       "ssm:GetParameter*", "kms:Decrypt", "sts:GetCallerIdentity"],
                      sid="ServicesDevelopersUse"),
                allow("iam:PassRole", role_arn("*-dev-*", "/app/"), sid="PassDevRolesOnly"),
                allow("sts:AssumeRole", [role_arn("*-dev-*", "/app/"), role_arn("ci-runner", "/ci/")],
                      sid="AssumeDevAndCiRoles"),
                deny(["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateRole",
                      "iam:AttachRolePolicy", "iam:PutRolePolicy",
                      "iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary",
                      "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary",
                      "organizations:*", "account:*"], sid="NoIdentityAdmin"),
                deny(["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
                      "iam:SetDefaultPolicyVersion"],
                     acme_policy_arn("acme-developer-boundary", "/boundaries/"),
                     sid="BoundaryIsImmutable"))),
        ]),
        managed_policy("acme-assume-deploy-roles", default="v2", versions=[
            ("v1", "2022-02-09", doc(allow("sts:AssumeRole", role_arn("*", "/ci/")))),
            ("v2", "2022-11-21", doc(allow(["sts:AssumeRole", "sts:TagSession"],
                                           role_arn("deploy-orchestrator", "/ci/"),
                                           sid="NextHopOnly"))),
        ]),
        managed_policy("acme-break-glass", versions=[
            ("v1", "2019-02-01", doc(allow("*", "*", sid="EmergencyFullAccess",
                                           condition=MFA_PRESENT))),
        ], default="v1"),
        # iam:PassRole on "*": whoever has this can hand any role to ECS.
        managed_policy("acme-ecs-deploy-passrole", default="v1", versions=[
            ("v1", "2021-06-30", doc(
                allow(["ecs:RunTask", "ecs:StartTask", "ecs:RegisterTaskDefinition",
                       "ecs:DescribeTasks"], sid="RunTasks"),
                allow("iam:PassRole", "*", sid="PassAnyRole"))),
        ]),
        # NotAction: everything except identity/organization administration.
        managed_policy("acme-platform-engineer", default="v2", versions=[
            ("v1", "2020-04-02", doc(allow(None, "*", not_action=["iam:*", "organizations:*"]))),
            ("v2", "2022-10-11", doc(
                allow(None, "*", not_action=["iam:*", "organizations:*", "account:*"],
                      sid="EverythingButIdentity"),
                allow(["iam:Get*", "iam:List*", "iam:PassRole"], sid="ReadIdentity"))),
        ]),
        # Privilege escalation: can rewrite or attach any policy to any role.
        managed_policy("acme-iam-automation", default="v1", versions=[
            ("v1", "2023-08-21", doc(allow([
                "iam:AttachRolePolicy", "iam:CreatePolicyVersion", "iam:CreateRole",
                "iam:DetachRolePolicy", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:GetRole",
                "iam:PutRolePolicy", "iam:SetDefaultPolicyVersion", "iam:TagRole",
                "iam:UpdateAssumeRolePolicy"], sid="ApplyAccessRequests"))),
        ]),
        # Old versions were pruned (IAM keeps at most five), so ids start at v3.
        managed_policy("acme-ci-permissions", default="v5", versions=[
            ("v3", "2024-01-22", doc(
                allow(ecr_push, sid="PushImages"),
                allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                      [artifacts, f"{artifacts}/*"], sid="Artifacts"))),
            ("v4", "2024-08-07", doc(
                allow(ecr_push, sid="PushImages"),
                allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                      [artifacts, f"{artifacts}/*"], sid="Artifacts"),
                allow(["codeartifact:GetAuthorizationToken", "codeartifact:ReadFromRepository",
                       "sts:GetServiceBearerToken"], sid="Packages"))),
            ("v5", "2025-03-12", doc(
                allow(ecr_push, sid="PushImages"),
                allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                      [artifacts, f"{artifacts}/*"], sid="Artifacts"),
                allow(["codeartifact:GetAuthorizationToken", "codeartifact:ReadFromRepository",
                       "sts:GetServiceBearerToken"], sid="Packages"),
                allow("secretsmanager:GetSecretValue",
                      f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:ci/*", sid="CiSecrets"))),
        ]),
        managed_policy("acme-kms-app-decrypt", default="v1", versions=[
            ("v1", "2021-02-18", doc(allow(["kms:Decrypt", "kms:GenerateDataKey"], [
                f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/0b7c2e4a-1d3f-4a5b-8c6d-9e0f1a2b3c4d",
                f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/6e5d4c3b-2a19-4f08-b7a6-5c4d3e2f1a09"]))),
        ]),
        managed_policy("acme-secrets-read-app", default="v2", versions=[
            ("v1", "2020-01-20", doc(allow("secretsmanager:GetSecretValue", "*"))),
            ("v2", "2021-02-18", doc(allow(["secretsmanager:GetSecretValue",
                                            "secretsmanager:DescribeSecret"],
                                           f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:app/*"))),
        ]),
        # Second NotAction example: deny everything but MFA self-service without MFA.
        managed_policy("acme-require-mfa", default="v1", versions=[
            ("v1", "2019-03-04", doc(deny(None, "*", sid="DenyAllExceptMfaSetupWithoutMfa",
                                          not_action=["iam:ChangePassword", "iam:CreateVirtualMFADevice",
                                                      "iam:EnableMFADevice", "iam:GetUser",
                                                      "iam:ListMFADevices", "iam:ListVirtualMFADevices",
                                                      "iam:ResyncMFADevice", "sts:GetSessionToken"],
                                          condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))),
        ]),
        managed_policy("acme-terraform-state", default="v1", versions=[
            ("v1", "2021-05-06", doc(
                allow(["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                      [f"arn:aws:s3:::acme-terraform-state-{ACCOUNT}",
                       f"arn:aws:s3:::acme-terraform-state-{ACCOUNT}/*"], sid="State"),
                allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
                      f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/terraform-locks", sid="Locks"))),
        ]),
        # Attached to nothing: left over from the Jenkins era.
        managed_policy("acme-legacy-ec2-ops", default="v1", versions=[
            ("v1", "2019-06-20", doc(allow(["ec2:StartInstances", "ec2:StopInstances",
                                            "ec2:RebootInstances", "ec2:Describe*"]))),
        ]),
        # What the Lambda console creates next to a new execution role.
        managed_policy("AWSLambdaBasicExecutionRole-3b8e1f52-6a4d-4c09-b7e2-9d0f1a2c3e4b",
                       path="/service-role/", default="v1", versions=[
            ("v1", "2024-02-27", doc(
                allow("logs:CreateLogGroup", f"arn:aws:logs:us-east-1:{ACCOUNT}:*"),
                allow(["logs:CreateLogStream", "logs:PutLogEvents"],
                      [f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/lambda/cost-report:*"]))),
        ]),
    ]


# Register every policy name (both snapshots) so roles can refer to them by name.
for _p in aws_managed_policies() + customer_managed_policies(now=True):
    POLICY_ARNS[_p["PolicyName"]] = _p["Arn"]


# --------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------

# Service-linked roles: (service, suffix, policy, created, description, last used).
SERVICE_LINKED = [
    ("autoscaling.amazonaws.com", "AutoScaling", "AutoScalingServiceRolePolicy", "2019-04-02",
     "Default Service-Linked Role enables access to AWS Services and Resources used or managed by Auto Scaling",
     ("2026-11-19", "eu-west-1")),
    ("ecs.amazonaws.com", "ECS", "AmazonECSServiceRolePolicy", "2020-01-15",
     "Role to enable Amazon ECS to manage your cluster.", ("2026-11-19", "eu-west-1")),
    ("elasticloadbalancing.amazonaws.com", "ElasticLoadBalancing",
     "AWSElasticLoadBalancingServiceRolePolicy", "2019-04-02",
     "Allows ELB to call AWS services on your behalf.", ("2026-11-19", "eu-west-1")),
    ("rds.amazonaws.com", "RDS", "AmazonRDSServiceRolePolicy", "2019-06-11",
     "Allows Amazon RDS to manage AWS resources on your behalf", ("2026-11-18", "eu-west-1")),
    ("support.amazonaws.com", "Support", "AWSSupportServiceRolePolicy", "2019-01-22",
     "Enables resource access for AWS to provide billing, administrative and support services",
     ("2026-11-17", "us-east-1")),
    ("trustedadvisor.amazonaws.com", "TrustedAdvisor", "AWSTrustedAdvisorServiceRolePolicy",
     "2019-01-22", "Access for the AWS Trusted Advisor Service to help reduce cost, increase "
     "performance, and improve security of your AWS environment.", ("2026-11-19", "us-east-1")),
    ("organizations.amazonaws.com", "Organizations", "AWSOrganizationsServiceTrustPolicy",
     "2019-01-22", "Service-linked role used by AWS Organizations to enable integration of "
     "other AWS services with Organizations.", ("2026-10-02", "us-east-1")),
    ("sso.amazonaws.com", "SSO", "AWSSSOServiceRolePolicy", "2021-05-20",
     "Service-linked role used by AWS SSO to manage AWS resources, including IAM roles, "
     "policies and SAML IdP on your behalf.", ("2026-11-14", "us-east-1")),
    ("eks.amazonaws.com", "AmazonEKS", "AmazonEKSServiceRolePolicy", "2022-09-07",
     "Allows Amazon EKS to call AWS services on your behalf.", ("2026-11-19", "eu-west-1")),
    ("guardduty.amazonaws.com", "AmazonGuardDuty", "AmazonGuardDutyServiceRolePolicy",
     "2021-02-10", "A service-linked role required for Amazon GuardDuty to access your resources.",
     ("2026-11-19", "eu-west-1")),
]

# IAM Identity Center permission sets: (name, suffix, policy, created, max session, last used).
SSO_PERMISSION_SETS = [
    ("AdministratorAccess", "0a1b2c3d4e5f6789", "AdministratorAccess", "2021-05-20", 14400,
     ("2026-11-18", "eu-west-1")),
    ("ReadOnly", "7d3e9f1a2b4c6d80", "ReadOnlyAccess", "2021-05-20", 43200,
     ("2026-11-19", "eu-west-1")),
    ("PowerUser", "3c5a7e9b1d2f4a68", "PowerUserAccess", "2021-06-02", 43200,
     ("2026-11-19", "eu-west-1")),
    ("Billing", "5e8f0a2c4b6d1e37", "Billing", "2021-06-02", 7200,
     ("2026-11-03", "us-east-1")),
]


def service_linked_roles():
    return [role(f"AWSServiceRoleFor{suffix}", path=f"/aws-service-role/{service}/",
                 trust=trust_service(service), created=created, description=description,
                 managed=[policy], last_used=last_used)
            for service, suffix, policy, created, description, last_used in SERVICE_LINKED]


def sso_roles():
    roles = []
    for pset, suffix, policy, created, max_session, last_used in SSO_PERMISSION_SETS:
        inline = None
        if pset == "PowerUser":
            # Permission sets with an inline policy materialize as AwsSSOInlinePolicy.
            inline = {"AwsSSOInlinePolicy": doc(
                allow(["iam:Get*", "iam:List*"], sid="ReadIdentity"),
                allow("iam:PassRole", role_arn("*", "/app/"), sid="PassAppRoles"))}
        roles.append(role(f"AWSReservedSSO_{pset}_{suffix}",
                          path="/aws-reserved/sso.amazonaws.com/", trust=trust_sso(),
                          created=created, max_session=max_session, managed=[policy],
                          inline=inline, last_used=last_used))
    return roles


def compute_roles(now):
    """EC2, Lambda, ECS, Glue, Step Functions, CodeBuild, RDS, EKS, backup."""
    ecs_trust = trust_service("ecs-tasks.amazonaws.com", condition={
        "ArnLike": {"aws:SourceArn": f"arn:aws:ecs:eu-west-1:{ACCOUNT}:*"},
        "StringEquals": {"aws:SourceAccount": ACCOUNT}})
    lambda_trust = trust_service("lambda.amazonaws.com")
    ec2_trust = trust_service("ec2.amazonaws.com")

    # DRIFT: batch-s3-access was widened from one bucket to every acme-* bucket.
    batch_buckets = (["arn:aws:s3:::acme-*", "arn:aws:s3:::acme-*/*"] if now else
                     ["arn:aws:s3:::acme-prod-batch-input", "arn:aws:s3:::acme-prod-batch-input/*"])

    return [
        # --- EC2 (with instance profiles) ---
        role("ec2-storefront-web", path="/app/", trust=ec2_trust, created="2021-03-08",
             description="Storefront web tier (nginx + node) on the web Auto Scaling group",
             managed=["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy",
                      "acme-secrets-read-app"],
             inline={"storefront-assets": doc(allow(["s3:GetObject", "s3:PutObject"],
                                                    "arn:aws:s3:::acme-prod-storefront-assets/*"))},
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1"),
             instance_profile=True),
        role("ec2-batch-worker", path="/app/", trust=ec2_trust, created="2020-07-22",
             description="Nightly batch workers (order reconciliation, exports)",
             managed=["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"],
             inline={
                 "batch-s3-access": doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                                              batch_buckets)),
                 "batch-sqs": doc(allow(["sqs:ReceiveMessage", "sqs:DeleteMessage",
                                         "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
                                        f"arn:aws:sqs:eu-west-1:{ACCOUNT}:batch-jobs"))},
             tags=tags("data"), last_used=("2026-11-19", "eu-west-1"), instance_profile=True),
        role("ec2-bastion", trust=ec2_trust, created="2019-05-14",
             description="SSM-only bastion used for database maintenance",
             managed=["AmazonSSMManagedInstanceCore"],
             inline={"bastion-describe": doc(allow(["ec2:DescribeInstances", "rds:DescribeDBInstances"]))},
             tags=tags("sre", owner="sre-team@acme.example"),
             last_used=("2026-11-12", "eu-west-1"), instance_profile=True),
        role("legacy-jenkins-admin", trust=ec2_trust, created="2019-02-11",
             description="Old Jenkins master - decommission pending (see PLAT-412)",
             inline={"jenkins-full-access": doc(allow("*", "*"))},
             tags=tags("platform", managed_by="manual"),
             last_used=("2025-08-14", "us-east-1"), instance_profile=True),
        role("eks-prod-node-group", trust=ec2_trust, created="2022-09-07",
             description="Worker nodes of the prod-eu EKS cluster",
             managed=["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
                      "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"],
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1"),
             instance_profile=True),

        # --- Lambda execution roles ---
        role("orders-processor-lambda", path="/app/", trust=lambda_trust, created="2021-11-03",
             description="Consumes order events and updates the orders table",
             managed=["AWSLambdaBasicExecutionRole", "AWSXRayDaemonWriteAccess",
                      "acme-kms-app-decrypt"],
             inline={"orders-table-access": doc(
                 allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:Query"],
                       [f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/orders",
                        f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/orders/index/*"]),
                 allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                       f"arn:aws:sqs:eu-west-1:{ACCOUNT}:orders-events"))},
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),
        role("thumbnail-generator-lambda", path="/app/", trust=lambda_trust, created="2022-04-19",
             description="Creates product image thumbnails on upload",
             managed=["AWSLambdaBasicExecutionRole"],
             inline={"image-buckets": doc(
                 allow("s3:GetObject", "arn:aws:s3:::acme-prod-uploads/*"),
                 allow("s3:PutObject", "arn:aws:s3:::acme-prod-thumbnails/*"))},
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),
        role("slack-alerts-notifier", path="/app/", trust=lambda_trust, created="2023-05-30",
             description="Forwards CloudWatch alarms to Slack",
             managed=["AWSLambdaBasicExecutionRole"],
             inline={"slack-webhook-secret": doc(allow(
                 "secretsmanager:GetSecretValue",
                 f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:ops/slack-webhook-*"))},
             tags=tags("sre"), last_used=("2026-11-18", "eu-west-1")),
        # Created in the Lambda console: /service-role/ path, random suffix, no tags.
        role("cost-report-lambda-role-8k2jd0qa", path="/service-role/", trust=lambda_trust,
             created="2024-02-27",
             managed=["AWSLambdaBasicExecutionRole-3b8e1f52-6a4d-4c09-b7e2-9d0f1a2c3e4b"],
             inline={"cost-explorer-read": doc(allow(["ce:GetCostAndUsage", "ce:GetCostForecast"]))},
             last_used=("2026-11-01", "us-east-1")),
        role("iam-automation-lambda", path="/ops/", trust=lambda_trust, created="2023-08-21",
             description="Applies approved IAM change requests from the access-request workflow",
             managed=["AWSLambdaBasicExecutionRole", "acme-iam-automation"],
             tags=tags("security"), last_used=("2026-11-16", "eu-west-1")),
        role("log-shipper-lambda", path="/app/", trust=lambda_trust, created="2020-10-05",
             description="Ships CloudWatch Logs subscriptions to OpenSearch",
             managed=["AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole"],
             inline={"ship-to-opensearch": doc(allow(["es:ESHttpPost", "es:ESHttpPut"],
                                                     f"arn:aws:es:eu-west-1:{ACCOUNT}:domain/logs-prod/*"))},
             tags=tags("sre"), last_used=("2026-11-19", "eu-west-1")),

        # --- ECS task roles and task execution roles ---
        role("ecsTaskExecutionRole", trust=trust_service("ecs-tasks.amazonaws.com"),
             created="2020-01-15", managed=["AmazonECSTaskExecutionRolePolicy",
                                            "acme-secrets-read-app"],
             last_used=("2026-11-19", "eu-west-1")),
        role("storefront-api-task", path="/app/", trust=ecs_trust, created="2021-02-18",
             description="Task role of the storefront-api ECS service",
             managed=["acme-kms-app-decrypt"],
             inline={"storefront-api-data": doc(
                 allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                        "dynamodb:UpdateItem"],
                       f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/carts"),
                 allow("s3:GetObject", "arn:aws:s3:::acme-prod-storefront-assets/*"),
                 allow("sqs:SendMessage", f"arn:aws:sqs:eu-west-1:{ACCOUNT}:orders-events"))},
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),
        role("storefront-api-task-execution", path="/app/", trust=ecs_trust, created="2021-02-18",
             description="Task execution role of the storefront-api ECS service",
             managed=["AmazonECSTaskExecutionRolePolicy", "acme-secrets-read-app"],
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),
        role("payments-worker-task", path="/app/", trust=ecs_trust, created="2021-08-09",
             description="Task role of the payments-worker ECS service",
             managed=["acme-kms-app-decrypt", "acme-secrets-read-app"],
             inline={"payments-queue": doc(allow(
                 ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage"],
                 [f"arn:aws:sqs:eu-west-1:{ACCOUNT}:payments-capture",
                  f"arn:aws:sqs:eu-west-1:{ACCOUNT}:payments-capture-dlq"]))},
             tags=tags("payments"), last_used=("2026-11-19", "eu-west-1")),
        role("checkout-web-task", path="/app/", trust=ecs_trust, created="2022-01-26",
             description="Task role of the checkout-web ECS service",
             inline={"checkout-config": doc(allow(["ssm:GetParameter", "ssm:GetParametersByPath"],
                                                  f"arn:aws:ssm:eu-west-1:{ACCOUNT}:parameter/checkout/*"))},
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),

        # --- Data, orchestration, build, database ---
        role("AWSGlueServiceRole-datalake", path="/service-role/",
             trust=trust_service("glue.amazonaws.com"), created="2022-05-10",
             description="Glue crawlers and ETL jobs of the data lake",
             managed=["AWSGlueServiceRole", "acme-s3-data-lake-read"],
             inline={"curated-zone-write": doc(allow(["s3:PutObject", "s3:DeleteObject"],
                                                     "arn:aws:s3:::acme-data-lake-curated/*"))},
             tags=tags("data"), last_used=("2026-11-19", "eu-west-1")),
        role("order-fulfillment-sfn", path="/app/",
             trust=trust_service("states.amazonaws.com", condition=source_account()),
             created="2022-03-15", description="Step Functions state machine for order fulfillment",
             inline={"invoke-fulfillment-steps": doc(
                 allow("lambda:InvokeFunction",
                       f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:orders-*"),
                 allow("sns:Publish", f"arn:aws:sns:eu-west-1:{ACCOUNT}:order-status"),
                 allow(["xray:PutTraceSegments", "xray:GetSamplingRules"]))},
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),
        role("codebuild-storefront-service-role", path="/service-role/",
             trust=trust_service("codebuild.amazonaws.com"), created="2021-06-30",
             description="CodeBuild project storefront-image-build",
             managed=["acme-ecs-deploy-passrole"],
             inline={"CodeBuildBasePolicy-storefront-eu-west-1": doc(
                 allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                       [f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/aws/codebuild/storefront-image-build",
                        f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:/aws/codebuild/storefront-image-build:*"]),
                 allow(["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
                       "arn:aws:s3:::acme-prod-artifacts/*"),
                 allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                        "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                        "ecr:CompleteLayerUpload", "ecr:PutImage"]))},
             tags=tags("storefront"), last_used=("2026-11-18", "eu-west-1")),
        role("rds-monitoring-role", trust=trust_service("monitoring.rds.amazonaws.com"),
             created="2019-06-11", description="RDS enhanced monitoring",
             managed=["AmazonRDSEnhancedMonitoringRole"], tags=tags("sre"),
             last_used=("2026-11-19", "eu-west-1")),
        # One role, three services in its trust.
        role("data-pipeline-runner", path="/app/",
             trust=trust_service("glue.amazonaws.com", "lambda.amazonaws.com",
                                 "states.amazonaws.com"),
             created="2023-03-27", description="Shared role for the nightly data pipeline steps",
             managed=["acme-s3-data-lake-read", "AWSLambdaBasicExecutionRole"],
             inline={"pipeline-control": doc(
                 allow(["glue:StartJobRun", "glue:GetJobRun", "lambda:InvokeFunction"]),
                 allow("s3:PutObject", "arn:aws:s3:::acme-data-lake-curated/*"))},
             tags=tags("data"), last_used=("2026-11-19", "eu-west-1")),
        role("AWSBackupDefaultServiceRole", path="/service-role/",
             trust=trust_service("backup.amazonaws.com"), created="2020-11-23",
             description="Provides AWS Backup permission to create backups and perform restores on your behalf across AWS services.",
             managed=["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"],
             last_used=("2026-11-19", "eu-west-1")),

        # --- EKS ---
        role("eks-prod-cluster", trust=trust_service("eks.amazonaws.com"), created="2022-09-07",
             description="Control plane role of the prod-eu EKS cluster",
             managed=["AmazonEKSClusterPolicy"], tags=tags("platform"),
             last_used=("2026-11-19", "eu-west-1")),
        role("eks-payments-api-irsa", path="/app/", trust=trust_irsa("payments", "payments-api"),
             created="2023-01-30", description="IRSA role of the payments-api service account",
             managed=["acme-kms-app-decrypt", "acme-secrets-read-app"],
             inline={"payments-ledger": doc(allow(
                 ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                  "dynamodb:TransactWriteItems"],
                 f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/payments-ledger"))},
             tags=tags("payments"), last_used=("2026-11-19", "eu-west-1")),
        role("eks-external-dns-irsa", path="/platform/",
             trust=trust_irsa("kube-system", "external-dns"), created="2022-09-14",
             description="IRSA role of external-dns",
             inline={"route53-records": doc(
                 allow("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/Z0A1B2C3D4E5F6G7H8I9J"),
                 allow(["route53:ListHostedZones", "route53:ListResourceRecordSets"]))},
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1")),
        # No sub condition: every service account of the cluster can assume it.
        role("eks-cluster-autoscaler-irsa", path="/platform/", trust=trust_irsa(),
             created="2022-09-14", description="IRSA role of cluster-autoscaler",
             # DRIFT: AmazonEC2FullAccess was detached since (the inline policy covers it).
             managed=[] if now else ["AmazonEC2FullAccess"],
             inline={"cluster-autoscaler": doc(
                 allow(["autoscaling:DescribeAutoScalingGroups",
                        "autoscaling:DescribeAutoScalingInstances",
                        "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeTags",
                        "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeInstanceTypes"]),
                 allow(["autoscaling:SetDesiredCapacity",
                        "autoscaling:TerminateInstanceInAutoScalingGroup"], condition={
                     "StringEquals": {"aws:ResourceTag/k8s.io/cluster-autoscaler/prod-eu": "owned"}}))},
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1")),
    ]


def ci_and_federated_roles(now):
    """GitHub Actions, Cognito, the CI chain, Terraform, developer sandboxes."""
    ci_runner = role_arn("ci-runner", "/ci/")
    orchestrator = role_arn("deploy-orchestrator", "/ci/")
    prod_deployer = role_arn("prod-deployer", "/ci/")
    svc_terraform = user_arn("svc-terraform", "/machine/")

    def dev_sandbox(team, created, boundary=True, last_used=None):
        return role(f"{team}-dev-sandbox", path="/app/", trust=trust_aws(root()),
                    created=created, max_session=14400,
                    description=f"{team.capitalize()} developers' sandbox role",
                    managed=["PowerUserAccess"],
                    boundary="acme-developer-boundary" if boundary else None,
                    tags=tags(team, env="development"), last_used=last_used)

    return [
        # --- GitHub Actions (OIDC) ---
        role("github-actions-storefront-deploy", path="/ci/",
             trust=trust_github("repo:acme-corp/storefront:ref:refs/heads/main"),
             created="2023-04-11", description="Deploys storefront from main",
             # DRIFT: acme-ecs-deploy-passrole was attached since.
             managed=["acme-deploy-permissions"] + (["acme-ecs-deploy-passrole"] if now else []),
             tags=tags("storefront"), last_used=("2026-11-19", "eu-west-1")),
        role("github-actions-payments-deploy", path="/ci/",
             trust=trust_github("repo:acme-corp/payments:environment:production"),
             created="2023-06-20", description="Deploys payments from the production environment",
             managed=["acme-deploy-permissions"], tags=tags("payments"),
             last_used=("2026-11-18", "eu-west-1")),
        # DRIFT: the subject was widened from the infrastructure repo to the whole org.
        role("github-actions-infra-readonly", path="/ci/",
             trust=trust_github("repo:acme-corp/*" if now else "repo:acme-corp/infrastructure:*",
                                like=True),
             created="2023-09-05", description="terraform plan from pull requests",
             managed=["ReadOnlyAccess", "acme-terraform-state"], tags=tags("platform"),
             last_used=("2026-11-19", "eu-west-1")),
        # Only aud is checked: any GitHub repository in the world can assume it.
        role("github-actions-ecr-push", path="/ci/", trust=trust_github(None),
             created="2022-06-08", description="Pushes images to ECR (legacy workflow)",
             inline={"ecr-push": doc(allow(
                 ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                  "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                  "ecr:PutImage"]))},
             tags=tags("platform", managed_by="manual"), last_used=("2026-04-02", "eu-west-1")),

        # --- Cognito identity pool ---
        role("Cognito_StorefrontUnauth_Role", trust=trust_cognito("unauthenticated"),
             created="2021-03-22", description="Guest (unauthenticated) storefront visitors",
             inline={"oneClick_Cognito_StorefrontUnauth_Role_1616425200000": doc(allow(
                 ["mobiletargeting:PutEvents", "mobiletargeting:UpdateEndpoint",
                  "cognito-sync:*"]))},
             last_used=("2026-11-19", "eu-west-1")),
        role("Cognito_StorefrontAuth_Role", trust=trust_cognito("authenticated"),
             created="2021-03-22", description="Signed-in storefront customers",
             inline={"oneClick_Cognito_StorefrontAuth_Role_1616425200000": doc(
                 allow(["mobiletargeting:PutEvents", "mobiletargeting:UpdateEndpoint",
                        "cognito-sync:*", "cognito-identity:*"]),
                 allow(["s3:GetObject", "s3:PutObject"],
                       "arn:aws:s3:::acme-prod-user-content/${cognito-identity.amazonaws.com:sub}/*"))},
             last_used=("2026-11-19", "eu-west-1")),

        # --- The CI chain: Developers group -> ci-runner -> deploy-orchestrator -> prod-deployer ---
        role("ci-runner", path="/ci/", trust=doc(
                 assume({"Service": "ec2.amazonaws.com"}, sid="BuildAgents"),
                 assume({"AWS": root()}, sid="EngineersViaIdentityPolicies")),
             created="2022-02-09", max_session=7200,
             description="Self-hosted CI build agents; engineers may assume it to debug builds",
             managed=["AmazonSSMManagedInstanceCore", "acme-ci-permissions",
                      "acme-assume-deploy-roles"],
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1"),
             instance_profile=True),
        role("deploy-orchestrator", path="/ci/", trust=trust_aws(ci_runner),
             created="2022-02-09", description="Coordinates production rollouts",
             inline={"assume-prod-deployer": doc(allow(["sts:AssumeRole", "sts:TagSession"],
                                                       prod_deployer)),
                     "rollout-state": doc(allow(["dynamodb:GetItem", "dynamodb:PutItem",
                                                 "dynamodb:UpdateItem"],
                                                f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/rollouts"))},
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1")),
        role("prod-deployer", path="/ci/", trust=trust_aws(orchestrator), created="2022-02-09",
             description="Performs production deployments",
             managed=["acme-deploy-permissions", "acme-ecs-deploy-passrole"],
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1")),

        # --- Terraform (assumed by the svc-terraform machine user) ---
        role("terraform-plan", path="/ci/", trust=trust_aws(svc_terraform), created="2021-05-06",
             description="Read-only role for terraform plan",
             managed=["ReadOnlyAccess", "acme-terraform-state"],
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1")),
        role("terraform-apply", path="/ci/", trust=trust_aws(svc_terraform), created="2021-05-06",
             max_session=7200, description="Applies terraform changes to production",
             managed=["AdministratorAccess", "acme-terraform-state"],
             tags=tags("platform"), last_used=("2026-11-18", "eu-west-1")),

        # --- Developer sandboxes (Developers may assume role/app/*-dev-*) ---
        dev_sandbox("storefront", "2021-09-13", last_used=("2026-11-19", "eu-west-1")),
        dev_sandbox("payments", "2021-09-13", last_used=("2026-11-17", "eu-west-1")),
        # DRIFT: search-dev-sandbox had no permissions boundary 30 days ago.
        dev_sandbox("search", "2025-10-08", boundary=now),
    ]


def cross_account_roles(now):
    """Vendors, other accounts of the organization, wildcards and oddities."""
    # DRIFT: the cost vendor's EU tenant account was added to the trust.
    cost_vendor_accounts = [root(COST_VENDOR)] + ([root(COST_VENDOR_EU)] if now else [])
    # DRIFT: the former audit firm's account was removed from the trust.
    auditors = ([role_arn("SecurityAuditor", account=SECURITY)] +
                ([] if now else [root(FORMER_AUDITOR)]))
    # DRIFT: {"AWS": "*"} + aws:PrincipalOrgID replaced a list of two accounts.
    if now:
        org_trust = trust_aws("*", condition={"StringEquals": {"aws:PrincipalOrgID": ORG_ID}})
    else:
        org_trust = trust_aws(root(STAGING), root(SECURITY))

    return [
        # --- Vendors ---
        role("DatadogIntegrationRole", trust=trust_aws(root(MONITORING_VENDOR), condition={
                 # DRIFT: the external id was rotated.
                 "StringEquals": {"sts:ExternalId": EXTERNAL_ID_NOW if now else EXTERNAL_ID_THEN}}),
             created="2020-05-19", description="Monitoring SaaS integration (metrics, tags, logs)",
             managed=["SecurityAudit"],
             inline={"datadog-integration": doc(allow([
                 "apigateway:GET", "autoscaling:Describe*", "cloudfront:GetDistributionConfig",
                 "cloudfront:ListDistributions", "cloudwatch:Describe*", "cloudwatch:Get*",
                 "cloudwatch:List*", "dynamodb:Describe*", "dynamodb:List*", "ec2:Describe*",
                 "ecs:Describe*", "ecs:List*", "elasticloadbalancing:Describe*",
                 "lambda:List*", "logs:DescribeLogGroups", "logs:FilterLogEvents",
                 "rds:Describe*", "s3:GetBucketTagging", "sqs:ListQueues", "tag:GetResources"]))},
             tags=tags("sre", managed_by="terraform", Vendor="monitoring-saas"),
             last_used=("2026-11-19", "us-east-1")),
        # No sts:ExternalId: a confused-deputy risk.
        role("cloudcost-vendor-readonly", trust=trust_aws(*cost_vendor_accounts),
             created="2022-11-02", description="Cloud cost optimisation vendor (read-only)",
             inline={"cost-data": doc(
                 allow(["ce:Get*", "ce:Describe*", "cur:DescribeReportDefinitions",
                        "organizations:ListAccounts", "ec2:DescribeInstances",
                        "ec2:DescribeReservedInstances", "savingsplans:Describe*"]),
                 allow(["s3:GetObject", "s3:ListBucket"],
                       ["arn:aws:s3:::acme-prod-cur-reports", "arn:aws:s3:::acme-prod-cur-reports/*"]))},
             tags=tags("finance", managed_by="manual", Vendor="cost-saas"),
             last_used=("2026-11-15", "us-east-1")),
        role("analytics-export", path="/app/", trust=trust_aws(
                 root(WAREHOUSE_VENDOR),
                 condition={"StringEquals": {"sts:ExternalId": WAREHOUSE_EXTERNAL_ID}}),
             created="2026-11-06", description="Data warehouse vendor reads curated exports",
             managed=["acme-s3-data-lake-read"],
             inline={"export-bucket": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                                ["arn:aws:s3:::acme-analytics-exports",
                                                 "arn:aws:s3:::acme-analytics-exports/*"]))},
             tags=tags("data", Vendor="warehouse-saas"),
             last_used=("2026-11-18", "us-east-1")) if now else None,  # DRIFT: added since

        # --- Other accounts of the organization ---
        role("OrganizationAccountAccessRole", trust=trust_aws(root(MANAGEMENT)),
             created="2019-01-22", managed=["AdministratorAccess"],
             last_used=("2026-09-30", "us-east-1")),
        role("security-audit-readonly", trust=trust_aws(*auditors), created="2020-02-03",
             description="Read-only access for the security team's auditor role",
             managed=["SecurityAudit", "ViewOnlyAccess"], max_session=14400,
             tags=tags("security"), last_used=("2026-11-19", "us-east-1")),
        role("security-incident-response", trust=trust_aws(root(SECURITY), condition=MFA_PRESENT),
             created="2021-10-12", max_session=14400,
             description="Security account responders; requires MFA",
             managed=["ReadOnlyAccess"],
             inline={"contain-and-collect": doc(allow([
                 "ec2:CreateSnapshot", "ec2:CreateTags", "ec2:ModifyInstanceAttribute",
                 "ec2:ModifyNetworkInterfaceAttribute", "iam:UpdateAccessKey",
                 "iam:PutUserPolicy", "iam:DeleteLoginProfile", "s3:PutBucketPolicy"]))},
             tags=tags("security")),
        role("staging-engineer-access",
             trust=trust_aws(root(STAGING), condition={
                 "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}),
             created="2022-03-01", max_session=7200,
             description="Staging engineers hop to prod for break-fix (MFA in the last hour)",
             managed=["ReadOnlyAccess", "acme-platform-engineer"],
             tags=tags("platform")),
        role("staging-artifact-reader", trust=trust_aws(role_arn("ci-runner", "/ci/", STAGING)),
             created="2022-03-01", description="Staging CI pulls release artifacts from prod",
             inline={"artifacts-read": doc(
                 allow(["s3:GetObject", "s3:ListBucket"],
                       ["arn:aws:s3:::acme-prod-artifacts", "arn:aws:s3:::acme-prod-artifacts/*"]),
                 allow(["ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                        "ecr:GetDownloadUrlForLayer"]))},
             tags=tags("platform"), last_used=("2026-11-19", "eu-west-1")),
        role("org-shared-artifacts-reader", trust=org_trust, created="2023-11-28",
             description="Any principal of the Acme organization may read shared artifacts",
             inline={"shared-artifacts": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                                   ["arn:aws:s3:::acme-shared-artifacts",
                                                    "arn:aws:s3:::acme-shared-artifacts/*"]))},
             tags=tags("platform"), last_used=("2026-11-16", "eu-west-1")),

        # --- This account's own principals ---
        # Trusts the account root: any principal here whose identity policy allows it.
        role("platform-admin", trust=trust_aws(root()), created="2019-03-04",
             description="Platform administrators; access granted through IAM policies",
             managed=["AdministratorAccess"], tags=tags("platform"),
             last_used=("2026-11-10", "eu-west-1")),
        role("incident-responder", trust=trust_aws(root()), created="2020-09-08",
             max_session=14400, description="On-call incident response (write)",
             managed=["PowerUserAccess"],
             inline={"incident-iam-read": doc(allow(["iam:Get*", "iam:List*",
                                                     "iam:GenerateServiceLastAccessedDetails"]))},
             tags=tags("sre")),
        role("incident-readonly", trust=trust_aws(root()), created="2020-09-08",
             max_session=14400, description="On-call incident investigation (read-only)",
             managed=["ReadOnlyAccess", "CloudWatchReadOnlyAccess"], tags=tags("sre"),
             last_used=("2026-11-09", "eu-west-1")),
        # Trust with an explicit Deny next to the Allow.
        role("finance-reports-reader", trust=doc(
                 assume({"AWS": root()}, sid="AccountPrincipalsWithPolicy"),
                 assume({"AWS": user_arn("frank.li", "/contractors/")}, sid="NoContractors",
                        effect="Deny")),
             created="2023-02-06", description="Finance reporting (monthly close)",
             inline={"finance-reports": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                                  ["arn:aws:s3:::acme-prod-finance-reports",
                                                   "arn:aws:s3:::acme-prod-finance-reports/*"]))},
             tags=tags("finance"), last_used=("2026-11-03", "eu-west-1")),
        # Trust names a deleted principal (shown by its unique id) next to a valid one.
        role("analytics-readonly", trust=trust_aws(user_arn("carol.wu"), DANGLING_ROLE_ID),
             created="2020-06-30", description="Ad-hoc Athena queries over the data lake",
             managed=["acme-s3-data-lake-read"],
             inline={"athena-query": doc(
                 allow(["athena:StartQueryExecution", "athena:GetQueryExecution",
                        "athena:GetQueryResults", "glue:GetTable", "glue:GetDatabase"]),
                 allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::acme-athena-results/*"))},
             tags=tags("data"), last_used=("2026-11-14", "eu-west-1")),
        # Trust names a role of this account that does not exist.
        role("reporting-exporter", path="/app/",
             trust=trust_aws(role_arn("reporting-scheduler", "/app/")), created="2021-07-19",
             description="Exports weekly KPI reports",
             inline={"reports-write": doc(allow("s3:PutObject", "arn:aws:s3:::acme-prod-reports/*"))},
             tags=tags("data"), last_used=("2025-12-03", "eu-west-1")),
        # Self-assuming: re-assumes itself with a session policy per tenant.
        role("tenant-isolation-broker", path="/app/", trust=doc(
                 assume({"Service": "lambda.amazonaws.com"}, sid="Lambda"),
                 assume({"AWS": role_arn("tenant-isolation-broker", "/app/")}, sid="SelfScopeDown",
                        action=["sts:AssumeRole", "sts:TagSession"])),
             created="2025-04-14", description="Scopes tenant requests down with session policies",
             managed=["AWSLambdaBasicExecutionRole"],
             inline={"tenant-data": doc(
                 allow(["sts:AssumeRole", "sts:TagSession"],
                       role_arn("tenant-isolation-broker", "/app/")),
                 allow(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"],
                       f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/tenant-data"))},
             tags=tags("payments"), last_used=("2026-11-19", "eu-west-1")),
        # Anyone at all, narrowed only by source IP.
        role("office-vpn-legacy-access", trust=doc(assume("*", {
                 "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.17/32"]}})),
             created="2019-09-16", description="Old office VPN report access (pre-SSO)",
             inline={"reports-read": doc(allow(["s3:GetObject", "s3:ListBucket"],
                                               ["arn:aws:s3:::acme-prod-reports",
                                                "arn:aws:s3:::acme-prod-reports/*"]))},
             tags=tags("finance", managed_by="manual"), last_used=("2026-03-18", "eu-west-1")),
        # DRIFT: removed since (last used in May).
        None if now else role(
            "legacy-reporting", path="/app/", trust=trust_service("lambda.amazonaws.com"),
            created="2020-02-17", description="Old nightly reporting Lambda (replaced by data-pipeline-runner)",
            managed=["AWSLambdaBasicExecutionRole", "acme-s3-data-lake-read"],
            inline={"reports-write": doc(allow("s3:PutObject", "arn:aws:s3:::acme-prod-reports/*"))},
            tags=tags("data"), last_used=("2026-05-20", "eu-west-1")),
    ]


def build_roles(now):
    roles = (service_linked_roles() + sso_roles() + compute_roles(now) +
             ci_and_federated_roles(now) + cross_account_roles(now))
    return sorted((finish_role(r, now) for r in roles if r), key=lambda r: r["RoleName"])


# --------------------------------------------------------------------------
# Users and groups
# --------------------------------------------------------------------------


def build_groups():
    return [
        group("Admins", created="2019-03-04", managed=["AdministratorAccess", "acme-require-mfa"],
              inline={"protect-break-glass": doc(deny(
                  ["iam:DeleteUser", "iam:DeleteLoginProfile", "iam:UpdateLoginProfile",
                   "iam:DetachUserPolicy", "iam:DeactivateMFADevice"],
                  user_arn("break-glass-admin")))}),
        group("Developers", created="2019-03-04",
              managed=["ViewOnlyAccess", "IAMUserChangePassword", "acme-require-mfa"],
              inline={"assume-dev-and-ci-roles": doc(allow(
                  "sts:AssumeRole", [role_arn("*-dev-*", "/app/"), role_arn("ci-runner", "/ci/")]))}),
        group("OnCall", created="2020-09-08",
              managed=["CloudWatchReadOnlyAccess", "acme-require-mfa"],
              inline={"assume-incident-roles": doc(allow(
                  "sts:AssumeRole", [role_arn("incident-responder"), role_arn("incident-readonly")],
                  condition=MFA_PRESENT))}),
        group("ReadOnly", created="2019-03-04",
              managed=["ReadOnlyAccess", "IAMUserChangePassword"]),
    ]


def build_users():
    contractor_denied = [role_arn("prod-deployer", "/ci/"), role_arn("deploy-orchestrator", "/ci/"),
                         role_arn("platform-admin"), role_arn("terraform-apply", "/ci/")]
    return [
        user("alice.ng", created="2019-03-04", groups=["Admins", "OnCall"],
             tags=[{"Key": "Team", "Value": "platform"}]),
        user("bob.ortiz", created="2020-06-15", groups=["Developers", "OnCall"],
             tags=[{"Key": "Team", "Value": "storefront"}]),
        user("carol.wu", created="2021-01-11", groups=["Developers"],
             inline={"assume-analytics-readonly": doc(allow("sts:AssumeRole",
                                                            role_arn("analytics-readonly")))},
             tags=[{"Key": "Team", "Value": "data"}]),
        user("dave.kim", created="2022-08-29", groups=["Developers"],
             tags=[{"Key": "Team", "Value": "payments"}]),
        user("erin.shah", created="2023-04-03", groups=["ReadOnly"],
             inline={"assume-finance-reports": doc(allow("sts:AssumeRole",
                                                         role_arn("finance-reports-reader")))},
             tags=[{"Key": "Team", "Value": "finance"}]),
        user("frank.li", path="/contractors/", created="2026-07-01", groups=["Developers"],
             boundary="acme-developer-boundary",
             inline={"contractor-guardrails": doc(deny("sts:AssumeRole", contractor_denied,
                                                       sid="NoProductionDeployRoles"))},
             tags=[{"Key": "Team", "Value": "payments"},
                   {"Key": "Contractor", "Value": "true"},
                   {"Key": "Company", "Value": "Northwind Consulting"},
                   {"Key": "ContractEnd", "Value": "2027-03-31"}]),
        user("svc-terraform", path="/machine/", created="2021-05-06",
             inline={"assume-terraform-roles": doc(allow(
                 "sts:AssumeRole", [role_arn("terraform-plan", "/ci/"),
                                    role_arn("terraform-apply", "/ci/")]))},
             tags=[{"Key": "ManagedBy", "Value": "terraform"},
                   {"Key": "Purpose", "Value": "CI access keys for terraform runs"}]),
        user("break-glass-admin", created="2019-02-01", managed=["acme-break-glass"],
             tags=[{"Key": "Purpose", "Value": "emergency-access"},
                   {"Key": "Owner", "Value": "security-team@acme.example"}]),
    ]


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------


def build_snapshot(now):
    roles = build_roles(now)
    users = build_users()
    groups = build_groups()

    attachments, boundaries = {}, {}
    for entity in roles + users + groups:
        for a in entity["AttachedManagedPolicies"]:
            attachments[a["PolicyArn"]] = attachments.get(a["PolicyArn"], 0) + 1
        if "PermissionsBoundary" in entity:
            arn = entity["PermissionsBoundary"]["PermissionsBoundaryArn"]
            boundaries[arn] = boundaries.get(arn, 0) + 1

    policies = []
    for p in customer_managed_policies(now) + aws_managed_policies():
        p["AttachmentCount"] = attachments.get(p["Arn"], 0)
        p["PermissionsBoundaryUsageCount"] = boundaries.get(p["Arn"], 0)
        is_aws = p["Arn"].startswith("arn:aws:iam::aws:")
        if is_aws and not (p["AttachmentCount"] or p["PermissionsBoundaryUsageCount"]):
            continue  # GAAD lists AWS managed policies only when they are in use
        policies.append(p)
    policies.sort(key=lambda p: p["PolicyName"].lower())

    return {
        "Rolecall": {
            "FormatVersion": 1,
            "AccountId": ACCOUNT,
            "AccountAlias": ALIAS,
            "Partition": PARTITION,
            "CapturedAt": CAPTURED_NOW if now else CAPTURED_THEN,
            "Source": "demo",
            "Caller": None,
        },
        "UserDetailList": sorted(users, key=lambda u: u["UserName"]),
        "GroupDetailList": sorted(groups, key=lambda g: g["GroupName"]),
        "RoleDetailList": roles,
        "Policies": policies,
    }


# --------------------------------------------------------------------------
# Self-check: structure and cross-references of a snapshot
# --------------------------------------------------------------------------

ID_RE = {"RoleId": r"AROA[A-Z0-9]{17}", "UserId": r"AIDA[A-Z0-9]{17}",
         "GroupId": r"AGPA[A-Z0-9]{17}", "PolicyId": r"ANPA[A-Z0-9]{17}",
         "InstanceProfileId": r"AIPA[A-Z0-9]{17}"}
TIME_RE = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"


def check(snapshot):
    errors = []

    def expect(ok, message):
        if not ok:
            errors.append(message)

    captured = snapshot["Rolecall"]["CapturedAt"]
    policies = {p["Arn"]: p for p in snapshot["Policies"]}
    groups = {g["GroupName"] for g in snapshot["GroupDetailList"]}
    seen_ids = set()

    def check_id(kind, value):
        expect(re.fullmatch(ID_RE[kind], value), f"bad {kind} {value}")
        expect(value not in seen_ids, f"duplicate id {value}")
        seen_ids.add(value)

    def check_time(value, what):
        expect(re.fullmatch(TIME_RE, value) and value <= captured, f"bad time {value} ({what})")

    def check_doc(d, what):
        expect(d.get("Version") == "2012-10-17" and isinstance(d.get("Statement"), list)
               and d["Statement"], f"bad policy document ({what})")
        for s in d["Statement"]:
            expect(s["Effect"] in ("Allow", "Deny"), f"bad Effect ({what})")
            expect(("Action" in s) != ("NotAction" in s), f"Action xor NotAction ({what})")

    def check_attachments(entity, what):
        for a in entity["AttachedManagedPolicies"]:
            p = policies.get(a["PolicyArn"])
            expect(p and p["PolicyName"] == a["PolicyName"], f"{what}: missing {a['PolicyArn']}")
        if "PermissionsBoundary" in entity:
            pb = entity["PermissionsBoundary"]
            expect(pb["PermissionsBoundaryType"] == "Policy" and
                   pb["PermissionsBoundaryArn"] in policies, f"{what}: bad boundary")

    counts, bcounts = {}, {}
    for e in snapshot["RoleDetailList"] + snapshot["UserDetailList"] + snapshot["GroupDetailList"]:
        for a in e["AttachedManagedPolicies"]:
            counts[a["PolicyArn"]] = counts.get(a["PolicyArn"], 0) + 1
        if "PermissionsBoundary" in e:
            arn = e["PermissionsBoundary"]["PermissionsBoundaryArn"]
            bcounts[arn] = bcounts.get(arn, 0) + 1

    for r in snapshot["RoleDetailList"]:
        name = r["RoleName"]
        check_id("RoleId", r["RoleId"])
        check_time(r["CreateDate"], name)
        expect(r["Arn"] == role_arn(name, r["Path"]), f"{name}: arn/path mismatch")
        expect(3600 <= r["MaxSessionDuration"] <= 43200, f"{name}: MaxSessionDuration")
        check_doc(r["AssumeRolePolicyDocument"], name + " trust")
        for ip in r["InstanceProfileList"]:
            check_id("InstanceProfileId", ip["InstanceProfileId"])
            expect([x["RoleId"] for x in ip["Roles"]] == [r["RoleId"]] and
                   ip["Roles"][0]["Arn"] == r["Arn"], f"{name}: instance profile back-reference")
        for p in r["RolePolicyList"]:
            check_doc(p["PolicyDocument"], f"{name}/{p['PolicyName']}")
        check_attachments(r, name)
        used = r["RoleLastUsed"]
        if used:
            check_time(used["LastUsedDate"], name + " last used")
            expect(used["LastUsedDate"] >= r["CreateDate"], f"{name}: used before created")
            expect(used["Region"] in ("us-east-1", "eu-west-1"), f"{name}: region")

    for u in snapshot["UserDetailList"]:
        check_id("UserId", u["UserId"])
        check_time(u["CreateDate"], u["UserName"])
        expect(all(g in groups for g in u["GroupList"]), f"{u['UserName']}: unknown group")
        for p in u["UserPolicyList"]:
            check_doc(p["PolicyDocument"], u["UserName"])
        check_attachments(u, u["UserName"])

    for g in snapshot["GroupDetailList"]:
        check_id("GroupId", g["GroupId"])
        check_time(g["CreateDate"], g["GroupName"])
        for p in g["GroupPolicyList"]:
            check_doc(p["PolicyDocument"], g["GroupName"])
        check_attachments(g, g["GroupName"])

    for p in snapshot["Policies"]:
        name = p["PolicyName"]
        check_id("PolicyId", p["PolicyId"])
        check_time(p["CreateDate"], name)
        check_time(p["UpdateDate"], name)
        expect(p["AttachmentCount"] == counts.get(p["Arn"], 0), f"{name}: AttachmentCount")
        expect(p["PermissionsBoundaryUsageCount"] == bcounts.get(p["Arn"], 0),
               f"{name}: PermissionsBoundaryUsageCount")
        defaults = [v["VersionId"] for v in p["PolicyVersionList"] if v["IsDefaultVersion"]]
        expect(defaults == [p["DefaultVersionId"]], f"{name}: default version")
        expect(len(p["PolicyVersionList"]) <= 5, f"{name}: more than five versions")
        for v in p["PolicyVersionList"]:
            check_doc(v["Document"], f"{name}/{v['VersionId']}")
            check_time(v["CreateDate"], f"{name}/{v['VersionId']}")

    return errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    outputs = [("acme-prod.json", build_snapshot(now=True)),
               ("acme-prod-30-days-earlier.json", build_snapshot(now=False))]

    errors = []
    for filename, snapshot in outputs:
        errors += [f"{filename}: {e}" for e in check(snapshot)]
    # The same entity keeps its id across snapshots.
    ids = {}
    for filename, snapshot in outputs:
        for r in snapshot["RoleDetailList"]:
            expect_id = ids.setdefault(r["RoleName"], r["RoleId"])
            if expect_id != r["RoleId"]:
                errors.append(f"{filename}: {r['RoleName']} changed its RoleId")
    if len(outputs[0][1]["RoleDetailList"]) < 60:
        errors.append("fewer than 60 roles in the current snapshot")
    if errors:
        sys.exit("self-check failed:\n  " + "\n  ".join(errors))

    for filename, snapshot in outputs:
        with open(os.path.join(here, filename), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(snapshot, indent=4, ensure_ascii=False) + "\n")
        print(f"wrote {filename}: {len(snapshot['RoleDetailList'])} roles, "
              f"{len(snapshot['UserDetailList'])} users, {len(snapshot['GroupDetailList'])} groups, "
              f"{len(snapshot['Policies'])} policies")


if __name__ == "__main__":
    main()

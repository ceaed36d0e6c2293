//! A deterministic generator of large, realistic accounts, for benchmarks and
//! tests (see `benches/` and `examples/synthetic_account.rs`).
//!
//! The output has the shape `aws iam get-account-authorization-details`
//! returns: trust policies of every common kind (service principals, roles
//! and users of the same account, account roots, third parties with and
//! without `sts:ExternalId`, IAM Identity Center SAML roles, GitHub Actions
//! OIDC, EKS IRSA, `{"AWS": "*"}` limited by `aws:PrincipalOrgID`, deleted
//! principals shown as bare `AROA…` ids), inline and managed policies (AWS
//! managed and customer managed with up to five versions), tags, role last
//! use, permissions boundaries, instance profiles, and users in groups whose
//! policies allow `sts:AssumeRole`. About one document in ten is a
//! URL-encoded string, as the raw IAM API returns them.
//!
//! The same spec always gives the same snapshot: the only randomness is a
//! small splitmix64 generator seeded from `SyntheticSpec::seed`.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use rolecall_core::snapshot::{
    AttachedPolicy, GroupDetail, InlinePolicy, InstanceProfile, ManagedPolicyDetail,
    PermissionsBoundary, PolicyVersion, RawJson, RoleDetail, RoleLastUsed, Snapshot, Tag,
    UserDetail,
};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticSpec {
    /// The 12-digit id of the generated account.
    pub account_id: String,
    pub roles: usize,
    pub users: usize,
    pub groups: usize,
    /// AWS managed and customer managed policies together.
    pub managed_policies: usize,
    pub seed: u64,
    /// The organization the account belongs to: its id is the one trusts
    /// narrow `aws:PrincipalOrgID` to, and the other accounts are the ones
    /// cross-account trusts name. `None`: made up per account.
    pub organization: Option<OrgPlacement>,
}

/// An account's organization, for generating several accounts of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgPlacement {
    pub org_id: String,
    /// Other accounts of the organization (at least one).
    pub siblings: Vec<String>,
}

impl SyntheticSpec {
    /// A spec with groups and managed policies in the proportions of a large
    /// real account: one group per 25 users (5 to 300), one managed policy
    /// per 5 roles (40 to 2,500).
    pub fn sized(roles: usize, users: usize) -> SyntheticSpec {
        SyntheticSpec {
            account_id: "123456789012".into(),
            roles,
            users,
            groups: (users / 25).clamp(5, 300),
            managed_policies: (roles / 5).clamp(40, 2_500),
            seed: 0x5EED_1A11,
            organization: None,
        }
    }
}

/// Serializes a snapshot the way the AWS CLI writes GAAD (`pretty`: indented
/// by four spaces) or as compact JSON.
pub fn to_json_bytes(snapshot: &Snapshot, pretty: bool) -> serde_json::Result<Vec<u8>> {
    use serde::Serialize;
    let mut out = Vec::with_capacity(1 << 20);
    if pretty {
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
        snapshot.serialize(&mut ser)?;
    } else {
        serde_json::to_writer(&mut out, snapshot)?;
    }
    out.push(b'\n');
    Ok(out)
}

/// Generates one account. Deterministic: the same spec gives the same data.
pub fn generate_account(spec: &SyntheticSpec) -> Snapshot {
    let mut g = Gen::new(spec);
    let catalog = g.policy_catalog();
    let roles: Vec<RoleDetail> = (0..spec.roles).map(|_| g.role(&catalog)).collect();
    let groups: Vec<GroupDetail> = (0..spec.groups)
        .map(|i| g.group(i, &catalog, &roles))
        .collect();
    let users: Vec<UserDetail> = (0..spec.users)
        .map(|_| g.user(&catalog, &groups, &roles))
        .collect();
    let policies = g.managed_policies(catalog, &roles, &users, &groups);
    Snapshot {
        header: None,
        user_detail_list: users,
        group_detail_list: groups,
        role_detail_list: roles,
        policies,
    }
}

// ---------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// An IAM unique id: the prefix and 17 characters of base32.
    fn unique_id(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut id = String::with_capacity(21);
        id.push_str(prefix);
        for _ in 0..17 {
            id.push(ALPHABET[self.below(32)] as char);
        }
        id
    }

    fn hex(&mut self, len: usize, upper: bool) -> String {
        let digits: &[u8] = if upper {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        (0..len).map(|_| digits[self.below(16)] as char).collect()
    }

    fn account_id(&mut self) -> String {
        format!(
            "{:012}",
            100_000_000_000 + self.next_u64() % 899_999_999_999
        )
    }
}

// ---------------------------------------------------------------------------
// Vocabulary

const TEAMS: [&str; 16] = [
    "platform",
    "sre",
    "security",
    "payments",
    "search",
    "data",
    "storefront",
    "identity",
    "billing",
    "ml",
    "growth",
    "mobile",
    "ledger",
    "analytics",
    "catalog",
    "fulfilment",
];
const ENVS: [&str; 4] = ["prod", "staging", "dev", "sandbox"];
const COMPONENTS: [&str; 18] = [
    "api",
    "worker",
    "ingest",
    "etl",
    "export",
    "scheduler",
    "reconciler",
    "gateway",
    "indexer",
    "notifier",
    "auth",
    "reports",
    "batch",
    "stream",
    "cache-warmer",
    "webhooks",
    "importer",
    "archiver",
];
const SERVICES: [&str; 20] = [
    "ec2",
    "lambda",
    "ecs-tasks",
    "glue",
    "states",
    "events",
    "codebuild",
    "codepipeline",
    "sagemaker",
    "firehose",
    "apigateway",
    "batch",
    "datasync",
    "backup",
    "scheduler",
    "rds",
    "elasticmapreduce",
    "ssm",
    "cloudformation",
    "eks",
];
const REGIONS: [&str; 6] = [
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
    "ap-northeast-1",
];
const PERMISSION_SETS: [&str; 10] = [
    "AdministratorAccess",
    "ReadOnlyAccess",
    "PowerUserAccess",
    "DataScientist",
    "Billing",
    "SecurityAudit",
    "DeveloperAccess",
    "SupportUser",
    "NetworkAdministrator",
    "DatabaseAdministrator",
];
const FIRST_NAMES: [&str; 16] = [
    "alice", "bob", "carol", "dan", "erin", "farid", "grace", "hiro", "ines", "jamal", "kim",
    "lena", "mateo", "nora", "omar", "priya",
];
const LAST_NAMES: [&str; 16] = [
    "smith", "jones", "garcia", "chen", "novak", "okafor", "silva", "kowalski", "tanaka", "muller",
    "haddad", "ivanova", "obrien", "rossi", "sato", "nguyen",
];
const GITHUB_OIDC: &str = "token.actions.githubusercontent.com";
const SSO_SAML_AUD: &str = "https://signin.aws.amazon.com/saml";
const NOW_DAY: u64 = 3_833; // 2025-06-30, counted from 2015-01-01.

/// AWS managed policies: name, path, the actions their document allows.
const AWS_MANAGED: [(&str, &str, &[&str]); 28] = [
    ("AdministratorAccess", "/", &["*"]),
    (
        "ReadOnlyAccess",
        "/",
        &[
            "ec2:Describe*",
            "s3:Get*",
            "s3:List*",
            "iam:Get*",
            "iam:List*",
            "lambda:Get*",
            "lambda:List*",
            "logs:Describe*",
            "logs:Get*",
            "cloudwatch:Describe*",
            "cloudwatch:Get*",
            "cloudwatch:List*",
            "dynamodb:Describe*",
            "dynamodb:List*",
            "rds:Describe*",
            "sqs:Get*",
            "sqs:List*",
        ],
    ),
    ("PowerUserAccess", "/", &[]),
    (
        "AmazonS3ReadOnlyAccess",
        "/",
        &[
            "s3:Get*",
            "s3:List*",
            "s3-object-lambda:Get*",
            "s3-object-lambda:List*",
        ],
    ),
    ("AmazonS3FullAccess", "/", &["s3:*", "s3-object-lambda:*"]),
    (
        "AmazonEC2ReadOnlyAccess",
        "/",
        &[
            "ec2:Describe*",
            "elasticloadbalancing:Describe*",
            "cloudwatch:ListMetrics",
            "cloudwatch:GetMetricStatistics",
            "autoscaling:Describe*",
        ],
    ),
    (
        "AmazonSSMManagedInstanceCore",
        "/",
        &[
            "ssm:DescribeAssociation",
            "ssm:GetDeployablePatchSnapshotForInstance",
            "ssm:GetDocument",
            "ssm:DescribeDocument",
            "ssm:GetManifest",
            "ssm:GetParameter",
            "ssm:GetParameters",
            "ssm:ListAssociations",
            "ssm:ListInstanceAssociations",
            "ssm:PutInventory",
            "ssm:UpdateInstanceInformation",
            "ssmmessages:CreateControlChannel",
            "ssmmessages:OpenDataChannel",
            "ec2messages:GetMessages",
        ],
    ),
    (
        "AWSLambdaBasicExecutionRole",
        "/service-role/",
        &[
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ],
    ),
    (
        "AWSLambdaVPCAccessExecutionRole",
        "/service-role/",
        &[
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
        ],
    ),
    (
        "AmazonECSTaskExecutionRolePolicy",
        "/service-role/",
        &[
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
        ],
    ),
    (
        "AmazonEC2ContainerRegistryReadOnly",
        "/",
        &[
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:GetRepositoryPolicy",
            "ecr:DescribeRepositories",
            "ecr:ListImages",
            "ecr:DescribeImages",
            "ecr:BatchGetImage",
        ],
    ),
    (
        "AWSGlueServiceRole",
        "/service-role/",
        &[
            "glue:*",
            "s3:GetBucketLocation",
            "s3:ListBucket",
            "s3:ListAllMyBuckets",
            "s3:GetBucketAcl",
            "ec2:DescribeVpcEndpoints",
            "ec2:DescribeRouteTables",
            "ec2:CreateNetworkInterface",
            "iam:ListRolePolicies",
            "iam:GetRole",
            "iam:GetRolePolicy",
            "cloudwatch:PutMetricData",
        ],
    ),
    (
        "CloudWatchAgentServerPolicy",
        "/",
        &[
            "cloudwatch:PutMetricData",
            "ec2:DescribeVolumes",
            "ec2:DescribeTags",
            "logs:PutLogEvents",
            "logs:DescribeLogStreams",
            "logs:DescribeLogGroups",
            "logs:CreateLogStream",
            "logs:CreateLogGroup",
        ],
    ),
    (
        "AmazonDynamoDBReadOnlyAccess",
        "/",
        &[
            "dynamodb:BatchGetItem",
            "dynamodb:Describe*",
            "dynamodb:List*",
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:PartiQLSelect",
        ],
    ),
    ("AmazonSQSFullAccess", "/", &["sqs:*"]),
    ("AmazonSNSFullAccess", "/", &["sns:*"]),
    (
        "SecretsManagerReadWrite",
        "/",
        &[
            "secretsmanager:*",
            "cloudformation:CreateChangeSet",
            "cloudformation:DescribeChangeSet",
            "kms:DescribeKey",
            "kms:ListAliases",
            "lambda:ListFunctions",
            "rds:DescribeDBInstances",
        ],
    ),
    (
        "AmazonEKSWorkerNodePolicy",
        "/",
        &[
            "ec2:DescribeInstances",
            "ec2:DescribeRouteTables",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVolumes",
            "ec2:DescribeVpcs",
            "eks:DescribeCluster",
        ],
    ),
    (
        "AmazonEKS_CNI_Policy",
        "/",
        &[
            "ec2:AssignPrivateIpAddresses",
            "ec2:AttachNetworkInterface",
            "ec2:CreateNetworkInterface",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeInstances",
            "ec2:DescribeTags",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DetachNetworkInterface",
            "ec2:ModifyNetworkInterfaceAttribute",
            "ec2:UnassignPrivateIpAddresses",
        ],
    ),
    (
        "AmazonEKSClusterPolicy",
        "/",
        &[
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:UpdateAutoScalingGroup",
            "ec2:AttachVolume",
            "ec2:AuthorizeSecurityGroupIngress",
            "ec2:CreateRoute",
            "ec2:CreateSecurityGroup",
            "ec2:CreateTags",
            "ec2:CreateVolume",
            "ec2:Describe*",
            "elasticloadbalancing:*",
            "kms:DescribeKey",
        ],
    ),
    (
        "AWSCodeBuildDeveloperAccess",
        "/",
        &[
            "codebuild:StartBuild",
            "codebuild:StopBuild",
            "codebuild:BatchGet*",
            "codebuild:GetResourcePolicy",
            "codebuild:DescribeTestCases",
            "codebuild:List*",
            "codecommit:GetBranch",
            "codecommit:GetCommit",
            "codecommit:GetRepository",
            "codecommit:ListBranches",
            "logs:GetLogEvents",
        ],
    ),
    (
        "AmazonAthenaFullAccess",
        "/",
        &[
            "athena:*",
            "glue:CreateDatabase",
            "glue:GetDatabase",
            "glue:GetDatabases",
            "glue:GetTable",
            "glue:GetTables",
            "glue:GetPartitions",
            "s3:GetBucketLocation",
            "s3:GetObject",
            "s3:ListBucket",
            "s3:PutObject",
        ],
    ),
    (
        "ViewOnlyAccess",
        "/job-function/",
        &[
            "acm:ListCertificates",
            "athena:List*",
            "cloudfront:List*",
            "cloudtrail:DescribeTrails",
            "cloudwatch:List*",
            "dynamodb:ListTables",
            "ec2:DescribeInstances",
            "ec2:DescribeVpcs",
            "iam:List*",
            "lambda:List*",
            "rds:Describe*",
            "s3:ListAllMyBuckets",
            "sns:ListTopics",
            "sqs:ListQueues",
        ],
    ),
    (
        "Billing",
        "/job-function/",
        &[
            "aws-portal:*Billing",
            "aws-portal:*Usage",
            "aws-portal:*PaymentMethods",
            "budgets:ViewBudget",
            "budgets:ModifyBudget",
            "ce:*",
            "cur:*",
            "pricing:*",
            "tax:*",
        ],
    ),
    (
        "SecurityAudit",
        "/",
        &[
            "access-analyzer:List*",
            "account:GetAlternateContact",
            "acm:Describe*",
            "cloudtrail:Describe*",
            "cloudtrail:Get*",
            "config:Describe*",
            "ec2:Describe*",
            "guardduty:Get*",
            "guardduty:List*",
            "iam:GenerateCredentialReport",
            "iam:Get*",
            "iam:List*",
            "kms:Describe*",
            "kms:Get*",
            "kms:List*",
            "s3:GetBucketPolicy",
            "s3:GetBucketAcl",
        ],
    ),
    (
        "AWSXRayDaemonWriteAccess",
        "/",
        &[
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "xray:GetSamplingStatisticSummaries",
        ],
    ),
    (
        "IAMReadOnlyAccess",
        "/",
        &[
            "iam:GenerateCredentialReport",
            "iam:GenerateServiceLastAccessedDetails",
            "iam:Get*",
            "iam:List*",
            "iam:SimulateCustomPolicy",
            "iam:SimulatePrincipalPolicy",
        ],
    ),
    (
        "AWSBackupServiceRolePolicyForBackup",
        "/service-role/",
        &[
            "dynamodb:DescribeTable",
            "dynamodb:CreateBackup",
            "ec2:CreateSnapshot",
            "ec2:CreateTags",
            "ec2:DescribeVolumes",
            "rds:CreateDBSnapshot",
            "rds:DescribeDBInstances",
            "elasticfilesystem:Backup",
            "backup:DescribeBackupVault",
            "tag:GetResources",
        ],
    ),
];

/// Customer managed policy purposes; "boundary" ones are used as permissions
/// boundaries.
const PURPOSES: [&str; 16] = [
    "s3-read",
    "s3-write",
    "dynamodb-rw",
    "sqs-consume",
    "sns-publish",
    "kms-decrypt",
    "secrets-read",
    "logs-write",
    "ecr-pull",
    "ecs-deploy",
    "lambda-invoke",
    "ssm-params",
    "athena-query",
    "assume-deploy-roles",
    "deny-outside-regions",
    "permissions-boundary",
];

// ---------------------------------------------------------------------------
// The generator

/// One managed policy chosen before the entities that attach it.
struct CatalogEntry {
    name: String,
    arn: String,
    path: String,
    /// Index into `AWS_MANAGED`, or `None` for a customer managed policy.
    aws: Option<usize>,
    /// For customer managed policies.
    team: &'static str,
    env: &'static str,
    purpose: &'static str,
}

struct Catalog {
    entries: Vec<CatalogEntry>,
    /// Indexes of customer managed "permissions-boundary" policies.
    boundaries: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TrustKind {
    Service,
    ServiceLinked,
    SameAccount,
    AccountRoot,
    CrossAccountExternalId,
    CrossAccount,
    Sso,
    GitHub,
    Irsa,
    OrgWildcard,
    ServicePlusRole,
}

/// (kind, weight in percent); the weights add up to 100.
const TRUST_MIX: [(TrustKind, usize); 11] = [
    (TrustKind::Service, 36),
    (TrustKind::ServiceLinked, 1),
    (TrustKind::SameAccount, 9),
    (TrustKind::AccountRoot, 5),
    (TrustKind::CrossAccountExternalId, 6),
    (TrustKind::CrossAccount, 5),
    (TrustKind::Sso, 3),
    (TrustKind::GitHub, 13),
    (TrustKind::Irsa, 16),
    (TrustKind::OrgWildcard, 3),
    (TrustKind::ServicePlusRole, 3),
];

struct Gen<'a> {
    spec: &'a SyntheticSpec,
    acct: &'a str,
    rng: Rng,
    saml_provider: String,
    eks_clusters: Vec<(String, String)>,
    /// Third parties: account id and the external id they were given.
    vendors: Vec<(String, String)>,
    /// Other accounts of the same organization.
    siblings: Vec<String>,
    org_id: String,
    names: HashSet<String>,
    /// Roles generated so far (ARNs), for same-account trust.
    role_arns: Vec<String>,
}

impl<'a> Gen<'a> {
    fn new(spec: &'a SyntheticSpec) -> Gen<'a> {
        let mut rng = Rng(spec.seed ^ 0xA5A5_5A5A_DEAD_BEEF);
        let acct = spec.account_id.as_str();
        let saml_provider = format!(
            "arn:aws:iam::{acct}:saml-provider/AWSSSO_{}_DO_NOT_DELETE",
            rng.hex(16, false)
        );
        let eks_clusters = (0..6)
            .map(|i| {
                let region = REGIONS[i % REGIONS.len()];
                let name = format!("{}-{}", ENVS[i % 3], ["main", "batch", "edge"][i % 3]);
                let issuer = format!("oidc.eks.{region}.amazonaws.com/id/{}", rng.hex(32, true));
                (name, issuer)
            })
            .collect();
        let vendors = (0..12)
            .map(|_| {
                let id = rng.account_id();
                (id, rng.hex(32, false))
            })
            .collect();
        let mut siblings: Vec<String> = (0..20).map(|_| rng.account_id()).collect();
        let mut org_id = format!("o-{}", rng.hex(10, false));
        if let Some(org) = spec
            .organization
            .as_ref()
            .filter(|o| !o.siblings.is_empty())
        {
            org_id = org.org_id.clone();
            siblings = org.siblings.clone();
        }
        Gen {
            spec,
            acct,
            rng,
            saml_provider,
            eks_clusters,
            vendors,
            siblings,
            org_id,
            names: HashSet::new(),
            role_arns: Vec::new(),
        }
    }

    /// `base`, or `base-2`, `base-3`… when an entity of this kind already
    /// has that name.
    fn unique_name(&mut self, kind: &str, base: String) -> String {
        if self.names.insert(format!("{kind}/{base}")) {
            return base;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.names.insert(format!("{kind}/{candidate}")) {
                return candidate;
            }
            n += 1;
        }
    }

    /// An IAM timestamp as the AWS CLI prints it, `day` days after 2015-01-01.
    fn timestamp(&mut self, day: u64) -> String {
        let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
        let date = base.checked_add_days(Days::new(day)).unwrap_or(base);
        format!(
            "{}T{:02}:{:02}:{:02}+00:00",
            date.format("%Y-%m-%d"),
            self.rng.range(6, 22),
            self.rng.below(60),
            self.rng.below(60)
        )
    }

    fn created_day(&mut self) -> u64 {
        self.rng.below(NOW_DAY as usize - 30) as u64
    }

    fn team(&mut self) -> &'static str {
        TEAMS[self.rng.below(TEAMS.len())]
    }

    fn env(&mut self) -> &'static str {
        // Production is the most common.
        [ENVS[0], ENVS[0], ENVS[1], ENVS[2], ENVS[3]][self.rng.below(5)]
    }

    fn component(&mut self) -> &'static str {
        COMPONENTS[self.rng.below(COMPONENTS.len())]
    }

    fn region(&mut self) -> &'static str {
        REGIONS[self.rng.below(REGIONS.len())]
    }

    // -- documents ----------------------------------------------------------

    /// A string when there is one value (mostly), else a list.
    fn one_or_list(&mut self, items: Vec<String>) -> Value {
        if items.len() == 1 && self.rng.percent(75) {
            Value::String(items.into_iter().next().unwrap_or_default())
        } else {
            Value::Array(items.into_iter().map(Value::String).collect())
        }
    }

    /// A document; a single statement is sometimes written as an object.
    fn document(&mut self, statements: Vec<Value>) -> Value {
        let statement = if statements.len() == 1 && self.rng.percent(35) {
            statements.into_iter().next().unwrap_or_default()
        } else {
            Value::Array(statements)
        };
        json!({"Version": "2012-10-17", "Statement": statement})
    }

    /// About one document in ten comes URL-encoded, as the raw API returns it.
    fn maybe_encode(&mut self, document: Value) -> Value {
        if self.rng.percent(10) {
            let text = document.to_string();
            Value::String(utf8_percent_encode(&text, NON_ALPHANUMERIC).to_string())
        } else {
            document
        }
    }

    fn allow(&mut self, actions: &[&str], resources: Vec<String>) -> Value {
        let action = self.one_or_list(actions.iter().map(|a| a.to_string()).collect());
        let resource = self.one_or_list(resources);
        json!({"Effect": "Allow", "Action": action, "Resource": resource})
    }

    fn assume_statement(
        &mut self,
        principal: Value,
        action: Value,
        condition: Option<Value>,
    ) -> Value {
        let mut st = serde_json::Map::new();
        if self.rng.percent(20) {
            st.insert("Sid".into(), json!(format!("Trust{}", self.rng.below(100))));
        }
        st.insert("Effect".into(), json!("Allow"));
        st.insert("Principal".into(), principal);
        st.insert("Action".into(), action);
        if let Some(condition) = condition {
            st.insert("Condition".into(), condition);
        }
        Value::Object(st)
    }

    /// One permission statement for a team's component.
    fn permission_statement(&mut self, team: &str, env: &str, component: &str) -> Value {
        let acct = self.acct;
        let region = self.region();
        let bucket = format!("arn:aws:s3:::acme-{team}-{env}-{component}");
        match self.rng.below(11) {
            0 => self.allow(
                &["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                vec![bucket.clone(), format!("{bucket}/*")],
            ),
            1 => {
                let prefix = self.rng.pick(&["exports", "raw", "reports", "in"]);
                self.allow(&["s3:GetObject"], vec![format!("{bucket}/{prefix}/*")])
            }
            2 => self.allow(
                &[
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem",
                    "dynamodb:Query",
                ],
                vec![
                    format!("arn:aws:dynamodb:{region}:{acct}:table/{team}-{component}-{env}"),
                    format!(
                        "arn:aws:dynamodb:{region}:{acct}:table/{team}-{component}-{env}/index/*"
                    ),
                ],
            ),
            3 => self.allow(
                &[
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes",
                ],
                vec![format!(
                    "arn:aws:sqs:{region}:{acct}:{team}-{component}-{env}"
                )],
            ),
            4 => json!({
                "Effect": "Allow",
                "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                "Resource": format!("arn:aws:kms:{region}:{acct}:key/{}", self.uuid()),
                "Condition": {"StringEquals": {"kms:ViaService": format!("s3.{region}.amazonaws.com")}}
            }),
            5 => self.allow(
                &["logs:CreateLogStream", "logs:PutLogEvents"],
                vec![format!(
                    "arn:aws:logs:{region}:{acct}:log-group:/{team}/{component}/{env}:*"
                )],
            ),
            6 => json!({
                "Sid": "AssumeTeamRoles",
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Resource": format!("arn:aws:iam::{acct}:role/{team}-*")
            }),
            7 => self.allow(
                &[
                    "secretsmanager:GetSecretValue",
                    "secretsmanager:DescribeSecret",
                ],
                vec![format!(
                    "arn:aws:secretsmanager:{region}:{acct}:secret:{team}/{component}/*"
                )],
            ),
            8 => json!({
                "Effect": "Allow",
                "Action": "iam:PassRole",
                "Resource": format!("arn:aws:iam::{acct}:role/{team}-{component}-*"),
                "Condition": {"StringEquals": {"iam:PassedToService": format!("{}.amazonaws.com", self.rng.pick(&SERVICES))}}
            }),
            9 => json!({
                "Sid": "DenyOutsideApprovedRegions",
                "Effect": "Deny",
                "NotAction": ["iam:*", "sts:*", "organizations:*", "support:*"],
                "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": [region, "us-east-1"]}}
            }),
            _ => self.allow(
                &["sns:Publish"],
                vec![format!(
                    "arn:aws:sns:{region}:{acct}:{team}-{component}-events-{env}"
                )],
            ),
        }
    }

    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.rng.hex(8, false),
            self.rng.hex(4, false),
            self.rng.hex(4, false),
            self.rng.hex(4, false),
            self.rng.hex(12, false)
        )
    }

    fn inline_policies(
        &mut self,
        team: &str,
        env: &str,
        component: &str,
        count: usize,
    ) -> Vec<InlinePolicy> {
        (0..count)
            .map(|i| {
                let statements = (0..self.rng.range(1, 3))
                    .map(|_| self.permission_statement(team, env, component))
                    .collect();
                let document = self.document(statements);
                InlinePolicy {
                    policy_name: if i == 0 {
                        format!("{component}-access")
                    } else {
                        format!("{component}-extra-{i}")
                    },
                    policy_document: self.maybe_encode(document).into(),
                }
            })
            .collect()
    }

    fn tags(&mut self, team: &str, env: &str, component: &str) -> Vec<Tag> {
        let count = self.rng.below(7);
        let owner = format!("{team}-team@acme.example");
        let cost = format!(
            "CC-{}",
            1000 + 10 * TEAMS.iter().position(|t| *t == team).unwrap_or(0)
        );
        let repo = format!("acme/{team}-{component}");
        let managed_by = self
            .rng
            .pick(&["terraform", "cloudformation", "cdk", "console"]);
        let pairs = [
            ("Team", team),
            ("Environment", env),
            ("CostCenter", cost.as_str()),
            ("Owner", owner.as_str()),
            ("ManagedBy", managed_by),
            ("Service", component),
        ];
        let mut tags: Vec<Tag> = pairs
            .iter()
            .take(count)
            .map(|(k, v)| Tag {
                key: (*k).into(),
                value: (*v).into(),
            })
            .collect();
        if count >= 5 && self.rng.percent(40) {
            tags.push(Tag {
                key: "Repository".into(),
                value: repo,
            });
        }
        tags
    }

    // -- managed policy catalog ----------------------------------------------

    fn policy_catalog(&mut self) -> Catalog {
        let total = self.spec.managed_policies;
        let aws_count = AWS_MANAGED.len().min(total / 4);
        let mut entries = Vec::with_capacity(total);
        for (i, (name, path, _)) in AWS_MANAGED.iter().take(aws_count).enumerate() {
            entries.push(CatalogEntry {
                name: (*name).into(),
                arn: format!("arn:aws:iam::aws:policy{path}{name}"),
                path: (*path).into(),
                aws: Some(i),
                team: "",
                env: "",
                purpose: "",
            });
        }
        let mut boundaries = Vec::new();
        while entries.len() < total {
            let team = self.team();
            let env = self.env();
            // One customer policy in twenty is a boundary, and at least one.
            let purpose = if boundaries.is_empty() || self.rng.percent(5) {
                "permissions-boundary"
            } else {
                PURPOSES[self.rng.below(PURPOSES.len() - 1)]
            };
            let path = if self.rng.percent(60) {
                "/".to_string()
            } else {
                format!("/{team}/")
            };
            let name = self.unique_name("policy", format!("{team}-{purpose}-{env}"));
            if purpose == "permissions-boundary" {
                boundaries.push(entries.len());
            }
            entries.push(CatalogEntry {
                arn: format!("arn:aws:iam::{}:policy{path}{name}", self.acct),
                name,
                path,
                aws: None,
                team,
                env,
                purpose,
            });
        }
        Catalog {
            entries,
            boundaries,
        }
    }

    /// 0 to `max` distinct attachments; AWS managed ones are popular.
    fn attachments(&mut self, catalog: &Catalog, max: usize) -> Vec<AttachedPolicy> {
        if catalog.entries.is_empty() {
            return Vec::new();
        }
        let count = self.rng.range(0, max);
        let aws_count = catalog.entries.iter().filter(|e| e.aws.is_some()).count();
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        for _ in 0..count {
            let index = if aws_count > 0 && self.rng.percent(45) {
                // Skewed towards the first (most common) AWS policies.
                let a = self.rng.below(aws_count);
                let b = self.rng.below(aws_count);
                a.min(b)
            } else {
                self.rng.below(catalog.entries.len())
            };
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen
            .into_iter()
            .map(|i| AttachedPolicy {
                policy_name: catalog.entries[i].name.clone(),
                policy_arn: catalog.entries[i].arn.clone(),
            })
            .collect()
    }

    fn boundary(&mut self, catalog: &Catalog, percent: usize) -> Option<PermissionsBoundary> {
        if catalog.boundaries.is_empty() || !self.rng.percent(percent) {
            return None;
        }
        let i = catalog.boundaries[self.rng.below(catalog.boundaries.len())];
        Some(PermissionsBoundary {
            permissions_boundary_type: Some("Policy".into()),
            permissions_boundary_arn: catalog.entries[i].arn.clone(),
        })
    }

    // -- roles ----------------------------------------------------------------

    fn trust_kind(&mut self) -> TrustKind {
        let mut roll = self.rng.below(100);
        for (kind, weight) in TRUST_MIX {
            if roll < weight {
                return kind;
            }
            roll -= weight;
        }
        TrustKind::Service
    }

    fn service(&mut self) -> &'static str {
        // ec2 and lambda dominate real accounts.
        match self.rng.below(10) {
            0..=2 => "lambda",
            3..=4 => "ec2",
            5 => "ecs-tasks",
            _ => SERVICES[self.rng.below(SERVICES.len())],
        }
    }

    /// Some roles of this account (or a user), for same-account trust.
    fn same_account_principals(&mut self, team: &str) -> Vec<String> {
        let acct = self.acct;
        let mut out = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            if !self.role_arns.is_empty() && self.rng.percent(70) {
                let i = self.rng.below(self.role_arns.len());
                out.push(self.role_arns[i].clone());
            } else if self.rng.percent(50) {
                let first = self.rng.pick(&FIRST_NAMES);
                let last = self.rng.pick(&LAST_NAMES);
                out.push(format!("arn:aws:iam::{acct}:user/{first}.{last}"));
            } else {
                out.push(format!("arn:aws:iam::{acct}:role/{team}-deployer"));
            }
        }
        if self.rng.percent(8) {
            // A principal deleted after the trust was written.
            out.push(self.rng.unique_id("AROA"));
        }
        out.dedup();
        out
    }

    fn role(&mut self, catalog: &Catalog) -> RoleDetail {
        let acct = self.acct;
        let team = self.team();
        let env = self.env();
        let component = self.component();
        let kind = self.trust_kind();
        let mut path = if self.rng.percent(70) {
            "/".to_string()
        } else {
            format!("/{team}/")
        };
        let assume = json!("sts:AssumeRole");
        let web_identity = json!("sts:AssumeRoleWithWebIdentity");
        let mut instance_profile = self.rng.percent(3);
        let (base, statements): (String, Vec<Value>) = match kind {
            TrustKind::Service => {
                let service = self.service();
                instance_profile |= service == "ec2";
                let mut services = vec![format!("{service}.amazonaws.com")];
                if self.rng.percent(10) {
                    services.push(format!("{}.amazonaws.com", self.service()));
                    services.dedup();
                }
                let principal = json!({"Service": self.one_or_list(services)});
                let condition = self
                    .rng
                    .percent(15)
                    .then(|| json!({"StringEquals": {"aws:SourceAccount": acct}}));
                if self.rng.percent(30) {
                    path = "/service-role/".into();
                }
                let st = self.assume_statement(principal, assume, condition);
                (format!("{team}-{component}-{service}-{env}"), vec![st])
            }
            TrustKind::ServiceLinked => {
                let service = SERVICES[self.rng.below(SERVICES.len())];
                path = format!("/aws-service-role/{service}.amazonaws.com/");
                let principal = json!({"Service": format!("{service}.amazonaws.com")});
                let st = self.assume_statement(principal, assume, None);
                let pretty: String = service
                    .split('-')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                            .unwrap_or_default()
                    })
                    .collect();
                (format!("AWSServiceRoleFor{pretty}"), vec![st])
            }
            TrustKind::SameAccount => {
                let principals = self.same_account_principals(team);
                let principal = json!({"AWS": self.one_or_list(principals)});
                let st = self.assume_statement(principal, assume, None);
                (format!("{team}-{component}-access-{env}"), vec![st])
            }
            TrustKind::AccountRoot => {
                let principal = json!({"AWS": format!("arn:aws:iam::{acct}:root")});
                let condition = self
                    .rng
                    .percent(50)
                    .then(|| json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}));
                let st = self.assume_statement(principal, assume, condition);
                (format!("{team}-{env}-admin"), vec![st])
            }
            TrustKind::CrossAccountExternalId => {
                let (vendor, external_id) =
                    self.vendors[self.rng.below(self.vendors.len())].clone();
                let principal = json!({"AWS": format!("arn:aws:iam::{vendor}:root")});
                let condition = json!({"StringEquals": {"sts:ExternalId": external_id}});
                let st = self.assume_statement(principal, assume, Some(condition));
                let vendor_name = self.rng.pick(&[
                    "datadog",
                    "snowflake",
                    "wiz",
                    "cloudability",
                    "fivetran",
                    "sumo",
                ]);
                (format!("{vendor_name}-integration-{team}"), vec![st])
            }
            TrustKind::CrossAccount => {
                let sibling = self.siblings[self.rng.below(self.siblings.len())].clone();
                let mut principals = vec![if self.rng.percent(60) {
                    format!("arn:aws:iam::{sibling}:root")
                } else {
                    format!("arn:aws:iam::{sibling}:role/{team}-{component}-{env}")
                }];
                if self.rng.percent(8) {
                    principals.push(self.rng.unique_id("AROA"));
                }
                let principal = json!({"AWS": self.one_or_list(principals)});
                let st = self.assume_statement(principal, assume, None);
                (format!("{team}-{component}-cross-account-{env}"), vec![st])
            }
            TrustKind::Sso => {
                path = if self.rng.percent(50) {
                    "/aws-reserved/sso.amazonaws.com/".into()
                } else {
                    format!("/aws-reserved/sso.amazonaws.com/{}/", self.region())
                };
                let principal = json!({"Federated": self.saml_provider.clone()});
                let condition = json!({"StringEquals": {"SAML:aud": SSO_SAML_AUD}});
                let action = json!(["sts:AssumeRoleWithSAML", "sts:TagSession"]);
                let st = self.assume_statement(principal, action, Some(condition));
                let set = PERMISSION_SETS[self.rng.below(PERMISSION_SETS.len())];
                (
                    format!("AWSReservedSSO_{set}_{}", self.rng.hex(16, false)),
                    vec![st],
                )
            }
            TrustKind::GitHub => {
                let principal = json!({"Federated": format!("arn:aws:iam::{acct}:oidc-provider/{GITHUB_OIDC}")});
                let repo = format!("acme/{team}-{component}");
                let aud = (format!("{GITHUB_OIDC}:aud"), json!("sts.amazonaws.com"));
                let sub_key = format!("{GITHUB_OIDC}:sub");
                let condition = match self.rng.below(4) {
                    0 => {
                        json!({"StringEquals": {&aud.0: aud.1, &sub_key: format!("repo:{repo}:ref:refs/heads/main")}})
                    }
                    1 => {
                        json!({"StringEquals": {&aud.0: aud.1}, "StringLike": {&sub_key: format!("repo:{repo}:*")}})
                    }
                    2 => {
                        json!({"StringEquals": {&aud.0: aud.1}, "StringLike": {&sub_key: [format!("repo:{repo}:environment:{env}"), format!("repo:{repo}:ref:refs/tags/v*")]}})
                    }
                    _ => json!({"StringLike": {&sub_key: format!("repo:acme/{team}-*:*")}}),
                };
                let st = self.assume_statement(principal, web_identity, Some(condition));
                let verb = self
                    .rng
                    .pick(&["deploy", "plan", "apply", "publish", "test"]);
                (format!("ci-{team}-{component}-{verb}-{env}"), vec![st])
            }
            TrustKind::Irsa => {
                let (cluster, issuer) =
                    self.eks_clusters[self.rng.below(self.eks_clusters.len())].clone();
                let principal =
                    json!({"Federated": format!("arn:aws:iam::{acct}:oidc-provider/{issuer}")});
                let sa = format!("{component}-sa");
                let condition = if self.rng.percent(85) {
                    json!({"StringEquals": {
                        format!("{issuer}:sub"): format!("system:serviceaccount:{team}:{sa}"),
                        format!("{issuer}:aud"): "sts.amazonaws.com"
                    }})
                } else {
                    json!({"StringLike": {format!("{issuer}:sub"): format!("system:serviceaccount:{team}:*")}})
                };
                let st = self.assume_statement(principal, web_identity, Some(condition));
                (format!("eks-{cluster}-{team}-{sa}"), vec![st])
            }
            TrustKind::OrgWildcard => {
                let condition =
                    json!({"StringEquals": {"aws:PrincipalOrgID": self.org_id.clone()}});
                let st = self.assume_statement(json!({"AWS": "*"}), assume, Some(condition));
                (format!("org-{team}-{component}-reader"), vec![st])
            }
            TrustKind::ServicePlusRole => {
                let service = self.service();
                let principal = json!({"Service": format!("{service}.amazonaws.com")});
                let first = self.assume_statement(principal, assume.clone(), None);
                let principals = self.same_account_principals(team);
                let principal = json!({"AWS": self.one_or_list(principals)});
                let second = self.assume_statement(principal, assume, None);
                (
                    format!("{team}-{component}-{service}-{env}"),
                    vec![first, second],
                )
            }
        };
        let name = self.unique_name("role", base);
        let arn = format!("arn:aws:iam::{acct}:role{path}{name}");
        let role_id = self.rng.unique_id("AROA");
        let created_day = self.created_day();
        let created = self.timestamp(created_day);
        let trust = self.document(statements);
        let trust = self.maybe_encode(trust);
        let instance_profile_list = if instance_profile {
            vec![InstanceProfile {
                path: path.clone(),
                instance_profile_name: name.clone(),
                instance_profile_id: self.rng.unique_id("AIPA"),
                arn: format!("arn:aws:iam::{acct}:instance-profile{path}{name}"),
                create_date: Some(created.clone()),
                roles: vec![RawJson::from(json!({
                    "Path": path,
                    "RoleName": name,
                    "RoleId": role_id,
                    "Arn": arn,
                    "CreateDate": created,
                    "AssumeRolePolicyDocument": trust,
                }))],
            }]
        } else {
            Vec::new()
        };
        let inline_count = match self.rng.below(10) {
            0..=4 => 0,
            5..=7 => 1,
            8 => 2,
            _ => 3,
        };
        let role_policy_list = if kind == TrustKind::ServiceLinked {
            Vec::new()
        } else {
            self.inline_policies(team, env, component, inline_count)
        };
        let attached_managed_policies = self.attachments(catalog, 4);
        let permissions_boundary = self.boundary(catalog, 15);
        let tags = if kind == TrustKind::ServiceLinked {
            Vec::new()
        } else {
            self.tags(team, env, component)
        };
        let role_last_used = if self.rng.percent(20) {
            RoleLastUsed::default()
        } else {
            let day = self.rng.range(created_day as usize, NOW_DAY as usize) as u64;
            RoleLastUsed {
                last_used_date: Some(self.timestamp(day)),
                region: Some(self.region().into()),
            }
        };
        self.role_arns.push(arn.clone());
        RoleDetail {
            path,
            role_name: name,
            role_id,
            arn,
            create_date: Some(created),
            assume_role_policy_document: Some(trust.into()),
            instance_profile_list,
            role_policy_list,
            attached_managed_policies,
            permissions_boundary,
            tags,
            role_last_used: Some(role_last_used),
            description: None,
            max_session_duration: None,
        }
    }

    // -- groups and users -----------------------------------------------------

    fn group(&mut self, index: usize, catalog: &Catalog, roles: &[RoleDetail]) -> GroupDetail {
        let acct = self.acct;
        let team = TEAMS[index % TEAMS.len()];
        let env = self.env();
        let base = match index {
            0 => "Admins".to_string(),
            1 => "ReadOnly".to_string(),
            2 => "BillingViewers".to_string(),
            _ => match self.rng.below(4) {
                0 => format!("{team}-engineers"),
                1 => format!("{team}-oncall"),
                2 => format!("{team}-{env}-deployers"),
                _ => format!("{team}-{}-maintainers", self.component()),
            },
        };
        let name = self.unique_name("group", base);
        let mut statements = Vec::new();
        // What makes these users interesting: they may assume roles.
        let mut resources = vec![format!("arn:aws:iam::{acct}:role/{team}-*")];
        for _ in 0..self.rng.range(0, 3) {
            if !roles.is_empty() {
                resources.push(roles[self.rng.below(roles.len())].arn.clone());
            }
        }
        let mut st = serde_json::Map::new();
        st.insert("Sid".into(), json!("AssumeTeamRoles"));
        st.insert("Effect".into(), json!("Allow"));
        st.insert("Action".into(), json!(["sts:AssumeRole", "sts:TagSession"]));
        st.insert("Resource".into(), self.one_or_list(resources));
        if self.rng.percent(50) {
            st.insert(
                "Condition".into(),
                json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
            );
        }
        statements.push(Value::Object(st));
        if self.rng.percent(40) {
            statements.push(self.permission_statement(team, env, "api"));
        }
        let document = self.document(statements);
        let mut group_policy_list = vec![InlinePolicy {
            policy_name: format!("assume-{team}-roles"),
            policy_document: self.maybe_encode(document).into(),
        }];
        if self.rng.percent(30) {
            let component = self.component();
            group_policy_list.extend(self.inline_policies(team, env, component, 1));
        }
        let created_day = self.created_day();
        GroupDetail {
            path: "/".into(),
            arn: format!("arn:aws:iam::{acct}:group/{name}"),
            group_id: self.rng.unique_id("AGPA"),
            create_date: Some(self.timestamp(created_day)),
            group_policy_list,
            attached_managed_policies: self.attachments(catalog, 3),
            group_name: name,
        }
    }

    fn user(
        &mut self,
        catalog: &Catalog,
        groups: &[GroupDetail],
        roles: &[RoleDetail],
    ) -> UserDetail {
        let acct = self.acct;
        let team = self.team();
        let env = self.env();
        let component = self.component();
        let (path, base) = match self.rng.below(10) {
            0..=6 => {
                let first = self.rng.pick(&FIRST_NAMES);
                let last = self.rng.pick(&LAST_NAMES);
                let path = if self.rng.percent(50) {
                    "/"
                } else {
                    "/employees/"
                };
                (path.to_string(), format!("{first}.{last}"))
            }
            7..=8 => (
                "/service-accounts/".to_string(),
                format!("svc-{team}-{component}-{env}"),
            ),
            _ => ("/".to_string(), format!("ci-{team}-{component}")),
        };
        let name = self.unique_name("user", base);
        let group_list: Vec<String> = if groups.is_empty() {
            Vec::new()
        } else {
            let mut list: Vec<String> = (0..self.rng.range(0, 3))
                .map(|_| groups[self.rng.below(groups.len())].group_name.clone())
                .collect();
            list.sort();
            list.dedup();
            list
        };
        let mut user_policy_list = Vec::new();
        if self.rng.percent(15) && !roles.is_empty() {
            let target = roles[self.rng.below(roles.len())].arn.clone();
            let st = json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": target});
            let document = self.document(vec![st]);
            user_policy_list.push(InlinePolicy {
                policy_name: "assume-role".into(),
                policy_document: self.maybe_encode(document).into(),
            });
        }
        if self.rng.percent(10) {
            let own = format!("arn:aws:iam::{acct}:user/${{aws:username}}");
            let st = self.allow(
                &[
                    "iam:CreateAccessKey",
                    "iam:DeleteAccessKey",
                    "iam:ListAccessKeys",
                    "iam:UpdateAccessKey",
                ],
                vec![own],
            );
            let document = self.document(vec![st]);
            user_policy_list.push(InlinePolicy {
                policy_name: "manage-own-keys".into(),
                policy_document: self.maybe_encode(document).into(),
            });
        }
        let created_day = self.created_day();
        UserDetail {
            arn: format!("arn:aws:iam::{acct}:user{path}{name}"),
            user_id: self.rng.unique_id("AIDA"),
            create_date: Some(self.timestamp(created_day)),
            user_policy_list,
            group_list,
            attached_managed_policies: self.attachments(catalog, 2),
            permissions_boundary: self.boundary(catalog, 5),
            tags: if self.rng.percent(30) {
                self.tags(team, env, component)
            } else {
                Vec::new()
            },
            path,
            user_name: name,
        }
    }

    // -- managed policies -------------------------------------------------------

    fn managed_policies(
        &mut self,
        catalog: Catalog,
        roles: &[RoleDetail],
        users: &[UserDetail],
        groups: &[GroupDetail],
    ) -> Vec<ManagedPolicyDetail> {
        let mut attached: HashMap<&str, u64> = HashMap::new();
        let mut bounding: HashMap<&str, u64> = HashMap::new();
        let lists = roles
            .iter()
            .map(|r| {
                (
                    &r.attached_managed_policies,
                    r.permissions_boundary.as_ref(),
                )
            })
            .chain(users.iter().map(|u| {
                (
                    &u.attached_managed_policies,
                    u.permissions_boundary.as_ref(),
                )
            }))
            .chain(groups.iter().map(|g| (&g.attached_managed_policies, None)));
        for (links, boundary) in lists {
            for link in links {
                *attached.entry(link.policy_arn.as_str()).or_default() += 1;
            }
            if let Some(b) = boundary {
                *bounding
                    .entry(b.permissions_boundary_arn.as_str())
                    .or_default() += 1;
            }
        }
        let mut out = Vec::with_capacity(catalog.entries.len());
        for entry in &catalog.entries {
            let created_day = self.created_day();
            let (versions, default) = match entry.aws {
                Some(_) => {
                    let count = self.rng.range(1, 3);
                    (count, count - 1)
                }
                None => {
                    let count = self.rng.range(1, 5);
                    let default = if self.rng.percent(90) {
                        count - 1
                    } else {
                        self.rng.below(count)
                    };
                    (count, default)
                }
            };
            let first_number = match entry.aws {
                Some(_) => self.rng.range(1, 12),
                None => 1,
            };
            let mut days: Vec<u64> = (0..versions)
                .map(|_| self.rng.range(created_day as usize, NOW_DAY as usize) as u64)
                .collect();
            days.sort_unstable();
            days[0] = created_day;
            let policy_version_list = (0..versions)
                .map(|v| {
                    let document = self.policy_document(entry, v, versions);
                    PolicyVersion {
                        document: Some(self.maybe_encode(document).into()),
                        version_id: format!("v{}", first_number + v),
                        is_default_version: v == default,
                        create_date: Some(self.timestamp(days[v])),
                    }
                })
                .collect();
            let update_day = days[versions - 1];
            out.push(ManagedPolicyDetail {
                policy_name: Some(entry.name.clone()),
                policy_id: Some(self.rng.unique_id("ANPA")),
                arn: entry.arn.clone(),
                path: entry.path.clone(),
                default_version_id: Some(format!("v{}", first_number + default)),
                attachment_count: Some(attached.get(entry.arn.as_str()).copied().unwrap_or(0)),
                permissions_boundary_usage_count: Some(
                    bounding.get(entry.arn.as_str()).copied().unwrap_or(0),
                ),
                is_attachable: Some(true),
                description: None,
                create_date: Some(self.timestamp(created_day)),
                update_date: Some(self.timestamp(update_day)),
                policy_version_list,
            });
        }
        out
    }

    /// The document of version `version` (0-based, of `count`) of a managed
    /// policy; later versions grant a little more.
    fn policy_document(&mut self, entry: &CatalogEntry, version: usize, count: usize) -> Value {
        if let Some(i) = entry.aws {
            let (name, _, actions) = AWS_MANAGED[i];
            return match name {
                "AdministratorAccess" => self.document(vec![
                    json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
                ]),
                "PowerUserAccess" => json!({
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
                        {"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions"], "Resource": "*"}
                    ]
                }),
                _ => {
                    let dropped = (count - 1 - version).min(actions.len() - 1);
                    let keep = actions.len() - dropped;
                    let st = self.allow(&actions[..keep], vec!["*".into()]);
                    self.document(vec![st])
                }
            };
        }
        let (team, env) = (entry.team, entry.env);
        let acct = self.acct;
        let statements = match entry.purpose {
            "permissions-boundary" => vec![
                json!({"Sid": "AllowWithinTeam", "Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "sqs:*", "sns:*", "logs:*", "kms:Decrypt", "secretsmanager:GetSecretValue", "lambda:*", "states:*"], "Resource": "*"}),
                json!({"Sid": "DenyIam", "Effect": "Deny", "Action": ["iam:CreateUser", "iam:CreateAccessKey", "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:DeleteRolePermissionsBoundary"], "Resource": "*"}),
                json!({"Sid": "DenyBoundaryEdit", "Effect": "Deny", "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], "Resource": format!("arn:aws:iam::{acct}:policy/{team}-permissions-boundary-*")}),
            ],
            "assume-deploy-roles" => vec![json!({
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Resource": [format!("arn:aws:iam::{acct}:role/ci-{team}-*"), format!("arn:aws:iam::{}:role/{team}-deployer", self.siblings[0])]
            })],
            "deny-outside-regions" => vec![json!({
                "Effect": "Deny",
                "NotAction": ["iam:*", "sts:*", "cloudfront:*", "route53:*", "support:*"],
                "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}
            })],
            _ => {
                let component = self.component();
                (0..self.rng.range(1, 3))
                    .map(|_| self.permission_statement(team, env, component))
                    .collect()
            }
        };
        let mut statements = statements;
        for v in 0..version {
            statements.push(json!({
                "Sid": format!("AddedInV{}", v + 2),
                "Effect": "Allow",
                "Action": format!("cloudwatch:{}", ["PutMetricData", "GetMetricData", "ListMetrics", "DescribeAlarms"][v % 4]),
                "Resource": "*"
            }));
        }
        self.document(statements)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rolecall_core::model;
    use rolecall_core::source::{Loaded, file::parse_gaad};

    fn small() -> SyntheticSpec {
        SyntheticSpec {
            account_id: "123456789012".into(),
            roles: 400,
            users: 150,
            groups: 12,
            managed_policies: 60,
            seed: 7,
            organization: None,
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let spec = small();
        assert_eq!(generate_account(&spec), generate_account(&spec));
        let other = SyntheticSpec { seed: 8, ..small() };
        assert_ne!(generate_account(&spec), generate_account(&other));
    }

    #[test]
    fn counts_match_the_spec() {
        let spec = small();
        let snapshot = generate_account(&spec);
        assert_eq!(snapshot.role_detail_list.len(), spec.roles);
        assert_eq!(snapshot.user_detail_list.len(), spec.users);
        assert_eq!(snapshot.group_detail_list.len(), spec.groups);
        assert_eq!(snapshot.policies.len(), spec.managed_policies);
        let names: HashSet<&str> = snapshot
            .role_detail_list
            .iter()
            .map(|r| r.role_name.as_str())
            .collect();
        assert_eq!(names.len(), spec.roles, "role names are unique");
    }

    #[test]
    fn mixes_the_shapes_the_api_returns() {
        let snapshot = generate_account(&small());
        let trusts: Vec<Value> = snapshot
            .role_detail_list
            .iter()
            .filter_map(|r| r.assume_role_policy_document.as_ref())
            .map(RawJson::to_value)
            .collect();
        let encoded = trusts.iter().filter(|t| t.is_string()).count();
        assert!(encoded > 0 && encoded < trusts.len() / 4, "{encoded}");
        let dangling = trusts.iter().any(|t| {
            rolecall_core::policy::decode_document(t)
                .map(|doc| doc.to_string().contains("\"AROA"))
                .unwrap_or(false)
        });
        assert!(dangling, "some trust names a deleted role by its AROA id");
        let text = serde_json::to_string(&snapshot).unwrap_or_default();
        for needle in [
            "AWSReservedSSO_",
            "sts:ExternalId",
            "aws:PrincipalOrgID",
            "token.actions.githubusercontent.com:sub",
            "system:serviceaccount:",
            "\"Statement\":{",
            "ec2.amazonaws.com",
        ] {
            assert!(text.contains(needle), "no {needle}");
        }
    }

    #[test]
    fn round_trips_through_parse_and_build_without_warnings() {
        let spec = small();
        let snapshot = generate_account(&spec);
        for pretty in [false, true] {
            let bytes = to_json_bytes(&snapshot, pretty).expect("serializes");
            let parsed = parse_gaad(&bytes, "synthetic").expect("parses as GAAD");
            assert_eq!(parsed, snapshot);
            let model = model::build(vec![Loaded {
                origin: "synthetic".into(),
                snapshot: parsed,
            }]);
            assert!(model.warnings.is_empty(), "{:?}", &model.warnings[..]);
            assert_eq!(model.roles.len(), spec.roles);
            assert_eq!(model.users.len(), spec.users);
            assert_eq!(model.groups.len(), spec.groups);
            assert_eq!(model.policies.len(), spec.managed_policies);
            assert_eq!(model.accounts[0].account_id, spec.account_id);
            let attached = model.roles.iter().flat_map(|r| &r.attached).count();
            let resolved = model
                .roles
                .iter()
                .flat_map(|r| &r.attached)
                .filter(|l| l.policy.is_some())
                .count();
            assert_eq!(attached, resolved, "every attachment is in the snapshot");
        }
    }
}

//! rolecall's catalogue of privilege-escalation techniques, written from
//! the facts in ESCALATION.md (which cites AWS's pages, Rhino Security's
//! list and pathfinding.cloud). Each technique says what it needs, how
//! rolecall finds its edges, and what GAAD cannot show.

/// pathfinding.cloud's categories (ESCALATION D.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Already an administrator (D.1): it can take over anyone.
    Administrator,
    /// Assume a role whose trust admits the principal (sts:AssumeRole).
    Assume,
    /// Change its own permissions.
    SelfEscalation,
    /// Act as another user or role.
    PrincipalAccess,
    /// Pass a role to new compute it controls.
    NewPassRole,
    /// Take over compute that already runs as a role.
    ExistingPassRole,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Administrator => "administrator",
            Category::Assume => "assume",
            Category::SelfEscalation => "self-escalation",
            Category::PrincipalAccess => "principal-access",
            Category::NewPassRole => "new-passrole",
            Category::ExistingPassRole => "existing-passrole",
        }
    }
}

/// How rolecall finds a technique's edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The principal is effectively an administrator (D.1).
    IsAdmin,
    /// An administrator takes over a role or user (it may rewrite any trust
    /// policy, create any access key).
    AdminTakesOver,
    /// sts:AssumeRole through the role's trust policy (the assume engine).
    Assume,
    /// The actions on its own ARN: it can give itself any permission.
    OnItself,
    /// The actions on a group it is in (users).
    OnOwnGroup,
    /// `iam:CreatePolicyVersion` on a customer managed policy attached to
    /// it or to one of its groups.
    OwnPolicyVersion,
    /// `iam:AddUserToGroup` on a group that is effectively admin.
    JoinAdminGroup,
    /// The actions on role R: R's trust can be rewritten to admit it.
    RewriteTrust,
    /// The actions on user U: credentials of U. `needs`: what GAAD cannot
    /// show (key count, login profile), `None` when nothing.
    UserCredentials { needs: Option<&'static str> },
    /// `iam:PassRole` of role R (with `iam:PassedToService` = `service`)
    /// and the actions on `*`; R must trust `service`. `instance_profile`:
    /// R must be in an instance profile (EC2). `needs`: a resource GAAD
    /// cannot show, unless `unless` (an action that creates it) is allowed.
    PassRole {
        service: &'static str,
        instance_profile: bool,
        needs: Option<&'static str>,
        unless: Option<&'static str>,
    },
    /// The actions on `*` take over existing compute that runs as a role
    /// trusting `service`; GAAD cannot show that such compute exists.
    ExistingCompute {
        service: &'static str,
        needs: &'static str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Technique {
    /// Stable id.
    pub id: &'static str,
    /// Short name.
    pub name: &'static str,
    /// What the principal can do to the target, in words ("can rewrite
    /// this role's trust policy").
    pub words: &'static str,
    pub category: Category,
    /// Every action it needs.
    pub actions: &'static [&'static str],
    pub shape: Shape,
    /// The ESCALATION.md rule.
    pub rule: &'static str,
    /// Where else it is described (Rhino Security's list, pathfinding.cloud ids).
    pub references: &'static str,
}

macro_rules! technique {
    ($id:literal, $cat:ident, $name:literal, $words:literal, [$($a:literal),+], $shape:expr, $rule:literal, $refs:literal) => {
        Technique {
            id: $id,
            name: $name,
            words: $words,
            category: Category::$cat,
            actions: &[$($a),+],
            shape: $shape,
            rule: $rule,
            references: $refs,
        }
    };
}

const fn pass(service: &'static str) -> Shape {
    Shape::PassRole {
        service,
        instance_profile: false,
        needs: None,
        unless: None,
    }
}

const fn pass_needing(
    service: &'static str,
    needs: &'static str,
    unless: Option<&'static str>,
) -> Shape {
    Shape::PassRole {
        service,
        instance_profile: false,
        needs: Some(needs),
        unless,
    }
}

const fn existing(service: &'static str, needs: &'static str) -> Shape {
    Shape::ExistingCompute { service, needs }
}

pub const TECHNIQUES: &[Technique] = &[
    technique!(
        "is-admin",
        Administrator,
        "effectively an administrator",
        "is effectively an administrator",
        ["*"],
        Shape::IsAdmin,
        "D.1",
        "PMapper admin status"
    ),
    technique!(
        "admin-takes-over",
        Administrator,
        "an administrator takes over any principal",
        "as an administrator, can take over this principal",
        ["iam:UpdateAssumeRolePolicy", "iam:CreateAccessKey"],
        Shape::AdminTakesOver,
        "D.1",
        "—"
    ),
    technique!(
        "assume-role",
        Assume,
        "sts:AssumeRole",
        "can assume it",
        ["sts:AssumeRole"],
        Shape::Assume,
        "D.3",
        "pathfinding sts-001"
    ),
    // D.2 self-escalation.
    technique!(
        "put-own-user-policy",
        SelfEscalation,
        "iam:PutUserPolicy on itself",
        "can write any inline policy on itself",
        ["iam:PutUserPolicy"],
        Shape::OnItself,
        "D.2",
        "Rhino #10; pathfinding iam-007"
    ),
    technique!(
        "attach-own-user-policy",
        SelfEscalation,
        "iam:AttachUserPolicy on itself",
        "can attach any managed policy (AdministratorAccess) to itself",
        ["iam:AttachUserPolicy"],
        Shape::OnItself,
        "D.2",
        "Rhino #7; pathfinding iam-008"
    ),
    technique!(
        "put-own-role-policy",
        SelfEscalation,
        "iam:PutRolePolicy on itself",
        "can write any inline policy on itself",
        ["iam:PutRolePolicy"],
        Shape::OnItself,
        "D.2",
        "Rhino #12; pathfinding iam-005"
    ),
    technique!(
        "attach-own-role-policy",
        SelfEscalation,
        "iam:AttachRolePolicy on itself",
        "can attach any managed policy (AdministratorAccess) to itself",
        ["iam:AttachRolePolicy"],
        Shape::OnItself,
        "D.2",
        "Rhino #9; pathfinding iam-009"
    ),
    technique!(
        "put-own-group-policy",
        SelfEscalation,
        "iam:PutGroupPolicy on its group",
        "can write any inline policy on a group it is in",
        ["iam:PutGroupPolicy"],
        Shape::OnOwnGroup,
        "D.2",
        "Rhino #11; pathfinding iam-011"
    ),
    technique!(
        "attach-own-group-policy",
        SelfEscalation,
        "iam:AttachGroupPolicy on its group",
        "can attach any managed policy to a group it is in",
        ["iam:AttachGroupPolicy"],
        Shape::OnOwnGroup,
        "D.2",
        "Rhino #8; pathfinding iam-010"
    ),
    technique!(
        "create-policy-version",
        SelfEscalation,
        "iam:CreatePolicyVersion",
        "can rewrite a customer managed policy attached to itself (a new default version)",
        ["iam:CreatePolicyVersion"],
        Shape::OwnPolicyVersion,
        "D.2",
        "Rhino #1; pathfinding iam-001"
    ),
    technique!(
        "add-user-to-admin-group",
        SelfEscalation,
        "iam:AddUserToGroup",
        "can add itself to an administrators' group",
        ["iam:AddUserToGroup"],
        Shape::JoinAdminGroup,
        "D.2",
        "Rhino #13; pathfinding iam-013"
    ),
    // D.3 principal access.
    technique!(
        "update-assume-role-policy",
        PrincipalAccess,
        "iam:UpdateAssumeRolePolicy",
        "can rewrite this role's trust policy",
        ["iam:UpdateAssumeRolePolicy"],
        Shape::RewriteTrust,
        "D.3",
        "Rhino #14; pathfinding iam-012"
    ),
    technique!(
        "create-access-key",
        PrincipalAccess,
        "iam:CreateAccessKey",
        "can create an access key for this user",
        ["iam:CreateAccessKey"],
        Shape::UserCredentials {
            needs: Some("the user has fewer than 2 access keys")
        },
        "D.3",
        "Rhino #4; pathfinding iam-002"
    ),
    technique!(
        "replace-access-key",
        PrincipalAccess,
        "iam:CreateAccessKey + iam:DeleteAccessKey",
        "can replace an access key of this user",
        ["iam:CreateAccessKey", "iam:DeleteAccessKey"],
        Shape::UserCredentials { needs: None },
        "D.3",
        "pathfinding iam-003"
    ),
    technique!(
        "create-login-profile",
        PrincipalAccess,
        "iam:CreateLoginProfile",
        "can give this user a console password",
        ["iam:CreateLoginProfile"],
        Shape::UserCredentials {
            needs: Some("the user has no console password yet")
        },
        "D.3",
        "Rhino #5; pathfinding iam-004"
    ),
    technique!(
        "update-login-profile",
        PrincipalAccess,
        "iam:UpdateLoginProfile",
        "can change this user's console password",
        ["iam:UpdateLoginProfile"],
        Shape::UserCredentials {
            needs: Some("the user has a console password")
        },
        "D.3",
        "Rhino #6; pathfinding iam-006"
    ),
    // D.4 new compute with a passed role.
    technique!(
        "pass-role-ec2",
        NewPassRole,
        "iam:PassRole + ec2:RunInstances",
        "can pass it to a new EC2 instance",
        ["iam:PassRole", "ec2:RunInstances"],
        Shape::PassRole {
            service: "ec2.amazonaws.com",
            instance_profile: true,
            needs: None,
            unless: None
        },
        "D.4",
        "Rhino #3; pathfinding ec2-001"
    ),
    technique!(
        "pass-role-ec2-spot",
        NewPassRole,
        "iam:PassRole + ec2:RequestSpotInstances",
        "can pass it to a new EC2 Spot instance",
        ["iam:PassRole", "ec2:RequestSpotInstances"],
        Shape::PassRole {
            service: "ec2.amazonaws.com",
            instance_profile: true,
            needs: None,
            unless: None
        },
        "D.4",
        "pathfinding ec2-003"
    ),
    technique!(
        "pass-role-lambda",
        NewPassRole,
        "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
        "can pass it to a new Lambda function",
        [
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction"
        ],
        pass("lambda.amazonaws.com"),
        "D.4",
        "Rhino #15; pathfinding lambda-001"
    ),
    technique!(
        "pass-role-lambda-event-source",
        NewPassRole,
        "iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping",
        "can pass it to a new Lambda function fed by an event source",
        [
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:CreateEventSourceMapping"
        ],
        pass_needing(
            "lambda.amazonaws.com",
            "a DynamoDB, Kinesis or SQS event source exists",
            Some("dynamodb:CreateTable")
        ),
        "D.4",
        "Rhino #17; pathfinding lambda-002"
    ),
    technique!(
        "pass-role-lambda-add-permission",
        NewPassRole,
        "iam:PassRole + lambda:CreateFunction + lambda:AddPermission",
        "can pass it to a new Lambda function it lets itself invoke",
        [
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:AddPermission"
        ],
        pass("lambda.amazonaws.com"),
        "D.4",
        "Rhino #16; pathfinding lambda-006"
    ),
    technique!(
        "pass-role-glue-dev-endpoint",
        NewPassRole,
        "iam:PassRole + glue:CreateDevEndpoint",
        "can pass it to a new Glue development endpoint",
        ["iam:PassRole", "glue:CreateDevEndpoint"],
        pass("glue.amazonaws.com"),
        "D.4",
        "Rhino #19; pathfinding glue-001"
    ),
    technique!(
        "pass-role-glue-job",
        NewPassRole,
        "iam:PassRole + glue:CreateJob + glue:StartJobRun",
        "can pass it to a new Glue job",
        ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"],
        pass("glue.amazonaws.com"),
        "D.4",
        "pathfinding glue-003"
    ),
    technique!(
        "pass-role-glue-trigger",
        NewPassRole,
        "iam:PassRole + glue:CreateJob + glue:CreateTrigger",
        "can pass it to a new Glue job run by a trigger",
        ["iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"],
        pass("glue.amazonaws.com"),
        "D.4",
        "pathfinding glue-004"
    ),
    technique!(
        "pass-role-cloudformation",
        NewPassRole,
        "iam:PassRole + cloudformation:CreateStack",
        "can pass it to a new CloudFormation stack",
        ["iam:PassRole", "cloudformation:CreateStack"],
        pass("cloudformation.amazonaws.com"),
        "D.4",
        "Rhino #21; pathfinding cloudformation-001"
    ),
    technique!(
        "pass-role-datapipeline",
        NewPassRole,
        "iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition + datapipeline:ActivatePipeline",
        "can pass it to a new Data Pipeline",
        [
            "iam:PassRole",
            "datapipeline:CreatePipeline",
            "datapipeline:PutPipelineDefinition",
            "datapipeline:ActivatePipeline"
        ],
        pass("datapipeline.amazonaws.com"),
        "D.4",
        "Rhino #22; pathfinding datapipeline-001"
    ),
    technique!(
        "pass-role-codebuild",
        NewPassRole,
        "iam:PassRole + codebuild:CreateProject + codebuild:StartBuild",
        "can pass it to a new CodeBuild project",
        [
            "iam:PassRole",
            "codebuild:CreateProject",
            "codebuild:StartBuild"
        ],
        pass("codebuild.amazonaws.com"),
        "D.4",
        "pathfinding codebuild-001"
    ),
    technique!(
        "pass-role-codebuild-batch",
        NewPassRole,
        "iam:PassRole + codebuild:CreateProject + codebuild:StartBuildBatch",
        "can pass it to a new CodeBuild project (batch build)",
        [
            "iam:PassRole",
            "codebuild:CreateProject",
            "codebuild:StartBuildBatch"
        ],
        pass("codebuild.amazonaws.com"),
        "D.4",
        "pathfinding codebuild-004"
    ),
    technique!(
        "pass-role-sagemaker-notebook",
        NewPassRole,
        "iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl",
        "can pass it to a new SageMaker notebook",
        [
            "iam:PassRole",
            "sagemaker:CreateNotebookInstance",
            "sagemaker:CreatePresignedNotebookInstanceUrl"
        ],
        pass("sagemaker.amazonaws.com"),
        "D.4",
        "Rhino #27; pathfinding sagemaker-001"
    ),
    technique!(
        "pass-role-sagemaker-training",
        NewPassRole,
        "iam:PassRole + sagemaker:CreateTrainingJob",
        "can pass it to a new SageMaker training job",
        ["iam:PassRole", "sagemaker:CreateTrainingJob"],
        pass_needing(
            "sagemaker.amazonaws.com",
            "an S3 bucket for the job's code and output exists",
            None
        ),
        "D.4",
        "pathfinding sagemaker-002"
    ),
    technique!(
        "pass-role-sagemaker-processing",
        NewPassRole,
        "iam:PassRole + sagemaker:CreateProcessingJob",
        "can pass it to a new SageMaker processing job",
        ["iam:PassRole", "sagemaker:CreateProcessingJob"],
        pass_needing(
            "sagemaker.amazonaws.com",
            "an S3 bucket for the job's code and output exists",
            None
        ),
        "D.4",
        "pathfinding sagemaker-003"
    ),
    technique!(
        "pass-role-ecs-service",
        NewPassRole,
        "iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService",
        "can pass it to a new ECS service",
        [
            "iam:PassRole",
            "ecs:RegisterTaskDefinition",
            "ecs:CreateService"
        ],
        pass_needing(
            "ecs-tasks.amazonaws.com",
            "an ECS cluster exists",
            Some("ecs:CreateCluster")
        ),
        "D.4",
        "pathfinding ecs-001, ecs-003"
    ),
    technique!(
        "pass-role-ecs-run-task",
        NewPassRole,
        "iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask",
        "can pass it to a new ECS task",
        ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
        pass_needing(
            "ecs-tasks.amazonaws.com",
            "an ECS cluster exists",
            Some("ecs:CreateCluster")
        ),
        "D.4",
        "pathfinding ecs-002, ecs-004"
    ),
    technique!(
        "pass-role-ecs-start-task",
        NewPassRole,
        "iam:PassRole + ecs:RegisterTaskDefinition + ecs:StartTask",
        "can pass it to a new ECS task on a container instance",
        [
            "iam:PassRole",
            "ecs:RegisterTaskDefinition",
            "ecs:StartTask"
        ],
        pass_needing(
            "ecs-tasks.amazonaws.com",
            "an ECS cluster with a registered EC2 container instance exists",
            None
        ),
        "D.4",
        "pathfinding ecs-005"
    ),
    technique!(
        "pass-role-apprunner",
        NewPassRole,
        "iam:PassRole + apprunner:CreateService",
        "can pass it to a new App Runner service",
        ["iam:PassRole", "apprunner:CreateService"],
        pass("tasks.apprunner.amazonaws.com"),
        "D.4",
        "pathfinding apprunner-001"
    ),
    technique!(
        "pass-role-bedrock-code-interpreter",
        NewPassRole,
        "iam:PassRole + bedrock-agentcore:CreateCodeInterpreter + StartCodeInterpreterSession + InvokeCodeInterpreter",
        "can pass it to a new Bedrock AgentCore code interpreter",
        [
            "iam:PassRole",
            "bedrock-agentcore:CreateCodeInterpreter",
            "bedrock-agentcore:StartCodeInterpreterSession",
            "bedrock-agentcore:InvokeCodeInterpreter"
        ],
        pass("bedrock-agentcore.amazonaws.com"),
        "D.4",
        "pathfinding bedrock-001"
    ),
    // D.5 existing compute that already holds a role.
    technique!(
        "lambda-update-function-code",
        ExistingPassRole,
        "lambda:UpdateFunctionCode",
        "can replace the code of a Lambda function that runs as it",
        ["lambda:UpdateFunctionCode"],
        existing(
            "lambda.amazonaws.com",
            "a Lambda function with this role exists"
        ),
        "D.5",
        "Rhino #18; pathfinding lambda-003"
    ),
    technique!(
        "glue-update-dev-endpoint",
        ExistingPassRole,
        "glue:UpdateDevEndpoint",
        "can add its SSH key to a Glue development endpoint that runs as it",
        ["glue:UpdateDevEndpoint"],
        existing(
            "glue.amazonaws.com",
            "a Glue development endpoint with this role exists"
        ),
        "D.5",
        "Rhino #20; pathfinding glue-002"
    ),
    technique!(
        "cloudformation-update-stack",
        ExistingPassRole,
        "cloudformation:UpdateStack",
        "can update a CloudFormation stack whose service role it is",
        ["cloudformation:UpdateStack"],
        existing(
            "cloudformation.amazonaws.com",
            "a CloudFormation stack with this service role exists"
        ),
        "D.5",
        "pathfinding cloudformation-002"
    ),
    technique!(
        "cloudformation-change-set",
        ExistingPassRole,
        "cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet",
        "can change a CloudFormation stack whose service role it is",
        [
            "cloudformation:CreateChangeSet",
            "cloudformation:ExecuteChangeSet"
        ],
        existing(
            "cloudformation.amazonaws.com",
            "a CloudFormation stack with this service role exists"
        ),
        "D.5",
        "pathfinding cloudformation-005"
    ),
    technique!(
        "codebuild-start-build",
        ExistingPassRole,
        "codebuild:StartBuild",
        "can run its own buildspec in a CodeBuild project that runs as it",
        ["codebuild:StartBuild"],
        existing(
            "codebuild.amazonaws.com",
            "a CodeBuild project with this service role exists and allows buildspec overrides"
        ),
        "D.5",
        "pathfinding codebuild-002"
    ),
    technique!(
        "codebuild-start-build-batch",
        ExistingPassRole,
        "codebuild:StartBuildBatch",
        "can run its own buildspec in a CodeBuild batch project that runs as it",
        ["codebuild:StartBuildBatch"],
        existing(
            "codebuild.amazonaws.com",
            "a CodeBuild project for batch builds with this service role exists"
        ),
        "D.5",
        "pathfinding codebuild-003"
    ),
    technique!(
        "sagemaker-presigned-notebook-url",
        ExistingPassRole,
        "sagemaker:CreatePresignedNotebookInstanceUrl",
        "can open a SageMaker notebook that runs as it",
        ["sagemaker:CreatePresignedNotebookInstanceUrl"],
        existing(
            "sagemaker.amazonaws.com",
            "a running SageMaker notebook instance with this role exists"
        ),
        "D.5",
        "Rhino #28; pathfinding sagemaker-004"
    ),
    technique!(
        "ssm-send-command",
        ExistingPassRole,
        "ssm:SendCommand",
        "can run commands on an EC2 instance that runs as it",
        ["ssm:SendCommand"],
        existing(
            "ec2.amazonaws.com",
            "a running EC2 instance with this role and the SSM agent exists"
        ),
        "D.5",
        "pathfinding ssm-002"
    ),
    technique!(
        "ssm-start-session",
        ExistingPassRole,
        "ssm:StartSession",
        "can open a shell on an EC2 instance that runs as it",
        ["ssm:StartSession"],
        existing(
            "ec2.amazonaws.com",
            "a running EC2 instance with this role and the SSM agent exists"
        ),
        "D.5",
        "pathfinding ssm-001"
    ),
    technique!(
        "ec2-instance-connect",
        ExistingPassRole,
        "ec2-instance-connect:SendSSHPublicKey",
        "can log in by SSH to an EC2 instance that runs as it",
        ["ec2-instance-connect:SendSSHPublicKey"],
        existing(
            "ec2.amazonaws.com",
            "a running EC2 instance with this role, EC2 Instance Connect and port 22 reachable exists"
        ),
        "D.5",
        "pathfinding ec2instanceconnect-003"
    ),
    technique!(
        "apprunner-update-service",
        ExistingPassRole,
        "apprunner:UpdateService",
        "can change an App Runner service that runs as it",
        ["apprunner:UpdateService"],
        existing(
            "tasks.apprunner.amazonaws.com",
            "an App Runner service with this role exists"
        ),
        "D.5",
        "pathfinding apprunner-002"
    ),
];

/// The technique with this id.
pub fn technique(id: &str) -> Option<&'static Technique> {
    TECHNIQUES.iter().find(|t| t.id == id)
}

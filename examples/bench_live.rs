//! Measures rolecall's live load against a moto_server (scripts/bench_live.sh
//! runs it): populates an account of N roles and M customer managed policies
//! through the SDK (sequentially: moto crashes on concurrent writes), then
//! times full loads on each path and prints wall time and request count.
//!
//! ```text
//! cargo run --release --example bench_live -- --endpoint http://127.0.0.1:PORT \
//!     [--roles 2000] [--policies 300] [--runs 3] [--no-populate]
//! ```
//!
//! Credentials come from the environment (any value works with moto).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test, bench or example may fail loudly

use std::process::ExitCode;
use std::time::{Duration, Instant};

use aws_sdk_iam::Client;
use aws_sdk_iam::types::Tag;
use rolecall::source::live::{GaadStreams, LiveOptions, load_live};

const AWS_MANAGED: [&str; 8] = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/SecurityAudit",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/PowerUserAccess",
];

struct Args {
    endpoint: String,
    roles: usize,
    policies: usize,
    runs: usize,
    populate: bool,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        endpoint: String::new(),
        roles: 2000,
        policies: 300,
        runs: 3,
        populate: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--endpoint" => a.endpoint = value("--endpoint")?,
            "--roles" => a.roles = value("--roles")?.parse().map_err(|e| format!("{e}"))?,
            "--policies" => {
                a.policies = value("--policies")?.parse().map_err(|e| format!("{e}"))?
            }
            "--runs" => a.runs = value("--runs")?.parse().map_err(|e| format!("{e}"))?,
            "--no-populate" => a.populate = false,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.endpoint.is_empty() {
        return Err("--endpoint URL is required".into());
    }
    Ok(a)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench_live: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.populate {
        let started = Instant::now();
        let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&args.endpoint)
            .region(aws_config::Region::new("us-east-1"))
            .load()
            .await;
        let client = Client::new(&sdk);
        if let Err(e) = populate(&client, args.roles, args.policies).await {
            eprintln!("bench_live: populating failed: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!(
            "populated {} roles, {} customer managed policies in {:.1}s",
            args.roles,
            args.policies,
            started.elapsed().as_secs_f64()
        );
    }
    let cases: [(&str, GaadStreams, bool); 3] = [
        ("rolecall GAAD, one stream", GaadStreams::Single, false),
        (
            "rolecall GAAD, 5 parallel streams",
            GaadStreams::Split,
            false,
        ),
        (
            "rolecall fallback (List*/Get*, concurrency 8)",
            GaadStreams::Single,
            true,
        ),
    ];
    for (label, streams, fallback) in cases {
        let runs = if fallback { 1 } else { args.runs };
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let opts = LiveOptions {
                endpoint_url: Some(args.endpoint.clone()),
                gaad_streams: streams,
                force_fallback: fallback,
                ..LiveOptions::default()
            };
            let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
            match load_live(&opts, tx).await {
                Ok(r) => {
                    times.push(r.elapsed);
                    last = Some(r);
                }
                Err(e) => {
                    eprintln!("bench_live: {label}: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        let Some(r) = last else { continue };
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{label:<48} median {:>7.2}s (min {:.2}s, {} runs)  {:>6} requests  {} roles, {} policies, {} unavailable",
            median.as_secs_f64(),
            times
                .first()
                .copied()
                .unwrap_or(Duration::ZERO)
                .as_secs_f64(),
            times.len(),
            r.requests,
            r.snapshot.role_detail_list.len(),
            r.snapshot.policies.len(),
            r.unavailable.len()
        );
    }
    ExitCode::SUCCESS
}

fn trust(i: usize) -> String {
    let statement = match i % 6 {
        0 => r#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#.to_string(),
        1 => r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}"#.to_string(),
        2 => format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::444455556666:role/partner-{i}"}},"Action":"sts:AssumeRole","Condition":{{"StringEquals":{{"sts:ExternalId":"ext-{i}"}}}}}}"#
        ),
        3 => r#"{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/AWSSSO"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}"#.to_string(),
        4 => format!(
            r#"{{"Effect":"Allow","Principal":{{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringLike":{{"token.actions.githubusercontent.com:sub":"repo:acme/app-{i}:*"}}}}}}"#
        ),
        _ => r#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}"#.to_string(),
    };
    format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#)
}

fn permissions(i: usize) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bench-bucket-{i}/*"}},{{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:queue-{i}"}}]}}"#
    )
}

type BoxErr = Box<dyn std::error::Error>;

async fn populate(client: &Client, roles: usize, policies: usize) -> Result<(), BoxErr> {
    let mut arns = Vec::with_capacity(policies);
    for i in 0..policies {
        let out = client
            .create_policy()
            .policy_name(format!("bench-policy-{i}"))
            .policy_document(permissions(i))
            .description(format!("bench policy {i}"))
            .send()
            .await?;
        let arn = out
            .policy()
            .and_then(|p| p.arn())
            .unwrap_or_default()
            .to_string();
        if i % 3 == 0 {
            client
                .create_policy_version()
                .policy_arn(&arn)
                .policy_document(permissions(i + 10_000))
                .set_as_default(true)
                .send()
                .await?;
        }
        arns.push(arn);
    }
    for i in 0..roles {
        let name = format!("bench-role-{i}");
        let mut req = client
            .create_role()
            .role_name(&name)
            .path(if i % 4 == 0 { "/service-role/" } else { "/" })
            .assume_role_policy_document(trust(i))
            .description(format!("bench role {i}"));
        if i % 5 == 0 {
            req = req.tags(
                Tag::builder()
                    .key("team")
                    .value(format!("t{}", i % 7))
                    .build()?,
            );
        }
        if i % 10 == 0 && !arns.is_empty() {
            req = req.permissions_boundary(&arns[(i / 10) % arns.len()]);
        }
        req.send().await?;
        if !arns.is_empty() {
            client
                .attach_role_policy()
                .role_name(&name)
                .policy_arn(&arns[i % arns.len()])
                .send()
                .await?;
        }
        if i % 4 == 0 {
            client
                .attach_role_policy()
                .role_name(&name)
                .policy_arn(AWS_MANAGED[i % AWS_MANAGED.len()])
                .send()
                .await?;
        }
        if i % 3 == 0 {
            client
                .put_role_policy()
                .role_name(&name)
                .policy_name("inline")
                .policy_document(permissions(i))
                .send()
                .await?;
        }
        if i % 500 == 499 {
            eprintln!("  {} roles created", i + 1);
        }
    }
    for g in 0..10 {
        let group = format!("bench-group-{g}");
        client.create_group().group_name(&group).send().await?;
        if !arns.is_empty() {
            client
                .attach_group_policy()
                .group_name(&group)
                .policy_arn(&arns[g % arns.len()])
                .send()
                .await?;
        }
    }
    for u in 0..50 {
        let user = format!("bench-user-{u}");
        client.create_user().user_name(&user).send().await?;
        client
            .add_user_to_group()
            .user_name(&user)
            .group_name(format!("bench-group-{}", u % 10))
            .send()
            .await?;
        client
            .put_user_policy()
            .user_name(&user)
            .policy_name("assume")
            .policy_document(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
            )
            .send()
            .await?;
    }
    Ok(())
}

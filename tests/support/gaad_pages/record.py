#!/usr/bin/env python3
"""Records the GAAD pages the pagination test serves (moto never paginates GAAD).

Run once against an empty moto_server: `record.py http://127.0.0.1:PORT`.
It creates a small account with the AWS CLI's wire calls, asks moto for one
GAAD answer, and splits it into three pages chained by Marker, as real AWS
answers a large account. The role trust documents of page 2 are URL-encoded
the way real AWS sends every document (moto sends them as plain JSON).
"""
import json, os, re, sys, urllib.parse, urllib.request

URL = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
AUTH = "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0"

def call(action, **params):
    params.update(Action=action, Version="2010-05-08")
    req = urllib.request.Request(URL + "/", data=urllib.parse.urlencode(params).encode(),
                                 headers={"Authorization": AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    return urllib.request.urlopen(req).read().decode()

trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
trust_acct = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "a%b"}}}]})
doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-100%/*"}]})
urllib.request.urlopen(urllib.request.Request(URL + "/moto-api/reset", method="POST")).read()
for i in range(1, 6):
    call("CreateRole", RoleName=f"paged-role-{i}", AssumeRolePolicyDocument=trust_acct if i % 2 else trust)
call("PutRolePolicy", RoleName="paged-role-1", PolicyName="inline-s3", PolicyDocument=doc)
call("CreatePolicy", PolicyName="paged-policy", PolicyDocument=doc)
call("AttachRolePolicy", RoleName="paged-role-2", PolicyArn="arn:aws:iam::123456789012:policy/paged-policy")
call("CreateGroup", GroupName="paged-group")
call("CreateUser", UserName="paged-user")
call("AddUserToGroup", UserName="paged-user", GroupName="paged-group")
body = call("GetAccountAuthorizationDetails", **{f"Filter.member.{n}": f for n, f in enumerate(["User", "Role", "Group", "LocalManagedPolicy"], 1)})

def section(name):
    m = re.search(rf"<{name}>(.*?)</{name}>|<{name}/>", body, re.S)
    inner = m.group(1) or ""
    return re.findall(r"<member>.*?</member>(?=<member>|$)", inner, re.S) if inner else []

roles, users, groups, policies = section("RoleDetailList"), section("UserDetailList"), section("GroupDetailList"), section("Policies")
assert len(roles) == 5, len(roles)

def encode_trust(member):
    return re.sub(r"<AssumeRolePolicyDocument>(.*?)</AssumeRolePolicyDocument>",
                  lambda m: "<AssumeRolePolicyDocument>" + urllib.parse.quote(m.group(1), safe="") + "</AssumeRolePolicyDocument>",
                  member, flags=re.S)

def page(roles, users, groups, policies, marker):
    lst = lambda tag, items: f"<{tag}>{''.join(items)}</{tag}>" if items else f"<{tag}/>"
    tail = f"<IsTruncated>true</IsTruncated><Marker>{marker}</Marker>" if marker else "<IsTruncated>false</IsTruncated>"
    return ('<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountAuthorizationDetailsResult>'
            + lst("UserDetailList", users) + lst("GroupDetailList", groups) + lst("RoleDetailList", roles) + lst("Policies", policies)
            + tail + "</GetAccountAuthorizationDetailsResult><ResponseMetadata><RequestId>recorded</RequestId></ResponseMetadata></GetAccountAuthorizationDetailsResponse>")

pages = [page(roles[:2], users, [], [], "marker-page-2"),
         page([encode_trust(r) for r in roles[2:4]], [], groups, [], "marker-page-3"),
         page(roles[4:], [], [], policies, None)]
for n, p in enumerate(pages, 1):
    with open(os.path.join(HERE, f"page{n}.xml"), "w") as f:
        f.write(p)
with open(os.path.join(HERE, "pages.json"), "w") as f:
    json.dump({"": "page1.xml", "marker-page-2": "page2.xml", "marker-page-3": "page3.xml"}, f, indent=1)
print("recorded 3 pages")

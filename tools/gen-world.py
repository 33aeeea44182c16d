#!/usr/bin/env python3
"""gen-world.py — a deterministic, seeded generator of large iamsim worlds (Python standard library only).

    tools/gen-world.py --seed N --roles R --policies P --functions F --accounts A --out DIR
                       [--users U] [--encodings mixed|objects] [--compact]

Writes the world layout of issue 9 item 1 (the one tools/collect-world.sh writes), every file in AWS CLI v2
output shape, so a generated world loads exactly like a real snapshot. The same arguments always produce
byte-identical files (no clock, no hash-order iteration; only random.Random(seed)).

Parameters (defaults are the scale benchmark of issue 9 item 7):
  --seed N         PRNG seed (default 1)
  --accounts A     accounts in one organization (default 20); the first is the management account and holds
                   no functions
  --roles R        IAM roles in total (default 10000), including one OrganizationAccountAccessRole per member
                   account; about 20% are Lambda execution roles, the rest application, CI and admin roles
  --policies P     customer-managed policies in total (default 2000), spread over the accounts; about 5% of
                   each account's pool are permissions-boundary policies; each policy has 3-7 statements (5 on
                   average): lambda:InvokeFunction on specific functions (same or other accounts, unqualified,
                   :live or :*), on name-prefix and account wildcards, other services (s3, dynamodb, sqs, logs),
                   Deny statements (some NotAction), and conditions on aws:SourceIp, aws:PrincipalTag/team,
                   aws:RequestedRegion and aws:MultiFactorAuthPresent
  --functions F    Lambda functions in total (default 1000) over the member accounts, 80% in us-east-1 and 20%
                   in ap-northeast-1; each has a function policy of 1-5 statements (account roots inside and
                   outside the world, role ARNs, API Gateway / S3 / EventBridge / SNS service principals pinned
                   by AWS:SourceArn (+ AWS:SourceAccount for S3), a few unpinned, and Principal "*" with
                   aws:PrincipalOrgID); 20% have an alias `live` with its own policy, 10% an SQS event source
                   mapping, 5% a function URL, 5% an event invoke config with destinations
  --users U        IAM users (default R/50) in per-team groups with group policies
  --encodings      `mixed` (default): ~90% of IAM documents as JSON objects, ~5% JSON strings, ~5% RFC 3986
                   URL-encoded, as real dumps mix them; `objects`: all objects
  --compact        write JSON without indentation (default: indent 4, as the CLI prints)

Roles attach 1-4 managed policies of their own account, chosen with a skewed distribution so that a few
policies are attached to hundreds of roles; ~30% have 1-2 inline policies; ~15% of non-execution roles have a
boundary; every role has team/env tags. Organization: root -> OUs prod (child prod/payments), dev, sandbox;
SCPs: FullAWSAccess everywhere, deny-leave-org at the root, a region lock (us-east-1, ap-northeast-1) on prod
and dev, a dev SCP denying lambda:InvokeFunction on prod accounts' functions unless aws:PrincipalTag/team is
platform, a sandbox SCP denying lambda:Invoke* unless the principal is a sandbox-admin role; RCPs:
RCPFullAWSAccess everywhere and an STS perimeter RCP at the root.
"""
import argparse
import hashlib
import base64
import json
import os
import random
import sys
import urllib.parse

REGIONS = ["us-east-1", "us-east-1", "us-east-1", "us-east-1", "ap-northeast-1"]
TEAMS = ["payments", "search", "platform", "data", "web", "mobile", "ml", "ops"]
WORDS = ["api", "worker", "ingest", "report", "sync", "notify", "resize", "score", "billing", "audit",
         "export", "import", "index", "render", "auth", "cron"]
OUTSIDE_ACCOUNTS = ["999900001111", "888877776666"]
GLOBAL_SERVICES = ["iam:*", "organizations:*", "sts:*", "support:*", "budgets:*", "cloudfront:*", "route53:*",
                   "health:*"]


def uid(prefix, name):
    return prefix + base64.b32encode(hashlib.sha1(name.encode()).digest()).decode()[:17]


def uuid_for(name):
    h = hashlib.sha1(name.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def doc(statements):
    return {"Version": "2012-10-17", "Statement": statements}


class World:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.out = args.out
        self.indent = None if args.compact else 4
        n = args.accounts
        self.accounts = [f"{210000000000 + i * 1010101:012d}" for i in range(n)]
        self.mgmt = self.accounts[0]
        self.members = self.accounts[1:] or self.accounts
        self.org_id = "o-" + hashlib.sha1(f"org{args.seed}".encode()).hexdigest()[:10]
        self.root_id = "r-" + hashlib.sha1(f"root{args.seed}".encode()).hexdigest()[:4]
        # OU placement of member accounts, round-robin.
        self.ou_names = ["prod", "payments", "dev", "sandbox"]
        self.ou_of = {a: self.ou_names[i % 4] for i, a in enumerate(self.members) if a != self.mgmt}
        self.prod_accounts = [a for a, o in self.ou_of.items() if o in ("prod", "payments")]
        self.files = 0

    # ------------------------------------------------------------------ output
    def write(self, rel, obj):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            if self.indent is None:
                f.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
            else:
                f.write(json.dumps(obj, ensure_ascii=False, indent=self.indent))
            f.write("\n")
        self.files += 1

    def encode(self, document):
        """An IAM policy document as a real dump may hold it."""
        if self.args.encodings == "objects":
            return document
        r = self.rng.random()
        if r < 0.05:
            return json.dumps(document, separators=(",", ":"))
        if r < 0.10:
            return urllib.parse.quote(json.dumps(document, separators=(",", ":")), safe="")
        return document

    # ------------------------------------------------------------------ naming
    def date(self, salt):
        r = random.Random(f"{self.args.seed}:{salt}")
        return f"20{r.randint(21, 24)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:" \
               f"{r.randint(0, 59):02d}:{r.randint(0, 59):02d}+00:00"

    # ------------------------------------------------------------------ functions first (policies name them)
    def plan_functions(self):
        rng = self.rng
        self.functions = []  # (account, region, name)
        holders = [a for a in self.members if a != self.mgmt] or [self.mgmt]
        for i in range(self.args.functions):
            account = holders[i % len(holders)]
            region = rng.choice(REGIONS)
            team = rng.choice(TEAMS)
            name = f"{team}-{rng.choice(WORDS)}-{i:04d}"
            self.functions.append((account, region, name, team))
        self.functions_by_account = {}
        for f in self.functions:
            self.functions_by_account.setdefault(f[0], []).append(f)

    def fn_arn(self, f, qualifier=None):
        account, region, name = f[0], f[1], f[2]
        arn = f"arn:aws:lambda:{region}:{account}:function:{name}"
        return arn + (":" + qualifier if qualifier else "")

    # ------------------------------------------------------------------ statements
    def some_functions(self, account, k):
        rng = self.rng
        # With no functions at all, policies name a function that does not exist (as real ones do).
        everyone = self.functions or [(account, "us-east-1", "retired-function", "ops")]
        own = self.functions_by_account.get(account) or everyone
        picks = []
        for _ in range(k):
            pool = own if rng.random() < 0.7 else everyone
            picks.append(rng.choice(pool))
        return picks

    def condition(self, team):
        rng = self.rng
        c = rng.randrange(5)
        if c == 0:
            return {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]}}
        if c == 1:
            return {"StringEquals": {"aws:PrincipalTag/team": team}}
        if c == 2:
            return {"StringEquals": {"aws:RequestedRegion": rng.choice(["us-east-1", "ap-northeast-1"])}}
        if c == 3:
            return {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        return {"StringLike": {"aws:PrincipalTag/env": ["prod", "staging"]}}

    def statement(self, account, team, sid):
        rng = self.rng
        kind = rng.choices(["invoke", "wildcard", "other", "deny", "conditional", "notaction"],
                           weights=[30, 12, 28, 10, 15, 5])[0]
        if kind == "invoke":
            fs = self.some_functions(account, rng.randint(1, 3))
            res = []
            for f in fs:
                q = rng.random()
                res.append(self.fn_arn(f, "live" if q < 0.15 else "*" if q < 0.25 else None))
            if rng.random() < 0.3:
                res.append(self.fn_arn(fs[0]) + ":*")
            return {"Sid": sid, "Effect": "Allow", "Action": "lambda:InvokeFunction",
                    "Resource": res[0] if len(res) == 1 else sorted(set(res))}
        if kind == "wildcard":
            target = account if rng.random() < 0.7 else rng.choice(self.members)
            if rng.random() < 0.6:
                res = f"arn:aws:lambda:{rng.choice(['us-east-1', 'ap-northeast-1', '*'])}:{target}:function:" \
                      f"{rng.choice(TEAMS)}-*"
            else:
                res = f"arn:aws:lambda:*:{target}:function:*"
            actions = "lambda:InvokeFunction" if rng.random() < 0.7 else ["lambda:InvokeFunction", "lambda:GetFunction"]
            return {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": res}
        if kind == "other":
            svc = rng.randrange(4)
            if svc == 0:
                b = f"{team}-{rng.choice(WORDS)}-{rng.randrange(100)}"
                return {"Sid": sid, "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                        "Resource": f"arn:aws:s3:::{b}/*"}
            if svc == 1:
                return {"Sid": sid, "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"],
                        "Resource": f"arn:aws:dynamodb:us-east-1:{account}:table/{team}-{rng.choice(WORDS)}"}
            if svc == 2:
                return {"Sid": sid, "Effect": "Allow", "Action": "sqs:SendMessage",
                        "Resource": f"arn:aws:sqs:us-east-1:{account}:{team}-{rng.choice(WORDS)}"}
            return {"Sid": sid, "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": "*"}
        if kind == "deny":
            f = self.some_functions(account, 1)[0]
            st = {"Sid": sid, "Effect": "Deny", "Action": "lambda:InvokeFunction",
                  "Resource": self.fn_arn(f) if rng.random() < 0.6 else
                  f"arn:aws:lambda:*:*:function:{f[3]}-*"}
            if rng.random() < 0.6:
                st["Condition"] = {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}
            return st
        if kind == "conditional":
            fs = self.some_functions(account, rng.randint(1, 2))
            return {"Sid": sid, "Effect": "Allow", "Action": "lambda:InvokeFunction",
                    "Resource": [self.fn_arn(f) for f in fs] if len(fs) > 1 else self.fn_arn(fs[0]),
                    "Condition": self.condition(team)}
        return {"Sid": sid, "Effect": "Deny", "NotAction": ["lambda:*", "s3:*", "logs:*", "sqs:*", "dynamodb:*"],
                "Resource": "*"}

    def policy_doc(self, account, team, n, prefix):
        return doc([self.statement(account, team, f"{prefix}{j}") for j in range(n)])

    def boundary_doc(self, account, team):
        rng = self.rng
        lam = "arn:aws:lambda:*:*:function:*" if rng.random() < 0.5 else f"arn:aws:lambda:*:{account}:function:{team}-*"
        return doc([
            {"Sid": "Lambda", "Effect": "Allow", "Action": ["lambda:InvokeFunction", "lambda:GetFunction"], "Resource": lam},
            {"Sid": "Data", "Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "sqs:*", "logs:*"], "Resource": "*"},
            {"Sid": "NoIam", "Effect": "Deny", "Action": ["iam:*", "organizations:*"], "Resource": "*"},
        ])

    # ------------------------------------------------------------------ IAM
    def build_iam(self):
        rng = self.rng
        a = self.args
        n_acc = len(self.accounts)
        # Managed policy pools per account.
        pools = {acct: [] for acct in self.accounts}
        boundaries = {acct: [] for acct in self.accounts}
        policy_docs = {}
        for i in range(a.policies):
            acct = self.accounts[i % n_acc]
            team = rng.choice(TEAMS)
            is_boundary = (i // n_acc) % 20 == 19
            name = f"{team}-{'boundary' if is_boundary else 'access'}-{i:05d}"
            arn = f"arn:aws:iam::{acct}:policy/{name}"
            if is_boundary:
                policy_docs[arn] = [("v1", self.boundary_doc(acct, team))]
                boundaries[acct].append(arn)
            else:
                versions = [("v1", self.policy_doc(acct, team, rng.randint(3, 7), "S"))]
                if rng.random() < 0.1:  # an older, non-default version
                    versions.append(("v2", self.policy_doc(acct, team, rng.randint(3, 7), "S")))
                    versions.reverse()  # newest first, as GAAD lists them; v2 default
                policy_docs[arn] = versions
                pools[acct].append(arn)

        admin = "arn:aws:iam::aws:policy/AdministratorAccess"
        basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        sqs_exec = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
        aws_docs = {
            admin: doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
            basic: doc([{"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                         "Resource": "*"}]),
            sqs_exec: doc([{"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                                                          "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                            "Resource": "*"}]),
        }

        # Roles.
        roles = {acct: [] for acct in self.accounts}
        self.exec_roles = {acct: [] for acct in self.accounts}
        attach_count = {}
        boundary_count = {}
        member_oaar = [acct for acct in self.accounts if acct != self.mgmt]
        n_roles = max(a.roles - len(member_oaar), 0)
        for acct in member_oaar:
            roles[acct].append(self.role(acct, "OrganizationAccountAccessRole", "/",
                                         self.trust_aws(f"arn:aws:iam::{self.mgmt}:root"), [], [admin], None,
                                         {"team": "platform", "env": "prod"}))
            attach_count[admin] = attach_count.get(admin, 0) + 1
        all_role_arns = []
        for i in range(n_roles):
            acct = self.accounts[(i % (n_acc * 10)) // 10 if n_acc > 1 else 0]
            if acct == self.mgmt and rng.random() < 0.8 and n_acc > 1:
                acct = self.members[i % len(self.members)]
            team = rng.choice(TEAMS)
            kind = rng.choices(["exec", "app", "ci", "analyst", "admin"], weights=[20, 50, 15, 10, 5])[0]
            name = f"{team}-{kind}-{i:05d}"
            path = "/service-role/" if kind == "exec" and rng.random() < 0.5 else "/"
            tags = {"team": team, "env": rng.choice(["prod", "prod", "staging", "dev"])}
            if kind == "admin" and self.ou_of.get(acct) == "sandbox":
                name = f"sandbox-admin-{i:05d}"
            if kind == "exec":
                trust = self.trust_service("lambda.amazonaws.com")
                attached = [basic] + ([sqs_exec] if rng.random() < 0.3 else [])
            elif kind == "app":
                trust = self.trust_service(rng.choice(["ecs-tasks.amazonaws.com", "ec2.amazonaws.com"]))
                attached = []
            elif kind == "ci":
                if rng.random() < 0.5:
                    trust = doc([{"Effect": "Allow",
                                  "Principal": {"Federated": f"arn:aws:iam::{acct}:oidc-provider/token.actions.githubusercontent.com"},
                                  "Action": "sts:AssumeRoleWithWebIdentity",
                                  "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                                                "StringLike": {"token.actions.githubusercontent.com:sub": f"repo:example/{team}-*:*"}}}])
                else:
                    trust = doc([{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{rng.choice(self.accounts)}:root"},
                                  "Action": "sts:AssumeRole",
                                  "Condition": {"StringEquals": {"sts:ExternalId": f"ci-{team}"}}}])
                attached = []
            elif kind == "analyst":
                trust = self.trust_aws(f"arn:aws:iam::{self.mgmt}:root")
                attached = []
            else:
                trust = self.trust_aws(f"arn:aws:iam::{self.mgmt}:root")
                attached = [admin] if rng.random() < 0.5 else []
            pool = pools[acct]
            if pool and kind != "admin":
                k = rng.randint(1, 4)
                # Skewed choice: low indexes are popular (attached to many roles).
                for _ in range(k):
                    idx = min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1)
                    arn = pool[idx] if rng.random() < 0.6 else rng.choice(pool)
                    if arn not in attached:
                        attached.append(arn)
            for arn in attached:
                attach_count[arn] = attach_count.get(arn, 0) + 1
            inline = []
            if rng.random() < 0.3:
                for j in range(rng.randint(1, 2)):
                    inline.append((f"inline-{j}", self.policy_doc(acct, team, rng.randint(1, 3), "I")))
            boundary = None
            if kind != "exec" and boundaries[acct] and rng.random() < 0.15:
                boundary = rng.choice(boundaries[acct])
                boundary_count[boundary] = boundary_count.get(boundary, 0) + 1
            r = self.role(acct, name, path, trust, inline, attached, boundary, tags)
            roles[acct].append(r)
            all_role_arns.append(r["Arn"])
            if kind == "exec":
                self.exec_roles[acct].append(r["Arn"])
        self.all_role_arns = all_role_arns

        # Users and groups.
        n_users = a.users if a.users is not None else a.roles // 50
        users = {acct: [] for acct in self.accounts}
        groups = {acct: {} for acct in self.accounts}
        for i in range(n_users):
            acct = self.accounts[i % n_acc]
            team = rng.choice(TEAMS)
            gname = f"team-{team}"
            if gname not in groups[acct]:
                gattached = [rng.choice(pools[acct])] if pools[acct] and rng.random() < 0.5 else []
                for arn in gattached:
                    attach_count[arn] = attach_count.get(arn, 0) + 1
                groups[acct][gname] = {
                    "Path": "/",
                    "GroupName": gname,
                    "GroupId": uid("AGPA", f"{acct}:group:{gname}"),
                    "Arn": f"arn:aws:iam::{acct}:group/{gname}",
                    "CreateDate": self.date(f"g{acct}{gname}"),
                    "GroupPolicyList": [{"PolicyName": f"{gname}-inline",
                                         "PolicyDocument": self.encode(self.policy_doc(acct, team, rng.randint(2, 4), "G"))}],
                    "AttachedManagedPolicies": [{"PolicyName": x.rsplit("/", 1)[1], "PolicyArn": x} for x in gattached],
                }
            uname = f"{team}-user-{i:04d}"
            users[acct].append({
                "Path": "/",
                "UserName": uname,
                "UserId": uid("AIDA", f"{acct}:user:{uname}"),
                "Arn": f"arn:aws:iam::{acct}:user/{uname}",
                "CreateDate": self.date(f"u{acct}{uname}"),
                "UserPolicyList": [],
                "GroupList": [gname],
                "AttachedManagedPolicies": [],
                "Tags": [{"Key": "team", "Value": team}],
            })

        # GAAD per account.
        for acct in self.accounts:
            used_aws = sorted({x for r in roles[acct] for x in (p["PolicyArn"] for p in r["AttachedManagedPolicies"])
                               if x.startswith("arn:aws:iam::aws:")})
            policies = []
            for arn in used_aws:
                name = arn.rsplit("/", 1)[1]
                policies.append(self.managed_entry(arn, [("v1", aws_docs[arn])], attach_count.get(arn, 0), 0,
                                                   "2015-02-06T18:39:46+00:00"))
            for arn in sorted(pools[acct] + boundaries[acct]):
                policies.append(self.managed_entry(arn, policy_docs[arn], attach_count.get(arn, 0),
                                                   boundary_count.get(arn, 0), self.date(arn)))
            gaad = {
                "UserDetailList": users[acct],
                "GroupDetailList": [groups[acct][g] for g in sorted(groups[acct])],
                "RoleDetailList": sorted(roles[acct], key=lambda r: r["RoleName"]),
                "Policies": policies,
            }
            self.write(f"{acct}/iam.json", gaad)

    def trust_service(self, service):
        return doc([{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}])

    def trust_aws(self, arn):
        return doc([{"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}])

    def role(self, acct, name, path, trust, inline, attached, boundary, tags):
        r = {
            "Path": path,
            "RoleName": name,
            "RoleId": uid("AROA", f"{acct}:role:{name}"),
            "Arn": f"arn:aws:iam::{acct}:role{path}{name}",
            "CreateDate": self.date(f"r{acct}{name}"),
            "AssumeRolePolicyDocument": self.encode(trust),
            "InstanceProfileList": [],
            "RolePolicyList": [{"PolicyName": n, "PolicyDocument": self.encode(d)} for n, d in inline],
            "AttachedManagedPolicies": [{"PolicyName": x.rsplit("/", 1)[1], "PolicyArn": x} for x in attached],
        }
        if boundary:
            r["PermissionsBoundary"] = {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                        "PermissionsBoundaryArn": boundary}
        r["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
        r["RoleLastUsed"] = {}
        return r

    def managed_entry(self, arn, versions, attachments, boundary_uses, created):
        name = arn.rsplit("/", 1)[1]
        path = arn.split(":policy", 1)[1][: -len(name)]
        default = max(v for v, _ in versions)
        return {
            "PolicyName": name,
            "PolicyId": uid("ANPA", arn),
            "Arn": arn,
            "Path": path,
            "DefaultVersionId": default,
            "AttachmentCount": attachments,
            "PermissionsBoundaryUsageCount": boundary_uses,
            "IsAttachable": True,
            "CreateDate": created,
            "UpdateDate": created,
            "PolicyVersionList": [{"Document": self.encode(d), "VersionId": v, "IsDefaultVersion": v == default,
                                   "CreateDate": created} for v, d in versions],
        }

    # ------------------------------------------------------------------ Lambda
    def function_statement(self, f, sid, resource):
        rng = self.rng
        account, region, name, team = f
        kind = rng.choices(["account", "role", "apigw", "s3", "events", "sns", "org", "unpinned"],
                           weights=[18, 18, 20, 12, 10, 8, 10, 4])[0]
        st = {"Sid": sid, "Effect": "Allow"}
        if kind == "account":
            other = rng.choice(OUTSIDE_ACCOUNTS) if rng.random() < 0.1 else rng.choice(self.accounts)
            st["Principal"] = {"AWS": f"arn:aws:iam::{other}:root"}
        elif kind == "role":
            st["Principal"] = {"AWS": rng.choice(self.all_role_arns)} if self.all_role_arns else "*"
        elif kind == "org":
            st["Principal"] = "*"
        else:
            svc = {"apigw": "apigateway", "s3": "s3", "events": "events", "sns": "sns",
                   "unpinned": rng.choice(["sns", "events", "s3"])}[kind]
            st["Principal"] = {"Service": f"{svc}.amazonaws.com"}
        st["Action"] = "lambda:InvokeFunction"
        st["Resource"] = resource
        if kind == "apigw":
            api = hashlib.sha1(f"{account}{name}{sid}".encode()).hexdigest()[:10]
            method = rng.choice(["GET", "POST", "*"])
            st["Condition"] = {"ArnLike": {"AWS:SourceArn": f"arn:aws:execute-api:{region}:{account}:{api}/*/{method}/{rng.choice(WORDS)}"}}
        elif kind == "s3":
            st["Condition"] = {"StringEquals": {"AWS:SourceAccount": account},
                               "ArnLike": {"AWS:SourceArn": f"arn:aws:s3:::{team}-{rng.choice(WORDS)}-{account}"}}
        elif kind == "events":
            st["Condition"] = {"ArnLike": {"AWS:SourceArn": f"arn:aws:events:{region}:{account}:rule/{team}-{rng.choice(WORDS)}"}}
        elif kind == "sns":
            st["Condition"] = {"ArnLike": {"AWS:SourceArn": f"arn:aws:sns:{region}:{account}:{team}-{rng.choice(WORDS)}"}}
        elif kind == "org":
            st["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": self.org_id}}
        return st

    def build_lambda(self):
        rng = self.rng
        by_dir = {}
        for f in self.functions:
            by_dir.setdefault((f[0], f[1]), []).append(f)
        for (account, region), fs in sorted(by_dir.items()):
            base = f"{account}/{region}/lambda"
            listed = []
            mappings = []
            for f in fs:
                name, team = f[2], f[3]
                execs = self.exec_roles.get(account) or [f"arn:aws:iam::{account}:role/service-role/{name}-role"]
                role = rng.choice(execs)
                fn = {
                    "FunctionName": name,
                    "FunctionArn": self.fn_arn(f),
                    "Runtime": rng.choice(["python3.12", "nodejs20.x", "java21", "provided.al2023"]),
                    "Role": role,
                    "Handler": "index.handler",
                    "CodeSize": rng.randint(300, 5_000_000),
                    "Description": "",
                    "Timeout": rng.choice([3, 30, 60, 900]),
                    "MemorySize": rng.choice([128, 256, 512, 1024]),
                    "LastModified": self.date(f"lm{name}").replace("+00:00", ".000+0000"),
                    "CodeSha256": base64.b64encode(hashlib.sha256(name.encode()).digest()).decode(),
                    "Version": "$LATEST",
                }
                if rng.random() < 0.1:
                    fn["DeadLetterConfig"] = {"TargetArn": f"arn:aws:sqs:{region}:{account}:{name}-dlq"}
                fn.update({"TracingConfig": {"Mode": "PassThrough"}, "RevisionId": uuid_for("rev" + name),
                           "PackageType": "Zip", "Architectures": [rng.choice(["x86_64", "arm64"])],
                           "EphemeralStorage": {"Size": 512}})
                listed.append(fn)

                n = rng.randint(1, 5)
                statements = [self.function_statement(f, f"s{j}-{uuid_for(name + str(j))[:8]}", self.fn_arn(f))
                              for j in range(n)]
                has_url = rng.random() < 0.05
                url_public = has_url and rng.random() < 0.3
                if url_public:
                    statements.append({"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*",
                                       "Action": "lambda:InvokeFunctionUrl", "Resource": self.fn_arn(f),
                                       "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}})
                self.write(f"{base}/{name}.policy.json", {
                    "Policy": json.dumps({"Version": "2012-10-17", "Id": "default", "Statement": statements},
                                         separators=(",", ":")),
                    "RevisionId": uuid_for("pol" + name)})
                aliases = []
                if rng.random() < 0.2:
                    aliases.append({"AliasArn": self.fn_arn(f, "live"), "Name": "live", "FunctionVersion": "3",
                                    "Description": "", "RevisionId": uuid_for("alias" + name)})
                    alias_statements = [self.function_statement(f, f"live{j}", self.fn_arn(f, "live"))
                                        for j in range(rng.randint(1, 2))]
                    self.write(f"{base}/{name}@live.policy.json", {
                        "Policy": json.dumps({"Version": "2012-10-17", "Id": "default", "Statement": alias_statements},
                                             separators=(",", ":")),
                        "RevisionId": uuid_for("livepol" + name)})
                self.write(f"{base}/{name}.aliases.json", {"Aliases": aliases})
                if has_url:
                    self.write(f"{base}/{name}.url.json", {
                        "FunctionUrl": f"https://{hashlib.sha1(name.encode()).hexdigest()[:32]}.lambda-url.{region}.on.aws/",
                        "FunctionArn": self.fn_arn(f),
                        "AuthType": "NONE" if url_public else "AWS_IAM",
                        "CreationTime": self.date(f"url{name}").replace("+00:00", ".000000Z"),
                        "LastModifiedTime": self.date(f"url{name}").replace("+00:00", ".000000Z"),
                        "InvokeMode": "BUFFERED",
                    })
                if rng.random() < 0.05:
                    self.write(f"{base}/{name}.event-invoke-config.json", {
                        "LastModified": self.date(f"eic{name}"),
                        "FunctionArn": self.fn_arn(f, "$LATEST"),
                        "MaximumRetryAttempts": 2,
                        "MaximumEventAgeInSeconds": 21600,
                        "DestinationConfig": {
                            "OnSuccess": {"Destination": f"arn:aws:sqs:{region}:{account}:{name}-results"},
                            "OnFailure": {"Destination": f"arn:aws:sns:{region}:{account}:{team}-alerts"},
                        },
                    })
                if rng.random() < 0.1:
                    u = uuid_for("esm" + name)
                    mappings.append({
                        "UUID": u,
                        "BatchSize": 10,
                        "MaximumBatchingWindowInSeconds": 0,
                        "EventSourceArn": f"arn:aws:sqs:{region}:{account}:{name}-jobs",
                        "FunctionArn": self.fn_arn(f),
                        "LastModified": self.date(f"esm{name}"),
                        "State": "Enabled",
                        "StateTransitionReason": "USER_INITIATED",
                        "FunctionResponseTypes": [],
                        "EventSourceMappingArn": f"arn:aws:lambda:{region}:{account}:event-source-mapping:{u}",
                    })
            self.write(f"{base}/functions.json", {"Functions": listed})
            self.write(f"{base}/event-source-mappings.json", {"EventSourceMappings": mappings})

    # ------------------------------------------------------------------ organization
    def build_org(self):
        both = ["FullAWSAccess", "RCPFullAWSAccess"]
        prod_fns = [f"arn:aws:lambda:*:{a}:function:*" for a in self.prod_accounts] or ["arn:aws:lambda:*:000000000000:function:*"]
        policies = {
            "FullAWSAccess": {"type": "SCP", "document": doc([{"Effect": "Allow", "Action": "*", "Resource": "*"}])},
            "RCPFullAWSAccess": {"type": "RCP", "document": doc([{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}])},
            "deny-leave-org": {"type": "SCP", "document": doc([{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}])},
            "region-lock": {"type": "SCP", "document": doc([{
                "Sid": "DenyOtherRegions", "Effect": "Deny", "NotAction": GLOBAL_SERVICES, "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "ap-northeast-1"]},
                              "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole"}}}])},
            "dev-no-prod-invoke": {"type": "SCP", "document": doc([{
                "Sid": "DenyInvokingProdFunctions", "Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": prod_fns,
                "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "platform"}}}])},
            "sandbox-invoke-admins-only": {"type": "SCP", "document": doc([{
                "Sid": "DenyInvokeExceptSandboxAdmins", "Effect": "Deny", "Action": "lambda:Invoke*", "Resource": "*",
                "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/sandbox-admin-*"}}}])},
            "rcp-sts-perimeter": {"type": "RCP", "document": doc([{
                "Sid": "DenyAssumeRoleFromOutsideTheOrg", "Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole",
                "Resource": "*",
                "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": self.org_id},
                              "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}])},
        }

        def accounts_in(ou):
            return [{"id": a, "policies": list(both)} for a in self.members if self.ou_of.get(a) == ou]

        def ou_id(name):
            return f"ou-{self.root_id[2:]}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"

        root = {
            "id": self.root_id,
            "policies": both + ["deny-leave-org", "rcp-sts-perimeter"],
            "accounts": [{"id": self.mgmt, "policies": list(both)}],
            "children": [
                {"id": ou_id("prod"), "name": "prod", "policies": both + ["region-lock"], "accounts": accounts_in("prod"),
                 "children": [{"id": ou_id("payments"), "name": "payments", "policies": list(both),
                               "accounts": accounts_in("payments"), "children": []}]},
                {"id": ou_id("dev"), "name": "dev", "policies": both + ["region-lock", "dev-no-prod-invoke"],
                 "accounts": accounts_in("dev"), "children": []},
                {"id": ou_id("sandbox"), "name": "sandbox", "policies": both + ["sandbox-invoke-admins-only"],
                 "accounts": accounts_in("sandbox"), "children": []},
            ],
        }
        self.write("organization.json", {"id": self.org_id, "managementAccount": self.mgmt,
                                         "policies": policies, "root": root})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--roles", type=int, default=10000)
    p.add_argument("--policies", type=int, default=2000)
    p.add_argument("--functions", type=int, default=1000)
    p.add_argument("--accounts", type=int, default=20)
    p.add_argument("--users", type=int, default=None)
    p.add_argument("--encodings", choices=["mixed", "objects"], default="mixed")
    p.add_argument("--compact", action="store_true")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if args.accounts < 1 or min(args.roles, args.policies, args.functions) < 0:
        p.error("--accounts must be >= 1 and counts >= 0")
    if os.path.exists(args.out) and os.listdir(args.out):
        p.error(f"{args.out} exists and is not empty")
    w = World(args)
    w.plan_functions()
    w.build_iam()
    w.build_lambda()
    w.build_org()
    print(f"gen-world: {w.files} files in {args.out} (seed {args.seed}, {args.accounts} accounts, {args.roles} roles, "
          f"{args.policies} policies, {args.functions} functions)", file=sys.stderr)


if __name__ == "__main__":
    main()

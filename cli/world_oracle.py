#!/usr/bin/env python3
"""The oracle of testdata/worlds/qiita/README.md, as checks on iamsim's JSON output.

Used by cli/world_golden_test.sh, so that neither a test run nor UPDATE_GOLDEN=1 can accept an
output that contradicts the README:

  world_oracle.py check CASE < OUTPUT      exit 1 (and say why) when OUTPUT contradicts the README
                                           (who-can and paths: their JSON; can: its text)

Intended differences from the README tables (not errors): iamsim also lists the root user of each
world account where it is allowed (kind "root"), and `paths` also lists apigateway.amazonaws.com as
a `service` path.
"""
import json
import re
import sys

F = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample"
APP = "arn:aws:iam::111122223333:role/app"
COGNITO = "arn:aws:iam::111122223333:role/cognito-app"
ALICE = "arn:aws:iam::111122223333:user/alice"
OAAR111 = "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole"
OAAR444 = "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole"
APIGW_ROLE = "arn:aws:iam::444455556666:role/qiita-apigw-invoke"
EXEC_ROLE = "arn:aws:iam::444455556666:role/service-role/QiitaSample-role"
ROOT111 = "arn:aws:iam::111122223333:root"
ROOT444 = "arn:aws:iam::444455556666:root"
ORG_ROOT = "arn:aws:iam::111111111111:root"
EXEC_API = "arn:aws:execute-api:us-east-1:444455556666:"

MFA = [[("Bool", "aws:multifactorauthpresent", ("true",))]]


def atoms(conditions):
    """[[{operator, key, values}]] -> sorted alternatives of sorted (op, lower key, values)."""
    return sorted(sorted((a["operator"], a["key"].lower(), tuple(a["values"])) for a in alt)
                  for alt in conditions)


def cond(*alternatives):
    return sorted(sorted(alt) for alt in alternatives)


# who-can: principal -> (kind, conditions, via). The README's tables, plus the world roots.
WHO_CAN = {
    "who-can-invoke.json": {
        APP: ("role", [], []),
        OAAR444: ("role", [], []),
        APIGW_ROLE: ("role", [], []),
        ROOT444: ("root", [], []),
        "apigateway.amazonaws.com": ("service", cond([("ArnLike", "aws:sourcearn", (
            EXEC_API + "a1b2c3d4e5/*/POST/items",))]), []),
        "s3.amazonaws.com": ("service", cond([
            ("StringEquals", "aws:sourceaccount", ("444455556666",)),
            ("ArnLike", "aws:sourcearn", ("arn:aws:s3:::qiita-uploads",))]), []),
        "events.amazonaws.com": ("service", cond([("ArnLike", "aws:sourcearn", (
            "arn:aws:events:us-east-1:444455556666:rule/qiita-nightly",))]), []),
        "sns.amazonaws.com": ("service", [], []),
    },
    "who-can-invoke-prod.json": {
        APP: ("role", [], []),
        COGNITO: ("role", [], []),
        ALICE: ("user", cond(*MFA), []),
        OAAR111: ("role", [], []),
        OAAR444: ("role", [], []),
        ROOT111: ("root", [], []),
        ROOT444: ("root", [], []),
        "apigateway.amazonaws.com": ("service", cond([("ArnLike", "aws:sourcearn", (
            EXEC_API + "x1y2z3w4v5/*/POST/orders",))]), []),
    },
    "who-can-invoke-url-prod.json": {
        APP: ("role", [], []),
        OAAR444: ("role", [], []),
        ROOT444: ("root", [], []),
    },
}
VIA = dict(WHO_CAN["who-can-invoke-prod.json"])
VIA.update({
    "cognito-identity.amazonaws.com": ("federated", cond([
        ("StringEquals", "cognito-identity.amazonaws.com:aud",
         ("us-east-1:7c9a1e52-3b4d-4f6a-9e8b-1d2c3b4a5f60",)),
        ("ForAnyValue:StringLike", "cognito-identity.amazonaws.com:amr", ("authenticated",))]),
        [COGNITO]),
    "ecs-tasks.amazonaws.com": ("service", [], [APP]),
})
WHO_CAN["who-can-invoke-prod-via-assume-role.json"] = VIA
# The README: account 111111111111 -> OrganizationAccountAccessRole of BOTH accounts.
ORG_ROOT_CHAINS = [[OAAR111], [OAAR444]]


def check_who_can(case, data, fail):
    want = WHO_CAN[case]
    got = {}
    org_chains = []
    for e in data["principals"]:
        if e["principal"] == ORG_ROOT and case.endswith("via-assume-role.json"):
            if e["kind"] != "account" or e.get("via") not in ORG_ROOT_CHAINS or e["conditions"]:
                fail(f"{ORG_ROOT}: want kind account via one OrganizationAccountAccessRole, got {e}")
            org_chains.append(e.get("via"))
            continue
        if e["principal"] in got:
            fail(f"{e['principal']} listed twice")
        got[e["principal"]] = (e["kind"], atoms(e["conditions"]), e.get("via", []))
        if e["decision"] != "Allow":
            fail(f"{e['principal']}: decision {e['decision']}")
    if case.endswith("via-assume-role.json") and sorted(org_chains) != sorted(ORG_ROOT_CHAINS):
        fail(f"{ORG_ROOT}: want one entry per chain {ORG_ROOT_CHAINS}, got {org_chains}")
    for p in sorted(set(want) - set(got)):
        fail(f"missing {p}")
    for p in sorted(set(got) - set(want)):
        fail(f"must not be listed: {p} {got[p]}")
    for p in sorted(set(want) & set(got)):
        if got[p] != want[p]:
            fail(f"{p}: got {got[p]}, want {want[p]}")
    if data["errors"]:
        fail(f"errors: {data['errors']}")


def caller(qualifier, principal, kind, conditions=()):
    return ("caller", qualifier, principal), {"principalKind": kind, "decision": "Allow",
                                              "conditions": list(conditions)}


PATHS = {
    "paths-QiitaSample.json": dict([
        caller("", APP, "role"),
        caller("", OAAR444, "role"),
        caller("", APIGW_ROLE, "role"),
        caller("", ROOT444, "root"),
        caller("prod", APP, "role"),
        caller("prod", COGNITO, "role"),
        caller("prod", ALICE, "user", cond(*MFA)),
        caller("prod", OAAR111, "role"),
        caller("prod", OAAR444, "role"),
        caller("prod", ROOT111, "root"),
        caller("prod", ROOT444, "root"),
        (("function-url", "prod", ""), {
            "decision": "Allow", "authType": "AWS_IAM", "public": False,
            "callers": sorted([APP, OAAR444, ROOT444])}),
        (("api-gateway", "", "POST /items"), {
            "decision": "Allow", "apiId": "a1b2c3d4e5", "apiType": "REST", "credentialsRole": None,
            "sourceArn": EXEC_API + "a1b2c3d4e5/*/POST/items"}),
        (("api-gateway", "", "GET /items/{id}"), {
            "decision": "Allow", "apiId": "a1b2c3d4e5", "apiType": "REST",
            "credentialsRole": APIGW_ROLE}),
        (("api-gateway", "", "DELETE /items/{id}"), {
            "decision": "Deny", "apiId": "a1b2c3d4e5", "apiType": "REST", "credentialsRole": None,
            "sourceArn": EXEC_API + "a1b2c3d4e5/*/DELETE/items/*"}),
        (("api-gateway", "prod", "POST /orders"), {
            "decision": "Allow", "apiId": "x1y2z3w4v5", "apiType": "HTTP", "credentialsRole": None,
            "sourceArn": EXEC_API + "x1y2z3w4v5/$default/POST/orders"}),
        (("api-gateway", "prod", "GET /orders"), {
            "decision": "Deny", "apiId": "x1y2z3w4v5", "apiType": "HTTP", "credentialsRole": None,
            "sourceArn": EXEC_API + "x1y2z3w4v5/$default/GET/orders"}),
        (("service", "", "apigateway.amazonaws.com"), {
            "decision": "Allow", "pinned": True,
            "sourceArn": EXEC_API + "a1b2c3d4e5/*/POST/items"}),
        (("service", "prod", "apigateway.amazonaws.com"), {
            "decision": "Allow", "pinned": True,
            "sourceArn": EXEC_API + "x1y2z3w4v5/*/POST/orders"}),
        (("service", "", "s3.amazonaws.com"), {
            "decision": "Allow", "pinned": True, "sourceArn": "arn:aws:s3:::qiita-uploads",
            "sourceAccount": "444455556666"}),
        (("service", "", "events.amazonaws.com"), {
            "decision": "Allow", "pinned": True, "sourceAccount": None,
            "sourceArn": "arn:aws:events:us-east-1:444455556666:rule/qiita-nightly"}),
        (("service", "", "sns.amazonaws.com"), {
            "decision": "Allow", "pinned": False, "sourceArn": None, "sourceAccount": None,
            "warned": True}),
        (("event-source-mapping", "prod", "6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f"), {
            "decision": "Allow", "eventSourceArn": "arn:aws:sqs:us-east-1:444455556666:qiita-jobs",
            "executionRole": EXEC_ROLE, "missingActions": []}),
        (("destination", "", "success"), {
            "decision": "Allow", "target": "arn:aws:sqs:us-east-1:444455556666:qiita-results",
            "executionRole": EXEC_ROLE, "missingActions": []}),
        (("destination", "", "failure"), {
            "decision": "Deny", "target": "arn:aws:sns:us-east-1:444455556666:qiita-failures",
            "executionRole": EXEC_ROLE, "missingActions": ["sns:Publish"]}),
        (("destination", "", "dead-letter"), {
            "decision": "Allow", "target": "arn:aws:sqs:us-east-1:444455556666:qiita-dlq",
            "executionRole": EXEC_ROLE, "missingActions": []}),
    ]),
    "paths-QiitaThumbnail.json": dict([
        caller("", OAAR444, "role"),
        caller("", ROOT444, "root"),
    ]),
}


def path_key(p):
    kind = p["kind"]
    if kind == "caller":
        return (kind, p["qualifier"], p.get("principal"))
    if kind == "api-gateway":
        return (kind, p["qualifier"], f"{p['method']} {p['path']}")
    if kind == "service":
        return (kind, p["qualifier"], p["service"])
    if kind == "event-source-mapping":
        return (kind, p["qualifier"], p["uuid"])
    if kind == "destination":
        return (kind, p["qualifier"], p["on"])
    return (kind, p["qualifier"], "")


def path_facts(p):
    facts = dict(p)
    if p["kind"] in ("caller", "service"):
        facts["conditions"] = atoms(p["conditions"])
    if p["kind"] == "function-url":
        facts["callers"] = sorted(c["principal"] for c in p["callers"])
        if any(c["conditions"] for c in p["callers"]):
            facts["callers"] = "conditional: " + json.dumps(p["callers"])
    facts["warned"] = bool(p["warnings"])
    return facts


def check_paths(case, data, fail):
    if data["function"] != F and case == "paths-QiitaSample.json":
        fail(f"function {data['function']}")
    want = PATHS[case]
    got = {}
    for p in data["paths"]:
        key = path_key(p)
        if key in got:
            fail(f"path listed twice: {key}")
        got[key] = path_facts(p)
        if p["errors"]:
            fail(f"{key}: errors {p['errors']}")
    for k in sorted(set(want) - set(got)):
        fail(f"missing path {k}")
    for k in sorted(set(got) - set(want)):
        fail(f"unexpected path {k}")
    for k in sorted(set(want) & set(got)):
        for field, value in want[k].items():
            if got[k].get(field) != value:
                fail(f"{k}: {field} is {got[k].get(field)!r}, want {value!r}")
    # The sns path is the only unpinned one: only it warns (besides unknown queue/topic policies).
    for k, facts in got.items():
        if k[0] == "service" and facts["warned"] != (not facts["pinned"]):
            fail(f"{k}: warnings {facts['warned']} but pinned {facts['pinned']}")


# can spot checks (text): the decision and exactly the deciding statements outside SCPs/RCPs,
# as (type, substring of the policy name, Sid or None for any).
CAN = {
    "can-app-invoke.txt": ("Allow", [
        ("identity", "policy/QiitaInvoke", "InvokeQiitaSample"),
        ("boundary", "policy/QiitaBoundary", "LambdaInvoke"),
        ("resource", "function policy of QiitaSample", "xaccount-app-role")]),
    "can-cognito-app-invoke.txt": ("ImplicitDeny", []),
    "can-cognito-app-invoke-prod.txt": ("Allow", [
        ("identity", "inline invoke-qiita-prod", None),
        ("resource", "QiitaSample:prod", "xaccount-111122223333")]),
    "can-alice-invoke-prod.txt": ("ImplicitDeny", []),
    "can-alice-invoke-prod-mfa.txt": ("Allow", [
        ("identity", "group arn:aws:iam::111122223333:group/developers",
         "InvokeQiitaSampleQualifiedWithMfa"),
        ("resource", "QiitaSample:prod", "xaccount-111122223333")]),
    "can-batch-invoke.txt": ("ImplicitDeny", []),
    "can-apigw-invoke-prod.txt": ("ImplicitDeny", []),
}
STATEMENT = re.compile(r'^  (Allow|Deny) +(\S+) "(.*?)"(?: \(level \d+\))? (?:Sid "(.*?)"|statement #\d+)')


def check_can(case, text, fail):
    decision, want = CAN[case]
    lines = text.splitlines()
    got_decision = next((l.split(":", 1)[1].strip() for l in lines if l.startswith("DECISION:")), None)
    if got_decision != decision:
        fail(f"DECISION {got_decision}, want {decision}")
    deciding, section = [], False
    for line in lines:
        if line == "Deciding statements":
            section = True
        elif not line.strip():
            section = False
        elif section and (m := STATEMENT.match(line)):
            if m.group(2) not in ("scp", "rcp"):
                deciding.append((m.group(2), m.group(3), m.group(4)))
    left = list(deciding)
    for kind, policy, sid in want:
        match = next((d for d in left if d[0] == kind and policy in d[1] and sid in (None, d[2])), None)
        if match is None:
            fail(f"no deciding statement {kind} {policy!r} Sid {sid!r}; deciding: {deciding}")
        else:
            left.remove(match)
    if left:
        fail(f"deciding statements the README does not name: {left}")


def main():
    mode, case = sys.argv[1], sys.argv[2]
    text = sys.stdin.read()
    failures = []
    if case in CAN:
        check_can(case, text, failures.append)
    elif case.endswith(".txt"):
        return 0  # Text forms of JSON cases: the JSON form is checked.
    elif case in WHO_CAN:
        check_who_can(case, json.loads(text), failures.append)
    elif case in PATHS:
        check_paths(case, json.loads(text), failures.append)
    else:
        print(f"world_oracle.py: no oracle for {case}", file=sys.stderr)
        return 2
    for f in failures:
        print(f"  oracle ({case}): {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Tests tools/collect-world.sh against a fake `aws` first on PATH: the fake records every call and
# serves the canned answers of testdata/collect-world/ (format in its README). Checks the files the
# collector writes, their shapes, that only read-only commands ran, that no secret reached the
# world, and organization.json against testdata/worlds/qiita/organization.json.
#
#   bash tools/collect_world_test.sh        (from anywhere; as a Bazel sh_test it uses
#                                            $TEST_SRCDIR/$TEST_WORKSPACE and $TEST_TMPDIR)
# Exits 0 when every check passes, 1 otherwise.
set -euo pipefail

if [ -n "${TEST_SRCDIR:-}" ]; then
  root="$TEST_SRCDIR/${TEST_WORKSPACE:-iamsim}"
else
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fi
if [ -n "${TEST_TMPDIR:-}" ]; then
  tmp="$(mktemp -d "$TEST_TMPDIR/collect-world.XXXXXX")"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
fi

collector="$root/tools/collect-world.sh"
fixtures="$root/testdata/collect-world"
qiita="$root/testdata/worlds/qiita"
for f in "$collector" "$fixtures/README.md" "$qiita/organization.json"; do
  [ -e "$f" ] || { echo "FAIL: missing $f" >&2; exit 1; }
done

# --- the fake aws ------------------------------------------------------------------------------
mkdir -p "$tmp/bin"
cat >"$tmp/bin/aws" <<'PY'
#!/usr/bin/env python3
"""Fake AWS CLI: logs argv as one JSON line to $FAKE_AWS_LOG, serves $FAKE_AWS_FIXTURES."""
import json
import os
import sys

argv = sys.argv[1:]
with open(os.environ["FAKE_AWS_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(argv) + "\n")

GLOBAL_WITH_VALUE = {"--profile", "--output", "--region", "--endpoint-url", "--query", "--color"}
globals_, positional, params = {}, [], []
i = 0
while i < len(argv):
    a = argv[i]
    if a in GLOBAL_WITH_VALUE:
        globals_[a] = argv[i + 1]
        i += 2
    elif a.startswith("--"):
        if i + 1 < len(argv) and not argv[i + 1].startswith("--"):
            params.append((a[2:], argv[i + 1]))
            i += 2
        else:
            params.append((a[2:], None))
            i += 1
    else:
        positional.append(a)
        i += 1

profile = globals_.get("--profile", "default")
if positional[:2] == ["configure", "get"]:
    sys.exit(1)  # no region configured in the fake
service, verb = positional[0], positional[1]
regional = service in ("lambda", "apigateway", "apigatewayv2")
scope = globals_.get("--region", "noregion") if regional else "global"
key = ".".join([service, verb] + [v for _, v in sorted(params) if v is not None])
base = os.path.join(os.environ["FAKE_AWS_FIXTURES"], profile, scope, key)
if os.path.exists(base + ".json"):
    with open(base + ".json", encoding="utf-8") as f:
        sys.stdout.write(f.read())
    sys.exit(0)
if os.path.exists(base + ".error"):
    with open(base + ".error", encoding="utf-8") as f:
        code, _, message = f.read().partition("\n")
    operation = "".join(part.capitalize() for part in verb.split("-"))
    sys.stderr.write(f"\nAn error occurred ({code}) when calling the {operation} operation: {message.strip()}\n")
    sys.exit(254)
sys.stderr.write(f"fake aws: no fixture for {profile}/{scope}/{key}\n")
sys.exit(255)
PY
chmod +x "$tmp/bin/aws"

export FAKE_AWS_LOG="$tmp/calls.jsonl"
export FAKE_AWS_FIXTURES="$fixtures"
: >"$FAKE_AWS_LOG"
world="$tmp/world"

# --- run ---------------------------------------------------------------------------------------
status=0
PATH="$tmp/bin:$PATH" bash "$collector" --profile caller --profile workload --out "$world" \
  --regions us-east-1 2>"$tmp/stderr" || status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: collect-world.sh exited $status" >&2
  cat "$tmp/stderr" >&2
  exit 1
fi

# A second run into the same, now non-empty, directory must refuse and leave it alone.
status=0
PATH="$tmp/bin:$PATH" bash "$collector" --profile caller --out "$world" --regions us-east-1 \
  2>"$tmp/stderr2" || status=$?

# --- checks ------------------------------------------------------------------------------------
python3 - "$world" "$FAKE_AWS_LOG" "$tmp/stderr" "$qiita" "$status" <<'PY'
import json
import os
import sys

world, log_path, stderr_path, qiita, second_status = sys.argv[1:6]
failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


def load(rel):
    with open(os.path.join(world, rel), encoding="utf-8") as f:
        return json.load(f)


# Files written, with their shapes.
L = "444455556666/us-east-1/lambda"
expected = {
    "organization.json": dict,
    "111122223333/iam.json": dict,
    "111122223333/us-east-1/lambda/functions.json": dict,
    "111122223333/us-east-1/lambda/event-source-mappings.json": dict,
    "444455556666/iam.json": dict,
    f"{L}/functions.json": dict,
    f"{L}/QiitaSample.policy.json": dict,
    f"{L}/QiitaSample@prod.policy.json": dict,
    f"{L}/QiitaSample.aliases.json": dict,
    f"{L}/QiitaThumbnail.aliases.json": dict,
    f"{L}/QiitaSample@prod.url.json": dict,
    f"{L}/QiitaSample.event-invoke-config.json": dict,
    f"{L}/event-source-mappings.json": dict,
    "444455556666/us-east-1/apigateway/a1b2c3d4e5.resources.json": dict,
    "444455556666/us-east-1/apigatewayv2/x1y2z3w4v5.integrations.json": dict,
    "444455556666/us-east-1/apigatewayv2/x1y2z3w4v5.routes.json": dict,
    "444455556666/us-east-1/apigatewayv2/x1y2z3w4v5.stages.json": dict,
}
written = set()
for dirpath, _, files in os.walk(world):
    for name in files:
        written.add(os.path.relpath(os.path.join(dirpath, name), world))
for rel, kind in expected.items():
    check(rel in written, f"missing {rel}")
unexpected = written - set(expected)
check(not unexpected, f"unexpected files {sorted(unexpected)} (ResourceNotFound or AccessDenied must write nothing)")
check(not os.path.exists(world + ".partial"), "WORLD.partial left behind")

for rel in sorted(written & set(expected)):
    try:
        data = load(rel)
    except ValueError as e:
        failures.append(f"{rel}: not JSON: {e}")
        continue
    check(isinstance(data, expected[rel]), f"{rel}: not a JSON object")

if not failures:
    gaad = load("444455556666/iam.json")
    for k in ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"):
        check(isinstance(gaad.get(k), list), f"444455556666/iam.json: {k} is not a list")
    fns = load(f"{L}/functions.json")
    check([f["FunctionName"] for f in fns["Functions"]] == ["QiitaSample", "QiitaThumbnail"],
          "functions.json: functions lost or reordered")
    check(all("Environment" not in f for f in fns["Functions"]), "functions.json: Environment kept")
    check(fns["Functions"][0].get("DeadLetterConfig", {}).get("TargetArn", "").endswith(":qiita-dlq"),
          "functions.json: other fields (DeadLetterConfig) lost")
    pol = load(f"{L}/QiitaSample.policy.json")
    check(set(pol) == {"Policy", "RevisionId"} and isinstance(pol["Policy"], str),
          "get-policy output not kept as {Policy: string, RevisionId}")
    check(json.loads(pol["Policy"])["Statement"][1]["Principal"] == {"AWS": "arn:aws:iam::111122223333:role/app"},
          "get-policy: policy content changed")
    check(load(f"{L}/QiitaSample@prod.url.json").get("AuthType") == "AWS_IAM", "url config content changed")
    check(load(f"{L}/QiitaSample.aliases.json")["Aliases"][0]["Name"] == "prod", "aliases content changed")
    esm = load(f"{L}/event-source-mappings.json")["EventSourceMappings"]
    check(esm and esm[0]["EventSourceArn"].endswith(":qiita-jobs"), "event source mappings content changed")
    res = load("444455556666/us-east-1/apigateway/a1b2c3d4e5.resources.json")
    post = res["items"][1]["resourceMethods"]["POST"]["methodIntegration"]
    check(post.get("type") == "AWS_PROXY" and "requestParameters" not in post,
          "REST integration: static request parameters kept, or integration lost")
    integ = load("444455556666/us-east-1/apigatewayv2/x1y2z3w4v5.integrations.json")["Items"][0]
    check("RequestParameters" not in integ and integ["IntegrationUri"].endswith(":QiitaSample:prod"),
          "HTTP API integration: request parameters kept, or integration lost")

# No secret anywhere in the world.
for rel in sorted(written):
    with open(os.path.join(world, rel), encoding="utf-8") as f:
        text = f.read()
    check("SENTINEL-SECRET-VALUE" not in text, f"{rel}: contains the secret")
    check('"Environment"' not in text, f"{rel}: contains an Environment")

# Only read-only calls, always with --profile and --output json; never get-function.
with open(log_path, encoding="utf-8") as f:
    calls = [json.loads(line) for line in f if line.strip()]
check(len(calls) > 0, "no aws call recorded")
verbs = []
for argv in calls:
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--profile", "--output", "--region"):
            i += 2
        elif argv[i].startswith("--"):
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    service, verb = (rest + ["", ""])[:2]
    verbs.append((service, verb))
    if (service, verb) == ("configure", "get"):
        continue
    check(verb.startswith(("get-", "list-", "describe-")), f"not a read-only verb: {argv}")
    check(verb != "get-function", f"get-function called: {argv}")
    check("--profile" in argv and argv[argv.index("--profile") + 1] in ("caller", "workload"),
          f"call without a --profile: {argv}")
    check("--output" in argv and argv[argv.index("--output") + 1] == "json", f"call without --output json: {argv}")
called = set(verbs)
for need in [("sts", "get-caller-identity"), ("iam", "get-account-authorization-details"),
             ("lambda", "list-functions"), ("lambda", "get-policy"), ("lambda", "list-aliases"),
             ("lambda", "get-function-url-config"), ("lambda", "get-function-event-invoke-config"),
             ("lambda", "list-event-source-mappings"), ("apigateway", "get-rest-apis"),
             ("apigateway", "get-resources"), ("apigatewayv2", "get-apis"), ("apigatewayv2", "get-integrations"),
             ("apigatewayv2", "get-routes"), ("apigatewayv2", "get-stages"),
             ("organizations", "describe-organization"), ("organizations", "list-roots"),
             ("organizations", "list-organizational-units-for-parent"),
             ("organizations", "list-accounts-for-parent"), ("organizations", "list-policies-for-target"),
             ("organizations", "describe-policy")]:
    check(need in called, f"never called aws {need[0]} {need[1]}")
qualified = [c for c in calls if "get-policy" in c and "--qualifier" in c]
check(sorted(c[c.index("--qualifier") + 1] for c in qualified) == ["1", "prod"],
      "get-policy must be asked for every alias and version qualifier (prod, 1)")
check(all("--embed" in c and c[c.index("--embed") + 1] == "methods" for c in calls if "get-resources" in c),
      "get-resources without --embed methods")
check(not any("TAG_POLICY" in c for c in calls), "asked for a policy type other than SCP/RCP")

# Warnings: the caller's refusals are warnings, not failures.
with open(stderr_path, encoding="utf-8") as f:
    err = f.read()
check("warning" in err and "list-roots" in err, "no warning for the caller's refused organization walk")
check("get-rest-apis" in err, "no warning for the refused get-rest-apis")

# organization.json equals the qiita world's (the fixtures answer with it).
def normal(node):
    out = {k: v for k, v in node.items() if k not in ("children", "accounts", "policies")}
    out["policies"] = sorted(node.get("policies") or [])
    out["accounts"] = sorted((a["id"], tuple(sorted(a.get("policies") or []))) for a in node.get("accounts") or [])
    out["children"] = sorted((normal(c) for c in node.get("children") or []), key=lambda c: c["id"])
    return out

if "organization.json" in written:
    got = load("organization.json")
    with open(os.path.join(qiita, "organization.json"), encoding="utf-8") as f:
        want = json.load(f)
    check(set(got) == {"id", "managementAccount", "policies", "root"}, f"organization.json keys {sorted(got)}")
    check(got.get("id") == want["id"], "organization id")
    check(got.get("managementAccount") == want["managementAccount"], "management account")
    check(got.get("policies") == want["policies"], "policies (names, types, documents) differ from qiita's")
    check(normal(got.get("root", {})) == normal(want["root"]), "organization tree differs from qiita's")
    check(all(isinstance(p["document"], dict) for p in got.get("policies", {}).values()),
          "policy documents must be JSON objects (describe-policy Content parsed)")

check(second_status != "0", "a second run into a non-empty --out must refuse")

if failures:
    for m in failures:
        print("FAIL:", m, file=sys.stderr)
    sys.exit(1)
print(f"collect_world_test: PASS ({len(calls)} aws calls checked)")
PY

#!/usr/bin/env bash
# `iamsim can` equals `iamsim simulate` of its own --emit-simulation output, on the qiita world:
# for every principal x {QiitaSample, QiitaSample:prod} x {lambda:InvokeFunction,
# lambda:InvokeFunctionUrl}, and again for the IAM principals with --context
# aws:MultiFactorAuthPresent=true and with the session policy testdata/worlds/qiita-session-policy.json,
#   can ... --format json        and        can ... --emit-simulation | simulate --format json -
# must give the same decision, deny reason and AccessDenied message, cross-account flag, verdict of
# each policy type, missing context keys, and deciding statements (type, Sid, index, SCP/RCP level,
# effect; the policy's name for identity policies, SCPs and RCPs — the simulation format names the
# resource policy, boundary and session policy slots "resourcePolicy", "permissionsBoundary" and
# "sessionPolicy", so their names differ by design).
#
#   bazel test //cli:world_emit_test          or   cli/world_emit_test.sh bazel-bin/cli/iamsim
set -u
iamsim="${1:?usage: world_emit_test.sh PATH/TO/iamsim}"
case "$iamsim" in /*) ;; *) iamsim="$PWD/$iamsim" ;; esac
[ -n "${TEST_SRCDIR:-}" ] || cd "$(dirname "$0")/.."
if [ -n "${TEST_TMPDIR:-}" ]; then
  tmp="$TEST_TMPDIR"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
fi

W=testdata/worlds/qiita
F=arn:aws:lambda:us-east-1:444455556666:function:QiitaSample
session_policy=testdata/worlds/qiita-session-policy.json
iam_principals=(
  arn:aws:iam::111122223333:role/app
  arn:aws:iam::111122223333:role/cognito-app
  arn:aws:iam::111122223333:user/alice
  arn:aws:iam::111122223333:role/batch
  arn:aws:iam::111122223333:role/OrganizationAccountAccessRole
  arn:aws:iam::444455556666:role/service-role/QiitaSample-role
  arn:aws:iam::444455556666:role/qiita-apigw-invoke
  arn:aws:iam::444455556666:role/OrganizationAccountAccessRole
)
other_principals=(
  111122223333:root
  444455556666:root
  apigateway.amazonaws.com
  sns.amazonaws.com
  arn:aws:iam::999988887777:role/outsider
)
failures=0
n=0
: >"$tmp/cases.tsv"

# add LABEL ARGS...: run `can ARGS --format json` and `simulate` of `can ARGS --emit-simulation`;
# the outputs are compared all at once below (one python3 start, not one per question).
add() {
  local label="$1"; shift
  local code=0
  n=$((n + 1))
  "$iamsim" can "$@" --world "$W" --format json >"$tmp/$n.can.json" 2>"$tmp/$n.err" || code=$?
  if [ "$code" != 0 ]; then
    echo "FAIL $label: can exited $code"; head -5 "$tmp/$n.err"; failures=$((failures + 1)); return
  fi
  "$iamsim" can "$@" --world "$W" --emit-simulation >"$tmp/$n.sim.json" 2>"$tmp/$n.err" || code=$?
  if [ "$code" != 0 ]; then
    echo "FAIL $label: can --emit-simulation exited $code"; head -5 "$tmp/$n.err"
    failures=$((failures + 1)); return
  fi
  "$iamsim" simulate --format json - <"$tmp/$n.sim.json" >"$tmp/$n.simulated.json" \
    2>"$tmp/$n.err" || code=$?
  if [ "$code" != 0 ]; then
    echo "FAIL $label: simulate of the emitted file exited $code"; head -5 "$tmp/$n.err"
    failures=$((failures + 1)); return
  fi
  printf '%s\t%s\n' "$n" "$label" >>"$tmp/cases.tsv"
}

for resource in "$F" "$F:prod"; do
  for action in lambda:InvokeFunction lambda:InvokeFunctionUrl; do
    for p in "${iam_principals[@]}" "${other_principals[@]}"; do
      add "$p $action $resource" "$p" "$action" "$resource"
    done
    for p in "${iam_principals[@]}"; do
      add "$p $action $resource +mfa" "$p" "$action" "$resource" \
        --context aws:MultiFactorAuthPresent=true
      add "$p $action $resource +session" "$p" "$action" "$resource" \
        --session-policy "$session_policy"
    done
  done
done
add "app session build-42" \
  arn:aws:sts::111122223333:assumed-role/app/build-42 lambda:InvokeFunction "$F"

A=arn:aws:iam::111122223333
python3 - "$tmp" <<PY || failures=$((failures + 1))
import json
import os
import sys

tmp = sys.argv[1]
NAMED = ("identity", "scp", "rcp")  # Types whose policy names the simulation keeps.


def facts(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    deciding = sorted(
        (s["policyType"], s["sid"], s["statementIndex"], s["level"], s["effect"],
         s["policy"] if s["policyType"] in NAMED else "")
        for s in r["decidingStatements"])
    return {
        "decision": r["decision"],
        "denyReason": r["denyReason"],
        "message": r["message"],
        "crossAccount": r["crossAccount"],
        "policyTypes": sorted((t["type"], t["account"], t["verdict"]) for t in r["policyTypes"]),
        "missingContextKeys": sorted(json.dumps(k, sort_keys=True) for k in r["missingContextKeys"]),
        "decidingStatements": deciding,
    }


failed = 0
agree = 0
decisions = {}
with open(os.path.join(tmp, "cases.tsv"), encoding="utf-8") as f:
    cases = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
for n, label in cases:
    can = facts(os.path.join(tmp, f"{n}.can.json"))
    sim = facts(os.path.join(tmp, f"{n}.simulated.json"))
    decisions[label] = can["decision"]
    bad = [k for k in can if can[k] != sim[k]]
    agree += not bad
    if bad:
        failed += 1
        print(f"FAIL {label}: can and simulate of its --emit-simulation disagree")
        for k in bad:
            print(f"  {k}:\n    can      {can[k]}\n    simulate {sim[k]}")

# The comparisons must cover every kind of decision, or they prove little.
coverage = {
    "$A:role/app lambda:InvokeFunction $F": "Allow",
    "$A:user/alice lambda:InvokeFunction $F:prod": "ImplicitDeny",
    "$A:user/alice lambda:InvokeFunction $F:prod +mfa": "Allow",
    "$A:role/app lambda:InvokeFunction $F:prod +session": "Allow",
    "$A:role/app lambda:InvokeFunction $F +session": "ImplicitDeny",
    "$A:role/app lambda:InvokeFunctionUrl $F:prod +session": "ExplicitDeny",
    "sns.amazonaws.com lambda:InvokeFunction $F": "Allow",
    "sns.amazonaws.com lambda:InvokeFunction $F:prod": "ImplicitDeny",
}
for label, want in coverage.items():
    if decisions.get(label) != want:
        failed += 1
        print(f"FAIL coverage: {label} is {decisions.get(label, 'not compared')}, want {want}")
print(f"{len(cases)} compared: {agree} agree")
if len(cases) < 100:
    print("FAIL: fewer than 100 questions compared")
    failed += 1
sys.exit(1 if failed else 0)
PY
echo "$failures failed"
[ "$failures" -eq 0 ]

#!/usr/bin/env bash
# collect-world.sh — snapshot AWS accounts into an iamsim world directory.
#
#   tools/collect-world.sh --profile P [--profile P2 ...] --out WORLD [--regions r1,r2] [--skip-versions]
#
# Runs only read-only AWS CLI v2 commands (get-*, list-*, describe-*), each as
# `aws --profile P --output json ...`, with the credentials of the named profiles, and writes the
# layout documented in the README (issue 9, item 1):
#
#   WORLD/organization.json                                   iamsim's shape, built from AWS Organizations
#   WORLD/ACCOUNT/iam.json                                    iam get-account-authorization-details
#   WORLD/ACCOUNT/REGION/lambda/functions.json                lambda list-functions (Environment removed)
#   WORLD/ACCOUNT/REGION/lambda/F[@Q].policy.json             lambda get-policy [--qualifier Q]
#   WORLD/ACCOUNT/REGION/lambda/F.aliases.json                lambda list-aliases
#   WORLD/ACCOUNT/REGION/lambda/F[@Q].url.json                lambda get-function-url-config [--qualifier Q]
#   WORLD/ACCOUNT/REGION/lambda/F[@Q].event-invoke-config.json  lambda get-function-event-invoke-config
#   WORLD/ACCOUNT/REGION/lambda/event-source-mappings.json    lambda list-event-source-mappings
#   WORLD/ACCOUNT/REGION/apigateway/ID.resources.json         apigateway get-resources --embed methods
#   WORLD/ACCOUNT/REGION/apigatewayv2/ID.{integrations,routes,stages}.json
#
# Paging: the CLI's own auto-pagination is used for every command, so each file is one complete,
# merged answer (GAAD as one iam.json without IsTruncated/Marker). Qualifiers: every alias, and every
# published version unless --skip-versions (function policies and event invoke configs can sit on
# versions; URLs only on aliases). ResourceNotFoundException means "none": no file is written.
#
# Organization: the first profile that can walk it (management account or delegated administrator)
# walks root -> OUs -> accounts with list-policies-for-target for SCPs and RCPs (only the policy types
# enabled on the root) and describe-policy for each policy's content. AccessDenied (a member account)
# is a warning, not an error; without a walk no organization.json is written.
#
# Secrets: never calls get-function (its output holds a pre-signed code URL and the environment);
# strips `Environment` from list-functions inside a pipe, before anything reaches the disk; reads
# list-versions-by-function only through a pipe that keeps the version numbers; drops the static
# request parameters and mapping templates of API Gateway integrations (they can hold hard-coded
# API keys). Stage variables are kept: AWS documents them as not for sensitive data, and they can
# name the integration's function.
#
# Requires: bash >= 4.3, aws (CLI v2), python3 (standard library only). Exit 0 on success (warnings on stderr),
# 1 on any unexpected AWS error or bad usage. WORLD must not exist or be empty; the world is built in
# WORLD.partial and renamed at the end.
set -euo pipefail

usage() {  # usage [STATUS]: the synopsis; --help exits 0, misuse 1
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit "${1:-1}"
}

profiles=()
out=""
regions_arg=""
skip_versions=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --profile) [ "$#" -ge 2 ] || usage; profiles+=("$2"); shift 2 ;;
    --profile=*) profiles+=("${1#*=}"); shift ;;
    --out) [ "$#" -ge 2 ] || usage; out="$2"; shift 2 ;;
    --out=*) out="${1#*=}"; shift ;;
    --regions) [ "$#" -ge 2 ] || usage; regions_arg="$2"; shift 2 ;;
    --regions=*) regions_arg="${1#*=}"; shift ;;
    --skip-versions) skip_versions=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "collect-world: unknown argument: $1" >&2; usage ;;
  esac
done
[ "${#profiles[@]}" -gt 0 ] || { echo "collect-world: at least one --profile is required" >&2; usage; }
[ -n "$out" ] || { echo "collect-world: --out is required" >&2; usage; }
command -v aws >/dev/null || { echo "collect-world: the aws CLI is not on PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "collect-world: python3 is not on PATH" >&2; exit 1; }
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "collect-world: $out exists and is not empty; choose a new --out" >&2
  exit 1
fi

scratch="$(mktemp -d)"
partial="$out.partial"
trap 'rm -rf "$scratch"' EXIT
rm -rf "$partial"
mkdir -p "$partial"

warn() { echo "collect-world: warning: $*" >&2; }

# ---------------------------------------------------------------------------------------------
# JSON helper (python3 standard library). Every filter reads the CLI's stdout from a pipe; an empty
# input (the CLI failed) yields no output and status 0, so the pipeline's status is the CLI's.
helper="$scratch/helper.py"
cat >"$helper" <<'PY'
import json
import os
import sys


def read_stdin():
    text = sys.stdin.read()
    if not text.strip():
        sys.exit(0)
    return json.loads(text)


def dump(obj):
    json.dump(obj, sys.stdout, indent=4, ensure_ascii=False)
    sys.stdout.write("\n")


def filter_json():
    dump(read_stdin())


def filter_functions():
    data = read_stdin()
    for fn in data.get("Functions") or []:
        fn.pop("Environment", None)
    dump(data)


def filter_rest_resources():
    data = read_stdin()
    for item in data.get("items") or []:
        for method in (item.get("resourceMethods") or {}).values():
            integration = method.get("methodIntegration") or {}
            integration.pop("requestParameters", None)
            integration.pop("requestTemplates", None)
    dump(data)


def filter_v2_integrations():
    data = read_stdin()
    for item in data.get("Items") or []:
        for key in ("RequestParameters", "RequestTemplates", "ResponseParameters"):
            item.pop(key, None)
    dump(data)


def lines(values):
    for v in values:
        if v is not None:
            print(v)


def filter_versions():
    data = read_stdin()
    lines(v.get("Version") for v in data.get("Versions") or [] if v.get("Version") != "$LATEST")


def field_list(path, list_key, field):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    lines(item.get(field) for item in data.get(list_key) or [])


def field(path, *keys):
    with open(path, encoding="utf-8") as f:
        value = json.load(f)
    for k in keys:
        value = value.get(k) if isinstance(value, dict) else None
    if value is not None:
        print(value)


def enabled_types(path):
    """Policy types enabled on the (first) root: SCP and RCP only."""
    with open(path, encoding="utf-8") as f:
        roots = json.load(f).get("Roots") or []
    if not roots:
        return
    for t in roots[0].get("PolicyTypes") or []:
        if t.get("Status") == "ENABLED" and t.get("Type") in ("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"):
            print(t["Type"])


def policy_ids(org_dir):
    """Every policy id attached anywhere, in walk order, once."""
    seen = []
    for name in sorted(os.listdir(org_dir)):
        if name.startswith("policies."):
            with open(os.path.join(org_dir, name), encoding="utf-8") as f:
                for p in json.load(f).get("Policies") or []:
                    if p["Id"] not in seen:
                        seen.append(p["Id"])
    lines(seen)


def build_org(org_dir):
    """organization.json in iamsim's shape from the saved Organizations answers."""
    def load(name):
        p = os.path.join(org_dir, name)
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8") as f:
            return json.load(f)

    org = load("describe-organization.json")["Organization"]
    root = (load("list-roots.json").get("Roots") or [])[0]
    types = {"SERVICE_CONTROL_POLICY": "SCP", "RESOURCE_CONTROL_POLICY": "RCP"}

    # Policy id -> unique display name (names can collide across types).
    contents = {}
    for name in sorted(os.listdir(org_dir)):
        if name.startswith("describe-policy."):
            p = load(name)["Policy"]
            contents[p["PolicySummary"]["Id"]] = p
    by_name = {}
    for pid, p in sorted(contents.items()):
        by_name.setdefault(p["PolicySummary"]["Name"], []).append(pid)
    display = {}
    for name, ids in by_name.items():
        for pid in ids:
            display[pid] = name if len(ids) == 1 else f"{name} ({pid})"

    def policies_for(target):
        names = []
        for t in types:
            answer = load(f"policies.{target}.{t}.json")
            for s in (answer or {}).get("Policies") or []:
                names.append(display[s["Id"]])
        return sorted(names)

    def node(target_id):
        ous = sorted((load(f"ous.{target_id}.json") or {}).get("OrganizationalUnits") or [], key=lambda o: o["Id"])
        accounts = sorted((load(f"accounts.{target_id}.json") or {}).get("Accounts") or [], key=lambda a: a["Id"])
        return {
            "policies": policies_for(target_id),
            "accounts": [{"id": a["Id"], "policies": policies_for(a["Id"])} for a in accounts],
            "children": [dict({"id": o["Id"], "name": o["Name"]}, **node(o["Id"])) for o in ous],
        }

    policies = {}
    for pid, p in sorted(contents.items(), key=lambda kv: display[kv[0]]):
        policies[display[pid]] = {
            "type": types.get(p["PolicySummary"]["Type"], p["PolicySummary"]["Type"]),
            "document": json.loads(p["Content"]),
        }
    dump({
        "id": org["Id"],
        "managementAccount": org["MasterAccountId"],
        "policies": policies,
        "root": dict({"id": root["Id"]}, **node(root["Id"])),
    })


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "json":
        filter_json()
    elif cmd == "functions":
        filter_functions()
    elif cmd == "rest-resources":
        filter_rest_resources()
    elif cmd == "v2-integrations":
        filter_v2_integrations()
    elif cmd == "versions":
        filter_versions()
    elif cmd == "field-list":
        field_list(*args)
    elif cmd == "field":
        field(*args)
    elif cmd == "enabled-types":
        enabled_types(*args)
    elif cmd == "policy-ids":
        policy_ids(*args)
    elif cmd == "build-org":
        build_org(*args)
    else:
        sys.exit(f"helper: unknown command {cmd}")


main()
PY

# ---------------------------------------------------------------------------------------------
# aws_call FILTER OUT ARGS...: runs `aws --profile "$profile" --output json ARGS...`, pipes stdout
# through the helper's FILTER into OUT. Returns 0 when OUT was written, 3 on ResourceNotFound (no
# such thing: nothing written), 4 on access denied or an organization that is not in use (a warning
# is printed); any other error stops the whole collection.
profile=""
aws_call() {
  local filter="$1" dest="$2"
  shift 2
  local err="$scratch/stderr"
  local status=0
  aws --profile "$profile" --output json "$@" 2>"$err" \
    | python3 "$helper" "$filter" >"$dest.part" 2>>"$err" || status=$?
  if [ "$status" -eq 0 ] && [ -s "$dest.part" ]; then
    mv "$dest.part" "$dest"
    return 0
  fi
  if [ "$status" -eq 0 ]; then  # an empty answer: nothing to write
    rm -f "$dest.part"
    return 3
  fi
  rm -f "$dest.part"
  if grep -q '(ResourceNotFoundException)' "$err"; then
    return 3
  fi
  if grep -Eq '\((AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError|AWSOrganizationsNotInUseException)\)' "$err"; then
    warn "profile $profile: aws $* was refused: $(grep -o '([A-Za-z]*)[^:]*:.*' "$err" | head -n 1)"
    return 4
  fi
  echo "collect-world: profile $profile: aws $* failed (exit $status):" >&2
  cat "$err" >&2
  exit 1
}

# read_lines FILE ARRAY: the non-empty lines of FILE into the array named ARRAY (bash >= 4.3).
read_lines() {
  local file="$1"
  local -n into="$2"
  into=()
  local line
  while IFS= read -r line; do
    [ -n "$line" ] && into+=("$line")
  done <"$file"
  return 0
}

# ---------------------------------------------------------------------------------------------
collect_lambda() {  # collect_lambda DIR REGION
  local dir="$1" region="$2" rc=0
  mkdir -p "$dir"
  aws_call functions "$dir/functions.json" lambda list-functions --region "$region" || rc=$?
  if [ "$rc" -ne 0 ]; then
    rmdir "$dir" 2>/dev/null || true
    return 0
  fi
  python3 "$helper" field-list "$dir/functions.json" Functions FunctionName >"$scratch/functions"
  local functions=()
  read_lines "$scratch/functions" functions
  local fn q
  for fn in ${functions[@]+"${functions[@]}"}; do
    aws_call json "$dir/$fn.policy.json" lambda get-policy --region "$region" --function-name "$fn" || true
    aws_call json "$dir/$fn.url.json" lambda get-function-url-config --region "$region" --function-name "$fn" || true
    aws_call json "$dir/$fn.event-invoke-config.json" \
      lambda get-function-event-invoke-config --region "$region" --function-name "$fn" || true
    local aliases=() versions=()
    if aws_call json "$dir/$fn.aliases.json" lambda list-aliases --region "$region" --function-name "$fn"; then
      python3 "$helper" field-list "$dir/$fn.aliases.json" Aliases Name >"$scratch/aliases"
      read_lines "$scratch/aliases" aliases
    fi
    if [ "$skip_versions" -eq 0 ]; then
      if aws_call versions "$scratch/versions" lambda list-versions-by-function --region "$region" --function-name "$fn"; then
        read_lines "$scratch/versions" versions
      fi
    fi
    for q in ${aliases[@]+"${aliases[@]}"}; do
      aws_call json "$dir/$fn@$q.policy.json" \
        lambda get-policy --region "$region" --function-name "$fn" --qualifier "$q" || true
      aws_call json "$dir/$fn@$q.url.json" \
        lambda get-function-url-config --region "$region" --function-name "$fn" --qualifier "$q" || true
      aws_call json "$dir/$fn@$q.event-invoke-config.json" \
        lambda get-function-event-invoke-config --region "$region" --function-name "$fn" --qualifier "$q" || true
    done
    for q in ${versions[@]+"${versions[@]}"}; do
      aws_call json "$dir/$fn@$q.policy.json" \
        lambda get-policy --region "$region" --function-name "$fn" --qualifier "$q" || true
      aws_call json "$dir/$fn@$q.event-invoke-config.json" \
        lambda get-function-event-invoke-config --region "$region" --function-name "$fn" --qualifier "$q" || true
    done
  done
  aws_call json "$dir/event-source-mappings.json" lambda list-event-source-mappings --region "$region" || true
}

collect_apigateway() {  # collect_apigateway DIR REGION
  local dir="$1" region="$2" id
  local ids=()
  if aws_call json "$scratch/rest-apis.json" apigateway get-rest-apis --region "$region"; then
    python3 "$helper" field-list "$scratch/rest-apis.json" items id >"$scratch/ids"
    read_lines "$scratch/ids" ids
  fi
  for id in ${ids[@]+"${ids[@]}"}; do
    mkdir -p "$dir/apigateway"
    aws_call rest-resources "$dir/apigateway/$id.resources.json" \
      apigateway get-resources --region "$region" --rest-api-id "$id" --embed methods || true
  done
  ids=()
  if aws_call json "$scratch/apis.json" apigatewayv2 get-apis --region "$region"; then
    python3 "$helper" field-list "$scratch/apis.json" Items ApiId >"$scratch/ids"
    read_lines "$scratch/ids" ids
  fi
  for id in ${ids[@]+"${ids[@]}"}; do
    mkdir -p "$dir/apigatewayv2"
    aws_call v2-integrations "$dir/apigatewayv2/$id.integrations.json" \
      apigatewayv2 get-integrations --region "$region" --api-id "$id" || true
    aws_call json "$dir/apigatewayv2/$id.routes.json" apigatewayv2 get-routes --region "$region" --api-id "$id" || true
    aws_call json "$dir/apigatewayv2/$id.stages.json" apigatewayv2 get-stages --region "$region" --api-id "$id" || true
  done
}

# ---------------------------------------------------------------------------------------------
org_dir="$scratch/org"
org_types=()
walk_target_policies() {  # walk_target_policies TARGET REGION
  local target="$1" region="$2" t
  for t in ${org_types[@]+"${org_types[@]}"}; do
    aws_call json "$org_dir/policies.$target.$t.json" \
      organizations list-policies-for-target --region "$region" --target-id "$target" --filter "$t" || return 1
  done
  return 0
}

walk_parent() {  # walk_parent PARENT REGION: policies of PARENT, its accounts and, recursively, its OUs
  local parent="$1" region="$2" child
  local accounts=() ous=()
  walk_target_policies "$parent" "$region" || return 1
  aws_call json "$org_dir/accounts.$parent.json" \
    organizations list-accounts-for-parent --region "$region" --parent-id "$parent" || return 1
  python3 "$helper" field-list "$org_dir/accounts.$parent.json" Accounts Id >"$scratch/accounts.$parent"
  read_lines "$scratch/accounts.$parent" accounts
  for child in ${accounts[@]+"${accounts[@]}"}; do
    walk_target_policies "$child" "$region" || return 1
  done
  aws_call json "$org_dir/ous.$parent.json" \
    organizations list-organizational-units-for-parent --region "$region" --parent-id "$parent" || return 1
  python3 "$helper" field-list "$org_dir/ous.$parent.json" OrganizationalUnits Id >"$scratch/ous.$parent"
  read_lines "$scratch/ous.$parent" ous
  for child in ${ous[@]+"${ous[@]}"}; do
    walk_parent "$child" "$region" || return 1
  done
  return 0
}

# walk_organization REGION: walks the organization with the current profile into $org_dir; returns
# non-zero when the profile may not (a refusal part-way abandons this profile's walk). Unexpected
# errors still stop the script (aws_call exits).
walk_organization() {
  local region="$1" root pid
  local ids=()
  rm -rf "$org_dir"
  mkdir -p "$org_dir"
  aws_call json "$org_dir/describe-organization.json" \
    organizations describe-organization --region "$region" || return 1
  aws_call json "$scratch/list-roots.json" organizations list-roots --region "$region" || return 1
  mv "$scratch/list-roots.json" "$org_dir/list-roots.json"
  python3 "$helper" enabled-types "$org_dir/list-roots.json" >"$scratch/types"
  read_lines "$scratch/types" org_types
  root="$(python3 "$helper" field-list "$org_dir/list-roots.json" Roots Id | head -n 1)"
  [ -n "$root" ] || return 1
  walk_parent "$root" "$region" || return 1
  python3 "$helper" policy-ids "$org_dir" >"$scratch/policy-ids"
  read_lines "$scratch/policy-ids" ids
  for pid in ${ids[@]+"${ids[@]}"}; do
    aws_call json "$org_dir/describe-policy.$pid.json" \
      organizations describe-policy --region "$region" --policy-id "$pid" || return 1
  done
  if [ "${#org_types[@]}" -eq 0 ]; then
    warn "organization: neither SCPs nor RCPs are enabled on the root; organization.json lists no policies"
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------
declare -A seen_accounts=()
org_written=0
org_id_seen=""
for profile in "${profiles[@]}"; do
  regions=()
  if [ -n "$regions_arg" ]; then
    IFS=',' read -r -a regions <<<"$regions_arg"
  else
    configured="$(aws --profile "$profile" configure get region 2>/dev/null || true)"
    if [ -z "$configured" ]; then
      echo "collect-world: profile $profile has no region configured; pass --regions" >&2
      exit 1
    fi
    regions=("$configured")
  fi
  first_region="${regions[0]}"

  aws_call json "$scratch/identity.json" sts get-caller-identity --region "$first_region" || {
    echo "collect-world: profile $profile: cannot identify the account" >&2
    exit 1
  }
  account="$(python3 "$helper" field "$scratch/identity.json" Account)"
  if [ -n "${seen_accounts[$account]+x}" ]; then
    warn "profile $profile is account $account again (profile ${seen_accounts[$account]}); skipped"
    continue
  fi
  seen_accounts[$account]="$profile"
  echo "collect-world: profile $profile: account $account, regions ${regions[*]}" >&2

  acct_dir="$partial/$account"
  mkdir -p "$acct_dir"
  aws_call json "$acct_dir/iam.json" iam get-account-authorization-details --region "$first_region" || true

  for region in "${regions[@]}"; do
    [ -n "$region" ] || continue
    collect_lambda "$acct_dir/$region/lambda" "$region"
    collect_apigateway "$acct_dir/$region" "$region"
    rmdir "$acct_dir/$region" 2>/dev/null || true
  done

  if [ "$org_written" -eq 0 ]; then
    if walk_organization "$first_region"; then
      python3 "$helper" build-org "$org_dir" >"$partial/organization.json"
      org_written=1
      echo "collect-world: profile $profile: organization walked" >&2
    elif [ -s "$org_dir/describe-organization.json" ]; then
      org_id_seen="$(python3 "$helper" field "$org_dir/describe-organization.json" Organization Id)"
    fi
  fi
done

if [ "$org_written" -eq 0 ] && [ -n "$org_id_seen" ]; then
  warn "organization $org_id_seen could not be walked from any profile (it needs the management" \
    "account or a delegated administrator); organization.json not written"
fi

rm -rf "$out"
mv "$partial" "$out"
echo "collect-world: wrote $out" >&2

#!/usr/bin/env bash
# Golden tests of `iamsim who-can`, `paths` and `can` on the qiita world: each command's standard
# output (and standard error, when it has any) is diffed against testdata/worlds/qiita/golden/.
# Every output is first checked against the README's oracle (cli/world_oracle.py), so a golden file
# can never hold an answer the README contradicts.
#
#   bazel test //cli:world_golden_test
#   UPDATE_GOLDEN=1 cli/world_golden_test.sh bazel-bin/cli/iamsim     (from the repository root,
#                                            after `bazel build //cli:iamsim`: rewrites the files)
set -u
iamsim="${1:?usage: world_golden_test.sh PATH/TO/iamsim}"
case "$iamsim" in /*) ;; *) iamsim="$PWD/$iamsim" ;; esac
here="$(cd "$(dirname "$0")" && pwd)"
oracle="$here/world_oracle.py"
update="${UPDATE_GOLDEN:-}"
if [ -n "${TEST_SRCDIR:-}" ]; then
  # Under Bazel the working directory is the runfiles tree (symlinks into the sources).
  if [ -n "$update" ]; then
    echo "UPDATE_GOLDEN: run cli/world_golden_test.sh directly, not under bazel" >&2
    exit 2
  fi
else
  cd "$here/.."
fi
if [ -n "${TEST_TMPDIR:-}" ]; then
  tmp="$TEST_TMPDIR"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
fi

W=testdata/worlds/qiita
G=$W/golden
F=arn:aws:lambda:us-east-1:444455556666:function:QiitaSample
failures=0
passed=0

# golden CASE EXIT ARGS...: run `iamsim ARGS`, want exit EXIT, compare with $G/CASE.
golden() {
  local name="$1" want_exit="$2"; shift 2
  local code=0 ok=1
  "$iamsim" "$@" >"$tmp/out" 2>"$tmp/err" || code=$?
  if [ "$code" != "$want_exit" ]; then
    echo "FAIL $name: exit $code, want $want_exit (iamsim $*)"
    head -20 "$tmp/err"
    failures=$((failures + 1))
    return
  fi
  if ! python3 "$oracle" check "$name" <"$tmp/out" 2>"$tmp/oracle"; then
    echo "FAIL $name: the output contradicts testdata/worlds/qiita/README.md (iamsim $*)"
    cat "$tmp/oracle"
    failures=$((failures + 1))
    return
  fi
  if [ -n "$update" ]; then
    mkdir -p "$G"
    cp "$tmp/out" "$G/$name"
    if [ -s "$tmp/err" ]; then cp "$tmp/err" "$G/$name.stderr"; else rm -f "$G/$name.stderr"; fi
    echo "wrote $G/$name"
    passed=$((passed + 1))
    return
  fi
  if [ ! -f "$G/$name" ]; then
    echo "FAIL $name: no golden file $G/$name (UPDATE_GOLDEN=1 writes it)"
    failures=$((failures + 1))
    return
  fi
  if ! diff -u "$G/$name" "$tmp/out" >"$tmp/diff"; then
    echo "FAIL $name: standard output differs from $G/$name (iamsim $*)"
    head -60 "$tmp/diff"
    ok=0
  fi
  if [ -f "$G/$name.stderr" ] || [ -s "$tmp/err" ]; then
    if ! diff -u "$G/$name.stderr" "$tmp/err" >"$tmp/diff" 2>&1; then
      echo "FAIL $name: standard error differs from $G/$name.stderr (iamsim $*)"
      head -20 "$tmp/diff"
      ok=0
    fi
  fi
  if [ "$ok" = 1 ]; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    failures=$((failures + 1))
  fi
}

for format in txt json; do
  fmt=text; [ "$format" = json ] && fmt=json
  golden "who-can-invoke.$format" 0 \
    who-can lambda:InvokeFunction "$F" --world "$W" --format "$fmt"
  golden "who-can-invoke-prod.$format" 0 \
    who-can lambda:InvokeFunction "$F:prod" --world "$W" --format "$fmt"
  golden "who-can-invoke-prod-via-assume-role.$format" 0 \
    who-can lambda:InvokeFunction "$F:prod" --world "$W" --via-assume-role --format "$fmt"
  golden "who-can-invoke-url-prod.$format" 0 \
    who-can lambda:InvokeFunctionUrl "$F:prod" --world "$W" --format "$fmt"
  golden "paths-QiitaSample.$format" 0 paths QiitaSample --world "$W" --format "$fmt"
  golden "paths-QiitaThumbnail.$format" 0 paths QiitaThumbnail --world "$W" --format "$fmt"
done

# The README's "can spot checks" (text).
golden can-app-invoke.txt 0 can 111122223333:role/app lambda:InvokeFunction "$F" --world "$W"
golden can-cognito-app-invoke.txt 0 can role/cognito-app lambda:InvokeFunction "$F" --world "$W"
golden can-cognito-app-invoke-prod.txt 0 \
  can role/cognito-app lambda:InvokeFunction "$F:prod" --world "$W"
golden can-alice-invoke-prod.txt 0 can user/alice lambda:InvokeFunction "$F:prod" --world "$W"
golden can-alice-invoke-prod-mfa.txt 0 \
  can user/alice lambda:InvokeFunction "$F:prod" --world "$W" \
  --context aws:MultiFactorAuthPresent=true
golden can-batch-invoke.txt 0 can role/batch lambda:InvokeFunction "$F" --world "$W"
golden can-apigw-invoke-prod.txt 0 \
  can 444455556666:role/qiita-apigw-invoke lambda:InvokeFunction "$F:prod" --world "$W"
golden can-oaar-ambiguous.txt 2 \
  can role/OrganizationAccountAccessRole lambda:InvokeFunction "$F" --world "$W"

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]

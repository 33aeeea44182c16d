#!/usr/bin/env bash
# End-to-end checks of the iamsim binary: exit codes, located errors, formats.
set -u
iamsim="$1"
failures=0
check() {  # check NAME EXPECTED_EXIT PATTERN -- ARGS...
  local name="$1" want="$2" pattern="$3"; shift 4
  local out code
  out=$("$iamsim" "$@" 2>&1); code=$?
  if [ "$code" != "$want" ]; then
    echo "FAIL $name: exit $code, want $want"; echo "$out" | head -20; failures=$((failures + 1)); return
  fi
  if ! grep -qF -- "$pattern" <<<"$out"; then
    echo "FAIL $name: output lacks: $pattern"; echo "$out" | head -20; failures=$((failures + 1)); return
  fi
  echo "ok   $name"
}
seed=testdata/seed/qiita-cross-account.json
check seed-text 0 "DECISION: Allow  (as expected)" -- simulate "$seed"
check seed-deciding 0 "resource \"resourcePolicy\" Sid \"CrossAccountAppRole\"  $seed:45:7" -- simulate "$seed"
check seed-json 0 '"decidingStatements": [' -- simulate --format json "$seed"
check seed-json-types 0 '"type": "resource"' -- simulate --format json "$seed"
check seed-aws 0 '"EvalDecision": "allowed"' -- simulate --format aws "$seed"
check expectation-failed 1 "decision: expected Allow, got ImplicitDeny" -- simulate testdata/cli/wrong-expectation.json
check expectation-message 1 "because no resource-based policy allows the lambda:InvokeFunction action" -- simulate testdata/cli/wrong-expectation.json
check malformed 1 "testdata/cli/malformed.json:8:96: error unknown-element: unknown element \"Acton\" in a statement; did you mean \"Action\"? (at /identityPolicies/0/document/Statement/0/Acton)" -- simulate testdata/cli/malformed.json
check missing-file 2 "no-such-file.json: cannot open: No such file or directory" -- simulate testdata/cli/no-such-file.json
check bad-format 2 "--format" -- simulate --format yaml "$seed"
check aws-request 0 '"SourcePolicyId": "PolicyInputList.1"' -- simulate --aws-request --format aws testdata/aws/simulate-custom-policy.json
check test-dir 0 "passed, 0 failed" -- test testdata/seed
only_failing="${TEST_TMPDIR:-/tmp}/only-failing"
mkdir -p "$only_failing" && cp testdata/cli/wrong-expectation.json "$only_failing/"
check test-dir-failure 1 "0 passed, 1 failed" -- test "$only_failing"
check test-dir-errors 1 "0 passed, 3 failed" -- test testdata/cli
check misspelled-request-field 1 'testdata/cli/misspelled-fields.json:7:5: error unknown-element: unknown element "contex" in the request; did you mean "context"? (at /request/contex)' -- simulate testdata/cli/misspelled-fields.json
check misspelled-top-level-field 1 'testdata/cli/misspelled-fields.json:9:3: error unknown-element: unknown element "serviceControlPolicy" in a simulation file; did you mean "serviceControlPolicies"? (at /serviceControlPolicy)' -- simulate testdata/cli/misspelled-fields.json
empty_dir="${TEST_TMPDIR:-/tmp}/empty-dir"
mkdir -p "$empty_dir"
check test-empty-dir 2 'no simulation file with an "expect" was found' -- test "$empty_dir"
check check-never-matching-resource 1 'never-matches-policy.json:7:19: error malformed-arn: "arn:aws:lambda:us-east-1:44445555666:function:QiitaSample": the account field is not a 12-digit account id; this entry never matches' -- check --type identity testdata/fuzz/policy/never-matches-policy.json
check check-invalid-condition-value 1 'never-matches-policy.json:8:59: error invalid-condition-value: NumericGreaterThan expects a number such as "10", "-2.5" or "1e3", not "ten" (at /Statement/0/Condition/NumericGreaterThan/s3:max-keys)' -- check --type identity testdata/fuzz/policy/never-matches-policy.json
check lint-clean 0 "iamsim lint: 0 findings" -- lint --fail-on suggestion testdata/lint-cli/tree/sub/clean.json
check lint-cross-account 0 "warning cross-account-access" -- lint --type resource testdata/fuzz/policy/function-policy.json
check check-errors 1 "error json-type: Effect must be a string, not a boolean (at /Statement/0/Effect)" -- check testdata/fuzz/policy/bad-types.json
check not-json-exit-2 2 "error json-syntax: invalid JSON" -- check testdata/cli/not-json.txt
check help 0 "simulate" -- --help
echo "$failures failed"
[ "$failures" -eq 0 ]

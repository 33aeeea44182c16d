#!/usr/bin/env bash
# The bad-input table (cases.json), plus the two inputs that cannot be
# committed: a named pipe given as a file, and a file over the size cap.
set -u
iamsim="$1"
failures=0
python3 testdata/bad-inputs/check_cases.py --iamsim "$iamsim" | grep -v '^ok ' || failures=1

tmp="${TEST_TMPDIR:-$(mktemp -d)}"
expect() {  # expect NAME EXIT LINE -- ARGS...
  local name="$1" want="$2" line="$3"; shift 4
  local err code
  err=$(timeout 5 "$iamsim" "$@" 2>&1 >/dev/null); code=$?
  if [ "$code" != "$want" ] || ! grep -qxF -- "$line" <<<"$err"; then
    echo "FAIL $name: exit $code (want $want); stderr:"; echo "$err" | head -5; failures=1
  else
    echo "ok   $name"
  fi
}
mkfifo "$tmp/pipe.json"
for command in simulate lint; do
  expect "fifo-$command" 2 "$tmp/pipe.json: not a regular file (a pipe, device or socket); iamsim reads regular files, or standard input given as -" -- "$command" "$tmp/pipe.json"
done
head -c $((4 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$tmp/big.json"
expect oversize-simulate 2 "$tmp/big.json: error input-limit: the file is larger than 4194304 bytes, iamsim's limit for this kind of input; not read (at /)" -- simulate "$tmp/big.json"
head -c $((64 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$tmp/big-lint.json"
expect oversize-lint 2 "$tmp/big-lint.json: error input-limit: the file is larger than 67108864 bytes, iamsim's limit for this kind of input; not read (at /)" -- lint "$tmp/big-lint.json"
expect oversize-stdin 2 "<stdin>: error input-limit: the file is larger than 4194304 bytes, iamsim's limit for this kind of input; not read (at /)" -- simulate - <"$tmp/big.json"
exit $failures

#!/usr/bin/env bash
# `iamsim can` fixes applied to the world's own files with python3-jsonpatch turn each denial into
# Allow, and no other question of the world changes (cli/world_fix_test.py says how).
#
#   bazel test //cli:world_fix_test
#   cli/world_fix_test.sh bazel-bin/cli/iamsim      (from the repository root)
set -eu
iamsim="${1:?usage: world_fix_test.sh PATH/TO/iamsim}"
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${TEST_SRCDIR:-}" ]; then cd "$here/.."; fi
exec python3 "$here/world_fix_test.py" "$iamsim"

#!/usr/bin/env bash
# The fix corpus (testdata/fixes): every fix applied with an independent JSON
# Patch implementation (python3-jsonpatch), decided again, strangers checked.
set -u
out=$(/usr/bin/python3 testdata/fixes/check_fixes.py --iamsim "$1" 2>&1)
code=$?
grep -v '^ok ' <<<"$out"
exit $code

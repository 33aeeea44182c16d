#!/bin/sh
# Runs cli/lint_test.py (python3 with python3-jsonschema, from tools/ensure-deps.sh).
exec /usr/bin/python3 cli/lint_test.py "$1"

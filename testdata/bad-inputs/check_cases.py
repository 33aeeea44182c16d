#!/usr/bin/env python3
"""Runs the bad-input table against iamsim.

usage: testdata/bad-inputs/check_cases.py [--iamsim PATH] [--show-stderr] [TABLE.json ...]

Run from the repository root. TABLE defaults to testdata/bad-inputs/cases.json.
A case passes when iamsim exits within 5 s with the case's "exit", every
string of "output" is a whole line of its output (standard output, then
standard error: lint prints findings on standard output, other commands
print diagnostics on standard error), and every object of
"diagnostics" (if any) matches, member for member, an entry of the
"diagnostics" array of the JSON it prints on standard output. Optional:
"stdin" (fed to standard input), "notInOutput" (lines that must not appear),
"stdoutLacks" (substrings standard output must not contain).
"""
import argparse
import json
import subprocess
import sys


def diagnostics_of(stdout):
    doc = json.loads(stdout)
    items = doc if isinstance(doc, list) else [doc]
    out = []
    for item in items:
        out.extend(item.get('diagnostics') or [])
    return out


def run_case(iamsim, case):
    problems = []
    try:
        r = subprocess.run([iamsim] + case['args'], input=case.get('stdin', '').encode('utf-8'),
                           capture_output=True, timeout=5)
    except subprocess.TimeoutExpired:
        return ['timed out after 5 s'], ''
    stderr = r.stderr.decode('utf-8', errors='backslashreplace')
    lines = (r.stdout.decode('utf-8', errors='backslashreplace') + '\n' + stderr).split('\n')
    if r.returncode != case['exit']:
        problems.append(f'exit {r.returncode}, want {case["exit"]}')
    for want in case['output']:
        if want not in lines:
            problems.append(f'output lacks the line: {want}')
    for unwanted in case.get('notInOutput', []):
        if unwanted in lines:
            problems.append(f'output has the line: {unwanted}')
    stdout = r.stdout.decode('utf-8', errors='backslashreplace')
    for unwanted in case.get('stdoutLacks', []):
        if unwanted in stdout:
            problems.append(f'stdout contains {json.dumps(unwanted)}')
    for want in case.get('diagnostics', []):
        try:
            got = diagnostics_of(r.stdout.decode('utf-8'))
        except (ValueError, UnicodeDecodeError) as e:
            problems.append(f'stdout is not JSON: {e}')
            break
        if not any(all(d.get(k) == v for k, v in want.items()) for d in got):
            problems.append(f'no stdout diagnostic matches {json.dumps(want)}')
    return problems, stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--iamsim', default='bazel-bin/cli/iamsim')
    ap.add_argument('--show-stderr', action='store_true')
    ap.add_argument('tables', nargs='*', default=['testdata/bad-inputs/cases.json'])
    args = ap.parse_args()
    passed = failed = 0
    for table in args.tables:
        for case in json.load(open(table, encoding='utf-8')):
            problems, stderr = run_case(args.iamsim, case)
            if problems:
                failed += 1
                print(f'FAIL {case["name"]}')
                for p in problems:
                    print(f'     {p}')
            else:
                passed += 1
                print(f'ok   {case["name"]}')
            if args.show_stderr or problems:
                for line in stderr.rstrip('\n').split('\n'):
                    print(f'     | {line}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

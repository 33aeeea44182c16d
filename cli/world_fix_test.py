#!/usr/bin/env python3
"""`iamsim can` fixes, applied to the world's own files by an independent JSON Patch
implementation (Debian's python3-jsonpatch), turn each denial into Allow.

For every denied question below: `can --format json` on a copy of the world; then, for each fix,
a fresh copy, each edit's RFC 6902 patch applied to the file it names (edits without a patch must
say what to do instead: a `--context` change is applied as the flag, a policy the world holds no
file for must come with its AWS CLI command), `can` again on the patched copy: it must say Allow,
and every other question of the world must answer as before (no stranger gains access).

    python3 cli/world_fix_test.py bazel-bin/cli/iamsim      (from the repository root)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonpatch

QIITA = "testdata/worlds/qiita"
FIXES = "testdata/worlds/fixes"
Q = "arn:aws:lambda:us-east-1:444455556666:function:QiitaSample"
T = "arn:aws:lambda:us-east-1:222222222222:function:Target"
N = "arn:aws:lambda:us-east-1:222222222222:function:NoPolicy"

# (name, world, principal, action, resource, checks of the fixes as a whole)
CASES = [
    # A cross-account caller whose identity policy allows, without the function policy's grant:
    # the function policy (a get-policy "Policy" JSON string) is rewritten whole.
    ("cross-account", FIXES, "111111111111:role/xcaller", "lambda:InvokeFunction", T,
     {"file_suffix": "Target.policy.json", "owner": "resource-owner", "string_replace": True}),
    # The identity policy names another region: repaired in place, in the managed policy's
    # URL-encoded default version, with create-policy-version.
    ("wrong-region", FIXES, "role/regional", "lambda:InvokeFunction", T,
     {"file_suffix": "iam.json", "command_prefix": "aws iam create-policy-version",
      "url_encoded": True}),
    # An SCP at an OU denies: narrowed in organization.json by the management account.
    ("scp-at-ou", FIXES, "role/restricted", "lambda:InvokeFunction", T,
     {"file_suffix": "organization.json", "owner": "management-account",
      "target": "ou-fx00-restrict"}),
    # The boundary lacks the action: a statement scoped to the role added to the boundary.
    ("boundary", FIXES, "role/bounded", "lambda:InvokeFunction", T,
     {"file_suffix": "iam.json", "owner": "caller-account",
      "command_prefix": "aws iam create-policy-version"}),
    # A function without a policy file: no patch, the add-permission command and where the file
    # appears after the next collect.
    ("no-policy-file", FIXES, "role/xcaller", "lambda:InvokeFunction", N,
     {"no_file": "NoPolicy.policy.json"}),
    # The qiita world's denials (README "can spot checks").
    ("qiita-batch", QIITA, "role/batch", "lambda:InvokeFunction", Q, {}),
    # Both sides of a cross-account grant missing: one fix, two files.
    ("qiita-cognito-app", QIITA, "role/cognito-app", "lambda:InvokeFunction", Q,
     {"two_files": True}),
    ("qiita-alice-prod", QIITA, "user/alice", "lambda:InvokeFunction", Q + ":prod",
     {"context": "aws:MultiFactorAuthPresent=true"}),
    ("qiita-apigw-prod", QIITA, "444455556666:role/qiita-apigw-invoke", "lambda:InvokeFunction",
     Q + ":prod", {}),
]

failures = []


def fail(case, message):
    failures.append(f"{case}: {message}")
    print(f"FAIL {case}: {message}")


def can(iamsim, world, principal, action, resource, context=()):
    args = [iamsim, "can", principal, action, resource, "--world", world, "--format", "json"]
    for pair in context:
        args += ["--context", pair]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"exit {run.returncode}: {' '.join(args)}\n{run.stderr}")
    return json.loads(run.stdout)


def copy_world(world, tmp, name):
    dest = os.path.join(tmp, name)
    shutil.copytree(world, dest, ignore=shutil.ignore_patterns("golden", "*.md"))
    return dest


def retarget(path, old_world, new_world):
    """A file of the copy the report was made on, in another copy."""
    assert path.startswith(old_world + "/"), path
    return new_world + path[len(old_world):]


def apply_fix(name, fix, report_world, world):
    """Applies the fix's patches to `world`; returns the --context pairs it asks for."""
    context = []
    for edit in fix["edits"]:
        if "file" not in edit:
            if not edit.get("instruction"):
                fail(name, f"an edit with neither patch nor instruction: {edit}")
            context += re.findall(r"--context (\S+)", edit["instruction"])
            continue
        path = retarget(edit["file"], report_world, world)
        with open(path) as f:
            document = json.load(f)
        document = jsonpatch.JsonPatch(edit["patch"]).apply(document)
        with open(path, "w") as f:
            json.dump(document, f, indent=4)
    return context


def check_shape(name, fixes, want, world):
    edits = [e for fix in fixes for e in fix["edits"]]
    files = [e for e in edits if "file" in e]
    if "file_suffix" in want and not any(e["file"].endswith("/" + want["file_suffix"])
                                         for e in files):
        fail(name, f"no fix edits a file ending {want['file_suffix']}")
    if "owner" in want and not any(e["owner"]["kind"] == want["owner"] for e in files):
        fail(name, f"no edit is the {want['owner']}'s")
    if "target" in want and not any(e["owner"]["target"] == want["target"] for e in files):
        fail(name, f"no edit is at {want['target']}")
    if "command_prefix" in want and not any((e.get("command") or "").startswith(
            want["command_prefix"]) for e in edits):
        fail(name, f"no command {want['command_prefix']}")
    replaces = [op for e in files for op in e["patch"] if op["op"] == "replace"]
    if want.get("string_replace") and not any(isinstance(op["value"], str) for op in replaces):
        fail(name, "the string document is not replaced whole")
    if want.get("url_encoded") and not any(isinstance(op["value"], str) and "%7B" in op["value"]
                                           for op in replaces):
        fail(name, "the URL-encoded document is not replaced in its encoding")
    if "no_file" in want:
        if files:
            fail(name, f"a patch against a file the world does not hold: {files}")
        if not any(want["no_file"] in (e.get("instruction") or "") and
                   (e.get("command") or "").startswith("aws lambda add-permission")
                   for e in edits):
            fail(name, "no add-permission command naming the file to come")
    if want.get("two_files") and not any(len({e.get("file") for e in fix["edits"]}) == 2
                                         for fix in fixes):
        fail(name, "no fix edits two files")
    if "context" in want and not any("--context " + want["context"] in
                                     (e.get("instruction") or "") for e in edits):
        fail(name, f"no instruction --context {want['context']}")


def decisions(iamsim, world_of, cases):
    return {c[0]: can(iamsim, world_of[c[1]], *c[2:5])["decision"] for c in cases}


def check_apply_fix(iamsim, name, number, fix, world, principal, action, resource):
    """`can --apply-fix N` prints the one file the fix edits, patched as python3-jsonpatch
    patches it (compared as JSON), or refuses (exit 2) a fix of several files or none."""
    files = {e["file"] for e in fix["edits"] if "file" in e}
    run = subprocess.run([iamsim, "can", principal, action, resource, "--world", world,
                          "--apply-fix", str(number)], capture_output=True, text=True)
    if len(files) != 1:
        if run.returncode != 2:
            fail(name, f"--apply-fix {number} on a fix of {len(files)} files: exit {run.returncode}")
        return
    (path,) = files
    with open(path) as f:
        want = json.load(f)
    for edit in fix["edits"]:
        if "file" in edit:
            want = jsonpatch.JsonPatch(edit["patch"]).apply(want)
    if run.returncode != 0 or json.loads(run.stdout) != want:
        fail(name, f"--apply-fix {number}: exit {run.returncode}, output differs from the patch")


def main():
    iamsim = os.path.abspath(sys.argv[1])
    tmp = os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp()
    base = {w: copy_world(w, tmp, os.path.basename(w)) for w in (QIITA, FIXES)}
    before = decisions(iamsim, base, CASES)
    checked = 0
    for name, world, principal, action, resource, want in CASES:
        report = can(iamsim, base[world], principal, action, resource)
        if report["decision"] == "Allow" or not report["fixes"]:
            fail(name, f"{report['decision']} with {len(report['fixes'])} fixes")
            continue
        check_shape(name, report["fixes"], want, base[world])
        for i, fix in enumerate(report["fixes"], 1):
            check_apply_fix(iamsim, name, i, fix, base[world], principal, action, resource)
            fixed = copy_world(world, tmp, f"{name}-fix{i}")
            context = apply_fix(name, fix, base[world], fixed)
            if "no_file" in want and not context:
                continue  # Nothing to apply until the next collect.
            failed = len(failures)
            got = can(iamsim, fixed, principal, action, resource, context)["decision"]
            if got != "Allow":
                fail(name, f"fix {i} ({fix['summary']}) gives {got}")
            same = [c for c in CASES if c[1] == world and c[0] != name]
            if not context:  # A --context change is this call's only.
                after = decisions(iamsim, {world: fixed}, same)
                for other, decision in after.items():
                    if decision != before[other]:
                        fail(name, f"fix {i} changes {other}: {before[other]} -> {decision}")
            checked += 1
            if len(failures) == failed:
                print(f"ok   {name} fix {i}: {fix['summary'][:100]}")
    print(f"{checked} fixes applied and verified, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

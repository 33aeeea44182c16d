#!/usr/bin/python3
"""Checks the fixes iamsim suggests for the denials in testdata/fixes/.

Usage: /usr/bin/python3 testdata/fixes/check_fixes.py --iamsim PATH [cases.json]

For each row of cases.json (default: the one next to this script):
  * `iamsim simulate --format json [--aws-request] FILE` must not decide Allow, and the row's
    expectations must hold (see README.md for the fields);
  * for every fix N:
    (a) its edits' RFC 6902 patches, applied with the `jsonpatch` module (an implementation
        independent of iamsim's), give a file that iamsim decides Allow;
    (b) `iamsim simulate --apply-fix N FILE` prints JSON equal to (a)'s result and keeps every
        line of FILE that the patch does not touch, verbatim and in order;
    (c) strangers (simulation files only) stay denied unless they were allowed before;
    (d) every command passes `bash -n -c CMD` and holds no `<` placeholder; owners are of a
        known kind.
Prints `ok FILE` or `FAIL FILE: reason` lines and `N passed, N failed`; exits 1 on any failure.
"""

import argparse
import bisect
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonpatch  # Debian: python3-jsonpatch

OWNER_KINDS = {"caller-account", "resource-owner", "management-account"}
DENY = {"ImplicitDeny", "ExplicitDeny"}
STRANGER_ACCOUNT = "999999999999"
STRANGER_ROLE_SESSION = "assumed-role/iamsim-stranger/x"
FIX_POLICY_NAME = "iamsim-fix"
TIMEOUT = 60


# --------------------------------------------------------------------------------------------
# Running iamsim


class Runner:
    def __init__(self, iamsim, tmpdir):
        self.iamsim = iamsim
        self.tmpdir = tmpdir
        self.counter = 0

    def run(self, args):
        p = subprocess.run([self.iamsim] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def write(self, doc, hint):
        self.counter += 1
        path = os.path.join(self.tmpdir, "%03d-%s.json" % (self.counter, hint))
        with open(path, "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        return path

    def simulate(self, path, aws):
        """Returns (questions, error): the JSON object of each question, in order."""
        args = ["simulate", "--format", "json"] + (["--aws-request"] if aws else []) + [path]
        rc, out, err = self.run(args)
        try:
            report = json.loads(out)
        except ValueError:
            return None, "iamsim simulate exited %d without JSON: %s" % (rc, err.strip()[:500])
        questions = report if isinstance(report, list) else [report]
        if not questions or not all(isinstance(q, dict) and "decision" in q for q in questions):
            return None, "iamsim simulate printed no decision (exit %d): %s" % (rc, err.strip()[:500])
        if rc not in (0, 1):
            return None, "iamsim simulate exited %d: %s" % (rc, err.strip()[:500])
        return questions, None

    def decide(self, doc, aws, hint, question=0):
        """(decision of question `question`, all questions, error) for a document."""
        path = self.write(doc, hint)
        questions, error = self.simulate(path, aws)
        if error:
            return None, None, error
        if question >= len(questions):
            return None, None, "the patched file has %d questions" % len(questions)
        return questions[question].get("decision"), questions, None


def errors_of(report):
    return {(d.get("rule"), d.get("path"), d.get("message"))
            for d in report.get("diagnostics") or [] if d.get("severity") == "error"}


# --------------------------------------------------------------------------------------------
# Where each JSON value of a file is (lines), for the "untouched lines are kept" check


class Node:
    __slots__ = ("start", "end", "key_start", "children")

    def __init__(self, start):
        self.start = start       # offset of the value's first character
        self.end = start         # offset one past its last character
        self.key_start = None    # offset of the member's key, for object members
        self.children = None     # dict (object) or list (array) of Node


class PositionParser:
    """A small JSON parser that records the span of every value (the text is known valid)."""

    _scalar = re.compile(r'-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null')

    def __init__(self, text):
        self.text = text
        self.i = 0

    def ws(self):
        t = self.text
        while self.i < len(t) and t[self.i] in " \t\r\n":
            self.i += 1

    def string(self):
        t = self.text
        j = self.i + 1
        while t[j] != '"':
            j += 2 if t[j] == "\\" else 1
        raw = t[self.i:j + 1]
        self.i = j + 1
        return json.loads(raw)

    def value(self):
        self.ws()
        node = Node(self.i)
        c = self.text[self.i]
        if c == "{":
            self.i += 1
            node.children = {}
            self.ws()
            if self.text[self.i] == "}":
                self.i += 1
            else:
                while True:
                    self.ws()
                    key_start = self.i
                    key = self.string()
                    self.ws()
                    assert self.text[self.i] == ":"
                    self.i += 1
                    child = self.value()
                    child.key_start = key_start
                    node.children[key] = child
                    self.ws()
                    if self.text[self.i] == ",":
                        self.i += 1
                        continue
                    assert self.text[self.i] == "}"
                    self.i += 1
                    break
        elif c == "[":
            self.i += 1
            node.children = []
            self.ws()
            if self.text[self.i] == "]":
                self.i += 1
            else:
                while True:
                    node.children.append(self.value())
                    self.ws()
                    if self.text[self.i] == ",":
                        self.i += 1
                        continue
                    assert self.text[self.i] == "]"
                    self.i += 1
                    break
        elif c == '"':
            self.string()
        else:
            m = self._scalar.match(self.text, self.i)
            assert m, "bad JSON at offset %d" % self.i
            self.i = m.end()
        node.end = self.i
        return node


def unescape_pointer(path):
    if path == "":
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]


def lookup(root, tokens):
    """The node at tokens, or None; also the deepest existing ancestor and how deep it is."""
    node = root
    for depth, tok in enumerate(tokens):
        ch = node.children
        if isinstance(ch, dict) and tok in ch:
            node = ch[tok]
        elif isinstance(ch, list) and tok.isdigit() and int(tok) < len(ch):
            node = ch[int(tok)]
        else:
            return None, node, depth
    return node, node, len(tokens)


class LineMap:
    def __init__(self, text):
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line(self, offset):  # 0-based line of a character offset
        return bisect.bisect_left(self.newlines, offset)


def touched_lines(text, patch_ops):
    """0-based lines of `text` that the ops may change (a line-granular over-approximation)."""
    root = PositionParser(text).value()
    lm = LineMap(text)
    touched = set()

    def span(a, b):
        touched.update(range(lm.line(a), lm.line(max(a, b - 1)) + 1))

    def whole(node):  # the member (key included) or element
        span(node.key_start if node.key_start is not None else node.start, node.end)

    def append_into(container):  # a new member/element at the end of a container
        ch = container.children
        last = None
        if isinstance(ch, dict) and ch:
            last = list(ch.values())[-1]
        elif isinstance(ch, list) and ch:
            last = ch[-1]
        span(last.end - 1 if last is not None else container.start, container.end)

    def removal(path):
        tokens = unescape_pointer(path)
        node, ancestor, _ = lookup(root, tokens)
        if node is None:
            append_into(ancestor)
            return
        whole(node)
        line = lm.line(node.key_start if node.key_start is not None else node.start)
        touched.update({line - 1, lm.line(node.end) + 1})  # separators around it

    def addition(path):
        tokens = unescape_pointer(path)
        node, ancestor, depth = lookup(root, tokens)
        if node is not None:
            if isinstance(lookup(root, tokens[:-1])[0].children, list):
                # insertion before an element
                span(node.start, node.start + 1)
                touched.add(lm.line(node.start) - 1)
            else:
                whole(node)
            return
        if depth == len(tokens) - 1 or ancestor.children is None:
            append_into(ancestor) if ancestor.children is not None else whole(ancestor)
        else:
            append_into(ancestor)

    for op in patch_ops:
        kind = op.get("op")
        if kind == "test":
            continue
        if kind in ("replace",):
            removal(op["path"])
            addition(op["path"])
        elif kind == "remove":
            removal(op["path"])
        elif kind == "add":
            addition(op["path"])
        elif kind == "move":
            removal(op["from"])
            addition(op["path"])
        elif kind == "copy":
            addition(op["path"])
    return touched


def is_subsequence(needles, haystack):
    it = iter(haystack)
    missing = []
    for n in needles:
        for h in it:
            if h == n:
                break
        else:
            missing.append(n)
            break
    return missing


def last_nonempty(lines):
    for line in reversed(lines):
        if line.strip():
            return line
    return ""


# --------------------------------------------------------------------------------------------
# Strangers


def account_of_arn(arn):
    parts = arn.split(":")
    if len(parts) >= 6 and parts[0] == "arn" and re.fullmatch(r"\d{12}", parts[4] or ""):
        return parts[4]
    return None


def is_service_principal(principal):
    return not principal.startswith("arn:") and principal != "anonymous" and "." in principal


def resource_account(request):
    return request.get("resourceAccount") or account_of_arn(request.get("resource", ""))


def caller_account(request):
    principal = request.get("principal", "")
    if principal.startswith("arn:"):
        return account_of_arn(principal)
    if re.fullmatch(r"\d{12}", principal):
        return principal
    return resource_account(request)


def strip_principal_keys(context):
    if not isinstance(context, dict):
        return context
    out = {}
    for k, v in context.items():
        low = k.lower()
        if low.startswith("aws:principal") or low.startswith("aws:userid") or \
                low.startswith("aws:username"):
            continue
        out[k] = v
    return out


def stranger_variants(doc, original_identity=None):
    """[(label, transform)]: each transform maps a simulation document to a stranger's.

    original_identity: when not None (the default; see --stranger-holds-fixed-identity), the same-account
    stranger holds these identity policies (the file's, before the fix) instead of the fixed
    file's minus "iamsim-fix"."""
    request = doc.get("request", {})
    principal = request.get("principal", "")
    account = caller_account(request)
    variants = []

    def with_request(d, **changes):
        d = copy.deepcopy(d)
        r = d.setdefault("request", {})
        r.update(changes)
        if "context" in r:
            r["context"] = strip_principal_keys(r["context"])
        return d

    if account:
        def same_account(d):
            d = with_request(d, principal="arn:aws:sts::%s:%s" % (account, STRANGER_ROLE_SESSION))
            if original_identity is not None:
                d["identityPolicies"] = copy.deepcopy(original_identity)
            elif isinstance(d.get("identityPolicies"), list):
                d["identityPolicies"] = [p for p in d["identityPolicies"]
                                         if not (isinstance(p, dict) and p.get("name") == FIX_POLICY_NAME)]
            return d
        variants.append(("role iamsim-stranger of account %s (same identity policies)" % account,
                         same_account))

    def other_account(d):
        d = with_request(d, principal="arn:aws:sts::%s:%s" % (STRANGER_ACCOUNT, STRANGER_ROLE_SESSION))
        d["identityPolicies"] = [{"name": "iamsim-stranger-allow-all", "document": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]
        # The caller's boundary, session policy and SCPs are not the stranger's.
        for key in ("serviceControlPolicies", "permissionsBoundary", "sessionPolicy"):
            d.pop(key, None)
        return d
    variants.append(("role of account %s with allow-all identity policies" % STRANGER_ACCOUNT,
                     other_account))

    def anonymous(d):
        d = with_request(d, principal="anonymous")
        d["identityPolicies"] = []
        for key in ("serviceControlPolicies", "permissionsBoundary", "sessionPolicy"):
            d.pop(key, None)
        return d
    variants.append(("anonymous", anonymous))

    if is_service_principal(principal):
        def other_resource(d):
            d = with_request(d, principal=principal)
            ctx = d["request"].get("context")
            ctx = dict(ctx) if isinstance(ctx, dict) else {}
            for k in list(ctx):
                if k.lower() in ("aws:sourcearn", "aws:sourceaccount", "aws:sourceowner"):
                    del ctx[k]
            ctx["aws:SourceArn"] = "arn:aws:s3:::iamsim-stranger-%s" % STRANGER_ACCOUNT
            ctx["aws:SourceAccount"] = STRANGER_ACCOUNT
            d["request"]["context"] = ctx
            return d
        variants.append(("%s on behalf of account %s's resource" % (principal, STRANGER_ACCOUNT),
                         other_resource))
    return variants


# --------------------------------------------------------------------------------------------
# One row


def check_row(row, cases_dir, runner, options):
    path = os.path.join(cases_dir, row["file"])
    aws = bool(row.get("aws"))
    problems = []
    notes = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    original = json.loads(text)

    questions, error = runner.simulate(path, aws)
    if error:
        return [error], notes
    denied = [i for i, q in enumerate(questions) if q.get("decision") != "Allow"]
    if not denied:
        return ["the file is already allowed"], notes
    # --apply-fix N applies fix N of the first denied question: the row is about that one.
    primary = denied[0]
    report = questions[primary]
    decision = report.get("decision")
    if row.get("decision") and decision != row["decision"]:
        problems.append("decision %s, expected %s" % (decision, row["decision"]))
    base_errors = errors_of(report)

    fixes = report.get("fixes")
    unfixable = report.get("unfixable")
    if not isinstance(fixes, list) or not isinstance(unfixable, list):
        return problems + ["the report has no \"fixes\"/\"unfixable\" lists"], notes

    # ---- the row's expectations
    summaries = [str(fx.get("summary", "")) for fx in fixes]
    edits = [e for fx in fixes for e in fx.get("edits") or []]
    commands = [e.get("command") for e in edits if e.get("command") is not None]
    reasons = [r if isinstance(r, str) else json.dumps(r) for r in unfixable]
    patch_texts = [json.dumps([e.get("patch") for e in fx.get("edits") or []]).lower() for fx in fixes]
    patch_paths = [[op.get("path", "") for e in fx.get("edits") or [] for op in e.get("patch") or []]
                   for fx in fixes]

    if len(fixes) < row.get("minFixes", 0):
        problems.append("%d fixes, expected at least %d (unfixable: %s)"
                        % (len(fixes), row["minFixes"], reasons))
    if "maxFixes" in row and len(fixes) > row["maxFixes"]:
        problems.append("%d fixes, expected at most %d: %s" % (len(fixes), row["maxFixes"], summaries))
    for s in row.get("fixSummaryContains", []):
        if not any(s in x for x in summaries):
            problems.append("no fix summary contains %r (summaries: %s)" % (s, summaries))
    if "editsInSomeFix" in row and not any(len(fx.get("edits") or []) == row["editsInSomeFix"]
                                           for fx in fixes):
        problems.append("no fix has exactly %d edits (edit counts: %s)"
                        % (row["editsInSomeFix"], [len(fx.get("edits") or []) for fx in fixes]))
    for s in row.get("unfixableContains", []):
        if not any(s in r for r in reasons):
            problems.append("no unfixable reason contains %r (reasons: %s)" % (s, reasons))
    for s in row.get("commandContains", []):
        if not any(s in c for c in commands):
            problems.append("no command contains %r (commands: %s)" % (s, commands))
    for s in row.get("commandLacks", []):
        for c in commands:
            if s in c:
                problems.append("a command contains %r: %s" % (s, c))
    if row.get("patchContains"):
        wanted = [s.lower() for s in row["patchContains"]]
        if not any(all(s in t for s in wanted) for t in patch_texts):
            problems.append("no fix's patches contain all of %s" % row["patchContains"])
    for s in row.get("patchLacks", []):
        for i, t in enumerate(patch_texts):
            if s.lower() in t:
                problems.append("fix %d's patch contains %r" % (i + 1, s))
    for prefix in row.get("patchPathPrefix", []):
        if not any(any(p == prefix or p.startswith(prefix + "/") for p in paths)
                   for paths in patch_paths):
            problems.append("no fix patches a path at or under %s (paths: %s)" % (prefix, patch_paths))
    for kind in row.get("ownerKinds", []):
        if not any((e.get("owner") or {}).get("kind") == kind for e in edits):
            problems.append("no edit is owned by a %s" % kind)

    # ---- the text report says the same, and --apply-fix past the last fix is a usage error
    rc, text_out, err = runner.run(["simulate"] + (["--aws-request"] if aws else []) + [path])
    if "Blockers" not in text_out:
        problems.append("the text report has no Blockers section")
    text_lines = text_out.split("\n")
    for n, summary in enumerate(summaries, start=1):
        if "  %d. %s" % (n, summary) not in text_lines:
            problems.append("the text report does not list fix %d as %r" % (n, "  %d. %s" % (n, summary)))
    for r in reasons:
        if r not in text_out:
            problems.append("the text report does not give the unfixable reason %r" % r)
    rc, out, err = runner.run(["simulate", "--apply-fix", str(len(fixes) + 1)]
                              + (["--aws-request"] if aws else []) + [path])
    if rc != 2:
        problems.append("--apply-fix %d (out of range) exited %d, not 2" % (len(fixes) + 1, rc))

    # ---- every fix
    original_lines = text.split("\n")
    for n, fx in enumerate(fixes, start=1):
        tag = "fix %d (%s)" % (n, fx.get("summary"))
        fx_edits = fx.get("edits") or []
        if not fx_edits:
            problems.append("%s has no edits" % tag)
            continue
        # (d) owners and commands
        for e in fx_edits:
            owner = e.get("owner") or {}
            if owner.get("kind") not in OWNER_KINDS:
                problems.append("%s: owner kind %r" % (tag, owner.get("kind")))
            if not re.fullmatch(r"\d{12}", str(owner.get("account"))):
                problems.append("%s: owner account %r is not an account id" % (tag, owner.get("account")))
            elif owner.get("account") not in text:
                problems.append("%s: owner account %s appears nowhere in the file" % (tag, owner.get("account")))
            if e.get("file") != path:
                problems.append("%s: edit of file %r, expected %r" % (tag, e.get("file"), path))
            cmd = e.get("command")
            if cmd is not None:
                if not isinstance(cmd, str) or not cmd.strip():
                    problems.append("%s: command %r" % (tag, cmd))
                    continue
                if "<" in cmd:
                    problems.append("%s: command has a '<' placeholder: %s" % (tag, cmd))
                p = subprocess.run(["bash", "-n", "-c", cmd], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=TIMEOUT)
                if p.returncode != 0:
                    problems.append("%s: bash -n rejects the command (%s): %s"
                                    % (tag, p.stderr.decode().strip(), cmd))
        # (a) apply with jsonpatch
        patched = copy.deepcopy(original)
        all_ops = []
        try:
            for e in fx_edits:
                patched = jsonpatch.apply_patch(patched, e.get("patch"), in_place=False)
                all_ops.extend(e.get("patch"))
        except Exception as ex:  # jsonpatch.JsonPatchException, JsonPointerException, ...
            problems.append("%s: jsonpatch cannot apply it: %s" % (tag, ex))
            continue
        decision_a, questions_a, error = runner.decide(patched, aws, "fix%d" % n, primary)
        report_a = questions_a[primary] if questions_a else None
        if not error:
            for i, q in enumerate(questions):
                if i != primary and q.get("decision") == "Allow" and \
                        questions_a[i].get("decision") != "Allow":
                    problems.append("%s: takes away another question of the file: %s was Allow, is %s"
                                    % (tag, q.get("name"), questions_a[i].get("decision")))
        if error:
            problems.append("%s: patched file: %s" % (tag, error))
        elif decision_a != "Allow":
            problems.append("%s: with it applied the decision is %s, not Allow" % (tag, decision_a))
        else:
            new_errors = errors_of(report_a) - base_errors
            if new_errors:
                problems.append("%s: the patched file has new errors: %s" % (tag, sorted(new_errors)))
            new_security = {(d.get("rule"), d.get("path")) for d in report_a.get("diagnostics") or []
                            if d.get("severity") == "security"} - \
                           {(d.get("rule"), d.get("path")) for d in report.get("diagnostics") or []
                            if d.get("severity") == "security"}
            if new_security:
                notes.append("%s: the patched file has new security diagnostics %s"
                             % (tag, sorted(new_security)))
        # the request's facts that no fix may change
        fixed_keys = {k.lower() for k in row.get("contextKeysFixed", [])}
        if fixed_keys and not aws:
            def picked(d):
                ctx = (d.get("request") or {}).get("context") or {}
                return {k.lower(): v for k, v in ctx.items() if k.lower() in fixed_keys}
            if picked(patched) != picked(original):
                problems.append("%s: changes the request's %s (%s -> %s), facts AWS sets, not the caller"
                                % (tag, sorted(fixed_keys), picked(original), picked(patched)))
        # requests allowed before the fix must stay allowed
        for k, override in enumerate(row.get("stillAllowed", []) if not aws else []):
            def with_override(d):
                d = copy.deepcopy(d)
                r = d.setdefault("request", {})
                r.update(copy.deepcopy(override))
                return d
            d_before, _, error = runner.decide(with_override(original), False, "still%d-before" % k)
            if error:
                problems.append("%s: stillAllowed %s (before): %s" % (tag, override, error))
                continue
            if d_before != "Allow":
                problems.append("the row is wrong: stillAllowed %s is %s even before the fix"
                                % (override, d_before))
                continue
            d_after, _, error = runner.decide(with_override(patched), False, "still%d-after" % k)
            if error:
                problems.append("%s: stillAllowed %s: %s" % (tag, override, error))
            elif d_after != "Allow":
                problems.append("%s: takes away access the caller had: %s was Allow, is %s with the fix"
                                % (tag, override, d_after))
        # (b) --apply-fix
        rc, out, err = runner.run(["simulate", "--apply-fix", str(n)]
                                  + (["--aws-request"] if aws else []) + [path])
        if rc != 0:
            problems.append("%s: --apply-fix %d exited %d: %s" % (tag, n, rc, err.strip()[:300]))
        else:
            try:
                applied = json.loads(out)
            except ValueError as ex:
                applied = None
                problems.append("%s: --apply-fix output is not JSON: %s" % (tag, ex))
            if applied is not None and applied != patched:
                problems.append("%s: --apply-fix output differs from the jsonpatch result" % tag)
            out_lines = out.split("\n")
            if out_lines[0] != original_lines[0]:
                problems.append("%s: --apply-fix output does not start with the file's first line" % tag)
            if last_nonempty(out_lines) != last_nonempty(original_lines):
                problems.append("%s: --apply-fix output does not end with the file's last line" % tag)
            try:
                touched = touched_lines(text, all_ops)
                kept = [line for i, line in enumerate(original_lines) if i not in touched]
                missing = is_subsequence(kept, out_lines)
                if missing:
                    problems.append("%s: --apply-fix lost or reordered an untouched line: %r"
                                    % (tag, missing[0]))
            except Exception as ex:  # the position map is a heuristic; say so rather than crash
                notes.append("%s: could not map the patch to lines: %s" % (tag, ex))
        # (c) strangers
        if not aws and decision_a == "Allow":
            keep = original.get("identityPolicies", []) \
                if not options.stranger_holds_fixed_identity else None
            for label, make in stranger_variants(patched, keep):
                variant = make(patched)
                d_new, _, error = runner.decide(variant, False, "fix%d-stranger" % n)
                if error:
                    problems.append("%s: stranger %s: %s" % (tag, label, error))
                    continue
                if d_new in DENY:
                    continue
                before = copy.deepcopy(original)
                before["request"] = copy.deepcopy(patched.get("request"))
                d_old, _, error = runner.decide(make(before), False, "fix%d-stranger-before" % n)
                if error:
                    problems.append("%s: stranger %s (before the fix): %s" % (tag, label, error))
                elif d_old != "Allow":
                    problems.append("%s: lets a stranger in: %s is %s with the fix, %s without"
                                    % (tag, label, d_new, d_old))
    return problems, notes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iamsim", required=True, help="the iamsim binary")
    parser.add_argument("cases", nargs="?", default=os.path.relpath(os.path.join(here, "cases.json")))
    parser.add_argument("--stranger-holds-fixed-identity", action="store_true",
                        help="the same-account stranger holds the fixed file's identity policies "
                             "(minus iamsim-fix) instead of the caller's as they were before the fix "
                             "(the README's rule: repairing a shared policy gives its holders what it "
                             "was written to give)")
    parser.add_argument("--only", action="append", default=[],
                        help="check only rows whose file contains this (repeatable)")
    args = parser.parse_args()
    iamsim = args.iamsim if os.sep in args.iamsim else shutil.which(args.iamsim) or args.iamsim
    with open(args.cases) as f:
        rows = json.load(f)
    cases_dir = os.path.dirname(args.cases)
    passed = failed = 0
    tmpdir = tempfile.mkdtemp(prefix="iamsim-fixes-")
    try:
        runner = Runner(iamsim, tmpdir)
        for row in rows:
            if args.only and not any(o in row["file"] for o in args.only):
                continue
            name = os.path.join(cases_dir, row["file"])
            try:
                problems, notes = check_row(row, cases_dir, runner, args)
            except Exception as ex:  # a crash of the checker is a failure of the row, not of the run
                problems, notes = ["checker error: %r" % ex], []
            for note in notes:
                print("note %s: %s" % (name, note))
            known = row.get("knownBug")
            if problems:
                failed += 1
                for p in problems:
                    print("FAIL %s: %s%s" % (name, p, " [known bug: %s]" % known if known else ""))
            else:
                passed += 1
                print("ok %s%s" % (name, " (knownBug row now passes: %s)" % known if known else ""))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

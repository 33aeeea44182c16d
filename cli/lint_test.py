#!/usr/bin/python3
"""iamsim lint end to end: exit codes, the three formats (SARIF validated
against the vendored OASIS schema), configuration, baseline, stdin, the
check alias, --explain and docs/rules.md being current.

Usage: lint_test.py IAMSIM  (run from the workspace root, as Bazel does)."""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

IAMSIM = os.path.abspath(sys.argv[1])
CASES = "testdata/lint-cli"
failures = []


def run(*args, stdin=None, cwd=None):
    p = subprocess.run([IAMSIM, *args], input=stdin, capture_output=True, text=True,
                       cwd=cwd, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {detail}")


def findings_of(stdout):
    return [(f["rule"], f["file"], f["path"]) for f in json.loads(stdout)["findings"]]


# A directory: policies found recursively, a JSON file of another kind is a note.
code, out, err = run("lint", f"{CASES}/tree", "--format", "json", "--config", "/dev/null/none")
check("missing config file is an input error", code == 2, (code, err))
code, out, err = run("lint", f"{CASES}/tree", "--format", "json")
got = findings_of(out)
check("directory exit 1 on security", code == 1, (code, err))
check("admin-access found", ("admin-access", f"{CASES}/tree/admin.json", "/Statement/0") in got, got)
check("unknown-action found",
      ("unknown-action", f"{CASES}/tree/sub/typo.json", "/Statement/0/Action/0") in got, got)
check("clean file has no findings", not any(f[1].endswith("clean.json") for f in got), got)
check("package.json is a note", "package.json: note: not a policy" in err, err)
check("notes.txt not read", "notes.txt" not in err + out, err)
doc = json.loads(out)
check("catalog stamped", doc["catalog"].startswith("iam-data"), doc["catalog"])
first = doc["findings"][0]
check("finding shape", list(first.keys()) == ["rule", "severity", "file", "line", "column",
                                             "endLine", "endColumn", "document", "path",
                                             "message"], list(first.keys()))
check("sorted by file", [f["file"] for f in doc["findings"]] ==
      sorted(f["file"] for f in doc["findings"]), doc["findings"])
typo = [f for f in doc["findings"] if f["rule"] == "unknown-action"][0]
check("exact position", (typo["line"], typo["column"]) == (7, 18), typo)
check("did you mean", "lambda:InvokeFunction" in typo["message"], typo["message"])

# --fail-on: an error is at least as severe as security; nothing reaches "error" in clean.json.
code, _, _ = run("lint", f"{CASES}/tree/sub/typo.json", "--fail-on", "error")
check("error fails --fail-on error", code == 1, code)
code, out, _ = run("lint", f"{CASES}/tree/sub/clean.json", "--fail-on", "suggestion")
check("clean passes --fail-on suggestion", code == 0, (code, out))

# Text: file:line:col: severity rule: message.
code, out, err = run("lint", f"{CASES}/tree/sub/typo.json")
check("text line", out.startswith(f"{CASES}/tree/sub/typo.json:7:18: error unknown-action: "),
      out)
check("summary on stderr", "1 findings (1 error" in err, err)

# Standard input and the check alias with --type.
with open(f"{CASES}/tree/admin.json") as f:
    admin = f.read()
code, out, _ = run("check", "-", "--type", "identity", "--format", "json", stdin=admin)
check("check alias reads stdin", code == 1 and findings_of(out)[0][:2] == ("admin-access", "<stdin>"),
      (code, out))

# Configuration: a suppression with a reason and a Sid, a severity change, an unused one noted.
code, out, err = run("lint", f"{CASES}/tree", "--format", "json", "--config",
                     f"{CASES}/config-suppress.json")
got = findings_of(out)
check("suppressed by sid", not any(r == "admin-access" for r, _, _ in got), got)
check("severity changed", all(f["severity"] == "warning" for f in json.loads(out)["findings"]
                              if f["rule"] == "unknown-action"), out)
check("exit 0 when only warnings remain", code == 0, (code, err))
check("unused suppression noted", "suppression of public-access matched no finding" in err
      and "config-suppress.json:15:5" in err, err)
code, _, err = run("lint", f"{CASES}/tree", "--config", f"{CASES}/config-no-reason.json")
check("suppression without reason exits 2", code == 2 and "needs a reason" in err, (code, err))
check("config error located", "config-no-reason.json:3:5" in err, err)
code, _, err = run("lint", f"{CASES}/tree", "--config", f"{CASES}/config-bad-rule.json")
check("unknown rule in config exits 2", code == 2 and "did you mean" in err, (code, err))

# .iamsim.json is picked up from the working directory.
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "p.json"), "w") as f:
        f.write(admin)
    with open(os.path.join(tmp, ".iamsim.json"), "w") as f:
        json.dump({"severity": {"admin-access": "off", "privilege-escalation": "off"}}, f)
    code, out, err = run("lint", "p.json", cwd=tmp)
    check("default config used", code == 0 and out == "", (code, out, err))

# Baseline: only new findings count.
with tempfile.TemporaryDirectory() as tmp:
    baseline = os.path.join(tmp, "baseline.json")
    _, out, _ = run("lint", f"{CASES}/tree", "--format", "json")
    with open(baseline, "w") as f:
        f.write(out)
    code, out, _ = run("lint", f"{CASES}/tree", "--format", "json", "--baseline", baseline)
    check("baseline absorbs old findings", code == 0 and findings_of(out) == [], (code, out))
    with open(baseline, "w") as f:
        f.write('{"findings": [{"rule": 3}]}')
    code, _, err = run("lint", f"{CASES}/tree", "--baseline", baseline)
    check("bad baseline exits 2", code == 2 and "/findings/0" in err, (code, err))

# SARIF 2.1.0, validated against the OASIS schema; relative URIs under %SRCROOT%.
code, out, _ = run("lint", f"{CASES}/tree", "--format", "sarif")
sarif = json.loads(out)
with open("third_party/sarif/sarif-schema-2.1.0.json") as f:
    schema = json.load(f)
try:
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
except jsonschema.ValidationError as e:
    failures.append(f"SARIF invalid: {e.message} at {list(e.absolute_path)}")
run0 = sarif["runs"][0]
rules = run0["tool"]["driver"]["rules"]
results = run0["results"]
check("every result's rule listed", all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results),
      results)
admin_result = [r for r in results if r["ruleId"] == "admin-access"][0]
loc = admin_result["locations"][0]["physicalLocation"]
check("relative uri", loc["artifactLocation"] == {"uri": f"{CASES}/tree/admin.json",
                                                   "uriBaseId": "%SRCROOT%"}, loc)
check("security level", admin_result["level"] == "error", admin_result)
admin_rule = rules[admin_result["ruleIndex"]]
check("security-severity", admin_rule["properties"].get("security-severity") == "8.0", admin_rule)
check("help from the rule page", "Fix" in admin_rule["help"]["text"], admin_rule["help"])
check("region", (loc["region"]["startLine"], loc["region"]["startColumn"]) == (4, 5), loc)
check("catalog in sarif", run0["tool"]["driver"]["properties"]["catalog"].startswith("iam-data"),
      run0["tool"]["driver"])

# --explain and docs/rules.md.
code, out, _ = run("lint", "--explain", "confused-deputy")
check("explain page", code == 0 and out.startswith("## confused-deputy"), out[:80])
code, _, err = run("lint", "--explain", "confused-deputi")
check("explain did you mean", code == 2 and "confused-deputy" in err, err)
code, out, _ = run("lint", "--explain", "all")
with open("docs/rules.md") as f:
    check("docs/rules.md is current (iamsim lint --explain all > docs/rules.md)", f.read() == out)

# --version names the catalog.
code, out, _ = run("--version")
check("--version", code == 0 and "service catalog: iam-data" in out, out)

# catalog update: AWS's files -> a catalog file that --catalog selects (also after the subcommand).
with tempfile.TemporaryDirectory() as tmp:
    catalog = os.path.join(tmp, "catalog.bin")
    code, out, err = run("catalog", "update", "policy/data/service-reference", "--out", catalog)
    check("catalog update", code == 0 and "services" in out and os.path.getsize(catalog) > 0,
          (code, out, err))
    code, out, _ = run("lint", "--catalog", catalog, f"{CASES}/tree/sub/typo.json", "--format", "json")
    check("lint --catalog", code == 1 and findings_of(out)[0][0] == "unknown-action", (code, out))
    code, out, _ = run("--catalog", catalog, "--version")
    check("--version names the selected catalog", "iam-data" in out, out)
    code, _, err = run("lint", "--catalog", os.path.join(tmp, "missing.bin"), f"{CASES}/tree")
    check("missing catalog exits 2", code == 2 and "cannot open the catalog" in err, (code, err))
    code, _, err = run("catalog", "update", tmp, "--out", os.path.join(tmp, "x.bin"))
    check("catalog update of a directory without service files exits 2",
          code == 2 and "no <prefix>.json service files" in err, (code, err))

# Usage errors.
code, _, _ = run("lint")
check("no path is a usage error", code == 2, code)
code, _, _ = run("lint", "--format", "xml", f"{CASES}/tree")
check("bad format is a usage error", code == 2, code)
code, _, err = run("lint", f"{CASES}/missing.json")
check("missing file exits 2", code == 2, (code, err))

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("lint_test: all checks passed")

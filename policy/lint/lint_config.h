// File: policy/lint/lint_config.h
//
// The linter's configuration file (`--config FILE`, default `.iamsim.json`):
//
//   {"suppressions": [{"rule": "admin-access", "file": "break-glass/*",
//                      "sid": "BreakGlass", "reason": "audited by SEC-12"}],
//    "severity": {"service-wildcard": "suggestion", "redundant-action": "off"},
//    "trustedAccounts": ["111122223333"],
//    "trustedOrganizations": ["o-abcdefghij"]}
//
// A suppression removes the findings of its rule (required, a rule id) in
// the files its `file` glob matches (fnmatch(3) without flags: `*` also
// crosses `/`; absent: every file) and, with `sid`, only inside the statement
// of that Sid. Its `reason` is required: a suppression nobody can justify is
// a configuration error. `severity` maps a rule to error, security, warning,
// suggestion or off (off drops the rule's findings). Trusted accounts and
// organizations count as "ours" for the exposure rules.
//
// Errors in the file are located diagnostics (json-type, unknown-element,
// missing-element, invalid-input) naming the file, line:column and pointer.
//
// Thread-safety: a LintConfig is a plain value; ApplyLintConfig only reads it.
#ifndef IAMSIM_POLICY_LINT_LINT_CONFIG_H_
#define IAMSIM_POLICY_LINT_LINT_CONFIG_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "policy/diagnostics/diagnostic.h"
#include "policy/diagnostics/source_span.h"
#include "policy/lint/lint.h"

namespace iamsim {

struct LintSuppression {
  Rule rule;
  std::string file_glob;  // "" matches every file.
  std::string sid;        // "" matches every statement (and findings outside statements).
  std::string reason;
  Location location;  // Where the suppression is written, for the unused-suppression note.
};

struct LintConfig {
  std::vector<LintSuppression> suppressions;
  // Rule -> severity; nullopt: the rule is off.
  absl::flat_hash_map<Rule, std::optional<Severity>> severity;
  std::vector<std::string> trusted_accounts;
  std::vector<std::string> trusted_organizations;
};

struct LintConfigResult {
  std::optional<LintConfig> config;  // Absent when the file has errors.
  std::vector<Diagnostic> diagnostics;
};

LintConfigResult ParseLintConfig(const SourceText& file);

// Applies `config` to one file's report: severities changed or dropped, then
// suppressed findings removed. `uses` (one counter per suppression, resized
// as needed) counts what each suppression removed, so that the caller can
// name the unused ones.
void ApplyLintConfig(const LintConfig& config, LintReport* report, std::vector<size_t>* uses);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_LINT_CONFIG_H_

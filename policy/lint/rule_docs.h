// File: policy/lint/rule_docs.h
//
// The page of every lint rule (policy/lint/rule_docs.json, embedded at build
// time): trigger, why it matters, how to fix it, a failing policy with the
// pointer its finding reports, a passing one, and the AWS page the rule rests
// on. `iamsim lint --explain RULE` prints one page; docs/rules.md is every
// page (RulesMarkdown), checked against the file by a test; SARIF output
// carries the pages as rule help.
//
// Thread-safety: the pages are parsed once, on first use, and immutable
// afterwards; every function may be called from any thread.
#ifndef IAMSIM_POLICY_LINT_RULE_DOCS_H_
#define IAMSIM_POLICY_LINT_RULE_DOCS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace iamsim {

struct RuleDoc {
  std::string id;
  std::string severity;
  std::string category;
  std::string summary;  // The trigger, one sentence.
  std::string why;
  std::string fix;
  std::string policy_type;       // The type the examples are linted as ("" inferred).
  std::string resource_type;     // "" when none.
  std::string resource_account;  // --resource-account of the examples, "" when none.
  std::string failing;       // The failing example, pretty-printed (or as written when not JSON).
  std::string failing_path;  // The pointer its finding reports.
  std::string passing;
  std::string aws_page;  // A URL.
};

// Every page, in file order. Empty only if the embedded file were broken
// (rule_docs_test asserts it is not).
const std::vector<RuleDoc>& RuleDocs();
// The page of `id`, or nullptr.
const RuleDoc* FindRuleDoc(absl::string_view id);

// One rule's page in Markdown (a level-2 heading named after the id).
std::string RulePageMarkdown(const RuleDoc& doc);
// docs/rules.md: the introduction, an index, every page, and the action
// lists behind the data-driven overreach rules with their sources.
std::string RulesMarkdown();

}  // namespace iamsim

#endif  // IAMSIM_POLICY_LINT_RULE_DOCS_H_
